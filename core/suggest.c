/* suggest.c -- see suggest.h. */
#include "suggest.h"

#include <stddef.h>
#include <string.h>

/* Longer names than this get no suggestion; option and section names are
 * short, and a fixed bound keeps the distance table off the heap. */
#define SUGGEST_MAX 64

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transposition: "plguins" is one slip from "plugins"), ASCII
 * case-insensitive, giving up once every cell exceeds `limit`. */
static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
    size_t rows[3][SUGGEST_MAX + 1];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t best = cur[0] = i;
        int ca = ascii_lower((unsigned char)a[i - 1]);
        for (size_t j = 1; j <= nb; j++) {
            int cb = ascii_lower((unsigned char)b[j - 1]);
            size_t v = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == ascii_lower((unsigned char)b[j - 2]) &&
                ascii_lower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

const char *qsuggest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    size_t nw = word ? strlen(word) : 0;
    if (nw == 0 || nw > SUGGEST_MAX || !candidates)
        return NULL;
    size_t limit = nw / 3 > 1 ? nw / 3 : 1;
    size_t best_d = limit + 1;
    for (size_t k = 0; candidates[k]; k++) {
        size_t nc = strlen(candidates[k]);
        size_t gap = nc > nw ? nc - nw : nw - nc;
        if (nc > SUGGEST_MAX || gap >= best_d)
            continue;
        size_t dist = edit_distance(word, nw, candidates[k], nc, best_d - 1);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[k];
        }
    }
    return best;
}
