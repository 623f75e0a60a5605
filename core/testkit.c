/* testkit.c -- one plugin, one text, no pipeline (see quarry/testkit.h).
 * Uses the very segmenter, host table and sink of a real run, so what a
 * plugin test sees is what `quarry run` would record. */
#include "quarry/testkit.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "host.h"
#include "plugin_options.h"
#include "record.h"
#include "segment.h"

struct qry_testkit {
    qhost host;
    void *instance;
    int created;
    qseg seg;
    qrecord rec;
    qry_test_entity *view; /* parallel to rec.ents after sorting */
    size_t n_view;
    char last_error[512];
    char attr_buf[64];
};

qry_testkit *qry_testkit_new(const qry_plugin_descriptor *d, const char *const *options, char *err,
                             size_t errsz)
{
    char scratch[2];
    if (!err) {
        err = scratch;
        errsz = sizeof scratch;
    }
    err[0] = '\0';
    size_t n = 0;
    while (options && options[2 * n])
        n++;
    const char **keys = calloc(n + 1, sizeof *keys), **values = calloc(n + 1, sizeof *values);
    qry_testkit *tk = calloc(1, sizeof *tk);
    if (!keys || !values || !tk) {
        snprintf(err, errsz, "out of memory");
        goto fail;
    }
    if (d->abi_major != QRY_ABI_MAJOR) {
        snprintf(err, errsz, "plugin ABI %u.%u, ours %d.%d", d->abi_major, d->abi_minor, QRY_ABI_MAJOR,
                 QRY_ABI_MINOR);
        goto fail;
    }
    for (size_t k = 0; k < n; k++) {
        keys[k] = options[2 * k];
        values[k] = options[2 * k + 1] ? options[2 * k + 1] : "";
        qdiag problems = {0};
        int bad = qopt_check(d, keys[k], values[k], NULL, 0, d->name, &problems);
        if (bad && problems.n)
            qdiag_format(&problems.items[0], err, errsz);
        else if (bad)
            snprintf(err, errsz, "out of memory");
        qdiag_free(&problems);
        if (bad)
            goto fail;
    }
    if (qhost_init(&tk->host, d, d->name, NULL, keys, values, n) != QRY_OK) {
        snprintf(err, errsz, "out of memory");
        goto fail;
    }
    int rc = d->create(&tk->host.api, &tk->instance);
    if (rc != QRY_OK) {
        snprintf(err, errsz, "%s: create failed (%s): %s", d->name, qry_status_name(rc),
                 tk->host.create_error[0] ? tk->host.create_error : "no reason given");
        qhost_fini(&tk->host);
        goto fail;
    }
    tk->created = 1;
    free(keys);
    free(values);
    return tk;
fail:
    free(keys);
    free(values);
    free(tk);
    return NULL;
}

static int by_start_then_longer(const void *a, const void *b)
{
    const qentity *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end > y->end ? -1 : 1;
    return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int qry_testkit_run(qry_testkit *tk, const char *text)
{
    size_t len = strlen(text);
    tk->last_error[0] = '\0';
    tk->n_view = 0;
    int rc = qrec_begin(&tk->rec, "testkit", text, len);
    if (rc == QRY_OK)
        rc = qseg_run(&tk->seg, text, len);
    if (rc != QRY_OK) {
        snprintf(tk->last_error, sizeof tk->last_error, "core: %s", qry_status_name(rc));
        return rc;
    }
    qry_doc_view view;
    qseg_view(&tk->seg, "testkit", 0, &view);
    qry_sink sink;
    qsink_init(&sink, &tk->rec, tk->host.name, 0, tk->host.desc);
    rc = tk->host.desc->process(tk->instance, &view, &sink);
    if (rc != QRY_OK)
        snprintf(tk->last_error, sizeof tk->last_error, "%s", sink.error[0] ? sink.error : qry_status_name(rc));
    else if (sink.invalid_emits)
        snprintf(tk->last_error, sizeof tk->last_error, "%d refused emit(s), first: %s", sink.invalid_emits,
                 sink.first_invalid);
    if (tk->rec.n_ents > 1)
        qsort(tk->rec.ents, tk->rec.n_ents, sizeof *tk->rec.ents, by_start_then_longer);
    free(tk->view);
    tk->view = calloc(tk->rec.n_ents ? tk->rec.n_ents : 1, sizeof *tk->view);
    if (!tk->view)
        return QRY_ERR_NOMEM;
    for (size_t k = 0; k < tk->rec.n_ents; k++) {
        const qentity *e = &tk->rec.ents[k];
        char *surface = qarena_strndup(&tk->rec.arena, text + e->start, e->end - e->start);
        if (!surface)
            return QRY_ERR_NOMEM;
        tk->view[k] = (qry_test_entity){e->type, e->start, e->end, surface};
    }
    tk->n_view = tk->rec.n_ents;
    return rc;
}

const char *qry_testkit_last_error(const qry_testkit *tk) { return tk->last_error; }

size_t qry_testkit_count(const qry_testkit *tk) { return tk->n_view; }

const qry_test_entity *qry_testkit_entity(const qry_testkit *tk, size_t i)
{
    return i < tk->n_view ? &tk->view[i] : NULL;
}

const qry_test_entity *qry_testkit_find(const qry_testkit *tk, const char *type, const char *text)
{
    for (size_t k = 0; k < tk->n_view; k++)
        if ((!type || strcmp(tk->view[k].type, type) == 0) && strcmp(tk->view[k].text, text) == 0)
            return &tk->view[k];
    return NULL;
}

size_t qry_testkit_index(const qry_testkit *tk, const qry_test_entity *e) { return (size_t)(e - tk->view); }

const char *qry_testkit_attr(const qry_testkit *tk, size_t i, const char *key)
{
    if (i >= tk->n_view)
        return NULL;
    const qattr *a = qentity_attr(&tk->rec.ents[i], key);
    if (!a)
        return NULL;
    char *buf = ((qry_testkit *)tk)->attr_buf;
    switch (a->type) {
    case QATTR_STRING: return a->v.str.s;
    case QATTR_INT: snprintf(buf, sizeof tk->attr_buf, "%" PRId64, a->v.i); return buf;
    case QATTR_DOUBLE: snprintf(buf, sizeof tk->attr_buf, "%.15g", a->v.d); return buf;
    default: return a->v.b ? "true" : "false";
    }
}

const char *qry_testkit_attr_of(const qry_testkit *tk, const char *type, const char *text, const char *key)
{
    const qry_test_entity *e = qry_testkit_find(tk, type, text);
    return e ? qry_testkit_attr(tk, qry_testkit_index(tk, e), key) : NULL;
}

void qry_testkit_free(qry_testkit *tk)
{
    if (!tk)
        return;
    if (tk->created && tk->host.desc->destroy)
        tk->host.desc->destroy(tk->instance);
    qhost_fini(&tk->host);
    qseg_free(&tk->seg);
    qrec_free(&tk->rec);
    free(tk->view);
    free(tk);
}
