/* stats.c -- see stats.h. The tallies are jansson objects: they are hash
 * tables already, and the summary is JSON anyway. */
#include "stats.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "output.h"

struct qstats {
    json_int_t documents, with_errors, entities;
    json_t *errors, *errors_by_plugin, *types, *plugins;
    json_t *values;    /* type -> attr -> value text -> count */
    json_t *ranges;    /* type -> numeric attr -> {count, min, max} */
    json_t *amounts;   /* type -> currency -> {count, sum} */
    json_t *transfers; /* "donor\tsystem" -> row */
};

qstats *qstats_new(void)
{
    qstats *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->errors = json_object();
    s->errors_by_plugin = json_object();
    s->types = json_object();
    s->plugins = json_object();
    s->values = json_object();
    s->amounts = json_object();
    s->ranges = json_object();
    s->transfers = json_object();
    if (!s->errors || !s->errors_by_plugin || !s->types || !s->plugins || !s->values || !s->amounts ||
        !s->ranges || !s->transfers) {
        qstats_free(s);
        return NULL;
    }
    return s;
}

/* obj[key] += by (an integer); -1 when out of memory */
static int bump(json_t *obj, const char *key, json_int_t by)
{
    json_t *v = json_object_get(obj, key);
    if (v)
        return json_integer_set(v, json_integer_value(v) + by);
    return json_object_set_new(obj, key, json_integer(by));
}

static int add_real(json_t *obj, const char *key, double by)
{
    json_t *v = json_object_get(obj, key);
    if (v)
        return json_real_set(v, json_real_value(v) + by);
    return json_object_set_new(obj, key, json_real(by));
}

/* obj[key], created as an empty object when missing */
static json_t *child(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    if (!v && json_object_set_new(obj, key, json_object()) == 0)
        v = json_object_get(obj, key);
    return v;
}

static int is_span_key(const char *key)
{
    size_t n = strlen(key);
    return (n > 6 && strcmp(key + n - 6, "_start") == 0) || (n > 4 && strcmp(key + n - 4, "_end") == 0);
}

static double number_of(const json_t *v) { return json_is_number(v) ? json_number_value(v) : 0; }

static int add_transfer(qstats *s, const json_t *attrs, qbuf *tmp)
{
    const char *donor = json_string_value(json_object_get(attrs, "donor"));
    const char *system = json_string_value(json_object_get(attrs, "system"));
    const char *status = json_string_value(json_object_get(attrs, "status"));
    const char *recipient = json_string_value(json_object_get(attrs, "recipient"));
    const char *currency = json_string_value(json_object_get(attrs, "currency"));
    json_t *value = json_object_get(attrs, "value");
    donor = donor && *donor ? donor : "?";
    system = system && *system ? system : "?";
    tmp->len = 0;
    qbuf_printf(tmp, "%s\t%s", donor, system);
    if (tmp->oom)
        return -1;
    json_t *row = json_object_get(s->transfers, tmp->data);
    if (!row) {
        row = json_pack("{s:s, s:s, s:I, s:{}, s:{}, s:{}}", "donor", donor, "system", system, "count",
                        (json_int_t)0, "statuses", "amounts", "recipients");
        if (!row || json_object_set_new(s->transfers, tmp->data, row) != 0)
            return -1;
    }
    int rc = bump(row, "count", 1);
    if (!rc && status && *status)
        rc = bump(json_object_get(row, "statuses"), status, 1);
    if (!rc && recipient && *recipient)
        rc = bump(json_object_get(row, "recipients"), recipient, 1);
    if (!rc && currency && json_is_number(value))
        rc = add_real(json_object_get(row, "amounts"), currency, number_of(value));
    return rc;
}

static int add_entity(qstats *s, const json_t *e, qbuf *tmp)
{
    const char *type = json_string_value(json_object_get(e, "type"));
    const char *plugin = json_string_value(json_object_get(e, "plugin"));
    if (!type)
        return 0;
    s->entities++;
    if (bump(s->types, type, 1) || (plugin && bump(s->plugins, plugin, 1)))
        return -1;
    json_t *attrs = json_object_get(e, "attrs");
    json_t *per_type = child(s->values, type);
    if (!per_type)
        return -1;
    const char *key;
    json_t *v;
    json_object_foreach(attrs, key, v)
    {
        if (is_span_key(key))
            continue;
        if (json_is_number(v)) { /* amounts, coordinates: a range says more than frequent values */
            json_t *r = child(child(s->ranges, type), key);
            double x = json_number_value(v);
            json_t *lo = json_object_get(r, "min"), *hi = json_object_get(r, "max");
            if (!r || bump(r, "count", 1) ||
                (!lo || x < json_number_value(lo) ? json_object_set_new(r, "min", json_deep_copy(v)) : 0) ||
                (!hi || x > json_number_value(hi) ? json_object_set_new(r, "max", json_deep_copy(v)) : 0))
                return -1;
            continue;
        }
        tmp->len = 0;
        qout_value_text(tmp, v);
        json_t *per_attr = child(per_type, key);
        if (tmp->oom || !per_attr || bump(per_attr, tmp->data ? tmp->data : "", 1))
            return -1;
    }
    const char *currency = json_string_value(json_object_get(attrs, "currency"));
    json_t *value = json_object_get(attrs, "value");
    if (currency && json_is_number(value)) {
        json_t *cur = child(child(s->amounts, type), currency);
        if (!cur || bump(cur, "count", 1) || add_real(cur, "sum", number_of(value)))
            return -1;
    }
    if (strcmp(type, "transfer") == 0)
        return add_transfer(s, attrs, tmp);
    return 0;
}

