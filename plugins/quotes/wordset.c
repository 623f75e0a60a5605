/* wordset.c -- the plain-text word lists of conf/quotes/: a sorted array of
 * lower-case entries searched by binary search. Entries are one word or
 * two words separated by one space ("according to"). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

#define LINE_MAX_LEN 256

static int lower(int ch) { return (ch >= 'A' && ch <= 'Z') ? ch - 'A' + 'a' : ch; }

/* Compare a (NUL-terminated, lower-case) with b[0..n), ASCII case-insensitive. */
static int cmp_n(const char *a, const char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int x = (unsigned char)a[i], y = lower((unsigned char)b[i]);
        if (x == 0 || x != y)
            return x - y;
    }
    return (unsigned char)a[n];
}

static int cmp_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* An entry: lower-case letters, digits, '-', '\'', '.', and at most one
 * inner space. */
static int valid_entry(const char *s, const char **why)
{
    int spaces = 0;
    for (const char *p = s; *p; p++) {
        unsigned char ch = (unsigned char)*p;
        if (ch >= 'A' && ch <= 'Z') {
            *why = "entries are lower case";
            return 0;
        }
        if (ch == ' ') {
            if (++spaces > 1 || p == s || p[1] == '\0' || p[1] == ' ') {
                *why = "an entry is one word or two words separated by one space";
                return 0;
            }
            continue;
        }
        if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '\'' || ch == '.' ||
              ch >= 0x80)) {
            *why = "unexpected character (allowed: letters, digits, - ' .)";
            return 0;
        }
    }
    return 1;
}

static int push(qt_wordset *ws, size_t *cap, const char *s)
{
    if (ws->n == *cap) {
        size_t ncap = *cap ? *cap * 2 : 64;
        char **v = realloc(ws->words, ncap * sizeof *v);
        if (!v)
            return QRY_ERR_NOMEM;
        ws->words = v;
        *cap = ncap;
    }
    if (!(ws->words[ws->n] = strdup(s)))
        return QRY_ERR_NOMEM;
    ws->n++;
    return QRY_OK;
}

/* Trim comments and white space in place; returns the trimmed start. */
static char *trim_line(char *line)
{
    char *hash = strchr(line, '#');
    if (hash)
        *hash = '\0';
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r' || line[n - 1] == ' ' || line[n - 1] == '\t'))
        line[--n] = '\0';
    while (*line == ' ' || *line == '\t')
        line++;
    return line;
}

int qt_wordset_load(qt_wordset *ws, const char *path, char *err, size_t errsz)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errsz, "%s: cannot open: %s", path, strerror(errno));
        return QRY_ERR_IO;
    }
    char line[LINE_MAX_LEN + 2];
    size_t cap = 0, lineno = 0;
    int rc = QRY_OK;
    while (rc == QRY_OK && fgets(line, sizeof line, f)) {
        lineno++;
        if (strlen(line) > LINE_MAX_LEN && !strchr(line, '\n')) {
            snprintf(err, errsz, "%s:%zu: line longer than %d bytes", path, lineno, LINE_MAX_LEN);
            rc = QRY_ERR_CONFIG;
            break;
        }
        char *s = trim_line(line);
        if (!*s)
            continue;
        const char *why = NULL;
        if (!valid_entry(s, &why)) {
            snprintf(err, errsz, "%s:%zu: '%s': %s", path, lineno, s, why);
            rc = QRY_ERR_CONFIG;
            break;
        }
        if (push(ws, &cap, s) != QRY_OK) {
            snprintf(err, errsz, "out of memory");
            rc = QRY_ERR_NOMEM;
        }
    }
    if (rc == QRY_OK && ferror(f)) {
        snprintf(err, errsz, "%s: read error", path);
        rc = QRY_ERR_IO;
    }
    fclose(f);
    if (rc == QRY_OK && ws->n == 0) {
        snprintf(err, errsz, "%s:%zu: the list is empty", path, lineno);
        rc = QRY_ERR_CONFIG;
    }
    if (rc != QRY_OK) {
        qt_wordset_free(ws);
        return rc;
    }
    qsort(ws->words, ws->n, sizeof *ws->words, cmp_str);
    return QRY_OK;
}

void qt_wordset_free(qt_wordset *ws)
{
    for (size_t i = 0; i < ws->n; i++)
        free(ws->words[i]);
    free(ws->words);
    ws->words = NULL;
    ws->n = 0;
}

int qt_wordset_has(const qt_wordset *ws, const char *s, size_t n)
{
    size_t lo = 0, hi = ws->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = cmp_n(ws->words[mid], s, n);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 0;
}
