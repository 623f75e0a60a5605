/* line_reader.c -- see line_reader.h. Reads in 64 KiB blocks and finds
 * line ends with memchr, so it costs about what getline() does. */
#include "line_reader.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 65536

void qline_init(qline_reader *r, FILE *f, size_t max)
{
    memset(r, 0, sizeof *r);
    r->f = f;
    r->max = max;
}

void qline_free(qline_reader *r)
{
    free(r->buf);
    memset(r, 0, sizeof *r);
}

/* Read one more block after the unread bytes: 1, 0 at EOF, -1, -2. */
static int fill(qline_reader *r)
{
    if (r->start > 0) {
        memmove(r->buf, r->buf + r->start, r->end - r->start);
        r->end -= r->start;
        r->start = 0;
    }
    if (r->cap - r->end < BLOCK) {
        size_t cap = r->cap ? r->cap * 2 : 2 * BLOCK;
        while (cap - r->end < BLOCK)
            cap *= 2;
        char *grown = realloc(r->buf, cap);
        if (!grown)
            return -2;
        r->buf = grown;
        r->cap = cap;
    }
    size_t got = fread(r->buf + r->end, 1, BLOCK, r->f);
    r->end += got;
    if (got == 0) {
        if (ferror(r->f)) {
            if (!errno)
                errno = EIO;
            return -1;
        }
        r->eof = 1;
        return 0;
    }
    return 1;
}

/* Drop the rest of an over-long line; its length so far is *len. */
static int skip_line(qline_reader *r, size_t *len)
{
    for (;;) {
        char *nl = memchr(r->buf + r->start, '\n', r->end - r->start);
        if (nl) {
            *len += (size_t)(nl - (r->buf + r->start));
            r->start = (size_t)(nl - r->buf) + 1;
            return 2;
        }
        *len += r->end - r->start;
        r->start = r->end = 0;
        if (r->eof)
            return 2;
        int rc = fill(r);
        if (rc < 0)
            return rc;
    }
}

int qline_next(qline_reader *r, const char **line, size_t *len)
{
    size_t scanned = 0; /* bytes of the unread part already known to hold no '\n' */
    for (;;) {
        char *from = r->buf ? r->buf + r->start : NULL; /* no buffer before the first read */
        char *nl = r->end > r->start ? memchr(from + scanned, '\n', r->end - r->start - scanned) : NULL;
        if (nl) {
            *line = from;
            *len = (size_t)(nl - from);
            r->start = (size_t)(nl - r->buf) + 1;
            if (r->max && *len > r->max) {
                *line = NULL;
                return 2;
            }
            return 1;
        }
        scanned = r->end - r->start;
        if (r->max && scanned > r->max) {
            *line = NULL;
            *len = 0;
            return skip_line(r, len);
        }
        if (r->eof) {
            if (scanned == 0)
                return 0; /* (from may be NULL: an empty stream) */
            *line = from;
            *len = scanned;
            r->start = r->end;
            return 1;
        }
        int rc = fill(r);
        if (rc < 0)
            return rc;
    }
}
