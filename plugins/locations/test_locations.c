/* test_locations.c -- the locations plugin on sentences written for these
 * tests: one test per rule of issue #6 and GUIDELINES.md. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "quarry/testkit.h"

static int setup(void **state)
{
    char err[512];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, err, sizeof err);
    if (!tk)
        fprintf(stderr, "create failed: %s\n", err);
    *state = tk;
    return tk ? 0 : -1;
}

static int teardown(void **state)
{
    qry_testkit_free(*state);
    return 0;
}

static qry_testkit *run(void **state, const char *text)
{
    qry_testkit *tk = *state;
    assert_int_equal(qry_testkit_run(tk, text), 0);
    return tk;
}

static const char *attr(qry_testkit *tk, const char *text, const char *key)
{
    return qry_testkit_attr_of(tk, "location", text, key);
}

static void assert_place(qry_testkit *tk, const char *text, const char *name, const char *kind, const char *cc)
{
    const qry_test_entity *e = qry_testkit_find(tk, "location", text);
    if (!e)
        fail_msg("no location \"%s\"", text);
    assert_string_equal(attr(tk, text, "name"), name);
    assert_string_equal(attr(tk, text, "kind"), kind);
    if (cc)
        assert_string_equal(attr(tk, text, "country_code"), cc);
    else
        assert_null(attr(tk, text, "country_code"));
}

static void countries_and_cities(void **state)
{
    qry_testkit *tk = run(state, "Talks between Ukraine and North Korea moved from Kyiv to Vilnius.");
    assert_int_equal(qry_testkit_count(tk), 4);
    assert_place(tk, "Ukraine", "Ukraine", "country", "UA");
    assert_place(tk, "North Korea", "North Korea", "country", "KP");
    assert_place(tk, "Kyiv", "Kyiv", "city", "UA");
    assert_place(tk, "Vilnius", "Vilnius", "city", "LT");
    assert_non_null(attr(tk, "Kyiv", "lat"));
    assert_non_null(attr(tk, "Kyiv", "population"));
}

static void possessive_outside_span(void **state)
{
    qry_testkit *tk = run(state, "Russia\xE2\x80\x99s navy and Canada's coast guard met.");
    assert_int_equal(qry_testkit_count(tk), 2);
    assert_place(tk, "Russia", "Russia", "country", "RU");
    assert_place(tk, "Canada", "Canada", "country", "CA");
}

static void abbreviations_of_countries(void **state)
{
    qry_testkit *tk = run(state, "The U.S. joined the U.K.; the USA and the UK signed, then the U.S went home.");
    assert_place(tk, "U.S.", "United States", "country", "US");
    assert_place(tk, "U.K.", "United Kingdom", "country", "GB");
    assert_place(tk, "USA", "United States", "country", "US");
    assert_place(tk, "UK", "United Kingdom", "country", "GB");
    assert_place(tk, "U.S", "United States", "country", "US");
}

static void pronoun_us_is_not_a_country(void **state)
{
    qry_testkit *tk = run(state, "Tell us more. FOLLOW US ON SOCIAL MEDIA");
    assert_int_equal(qry_testkit_count(tk), 0);
}

static void china_oklahoma_africa(void **state)
{
    qry_testkit *tk = run(state, "Exports from China to Africa rose, farmers in Oklahoma said.");
    assert_place(tk, "China", "China", "country", "CN");
    assert_place(tk, "Africa", "Africa", "continent", NULL);
    assert_place(tk, "Oklahoma", "Oklahoma", "region", "US");
}

static void demonyms_are_not_places(void **state)
{
    qry_testkit *tk = run(state, "European and Western leaders met Ukrainian and Russian envoys.");
    assert_int_equal(qry_testkit_count(tk), 0);
}

static void aliases_and_transliterations(void **state)
{
    qry_testkit *tk = run(state, "Old maps say Kiev and Kharkov; Britain and America still use them.");
    assert_place(tk, "Kiev", "Kyiv", "city", "UA");
    assert_place(tk, "Kharkov", "Kharkiv", "city", "UA");
    assert_place(tk, "Britain", "United Kingdom", "country", "GB");
    assert_place(tk, "America", "United States", "country", "US");
}

static void paris_france_by_population(void **state)
{
    qry_testkit *tk = run(state, "She flew to Paris for the summit.");
    assert_place(tk, "Paris", "Paris", "city", "FR");
}

static void city_state_pattern(void **state)
{
    qry_testkit *tk = run(state, "The band played in Paris, Texas, last night.");
    assert_place(tk, "Paris", "Paris", "city", "US");
    assert_place(tk, "Texas", "Texas", "region", "US");
}

static void city_state_code(void **state)
{
    qry_testkit *tk = run(state, "The port of Long Beach, CA handled more containers.");
    assert_place(tk, "Long Beach", "Long Beach", "city", "US");
    assert_place(tk, "CA", "California", "region", "US");
}

static void country_focus(void **state)
{
    qry_testkit *tk = run(state, "Across Canada, storms hit Ontario. Later the team reached London and Hamilton.");
    assert_place(tk, "London", "London", "city", "CA");
}

static void toronto_and_longest_match(void **state)
{
    qry_testkit *tk = run(state, "Flights from Toronto to New York and Kansas City were delayed.");
    assert_place(tk, "Toronto", "Toronto", "city", "CA");
    assert_place(tk, "New York", "New York", "city", "US");
    assert_place(tk, "Kansas City", "Kansas City", "city", "US");
    assert_int_equal(qry_testkit_count(tk), 3);
}

static void ambiguous_common_words(void **state)
{
    qry_testkit *tk = run(state, "It was nice reading about it. We drove from Bath to Nice and on to Reading.");
    assert_int_equal(qry_testkit_count(tk), 3);
    assert_place(tk, "Bath", "Bath", "city", "GB");
    assert_place(tk, "Nice", "Nice", "city", "FR");
    assert_place(tk, "Reading", "Reading", "city", "GB");
    tk = run(state, "Nice weather helped. Reading the map was easy. NICE WORK.");
    assert_int_equal(qry_testkit_count(tk), 0);
}

static void months_and_mobile(void **state)
{
    qry_testkit *tk = run(state, "In March the Mobile team moved its mobile phones.");
    assert_null(qry_testkit_find(tk, "location", "March"));
    assert_null(qry_testkit_find(tk, "location", "mobile"));
}

static const char org_text[] = "The U.K. Ministry of Defense and the Bank of England spoke; the Black Sea Fleet sailed.";

static void places_inside_organizations_are_flagged(void **state)
{
    qry_testkit *tk = run(state, org_text);
    assert_int_equal(qry_testkit_count(tk), 3);
    assert_string_equal(attr(tk, "U.K.", "in_org"), "true");
    assert_string_equal(attr(tk, "England", "in_org"), "true");
    assert_string_equal(attr(tk, "Black Sea", "in_org"), "true");
    tk = run(state, "Ships of the Black Sea Fleet left the Black Sea for London.");
    assert_null(attr(tk, "London", "in_org"));
    assert_int_equal(qry_testkit_count(tk), 3);
}

static void organizations_and_compounds(void **state)
{
    qry_testkit *tk = run(state, "Kentucky State Police joined a U.S.-led and Washington-based effort across the trans-Atlantic world.");
    assert_string_equal(attr(tk, "Kentucky", "in_org"), "true");
    assert_place(tk, "U.S.", "United States", "country", "US");
    assert_string_equal(attr(tk, "U.S.", "in_compound"), "true");
    assert_string_equal(attr(tk, "Washington", "in_compound"), "true");
    assert_null(qry_testkit_find(tk, "location", "Atlantic")); /* an adjective */
    assert_int_equal(qry_testkit_count(tk), 3);
}

