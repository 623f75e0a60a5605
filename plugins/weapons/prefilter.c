/* prefilter.c -- which generic-class patterns may match a document, found
 * in one pass over its text.
 *
 * Every pattern with required literals (literals.c) puts them into an
 * Aho-Corasick automaton over ASCII-lower-cased text, one condition per set
 * of literals (a pattern may need one string of each of several sets: "air
 * defence system" needs "defen" and one of "system", "batter", ...); a scan
 * ORs the condition bits of every literal it meets, and a pattern is on
 * when all its conditions are. Patterns without literals are always on.
 * One set was the rule until 2026-12: 97% of the patterns it left on found
 * nothing in the document.
 * Caseless matching in PCRE2 with UTF + UCP lets exactly two non-ASCII
 * characters match ASCII letters: U+017F LONG S matches 's' and U+212A
 * KELVIN SIGN matches 'k'. The scanner reads them as those letters, so it
 * never turns off a pattern that matches the text (test_weapons.c checks
 * that no other code point matches an ASCII character caselessly).
 *
 * A pattern turned off has no match in the document: running only the
 * patterns left on finds exactly the hits of running them all. And a match
 * holds a string of each of its pattern's sets, so it starts at or before
 * where each set's last string ends: a search for it can stop starting
 * there (most searches found nothing and went on to the end of the text).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weapons.h"

#define SPECIAL 255u /* class of the lead bytes of LONG S (C5 BF) and KELVIN SIGN (E2 84 AA) */

typedef struct pending {
    char s[WPN_LIT_LEN];
    uint32_t cond; /* the condition (set) it belongs to */
} pending;

/* Conditions a scanner keeps on the stack; a pattern past them keeps only
 * its first set (still a right answer, a weaker filter). */
#define MAX_CONDITIONS 4096

struct wpn_prefilter {
    size_t n_patterns, n_filtered, n_conds;
    pending *lit; /* the declared literals, until build */
    size_t n_lit, cap_lit;
    uint32_t *cond_first, *cond_n; /* by pattern: its conditions (cond_n 0: always on) */
    size_t cap_patterns;

    size_t words;         /* uint64_t words per pattern bitset */
    size_t cwords;        /* uint64_t words per condition bitset */
    unsigned n_classes;   /* byte classes: 0 = a byte in no literal */
    uint8_t cls[256];     /* byte -> class (or SPECIAL) */
    uint32_t *delta;      /* n_states x n_classes: the next state */
    uint64_t *out;        /* n_states x words: patterns whose literal ends here */
    uint8_t *has_out;     /* n_states: out is not all zero */
    uint64_t *always;     /* words: patterns without literals */
};

wpn_prefilter *wpn_prefilter_new(void) { return calloc(1, sizeof(wpn_prefilter)); }

void wpn_prefilter_free(wpn_prefilter *pf)
{
    if (!pf)
        return;
    free(pf->lit);
    free(pf->delta);
    free(pf->out);
    free(pf->has_out);
    free(pf->always);
    free(pf->cond_first);
    free(pf->cond_n);
    free(pf);
}

size_t wpn_prefilter_words(const wpn_prefilter *pf) { return pf->words; }
size_t wpn_prefilter_n_filtered(const wpn_prefilter *pf) { return pf->n_filtered; }

static int push(wpn_prefilter *pf, const char *s, uint32_t cond)
{
    if (pf->n_lit == pf->cap_lit) {
        size_t cap = pf->cap_lit ? pf->cap_lit * 2 : 256;
        pending *v = realloc(pf->lit, cap * sizeof *v);
        if (!v)
            return QRY_ERR_NOMEM;
        pf->lit = v;
        pf->cap_lit = cap;
    }
    snprintf(pf->lit[pf->n_lit].s, sizeof pf->lit[pf->n_lit].s, "%s", s);
    pf->lit[pf->n_lit++].cond = cond;
    return QRY_OK;
}

int wpn_prefilter_add_sets(wpn_prefilter *pf, const wpn_literals *sets, size_t n)
{
    if (pf->n_patterns == pf->cap_patterns) {
        size_t cap = pf->cap_patterns ? pf->cap_patterns * 2 : 64;
        uint32_t *f = realloc(pf->cond_first, cap * sizeof *f);
        if (f)
            pf->cond_first = f;
        uint32_t *c = f ? realloc(pf->cond_n, cap * sizeof *c) : NULL;
        if (!c)
            return QRY_ERR_NOMEM;
        pf->cond_n = c;
        pf->cap_patterns = cap;
    }
    if (pf->n_conds + n > MAX_CONDITIONS)
        n = pf->n_conds < MAX_CONDITIONS ? 1 : 0;
    const size_t p = pf->n_patterns;
    pf->cond_first[p] = (uint32_t)pf->n_conds;
    pf->cond_n[p] = 0;
    int rc = QRY_OK;
    for (size_t k = 0; k < n && rc == QRY_OK; k++)
        for (size_t i = 0; i < sets[k].n && rc == QRY_OK; i++)
            rc = push(pf, sets[k].s[i], (uint32_t)(pf->n_conds + k));
    if (rc != QRY_OK)
        return rc;
    pf->n_conds += n;
    pf->cond_n[p] = (uint32_t)n;
    pf->n_filtered += n > 0;
    pf->n_patterns++;
    return QRY_OK;
}

int wpn_prefilter_add(wpn_prefilter *pf, const wpn_literals *lits)
{
    return wpn_prefilter_add_sets(pf, lits, lits && lits->n ? 1 : 0);
}

/* One class per byte used in a literal; an upper-case letter shares its
 * lower case's class. */
