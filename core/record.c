/* record.c -- building one document's record through the sink.
 * Every check a plugin could get wrong (span, type, key, UTF-8) is made
 * here, so a buggy plugin produces a recorded error, never a bad record. */
#include "record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "descriptor.h"
#include "text_check.h"

const char *qry_status_name(int code)
{
    switch (code) {
    case QRY_OK: return "QRY_OK";
    case QRY_ERR_NOMEM: return "QRY_ERR_NOMEM";
    case QRY_ERR_INVALID: return "QRY_ERR_INVALID";
    case QRY_ERR_IO: return "QRY_ERR_IO";
    case QRY_ERR_CONFIG: return "QRY_ERR_CONFIG";
    case QRY_ERR_UNSUPPORTED: return "QRY_ERR_UNSUPPORTED";
    case QRY_ERR_LIMIT: return "QRY_ERR_LIMIT";
    case QRY_ERR_INTERNAL: return "QRY_ERR_INTERNAL";
    default: return "QRY_ERR_UNKNOWN";
    }
}

/* Copy s into the arena, replacing any invalid UTF-8 byte with U+FFFD:
 * ids and messages come from file names and plugins, and the record must
 * stay valid JSON whatever they hold. */
static const char *arena_utf8(qarena *a, const char *s)
{
    size_t len = strlen(s), bad = 0;
    for (size_t i = 0; i < len;) {
        size_t ok = qtext_utf8_prefix(s + i, len - i);
        if (ok == len - i)
            break;
        bad++;
        i += ok + 1;
    }
    char *out = qarena_alloc(a, len + 2 * bad + 1);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t ok = qtext_utf8_prefix(s + i, len - i);
        memcpy(out + o, s + i, ok);
        o += ok;
        i += ok;
        if (i < len) {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        }
    }
    out[o] = '\0';
    return out;
}

int qrec_begin(qrecord *r, const char *id, const char *text, size_t text_len)
{
    qarena_reset(&r->arena);
    r->n_ents = 0;
    r->n_errors = 0;
    qents_reset(&r->earlier);
    r->text = text;
    r->text_len = text_len;
    r->id = arena_utf8(&r->arena, id);
    return r->id ? QRY_OK : QRY_ERR_NOMEM;
}

void qrec_free(qrecord *r)
{
    qarena_free(&r->arena);
    qents_free(&r->earlier);
    free(r->ents);
    free(r->errors);
    memset(r, 0, sizeof *r);
}

int qrec_add_error(qrecord *r, const char *plugin, int code, const char *message)
{
    if (r->n_errors == r->cap_errors) {
        size_t cap = r->cap_errors ? r->cap_errors * 2 : 4;
        qrec_error *grown = realloc(r->errors, cap * sizeof *grown);
        if (!grown)
            return QRY_ERR_NOMEM;
        r->errors = grown;
        r->cap_errors = cap;
    }
    qrec_error *e = &r->errors[r->n_errors];
    e->plugin = plugin ? arena_utf8(&r->arena, plugin) : NULL;
    e->code = qry_status_name(code);
    e->message = arena_utf8(&r->arena, message);
    if ((plugin && !e->plugin) || !e->message)
        return QRY_ERR_NOMEM;
    r->n_errors++;
    return QRY_OK;
}

void qsink_init(struct qry_sink *s, qrecord *r, const char *plugin, int priority, const qry_plugin_descriptor *desc)
{
    memset(s, 0, sizeof *s);
    s->rec = r;
    s->plugin = plugin;
    s->priority = priority;
    s->desc = desc;
    s->consumes = qdesc_consumes(desc);
    s->first_entity = r->n_ents;
    memset(&r->refused, 0, sizeof r->refused);
}

