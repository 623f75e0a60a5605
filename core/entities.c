/* entities.c -- see entities.h. The view is built lazily: a stage that
 * never asks pays nothing, and one that asks pays one sort of the earlier
 * entities of the types it consumes. */
#include "entities.h"

#include <stdlib.h>
#include <string.h>

#include "record.h"

void qents_reset(qents_index *ix) { ix->built = 0; }

void qents_free(qents_index *ix)
{
    free(ix->items);
    free(ix->order);
    free(ix->max_end);
    free(ix->attrs);
    memset(ix, 0, sizeof *ix);
}

static int consumed(const char *const *consumes, const char *type)
{
    for (size_t k = 0; consumes && consumes[k]; k++)
        if (strcmp(consumes[k], type) == 0)
            return 1;
    return 0;
}

static int by_position(const void *a, const void *b)
{
    const qry_entity *x = *(const qry_entity *const *)a, *y = *(const qry_entity *const *)b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    if (x->stage != y->stage)
        return x->stage < y->stage ? -1 : 1;
    return x < y ? -1 : x > y; /* items are in emission order */
}

static void convert_attr(const qattr *in, qry_attr *out)
{
    memset(out, 0, sizeof *out);
    out->key = in->key;
    switch (in->type) {
    case QATTR_STRING:
        out->type = QRY_ATTR_STRING;
        out->str = in->v.str.s;
        out->str_len = in->v.str.len;
        break;
    case QATTR_INT:
        out->type = QRY_ATTR_INT;
        out->i = in->v.i;
        out->d = (double)in->v.i;
        break;
    case QATTR_DOUBLE:
        out->type = QRY_ATTR_DOUBLE;
        out->d = in->v.d;
        break;
    default:
        out->type = QRY_ATTR_BOOL;
        out->i = in->v.b != 0;
        break;
    }
}

static int reserve(void **p, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * elem);
    if (!q)
        return -1;
    *p = q;
    *cap = c;
    return 0;
}

/* Build the view for the stage behind sink. 0, or -1 when out of memory. */
static int build(qry_sink *s)
{
    qrecord *r = s->rec;
    qents_index *ix = &r->earlier;
    if (ix->built && ix->built_stage == s->priority && ix->built_first == s->first_entity)
        return 0;
    size_t n = 0, n_attrs = 0;
    for (size_t k = 0; k < s->first_entity; k++)
        if (consumed(s->consumes, r->ents[k].type)) {
            n++;
            n_attrs += r->ents[k].n_attrs;
        }
    if (n > ix->cap) { /* the three per-entity arrays grow together */
        size_t cap = ix->cap, c1 = cap, c2 = cap;
        if (reserve((void **)&ix->order, &c1, n, sizeof *ix->order) ||
            reserve((void **)&ix->max_end, &c2, n, sizeof *ix->max_end) ||
            reserve((void **)&ix->items, &cap, n, sizeof *ix->items))
            return -1;
        ix->cap = cap;
    }
    if (reserve((void **)&ix->attrs, &ix->cap_attrs, n_attrs, sizeof *ix->attrs))
        return -1;
    size_t i = 0, a = 0;
    for (size_t k = 0; k < s->first_entity; k++) {
        const qentity *e = &r->ents[k];
        if (!consumed(s->consumes, e->type))
            continue;
        qry_entity *it = &ix->items[i];
        memset(it, 0, sizeof *it);
        it->struct_size = sizeof *it;
        it->stage = (uint32_t)e->priority;
        it->type = e->type;
        it->stage_name = e->plugin;
        it->start = e->start;
        it->end = e->end;
        it->attrs = ix->attrs + a;
        it->n_attrs = e->n_attrs;
        for (size_t j = 0; j < e->n_attrs; j++)
            convert_attr(&e->attrs[j], &ix->attrs[a++]);
        ix->order[i] = it;
        i++;
    }
    ix->n = n;
    if (n > 1)
        qsort(ix->order, n, sizeof *ix->order, by_position);
    for (size_t k = 0; k < n; k++)
        ix->max_end[k] = k && ix->max_end[k - 1] > ix->order[k]->end ? ix->max_end[k - 1] : ix->order[k]->end;
    ix->built = 1;
    ix->built_stage = s->priority;
    ix->built_first = s->first_entity;
    return 0;
}

static const qry_entity *const *ents_list(const qry_host *host, qry_sink *sink, size_t *n)
{
    (void)host;
    static const qry_entity *const none[1] = {NULL};
    if (n)
        *n = 0;
    if (!sink || !sink->consumes || build(sink) != 0)
        return none;
    if (n)
        *n = sink->rec->earlier.n;
    return sink->rec->earlier.order;
}

static const qry_entity *ents_overlapping(const qry_host *host, qry_sink *sink, size_t start, size_t end,
                                          const char *type)
{
    size_t n;
    const qry_entity *const *order = ents_list(host, sink, &n);
    if (!n || start >= end)
        return NULL;
    const size_t *max_end = sink->rec->earlier.max_end;
    /* the first position whose running maximum end passes start: nothing
     * before it can overlap */
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (max_end[mid] > start)
            hi = mid;
        else
            lo = mid + 1;
    }
    for (size_t k = lo; k < n && order[k]->start < end; k++)
        if (order[k]->end > start && (!type || strcmp(order[k]->type, type) == 0))
            return order[k];
    return NULL;
}

static const qry_attr *ents_attr(const qry_entity *e, const char *key)
{
    for (size_t k = 0; e && key && k < e->n_attrs; k++)
        if (strcmp(e->attrs[k].key, key) == 0)
            return &e->attrs[k];
    return NULL;
}

const qry_entities_service qents_service = {
    .struct_size = sizeof(qry_entities_service),
    .list = ents_list,
    .overlapping = ents_overlapping,
    .attr = ents_attr,
};
