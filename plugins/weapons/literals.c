/* literals.c -- the literal strings that every match of a PCRE2 pattern must
 * contain, found by a conservative reading of the pattern.
 *
 * prefilter.c uses them to skip, per document, the generic-class patterns
 * that cannot match it. The reading understands what generic.tsv uses:
 * literal characters, escaped punctuation, \d \s \w \b and friends, \K (it
 * only moves the reported start: what it follows is still in the text), ASCII
 * character classes, groups ((...), (?:...), (?>...), (?i:...), (?-i:...),
 * (?i)), lookarounds, alternation, ?, *, +, {n,m} (greedy, lazy or
 * possessive), ^ and $; a non-ASCII character in a class (the class then
 * has no exact set). Anything else (\Q, \x, \p, back-references,
 * named groups, option letters other than i, verbs, conditionals, non-ASCII
 * bytes outside a class, ...) makes the answer "unknown", and the pattern then runs on every
 * document. Literals are ASCII lower-cased: the patterns are compiled
 * caseless, and a case-sensitive part (?-i:...) only narrows what matches.
 *
 * Each node of the pattern gets two facts:
 *   exact  the set of strings it can match, when small and known;
 *   must   a set of non-empty strings one of which every match contains.
 * A run of exact nodes in a sequence multiplies into longer exact strings
 * ("anti" "-"? "tank" -> antitank, anti-tank); the sequence keeps the most
 * selective must set it sees (longest shortest string, then fewest
 * strings); an alternation needs a must set in every branch. Lookarounds
 * and anchors match the empty string. Long strings are cut to a prefix,
 * which is still required.
 */
#include <string.h>

#include "weapons.h"

#define MAX_DEPTH 12 /* group nesting; deeper patterns are "unknown" */

typedef wpn_literals litset;

typedef struct info {
    int exact_ok;
    litset exact;
    int must_ok;
    litset must;
} info;

typedef struct parser {
    const unsigned char *p;
    int fail; /* syntax the reading does not understand */
    int depth;
    int top_alt; /* the pattern is an alternation at its top level */
    /* every must set the top-level sequence considered: each one is met by
     * every match, so together they are too (NULL: not collected) */
    litset *collect;
    size_t n_collect, max_collect;
} parser;

static unsigned char lower(unsigned char c) { return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c; }

