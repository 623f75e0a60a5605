/* test_transfers.c -- the transfers plugin as a user runs it: a pipeline of
 * weapons, money, locations and transfers opened through the embedding API,
 * one news-like sentence in, the JSON record checked. Each trigger class,
 * each kind of non-transfer, donor lists, government metonyms and a
 * recipient named earlier in the paragraph. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quarry/quarry.h"

static qry_pipeline *pipeline;
static char ini_path[] = "/tmp/quarry-transfers-XXXXXX";

/* Write `body` to a fresh temporary INI; the caller removes it. */
static void write_ini(char *path, const char *body)
{
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *f = fdopen(fd, "w");
    assert_non_null(f);
    fputs(body, f);
    fclose(f);
}

static int open_pipeline(void **state)
{
    (void)state;
    write_ini(ini_path, "[pipeline]\nplugins = weapons, money, locations, transfers\n");
    char err[4096];
    pipeline = qry_pipeline_open(ini_path, 1, err, sizeof err);
    if (!pipeline)
        fprintf(stderr, "%s\n", err);
    return pipeline ? 0 : -1;
}

static int close_pipeline(void **state)
{
    (void)state;
    qry_pipeline_close(pipeline);
    return remove(ini_path);
}

/* The record of `text`; the caller frees it with json_decref. */
static json_t *run(const char *text)
{
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(qry_pipeline_extract(pipeline, 0, "t", text, strlen(text), &out, &len), QRY_OK);
    json_t *rec = json_loads(out, 0, NULL);
    free(out);
    assert_non_null(rec);
    assert_int_equal(json_array_size(json_object_get(rec, "errors")), 0);
    return rec;
}

/* The entity of `type` whose text is `text`, or NULL. */
static json_t *entity(json_t *rec, const char *type, const char *text)
{
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(rec, "entities"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "type")), type) == 0 &&
            strcmp(json_string_value(json_object_get(e, "text")), text) == 0)
            return e;
    }
    return NULL;
}

static size_t count(json_t *rec, const char *type)
{
    size_t i, n = 0;
    json_t *e;
    json_array_foreach(json_object_get(rec, "entities"), i, e)
    {
        n += strcmp(json_string_value(json_object_get(e, "type")), type) == 0;
    }
    return n;
}

static const char *attr(json_t *e, const char *key)
{
    json_t *v = json_object_get(json_object_get(e, "attrs"), key);
    return v ? json_string_value(v) : NULL;
}

/* The transfer over `mention` has this status, donor and recipient (NULL: absent). */
static json_t *expect(json_t *rec, const char *mention, const char *status, const char *donor, const char *recipient)
{
    json_t *t = entity(rec, "transfer", mention);
    if (!t)
        fail_msg("no transfer over '%s'", mention);
    assert_string_equal(attr(t, "status"), status);
    if (donor)
        assert_string_equal(attr(t, "donor"), donor);
    else
        assert_null(attr(t, "donor"));
    if (recipient)
        assert_string_equal(attr(t, "recipient"), recipient);
    else
        assert_null(attr(t, "recipient"));
    return t;
}

/* The mention was found by its own stage, and no transfer was made of it. */
static void expect_none(json_t *rec, const char *type, const char *mention)
{
    assert_non_null(entity(rec, type, mention));
    assert_null(entity(rec, "transfer", mention));
}

/* ---- one test per trigger class ---- */

static void a_future_send_is_pledged(void **state)
{
    (void)state;
    json_t *rec = run("Germany will send 40 Marder infantry fighting vehicles and Leopard 2 tanks to Ukraine.");
    json_t *t = expect(rec, "Marder infantry fighting vehicles", "pledged", "DE", "UA");
    assert_string_equal(attr(t, "trigger"), "send");
    assert_string_equal(attr(t, "recipient_source"), "sentence");
    expect(rec, "Leopard 2 tanks", "pledged", "DE", "UA");
    json_decref(rec);
}

