/* pattern_parse.c -- reads token patterns: PATTERN, TYPE, key=value...
 *
 * A pattern is a sequence of elements separated by spaces (docs/rules.md):
 *   word        tokens reading `word` in any case ("3rd" reads 3 + rd)
 *   "Word"      the same with case, and spaces for white space
 *   [tests]     one token passing every test: word number punct cap upper
 *               space nospace newline any, text=A|B lower=a|b shape=Xx|dd,
 *               each negated by a leading '!'
 *   <type>      an entity an earlier stage emitted; <type key=v|w> also
 *               checks one attribute
 * each optionally followed by ? * + {n} {n,m}, and optionally preceded by
 * `attribute:` (before [, < or ") to set that attribute to what it matched.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

typedef struct parser {
    rl_loader *ld;
    const char *s, *p; /* the whole cell, the cursor */
    char err[600];
    int need_exact, need_entities;
} parser;

static int fail(parser *ps, const char *fmt, ...) QRY_PRINTF(2, 3);

static int fail(parser *ps, const char *fmt, ...)
{
    if (!ps->err[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ps->err, sizeof ps->err, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static const char *pdup(parser *ps, const char *s, size_t n)
{
    const char *d = rl_pool_dup(ps->ld->pool, s, n);
    if (!d)
        ps->ld->oom = 1;
    return d;
}

/* Split s[0..n) at '|' into folded (fold >= 0) or raw values. */
static int split_values(parser *ps, const char *s, size_t n, int fold, const char ***out, uint32_t *n_out)
{
    uint32_t count = 1;
    for (size_t i = 0; i < n; i++)
        count += s[i] == '|';
    const char **vals = rl_pool_alloc(ps->ld->pool, count * sizeof *vals);
    if (!vals) {
        ps->ld->oom = 1;
        return -1;
    }
    uint32_t k = 0;
    for (size_t i = 0, from = 0; i <= n; i++) {
        if (i < n && s[i] != '|')
            continue;
        if (i == from)
            return fail(ps, "an empty value in '%s'", ps->s);
        vals[k] = fold >= 0 ? rl_fold_phrase(ps->ld->fold, fold, s + from, i - from, ps->ld->pool)
                            : pdup(ps, s + from, i - from);
        if (!vals[k]) {
            ps->ld->oom = 1;
            return -1;
        }
        k++;
        from = i + 1;
    }
    *out = vals;
    *n_out = k;
    return 0;
}

static const struct {
    const char *name;
    uint32_t set, clear;
} flag_words[] = {
    {"word", QRY_TOK_WORD, 0},          {"number", QRY_TOK_NUMBER, 0}, {"punct", QRY_TOK_PUNCT, 0},
    {"cap", QRY_TOK_CAP, 0},            {"upper", QRY_TOK_UPPER, 0},   {"space", QRY_TOK_SPACE_BEFORE, 0},
    {"nospace", 0, QRY_TOK_SPACE_BEFORE}, {"newline", QRY_TOK_NEWLINE_BEFORE, 0}, {"any", 0, 0},
};

/* One condition of a [ ] test, s[0..n). */
static int parse_cond(parser *ps, const char *s, size_t n, pt_cond *c)
{
    memset(c, 0, sizeof *c);
    char word[64];
    if (n && *s == '!') {
        c->negate = 1;
        s++;
        n--;
    }
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        if (n >= sizeof word)
            return fail(ps, "unknown token test in '%s'", ps->s);
        memcpy(word, s, n);
        word[n] = '\0';
        for (size_t k = 0; k < sizeof flag_words / sizeof flag_words[0]; k++)
            if (strcmp(word, flag_words[k].name) == 0) {
                c->kind = PT_FLAGS;
                c->flags_all = flag_words[k].set;
                c->flags_none = flag_words[k].clear;
                return 0;
            }
        return fail(ps,
                    "unknown token test '%s' (tests: word number punct cap upper space nospace newline any, "
                    "text= lower= shape=)",
                    word);
    }
    size_t klen = (size_t)(eq - s);
    const char *v = eq + 1;
    size_t vlen = n - klen - 1;
    if (klen == 4 && memcmp(s, "text", 4) == 0) {
        c->kind = PT_TEXT;
        ps->need_exact = 1;
        return split_values(ps, v, vlen, 1, &c->values, &c->n_values);
    }
    if (klen == 5 && memcmp(s, "lower", 5) == 0) {
        c->kind = PT_LOWER;
        return split_values(ps, v, vlen, 0, &c->values, &c->n_values);
    }
    if (klen == 5 && memcmp(s, "shape", 5) == 0) {
        c->kind = PT_SHAPE;
        return split_values(ps, v, vlen, -1, &c->values, &c->n_values);
    }
    snprintf(word, sizeof word, "%.*s", (int)(klen < 40 ? klen : 40), s);
    return fail(ps, "unknown token test '%s=' (text=, lower= or shape=)", word);
}

static int parse_test(parser *ps, pt_elem *e)
{
    const char *close = strchr(ps->p, ']');
    if (!close)
        return fail(ps, "'[' without ']' in '%s'", ps->s);
    const char *s = ps->p + 1;
    uint32_t count = 0;
    for (const char *q = s; q < close;) {
        while (q < close && *q == ' ')
            q++;
        if (q == close)
            break;
        count++;
        while (q < close && *q != ' ')
            q++;
    }
    e->kind = PT_TEST;
    e->conds = count ? rl_pool_alloc(ps->ld->pool, count * sizeof *e->conds) : NULL;
    if (count && !e->conds) {
        ps->ld->oom = 1;
        return -1;
    }
    for (const char *q = s; q < close;) {
        while (q < close && *q == ' ')
            q++;
        if (q == close)
            break;
        const char *w = q;
        while (q < close && *q != ' ')
            q++;
        if (parse_cond(ps, w, (size_t)(q - w), &e->conds[e->n_conds]) != 0)
            return -1;
        e->n_conds++;
    }
    ps->p = close + 1;
    return 0;
}

static int parse_entity(parser *ps, pt_elem *e)
{
    const char *close = strchr(ps->p, '>');
    if (!close)
        return fail(ps, "'<' without '>' in '%s'", ps->s);
    const char *s = ps->p + 1, *sp = memchr(s, ' ', (size_t)(close - s));
    const char *tend = sp ? sp : close;
    char type[64], list[256];
    snprintf(type, sizeof type, "%.*s", (int)((size_t)(tend - s) < 63 ? (size_t)(tend - s) : 63), s);
    if (!rl_consumable(type)) {
        list[0] = '\0';
        for (size_t k = 0, used = 0; rl_consumed_types[k] && used < sizeof list; k++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", rl_consumed_types[k]);
            used += w > 0 ? (size_t)w : 0;
        }
        char msg[400];
        snprintf(msg, sizeof msg, "<%s>: rules reads only these entity types: %s", type, list);
        return fail(ps, "%s", msg);
    }
    e->kind = PT_ENTITY;
    e->etype = pdup(ps, type, strlen(type));
    ps->need_entities = 1;
    if (sp) {
        const char *a = sp + 1, *eq = memchr(a, '=', (size_t)(close - a));
        if (!eq || eq == a || eq + 1 == close)
            return fail(ps, "expected <type key=value> in '%s'", ps->s);
        e->akey = pdup(ps, a, (size_t)(eq - a));
        if (split_values(ps, eq + 1, (size_t)(close - eq - 1), -1, &e->avalues, &e->n_avalues) != 0)
            return -1;
    }
    ps->p = close + 1;
    return 0;
}

/* ? * + {n} {n,m} at ps->p; returns 1 when one was read, -1 on error. */
static int parse_quant(parser *ps, pt_elem *e)
{
    char c = *ps->p;
    if (c == '?' || c == '*' || c == '+') {
        e->min = c == '+';
        e->max = c == '?' ? 1 : PT_UNBOUNDED;
        ps->p++;
        return 1;
    }
    if (c != '{')
        return 0;
    char *end;
    unsigned long lo = strtoul(ps->p + 1, &end, 10), hi = lo;
    if (end == ps->p + 1)
        return fail(ps, "expected {n} or {n,m} in '%s'", ps->s);
    if (*end == ',') {
        const char *h = end + 1;
        hi = strtoul(h, &end, 10);
        if (end == h)
            return fail(ps, "expected {n,m} in '%s'", ps->s);
    }
    if (*end != '}')
        return fail(ps, "expected '}' in '%s'", ps->s);
    if (hi < lo || hi == 0 || hi > PT_MAX_REPEAT) {
        char msg[64];
        snprintf(msg, sizeof msg, "%d", (int)PT_MAX_REPEAT);
        return fail(ps, "a repeat {n,m} needs 0 <= n <= m, 1 <= m <= %s", msg);
    }
    e->min = (uint32_t)lo;
    e->max = (uint32_t)hi;
    ps->p = end + 1;
    return 1;
}

static int parse_elem(parser *ps, pt_elem *e)
{
    memset(e, 0, sizeof *e);
    e->min = e->max = 1;
    /* attribute: before [ < or " names a capture */
    const char *q = ps->p;
    while (*q && (islower((unsigned char)*q) || *q == '_'))
        q++;
    if (q > ps->p && *q == ':' && (q[1] == '[' || q[1] == '<' || q[1] == '"')) {
        char key[64];
        snprintf(key, sizeof key, "%.*s", (int)((size_t)(q - ps->p) < 63 ? (size_t)(q - ps->p) : 63), ps->p);
        e->capture = rl_attr_named(key);
        if (!e->capture || strcmp(key, "rule") == 0) {
            char list[256], msg[400];
            rl_list_attrs(list, sizeof list);
            snprintf(msg, sizeof msg, "'%s:' is not an attribute rules can set (allowed: %s)", key, list);
            return fail(ps, "%s", msg);
        }
        ps->p = q + 1;
    }
    char c = *ps->p;
    if (c == '[') {
        if (parse_test(ps, e) != 0)
            return -1;
    } else if (c == '<') {
        if (parse_entity(ps, e) != 0)
            return -1;
    } else if (c == '"') {
        const char *close = strchr(ps->p + 1, '"');
        if (!close)
            return fail(ps, "'\"' without its closing '\"' in '%s'", ps->s);
        e->kind = PT_LITERAL;
        e->exact = 1;
        ps->need_exact = 1;
        e->lit = rl_fold_phrase(ps->ld->fold, 1, ps->p + 1, (size_t)(close - ps->p - 1), ps->ld->pool);
        if (!e->lit) {
            ps->ld->oom = 1;
            return -1;
        }
        if (!*e->lit)
            return fail(ps, "an empty quoted word in '%s'", ps->s);
        ps->p = close + 1;
    } else {
        /* a bare word runs to the next space; a trailing ? * + {..} is its repeat */
        const char *w = ps->p, *end = w;
        while (*end && *end != ' ')
            end++;
        const char *word_end = end;
        if (end - w > 1 && (end[-1] == '?' || end[-1] == '*' || end[-1] == '+'))
            word_end = end - 1;
        else if (end - w > 1 && end[-1] == '}') {
            const char *open = end - 1;
            while (open > w && *open != '{')
                open--;
            if (open > w && *open == '{')
                word_end = open;
        }
        e->kind = PT_LITERAL;
        e->lit = rl_fold_phrase(ps->ld->fold, 0, w, (size_t)(word_end - w), ps->ld->pool);
        if (!e->lit) {
            ps->ld->oom = 1;
            return -1;
        }
        ps->p = word_end;
    }
    if (parse_quant(ps, e) < 0)
        return -1;
    if (*ps->p && *ps->p != ' ')
        return fail(ps, "expected a space after an element, at '%s'", ps->p);
    return 0;
}

int rl_patterns_load(rl_loader *ld, rl_patterns *pats, const char *file)
{
    const qry_table_service *ts = ld->tables;
    pats->fold = ld->fold;
    qry_table *t = ts->open(ld->host, file, 1, 0, 0);
    if (!t) {
        if (ld->n_errors++ == 0)
            snprintf(ld->first_error, sizeof ld->first_error, "cannot read pattern file '%s'", file);
        return -1;
    }
    size_t before = ts->errors(t);
    ld->n_errors += before;
    if (before && !ld->first_error[0])
        snprintf(ld->first_error, sizeof ld->first_error, "%s: %zu bad line%s", ts->path(t), before,
                 before == 1 ? "" : "s");
    for (size_t row = 0; row < ts->rows(t) && !ld->oom; row++) {
        rl_rule tmp;
        memset(&tmp, 0, sizeof tmp);
        if (rl_parse_rule_cells(ld, t, row, 2, RL_PATTERN, &tmp, 0, NULL) != 0)
            continue;
        parser ps = {.ld = ld, .s = ts->cell(t, row, 0, NULL)};
        ps.p = ps.s;
        pt_elem elems[64];
        uint32_t n = 0, states = 0;
        int bad = 0;
        while (*ps.p && !bad) {
            while (*ps.p == ' ')
                ps.p++;
            if (!*ps.p)
                break;
            if (n == sizeof elems / sizeof elems[0]) {
                bad = fail(&ps, "more than 64 elements in '%s'", ps.s);
                break;
            }
            bad = parse_elem(&ps, &elems[n]) != 0;
            if (!bad) {
                states += pt_rep_states(&elems[n]);
                n++;
            }
        }
        if (ld->oom)
            break;
        uint32_t min_tokens = 0;
        for (uint32_t k = 0; k < n; k++)
            min_tokens += elems[k].min;
        if (!bad && n == 0)
            bad = fail(&ps, "%s", "an empty pattern");
        if (!bad && min_tokens == 0)
            bad = fail(&ps, "'%s' can match nothing at all: make one element required", ps.s);
        for (uint32_t a = 0; !bad && a < n; a++) {
            for (uint32_t b = a + 1; !bad && elems[a].capture && b < n; b++)
                if (elems[b].capture == elems[a].capture)
                    bad = fail(&ps, "attribute '%s:' captured twice", elems[a].capture);
            for (uint32_t k = 0; !bad && elems[a].capture && k < tmp.n_attrs; k++)
                if (tmp.attrs[k].key == elems[a].capture)
                    bad = fail(&ps, "attribute '%s' is set both by a capture and by a key=value cell",
                               elems[a].capture);
        }
        if (bad) {
            rl_reject(ld, t, row, "%s", ps.err);
            continue;
        }
        if (pats->n == pats->cap) {
            size_t cap = pats->cap ? pats->cap * 2 : 16;
            pt_rule *grown = realloc(pats->items, cap * sizeof *grown);
            if (!grown) {
                ld->oom = 1;
                break;
            }
            pats->items = grown;
            pats->cap = cap;
        }
        pt_elem *kept = rl_pool_alloc(ld->pool, n * sizeof *kept);
        rl_rule *rule = kept ? rl_rule_new(ld) : NULL;
        if (!rule) {
            ld->oom = 1;
            break;
        }
        memcpy(kept, elems, n * sizeof *kept);
        *rule = tmp;
        rule->where = rl_where(ld, t, row);
        pats->items[pats->n++] = (pt_rule){kept, n, (uint32_t)(ld->rules->n - 1), states};
        pats->need_exact |= ps.need_exact;
        pats->need_entities |= ps.need_entities;
    }
    ts->close(t);
    return ld->oom ? -1 : 0;
}

rl_patterns *rl_patterns_new(void) { return calloc(1, sizeof(rl_patterns)); }

void rl_patterns_free(rl_patterns *p)
{
    if (!p)
        return;
    free(p->items);
    free(p);
}

size_t rl_patterns_count(const rl_patterns *p) { return p ? p->n : 0; }
int rl_patterns_need_exact(const rl_patterns *p) { return p && p->need_exact; }
int rl_patterns_need_entities(const rl_patterns *p) { return p && p->need_entities; }
