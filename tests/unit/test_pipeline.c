/* test_pipeline.c -- an INI file to running plugins: validation messages a
 * user sees, create failures, per-document errors, refused emits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pipeline.h"

static char dir[] = "/tmp/quarry-pipe-XXXXXX";

static int setup(void **state)
{
    (void)state;
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[PATH_MAX + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

/* Write an INI whose plugin_path points at the test plugins; returns its path. */
static const char *write_ini(const char *name, const char *body)
{
    static char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fputs(body, f);
    fclose(f);
    return path;
}

/* The template's one "%s" becomes the test plugins' directory. */
static char ini_text[4096];
static const char *with_plugin_dir(const char *template)
{
    const char *at = strstr(template, "%s");
    assert_non_null(at);
    snprintf(ini_text, sizeof ini_text, "%.*s%s%s", (int)(at - template), template,
             getenv("QUARRY_TEST_PLUGIN_DIR"), at + 2);
    return ini_text;
}

/* Diagnostic k as the user reads it. */
static const char *diag_text(const qdiag *d, size_t k)
{
    static char buf[8192];
    qdiag_format(&d->items[k], buf, sizeof buf);
    return buf;
}

static int diag_has(const qdiag *d, const char *needle)
{
    for (size_t k = 0; k < d->n; k++)
        if (strstr(diag_text(d, k), needle))
            return 1;
    return 0;
}

static void run_doc(qpipeline *p, const char *id, const char *text, qrecord *rec)
{
    qseg seg = {0};
    qin_doc doc = {.id = (char *)id, .text = (char *)text, .len = strlen(text)};
    assert_int_equal(qpipe_process(p, 0, &doc, &seg, rec), QRY_OK);
    qseg_free(&seg);
}

static void test_good_pipeline_runs(void **state)
{
    (void)state;
    const char *ini = write_ini("good.ini", with_plugin_dir(
        "; a comment\n[pipeline]\nplugins = numbers\nplugin_path = %s\n\n[numbers]\nmin_digits = 2\nwith_text = yes\n"));
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), 0);
    assert_int_equal(d.n, 0);
    assert_int_equal(qpipe_start(p, 2, &d), 0);
    qrecord rec = {0};
    run_doc(p, "a", "It cost 7 dollars, then 1,250 and 3.75 more.", &rec);
    assert_int_equal(rec.n_ents, 2); /* "7" has one digit */
    assert_int_equal(rec.n_errors, 0);
    assert_string_equal(rec.ents[0].plugin, "numbers");
    assert_true(qentity_attr(&rec.ents[0], "value")->v.d == 1250.0);
    assert_string_equal(qentity_attr(&rec.ents[1], "digits")->v.str.s, "3.75");
    qrec_free(&rec);
    qpipe_free(p);
}

static void test_all_errors_in_one_pass(void **state)
{
    (void)state;
    const char *ini = write_ini("bad.ini", with_plugin_dir(
        "[pipeline]\n"                          /* 1 */
        "plugins = numbers, nosuchplugin\n"     /* 2 */
        "plugin_path = %s, ./not-a-dir\n"       /* 3 */
        "overlap = widest\n"                    /* 4 */
        "overlpa_scope = type\n"                /* 5 */
        "[numbrs]\n"                            /* 6 */
        "x = 1\n"                               /* 7 */
        "[numbers]\n"                           /* 8 */
        "min_digit = 3\n"                       /* 9 */
        "with_text = maybe\n"                   /* 10 */
        "stopwords = missing-file.txt\n"));     /* 11 */
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), -1);
    assert_null(p);
    for (size_t k = 0; k < d.n; k++)
        print_message("  %s\n", diag_text(&d, k));
    assert_true(diag_has(&d, "bad.ini:2: [pipeline] plugins: plugin 'nosuchplugin' not found; searched:"));
    assert_true(diag_has(&d, "bad.ini:3: [pipeline] plugin_path:"));
    assert_true(diag_has(&d, "not-a-dir' is not a directory"));
    assert_true(diag_has(&d, "bad.ini:4: [pipeline] overlap: expected keep_all, longest or priority, got 'widest'"));
    assert_true(diag_has(&d, "bad.ini:5: [pipeline] unknown key 'overlpa_scope' (did you mean 'overlap_scope'?)"));
    assert_true(diag_has(&d, "bad.ini:6: unknown section [numbrs] (did you mean [numbers]?)"));
    assert_true(diag_has(&d, "bad.ini:9: [numbers] unknown key 'min_digit' (did you mean 'min_digits'?)"));
    assert_true(diag_has(&d, "bad.ini:10: [numbers] with_text: expected true/false"));
    assert_true(diag_has(&d, "got 'maybe'"));
    /* reported in file order */
    for (size_t k = 1; k < d.n; k++)
        assert_true(d.items[k - 1].line <= d.items[k].line);
    assert_non_null(strstr(diag_text(&d, 0), "bad.ini:2:"));
    assert_non_null(strstr(diag_text(&d, d.n - 1), "bad.ini:11:"));
    assert_true(diag_has(&d, "bad.ini:11: [numbers] stopwords: file 'missing-file.txt' not found"));
    /* each problem carries its place as data: file, line, section, key */
    const qdiag_entry *e = NULL;
    for (size_t k = 0; k < d.n; k++)
        if (d.items[k].line == 10)
            e = &d.items[k];
    assert_non_null(e);
    assert_string_equal(e->file, ini);
    assert_string_equal(e->section, "numbers");
    assert_string_equal(e->key, "with_text");
    assert_string_equal(e->message, "expected true/false, yes/no, on/off or 1/0, got 'maybe'");
    qdiag_free(&d);
}

