/* test_run.c -- the batch runner: records in input order whatever the
 * workers do, the reader held back by the ring, and each way a run stops
 * (a reader failure, a write failure, --strict) or goes on (documents
 * with errors). Documents come from memory and records go to a stream the
 * test watches, so what the runner does is observable, not timed. */
#define _GNU_SOURCE /* fopencookie */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pipeline.h"
#include "run.h"

static char dir[] = "/tmp/quarry-run-XXXXXX";

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

/* The numbers test plugin, failing on documents containing POISON. */
static qpipeline *open_pipeline(size_t workers)
{
    char path[PATH_MAX + 16];
    snprintf(path, sizeof path, "%s/run.ini", dir);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f, "[pipeline]\nplugins = numbers\nplugin_path = %s\n[numbers]\nfail_on = POISON\n",
            getenv("QUARRY_TEST_PLUGIN_DIR"));
    fclose(f);
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(path, &p, &d), 0);
    assert_int_equal(qpipe_start(p, workers, &d), 0);
    qdiag_free(&d);
    return p;
}

/* ---- where records go: an unbuffered stream the test can watch ---------- */

typedef struct source source;

typedef struct output {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *data;
    size_t len, cap;
    size_t records;    /* complete lines written */
    size_t fail_after; /* 0: never; else writing fails once this many records are out */
    source *gate;      /* set: hold each record until the reader is as far ahead as it may go */
    int gave_up;       /* the reader never got that far */
} output;

struct source {
    char **texts; /* NULL entries are documents with an input error */
    size_t n, handed;
    size_t fail_at; /* SIZE_MAX: never; else next() fails instead of handing out this document */
    int ended;
    output *out;
    size_t window;
    size_t max_ahead; /* most documents handed out but not yet written, seen by next() */
};

static ssize_t watch_write(void *cookie, const char *buf, size_t size)
{
    output *o = cookie;
    pthread_mutex_lock(&o->mu);
    if (o->fail_after && o->records >= o->fail_after) {
        pthread_mutex_unlock(&o->mu);
        errno = ENOSPC;
        return -1;
    }
    if (o->gate) {
        /* record number `records` goes out only once the reader has filled
         * every slot the ring allows (or read everything) */
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 10;
        source *s = o->gate;
        size_t want = o->records + s->window < s->n ? o->records + s->window : s->n;
        while (s->handed < want && !s->ended && !o->gave_up)
            if (pthread_cond_timedwait(&o->cv, &o->mu, &until) == ETIMEDOUT)
                o->gave_up = 1;
    }
    if (o->len + size + 1 > o->cap) {
        o->cap = (o->len + size + 1) * 2;
        o->data = realloc(o->data, o->cap);
    }
    memcpy(o->data + o->len, buf, size);
    o->len += size;
    o->data[o->len] = '\0';
    for (size_t i = 0; i < size; i++)
        o->records += buf[i] == '\n';
    pthread_cond_broadcast(&o->cv);
    pthread_mutex_unlock(&o->mu);
    return (ssize_t)size;
}

static FILE *open_output(output *o)
{
    memset(o, 0, sizeof *o);
    pthread_mutex_init(&o->mu, NULL);
    pthread_cond_init(&o->cv, NULL);
    FILE *f = fopencookie(o, "w", (cookie_io_functions_t){.write = watch_write});
    assert_non_null(f);
    setvbuf(f, NULL, _IONBF, 0); /* every record reaches watch_write as fwrite is called */
    return f;
}

static void close_output(output *o, FILE *f)
{
    fclose(f);
    free(o->data);
    pthread_mutex_destroy(&o->mu);
    pthread_cond_destroy(&o->cv);
}

/* ---- where documents come from -------------------------------------------- */

