/* diag.c -- collected diagnostics (see diag.h). */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__attribute__((format(printf, 1, 0))) static char *vformat(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    char *s = len >= 0 ? malloc((size_t)len + 1) : NULL;
    if (s)
        vsnprintf(s, (size_t)len + 1, fmt, ap);
    return s;
}

static void entry_free(qdiag_entry *e)
{
    free(e->file);
    free(e->section);
    free(e->key);
    free(e->message);
}

/* Takes the message whatever happens. */
static void append(qdiag *d, const char *file, int line, const char *section, const char *key, char *message)
{
    qdiag_entry e = {
        .file = file ? strdup(file) : NULL,
        .line = line,
        .section = section ? strdup(section) : NULL,
        .key = key ? strdup(key) : NULL,
        .message = message,
    };
    if (!e.message || (file && !e.file) || (section && !e.section) || (key && !e.key))
        goto fail;
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        qdiag_entry *grown = realloc(d->items, cap * sizeof *grown);
        if (!grown)
            goto fail;
        d->items = grown;
        d->cap = cap;
    }
    d->items[d->n++] = e;
    return;
fail:
    entry_free(&e);
    d->oom = 1;
}

void qdiag_vat(qdiag *d, const char *file, int line, const char *section, const char *key, const char *fmt,
               va_list ap)
{
    append(d, file, line, section, key, vformat(fmt, ap));
}

void qdiag_at(qdiag *d, const char *file, int line, const char *section, const char *key, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qdiag_vat(d, file, line, section, key, fmt, ap);
    va_end(ap);
}

void qdiag_warn_at(qdiag *d, const char *file, int line, const char *section, const char *key, const char *fmt, ...)
{
    size_t before = d->n;
    va_list ap;
    va_start(ap, fmt);
    qdiag_vat(d, file, line, section, key, fmt, ap);
    va_end(ap);
    if (d->n > before)
        d->items[d->n - 1].warning = 1;
}

size_t qdiag_errors(const qdiag *d)
{
    size_t n = d->oom ? 1 : 0;
    for (size_t k = 0; k < d->n; k++)
        n += !d->items[k].warning;
    return n;
}

void qdiag_add(qdiag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qdiag_vat(d, NULL, 0, NULL, NULL, fmt, ap);
    va_end(ap);
}

void qdiag_sort_by_line(qdiag *d, size_t from)
{
    for (size_t i = from + 1; i < d->n; i++) { /* insertion sort: stable, and lists are short */
        qdiag_entry cur = d->items[i];
        size_t j = i;
        while (j > from && d->items[j - 1].line > cur.line) {
            d->items[j] = d->items[j - 1];
            j--;
        }
        d->items[j] = cur;
    }
}

size_t qdiag_format(const qdiag_entry *e, char *buf, size_t bufsz)
{
    char line[24] = "";
    if (e->file && e->line > 0)
        snprintf(line, sizeof line, ":%d", e->line);
    int n = snprintf(buf, bufsz, "%s%s%s%s%s%s%s%s%s%s", e->file ? e->file : "", line, e->file ? ": " : "",
                     e->warning ? "warning: " : "", e->section ? "[" : "", e->section ? e->section : "",
                     e->section ? "] " : "",
                     e->key ? e->key : "", e->key ? ": " : "", e->message);
    return n > 0 ? (size_t)n : 0;
}

void qdiag_print(const qdiag *d)
{
    char stack[1024];
    for (size_t i = 0; i < d->n; i++) {
        size_t len = qdiag_format(&d->items[i], stack, sizeof stack);
        char *text = len < sizeof stack ? stack : malloc(len + 1);
        if (text != stack && text)
            qdiag_format(&d->items[i], text, len + 1);
        /* one fprintf per line: stdio locks the stream, so lines never interleave */
        fprintf(stderr, "quarry: %s\n", text ? text : stack);
        if (text != stack)
            free(text);
    }
    if (d->oom)
        fprintf(stderr, "quarry: (further diagnostics lost: out of memory)\n");
}

void qdiag_free(qdiag *d)
{
    for (size_t i = 0; i < d->n; i++)
        entry_free(&d->items[i]);
    free(d->items);
    memset(d, 0, sizeof *d);
}

void qdiag_excerpt(const char *s, size_t n, char *out, size_t outsz)
{
    size_t limit = outsz - 4; /* room for "..." and NUL */
    size_t i = 0, o = 0;
    if (limit > QDIAG_EXCERPT_MAX)
        limit = QDIAG_EXCERPT_MAX;
    while (i < n && o < limit) {
        unsigned char c = (unsigned char)s[i];
        out[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
        i++;
    }
    if (i < n) {
        while (o > 0 && i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) {
            o--;
            i--;
        }
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}
