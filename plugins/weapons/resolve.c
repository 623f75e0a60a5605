/* resolve.c -- the candidate list and overlap resolution: longest mention
 * wins, a named system beats a generic class of the same length (and a
 * gazetteer name beats a pattern-found name), and an ambiguous name without
 * context of its own survives only next to another named system. */
#include <stdlib.h>
#include <string.h>

#include "resolve.h"

wpn_cand *wpn_cands_push(wpn_cands *c)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 32;
        wpn_cand *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return NULL;
        c->v = v;
        c->cap = cap;
    }
    wpn_cand *x = &c->v[c->n++];
    memset(x, 0, sizeof *x);
    return x;
}

void wpn_cands_free(wpn_cands *c)
{
    free(c->v);
    c->v = NULL;
    c->n = c->cap = 0;
}

static int by_priority(const void *a, const void *b)
{
    const wpn_cand *x = a, *y = b;
    uint32_t lx = x->end - x->start, ly = y->end - y->start;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->named != y->named)
        return x->named ? -1 : 1;
    if (x->gazetteer != y->gazetteer)
        return x->gazetteer ? -1 : 1;
    if (x->ambiguous != y->ambiguous)
        return x->ambiguous ? 1 : -1;
    return x->start < y->start ? -1 : x->start > y->start;
}

static int by_start(const void *a, const void *b)
{
    const wpn_cand *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

int wpn_resolve(const qry_doc_view *doc, wpn_cands *c)
{
    if (c->n == 0)
        return QRY_OK;
    unsigned char *sent = calloc(doc->n_sentences ? doc->n_sentences : 1, 1);
    unsigned char *used = calloc(doc->n_tokens ? doc->n_tokens : 1, 1);
    if (!sent || !used) {
        free(sent);
        free(used);
        return QRY_ERR_NOMEM;
    }
    /* sentences holding a named system that needs no context (a generic
     * "rocket" or "bomb" licenses nothing: space launches, album titles) */
    for (size_t i = 0; i < c->n; i++) {
        uint32_t s = doc->tokens[c->v[i].tok_start].sentence;
        if (c->v[i].named && !c->v[i].ambiguous && s < doc->n_sentences)
            sent[s] = 1;
    }
    qsort(c->v, c->n, sizeof *c->v, by_priority);
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        wpn_cand *x = &c->v[i];
        uint32_t s = doc->tokens[x->tok_start].sentence;
        if (x->ambiguous && !x->context && !(s < doc->n_sentences && sent[s]))
            continue;
        int free_span = 1;
        for (uint32_t t = x->tok_start; t < x->tok_end && free_span; t++)
            free_span = !used[t];
        if (!free_span)
            continue;
        memset(used + x->tok_start, 1, x->tok_end - x->tok_start);
        if (kept != i)
            c->v[kept] = *x;
        kept++;
    }
    c->n = kept;
    qsort(c->v, c->n, sizeof *c->v, by_start);
    free(sent);
    free(used);
    return QRY_OK;
}
