/* generic.c -- weapon classes ("air defense systems", "155 mm shells",
 * "attack drones") and name shapes ("HMS Ocean") found by PCRE2 patterns
 * from a data file, and the marks that tell about the text around them.
 *
 * File format (one pattern per line, four TAB-separated columns, '#'
 * comments; read through the core's table service):
 *   category  kind  name  regex
 * kind says what a hit is:
 *   no        a generic class
 *   yes       a name (ship names)
 *   weak      a class that is often civilian ("aircraft"): it counts only
 *             with weapon context in its sentence (screen.c)
 *   listed    a class that is usually a person ("fighter"): it counts only
 *             coordinated with a weapon of its category
 *   not       a mark: the text it covers holds no weapon ("VBIED factory",
 *             "to bomb", "passenger jets")
 *   cue       a mark: weapon context for weak classes ("shot down")
 *   modifier  a mark: words that may stand between a name and its head
 *             noun ("Nato-standard", "high-velocity")
 * Marks take '-' as category. name is the canonical name: {1}..{9} insert
 * the capture groups lower-cased ("{1} mm artillery shell"), {0} the whole
 * hit as written (for a mark it is only a label). Patterns are compiled
 * caseless, UTF and UCP, with JIT; (?-i:...) makes a part case-sensitive.
 * A hit must start and end on token boundaries, and must not be glued by a
 * hyphen to a word outside it ("anti-drone" is not a drone).
 *
 * Speed: a document is scanned once for the literal strings each pattern
 * needs (prefilter.c, literals.c), and only the patterns that may match
 * run; the others could not have found anything.
 */
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weapons.h"
#include "../shared/lazy_jit.h"

#define MATCH_LIMIT 200000u
#define DEPTH_LIMIT 2000u

typedef struct pattern {
    qp_lazy_jit re;             /* JIT-compiled on first use */
    const char *category; /* NULL for a mark */
    char *name;
    size_t line; /* in the pattern file */
    uint8_t named, needs, mark;
} pattern;

/* The WPN_RUN_* bit that selects a pattern. */
static unsigned run_bit(const pattern *p)
{
    switch (p->mark) {
    case WPN_MARK_NOT:
        return WPN_RUN_NOT;
    case WPN_MARK_CUE:
        return WPN_RUN_CUE;
    case WPN_MARK_MODIFIER:
        return WPN_RUN_MODIFIER;
    default:
        return WPN_RUN_MENTIONS;
    }
}

/* The values of the kind column. */
static const struct kind {
    const char *word;
    uint8_t named, needs, mark;
} kinds[] = {
    {"no", 0, WPN_NEEDS_NOTHING, 0},
    {"yes", 1, WPN_NEEDS_NOTHING, 0},
    {"weak", 0, WPN_NEEDS_CONTEXT, 0},
    {"listed", 0, WPN_NEEDS_LIST, 0},
    {"not", 0, 0, WPN_MARK_NOT},
    {"cue", 0, 0, WPN_MARK_CUE},
    {"modifier", 0, 0, WPN_MARK_MODIFIER},
};

static const struct kind *find_kind(const char *w)
{
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (strcmp(kinds[i].word, w) == 0)
            return &kinds[i];
    return NULL;
}

struct wpn_generic {
    pattern *v;
    size_t n, cap;
    unsigned kinds; /* WPN_RUN_* bits of the patterns loaded */
    pcre2_match_context *mctx;
    wpn_prefilter *pf; /* which patterns may match a document */
    char *path;
};

void wpn_generic_free(wpn_generic *gp)
{
    if (!gp)
        return;
    for (size_t i = 0; i < gp->n; i++) {
        qp_lazy_jit_fini(&gp->v[i].re);
        free(gp->v[i].name);
    }
    free(gp->v);
    pcre2_match_context_free(gp->mctx);
    wpn_prefilter_free(gp->pf);
    free(gp->path);
    free(gp);
}

