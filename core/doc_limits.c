/* doc_limits.c -- see doc_limits.h. Strict parsing, as for every INI value: a
 * limit that is silently misread would be worse than no limit. */
#include "doc_limits.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

qlimits qlimits_default(void) { return (qlimits){QLIMIT_DEFAULT_DOC_BYTES, QLIMIT_DEFAULT_TIMEOUT_MS}; }

int qlimit_parse_size(const char *s, size_t *out, char *why, size_t whysz)
{
    char *end;
    errno = 0;
    if (!s || *s < '0' || *s > '9') {
        snprintf(why, whysz, "expected a size such as 16M, 512K or 1048576, got '%s'", s ? s : "");
        return -1;
    }
    unsigned long long v = strtoull(s, &end, 10);
    unsigned shift = 0;
    if (*end && !end[1]) {
        switch (*end) {
        case 'k': case 'K': shift = 10; end++; break;
        case 'm': case 'M': shift = 20; end++; break;
        case 'g': case 'G': shift = 30; end++; break;
        default: break;
        }
    }
    if (errno || *end) {
        snprintf(why, whysz, "expected a size such as 16M, 512K or 1048576, got '%s'", s);
        return -1;
    }
    if (v > (SIZE_MAX >> shift) || (v << shift) > ((unsigned long long)1 << 40)) {
        snprintf(why, whysz, "'%s' is more than 1T", s);
        return -1;
    }
    *out = (size_t)(v << shift);
    return 0;
}

int qlimit_parse_duration(const char *s, long *out_ms, char *why, size_t whysz)
{
    char *end;
    double scale = 1000;
    if (!s || !((*s >= '0' && *s <= '9') || *s == '.')) {
        snprintf(why, whysz, "expected a duration such as 30, 2.5, 500ms or 2m, got '%s'", s ? s : "");
        return -1;
    }
    errno = 0;
    double v = strtod(s, &end);
    if (strcmp(end, "ms") == 0)
        scale = 1;
    else if (strcmp(end, "s") == 0)
        scale = 1000;
    else if (strcmp(end, "m") == 0)
        scale = 60000;
    else if (*end)
        end = NULL;
    if (errno || !end || v != v) {
        snprintf(why, whysz, "expected a duration such as 30, 2.5, 500ms or 2m, got '%s'", s);
        return -1;
    }
    double ms = v * scale;
    if (ms > 86400000.0) {
        snprintf(why, whysz, "'%s' is more than a day", s);
        return -1;
    }
    if (ms > 0 && ms < 1)
        ms = 1; /* a positive budget never rounds to "no limit" */
    *out_ms = (long)ms;
    return 0;
}

void qlimit_format_size(size_t bytes, char *buf, size_t bufsz)
{
    static const char *const units[] = {"KiB", "MiB", "GiB", "TiB"};
    if (bytes < 1024) {
        snprintf(buf, bufsz, "%zu bytes", bytes);
        return;
    }
    double v = (double)bytes / 1024;
    int u = 0;
    while (v >= 1024 && u < 3) {
        v /= 1024;
        u++;
    }
    if (v == (double)(long long)v)
        snprintf(buf, bufsz, "%lld %s", (long long)v, units[u]);
    else
        snprintf(buf, bufsz, "%.1f %s", v, units[u]);
}

void qlimit_format_duration(long ms, char *buf, size_t bufsz)
{
    if (ms % 1000 == 0)
        snprintf(buf, bufsz, "%ld s", ms / 1000);
    else
        snprintf(buf, bufsz, "%.3g s", (double)ms / 1000);
}
