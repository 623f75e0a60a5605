/* money_patterns.c -- the PCRE2 patterns the money plugin builds once in
 * create() from its tables (money_currency.c reads them): one anchored
 * alternation of every currency form and one of every scale word, each
 * alternative tagged with (*MARK:index) so a match names its table row,
 * the number pattern, and the qualifier and vague-quantity phrases.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

#define MATCH_LIMIT 100000u
#define DEPTH_LIMIT 1000u

static int is_ascii_letter(unsigned char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z'); }

/* Append `form` as a pattern: literal characters, a space = \h+, "(...)"
 * optional; ends with a letter boundary when it ends in a letter. */
static void sb_form(mny_sbuf *b, const char *form)
{
    size_t n = strlen(form);
    int ends_letter = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)form[i];
        if (ch == ' ') {
            while (i + 1 < n && form[i + 1] == ' ')
                i++;
            mny_sb_str(b, "\\h+");
            ends_letter = 0;
        } else if (ch == '(') {
            mny_sb_str(b, "(?:");
        } else if (ch == ')') {
            mny_sb_str(b, ")?");
        } else if (ch < 0x80 && !is_ascii_letter(ch) && !(ch >= '0' && ch <= '9')) {
            char esc[3] = {'\\', (char)ch, 0};
            mny_sb_str(b, esc);
            ends_letter = 0;
        } else {
            mny_sb_add(b, form + i, 1);
            ends_letter = ch >= 0x80 ? 0 : is_ascii_letter(ch);
        }
        if (ch == ')' && i > 0)
            ends_letter = is_ascii_letter((unsigned char)form[i - 1]);
    }
    /* a non-ASCII final character is a letter when it is one: let PCRE decide */
    if (ends_letter || (n && (unsigned char)form[n - 1] >= 0x80))
        mny_sb_str(b, "(?!\\p{L})");
}

/* Length of a form for longest-first ordering (optional parts count). */
static size_t form_weight(const char *s) { return strlen(s); }

typedef struct order {
    size_t idx, weight;
} order;

static int cmp_order(const void *a, const void *b)
{
    const order *x = a, *y = b;
    if (x->weight != y->weight)
        return x->weight < y->weight ? 1 : -1;
    return x->idx < y->idx ? -1 : x->idx > y->idx;
}

/* The alternatives of one pattern, each its own string. */
typedef struct items {
    char **v;
    size_t n;
} items;

static void items_free(items *it)
{
    for (size_t i = 0; i < it->n; i++)
        free(it->v[i]);
    free(it->v);
    it->v = NULL;
    it->n = 0;
}

/* Append b's text as the next alternative (b is reset). */
static int items_take(items *it, mny_sbuf *b)
{
    char *copy = b->oom ? NULL : strdup(b->s ? b->s : "");
    char **nv = copy ? realloc(it->v, (it->n + 1) * sizeof *nv) : NULL;
    if (!nv) {
        free(copy);
        return QRY_ERR_NOMEM;
    }
    it->v = nv;
    it->v[it->n++] = copy;
    b->n = 0;
    if (b->s)
        b->s[0] = '\0';
    return QRY_OK;
}

/* The n forms, each tagged with (*MARK:index), longest first. */
typedef const char *(*form_of)(const mny_lexicon *lx, size_t i, int *cs);

static const char *cur_form(const mny_lexicon *lx, size_t i, int *cs)
{
    *cs = (lx->cur[i].flags & MNY_CS) != 0;
    return lx->cur[i].form;
}

static const char *scale_form(const mny_lexicon *lx, size_t i, int *cs)
{
    *cs = (lx->scale[i].flags & MNY_SC_CS) != 0;
    return lx->scale[i].form;
}

/* The items' literal starts for mny_re_build: n strings of up to three
 * characters in one block (free lits->v and lits->text). */
typedef struct lits {
    const char **v;
    char *text;
} lits;

static void lits_free(lits *l)
{
    free(l->v);
    free(l->text);
    l->v = NULL;
    l->text = NULL;
}

