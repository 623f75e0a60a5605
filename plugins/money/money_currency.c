/* money_currency.c -- the money plugin's tables: currency forms, scale
 * words and qualifier phrases, read through the core's table service
 * (quarry.table/1: comments, blank lines, UTF-8 and tab-separated columns
 * are its business), so every bad line of every file is reported at once
 * as FILE:LINE. The patterns built from them are in money_patterns.c.
 *
 * currencies.tsv   form  iso  place  [flags]
 *   form    the text as written; a space matches any run of horizontal
 *           white space, "(...)" is an optional part ("dollar(s)")
 *   iso     ISO 4217 code; "*" = the default_dollar option; "-" removes
 *           the form (in an extra file)
 *   place   pre | post | both: before and/or after the number
 *   flags   comma-separated: sym | code | word (kind, default word);
 *           cs (exact case; the default for codes) or ci (any case);
 *           weak (also a non-money word: needs corroboration);
 *           factor=N (one unit in units of iso: factor=0.01 for cents)
 * scales.tsv       form  multiplier  [flags (cs, attach, plural)]
 * qualifiers.tsv   phrase  kind (approx | vague)
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

#define FORM_MAX 64   /* bytes of a currency form */
#define SCALE_MAX 32  /* bytes of a scale word */
#define PHRASE_MAX 40 /* bytes of a qualifier phrase */

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
    mny_rx_free(lx->re_approx);
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

/* ---- reading one table ---- */

/* One row of an open table: what a row reader needs to take it or reject it. */
typedef struct row_ref {
    const qry_table_service *ts;
    qry_table *t;
    size_t row;
} row_ref;

static const char *cell(const row_ref *r, size_t col) { return r->ts->cell(r->t, r->row, col, NULL); }

/* Read one row into the lexicon. QRY_OK when it was taken or rejected
 * (through ts->reject), QRY_ERR_NOMEM otherwise. */
typedef int (*row_fn)(mny_lexicon *lx, const row_ref *r);

/* Read the table `name` row by row; its bad lines and rows are all
 * reported. QRY_OK, QRY_ERR_CONFIG when any was (or the file is missing)
 * or QRY_ERR_NOMEM. */
static int read_table(mny_lexicon *lx, const mny_reader *rd, const char *name, unsigned min_cols,
                      unsigned max_cols, row_fn fn)
{
    row_ref r = {.ts = rd->table, .t = rd->table->open(rd->host, name, min_cols, max_cols, QRY_TABLE_TRIM)};
    if (!r.t)
        return QRY_ERR_CONFIG;
    int rc = QRY_OK;
    for (r.row = 0; rc == QRY_OK && r.row < r.ts->rows(r.t); r.row++)
        rc = fn(lx, &r);
    if (rc == QRY_OK && r.ts->errors(r.t))
        rc = QRY_ERR_CONFIG;
    r.ts->close(r.t);
    return rc;
}

static int parse_double(const char *s, size_t n, double *out)
{
    char buf[64];
    if (n == 0 || n >= sizeof buf)
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    char *end;
    errno = 0;
    double d = strtod(buf, &end);
    if (errno || *end || !(d > 0) || d > 1e18)
        return -1;
    *out = d;
    return 0;
}

/* The comma-separated flags of a cell, one at a time, blanks around each
 * dropped: *s is advanced past the flag; returns its length (0 for an
 * empty one) or -1 at the end. */
static long next_flag(const char **s, const char **flag)
{
    if (!**s)
        return -1;
    const char *p = *s + strspn(*s, " ");
    size_t n = strcspn(p, ",");
    *s = p[n] ? p + n + 1 : p + n;
    while (n && p[n - 1] == ' ')
        n--;
    *flag = p;
    return (long)n;
}

static int flag_is(const char *flag, long n, const char *word)
{
    return (size_t)n == strlen(word) && memcmp(flag, word, (size_t)n) == 0;
}

static int is_iso(const char *s)
{
    return strlen(s) == 3 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z' && s[2] >= 'A' && s[2] <= 'Z';
}

int mny_valid_iso(const char *s) { return s && is_iso(s); }

/* ---- currencies ---- */

/* The flags column of a currency row into c; 0, or -1 after rejecting the row. */
static int currency_flags(const row_ref *r, mny_currency *c)
{
    int ci = 0, cs = 0;
    const char *s = cell(r, 3), *f;
    for (long n; (n = next_flag(&s, &f)) >= 0;) {
        if (flag_is(f, n, "sym"))
            c->flags |= MNY_SYM;
        else if (flag_is(f, n, "code"))
            c->flags |= MNY_CODE;
        else if (flag_is(f, n, "word"))
            c->flags |= MNY_WORD;
        else if (flag_is(f, n, "cs"))
            cs = 1;
        else if (flag_is(f, n, "ci"))
            ci = 1;
        else if (flag_is(f, n, "weak"))
            c->flags |= MNY_WEAK;
        else if (n > 7 && memcmp(f, "factor=", 7) == 0) {
            if (parse_double(f + 7, (size_t)n - 7, &c->factor) < 0) {
                r->ts->reject(r->t, r->row, "bad factor '%.*s'", (int)n - 7, f + 7);
                return -1;
            }
        } else if (n > 0) {
            r->ts->reject(r->t, r->row, "unknown flag '%.*s'", (int)n, f);
            return -1;
        }
    }
    if (!(c->flags & (MNY_SYM | MNY_CODE | MNY_WORD)))
        c->flags |= MNY_WORD;
    if (cs || ((c->flags & MNY_CODE) && !ci))
        c->flags |= MNY_CS;
    return 0;
}

/* '(' opens an optional part and ')' closes it: a form whose parentheses do
 * not pair would break the alternation every form is compiled into, so it
 * is refused here, where its file and line are known. */
