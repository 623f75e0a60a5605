/* test_text.c -- the "quarry.text/1" service: the classes the segmenter's
 * flags come from, case and accent folding for lookup keys, token helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "segment.h"
#include "text.h"

static uint32_t cp_of(const char *s)
{
    size_t pos = 0;
    return qtext_decode(s, strlen(s), &pos);
}

static int upper(const char *s) { return (qtext_classify(cp_of(s)) & QRY_CP_UPPER) != 0; }
static int lower(const char *s) { return (qtext_classify(cp_of(s)) & QRY_CP_LOWER) != 0; }

static void capitals_in_latin_cyrillic_greek(void **state)
{
    (void)state;
    const char *caps[] = {"Ł", "Ž", "Ś", "Ź", "Ż", "Ĳ", "Ő", "Ű", "Ș", "Ț", "Ґ", "Є", "Ї", "Ў", "Д", "Ж",
                          "Σ", "Ω", "Ά", "É", "Ä", "Þ", "İ", NULL};
    const char *smalls[] = {"ł", "ž", "ś", "ź", "ż", "ő", "ű", "ș", "ț", "ґ", "є", "ї", "д", "ж", "σ", "ς",
                            "ω", "ά", "é", "ä", "ß", "ı", NULL};
    for (size_t k = 0; caps[k]; k++) {
        if (!upper(caps[k]) || lower(caps[k]))
            fail_msg("%s should be an upper-case letter", caps[k]);
        assert_true(qtext_classify(cp_of(caps[k])) & QRY_CP_LETTER);
    }
    for (size_t k = 0; smalls[k]; k++)
        if (upper(smalls[k]) || !lower(smalls[k]))
            fail_msg("%s should be a lower-case letter", smalls[k]);
}

static void every_code_point_has_one_base_class(void **state)
{
    (void)state;
    const uint32_t base = QRY_CP_LETTER | QRY_CP_DIGIT | QRY_CP_SPACE | QRY_CP_PUNCT;
    for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x3000 ? 1 : 7)) {
        uint32_t c = qtext_classify(cp) & base;
        if (c == 0 || (c & (c - 1)) != 0)
            fail_msg("U+%04X has classes %#x", (unsigned)cp, (unsigned)c);
    }
}

static void punctuation_refinements(void **state)
{
    (void)state;
    assert_true(qtext_classify('-') & QRY_CP_HYPHEN);
    assert_true(qtext_classify(0x2013) & QRY_CP_HYPHEN); /* en dash joins "T–72" */
    assert_true(qtext_classify(0x2014) & QRY_CP_DASH);
    assert_false(qtext_classify(0x2014) & QRY_CP_HYPHEN);
    assert_true(qtext_classify(0x2019) & QRY_CP_APOSTROPHE);
    assert_true(qtext_classify(0x02BC) & QRY_CP_APOSTROPHE);
    assert_true(qtext_classify(0x02BC) & QRY_CP_PUNCT);
    assert_true(qtext_classify(0x201C) & QRY_CP_QUOTE);
    assert_true(qtext_classify(0x00AB) & QRY_CP_QUOTE);
    assert_true(qtext_classify(0x201E) & QRY_CP_QUOTE);
    assert_true(qtext_classify(0x00A0) & QRY_CP_SPACE);
    assert_true(qtext_classify(0x200B) & QRY_CP_SPACE);
    assert_true(qtext_classify(0x2028) & QRY_CP_NEWLINE);
    assert_true(qtext_classify(0x20AC) & QRY_CP_PUNCT); /* € */
    assert_true(qtext_classify(0x0301) & QRY_CP_LETTER); /* a combining mark stays in its word */
}

