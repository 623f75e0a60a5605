/* money.c -- the money plugin: monetary amounts in English news text.
 *
 * Emits entity type "money" with attributes
 *   value     the amount in units of the currency (attr_double); absent for
 *             ranges and vague amounts ("tens of billions of dollars")
 *   currency  ISO 4217 code ("$" and "dollars" give the default_dollar option)
 *   approx    the qualifier before the amount, lower case ("nearly",
 *             "more than"), or the vague phrase ("tens of billions")
 *   min, max  both ends of a range ("$1-2 billion", "between 12 euros and 15 euros")
 *
 * Data (conf/money/): currencies.tsv (forms -> ISO 4217), scales.tsv
 * (million, bn, crore...), qualifiers.tsv (nearly, more than; tens of...).
 * Everything is loaded and compiled in create(); process() only reads the
 * lexicon and allocates its own PCRE2 match data, so the plugin is
 * QRY_THREAD_REENTRANT.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

#define PATH_BUF 4096

typedef struct money {
    const qry_host *host;
    const qry_diag_service *diag;
    mny_reader reader; /* the tables, through quarry.table/1 */
    mny_lexicon lx;
    int vague;
} money;

static const qry_option_spec opt_currencies = {
    .name = "currencies", .type = QRY_OPT_PATH, .default_value = "money/currencies.tsv",
    .help = "currency table: form, ISO 4217 code, place (pre/post/both), flags"};
static const qry_option_spec opt_scales = {
    .name = "scales", .type = QRY_OPT_PATH, .default_value = "money/scales.tsv",
    .help = "scale words: form, multiplier, flags (cs, attach, plural)"};
static const qry_option_spec opt_qualifiers = {
    .name = "qualifiers", .type = QRY_OPT_PATH, .default_value = "money/qualifiers.tsv",
    .help = "qualifier phrases: phrase, approx|vague"};
static const qry_option_spec opt_extra = {
    .name = "extra", .type = QRY_OPT_LIST, .default_value = NULL,
    .help = "extra currency tables in the currencies.tsv format, loaded in order; a form they repeat is replaced"};
static const qry_option_spec opt_dollar = {
    .name = "default_dollar", .type = QRY_OPT_STRING, .default_value = "USD",
    .help = "ISO 4217 code for an unqualified \"$\" or \"dollars\""};
static const qry_option_spec opt_vague = {
    .name = "vague", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "also report amounts without a value (\"tens of billions of dollars\")"};
static const qry_option_spec *const options[] = {&opt_currencies, &opt_scales, &opt_qualifiers, &opt_extra,
                                                 &opt_dollar,     &opt_vague,  NULL};
static const char *const entity_types[] = {"money", NULL};

static const qry_attr_spec attr_value = QRY_ATTR_SPEC(
    "money", "value", QRY_ATTR_DOUBLE, "the amount in units of the currency; absent for ranges and vague amounts");
static const qry_attr_spec attr_currency =
    QRY_ATTR_SPEC("money", "currency", QRY_ATTR_STRING, "ISO 4217 code (default_dollar for a bare $ or dollars)");
static const qry_attr_spec attr_approx = QRY_ATTR_SPEC(
    "money", "approx", QRY_ATTR_STRING, "the qualifier before the amount (\"nearly\") or the vague phrase (\"tens of billions\")");
static const qry_attr_spec attr_min = QRY_ATTR_SPEC("money", "min", QRY_ATTR_DOUBLE, "the lower end of a range");
static const qry_attr_spec attr_max = QRY_ATTR_SPEC("money", "max", QRY_ATTR_DOUBLE, "the upper end of a range");
static const qry_attr_spec *const attributes[] = {&attr_value, &attr_currency, &attr_approx, &attr_min, &attr_max,
                                                  NULL};

static void destroy(void *instance)
{
    money *m = instance;
    if (!m)
        return;
    mny_lexicon_free(&m->lx);
    free(m);
}

typedef int (*loader)(mny_lexicon *lx, const mny_reader *rd, const char *name);

/* Load the table `name` that option `option` names, counting a failure in
 * *bad so that create() reads every table and reports every bad line
 * before it gives up. QRY_OK or QRY_ERR_NOMEM. */
static int load_one(money *m, const char *option, const char *name, loader fn, int *bad)
{
    int rc = QRY_ERR_CONFIG;
    if (!name || !*name)
        m->diag->option_error(m->host, option, "names no file");
    else
        rc = fn(&m->lx, &m->reader, name);
    if (rc == QRY_ERR_CONFIG) {
        ++*bad;
        rc = QRY_OK;
    }
    return rc;
}

