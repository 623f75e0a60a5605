/* matcher.c -- gazetteer names on the core's tokens.
 *
 * A name is matched on whole tokens: the normalized text of consecutive
 * WORD/NUMBER tokens (joined across spaces, hyphens and dashes, and across
 * an unspaced '/', '.' or apostrophe) must equal a gazetteer key. Among the
 * keys starting at a token the longest wins. An attached "s" makes a plural
 * ("Patriots", "T-72s"); a short variant suffix glued to a final number
 * ("Leopard 2A6", "T-72B3") or up to three capitals glued inside a
 * designation ("CV9040C") are absorbed into the mention. A match never
 * starts or ends inside a word ("155mm" is one word here) nor starts in the
 * second half of a hyphenated compound ("Msta-SM2"). A token sequence stops
 * growing as soon as no gazetteer key starts with its text (most words
 * start none), which keeps the hash lookups few.
 *
 * Guards against words that merely spell a key: the text may not split a
 * key into more letter-to-letter words than its forms have ("it as" is not
 * ITAS); a letter prefix joins a number across a space only when it looks
 * like a designation ("Su 25", not "a 50" or "At 15"); lower-case text
 * matches only long names without digits; names in angle brackets are stock
 * tickers. The head phrase and the ambiguous-name rules are in context.c.
 */
#include <stdio.h>
#include <string.h>

#include "weapons.h"

static int is_content(const qry_token *k) { return (k->flags & (QRY_TOK_WORD | QRY_TOK_NUMBER)) != 0; }

/* Token t (a PUNCT inside a candidate name) may be skipped. */
static int separator_ok(const wpn_doc *d, size_t t)
{
    const qry_doc_view *doc = d->view;
    if (t + 1 >= doc->n_tokens || !is_content(&doc->tokens[t + 1]) ||
        (doc->tokens[t + 1].flags & QRY_TOK_NEWLINE_BEFORE))
        return 0;
    if (wpn_tok_is_hyphen(d, t))
        return 1;
    if (doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE)
        return 0;
    const char c = doc->text[doc->tokens[t].start];
    /* the dot of an initial: "Gerald R. Ford" */
    if (c == '.' && t > 0 && doc->tokens[t - 1].end - doc->tokens[t - 1].start == 1 &&
        (doc->tokens[t - 1].flags & QRY_TOK_UPPER))
        return 1;
    if (doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE)
        return 0;
    return c == '/' || c == '.' || wpn_tok_is_apostrophe(d, t);
}


static int start_ok(const wpn_doc *d, size_t t)
{
    const qry_doc_view *doc = d->view;
    if (t == 0)
        return 1;
    const qry_token *k = &doc->tokens[t];
    if (k->flags & QRY_TOK_SPACE_BEFORE)
        return 1;
    if (!(doc->tokens[t - 1].flags & QRY_TOK_PUNCT))
        return 0; /* inside a word */
    /* not the second half of a hyphenated compound: "Msta-SM2" */
    return !(t >= 2 && !(doc->tokens[t - 1].flags & QRY_TOK_SPACE_BEFORE) && is_content(&doc->tokens[t - 2]) &&
             wpn_tok_is_hyphen(d, t - 1));
}

/* Token t is a number followed by a glued short variant suffix that ends a
 * word: "Leopard 2A6" (2 + A6), "T-72B3" (72 + B3), "Su-25SM". */
static int variant_next(const qry_doc_view *doc, size_t t)
{
    if (!(doc->tokens[t].flags & QRY_TOK_NUMBER) || t + 1 >= doc->n_tokens)
        return 0;
    const qry_token *k = &doc->tokens[t + 1];
    return (k->flags & QRY_TOK_WORD) && !(k->flags & QRY_TOK_SPACE_BEFORE) && (k->flags & QRY_TOK_CAP) &&
           k->end - k->start <= 4 && wpn_tok_end_ok(doc, t + 1);
}
static int is_letter_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

static int tok_ends_letter(const qry_doc_view *doc, size_t t)
{
    return is_letter_byte((unsigned char)doc->text[doc->tokens[t].end - 1]);
}

static int tok_starts_letter(const qry_doc_view *doc, size_t t)
{
    return is_letter_byte((unsigned char)doc->text[doc->tokens[t].start]);
}

