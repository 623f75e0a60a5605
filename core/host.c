/* host.c -- the host table behind every plugin instance: one function
 * per service of qry_host, and the table's setup. */
#include "host.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "log.h"
#include "paths.h"
#include "record.h"
#include "services.h"
#include "values.h"

static qhost *self(const qry_host *api) { return (qhost *)(void *)api; }

__attribute__((format(printf, 3, 4))) static void host_log(const qry_host *api, int level, const char *fmt, ...)
{
    if (!qlog_wanted(level))
        return;
    va_list ap;
    va_start(ap, fmt);
    qlog_vwrite(level, self(api)->name, fmt, ap);
    va_end(ap);
}

static const qhost_option *find_option(const qhost *h, const char *name)
{
    for (size_t k = 0; name && k < h->n_opts; k++)
        if (strcmp(h->opts[k].spec->name, name) == 0)
            return &h->opts[k];
    return NULL;
}

static const char *host_option(const qry_host *api, const char *name)
{
    const qhost_option *o = find_option(self(api), name);
    return o ? o->value : NULL;
}

static int typed_option(const qry_host *api, const char *name, int type, const char **value)
{
    const qhost_option *o = find_option(self(api), name);
    if (!o || o->spec->type != type)
        return QRY_ERR_INVALID;
    if (!o->value)
        return QRY_ERR_CONFIG;
    *value = o->value;
    return QRY_OK;
}

static int host_option_int(const qry_host *api, const char *name, int64_t *out)
{
    const char *v;
    long long x;
    int rc = typed_option(api, name, QRY_OPT_INT, &v);
    if (rc == QRY_OK && qvalue_parse_int(v, &x) != 0)
        rc = QRY_ERR_CONFIG;
    if (rc == QRY_OK)
        *out = (int64_t)x;
    return rc;
}

static int host_option_double(const qry_host *api, const char *name, double *out)
{
    const char *v;
    int rc = typed_option(api, name, QRY_OPT_DOUBLE, &v);
    if (rc == QRY_OK && qvalue_parse_double(v, out) != 0)
        rc = QRY_ERR_CONFIG;
    return rc;
}

static int host_option_bool(const qry_host *api, const char *name, int *out)
{
    const char *v;
    int rc = typed_option(api, name, QRY_OPT_BOOL, &v);
    if (rc == QRY_OK && qvalue_parse_bool(v, out) != 0)
        rc = QRY_ERR_CONFIG;
    return rc;
}

static int try_path(const char *dir, const char *name, char *buf, size_t bufsz)
{
    int len = dir ? snprintf(buf, bufsz, "%s/%s", dir, name) : snprintf(buf, bufsz, "%s", name);
    if (len < 0 || (size_t)len >= bufsz)
        return QRY_ERR_INVALID;
    return access(buf, R_OK) == 0 ? len : QRY_ERR_IO;
}

static int host_resolve_path(const qry_host *api, const char *name, char *buf, size_t bufsz)
{
    const qhost *h = self(api);
    if (!name || !*name || !buf || bufsz == 0)
        return QRY_ERR_INVALID;
    if (name[0] == '/')
        return try_path(NULL, name, buf, bufsz);
    qsearch dirs;
    qpaths_data_search(&dirs, h->base_dir);
    for (size_t k = 0; k < dirs.n; k++) {
        int rc = try_path(dirs.dirs[k], name, buf, bufsz);
        if (rc >= 0 || rc == QRY_ERR_INVALID)
            return rc;
    }
    if (qlog_wanted(QRY_LOG_DEBUG)) {
        char why[2300];
        qhost_not_found(api, name, why, sizeof why);
        host_log(api, QRY_LOG_DEBUG, "%s", why);
    }
    return QRY_ERR_IO;
}

__attribute__((format(printf, 3, 4))) static void host_set_error(const qry_host *api, qry_sink *sink, const char *fmt, ...)
{
    char *dst = sink ? sink->error : self(api)->create_error;
    size_t size = sink ? sizeof sink->error : sizeof self(api)->create_error;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(dst, size, fmt, ap);
    va_end(ap);
}

static int host_emit(const qry_host *api, qry_sink *sink, const char *type, size_t start, size_t end)
{
    (void)api;
    return sink ? qsink_emit(sink, type, start, end) : QRY_ERR_INVALID;
}

static int host_attr_string(const qry_host *api, qry_sink *sink, int entity, const char *key,
                            const char *value, size_t len)
{
    (void)api;
    return sink ? qsink_attr_string(sink, entity, key, value, len) : QRY_ERR_INVALID;
}

static int host_attr_int(const qry_host *api, qry_sink *sink, int entity, const char *key, int64_t value)
{
    (void)api;
    return sink ? qsink_attr_int(sink, entity, key, value) : QRY_ERR_INVALID;
}

