/* phrases.c -- multi-word phrases from the data files, matched against a
 * document's tokens. A phrase is split the way the segmenter splits text
 * ("didn't" is "didn" "'" "t"), each piece folded like a token, so one
 * comparison per token decides; a hash on the first piece keeps the lookup
 * at one probe per token. */
#include <stdlib.h>
#include <string.h>

#include "transfers.h"

#define MAX_PHRASE_TOKENS 16

typedef struct phrase {
    uint32_t first; /* index of its first key in koff */
    uint16_t n;     /* tokens */
    uint16_t caps;  /* bit i: token i must be capitalised */
    int32_t payload;
} phrase;

struct tr_phrases {
    phrase *ph;
    size_t n, cap;
    uint32_t *koff; /* offsets of keys in pool */
    size_t nk, capk;
    char *pool;
    size_t pool_len, pool_cap;
    int32_t *buckets; /* first phrase of each chain, -1 when empty */
    size_t nb;        /* a power of two */
    int32_t *next;    /* per phrase: the next in its chain */
};

size_t tr_fold(const qry_text_service *text, const char *s, size_t len, char *out, size_t outsz)
{
    int ascii = 1;
    for (size_t i = 0; i < len && ascii; i++)
        ascii = (unsigned char)s[i] < 0x80;
    if (text && !ascii) /* ASCII folds to its lower case under QRY_FOLD_KEY: most words need no utf8proc */
        return text->fold(s, len, QRY_FOLD_KEY, out, outsz);
    for (size_t i = 0; i < len && i + 1 < outsz; i++) /* also a 1.0 core's fallback: ASCII case only */
        out[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] - 'A' + 'a') : s[i];
    if (outsz)
        out[len < outsz ? len : outsz - 1] = '\0';
    return len;
}

static uint32_t hash_str(const char *s)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

tr_phrases *tr_phrases_new(void)
{
    tr_phrases *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->nb = 256;
    p->buckets = malloc(p->nb * sizeof *p->buckets);
    if (!p->buckets) {
        free(p);
        return NULL;
    }
    for (size_t i = 0; i < p->nb; i++)
        p->buckets[i] = -1;
    return p;
}

void tr_phrases_free(tr_phrases *p)
{
    if (!p)
        return;
    free(p->ph);
    free(p->koff);
    free(p->pool);
    free(p->buckets);
    free(p->next);
    free(p);
}

static const char *key_of(const tr_phrases *p, uint32_t k) { return p->pool + p->koff[k]; }

static int grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*ptr, c * elem);
    if (!q)
        return -1;
    *ptr = q;
    *cap = c;
    return 0;
}

static int rehash(tr_phrases *p)
{
    size_t nb = p->nb * 2;
    int32_t *b = malloc(nb * sizeof *b);
    if (!b)
        return -1;
    for (size_t i = 0; i < nb; i++)
        b[i] = -1;
    for (size_t i = 0; i < p->n; i++) {
        size_t h = hash_str(key_of(p, p->ph[i].first)) & (nb - 1);
        p->next[i] = b[h];
        b[h] = (int32_t)i;
    }
    free(p->buckets);
    p->buckets = b;
    p->nb = nb;
    return 0;
}

/* Class of the code point at s[*i] for splitting: 1 letter, 2 digit, 3 space, 4 other. */
static int piece_class(const qry_text_service *text, const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    if (c < 0x80 || !text) {
        (*i)++;
        if (c >= 0x80 || (unsigned)((c | 0x20) - 'a') < 26u)
            return 1;
        if ((unsigned)(c - '0') < 10u)
            return 2;
        return (c == ' ' || c == '\t') ? 3 : 4;
    }
    uint32_t cl = text->classify(text->decode(s, len, i));
    if (cl & QRY_CP_LETTER)
        return 1;
    if (cl & QRY_CP_DIGIT)
        return 2;
    return (cl & QRY_CP_SPACE) ? 3 : 4;
}

/* Split `s` into token pieces [starts[i], ends[i]); returns the count, or
 * MAX_PHRASE_TOKENS + 1 when there are too many. */
