/* output.h -- serialising a record. Internal to the core. */
#ifndef QUARRY_OUTPUT_H
#define QUARRY_OUTPUT_H

#include "buf.h"
#include "record.h"

/* Append the record as one JSON Lines line (with its '\n') to b. The format
 * is documented in docs/record-format.md. Check b->oom afterwards. */
void qout_jsonl(qbuf *b, const qrecord *r);

#endif
