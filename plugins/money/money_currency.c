/* money_currency.c -- the money plugin's data: currency forms, scale words
 * and qualifier phrases, loaded from TAB-separated files, and the PCRE2
 * patterns built from them once in create().
 *
 * currencies.tsv   form  iso  place  flags
 *   form    the text as written; a space matches any run of horizontal
 *           white space, "(...)" is an optional part ("dollar(s)")
 *   iso     ISO 4217 code; "*" = the default_dollar option; "-" removes
 *           the form (in an extra file)
 *   place   pre | post | both: before and/or after the number
 *   flags   comma-separated: sym | code | word (kind, default word);
 *           cs (exact case; the default for codes) or ci (any case);
 *           weak (also a non-money word: needs corroboration);
 *           factor=N (one unit in units of iso: factor=0.01 for cents)
 * scales.tsv       form  multiplier  flags (cs, attach, plural)
 * qualifiers.tsv   phrase  kind (approx | vague)
 * Blank lines and lines starting with '#' are ignored everywhere.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "money.h"

#define MATCH_LIMIT 100000u
#define DEPTH_LIMIT 1000u
#define MAX_LINE 4096

void mny_lexicon_init(mny_lexicon *lx) { memset(lx, 0, sizeof *lx); }

void mny_lexicon_free(mny_lexicon *lx)
{
    if (!lx)
        return;
    for (size_t i = 0; i < lx->n_cur; i++)
        free(lx->cur[i].form);
    for (size_t i = 0; i < lx->n_scale; i++)
        free(lx->scale[i].form);
    for (size_t i = 0; i < lx->n_phrase; i++)
        free(lx->phrase[i].text);
    free(lx->cur);
    free(lx->scale);
    free(lx->phrase);
    mny_re_free(&lx->re_cur);
    mny_re_free(&lx->re_scale);
    mny_re_free(&lx->re_num);
    pcre2_code_free(lx->re_approx);
    mny_re_free(&lx->re_vague);
    pcre2_match_context_free(lx->mctx);
    memset(lx, 0, sizeof *lx);
}

/* Grow a vector of `size`-byte elements to hold one more. */
static int grow(void **v, size_t *cap, size_t n, size_t size)
{
    if (n < *cap)
        return QRY_OK;
    size_t ncap = *cap ? *cap * 2 : 32;
    void *nv = realloc(*v, ncap * size);
    if (!nv)
        return QRY_ERR_NOMEM;
    *v = nv;
    *cap = ncap;
    return QRY_OK;
}

/* ---- line reading ---- */

/* Byte offset of the first invalid UTF-8 sequence in s[0..n), or n. The
 * patterns are compiled without PCRE2's own check, so a table file's bytes
 * are checked here, with a line number for the user. */
