/* isolate.h -- `quarry run --isolate`: plugins run in worker processes,
 * one per worker thread, so that a plugin that crashes, aborts, calls
 * exit(), hangs past its time budget or writes to stdout costs one
 * document, not the run.
 *
 * The parent keeps reading, ordering and writing; each worker thread
 * hands its documents to its process over a socket and gets the finished
 * record lines back. When the process dies, the thread writes a record
 * for that document with an error naming the plugin that was running (the
 * process shows it in memory both share) and how it died, and starts a
 * new process for the next document. A process whose plugin runs past
 * plugin_timeout is killed the same way. Internal to the core. */
#ifndef QUARRY_ISOLATE_H
#define QUARRY_ISOLATE_H

#include <stddef.h>

#include "buf.h"
#include "diag.h"
#include "input.h"
#include "pipeline.h"
#include "record.h"

typedef struct qiso_pool qiso_pool;

/* Start n worker processes for the started pipeline p (its instances are
 * inherited, so create() ran once, in the parent). Call before any other
 * thread exists. `keep_from_workers` (n_keep of them) are file
 * descriptors the workers close (the output). NULL with a problem in d. */
qiso_pool *qiso_start(qpipeline *p, size_t n, const int *keep_from_workers, size_t n_keep, qdiag *d);

typedef struct qiso_result {
    size_t n_entities, n_errors; /* in the record line */
    int faulted;                 /* the record reports a dead or killed worker */
} qiso_result;

/* Run documents docs[0..n) through worker `index`'s process, in one
 * exchange (a batch saves the two context switches per document that
 * dominate the cost of isolation), and put each record line into
 * lines[k], its counts into res[k]. When the process dies or is killed,
 * the document it was on gets a record with the error (built with
 * `scratch`), the process is replaced, and the documents it had not
 * answered go to the new one. Returns QRY_OK, or QRY_ERR_NOMEM when a
 * line could not be made. One thread per index at a time. */
int qiso_process(qiso_pool *pool, size_t index, const qin_doc *const *docs, size_t n, qbuf *const *lines,
                 qrecord *scratch, qiso_result *res);

/* End every worker process (closing their sockets, then waiting) and free. */
void qiso_stop(qiso_pool *pool);

#endif
