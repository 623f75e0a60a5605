/* config.h -- a pipeline INI file as sections and keys, each with its line.
 *
 * Loading runs two readers over the same bytes: our scan (ini_scan.h) for
 * structure, line numbers and syntax errors, then iniparser (ini_values.h)
 * for the values. Names are lower-cased as iniparser does; values are as
 * iniparser returns them (quotes stripped, inline ; and # comments
 * removed). What the sections and keys mean is the pipeline's business
 * (pipeline_build.c). Internal to the core.
 */
#ifndef QUARRY_CONFIG_H
#define QUARRY_CONFIG_H

#include <stddef.h>

#include "diag.h"

typedef struct qcfg_key {
    char *name;  /* lower-cased */
    char *value; /* as iniparser returns it; never NULL ("" for empty) once loaded */
    int line;    /* 1-based line in the file */
} qcfg_key;

typedef struct qcfg_section {
    char *name; /* lower-cased */
    int line;
    qcfg_key *keys;
    size_t n_keys;
} qcfg_section;

typedef struct qcfg {
    char *path;     /* as given, or the name given to qcfg_load_text */
    char *dir;      /* directory relative data paths resolve against ("." when none) */
    qcfg_section *sections; /* in file order */
    size_t n_sections;
} qcfg;

/* Parse the INI file at `path`. Every problem found (unreadable file, line
 * over iniparser's limit, syntax error, duplicate section or key, key
 * before any section) is added to `diags` with the file and line. Returns
 * 0 and sets *out when the file was parsed with no error, else -1 (and
 * *out is NULL). The caller owns *out and frees it with qcfg_free. */
int qcfg_load(const char *path, qcfg **out, qdiag *diags);

/* The same for INI text held in memory (the embedded default pipeline);
 * `name` is used in messages and `dir` as the base for relative paths. */
int qcfg_load_text(const char *name, const char *dir, const char *text, qcfg **out, qdiag *diags);

/* Lookups; NULL when absent. Names are compared case-insensitively. */
const qcfg_section *qcfg_section_get(const qcfg *cfg, const char *section);
const qcfg_key *qcfg_key_get(const qcfg_section *sec, const char *key);

void qcfg_free(qcfg *cfg);

#endif
