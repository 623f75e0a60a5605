/* test_quotes_scaling.c -- the quotes plugin's time grows linearly with the
 * document: on adversarial text (many marks, names, quotations, pronouns,
 * one endless sentence) a 4 MB document may take at most 6 times as long as
 * a 1 MB one of the same shape. A ratio, measured in one process on one
 * machine, is the only timing this project asserts; absolute times belong
 * in benchmarks. Only the plugin's process() is timed, in CPU time of the
 * calling thread, so that other processes on a shared machine do not count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cmocka.h>

#include "quarry/testkit.h"

const qry_plugin_descriptor *quarry_plugin_entry(void);

#define MB (1024u * 1024u)
#define MAX_RATIO 6.0
#define RUNS 5 /* the best of RUNS takes out a hiccup of a shared machine */

/* The quotes plugin behind a descriptor whose process() times the real one:
 * the testkit's segmentation and bookkeeping stay out of the figure. */
static double plugin_seconds;

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int timed_process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    double t0 = seconds();
    int rc = quarry_plugin_entry()->process(instance, doc, sink);
    plugin_seconds = seconds() - t0;
    return rc;
}

/* A pseudo-word unique to n: "Kab", "Kac", ... (capitalised when cap). */
static void word_of(unsigned n, int cap, char *buf)
{
    size_t k = 0;
    buf[k++] = cap ? 'K' : 'k';
    do {
        buf[k++] = (char)('a' + n % 26);
        n /= 26;
    } while (n);
    buf[k] = '\0';
}

/* One unit of text of a shape; n makes names distinct. */
typedef void (*unit_fn)(unsigned n, char *buf, size_t bufsz);

static void u_marks(unsigned n, char *buf, size_t bufsz) { (void)n, snprintf(buf, bufsz, "\xE2\x80\x9C" "a\xE2\x80\x9D "); }

static void u_names(unsigned n, char *buf, size_t bufsz)
{
    char a[16], b[16];
    word_of(n, 1, a);
    word_of(n * 7 + 3, 1, b);
    snprintf(buf, bufsz, "%s %s met officials. \xE2\x80\x9CWe agree,\xE2\x80\x9D %s said. ", a, b, b);
}

static void u_pronouns(unsigned n, char *buf, size_t bufsz)
{
    (void)n;
    snprintf(buf, bufsz, "he said she said they said \xE2\x80\x9Cno,\xE2\x80\x9D she said. ");
}

static void u_sentence(unsigned n, char *buf, size_t bufsz)
{
    char a[16];
    word_of(n, 1, a);
    /* no sentence end, no paragraph end: one sentence of the whole text */
    snprintf(buf, bufsz, "and Anna %s said that \xE2\x80\x9Cit\xE2\x80\x9D would go, according to the mayor, ", a);
}

static void u_titles(unsigned n, char *buf, size_t bufsz)
{
    char a[16];
    word_of(n, 1, a);
    snprintf(buf, bufsz, "President Ola %s arrived.\n\xE2\x80\x9CWe stay,\xE2\x80\x9D the president said. ", a);
}

static void u_reported(unsigned n, char *buf, size_t bufsz)
{
    char a[16];
    word_of(n, 1, a);
    snprintf(buf, bufsz, "Ola %s said the port would reopen, and %s added that grain was late. ", a, a);
}

static void u_apostrophes(unsigned n, char *buf, size_t bufsz)
{
    (void)n;
    snprintf(buf, bufsz, "%sa%s %sb%s ", "'''", "'''", "''", "''");
}

static void u_headline(unsigned n, char *buf, size_t bufsz)
{
    char a[16];
    word_of(n, 1, a);
    snprintf(buf, bufsz, "Mayor %s Says The Plan Will Fail And ", a);
}

static void u_unclosed(unsigned n, char *buf, size_t bufsz)
{
    (void)n;
    snprintf(buf, bufsz, "\xE2\x80\x9C" "Dora Lund said the ferry would sail, ");
}

static char *make_text(unit_fn unit, size_t size)
{
    char *s = malloc(size + 256), u[256];
    assert_non_null(s);
    size_t k = 0;
    for (unsigned n = 0; k < size; n++) {
        unit(n, u, sizeof u);
        size_t m = strlen(u);
        memcpy(s + k, u, m);
        k += m;
    }
    s[k] = '\0';
    return s;
}

static double run_once(qry_testkit *tk, const char *text)
{
    assert_int_equal(qry_testkit_run(tk, text), 0);
    return plugin_seconds;
}

/* The best of RUNS for each size, the sizes interleaved so that a change in
 * the machine's load falls on both. */
static void check_shape(const char *name, unit_fn unit)
{
    char err[512];
    qry_plugin_descriptor timed = *quarry_plugin_entry();
    timed.process = timed_process;
    qry_testkit *quotes = qry_testkit_new(&timed, NULL, err, sizeof err);
    assert_non_null(quotes);
    char *small = make_text(unit, 1 * MB), *large = make_text(unit, 4 * MB);
    /* a first run of each size warms the allocator: the page faults of fresh
     * memory, which a shared virtual machine prices erratically, stay out */
    run_once(quotes, large);
    run_once(quotes, small);
    double t[2] = {1e30, 1e30};
    for (int r = 0; r < RUNS; r++) {
        double a = run_once(quotes, small), b = run_once(quotes, large);
        t[0] = a < t[0] ? a : t[0];
        t[1] = b < t[1] ? b : t[1];
    }
    free(small);
    free(large);
    /* below a millisecond the ratio is noise: the plugin found nothing to do */
    double ratio = t[0] > 1e-3 ? t[1] / t[0] : 0;
    fprintf(stderr, "  %-9s 1 MB %.3f s, 4 MB %.3f s, ratio %.2f\n", name, t[0], t[1], ratio);
    qry_testkit_free(quotes);
    if (ratio >= MAX_RATIO)
        fail_msg("%s: 4 MB took %.1f times as long as 1 MB (at most %.0f)", name, ratio, MAX_RATIO);
}

static void t_marks(void **state) { (void)state, check_shape("marks", u_marks); }
static void t_names(void **state) { (void)state, check_shape("names", u_names); }
static void t_pronouns(void **state) { (void)state, check_shape("pronouns", u_pronouns); }
static void t_sentence(void **state) { (void)state, check_shape("sentence", u_sentence); }
static void t_titles(void **state) { (void)state, check_shape("titles", u_titles); }
static void t_unclosed(void **state) { (void)state, check_shape("unclosed", u_unclosed); }
static void t_reported(void **state) { (void)state, check_shape("reported", u_reported); }
static void t_apostrophes(void **state) { (void)state, check_shape("apostroph", u_apostrophes); }
static void t_headline(void **state) { (void)state, check_shape("headline", u_headline); }

int main(void)
{
#ifdef __GLIBC__
    /* Keep freed memory in the process: glibc maps every block over 32 MB
     * afresh on each call (the record of a 4 MB document of one-word
     * quotations holds that much), and the page faults of fresh memory, which
     * a shared virtual machine prices erratically, would swamp the ratio of
     * the plugin's own work. */
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(t_marks),    cmocka_unit_test(t_names),  cmocka_unit_test(t_pronouns),
        cmocka_unit_test(t_sentence), cmocka_unit_test(t_titles), cmocka_unit_test(t_unclosed),
        cmocka_unit_test(t_reported), cmocka_unit_test(t_apostrophes), cmocka_unit_test(t_headline),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
