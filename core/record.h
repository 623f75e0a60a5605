/* record.h -- one document's result: entities from every plugin and the
 * errors met on the way. The core owns all of it (an arena per record);
 * plugins only ever reach it through the sink functions of the host table.
 * Internal to the core. */
#ifndef QUARRY_RECORD_H
#define QUARRY_RECORD_H

#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "entities.h"
#include "quarry/plugin.h"

enum qattr_type { QATTR_STRING, QATTR_INT, QATTR_DOUBLE, QATTR_BOOL };

typedef struct qattr {
    const char *key; /* in the record's arena */
    int type;        /* enum qattr_type */
    union {
        struct { const char *s; size_t len; } str;
        int64_t i;
        double d;
        int b;
    } v;
} qattr;

typedef struct qentity {
    const char *type;   /* arena */
    size_t start, end;  /* bytes, end exclusive */
    const char *plugin; /* the emitting plugin's pipeline name (arena) */
    int priority;       /* position of the plugin in the pipeline: lower wins */
    size_t seq;         /* emission order, for a stable sort */
    qattr *attrs;       /* arena; grown by doubling */
    size_t n_attrs, cap_attrs;
} qentity;

typedef struct qrec_error {
    const char *plugin;  /* NULL for an input or core error */
    const char *code;    /* "QRY_ERR_IO", ... */
    const char *message; /* one line */
} qrec_error;

typedef struct qrecord {
    qarena arena;
    const char *id;   /* arena */
    const char *text; /* borrowed: the document text, valid while the record is written */
    size_t text_len;
    qentity *ents;    /* malloc'd, reused across documents */
    size_t n_ents, cap_ents;
    qrec_error *errors; /* malloc'd, reused */
    size_t n_errors, cap_errors;
    qents_index earlier; /* what a consuming stage sees of earlier stages; reused */
    struct {            /* refused calls of the stage running now (reset by qsink_init) */
        int emits, attrs;
        char first_attr[200]; /* why the first refused attribute was refused */
    } refused;
} qrecord;

/* Reset for a new document; keeps buffers. id is copied. Returns QRY_OK or
 * QRY_ERR_NOMEM. */
int qrec_begin(qrecord *r, const char *id, const char *text, size_t text_len);
void qrec_free(qrecord *r);

/* Append an error (strings copied). QRY_ERR_NOMEM on failure. */
int qrec_add_error(qrecord *r, const char *plugin, int code, const char *message);

/* qry_status_name() is public: see quarry/quarry.h. */
#include "quarry/quarry.h"

/* The sink a plugin's process() call writes into: one per call. */
struct qry_sink {
    qrecord *rec;
    const char *plugin;         /* arena copy of the plugin's name */
    int priority;
    const qry_plugin_descriptor *desc; /* declared types and attributes */
    const char *const *consumes; /* types this stage may read from earlier ones, or NULL */
    size_t first_entity;        /* handles are relative to this; earlier stages' entities precede it */
    char error[512];            /* set_error text for this call */
    int invalid_emits;          /* count of refused emits, reported once */
    int invalid_attrs;          /* count of refused attributes, reported once */
    char first_invalid[200];    /* what was wrong with the first refused call */
};

/* A sink for stage `priority` (its pipeline position) named `plugin`. */
void qsink_init(struct qry_sink *s, qrecord *r, const char *plugin, int priority, const qry_plugin_descriptor *desc);

/* What a call of process() had refused, as one line for the record:
 * "2 entities refused; first: ..." / "1 attribute refused; first: ..." /
 * "1 entity and 3 attributes refused; first: ...". */
void qsink_refusals(const qry_sink *s, char *buf, size_t bufsz);

/* The implementations behind the host table's emit/attr_* entries. */
int qsink_emit(qry_sink *s, const char *type, size_t start, size_t end);
int qsink_attr_string(qry_sink *s, int entity, const char *key, const char *value, size_t len);
int qsink_attr_int(qry_sink *s, int entity, const char *key, int64_t value);
int qsink_attr_double(qry_sink *s, int entity, const char *key, double value);
int qsink_attr_bool(qry_sink *s, int entity, const char *key, int value);

/* Find an attribute by key, or NULL. */
const qattr *qentity_attr(const qentity *e, const char *key);

#endif
