/* testkit.c -- one plugin, one text, no pipeline file (see quarry/testkit.h).
 * The plugin is a stage like any in `quarry run` (stage.c), run after the
 * stages a test adds, and the record is merged as a pipeline merges it,
 * so what a plugin test sees is what a run would record. */
#include "quarry/testkit.h"

#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "descriptor.h"
#include "diag.h"
#include "merge.h"
#include "paths.h"
#include "record.h"
#include "segment.h"
#include "stage.h"
#include "token_dump.h"

#define TK_MAX_BEFORE 16

/* An entity the test says an earlier stage emitted. */
typedef struct tk_given {
    char *type, *surface;
    char **attrs; /* alternating key, value; NULL-terminated */
} tk_given;

struct qry_testkit {
    qstage before[TK_MAX_BEFORE]; /* earlier stages, in order */
    size_t n_before;
    qstage tested;
    tk_given *given;
    size_t n_given;
    const char **given_types; /* the mock stage's declared types, NULL-terminated */
    qry_plugin_descriptor given_desc;
    qseg seg;
    qrecord rec;
    qry_test_entity *view; /* the tested stage's entities after the merge */
    size_t *view_ent;      /* index of each in rec.ents */
    size_t n_view;
    char last_error[512];
    char attr_buf[64];
    qry_doc_view doc;  /* the last run()'s view, for tokens() */
    qbuf dump;
};

/* Every diagnostic, joined by "; ", into err. */
static void diags_to_err(const qdiag *d, char *err, size_t errsz)
{
    size_t used = 0;
    err[0] = '\0';
    for (size_t k = 0; k < d->n && used + 1 < errsz; k++) {
        if (k && used + 2 < errsz) {
            memcpy(err + used, "; ", 3);
            used += 2;
        }
        used += qdiag_format(&d->items[k], err + used, errsz - used);
    }
    if (d->oom && !d->n)
        snprintf(err, errsz, "out of memory");
}

/* Bind `options` (alternating key, value) and create one instance. */
static int start_stage(qstage *st, const char *const *options, char *err, size_t errsz)
{
    size_t n = 0;
    while (options && options[2 * n])
        n++;
    qcfg_key *keys = calloc(n + 1, sizeof *keys);
    qdiag d = {0};
    int rc = QRY_ERR_NOMEM;
    if (!keys) {
        snprintf(err, errsz, "out of memory");
        return rc;
    }
    for (size_t k = 0; k < n; k++) /* bind copies what it keeps */
        keys[k] = (qcfg_key){(char *)options[2 * k], (char *)(options[2 * k + 1] ? options[2 * k + 1] : ""), 0};
    qcfg_section sec = {.name = st->name, .keys = keys, .n_keys = n};
    rc = QRY_ERR_CONFIG;
    if (qstage_bind(st, NULL, &sec, &d) == 0 && qstage_start(st, 1, NULL, NULL, &d) == 0)
        rc = QRY_OK;
    if (rc != QRY_OK)
        diags_to_err(&d, err, errsz);
    qdiag_free(&d);
    free(keys);
    return rc;
}

qry_testkit *qry_testkit_new(const qry_plugin_descriptor *d, const char *const *options, char *err,
                             size_t errsz)
{
    char scratch[2];
    if (!err) {
        err = scratch;
        errsz = sizeof scratch;
    }
    err[0] = '\0';
    qry_testkit *tk = calloc(1, sizeof *tk);
    if (!tk) {
        snprintf(err, errsz, "out of memory");
        return NULL;
    }
    /* the checks a loader makes, with the descriptor in place of a file */
    if (qdesc_check(d && d->name ? d->name : "descriptor", d, err, errsz) != 0 || !(tk->tested.name = strdup(d->name))) {
        if (!err[0])
            snprintf(err, errsz, "out of memory");
        free(tk);
        return NULL;
    }
    tk->tested.lib.desc = d;
    if (!(tk->tested.lib.path = strdup("(linked into the test)")) ||
        start_stage(&tk->tested, options, err, errsz) != QRY_OK) {
        if (!err[0])
            snprintf(err, errsz, "out of memory");
        qry_testkit_free(tk);
        return NULL;
    }
    return tk;
}

