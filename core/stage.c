/* stage.c -- see stage.h. */
#include "stage.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "paths.h"
#include "plugin_options.h"

int qstage_bind(qstage *st, const char *file, const qcfg_section *sec, qdiag *d)
{
    int errors = 0;
    size_t n = sec ? sec->n_keys : 0;
    st->keys = calloc(n + 1, sizeof *st->keys);
    st->values = calloc(n + 1, sizeof *st->values);
    st->lines = calloc(n + 1, sizeof *st->lines);
    if (!st->keys || !st->values || !st->lines) {
        qdiag_add(d, "out of memory");
        return 1;
    }
    for (size_t k = 0; k < n; k++) {
        const qcfg_key *key = &sec->keys[k];
        if (strcmp(key->name, QSTAGE_PLUGIN_KEY) == 0) /* which plugin: the pipeline's, not the plugin's */
            continue;
        if (qopt_check(st->lib.desc, key->name, key->value, file, key->line, st->name, d) != 0) {
            errors++;
            continue;
        }
        st->keys[st->n_opts] = strdup(key->name);
        st->values[st->n_opts] = strdup(key->value);
        st->lines[st->n_opts] = key->line;
        if (!st->keys[st->n_opts] || !st->values[st->n_opts]) {
            free(st->keys[st->n_opts]);
            free(st->values[st->n_opts]);
            st->keys[st->n_opts] = st->values[st->n_opts] = NULL;
            qdiag_add(d, "out of memory");
            return errors + 1;
        }
        st->n_opts++;
    }
    return errors;
}

static int line_of(const qstage *st, const char *key)
{
    for (size_t j = 0; j < st->n_opts; j++)
        if (strcmp(st->keys[j], key) == 0)
            return st->lines[j];
    return 0;
}

int qstage_check_paths(const qstage *st, const char *file, const char *base_dir, qdiag *d)
{
    int errors = 0;
    qhost h; /* the very resolution a plugin will get */
    if (qhost_init(&h, st->lib.desc, st->name, base_dir, (const char *const *)st->keys,
                   (const char *const *)st->values, st->n_opts) != QRY_OK) {
        qdiag_add(d, "out of memory");
        return 1;
    }
    for (size_t k = 0; k < h.n_opts; k++) {
        const qhost_option *o = &h.opts[k];
        char buf[PATH_MAX], searched[2048];
        if (o->spec->type != QRY_OPT_PATH || !o->value || !*o->value)
            continue;
        if (h.api.resolve_path(&h.api, o->value, buf, sizeof buf) >= 0)
            continue;
        qsearch dirs;
        qpaths_data_search(&dirs, base_dir);
        qsearch_describe(&dirs, searched, sizeof searched);
        int line = line_of(st, o->spec->name);
        qdiag_at(d, file, line, st->name, o->spec->name, "%sfile '%s' not found; %s", line ? "" : "default data ",
                 o->value, searched);
        errors++;
    }
    qhost_fini(&h);
    return errors;
}

int qstage_start(qstage *st, size_t n_workers, const char *file, const char *base_dir, qdiag *d)
{
    const qry_plugin_descriptor *desc = st->lib.desc;
    size_t want = desc->threading == QRY_THREAD_PER_WORKER ? n_workers : 1;
    st->hosts = calloc(want, sizeof *st->hosts);
    st->instances = calloc(want, sizeof *st->instances);
    if (!st->hosts || !st->instances || pthread_mutex_init(&st->lock, NULL) != 0) {
        qdiag_add(d, "out of memory");
        return -1;
    }
    st->lock_ready = 1;
    for (size_t i = 0; i < want; i++) {
        if (qhost_init(&st->hosts[i], desc, st->name, base_dir, (const char *const *)st->keys,
                       (const char *const *)st->values, st->n_opts) != QRY_OK) {
            qdiag_add(d, "out of memory");
            return -1;
        }
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        int rc = desc->create(&st->hosts[i].api, &st->instances[i]);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (rc == QRY_OK) /* with -v: where a start's time goes */
            st->hosts[i].api.log(&st->hosts[i].api, QRY_LOG_INFO, "created in %.1f ms",
                                 (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
        if (rc != QRY_OK) {
            /* what create() reported through the diag service, at the
             * line of the option concerned, then why create() failed */
            const qdiag *reports = &st->hosts[i].reports;
            for (size_t r = 0; r < reports->n; r++) {
                const qdiag_entry *e = &reports->items[r];
                qdiag_at(d, file, e->key ? line_of(st, e->key) : 0, e->section, e->key, "%s", e->message);
            }
            qdiag_at(d, file, 0, NULL, NULL, "plugin %s (%s): create failed (%s): %s", st->name, st->lib.path,
                     qry_status_name(rc),
                     st->hosts[i].create_error[0] ? st->hosts[i].create_error : "no reason given");
            qhost_fini(&st->hosts[i]);
            return -1;
        }
        st->n_instances = i + 1;
    }
    return 0;
}

int qstage_process(qstage *st, size_t worker, int priority, const qry_doc_view *view, qrecord *rec, int *plugin_rc)
{
    const qry_plugin_descriptor *desc = st->lib.desc;
    void *inst = st->instances[desc->threading == QRY_THREAD_PER_WORKER ? worker : 0];
    int oom = 0;
    qry_sink sink;
    qsink_init(&sink, rec, st->name, priority, desc);
    if (desc->threading == QRY_THREAD_SERIAL)
        pthread_mutex_lock(&st->lock);
    int rc = desc->process(inst, view, &sink);
    if (desc->threading == QRY_THREAD_SERIAL)
        pthread_mutex_unlock(&st->lock);
    if (plugin_rc)
        *plugin_rc = rc;
    if (rc != QRY_OK)
        oom |= qrec_add_error(rec, st->name, rc, sink.error[0] ? sink.error : "process failed (no reason given)") !=
               QRY_OK;
    if (sink.invalid_emits || sink.invalid_attrs) {
        char msg[600];
        qsink_refusals(&sink, msg, sizeof msg);
        oom |= qrec_add_error(rec, st->name, QRY_ERR_INVALID, msg) != QRY_OK;
    }
    return oom ? QRY_ERR_NOMEM : QRY_OK;
}

void qstage_fini(qstage *st)
{
    for (size_t i = 0; i < st->n_instances; i++) {
        st->lib.desc->destroy(st->instances[i]);
        qhost_fini(&st->hosts[i]);
    }
    free(st->hosts);
    free(st->instances);
    if (st->lock_ready)
        pthread_mutex_destroy(&st->lock);
    for (size_t i = 0; i < st->n_opts; i++) {
        free(st->keys[i]);
        free(st->values[i]);
    }
    free(st->keys);
    free(st->values);
    free(st->lines);
    free(st->name);
    qloader_close(&st->lib);
    memset(st, 0, sizeof *st);
}
