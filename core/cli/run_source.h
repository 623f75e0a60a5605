/* run_source.h -- what `quarry run` hands the runner: the input reader
 * behind --shard (other shares' documents skipped), the format converter
 * (each text remembered before its document goes on) and the progress
 * line. Kept apart from cmd_run.c, which parses options. */
#ifndef QUARRY_RUN_SOURCE_H
#define QUARRY_RUN_SOURCE_H

#include "input.h"
#include "output_convert.h"
#include "pipeline.h"
#include "progress.h"
#include "shard.h"

typedef struct run_source {
    qin *in;
    qshard shard;
    qconvert *conv;       /* NULL for JSON Lines */
    qprogress *progress;  /* NULL when silent */
    unsigned long long docs;
} run_source;

/* A qrun_source.next over a run_source (ctx): qin_next, less the documents
 * of other shards, each remembered by the converter when there is one. */
int run_source_next(void *ctx, qin_doc *doc, qdiag *diags);

/* The entity types the pipeline's plugins declare, in pipeline order,
 * each once: a malloc'd array of the descriptors' strings; NULL when out
 * of memory. */
const char **run_declared_types(const qpipeline *p, size_t *n);

#endif
