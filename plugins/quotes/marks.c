/* marks.c -- pair quotation marks into quotations, one linear pass over
 * each paragraph's tokens.
 *
 * Every mark gets a role from its glyph and its neighbours (white space or
 * not on each side, like Markdown's flanking rules): it may open, close,
 * either, or it is no quotation mark at all (an apostrophe in "Russia’s", a
 * prime in 5'11"). Pairing never crosses a paragraph boundary, except for a
 * quotation that runs over several paragraphs, each opening with a mark and
 * only the last one closing. So an odd mark can spoil at most its own
 * paragraph: an unclosed double quotation ends with its paragraph, an
 * unclosed single mark is taken for an apostrophe, a stray closing mark is
 * ignored. Single marks inside a double quotation are nested quotations and
 * belong to it; only top-level quotations are reported. Markup tags left in
 * the text (<tweet author="x">) are skipped: their values are no quotations.
 */
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

enum role { R_NONE = 0, R_OPEN = 1, R_CLOSE = 2, R_EITHER = 3 };

int qt_quotes_push(qt_quotes *q, const qt_quote *x)
{
    if (q->n == q->cap) {
        size_t ncap = q->cap ? q->cap * 2 : 16;
        qt_quote *v = realloc(q->v, ncap * sizeof *v);
        if (!v)
            return QRY_ERR_NOMEM;
        q->v = v;
        q->cap = ncap;
    }
    q->v[q->n++] = *x;
    return QRY_OK;
}

void qt_quotes_free(qt_quotes *q)
{
    free(q->v);
    q->v = NULL;
    q->n = q->cap = 0;
}

/* Punctuation that, right after a mark, means the mark closed something
 * (an ellipsis "..." opens a quotation that starts mid-sentence instead). */
static int closing_punct(const qt_ctx *c, size_t t)
{
    if (qt_tok_char(c, t, ".") && t + 1 < c->doc->n_tokens && qt_tok_char(c, t + 1, ".") &&
        !(c->doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE))
        return 0;
    return qt_tok_char(c, t, ",") || qt_tok_char(c, t, ".") || qt_tok_char(c, t, ";") || qt_tok_char(c, t, ":") ||
           qt_tok_char(c, t, ")") || qt_tok_char(c, t, "!") || qt_tok_char(c, t, "?") || qt_tok_char(c, t, "]");
}

static int opening_punct(const qt_ctx *c, size_t t)
{
    return qt_tok_char(c, t, "(") || qt_tok_char(c, t, "[");
}

/* Role of mark token t in the paragraph's tokens [pa, pe). */
static int mark_role(const qt_ctx *c, size_t t, size_t pa, size_t pe, int dbl)
{
    const qry_token *k = c->doc->tokens;
    int space_before = t == pa || (k[t].flags & QRY_TOK_SPACE_BEFORE);
    int space_after = t + 1 >= pe || (k[t + 1].flags & QRY_TOK_SPACE_BEFORE);
    int left = !space_after && !closing_punct(c, t + 1);    /* may open */
    int right = !space_before && !opening_punct(c, t - 1); /* may close */
    size_t n;
    const unsigned char *s = (const unsigned char *)qt_tok_text(c, t, &n);

    /* a prime after a number: 5'11", a 12" pipe */
    if (!space_before && (k[t - 1].flags & QRY_TOK_NUMBER) && n == 1)
        return R_NONE;
    int glued_words = !space_before && !space_after && qt_tok_word(c, t - 1) && qt_tok_word(c, t + 1);
    if (n == 1) { /* straight marks */
        if (!dbl && glued_words)
            return R_NONE; /* don't, O'Brien */
        return (left ? R_OPEN : 0) | (right ? R_CLOSE : 0);
    }
    if (n == 2) /* « » */
        return s[1] == 0xAB ? (right && !left ? R_CLOSE : R_OPEN) : (left && !right ? R_OPEN : R_CLOSE);
    switch (s[2]) {
    case 0x9C: /* “ */
    case 0x9E: /* „ */
    case 0x9F: /* ‟ */
        return right && !left ? R_CLOSE : R_OPEN;
    case 0x9D: /* ” */
        return left && !right ? R_OPEN : R_CLOSE;
    case 0x98: /* ‘ */
    case 0x9A: /* ‚ */
    case 0x9B: /* ‛ */
        if (!space_after && t + 1 < pe && (k[t + 1].flags & QRY_TOK_NUMBER))
            return R_NONE; /* ‘90s */
        return right && !left ? R_CLOSE : R_OPEN;
    case 0x99: /* ’: mostly an apostrophe */
        if (glued_words)
            return R_NONE;
        if (left && !right)
            return (t + 1 < pe && (k[t + 1].flags & QRY_TOK_NUMBER)) ? R_NONE : R_OPEN;
        return right ? R_CLOSE : R_NONE;
    default:
        return R_NONE;
    }
}

