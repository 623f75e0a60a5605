/* pipeline_run.c -- one document through the pipeline: segmented once,
 * handed to every stage in order, the entities merged by the pipeline's
 * overlap policy into one record. */
#include "pipeline.h"

#include "merge.h"

int qpipe_process(qpipeline *p, size_t worker, const qin_doc *doc, qseg *seg, qrecord *rec)
{
    int oom = 0;
    const char *text = doc->text ? doc->text : "";
    if (qrec_begin(rec, doc->id ? doc->id : "", text, doc->text ? doc->len : 0) != QRY_OK)
        return QRY_ERR_NOMEM;
    if (doc->error) /* unreadable input: the record says why, and nothing runs */
        return qrec_add_error(rec, NULL, QRY_ERR_INVALID, doc->error) == QRY_OK ? QRY_OK : QRY_ERR_NOMEM;
    int rc = qseg_run(seg, doc->text, doc->len);
    if (rc != QRY_OK) {
        oom = qrec_add_error(rec, NULL, rc, "document could not be segmented") != QRY_OK;
        return oom || rc == QRY_ERR_NOMEM ? QRY_ERR_NOMEM : QRY_OK;
    }
    qry_doc_view view;
    qseg_view(seg, rec->id, doc->ordinal, &view);
    for (size_t k = 0; k < p->n_stages; k++)
        oom |= qstage_process(&p->stages[k], worker, (int)k, &view, rec, NULL) != QRY_OK;
    if (qmerge(rec, p->policy, p->scope) != QRY_OK)
        oom = 1;
    return oom ? QRY_ERR_NOMEM : QRY_OK;
}
