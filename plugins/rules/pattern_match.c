/* pattern_match.c -- runs token patterns over one sentence at a time.
 *
 * For each pattern the matcher fills a table best(k, p, r): the furthest
 * token a match can reach when element k is tried at token p after r
 * repetitions of it. Rows are filled from the sentence's end backwards, so
 * each cell is a few lookups and every start position of the sentence is
 * answered at once: cost grows with tokens x elements, never
 * exponentially, however the optional and repeated elements combine. A
 * match is then the longest one from its start (greedy repeats when two
 * paths reach as far), and the next search starts after it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pattern.h"

struct rl_match_scratch {
    int32_t *memo;
    size_t cap;
    uint32_t *offsets; /* first table row of each element */
    size_t cap_offsets;
};

rl_match_scratch *rl_scratch_new(void) { return calloc(1, sizeof(rl_match_scratch)); }

void rl_scratch_free(rl_match_scratch *s)
{
    if (!s)
        return;
    free(s->memo);
    free(s->offsets);
    free(s);
}

/* spaCy's shape: X for upper-case letters, x for other letters, d for
 * digits, other characters as they are; runs longer than 4 cut to 4. */
static size_t token_shape(const rl_fold *f, const qry_doc_view *doc, size_t k, char *out, size_t outsz)
{
    const char *s = doc->text + doc->tokens[k].start;
    size_t len = doc->tokens[k].end - doc->tokens[k].start, pos = 0, n = 0, run = 0;
    char last = 0;
    while (pos < len && n + 5 < outsz) {
        unsigned char b = (unsigned char)s[pos];
        char c;
        size_t at = pos;
        if (b < 0x80) {
            pos++;
            c = b >= '0' && b <= '9' ? 'd' : b >= 'A' && b <= 'Z' ? 'X' : b >= 'a' && b <= 'z' ? 'x' : (char)b;
        } else if (f->text) {
            uint32_t cls = f->text->classify(f->text->decode(s, len, &pos));
            c = (cls & QRY_CP_LETTER) ? ((cls & QRY_CP_UPPER) ? 'X' : 'x') : 0;
        } else {
            pos++;
            while (pos < len && ((unsigned char)s[pos] & 0xC0) == 0x80)
                pos++;
            c = 'x';
        }
        if (c == 0) { /* a non-ASCII symbol stands for itself */
            memcpy(out + n, s + at, pos - at);
            n += pos - at;
            last = 0;
            run = 0;
            continue;
        }
        run = c == last ? run + 1 : 1;
        last = c;
        if (run <= 4)
            out[n++] = c;
    }
    out[n] = '\0';
    return n;
}

static int in_values(const char *s, size_t n, const char *const *values, uint32_t n_values)
{
    for (uint32_t v = 0; v < n_values; v++)
        if (strlen(values[v]) == n && memcmp(values[v], s, n) == 0)
            return 1;
    return 0;
}

static int token_passes(const rl_patterns *pats, const pt_elem *e, const qry_doc_view *doc, const rl_doc_forms *df,
                        size_t k)
{
    uint32_t flags = doc->tokens[k].flags;
    for (uint32_t c = 0; c < e->n_conds; c++) {
        const pt_cond *cond = &e->conds[c];
        int ok;
        size_t n;
        const char *form;
        char shape[128];
        switch (cond->kind) {
        case PT_FLAGS:
            ok = (flags & cond->flags_all) == cond->flags_all && !(flags & cond->flags_none);
            break;
        case PT_TEXT:
        case PT_LOWER:
            form = rl_form(df, cond->kind == PT_TEXT, k, &n);
            ok = in_values(form, n, cond->values, cond->n_values);
            break;
        default:
            n = token_shape(pats->fold, doc, k, shape, sizeof shape);
            ok = in_values(shape, n, cond->values, cond->n_values);
            break;
        }
        if (ok == cond->negate)
            return 0;
    }
    return 1;
}

