/* test_segment.c -- the tokens, sentences and paragraphs every plugin relies on. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "segment.h"

static const char *tok_text(const char *t, const qry_token *k, char *buf)
{
    memcpy(buf, t + k->start, k->end - k->start);
    buf[k->end - k->start] = '\0';
    return buf;
}

static void test_words_numbers_punct(void **state)
{
    (void)state;
    const char *t = "Su-25 jets cost $80M, i.e. 1,000.5 each; Russia’s 155mm.";
    qseg s = {0};
    assert_int_equal(qseg_run(&s, t, strlen(t)), QRY_OK);
    const char *want[] = {"Su", "-", "25", "jets", "cost", "$", "80", "M", ",", "i", ".", "e", ".",
                          "1,000.5", "each", ";", "Russia", "’", "s", "155", "mm", "."};
    assert_int_equal(s.n_tokens, sizeof want / sizeof *want);
    char buf[64];
    for (size_t k = 0; k < s.n_tokens; k++)
        assert_string_equal(tok_text(t, &s.tokens[k], buf), want[k]);
    assert_true(s.tokens[0].flags & QRY_TOK_WORD);
    assert_true(s.tokens[0].flags & QRY_TOK_CAP);
    assert_true(s.tokens[2].flags & QRY_TOK_NUMBER);
    assert_false(s.tokens[2].flags & QRY_TOK_SPACE_BEFORE);
    assert_true(s.tokens[13].flags & QRY_TOK_NUMBER);
    assert_true(s.tokens[17].flags & QRY_TOK_PUNCT); /* the curly apostrophe */
    assert_true(s.tokens[20].flags & QRY_TOK_WORD);  /* "mm" glued to 155 */
    assert_false(s.tokens[20].flags & QRY_TOK_SPACE_BEFORE);
    qseg_free(&s);
}

static void test_upper_and_nonascii_letters(void **state)
{
    (void)state;
    const char *t = "NATO met Zelenskyy in Kyiv and Dnipró; ÉTAT Київ.";
    qseg s = {0};
    assert_int_equal(qseg_run(&s, t, strlen(t)), QRY_OK);
    assert_true(s.tokens[0].flags & QRY_TOK_UPPER);
    assert_false(s.tokens[2].flags & QRY_TOK_UPPER);
    char buf[64];
    assert_string_equal(tok_text(t, &s.tokens[6], buf), "Dnipró");
    assert_string_equal(tok_text(t, &s.tokens[8], buf), "ÉTAT");
    assert_true(s.tokens[8].flags & QRY_TOK_UPPER);
    assert_string_equal(tok_text(t, &s.tokens[9], buf), "Київ");
    assert_true(s.tokens[9].flags & QRY_TOK_CAP);
    qseg_free(&s);
}

static void test_sentences_abbreviations_and_quotes(void **state)
{
    (void)state;
    const char *t = "Adm. Jane Roe met U.S. officials on Monday. “We agree,” she said. "
                    "Prices rose 2.5 percent! Did they? Yes.";
    qseg s = {0};
    assert_int_equal(qseg_run(&s, t, strlen(t)), QRY_OK);
    assert_int_equal(s.n_sentences, 5);
    char buf[128];
    qry_token fake = {s.sentences[0].start, s.sentences[0].end, 0, 0};
    assert_string_equal(tok_text(t, &fake, buf), "Adm. Jane Roe met U.S. officials on Monday.");
    fake = (qry_token){s.sentences[1].start, s.sentences[1].end, 0, 0};
    assert_string_equal(tok_text(t, &fake, buf), "“We agree,” she said.");
    /* every token knows its sentence */
    assert_int_equal(s.tokens[s.n_tokens - 1].sentence, 4);
    qseg_free(&s);
}

static void test_paragraphs_one_per_line(void **state)
{
    (void)state;
    const char *t = "First paragraph here.\n“A quote that goes on\n“and continues here.”\n\nLast one";
    qseg s = {0};
    assert_int_equal(qseg_run(&s, t, strlen(t)), QRY_OK);
    assert_int_equal(s.n_paragraphs, 4);
    assert_true(s.tokens[4].flags & QRY_TOK_NEWLINE_BEFORE);
    qseg_free(&s);
}