static int parens_pair(const char *form)
{
    long depth = 0;
    for (const char *s = form; *s && depth >= 0; s++)
        depth += (*s == '(') - (*s == ')');
    return depth == 0;
}

static int currency_row(mny_lexicon *lx, const row_ref *r)
{
    const char *form = cell(r, 0), *iso = cell(r, 1), *place = cell(r, 2);
    if (!*form || strlen(form) > FORM_MAX) {
        r->ts->reject(r->t, r->row, "empty or over-long currency form");
        return QRY_OK;
    }
    if (!parens_pair(form)) {
        r->ts->reject(r->t, r->row, "currency form '%s': unpaired parenthesis (\"(...)\" marks an optional part)", form);
        return QRY_OK;
    }
    mny_currency c = {.factor = 1.0};
    int remove = 0;
    if (strcmp(iso, "*") == 0) {
        c.flags |= MNY_DOLLAR;
    } else if (strcmp(iso, "-") == 0) {
        remove = 1;
    } else if (is_iso(iso)) {
        memcpy(c.iso, iso, 4);
    } else {
        r->ts->reject(r->t, r->row, "currency code '%s' is not three capital letters, '*' or '-'", iso);
        return QRY_OK;
    }
    if (strcmp(place, "pre") == 0) {
        c.flags |= MNY_PRE;
    } else if (strcmp(place, "post") == 0) {
        c.flags |= MNY_POST;
    } else if (strcmp(place, "both") == 0) {
        c.flags |= MNY_PRE | MNY_POST;
    } else {
        r->ts->reject(r->t, r->row, "place '%s' is not pre, post or both", place);
        return QRY_OK;
    }
    if (currency_flags(r, &c) < 0)
        return QRY_OK;
    /* a later line (or file) with the same form replaces the earlier one */
    for (size_t i = 0; i < lx->n_cur; i++) {
        if (lx->cur[i].form[0] == form[0] && strcmp(lx->cur[i].form, form) == 0) { /* 400 forms: skip the call */
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
    if (grow((void **)&lx->cur, &lx->cap_cur, lx->n_cur, sizeof *lx->cur) != QRY_OK || !(c.form = strdup(form)))
        return QRY_ERR_NOMEM;
    lx->cur[lx->n_cur++] = c;
    return QRY_OK;
}

int mny_load_currencies(mny_lexicon *lx, const mny_reader *rd, const char *name)
{
    return read_table(lx, rd, name, 3, 4, currency_row);
}

/* ---- scales ---- */

static int scale_row(mny_lexicon *lx, const row_ref *r)
{
    mny_scale s = {0};
    const char *form = cell(r, 0), *mult = cell(r, 1);
    if (!*form || strlen(form) > SCALE_MAX) {
        r->ts->reject(r->t, r->row, "empty or over-long scale word");
        return QRY_OK;
    }
    if (!parens_pair(form)) {
        r->ts->reject(r->t, r->row, "scale word '%s': unpaired parenthesis (\"(...)\" marks an optional part)", form);
        return QRY_OK;
    }
    if (parse_double(mult, strlen(mult), &s.mult) < 0) {
        r->ts->reject(r->t, r->row, "multiplier '%s' is not a positive number", mult);
        return QRY_OK;
    }
    const char *flags = cell(r, 2), *f;
    for (long n; (n = next_flag(&flags, &f)) >= 0;) {
        if (flag_is(f, n, "cs")) {
            s.flags |= MNY_SC_CS;
        } else if (flag_is(f, n, "attach")) {
            s.flags |= MNY_SC_ATTACH;
        } else if (flag_is(f, n, "plural")) {
            s.flags |= MNY_SC_PLURAL;
        } else if (n > 0) {
            r->ts->reject(r->t, r->row, "unknown flag '%.*s'", (int)n, f);
            return QRY_OK;
        }
    }
    if (grow((void **)&lx->scale, &lx->cap_scale, lx->n_scale, sizeof *lx->scale) != QRY_OK ||
        !(s.form = strdup(form)))
        return QRY_ERR_NOMEM;
    lx->scale[lx->n_scale++] = s;
    return QRY_OK;
}

int mny_load_scales(mny_lexicon *lx, const mny_reader *rd, const char *name)
{
    return read_table(lx, rd, name, 2, 3, scale_row);
}

/* ---- qualifier phrases ---- */

static int phrase_row(mny_lexicon *lx, const row_ref *r)
{
    mny_phrase p = {0};
    const char *text = cell(r, 0), *kind = cell(r, 1);
    if (strcmp(kind, "approx") == 0) {
        p.kind = MNY_Q_APPROX;
    } else if (strcmp(kind, "vague") == 0) {
        p.kind = MNY_Q_VAGUE;
    } else {
        r->ts->reject(r->t, r->row, "kind '%s' is not approx or vague", kind);
        return QRY_OK;
    }
    if (!*text || strlen(text) > PHRASE_MAX) {
        r->ts->reject(r->t, r->row, "empty or over-long phrase");
        return QRY_OK;
    }
    if (text[strspn(text, "abcdefghijklmnopqrstuvwxyz -")]) {
        r->ts->reject(r->t, r->row, "a phrase is lower-case letters, spaces and hyphens");
        return QRY_OK;
    }
    if (grow((void **)&lx->phrase, &lx->cap_phrase, lx->n_phrase, sizeof *lx->phrase) != QRY_OK ||
        !(p.text = strdup(text)))
        return QRY_ERR_NOMEM;
    lx->phrase[lx->n_phrase++] = p;
    return QRY_OK;
}

int mny_load_phrases(mny_lexicon *lx, const mny_reader *rd, const char *name)
{
    return read_table(lx, rd, name, 2, 2, phrase_row);
}
