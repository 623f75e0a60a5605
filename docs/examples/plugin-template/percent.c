/* percent.c -- an example quarry plugin: "12%", "3.5 percent", "40 per cent".
 * Copy this directory to start your own plugin; it builds out of tree
 * against the installed headers alone (see CMakeLists.txt). */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <quarry/plugin.h>

typedef struct percent {
    const qry_host *host;               /* the core's, valid until destroy */
    const qry_text_service *text;       /* the core's Unicode helpers; NULL in a 1.0 core */
    int keep_sign;                      /* an option, read once in create */
} percent;

static int percent_create(const qry_host *host, void **instance)
{
    percent *p = calloc(1, sizeof *p);
    if (!p) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    p->host = host;
    p->text = qry_service(host, QRY_SERVICE_TEXT); /* a service the core may lack: then NULL */
    host->option_bool(host, "keep_sign", &p->keep_sign); /* validated by the core already */
    *instance = p;
    return QRY_OK;
}

/* Token k reads w, in any case ("Percent", "PERCENT"). */
static int word_is(const percent *p, const qry_doc_view *doc, size_t k, const char *w)
{
    const qry_token *t = &doc->tokens[k];
    if (!(t->flags & QRY_TOK_WORD))
        return 0;
    if (p->text)
        return p->text->token_equals(doc, k, w, QRY_FOLD_CASE);
    size_t n = strlen(w); /* an older core: ASCII case only */
    return t->end - t->start == n && strncasecmp(doc->text + t->start, w, n) == 0;
}

static int percent_process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    const percent *p = instance;
    const qry_host *h = p->host;
    for (size_t k = 0; k < doc->n_tokens; k++) {
        const qry_token *num = &doc->tokens[k];
        if (!(num->flags & QRY_TOK_NUMBER) || k + 1 >= doc->n_tokens)
            continue;
        const qry_token *next = &doc->tokens[k + 1];
        size_t end = 0;
        if (next->end - next->start == 1 && doc->text[next->start] == '%')
            end = next->end;
        else if (word_is(p, doc, k + 1, "percent"))
            end = next->end;
        else if (word_is(p, doc, k + 1, "per") && k + 2 < doc->n_tokens && word_is(p, doc, k + 2, "cent"))
            end = doc->tokens[k + 2].end;
        if (!end)
            continue;
        int e = h->emit(h, sink, "percent", num->start, end);
        if (e < 0)
            return e; /* the core records why */
        char digits[64];
        size_t n = 0;
        for (uint32_t i = num->start; i < num->end && n < sizeof digits - 1; i++)
            if (doc->text[i] != ',')
                digits[n++] = doc->text[i];
        digits[n] = '\0';
        double value = strtod(digits, NULL);
        int negative = p->keep_sign && num->start > 0 && doc->text[num->start - 1] == '-';
        h->attr_double(h, sink, e, "value", negative ? -value : value);
    }
    return QRY_OK;
}

static void percent_destroy(void *instance) { free(instance); }

static const qry_option_spec opt_keep_sign = {
    "keep_sign", QRY_OPT_BOOL, "false", "treat a '-' right before the number as a minus sign", {0}};
static const qry_option_spec *const options[] = {&opt_keep_sign, NULL};
static const char *const types[] = {"percent", NULL};

/* What each entity carries: `quarry plugins percent` prints it, and the
 * core refuses an attribute that is not declared here. */
static const qry_attr_spec attr_value = QRY_ATTR_SPEC("percent", "value", QRY_ATTR_DOUBLE, "the number, signed when keep_sign is on");
static const qry_attr_spec *const attributes[] = {&attr_value, NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "percent",
    .version = "0.1.0",
    .description = "percentages: 12%, 3.5 percent, 40 per cent",
    .entity_types = types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT, /* process() keeps no state */
    .create = percent_create,
    .process = percent_process,
    .destroy = percent_destroy,
    .attributes = attributes,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
