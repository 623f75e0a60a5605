/* values.h -- typed option values: the strict reading of INI text as an
 * integer, a number or a boolean, and the check of a value against an
 * option type. Shared by INI validation and the host's typed option reads,
 * so what `quarry check` accepts is exactly what a plugin can read.
 * Internal to the core. */
#ifndef QUARRY_VALUES_H
#define QUARRY_VALUES_H

#include <stddef.h>

/* Each returns 0 and sets *out, or -1 and leaves *out alone. No space
 * around the value, no trailing junk: "010" is ten, "0x10", "1.5", "inf",
 * " 5" and "yes " are all refused. */
int qvalue_parse_int(const char *value, long long *out); /* fits int64_t */
int qvalue_parse_double(const char *value, double *out); /* decimal, finite */
int qvalue_parse_bool(const char *value, int *out);      /* true/false yes/no on/off 1/0 */

/* Check a value against an option type (enum qry_option_type in
 * quarry/plugin.h). Returns 0 when valid, else -1 with a short reason
 * ("expected an integer, got 'ten'") in why[whysz]; why may be NULL. */
int qvalue_check(int option_type, const char *value, char *why, size_t whysz);

#endif