static int key_has_digit(const char *key, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (key[i] >= '0' && key[i] <= '9')
            return 1;
    return 0;
}

/* Token t (letters only) may be joined across a space to the number after
 * it: "Su 25", "Kh 101", "MiG 29", but not "a 50" or "At 15" (short
 * English words, not_prefixes.txt). */
static int prefix_before_number_ok(const wpn_doc *d, size_t t)
{
    const qry_doc_view *doc = d->view;
    const qry_token *k = &doc->tokens[t];
    if (!(k->flags & QRY_TOK_WORD))
        return 1;
    for (uint32_t c = k->start; c < k->end; c++)
        if (!is_letter_byte((unsigned char)doc->text[c]))
            return 1; /* "2S19 203" and the like: not a letter prefix */
    if (k->end - k->start < 2 || !(k->flags & (QRY_TOK_CAP | QRY_TOK_UPPER)))
        return 0;
    return !wpn_tok_in(d, t, WPN_LIST_NOT_PREFIXES);
}

/* A designation glued to up to three capital letters inside one word:
 * "CV9040C", "M109A3GN" -> "cv9040", "m109a3". The stem must end in a digit. */
static const wpn_entry *variant_in_word(const wpn_gazetteer *g, const qry_doc_view *doc, size_t j,
                                        const char *key, size_t klen, unsigned *flags)
{
    const qry_token *k = &doc->tokens[j];
    if (!(k->flags & QRY_TOK_WORD))
        return NULL;
    const char *w = doc->text + k->start;
    size_t n = k->end - k->start;
    for (size_t cut = 1; cut <= 3 && cut < n && cut < klen; cut++) {
        char c = w[n - cut];
        if (!(c >= 'A' && c <= 'Z'))
            return NULL;
        char d = w[n - cut - 1];
        if (d >= '0' && d <= '9')
            return wpn_gaz_lookup(g, key, klen - cut, flags);
    }
    return NULL;
}

/* Tokens [i, e) sit inside angle brackets: a stock ticker ("<NSM>", "<KUB.T>"). */
static int ticker(const qry_doc_view *doc, size_t i, size_t e)
{
    if (i == 0 || e >= doc->n_tokens || doc->text[doc->tokens[i - 1].start] != '<' ||
        (doc->tokens[i].flags & QRY_TOK_SPACE_BEFORE))
        return 0;
    for (size_t t = e; t < doc->n_tokens && t < e + 4; t++) {
        if (doc->text[doc->tokens[t].start] == '>')
            return 1;
        if (doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE)
            return 0;
    }
    return 0;
}


/* Append token t's normalized text to key; returns the new length or 0. */
static size_t append_tok(const qry_doc_view *doc, size_t t, char *key, size_t klen, size_t cap)
{
    const qry_token *k = &doc->tokens[t];
    size_t add = wpn_key_normalize(doc->text + k->start, k->end - k->start, key + klen, cap - klen);
    return add ? klen + add : 0;
}


/* The entry named by the tokens [i, j] whose normalized text is key (klen
 * bytes, `breaks` letter-to-letter word breaks): the key itself (looked up
 * only when may_be_key: a gazetteer key starts with it), its singular, or a
 * designation with a glued variant suffix; NULL when none or when a guard
 * rejects it. */
static const wpn_entry *lookup_at(const wpn_gazetteer *g, const wpn_doc *d, size_t i, size_t j,
                                  const char *key, size_t klen, size_t breaks, int may_be_key, unsigned *flags)
{
    const qry_doc_view *doc = d->view;
    const qry_token *k = &doc->tokens[j];
    /* "’s" ends no name: "Patriot’s" is "Patriot" + possessive */
    int after_apos = j > i && wpn_tok_is_apostrophe(d, j - 1);
    if (after_apos && wpn_tok_eq(d, j, "s"))
        return NULL;
    size_t mlen = klen; /* length of the key that matched */
    const wpn_entry *e = may_be_key ? wpn_gaz_lookup(g, key, klen, flags) : NULL;
    if (!e && klen > 2 && key[klen - 1] == 's' && (k->flags & QRY_TOK_WORD)) {
        /* a plural, unless the "s" is a word of its own ("Patriot s"; such a
         * token is no variant suffix either, so mlen does not matter then) */
        mlen = klen - 1;
        e = wpn_gaz_lookup(g, key, mlen, flags);
        if (e && (k->flags & QRY_TOK_SPACE_BEFORE) && wpn_tok_eq(d, j, "s"))
            e = NULL;
    }
    if (!e)
        e = variant_in_word(g, doc, j, key, klen, flags);
    /* the text may not split a key into more words than its forms have */
    if (e && breaks > WPN_BREAKS(*flags))
        return NULL;
    /* lower-case designations and short names are words: "bales", "at 15",
     * "scalps" (the length is the stem's, before any plural 's') */
    const int lower_start = !(doc->tokens[i].flags & (QRY_TOK_CAP | QRY_TOK_UPPER | QRY_TOK_NUMBER));
    if (e && lower_start && (mlen <= 5 || key_has_digit(key, klen)))
        return NULL;
    return e;
}

