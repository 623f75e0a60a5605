/* context.c -- what surrounds a gazetteer name: the head phrase that
 * extends it ("Patriot air defense system", "Bradley fighting vehicles")
 * and the rules that decide whether an ambiguous name ("Patriot", "Hawk",
 * "Bradley", "Challenger") is a weapon here: capitals, no title or
 * reporting verb beside it, no capitalised neighbour, a head that fits its
 * category, and weapon words in its sentence. The words themselves are
 * data: the lists of conf/weapons/ (words.c).
 */
#include <stdint.h>
#include <string.h>

#include "weapons.h"

/* An abbreviation used as a head when written in capitals: "Bradley IFV",
 * "Grad MLRS", "Orlan UAVs" (but not "Hawk Sam"). */
static int abbreviation_head(const wpn_doc *d, size_t t)
{
    const qry_token *k = &d->view->tokens[t];
    const char *w = d->view->text + k->start;
    return k->end - k->start >= 3 && w[0] >= 'A' && w[0] <= 'Z' && w[1] >= 'A' && w[1] <= 'Z' &&
           wpn_tok_in(d, t, WPN_LIST_ABBREV_HEADS);
}

/* A head phrase is up to six words of modifiers ("medium-range", "anti-tank",
 * "air defense", "self-propelled") ending in a head noun ("system",
 * "missiles", "tanks"); "and" only inside "anti-X and anti-Y". "jet" is both
 * ("F-16 jet", "F-16 jet fighters"). */
size_t wpn_head_extension(const wpn_doc *d, size_t e)
{
    const qry_doc_view *doc = d->view;
    const size_t n = doc->n_tokens;
    size_t best = e, t = e, words = 0;
    while (t < n && words < 6) {
        const qry_token *k = &doc->tokens[t];
        /* a wrapped line may go on with the head ("F-14A\naircraft"): the
         * core keeps the lines of a hard-wrapped sentence in one sentence */
        if (!wpn_tok_same_sentence(doc, e - 1, t))
            break;
        if (wpn_tok_is_hyphen(d, t)) {
            /* only a hyphen glued inside a word pair: "anti-tank", "self-propelled" */
            if (t == e || (k->flags & QRY_TOK_SPACE_BEFORE) || t + 1 >= n ||
                (doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE))
                break;
            t++;
            continue;
        }
        if (!(k->flags & QRY_TOK_WORD) || (t == e && !(k->flags & QRY_TOK_SPACE_BEFORE)))
            break;
        int head = wpn_tok_in(d, t, WPN_LIST_HEADS) || abbreviation_head(d, t);
        int mod = wpn_tok_in(d, t, WPN_LIST_MODIFIERS);
        if (head && wpn_tok_end_ok(doc, t) &&
            !(t + 1 < n && wpn_tok_is_hyphen(d, t + 1) && !(doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE)))
            best = t + 1;
        if (head && !mod)
            break;
        if (!head && !mod) {
            /* "anti-drone and anti-missile system" */
            if (!(wpn_tok_eq(d, t, "and") && t + 1 < n && wpn_tok_eq(d, t + 1, "anti")))
                break;
        }
        words++;
        t++;
    }
    return best;
}

static int sentence_has_context(const wpn_doc *d, size_t from, size_t to)
{
    const qry_doc_view *doc = d->view;
    uint32_t s = doc->tokens[from].sentence;
    size_t a = from;
    while (a > 0 && doc->tokens[a - 1].sentence == s)
        a--;
    for (size_t t = a; t < doc->n_tokens && doc->tokens[t].sentence == s; t++) {
        if (t >= from && t < to)
            continue;
        if (wpn_tok_in(d, t, WPN_LIST_CONTEXT_WORDS))
            return 1;
        /* "air defense", "air defence" */
        if (wpn_tok_eq(d, t, "air") && t + 1 < doc->n_tokens &&
            (wpn_tok_eq(d, t + 1, "defense") || wpn_tok_eq(d, t + 1, "defence")))
            return 1;
    }
    return 0;
}

