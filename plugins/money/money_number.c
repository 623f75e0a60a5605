/* money_number.c -- numbers for the money plugin: digits ("2.4", "1,000",
 * "12,34,567.89"), English number words ("two", "forty-five", "a",
 * "half a", "one and a half", "three quarters"), and scale words glued or
 * spaced after them ("1.5bn", "$80M", "2.4 billion", "35 lakh").
 *
 * Values are computed exactly where possible: digits with a power-of-ten
 * scale go through strtod("2.4e9"), so 2.4 billion is 2400000000 exactly.
 */
#include <stdio.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "money.h"

int mny_is_word_byte(unsigned char ch)
{
    return (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch >= 0x80;
}

/* Only letters count here; a non-ASCII byte counts as a letter unless it is
 * part of a space or a punctuation sign we know (quotes, dashes, symbols). */
static int utf8_prev_is_letter(const char *t, size_t p)
{
    if (p == 0)
        return 0;
    unsigned char ch = (unsigned char)t[p - 1];
    if (ch < 0x80)
        return mny_is_word_byte(ch);
    size_t s = p - 1;
    while (s > 0 && ((unsigned char)t[s] & 0xC0) == 0x80 && p - s < 4)
        s--;
    unsigned char b0 = (unsigned char)t[s];
    /* U+00A0..U+00BF (NBSP, £, ¥, «, », ...), U+2000..U+20CF (spaces, quotes, dashes, currency signs) */
    if (b0 == 0xC2)
        return 0;
    if (b0 == 0xE2 && ((unsigned char)t[s + 1] == 0x80 || (unsigned char)t[s + 1] == 0x81 ||
                       (unsigned char)t[s + 1] == 0x82))
        return 0;
    return 1;
}

int mny_letter_before(const char *t, size_t p) { return utf8_prev_is_letter(t, p); }

/* Whether a paragraph starts at p (binary search over the document's paragraphs). */
static int paragraph_starts(const mny_ctx *c, size_t p)
{
    size_t lo = 0, hi = c->n_paras;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->paras[mid].start < p)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < c->n_paras && c->paras[lo].start == p;
}

size_t mny_skip_space(const mny_ctx *c, size_t p)
{
    const char *t = c->text;
    size_t len = c->len;
    int lines = 0;
    for (;;) {
        if (p < len && (t[p] == ' ' || t[p] == '\t')) {
            p++;
        } else if (p < len && (t[p] == '\n' || t[p] == '\r') && lines == 0) {
            size_t q = p + (t[p] == '\r' && p + 1 < len && t[p + 1] == '\n' ? 2 : 1);
            size_t r = q;
            while (r < len && (t[r] == ' ' || t[r] == '\t'))
                r++;
            if (r >= len || t[r] == '\n' || t[r] == '\r' || paragraph_starts(c, r) || paragraph_starts(c, q))
                return p;
            lines = 1;
            p = q;
        } else if (p + 1 < len && (unsigned char)t[p] == 0xC2 && (unsigned char)t[p + 1] == 0xA0) {
            p += 2; /* no-break space */
        } else if (p + 2 < len && (unsigned char)t[p] == 0xE2 && (unsigned char)t[p + 1] == 0x80 &&
                   ((unsigned char)t[p + 2] >= 0x80 && (unsigned char)t[p + 2] <= 0x8A)) {
            p += 3; /* U+2000..U+200A: en/em/thin/hair spaces */
        } else if (p + 2 < len && (unsigned char)t[p] == 0xE2 && (unsigned char)t[p + 1] == 0x80 &&
                   (unsigned char)t[p + 2] == 0xAF) {
            p += 3; /* U+202F narrow no-break space */
        } else {
            return p;
        }
    }
}

int mny_word_is(const char *t, size_t len, size_t p, const char *w, size_t *end)
{
    size_t n = strlen(w);
    if (p + n > len || strncasecmp(t + p, w, n) != 0)
        return 0;
    if (p + n < len && mny_is_word_byte((unsigned char)t[p + n]))
        return 0;
    if (end)
        *end = p + n;
    return 1;
}

/* ---- number words ---- */

enum wkind { W_NONE, W_UNIT, W_TEEN, W_TENS, W_HUNDRED, W_THOUSAND, W_ARTICLE, W_HALF, W_QUARTER, W_AND };


