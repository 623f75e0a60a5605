/* geonames_lib.h -- libgeonames' functions, bound when the index is built
 * (geonames_lib.c says why it is not linked). Internal to the plugin. */
#ifndef QUARRY_LOC_GEONAMES_LIB_H
#define QUARRY_LOC_GEONAMES_LIB_H

#include <geonames.h>
#include <stddef.h>

/* The library's own prototypes, so a call is checked as if it were linked. */
typedef struct loc_geonames_api {
    __typeof__(geonames_get_n_cities) *n_cities;
    __typeof__(geonames_get_city) *get_city;
    __typeof__(geonames_city_free) *city_free;
    __typeof__(geonames_city_get_name) *name;
    __typeof__(geonames_city_get_state) *state;
    __typeof__(geonames_city_get_country_code) *country_code;
    __typeof__(geonames_city_get_latitude) *latitude;
    __typeof__(geonames_city_get_longitude) *longitude;
    __typeof__(geonames_city_get_population) *population;
} loc_geonames_api;

/* The library's functions, loading it on the first call; NULL with a
 * one-line reason in err when it cannot be loaded. The table is static and
 * lives until exit. Thread-safe. */
const loc_geonames_api *loc_geonames_open(char *err, size_t errsz);

#endif
