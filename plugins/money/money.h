/* money.h -- internal interfaces of the money plugin.
 *
 * money.c           descriptor, options, create/destroy/process, emitting
 * money_currency.c  currency, scale and qualifier tables, read through the
 *                   core's table service
 * money_patterns.c  the PCRE2 patterns built from those tables
 * money_regex.c     compiled alternations split by their first byte
 * money_number.c    numbers in digits and in words, scale words
 * money_match.c     the amount grammar: symbol/code/word before or after a
 *                   number, ranges, composites, vague amounts, qualifiers
 */
#ifndef QUARRY_MONEY_H
#define QUARRY_MONEY_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>

#include "quarry/plugin.h"
#include "../shared/lazy_jit.h"

/* Currency form flags (column 4 of currencies.tsv, plus placement). */
#define MNY_PRE 0x001u   /* may stand before the number: "$5", "USD 5" */
#define MNY_POST 0x002u  /* may stand after the number: "5 euros", "5 €" */
#define MNY_SYM 0x004u   /* a symbol ("$", "€", "HK$") */
#define MNY_CODE 0x008u  /* an ISO-style code ("USD") */
#define MNY_WORD 0x010u  /* a word or phrase ("euros", "U.S. dollars") */
#define MNY_CS 0x020u    /* matched with its exact case */
#define MNY_WEAK 0x040u  /* also a common non-money word ("pounds" of weight) */
#define MNY_DOLLAR 0x080u /* currency is the default_dollar option ("$", "dollars") */

typedef struct mny_currency {
    char *form;     /* as written in the table */
    char iso[4];    /* ISO 4217 code; "" while MNY_DOLLAR is unresolved */
    double factor;  /* value of one unit in units of iso: 0.01 for "cents" */
    unsigned flags; /* MNY_* */
} mny_currency;

/* Scale word flags (column 3 of scales.tsv). */
#define MNY_SC_CS 0x1u     /* exact case ("MM") */
#define MNY_SC_ATTACH 0x2u /* only glued to the number ("5m", "$2bn" also spaced) */
#define MNY_SC_PLURAL 0x4u /* only in vague amounts ("billions of dollars") */

typedef struct mny_scale {
    char *form;
    double mult; /* 1e6 for "million" */
    unsigned flags;
} mny_scale;

/* Qualifier phrase kinds (column 2 of qualifiers.tsv). */
#define MNY_Q_APPROX 1 /* "nearly", "more than": before an amount, outside its span */
#define MNY_Q_VAGUE 2  /* "tens of", "several": part of an amount with no exact value */

typedef struct mny_phrase {
    char *text;
    int kind;
} mny_phrase;

/* A compiled pattern, JIT-compiled on first use (plugins/shared/lazy_jit.h). */
typedef qp_lazy_jit mny_rx;

/* One distinct subset of an alternation's alternatives, compiled the first
 * time a match needs it (most documents meet few of the bytes). */
typedef struct mny_subset {
    char *source;           /* head, the subset's alternatives, tail */
    _Atomic(mny_rx *) rx;   /* NULL until first needed; then set once */
} mny_subset;

enum { MNY_AT_NONE = 0, MNY_AT_FULL = 1 }; /* mny_re.at: else 2 + a subset's index */

/* The first three (ASCII, lower-cased) bytes a match may start with, as
 * far as the alternatives' literal starts tell: most words of a text start
 * no currency form, and this answers for them without running PCRE2. */
typedef struct mny_starts {
    uint8_t any1[128];     /* a match may start with this byte, whatever follows */
    uint64_t any2[256];    /* ... with this pair (16-bit hash), whatever follows */
    uint64_t three[1024];  /* ... with these three bytes (16-bit hash) */
} mny_starts;

/* An anchored alternation, also compiled per distinct subset of the
 * alternatives that may start with a given byte (money_regex.c). */