size_t wpn_generic_count(const wpn_generic *gp) { return gp ? gp->n : 0; }
size_t wpn_generic_prefiltered(const wpn_generic *gp) { return gp ? wpn_prefilter_n_filtered(gp->pf) : 0; }

/* Compile row `row` of the pattern table into gp. QRY_OK when it was added
 * or rejected (reported through the table service), QRY_ERR_NOMEM. */
static int add_pattern(wpn_generic *gp, const qry_table_service *ts, qry_table *t, size_t row)
{
    const char *cat = ts->cell(t, row, 0, NULL), *kindw = ts->cell(t, row, 1, NULL);
    const char *name = ts->cell(t, row, 2, NULL), *re = ts->cell(t, row, 3, NULL);
    const struct kind *kind = find_kind(kindw);
    if (!kind) {
        ts->reject(t, row, "kind must be yes, no, weak, listed, not, cue or modifier, not '%s'", kindw);
        return QRY_OK;
    }
    const char *icat = kind->mark ? NULL : wpn_category_intern(cat);
    if (kind->mark && strcmp(cat, "-") != 0) {
        ts->reject(t, row, "a %s mark takes '-' as category, not '%s'", kind->word, cat);
        return QRY_OK;
    }
    if (!kind->mark && !icat) {
        ts->reject(t, row, "unknown category '%s'", cat);
        return QRY_OK;
    }
    if (!*name || strlen(name) >= WPN_NAME_MAX) {
        ts->reject(t, row, "name empty or longer than %d bytes", WPN_NAME_MAX - 1);
        return QRY_OK;
    }
    int ecode;
    PCRE2_SIZE eoff;
    pcre2_code *code = pcre2_compile((PCRE2_SPTR)re, PCRE2_ZERO_TERMINATED,
                                     PCRE2_CASELESS | PCRE2_UTF | PCRE2_UCP | PCRE2_USE_OFFSET_LIMIT, &ecode, &eoff,
                                     NULL);
    if (!code) {
        PCRE2_UCHAR msg[160];
        pcre2_get_error_message(ecode, msg, sizeof msg);
        ts->reject(t, row, "regex error at offset %zu: %s", (size_t)eoff, (const char *)msg);
        return QRY_OK;
    }
    if (gp->n == gp->cap) {
        size_t cap = gp->cap ? gp->cap * 2 : 32;
        pattern *v = realloc(gp->v, cap * sizeof *v);
        if (!v) {
            pcre2_code_free(code);
            return QRY_ERR_NOMEM;
        }
        gp->v = v;
        gp->cap = cap;
    }
    char *dname = strdup(name);
    if (!dname) {
        pcre2_code_free(code);
        return QRY_ERR_NOMEM;
    }
    gp->v[gp->n] = (pattern){
                               .category = icat,
                               .name = dname,
                               .line = ts->line(t, row),
                               .named = kind->named,
                               .needs = kind->needs,
                               .mark = kind->mark};
    qp_lazy_jit_init(&gp->v[gp->n].re, code);
    gp->n++;
    gp->kinds |= run_bit(&gp->v[gp->n - 1]);
    wpn_literals sets[4]; /* the four most selective: more cost scan time and rule out little more */
    return wpn_prefilter_add_sets(gp->pf, sets, wpn_required_literal_sets(re, sets, 4));
}

