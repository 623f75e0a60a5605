/* money_match.c -- the amount grammar of the money plugin.
 *
 * At each token start (leftmost first, longest of the forms that fit):
 *   prefix   CUR NUMBER [SCALE] [range tail]        "$2.4bn", "USD 5m", "HK$ 3", "$1-2 billion"
 *   suffix   NUMBER [SCALE] [range] CUR [SCALE]      "2.4 billion euros", "15-20 usd", "75 USD million",
 *            [and] [N subunit]                       "3 dollars 50 cents"
 *   vague    [tens of|several] SCALE(s) [of] CUR     "tens of billions of dollars" (no value)
 * then "between A and B" / "A-B" of the same currency become one range, and
 * an approximation qualifier right before the amount ("nearly", "more
 * than") becomes its `approx` attribute while staying outside the span.
 *
 * Guards: a bare number is never money; a symbol glued to letters, digits or
 * code punctuation ("a$1", "arr[$1]", "$1_x", "s/x/$1/") is code, not money;
 * a symbol after a number must not be glued to a following number ("two
 * $500 tickets" is one amount); weak words (pounds) need a scale or must not
 * read as weight ("500-pound bomb", "5 pounds of flour"); a year before a
 * currency word ("in 2015 dollars") is not an amount.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "money.h"

static int cur_at(mny_ctx *c, size_t p, unsigned need, size_t *end)
{
    long mark;
    long e = mny_re_at(c, &c->lx->re_cur, p, &mark);
    if (e <= (long)p || mark < 0 || (size_t)mark >= c->lx->n_cur)
        return -1;
    if (!(c->lx->cur[mark].flags & need))
        return -1;
    *end = (size_t)e;
    return (int)mark;
}

static const mny_currency *CUR(const mny_ctx *c, int i) { return &c->lx->cur[i]; }

/* Characters that make a glued "$" read as code ("a[$1]", "s/x/$1/", "x=$2"). */
static int is_code_char(unsigned char ch) { return ch && strchr("_\\/=@#%&*^|<>{}[]~$+`", ch) != NULL; }

/* The code point before p is a currency sign (U+20A0..U+20CF, $, £, ¥). */
static int symbol_before(const char *t, size_t p)
{
    if (p >= 1 && t[p - 1] == '$')
        return 1;
    if (p >= 2 && (unsigned char)t[p - 2] == 0xC2 && ((unsigned char)t[p - 1] == 0xA3 || (unsigned char)t[p - 1] == 0xA5))
        return 1;
    return p >= 3 && (unsigned char)t[p - 3] == 0xE2 && (unsigned char)t[p - 2] == 0x82 &&
           (unsigned char)t[p - 1] >= 0xA0;
}