/* Count the words of [a, e) and decide whether the quotation is a fragment:
 * one word, or a short phrase used inside a sentence (a scare quote). */
static void classify(const qt_ctx *c, qt_quote *q, size_t pa, size_t pe)
{
    const qry_token *k = c->doc->tokens;
    uint32_t words = 0;
    for (size_t t = q->first; t < q->last; t++)
        if (k[t].flags & (QRY_TOK_WORD | QRY_TOK_NUMBER))
            words++;
    q->n_words = words;
    if (words <= 1) {
        q->fragment = 1;
        return;
    }
    if (words > 4)
        return;
    static const char *const intro[] = {"that", NULL};
    size_t o = q->open;
    int prev_word = o > pa && qt_tok_word(c, o - 1) && !qt_cue_ending(c, o - 1) && !qt_tok_is(c, o - 1, intro);
    int ends_word = (k[q->last - 1].flags & (QRY_TOK_WORD | QRY_TOK_NUMBER)) != 0;
    size_t after = q->close == QT_NONE ? pe : q->close + 1;
    int next_word = after < pe && qt_tok_word(c, after) && !qt_tok_cap(c, after) && !qt_cue_at(c, after) &&
                    !qt_tok_pronoun(c, after);
    q->fragment = (uint8_t)(prev_word || (ends_word && next_word));
}

/* Width in tokens of each mark: 2 for a pair of apostrophes (''). */
typedef struct widths {
    size_t open, close;
} widths;

/* Record the quotation between the marks starting at tokens open and close
 * (close may be QT_NONE: content runs to the end of token range, exclusive
 * `end_tok`). q.open is the opening mark's first token, q.close the closing
 * mark's last. */
static int add_quote_w(const qt_ctx *c, qt_quotes *out, size_t open, size_t close, size_t end_tok, int single,
                       size_t pa, size_t pe, widths w)
{
    const qry_token *k = c->doc->tokens;
    size_t first = open + w.open, last = close == QT_NONE ? end_tok : close;
    /* an unclosed quotation: drop trailing replacement characters */
    while (close == QT_NONE && last > first && qt_tok_char(c, last - 1, "\xEF\xBF\xBD"))
        last--;
    if (last <= first)
        return QRY_OK;
    qt_quote q;
    memset(&q, 0, sizeof q);
    q.open = (uint32_t)open;
    q.close = close == QT_NONE ? QT_NONE : (uint32_t)(close + w.close - 1);
    q.first = (uint32_t)first;
    q.last = (uint32_t)last;
    q.start = k[first].start;
    q.end = k[last - 1].end;
    q.single = (uint8_t)single;
    q.sp_tok = QT_NONE;
    classify(c, &q, pa, pe);
    q.work_title = (uint8_t)qt_work_title(c, &q, pa, pe);
    return qt_quotes_push(out, &q);
}

