/* test_rules_pipeline.c -- rules over what earlier stages found, through
 * the embedding API (quarry/quarry.h) with the shipped money and weapons
 * plugins from the build tree, as a program embedding quarry runs them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <jansson.h>

#include "quarry/quarry.h"

static char dir[] = "/tmp/quarry-rules-pipe-XXXXXX";
static char ini[600], deals[600], bad[600];

static void write_file(const char *path, const char *content)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(content, f);
    fclose(f);
}

static int setup(void **state)
{
    (void)state;
    if (!mkdtemp(dir))
        return -1;
    snprintf(ini, sizeof ini, "%s/deals.ini", dir);
    snprintf(deals, sizeof deals, "%s/deals.tsv", dir);
    snprintf(bad, sizeof bad, "%s/bad.ini", dir);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    remove(ini);
    remove(deals);
    remove(bad);
    return rmdir(dir);
}

/* The entities of `type` in a record, as "text|attr" strings joined by ';'
 * (attr: the value of attribute `key`, or "-"). */
static void entities_of(const char *json, const char *type, const char *key, char *out, size_t outsz)
{
    json_t *rec = json_loads(json, 0, NULL);
    assert_non_null(rec);
    size_t used = 0, i;
    json_t *e;
    out[0] = '\0';
    json_array_foreach(json_object_get(rec, "entities"), i, e)
    {
        if (strcmp(json_string_value(json_object_get(e, "type")), type) != 0)
            continue;
        const char *v = json_string_value(json_object_get(json_object_get(e, "attrs"), key));
        used += (size_t)snprintf(out + used, outsz - used, "%s%s|%s", used ? ";" : "",
                                 json_string_value(json_object_get(e, "text")), v ? v : "-");
    }
    json_decref(rec);
}

static char *extract(qry_pipeline *p, const char *text)
{
    char *json = NULL;
    size_t len = 0;
    assert_int_equal(qry_pipeline_extract(p, 0, "doc", text, strlen(text), &json, &len), QRY_OK);
    return json;
}

static void test_patterns_over_money_and_weapons(void **state)
{
    (void)state;
    write_file(deals, "<money> [lower=for|on] [lower=the|a|an|new|more]{0,2} <weapon>\tevent\tlabel=arms_purchase\n"
                      "<weapon category=air_defense> [lower=systems|batteries]?\tproduct\tcategory=air_defense\n"
                      "value:<money> [lower=deal|contract]\tevent\tlabel=contract\n");
    write_file(ini, "[pipeline]\nplugins = money, weapons, rules\n\n[rules]\npatterns = deals.tsv\n");
    char err[4096];
    qry_pipeline *p = qry_pipeline_open(ini, 1, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    char *json = extract(p, "Berlin pledged €500 million for new IRIS-T systems and a $2bn deal with Kyiv.");
    char got[1024];
    entities_of(json, "event", "label", got, sizeof got);
    assert_string_equal(got, "€500 million for new IRIS-T systems|arms_purchase;$2bn deal|contract");
    /* inside the longer event, the product match lost (overlap = longest) */
    entities_of(json, "product", "category", got, sizeof got);
    assert_string_equal(got, "");
    /* the money the earlier stage found is still there, untouched */
    entities_of(json, "money", "currency", got, sizeof got);
    assert_string_equal(got, "€500 million|EUR;$2bn|USD");
    free(json);
    /* <weapon category=air_defense> reads the earlier stage's attribute */
    json = extract(p, "Kyiv got IRIS-T batteries and Leopard 2 tanks.");
    entities_of(json, "product", "category", got, sizeof got);
    assert_string_equal(got, "IRIS-T batteries|air_defense");
    free(json);
    /* a capture of an entity element: value is the money's text */
    json = extract(p, "A €40m contract.");
    json_t *rec = json_loads(json, 0, NULL);
    json_t *ents = json_object_get(rec, "entities");
    int seen = 0;
    for (size_t i = 0; i < json_array_size(ents); i++) {
        json_t *e = json_array_get(ents, i);
        if (strcmp(json_string_value(json_object_get(e, "type")), "event") == 0) {
            assert_string_equal(json_string_value(json_object_get(json_object_get(e, "attrs"), "value")), "€40m");
            seen = 1;
        }
    }
    json_decref(rec);
    free(json);
    qry_pipeline_close(p);
    assert_true(seen);
}

static void test_order_of_stages_matters(void **state)
{
    (void)state;
    write_file(deals, "<money> for <weapon>\tevent\n");
    /* rules first: no money or weapon is known yet, so no event */
    write_file(ini, "[pipeline]\nplugins = rules, money, weapons\n\n[rules]\npatterns = deals.tsv\n");
    char err[4096];
    qry_pipeline *p = qry_pipeline_open(ini, 1, err, sizeof err);
    if (!p)
        fail_msg("%s", err);
    char *json = extract(p, "Oslo paid $40m for NASAMS.");
    char got[512];
    entities_of(json, "event", "label", got, sizeof got);
    assert_string_equal(got, "");
    entities_of(json, "money", "currency", got, sizeof got);
    assert_string_equal(got, "$40m|USD");
    free(json);
    qry_pipeline_close(p);
}

static void test_bad_rule_file_fails_open_with_file_and_line(void **state)
{
    (void)state;
    write_file(deals, "<money> for <weapon>\tevent\n<money> for <tank>\tevent\n<money> for <weapon\tevent\n");
    write_file(bad, "[pipeline]\nplugins = money, weapons, rules\n\n[rules]\npatterns = deals.tsv\n");
    char err[4096];
    qry_pipeline *p = qry_pipeline_open(bad, 1, err, sizeof err);
    assert_null(p);
    char want[700];
    snprintf(want, sizeof want, "[rules] patterns: %s:2: <tank>: rules reads only these entity types", deals);
    assert_non_null(strstr(err, want));
    snprintf(want, sizeof want, "[rules] patterns: %s:3: '<' without '>'", deals);
    assert_non_null(strstr(err, want));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_patterns_over_money_and_weapons),
        cmocka_unit_test(test_order_of_stages_matters),
        cmocka_unit_test(test_bad_rule_file_fails_open_with_file_and_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
