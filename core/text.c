/* text.c -- see text.h. One classifier for the segmenter and the plugins:
 * ASCII from a table, everything else from utf8proc's character database,
 * with the few choices news text needs made explicit here. */
#include "text.h"

#include <string.h>
#include <utf8proc.h>

#define L QRY_CP_LETTER
#define U QRY_CP_UPPER
#define LO QRY_CP_LOWER
#define D QRY_CP_DIGIT
#define S QRY_CP_SPACE
#define N QRY_CP_NEWLINE
#define P QRY_CP_PUNCT
#define DA QRY_CP_DASH
#define H QRY_CP_HYPHEN
#define AP QRY_CP_APOSTROPHE
#define Q QRY_CP_QUOTE

const uint16_t qtext_ascii_class[128] = {
    P, P, P, P, P, P, P, P,
    P, S, S|N, S, S, S, P, P,
    P, P, P, P, P, P, P, P,
    P, P, P, P, P, P, P, P,
    S, P, P|Q, P, P, P, P, P|AP|Q,
    P, P, P, P, P, P|DA|H, P, P,
    D, D, D, D, D, D, D, D,
    D, D, P, P, P, P, P, P,
    P, L|U, L|U, L|U, L|U, L|U, L|U, L|U,
    L|U, L|U, L|U, L|U, L|U, L|U, L|U, L|U,
    L|U, L|U, L|U, L|U, L|U, L|U, L|U, L|U,
    L|U, L|U, L|U, P, P, P, P, P,
    P, L|LO, L|LO, L|LO, L|LO, L|LO, L|LO, L|LO,
    L|LO, L|LO, L|LO, L|LO, L|LO, L|LO, L|LO, L|LO,
    L|LO, L|LO, L|LO, L|LO, L|LO, L|LO, L|LO, L|LO,
    L|LO, L|LO, L|LO, P, P, P, P, P,
};

/* Spaces utf8proc files elsewhere (format characters) that text treats as
 * white space: zero-width space and joiners, the byte-order mark. */
static int is_extra_space(uint32_t cp) { return (cp >= 0x200B && cp <= 0x200D) || cp == 0xFEFF; }

/* Refinements of a PUNCT code point. */
static uint32_t punct_kind(uint32_t cp, int category)
{
    uint32_t c = P;
    switch (cp) {
    case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2212:
        return c | DA | H;
    case 0x2014: case 0x2015: case 0x2E3A: case 0x2E3B:
        return c | DA;
    case 0x2019:
        return c | AP | Q;
    case 0x2032:
        return c | AP;
    case 0x201A: case 0x201E: case 0x2039: case 0x203A: case 0x00AB: case 0x00BB:
        return c | Q;
    default:
        break;
    }
    if (category == UTF8PROC_CATEGORY_PD)
        c |= DA;
    if (category == UTF8PROC_CATEGORY_PI || category == UTF8PROC_CATEGORY_PF)
        c |= Q;
    return c;
}

uint32_t qtext_classify(uint32_t cp)
{
    if (cp < 0x80)
        return qtext_ascii_class[cp];
    if (cp > 0x10FFFF)
        return P;
    if (is_extra_space(cp))
        return S;
    /* Spacing modifier letters: in news text these are apostrophes ("ʼ"
     * in transliterated Ukrainian) and accents, never word letters. */
    if (cp >= 0x02B9 && cp <= 0x02FF)
        return cp == 0x02BC ? P | AP : P;
    int category = utf8proc_get_property((utf8proc_int32_t)cp)->category;
    switch (category) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return L | U;
    case UTF8PROC_CATEGORY_LL:
        return L | LO;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
    case UTF8PROC_CATEGORY_ND: /* other scripts' digits are part of words */
        return L;
    case UTF8PROC_CATEGORY_ZS:
        return S;
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
        return S | N;
    default:
        return punct_kind(cp, category);
    }
}

uint32_t qtext_to_lower(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    return cp > 0x10FFFF ? cp : (uint32_t)utf8proc_tolower((utf8proc_int32_t)cp);
}

uint32_t qtext_to_upper(uint32_t cp)
{
    if (cp < 0x80)
        return cp >= 'a' && cp <= 'z' ? cp - 32 : cp;
    return cp > 0x10FFFF ? cp : (uint32_t)utf8proc_toupper((utf8proc_int32_t)cp);
}

