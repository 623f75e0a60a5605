/* test_geonames.c -- the GeoNames option on small dump files written by
 * these tests (invented villages beside real countries), and, when a real
 * GeoNames cities500.txt is there, on the real table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "quarry/testkit.h"

static char dir[64];

static int dir_setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/test_geonames_XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int dir_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *write_file(const char *name, const char *text)
{
    static char path[8][160];
    static int next;
    char *p = path[next++ % 8];
    snprintf(p, sizeof path[0], "%s/%s", dir, name);
    FILE *f = fopen(p, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* One line of the geoname table: the columns the reader uses, the rest
 * empty or zero as GeoNames leaves them. */
#define ROW(id, name, alts, lat, lon, fclass, fcode, cc, a1, pop)                                               \
    id "\t" name "\t" name "\t" alts "\t" lat "\t" lon "\t" fclass "\t" fcode "\t" cc "\t\t" a1 "\t\t\t\t" pop \
       "\t\t0\tEurope/Warsaw\t2024-01-01\n"

static const char table[] =
    ROW("9000001", "Zdrojowice", "Zdroje", "52.101", "20.502", "P", "PPL", "PL", "78", "800")
    ROW("9000002", "Mazowieckie", "Masovia", "52.5", "21.0", "A", "ADM1", "PL", "78", "5400000")
    ROW("9000003", "Republic of Poland", "", "52.0", "19.0", "A", "PCLI", "PL", "00", "38000000")
    ROW("9000004", "Frankfurt am Main", "Frankfurt,Francfort", "50.11552", "8.68417", "P", "PPLA2", "DE", "05", "650000")
    ROW("9000005", "Wyspa Wężowa", "Snake Island", "45.255", "30.204", "T", "ISL", "UA", "", "0")
    ROW("9000006", "Kolonia Stara", "", "52.12", "20.48", "P", "PPLH", "PL", "78", "0")
    ROW("9000007", "Wellbrook", "", "52.2", "20.6", "P", "PPL", "PL", "78", "600");

static qry_testkit *with_dump(const char *const *extra)
{
    const char *opts[16] = {"geonames", write_file("table.txt", table), "cache", "false"};
    size_t n = 4;
    for (size_t i = 0; extra && extra[i] && n + 2 < 16; i++)
        opts[n++] = extra[i];
    opts[n] = NULL;
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!tk)
        fail_msg("create failed: %s", err);
    return tk;
}

static const char *attr(qry_testkit *tk, const char *text, const char *key)
{
    return qry_testkit_attr_of(tk, "location", text, key);
}

static void village_needs_support(void **state)
{
    (void)state;
    qry_testkit *tk = with_dump(NULL);
    /* alone it is only a word; after a preposition of place, its region
     * named or a place near it vouches for it */
    assert_int_equal(qry_testkit_run(tk, "Zdrojowice won the match."), 0);
    assert_null(qry_testkit_find(tk, "location", "Zdrojowice"));
    assert_int_equal(qry_testkit_run(tk, "Floods reached Zdrojowice, Mazowieckie, on Monday."), 0);
    assert_string_equal(attr(tk, "Zdrojowice", "country_code"), "PL");
    assert_string_equal(attr(tk, "Zdrojowice", "kind"), "city");
    assert_string_equal(attr(tk, "Zdrojowice", "lat"), "52.101");
    assert_int_equal(qry_testkit_run(tk, "Farmers in Mazowieckie fled from Zdrojowice to Wellbrook."), 0);
    assert_non_null(qry_testkit_find(tk, "location", "Zdrojowice"));
    assert_non_null(qry_testkit_find(tk, "location", "Wellbrook"));
    /* a village needs a preposition of place; one the document also writes
     * in lower case is that word */
    assert_int_equal(qry_testkit_run(tk, "Farmers in Mazowieckie said Zdrojowice flooded."), 0);
    assert_null(qry_testkit_find(tk, "location", "Zdrojowice"));
    assert_int_equal(qry_testkit_run(tk, "In Mazowieckie, we met in Wellbrook by a wellbrook."), 0);
    assert_null(qry_testkit_find(tk, "location", "Wellbrook"));
    qry_testkit_free(tk);
}

