/* load_points.c -- conf/locations/points.tsv: a representative point for
 * each country and first-level subdivision, so that every place the plugin
 * emits can be put on a map (iso-codes has names and codes, no coordinates).
 *
 *   CODE <TAB> LAT <TAB> LON <TAB> ENGLISH NAME
 *
 * CODE is ISO 3166-1 alpha-2 ("US") or ISO 3166-2 ("US-CA"); a code that
 * iso-codes does not know is skipped (the file covers more subdivisions
 * than the first level). The English name ("Bavaria" for iso-codes'
 * "Bayern") becomes another form of the subdivision. The file is generated
 * (tools/make_points.py); its source is documented in its header.
 */
#include <stdio.h>
#include <string.h>

#include "locations.h"

static int point_line(loc_index *ix, char **f, int nf, const char *where, char *err, size_t errsz)
{
    float lat, lon;
    if (nf != 4) {
        snprintf(err, errsz, "%s: expected CODE<TAB>LAT<TAB>LON<TAB>NAME, found %d field(s)", where, nf);
        return QRY_ERR_CONFIG;
    }
    if (!loc_parse_coord(f[1], 90, &lat) || !loc_parse_coord(f[2], 180, &lon)) {
        snprintf(err, errsz, "%s: bad coordinates '%s' '%s'", where, f[1], f[2]);
        return QRY_ERR_CONFIG;
    }
    size_t n = strlen(f[0]);
    uint32_t p;
    if (n == 2) {
        p = loc_country_of(ix, f[0]);
    } else if (n > 3 && f[0][2] == '-') {
        p = loc_subdivision_of_code(ix, f[0]);
    } else {
        snprintf(err, errsz, "%s: '%s' is not an ISO 3166-1 or 3166-2 code", where, f[0]);
        return QRY_ERR_CONFIG;
    }
    if (p == LOC_NONE)
        return QRY_OK;
    loc_place *pl = loc_place_at(ix, p);
    pl->lat = lat;
    pl->lon = lon;
    pl->has_coords = 1;
    pl->table_point = 1;
    return n == 2 || loc_empty_field(f[3]) ? QRY_OK : loc_index_name(ix, f[3], p, 0, 0);
}

int loc_load_points(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz)
{
    return loc_read_tsv(tb, ix, path, point_line, err, errsz);
}
