/* seen_ids.h -- has this document id been seen before in the run? Keeps
 * a 64-bit hash per id, not the id: 8-16 bytes a document, so a run over
 * millions of documents stays small. Two different ids share a hash with
 * odds of about n^2 / 2^65 (1e-8 for a million ids). Internal to the core. */
#ifndef QUARRY_SEEN_IDS_H
#define QUARRY_SEEN_IDS_H

#include <stddef.h>
#include <stdint.h>

typedef struct qseen_ids {
    uint64_t *slots; /* open addressing; 0 marks an empty slot */
    size_t cap, n;
} qseen_ids;

/* Remember id: 1 if it was seen before, 0 if new, -1 when out of memory. */
int qseen_add(qseen_ids *s, const char *id);

void qseen_free(qseen_ids *s);

#endif
