/* keytab.c -- a sorted table of (key, value) pairs for the rules that ask,
 * for each mention, about the other mentions of the whole document ("is
 * this name some person's surname?", "is another place of the document in
 * this country?"): built once per document and searched, instead of a pass
 * over every mention for each mention.
 */
#include <stdlib.h>

#include "locations.h"

static int cmp_keyval(const void *a, const void *b)
{
    const loc_keyval *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return x->val < y->val ? -1 : x->val > y->val;
}

int loc_keytab_add(loc_keytab *t, uint64_t key, uint32_t val)
{
    if (t->n == t->cap) {
        size_t c = t->cap ? t->cap * 2 : 16;
        loc_keyval *v = realloc(t->v, c * sizeof *v);
        if (!v)
            return QRY_ERR_NOMEM;
        t->v = v;
        t->cap = c;
    }
    t->v[t->n++] = (loc_keyval){key, val};
    return QRY_OK;
}

void loc_keytab_sort(loc_keytab *t)
{
    if (t->n)
        qsort(t->v, t->n, sizeof *t->v, cmp_keyval);
}

void loc_keytab_unique(loc_keytab *t)
{
    size_t kept = 0;
    for (size_t i = 0; i < t->n; i++) {
        if (kept && t->v[kept - 1].key == t->v[i].key)
            t->v[kept - 1] = t->v[i]; /* sorted: the largest value stays */
        else
            t->v[kept++] = t->v[i];
    }
    t->n = kept;
}

size_t loc_keytab_first(const loc_keytab *t, uint64_t key)
{
    size_t lo = 0, hi = t->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->v[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < t->n && t->v[lo].key == key ? lo : t->n;
}

loc_keyval *loc_keytab_find(const loc_keytab *t, uint64_t key)
{
    size_t i = loc_keytab_first(t, key);
    return i < t->n ? &t->v[i] : NULL;
}

void loc_keytab_free(loc_keytab *t)
{
    free(t->v);
    *t = (loc_keytab){0};
}
