/* ini_values.h -- the one place quarry uses iniparser. The INI text, once
 * it scanned clean (ini_scan.h), is handed to iniparser from memory and
 * every key's value is taken from what iniparser read, so quoting and
 * comment rules are iniparser's own. Internal to the core. */
#ifndef QUARRY_INI_VALUES_H
#define QUARRY_INI_VALUES_H

#include <stddef.h>

#include "config.h"
#include "diag.h"

/* Let iniparser read `len` bytes of `text` and fill in the value of every
 * key in cfg (which qini_scan built from the same text). A complaint from
 * iniparser, or a section or key it did not see as the scan did, is added
 * to d under cfg->path. Returns 0, or -1 with at least one problem added. */
int qini_values(qcfg *cfg, const char *text, size_t len, qdiag *d);

#endif