static void test_hard_wrapped_text_joins_lines(void **state)
{
    (void)state;
    const char *t = "Showers continued throughout the week in\n"
                    "the cocoa zone, alleviating the drought since\n"
                    "early January and improving prospects for the\n"
                    "coming harvest, traders said on Monday.\n"
                    "    The dry period means the harvest will be\n"
                    "late this year, they added.\n";
    qseg s = {0};
    assert_int_equal(qseg_run(&s, t, strlen(t)), QRY_OK);
    assert_int_equal(s.n_paragraphs, 2);
    assert_int_equal(s.n_sentences, 2);
    qseg_free(&s);
}

/* A wrapped line ending in a comma, "&" or an abbreviation's "." goes on
 * in the next line; one ending a sentence ends the paragraph there. */
static void test_hard_wrapped_line_ends(void **state)
{
    (void)state;
    const char *t = "Dale Orton, senior technology analyst with Pike &\n"
                    "Moss in Denver, said he expected the new products,\n"
                    "which ship next month from Orton Works Inc.\n"
                    "plants in Ohio, to sell well in the spring season.\n"
                    "The dry period means the harvest will be late\n"
                    "this year and prices should rise further, they added.\n";
    qseg s = {0};
    assert_int_equal(qseg_run(&s, t, strlen(t)), QRY_OK);
    assert_int_equal(s.n_paragraphs, 2);
    char buf[256];
    qry_token fake = {s.paragraphs[0].start, s.paragraphs[0].end, 0, 0};
    assert_string_equal(tok_text(t, &fake, buf),
                        "Dale Orton, senior technology analyst with Pike &\nMoss in Denver, said he expected the new "
                        "products,\nwhich ship next month from Orton Works Inc.\nplants in Ohio, to sell well in the "
                        "spring season.");
    qseg_free(&s);
}

static void test_empty_and_reuse(void **state)
{
    (void)state;
    qseg s = {0};
    assert_int_equal(qseg_run(&s, "", 0), QRY_OK);
    assert_int_equal(s.n_tokens, 0);
    assert_int_equal(s.n_sentences, 0);
    assert_int_equal(qseg_run(&s, "  \n\t ", 5), QRY_OK);
    assert_int_equal(s.n_tokens, 0);
    assert_int_equal(qseg_run(&s, "One. Two.", 9), QRY_OK);
    assert_int_equal(s.n_sentences, 2);
    assert_int_equal(qseg_run(&s, "x", 1), QRY_OK);
    assert_int_equal(s.n_sentences, 1);
    assert_int_equal(s.n_tokens, 1);
    qseg_free(&s);
}

/* Plugins may over-read the view's text by whole SIMD words: a copy with
 * zero padding, for short and long texts and after reuse. */
static void test_text_copy_is_zero_padded(void **state)
{
    (void)state;
    qseg s = {0};
    char long_text[5000];
    memset(long_text, 'x', sizeof long_text - 1);
    long_text[sizeof long_text - 1] = '\0';
    const char *texts[] = {long_text, "Odesa port.", ""};
    for (size_t i = 0; i < 3; i++) {
        size_t len = strlen(texts[i]);
        assert_int_equal(qseg_run(&s, texts[i], len), QRY_OK);
        assert_ptr_not_equal(s.text, texts[i]);
        assert_memory_equal(s.text, texts[i], len);
        for (size_t k = 0; k <= QRY_TEXT_PADDING; k++)
            assert_int_equal(s.text[len + k], 0);
    }
    qseg_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_words_numbers_punct),
        cmocka_unit_test(test_upper_and_nonascii_letters),
        cmocka_unit_test(test_sentences_abbreviations_and_quotes),
        cmocka_unit_test(test_paragraphs_one_per_line),
        cmocka_unit_test(test_hard_wrapped_text_joins_lines),
        cmocka_unit_test(test_hard_wrapped_line_ends),
        cmocka_unit_test(test_empty_and_reuse),
        cmocka_unit_test(test_text_copy_is_zero_padded),
    };
    return cmocka_run_group_tests_name("segment", tests, NULL, NULL);
}
