/* words.c -- the word lists that decide what surrounds a name (head nouns,
 * titles, reporting verbs, weapon words...), read from conf/weapons/ through
 * the core's table service, one file per list, and looked up on tokens.
 *
 * Words are compared after the core's case folding (quarry.text/1), so a
 * list entry and a token agree on what "the same word" is, in any script.
 * Every list lives in one sorted array: a token is folded once and found by
 * binary search, its entry telling every list it belongs to.
 */
#include <stdlib.h>
#include <string.h>

#include "weapons.h"

#define WORD_MAX 64  /* bytes of a folded word */
#define TOKEN_MAX 24 /* a longer token is no list word: it is not even looked up */

typedef struct word {
    char *key;         /* case-folded */
    size_t len;
    unsigned lists;    /* 1 << WPN_LIST_* */
    unsigned fits;     /* head_fits: 1 << category index */
    size_t fit_row;    /* head_fits: 1 + its row, 0 when not a head of that table */
} word;

struct wpn_words {
    word *v;
    size_t n, cap;
};

void wpn_words_free(wpn_words *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->n; i++)
        free(w->v[i].key);
    free(w->v);
    free(w);
}

static int cmp_key(const char *a, size_t na, const char *b, size_t nb)
{
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

static int cmp_word(const void *x, const void *y)
{
    const word *a = x, *b = y;
    return cmp_key(a->key, a->len, b->key, b->len);
}

/* The entry for key[0..n) once the array is sorted, or NULL. */
static const word *find(const wpn_words *w, const char *key, size_t n)
{
    const word probe = {.key = (char *)key, .len = n};
    return w->n ? bsearch(&probe, w->v, w->n, sizeof *w->v, cmp_word) : NULL;
}

/* Fold s[0..n) into key[WORD_MAX]; its length, or 0 when it does not fit. */
static size_t fold(const qry_text_service *text, const char *s, size_t n, char *key)
{
    size_t len = text->fold(s, n, QRY_FOLD_CASE, key, WORD_MAX);
    return len < WORD_MAX ? len : 0;
}

/* ---- reading ---- */

/* A list word must be able to equal a WORD token: letters and digits only. */
static int one_word(const qry_text_service *text, const char *s)
{
    size_t n = strlen(s), pos = 0;
    while (pos < n)
        if (!(text->classify(text->decode(s, n, &pos)) & (QRY_CP_LETTER | QRY_CP_DIGIT)))
            return 0;
    return n > 0;
}

static int cat_bit(const char *cat) /* the category's bit, 0 for no category */
{
    for (int i = 0; i < WPN_N_CATEGORIES; i++)
        if (strcmp(wpn_categories[i], cat) == 0)
            return 1 << i;
    return 0;
}

/* Append an entry (merged with its equals once all are read). */
static word *push(wpn_words *w, const char *key, size_t len)
{
    if (w->n == w->cap) {
        size_t cap = w->cap ? w->cap * 2 : 512;
        word *v = realloc(w->v, cap * sizeof *v);
        if (!v)
            return NULL;
        w->v = v;
        w->cap = cap;
    }
    word *e = &w->v[w->n];
    *e = (word){.key = malloc(len + 1), .len = len};
    if (!e->key)
        return NULL;
    memcpy(e->key, key, len);
    e->key[len] = '\0';
    w->n++;
    return e;
}

/* The folded key of cell (row, 0), or 0 after rejecting the row. */
static size_t row_key(const wpn_reader *rd, qry_table *t, size_t row, char *key)
{
    const char *s = rd->table->cell(t, row, 0, NULL);
    if (!one_word(rd->text, s)) {
        rd->table->reject(t, row, "'%s' is not one word (letters and digits only)", s);
        return 0;
    }
    size_t n = fold(rd->text, s, strlen(s), key);
    if (!n)
        rd->table->reject(t, row, "'%s' is longer than %d bytes", s, WORD_MAX - 1);
    return n;
}

/* The categories column of a head_fits row as bits; 0 after rejecting it. */
static unsigned row_fits(const wpn_reader *rd, qry_table *t, size_t row)
{
    unsigned fits = 0;
    const char *s = rd->table->cell(t, row, 1, NULL);
    while (*s) {
        size_t n = strcspn(s, ",");
        char cat[32];
        int bit = 0;
        if (n < sizeof cat) {
            memcpy(cat, s, n);
            cat[n] = '\0';
            bit = cat_bit(cat);
        }
        if (!bit) {
            rd->table->reject(t, row, "unknown category '%.*s'", (int)n, s);
            return 0;
        }
        fits |= (unsigned)bit;
        s += n + (s[n] == ',');
    }
    if (!fits)
        rd->table->reject(t, row, "no category");
    return fits;
}

/* Read one list (list >= 0) or the head_fits table (list < 0). QRY_OK,
 * QRY_ERR_CONFIG (each problem reported) or QRY_ERR_NOMEM. */
static int read_list(wpn_words *w, const wpn_reader *rd, const char *name, int list)
{
    qry_table *t = rd->table->open(rd->host, name, list < 0 ? 2 : 1, list < 0 ? 2 : 1, QRY_TABLE_TRIM);
    if (!t)
        return QRY_ERR_CONFIG;
    const size_t first = w->n;
    int rc = QRY_OK;
    for (size_t row = 0; rc == QRY_OK && row < rd->table->rows(t); row++) {
        char key[WORD_MAX];
        size_t len = row_key(rd, t, row, key);
        unsigned fits = len && list < 0 ? row_fits(rd, t, row) : 0;
        if (!len || (list < 0 && !fits))
            continue;
        /* a head twice would have two answers; a list word twice is harmless */
        const word *seen = NULL;
        for (size_t i = first; list < 0 && i < w->n && !seen; i++)
            if (cmp_key(w->v[i].key, w->v[i].len, key, len) == 0)
                seen = &w->v[i];
        if (seen) {
            rd->table->reject(t, row, "head '%s' is listed before, at line %zu", key,
                              rd->table->line(t, seen->fit_row - 1));
            continue;
        }
        word *e = push(w, key, len);
        if (!e) {
            rc = QRY_ERR_NOMEM;
        } else if (list < 0) {
            e->fits = fits;
            e->fit_row = row + 1;
        } else {
            e->lists = 1u << list;
        }
    }
    if (rc == QRY_OK && rd->table->errors(t))
        rc = QRY_ERR_CONFIG;
    rd->table->close(t);
    return rc;
}

int wpn_words_load(wpn_words **out, const wpn_reader *rd, const char *const names[WPN_N_LISTS],
                   const char *head_fits)
{
    *out = NULL;
    wpn_words *w = calloc(1, sizeof *w);
    if (!w)
        return QRY_ERR_NOMEM;
    /* read every file, whatever the others hold, so every bad line is reported */
    int rc = read_list(w, rd, head_fits, -1);
    for (int l = 0; l < WPN_N_LISTS && rc != QRY_ERR_NOMEM; l++) {
        int lrc = read_list(w, rd, names[l], l);
        if (lrc != QRY_OK)
            rc = lrc;
    }
    if (rc != QRY_OK) {
        wpn_words_free(w);
        return rc;
    }
    /* one entry per word: the lists it is in, its head fits */
    qsort(w->v, w->n, sizeof *w->v, cmp_word);
    size_t k = 0;
    for (size_t i = 0; i < w->n; i++) {
        if (k > 0 && cmp_word(&w->v[k - 1], &w->v[i]) == 0) {
            w->v[k - 1].lists |= w->v[i].lists;
            if (w->v[i].fit_row) {
                w->v[k - 1].fits = w->v[i].fits;
                w->v[k - 1].fit_row = w->v[i].fit_row;
            }
            free(w->v[i].key);
        } else {
            w->v[k++] = w->v[i];
        }
    }
    w->n = k;
    *out = w;
    return QRY_OK;
}

/* ---- lookups on tokens ---- */

/* Token t folded into key[WORD_MAX]: its length, or 0 when it is longer
 * than TOKEN_MAX bytes (no list word) or folds too long. */
static size_t token_key(const wpn_doc *d, size_t t, char *key)
{
    const qry_token *k = &d->view->tokens[t];
    size_t n = k->end - k->start;
    return n > TOKEN_MAX ? 0 : fold(d->text, d->view->text + k->start, n, key);
}

int wpn_tok_in(const wpn_doc *d, size_t t, int list)
{
    char key[WORD_MAX];
    size_t n = (d->view->tokens[t].flags & QRY_TOK_WORD) ? token_key(d, t, key) : 0;
    const word *e = n ? find(d->words, key, n) : NULL;
    return e && (e->lists >> list & 1u);
}

/* See weapons.h. A head may be written as listed or with a plural 's' or
 * 'es'; when a token reads as two heads, the one listed first decides. */
int wpn_head_fits(const wpn_doc *d, size_t t, const char *cat)
{
    const qry_token *k = &d->view->tokens[t];
    char key[WORD_MAX];
    size_t n = k->end - k->start < TOKEN_MAX ? token_key(d, t, key) : 0;
    if (!n)
        return 1;
    const word *best = NULL;
    for (size_t cut = 0; cut <= 2 && cut < n; cut++) {
        if ((cut >= 1 && key[n - 1] != 's') || (cut == 2 && key[n - 2] != 'e'))
            break;
        const word *e = find(d->words, key, n - cut);
        if (e && e->fit_row && (!best || e->fit_row < best->fit_row))
            best = e;
    }
    return !best || (best->fits & (unsigned)cat_bit(cat)) != 0;
}
