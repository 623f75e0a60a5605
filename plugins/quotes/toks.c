/* toks.c -- helpers over the core's tokens, shared by the other files.
 * None allocates; all take token indices the caller has bounds-checked. */
#include <string.h>

#include "quotes.h"

const char *qt_tok_text(const qt_ctx *c, size_t t, size_t *len)
{
    const qry_token *k = &c->doc->tokens[t];
    *len = k->end - k->start;
    return c->doc->text + k->start;
}

/* w is a lower-case word. An ASCII token is compared here (folding ASCII
 * is lower-casing it, and this runs for nearly every token); any other goes
 * to the core's case folding, so "ſaid" or "ＳＡＩＤ" compare as the
 * segmenter's classes say. */
int qt_tok_eq(const qt_ctx *c, size_t t, const char *w)
{
    size_t n;
    const char *s = qt_tok_text(c, t, &n);
    for (size_t i = 0; i < n; i++) {
        int a = (unsigned char)s[i];
        if (a >= 0x80)
            return c->text->token_equals(c->doc, t, w, QRY_FOLD_CASE);
        if (a >= 'A' && a <= 'Z')
            a += 'a' - 'A';
        if (a != (unsigned char)w[i]) /* also stops at w's end */
            return 0;
    }
    return w[n] == '\0';
}

/* Asked with lists of up to forty words for most tokens: an ASCII token's
 * first letter rules out nearly every entry before any comparison. */
int qt_tok_is(const qt_ctx *c, size_t t, const char *const *list)
{
    size_t n;
    const char *s = qt_tok_text(c, t, &n);
    int a = n ? (unsigned char)s[0] : 0;
    if (a >= 'A' && a <= 'Z')
        a += 'a' - 'A';
    for (; *list; list++)
        if ((a >= 0x80 || (unsigned char)(*list)[0] == a) && qt_tok_eq(c, t, *list))
            return 1;
    return 0;
}

int qt_tok_ing(const qt_ctx *c, size_t t)
{
    size_t n;
    const char *w = qt_tok_text(c, t, &n);
    return n > 4 && memcmp(w + n - 3, "ing", 3) == 0;
}

int qt_tok_word(const qt_ctx *c, size_t t) { return (c->doc->tokens[t].flags & QRY_TOK_WORD) != 0; }

int qt_tok_cap(const qt_ctx *c, size_t t)
{
    return (c->doc->tokens[t].flags & (QRY_TOK_WORD | QRY_TOK_CAP)) == (QRY_TOK_WORD | QRY_TOK_CAP);
}

int qt_tok_upper(const qt_ctx *c, size_t t)
{
    const qry_token *k = &c->doc->tokens[t];
    return (k->flags & QRY_TOK_UPPER) && (k->flags & QRY_TOK_WORD) && k->end - k->start >= 2;
}

int qt_tok_char(const qt_ctx *c, size_t t, const char *ch)
{
    size_t n;
    const char *s = qt_tok_text(c, t, &n);
    return (c->doc->tokens[t].flags & QRY_TOK_PUNCT) && n == strlen(ch) && memcmp(s, ch, n) == 0;
}

/* One code point of class cls (QRY_CP_*), as the core's segmenter sees it. */
static int tok_class(const qt_ctx *c, size_t t, uint32_t cls)
{
    const qry_token *k = &c->doc->tokens[t];
    if (!(k->flags & QRY_TOK_PUNCT))
        return 0;
    size_t pos = k->start;
    return (c->text->classify(c->text->decode(c->doc->text, c->doc->text_len, &pos)) & cls) != 0;
}