/* The word ending right before p (after skipping spaces back): [*ws, *we). */
static int word_before(const char *t, size_t p, size_t *ws, size_t *we)
{
    size_t e = p;
    while (e > 0 && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\n' || t[e - 1] == '\r'))
        e--;
    size_t s = e;
    while (s > 0 && ((t[s - 1] >= 'a' && t[s - 1] <= 'z') || (t[s - 1] >= 'A' && t[s - 1] <= 'Z')))
        s--;
    if (s == e)
        return 0;
    *ws = s;
    *we = e;
    return 1;
}

static int prev_word_is(const char *t, size_t p, const char *w)
{
    size_t s, e;
    return word_before(t, p, &s, &e) && strlen(w) == e - s && strncasecmp(t + s, w, e - s) == 0;
}

static int prev_word_starts(const char *t, size_t p, const char *w)
{
    size_t s, e, n = strlen(w);
    return word_before(t, p, &s, &e) && e - s >= n && strncasecmp(t + s, w, n) == 0;
}

/* The range connector at p: '-', en dash, "to", or "and" after "between". */
enum { CONN_NONE, CONN_DASH, CONN_TO, CONN_AND };

static int connector_at(mny_ctx *c, size_t p, size_t amount_start, size_t *end)
{
    const char *t = c->text;
    size_t q = mny_skip_space(c, p);
    if (q < c->len && t[q] == '-') {
        *end = mny_skip_space(c, q + 1);
        return CONN_DASH;
    }
    if (q + 3 <= c->len && (unsigned char)t[q] == 0xE2 && (unsigned char)t[q + 1] == 0x80 &&
        (unsigned char)t[q + 2] == 0x93) {
        *end = mny_skip_space(c, q + 3);
        return CONN_DASH;
    }
    if (q == p)
        return CONN_NONE; /* words need a space before them */
    size_t we;
    if (mny_word_is(t, c->len, q, "to", &we) && !prev_word_is(t, amount_start, "from")) {
        *end = mny_skip_space(c, we);
        return *end > we ? CONN_TO : CONN_NONE;
    }
    if (mny_word_is(t, c->len, q, "and", &we) && prev_word_is(t, amount_start, "between")) {
        *end = mny_skip_space(c, we);
        return *end > we ? CONN_AND : CONN_NONE;
    }
    return CONN_NONE;
}

/* The amount may end at e: not glued to a following letter or digit. */
static int end_ok(const mny_ctx *c, size_t e, int code_guard)
{
    if (e >= c->len)
        return 1;
    unsigned char ch = (unsigned char)c->text[e];
    if (ch < 0x80 && mny_is_word_byte(ch))
        return 0;
    if (ch == '_')
        return 0;
    if (code_guard && strchr("{}[=\\|$@", ch))
        return 0;
    /* "1.2.3": a dot or comma glued to a further digit */
    if ((ch == '.' || ch == ',') && e > 0 && c->text[e - 1] >= '0' && c->text[e - 1] <= '9' && e + 1 < c->len &&
        c->text[e + 1] >= '0' && c->text[e + 1] <= '9')
        return 0;
    return 1;
}

/* Copy t[s..e) lower-cased with runs of white space as one space. */
static void copy_phrase(char *dst, size_t dstsz, const char *t, size_t s, size_t e)
{
    size_t n = 0;
    int space = 0;
    for (size_t i = s; i < e && n + 2 < dstsz; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r') {
            space = 1;
            continue;
        }
        if (space && n)
            dst[n++] = ' ';
        space = 0;
        dst[n++] = (char)((ch >= 'A' && ch <= 'Z') ? ch + 32 : ch);
    }
    dst[n] = '\0';
}

/* ---- the three forms ---- */

/* A quantity after a range connector; shares the scale of the far end.
 * On success sets a->min/max/end and returns 1. */
static int range_tail(mny_ctx *c, mny_qty *q, double factor, int pre_cur, size_t amount_start, mny_amount *a,
                      size_t *q2end, int allow_words)
{
    size_t ce;
    int conn = connector_at(c, q->end, amount_start, &ce);
    if (conn == CONN_NONE)
        return 0;
    if (pre_cur >= 0) { /* "$5 million-$10 million": the symbol may repeat */
        size_t e2;
        int k = cur_at(c, ce, MNY_PRE, &e2);
        if (k >= 0 && strcmp(CUR(c, k)->iso, CUR(c, pre_cur)->iso) == 0)
            ce = mny_skip_space(c, e2);
    }
    mny_qty q2;
    if (!mny_qty_at(c, ce, allow_words, &q2))
        return 0;
    mny_qty q1 = *q;
    int shared = 0;
    if (q1.scale < 0 && q2.scale >= 0) {
        q1.mult = q2.mult;
        shared = 1;
    }
    /* "to" joins a range only when the first end cannot stand alone */
    if (conn == CONN_TO && pre_cur >= 0 && !shared)
        return 0;
    double v1 = mny_qty_value(&q1, factor), v2 = mny_qty_value(&q2, factor);
    if (!(v1 < v2))
        return 0;
    a->min = v1;
    a->max = v2;
    a->is_range = 1;
    *q2end = q2.end;
    *q = q2;
    return 1;
}

static int parse_prefix(mny_ctx *c, size_t p, mny_amount *a)
{
    const char *t = c->text;
    size_t ce;
    int k = cur_at(c, p, MNY_PRE, &ce);
    if (k < 0)
        return 0;
    const mny_currency *cu = CUR(c, k);
    if (p > 0) {
        unsigned char prev = (unsigned char)t[p - 1];
        if (mny_letter_before(t, p) || is_code_char(prev))
            return 0;
    }
    size_t n = mny_skip_space(c, ce);
    mny_qty q;
    if (!mny_qty_at(c, n, 0, &q))
        return 0;
    memset(a, 0, sizeof *a);
    a->start = p;
    memcpy(a->iso, cu->iso, 4);
    size_t end = q.end;
    size_t q2end;
    if (range_tail(c, &q, cu->factor, k, p, a, &q2end, 0)) {
        end = q2end;
    } else {
        a->value = mny_qty_value(&q, cu->factor);
        a->has_value = 1;
    }
    /* a code with its scale after it: "USD 5 million" is covered; "$5 million USD" repeats the currency */
    size_t r = mny_skip_space(c, end), re;
    int k2 = cur_at(c, r, MNY_POST, &re);
    if (k2 >= 0 && r > end && !(CUR(c, k2)->flags & MNY_SYM) && CUR(c, k2)->factor == 1.0 &&
        strcmp(CUR(c, k2)->iso, cu->iso) == 0)
        end = re;
    if (!end_ok(c, end, (cu->flags & MNY_SYM) != 0))
        return 0;
    a->end = end;
    return 1;
}

