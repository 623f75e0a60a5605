/* text_check.c -- see text_check.h. */
#include "text_check.h"

#include <stdio.h>
#include <string.h>

size_t qtext_utf8_prefix(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = u[i];
        size_t n;
        unsigned min;
        if (c < 0x80) {
            i++;
            continue;
        } else if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + n >= len)
            return i;
        unsigned cp = c & (0x3Fu >> n);
        for (size_t k = 1; k <= n; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

int qtext_check_utf8(const char *s, size_t len, char *why, size_t whysz)
{
    size_t bad = len ? qtext_utf8_prefix(s, len) : 0;
    if (bad == len)
        return 0;
    snprintf(why, whysz, "invalid UTF-8 at byte %zu", bad);
    return -1;
}

int qtext_check(const char *s, size_t len, char *why, size_t whysz)
{
    if (qtext_check_utf8(s, len, why, whysz) != 0)
        return -1;
    const char *nul = len ? memchr(s, '\0', len) : NULL;
    if (!nul)
        return 0;
    snprintf(why, whysz, "NUL byte at byte %zu", (size_t)(nul - s));
    return -1;
}
