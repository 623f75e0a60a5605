/* json_doc.c -- the fast path of the JSON Lines reader (see json_doc.h).
 *
 * jansson builds a tree of every line (a hash table, a copy of each string)
 * only for the reader to take two strings out of it: an eighth of a
 * default run's instructions. This scanner reads the common line -- one
 * object of strings, numbers and literals -- in one pass, decoding only the
 * two fields wanted, and gives the line back to jansson on anything else,
 * so that every error message and every unusual value is still jansson's. */
#include "json_doc.h"
#include "swar.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct scan {
    const unsigned char *p, *end;
} scan;

static void skip_ws(scan *s)
{
    while (s->p < s->end && (*s->p == ' ' || *s->p == '\t' || *s->p == '\n' || *s->p == '\r'))
        s->p++;
}

static int hex4(const unsigned char *p, uint32_t *out)
{
    uint32_t v = 0;
    for (int i = 0; i < 4; i++) {
        unsigned c = p[i];
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= c - '0';
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'f')
            v |= (c | 0x20) - 'a' + 10;
        else
            return 0;
    }
    *out = v;
    return 1;
}

/* Length of the well-formed UTF-8 sequence at p (RFC 3629: no overlong
 * forms, no surrogates, nothing past U+10FFFF), or 0. */
static size_t utf8_seq(const unsigned char *p, const unsigned char *end)
{
    unsigned c = p[0];
    size_t n;
    uint32_t min, cp;
    if (c >= 0xC2 && c <= 0xDF)
        n = 2, min = 0x80, cp = c & 0x1F;
    else if (c >= 0xE0 && c <= 0xEF)
        n = 3, min = 0x800, cp = c & 0x0F;
    else if (c >= 0xF0 && c <= 0xF4)
        n = 4, min = 0x10000, cp = c & 0x07;
    else
        return 0;
    if ((size_t)(end - p) < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((p[i] & 0xC0) != 0x80)
            return 0;
        cp = (cp << 6) | (p[i] & 0x3F);
    }
    if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        return 0;
    return n;
}

static unsigned char *put_utf8(unsigned char *o, uint32_t cp)
{
    if (cp < 0x80) {
        *o++ = (unsigned char)cp;
    } else if (cp < 0x800) {
        *o++ = (unsigned char)(0xC0 | (cp >> 6));
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        *o++ = (unsigned char)(0xE0 | (cp >> 12));
        *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    } else {
        *o++ = (unsigned char)(0xF0 | (cp >> 18));
        *o++ = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
        *o++ = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        *o++ = (unsigned char)(0x80 | (cp & 0x3F));
    }
    return o;
}

/* The string at s->p (its opening quote), checked as jansson checks it.
 * With out, its decoded bytes are written there (room: the raw length is
 * enough, escapes never grow) and *out_len set. Returns 1, or 0 for
 * anything jansson must judge. */
