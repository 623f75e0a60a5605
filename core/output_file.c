/* output_file.c -- see output_file.h. */
#include "output_file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FLUSH_AT 65536
#define BUFFER_SIZE (2 * FLUSH_AT)

void qout_file_init(qout_file *o, int fd, long long start)
{
    struct stat st;
    memset(o, 0, sizeof *o);
    o->fd = fd;
    o->committed = start;
    o->regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
}

static void count_committed(qout_file *o, const char *data, size_t len)
{
    o->committed += (long long)len;
    for (const char *nl = data, *end = data + len; (nl = memchr(nl, '\n', (size_t)(end - nl))) != NULL; nl++)
        o->lines++;
}

/* Write all of data or fail. When a write stops part-way (a full disk, a
 * file size limit), the whole lines it wrote are kept and the piece of a
 * line after them is cut off again where the file allows it: a 64 KiB
 * buffer cut at 8 KiB keeps the records of those 8 KiB, not none. */
static int write_all(qout_file *o, const char *data, size_t len)
{
    size_t done = 0;
    while (done < len) {
        ssize_t n = write(o->fd, data + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            o->failed = n < 0 && errno ? errno : EIO;
            size_t whole = done;
            while (whole && data[whole - 1] != '\n')
                whole--;
            if (done && o->regular && ftruncate(o->fd, (off_t)(o->committed + (long long)whole)) == 0) {
                count_committed(o, data, whole);
                lseek(o->fd, (off_t)o->committed, SEEK_SET);
            }
            return -1;
        }
        done += (size_t)n;
    }
    count_committed(o, data, len);
    return 0;
}

int qout_file_flush(qout_file *o)
{
    if (o->failed)
        return -1;
    if (!o->len)
        return 0;
    int rc = write_all(o, o->buf, o->len);
    o->len = 0;
    return rc;
}

int qout_file_put(qout_file *o, const char *data, size_t len)
{
    if (o->failed)
        return -1;
    if (!o->buf && (o->buf = malloc(BUFFER_SIZE)) != NULL)
        o->cap = BUFFER_SIZE; /* without it, lines are written one by one: still whole */
    if (o->len + len > o->cap && qout_file_flush(o) != 0)
        return -1;
    if (len > o->cap) /* a record larger than the buffer */
        return write_all(o, data, len);
    memcpy(o->buf + o->len, data, len);
    o->len += len;
    return o->len >= FLUSH_AT ? qout_file_flush(o) : 0;
}

void qout_file_free(qout_file *o)
{
    free(o->buf);
    o->buf = NULL;
    o->len = o->cap = 0;
}
