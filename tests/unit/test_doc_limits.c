/* test_doc_limits.c -- reading the limits a user writes (max_doc_size,
 * plugin_timeout, --max-doc-size, --plugin-timeout) and writing them back
 * in messages. Anything not plainly a size or a duration is refused with
 * a reason, never read as something else. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "doc_limits.h"

static void test_sizes(void **state)
{
    (void)state;
    size_t v;
    char why[160];
    assert_int_equal(qlimit_parse_size("16M", &v, why, sizeof why), 0);
    assert_int_equal(v, 16u << 20);
    assert_int_equal(qlimit_parse_size("512k", &v, why, sizeof why), 0);
    assert_int_equal(v, 512u << 10);
    assert_int_equal(qlimit_parse_size("1G", &v, why, sizeof why), 0);
    assert_int_equal(v, (size_t)1 << 30);
    assert_int_equal(qlimit_parse_size("1048576", &v, why, sizeof why), 0);
    assert_int_equal(v, 1048576);
    assert_int_equal(qlimit_parse_size("0", &v, why, sizeof why), 0);
    assert_int_equal(v, 0);
    const char *bad[] = {"", "-1", "16 M", "16MB", "1.5M", "M", "0x10", "99999999999999999999", "2000G", NULL};
    for (int k = 0; bad[k]; k++) {
        v = 7;
        assert_int_equal(qlimit_parse_size(bad[k], &v, why, sizeof why), -1);
        assert_int_equal(v, 7);
        assert_true(strlen(why) > 0);
    }
}

static void test_durations(void **state)
{
    (void)state;
    long ms;
    char why[160];
    assert_int_equal(qlimit_parse_duration("30", &ms, why, sizeof why), 0);
    assert_int_equal(ms, 30000);
    assert_int_equal(qlimit_parse_duration("2.5", &ms, why, sizeof why), 0);
    assert_int_equal(ms, 2500);
    assert_int_equal(qlimit_parse_duration("500ms", &ms, why, sizeof why), 0);
    assert_int_equal(ms, 500);
    assert_int_equal(qlimit_parse_duration("2m", &ms, why, sizeof why), 0);
    assert_int_equal(ms, 120000);
    assert_int_equal(qlimit_parse_duration("0.0001s", &ms, why, sizeof why), 0);
    assert_int_equal(ms, 1); /* a budget, however small, is never "no limit" */
    assert_int_equal(qlimit_parse_duration("0", &ms, why, sizeof why), 0);
    assert_int_equal(ms, 0);
    const char *bad[] = {"", "-5", "5 s", "5h", "nan", "inf", "2d", "25h", "1e9", "s", NULL};
    for (int k = 0; bad[k]; k++)
        assert_int_equal(qlimit_parse_duration(bad[k], &ms, why, sizeof why), -1);
}

static void test_formats(void **state)
{
    (void)state;
    char buf[32];
    qlimit_format_size(16u << 20, buf, sizeof buf);
    assert_string_equal(buf, "16 MiB");
    qlimit_format_size(1536, buf, sizeof buf);
    assert_string_equal(buf, "1.5 KiB");
    qlimit_format_size(100, buf, sizeof buf);
    assert_string_equal(buf, "100 bytes");
    qlimit_format_duration(30000, buf, sizeof buf);
    assert_string_equal(buf, "30 s");
    qlimit_format_duration(250, buf, sizeof buf);
    assert_string_equal(buf, "0.25 s");
    qlimits d = qlimits_default();
    assert_int_equal(d.max_doc_bytes, 16u << 20);
    assert_int_equal(d.timeout_ms, 30000);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sizes),
        cmocka_unit_test(test_durations),
        cmocka_unit_test(test_formats),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
