/* quotes.c -- the quotes plugin: direct quotations, reported speech, and
 * who said them.
 *
 * Emits entity type "quote" spanning the words inside the marks (marks
 * excluded) and type "reported" spanning the content of an attribution
 * without marks ("X said (that) CLAUSE"), both with attributes
 *   speaker        the speaker's fullest name in the document, or an
 *                  organisation as written (absent when unknown)
 *   speaker_start  byte offsets of the mention the speaker came from
 *   speaker_end    ("he", "Stoltenberg", "the secretary general")
 *   speaker_kind   "person", "organisation" or "unresolved"
 *   cue            the reporting verb, lower case as written ("said",
 *                  "told", "according to"); absent when there is none
 *   kind           "fragment" for scare quotes and one-word quotations,
 *                  "direct" for other quotes, "indirect" for reported speech
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

#define PATH_BUF 4096

typedef struct quotes_plugin {
    const qry_host *host;
    const qry_entities_service *ents; /* what earlier stages found; NULL in an older core */
    const qry_text_service *text;     /* Unicode classes and case folding */
    qt_lexicon lex;
    int fragments;           /* report fragments too */
    int reported;            /* report reported speech too */
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
static const qry_option_spec opt_male = {
    .name = "names_male", .type = QRY_OPT_PATH, .default_value = "quotes/names_male.txt",
    .help = "given names of men: a \"he\" may refer to them (donald, olaf)"};
static const qry_option_spec opt_female = {
    .name = "names_female", .type = QRY_OPT_PATH, .default_value = "quotes/names_female.txt",
    .help = "given names of women: a \"she\" may refer to them (hillary, angela)"};
static const qry_option_spec opt_male_titles = {
    .name = "titles_male", .type = QRY_OPT_PATH, .default_value = "quotes/titles_male.txt",
    .help = "titles that make the person a man (mr, sir)"};
static const qry_option_spec opt_female_titles = {
    .name = "titles_female", .type = QRY_OPT_PATH, .default_value = "quotes/titles_female.txt",
    .help = "titles that make the person a woman (mrs, ms)"};
static const qry_option_spec opt_places = {
    .name = "places", .type = QRY_OPT_PATH, .default_value = "quotes/places.txt",
    .help = "place names (one or two words) that are never a person (france, new york)"};
static const qry_option_spec opt_listeners = {
    .name = "listeners", .type = QRY_OPT_PATH, .default_value = "quotes/listeners.txt",
    .help = "cues whose object is the listener, never the speaker (told, asked)"};
static const qry_option_spec opt_reporting = {
    .name = "reporting", .type = QRY_OPT_PATH, .default_value = "quotes/reporting.txt",
    .help = "verbs that introduce reported speech: X said (that) CLAUSE"};
static const qry_option_spec opt_works = {
    .name = "works", .type = QRY_OPT_PATH, .default_value = "quotes/works.txt",
    .help = "kinds of works and roles in them (show, film, star): a title-case quotation beside one is a title"};
static const qry_option_spec opt_object_verbs = {
    .name = "object_verbs", .type = QRY_OPT_PATH, .default_value = "quotes/object_verbs.txt",
    .help = "verbs whose object is what was said: X called Y a Z, X urged Y to Z, X called for Y"};
static const qry_option_spec opt_utterances = {
    .name = "utterances", .type = QRY_OPT_PATH, .default_value = "quotes/utterances.txt",
    .help = "nouns for what was said (remarks, statement, tweet): in \"Varga's remarks\" Varga is the speaker"};
static const qry_option_spec opt_speakers = {
    .name = "speakers", .type = QRY_OPT_PATH, .default_value = "quotes/speakers.txt",
    .help = "nouns for people and groups (neighbour, critics): a description they head may speak"};
static const qry_option_spec opt_fragments = {
    .name = "fragments", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "also report scare quotes and one-word quotations (kind=fragment)"};
static const qry_option_spec opt_reported = {
    .name = "reported", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "also report reported speech without quotation marks (type reported)"};
static const qry_option_spec opt_max_par = {
    .name = "max_paragraphs", .type = QRY_OPT_INT, .default_value = "20",
    .help = "most paragraphs one quotation may run over (each opening with a mark)"};
static const qry_option_spec *const options[] = {
    &opt_cues,          &opt_titles, &opt_nonnames,  &opt_orgwords,  &opt_male,     &opt_female,
    &opt_male_titles,   &opt_female_titles, &opt_places, &opt_listeners, &opt_reporting, &opt_works, &opt_object_verbs, &opt_utterances, &opt_speakers, &opt_fragments, &opt_reported,
    &opt_max_par,       NULL};
static const char *const entity_types[] = {"quote", "reported", NULL};