static void a_parliament_approving_is_approved(void **state)
{
    (void)state;
    json_t *rec = run("The Dutch parliament approved the transfer of Patriot systems to Kyiv.");
    expect(rec, "Patriot systems", "approved", "NL", "UA");
    json_decref(rec);
}

static void has_delivered_is_delivered(void **state)
{
    (void)state;
    json_t *rec = run("Canada has delivered M777 howitzers to Ukraine.");
    expect(rec, "M777 howitzers", "delivered", "CA", "UA");
    json_decref(rec);
}

static void asked_for_is_requested_and_the_one_asked_gives(void **state)
{
    (void)state;
    json_t *rec = run("Ukraine asked Germany for Leopard tanks.");
    expect(rec, "Leopard tanks", "requested", "DE", "UA");
    json_decref(rec);
    rec = run("Kyiv urged Norway to supply NASAMS launchers.");
    expect(rec, "NASAMS launchers", "requested", "NO", "UA");
    json_decref(rec);
}

static void will_not_send_is_refused(void **state)
{
    (void)state;
    json_t *rec = run("Berlin will not send Taurus missiles to Kyiv.");
    expect(rec, "Taurus missiles", "refused", "DE", "UA");
    json_decref(rec);
    rec = run("Hungary blocked the delivery of Javelin missiles to Ukraine.");
    expect(rec, "Javelin missiles", "refused", "HU", "UA");
    json_decref(rec);
}

static void is_considering_is_considered(void **state)
{
    (void)state;
    json_t *rec = run("Washington is considering sending ATACMS to Ukraine.");
    json_t *t = expect(rec, "ATACMS", "considered", "US", "UA");
    assert_string_equal(attr(t, "trigger"), "considering");
    json_decref(rec);
}

static void arrived_and_received_are_delivered(void **state)
{
    (void)state;
    json_t *rec = run("The first Patriot battery has arrived in Ukraine.");
    expect(rec, "Patriot battery", "delivered", NULL, "UA");
    json_decref(rec);
    rec = run("Ukraine received 20 Stinger missiles from Lithuania.");
    expect(rec, "Stinger missiles", "delivered", "LT", "UA");
    json_decref(rec);
}

static void a_passive_names_its_agent(void **state)
{
    (void)state;
    json_t *rec = run("More Patriot missiles will be sent to Ukraine by the Netherlands.");
    expect(rec, "Patriot missiles", "pledged", "NL", "UA");
    json_decref(rec);
}

/* ---- what is not a transfer ---- */

static void weapons_in_combat_are_not_transfers(void **state)
{
    (void)state;
    json_t *rec = run("Russia fired Kalibr missiles at Odesa overnight.");
    expect_none(rec, "weapon", "Kalibr missiles");
    json_decref(rec);
    rec = run("Ukrainian soldiers used Javelin missiles against the column.");
    expect_none(rec, "weapon", "Javelin missiles");
    json_decref(rec);
}

static void owned_weapons_are_not_transfers(void **state)
{
    (void)state;
    json_t *rec = run("Spain has 120 Leopard tanks.");
    expect_none(rec, "weapon", "Leopard tanks");
    json_decref(rec);
}

static void own_procurement_is_not_a_transfer(void **state)
{
    (void)state;
    json_t *rec = run("Poland bought 250 Abrams tanks for its own army.");
    expect_none(rec, "weapon", "Abrams tanks");
    json_decref(rec);
    rec = run("Poland will buy HIMARS launchers for its own forces.");
    expect_none(rec, "weapon", "HIMARS launchers");
    json_decref(rec);
}

static void budgets_and_costs_are_not_transfers(void **state)
{
    (void)state;
    json_t *rec = run("The Pentagon has a budget of $800 billion this year.");
    expect_none(rec, "money", "$800 billion");
    json_decref(rec);
    rec = run("Each Javelin missile costs $178,000.");
    expect_none(rec, "money", "$178,000");
    expect_none(rec, "weapon", "Javelin missile");
    json_decref(rec);
    rec = run("The war has cost Ukraine's economy $100 billion.");
    expect_none(rec, "money", "$100 billion");
    json_decref(rec);
}

