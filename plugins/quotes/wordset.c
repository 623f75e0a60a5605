/* wordset.c -- the plain-text word lists of conf/quotes/: lower-case
 * entries in an open-addressing hash table (asked for nearly every token,
 * so one hash beats a binary search of string compares). Entries are one
 * word or two words separated by one space ("according to"). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

static int lower(int ch) { return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch; }

/* FNV-1a over the ASCII-lower-cased bytes of s[0..n). */
static uint64_t hash_folded(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint64_t)lower((unsigned char)s[i])) * 1099511628211ULL;
    return h;
}

/* a (lower-case, NUL-terminated) equals b[0..n) ignoring ASCII case. */
static int eq_folded(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)a[i] != lower((unsigned char)b[i]) || a[i] == '\0')
            return 0;
    return a[n] == '\0';
}

/* FNV-1a of an entry: entries are lower case, so this is hash_folded's
 * value without the folding. */
static uint64_t hash_plain(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (uint64_t)(unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static unsigned lead_bucket(char first) { return ((unsigned char)first | 0x20u) & 31u; }

/* Build the hash table over the loaded words, which lie one after the
 * other in ws->text (`used` bytes); duplicates are kept once. */
static int build_slots(qt_wordset *ws, size_t used)
{
    size_t cap = 16;
    while (cap < ws->n * 2)
        cap *= 2;
    ws->slots = calloc(cap, sizeof *ws->slots);
    if (!ws->slots)
        return QRY_ERR_NOMEM;
    ws->mask = cap - 1;
    ws->min_len = SIZE_MAX;
    for (size_t i = 0; i < ws->n; i++) {
        const char *w = ws->words[i], *next = i + 1 < ws->n ? ws->words[i + 1] : ws->text + used;
        size_t len = (size_t)(next - w) - 1;
        ws->min_len = len < ws->min_len ? len : ws->min_len;
        ws->max_len = len > ws->max_len ? len : ws->max_len;
        ws->lead_len[lead_bucket(w[0])] |= 1u << (len < 31 ? len : 31);
        const char *space = memchr(w, ' ', len);
        if (space) { /* "called for": remember "called" may start an entry */
            uint64_t h = hash_plain(w, (size_t)(space - w));
            ws->first_words[(h >> 6) & 3] |= 1ULL << (h & 63);
            ws->two_words = 1;
        }
        for (size_t k = (size_t)hash_plain(w, len) & ws->mask;; k = (k + 1) & ws->mask) {
            if (!ws->slots[k]) {
                ws->slots[k] = (uint32_t)(i + 1);
                break;
            }
            if (strcmp(ws->words[ws->slots[k] - 1], w) == 0)
                break;
        }
    }
    return QRY_OK;
}

/* An entry: lower-case letters, digits, '-', '\'', '.', and at most one
 * inner space. */
static int valid_entry(const char *s, size_t len, const char **why)
{
    int spaces = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '\'' || ch == '.' ||
            ch >= 0x80)
            continue;
        if (ch >= 'A' && ch <= 'Z') {
            *why = "entries are lower case";
            return 0;
        }
        if (ch == ' ') {
            if (++spaces > 1 || i == 0 || i + 1 == len || s[i + 1] == ' ') {
                *why = "an entry is one word or two words separated by one space";
                return 0;
            }
            continue;
        }
        *why = "unexpected character (allowed: letters, digits, - ' .)";
        return 0;
    }
    return 1;
}

int qt_wordset_load(qt_wordset *ws, const qt_tables *tb, const char *name, char *err, size_t errsz)
{
    /* one entry a line; '#' comments, also after an entry */
    qry_table *t = tb->svc->open(tb->host, name, 1, 1, QRY_TABLE_TRIM | QRY_TABLE_INLINE_HASH);
    if (!t) {
        snprintf(err, errsz, "word list '%s' cannot be read (its own line says why)", name);
        return QRY_ERR_IO;
    }
    /* every entry copied into one buffer: one allocation, not one a word
     * (a names list has tens of thousands) */
    size_t rows = tb->svc->rows(t), bytes = 0, used = 0;
    for (size_t r = 0; r < rows; r++) {
        size_t n;
        tb->svc->cell(t, r, 0, &n);
        bytes += n + 1;
    }
    int rc = QRY_OK;
    ws->words = malloc((rows ? rows : 1) * sizeof *ws->words);
    ws->text = malloc(bytes ? bytes : 1);
    if (!ws->words || !ws->text) {
        snprintf(err, errsz, "out of memory");
        rc = QRY_ERR_NOMEM;
    }
    for (size_t r = 0; rc == QRY_OK && r < rows; r++) {
        size_t n;
        const char *entry = tb->svc->cell(t, r, 0, &n), *why = NULL;
        if (!valid_entry(entry, n, &why)) {
            tb->svc->reject(t, r, "'%s': %s", entry, why);
            continue;
        }
        memcpy(ws->text + used, entry, n + 1);
        ws->words[ws->n++] = ws->text + used;
        used += n + 1;
    }
    size_t bad = tb->svc->errors(t);
    if (rc == QRY_OK && bad) {
        snprintf(err, errsz, "%zu problem%s in %s, each on a line of its own", bad, bad == 1 ? "" : "s",
                 tb->svc->path(t));
        rc = QRY_ERR_CONFIG;
    } else if (rc == QRY_OK && ws->n == 0) {
        snprintf(err, errsz, "%s: the list is empty", tb->svc->path(t));
        rc = QRY_ERR_CONFIG;
    }
    tb->svc->close(t);
    if (rc == QRY_OK && build_slots(ws, used) != QRY_OK) {
        snprintf(err, errsz, "out of memory");
        rc = QRY_ERR_NOMEM;
    }
    if (rc != QRY_OK)
        qt_wordset_free(ws);
    return rc;
}

void qt_wordset_free(qt_wordset *ws)
{
    free(ws->words);
    free(ws->text);
    free(ws->slots);
    ws->words = NULL;
    ws->text = NULL;
    ws->slots = NULL;
    ws->n = 0;
    ws->mask = 0;
}

int qt_wordset_may_start(const qt_wordset *ws, const char *s, size_t n)
{
    uint64_t h = hash_folded(s, n);
    return ws->two_words && (ws->first_words[(h >> 6) & 3] >> (h & 63) & 1);
}

int qt_wordset_has(const qt_wordset *ws, const char *s, size_t n)
{
    if (!ws->slots || n < ws->min_len || n > ws->max_len ||
        !(ws->lead_len[lead_bucket(s[0])] >> (n < 31 ? n : 31) & 1))
        return 0;
    for (size_t k = (size_t)hash_folded(s, n) & ws->mask; ws->slots[k]; k = (k + 1) & ws->mask)
        if (eq_folded(ws->words[ws->slots[k] - 1], s, n))
            return 1;
    return 0;
}