/* Each word list option and the set it fills. */
#define N_LISTS 15
static qt_wordset *list_of(qt_lexicon *lex, size_t i, const qry_option_spec **opt)
{
    static const qry_option_spec *const specs[N_LISTS] = {&opt_cues,        &opt_titles,        &opt_nonnames,
                                                          &opt_orgwords,    &opt_male,          &opt_female,
                                                          &opt_male_titles, &opt_female_titles, &opt_places,
                                                          &opt_listeners,   &opt_reporting,     &opt_works, &opt_object_verbs, &opt_utterances,
                                                          &opt_speakers};
    qt_wordset *sets[N_LISTS] = {&lex->cues,        &lex->titles,        &lex->nonnames, &lex->orgwords,
                                 &lex->male,        &lex->female,        &lex->male_titles,
                                 &lex->female_titles, &lex->places,      &lex->listeners, &lex->reporting, &lex->works, &lex->object_verbs, &lex->utterances,
                                 &lex->speakers};
    *opt = specs[i];
    return sets[i];
}

static void destroy(void *instance)
{
    quotes_plugin *p = instance;
    if (!p)
        return;
    const qry_option_spec *opt;
    for (size_t i = 0; i < N_LISTS; i++)
        qt_wordset_free(list_of(&p->lex, i, &opt));
    free(p);
}

static int load_list(const qt_tables *tb, const qry_option_spec *opt, qt_wordset *ws)
{
    const qry_host *h = tb->host;
    const char *name = h->option(h, opt->name);
    char err[PATH_BUF + 128];
    if (!name || !*name) {
        h->set_error(h, NULL, "%s: no word list named", opt->name);
        return QRY_ERR_CONFIG;
    }
    int rc = qt_wordset_load(ws, tb, name, err, sizeof err);
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
    p->ents = qry_service(host, QRY_SERVICE_ENTITIES);
    p->text = qry_service(host, QRY_SERVICE_TEXT);
    const qt_tables tb = {host, qry_service(host, QRY_SERVICE_TABLE)};
    if (!tb.svc || !p->text) {
        host->set_error(host, NULL, "needs the table and text services of quarry's plugin ABI 1.1 (this core has ABI %u.%u)",
                        host->abi_major, host->abi_minor);
        free(p);
        return QRY_ERR_UNSUPPORTED;
    }
    int rc = QRY_OK, failed = QRY_OK;
    for (size_t i = 0; rc != QRY_ERR_NOMEM && i < N_LISTS; i++) { /* every list: all problems in one pass */
        const qry_option_spec *opt;
        qt_wordset *ws = list_of(&p->lex, i, &opt);
        rc = load_list(&tb, opt, ws);
        if (rc != QRY_OK && failed == QRY_OK)
            failed = rc;
    }
    rc = rc == QRY_ERR_NOMEM ? rc : failed;
    int64_t maxp = 20;
    if (rc == QRY_OK && host->option_int(host, "max_paragraphs", &maxp) == QRY_OK && (maxp < 1 || maxp > 100000)) {
        host->set_error(host, NULL, "max_paragraphs must be between 1 and 100000 (got %lld)", (long long)maxp);
        rc = QRY_ERR_CONFIG;
    }
    p->max_paragraphs = (uint32_t)maxp;
    p->fragments = 1;
    if (rc == QRY_OK && host->option_bool(host, "fragments", &p->fragments) != QRY_OK)
        p->fragments = 1;
    p->reported = 1;
    if (rc == QRY_OK && host->option_bool(host, "reported", &p->reported) != QRY_OK)
        p->reported = 1;
    if (rc != QRY_OK) {
        destroy(p);
        return rc;
    }
    host->log(host, QRY_LOG_DEBUG, "%zu cues, %zu titles, %zu non-names, %zu organization words, %zu+%zu given names",
              p->lex.cues.n, p->lex.titles.n, p->lex.nonnames.n, p->lex.orgwords.n, p->lex.male.n, p->lex.female.n);
    *instance = p;
    return QRY_OK;
}

static const char *kind_name(int kind)
{
    return kind == QT_KIND_PERSON ? "person" : (kind == QT_KIND_ORG || kind == QT_KIND_PLACE) ? "organisation"
                                                                                              : "unresolved";
}

/* The cue as emitted: its words in lower case, one space apart. */
static size_t cue_text(const qt_ctx *c, const qt_quote *q, char *buf, size_t bufsz)
{
    size_t n = 0;
    for (size_t t = q->cue_tok; t < (size_t)q->cue_tok + q->cue_len; t++) {
        size_t m;
        const char *s = qt_tok_text(c, t, &m);
        if (n && n + 1 < bufsz)
            buf[n++] = ' ';
        for (size_t i = 0; i < m && n + 1 < bufsz; i++)
            buf[n++] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    }
    buf[n] = '\0';
    return n;
}

