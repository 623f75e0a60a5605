/* layout.c -- token ranges of the document's paragraphs and sentences,
 * computed in one pass so that every later lookup is O(1) (or O(log n) for
 * the paragraph of a token): attribution scans stay bounded however long a
 * paragraph or a sentence runs. */
#include <stdlib.h>

#include "quotes.h"

void qt_layout_free(qt_layout *l)
{
    free(l->par_a);
    free(l->par_e);
    free(l->sent_a);
    l->par_a = l->par_e = l->sent_a = NULL;
}

int qt_layout_build(const qry_doc_view *d, qt_layout *l)
{
    size_t np = d->n_paragraphs ? d->n_paragraphs : 1, ns = d->n_sentences ? d->n_sentences : 1;
    l->par_a = malloc(np * sizeof *l->par_a);
    l->par_e = malloc(np * sizeof *l->par_e);
    l->sent_a = malloc(ns * sizeof *l->sent_a);
    if (!l->par_a || !l->par_e || !l->sent_a) {
        qt_layout_free(l);
        return QRY_ERR_NOMEM;
    }
    size_t t = 0;
    for (size_t p = 0; p < d->n_paragraphs; p++) {
        while (t < d->n_tokens && d->tokens[t].start < d->paragraphs[p].start)
            t++;
        l->par_a[p] = (uint32_t)t;
        while (t < d->n_tokens && d->tokens[t].start < d->paragraphs[p].end)
            t++;
        l->par_e[p] = (uint32_t)t;
    }
    for (size_t s = 0; s < d->n_sentences; s++)
        l->sent_a[s] = (uint32_t)d->n_tokens;
    for (size_t k = d->n_tokens; k-- > 0;)
        if (d->tokens[k].sentence < d->n_sentences)
            l->sent_a[d->tokens[k].sentence] = (uint32_t)k;
    return QRY_OK;
}

size_t qt_paragraph_of(const qt_ctx *c, size_t t)
{
    const qry_doc_view *d = c->doc;
    uint32_t pos = d->tokens[t].start;
    size_t lo = 0, hi = d->n_paragraphs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (d->paragraphs[mid].end <= pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

void qt_paragraph_tokens(const qt_ctx *c, size_t t, size_t *pa, size_t *pe)
{
    size_t p = qt_paragraph_of(c, t);
    if (p >= c->doc->n_paragraphs || t < c->layout->par_a[p] || t >= c->layout->par_e[p]) {
        *pa = t; /* a token outside every paragraph: a range of its own */
        *pe = t + 1;
        return;
    }
    *pa = c->layout->par_a[p];
    *pe = c->layout->par_e[p];
}

size_t qt_sentence_start(const qt_ctx *c, size_t t)
{
    uint32_t s = c->doc->tokens[t].sentence;
    if (s >= c->doc->n_sentences || c->layout->sent_a[s] > t)
        return t;
    return c->layout->sent_a[s];
}
