/* merge.c -- overlap resolution (see merge.h).
 * Greedy by rank: entities are visited best-first and kept unless they
 * overlap one already kept in the same scope. Winners are kept sorted by
 * start; with scope "all" they never overlap, so the scan left stops at the
 * first one that ends before the candidate. With scope "type" winners of
 * other types may overlap, so the scan is linear: fine for news records. */
#include "merge.h"

#include <stdlib.h>
#include <string.h>

static int by_position(const void *a, const void *b)
{
    const qentity *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static int rank(const qentity *x, const qentity *y, int policy)
{
    size_t lx = x->end - x->start, ly = y->end - y->start;
    if (policy == QMERGE_PRIORITY && x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    if (lx != ly)
        return lx > ly ? -1 : 1;
    if (x->priority != y->priority)
        return x->priority < y->priority ? -1 : 1;
    return by_position(x, y);
}

static int by_rank_longest(const void *a, const void *b) { return rank(a, b, QMERGE_LONGEST); }
static int by_rank_priority(const void *a, const void *b) { return rank(a, b, QMERGE_PRIORITY); }

static int same_scope(const qentity *x, const qentity *y, int scope)
{
    return scope == QMERGE_ANY_TYPE || strcmp(x->type, y->type) == 0;
}

static int duplicate(const qentity *x, const qentity *y)
{
    return x->start == y->start && x->end == y->end && strcmp(x->type, y->type) == 0 &&
           strcmp(x->plugin, y->plugin) == 0;
}

int qmerge(qrecord *r, int policy, int scope)
{
    size_t n = r->n_ents;
    if (n < 2)
        return QRY_OK;
    if (policy == QMERGE_KEEP_ALL) {
        qsort(r->ents, n, sizeof *r->ents, by_position);
        size_t kept = 1;
        for (size_t k = 1; k < n; k++)
            if (!duplicate(&r->ents[k], &r->ents[kept - 1]))
                r->ents[kept++] = r->ents[k];
        r->n_ents = kept;
        return QRY_OK;
    }
    qsort(r->ents, n, sizeof *r->ents, policy == QMERGE_PRIORITY ? by_rank_priority : by_rank_longest);
    /* kept[] holds indices of winners sorted by start, for an overlap scan */
    size_t *kept = malloc(n * sizeof *kept);
    if (!kept)
        return QRY_ERR_NOMEM;
    size_t n_kept = 0;
    for (size_t k = 0; k < n; k++) {
        const qentity *c = &r->ents[k];
        /* binary search: first kept entity starting at or after c->end */
        size_t lo = 0, hi = n_kept;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (r->ents[kept[mid]].start < c->end)
                lo = mid + 1;
            else
                hi = mid;
        }
        int clash = 0;
        for (size_t j = lo; j-- > 0;) {
            const qentity *w = &r->ents[kept[j]];
            if (w->end > c->start && same_scope(w, c, scope)) {
                clash = 1;
                break;
            }
            /* kept spans within one scope never overlap, but across scopes
             * they may: keep scanning left until spans can no longer reach */
            if (scope == QMERGE_ANY_TYPE && w->end <= c->start)
                break;
        }
        if (clash)
            continue;
        memmove(kept + lo + 1, kept + lo, (n_kept - lo) * sizeof *kept);
        kept[lo] = k;
        n_kept++;
    }
    /* compact winners in place: move them to a fresh order */
    qentity *winners = malloc(n_kept * sizeof *winners);
    if (!winners) {
        free(kept);
        return QRY_ERR_NOMEM;
    }
    for (size_t j = 0; j < n_kept; j++)
        winners[j] = r->ents[kept[j]];
    memcpy(r->ents, winners, n_kept * sizeof *winners);
    r->n_ents = n_kept;
    free(winners);
    free(kept);
    qsort(r->ents, r->n_ents, sizeof *r->ents, by_position);
    return QRY_OK;
}

int qmerge_parse_policy(const char *s, int *out)
{
    if (strcmp(s, "keep_all") == 0)
        *out = QMERGE_KEEP_ALL;
    else if (strcmp(s, "longest") == 0)
        *out = QMERGE_LONGEST;
    else if (strcmp(s, "priority") == 0)
        *out = QMERGE_PRIORITY;
    else
        return -1;
    return 0;
}

int qmerge_parse_scope(const char *s, int *out)
{
    if (strcmp(s, "type") == 0)
        *out = QMERGE_SAME_TYPE;
    else if (strcmp(s, "all") == 0)
        *out = QMERGE_ANY_TYPE;
    else
        return -1;
    return 0;
}