static int emit_one(const qry_host *h, const qt_ctx *c, qry_sink *sink, const qt_quote *q)
{
    int id = h->emit(h, sink, q->reported ? "reported" : "quote", q->start, q->end);
    if (id < 0)
        return id;
    int rc = QRY_OK;
    char buf[QT_NAME_MAX];
    if (q->has_speaker && q->name_a < q->name_e) {
        qt_copy_tokens(c, q->name_a, q->name_e, buf, sizeof buf);
        rc = h->attr_string(h, sink, id, "speaker", buf, strlen(buf));
    }
    if (rc == QRY_OK && q->has_mention) {
        rc = h->attr_int(h, sink, id, "speaker_start", q->sp_start);
        if (rc == QRY_OK)
            rc = h->attr_int(h, sink, id, "speaker_end", q->sp_end);
    }
    const char *sk = kind_name(q->has_speaker ? q->speaker_kind : QT_KIND_UNKNOWN);
    if (rc == QRY_OK)
        rc = h->attr_string(h, sink, id, "speaker_kind", sk, strlen(sk));
    size_t n = q->cue_len ? cue_text(c, q, buf, QT_CUE_MAX) : 0;
    if (rc == QRY_OK && n)
        rc = h->attr_string(h, sink, id, "cue", buf, n);
    const char *kind = q->reported ? "indirect" : q->fragment ? "fragment" : "direct";
    if (rc == QRY_OK)
        rc = h->attr_string(h, sink, id, "kind", kind, strlen(kind));
    return rc;
}

/* The words this document writes as a person's surname, after a given
 * name or a title ("Alicia Kearns", "Mr Bolton"): one hash over their
 * bytes, built in one pass, so a place reading of the same word elsewhere
 * ("Bolton said") gives way to the person. */
typedef struct surnames {
    uint32_t *slot; /* token index + 1, 0 empty */
    size_t mask;
} surnames;

static uint64_t bytes_hash(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
    return h;
}

static int after_given_name(const qt_ctx *c, size_t t)
{
    const qry_doc_view *d = c->doc;
    if (t == 0 || !qt_tok_cap(c, t) || !qt_tok_cap(c, t - 1) || !(d->tokens[t].flags & QRY_TOK_SPACE_BEFORE))
        return 0;
    return qt_tok_in(c, t - 1, &c->lex->male) || qt_tok_in(c, t - 1, &c->lex->female) ||
           qt_tok_in(c, t - 1, &c->lex->male_titles) || qt_tok_in(c, t - 1, &c->lex->female_titles);
}

static int surnames_build(const qt_ctx *c, surnames *sn)
{
    size_t count = 0, cap = 16;
    for (size_t t = 1; t < c->doc->n_tokens; t++)
        count += after_given_name(c, t);
    while (cap < 2 * count)
        cap *= 2;
    if (!(sn->slot = calloc(cap, sizeof *sn->slot)))
        return QRY_ERR_NOMEM;
    sn->mask = cap - 1;
    for (size_t t = 1; count && t < c->doc->n_tokens; t++) {
        if (!after_given_name(c, t))
            continue;
        size_t n;
        const char *w = qt_tok_text(c, t, &n);
        size_t k = (size_t)bytes_hash(w, n) & sn->mask;
        while (sn->slot[k])
            k = (k + 1) & sn->mask;
        sn->slot[k] = (uint32_t)t + 1;
    }
    return QRY_OK;
}

static int is_surname(const qt_ctx *c, const surnames *sn, const char *w, size_t n)
{
    for (size_t k = (size_t)bytes_hash(w, n) & sn->mask; sn->slot[k]; k = (k + 1) & sn->mask) {
        size_t m;
        const char *s = qt_tok_text(c, sn->slot[k] - 1, &m);
        if (m == n && memcmp(s, w, n) == 0)
            return 1;
    }
    return 0;
}

/* What the stages before this one found marks the tokens it covers: a
 * place is never a person who speaks ("one grower near Izmail told local
 * radio") and never what "he" refers to; an organisation speaks as one.
 * A place name the document also writes as a surname is left alone: the
 * place reading is the earlier stage's guess, the person is the text's. */