/* The ASCII-letter word at p: its end, or p when none. */
static size_t word_end(const char *t, size_t len, size_t p)
{
    size_t e = p;
    while (e < len && ((t[e] >= 'a' && t[e] <= 'z') || (t[e] >= 'A' && t[e] <= 'Z')))
        e++;
    if (e < len && mny_is_word_byte((unsigned char)t[e]))
        return p; /* glued to digits or other letters: not a plain word */
    return e;
}

/* Number words, looked up by length and then letters: classify() runs on
 * almost every word of a document. */
typedef struct numword {
    const char *w;
    size_t len;
    int kind, val;
} numword;

static const numword numwords[] = {
    {"zero", 4, W_UNIT, 0},        {"one", 3, W_UNIT, 1},          {"two", 3, W_UNIT, 2},
    {"three", 5, W_UNIT, 3},       {"four", 4, W_UNIT, 4},         {"five", 4, W_UNIT, 5},
    {"six", 3, W_UNIT, 6},         {"seven", 5, W_UNIT, 7},        {"eight", 5, W_UNIT, 8},
    {"nine", 4, W_UNIT, 9},        {"ten", 3, W_TEEN, 10},         {"eleven", 6, W_TEEN, 11},
    {"twelve", 6, W_TEEN, 12},     {"thirteen", 8, W_TEEN, 13},    {"fourteen", 8, W_TEEN, 14},
    {"fifteen", 7, W_TEEN, 15},    {"sixteen", 7, W_TEEN, 16},     {"seventeen", 9, W_TEEN, 17},
    {"eighteen", 8, W_TEEN, 18},   {"nineteen", 8, W_TEEN, 19},    {"twenty", 6, W_TENS, 20},
    {"thirty", 6, W_TENS, 30},     {"forty", 5, W_TENS, 40},       {"fifty", 5, W_TENS, 50},
    {"sixty", 5, W_TENS, 60},      {"seventy", 7, W_TENS, 70},     {"eighty", 6, W_TENS, 80},
    {"ninety", 6, W_TENS, 90},     {"hundred", 7, W_HUNDRED, 0},   {"thousand", 8, W_THOUSAND, 0},
    {"a", 1, W_ARTICLE, 0},        {"an", 2, W_ARTICLE, 0},        {"half", 4, W_HALF, 0},
    {"quarter", 7, W_QUARTER, 0},  {"quarters", 8, W_QUARTER, 0},  {"and", 3, W_AND, 0},
};

/* classify() runs on almost every word of a document: the number words
 * sit in a small hash table by first letter, last letter and length, built
 * once, so a word that is none of them costs one probe. */
#define NW_SLOTS 256
static unsigned char nw_slot[NW_SLOTS]; /* index + 1 into numwords, 0 empty */
static pthread_once_t nw_once = PTHREAD_ONCE_INIT;

static unsigned nw_hash(const char *low, size_t n) { return ((unsigned)low[0] * 31u + (unsigned)low[n - 1] * 7u + (unsigned)n) % NW_SLOTS; }

static void nw_build(void)
{
    for (size_t k = 0; k < sizeof numwords / sizeof *numwords; k++) {
        unsigned h = nw_hash(numwords[k].w, numwords[k].len);
        while (nw_slot[h])
            h = (h + 1) % NW_SLOTS;
        nw_slot[h] = (unsigned char)(k + 1);
    }
}

/* t[p..e) is ASCII letters (word_end); the table is lower case. */
static int classify(const char *t, size_t p, size_t e, int *val)
{
    size_t n = e - p;
    *val = 0;
    if (n == 0 || n > 9)
        return W_NONE;
    char low[9];
    for (size_t i = 0; i < n; i++)
        low[i] = (char)(t[p + i] | 0x20);
    pthread_once(&nw_once, nw_build);
    for (unsigned h = nw_hash(low, n); nw_slot[h]; h = (h + 1) % NW_SLOTS) {
        const numword *w = &numwords[nw_slot[h] - 1];
        if (w->len == n && memcmp(w->w, low, n) == 0) {
            *val = w->val;
            return w->kind;
        }
    }
    return W_NONE;
}

int mny_starts_number_words(const mny_ctx *c, size_t p)
{
    size_t e = word_end(c->text, c->len, p);
    int v, k = e > p ? classify(c->text, p, e, &v) : W_NONE;
    /* the kinds mny_words_at accepts as a first word */
    return k == W_UNIT || k == W_TEEN || k == W_TENS || k == W_ARTICLE || k == W_HALF || k == W_QUARTER;
}