/* ---- donors and recipients ---- */

static void a_list_of_donors_is_kept_whole(void **state)
{
    (void)state;
    json_t *rec = run("The US, the UK and Canada will send HIMARS to Ukraine.");
    json_t *t = expect(rec, "HIMARS", "pledged", "US", "UA");
    assert_string_equal(attr(t, "donors"), "US,GB,CA");
    json_decref(rec);
}

static void an_organisation_listed_with_its_members_stands_for_them(void **state)
{
    (void)state;
    json_t *rec = run("Of the €2 billion in military aid pledged to Moldova, a third came from Italy and the rest "
                      "from NATO members and Sweden.");
    json_t *t = expect(rec, "€2 billion", "pledged", "NATO", "MD");
    assert_string_equal(attr(t, "donors"), "IT,NATO,SE");
    json_decref(rec);
}

static void government_metonyms_and_leaders_name_the_donor(void **state)
{
    (void)state;
    json_t *rec = run("The Pentagon announced $500 million in military aid for Ukraine.");
    expect(rec, "$500 million", "pledged", "US", "UA");
    json_decref(rec);
    rec = run("Downing Street said it would provide Storm Shadow missiles to Kyiv.");
    expect(rec, "Storm Shadow missiles", "pledged", "GB", "UA");
    json_decref(rec);
    rec = run("Scholz's government agreed to supply IRIS-T systems to Ukraine.");
    expect(rec, "IRIS-T systems", "pledged", "DE", "UA");
    json_decref(rec);
    rec = run("The German defence ministry said it had delivered Gepard anti-aircraft guns to Ukraine.");
    expect(rec, "Gepard anti-aircraft guns", "delivered", "DE", "UA");
    json_decref(rec);
}

static void a_pronoun_subject_is_the_actor_of_the_sentence_before(void **state)
{
    (void)state;
    json_t *rec = run("Italy, which had long been unwilling to arm Moldova, changed course. It sent Moldova 300 Stinger "
                      "missiles.");
    json_t *t = expect(rec, "Stinger missiles", "delivered", "IT", "MD");
    assert_string_equal(attr(t, "donor_source"), "paragraph");
    json_decref(rec);
    rec = run("The US-supplied HIMARS arrived at the front.");
    t = expect(rec, "HIMARS", "delivered", "US", NULL);
    assert_string_equal(attr(t, "trigger"), "supplied");
    json_decref(rec);
}

static void a_recipient_stated_earlier_in_the_paragraph_carries_over(void **state)
{
    (void)state;
    /* the article is about Ukraine, but this paragraph is about Slovakia */
    json_t *rec = run("Ukraine wants more help. Kyiv says Ukraine needs air cover.\n"
                      "The Netherlands will send Patriot systems to Slovakia. Norway will also deliver NASAMS "
                      "launchers.\n");
    expect(rec, "Patriot systems", "pledged", "NL", "SK");
    json_t *t = expect(rec, "NASAMS launchers", "pledged", "NO", "SK");
    assert_string_equal(attr(t, "recipient_source"), "paragraph");
    json_decref(rec);
}

static void with_no_recipient_named_the_article_subject_receives(void **state)
{
    (void)state;
    json_t *rec = run("Ukraine is running short of shells. Officials in Kyiv say the front needs more.\n"
                      "Norway will deliver NASAMS launchers.\n");
    json_t *t = expect(rec, "NASAMS launchers", "pledged", "NO", "UA");
    assert_string_equal(attr(t, "recipient_source"), "article");
    assert_null(json_object_get(json_object_get(t, "attrs"), "recipient_start"));
    json_decref(rec);
}

