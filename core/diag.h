/* diag.h -- a list of one-line diagnostics, so every error in a pass is
 * reported at once rather than only the first. Internal to the core. */
#ifndef QUARRY_DIAG_H
#define QUARRY_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef struct qdiag {
    char **lines; /* owned; each a malloc'd NUL-terminated line without '\n' */
    size_t n, cap;
    int oom;      /* set when a line could not be stored */
} qdiag;

/* Append one formatted line. Never fails visibly: on allocation failure
 * the list is marked oom and qdiag_print says so. */
void qdiag_add(qdiag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qdiag_vadd(qdiag *d, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Print every line to stream-like stderr, prefixed "quarry: ". */
void qdiag_print(const qdiag *d);
void qdiag_free(qdiag *d);

#endif
