/* test_rules.c -- the rules plugin on one text at a time (testkit): each
 * rule kind, overlaps, case, Unicode, and bad rule files. The rule files
 * are written by the tests into a fresh directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "quarry/testkit.h"

const qry_plugin_descriptor *quarry_plugin_entry(void);

static char dir[] = "/tmp/quarry-rules-XXXXXX";
static char paths[32][512];
static size_t n_paths;

/* Write `content` to dir/name; returns the file's path. */
static const char *file(const char *name, const char *content)
{
    char *path = paths[n_paths++ % 32];
    snprintf(path, 512, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
    return path;
}

static int make_dir(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int remove_dir(void **state)
{
    (void)state;
    for (size_t k = 0; k < n_paths && k < 32; k++)
        remove(paths[k]);
    return rmdir(dir);
}

/* A testkit over the options (key, value, ..., NULL); fails the test with
 * the reason when create() fails. */
static qry_testkit *kit(const char *first, ...)
{
    const char *opts[32];
    size_t n = 0;
    va_list ap;
    va_start(ap, first);
    for (const char *s = first; s && n < 30; s = va_arg(ap, const char *))
        opts[n++] = s;
    va_end(ap);
    opts[n] = NULL;
    char err[2048];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!tk)
        fail_msg("create failed: %s", err);
    return tk;
}

/* create() must fail; returns its message (static). */
static const char *kit_error(const char *first, ...)
{
    static char err[2048];
    const char *opts[32];
    size_t n = 0;
    va_list ap;
    va_start(ap, first);
    for (const char *s = first; s && n < 30; s = va_arg(ap, const char *))
        opts[n++] = s;
    va_end(ap);
    opts[n] = NULL;
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (tk) {
        qry_testkit_free(tk);
        fail_msg("create succeeded, expected an error");
    }
    return err;
}

static void print_found(const qry_testkit *tk)
{
    for (size_t i = 0; i < qry_testkit_count(tk); i++)
        fprintf(stderr, "  found %s [%s]\n", qry_testkit_entity(tk, i)->type, qry_testkit_entity(tk, i)->text);
}

/* Run text and return the number of entities (listing them on stderr when
 * the count is not `want`, to make a failure readable). */
static size_t run_want(qry_testkit *tk, const char *text, size_t want)
{
    assert_int_equal(qry_testkit_run(tk, text), 0);
    if (qry_testkit_count(tk) != want)
        print_found(tk);
    return qry_testkit_count(tk);
}
#define run(tk, text) run_want((tk), (text), (size_t)-1)

static void expect(const qry_testkit *tk, const char *type, const char *text)
{
    if (!qry_testkit_find(tk, type, text)) {
        print_found(tk);
        fail_msg("no %s '%s'", type, text);
    }
}

/* ---- phrase lists ---- */

static void test_phrases_find_entries_with_attributes(void **state)
{
    (void)state;
    const char *ph = file("companies.tsv", "# defence companies\n"
                                           "Lockheed Martin\torg\tlabel=defence_company\tcountry=US\n"
                                           "BAE Systems\torg\tcountry=GB\n"
                                           "Su-25\tproduct\tcategory=aircraft\n"
                                           "Lt. Col.\trank\tcode=OF-4\n");
    qry_testkit *tk = kit("phrases", ph, NULL);
    assert_int_equal(run_want(tk, "Shares of Lockheed Martin and BAE Systems rose; Lt. Col. Ames flew a Su-25.", 4), 4);
    assert_string_equal(qry_testkit_attr_of(tk, "org", "Lockheed Martin", "label"), "defence_company");
    assert_string_equal(qry_testkit_attr_of(tk, "org", "Lockheed Martin", "country"), "US");
    assert_string_equal(qry_testkit_attr_of(tk, "org", "BAE Systems", "country"), "GB");
    assert_string_equal(qry_testkit_attr_of(tk, "rank", "Lt. Col.", "code"), "OF-4");
    expect(tk, "product", "Su-25");
    assert_null(qry_testkit_attr_of(tk, "org", "BAE Systems", "label"));
    qry_testkit_free(tk);
}

static void test_phrases_respect_token_boundaries_and_spacing(void **state)
{
    (void)state;
    const char *ph = file("bound.tsv", "Martin\tperson\nSu-25\tproduct\nNew York\tmisc\n");
    qry_testkit *tk = kit("phrases", ph, NULL);
    /* inside a longer word, spaced differently, or across a sentence: no */
    assert_int_equal(run_want(tk, "Martinez flew a Su - 25 to New. York is far.", 0), 0);
    /* white space of any kind and width between words is one space */
    assert_int_equal(run_want(tk, "We saw New \t York and Martin.", 2), 2);
    expect(tk, "misc", "New \t York");
    expect(tk, "person", "Martin");
    qry_testkit_free(tk);
}

static void test_phrases_scale_without_per_entry_cost(void **state)
{
    (void)state;
    /* 20,000 entries sharing first words: still only the right ones match */
    char *big = malloc(20000 * 40);
    assert_non_null(big);
    size_t used = 0;
    for (int k = 0; k < 20000; k++)
        used += (size_t)sprintf(big + used, "Alpha Group %d\torg\tid=%d\n", k, k);
    const char *ph = file("big.tsv", big);
    free(big);
    qry_testkit *tk = kit("phrases", ph, NULL);
    assert_int_equal(run_want(tk, "Alpha Group 17 and alpha group 19999 but not Alpha Group 20000 or Alpha Group.", 2), 2);
    assert_string_equal(qry_testkit_attr_of(tk, "org", "Alpha Group 17", "id"), "17");
    assert_string_equal(qry_testkit_attr_of(tk, "org", "alpha group 19999", "id"), "19999");
    qry_testkit_free(tk);
}

/* ---- case ---- */

static void test_case_insensitive_by_default_and_case_per_entry(void **state)
{
    (void)state;
    const char *ph = file("case.tsv", "Major\trank\tcase\nNATO\torg\n");
    qry_testkit *tk = kit("phrases", ph, NULL);
    assert_int_equal(run_want(tk, "Major Ames of nato said the major point was NATO's.", 3), 3);
    expect(tk, "rank", "Major");
    expect(tk, "org", "nato");
    expect(tk, "org", "NATO");
    assert_null(qry_testkit_find(tk, "rank", "major"));
    qry_testkit_free(tk);
}

static void test_case_sensitive_option_with_anycase_entries(void **state)
{
    (void)state;
    const char *ph = file("case2.tsv", "US\tmisc\nRheinmetall\torg\tanycase\n");
    qry_testkit *tk = kit("phrases", ph, "case_sensitive", "yes", NULL);
    assert_int_equal(run_want(tk, "Give us the US deal, said RHEINMETALL.", 2), 2);
    expect(tk, "misc", "US");
    expect(tk, "org", "RHEINMETALL");
    qry_testkit_free(tk);
}

/* ---- Unicode ---- */

static void test_unicode_folding(void **state)
{
    (void)state;
    const char *ph = file("uni.tsv", "Łódź\tmisc\nStraße des 17. Juni\tfacility\nRussia's army\tgroup\n"
                                     "Zelenskyy\tperson\n");
    qry_testkit *tk = kit("phrases", ph, NULL);
    /* full case folding, typographic apostrophes, capitals with accents */
    assert_int_equal(run_want(tk, "In ŁÓDŹ, on the STRASSE DES 17. JUNI, Russia’s army met ZELENSKYY.", 4), 4);
    expect(tk, "misc", "ŁÓDŹ");
    expect(tk, "facility", "STRASSE DES 17. JUNI");
    expect(tk, "group", "Russia’s army");
    /* accents count unless ignore_accents */
    assert_int_equal(run_want(tk, "Lodz", 0), 0);
    qry_testkit_free(tk);
    tk = kit("phrases", ph, "ignore_accents", "yes", NULL);
    assert_int_equal(run_want(tk, "Lodz and lódz", 2), 2);
    qry_testkit_free(tk);
}

/* ---- token patterns ---- */

static void test_patterns_words_tests_and_repeats(void **state)
{
    (void)state;
    const char *pt = file("units.tsv",
                          "[number] [lower=st|nd|rd|th nospace] [cap]{0,3} branch:[lower=brigade|division]\tunit\n"
                          "\"Gen.\" name:[cap]+\tperson\tlabel=general\n"
                          "[shape=dddd] [lower=budget]\tmisc\n"
                          "air defen[cs]e\tmisc\n");
    qry_testkit *tk = kit("patterns", pt, NULL);
    assert_int_equal(run_want(tk, "The 72nd Separate Mechanized Brigade and the 3rd Division held; Gen. Mark Milley "
                             "spoke of the 2024 budget.", 4), 4);
    assert_string_equal(qry_testkit_attr_of(tk, "unit", "72nd Separate Mechanized Brigade", "branch"), "Brigade");
    expect(tk, "unit", "3rd Division");
    assert_string_equal(qry_testkit_attr_of(tk, "person", "Gen. Mark Milley", "name"), "Mark Milley");
    assert_string_equal(qry_testkit_attr_of(tk, "person", "Gen. Mark Milley", "label"), "general");
    expect(tk, "misc", "2024 budget");
    /* a bare word is a literal, so [cs] is not a class; "gen." with another case is not "Gen." */
    assert_int_equal(run_want(tk, "gen. Mark spoke of air defence and the 72 nd Brigade.", 0), 0);
    qry_testkit_free(tk);
}

static void test_patterns_negation_optional_and_sentences(void **state)
{
    (void)state;
    const char *pt = file("neg.tsv", "[lower=minister] of [!lower=the cap]+\ttitle\n"
                                     "[cap] [punct]? [lower=said]\tmisc\n");
    qry_testkit *tk = kit("patterns", pt, NULL);
    assert_int_equal(run_want(tk, "The Minister of Defence Boris Pistorius met the minister of the Interior.", 1), 1);
    expect(tk, "title", "Minister of Defence Boris Pistorius");
    /* never across a sentence boundary */
    assert_int_equal(run_want(tk, "It ended. Ames said so.", 1), 1);
    expect(tk, "misc", "Ames said");
    assert_int_equal(run_want(tk, "He met Ames. Said nothing.", 0), 0);
    qry_testkit_free(tk);
}

/* ---- regular expressions ---- */

static void test_regexes_named_groups_and_token_grid(void **state)
{
    (void)state;
    const char *rx = file("dates.tsv", "(?<year>\\d{4})-(?<month>\\d\\d)-(?<day>\\d\\d)\tdate\tlabel=iso\n"
                                       "(?i)hull (?<code>[A-Z]{2,3}-\\d+)\tproduct\n"
                                       "\\d+ km\tquantity\n");
    qry_testkit *tk = kit("regexes", rx, NULL);
    assert_int_equal(run_want(tk, "On 2023-03-12 the Hull DDG-51 sailed 40 km.", 3), 3);
    assert_string_equal(qry_testkit_attr_of(tk, "date", "2023-03-12", "year"), "2023");
    assert_string_equal(qry_testkit_attr_of(tk, "date", "2023-03-12", "month"), "03");
    assert_string_equal(qry_testkit_attr_of(tk, "date", "2023-03-12", "day"), "12");
    assert_string_equal(qry_testkit_attr_of(tk, "date", "2023-03-12", "label"), "iso");
    assert_string_equal(qry_testkit_attr_of(tk, "product", "Hull DDG-51", "code"), "DDG-51");
    expect(tk, "quantity", "40 km");
    /* a match must start and end on token boundaries */
    assert_int_equal(run_want(tk, "x12023-03-12 and 140 kms", 0), 0);
    qry_testkit_free(tk);
}

/* ---- overlaps ---- */

static void test_overlaps_longest_then_first_rule(void **state)
{
    (void)state;
    const char *ph = file("ov.tsv", "New York\tmisc\nNew York Times\torg\nParis\tperson\nParis\tmisc\n");
    const char *rx = file("ov_rx.tsv", "York Times Square\tfacility\n");
    qry_testkit *tk = kit("phrases", ph, "regexes", rx, NULL);
    /* the regex's longer span wins over the overlapping phrase; ties go to the rule listed first */
    assert_int_equal(run_want(tk, "New York Times Square and New York Times and Paris.", 3), 3);
    expect(tk, "facility", "York Times Square");
    assert_null(qry_testkit_find(tk, "misc", "New York"));
    expect(tk, "org", "New York Times");
    expect(tk, "person", "Paris");
    assert_null(qry_testkit_find(tk, "misc", "Paris"));
    qry_testkit_free(tk);
}

static void test_overlap_all_keeps_every_match(void **state)
{
    (void)state;
    const char *ph = file("ov2.tsv", "New York\tmisc\nNew York Times\torg\nParis\tperson\nParis\tmisc\n");
    qry_testkit *tk = kit("phrases", ph, "overlap", "all", NULL);
    assert_int_equal(run_want(tk, "The New York Times in Paris.", 4), 4);
    expect(tk, "misc", "New York");
    expect(tk, "org", "New York Times");
    expect(tk, "person", "Paris");
    expect(tk, "misc", "Paris");
    qry_testkit_free(tk);
}

static void test_trace_names_the_rule(void **state)
{
    (void)state;
    const char *ph = file("trace.tsv", "# comment\n\nThales\torg\n");
    qry_testkit *tk = kit("phrases", ph, "trace", "on", NULL);
    assert_int_equal(run_want(tk, "Thales won.", 1), 1);
    char want[600];
    snprintf(want, sizeof want, "%s:3", ph);
    assert_string_equal(qry_testkit_attr_of(tk, "org", "Thales", "rule"), want);
    qry_testkit_free(tk);
}

/* ---- bad rule files ---- */

static void test_bad_phrase_list_reports_every_line(void **state)
{
    (void)state;
    const char *ph = file("bad.tsv", "Fine\torg\n"
                                     "Typo\torgs\n"
                                     "Colour\torg\tcolour=red\n"
                                     "Fine\torg\n"
                                     "NoType\n");
    const char *err = kit_error("phrases", ph, NULL);
    char want[700];
    /* all four bad lines are counted; the first named with FILE:LINE */
    assert_non_null(strstr(err, "4 problems"));
    snprintf(want, sizeof want, "%s:2: unknown entity type 'orgs'", ph);
    assert_non_null(strstr(err, want));
    (void)want;
}

static void test_bad_pattern_and_regex_lines(void **state)
{
    (void)state;
    const char *pt = file("badpt.tsv", "<tank> for <money>\tevent\n");
    const char *err = kit_error("patterns", pt, NULL);
    char want[700];
    snprintf(want, sizeof want, "%s:1: <tank>: rules reads only", pt);
    assert_non_null(strstr(err, want));
    const char *rx = file("badrx.tsv", "ok\tmisc\n(?<year>\\d{4}\tdate\n");
    err = kit_error("regexes", rx, NULL);
    snprintf(want, sizeof want, "%s:2: bad regular expression: missing closing parenthesis", rx);
    assert_non_null(strstr(err, want));
    const char *rx2 = file("badrx2.tsv", "(?<colour>red)\tmisc\n");
    err = kit_error("regexes", rx2, NULL);
    assert_non_null(strstr(err, "named group 'colour' is not an attribute rules can set"));
}

static void test_bad_options(void **state)
{
    (void)state;
    assert_non_null(strstr(kit_error("trace", "yes", NULL), "no rule files"));
    const char *ph = file("ok.tsv", "Thales\torg\n");
    assert_non_null(strstr(kit_error("phrases", ph, "overlap", "shortest", NULL), "overlap: 'shortest'"));
    assert_non_null(strstr(kit_error("phrases", "no-such-file.tsv", NULL), "no-such-file.tsv"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_phrases_find_entries_with_attributes),
        cmocka_unit_test(test_phrases_respect_token_boundaries_and_spacing),
        cmocka_unit_test(test_phrases_scale_without_per_entry_cost),
        cmocka_unit_test(test_case_insensitive_by_default_and_case_per_entry),
        cmocka_unit_test(test_case_sensitive_option_with_anycase_entries),
        cmocka_unit_test(test_unicode_folding),
        cmocka_unit_test(test_patterns_words_tests_and_repeats),
        cmocka_unit_test(test_patterns_negation_optional_and_sentences),
        cmocka_unit_test(test_regexes_named_groups_and_token_grid),
        cmocka_unit_test(test_overlaps_longest_then_first_rule),
        cmocka_unit_test(test_overlap_all_keeps_every_match),
        cmocka_unit_test(test_trace_names_the_rule),
        cmocka_unit_test(test_bad_phrase_list_reports_every_line),
        cmocka_unit_test(test_bad_pattern_and_regex_lines),
        cmocka_unit_test(test_bad_options),
    };
    return cmocka_run_group_tests(tests, make_dir, remove_dir);
}