static int add_quote(const qt_ctx *c, qt_quotes *out, size_t open, size_t close, size_t end_tok, int single,
                     size_t pa, size_t pe)
{
    widths w = {1, 1};
    return add_quote_w(c, out, open, close, end_tok, single, pa, pe, w);
}

typedef struct pair_state {
    size_t dq_w;     /* tokens in the open double mark */
    size_t dq, sq;   /* open double / single mark token, or QT_NONE */
    int sq_nested;   /* the open single mark sits inside the open double */
    size_t dq_pa;    /* first token of the paragraph the double opened in */
    uint32_t chain;  /* paragraphs the open double has run over */
} pair_state;

/* Token range [*pa, *pe) of paragraph p, starting the search at token from. */
static void para_tokens(const qry_doc_view *d, size_t p, size_t from, size_t *pa, size_t *pe)
{
    size_t t = from;
    while (t < d->n_tokens && d->tokens[t].start < d->paragraphs[p].start)
        t++;
    *pa = t;
    while (t < d->n_tokens && d->tokens[t].start < d->paragraphs[p].end)
        t++;
    *pe = t;
}

/* Two glued straight apostrophes standing for a double mark (''...'', as
 * some papers write them): tokens t and t + 1, and no third one. */
static int double_apostrophe(const qt_ctx *c, size_t t, size_t pa, size_t pe)
{
    const qry_token *k = c->doc->tokens;
    return t + 1 < pe && qt_tok_char(c, t, "'") && qt_tok_char(c, t + 1, "'") &&
           !(k[t + 1].flags & QRY_TOK_SPACE_BEFORE) &&
           !(t + 2 < pe && qt_tok_char(c, t + 2, "'") && !(k[t + 2].flags & QRY_TOK_SPACE_BEFORE)) &&
           !(t > pa && qt_tok_char(c, t - 1, "'") && !(k[t].flags & QRY_TOK_SPACE_BEFORE));
}

/* Three glued straight apostrophes at t (and no fourth): a single and a
 * double mark meeting ('We'll bomb them,''' said McCain). */
static int triple_apostrophe(const qt_ctx *c, size_t t, size_t pe)
{
    const qry_token *k = c->doc->tokens;
    for (size_t u = t; u < t + 3; u++)
        if (u >= pe || !qt_tok_char(c, u, "'") || (u > t && (k[u].flags & QRY_TOK_SPACE_BEFORE)))
            return 0;
    return !(t + 3 < pe && qt_tok_char(c, t + 3, "'") && !(k[t + 3].flags & QRY_TOK_SPACE_BEFORE));
}

/* Role of the pair t, t + 1 (see double_apostrophe), like mark_role(). */
static int pair_role(const qt_ctx *c, size_t t, size_t pa, size_t pe)
{
    const qry_token *k = c->doc->tokens;
    int space_before = t == pa || (k[t].flags & QRY_TOK_SPACE_BEFORE);
    int space_after = t + 2 >= pe || (k[t + 2].flags & QRY_TOK_SPACE_BEFORE);
    if (!space_before && (k[t - 1].flags & QRY_TOK_NUMBER))
        return R_NONE; /* 5'' */
    int left = !space_after && !closing_punct(c, t + 2);
    int right = !space_before && !opening_punct(c, t - 1);
    return (left ? R_OPEN : 0) | (right ? R_CLOSE : 0);
}

/* Does the mark at t open a sentence: first in its paragraph, or after a
 * sentence end or a colon? */
static int opens_sentence(const qt_ctx *c, size_t t, size_t pa)
{
    return t == pa || qt_tok_sentence_end(c, t - 1) || qt_tok_char(c, t - 1, ":");
}

/* A double mark with role `role`: `first` is its first token (for a pair of
 * apostrophes the first of the two), `last` its last. */
