/* test_log.c -- plugin log lines as a program embedding quarry sees them:
 * captured through qry_set_log_handler from worker threads, filtered by
 * qry_set_log_level, and on stderr by default. Uses quarry.h only. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quarry/quarry.h"

static char ini[] = "/tmp/quarry-log-XXXXXX";

static int setup(void **state)
{
    (void)state;
    int fd = mkstemp(ini);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    fprintf(f, "[pipeline]\nplugins = chatty\nplugin_path = %s\n", getenv("QUARRY_TEST_PLUGIN_DIR"));
    fclose(f);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    return remove(ini);
}

/* What the handler saw. It takes no lock of its own: the core promises
 * one call at a time, and `inside` catches a broken promise. */
typedef struct captured {
    char lines[512][160];
    int levels[512];
    size_t n;
    atomic_int inside;
    int overlapped;
    int foreign_plugin;
} captured;

static void capture(void *userdata, int level, const char *plugin, const char *message)
{
    captured *c = userdata;
    if (atomic_fetch_add(&c->inside, 1) != 0)
        c->overlapped = 1;
    if (strcmp(plugin, "chatty") != 0)
        c->foreign_plugin = 1;
    if (c->n < 512) {
        snprintf(c->lines[c->n], sizeof c->lines[c->n], "%s", message);
        c->levels[c->n++] = level;
    }
    atomic_fetch_sub(&c->inside, 1);
}

static size_t count_prefix(const captured *c, const char *prefix, int level)
{
    size_t n = 0;
    for (size_t k = 0; k < c->n; k++)
        n += c->levels[k] == level && strncmp(c->lines[k], prefix, strlen(prefix)) == 0;
    return n;
}

typedef struct extractor {
    qry_pipeline *p;
    unsigned worker;
    int failures;
} extractor;

enum { DOCS_PER_WORKER = 60 };

static void *extract_many(void *arg)
{
    extractor *x = arg;
    for (int k = 0; k < DOCS_PER_WORKER; k++) {
        char id[32], *json = NULL;
        snprintf(id, sizeof id, "w%u-%d", x->worker, k);
        x->failures += qry_pipeline_extract(x->p, x->worker, id, "Kyiv said so.", 13, &json, NULL) != QRY_OK;
        free(json);
    }
    return NULL;
}

static void test_handler_captures_plugin_lines_from_workers(void **state)
{
    (void)state;
    captured *c = calloc(1, sizeof *c);
    assert_non_null(c);
    qry_set_log_handler(capture, c);
    qry_set_log_level(QRY_LOG_DEBUG);
    char err[1024];
    qry_pipeline *p = qry_pipeline_open(ini, 2, err, sizeof err);
    assert_non_null(p);
    /* create(): one line per level, in order, nothing on stderr; then the
     * core's line saying how long create() took */
    assert_int_equal(c->n, 5);
    assert_string_equal(c->lines[0], "create: an error line");
    assert_int_equal(c->levels[0], QRY_LOG_ERROR);
    assert_string_equal(c->lines[3], "create: a debug line");
    assert_int_equal(c->levels[3], QRY_LOG_DEBUG);
    assert_int_equal(count_prefix(c, "created in ", QRY_LOG_INFO), 1);
    /* process() on two worker threads at once */
    pthread_t threads[2];
    extractor xs[2] = {{p, 0, 0}, {p, 1, 0}};
    for (int t = 0; t < 2; t++)
        assert_int_equal(pthread_create(&threads[t], NULL, extract_many, &xs[t]), 0);
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    qry_pipeline_close(p);
    qry_set_log_handler(NULL, NULL);
    qry_set_log_level(QRY_LOG_WARN);
    assert_int_equal(xs[0].failures + xs[1].failures, 0);
    assert_int_equal(count_prefix(c, "processing w0-", QRY_LOG_INFO), DOCS_PER_WORKER);
    assert_int_equal(count_prefix(c, "processing w1-", QRY_LOG_INFO), DOCS_PER_WORKER);
    assert_int_equal(c->n, 5 + 2 * DOCS_PER_WORKER);
    assert_int_equal(count_prefix(c, "processing w1-59 (13 bytes)", QRY_LOG_INFO), 1);
    assert_false(c->overlapped);
    assert_false(c->foreign_plugin);
    free(c);
}

static void test_level_drops_less_severe_lines(void **state)
{
    (void)state;
    captured *c = calloc(1, sizeof *c);
    assert_non_null(c);
    qry_set_log_handler(capture, c);
    qry_set_log_level(QRY_LOG_ERROR);
    char err[1024], *json = NULL;
    qry_pipeline *p = qry_pipeline_open(ini, 1, err, sizeof err);
    assert_non_null(p);
    assert_int_equal(qry_pipeline_extract(p, 0, "a", "Text.", 5, &json, NULL), QRY_OK);
    free(json);
    qry_pipeline_close(p);
    assert_int_equal(c->n, 1);
    assert_string_equal(c->lines[0], "create: an error line");
    /* a handler replaced is never called again */
    qry_set_log_handler(NULL, NULL);
    qry_set_log_level(QRY_LOG_DEBUG);
    int saved = dup(2), quiet = open("/dev/null", O_WRONLY);
    assert_int_equal(dup2(quiet, 2), 2); /* the default handler writes there meanwhile */
    p = qry_pipeline_open(ini, 1, err, sizeof err);
    qry_pipeline_close(p);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    close(quiet);
    qry_set_log_level(QRY_LOG_WARN);
    assert_int_equal(c->n, 1);
    free(c);
}

static void test_default_is_stderr(void **state)
{
    (void)state;
    char path[] = "/tmp/quarry-log-err-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    assert_int_equal(dup2(fd, 2), 2);
    qry_set_log_handler(NULL, NULL); /* the default */
    char err[1024];
    qry_pipeline *p = qry_pipeline_open(ini, 1, err, sizeof err);
    qry_pipeline_close(p);
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    assert_non_null(p);
    char got[512] = "";
    ssize_t n = pread(fd, got, sizeof got - 1, 0);
    close(fd);
    unlink(path);
    assert_true(n > 0);
    got[n] = '\0';
    /* the default level keeps errors and warnings, in `quarry run`'s format */
    assert_string_equal(got, "quarry: chatty: error: create: an error line\n"
                             "quarry: chatty: warning: create: a warning line\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_handler_captures_plugin_lines_from_workers),
        cmocka_unit_test(test_level_drops_less_severe_lines),
        cmocka_unit_test(test_default_is_stderr),
    };
    return cmocka_run_group_tests_name("log", tests, setup, teardown);
}
