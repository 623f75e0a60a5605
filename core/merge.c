/* merge.c -- overlap resolution (see merge.h).
 *
 * Greedy by rank: entities are visited best-first and kept unless they
 * overlap one already kept in the same scope. Only entities of one scope
 * ever compete, so each scope (each type, or everything) is resolved on
 * its own, and within one scope the kept spans never overlap. That makes
 * "does this candidate overlap a kept span?" two questions about the kept
 * starts: is there one inside the candidate, and does the last one before
 * it reach into it. A Fenwick tree over the scope's distinct starts
 * answers both in O(log n), so a record costs O(n log n) whatever the
 * policy, scope or shape of the text (a linear scan over kept spans of
 * other types made `overlap = longest` quadratic on long documents).
 */
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

static int duplicate(const qentity *x, const qentity *y)
{
    return x->start == y->start && x->end == y->end && strcmp(x->type, y->type) == 0 &&
           strcmp(x->plugin, y->plugin) == 0;
}

/* An entity's place in rank order with its type, for grouping by type
 * (qsort is not stable, so the index itself keeps rank order within one). */
typedef struct typed_index {
    const char *type;
    size_t index;
} typed_index;

static int by_type_then_rank(const void *a, const void *b)
{
    const typed_index *x = a, *y = b;
    int c = x->type == y->type ? 0 : strcmp(x->type, y->type);
    return c ? c : (x->index < y->index ? -1 : x->index > y->index);
}

static int by_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* The first index in sorted v[0..n) whose value is >= key. */
static size_t lower_bound(const size_t *v, size_t n, size_t key)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (v[mid] < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Fenwick tree of kept starts over slots 0..n-1 (tree is 1-based). */
static void fw_add(size_t *tree, size_t n, size_t slot)
{
    for (size_t i = slot + 1; i <= n; i += i & (~i + 1))
        tree[i]++;
}

/* Kept starts in slots [0, slot). */
static size_t fw_count(const size_t *tree, size_t slot)
{
    size_t sum = 0;
    for (size_t i = slot; i > 0; i -= i & (~i + 1))
        sum += tree[i];
    return sum;
}

/* The slot of the k-th kept start (1-based k <= total kept). */
static size_t fw_find(const size_t *tree, size_t n, size_t k)
{
    size_t pos = 0, step = 1;
    while (step * 2 <= n)
        step *= 2;
    for (; step; step /= 2)
        if (pos + step <= n && tree[pos + step] < k) {
            pos += step;
            k -= tree[pos];
        }
    return pos; /* 0-based slot = 1-based pos + 1 - 1 */
}

typedef struct scratch {
    size_t *starts; /* the group's distinct starts, sorted */
    size_t *tree;   /* Fenwick counts, 1-based */
    size_t *ends;   /* end of the span kept at each slot */
} scratch;

/* Greedy over one scope: ents[idx[0..m)] in rank order; keep[] marks winners. */
static void resolve_group(const qentity *ents, const size_t *idx, size_t m, scratch *w, unsigned char *keep)
{
    size_t u = 0;
    for (size_t k = 0; k < m; k++)
        w->starts[k] = ents[idx[k]].start;
    qsort(w->starts, m, sizeof *w->starts, by_size);
    for (size_t k = 0; k < m; k++)
        if (u == 0 || w->starts[u - 1] != w->starts[k])
            w->starts[u++] = w->starts[k];
    memset(w->tree, 0, (u + 1) * sizeof *w->tree);
    for (size_t k = 0; k < m; k++) {
        const qentity *c = &ents[idx[k]];
        size_t at = lower_bound(w->starts, u, c->start); /* c's own slot */
        size_t below_end = lower_bound(w->starts, u, c->end);
        size_t before = fw_count(w->tree, at);
        if (fw_count(w->tree, below_end) != before)
            continue; /* a kept span starts inside c */
        if (before && w->ends[fw_find(w->tree, u, before)] > c->start)
            continue; /* the last kept span before c reaches into it */
        fw_add(w->tree, u, at);
        w->ends[at] = c->end;
        keep[idx[k]] = 1;
    }
}

static int resolve(qrecord *r, int scope)
{
    size_t n = r->n_ents;
    size_t *idx = malloc(n * sizeof *idx);
    typed_index *typed = scope == QMERGE_SAME_TYPE ? malloc(n * sizeof *typed) : NULL;
    unsigned char *keep = calloc(n, 1);
    scratch w = {malloc(n * sizeof *w.starts), malloc((n + 1) * sizeof *w.tree), malloc(n * sizeof *w.ends)};
    int rc = QRY_ERR_NOMEM;
    if (!idx || !keep || !w.starts || !w.tree || !w.ends || (scope == QMERGE_SAME_TYPE && !typed))
        goto out;
    for (size_t k = 0; k < n; k++)
        idx[k] = k;
    if (typed) {
        for (size_t k = 0; k < n; k++)
            typed[k] = (typed_index){r->ents[k].type, k};
        qsort(typed, n, sizeof *typed, by_type_then_rank);
        for (size_t k = 0; k < n; k++)
            idx[k] = typed[k].index;
    }
    for (size_t from = 0; from < n;) {
        size_t to = from + 1;
        while (to < n && (scope == QMERGE_ANY_TYPE || strcmp(r->ents[idx[to]].type, r->ents[idx[from]].type) == 0))
            to++;
        resolve_group(r->ents, idx + from, to - from, &w, keep);
        from = to;
    }
    size_t kept = 0;
    for (size_t k = 0; k < n; k++)
        if (keep[k])
            r->ents[kept++] = r->ents[k];
    r->n_ents = kept;
    rc = QRY_OK;
out:
    free(idx);
    free(typed);
    free(keep);
    free(w.starts);
    free(w.tree);
    free(w.ends);
    return rc;
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
    int rc = resolve(r, scope);
    if (rc == QRY_OK)
        qsort(r->ents, r->n_ents, sizeof *r->ents, by_position);
    return rc;
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
