/* buf.h -- a growable byte buffer for serialising records. Internal. */
#ifndef QUARRY_BUF_H
#define QUARRY_BUF_H

#include <stddef.h>
#include <stdint.h>

typedef struct qbuf {
    char *data; /* owned; NUL-terminated when len < cap */
    size_t len, cap;
    int oom;    /* sticky: set once an append failed */
} qbuf;

void qbuf_append(qbuf *b, const char *s, size_t n);
void qbuf_puts(qbuf *b, const char *s);
void qbuf_printf(qbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Append s as a JSON string literal, quotes included (s is valid UTF-8). */
void qbuf_json_string(qbuf *b, const char *s, size_t n);
/* Append an integer in decimal, as printf's %" PRIu64 "/%" PRId64 " would. */
void qbuf_u64(qbuf *b, uint64_t v);
void qbuf_i64(qbuf *b, int64_t v);
/* Append a finite double as quarry's records always wrote one: an integral
 * value below 1e15 as an integer ("2400000000"), else the shorter of
 * "%.15g" and "%.17g" that reads back exactly ("2.4", "50.45466"). Byte for
 * byte the same as those printf calls, without them for values with at
 * most six decimals. */
void qbuf_double(qbuf *b, double d);
void qbuf_free(qbuf *b);

#endif
