/* test_diag.c -- diagnostics as values: how each shape of place reads,
 * file order whatever order the checks ran in, bounded excerpts of user
 * text, and the one printer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"

static const char *text(const qdiag *d, size_t i)
{
    static char buf[1024];
    qdiag_format(&d->items[i], buf, sizeof buf);
    return buf;
}

static void test_each_place_reads_as_documented(void **state)
{
    (void)state;
    qdiag d = {0};
    qdiag_at(&d, "p.ini", 5, "numbers", "min_digits", "expected an integer, got '%s'", "two");
    qdiag_at(&d, "p.ini", 2, "pipeline", NULL, "unknown key 'x'");
    qdiag_at(&d, "p.ini", 6, NULL, NULL, "unknown section [numbrs]");
    qdiag_at(&d, "p.ini", 0, "numbers", "stopwords", "default data file 'x' not found");
    qdiag_at(&d, NULL, 0, "numbers", "min_digits", "out of range");
    qdiag_add(&d, "out of memory");
    assert_int_equal(d.n, 6);
    assert_string_equal(text(&d, 0), "p.ini:5: [numbers] min_digits: expected an integer, got 'two'");
    assert_string_equal(text(&d, 1), "p.ini:2: [pipeline] unknown key 'x'");
    assert_string_equal(text(&d, 2), "p.ini:6: unknown section [numbrs]");
    assert_string_equal(text(&d, 3), "p.ini: [numbers] stopwords: default data file 'x' not found");
    assert_string_equal(text(&d, 4), "[numbers] min_digits: out of range");
    assert_string_equal(text(&d, 5), "out of memory");
    /* the parts stay data */
    assert_string_equal(d.items[0].file, "p.ini");
    assert_int_equal(d.items[0].line, 5);
    assert_string_equal(d.items[0].section, "numbers");
    assert_string_equal(d.items[0].key, "min_digits");
    assert_string_equal(d.items[0].message, "expected an integer, got 'two'");
    assert_null(d.items[5].file);
    qdiag_free(&d);
    assert_int_equal(d.n, 0);
}

static void test_format_is_bounded_like_snprintf(void **state)
{
    (void)state;
    qdiag d = {0};
    qdiag_at(&d, "file.ini", 12, "sec", "key", "message");
    const char *full = "file.ini:12: [sec] key: message";
    char small[10];
    assert_int_equal(qdiag_format(&d.items[0], small, sizeof small), strlen(full));
    assert_string_equal(small, "file.ini:");
    assert_int_equal(qdiag_format(&d.items[0], NULL, 0), strlen(full));
    qdiag_free(&d);
}

static void test_sort_puts_problems_in_file_order(void **state)
{
    (void)state;
    qdiag d = {0};
    qdiag_add(&d, "from an earlier pass");         /* before `from`: stays first */
    qdiag_at(&d, "p.ini", 9, NULL, NULL, "nine");  /* added by one check... */
    qdiag_at(&d, "p.ini", 3, NULL, NULL, "three"); /* ...then by another */
    qdiag_at(&d, "p.ini", 0, NULL, NULL, "no line");
    qdiag_at(&d, "p.ini", 3, NULL, NULL, "three again");
    qdiag_sort_by_line(&d, 1);
    assert_string_equal(d.items[0].message, "from an earlier pass");
    assert_string_equal(d.items[1].message, "no line");
    assert_string_equal(d.items[2].message, "three");
    assert_string_equal(d.items[3].message, "three again"); /* stable */
    assert_string_equal(d.items[4].message, "nine");
    qdiag_free(&d);
}

static void test_excerpt_is_printable_and_bounded(void **state)
{
    (void)state;
    char out[QDIAG_EXCERPT_SIZE];
    qdiag_excerpt("a\tb\x7f" "c", 5, out, sizeof out);
    assert_string_equal(out, "a?b?c");
    char long_text[200];
    memset(long_text, 'x', sizeof long_text);
    qdiag_excerpt(long_text, sizeof long_text, out, sizeof out);
    assert_int_equal(strlen(out), QDIAG_EXCERPT_MAX + 3);
    assert_string_equal(out + QDIAG_EXCERPT_MAX, "...");
    /* 47 ASCII bytes then "é" (2 bytes): the cut falls inside it, so it
     * goes whole rather than in half */
    char utf[60];
    memset(utf, 'y', 47);
    memcpy(utf + 47, "\xc3\xa9zzzz", 6);
    qdiag_excerpt(utf, 53, out, sizeof out);
    assert_int_equal(strlen(out), 47 + 3);
    assert_string_equal(out + 47, "...");
}

static void test_print_writes_one_prefixed_line_each(void **state)
{
    (void)state;
    char path[] = "/tmp/quarry-diag-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    fflush(stderr);
    int saved = dup(2);
    assert_true(saved >= 0);
    assert_int_equal(dup2(fd, 2), 2);
    qdiag d = {0};
    qdiag_at(&d, "p.ini", 4, "pipeline", "overlap", "expected keep_all, longest or priority, got 'x'");
    char big[3000];
    memset(big, 'z', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    qdiag_at(&d, "p.ini", 5, NULL, NULL, "%s", big); /* longer than the printer's stack buffer */
    qdiag_print(&d);
    qdiag_free(&d);
    fflush(stderr);
    assert_int_equal(dup2(saved, 2), 2);
    close(saved);
    FILE *f = fdopen(fd, "r");
    assert_non_null(f);
    rewind(f);
    char *line = NULL;
    size_t cap = 0;
    assert_true(getline(&line, &cap, f) > 0);
    assert_string_equal(line, "quarry: p.ini:4: [pipeline] overlap: expected keep_all, longest or priority, got 'x'\n");
    assert_int_equal(getline(&line, &cap, f), (ssize_t)strlen("quarry: p.ini:5: ") + 2999 + 1);
    assert_int_equal(getline(&line, &cap, f), -1);
    free(line);
    fclose(f);
    unlink(path);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_each_place_reads_as_documented),
        cmocka_unit_test(test_format_is_bounded_like_snprintf),
        cmocka_unit_test(test_sort_puts_problems_in_file_order),
        cmocka_unit_test(test_excerpt_is_printable_and_bounded),
        cmocka_unit_test(test_print_writes_one_prefixed_line_each),
    };
    return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
