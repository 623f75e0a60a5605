/* test_record_merge.c -- the record builder (sink), overlap policies and
 * the JSON Lines writer. The JSON is read back with jansson, as a user's
 * tool would read it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <jansson.h>
#include <string.h>

#include "merge.h"
#include "output.h"
#include "record.h"

static const char *const types[] = {"money", "location", "quote", NULL};
/* the sink checks emits against a descriptor's declared types */
static const qry_plugin_descriptor desc = {QRY_PLUGIN_DESCRIPTOR_INIT, .name = "p", .entity_types = types};
static const char text[] = "He said “Kyiv needs €2.4 billion now” in Kyiv.";

static void begin(qrecord *r) { assert_int_equal(qrec_begin(r, "doc-1", text, strlen(text)), QRY_OK); }

static int emit(qrecord *r, const char *plugin, int prio, const char *type, const char *surface, int nth)
{
    qry_sink s;
    qsink_init(&s, r, plugin, prio, &desc);
    const char *p = text;
    for (int k = 0; k <= nth; k++) {
        p = strstr(k ? p + 1 : p, surface);
        assert_non_null(p);
    }
    return qsink_emit(&s, type, (size_t)(p - text), (size_t)(p - text) + strlen(surface));
}

static json_t *to_json(const qrecord *r)
{
    qbuf b = {0};
    qout_jsonl(&b, r);
    assert_false(b.oom);
    assert_true(b.len > 0 && b.data[b.len - 1] == '\n');
    assert_null(memchr(b.data, '\n', b.len - 1)); /* one line */
    json_error_t err;
    json_t *j = json_loadb(b.data, b.len, 0, &err);
    assert_non_null(j);
    qbuf_free(&b);
    return j;
}

static void test_sink_refuses_bad_emits(void **state)
{
    (void)state;
    qrecord r = {0};
    begin(&r);
    qry_sink s;
    qsink_init(&s, &r, "p", 0, &desc);
    assert_int_equal(qsink_emit(&s, "weapon", 0, 2), QRY_ERR_INVALID);      /* undeclared */
    assert_int_equal(qsink_emit(&s, "money", 5, 5), QRY_ERR_INVALID);       /* empty */
    assert_int_equal(qsink_emit(&s, "money", 0, strlen(text) + 1), QRY_ERR_INVALID);
    const char *quote_mark = strstr(text, "“");
    assert_int_equal(qsink_emit(&s, "quote", (size_t)(quote_mark - text) + 1, 20), QRY_ERR_INVALID);
    assert_int_equal(s.invalid_emits, 4);
    assert_non_null(strstr(s.first_invalid, "weapon"));
    int h = qsink_emit(&s, "money", 0, 2);
    assert_int_equal(h, 0);
    assert_int_equal(qsink_attr_string(&s, h, "Bad-Key", "x", 1), QRY_ERR_INVALID);
    assert_int_equal(qsink_attr_string(&s, h, "note", "\xff", 1), QRY_ERR_INVALID);
    assert_int_equal(qsink_attr_int(&s, 7, "n", 1), QRY_ERR_INVALID);
    assert_int_equal(qsink_attr_double(&s, h, "x", 0.0 / 0.0), QRY_ERR_INVALID);
    assert_int_equal(qsink_attr_int(&s, h, "n", 1), QRY_OK);
    assert_int_equal(qsink_attr_int(&s, h, "n", 2), QRY_OK); /* replaces */
    assert_int_equal(r.ents[0].n_attrs, 1);
    assert_int_equal(qentity_attr(&r.ents[0], "n")->v.i, 2);
    qrec_free(&r);
}

static void test_handles_are_per_call(void **state)
{
    (void)state;
    qrecord r = {0};
    begin(&r);
    assert_int_equal(emit(&r, "a", 0, "money", "€2.4 billion", 0), 0);
    qry_sink s2;
    qsink_init(&s2, &r, "b", 1, &desc);
    int h = qsink_emit(&s2, "location", 0, 2);
    assert_int_equal(h, 0); /* second plugin's first entity is its handle 0 */
    assert_int_equal(qsink_attr_string(&s2, h, "name", "x", 1), QRY_OK);
    assert_null(qentity_attr(&r.ents[0], "name"));
    assert_non_null(qentity_attr(&r.ents[1], "name"));
    qrec_free(&r);
}

static void test_keep_all_sorts_and_drops_exact_duplicates(void **state)
{
    (void)state;
    qrecord r = {0};
    begin(&r);
    emit(&r, "loc", 1, "location", "Kyiv", 1);
    emit(&r, "loc", 1, "location", "Kyiv", 0);
    emit(&r, "loc", 1, "location", "Kyiv", 0); /* exact duplicate */
    emit(&r, "q", 0, "quote", "Kyiv needs €2.4 billion now", 0);
    assert_int_equal(qmerge(&r, QMERGE_KEEP_ALL, QMERGE_SAME_TYPE), QRY_OK);
    assert_int_equal(r.n_ents, 3);
    assert_string_equal(r.ents[0].type, "quote"); /* same start: longer first */
    assert_string_equal(r.ents[1].type, "location");
    assert_true(r.ents[1].start < r.ents[2].start);
    qrec_free(&r);
}

static void test_longest_within_type_keeps_other_types(void **state)
{
    (void)state;
    qrecord r = {0};
    begin(&r);
    emit(&r, "m1", 0, "money", "€2.4", 0);
    emit(&r, "m2", 1, "money", "€2.4 billion", 0);
    emit(&r, "q", 2, "quote", "Kyiv needs €2.4 billion now", 0);
    emit(&r, "loc", 3, "location", "Kyiv", 0);
    assert_int_equal(qmerge(&r, QMERGE_LONGEST, QMERGE_SAME_TYPE), QRY_OK);
    assert_int_equal(r.n_ents, 3);
    assert_string_equal(r.ents[0].type, "quote");
    assert_string_equal(r.ents[1].type, "location");
    assert_string_equal(r.ents[2].plugin, "m2");
    qrec_free(&r);
}

