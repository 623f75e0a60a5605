/* test_quotes.c -- unit tests of the quotes plugin on hand-written sentences. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "quarry/testkit.h"

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

static size_t run(qry_testkit *tk, const char *text)
{
    assert_int_equal(qry_testkit_run(tk, text), 0);
    return qry_testkit_count(tk);
}

static void dump(qry_testkit *tk)
{
    for (size_t i = 0; i < qry_testkit_count(tk); i++) {
        const char *sp = qry_testkit_attr(tk, i, "speaker");
        fprintf(stderr, "  have: '%s' speaker=%s", qry_testkit_entity(tk, i)->text, sp ? sp : "-");
        const char *cue = qry_testkit_attr(tk, i, "cue");
        fprintf(stderr, " cue=%s\n", cue ? cue : "-");
    }
}

/* Assert a quote with exactly this text, speaker and cue (NULL: absent). */
static size_t expect(qry_testkit *tk, const char *text, const char *speaker, const char *cue)
{
    const qry_test_entity *e = qry_testkit_find(tk, "quote", text);
    if (!e) {
        dump(tk);
        fail_msg("no quote '%s'", text);
    }
    size_t i = qry_testkit_index(tk, e);
    /* attr() strings live until the next attr() call: check one at a time */
    const char *sp = qry_testkit_attr(tk, i, "speaker");
    if (speaker && (!sp || strcmp(sp, speaker) != 0)) {
        dump(tk);
        fail_msg("'%s': speaker %s, expected %s", text, sp ? sp : "(none)", speaker);
    }
    if (!speaker)
        assert_null(sp);
    const char *cu = qry_testkit_attr(tk, i, "cue");
    if (cue)
        assert_non_null(cu), assert_string_equal(cu, cue);
    else
        assert_null(cu);
    return i;
}

/* The speaker mention's text, from speaker_start/speaker_end. */
static void expect_mention(qry_testkit *tk, size_t i, const char *doc, const char *mention)
{
    /* attr() strings live until the next attr() call: read one at a time */
    const char *s = qry_testkit_attr(tk, i, "speaker_start");
    assert_non_null(s);
    long a = atol(s);
    s = qry_testkit_attr(tk, i, "speaker_end");
    assert_non_null(s);
    long b = atol(s);
    assert_true(a >= 0 && b > a && (size_t)b <= strlen(doc));
    assert_int_equal((size_t)(b - a), strlen(mention));
    assert_memory_equal(doc + a, mention, strlen(mention));
}

static void t_said_before_and_after(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "Mara Velk said: “The harbour reopens in May.”"), 1);
    expect(tk, "The harbour reopens in May.", "Mara Velk", "said");

    assert_int_equal(run(tk, "“We have enough grain for the winter,” Tomas Brandt said on Friday."), 1);
    expect(tk, "We have enough grain for the winter,", "Tomas Brandt", "said");

    assert_int_equal(run(tk, "“The road is closed,” said Ilse Marten, the county engineer."), 1);
    expect(tk, "The road is closed,", "Ilse Marten", "said");

    run(tk, "Ilse Marten said, “Bring boots.”");
    expect(tk, "Bring boots.", "Ilse Marten", "said");
}

static void t_cue_verbs(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "“Prices will fall by spring,” Oskar Lind told dpa.");
    expect(tk, "Prices will fall by spring,", "Oskar Lind", "told");
    run(tk, "“The levee held,” Oskar Lind added.");
    expect(tk, "The levee held,", "Oskar Lind", "added");
    run(tk, "Oskar Lind wrote: “Nobody saw the fire.”");
    expect(tk, "Nobody saw the fire.", "Oskar Lind", "wrote");
    run(tk, "“Stocks are low,” Oskar Lind noted.");
    expect(tk, "Stocks are low,", "Oskar Lind", "noted");
    run(tk, "“Stay indoors,” Oskar Lind warned.");
    expect(tk, "Stay indoors,", "Oskar Lind", "warned");
    run(tk, "“This is temporary,” Oskar Lind stressed.");
    expect(tk, "This is temporary,", "Oskar Lind", "stressed");
    run(tk, "According to Oskar Lind, “the dam is safe.”");
    expect(tk, "the dam is safe.", "Oskar Lind", "according to");
}