int qt_noun_use(const qt_ctx *c, size_t k, size_t b)
{
    static const char *const determiners[] = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your",
                                              "this", "these", "those", "whose", "new", NULL};
    size_t n;
    /* "news reports said", "the claims suggested": a plural noun is the
     * subject of the reporting verb right after it (not "says claims are":
     * there the second word is the noun) */
    size_t m;
    const char *v = qt_tok_text(c, k, &n);
    const char *next = k + 1 < c->doc->n_tokens ? qt_tok_text(c, k + 1, &m) : NULL;
    if (next && n > 3 && v[n - 1] == 's' && m > 1 && next[m - 1] != 's' && qt_tok_word(c, k + 1) &&
        qt_tok_in(c, k + 1, &c->lex->reporting))
        return 1;
    if (k <= b)
        return 0;
    size_t p = k - 1;
    if (qt_tok_word(c, p))
        return qt_tok_is(c, p, determiners) ||
               (qt_tok_eq(c, p, "s") && p > b && qt_tok_apostrophe(c, p - 1) &&
                !(c->doc->tokens[p].flags & QRY_TOK_SPACE_BEFORE)); /* "Marsh’s claims" */
    /* "Moss’ call": an apostrophe glued to a word in s (a closing mark follows a comma) */
    const char *w = p > b ? qt_tok_text(c, p - 1, &n) : NULL;
    return w && qt_tok_apostrophe(c, p) && !(c->doc->tokens[p].flags & QRY_TOK_SPACE_BEFORE) &&
           qt_tok_word(c, p - 1) && w[n - 1] == 's';
}

int qt_tok_date(const qt_ctx *c, size_t t)
{
    static const char *const dates[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                        "january", "february", "march", "april", "may", "june", "july", "august",
                                        "september", "october", "november", "december", "yesterday", "today",
                                        "tonight", NULL};
    return qt_tok_word(c, t) && qt_tok_is(c, t, dates);
}

int qt_tok_dash(const qt_ctx *c, size_t t) { return tok_class(c, t, QRY_CP_DASH); }

int qt_tok_apostrophe(const qt_ctx *c, size_t t) { return tok_class(c, t, QRY_CP_APOSTROPHE); }

int qt_tok_sentence_end(const qt_ctx *c, size_t t)
{
    return qt_tok_char(c, t, ".") || qt_tok_char(c, t, "!") || qt_tok_char(c, t, "?") || qt_tok_char(c, t, ";") ||
           qt_tok_char(c, t, "\xE2\x80\xA6");
}

int qt_tok_in(const qt_ctx *c, size_t t, const qt_wordset *ws)
{
    if (!qt_tok_word(c, t))
        return 0;
    size_t n;
    const char *s = qt_tok_text(c, t, &n);
    return qt_wordset_has(ws, s, n);
}

/* A title word, also an abbreviated one written with its dot ("Adm."). */
int qt_tok_title(const qt_ctx *c, size_t t) { return qt_tok_in(c, t, &c->lex->titles); }

int qt_speaking_head(const qt_ctx *c, size_t t)
{
    return qt_tok_title(c, t) || qt_tok_in(c, t, &c->lex->orgwords) || qt_tok_in(c, t, &c->lex->speakers);
}

int qt_tok_pronoun(const qt_ctx *c, size_t t)
{
    static const char *const p[] = {"he", "she", NULL};
    return qt_tok_word(c, t) && qt_tok_is(c, t, p);
}

size_t qt_entry_at(const qt_ctx *c, size_t t, const qt_wordset *ws)
{
    const qry_doc_view *d = c->doc;
    if (t >= d->n_tokens || !qt_tok_word(c, t))
        return 0;
    const qry_token *a = &d->tokens[t];
    if (ws->two_words && t + 1 < d->n_tokens && qt_tok_word(c, t + 1) &&
        qt_wordset_may_start(ws, d->text + a->start, a->end - a->start)) {
        /* two-word entries: "according to", "called for" */
        const qry_token *b = &d->tokens[t + 1];
        char buf[64];
        size_t na = a->end - a->start, nb = b->end - b->start;
        if (na + nb + 1 < sizeof buf) {
            memcpy(buf, d->text + a->start, na);
            buf[na] = ' ';
            memcpy(buf + na + 1, d->text + b->start, nb);
            if (qt_wordset_has(ws, buf, na + nb + 1))
                return 2;
        }
    }
    return qt_tok_in(c, t, ws) ? 1 : 0;
}

size_t qt_cue_at(const qt_ctx *c, size_t t) { return qt_entry_at(c, t, &c->lex->cues); }

