/* stats.h -- the summary of a set of records (docs/record-format.md):
 * documents, errors, entities per type and per plugin, the most frequent
 * values of each text attribute, the range of each number, amounts summed per currency, and, when the
 * records hold `transfer` entities, the donor x system table. Used by
 * `quarry stats` and by the HTML view's summary. Internal to the core. */
#ifndef QUARRY_STATS_H
#define QUARRY_STATS_H

#include <jansson.h>
#include <stddef.h>

typedef struct qstats qstats;

qstats *qstats_new(void);

/* Count one record. 0, or -1 when out of memory. A record that is not an
 * object with "entities" and "errors" arrays counts as a document only. */
int qstats_add(qstats *s, const json_t *record);

/* The summary as a new JSON object (the caller decrefs it), the `top`
 * most frequent values per attribute; NULL when out of memory:
 *   documents, documents_with_errors, entities,
 *   errors:     {"CODE": n}            errors_by_plugin: {"plugin"|"input": n}
 *   types:      {"type": n}            plugins: {"plugin": n}
 *   attributes: {"type": {"attr": [["value", n], ...]}}   (strings and booleans)
 *   ranges:     {"type": {"attr": {"count", "min", "max"}}} (numbers, less X_start/X_end spans)
 *   amounts:    {"type": {"CUR": {"count": n, "sum": x}}} (entities with value and currency)
 *   transfers:  [{"donor", "system", "count", "statuses": {"s": n},
 *                 "amounts": {"CUR": x}, "recipients": {"r": n}}, ...]
 *               (only when transfer entities were seen; biggest first) */
json_t *qstats_summary(const qstats *s, size_t top);

void qstats_free(qstats *s);

#endif
