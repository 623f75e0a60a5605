/* test_host.c -- the host table a plugin gets: option reads with their
 * defaults and types, errors, the sink guard, and data path resolution,
 * including from many worker threads at once (run it under
 * -DQUARRY_SANITIZE=thread: resolve_path is [any-thread]). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "host.h"
#include "quarry/quarry.h"

/* A plugin's descriptor as the host sees it: one option of each type. */
static const qry_option_spec opt_count = {"count", QRY_OPT_INT, "3", "an int with a default", {0}};
static const qry_option_spec opt_ratio = {"ratio", QRY_OPT_DOUBLE, NULL, "a double, unset", {0}};
static const qry_option_spec opt_loud = {"loud", QRY_OPT_BOOL, "no", "a bool", {0}};
static const qry_option_spec opt_label = {"label", QRY_OPT_STRING, "plain", "a string", {0}};
static const qry_option_spec opt_table = {"table", QRY_OPT_PATH, "table.tsv", "a data file", {0}};
static const qry_option_spec *const options[] = {&opt_count, &opt_ratio, &opt_loud, &opt_label, &opt_table, NULL};
static const char *const types[] = {"thing", NULL};
static const qry_plugin_descriptor desc = {
    QRY_PLUGIN_DESCRIPTOR_INIT, .name = "probe", .version = "1", .description = "test",
    .entity_types = types, .options = options, .threading = QRY_THREAD_REENTRANT,
};

/* base/ holds only-in-base.txt and both.txt; data1/ holds both.txt;
 * data2/ holds only-in-data2.txt. QUARRY_DATA_PATH = data1:data2. */
static char root[] = "/tmp/quarry-host-XXXXXX";
static char base[PATH_MAX], data1[PATH_MAX], data2[PATH_MAX];

static void touch(const char *dir, const char *name)
{
    char path[PATH_MAX + 64];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fclose(f);
}

static int group_setup(void **state)
{
    (void)state;
    if (!mkdtemp(root))
        return -1;
    snprintf(base, sizeof base, "%s/base", root);
    snprintf(data1, sizeof data1, "%s/data1", root);
    snprintf(data2, sizeof data2, "%s/data2", root);
    if (mkdir(base, 0700) || mkdir(data1, 0700) || mkdir(data2, 0700))
        return -1;
    char env[3 * PATH_MAX];
    snprintf(env, sizeof env, "%s:%s", data1, data2);
    /* read by the core once, the first time it resolves a path */
    return setenv("QUARRY_DATA_PATH", env, 1);
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
    return system(cmd) == 0 ? 0 : -1;
}

static void init_host(qhost *h, const char *base_dir, const char *const *kv)
{
    const char *keys[8] = {0}, *values[8] = {0};
    size_t n = 0;
    for (; kv && kv[2 * n]; n++) {
        keys[n] = kv[2 * n];
        values[n] = kv[2 * n + 1];
    }
    assert_int_equal(qhost_init(h, &desc, "probe", base_dir, keys, values, n), QRY_OK);
}

/* Resolving from several threads at once, with nothing resolved before in
 * this process (it runs first), so the one-time set-up of the search
 * paths happens under contention too. */
enum { THREADS = 8, ROUNDS = 300 };

typedef struct resolver {
    const qry_host *api;
    char expect_base[PATH_MAX + 32], expect_data2[PATH_MAX + 32];
    int wrong;
} resolver;

static void *resolve_many(void *arg)
{
    resolver *r = arg;
    char buf[PATH_MAX];
    for (int i = 0; i < ROUNDS; i++) {
        if (r->api->resolve_path(r->api, "both.txt", buf, sizeof buf) < 0 || strcmp(buf, r->expect_base) != 0)
            r->wrong++;
        if (r->api->resolve_path(r->api, "only-in-data2.txt", buf, sizeof buf) < 0 ||
            strcmp(buf, r->expect_data2) != 0)
            r->wrong++;
        if (r->api->resolve_path(r->api, "nowhere.txt", buf, sizeof buf) != QRY_ERR_IO)
            r->wrong++;
    }
    return NULL;
}

static long not_found_lines;
static void count_lines(void *userdata, int level, const char *plugin, const char *message)
{
    (void)userdata;
    (void)plugin;
    not_found_lines += level == QRY_LOG_DEBUG && strstr(message, "'nowhere.txt' not found") != NULL;
}

