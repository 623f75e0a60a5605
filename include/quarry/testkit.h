/*
 * quarry/testkit.h -- run one plugin on one text, without a pipeline file.
 *
 * For plugin authors' unit tests (after collectd's mock registration): the
 * test links the plugin's sources and libquarry, hands the descriptor to
 * qry_testkit_new(), and inspects what process() emitted. The plugin runs
 * through the very stage code of `quarry run` (segmenter, host table,
 * sink, services, the merge's ordering and duplicate drop), and data files
 * resolve through QUARRY_DATA_PATH exactly as in a real run. A plugin that
 * reads earlier stages' entities (descriptor `consumes`) gets them from
 * real plugins run before it (qry_testkit_add_before) or from entities the
 * test states (qry_testkit_given).
 *
 * Thread-safety: a qry_testkit is used by one thread at a time.
 * Errors: functions returning a pointer return NULL on failure and write a
 * one-line reason into the caller's buffer when one is given.
 */
#ifndef QUARRY_TESTKIT_H
#define QUARRY_TESTKIT_H

#include <stddef.h>
#include <stdint.h>

#include "quarry/plugin.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct qry_testkit qry_testkit;

/* One emitted entity. Owned by the testkit; valid until the next
 * qry_testkit_run() or qry_testkit_free(). */
typedef struct qry_test_entity {
    const char *type;
    size_t start, end; /* byte offsets into the text given to run() */
    const char *text;  /* NUL-terminated copy of text[start..end) */
} qry_test_entity;

/* Validate `options` against the descriptor (a NULL-terminated list of
 * alternating key, value strings; NULL for none) and call create(). Returns
 * the testkit, or NULL with the reason in err[errsz]: an unknown key or bad
 * value, or every problem create() reported (through the diag and table
 * services, "FILE:LINE: message", joined by "; ") followed by its
 * set_error text. The descriptor must outlive the testkit. */
QRY_EXPORT qry_testkit *qry_testkit_new(const qry_plugin_descriptor *descriptor, const char *const *options,
                             char *err, size_t errsz);

/* Run the plugin `name` before the plugin under test, as an earlier
 * pipeline stage would: found like a pipeline finds it (QUARRY_PLUGIN_PATH,
 * the build tree, the installed plugin directory), with `options` as for
 * qry_testkit_new. Stages run in the order added. Its entities are what a
 * consuming plugin reads; they are not among the testkit's results.
 * Returns QRY_OK, or a negative code with the reason in err[errsz]. */
QRY_EXPORT int qry_testkit_add_before(qry_testkit *tk, const char *name, const char *const *options, char *err,
                                      size_t errsz);

/* State that an earlier stage emitted an entity of `type` over every
 * occurrence of `surface` (on token boundaries) in the texts given to
 * run(), with string attributes `attrs` (alternating key, value; NULL for
 * none). For tests of a consuming plugin without the plugin that would
 * emit it. Returns QRY_OK, QRY_ERR_INVALID (bad type or key) or
 * QRY_ERR_NOMEM. */
QRY_EXPORT int qry_testkit_given(qry_testkit *tk, const char *type, const char *surface, const char *const *attrs);

/* Segment `text` (NUL-terminated UTF-8) and run the earlier stages and
 * the plugin once. Returns process()'s code; what the plugin emitted is
 * kept, sorted by start, longer span first, then emission order, exact
 * duplicates dropped as in a record. A set_error text, or a note of refused
 * emits and attributes, is available from last_error(). */
QRY_EXPORT int qry_testkit_run(qry_testkit *tk, const char *text);

/* The set_error text of the last failing call, or "" -- owned by tk. */
QRY_EXPORT const char *qry_testkit_last_error(const qry_testkit *tk);

/* Number of entities emitted by the last run(). */
QRY_EXPORT size_t qry_testkit_count(const qry_testkit *tk);

/* The i-th entity (0-based) of the last run(), or NULL past the end. */
QRY_EXPORT const qry_test_entity *qry_testkit_entity(const qry_testkit *tk, size_t i);

/* The first entity of `type` whose surface text equals `text`, or NULL.
 * `type` may be NULL to match any type. */
QRY_EXPORT const qry_test_entity *qry_testkit_find(const qry_testkit *tk, const char *type, const char *text);

/* Index of an entity returned by entity()/find(), for attr(). */
QRY_EXPORT size_t qry_testkit_index(const qry_testkit *tk, const qry_test_entity *e);

/* An attribute of entity i rendered as text, or NULL when absent: strings
 * as they are, integers in decimal, doubles with %.15g, booleans as
 * "true"/"false". Owned by tk. A number or boolean is rendered into one
 * buffer that the next attr()/attr_of() call overwrites: compare it before
 * asking for another (strings stay valid until the next run()). */
QRY_EXPORT const char *qry_testkit_attr(const qry_testkit *tk, size_t i, const char *key);

/* Convenience: attribute `key` of the first entity of `type` with surface
 * `text`, or NULL when there is no such entity or attribute. Same lifetime
 * as qry_testkit_attr(). */
QRY_EXPORT const char *qry_testkit_attr_of(const qry_testkit *tk, const char *type, const char *text, const char *key);

/* The segmentation of the last run()'s text, as `quarry tokens` prints it:
 * paragraphs, sentences, tokens with byte offsets, flags and text, one per
 * line -- for a failing test's message. Owned by tk; valid until the next
 * run() or tokens() call. "" before the first run(). */
QRY_EXPORT const char *qry_testkit_tokens(qry_testkit *tk);

/* Call destroy() and free everything. NULL is a no-op. */
QRY_EXPORT void qry_testkit_free(qry_testkit *tk);

#ifdef __cplusplus
}
#endif
#endif /* QUARRY_TESTKIT_H */
