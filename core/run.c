/* run.c -- the batch runner: reader, workers and an order-preserving writer.
 *
 * Documents flow through a ring of slots, at most `window` in flight, so
 * memory stays flat however many documents pass. The calling thread reads
 * and fills slots in input order; workers take the next filled slot,
 * process it and serialise the record into the slot; a writer thread
 * writes slots strictly in input order.
 *
 * Each kind of waiter has its own condition, signalled only when what it
 * waits for happens (workers: a filled slot; the writer: its next slot
 * done; the reader: a free slot), so a document costs a few targeted
 * wake-ups rather than waking every thread each time anything changes.
 */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "output.h"

enum slot_state { SLOT_FREE, SLOT_FILLED, SLOT_BUSY, SLOT_DONE };

typedef struct slot {
    int state;
    qin_doc doc;
    qbuf line;      /* the serialised record; buffer reused */
    int had_error;
    size_t n_entities;
} slot;

typedef struct runner {
    qpipeline *p;
    const qrun_options *opts;
    slot *slots;
    size_t window;
    unsigned long long next_fill, next_work, next_write;
    int reading_done, stop; /* stop: fatal error or --strict */
    int fatal_oom, write_failed, strict_hit;
    char strict_why[512];
    pthread_mutex_t mu;
    pthread_cond_t work;  /* workers: a slot was filled, or reading ended */
    pthread_cond_t done;  /* writer: slot next_write is done, or reading ended */
    pthread_cond_t space; /* reader: a slot was freed */
    qrun_stats stats;
} runner;

typedef struct worker_arg {
    runner *r;
    size_t index;
} worker_arg;

/* Wake everyone: the run is stopping. Called with mu held. */
static void stop_all(runner *r)
{
    r->stop = 1;
    pthread_cond_broadcast(&r->work);
    pthread_cond_broadcast(&r->done);
    pthread_cond_broadcast(&r->space);
}

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    runner *r = wa->r;
    qseg seg = {0};
    qrecord rec = {0};
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->stop && r->next_work == r->next_fill && !r->reading_done)
            pthread_cond_wait(&r->work, &r->mu);
        if (r->stop || r->next_work == r->next_fill)
            break;
        unsigned long long seq = r->next_work++;
        slot *s = &r->slots[seq % r->window];
        s->state = SLOT_BUSY;
        pthread_mutex_unlock(&r->mu);

        int rc = qpipe_process(r->p, wa->index, &s->doc, &seg, &rec);
        s->line.len = 0;
        s->line.oom = 0;
        if (rc == QRY_OK)
            qout_jsonl(&s->line, &rec);
        int oom = rc != QRY_OK || s->line.oom;
        s->had_error = rec.n_errors > 0;
        s->n_entities = rec.n_ents;

        pthread_mutex_lock(&r->mu);
        s->state = SLOT_DONE;
        if (oom) {
            r->fatal_oom = 1;
            stop_all(r);
        } else if (seq == r->next_write) {
            pthread_cond_signal(&r->done);
        }
    }
    pthread_mutex_unlock(&r->mu);
    qseg_free(&seg);
    qrec_free(&rec);
    return NULL;
}

static void *writer_main(void *arg)
{
    runner *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        slot *s = &r->slots[r->next_write % r->window];
        while (!r->stop && r->next_write < r->next_fill && s->state != SLOT_DONE)
            pthread_cond_wait(&r->done, &r->mu);
        if (r->next_write == r->next_fill && !r->stop) {
            if (r->reading_done)
                break;
            pthread_cond_wait(&r->done, &r->mu);
            continue;
        }
        if (r->stop || s->state != SLOT_DONE)
            break;
        pthread_mutex_unlock(&r->mu);

        /* ferror too: some streams (fopencookie's) report a failed write
         * through the error flag only, not through fwrite's count */
        errno = 0;
        int failed = fwrite(s->line.data, 1, s->line.len, r->opts->out) != s->line.len || ferror(r->opts->out);
        int write_errno = errno ? errno : EIO;
        int strict_hit = r->opts->strict && s->had_error;

        pthread_mutex_lock(&r->mu);
        r->stats.documents++;
        r->stats.entities += s->n_entities;
        r->stats.failed_docs += s->had_error;
        if (failed)
            r->write_failed = write_errno;
        if (strict_hit) {
            snprintf(r->strict_why, sizeof r->strict_why, "%s", s->doc.id ? s->doc.id : "?");
            r->strict_hit = 1;
        }
        qin_doc_clear(&s->doc);
        s->state = SLOT_FREE;
        r->next_write++;
        if (failed || strict_hit)
            stop_all(r);
        else
            pthread_cond_signal(&r->space);
    }
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

