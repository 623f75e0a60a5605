/* entities.h -- the "quarry.entities/1" service: a stage reads what the
 * stages before it emitted for the current document (stage composition).
 * Internal to the core; plugins reach it through
 * qry_service(host, QRY_SERVICE_ENTITIES). */
#ifndef QUARRY_ENTITIES_H
#define QUARRY_ENTITIES_H

#include <stddef.h>

#include "quarry/plugin.h"

/* The view of earlier entities one record keeps, built on a stage's first
 * request and reused across documents (one per worker's record). */
typedef struct qents_index {
    int built;                 /* 0: stale; else built for built_stage over built_first entities */
    int built_stage;
    size_t built_first;
    qry_entity *items;
    const qry_entity **order;  /* items sorted for list() */
    size_t *max_end;           /* running maximum of end along order, for overlapping() */
    qry_attr *attrs;
    size_t n, cap, n_attrs, cap_attrs;
} qents_index;

extern const qry_entities_service qents_service;

/* Forget the view (a new document or a new stage). */
void qents_reset(qents_index *ix);
void qents_free(qents_index *ix);

#endif
