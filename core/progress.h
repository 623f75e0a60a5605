/* progress.h -- a one-line progress report for long runs on a terminal:
 * documents, megabytes read, rates, and an ETA when the input's size is
 * known. Internal to the core; `quarry run` shows it on stderr when that
 * is a terminal and -q is not given. */
#ifndef QUARRY_PROGRESS_H
#define QUARRY_PROGRESS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct qprogress qprogress;

/* A report on `tty` for an input of `total_bytes` (0: unknown, no ETA).
 * NULL when out of memory. */
qprogress *qprogress_new(FILE *tty, uint64_t total_bytes);

/* `docs` documents and `bytes` input bytes read so far; redraws the line
 * at most four times a second, so it is cheap to call per document. */
void qprogress_update(qprogress *p, uint64_t docs, uint64_t bytes);

/* The final figures, and the line ended. Frees p; NULL is a no-op. */
void qprogress_finish(qprogress *p, uint64_t docs, uint64_t bytes);

/* The size of the inputs as the reader will read them: regular files,
 * directories walked as the reader walks them (hidden entries skipped),
 * standard input when it is a regular file. 0 when any part is unknown
 * (a pipe), since a partial total would make a false ETA. */
uint64_t qprogress_input_size(const char *const *paths, size_t n);

#endif
