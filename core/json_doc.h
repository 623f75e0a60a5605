/* json_doc.h -- one JSON Lines line's id and text, read without building a
 * tree (json_doc.c). Internal to the core. */
#ifndef QUARRY_JSON_DOC_H
#define QUARRY_JSON_DOC_H

#include <stddef.h>

enum {
    QJSON_OK = 0,       /* the line is an object read here: out is filled */
    QJSON_FALLBACK = 1, /* anything else: let jansson read (and judge) the line */
    QJSON_NOMEM = -1
};

typedef struct qjson_doc {
    char *id;   /* the id field's string, NUL-free, NUL-terminated; NULL when absent */
    size_t id_len;
    char *text; /* the text field's decoded string (may hold NULs), NUL-terminated; NULL when absent */
    size_t text_len;
} qjson_doc;

/* Reads line (len bytes, one JSON value) when it is an object whose members
 * are strings, numbers, true, false or null, with the id and text fields
 * (when present) strings. Then out->id and out->text are the caller's to
 * free and the result is what jansson would have read. Duplicate members:
 * the last wins, as in jansson. Anything else (arrays or objects as values,
 * escaped keys, invalid JSON or UTF-8, a non-string id or text) returns
 * QJSON_FALLBACK with out empty. Thread-safe; allocates only out's strings. */
int qjson_doc_fast(const char *line, size_t len, const char *id_field, const char *text_field, qjson_doc *out);

#endif
