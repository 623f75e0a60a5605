/* classify.c -- what a capitalised name stands for: a person, an
 * organisation or a place, and a person's gender. Every decision of that
 * kind, for speakers and for the names pronouns may refer to, goes through
 * qt_name_kind(), which reads the kinds already known for the tokens
 * (qt_known): today the plugin's own place list marks them; once earlier
 * pipeline stages can be read (ABI 1.1), their location and organisation
 * entities mark their spans with qt_known_mark() and nothing else changes.
 */
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

#define PERSON_MAX 4 /* words in a person's name */
#define GLUE_MAX 5   /* tokens glued into one place name: U . S . */
#define KEY_MAX 64

void qt_known_free(qt_known *k)
{
    free(k->kind);
    if (k->names)
        free(k->names->named);
    free(k->names);
    k->kind = NULL;
    k->names = NULL;
    k->n = 0;
}

void qt_known_mark(const qt_ctx *c, qt_known *k, uint32_t start, uint32_t end, int kind)
{
    const qry_token *tk = c->doc->tokens;
    size_t lo = 0, hi = k->n;
    while (lo < hi) { /* first token ending after start */
        size_t m = lo + (hi - lo) / 2;
        if (tk[m].end <= start)
            lo = m + 1;
        else
            hi = m;
    }
    for (size_t t = lo; t < k->n && tk[t].start < end; t++)
        k->kind[t] = (uint8_t)kind;
}

/* Lower-case text of tokens [a, e) glued as written ("U.S", "new york"),
 * a trailing dot dropped; 0 when it does not fit. */
static size_t key_of(const qt_ctx *c, size_t a, size_t e, char *buf)
{
    size_t k = 0;
    for (size_t t = a; t < e; t++) {
        size_t n;
        const char *s = qt_tok_text(c, t, &n);
        if (t > a && (c->doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE))
            buf[k++] = ' ';
        if (k + n + 1 >= KEY_MAX)
            return 0;
        for (size_t i = 0; i < n; i++)
            buf[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] + 32 : s[i]);
    }
    while (k && buf[k - 1] == '.')
        k--;
    buf[k] = '\0';
    return k;
}

/* Tokens of the place name starting at t (0 when none): a glued run like
 * "U.S." or "Kyiv", or two words ("New York"). */
static size_t place_at(const qt_ctx *c, size_t t)
{
    const qry_doc_view *d = c->doc;
    char key[KEY_MAX];
    size_t e = t + 1;
    while (e < d->n_tokens && e - t < GLUE_MAX && !(d->tokens[e].flags & QRY_TOK_SPACE_BEFORE) &&
           (qt_tok_word(c, e) || qt_tok_char(c, e, ".")))
        e++;
    if (e < d->n_tokens && qt_tok_cap(c, e) && (d->tokens[e].flags & QRY_TOK_SPACE_BEFORE) && e == t + 1) {
        size_t n = key_of(c, t, e + 1, key);
        if (n && qt_wordset_has(&c->lex->places, key, n))
            return 2;
    }
    size_t n = key_of(c, t, e, key);
    if (n && qt_wordset_has(&c->lex->places, key, n))
        return e - t;
    return 0;
}

int qt_known_build(const qt_ctx *c, qt_known *k)
{
    size_t n = c->doc->n_tokens;
    k->kind = calloc(n ? n : 1, 1);
    k->names = calloc(1, sizeof *k->names);
    if (!k->kind || !k->names)
        return QRY_ERR_NOMEM; /* the caller frees what was taken with qt_known_free() */
    k->n = n;
    for (size_t t = 0; t < n; t++) {
        if (!qt_tok_cap(c, t) || (t > 0 && !(c->doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE) &&
                                  qt_tok_word(c, t - 1)))
            continue;
        size_t len = place_at(c, t);
        for (size_t u = t; u < t + len; u++)
            k->kind[u] = QT_KIND_PLACE;
        if (len)
            t += len - 1;
    }
    return QRY_OK;
}

int qt_attested_name(const qt_ctx *c, size_t t)
{
    if (!qt_tok_cap(c, t))
        return 0;
    if (qt_tok_in(c, t, &c->lex->male) || qt_tok_in(c, t, &c->lex->female) || qt_tok_upper(c, t))
        return 1;
    const qt_known *k = c->known;
    if (!k || !k->names || t >= k->n)
        return 1; /* nothing to decide with: as before this test existed */
    if (k->kind[t] != QT_KIND_UNKNOWN)
        return 1;
    qt_namecase *nc = k->names;
    if (!nc->built) {
        nc->built = 1;
        nc->failed = qt_namecase_build(c, &nc->named) != QRY_OK;
    }
    return nc->failed || nc->named[t];
}

static int only_acronyms(const qt_ctx *c, size_t a, size_t e)
{
    for (size_t t = a; t < e; t++)
        if (qt_tok_word(c, t) && !qt_tok_upper(c, t) && !(c->doc->tokens[t].flags & QRY_TOK_UPPER))
            return 0;
    return 1;
}

int qt_name_kind(const qt_ctx *c, size_t a, size_t e, int titled)
{
    size_t words = 0, place = 0, org = 0;
    for (size_t t = a; t < e; t++) {
        if (!qt_tok_word(c, t))
            continue;
        words++;
        place += c->known && c->known->kind[t] == QT_KIND_PLACE;
        org += c->known && c->known->kind[t] == QT_KIND_ORG;
    }
    if (words == 0)
        return QT_KIND_UNKNOWN;
    if (org)
        return QT_KIND_ORG;
    if (place == words && !titled)
        return QT_KIND_PLACE;
    if (qt_has_orgword(c, a, e) || only_acronyms(c, a, e))
        return QT_KIND_ORG;
    for (size_t t = a; t < e; t++)
        if (qt_tok_is(c, t, (const char *const[]){"of", "for", NULL}))
            return QT_KIND_ORG; /* "Friends of the Earth" */
    for (size_t t = a; t < e; t++)
        if (qt_tok_upper(c, t))
            return QT_KIND_UNKNOWN; /* "NATO Jens": titles were not stripped */
    if (words > PERSON_MAX)
        return QT_KIND_UNKNOWN;
    return words >= 2 || titled ? QT_KIND_PERSON : QT_KIND_UNKNOWN;
}

size_t qt_person_end(const qt_ctx *c, size_t a, size_t e, int titled)
{
    for (size_t t = a + 1; t < e; t++)
        if (qt_tok_eq(c, t, "of"))
            return qt_name_kind(c, a, t, titled) == QT_KIND_PERSON ? t : e;
    return e;
}

int qt_name_gender(const qt_ctx *c, size_t title_start, size_t first, size_t last)
{
    for (size_t t = first; t > title_start; t--) { /* the title nearest the name decides */
        size_t u = t - 1;
        if (!qt_tok_word(c, u))
            continue;
        if (qt_tok_in(c, u, &c->lex->female_titles))
            return QT_G_FEMALE;
        if (qt_tok_in(c, u, &c->lex->male_titles))
            return QT_G_MALE;
    }
    size_t words = 0, given = last;
    for (size_t t = first; t < last; t++)
        if (qt_tok_word(c, t) && words++ == 0)
            given = t;
    if (words < 2)
        return QT_G_UNKNOWN; /* a lone word is most often a surname */
    if (qt_tok_in(c, given, &c->lex->female))
        return QT_G_FEMALE;
    if (qt_tok_in(c, given, &c->lex->male))
        return QT_G_MALE;
    return QT_G_UNKNOWN;
}