static void alternate_names_and_features(void **state)
{
    (void)state;
    qry_testkit *tk = with_dump(NULL);
    assert_int_equal(qry_testkit_run(tk, "Flights to Frankfurt resumed; ships passed Snake Island."), 0);
    assert_string_equal(attr(tk, "Frankfurt", "name"), "Frankfurt am Main");
    assert_string_equal(attr(tk, "Frankfurt", "country_code"), "DE");
    assert_string_equal(attr(tk, "Snake Island", "name"), "Wyspa Wężowa");
    assert_string_equal(attr(tk, "Snake Island", "kind"), "other");
    /* a short form of the name ("Frankfurt") is the name English uses;
     * another language's ("Francfort") needs the support a village needs */
    assert_int_equal(qry_testkit_run(tk, "Frankfurt stocks rose. Francfort stocks fell."), 0);
    assert_string_equal(attr(tk, "Frankfurt", "name"), "Frankfurt am Main");
    assert_null(qry_testkit_find(tk, "location", "Francfort"));
    assert_int_equal(qry_testkit_run(tk, "Trains from Germany to Francfort ran."), 0);
    assert_string_equal(attr(tk, "Francfort", "name"), "Frankfurt am Main");
    /* a historical place (PPLH) is not kept */
    assert_int_equal(qry_testkit_run(tk, "In Mazowieckie, Kolonia Stara is gone."), 0);
    assert_null(qry_testkit_find(tk, "location", "Kolonia Stara"));
    qry_testkit_free(tk);
}

static void country_and_region_take_geonames_points(void **state)
{
    (void)state;
    qry_testkit *tk = with_dump(NULL);
    assert_int_equal(qry_testkit_run(tk, "Poland said Mazowieckie and Masovia flooded."), 0);
    assert_string_equal(attr(tk, "Poland", "lat"), "52");
    assert_string_equal(attr(tk, "Mazowieckie", "lat"), "52.5");
    assert_string_equal(attr(tk, "Masovia", "name"), "Mazowieckie");
    assert_string_equal(attr(tk, "Masovia", "kind"), "region");
    qry_testkit_free(tk);
}

static void regions_without_adm1_line_take_their_places_middle(void **state)
{
    (void)state;
    /* a cities table has no ADM1 lines: Lubelskie and Alaska are placed at
     * the middle of the extent of their places (Alaska's across 180 degrees),
     * the fixture's places lying outside libgeonames' cities of both */
    const char *t = write_file("regions.txt", ROW("9100001", "Wschodowo", "", "50.0", "24.5", "P", "PPL", "PL", "75", "900")
                                                  ROW("9100002", "Zachodowo", "", "53.0", "21.0", "P", "PPL", "PL", "75", "900")
                                                  ROW("9100003", "Srodkowo", "", "51.5", "22.0", "P", "PPL", "PL", "75", "900")
                                                  ROW("9100004", "Westpoint", "", "51.0", "178.0", "P", "PPL", "US", "AK", "900")
                                                  ROW("9100005", "Eastpoint", "", "71.0", "-130.0", "P", "PPL", "US", "AK", "900")
                                                  ROW("9100006", "Midpoint", "", "60.0", "-150.0", "P", "PPL", "US", "AK", "900"));
    const char *a1 = write_file("admin1_regions.txt", "PL.75\tLubelskie\tLubelskie\t858785\n");
    const char *opts[] = {"geonames", t, "geonames_admin1", a1, "cache", "false", NULL};
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!tk)
        fail_msg("create failed: %s", err);
    assert_int_equal(qry_testkit_run(tk, "Floods hit Lubelskie; snow fell on Alaska."), 0);
    assert_string_equal(attr(tk, "Lubelskie", "lat"), "51.5");
    assert_string_equal(attr(tk, "Lubelskie", "lon"), "22.75");
    assert_string_equal(attr(tk, "Alaska", "lat"), "61");
    assert_string_equal(attr(tk, "Alaska", "lon"), "-156");
    qry_testkit_free(tk);
}

static void admin1_codes_link_villages(void **state)
{
    (void)state;
    /* without the ADM1 line, admin1CodesASCII.txt names code 78 */
    const char *t = write_file("t2.txt", ROW("9000001", "Zdrojowice", "", "52.101", "20.502", "P", "PPL", "PL", "78", "800"));
    const char *a1 = write_file("admin1.txt", "PL.78\tMazowieckie\tMazowieckie\t858787\n");
    const char *opts[] = {"geonames", t, "geonames_admin1", a1, "cache", "false", NULL};
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "Floods reached Zdrojowice, Mazowieckie."), 0);
    assert_string_equal(attr(tk, "Zdrojowice", "country_code"), "PL");
    qry_testkit_free(tk);
}

