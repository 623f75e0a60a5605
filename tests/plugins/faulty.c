/* faulty.c -- a plugin that fails in the ways real plugins do, on the
 * documents whose text contains `trigger`: `fault` = segv (a NULL write),
 * abort, hang (loops forever), exit (exit(0)), stdout (printf and a raw
 * write to fd 1), slow (sleeps `slow_ms`), overflow (unbounded recursion),
 * badattr (an attribute that is not UTF-8, which the core refuses) or none. Every other document gets one `mark` entity over its first
 * byte, so records show which documents the plugin finished. */
#define _POSIX_C_SOURCE 200809L
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "quarry/plugin.h"

typedef struct faulty {
    const qry_host *host;
    char fault[16];
    char trigger[64];
    int64_t slow_ms;
} faulty;

static int faulty_create(const qry_host *host, void **out)
{
    faulty *f = calloc(1, sizeof *f);
    if (!f)
        return QRY_ERR_NOMEM;
    f->host = host;
    snprintf(f->fault, sizeof f->fault, "%s", host->option(host, "fault"));
    snprintf(f->trigger, sizeof f->trigger, "%s", host->option(host, "trigger"));
    host->option_int(host, "slow_ms", &f->slow_ms);
    *out = f;
    return QRY_OK;
}

static volatile uintptr_t wild_address = 16;
static volatile unsigned sink_var; /* unsigned: the hang loop may wrap it */

/* Deep enough to overflow any stack; the depth check only hides the
 * recursion from the compiler's warning. */
static int recurse(int depth)
{
    volatile char pad[256];
    pad[0] = (char)depth;
    if (depth > (1 << 30))
        return 0;
    return recurse(depth + 1) + pad[0];
}

static void fail(const faulty *f)
{
    if (strcmp(f->fault, "segv") == 0) {
        /* a wild pointer, not NULL (UBSan would catch a NULL store itself),
         * read from a volatile so the compiler cannot see it coming */
        *(volatile int *)wild_address = 1;
    } else if (strcmp(f->fault, "abort") == 0) {
        abort();
    } else if (strcmp(f->fault, "hang") == 0) {
        for (;;)
            sink_var++;
    } else if (strcmp(f->fault, "exit") == 0) {
        exit(0);
    } else if (strcmp(f->fault, "stdout") == 0) {
        printf("{\"junk\": true}\n");
        if (write(STDOUT_FILENO, "raw junk\n", 9) < 0)
            sink_var++;
    } else if (strcmp(f->fault, "slow") == 0) {
        struct timespec ts = {(time_t)(f->slow_ms / 1000), (long)(f->slow_ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
    } else if (strcmp(f->fault, "overflow") == 0) {
        sink_var = (unsigned)recurse(0);
    }
}

static int faulty_process(void *inst, const qry_doc_view *doc, qry_sink *sink)
{
    faulty *f = inst;
    int hit = f->trigger[0] && strstr(doc->text, f->trigger);
    if (hit)
        fail(f);
    int e = doc->text_len ? f->host->emit(f->host, sink, "mark", 0, 1) : -1;
    if (hit && e >= 0 && strcmp(f->fault, "badattr") == 0)
        f->host->attr_string(f->host, sink, e, "note", "\xff", 1);
    return QRY_OK;
}

static void faulty_destroy(void *inst) { free(inst); }

static const qry_option_spec opt_fault = {"fault", QRY_OPT_STRING, "none",
                                          "segv, abort, hang, exit, stdout, slow, overflow, badattr or none", {0}};
static const qry_option_spec opt_trigger = {"trigger", QRY_OPT_STRING, "FAULT",
                                            "fail on documents containing this text", {0}};
static const qry_option_spec opt_slow = {"slow_ms", QRY_OPT_INT, "2000", "how long `slow` sleeps", {0}};
static const qry_option_spec *const options[] = {&opt_fault, &opt_trigger, &opt_slow, NULL};
static const char *const types[] = {"mark", NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "faulty",
    .version = "1.0.0",
    .description = "test plugin: crashes, hangs, exits or prints on chosen documents",
    .entity_types = types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = faulty_create,
    .process = faulty_process,
    .destroy = faulty_destroy,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
