/* resume.h -- `quarry run --resume`: carry on into the output file of a
 * run that stopped (a signal, a crash, a full disk). The file keeps its
 * whole records and loses a torn last line; the inputs are read again
 * from the start, and the first N documents, one per record kept, are
 * checked against those records (the same input position must carry the
 * same id) and skipped; the rest is processed and appended. Records are
 * written in input order, one per document, so the result is the file an
 * uninterrupted run writes. JSON Lines output only. Internal to the core. */
#ifndef QUARRY_RESUME_H
#define QUARRY_RESUME_H

#include <stdio.h>

#include "diag.h"
#include "line_reader.h"
#include "run.h"

typedef struct qresume {
    const qrun_source *inner; /* the inputs */
    FILE *prev;               /* owned: the kept records, read again for their ids */
    qline_reader lines;
    const char *name;         /* the output's name, for messages */
    long long keep_bytes;     /* the kept records end here */
    long long read_bytes;     /* how far `lines` has consumed */
    unsigned long long kept;  /* records compared and documents skipped so far */
    int done;                 /* past the kept records: documents pass through */
} qresume;

/* Prepare to resume into the output open as `fd` (writable, a regular
 * file) named `name`: cut a torn last line, leave fd positioned at the end
 * of the kept records. 0, or -1 with a problem in d. *torn gets the bytes
 * cut. */
int qresume_open(qresume *rs, int fd, const char *name, const qrun_source *inner, long long *torn, qdiag *d);

/* A qrun_source over the inner one that skips what the output holds. */
int qresume_next(void *rs, qin_doc *doc, qdiag *diags);

/* How many documents were skipped. */
unsigned long long qresume_skipped(const qresume *rs);

void qresume_close(qresume *rs);

#endif