int qry_testkit_add_before(qry_testkit *tk, const char *name, const char *const *options, char *err, size_t errsz)
{
    char scratch[2], path[PATH_MAX];
    if (!err) {
        err = scratch;
        errsz = sizeof scratch;
    }
    err[0] = '\0';
    if (!tk || !name)
        return QRY_ERR_INVALID;
    if (tk->n_before == TK_MAX_BEFORE) {
        snprintf(err, errsz, "at most %d earlier stages", TK_MAX_BEFORE);
        return QRY_ERR_LIMIT;
    }
    qsearch dirs;
    qpaths_plugin_search(&dirs, NULL, 0);
    if (qloader_find(name, &dirs, path, sizeof path, err, errsz) != 0)
        return QRY_ERR_IO;
    qstage *st = &tk->before[tk->n_before];
    memset(st, 0, sizeof *st);
    if (qloader_open(path, &st->lib, err, errsz) != 0)
        return QRY_ERR_INVALID;
    int rc = QRY_ERR_NOMEM;
    if ((st->name = strdup(st->lib.desc->name)) != NULL)
        rc = start_stage(st, options, err, errsz);
    if (rc != QRY_OK) {
        if (!err[0])
            snprintf(err, errsz, "out of memory");
        qstage_fini(st);
        return rc;
    }
    tk->n_before++;
    return QRY_OK;
}

int qry_testkit_given(qry_testkit *tk, const char *type, const char *surface, const char *const *attrs)
{
    if (!tk || !qdesc_valid_name(type) || !surface || !*surface)
        return QRY_ERR_INVALID;
    size_t n_attrs = 0;
    while (attrs && attrs[2 * n_attrs])
        if (!qdesc_valid_name(attrs[2 * n_attrs++]))
            return QRY_ERR_INVALID;
    tk_given *grown = realloc(tk->given, (tk->n_given + 1) * sizeof *grown);
    if (!grown)
        return QRY_ERR_NOMEM;
    tk->given = grown;
    tk_given *g = &tk->given[tk->n_given];
    memset(g, 0, sizeof *g);
    g->type = strdup(type);
    g->surface = strdup(surface);
    g->attrs = calloc(2 * n_attrs + 1, sizeof *g->attrs);
    int ok = g->type && g->surface && g->attrs;
    for (size_t k = 0; ok && k < 2 * n_attrs; k++)
        ok = (g->attrs[k] = strdup(attrs[k] ? attrs[k] : "")) != NULL;
    tk->n_given++; /* freed with the testkit even when incomplete */
    if (!ok)
        return QRY_ERR_NOMEM;
    /* the mock stage declares every type given so far */
    size_t n_types = 0;
    while (tk->given_types && tk->given_types[n_types])
        n_types++;
    for (size_t k = 0; k < n_types; k++)
        if (strcmp(tk->given_types[k], g->type) == 0)
            return QRY_OK;
    const char **types = realloc(tk->given_types, (n_types + 2) * sizeof *types);
    if (!types)
        return QRY_ERR_NOMEM;
    types[n_types] = g->type;
    types[n_types + 1] = NULL;
    tk->given_types = types;
    return QRY_OK;
}

static int at_token_edge(const qseg *seg, size_t offset, int start)
{
    for (size_t k = 0; k < seg->n_tokens; k++)
        if ((start ? seg->tokens[k].start : seg->tokens[k].end) == offset)
            return 1;
    return 0;
}

/* The mock earlier stage: every given entity, wherever its surface is. */
static int emit_given(qry_testkit *tk, const char *text)
{
    if (!tk->n_given)
        return QRY_OK;
    tk->given_desc = (qry_plugin_descriptor){QRY_PLUGIN_DESCRIPTOR_INIT, .name = "given",
                                             .entity_types = tk->given_types};
    qry_sink sink;
    qsink_init(&sink, &tk->rec, "given", 0, &tk->given_desc);
    for (size_t g = 0; g < tk->n_given; g++) {
        size_t len = strlen(tk->given[g].surface);
        for (const char *p = strstr(text, tk->given[g].surface); p; p = strstr(p + 1, tk->given[g].surface)) {
            size_t start = (size_t)(p - text);
            if (!at_token_edge(&tk->seg, start, 1) || !at_token_edge(&tk->seg, start + len, 0))
                continue;
            int e = qsink_emit(&sink, tk->given[g].type, start, start + len);
            if (e == QRY_ERR_NOMEM)
                return e;
            for (size_t a = 0; e >= 0 && tk->given[g].attrs[a]; a += 2)
                if (qsink_attr_string(&sink, e, tk->given[g].attrs[a], tk->given[g].attrs[a + 1],
                                      strlen(tk->given[g].attrs[a + 1])) == QRY_ERR_NOMEM)
                    return QRY_ERR_NOMEM;
        }
    }
    return QRY_OK;
}

