/* test_input_hygiene.c -- what the reader does with input that is not a
 * plain document: each error with its code (IO, LIMIT, UNSUPPORTED,
 * INVALID), FIFOs and sockets met in a directory skipped with a record
 * while one named is read, the output file never read, documents over the
 * size limit refused without reading them whole, and the JSON Lines
 * corners: a byte order mark, a NUL in an id, numbers jansson cannot
 * hold, repeated ids. */
#define _XOPEN_SOURCE 700 /* mkfifo, mkdtemp */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include "input.h"
#include "quarry/plugin.h"

static char dir[4096];

static int setup(void **state)
{
    (void)state;
    snprintf(dir, sizeof dir, "/tmp/quarry-hygiene-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    char cmd[4200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static const char *at(const char *name)
{
    static char paths[8][4200];
    static int next;
    char *p = paths[next++ % 8];
    snprintf(p, sizeof paths[0], "%s/%s", dir, name);
    return p;
}

static void put(const char *name, const char *bytes, size_t len)
{
    FILE *f = fopen(at(name), "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(bytes, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
}

/* Every document as "id|CODE|error-or-text|note\n" (paths made relative). */
static char *read_all(const char *const *paths, size_t n, const qin_options *opts, size_t *n_diags)
{
    qin *in = qin_open(paths, n, opts);
    assert_non_null(in);
    static char log[65536];
    size_t len = 0;
    qdiag d = {0};
    qin_doc doc = {0};
    while (qin_next(in, &doc, &d) == 1) {
        const char *id = strncmp(doc.id, dir, strlen(dir)) == 0 ? doc.id + strlen(dir) + 1 : doc.id;
        const char *code = !doc.error ? "-" : doc.error_code == QRY_ERR_IO ? "IO" : doc.error_code == QRY_ERR_LIMIT ? "LIMIT"
                                      : doc.error_code == QRY_ERR_UNSUPPORTED ? "UNSUPPORTED" : "INVALID";
        len += (size_t)snprintf(log + len, sizeof log - len, "%s|%s|%s|%s\n", id, code, doc.error ? doc.error : doc.text,
                                doc.note ? doc.note : "");
        qin_doc_clear(&doc);
    }
    *n_diags = d.n;
    qdiag_free(&d);
    qin_close(in);
    return log;
}

static void test_special_files_in_a_directory(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("tree"), 0700), 0);
    put("tree/a.txt", "alpha", 5);
    assert_int_equal(mkfifo(at("tree/b.fifo"), 0600), 0);
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un sa = {.sun_family = AF_UNIX};
    snprintf(sa.sun_path, sizeof sa.sun_path, "%s", at("tree/c.sock"));
    assert_int_equal(bind(s, (struct sockaddr *)&sa, sizeof sa), 0);
    put("tree/d.txt", "delta", 5);
    const char *paths[] = {at("tree")};
    size_t n_diags;
    char *log = read_all(paths, 1, NULL, &n_diags);
    assert_string_equal(log, "tree/a.txt|-|alpha|\n"
                             "tree/b.fifo|UNSUPPORTED|a FIFO, skipped inside a directory (name it as an input to read it)|\n"
                             "tree/c.sock|UNSUPPORTED|a socket, skipped inside a directory (name it as an input to read it)|\n"
                             "tree/d.txt|-|delta|\n");
    close(s);

    /* named, a FIFO is read (a writer feeds it) */
    pid_t pid = fork();
    if (pid == 0) {
        FILE *f = fopen(at("tree/b.fifo"), "w");
        fputs("through the pipe", f);
        fclose(f);
        _exit(0);
    }
    const char *fifo[] = {at("tree/b.fifo")};
    log = read_all(fifo, 1, NULL, &n_diags);
    waitpid(pid, NULL, 0);
    assert_string_equal(log, "tree/b.fifo|-|through the pipe|\n");
}

static void test_error_codes_and_size_limit(void **state)
{
    (void)state;
    char big[3000];
    memset(big, 'b', sizeof big);
    put("big.txt", big, sizeof big);
    put("fits.txt", big, 1024);
    put("bad.txt", "caf\xe9", 4);
    const char *paths[] = {at("missing.txt"), at("big.txt"), "/dev/zero", at("fits.txt"), at("bad.txt")};
    qin_options opts = {.max_doc_bytes = 1024};
    size_t n_diags;
    char *log = read_all(paths, 5, &opts, &n_diags);
    char expect[4096];
    snprintf(expect, sizeof expect,
             "missing.txt|IO|cannot open: No such file or directory|\n"
             "big.txt|LIMIT|file is 2.9 KiB, more than max_doc_size (1 KiB); not read|\n"
             "/dev/zero|LIMIT|more than max_doc_size (1 KiB); read no further|\n"
             "fits.txt|-|%.1024s|\n"
             "bad.txt|INVALID|invalid UTF-8 at byte 3|\n",
             big);
    assert_string_equal(log, expect);
}

static void test_output_file_never_read(void **state)
{
    (void)state;
    assert_int_equal(mkdir(at("out"), 0700), 0);
    put("out/a.txt", "one", 3);
    put("out/records.jsonl", "{\"id\": \"x\", \"text\": \"y\"}\n", 25);
    struct stat st;
    assert_int_equal(stat(at("out/records.jsonl"), &st), 0);
    qin_options opts = {.skip_output = 1, .output_dev = st.st_dev, .output_ino = st.st_ino};
    const char *paths[] = {at("out")};
    size_t n_diags;
    char *log = read_all(paths, 1, &opts, &n_diags);
    assert_string_equal(log, "out/a.txt|-|one|\n");
    assert_int_equal(n_diags, 1); /* "skipped: it is the output file (-o)" */
}

static void test_jsonl_corners(void **state)
{
    (void)state;
    static const char lines[] = "\xEF\xBB\xBF{\"id\": \"first\", \"text\": \"after a BOM\"}\n"
                                "{\"id\": \"a\\u0000b\", \"text\": \"nul in the id\"}\n"
                                "{\"id\": \"first\", \"text\": \"same id again\"}\n"
                                "{\"id\": 123456789012345678901234567890, \"text\": \"huge id\", \"x\": -1e400}\n"
                                "{\"id\": \"long\", \"text\": \"0123456789abcdefghij\"}\n"
                                "{\"id\": \"ok\", \"text\": \"short\"}\n";
    put("c.jsonl", lines, sizeof lines - 1);
    const char *paths[] = {at("c.jsonl")};
    qin_options opts = {.max_doc_bytes = 16};
    size_t n_diags;
    char *log = read_all(paths, 1, &opts, &n_diags);
    assert_string_equal(log, "first|-|after a BOM|\n"
                             "c.jsonl:2|INVALID|the \"id\" field holds a NUL character (\\u0000)|\n"
                             "first|-|same id again|duplicate id: an earlier document has the id 'first'\n"
                             "123456789012345678901234567890|-|huge id|\n"
                             "long|LIMIT|\"text\" is 20 bytes, more than max_doc_size (16 bytes)|\n"
                             "ok|-|short|\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_special_files_in_a_directory),
        cmocka_unit_test(test_error_codes_and_size_limit),
        cmocka_unit_test(test_output_file_never_read),
        cmocka_unit_test(test_jsonl_corners),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