static void including_hands_on_the_transfer(void **state)
{
    (void)state;
    json_t *rec = run("The US announced $400 million in military aid for Ukraine, including HIMARS and Stinger missiles.");
    json_t *money = expect(rec, "$400 million", "pledged", "US", "UA");
    json_t *himars = expect(rec, "HIMARS", "pledged", "US", "UA");
    expect(rec, "Stinger missiles", "pledged", "US", "UA");
    assert_string_equal(attr(himars, "trigger"), attr(money, "trigger"));
    json_decref(rec);
}

/* ---- what a user reads off the record ---- */

static void evidence_spans_point_at_the_words(void **state)
{
    (void)state;
    const char *text = "Canada has delivered M777 howitzers to Ukraine.";
    json_t *rec = run(text);
    json_t *t = entity(rec, "transfer", "M777 howitzers");
    assert_non_null(t);
    json_t *a = json_object_get(t, "attrs");
    json_int_t ts = json_integer_value(json_object_get(a, "trigger_start"));
    json_int_t te = json_integer_value(json_object_get(a, "trigger_end"));
    json_int_t ds = json_integer_value(json_object_get(a, "donor_start"));
    json_int_t de = json_integer_value(json_object_get(a, "donor_end"));
    json_int_t rs = json_integer_value(json_object_get(a, "recipient_start"));
    json_int_t re = json_integer_value(json_object_get(a, "recipient_end"));
    assert_memory_equal(text + ts, "delivered", (size_t)(te - ts));
    assert_memory_equal(text + ds, "Canada", (size_t)(de - ds));
    assert_memory_equal(text + rs, "Ukraine", (size_t)(re - rs));
    assert_string_equal(attr(t, "donor_source"), "sentence");
    /* the transfer has exactly the span of the weapon it is made of */
    json_t *w = entity(rec, "weapon", "M777 howitzers");
    assert_int_equal(json_integer_value(json_object_get(w, "start")), json_integer_value(json_object_get(t, "start")));
    assert_string_equal(attr(t, "system"), attr(w, "name"));
    assert_string_equal(attr(t, "category"), attr(w, "category"));
    json_decref(rec);
}

static void a_sum_carries_its_value_and_currency(void **state)
{
    (void)state;
    json_t *rec = run("Britain pledged £1bn in military aid to Ukraine.");
    json_t *t = expect(rec, "£1bn", "pledged", "GB", "UA");
    json_t *a = json_object_get(t, "attrs");
    assert_true(json_number_value(json_object_get(a, "value")) == 1e9);
    assert_string_equal(attr(t, "currency"), "GBP");
    assert_null(attr(t, "system"));
    json_decref(rec);
}

/* ---- options and data files ---- */

static char *open_error(const char *ini_body, char *err, size_t errsz)
{
    char path[] = "/tmp/quarry-transfers-opt-XXXXXX";
    write_ini(path, ini_body);
    qry_pipeline *p = qry_pipeline_open(path, 1, err, errsz);
    remove(path);
    if (p) {
        qry_pipeline_close(p);
        return NULL;
    }
    return err;
}

static void bad_options_are_named(void **state)
{
    (void)state;
    char err[4096];
    assert_non_null(open_error("[pipeline]\nplugins = weapons, money, locations, transfers\n[transfers]\nwindow = 1\n",
                               err, sizeof err));
    assert_non_null(strstr(err, "window"));
    assert_non_null(strstr(err, "out of range"));
    assert_non_null(open_error("[pipeline]\nplugins = weapons, money, locations, transfers\n[transfers]\n"
                               "default_recipient = Ukraine\n",
                               err, sizeof err));
    assert_non_null(strstr(err, "default_recipient"));
    assert_non_null(strstr(err, "'Ukraine'"));
}

