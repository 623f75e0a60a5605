/* test_output_convert.c -- the stream between the runner and the output
 * formats: records written in any pieces reach the format whole, with the
 * text remembered for them, in order; a failing format stops the stream
 * with its reason. A recording format stands in for tsv/html/... */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "output_convert.h"

typedef struct seen {
    char ids[8][32], texts[8][64];
    int has_text[8];
    uint64_t ordinals[8];
    int n, finished, fail_at;
} seen;

static int rec_start(qout_writer *w)
{
    (void)w;
    return 0;
}

static int rec_put(qout_writer *w, const qout_doc *d)
{
    seen *s = w->state;
    if (s->n == s->fail_at) {
        snprintf(w->why, sizeof w->why, "disk full, say");
        return -1;
    }
    snprintf(s->ids[s->n], sizeof s->ids[0], "%s", json_string_value(json_object_get(d->record, "id")));
    s->has_text[s->n] = d->text != NULL;
    if (d->text)
        snprintf(s->texts[s->n], sizeof s->texts[0], "%.*s", (int)d->len, d->text);
    s->ordinals[s->n++] = d->ordinal;
    return 0;
}

static int rec_finish(qout_writer *w)
{
    ((seen *)w->state)->finished++;
    return 0;
}

static void rec_free(qout_writer *w) { (void)w; }

static const qout_format_ops recording = {rec_start, rec_put, rec_finish, rec_free};

static void remember(qconvert *c, const char *id, const char *text)
{
    qin_doc d = {.id = (char *)id, .text = (char *)text, .len = text ? strlen(text) : 0};
    assert_int_equal(qconvert_remember(c, &d), 0);
}

static void records_in_pieces_meet_their_texts(void **state)
{
    (void)state;
    seen s = {.fail_at = -1};
    qout_writer w = {.ops = &recording, .state = &s};
    qconvert *c = qconvert_open(&w);
    assert_non_null(c);
    remember(c, "a", "Kyiv");
    remember(c, "b", NULL); /* unreadable: a record with an error, no text */
    remember(c, "c", "€5 million");
    FILE *f = qconvert_stream(c);
    const char *lines = "{\"id\": \"a\", \"entities\": [], \"errors\": []}\n"
                        "{\"id\": \"b\", \"entities\": [], \"errors\": [{\"plugin\": null}]}\n"
                        "{\"id\": \"c\", \"entities\": [], \"errors\": []}\n";
    size_t n = strlen(lines);
    for (size_t k = 0; k < 50; k++) /* byte by byte, then the rest at once */
        assert_int_equal(fwrite(lines + k, 1, 1, f), 1);
    assert_int_equal(fwrite(lines + 50, 1, n - 50, f), n - 50);
    assert_int_equal(qconvert_finish(c), 0);
    assert_null(qconvert_error(c));
    assert_int_equal(s.n, 3);
    assert_string_equal(s.ids[0], "a");
    assert_string_equal(s.texts[0], "Kyiv");
    assert_false(s.has_text[1]);
    assert_string_equal(s.texts[2], "€5 million");
    assert_int_equal(s.ordinals[2], 2);
    assert_int_equal(s.finished, 1);
    qconvert_close(c);
}

static void a_record_out_of_order_is_an_internal_error(void **state)
{
    (void)state;
    seen s = {.fail_at = -1};
    qout_writer w = {.ops = &recording, .state = &s};
    qconvert *c = qconvert_open(&w);
    remember(c, "a", "x");
    FILE *f = qconvert_stream(c);
    fputs("{\"id\": \"z\", \"entities\": [], \"errors\": []}\n", f);
    assert_true(ferror(f));
    assert_non_null(strstr(qconvert_error(c), "internal error: record 1 ('z')"));
    assert_int_equal(qconvert_finish(c), -1);
    assert_int_equal(s.finished, 0);
    qconvert_close(c); /* frees what is still remembered */
}

static void a_failing_format_stops_the_stream_with_its_reason(void **state)
{
    (void)state;
    seen s = {.fail_at = 1};
    qout_writer w = {.ops = &recording, .state = &s};
    qconvert *c = qconvert_open(&w);
    remember(c, "a", "x");
    remember(c, "b", "y");
    remember(c, "c", "z");
    FILE *f = qconvert_stream(c);
    fputs("{\"id\": \"a\", \"entities\": [], \"errors\": []}\n", f);
    assert_false(ferror(f));
    fputs("{\"id\": \"b\", \"entities\": [], \"errors\": []}\n", f);
    assert_true(ferror(f));
    assert_string_equal(qconvert_error(c), "disk full, say");
    assert_int_equal(s.n, 1);
    qconvert_close(c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(records_in_pieces_meet_their_texts),
        cmocka_unit_test(a_record_out_of_order_is_an_internal_error),
        cmocka_unit_test(a_failing_format_stops_the_stream_with_its_reason),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
