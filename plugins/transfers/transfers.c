/* transfers.c -- the transfers plugin: who gives which weapons or how much
 * money to whom, built on the weapon, money and location entities of the
 * stages before it (see transfers.h for the files, docs/plugins/transfers.md
 * for what it finds). */
#include <stdlib.h>
#include <string.h>

#include "transfers.h"

typedef struct transfers {
    const qry_host *host;
    const qry_entities_service *ents; /* NULL in a core without stage composition: then nothing to do */
    const qry_text_service *text;     /* NULL in a 1.0 core: ASCII folding */
    tr_lexicon lexicon;
    tr_gazetteer gazetteer;
    tr_settings settings;
    int with_money;
} transfers;

static void transfers_destroy(void *instance)
{
    transfers *t = instance;
    if (!t)
        return;
    tr_lexicon_free(&t->lexicon);
    tr_gazetteer_free(&t->gazetteer);
    free(t);
}

static int is_org(const tr_gazetteer *gz, const char *code)
{
    for (size_t i = 0; i < gz->n_entries; i++)
        if (gz->entries[i].word == TR_W_ACTOR && gz->entries[i].kind == TR_ACT_ORG &&
            strcmp(gz->entries[i].code, code) == 0)
            return 1;
    return 0;
}

/* Options that need more than the core's type check; each problem is
 * reported where the user wrote it. */
static int read_settings(transfers *t, const qry_diag_service *diag)
{
    const qry_host *h = t->host;
    int rc = QRY_OK;
    int64_t window = 30;
    h->option_int(h, "window", &window);
    if (window < 3 || window > 200) {
        if (diag)
            diag->option_error(h, "window", "%lld is out of range: a window of 3 to 200 tokens",
                               (long long)window);
        else
            h->set_error(h, NULL, "window: %lld is out of range (3 to 200 tokens)", (long long)window);
        rc = QRY_ERR_CONFIG;
    }
    t->settings.window = (int)window;
    h->option_bool(h, "money", &t->with_money);
    h->option_bool(h, "article_recipient", &t->settings.article_recipient);
    const char *dr = h->option(h, "default_recipient");
    if (dr && *dr) {
        size_t n = strlen(dr);
        int alpha2 = n == 2 && dr[0] >= 'A' && dr[0] <= 'Z' && dr[1] >= 'A' && dr[1] <= 'Z';
        if (n >= TR_CODE_MAX || (!alpha2 && !is_org(&t->gazetteer, dr))) {
            if (diag)
                diag->option_error(h, "default_recipient",
                                   "'%s' is neither an ISO 3166-1 alpha-2 code (\"UA\") nor an org of actors.tsv",
                                   dr);
            else
                h->set_error(h, NULL, "default_recipient: '%s' is neither an ISO alpha-2 code nor an org", dr);
            rc = QRY_ERR_CONFIG;
        } else {
            memcpy(t->settings.default_recipient, dr, n + 1);
        }
    }
    return rc;
}

static int transfers_create(const qry_host *host, void **instance)
{
    const qry_table_service *tables = qry_service(host, QRY_SERVICE_TABLE);
    if (!tables) {
        host->set_error(host, NULL, "needs a quarry with the quarry.table/1 service (ABI 1.1 or later)");
        return QRY_ERR_UNSUPPORTED;
    }
    transfers *t = calloc(1, sizeof *t);
    if (!t) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    t->host = host;
    t->ents = qry_service(host, QRY_SERVICE_ENTITIES);
    t->text = qry_service(host, QRY_SERVICE_TEXT);
    if (!t->ents)
        host->log(host, QRY_LOG_WARN, "this quarry offers no quarry.entities/1: no transfer will be found");
    int rc = tr_lexicon_load(&t->lexicon, host, tables, t->text, host->option(host, "triggers"),
                             host->option(host, "blockers"));
    int rc2 = rc == QRY_ERR_NOMEM ? rc
                                  : tr_gazetteer_load(&t->gazetteer, host, tables, t->text,
                                                      host->option(host, "countries"), host->option(host, "actors"));
    int rc3 = rc2 == QRY_ERR_NOMEM ? rc2 : read_settings(t, qry_service(host, QRY_SERVICE_DIAG));
    rc = rc ? rc : rc2 ? rc2 : rc3;
    if (rc != QRY_OK) {
        if (rc == QRY_ERR_NOMEM)
            host->set_error(host, NULL, "out of memory");
        else if (rc == QRY_ERR_CONFIG)
            host->set_error(host, NULL, "bad data file or option (each problem on a line of its own)");
        transfers_destroy(t);
        return rc;
    }
    *instance = t;
    return QRY_OK;
}