static size_t utf8_bad_at(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        unsigned c = s[i];
        size_t len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > n)
            return i;
        unsigned cp = len == 1 ? c : c & (0x7Fu >> len);
        for (size_t k = 1; k < len; k++) {
            if ((s[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (s[i + k] & 0x3F);
        }
        if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
            (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += len;
    }
    return n;
}

typedef int (*line_fn)(mny_lexicon *lx, char **field, size_t nf, const char *path, unsigned long line, char *err,
                       size_t errsz);

/* Read a TSV file, calling fn on each non-comment line split on TABs. */
static int read_tsv(mny_lexicon *lx, const char *path, line_fn fn, char *err, size_t errsz)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return QRY_ERR_IO;
    }
    char buf[MAX_LINE];
    unsigned long lineno = 0;
    int rc = QRY_OK;
    while (rc == QRY_OK && fgets(buf, sizeof buf, f)) {
        lineno++;
        size_t n = strlen(buf);
        if (n == sizeof buf - 1 && buf[n - 1] != '\n' && !feof(f)) {
            snprintf(err, errsz, "%s:%lu: line too long", path, lineno);
            rc = QRY_ERR_CONFIG;
            break;
        }
        while (n && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
            buf[--n] = '\0';
        size_t bad = utf8_bad_at((const unsigned char *)buf, n);
        if (bad != n) {
            snprintf(err, errsz, "%s:%lu: not valid UTF-8 at byte %zu of the line", path, lineno, bad + 1);
            rc = QRY_ERR_CONFIG;
            break;
        }
        if (n == 0 || buf[0] == '#')
            continue;
        char *field[8];
        size_t nf = 0;
        char *p = buf;
        for (;;) {
            if (nf == 8) {
                snprintf(err, errsz, "%s:%lu: too many fields", path, lineno);
                rc = QRY_ERR_CONFIG;
                break;
            }
            field[nf++] = p;
            char *tab = strchr(p, '\t');
            if (!tab)
                break;
            *tab = '\0';
            p = tab + 1;
        }
        /* trim spaces around fields */
        for (size_t i = 0; rc == QRY_OK && i < nf; i++) {
            char *s = field[i];
            while (*s == ' ')
                s++;
            size_t k = strlen(s);
            while (k && s[k - 1] == ' ')
                s[--k] = '\0';
            field[i] = s;
        }
        if (rc == QRY_OK && nf == 1 && field[0][0] == '\0')
            continue; /* a line of spaces */
        if (rc == QRY_OK)
            rc = fn(lx, field, nf, path, lineno, err, errsz);
    }
    if (rc == QRY_OK && ferror(f)) {
        snprintf(err, errsz, "%s: read error", path);
        rc = QRY_ERR_IO;
    }
    fclose(f);
    return rc;
}

static int parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (errno || end == s || *end || !(d > 0) || d > 1e18)
        return -1;
    *out = d;
    return 0;
}

/* ---- currencies ---- */

