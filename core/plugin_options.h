/* plugin_options.h -- an INI section checked against the options a plugin
 * declares in its descriptor: is the key one it accepts, and does the
 * value fit the option's type? Used when a pipeline is built and by the
 * testkit. Internal to the core. */
#ifndef QUARRY_PLUGIN_OPTIONS_H
#define QUARRY_PLUGIN_OPTIONS_H

#include "diag.h"
#include "quarry/plugin.h"

/* Check `key = value` against d's options. A problem -- an unknown key
 * (with a did-you-mean when one is close) or a value its type refuses --
 * is added to diags at file:line in [section] (file may be NULL, line 0).
 * Returns 0 when valid, -1 when a problem was added. */
int qopt_check(const qry_plugin_descriptor *d, const char *key, const char *value, const char *file, int line,
               const char *section, qdiag *diags);

#endif