uint32_t qtext_decode(const char *s, size_t len, size_t *pos)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t p = *pos;
    unsigned c = u[p];
    *pos = p + 1;
    if (c < 0x80)
        return c;
    size_t extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    /* the last continuation byte must lie inside the text */
    if (extra == 0 || p + extra >= len)
        return 0xFFFDu;
    uint32_t cp = c & (0x3Fu >> extra);
    for (size_t k = 1; k <= extra; k++) {
        if ((u[p + k] & 0xC0) != 0x80)
            return 0xFFFDu;
        cp = (cp << 6) | (u[p + k] & 0x3Fu);
    }
    *pos = p + extra + 1;
    return cp;
}

size_t qtext_encode(uint32_t cp, char out[4])
{
    unsigned char *o = (unsigned char *)out;
    if (cp < 0x80) {
        o[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        o[0] = (unsigned char)(0xC0 | (cp >> 6));
        o[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp >= 0xD800 && cp <= 0xDFFF)
        return 0;
    if (cp < 0x10000) {
        o[0] = (unsigned char)(0xE0 | (cp >> 12));
        o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        o[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    if (cp > 0x10FFFF)
        return 0;
    o[0] = (unsigned char)(0xF0 | (cp >> 18));
    o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    o[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

size_t qtext_validate(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        /* news is mostly ASCII: eight bytes at a time while it lasts */
        while (i + 8 <= len) {
            uint64_t w;
            memcpy(&w, u + i, 8);
            if (w & 0x8080808080808080ULL)
                break;
            i += 8;
        }
        if (i >= len)
            break;
        unsigned c = u[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t n;
        uint32_t min;
        if (c >= 0xC2 && c <= 0xDF) {
            n = 1;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 2;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 3;
            min = 0x10000;
        } else {
            return i;
        }
        if (i + n >= len)
            return i;
        uint32_t cp = c & (0x3Fu >> n);
        for (size_t k = 1; k <= n; k++) {
            if ((u[i + k] & 0xC0) != 0x80)
                return i;
            cp = (cp << 6) | (u[i + k] & 0x3Fu);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return i;
        i += n + 1;
    }
    return len;
}

/* ---- folding ------------------------------------------------------------ */

/* Letters with no canonical decomposition that key lookups still want on
 * their Latin base ("Łódź" ~ "Lodz", "Ørsted" ~ "Orsted"). */
static const struct { uint32_t cp; char base[3]; } strokes[] = {
    {0x00C6, "AE"}, {0x00D0, "D"},  {0x00D8, "O"},  {0x00DE, "TH"}, {0x00DF, "ss"}, {0x00E6, "ae"},
    {0x00F0, "d"},  {0x00F8, "o"},  {0x00FE, "th"}, {0x0110, "D"},  {0x0111, "d"},  {0x0126, "H"},
    {0x0127, "h"},  {0x0131, "i"},  {0x0141, "L"},  {0x0142, "l"},  {0x0152, "OE"}, {0x0153, "oe"},
    {0x0166, "T"},  {0x0167, "t"},  {0x0180, "b"},  {0x0197, "I"},  {0x01B5, "Z"},  {0x01B6, "z"},
    {0x0268, "i"},  {0x1E9E, "SS"},
};

static const char *stroke_base(uint32_t cp)
{
    size_t lo = 0, hi = sizeof strokes / sizeof strokes[0];
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (strokes[mid].cp == cp)
            return strokes[mid].base;
        if (strokes[mid].cp < cp)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* The folded form of one code point, pulled one code point at a time so
 * that comparing needs no buffer for whole strings. */
typedef struct fold_iter {
    const char *s;
    size_t len, pos;
    unsigned flags;
    utf8proc_int32_t pend[40];
    size_t n_pend, next_pend;
} fold_iter;

static uint32_t punct_fold(uint32_t cp)
{
    uint32_t c = qtext_classify(cp);
    if (c & QRY_CP_APOSTROPHE)
        return '\'';
    if (c & QRY_CP_DASH)
        return '-';
    if (c & QRY_CP_QUOTE)
        return '"';
    if (c & QRY_CP_SPACE)
        return ' ';
    return cp;
}

static void push_folded(fold_iter *it, uint32_t cp)
{
    if (it->flags & QRY_FOLD_ACCENTS) {
        const char *base = stroke_base(cp);
        if (base) {
            for (; *base && it->n_pend < 40; base++) {
                uint32_t b = (unsigned char)*base;
                it->pend[it->n_pend++] = (utf8proc_int32_t)((it->flags & QRY_FOLD_CASE) ? qtext_to_lower(b) : b);
            }
            return;
        }
    }
    if (it->flags & QRY_FOLD_PUNCT)
        cp = punct_fold(cp);
    if (it->n_pend < 40)
        it->pend[it->n_pend++] = (utf8proc_int32_t)cp;
}

/* Set up an iterator without touching its buffer: comparing two short
 * tokens must not cost two 160-byte clears. */
static void fold_start(fold_iter *it, const char *s, size_t len, unsigned flags)
{
    it->s = s;
    it->len = len;
    it->pos = 0;
    it->flags = flags;
    it->n_pend = it->next_pend = 0;
}

static int fold_next(fold_iter *it, uint32_t *out)
{
    while (it->next_pend >= it->n_pend) {
        if (it->pos >= it->len)
            return 0;
        it->n_pend = it->next_pend = 0;
        uint32_t cp = qtext_decode(it->s, it->len, &it->pos);
        if (cp < 0x80 && !(it->flags & QRY_FOLD_PUNCT)) { /* the common case */
            it->pend[it->n_pend++] = (utf8proc_int32_t)((it->flags & QRY_FOLD_CASE) ? qtext_to_lower(cp) : cp);
            break;
        }
        utf8proc_option_t opt = 0;
        if (it->flags & QRY_FOLD_CASE)
            opt |= UTF8PROC_CASEFOLD;
        if (it->flags & QRY_FOLD_ACCENTS)
            opt |= UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | UTF8PROC_STRIPMARK;
        utf8proc_int32_t tmp[32];
        int boundclass = 0;
        utf8proc_ssize_t n = opt && cp <= 0x10FFFF
                                 ? utf8proc_decompose_char((utf8proc_int32_t)cp, tmp, 32, opt, &boundclass)
                                 : -1;
        if (n < 0 || n > 32) { /* no mapping, or an error: keep the code point */
            tmp[0] = (utf8proc_int32_t)cp;
            n = 1;
        }
        for (utf8proc_ssize_t k = 0; k < n; k++)
            push_folded(it, (uint32_t)tmp[k]);
    }
    *out = (uint32_t)it->pend[it->next_pend++];
    return 1;
}

size_t qtext_fold(const char *s, size_t len, unsigned flags, char *out, size_t outsz)
{
    fold_iter it;
    fold_start(&it, s, len, flags);
    size_t total = 0, written = 0;
    int full = 0; /* once cut, never a partial code point after the cut */
    uint32_t cp;
    while (fold_next(&it, &cp)) {
        char enc[4];
        size_t n = qtext_encode(cp, enc);
        if (n == 0)
            n = qtext_encode(0xFFFD, enc);
        if (!full && written + n < outsz) {
            memcpy(out + written, enc, n);
            written += n;
        } else {
            full = 1;
        }
        total += n;
    }
    if (outsz)
        out[written] = '\0';
    return total;
}

int qtext_equals(const char *a, size_t alen, const char *b, size_t blen, unsigned flags)
{
    if (!flags)
        return alen == blen && memcmp(a, b, alen) == 0;
    fold_iter x, y;
    fold_start(&x, a, alen, flags);
    fold_start(&y, b, blen, flags);
    for (;;) {
        uint32_t cx, cy;
        int gx = fold_next(&x, &cx), gy = fold_next(&y, &cy);
        if (gx != gy)
            return 0;
        if (!gx)
            return 1;
        if (cx != cy)
            return 0;
    }
}

int qtext_token_equals(const qry_doc_view *doc, size_t tok, const char *lit, unsigned flags)
{
    if (!doc || !lit || tok >= doc->n_tokens)
        return 0;
    const qry_token *t = &doc->tokens[tok];
    return qtext_equals(doc->text + t->start, t->end - t->start, lit, strlen(lit), flags);
}

size_t qtext_token_at(const qry_doc_view *doc, size_t offset)
{
    size_t lo = 0, hi = doc ? doc->n_tokens : 0;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].end <= offset)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

const qry_text_service qtext_service = {
    .struct_size = sizeof(qry_text_service),
    .decode = qtext_decode,
    .encode = qtext_encode,
    .validate = qtext_validate,
    .classify = qtext_classify,
    .to_lower = qtext_to_lower,
    .to_upper = qtext_to_upper,
    .fold = qtext_fold,
    .token_equals = qtext_token_equals,
    .token_at = qtext_token_at,
};
