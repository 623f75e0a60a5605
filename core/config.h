/* config.h -- the pipeline INI file: the only iniparser user in quarry.
 *
 * iniparser 4.1 lowercases names, lets a duplicate key win silently and
 * keeps no line numbers; this wrapper pre-scans the text so that every
 * section and key carries its line, duplicates are errors, and messages
 * say "FILE:LINE: ...". Values come from iniparser (quotes stripped,
 * inline ; and # comments removed as iniparser does). Internal to the core.
 */
#ifndef QUARRY_CONFIG_H
#define QUARRY_CONFIG_H

#include <stddef.h>

#include "diag.h"

typedef struct qcfg_key {
    char *name;  /* lower-cased */
    char *value; /* as iniparser returns it; never NULL ("" for empty) */
    int line;    /* 1-based line in the file */
} qcfg_key;

typedef struct qcfg_section {
    char *name; /* lower-cased */
    int line;
    qcfg_key *keys;
    size_t n_keys;
} qcfg_section;

typedef struct qcfg {
    char *path;     /* as given, or "<default>" for the embedded text */
    char *dir;      /* directory relative data paths resolve against ("." when none) */
    qcfg_section *sections; /* in file order */
    size_t n_sections;
} qcfg;

/* Parse the INI file at `path`. Every problem found (unreadable file, line
 * over iniparser's limit, syntax error, duplicate section or key, key
 * before any section) is added to `diags` as "PATH:LINE: message". Returns
 * 0 and sets *out when the file was parsed with no error, else -1 (and
 * *out is NULL). The caller owns *out and frees it with qcfg_free. */
int qcfg_load(const char *path, qcfg **out, qdiag *diags);

/* The same for INI text held in memory (the embedded default pipeline);
 * `name` is used in messages and `dir` as the base for relative paths. */
int qcfg_load_text(const char *name, const char *dir, const char *text, qcfg **out, qdiag *diags);

/* Lookups; NULL when absent. Names are compared case-insensitively. */
const qcfg_section *qcfg_section_get(const qcfg *cfg, const char *section);
const qcfg_key *qcfg_key_get(const qcfg_section *sec, const char *key);

/* Check a value against an option type (enum qry_option_type in
 * quarry/plugin.h). Returns 0 when valid, else -1 with a short reason
 * ("expected an integer, got 'ten'") in why[whysz]. */
int qcfg_check_value(int option_type, const char *value, char *why, size_t whysz);

/* Parse helpers shared with the host's typed option reads; 0 on success. */
int qcfg_parse_bool(const char *value, int *out);
int qcfg_parse_int(const char *value, long long *out);
int qcfg_parse_double(const char *value, double *out);

/* The candidate closest to `word` (case-insensitive edit distance, at most
 * a third of the word's length and at least 1 edit allowed), or NULL.
 * `candidates` is NULL-terminated. Used for "did you mean". */
const char *qcfg_suggest(const char *word, const char *const *candidates);

void qcfg_free(qcfg *cfg);

#endif
