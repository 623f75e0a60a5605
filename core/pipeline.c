/* pipeline.c -- from an INI file to running plugin instances.
 *
 * Validation happens in one pass before any document is read, and every
 * problem is reported, not just the first: a user fixing a pipeline file
 * should see all of it at once.
 */
#include "pipeline.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "config.h"
#include "merge.h"

#define MAX_PLUGIN_DIRS 64

static const char *const pipeline_keys[] = {"plugins", "plugin_path", "overlap", "overlap_scope", NULL};

static char *xstrdup(const char *s) { return s ? strdup(s) : NULL; }

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

static int validate_pipeline_section(qpipeline *p, const qcfg *cfg, const qcfg_section *sec, qdiag *d)
{
    int errors = 0;
    for (size_t k = 0; k < sec->n_keys; k++) {
        const qcfg_key *key = &sec->keys[k];
        int known = 0;
        for (size_t j = 0; pipeline_keys[j]; j++)
            known |= strcmp(key->name, pipeline_keys[j]) == 0;
        if (!known) {
            const char *hint = qcfg_suggest(key->name, pipeline_keys);
            qdiag_add(d, "%s:%d: [pipeline] unknown key '%s'%s%s%s", cfg->path, key->line, key->name,
                      hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
            errors++;
        }
    }
    const qcfg_key *overlap = qcfg_key_get(sec, "overlap");
    if (overlap && qmerge_parse_policy(overlap->value, &p->policy) != 0) {
        qdiag_add(d, "%s:%d: [pipeline] overlap: expected keep_all, longest or priority, got '%s'", cfg->path,
                  overlap->line, overlap->value);
        errors++;
    }
    const qcfg_key *scope = qcfg_key_get(sec, "overlap_scope");
    if (scope && qmerge_parse_scope(scope->value, &p->scope) != 0) {
        qdiag_add(d, "%s:%d: [pipeline] overlap_scope: expected type or all, got '%s'", cfg->path, scope->line,
                  scope->value);
        errors++;
    }
    return errors;
}

/* Open every plugin the [pipeline] section names. */
static int load_plugins(qpipeline *p, const qcfg *cfg, const qcfg_section *sec, qdiag *d)
{
    int errors = 0;
    char extra_buf[MAX_PLUGIN_DIRS][PATH_MAX];
    const char *extra[MAX_PLUGIN_DIRS];
    size_t n_extra = 0;
    const qcfg_key *pp = qcfg_key_get(sec, "plugin_path");
    if (pp) {
        char *copy = xstrdup(pp->value), *items[MAX_PLUGIN_DIRS];
        size_t n = copy ? split_list(copy, items, MAX_PLUGIN_DIRS) : 0;
        for (size_t k = 0; k < n; k++) {
            /* ':' also separates, as in QUARRY_PLUGIN_PATH */
            for (char *save = NULL, *part = strtok_r(items[k], ":", &save); part && n_extra < MAX_PLUGIN_DIRS;
                 part = strtok_r(NULL, ":", &save)) {
                join_path(p->dir, part, extra_buf[n_extra], PATH_MAX);
                if (!is_dir(extra_buf[n_extra])) {
                    qdiag_add(d, "%s:%d: [pipeline] plugin_path: '%s' is not a directory", cfg->path, pp->line,
                              extra_buf[n_extra]);
                    errors++;
                    continue;
                }
                extra[n_extra] = extra_buf[n_extra];
                n_extra++;
            }
        }
        free(copy);
    }
    const char *dirs[MAX_PLUGIN_DIRS + 8];
    size_t n_dirs = qloader_search_dirs(extra, n_extra, dirs, MAX_PLUGIN_DIRS + 8);

    const qcfg_key *list = qcfg_key_get(sec, "plugins");
    if (!list) {
        qdiag_add(d, "%s:%d: [pipeline] missing key 'plugins' (the plugins to run, in order)", cfg->path, sec->line);
        return errors + 1;
    }
    char *copy = xstrdup(list->value), *items[128];
    size_t n = copy ? split_list(copy, items, 128) : 0;
    if (n == 0) {
        qdiag_add(d, "%s:%d: [pipeline] plugins: empty list", cfg->path, list->line);
        free(copy);
        return errors + 1;
    }
    p->stages = calloc(n, sizeof *p->stages);
    if (!p->stages) {
        free(copy);
        qdiag_add(d, "out of memory");
        return errors + 1;
    }
    for (size_t k = 0; k < n; k++) {
        char path[PATH_MAX], err[1024];
        int found = 0;
        if (looks_like_path(items[k])) {
            join_path(p->dir, items[k], path, sizeof path);
            found = 1;
        } else {
            found = qloader_find(items[k], dirs, n_dirs, path, sizeof path, err, sizeof err) == 0;
            if (!found) {
                qdiag_add(d, "%s:%d: [pipeline] plugins: %s", cfg->path, list->line, err);
                errors++;
            }
        }
        if (!found)
            continue;
        qstage *st = &p->stages[p->n_stages];
        if (qloader_open(path, &st->lib, err, sizeof err) != 0) {
            qdiag_add(d, "%s:%d: [pipeline] plugins: %s", cfg->path, list->line, err);
            errors++;
            continue;
        }
        if (find_stage(p, st->lib.desc->name)) {
            qdiag_add(d, "%s:%d: [pipeline] plugins: '%s' is listed twice", cfg->path, list->line,
                      st->lib.desc->name);
            qloader_close(&st->lib);
            errors++;
            continue;
        }
        st->name = xstrdup(st->lib.desc->name);
        p->n_stages++;
        if (!st->name) {
            qdiag_add(d, "out of memory");
            errors++;
        }
    }
    free(copy);
    return errors;
}

static int bind_options(const qcfg *cfg, qstage *st, const qcfg_section *sec, qdiag *d)
{
    int errors = 0;
    st->keys = calloc(sec->n_keys + 1, sizeof *st->keys);
    st->values = calloc(sec->n_keys + 1, sizeof *st->values);
    st->lines = calloc(sec->n_keys + 1, sizeof *st->lines);
    if (!st->keys || !st->values || !st->lines) {
        qdiag_add(d, "out of memory");
        return 1;
    }
    for (size_t k = 0; k < sec->n_keys; k++) {
        const qcfg_key *key = &sec->keys[k];
        char why[512];
        if (qhost_check_option(st->lib.desc, key->name, key->value, why, sizeof why) != 0) {
            qdiag_add(d, "%s:%d: [%s] %s", cfg->path, key->line, sec->name, why);
            errors++;
            continue;
        }
        st->keys[st->n_opts] = xstrdup(key->name);
        st->values[st->n_opts] = xstrdup(key->value);
        st->lines[st->n_opts] = key->line;
        if (!st->keys[st->n_opts] || !st->values[st->n_opts]) {
            qdiag_add(d, "out of memory");
            return errors + 1;
        }
        st->n_opts++;
    }
    return errors;
}

/* PATH options must name a readable file: say so now, not mid-run. */
static int check_paths(qpipeline *p, const qcfg *cfg, qstage *st, qdiag *d)
{
    int errors = 0;
    qhost h;
    if (qhost_init(&h, st->lib.desc, st->name, p->dir, (const char *const *)st->keys,
                   (const char *const *)st->values, st->n_opts) != QRY_OK) {
        qdiag_add(d, "out of memory");
        return 1;
    }
    for (size_t k = 0; k < h.n_opts; k++) {
        const qhost_option *o = &h.opts[k];
        char buf[PATH_MAX];
        if (o->spec->type != QRY_OPT_PATH || !o->value || !*o->value)
            continue;
        if (h.api.resolve_path(&h.api, o->value, buf, sizeof buf) >= 0)
            continue;
        int line = 0;
        for (size_t j = 0; j < st->n_opts; j++)
            if (strcmp(st->keys[j], o->spec->name) == 0)
                line = st->lines[j];
        const char *dirs[70];
        size_t n = qhost_data_dirs(dirs, 70);
        char tried[1024];
        int used = snprintf(tried, sizeof tried, "%s", p->dir ? p->dir : "");
        for (size_t j = 0; j < n && used >= 0 && (size_t)used < sizeof tried; j++)
            used += snprintf(tried + used, sizeof tried - (size_t)used, "%s%s", used ? ", " : "", dirs[j]);
        if (line)
            qdiag_add(d, "%s:%d: [%s] %s: file '%s' not found; searched: %s", cfg->path, line, st->name,
                      o->spec->name, o->value, tried);
        else
            qdiag_add(d, "%s: [%s] %s: default data file '%s' not found; searched: %s", cfg->path, st->name,
                      o->spec->name, o->value, tried);
        errors++;
    }
    qhost_fini(&h);
    return errors;
}

static int validate_sections(qpipeline *p, const qcfg *cfg, qdiag *d)
{
    int errors = 0;
    const char *names[130];
    size_t n_names = 0;
    for (size_t k = 0; k < p->n_stages && n_names < 128; k++)
        names[n_names++] = p->stages[k].name;
    names[n_names++] = "pipeline";
    names[n_names] = NULL;
    for (size_t s = 0; s < cfg->n_sections; s++) {
        const qcfg_section *sec = &cfg->sections[s];
        if (strcmp(sec->name, "pipeline") == 0)
            continue;
        qstage *st = find_stage(p, sec->name);
        if (st) {
            errors += bind_options(cfg, st, sec, d);
            continue;
        }
        const char *hint = qcfg_suggest(sec->name, names);
        if (hint)
            qdiag_add(d, "%s:%d: unknown section [%s] (did you mean [%s]?)", cfg->path, sec->line, sec->name, hint);
        else
            qdiag_add(d, "%s:%d: unknown section [%s]: not a plugin listed in [pipeline] plugins", cfg->path,
                      sec->line, sec->name);
        errors++;
    }
    return errors;
}

/* The line number in "PATH:LINE: ..." (0 when there is none). */
static long diag_line(const char *msg, size_t path_len)
{
    if (strncmp(msg + path_len, ":", 1) != 0)
        return 0;
    return strtol(msg + path_len + 1, NULL, 10);
}

/* Report in file order, whichever check found a problem first. */
static void sort_by_line(qdiag *d, size_t from, const char *path)
{
    size_t plen = strlen(path);
    for (size_t i = from + 1; i < d->n; i++) { /* insertion sort: stable, lists are short */
        char *cur = d->lines[i];
        long line = diag_line(cur, plen);
        size_t j = i;
        while (j > from && diag_line(d->lines[j - 1], plen) > line) {
            d->lines[j] = d->lines[j - 1];
            j--;
        }
        d->lines[j] = cur;
    }
}

int qpipe_load(const char *ini_path, qpipeline **out, qdiag *d)
{
    size_t first_diag = d->n;
    qcfg *cfg = NULL;
    qpipeline *p = calloc(1, sizeof *p);
    int errors = 0;
    *out = NULL;
    if (!p) {
        qdiag_add(d, "out of memory");
        return -1;
    }
    int rc = ini_path ? qcfg_load(ini_path, &cfg, d) : qcfg_load_text("<default>", NULL, quarry_default_ini, &cfg, d);
    if (rc != 0)
        goto fail;
    p->source = xstrdup(cfg->path);
    p->dir = ini_path ? xstrdup(cfg->dir) : NULL;
    if (!p->source || (ini_path && !p->dir)) {
        qdiag_add(d, "out of memory");
        goto fail;
    }
    p->policy = QMERGE_KEEP_ALL;
    p->scope = QMERGE_SAME_TYPE;
    const qcfg_section *sec = qcfg_section_get(cfg, "pipeline");
    if (!sec) {
        qdiag_add(d, "%s: no [pipeline] section (it names the plugins to run: plugins = a, b)", cfg->path);
        errors++;
    } else {
        errors += validate_pipeline_section(p, cfg, sec, d);
        errors += load_plugins(p, cfg, sec, d);
    }
    errors += validate_sections(p, cfg, d);
    for (size_t k = 0; k < p->n_stages; k++) {
        qstage *st = &p->stages[k];
        if (!st->keys) { /* a plugin with no section of its own runs on defaults */
            qcfg_section none = {.name = st->name};
            errors += bind_options(cfg, st, &none, d);
        }
    }
    for (size_t k = 0; k < p->n_stages; k++)
        if (p->stages[k].keys)
            errors += check_paths(p, cfg, &p->stages[k], d);
    if (errors) {
        sort_by_line(d, first_diag, cfg->path);
        goto fail;
    }
    qcfg_free(cfg);
    *out = p;
    return 0;
fail:
    qcfg_free(cfg);
    qpipe_free(p);
    return -1;
}

int qpipe_start(qpipeline *p, size_t n_workers, qdiag *d)
{
    p->n_workers = n_workers ? n_workers : 1;
    for (size_t k = 0; k < p->n_stages; k++) {
        qstage *st = &p->stages[k];
        const qry_plugin_descriptor *desc = st->lib.desc;
        size_t want = desc->threading == QRY_THREAD_PER_WORKER ? p->n_workers : 1;
        st->hosts = calloc(want, sizeof *st->hosts);
        st->instances = calloc(want, sizeof *st->instances);
        if (!st->hosts || !st->instances || pthread_mutex_init(&st->lock, NULL) != 0) {
            qdiag_add(d, "out of memory");
            return -1;
        }
        st->lock_ready = 1;
        for (size_t i = 0; i < want; i++) {
            if (qhost_init(&st->hosts[i], desc, st->name, p->dir, (const char *const *)st->keys,
                           (const char *const *)st->values, st->n_opts) != QRY_OK) {
                qdiag_add(d, "out of memory");
                return -1;
            }
            int rc = desc->create(&st->hosts[i].api, &st->instances[i]);
            if (rc != QRY_OK) {
                for (size_t r = 0; r < st->hosts[i].reports.n; r++)
                    qdiag_add(d, "%s: %s", p->source, st->hosts[i].reports.lines[r]);
                qdiag_add(d, "%s: plugin %s (%s): create failed (%s): %s", p->source, st->name, st->lib.path,
                          qry_status_name(rc),
                          st->hosts[i].create_error[0] ? st->hosts[i].create_error : "no reason given");
                qhost_fini(&st->hosts[i]);
                return -1;
            }
            st->n_instances = i + 1;
        }
    }
    return 0;
}

static void add_error_or_note(qrecord *rec, const char *plugin, int code, const char *msg, int *oom)
{
    if (qrec_add_error(rec, plugin, code, msg) != QRY_OK)
        *oom = 1;
}

int qpipe_process(qpipeline *p, size_t worker, const qin_doc *doc, qseg *seg, qrecord *rec)
{
    int oom = 0;
    const char *text = doc->text ? doc->text : "";
    if (qrec_begin(rec, doc->id ? doc->id : "", text, doc->text ? doc->len : 0) != QRY_OK)
        return QRY_ERR_NOMEM;
    if (doc->error) {
        add_error_or_note(rec, NULL, QRY_ERR_INVALID, doc->error, &oom);
        return oom ? QRY_ERR_NOMEM : QRY_OK;
    }
    int rc = qseg_run(seg, doc->text, doc->len);
    if (rc != QRY_OK) {
        add_error_or_note(rec, NULL, rc, "document could not be segmented", &oom);
        return oom || rc == QRY_ERR_NOMEM ? QRY_ERR_NOMEM : QRY_OK;
    }
    qry_doc_view view = {
        .struct_size = sizeof view, .id = rec->id, .text = seg->text, .text_len = doc->len,
        .paragraphs = seg->paragraphs, .n_paragraphs = seg->n_paragraphs,
        .sentences = seg->sentences, .n_sentences = seg->n_sentences,
        .tokens = seg->tokens, .n_tokens = seg->n_tokens, .ordinal = doc->ordinal,
    };
    for (size_t k = 0; k < p->n_stages; k++) {
        qstage *st = &p->stages[k];
        const qry_plugin_descriptor *desc = st->lib.desc;
        void *inst = st->instances[desc->threading == QRY_THREAD_PER_WORKER ? worker : 0];
        qry_sink sink;
        qsink_init(&sink, rec, st->name, (int)k, desc);
        if (desc->threading == QRY_THREAD_SERIAL)
            pthread_mutex_lock(&st->lock);
        rc = desc->process(inst, &view, &sink);
        if (desc->threading == QRY_THREAD_SERIAL)
            pthread_mutex_unlock(&st->lock);
        if (rc != QRY_OK)
            add_error_or_note(rec, st->name, rc, sink.error[0] ? sink.error : "process failed (no reason given)", &oom);
        if (sink.invalid_emits) {
            char msg[600];
            snprintf(msg, sizeof msg, "%d entit%s refused; first: %s", sink.invalid_emits,
                     sink.invalid_emits == 1 ? "y" : "ies", sink.first_invalid);
            add_error_or_note(rec, st->name, QRY_ERR_INVALID, msg, &oom);
        }
    }
    if (qmerge(rec, p->policy, p->scope) != QRY_OK)
        oom = 1;
    return oom ? QRY_ERR_NOMEM : QRY_OK;
}

void qpipe_free(qpipeline *p)
{
    if (!p)
        return;
    for (size_t k = 0; k < p->n_stages; k++) {
        qstage *st = &p->stages[k];
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
    }
    free(p->stages);
    free(p->source);
    free(p->dir);
    free(p);
}
