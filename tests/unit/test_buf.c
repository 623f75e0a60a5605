/* test_buf.c -- the record buffer's formatting: qbuf_double must print
 * exactly what the printf calls it replaced printed, and qbuf_json_string
 * what escaping byte by byte gives, since records are compared byte for
 * byte across versions. */
#include <setjmp.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "buf.h"

/* What quarry printed before qbuf_double: integers below 1e15 whole, else
 * the shorter of %.15g and %.17g that reads back. */
static void reference(double d, char *out, size_t n)
{
    if (d < 1e15 && d > -1e15 && d == (double)(int64_t)d) {
        snprintf(out, n, "%" PRId64, (int64_t)d);
        return;
    }
    snprintf(out, n, "%.15g", d);
    if (strtod(out, NULL) != d)
        snprintf(out, n, "%.17g", d);
}

static void expect_same(double d)
{
    char want[64];
    reference(d, want, sizeof want);
    qbuf b = {0};
    qbuf_double(&b, d);
    assert_false(b.oom);
    if (strcmp(b.data, want) != 0) {
        fprintf(stderr, "%.17g: got %s, want %s\n", d, b.data, want);
        fail();
    }
    qbuf_free(&b);
}

static void readable_values(void **state)
{
    (void)state;
    static const struct {
        double d;
        const char *text;
    } cases[] = {
        {2.4, "2.4"},           {50.45466, "50.45466"}, {-30.52345, "-30.52345"}, {0.05, "0.05"},
        {2400000000.0, "2400000000"}, {0.1 + 0.2, "0.30000000000000004"}, {1e-5, "1e-05"},
        {0.0001, "0.0001"},     {123456.789, "123456.789"}, {1e15, "1e+15"},   {-0.5, "-0.5"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        qbuf b = {0};
        qbuf_double(&b, cases[i].d);
        assert_string_equal(b.data, cases[i].text);
        qbuf_free(&b);
        expect_same(cases[i].d);
    }
}

/* Decimals as gazetteers, prices and scores write them, at every size. */
static void short_decimals_match_printf(void **state)
{
    (void)state;
    srand(12345);
    static const double p10[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};
    for (int i = 0; i < 200000; i++) {
        int k = rand() % 9;
        int64_t m = ((int64_t)rand() << 31 | rand()) % (i % 3 == 0 ? 1000 : i % 3 == 1 ? 100000000 : 1000000000000000);
        double d = (double)m / p10[k];
        expect_same(rand() % 2 ? d : -d);
    }
}

/* Any finite double, and the edges of the fast path. */
static void any_double_matches_printf(void **state)
{
    (void)state;
    srand(54321);
    for (int i = 0; i < 200000; i++) {
        uint64_t bits = (uint64_t)rand() << 42 ^ (uint64_t)rand() << 21 ^ (uint64_t)rand();
        double d;
        memcpy(&d, &bits, sizeof d);
        if (d != d || d - d != 0) /* NaN or infinite: never an attribute */
            continue;
        expect_same(d);
    }
    static const double edges[] = {9.99999e-5, 0.000099999999999999991, 0.0001000001, 999999999999999.9,
                                   99999999999999.98, 0.9999995, 1.0000005, 0.123456, 0.1234567, 1.5e-7,
                                   4503599627370495.5, 0.0};
    for (size_t i = 0; i < sizeof edges / sizeof *edges; i++) {
        expect_same(edges[i]);
        expect_same(-edges[i]);
    }
}

/* The escaping a JSON string needs, one byte at a time. */
static void reference_json(const char *s, size_t n, char *out)
{
    char *o = out;
    *o++ = '"';
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\')
            o += sprintf(o, "\\%c", c);
        else if (c == '\n')
            o += sprintf(o, "\\n");
        else if (c == '\r')
            o += sprintf(o, "\\r");
        else if (c == '\t')
            o += sprintf(o, "\\t");
        else if (c < 0x20)
            o += sprintf(o, "\\u%04x", c);
        else
            *o++ = (char)c;
    }
    *o++ = '"';
    *o = '\0';
}

/* A byte that needs escaping at every place of strings up to 24 bytes
 * (words are checked 8 bytes at a time), among ASCII and UTF-8 bytes. */
static void json_strings_escape_every_place(void **state)
{
    (void)state;
    static const char specials[] = {'"', '\\', '\n', '\t', 0x01, 0x1f, '\r'};
    for (size_t n = 1; n <= 24; n++)
        for (size_t at = 0; at < n; at++)
            for (size_t k = 0; k < sizeof specials; k++) {
                char s[32], want[256];
                for (size_t i = 0; i < n; i++)
                    s[i] = (char)(i % 3 == 2 ? 0xC3 : 'a' + (char)i); /* high bytes, never escaped */
                s[at] = specials[k];
                reference_json(s, n, want);
                qbuf b = {0};
                qbuf_json_string(&b, s, n);
                assert_false(b.oom);
                assert_int_equal(b.len, strlen(want));
                assert_memory_equal(b.data, want, b.len);
                qbuf_free(&b);
            }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(readable_values),
        cmocka_unit_test(short_decimals_match_printf),
        cmocka_unit_test(any_double_matches_printf),
        cmocka_unit_test(json_strings_escape_every_place),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
