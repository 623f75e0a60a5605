/* match.c -- place names on the core's tokens.
 *
 * From each capitalised word, the key grows one word at a time ('.',
 * hyphens and apostrophes are skipped, other punctuation and the sentence
 * end stop it) and the longest key with a sense whose capitalisation fits
 * wins. A possessive never joins a name ("Russia's": no key "russia s"),
 * so it stays outside the span.
 */
#include <stdlib.h>
#include <string.h>

#include "locations.h"

int loc_tok_is(const qry_doc_view *doc, size_t t, char c)
{
    const qry_token *k = &doc->tokens[t];
    return (k->flags & QRY_TOK_PUNCT) && k->end - k->start == 1 && doc->text[k->start] == c;
}

/* A punctuation token that may sit inside a name: . - ' and their
 * typographic forms (the same set names.c drops). */
static int inner_punct(const qry_doc_view *doc, size_t t)
{
    const qry_token *k = &doc->tokens[t];
    const unsigned char *s = (const unsigned char *)doc->text + k->start;
    size_t n = k->end - k->start;
    if (!(k->flags & QRY_TOK_PUNCT))
        return 0;
    if (n == 1)
        return s[0] == '.' || s[0] == '-' || s[0] == '\'';
    if (n == 2)
        return s[0] == 0xCA && s[1] == 0xBC;
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 &&
           ((s[2] >= 0x90 && s[2] <= 0x95) || s[2] == 0x98 || s[2] == 0x99);
}

int loc_tok_key(const qry_doc_view *doc, size_t t, char *key, size_t *len, size_t keysz)
{
    const qry_token *k = &doc->tokens[t];
    size_t n = k->end - k->start, at = *len;
    if (at + (at > 0) + 1 > keysz)
        return 0;
    if (at)
        key[at++] = ' ';
    size_t folded = loc_fold(doc->text + k->start, n, key + at, keysz - at);
    if (folded == SIZE_MAX)
        return 0;
    at += folded;
    key[at] = '\0';
    *len = at;
    return 1;
}

uint32_t loc_tok_kflags(const loc_index *ix, const qry_doc_view *doc, size_t t)
{
    char key[LOC_KEY_MAX];
    size_t len = 0;
    uint32_t first, kflags;
    if (!(doc->tokens[t].flags & QRY_TOK_WORD) || !loc_tok_key(doc, t, key, &len, sizeof key))
        return 0;
    return loc_index_find(ix, key, len, &first, &kflags) ? kflags : 0;
}

/* Token t sits among upper-case words (a headline: "TALKS IN KYIV"); a
 * comma or semicolon ends the look ("the US, UK and Turkey" is a list). */
static int headline(const qry_doc_view *doc, size_t t)
{
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t u = t;
        while ((dir < 0 ? u > 0 : u + 1 < doc->n_tokens)) {
            u = dir < 0 ? u - 1 : u + 1;
            if (doc->tokens[u].sentence != doc->tokens[t].sentence || loc_tok_is(doc, u, ',') ||
                loc_tok_is(doc, u, ';'))
                break;
            if (doc->tokens[u].flags & QRY_TOK_WORD) {
                if ((doc->tokens[u].flags & QRY_TOK_UPPER) && doc->tokens[u].end - doc->tokens[u].start > 1)
                    return 1;
                break;
            }
        }
    }
    return 0;
}

/* Does token t satisfy what a name's word demands? */
static int case_ok(const qry_doc_view *doc, size_t t, unsigned need)
{
    uint32_t f = doc->tokens[t].flags;
    size_t len = doc->tokens[t].end - doc->tokens[t].start;
    switch (need) {
    case LOC_CASE_CAP:
        /* "UN" is not the town "Un", but "KYIV" in a headline is Kyiv */
        if ((f & QRY_TOK_UPPER) && len >= 2 && len <= 3)
            return headline(doc, t);
        return (f & QRY_TOK_CAP) != 0;
    case LOC_CASE_UPPER:
        return (f & QRY_TOK_UPPER) != 0;
    case LOC_CASE_TITLE: /* "Nice", not "nice" nor "NICE" */
        return (f & QRY_TOK_CAP) && (!(f & QRY_TOK_UPPER) || len == 1);
    default:
        return 1;
    }
}