static void org_places_false_drops_them(void **state)
{
    (void)state;
    char err[512];
    const char *opts[] = {"org_places", "false", "compound_places", "false", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, org_text), 0);
    assert_int_equal(qry_testkit_count(tk), 0);
    assert_int_equal(qry_testkit_run(tk, "A U.S.-led push reached Kentucky."), 0);
    assert_int_equal(qry_testkit_count(tk), 1);
    qry_testkit_free(tk);
}

static void seas_peninsulas_regions(void **state)
{
    qry_testkit *tk = run(state, "Ships left the Black Sea for the Crimean Peninsula, then Crimea, the Donbas and the Baltics.");
    assert_place(tk, "Black Sea", "Black Sea", "sea", NULL);
    assert_place(tk, "Crimean Peninsula", "Crimea", "peninsula", "UA");
    assert_place(tk, "Crimea", "Crimea", "region", "UA");
    assert_place(tk, "Donbas", "Donbas", "region", "UA");
    assert_place(tk, "Baltics", "Baltics", "region", NULL);
}

static void person_names_are_not_towns(void **state)
{
    qry_testkit *tk = run(state, "President Vladimir Putin and Lewis Hamilton met reporters in Moscow.");
    assert_int_equal(qry_testkit_count(tk), 1);
    assert_place(tk, "Moscow", "Moscow", "city", "RU");
}

static void headline_capitals(void **state)
{
    qry_testkit *tk = run(state, "AIR RAID SIRENS IN KYIV\nThe UN met.");
    assert_place(tk, "KYIV", "Kyiv", "city", "UA");
    assert_null(qry_testkit_find(tk, "location", "UN"));
}

static void washington_is_the_capital(void **state)
{
    qry_testkit *tk = run(state, "Officials in Washington said the plan was ready.");
    assert_place(tk, "Washington", "Washington", "city", "US");
}