size_t qt_cue_ending(const qt_ctx *c, size_t t)
{
    if (t >= 1 && qt_cue_at(c, t - 1) == 2)
        return 2;
    return qt_cue_at(c, t) == 1 ? 1 : 0;
}

int qt_cue_according(const qt_ctx *c, size_t t) { return qt_tok_eq(c, t, "according"); }

int qt_tok_quote_mark(const qt_ctx *c, size_t t, int *dbl)
{
    if (!(c->doc->tokens[t].flags & QRY_TOK_PUNCT))
        return 0;
    size_t n;
    const unsigned char *s = (const unsigned char *)qt_tok_text(c, t, &n);
    if (n == 1 && (s[0] == '"' || s[0] == '\'')) {
        *dbl = s[0] == '"';
        return 1;
    }
    /* U+2018..U+201F: ‘ ’ ‚ ‛ “ ” „ ‟ */
    if (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x98 && s[2] <= 0x9F) {
        *dbl = s[2] >= 0x9C;
        return 1;
    }
    /* « » */
    if (n == 2 && s[0] == 0xC2 && (s[1] == 0xAB || s[1] == 0xBB)) {
        *dbl = 1;
        return 1;
    }
    return 0;
}

void qt_copy_tokens(const qt_ctx *c, size_t a, size_t e, char *buf, size_t bufsz)
{
    size_t k = 0;
    if (!bufsz)
        return;
    for (size_t t = a; t < e; t++) {
        size_t n;
        const char *s = qt_tok_text(c, t, &n);
        if (t > a && (c->doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE) && k + 1 < bufsz)
            buf[k++] = ' ';
        if (k + n >= bufsz)
            break;
        memcpy(buf + k, s, n);
        k += n;
    }
    buf[k] = '\0';
}

/* Words in -ly that are no adverbs ("the influential US daily said"). */
int qt_ly_adverb(const qt_ctx *c, size_t t)
{
    static const char *const nouns[] = {"daily", "weekly", "monthly", "quarterly", "yearly", "family", "ally",
                                        "rally", "assembly", "supply", "italy", "july", "reply", "anomaly", NULL};
    size_t n;
    const char *s = qt_tok_text(c, t, &n);
    return n > 3 && s[n - 2] == 'l' && s[n - 1] == 'y' && !qt_tok_is(c, t, nouns);
}

int qt_plural_form(const qt_ctx *c, size_t t)
{
    size_t n;
    const char *w = qt_tok_text(c, t, &n);
    return qt_tok_eq(c, t, "people") ||
           (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' && w[n - 2] != 'i');
}

/* The token after a dateline opening the clause at b ("VANCOUVER, April 2
 * - ", "WASHINGTON — "), or b: a dateline is never part of a subject. */
#define DATELINE_MAX 10 /* tokens of "SAN FRANCISCO, March 3 (UPI)" */
size_t qt_skip_dateline(const qt_ctx *c, size_t b, size_t k)
{
    if (b + 1 >= k || !qt_tok_upper(c, b))
        return b;
    for (size_t u = b + 1; u < k && u - b < DATELINE_MAX; u++) {
        int spaced_hyphen = qt_tok_char(c, u, "-") && (c->doc->tokens[u].flags & QRY_TOK_SPACE_BEFORE) && u + 1 < k &&
                            (c->doc->tokens[u + 1].flags & QRY_TOK_SPACE_BEFORE);
        if ((qt_tok_dash(c, u) && !qt_tok_char(c, u, "-")) || spaced_hyphen) /* not "NATO Secretary-General" */
            return u + 1 < k ? u + 1 : b;
        if (qt_tok_word(c, u) && !qt_tok_cap(c, u))
            return b; /* a sentence, not a dateline */
    }
    return b;
}

int qt_tok_legal_suffix(const qt_ctx *c, size_t t)
{
    static const char *const suffixes[] = {"co", "cos", "corp", "inc", "ltd", "plc", "llc", NULL};
    return qt_tok_word(c, t) && qt_tok_is(c, t, suffixes);
}
