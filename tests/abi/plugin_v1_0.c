/* plugin_v1_0.c -- a plugin exactly as an ABI 1.0 author wrote it, built
 * against the frozen 1.0 header (tests/abi/v1_0). CI loads it in the
 * current core and checks its output: the promise that a 1.0 plugin runs
 * in every 1.x core. It emits `capword` for every capitalised word of at
 * least min_len bytes, with its length, and logs once at create(). */
#include <stdlib.h>

#include <quarry/plugin.h>

#if QRY_ABI_MINOR != 0
#error "plugin_v1_0.c must be built against the frozen ABI 1.0 header"
#endif

typedef struct legacy {
    const qry_host *host;
    int64_t min_len;
} legacy;

static int legacy_create(const qry_host *host, void **instance)
{
    legacy *l = calloc(1, sizeof *l);
    if (!l) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    l->host = host;
    if (host->option_int(host, "min_len", &l->min_len) != QRY_OK) {
        host->set_error(host, NULL, "min_len unreadable");
        free(l);
        return QRY_ERR_CONFIG;
    }
    host->log(host, QRY_LOG_INFO, "ABI 1.0 plugin created in a core of ABI %u.%u", host->abi_major, host->abi_minor);
    *instance = l;
    return QRY_OK;
}

static int legacy_process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    legacy *l = instance;
    for (size_t t = 0; t < doc->n_tokens; t++) {
        const qry_token *k = &doc->tokens[t];
        if (!(k->flags & QRY_TOK_CAP) || (int64_t)(k->end - k->start) < l->min_len)
            continue;
        int e = l->host->emit(l->host, sink, "capword", k->start, k->end);
        if (e < 0)
            return e;
        l->host->attr_int(l->host, sink, e, "length", (int64_t)(k->end - k->start));
    }
    return QRY_OK;
}

static void legacy_destroy(void *instance) { free(instance); }

static const qry_option_spec opt_min_len = {"min_len", QRY_OPT_INT, "2", "shortest word emitted, in bytes", {0}};
static const qry_option_spec *const options[] = {&opt_min_len, NULL};
static const char *const types[] = {"capword", NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "legacy10",
    .version = "1.0.0",
    .description = "an ABI 1.0 plugin: capitalised words",
    .entity_types = types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = legacy_create,
    .process = legacy_process,
    .destroy = legacy_destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