static void a_region_over_a_town_of_its_name(void **state)
{
    /* Delaware, Ohio and Wyoming, Michigan are towns of 38,000 and 75,000:
     * the bare name is the state; New York City still is "New York" */
    qry_testkit *tk = run(state, "LE Central is a Delaware company. We looked from Montana to Wyoming.");
    assert_place(tk, "Delaware", "Delaware", "region", "US");
    assert_place(tk, "Wyoming", "Wyoming", "region", "US");
    tk = run(state, "Flights to New York were cancelled.");
    assert_place(tk, "New York", "New York", "city", "US");
    /* a region named after its own seat is the lesser place */
    tk = run(state, "Talks in Zurich and Geneva ended; Wellington agreed.");
    assert_place(tk, "Zurich", "Zurich", "city", "CH");
    assert_string_equal(attr(tk, "Geneva", "kind"), "city");
    assert_place(tk, "Wellington", "Wellington", "city", "NZ");
}

static void a_place_named_elsewhere_stays_one_beside_a_name(void **state)
{
    /* Kentucky is a place elsewhere in a story about the US: "Kentucky Fish
     * and Wildlife" keeps it, inside a longer name; Virginia, named nowhere
     * else, stays the first name */
    qry_testkit *tk = run(state, "Officers of Kentucky Fish and Wildlife came from Louisville. Snow hit Kentucky. "
                                 "Virginia Woolf wrote.");
    assert_int_equal(qry_testkit_count(tk), 3);
    assert_string_equal(qry_testkit_attr(tk, 0, "in_org"), "true");
    assert_null(qry_testkit_attr(tk, 2, "in_org"));
    assert_null(qry_testkit_find(tk, "location", "Virginia"));
    /* a city is a surname too: "But Halifax," does not make one of
     * "Nora Halifax" */
    tk = run(state, "Nora Halifax, a banker, spoke. But Halifax, who was away, agreed.");
    assert_int_equal(qry_testkit_count(tk), 0);
    /* a weekday or a sentence's first word is no part of a name */
    tk = run(state, "Snow will fall on Halifax Tuesday. Every Regina commuter called; not every one left.");
    assert_place(tk, "Halifax", "Halifax", "city", "CA");
    assert_place(tk, "Regina", "Regina", "city", "CA");
}

static void items_of_a_list_of_regions_are_regions(void **state)
{
    qry_testkit *tk = run(state, "Cases were found in Arizona, Georgia, New York, Washington and Wisconsin.");
    assert_place(tk, "Georgia", "Georgia", "region", "US");
    assert_place(tk, "New York", "New York", "region", "US");
    assert_place(tk, "Washington", "Washington", "region", "US");
    /* towns in the list keep it from being one of regions */
    tk = run(state, "Flights left Portland, Washington and Boston.");
    assert_place(tk, "Washington", "Washington", "city", "US");
}

static void hyphenated_adjective(void **state)
{
    qry_testkit *tk = run(state, "The trans-Atlantic alliance and the Russia-Ukraine war.");
    assert_null(qry_testkit_find(tk, "location", "Atlantic"));
    assert_non_null(qry_testkit_find(tk, "location", "Russia"));
    assert_non_null(qry_testkit_find(tk, "location", "Ukraine"));
}

/* The only entity of the last run starts at byte `start`. */
static void assert_only_at(qry_testkit *tk, const char *text, size_t start)
{
    assert_int_equal(qry_testkit_count(tk), 1);
    assert_string_equal(qry_testkit_entity(tk, 0)->text, text);
    assert_int_equal(qry_testkit_entity(tk, 0)->start, start);
}

static void sports_report_clubs_are_not_places(void **state)
{
    const char *report = "RUGBY - LATE TRY LIFTS BRISTOL\n"
                         "LONDON 1996-08-30\n"
                         "Bristol beat Leicester 21-18 in Cardiff on Saturday, and Gloucester drew with Bath.\n";
    qry_testkit *tk = run(state, report);
    assert_place(tk, "LONDON", "London", "city", "GB"); /* the dateline */
    assert_place(tk, "Cardiff", "Cardiff", "city", "GB"); /* "in Cardiff" */
    assert_null(qry_testkit_find(tk, "location", "BRISTOL"));
    assert_null(qry_testkit_find(tk, "location", "Bristol"));
    assert_null(qry_testkit_find(tk, "location", "Leicester"));
    assert_null(qry_testkit_find(tk, "location", "Gloucester"));
    /* the same towns outside a sports report are places */
    tk = run(state, "Bristol and Leicester will get new trams, the minister said in Cardiff.");
    assert_place(tk, "Bristol", "Bristol", "city", "GB");
    assert_place(tk, "Leicester", "Leicester", "city", "GB");
}

static void one_sport_word_in_passing_is_not_a_report(void **state)
{
    qry_testkit *tk = run(state, "Flood warnings were issued for Bristol.\n"
                                 "- A new basketball league starts in spring\n"
                                 "Bristol expects more rain.\n");
    assert_int_equal(qry_testkit_count(tk), 2);
}

static void surname_names_the_person_again(void **state)
{
    const char *text = "Senator Ann Clinton spoke on Monday. The bill will pass soon, Clinton said. "
                       "She later toured a factory in Clinton.";
    qry_testkit *tk = run(state, text);
    assert_only_at(tk, "Clinton", (size_t)(strstr(text, "in Clinton") - text) + 3);
}

