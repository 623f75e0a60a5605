/* signals.c -- see signals.h. Handlers only set flags or write one line
 * with write(2): everything else happens in ordinary code that polls the
 * flag (the reader, the writer). */
#define _XOPEN_SOURCE 700 /* sigaltstack, SA_ONSTACK */
#include "signals.h"

#include <errno.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "activity.h"

static volatile sig_atomic_t stop_signal;
static volatile sig_atomic_t stop_count;
static int in_worker_process;

static const int stop_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT};
static struct sigaction previous[sizeof crash_signals / sizeof *crash_signals];

const char *qsig_describe(int sig)
{
    switch (sig) {
    case SIGSEGV: return "SIGSEGV (segmentation fault)";
    case SIGBUS: return "SIGBUS (bus error)";
    case SIGILL: return "SIGILL (illegal instruction)";
    case SIGFPE: return "SIGFPE (arithmetic exception)";
    case SIGABRT: return "SIGABRT (aborted)";
    case SIGKILL: return "SIGKILL (killed)";
    case SIGTERM: return "SIGTERM (terminated)";
    case SIGINT: return "SIGINT (interrupted)";
    case SIGHUP: return "SIGHUP (hang-up)";
    case SIGPIPE: return "SIGPIPE (broken pipe)";
    case SIGXCPU: return "SIGXCPU (CPU time limit)";
    default: return "a signal";
    }
}

/* ---- one line, async-signal-safely ---------------------------------------- */

typedef struct line {
    char buf[1024];
    size_t len;
} line;

static void put(line *l, const char *s)
{
    while (s && *s && l->len < sizeof l->buf - 2)
        l->buf[l->len++] = *s++;
}

static void put_number(line *l, unsigned long long v)
{
    char digits[24];
    size_t n = 0;
    do
        digits[n++] = (char)('0' + v % 10);
    while ((v /= 10) && n < sizeof digits);
    while (n && l->len < sizeof l->buf - 2)
        l->buf[l->len++] = digits[--n];
}

static void put_ids(line *l, const qactivity *a)
{
    const char *id = a ? atomic_load(&a->doc_id) : NULL;
    if (!id)
        return;
    put(l, " on document '");
    put(l, id);
    put(l, "' (input position ");
    put_number(l, atomic_load(&a->ordinal) + 1);
    put(l, ")");
}

static void emit(line *l)
{
    l->buf[l->len++] = '\n';
    for (size_t done = 0; done < l->len;) {
        ssize_t n = write(STDERR_FILENO, l->buf + done, l->len - done);
        if (n <= 0 && errno != EINTR)
            return;
        done += n > 0 ? (size_t)n : 0;
    }
}

/* ---- handlers -------------------------------------------------------------- */

static void on_stop(int sig)
{
    int saved = errno;
    if (stop_count++ == 0) {
        stop_signal = sig;
    } else {
        line l = {.len = 0};
        put(&l, "quarry: ");
        put(&l, qsig_describe(sig));
        put(&l, " again: stopping at once; the output holds only whole records (continue with --resume)");
        emit(&l);
        _exit(128 + sig);
    }
    errno = saved;
}

static void on_crash(int sig)
{
    const qactivity *a = qactivity_current();
    const char *plugin = a ? atomic_load(&a->plugin) : NULL;
    line l = {.len = 0};
    put(&l, "quarry: ");
    if (plugin) {
        put(&l, "plugin '");
        put(&l, plugin);
        put(&l, "' crashed with ");
    } else {
        put(&l, "crashed with ");
    }
    put(&l, qsig_describe(sig));
    put_ids(&l, a);
    put(&l, plugin ? "; the run stopped: records written so far are whole; --isolate keeps such a crash to one "
                     "document, --resume continues"
                   : "; the run stopped: this is a bug in quarry");
    emit(&l);
    /* hand over to what was there before us (the default action, or a
     * sanitizer's report), and let it end the process */
    for (size_t k = 0; k < sizeof crash_signals / sizeof *crash_signals; k++)
        if (crash_signals[k] == sig)
            sigaction(sig, &previous[k], NULL);
    raise(sig);
}

static void exit_guard(void)
{
    const qactivity *a = qactivity_current();
    const char *plugin = a ? atomic_load(&a->plugin) : NULL;
    if (in_worker_process || !plugin)
        return;
    line l = {.len = 0};
    put(&l, "quarry: plugin '");
    put(&l, plugin);
    put(&l, "' called exit()");
    put_ids(&l, a);
    put(&l, "; the run stopped with status 3: records written so far are whole; --isolate keeps this to one "
            "document, --resume continues");
    emit(&l);
    _exit(3);
}

void qsig_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_stop; /* no SA_RESTART: a blocked read in the reader returns */
    for (size_t k = 0; k < sizeof stop_signals / sizeof *stop_signals; k++)
        sigaction(stop_signals[k], &sa, NULL);
    sa.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &sa, NULL);
    sa.sa_handler = on_crash;
    sa.sa_flags = SA_ONSTACK | SA_NODEFER;
    for (size_t k = 0; k < sizeof crash_signals / sizeof *crash_signals; k++)
        sigaction(crash_signals[k], &sa, &previous[k]);
    atexit(exit_guard);
}

int qsig_stop_signal(void) { return stop_signal; }

void qsig_block_stop(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (size_t k = 0; k < sizeof stop_signals / sizeof *stop_signals; k++)
        sigaddset(&set, stop_signals[k]);
    pthread_sigmask(SIG_BLOCK, &set, old);
}

void qsig_restore(const sigset_t *old) { pthread_sigmask(SIG_SETMASK, old, NULL); }

void qsig_worker_process(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = SIG_IGN;
    for (size_t k = 0; k < sizeof stop_signals / sizeof *stop_signals; k++)
        sigaction(stop_signals[k], &sa, NULL);
    for (size_t k = 0; k < sizeof crash_signals / sizeof *crash_signals; k++)
        sigaction(crash_signals[k], &previous[k], NULL);
    in_worker_process = 1;
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);
}

void *qsig_altstack(void)
{
    size_t size = 65536;
    void *mem = malloc(size);
    if (!mem)
        return NULL;
    stack_t st = {.ss_sp = mem, .ss_size = size, .ss_flags = 0};
    if (sigaltstack(&st, NULL) != 0) {
        free(mem);
        return NULL;
    }
    return mem;
}

void qsig_free_altstack(void *stack)
{
    if (!stack)
        return;
    stack_t st = {.ss_flags = SS_DISABLE};
    sigaltstack(&st, NULL);
    free(stack);
}
