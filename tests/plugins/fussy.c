/* fussy.c -- a test plugin whose create() refuses an option value through
 * the diag service (ABI 1.1), so a test can see where such a report lands:
 * with the INI file, the option's line, section and key. */
#include <string.h>

#include "quarry/plugin.h"

static int fussy_create(const qry_host *host, void **out)
{
    const qry_diag_service *diag = qry_service(host, QRY_SERVICE_DIAG);
    const char *mode = host->option(host, "mode");
    *out = NULL;
    if (mode && strcmp(mode, "ok") != 0) {
        if (diag)
            diag->option_error(host, "mode", "'%s' is not a mode (the only one is 'ok')", mode);
        return QRY_ERR_CONFIG;
    }
    return QRY_OK;
}

static int fussy_process(void *inst, const qry_doc_view *doc, qry_sink *sink)
{
    (void)inst;
    (void)doc;
    (void)sink;
    return QRY_OK;
}

static void fussy_destroy(void *inst) { (void)inst; }

static const qry_option_spec opt_mode = {"mode", QRY_OPT_STRING, "ok", "must be 'ok'", {0}};
static const qry_option_spec *const options[] = {&opt_mode, NULL};
static const char *const types[] = {"thing", NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "fussy",
    .version = "1.0.0",
    .description = "test plugin: create() reports a bad option through the diag service",
    .entity_types = types,
    .options = options,
    .threading = QRY_THREAD_SERIAL,
    .create = fussy_create,
    .process = fussy_process,
    .destroy = fussy_destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
