/* buf.c -- see buf.h. Appends after an allocation failure are dropped and
 * the failure is sticky, so callers check once at the end. */
#include "buf.h"
#include "swar.h"

#include <math.h>
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

/* Which bytes a JSON string cannot hold as they are: the quote, the
 * backslash and the control characters; 'u' marks the \u00XX ones. */
static const char json_escape[256] = {
    ['"'] = '"', ['\\'] = '\\', ['\n'] = 'n', ['\r'] = 'r', ['\t'] = 't',
    [0x00] = 'u', [0x01] = 'u', [0x02] = 'u', [0x03] = 'u', [0x04] = 'u', [0x05] = 'u', [0x06] = 'u',
    [0x07] = 'u', [0x08] = 'u', [0x0B] = 'u', [0x0C] = 'u', [0x0E] = 'u', [0x0F] = 'u', [0x10] = 'u',
    [0x11] = 'u', [0x12] = 'u', [0x13] = 'u', [0x14] = 'u', [0x15] = 'u', [0x16] = 'u', [0x17] = 'u',
    [0x18] = 'u', [0x19] = 'u', [0x1A] = 'u', [0x1B] = 'u', [0x1C] = 'u', [0x1D] = 'u', [0x1E] = 'u',
    [0x1F] = 'u',
};

void qbuf_json_string(qbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    /* room for the common case: nothing to escape */
    if (reserve(b, n + 2) != 0)
        return;
    b->data[b->len++] = '"';
    size_t run = 0; /* start of the bytes not copied yet */
    for (size_t i = 0; i < n; i++) {
        while (n - i >= 8 && !swar_json_special(swar_load(s + i))) /* most strings need nothing */
            i += 8;
        if (i >= n)
            break;
        char e = json_escape[(unsigned char)s[i]];
        if (!e)
            continue;
        qbuf_append(b, s + run, i - run);
        char esc[6] = {'\\', e};
        size_t len = 2;
        if (e == 'u') {
            unsigned char c = (unsigned char)s[i];
            memcpy(esc + 1, "u00", 3);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            len = 6;
        }
        qbuf_append(b, esc, len);
        run = i + 1;
    }
    qbuf_append(b, s + run, n - run);
    qbuf_append(b, "\"", 1);
}

void qbuf_u64(qbuf *b, uint64_t v)
{
    char tmp[20];
    size_t n = 0;
    do {
        tmp[sizeof tmp - 1 - n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    qbuf_append(b, tmp + sizeof tmp - n, n);
}

void qbuf_i64(qbuf *b, int64_t v)
{
    if (v < 0) {
        qbuf_append(b, "-", 1);
        qbuf_u64(b, (uint64_t)0 - (uint64_t)v);
    } else {
        qbuf_u64(b, (uint64_t)v);
    }
}

/* d as digits with k decimals, when some integer m < 1e15 over 10^k is
 * exactly d (the division rounds as strtod would read the digits back):
 * then those digits, trailing zeros dropped, are what "%.15g" prints for
 * |d| in [1e-4, 1e15): d lies within half an ulp of them, far less than
 * the 15th digit's half unit, so rounding d to 15 digits gives them. */
static int short_decimal(double d, char *out)
{
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    double a = d < 0 ? -d : d;
    if (!(a >= 1e-4 && a < 1e15))
        return 0;
    for (int k = 1; k <= 6; k++) {
        double scaled = a * p10[k];
        if (scaled >= 1e15)
            return 0;
        uint64_t m = (uint64_t)(scaled + 0.5);
        if ((double)m / p10[k] != a)
            continue;
        char digits[24];
        int n = 0;
        do {
            digits[n++] = (char)('0' + m % 10);
            m /= 10;
        } while (m);
        while (n <= k)
            digits[n++] = '0'; /* 0.05: the zeros before the digits */
        /* the smallest k: the last decimal is never 0 (k - 1 would do) */
        char *o = out;
        if (d < 0)
            *o++ = '-';
        for (int i = n - 1; i >= k; i--)
            *o++ = digits[i];
        *o++ = '.';
        for (int i = k - 1; i >= 0; i--)
            *o++ = digits[i];
        *o = '\0';
        return 1;
    }
    return 0;
}

void qbuf_double(qbuf *b, double d)
{
    if (fabs(d) < 1e15 && d == (double)(int64_t)d) {
        qbuf_i64(b, (int64_t)d);
        return;
    }
    char tmp[40];
    if (!short_decimal(d, tmp)) {
        snprintf(tmp, sizeof tmp, "%.15g", d);
        if (strtod(tmp, NULL) != d)
            snprintf(tmp, sizeof tmp, "%.17g", d);
    }
    qbuf_puts(b, tmp);
}

void qbuf_free(qbuf *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}
