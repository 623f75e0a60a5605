/* services.h -- what host->get_service answers: the name of every service
 * this core offers and its function table. Internal to the core. */
#ifndef QUARRY_SERVICES_H
#define QUARRY_SERVICES_H

#include "quarry/plugin.h"

/* The table of service `name` ("quarry.text/1"), or NULL. */
const void *qservices_get(const qry_host *host, const char *name);

/* The names this core offers, NULL-terminated, for `quarry plugins`. */
extern const char *const qservices_names[];

#endif
