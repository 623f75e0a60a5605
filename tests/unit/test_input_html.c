/* test_input_html.c -- the visible text of HTML pages: what a reader sees
 * is kept, laid out as paragraphs; what a browser never shows is dropped;
 * entities and charsets are decoded. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "input_html.h"
#include "text_check.h"

static void expect_text(const char *page, const char *want)
{
    char *text;
    size_t len;
    assert_int_equal(qhtml_visible_text(page, strlen(page), &text, &len), 0);
    assert_string_equal(text, want);
    assert_int_equal(len, strlen(want));
    char why[64];
    assert_int_equal(qtext_check(text, len, why, sizeof why), 0);
    free(text);
}

static void entities_are_decoded(void **state)
{
    (void)state;
    expect_text("<p>&euro;5&nbsp;million &amp; &pound;3 &mdash; the port&#8217;s &#x201C;deal&#x201D;</p>",
                "€5 million & £3 — the port’s “deal”");
}

static void blocks_become_paragraphs_and_inline_elements_flow(void **state)
{
    (void)state;
    expect_text("<h1>Title</h1><p>One <b>bold</b>\n   word.</p><div>Two<br>lines</div><p>A<br><br>B</p>",
                "Title\n\nOne bold word.\n\nTwo\nlines\n\nA\n\nB");
    expect_text("<ul><li>first</li><li>second</li></ul><table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>",
                "first\nsecond\n\na b\nc");
    expect_text("<pre>  kept\n    as is</pre><p>x</p>", "  kept\n    as is\n\nx");
}

static void what_no_reader_sees_is_dropped(void **state)
{
    (void)state;
    expect_text("<html><head><title>Site</title><style>p{}</style><script>var a='$9';</script></head>"
                "<body><nav>Home News</nav><header role=\"banner\">Logo</header>"
                "<p>Kept.</p><p hidden>gone</p><p aria-hidden=\"true\">gone</p>"
                "<p style=\"color:red; DISPLAY : none\">gone</p><aside>Related</aside>"
                "<noscript>enable JS</noscript><form><input value=\"x\"><button>Go</button></form>"
                "<p>Also kept.</p><footer>(c)</footer><script>document.write('$12')</script></body></html>",
                "Kept.\n\nAlso kept.");
}

static void charsets(void **state)
{
    (void)state;
    /* bytes that are not UTF-8, read in the declared charset */
    expect_text("<meta charset=\"windows-1252\"><p>\x80 5 million, caf\xe9</p>", "€ 5 million, café");
    /* valid UTF-8 stays UTF-8 whatever the page claims */
    expect_text("<p>caf\xc3\xa9 \xe2\x82\xac</p>", "café €");
}

static void odd_pages(void **state)
{
    (void)state;
    expect_text("", "");
    expect_text("<!-- only a comment -->", "");
    expect_text("no tags at all", "no tags at all");
    expect_text("<p>unclosed <b>tags<p>everywhere", "unclosed tags\n\neverywhere");
    /* nesting deeper than any stack would like */
    size_t depth = 20000, n = 0;
    char *deep = malloc(depth * 5 + 16);
    assert_non_null(deep);
    for (size_t k = 0; k < depth; k++, n += 5)
        memcpy(deep + n, "<div>", 5);
    memcpy(deep + n, "deep", 5);
    char *text;
    size_t len;
    assert_int_equal(qhtml_visible_text(deep, strlen(deep), &text, &len), 0);
    assert_non_null(strstr(text, "deep"));
    free(text);
    free(deep);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(entities_are_decoded),
        cmocka_unit_test(blocks_become_paragraphs_and_inline_elements_flow),
        cmocka_unit_test(what_no_reader_sees_is_dropped),
        cmocka_unit_test(charsets),
        cmocka_unit_test(odd_pages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
