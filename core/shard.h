/* shard.h -- `--shard I/N`: a deterministic share of the input, so that N
 * machines given the same inputs each process one share and their outputs
 * together hold every record exactly once. Internal to the core. */
#ifndef QUARRY_SHARD_H
#define QUARRY_SHARD_H

#include <stdint.h>

typedef struct qshard {
    uint64_t index; /* 0-based */
    uint64_t count; /* 1: no sharding */
} qshard;

/* Parse "I/N" (1 <= I <= N <= 1,000,000; I counts from 1, like split -n
 * l/K/N and Slurm's --array=1-N). 0, or -1 when malformed. */
int qshard_parse(const char *s, qshard *out);

/* Whether the document at 0-based position `ordinal` of the input (every
 * document the reader produces, unreadable ones included) is this shard's:
 * documents are dealt round-robin, so shares differ by one at most. */
int qshard_mine(const qshard *s, uint64_t ordinal);

#endif
