/* isolate.c -- see isolate.h.
 *
 * One worker process per worker thread, talking over a socket pair: the
 * thread sends a document (a fixed header, the id, the text), the process
 * runs the whole pipeline on it and sends back the record line. Which
 * plugin runs since when sits in a page both processes share (the
 * process's activity, activity.h), so the parent can blame the right
 * plugin when the process dies and kill it when a plugin overruns its
 * time budget, without a single extra system call per plugin.
 *
 * Processes are forked after the pipeline started, so create() ran once
 * and every process inherits ready instances. They are forked not by the
 * parent, which is multi-threaded while it runs (a fork there could copy a
 * lock another thread holds, such as a sanitizer's allocator lock, and the
 * new process would wait on it for ever), but by a spawner: a process
 * forked before any thread exists, which stays single-threaded and forks
 * each worker on request through an intermediate process that exits at
 * once. The parent is the workers' subreaper (PR_SET_CHILD_SUBREAPER), so
 * an orphaned worker becomes its child: it waits for it, reads how it died
 * and kills it past its budget as if it had forked it. The spawner hands
 * the parent the worker's pid and its end of the socket (SCM_RIGHTS). A
 * worker holds no other worker's socket, so a dead worker's socket always
 * reads as end-of-file in the parent.
 */
#define _GNU_SOURCE /* memfd_create */
#include "isolate.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/time.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include <unistd.h>

#include "activity.h"
#include "log.h"
#include "output.h"
#include "signals.h"

#define MAX_KEEP 8

/* parent -> worker: a batch header, then per document a request, the id
 * and the text; worker -> parent: a batch header, then per document a
 * response and the record line, all in one message. */
typedef struct batch {
    uint64_t count;
} batch;

typedef struct request {
    uint64_t ordinal, id_len, text_len;
} request;

typedef struct response {
    int64_t status; /* QRY_OK, or QRY_ERR_NOMEM: the worker could not build the record */
    uint64_t len;   /* bytes of the record line that follow */
    uint64_t n_entities, n_errors;
} response;

typedef struct worker {
    pid_t pid;          /* 0: no process */
    int fd;             /* the parent's end of the socket; -1 without a process */
    qactivity *shared;  /* in a MAP_SHARED page: the process writes, the parent reads */
} worker;

struct qiso_pool {
    qpipeline *p;
    worker *w;
    size_t n;
    int keep[MAX_KEEP];
    size_t n_keep;
    pid_t parent;
    pthread_mutex_t spawn_lock;
    int spawner_fd;     /* the parent's end of the spawner's socket, or -1 */
    pid_t spawner_pid;
};

/* ---- I/O that finishes or fails --------------------------------------------- */

/* Send every byte of the iovecs; 0 or -1 (EPIPE when the peer died). */
static int send_all(int fd, struct iovec *iov, int n_iov)
{
    while (n_iov > 0) {
        struct msghdr msg = {.msg_iov = iov, .msg_iovlen = (size_t)n_iov};
        ssize_t n = sendmsg(fd, &msg, MSG_NOSIGNAL);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        while (n_iov > 0 && (size_t)n >= iov->iov_len) {
            n -= (ssize_t)iov->iov_len;
            iov++;
            n_iov--;
        }
        if (n_iov > 0) {
            iov->iov_base = (char *)iov->iov_base + n;
            iov->iov_len -= (size_t)n;
        }
    }
    return 0;
}

/* ---- the worker process ------------------------------------------------------ */

/* A plugin's standard output, in the worker: a memory file mapped into
 * the process, so "did the last plugin write to stdout?" is a look at one
 * page, not a system call per plugin. What it wrote goes nowhere near the
 * records; the record says so. */
#define CAPTURE_PAGE 4096

typedef struct capture {
    unsigned char *page; /* the first page of fd 1, mapped */
} capture;

static int capture_stdout(capture *c)
{
    int fd = memfd_create("quarry-plugin-stdout", MFD_CLOEXEC);
    if (fd < 0 || ftruncate(fd, CAPTURE_PAGE) != 0 || dup2(fd, STDOUT_FILENO) < 0) {
        if (fd >= 0)
            close(fd);
        return -1;
    }
    close(fd);
    c->page = mmap(NULL, CAPTURE_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, STDOUT_FILENO, 0);
    return c->page == MAP_FAILED ? -1 : 0;
}

