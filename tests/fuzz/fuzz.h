/* fuzz.h -- what every fuzz target defines, and what they share. Each
 * target is one source file with LLVMFuzzerTestOneInput (and, when it
 * needs setup, LLVMFuzzerInitialize). It is linked twice: with libFuzzer
 * (clang -fsanitize=fuzzer, tests/fuzz/run.sh) for long runs, and with
 * smoke_main.c for the bounded run ctest does on every build. A finding
 * is a crash, a sanitizer report, or an abort() from a broken invariant. */
#ifndef QUARRY_FUZZ_H
#define QUARRY_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* abort() with a message naming the broken invariant. */
#define FUZZ_CHECK(cond)                                                                          \
    do {                                                                                          \
        if (!(cond))                                                                              \
            fuzz_fail(__FILE__, __LINE__, #cond);                                                 \
    } while (0)

void fuzz_fail(const char *file, int line, const char *what) __attribute__((noreturn));

/* The bytes as a file a path can name: a memory file, "/proc/self/fd/N".
 * Returns the descriptor to close afterwards, or -1. */
int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t pathsz);

/* A copy of the bytes that is valid text, NUL-terminated: each byte of
 * an invalid UTF-8 sequence becomes '?', each NUL a space. So every input
 * reaches the code behind the readers' checks. Free it. */
char *fuzz_text(const uint8_t *data, size_t size);

/* The data directory and test plugin directory of this build, exported as
 * QUARRY_DATA_PATH etc. before the first input (from compile definitions). */
void fuzz_environment(void);

#endif
