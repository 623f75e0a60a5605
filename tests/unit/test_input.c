/* test_input.c -- the document readers: text files, directories, JSON
 * Lines, and every kind of bad input becoming a document with an error
 * while reading goes on. Fixtures are written into a private temporary
 * directory and removed afterwards. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "input.h"
#include "text_check.h"

static char tmpdir[4096];

static int group_setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/quarry-intest-XXXXXX", base && *base ? base : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Path of a fixture under the temporary directory (static buffer ring). */
static const char *at(const char *name)
{
    static char paths[8][4200];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", tmpdir, name);
    return p;
}

static const char *write_bytes(const char *name, const char *bytes, size_t len)
{
    const char *path = at(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

static const char *write_text(const char *name, const char *text)
{
    return write_bytes(name, text, strlen(text));
}

static void make_dir(const char *name)
{
    assert_int_equal(mkdir(at(name), 0700), 0);
}

/* Read every document of `paths` into a compact log "id|text-or-!error\n". */
static char *read_all(const char *const *paths, size_t n, const qin_options *opts)
{
    qin *in = qin_open(paths, n, opts);
    assert_non_null(in);
    size_t cap = 4096, len = 0;
    char *log = calloc(cap, 1);
    assert_non_null(log);
    qdiag diags = {0};
    qin_doc doc = {0};
    uint64_t expect_ordinal = 0;
    int rc;
    while ((rc = qin_next(in, &doc, &diags)) == 1) {
        assert_int_equal(doc.ordinal, expect_ordinal++);
        /* exactly one of text and error */
        assert_true((doc.text == NULL) != (doc.error == NULL));
        assert_non_null(doc.id);
        assert_non_null(doc.source);
        if (doc.text)
            assert_int_equal(strlen(doc.text), doc.len);
        const char *id = doc.id;
        if (strncmp(id, tmpdir, strlen(tmpdir)) == 0)
            id += strlen(tmpdir) + 1; /* keep logs independent of the temp dir */
        size_t need = strlen(id) + (doc.text ? doc.len : strlen(doc.error)) + 4;
        while (len + need >= cap) {
            log = realloc(log, cap *= 2);
            assert_non_null(log);
        }
        len += (size_t)sprintf(log + len, "%s|%s%s\n", id, doc.text ? "" : "!", doc.text ? doc.text : doc.error);
        qin_doc_clear(&doc);
    }
    assert_int_equal(rc, 0);
    assert_int_equal(diags.n, 0);
    qdiag_free(&diags);
    qin_close(in);
    return log;
}

static void test_text_files_in_given_order(void **state)
{
    (void)state;
    char a[4200], b[4200];
    snprintf(a, sizeof a, "%s", write_text("b.txt", "Second file named first."));
    snprintf(b, sizeof b, "%s", write_text("a.txt", "Ports reopened in Odesa.\n"));
    const char *paths[] = {a, b};
    char *log = read_all(paths, 2, NULL);
    assert_string_equal(log, "b.txt|Second file named first.\n"
                             "a.txt|Ports reopened in Odesa.\n\n");
    free(log);
}

static void test_id_is_the_path_as_given(void **state)
{
    (void)state;
    write_text("relative.txt", "Text.");
    char cwd[4200];
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(tmpdir), 0);
    const char *paths[] = {"./relative.txt"};
    char *log = read_all(paths, 1, NULL);
    assert_int_equal(chdir(cwd), 0);
    assert_string_equal(log, "./relative.txt|Text.\n");
    free(log);
}

static void test_directory_recursive_sorted_hidden_skipped(void **state)
{
    (void)state;
    make_dir("tree");
    make_dir("tree/sub");
    make_dir("tree/.git");
    write_text("tree/z.txt", "zeta");
    write_text("tree/a.txt", "alpha");
    write_text("tree/sub/m.txt", "mu");
    write_text("tree/.hidden.txt", "never read");
    write_text("tree/.git/HEAD", "never read");
    write_text("tree/sub/docs.jsonl", "{\"id\": \"j1\", \"text\": \"from json\"}\n");
    const char *paths[] = {at("tree")};
    char *log = read_all(paths, 1, NULL);
    assert_string_equal(log, "tree/a.txt|alpha\n"
                             "j1|from json\n"
                             "tree/sub/m.txt|mu\n"
                             "tree/z.txt|zeta\n");
    free(log);
}

static void test_symlink_loop_is_an_error_not_a_hang(void **state)
{
    (void)state;
    make_dir("loop");
    write_text("loop/doc.txt", "once");
    assert_int_equal(symlink(".", at("loop/self")), 0);
    const char *paths[] = {at("loop")};
    char *log = read_all(paths, 1, NULL);
    assert_non_null(strstr(log, "loop/doc.txt|once\n"));
    assert_non_null(strstr(log, "loop/self|!cannot read directory"));
    assert_null(strstr(strstr(log, "loop/doc.txt") + 1, "loop/doc.txt"));
    free(log);
}

static void test_jsonl_fields_ids_and_blank_lines(void **state)
{
    (void)state;
    const char *path = write_text("docs.jsonl", "{\"id\": \"r-1\", \"text\": \"caf\\u00e9 \\\"quoted\\\"\"}\n"
                                               "\n"
                                               "   \n"
                                               "{\"id\": 42, \"text\": \"numeric id\", \"extra\": [1, 2]}\r\n"
                                               "{\"text\": \"no id\"}\n"
                                               "{\"id\": \"last\", \"text\": \"no final newline\"}");
    const char *paths[] = {path};
    char *log = read_all(paths, 1, NULL);
    char expect[8000];
    snprintf(expect, sizeof expect,
             "r-1|caf\xc3\xa9 \"quoted\"\n"
             "42|numeric id\n"
             "docs.jsonl:5|no id\n"
             "last|no final newline\n");
    assert_string_equal(log, expect);
    free(log);
}

static void test_jsonl_configurable_field_names(void **state)
{
    (void)state;
    const char *path = write_text("custom.ndjson", "{\"doc_id\": \"x\", \"body\": \"the body\", \"text\": \"not this\"}\n");
    const char *paths[] = {path};
    qin_options opts = {.id_field = "doc_id", .text_field = "body"};
    char *log = read_all(paths, 1, &opts);
    assert_string_equal(log, "x|the body\n");
    free(log);
}

static void test_format_override(void **state)
{
    (void)state;
    const char *line = "{\"id\": \"a\", \"text\": \"json in a .txt\"}\n";
    const char *txt = write_text("looks-like-text.txt", line);
    const char *paths[] = {txt};
    qin_options as_jsonl = {.format = QIN_JSONL};
    char *log = read_all(paths, 1, &as_jsonl);
    assert_string_equal(log, "a|json in a .txt\n");
    free(log);

    const char *jl = write_text("raw.jsonl", line);
    const char *paths2[] = {jl};
    qin_options as_text = {.format = QIN_TEXT};
    log = read_all(paths2, 1, &as_text);
    assert_non_null(strstr(log, "raw.jsonl|{\"id\": \"a\""));
    free(log);
}

static void test_bad_json_lines_become_error_documents(void **state)
{
    (void)state;
    const char *path = write_text("bad.jsonl", "{\"id\": \"ok1\", \"text\": \"fine\"}\n"
                                              "{\"id\": \"broken\", \"text\": \n"
                                              "[1, 2, 3]\n"
                                              "{\"id\": \"nt\"}\n"
                                              "{\"id\": \"num\", \"text\": 7}\n"
                                              "{\"id\": \"nul\", \"text\": \"a\\u0000b\"}\n"
                                              "{\"id\": \"ok2\", \"text\": \"still read\"}\n");
    const char *paths[] = {path};
    char *log = read_all(paths, 1, NULL);
    /* jansson's own wording of the syntax error is not ours to pin down */
    const char *syntax = "bad.jsonl:2|!malformed JSON: ";
    char *at_syntax = strstr(log, syntax);
    assert_non_null(at_syntax);
    char *end = strchr(at_syntax, '\n');
    assert_non_null(strstr(at_syntax, "(column "));
    memmove(at_syntax + strlen(syntax), end, strlen(end) + 1);
    assert_string_equal(log, "ok1|fine\n"
                             "bad.jsonl:2|!malformed JSON: \n"
                             "bad.jsonl:3|!JSON line is not an object\n"
                             "nt|!no \"text\" field\n"
                             "num|!\"text\" is not a string\n"
                             "nul|!NUL byte at byte 1 of \"text\"\n"
                             "ok2|still read\n");
    free(log);
}

static void test_bad_text_files_become_error_documents(void **state)
{
    (void)state;
    char bad_utf8[4200], nul[4200], good[4200];
    snprintf(bad_utf8, sizeof bad_utf8, "%s", write_bytes("latin1.txt", "Caf\xe9 au lait", 13));
    snprintf(nul, sizeof nul, "%s", write_bytes("nul.txt", "ab\0cd", 5));
    snprintf(good, sizeof good, "%s", write_text("good.txt", "after the bad ones"));
    const char *paths[] = {bad_utf8, at("missing.txt"), nul, good};
    char *log = read_all(paths, 4, NULL);
    assert_string_equal(log, "latin1.txt|!invalid UTF-8 at byte 3\n"
                             "missing.txt|!cannot open: No such file or directory\n"
                             "nul.txt|!NUL byte at byte 2\n"
                             "good.txt|after the bad ones\n");
    free(log);
}

static void test_invalid_utf8_json_line(void **state)
{
    (void)state;
    const char bytes[] = "{\"id\": \"x\", \"text\": \"bad \xff byte\"}\n{\"id\": \"y\", \"text\": \"good\"}\n";
    const char *path = write_bytes("utf.jsonl", bytes, sizeof bytes - 1);
    const char *paths[] = {path};
    char *log = read_all(paths, 1, NULL);
    assert_string_equal(log, "utf.jsonl:1|!invalid UTF-8 at byte 25 of the line\n"
                             "y|good\n");
    free(log);
}

static void test_empty_file_and_empty_jsonl(void **state)
{
    (void)state;
    char empty_txt[4200];
    snprintf(empty_txt, sizeof empty_txt, "%s", write_text("empty.txt", ""));
    const char *empty_jsonl = write_text("empty.jsonl", "");
    const char *paths[] = {empty_txt, empty_jsonl};
    char *log = read_all(paths, 2, NULL);
    /* an empty text file is an (empty) document; an empty JSON Lines file holds none */
    assert_string_equal(log, "empty.txt|\n");
    free(log);
}

static void test_utf8_validator(void **state)
{
    (void)state;
    const char ok[] = "Kyiv \xd0\x9a\xd0\xb8\xd1\x97\xd0\xb2 \xe2\x82\xac \xf0\x9f\x9a\x80";
    assert_int_equal(qtext_utf8_prefix(ok, sizeof ok - 1), sizeof ok - 1);
    assert_int_equal(qtext_utf8_prefix("a\xc0\xaf", 3), 1);         /* overlong '/' */
    assert_int_equal(qtext_utf8_prefix("ab\xed\xa0\x80", 5), 2);    /* surrogate U+D800 */
    assert_int_equal(qtext_utf8_prefix("\xf4\x90\x80\x80", 4), 0);  /* above U+10FFFF */
    assert_int_equal(qtext_utf8_prefix("abc\xe2\x82", 5), 3);       /* truncated at the end */
    assert_int_equal(qtext_utf8_prefix("\x80", 1), 0);              /* lone continuation byte */

    /* one validator, one message, whoever asks */
    char why[64];
    assert_int_equal(qtext_check("ok", 2, why, sizeof why), 0);
    assert_int_equal(qtext_check(NULL, 0, why, sizeof why), 0);
    assert_int_equal(qtext_check("ab\xff", 3, why, sizeof why), -1);
    assert_string_equal(why, "invalid UTF-8 at byte 2");
    assert_int_equal(qtext_check("a\0b", 3, why, sizeof why), -1);
    assert_string_equal(why, "NUL byte at byte 1");
    assert_int_equal(qtext_check_utf8("a\0b", 3, why, sizeof why), 0); /* NUL is valid UTF-8 */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_text_files_in_given_order),
        cmocka_unit_test(test_id_is_the_path_as_given),
        cmocka_unit_test(test_directory_recursive_sorted_hidden_skipped),
        cmocka_unit_test(test_symlink_loop_is_an_error_not_a_hang),
        cmocka_unit_test(test_jsonl_fields_ids_and_blank_lines),
        cmocka_unit_test(test_jsonl_configurable_field_names),
        cmocka_unit_test(test_format_override),
        cmocka_unit_test(test_bad_json_lines_become_error_documents),
        cmocka_unit_test(test_bad_text_files_become_error_documents),
        cmocka_unit_test(test_invalid_utf8_json_line),
        cmocka_unit_test(test_empty_file_and_empty_jsonl),
        cmocka_unit_test(test_utf8_validator),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