static void check_stdout(qactivity *a, qrecord *rec, const char *plugin)
{
    capture *c = a->ctx;
    fflush(stdout); /* a printf still in stdio's buffer counts too; nothing to do when empty */
    unsigned char any = 0;
    for (size_t k = 0; k < CAPTURE_PAGE; k += 64) /* written bytes start at offset 0 */
        any |= c->page[k] | c->page[k + 1];
    if (!any)
        return;
    off_t total = lseek(STDOUT_FILENO, 0, SEEK_CUR);
    memset(c->page, 0, CAPTURE_PAGE);
    if (ftruncate(STDOUT_FILENO, CAPTURE_PAGE) != 0 || lseek(STDOUT_FILENO, 0, SEEK_SET) != 0)
        _exit(70); /* cannot capture any more: let the parent start afresh */
    char msg[160];
    snprintf(msg, sizeof msg, "wrote %lld byte%s to standard output (discarded: stdout carries the records)",
             (long long)total, total == 1 ? "" : "s");
    qrec_add_error(rec, plugin, QRY_ERR_INTERNAL, msg);
}

static int grow(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap : 65536;
    while (cap2 < need)
        cap2 *= 2;
    char *grown = realloc(*buf, cap2);
    if (!grown)
        return -1;
    *buf = grown;
    *cap = cap2;
    return 0;
}

/* Read until buf holds at least `need` bytes (more may come: as much as
 * fits, in as few reads as the data allows). 1, 0 at end-of-file, -1. */
