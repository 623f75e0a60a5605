/* activity.h -- what a worker is running right now: which plugin, on
 * which document, since when. Written by the pipeline around each plugin
 * call (pipeline_run.c) and read by whoever must explain a fault: the
 * crash handler of this process (signals.c), the watchdog that reports an
 * overdue plugin (run.c), or, through memory shared with a worker process,
 * the parent that kills a hung one (isolate.c). Internal to the core. */
#ifndef QUARRY_ACTIVITY_H
#define QUARRY_ACTIVITY_H

#include <stdatomic.h>
#include <stdint.h>

struct qrecord;

typedef struct qactivity {
    atomic_int stage;            /* index of the running plugin in the pipeline; -1 between plugins */
    atomic_llong started_ns;     /* CLOCK_MONOTONIC when that plugin was called */
    atomic_ullong ordinal;       /* input position of the document */
    const char *_Atomic plugin;  /* the running plugin's name (the pipeline's string) or NULL */
    const char *_Atomic doc_id;  /* the document's id (the record's string) or NULL */
    /* Called after each plugin returns, in the thread that ran it: an
     * isolated worker checks here whether the plugin wrote to stdout. */
    void (*after_plugin)(struct qactivity *a, struct qrecord *rec, const char *plugin);
    void *ctx;
} qactivity;

void qactivity_init(qactivity *a);

/* The calling thread's activity (NULL when nobody watches it, as in the
 * embedding API); set by a worker once, before its first document. */
void qactivity_set_current(qactivity *a);
qactivity *qactivity_current(void);

/* CLOCK_MONOTONIC in nanoseconds. */
long long qactivity_now_ns(void);

#endif
