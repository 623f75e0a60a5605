/* stage.h -- one plugin in a pipeline: its INI section checked and bound,
 * its data files checked, its instances created, and its process() called
 * on one document. A pipeline is a list of stages (pipeline.h); everything
 * the core does per plugin happens here. Internal to the core. */
#ifndef QUARRY_STAGE_H
#define QUARRY_STAGE_H

#include <pthread.h>
#include <stddef.h>

#include "config.h"
#include "diag.h"
#include "host.h"
#include "loader.h"
#include "record.h"

/* The key of a stage's section that names the plugin an instance runs
 * ([org_names] plugin = rules); reserved: no plugin option may use it. */
#define QSTAGE_PLUGIN_KEY "plugin"

typedef struct qstage {
    char *name;            /* owned: the stage's name -- the plugin's, or the instance's -- also its INI section */
    qplugin_lib lib;
    char **keys, **values; /* owned: the section's checked keys; NULL until bound */
    int *lines;            /* line of each key, for messages */
    size_t n_opts;
    qhost *hosts;          /* owned: one per instance */
    void **instances;      /* one per worker (PER_WORKER) or one */
    size_t n_instances;    /* how many create() calls succeeded */
    pthread_mutex_t lock;  /* serialises process() for QRY_THREAD_SERIAL */
    int lock_ready;
    int broken;            /* a data file it names is missing: `check` does not create it */
} qstage;

/* Check every key of the plugin's INI section (NULL when the file has
 * none: the defaults apply) against the options the plugin declares, and
 * keep the valid ones. Problems go to d at file:LINE [name]. Returns the
 * number of problems. */
int qstage_bind(qstage *st, const char *file, const qcfg_section *sec, qdiag *d);

/* Every PATH option (set, or by default) must name a readable data file,
 * found as resolve_path() would from base_dir: say so now, not on document
 * one. Returns the number of problems. */
int qstage_check_paths(const qstage *st, const char *file, const char *base_dir, qdiag *d);

/* Create the instances n_workers workers need -- one each for a
 * PER_WORKER plugin, else one -- on the calling thread. 0, or -1 with the
 * failure added to d under `file` (the pipeline's source). */
int qstage_start(qstage *st, size_t n_workers, const char *file, const char *base_dir, qdiag *d);

/* Run the plugin over one document on worker `worker`, as its threading
 * class allows, its entities going into rec with `priority` (its place in
 * the pipeline). A failed call or a refused emit becomes an error in the
 * record. *plugin_rc (when not NULL) gets what process() returned. Returns
 * QRY_OK, or QRY_ERR_NOMEM when the record could not take an error. */
int qstage_process(qstage *st, size_t worker, int priority, const qry_doc_view *view, qrecord *rec, int *plugin_rc);

/* Destroy the instances (on the calling thread), close the plugin, free;
 * safe on a stage at any point of its setup. */
void qstage_fini(qstage *st);

#endif