void qsink_refusals(const qry_sink *s, char *buf, size_t bufsz)
{
    char ents[32] = "", attrs[40] = "";
    if (s->invalid_emits)
        snprintf(ents, sizeof ents, "%d entit%s", s->invalid_emits, s->invalid_emits == 1 ? "y" : "ies");
    if (s->invalid_attrs)
        snprintf(attrs, sizeof attrs, "%d attribute%s", s->invalid_attrs, s->invalid_attrs == 1 ? "" : "s");
    snprintf(buf, bufsz, "%s%s%s refused; first: %s", ents, ents[0] && attrs[0] ? " and " : "", attrs,
             s->first_invalid);
}

/* Remember the first refused emit so the record can say what went wrong. */
static int refuse(qry_sink *s, const char *why, const char *type, size_t start, size_t end)
{
    s->rec->refused.emits++;
    if (s->invalid_emits++ == 0 && s->invalid_attrs == 0)
        snprintf(s->first_invalid, sizeof s->first_invalid, "emit of '%s' at %zu-%zu: %s", type, start, end, why);
    return QRY_ERR_INVALID;
}

static const char *declared_type(const qry_sink *s, const char *type)
{
    const char *const *types = s->desc->entity_types;
    for (size_t k = 0; types && types[k]; k++)
        if (strcmp(types[k], type) == 0)
            return types[k];
    return NULL;
}

int qsink_emit(qry_sink *s, const char *type, size_t start, size_t end)
{
    qrecord *r = s->rec;
    if (!type || !declared_type(s, type))
        return refuse(s, "type not declared by the plugin", type ? type : "(null)", start, end);
    if (start >= end || end > r->text_len)
        return refuse(s, "span outside the text or empty", type, start, end);
    /* spans must fall on code point boundaries */
    if (((unsigned char)r->text[start] & 0xC0) == 0x80 ||
        (end < r->text_len && ((unsigned char)r->text[end] & 0xC0) == 0x80))
        return refuse(s, "span splits a UTF-8 character", type, start, end);
    if (r->n_ents == r->cap_ents) {
        size_t cap = r->cap_ents ? r->cap_ents * 2 : 32;
        qentity *grown = realloc(r->ents, cap * sizeof *grown);
        if (!grown)
            return QRY_ERR_NOMEM;
        r->ents = grown;
        r->cap_ents = cap;
    }
    qentity *e = &r->ents[r->n_ents];
    memset(e, 0, sizeof *e);
    e->type = declared_type(s, type); /* static in the plugin: no copy needed */
    e->start = start;
    e->end = end;
    e->plugin = s->plugin;
    e->priority = s->priority;
    e->seq = r->n_ents;
    r->n_ents++;
    return (int)(r->n_ents - 1 - s->first_entity);
}

