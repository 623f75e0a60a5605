/* plugin_newer.c -- a plugin from a minor newer than the core, and two
 * ways of getting its descriptor wrong. Built three times:
 *  newer.so          abi_minor one past the core's, newer fields unused:
 *                    loads, asks for a service no core has (gets NULL)
 *                    and for the text service, and runs;
 *  newer_unknown.so  the same, but setting a field this core does not
 *                    know (reserved room): refused, naming both versions;
 *  reserved.so       the core's own minor with reserved room set: refused.
 * It emits `shout` for every all-capitals word, with the word folded to
 * a lookup key by the text service when the core offers it. */
#include <stdlib.h>

#include <quarry/plugin.h>

typedef struct newer {
    const qry_host *host;
    const qry_text_service *text;
    int has_future;
} newer;

static int newer_create(const qry_host *host, void **instance)
{
    newer *n = calloc(1, sizeof *n);
    if (!n)
        return QRY_ERR_NOMEM;
    n->host = host;
    n->text = qry_service(host, QRY_SERVICE_TEXT);
    n->has_future = qry_service(host, "quarry.future/9") != NULL;
    *instance = n;
    return QRY_OK;
}

static int newer_process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    newer *n = instance;
    for (size_t t = 0; t < doc->n_tokens; t++) {
        const qry_token *k = &doc->tokens[t];
        if (!(k->flags & QRY_TOK_UPPER) || k->end - k->start < 2)
            continue;
        int e = n->host->emit(n->host, sink, "shout", k->start, k->end);
        if (e < 0)
            return e;
        n->host->attr_bool(n->host, sink, e, "future_service", n->has_future);
        if (QRY_HAS(n->text, qry_text_service, fold)) {
            char key[128];
            size_t len = n->text->fold(doc->text + k->start, k->end - k->start, QRY_FOLD_KEY, key, sizeof key);
            if (len < sizeof key)
                n->host->attr_string(n->host, sink, e, "key", key, len);
        }
    }
    return QRY_OK;
}

static void newer_destroy(void *instance) { free(instance); }

static const char *const types[] = {"shout", NULL};

#ifdef NEWER_SAME_MINOR
#define NEWER_MINOR QRY_ABI_MINOR
#else
#define NEWER_MINOR (QRY_ABI_MINOR + 1)
#endif

static const qry_plugin_descriptor descriptor = {
    .abi_major = QRY_ABI_MAJOR,
    .abi_minor = NEWER_MINOR,
    .struct_size = (uint32_t)sizeof(qry_plugin_descriptor),
    .name = "newer",
    .version = "9.9.9",
    .description = "a plugin from a newer ABI minor",
    .entity_types = types,
    .threading = QRY_THREAD_REENTRANT,
    .create = newer_create,
    .process = newer_process,
    .destroy = newer_destroy,
#ifdef NEWER_SET_UNKNOWN_FIELD
    .reserved = {[5] = (void *)&descriptor},
#endif
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
