/* pipeline_build.c -- from an INI file to a pipeline ready to run: the
 * [pipeline] section checked, its plugins found and opened, each plugin's
 * own section bound to it (stage.c), then the instances created.
 *
 * Validation happens in one pass before any document is read, and every
 * problem is reported, not just the first: a user fixing a pipeline file
 * should see all of it at once, in file order.
 */
#include "pipeline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config.h"
#include "descriptor.h"
#include "merge.h"
#include "suggest.h"

#define MAX_PLUGIN_DIRS 64
#define MAX_PLUGINS 128

static const char *const pipeline_keys[] = {"plugins",      "plugin_path",    "overlap", "overlap_scope",
                                            "max_doc_size", "plugin_timeout", NULL};

/* Split a list on commas and/or white space into trimmed items. */
static size_t split_list(char *s, char **items, size_t max)
{
    size_t n = 0;
    for (char *save = NULL, *tok = strtok_r(s, ", \t", &save); tok && n < max; tok = strtok_r(NULL, ", \t", &save))
        items[n++] = tok;
    return n;
}

static int is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* A path from the INI, made relative to the INI's directory. */
static void join_path(const char *dir, const char *p, char *out, size_t outsz)
{
    if (p[0] == '/' || !dir)
        snprintf(out, outsz, "%s", p);
    else
        snprintf(out, outsz, "%s/%s", dir, p);
}

static int looks_like_path(const char *s)
{
    size_t n = strlen(s);
    return strchr(s, '/') != NULL || (n > 3 && strcmp(s + n - 3, ".so") == 0);
}

static qstage *find_stage(qpipeline *p, const char *name)
{
    for (size_t k = 0; k < p->n_stages; k++)
        if (p->stages[k].name && strcasecmp(p->stages[k].name, name) == 0)
            return &p->stages[k];
    return NULL;
}

