/* arena.h -- a bump allocator: one per record, so a document's strings and
 * attributes are freed in one step and no entity owns a malloc of its own. */
#ifndef QUARRY_ARENA_H
#define QUARRY_ARENA_H

#include <stddef.h>

typedef struct qarena_block qarena_block;
typedef struct qarena {
    qarena_block *head; /* newest block first */
    size_t used;        /* bytes used in head */
} qarena;

/* Returns 8-byte aligned memory, or NULL when out of memory. */
void *qarena_alloc(qarena *a, size_t n);
/* Copy n bytes and add a NUL. NULL when out of memory. */
char *qarena_strndup(qarena *a, const char *s, size_t n);
/* Forget everything but keep the first block for reuse. */
void qarena_reset(qarena *a);
void qarena_free(qarena *a);

#endif
