/* ini_scan.h -- the structure of a pipeline INI file, with line numbers.
 *
 * iniparser 4.1 keeps no line numbers, lets a duplicate key win silently
 * and drops some lines without a word, so before iniparser reads a file
 * (ini_values.h) this scan walks the same bytes the way iniparser's reader
 * does and records where every section and key starts, reporting every
 * syntax problem it sees with its line. Internal to the core. */
#ifndef QUARRY_INI_SCAN_H
#define QUARRY_INI_SCAN_H

#include <stddef.h>

#include "config.h"
#include "diag.h"

/* Scan `len` bytes of `text` into cfg's sections and keys (names
 * lower-cased, lines set, values left NULL), adding each problem to d as
 * cfg->path:LINE. Returns the number of problems, or -1 when out of
 * memory. */
int qini_scan(qcfg *cfg, const char *text, size_t len, qdiag *d);

#endif