static int on_double(const qt_ctx *c, pair_state *st, qt_quotes *out, int role, size_t first, size_t last, size_t pa,
                     size_t pe)
{
    int opens = role == R_OPEN || (role == R_EITHER && st->dq == QT_NONE);
    if (opens) {
        int rc = QRY_OK;
        /* a quotation over several paragraphs whose line breaks were lost:
         * "“First paragraph. “Second paragraph,” she said." -- the earlier
         * paragraph is a quotation of its own (one quote per paragraph). */
        if (st->dq != QT_NONE && st->dq_pa == pa && opens_sentence(c, st->dq, pa) && first > pa &&
            qt_tok_sentence_end(c, first - 1) && (c->doc->tokens[first].flags & QRY_TOK_SPACE_BEFORE))
        {
            size_t n = out->n;
            rc = add_quote_w(c, out, st->dq, QT_NONE, first, 0, st->dq_pa, pe, (widths){st->dq_w, 1});
            if (out->n > n)
                out->v[n].continued = 1;
        }
        /* otherwise a second opening mark: the first one was unreliable, drop it */
        st->dq = first;
        st->dq_w = last - first + 1;
        st->dq_pa = pa;
        st->chain = 0;
        st->sq = QT_NONE;
        return rc;
    }
    if (st->dq == QT_NONE)
        return QRY_OK; /* stray closing mark */
    int rc = add_quote_w(c, out, st->dq, first, 0, 0, st->dq_pa, pe, (widths){st->dq_w, last - first + 1});
    st->dq = st->sq = QT_NONE;
    return rc;
}

/* A straight double mark with white space on both sides, while a double
 * quotation is open, right after a nested quotation's closing mark or a
 * clause's end: "you say, 'Well done,' \" said Roe" -- the writer spaced the
 * two closing marks apart; left alone, the quotation would run to the end
 * of its paragraph. */
static int lone_closing_double(const qt_ctx *c, const pair_state *st, size_t t, size_t pa, size_t pe, int dbl)
{
    size_t n;
    if (!dbl || st->dq == QT_NONE || t <= pa + 1 || qt_tok_text(c, t, &n)[0] != '"' || n != 1)
        return 0;
    const qry_token *k = c->doc->tokens;
    if (!(k[t].flags & QRY_TOK_SPACE_BEFORE) || (t + 1 < pe && !(k[t + 1].flags & QRY_TOK_SPACE_BEFORE)))
        return 0;
    int dbl_before;
    return (qt_tok_quote_mark(c, t - 1, &dbl_before) && !dbl_before && closing_punct(c, t - 2)) ||
           qt_tok_char(c, t - 1, ",") || qt_tok_char(c, t - 1, "?") || qt_tok_char(c, t - 1, "!");
}

/* One mark token t of paragraph [pa, pe). */
static int on_mark(const qt_ctx *c, pair_state *st, qt_quotes *out, size_t t, size_t pa, size_t pe)
{
    int dbl = 0;
    if (!qt_tok_quote_mark(c, t, &dbl))
        return QRY_OK;
    int role = mark_role(c, t, pa, pe, dbl);
    if (role == R_NONE && lone_closing_double(c, st, t, pa, pe, dbl))
        role = R_CLOSE;
    if (role == R_NONE)
        return QRY_OK;
    if (dbl)
        return on_double(c, st, out, role, t, t, pa, pe);
    int nested = st->dq != QT_NONE;
    int opens = role == R_OPEN || (role == R_EITHER && (st->sq == QT_NONE || st->sq_nested != nested));
    if (opens) {
        st->sq = t;
        st->sq_nested = nested;
        return QRY_OK;
    }
    if (st->sq == QT_NONE || st->sq_nested != nested)
        return QRY_OK; /* an apostrophe after a plural: Ukrainians’ */
    int rc = nested ? QRY_OK : add_quote(c, out, st->sq, t, 0, 1, pa, pe);
    st->sq = QT_NONE;
    return rc;
}

/* A markup tag left in the text (<tweet id="1" author="x">): its attribute
 * values are quoted but are no quotations. Returns the token after the
 * closing '>' when a tag opens at t (a glued word or '/' after '<'), else t. */