static int read_at_least(int fd, char **buf, size_t *cap, size_t *len, size_t need)
{
    if (grow(buf, cap, need) != 0)
        return -1;
    while (*len < need) {
        ssize_t n = read(fd, *buf + *len, *cap - *len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return n == 0 ? 0 : -1;
        *len += (size_t)n;
    }
    return 1;
}

static void worker_main(qiso_pool *pool, size_t index, int fd)
{
    qsig_worker_process();
    /* the intermediate process that forked us exits at once: the parent,
     * our subreaper, adopts us; only then can its death be our signal */
    for (int tries = 0; getppid() != pool->parent && tries < 2000; tries++)
        usleep(500);
    prctl(PR_SET_PDEATHSIG, SIGKILL); /* never outlive the run */
    if (getppid() != pool->parent)
        _exit(0);
    for (size_t j = 0; j < pool->n; j++)
        if (j != index && pool->w[j].fd >= 0)
            close(pool->w[j].fd);
    for (size_t j = 0; j < pool->n_keep; j++)
        close(pool->keep[j]);
    capture cap;
    qactivity *a = pool->w[index].shared;
    a->after_plugin = capture_stdout(&cap) == 0 ? check_stdout : NULL;
    a->ctx = &cap;
    qactivity_set_current(a);

    qseg seg = {0};
    qrecord rec = {0};
    qbuf out = {0};
    char *in = NULL;
    size_t in_cap = 0, in_len = 0;
    for (;;) {
        if (read_at_least(fd, &in, &in_cap, &in_len, sizeof(batch)) != 1)
            _exit(0); /* the parent is done (or gone) */
        batch bt;
        memcpy(&bt, in, sizeof bt);
        size_t at = sizeof bt;
        out.len = 0;
        qbuf_append(&out, (const char *)&bt, sizeof bt);
        for (uint64_t k = 0; k < bt.count; k++) {
            if (read_at_least(fd, &in, &in_cap, &in_len, at + sizeof(request)) != 1)
                _exit(0);
            request rq;
            memcpy(&rq, in + at, sizeof rq);
            if (rq.id_len > SIZE_MAX / 4 || rq.text_len > SIZE_MAX / 4)
                _exit(71);
            size_t end = at + sizeof rq + (size_t)rq.id_len + (size_t)rq.text_len;
            if (grow(&in, &in_cap, end + 1) != 0)
                _exit(12);
            if (read_at_least(fd, &in, &in_cap, &in_len, end) != 1)
                _exit(0);
            /* the id copied out, the text NUL-terminated in place (the byte
             * after it is saved and put back) */
            char *id = malloc((size_t)rq.id_len + 1);
            if (!id)
                _exit(12);
            memcpy(id, in + at + sizeof rq, (size_t)rq.id_len);
            id[rq.id_len] = '\0';
            char *text = in + at + sizeof rq + rq.id_len;
            char after = text[rq.text_len];
            text[rq.text_len] = '\0';
            atomic_store(&a->ordinal, rq.ordinal);
            atomic_store(&a->doc_id, id); /* busy: a death now is this document's */
            qin_doc doc = {.id = id, .text = text, .len = (size_t)rq.text_len, .ordinal = rq.ordinal};
            int rc = qpipe_process(pool->p, index, &doc, &seg, &rec);
            size_t head = out.len;
            response rs = {.status = QRY_OK, .n_entities = rec.n_ents, .n_errors = rec.n_errors};
            qbuf_append(&out, (const char *)&rs, sizeof rs);
            if (rc == QRY_OK)
                qout_jsonl(&out, &rec); /* reads entity texts from `in`: before it changes */
            atomic_store(&a->doc_id, NULL);
            text[rq.text_len] = after;
            free(id);
            if (out.oom)
                _exit(12);
            rs.status = rc == QRY_OK ? QRY_OK : QRY_ERR_NOMEM;
            rs.len = out.len - head - sizeof rs;
            memcpy(out.data + head, &rs, sizeof rs);
            at = end;
        }
        memmove(in, in + at, in_len - at);
        in_len -= at;
        struct iovec iov = {out.data, out.len};
        if (send_all(fd, &iov, 1) != 0)
            _exit(0);
    }
}

/* ---- the parent's side -------------------------------------------------------- */

/* In the spawner: fork worker `index` through an intermediate process, so
 * that the parent adopts it; its pid and socket end into *pid and *fd. */
static int fork_worker(qiso_pool *pool, size_t index, int ctl, pid_t *pid, int *fd)
{
    int sv[2], pp[2];
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) != 0)
        return -1;
    if (pipe(pp) != 0) {
        close(sv[0]);
        close(sv[1]);
        return -1;
    }
    pid_t mid = fork();
    if (mid == 0) {
        pid_t w = fork();
        if (w == 0) {
            close(ctl);
            close(sv[0]);
            close(pp[0]);
            close(pp[1]);
            worker_main(pool, index, sv[1]);
            _exit(0);
        }
        ssize_t unused = write(pp[1], &w, sizeof w);
        (void)unused;
        _exit(0);
    }
    close(pp[1]);
    close(sv[1]);
    pid_t w = -1;
    ssize_t got = mid > 0 ? read(pp[0], &w, sizeof w) : -1;
    close(pp[0]);
    if (mid > 0)
        while (waitpid(mid, NULL, 0) < 0 && errno == EINTR)
            ;
    if (got != (ssize_t)sizeof w || w <= 0) {
        close(sv[0]);
        return -1;
    }
    *pid = w;
    *fd = sv[0];
    return 0;
}

/* Room for one file descriptor passed over the control socket (SCM_RIGHTS),
 * aligned as a control message header must be. */
typedef union fd_message {
    struct cmsghdr h;
    char room[CMSG_SPACE(sizeof(int))];
} fd_message;

/* The spawner: single-threaded, it forks a worker per request (a worker
 * index) and answers with its pid, or -1, and its socket end. */
