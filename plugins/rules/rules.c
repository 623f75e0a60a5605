/* rules.c -- the rules plugin: descriptor, options, create/process/destroy.
 *
 * An instance holds only what its own options name, and process() keeps
 * its scratch on its own stack and heap, so one pipeline can run several
 * instances with different rule files and any number of workers can share
 * one instance (QRY_THREAD_REENTRANT: a 100,000-entry phrase list is
 * loaded once, not once per worker).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

typedef struct rl_instance {
    const qry_host *host;
    const qry_entities_service *ents; /* NULL in a 1.0 core: <type> never matches */
    rl_fold fold;
    rl_pool pool;
    rl_rules rules;
    rl_phrases *phrases;
    rl_patterns *patterns;
    rl_regexes *regexes;
    int overlap, trace, need_exact;
} rl_instance;

static void instance_free(rl_instance *in)
{
    if (!in)
        return;
    rl_phrases_free(in->phrases);
    rl_patterns_free(in->patterns);
    rl_regexes_free(in->regexes);
    free(in->rules.rules);
    rl_pool_free(&in->pool);
    free(in);
}

typedef int (*load_fn)(rl_loader *ld, void *set, const char *file);

static int load_phrases(rl_loader *ld, void *set, const char *file) { return rl_phrases_load(ld, set, file); }
static int load_patterns(rl_loader *ld, void *set, const char *file) { return rl_patterns_load(ld, set, file); }
static int load_regexes(rl_loader *ld, void *set, const char *file) { return rl_regexes_load(ld, set, file); }

/* Load every file the LIST option names; returns how many it names. Each
 * item is passed exactly as written, so the core can tie a report about
 * the file to the option's INI line. */
static size_t load_list(rl_loader *ld, const char *option, load_fn load, void *set)
{
    const char *v = ld->host->option(ld->host, option);
    size_t count = 0;
    while (v && *v && !ld->oom) {
        while (*v == ',' || *v == ' ' || *v == '\t')
            v++;
        const char *item = v;
        while (*v && *v != ',')
            v++;
        const char *end = v;
        while (end > item && (end[-1] == ' ' || end[-1] == '\t'))
            end--;
        if (end == item)
            continue;
        char name[4096];
        if ((size_t)(end - item) >= sizeof name) {
            if (ld->n_errors++ == 0)
                snprintf(ld->first_error, sizeof ld->first_error, "%s: a file name is too long", option);
            continue;
        }
        memcpy(name, item, (size_t)(end - item));
        name[end - item] = '\0';
        count++;
        load(ld, set, name);
    }
    return count;
}