static void t_who_clause(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "Lena Ortiz, who leads the dockworkers, said: “We strike at dawn.”");
    expect(tk, "We strike at dawn.", "Lena Ortiz", "said");
    run(tk, "“We strike at dawn,” said Lena Ortiz, who leads the dockworkers.");
    expect(tk, "We strike at dawn,", "Lena Ortiz", "said");
    run(tk, "Lena Ortiz, addressing the crowd, declared, “Nothing moves tonight.”");
    expect(tk, "Nothing moves tonight.", "Lena Ortiz", "declared");
    /* the second quotation hangs on "who added" */
    const char *doc = "“The ships wait,” said Lena Ortiz, who added, according to the radio, that “the crews are "
                      "tired.”";
    run(tk, doc);
    expect(tk, "The ships wait,", "Lena Ortiz", "said");
    size_t i = expect(tk, "the crews are tired.", "Lena Ortiz", "added");
    expect_mention(tk, i, doc, "Lena Ortiz");
}

static void t_split_and_spanning(void **state)
{
    qry_testkit *tk = *state;
    const char *doc = "Rita Kaas met the farmers. “The rain came late,” she said. “The harvest will be small.”";
    assert_int_equal(run(tk, doc), 2);
    size_t i = expect(tk, "The rain came late,", "Rita Kaas", "said");
    expect_mention(tk, i, doc, "she");
    expect(tk, "The harvest will be small.", "Rita Kaas", "said");

    run(tk, "“We tried. We failed. We will try again,” Piet Dorn said.");
    expect(tk, "We tried. We failed. We will try again,", "Piet Dorn", "said");

    /* a paragraph of quotation after the attributed one */
    run(tk, "“The bridge is open,” Piet Dorn said.\n“Trucks may cross from Monday.”\nThe weather was cold.");
    expect(tk, "Trucks may cross from Monday.", "Piet Dorn", "said");
}

static void t_fullest_name_and_titles(void **state)
{
    qry_testkit *tk = *state;
    const char *doc = "Defense Minister Anna Kowalska toured the depot on Monday.\n"
                      "“We will rebuild every hangar,” Kowalska said.";
    run(tk, doc);
    size_t i = expect(tk, "We will rebuild every hangar,", "Anna Kowalska", "said");
    expect_mention(tk, i, doc, "Kowalska");

    run(tk, "“The fleet is ready,” Adm. Rob Hale said.");
    expect(tk, "The fleet is ready,", "Rob Hale", "said");

    run(tk, "Alliance Secretary-General Jon Vik visited the base. “Training continues,” the secretary-general said.");
    expect(tk, "Training continues,", "Jon Vik", "said");

    run(tk, "“Two drones were destroyed,” the U.K. Ministry of Defense said.");
    expect(tk, "Two drones were destroyed,", "U.K. Ministry of Defense", "said");
}

static void t_pronouns_across_sentences(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "Mayor Tom Berg opened the new bridge on Sunday. The crowd cheered loudly.\n"
            "“It took nine years,” he said.");
    expect(tk, "It took nine years,", "Tom Berg", "said");

    /* the most recent subject wins over an earlier one */
    run(tk, "Tom Berg thanked the builders. Later, engineer Sofia Lunde inspected the cables. Sofia Lunde said the "
            "steel was sound.\n“Not a single crack,” she added.");
    expect(tk, "Not a single crack,", "Sofia Lunde", "added");

    /* no person before the pronoun: no speaker, but the cue stays */
    run(tk, "“Nothing is certain,” he said.");
    expect(tk, "Nothing is certain,", NULL, "said");
}

static void t_known_failures(void **state)
{
    qry_testkit *tk = *state;
    /* no space after the colon */
    run(tk, "John Doe:\"Taxes stay where they are.\"");
    expect(tk, "Taxes stay where they are.", "John Doe", NULL);

    /* attribution after a dash */
    run(tk, "“We hold the line.” — Commissioner Jane Roe");
    expect(tk, "We hold the line.", "Jane Roe", NULL);

    /* "And from X:" before the quotation */
    run(tk, "Chairwoman Ellen Roe opened the hearing.\nAnd from Chairwoman Roe: “The record stays open.”");
    expect(tk, "The record stays open.", "Ellen Roe", NULL);

    /* a quotation over three paragraphs, each opening with a mark */
    const char *doc = "Karl Mohr read the letter aloud:\n“First, we thank the town.\n“Second, we ask for patience.\n"
                      "“Third, we will be back,” it ended.\nThen he left.";
    assert_int_equal(run(tk, doc), 1);
    const qry_test_entity *e = qry_testkit_entity(tk, 0);
    assert_true(strncmp(e->text, "First, we thank", 15) == 0);
    assert_true(strcmp(e->text + strlen(e->text) - 14, "will be back,\"") != 0);
    assert_true(strstr(e->text, "we will be back,") != NULL);
}

