/* bad_abi.c -- claims plugin ABI 2.0: the core must refuse it by name. */
#include <stdlib.h>

#include "quarry/plugin.h"

static int create(const qry_host *h, void **out) { (void)h; *out = NULL; return QRY_OK; }
static int process(void *i, const qry_doc_view *d, qry_sink *s) { (void)i; (void)d; (void)s; return QRY_OK; }
static void destroy(void *i) { (void)i; }
static const char *const types[] = {"thing", NULL};

static const qry_plugin_descriptor descriptor = {
    .abi_major = 2, .abi_minor = 0, .struct_size = sizeof(qry_plugin_descriptor),
    .name = "bad_abi", .version = "2.0.0", .description = "test: future ABI",
    .entity_types = types, .create = create, .process = process, .destroy = destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