static void initial_makes_a_person(void **state)
{
    qry_testkit *tk = run(state, "The report by M. Atherton and D. Cork was printed in Paris.");
    assert_int_equal(qry_testkit_count(tk), 1);
    assert_place(tk, "Paris", "Paris", "city", "FR");
}

static void glued_suffix_makes_a_compound(void **state)
{
    const char *text = "A U.S.-led group paid US$ 40 million for Singapore-listed firms based in Singapore.";
    qry_testkit *tk = run(state, text);
    assert_int_equal(qry_testkit_count(tk), 3); /* not US$ */
    assert_string_equal(attr(tk, "U.S.", "in_compound"), "true");
    const qry_test_entity *e = qry_testkit_entity(tk, 2);
    assert_int_equal(e->start, (size_t)(strstr(text, "in Singapore") - text) + 3);
    assert_null(qry_testkit_attr(tk, 2, "in_compound"));
    assert_string_equal(qry_testkit_attr(tk, 1, "in_compound"), "true");
}

/* ---- US state abbreviations in the AP style -------------------------------- */

/* The entity spelt text starts at byte start. */
static void assert_span(qry_testkit *tk, const char *text, size_t start)
{
    const qry_test_entity *e = qry_testkit_find(tk, "location", text);
    if (!e)
        fail_msg("no location \"%s\"", text);
    assert_int_equal(e->start, start);
    assert_int_equal(e->end, start + strlen(text));
}

static void state_abbreviation_keeps_its_period(void **state)
{
    const char *text = "The pump maker is based in Fresno, Calif. It hires welders.";
    qry_testkit *tk = run(state, text);
    assert_int_equal(qry_testkit_count(tk), 2);
    assert_place(tk, "Fresno", "Fresno", "city", "US");
    assert_place(tk, "Calif.", "California", "region", "US");
    assert_span(tk, "Calif.", (size_t)(strstr(text, "Calif.") - text));
}

static void dotted_initials_of_states(void **state)
{
    qry_testkit *tk = run(state, "Nurses in Trenton, N.J., and Raleigh, N.C. walked out.");
    assert_place(tk, "N.J.", "New Jersey", "region", "US");
    assert_place(tk, "N.C.", "North Carolina", "region", "US");
    assert_place(tk, "Raleigh", "Raleigh", "city", "US");
    assert_int_equal(qry_testkit_count(tk), 4);
}

static void distinct_abbreviation_stands_alone(void **state)
{
    qry_testkit *tk = run(state, "Smoke from fires across Ariz. drifted east.");
    assert_only_at(tk, "Ariz.", strlen("Smoke from fires across "));
    assert_place(tk, "Ariz.", "Arizona", "region", "US");
}

/* "Springfield, Ill." is the Illinois capital, "Springfield, Mo." the
 * larger Missouri city: the state picks the town. */
static void town_resolves_in_the_named_state(void **state)
{
    qry_testkit *tk = run(state, "Grain prices fell in Springfield, Ill. on Monday.");
    assert_place(tk, "Ill.", "Illinois", "region", "US");
    assert_string_equal(attr(tk, "Springfield", "population"), "116565");
    tk = run(state, "A storm hit Springfield, Mo. overnight.");
    assert_place(tk, "Mo.", "Missouri", "region", "US");
    assert_string_equal(attr(tk, "Springfield", "population"), "166810");
}

static void word_abbreviation_in_a_dateline(void **state)
{
    qry_testkit *tk = run(state, "DECATUR, Ill. (AP) -- Soybean growers met on Tuesday.");
    assert_place(tk, "Ill.", "Illinois", "region", "US");
    tk = run(state, "Workers at a plant in Glenwood, Pa. struck.");
    assert_place(tk, "Pa.", "Pennsylvania", "region", "US");
}

/* Abbreviations that are English words or names count only after "Town,". */
static void word_abbreviations_are_not_states_alone(void **state)
{
    qry_testkit *tk = run(state, "He fell ill. Wash. your hands first. Pa. said nothing. Sorry, Pa. "
                                 "The Col. smiled. Miss. Jones came in. Give it to Me. Now.");
    assert_int_equal(qry_testkit_count(tk), 0);
}

static void abbreviation_needs_its_period(void **state)
{
    qry_testkit *tk = run(state, "Ask Ga and Calif about it. Mass was at nine.");
    assert_int_equal(qry_testkit_count(tk), 0);
}

static void initials_of_a_person_are_no_state(void **state)
{
    qry_testkit *tk = run(state, "N.J. Okonkwo said the harvest was poor.");
    assert_int_equal(qry_testkit_count(tk), 0);
}

