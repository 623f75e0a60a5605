/* output.h -- serialising a record. Internal to the core.
 *
 * JSON Lines is the record format (docs/record-format.md), written by
 * qout_jsonl straight from the record on the workers. The other formats
 * (tsv, brat, conll, html) are views of that format: a writer receives
 * each document's text with its record parsed back from the JSON line, in
 * input order, on one thread. They therefore depend on the documented
 * record only, never on the runner's internals. */
#ifndef QUARRY_OUTPUT_H
#define QUARRY_OUTPUT_H

#include <jansson.h>
#include <stdint.h>
#include <stdio.h>

#include "buf.h"
#include "record.h"

/* Append the record as one JSON Lines line (with its '\n') to b. The format
 * is documented in docs/record-format.md. Check b->oom afterwards. */
void qout_jsonl(qbuf *b, const qrecord *r);

enum qout_format { QOUT_JSONL, QOUT_TSV, QOUT_BRAT, QOUT_CONLL, QOUT_HTML };

/* "jsonl", "tsv", "brat", "conll", "html" -> enum qout_format; -1 otherwise. */
int qout_format_from_name(const char *name);

/* What a writer knows of the pipeline before the first document. */
typedef struct qout_schema {
    const char *const *types; /* entity types the pipeline's plugins declare, in pipeline order */
    size_t n_types;
} qout_schema;

/* One document as a writer sees it. */
typedef struct qout_doc {
    const char *text;  /* the document's text; NULL when it could not be read */
    size_t len;        /* bytes of text */
    const json_t *record; /* the record: id, entities, errors */
    uint64_t ordinal;  /* 0-based position among the documents written */
} qout_doc;

typedef struct qout_writer qout_writer;

/* One format. Every function returns 0, or -1 with a one-line reason in
 * w->why (a file and the system's error, typically). */
typedef struct qout_format_ops {
    int (*start)(qout_writer *w);
    int (*put)(qout_writer *w, const qout_doc *d);
    int (*finish)(qout_writer *w); /* the last document was put: trailers, summaries */
    void (*free)(qout_writer *w);  /* release state; called once, after start failed or not */
} qout_format_ops;

struct qout_writer {
    const qout_format_ops *ops;
    FILE *out;                 /* tsv, conll, html: where the text goes (not owned) */
    const char *dir;           /* brat: the directory files go into */
    const qout_schema *schema; /* borrowed for the writer's life */
    void *state;               /* the format's */
    char why[512];
};

extern const qout_format_ops qout_tsv_ops, qout_brat_ops, qout_conll_ops, qout_html_ops;

/* A writer of `format` (not JSONL) into `out` or, for brat, `dir`;
 * started. NULL with the reason in why[whysz] on failure. */
qout_writer *qout_writer_open(int format, FILE *out, const char *dir, const qout_schema *schema, char *why,
                              size_t whysz);
int qout_writer_put(qout_writer *w, const qout_doc *d);
int qout_writer_finish(qout_writer *w);
void qout_writer_free(qout_writer *w);

/* ---- what the writers share (output_common.c) ---- */

/* A number as output_jsonl.c writes it: integral values without a
 * fraction, others in the shortest of 15 or 17 digits that reads back. */
void qout_number(qbuf *b, const json_t *v);

/* An attribute value as plain text: a string as it is, a number as
 * qout_number, true/false. */
void qout_value_text(qbuf *b, const json_t *v);

/* Character positions of every byte offset of a UTF-8 text: map[k] is the
 * number of characters before byte k (k = 0..len), counting code points,
 * or UTF-16 code units when utf16 (what JavaScript indexes by). malloc'd;
 * NULL when out of memory. */
uint32_t *qout_char_map(const char *text, size_t len, int utf16);

/* Integer fields of an entity ("start", "speaker_start", ...): 0 and *out
 * set when present and within [0, limit], else -1. */
int qout_offset(const json_t *obj, const char *key, size_t limit, size_t *out);

#endif
