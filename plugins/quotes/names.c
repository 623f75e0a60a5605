/* names.c -- the name mentions of a document: runs of capitalised words
 * ("NATO Secretary-General Jens Stoltenberg", "U.K. Ministry of Defense"),
 * split into the title words before the name and the name proper, with a
 * guess whether the name is a person's and whether it is the subject of a
 * sentence or of a reporting verb (what "he said" may refer to).
 * One linear pass over the tokens.
 */
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

#define RUN_MAX 12   /* tokens in one capitalised run */
#define TITLE_BACK 6 /* lower-case title words looked at before a run */

void qt_names_free(qt_names *n)
{
    free(n->v);
    free(n->by_last);
    free(n->by_title);
    for (int g = 0; g < 3; g++) {
        free(n->latest[g]);
        free(n->latest_any[g]);
    }
    memset(n, 0, sizeof *n);
}

static int push(qt_names *n, const qt_name *x)
{
    if (n->n == n->cap) {
        size_t ncap = n->cap ? n->cap * 2 : 32;
        qt_name *v = realloc(n->v, ncap * sizeof *v);
        if (!v)
            return QRY_ERR_NOMEM;
        n->v = v;
        n->cap = ncap;
    }
    n->v[n->n++] = *x;
    return QRY_OK;
}

static int glued(const qt_ctx *c, size_t t) { return !(c->doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE); }

static int same_sentence(const qt_ctx *c, size_t a, size_t b)
{
    return c->doc->tokens[a].sentence == c->doc->tokens[b].sentence;
}

/* A single capital letter: an initial or a piece of "U.K.". */
static int initial(const qt_ctx *c, size_t t)
{
    const qry_token *k = &c->doc->tokens[t];
    return (k->flags & QRY_TOK_CAP) && k->end - k->start == 1;
}

int qt_firm_tail(const qt_ctx *c, size_t u, size_t limit)
{
    static const char *const longhand[] = {"company", "corporation", "association", NULL};
    for (size_t t = u; t < limit && t - u < 6; t++) {
        if (qt_tok_apostrophe(c, t) && t + 1 < limit && qt_tok_eq(c, t + 1, "s")) {
            t++; /* "Poor's Corp" */
            continue;
        }
        if (!qt_tok_cap(c, t))
            return 0;
        if (qt_tok_legal_suffix(c, t) || qt_tok_is(c, t, longhand))
            return 1;
    }
    return 0;
}

