/* input_decompress.c -- see input_decompress.h.
 *
 * The magic number decides, not the file name: archives are often renamed,
 * and standard input has no name. A decoder sits behind a stdio cookie so
 * that getline() and fread() in input.c work unchanged; a corrupt or
 * truncated stream makes the read fail, and qstream_error() says why. */
#define _GNU_SOURCE /* fopencookie */
#include "input_decompress.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <zlib.h>
#include <zstd.h>

enum codec { PLAIN, PASS, GZIP, ZSTD };

#define IN_CAP (1u << 16)

struct qstream {
    FILE *raw;           /* the file, or stdin */
    FILE *cooked;        /* what the reader reads: raw, or a cookie stream */
    int own_raw;         /* 0 for stdin */
    int codec;           /* enum codec */
    unsigned char *in;   /* compressed bytes read ahead (PASS: the sniffed ones) */
    size_t in_len, in_pos;
    uint64_t raw_bytes;  /* for PASS/GZIP/ZSTD; PLAIN asks the file position */
    z_stream z;
    int z_ready, z_in_member;
    ZSTD_DCtx *zd;
    size_t z_hint;       /* ZSTD_decompressStream's last return: 0 at a frame's end */
    int failed;
    char error[160];
};

static ssize_t fail(qstream *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static ssize_t fail(qstream *s, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->error, sizeof s->error, fmt, ap);
    va_end(ap);
    s->failed = 1;
    errno = EIO;
    return -1;
}

/* Make sure compressed input is at hand: 1, 0 at the end of the file, -1
 * on a read error (errno set by stdio). */
static int fill(qstream *s)
{
    if (s->in_pos < s->in_len)
        return 1;
    size_t n = fread(s->in, 1, IN_CAP, s->raw);
    s->raw_bytes += n;
    s->in_len = n;
    s->in_pos = 0;
    if (n)
        return 1;
    return ferror(s->raw) ? -1 : 0;
}

static ssize_t gzip_read(void *cookie, char *buf, size_t size)
{
    qstream *s = cookie;
    if (s->failed) {
        errno = EIO;
        return -1;
    }
    for (;;) {
        if (s->z_in_member) {
            s->z.next_in = s->in + s->in_pos;
            s->z.avail_in = (uInt)(s->in_len - s->in_pos);
            s->z.next_out = (unsigned char *)buf;
            s->z.avail_out = (uInt)(size > UINT32_MAX ? UINT32_MAX : size);
            uInt want = s->z.avail_out;
            int rc = inflate(&s->z, Z_NO_FLUSH);
            s->in_pos = s->in_len - s->z.avail_in;
            size_t out = want - s->z.avail_out;
            if (rc == Z_STREAM_END)
                s->z_in_member = 0;
            else if (rc == Z_MEM_ERROR) {
                errno = ENOMEM;
                return -1;
            } else if (rc != Z_OK && rc != Z_BUF_ERROR)
                return fail(s, "corrupt gzip data (%s)", s->z.msg ? s->z.msg : "bad stream");
            if (out)
                return (ssize_t)out;
        }
        int f = fill(s);
        if (f < 0)
            return -1;
        if (f == 0) {
            if (s->z_in_member)
                return fail(s, "truncated gzip data: the file ends inside a compressed stream");
            return 0;
        }
        if (!s->z_in_member) {
            /* another member follows (concatenated .gz files), or the zero
             * padding some archivers leave at the end */
            while (s->in_pos < s->in_len && s->in[s->in_pos] == 0)
                s->in_pos++;
            if (s->in_pos == s->in_len)
                continue;
            inflateReset(&s->z);
            s->z_in_member = 1;
        }
    }
}

static ssize_t zstd_read(void *cookie, char *buf, size_t size)
{
    qstream *s = cookie;
    if (s->failed) {
        errno = EIO;
        return -1;
    }
    for (;;) {
        ZSTD_inBuffer in = {s->in, s->in_len, s->in_pos};
        ZSTD_outBuffer out = {buf, size, 0};
        if (in.pos < in.size || s->z_hint) {
            size_t r = ZSTD_decompressStream(s->zd, &out, &in);
            s->in_pos = in.pos;
            if (ZSTD_isError(r))
                return fail(s, "corrupt zstd data (%s)", ZSTD_getErrorName(r));
            s->z_hint = r;
            if (out.pos)
                return (ssize_t)out.pos;
        }
        int f = fill(s);
        if (f < 0)
            return -1;
        if (f == 0) {
            if (s->z_hint)
                return fail(s, "truncated zstd data: the file ends inside a frame");
            return 0;
        }
    }
}