static int mark_earlier(const quotes_plugin *p, qry_sink *sink, const qt_ctx *c, qt_known *known)
{
    size_t n = 0;
    const qry_entity *const *earlier = p->ents ? p->ents->list(p->host, sink, &n) : NULL;
    if (!n)
        return QRY_OK;
    surnames sn = {0};
    if (surnames_build(c, &sn) != QRY_OK)
        return QRY_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const qry_entity *e = earlier[i];
        int kind = QT_KIND_UNKNOWN;
        if (strcmp(e->type, "location") == 0) {
            /* "Black Sea" in "Black Sea Fleet", "Ukrainian": not a place that speaks */
            const qry_attr *in_org = p->ents->attr(e, "in_org"), *demonym = p->ents->attr(e, "demonym");
            if ((in_org && in_org->i) || (demonym && demonym->i) ||
                is_surname(c, &sn, c->doc->text + e->start, e->end - e->start))
                continue;
            kind = QT_KIND_PLACE;
        } else if (strcmp(e->type, "org") == 0) {
            kind = QT_KIND_ORG;
        } else if (strcmp(e->type, "person") == 0) {
            kind = QT_KIND_PERSON;
        }
        if (kind != QT_KIND_UNKNOWN)
            qt_known_mark(c, known, (uint32_t)e->start, (uint32_t)e->end, kind);
    }
    free(sn.slot);
    return QRY_OK;
}

static int process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    const quotes_plugin *p = instance;
    const qry_host *h = p->host;
    qt_layout layout = {0};
    qt_known known = {0};
    qt_ctx c = {doc, &p->lex, &layout, &known, p->text};
    qt_quotes qs = {0}, rs = {0};
    qt_names names = {0};
    int rc = qt_layout_build(doc, &layout);
    if (rc == QRY_OK)
        rc = qt_find_quotes(&c, p->max_paragraphs, &qs);
    if (rc == QRY_OK && (qs.n > 0 || p->reported)) {
        rc = qt_known_build(&c, &known);
        if (rc == QRY_OK)
            rc = mark_earlier(p, sink, &c, &known);
    }
    if (rc == QRY_OK && (qs.n > 0 || p->reported))
        rc = qt_find_names(&c, &names);
    if (rc == QRY_OK && qs.n > 0)
        qt_attribute(&c, &names, &qs);
    if (rc == QRY_OK && p->reported)
        rc = qt_find_reported(&c, &names, &qs, &rs);
    if (rc == QRY_OK && rs.n > 0)
        qt_inherit_reported(&c, &qs, &rs);
    if (rc == QRY_OK && known.names && known.names->failed)
        rc = QRY_ERR_NOMEM; /* the lazily built name table (qt_attested_name) */
    for (size_t i = 0; rc == QRY_OK && i < qs.n; i++)
        if ((p->fragments || !qs.v[i].fragment) && !qs.v[i].work_title)
            rc = emit_one(h, &c, sink, &qs.v[i]);
    for (size_t i = 0; rc == QRY_OK && i < rs.n; i++)
        rc = emit_one(h, &c, sink, &rs.v[i]);
    qt_quotes_free(&qs);
    qt_quotes_free(&rs);
    qt_names_free(&names);
    qt_known_free(&known);
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

/* Places and organisations found by earlier stages (locations; a rules
 * stage's person and org types) decide who can be a speaker. */
static const char *const consumes[] = {"location", "person", "org", NULL};

#define QT_ATTR(t, n, ty, h) static const qry_attr_spec attr_##t##_##n = QRY_ATTR_SPEC(#t, #n, ty, h)
#define QT_ATTRS(t)                                                                                      \
    QT_ATTR(t, speaker, QRY_ATTR_STRING, "the speaker's fullest name in the document, or an organisation"); \
    QT_ATTR(t, speaker_start, QRY_ATTR_INT, "byte offset of the mention the speaker came from");            \
    QT_ATTR(t, speaker_end, QRY_ATTR_INT, "end of that mention (exclusive)");                               \
    QT_ATTR(t, speaker_kind, QRY_ATTR_STRING, "person, organisation or unresolved");                        \
    QT_ATTR(t, cue, QRY_ATTR_STRING, "the reporting verb, lower case as written: said, told, according to"); \
    QT_ATTR(t, kind, QRY_ATTR_STRING, "direct or fragment (quote), indirect (reported)")
QT_ATTRS(quote);
QT_ATTRS(reported);
static const qry_attr_spec *const attributes[] = {
    &attr_quote_speaker,    &attr_quote_speaker_start,    &attr_quote_speaker_end,    &attr_quote_speaker_kind,
    &attr_quote_cue,        &attr_quote_kind,             &attr_reported_speaker,     &attr_reported_speaker_start,
    &attr_reported_speaker_end, &attr_reported_speaker_kind, &attr_reported_cue,     &attr_reported_kind,
    NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "quotes",
    .version = "1.1.0",
    .description = "Direct quotations and reported speech with their speaker and reporting verb",
    .entity_types = entity_types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = create,
    .process = process,
    .destroy = destroy,
    .consumes = consumes,
    .attributes = attributes,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
