/* resolve.h -- overlap resolution of weapon candidates (see resolve.c). */
#ifndef QUARRY_WEAPONS_RESOLVE_H
#define QUARRY_WEAPONS_RESOLVE_H

#include "weapons.h"

/* Keep the non-overlapping winners of c, sorted by start. QRY_OK or
 * QRY_ERR_NOMEM (c unchanged in content, possibly reordered). */
int wpn_resolve(const qry_doc_view *doc, wpn_cands *c);

#endif