static int currency_line(mny_lexicon *lx, char **field, size_t nf, const char *path, unsigned long line, char *err,
                         size_t errsz)
{
    if (nf < 3) {
        snprintf(err, errsz, "%s:%lu: expected form, iso, place[, flags]", path, line);
        return QRY_ERR_CONFIG;
    }
    const char *form = field[0], *iso = field[1], *place = field[2];
    if (!*form || strlen(form) > 64) {
        snprintf(err, errsz, "%s:%lu: empty or over-long currency form", path, line);
        return QRY_ERR_CONFIG;
    }
    mny_currency c = {.factor = 1.0};
    int remove = 0;
    if (strcmp(iso, "*") == 0) {
        c.flags |= MNY_DOLLAR;
    } else if (strcmp(iso, "-") == 0) {
        remove = 1;
    } else if (strlen(iso) == 3 && iso[0] >= 'A' && iso[0] <= 'Z' && iso[1] >= 'A' && iso[1] <= 'Z' &&
               iso[2] >= 'A' && iso[2] <= 'Z') {
        memcpy(c.iso, iso, 4);
    } else {
        snprintf(err, errsz, "%s:%lu: currency code '%s' is not three capital letters, '*' or '-'", path, line,
                 iso);
        return QRY_ERR_CONFIG;
    }
    if (strcmp(place, "pre") == 0)
        c.flags |= MNY_PRE;
    else if (strcmp(place, "post") == 0)
        c.flags |= MNY_POST;
    else if (strcmp(place, "both") == 0)
        c.flags |= MNY_PRE | MNY_POST;
    else {
        snprintf(err, errsz, "%s:%lu: place '%s' is not pre, post or both", path, line, place);
        return QRY_ERR_CONFIG;
    }
    int ci = 0, cs = 0;
    if (nf > 3 && *field[3]) {
        char *save = NULL;
        for (char *f = strtok_r(field[3], ",", &save); f; f = strtok_r(NULL, ",", &save)) {
            while (*f == ' ')
                f++;
            size_t k = strlen(f);
            while (k && f[k - 1] == ' ')
                f[--k] = '\0';
            if (strcmp(f, "sym") == 0)
                c.flags |= MNY_SYM;
            else if (strcmp(f, "code") == 0)
                c.flags |= MNY_CODE;
            else if (strcmp(f, "word") == 0)
                c.flags |= MNY_WORD;
            else if (strcmp(f, "cs") == 0)
                cs = 1;
            else if (strcmp(f, "ci") == 0)
                ci = 1;
            else if (strcmp(f, "weak") == 0)
                c.flags |= MNY_WEAK;
            else if (strncmp(f, "factor=", 7) == 0) {
                if (parse_double(f + 7, &c.factor) < 0) {
                    snprintf(err, errsz, "%s:%lu: bad factor '%s'", path, line, f + 7);
                    return QRY_ERR_CONFIG;
                }
            } else if (*f) {
                snprintf(err, errsz, "%s:%lu: unknown flag '%s'", path, line, f);
                return QRY_ERR_CONFIG;
            }
        }
    }
    if (!(c.flags & (MNY_SYM | MNY_CODE | MNY_WORD)))
        c.flags |= MNY_WORD;
    if (cs || ((c.flags & MNY_CODE) && !ci))
        c.flags |= MNY_CS;
    /* a later line (or file) with the same form replaces the earlier one */
    for (size_t i = 0; i < lx->n_cur; i++) {
        if (strcmp(lx->cur[i].form, form) == 0) {
            if (remove) {
                free(lx->cur[i].form);
                memmove(&lx->cur[i], &lx->cur[i + 1], (lx->n_cur - i - 1) * sizeof *lx->cur);
                lx->n_cur--;
                return QRY_OK;
            }
            c.form = lx->cur[i].form;
            lx->cur[i] = c;
            return QRY_OK;
        }
    }
    if (remove)
        return QRY_OK;
    if (grow((void **)&lx->cur, &lx->cap_cur, lx->n_cur, sizeof *lx->cur) != QRY_OK ||
        !(c.form = strdup(form))) {
        snprintf(err, errsz, "out of memory");
        return QRY_ERR_NOMEM;
    }
    lx->cur[lx->n_cur++] = c;
    return QRY_OK;
}

int mny_load_currencies(mny_lexicon *lx, const char *path, char *err, size_t errsz)
{
    return read_tsv(lx, path, currency_line, err, errsz);
}

/* ---- scales ---- */

static int scale_line(mny_lexicon *lx, char **field, size_t nf, const char *path, unsigned long line, char *err,
                      size_t errsz)
{
    mny_scale s = {0};
    if (nf < 2 || !*field[0] || strlen(field[0]) > 32 || parse_double(field[1], &s.mult) < 0) {
        snprintf(err, errsz, "%s:%lu: expected form, multiplier[, flags]", path, line);
        return QRY_ERR_CONFIG;
    }
    if (nf > 2 && *field[2]) {
        char *save = NULL;
        for (char *f = strtok_r(field[2], ",", &save); f; f = strtok_r(NULL, ",", &save)) {
            while (*f == ' ')
                f++;
            if (strcmp(f, "cs") == 0)
                s.flags |= MNY_SC_CS;
            else if (strcmp(f, "attach") == 0)
                s.flags |= MNY_SC_ATTACH;
            else if (strcmp(f, "plural") == 0)
                s.flags |= MNY_SC_PLURAL;
            else if (*f) {
                snprintf(err, errsz, "%s:%lu: unknown flag '%s'", path, line, f);
                return QRY_ERR_CONFIG;
            }
        }
    }
    if (grow((void **)&lx->scale, &lx->cap_scale, lx->n_scale, sizeof *lx->scale) != QRY_OK ||
        !(s.form = strdup(field[0]))) {
        snprintf(err, errsz, "out of memory");
        return QRY_ERR_NOMEM;
    }
    lx->scale[lx->n_scale++] = s;
    return QRY_OK;
}