int qry_testkit_run(qry_testkit *tk, const char *text)
{
    size_t len = strlen(text);
    tk->last_error[0] = '\0';
    tk->n_view = 0;
    int rc = qrec_begin(&tk->rec, "testkit", text, len);
    if (rc == QRY_OK)
        rc = qseg_run(&tk->seg, text, len);
    if (rc == QRY_OK)
        rc = emit_given(tk, text);
    if (rc != QRY_OK) {
        snprintf(tk->last_error, sizeof tk->last_error, "core: %s", qry_status_name(rc));
        return rc;
    }
    qry_doc_view view;
    qseg_view(&tk->seg, "testkit", 0, &view);
    tk->doc = view;
    int oom = 0, plugin_rc = QRY_OK;
    for (size_t k = 0; k < tk->n_before; k++)
        oom |= qstage_process(&tk->before[k], 0, (int)k + 1, &view, &tk->rec, NULL) != QRY_OK;
    oom |= qstage_process(&tk->tested, 0, (int)tk->n_before + 1, &view, &tk->rec, &plugin_rc) != QRY_OK;
    oom |= qmerge(&tk->rec, QMERGE_KEEP_ALL, QMERGE_SAME_TYPE) != QRY_OK;
    for (size_t k = 0; k < tk->rec.n_errors; k++) /* what went wrong in the tested stage */
        if (tk->rec.errors[k].plugin && strcmp(tk->rec.errors[k].plugin, tk->tested.name) == 0) {
            snprintf(tk->last_error, sizeof tk->last_error, "%s", tk->rec.errors[k].message);
            break;
        }
    free(tk->view);
    free(tk->view_ent);
    tk->view = calloc(tk->rec.n_ents ? tk->rec.n_ents : 1, sizeof *tk->view);
    tk->view_ent = calloc(tk->rec.n_ents ? tk->rec.n_ents : 1, sizeof *tk->view_ent);
    if (oom || !tk->view || !tk->view_ent)
        return QRY_ERR_NOMEM;
    for (size_t k = 0; k < tk->rec.n_ents; k++) {
        const qentity *e = &tk->rec.ents[k];
        if (strcmp(e->plugin, tk->tested.name) != 0)
            continue;
        char *surface = qarena_strndup(&tk->rec.arena, text + e->start, e->end - e->start);
        if (!surface)
            return QRY_ERR_NOMEM;
        tk->view_ent[tk->n_view] = k;
        tk->view[tk->n_view++] = (qry_test_entity){e->type, e->start, e->end, surface};
    }
    return plugin_rc;
}

const char *qry_testkit_last_error(const qry_testkit *tk) { return tk->last_error; }

const char *qry_testkit_tokens(qry_testkit *tk)
{
    tk->dump.len = 0;
    tk->dump.oom = 0;
    if (tk->doc.text)
        qtokens_dump(&tk->doc, &tk->dump);
    qbuf_append(&tk->dump, "", 0);
    return tk->dump.oom || !tk->dump.data ? "" : tk->dump.data;
}

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
    const qattr *a = qentity_attr(&tk->rec.ents[tk->view_ent[i]], key);
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
    qstage_fini(&tk->tested);
    for (size_t k = 0; k < tk->n_before; k++)
        qstage_fini(&tk->before[k]);
    for (size_t g = 0; g < tk->n_given; g++) {
        for (size_t a = 0; tk->given[g].attrs && tk->given[g].attrs[a]; a++)
            free(tk->given[g].attrs[a]);
        free(tk->given[g].attrs);
        free(tk->given[g].type);
        free(tk->given[g].surface);
    }
    free(tk->given);
    free(tk->given_types);
    qseg_free(&tk->seg);
    qrec_free(&tk->rec);
    free(tk->view);
    free(tk->view_ent);
    qbuf_free(&tk->dump);
    free(tk);
}
