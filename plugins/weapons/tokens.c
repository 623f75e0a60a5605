/* tokens.c -- small helpers over the core's tokens, shared by matcher.c,
 * context.c and generic.c. All take the document view and token indices;
 * none allocates. */
#include <string.h>

#include "weapons.h"

size_t wpn_tok_lower_bound(const qry_doc_view *doc, uint32_t pos)
{
    size_t lo = 0, hi = doc->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

int wpn_tok_is_hyphen(const qry_doc_view *doc, size_t t)
{
    const qry_token *k = &doc->tokens[t];
    if (!(k->flags & QRY_TOK_PUNCT))
        return 0;
    const unsigned char *s = (const unsigned char *)doc->text + k->start;
    size_t n = k->end - k->start;
    if (n == 1)
        return s[0] == '-';
    /* U+2010 hyphen, U+2011 non-breaking hyphen, U+2012 figure dash, U+2013 en dash */
    return n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] >= 0x90 && s[2] <= 0x93;
}

int wpn_tok_is_apostrophe(const qry_doc_view *doc, size_t t)
{
    const qry_token *k = &doc->tokens[t];
    const unsigned char *s = (const unsigned char *)doc->text + k->start;
    size_t n = k->end - k->start;
    return (n == 1 && s[0] == '\'') || (n == 3 && s[0] == 0xE2 && s[1] == 0x80 && s[2] == 0x99);
}

int wpn_tok_eq(const qry_doc_view *doc, size_t t, const char *w)
{
    const qry_token *k = &doc->tokens[t];
    size_t n = k->end - k->start;
    if (strlen(w) != n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = doc->text[k->start + i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[i])
            return 0;
    }
    return 1;
}

int wpn_tok_in(const qry_doc_view *doc, size_t t, const char *const *list)
{
    if (!(doc->tokens[t].flags & QRY_TOK_WORD) || doc->tokens[t].end - doc->tokens[t].start > 24)
        return 0;
    for (size_t i = 0; list[i]; i++)
        if (wpn_tok_eq(doc, t, list[i]))
            return 1;
    return 0;
}

/* A mention may end after token t: the next token is not glued to it. */
int wpn_tok_end_ok(const qry_doc_view *doc, size_t t)
{
    if (t + 1 >= doc->n_tokens)
        return 1;
    const qry_token *k = &doc->tokens[t + 1];
    return (k->flags & (QRY_TOK_SPACE_BEFORE | QRY_TOK_PUNCT)) != 0;
}

int wpn_tok_same_sentence(const qry_doc_view *doc, size_t a, size_t b)
{
    return doc->tokens[a].sentence == doc->tokens[b].sentence;
}

/* Token t holds a digit: a designation ("9P149"), not a name. */
int wpn_tok_has_digit(const qry_doc_view *doc, size_t t)
{
    for (uint32_t i = doc->tokens[t].start; i < doc->tokens[t].end; i++)
        if (doc->text[i] >= '0' && doc->text[i] <= '9')
            return 1;
    return 0;
}
