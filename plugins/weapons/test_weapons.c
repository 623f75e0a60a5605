/* test_weapons.c -- unit tests of the weapons plugin on hand-written sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "quarry/testkit.h"
#include "weapons.h"
#include "../shared/lazy_jit.h"
#include <pthread.h>

const qry_plugin_descriptor *quarry_plugin_entry(void);

static int setup(void **state)
{
    char err[512];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, err, sizeof err);
    if (!tk)
        fprintf(stderr, "setup: %s\n", err);
    *state = tk;
    return tk ? 0 : -1;
}

static int teardown(void **state)
{
    qry_testkit_free(*state);
    return 0;
}

/* Run text and return the number of weapons found. */
static size_t run(qry_testkit *tk, const char *text)
{
    assert_int_equal(qry_testkit_run(tk, text), 0);
    return qry_testkit_count(tk);
}

/* Assert a weapon with exactly this surface text and these attributes. */
static void expect(qry_testkit *tk, const char *text, const char *name, const char *category, const char *named)
{
    const qry_test_entity *e = qry_testkit_find(tk, "weapon", text);
    if (!e) {
        for (size_t i = 0; i < qry_testkit_count(tk); i++)
            fprintf(stderr, "  have: '%s'\n", qry_testkit_entity(tk, i)->text);
        fail_msg("no weapon '%s'", text);
    }
    size_t i = qry_testkit_index(tk, e);
    assert_string_equal(qry_testkit_attr(tk, i, "name"), name);
    assert_string_equal(qry_testkit_attr(tk, i, "category"), category);
    assert_string_equal(qry_testkit_attr(tk, i, "named"), named);
}

static void t_named_with_head(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Washington approved a Patriot air defense system for Kyiv."), 1);
    expect(tk, "Patriot air defense system", "Patriot", "air_defense", "true");
    assert_string_equal(qry_testkit_attr_of(tk, "weapon", "Patriot air defense system", "origin"), "US");

    assert_int_equal(run(tk, "Britain sent Storm Shadow missiles and France sent SCALP."), 2);
    expect(tk, "Storm Shadow missiles", "Storm Shadow", "missile", "true");
    expect(tk, "SCALP", "Storm Shadow", "missile", "true");

    run(tk, "A German Iris-T medium-range system and a NASAMS anti-drone and anti-missile system arrived.");
    expect(tk, "Iris-T medium-range system", "IRIS-T", "air_defense", "true");
    expect(tk, "NASAMS anti-drone and anti-missile system", "NASAMS", "air_defense", "true");
    assert_int_equal(qry_testkit_count(tk), 2);
}

static void t_aliases_and_case(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "Crews trained on IRIS-T, on the IRIS-T SLM launcher and on Iris T simulators.");
    expect(tk, "IRIS-T", "IRIS-T", "air_defense", "true");
    expect(tk, "IRIS-T SLM launcher", "IRIS-T", "air_defense", "true");
    expect(tk, "Iris T", "IRIS-T", "air_defense", "true");

    /* long names match in any case; Guardian-style "Himars", "Nasams" */
    run(tk, "Kyiv asked for more storm shadow missiles, Himars and Nasams.");
    expect(tk, "storm shadow missiles", "Storm Shadow", "missile", "true");
    expect(tk, "Himars", "HIMARS", "artillery", "true");
    expect(tk, "Nasams", "NASAMS", "air_defense", "true");

    run(tk, "The High Mobility Artillery Rocket System, or M142, is better known as HIMARS.");
    expect(tk, "High Mobility Artillery Rocket System", "HIMARS", "artillery", "true");
    expect(tk, "M142", "HIMARS", "artillery", "true");
    expect(tk, "HIMARS", "HIMARS", "artillery", "true");

    run(tk, "Old Hawk systems, or the MIM-23 Hawk, guard the port.");
    expect(tk, "Hawk systems", "MIM-23 Hawk", "air_defense", "true");
    expect(tk, "MIM-23 Hawk", "MIM-23 Hawk", "air_defense", "true");
}

static void t_hyphen_space_variants(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "An Su-25 flew past an Su 25 and a SU25 near the airfield."), 3);
    expect(tk, "Su-25", "Su-25", "aircraft", "true");
    expect(tk, "Su 25", "Su-25", "aircraft", "true");
    expect(tk, "SU25", "Su-25", "aircraft", "true");

    run(tk, "They fired a Kh 101 and then a Kh-101 at the plant.");
    expect(tk, "Kh 101", "Kh-101", "missile", "true");
    expect(tk, "Kh-101", "Kh-101", "missile", "true");
}

static void t_plurals_and_variants(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "Ukraine will get two more Patriots to shield cities from missiles.");
    expect(tk, "Patriots", "Patriot", "air_defense", "true");

    run(tk, "The brigade lost three T-72s and a T-72B3 but kept its Leopard 2A6 tanks.");
    expect(tk, "T-72s", "T-72", "armor", "true");
    expect(tk, "T-72B3", "T-72", "armor", "true");
    expect(tk, "Leopard 2A6 tanks", "Leopard 2", "armor", "true");

    run(tk, "Russia launched Shahed-136 drones, which it calls Geran-2.");
    expect(tk, "Shahed-136 drones", "Shahed-136", "drone", "true");
    expect(tk, "Geran-2", "Shahed-136", "drone", "true");
}

static void t_longest_match(void **state)
{
    qry_testkit *tk = *state;
    /* one mention, not "S-300" + "air defense systems" */
    assert_int_equal(run(tk, "Slovakia gave its S-300 air defense systems away."), 1);
    expect(tk, "S-300 air defense systems", "S-300", "air_defense", "true");

    assert_int_equal(run(tk, "A Bayraktar TB2 drone was seen."), 1);
    expect(tk, "Bayraktar TB2 drone", "Bayraktar TB2", "drone", "true");

    assert_int_equal(run(tk, "The RQ-4 Global Hawk circled for hours over the sea."), 1);
    expect(tk, "RQ-4 Global Hawk", "RQ-4 Global Hawk", "drone", "true");
}

static void t_person_and_word_traps(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "He was a proud patriot who loved his country."), 0);
    assert_int_equal(run(tk, "Congress renewed the Patriot Act on Tuesday."), 0);
    assert_int_equal(run(tk, "The New England Patriots won the game."), 0);
    assert_int_equal(run(tk, "General Bradley told reporters the plan was sound."), 0);
    assert_int_equal(run(tk, "Stacey Abrams spoke in Atlanta."), 0);
    assert_int_equal(run(tk, "Spc. Isaac L. Booker, who drove a tank, died on Monday."), 1); /* "tank" only */
    assert_non_null(qry_testkit_find(tk, "weapon", "tank"));
    assert_int_equal(run(tk, "A hawk circled above the field."), 0);
    assert_int_equal(run(tk, "The Fever were beaten at home by the Storm."), 0);
    assert_int_equal(run(tk, "She threw the javelin 60 metres to win gold."), 0);
    assert_int_equal(run(tk, "Patriotism is on the rise, said the think tank."), 0);
    assert_int_equal(run(tk, "Abrams admitted the plan had failed."), 0);
    /* words that only spell a designation when glued together */
    assert_int_equal(run(tk, "At 15 she left; it as a rule saw a 50 per cent rise in bales."), 0);
    assert_int_equal(run(tk, "An 26-year-old man was a suspect."), 0);
    assert_int_equal(run(tk, "England took the scalps of Scotland and Wales."), 0);
    /* stock tickers */
    assert_int_equal(run(tk, "NATIONAL SEMI <NSM> SAYS KUBOTA <KUB.T> AND <TLAM> GAIN"), 0);
    /* the same names in a military context */
    run(tk, "Footage showed Buk SAMs and a Stryker APC.");
    expect(tk, "Buk SAMs", "Buk", "air_defense", "true");
    expect(tk, "Stryker APC", "Stryker", "armor", "true");
    assert_int_equal(run(tk, "Her friend Hawk Sam laughed."), 0);
    run(tk, "Kyiv wants more Bradley fighting vehicles and Abrams tanks.");
    expect(tk, "Bradley fighting vehicles", "M2 Bradley", "armor", "true");
    expect(tk, "Abrams tanks", "M1 Abrams", "armor", "true");
    run(tk, "The battery fired a Patriot interceptor at the missile.");
    expect(tk, "Patriot interceptor", "Patriot", "air_defense", "true");
    assert_int_equal(run(tk, "Canadair may stretch its Challenger business jet; the Challenger jets sell well."), 0);
    assert_int_equal(run(tk, "Prosecutor Tor-Aksel Busch reopened the arms case."), 0);
    assert_int_equal(run(tk, "The rocket lifted off a year after the Challenger disaster."), 1); /* "rocket" */
    run(tk, "It was a major Patriot deployment for the army.");
    expect(tk, "Patriot", "Patriot", "air_defense", "true");
    run(tk, "Troops fired Javelin at the column of Russian tanks.");
    expect(tk, "Javelin", "Javelin", "missile", "true");
}

