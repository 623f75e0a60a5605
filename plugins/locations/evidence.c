/* evidence.c -- what in a document vouches for a small place.
 *
 * The GeoNames option brings 200,000 places and more, most of them villages
 * whose names are also words or surnames ("Walsh", "Christmas", "Many"),
 * and alternate names in every language ("She" is a name of Huicheng).
 * Such a reading is weak: it is taken only when the document supports it
 * (its region is named, a preposition of place precedes it, another place
 * of the document lies near it) and never when the document writes the
 * same word in lower case ("many", "she").
 */
#include <math.h>
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

int loc_written_lower(const qry_doc_view *doc, const loc_mention *m)
{
    const qry_token *w = &doc->tokens[m->tok_start];
    size_t n = w->end - w->start;
    if (m->tok_end - m->tok_start != 1)
        return 0;
    for (size_t t = 0; t < doc->n_tokens; t++) {
        const qry_token *k = &doc->tokens[t];
        if ((k->flags & QRY_TOK_WORD) && !(k->flags & QRY_TOK_CAP) && k->end - k->start == n &&
            doc->text[k->start] == (char)(doc->text[w->start] | 0x20) &&
            memcmp(doc->text + k->start + 1, doc->text + w->start + 1, n - 1) == 0)
            return 1;
    }
    return 0;
}

double loc_km(float lat1, float lon1, float lat2, float lon2)
{
    const double r = 6371.0, d = 3.14159265358979323846 / 180.0;
    double p1 = lat1 * d, p2 = lat2 * d, dp = p2 - p1, dl = (lon2 - lon1) * d;
    double a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2);
    return 2 * r * asin(sqrt(a < 1 ? a : 1));
}

int loc_near_points(const loc_place *p, const loc_point *pts, size_t n, double km, uint32_t name)
{
    for (size_t i = 0; p->has_coords && i < n; i++)
        if (pts[i].name != name && fabsf(pts[i].lat - p->lat) < km / 100.0 &&
            loc_km(p->lat, p->lon, pts[i].lat, pts[i].lon) <= km)
            return 1;
    return 0;
}
