/* activity.c -- see activity.h. */
#include "activity.h"

#include <time.h>

static _Thread_local qactivity *current;

void qactivity_init(qactivity *a)
{
    atomic_init(&a->stage, -1);
    atomic_init(&a->started_ns, 0);
    atomic_init(&a->ordinal, 0);
    atomic_init(&a->plugin, NULL);
    atomic_init(&a->doc_id, NULL);
    a->after_plugin = NULL;
    a->ctx = NULL;
}

void qactivity_set_current(qactivity *a) { current = a; }

qactivity *qactivity_current(void) { return current; }

long long qactivity_now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}