/* The [pipeline] keys other than the plugin list. */
static int check_pipeline_keys(qpipeline *p, const qcfg *cfg, const qcfg_section *sec, qdiag *d)
{
    int errors = 0;
    for (size_t k = 0; k < sec->n_keys; k++) {
        const qcfg_key *key = &sec->keys[k];
        int known = 0;
        for (size_t j = 0; pipeline_keys[j]; j++)
            known |= strcmp(key->name, pipeline_keys[j]) == 0;
        if (!known) {
            const char *hint = qsuggest(key->name, pipeline_keys);
            qdiag_at(d, cfg->path, key->line, "pipeline", NULL, "unknown key '%s'%s%s%s", key->name,
                     hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
            errors++;
        }
    }
    const qcfg_key *overlap = qcfg_key_get(sec, "overlap");
    if (overlap && qmerge_parse_policy(overlap->value, &p->policy) != 0) {
        qdiag_at(d, cfg->path, overlap->line, "pipeline", "overlap", "expected keep_all, longest or priority, got '%s'",
                 overlap->value);
        errors++;
    }
    const qcfg_key *scope = qcfg_key_get(sec, "overlap_scope");
    if (scope && qmerge_parse_scope(scope->value, &p->scope) != 0) {
        qdiag_at(d, cfg->path, scope->line, "pipeline", "overlap_scope", "expected type or all, got '%s'",
                 scope->value);
        errors++;
    }
    char why[160];
    const qcfg_key *size = qcfg_key_get(sec, "max_doc_size");
    if (size && qlimit_parse_size(size->value, &p->limits.max_doc_bytes, why, sizeof why) != 0) {
        qdiag_at(d, cfg->path, size->line, "pipeline", "max_doc_size", "%s", why);
        errors++;
    }
    const qcfg_key *timeout = qcfg_key_get(sec, "plugin_timeout");
    if (timeout && qlimit_parse_duration(timeout->value, &p->limits.timeout_ms, why, sizeof why) != 0) {
        qdiag_at(d, cfg->path, timeout->line, "pipeline", "plugin_timeout", "%s", why);
        errors++;
    }
    return errors;
}

/* plugin_path: directories (comma, space or colon separated, relative to
 * the INI) written into buf[], pointed to by dirs[]. */
static int plugin_path_dirs(const qpipeline *p, const qcfg *cfg, const qcfg_section *sec,
                            char (*buf)[PATH_MAX], const char **dirs, size_t *n_dirs, qdiag *d)
{
    int errors = 0;
    const qcfg_key *pp = qcfg_key_get(sec, "plugin_path");
    *n_dirs = 0;
    if (!pp)
        return 0;
    char *copy = strdup(pp->value), *items[MAX_PLUGIN_DIRS];
    if (!copy) {
        qdiag_add(d, "out of memory");
        return 1;
    }
    size_t n = split_list(copy, items, MAX_PLUGIN_DIRS);
    for (size_t k = 0; k < n; k++) {
        /* ':' also separates, as in QUARRY_PLUGIN_PATH */
        for (char *save = NULL, *part = strtok_r(items[k], ":", &save); part && *n_dirs < MAX_PLUGIN_DIRS;
             part = strtok_r(NULL, ":", &save)) {
            join_path(p->dir, part, buf[*n_dirs], PATH_MAX);
            if (!is_dir(buf[*n_dirs])) {
                qdiag_at(d, cfg->path, pp->line, "pipeline", "plugin_path", "'%s' is not a directory", buf[*n_dirs]);
                errors++;
                continue;
            }
            dirs[*n_dirs] = buf[*n_dirs];
            (*n_dirs)++;
        }
    }
    free(copy);
    return errors;
}

/* Find and open one item of the plugin list as a new stage. The item is
 * the stage's name; its section may say which plugin it runs
 * (`plugin = rules`), so one plugin can run as several named instances.
 * Without that key the item names the plugin itself (or its path). */
static int open_stage(qpipeline *p, const qcfg *cfg, const qcfg_key *list, const char *item, const qsearch *dirs,
                      qdiag *d)
{
    char path[PATH_MAX], err[4096];
    const qcfg_section *own = qcfg_section_get(cfg, item);
    const qcfg_key *which = own ? qcfg_key_get(own, QSTAGE_PLUGIN_KEY) : NULL;
    const char *plugin = which ? which->value : item;
    /* where a problem finding the plugin is reported: the key that named it */
    const char *at_section = which ? own->name : "pipeline", *at_key = which ? QSTAGE_PLUGIN_KEY : "plugins";
    int at_line = which ? which->line : list->line;
    if (which && !qdesc_valid_name(item)) {
        qdiag_at(d, cfg->path, list->line, "pipeline", "plugins",
                 "'%s' is not a valid instance name ([a-z0-9_]+, at most 64 bytes)", item);
        return 1;
    }
    if (looks_like_path(plugin)) {
        join_path(p->dir, plugin, path, sizeof path);
    } else if (qloader_find(plugin, dirs, path, sizeof path, err, sizeof err) != 0) {
        qdiag_at(d, cfg->path, at_line, at_section, at_key, "%s", err);
        return 1;
    }
    qstage *st = &p->stages[p->n_stages];
    if (qloader_open(path, &st->lib, err, sizeof err) != 0) {
        qdiag_at(d, cfg->path, at_line, at_section, at_key, "%s", err);
        return 1;
    }
    /* a plugin given by path is named by its descriptor */
    const char *name = which || !looks_like_path(item) ? item : st->lib.desc->name;
    if (find_stage(p, name)) {
        qdiag_at(d, cfg->path, list->line, "pipeline", "plugins", "'%s' is listed twice%s", name,
                 which ? "" : " (to run a plugin twice, give each instance a section with 'plugin = NAME')");
        qloader_close(&st->lib);
        return 1;
    }
    st->name = strdup(name);
    p->n_stages++;
    if (!st->name) {
        qdiag_add(d, "out of memory");
        return 1;
    }
    return 0;
}

/* Open every plugin the [pipeline] section names, in order. */
static int open_stages(qpipeline *p, const qcfg *cfg, const qcfg_section *sec, qdiag *d)
{
    char extra_buf[MAX_PLUGIN_DIRS][PATH_MAX];
    const char *extra[MAX_PLUGIN_DIRS];
    size_t n_extra;
    int errors = plugin_path_dirs(p, cfg, sec, extra_buf, extra, &n_extra, d);
    qsearch dirs;
    qpaths_plugin_search(&dirs, extra, n_extra);

    const qcfg_key *list = qcfg_key_get(sec, "plugins");
    if (!list) {
        qdiag_at(d, cfg->path, sec->line, "pipeline", NULL, "missing key 'plugins' (the plugins to run, in order)");
        return errors + 1;
    }
    char *copy = strdup(list->value), *items[MAX_PLUGINS];
    size_t n = copy ? split_list(copy, items, MAX_PLUGINS) : 0;
    if (!copy || (n > 0 && !(p->stages = calloc(n, sizeof *p->stages)))) {
        qdiag_add(d, "out of memory");
        free(copy);
        return errors + 1;
    }
    if (n == 0) {
        qdiag_at(d, cfg->path, list->line, "pipeline", "plugins", "empty list");
        free(copy);
        return errors + 1;
    }
    for (size_t k = 0; k < n; k++)
        errors += open_stage(p, cfg, list, items[k], &dirs, d);
    free(copy);
    return errors;
}

/* Every other section must be a listed plugin's; bind it to its stage. */
static int bind_sections(qpipeline *p, const qcfg *cfg, qdiag *d)
{
    int errors = 0;
    const char *names[MAX_PLUGINS + 2];
    size_t n_names = 0;
    for (size_t k = 0; k < p->n_stages && n_names < MAX_PLUGINS; k++)
        names[n_names++] = p->stages[k].name;
    names[n_names++] = "pipeline";
    names[n_names] = NULL;
    for (size_t s = 0; s < cfg->n_sections; s++) {
        const qcfg_section *sec = &cfg->sections[s];
        if (strcmp(sec->name, "pipeline") == 0)
            continue;
        qstage *st = find_stage(p, sec->name);
        if (st) {
            errors += qstage_bind(st, cfg->path, sec, d);
            continue;
        }
        const char *hint = qsuggest(sec->name, names);
        if (hint)
            qdiag_at(d, cfg->path, sec->line, NULL, NULL, "unknown section [%s] (did you mean [%s]?)", sec->name, hint);
        else
            qdiag_at(d, cfg->path, sec->line, NULL, NULL,
                     "unknown section [%s]: not a plugin listed in [pipeline] plugins", sec->name);
        errors++;
    }
    /* a plugin with no section of its own runs on its defaults */
    for (size_t k = 0; k < p->n_stages; k++)
        if (!p->stages[k].keys)
            errors += qstage_bind(&p->stages[k], cfg->path, NULL, d);
    return errors;
}

/* The stage after `k` that first emits `type`, or NULL. */
static const qstage *later_emitter(const qpipeline *p, size_t k, const char *type)
{
    for (size_t j = k + 1; j < p->n_stages; j++)
        if (qdesc_emits(p->stages[j].lib.desc, type))
            return &p->stages[j];
    return NULL;
}

static int earlier_emits(const qpipeline *p, size_t k, const char *type)
{
    for (size_t j = 0; j < k; j++)
        if (qdesc_emits(p->stages[j].lib.desc, type))
            return 1;
    return 0;
}

/* Stage composition: a stage sees only what stages before it emitted.
 * Misordering is worth a warning; so is a stage that will see nothing of
 * what it reads. Neither stops the pipeline: a consumer runs without. */
static void check_consumes(const qpipeline *p, const qcfg *cfg, const qcfg_section *sec, qdiag *d)
{
    const qcfg_key *list = sec ? qcfg_key_get(sec, "plugins") : NULL;
    int line = list ? list->line : 0;
    for (size_t k = 0; k < p->n_stages; k++) {
        const qstage *st = &p->stages[k];
        const char *const *reads = qdesc_consumes(st->lib.desc);
        if (!reads || !reads[0])
            continue;
        int seen = 0, warned = 0;
        char names[256] = "";
        size_t used = 0, n_reads = 0;
        for (size_t t = 0; reads[t]; t++, n_reads++) {
            if (earlier_emits(p, k, reads[t])) {
                seen = 1;
                continue;
            }
            const qstage *later = later_emitter(p, k, reads[t]);
            if (later) {
                qdiag_warn_at(d, cfg->path, line, "pipeline", "plugins",
                              "%s reads '%s', which %s emits, but %s runs after it: list %s before %s", st->name,
                              reads[t], later->name, later->name, later->name, st->name);
                warned = 1;
            }
            if (used < sizeof names) {
                int w = snprintf(names + used, sizeof names - used, "%s%s", t ? ", " : "", reads[t]);
                used += w > 0 ? (size_t)w : 0;
            }
        }
        if (!seen && !warned && n_reads == 1)
            qdiag_warn_at(d, cfg->path, line, "pipeline", "plugins",
                          "%s reads '%s', but no stage before it emits it: it will see none", st->name, names);
        else if (!seen && !warned)
            qdiag_warn_at(d, cfg->path, line, "pipeline", "plugins",
                          "%s reads %s, but no stage before it emits any of them: it will see none", st->name, names);
    }
}

/* Everything qpipe_load checks; p keeps what could be opened and bound
 * even when there were problems. Returns the number of errors. */
static int load_all(const char *ini_path, qpipeline *p, qdiag *d)
{
    size_t first_diag = d->n;
    qcfg *cfg = NULL;
    int errors = 0;
    int rc = ini_path ? qcfg_load(ini_path, &cfg, d) : qcfg_load_text("<default>", NULL, quarry_default_ini, &cfg, d);
    if (rc != 0)
        return 1;
    p->source = strdup(cfg->path);
    p->dir = ini_path ? strdup(cfg->dir) : NULL;
    if (!p->source || (ini_path && !p->dir)) {
        qdiag_add(d, "out of memory");
        qcfg_free(cfg);
        return 1;
    }
    p->policy = QMERGE_KEEP_ALL;
    p->scope = QMERGE_SAME_TYPE;
    p->limits = qlimits_default();
    const qcfg_section *sec = qcfg_section_get(cfg, "pipeline");
    if (!sec) {
        qdiag_at(d, cfg->path, 0, NULL, NULL, "no [pipeline] section (it names the plugins to run: plugins = a, b)");
        errors++;
    } else {
        errors += check_pipeline_keys(p, cfg, sec, d);
        errors += open_stages(p, cfg, sec, d);
    }
    errors += bind_sections(p, cfg, d);
    for (size_t k = 0; k < p->n_stages; k++)
        if (p->stages[k].keys) {
            int e = qstage_check_paths(&p->stages[k], cfg->path, p->dir, d);
            p->stages[k].broken |= e != 0;
            errors += e;
        }
    check_consumes(p, cfg, sec, d);
    qdiag_sort_by_line(d, first_diag);
    qcfg_free(cfg);
    return errors;
}

int qpipe_load(const char *ini_path, qpipeline **out, qdiag *d)
{
    *out = NULL;
    qpipeline *p = calloc(1, sizeof *p);
    if (!p) {
        qdiag_add(d, "out of memory");
        return -1;
    }
    if (load_all(ini_path, p, d) != 0) {
        qpipe_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

int qpipe_check(const char *ini_path, qpipeline **out, qdiag *d)
{
    *out = NULL;
    qpipeline *p = calloc(1, sizeof *p);
    if (!p) {
        qdiag_add(d, "out of memory");
        return -1;
    }
    size_t first = d->n;
    int errors = load_all(ini_path, p, d);
    /* create every stage whose data files exist -- with the keys that were
     * valid, an unknown or ill-typed one left out -- so that what create()
     * rejects is reported beside the INI's problems */
    p->n_workers = 1;
    for (size_t k = 0; k < p->n_stages; k++)
        if (!p->stages[k].broken && p->stages[k].keys)
            errors += qstage_start(&p->stages[k], 1, p->source, p->dir, d) != 0;
    qdiag_sort_by_line(d, first);
    if (errors) {
        qpipe_free(p);
        return -1;
    }
    *out = p;
    return 0;
}

int qpipe_start(qpipeline *p, size_t n_workers, qdiag *d)
{
    p->n_workers = n_workers ? n_workers : 1;
    int failed = 0; /* every stage is tried: all create() problems in one pass */
    for (size_t k = 0; k < p->n_stages; k++)
        failed |= qstage_start(&p->stages[k], p->n_workers, p->source, p->dir, d) != 0;
    return failed ? -1 : 0;
}

void qpipe_free(qpipeline *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->n_stages; k++)
        qstage_fini(&p->stages[k]);
    free(p->stages);
    free(p->source);
    free(p->dir);
    free(p);
}