size_t qt_cap_run_end(const qt_ctx *c, size_t a, size_t limit)
{
    static const char *const inner[] = {"of", "for", "de", "van", "von", "bin", "al", "da", "di", "du", "la", "le",
                                        NULL};
    /* the second word of a two-word particle: "von der", "van den", "de la" */
    static const char *const particle2[] = {"der", "den", "la", "le", "los", "las", "del", "di", NULL};
    const qry_doc_view *d = c->doc;
    size_t e = a + 1, n = d->n_tokens;
    if (limit > n)
        limit = n;
    while (e < limit && e - a < RUN_MAX && same_sentence(c, a, e)) {
        /* a capitalised reporting verb ends a name ("Marsh Says She Will Win") */
        if (qt_tok_cap(c, e) && !qt_tok_in(c, e, &c->lex->nonnames) && !qt_cue_at(c, e)) {
            e++;
            continue;
        }
        /* "J." "U.K." "Adm." : a dot glued to an initial or a title */
        if (qt_tok_char(c, e, ".") && glued(c, e) && (initial(c, e - 1) || qt_tok_title(c, e - 1)) &&
            e + 1 < limit && qt_tok_cap(c, e + 1)) {
            e++;
            continue;
        }
        /* Secretary-General, Jean-Claude, O’Brien */
        if ((qt_tok_dash(c, e) || qt_tok_apostrophe(c, e)) && glued(c, e) && e + 1 < limit && glued(c, e + 1) &&
            qt_tok_cap(c, e + 1) && qt_tok_word(c, e - 1)) {
            e++;
            continue;
        }
        /* Houston Lighting and Power Co, Procter & Gamble Co */
        if ((qt_tok_eq(c, e, "and") || qt_tok_char(c, e, "&")) && e + 1 < limit && qt_firm_tail(c, e + 1, limit)) {
            e++;
            continue;
        }
        /* Ministry of Defense, Ludwig van Beethoven */
        if (qt_tok_word(c, e) && qt_tok_is(c, e, inner) && e + 1 < limit && qt_tok_cap(c, e + 1) &&
            !qt_tok_in(c, e + 1, &c->lex->nonnames)) {
            e++;
            continue;
        }
        /* Ursula von der Leyen, Rafael de la Cruz */
        if (qt_tok_word(c, e) && qt_tok_is(c, e, inner) && !qt_tok_eq(c, e, "of") && !qt_tok_eq(c, e, "for") &&
            e + 2 < limit && qt_tok_is(c, e + 1, particle2) && qt_tok_cap(c, e + 2) &&
            !qt_tok_in(c, e + 2, &c->lex->nonnames)) {
            e += 2;
            continue;
        }
        /* a run opened by the particle: "Von der Leyen said" */
        if (e == a + 1 && qt_tok_word(c, e) && !qt_tok_cap(c, e) && qt_tok_is(c, e, particle2) &&
            qt_tok_is(c, a, inner) && !qt_tok_eq(c, a, "of") && !qt_tok_eq(c, a, "for") && e + 1 < limit &&
            qt_tok_cap(c, e + 1) && !qt_tok_in(c, e + 1, &c->lex->nonnames)) {
            e++;
            continue;
        }
        break;
    }
    /* a dot that ends "U.K." belongs to it when glued to an initial */
    if (e < limit && qt_tok_char(c, e, ".") && glued(c, e) && initial(c, e - 1) && e - a >= 2 &&
        qt_tok_char(c, e - 2, "."))
        e++;
    return e;
}

int qt_has_orgword(const qt_ctx *c, size_t a, size_t e)
{
    for (size_t t = a; t < e; t++)
        if (qt_tok_in(c, t, &c->lex->orgwords))
            return 1;
    return 0;
}

/* Skip punctuation glued into a run ("-", ".", "’"). */
static size_t skip_joiners(const qt_ctx *c, size_t t, size_t e)
{
    while (t < e && !qt_tok_word(c, t))
        t++;
    return t;
}

static int given_name(const qt_ctx *c, size_t t)
{
    return qt_tok_in(c, t, &c->lex->male) || qt_tok_in(c, t, &c->lex->female);
}

static int surname_after(const qt_ctx *c, size_t t)
{
    size_t p = t - 1;
    if (qt_tok_char(c, p, ".") && p > 0) /* "T." */
        p--;
    size_t n;
    qt_tok_text(c, p, &n);
    return qt_tok_cap(c, p) && !qt_tok_title(c, p) && (given_name(c, p) || n == 1);
}

size_t qt_strip_titles(const qt_ctx *c, size_t a, size_t e)
{
    size_t last_title = QT_NONE;
    for (size_t t = a; t < e; t++)
        /* a title word ending a name after a given name or an initial is a
         * surname: "Senator Hugo Marshal", "Karen Bishop", "Ada T. Bishop" */
        if (qt_tok_title(c, t) && !(t + 1 == e && t > a && surname_after(c, t)))
            last_title = t;
    size_t s = last_title == QT_NONE ? a : last_title + 1;
    s = skip_joiners(c, s, e);
    /* "of" after a title: "Secretary of State X" is covered above; here
     * the leading acronyms and initial-dot groups of "NATO Jens Stoltenberg" */
    size_t t = s;
    while (t < e && (qt_tok_upper(c, t) || initial(c, t) || qt_tok_char(c, t, ".")))
        t++;
    t = skip_joiners(c, t, e);
    if (t < e && t > s && qt_tok_cap(c, t))
        s = t;
    while (s < e && (qt_tok_is(c, s, (const char *const[]){"of", "for", NULL})))
        s = skip_joiners(c, s + 1, e);
    /* "Rival Greta Holm", "Independent Oskar Lind": a word that is no
     * given name, before a given name that more of the name follows, only
     * describes the person */
    if (s + 2 < e && qt_tok_cap(c, s) && !given_name(c, s) && given_name(c, s + 1) && qt_tok_cap(c, s + 2) &&
        !(c->doc->tokens[s + 1].flags & QRY_TOK_UPPER) && !qt_tok_upper(c, s))
        s++;
    return s;
}