static int rules_create(const qry_host *host, void **instance)
{
    const qry_table_service *tables = qry_service(host, QRY_SERVICE_TABLE);
    const qry_diag_service *diag = qry_service(host, QRY_SERVICE_DIAG);
    if (!tables) {
        host->set_error(host, NULL, "rule files are read through quarry.table/1: this quarry is too old (need ABI 1.1)");
        return QRY_ERR_UNSUPPORTED;
    }
    rl_instance *in = calloc(1, sizeof *in);
    if (!in || !(in->phrases = rl_phrases_new()) || !(in->patterns = rl_patterns_new()) ||
        !(in->regexes = rl_regexes_new())) {
        instance_free(in);
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    in->host = host;
    in->ents = qry_service(host, QRY_SERVICE_ENTITIES);
    int case_sensitive = 0, ignore_accents = 0;
    host->option_bool(host, "case_sensitive", &case_sensitive);
    host->option_bool(host, "ignore_accents", &ignore_accents);
    host->option_bool(host, "trace", &in->trace);
    rl_fold_init(&in->fold, qry_service(host, QRY_SERVICE_TEXT), ignore_accents);

    rl_loader ld = {.host = host, .tables = tables, .fold = &in->fold, .pool = &in->pool, .rules = &in->rules,
                    .case_sensitive = case_sensitive};
    const char *overlap = host->option(host, "overlap");
    if (overlap && strcmp(overlap, "all") == 0) {
        in->overlap = RL_OVERLAP_ALL;
    } else if (overlap && strcmp(overlap, "longest") != 0) {
        if (diag)
            diag->option_error(host, "overlap", "'%s' is neither 'longest' nor 'all'", overlap);
        ld.n_errors++;
        snprintf(ld.first_error, sizeof ld.first_error, "overlap: '%s' is neither 'longest' nor 'all'", overlap);
    }
    size_t files = load_list(&ld, "phrases", load_phrases, in->phrases);
    files += load_list(&ld, "patterns", load_patterns, in->patterns);
    files += load_list(&ld, "regexes", load_regexes, in->regexes);
    int rc = QRY_OK;
    if (ld.oom || in->pool.oom) {
        host->set_error(host, NULL, "out of memory while reading rule files");
        rc = QRY_ERR_NOMEM;
    } else if (ld.n_errors) {
        host->set_error(host, NULL, "%zu problem%s in the rules; the first: %s", ld.n_errors,
                        ld.n_errors == 1 ? "" : "s", ld.first_error);
        rc = QRY_ERR_CONFIG;
    } else if (!files) {
        host->set_error(host, NULL, "no rule files: set phrases, patterns or regexes in [%s] (docs/rules.md)",
                        host->plugin_name(host));
        rc = QRY_ERR_CONFIG;
    }
    if (rc != QRY_OK) {
        instance_free(in);
        return rc;
    }
    if (rl_patterns_need_entities(in->patterns) && !in->ents)
        host->log(host, QRY_LOG_WARN, "this quarry cannot show earlier stages' entities: <type> elements never match");
    if (!in->rules.n)
        host->log(host, QRY_LOG_WARN, "the rule files hold no rules");
    host->log(host, QRY_LOG_INFO, "%zu phrases, %zu patterns, %zu regular expressions",
              rl_phrases_count(in->phrases), rl_patterns_count(in->patterns), rl_regexes_count(in->regexes));
    in->need_exact = rl_phrases_need_exact(in->phrases) || rl_patterns_need_exact(in->patterns);
    *instance = in;
    return QRY_OK;
}

/* Earlier stages' entities snapped outwards to whole tokens. */
static int collect_entities(const rl_instance *in, const qry_doc_view *doc, qry_sink *sink, rl_doc_entities *de)
{
    size_t n = 0;
    const qry_entity *const *list = in->ents->list(in->host, sink, &n);
    de->items = n ? malloc(n * sizeof *de->items) : NULL;
    de->first_at = malloc((doc->n_tokens + 1) * sizeof *de->first_at);
    if ((n && !de->items) || !de->first_at)
        return QRY_ERR_NOMEM;
    size_t t = 0;
    for (size_t k = 0; k < n; k++) {
        const qry_entity *e = list[k];
        while (t < doc->n_tokens && doc->tokens[t].end <= e->start)
            t++;
        size_t u = t;
        while (u < doc->n_tokens && doc->tokens[u].start < e->end)
            u++;
        if (u > t)
            de->items[de->n++] = (rl_doc_entity){e, (uint32_t)t, (uint32_t)u};
    }
    for (size_t k = 0, i = 0; k <= doc->n_tokens; k++) {
        while (i < de->n && de->items[i].tok_start < k)
            i++;
        de->first_at[k] = i;
    }
    return QRY_OK;
}

static int rules_process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    const rl_instance *in = instance;
    const qry_host *h = in->host;
    rl_doc_forms df = {0};
    rl_cands cands = {0};
    rl_doc_entities de = {0};
    rl_match_scratch *scratch = NULL;
    uint32_t failed_rule = 0;
    int rc = QRY_OK, limit = QRY_OK;
    int token_rules = rl_phrases_count(in->phrases) || rl_patterns_count(in->patterns);
    if (token_rules)
        rc = rl_forms_build(&df, &in->fold, doc, in->need_exact);
    if (rc == QRY_OK)
        rc = rl_phrases_match(in->phrases, doc, &df, &cands);
    if (rc == QRY_OK && rl_patterns_count(in->patterns)) {
        int with_ents = in->ents && rl_patterns_need_entities(in->patterns);
        if (with_ents)
            rc = collect_entities(in, doc, sink, &de);
        if (rc == QRY_OK && !(scratch = rl_scratch_new()))
            rc = QRY_ERR_NOMEM;
        if (rc == QRY_OK)
            rc = rl_patterns_match(in->patterns, doc, &df, with_ents ? &de : NULL, in->ents, scratch, &cands);
    }
    if (rc == QRY_OK) {
        limit = rl_regexes_match(in->regexes, doc, &cands, &failed_rule);
        if (limit == QRY_ERR_NOMEM)
            rc = limit;
    }
    if (rc == QRY_OK)
        rc = rl_select_and_emit(h, sink, doc, &in->rules, &cands, in->overlap, in->trace);
    if (rc == QRY_OK && limit == QRY_ERR_LIMIT) {
        h->set_error(h, sink, "the regular expression at %s hit its match limit; it was skipped for this document",
                     in->rules.rules[failed_rule].where);
        rc = QRY_ERR_LIMIT;
    } else if (rc == QRY_ERR_NOMEM) {
        h->set_error(h, sink, "out of memory");
    }
    rl_forms_free(&df);
    rl_cands_free(&cands);
    free(de.items);
    free(de.first_at);
    rl_scratch_free(scratch);
    return rc;
}

static void rules_destroy(void *instance) { instance_free(instance); }

static const qry_option_spec opt_phrases = {
    "phrases", QRY_OPT_LIST, NULL, "phrase lists: PHRASE, TYPE, then key=value, case or anycase (tab-separated)", {0}};
static const qry_option_spec opt_patterns = {
    "patterns", QRY_OPT_LIST, NULL, "token pattern files: PATTERN, TYPE, then key=value (tab-separated)", {0}};
static const qry_option_spec opt_regexes = {
    "regexes", QRY_OPT_LIST, NULL, "PCRE2 rule files: REGEX, TYPE, then key=value; named groups set attributes", {0}};
static const qry_option_spec opt_case = {
    "case_sensitive", QRY_OPT_BOOL, "false", "phrases match case exactly unless marked anycase", {0}};
static const qry_option_spec opt_accents = {
    "ignore_accents", QRY_OPT_BOOL, "false", "phrases and pattern words match without accents: Lodz reads Łódź", {0}};
static const qry_option_spec opt_overlap = {
    "overlap", QRY_OPT_STRING, "longest", "longest: of overlapping matches keep the longest; all: keep every one", {0}};
static const qry_option_spec opt_trace = {
    "trace", QRY_OPT_BOOL, "false", "add attribute rule = FILE:LINE of the rule behind each entity", {0}};
static const qry_option_spec *const options[] = {&opt_phrases, &opt_patterns, &opt_regexes, &opt_case,
                                                 &opt_accents, &opt_overlap,  &opt_trace,   NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "rules",
    .version = "1.0.0",
    .description = "entity types from rule files: phrase lists, token patterns, regular expressions (docs/rules.md)",
    .entity_types = rl_entity_types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = rules_create,
    .process = rules_process,
    .destroy = rules_destroy,
    .consumes = rl_consumed_types,
    .attributes = rl_attribute_specs,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
