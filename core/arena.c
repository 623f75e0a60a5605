/* arena.c -- see arena.h. Blocks grow geometrically; reset keeps the
 * largest so a worker reaches a steady state after a few documents. */
#include "arena.h"

#include <stdlib.h>
#include <string.h>

struct qarena_block {
    qarena_block *next;
    size_t size;
    max_align_t data[];
};

void *qarena_alloc(qarena *a, size_t n)
{
    n = (n + 7) & ~(size_t)7;
    if (!a->head || a->used + n > a->head->size) {
        size_t size = a->head ? a->head->size * 2 : 4096;
        while (size < n)
            size *= 2;
        qarena_block *b = malloc(sizeof *b + size);
        if (!b)
            return NULL;
        b->next = a->head;
        b->size = size;
        a->head = b;
        a->used = 0;
    }
    void *p = (char *)a->head->data + a->used;
    a->used += n;
    return p;
}

char *qarena_strndup(qarena *a, const char *s, size_t n)
{
    char *p = qarena_alloc(a, n + 1);
    if (p) {
        memcpy(p, s, n);
        p[n] = '\0';
    }
    return p;
}

void qarena_reset(qarena *a)
{
    if (!a->head)
        return;
    qarena_block *keep = a->head; /* the newest is the largest */
    qarena_block *b = keep->next;
    while (b) {
        qarena_block *next = b->next;
        free(b);
        b = next;
    }
    keep->next = NULL;
    a->used = 0;
}

void qarena_free(qarena *a)
{
    qarena_reset(a);
    free(a->head);
    a->head = NULL;
    a->used = 0;
}