int wpn_generic_load(const wpn_reader *rd, const char *name, wpn_generic **out)
{
    *out = NULL;
    const qry_table_service *ts = rd->table;
    wpn_generic *gp = calloc(1, sizeof *gp);
    if (!gp || !(gp->mctx = pcre2_match_context_create(NULL)) || !(gp->pf = wpn_prefilter_new())) {
        wpn_generic_free(gp);
        return QRY_ERR_NOMEM;
    }
    pcre2_set_match_limit(gp->mctx, MATCH_LIMIT);
    pcre2_set_depth_limit(gp->mctx, DEPTH_LIMIT);
    /* no trimming: blanks in a regex are part of it */
    qry_table *t = ts->open(rd->host, name, 4, 4, 0);
    int rc = t ? QRY_OK : QRY_ERR_CONFIG;
    for (size_t row = 0; rc == QRY_OK && row < ts->rows(t); row++)
        rc = add_pattern(gp, ts, t, row);
    if (rc == QRY_OK && ts->errors(t))
        rc = QRY_ERR_CONFIG;
    if (rc == QRY_OK && !(gp->path = strdup(ts->path(t))))
        rc = QRY_ERR_NOMEM;
    ts->close(t);
    if (rc == QRY_OK)
        rc = wpn_prefilter_build(gp->pf);
    if (rc != QRY_OK) {
        wpn_generic_free(gp);
        return rc;
    }
    *out = gp;
    return QRY_OK;
}

/* Expand {1}..{9} in tmpl with the capture groups lower-cased (ASCII) and
 * {0} with the whole hit as written; white space squeezed. */
static void expand_name(const char *tmpl, const char *text, const PCRE2_SIZE *ov, uint32_t npairs, char *out,
                        size_t outsz)
{
    size_t k = 0;
    for (const char *p = tmpl; *p && k + 1 < outsz; p++) {
        if (p[0] == '{' && p[1] >= '0' && p[1] <= '9' && p[2] == '}') {
            uint32_t g = (uint32_t)(p[1] - '0');
            if (g < npairs && ov[2 * g] != PCRE2_UNSET) {
                int space = 0;
                for (PCRE2_SIZE q = ov[2 * g]; q < ov[2 * g + 1] && k + 1 < outsz; q++) {
                    char c = text[q];
                    if (c == ' ' || c == '\t' || c == '\n') {
                        space = 1;
                        continue;
                    }
                    if (space && k > 0 && k + 1 < outsz)
                        out[k++] = ' ';
                    space = 0;
                    if (g > 0 && c >= 'A' && c <= 'Z')
                        c = (char)(c - 'A' + 'a');
                    if (k + 1 < outsz)
                        out[k++] = c;
                }
            }
            p += 2;
            continue;
        }
        out[k++] = *p;
    }
    out[k] = '\0';
}

/* The token range [*ts, *te) exactly covering bytes [s, e), with word
 * boundaries on both sides and no hyphen gluing it to a word outside, but
 * for a damage participle after it: in "bomb-damaged" the bomb did the
 * damage, in "drone-maker" the drone only builds another word. */
static int aligned(const wpn_doc *d, size_t s, size_t e, size_t *ts, size_t *te)
{
    const qry_doc_view *doc = d->view;
    const size_t n = doc->n_tokens;
    size_t a = wpn_tok_lower_bound(d, (uint32_t)s);
    if (a >= n || doc->tokens[a].start != s)
        return 0;
    size_t b = wpn_tok_lower_bound(d, (uint32_t)e);
    if (b == 0 || doc->tokens[b - 1].end != e || b <= a)
        return 0;
    const qry_token *first = &doc->tokens[a];
    if (a > 0 && !(first->flags & QRY_TOK_SPACE_BEFORE)) {
        if (!(doc->tokens[a - 1].flags & QRY_TOK_PUNCT))
            return 0; /* inside a word */
        if (wpn_tok_is_hyphen(d, a - 1) && a >= 2 && !(doc->tokens[a - 1].flags & QRY_TOK_SPACE_BEFORE) &&
            (doc->tokens[a - 2].flags & QRY_TOK_WORD))
            return 0; /* "anti-drone" */
    }
    if (b < n && !(doc->tokens[b].flags & QRY_TOK_SPACE_BEFORE)) {
        if (!(doc->tokens[b].flags & QRY_TOK_PUNCT))
            return 0;
        if (wpn_tok_is_hyphen(d, b) && b + 1 < n && !(doc->tokens[b + 1].flags & QRY_TOK_SPACE_BEFORE) &&
            (doc->tokens[b + 1].flags & QRY_TOK_WORD) && !wpn_tok_in(d, b + 1, WPN_LIST_DAMAGE))
            return 0; /* "drone-maker" */
    }
    *ts = a;
    *te = b;
    return 1;
}