static void test_resolve_path_from_many_threads(void **state)
{
    (void)state;
    touch(base, "both.txt");
    touch(data1, "both.txt");
    touch(data2, "only-in-data2.txt");
    qhost h;
    init_host(&h, base, NULL);
    /* the not-found path logs a debug line: count them, unlocked, since
     * the core promises never to run the handler on two threads at once */
    not_found_lines = 0;
    qry_set_log_handler(count_lines, NULL);
    qry_set_log_level(QRY_LOG_DEBUG);
    pthread_t threads[THREADS];
    resolver rs[THREADS];
    for (int t = 0; t < THREADS; t++) {
        rs[t] = (resolver){.api = &h.api};
        snprintf(rs[t].expect_base, sizeof rs[t].expect_base, "%s/both.txt", base);
        snprintf(rs[t].expect_data2, sizeof rs[t].expect_data2, "%s/only-in-data2.txt", data2);
        assert_int_equal(pthread_create(&threads[t], NULL, resolve_many, &rs[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    qry_set_log_level(QRY_LOG_WARN);
    qry_set_log_handler(NULL, NULL);
    for (int t = 0; t < THREADS; t++)
        assert_int_equal(rs[t].wrong, 0);
    assert_int_equal(not_found_lines, THREADS * ROUNDS);
    qhost_fini(&h);
}

/* Log lines captured for the not-found test. */
static char last_log[4096];
static int last_level = -1;
static void capture(void *userdata, int level, const char *plugin, const char *message)
{
    (void)userdata;
    last_level = level;
    snprintf(last_log, sizeof last_log, "%s: %s", plugin, message);
}

static void test_resolve_path_order_and_failures(void **state)
{
    (void)state;
    touch(base, "only-in-base.txt");
    qhost h;
    init_host(&h, base, NULL);
    char buf[PATH_MAX], expect[3 * PATH_MAX + 128];
    /* the INI's directory first, then QUARRY_DATA_PATH in order */
    int len = h.api.resolve_path(&h.api, "both.txt", buf, sizeof buf);
    snprintf(expect, sizeof expect, "%s/both.txt", base);
    assert_string_equal(buf, expect);
    assert_int_equal(len, (int)strlen(expect));
    assert_true(h.api.resolve_path(&h.api, "only-in-data2.txt", buf, sizeof buf) > 0);
    snprintf(expect, sizeof expect, "%s/only-in-data2.txt", data2);
    assert_string_equal(buf, expect);
    /* an absolute name is taken as it is */
    snprintf(expect, sizeof expect, "%s/only-in-base.txt", base);
    assert_int_equal(h.api.resolve_path(&h.api, expect, buf, sizeof buf), (int)strlen(expect));
    assert_string_equal(buf, expect);
    /* bad arguments, a buffer too small */
    assert_int_equal(h.api.resolve_path(&h.api, "", buf, sizeof buf), QRY_ERR_INVALID);
    assert_int_equal(h.api.resolve_path(&h.api, NULL, buf, sizeof buf), QRY_ERR_INVALID);
    assert_int_equal(h.api.resolve_path(&h.api, "both.txt", buf, 8), QRY_ERR_INVALID);
    /* not found: QRY_ERR_IO, and a debug line naming every directory tried */
    qry_set_log_handler(capture, NULL);
    qry_set_log_level(QRY_LOG_DEBUG);
    assert_int_equal(h.api.resolve_path(&h.api, "nowhere.txt", buf, sizeof buf), QRY_ERR_IO);
    qry_set_log_level(QRY_LOG_WARN);
    qry_set_log_handler(NULL, NULL);
    assert_int_equal(last_level, QRY_LOG_DEBUG);
    snprintf(expect, sizeof expect, "probe: data file 'nowhere.txt' not found; searched: %s, %s, %s, ", base, data1,
             data2);
    assert_memory_equal(last_log, expect, strlen(expect));
    qhost_fini(&h);

    /* without an INI directory the search starts at QUARRY_DATA_PATH */
    init_host(&h, NULL, NULL);
    assert_true(h.api.resolve_path(&h.api, "both.txt", buf, sizeof buf) > 0);
    snprintf(expect, sizeof expect, "%s/both.txt", data1);
    assert_string_equal(buf, expect);
    assert_int_equal(h.api.resolve_path(&h.api, "only-in-base.txt", buf, sizeof buf), QRY_ERR_IO);
    qhost_fini(&h);
}

static void test_table_identifies_itself(void **state)
{
    (void)state;
    qhost h;
    init_host(&h, NULL, NULL);
    assert_int_equal(h.api.struct_size, sizeof(qry_host));
    assert_int_equal(h.api.abi_major, QRY_ABI_MAJOR);
    assert_int_equal(h.api.abi_minor, QRY_ABI_MINOR);
    assert_string_equal(h.api.plugin_name(&h.api), "probe");
    for (size_t k = 0; k < sizeof h.api.reserved / sizeof *h.api.reserved; k++)
        assert_null(h.api.reserved[k]);
    qhost_fini(&h);
}

static void test_options_values_defaults_and_types(void **state)
{
    (void)state;
    static const char *const kv[] = {"COUNT", "12", "loud", "on", NULL};
    qhost h;
    init_host(&h, NULL, kv);
    const qry_host *api = &h.api;
    int64_t i = 0;
    double x = 7;
    int b = 0;
    /* text reads: the user's value, else the default, else NULL */
    assert_string_equal(api->option(api, "count"), "12"); /* keys match case-insensitively */
    assert_string_equal(api->option(api, "label"), "plain");
    assert_null(api->option(api, "ratio"));
    assert_null(api->option(api, "undeclared"));
    assert_null(api->option(api, NULL));
    /* typed reads */
    assert_int_equal(api->option_int(api, "count", &i), QRY_OK);
    assert_int_equal(i, 12);
    assert_int_equal(api->option_bool(api, "loud", &b), QRY_OK);
    assert_int_equal(b, 1);
    assert_int_equal(api->option_double(api, "ratio", &x), QRY_ERR_CONFIG); /* unset */
    assert_true(x == 7);                                                    /* untouched */
    assert_int_equal(api->option_int(api, "label", &i), QRY_ERR_INVALID);   /* another type */
    assert_int_equal(api->option_bool(api, "nope", &b), QRY_ERR_INVALID);   /* undeclared */
    qhost_fini(&h);

    /* the values are the host's copies: the caller's strings may go */
    char value[] = "40";
    const char *keys[] = {"count"}, *values[] = {value};
    assert_int_equal(qhost_init(&h, &desc, "probe", NULL, keys, values, 1), QRY_OK);
    value[0] = '9';
    assert_int_equal(h.api.option_int(&h.api, "count", &i), QRY_OK);
    assert_int_equal(i, 40);
    qhost_fini(&h);
}

static void test_errors_and_sink_guard(void **state)
{
    (void)state;
    qhost h;
    init_host(&h, NULL, NULL);
    /* during create() there is no sink: the error is the host's */
    h.api.set_error(&h.api, NULL, "bad table at line %d", 7);
    assert_string_equal(h.create_error, "bad table at line 7");
    char longer[2000];
    memset(longer, 'e', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    h.api.set_error(&h.api, NULL, "%s", longer);
    assert_int_equal(strlen(h.create_error), sizeof h.create_error - 1);
    /* emitting needs a sink: outside process() the call is refused */
    assert_int_equal(h.api.emit(&h.api, NULL, "thing", 0, 1), QRY_ERR_INVALID);
    assert_int_equal(h.api.attr_int(&h.api, NULL, 0, "n", 1), QRY_ERR_INVALID);
    assert_int_equal(h.api.attr_string(&h.api, NULL, 0, "s", "x", 1), QRY_ERR_INVALID);
    assert_int_equal(h.api.attr_double(&h.api, NULL, 0, "d", 1.0), QRY_ERR_INVALID);
    assert_int_equal(h.api.attr_bool(&h.api, NULL, 0, "b", 1), QRY_ERR_INVALID);
    qhost_fini(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_resolve_path_from_many_threads), /* first: see above */
        cmocka_unit_test(test_resolve_path_order_and_failures),
        cmocka_unit_test(test_table_identifies_itself),
        cmocka_unit_test(test_options_values_defaults_and_types),
        cmocka_unit_test(test_errors_and_sink_guard),
    };
    return cmocka_run_group_tests_name("host", tests, group_setup, group_teardown);
}
