/* chatty.c -- a test plugin that logs: one line at each level from
 * create(), and from process() (on worker threads) one info line naming
 * the document, so a test can see where plugin log lines go. It emits a
 * `word` for the first token, so its records are not empty. */
#include <stdlib.h>

#include "quarry/plugin.h"

typedef struct chatty {
    const qry_host *host;
} chatty;

static int chatty_create(const qry_host *host, void **out)
{
    chatty *c = calloc(1, sizeof *c);
    if (!c) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    c->host = host;
    host->log(host, QRY_LOG_ERROR, "create: an error line");
    host->log(host, QRY_LOG_WARN, "create: a warning line");
    host->log(host, QRY_LOG_INFO, "create: an info line");
    host->log(host, QRY_LOG_DEBUG, "create: a debug line");
    *out = c;
    return QRY_OK;
}

static int chatty_process(void *inst, const qry_doc_view *doc, qry_sink *sink)
{
    chatty *c = inst;
    c->host->log(c->host, QRY_LOG_INFO, "processing %s (%zu bytes)", doc->id, doc->text_len);
    if (doc->n_tokens == 0)
        return QRY_OK;
    int e = c->host->emit(c->host, sink, "word", doc->tokens[0].start, doc->tokens[0].end);
    return e < 0 ? e : QRY_OK;
}

static void chatty_destroy(void *inst) { free(inst); }

static const char *const types[] = {"word", NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "chatty",
    .version = "1.0.0",
    .description = "test plugin: logs at every level",
    .entity_types = types,
    .threading = QRY_THREAD_REENTRANT,
    .create = chatty_create,
    .process = chatty_process,
    .destroy = chatty_destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
