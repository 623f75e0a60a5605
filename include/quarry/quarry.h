/*
 * quarry/quarry.h -- embedding quarry in a program.
 *
 * Open a pipeline from an INI file (or the built-in default), hand it
 * documents, get back JSON records exactly as `quarry run` writes them.
 * Link with -lquarry (pkg-config quarry).
 *
 * Thread-safety: qry_pipeline_open/close on one thread; extract() may run
 * concurrently on different worker indices (0 .. n_workers-1), never on the
 * same index at once.
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

#ifdef __cplusplus
}
#endif
#endif /* QUARRY_QUARRY_H */
