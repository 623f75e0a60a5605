/* weapons.c -- the weapons plugin: weapon systems, munitions and military
 * platforms from a gazetteer (named systems) and patterns (generic classes).
 *
 * Needs ABI 1.1: every data file is read through the core's table service
 * (so each bad line is reported at once) and tokens are read through its
 * text service.
 *
 * Emits entity type "weapon" with attributes (declared in the descriptor)
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
    const qry_text_service *text;
    wpn_gazetteer *gaz;
    wpn_generic *gen; /* NULL when generic classes are off */
    wpn_words *words;
} weapons;

static const qry_option_spec opt_gazetteer = {
    .name = "gazetteer", .type = QRY_OPT_PATH, .default_value = "weapons/weapons.tsv",
    .help = "TSV gazetteer of named weapon systems (name, aliases, category, origin, kind)"};
static const qry_option_spec opt_generic = {
    .name = "generic", .type = QRY_OPT_PATH, .default_value = "weapons/generic.tsv",
    .help = "TSV of generic weapon-class patterns (category, kind, name, PCRE2 regex)"};
static const qry_option_spec opt_extra = {
    .name = "extra", .type = QRY_OPT_LIST, .default_value = NULL,
    .help = "extra gazetteer files in the same format; their names override the built-in ones"};
static const qry_option_spec opt_classes = {
    .name = "generic_classes", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "also report generic classes (\"air defense systems\", \"155 mm shells\")"};
static const qry_option_spec opt_head_fits = {
    .name = "head_fits", .type = QRY_OPT_PATH, .default_value = "weapons/head_fits.tsv",
    .help = "head nouns and the categories they fit (head, comma-separated categories)"};
/* The word lists, one file each, in enum wpn_list order. */
static const qry_option_spec opt_lists[WPN_N_LISTS] = {
    {.name = "heads", .type = QRY_OPT_PATH, .default_value = "weapons/heads.txt",
     .help = "head nouns that extend a name (\"Patriot air defense system\"), one a line"},
    {.name = "abbreviation_heads", .type = QRY_OPT_PATH, .default_value = "weapons/abbreviation_heads.txt",
     .help = "heads written as capitals (\"Bradley IFV\"), one a line"},
    {.name = "modifiers", .type = QRY_OPT_PATH, .default_value = "weapons/modifiers.txt",
     .help = "words inside a head phrase (\"anti\", \"range\"), one a line"},
    {.name = "titles", .type = QRY_OPT_PATH, .default_value = "weapons/titles.txt",
     .help = "titles and ranks that make the next name a person (\"General Bradley\"), one a line"},
    {.name = "demonyms", .type = QRY_OPT_PATH, .default_value = "weapons/demonyms.txt",
     .help = "capitalised words that may precede an ambiguous name (\"German Leopard\"), one a line"},
    {.name = "speech_verbs", .type = QRY_OPT_PATH, .default_value = "weapons/speech_verbs.txt",
     .help = "reporting verbs that make the name beside them a person (\"said Abrams\"), one a line"},
    {.name = "context_words", .type = QRY_OPT_PATH, .default_value = "weapons/context_words.txt",
     .help = "words that make a sentence about weapons, one a line"},
    {.name = "civil_nouns", .type = QRY_OPT_PATH, .default_value = "weapons/civil_nouns.txt",
     .help = "nouns that make the name before them civilian (\"Challenger disaster\"), one a line"},
    {.name = "not_prefixes", .type = QRY_OPT_PATH, .default_value = "weapons/not_prefixes.txt",
     .help = "short words never joined to a number as a designation (\"At 15\"), one a line"},
    {.name = "damage_participles", .type = QRY_OPT_PATH, .default_value = "weapons/damage_participles.txt",
     .help = "participles that, glued by a hyphen after a weapon word, say it did the damage (\"bomb-damaged\"), "
             "one a line"},
};
static const qry_option_spec *const options[] = {
    &opt_gazetteer, &opt_generic,  &opt_extra,    &opt_classes,  &opt_head_fits, &opt_lists[0],
    &opt_lists[1],  &opt_lists[2], &opt_lists[3], &opt_lists[4], &opt_lists[5],  &opt_lists[6],
    &opt_lists[7],  &opt_lists[8], &opt_lists[9], NULL};
static const char *const entity_types[] = {"weapon", NULL};

static const qry_attr_spec attr_name = QRY_ATTR_SPEC(
    "weapon", "name", QRY_ATTR_STRING, "canonical name: the gazetteer's, or the class in the singular");