int qstats_add(qstats *s, const json_t *record)
{
    s->documents++;
    json_t *errors = json_object_get(record, "errors");
    if (json_array_size(errors))
        s->with_errors++;
    size_t i;
    json_t *e;
    json_array_foreach(errors, i, e)
    {
        const char *code = json_string_value(json_object_get(e, "code"));
        const char *plugin = json_string_value(json_object_get(e, "plugin"));
        if (bump(s->errors, code ? code : "?", 1) || bump(s->errors_by_plugin, plugin ? plugin : "input", 1))
            return -1;
    }
    qbuf tmp = {0};
    int rc = 0;
    json_array_foreach(json_object_get(record, "entities"), i, e)
    {
        if ((rc = add_entity(s, e, &tmp)) != 0)
            break;
    }
    qbuf_free(&tmp);
    return rc;
}

typedef struct ranked {
    const char *key;
    json_int_t n;
} ranked;

static int by_count(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->n != y->n)
        return x->n < y->n ? 1 : -1;
    return strcmp(x->key, y->key);
}

/* [[value, count], ...], the `top` most frequent, ties by value */
static json_t *top_values(const json_t *counts, size_t top)
{
    size_t n = json_object_size(counts), k = 0;
    ranked *r = malloc((n ? n : 1) * sizeof *r);
    json_t *out = json_array();
    if (!r || !out) {
        free(r);
        json_decref(out);
        return NULL;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)counts, key, v) r[k++] = (ranked){key, json_integer_value(v)};
    qsort(r, n, sizeof *r, by_count);
    for (k = 0; k < n && k < top; k++)
        if (json_array_append_new(out, json_pack("[s, I]", r[k].key, r[k].n)) != 0) {
            json_decref(out);
            out = NULL;
            break;
        }
    free(r);
    return out;
}

static int by_row_count(const void *a, const void *b)
{
    json_t *const *x = a, *const *y = b;
    json_int_t nx = json_integer_value(json_object_get(*x, "count"));
    json_int_t ny = json_integer_value(json_object_get(*y, "count"));
    if (nx != ny)
        return nx < ny ? 1 : -1;
    int c = strcmp(json_string_value(json_object_get(*x, "donor")), json_string_value(json_object_get(*y, "donor")));
    return c ? c : strcmp(json_string_value(json_object_get(*x, "system")),
                          json_string_value(json_object_get(*y, "system")));
}

static json_t *transfer_rows(const json_t *transfers)
{
    size_t n = json_object_size(transfers), k = 0;
    json_t **rows = malloc((n ? n : 1) * sizeof *rows);
    json_t *out = json_array();
    if (!rows || !out) {
        free(rows);
        json_decref(out);
        return NULL;
    }
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)transfers, key, v) rows[k++] = v;
    qsort(rows, n, sizeof *rows, by_row_count);
    for (k = 0; k < n; k++)
        if (json_array_append(out, rows[k]) != 0) {
            json_decref(out);
            out = NULL;
            break;
        }
    free(rows);
    return out;
}

json_t *qstats_summary(const qstats *s, size_t top)
{
    json_t *attributes = json_object();
    const char *type, *attr;
    json_t *per_type, *counts;
    json_object_foreach(s->values, type, per_type)
    {
        json_t *t = json_object();
        json_object_foreach(per_type, attr, counts) json_object_set_new(t, attr, top_values(counts, top));
        json_object_set_new(attributes, type, t);
    }
    json_t *out = json_pack("{s:I, s:I, s:I, s:O, s:O, s:O, s:O, s:o, s:O, s:O}", "documents", s->documents,
                            "documents_with_errors", s->with_errors, "entities", s->entities, "errors", s->errors,
                            "errors_by_plugin", s->errors_by_plugin, "types", s->types, "plugins", s->plugins,
                            "attributes", attributes, "ranges", s->ranges, "amounts", s->amounts);
    if (out && json_object_size(s->transfers)) {
        json_t *rows = transfer_rows(s->transfers);
        if (!rows || json_object_set_new(out, "transfers", rows) != 0) {
            json_decref(out);
            out = NULL;
        }
    }
    return out;
}

void qstats_free(qstats *s)
{
    if (!s)
        return;
    json_decref(s->errors);
    json_decref(s->errors_by_plugin);
    json_decref(s->types);
    json_decref(s->plugins);
    json_decref(s->values);
    json_decref(s->amounts);
    json_decref(s->ranges);
    json_decref(s->transfers);
    free(s);
}
