/* utf8.c -- strict UTF-8 validation (placeholder until the input readers land). */
#include "input.h"

size_t qin_utf8_check(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        unsigned c = u[i];
        size_t n;
        unsigned min;
        if (c < 0x80) { i++; continue; }
        else if (c >= 0xC2 && c <= 0xDF) { n = 1; min = 0x80; }
        else if (c >= 0xE0 && c <= 0xEF) { n = 2; min = 0x800; }
        else if (c >= 0xF0 && c <= 0xF4) { n = 3; min = 0x10000; }
        else return i;
        if (i + n >= len) return i;
        unsigned cp = c & (0x3Fu >> n);
        for (size_t k = 1; k <= n; k++) {
            if ((u[i + k] & 0xC0) != 0x80) return i;
            cp = (cp << 6) | (u[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return i;
        i += n + 1;
    }
    return len;
}