int wpn_match_gazetteer(const wpn_gazetteer *g, const wpn_doc *d, wpn_cands *out)
{
    const qry_doc_view *doc = d->view;
    const size_t n = doc->n_tokens, maxk = wpn_gaz_max_key(g);
    char key[512];
    size_t i = 0;
    while (i < n) {
        if (!is_content(&doc->tokens[i]) || !start_ok(d, i)) {
            i++;
            continue;
        }
        const wpn_entry *best = NULL;
        unsigned best_flags = 0;
        size_t best_end = 0, klen = 0;
        size_t breaks = 0, prev = SIZE_MAX;
        for (size_t j = i; j < n && j < i + 16; j++) {
            const qry_token *k = &doc->tokens[j];
            if (j > i && (k->flags & QRY_TOK_NEWLINE_BEFORE))
                break;
            if (k->flags & QRY_TOK_PUNCT) {
                if (j == i || !separator_ok(d, j))
                    break;
                continue;
            }
            if (prev != SIZE_MAX) {
                if (tok_ends_letter(doc, prev) && tok_starts_letter(doc, j))
                    breaks++;
                if ((k->flags & QRY_TOK_NUMBER) && prev + 1 == j && (k->flags & QRY_TOK_SPACE_BEFORE) &&
                    !prefix_before_number_ok(d, prev))
                    break;
            }
            prev = j;
            klen = append_tok(doc, j, key, klen, sizeof key);
            if (klen == 0 || klen > maxk + 1)
                break;
            /* Every later lookup is of a key that starts with this one (a
             * plural or variant stem still holds this whole key): when no
             * gazetteer key does, nothing longer can match. */
            const int may_extend = wpn_gaz_may_extend(g, key, klen);
            if (wpn_tok_end_ok(doc, j) || variant_next(doc, j)) {
                unsigned flags = 0;
                const wpn_entry *e = lookup_at(g, d, i, j, key, klen, breaks, may_extend, &flags);
                if (e) {
                    best = e;
                    best_flags = flags;
                    best_end = j + 1;
                }
            }
            if (!may_extend)
                break;
        }
        if (!best) {
            i++;
            continue;
        }
        size_t e = best_end;
        if (variant_next(doc, e - 1))
            e++;
        if (ticker(doc, i, e)) {
            i = e;
            continue;
        }
        size_t h = wpn_head_extension(d, e);
        int context = 1;
        if ((best_flags & WPN_ALIAS_AMBIGUOUS) && !wpn_ambiguous_ok(d, i, e, h, best->category, &context)) {
            i++;
            continue;
        }
        if (h > e && !wpn_head_fits(d, h - 1, best->category))
            h = e; /* "Su-34 bombs": the bombs are a mention of their own */
        wpn_cand *c = wpn_cands_push(out);
        if (!c)
            return QRY_ERR_NOMEM;
        c->tok_start = (uint32_t)i;
        c->tok_end = (uint32_t)h;
        c->name_end = (uint32_t)e;
        c->start = doc->tokens[i].start;
        c->end = doc->tokens[h - 1].end;
        c->category = best->category;
        c->origin = best->origin;
        snprintf(c->name, sizeof c->name, "%s", best->name);
        c->named = 1;
        c->gazetteer = 1;
        c->ambiguous = (best_flags & WPN_ALIAS_AMBIGUOUS) != 0;
        c->context = (uint8_t)context;
        i = e;
    }
    return QRY_OK;
}
