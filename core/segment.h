/* segment.h -- paragraphs, sentences and tokens, computed once per
 * document so that no plugin re-tokenizes. Internal to the core; plugins
 * see the result through qry_doc_view. */
#ifndef QUARRY_SEGMENT_H
#define QUARRY_SEGMENT_H

#include <stddef.h>
#include <stdint.h>

#include "quarry/plugin.h"

typedef struct qseg {
    qry_span *paragraphs;
    size_t n_paragraphs, cap_paragraphs;
    qry_span *sentences;
    size_t n_sentences, cap_sentences;
    qry_token *tokens;
    size_t n_tokens, cap_tokens;
    /* The text plugins see: a copy followed by QRY_TEXT_PADDING zero bytes,
     * so vectorised scanners (PCRE2's JIT reads 16 bytes at a time) never
     * touch memory past the end of a block. Reused across documents. */
    char *text;
    size_t text_len, cap_text;
} qseg;

/* Segment `text` (valid UTF-8, len bytes, len < 4 GiB) and keep a padded
 * copy of it in seg->text for the document view. Buffers are reused
 * across calls, so one qseg per worker keeps memory flat. Returns QRY_OK,
 * QRY_ERR_NOMEM, or QRY_ERR_LIMIT for a text of 4 GiB or more. */
int qseg_run(qseg *seg, const char *text, size_t len);

/* The view plugins get of the text last segmented: the padded copy, its
 * paragraphs, sentences and tokens. It points into seg, so it is valid
 * until seg is run again or freed. */
void qseg_view(const qseg *seg, const char *id, uint64_t ordinal, qry_doc_view *view);

void qseg_free(qseg *seg);

/* Decode one UTF-8 code point at s[*i] (advancing *i); returns 0xFFFD on a
 * malformed byte (one byte consumed). Input is validated earlier, so this
 * only guards against misuse. */
unsigned qseg_decode(const char *s, size_t len, size_t *i);

#endif
