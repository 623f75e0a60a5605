/* text_check.h -- is this usable text? Strict UTF-8 and no NUL byte, and
 * if not, one message saying where, whoever asks (the input readers, the
 * embedding API, the record builder). Internal to the core. */
#ifndef QUARRY_TEXT_CHECK_H
#define QUARRY_TEXT_CHECK_H

#include <stddef.h>

/* The length of the longest valid UTF-8 prefix of s (no overlongs, no
 * surrogates, nothing above U+10FFFF): len when all of it is valid,
 * else the byte offset of the first bad sequence. */
size_t qtext_utf8_prefix(const char *s, size_t len);

/* 0 when the len bytes are valid UTF-8; else -1 with "invalid UTF-8 at
 * byte N" in why[whysz]. */
int qtext_check_utf8(const char *s, size_t len, char *why, size_t whysz);

/* 0 when the len bytes can be a document: valid UTF-8 without a NUL byte;
 * else -1 with "invalid UTF-8 at byte N" or "NUL byte at byte N" in why. */
int qtext_check(const char *s, size_t len, char *why, size_t whysz);

#endif