#define TAG_MAX 64 /* tokens in one tag */
static size_t skip_tag(const qt_ctx *c, size_t t, size_t pe)
{
    if (!qt_tok_char(c, t, "<") || t + 1 >= pe || (c->doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE) ||
        !(qt_tok_word(c, t + 1) || qt_tok_char(c, t + 1, "/")))
        return t;
    for (size_t u = t + 2; u < pe && u - t < TAG_MAX; u++) {
        if (qt_tok_char(c, u, ">"))
            return u + 1;
        if (qt_tok_char(c, u, "<"))
            return t;
    }
    return t;
}

int qt_find_quotes(const qt_ctx *c, uint32_t max_paragraphs, qt_quotes *out)
{
    const qry_doc_view *d = c->doc;
    pair_state st = {1, QT_NONE, QT_NONE, 0, 0, 0};
    size_t from = 0;
    int skip_first = 0; /* the paragraph's opening mark continues the open quotation */
    for (size_t p = 0; p < d->n_paragraphs; p++) {
        size_t pa, pe;
        para_tokens(d, p, from, &pa, &pe);
        from = pe;
        st.sq = QT_NONE;
        for (size_t t = pa + (size_t)skip_first; t < pe; t++) {
            size_t after_tag = skip_tag(c, t, pe);
            if (after_tag != t) {
                t = after_tag - 1;
                continue;
            }
            int rc;
            if (triple_apostrophe(c, t, pe)) {
                /* ''' : a double and a single mark, the outer one outside */
                int opening = t == pa || (d->tokens[t].flags & QRY_TOK_SPACE_BEFORE);
                if (opening) {
                    int role = pair_role(c, t, pa, pe);
                    rc = role == R_NONE ? QRY_OK : on_double(c, &st, out, role, t, t + 1, pa, pe);
                    if (rc == QRY_OK)
                        rc = on_mark(c, &st, out, t + 2, pa, pe);
                } else {
                    rc = on_mark(c, &st, out, t, pa, pe);
                    int role = rc == QRY_OK ? pair_role(c, t + 1, pa, pe) : R_NONE;
                    if (role != R_NONE)
                        rc = on_double(c, &st, out, role, t + 1, t + 2, pa, pe);
                }
                t += 2;
            } else if (double_apostrophe(c, t, pa, pe)) {
                int role = pair_role(c, t, pa, pe);
                rc = role == R_NONE ? QRY_OK : on_double(c, &st, out, role, t, t + 1, pa, pe);
                t++;
            } else {
                rc = on_mark(c, &st, out, t, pa, pe);
            }
            if (rc != QRY_OK)
                return rc;
        }
        skip_first = 0;
        if (st.dq == QT_NONE)
            continue;
        /* unclosed at the end of the paragraph: continued when the next
         * paragraph opens with a mark, else it ends here */
        size_t na = pe, ne = pe;
        if (p + 1 < d->n_paragraphs)
            para_tokens(d, p + 1, pe, &na, &ne);
        int dbl = 0;
        if (na < ne && st.chain + 1 < max_paragraphs && double_apostrophe(c, na, na, ne) &&
            (pair_role(c, na, na, ne) & R_OPEN)) {
            st.chain++;
            skip_first = 2;
            continue;
        }
        if (na < ne && st.chain + 1 < max_paragraphs && qt_tok_quote_mark(c, na, &dbl) && dbl &&
            (mark_role(c, na, na, ne, 1) & R_OPEN)) {
            st.chain++;
            skip_first = 1;
            continue;
        }
        int rc = add_quote_w(c, out, st.dq, QT_NONE, pe, 0, st.dq_pa, pe, (widths){st.dq_w, 1});
        st.dq = QT_NONE;
        if (rc != QRY_OK)
            return rc;
    }
    return QRY_OK;
}
