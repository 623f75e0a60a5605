/* run.c -- the batch runner: reader, workers and an order-preserving writer.
 *
 * Documents flow through a ring of slots, at most `window` in flight, so
 * memory stays flat however many documents pass. The calling thread reads
 * and fills slots in input order; workers take the next filled slot,
 * process it and serialise the record into the slot; a writer thread
 * writes slots strictly in input order.
 *
 * Each kind of waiter has its own condition, signalled only when somebody
 * waits on it, and the reader and the writer are woken for a batch, not a
 * slot: the reader when half the ring is free, the writer when a quarter
 * of it is done or the workers run dry. A thread that slept for every
 * document cost a few futex calls each (~4 a document, a quarter of the
 * run's time in the kernel at -j1); now it sleeps once a batch.
 *
 * A stop signal (signals.h) reaches only the reading thread: it stops
 * reading, workers finish the documents they hold and take no more, and
 * the writer writes every record up to the first document that was not
 * started. With --isolate each worker hands its documents to a worker
 * process (isolate.h); without it, a watchdog reports a plugin that runs
 * past its time budget, which a thread cannot safely be stopped from.
 */
#include "run.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "activity.h"
#include "buf.h"
#include "isolate.h"
#include "log.h"
#include "output.h"
#include "signals.h"

enum slot_state { SLOT_FREE, SLOT_FILLED, SLOT_BUSY, SLOT_DONE };

#define QRUN_MAX_BATCH 16
/* Text read ahead at most, beyond the one document always allowed: a deep
 * ring of small news items, but not thirty large files in memory at once. */
#define QRUN_MAX_BYTES_AHEAD ((size_t)32 << 20)
/* A record buffer grown past this by a large document is given back when written. */
#define QRUN_KEEP_LINE_CAP ((size_t)1 << 20)

typedef struct slot {
    int state;
    qin_doc doc;
    qbuf line;      /* the serialised record; buffer reused */
    int had_error;
    int faulted;    /* its worker process died or was killed */
    size_t n_entities;
} slot;