/* Cents after a whole amount: "3 dollars 50 cents", "thirteen dollars and
 * forty-five cents", or a bare two-digit remainder closing the phrase
 * ("15 dollars 50."). Returns the new end or 0. */
static size_t composite(mny_ctx *c, size_t e, double *value)
{
    const char *t = c->text;
    size_t n = mny_skip_space(c, e), ae;
    if (n == e)
        return 0;
    if (mny_word_is(t, c->len, n, "and", &ae)) {
        n = mny_skip_space(c, ae);
        if (n == ae)
            return 0;
    }
    mny_qty s;
    if (!mny_qty_at(c, n, 1, &s) || s.scale >= 0 || !s.integer || s.value < 1 || s.value >= 100 ||
        s.bare_article || (!s.words && s.end - s.start > 2))
        return 0;
    size_t m = mny_skip_space(c, s.end), ce;
    if (m == s.end && m < c->len && t[m] == '-')
        m++;
    int k = cur_at(c, m, MNY_POST, &ce);
    if (k >= 0 && CUR(c, k)->factor < 1.0 && (CUR(c, k)->flags & MNY_WORD) && end_ok(c, ce, 0)) {
        *value += s.value * CUR(c, k)->factor;
        return ce;
    }
    /* bare remainder: only when nothing that it could count follows */
    size_t f = mny_skip_space(c, s.end), fe;
    if (f >= c->len || strchr(".,;:!?)", t[f]) || mny_word_is(t, c->len, f, "more", &fe) ||
        mny_word_is(t, c->len, f, "and", &fe)) {
        if (f < c->len && t[f] == '.' && f + 1 < c->len && t[f + 1] >= '0' && t[f + 1] <= '9')
            return 0;
        *value += s.value / 100.0;
        return s.end;
    }
    return 0;
}

/* Weight, not money: "500-pound bomb", "5 pounds of flour", "weighs 3 pounds",
 * "a 30 pound satellite"; a code that is also a word followed by a word
 * ("168 TOP ROUND"). */
static int weak_rejects(mny_ctx *c, const mny_currency *cu, const mny_qty *q, size_t cur_start, size_t cur_end,
                        int hyphen)
{
    const char *t = c->text;
    size_t qstart = q->start;
    if (hyphen)
        return 1;
    if (cu->flags & MNY_CODE) {
        size_t n = cur_end;
        while (n < c->len && (t[n] == ' ' || t[n] == '\t' || t[n] == '\n' || t[n] == '\r'))
            n++;
        return n < c->len && ((t[n] >= 'a' && t[n] <= 'z') || (t[n] >= 'A' && t[n] <= 'Z'));
    }
    /* a singular of a form with a plural ("pound(s)") after a number other than one: a compound adjective */
    if (strstr(cu->form, "(s)") && cur_end > cur_start && (t[cur_end - 1] | 0x20) != 's' && q->value != 1.0)
        return 1;
    if (prev_word_is(t, qstart, "a") || prev_word_is(t, qstart, "an"))
        return 1;
    size_t n = mny_skip_space(c, cur_end), we;
    if (mny_word_is(t, c->len, n, "of", &we))
        return 1;
    static const char *const heavy[] = {"bomb", "warhead", "shell", "charge", "payload", "load", "explosive"};
    for (size_t i = 0; i < sizeof heavy / sizeof *heavy; i++)
        if (n < c->len && strncasecmp(t + n, heavy[i], strlen(heavy[i])) == 0)
            return 1;
    return prev_word_starts(t, qstart, "weigh") || prev_word_is(t, qstart, "lifted") ||
           prev_word_is(t, qstart, "lost") || prev_word_is(t, qstart, "gained");
}