static void test_longest_across_types(void **state)
{
    (void)state;
    qrecord r = {0};
    begin(&r);
    emit(&r, "q", 2, "quote", "Kyiv needs €2.4 billion now", 0);
    emit(&r, "loc", 0, "location", "Kyiv", 0);
    emit(&r, "loc", 0, "location", "Kyiv", 1);
    assert_int_equal(qmerge(&r, QMERGE_LONGEST, QMERGE_ANY_TYPE), QRY_OK);
    assert_int_equal(r.n_ents, 2);
    assert_string_equal(r.ents[0].type, "quote");
    assert_string_equal(r.ents[1].type, "location"); /* the Kyiv outside the quote */
    qrec_free(&r);
}

static void test_priority_prefers_earlier_plugin(void **state)
{
    (void)state;
    qrecord r = {0};
    begin(&r);
    emit(&r, "late", 1, "money", "€2.4 billion", 0);
    emit(&r, "early", 0, "money", "2.4", 0);
    assert_int_equal(qmerge(&r, QMERGE_PRIORITY, QMERGE_SAME_TYPE), QRY_OK);
    assert_int_equal(r.n_ents, 1);
    assert_string_equal(r.ents[0].plugin, "early");
    qrec_free(&r);
}

static void test_policy_names(void **state)
{
    (void)state;
    int v;
    assert_int_equal(qmerge_parse_policy("longest", &v), 0);
    assert_int_equal(v, QMERGE_LONGEST);
    assert_int_equal(qmerge_parse_policy("priority", &v), 0);
    assert_int_equal(qmerge_parse_policy("keep_all", &v), 0);
    assert_int_not_equal(qmerge_parse_policy("Longest!", &v), 0);
    assert_int_equal(qmerge_parse_scope("all", &v), 0);
    assert_int_not_equal(qmerge_parse_scope("types", &v), 0);
}

static void test_json_record(void **state)
{
    (void)state;
    qrecord r = {0};
    assert_int_equal(qrec_begin(&r, "dir/a \"b\".txt\xff", text, strlen(text)), QRY_OK);
    qry_sink s;
    qsink_init(&s, &r, "money", 0, &desc);
    const char *p = strstr(text, "€2.4 billion");
    int h = qsink_emit(&s, "money", (size_t)(p - text), (size_t)(p - text) + strlen("€2.4 billion"));
    qsink_attr_double(&s, h, "value", 2.4e9);
    qsink_attr_string(&s, h, "currency", "EUR", 3);
    qsink_attr_bool(&s, h, "approx", 0);
    qsink_attr_double(&s, h, "ratio", 0.25);
    qsink_attr_string(&s, h, "note", "tab\there \"q\"", 12);
    qrec_add_error(&r, "quotes", QRY_ERR_LIMIT, "match limit hit\nin paragraph 3");
    qrec_add_error(&r, NULL, QRY_ERR_IO, "bad \xc3");
    json_t *j = to_json(&r);
    assert_string_equal(json_string_value(json_object_get(j, "id")), "dir/a \"b\".txt\xEF\xBF\xBD");
    json_t *e = json_array_get(json_object_get(j, "entities"), 0);
    assert_string_equal(json_string_value(json_object_get(e, "type")), "money");
    assert_string_equal(json_string_value(json_object_get(e, "text")), "€2.4 billion");
    assert_string_equal(json_string_value(json_object_get(e, "plugin")), "money");
    assert_int_equal(json_integer_value(json_object_get(e, "start")), p - text);
    json_t *a = json_object_get(e, "attrs");
    assert_true(json_is_integer(json_object_get(a, "value"))); /* 2400000000, not 2.4e+09 */
    assert_int_equal(json_integer_value(json_object_get(a, "value")), 2400000000LL);
    assert_true(json_is_false(json_object_get(a, "approx")));
    assert_true(json_real_value(json_object_get(a, "ratio")) == 0.25);
    assert_string_equal(json_string_value(json_object_get(a, "note")), "tab\there \"q\"");
    json_t *errs = json_object_get(j, "errors");
    assert_int_equal(json_array_size(errs), 2);
    assert_string_equal(json_string_value(json_object_get(json_array_get(errs, 0), "code")), "QRY_ERR_LIMIT");
    assert_true(json_is_null(json_object_get(json_array_get(errs, 1), "plugin")));
    json_decref(j);
    qrec_free(&r);
}

static void test_record_reuse_is_clean(void **state)
{
    (void)state;
    qrecord r = {0};
    for (int round = 0; round < 3; round++) {
        begin(&r);
        emit(&r, "loc", 0, "location", "Kyiv", 0);
        assert_int_equal(r.n_ents, 1);
        assert_int_equal(r.n_errors, 0);
        qrec_add_error(&r, "x", QRY_ERR_INVALID, "e");
    }
    qrec_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_sink_refuses_bad_emits),
        cmocka_unit_test(test_handles_are_per_call),
        cmocka_unit_test(test_keep_all_sorts_and_drops_exact_duplicates),
        cmocka_unit_test(test_longest_within_type_keeps_other_types),
        cmocka_unit_test(test_longest_across_types),
        cmocka_unit_test(test_priority_prefers_earlier_plugin),
        cmocka_unit_test(test_policy_names),
        cmocka_unit_test(test_json_record),
        cmocka_unit_test(test_record_reuse_is_clean),
    };
    return cmocka_run_group_tests_name("record_merge", tests, NULL, NULL);
}
