/* test_testkit.c -- the testkit as a plugin author uses it for a plugin
 * that builds on earlier stages: real plugins run before it, or entities
 * the test states; the record merged as in a run; errors reported whole. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "quarry/testkit.h"

/* tests/plugins/pairs.c, linked into this test */
const qry_plugin_descriptor *quarry_plugin_entry(void);

static int setup(void **state)
{
    (void)state;
    /* the test plugins' directory, as ctest sets it */
    const char *dir = getenv("QUARRY_TEST_PLUGIN_DIR");
    return dir && setenv("QUARRY_PLUGIN_PATH", dir, 1) == 0 ? 0 : -1;
}

static void a_real_earlier_stage(void **state)
{
    (void)state;
    char err[512];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, err, sizeof err);
    assert_non_null(tk);
    const char *opts[] = {"min_digits", "1", NULL};
    assert_int_equal(qry_testkit_add_before(tk, "numbers", opts, err, sizeof err), QRY_OK);
    assert_int_equal(qry_testkit_run(tk, "We counted 12 and 30, then 4 or 5."), QRY_OK);
    assert_int_equal(qry_testkit_count(tk), 1); /* only the tested plugin's entities */
    assert_string_equal(qry_testkit_entity(tk, 0)->text, "12 and 30");
    assert_string_equal(qry_testkit_attr_of(tk, "pair", "12 and 30", "sum"), "42");
    assert_string_equal(qry_testkit_attr_of(tk, "pair", "12 and 30", "from"), "numbers");
    assert_string_equal(qry_testkit_last_error(tk), "");
    qry_testkit_free(tk);
}

static void entities_the_test_states(void **state)
{
    (void)state;
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, NULL, 0);
    assert_non_null(tk);
    const char *seven[] = {"value", "7", NULL}, *three[] = {"value", "3", NULL};
    assert_int_equal(qry_testkit_given(tk, "number", "seven", seven), QRY_OK);
    assert_int_equal(qry_testkit_given(tk, "number", "three", three), QRY_OK);
    assert_int_equal(qry_testkit_given(tk, "Bad Type", "x", NULL), QRY_ERR_INVALID);
    /* "seventy" is no occurrence of "seven": given surfaces match whole tokens */
    assert_int_equal(qry_testkit_run(tk, "seven and three, seventy and three"), QRY_OK);
    assert_int_equal(qry_testkit_count(tk), 1);
    assert_string_equal(qry_testkit_attr_of(tk, "pair", "seven and three", "sum"), "10");
    assert_string_equal(qry_testkit_attr_of(tk, "pair", "seven and three", "from"), "given");
    qry_testkit_free(tk);
}

static void an_unknown_earlier_plugin_is_named(void **state)
{
    (void)state;
    char err[1024];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_add_before(tk, "numbrs", NULL, err, sizeof err), QRY_ERR_IO);
    assert_non_null(strstr(err, "plugin 'numbrs' not found (did you mean 'numbers'?); searched: "));
    const char *bad[] = {"min_digits", "ten", NULL};
    assert_int_equal(qry_testkit_add_before(tk, "numbers", bad, err, sizeof err), QRY_ERR_CONFIG);
    assert_non_null(strstr(err, "[numbers] min_digits: expected an integer, got 'ten'"));
    qry_testkit_free(tk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_real_earlier_stage),
        cmocka_unit_test(entities_the_test_states),
        cmocka_unit_test(an_unknown_earlier_plugin_is_named),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