static void spawner_main(qiso_pool *pool, int ctl)
{
    qsig_worker_process();
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != pool->parent)
        _exit(0);
    for (;;) {
        uint64_t index;
        ssize_t n = recv(ctl, &index, sizeof index, 0);
        if (n < 0 && errno == EINTR)
            continue;
        if (n != (ssize_t)sizeof index || index >= pool->n)
            _exit(0); /* the parent is done */
        pid_t pid = -1;
        int fd = -1;
        if (fork_worker(pool, (size_t)index, ctl, &pid, &fd) != 0)
            pid = -1;
        int64_t answer = pid;
        struct iovec iov = {&answer, sizeof answer};
        fd_message ctrl;
        memset(&ctrl, 0, sizeof ctrl);
        struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1};
        if (fd >= 0) {
            msg.msg_control = ctrl.room;
            msg.msg_controllen = sizeof ctrl.room;
            struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
            c->cmsg_level = SOL_SOCKET;
            c->cmsg_type = SCM_RIGHTS;
            c->cmsg_len = CMSG_LEN(sizeof(int));
            memcpy(CMSG_DATA(c), &fd, sizeof fd);
        }
        ssize_t sent;
        while ((sent = sendmsg(ctl, &msg, MSG_NOSIGNAL)) < 0 && errno == EINTR)
            ;
        if (fd >= 0)
            close(fd);
        if (sent < 0)
            _exit(0);
    }
}

/* Before any thread: the spawner, and the parent made the workers' subreaper. */
static int start_spawner(qiso_pool *pool)
{
    int ctl[2];
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0 || socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, ctl) != 0)
        return -1;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        close(ctl[0]);
        spawner_main(pool, ctl[1]);
        _exit(0);
    }
    int err = errno;
    close(ctl[1]);
    if (pid < 0) {
        close(ctl[0]);
        errno = err;
        return -1;
    }
    pool->spawner_pid = pid;
    pool->spawner_fd = ctl[0];
    return 0;
}

static int spawn(qiso_pool *pool, size_t index)
{
    worker *w = &pool->w[index];
    int err = 0;
    pthread_mutex_lock(&pool->spawn_lock);
    atomic_store(&w->shared->stage, -1);
    atomic_store(&w->shared->plugin, NULL);
    uint64_t want = index;
    int64_t answer = -1;
    int fd = -1;
    fd_message ctrl;
    struct iovec iov = {&answer, sizeof answer};
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1, .msg_control = ctrl.room, .msg_controllen = sizeof ctrl.room};
    ssize_t n;
    while ((n = send(pool->spawner_fd, &want, sizeof want, MSG_NOSIGNAL)) < 0 && errno == EINTR)
        ;
    if (n != (ssize_t)sizeof want) {
        err = n < 0 ? errno : EPIPE;
        goto out;
    }
    while ((n = recvmsg(pool->spawner_fd, &msg, MSG_CMSG_CLOEXEC)) < 0 && errno == EINTR)
        ;
    struct cmsghdr *c = n == (ssize_t)sizeof answer ? CMSG_FIRSTHDR(&msg) : NULL;
    if (c && c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
        memcpy(&fd, CMSG_DATA(c), sizeof fd);
    if (answer <= 0 || fd < 0) {
        if (fd >= 0)
            close(fd);
        err = n < 0 ? errno : EAGAIN;
        goto out;
    }
    w->pid = (pid_t)answer;
    w->fd = fd;
    if (pool->p->limits.timeout_ms > 0) { /* wake up now and then to check the budget */
        struct timeval tick = {.tv_sec = 0, .tv_usec = 100000};
        setsockopt(w->fd, SOL_SOCKET, SO_RCVTIMEO, &tick, sizeof tick);
    }
out:
    pthread_mutex_unlock(&pool->spawn_lock);
    errno = err;
    return err ? -1 : 0;
}

/* The process is dead or must die: reap it; its wait status, or -1. */
static int reap(qiso_pool *pool, worker *w, int kill_it)
{
    int status = -1;
    if (kill_it)
        kill(w->pid, SIGKILL);
    pthread_mutex_lock(&pool->spawn_lock);
    close(w->fd);
    w->fd = -1;
    pthread_mutex_unlock(&pool->spawn_lock);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    w->pid = 0;
    return status;
}

static void describe_death(int status, char *buf, size_t bufsz)
{
    if (status != -1 && WIFSIGNALED(status))
        snprintf(buf, bufsz, "crashed with %s", qsig_describe(WTERMSIG(status)));
    else if (status != -1 && WIFEXITED(status))
        snprintf(buf, bufsz, "ended its worker process with exit status %d (exit() called)", WEXITSTATUS(status));
    else
        snprintf(buf, bufsz, "lost its worker process");
}

