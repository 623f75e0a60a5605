/* diag.h -- diagnostics as values: where a problem is (file, line, INI
 * section and key) and what it is. A pass collects every problem it finds
 * instead of stopping at the first; they are sorted and turned into text
 * here and nowhere else. Internal to the core. */
#ifndef QUARRY_DIAG_H
#define QUARRY_DIAG_H

#include <stdarg.h>
#include <stddef.h>

typedef struct qdiag_entry {
    char *file;    /* owned; NULL when the problem concerns no file */
    int line;      /* 1-based; 0 when there is no line to point at */
    char *section; /* owned; NULL, or the INI section concerned, printed "[section]" */
    char *key;     /* owned; NULL, or the key in that section, printed "key:" */
    char *message; /* owned; one line without '\n' */
    int warning;   /* 1: worth knowing, but nothing stops (printed "warning: ") */
} qdiag_entry;

typedef struct qdiag {
    qdiag_entry *items; /* owned, in the order added (or sorted) */
    size_t n, cap;
    int oom;            /* set when an entry could not be stored */
} qdiag;

/* Add a problem that has no place in a file ("out of memory"). Never fails
 * visibly: on allocation failure the list is marked oom, and printing it
 * says so. */
void qdiag_add(qdiag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Add a problem at FILE:LINE in [section] key; file, section and key may
 * each be NULL and line 0 when unknown. The strings are copied. */
void qdiag_at(qdiag *d, const char *file, int line, const char *section, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
void qdiag_vat(qdiag *d, const char *file, int line, const char *section, const char *key, const char *fmt,
               va_list ap) __attribute__((format(printf, 6, 0)));

/* The same as a warning: reported, but not a reason to refuse the pipeline. */
void qdiag_warn_at(qdiag *d, const char *file, int line, const char *section, const char *key, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* How many entries are errors (not warnings), counting a lost entry. */
size_t qdiag_errors(const qdiag *d);

/* Put entries [from, n) in line order, stably, so that whichever check
 * found a problem first, the user reads them top to bottom; entries
 * without a line come first. */
void qdiag_sort_by_line(qdiag *d, size_t from);

/* The entry as one line, "FILE:LINE: [section] key: message" (a warning:
 * "FILE:LINE: warning: [section] key: message") with the absent parts left out. Like snprintf: writes at most bufsz bytes
 * (NUL-terminated when bufsz > 0) and returns the full length. */
size_t qdiag_format(const qdiag_entry *e, char *buf, size_t bufsz);

/* Print every entry to stderr as "quarry: " + qdiag_format(). */
void qdiag_print(const qdiag *d);

void qdiag_free(qdiag *d);

/* Room for an excerpt: at most QDIAG_EXCERPT_MAX bytes, "..." and NUL. */
#define QDIAG_EXCERPT_MAX 48
#define QDIAG_EXCERPT_SIZE (QDIAG_EXCERPT_MAX + 4)

/* A printable, bounded copy of n bytes of user text, for quoting it back
 * in a one-line message: control bytes become '?', and a cut never splits
 * a UTF-8 sequence. outsz must be at least 4. */
void qdiag_excerpt(const char *s, size_t n, char *out, size_t outsz);

#endif
