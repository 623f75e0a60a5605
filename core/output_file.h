/* output_file.h -- where records go: whole lines or nothing. Records are
 * gathered in a buffer of whole lines and written with write(2); when a
 * write fails part-way (a full disk), a regular file is cut back to the
 * last whole record, so a reader, or `quarry run --resume`, never meets a
 * torn line. Used by one thread (the writer). Internal to the core. */
#ifndef QUARRY_OUTPUT_FILE_H
#define QUARRY_OUTPUT_FILE_H

#include <stddef.h>

typedef struct qout_file {
    int fd;              /* not owned */
    char *buf;           /* owned: whole lines not yet written */
    size_t len, cap;
    long long committed; /* bytes of whole lines in the file, for a regular file */
    int regular;
    int failed;          /* errno of the first failure; nothing is written after it */
    unsigned long long lines; /* lines written (and kept) */
} qout_file;

/* Write to fd, whose whole records end at `start` (0, or the end of what
 * --resume keeps); the file position must be there. */
void qout_file_init(qout_file *o, int fd, long long start);

/* Queue whole lines (data ends in '\n'); written once 64 KiB gather.
 * 0, or -1 once writing failed (o->failed holds the errno). */
int qout_file_put(qout_file *o, const char *data, size_t len);

/* Write what is queued. 0 or -1. */
int qout_file_flush(qout_file *o);

void qout_file_free(qout_file *o);

#endif