static void t_possessive_and_words(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "The Patriot’s radar tracked the incoming missiles.");
    expect(tk, "Patriot", "Patriot", "air_defense", "true");
    /* no match inside a word or a hyphenated compound */
    assert_int_equal(run(tk, "Counter-drone teams and anti-tank crews trained; HIMARSX is a typo."), 0);
}

static void t_generic_classes(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "The package has 155mm shells, 155-millimeter howitzer rounds and more 155 mm artillery.");
    expect(tk, "155mm shells", "155 mm artillery shell", "artillery", "false");
    expect(tk, "155-millimeter howitzer rounds", "155 mm artillery shell", "artillery", "false");
    expect(tk, "155 mm artillery", "155 mm artillery shell", "artillery", "false");

    run(tk, "Partners promised tank ammunition, air defence systems and anti-tank guided missiles.");
    expect(tk, "air defence systems", "air defense system", "air_defense", "false");
    expect(tk, "anti-tank guided missiles", "anti-tank guided missile", "missile", "false");
    expect(tk, "tank ammunition", "tank ammunition", "ammunition", "false");

    run(tk, "Overnight came attack drones, fighter jets and cruise and ballistic missiles.");
    expect(tk, "attack drones", "attack drone", "drone", "false");
    expect(tk, "fighter jets", "fighter jet", "aircraft", "false");
    expect(tk, "cruise", "cruise missile", "missile", "false");
    expect(tk, "ballistic missiles", "ballistic missile", "missile", "false");

    run(tk, "Officials warned against using a tactical nuclear weapon.");
    expect(tk, "tactical nuclear weapon", "tactical nuclear weapon", "nuclear", "false");

    run(tk, "A suicide VBIED struck the checkpoint.");
    expect(tk, "VBIED", "vehicle-borne improvised explosive device", "ammunition", "false");
}

static void t_ship_names(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "HMS Prince of Wales sailed with USS Gerald R. Ford past the harbour.");
    expect(tk, "HMS Prince of Wales", "Queen Elizabeth-class carrier", "naval", "true");
    expect(tk, "USS Gerald R. Ford", "Gerald R. Ford-class carrier", "naval", "true");
    run(tk, "The frigate HMS Kent of the Royal Navy docked.");
    expect(tk, "frigate HMS Kent", "HMS Kent", "naval", "true");
    assert_int_equal(run(tk, "The USS Division of USX Corp said prices rose."), 0);
}

static void t_bare_words_are_not_weapons(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "NATO sent weapons, arms, ammunition and supplies to the front."), 0);
    assert_int_equal(run(tk, "The airline grounded its aircraft after the incident."), 0);
    assert_int_equal(run(tk, "Rising fuel costs hit the think tank and the water tanks."), 0);
}

static void t_generic_off(void **state)
{
    (void)state;
    const char *opts[] = {"generic_classes", "false", NULL};
    char err[512];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "HIMARS fired rockets at the air defense systems."), 0);
    assert_int_equal(qry_testkit_count(tk), 1);
    assert_non_null(qry_testkit_find(tk, "weapon", "HIMARS"));
    qry_testkit_free(tk);
}

/* Write text to a fresh temporary file; path in buf. */
static void temp_file(char *buf, size_t n, const char *text)
{
    snprintf(buf, n, "/tmp/test_weapons_XXXXXX");
    int fd = mkstemp(buf);
    assert_true(fd >= 0);
    size_t len = strlen(text);
    assert_int_equal(write(fd, text, len), (ssize_t)len);
    close(fd);
}

static void t_extra_gazetteer(void **state)
{
    (void)state;
    char p1[64], p2[64];
    temp_file(p1, sizeof p1, "# user data\nThunderclap X9\tTCX-9|~Thunderclap\tmissile\tGB\ttest missile\n");
    /* a second file overrides a built-in form */
    temp_file(p2, sizeof p2, "Custom Hawk\tMIM-23\tair_defense\t-\t-\n");
    char list[160];
    snprintf(list, sizeof list, "%s, %s", p1, p2);
    const char *opts[] = {"extra", list, NULL};
    char err[512];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "They tested the TCX-9 and a MIM-23 on Monday."), 0);
    const char *name = qry_testkit_attr_of(tk, "weapon", "TCX-9", "name");
    assert_non_null(name);
    assert_string_equal(name, "Thunderclap X9");
    assert_string_equal(qry_testkit_attr_of(tk, "weapon", "TCX-9", "origin"), "GB");
    assert_string_equal(qry_testkit_attr_of(tk, "weapon", "MIM-23", "name"), "Custom Hawk");
    assert_null(qry_testkit_attr_of(tk, "weapon", "MIM-23", "origin"));
    /* ambiguous user form: capitalised, in context */
    assert_int_equal(qry_testkit_run(tk, "A thunderclap shook the valley."), 0);
    assert_int_equal(qry_testkit_count(tk), 0);
    qry_testkit_free(tk);
    unlink(p1);
    unlink(p2);
}

static void t_bad_config(void **state)
{
    (void)state;
    char err[512];
    const char *missing[] = {"extra", "/nonexistent/weapons-extra.tsv", NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), missing, err, sizeof err));
    assert_non_null(strstr(err, "weapons-extra.tsv"));

    char p[64];
    temp_file(p, sizeof p, "Bad Thing\t-\tlaser\tUS\t-\n");
    const char *badcat[] = {"extra", p, NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), badcat, err, sizeof err));
    assert_non_null(strstr(err, "unknown category 'laser'"));
    unlink(p);

    temp_file(p, sizeof p, "Bad Origin\t-\tmissile\tUSA\t-\n");
    const char *badorigin[] = {"extra", p, NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), badorigin, err, sizeof err));
    assert_non_null(strstr(err, "ISO 3166-1"));
    unlink(p);

    temp_file(p, sizeof p, "air_defense\tno\tbroken\t(unclosed\n");
    const char *badre[] = {"generic", p, NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), badre, err, sizeof err));
    assert_non_null(strstr(err, "regex error"));
    unlink(p);

    temp_file(p, sizeof p, "# a comment\nair_defense\tmaybe\tthing\tthing\n");
    const char *badkind[] = {"generic", p, NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), badkind, err, sizeof err));
    assert_non_null(strstr(err, ":2: kind must be yes, no, weak, listed, not, cue or modifier, not 'maybe'"));
    unlink(p);

    /* a mark has no category */
    temp_file(p, sizeof p, "armor\tnot\tunit\ttank\\s+brigade\n");
    const char *badmark[] = {"generic", p, NULL};
    assert_null(qry_testkit_new(quarry_plugin_entry(), badmark, err, sizeof err));
    assert_non_null(strstr(err, ":1: a not mark takes '-' as category, not 'armor'"));
    unlink(p);
}

/* err holds "PATH:LINE: message" for the file at path. */
static void expect_report(const char *err, const char *path, int line, const char *message)
{
    char want[512];
    snprintf(want, sizeof want, "%s:%d: %s", path, line, message);
    if (!strstr(err, want))
        fail_msg("missing report [%s] in: %s", want, err);
}

/* Every bad line of every data file is reported in one pass, with its
 * file and line; good lines between them are not. */
