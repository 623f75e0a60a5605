/* token_dump.h -- the segmentation of a document as text: paragraphs,
 * sentences and tokens with byte offsets and flags, what a plugin author
 * matches against. Used by `quarry tokens` and qry_testkit_tokens().
 * Internal to the core. */
#ifndef QUARRY_TOKEN_DUMP_H
#define QUARRY_TOKEN_DUMP_H

#include "buf.h"
#include "quarry/plugin.h"

/* Append the dump of doc to out:
 *   paragraph 0 [0,58)
 *     sentence 0 [0,58)
 *       0 [0,4) WORD CAP SPACE_BEFORE NEWLINE_BEFORE "Olaf"
 * Token text is JSON-escaped so control characters stay visible. */
void qtokens_dump(const qry_doc_view *doc, qbuf *out);

#endif
