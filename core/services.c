/* services.c -- see services.h. Adding a service: write its table, add it
 * to `services` below, document it in plugin.h and docs/abi.md. */
#include "services.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "entities.h"
#include "host.h"
#include "table.h"
#include "text.h"

__attribute__((format(printf, 3, 4))) static void diag_option_error(const qry_host *host, const char *option, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    qhost_report_option(host, option, msg);
}

__attribute__((format(printf, 4, 5))) static void diag_file_error(const qry_host *host, const char *path, size_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    qhost_report_file(host, NULL, path, line, msg);
}

static const qry_diag_service diag_service = {
    .struct_size = sizeof(qry_diag_service),
    .option_error = diag_option_error,
    .file_error = diag_file_error,
};

static const struct {
    const char *name;
    const void *table;
} services[] = {
    {QRY_SERVICE_ENTITIES, &qents_service},
    {QRY_SERVICE_TEXT, &qtext_service},
    {QRY_SERVICE_TABLE, &qtable_service},
    {QRY_SERVICE_DIAG, &diag_service},
};

const char *const qservices_names[] = {QRY_SERVICE_ENTITIES, QRY_SERVICE_TEXT, QRY_SERVICE_TABLE, QRY_SERVICE_DIAG,
                                       NULL};

const void *qservices_get(const qry_host *host, const char *name)
{
    (void)host;
    for (size_t k = 0; name && k < sizeof services / sizeof services[0]; k++)
        if (strcmp(services[k].name, name) == 0)
            return services[k].table;
    return NULL;
}