static void t_bad_lines_all_reported(void **state)
{
    (void)state;
    char gaz[64], gen[64], heads[64], fits[64];
    temp_file(gaz, sizeof gaz,
              "# name\taliases\tcategory\torigin\tkind\n"
              "Bad Thing\t-\tlaser\tUS\t-\n"
              "Good Thing\t-\tmissile\tUS\t-\n"
              "Bad Origin\t-\tmissile\tUSA\t-\n"
              "Two Columns\t-\n"
              "Bad Alias\tBA-1||BA-2\tmissile\t-\t-\n"
              "Latin \xb9\t-\tmissile\t-\t-\n");
    temp_file(gen, sizeof gen,
              "air_defense\tno\tbroken\t(unclosed\n"
              "missile\tno\tmissile\tmissiles?\n"
              "air_defense\tmaybe\tthing\tthing\n"
              "armor\tnot\tunit\ttank\\s+brigade\n");
    temp_file(heads, sizeof heads, "missile\nair defense\n\nlaunch-er\nmissiles\n");
    temp_file(fits, sizeof fits, "missile\tmissile,air_defense\njet\taircraft,laser\nmissile\tnaval\nbomb\n");
    char list[160];
    snprintf(list, sizeof list, "%s", gaz);
    const char *opts[] = {"extra", list, "generic", gen, "heads", heads, "head_fits", fits, NULL};
    char err[8192] = "";
    assert_null(qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err));
    expect_report(err, gaz, 2, "unknown category 'laser'");
    expect_report(err, gaz, 4, "origin 'USA' is not an ISO 3166-1 alpha-2 code");
    expect_report(err, gaz, 5, "2 columns, expected at least 3 (tab-separated)");
    expect_report(err, gaz, 6, "alias '' of 'Bad Alias' has no letters or digits (or is too long)");
    expect_report(err, gaz, 7, "not valid UTF-8 (byte 7 of the line)");
    expect_report(err, gen, 1, "regex error at offset 9: missing closing parenthesis");
    expect_report(err, gen, 3, "kind must be yes, no, weak, listed, not, cue or modifier, not 'maybe'");
    expect_report(err, gen, 4, "a not mark takes '-' as category, not 'armor'");
    expect_report(err, heads, 2, "'air defense' is not one word (letters and digits only)");
    expect_report(err, heads, 4, "'launch-er' is not one word (letters and digits only)");
    expect_report(err, fits, 2, "unknown category 'laser'");
    expect_report(err, fits, 3, "head 'missile' is listed before, at line 1");
    expect_report(err, fits, 4, "1 column, expected 2 (tab-separated)");
    char good[100];
    snprintf(good, sizeof good, "%s:3:", gaz);
    assert_null(strstr(err, good));
    snprintf(good, sizeof good, "%s:2:", gen);
    assert_null(strstr(err, good));
    /* reports name the option that named the file */
    assert_non_null(strstr(err, "[weapons] extra: "));
    assert_non_null(strstr(err, "[weapons] head_fits: "));
    unlink(gaz);
    unlink(gen);
    unlink(heads);
    unlink(fits);
}

/* An option value create() cannot use is reported through the diag service. */
static void t_bad_option(void **state)
{
    (void)state;
    size_t n = 5000;
    char *list = malloc(n + 1);
    assert_non_null(list);
    memset(list, 'x', n);
    list[n] = '\0';
    const char *opts[] = {"extra", list, NULL};
    char err[1024] = "";
    assert_null(qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err));
    assert_non_null(strstr(err, "[weapons] extra: a file name is too long"));
    free(list);
}

/* The word lists are data: another speech_verbs file changes what makes a
 * name a person, another head_fits file what a head fits. */
static void t_word_lists_are_data(void **state)
{
    qry_testkit *tk = *state;
    const char *said = "The army needs more, said Abrams on Monday.";
    const char *fighters = "Moscow sent Orlan fighters and Shahed drones to the front.";
    assert_int_equal(run(tk, said), 0);
    /* "fighters" does not fit the Orlan drone: the name is dropped */
    assert_int_equal(run(tk, fighters), 2);
    assert_null(qry_testkit_find(tk, "weapon", "Orlan fighters"));
    assert_non_null(qry_testkit_find(tk, "weapon", "fighters"));

    char verbs[64], fits[64];
    temp_file(verbs, sizeof verbs, "# only one\nclaimed\n");
    /* case folding: "FIGHTER" in the file is the head of "fighters" */
    temp_file(fits, sizeof fits, "tank\tarmor\nFIGHTER\tdrone\n");
    const char *opts[] = {"speech_verbs", verbs, "head_fits", fits, NULL};
    char err[1024];
    qry_testkit *mine = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!mine)
        fail_msg("%s", err);
    assert_int_equal(run(mine, said), 1);
    expect(mine, "Abrams", "M1 Abrams", "armor", "true");
    assert_int_equal(run(mine, fighters), 2);
    expect(mine, "Orlan fighters", "Orlan-10", "drone", "true");
    qry_testkit_free(mine);
    unlink(verbs);
    unlink(fits);
}

/* ---- a core without the ABI 1.1 services ---- */

static char old_core_error[512];

static void old_set_error(const qry_host *host, qry_sink *sink, const char *fmt, ...)
{
    (void)host;
    (void)sink;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(old_core_error, sizeof old_core_error, fmt, ap);
    va_end(ap);
}

static void t_needs_services(void **state)
{
    (void)state;
    qry_host host = {.struct_size = sizeof host, .abi_major = 1, .abi_minor = 0, .set_error = old_set_error};
    void *instance = (void *)&host;
    assert_int_equal(quarry_plugin_entry()->create(&host, &instance), QRY_ERR_UNSUPPORTED);
    assert_null(instance);
    assert_non_null(strstr(old_core_error, "quarry.text/1"));
    assert_non_null(strstr(old_core_error, "ABI 1.0"));
}

/* Every attribute the plugin emits is declared with its type; the core
 * refuses undeclared ones and says so in last_error. */
static void t_declared_attributes(void **state)
{
    qry_testkit *tk = *state;
    static const struct {
        const char *name;
        int type;
    } want[] = {{"name", QRY_ATTR_STRING}, {"category", QRY_ATTR_STRING}, {"named", QRY_ATTR_BOOL},
                {"origin", QRY_ATTR_STRING}};
    const qry_attr_spec *const *a = quarry_plugin_entry()->attributes;
    assert_non_null(a);
    size_t n = 0;
    for (; a[n]; n++) {
        assert_true(n < sizeof want / sizeof want[0]);
        assert_string_equal(a[n]->entity_type, "weapon");
        assert_string_equal(a[n]->name, want[n].name);
        assert_int_equal(a[n]->type, want[n].type);
    }
    assert_int_equal(n, sizeof want / sizeof want[0]);
    assert_int_equal(run(tk, "Kyiv got a Patriot air defense system and more 155mm shells."), 2);
    assert_string_equal(qry_testkit_last_error(tk), "");
    assert_string_equal(qry_testkit_attr_of(tk, "weapon", "Patriot air defense system", "origin"), "US");
    expect(tk, "155mm shells", "155 mm artillery shell", "artillery", "false");
}

static void t_offsets_utf8(void **state)
{
    qry_testkit *tk = *state;
    const char *text = "Kyiv’s “Patriot” battery — and Ukraine’s new M777s — held.";
    run(tk, text);
    const qry_test_entity *e = qry_testkit_find(tk, "weapon", "M777s");
    assert_non_null(e);
    assert_memory_equal(text + e->start, "M777s", 5);
    assert_int_equal(e->end - e->start, 5);
}

/* Long repetitive input: every pattern stays within its limits. */
static void t_pathological_input(void **state)
{
    qry_testkit *tk = *state;
    size_t n = 0, cap = 200000;
    char *text = malloc(cap);
    assert_non_null(text);
    n += (size_t)snprintf(text + n, cap - n, "155 mm ");
    for (int i = 0; i < 3000; i++)
        n += (size_t)snprintf(text + n, cap - n, "artillery ");
    for (int i = 0; i < 3000; i++)
        n += (size_t)snprintf(text + n, cap - n, "Su-");
    for (int i = 0; i < 2000; i++)
        n += (size_t)snprintf(text + n, cap - n, "anti-air ");
    n += (size_t)snprintf(text + n, cap - n, "shells");
    /* thousands of names, heads, weak and listed classes and marks in one sentence */
    for (int i = 0; i < 1500 && n + 64 < cap; i++)
        n += (size_t)snprintf(text + n, cap - n, " M777 artillery pieces, bomber, jets to bomb factory");
    assert_int_equal(qry_testkit_run(tk, text), 0);
    assert_true(qry_testkit_count(tk) > 0);
    free(text);
}


/* ---- the literal prefilter ------------------------------------------------ */

static int has_literal(const wpn_literals *l, const char *s)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->s[i], s) == 0)
            return 1;
    return 0;
}

