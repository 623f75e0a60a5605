/* output_tsv.c -- one entity a row, its attributes as columns, for
 * spreadsheets, pandas and `cut`.
 *
 * Columns: id, type, start, end (bytes, as in the record), char_start,
 * char_end (characters: Python string indices), text, plugin, then one
 * column per attribute key, then other_attrs. Plugins need not declare
 * their attributes, so the attribute columns are the keys met in the
 * first LOOKAHEAD documents (held back until then); a key first met later
 * goes into other_attrs as a JSON object, so nothing is lost. Tabs,
 * newlines and backslashes in values are written \t, \n, \r and \\. */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define LOOKAHEAD 1000

typedef struct held {
    char *text;
    size_t len;
    json_t *record;
    uint64_t ordinal;
} held;

typedef struct tsv {
    held *held;
    size_t n_held;
    int header_done;
    char **keys; /* attribute columns */
    size_t n_keys, cap_keys;
    qbuf row;
} tsv;

static int tsv_start(qout_writer *w)
{
    tsv *t = calloc(1, sizeof *t);
    if (!t || !(t->held = calloc(LOOKAHEAD, sizeof *t->held))) {
        free(t);
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    w->state = t;
    return 0;
}

static int add_key(tsv *t, const char *key)
{
    for (size_t k = 0; k < t->n_keys; k++)
        if (strcmp(t->keys[k], key) == 0)
            return 0;
    if (t->n_keys == t->cap_keys) {
        size_t cap = t->cap_keys ? t->cap_keys * 2 : 16;
        char **grown = realloc(t->keys, cap * sizeof *grown);
        if (!grown)
            return -1;
        t->keys = grown;
        t->cap_keys = cap;
    }
    if (!(t->keys[t->n_keys] = strdup(key)))
        return -1;
    t->n_keys++;
    return 0;
}

/* Attribute columns: the keys of the held documents, the pipeline's types
 * first (in pipeline order), each type's keys in the order met. */
static int choose_columns(qout_writer *w, tsv *t)
{
    size_t n_types = w->schema ? w->schema->n_types : 0;
    for (size_t ty = 0; ty <= n_types; ty++) {
        for (size_t h = 0; h < t->n_held; h++) {
            size_t i;
            json_t *e;
            json_array_foreach(json_object_get(t->held[h].record, "entities"), i, e)
            {
                const char *type = json_string_value(json_object_get(e, "type"));
                int known = 0;
                for (size_t k = 0; type && k < n_types && !known; k++)
                    known = strcmp(type, w->schema->types[k]) == 0;
                /* pass ty < n_types: that type; the last pass: undeclared types */
                if (!type || (ty < n_types ? strcmp(type, w->schema->types[ty]) != 0 : known))
                    continue;
                const char *key;
                json_t *v;
                json_object_foreach(json_object_get(e, "attrs"), key, v)
                {
                    if (add_key(t, key) != 0)
                        return -1;
                }
            }
        }
    }
    return 0;
}

static void put_field(qbuf *b, const char *s, size_t n)
{
    size_t run = 0;
    for (size_t k = 0; k < n; k++) {
        const char *esc = s[k] == '\t' ? "\\t" : s[k] == '\n' ? "\\n" : s[k] == '\r' ? "\\r" : s[k] == '\\' ? "\\\\" : NULL;
        if (!esc) {
            run++;
            continue;
        }
        qbuf_append(b, s + k - run, run);
        run = 0;
        qbuf_puts(b, esc);
    }
    qbuf_append(b, s + n - run, run);
}

static int write_row(qout_writer *w, tsv *t)
{
    if (t->row.oom) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    if (fwrite(t->row.data, 1, t->row.len, w->out) != t->row.len) {
        snprintf(w->why, sizeof w->why, "write failed: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    return 0;
}

static int write_header(qout_writer *w, tsv *t)
{
    t->row.len = 0;
    qbuf_puts(&t->row, "id\ttype\tstart\tend\tchar_start\tchar_end\ttext\tplugin");
    for (size_t k = 0; k < t->n_keys; k++) {
        qbuf_puts(&t->row, "\t");
        put_field(&t->row, t->keys[k], strlen(t->keys[k]));
    }
    qbuf_puts(&t->row, "\tother_attrs\n");
    t->header_done = 1;
    return write_row(w, t);
}

static int write_doc(qout_writer *w, tsv *t, const char *text, size_t len, const json_t *rec)
{
    json_t *ents = json_object_get(rec, "entities");
    if (!text || json_array_size(ents) == 0)
        return 0; /* no rows: an unreadable document or one without entities */
    uint32_t *chars = qout_char_map(text, len, 0);
    if (!chars) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    const char *id = json_string_value(json_object_get(rec, "id"));
    size_t i;
    json_t *e;
    int rc = 0;
    json_array_foreach(ents, i, e)
    {
        size_t start, end;
        if (qout_offset(e, "start", len, &start) != 0 || qout_offset(e, "end", len, &end) != 0 || end < start)
            continue;
        t->row.len = 0;
        put_field(&t->row, id ? id : "", id ? strlen(id) : 0);
        const char *type = json_string_value(json_object_get(e, "type"));
        const char *plugin = json_string_value(json_object_get(e, "plugin"));
        qbuf_puts(&t->row, "\t");
        put_field(&t->row, type ? type : "", type ? strlen(type) : 0);
        qbuf_printf(&t->row, "\t%zu\t%zu\t%u\t%u\t", start, end, chars[start], chars[end]);
        put_field(&t->row, text + start, end - start);
        qbuf_puts(&t->row, "\t");
        put_field(&t->row, plugin ? plugin : "", plugin ? strlen(plugin) : 0);
        json_t *attrs = json_object_get(e, "attrs");
        qbuf cell = {0};
        for (size_t k = 0; k < t->n_keys; k++) {
            qbuf_puts(&t->row, "\t");
            json_t *v = json_object_get(attrs, t->keys[k]);
            if (!v)
                continue;
            cell.len = 0;
            qout_value_text(&cell, v);
            put_field(&t->row, cell.data ? cell.data : "", cell.len);
        }
        /* keys without a column of their own, as a JSON object */
        const char *key;
        json_t *v;
        cell.len = 0;
        json_object_foreach(attrs, key, v)
        {
            int has_column = 0;
            for (size_t k = 0; k < t->n_keys && !has_column; k++)
                has_column = strcmp(t->keys[k], key) == 0;
            if (has_column)
                continue;
            qbuf_puts(&cell, cell.len ? ", " : "{");
            qbuf_json_string(&cell, key, strlen(key));
            qbuf_puts(&cell, ": ");
            if (json_is_string(v))
                qbuf_json_string(&cell, json_string_value(v), json_string_length(v));
            else
                qout_value_text(&cell, v);
        }
        qbuf_puts(&t->row, "\t");
        if (cell.len) {
            qbuf_puts(&cell, "}");
            put_field(&t->row, cell.data, cell.len);
        }
        qbuf_puts(&t->row, "\n");
        if (cell.oom)
            t->row.oom = 1;
        qbuf_free(&cell);
        if ((rc = write_row(w, t)) != 0)
            break;
    }
    free(chars);
    return rc;
}

static int flush_held(qout_writer *w, tsv *t)
{
    int rc = 0;
    if (choose_columns(w, t) != 0) {
        snprintf(w->why, sizeof w->why, "out of memory");
        rc = -1;
    }
    if (rc == 0)
        rc = write_header(w, t);
    for (size_t h = 0; h < t->n_held; h++) {
        if (rc == 0)
            rc = write_doc(w, t, t->held[h].text, t->held[h].len, t->held[h].record);
        free(t->held[h].text);
        json_decref(t->held[h].record);
    }
    t->n_held = 0;
    return rc;
}

static int tsv_put(qout_writer *w, const qout_doc *d)
{
    tsv *t = w->state;
    if (t->header_done)
        return write_doc(w, t, d->text, d->len, d->record);
    held *h = &t->held[t->n_held];
    h->text = d->text ? malloc(d->len + 1) : NULL;
    if (d->text && !h->text) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    if (h->text)
        memcpy(h->text, d->text, d->len + 1);
    h->len = d->len;
    h->record = json_incref((json_t *)d->record);
    t->n_held++;
    return t->n_held == LOOKAHEAD ? flush_held(w, t) : 0;
}

static int tsv_finish(qout_writer *w)
{
    tsv *t = w->state;
    return t->header_done ? 0 : flush_held(w, t);
}

static void tsv_free(qout_writer *w)
{
    tsv *t = w->state;
    if (!t)
        return;
    for (size_t h = 0; h < t->n_held; h++) {
        free(t->held[h].text);
        json_decref(t->held[h].record);
    }
    free(t->held);
    for (size_t k = 0; k < t->n_keys; k++)
        free(t->keys[k]);
    free(t->keys);
    qbuf_free(&t->row);
    free(t);
}

const qout_format_ops qout_tsv_ops = {tsv_start, tsv_put, tsv_finish, tsv_free};
