/* join.c -- one mention per weapon.
 *
 * The gazetteer and the patterns find pieces: "TOS-1A", "flamethrower",
 * "rockets"; "M777" and "artillery pieces"; "Starstreak" and "anti-air
 * missiles". Written together they name one weapon, so they become one
 * mention:
 *
 * - before overlap resolution, a name whose head phrase ends inside a class
 *   hit grows to the end of the hit ("M777 artillery" + "artillery pieces"),
 *   so the longer class does not swallow the name;
 * - after it, a class directly followed by another class fuses with it
 *   ("flamethrower rockets", "rocket artillery systems"), then a name
 *   directly followed by a class takes the class as its head noun ("M777
 *   155mm howitzer"), and a name followed by another form of the same name
 *   stays one ("C-17A Globemaster"); a class of the name's own category
 *   right before it says what the named thing is ("the frigate HMS Kent",
 *   "the guided-missile destroyer USS Carney"): one ship, one mention,
 *   named after the name. Only spaces, glued hyphens, modifier words
 *   ("anti", "range") and "modifier" marks ("Nato-standard",
 *   "high-velocity") may stand between, in one sentence (the core keeps the
 *   lines of a hard-wrapped sentence together).
 *
 * Pieces that cannot be one thing stay apart: a platform and a munition
 * ("Su-25 missiles" are the aircraft's missiles, "missiles Su-25s carry"),
 * except that a platform class may be named after its weapon ("missile
 * submarines").
 */
#include <stdlib.h>
#include <string.h>

#include "weapons.h"

#define MAX_GAP_WORDS 4

void wpn_join_overlaps(wpn_cands *c)
{
    for (size_t i = 0; i < c->n; i++) {
        wpn_cand *x = &c->v[i];
        if (!x->gazetteer || x->tok_end == x->name_end)
            continue; /* no head phrase to grow */
        /* the hits starting inside the head come next in start order; the
         * bound is re-read, so a chain of them grows the name step by step */
        for (size_t j = i + 1; j < c->n && c->v[j].tok_start < x->tok_end; j++) {
            const wpn_cand *g = &c->v[j];
            if (!g->named && g->tok_start >= x->name_end && g->tok_end > x->tok_end) {
                x->tok_end = g->tok_end;
                x->end = g->end;
            }
        }
    }
}

static int platform(const char *cat)
{
    return strcmp(cat, "aircraft") == 0 || strcmp(cat, "drone") == 0 || strcmp(cat, "naval") == 0 ||
           strcmp(cat, "armor") == 0;
}

/* The tokens [a, b) between two pieces let them join (modifier_tok: the
 * tokens under modifier marks, or NULL when none were looked for). */
static int gap_ok(const wpn_doc *d, size_t a, size_t b, const unsigned char *modifier_tok)
{
    const qry_doc_view *doc = d->view;
    if (a == 0 || b >= doc->n_tokens || b < a || !wpn_tok_same_sentence(doc, a - 1, b))
        return 0;
    size_t words = 0;
    for (size_t t = a; t < b; t++) {
        const qry_token *k = &doc->tokens[t];
        if (wpn_tok_is_hyphen(d, t)) {
            /* only glued inside a word pair: "Nato-standard" */
            if ((k->flags & QRY_TOK_SPACE_BEFORE) || (doc->tokens[t + 1].flags & QRY_TOK_SPACE_BEFORE) || t == a)
                return 0;
            continue;
        }
        if (!(modifier_tok && modifier_tok[t]) && !((k->flags & QRY_TOK_WORD) && wpn_tok_in(d, t, WPN_LIST_MODIFIERS)))
            return 0;
        if (++words > MAX_GAP_WORDS)
            return 0;
    }
    return 1;
}

/* Fuse y into x: the span of both, the attributes of keep. */
static void fuse(wpn_cand *x, const wpn_cand *y, const wpn_cand *keep)
{
    wpn_cand j = *keep;
    j.start = x->start;
    j.tok_start = x->tok_start;
    j.name_end = x->name_end;
    j.end = y->end;
    j.tok_end = y->tok_end;
    *x = j;
}

