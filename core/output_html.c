/* output_html.c -- one self-contained page (inline CSS and JavaScript, no
 * network) showing each document's text with its entities highlighted,
 * tooltips with their attributes, quotes linked to their speakers, and a
 * summary of the run.
 *
 * Written as a stream, so a run of any size needs no more memory than
 * JSON Lines output: the head, then each document as an inert JSON block
 * (<script type="application/json">) that the page parses only when it
 * shows that document's page, then the summary and the script
 * (core/view/view.css and view.js, embedded at build time). Offsets in the
 * blocks are UTF-16 code units, JavaScript's string indices. */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "stats.h"

extern const char quarry_view_css[], quarry_view_js[];

typedef struct html {
    qbuf out;
    qstats *stats;
} html;

/* A JSON string that is safe inside <script>: '<', '>' and '&' escaped, so
 * no text can close the block or open a comment. */
static void put_js_string(qbuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    qbuf_append(b, "\"", 1);
    size_t run = 0;
    for (size_t k = 0; k < n; k++) {
        unsigned char c = (unsigned char)s[k];
        if (c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&') {
            run++;
            continue;
        }
        qbuf_append(b, s + k - run, run);
        run = 0;
        if (c == '"' || c == '\\') {
            char esc[2] = {'\\', (char)c};
            qbuf_append(b, esc, 2);
        } else if (c == '\n') {
            qbuf_puts(b, "\\n");
        } else {
            char u[6] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 15]};
            qbuf_append(b, u, 6);
        }
    }
    qbuf_append(b, s + n - run, run);
    qbuf_append(b, "\"", 1);
}

static void put_js_value(qbuf *b, const json_t *v)
{
    if (json_is_string(v))
        put_js_string(b, json_string_value(v), json_string_length(v));
    else if (json_is_number(v) || json_is_boolean(v))
        qout_value_text(b, v);
    else
        qbuf_puts(b, "null");
}

/* Any JSON (the summary), '<' made safe the same way. */
static void put_js_json(qbuf *b, const json_t *v)
{
    char *s = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (!s) {
        b->oom = 1;
        return;
    }
    for (const char *p = s; *p; p++) {
        if (*p == '<' || *p == '>' || *p == '&')
            qbuf_printf(b, "\\u%04x", (unsigned)*p);
        else
            qbuf_append(b, p, 1);
    }
    free(s);
}

