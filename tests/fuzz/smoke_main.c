/* smoke_main.c -- a bounded fuzz run without libFuzzer, for ctest: every
 * file named on the command line (a file or a directory of them: seeds,
 * and the inputs of past findings in tests/fuzz/regressions/) as it is,
 * then QUARRY_FUZZ_ITERATIONS (default 2000) mutations of them: splices,
 * byte flips, insertions of bytes that matter to quarry's parsers, and
 * deletions. Deterministic: the same inputs every run. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

#define MAX_INPUT 16384

typedef struct input {
    uint8_t *data;
    size_t len;
} input;

static input *inputs;
static size_t n_inputs, cap_inputs;

static void add_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return;
    uint8_t *buf = malloc(MAX_INPUT);
    size_t len = buf ? fread(buf, 1, MAX_INPUT, f) : 0;
    fclose(f);
    if (!buf)
        return;
    if (n_inputs == cap_inputs) {
        cap_inputs = cap_inputs ? cap_inputs * 2 : 64;
        inputs = realloc(inputs, cap_inputs * sizeof *inputs);
        if (!inputs)
            abort();
    }
    inputs[n_inputs++] = (input){buf, len};
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void add_path(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return;
    if (!S_ISDIR(st.st_mode)) {
        add_file(path);
        return;
    }
    DIR *d = opendir(path);
    char *names[4096];
    size_t n = 0;
    for (struct dirent *e; d && (e = readdir(d)) && n < 4096;)
        if (e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    if (d)
        closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t k = 0; k < n; k++) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", path, names[k]);
        add_file(full);
        free(names[k]);
    }
}

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

/* bytes quarry's readers and plugins care about */
static const char interesting[] = "\"\\{}[]:,\n\r\t =;#$\xe2\x80\x9c\xe2\x80\x9d\xef\xbb\xbf\x00\xff.-0123456789eE";

int main(int argc, char **argv)
{
    LLVMFuzzerInitialize(&argc, &argv);
    for (int k = 1; k < argc; k++)
        add_path(argv[k]);
    if (!n_inputs)
        add_file("/dev/null");
    for (size_t k = 0; k < n_inputs; k++)
        LLVMFuzzerTestOneInput(inputs[k].data, inputs[k].len);
    const char *it = getenv("QUARRY_FUZZ_ITERATIONS");
    long rounds = it ? atol(it) : 2000;
    static uint8_t buf[MAX_INPUT];
    for (long r = 0; r < rounds; r++) {
        const input *a = &inputs[next_random() % n_inputs], *b = &inputs[next_random() % n_inputs];
        size_t cut = a->len ? next_random() % (a->len + 1) : 0;
        size_t from = b->len ? next_random() % (b->len + 1) : 0;
        size_t len = cut;
        memcpy(buf, a->data, cut);
        size_t tail = b->len - from < MAX_INPUT - len ? b->len - from : MAX_INPUT - len;
        memcpy(buf + len, b->data + from, tail);
        len += tail;
        for (int m = (int)(next_random() % 8); m > 0 && len > 0; m--) {
            size_t at = next_random() % len;
            switch (next_random() % 4) {
            case 0:
                buf[at] = (uint8_t)next_random();
                break;
            case 1:
                if (len < MAX_INPUT) {
                    memmove(buf + at + 1, buf + at, len - at);
                    buf[at] = (uint8_t)interesting[next_random() % (sizeof interesting - 1)];
                    len++;
                }
                break;
            case 2: /* repeat a stretch: long runs find superlinear paths */
                if (len * 2 <= MAX_INPUT) {
                    size_t n = 1 + next_random() % (len - at);
                    memmove(buf + at + n, buf + at, len - at);
                    len += n;
                }
                break;
            default:
                memmove(buf + at, buf + at + 1, len - at - 1);
                len--;
                break;
            }
        }
        LLVMFuzzerTestOneInput(buf, len);
    }
    printf("fuzz smoke %s: %zu inputs as given, %ld mutated, no failure\n", argv[0], n_inputs, rounds);
    for (size_t k = 0; k < n_inputs; k++)
        free(inputs[k].data);
    free(inputs);
    return 0;
}
