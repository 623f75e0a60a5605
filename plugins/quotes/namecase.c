/* namecase.c -- which capitalised words the document treats as names.
 *
 * A sentence's first word is capitalised whatever it is ("Frozen fish
 * stocks", "Several crews", "Thus"), so its capital
 * says nothing. The same word written with a capital inside a sentence
 * elsewhere in the document does: there it can only be a name. One pass
 * collects the capitalised words seen inside sentences into a hash set,
 * a second marks every capitalised token whose word is in it; linear in
 * the document, and built only for a document that asks (qt_attested_name).
 */
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < n; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h ? h : 1; /* 0 marks an empty slot */
}

/* A capitalised token whose capital is the writer's choice, not the
 * sentence's: inside a sentence, not after a quotation mark, a colon, a
 * dash or an opening bracket (which may start a sentence of their own). */
static int inner_cap(const qt_ctx *c, size_t t)
{
    if (t == 0 || qt_sentence_start(c, t) == t)
        return 0;
    int dbl;
    return !(qt_tok_quote_mark(c, t - 1, &dbl) || qt_tok_char(c, t - 1, ":") || qt_tok_dash(c, t - 1) ||
             qt_tok_char(c, t - 1, "(") || qt_tok_char(c, t - 1, "[") || qt_tok_char(c, t - 1, "-") ||
             qt_tok_sentence_end(c, t - 1));
}

int qt_namecase_build(const qt_ctx *c, uint8_t **out)
{
    size_t n = c->doc->n_tokens, count = 0;
    *out = NULL;
    uint8_t *named = calloc(n ? n : 1, 1);
    if (!named)
        return QRY_ERR_NOMEM;
    for (size_t t = 0; t < n; t++) /* 2: capitalised inside a sentence, 1: elsewhere */
        if (qt_tok_cap(c, t)) {
            named[t] = inner_cap(c, t) ? 2 : 1;
            count += named[t] == 2;
        }
    size_t cap = 16;
    while (cap < 2 * count)
        cap *= 2;
    uint64_t *set = calloc(cap, sizeof *set);
    if (!set) {
        free(named);
        return QRY_ERR_NOMEM;
    }
    for (size_t t = 0; t < n; t++) {
        if (named[t] != 2)
            continue;
        size_t len;
        const char *s = qt_tok_text(c, t, &len);
        uint64_t h = hash_bytes(s, len);
        size_t k = (size_t)h & (cap - 1);
        while (set[k] && set[k] != h)
            k = (k + 1) & (cap - 1);
        set[k] = h;
    }
    for (size_t t = 0; t < n; t++) {
        if (named[t] != 1) {
            named[t] = named[t] == 2;
            continue;
        }
        size_t len;
        const char *s = qt_tok_text(c, t, &len);
        uint64_t h = hash_bytes(s, len);
        named[t] = 0;
        for (size_t k = (size_t)h & (cap - 1); set[k]; k = (k + 1) & (cap - 1))
            if (set[k] == h) {
                named[t] = 1;
                break;
            }
    }
    free(set);
    *out = named;
    return QRY_OK;
}