static void counties_from_admin2_codes(void **state)
{
    (void)state;
    /* two villages of county PL.78.1465 and no ADM2 line: the county is at their mean point */
    const char *t = write_file("t3.txt", "9000001\tZdrojowice\tZdrojowice\t\t52.0\t20.0\tP\tPPL\tPL\t\t78\t1465"
                                         "\t\t\t800\t\t0\tEurope/Warsaw\t2024-01-01\n"
                                         "9000007\tWellbrook\tWellbrook\t\t52.2\t20.4\tP\tPPL\tPL\t\t78\t1465"
                                         "\t\t\t600\t\t0\tEurope/Warsaw\t2024-01-01\n");
    const char *a2 = write_file("admin2.txt", "PL.78.1465\tPowiat Zdrojowski\tPowiat Zdrojowski\t9000100\n"
                                              "PL.78.1466\tPowiat Pusty\tPowiat Pusty\t9000101\n");
    const char *opts[] = {"geonames", t, "geonames_admin2", a2, "cache", "false", NULL};
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!tk)
        fail_msg("create failed: %s", err);
    assert_int_equal(qry_testkit_run(tk, "Storms hit Powiat Zdrojowski; Powiat Pusty was spared."), 0);
    assert_string_equal(attr(tk, "Powiat Zdrojowski", "kind"), "region");
    assert_string_equal(attr(tk, "Powiat Zdrojowski", "lat"), "52.1");
    assert_string_equal(attr(tk, "Powiat Zdrojowski", "lon"), "20.2");
    assert_null(qry_testkit_find(tk, "location", "Powiat Pusty")); /* no places, no point: not made */
    qry_testkit_free(tk);
}

static void country_info_and_alternate_names_file(void **state)
{
    (void)state;
    const char *ci = write_file("countryInfo.txt",
                                "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea\tPopulation\tContinent\ttld\t"
                                "CurrencyCode\tCurrencyName\tPhone\tPostal\tRegex\tLanguages\tgeonameid\tneighbours\tFips\n"
                                "XZ\tXZX\t0\tZZ\tZembla\tOnhava\t10908\t1800000\tEU\t\tEUR\tEuro\t\t\t\ten\t9000099\t\t\n");
    const char *alt = write_file("alternateNamesV2.txt", "1\t9000001\ten\tSpring Village\t\t\t\t\t\t\n"
                                                          "2\t9000001\ten\tOld Springs\t\t\t\t1\t\t\n");
    const char *extra[] = {"geonames_countries", ci, "geonames_alternates", alt, NULL};
    qry_testkit *tk = with_dump(extra);
    /* a country iso-codes lacks (an invented one here) */
    assert_int_equal(qry_testkit_run(tk, "Zembla and Mazowieckie: we met in Spring Village, not in Old Springs."), 0);
    assert_string_equal(attr(tk, "Zembla", "kind"), "country");
    assert_string_equal(attr(tk, "Zembla", "country_code"), "XZ");
    assert_string_equal(attr(tk, "Spring Village", "name"), "Zdrojowice");
    assert_null(qry_testkit_find(tk, "location", "Old Springs")); /* historic */
    qry_testkit_free(tk);
}

static void expect_create_error(const char *const *opts, const char *needle)
{
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    if (!strstr(err, needle))
        fail_msg("error \"%s\" does not say \"%s\"", err, needle);
}

static void bad_dump_lines_are_named(void **state)
{
    (void)state;
    char want[256];
    const char *t = write_file("bad1.txt", ROW("9000001", "Zdrojowice", "", "52.1", "20.5", "P", "PPL", "PL", "78", "800")
                                               "9000002\tShort\tline\n");
    const char *o1[] = {"geonames", t, "cache", "false", NULL};
    snprintf(want, sizeof want, "%s:2: expected 19 tab-separated columns, found 3", t);
    expect_create_error(o1, want);
    t = write_file("bad2.txt", ROW("9000001", "Zdrojowice", "", "152.1", "20.5", "P", "PPL", "PL", "78", "800"));
    const char *o2[] = {"geonames", t, "cache", "false", NULL};
    snprintf(want, sizeof want, "%s:1: bad latitude or longitude", t);
    expect_create_error(o2, want);
    t = write_file("bad3.txt", ROW("9000001", "Zdrojowice", "", "52.1", "20.5", "P", "PPL", "PL", "78", "many"));
    const char *o3[] = {"geonames", t, "cache", "false", NULL};
    snprintf(want, sizeof want, "%s:1: population is not a number", t);
    expect_create_error(o3, want);
    const char *a1 = write_file("bad_admin1.txt", "PL.78\tMazowieckie\tMazowieckie\t1\nPL.80 Podkarpackie\n");
    const char *o4[] = {"geonames", write_file("ok.txt", table), "geonames_admin1", a1, "cache", "false", NULL};
    snprintf(want, sizeof want, "%s:2: expected CODE<TAB>NAME<TAB>ASCII NAME<TAB>GEONAMEID", a1);
    expect_create_error(o4, want);
    const char *o5[] = {"geonames_admin1", a1, NULL};
    expect_create_error(o5, "geonames_admin1 needs the geonames table option too");
    const char *o6[] = {"geonames", "/nonexistent/allCountries.txt", NULL};
    expect_create_error(o6, "geonames file '/nonexistent/allCountries.txt' not found");
}

