/* embed.c -- the public embedding API (quarry/quarry.h) over the same
 * pipeline, segmenter and writer the CLI uses. */
#include "quarry/quarry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "output.h"
#include "pipeline.h"
#include "text_check.h"

typedef struct worker_state {
    qseg seg;
    qrecord rec;
    qbuf line;
} worker_state;

struct qry_pipeline {
    qpipeline *p;
    worker_state *workers;
    unsigned n_workers;
};

const char *qry_version(void) { return QUARRY_VERSION; }

/* Every problem, one per line as `quarry check` prints them, cut to fit. */
static void diags_to_text(const qdiag *d, char *err, size_t errsz)
{
    size_t used = 0;
    if (!err || errsz == 0)
        return;
    err[0] = '\0';
    for (size_t k = 0; k < d->n && used + 1 < errsz; k++) {
        if (k)
            err[used++] = '\n';
        size_t len = qdiag_format(&d->items[k], err + used, errsz - used);
        used += len < errsz - used ? len : errsz - used - 1;
    }
}

qry_pipeline *qry_pipeline_open(const char *ini_path, unsigned n_workers, char *err, size_t errsz)
{
    qdiag d = {0};
    qry_pipeline *qp = calloc(1, sizeof *qp);
    if (n_workers == 0)
        n_workers = 1;
    if (!qp || !(qp->workers = calloc(n_workers, sizeof *qp->workers))) {
        qdiag_add(&d, "out of memory");
        goto fail;
    }
    qp->n_workers = n_workers;
    if (qpipe_load(ini_path, &qp->p, &d) != 0 || qpipe_start(qp->p, n_workers, &d) != 0)
        goto fail;
    qdiag_free(&d);
    return qp;
fail:
    diags_to_text(&d, err, errsz);
    qdiag_free(&d);
    qry_pipeline_close(qp);
    return NULL;
}

int qry_pipeline_extract(qry_pipeline *qp, unsigned worker, const char *id, const char *text, size_t len,
                         char **json, size_t *json_len)
{
    if (!qp || worker >= qp->n_workers || !id || (!text && len) || !json)
        return QRY_ERR_INVALID;
    *json = NULL;
    worker_state *w = &qp->workers[worker];
    qin_doc doc = {.id = (char *)id};
    char why[96];
    if (qtext_check(text, len, why, sizeof why) != 0) {
        doc.error = why;
    } else {
        /* read in place: the segmenter hands plugins its own NUL-terminated,
         * padded copy, and the record only reads text[0..len) */
        doc.text = (char *)(text ? text : "");
        doc.len = len;
    }
    int rc = qpipe_process(qp->p, worker, &doc, &w->seg, &w->rec);
    if (rc == QRY_OK) {
        w->line.len = 0;
        w->line.oom = 0;
        qout_jsonl(&w->line, &w->rec);
        rc = w->line.oom ? QRY_ERR_NOMEM : QRY_OK;
    }
    if (rc != QRY_OK)
        return rc;
    *json = malloc(w->line.len + 1);
    if (!*json)
        return QRY_ERR_NOMEM;
    memcpy(*json, w->line.data, w->line.len + 1);
    if (json_len)
        *json_len = w->line.len;
    return QRY_OK;
}

void qry_pipeline_close(qry_pipeline *qp)
{
    if (!qp)
        return;
    for (unsigned k = 0; qp->workers && k < qp->n_workers; k++) {
        qseg_free(&qp->workers[k].seg);
        qrec_free(&qp->workers[k].rec);
        qbuf_free(&qp->workers[k].line);
    }
    free(qp->workers);
    qpipe_free(qp->p);
    free(qp);
}
