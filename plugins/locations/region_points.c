/* region_points.c -- a point for each first-level region from the GeoNames
 * option's own places, when its table has no ADM1 line for the region.
 *
 * A cities table (cities500.txt) holds populated places only. Left alone, a
 * region would keep points.tsv's point, which another gazetteer chose: for
 * a large region it lies hundreds of kilometres from GeoNames' own (Alberta
 * 193 km, Queensland 260 km, New York State at New York City). GeoNames
 * puts a region near the middle of its extent (Queensland at 20 S 145 E),
 * and the places of a region span nearly all of it, so the middle of the
 * extent of the region's places is a point of the same gazetteer as every
 * city the user gets.
 */
#include <stdlib.h>

#include "locations.h"

/* Fewer places than this say little about a region's extent. */
#define MIN_PLACES 3

typedef struct extent {
    float lat_min, lat_max;
    float lon_min, lon_max;   /* longitudes in [-180, 180) */
    float east_min, east_max; /* the same in [0, 360): a region across the antimeridian */
    uint32_t n;
} extent;

static void widen(extent *e, float lat, float lon)
{
    float east = lon < 0 ? lon + 360.0f : lon;
    if (e->n++ == 0) {
        *e = (extent){lat, lat, lon, lon, east, east, 1};
        return;
    }
    if (lat < e->lat_min)
        e->lat_min = lat;
    if (lat > e->lat_max)
        e->lat_max = lat;
    if (lon < e->lon_min)
        e->lon_min = lon;
    if (lon > e->lon_max)
        e->lon_max = lon;
    if (east < e->east_min)
        e->east_min = east;
    if (east > e->east_max)
        e->east_max = east;
}

/* The middle of the narrower of the two longitude spans (Alaska's
 * Aleutians lie on both sides of 180 degrees). */
static float middle_lon(const extent *e)
{
    if (e->lon_max - e->lon_min <= e->east_max - e->east_min)
        return (e->lon_min + e->lon_max) / 2;
    float m = (e->east_min + e->east_max) / 2;
    return m >= 180.0f ? m - 360.0f : m;
}

int loc_region_points(loc_index *ix)
{
    size_t n = loc_n_places(ix);
    extent *ext = calloc(n ? n : 1, sizeof *ext);
    if (!ext)
        return QRY_ERR_NOMEM;
    for (uint32_t i = 0; i < n; i++) {
        const loc_place *p = loc_place_at(ix, i);
        if (p->kind == LOC_CITY && p->has_coords && p->subdiv != LOC_NONE && p->subdiv < n)
            widen(&ext[p->subdiv], p->lat, p->lon);
    }
    for (uint32_t i = 0; i < n; i++) {
        loc_place *p = loc_place_at(ix, i);
        /* a region the table gave an ADM1 line keeps GeoNames' own point */
        if (p->source != LOC_SRC_SUBDIV || (p->has_coords && !p->table_point) || ext[i].n < MIN_PLACES)
            continue;
        p->lat = (ext[i].lat_min + ext[i].lat_max) / 2;
        p->lon = middle_lon(&ext[i]);
        p->has_coords = 1;
        p->table_point = 0;
    }
    free(ext);
    return QRY_OK;
}
