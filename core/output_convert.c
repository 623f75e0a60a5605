/* output_convert.c -- see output_convert.h. The stream is a stdio cookie,
 * unbuffered so that each record reaches the writer as the runner writes
 * it and the queue of remembered texts stays as short as the runner's
 * window of documents in flight. */
#define _GNU_SOURCE /* fopencookie */
#include "output_convert.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"

typedef struct pending {
    struct pending *next;
    char *id;
    char *text; /* NULL for a document that could not be read */
    size_t len;
} pending;

struct qconvert {
    qout_writer *w;
    FILE *stream;
    pthread_mutex_t mu; /* guards the queue: the reader adds, the writer takes */
    pending *head, *tail;
    qbuf line;          /* a record line being assembled */
    unsigned long long written;
    int failed;
    char why[600];
};

static pending *take(qconvert *c)
{
    pthread_mutex_lock(&c->mu);
    pending *p = c->head;
    if (p && !(c->head = p->next))
        c->tail = NULL;
    pthread_mutex_unlock(&c->mu);
    return p;
}

static void drop(pending *p)
{
    if (!p)
        return;
    free(p->id);
    free(p->text);
    free(p);
}

/* One record line: match it with its text and hand both to the writer. */
static int convert_line(qconvert *c, const char *line, size_t len)
{
    json_error_t err;
    json_t *rec = json_loadb(line, len, 0, &err);
    pending *p = take(c);
    int rc = -1;
    const char *id = json_string_value(json_object_get(rec, "id"));
    if (!rec)
        snprintf(c->why, sizeof c->why, "internal error: record %llu does not parse (%s)", c->written + 1, err.text);
    else if (!p || !id || strcmp(id, p->id) != 0)
        snprintf(c->why, sizeof c->why, "internal error: record %llu ('%s') is not the document read next",
                 c->written + 1, id ? id : "?");
    else {
        qout_doc d = {.text = p->text, .len = p->len, .record = rec, .ordinal = c->written};
        rc = qout_writer_put(c->w, &d);
        if (rc != 0)
            snprintf(c->why, sizeof c->why, "%s", c->w->why);
    }
    c->written++;
    json_decref(rec);
    drop(p);
    return rc;
}

static ssize_t convert_write(void *cookie, const char *buf, size_t size)
{
    qconvert *c = cookie;
    if (c->failed) {
        errno = EIO;
        return -1;
    }
    size_t from = 0;
    for (size_t k = 0; k < size; k++) {
        if (buf[k] != '\n')
            continue;
        const char *line = buf + from;
        size_t len = k - from;
        if (c->line.len) { /* the start came with an earlier write */
            qbuf_append(&c->line, buf + from, k - from);
            line = c->line.data;
            len = c->line.len;
        }
        int rc = c->line.oom ? (snprintf(c->why, sizeof c->why, "out of memory"), -1) : convert_line(c, line, len);
        c->line.len = 0;
        from = k + 1;
        if (rc != 0) {
            c->failed = 1;
            errno = EIO;
            return -1;
        }
    }
    qbuf_append(&c->line, buf + from, size - from);
    return (ssize_t)size;
}

qconvert *qconvert_open(qout_writer *w)
{
    qconvert *c = calloc(1, sizeof *c);
    if (!c)
        return NULL;
    c->w = w;
    pthread_mutex_init(&c->mu, NULL);
    c->stream = fopencookie(c, "w", (cookie_io_functions_t){.write = convert_write});
    if (!c->stream) {
        qconvert_close(c);
        return NULL;
    }
    setvbuf(c->stream, NULL, _IONBF, 0);
    return c;
}

FILE *qconvert_stream(qconvert *c) { return c->stream; }

int qconvert_remember(qconvert *c, const qin_doc *doc)
{
    pending *p = calloc(1, sizeof *p);
    if (!p)
        return -1;
    p->id = strdup(doc->id ? doc->id : "");
    if (doc->text && (p->text = malloc(doc->len + 1))) {
        memcpy(p->text, doc->text, doc->len);
        p->text[doc->len] = '\0';
        p->len = doc->len;
    }
    if (!p->id || (doc->text && !p->text)) {
        drop(p);
        return -1;
    }
    pthread_mutex_lock(&c->mu);
    if (c->tail)
        c->tail->next = p;
    else
        c->head = p;
    c->tail = p;
    pthread_mutex_unlock(&c->mu);
    return 0;
}

int qconvert_finish(qconvert *c)
{
    if (fflush(c->stream) != 0 || c->failed)
        return -1;
    if (qout_writer_finish(c->w) != 0) {
        snprintf(c->why, sizeof c->why, "%s", c->w->why);
        c->failed = 1;
        return -1;
    }
    return 0;
}

const char *qconvert_error(const qconvert *c) { return c->why[0] ? c->why : NULL; }

void qconvert_close(qconvert *c)
{
    if (!c)
        return;
    if (c->stream)
        fclose(c->stream);
    for (pending *p = c->head, *next; p; p = next) {
        next = p->next;
        drop(p);
    }
    pthread_mutex_destroy(&c->mu);
    qbuf_free(&c->line);
    free(c);
}