static int next_doc(void *ctx, qin_doc *doc, qdiag *diags)
{
    source *s = ctx;
    output *o = s->out;
    pthread_mutex_lock(&o->mu);
    size_t ahead = s->handed - o->records;
    if (ahead > s->max_ahead)
        s->max_ahead = ahead;
    int rc = 1;
    if (s->handed == s->fail_at) {
        qdiag_add(diags, "source: broken at document %zu", s->handed);
        rc = -1;
    } else if (s->handed == s->n) {
        s->ended = 1;
        rc = 0;
    } else {
        char id[32];
        snprintf(id, sizeof id, "doc-%zu", s->handed);
        doc->id = strdup(id);
        doc->source = strdup(id);
        const char *text = s->texts[s->handed];
        if (text) {
            doc->text = strdup(text);
            doc->len = strlen(text);
        } else {
            doc->error = strdup("invalid UTF-8 at byte 0");
        }
        doc->ordinal = s->handed++;
    }
    pthread_cond_broadcast(&o->cv);
    pthread_mutex_unlock(&o->mu);
    return rc;
}

/* n small documents "Item K costs K*37 units"; the first one optionally huge. */
static char **make_texts(size_t n, int big_first)
{
    char **t = calloc(n, sizeof *t);
    assert_non_null(t);
    for (size_t k = 0; k < n; k++) {
        char buf[64];
        snprintf(buf, sizeof buf, "Item %zu costs %zu units.", k, k * 37);
        t[k] = strdup(buf);
    }
    if (big_first && n) {
        size_t reps = 20000;
        free(t[0]);
        t[0] = malloc(reps * 6 + 1);
        for (size_t r = 0; r < reps; r++)
            memcpy(t[0] + r * 6, "12345 ", 6);
        t[0][reps * 6] = '\0';
    }
    return t;
}

static void free_texts(char **t, size_t n)
{
    for (size_t k = 0; k < n; k++)
        free(t[k]);
    free(t);
}

typedef struct result {
    int status;
    qrun_stats stats;
    qdiag diags;
    char *records; /* owned copy of what was written */
    size_t n_records, handed, max_ahead;
    int gave_up;
} result;

static result run(qpipeline *p, char **texts, size_t n, size_t workers, size_t window, int strict, size_t fail_at,
                  size_t fail_after, int gate)
{
    result r = {0};
    output o;
    FILE *f = open_output(&o);
    source s = {.texts = texts, .n = n, .fail_at = fail_at, .out = &o, .window = window ? window : workers * 4 + 4};
    o.fail_after = fail_after;
    o.gate = gate ? &s : NULL;
    qrun_source src = {next_doc, &s};
    qrun_options opts = {.n_workers = workers, .window = window, .strict = strict, .out = f, .out_name = "OUT"};
    r.status = qrun(p, &src, &opts, &r.stats, &r.diags);
    r.records = strdup(o.data ? o.data : "");
    r.n_records = o.records;
    r.handed = s.handed;
    r.max_ahead = s.max_ahead;
    r.gave_up = o.gave_up;
    close_output(&o, f);
    return r;
}

static void result_free(result *r)
{
    qdiag_free(&r->diags);
    free(r->records);
}

static int has_diag(const qdiag *d, const char *expect)
{
    char buf[1024];
    for (size_t k = 0; k < d->n; k++) {
        qdiag_format(&d->items[k], buf, sizeof buf);
        if (strcmp(buf, expect) == 0)
            return 1;
    }
    return 0;
}

/* The ids of the records, in the order written, are doc-0 .. doc-(n-1). */
static void assert_ids_in_order(const char *records, size_t n)
{
    const char *line = records;
    for (size_t k = 0; k < n; k++) {
        char expect[48];
        snprintf(expect, sizeof expect, "{\"id\": \"doc-%zu\", ", k);
        assert_memory_equal(line, expect, strlen(expect));
        line = strchr(line, '\n');
        assert_non_null(line);
        line++;
    }
    assert_int_equal(*line, '\0');
}

/* ---- the tests ----------------------------------------------------------- */

