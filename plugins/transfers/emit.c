/* emit.c -- one transfer entity: the span of the weapon or money mention,
 * who, to whom, how far, the evidence (trigger and where donor and
 * recipient were read), and what moves (the system, or the sum), so that a
 * donor x system table can be built from the records alone. */
#include <stdio.h>
#include <string.h>

#include "transfers.h"

static int put_str(const qry_host *h, qry_sink *sink, int e, const char *key, const char *value)
{
    return h->attr_string(h, sink, e, key, value, strlen(value));
}

static int put_span(const qry_host *h, qry_sink *sink, int e, const char *start_key, const char *end_key,
                    size_t start, size_t end)
{
    int rc = h->attr_int(h, sink, e, start_key, (int64_t)start);
    return rc ? rc : h->attr_int(h, sink, e, end_key, (int64_t)end);
}

/* The underlying entity's attribute `from`, copied as `to`. */
static int copy_attr(const qry_host *h, qry_sink *sink, const qry_entities_service *es, const qry_entity *src,
                     int e, const char *from, const char *to)
{
    const qry_attr *a = es->attr(src, from);
    if (!a)
        return QRY_OK;
    switch (a->type) {
    case QRY_ATTR_STRING:
        return h->attr_string(h, sink, e, to, a->str, a->str_len);
    case QRY_ATTR_INT:
        return h->attr_double(h, sink, e, to, (double)a->i);
    case QRY_ATTR_DOUBLE:
        return h->attr_double(h, sink, e, to, a->d);
    default:
        return QRY_OK;
    }
}

int tr_emit(const qry_host *h, qry_sink *sink, const qry_entities_service *es, const tr_docview *v, size_t mention,
            const tr_relation *r)
{
    const qry_doc_view *doc = v->doc;
    const tr_mention *m = &v->mentions[mention];
    int e = h->emit(h, sink, "transfer", m->ent->start, m->ent->end);
    if (e < 0)
        return e;
    const qry_token *tt0 = &doc->tokens[r->trig_t0], *tt1 = &doc->tokens[r->trig_t1 - 1];
    int rc = put_str(h, sink, e, "status", tr_status_name(r->status));
    if (!rc)
        rc = h->attr_string(h, sink, e, "trigger", doc->text + tt0->start, tt1->end - tt0->start);
    if (!rc)
        rc = put_span(h, sink, e, "trigger_start", "trigger_end", tt0->start, tt1->end);
    if (!rc && r->donor >= 0) {
        const tr_actor *a = &v->actors[r->donor];
        rc = put_str(h, sink, e, "donor", r->donor_code);
        if (!rc)
            rc = put_span(h, sink, e, "donor_start", "donor_end", doc->tokens[a->t0].start, doc->tokens[a->t1 - 1].end);
        if (!rc)
            rc = put_str(h, sink, e, "donor_source", tr_source_name(r->donor_source));
        if (!rc && r->n_donors > 1) {
            char list[TR_MAX_DONORS * (TR_CODE_MAX + 1)];
            size_t n = 0;
            list[0] = '\0';
            for (int i = 0; i < r->n_donors; i++) {
                const char *code = v->actors[r->donors[i]].code;
                int seen = 0;
                for (int j = 0; j < i; j++)
                    seen |= strcmp(v->actors[r->donors[j]].code, code) == 0;
                if (!seen)
                    n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? "," : "", code);
            }
            if (strchr(list, ','))
                rc = put_str(h, sink, e, "donors", list);
        }
    }
    if (!rc && r->recipient_code[0]) {
        rc = put_str(h, sink, e, "recipient", r->recipient_code);
        if (!rc && r->recipient >= 0) {
            const tr_actor *a = &v->actors[r->recipient];
            rc = put_span(h, sink, e, "recipient_start", "recipient_end", doc->tokens[a->t0].start,
                          doc->tokens[a->t1 - 1].end);
        }
        if (!rc)
            rc = put_str(h, sink, e, "recipient_source", tr_source_name(r->recipient_source));
    }
    if (!rc && m->is_money) {
        rc = copy_attr(h, sink, es, m->ent, e, "value", "value");
        if (!rc)
            rc = copy_attr(h, sink, es, m->ent, e, "currency", "currency");
    } else if (!rc) {
        rc = copy_attr(h, sink, es, m->ent, e, "name", "system");
        if (!rc)
            rc = copy_attr(h, sink, es, m->ent, e, "category", "category");
    }
    return rc;
}