/* ---- bad data: create() fails with FILE:LINE ---------------------------- */
static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void bad_places_line(void **state)
{
    (void)state;
    char err[1024] = "";
    char path[64];
    snprintf(path, sizeof path, "/tmp/test_locations_%ld_places.tsv", (long)getpid());
    write_file(path, "# comment\nAtlantis\tisland\t-\t-\n");
    const char *opts[] = {"places", path, NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    assert_non_null(strstr(err, "_places.tsv:2: unknown kind 'island'"));
    remove(path);
}

/* Every bad line of a data file in one pass, each with its file, line
 * and the option that named the file; the good lines are not reported. */
static void every_bad_line_reported(void **state)
{
    (void)state;
    char err[4096] = "";
    char path[64];
    snprintf(path, sizeof path, "/tmp/test_locations_%ld_many.tsv", (long)getpid());
    write_file(path, "Atlantis\tisland\t-\t-\nLemuria\tsea\tXX\t-\t-\t-\nMu\tcontinent\t-\t-\t99.5\t0\nOz\tplanet\t-\t-\n");
    const char *opts[] = {"places", path, NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    assert_non_null(strstr(err, "[locations] places: "));
    assert_non_null(strstr(err, "_many.tsv:1: unknown kind 'island'"));
    assert_non_null(strstr(err, "_many.tsv:3: "));
    assert_non_null(strstr(err, "_many.tsv:4: unknown kind 'planet'"));
    remove(path);
}

static void bad_words_line(void **state)
{
    (void)state;
    char err[1024] = "";
    char path[64];
    snprintf(path, sizeof path, "/tmp/test_locations_%ld_words.tsv", (long)getpid());
    write_file(path, "Central\tnever\n");
    const char *opts[] = {"words", path, NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    assert_non_null(strstr(err, "_words.tsv:1: unknown flag 'never'"));
    remove(path);
}

static void bad_abbreviations_line(void **state)
{
    (void)state;
    char err[1024] = "", dir[64], places[128], abbrevs[128];
    snprintf(dir, sizeof dir, "/tmp/test_locations_abbr_XXXXXX");
    assert_non_null(mkdtemp(dir));
    snprintf(places, sizeof places, "%s/places.tsv", dir);
    snprintf(abbrevs, sizeof abbrevs, "%s/us_state_abbrevs.tsv", dir);
    write_file(places, "# none\n");
    write_file(abbrevs, "Calif.\tUS-CA\tany\nZed.\tUS-ZZ\tany\n");
    const char *opts[] = {"places", places, "state_abbrevs", abbrevs, "cache", "false", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    assert_non_null(strstr(err, "us_state_abbrevs.tsv:2: no ISO 3166-2 subdivision 'US-ZZ'"));
    write_file(abbrevs, "Calif\tUS-CA\tany\n");
    assert_null(qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err));
    assert_non_null(strstr(err, "us_state_abbrevs.tsv:1: 'Calif' is not an abbreviation"));
    write_file(abbrevs, "Calif.\tUS-CA\tsometimes\n");
    assert_null(qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err));
    assert_non_null(strstr(err, "us_state_abbrevs.tsv:1: unknown use 'sometimes'"));
    remove(abbrevs);
    remove(places);
    rmdir(dir);
}

static void missing_iso_codes(void **state)
{
    (void)state;
    char err[1024] = "";
    const char *opts[] = {"iso_codes_dir", "/nonexistent/iso-codes", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_null(tk);
    assert_non_null(strstr(err, "/nonexistent/iso-codes/iso_3166-1.json"));
}


/* ---- issue #13: points, kinds asked, lists, speakers, demonyms ---------- */

static void every_place_has_a_point(void **state)
{
    qry_testkit *tk = run(state, "From Oklahoma and Lower Saxony to Africa and the Black Sea, Ukraine watched.");
    const char *with_point[] = {"Oklahoma", "Lower Saxony", "Africa", "Black Sea"};
    for (size_t i = 0; i < sizeof with_point / sizeof with_point[0]; i++) {
        assert_non_null(attr(tk, with_point[i], "lat"));
        assert_non_null(attr(tk, with_point[i], "lon"));
    }
    assert_place(tk, "Lower Saxony", "Niedersachsen", "region", "DE");
    /* a country's centre is given on request only (country_points) */
    assert_null(attr(tk, "Ukraine", "lat"));
}

static void country_points_on_request(void **state)
{
    (void)state;
    char err[512];
    const char *opts[] = {"country_points", "true", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "Ukraine watched."), 0);
    assert_non_null(attr(tk, "Ukraine", "lat"));
    qry_testkit_free(tk);
}

static void lists_keep_their_items(void **state)
{
    qry_testkit *tk = run(state, "The bloc, backed by the UK, US and Norway, met.");
    assert_place(tk, "US", "United States", "country", "US");
    assert_place(tk, "UK", "United Kingdom", "country", "GB");
    assert_place(tk, "Norway", "Norway", "country", "NO");
    tk = run(state, "With Warsaw and Krak\xC3\xB3w full of refugees, Poland asked for help.");
    assert_place(tk, "Warsaw", "Warsaw", "city", "PL");
}

static void the_kind_a_phrase_asks_for(void **state)
{
    qry_testkit *tk = run(state, "Fires burned in Washington state; the state of Georgia sent crews.");
    assert_place(tk, "Washington", "Washington", "region", "US");
    assert_place(tk, "Georgia", "Georgia", "region", "US");
    tk = run(state, "Congress met in Washington.");
    assert_place(tk, "Washington", "Washington", "city", "US");
}

static void one_place_per_name_after_a_pair(void **state)
{
    const char *text = "PARIS, Texas (AP) \xE2\x80\x94 A fire broke out. Firefighters in Paris said it was out.";
    qry_testkit *tk = run(state, text);
    assert_int_equal(qry_testkit_count(tk), 3);
    assert_string_equal(qry_testkit_attr(tk, 2, "country_code"), "US"); /* the second Paris */
}

static void georgia_the_state_or_the_country(void **state)
{
    qry_testkit *tk = run(state, "Officials in Atlanta and Savannah said Georgia will vote.");
    assert_place(tk, "Georgia", "Georgia", "region", "US");
    tk = run(state, "Georgia and Armenia met in Yerevan; the US and Georgia signed.");
    assert_place(tk, "Georgia", "Georgia", "country", "GE");
}

static void towns_that_speak_are_people(void **state)
{
    qry_testkit *tk = run(state, "Lincoln said the plan works. \xE2\x80\x9CIt is late,\xE2\x80\x9D said Moore, a writer.");
    assert_int_equal(qry_testkit_count(tk), 0);
    tk = run(state, "A senior official in Austin told reporters that Moscow said no.");
    assert_place(tk, "Austin", "Austin", "city", "US");
    assert_place(tk, "Moscow", "Moscow", "city", "RU");
}

/* A title makes a one-word town a surname, and the surname names the
 * person all through the document; only a preposition of place ("in
 * Clinton") keeps it a town. */
static void titled_surnames_are_people(void **state)
{
    qry_testkit *tk = run(state, "Mrs. Clinton spoke in Ohio. Voters for Clinton and President Obama waited.");
    assert_int_equal(qry_testkit_count(tk), 1);
    assert_place(tk, "Ohio", "Ohio", "region", "US");
    tk = run(state, "Voters cheered Hillary Clinton. Donors stood with Clinton. A plant in Clinton closed.");
    assert_int_equal(qry_testkit_count(tk), 1);
    assert_place(tk, "Clinton", "Clinton", "city", "US");
    /* a region keeps its cues, and a lower-case "miss" is no title */
    tk = run(state, "She told BBC Radio Wales that the arts council of Wales may merge. Fans may miss England's trip "
                    "to Cardiff.");
    assert_int_equal(qry_testkit_count(tk), 4);
    assert_place(tk, "England", "England", "region", "GB");
}

static void canadian_provinces_after_a_town(void **state)
{
    qry_testkit *tk = run(state, "RED DEER, Alta. \xE2\x80\x94 Police in Brandon, Man. said roads closed.");
    assert_place(tk, "Alta.", "Alberta", "region", "CA");
    assert_place(tk, "Man.", "Manitoba", "region", "CA");
    tk = run(state, "In B.C., snow fell. Rome was founded in 753 B.C. by legend.");
    assert_int_equal(qry_testkit_count(tk), 2);
    assert_place(tk, "B.C.", "British Columbia", "region", "CA");
}

static void demonyms_on_request(void **state)
{
    (void)state;
    char err[512];
    const char *opts[] = {"demonyms", "true", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "Ukrainian and European envoys met Minnesotans and a New Yorker."), 0);
    assert_place(tk, "Ukrainian", "Ukraine", "country", "UA");
    assert_string_equal(attr(tk, "Ukrainian", "demonym"), "true");
    assert_place(tk, "European", "Europe", "continent", NULL);
    assert_place(tk, "Minnesotans", "Minnesota", "region", "US");
    assert_place(tk, "New Yorker", "New York", "region", "US");
    assert_int_equal(qry_testkit_count(tk), 4);
    qry_testkit_free(tk);
}

/* ---- the start-up cache ---------------------------------------------------- */

static char cache_dir[64];

static int cache_setup(void **state)
{
    (void)state;
    snprintf(cache_dir, sizeof cache_dir, "/tmp/test_locations_cache_XXXXXX");
    return mkdtemp(cache_dir) ? 0 : -1;
}

static int cache_teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", cache_dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* The one cache file in cache_dir (its path into out), or 0 when there is
 * not exactly one. */
static int the_cache_file(char *out, size_t outsz, struct stat *st)
{
    char cmd[160];
    snprintf(cmd, sizeof cmd, "ls '%s'", cache_dir);
    FILE *p = popen(cmd, "r");
    assert_non_null(p);
    char name[256];
    int n = 0;
    while (fgets(name, sizeof name, p)) {
        name[strcspn(name, "\n")] = '\0';
        snprintf(out, outsz, "%s/%s", cache_dir, name);
        n++;
    }
    pclose(p);
    return n == 1 && stat(out, st) == 0;
}

/* Kyiv found with its country and coordinates by a plugin made with opts. */
static void assert_finds_kyiv(const char *const *opts)
{
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!tk)
        fail_msg("create failed: %s", err);
    assert_int_equal(qry_testkit_run(tk, "Trains left Kyiv for Lviv."), 0);
    assert_string_equal(qry_testkit_attr_of(tk, "location", "Kyiv", "country_code"), "UA");
    assert_non_null(qry_testkit_attr_of(tk, "location", "Kyiv", "lat"));
    assert_non_null(qry_testkit_find(tk, "location", "Lviv"));
    qry_testkit_free(tk);
}

