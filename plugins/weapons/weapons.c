/* weapons.c -- the weapons plugin: weapon systems, munitions and military
 * platforms from a gazetteer (named systems) and patterns (generic classes).
 *
 * Emits entity type "weapon" with attributes
 *   name      canonical name ("Patriot", "155 mm artillery shell")
 *   category  air_defense | missile | artillery | ammunition | armor |
 *             aircraft | drone | naval | nuclear | small_arms
 *   named     true for a gazetteer system, false for a generic class
 *   origin    ISO 3166-1 alpha-2 country of origin, when the gazetteer knows it
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "resolve.h"
#include "weapons.h"

#define PATH_BUF 4096

typedef struct weapons {
    const qry_host *host;
    wpn_gazetteer *gaz;
    wpn_generic *gen; /* NULL when generic classes are off */
} weapons;

static const qry_option_spec opt_gazetteer = {
    .name = "gazetteer", .type = QRY_OPT_PATH, .default_value = "weapons/weapons.tsv",
    .help = "TSV gazetteer of named weapon systems (name, aliases, category, origin, kind)"};
static const qry_option_spec opt_generic = {
    .name = "generic", .type = QRY_OPT_PATH, .default_value = "weapons/generic.tsv",
    .help = "TSV of generic weapon-class patterns (category, named, name, PCRE2 regex)"};
static const qry_option_spec opt_extra = {
    .name = "extra", .type = QRY_OPT_LIST, .default_value = NULL,
    .help = "extra gazetteer files in the same format; their names override the built-in ones"};
static const qry_option_spec opt_classes = {
    .name = "generic_classes", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "also report generic classes (\"air defense systems\", \"155 mm shells\")"};
static const qry_option_spec *const options[] = {&opt_gazetteer, &opt_generic, &opt_extra, &opt_classes,
                                                 NULL};
static const char *const entity_types[] = {"weapon", NULL};

static void destroy(void *instance)
{
    weapons *w = instance;
    if (!w)
        return;
    wpn_gaz_free(w->gaz);
    wpn_generic_free(w->gen);
    free(w);
}

/* Resolve and load one gazetteer file. */
static int load_gazetteer(weapons *w, const char *name, unsigned file_no)
{
    const qry_host *h = w->host;
    char path[PATH_BUF], err[512];
    int n = h->resolve_path(h, name, path, sizeof path);
    if (n < 0) {
        h->set_error(h, NULL, "gazetteer '%s' not found", name);
        return QRY_ERR_CONFIG;
    }
    size_t before = wpn_gaz_n_entries(w->gaz), dups = 0;
    int rc = wpn_gaz_load(w->gaz, path, file_no, &dups, err, sizeof err);
    if (rc != QRY_OK) {
        h->set_error(h, NULL, "%s", err);
        return rc;
    }
    if (dups)
        h->log(h, QRY_LOG_WARN, "%s: %zu surface forms repeated within the file (first one kept)", path, dups);
    h->log(h, QRY_LOG_DEBUG, "%s: %zu entries", path, wpn_gaz_n_entries(w->gaz) - before);
    return QRY_OK;
}