static void log_error(const char *plugin, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void log_error(const char *plugin, const char *fmt, ...)
{
    if (!qlog_wanted(QRY_LOG_ERROR))
        return;
    va_list ap;
    va_start(ap, fmt);
    qlog_vwrite(QRY_LOG_ERROR, plugin, fmt, ap);
    va_end(ap);
}

/* The record of a document whose worker died: the error says who and how. */
static int fault_record(const qin_doc *doc, const char *plugin, int code, const char *what, qbuf *line,
                        qrecord *scratch)
{
    char msg[400];
    snprintf(msg, sizeof msg, "%s%s; a new worker process took over", plugin ? "" : "outside any plugin: ", what);
    log_error(plugin ? plugin : "worker", "document '%s': %s", doc->id ? doc->id : "", msg);
    if (qrec_begin(scratch, doc->id ? doc->id : "", doc->text ? doc->text : "", doc->text ? doc->len : 0) != QRY_OK ||
        (doc->note && qrec_add_error(scratch, NULL, QRY_ERR_INVALID, doc->note) != QRY_OK) ||
        qrec_add_error(scratch, plugin, code, msg) != QRY_OK)
        return QRY_ERR_NOMEM;
    line->len = 0;
    line->oom = 0;
    qout_jsonl(line, scratch);
    return line->oom ? QRY_ERR_NOMEM : QRY_OK;
}

static const char *running_plugin(const qiso_pool *pool, const worker *w)
{
    int stage = atomic_load(&w->shared->stage);
    return stage >= 0 && (size_t)stage < pool->p->n_stages ? pool->p->stages[stage].name : NULL;
}

/* Has the running plugin overrun its budget? */
static int overdue(const qiso_pool *pool, const worker *w)
{
    long long budget = (long long)pool->p->limits.timeout_ms * 1000000LL;
    int stage = atomic_load(&w->shared->stage);
    return budget && stage >= 0 && qactivity_now_ns() - atomic_load(&w->shared->started_ns) > budget;
}

/* The worker's answer to a batch of n into `in`: 1; 0 when the running
 * plugin overran its budget first; -1 when the process died. With a
 * budget, the socket's receive timeout (set at spawn) wakes us to look at
 * the shared page; without one, this just blocks. */
static int receive(const qiso_pool *pool, const worker *w, size_t n, qbuf *in)
{
    size_t need = sizeof(batch), at = sizeof(batch), seen = 0;
    in->len = 0;
    for (;;) {
        /* walk the responses that arrived, to learn how much more is due */
        while (seen < n && in->len >= at + sizeof(response)) {
            response rs;
            memcpy(&rs, in->data + at, sizeof rs);
            if (rs.len > SIZE_MAX / 4)
                return -1;
            at += sizeof rs + (size_t)rs.len;
            seen++;
        }
        need = seen < n ? at + sizeof(response) : at;
        if (in->len >= need && seen == n)
            return 1;
        if (grow(&in->data, &in->cap, need > in->len + 65536 ? need + 1 : in->len + 65536) != 0)
            return -1;
        ssize_t got = read(w->fd, in->data + in->len, in->cap - 1 - in->len);
        if (got > 0) {
            in->len += (size_t)got;
            continue;
        }
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (overdue(pool, w))
                return 0;
            continue;
        }
        return -1;
    }
}

static int local(qiso_pool *pool, size_t index, const qin_doc *doc, qbuf *line, qrecord *scratch, qiso_result *res)
{
    qseg none = {0}; /* a document with an input error is never segmented */
    int rc = qpipe_process(pool->p, index, doc, &none, scratch);
    qseg_free(&none);
    line->len = 0;
    line->oom = 0;
    if (rc == QRY_OK)
        qout_jsonl(line, scratch);
    res->n_entities = scratch->n_ents;
    res->n_errors = scratch->n_errors;
    return rc == QRY_OK && !line->oom ? QRY_OK : QRY_ERR_NOMEM;
}