/* Token after a name: an adverb may sit between a subject and its verb. */
static size_t skip_adverb(const qt_ctx *c, size_t t)
{
    static const char *const adv[] = {"also", "later", "then", "again", "further", "previously", "earlier",
                                      "has", "had", "have", "was", "once", NULL};
    if (t < c->doc->n_tokens && qt_tok_word(c, t) && !qt_tok_cap(c, t)) {
        if (qt_tok_is(c, t, adv) || qt_ly_adverb(c, t))
            return t + 1;
    }
    return t;
}

/* Subject of a reporting verb ("Stoltenberg said", "Zelenskyy also told") or
 * of its sentence (the run starts the sentence and a lower-case word, not a
 * possessive, follows). */
static int is_subject(const qt_ctx *c, size_t title_start, size_t e)
{
    const qry_doc_view *d = c->doc;
    if (e < d->n_tokens && qt_cue_at(c, skip_adverb(c, e)) && !qt_cue_according(c, skip_adverb(c, e)))
        return 1;
    int starts = title_start == 0 || d->tokens[title_start - 1].sentence != d->tokens[title_start].sentence;
    if (!starts && title_start >= 1) {
        /* "But Stoltenberg ..." */
        static const char *const conj[] = {"but", "and", "yet", "still", "meanwhile", NULL};
        size_t p = title_start - 1;
        starts = qt_tok_is(c, p, conj) && (p == 0 || d->tokens[p - 1].sentence != d->tokens[p].sentence);
    }
    return starts && e < d->n_tokens && same_sentence(c, title_start, e) && qt_tok_word(c, e) && !qt_tok_cap(c, e);
}

/* Where the title words before the run [a, ...) begin: lower-case titles and
 * acronyms ("NATO chief", "the alliance's secretary general"). */
static size_t title_start_of(const qt_ctx *c, size_t a)
{
    size_t s = a;
    for (size_t k = 0; k < TITLE_BACK && s > 0 && same_sentence(c, s - 1, a); k++) {
        size_t p = s - 1;
        if (qt_tok_title(c, p) || qt_tok_upper(c, p) || (qt_tok_dash(c, p) && glued(c, p) && p > 0))
            s = p;
        else
            break;
    }
    while (s < a && !qt_tok_word(c, s))
        s++;
    return s;
}

int qt_find_names(const qt_ctx *c, qt_names *out)
{
    const qry_doc_view *d = c->doc;
    size_t t = 0;
    while (t < d->n_tokens) {
        if (!qt_tok_cap(c, t) || qt_tok_in(c, t, &c->lex->nonnames) || qt_tok_pronoun(c, t)) {
            t++;
            continue;
        }
        if (qt_cue_at(c, t) && t + 1 < d->n_tokens && qt_tok_cap(c, t + 1)) {
            t++; /* "Said Rob Hale, ...": the verb opens the sentence, not the name */
            continue;
        }
        size_t e = qt_cap_run_end(c, t, d->n_tokens);
        size_t first = qt_strip_titles(c, t, e);
        qt_name nm;
        memset(&nm, 0, sizeof nm);
        nm.title_start = (uint32_t)title_start_of(c, t);
        if (first >= e) { /* titles only: "Secretary General", "NATO" */
            nm.first = (uint32_t)t;
            nm.last = (uint32_t)e;
        } else {
            nm.first = (uint32_t)first;
            nm.last = (uint32_t)qt_person_end(c, first, e, first > nm.title_start);
            nm.person = qt_name_kind(c, first, nm.last, first > nm.title_start) == QT_KIND_PERSON;
            if (nm.person)
                nm.gender = (uint8_t)qt_name_gender(c, nm.title_start, first, nm.last);
        }
        nm.subject = (uint8_t)is_subject(c, nm.title_start, e);
        if (push(out, &nm) != QRY_OK)
            return QRY_ERR_NOMEM;
        t = e;
    }
    return qt_index_names(c, out);
}