static void t_required_literals(void **state)
{
    (void)state;
    wpn_literals l;
    assert_int_equal(wpn_required_literals("missiles?", &l), 1);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.s[0], "missile");

    assert_int_equal(wpn_required_literals("air[\\s-]+defen[cs]es?(?![\\s-]+forces)", &l), 1);
    assert_int_equal(l.n, 2);
    assert_true(has_literal(&l, "defence") && has_literal(&l, "defense"));

    /* case-sensitive parts are lower-cased; every branch contributes */
    assert_int_equal(wpn_required_literals("surface[\\s-]+to[\\s-]+air|(?-i:SAMs?)", &l), 1);
    assert_true(has_literal(&l, "surface") && has_literal(&l, "sam"));

    /* optional characters multiply; lookbehinds add nothing */
    assert_int_equal(wpn_required_literals("(?<!think )anti-?tank", &l), 1);
    assert_true(has_literal(&l, "anti-tank") && has_literal(&l, "antitank"));

    /* long literals are cut to a prefix, which is still required */
    assert_int_equal(wpn_required_literals("intercontinental\\s+missiles?", &l), 1);
    assert_string_equal(l.s[0], "intercontinenta");

    /* a curly quote in a class (a lookahead's end of phrase) keeps the rest's literals */
    assert_int_equal(wpn_required_literals("anti-?tank(?=\\s*[,;\u201d\u2019]|$)", &l), 1);
    assert_true(has_literal(&l, "anti-tank") && has_literal(&l, "antitank"));
    assert_int_equal(wpn_required_literals("[\u201c\u201d]tank", &l), 1);
    assert_true(has_literal(&l, "tank"));
    /* a range of non-ASCII characters is not read */
    assert_int_equal(wpn_required_literals("[\u00e0-\u00ff]tank", &l), 0);

    /* no literal every match needs: the pattern always runs */
    assert_int_equal(wpn_required_literals("\\w+", &l), 0);
    assert_int_equal(wpn_required_literals("tanks?|\\d+", &l), 0);
    assert_int_equal(wpn_required_literals("(?:tank)?\\s", &l), 0);
    /* syntax the reading does not know: the pattern always runs */
    assert_int_equal(wpn_required_literals("\\Qtank\\E", &l), 0);
    assert_int_equal(wpn_required_literals("(?x) t a n k", &l), 0);
    assert_int_equal(wpn_required_literals("(?<kind>tank)", &l), 0);
    assert_int_equal(wpn_required_literals("\\x{74}ank", &l), 0);
    assert_int_equal(wpn_required_literals("(tank)\\s+\\1", &l), 0);
    assert_int_equal(wpn_required_literals("[[:alpha:]]+tank", &l), 0);
    assert_int_equal(wpn_required_literals("tank{,3}", &l), 0);
}

/* A pattern is JIT-compiled when first matched, not before; workers racing
 * for it all match with one published copy and find the same hits. */
typedef struct jit_race {
    const qp_lazy_jit *lj;
    const char *text;
    int hits;
    const pcre2_code *used;
} jit_race;

static void *race_match(void *arg)
{
    jit_race *r = arg;
    pcre2_match_data *md = pcre2_match_data_create(4, NULL);
    size_t len = strlen(r->text);
    for (size_t off = 0; off <= len;) {
        if (qp_lazy_jit_match(r->lj, r->text, len, off, md, NULL) < 0)
            break;
        r->hits++;
        off = pcre2_get_ovector_pointer(md)[1];
    }
    r->used = qp_lazy_jit_get(r->lj);
    pcre2_match_data_free(md);
    return NULL;
}

static void t_lazy_jit(void **state)
{
    (void)state;
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR) "\\d+\\s?mm", PCRE2_ZERO_TERMINATED, PCRE2_UTF | PCRE2_UCP, &ec,
                                     &eo, NULL);
    assert_non_null(code);
    qp_lazy_jit lj;
    qp_lazy_jit_init(&lj, code);
    size_t jit_size = 1;
    assert_int_equal(pcre2_pattern_info(lj.code, PCRE2_INFO_JITSIZE, &jit_size), 0);
    assert_int_equal(jit_size, 0); /* nothing compiled before the first match */
    enum { N = 4 };
    pthread_t th[N];
    jit_race r[N];
    for (int i = 0; i < N; i++) {
        r[i] = (jit_race){&lj, "shells of 155 mm, 152mm and 122 mm guns", 0, NULL};
        assert_int_equal(pthread_create(&th[i], NULL, race_match, &r[i]), 0);
    }
    for (int i = 0; i < N; i++) {
        assert_int_equal(pthread_join(th[i], NULL), 0);
        assert_int_equal(r[i].hits, 3);
        assert_ptr_equal(r[i].used, r[0].used); /* one copy published for everyone */
    }
    if (r[0].used != lj.code) { /* JIT available: the copy carries the machine code */
        assert_int_equal(pcre2_pattern_info(r[0].used, PCRE2_INFO_JITSIZE, &jit_size), 0);
        assert_true(jit_size > 0);
    }
    qp_lazy_jit_fini(&lj);
}

/* The prefilter lower-cases ASCII and reads U+017F as 's' and U+212A as 'k':
 * with PCRE2 caseless UTF + UCP matching these are the only code points
 * that match an ASCII character. */
