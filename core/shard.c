/* shard.c -- see shard.h. Round-robin by position rather than a hash of
 * the id: ids need not be unique (PATH:LINE for lines without one) and
 * position keeps the shares even whatever the ids look like. */
#include "shard.h"

#include <errno.h>
#include <stdlib.h>

int qshard_parse(const char *s, qshard *out)
{
    char *end;
    if (!s || *s < '0' || *s > '9')
        return -1;
    errno = 0;
    unsigned long long i = strtoull(s, &end, 10);
    if (errno || *end != '/' || end[1] < '0' || end[1] > '9')
        return -1;
    unsigned long long n = strtoull(end + 1, &end, 10);
    if (errno || *end || n < 1 || n > 1000000 || i < 1 || i > n)
        return -1;
    out->index = i - 1;
    out->count = n;
    return 0;
}

int qshard_mine(const qshard *s, uint64_t ordinal) { return s->count <= 1 || ordinal % s->count == s->index; }
