/* select.c -- from candidate matches to emitted entities.
 *
 * Every rule kind proposes candidates; with `overlap = longest` (the
 * default, like spaCy's EntityRuler and GATE's longest-match gazetteers)
 * the longest of overlapping candidates wins, ties going to the earlier
 * start and then to the rule listed first; with `overlap = all` every
 * candidate is emitted and the pipeline's own overlap policy decides.
 */
#include <stdlib.h>
#include <string.h>

#include "rules.h"

int rl_cands_add(rl_cands *c, const qry_doc_view *doc, size_t tok_start, size_t tok_end, uint32_t rule)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 64;
        rl_cand *grown = realloc(c->items, cap * sizeof *grown);
        if (!grown)
            return QRY_ERR_NOMEM;
        c->items = grown;
        c->cap = cap;
    }
    c->items[c->n++] = (rl_cand){doc->tokens[tok_start].start, doc->tokens[tok_end - 1].end, (uint32_t)tok_start,
                                 (uint32_t)tok_end, rule, (uint32_t)c->n_caps, 0};
    return QRY_OK;
}

int rl_cands_add_capture(rl_cands *c, const char *key, size_t start, size_t end)
{
    if (c->n_caps == c->cap_caps) {
        size_t cap = c->cap_caps ? c->cap_caps * 2 : 64;
        rl_capture *grown = realloc(c->caps, cap * sizeof *grown);
        if (!grown)
            return QRY_ERR_NOMEM;
        c->caps = grown;
        c->cap_caps = cap;
    }
    c->caps[c->n_caps++] = (rl_capture){key, (uint32_t)start, (uint32_t)end};
    c->items[c->n - 1].n_caps++;
    return QRY_OK;
}

void rl_cands_free(rl_cands *c)
{
    free(c->items);
    free(c->caps);
    memset(c, 0, sizeof *c);
}

static int by_preference(const void *a, const void *b)
{
    const rl_cand *x = a, *y = b;
    uint32_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int by_position(const void *a, const void *b)
{
    const rl_cand *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->rule < y->rule ? -1 : x->rule > y->rule;
}

static int emit_one(const qry_host *h, qry_sink *sink, const qry_doc_view *doc, const rl_rules *rules,
                    const rl_cands *c, const rl_cand *m, int trace)
{
    const rl_rule *r = &rules->rules[m->rule];
    int e = h->emit(h, sink, r->type, m->start, m->end);
    if (e == QRY_ERR_NOMEM)
        return e;
    if (e < 0)
        return QRY_OK; /* refused: the core notes why in the record */
    for (uint32_t k = 0; k < r->n_attrs; k++)
        if (h->attr_string(h, sink, e, r->attrs[k].key, r->attrs[k].value, strlen(r->attrs[k].value)) ==
            QRY_ERR_NOMEM)
            return QRY_ERR_NOMEM;
    for (uint32_t k = 0; k < m->n_caps; k++) {
        const rl_capture *cap = &c->caps[m->first_cap + k];
        if (cap->end > cap->start &&
            h->attr_string(h, sink, e, cap->key, doc->text + cap->start, cap->end - cap->start) == QRY_ERR_NOMEM)
            return QRY_ERR_NOMEM;
    }
    if (trace && r->where && h->attr_string(h, sink, e, "rule", r->where, strlen(r->where)) == QRY_ERR_NOMEM)
        return QRY_ERR_NOMEM;
    return QRY_OK;
}

int rl_select_and_emit(const qry_host *host, qry_sink *sink, const qry_doc_view *doc, const rl_rules *rules,
                       rl_cands *c, int overlap, int trace)
{
    if (!c->n)
        return QRY_OK;
    size_t keep = c->n;
    if (overlap == RL_OVERLAP_LONGEST) {
        unsigned char *taken = calloc(doc->n_tokens / 8 + 1, 1);
        if (!taken)
            return QRY_ERR_NOMEM;
        qsort(c->items, c->n, sizeof *c->items, by_preference);
        keep = 0;
        for (size_t k = 0; k < c->n; k++) {
            const rl_cand *m = &c->items[k];
            int free_span = 1;
            for (uint32_t t = m->tok_start; t < m->tok_end && free_span; t++)
                free_span = !(taken[t >> 3] & (1u << (t & 7)));
            if (!free_span)
                continue;
            for (uint32_t t = m->tok_start; t < m->tok_end; t++)
                taken[t >> 3] |= (unsigned char)(1u << (t & 7));
            c->items[keep++] = *m;
        }
        free(taken);
    }
    qsort(c->items, keep, sizeof *c->items, by_position);
    for (size_t k = 0; k < keep; k++) {
        int rc = emit_one(host, sink, doc, rules, c, &c->items[k], trace);
        if (rc != QRY_OK)
            return rc;
    }
    return QRY_OK;
}
