/* bad_create.c -- create() always fails with a reason. */
#include "quarry/plugin.h"

static int create(const qry_host *h, void **out)
{
    *out = NULL;
    h->set_error(h, NULL, "model file is corrupt");
    return QRY_ERR_CONFIG;
}
static int process(void *i, const qry_doc_view *d, qry_sink *s) { (void)i; (void)d; (void)s; return QRY_OK; }
static void destroy(void *i) { (void)i; }
static const char *const types[] = {"thing", NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "bad_create", .version = "1.0.0", .description = "test: create fails",
    .entity_types = types, .threading = QRY_THREAD_SERIAL,
    .create = create, .process = process, .destroy = destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
