/* diag.c -- collected diagnostics (see diag.h). */
#include "diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void qdiag_vadd(qdiag *d, const char *fmt, va_list ap)
{
    char *line = NULL;
    va_list copy;
    va_copy(copy, ap);
    int len = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (len < 0 || !(line = malloc((size_t)len + 1))) {
        d->oom = 1;
        return;
    }
    vsnprintf(line, (size_t)len + 1, fmt, ap);
    if (d->n == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 8;
        char **grown = realloc(d->lines, cap * sizeof *grown);
        if (!grown) {
            free(line);
            d->oom = 1;
            return;
        }
        d->lines = grown;
        d->cap = cap;
    }
    d->lines[d->n++] = line;
}

void qdiag_add(qdiag *d, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qdiag_vadd(d, fmt, ap);
    va_end(ap);
}

void qdiag_print(const qdiag *d)
{
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "quarry: %s\n", d->lines[i]);
    if (d->oom)
        fprintf(stderr, "quarry: (further diagnostics lost: out of memory)\n");
}

void qdiag_free(qdiag *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->lines[i]);
    free(d->lines);
    memset(d, 0, sizeof *d);
}
