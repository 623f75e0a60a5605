/* plugin_options.c -- see plugin_options.h. */
#include "plugin_options.h"

#include <strings.h>

#include "suggest.h"
#include "values.h"

#define MAX_NAMES 128

int qopt_check(const qry_plugin_descriptor *d, const char *key, const char *value, const char *file, int line,
               const char *section, qdiag *diags)
{
    const char *names[MAX_NAMES + 1];
    size_t n = 0;
    for (size_t k = 0; d->options && d->options[k]; k++) {
        const qry_option_spec *spec = d->options[k];
        if (strcasecmp(spec->name, key) == 0) {
            char why[384];
            if (qvalue_check(spec->type, value, why, sizeof why) == 0)
                return 0;
            qdiag_at(diags, file, line, section, spec->name, "%s", why);
            return -1;
        }
        if (n < MAX_NAMES)
            names[n++] = spec->name;
    }
    names[n] = NULL;
    const char *hint = qsuggest(key, names);
    if (hint)
        qdiag_at(diags, file, line, section, NULL, "unknown key '%s' (did you mean '%s'?)", key, hint);
    else if (n)
        qdiag_at(diags, file, line, section, NULL, "unknown key '%s' (plugin %s accepts: see `quarry plugins %s`)",
                 key, d->name, d->name);
    else
        qdiag_at(diags, file, line, section, NULL, "unknown key '%s' (plugin %s takes no options)", key, d->name);
    return -1;
}