static int flush(qout_writer *w, html *h)
{
    if (h->out.oom) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    if (fwrite(h->out.data, 1, h->out.len, w->out) != h->out.len) {
        snprintf(w->why, sizeof w->why, "write failed: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    h->out.len = 0;
    return 0;
}

static int html_start(qout_writer *w)
{
    html *h = calloc(1, sizeof *h);
    if (!h || !(h->stats = qstats_new())) {
        free(h);
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    w->state = h;
    qbuf_puts(&h->out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                       "<meta name=\"generator\" content=\"quarry " QUARRY_VERSION "\">\n"
                       "<title>quarry: entities</title>\n<style>\n");
    qbuf_puts(&h->out, quarry_view_css);
    qbuf_puts(&h->out,
              "</style></head>\n<body>\n"
              "<header class=\"top\"><h1>quarry</h1><span class=\"sub\">entities found by quarry run</span></header>\n"
              "<noscript><p>This page shows its documents with JavaScript.</p></noscript>\n"
              "<section id=\"summary\" aria-label=\"summary\"></section>\n"
              "<nav id=\"controls\"><div id=\"legend\"></div>"
              "<select id=\"only\" aria-label=\"documents shown\"><option value=\"\">all documents</option></select>"
              "<input id=\"query\" type=\"search\" placeholder=\"search ids and text\" aria-label=\"search\">"
              "<span id=\"pager\"><button id=\"prev\" type=\"button\">&lsaquo; prev</button><span id=\"where\"></span>"
              "<button id=\"next\" type=\"button\">next &rsaquo;</button></span></nav>\n"
              "<main id=\"docs\"></main>\n<div id=\"tip\" role=\"tooltip\" hidden></div>\n");
    return flush(w, h);
}

/* The distinct types of a document's entities, for the page's filter.
 * Few types, many entities: each is compared with the types kept so far. */
static void put_types_attr(qbuf *b, const json_t *ents)
{
    const char *kept[32];
    size_t n_kept = 0, i;
    json_t *e;
    json_array_foreach(ents, i, e)
    {
        const char *t = json_string_value(json_object_get(e, "type"));
        size_t k = 0;
        while (t && k < n_kept && strcmp(kept[k], t) != 0)
            k++;
        if (!t || k < n_kept)
            continue;
        if (n_kept < sizeof kept / sizeof *kept)
            kept[n_kept++] = t;
        if (k)
            qbuf_puts(b, " ");
        for (const char *p = t; *p; p++) /* type names are [a-z0-9_], but never trust */
            if (*p != '"' && *p != '<' && *p != '>' && *p != '&')
                qbuf_append(b, p, 1);
    }
}

static void put_entity(qbuf *b, const json_t *e, size_t len, const uint32_t *u16)
{
    size_t s, t;
    if (qout_offset(e, "start", len, &s) || qout_offset(e, "end", len, &t) || t < s)
        return;
    qbuf_printf(b, "{\"s\":%u,\"e\":%u,\"t\":", u16[s], u16[t]);
    put_js_value(b, json_object_get(e, "type"));
    qbuf_puts(b, ",\"p\":");
    put_js_value(b, json_object_get(e, "plugin"));
    qbuf_puts(b, ",\"a\":{");
    json_t *attrs = json_object_get(e, "attrs");
    const char *key;
    json_t *v;
    int n = 0;
    json_object_foreach(attrs, key, v)
    {
        if (n++)
            qbuf_puts(b, ",");
        put_js_string(b, key, strlen(key));
        qbuf_puts(b, ":");
        put_js_value(b, v);
    }
    qbuf_puts(b, "},\"l\":[");
    /* X_start / X_end attribute pairs: spans this entity points at */
    n = 0;
    json_object_foreach(attrs, key, v)
    {
        size_t klen = strlen(key), a0, a1;
        if (klen <= 6 || klen > 70 || strcmp(key + klen - 6, "_start") != 0)
            continue;
        char end_key[72];
        snprintf(end_key, sizeof end_key, "%.*s_end", (int)(klen - 6), key);
        if (qout_offset(attrs, key, len, &a0) || qout_offset(attrs, end_key, len, &a1) || a1 <= a0)
            continue;
        qbuf_puts(b, n++ ? ",[" : "[");
        put_js_string(b, key, klen - 6);
        qbuf_printf(b, ",%u,%u]", u16[a0], u16[a1]);
    }
    qbuf_puts(b, "]}");
}

static int html_put(qout_writer *w, const qout_doc *d)
{
    html *h = w->state;
    if (qstats_add(h->stats, d->record) != 0) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    json_t *ents = json_object_get(d->record, "entities");
    uint32_t *u16 = d->text ? qout_char_map(d->text, d->len, 1) : NULL;
    if (d->text && !u16) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    qbuf *b = &h->out;
    qbuf_puts(b, "<script type=\"application/json\" class=\"qdoc\" data-types=\"");
    put_types_attr(b, ents);
    qbuf_puts(b, "\">{\"id\":");
    put_js_value(b, json_object_get(d->record, "id"));
    qbuf_puts(b, ",\"text\":");
    if (d->text)
        put_js_string(b, d->text, d->len);
    else
        qbuf_puts(b, "null");
    qbuf_puts(b, ",\"ents\":[");
    size_t i;
    json_t *e;
    int n = 0;
    json_array_foreach(ents, i, e)
    {
        if (!d->text)
            break;
        size_t before = b->len;
        if (n)
            qbuf_puts(b, ",");
        size_t mark = b->len;
        put_entity(b, e, d->len, u16);
        if (b->len == mark) /* skipped: a span outside the text */
            b->len = before;
        else
            n++;
    }
    qbuf_puts(b, "],\"errors\":[");
    json_array_foreach(json_object_get(d->record, "errors"), i, e)
    {
        if (i)
            qbuf_puts(b, ",");
        qbuf_puts(b, "{\"plugin\":");
        put_js_value(b, json_object_get(e, "plugin"));
        qbuf_puts(b, ",\"code\":");
        put_js_value(b, json_object_get(e, "code"));
        qbuf_puts(b, ",\"message\":");
        put_js_value(b, json_object_get(e, "message"));
        qbuf_puts(b, "}");
    }
    qbuf_puts(b, "]}</script>\n");
    free(u16);
    return flush(w, h);
}

static int html_finish(qout_writer *w)
{
    html *h = w->state;
    json_t *summary = qstats_summary(h->stats, 10);
    json_t *types = json_array();
    if (!summary || !types) {
        json_decref(summary);
        json_decref(types);
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    /* the legend: the pipeline's types in its order, then any others met */
    for (size_t k = 0; k < w->schema->n_types; k++)
        json_array_append_new(types, json_string(w->schema->types[k]));
    const char *t;
    json_t *v;
    json_object_foreach(json_object_get(summary, "types"), t, v)
    {
        int known = 0;
        for (size_t k = 0; k < w->schema->n_types && !known; k++)
            known = strcmp(t, w->schema->types[k]) == 0;
        if (!known)
            json_array_append_new(types, json_string(t));
    }
    qbuf_puts(&h->out, "<script type=\"application/json\" id=\"qsummary\">");
    put_js_json(&h->out, summary);
    qbuf_puts(&h->out, "</script>\n<script type=\"application/json\" id=\"qtypes\">");
    put_js_json(&h->out, types);
    qbuf_puts(&h->out, "</script>\n<script>\n");
    qbuf_puts(&h->out, quarry_view_js);
    qbuf_puts(&h->out, "</script>\n</body></html>\n");
    json_decref(summary);
    json_decref(types);
    return flush(w, h);
}

static void html_free(qout_writer *w)
{
    html *h = w->state;
    if (!h)
        return;
    qstats_free(h->stats);
    qbuf_free(&h->out);
    free(h);
}

const qout_format_ops qout_html_ops = {html_start, html_put, html_finish, html_free};
