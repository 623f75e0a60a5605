/* seen_ids.c -- see seen_ids.h. FNV-1a with a final mix, linear probing,
 * grown at half load. */
#include "seen_ids.h"

#include <stdlib.h>

static uint64_t hash(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ull;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h ? h : 1; /* 0 is the empty slot */
}

static int grow(qseen_ids *s)
{
    size_t cap = s->cap ? s->cap * 2 : 1024;
    uint64_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    for (size_t k = 0; k < s->cap; k++) {
        uint64_t h = s->slots[k];
        if (!h)
            continue;
        size_t i = (size_t)h & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = h;
    }
    free(s->slots);
    s->slots = slots;
    s->cap = cap;
    return 0;
}

int qseen_add(qseen_ids *s, const char *id)
{
    if ((s->n + 1) * 2 > s->cap && grow(s) != 0)
        return -1;
    uint64_t h = hash(id);
    size_t i = (size_t)h & (s->cap - 1);
    while (s->slots[i]) {
        if (s->slots[i] == h)
            return 1;
        i = (i + 1) & (s->cap - 1);
    }
    s->slots[i] = h;
    s->n++;
    return 0;
}

void qseen_free(qseen_ids *s)
{
    free(s->slots);
    s->slots = NULL;
    s->cap = s->n = 0;
}
