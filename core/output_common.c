/* output_common.c -- the writer wrapper and what the non-JSON writers
 * share: numbers written as the JSON writer writes them, attribute values
 * as text, byte offsets turned into character positions. */
#include "output.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

int qout_format_from_name(const char *name)
{
    static const char *const names[] = {"jsonl", "tsv", "brat", "conll", "html"};
    for (size_t k = 0; k < sizeof names / sizeof *names; k++)
        if (strcmp(name, names[k]) == 0)
            return (int)k;
    return -1;
}

qout_writer *qout_writer_open(int format, FILE *out, const char *dir, const qout_schema *schema, char *why,
                              size_t whysz)
{
    static const qout_format_ops *const ops[] = {
        [QOUT_TSV] = &qout_tsv_ops, [QOUT_BRAT] = &qout_brat_ops,
        [QOUT_CONLL] = &qout_conll_ops, [QOUT_HTML] = &qout_html_ops};
    if (format <= QOUT_JSONL || format > QOUT_HTML) {
        snprintf(why, whysz, "no such output format");
        return NULL;
    }
    qout_writer *w = calloc(1, sizeof *w);
    if (!w) {
        snprintf(why, whysz, "out of memory");
        return NULL;
    }
    *w = (qout_writer){.ops = ops[format], .out = out, .dir = dir, .schema = schema};
    if (w->ops->start(w) != 0) {
        snprintf(why, whysz, "%s", w->why);
        qout_writer_free(w);
        return NULL;
    }
    return w;
}

int qout_writer_put(qout_writer *w, const qout_doc *d) { return w->ops->put(w, d); }

int qout_writer_finish(qout_writer *w) { return w->ops->finish(w); }

void qout_writer_free(qout_writer *w)
{
    if (!w)
        return;
    w->ops->free(w);
    free(w);
}

void qout_number(qbuf *b, const json_t *v)
{
    if (json_is_integer(v)) {
        qbuf_printf(b, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
        return;
    }
    qbuf_double(b, json_real_value(v));
}

void qout_value_text(qbuf *b, const json_t *v)
{
    if (json_is_string(v))
        qbuf_append(b, json_string_value(v), json_string_length(v));
    else if (json_is_number(v))
        qout_number(b, v);
    else if (json_is_boolean(v))
        qbuf_puts(b, json_is_true(v) ? "true" : "false");
}

uint32_t *qout_char_map(const char *text, size_t len, int utf16)
{
    uint32_t *map = malloc((len + 1) * sizeof *map);
    if (!map)
        return NULL;
    uint32_t at = 0;
    for (size_t k = 0; k < len; k++) {
        unsigned char c = (unsigned char)text[k];
        map[k] = at;
        if ((c & 0xC0) != 0x80) /* a lead byte starts a character */
            at += utf16 && c >= 0xF0 ? 2 : 1; /* beyond the BMP: a surrogate pair */
    }
    map[len] = at;
    return map;
}

int qout_offset(const json_t *obj, const char *key, size_t limit, size_t *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_integer(v) || json_integer_value(v) < 0 || (uint64_t)json_integer_value(v) > limit)
        return -1;
    *out = (size_t)json_integer_value(v);
    return 0;
}