/* The separator after a number word: spaces, or one hyphen (spaces around it allowed). */
static size_t after_sep(const mny_ctx *c, size_t p, int *ok)
{
    const char *t = c->text;
    size_t q = mny_skip_space(c, p);
    if (q < c->len && t[q] == '-') {
        *ok = 1;
        return mny_skip_space(c, q + 1);
    }
    *ok = q > p;
    return q;
}

int mny_words_at(const mny_ctx *c, size_t p, double *value, size_t *end, int *integer, int *bare_article)
{
    const char *t = c->text;
    size_t len = c->len;
    double total = 0, group = 0, frac = 0;
    int last = W_NONE, before_and = W_NONE, any = 0, article_only = 0;
    size_t good_end = p, q = p;
    double good_value = 0;
    int good_int = 1, good_article = 0;
    for (int guard = 0; guard < 24; guard++) {
        size_t e = word_end(t, len, q);
        if (e == q)
            break;
        int v, k = classify(t, q, e, &v);
        int ok = 0;
        switch (k) {
        case W_UNIT:
            ok = (last == W_NONE || last == W_HUNDRED || last == W_THOUSAND ||
                  (last == W_AND && (before_and == W_HUNDRED || before_and == W_THOUSAND)) ||
                  (last == W_TENS && ((long)group % 10) == 0)) &&
                 !(v == 0 && last != W_NONE);
            if (ok)
                group += v;
            break;
        case W_TEEN:
        case W_TENS:
            ok = last == W_NONE || last == W_HUNDRED || last == W_THOUSAND ||
                 (last == W_AND && (before_and == W_HUNDRED || before_and == W_THOUSAND));
            if (ok)
                group += v;
            break;
        case W_HUNDRED:
            ok = (last == W_UNIT || last == W_TEEN || last == W_TENS || last == W_ARTICLE) && group > 0 &&
                 group < 100;
            if (ok)
                group *= 100;
            break;
        case W_THOUSAND:
            ok = (last == W_UNIT || last == W_TEEN || last == W_TENS || last == W_HUNDRED || last == W_ARTICLE) &&
                 group > 0 && total == 0;
            if (ok) {
                total = group * 1000;
                group = 0;
            }
            break;
        case W_ARTICLE:
            /* "a hundred", "a million" (caller checks), "half a million", "one and a half" */
            ok = last == W_NONE || last == W_HALF || last == W_AND;
            if (ok && last == W_NONE)
                group = 1;
            break;
        case W_HALF:
            if (last == W_NONE) {
                ok = 1;
                frac = 0.5;
            } else if (last == W_ARTICLE && any >= 3) {
                ok = 1; /* "one and a half" */
                frac = 0.5;
            } else if (last == W_ARTICLE && group == 1 && any == 1) {
                ok = 1; /* "a half" */
                group = 0;
                frac = 0.5;
            }
            break;
        case W_QUARTER:
            if (last == W_NONE || (last == W_ARTICLE && any == 1)) {
                ok = 1;
                group = 0;
                frac = 0.25;
            } else if (last == W_UNIT && group > 0 && group < 4 && total == 0 && frac == 0) {
                ok = 1; /* "three quarters" */
                frac = group * 0.25;
                group = 0;
            }
            break;
        case W_AND:
            ok = last == W_HUNDRED || last == W_THOUSAND || last == W_UNIT || last == W_TEEN || last == W_TENS;
            break;
        default:
            ok = 0;
        }
        if (!ok)
            break;
        /* "a" after "half" or "and" is part of the phrase but adds nothing */
        any++;
        if (k == W_AND)
            before_and = last;
        last = k;
        article_only = (k == W_ARTICLE && any == 1);
        if (k != W_AND && !(k == W_ARTICLE && any > 1)) {
            good_end = e;
            good_value = total + group + frac;
            good_int = frac == 0;
            good_article = article_only;
        } else if (k == W_ARTICLE && any > 1 && frac > 0) {
            /* "half a": the article belongs to what follows */
            good_end = e;
        }
        int sep_ok;
        size_t nq = after_sep(c, e, &sep_ok);
        if (!sep_ok)
            break;
        q = nq;
    }
    if (good_end == p)
        return 0;
    /* "one and" without "a half": and was not consumed as good */
    *value = good_value;
    *end = good_end;
    *integer = good_int;
    *bare_article = good_article;
    return good_value > 0 || good_article;
}