/* The token after a run from p reading lit (a ' ' where the text has white
 * space between tokens, nothing where it has none), or -1. */
static long literal_end(const pt_elem *e, const qry_doc_view *doc, const rl_doc_forms *df, size_t p, size_t end)
{
    const char *key = e->lit;
    for (size_t k = p; k < end; k++) {
        if (k > p) {
            int spaced = (doc->tokens[k].flags & QRY_TOK_SPACE_BEFORE) != 0;
            if (spaced != (*key == ' '))
                return -1;
            key += spaced;
        }
        size_t n;
        const char *form = rl_form(df, e->exact, k, &n);
        if (strncmp(key, form, n) != 0)
            return -1;
        key += n;
        if (!*key)
            return (long)(k + 1);
    }
    return -1;
}

static int entity_fits(const pt_elem *e, const qry_entities_service *es, const qry_entity *ent)
{
    if (strcmp(ent->type, e->etype) != 0)
        return 0;
    if (!e->akey)
        return 1;
    const qry_attr *a = es->attr(ent, e->akey);
    if (!a)
        return 0;
    char buf[64];
    const char *s = buf;
    size_t n;
    switch (a->type) {
    case QRY_ATTR_STRING:
        s = a->str;
        n = a->str_len;
        break;
    case QRY_ATTR_BOOL:
        s = a->i ? "true" : "false";
        n = strlen(s);
        break;
    case QRY_ATTR_INT:
        n = (size_t)snprintf(buf, sizeof buf, "%lld", (long long)a->i);
        break;
    default:
        n = (size_t)snprintf(buf, sizeof buf, "%.15g", a->d);
        break;
    }
    return in_values(s, n, e->avalues, e->n_avalues);
}

typedef struct ctx {
    const rl_patterns *pats;
    const pt_rule *pr;
    const qry_doc_view *doc;
    const rl_doc_forms *df;
    const rl_doc_entities *ents;
    const qry_entities_service *es;
    const uint32_t *offsets;
    int32_t *memo;
    size_t first, end, width;
} ctx;

static int32_t best(const ctx *c, uint32_t k, size_t p, uint32_t r)
{
    if (k == c->pr->n_elems)
        return (int32_t)p;
    return c->memo[(c->offsets[k] + r) * c->width + (p - c->first)];
}

/* Calls visit(q) for every token q that one more repetition of element k
 * from p reaches; stops early when visit returns nonzero. */
#define FOR_EACH_STEP(c, e, p, q, body)                                                                       \
    do {                                                                                                      \
        if ((e)->kind == PT_TEST) {                                                                           \
            if ((p) < (c)->end && token_passes((c)->pats, (e), (c)->doc, (c)->df, (p))) {                     \
                size_t q = (p) + 1;                                                                           \
                body                                                                                          \
            }                                                                                                 \
        } else if ((e)->kind == PT_LITERAL) {                                                                 \
            long q_ = literal_end((e), (c)->doc, (c)->df, (p), (c)->end);                                     \
            if (q_ > 0) {                                                                                     \
                size_t q = (size_t)q_;                                                                        \
                body                                                                                          \
            }                                                                                                 \
        } else if ((c)->ents && (p) < (c)->end) {                                                             \
            for (size_t i_ = (c)->ents->first_at[p]; i_ < (c)->ents->n && (c)->ents->items[i_].tok_start == (p); \
                 i_++) {                                                                                      \
                size_t q = (c)->ents->items[i_].tok_end;                                                      \
                if (q <= (c)->end && entity_fits((e), (c)->es, (c)->ents->items[i_].e)) {                     \
                    body                                                                                      \
                }                                                                                             \
            }                                                                                                 \
        }                                                                                                     \
    } while (0)