static int parse_suffix(mny_ctx *c, size_t p, mny_amount *a)
{
    const char *t = c->text;
    /* a number glued to letters, digits or a symbol on its left is not ours */
    if (p > 0) {
        unsigned char prev = (unsigned char)t[p - 1];
        if (mny_letter_before(t, p) || symbol_before(t, p) || is_code_char(prev))
            return 0;
        if ((prev == '.' || prev == ',') && p >= 2 && t[p - 2] >= '0' && t[p - 2] <= '9')
            return 0;
        /* ".125 dollars": the number starts at its decimal point */
        if (prev == '.' && (p < 2 || !mny_is_word_byte((unsigned char)t[p - 2])))
            p--;
    }
    mny_qty q;
    if (!mny_qty_at(c, p, 1, &q))
        return 0;
    memset(a, 0, sizeof *a);
    a->start = p;
    mny_amount r = {0};
    mny_qty qr = q;
    size_t q2end;
    /* the factor is not known before the currency: compute the range in units, rescale below */
    int ranged = range_tail(c, &qr, 1.0, -1, p, &r, &q2end, q.words);
    mny_qty *last = ranged ? &qr : &q;
    size_t n = mny_skip_space(c, last->end);
    int hyphen = 0;
    if (n == last->end && n < c->len && t[n] == '-') {
        n++;
        hyphen = 1;
    }
    size_t ce;
    int k = cur_at(c, n, MNY_POST, &ce);
    if (k < 0)
        return 0;
    const mny_currency *cu = CUR(c, k);
    if (cu->flags & MNY_SYM) {
        /* "4$", "10 €"; but "two $500" is one amount, and words never take a symbol */
        if (last->words || hyphen || (ce < c->len && t[ce] >= '0' && t[ce] <= '9'))
            return 0;
    }
    if (hyphen && !(cu->flags & MNY_WORD))
        return 0;
    if ((cu->flags & MNY_WEAK) && last->scale < 0 && weak_rejects(c, cu, last, n, ce, hyphen))
        return 0;
    if (q.year_like && q.scale < 0 && !ranged &&
        (prev_word_is(t, p, "in") || prev_word_is(t, p, "constant") || prev_word_is(t, p, "nominal") ||
         prev_word_is(t, p, "real")))
        return 0;
    size_t end = ce;
    /* a code may carry the scale after it: "75 USD million" */
    if ((cu->flags & MNY_CODE) && last->scale < 0) {
        size_t s = mny_skip_space(c, ce), se;
        int sc = s > ce ? mny_scale_at(c, s, 0, 0, &se) : -1;
        if (sc >= 0) {
            last->scale = sc;
            last->mult = c->lx->scale[sc].mult;
            end = se;
        }
    }
    memcpy(a->iso, cu->iso, 4);
    if (ranged) {
        mny_qty q1 = q;
        if (q1.scale < 0 && qr.scale >= 0)
            q1.mult = qr.mult;
        a->min = mny_qty_value(&q1, cu->factor);
        a->max = mny_qty_value(&qr, cu->factor);
        if (!(a->min < a->max))
            return 0;
        a->is_range = 1;
    } else {
        a->value = mny_qty_value(&q, cu->factor);
        a->has_value = 1;
        if (cu->factor == 1.0 && q.scale < 0 && q.integer && end == ce) {
            size_t ne = composite(c, end, &a->value);
            if (ne)
                end = ne;
        }
    }
    if (!end_ok(c, end, 0))
        return 0;
    a->end = end;
    return 1;
}

/* A value-less amount [p, ce) in currency k; its approx is the vague
 * phrase [p, se) as written ("tens of billions"). Returns 1. */
static int vague_amount(const mny_ctx *c, mny_amount *a, size_t p, size_t se, size_t ce, int k)
{
    memset(a, 0, sizeof *a);
    a->start = p;
    a->end = ce;
    memcpy(a->iso, CUR(c, k)->iso, 4);
    copy_phrase(a->approx, sizeof a->approx, c->text, p, se);
    return 1;
}

