/* pipeline.h -- a validated pipeline: the plugins an INI file names (as
 * stages, stage.h), their options, the overlap policy. Built and started by
 * pipeline_build.c, run one document at a time by pipeline_run.c.
 * Internal to the core. */
#ifndef QUARRY_PIPELINE_H
#define QUARRY_PIPELINE_H

#include <stddef.h>

#include "diag.h"
#include "input.h"
#include "doc_limits.h"
#include "record.h"
#include "segment.h"
#include "stage.h"

typedef struct qpipeline {
    char *source;      /* owned: INI path, or "<default>" */
    char *dir;         /* owned: base for relative paths; NULL for the embedded default */
    qstage *stages;    /* in pipeline order */
    size_t n_stages;
    int policy, scope; /* enum qmerge_policy / qmerge_scope */
    qlimits limits;    /* [pipeline] max_doc_size, plugin_timeout (or their defaults) */
    size_t n_workers;
} qpipeline;

/* The default pipeline's INI text, compiled in from conf/default.ini. */
extern const char quarry_default_ini[];

/* Parse and validate `ini_path` (NULL: the embedded default) and load every
 * plugin it names, without creating instances. Every problem found goes to
 * diags with its file, line, section and key, in line order; returns 0 and
 * sets *out only when there were none. */
int qpipe_load(const char *ini_path, qpipeline **out, qdiag *diags);

/* What `quarry check` runs: qpipe_load, then create() once for every
 * stage whose own section and files were sound, even when others were
 * not, so every problem -- INI keys, option values a plugin rejects, bad
 * data files -- is reported in one pass, in line order. Warnings (stage
 * order) are added too but do not fail it. 0 and *out set when nothing was
 * wrong (the pipeline is then started with one worker), else -1. */
int qpipe_check(const char *ini_path, qpipeline **out, qdiag *diags);

/* Create instances for n_workers workers (create() runs here, on the
 * calling thread). A failing create() is reported as "PLUGIN: create
 * failed (CODE): message" after what it reported through the diag
 * service; every stage is tried, so all failures are reported at once,
 * and the pipeline cannot run. 0 or -1. */
int qpipe_start(qpipeline *p, size_t n_workers, qdiag *diags);

/* Run every plugin over one document on worker `worker` (0-based), with
 * that worker's segmenter state, into rec. A document carrying an input
 * error gets a record with that error and no entities. Plugin failures are
 * recorded in rec. Returns QRY_OK, or QRY_ERR_NOMEM when the record itself
 * could not be built. */
int qpipe_process(qpipeline *p, size_t worker, const qin_doc *doc, qseg *seg, qrecord *rec);

/* Destroy instances (on the calling thread), close plugins, free. */
void qpipe_free(qpipeline *p);

#endif
