/* input.h -- streaming document readers: plain text files, directories
 * (recursive, sorted by name), standard input, and JSON Lines. Internal to
 * the core. One reader is used by one thread (the pipeline's reader). */
#ifndef QUARRY_INPUT_H
#define QUARRY_INPUT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "diag.h"

enum qin_format { QIN_AUTO = 0, QIN_TEXT = 1, QIN_JSONL = 2, QIN_HTML = 3 };

typedef struct qin_options {
    int format;             /* enum qin_format; AUTO: *.jsonl / *.ndjson are JSON Lines, *.html /
                               *.htm HTML pages, others text (a .gz/.zst/.zstd suffix aside).
                               Any input may be gzip or zstd compressed (input_decompress.h) */
    const char *id_field;   /* JSON Lines id field name; NULL means "id" */
    const char *text_field; /* JSON Lines text field name; NULL means "text" */
    size_t max_doc_bytes;   /* 0: no limit; else a larger document is an error, read no further than
                               the limit (a JSON line may take 6 times that, for escapes) */
    int skip_output;        /* set: the file at output_dev/output_ino is never read (it is -o) */
    dev_t output_dev;
    ino_t output_ino;
} qin_options;

/* One document. All strings owned by the document, freed by qin_doc_clear. */
typedef struct qin_doc {
    char *id;          /* file path as given / joined for directories; JSONL: the id field
                          (string, or a number as written), else "PATH:LINE" */
    char *text;        /* UTF-8, NUL-terminated; NULL when `error` is set */
    size_t len;        /* bytes of text */
    char *error;       /* NULL, or a one-line reason the document is unusable:
                          unreadable file, invalid UTF-8 (with byte offset), NUL byte,
                          malformed JSON, missing or non-string text field, too large,
                          not a regular file inside a directory */
    int error_code;    /* with error: QRY_ERR_IO (cannot read), QRY_ERR_LIMIT (too large),
                          QRY_ERR_UNSUPPORTED (a FIFO, socket or device met in a directory),
                          else QRY_ERR_INVALID */
    char *note;        /* NULL, or a problem that does not stop processing (a duplicate id) */
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
 * yields a document with `error` set, not -1. The output file met in a
 * directory is skipped with a line added to diags. Every document's id is
 * checked against the ids before it: a repeat gets a `note`. */
int qin_next(qin *in, qin_doc *doc, qdiag *diags);

void qin_doc_clear(qin_doc *doc);

/* Bytes of input files consumed so far (compressed bytes for compressed
 * files), for progress reports. Same thread as qin_next. */
uint64_t qin_bytes_read(const qin *in);
void qin_close(qin *in);

#endif