static void t_caseless_ascii_fold(void **state)
{
    (void)state;
    int ec;
    PCRE2_SIZE eo;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR) "[\\x00-\\x7f]", PCRE2_ZERO_TERMINATED,
                                   PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
    assert_non_null(re);
    (void)pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    assert_non_null(md);
    for (uint32_t cp = 0x80; cp <= 0x10FFFF; cp++) {
        if (cp >= 0xD800 && cp <= 0xDFFF)
            continue;
        unsigned char b[4];
        size_t n;
        if (cp < 0x800) {
            b[0] = (unsigned char)(0xC0 | (cp >> 6));
            n = 2;
        } else if (cp < 0x10000) {
            b[0] = (unsigned char)(0xE0 | (cp >> 12));
            b[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            n = 3;
        } else {
            b[0] = (unsigned char)(0xF0 | (cp >> 18));
            b[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
            b[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
            n = 4;
        }
        b[n - 1] = (unsigned char)(0x80 | (cp & 0x3F));
        int m = pcre2_match(re, b, n, 0, 0, md, NULL);
        if (m >= 0 && cp != 0x17F && cp != 0x212A)
            fail_msg("U+%04X matches ASCII caselessly: teach prefilter.c", (unsigned)cp);
    }
    pcre2_match_data_free(md);
    pcre2_code_free(re);
}

static int bit(const uint64_t *v, size_t p) { return (int)((v[p / 64] >> (p % 64)) & 1); }

static void t_prefilter_scan(void **state)
{
    (void)state;
    wpn_prefilter *pf = wpn_prefilter_new();
    assert_non_null(pf);
    wpn_literals tank = {.n = 1, .s = {"tank"}}, mis = {.n = 2, .s = {"missile", "drone"}};
    assert_int_equal(wpn_prefilter_add(pf, &tank), QRY_OK); /* 0 */
    assert_int_equal(wpn_prefilter_add(pf, NULL), QRY_OK);  /* 1: always */
    for (int i = 2; i < 70; i++)                            /* 69 crosses a word */
        assert_int_equal(wpn_prefilter_add(pf, &mis), QRY_OK);
    assert_int_equal(wpn_prefilter_build(pf), QRY_OK);
    assert_int_equal(wpn_prefilter_words(pf), 2);
    assert_int_equal(wpn_prefilter_n_filtered(pf), 69);
    uint64_t v[2];
    const char *t1 = "Two TANKS rolled in.";
    wpn_prefilter_scan(pf, t1, strlen(t1), v, NULL);
    assert_true(bit(v, 0) && bit(v, 1) && !bit(v, 2) && !bit(v, 69));
    const char *t2 = "A Drone, then a mis\xC5\xBF\xC5\xBFile."; /* LONG S */
    wpn_prefilter_scan(pf, t2, strlen(t2), v, NULL);
    assert_true(!bit(v, 0) && bit(v, 1) && bit(v, 2) && bit(v, 69));
    const char *t3 = "tan\xE2\x84\xAA"; /* KELVIN SIGN */
    wpn_prefilter_scan(pf, t3, strlen(t3), v, NULL);
    assert_true(bit(v, 0) && !bit(v, 2));
    wpn_prefilter_scan(pf, "", 0, v, NULL);
    assert_true(!bit(v, 0) && bit(v, 1) && !bit(v, 69));
    wpn_prefilter_free(pf);
}

/* A sequence needs one string of each part's set; an alternation at the top
 * gives one set; the prefilter turns a pattern on only when every set is met. */
static void t_literal_sets(void **state)
{
    (void)state;
    wpn_literals sets[4];
    size_t n = wpn_required_literal_sets("air[\\s-]+defen[cs]e[\\s-]+(?:systems?|batter(?:y|ies))", sets, 4);
    assert_true(n >= 2);
    int has_defence = 0, has_system = 0;
    for (size_t k = 0; k < n; k++) {
        has_defence |= has_literal(&sets[k], "defence") && has_literal(&sets[k], "defense");
        has_system |= has_literal(&sets[k], "system") && has_literal(&sets[k], "battery");
    }
    assert_true(has_defence && has_system);
    assert_int_equal(wpn_required_literal_sets("tanks?|missiles?", sets, 4), 1);
    assert_true(has_literal(&sets[0], "tank") && has_literal(&sets[0], "missile"));
    assert_int_equal(wpn_required_literal_sets("\\w+", sets, 4), 0);

    wpn_prefilter *pf = wpn_prefilter_new();
    assert_non_null(pf);
    wpn_literals two[2] = {{.n = 1, .s = {"defen"}}, {.n = 2, .s = {"system", "batter"}}};
    assert_int_equal(wpn_prefilter_add_sets(pf, two, 2), QRY_OK); /* 0 */
    assert_int_equal(wpn_prefilter_add_sets(pf, two, 1), QRY_OK); /* 1: "defen" only */
    assert_int_equal(wpn_prefilter_add_sets(pf, NULL, 0), QRY_OK); /* 2: always */
    assert_int_equal(wpn_prefilter_build(pf), QRY_OK);
    assert_int_equal(wpn_prefilter_n_filtered(pf), 2);
    uint64_t v[1];
    const char *t1 = "The defence minister spoke.";
    wpn_prefilter_scan(pf, t1, strlen(t1), v, NULL);
    assert_true(!bit(v, 0) && bit(v, 1) && bit(v, 2));
    const char *t2 = "A Patriot BATTERY for the air defence of the city.";
    wpn_prefilter_scan(pf, t2, strlen(t2), v, NULL);
    assert_true(bit(v, 0) && bit(v, 1) && bit(v, 2));
    const char *t3 = "The system failed.";
    wpn_prefilter_scan(pf, t3, strlen(t3), v, NULL);
    assert_true(!bit(v, 0) && !bit(v, 1) && bit(v, 2));
    wpn_prefilter_free(pf);
}

/* Random patterns and texts: whenever a pattern matches, the text holds one
 * of its literals (ASCII case and the two non-ASCII folds ignored), and one
 * of each of its literal sets. */
static uint32_t rnd(uint32_t *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7FFF;
}

static int text_holds(const char *text, const wpn_literals *l)
{
    char low[256];
    size_t k = 0;
    for (const unsigned char *p = (const unsigned char *)text; *p && k + 1 < sizeof low; p++) {
        if (p[0] == 0xC5 && p[1] == 0xBF) {
            low[k++] = 's';
            p++;
        } else {
            low[k++] = (char)((*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : *p);
        }
    }
    low[k] = '\0';
    for (size_t i = 0; i < l->n; i++)
        if (strstr(low, l->s[i]))
            return 1;
    return 0;
}

static void t_literals_random(void **state)
{
    (void)state;
    static const char *const parts[] = {
        "a",  "b",   "s",     "ab",  "(",     "(?:", "(?-i:", "(?=",  "(?<!", ")",   ")",    "|",
        "?",  "*",   "+",     "{1,2}", "{2}", "[ab]", "[^a]", "[a-b]", "\\s", "\\b", "\\w", "-",
        ".",  "S",   "(?i)",  "\\-", "[\\s-]", "??", "^",    "$",    "(?>",  "x"};
    static const char *const letters[] = {"a", "b", "s", "A", "B", "S", " ", "-", "\xC5\xBF", "x"};
    const size_t np = sizeof parts / sizeof *parts, nl = sizeof letters / sizeof *letters;
    uint32_t seed = 12345;
    pcre2_match_data *md = pcre2_match_data_create(1, NULL);
    assert_non_null(md);
    int checked = 0;
    for (int round = 0; round < 3000; round++) {
        char re[128] = "";
        for (int i = 0, n = 1 + (int)(rnd(&seed) % 10); i < n; i++)
            strcat(re, parts[rnd(&seed) % np]);
        int ec;
        PCRE2_SIZE eo;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                         PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP, &ec, &eo, NULL);
        if (!code)
            continue;
        wpn_literals l, sets[4];
        size_t n_sets = wpn_required_literal_sets(re, sets, 4);
        if (wpn_required_literals(re, &l)) {
            assert_true(n_sets >= 1); /* the sets know at least what the one set knows */
            for (int t = 0; t < 40; t++) {
                char text[128] = "";
                for (int i = 0, n = (int)(rnd(&seed) % 12); i < n; i++)
                    strcat(text, letters[rnd(&seed) % nl]);
                if (pcre2_match(code, (PCRE2_SPTR)text, strlen(text), 0, 0, md, NULL) >= 0) {
                    checked++;
                    if (!text_holds(text, &l))
                        fail_msg("/%s/ matches '%s' without its literals (first '%s')", re, text, l.s[0]);
                    for (size_t k = 0; k < n_sets; k++)
                        if (!text_holds(text, &sets[k]))
                            fail_msg("/%s/ matches '%s' without its literal set %zu (first '%s')", re, text, k,
                                     sets[k].s[0]);
                    /* and every match starts by the prefilter's bound */
                    wpn_prefilter *pf = wpn_prefilter_new();
                    assert_non_null(pf);
                    assert_int_equal(wpn_prefilter_add_sets(pf, sets, n_sets), QRY_OK);
                    assert_int_equal(wpn_prefilter_build(pf), QRY_OK);
                    uint64_t on;
                    uint32_t starts_by;
                    wpn_prefilter_scan(pf, text, strlen(text), &on, &starts_by);
                    assert_true(on & 1);
                    for (PCRE2_SIZE off = 0; off <= strlen(text); off++) {
                        if (pcre2_match(code, (PCRE2_SPTR)text, strlen(text), off, 0, md, NULL) < 0)
                            break;
                        PCRE2_SIZE start = pcre2_get_ovector_pointer(md)[0];
                        if (start > starts_by)
                            fail_msg("/%s/ matches '%s' at %zu, past the bound %u", re, text, (size_t)start,
                                     starts_by);
                        off = start;
                    }
                    wpn_prefilter_free(pf);
                }
            }
        }
        pcre2_code_free(code);
    }
    pcre2_match_data_free(md);
    assert_true(checked > 1000);
}

/* User pattern files may use any PCRE2 syntax: what the prefilter does not
 * understand still runs. */
static void t_generic_unusual_syntax(void **state)
{
    (void)state;
    char p[64];
    temp_file(p, sizeof p,
              "naval\tno\tgunboat\t\\Qgun\\Eboats?\n"
              "armor\tno\tarmored train\t(?x) armou?red \\s+ trains?\n"
              "missile\tno\tmissile\tmissiles?\n");
    const char *opts[] = {"generic", p, NULL};
    char err[512];
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "Two gunboats escorted an armored train."), 0);
    assert_int_equal(qry_testkit_count(tk), 2);
    expect(tk, "gunboats", "gunboat", "naval", "false");
    expect(tk, "armored train", "armored train", "armor", "false");
    /* a caseless literal also matches LONG S: "miſſiles" */
    assert_int_equal(qry_testkit_run(tk, "They fired mi\xC5\xBF\xC5\xBFiles at dawn."), 0);
    expect(tk, "mi\xC5\xBF\xC5\xBFiles", "missile", "missile", "false");
    qry_testkit_free(tk);
    unlink(p);
}

/* Generic mentions are looked for between blank lines: one wrapped at a
 * line's end is still found whole, none runs over a blank line, and a
 * phrase's parts in different paragraphs are not one mention. */
static void t_generic_blocks(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "Crews loaded the anti-\naircraft guns at night.\n\nThe city's air defence\n\nsystems, a reader wrote, were old.");
    expect(tk, "anti-\naircraft guns", "anti-aircraft gun", "air_defense", "false");
    assert_null(qry_testkit_find(tk, "weapon", "air defence\n\nsystems"));
    expect(tk, "air defence", "air defense system", "air_defense", "false"); /* was "air defence\n\nsystems" */
    /* runs of blank lines (also with blanks on them) between paragraphs */
    run(tk, "Marines fired anti-tank missiles.\n\n\n\nThen 155 mm shells fell.\n \t\nCruise missiles followed.");
    expect(tk, "anti-tank missiles", "anti-tank missile", "missile", "false");
    expect(tk, "155 mm shells", "155 mm artillery shell", "artillery", "false");
    expect(tk, "Cruise missiles", "cruise missile", "missile", "false");
}