static void test_no_pipeline_section(void **state)
{
    (void)state;
    const char *ini = write_ini("empty.ini", "[numbers]\nmin_digits = 1\n");
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), -1);
    assert_true(diag_has(&d, "no [pipeline] section"));
    qdiag_free(&d);
}

static void test_wrong_abi_and_missing_entry_in_pipeline(void **state)
{
    (void)state;
    const char *ini = write_ini("abi.ini", with_plugin_dir("[pipeline]\nplugins = bad_abi no_entry\nplugin_path = %s\n"));
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), -1);
    assert_true(diag_has(&d, "bad_abi.so: plugin ABI 2.0, ours 1.1"));
    assert_true(diag_has(&d, "no_entry.so: no entry point [quarry_plugin_entry]"));
    qdiag_free(&d);
}

static void test_failing_create_is_refused(void **state)
{
    (void)state;
    const char *ini = write_ini("create.ini", with_plugin_dir("[pipeline]\nplugins = bad_create\nplugin_path = %s\n"));
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), 0);
    assert_int_equal(qpipe_start(p, 1, &d), -1);
    assert_true(diag_has(&d, "bad_create"));
    assert_true(diag_has(&d, "create failed (QRY_ERR_CONFIG): model file is corrupt"));
    qpipe_free(p);
    qdiag_free(&d);
}

static void test_create_reports_carry_the_option_line(void **state)
{
    (void)state;
    const char *ini = write_ini("fussy.ini", with_plugin_dir(
        "[pipeline]\n"          /* 1 */
        "plugins = fussy\n"     /* 2 */
        "plugin_path = %s\n"    /* 3 */
        "[fussy]\n"             /* 4 */
        "mode = sloppy\n"));    /* 5 */
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), 0);
    assert_int_equal(qpipe_start(p, 1, &d), -1);
    assert_true(d.n >= 2);
    /* the diag service's report, where the user would fix it */
    assert_int_equal(d.items[0].line, 5);
    assert_string_equal(d.items[0].section, "fussy");
    assert_string_equal(d.items[0].key, "mode");
    assert_true(diag_has(&d, "fussy.ini:5: [fussy] mode: 'sloppy' is not a mode (the only one is 'ok')"));
    assert_true(diag_has(&d, "create failed (QRY_ERR_CONFIG)"));
    qpipe_free(p);
    qdiag_free(&d);
}

static void test_plugin_by_path_relative_to_ini(void **state)
{
    (void)state;
    char link[PATH_MAX + 32], target[PATH_MAX + 32];
    snprintf(link, sizeof link, "%s/mine.so", dir);
    snprintf(target, sizeof target, "%s/numbers.so", getenv("QUARRY_TEST_PLUGIN_DIR"));
    assert_int_equal(symlink(target, link), 0);
    const char *ini = write_ini("path.ini", "[pipeline]\nplugins = ./mine.so\n");
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), 0);
    assert_string_equal(p->stages[0].name, "numbers");
    qpipe_free(p);
    qdiag_free(&d);
}

static void test_document_errors_recorded_and_run_goes_on(void **state)
{
    (void)state;
    const char *ini = write_ini("fail.ini", with_plugin_dir(
        "[pipeline]\nplugins = rogue, numbers\nplugin_path = %s\n[numbers]\nfail_on = POISON\n"));
    qdiag d = {0};
    qpipeline *p = NULL;
    assert_int_equal(qpipe_load(ini, &p, &d), 0);
    assert_int_equal(qpipe_start(p, 1, &d), 0);
    qrecord rec = {0};
    run_doc(p, "bad", "POISON 42", &rec);
    /* rogue's one valid entity is kept, its bad emits and attributes are reported once */
    assert_int_equal(rec.n_ents, 1);
    assert_string_equal(rec.ents[0].plugin, "rogue");
    assert_int_equal(rec.n_errors, 2);
    assert_string_equal(rec.errors[0].plugin, "rogue");
    assert_non_null(strstr(rec.errors[0].message, "3 entities and 3 attributes refused; first: emit of"));
    assert_string_equal(rec.errors[1].plugin, "numbers");
    assert_string_equal(rec.errors[1].message, "document contains 'POISON'");
    run_doc(p, "good", "clean 42", &rec);
    assert_int_equal(rec.n_ents, 2);
    qin_doc bad = {.id = "broken.txt", .error = "invalid UTF-8 at byte 3"};
    qseg seg = {0};
    assert_int_equal(qpipe_process(p, 0, &bad, &seg, &rec), QRY_OK);
    assert_int_equal(rec.n_ents, 0);
    assert_int_equal(rec.n_errors, 1);
    assert_null(rec.errors[0].plugin);
    assert_string_equal(rec.errors[0].message, "invalid UTF-8 at byte 3");
    qseg_free(&seg);
    qrec_free(&rec);
    qpipe_free(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_pipeline_runs),
        cmocka_unit_test(test_all_errors_in_one_pass),
        cmocka_unit_test(test_no_pipeline_section),
        cmocka_unit_test(test_wrong_abi_and_missing_entry_in_pipeline),
        cmocka_unit_test(test_failing_create_is_refused),
        cmocka_unit_test(test_create_reports_carry_the_option_line),
        cmocka_unit_test(test_plugin_by_path_relative_to_ini),
        cmocka_unit_test(test_document_errors_recorded_and_run_goes_on),
    };
    return cmocka_run_group_tests_name("pipeline", tests, setup, teardown);
}