/* Standard input that cannot seek back over the sniffed bytes: serve them
 * first, then read through. */
static ssize_t pass_read(void *cookie, char *buf, size_t size)
{
    qstream *s = cookie;
    if (s->in_pos < s->in_len) {
        size_t n = s->in_len - s->in_pos < size ? s->in_len - s->in_pos : size;
        memcpy(buf, s->in + s->in_pos, n);
        s->in_pos += n;
        return (ssize_t)n;
    }
    size_t n = fread(buf, 1, size, s->raw);
    s->raw_bytes += n;
    if (n == 0 && ferror(s->raw))
        return -1;
    return (ssize_t)n;
}

static int start_decoder(qstream *s)
{
    cookie_io_functions_t io = {0};
    if (s->codec == GZIP) {
        if (inflateInit2(&s->z, 16 + MAX_WBITS) != Z_OK) /* 16: gzip wrapper only */
            return -1;
        s->z_ready = 1;
        s->z_in_member = 1;
        io.read = gzip_read;
    } else if (s->codec == ZSTD) {
        if (!(s->zd = ZSTD_createDCtx()))
            return -1;
        io.read = zstd_read;
    } else {
        io.read = pass_read;
    }
    if (!(s->cooked = fopencookie(s, "r", io)))
        return -1;
    /* decoders produce large blocks; a bigger stdio buffer means fewer calls */
    setvbuf(s->cooked, NULL, _IOFBF, IN_CAP);
    return 0;
}

qstream *qstream_open(const char *path)
{
    qstream *s = calloc(1, sizeof *s);
    if (!s) {
        errno = ENOMEM;
        return NULL;
    }
    if (strcmp(path, "-") == 0) {
        s->raw = stdin;
    } else if (!(s->raw = fopen(path, "rb"))) {
        int e = errno;
        free(s);
        errno = e;
        return NULL;
    }
    s->own_raw = s->raw != stdin;
    if (!(s->in = malloc(IN_CAP)))
        goto oom;
    s->in_len = fread(s->in, 1, 4, s->raw);
    s->raw_bytes = s->in_len;
    const unsigned char *m = s->in;
    if (s->in_len >= 2 && m[0] == 0x1f && m[1] == 0x8b)
        s->codec = GZIP;
    else if (s->in_len >= 4 && m[0] == 0x28 && m[1] == 0xb5 && m[2] == 0x2f && m[3] == 0xfd)
        s->codec = ZSTD;
    else if (s->in_len == 0 || fseeko(s->raw, -(off_t)s->in_len, SEEK_CUR) == 0)
        s->codec = PLAIN; /* a read error, if any, shows again on the first real read */
    else
        s->codec = PASS;
    if (s->codec == PLAIN) {
        clearerr(s->raw);
        s->in_len = 0;
        s->cooked = s->raw;
        return s;
    }
    if (start_decoder(s) == 0)
        return s;
oom:
    qstream_close(s);
    errno = ENOMEM;
    return NULL;
}

FILE *qstream_file(const qstream *s) { return s->cooked; }

const char *qstream_codec(const qstream *s)
{
    return s->codec == GZIP ? "gzip" : s->codec == ZSTD ? "zstd" : NULL;
}

const char *qstream_error(const qstream *s) { return s->error[0] ? s->error : NULL; }

uint64_t qstream_raw_bytes(const qstream *s)
{
    if (s->codec != PLAIN)
        return s->raw_bytes;
    off_t at = ftello(s->raw);
    return at > 0 ? (uint64_t)at : 0;
}

void qstream_close(qstream *s)
{
    if (!s)
        return;
    if (s->cooked && s->cooked != s->raw)
        fclose(s->cooked);
    if (s->own_raw && s->raw)
        fclose(s->raw);
    if (s->z_ready)
        inflateEnd(&s->z);
    ZSTD_freeDCtx(s->zd);
    free(s->in);
    free(s);
}
