/* fuzz_pipeline.c -- arbitrary bytes through the whole default pipeline
 * (segmenter, every shipped plugin, merge, JSON writer) via the embedding
 * API. Two builds from one file:
 *  - with clang -fsanitize=fuzzer: a libFuzzer target (tests/fuzz/run.sh);
 *  - without: a bounded smoke run for ctest, mutating a few seed texts
 *    for QUARRY_FUZZ_ITERATIONS rounds (default 3000) under ASan/UBSan.
 * Either way a crash, sanitizer report, or a record that is not one valid
 * JSON line is a failure. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quarry/quarry.h"

static qry_pipeline *pipeline;

static void open_pipeline(void)
{
    char err[4096];
    const char *ini = getenv("QUARRY_FUZZ_INI"); /* NULL: the default pipeline */
    pipeline = qry_pipeline_open(ini, 1, err, sizeof err);
    if (!pipeline) {
        fprintf(stderr, "fuzz: cannot open pipeline:\n%s\n", err);
        abort();
    }
}

static void one_input(const uint8_t *data, size_t size)
{
    char *json = NULL;
    size_t len = 0;
    int rc = qry_pipeline_extract(pipeline, 0, "fuzz", (const char *)data, size, &json, &len);
    if (rc != QRY_OK)
        abort();
    /* one line, ending in a newline, starting as a record does */
    if (len < 2 || json[len - 1] != '\n' || memchr(json, '\n', len - 1) || strncmp(json, "{\"id\": \"fuzz\"", 13) != 0)
        abort();
    free(json);
}

#ifdef QUARRY_LIBFUZZER
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (!pipeline)
        open_pipeline();
    one_input(data, size);
    return 0;
}
#else
static const char *const seeds[] = {
    "“We need more,” she said. “Now.” He added: \"Soon\".",
    "The $1-2 billion deal, about €300m ($320 million), 15-20 usd, 4 cents or 4$.",
    "Kyiv, Kharkiv and Long Beach, CA. Russia’s Black Sea Fleet near Crimea.",
    "Patriot and IRIS-T SLM systems, 155 mm shells, Su-25 jets, Leopard 2A6 tanks.",
    "‘Unbalanced “quote marks ” ” “ ‘ ’ 12\" pipe, and a stray ' apostrophe",
    "",
};

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint32_t next_random(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)rng;
}

int main(void)
{
    const char *it = getenv("QUARRY_FUZZ_ITERATIONS");
    long rounds = it ? atol(it) : 3000;
    open_pipeline();
    uint8_t buf[4096];
    size_t n_seeds = sizeof seeds / sizeof *seeds;
    for (long r = 0; r < rounds; r++) {
        /* splice two seeds, then flip, insert or delete a few bytes */
        const char *a = seeds[next_random() % n_seeds], *b = seeds[next_random() % n_seeds];
        size_t la = strlen(a), lb = strlen(b), len = 0;
        size_t cut = la ? next_random() % (la + 1) : 0;
        memcpy(buf, a, cut);
        len = cut;
        size_t from = lb ? next_random() % (lb + 1) : 0;
        memcpy(buf + len, b + from, lb - from);
        len += lb - from;
        for (int m = (int)(next_random() % 6); m > 0 && len > 0; m--) {
            size_t at = next_random() % len;
            switch (next_random() % 3) {
            case 0: buf[at] = (uint8_t)next_random(); break;
            case 1: if (len < sizeof buf) { memmove(buf + at + 1, buf + at, len - at); buf[at] = (uint8_t)"\"“”‘’$€.,- \n"[next_random() % 12]; len++; } break;
            default: memmove(buf + at, buf + at + 1, len - at - 1); len--; break;
            }
        }
        one_input(buf, len);
    }
    qry_pipeline_close(pipeline);
    printf("fuzz smoke: %ld inputs, no failure\n", rounds);
    return 0;
}
#endif