static void cache_is_written_then_read(void **state)
{
    (void)state;
    const char *opts[] = {"cache_dir", cache_dir, NULL};
    assert_finds_kyiv(opts);
    char path[512];
    struct stat first, second;
    assert_true(the_cache_file(path, sizeof path, &first));
    assert_non_null(strstr(path, "/locations-"));
    assert_true(first.st_size > 1000000);
    assert_finds_kyiv(opts);
    /* read, not rebuilt: a rebuild renames a new file into place */
    assert_true(the_cache_file(path, sizeof path, &second));
    assert_int_equal(first.st_ino, second.st_ino);
}

static void broken_cache_is_rebuilt(void **state)
{
    (void)state;
    const char *opts[] = {"cache_dir", cache_dir, NULL};
    assert_finds_kyiv(opts);
    char path[512];
    struct stat good, after;
    assert_true(the_cache_file(path, sizeof path, &good));
    /* garbage in the middle of the arrays, then a truncated file */
    FILE *f = fopen(path, "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, good.st_size / 2, SEEK_SET), 0);
    for (int i = 0; i < 4096; i++)
        fputc(0xA5, f);
    fclose(f);
    assert_finds_kyiv(opts);
    assert_true(the_cache_file(path, sizeof path, &after));
    assert_int_not_equal(good.st_ino, after.st_ino);
    assert_int_equal(truncate(path, good.st_size - 100), 0);
    assert_finds_kyiv(opts);
    assert_true(the_cache_file(path, sizeof path, &after));
    assert_int_equal(after.st_size, good.st_size);
}

static void changed_source_changes_the_cache(void **state)
{
    (void)state;
    char places[160];
    snprintf(places, sizeof places, "%s/../test_locations_%ld_extra.tsv", cache_dir, (long)getpid());
    write_file(places, "Zyxland\tregion\tUA\t-\t-\t-\n");
    const char *opts[] = {"cache_dir", cache_dir, "places", places, NULL};
    char err[1024] = "";
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    qry_testkit_free(tk);
    char path[512], first_path[512];
    struct stat st;
    assert_true(the_cache_file(first_path, sizeof first_path, &st));
    /* the user edits the file: the old cache must not answer */
    write_file(places, "Zyxland\tregion\tPL\t-\t-\t-\nQwvland\tregion\tPL\t-\t-\t-\n");
    tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "Snow fell on Qwvland."), 0);
    assert_non_null(qry_testkit_find(tk, "location", "Qwvland"));
    qry_testkit_free(tk);
    assert_true(the_cache_file(path, sizeof path, &st)); /* the older one was removed */
    assert_string_not_equal(path, first_path);
    remove(places);
}

