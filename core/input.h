/* input.h -- streaming document readers: plain text files, directories
 * (recursive, sorted by name), standard input, and JSON Lines. Internal to
 * the core. One reader is used by one thread (the pipeline's reader). */
#ifndef QUARRY_INPUT_H
#define QUARRY_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "diag.h"

enum qin_format { QIN_AUTO = 0, QIN_TEXT = 1, QIN_JSONL = 2, QIN_HTML = 3 };

typedef struct qin_options {
    int format;             /* enum qin_format; AUTO: *.jsonl / *.ndjson are JSON Lines, *.html /
                               *.htm HTML pages, others text (a .gz/.zst/.zstd suffix aside).
                               Any input may be gzip or zstd compressed (input_decompress.h) */
    const char *id_field;   /* JSON Lines id field name; NULL means "id" */
    const char *text_field; /* JSON Lines text field name; NULL means "text" */
} qin_options;

/* One document. All strings owned by the document, freed by qin_doc_clear. */
typedef struct qin_doc {
    char *id;          /* file path as given / joined for directories; JSONL: the id field
                          (string, or a number as written), else "PATH:LINE" */
    char *text;        /* UTF-8, NUL-terminated; NULL when `error` is set */
    size_t len;        /* bytes of text */
    char *error;       /* NULL, or a one-line reason the document is unusable:
                          unreadable file, invalid UTF-8 (with byte offset), NUL byte,
                          malformed JSON, missing or non-string text field */
    char *source;      /* "PATH" or "PATH:LINE", for messages */
    uint64_t ordinal;  /* 0-based count of documents returned so far */
} qin_doc;

typedef struct qin qin;

/* Open a reader over `paths` (files, directories, "-" for stdin), read
 * lazily in the given order. Does not touch the files yet beyond what is
 * needed to start. Returns NULL only on allocation failure. */
qin *qin_open(const char *const *paths, size_t n_paths, const qin_options *opts);

/* Produce the next document into *doc (which must be cleared/zeroed).
 * Returns 1 with a document (possibly carrying `error`), 0 at the end of
 * all inputs, or -1 on a failure that stops reading (out of memory), with
 * a line added to diags. A path that does not exist or cannot be opened
 * yields a document with `error` set, not -1. */
int qin_next(qin *in, qin_doc *doc, qdiag *diags);

void qin_doc_clear(qin_doc *doc);

/* Bytes of input files consumed so far (compressed bytes for compressed
 * files), for progress reports. Same thread as qin_next. */
uint64_t qin_bytes_read(const qin *in);
void qin_close(qin *in);

#endif
