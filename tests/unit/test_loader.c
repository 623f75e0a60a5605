/* test_loader.c -- opening plugins: by path, by search path, and the
 * refusals a user must be able to understand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader.h"
#include "paths.h"

static const char *plugin_dir(void)
{
    const char *d = getenv("QUARRY_TEST_PLUGIN_DIR");
    assert_non_null(d);
    return d;
}

static void plugin_path(const char *name, char *buf, size_t n)
{
    snprintf(buf, n, "%s/%s.so", plugin_dir(), name);
}

static void test_load_by_path(void **state)
{
    (void)state;
    char path[PATH_MAX], err[1024];
    qplugin_lib lib;
    plugin_path("numbers", path, sizeof path);
    assert_int_equal(qloader_open(path, &lib, err, sizeof err), 0);
    assert_string_equal(lib.desc->name, "numbers");
    assert_int_equal(lib.desc->abi_major, QRY_ABI_MAJOR);
    assert_string_equal(lib.desc->entity_types[0], "number");
    qloader_close(&lib);
}

static void test_load_by_search_path(void **state)
{
    (void)state;
    const char *extra[] = {"/nonexistent/dir", plugin_dir()};
    qsearch dirs;
    qpaths_plugin_search(&dirs, extra, 2);
    assert_true(dirs.n >= 3);
    assert_string_equal(dirs.dirs[0], "/nonexistent/dir"); /* the INI's own directories come first */
    assert_string_equal(dirs.dirs[1], plugin_dir());
    char path[PATH_MAX], err[1024];
    assert_int_equal(qloader_find("numbers", &dirs, path, sizeof path, err, sizeof err), 0);
    qplugin_lib lib;
    assert_int_equal(qloader_open(path, &lib, err, sizeof err), 0);
    qloader_close(&lib);
}

static void test_missing_plugin_lists_dirs(void **state)
{
    (void)state;
    qsearch dirs = {.dirs = {"/opt/a", "/opt/b"}, .n = 2};
    char path[PATH_MAX], err[1024];
    assert_int_equal(qloader_find("nosuch", &dirs, path, sizeof path, err, sizeof err), -1);
    assert_string_equal(err, "plugin 'nosuch' not found; searched: /opt/a, /opt/b");
}

static void test_misspelt_plugin_gets_a_suggestion(void **state)
{
    (void)state;
    qsearch dirs = {.dirs = {"/opt/a", plugin_dir()}, .n = 2};
    char path[PATH_MAX], err[2048];
    assert_int_equal(qloader_find("numbrs", &dirs, path, sizeof path, err, sizeof err), -1);
    assert_non_null(strstr(err, "plugin 'numbrs' not found (did you mean 'numbers'?); searched: /opt/a, "));
    assert_int_equal(qloader_find("zzzzzz", &dirs, path, sizeof path, err, sizeof err), -1);
    assert_null(strstr(err, "did you mean"));
}

static void test_wrong_abi_major_refused(void **state)
{
    (void)state;
    char path[PATH_MAX], err[1024];
    qplugin_lib lib;
    plugin_path("bad_abi", path, sizeof path);
    assert_int_equal(qloader_open(path, &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, path));               /* names the file */
    assert_non_null(strstr(err, "plugin ABI 2.0")); /* its ABI */
    assert_non_null(strstr(err, "ours 1."));        /* and ours */
    assert_null(lib.handle);
}

static void test_missing_entry_refused(void **state)
{
    (void)state;
    char path[PATH_MAX], err[1024];
    qplugin_lib lib;
    plugin_path("no_entry", path, sizeof path);
    assert_int_equal(qloader_open(path, &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, path));
    assert_non_null(strstr(err, "quarry_plugin_entry"));
}

static void test_not_a_shared_object(void **state)
{
    (void)state;
    char path[] = "/tmp/quarry-test-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs("this is text, not ELF\n", f);
    fclose(f);
    char err[1024];
    qplugin_lib lib;
    assert_int_equal(qloader_open(path, &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, "cannot load"));
    remove(path);
    assert_int_equal(qloader_open("/nonexistent/x.so", &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, "/nonexistent/x.so"));
}

/* A pipeline naming "/" or a directory once aborted inside libltdl. */
static void test_directory_refused(void **state)
{
    (void)state;
    char err[1024];
    qplugin_lib lib;
    assert_int_equal(qloader_open("/", &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, "/: not a plugin file (a directory)"));
    assert_int_equal(qloader_open("/tmp/", &lib, err, sizeof err), -1);
    assert_non_null(strstr(err, "not a plugin file"));
}

static void test_open_twice_and_close(void **state)
{
    (void)state;
    char path[PATH_MAX], err[1024];
    qplugin_lib a, b;
    plugin_path("numbers", path, sizeof path);
    assert_int_equal(qloader_open(path, &a, err, sizeof err), 0);
    assert_int_equal(qloader_open(path, &b, err, sizeof err), 0);
    qloader_close(&a);
    assert_string_equal(b.desc->name, "numbers"); /* still mapped */
    qloader_close(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_by_path),
        cmocka_unit_test(test_load_by_search_path),
        cmocka_unit_test(test_missing_plugin_lists_dirs),
        cmocka_unit_test(test_misspelt_plugin_gets_a_suggestion),
        cmocka_unit_test(test_wrong_abi_major_refused),
        cmocka_unit_test(test_missing_entry_refused),
        cmocka_unit_test(test_not_a_shared_object),
        cmocka_unit_test(test_directory_refused),
        cmocka_unit_test(test_open_twice_and_close),
    };
    return cmocka_run_group_tests_name("loader", tests, NULL, NULL);
}