static void make_classes(wpn_prefilter *pf)
{
    memset(pf->cls, 0, sizeof pf->cls);
    unsigned n = 1;
    for (size_t i = 0; i < pf->n_lit; i++)
        for (const unsigned char *c = (const unsigned char *)pf->lit[i].s; *c; c++)
            if (!pf->cls[*c])
                pf->cls[*c] = (uint8_t)n++;
    for (unsigned c = 'a'; c <= 'z'; c++)
        pf->cls[c - 'a' + 'A'] = pf->cls[c];
    pf->cls[0xC5] = pf->cls[0xE2] = SPECIAL;
    pf->n_classes = n;
}

/* The trie of the literals, then failure links by breadth-first search,
 * turning it into a complete automaton (delta) whose states carry the
 * patterns of every literal that ends there. */
int wpn_prefilter_build(wpn_prefilter *pf)
{
    pf->words = pf->n_patterns ? (pf->n_patterns + 63) / 64 : 1;
    pf->cwords = pf->n_conds ? (pf->n_conds + 63) / 64 : 1;
    make_classes(pf);
    const size_t nc = pf->n_classes, w = pf->cwords;
    size_t max_states = 1;
    for (size_t i = 0; i < pf->n_lit; i++)
        max_states += strlen(pf->lit[i].s);
    uint32_t *fail = malloc(max_states * sizeof *fail), *queue = malloc(max_states * sizeof *queue);
    pf->delta = calloc(max_states * nc, sizeof *pf->delta);
    pf->out = calloc(max_states * w, sizeof *pf->out);
    pf->has_out = calloc(max_states, 1);
    pf->always = calloc(pf->words, sizeof *pf->always);
    if (!fail || !queue || !pf->delta || !pf->out || !pf->has_out || !pf->always) {
        free(fail);
        free(queue);
        return QRY_ERR_NOMEM;
    }
    for (size_t p = 0; p < pf->n_patterns; p++)
        if (pf->cond_n[p] == 0)
            pf->always[p / 64] |= 1ull << (p % 64);
    uint32_t n_states = 1;
    for (size_t i = 0; i < pf->n_lit; i++) {
        const uint32_t p = pf->lit[i].cond;
        const uint64_t bit = 1ull << (p % 64);
        uint32_t s = 0;
        for (const unsigned char *c = (const unsigned char *)pf->lit[i].s; *c; c++) {
            uint32_t *t = &pf->delta[s * nc + pf->cls[*c]];
            if (!*t)
                *t = n_states++;
            s = *t;
        }
        pf->out[s * w + p / 64] |= bit;
        pf->has_out[s] = 1;
    }
    size_t head = 0, tail = 0;
    for (size_t c = 0; c < nc; c++)
        if (pf->delta[c]) {
            fail[pf->delta[c]] = 0;
            queue[tail++] = pf->delta[c];
        }
    while (head < tail) {
        const uint32_t r = queue[head++], f = fail[r];
        if (pf->has_out[f]) { /* a literal ending at f ends at r too */
            for (size_t k = 0; k < w; k++)
                pf->out[r * w + k] |= pf->out[f * w + k];
            pf->has_out[r] = 1;
        }
        for (size_t c = 0; c < nc; c++) {
            uint32_t *t = &pf->delta[r * nc + c];
            if (*t) {
                fail[*t] = pf->delta[f * nc + c];
                queue[tail++] = *t;
            } else {
                *t = pf->delta[f * nc + c];
            }
        }
    }
    free(fail);
    free(queue);
    free(pf->lit);
    pf->lit = NULL;
    pf->n_lit = pf->cap_lit = 0;
    return QRY_OK;
}

void wpn_prefilter_scan(const wpn_prefilter *pf, const char *text, size_t len, uint64_t *may_match,
                        uint32_t *starts_by)
{
    const size_t w = pf->cwords, nc = pf->n_classes;
    if (!pf->delta) { /* not built: everything may match */
        memset(may_match, 0xFF, pf->words * sizeof *may_match);
        for (size_t p = 0; starts_by && p < pf->n_patterns; p++)
            starts_by[p] = (uint32_t)len;
        return;
    }
    uint64_t met[MAX_CONDITIONS / 64]; /* the conditions the text meets */
    uint32_t last[MAX_CONDITIONS];     /* where each met condition's last literal ends */
    memset(met, 0, w * sizeof *met);
    const unsigned char *t = (const unsigned char *)text;
    const unsigned s_cls = pf->cls['s'], k_cls = pf->cls['k'];
    uint32_t s = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned c = pf->cls[t[i]];
        if (c == SPECIAL) {
            c = 0;
            if (t[i] == 0xC5 && i + 1 < len && t[i + 1] == 0xBF) {
                c = s_cls;
                i += 1;
            } else if (t[i] == 0xE2 && i + 2 < len && t[i + 1] == 0x84 && t[i + 2] == 0xAA) {
                c = k_cls;
                i += 2;
            }
        }
        s = pf->delta[s * nc + c];
        if (!pf->has_out[s])
            continue;
        for (size_t k = 0; k < w; k++) {
            uint64_t bits = pf->out[s * w + k];
            met[k] |= bits;
            for (; starts_by && bits; bits &= bits - 1)
                last[k * 64 + (size_t)__builtin_ctzll(bits)] = (uint32_t)i;
        }
    }
    memcpy(may_match, pf->always, pf->words * sizeof *may_match);
    for (size_t p = 0; p < pf->n_patterns; p++) {
        uint32_t first = pf->cond_first[p], n = pf->cond_n[p], k = 0, bound = (uint32_t)len;
        while (k < n && (met[(first + k) / 64] >> ((first + k) % 64) & 1)) {
            if (last[first + k] < bound)
                bound = last[first + k];
            k++;
        }
        if (n && k == n)
            may_match[p / 64] |= 1ull << (p % 64);
        if (starts_by)
            starts_by[p] = bound;
    }
}
