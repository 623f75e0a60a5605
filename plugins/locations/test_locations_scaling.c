/* test_locations_scaling.c -- the locations plugin's time grows linearly
 * with the document: on texts of one shape (the same places again and
 * again, lists of places in one endless sentence, surnames, villages of the
 * GeoNames option) a 2 MB document may take at most 6 times as long as a
 * 512 KB one. A rule that looks at every other mention (or every token, or
 * every place found) for each mention takes 16 times as long.
 *
 * A ratio, measured in one process, is the only timing asserted; absolute
 * times belong in benchmarks. Only the plugin's process() is timed, in CPU
 * time of the calling thread, so that other processes on a shared machine
 * do not count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include <cmocka.h>

#include "quarry/testkit.h"

const qry_plugin_descriptor *quarry_plugin_entry(void);

#ifndef SMALL /* -DSMALL=65536u for a quick look at a quadratic build */
#define SMALL (512u * 1024u)
#endif
#define LARGE (4u * SMALL)
#define MAX_RATIO 6.0
#define RUNS 3 /* the best of RUNS takes out a hiccup of a shared machine */

static double plugin_seconds;

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The plugin's own process(), timed: the testkit's segmentation and
 * bookkeeping stay out of the figure. */
static int timed_process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    double t0 = seconds();
    int rc = quarry_plugin_entry()->process(instance, doc, sink);
    plugin_seconds = seconds() - t0;
    return rc;
}

static char *repeat(const char *unit, size_t size)
{
    size_t m = strlen(unit);
    char *s = malloc(size + m + 1);
    assert_non_null(s);
    size_t k = 0;
    while (k < size) {
        memcpy(s + k, unit, m);
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

/* The GeoNames option on a table of invented villages of a real region. */
static char table_path[64];

static const char *const village_options[] = {"geonames", table_path, "cache", "false", NULL};

static int write_table(void)
{
    snprintf(table_path, sizeof table_path, "/tmp/test_locations_scaling_XXXXXX");
    int fd = mkstemp(table_path);
    if (fd < 0)
        return -1;
    FILE *f = fdopen(fd, "w");
    if (!f)
        return -1;
    /* id, name, ascii name, alternates, lat, lon, class, code, cc, cc2,
     * admin1 ... population ... */
    fputs("9300001\tTarnowola\tTarnowola\t\t51.21\t22.63\tP\tPPL\tPL\t\t75\t\t\t\t700\t\t0\tEurope/Warsaw\t2024-01-01\n"
          "9300002\tWelmor\tWelmor\t\t51.25\t22.70\tP\tPPL\tPL\t\t75\t\t\t\t500\t\t0\tEurope/Warsaw\t2024-01-01\n"
          "9300003\tLubelskie\tLubelskie\t\t51.2\t22.9\tA\tADM1\tPL\t\t75\t\t\t\t2000000\t\t0\tEurope/Warsaw\t2024-01-01\n",
          f);
    return fclose(f) == 0 ? 0 : -1;
}

/* The best of RUNS for each size, the sizes interleaved so that a change in
 * the machine's load falls on both. The shape must yield places (else the
 * plugin had nothing to do and the ratio would prove nothing). */
static void check_shape(const char *name, const char *unit, const char *const *options)
{
    char err[1024] = "";
    qry_plugin_descriptor timed = *quarry_plugin_entry();
    timed.process = timed_process;
    qry_testkit *tk = qry_testkit_new(&timed, options, err, sizeof err);
    if (!tk)
        fail_msg("create failed: %s", err);
    char *small = repeat(unit, SMALL), *large = repeat(unit, LARGE);
    /* a first run of each size warms the allocator: the page faults of fresh
     * memory, which a shared virtual machine prices erratically, stay out */
    run_once(tk, large);
    run_once(tk, small);
    size_t found = qry_testkit_count(tk);
    double t[2] = {1e30, 1e30};
    for (int r = 0; r < RUNS; r++) {
        double a = run_once(tk, small), b = run_once(tk, large);
        t[0] = a < t[0] ? a : t[0];
        t[1] = b < t[1] ? b : t[1];
    }
    free(small);
    free(large);
    qry_testkit_free(tk);
    double ratio = t[1] / (t[0] > 1e-6 ? t[0] : 1e-6);
    fprintf(stderr, "  %-12s %zu places in %u KB; %u KB %.3f s, 4x %.3f s, ratio %.2f\n", name, found, SMALL / 1024,
            SMALL / 1024, t[0], t[1], ratio);
    if (found < SMALL / strlen(unit))
        fail_msg("%s: %zu places found in %u repetitions of the unit", name, found, SMALL / (unsigned)strlen(unit));
    if (ratio >= MAX_RATIO)
        fail_msg("%s: 4 times the text took %.1f times as long (at most %.0f)", name, ratio, MAX_RATIO);
}

static void one_name(void **state) { (void)state, check_shape("one name", "Kyiv ", NULL); }
static void two_cities(void **state) { (void)state, check_shape("two cities", "Kyiv and Berlin agreed. ", NULL); }
/* one endless sentence of "Town, Region" pairs */
static void town_region(void **state) { (void)state, check_shape("town, region", "New York, New York, ", NULL); }
static void pairs(void **state) { (void)state, check_shape("pairs", "Washington, D.C., and Paris, Texas; ", NULL); }
/* one endless list of places far and near: many points to be near */
static void list_of_places(void **state)
{
    (void)state;
    check_shape("list", "Lviv, Odesa, Kharkiv, Dnipro, Berlin, Munich, Hamburg, Lyon, Madrid, Rome, Milan, Warsaw, "
                        "Krakow, Prague, Vienna, Budapest, Sofia, Athens, Lisbon, Dublin, Oslo, Helsinki, Riga, "
                        "Vilnius, Tbilisi, Ankara, Cairo, Nairobi, Tokyo, Seoul, Chicago, Boston, Denver, Toronto, ",
                NULL);
}
/* one endless list of regions: each item is an item of the whole list */
static void list_of_regions(void **state) { (void)state, check_shape("regions", "Arizona, Georgia, Ohio and Texas, ", NULL); }
/* surnames named again, regions beside names restored */
static void surnames(void **state)
{
    (void)state;
    check_shape("surnames", "Nora Halifax met Alberta Kite Makers in Calgary, Alberta, and Halifax said so. ", NULL);
}
/* weak readings: each village asks whether the document writes its name in
 * lower case and whether a place of the document lies near it */
static void villages(void **state)
{
    (void)state;
    check_shape("villages", "Floods in Lubelskie reached roads in Tarnowola and in Welmor by a welmor. ", village_options);
}

static int setup(void **state)
{
    (void)state;
    return write_table();
}

static int teardown(void **state)
{
    (void)state;
    return unlink(table_path);
}

int main(void)
{
#ifdef __GLIBC__
    /* keep freed memory in the process: fresh pages for each large record
     * would swamp the ratio of the plugin's own work */
    mallopt(M_MMAP_THRESHOLD, 1 << 30);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
#endif
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(one_name),       cmocka_unit_test(two_cities),      cmocka_unit_test(town_region),
        cmocka_unit_test(pairs),          cmocka_unit_test(list_of_places),  cmocka_unit_test(list_of_regions),
        cmocka_unit_test(surnames),       cmocka_unit_test(villages),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
