/* money_regex.c -- compiled alternations split by their first byte.
 *
 * The grammar tries the currency, scale and number patterns at nearly every
 * token, and an anchored JIT alternation of some 400 currency forms tries
 * each form in turn: most of the plugin's time went there. So every
 * alternation is also compiled once per distinct set of alternatives that
 * can start with a given byte ("t" keeps only the forms that may start with
 * t or T), and a byte no alternative can start with needs no match at all.
 *
 * The answer is the same as the full alternation's: an anchored match at p
 * can only come from an alternative that may start with the byte at p, and
 * the subset keeps the alternatives' order, so the first one that matches
 * (and its MARK) is the same. Which bytes may start an alternative is
 * PCRE2's own start-of-match analysis (the first code unit or the start
 * bitmap it uses to skip positions in unanchored searches), widened for
 * caseless letters; when PCRE2 has none (as for \d with UCP), the caller's
 * hint of ASCII start bytes plus every non-ASCII byte, or else every byte.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"

pcre2_code *mny_compile(const char *pattern, uint32_t opts, const char *what, char *err, size_t errsz)
{
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   opts | PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK, &ec, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, errsz, "%s pattern: %s at offset %zu", what, (const char *)msg, (size_t)off);
        return NULL;
    }
    return re;
}

mny_rx *mny_rx_new(pcre2_code *code)
{
    mny_rx *rx = malloc(sizeof *rx);
    if (!rx) {
        pcre2_code_free(code);
        return NULL;
    }
    qp_lazy_jit_init(rx, code);
    return rx;
}

void mny_rx_free(mny_rx *rx)
{
    if (!rx)
        return;
    qp_lazy_jit_fini(rx);
    free(rx);
}

void mny_re_free(mny_re *re)
{
    mny_rx_free(re->full);
    for (size_t i = 0; i < re->n_subs; i++) {
        free(re->subs[i].source);
        mny_rx_free(atomic_load(&re->subs[i].rx));
    }
    free(re->subs);
    free(re->starts);
    memset(re, 0, sizeof *re);
}

typedef struct byteset {
    unsigned char bit[32];
} byteset;

static void bs_set(byteset *s, unsigned b) { s->bit[b >> 3] |= (unsigned char)(1u << (b & 7)); }
static int bs_has(const byteset *s, unsigned b) { return (s->bit[b >> 3] >> (b & 7)) & 1; }
static void bs_set_high(byteset *s)
{
    for (unsigned b = 0x80; b < 256; b++)
        bs_set(s, b);
}

/* The bytes a match of `pattern` may start with. Returns QRY_OK, or an
 * error when the alternative alone does not compile (then the full pattern
 * would not either). */
static int first_bytes(const char *pattern, uint32_t opts, const char *hint, byteset *s, const char *what,
                       char *err, size_t errsz)
{
    memset(s, 0, sizeof *s);
    int ec;
    PCRE2_SIZE off;
    pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                   (opts & ~(uint32_t)PCRE2_ANCHORED) | PCRE2_UTF | PCRE2_UCP | PCRE2_NO_UTF_CHECK,
                                   &ec, &off, NULL);
    if (!re) {
        PCRE2_UCHAR msg[256];
        pcre2_get_error_message(ec, msg, sizeof msg);
        snprintf(err, errsz, "%s pattern: %s at offset %zu", what, (const char *)msg, (size_t)off);
        return QRY_ERR_CONFIG;
    }
    uint32_t type = 0, unit = 0;
    const uint8_t *bitmap = NULL;
    (void)pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODETYPE, &type);
    if (type == 1) {
        (void)pcre2_pattern_info(re, PCRE2_INFO_FIRSTCODEUNIT, &unit);
        unit &= 0xFF;
        bs_set(s, unit);
        /* PCRE2 does not say whether the unit is caseless: take both cases,
         * and any non-ASCII lead byte for letters with non-ASCII partners
         * (K: KELVIN SIGN, S: LONG S) or a non-ASCII first character */
        unsigned lower = unit | 0x20;
        if (lower >= 'a' && lower <= 'z') {
            bs_set(s, lower);
            bs_set(s, lower - 32);
        }
        if (lower == 'k' || lower == 's' || unit >= 0x80)
            bs_set_high(s);
    } else if (type == 0 && pcre2_pattern_info(re, PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0 && bitmap) {
        memcpy(s->bit, bitmap, sizeof s->bit);
    } else if (hint) {
        for (const char *h = hint; *h; h++)
            bs_set(s, (unsigned char)*h);
        bs_set_high(s);
    } else {
        memset(s->bit, 0xFF, sizeof s->bit);
    }
    pcre2_code_free(re);
    return QRY_OK;
}