/* ---- scales ---- */

int mny_scale_at(mny_ctx *c, size_t p, int glued, int plural, size_t *end)
{
    long mark;
    long e = mny_re_at(c, &c->lx->re_scale, p, &mark);
    if (e < 0 || mark < 0 || (size_t)mark >= c->lx->n_scale)
        return -1;
    const mny_scale *s = &c->lx->scale[mark];
    if ((s->flags & MNY_SC_ATTACH) && !glued)
        return -1;
    if (((s->flags & MNY_SC_PLURAL) != 0) != (plural != 0))
        return -1;
    /* the scale word must end the word: "5 millionaires" is no scale */
    if ((size_t)e < c->len && mny_is_word_byte((unsigned char)c->text[e]) &&
        !((unsigned char)c->text[e] >= 0x80))
        return -1;
    *end = (size_t)e;
    return (int)mark;
}

/* ---- quantities ---- */

/* Power of ten exponent of m, or 99 when m is not one (no libm needed). */
static int pow10_of(double m)
{
    static const double p[] = {1e-12, 1e-11, 1e-10, 1e-9, 1e-8, 1e-7, 1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1, 1e0, 1e1,
                               1e2,   1e3,   1e4,   1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15};
    for (int k = 0; k < (int)(sizeof p / sizeof *p); k++)
        if (m == p[k])
            return k - 12;
    return 99;
}

double mny_qty_value(const mny_qty *q, double factor)
{
    double m = q->mult * factor;
    int k = pow10_of(m);
    if (q->digits[0] && k != 99) {
        char buf[96];
        snprintf(buf, sizeof buf, "%se%d", q->digits, k);
        return strtod(buf, NULL);
    }
    return q->value * m;
}

int mny_qty_at(mny_ctx *c, size_t p, int allow_words, mny_qty *q)
{
    memset(q, 0, sizeof *q);
    q->start = p;
    q->scale = -1;
    q->mult = 1;
    long e = mny_re_at(c, &c->lx->re_num, p, NULL);
    if (e > 0) {
        size_t n = 0;
        for (size_t i = p; i < (size_t)e && n + 1 < sizeof q->digits; i++)
            if (c->text[i] != ',')
                q->digits[n++] = c->text[i];
        q->digits[n] = '\0';
        if ((size_t)e - p >= sizeof q->digits - 1)
            return 0; /* absurdly long digit run */
        if (q->digits[0] == '0' && q->digits[1] >= '0' && q->digits[1] <= '9')
            return 0; /* "070932": a code or a time, not an amount */
        q->value = strtod(q->digits, NULL);
        q->integer = strchr(q->digits, '.') == NULL;
        q->year_like = n == 4 && q->integer && q->value >= 1800 && q->value <= 2100 &&
                       memchr(c->text + p, ',', (size_t)e - p) == NULL;
        q->end = (size_t)e;
    } else if (allow_words) {
        double v;
        size_t we;
        int integer, article;
        if (!mny_words_at(c, p, &v, &we, &integer, &article))
            return 0;
        q->value = article ? 1 : v;
        q->words = 1;
        q->integer = integer;
        q->bare_article = article;
        q->end = we;
    } else {
        return 0;
    }
    /* scale: glued ("1.5bn", "$80M"), spaced ("2.4 billion") or hyphenated ("$1.5-billion") */
    size_t se, s = q->end;
    int glued = 1;
    int sc = mny_scale_at(c, s, 1, 0, &se);
    if (sc < 0) {
        size_t s2 = mny_skip_space(c, s);
        if (s2 < c->len && c->text[s2] == '-')
            s2 = mny_skip_space(c, s2 + 1);
        if (s2 > s) {
            glued = 0;
            sc = mny_scale_at(c, s2, 0, 0, &se);
        }
    }
    (void)glued;
    if (sc >= 0) {
        q->scale = sc;
        q->mult = c->lx->scale[sc].mult;
        q->end = se;
        q->bare_article = 0;
        /* "a thousand" after number words already holding thousand: keep simple */
    }
    if (q->bare_article && q->scale < 0)
        return 0; /* "a" alone is no number */
    return 1;
}
