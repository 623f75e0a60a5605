/* line_reader.h -- lines of a stream in bounded memory: a line longer
 * than the limit is skipped to its end and reported by its length, never
 * held whole (getline() would grow to any size a broken file asks for).
 * Lines may hold NUL bytes. Internal to the core. */
#ifndef QUARRY_LINE_READER_H
#define QUARRY_LINE_READER_H

#include <stddef.h>
#include <stdio.h>

typedef struct qline_reader {
    FILE *f;        /* not owned */
    size_t max;     /* longest line kept, without its '\n'; 0: no limit */
    char *buf;      /* owned */
    size_t cap, start, end;
    int eof;
} qline_reader;

void qline_init(qline_reader *r, FILE *f, size_t max);

/* The next line, without its '\n', in *line (valid until the next call)
 * and *len. Returns 1 with a line; 2 for a line over the limit (*line is
 * NULL, *len its full length); 0 at the end of the stream; -1 when reading
 * failed (errno says why); -2 when out of memory. A last line without a
 * '\n' counts as a line. */
int qline_next(qline_reader *r, const char **line, size_t *len);

void qline_free(qline_reader *r);

#endif
