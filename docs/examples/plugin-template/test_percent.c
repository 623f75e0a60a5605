/* test_percent.c -- the example plugin's tests, through the quarry testkit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <quarry/testkit.h>

static void test_forms(void **state)
{
    (void)state;
    char err[256];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "Up 12% on the day, 3.5 percent on the year, 40 PER CENT in all."), QRY_OK);
    assert_int_equal(qry_testkit_count(tk), 3);
    assert_string_equal(qry_testkit_attr_of(tk, "percent", "3.5 percent", "value"), "3.5");
    assert_non_null(qry_testkit_find(tk, "percent", "40 PER CENT"));
    qry_testkit_free(tk);
}

static void test_option_validated(void **state)
{
    (void)state;
    char err[256];
    const char *bad[] = {"keep_sign", "perhaps", NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), bad, err, sizeof err));
    const char *good[] = {"keep_sign", "yes", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), good, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "a change of -4%"), QRY_OK);
    assert_string_equal(qry_testkit_attr(tk, 0, "value"), "-4");
    qry_testkit_free(tk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {cmocka_unit_test(test_forms), cmocka_unit_test(test_option_validated)};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