static int is_punct(unsigned char c)
{
    return c > 0x20 && c < 0x7f && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

/* ---- small string sets ------------------------------------------------- */

static void set_one(litset *s, const char *str)
{
    size_t len = strnlen(str, sizeof s->s[0] - 1);
    memcpy(s->s[0], str, len);
    s->s[0][len] = '\0';
    s->n = 1;
}

/* dst = src, copying only the strings in use: a set is 0.5 KiB and the
 * reading copies sets at every atom of every pattern at start-up. */
static void set_copy(litset *dst, const litset *src)
{
    memcpy(dst->s, src->s, src->n * sizeof src->s[0]);
    dst->n = src->n;
}

/* Add str (len bytes) unless present; 0 when it does not fit. */
static int set_add(litset *s, const char *str, size_t len)
{
    if (len >= WPN_LIT_LEN)
        return 0;
    for (size_t i = 0; i < s->n; i++)
        if (memcmp(s->s[i], str, len) == 0 && s->s[i][len] == '\0') /* a string of the set ends where str does */
            return 1;
    if (s->n == WPN_LIT_MAX)
        return 0;
    memcpy(s->s[s->n], str, len);
    s->s[s->n][len] = '\0';
    s->n++;
    return 1;
}

static int set_union(litset *a, const litset *b)
{
    for (size_t i = 0; i < b->n; i++)
        if (!set_add(a, b->s[i], strlen(b->s[i])))
            return 0;
    return 1;
}

/* Every a followed by every b; 0 when the result does not fit. */
static int set_cross(const litset *a, const litset *b, litset *out)
{
    out->n = 0;
    for (size_t i = 0; i < a->n; i++) {
        size_t la = strlen(a->s[i]);
        for (size_t j = 0; j < b->n; j++) {
            size_t lb = strlen(b->s[j]);
            char buf[2 * WPN_LIT_LEN];
            memcpy(buf, a->s[i], la);
            memcpy(buf + la, b->s[j], lb);
            if (!set_add(out, buf, la + lb))
                return 0;
        }
    }
    return 1;
}

static size_t set_min_len(const litset *s)
{
    size_t m = SIZE_MAX;
    for (size_t i = 0; i < s->n; i++)
        if (strlen(s->s[i]) < m)
            m = strlen(s->s[i]);
    return m;
}

/* Drop strings that contain another string of the set: a text holding the
 * longer one holds the shorter one too. */
static void set_minimize(litset *s)
{
    size_t k = 0;
    for (size_t i = 0; i < s->n; i++) {
        int redundant = 0;
        for (size_t j = 0; j < s->n && !redundant; j++)
            if (j != i && strstr(s->s[i], s->s[j]) && (strcmp(s->s[i], s->s[j]) != 0 || j < i))
                redundant = 1;
        if (!redundant) {
            if (k != i)
                memcpy(s->s[k], s->s[i], sizeof s->s[k]);
            k++;
        }
    }
    s->n = k;
}

/* a is a more selective must set than b. */
static int better(const litset *a, const litset *b)
{
    size_t la = set_min_len(a), lb = set_min_len(b);
    return la > lb || (la == lb && a->n < b->n);
}

/* The best must set x gives: its own, or its exact strings when none is
 * empty. 0 when it gives none. */
static int info_must(const info *x, litset *out)
{
    int ok = 0;
    litset m;
    if (x->exact_ok && x->exact.n > 0 && set_min_len(&x->exact) > 0) {
        set_copy(&m, &x->exact);
        set_minimize(&m);
        ok = 1;
    }
    if (x->must_ok && (!ok || better(&x->must, &m))) {
        set_copy(&m, &x->must);
        ok = 1;
    }
    if (ok)
        set_copy(out, &m);
    return ok;
}

/* Keep a must set of the top-level sequence (a duplicate once). */
static void collect(parser *ps, const litset *m)
{
    if (!ps->collect || ps->depth != 0 || ps->n_collect == ps->max_collect || m->n == 0 || set_min_len(m) == 0)
        return;
    for (size_t i = 0; i < ps->n_collect; i++) {
        const litset *c = &ps->collect[i];
        int same = c->n == m->n;
        for (size_t k = 0; same && k < m->n; k++)
            same = strcmp(c->s[k], m->s[k]) == 0;
        if (same)
            return;
    }
    set_copy(&ps->collect[ps->n_collect++], m);
}

/* A must set of a sequence: the best one so far, and at the top level one
 * of the sets every match meets. */
static void consider(parser *ps, const litset *cand, litset *best, int *have)
{
    collect(ps, cand);
    if (!*have || better(cand, best)) {
        set_copy(best, cand);
        *have = 1;
    }
}

/* Consider a run of exact strings as a must set (when none is empty). */
static void consider_run(parser *ps, const litset *run, litset *best, int *have)
{
    if (run->n == 0 || set_min_len(run) == 0)
        return;
    litset m;
    set_copy(&m, run);
    set_minimize(&m);
    consider(ps, &m, best, have);
}

static void info_empty(info *a)
{
    a->exact_ok = 1;
    set_one(&a->exact, "");
    a->must_ok = 0;
}

static void info_char(info *a, unsigned char c)
{
    char s[2] = {(char)lower(c), '\0'};
    a->exact_ok = 1;
    set_one(&a->exact, s);
    a->must_ok = 0;
}

/* ---- the pattern ------------------------------------------------------- */

static void parse_alt(parser *ps, info *out);

/* [...]: exact when it lists only ASCII characters and ranges. */
static void parse_class(parser *ps, info *a)
{
    const unsigned char *p = ps->p + 1;
    int general = 0; /* negated, or holds \d \s \w ...: no exact set */
    unsigned char member[128] = {0};
    if (*p == '^') {
        general = 1;
        p++;
    }
    if (*p == ']') { /* a leading literal ']' */
        ps->fail = 1;
        return;
    }
    while (*p != ']') {
        unsigned lo, hi;
        if (*p == '\\' && p[1] && strchr("dDsSwWhHvV", p[1])) {
            general = 1;
            p += 2;
            continue;
        }
        if (*p == '\\' && is_punct(p[1])) {
            lo = p[1];
            p += 2;
        } else if (*p >= 0x20 && *p < 0x7f && *p != '\\' && *p != '[') {
            lo = *p++;
        } else if (*p >= 0xC2 && *p <= 0xF4 && (p[1] & 0xC0) == 0x80) {
            /* a non-ASCII member (a curly quote): the class has no exact set,
             * and a pattern it sits in keeps the literals of its other parts */
            p++;
            while ((*p & 0xC0) == 0x80)
                p++;
            if (*p == '-' && p[1] != ']') { /* a non-ASCII range: not read */
                ps->fail = 1;
                return;
            }
            general = 1;
            continue;
        } else { /* end of pattern, other escapes, POSIX classes */
            ps->fail = 1;
            return;
        }
        hi = lo;
        if (p[0] == '-' && p[1] != ']') {
            if (p[1] == '\\' && is_punct(p[2])) {
                hi = p[2];
                p += 3;
            } else if (p[1] >= 0x20 && p[1] < 0x7f && p[1] != '\\' && p[1] != '[') {
                hi = p[1];
                p += 2;
            } else {
                ps->fail = 1;
                return;
            }
            if (hi < lo) {
                ps->fail = 1;
                return;
            }
        }
        for (unsigned c = lo; c <= hi; c++)
            member[lower((unsigned char)c)] = 1;
    }
    ps->p = p + 1;
    a->exact_ok = 0;
    a->must_ok = 0;
    if (general)
        return;
    a->exact.n = 0;
    a->exact_ok = 1;
    for (unsigned c = 0; c < 128 && a->exact_ok; c++) {
        char s = (char)c;
        if (member[c] && !set_add(&a->exact, &s, 1))
            a->exact_ok = 0;
    }
}

/* \x outside a class. */
static void parse_escape(parser *ps, info *a)
{
    unsigned char c = ps->p[1];
    a->exact_ok = 0;
    a->must_ok = 0;
    if (c && (strchr("dDsSwWhHvVRX", c) || (c == 'N' && ps->p[2] != '{'))) {
        ps->p += 2; /* one character of a class: nothing known */
        return;
    }
    if (c && strchr("bBAzZGK", c)) {
        ps->p += 2;
        info_empty(a);
        return;
    }
    if (is_punct(c)) {
        ps->p += 2;
        info_char(a, c);
        return;
    }
    ps->fail = 1;
}

/* (...) in its forms listed at the top. */
static void parse_group(parser *ps, info *a)
{
    const unsigned char *p = ps->p + 1;
    int zero_width = 0;
    if (*p == '?') {
        p++;
        if (*p == ':' || *p == '>' || *p == '|') {
            p++;
        } else if (*p == '=' || *p == '!') {
            p++;
            zero_width = 1;
        } else if (p[0] == '<' && (p[1] == '=' || p[1] == '!')) {
            p += 2;
            zero_width = 1;
        } else {
            const unsigned char *q = p;
            while (*q == 'i' || *q == '-')
                q++;
            if (q == p || (*q != ':' && *q != ')')) {
                ps->fail = 1;
                return;
            }
            if (*q == ')') { /* (?i) or (?-i): case does not matter here */
                ps->p = q + 1;
                info_empty(a);
                return;
            }
            p = q + 1;
        }
    } else if (*p == '*') {
        ps->fail = 1;
        return;
    }
    if (++ps->depth > MAX_DEPTH) {
        ps->fail = 1;
        return;
    }
    ps->p = p;
    parse_alt(ps, a);
    ps->depth--;
    if (ps->fail)
        return;
    if (*ps->p != ')') {
        ps->fail = 1;
        return;
    }
    ps->p++;
    if (zero_width)
        info_empty(a);
}

static void parse_atom(parser *ps, info *a)
{
    const unsigned char c = *ps->p;
    a->exact_ok = 0;
    a->must_ok = 0;
    if (c == '(')
        parse_group(ps, a);
    else if (c == '[')
        parse_class(ps, a);
    else if (c == '\\')
        parse_escape(ps, a);
    else if (c == '.')
        ps->p++;
    else if (c == '^' || c == '$') {
        ps->p++;
        info_empty(a);
    } else if (c >= 0x20 && c < 0x7f && !strchr("*+?{}]", c)) {
        ps->p++;
        info_char(a, c);
    } else {
        ps->fail = 1;
    }
}

static int parse_count(const unsigned char **p, unsigned long *v)
{
    if (!(**p >= '0' && **p <= '9'))
        return 0;
    *v = 0;
    while (**p >= '0' && **p <= '9') {
        if (*v < 100000)
            *v = *v * 10 + (unsigned long)(**p - '0');
        (*p)++;
    }
    return 1;
}

/* An optional quantifier after atom a, applied to a's facts. */
static void parse_quant(parser *ps, info *a)
{
    const unsigned char *p = ps->p;
    unsigned long min, max;
    const unsigned long inf = (unsigned long)-1;
    if (*p == '?' || *p == '*' || *p == '+') {
        min = *p == '+' ? 1 : 0;
        max = *p == '?' ? 1 : inf;
        p++;
    } else if (*p == '{') {
        p++;
        if (!parse_count(&p, &min)) { /* "{,n}" or a literal '{' */
            ps->fail = 1;
            return;
        }
        max = min;
        if (*p == ',') {
            p++;
            max = inf;
            if (*p >= '0' && *p <= '9')
                parse_count(&p, &max);
        }
        if (*p != '}' || max < min) {
            ps->fail = 1;
            return;
        }
        p++;
    } else {
        return;
    }
    if (*p == '?' || *p == '+') /* lazy or possessive */
        p++;
    if (*p && strchr("?*+{", *p)) {
        ps->fail = 1;
        return;
    }
    ps->p = p;
    if (max == 0) {
        info_empty(a);
    } else if (min == 0) {
        a->must_ok = 0;
        litset empty;
        set_one(&empty, "");
        if (!(max == 1 && a->exact_ok && set_union(&a->exact, &empty)))
            a->exact_ok = 0;
    } else {
        /* at least one repetition: what one repetition must hold */
        a->must_ok = info_must(a, &a->must);
        if (!(min == 1 && max == 1))
            a->exact_ok = 0;
    }
}

/* A sequence of atoms up to '|', ')' or the end. */
static void parse_seq(parser *ps, info *out)
{
    litset run, best, next;
    int have_best = 0, all_exact = 1;
    set_one(&run, "");
    info a;
    while (*ps->p && *ps->p != '|' && *ps->p != ')') {
        parse_atom(ps, &a);
        if (!ps->fail)
            parse_quant(ps, &a);
        if (ps->fail)
            return;
        if (a.exact_ok && set_cross(&run, &a.exact, &next)) {
            set_copy(&run, &next);
            continue;
        }
        all_exact = 0;
        consider_run(ps, &run, &best, &have_best);
        litset m;
        if (info_must(&a, &m))
            consider(ps, &m, &best, &have_best);
        if (a.exact_ok)
            set_copy(&run, &a.exact);
        else
            set_one(&run, "");
    }
    out->exact_ok = all_exact;
    if (all_exact)
        set_copy(&out->exact, &run);
    consider_run(ps, &run, &best, &have_best);
    out->must_ok = have_best;
    if (have_best)
        set_copy(&out->must, &best);
}

/* Branches separated by '|' up to ')' or the end. */
static void parse_alt(parser *ps, info *out)
{
    parse_seq(ps, out);
    if (ps->fail)
        return;
    litset must;
    int must_ok = info_must(out, &must);
    while (*ps->p == '|') {
        if (ps->depth == 0)
            ps->top_alt = 1;
        ps->p++;
        info b;
        parse_seq(ps, &b);
        if (ps->fail)
            return;
        litset m;
        if (must_ok && !(info_must(&b, &m) && set_union(&must, &m)))
            must_ok = 0;
        if (out->exact_ok && !(b.exact_ok && set_union(&out->exact, &b.exact)))
            out->exact_ok = 0;
    }
    if (must_ok)
        set_minimize(&must);
    out->must_ok = must_ok;
    if (must_ok)
        set_copy(&out->must, &must);
}

int wpn_required_literals(const char *re, wpn_literals *lits)
{
    parser ps = {.p = (const unsigned char *)re};
    info top;
    parse_alt(&ps, &top);
    if (ps.fail || *ps.p != '\0') /* unknown syntax, or a stray ')' */
        return 0;
    return info_must(&top, lits);
}

/* The most selective first (as better() ranks sets). */
static void sort_sets(litset *v, size_t n)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && better(&v[j], &v[j - 1]); j--) {
            litset t;
            set_copy(&t, &v[j]);
            set_copy(&v[j], &v[j - 1]);
            set_copy(&v[j - 1], &t);
        }
}

size_t wpn_required_literal_sets(const char *re, wpn_literals *sets, size_t max)
{
    if (max == 0)
        return 0;
    litset found[WPN_LIT_SETS_SEEN];
    parser ps = {.p = (const unsigned char *)re, .collect = found, .max_collect = WPN_LIT_SETS_SEEN};
    info top;
    parse_alt(&ps, &top);
    if (ps.fail || *ps.p != '\0')
        return 0;
    if (ps.top_alt || ps.n_collect < 2) /* one set, as wpn_required_literals gives */
        return info_must(&top, &sets[0]) ? 1 : 0;
    sort_sets(found, ps.n_collect);
    size_t n = ps.n_collect < max ? ps.n_collect : max;
    for (size_t i = 0; i < n; i++)
        set_copy(&sets[i], &found[i]);
    return n;
}