/* ---- the real GeoNames cities500.txt (tests/data/fetch_cities500.sh) ---- */

static void real_cities500(void **state)
{
    (void)state;
    const char *opts[] = {"geonames", getenv("QUARRY_CITIES500"), NULL};
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!tk)
        fail_msg("create failed: %s", err);
    assert_int_equal(qry_testkit_run(tk, "Shelling near Sievierodonetsk; jets flew from Ramstein to Frankfurt. "
                                         "In Lewisburg, Pa., and Oxford, N.C., schools closed."),
                     0);
    assert_string_equal(attr(tk, "Sievierodonetsk", "country_code"), "UA");
    assert_string_equal(attr(tk, "Ramstein", "country_code"), "DE");
    assert_string_equal(attr(tk, "Frankfurt", "name"), "Frankfurt am Main");
    assert_string_equal(attr(tk, "Lewisburg", "country_code"), "US");
    assert_string_equal(attr(tk, "Pa.", "name"), "Pennsylvania");
    assert_string_equal(attr(tk, "Oxford", "country_code"), "US");
    assert_string_equal(attr(tk, "N.C.", "name"), "North Carolina");
    /* a name several towns share is the one near the document's other places */
    assert_int_equal(qry_testkit_run(tk, "Durham and Raleigh officials said Oxford is growing."), 0);
    const char *lat = attr(tk, "Oxford", "lat");
    assert_non_null(lat);
    assert_true(strncmp(lat, "36.3", 4) == 0); /* Oxford, North Carolina */
    /* a village named like a country is not what "Russia, U.S. officials" pairs */
    assert_int_equal(qry_testkit_run(tk, "On Trump's ties to Russia, U.S. officials said little."), 0);
    assert_string_equal(attr(tk, "Russia", "country_code"), "RU");
    /* a region, not a village of its country named like it */
    assert_int_equal(qry_testkit_run(tk, "Offices in southern California, United States, got mail. "
                                         "Sen. Marco Rubio of Florida spoke."),
                     0);
    assert_string_equal(attr(tk, "California", "kind"), "region");
    assert_string_equal(attr(tk, "Florida", "kind"), "region");
    /* words and first names are not villages */
    assert_int_equal(qry_testkit_run(tk, "She said many people would come. But Tim Walsh stayed home."), 0);
    assert_int_equal(qry_testkit_count(tk), 0);
    qry_testkit_free(tk);
}

/* test_geonames            the tests' own dump files
 * test_geonames cities500  the real table at $QUARRY_CITIES500; exits 77
 *                          (ctest: skipped) with a message when it is absent */
int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(village_needs_support),
        cmocka_unit_test(alternate_names_and_features),
        cmocka_unit_test(country_and_region_take_geonames_points),
        cmocka_unit_test(regions_without_adm1_line_take_their_places_middle),
        cmocka_unit_test(admin1_codes_link_villages),
        cmocka_unit_test(counties_from_admin2_codes),
        cmocka_unit_test(country_info_and_alternate_names_file),
        cmocka_unit_test(bad_dump_lines_are_named),
    };
    const struct CMUnitTest real[] = {cmocka_unit_test(real_cities500)};
    if (argc > 1 && strcmp(argv[1], "cities500") == 0) {
        const char *path = getenv("QUARRY_CITIES500");
        struct stat st;
        if (!path || stat(path, &st) != 0) {
            printf("skipped: no GeoNames cities500.txt at %s (tests/data/fetch_cities500.sh DIR puts one in DIR)\n",
                   path ? path : "$QUARRY_CITIES500");
            return 77;
        }
        return cmocka_run_group_tests_name("geonames cities500", real, NULL, NULL);
    }
    return cmocka_run_group_tests_name("geonames dump files", tests, dir_setup, dir_teardown);
}
