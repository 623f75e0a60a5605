/* screen.c -- what a class hit needs before it counts.
 *
 * Three checks run on the candidates before overlap resolution:
 *
 * - "not" marks: a weapon word that names a unit, a facility or a maker
 *   ("214th Field Artillery Regiment", "VBIED factory", "drone makers") or
 *   is a verb ("to bomb") is no weapon. A class hit inside such a mark, or
 *   written right before it (it only modifies the noun), is dropped. A
 *   gazetteer name is never dropped by a mark (the "Javelin factory" still
 *   mentions the Javelin); its head phrase is cut back to end before the
 *   mark.
 * - weak classes ("aircraft", "jets", "helicopters") are as often civilian
 *   as military: one counts only when its sentence, or the sentence before
 *   or after it, holds another weapon (not weak, not overlapping it) or a
 *   "cue" mark ("shot down", "air strikes"): a report's next sentence is
 *   about the same aircraft ("Iraqi jets raided the field. The planes
 *   returned safely."). Written with a capital after a capitalised word it
 *   is part of a name ("Kaman Aircraft", "Leonardo Helicopters") and never
 *   counts.
 * - listed classes ("fighter", "bomber") are usually people on their own
 *   ("rebel fighters", "suicide bomber"); one counts only when coordinated
 *   with a weapon of its category ("bomber, fighter and remotely piloted
 *   aircraft", "fighters, bombers and airlifters").
 */
#include <stdlib.h>
#include <string.h>

#include "weapons.h"

/* A hit that counts on its own: not weak, not listed, not an ambiguous
 * name still waiting for context. */
static int strong(const wpn_cand *x)
{
    return x->needs == WPN_NEEDS_NOTHING && !(x->ambiguous && !x->context);
}

/* A candidate that gives weak classes in its sentence weapon context: a
 * strong one, but not a bare "bomb" or "rocket" (a terrorist's bomb on an
 * airliner, a rocket launch: the aircraft there are civilian). */
static int licenses(const wpn_cand *x)
{
    return strong(x) && (x->named || (strcmp(x->name, "bomb") != 0 && strcmp(x->name, "rocket") != 0));
}

/* The first token after t's word: past one glued hyphen ("drone-makers"). */
static size_t next_word(const wpn_doc *d, size_t t)
{
    const qry_doc_view *doc = d->view;
    if (t < doc->n_tokens && wpn_tok_is_hyphen(d, t) && !(doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE))
        t++;
    return t;
}

/* Apply the "not" marks: 1 to keep x (possibly cut), 0 to drop it. A mark
 * covers its tokens (not_tok) and makes a modifier of the hit written right
 * before it (not_start: the marks' first tokens). */
static int survives_marks(const wpn_doc *d, wpn_cand *x, const unsigned char *not_tok,
                          const unsigned char *not_start)
{
    const qry_doc_view *doc = d->view;
    size_t after = next_word(d, x->tok_end);
    int before_mark = after < doc->n_tokens && not_start[after] && wpn_tok_same_sentence(doc, x->tok_start, after);
    if (!x->gazetteer) {
        for (uint32_t t = x->tok_start; t < x->tok_end; t++)
            if (not_tok[t])
                return 0;
        return !before_mark;
    }
    uint32_t cut = x->tok_end;
    for (uint32_t t = x->name_end; t < x->tok_end && cut == x->tok_end; t++)
        if (not_tok[t])
            cut = t;
    if (cut == x->tok_end && before_mark)
        cut = x->name_end; /* "Patriot missile factory": the head modifies the factory */
    while (cut > x->name_end && (doc->tokens[cut - 1].flags & QRY_TOK_PUNCT))
        cut--; /* no dangling hyphen */
    if (cut < x->tok_end) {
        x->tok_end = cut;
        x->end = doc->tokens[cut - 1].end;
    }
    return 1;
}

/* Categories that go together in a list: the same one, or the two that fly. */
static int same_kind(const char *a, const char *b)
{
    if (a == b)
        return 1;
    int fa = strcmp(a, "aircraft") == 0 || strcmp(a, "drone") == 0;
    int fb = strcmp(b, "aircraft") == 0 || strcmp(b, "drone") == 0;
    return fa && fb;
}

/* Tokens [a, b) join two list items: ",", "and", "or", "&", "/" (one or
 * two of them: ", and"), within one sentence. */
static int coordinator(const wpn_doc *d, size_t a, size_t b)
{
    const qry_doc_view *doc = d->view;
    if (b <= a || b - a > 2 || !wpn_tok_same_sentence(doc, a, b))
        return 0;
    for (size_t t = a; t < b; t++) {
        const qry_token *k = &doc->tokens[t];
        const char ch = doc->text[k->start];
        int punct = (k->flags & QRY_TOK_PUNCT) && k->end - k->start == 1 && (ch == ',' || ch == '&' || ch == '/');
        if (!punct && !wpn_tok_eq(d, t, "and") && !wpn_tok_eq(d, t, "or"))
            return 0;
    }
    return 1;
}

static int by_start(const void *a, const void *b)
{
    const wpn_cand *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    return x->end > y->end ? -1 : x->end < y->end;
}

/* A candidate is a few words: one that starts this many bytes before
 * another cannot overlap it, which bounds the scan back below. */
#define CAND_MAX_BYTES 4096u

/* Number of licensing candidates that overlap candidate i (c sorted by
 * start). */
static size_t licensing_overlapping(const wpn_cands *c, size_t i)
{
    const wpn_cand *x = &c->v[i];
    size_t n = 0;
    for (size_t j = i; j-- > 0 && c->v[j].start + CAND_MAX_BYTES > x->start;)
        if (c->v[j].end > x->start && licenses(&c->v[j]))
            n++;
    for (size_t j = i + 1; j < c->n && c->v[j].start < x->end; j++)
        if (licenses(&c->v[j]))
            n++;
    return n;
}

