/* test_resume.c -- continuing into an output file: the torn last line is
 * cut, the documents the file already holds are checked by id and
 * position and skipped, the rest pass through; and an output that is not
 * of these inputs is refused rather than appended to. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "resume.h"

static char path[] = "/tmp/quarry-resume-XXXXXX";

static int setup(void **state)
{
    (void)state;
    int fd = mkstemp(path);
    if (fd < 0)
        return -1;
    close(fd);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    unlink(path);
    return 0;
}

typedef struct ids {
    const char *const *ids;
    size_t n, next;
} ids;

static int next_id(void *ctx, qin_doc *doc, qdiag *d)
{
    (void)d;
    ids *s = ctx;
    if (s->next == s->n)
        return 0;
    doc->id = strdup(s->ids[s->next]);
    doc->text = strdup("t");
    doc->len = 1;
    doc->ordinal = s->next++;
    return 1;
}

static int open_with(const char *content)
{
    int fd = open(path, O_RDWR | O_TRUNC);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, content, strlen(content)), (ssize_t)strlen(content));
    return fd;
}

/* The ids resume hands on, space-separated; "!" when it stopped with an error. */
static char *resumed(const char *content, const char *const *input, size_t n, long long *torn, char *out, size_t outsz)
{
    int fd = open_with(content);
    ids src_ids = {input, n, 0};
    qrun_source inner = {next_id, &src_ids};
    qresume rs;
    qdiag d = {0};
    assert_int_equal(qresume_open(&rs, fd, path, &inner, torn, &d), 0);
    size_t used = 0;
    out[0] = '\0';
    qin_doc doc = {0};
    int rc;
    while ((rc = qresume_next(&rs, &doc, &d)) == 1) {
        used += (size_t)snprintf(out + used, outsz - used, "%s ", doc.id);
        qin_doc_clear(&doc);
    }
    if (rc < 0)
        snprintf(out + used, outsz - used, "!");
    assert_int_equal(rc < 0, d.n > 0);
    qresume_close(&rs);
    qdiag_free(&d);
    close(fd);
    return out;
}

static void test_skips_what_the_file_holds(void **state)
{
    (void)state;
    const char *input[] = {"a", "b\"q", "caf\xe9", "d", "e"};
    char out[256];
    long long torn;
    const char *file = "{\"id\": \"a\", \"entities\": [], \"errors\": []}\n"
                       "{\"id\": \"b\\\"q\", \"entities\": [], \"errors\": []}\n"
                       "{\"id\": \"caf\\ufffd\", \"entities\": [], \"errors\": []}\n"
                       "{\"id\": \"d\", \"entit";
    assert_string_equal(resumed(file, input, 5, &torn, out, sizeof out), "d e ");
    assert_int_equal(torn, strlen("{\"id\": \"d\", \"entit"));
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, strlen(file) - (size_t)torn); /* the torn line is gone */
    assert_string_equal(resumed("", input, 5, &torn, out, sizeof out), "a b\"q caf\xe9 d e ");
    assert_int_equal(torn, 0);
}

static void test_refuses_other_inputs(void **state)
{
    (void)state;
    const char *input[] = {"a", "x", "c"};
    char out[256];
    long long torn;
    const char *file = "{\"id\": \"a\", \"entities\": [], \"errors\": []}\n{\"id\": \"b\", \"entities\": [], \"errors\": []}\n";
    assert_string_equal(resumed(file, input, 3, &torn, out, sizeof out), "!");
    assert_string_equal(resumed(file, input, 1, &torn, out, sizeof out), "!"); /* more records than documents */
    assert_string_equal(resumed("not a record\n", input, 3, &torn, out, sizeof out), "!");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_skips_what_the_file_holds),
        cmocka_unit_test(test_refuses_other_inputs),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
