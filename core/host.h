/* host.h -- the qry_host table the core hands to one plugin instance:
 * logging, option reads, data path resolution, errors, and the sink.
 * Internal to the core; shared by the pipeline and the testkit.
 *
 * Every [any-thread] service reads only what qhost_init stored (and the
 * process-wide search paths of paths.h, fixed once computed), so a table
 * may be used from all workers at once without locks. */
#ifndef QUARRY_HOST_H
#define QUARRY_HOST_H

#include <stddef.h>

#include "diag.h"
#include "quarry/plugin.h"

typedef struct qhost_option {
    const qry_option_spec *spec;
    char *value; /* owned: the user's value, else a copy of the default, else NULL */
} qhost_option;

typedef struct qhost {
    qry_host api; /* first member: plugins hold &api, we cast back */
    char *name;   /* owned: the pipeline's name for this plugin */
    const qry_plugin_descriptor *desc;
    qhost_option *opts; /* owned; one per declared option */
    size_t n_opts;
    char *base_dir;     /* owned; directory of the INI file, or NULL */
    char create_error[512];
    qdiag reports;      /* problems create() reported through services: [plugin] option: ... */
} qhost;

/* Fill the table for one instance. keys/values (n of them) must already be
 * valid for the descriptor (plugin_options.h). Copies everything. QRY_OK
 * or QRY_ERR_NOMEM. */
int qhost_init(qhost *h, const qry_plugin_descriptor *d, const char *name, const char *base_dir,
               const char *const *keys, const char *const *values, size_t n);
void qhost_fini(qhost *h);

/* Record a problem create() found, for the pipeline to print with its
 * context: with an option ("[money] extra: ...") or with a data file
 * ("PATH:LINE: ..."; `name` is how the plugin named the file, which ties
 * it to the option that holds that name, or NULL). */
void qhost_report_option(const qry_host *api, const char *option, const char *msg);
void qhost_report_file(const qry_host *api, const char *name, const char *path, size_t line, const char *msg);

/* "data file 'NAME' not found; searched: DIR, DIR" into buf: the
 * directories resolve_path() tries, in order (paths.h). */
void qhost_not_found(const qry_host *api, const char *name, char *buf, size_t bufsz);

#endif