/* A listed candidate i is coordinated with a neighbour that counts. The
 * neighbours are the nearest candidates before and after it that do not
 * overlap it. */
static int coordinated(const wpn_doc *d, const wpn_cands *c, size_t i, const unsigned char *counts)
{
    const wpn_cand *x = &c->v[i];
    for (size_t j = i; j-- > 0;) {
        const wpn_cand *y = &c->v[j];
        if (y->end > x->start)
            continue;
        if (counts[j] && same_kind(x->category, y->category) && coordinator(d, y->tok_end, x->tok_start))
            return 1;
        if (y->tok_end + 2 < x->tok_start)
            break;
    }
    for (size_t j = i + 1; j < c->n; j++) {
        const wpn_cand *y = &c->v[j];
        if (y->start < x->end)
            continue;
        if (counts[j] && same_kind(x->category, y->category) && coordinator(d, x->tok_end, y->tok_start))
            return 1;
        if (y->tok_start > x->tok_end + 2)
            break;
    }
    return 0;
}

/* Candidate x's first word is capitalised (not all capitals: a headline)
 * after a capitalised word that is not a demonym: it is part of a proper
 * name ("Kaman Aircraft", "3rd Army Aircraft Wing"), not a craft. */
static int inside_proper_name(const wpn_doc *d, const wpn_cand *x)
{
    const qry_doc_view *doc = d->view;
    const size_t t = x->tok_start;
    const uint32_t cap = QRY_TOK_CAP | QRY_TOK_UPPER;
    if (t == 0 || (doc->tokens[t].flags & cap) != QRY_TOK_CAP || !wpn_tok_same_sentence(doc, t - 1, t))
        return 0;
    const size_t p = t - 1;
    return (doc->tokens[p].flags & cap) == QRY_TOK_CAP && (doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE) &&
           !wpn_tok_in(d, p, WPN_LIST_DEMONYMS);
}

/* Weapon context for a weak candidate in sentence s: a cue there or a
 * licensing weapon other than the own_overlap ones that overlap it, or
 * either in a neighbouring sentence. */
static int weak_context(const unsigned char *cue, const size_t *n_licensing, size_t ns, size_t s, size_t own_overlap)
{
    if (cue[s] || n_licensing[s] > own_overlap)
        return 1;
    if (s > 0 && (cue[s - 1] || n_licensing[s - 1]))
        return 1;
    return s + 1 < ns && (cue[s + 1] || n_licensing[s + 1]);
}

int wpn_screen_needs_cues(const wpn_cands *c)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->v[i].needs == WPN_NEEDS_CONTEXT)
            return 1;
    return 0;
}

int wpn_screen(const wpn_doc *d, wpn_cands *c, const wpn_cands *marks)
{
    const qry_doc_view *doc = d->view;
    if (c->n == 0)
        return QRY_OK;
    const size_t ns = doc->n_sentences ? doc->n_sentences : 1;
    const size_t nt = doc->n_tokens ? doc->n_tokens : 1;
    unsigned char *not_tok = calloc(nt, 1), *not_start = calloc(nt, 1);
    unsigned char *cue = calloc(ns, 1);
    size_t *n_licensing = calloc(ns, sizeof *n_licensing);
    unsigned char *counts = calloc(c->n, 1);
    if (!not_tok || !not_start || !cue || !n_licensing || !counts) {
        free(not_tok);
        free(not_start);
        free(cue);
        free(n_licensing);
        free(counts);
        return QRY_ERR_NOMEM;
    }
    for (size_t m = 0; m < marks->n; m++) {
        const wpn_cand *k = &marks->v[m];
        if (k->mark == WPN_MARK_NOT) {
            memset(not_tok + k->tok_start, 1, k->tok_end - k->tok_start);
            not_start[k->tok_start] = 1;
        }
        else if (k->mark == WPN_MARK_CUE && doc->tokens[k->tok_start].sentence < ns)
            cue[doc->tokens[k->tok_start].sentence] = 1;
    }
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++)
        if (survives_marks(d, &c->v[i], not_tok, not_start))
            c->v[kept++] = c->v[i];
    c->n = kept;
    qsort(c->v, c->n, sizeof *c->v, by_start);

    for (size_t i = 0; i < c->n; i++) {
        uint32_t s = doc->tokens[c->v[i].tok_start].sentence;
        if (licenses(&c->v[i]) && s < ns)
            n_licensing[s]++;
    }
    for (size_t i = 0; i < c->n; i++) {
        const wpn_cand *x = &c->v[i];
        uint32_t s = doc->tokens[x->tok_start].sentence;
        if (x->needs == WPN_NEEDS_NOTHING)
            counts[i] = 1;
        else if (x->needs == WPN_NEEDS_CONTEXT && s < ns)
            counts[i] = !inside_proper_name(d, x) && weak_context(cue, n_licensing, ns, s, licensing_overlapping(c, i));
    }
    /* a list grows one item per pass ("bomber, fighter and ... aircraft") */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < c->n; i++)
            if (!counts[i] && c->v[i].needs == WPN_NEEDS_LIST && coordinated(d, c, i, counts))
                counts[i] = 1, changed = 1;
    }
    kept = 0;
    for (size_t i = 0; i < c->n; i++)
        if (counts[i])
            c->v[kept++] = c->v[i];
    c->n = kept;
    free(not_tok);
    free(not_start);
    free(cue);
    free(n_licensing);
    free(counts);
    return QRY_OK;
}
