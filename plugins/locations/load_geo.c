/* load_geo.c -- cities from Debian's libgeonames (the GeoNames cities
 * table compiled into the library: name, first-level region, country code,
 * coordinates, population).
 *
 * Each city is linked to its ISO 3166-2 subdivision when the region's name
 * is one ("Texas" -> US-TX), so "Paris, Texas" and "Long Beach, CA" can be
 * checked against it.
 */
#include <stdio.h>
#include <string.h>

#include "geonames_lib.h"
#include "locations.h"

/* The subdivision of country cc indexed under `name`, or LOC_NONE. */
static uint32_t find_subdiv(const loc_index *ix, const char *name, size_t n, const char *cc)
{
    char buf[LOC_KEY_MAX], key[LOC_KEY_MAX];
    uint32_t mask, first, kflags;
    if (n >= sizeof buf)
        return LOC_NONE;
    memcpy(buf, name, n);
    buf[n] = '\0';
    size_t k = loc_name_key(buf, key, sizeof key, &mask);
    if (k == 0 || !loc_index_find(ix, key, k, &first, &kflags))
        return LOC_NONE;
    for (uint32_t s = first; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
        if (p->source == LOC_SRC_SUBDIV && strcmp(p->cc, cc) == 0)
            return loc_sense_at(ix, s)->place;
    }
    return LOC_NONE;
}

/* GeoNames writes "Kharkiv Oblast", "Texas"; iso-codes "Kharkivska oblast",
 * "Texas": try the name, then the name without its last word. */
uint32_t loc_link_subdiv(const loc_index *ix, const char *state, const char *cc)
{
    if (!state || !*state)
        return LOC_NONE;
    size_t n = strlen(state);
    uint32_t p = find_subdiv(ix, state, n, cc);
    const char *sp = strrchr(state, ' ');
    if (p == LOC_NONE && sp)
        p = find_subdiv(ix, state, (size_t)(sp - state), cc);
    return p;
}

int loc_load_geonames(loc_index *ix, uint32_t min_population, char *err, size_t errsz)
{
    const loc_geonames_api *gn = loc_geonames_open(err, errsz);
    if (!gn)
        return QRY_ERR_CONFIG;
    int n = gn->n_cities();
    if (n <= 0) {
        snprintf(err, errsz, "libgeonames holds no cities");
        return QRY_ERR_CONFIG;
    }
    int rc = QRY_OK;
    for (int i = 0; i < n && rc == QRY_OK; i++) {
        GeonamesCity *c = gn->get_city(i);
        if (!c)
            continue;
        const char *name = gn->name(c), *cc = gn->country_code(c);
        guint pop = gn->population(c);
        if (name && cc && strlen(cc) == 2 && pop >= min_population) {
            uint32_t p = loc_place_add(ix), off = loc_intern(ix, name, strlen(name));
            if (p == LOC_NONE || off == LOC_NONE) {
                rc = QRY_ERR_NOMEM;
            } else {
                loc_place *pl = loc_place_at(ix, p);
                pl->name = off;
                pl->kind = LOC_CITY;
                pl->source = LOC_SRC_GEONAMES;
                memcpy(pl->cc, cc, 3);
                pl->population = pop;
                pl->lat = (float)gn->latitude(c);
                pl->lon = (float)gn->longitude(c);
                pl->has_coords = 1;
                pl->subdiv = loc_link_subdiv(ix, gn->state(c), cc);
                rc = loc_index_name(ix, name, p, 0, 0);
            }
        }
        gn->city_free(c);
    }
    if (rc != QRY_OK)
        snprintf(err, errsz, "out of memory loading libgeonames cities");
    return rc;
}