static void test_records_in_input_order_under_workers(void **state)
{
    (void)state;
    enum { N = 300 };
    char **texts = make_texts(N, 1); /* document 0 takes far longer than the rest */
    qpipeline *p1 = open_pipeline(1), *p4 = open_pipeline(4);
    result one = run(p1, texts, N, 1, 0, 0, SIZE_MAX, 0, 0);
    result four = run(p4, texts, N, 4, 0, 0, SIZE_MAX, 0, 0);
    assert_int_equal(four.status, QRUN_OK);
    assert_int_equal(four.stats.documents, N);
    assert_int_equal(four.stats.failed_docs, 0);
    assert_int_equal(four.stats.entities, 20000 + 2 * (N - 1)); /* two numbers in every small document */
    assert_ids_in_order(four.records, N);
    assert_string_equal(four.records, one.records); /* byte for byte what one worker writes */
    assert_int_equal(four.diags.n, 0);
    result_free(&one);
    result_free(&four);
    qpipe_free(p1);
    qpipe_free(p4);
    free_texts(texts, N);
}

static void test_reader_held_back_by_a_small_ring(void **state)
{
    (void)state;
    enum { N = 60, WINDOW = 3 };
    char **texts = make_texts(N, 0);
    qpipeline *p = open_pipeline(2);
    /* the writer holds each record until the reader has gone as far as it
     * can; the reader must then be exactly WINDOW documents ahead, never more */
    result r = run(p, texts, N, 2, WINDOW, 0, SIZE_MAX, 0, 1);
    assert_false(r.gave_up);
    assert_int_equal(r.status, QRUN_OK);
    assert_int_equal(r.n_records, N);
    assert_ids_in_order(r.records, N);
    assert_int_equal(r.max_ahead, WINDOW - 1); /* seen as next() is asked for one more */
    result_free(&r);
    qpipe_free(p);
    free_texts(texts, N);
}

/* Large documents: however deep the ring, the reader stops reading ahead
 * once some 32 MB of text wait in it, so memory is not thirty large files. */
static void test_reader_held_back_by_the_bytes_waiting(void **state)
{
    (void)state;
    enum { N = 5 };
    const size_t big = (size_t)17 << 20;
    char **texts = calloc(N, sizeof *texts);
    assert_non_null(texts);
    for (size_t k = 0; k < N; k++) {
        texts[k] = malloc(big + 1);
        assert_non_null(texts[k]);
        memset(texts[k], 'a', big);
        texts[k][big] = '\0';
    }
    qpipeline *p = open_pipeline(1);
    output o;
    FILE *f = open_output(&o);
    /* the writer lets a record out once the reader is two ahead: it could
     * then read on to the ring's end, were it not for the bytes waiting */
    source s = {.texts = texts, .n = N, .fail_at = SIZE_MAX, .out = &o, .window = 2};
    o.gate = &s;
    qrun_source src = {next_doc, &s};
    qrun_options opts = {.n_workers = 1, .out = f, .out_name = "OUT"};
    qrun_stats stats;
    qdiag diags = {0};
    assert_int_equal(qrun(p, &src, &opts, &stats, &diags), QRUN_DOC_ERRORS); /* each is over max_doc_size */
    assert_false(o.gave_up);
    assert_int_equal(stats.documents, N);
    /* next() sees one document unwritten when asked for the second (17 MB + 17 MB:
     * over the cap, so no third until one is written); without the cap it sees four */
    assert_int_equal(s.max_ahead, 1);
    close_output(&o, f);
    qdiag_free(&diags);
    qpipe_free(p);
    free_texts(texts, N);
}

static void test_documents_with_errors_go_on(void **state)
{
    (void)state;
    enum { N = 20 };
    char **texts = make_texts(N, 0);
    free(texts[4]);
    texts[4] = strdup("POISON 44"); /* the plugin fails on it */
    free(texts[9]);
    texts[9] = NULL; /* an input error */
    qpipeline *p = open_pipeline(3);
    result r = run(p, texts, N, 3, 0, 0, SIZE_MAX, 0, 0);
    assert_int_equal(r.status, QRUN_DOC_ERRORS);
    assert_int_equal(r.stats.documents, N);
    assert_int_equal(r.stats.failed_docs, 2);
    assert_ids_in_order(r.records, N);
    assert_non_null(strstr(r.records, "\"message\": \"document contains 'POISON'\""));
    assert_non_null(strstr(r.records, "\"message\": \"invalid UTF-8 at byte 0\""));
    result_free(&r);
    qpipe_free(p);
    free_texts(texts, N);
}

