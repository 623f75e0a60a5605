/* input_decompress.h -- transparent gzip and zstd for the input readers.
 * A file or standard input whose first bytes are a gzip or zstd magic
 * number is read through a decoder; anything else is read as it is. The
 * reader sees one FILE* either way, so text and JSON Lines code need not
 * know. Internal to the core. */
#ifndef QUARRY_INPUT_DECOMPRESS_H
#define QUARRY_INPUT_DECOMPRESS_H

#include <stdint.h>
#include <stdio.h>

typedef struct qstream qstream;

/* Open `path` ("-": standard input, which is never closed) and sniff its
 * first bytes. Returns NULL when the file cannot be opened (errno set) or
 * memory runs out (errno ENOMEM). */
qstream *qstream_open(const char *path);

/* The stream to read: the decompressed bytes, or the file itself. */
FILE *qstream_file(const qstream *s);

/* "gzip", "zstd", or NULL for an uncompressed input. */
const char *qstream_codec(const qstream *s);

/* After a read of qstream_file() failed: the decoder's one-line reason
 * ("corrupt gzip data (invalid block type)", "truncated zstd data"), or
 * NULL when the failure was the operating system's (see errno). */
const char *qstream_error(const qstream *s);

/* Bytes of the underlying file consumed so far (compressed bytes for a
 * compressed input), for progress reports. */
uint64_t qstream_raw_bytes(const qstream *s);

/* Close and free; NULL is a no-op. */
void qstream_close(qstream *s);

#endif