static int valid_key(const char *key)
{
    if (!key || !*key || strlen(key) > 64)
        return 0;
    for (const char *p = key; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return 0;
    return 1;
}

static const char *attr_type_name(int type)
{
    static const char *const names[] = {"string", "int", "double", "bool"};
    return type >= QRY_ATTR_STRING && type <= QRY_ATTR_BOOL ? names[type - 1] : "?";
}

/* Remember the first refused attribute, like a refused emit. */
static qattr *refuse_attr(qry_sink *s, const char *key, const char *why)
{
    /* the record keeps its own account, so that refused attributes are
     * noted even when no emit was refused (pipeline_run.c adds the note) */
    if (s->rec->refused.attrs++ == 0)
        snprintf(s->rec->refused.first_attr, sizeof s->rec->refused.first_attr, "attribute '%s': %s",
                 key ? key : "(null)", why);
    if (s->invalid_attrs++ == 0 && s->invalid_emits == 0)
        snprintf(s->first_invalid, sizeof s->first_invalid, "attribute '%s': %s", key ? key : "(null)", why);
    return NULL;
}

/* The slot for `key` on the entity behind handle `h`, created if new.
 * `type` is the QRY_ATTR_* the caller is setting: once a plugin declares
 * its attributes, only declared ones of the declared type pass. */
static qattr *attr_slot(qry_sink *s, int h, const char *key, int type)
{
    qrecord *r = s->rec;
    if (h < 0 || (size_t)h >= r->n_ents - s->first_entity)
        return refuse_attr(s, key, "no entity with that handle in this call");
    if (!valid_key(key))
        return refuse_attr(s, key, "not a key ([a-z0-9_]+, at most 64 bytes)");
    qentity *e = &r->ents[s->first_entity + (size_t)h];
    if (qdesc_declares_attrs(s->desc)) {
        const qry_attr_spec *spec = qdesc_attr(s->desc, e->type, key);
        if (!spec)
            return refuse_attr(s, key, "not declared for this entity type");
        if (spec->type != type && !(spec->type == QRY_ATTR_DOUBLE && type == QRY_ATTR_INT)) {
            char why[96];
            snprintf(why, sizeof why, "declared %s, set as %s", attr_type_name(spec->type), attr_type_name(type));
            return refuse_attr(s, key, why);
        }
    }
    for (size_t k = 0; k < e->n_attrs; k++)
        if (e->attrs[k].key[0] == key[0] && strcmp(e->attrs[k].key, key) == 0)
            return &e->attrs[k];
    if (e->n_attrs == e->cap_attrs) {
        size_t cap = e->cap_attrs ? e->cap_attrs * 2 : 8;
        qattr *grown = qarena_alloc(&r->arena, cap * sizeof *grown);
        if (!grown)
            return NULL;
        if (e->n_attrs)
            memcpy(grown, e->attrs, e->n_attrs * sizeof *grown);
        e->attrs = grown;
        e->cap_attrs = cap;
    }
    qattr *a = &e->attrs[e->n_attrs];
    a->key = qarena_strndup(&r->arena, key, strlen(key));
    if (!a->key)
        return NULL;
    e->n_attrs++;
    return a;
}

int qsink_attr_string(qry_sink *s, int entity, const char *key, const char *value, size_t len)
{
    char why[64];
    if (!value || qtext_check(value, len, why, sizeof why) != 0) {
        refuse_attr(s, key, value ? why : "NULL value");
        return QRY_ERR_INVALID;
    }
    char *copy = qarena_strndup(&s->rec->arena, value, len);
    if (!copy)
        return QRY_ERR_NOMEM;
    qattr *a = attr_slot(s, entity, key, QRY_ATTR_STRING);
    if (!a)
        return QRY_ERR_INVALID;
    a->type = QATTR_STRING;
    a->v.str.s = copy;
    a->v.str.len = len;
    return QRY_OK;
}

int qsink_attr_int(qry_sink *s, int entity, const char *key, int64_t value)
{
    qattr *a = attr_slot(s, entity, key, QRY_ATTR_INT);
    if (!a)
        return QRY_ERR_INVALID;
    a->type = QATTR_INT;
    a->v.i = value;
    return QRY_OK;
}

int qsink_attr_double(qry_sink *s, int entity, const char *key, double value)
{
    if (value != value || value - value != 0) { /* NaN or infinity: JSON has no spelling for them */
        refuse_attr(s, key, "NaN or infinite value");
        return QRY_ERR_INVALID;
    }
    qattr *a = attr_slot(s, entity, key, QRY_ATTR_DOUBLE);
    if (!a)
        return QRY_ERR_INVALID;
    a->type = QATTR_DOUBLE;
    a->v.d = value;
    return QRY_OK;
}

int qsink_attr_bool(qry_sink *s, int entity, const char *key, int value)
{
    qattr *a = attr_slot(s, entity, key, QRY_ATTR_BOOL);
    if (!a)
        return QRY_ERR_INVALID;
    a->type = QATTR_BOOL;
    a->v.b = value != 0;
    return QRY_OK;
}

const qattr *qentity_attr(const qentity *e, const char *key)
{
    for (size_t k = 0; k < e->n_attrs; k++)
        if (strcmp(e->attrs[k].key, key) == 0)
            return &e->attrs[k];
    return NULL;
}