/* The matcher stops growing a token sequence once no key starts with it. */
static void t_gazetteer_prefixes(void **state)
{
    (void)state;
    char err[256];
    const char *const storm[5] = {"Storm Shadow", "SCALP-EG", "missile", "GB", "-"};
    const char *const sparrow[5] = {"Sea Sparrow", "-", "air_defense", "US", "-"};
    wpn_gazetteer *g = wpn_gaz_new();
    assert_non_null(g);
    assert_int_equal(wpn_gaz_add(g, storm, 0, NULL, err, sizeof err), QRY_OK);
    assert_true(wpn_gaz_may_extend(g, "storm", 5));
    assert_true(wpn_gaz_may_extend(g, "stormshadow", 11)); /* a key itself */
    assert_true(wpn_gaz_may_extend(g, "scalpe", 6));
    assert_false(wpn_gaz_may_extend(g, "stormy", 6));
    assert_false(wpn_gaz_may_extend(g, "seas", 4));
    assert_false(wpn_gaz_may_extend(g, "stormshadows", 12)); /* longer than any key */
    /* a later file's keys extend the set */
    assert_int_equal(wpn_gaz_add(g, sparrow, 1, NULL, err, sizeof err), QRY_OK);
    assert_true(wpn_gaz_may_extend(g, "seas", 4));
    wpn_gaz_free(g);

    /* matching is unchanged: plural of a key, and a name after a dead end */
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), NULL, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(qry_testkit_run(tk, "Britain sent Storm Shadows; the stormy sea calmed."), 0);
    expect(tk, "Storm Shadows", "Storm Shadow", "missile", "true");
    assert_int_equal(qry_testkit_count(tk), 1);
    qry_testkit_free(tk);
}

/* Classes added for recall: light military vehicles, vehicle bombs, aircraft
 * named by their force or role, ship types and hull numbers, small arms. */
static void t_more_generic_classes(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Militants drove armed pickups and two tactical vehicles toward the checkpoint."), 2);
    expect(tk, "armed pickups", "tactical vehicle", "armor", "false");
    expect(tk, "tactical vehicles", "tactical vehicle", "armor", "false");

    assert_int_equal(run(tk, "The group sent suicide trucks against the base before dawn."), 1);
    expect(tk, "suicide trucks", "vehicle-borne improvised explosive device", "ammunition", "false");

    assert_int_equal(run(tk, "Witnesses saw air force planes and regime helicopters over the valley."), 2);
    expect(tk, "air force planes", "military aircraft", "aircraft", "false");
    expect(tk, "regime helicopters", "military helicopter", "aircraft", "false");

    assert_int_equal(run(tk, "Tokyo wants a fifth-generation fighter rather than older jet fighters or bomber aircraft."), 3);
    expect(tk, "fifth-generation fighter", "fighter jet", "aircraft", "false");
    expect(tk, "jet fighters", "fighter jet", "aircraft", "false");
    expect(tk, "bomber aircraft", "bomber", "aircraft", "false");

    assert_int_equal(run(tk, "Strategic airlifters, tanker aircraft and maritime patrol planes landed at the base."), 3);
    expect(tk, "Strategic airlifters", "military transport aircraft", "aircraft", "false");
    expect(tk, "tanker aircraft", "aerial refueling tanker", "aircraft", "false");
    expect(tk, "maritime patrol planes", "maritime patrol aircraft", "aircraft", "false");

    run(tk, "Two navy ships, an old battleship and a minehunter left port; USS Example (DDG 99) followed.");
    expect(tk, "navy ships", "warship", "naval", "false");
    expect(tk, "battleship", "battleship", "naval", "false");
    expect(tk, "minehunter", "minesweeper", "naval", "false");
    expect(tk, "USS Example", "USS Example", "naval", "true");
    expect(tk, "DDG 99", "DDG 99", "naval", "true");
    assert_int_equal(qry_testkit_count(tk), 5);

    run(tk, "Police seized carbines, a sub-machine gun, a recoilless rifle, automatic weapons and bullets.");
    expect(tk, "carbines", "carbine", "small_arms", "false");
    expect(tk, "sub-machine gun", "machine gun", "small_arms", "false");
    expect(tk, "recoilless rifle", "recoilless rifle", "small_arms", "false");
    expect(tk, "automatic weapons", "automatic weapon", "small_arms", "false");
    expect(tk, "bullets", "bullet", "ammunition", "false");
    assert_int_equal(qry_testkit_count(tk), 5);

    run(tk, "The treaty bans surface-to-surface missiles, conventional warheads, biological weapons and bunker busters.");
    expect(tk, "surface-to-surface missiles", "surface-to-surface missile", "missile", "false");
    expect(tk, "conventional warheads", "warhead", "ammunition", "false");
    expect(tk, "biological weapons", "biological weapon", "ammunition", "false");
    expect(tk, "bunker busters", "bunker buster bomb", "ammunition", "false");
    assert_int_equal(qry_testkit_count(tk), 4);
}

/* The civilian or non-weapon look-alikes of those classes. */
static void t_more_generic_nonmatches(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "There are no silver bullets for inflation, the minister warned."), 0);
    assert_int_equal(run(tk, "The new sofa comes in battleship grey."), 0);
    assert_int_equal(run(tk, "A suicide truck bomber and a suicide car attack were reported."), 0);
    assert_int_equal(run(tk, "The fighters and their commanders withdrew from the village."), 0);
    assert_int_equal(run(tk, "Firefighters called in air tanker planes over the forest."), 0);
    assert_int_equal(run(tk, "Write your SSN 123-45-6789 on the form, not DDG or SSN alone."), 0);
    assert_int_equal(run(tk, "The company hired more technical staff and bought delivery vehicles."), 0);
}

/* Gazetteer entries added for recall, with their ambiguous forms. */
static void t_more_named_systems(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Militants fired Qassam rockets while the other side answered with Katyushas."), 2);
    expect(tk, "Qassam rockets", "Qassam", "artillery", "true");
    expect(tk, "Katyushas", "Katyusha", "artillery", "true");
    assert_string_equal(qry_testkit_attr_of(tk, "weapon", "Qassam rockets", "origin"), "PS");

    assert_int_equal(run(tk, "Pyongyang tested a Nodong and a Pukguksong-3 this spring."), 2);
    expect(tk, "Nodong", "Nodong", "missile", "true");
    expect(tk, "Pukguksong-3", "Pukguksong-1", "nuclear", "true");

    run(tk, "The frigate's Goalkeeper CIWS and a Phalanx mount fired at the drones.");
    expect(tk, "Goalkeeper CIWS", "Goalkeeper CIWS", "naval", "true");
    expect(tk, "Phalanx", "Phalanx CIWS", "naval", "true");

    assert_int_equal(run(tk, "Infantry carried MILAN missiles to stop the tanks."), 2);
    expect(tk, "MILAN missiles", "MILAN", "missile", "true");
    assert_int_equal(run(tk, "Fashion week opened in Milan on Monday."), 0);
    assert_int_equal(run(tk, "Goalkeeper Smith saved two shots and the Phalanx of defenders held."), 0);
}

/* "jet" extends a name and may be followed by another head: "F-16 jet fighters". */
static void t_jet_in_head_phrase(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Tokyo flies F-15 jet fighters and one F-16 jet."), 2);
    expect(tk, "F-15 jet fighters", "F-15", "aircraft", "true");
    expect(tk, "F-16 jet", "F-16", "aircraft", "true");
}

/* ---- issue #14: whole mentions, the names soldiers use, weapon words that are no weapons ---- */

/* A name and the classes written right after it are one mention. */
static void t_name_and_head_class(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Separatists said TOS-1A flamethrower rockets hit the village."), 1);
    expect(tk, "TOS-1A flamethrower rockets", "TOS-1", "artillery", "true");

    assert_int_equal(run(tk, "Washington will ship 18 M777 Nato-standard artillery pieces."), 1);
    expect(tk, "M777 Nato-standard artillery pieces", "M777", "artillery", "true");

    assert_int_equal(run(tk, "London is sending Starstreak high-velocity anti-air missiles."), 1);
    expect(tk, "Starstreak high-velocity anti-air missiles", "Starstreak", "air_defense", "true");

    assert_int_equal(run(tk, "The brigade fields the M777 155mm howitzer and two M142 high mobility artillery rocket systems."), 2);
    expect(tk, "M777 155mm howitzer", "M777", "artillery", "true");
    expect(tk, "M142 high mobility artillery rocket systems", "HIMARS", "artillery", "true");

    /* two forms of one name, a variant letter glued to the number */
    assert_int_equal(run(tk, "A KC-135R Stratotanker refuelled the bombers."), 2);
    expect(tk, "KC-135R Stratotanker", "KC-135 Stratotanker", "aircraft", "true");
    /* a name repeated is two mentions */
    assert_int_equal(run(tk, "They saw the M777 howitzers M777 howitzers everywhere."), 2);
}

/* Two classes in a row are one class, named by the head unless an air
 * defence modifier says more. */
