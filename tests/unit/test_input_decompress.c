/* test_input_decompress.c -- transparent gzip and zstd: what a reader gets
 * back from each kind of file, and the one-line reason for each kind of
 * damage (truncated, corrupt, trailing garbage). The archives are made here
 * with zlib and libzstd. */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include <zstd.h>

#include <cmocka.h>

#include "input_decompress.h"

static char path[4096];

static int setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    snprintf(path, sizeof path, "%s/quarry-dctest-XXXXXX", base && *base ? base : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

static void write_file(const unsigned char *bytes, size_t len)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* gzip of text into out (malloc'd); returns its length */
static size_t gzip_of(const char *text, size_t len, unsigned char **out)
{
    z_stream z = {0};
    assert_int_equal(deflateInit2(&z, 6, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY), Z_OK);
    size_t cap = deflateBound(&z, (uLong)len) + 32;
    *out = malloc(cap);
    assert_non_null(*out);
    z.next_in = (unsigned char *)text;
    z.avail_in = (uInt)len;
    z.next_out = *out;
    z.avail_out = (uInt)cap;
    assert_int_equal(deflate(&z, Z_FINISH), Z_STREAM_END);
    size_t n = cap - z.avail_out;
    deflateEnd(&z);
    return n;
}

static size_t zstd_of(const char *text, size_t len, unsigned char **out)
{
    size_t cap = ZSTD_compressBound(len);
    *out = malloc(cap);
    assert_non_null(*out);
    size_t n = ZSTD_compress(*out, cap, text, len, 3);
    assert_false(ZSTD_isError(n));
    return n;
}

/* Everything the stream gives, and whether reading failed. */
static char *read_all(qstream *s, size_t *len, int *failed)
{
    FILE *f = qstream_file(s);
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (;;) {
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (n < cap)
            break;
        cap *= 2;
        buf = realloc(buf, cap);
        assert_non_null(buf);
    }
    *failed = ferror(f) != 0;
    *len = n;
    return buf;
}

static char *sample(size_t len)
{
    char *t = malloc(len + 1);
    assert_non_null(t);
    for (size_t k = 0; k < len; k++) /* compressible, but not trivially */
        t[k] = "Kyiv Berlin €500 million IRIS-T\n"[(k * 7 + k / 13) % 33];
    t[len] = '\0';
    return t;
}

static void expect_content(const char *want, size_t want_len, const char *codec)
{
    qstream *s = qstream_open(path);
    assert_non_null(s);
    if (codec)
        assert_string_equal(qstream_codec(s), codec);
    else
        assert_null(qstream_codec(s));
    size_t len;
    int failed;
    char *got = read_all(s, &len, &failed);
    assert_false(failed);
    assert_null(qstream_error(s));
    assert_int_equal(len, want_len);
    assert_memory_equal(got, want, len);
    free(got);
    qstream_close(s);
}

static void expect_failure(const char *why)
{
    qstream *s = qstream_open(path);
    assert_non_null(s);
    size_t len;
    int failed;
    free(read_all(s, &len, &failed));
    assert_true(failed);
    assert_non_null(qstream_error(s));
    assert_non_null(strstr(qstream_error(s), why));
    qstream_close(s);
}

static void plain_files_read_as_they_are(void **state)
{
    (void)state;
    char *t = sample(200000);
    write_file((unsigned char *)t, 200000);
    expect_content(t, 200000, NULL);
    write_file((const unsigned char *)"", 0);
    expect_content("", 0, NULL);
    write_file((const unsigned char *)"\x1f", 1); /* half a magic number is text */
    expect_content("\x1f", 1, NULL);
    free(t);
}

static void gzip_and_zstd_by_magic_bytes(void **state)
{
    (void)state;
    size_t len = 1000000;
    char *t = sample(len);
    unsigned char *z;
    size_t n = gzip_of(t, len, &z);
    write_file(z, n);
    expect_content(t, len, "gzip");
    free(z);
    n = zstd_of(t, len, &z);
    write_file(z, n);
    expect_content(t, len, "zstd");
    free(z);
    free(t);
}

static void raw_bytes_count_the_compressed_file(void **state)
{
    (void)state;
    char *t = sample(300000);
    unsigned char *z;
    size_t n = gzip_of(t, 300000, &z);
    write_file(z, n);
    qstream *s = qstream_open(path);
    assert_non_null(s);
    size_t len;
    int failed;
    free(read_all(s, &len, &failed));
    assert_int_equal(qstream_raw_bytes(s), n);
    qstream_close(s);
    free(z);
    free(t);
}

static void concatenated_gzip_members_and_zero_padding(void **state)
{
    (void)state;
    unsigned char *a, *b;
    size_t na = gzip_of("first part, ", 12, &a), nb = gzip_of("second part", 11, &b);
    unsigned char *both = calloc(1, na + nb + 512);
    memcpy(both, a, na);
    memcpy(both + na, b, nb); /* then 512 zero bytes, as tar-like archivers leave */
    write_file(both, na + nb + 512);
    expect_content("first part, second part", 23, "gzip");
    free(a);
    free(b);
    free(both);
}

static void damage_is_named(void **state)
{
    (void)state;
    char *t = sample(100000);
    unsigned char *z;
    size_t n = gzip_of(t, 100000, &z);
    write_file(z, n / 2);
    expect_failure("truncated gzip data");
    z[n / 2] ^= 0x55;
    z[n / 2 + 1] ^= 0xAA;
    write_file(z, n);
    expect_failure("gzip data");
    unsigned char *junk = malloc(n + 4);
    memcpy(junk, z, n);
    z[n / 2] ^= 0x55; /* repaired, then garbage after the member */
    z[n / 2 + 1] ^= 0xAA;
    memcpy(junk, z, n);
    memcpy(junk + n, "junk", 4);
    write_file(junk, n + 4);
    expect_failure("corrupt gzip data");
    free(junk);
    free(z);
    n = zstd_of(t, 100000, &z);
    write_file(z, n - 3);
    expect_failure("truncated zstd data");
    memcpy(z + n - 4, "\xff\xff\xff\xff", 4); /* the frame's checksum or last block */
    unsigned char *two = malloc(2 * n);
    memcpy(two, z, n);
    memcpy(two + n, "not a frame at all", 18);
    write_file(two, n + 18);
    expect_failure("zstd data");
    free(two);
    free(z);
    free(t);
}

static void a_missing_file_is_errno(void **state)
{
    (void)state;
    errno = 0;
    assert_null(qstream_open("/nonexistent/quarry/file.gz"));
    assert_int_equal(errno, ENOENT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(plain_files_read_as_they_are, setup, teardown),
        cmocka_unit_test_setup_teardown(gzip_and_zstd_by_magic_bytes, setup, teardown),
        cmocka_unit_test_setup_teardown(raw_bytes_count_the_compressed_file, setup, teardown),
        cmocka_unit_test_setup_teardown(concatenated_gzip_members_and_zero_padding, setup, teardown),
        cmocka_unit_test_setup_teardown(damage_is_named, setup, teardown),
        cmocka_unit_test(a_missing_file_is_errno),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