static size_t split(const qry_text_service *text, const char *s, size_t *starts, size_t *ends)
{
    size_t len = strlen(s), n = 0, i = 0;
    while (i < len) {
        size_t at = i;
        int c = piece_class(text, s, len, &i);
        if (c == 3)
            continue;
        if (n == MAX_PHRASE_TOKENS)
            return n + 1;
        starts[n] = at;
        if (c == 1 || c == 2) { /* a word runs over letters and digits; a number over digits */
            for (;;) {
                size_t j = i;
                if (j >= len)
                    break;
                int d = piece_class(text, s, len, &j);
                if (!(d == 2 || (d == 1 && c == 1)))
                    break;
                i = j;
            }
        }
        ends[n++] = i;
    }
    return n;
}

int tr_phrases_add(tr_phrases *p, const qry_text_service *text, const char *phrase_text, int keep_case,
                   int32_t payload, int32_t *earlier)
{
    size_t starts[MAX_PHRASE_TOKENS + 1], ends[MAX_PHRASE_TOKENS + 1];
    size_t n = split(text, phrase_text, starts, ends);
    if (n == 0 || n > MAX_PHRASE_TOKENS)
        return -2;
    size_t first_key = p->nk, pool_mark = p->pool_len;
    uint16_t caps = 0;
    for (size_t i = 0; i < n; i++) {
        const char *w = phrase_text + starts[i];
        size_t wl = ends[i] - starts[i];
        char tmp[256];
        size_t fl = tr_fold(text, w, wl, tmp, sizeof tmp);
        if (fl >= sizeof tmp)
            fl = sizeof tmp - 1;
        if (grow((void **)&p->pool, &p->pool_cap, p->pool_len + fl + 1, 1) ||
            grow((void **)&p->koff, &p->capk, p->nk + 1, sizeof *p->koff))
            return -1;
        memcpy(p->pool + p->pool_len, tmp, fl + 1);
        p->koff[p->nk++] = (uint32_t)p->pool_len;
        p->pool_len += fl + 1;
        if (keep_case)
            for (size_t j = 0; j < wl; j++)
                if (w[j] >= 'A' && w[j] <= 'Z') {
                    caps |= (uint16_t)(1u << i);
                    break;
                }
    }
    /* the same words already there? */
    size_t h = hash_str(key_of(p, (uint32_t)first_key)) & (p->nb - 1);
    for (int32_t q = p->buckets[h]; q >= 0; q = p->next[q]) {
        const phrase *o = &p->ph[q];
        if (o->n != n)
            continue;
        size_t i = 0;
        while (i < n && strcmp(key_of(p, o->first + (uint32_t)i), key_of(p, (uint32_t)(first_key + i))) == 0)
            i++;
        if (i == n) {
            p->nk = first_key; /* forget the keys just added */
            p->pool_len = pool_mark;
            if (earlier)
                *earlier = o->payload;
            return -3;
        }
    }
    if (grow((void **)&p->ph, &p->cap, p->n + 1, sizeof *p->ph))
        return -1;
    size_t ncap = p->cap;
    int32_t *nx = realloc(p->next, ncap * sizeof *nx);
    if (!nx)
        return -1;
    p->next = nx;
    p->ph[p->n] = (phrase){.first = (uint32_t)first_key, .n = (uint16_t)n, .caps = caps, .payload = payload};
    p->next[p->n] = p->buckets[h];
    p->buckets[h] = (int32_t)p->n;
    p->n++;
    if (p->n > p->nb && rehash(p))
        return -1;
    return 0;
}

size_t tr_phrases_match(const tr_phrases *p, const tr_tokens *t, size_t k, int32_t *payload)
{
    const qry_doc_view *doc = t->doc;
    if (!p || k >= doc->n_tokens || !t->keys[k])
        return 0;
    size_t best = 0;
    size_t h = hash_str(t->keys[k]) & (p->nb - 1);
    for (int32_t q = p->buckets[h]; q >= 0; q = p->next[q]) {
        const phrase *ph = &p->ph[q];
        if (ph->n <= best || k + ph->n > doc->n_tokens)
            continue;
        size_t i = 0;
        for (; i < ph->n; i++) {
            const char *key = t->keys[k + i];
            if (!key || strcmp(key, key_of(p, ph->first + (uint32_t)i)) != 0)
                break;
            if (i > 0 && doc->tokens[k + i].sentence != doc->tokens[k].sentence)
                break;
            if ((ph->caps >> i & 1u) && !(doc->tokens[k + i].flags & (QRY_TOK_CAP | QRY_TOK_UPPER)))
                break;
        }
        if (i == ph->n) {
            best = ph->n;
            *payload = ph->payload;
        }
    }
    return best;
}
