/* pairs.c -- a test plugin that builds on an earlier stage: it consumes
 * `number` entities (from the numbers plugin, or given by a test) and
 * emits a `pair` over two numbers with only "and" between them, with the
 * sum of their values. It declares its attributes, so the core holds it
 * to them. */
#include <stdlib.h>
#include <string.h>

#include "quarry/plugin.h"

typedef struct pairs {
    const qry_host *host;
    const qry_entities_service *ents;
    const qry_text_service *text;
} pairs;

static int pairs_create(const qry_host *host, void **out)
{
    pairs *p = calloc(1, sizeof *p);
    if (!p)
        return QRY_ERR_NOMEM;
    p->host = host;
    p->ents = qry_service(host, QRY_SERVICE_ENTITIES);
    p->text = qry_service(host, QRY_SERVICE_TEXT);
    if (!p->ents || !p->text) {
        host->set_error(host, NULL, "needs the entities and text services (ABI 1.1)");
        free(p);
        return QRY_ERR_UNSUPPORTED;
    }
    *out = p;
    return QRY_OK;
}

static int64_t value_of(const pairs *p, const qry_entity *e)
{
    const qry_attr *a = p->ents->attr(e, "value");
    if (!a)
        return 0;
    return a->type == QRY_ATTR_STRING ? strtoll(a->str, NULL, 10) : a->type == QRY_ATTR_DOUBLE ? (int64_t)a->d : a->i;
}

static int pairs_process(void *inst, const qry_doc_view *doc, qry_sink *sink)
{
    pairs *p = inst;
    size_t n;
    const qry_entity *const *nums = p->ents->list(p->host, sink, &n);
    for (size_t k = 0; k + 1 < n; k++) {
        const qry_entity *a = nums[k], *b = nums[k + 1];
        size_t between = p->text->token_at(doc, a->end);
        if (between + 2 > doc->n_tokens || !p->text->token_equals(doc, between, "and", QRY_FOLD_CASE) ||
            doc->tokens[between + 1].start != b->start)
            continue;
        int e = p->host->emit(p->host, sink, "pair", a->start, b->end);
        if (e < 0)
            return e;
        p->host->attr_int(p->host, sink, e, "sum", value_of(p, a) + value_of(p, b));
        p->host->attr_string(p->host, sink, e, "from", a->stage_name, strlen(a->stage_name));
    }
    return QRY_OK;
}

static void pairs_destroy(void *inst) { free(inst); }

static const char *const types[] = {"pair", NULL};
static const char *const consumes[] = {"number", NULL};
static const qry_attr_spec a_sum = QRY_ATTR_SPEC("pair", "sum", QRY_ATTR_INT, "the two values added");
static const qry_attr_spec a_from = QRY_ATTR_SPEC("pair", "from", QRY_ATTR_STRING, "the stage that found the numbers");
static const qry_attr_spec *const attributes[] = {&a_sum, &a_from, NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "pairs",
    .version = "1.1.0",
    .description = "test: two numbers joined by 'and', from an earlier stage",
    .entity_types = types,
    .threading = QRY_THREAD_REENTRANT,
    .create = pairs_create,
    .process = pairs_process,
    .destroy = pairs_destroy,
    .consumes = consumes,
    .attributes = attributes,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
