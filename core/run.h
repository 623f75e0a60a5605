/* run.h -- the batch driver: read documents, process them on N workers,
 * write records in input order. Internal to the core. */
#ifndef QUARRY_RUN_H
#define QUARRY_RUN_H

#include <stdio.h>

#include "diag.h"
#include "input.h"
#include "pipeline.h"

typedef struct qrun_options {
    size_t n_workers;       /* >= 1 */
    size_t window;          /* documents in flight at most; 0: 4 per worker + 4 */
    int strict;             /* stop at the first document with an error */
    FILE *out;              /* where records go */
    const char *out_name;   /* for messages */
} qrun_options;

/* Where documents come from: next() fills *doc like qin_next() and returns
 * 1 with a document, 0 at the end, -1 on a failure that stops the run
 * (with a problem added to diags). Called from the thread running qrun,
 * one document at a time. */
typedef struct qrun_source {
    int (*next)(void *ctx, qin_doc *doc, qdiag *diags);
    void *ctx;
} qrun_source;

typedef struct qrun_stats {
    unsigned long long documents;      /* records written */
    unsigned long long failed_docs;    /* records carrying at least one error */
    unsigned long long entities;
} qrun_stats;

/* Exit statuses of `quarry run`, documented in docs/cli.md. */
enum {
    QRUN_OK = 0,          /* every document processed without error */
    QRUN_DOC_ERRORS = 1,  /* done, but some records carry errors */
    QRUN_USAGE = 2,       /* bad command line or pipeline; nothing was read */
    QRUN_FATAL = 3        /* stopped: output could not be written, out of memory, or --strict */
};

/* Run the started pipeline over every document of `src`, writing records
 * in input order. Returns one of the QRUN_* codes; fatal problems are
 * added to diags. */
int qrun(qpipeline *p, const qrun_source *src, const qrun_options *opts, qrun_stats *stats, qdiag *diags);

#endif
