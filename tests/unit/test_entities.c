/* test_entities.c -- stage composition: what "quarry.entities/1" shows a
 * stage of the entities earlier stages emitted for the same document. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "entities.h"
#include "record.h"

static const char *const place_types[] = {"location", "org", NULL};
static const qry_plugin_descriptor places = {QRY_PLUGIN_DESCRIPTOR_INIT, .name = "places", .entity_types = place_types};
static const char *const money_types[] = {"money", NULL};
static const qry_plugin_descriptor money = {QRY_PLUGIN_DESCRIPTOR_INIT, .name = "money", .entity_types = money_types};
static const char *const quote_types[] = {"quote", NULL};
static const char *const quote_reads[] = {"location", "money", NULL};
static const qry_plugin_descriptor quotes = {QRY_PLUGIN_DESCRIPTOR_INIT, .name = "quotes", .entity_types = quote_types,
                                             .consumes = quote_reads};
static const qry_plugin_descriptor blind = {QRY_PLUGIN_DESCRIPTOR_INIT, .name = "blind", .entity_types = quote_types};

static const char text[] = "one grower near Izmail told local radio that Kyiv paid $5 million to Odesa.";

static size_t at(const char *word) { return (size_t)(strstr(text, word) - text); }

/* Two earlier stages emit, in an order unlike the text's. */
static void earlier_stages(qrecord *r)
{
    qry_sink s;
    assert_int_equal(qrec_begin(r, "d", text, strlen(text)), QRY_OK);
    qsink_init(&s, r, "places", 0, &places);
    int odesa = qsink_emit(&s, "location", at("Odesa"), at("Odesa") + 5);
    qsink_attr_string(&s, odesa, "country_code", "UA", 2);
    int izmail = qsink_emit(&s, "location", at("Izmail"), at("Izmail") + 6);
    qsink_attr_double(&s, izmail, "lat", 45.35);
    qsink_emit(&s, "org", at("local radio"), at("local radio") + 11);
    qsink_emit(&s, "location", at("Kyiv"), at("Kyiv") + 4);
    qsink_init(&s, r, "money", 1, &money);
    int m = qsink_emit(&s, "money", at("$5 million"), at("$5 million") + 10);
    qsink_attr_int(&s, m, "value", 5000000);
}

static void a_later_stage_sees_consumed_types_in_text_order(void **state)
{
    (void)state;
    qrecord r = {0};
    earlier_stages(&r);
    qry_sink s;
    qsink_init(&s, &r, "quotes", 2, &quotes);
    size_t n;
    const qry_entity *const *list = qents_service.list(NULL, &s, &n);
    assert_int_equal(n, 4); /* the org is not consumed */
    const char *want[] = {"Izmail", "Kyiv", "$5 million", "Odesa"};
    for (size_t k = 0; k < n; k++) {
        assert_int_equal(list[k]->start, at(want[k]));
        assert_true(list[k]->struct_size >= sizeof(qry_entity));
    }
    assert_string_equal(list[2]->type, "money");
    assert_string_equal(list[2]->stage_name, "money");
    assert_int_equal(list[2]->stage, 1);
    const qry_attr *v = qents_service.attr(list[2], "value");
    assert_non_null(v);
    assert_int_equal(v->type, QRY_ATTR_INT);
    assert_int_equal(v->i, 5000000);
    const qry_attr *cc = qents_service.attr(list[3], "country_code");
    assert_non_null(cc);
    assert_string_equal(cc->str, "UA");
    assert_null(qents_service.attr(list[3], "lat"));
    /* the stage's own emits do not show up in what it reads */
    assert_true(qsink_emit(&s, "quote", 0, 5) >= 0);
    qents_service.list(NULL, &s, &n);
    assert_int_equal(n, 4);
    qrec_free(&r);
}

static void overlapping_finds_the_place_under_a_speaker(void **state)
{
    (void)state;
    qrecord r = {0};
    earlier_stages(&r);
    qry_sink s;
    qsink_init(&s, &r, "quotes", 2, &quotes);
    const qry_entity *e = qents_service.overlapping(NULL, &s, at("Izmail"), at("Izmail") + 6, "location");
    assert_non_null(e);
    assert_int_equal(e->start, at("Izmail"));
    assert_null(qents_service.overlapping(NULL, &s, at("grower"), at("grower") + 6, NULL));
    assert_null(qents_service.overlapping(NULL, &s, at("Izmail"), at("Izmail") + 6, "money"));
    e = qents_service.overlapping(NULL, &s, at("paid"), at("Odesa") + 2, NULL); /* "paid $5 million to Od" */
    assert_non_null(e);
    assert_string_equal(e->type, "money");
    qrec_free(&r);
}

static void a_stage_that_consumes_nothing_sees_nothing(void **state)
{
    (void)state;
    qrecord r = {0};
    earlier_stages(&r);
    qry_sink s;
    qsink_init(&s, &r, "blind", 2, &blind);
    size_t n = 99;
    const qry_entity *const *list = qents_service.list(NULL, &s, &n);
    assert_non_null(list);
    assert_int_equal(n, 0);
    qrec_free(&r);
}

static void the_view_is_rebuilt_for_each_document(void **state)
{
    (void)state;
    qrecord r = {0};
    earlier_stages(&r);
    qry_sink s;
    qsink_init(&s, &r, "quotes", 2, &quotes);
    size_t n;
    qents_service.list(NULL, &s, &n);
    assert_int_equal(n, 4);
    assert_int_equal(qrec_begin(&r, "next", text, strlen(text)), QRY_OK);
    qsink_init(&s, &r, "places", 0, &places);
    qsink_emit(&s, "location", at("Kyiv"), at("Kyiv") + 4);
    qsink_init(&s, &r, "quotes", 1, &quotes);
    const qry_entity *const *list = qents_service.list(NULL, &s, &n);
    assert_int_equal(n, 1);
    assert_int_equal(list[0]->start, at("Kyiv"));
    qrec_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_later_stage_sees_consumed_types_in_text_order),
        cmocka_unit_test(overlapping_finds_the_place_under_a_speaker),
        cmocka_unit_test(a_stage_that_consumes_nothing_sees_nothing),
        cmocka_unit_test(the_view_is_rebuilt_for_each_document),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