/* A fault: the record of doc with the error, counted as such. */
static int faulted(qiso_result *res, const qin_doc *doc, const char *plugin, int code, const char *what, qbuf *line,
                   qrecord *scratch)
{
    res->faulted = 1;
    res->n_entities = 0;
    res->n_errors = 1 + (doc->note != NULL);
    return fault_record(doc, plugin, code, what, line, scratch);
}

/* Send the documents todo[0..n) as one batch. 0, or -1 when the process is gone. */
static int send_batch(worker *w, const qin_doc *const *docs, const size_t *todo, size_t n)
{
    enum { MAX_IOV = 1 + 3 * 64 }; /* sendmsg takes at most IOV_MAX (1024) */
    struct iovec iov[MAX_IOV];
    request rq[64];
    batch bt = {n};
    int k = 0;
    iov[k++] = (struct iovec){&bt, sizeof bt};
    for (size_t j = 0; j < n; j++) {
        const qin_doc *d = docs[todo[j]];
        rq[j] = (request){d->ordinal, strlen(d->id), d->len};
        iov[k++] = (struct iovec){&rq[j], sizeof rq[j]};
        iov[k++] = (struct iovec){d->id, rq[j].id_len};
        iov[k++] = (struct iovec){d->text, d->len};
    }
    return send_all(w->fd, iov, k);
}

int qiso_process(qiso_pool *pool, size_t index, const qin_doc *const *docs, size_t n, qbuf *const *lines,
                 qrecord *scratch, qiso_result *res)
{
    worker *w = &pool->w[index];
    size_t max = pool->p->limits.max_doc_bytes;
    size_t todo[64], n_todo = 0;
    char what[300];
    int rc = QRY_OK;
    if (n > 64)
        return QRY_ERR_INTERNAL;
    for (size_t k = 0; k < n; k++) {
        memset(&res[k], 0, sizeof res[k]);
        const qin_doc *d = docs[k];
        if (d->error || !d->text || (max && d->len > max))
            rc |= local(pool, index, d, lines[k], scratch, &res[k]); /* no plugin would run */
        else
            todo[n_todo++] = k;
    }
    qbuf *in = lines[todo[0 < n_todo ? n_todo - 1 : 0]]; /* its own line is filled last */
    while (n_todo > 0) {
        if (!w->pid && spawn(pool, index) != 0) {
            snprintf(what, sizeof what, "cannot start a worker process: %s", strerror(errno));
            rc |= faulted(&res[todo[0]], docs[todo[0]], NULL, QRY_ERR_INTERNAL, what, lines[todo[0]], scratch);
            memmove(todo, todo + 1, --n_todo * sizeof *todo);
            continue;
        }
        int got = send_batch(w, docs, todo, n_todo) == 0 ? receive(pool, w, n_todo, in) : -1;
        if (got > 0) {
            /* hand out the answers; the last one stays where it is */
            size_t at = sizeof(batch);
            for (size_t j = 0; j < n_todo; j++) {
                response rs;
                memcpy(&rs, in->data + at, sizeof rs);
                at += sizeof rs;
                qbuf *line = lines[todo[j]];
                if (rs.status != QRY_OK)
                    rc = QRY_ERR_NOMEM;
                if (line != in) {
                    line->len = 0;
                    line->oom = 0;
                    qbuf_append(line, in->data + at, (size_t)rs.len);
                    rc |= line->oom ? QRY_ERR_NOMEM : QRY_OK;
                } else {
                    memmove(in->data, in->data + at, (size_t)rs.len);
                    in->len = (size_t)rs.len;
                    in->data[in->len] = '\0';
                }
                res[todo[j]].n_entities = (size_t)rs.n_entities;
                res[todo[j]].n_errors = (size_t)rs.n_errors;
                at += (size_t)rs.len;
            }
            return rc ? QRY_ERR_NOMEM : QRY_OK;
        }
        /* the process died or overran: which document was it on? */
        const char *plugin = running_plugin(pool, w);
        int busy = atomic_load(&w->shared->doc_id) != NULL;
        uint64_t ordinal = atomic_load(&w->shared->ordinal);
        size_t j = 0;
        while (busy && j < n_todo && docs[todo[j]]->ordinal != ordinal)
            j++;
        if (j == n_todo || !busy)
            j = 0, plugin = NULL; /* between documents: blame the first, so the batch always shrinks */
        if (got == 0) {
            char budget[32];
            qlimit_format_duration(pool->p->limits.timeout_ms, budget, sizeof budget);
            reap(pool, w, 1);
            snprintf(what, sizeof what,
                     "ran longer than plugin_timeout (%s): stopped (its worker process was killed)", budget);
            rc |= faulted(&res[todo[j]], docs[todo[j]], plugin, QRY_ERR_LIMIT, what, lines[todo[j]], scratch);
        } else {
            describe_death(reap(pool, w, 0), what, sizeof what);
            rc |= faulted(&res[todo[j]], docs[todo[j]], plugin, QRY_ERR_INTERNAL, what, lines[todo[j]], scratch);
        }
        /* the rest go to a new process; the faulted line must not be the receive buffer */
        memmove(todo + j, todo + j + 1, (n_todo - j - 1) * sizeof *todo);
        n_todo--;
        if (n_todo)
            in = lines[todo[n_todo - 1]];
    }
    return rc ? QRY_ERR_NOMEM : QRY_OK;
}