static void a_bad_data_line_is_named_by_file_and_line(void **state)
{
    (void)state;
    char data[] = "/tmp/quarry-transfers-lex-XXXXXX";
    write_ini(data, "# a lexicon with one bad line\nsend\ttransfer\tbase\nhurl\tthrow\tbase\n");
    char body[512], err[4096];
    snprintf(body, sizeof body,
             "[pipeline]\nplugins = weapons, money, locations, transfers\n[transfers]\ntriggers = %s\n", data);
    char *e = open_error(body, err, sizeof err);
    remove(data);
    assert_non_null(e);
    char where[128];
    snprintf(where, sizeof where, "%s:3:", data);
    assert_non_null(strstr(err, where));
    assert_non_null(strstr(err, "unknown class 'throw'"));
}

static void the_default_recipient_option_is_used_when_the_text_names_none(void **state)
{
    (void)state;
    char path[] = "/tmp/quarry-transfers-dr-XXXXXX";
    write_ini(path, "[pipeline]\nplugins = weapons, money, locations, transfers\n[transfers]\n"
                    "default_recipient = MD\n");
    char err[4096];
    qry_pipeline *p = qry_pipeline_open(path, 1, err, sizeof err);
    remove(path);
    assert_non_null(p);
    const char text[] = "Romania will deliver 18 Piranha armoured vehicles.";
    char *out = NULL;
    size_t len = 0;
    assert_int_equal(qry_pipeline_extract(p, 0, "t", text, strlen(text), &out, &len), QRY_OK);
    json_t *rec = json_loads(out, 0, NULL);
    free(out);
    json_t *t = NULL;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(rec, "entities"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "type")), "transfer") == 0)
            t = e;
    }
    assert_non_null(t);
    assert_string_equal(attr(t, "recipient"), "MD");
    assert_string_equal(attr(t, "recipient_source"), "option");
    assert_string_equal(attr(t, "donor"), "RO");
    json_decref(rec);
    qry_pipeline_close(p);
}

static void a_document_without_weapons_or_money_gets_no_transfer(void **state)
{
    (void)state;
    json_t *rec = run("Ukraine and Germany held talks in Berlin on Monday.");
    assert_int_equal(count(rec, "transfer"), 0);
    assert_true(count(rec, "location") >= 3);
    json_decref(rec);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_future_send_is_pledged),
        cmocka_unit_test(a_parliament_approving_is_approved),
        cmocka_unit_test(has_delivered_is_delivered),
        cmocka_unit_test(asked_for_is_requested_and_the_one_asked_gives),
        cmocka_unit_test(will_not_send_is_refused),
        cmocka_unit_test(is_considering_is_considered),
        cmocka_unit_test(arrived_and_received_are_delivered),
        cmocka_unit_test(a_passive_names_its_agent),
        cmocka_unit_test(weapons_in_combat_are_not_transfers),
        cmocka_unit_test(owned_weapons_are_not_transfers),
        cmocka_unit_test(own_procurement_is_not_a_transfer),
        cmocka_unit_test(budgets_and_costs_are_not_transfers),
        cmocka_unit_test(a_list_of_donors_is_kept_whole),
        cmocka_unit_test(an_organisation_listed_with_its_members_stands_for_them),
        cmocka_unit_test(government_metonyms_and_leaders_name_the_donor),
        cmocka_unit_test(a_pronoun_subject_is_the_actor_of_the_sentence_before),
        cmocka_unit_test(a_recipient_stated_earlier_in_the_paragraph_carries_over),
        cmocka_unit_test(with_no_recipient_named_the_article_subject_receives),
        cmocka_unit_test(including_hands_on_the_transfer),
        cmocka_unit_test(evidence_spans_point_at_the_words),
        cmocka_unit_test(a_sum_carries_its_value_and_currency),
        cmocka_unit_test(bad_options_are_named),
        cmocka_unit_test(a_bad_data_line_is_named_by_file_and_line),
        cmocka_unit_test(the_default_recipient_option_is_used_when_the_text_names_none),
        cmocka_unit_test(a_document_without_weapons_or_money_gets_no_transfer),
    };
    return cmocka_run_group_tests_name("transfers", tests, open_pipeline, close_pipeline);
}
