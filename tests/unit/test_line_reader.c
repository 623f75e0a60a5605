/* test_line_reader.c -- lines in bounded memory: NUL bytes kept, a last
 * line without '\n' still a line, '\r' left for the caller, and a line
 * over the limit skipped whole and reported by its length, with the line
 * after it read as usual -- also when lines straddle the reader's blocks. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "line_reader.h"

static FILE *stream(const char *data, size_t len)
{
    FILE *f = tmpfile();
    assert_non_null(f);
    assert_int_equal(fwrite(data, 1, len, f), len);
    rewind(f);
    return f;
}

static void test_lines_nul_crlf_and_last_line(void **state)
{
    (void)state;
    static const char data[] = "one\ntw\0o\r\n\nlast";
    FILE *f = stream(data, sizeof data - 1);
    qline_reader r;
    qline_init(&r, f, 0);
    const char *line;
    size_t len;
    assert_int_equal(qline_next(&r, &line, &len), 1);
    assert_int_equal(len, 3);
    assert_memory_equal(line, "one", 3);
    assert_int_equal(qline_next(&r, &line, &len), 1);
    assert_int_equal(len, 5);
    assert_memory_equal(line, "tw\0o\r", 5);
    assert_int_equal(qline_next(&r, &line, &len), 1);
    assert_int_equal(len, 0);
    assert_int_equal(qline_next(&r, &line, &len), 1);
    assert_int_equal(len, 4);
    assert_memory_equal(line, "last", 4);
    assert_int_equal(qline_next(&r, &line, &len), 0);
    assert_int_equal(qline_next(&r, &line, &len), 0);
    qline_free(&r);
    fclose(f);
}

static void test_empty_stream(void **state)
{
    (void)state;
    FILE *f = stream("", 0);
    qline_reader r;
    qline_init(&r, f, 10);
    const char *line;
    size_t len;
    assert_int_equal(qline_next(&r, &line, &len), 0);
    qline_free(&r);
    fclose(f);
}

/* Lines of 100 bytes to 300 KB around a 1000-byte limit, across blocks. */
static void test_long_lines_skipped_by_length(void **state)
{
    (void)state;
    size_t sizes[] = {100, 1000, 1001, 300000, 5, 70000, 999, 200000};
    size_t n = sizeof sizes / sizeof *sizes, total = 0;
    for (size_t k = 0; k < n; k++)
        total += sizes[k] + 1;
    char *data = malloc(total);
    assert_non_null(data);
    size_t at = 0;
    for (size_t k = 0; k < n; k++) {
        memset(data + at, 'a' + (int)k, sizes[k]);
        at += sizes[k];
        data[at++] = '\n';
    }
    FILE *f = stream(data, total);
    qline_reader r;
    qline_init(&r, f, 1000);
    for (size_t k = 0; k < n; k++) {
        const char *line;
        size_t len;
        int rc = qline_next(&r, &line, &len);
        assert_int_equal(len, sizes[k]);
        if (sizes[k] > 1000) {
            assert_int_equal(rc, 2);
            assert_null(line);
        } else {
            assert_int_equal(rc, 1);
            assert_int_equal(line[0], 'a' + (int)k);
            assert_int_equal(line[len - 1], 'a' + (int)k);
        }
    }
    const char *line;
    size_t len;
    assert_int_equal(qline_next(&r, &line, &len), 0);
    assert_true(r.cap <= 4 * 65536); /* never grew for the long ones */
    qline_free(&r);
    fclose(f);
    free(data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_nul_crlf_and_last_line),
        cmocka_unit_test(test_empty_stream),
        cmocka_unit_test(test_long_lines_skipped_by_length),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