/* Token t is a word written as a single capital letter: "N" of "N.J.". */
static int initial_letter(const qry_doc_view *doc, size_t t)
{
    return (doc->tokens[t].flags & QRY_TOK_UPPER) && doc->tokens[t].end - doc->tokens[t].start == 1;
}

/* A state abbreviation ends with its '.', glued ("Calif.") or, in
 * pre-tokenized text, apart ("Calif ."), and does not follow a number
 * ("500 B.C."); one of initials ("N.J.") is a person's when a capitalised
 * word follows in the sentence ("N.J. Bose"). */
static int abbrev_fits(const qry_doc_view *doc, const size_t *words, size_t nw)
{
    size_t dot = words[nw - 1] + 1;
    if (dot >= doc->n_tokens || !loc_tok_is(doc, dot, '.'))
        return 0;
    if (words[0] > 0 && (doc->tokens[words[0] - 1].flags & QRY_TOK_NUMBER))
        return 0; /* "500 B.C.", "10 Ont." in a table */
    if (!initial_letter(doc, words[0]) || dot + 1 >= doc->n_tokens)
        return 1;
    const qry_token *next = &doc->tokens[dot + 1];
    return !((next->flags & QRY_TOK_WORD) && (next->flags & QRY_TOK_CAP) &&
             next->sentence == doc->tokens[words[0]].sentence);
}

/* Sense s fits the capitalisation of word tokens words[0..nw). */
static int sense_fits_words(const loc_index *ix, const qry_doc_view *doc, uint32_t s, const size_t *words, size_t nw,
                            int demonyms)
{
    const loc_sense *se = loc_sense_at(ix, s);
    if ((se->flags & LOC_SENSE_DEMONYM) && !demonyms)
        return 0;
    if ((se->flags & LOC_SENSE_ABBREV) && !abbrev_fits(doc, words, nw))
        return 0;
    for (size_t k = 0; k < nw; k++) {
        if (!case_ok(doc, words[k], LOC_CASE_OF(se->case_mask, k)))
            return 0;
        if ((se->flags & LOC_SENSE_AMBIGUOUS) && (doc->tokens[words[k]].flags & QRY_TOK_UPPER) &&
            headline(doc, words[k]))
            return 0;
    }
    return 1;
}

/* The first sense of the chain whose capitalisation fits words[0..nw). */
static int any_sense_fits(const loc_index *ix, const qry_doc_view *doc, uint32_t first, const size_t *words,
                          size_t nw, int demonyms, int *title, int *abbrev, int *strong)
{
    int ok = 0;
    *title = *abbrev = *strong = 0;
    for (uint32_t s = first; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        uint32_t mask = loc_sense_at(ix, s)->case_mask;
        if (sense_fits_words(ix, doc, s, words, nw, demonyms)) {
            const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
            ok = 1;
            /* as in loc_weak_reading: a feature named in several words is no weak reading */
            *strong |= !loc_weak_sense(ix, s) || (p->source == LOC_SRC_DUMP && p->kind != LOC_CITY && nw > 1);
            *abbrev |= (loc_sense_at(ix, s)->flags & LOC_SENSE_ABBREV) != 0;
            for (size_t k = 0; k < nw; k++)
                *title |= LOC_CASE_OF(mask, k) == LOC_CASE_TITLE;
        }
    }
    return ok;
}

static int push(loc_mentions *m, const loc_mention *v)
{
    if (m->n == m->cap) {
        size_t c = m->cap ? m->cap * 2 : 64;
        loc_mention *p = realloc(m->v, c * sizeof *p);
        if (!p)
            return QRY_ERR_NOMEM;
        m->v = p;
        m->cap = c;
    }
    m->v[m->n++] = *v;
    return QRY_OK;
}