static void fill(const ctx *c)
{
    const pt_rule *pr = c->pr;
    for (size_t p = c->end + 1; p-- > c->first;) {
        for (uint32_t k = pr->n_elems; k-- > 0;) {
            const pt_elem *e = &pr->elems[k];
            uint32_t rcap = pt_rep_states(e) - 1;
            for (uint32_t r = rcap + 1; r-- > 0;) {
                int32_t res = -1;
                if (r >= e->min)
                    res = best(c, k + 1, p, 0);
                if (e->max == PT_UNBOUNDED || r < e->max) {
                    uint32_t r2 = r + 1 < rcap ? r + 1 : rcap;
                    FOR_EACH_STEP(c, e, p, q, {
                        int32_t v = best(c, k, q, r2);
                        if (v > res)
                            res = v;
                    });
                }
                c->memo[(c->offsets[k] + r) * c->width + (p - c->first)] = res;
            }
        }
    }
}

/* Retrace the match from p0 to find what each capturing element covered. */
static int add_captures(const ctx *c, size_t p0, int32_t target, rl_cands *out)
{
    const pt_rule *pr = c->pr;
    size_t p = p0;
    uint32_t k = 0, r = 0;
    size_t cap_from = 0, cap_to = 0;
    int capturing = 0;
    while (k < pr->n_elems) {
        const pt_elem *e = &pr->elems[k];
        uint32_t rcap = pt_rep_states(e) - 1;
        int took = 0;
        if (e->max == PT_UNBOUNDED || r < e->max) {
            uint32_t r2 = r + 1 < rcap ? r + 1 : rcap;
            size_t next = 0;
            FOR_EACH_STEP(c, e, p, q, {
                if (!took && best(c, k, q, r2) == target) {
                    took = 1;
                    next = q;
                }
            });
            if (took) {
                if (!capturing) {
                    cap_from = p;
                    capturing = 1;
                }
                cap_to = next;
                p = next;
                r = r2;
                continue;
            }
        }
        if (e->capture && capturing && cap_to > cap_from &&
            rl_cands_add_capture(out, e->capture, c->doc->tokens[cap_from].start, c->doc->tokens[cap_to - 1].end) !=
                QRY_OK)
            return QRY_ERR_NOMEM;
        capturing = 0;
        k++;
        r = 0;
    }
    return QRY_OK;
}

int rl_patterns_match(const rl_patterns *pats, const qry_doc_view *doc, const rl_doc_forms *df,
                      const rl_doc_entities *ents, const qry_entities_service *es, rl_match_scratch *s,
                      rl_cands *out)
{
    if (!pats || !pats->n)
        return QRY_OK;
    for (size_t first = 0, end; first < doc->n_tokens; first = end) {
        end = rl_sentence_end(doc, first);
        size_t width = end - first + 1;
        for (size_t k = 0; k < pats->n; k++) {
            const pt_rule *pr = &pats->items[k];
            size_t need = (size_t)pr->n_states * width;
            if (need > s->cap) {
                int32_t *m = realloc(s->memo, need * sizeof *m);
                if (!m)
                    return QRY_ERR_NOMEM;
                s->memo = m;
                s->cap = need;
            }
            if (pr->n_elems > s->cap_offsets) {
                uint32_t *o = realloc(s->offsets, pr->n_elems * sizeof *o);
                if (!o)
                    return QRY_ERR_NOMEM;
                s->offsets = o;
                s->cap_offsets = pr->n_elems;
            }
            for (uint32_t e = 0, at = 0; e < pr->n_elems; e++) {
                s->offsets[e] = at;
                at += pt_rep_states(&pr->elems[e]);
            }
            ctx c = {pats, pr, doc, df, ents, es, s->offsets, s->memo, first, end, width};
            fill(&c);
            for (size_t p = first; p < end;) {
                int32_t reach = best(&c, 0, p, 0);
                if (reach <= (int32_t)p) {
                    p++;
                    continue;
                }
                if (rl_cands_add(out, doc, p, (size_t)reach, pr->rule) != QRY_OK ||
                    add_captures(&c, p, reach, out) != QRY_OK)
                    return QRY_ERR_NOMEM;
                p = (size_t)reach;
            }
        }
    }
    return QRY_OK;
}
