/* run_source.c -- see run_source.h. */
#include "run_source.h"

#include <stdlib.h>
#include <string.h>

int run_source_next(void *ctx, qin_doc *doc, qdiag *diags)
{
    run_source *s = ctx;
    for (;;) {
        int rc = qin_next(s->in, doc, diags);
        if (rc <= 0)
            return rc;
        if (!qshard_mine(&s->shard, doc->ordinal)) {
            qin_doc_clear(doc);
            continue;
        }
        if (s->conv && qconvert_remember(s->conv, doc) != 0) {
            qin_doc_clear(doc);
            qdiag_add(diags, "out of memory while reading input");
            return -1;
        }
        s->docs++;
        qprogress_update(s->progress, s->docs, qin_bytes_read(s->in));
        return 1;
    }
}

const char **run_declared_types(const qpipeline *p, size_t *n)
{
    size_t cap = 0;
    *n = 0;
    for (size_t k = 0; k < p->n_stages; k++)
        for (const char *const *t = p->stages[k].lib.desc->entity_types; t && *t; t++)
            cap++;
    const char **types = malloc((cap ? cap : 1) * sizeof *types);
    for (size_t k = 0; types && k < p->n_stages; k++)
        for (const char *const *t = p->stages[k].lib.desc->entity_types; t && *t; t++) {
            size_t j = 0;
            while (j < *n && strcmp(types[j], *t) != 0)
                j++;
            if (j == *n)
                types[(*n)++] = *t;
        }
    return types;
}