static int string(scan *s, unsigned char *out, size_t *out_len)
{
    const unsigned char *p = s->p + 1, *end = s->end;
    unsigned char *o = out;
    for (;;) {
        /* the run of plain ASCII up to a quote, a backslash or anything else */
        const unsigned char *run = p;
        while (end - p >= 8) { /* the text field is most of every line: 8 plain bytes at a time */
            uint64_t x = swar_load(p);
            if (swar_json_special(x) || swar_non_ascii(x))
                break;
            p += 8;
        }
        while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
            p++;
        if (o) {
            memcpy(o, run, (size_t)(p - run));
            o += p - run;
        }
        if (p >= end)
            return 0;
        unsigned c = *p;
        if (c == '"') {
            s->p = p + 1;
            if (out_len)
                *out_len = (size_t)(o - out);
            return 1;
        }
        if (c < 0x20)
            return 0; /* a control character: jansson's error */
        if (c >= 0x80) {
            size_t n = utf8_seq(p, end);
            if (!n)
                return 0;
            if (o) {
                memcpy(o, p, n);
                o += n;
            }
            p += n;
            continue;
        }
        /* a backslash */
        if (end - p < 2)
            return 0;
        uint32_t cp;
        switch (p[1]) {
        case '"': cp = '"'; break;
        case '\\': cp = '\\'; break;
        case '/': cp = '/'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'u':
            if (end - p < 6 || !hex4(p + 2, &cp))
                return 0;
            if (cp >= 0xDC00 && cp <= 0xDFFF)
                return 0; /* a lone low surrogate */
            if (cp >= 0xD800 && cp <= 0xDBFF) {
                uint32_t lo;
                if (end - p < 12 || p[6] != '\\' || p[7] != 'u' || !hex4(p + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
                    return 0;
                cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                p += 6;
            }
            p += 4;
            break;
        default:
            return 0;
        }
        p += 2;
        if (o)
            o = put_utf8(o, cp);
    }
}

/* A number in JSON's grammar; its size is not checked (jansson's reader
 * takes a number too large for it as a string, the same document). */
static int number(scan *s)
{
    const unsigned char *p = s->p, *end = s->end;
    if (p < end && *p == '-')
        p++;
    if (p < end && *p == '0')
        p++;
    else if (p < end && *p >= '1' && *p <= '9')
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    else
        return 0;
    if (p < end && *p == '.') {
        p++;
        if (p >= end || *p < '0' || *p > '9')
            return 0;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        if (p < end && (*p == '+' || *p == '-'))
            p++;
        if (p >= end || *p < '0' || *p > '9')
            return 0;
        while (p < end && *p >= '0' && *p <= '9')
            p++;
    }
    /* "1x" or "12true" is jansson's to reject */
    if (p < end && !(*p == ',' || *p == '}' || *p == ']' || *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        return 0;
    s->p = p;
    return 1;
}

static int literal(scan *s, const char *word, size_t n)
{
    if ((size_t)(s->end - s->p) < n || memcmp(s->p, word, n) != 0)
        return 0;
    s->p += n;
    return 1;
}

/* Decodes a wanted string value into a new buffer, replacing what an
 * earlier member of the same name gave (jansson keeps the last). One pass:
 * the rest of the line bounds the decoded length (escapes never grow), and
 * the buffer is cut to size after. */
static int take_string(scan *s, char **dst, size_t *dst_len)
{
    char *buf = malloc((size_t)(s->end - s->p) + 1);
    if (!buf)
        return -1;
    size_t n = 0;
    if (!string(s, (unsigned char *)buf, &n)) {
        free(buf);
        return 0;
    }
    buf[n] = '\0';
    char *fit = realloc(buf, n + 1);
    free(*dst);
    *dst = fit ? fit : buf;
    *dst_len = n;
    return 1;
}

int qjson_doc_fast(const char *line, size_t len, const char *id_field, const char *text_field, qjson_doc *out)
{
    scan s = {(const unsigned char *)line, (const unsigned char *)line + len};
    size_t id_field_len = strlen(id_field), text_field_len = strlen(text_field);
    memset(out, 0, sizeof *out);
    int rc = QJSON_FALLBACK;
    skip_ws(&s);
    if (s.p >= s.end || *s.p != '{')
        goto done;
    s.p++;
    skip_ws(&s);
    if (s.p < s.end && *s.p == '}') {
        s.p++;
    } else {
        for (;;) {
            skip_ws(&s);
            if (s.p >= s.end || *s.p != '"')
                goto done;
            /* keys are compared raw: one with an escape is jansson's */
            const unsigned char *key = s.p + 1;
            if (!string(&s, NULL, NULL))
                goto done;
            size_t key_len = (size_t)(s.p - 1 - key);
            if (memchr(key, '\\', key_len))
                goto done;
            int is_id = key_len == id_field_len && memcmp(key, id_field, key_len) == 0;
            int is_text = key_len == text_field_len && memcmp(key, text_field, key_len) == 0;
            skip_ws(&s);
            if (s.p >= s.end || *s.p != ':')
                goto done;
            s.p++;
            skip_ws(&s);
            if (s.p >= s.end)
                goto done;
            unsigned c = *s.p;
            int ok;
            if (c == '"') {
                if (is_id)
                    ok = take_string(&s, &out->id, &out->id_len);
                else if (is_text)
                    ok = take_string(&s, &out->text, &out->text_len);
                else
                    ok = string(&s, NULL, NULL);
                if (ok < 0) {
                    rc = QJSON_NOMEM;
                    goto done;
                }
            } else if (is_id || is_text) {
                goto done; /* a number, a literal or worse where a string belongs: jansson's */
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                ok = number(&s);
            } else if (c == 't') {
                ok = literal(&s, "true", 4);
            } else if (c == 'f') {
                ok = literal(&s, "false", 5);
            } else if (c == 'n') {
                ok = literal(&s, "null", 4);
            } else {
                goto done; /* arrays and objects: jansson's */
            }
            if (!ok)
                goto done;
            skip_ws(&s);
            if (s.p < s.end && *s.p == ',') {
                s.p++;
                continue;
            }
            if (s.p < s.end && *s.p == '}') {
                s.p++;
                break;
            }
            goto done;
        }
    }
    skip_ws(&s);
    if (s.p != s.end)
        goto done;
    /* an id with a NUL gets jansson's path and its error record */
    if (out->id && memchr(out->id, '\0', out->id_len))
        goto done;
    return QJSON_OK;
done:
    free(out->id);
    free(out->text);
    memset(out, 0, sizeof *out);
    return rc;
}
