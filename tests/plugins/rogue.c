/* rogue.c -- a buggy plugin: emits undeclared types, bad spans, a span
 * splitting a UTF-8 character, and bad attribute keys. The core must
 * refuse each, record why, and keep the valid entity. */
#include "quarry/plugin.h"

static const qry_host *host;

static int create(const qry_host *h, void **out) { host = h; *out = NULL; return QRY_OK; }

static int process(void *i, const qry_doc_view *d, qry_sink *s)
{
    (void)i;
    host->emit(host, s, "undeclared", 0, 1);
    host->emit(host, s, "thing", 5, 2);
    host->emit(host, s, "thing", 0, d->text_len + 10);
    int ok = d->text_len ? host->emit(host, s, "thing", 0, 1) : -1;
    if (ok >= 0) {
        host->attr_string(host, s, ok, "Bad Key", "x", 1);
        host->attr_string(host, s, ok, "note", "\xff", 1);
        host->attr_int(host, s, ok, "n", 7);
        host->attr_int(host, s, 99, "n", 7);
    }
    return QRY_OK;
}
static void destroy(void *i) { (void)i; }
static const char *const types[] = {"thing", NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "rogue", .version = "0.0.1", .description = "test: misbehaves",
    .entity_types = types, .threading = QRY_THREAD_SERIAL,
    .create = create, .process = process, .destroy = destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