typedef struct mny_re {
    mny_rx *full;     /* every alternative: compiled in create(); used at the end of the text */
    uint16_t at[256]; /* by the byte at the start: MNY_AT_NONE when none can start with it */
    mny_subset *subs; /* the distinct proper subsets */
    size_t n_subs;
    uint32_t opts;
    mny_starts *starts; /* NULL when the alternatives' starts are not known */
} mny_re;

/* Everything loaded and compiled in create(); read-only afterwards. */
typedef struct mny_lexicon {
    mny_currency *cur;
    size_t n_cur, cap_cur;
    mny_scale *scale;
    size_t n_scale, cap_scale;
    mny_phrase *phrase;
    size_t n_phrase, cap_phrase;

    mny_re re_cur;         /* every currency form, each ending in (*MARK:index) */
    mny_re re_scale;       /* every scale word, each ending in (*MARK:index) */
    mny_re re_num;         /* a number in digits: 1,000 | 12,34,567.89 | 2.4 */
    mny_rx *re_approx;     /* an approximation qualifier right before the end of the subject */
    mny_re re_vague;       /* a vague quantity phrase, anchored ("tens of", "several") */
    pcre2_match_context *mctx;
} mny_lexicon;

/* ---- money_currency.c ---- */
/* What the tables are read through: the core's quarry.table/1 service. */
typedef struct mny_reader {
    const qry_host *host;
    const qry_table_service *table;
} mny_reader;

void mny_lexicon_init(mny_lexicon *lx);
void mny_lexicon_free(mny_lexicon *lx);
/* Read one table by name (an option value, resolved like every data file).
 * Every bad line and row is reported through the table service as
 * FILE:LINE and skipped; then the result is QRY_ERR_CONFIG (also for a
 * file that cannot be read), else QRY_OK, or QRY_ERR_NOMEM. Currency
 * tables are read in order: a later one replaces the forms of an earlier
 * one, and the ISO code "-" removes a form. */
int mny_load_currencies(mny_lexicon *lx, const mny_reader *rd, const char *name);
int mny_load_scales(mny_lexicon *lx, const mny_reader *rd, const char *name);
int mny_load_phrases(mny_lexicon *lx, const mny_reader *rd, const char *name);
/* s is an ISO 4217-shaped code: three capital letters. */
int mny_valid_iso(const char *s);

/* ---- money_patterns.c ---- */
/* Resolve MNY_DOLLAR forms to `dollar_iso` and compile every pattern. */
int mny_lexicon_compile(mny_lexicon *lx, const char *dollar_iso, char *err, size_t errsz);

/* ---- matching helpers shared by money_number.c and money_match.c ---- */
typedef struct mny_ctx {
    const mny_lexicon *lx;
    const char *text;
    size_t len;
    pcre2_match_data *md;
    const qry_span *paras; /* the document's paragraphs, for line breaks inside an amount */
    size_t n_paras;
    int limit_hit; /* a PCRE2 match or depth limit was reached */
} mny_ctx;

/* ---- money_regex.c ---- */
/* A growing NUL-terminated string for building patterns; oom is sticky
 * (later appends do nothing), so callers check it once at the end. */
typedef struct mny_sbuf {
    char *s;
    size_t n, cap;
    int oom;
} mny_sbuf;
void mny_sb_add(mny_sbuf *b, const char *s, size_t n);
void mny_sb_str(mny_sbuf *b, const char *s);
/* Wrap a compiled pattern (taken over: freed here when out of memory). */
mny_rx *mny_rx_new(pcre2_code *code);
void mny_rx_free(mny_rx *rx);
/* Compile with UTF and UCP (JIT comes at first use); NULL with err filled on a bad pattern. */
pcre2_code *mny_compile(const char *pattern, uint32_t opts, const char *what, char *err, size_t errsz);
/* Compile head items[i]|items[j]|... tail over the items whose take[i] is
 * set (every item when take is NULL; "(*FAIL)" when none). NULL with err
 * filled, or with *oom set when out of memory. */
