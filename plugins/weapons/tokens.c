/* tokens.c -- small helpers over the core's tokens, shared by matcher.c,
 * context.c, screen.c, join.c and generic.c. What a hyphen, an apostrophe
 * or the same word is comes from the core's text service, so the plugin and
 * the segmenter agree. None allocates. */
#include <string.h>

#include "weapons.h"

size_t wpn_tok_lower_bound(const wpn_doc *d, uint32_t pos)
{
    size_t t = d->text->token_at(d->view, pos); /* the token at or after pos */
    return t < d->view->n_tokens && d->view->tokens[t].start < pos ? t + 1 : t;
}

/* The classes (QRY_CP_*) of token t when it is one code point, else 0. */
static uint32_t one_code_point_class(const wpn_doc *d, size_t t)
{
    const qry_token *k = &d->view->tokens[t];
    const char *s = d->view->text + k->start;
    size_t n = k->end - k->start, pos = 0;
    if (n == 1) /* ASCII: the byte is the code point */
        return d->text->classify((unsigned char)*s);
    uint32_t cp = d->text->decode(s, n, &pos);
    return pos == n ? d->text->classify(cp) : 0;
}

int wpn_tok_is_hyphen(const wpn_doc *d, size_t t)
{
    return (d->view->tokens[t].flags & QRY_TOK_PUNCT) && (one_code_point_class(d, t) & QRY_CP_HYPHEN);
}

int wpn_tok_is_apostrophe(const wpn_doc *d, size_t t)
{
    return (d->view->tokens[t].flags & QRY_TOK_PUNCT) && (one_code_point_class(d, t) & QRY_CP_APOSTROPHE);
}

/* Case folding turns a code point (at most 4 bytes) into at least one, so a
 * token of more than 4 bytes per byte of w cannot fold to w: most tokens are
 * answered without the (much dearer) folding comparison. */
int wpn_tok_eq(const wpn_doc *d, size_t t, const char *w)
{
    const qry_token *k = &d->view->tokens[t];
    return k->end - k->start <= 4 * strlen(w) && d->text->token_equals(d->view, t, w, QRY_FOLD_CASE);
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
