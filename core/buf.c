/* buf.c -- see buf.h. Appends after an allocation failure are dropped and
 * the failure is sticky, so callers check once at the end. */
#include "buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(qbuf *b, size_t extra)
{
    if (b->oom)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->oom = 1;
        return -1;
    }
    b->data = grown;
    b->cap = cap;
    return 0;
}

void qbuf_append(qbuf *b, const char *s, size_t n)
{
    if (reserve(b, n) != 0)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void qbuf_puts(qbuf *b, const char *s) { qbuf_append(b, s, strlen(s)); }

void qbuf_printf(qbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void qbuf_json_string(qbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    if (reserve(b, n + 2) != 0)
        return;
    b->data[b->len++] = '"';
    size_t run = 0; /* bytes copied verbatim in one go */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        const char *esc = NULL;
        char u[7];
        if (c == '"')
            esc = "\\\"";
        else if (c == '\\')
            esc = "\\\\";
        else if (c == '\n')
            esc = "\\n";
        else if (c == '\r')
            esc = "\\r";
        else if (c == '\t')
            esc = "\\t";
        else if (c < 0x20) {
            u[0] = '\\', u[1] = 'u', u[2] = '0', u[3] = '0', u[4] = hex[c >> 4], u[5] = hex[c & 15], u[6] = 0;
            esc = u;
        }
        if (!esc)
            continue;
        qbuf_append(b, s + run, i - run);
        qbuf_puts(b, esc);
        run = i + 1;
    }
    qbuf_append(b, s + run, n - run);
    qbuf_append(b, "\"", 1);
}

void qbuf_free(qbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}
