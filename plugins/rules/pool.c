/* pool.c -- the instance's strings and small arrays in a few big chunks:
 * a 100,000-line phrase list then costs a few dozen allocations, not
 * hundreds of thousands, and destroy() frees them in one walk. */
#include <stdalign.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

typedef struct rl_chunk {
    struct rl_chunk *next;
    size_t used, size;
    alignas(max_align_t) char data[];
} rl_chunk;

void *rl_pool_alloc(rl_pool *p, size_t n)
{
    const size_t align = alignof(max_align_t);
    rl_chunk *c = p->head;
    size_t at = c ? (c->used + align - 1) / align * align : 0;
    if (!c || at > c->size || c->size - at < n) {
        size_t size = n > 65536 ? n : 65536;
        c = malloc(sizeof *c + size);
        if (!c) {
            p->oom = 1;
            return NULL;
        }
        c->used = 0;
        c->size = size;
        c->next = p->head;
        p->head = c;
        at = 0;
    }
    c->used = at + n;
    return c->data + at;
}

char *rl_pool_dup(rl_pool *p, const char *s, size_t n)
{
    rl_chunk *c = p->head;
    char *out;
    if (c && c->size - c->used >= n + 1) { /* strings need no alignment */
        out = c->data + c->used;
        c->used += n + 1;
    } else if (!(out = rl_pool_alloc(p, n + 1))) {
        return NULL;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return out;
}

void rl_pool_free(rl_pool *p)
{
    for (rl_chunk *c = p->head, *next; c; c = next) {
        next = c->next;
        free(c);
    }
    p->head = NULL;
}