typedef struct runner {
    qpipeline *p;
    const qrun_options *opts;
    slot *slots;
    size_t window;
    size_t batch;           /* --isolate: documents per exchange with a worker process */
    size_t wake_batch;      /* done slots that wake the writer */
    unsigned long long next_fill, next_work, next_write;
    int reading_done, stop; /* stop: fatal error or --strict */
    int interrupted;        /* a stop signal: finish what was started, start nothing */
    int fatal_oom, write_failed, strict_hit;
    int finished;           /* the workers are done: the watchdog leaves */
    size_t running;         /* workers and writer not yet ended */
    atomic_size_t workers_waiting; /* workers asleep on `work`; changed under mu, peeked without */
    int reader_waiting;     /* the reader asleep on `space` */
    int writer_waiting;     /* the writer asleep on `done` */
    size_t bytes_ahead;     /* text of the documents read and not yet written */
    char strict_why[512];
    pthread_mutex_t mu;
    pthread_cond_t work;  /* workers: a slot was filled, or reading ended */
    pthread_cond_t done;  /* writer: slot next_write is done, or reading ended */
    pthread_cond_t space; /* reader: a slot was freed */
    pthread_cond_t tick;  /* the main thread: a thread ended; the watchdog: the run finished */
    qactivity *activities; /* one per worker */
    qiso_pool *pool;       /* --isolate: the worker processes */
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

/* A stop signal arrived: start nothing new. Called with mu held. */
static void interrupt(runner *r, int sig)
{
    if (!r->interrupted)
        r->stats.stop_signal = sig;
    r->interrupted = 1;
    pthread_cond_broadcast(&r->work);
    pthread_cond_broadcast(&r->done);
    pthread_cond_broadcast(&r->space);
}

static int process_here(runner *r, size_t index, slot *s, qseg *seg, qrecord *rec)
{
    int rc = qpipe_process(r->p, index, &s->doc, seg, rec);
    s->line.len = 0;
    s->line.oom = 0;
    if (rc == QRY_OK)
        qout_jsonl(&s->line, rec);
    s->had_error = rec->n_errors > 0;
    s->n_entities = rec->n_ents;
    return rc != QRY_OK || s->line.oom ? QRY_ERR_NOMEM : QRY_OK;
}

/* A run of consecutive slots through this worker's process, in one exchange. */
static int process_isolated(runner *r, size_t index, unsigned long long first, size_t n, qrecord *scratch)
{
    const qin_doc *docs[QRUN_MAX_BATCH];
    qbuf *lines[QRUN_MAX_BATCH];
    qiso_result res[QRUN_MAX_BATCH];
    for (size_t k = 0; k < n; k++) {
        slot *s = &r->slots[(first + k) % r->window];
        docs[k] = &s->doc;
        lines[k] = &s->line;
    }
    int rc = qiso_process(r->pool, index, docs, n, lines, scratch, res);
    for (size_t k = 0; k < n; k++) {
        slot *s = &r->slots[(first + k) % r->window];
        s->had_error = res[k].n_errors > 0;
        s->n_entities = res[k].n_entities;
        s->faulted = res[k].faulted;
    }
    return rc;
}

/* Wake the writer for a batch of done slots, or for whatever is done once
 * the workers have nothing left to take. Called with mu held. */
static int writer_has_work(const runner *r)
{
    if (!r->writer_waiting || r->slots[r->next_write % r->window].state != SLOT_DONE)
        return 0;
    return r->next_work - r->next_write >= r->wake_batch || r->next_work == r->next_fill || r->reading_done;
}

static void *worker_main(void *arg)
{
    worker_arg *wa = arg;
    runner *r = wa->r;
    qseg seg = {0};
    qrecord rec = {0};
    void *altstack = r->opts->isolate ? NULL : qsig_altstack();
    if (!r->opts->isolate)
        qactivity_set_current(&r->activities[wa->index]);
    pthread_mutex_lock(&r->mu);
    for (;;) {
        while (!r->stop && !r->interrupted && r->next_work == r->next_fill && !r->reading_done) {
            r->workers_waiting++;
            pthread_cond_wait(&r->work, &r->mu);
            r->workers_waiting--;
        }
        if (r->stop || r->interrupted || r->next_work == r->next_fill)
            break;
        /* with --isolate take every filled slot up to a batch: one exchange with the process for all */
        size_t take = 1;
        if (r->pool) {
            unsigned long long ready = r->next_fill - r->next_work;
            take = ready < r->batch ? (size_t)ready : r->batch;
        }
        unsigned long long first = r->next_work;
        r->next_work += take;
        for (size_t k = 0; k < take; k++)
            r->slots[(first + k) % r->window].state = SLOT_BUSY;
        pthread_mutex_unlock(&r->mu);

        int oom = (r->pool ? process_isolated(r, wa->index, first, take, &rec)
                           : process_here(r, wa->index, &r->slots[first % r->window], &seg, &rec)) != QRY_OK;

        pthread_mutex_lock(&r->mu);
        for (size_t k = 0; k < take; k++)
            r->slots[(first + k) % r->window].state = SLOT_DONE;
        if (oom) {
            r->fatal_oom = 1;
            stop_all(r);
        } else if (writer_has_work(r)) {
            pthread_cond_signal(&r->done);
        }
    }
    r->running--;
    pthread_cond_broadcast(&r->tick);
    pthread_mutex_unlock(&r->mu);
    qactivity_set_current(NULL);
    qsig_free_altstack(altstack);
    qseg_free(&seg);
    qrec_free(&rec);
    return NULL;
}

/* One record out: whole, through the line writer, or by fwrite. 0 or an errno. */
static int put_record(runner *r, const slot *s)
{
    if (r->opts->lines)
        return qout_file_put(r->opts->lines, s->line.data, s->line.len) == 0 ? 0 : r->opts->lines->failed;
    /* ferror too: some streams (fopencookie's) report a failed write
     * through the error flag only, not through fwrite's count */
    errno = 0;
    int failed = fwrite(s->line.data, 1, s->line.len, r->opts->out) != s->line.len || ferror(r->opts->out);
    return failed ? (errno ? errno : EIO) : 0;
}

/* Before waiting: what is written so far reaches the file. 0 or an errno. */
static int flush_lines(runner *r)
{
    if (!r->opts->lines || r->write_failed)
        return 0;
    return qout_file_flush(r->opts->lines) == 0 ? 0 : r->opts->lines->failed;
}

static void *writer_main(void *arg)
{
    runner *r = arg;
    pthread_mutex_lock(&r->mu);
    for (;;) {
        slot *s = &r->slots[r->next_write % r->window];
        /* after a stop signal, the records end at the first document no worker took */
        if (r->interrupted && (r->next_write >= r->next_work || s->state == SLOT_FILLED))
            break;
        if (!r->stop && s->state != SLOT_DONE && (r->next_write < r->next_fill || !r->reading_done)) {
            if (r->reader_waiting)
                pthread_cond_signal(&r->space); /* whatever is free, before sleeping */
            pthread_mutex_unlock(&r->mu);
            int err = flush_lines(r);
            pthread_mutex_lock(&r->mu);
            if (err) {
                r->write_failed = err;
                stop_all(r);
                break;
            }
            r->writer_waiting = 1;
            while (!r->stop && s->state != SLOT_DONE && !(r->interrupted && s->state != SLOT_BUSY) &&
                   (r->next_write < r->next_fill || !r->reading_done))
                pthread_cond_wait(&r->done, &r->mu);
            r->writer_waiting = 0;
            continue;
        }
        if (r->stop || s->state != SLOT_DONE)
            break;
        pthread_mutex_unlock(&r->mu);

        /* written and cleared outside the lock: the slot is the writer's until FREE */
        int err = put_record(r, s);
        int strict_hit = r->opts->strict && s->had_error;
        if (strict_hit)
            snprintf(r->strict_why, sizeof r->strict_why, "%s", s->doc.id ? s->doc.id : "?");
        int had_error = s->had_error, faulted = s->faulted;
        size_t n_entities = s->n_entities, freed = s->doc.len;
        qin_doc_clear(&s->doc);
        s->faulted = 0;
        if (s->line.cap > QRUN_KEEP_LINE_CAP)
            qbuf_free(&s->line);

        pthread_mutex_lock(&r->mu);
        r->stats.documents++;
        r->stats.entities += n_entities;
        r->stats.failed_docs += had_error;
        r->stats.faults += faulted;
        if (err)
            r->write_failed = err;
        if (strict_hit)
            r->strict_hit = 1;
        s->state = SLOT_FREE;
        r->next_write++;
        r->bytes_ahead -= freed;
        if (err || strict_hit)
            stop_all(r);
        else if (r->reader_waiting && r->next_write + r->window - r->next_fill >= r->window / 2 &&
                 r->bytes_ahead <= QRUN_MAX_BYTES_AHEAD)
            pthread_cond_signal(&r->space);
    }
    pthread_mutex_unlock(&r->mu);
    int err = flush_lines(r);
    pthread_mutex_lock(&r->mu);
    if (err)
        r->write_failed = err;
    r->running--;
    pthread_cond_broadcast(&r->tick);
    pthread_mutex_unlock(&r->mu);
    return NULL;
}

static void log_warning(const char *plugin, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void log_warning(const char *plugin, const char *fmt, ...)
{
    if (!qlog_wanted(QRY_LOG_WARN))
        return;
    va_list ap;
    va_start(ap, fmt);
    qlog_vwrite(QRY_LOG_WARN, plugin, fmt, ap);
    va_end(ap);
}

/* Without --isolate a plugin past its budget cannot be stopped; at least
 * say, once per call, which plugin holds up which document. */
static void *watchdog_main(void *arg)
{
    runner *r = arg;
    long long budget = (long long)r->p->limits.timeout_ms * 1000000LL;
    long long *warned = calloc(r->opts->n_workers, sizeof *warned); /* started_ns already reported */
    pthread_mutex_lock(&r->mu);
    while (!r->finished && warned) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += 1;
        pthread_cond_timedwait(&r->tick, &r->mu, &until);
        for (size_t k = 0; k < r->opts->n_workers && !r->finished; k++) {
            qactivity *a = &r->activities[k];
            const char *plugin = atomic_load(&a->plugin);
            long long started = atomic_load(&a->started_ns);
            const char *id = atomic_load(&a->doc_id);
            if (!plugin || warned[k] == started || qactivity_now_ns() - started <= budget)
                continue;
            warned[k] = started;
            char limit[32];
            qlimit_format_duration(r->p->limits.timeout_ms, limit, sizeof limit);
            log_warning(plugin,
                        "document '%s': still running after plugin_timeout (%s); without --isolate a plugin "
                        "cannot be stopped: its results are dropped when it returns",
                        id ? id : "?", limit);
        }
    }
    pthread_mutex_unlock(&r->mu);
    free(warned);
    return NULL;
}

/* Wait for a free slot; with a stop signal possible, look for it often. */
static void wait_space(runner *r)
{
    if (!r->opts->interruptible) {
        pthread_cond_wait(&r->space, &r->mu);
        return;
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 100000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    pthread_cond_timedwait(&r->space, &r->mu, &until);
    if (qsig_stop_signal())
        interrupt(r, qsig_stop_signal());
}

/* The calling thread's part: fill slots in input order until the inputs
 * end or the run is stopped. */
static int read_loop(runner *r, const qrun_source *src, qdiag *diags)
{
    int read_failed = 0, ended = 0;
    pthread_mutex_lock(&r->mu);
    while (!r->stop && !r->interrupted && !ended) {
        slot *s = &r->slots[r->next_fill % r->window];
        while (!r->stop && !r->interrupted &&
               (s->state != SLOT_FREE || (r->bytes_ahead > QRUN_MAX_BYTES_AHEAD && r->next_fill > r->next_write))) {
            r->reader_waiting = 1;
            wait_space(r);
            r->reader_waiting = 0;
        }
        if (r->stop || r->interrupted)
            break;
        /* the free slots in a row (up to a batch) are ours until FILLED: read them without the lock */
        size_t n = 1, bytes = 0;
        while (n < r->wake_batch && r->slots[(r->next_fill + n) % r->window].state == SLOT_FREE)
            n++;
        unsigned long long first = r->next_fill;
        size_t ahead = r->bytes_ahead; /* only falls while unlocked: a safe bound */
        pthread_mutex_unlock(&r->mu);
        size_t filled = 0;
        int got = 1, signalled = 0;
        while (filled < n) {
            qin_doc *doc = &r->slots[(first + filled) % r->window].doc;
            got = src->next(src->ctx, doc, diags);
            if (r->opts->interruptible && qsig_stop_signal()) {
                qin_doc_clear(doc); /* maybe cut short by the signal: not a document */
                signalled = 1;
                break;
            }
            if (got <= 0)
                break;
            filled++;
            bytes += doc->len;
            if (ahead + bytes > QRUN_MAX_BYTES_AHEAD)
                break;
            /* an idle worker gets this document now, not at the end of the batch (a slow pipe) */
            if (filled < n && atomic_load_explicit(&r->workers_waiting, memory_order_relaxed))
                break;
        }
        pthread_mutex_lock(&r->mu);
        for (size_t k = 0; k < filled; k++)
            r->slots[(first + k) % r->window].state = SLOT_FILLED;
        r->next_fill += filled;
        r->bytes_ahead += bytes;
        if (filled && r->workers_waiting)
            pthread_cond_broadcast(&r->work);
        if (signalled) {
            interrupt(r, qsig_stop_signal());
            break;
        }
        if (got <= 0) {
            read_failed = got < 0;
            if (read_failed)
                stop_all(r);
            ended = 1;
        }
    }
    r->reading_done = 1;
    pthread_cond_broadcast(&r->work);
    pthread_cond_broadcast(&r->done);
    pthread_mutex_unlock(&r->mu);
    return read_failed;
}

/* Reading is over; until the workers and the writer end, a stop signal
 * still stops the run (the tail of a long input may take a while). */
static void wait_threads(runner *r)
{
    pthread_mutex_lock(&r->mu);
    while (r->running > 0) {
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_nsec += 100000000;
        if (until.tv_nsec >= 1000000000) {
            until.tv_sec++;
            until.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&r->tick, &r->mu, &until);
        if (r->opts->interruptible && qsig_stop_signal() && !r->interrupted)
            interrupt(r, qsig_stop_signal());
    }
    pthread_mutex_unlock(&r->mu);
}

int qrun(qpipeline *p, const qrun_source *src, const qrun_options *opts, qrun_stats *stats, qdiag *diags)
{
    size_t n_workers = opts->n_workers ? opts->n_workers : 1;
    qrun_options o = *opts;
    o.n_workers = n_workers;
    /* with --isolate a deeper ring lets each worker send its process a batch */
    size_t per_worker = opts->isolate ? 8 : 16;
    runner r = {.p = p, .opts = &o, .window = opts->window ? opts->window : n_workers * per_worker + per_worker};
    r.wake_batch = r.window / 4 ? r.window / 4 : 1;
    r.batch = r.window / (n_workers + 1);
    r.batch = r.batch < 1 ? 1 : r.batch > QRUN_MAX_BATCH ? QRUN_MAX_BATCH : r.batch;
    pthread_t *workers = calloc(n_workers, sizeof *workers);
    worker_arg *args = calloc(n_workers, sizeof *args);
    r.slots = calloc(r.window, sizeof *r.slots);
    r.activities = calloc(n_workers, sizeof *r.activities);
    pthread_t writer, watchdog;
    size_t started = 0;
    int writer_started = 0, watchdog_started = 0, read_failed = 0, status = QRUN_FATAL;
    sigset_t mask;
    if (!workers || !args || !r.slots || !r.activities) {
        qdiag_add(diags, "out of memory");
        goto out;
    }
    for (size_t k = 0; k < n_workers; k++)
        qactivity_init(&r.activities[k]);
    if (o.isolate && !(r.pool = qiso_start(p, n_workers, o.keep_from_workers, o.n_keep, diags)))
        goto out; /* before any thread: the worker processes fork from a single-threaded parent */
    pthread_mutex_init(&r.mu, NULL);
    pthread_cond_init(&r.work, NULL);
    pthread_cond_init(&r.done, NULL);
    pthread_cond_init(&r.space, NULL);
    pthread_cond_init(&r.tick, NULL);
    qsig_block_stop(&mask); /* the threads below never take a stop signal: the reader does */
    int thread_err = 0; /* pthread_create returns its error; it does not set errno */
    r.running = n_workers + 1;
    for (; started < n_workers; started++) {
        args[started] = (worker_arg){&r, started};
        if ((thread_err = pthread_create(&workers[started], NULL, worker_main, &args[started])) != 0)
            break;
    }
    if (!thread_err)
        thread_err = pthread_create(&writer, NULL, writer_main, &r);
    writer_started = !thread_err;
    pthread_mutex_lock(&r.mu); /* count only the threads that exist */
    r.running -= (n_workers - started) + (size_t)!writer_started;
    pthread_mutex_unlock(&r.mu);
    if (writer_started && !o.isolate && p->limits.timeout_ms > 0)
        watchdog_started = pthread_create(&watchdog, NULL, watchdog_main, &r) == 0;
    qsig_restore(&mask);
    if (writer_started) {
        read_failed = read_loop(&r, src, diags);
        wait_threads(&r);
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
    pthread_mutex_lock(&r.mu);
    r.finished = 1;
    pthread_cond_broadcast(&r.tick);
    pthread_mutex_unlock(&r.mu);
    if (watchdog_started)
        pthread_join(watchdog, NULL);
    pthread_mutex_destroy(&r.mu);
    pthread_cond_destroy(&r.work);
    pthread_cond_destroy(&r.done);
    pthread_cond_destroy(&r.space);
    pthread_cond_destroy(&r.tick);

    if (!r.write_failed && !o.lines && (fflush(o.out) != 0 || ferror(o.out)))
        r.write_failed = errno ? errno : EIO;
    if (r.write_failed)
        qdiag_at(diags, o.out_name, 0, NULL, NULL, "write failed: %s", strerror(r.write_failed));
    if (r.fatal_oom)
        qdiag_add(diags, "out of memory while processing; stopped");
    if (r.strict_hit)
        qdiag_add(diags, "--strict: document '%s' has errors (see its record); stopped", r.strict_why);
    if (!writer_started || read_failed || r.write_failed || r.fatal_oom || r.strict_hit)
        status = QRUN_FATAL;
    else if (r.interrupted)
        status = QRUN_INTERRUPTED;
    else
        status = r.stats.failed_docs ? QRUN_DOC_ERRORS : QRUN_OK;
out:
    qiso_stop(r.pool);
    for (size_t k = 0; r.slots && k < r.window; k++) {
        qin_doc_clear(&r.slots[k].doc);
        qbuf_free(&r.slots[k].line);
    }
    if (stats)
        *stats = r.stats;
    free(workers);
    free(args);
    free(r.slots);
    free(r.activities);
    return status;
}