/* Previous WORD token of t in the same sentence, skipping one '.', or SIZE_MAX. */
static size_t prev_word(const qry_doc_view *doc, size_t t)
{
    if (t == 0 || !wpn_tok_same_sentence(doc, t, t - 1))
        return SIZE_MAX;
    size_t p = t - 1;
    if ((doc->tokens[p].flags & QRY_TOK_PUNCT) && doc->text[doc->tokens[p].start] == '.' && p > 0 &&
        wpn_tok_same_sentence(doc, p, p - 1))
        p--;
    return (doc->tokens[p].flags & QRY_TOK_WORD) ? p : SIZE_MAX;
}


/* Token p is the last letter of a dotted abbreviation ("U.S.", "U.K."), not a
 * middle initial ("Isiah L. Booker"). */
static int abbreviation(const qry_doc_view *doc, size_t p)
{
    return doc->tokens[p].end - doc->tokens[p].start == 1 && p >= 2 &&
           (doc->tokens[p - 1].flags & QRY_TOK_PUNCT) && doc->text[doc->tokens[p - 1].start] == '.' &&
           doc->tokens[p - 2].end - doc->tokens[p - 2].start == 1 && (doc->tokens[p - 2].flags & QRY_TOK_UPPER);
}

/* Token p belongs to a designation: it holds a digit ("9P149") or is a
 * suffix glued to one ("KC-135R" = "135" + "R"). */
static int designation(const qry_doc_view *doc, size_t p)
{
    return wpn_tok_has_digit(doc, p) ||
           (p > 0 && !(doc->tokens[p].flags & QRY_TOK_SPACE_BEFORE) && wpn_tok_has_digit(doc, p - 1));
}

static int sentence_initial(const qry_doc_view *doc, size_t t)
{
    return t == 0 || !wpn_tok_same_sentence(doc, t, t - 1) || (doc->tokens[t].flags & QRY_TOK_NEWLINE_BEFORE);
}

/* See weapons.h. */
int wpn_ambiguous_ok(const wpn_doc *d, size_t i, size_t e, size_t h, const char *cat, int *context)
{
    const qry_doc_view *doc = d->view;
    if (!(doc->tokens[i].flags & (QRY_TOK_CAP | QRY_TOK_UPPER)))
        return 0;
    if (h > e && !wpn_head_fits(d, h - 1, cat))
        return 0;
    if (e < doc->n_tokens && wpn_tok_same_sentence(doc, e - 1, e) && wpn_tok_in(d, e, WPN_LIST_CIVIL_NOUNS))
        return 0;
    /* a hyphenated given name: "Tor-Aksel" */
    if (e + 1 < doc->n_tokens && wpn_tok_is_hyphen(d, e) && !(doc->tokens[e].flags & QRY_TOK_SPACE_BEFORE) &&
        !(doc->tokens[e + 1].flags & QRY_TOK_SPACE_BEFORE) && (doc->tokens[e + 1].flags & QRY_TOK_CAP) &&
        doc->tokens[e + 1].end - doc->tokens[e + 1].start >= 3 && !wpn_tok_has_digit(doc, e + 1))
        return 0;
    size_t p = prev_word(doc, i);
    if (p != SIZE_MAX && (((doc->tokens[p].flags & QRY_TOK_CAP) && wpn_tok_in(d, p, WPN_LIST_TITLES)) ||
                          wpn_tok_in(d, p, WPN_LIST_SPEECH_VERBS)))
        return 0;
    if (e < doc->n_tokens && wpn_tok_same_sentence(doc, e - 1, e) && wpn_tok_in(d, e, WPN_LIST_SPEECH_VERBS))
        return 0;
    if (h > e) {
        *context = 1;
        return 1;
    }
    if (p != SIZE_MAX && (doc->tokens[p].flags & QRY_TOK_CAP) && !sentence_initial(doc, p) &&
        !wpn_tok_in(d, p, WPN_LIST_DEMONYMS) && !abbreviation(doc, p) && !designation(doc, p))
        return 0;
    if (e < doc->n_tokens && wpn_tok_same_sentence(doc, e - 1, e) && (doc->tokens[e].flags & QRY_TOK_CAP) &&
        !(doc->tokens[e].flags & QRY_TOK_NEWLINE_BEFORE))
        return 0;
    *context = sentence_has_context(d, i, e);
    return 1;
}
