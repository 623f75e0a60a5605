/* doc_limits.h -- what one document may cost: its size, and the time each
 * plugin may spend on it. Set in the [pipeline] section (max_doc_size,
 * plugin_timeout) and overridden by `quarry run --max-doc-size` and
 * `--plugin-timeout`; docs/config.md has the rules. Internal to the core. */
#ifndef QUARRY_DOC_LIMITS_H
#define QUARRY_DOC_LIMITS_H

#include <stddef.h>

/* Defaults: far above any news article, low enough that one bad input
 * cannot take a worker's memory or a run's time. */
#define QLIMIT_DEFAULT_DOC_BYTES ((size_t)16 << 20)
#define QLIMIT_DEFAULT_TIMEOUT_MS 30000L

typedef struct qlimits {
    size_t max_doc_bytes; /* 0: no limit */
    long timeout_ms;      /* per document and plugin; 0: no limit */
} qlimits;

/* The defaults above. */
qlimits qlimits_default(void);

/* "16M", "512K", "1G", "1048576" or "0" (no limit): bytes, with an
 * optional binary suffix K, M or G (KiB, MiB, GiB; either case). 0, or -1
 * with a short reason in why[whysz]. */
int qlimit_parse_size(const char *s, size_t *out, char *why, size_t whysz);

/* "30", "2.5", "500ms", "30s", "2m" or "0" (no limit): seconds unless a
 * suffix (ms, s, m) says otherwise, at most a day. 0, or -1 with a reason. */
int qlimit_parse_duration(const char *s, long *out_ms, char *why, size_t whysz);

/* "16 MiB", "1.5 KiB", "100 bytes" -- for messages. */
void qlimit_format_size(size_t bytes, char *buf, size_t bufsz);

/* "30 s", "0.5 s" -- for messages. */
void qlimit_format_duration(long ms, char *buf, size_t bufsz);

#endif