/* Load each comma-separated file of the `extra` option, in order. */
static int load_extra(weapons *w, const char *list)
{
    char *copy = strdup(list);
    if (!copy) {
        w->host->set_error(w->host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    int rc = QRY_OK;
    unsigned file_no = 1;
    char *save = NULL;
    for (char *tok = strtok_r(copy, ",", &save); tok && rc == QRY_OK; tok = strtok_r(NULL, ",", &save)) {
        while (*tok == ' ' || *tok == '\t')
            tok++;
        size_t n = strlen(tok);
        while (n && (tok[n - 1] == ' ' || tok[n - 1] == '\t'))
            tok[--n] = '\0';
        if (n == 0)
            continue;
        if (file_no >= 0xFFFF) {
            w->host->set_error(w->host, NULL, "too many extra gazetteers");
            rc = QRY_ERR_CONFIG;
            break;
        }
        rc = load_gazetteer(w, tok, file_no++);
    }
    free(copy);
    return rc;
}

static int create(const qry_host *host, void **instance)
{
    *instance = NULL;
    weapons *w = calloc(1, sizeof *w);
    if (!w || !(w->gaz = wpn_gaz_new())) {
        free(w);
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    w->host = host;
    const char *gaz = host->option(host, "gazetteer");
    int rc = load_gazetteer(w, gaz ? gaz : opt_gazetteer.default_value, 0);
    const char *extra = host->option(host, "extra");
    if (rc == QRY_OK && extra && *extra)
        rc = load_extra(w, extra);
    int classes = 1;
    if (rc == QRY_OK && host->option_bool(host, "generic_classes", &classes) != QRY_OK)
        classes = 1;
    if (rc == QRY_OK && classes) {
        const char *gen = host->option(host, "generic");
        char path[PATH_BUF], err[512];
        if (!gen || host->resolve_path(host, gen, path, sizeof path) < 0) {
            host->set_error(host, NULL, "generic pattern file '%s' not found", gen ? gen : "(unset)");
            rc = QRY_ERR_CONFIG;
        } else if ((rc = wpn_generic_load(path, &w->gen, err, sizeof err)) != QRY_OK) {
            host->set_error(host, NULL, "%s", err);
        }
    }
    if (rc != QRY_OK) {
        destroy(w);
        return rc;
    }
    host->log(host, QRY_LOG_DEBUG, "%zu systems, %zu surface forms, %zu generic patterns (%zu prefiltered)",
              wpn_gaz_n_entries(w->gaz), wpn_gaz_n_keys(w->gaz), wpn_generic_count(w->gen),
              wpn_generic_prefiltered(w->gen));
    *instance = w;
    return QRY_OK;
}

static int emit_one(const qry_host *h, qry_sink *sink, const wpn_cand *c)
{
    int id = h->emit(h, sink, "weapon", c->start, c->end);
    if (id < 0)
        return id;
    int rc = h->attr_string(h, sink, id, "name", c->name, strlen(c->name));
    if (rc == QRY_OK)
        rc = h->attr_string(h, sink, id, "category", c->category, strlen(c->category));
    if (rc == QRY_OK)
        rc = h->attr_bool(h, sink, id, "named", c->named);
    if (rc == QRY_OK && c->origin)
        rc = h->attr_string(h, sink, id, "origin", c->origin, strlen(c->origin));
    return rc;
}

/* Run the generic patterns of the kinds in `what` over the windows (NULL:
 * the whole text); the first pattern limit error is kept in *grc / err (the
 * hits found are kept too). Returns QRY_ERR_NOMEM or QRY_OK. */
static int run_generic(const weapons *w, const qry_doc_view *doc, unsigned what, const qry_span *windows,
                       size_t n_windows, wpn_cands *c, wpn_cands *marks, int *grc, char *err, size_t errsz)
{
    char e[512] = "";
    int rc = wpn_generic_match(w->gen, doc, what, windows, n_windows, c, marks, e, sizeof e);
    if (rc == QRY_ERR_NOMEM)
        return rc;
    if (rc != QRY_OK && *grc == QRY_OK) {
        *grc = rc;
        snprintf(err, errsz, "%s", e);
    }
    return QRY_OK;
}

/* The sentences holding a candidate (a weak one only, when weak_only), as
 * byte windows, runs of neighbouring sentences merged: a mark matters only
 * there. *n = 0 when none; QRY_OK or QRY_ERR_NOMEM. */
static int candidate_sentences(const qry_doc_view *doc, const wpn_cands *c, int weak_only, qry_span **out,
                               size_t *n)
{
    *out = NULL;
    *n = 0;
    if (doc->n_sentences == 0)
        return QRY_OK;
    unsigned char *has = calloc(doc->n_sentences, 1);
    qry_span *v = malloc(doc->n_sentences * sizeof *v);
    if (!has || !v) {
        free(has);
        free(v);
        return QRY_ERR_NOMEM;
    }
    for (size_t i = 0; i < c->n; i++) {
        uint32_t s = doc->tokens[c->v[i].tok_start].sentence;
        if (s < doc->n_sentences && (!weak_only || c->v[i].needs == WPN_NEEDS_CONTEXT))
            has[s] = 1;
    }
    for (size_t s = 0; s < doc->n_sentences; s++) {
        if (!has[s])
            continue;
        if (*n > 0 && has[s - 1])
            v[*n - 1].end = doc->sentences[s].end;
        else
            v[(*n)++] = doc->sentences[s];
    }
    free(has);
    *out = v;
    return QRY_OK;
}

/* Run the mark patterns of `what` on the sentences of c's candidates. */
static int run_marks(const weapons *w, const qry_doc_view *doc, unsigned what, int weak_only, wpn_cands *c,
                     wpn_cands *marks, int *grc, char *err, size_t errsz)
{
    qry_span *win;
    size_t n;
    if (candidate_sentences(doc, c, weak_only, &win, &n) != QRY_OK)
        return QRY_ERR_NOMEM;
    int rc = n ? run_generic(w, doc, what, win, n, c, marks, grc, err, errsz) : QRY_OK;
    free(win);
    return rc;
}

/* Candidates from the gazetteer and the patterns; marks and licences
 * screen them; the longest wins; the pieces of one weapon join. The mark
 * patterns run only where they can matter: in the sentences that hold a
 * candidate (most documents hold none), which keeps them from doubling the
 * plugin's time. */
static int process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    weapons *w = instance;
    const qry_host *h = w->host;
    wpn_cands c = {0}, marks = {0};
    char err[512] = "";
    int grc = QRY_OK;
    int rc = wpn_match_gazetteer(w->gaz, doc, &c);
    if (rc == QRY_OK && w->gen)
        rc = run_generic(w, doc, WPN_RUN_MENTIONS, NULL, 0, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK && w->gen && c.n > 0)
        rc = run_marks(w, doc, WPN_RUN_NOT, 0, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK && w->gen && wpn_screen_needs_cues(&c))
        rc = run_marks(w, doc, WPN_RUN_CUE, 1, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK)
        rc = wpn_screen(doc, &c, &marks);
    if (rc == QRY_OK) {
        wpn_join_overlaps(&c);
        rc = wpn_resolve(doc, &c);
    }
    if (rc == QRY_OK && w->gen && wpn_join_needs_modifiers(doc, &c))
        rc = run_marks(w, doc, WPN_RUN_MODIFIER, 0, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK)
        rc = wpn_join_adjacent(doc, &c, &marks);
    for (size_t i = 0; rc == QRY_OK && i < c.n; i++)
        rc = emit_one(h, sink, &c.v[i]);
    wpn_cands_free(&c);
    wpn_cands_free(&marks);
    if (rc == QRY_ERR_NOMEM) {
        h->set_error(h, sink, "out of memory");
        return rc;
    }
    if (rc != QRY_OK) {
        h->set_error(h, sink, "emitting a weapon failed (%d)", rc);
        return QRY_ERR_INTERNAL;
    }
    if (grc != QRY_OK) {
        h->set_error(h, sink, "%s", err);
        return grc;
    }
    return QRY_OK;
}

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "weapons",
    .version = "1.0.0",
    .description = "Weapon systems, munitions and military platforms (gazetteer + generic classes)",
    .entity_types = entity_types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = create,
    .process = process,
    .destroy = destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