static void each_configuration_keeps_its_cache(void **state)
{
    (void)state;
    char path[512], other[160];
    struct stat st;
    const char *opts[] = {"cache_dir", cache_dir, NULL};
    assert_finds_kyiv(opts);
    assert_true(the_cache_file(path, sizeof path, &st));
    /* another pipeline (another min_population) writes a second file, not over the first */
    const char *opts2[] = {"cache_dir", cache_dir, "min_population", "100000", NULL};
    assert_finds_kyiv(opts2);
    snprintf(other, sizeof other, "ls '%s' | wc -l", cache_dir);
    FILE *p = popen(other, "r");
    assert_non_null(p);
    int n = 0;
    assert_int_equal(fscanf(p, "%d", &n), 1);
    pclose(p);
    assert_int_equal(n, 2);
    assert_int_equal(stat(path, &st), 0);
}

/* A cache file of another configuration, last used `days_ago`. */
static void fake_cache(const char *name, int days_ago, char *path, size_t pathsz)
{
    snprintf(path, pathsz, "%s/%s", cache_dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs("not an index", f);
    fclose(f);
    struct timespec when[2];
    when[0].tv_sec = when[1].tv_sec = time(NULL) - (time_t)days_ago * 24 * 3600;
    when[0].tv_nsec = when[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, when, 0), 0);
}

/* Copies of the plugin deleted long ago (old build trees, CI checkouts)
 * leave cache files no configuration of theirs will replace: writing a
 * cache removes ours unused for 30 days, and leaves the others alone. */