static void fold_for_keys(void **state)
{
    (void)state;
    char out[64];
    struct { const char *in; unsigned flags; const char *want; } cases[] = {
        {"Łódź", QRY_FOLD_KEY, "lodz"},
        {"Łódź", QRY_FOLD_CASE, "łódź"},
        {"Łódź", QRY_FOLD_ACCENTS, "Lodz"},
        {"Žižek", QRY_FOLD_KEY, "zizek"},
        {"Straße", QRY_FOLD_CASE, "strasse"},
        {"ΑΘΗΝΑ", QRY_FOLD_CASE, "αθηνα"},
        {"Ørsted", QRY_FOLD_KEY, "orsted"},
        {"Київ", QRY_FOLD_CASE, "київ"},
        {"T\xE2\x80\x93" "72", QRY_FOLD_PUNCT, "T-72"},
        {"Children\xE2\x80\x99s", QRY_FOLD_KEY, "children's"},
        {"\xEF\xAC\x81re", QRY_FOLD_KEY, "fire"}, /* the "fi" ligature */
        {"plain", 0, "plain"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        size_t n = qtext_fold(cases[k].in, strlen(cases[k].in), cases[k].flags, out, sizeof out);
        assert_string_equal(out, cases[k].want);
        assert_int_equal(n, strlen(cases[k].want));
    }
}

static void fold_reports_the_length_it_needs(void **state)
{
    (void)state;
    char small[5];
    size_t n = qtext_fold("Łódź", strlen("Łódź"), QRY_FOLD_CASE, small, sizeof small);
    assert_int_equal(n, strlen("łódź"));
    assert_string_equal(small, "łó"); /* cut between code points, NUL-terminated */
    assert_int_equal(qtext_fold("abc", 3, QRY_FOLD_CASE, NULL, 0), 3);
}

static void equals_and_validate(void **state)
{
    (void)state;
    assert_true(qtext_equals("ŁÓDŹ", strlen("ŁÓDŹ"), "lodz", 4, QRY_FOLD_KEY));
    assert_false(qtext_equals("ŁÓDŹ", strlen("ŁÓDŹ"), "lodz", 4, QRY_FOLD_CASE));
    assert_false(qtext_equals("Lodz", 4, "Lod", 3, QRY_FOLD_KEY));
    assert_true(qtext_equals("abc", 3, "abc", 3, 0));
    assert_int_equal(qtext_validate("ok \xC3\xA9", 5), 5);
    assert_int_equal(qtext_validate("ab\xC0\xAF", 4), 2);       /* overlong */
    assert_int_equal(qtext_validate("a\xED\xA0\x80", 4), 1);    /* surrogate */
    assert_int_equal(qtext_validate("a\xE2\x82", 3), 1);        /* cut short */
    char enc[4];
    assert_int_equal(qtext_encode(0x20AC, enc), 3);
    assert_memory_equal(enc, "\xE2\x82\xAC", 3);
    assert_int_equal(qtext_encode(0xD800, enc), 0);
}

static void tokens_get_flags_from_the_same_classes(void **state)
{
    (void)state;
    const char *text = "Łódź and Žižek met žena in Αθήνα and Київ, ŁÓDŹ.";
    qseg seg = {0};
    assert_int_equal(qseg_run(&seg, text, strlen(text)), QRY_OK);
    qry_doc_view doc = {.struct_size = sizeof doc, .text = seg.text, .text_len = strlen(text),
                        .tokens = seg.tokens, .n_tokens = seg.n_tokens};
    struct { const char *word; uint32_t on, off; } want[] = {
        {"Łódź", QRY_TOK_CAP, QRY_TOK_UPPER}, {"Žižek", QRY_TOK_CAP, QRY_TOK_UPPER},
        {"žena", 0, QRY_TOK_CAP},              {"Αθήνα", QRY_TOK_CAP, QRY_TOK_UPPER},
        {"Київ", QRY_TOK_CAP, QRY_TOK_UPPER},  {"ŁÓDŹ", QRY_TOK_CAP | QRY_TOK_UPPER, 0},
    };
    for (size_t w = 0; w < sizeof want / sizeof want[0]; w++) {
        size_t t = 0;
        while (t < doc.n_tokens && !qtext_token_equals(&doc, t, want[w].word, 0))
            t++;
        if (t == doc.n_tokens)
            fail_msg("no token '%s'", want[w].word);
        assert_true(doc.tokens[t].flags & QRY_TOK_WORD);
        if ((doc.tokens[t].flags & want[w].on) != want[w].on || (doc.tokens[t].flags & want[w].off))
            fail_msg("'%s' has flags %#x", want[w].word, (unsigned)doc.tokens[t].flags);
    }
    assert_true(qtext_token_equals(&doc, 0, "LODZ", QRY_FOLD_KEY));
    assert_int_equal(qtext_token_at(&doc, 0), 0);
    assert_int_equal(qtext_token_at(&doc, strlen("Łódź")), 1); /* the space: next token */
    assert_int_equal(qtext_token_at(&doc, strlen(text)), doc.n_tokens);
    qseg_free(&seg);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(capitals_in_latin_cyrillic_greek),
        cmocka_unit_test(every_code_point_has_one_base_class),
        cmocka_unit_test(punctuation_refinements),
        cmocka_unit_test(fold_for_keys),
        cmocka_unit_test(fold_reports_the_length_it_needs),
        cmocka_unit_test(equals_and_validate),
        cmocka_unit_test(tokens_get_flags_from_the_same_classes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
