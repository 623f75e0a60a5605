/* evidence.c -- what in a document vouches for a small place.
 *
 * The GeoNames option brings 200,000 places and more, most of them villages
 * whose names are also words or surnames ("Walsh", "Christmas", "Many"),
 * and alternate names in every language ("She" is a name of Huicheng).
 * Such a reading is weak: it is taken only when the document supports it
 * (its region is named, a preposition of place precedes it, another place
 * of the document lies near it) and never when the document writes the
 * same word in lower case ("many", "she").
 *
 * Every question is asked for many mentions of one document, so the
 * document is indexed once (its lower-case words hashed, its places' points
 * sorted by latitude) and each question is a look-up: the cost grows with
 * the document, not with its square.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "locations.h"

int loc_weak_sense(const loc_index *ix, uint32_t s)
{
    const loc_sense *se = loc_sense_at(ix, s);
    const loc_place *p = loc_place_at(ix, se->place);
    if (se->flags & LOC_SENSE_TEAM)
        return 0;
    return (se->flags & LOC_SENSE_ALT) ||
           (p->source == LOC_SRC_DUMP && p->kind != LOC_COUNTRY && p->kind != LOC_CONTINENT &&
            p->population < LOC_MINOR_POPULATION);
}

int loc_weak_reading(const loc_index *ix, const loc_mention *m, uint32_t s)
{
    const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
    if (!loc_weak_sense(ix, s))
        return 0;
    /* "Snake Island", "Heathrow Airport": a feature named in two words or
     * more is that feature; "Sable" alone may be anything */
    return !(p->source == LOC_SRC_DUMP && p->kind != LOC_CITY && m->tok_end - m->tok_start > 1);
}

struct loc_lower_word {
    const char *s; /* NULL: an empty slot */
    size_t n;
};

void loc_evidence_init(loc_evidence *ev, const qry_doc_view *doc) { *ev = (loc_evidence){.doc = doc}; }

void loc_evidence_free(loc_evidence *ev)
{
    free(ev->lower);
    free(ev->near);
    *ev = (loc_evidence){.doc = ev->doc};
}

/* FNV-1a of the word whose first byte is `first` and the rest rest[0..n-1). */
static uint64_t word_hash(unsigned char first, const char *rest, size_t n)
{
    uint64_t h = (14695981039346656037ull ^ first) * 1099511628211ull;
    for (size_t i = 0; i + 1 < n; i++)
        h = (h ^ (unsigned char)rest[i]) * 1099511628211ull;
    return h;
}

static int same_word(const loc_lower_word *w, unsigned char first, const char *rest, size_t n)
{
    return w->n == n && (unsigned char)w->s[0] == first && memcmp(w->s + 1, rest, n - 1) == 0;
}

/* The slot of the word, or the empty slot where it would go: an open
 * hash of at least twice as many slots as words, so probes stay short. */
static loc_lower_word *word_slot(const loc_evidence *ev, unsigned char first, const char *rest, size_t n)
{
    size_t mask = ev->n_lower - 1, i = (size_t)word_hash(first, rest, n) & mask;
    while (ev->lower[i].s && !same_word(&ev->lower[i], first, rest, n))
        i = (i + 1) & mask;
    return &ev->lower[i];
}

/* Every word of the document written without a capital, once each. */
static int index_lower_words(loc_evidence *ev)
{
    const qry_doc_view *doc = ev->doc;
    size_t n = 0, slots = 16;
    for (size_t t = 0; t < doc->n_tokens; t++)
        n += (doc->tokens[t].flags & QRY_TOK_WORD) && !(doc->tokens[t].flags & QRY_TOK_CAP);
    while (slots < 2 * n)
        slots *= 2;
    ev->lower = calloc(slots, sizeof *ev->lower);
    if (!ev->lower)
        return QRY_ERR_NOMEM;
    ev->n_lower = slots;
    for (size_t t = 0; t < doc->n_tokens; t++) {
        const qry_token *k = &doc->tokens[t];
        const char *s = doc->text + k->start;
        if ((k->flags & QRY_TOK_WORD) && !(k->flags & QRY_TOK_CAP))
            *word_slot(ev, (unsigned char)s[0], s + 1, k->end - k->start) = (loc_lower_word){s, k->end - k->start};
    }
    ev->lower_built = 1;
    return QRY_OK;
}

int loc_written_lower(loc_evidence *ev, const loc_mention *m)
{
    const qry_doc_view *doc = ev->doc;
    if (m->tok_end - m->tok_start != 1)
        return 0;
    if (!ev->lower_built && index_lower_words(ev) != QRY_OK) {
        ev->nomem = 1;
        return 0;
    }
    /* the word with its first letter lowered: "Many" is written "many" */
    const qry_token *w = &doc->tokens[m->tok_start];
    const char *text = doc->text + w->start;
    return word_slot(ev, (unsigned char)(text[0] | 0x20), text + 1, w->end - w->start)->s != NULL;
}

double loc_km(float lat1, float lon1, float lat2, float lon2)
{
    const double r = 6371.0, d = 3.14159265358979323846 / 180.0;
    double p1 = lat1 * d, p2 = lat2 * d, dp = p2 - p1, dl = (lon2 - lon1) * d;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

static int cmp_point(const void *a, const void *b)
{
    const loc_point *x = a, *y = b;
    if (x->lat != y->lat)
        return x->lat < y->lat ? -1 : 1;
    if (x->lon != y->lon)
        return x->lon < y->lon ? -1 : 1;
    return x->name < y->name ? -1 : x->name > y->name;
}

int loc_evidence_points(loc_evidence *ev, loc_point *pts, size_t n)
{
    if (!pts)
        return QRY_ERR_NOMEM;
    /* a place named a thousand times is one point: the same answers, once */
    qsort(pts, n, sizeof *pts, cmp_point);
    size_t kept = 0;
    for (size_t i = 0; i < n; i++)
        if (kept == 0 || cmp_point(&pts[kept - 1], &pts[i]) != 0)
            pts[kept++] = pts[i];
    free(ev->near);
    ev->near = pts;
    ev->n_near = kept;
    return QRY_OK;
}

/* Only points within km / 100 degrees of latitude are measured (a degree is
 * 111 km); the window is found by binary search, a little wider than the
 * test below so that rounding never leaves a point out. */
int loc_near_points(const loc_evidence *ev, const loc_place *p, double km, uint32_t name)
{
    const loc_point *pts = ev->near;
    if (!p->has_coords || !ev->n_near)
        return 0;
    double lo_lat = p->lat - km / 100.0 - 0.01, hi_lat = p->lat + km / 100.0 + 0.01;
    size_t lo = 0, hi = ev->n_near;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (pts[mid].lat < lo_lat)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t i = lo; i < ev->n_near && pts[i].lat <= hi_lat; i++)
        if (pts[i].name != name && fabsf(pts[i].lat - p->lat) < km / 100.0 &&
            loc_km(p->lat, p->lon, pts[i].lat, pts[i].lon) <= km)
            return 1;
    return 0;
}
