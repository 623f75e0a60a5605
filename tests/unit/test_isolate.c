/* test_isolate.c -- the batch runner with --isolate: a plugin that
 * crashes, aborts, exits, hangs or prints costs only the documents it
 * fails on, each of which gets a record naming the plugin and the cause,
 * while every other document is processed by a fresh worker process and
 * records stay in input order. Without faults, the records are byte for
 * byte those of a run without isolation. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "output_file.h"
#include "pipeline.h"
#include "run.h"

static char dir[] = "/tmp/quarry-iso-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static qpipeline *open_pipeline(const char *body, size_t workers)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/p.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "[pipeline]\nplugin_path = %s\n%s", getenv("QUARRY_TEST_PLUGIN_DIR"), body);
    fclose(f);
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(path, &p, &d), 0);
    assert_int_equal(qpipe_start(p, workers, &d), 0);
    qdiag_free(&d);
    return p;
}

typedef struct docs {
    size_t n, next;
    const char *marker; /* documents whose number is a multiple of 7 contain it */
} docs;

static int next_doc(void *ctx, qin_doc *doc, qdiag *d)
{
    (void)d;
    docs *s = ctx;
    if (s->next == s->n)
        return 0;
    char id[32], text[96];
    snprintf(id, sizeof id, "doc-%zu", s->next);
    snprintf(text, sizeof text, "Document %zu costs 12 units%s%s.", s->next, s->next % 7 ? "" : " ",
             s->next % 7 ? "" : s->marker);
    doc->id = strdup(id);
    doc->text = strdup(text);
    doc->len = strlen(text);
    doc->ordinal = s->next++;
    return 1;
}

/* Run n documents, return the records (static buffer). */
static char *run(qpipeline *p, size_t n, size_t workers, int isolate, qrun_stats *stats, int *status)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/out.jsonl", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    assert_true(fd >= 0);
    qout_file out;
    qout_file_init(&out, fd, 0);
    docs s = {n, 0, "BOOM"};
    qrun_source src = {next_doc, &s};
    qrun_options opts = {.n_workers = workers, .lines = &out, .out_name = "OUT", .isolate = isolate,
                         .keep_from_workers = &fd, .n_keep = 1};
    qdiag d = {0};
    *status = qrun(p, &src, &opts, stats, &d);
    assert_int_equal(d.n, 0);
    qdiag_free(&d);
    qout_file_free(&out);
    static char records[1 << 20];
    ssize_t len = pread(fd, records, sizeof records - 1, 0);
    assert_true(len >= 0);
    records[len] = '\0';
    close(fd);
    return records;
}

/* The record of doc-k, or NULL. */
static const char *record(const char *records, size_t k)
{
    char head[48];
    snprintf(head, sizeof head, "{\"id\": \"doc-%zu\", ", k);
    const char *r = strstr(records, head);
    return r;
}

static void check_order(const char *records, size_t n)
{
    const char *line = records;
    for (size_t k = 0; k < n; k++) {
        assert_ptr_equal(record(records, k), line);
        line = strchr(line, '\n') + 1;
    }
    assert_int_equal(*line, '\0');
}

static void test_faults_cost_their_documents_only(void **state)
{
    (void)state;
    static const char *const faults[][2] = {
        {"segv", "crashed with SIGSEGV (segmentation fault)"},
        {"abort", "crashed with SIGABRT (aborted)"},
        /* (the status is the plugin's 0, unless a sanitizer's exit-time check replaces it) */
        {"exit", "ended its worker process with exit status "},
        {"hang", "ran longer than plugin_timeout (0.3 s)"},
    };
    enum { N = 30 };
    for (size_t f = 0; f < sizeof faults / sizeof *faults; f++) {
        char ini[256];
        /* a short budget for the hang only: a sanitizer's exit-time leak check in a
         * worker that called exit() would count as the plugin's time */
        snprintf(ini, sizeof ini, "plugins = numbers, faulty\nplugin_timeout = %s\n[faulty]\nfault = %s\ntrigger = BOOM\n",
                 strcmp(faults[f][0], "hang") == 0 ? "300ms" : "30s", faults[f][0]);
        for (size_t workers = 1; workers <= 3; workers += 2) {
            qpipeline *p = open_pipeline(ini, workers);
            qrun_stats stats;
            int status;
            char *records = run(p, N, workers, 1, &stats, &status);
            assert_int_equal(status, QRUN_DOC_ERRORS);
            assert_int_equal(stats.documents, N);
            assert_int_equal(stats.faults, 5); /* doc-0, 7, 14, 21, 28 */
            check_order(records, N);
            for (size_t k = 0; k < N; k++) {
                const char *r = record(records, k), *end = strchr(r, '\n');
                const char *why = strstr(r, faults[f][1]);
                if (k % 7 == 0) {
                    assert_true(why && why < end);
                    assert_true(strstr(r, "\"errors\": [{\"plugin\": \"faulty\"") < end);
                } else { /* both plugins ran: a number and a mark */
                    assert_true(!why || why > end);
                    assert_true(strstr(r, "\"type\": \"number\"") < end && strstr(r, "\"type\": \"mark\"") < end);
                }
            }
            qpipe_free(p);
        }
    }
}

static void test_stdout_write_is_noted_not_fatal(void **state)
{
    (void)state;
    qpipeline *p = open_pipeline("plugins = faulty\n[faulty]\nfault = stdout\ntrigger = BOOM\n", 2);
    qrun_stats stats;
    int status;
    char *records = run(p, 10, 2, 1, &stats, &status);
    assert_int_equal(status, QRUN_DOC_ERRORS);
    assert_int_equal(stats.faults, 0);
    check_order(records, 10);
    const char *r = record(records, 7);
    assert_true(strstr(r, "\"type\": \"mark\"") < strchr(r, '\n'));
    assert_non_null(strstr(r, "wrote 24 bytes to standard output"));
    assert_null(strstr(records, "junk")); /* nothing of it reached the records */
    qpipe_free(p);
}

static void test_same_records_as_without_isolation(void **state)
{
    (void)state;
    enum { N = 200 };
    qpipeline *p = open_pipeline("plugins = numbers, faulty\n", 2);
    qrun_stats a, b;
    int sa, sb;
    char *records = run(p, N, 2, 0, &a, &sa);
    char *plain = strdup(records);
    records = run(p, N, 2, 1, &b, &sb);
    assert_int_equal(sa, QRUN_OK);
    assert_int_equal(sb, QRUN_OK);
    assert_string_equal(records, plain);
    assert_int_equal(a.entities, b.entities);
    assert_int_equal(b.entities, 3 * N); /* two numbers and a mark each */
    free(plain);
    qpipe_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_faults_cost_their_documents_only),
        cmocka_unit_test(test_stdout_write_is_noted_not_fatal),
        cmocka_unit_test(test_same_records_as_without_isolation),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