/* Append one hit of pattern pt (ovector ov) to out or marks. */
static int push_hit(const pattern *pt, const qry_doc_view *doc, pcre2_match_data *md, size_t ts, size_t te,
                    wpn_cands *out, wpn_cands *marks)
{
    const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
    wpn_cand *c = wpn_cands_push(pt->mark ? marks : out);
    if (!c)
        return QRY_ERR_NOMEM;
    c->start = (uint32_t)ov[0];
    c->end = (uint32_t)ov[1];
    c->tok_start = (uint32_t)ts;
    c->tok_end = (uint32_t)te;
    c->category = pt->category;
    c->origin = NULL;
    expand_name(pt->name, doc->text, ov, pcre2_get_ovector_count(md), c->name, sizeof c->name);
    c->name_end = (uint32_t)te;
    c->named = pt->named;
    c->needs = pt->needs;
    c->mark = pt->mark;
    c->context = 1;
    return QRY_OK;
}

/* Every hit of pattern pt inside bytes [from, to) of the document: it may
 * look behind `from`, and look ahead up to `seen` (>= to), but a hit ends by
 * `to`; mctx's offset limit says where the last one may start. */
static int match_in(const wpn_generic *gp, const pattern *pt, const wpn_doc *d, size_t from, size_t to, size_t seen,
                    pcre2_match_context *mctx, pcre2_match_data *md, wpn_cands *out, wpn_cands *marks, char *err,
                    size_t errsz)
{
    const qry_doc_view *doc = d->view;
    PCRE2_SIZE off = from;
    while (off <= to) {
        int m = qp_lazy_jit_match(&pt->re, doc->text, seen, off, md, mctx);
        if (m == PCRE2_ERROR_NOMATCH)
            return QRY_OK;
        if (m < 0) {
            PCRE2_UCHAR msg[120];
            pcre2_get_error_message(m, msg, sizeof msg);
            snprintf(err, errsz, "%s:%zu: pattern failed: %s", gp->path, pt->line, (const char *)msg);
            return (m == PCRE2_ERROR_MATCHLIMIT || m == PCRE2_ERROR_DEPTHLIMIT || m == PCRE2_ERROR_HEAPLIMIT ||
                    m == PCRE2_ERROR_JIT_STACKLIMIT)
                       ? QRY_ERR_LIMIT
                       : QRY_ERR_INTERNAL;
        }
        const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
        size_t s = ov[0], e = ov[1], ts, te;
        if (e > s && e <= to && aligned(d, s, e, &ts, &te)) {
            if (push_hit(pt, doc, md, ts, te, out, marks) != QRY_OK)
                return QRY_ERR_NOMEM;
            off = e;
        } else {
            /* retry from the next character */
            off = s + 1;
            while (off < to && ((unsigned char)doc->text[off] & 0xC0) == 0x80)
                off++;
        }
    }
    return QRY_OK;
}

/* The runs of text between blank lines (a line break, blanks, a line
 * break), into *out (the caller frees it): one span for a text without. */