int mny_load_scales(mny_lexicon *lx, const char *path, char *err, size_t errsz)
{
    return read_tsv(lx, path, scale_line, err, errsz);
}

/* ---- qualifier phrases ---- */

static int phrase_line(mny_lexicon *lx, char **field, size_t nf, const char *path, unsigned long line, char *err,
                       size_t errsz)
{
    mny_phrase p = {0};
    if (nf >= 2 && strcmp(field[1], "approx") == 0)
        p.kind = MNY_Q_APPROX;
    else if (nf >= 2 && strcmp(field[1], "vague") == 0)
        p.kind = MNY_Q_VAGUE;
    if (!p.kind || !*field[0] || strlen(field[0]) > 40) {
        snprintf(err, errsz, "%s:%lu: expected phrase, approx|vague", path, line);
        return QRY_ERR_CONFIG;
    }
    for (const char *s = field[0]; *s; s++) {
        if (!((*s >= 'a' && *s <= 'z') || *s == ' ' || *s == '-')) {
            snprintf(err, errsz, "%s:%lu: a phrase is lower-case letters, spaces and hyphens", path, line);
            return QRY_ERR_CONFIG;
        }
    }
    if (grow((void **)&lx->phrase, &lx->cap_phrase, lx->n_phrase, sizeof *lx->phrase) != QRY_OK ||
        !(p.text = strdup(field[0]))) {
        snprintf(err, errsz, "out of memory");
        return QRY_ERR_NOMEM;
    }
    lx->phrase[lx->n_phrase++] = p;
    return QRY_OK;
}

int mny_load_phrases(mny_lexicon *lx, const char *path, char *err, size_t errsz)
{
    return read_tsv(lx, path, phrase_line, err, errsz);
}

/* ---- pattern building ---- */

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

static int form_items(const mny_lexicon *lx, size_t n, form_of get, items *it)
{
    order *ord = malloc((n ? n : 1) * sizeof *ord);
    if (!ord)
        return QRY_ERR_NOMEM;
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

/* The phrases of one kind, words separated by \h+ or a hyphen, longest first. */
static int phrase_items(const mny_lexicon *lx, int kind, items *it)
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
    int rc = form_items(lx, n, get, &it);
    if (rc == QRY_OK)
        rc = mny_re_build(re, "(?:", (const char *const *)it.v, it.n, ")", "", NULL, PCRE2_ANCHORED, what, err,
                          errsz);
    items_free(&it);
    return rc;
}

/* The approximation qualifiers right before the end of the subject (not anchored). */
static int build_approx(mny_lexicon *lx, char *err, size_t errsz)
{
    items it = {0};
    int rc = phrase_items(lx, MNY_Q_APPROX, &it), oom = 0;
    if (rc == QRY_OK) {
        lx->re_approx = mny_compile_alternation("(?i)(?<![\\p{L}\\p{N}])(?:", (const char *const *)it.v, it.n, NULL,
                                                ")\\h+\\z", 0, "qualifier", err, errsz, &oom);
        if (!lx->re_approx)
            rc = oom ? QRY_ERR_NOMEM : QRY_ERR_CONFIG;
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
        rc = mny_re_build(&lx->re_num, "", num, 1, "", "", "0123456789.", PCRE2_ANCHORED, "number", err, errsz);
    if (rc == QRY_OK)
        rc = build_approx(lx, err, errsz);
    if (rc == QRY_OK) {
        items it = {0};
        rc = phrase_items(lx, MNY_Q_VAGUE, &it);
        if (rc == QRY_OK)
            rc = mny_re_build(&lx->re_vague, "(?i)(?:", (const char *const *)it.v, it.n, ")(?![\\p{L}\\p{N}])",
                              "(?i)", NULL, PCRE2_ANCHORED, "vague quantity", err, errsz);
        items_free(&it);
    }
    if (rc == QRY_ERR_NOMEM)
        snprintf(err, errsz, "out of memory");
    return rc;
}
