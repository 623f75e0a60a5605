/* pipeline_run.c -- one document through the pipeline: segmented once,
 * handed to every stage in order, the entities merged by the pipeline's
 * overlap policy into one record.
 *
 * Around each plugin call the worker's activity (activity.h) says which
 * plugin runs on which document since when, so a crash, a hang or a kill
 * can be blamed on the right plugin. A plugin that returns after its time
 * budget is treated as if it had been stopped: what it emitted for this
 * document is dropped and the record says why, so a document's record
 * does not depend on whether a watchdog was fast enough to kill it. */
#include "pipeline.h"

#include <stdarg.h>
#include <stdio.h>

#include "activity.h"
#include "log.h"
#include "merge.h"

static void warn(const char *plugin, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(const char *plugin, const char *fmt, ...)
{
    if (!qlog_wanted(QRY_LOG_WARN))
        return;
    va_list ap;
    va_start(ap, fmt);
    qlog_vwrite(QRY_LOG_WARN, plugin, fmt, ap);
    va_end(ap);
}

/* The stage ran past its budget: forget what it added, say why. */
static int drop_overdue(qrecord *rec, const char *plugin, size_t n_ents, size_t n_errors, long long took_ns,
                        long budget_ms)
{
    char took[32], budget[32], msg[160];
    rec->n_ents = n_ents;
    rec->n_errors = n_errors;
    qlimit_format_duration((long)(took_ns / 1000000), took, sizeof took);
    qlimit_format_duration(budget_ms, budget, sizeof budget);
    snprintf(msg, sizeof msg, "took %s, more than plugin_timeout (%s); its results for this document are dropped",
             took, budget);
    warn(plugin, "document '%s': %s", rec->id, msg);
    return qrec_add_error(rec, plugin, QRY_ERR_LIMIT, msg);
}

/* The stage reports refused emits itself (with the first refused call of
 * either kind); refused attributes alone would otherwise pass unnoted. */
static int note_refused_attrs(qrecord *rec, const char *plugin)
{
    if (!rec->refused.attrs || rec->refused.emits)
        return QRY_OK;
    char msg[300];
    snprintf(msg, sizeof msg, "%d attribute%s refused; first: %s", rec->refused.attrs,
             rec->refused.attrs == 1 ? "" : "s", rec->refused.first_attr);
    rec->refused.attrs = 0;
    return qrec_add_error(rec, plugin, QRY_ERR_INVALID, msg);
}

static int too_large(qrecord *rec, size_t len, size_t limit)
{
    char size[32], max[32], msg[160];
    qlimit_format_size(len, size, sizeof size);
    qlimit_format_size(limit, max, sizeof max);
    snprintf(msg, sizeof msg, "document is %s, more than max_doc_size (%s); not processed", size, max);
    return qrec_add_error(rec, NULL, QRY_ERR_LIMIT, msg);
}

int qpipe_process(qpipeline *p, size_t worker, const qin_doc *doc, qseg *seg, qrecord *rec)
{
    int oom = 0;
    const char *text = doc->text ? doc->text : "";
    if (qrec_begin(rec, doc->id ? doc->id : "", text, doc->text ? doc->len : 0) != QRY_OK)
        return QRY_ERR_NOMEM;
    if (doc->error) /* unreadable input: the record says why, and nothing runs */
        return qrec_add_error(rec, NULL, doc->error_code ? doc->error_code : QRY_ERR_INVALID, doc->error) == QRY_OK
                   ? QRY_OK
                   : QRY_ERR_NOMEM;
    if (doc->note && qrec_add_error(rec, NULL, QRY_ERR_INVALID, doc->note) != QRY_OK)
        return QRY_ERR_NOMEM;
    if (p->limits.max_doc_bytes && doc->len > p->limits.max_doc_bytes)
        return too_large(rec, doc->len, p->limits.max_doc_bytes) == QRY_OK ? QRY_OK : QRY_ERR_NOMEM;
    int rc = qseg_run(seg, doc->text, doc->len);
    if (rc != QRY_OK) {
        oom = qrec_add_error(rec, NULL, rc, "document could not be segmented") != QRY_OK;
        return oom || rc == QRY_ERR_NOMEM ? QRY_ERR_NOMEM : QRY_OK;
    }
    qry_doc_view view;
    qseg_view(seg, rec->id, doc->ordinal, &view);
    qactivity *a = qactivity_current();
    long long budget_ns = (long long)p->limits.timeout_ms * 1000000LL;
    if (a) {
        atomic_store(&a->ordinal, doc->ordinal);
        atomic_store(&a->doc_id, rec->id);
    }
    for (size_t k = 0; k < p->n_stages; k++) {
        const char *name = p->stages[k].name;
        size_t n_ents = rec->n_ents, n_errors = rec->n_errors;
        long long t0 = a || budget_ns ? qactivity_now_ns() : 0;
        if (a) {
            atomic_store(&a->plugin, name);
            atomic_store(&a->started_ns, t0);
            atomic_store(&a->stage, (int)k);
        }
        oom |= qstage_process(&p->stages[k], worker, (int)k, &view, rec, NULL) != QRY_OK;
        oom |= note_refused_attrs(rec, name) != QRY_OK;
        if (a) {
            atomic_store(&a->stage, -1);
            atomic_store(&a->plugin, NULL);
        }
        long long took = budget_ns ? qactivity_now_ns() - t0 : 0;
        if (budget_ns && took > budget_ns)
            oom |= drop_overdue(rec, name, n_ents, n_errors, took, p->limits.timeout_ms) != QRY_OK;
        if (a && a->after_plugin)
            a->after_plugin(a, rec, name);
    }
    if (qmerge(rec, p->policy, p->scope) != QRY_OK)
        oom = 1;
    if (a)
        atomic_store(&a->doc_id, NULL);
    return oom ? QRY_ERR_NOMEM : QRY_OK;
}
