/* output_conll.c -- token per line with IOB2 tags, the shape sequence
 * labelling tools (seqeval, CoNLL-2003 scripts, spaCy's converters) read.
 *
 * The tokens and sentences are the core's own (segment.c), the ones the
 * plugins saw. Entities of different types nest (a weapon inside a quote),
 * which one IOB column cannot say, so each entity type the pipeline
 * declares gets its own tag column:
 *
 *   # global.columns = FORM START END LOCATION MONEY QUOTE WEAPON
 *   # newdoc id = a.txt
 *   Berlin	0	6	B-location	O	O	O
 *
 * START/END are byte offsets as in the record. A blank line ends a
 * sentence. Within one type the first entity (the record's order) wins a
 * token both claim. A document that could not be read gets its newdoc
 * line and a "# error = ..." line. */
#include "output.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"

typedef struct conll {
    qseg seg;
    qbuf out;
    unsigned char *tags; /* per token and type: 0 O, 1 B, 2 I */
    size_t cap_tags;
} conll;

static int conll_start(qout_writer *w)
{
    conll *c = calloc(1, sizeof *c);
    if (!c) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    w->state = c;
    qbuf_puts(&c->out, "# global.columns = FORM START END");
    for (size_t k = 0; k < w->schema->n_types; k++) {
        qbuf_puts(&c->out, " ");
        for (const char *p = w->schema->types[k]; *p; p++)
            qbuf_printf(&c->out, "%c", toupper((unsigned char)*p));
    }
    qbuf_puts(&c->out, "\n");
    return 0;
}

/* A comment line's value: one line, whatever the id or message holds. */
static void put_comment_value(qbuf *b, const char *s)
{
    for (; s && *s; s++)
        qbuf_append(b, *s == '\n' || *s == '\r' ? " " : s, 1);
}

static int flush(qout_writer *w, conll *c)
{
    if (c->out.oom) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    if (fwrite(c->out.data, 1, c->out.len, w->out) != c->out.len) {
        snprintf(w->why, sizeof w->why, "write failed: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    c->out.len = 0;
    return 0;
}

/* Tag the tokens each entity covers, type by type (column by column). */
static void tag_tokens(const qout_writer *w, conll *c, const json_t *ents, size_t len)
{
    size_t n_types = w->schema->n_types, n_tok = c->seg.n_tokens;
    memset(c->tags, 0, n_tok * n_types);
    size_t i;
    json_t *e;
    json_array_foreach(ents, i, e)
    {
        const char *type = json_string_value(json_object_get(e, "type"));
        size_t col = n_types, start, end;
        for (size_t k = 0; type && k < n_types && col == n_types; k++)
            if (strcmp(type, w->schema->types[k]) == 0)
                col = k;
        if (col == n_types || qout_offset(e, "start", len, &start) || qout_offset(e, "end", len, &end))
            continue;
        /* tokens are in text order: find the first that overlaps */
        size_t lo = 0, hi = n_tok;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->seg.tokens[mid].end <= start)
                lo = mid + 1;
            else
                hi = mid;
        }
        size_t first = lo, last = lo;
        while (last < n_tok && c->seg.tokens[last].start < end)
            last++;
        int taken = 0;
        for (size_t t = first; t < last && !taken; t++)
            taken = c->tags[t * n_types + col] != 0;
        if (taken || first == last)
            continue;
        for (size_t t = first; t < last; t++)
            c->tags[t * n_types + col] = t == first ? 1 : 2;
    }
}

static int conll_put(qout_writer *w, const qout_doc *d)
{
    conll *c = w->state;
    qbuf_puts(&c->out, "# newdoc id = ");
    put_comment_value(&c->out, json_string_value(json_object_get(d->record, "id")));
    qbuf_puts(&c->out, "\n");
    if (!d->text) {
        size_t i;
        json_t *err;
        json_array_foreach(json_object_get(d->record, "errors"), i, err)
        {
            qbuf_puts(&c->out, "# error = ");
            put_comment_value(&c->out, json_string_value(json_object_get(err, "message")));
            qbuf_puts(&c->out, "\n");
        }
        qbuf_puts(&c->out, "\n");
        return flush(w, c);
    }
    int rc = qseg_run(&c->seg, d->text, d->len);
    if (rc != QRY_OK) {
        snprintf(w->why, sizeof w->why, "%s", rc == QRY_ERR_NOMEM ? "out of memory" : "document too large to tokenize");
        return -1;
    }
    size_t n_types = w->schema->n_types, need = c->seg.n_tokens * n_types;
    if (need > c->cap_tags) {
        unsigned char *grown = realloc(c->tags, need);
        if (!grown) {
            snprintf(w->why, sizeof w->why, "out of memory");
            return -1;
        }
        c->tags = grown;
        c->cap_tags = need;
    }
    tag_tokens(w, c, json_object_get(d->record, "entities"), d->len);
    for (size_t t = 0; t < c->seg.n_tokens; t++) {
        const qry_token *tok = &c->seg.tokens[t];
        if (t && tok->sentence != c->seg.tokens[t - 1].sentence)
            qbuf_puts(&c->out, "\n");
        qbuf_append(&c->out, d->text + tok->start, tok->end - tok->start);
        qbuf_printf(&c->out, "\t%u\t%u", tok->start, tok->end);
        for (size_t k = 0; k < n_types; k++) {
            unsigned char tag = c->tags[t * n_types + k];
            if (tag)
                qbuf_printf(&c->out, "\t%c-%s", tag == 1 ? 'B' : 'I', w->schema->types[k]);
            else
                qbuf_puts(&c->out, "\tO");
        }
        qbuf_puts(&c->out, "\n");
        if (c->out.len > (1u << 16) && flush(w, c) != 0)
            return -1;
    }
    qbuf_puts(&c->out, "\n");
    return flush(w, c);
}

static int conll_finish(qout_writer *w) { return flush(w, w->state); }

static void conll_free(qout_writer *w)
{
    conll *c = w->state;
    if (!c)
        return;
    qseg_free(&c->seg);
    qbuf_free(&c->out);
    free(c->tags);
    free(c);
}

const qout_format_ops qout_conll_ops = {conll_start, conll_put, conll_finish, conll_free};