static int transfers_process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    const transfers *t = instance;
    const qry_host *h = t->host;
    if (!t->ents)
        return QRY_OK;
    size_t n = 0;
    const qry_entity *const *ents = t->ents->list(h, sink, &n);
    if (n == 0)
        return QRY_OK;
    tr_docview v;
    int rc = tr_docview_build(&v, doc, ents, n, t->ents, &t->lexicon, &t->gazetteer, t->text, t->with_money);
    tr_relation *rel = NULL;
    if (rc == QRY_OK && v.n_mentions) {
        rel = calloc(v.n_mentions, sizeof *rel);
        if (!rel)
            rc = QRY_ERR_NOMEM;
    }
    if (rc == QRY_OK && rel) {
        tr_relate_all(&v, &t->gazetteer, &t->settings, rel);
        for (size_t m = 0; m < v.n_mentions && rc == QRY_OK; m++)
            if (rel[m].status != TR_ST_NONE)
                rc = tr_emit(h, sink, t->ents, &v, m, &rel[m]);
    }
    if (rc == QRY_ERR_NOMEM)
        h->set_error(h, sink, "out of memory");
    free(rel);
    tr_docview_free(&v);
    return rc;
}

/* ---- the descriptor ---- */

static const qry_option_spec opt_triggers = {"triggers", QRY_OPT_PATH, "transfers/triggers.tsv",
                                             "the trigger lexicon: what says a mention moves, and how far", {0}};
static const qry_option_spec opt_blockers = {"blockers", QRY_OPT_PATH, "transfers/blockers.tsv",
                                             "what says it does not: combat, ownership, purchase, costs", {0}};
static const qry_option_spec opt_actors = {"actors", QRY_OPT_PATH, "transfers/actors.tsv",
                                           "organisations, government metonyms, leaders, demonym heads", {0}};
static const qry_option_spec opt_countries = {"countries", QRY_OPT_PATH, "transfers/countries.tsv",
                                              "demonyms and capitals of every country", {0}};
static const qry_option_spec opt_window = {"window", QRY_OPT_INT, "30",
                                           "how many tokens before a mention its trigger may stand (3-200)", {0}};
static const qry_option_spec opt_money = {"money", QRY_OPT_BOOL, "true", "relate money mentions too (aid sums)",
                                          {0}};
static const qry_option_spec opt_default_recipient = {
    "default_recipient", QRY_OPT_STRING, NULL,
    "the recipient when the text names none (an alpha-2 code or an org), before the article's subject", {0}};
static const qry_option_spec opt_article_recipient = {
    "article_recipient", QRY_OPT_BOOL, "true",
    "when the paragraph names no recipient, take the article's most named country", {0}};
static const qry_option_spec *const options[] = {&opt_triggers, &opt_blockers, &opt_actors, &opt_countries,
                                                 &opt_window, &opt_money, &opt_default_recipient,
                                                 &opt_article_recipient, NULL};

static const char *const types[] = {"transfer", NULL};
static const char *const consumes[] = {"weapon", "money", "location", NULL};

