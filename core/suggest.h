/* suggest.h -- "did you mean": the known name closest to a misspelt one.
 * Used for INI sections and keys, plugin options and plugin names.
 * Internal to the core. */
#ifndef QUARRY_SUGGEST_H
#define QUARRY_SUGGEST_H

/* The candidate closest to `word` (case-insensitive edit distance, at most
 * a third of the word's length and at least 1 edit allowed), the first one
 * on ties, or NULL. `candidates` is NULL-terminated. */
const char *qsuggest(const char *word, const char *const *candidates);

#endif