static const qry_attr_spec attr_category =
    QRY_ATTR_SPEC("weapon", "category", QRY_ATTR_STRING,
                  "air_defense, missile, artillery, ammunition, armor, aircraft, drone, naval, nuclear or small_arms");
static const qry_attr_spec attr_named =
    QRY_ATTR_SPEC("weapon", "named", QRY_ATTR_BOOL, "true for a named system, false for a generic class");
static const qry_attr_spec attr_origin = QRY_ATTR_SPEC(
    "weapon", "origin", QRY_ATTR_STRING, "ISO 3166-1 alpha-2 code of the designing country, when known");
static const qry_attr_spec *const attributes[] = {&attr_name, &attr_category, &attr_named, &attr_origin, NULL};

static void destroy(void *instance)
{
    weapons *w = instance;
    if (!w)
        return;
    wpn_gaz_free(w->gaz);
    wpn_generic_free(w->gen);
    wpn_words_free(w->words);
    free(w);
}

/* Load one gazetteer file. QRY_OK, QRY_ERR_CONFIG (reported) or QRY_ERR_NOMEM. */
static int load_gazetteer(weapons *w, const wpn_reader *rd, const char *name, unsigned file_no)
{
    size_t before = wpn_gaz_n_entries(w->gaz), dups = 0;
    int rc = wpn_gaz_load(w->gaz, rd, name, file_no, &dups);
    if (rc != QRY_OK)
        return rc;
    if (dups)
        w->host->log(w->host, QRY_LOG_WARN, "%s: %zu surface forms repeated within the file (first one kept)", name,
                     dups);
    w->host->log(w->host, QRY_LOG_DEBUG, "%s: %zu entries", name, wpn_gaz_n_entries(w->gaz) - before);
    return QRY_OK;
}

/* Load each comma-separated file of the `extra` option, in order; a file
 * with bad lines is counted in *bad and the others are read on, so every
 * bad line is reported. QRY_OK or QRY_ERR_NOMEM. */
static int load_extra(weapons *w, const wpn_reader *rd, const qry_diag_service *diag, const char *list, int *bad)
{
    int rc = QRY_OK;
    unsigned file_no = 1;
    for (const char *p = list; rc == QRY_OK && *p; p += *p == ',') {
        p += strspn(p, " \t");
        size_t n = strcspn(p, ","), len = n;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        char name[PATH_BUF];
        if (len >= sizeof name || file_no >= 0xFFFF) {
            diag->option_error(w->host, "extra", "%s", len >= sizeof name ? "a file name is too long" : "too many files");
            ++*bad;
        } else if (len) {
            snprintf(name, sizeof name, "%.*s", (int)len, p);
            rc = load_gazetteer(w, rd, name, file_no++);
            if (rc == QRY_ERR_CONFIG) {
                ++*bad;
                rc = QRY_OK;
            }
        }
        p += n;
    }
    return rc;
}

/* Read every data file, each whatever the others hold, so that one run
 * reports every bad line. QRY_OK, QRY_ERR_CONFIG or QRY_ERR_NOMEM. */
static int load_data(weapons *w, const wpn_reader *rd, const qry_diag_service *diag)
{
    const qry_host *host = w->host;
    int bad = 0;
    int rc = load_gazetteer(w, rd, host->option(host, "gazetteer"), 0);
    if (rc == QRY_ERR_CONFIG) {
        bad++;
        rc = QRY_OK;
    }
    const char *extra = host->option(host, "extra");
    if (rc == QRY_OK && extra)
        rc = load_extra(w, rd, diag, extra, &bad);
    int classes = 1;
    if (host->option_bool(host, "generic_classes", &classes) != QRY_OK)
        classes = 1;
    if (rc == QRY_OK && classes) {
        rc = wpn_generic_load(rd, host->option(host, "generic"), &w->gen);
        if (rc == QRY_ERR_CONFIG) {
            bad++;
            rc = QRY_OK;
        }
    }
    if (rc == QRY_OK) {
        const char *names[WPN_N_LISTS];
        for (int l = 0; l < WPN_N_LISTS; l++)
            names[l] = host->option(host, opt_lists[l].name);
        rc = wpn_words_load(&w->words, rd, names, host->option(host, "head_fits"));
        if (rc == QRY_ERR_CONFIG) {
            bad++;
            rc = QRY_OK;
        }
    }
    if (rc == QRY_OK && bad) {
        host->set_error(host, NULL, "%d bad data file%s or option value%s; each problem is reported with its line",
                        bad, bad == 1 ? "" : "s", bad == 1 ? "" : "s");
        rc = QRY_ERR_CONFIG;
    }
    return rc;
}

