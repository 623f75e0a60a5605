/* test_shard.c -- --shard I/N: the forms accepted, and shares that are
 * disjoint, complete and even. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "shard.h"

static void forms(void **state)
{
    (void)state;
    qshard s;
    assert_int_equal(qshard_parse("1/1", &s), 0);
    assert_int_equal(s.index, 0);
    assert_int_equal(s.count, 1);
    assert_int_equal(qshard_parse("3/4", &s), 0);
    assert_int_equal(s.index, 2);
    assert_int_equal(s.count, 4);
    assert_int_equal(qshard_parse("1000000/1000000", &s), 0);
    const char *bad[] = {"0/4", "5/4", "1/0", "4", "/4", "1/", "a/b", "1/4x", "-1/4", "1/-4", " 1/4",
                         "1/1000001", "99999999999999999999/2", "", NULL};
    for (const char **b = bad; *b; b++)
        assert_int_equal(qshard_parse(*b, &s), -1);
    assert_int_equal(qshard_parse(NULL, &s), -1);
}

static void shares_are_disjoint_complete_and_even(void **state)
{
    (void)state;
    for (uint64_t n = 1; n <= 7; n++) {
        uint64_t counts[7] = {0};
        for (uint64_t doc = 0; doc < 1000; doc++) {
            int owners = 0;
            for (uint64_t i = 0; i < n; i++) {
                qshard s = {i, n};
                if (qshard_mine(&s, doc)) {
                    owners++;
                    counts[i]++;
                }
            }
            assert_int_equal(owners, 1);
        }
        for (uint64_t i = 0; i < n; i++)
            assert_true(counts[i] == 1000 / n || counts[i] == 1000 / n + 1);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(forms),
        cmocka_unit_test(shares_are_disjoint_complete_and_even),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