static void t_unbalanced_marks(void **state)
{
    qry_testkit *tk = *state;
    /* an odd number of straight marks: the stray one does not pair with the
     * following quotations */
    run(tk, "The \"alpha plan was dropped.\nPaul Rend said \"yes\" twice. \"We start now,\" Paul Rend said. "
            "\"Good,\" Ida Sol replied.");
    expect(tk, "We start now,", "Paul Rend", "said");
    expect(tk, "Good,", "Ida Sol", "replied");
    assert_null(qry_testkit_find(tk, "quote", "alpha plan was dropped.\nPaul Rend said"));

    /* an unclosed quotation ends with its paragraph */
    assert_int_equal(run(tk, "“This part never closes, Bo Lin wrote.\nThe vote is set. “Closed one,” Bo Lin said."), 2);
    expect(tk, "This part never closes, Bo Lin wrote.", NULL, NULL);
    expect(tk, "Closed one,", "Bo Lin", "said");

    /* apostrophes, inches and primes are not marks */
    assert_int_equal(run(tk, "The farmers’ union bought a 12\" pipe for Ann’s 5'11\" son. It's done.\n"
                             "‘Fine,’ Ann Lee said."),
                     1);
    expect(tk, "Fine,", "Ann Lee", "said");

    /* a stray closing mark is ignored */
    assert_int_equal(run(tk, "The talks ended.” Nobody spoke."), 0);
}

static void t_nested(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, "“He told me ‘never again’ and walked out,” Sam Park said."), 1);
    expect(tk, "He told me ‘never again’ and walked out,", "Sam Park", "said");
    assert_int_equal(run(tk, "\"She called it 'the worst week' of her life,\" Sam Park said."), 1);
    expect(tk, "She called it 'the worst week' of her life,", "Sam Park", "said");
}

static void t_fragments(void **state)
{
    qry_testkit *tk = *state;
    run(tk, "Critics called the plan “reckless” on Monday and a “half measure” later.");
    size_t i = expect(tk, "reckless", "Critics", "called");
    assert_string_equal(qry_testkit_attr(tk, i, "kind"), "fragment");
    i = qry_testkit_index(tk, qry_testkit_find(tk, "quote", "half measure"));
    assert_string_equal(qry_testkit_attr(tk, i, "kind"), "fragment");

    run(tk, "“We will win,” Vera Holm said.");
    assert_string_equal(qry_testkit_attr_of(tk, "quote", "We will win,", "kind"), "direct");
}