#define T "transfer"
static const qry_attr_spec a_status = QRY_ATTR_SPEC(T, "status", QRY_ATTR_STRING,
    "pledged, approved, delivered, requested, refused or considered");
static const qry_attr_spec a_trigger = QRY_ATTR_SPEC(T, "trigger", QRY_ATTR_STRING,
    "the word that set the status, as written (\"pledged\", \"asked\", \"for\")");
static const qry_attr_spec a_trigger_start = QRY_ATTR_SPEC(T, "trigger_start", QRY_ATTR_INT, "byte offset of the trigger");
static const qry_attr_spec a_trigger_end = QRY_ATTR_SPEC(T, "trigger_end", QRY_ATTR_INT, "byte offset after the trigger");
static const qry_attr_spec a_donor = QRY_ATTR_SPEC(T, "donor", QRY_ATTR_STRING,
    "who gives: ISO 3166-1 alpha-2, or an organisation's short name (NATO, EU); absent when unsaid");
static const qry_attr_spec a_donors = QRY_ATTR_SPEC(T, "donors", QRY_ATTR_STRING,
    "every donor of a list, comma-separated, when there are several (\"GB,FR\")");
static const qry_attr_spec a_donor_start = QRY_ATTR_SPEC(T, "donor_start", QRY_ATTR_INT, "byte offset of the donor's mention");
static const qry_attr_spec a_donor_end = QRY_ATTR_SPEC(T, "donor_end", QRY_ATTR_INT, "byte offset after the donor's mention");
static const qry_attr_spec a_donor_source = QRY_ATTR_SPEC(T, "donor_source", QRY_ATTR_STRING,
    "where the donor was read: sentence, or paragraph (what \"it\" stands for)");
static const qry_attr_spec a_recipient = QRY_ATTR_SPEC(T, "recipient", QRY_ATTR_STRING,
    "who receives, coded like donor");
static const qry_attr_spec a_recipient_start = QRY_ATTR_SPEC(T, "recipient_start", QRY_ATTR_INT,
    "byte offset of the recipient's mention, when it is one");
static const qry_attr_spec a_recipient_end = QRY_ATTR_SPEC(T, "recipient_end", QRY_ATTR_INT,
    "byte offset after the recipient's mention");
static const qry_attr_spec a_recipient_source = QRY_ATTR_SPEC(T, "recipient_source", QRY_ATTR_STRING,
    "sentence, paragraph (stated earlier), article (its most named country) or option (default_recipient)");
static const qry_attr_spec a_system = QRY_ATTR_SPEC(T, "system", QRY_ATTR_STRING,
    "for a weapon: its canonical name (the weapon entity's name)");
static const qry_attr_spec a_category = QRY_ATTR_SPEC(T, "category", QRY_ATTR_STRING,
    "for a weapon: its category (air_defense, artillery, ...)");
static const qry_attr_spec a_value = QRY_ATTR_SPEC(T, "value", QRY_ATTR_DOUBLE,
    "for money: the amount in units of the currency, when the money entity has one");
static const qry_attr_spec a_currency = QRY_ATTR_SPEC(T, "currency", QRY_ATTR_STRING, "for money: ISO 4217 code");
#undef T
static const qry_attr_spec *const attributes[] = {
    &a_status, &a_trigger, &a_trigger_start, &a_trigger_end, &a_donor, &a_donors, &a_donor_start, &a_donor_end,
    &a_donor_source, &a_recipient, &a_recipient_start, &a_recipient_end, &a_recipient_source, &a_system,
    &a_category, &a_value, &a_currency, NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "transfers",
    .version = "0.1.0",
    .description = "arms and aid transfers: who pledged, approved, delivered, requested, refused or considered "
                   "which weapons or sums, for whom",
    .entity_types = types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT, /* tables are read-only after create; process() allocates its own */
    .create = transfers_create,
    .process = transfers_process,
    .destroy = transfers_destroy,
    .consumes = consumes,
    .attributes = attributes,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