static int create(const qry_host *host, void **instance)
{
    *instance = NULL;
    const wpn_reader rd = {host, qry_service(host, QRY_SERVICE_TABLE), qry_service(host, QRY_SERVICE_TEXT)};
    const qry_diag_service *diag = qry_service(host, QRY_SERVICE_DIAG);
    if (!rd.table || !rd.text || !diag) {
        host->set_error(host, NULL,
                        "needs the quarry.table/1, quarry.text/1 and quarry.diag/1 services (quarry ABI 1.1 or "
                        "later); this quarry has ABI %u.%u",
                        (unsigned)host->abi_major, (unsigned)host->abi_minor);
        return QRY_ERR_UNSUPPORTED;
    }
    weapons *w = calloc(1, sizeof *w);
    if (!w || !(w->gaz = wpn_gaz_new())) {
        free(w);
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    w->host = host;
    w->text = rd.text;
    int rc = load_data(w, &rd, diag);
    if (rc == QRY_ERR_NOMEM)
        host->set_error(host, NULL, "out of memory");
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
static int run_generic(const weapons *w, const wpn_doc *d, unsigned what, const qry_span *windows,
                       size_t n_windows, wpn_cands *c, wpn_cands *marks, int *grc, char *err, size_t errsz)
{
    char e[512] = "";
    int rc = wpn_generic_match(w->gen, d, what, windows, n_windows, c, marks, e, sizeof e);
    if (rc == QRY_ERR_NOMEM)
        return rc;
    if (rc != QRY_OK && *grc == QRY_OK) {
        *grc = rc;
        snprintf(err, errsz, "%s", e);
    }
    return QRY_OK;
}

/* The sentences holding a candidate as byte windows, runs of neighbouring
 * sentences merged: a mark matters only there. With weak_only, the
 * sentences holding a weak candidate and their neighbours (where its
 * context may be). *n = 0 when none; QRY_OK or QRY_ERR_NOMEM. */
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
        if (s >= doc->n_sentences || (weak_only && c->v[i].needs != WPN_NEEDS_CONTEXT))
            continue;
        has[s] = 1;
        if (weak_only) {
            has[s + 1 < doc->n_sentences ? s + 1 : s] = 1;
            has[s > 0 ? s - 1 : s] = 1;
        }
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
static int run_marks(const weapons *w, const wpn_doc *d, unsigned what, int weak_only, wpn_cands *c,
                     wpn_cands *marks, int *grc, char *err, size_t errsz)
{
    qry_span *win;
    size_t n;
    if (candidate_sentences(d->view, c, weak_only, &win, &n) != QRY_OK)
        return QRY_ERR_NOMEM;
    int rc = n ? run_generic(w, d, what, win, n, c, marks, grc, err, errsz) : QRY_OK;
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
    const wpn_doc d = {.view = doc, .text = w->text, .words = w->words};
    wpn_cands c = {0}, marks = {0};
    char err[512] = "";
    int grc = QRY_OK;
    int rc = wpn_match_gazetteer(w->gaz, &d, &c);
    if (rc == QRY_OK && w->gen)
        rc = run_generic(w, &d, WPN_RUN_MENTIONS, NULL, 0, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK && w->gen && c.n > 0)
        rc = run_marks(w, &d, WPN_RUN_NOT, 0, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK && w->gen && wpn_screen_needs_cues(&c))
        rc = run_marks(w, &d, WPN_RUN_CUE, 1, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK)
        rc = wpn_screen(&d, &c, &marks);
    if (rc == QRY_OK) {
        wpn_join_overlaps(&c);
        rc = wpn_resolve(doc, &c);
    }
    if (rc == QRY_OK && w->gen && wpn_join_needs_modifiers(&d, &c))
        rc = run_marks(w, &d, WPN_RUN_MODIFIER, 0, &c, &marks, &grc, err, sizeof err);
    if (rc == QRY_OK)
        rc = wpn_join_adjacent(&d, &c, &marks);
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
    .version = "1.1.0",
    .description = "Weapon systems, munitions and military platforms (gazetteer + generic classes)",
    .entity_types = entity_types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = create,
    .process = process,
    .destroy = destroy,
    .attributes = attributes,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
