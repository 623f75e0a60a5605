/* test_table.c -- the "quarry.table/1" service as a plugin author uses it:
 * comments, blank lines, byte-order marks and CRLF are not data; every bad
 * line is reported with its file and line in one pass; a report is tied
 * to the option that named the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "host.h"
#include "table.h"

static const qry_option_spec opt_extra = {"extra", QRY_OPT_PATH, NULL, "more rows", {0}};
static const qry_option_spec opt_lists = {"lists", QRY_OPT_LIST, NULL, "several files", {0}};
static const qry_option_spec *const options[] = {&opt_extra, &opt_lists, NULL};
static const char *const types[] = {"thing", NULL};
static const qry_plugin_descriptor desc = {QRY_PLUGIN_DESCRIPTOR_INIT, .name = "tab", .entity_types = types,
                                           .options = options};

static char dir[64];

static const char *write_file(const char *name, const char *content, size_t len)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(content, 1, len, f);
    fclose(f);
    return path;
}

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/quarry-table-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd);
}

static int has_report(const qhost *h, const char *needle)
{
    char line[2048];
    for (size_t k = 0; k < h->reports.n; k++) {
        qdiag_format(&h->reports.items[k], line, sizeof line);
        if (strstr(line, needle))
            return 1;
    }
    return 0;
}

static void rows_cells_comments(void **state)
{
    (void)state;
    const char text[] = "\xEF\xBB\xBF# a comment\n\nKyiv\tUA\t50.45\r\n   # indented comment\n"
                        "Lviv\tUA\nBerlin\tDE\t52.52\t\n";
    const char *path = write_file("good.tsv", text, sizeof text - 1);
    qhost h;
    assert_int_equal(qhost_init(&h, &desc, "tab", NULL, NULL, NULL, 0), QRY_OK);
    qry_table *t = qtable_service.open(&h.api, path, 2, 3, 0);
    assert_non_null(t);
    assert_int_equal(qtable_service.errors(t), 0);
    assert_int_equal(qtable_service.rows(t), 3);
    assert_string_equal(qtable_service.cell(t, 0, 0, NULL), "Kyiv");
    size_t len;
    assert_string_equal(qtable_service.cell(t, 0, 2, &len), "50.45"); /* no '\r' */
    assert_int_equal(len, 5);
    assert_int_equal(qtable_service.line(t, 0), 3);
    assert_int_equal(qtable_service.cols(t, 1), 2);
    assert_string_equal(qtable_service.cell(t, 1, 2, NULL), ""); /* past the last column */
    assert_int_equal(qtable_service.cols(t, 2), 3);                /* a trailing tab is no column */
    assert_int_equal(qtable_service.line(t, 2), 6);
    assert_string_equal(qtable_service.path(t), path);
    qtable_service.close(t);
    qhost_fini(&h);
}

static void every_bad_line_in_one_pass(void **state)
{
    (void)state;
    const char text[] = "good\tone\nonly-one\nbad \xC3\x28 utf8\tx\nalso\tgood\na\tb\tc\td\nlast\tgood\n";
    write_file("bad.tsv", text, sizeof text - 1);
    const char *keys[] = {"extra"}, *values[] = {"bad.tsv"};
    qhost h;
    assert_int_equal(qhost_init(&h, &desc, "tab", dir, keys, values, 1), QRY_OK);
    qry_table *t = qtable_service.open(&h.api, "bad.tsv", 2, 3, 0);
    assert_non_null(t);
    assert_int_equal(qtable_service.rows(t), 3); /* the good lines are kept */
    qtable_service.reject(t, 1, "unknown code '%s'", qtable_service.cell(t, 1, 1, NULL));
    assert_int_equal(qtable_service.errors(t), 4);
    assert_int_equal(h.reports.n, 4);
    assert_true(has_report(&h, "[tab] extra: "));
    assert_true(has_report(&h, "bad.tsv:2: 1 column, expected at least 2 (tab-separated)"));
    assert_true(has_report(&h, "bad.tsv:3: not valid UTF-8 (byte 5 of the line)"));
    assert_true(has_report(&h, "bad.tsv:4: unknown code 'good'"));
    assert_true(has_report(&h, "bad.tsv:5: 4 columns, expected at most 3 (tab-separated)"));
    qtable_service.close(t);
    qhost_fini(&h);
}

static void trim_inline_comments_and_list_options(void **state)
{
    (void)state;
    const char text[] = "  spaced word  # a note\nplain\n";
    write_file("words.txt", text, sizeof text - 1);
    const char *keys[] = {"lists"}, *values[] = {"other.txt, words.txt"};
    qhost h;
    assert_int_equal(qhost_init(&h, &desc, "tab", dir, keys, values, 1), QRY_OK);
    qry_table *t = qtable_service.open(&h.api, "words.txt", 1, 1, QRY_TABLE_TRIM | QRY_TABLE_INLINE_HASH);
    assert_int_equal(qtable_service.rows(t), 2);
    assert_string_equal(qtable_service.cell(t, 0, 0, NULL), "spaced word");
    qtable_service.reject(t, 0, "not wanted");
    assert_true(has_report(&h, "[tab] lists: ")); /* tied to the LIST option naming it */
    qtable_service.close(t);
    qhost_fini(&h);
}

static void missing_file_names_the_directories(void **state)
{
    (void)state;
    qhost h;
    assert_int_equal(qhost_init(&h, &desc, "tab", dir, NULL, NULL, 0), QRY_OK);
    assert_null(qtable_service.open(&h.api, "no-such-table.tsv", 1, 0, 0));
    assert_int_equal(h.reports.n, 1);
    assert_true(has_report(&h, "data file 'no-such-table.tsv' not found; searched: "));
    assert_true(has_report(&h, dir));
    qhost_fini(&h);
}

static void a_large_table_is_read_whole(void **state)
{
    (void)state;
    size_t n = 100000, cap = n * 24;
    char *text = malloc(cap);
    assert_non_null(text);
    size_t len = 0;
    for (size_t k = 0; k < n; k++)
        len += (size_t)snprintf(text + len, cap - len, "entry %zu\ttype\n", k);
    write_file("big.tsv", text, len);
    free(text);
    qhost h;
    assert_int_equal(qhost_init(&h, &desc, "tab", dir, NULL, NULL, 0), QRY_OK);
    qry_table *t = qtable_service.open(&h.api, "big.tsv", 2, 2, 0);
    assert_int_equal(qtable_service.rows(t), n);
    assert_string_equal(qtable_service.cell(t, n - 1, 0, NULL), "entry 99999");
    assert_int_equal(qtable_service.line(t, n - 1), n);
    qtable_service.close(t);
    qhost_fini(&h);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(rows_cells_comments),
        cmocka_unit_test(every_bad_line_in_one_pass),
        cmocka_unit_test(trim_inline_comments_and_list_options),
        cmocka_unit_test(missing_file_names_the_directories),
        cmocka_unit_test(a_large_table_is_read_whole),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