static void test_strict_stops_after_the_first_record_with_an_error(void **state)
{
    (void)state;
    enum { N = 50 };
    char **texts = make_texts(N, 0);
    free(texts[3]);
    texts[3] = strdup("POISON 3");
    qpipeline *p = open_pipeline(4);
    result r = run(p, texts, N, 4, 0, 1, SIZE_MAX, 0, 0);
    assert_int_equal(r.status, QRUN_FATAL);
    assert_int_equal(r.n_records, 4); /* that record is written, nothing after it */
    assert_ids_in_order(r.records, 4);
    assert_true(has_diag(&r.diags, "--strict: document 'doc-3' has errors (see its record); stopped"));
    result_free(&r);
    qpipe_free(p);
    free_texts(texts, N);
}

static void test_reader_failure_stops_the_run(void **state)
{
    (void)state;
    enum { N = 40 };
    char **texts = make_texts(N, 0);
    qpipeline *p = open_pipeline(2);
    result r = run(p, texts, N, 2, 0, 0, 7, 0, 0);
    assert_int_equal(r.status, QRUN_FATAL);
    assert_true(has_diag(&r.diags, "source: broken at document 7"));
    assert_int_equal(r.handed, 7);
    assert_true(r.n_records <= 7);
    assert_ids_in_order(r.records, r.n_records); /* what was written is a prefix, in order */
    result_free(&r);
    qpipe_free(p);
    free_texts(texts, N);
}

static void test_write_failure_stops_reading(void **state)
{
    (void)state;
    enum { N = 200 };
    char **texts = make_texts(N, 0);
    qpipeline *p = open_pipeline(2);
    result r = run(p, texts, N, 2, 4, 0, SIZE_MAX, 5, 0);
    assert_int_equal(r.status, QRUN_FATAL);
    assert_true(has_diag(&r.diags, "OUT: write failed: No space left on device"));
    assert_int_equal(r.n_records, 5);
    assert_true(r.handed <= 5 + 1 + 4); /* the reader stopped within a ring of the failure */
    result_free(&r);
    qpipe_free(p);
    free_texts(texts, N);
}

static void test_failure_at_the_final_flush_is_reported(void **state)
{
    (void)state;
    enum { N = 3 };
    char **texts = make_texts(N, 0);
    qpipeline *p = open_pipeline(1);
    FILE *full = fopen("/dev/full", "w"); /* buffered: the records fit, the flush fails */
    assert_non_null(full);
    char *doc_texts[N];
    memcpy(doc_texts, texts, sizeof doc_texts);
    output o;
    FILE *unused = open_output(&o);
    source s = {.texts = doc_texts, .n = N, .fail_at = SIZE_MAX, .out = &o, .window = 8};
    qrun_source src = {next_doc, &s};
    qrun_options opts = {.n_workers = 1, .out = full, .out_name = "/dev/full"};
    qrun_stats stats;
    qdiag d = {0};
    assert_int_equal(qrun(p, &src, &opts, &stats, &d), QRUN_FATAL);
    assert_true(has_diag(&d, "/dev/full: write failed: No space left on device"));
    qdiag_free(&d);
    fclose(full);
    close_output(&o, unused);
    qpipe_free(p);
    free_texts(texts, N);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_records_in_input_order_under_workers),
        cmocka_unit_test(test_reader_held_back_by_a_small_ring),
        cmocka_unit_test(test_reader_held_back_by_the_bytes_waiting),
        cmocka_unit_test(test_documents_with_errors_go_on),
        cmocka_unit_test(test_strict_stops_after_the_first_record_with_an_error),
        cmocka_unit_test(test_reader_failure_stops_the_run),
        cmocka_unit_test(test_write_failure_stops_reading),
        cmocka_unit_test(test_failure_at_the_final_flush_is_reported),
    };
    return cmocka_run_group_tests_name("run", tests, setup, teardown);
}