static int lits_new(lits *l, size_t n)
{
    l->v = malloc((n ? n : 1) * sizeof *l->v);
    l->text = calloc(n ? n : 1, 4);
    if (!l->v || !l->text) {
        lits_free(l);
        return QRY_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        l->v[i] = l->text + 4 * i;
    return QRY_OK;
}

/* The text every match of a form starts with: its first characters up to
 * three, while they are plain ASCII (a space is \h+, '(' an optional part).
 * The loader refused forms whose parentheses do not pair, the only way
 * sb_form's output can be malformed, so none of them needs compiling. */
static void form_lit(const char *form, char *out)
{
    size_t k = 0;
    for (unsigned char c; k < 3 && (c = (unsigned char)form[k]) > ' ' && c < 0x80 && c != '(' && c != ')'; k++)
        out[k] = (char)c;
    out[k] = '\0';
}

/* ... and lit->v[k] each item's form_lit. */
static int form_items(const mny_lexicon *lx, size_t n, form_of get, items *it, lits *lit)
{
    order *ord = malloc((n ? n : 1) * sizeof *ord);
    if (!ord || lits_new(lit, n) != QRY_OK) {
        free(ord);
        return QRY_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++) {
        int cs;
        ord[i].idx = i;
        ord[i].weight = form_weight(get(lx, i, &cs));
    }
    qsort(ord, n, sizeof *ord, cmp_order);
    mny_sbuf b = {0};
    int rc = QRY_OK;
    for (size_t k = 0; rc == QRY_OK && k < n; k++) {
        int cs;
        const char *form = get(lx, ord[k].idx, &cs);
        form_lit(form, lit->text + 4 * k);
        char mark[32];
        mny_sb_str(&b, cs ? "(?-i:" : "(?i:");
        sb_form(&b, form);
        snprintf(mark, sizeof mark, ")(*MARK:%zu)", ord[k].idx);
        mny_sb_str(&b, mark);
        rc = items_take(it, &b);
    }
    free(b.s);
    free(ord);
    return rc;
}

/* The phrases of one kind, words separated by \h+ or a hyphen, longest first;
 * lit (NULL, or room for every phrase) gets each one's first letters: the
 * loader let only lower-case letters, spaces and hyphens through. */
static int phrase_items(const mny_lexicon *lx, int kind, items *it, lits *lit)
{
    order *ord = malloc((lx->n_phrase ? lx->n_phrase : 1) * sizeof *ord);
    if (!ord)
        return QRY_ERR_NOMEM;
    size_t m = 0;
    for (size_t i = 0; i < lx->n_phrase; i++)
        if (lx->phrase[i].kind == kind)
            ord[m++] = (order){i, strlen(lx->phrase[i].text)};
    qsort(ord, m, sizeof *ord, cmp_order);
    mny_sbuf b = {0};
    int rc = QRY_OK;
    for (size_t k = 0; rc == QRY_OK && k < m; k++) {
        if (lit) { /* a hyphen is \h*-\h*: only letters are literal */
            const char *t = lx->phrase[ord[k].idx].text;
            char *out = lit->text + 4 * k;
            size_t j = 0;
            for (; j < 3 && t[j] >= 'a' && t[j] <= 'z'; j++)
                out[j] = t[j];
            out[j] = '\0';
        }
        for (const char *s = lx->phrase[ord[k].idx].text; *s; s++) {
            if (*s == ' ')
                mny_sb_str(&b, "\\h+");
            else if (*s == '-')
                mny_sb_str(&b, "\\h*-\\h*");
            else
                mny_sb_add(&b, s, 1);
        }
        rc = items_take(it, &b);
    }
    free(b.s);
    free(ord);
    return rc;
}

/* Anchored alternation "(?:a|b|...)" of the forms, split by first byte. */
static int build_forms(mny_lexicon *lx, mny_re *re, size_t n, form_of get, const char *what, char *err,
                       size_t errsz)
{
    items it = {0};
    lits lit = {0};
    int rc = form_items(lx, n, get, &it, &lit);
    if (rc == QRY_OK)
        rc = mny_re_build(re, "(?:", (const char *const *)it.v, it.n, ")", lit.v, "", NULL, PCRE2_ANCHORED, what,
                          err, errsz);
    items_free(&it);
    lits_free(&lit);
    return rc;
}

/* The approximation qualifiers right before the end of the subject (not anchored). */
static int build_approx(mny_lexicon *lx, char *err, size_t errsz)
{
    items it = {0};
    int rc = phrase_items(lx, MNY_Q_APPROX, &it, NULL), oom = 0;
    if (rc == QRY_OK) {
        pcre2_code *code = mny_compile_alternation("(?i)(?<![\\p{L}\\p{N}])(?:", (const char *const *)it.v, it.n,
                                                   NULL, ")\\h+\\z", 0, "qualifier", err, errsz, &oom);
        if (!code)
            rc = oom ? QRY_ERR_NOMEM : QRY_ERR_CONFIG;
        else if (!(lx->re_approx = mny_rx_new(code)))
            rc = QRY_ERR_NOMEM;
    }
    items_free(&it);
    return rc;
}

int mny_lexicon_compile(mny_lexicon *lx, const char *dollar_iso, char *err, size_t errsz)
{
    for (size_t i = 0; i < lx->n_cur; i++)
        if (lx->cur[i].flags & MNY_DOLLAR)
            memcpy(lx->cur[i].iso, dollar_iso, 4);
    lx->mctx = pcre2_match_context_create(NULL);
    if (!lx->mctx) {
        snprintf(err, errsz, "out of memory");
        return QRY_ERR_NOMEM;
    }
    pcre2_set_match_limit(lx->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(lx->mctx, DEPTH_LIMIT);

    int rc = build_forms(lx, &lx->re_cur, lx->n_cur, cur_form, "currency", err, errsz);
    if (rc == QRY_OK)
        rc = build_forms(lx, &lx->re_scale, lx->n_scale, scale_form, "scale", err, errsz);
    /* digits: western grouping, Indian grouping (12,34,567), plain; then decimals; or ".125" */
    static const char *const num[] = {
        "(?:(?:\\d{1,3}(?:,\\d{3})+|\\d{1,2}(?:,\\d{2})+,\\d{3}|\\d+)(?:\\.\\d+)?|\\.\\d+)(?![\\d])"};
    if (rc == QRY_OK)
        rc = mny_re_build(&lx->re_num, "", num, 1, "", NULL, "", "0123456789.", PCRE2_ANCHORED, "number", err, errsz);
    if (rc == QRY_OK)
        rc = build_approx(lx, err, errsz);
    if (rc == QRY_OK) {
        items it = {0};
        lits lit = {0};
        rc = lits_new(&lit, lx->n_phrase);
        if (rc == QRY_OK)
            rc = phrase_items(lx, MNY_Q_VAGUE, &it, &lit);
        if (rc == QRY_OK)
            rc = mny_re_build(&lx->re_vague, "(?i)(?:", (const char *const *)it.v, it.n, ")(?![\\p{L}\\p{N}])",
                              lit.v, "(?i)", NULL, PCRE2_ANCHORED, "vague quantity", err, errsz);
        items_free(&it);
        lits_free(&lit);
    }
    if (rc == QRY_ERR_NOMEM)
        snprintf(err, errsz, "out of memory");
    return rc;
}
