/*
 * quarry/quarry.h -- embedding quarry in a program.
 *
 * Open a pipeline from an INI file (or the built-in default), hand it
 * documents, get back JSON records exactly as `quarry run` writes them.
 * Link with -lquarry (pkg-config quarry).
 *
 * Thread-safety: qry_pipeline_open/close on one thread; extract() may run
 * concurrently on different worker indices (0 .. n_workers-1), never on the
 * same index at once. The logging functions may be called from any thread.
 */
#ifndef QUARRY_QUARRY_H
#define QUARRY_QUARRY_H

#include <stddef.h>

#include "quarry/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct qry_pipeline qry_pipeline;

/* The library version, e.g. "0.1.0". Static string. */
QRY_EXPORT const char *qry_version(void);

/* The name of a status code, e.g. "QRY_ERR_NOMEM". Static string. */
QRY_EXPORT const char *qry_status_name(int code);

/* Validate `ini_path` (NULL: the built-in default pipeline), load its
 * plugins and create n_workers instances where plugins ask for them.
 * Returns the pipeline, or NULL with every problem (one per line, as
 * `quarry check` prints them) in err[errsz] when err is not NULL. The
 * caller owns the pipeline and frees it with qry_pipeline_close. */
QRY_EXPORT qry_pipeline *qry_pipeline_open(const char *ini_path, unsigned n_workers, char *err, size_t errsz);

/* Run the pipeline over one document (UTF-8, `len` bytes, need not be
 * NUL-terminated) on worker `worker`. On QRY_OK, *json is a malloc'd
 * NUL-terminated record line (with its '\n'), owned by the caller, and
 * *json_len its length; invalid UTF-8 or NUL bytes give a record with an
 * error, like `quarry run`. Returns QRY_ERR_INVALID for a bad argument,
 * QRY_ERR_NOMEM when out of memory (then *json is NULL). */
QRY_EXPORT int qry_pipeline_extract(qry_pipeline *p, unsigned worker, const char *id, const char *text,
                                    size_t len, char **json, size_t *json_len);

/* Destroy the plugin instances and free the pipeline. NULL is a no-op. */
QRY_EXPORT void qry_pipeline_close(qry_pipeline *p);

/* ------------------------------------------------------------------------
 * Logging. Plugins log through their host table (qry_host.log, at a level
 * of enum qry_log_level); the core drops lines less severe than the log
 * level and hands the rest to the log handler. By default there is no
 * handler and each line goes to stderr as "quarry: PLUGIN: LEVEL: message"
 * (LEVEL one of error, warning, info, debug), as `quarry run` prints them.
 * ---------------------------------------------------------------------- */

/* One log line. `level` is enum qry_log_level; `plugin` is the pipeline's
 * name for the plugin that logged; `message` is the formatted line without
 * a trailing newline (cut at 1023 bytes). Both strings are the core's and
 * valid only during the call: copy what you keep. */
typedef void (*qry_log_handler)(void *userdata, int level, const char *plugin, const char *message);

/* Send log lines to `handler` (NULL: back to the stderr default), passing
 * `userdata` back untouched; it stays the caller's. Plugins log from worker
 * threads, so the handler runs on whichever thread logged, but never on two
 * at once: the core serialises the calls, and once this function returns
 * the previous handler is neither running nor called again (so its
 * userdata may be freed). The handler must not call qry_set_log_handler.
 * Process-wide; may be called from any thread at any time. */
QRY_EXPORT void qry_set_log_handler(qry_log_handler handler, void *userdata);

/* Drop log lines less severe than `level` (QRY_LOG_ERROR keeps only
 * errors, QRY_LOG_DEBUG keeps everything). The default is QRY_LOG_WARN.
 * Process-wide; may be called from any thread at any time. */
QRY_EXPORT void qry_set_log_level(int level);

#ifdef __cplusplus
}
#endif
#endif /* QUARRY_QUARRY_H */
