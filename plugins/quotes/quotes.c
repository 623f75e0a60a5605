/* quotes.c -- the quotes plugin: direct quotations and who said them.
 *
 * Emits entity type "quote" spanning the words inside the marks (marks
 * excluded), with attributes
 *   speaker        the speaker's fullest name in the document, or an
 *                  organization as written (absent when unknown)
 *   speaker_start  byte offsets of the mention the speaker came from
 *   speaker_end    ("he", "Stoltenberg", "the secretary general")
 *   cue            the reporting verb, lower case as written ("said",
 *                  "told", "according to"); absent when there is none
 *   kind           "fragment" for scare quotes and one-word quotations,
 *                  else "direct"
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

#define PATH_BUF 4096

typedef struct quotes_plugin {
    const qry_host *host;
    qt_lexicon lex;
    int fragments;           /* report fragments too */
    uint32_t max_paragraphs; /* a quotation runs over at most this many paragraphs */
} quotes_plugin;

static const qry_option_spec opt_cues = {
    .name = "cues", .type = QRY_OPT_PATH, .default_value = "quotes/cues.txt",
    .help = "reporting verbs as written, one a line (said, says, told, adding, according to)"};
static const qry_option_spec opt_titles = {
    .name = "titles", .type = QRY_OPT_PATH, .default_value = "quotes/titles.txt",
    .help = "title words that are not part of a name (president, secretary, adm.)"};
static const qry_option_spec opt_nonnames = {
    .name = "nonnames", .type = QRY_OPT_PATH, .default_value = "quotes/nonnames.txt",
    .help = "capitalised words that never start a name (the, speaking, monday)"};
static const qry_option_spec opt_orgwords = {
    .name = "orgwords", .type = QRY_OPT_PATH, .default_value = "quotes/orgwords.txt",
    .help = "words that make a name an organization (ministry, council, agency)"};
static const qry_option_spec opt_fragments = {
    .name = "fragments", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "also report scare quotes and one-word quotations (kind=fragment)"};
static const qry_option_spec opt_max_par = {
    .name = "max_paragraphs", .type = QRY_OPT_INT, .default_value = "20",
    .help = "most paragraphs one quotation may run over (each opening with a mark)"};
static const qry_option_spec *const options[] = {&opt_cues,      &opt_titles,  &opt_nonnames, &opt_orgwords,
                                                 &opt_fragments, &opt_max_par, NULL};
static const char *const entity_types[] = {"quote", NULL};

static void destroy(void *instance)
{
    quotes_plugin *p = instance;
    if (!p)
        return;
    qt_wordset_free(&p->lex.cues);
    qt_wordset_free(&p->lex.titles);
    qt_wordset_free(&p->lex.nonnames);
    qt_wordset_free(&p->lex.orgwords);
    free(p);
}

static int load_list(const qry_host *h, const qry_option_spec *opt, qt_wordset *ws)
{
    const char *name = h->option(h, opt->name);
    char path[PATH_BUF], err[512];
    if (!name || h->resolve_path(h, name, path, sizeof path) < 0) {
        h->set_error(h, NULL, "%s list '%s' not found", opt->name, name ? name : "(unset)");
        return QRY_ERR_CONFIG;
    }
    int rc = qt_wordset_load(ws, path, err, sizeof err);
    if (rc != QRY_OK)
        h->set_error(h, NULL, "%s", err);
    return rc;
}

static int create(const qry_host *host, void **instance)
{
    *instance = NULL;
    quotes_plugin *p = calloc(1, sizeof *p);
    if (!p) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    p->host = host;
    int rc = load_list(host, &opt_cues, &p->lex.cues);
    if (rc == QRY_OK)
        rc = load_list(host, &opt_titles, &p->lex.titles);
    if (rc == QRY_OK)
        rc = load_list(host, &opt_nonnames, &p->lex.nonnames);
    if (rc == QRY_OK)
        rc = load_list(host, &opt_orgwords, &p->lex.orgwords);
    int64_t maxp = 20;
    if (rc == QRY_OK && host->option_int(host, "max_paragraphs", &maxp) == QRY_OK && (maxp < 1 || maxp > 100000)) {
        host->set_error(host, NULL, "max_paragraphs must be between 1 and 100000 (got %lld)", (long long)maxp);
        rc = QRY_ERR_CONFIG;
    }
    p->max_paragraphs = (uint32_t)maxp;
    p->fragments = 1;
    if (rc == QRY_OK && host->option_bool(host, "fragments", &p->fragments) != QRY_OK)
        p->fragments = 1;
    if (rc != QRY_OK) {
        destroy(p);
        return rc;
    }
    host->log(host, QRY_LOG_DEBUG, "%zu cues, %zu titles, %zu non-names, %zu organization words", p->lex.cues.n,
              p->lex.titles.n, p->lex.nonnames.n, p->lex.orgwords.n);
    *instance = p;
    return QRY_OK;
}

static int emit_one(const qry_host *h, qry_sink *sink, const qt_quote *q)
{
    int id = h->emit(h, sink, "quote", q->start, q->end);
    if (id < 0)
        return id;
    int rc = QRY_OK;
    if (q->has_speaker && q->speaker[0])
        rc = h->attr_string(h, sink, id, "speaker", q->speaker, strlen(q->speaker));
    if (rc == QRY_OK && q->has_mention) {
        rc = h->attr_int(h, sink, id, "speaker_start", q->sp_start);
        if (rc == QRY_OK)
            rc = h->attr_int(h, sink, id, "speaker_end", q->sp_end);
    }
    if (rc == QRY_OK && q->cue[0])
        rc = h->attr_string(h, sink, id, "cue", q->cue, strlen(q->cue));
    const char *kind = q->fragment ? "fragment" : "direct";
    if (rc == QRY_OK)
        rc = h->attr_string(h, sink, id, "kind", kind, strlen(kind));
    return rc;
}

static int process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    const quotes_plugin *p = instance;
    const qry_host *h = p->host;
    qt_layout layout = {0};
    qt_ctx c = {doc, &p->lex, &layout};
    qt_quotes qs = {0};
    qt_names names = {0};
    int rc = qt_layout_build(doc, &layout);
    if (rc == QRY_OK)
        rc = qt_find_quotes(&c, p->max_paragraphs, &qs);
    if (rc == QRY_OK && qs.n > 0) {
        rc = qt_find_names(&c, &names);
        if (rc == QRY_OK)
            qt_attribute(&c, &names, &qs);
    }
    for (size_t i = 0; rc == QRY_OK && i < qs.n; i++)
        if (p->fragments || !qs.v[i].fragment)
            rc = emit_one(h, sink, &qs.v[i]);
    qt_quotes_free(&qs);
    qt_names_free(&names);
    qt_layout_free(&layout);
    if (rc == QRY_ERR_NOMEM) {
        h->set_error(h, sink, "out of memory");
        return rc;
    }
    if (rc != QRY_OK) {
        h->set_error(h, sink, "emitting a quote failed (%d)", rc);
        return QRY_ERR_INTERNAL;
    }
    return QRY_OK;
}

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "quotes",
    .version = "1.0.0",
    .description = "Direct quotations with their speaker and reporting verb",
    .entity_types = entity_types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = create,
    .process = process,
    .destroy = destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
