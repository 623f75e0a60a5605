/* fold.c -- one notion of "the same text" for phrases, pattern words and
 * token tests: the core's own folding (quarry.text/1), so that "Łódź",
 * "Straße" or "Russia’s" compare the way the segmenter sees them. Two
 * forms: `lower` folds case (and accents when asked), `exact` keeps case;
 * both map typographic dashes, apostrophes and quotes to ASCII ones. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

void rl_fold_init(rl_fold *f, const qry_text_service *text, int ignore_accents)
{
    memset(f, 0, sizeof *f);
    f->text = text;
    unsigned acc = ignore_accents ? QRY_FOLD_ACCENTS : 0;
    f->lower_flags = QRY_FOLD_CASE | QRY_FOLD_PUNCT | acc;
    f->exact_flags = QRY_FOLD_PUNCT | acc;
    /* one byte in, one byte out for nearly all of ASCII: a table saves a
     * service call per token; 0 marks a byte that needs the slow path */
    for (int c = 1; c < 128; c++) {
        char in = (char)c, out[8];
        if (!text) {
            f->ascii_lower[c] = (char)tolower(c);
            f->ascii_exact[c] = (char)c;
            continue;
        }
        if (text->fold(&in, 1, f->lower_flags, out, sizeof out) == 1)
            f->ascii_lower[c] = out[0];
        if (text->fold(&in, 1, f->exact_flags, out, sizeof out) == 1)
            f->ascii_exact[c] = out[0];
    }
}

/* Fold s[0..len) into *buf (grown as needed) at *used; returns 0 or -1. */
static int fold_append(const rl_fold *f, int exact, const char *s, size_t len, char **buf, size_t *used, size_t *cap)
{
    const char *table = exact ? f->ascii_exact : f->ascii_lower;
    size_t k = 0;
    while (k < len && (unsigned char)s[k] < 0x80 && table[(unsigned char)s[k]])
        k++;
    size_t need = k == len || !f->text ? len : f->text->fold(s, len, exact ? f->exact_flags : f->lower_flags, NULL, 0);
    if (*used + need + 1 > *cap) {
        size_t c = *cap ? *cap : 4096;
        while (*used + need + 1 > c)
            c *= 2;
        char *grown = realloc(*buf, c);
        if (!grown)
            return -1;
        *buf = grown;
        *cap = c;
    }
    if (k == len || !f->text) {
        for (size_t i = 0; i < len; i++) {
            unsigned char b = (unsigned char)s[i];
            (*buf)[*used + i] = b < 0x80 && table[b] ? table[b] : (char)b;
        }
    } else {
        f->text->fold(s, len, exact ? f->exact_flags : f->lower_flags, *buf + *used, need + 1);
    }
    *used += need;
    return 0;
}

char *rl_fold_phrase(const rl_fold *f, int exact, const char *s, size_t len, rl_pool *pool)
{
    char *buf = NULL;
    size_t used = 0, cap = 0;
    if (fold_append(f, exact, s, len, &buf, &used, &cap) != 0)
        return NULL;
    /* white space of any kind became ' ' (QRY_FOLD_PUNCT); squeeze it */
    size_t out = 0;
    for (size_t i = 0; i < used; i++) {
        char c = buf[i];
        if (c == ' ' || c == '\t') {
            if (out && buf[out - 1] != ' ')
                buf[out++] = ' ';
        } else {
            buf[out++] = c;
        }
    }
    while (out && buf[out - 1] == ' ')
        out--;
    char *r = rl_pool_dup(pool, buf, out);
    free(buf);
    return r;
}

int rl_is_letter(const rl_fold *f, const char *s, size_t len, size_t *pos)
{
    unsigned char b = (unsigned char)s[*pos];
    if (b < 0x80) {
        (*pos)++;
        return isalpha(b) != 0;
    }
    if (!f->text) { /* an older core: take any non-ASCII character for a letter */
        (*pos)++;
        while (*pos < len && ((unsigned char)s[*pos] & 0xC0) == 0x80)
            (*pos)++;
        return 1;
    }
    return (f->text->classify(f->text->decode(s, len, pos)) & QRY_CP_LETTER) != 0;
}

int rl_forms_build(rl_doc_forms *df, const rl_fold *f, const qry_doc_view *doc, int want_exact)
{
    if (2 * doc->n_tokens + 2 > df->cap_tokens) {
        size_t c = 2 * doc->n_tokens + 2;
        size_t *lo = realloc(df->lower_off, c * sizeof *lo);
        if (!lo)
            return QRY_ERR_NOMEM;
        df->lower_off = lo;
        size_t *ex = realloc(df->exact_off, c * sizeof *ex);
        if (!ex)
            return QRY_ERR_NOMEM;
        df->exact_off = ex;
        df->cap_tokens = c;
    }
    df->len = 0;
    for (int exact = 0; exact <= (want_exact ? 1 : 0); exact++) {
        size_t *off = exact ? df->exact_off : df->lower_off;
        for (size_t k = 0; k < doc->n_tokens; k++) {
            const qry_token *t = &doc->tokens[k];
            off[2 * k] = df->len;
            if (fold_append(f, exact, doc->text + t->start, t->end - t->start, &df->buf, &df->len, &df->cap) != 0)
                return QRY_ERR_NOMEM;
            off[2 * k + 1] = df->len;
        }
    }
    return QRY_OK;
}

void rl_forms_free(rl_doc_forms *df)
{
    free(df->buf);
    free(df->lower_off);
    free(df->exact_off);
    memset(df, 0, sizeof *df);
}