static void t_class_and_head_class(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Prague sent howitzer artillery pieces and air-defence missiles."), 2);
    expect(tk, "howitzer artillery pieces", "artillery", "artillery", "false");
    expect(tk, "air-defence missiles", "air defense system", "air_defense", "false");

    assert_int_equal(run(tk, "Paris funds new missile submarines."), 1);
    expect(tk, "missile submarines", "submarine", "naval", "false");
}

/* A class right before a name of its category says what the named thing
 * is: one weapon, one mention, named after the name. */
static void t_class_before_name(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "The frigate HMS Kent docked at dawn."), 1);
    expect(tk, "frigate HMS Kent", "HMS Kent", "naval", "true");
    assert_int_equal(run(tk, "Washington sent the guided-missile destroyer USS Carney north."), 1);
    expect(tk, "guided-missile destroyer USS Carney", "USS Carney", "naval", "true");
    assert_int_equal(run(tk, "Crews cleaned the towed howitzer M777 after firing."), 1);
    expect(tk, "towed howitzer M777", "M777", "artillery", "true");
    /* other categories stay apart: the missiles an aircraft carries */
    assert_int_equal(run(tk, "Pilots fired the missiles Su-34 crews had loaded."), 2);
    expect(tk, "missiles", "missile", "missile", "false");
    expect(tk, "Su-34", "Su-34", "aircraft", "true");
}

/* What stays apart: a platform and the munition it carries, pieces with
 * other words between. */
static void t_pieces_that_stay_apart(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "The frigate that escorted HMS Kent docked at dawn."), 2);
    expect(tk, "frigate", "frigate", "naval", "false");
    expect(tk, "HMS Kent", "HMS Kent", "naval", "true");

    assert_int_equal(run(tk, "Ground crews loaded Su-34 bombs onto the racks."), 2);
    expect(tk, "Su-34", "Su-34", "aircraft", "true");
    expect(tk, "bombs", "bomb", "ammunition", "false");

    assert_int_equal(run(tk, "The M777 arrived before the artillery pieces did."), 2);
    expect(tk, "M777", "M777", "artillery", "true");
    expect(tk, "artillery pieces", "artillery", "artillery", "false");
}

/* A head noun on the next line of a hard-wrapped sentence. */
static void t_head_on_wrapped_line(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "The Navy signed a modest order for spare cockpit displays for its F-14A\n"
            "aircraft, a Pentagon spokeswoman told reporters on Friday in a briefing\n"
            "held in Arlington before lunch, adding that the first deliveries\n"
            "should reach the fleet before the summer of the following year and\n"
            "the rest within eighteen months, if the supplier keeps to its plan.\n");
    expect(tk, "F-14A\naircraft", "F-14 Tomcat", "aircraft", "true");
    assert_int_equal(qry_testkit_count(tk), 1);
}

/* Shorthand: family names, bare anti-air, coastal defence, counted munitions. */
static void t_shorthand_names(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Warsaw offered its MiGs, then MiG planes, then Polish MiG fighter jets."), 3);
    expect(tk, "MiGs", "MiG", "aircraft", "true");
    expect(tk, "MiG planes", "MiG", "aircraft", "true");
    expect(tk, "MiG fighter jets", "MiG", "aircraft", "true");

    assert_int_equal(run(tk, "Odesa wants coastal defence systems and coastal anti-ship defence systems."), 2);
    expect(tk, "coastal defence systems", "coastal defense missile system", "missile", "false");
    expect(tk, "coastal anti-ship defence systems", "coastal defense missile system", "missile", "false");
    assert_int_equal(run(tk, "Storms battered the coastal defences of the town."), 0);

    assert_int_equal(run(tk, "The list named anti-airplane systems, anti-air defences and more anti-air."), 3);
    expect(tk, "anti-airplane systems", "anti-aircraft system", "air_defense", "false");
    expect(tk, "anti-air defences", "anti-aircraft system", "air_defense", "false");
    expect(tk, "anti-air", "anti-aircraft system", "air_defense", "false");

    assert_int_equal(run(tk, "Allies shipped 900 anti-tank and 300 anti-aircraft missiles."), 2);
    expect(tk, "anti-tank", "anti-tank missile", "missile", "false");
    expect(tk, "anti-aircraft missiles", "anti-aircraft missile", "air_defense", "false");

    assert_int_equal(run(tk, "Sukhoi jets flew low; the Sukhoi Superjet order was cancelled."), 1);
    expect(tk, "Sukhoi jets", "Sukhoi", "aircraft", "true");

    assert_int_equal(run(tk, "Planners fear battlefield nukes; Moscow threatened to nuke nobody."), 1);
    expect(tk, "nukes", "nuclear weapon", "nuclear", "false");

    /* counted munitions are bombs and missiles; bare "munitions" is a supply */
    assert_int_equal(run(tk, "Four airstrikes delivered 24 munitions. The munitions stockpile is low."), 1);
    expect(tk, "munitions", "munition", "ammunition", "false");
}

/* APKWS is its own system, not the Hydra 70 it is built from. */
static void t_apkws_is_not_hydra(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Experts said the laser-guided rocket systems were APKWS rockets, not Hydra 70 rockets."), 3);
    expect(tk, "laser-guided rocket systems", "precision-guided munition", "ammunition", "false");
    expect(tk, "APKWS rockets", "APKWS", "ammunition", "true");
    expect(tk, "Hydra 70 rockets", "Hydra 70", "ammunition", "true");
}

/* Bare craft words count only with weapon context in their sentence. */
static void t_bare_aircraft_in_context(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "A single jet bombed the market at noon."), 1);
    expect(tk, "jet", "military aircraft", "aircraft", "false");
    assert_int_equal(run(tk, "Two aircraft were shot down near the border."), 1);
    expect(tk, "aircraft", "military aircraft", "aircraft", "false");
    assert_int_equal(run(tk, "Witnesses saw helicopters drop barrel bombs on the market."), 2);
    expect(tk, "helicopters", "military helicopter", "aircraft", "false");
    expect(tk, "barrel bombs", "barrel bomb", "ammunition", "false");
    assert_int_equal(run(tk, "Kyiv asked for planes, tanks and artillery."), 3);
    expect(tk, "planes", "military aircraft", "aircraft", "false");

    assert_int_equal(run(tk, "The planes were late and the jets were full of tourists."), 0);
    assert_int_equal(run(tk, "Passenger jets were diverted after missiles were fired."), 1);
    expect(tk, "missiles", "missile", "missile", "false");
    assert_int_equal(run(tk, "Jet fuel and aircraft engines cost more after the tanks advanced."), 1);
    expect(tk, "tanks", "tank", "armor", "false");
    /* a bare bomb or rocket gives no context: a terrorist's bomb, a space launch */
    assert_int_equal(run(tk, "In the thriller a hijacker smuggles a bomb onto an airplane."), 1);
    expect(tk, "bomb", "bomb", "ammunition", "false");
    assert_int_equal(run(tk, "Vought Aircraft Co won a contract for missiles."), 1);
    expect(tk, "missiles", "missile", "missile", "false");
}

/* The sentence before or after a bare craft word is about the same aircraft;
 * two sentences away is another topic. */
static void t_bare_aircraft_next_to_context(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Artillery shells hit the depot at dawn. A resident heard a plane circle twice."), 2);
    expect(tk, "plane", "military aircraft", "aircraft", "false");
    assert_int_equal(run(tk, "Three raids were flown overnight. All aircraft landed safely. The air force said so."), 1);
    expect(tk, "aircraft", "military aircraft", "aircraft", "false");
    assert_int_equal(run(tk, "The helicopter landed on the roof. Nobody was hurt. Later, tanks rolled in."), 1);
    expect(tk, "tanks", "tank", "armor", "false");
    /* a craft word inside a name is no craft, whatever the context */
    assert_int_equal(run(tk, "Kaman Aircraft and Leonardo Helicopters bid for the missile contract."), 1);
    expect(tk, "missile", "missile", "missile", "false");
    assert_int_equal(run(tk, "Missiles fell on the port. Russian Aircraft followed."), 2);
    expect(tk, "Aircraft", "military aircraft", "aircraft", "false");
}