static void t_no_fragments_option(void **state)
{
    (void)state;
    char err[512];
    const char *opts[] = {"fragments", "false", NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    assert_non_null(tk);
    assert_int_equal(run(tk, "A “bold” plan. “We will win,” Vera Holm said."), 1);
    expect(tk, "We will win,", "Vera Holm", "said");
    qry_testkit_free(tk);
}

static void t_markup_tags(void **state)
{
    qry_testkit *tk = *state;
    /* quoted attribute values of a tag left in the text are no quotations */
    const char *doc = "<post id=\"4411\" author=\"@harbourwatch\" date=\"2021-03-02\">“The ferry is late again,” "
                      "Nils Aberg said.</post>";
    assert_int_equal(run(tk, doc), 1);
    expect(tk, "The ferry is late again,", "Nils Aberg", "said");
    /* a lone '<' is no tag */
    assert_int_equal(run(tk, "Costs stayed < 5 percent. “Good news,” Nils Aberg said."), 1);
}

static void t_colon_paragraph(void **state)
{
    qry_testkit *tk = *state;
    /* a paragraph ending in "X verb:" introduces the quotation below it */
    const char *doc = "Greta Holm took the stage.\n\nHolm continued:\n\n“We planted four hundred trees.”\n";
    size_t i = expect(tk, (run(tk, doc), "We planted four hundred trees."), "Greta Holm", "continued");
    expect_mention(tk, i, doc, "Holm");
}

static void t_lowercase_speakers_after(void **state)
{
    qry_testkit *tk = *state;
    /* "said" + a description or a name behind lower-case words */
    const char *doc = "“The budget is fine,” said former city treasurer Anton Reed, a critic of the plan.";
    run(tk, doc);
    size_t i = expect(tk, "The budget is fine,", "Anton Reed", "said");
    expect_mention(tk, i, doc, "Anton Reed");
    doc = "“Nobody asked us,” said one of the fishermen.";
    run(tk, doc);
    expect_mention(tk, expect(tk, "Nobody asked us,", "one of the fishermen", "said"), doc, "one of the fishermen");
    /* a lower-case subject between the mark and the verb */
    doc = "“The pier is unsafe,” a spokesman for the port authority said.";
    run(tk, doc);
    /* (the determiner is dropped from the speaker) */
    expect_mention(tk, expect(tk, "The pier is unsafe,", "spokesman for the port authority", "said"), doc,
                   "spokesman for the port authority");
}

static void t_apposition_after(void **state)
{
    qry_testkit *tk = *state;
    /* "” X, 41, a nurse from Y, said" */
    const char *doc = "“I voted for the first time,” Maria Oduya, 41, a nurse from Lagos who moved here in 2009, said.";
    run(tk, doc);
    expect_mention(tk, expect(tk, "I voted for the first time,", "Maria Oduya", "said"), doc, "Maria Oduya");
    /* a trailing attribution after a fragment: "“X” is Y, Jane Roe said." */
    doc = "The “cuts” are reckless, Hugo Brant said.";
    run(tk, doc);
    expect_mention(tk, expect(tk, "cuts", "Hugo Brant", "said"), doc, "Hugo Brant");
}

static void t_previous_sentence(void **state)
{
    qry_testkit *tk = *state;
    /* the sentence before ends with the attribution */
    const char *doc = "The vote will be close, Lisa Marr said on Tuesday. “We need every volunteer.”";
    run(tk, doc);
    expect_mention(tk, expect(tk, "We need every volunteer.", "Lisa Marr", "said"), doc, "Lisa Marr");
    doc = "Turnout was low, said county clerk Ben Ortiz. “Rain keeps people home.”";
    run(tk, doc);
    expect_mention(tk, expect(tk, "Rain keeps people home.", "Ben Ortiz", "said"), doc, "Ben Ortiz");
    /* a sentence without attribution gives nothing */
    run(tk, "Turnout was low on Tuesday. “Rain keeps people home.”");
    expect(tk, "Rain keeps people home.", NULL, NULL);
}

static void t_shared_subject(void **state)
{
    qry_testkit *tk = *state;
    /* ", saying …" and "and said …" take the subject of the sentence */
    const char *doc = "Rosa Quint attacked the deal in Vienna on Monday, saying it was “a gift to polluters.”";
    run(tk, doc);
    expect_mention(tk, expect(tk, "a gift to polluters.", "Rosa Quint", "saying"), doc, "Rosa Quint");
    doc = "Rosa Quint read the report twice and said the figures were “simply wrong.”";
    run(tk, doc);
    expect_mention(tk, expect(tk, "simply wrong.", "Rosa Quint", "said"), doc, "Rosa Quint");
    /* new cue verbs */
    run(tk, "Rosa Quint echoed: “Not one more tree.”");
    expect(tk, "Not one more tree.", "Rosa Quint", "echoed");
}

static void t_empty_and_plain(void **state)
{
    qry_testkit *tk = *state;
    assert_int_equal(run(tk, ""), 0);
    assert_int_equal(run(tk, "No quotations here, only Anna’s dog."), 0);
    assert_int_equal(run(tk, "“”"), 0);
    assert_int_equal(run(tk, "\"\n\""), 0);
}

static void t_bad_data_file(void **state)
{
    (void)state;
    char path[] = "/tmp/quotes_cues_XXXXXX", err[512] = "";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char body[] = "# cues\nSaid\n";
    assert_int_equal(write(fd, body, sizeof body - 1), (ssize_t)(sizeof body - 1));
    close(fd);
    const char *opts[] = {"cues", path, NULL};
    qry_testkit *tk = qry_testkit_new(quarry_plugin_entry(), opts, err, sizeof err);
    unlink(path);
    assert_null(tk);
    assert_non_null(strstr(err, ":2:"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(t_said_before_and_after, setup, teardown),
        cmocka_unit_test_setup_teardown(t_cue_verbs, setup, teardown),
        cmocka_unit_test_setup_teardown(t_who_clause, setup, teardown),
        cmocka_unit_test_setup_teardown(t_split_and_spanning, setup, teardown),
        cmocka_unit_test_setup_teardown(t_fullest_name_and_titles, setup, teardown),
        cmocka_unit_test_setup_teardown(t_pronouns_across_sentences, setup, teardown),
        cmocka_unit_test_setup_teardown(t_known_failures, setup, teardown),
        cmocka_unit_test_setup_teardown(t_unbalanced_marks, setup, teardown),
        cmocka_unit_test_setup_teardown(t_nested, setup, teardown),
        cmocka_unit_test_setup_teardown(t_fragments, setup, teardown),
        cmocka_unit_test(t_no_fragments_option),
        cmocka_unit_test_setup_teardown(t_markup_tags, setup, teardown),
        cmocka_unit_test_setup_teardown(t_colon_paragraph, setup, teardown),
        cmocka_unit_test_setup_teardown(t_lowercase_speakers_after, setup, teardown),
        cmocka_unit_test_setup_teardown(t_apposition_after, setup, teardown),
        cmocka_unit_test_setup_teardown(t_previous_sentence, setup, teardown),
        cmocka_unit_test_setup_teardown(t_shared_subject, setup, teardown),
        cmocka_unit_test_setup_teardown(t_empty_and_plain, setup, teardown),
        cmocka_unit_test(t_bad_data_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
