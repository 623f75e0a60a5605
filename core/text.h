/* text.h -- Unicode for the core and for plugins: the functions behind the
 * "quarry.text/1" service, which the segmenter uses too, so a plugin's
 * idea of a letter or a capital is the token flags' idea. Backed by
 * utf8proc (character database, case mapping, decomposition). Internal to
 * the core; plugins reach it through qry_service(host, QRY_SERVICE_TEXT).
 * Every function is pure, thread-safe and allocation-free. */
#ifndef QUARRY_TEXT_H
#define QUARRY_TEXT_H

#include <stddef.h>
#include <stdint.h>

#include "quarry/plugin.h"

/* The service table handed to plugins. */
extern const qry_text_service qtext_service;

uint32_t qtext_classify(uint32_t cp);

/* The classes of the ASCII code points, and a classifier the core's own
 * hot loops inline: a table for ASCII, qtext_classify for the rest. */
extern const uint16_t qtext_ascii_class[128];
static inline uint32_t qtext_class(uint32_t cp) { return cp < 0x80 ? qtext_ascii_class[cp] : qtext_classify(cp); }

/* qtext_decode with the ASCII case inlined. */
uint32_t qtext_decode(const char *s, size_t len, size_t *pos);
static inline uint32_t qtext_next(const char *s, size_t len, size_t *pos)
{
    unsigned char b = (unsigned char)s[*pos];
    if (b < 0x80) {
        (*pos)++;
        return b;
    }
    return qtext_decode(s, len, pos);
}
size_t qtext_encode(uint32_t cp, char out[4]);
size_t qtext_validate(const char *s, size_t len);
uint32_t qtext_to_lower(uint32_t cp);
uint32_t qtext_to_upper(uint32_t cp);
size_t qtext_fold(const char *s, size_t len, unsigned flags, char *out, size_t outsz);

/* Whether a[0..alen) and b[0..blen) are equal after folding both by flags
 * (0: byte-exact). */
int qtext_equals(const char *a, size_t alen, const char *b, size_t blen, unsigned flags);

int qtext_token_equals(const qry_doc_view *doc, size_t tok, const char *lit, unsigned flags);
size_t qtext_token_at(const qry_doc_view *doc, size_t offset);

#endif