qiso_pool *qiso_start(qpipeline *p, size_t n, const int *keep_from_workers, size_t n_keep, qdiag *d)
{
    qiso_pool *pool = calloc(1, sizeof *pool);
    if (!pool || !(pool->w = calloc(n, sizeof *pool->w))) {
        free(pool);
        qdiag_add(d, "out of memory");
        return NULL;
    }
    pool->p = p;
    pool->n = n;
    pool->parent = getpid();
    pool->spawner_fd = -1;
    pthread_mutex_init(&pool->spawn_lock, NULL);
    for (size_t k = 0; k < n_keep && pool->n_keep < MAX_KEEP; k++)
        pool->keep[pool->n_keep++] = keep_from_workers[k];
    for (size_t k = 0; k < n; k++) {
        pool->w[k].fd = -1;
        void *page = mmap(NULL, sizeof(qactivity), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
        if (page == MAP_FAILED) {
            qdiag_add(d, "--isolate: cannot map memory for worker %zu: %s", k + 1, strerror(errno));
            qiso_stop(pool);
            return NULL;
        }
        pool->w[k].shared = page;
        qactivity_init(page);
    }
    if (start_spawner(pool) != 0) {
        qdiag_add(d, "--isolate: cannot start the process that starts worker processes: %s", strerror(errno));
        qiso_stop(pool);
        return NULL;
    }
    for (size_t k = 0; k < n; k++)
        if (spawn(pool, k) != 0) {
            qdiag_add(d, "--isolate: cannot start worker process %zu: %s", k + 1, strerror(errno));
            qiso_stop(pool);
            return NULL;
        }
    return pool;
}

void qiso_stop(qiso_pool *pool)
{
    if (!pool)
        return;
    for (size_t k = 0; k < pool->n; k++)
        if (pool->w[k].fd >= 0) {
            close(pool->w[k].fd); /* an idle worker reads end-of-file and leaves */
            pool->w[k].fd = -1;
        }
    for (size_t k = 0; k < pool->n; k++) {
        worker *w = &pool->w[k];
        if (w->pid > 0) {
            /* a worker still inside a plugin (a run stopped early) is not waited for long */
            pid_t done = 0;
            for (int tries = 0; tries < 200 && (done = waitpid(w->pid, NULL, WNOHANG)) == 0; tries++)
                usleep(5000);
            if (done == 0) {
                kill(w->pid, SIGKILL);
                waitpid(w->pid, NULL, 0);
            }
        }
        if (w->shared)
            munmap(w->shared, sizeof(qactivity));
    }
    if (pool->spawner_fd >= 0)
        close(pool->spawner_fd); /* the spawner reads end-of-file and leaves */
    if (pool->spawner_pid > 0) {
        while (waitpid(pool->spawner_pid, NULL, 0) < 0 && errno == EINTR)
            ;
        prctl(PR_SET_CHILD_SUBREAPER, 0); /* an embedding program's orphans are not ours to adopt */
    }
    pthread_mutex_destroy(&pool->spawn_lock);
    free(pool->w);
    free(pool);
}
