/* numbers.c -- the core's test plugin: emits every NUMBER token as a
 * `number` entity with its value. Small, but it exercises the whole ABI:
 * options of each type, data path resolution, errors per document. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quarry/plugin.h"

typedef struct numbers {
    const qry_host *host;
    int64_t min_digits;
    int with_text;
    char fail_on[64]; /* a document containing this text fails (tests error records) */
} numbers;

static int numbers_create(const qry_host *host, void **out)
{
    numbers *n = calloc(1, sizeof *n);
    if (!n) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    n->host = host;
    if (host->option_int(host, "min_digits", &n->min_digits) != QRY_OK || n->min_digits < 1) {
        host->set_error(host, NULL, "min_digits must be at least 1");
        free(n);
        return QRY_ERR_CONFIG;
    }
    host->option_bool(host, "with_text", &n->with_text);
    const char *fail = host->option(host, "fail_on");
    if (fail)
        snprintf(n->fail_on, sizeof n->fail_on, "%s", fail);
    const char *data = host->option(host, "stopwords");
    if (data) {
        char path[512];
        if (host->resolve_path(host, data, path, sizeof path) < 0) {
            host->set_error(host, NULL, "stopwords file '%s' not found", data);
            free(n);
            return QRY_ERR_IO;
        }
    }
    *out = n;
    return QRY_OK;
}

static int numbers_process(void *inst, const qry_doc_view *doc, qry_sink *sink)
{
    numbers *n = inst;
    const qry_host *h = n->host;
    if (n->fail_on[0] && strstr(doc->text, n->fail_on)) {
        h->set_error(h, sink, "document contains '%s'", n->fail_on);
        return QRY_ERR_INVALID;
    }
    for (size_t k = 0; k < doc->n_tokens; k++) {
        const qry_token *t = &doc->tokens[k];
        if (!(t->flags & QRY_TOK_NUMBER))
            continue;
        int64_t digits = 0;
        char buf[64];
        size_t len = 0;
        for (uint32_t i = t->start; i < t->end && len < sizeof buf - 1; i++)
            if (doc->text[i] != ',') {
                digits += doc->text[i] >= '0' && doc->text[i] <= '9';
                buf[len++] = doc->text[i];
            }
        buf[len] = '\0';
        if (digits < n->min_digits)
            continue;
        int e = h->emit(h, sink, "number", t->start, t->end);
        if (e < 0)
            return e;
        h->attr_double(h, sink, e, "value", strtod(buf, NULL));
        if (n->with_text)
            h->attr_string(h, sink, e, "digits", buf, len);
    }
    return QRY_OK;
}

static void numbers_destroy(void *inst) { free(inst); }

static const qry_option_spec opt_min = {"min_digits", QRY_OPT_INT, "1", "ignore numbers with fewer digits", {0}};
static const qry_option_spec opt_text = {"with_text", QRY_OPT_BOOL, "false", "add a `digits` attribute", {0}};
static const qry_option_spec opt_fail = {"fail_on", QRY_OPT_STRING, NULL, "fail documents containing this text", {0}};
static const qry_option_spec opt_stop = {"stopwords", QRY_OPT_PATH, NULL, "a data file that must exist", {0}};
static const qry_option_spec *const options[] = {&opt_min, &opt_text, &opt_fail, &opt_stop, NULL};
static const char *const types[] = {"number", NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "numbers",
    .version = "1.0.0",
    .description = "test plugin: every number in the text",
    .entity_types = types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = numbers_create,
    .process = numbers_process,
    .destroy = numbers_destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
