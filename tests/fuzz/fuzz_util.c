/* fuzz_util.c -- see fuzz.h. */
#define _GNU_SOURCE /* memfd_create */
#include "fuzz.h"

#include "text_check.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

void fuzz_fail(const char *file, int line, const char *what)
{
    fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
    abort();
}

int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t pathsz)
{
    int fd = memfd_create("quarry-fuzz", MFD_CLOEXEC);
    if (fd < 0)
        return -1;
    for (size_t done = 0; done < size;) {
        ssize_t n = write(fd, data + done, size - done);
        if (n <= 0) {
            close(fd);
            return -1;
        }
        done += (size_t)n;
    }
    if (lseek(fd, 0, SEEK_SET) != 0) {
        close(fd);
        return -1;
    }
    snprintf(path, pathsz, "/proc/self/fd/%d", fd);
    return fd;
}

void fuzz_environment(void)
{
    setenv("QUARRY_DATA_PATH", QUARRY_FUZZ_DATA_DIR, 0);
    setenv("XDG_CACHE_HOME", QUARRY_FUZZ_CACHE_DIR, 0);
}

char *fuzz_text(const uint8_t *data, size_t size)
{
    char *t = malloc(size + 1);
    if (!t)
        abort();
    memcpy(t, data, size);
    t[size] = '\0';
    for (size_t i = 0; i < size;) {
        size_t ok = qtext_utf8_prefix(t + i, size - i);
        i += ok;
        if (i < size)
            t[i++] = '?';
    }
    for (size_t i = 0; i < size; i++)
        if (t[i] == '\0')
            t[i] = ' ';
    return t;
}
