/* merge.h -- ordering a record's entities and resolving overlaps between
 * them by the pipeline's policy. Internal to the core. */
#ifndef QUARRY_MERGE_H
#define QUARRY_MERGE_H

#include "record.h"

enum qmerge_policy {
    QMERGE_KEEP_ALL = 0, /* keep every entity */
    QMERGE_LONGEST = 1,  /* of overlapping entities keep the longest; ties: earlier plugin */
    QMERGE_PRIORITY = 2  /* of overlapping entities keep the earlier plugin's; ties: longest */
};

enum qmerge_scope {
    QMERGE_SAME_TYPE = 0, /* only entities of one type compete (a quote keeps its places) */
    QMERGE_ANY_TYPE = 1   /* every overlap competes */
};

/* Resolve overlaps in r->ents, then sort by start (longer first, then
 * pipeline order, then emission order). Exact duplicates (same type, span
 * and plugin) are always dropped. Returns QRY_OK or QRY_ERR_NOMEM. */
int qmerge(qrecord *r, int policy, int scope);

/* Parse "keep_all" / "longest" / "priority" and "type" / "all"; 0 on success. */
int qmerge_parse_policy(const char *s, int *out);
int qmerge_parse_scope(const char *s, int *out);

#endif