/* "tens of billions of dollars", "billions of euros", "several million pounds". */
static int parse_vague(mny_ctx *c, size_t p, mny_amount *a)
{
    const char *t = c->text;
    if (p > 0 && mny_letter_before(t, p))
        return 0;
    size_t se = 0, n = p;
    int sc = -1;
    long ve = mny_re_at(c, &c->lx->re_vague, p, NULL);
    if (ve > (long)p) {
        n = mny_skip_space(c, (size_t)ve);
        sc = mny_scale_at(c, n, 0, 1, &se);
        if (sc < 0) {
            sc = mny_scale_at(c, n, 0, 0, &se);
            if (sc >= 0) { /* "several million dollars": no "of" */
                size_t m = mny_skip_space(c, se), ce;
                int k = cur_at(c, m, MNY_POST, &ce);
                if (k < 0 || m == se || (CUR(c, k)->flags & MNY_SYM) || !end_ok(c, ce, 0))
                    return 0;
                return vague_amount(c, a, p, se, ce, k);
            }
        }
    }
    if (sc < 0) {
        sc = mny_scale_at(c, p, 0, 1, &se);
        if (sc < 0)
            return 0;
    }
    size_t m = mny_skip_space(c, se), oe;
    if (m == se || !mny_word_is(t, c->len, m, "of", &oe))
        return 0;
    m = mny_skip_space(c, oe);
    size_t ce;
    int k = cur_at(c, m, MNY_POST, &ce);
    if (k < 0 || m == oe || (CUR(c, k)->flags & MNY_SYM) || CUR(c, k)->factor != 1.0 || !end_ok(c, ce, 0))
        return 0;
    return vague_amount(c, a, p, se, ce, k);
}

/* An approximation qualifier ending right before the amount. */
static void find_qualifier(mny_ctx *c, mny_amount *a)
{
    if (a->approx[0] || a->start == 0)
        return;
    size_t ws = a->start > 48 ? a->start - 48 : 0;
    while (ws > 0 && ((unsigned char)c->text[ws] & 0xC0) == 0x80)
        ws--;
    int rc = qp_lazy_jit_match(c->lx->re_approx, c->text, a->start, ws, c->md, c->lx->mctx);
    if (rc < 0) {
        if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT)
            c->limit_hit = 1;
        return;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    copy_phrase(a->approx, sizeof a->approx, c->text, ov[0], ov[1]);
    /* drop the trailing space copy_phrase never writes; normalise "up  to" */
}

static int push(mny_amounts *out, const mny_amount *a)
{
    if (out->n == out->cap) {
        size_t ncap = out->cap ? out->cap * 2 : 16;
        mny_amount *nv = realloc(out->v, ncap * sizeof *nv);
        if (!nv)
            return QRY_ERR_NOMEM;
        out->v = nv;
        out->cap = ncap;
    }
    out->v[out->n++] = *a;
    return QRY_OK;
}

/* "between $5 million and $10 million", "$5 million-$10 million": one range. */
static void merge_ranges(mny_ctx *c, mny_amounts *out)
{
    size_t w = 0;
    for (size_t i = 0; i < out->n; i++) {
        mny_amount *a = &out->v[i];
        if (w > 0) {
            mny_amount *p = &out->v[w - 1];
            size_t ce;
            int conn = CONN_NONE;
            if (p->has_value && a->has_value && strcmp(p->iso, a->iso) == 0 && p->value < a->value &&
                !a->approx[0])
                conn = connector_at(c, p->end, p->start, &ce);
            if ((conn == CONN_DASH || conn == CONN_AND) && ce == a->start) {
                p->min = p->value;
                p->max = a->value;
                p->has_value = 0;
                p->is_range = 1;
                p->end = a->end;
                continue;
            }
        }
        out->v[w++] = *a;
    }
    out->n = w;
}

int mny_find(mny_ctx *c, const qry_doc_view *doc, int vague, mny_amounts *out)
{
    size_t next = 0;
    for (size_t i = 0; i < doc->n_tokens; i++) {
        const qry_token *tk = &doc->tokens[i];
        size_t p = tk->start;
        if (p < next)
            continue;
        mny_amount best = {0}, a;
        int found = 0;
        if ((tk->flags & (QRY_TOK_PUNCT | QRY_TOK_WORD)) && parse_prefix(c, p, &a)) {
            best = a;
            found = 1;
        }
        /* a word can start an amount only as a number word ("two million euros") */
        int number = (tk->flags & QRY_TOK_NUMBER) || ((tk->flags & QRY_TOK_WORD) && mny_starts_number_words(c, p));
        if (number && parse_suffix(c, p, &a) && (!found || a.end > best.end)) {
            best = a;
            found = 1;
        }
        if (vague && (tk->flags & QRY_TOK_WORD) && parse_vague(c, p, &a) && (!found || a.end > best.end)) {
            best = a;
            found = 1;
        }
        if (!found)
            continue;
        find_qualifier(c, &best);
        if (push(out, &best) != QRY_OK)
            return QRY_ERR_NOMEM;
        next = best.end;
    }
    merge_ranges(c, out);
    return QRY_OK;
}
