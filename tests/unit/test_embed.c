/* test_embed.c -- the public embedding API, as a program would use it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quarry/quarry.h"

static char ini[] = "/tmp/quarry-embed-XXXXXX";

static int setup(void **state)
{
    (void)state;
    int fd = mkstemp(ini);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    fprintf(f, "[pipeline]\nplugins = numbers\nplugin_path = %s\n", getenv("QUARRY_TEST_PLUGIN_DIR"));
    fclose(f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return remove(ini);
}

static void test_extract_gives_records(void **state)
{
    (void)state;
    char err[1024];
    qry_pipeline *p = qry_pipeline_open(ini, 2, err, sizeof err);
    assert_non_null(p);
    char *json = NULL;
    size_t len = 0;
    const char text[] = "Costs rose 12 and 7.5 units"; /* not NUL-terminated at len */
    assert_int_equal(qry_pipeline_extract(p, 1, "doc-9", text, 21, &json, &len), QRY_OK);
    assert_int_equal(strlen(json), len);
    json_t *j = json_loads(json, 0, NULL);
    assert_non_null(j);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "doc-9");
    assert_int_equal(json_array_size(json_object_get(j, "entities")), 2);
    json_decref(j);
    free(json);
    assert_int_equal(qry_pipeline_extract(p, 0, "bad", "a\xff", 2, &json, &len), QRY_OK);
    assert_non_null(strstr(json, "invalid UTF-8 at byte 1"));
    free(json);
    assert_int_equal(qry_pipeline_extract(p, 2, "x", "a", 1, &json, &len), QRY_ERR_INVALID);
    qry_pipeline_close(p);
}

static void test_open_reports_problems(void **state)
{
    (void)state;
    char err[1024];
    assert_null(qry_pipeline_open("/nonexistent/p.ini", 1, err, sizeof err));
    assert_non_null(strstr(err, "/nonexistent/p.ini"));
    assert_string_equal(qry_status_name(QRY_ERR_LIMIT), "QRY_ERR_LIMIT");
    assert_true(strlen(qry_version()) > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_extract_gives_records),
        cmocka_unit_test(test_open_reports_problems),
    };
    return cmocka_run_group_tests_name("embed", tests, setup, teardown);
}
