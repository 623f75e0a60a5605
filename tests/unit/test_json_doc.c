/* test_json_doc.c -- the JSON Lines fast path reads what jansson would,
 * and gives back to jansson every line it cannot read exactly so: the
 * decoded id and text for plain, escaped and non-ASCII strings, the last
 * of duplicate members, and a fallback for nested values, escaped keys,
 * invalid JSON or UTF-8, lone surrogates and non-string ids. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "json_doc.h"

static int read_line(const char *line, qjson_doc *d)
{
    return qjson_doc_fast(line, strlen(line), "id", "text", d);
}

static void expect_doc(const char *line, const char *id, const char *text, size_t text_len)
{
    qjson_doc d;
    assert_int_equal(read_line(line, &d), QJSON_OK);
    if (id)
        assert_string_equal(d.id, id);
    else
        assert_null(d.id);
    if (text) {
        assert_int_equal(d.text_len, text_len);
        assert_memory_equal(d.text, text, text_len);
        assert_int_equal(d.text[text_len], '\0');
    } else {
        assert_null(d.text);
    }
    free(d.id);
    free(d.text);
}

static void expect_fallback(const char *line)
{
    qjson_doc d;
    assert_int_equal(read_line(line, &d), QJSON_FALLBACK);
    assert_null(d.id);
    assert_null(d.text);
}

static void test_plain_and_other_members(void **state)
{
    (void)state;
    expect_doc("{\"id\": \"doc-7\", \"text\": \"The council met on Monday.\"}", "doc-7", "The council met on Monday.", 26);
    expect_doc(" {\"n\": -12.5e-3, \"text\":\"t\", \"ok\": true, \"no\": false, \"z\": null, \"id\":\"a\"} \r",
               "a", "t", 1);
    expect_doc("{}", NULL, NULL, 0);
    expect_doc("{\"text\": \"\"}", NULL, "", 0);
}

static void test_escapes_and_utf8(void **state)
{
    (void)state;
    expect_doc("{\"id\":\"x\",\"text\":\"a\\\"b\\\\c\\/d\\n\\t\\r\\b\\f\"}", "x", "a\"b\\c/d\n\t\r\b\f", 12);
    /* \u00e9 is two bytes, the pair \ud83d\ude00 four; raw UTF-8 passes through */
    expect_doc("{\"id\":\"x\",\"text\":\"caf\\u00e9 \\ud83d\\ude00 \xe2\x82\xac\"}", "x",
               "caf\xc3\xa9 \xf0\x9f\x98\x80 \xe2\x82\xac", 14);
    /* a NUL in the text is kept (the reader's text check refuses it later) */
    expect_doc("{\"id\":\"x\",\"text\":\"a\\u0000b\"}", "x", "a\0b", 3);
}

static void test_last_duplicate_wins(void **state)
{
    (void)state;
    expect_doc("{\"id\":\"one\",\"text\":\"first\",\"id\":\"two\",\"text\":\"second\"}", "two", "second", 6);
}

static void test_fallbacks(void **state)
{
    (void)state;
    expect_fallback("{\"id\":\"x\",\"text\":\"t\",\"tags\":[\"a\"]}");   /* nested */
    expect_fallback("{\"id\":\"x\",\"meta\":{\"a\":1},\"text\":\"t\"}");
    expect_fallback("{\"i\\u0064\":\"x\",\"text\":\"t\"}");              /* escaped key */
    expect_fallback("{\"id\":7,\"text\":\"t\"}");                         /* numeric id */
    expect_fallback("{\"id\":\"x\",\"text\":null}");                      /* text no string */
    expect_fallback("{\"id\":\"a\\u0000b\",\"text\":\"t\"}");             /* NUL in the id */
    expect_fallback("{\"id\":\"x\",\"text\":\"\\ud83d\"}");               /* lone surrogate */
    expect_fallback("{\"id\":\"x\",\"text\":\"\\ude00\"}");
    expect_fallback("{\"id\":\"x\",\"text\":\"\xc3\x28\"}");              /* invalid UTF-8 */
    expect_fallback("{\"id\":\"x\",\"text\":\"\xc0\xaf\"}");              /* overlong */
    expect_fallback("{\"id\":\"x\",\"text\":\"\xed\xa0\x80\"}");          /* encoded surrogate */
    expect_fallback("{\"id\":\"x\",\"text\":\"a\tb\"}");                  /* raw control character */
    expect_fallback("{\"id\":\"x\",\"text\":\"t\"} x");                   /* trailing garbage */
    expect_fallback("{\"id\":\"x\",\"text\":\"t\",}");                    /* trailing comma */
    expect_fallback("{\"id\":\"x\" \"text\":\"t\"}");                     /* missing comma */
    expect_fallback("{\"n\":01,\"text\":\"t\"}");                         /* leading zero */
    expect_fallback("{\"n\":1.,\"text\":\"t\"}");
    expect_fallback("{\"n\":tru,\"text\":\"t\"}");
    expect_fallback("{\"id\":\"x\",\"text\":\"unterminated}");
    expect_fallback("[\"id\",\"text\"]");
    expect_fallback("");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_and_other_members),
        cmocka_unit_test(test_escapes_and_utf8),
        cmocka_unit_test(test_last_duplicate_wins),
        cmocka_unit_test(test_fallbacks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