static void long_unused_caches_are_removed(void **state)
{
    (void)state;
    char stale[512], recent[512], foreign[512], path[512];
    fake_cache("locations-0badc0de-0123456789abcdef.idx", 40, stale, sizeof stale);
    fake_cache("locations-0000beef-0123456789abcdef.idx", 3, recent, sizeof recent);
    fake_cache("notes-of-the-user.txt", 400, foreign, sizeof foreign);
    const char *opts[] = {"cache_dir", cache_dir, NULL};
    assert_finds_kyiv(opts);
    struct stat st;
    assert_int_equal(stat(stale, &st), -1);
    assert_int_equal(stat(recent, &st), 0);
    assert_int_equal(stat(foreign, &st), 0);
    unlink(recent);
    unlink(foreign);
    assert_true(the_cache_file(path, sizeof path, &st)); /* and the new one is there */
}

static void cache_off_writes_nothing(void **state)
{
    (void)state;
    const char *opts[] = {"cache", "false", "cache_dir", cache_dir, NULL};
    assert_finds_kyiv(opts);
    char path[512];
    struct stat st;
    assert_false(the_cache_file(path, sizeof path, &st));
}

static void unwritable_cache_dir_still_works(void **state)
{
    (void)state;
    const char *opts[] = {"cache_dir", "/proc/quarry-cannot-be-here", NULL};
    assert_finds_kyiv(opts);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(countries_and_cities),
        cmocka_unit_test(possessive_outside_span),
        cmocka_unit_test(abbreviations_of_countries),
        cmocka_unit_test(pronoun_us_is_not_a_country),
        cmocka_unit_test(china_oklahoma_africa),
        cmocka_unit_test(demonyms_are_not_places),
        cmocka_unit_test(aliases_and_transliterations),
        cmocka_unit_test(paris_france_by_population),
        cmocka_unit_test(city_state_pattern),
        cmocka_unit_test(city_state_code),
        cmocka_unit_test(country_focus),
        cmocka_unit_test(toronto_and_longest_match),
        cmocka_unit_test(ambiguous_common_words),
        cmocka_unit_test(months_and_mobile),
        cmocka_unit_test(places_inside_organizations_are_flagged),
        cmocka_unit_test(organizations_and_compounds),
        cmocka_unit_test(org_places_false_drops_them),
        cmocka_unit_test(every_place_has_a_point),
        cmocka_unit_test(country_points_on_request),
        cmocka_unit_test(lists_keep_their_items),
        cmocka_unit_test(the_kind_a_phrase_asks_for),
        cmocka_unit_test(one_place_per_name_after_a_pair),
        cmocka_unit_test(georgia_the_state_or_the_country),
        cmocka_unit_test(towns_that_speak_are_people),
        cmocka_unit_test(titled_surnames_are_people),
        cmocka_unit_test(canadian_provinces_after_a_town),
        cmocka_unit_test(demonyms_on_request),
        cmocka_unit_test(seas_peninsulas_regions),
        cmocka_unit_test(person_names_are_not_towns),
        cmocka_unit_test(headline_capitals),
        cmocka_unit_test(washington_is_the_capital),
        cmocka_unit_test(a_region_over_a_town_of_its_name),
        cmocka_unit_test(items_of_a_list_of_regions_are_regions),
        cmocka_unit_test(a_place_named_elsewhere_stays_one_beside_a_name),
        cmocka_unit_test(hyphenated_adjective),
        cmocka_unit_test(sports_report_clubs_are_not_places),
        cmocka_unit_test(one_sport_word_in_passing_is_not_a_report),
        cmocka_unit_test(surname_names_the_person_again),
        cmocka_unit_test(initial_makes_a_person),
        cmocka_unit_test(glued_suffix_makes_a_compound),
        cmocka_unit_test(state_abbreviation_keeps_its_period),
        cmocka_unit_test(dotted_initials_of_states),
        cmocka_unit_test(distinct_abbreviation_stands_alone),
        cmocka_unit_test(town_resolves_in_the_named_state),
        cmocka_unit_test(word_abbreviation_in_a_dateline),
        cmocka_unit_test(word_abbreviations_are_not_states_alone),
        cmocka_unit_test(abbreviation_needs_its_period),
        cmocka_unit_test(initials_of_a_person_are_no_state),
    };
    const struct CMUnitTest bad[] = {
        cmocka_unit_test(bad_places_line),
        cmocka_unit_test(every_bad_line_reported),
        cmocka_unit_test(bad_words_line),
        cmocka_unit_test(bad_abbreviations_line),
        cmocka_unit_test(missing_iso_codes),
    };
    int failed = cmocka_run_group_tests_name("locations", tests, setup, teardown);
    failed += cmocka_run_group_tests_name("locations data errors", bad, NULL, NULL);
    const struct CMUnitTest cache[] = {
        cmocka_unit_test_setup_teardown(cache_is_written_then_read, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(broken_cache_is_rebuilt, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(changed_source_changes_the_cache, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(each_configuration_keeps_its_cache, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(long_unused_caches_are_removed, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(cache_off_writes_nothing, cache_setup, cache_teardown),
        cmocka_unit_test_setup_teardown(unwritable_cache_dir_still_works, cache_setup, cache_teardown),
    };
    return failed + cmocka_run_group_tests_name("locations cache", cache, NULL, NULL);
}