void mny_sb_add(mny_sbuf *b, const char *s, size_t n)
{
    if (b->oom)
        return;
    if (b->n + n + 1 > b->cap) {
        size_t ncap = b->cap ? b->cap : 1024;
        while (b->n + n + 1 > ncap)
            ncap *= 2;
        char *ns = realloc(b->s, ncap);
        if (!ns) {
            b->oom = 1;
            return;
        }
        b->s = ns;
        b->cap = ncap;
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

void mny_sb_str(mny_sbuf *b, const char *s) { mny_sb_add(b, s, strlen(s)); }

/* head items[i]|items[j]|... tail over the items whose take[i] is set
 * (every item when take is NULL; "(*FAIL)" when none); NULL when out of
 * memory. */
static char *alternation_source(const char *head, const char *const *items, size_t n, const unsigned char *take,
                                const char *tail)
{
    mny_sbuf b = {0};
    mny_sb_str(&b, head);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (take && !take[i])
            continue;
        if (k++)
            mny_sb_str(&b, "|");
        mny_sb_str(&b, items[i]);
    }
    if (k == 0)
        mny_sb_str(&b, "(*FAIL)");
    mny_sb_str(&b, tail);
    if (b.oom) {
        free(b.s);
        return NULL;
    }
    return b.s;
}

pcre2_code *mny_compile_alternation(const char *head, const char *const *items, size_t n, const unsigned char *take,
                                    const char *tail, uint32_t opts, const char *what, char *err, size_t errsz,
                                    int *oom)
{
    char *src = alternation_source(head, items, n, take, tail);
    if (!src) {
        *oom = 1;
        return NULL;
    }
    pcre2_code *re = mny_compile(src, opts, what, err, errsz);
    free(src);
    return re;
}

/* The subset's compiled pattern, compiling it if no match has yet. The
 * subset is made of alternatives the full pattern already compiled with,
 * so only memory can fail it: then the full pattern answers (the same
 * answer, more slowly). Workers race for the first compilation: one
 * publishes, the others free theirs. */
static const mny_rx *subset_rx(const mny_re *re, mny_subset *sub)
{
    mny_rx *have = atomic_load_explicit(&sub->rx, memory_order_acquire);
    if (have)
        return have;
    char err[512];
    pcre2_code *code = mny_compile(sub->source, re->opts, "subset", err, sizeof err);
    mny_rx *mine = code ? mny_rx_new(code) : NULL;
    if (!mine)
        return re->full;
    mny_rx *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(&sub->rx, &expected, mine, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        mny_rx_free(mine);
        return expected;
    }
    return mine;
}

/* The bytes a match may start with when the item's first character is the
 * ASCII byte `lead`: what PCRE2 would report for it (type 1 above), with
 * no compilation -- a superset is enough, as a subset only prefilters. */
static void lead_bytes(unsigned char lead, byteset *s)
{
    memset(s, 0, sizeof *s);
    bs_set(s, lead);
    unsigned lower = lead | 0x20u;
    if (lower >= 'a' && lower <= 'z') {
        bs_set(s, lower);
        bs_set(s, lower - 32);
        if (lower == 'k' || lower == 's')
            bs_set_high(s);
    }
}

static unsigned fold(unsigned char ch) { return ch >= 'A' && ch <= 'Z' ? ch + 32u : ch; }
static unsigned hash2(unsigned a, unsigned b) { return (a * 131u + b) & 0x3FFFu; }
static unsigned hash3(unsigned a, unsigned b, unsigned c) { return (a * 17161u + b * 131u + c) & 0xFFFFu; }
static void bit_set(uint64_t *v, unsigned i) { v[i >> 6] |= 1ull << (i & 63); }
static int bit_has(const uint64_t *v, unsigned i) { return (v[i >> 6] >> (i & 63)) & 1; }

/* Record item's start: its literal text (up to three bytes), else its
 * first bytes with anything after them. */
static void starts_add(mny_starts *st, const char *lit, const byteset *first)
{
    size_t n = strlen(lit);
    if (n == 0) {
        for (unsigned b = 0; b < 128; b++)
            if (bs_has(first, b))
                st->any1[fold((unsigned char)b)] = 1;
    } else if (n == 1) {
        st->any1[fold((unsigned char)lit[0])] = 1;
    } else if (n == 2) {
        bit_set(st->any2, hash2(fold((unsigned char)lit[0]), fold((unsigned char)lit[1])));
    } else {
        bit_set(st->three,
                hash3(fold((unsigned char)lit[0]), fold((unsigned char)lit[1]), fold((unsigned char)lit[2])));
    }
}

/* Whether a match may start at t[0..n): 1 unless the starts rule it out.
 * A byte past 0x7F may be a case partner of an ASCII letter (K, s) or a
 * space \h matches: only all-ASCII starts are ruled out. */
static int starts_may(const mny_starts *st, const char *t, size_t n)
{
    unsigned a = (unsigned char)t[0];
    if (a >= 0x80 || st->any1[a = fold((unsigned char)a)] || n < 2)
        return 1;
    unsigned b = (unsigned char)t[1];
    if (b >= 0x80 || bit_has(st->any2, hash2(a, b = fold((unsigned char)b))) || n < 3)
        return 1;
    unsigned c = (unsigned char)t[2];
    return c >= 0x80 || bit_has(st->three, hash3(a, b, fold((unsigned char)c)));
}

int mny_re_build(mny_re *re, const char *head, const char *const *items, size_t n, const char *tail,
                 const char *const *lits, const char *item_head, const char *hint, uint32_t opts, const char *what,
                 char *err, size_t errsz)
{
    memset(re, 0, sizeof *re);
    re->opts = opts;
    size_t rows = n ? n : 1;
    byteset *first = calloc(rows, sizeof *first);
    unsigned char *take = calloc(256 * rows, 1); /* take[b * rows + i]: item i may start with byte b */
    mny_sbuf ib = {0};
    int rc = first && take ? QRY_OK : QRY_ERR_NOMEM, oom = 0;
    for (size_t i = 0; rc == QRY_OK && i < n; i++) {
        if (lits && lits[i][0]) {
            lead_bytes((unsigned char)lits[i][0], &first[i]);
            continue;
        }
        ib.n = 0;
        mny_sb_str(&ib, item_head);
        mny_sb_str(&ib, items[i]);
        if (ib.oom)
            rc = QRY_ERR_NOMEM;
        else
            rc = first_bytes(ib.s, opts, hint, &first[i], what, err, errsz);
    }
    if (rc == QRY_OK) {
        unsigned char *every = malloc(rows);
        if (!every) {
            rc = QRY_ERR_NOMEM;
        } else {
            memset(every, 1, rows);
            pcre2_code *full = mny_compile_alternation(head, items, n, every, tail, opts, what, err, errsz, &oom);
            free(every);
            if (!full)
                rc = oom ? QRY_ERR_NOMEM : QRY_ERR_CONFIG;
            else if (!(re->full = mny_rx_new(full)))
                rc = QRY_ERR_NOMEM;
        }
    }
    if (rc == QRY_OK && lits) {
        if (!(re->starts = calloc(1, sizeof *re->starts)))
            rc = QRY_ERR_NOMEM;
        for (size_t i = 0; rc == QRY_OK && i < n; i++)
            starts_add(re->starts, lits[i], &first[i]);
    }
    /* at most one subset per byte: room for all of them, so none moves */
    if (rc == QRY_OK && !(re->subs = calloc(256, sizeof *re->subs)))
        rc = QRY_ERR_NOMEM;
    for (unsigned b = 0; rc == QRY_OK && b < 256; b++) {
        unsigned char *row = take + (size_t)b * rows;
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            k += row[i] = (unsigned char)bs_has(&first[i], b);
        if (k == 0)
            continue; /* MNY_AT_NONE: nothing can match here */
        if (k == n) {
            re->at[b] = MNY_AT_FULL;
            continue;
        }
        for (unsigned e = 0; e < b; e++) {
            if (re->at[e] > MNY_AT_FULL && memcmp(take + (size_t)e * rows, row, n) == 0) {
                re->at[b] = re->at[e];
                break;
            }
        }
        if (re->at[b])
            continue;
        mny_subset *sub = &re->subs[re->n_subs];
        if (!(sub->source = alternation_source(head, items, n, row, tail))) {
            rc = QRY_ERR_NOMEM;
            break;
        }
        atomic_init(&sub->rx, NULL);
        re->at[b] = (uint16_t)(MNY_AT_FULL + 1 + re->n_subs++);
    }
    free(ib.s);
    free(take);
    free(first);
    if (rc != QRY_OK) {
        if (rc == QRY_ERR_NOMEM)
            snprintf(err, errsz, "out of memory");
        mny_re_free(re);
    }
    return rc;
}

long mny_re_at(mny_ctx *c, const mny_re *re, size_t pos, long *mark)
{
    if (mark)
        *mark = -1;
    if (pos > c->len)
        return -1;
    unsigned at = pos < c->len ? re->at[(unsigned char)c->text[pos]] : MNY_AT_FULL;
    if (at == MNY_AT_NONE || (re->starts && pos < c->len && !starts_may(re->starts, c->text + pos, c->len - pos)))
        return -1;
    const mny_rx *rx = at == MNY_AT_FULL ? re->full : subset_rx(re, &re->subs[at - MNY_AT_FULL - 1]);
    int rc = qp_lazy_jit_match(rx, c->text, c->len, pos, c->md, c->lx->mctx);
    if (rc < 0) {
        if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT || rc == PCRE2_ERROR_JIT_STACKLIMIT ||
            rc == PCRE2_ERROR_HEAPLIMIT)
            c->limit_hit = 1;
        return -1;
    }
    PCRE2_SIZE *ov = pcre2_get_ovector_pointer(c->md);
    if (mark) {
        PCRE2_SPTR m = pcre2_get_mark(c->md);
        if (m)
            *mark = strtol((const char *)m, NULL, 10);
    }
    return (long)ov[1];
}
