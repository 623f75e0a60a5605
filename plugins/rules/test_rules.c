/* test_rules.c -- the rules plugin on one text at a time (testkit). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "quarry/testkit.h"

const qry_plugin_descriptor *quarry_plugin_entry(void);

int main(void)
{
    const struct CMUnitTest tests[] = {};
    return cmocka_run_group_tests(tests, NULL, NULL);
}