/* The calling thread's part: fill slots in input order until the inputs
 * end or the run is stopped. */
static int read_loop(runner *r, const qrun_source *src, qdiag *diags)
{
    int read_failed = 0;
    pthread_mutex_lock(&r->mu);
    while (!r->stop) {
        slot *s = &r->slots[r->next_fill % r->window];
        while (!r->stop && s->state != SLOT_FREE)
            pthread_cond_wait(&r->space, &r->mu);
        if (r->stop)
            break;
        pthread_mutex_unlock(&r->mu);
        int got = src->next(src->ctx, &s->doc, diags); /* the slot is ours: not yet FILLED */
        pthread_mutex_lock(&r->mu);
        if (got <= 0) {
            read_failed = got < 0;
            if (read_failed)
                stop_all(r);
            break;
        }
        s->state = SLOT_FILLED;
        r->next_fill++;
        pthread_cond_signal(&r->work);
    }
    r->reading_done = 1;
    pthread_cond_broadcast(&r->work);
    pthread_cond_broadcast(&r->done);
    pthread_mutex_unlock(&r->mu);
    return read_failed;
}

int qrun(qpipeline *p, const qrun_source *src, const qrun_options *opts, qrun_stats *stats, qdiag *diags)
{
    size_t n_workers = opts->n_workers ? opts->n_workers : 1;
    runner r = {.p = p, .opts = opts, .window = opts->window ? opts->window : n_workers * 4 + 4};
    pthread_t *workers = calloc(n_workers, sizeof *workers);
    worker_arg *args = calloc(n_workers, sizeof *args);
    r.slots = calloc(r.window, sizeof *r.slots);
    pthread_t writer;
    size_t started = 0;
    int writer_started = 0, read_failed = 0, status = QRUN_FATAL;
    if (!workers || !args || !r.slots) {
        qdiag_add(diags, "out of memory");
        goto out;
    }
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.work, NULL);
    pthread_cond_init(&r.done, NULL);
    pthread_cond_init(&r.space, NULL);
    int thread_err = 0; /* pthread_create returns its error; it does not set errno */
    for (; started < n_workers; started++) {
        args[started] = (worker_arg){&r, started};
        if ((thread_err = pthread_create(&workers[started], NULL, worker_main, &args[started])) != 0)
            break;
    }
    if (!thread_err)
        thread_err = pthread_create(&writer, NULL, writer_main, &r);
    writer_started = !thread_err;
    if (writer_started) {
        read_failed = read_loop(&r, src, diags);
    } else {
        qdiag_add(diags, "cannot start threads: %s", strerror(thread_err));
        pthread_mutex_lock(&r.mu);
        stop_all(&r);
        pthread_mutex_unlock(&r.mu);
    }
    for (size_t k = 0; k < started; k++)
        pthread_join(workers[k], NULL);
    if (writer_started)
        pthread_join(writer, NULL);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.work);
    pthread_cond_destroy(&r.done);
    pthread_cond_destroy(&r.space);

    if (!r.write_failed && (fflush(opts->out) != 0 || ferror(opts->out)))
        r.write_failed = errno ? errno : EIO;
    if (r.write_failed)
        qdiag_at(diags, opts->out_name, 0, NULL, NULL, "write failed: %s", strerror(r.write_failed));
    if (r.fatal_oom)
        qdiag_add(diags, "out of memory while processing; stopped");
    if (r.strict_hit)
        qdiag_add(diags, "--strict: document '%s' has errors (see its record); stopped", r.strict_why);
    if (!writer_started || read_failed || r.write_failed || r.fatal_oom || r.strict_hit)
        status = QRUN_FATAL;
    else
        status = r.stats.failed_docs ? QRUN_DOC_ERRORS : QRUN_OK;
out:
    for (size_t k = 0; r.slots && k < r.window; k++) {
        qin_doc_clear(&r.slots[k].doc);
        qbuf_free(&r.slots[k].line);
    }
    if (stats)
        *stats = r.stats;
    free(workers);
    free(args);
    free(r.slots);
    return status;
}
