/* signals.h -- what signals and faults do to a run of `quarry run`.
 *
 *  - SIGINT, SIGTERM, SIGHUP: the first asks the run to stop: no new
 *    document starts, the records already finished are written whole, and
 *    quarry exits with 128 + the signal number. A second one ends the
 *    process at once (whole records on disk stay whole; --resume goes on).
 *  - SIGPIPE is ignored: a closed output pipe is a write error (EPIPE).
 *  - SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT: one line on stderr naming
 *    the plugin and the document being processed, then the default action
 *    (the process dies by that signal; never exit status 0).
 *  - exit() called by a plugin: one line naming plugin and document, and
 *    exit status 3 instead of whatever the plugin asked for.
 * Internal to the core. */
#ifndef QUARRY_SIGNALS_H
#define QUARRY_SIGNALS_H

#include <signal.h>

/* Install all of the above for this process. Call once, on the main
 * thread, before any worker thread starts. */
void qsig_install(void);

/* 0, or the first stop signal received. */
int qsig_stop_signal(void);

/* Block the stop signals in the calling thread, so that threads it
 * creates never take them (only the reading thread does, where they
 * interrupt a blocking read); *old gets the previous mask. */
void qsig_block_stop(sigset_t *old);
void qsig_restore(const sigset_t *old);

/* In an isolated worker process: stop signals ignored (the parent decides
 * when a worker ends), crash reports and the exit() guard off (the parent
 * reports how the worker died). */
void qsig_worker_process(void);

/* An alternate signal stack for the calling thread, so a plugin that
 * overflows its stack still gets its crash reported. Returns the memory
 * to free with qsig_free_altstack() when the thread ends, or NULL. */
void *qsig_altstack(void);
void qsig_free_altstack(void *stack);

/* "SIGSEGV (segmentation fault)" for messages; static. */
const char *qsig_describe(int sig);

#endif