static int blank_line_blocks(const char *t, size_t len, qry_span **out, size_t *n)
{
    size_t cap = 8, k = 0, start = 0;
    qry_span *v = malloc(cap * sizeof *v);
    if (!v)
        return QRY_ERR_NOMEM;
    for (const char *nl = memchr(t, '\n', len); nl; nl = memchr(nl + 1, '\n', len - (size_t)(nl + 1 - t))) {
        const char *q = nl + 1, *end = t + len;
        while (q < end && (*q == ' ' || *q == '\t' || *q == '\r'))
            q++;
        if (q >= end || *q != '\n')
            continue;
        if (k + 2 > cap) {
            qry_span *g = realloc(v, (cap *= 2) * sizeof *v);
            if (!g) {
                free(v);
                return QRY_ERR_NOMEM;
            }
            v = g;
        }
        v[k++] = (qry_span){(uint32_t)start, (uint32_t)(nl - t)};
        start = (size_t)(q - t); /* the second break starts the next block: more blank lines are empty blocks */
        nl = q - 1;
        if (q + 1 >= end)
            break;
    }
    v[k++] = (qry_span){(uint32_t)start, (uint32_t)len};
    *out = v;
    *n = k;
    return QRY_OK;
}

int wpn_generic_match(const wpn_generic *gp, const wpn_doc *d, unsigned what, const qry_span *windows,
                      size_t n_windows, wpn_cands *out, wpn_cands *marks, char *err, size_t errsz)
{
    const qry_doc_view *doc = d->view;
    if (!gp || !(gp->kinds & what) || doc->text_len == 0)
        return QRY_OK;
    /* mentions are looked for block by block (text between blank lines):
     * a mention never runs over a blank line, and a pattern runs only where
     * its literals are (in a long document every pattern's literals are
     * somewhere: one run each over the whole text made the cost grow as
     * patterns x length). Not by the segmenter's paragraphs: the lines of
     * short hard-wrapped texts are paragraphs to it, and a mention may be
     * wrapped ("anti-" at one line's end, "aircraft guns" on the next). */
    qry_span *blocks = NULL;
    const int marks_only = windows != NULL; /* mark windows: nothing past the window is seen */
    if (!windows) {
        if (blank_line_blocks(doc->text, doc->text_len, &blocks, &n_windows) != QRY_OK)
            return QRY_ERR_NOMEM;
        windows = blocks;
    }
    uint64_t *may_match = malloc(wpn_prefilter_words(gp->pf) * sizeof *may_match);
    uint32_t *starts_by = malloc((gp->n ? gp->n : 1) * sizeof *starts_by);
    pcre2_match_data *md = pcre2_match_data_create(10, NULL);
    pcre2_match_context *mctx = pcre2_match_context_copy(gp->mctx); /* its offset limit is this call's */
    if (!may_match || !starts_by || !md || !mctx) {
        free(blocks);
        free(may_match);
        free(starts_by);
        pcre2_match_data_free(md);
        pcre2_match_context_free(mctx);
        return QRY_ERR_NOMEM;
    }
    int rc = QRY_OK, limit = QRY_OK;
    for (size_t w = 0; w < n_windows && rc == QRY_OK; w++) {
        const size_t from = windows[w].start, to = windows[w].end;
        /* a hit lies inside its window, and so do its literals */
        wpn_prefilter_scan(gp->pf, doc->text + from, to - from, may_match, starts_by);
        for (size_t p = 0; p < gp->n && rc == QRY_OK; p++) {
            const pattern *pt = &gp->v[p];
            if (!(run_bit(pt) & what) || !(may_match[p / 64] >> (p % 64) & 1))
                continue;
            char why[256];
            pcre2_set_offset_limit(mctx, from + starts_by[p]);
            int prc = match_in(gp, pt, d, from, to, marks_only ? to : doc->text_len, mctx, md, out, marks, why,
                               sizeof why);
            if (prc == QRY_ERR_NOMEM) {
                rc = prc;
            } else if (prc != QRY_OK && limit == QRY_OK) {
                limit = prc; /* keep the other patterns' hits, report the first failure */
                snprintf(err, errsz, "%s", why);
            }
        }
    }
    pcre2_match_data_free(md);
    pcre2_match_context_free(mctx);
    free(blocks);
    free(starts_by);
    free(may_match);
    return rc != QRY_OK ? rc : limit;
}
