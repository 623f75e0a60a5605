/* output_jsonl.c -- the record as one JSON object per line.
 * Hand-written on purpose: the writer is the hot path and only ever emits
 * JSON (parsing JSON is jansson's job, in the input reader). */
#include "output.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put_attr(qbuf *b, const qattr *a)
{
    qbuf_json_string(b, a->key, strlen(a->key));
    qbuf_append(b, ": ", 2);
    switch (a->type) {
    case QATTR_STRING:
        qbuf_json_string(b, a->v.str.s, a->v.str.len);
        break;
    case QATTR_INT:
        qbuf_i64(b, a->v.i);
        break;
    case QATTR_DOUBLE: /* 2400000000, not 2.4e+09; 2.4, not 2.3999999999999999 */
        qbuf_double(b, a->v.d);
        break;
    default:
        qbuf_puts(b, a->v.b ? "true" : "false");
    }
}

void qout_jsonl(qbuf *b, const qrecord *r)
{
    qbuf_puts(b, "{\"id\": ");
    qbuf_json_string(b, r->id, strlen(r->id));
    qbuf_puts(b, ", \"entities\": [");
    for (size_t k = 0; k < r->n_ents; k++) {
        const qentity *e = &r->ents[k];
        qbuf_puts(b, k ? ", {\"type\": " : "{\"type\": ");
        qbuf_json_string(b, e->type, strlen(e->type));
        qbuf_append(b, ", \"start\": ", 11);
        qbuf_u64(b, e->start);
        qbuf_append(b, ", \"end\": ", 9);
        qbuf_u64(b, e->end);
        qbuf_append(b, ", \"text\": ", 10);
        qbuf_json_string(b, r->text + e->start, e->end - e->start);
        qbuf_puts(b, ", \"plugin\": ");
        qbuf_json_string(b, e->plugin, strlen(e->plugin));
        qbuf_puts(b, ", \"attrs\": {");
        for (size_t j = 0; j < e->n_attrs; j++) {
            if (j)
                qbuf_append(b, ", ", 2);
            put_attr(b, &e->attrs[j]);
        }
        qbuf_puts(b, "}}");
    }
    qbuf_puts(b, "], \"errors\": [");
    for (size_t k = 0; k < r->n_errors; k++) {
        const qrec_error *e = &r->errors[k];
        qbuf_puts(b, k ? ", {\"plugin\": " : "{\"plugin\": ");
        if (e->plugin)
            qbuf_json_string(b, e->plugin, strlen(e->plugin));
        else
            qbuf_puts(b, "null");
        qbuf_puts(b, ", \"code\": ");
        qbuf_json_string(b, e->code, strlen(e->code));
        qbuf_puts(b, ", \"message\": ");
        qbuf_json_string(b, e->message, strlen(e->message));
        qbuf_puts(b, "}");
    }
    qbuf_puts(b, "]}\n");
}