static int munition(const char *cat) { return !platform(cat); }

/* Which piece of two fused classes names the whole: the head (the second),
 * except that an air defence modifier says more than a munition head
 * ("air-defence missiles", "air defense artillery system"). */
static const wpn_cand *class_head(const wpn_cand *mod, const wpn_cand *head)
{
    if (strcmp(mod->category, "air_defense") == 0 && munition(head->category))
        return mod;
    return head;
}

/* y repeats x's text ("M777 howitzers M777 howitzers"): two mentions, not a
 * second form of the name ("C-17A Globemaster"). */
static int repeated(const qry_doc_view *doc, const wpn_cand *x, const wpn_cand *y)
{
    char kx[128], ky[128];
    size_t nx = wpn_key_normalize(doc->text + x->start, x->end - x->start, kx, sizeof kx);
    size_t ny = wpn_key_normalize(doc->text + y->start, y->end - y->start, ky, sizeof ky);
    return nx == 0 || ny == 0 || (nx == ny && memcmp(kx, ky, nx) == 0); /* 0: too long to tell */
}

int wpn_join_needs_modifiers(const wpn_doc *d, const wpn_cands *c)
{
    const qry_doc_view *doc = d->view;
    for (size_t i = 1; i < c->n; i++) {
        const wpn_cand *x = &c->v[i - 1], *y = &c->v[i];
        if (y->tok_start > x->tok_end && y->tok_start - x->tok_end <= 2 * MAX_GAP_WORDS &&
            wpn_tok_same_sentence(doc, x->tok_end, y->tok_start) && !gap_ok(d, x->tok_end, y->tok_start, NULL))
            return 1;
    }
    return 0;
}

int wpn_join_adjacent(const wpn_doc *d, wpn_cands *c, const wpn_cands *marks)
{
    const qry_doc_view *doc = d->view;
    if (c->n < 2)
        return QRY_OK;
    unsigned char *modifier_tok = calloc(doc->n_tokens, 1);
    if (!modifier_tok)
        return QRY_ERR_NOMEM;
    for (size_t m = 0; m < marks->n; m++)
        if (marks->v[m].mark == WPN_MARK_MODIFIER)
            memset(modifier_tok + marks->v[m].tok_start, 1, marks->v[m].tok_end - marks->v[m].tok_start);

    /* classes first, so that a name then meets the whole class phrase */
    size_t kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        wpn_cand *y = &c->v[i];
        wpn_cand *x = kept ? &c->v[kept - 1] : NULL;
        if (x && !x->named && !y->named && !(platform(x->category) && munition(y->category)) &&
            gap_ok(d, x->tok_end, y->tok_start, modifier_tok)) {
            fuse(x, y, class_head(x, y));
            continue;
        }
        c->v[kept++] = *y;
    }
    c->n = kept;

    kept = 0;
    for (size_t i = 0; i < c->n; i++) {
        wpn_cand *y = &c->v[i];
        wpn_cand *x = kept ? &c->v[kept - 1] : NULL;
        int join = 0;
        if (x && x->named && x->gazetteer && gap_ok(d, x->tok_end, y->tok_start, modifier_tok)) {
            if (!y->named)
                join = platform(x->category) == platform(y->category);
            else
                join = y->gazetteer && strcmp(x->name, y->name) == 0 && !repeated(doc, x, y);
        }
        if (join) {
            fuse(x, y, x);
            continue;
        }
        /* the class names what the name is: "the frigate HMS Kent" */
        if (x && !x->named && y->named && x->category == y->category &&
            gap_ok(d, x->tok_end, y->tok_start, modifier_tok)) {
            fuse(x, y, y);
            continue;
        }
        c->v[kept++] = *y;
    }
    c->n = kept;
    free(modifier_tok);
    return QRY_OK;
}
