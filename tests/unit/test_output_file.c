/* test_output_file.c -- whole lines or nothing. A write the file size
 * limit cuts short (as a full disk does) leaves the file ending with the
 * last whole record, never a torn one; the failure is kept and nothing is
 * written after it. Run in a child process, whose file size limit the
 * test sets. */
#define _XOPEN_SOURCE 700
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "output_file.h"

static char path[] = "/tmp/quarry-out-XXXXXX";

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

static void test_lines_buffered_then_written_whole(void **state)
{
    (void)state;
    int fd = open(path, O_WRONLY | O_TRUNC);
    assert_true(fd >= 0);
    qout_file o;
    qout_file_init(&o, fd, 0);
    char line[300];
    for (int k = 0; k < 1000; k++) {
        int n = snprintf(line, sizeof line, "{\"id\": \"r%d\", \"pad\": \"%0*d\"}\n", k, 100 + k % 150, 0);
        assert_int_equal(qout_file_put(&o, line, (size_t)n), 0);
    }
    char *big = malloc(300000); /* a record larger than the buffer */
    memset(big, 'x', 299999);
    big[299999] = '\n';
    assert_int_equal(qout_file_put(&o, big, 300000), 0);
    assert_int_equal(qout_file_flush(&o), 0);
    assert_int_equal(o.lines, 1001);
    struct stat st;
    assert_int_equal(fstat(fd, &st), 0);
    assert_int_equal(st.st_size, o.committed);
    qout_file_free(&o);
    free(big);
    close(fd);
}

/* In a child, under a 4096-byte file size limit: 200 records of 100 bytes,
 * flushed every `flush_every` records (0: all in one buffered write at the
 * end). Whichever write the limit cuts, the file must end after record 40,
 * the failure be kept (a later put refused), and the counts say 40 lines. */
static void write_200_records_under_limit(int flush_every)
{
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit rl = {4096, 4096};
        setrlimit(RLIMIT_FSIZE, &rl);
        int fd = open(path, O_WRONLY | O_TRUNC);
        qout_file o;
        qout_file_init(&o, fd, 0);
        char line[100];
        memset(line, 'r', 99);
        line[99] = '\n';
        int rc = 0;
        for (int k = 0; k < 200 && rc == 0; k++) {
            rc = qout_file_put(&o, line, sizeof line);
            if (rc == 0 && flush_every && k % flush_every == flush_every - 1)
                rc = qout_file_flush(&o);
        }
        if (rc == 0)
            rc = qout_file_flush(&o);
        int again = qout_file_put(&o, line, sizeof line); /* after a failure: refused */
        _exit(rc == -1 && o.failed == EFBIG && again == -1 && o.lines == 40 && o.committed == 4000 ? 0 : 1);
    }
    int status;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status));
    assert_int_equal(WEXITSTATUS(status), 0);
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_size, 4000); /* whole records only: the piece of record 41 is gone */
}

/* Flushed every ten records, as the writer does before it waits: the write
 * of records 41-50 is cut after 96 bytes. */
static void test_cut_write_leaves_whole_records(void **state)
{
    (void)state;
    write_200_records_under_limit(10);
}

/* Every record in one buffered write (as when the writer is handed many
 * records at once): the records the cut write got out whole stay. */
static void test_cut_batch_keeps_the_whole_records_it_wrote(void **state)
{
    (void)state;
    write_200_records_under_limit(0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_buffered_then_written_whole),
        cmocka_unit_test(test_cut_write_leaves_whole_records),
        cmocka_unit_test(test_cut_batch_keeps_the_whole_records_it_wrote),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