/* Each comma-separated item of the `extra` option, in order. */
static int load_extra(money *m, const char *list, int *bad)
{
    int rc = QRY_OK;
    for (const char *p = list; rc == QRY_OK && *p; p += *p == ',') {
        p += strspn(p, " \t");
        size_t n = strcspn(p, ",");
        while (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
            n--;
        char name[PATH_BUF];
        if (n >= sizeof name) {
            m->diag->option_error(m->host, "extra", "a file name is longer than %d bytes", PATH_BUF - 1);
            ++*bad;
        } else if (n) {
            snprintf(name, sizeof name, "%.*s", (int)n, p);
            rc = load_one(m, "extra", name, mny_load_currencies, bad);
        }
        p += strcspn(p, ",");
    }
    return rc;
}

static int create(const qry_host *host, void **instance)
{
    *instance = NULL;
    const qry_table_service *table = qry_service(host, QRY_SERVICE_TABLE);
    const qry_diag_service *diag = qry_service(host, QRY_SERVICE_DIAG);
    if (!table || !diag) {
        host->set_error(host, NULL,
                        "needs the quarry.table/1 and quarry.diag/1 services (quarry ABI 1.1 or later); this "
                        "quarry has ABI %u.%u",
                        (unsigned)host->abi_major, (unsigned)host->abi_minor);
        return QRY_ERR_UNSUPPORTED;
    }
    money *m = calloc(1, sizeof *m);
    if (!m) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    m->host = host;
    m->diag = diag;
    m->reader = (mny_reader){host, table};
    mny_lexicon_init(&m->lx);
    /* every table is read and every option checked before giving up, so
     * one run of `quarry check` shows every problem */
    int bad = 0;
    const char *dollar = host->option(host, "default_dollar");
    if (!dollar)
        dollar = opt_dollar.default_value;
    if (!mny_valid_iso(dollar)) {
        diag->option_error(host, "default_dollar", "'%s' is not an ISO 4217 code (three capital letters)", dollar);
        bad++;
    }
    int rc = load_one(m, "currencies", host->option(host, "currencies"), mny_load_currencies, &bad);
    const char *extra = host->option(host, "extra");
    if (rc == QRY_OK && extra)
        rc = load_extra(m, extra, &bad);
    if (rc == QRY_OK)
        rc = load_one(m, "scales", host->option(host, "scales"), mny_load_scales, &bad);
    if (rc == QRY_OK)
        rc = load_one(m, "qualifiers", host->option(host, "qualifiers"), mny_load_phrases, &bad);
    if (rc == QRY_OK && bad) {
        host->set_error(host, NULL, "%d bad option value%s or data file%s; each problem is reported with its line",
                        bad, bad == 1 ? "" : "s", bad == 1 ? "" : "s");
        rc = QRY_ERR_CONFIG;
    }
    if (rc == QRY_ERR_NOMEM)
        host->set_error(host, NULL, "out of memory");
    if (rc == QRY_OK && host->option_bool(host, "vague", &m->vague) != QRY_OK)
        m->vague = 1;
    if (rc == QRY_OK) {
        char err[512] = "";
        rc = mny_lexicon_compile(&m->lx, dollar, err, sizeof err);
        if (rc != QRY_OK)
            host->set_error(host, NULL, "%s", err);
    }
    if (rc != QRY_OK) {
        destroy(m);
        return rc;
    }
    host->log(host, QRY_LOG_DEBUG, "%zu currency forms, %zu scale words, %zu qualifier phrases", m->lx.n_cur,
              m->lx.n_scale, m->lx.n_phrase);
    *instance = m;
    return QRY_OK;
}

static int emit_one(const qry_host *h, qry_sink *sink, const mny_amount *a)
{
    int id = h->emit(h, sink, "money", a->start, a->end);
    if (id < 0)
        return id;
    int rc = QRY_OK;
    if (a->has_value)
        rc = h->attr_double(h, sink, id, "value", a->value);
    if (rc == QRY_OK)
        rc = h->attr_string(h, sink, id, "currency", a->iso, strlen(a->iso));
    if (rc == QRY_OK && a->approx[0])
        rc = h->attr_string(h, sink, id, "approx", a->approx, strlen(a->approx));
    if (rc == QRY_OK && a->is_range)
        rc = h->attr_double(h, sink, id, "min", a->min);
    if (rc == QRY_OK && a->is_range)
        rc = h->attr_double(h, sink, id, "max", a->max);
    return rc;
}

static int process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    money *m = instance;
    const qry_host *h = m->host;
    mny_ctx c = {.lx = &m->lx,
                 .text = doc->text,
                 .len = doc->text_len,
                 .paras = doc->paragraphs,
                 .n_paras = doc->n_paragraphs};
    c.md = pcre2_match_data_create(4, NULL);
    if (!c.md) {
        h->set_error(h, sink, "out of memory");
        return QRY_ERR_NOMEM;
    }
    mny_amounts found = {0};
    int rc = mny_find(&c, doc, m->vague, &found);
    for (size_t i = 0; rc == QRY_OK && i < found.n; i++)
        rc = emit_one(h, sink, &found.v[i]);
    free(found.v);
    pcre2_match_data_free(c.md);
    if (rc == QRY_ERR_NOMEM) {
        h->set_error(h, sink, "out of memory");
        return rc;
    }
    if (rc != QRY_OK) {
        h->set_error(h, sink, "emitting an amount failed (%d)", rc);
        return QRY_ERR_INTERNAL;
    }
    if (c.limit_hit) {
        h->set_error(h, sink, "a pattern hit the PCRE2 match limit; some amounts may be missing");
        return QRY_ERR_LIMIT;
    }
    return QRY_OK;
}

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "money",
    .version = "1.1.0",
    .description = "Monetary amounts ($2.4bn, 2.4 billion euros, USD 5m) normalized to value + ISO 4217 currency",
    .entity_types = entity_types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = create,
    .process = process,
    .destroy = destroy,
    .attributes = attributes,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