static int host_attr_double(const qry_host *api, qry_sink *sink, int entity, const char *key, double value)
{
    (void)api;
    return sink ? qsink_attr_double(sink, entity, key, value) : QRY_ERR_INVALID;
}

static int host_attr_bool(const qry_host *api, qry_sink *sink, int entity, const char *key, int value)
{
    (void)api;
    return sink ? qsink_attr_bool(sink, entity, key, value) : QRY_ERR_INVALID;
}

static const char *host_plugin_name(const qry_host *api) { return self(api)->name; }

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

int qhost_init(qhost *h, const qry_plugin_descriptor *d, const char *name, const char *base_dir,
               const char *const *keys, const char *const *values, size_t n)
{
    memset(h, 0, sizeof *h);
    h->api.struct_size = (uint32_t)sizeof h->api;
    h->api.abi_major = QRY_ABI_MAJOR;
    h->api.abi_minor = QRY_ABI_MINOR;
    h->api.log = host_log;
    h->api.option = host_option;
    h->api.option_int = host_option_int;
    h->api.option_double = host_option_double;
    h->api.option_bool = host_option_bool;
    h->api.resolve_path = host_resolve_path;
    h->api.set_error = host_set_error;
    h->api.emit = host_emit;
    h->api.attr_string = host_attr_string;
    h->api.attr_int = host_attr_int;
    h->api.attr_double = host_attr_double;
    h->api.attr_bool = host_attr_bool;
    h->api.plugin_name = host_plugin_name;
    h->api.get_service = qservices_get;
    h->desc = d;

    size_t n_specs = 0;
    while (d->options && d->options[n_specs])
        n_specs++;
    h->name = strdup(name);
    h->base_dir = dup_or_null(base_dir);
    h->opts = calloc(n_specs ? n_specs : 1, sizeof *h->opts);
    if (!h->name || (base_dir && !h->base_dir) || !h->opts)
        goto nomem;
    for (size_t k = 0; k < n_specs; k++) {
        const qry_option_spec *spec = d->options[k];
        const char *value = spec->default_value;
        for (size_t j = 0; j < n; j++)
            if (strcasecmp(keys[j], spec->name) == 0)
                value = values[j];
        h->opts[k].spec = spec;
        h->opts[k].value = dup_or_null(value);
        h->n_opts = k + 1;
        if (value && !h->opts[k].value)
            goto nomem;
    }
    return QRY_OK;
nomem:
    qhost_fini(h);
    return QRY_ERR_NOMEM;
}

void qhost_fini(qhost *h)
{
    for (size_t k = 0; k < h->n_opts; k++)
        free(h->opts[k].value);
    free(h->opts);
    free(h->name);
    free(h->base_dir);
    qdiag_free(&h->reports);
    memset(h, 0, sizeof *h);
}

/* The option whose value names `file` (a PATH option, or one item of a
 * LIST option), or NULL. */
static const qhost_option *option_naming(const qhost *h, const char *file)
{
    for (size_t k = 0; file && k < h->n_opts; k++) {
        const char *v = h->opts[k].value;
        if (!v)
            continue;
        if (strcmp(v, file) == 0)
            return &h->opts[k];
        if (h->opts[k].spec->type == QRY_OPT_LIST) {
            size_t n = strlen(file);
            for (const char *p = strstr(v, file); p; p = strstr(p + 1, file)) {
                int starts = p == v || p[-1] == ',' || p[-1] == ' ' || p[-1] == '\t';
                int ends = p[n] == '\0' || p[n] == ',' || p[n] == ' ' || p[n] == '\t';
                if (starts && ends)
                    return &h->opts[k];
            }
        }
    }
    return NULL;
}

void qhost_report_option(const qry_host *api, const char *option, const char *msg)
{
    qhost *h = self(api);
    qdiag_at(&h->reports, NULL, 0, h->name, option ? option : "?", "%s", msg);
}

void qhost_report_file(const qry_host *api, const char *name, const char *path, size_t line, const char *msg)
{
    qhost *h = self(api);
    const qhost_option *o = option_naming(h, name);
    char where[1200];
    if (line)
        snprintf(where, sizeof where, "%s:%zu", path, line);
    else
        snprintf(where, sizeof where, "%s", path);
    qdiag_at(&h->reports, NULL, 0, h->name, o ? o->spec->name : NULL, "%s: %s", where, msg);
}

void qhost_not_found(const qry_host *api, const char *name, char *buf, size_t bufsz)
{
    qsearch dirs;
    char searched[2048];
    qpaths_data_search(&dirs, self(api)->base_dir);
    qsearch_describe(&dirs, searched, sizeof searched);
    snprintf(buf, bufsz, "data file '%s' not found; %s", name, searched);
}