/* "fighter" and "bomber" are aircraft in a list of aircraft, people otherwise. */
static void t_fighter_bomber_in_lists(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Overnight the allies flew attack, fighter, bomber and remotely piloted aircraft."), 3);
    expect(tk, "bomber", "bomber", "aircraft", "false");
    expect(tk, "fighter", "fighter jet", "aircraft", "false");
    expect(tk, "remotely piloted aircraft", "unmanned aerial vehicle", "drone", "false");
    assert_int_equal(run(tk, "Without tankers our fighters, bombers and airlifters stay home."), 3);
    expect(tk, "fighters", "fighter jet", "aircraft", "false");

    assert_int_equal(run(tk, "Rebel fighters seized the town overnight."), 0);
    assert_int_equal(run(tk, "A suicide bomber and two fighters attacked the checkpoint."), 0);
    assert_int_equal(run(tk, "Militia fighters and tanks entered the town."), 1);
    expect(tk, "tanks", "tank", "armor", "false");
    assert_int_equal(run(tk, "The fighter and bomber pilots trained together."), 0);
}

/* Weapon words inside unit, facility, maker and company names, and verbs. */
static void t_weapon_words_that_are_not_weapons(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Soldiers from the 214th Field Artillery Regiment trained with Polish troops."), 0);
    assert_int_equal(run(tk, "A raid hit a VBIED factory, then a VBIED."), 1);
    expect(tk, "VBIED", "vehicle-borne improvised explosive device", "ammunition", "false");
    /* marks are looked for in every sentence that holds a candidate */
    assert_int_equal(run(tk, "Talks ended at noon. Later a strike hit a drone factory. Then two jets bombed a depot."), 1);
    expect(tk, "jets", "military aircraft", "aircraft", "false");
    assert_int_equal(run(tk, "The tank crews, drone operators and mortar teams rested."), 0);
    assert_int_equal(run(tk, "Drone makers and missile plants hired staff; a tank company moved north."), 0);
    assert_int_equal(run(tk, "The Strategic Missile Forces held drills with the strategic nuclear forces."), 1);
    expect(tk, "strategic nuclear forces", "strategic nuclear weapon", "nuclear", "false");
    assert_int_equal(run(tk, "Spc. Isaac L. Booker, a tank crewman, died on Monday."), 0);

    assert_int_equal(run(tk, "Their plan was to bomb the bridges at night."), 0);
    assert_int_equal(run(tk, "Analysts said prices could tank and shares might rocket."), 0);
    assert_int_equal(run(tk, "The plan to bomb the bridge failed after a bomb exploded early."), 1);
    expect(tk, "bomb", "bomb", "ammunition", "false");
    assert_int_equal(run(tk, "Crews used helicopters to bomb the town."), 1);
    expect(tk, "helicopters", "military helicopter", "aircraft", "false");

    /* agreements, reports, programmes and their inspectors named after a weapon */
    assert_int_equal(run(tk, "Moscow left the missile treaty and ignored the Chemical Weapons Convention."), 0);
    assert_int_equal(run(tk, "Inspectors doubt the nuclear weapons programme; Iran showed new missiles."), 1);
    expect(tk, "missiles", "missile", "missile", "false");
    assert_int_equal(run(tk, "Chemical weapons inspectors and drone experts wrote a cluster munitions report."), 0);
    assert_int_equal(run(tk, "Ankara left the F-35 fighter jet programme."), 1);
    expect(tk, "F-35", "F-35", "aircraft", "true");

    /* a name is never dropped: its head phrase stops before the noun it modifies */
    assert_int_equal(run(tk, "Raytheon opened a NASAMS missile plant and a HIMARS factory."), 2);
    expect(tk, "NASAMS", "NASAMS", "air_defense", "true");
    expect(tk, "HIMARS", "HIMARS", "artillery", "true");
}

/* A weapon word glued to a damage participle did the damage: it is a
 * mention; glued to any other word it only builds that word. The
 * participles are a data file. */
static void t_damage_participles(void **state)
{
    qry_testkit *tk = *state;
    const char *text = "Families returned to their bomb-damaged homes and shell-scarred streets.";
    assert_int_equal(run(tk, text), 2);
    expect(tk, "bomb", "bomb", "ammunition", "false");
    expect(tk, "shell", "artillery shell", "artillery", "false");
    assert_int_equal(run(tk, "Another shell destroyed the school near a mortar-damaged clinic."), 2);
    expect(tk, "mortar", "mortar", "artillery", "false");
    assert_int_equal(run(tk, "Bomb-sniffing dogs found a missile-shaped toy at the drone-maker's stand."), 0);

    char list[64];
    temp_file(list, sizeof list, "# only one\nscarred\n");
    const char *opts[] = {"damage_participles", list, NULL};
    char err[1024];
    qry_testkit *mine = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    if (!mine)
        fail_msg("%s", err);
    assert_int_equal(run(mine, text), 1);
    expect(mine, "shell", "artillery shell", "artillery", "false");
    qry_testkit_free(mine);
    unlink(list);
}

/* A pennant number in brackets after a ship name. */
static void t_pennant_numbers(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Two British ships, HMS Albion (L14) and HMS Dragon (D 35), sailed east."), 4);
    expect(tk, "L14", "L14", "naval", "true");
    expect(tk, "D 35", "D 35", "naval", "true");
    assert_int_equal(run(tk, "See the Table (A 4) and Appendix (B 12) of the report."), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(t_named_with_head, setup, teardown),
        cmocka_unit_test_setup_teardown(t_aliases_and_case, setup, teardown),
        cmocka_unit_test_setup_teardown(t_hyphen_space_variants, setup, teardown),
        cmocka_unit_test_setup_teardown(t_plurals_and_variants, setup, teardown),
        cmocka_unit_test_setup_teardown(t_longest_match, setup, teardown),
        cmocka_unit_test_setup_teardown(t_person_and_word_traps, setup, teardown),
        cmocka_unit_test_setup_teardown(t_possessive_and_words, setup, teardown),
        cmocka_unit_test_setup_teardown(t_generic_classes, setup, teardown),
        cmocka_unit_test_setup_teardown(t_bare_words_are_not_weapons, setup, teardown),
        cmocka_unit_test_setup_teardown(t_ship_names, setup, teardown),
        cmocka_unit_test(t_generic_off),
        cmocka_unit_test(t_extra_gazetteer),
        cmocka_unit_test(t_bad_config),
        cmocka_unit_test(t_bad_lines_all_reported),
        cmocka_unit_test(t_bad_option),
        cmocka_unit_test_setup_teardown(t_word_lists_are_data, setup, teardown),
        cmocka_unit_test(t_needs_services),
        cmocka_unit_test_setup_teardown(t_declared_attributes, setup, teardown),
        cmocka_unit_test_setup_teardown(t_offsets_utf8, setup, teardown),
        cmocka_unit_test_setup_teardown(t_pathological_input, setup, teardown),
        cmocka_unit_test(t_required_literals),
        cmocka_unit_test(t_caseless_ascii_fold),
        cmocka_unit_test(t_lazy_jit),
        cmocka_unit_test(t_prefilter_scan),
        cmocka_unit_test(t_literals_random),
        cmocka_unit_test(t_literal_sets),
        cmocka_unit_test(t_generic_unusual_syntax),
        cmocka_unit_test_setup_teardown(t_generic_blocks, setup, teardown),
        cmocka_unit_test(t_gazetteer_prefixes),
        cmocka_unit_test_setup_teardown(t_more_generic_classes, setup, teardown),
        cmocka_unit_test_setup_teardown(t_more_generic_nonmatches, setup, teardown),
        cmocka_unit_test_setup_teardown(t_more_named_systems, setup, teardown),
        cmocka_unit_test_setup_teardown(t_jet_in_head_phrase, setup, teardown),
        cmocka_unit_test_setup_teardown(t_name_and_head_class, setup, teardown),
        cmocka_unit_test_setup_teardown(t_class_and_head_class, setup, teardown),
        cmocka_unit_test_setup_teardown(t_class_before_name, setup, teardown),
        cmocka_unit_test_setup_teardown(t_pieces_that_stay_apart, setup, teardown),
        cmocka_unit_test_setup_teardown(t_head_on_wrapped_line, setup, teardown),
        cmocka_unit_test_setup_teardown(t_shorthand_names, setup, teardown),
        cmocka_unit_test_setup_teardown(t_apkws_is_not_hydra, setup, teardown),
        cmocka_unit_test_setup_teardown(t_bare_aircraft_in_context, setup, teardown),
        cmocka_unit_test_setup_teardown(t_bare_aircraft_next_to_context, setup, teardown),
        cmocka_unit_test_setup_teardown(t_fighter_bomber_in_lists, setup, teardown),
        cmocka_unit_test_setup_teardown(t_weapon_words_that_are_not_weapons, setup, teardown),
        cmocka_unit_test_setup_teardown(t_pennant_numbers, setup, teardown),
        cmocka_unit_test_setup_teardown(t_damage_participles, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