pcre2_code *mny_compile_alternation(const char *head, const char *const *items, size_t n, const unsigned char *take,
                                    const char *tail, uint32_t opts, const char *what, char *err, size_t errsz,
                                    int *oom);
/* head items[0]|items[1]|... tail, plus its per-first-byte subsets;
 * lits (or NULL) gives, per item, the ASCII text (0 to 3 characters, either
 * case of a letter matching) every match of it starts with, or "" where
 * the item must be compiled alone to tell its first bytes -- which also
 * reports an item that does not compile, so a non-empty lits[i] is only
 * for items known to be well formed;
 * item_head ("(?i)") is what of head applies to each item alone; hint
 * (or NULL) lists the ASCII bytes an item may start with when PCRE2 cannot
 * tell ("0123456789." for \d under UCP). */
int mny_re_build(mny_re *re, const char *head, const char *const *items, size_t n, const char *tail,
                 const char *const *lits, const char *item_head, const char *hint, uint32_t opts,
                 const char *what, char *err, size_t errsz);
void mny_re_free(mny_re *re);
/* Anchored match of `re` at `pos`. Returns the end offset, or -1 with no
 * match. *mark (when mark != NULL) receives the (*MARK) index or -1. */
long mny_re_at(mny_ctx *c, const mny_re *re, size_t pos, long *mark);

/* ---- money_number.c ---- */
typedef struct mny_qty {
    size_t start, end;
    double value;      /* before scaling */
    double mult;       /* scale multiplier, 1 when none */
    int scale;         /* index of the scale word, -1 when none */
    int words;         /* written in words ("two", "a", "forty-five") */
    int bare_article;  /* just "a"/"an": needs a scale after it */
    int integer;       /* no decimals, no fraction */
    int year_like;     /* four digits 1800..2100 without separators */
    char digits[64];   /* the number with separators removed ("2400.5"), "" for words */
} mny_qty;

/* Skip horizontal white space, and a line break that does not start a new
 * paragraph (hard-wrapped text: "1.4\nbillion dollars"). */
size_t mny_skip_space(const mny_ctx *c, size_t p);
int mny_is_word_byte(unsigned char ch);     /* ASCII letter/digit or any non-ASCII byte */
int mny_letter_before(const char *t, size_t p); /* a letter or digit ends right before p */
/* A number in digits or words at p, with an optional scale word. */
int mny_qty_at(mny_ctx *c, size_t p, int allow_words, mny_qty *q);
/* The scale word at p (spaced or glued), or -1. *end receives its end. */
int mny_scale_at(mny_ctx *c, size_t p, int glued, int plural, size_t *end);
/* q's value times its scale (and factor), exact for powers of ten. */
double mny_qty_value(const mny_qty *q, double factor);
/* Number words at p ("two hundred", "forty-five", "a", "half a",
 * "one and a half"): returns 1 and fills value/end/flags. */
/* Whether the word at p can open a number in words ("two", "a", "half"):
 * the one test mny_words_at fails on for nearly every word, done first. */
int mny_starts_number_words(const mny_ctx *c, size_t p);
int mny_words_at(const mny_ctx *c, size_t p, double *value, size_t *end, int *integer, int *bare_article);
/* ASCII case-insensitive: the word at p equals w and ends there. */
int mny_word_is(const char *t, size_t len, size_t p, const char *w, size_t *end);

/* ---- money_match.c ---- */
typedef struct mny_amount {
    size_t start, end;
    double value, min, max;
    int has_value, is_range;
    char iso[4];
    char approx[64]; /* lower-case qualifier or vague phrase, "" when none */
} mny_amount;

typedef struct mny_amounts {
    mny_amount *v;
    size_t n, cap;
} mny_amounts;

/* Find every amount of the document, in text order, without overlaps.
 * Returns QRY_OK or QRY_ERR_NOMEM; c->limit_hit tells of a match limit. */
int mny_find(mny_ctx *c, const qry_doc_view *doc, int vague, mny_amounts *out);

#endif
