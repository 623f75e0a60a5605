/* swar.h -- eight bytes at a time in a 64-bit word, for the JSON reader
 * and writer, whose strings are long runs of bytes needing nothing.
 * Internal. A "yes" may be wrong (a borrow runs on past a match); a "no"
 * never is, so callers test byte by byte after a "yes". */
#ifndef QUARRY_SWAR_H
#define QUARRY_SWAR_H

#include <stdint.h>
#include <string.h>

#define SWAR_ONES 0x0101010101010101ull
#define SWAR_HIGHS 0x8080808080808080ull

static inline uint64_t swar_load(const void *p)
{
    uint64_t x;
    memcpy(&x, p, sizeof x);
    return x;
}

/* Whether one of x's bytes may be a quote, a backslash or below 0x20:
 * what a JSON string must escape. */
static inline int swar_json_special(uint64_t x)
{
    uint64_t quote = x ^ (SWAR_ONES * '"'), backslash = x ^ (SWAR_ONES * '\\');
    return ((((quote - SWAR_ONES) & ~quote) | ((backslash - SWAR_ONES) & ~backslash) |
             ((x - SWAR_ONES * 0x20) & ~x)) &
            SWAR_HIGHS) != 0;
}

/* Whether one of x's bytes is past 0x7F. */
static inline int swar_non_ascii(uint64_t x) { return (x & SWAR_HIGHS) != 0; }

#endif