void loc_mentions_free(loc_mentions *m)
{
    free(m->v);
    m->v = NULL;
    m->n = m->cap = 0;
}

/* After "U.S" the closing '.' of an abbreviation belongs to the name, and
 * so does the glued '.' of a state's ("Calif."): an abbreviation that ends
 * a sentence keeps the one '.' in its span, and the sentence ends there as
 * the core split it. */
static uint32_t abbrev_end(const qry_doc_view *doc, size_t i, size_t last, uint32_t end, int state)
{
    int dotted = state;
    for (size_t t = i; t < last; t++)
        dotted |= loc_tok_is(doc, t, '.');
    if (dotted && (state || doc->tokens[last].end - doc->tokens[last].start <= 2) && last + 1 < doc->n_tokens &&
        loc_tok_is(doc, last + 1, '.') && !(doc->tokens[last + 1].flags & QRY_TOK_SPACE_BEFORE))
        return doc->tokens[last + 1].end;
    return end;
}

/* The longest name starting at token i; returns its end token (exclusive)
 * or i when none, filling *mention. */
static size_t longest_at(const loc_index *ix, const qry_doc_view *doc, size_t i, int demonyms, loc_mention *mention)
{
    char key[LOC_KEY_MAX];
    size_t len = 0, nw = 0, words[LOC_MAX_WORDS], best = i;
    int best_strong = 0;
    for (size_t j = i; j < doc->n_tokens; j++) {
        const qry_token *t = &doc->tokens[j];
        if (t->sentence != doc->tokens[i].sentence)
            break;
        if (inner_punct(doc, j) && j > i)
            continue;
        if (!(t->flags & (QRY_TOK_WORD | QRY_TOK_NUMBER)) && !loc_tok_is(doc, j, '&'))
            break;
        if (nw == LOC_MAX_WORDS || !loc_tok_key(doc, j, key, &len, sizeof key))
            break;
        words[nw++] = j;
        uint32_t first, kflags;
        int title, abbrev, strong;
        if (!loc_index_find(ix, key, len, &first, &kflags))
            break; /* neither a key nor the start of one */
        /* a longer name that is only an alternate name or a village ("London
         * City", a name of the City of London) does not hide a place of its
         * own ("Leeds Bradford airport" is at Leeds) */
        if (first != LOC_NONE && any_sense_fits(ix, doc, first, words, nw, demonyms, &title, &abbrev, &strong) &&
            (strong || !best_strong)) {
            best = j + 1;
            best_strong = strong;
            *mention = (loc_mention){.start = doc->tokens[i].start,
                                     .end = abbrev_end(doc, i, j, t->end, abbrev),
                                     .tok_start = (uint32_t)i,
                                     .tok_end = (uint32_t)(j + 1),
                                     .first_sense = first,
                                     .place = LOC_NONE,
                                     .strict = (uint8_t)title,
                                     .demonyms = (uint8_t)demonyms};
        }
    }
    return best;
}

int loc_match(const loc_index *ix, const qry_doc_view *doc, int demonyms, loc_mentions *out)
{
    for (size_t i = 0; i < doc->n_tokens;) {
        if (!(doc->tokens[i].flags & QRY_TOK_CAP)) {
            i++;
            continue;
        }
        loc_mention m;
        size_t e = longest_at(ix, doc, i, demonyms, &m);
        if (e == i) {
            i++;
            continue;
        }
        int rc = push(out, &m);
        if (rc != QRY_OK)
            return rc;
        i = e;
    }
    return QRY_OK;
}

int loc_sense_fits(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m, uint32_t s)
{
    size_t words[LOC_MAX_WORDS], nw = 0;
    for (size_t j = m->tok_start; j < m->tok_end; j++) {
        if (!(doc->tokens[j].flags & (QRY_TOK_WORD | QRY_TOK_NUMBER)) && !loc_tok_is(doc, j, '&'))
            continue;
        if (nw == LOC_MAX_WORDS)
            return 0;
        words[nw++] = j;
    }
    return sense_fits_words(ix, doc, s, words, nw, m->demonyms);
}
