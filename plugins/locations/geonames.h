/* geonames.h -- reading the GeoNames dump files a user downloads
 * (download.geonames.org/export/dump/), for the locations plugin's
 * GeoNames option. Internal to the plugin.
 *
 * geonames_codes.c  admin1CodesASCII.txt, admin2Codes.txt (code -> name)
 * geonames_dump.c   the geoname table (allCountries.txt, citiesNNN.txt,
 *                   a country's XX.txt), countryInfo.txt, alternateNamesV2.txt
 */
#ifndef QUARRY_LOC_GEONAMES_H
#define QUARRY_LOC_GEONAMES_H

#include "locations.h"

#define LOC_GN_CODE_COLUMNS 4

typedef struct loc_gn_code {
    char *code; /* "US.CA", "US.CA.037" */
    char *name;
} loc_gn_code;

typedef struct loc_gn_codes {
    loc_gn_code *v; /* sorted by code after reading */
    size_t n, cap;
} loc_gn_codes;

/* Read an admin1CodesASCII.txt / admin2Codes.txt; a bad line is an error
 * naming FILE:LINE. QRY_OK, QRY_ERR_IO, QRY_ERR_CONFIG or QRY_ERR_NOMEM. */
int loc_gn_read_codes(const char *path, loc_gn_codes *out, char *err, size_t errsz);
/* qsort/bsearch order of loc_gn_code: by code. */
int loc_gn_by_code(const void *a, const void *b);
/* The name of code, or NULL. */
const char *loc_gn_code_name(const loc_gn_codes *c, const char *code);
void loc_gn_codes_free(loc_gn_codes *c);

/* Split a GeoNames line in place at tabs (line end removed): the number of
 * columns, 0 for a blank or '#' comment line, max + 1 when there are more. */
int loc_gn_split(char *line, char **f, int max);

#endif
