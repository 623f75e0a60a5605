/* log.c -- see log.h and quarry/quarry.h.
 *
 * The level is an atomic so the common case, a line below it, costs one
 * load and no lock. Kept lines are handed over under a mutex: the handler
 * never runs on two threads at once, and replacing it waits for a call in
 * progress, so an embedder may free the old userdata as soon as
 * qry_set_log_handler returns. Log lines are rare (warnings, -v), so the
 * lock costs nothing that matters. */
#include "log.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#include "quarry/quarry.h"

static atomic_int threshold = QRY_LOG_WARN;
static pthread_mutex_t handler_lock = PTHREAD_MUTEX_INITIALIZER;
static qry_log_handler handler;
static void *handler_data;

void qry_set_log_level(int level) { atomic_store(&threshold, level); }

void qry_set_log_handler(qry_log_handler fn, void *userdata)
{
    pthread_mutex_lock(&handler_lock);
    handler = fn;
    handler_data = userdata;
    pthread_mutex_unlock(&handler_lock);
}

int qlog_wanted(int level) { return level <= atomic_load(&threshold); }

static const char *level_name(int level)
{
    static const char *const names[] = {"error", "warning", "info", "debug"};
    return level >= 0 && level <= 3 ? names[level] : "log";
}

void qlog_vwrite(int level, const char *plugin, const char *fmt, va_list ap)
{
    char line[1024];
    vsnprintf(line, sizeof line, fmt, ap);
    pthread_mutex_lock(&handler_lock);
    if (handler)
        handler(handler_data, level, plugin, line);
    else
        fprintf(stderr, "quarry: %s: %s: %s\n", plugin, level_name(level), line);
    pthread_mutex_unlock(&handler_lock);
}
