/* geonames_dump.c -- the GeoNames option: the dump files a user downloads,
 * read once into the index (the start-up cache keeps the result).
 *
 * The geoname table (allCountries.txt, citiesNNN.txt, XX.txt), one place a
 * line, 19 tab-separated columns as GeoNames' readme documents them:
 *   geonameid, name, asciiname, alternatenames (comma-separated), latitude,
 *   longitude, feature class, feature code, country code, cc2, admin1 code,
 *   admin2 code, admin3 code, admin4 code, population, elevation, dem,
 *   timezone, modification date
 * Kept: populated places (class P) as cities; countries (A.PCL*) and
 * first-level divisions (A.ADM1), which give the iso-codes country or
 * subdivision GeoNames' point and names; counties (A.ADM2); seas, gulfs,
 * bays and straits (H); islands, peninsulas and mountain ranges (T);
 * continents and regions (L); airports (S.AIRP). A place already in the
 * index from libgeonames (same country, name, within ~5 km) gains the
 * dump's alternate names instead of being added twice.
 *
 * admin2Codes.txt names the counties; one the table has populated places
 * of but no ADM2 line for (a citiesNNN.txt has none) becomes a region at
 * the mean point of its places.
 * countryInfo.txt adds the countries iso-codes lacks (Kosovo, XK);
 * admin1CodesASCII.txt names the admin1 codes, so each place is linked to
 * its first-level subdivision; without it the link is learned from the
 * ADM1 lines and libgeonames' cities, or taken from an alphabetic code
 * that is the ISO 3166-2 one (US.CA). alternateNamesV2.txt adds English
 * names and abbreviations that are neither historic nor colloquial.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geonames.h"

enum { GN_ID, GN_NAME, GN_ASCII, GN_ALT, GN_LAT, GN_LON, GN_FCLASS, GN_FCODE, GN_CC, GN_CC2,
       GN_ADMIN1, GN_ADMIN2, GN_ADMIN3, GN_ADMIN4, GN_POP, GN_ELEV, GN_DEM, GN_TZ, GN_MOD, GN_COLUMNS };

#define ADMIN_MAX 24 /* "US.CA" or "US.CA.037", with room */

/* A place read from the dump, remembered until the files are all read:
 * its geonameid (for alternateNamesV2.txt) and admin codes (for linking). */
typedef struct gn_seen {
    uint32_t geonameid;
    uint32_t place;
    char admin1[ADMIN_MAX]; /* "CC.CODE", "" when none */
    uint8_t is_adm1;        /* the line was the ADM1 itself */
} gn_seen;

/* A county of admin2Codes.txt, built from its populated places when the
 * table has no ADM2 line for it (citiesNNN.txt): their mean point. */
typedef struct gn_county {
    double lat, lon;
    uint32_t n_places, population;
    uint8_t has_line; /* the table gave the ADM2 itself */
} gn_county;

typedef struct gn_load {
    loc_index *ix;
    loc_gn_codes admin1, admin2;
    gn_county *counties; /* parallel to admin2.v */
    gn_seen *seen;
    size_t n_seen, cap_seen;
    uint32_t min_population;
    const char *path;
    unsigned line;
    char *err;
    size_t errsz;
} gn_load;

/* Report an error of the current line (what: its reason; unused for
 * QRY_ERR_NOMEM) and return rc. */
static int fail(gn_load *g, int rc, const char *what)
{
    if (rc == QRY_ERR_NOMEM || !what)
        snprintf(g->err, g->errsz, "out of memory reading %s", g->path);
    else
        snprintf(g->err, g->errsz, "%s:%u: %s", g->path, g->line, what);
    return rc;
}

/* The kind a GeoNames feature becomes, or -1 when it is not kept. */
static int feature_kind(const char *fclass, const char *fcode)
{
    static const struct {
        char fclass;
        const char *codes; /* space-separated, each followed by a space */
        int kind;
    } keep[] = {
        {'A', "PCLI PCLD PCLF PCLS PCLIX PCL TERR ", LOC_COUNTRY},
        {'A', "ADM1 ADM2 ", LOC_REGION},
        {'H', "OCN SEA GULF BAY BAYS STRT SD ", LOC_SEA},
        {'T', "PEN ", LOC_PENINSULA},
        {'T', "ISL ISLS ATOL MTS ", LOC_OTHER},
        {'L', "CONT ", LOC_CONTINENT},
        {'L', "RGN ", LOC_REGION},
        {'S', "AIRP ", LOC_OTHER},
    };
    if (fclass[0] == 'P' && !fclass[1])
        /* not historical, abandoned or destroyed places */
        return strcmp(fcode, "PPLH") && strcmp(fcode, "PPLQ") && strcmp(fcode, "PPLW") ? LOC_CITY : -1;
    char code[16];
    if (strlen(fcode) + 2 > sizeof code || !fclass[0] || fclass[1])
        return -1;
    snprintf(code, sizeof code, "%s ", fcode);
    for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
        const char *hit = fclass[0] == keep[i].fclass ? strstr(keep[i].codes, code) : NULL;
        if (hit && (hit == keep[i].codes || hit[-1] == ' '))
            return keep[i].kind;
    }
    return -1;
}

/* An alternate name worth matching in English text: Latin script, opening
 * with a capital, four bytes or more ("She", "But" are names of
 * places too), not a code ("LAX", "FRA" are airport and country codes;
 * alternateNamesV2's abbreviations come another way). */
static int usable_alternate(const char *s)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t n = strlen(s), upper = 0, letters = 0;
    if (n < 4 || !((u[0] >= 'A' && u[0] <= 'Z') || (u[0] >= 0xC3 && u[0] <= 0xC5)))
        return 0;
    for (size_t i = 0; i < n; i++) {
        if (u[i] >= 0x80 && !(u[i] >= 0xC3 && u[i] <= 0xC5) && !(u[i] >= 0x80 && u[i] <= 0xBF))
            return 0; /* a letter outside Latin-1 and Latin Extended-A */
        if (u[i] >= '0' && u[i] <= '9')
            return 0;
        letters += (u[i] >= 'A' && u[i] <= 'Z') || (u[i] >= 'a' && u[i] <= 'z');
        upper += u[i] >= 'A' && u[i] <= 'Z';
    }
    return !(upper == letters && letters <= 5);
}

static int remember(gn_load *g, uint32_t id, uint32_t place, const char *cc, const char *admin1, int is_adm1)
{
    if (g->n_seen == g->cap_seen) {
        size_t cap = g->cap_seen ? g->cap_seen * 2 : 4096;
        gn_seen *v = realloc(g->seen, cap * sizeof *v);
        if (!v)
            return QRY_ERR_NOMEM;
        g->seen = v;
        g->cap_seen = cap;
    }
    gn_seen *s = &g->seen[g->n_seen++];
    *s = (gn_seen){.geonameid = id, .place = place, .is_adm1 = (uint8_t)is_adm1};
    if (*admin1 && strcmp(admin1, "00") != 0)
        snprintf(s->admin1, sizeof s->admin1, "%s.%s", cc, admin1);
    return QRY_OK;
}

/* A libgeonames city of this name and country within ~5 km, or LOC_NONE. */
static uint32_t known_city(const loc_index *ix, const char *name, const char *cc, float lat, float lon)
{
    char key[LOC_KEY_MAX];
    uint32_t mask, first, kflags;
    size_t n = loc_name_key(name, key, sizeof key, &mask);
    if (n == 0 || !loc_index_find(ix, key, n, &first, &kflags))
        return LOC_NONE;
    for (uint32_t s = first; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
        if (p->source == LOC_SRC_GEONAMES && strcmp(p->cc, cc) == 0 && fabsf(p->lat - lat) < 0.05f &&
            fabsf(p->lon - lon) < 0.05f)
            return loc_sense_at(ix, s)->place;
    }
    return LOC_NONE;
}

/* The existing place a line is about (an iso-codes country or subdivision,
 * a libgeonames city), or LOC_NONE when it is new. */
static uint32_t existing(const gn_load *g, int kind, const char *fcode, char **f, float lat, float lon)
{
    if (kind == LOC_COUNTRY)
        return loc_country_of(g->ix, f[GN_CC]);
    if (kind == LOC_REGION && strcmp(fcode, "ADM1") == 0)
        return loc_link_subdiv(g->ix, f[GN_NAME], f[GN_CC]);
    if (kind == LOC_CITY)
        return known_city(g->ix, f[GN_NAME], f[GN_CC], lat, lon);
    return LOC_NONE;
}

/* An alternate name that is the place's own name shortened to its first
 * words ("Acapulco" of Acapulco de Juarez, "Newcastle" of Newcastle upon
 * Tyne) or followed by "City" ("Quebec City") is the name English uses,
 * not another language's: it is no weak reading. */
static int short_form(const char *name_key, size_t name_len, const char *alt)
{
    char key[LOC_KEY_MAX];
    uint32_t mask;
    /* most alternates differ from the first letter on: no key to build */
    if ((alt[0] | 0x20) != name_key[0])
        return 0;
    size_t n = loc_name_key(alt, key, sizeof key, &mask);
    if (n == 0)
        return 0;
    if (n < name_len && memcmp(key, name_key, n) == 0 && name_key[n] == ' ')
        return 1;
    return n == name_len + 5 && memcmp(key, name_key, name_len) == 0 && strcmp(key + name_len, " city") == 0;
}

static int index_alternates(loc_index *ix, char *alts, uint32_t place)
{
    int rc = QRY_OK;
    char *save = NULL, name_key[LOC_KEY_MAX];
    uint32_t mask;
    size_t name_len = *alts ? loc_name_key(loc_str(ix, loc_place_at(ix, place)->name), name_key, sizeof name_key, &mask) : 0;
    for (char *a = strtok_r(alts, ",", &save); a && rc == QRY_OK; a = strtok_r(NULL, ",", &save))
        if (usable_alternate(a))
            rc = loc_index_name(ix, a, place, name_len && short_form(name_key, name_len, a) ? 0 : LOC_SENSE_ALT, 0);
    return rc;
}

static int parse_population(const char *s, uint32_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = *s ? strtoull(s, &end, 10) : 0;
    if (*s && (errno || *end || v > UINT32_MAX))
        return 0;
    *out = (uint32_t)v;
    return 1;
}

/* The county entry of a line's admin2 code, or NULL. */
static gn_county *county_of(gn_load *g, char **f)
{
    char code[ADMIN_MAX * 2];
    if (!g->counties || !*f[GN_ADMIN2] ||
        (size_t)snprintf(code, sizeof code, "%s.%s.%s", f[GN_CC], f[GN_ADMIN1], f[GN_ADMIN2]) >= sizeof code)
        return NULL;
    loc_gn_code key = {code, NULL};
    const loc_gn_code *hit = bsearch(&key, g->admin2.v, g->admin2.n, sizeof *g->admin2.v, loc_gn_by_code);
    return hit ? &g->counties[hit - g->admin2.v] : NULL;
}

static int dump_line(gn_load *g, char **f)
{
    float lat, lon;
    uint32_t pop = 0, id = 0;
    if (!parse_population(f[GN_ID], &id) || id == 0)
        return fail(g, QRY_ERR_CONFIG, "geonameid is not a number");
    if (!loc_parse_coord(f[GN_LAT], 90, &lat) || !loc_parse_coord(f[GN_LON], 180, &lon))
        return fail(g, QRY_ERR_CONFIG, "bad latitude or longitude");
    if (!parse_population(f[GN_POP], &pop))
        return fail(g, QRY_ERR_CONFIG, "population is not a number");
    if (strlen(f[GN_CC]) != 2 && *f[GN_CC])
        return fail(g, QRY_ERR_CONFIG, "country code is not ISO 3166-1 alpha-2");
    int kind = feature_kind(f[GN_FCLASS], f[GN_FCODE]);
    gn_county *county = kind == LOC_CITY || strcmp(f[GN_FCODE], "ADM2") == 0 ? county_of(g, f) : NULL;
    if (county && kind == LOC_CITY) {
        county->lat += lat;
        county->lon += lon;
        county->n_places++;
        county->population += pop;
    } else if (county) {
        county->has_line = 1;
    }
    if (kind < 0 || !*f[GN_NAME] || (kind == LOC_CITY && pop < g->min_population))
        return QRY_OK;
    if (kind != LOC_CONTINENT && kind != LOC_SEA && !*f[GN_CC])
        return QRY_OK; /* a country's place without its country */
    uint32_t p = existing(g, kind, f[GN_FCODE], f, lat, lon);
    int is_new = p == LOC_NONE;
    if (is_new) {
        uint32_t name = loc_intern(g->ix, f[GN_NAME], strlen(f[GN_NAME]));
        if (name == LOC_NONE || (p = loc_place_add(g->ix)) == LOC_NONE)
            return fail(g, QRY_ERR_NOMEM, NULL);
        loc_place *pl = loc_place_at(g->ix, p);
        pl->name = name;
        pl->kind = (uint8_t)kind;
        pl->source = LOC_SRC_DUMP;
        memcpy(pl->cc, f[GN_CC], strlen(f[GN_CC]) + 1);
        pl->population = pop;
        if (kind == LOC_COUNTRY)
            loc_set_country(g->ix, pl->cc, p);
    }
    loc_place *pl = loc_place_at(g->ix, p);
    if (is_new || pl->kind != LOC_CITY) { /* libgeonames' cities keep their own point */
        pl->lat = lat;
        pl->lon = lon;
        pl->has_coords = 1;
        pl->table_point = 0;
    }
    int rc = loc_index_name(g->ix, f[GN_NAME], p, 0, 0);
    if (rc == QRY_OK && strcmp(f[GN_ASCII], f[GN_NAME]) != 0 && *f[GN_ASCII])
        rc = loc_index_name(g->ix, f[GN_ASCII], p, 0, 0);
    if (rc == QRY_OK)
        rc = index_alternates(g->ix, f[GN_ALT], p);
    if (rc == QRY_OK)
        rc = remember(g, id, p, f[GN_CC], f[GN_ADMIN1], strcmp(f[GN_FCODE], "ADM1") == 0);
    return rc == QRY_OK ? QRY_OK : fail(g, rc, NULL);
}

static int read_table(gn_load *g, const char *path, int columns, int (*fn)(gn_load *, char **))
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(g->err, g->errsz, "%s: %s", path, strerror(errno));
        return QRY_ERR_IO;
    }
    char *line = NULL, *f[GN_COLUMNS + 1];
    size_t cap = 0;
    int rc = QRY_OK;
    g->path = path;
    g->line = 0;
    while (rc == QRY_OK && getline(&line, &cap, fp) >= 0) {
        g->line++;
        int nf = loc_gn_split(line, f, columns);
        if (nf == 0)
            continue;
        if (nf != columns) {
            char what[96];
            snprintf(what, sizeof what, "expected %d tab-separated columns, found %s%d", columns,
                     nf > columns ? "more than " : "", nf > columns ? columns : nf);
            rc = fail(g, QRY_ERR_CONFIG, what);
        } else {
            rc = fn(g, f);
        }
    }
    free(line);
    fclose(fp);
    return rc;
}

/* countryInfo.txt: ISO, ISO3, ISO-Numeric, fips, Country, Capital, Area,
 * Population, Continent, tld, CurrencyCode, CurrencyName, Phone, Postal
 * Code Format, Postal Code Regex, Languages, geonameid, neighbours,
 * EquivalentFipsCode. Only the countries iso-codes lacks are added. */
#define GN_COUNTRY_COLUMNS 19
static int country_line(gn_load *g, char **f)
{
    if (strlen(f[0]) != 2 || f[0][0] < 'A' || f[0][0] > 'Z' || f[0][1] < 'A' || f[0][1] > 'Z')
        return fail(g, QRY_ERR_CONFIG, "ISO code is not ISO 3166-1 alpha-2");
    if (loc_country_of(g->ix, f[0]) != LOC_NONE || !*f[4])
        return QRY_OK;
    uint32_t p = loc_place_add(g->ix), name = loc_intern(g->ix, f[4], strlen(f[4]));
    if (p == LOC_NONE || name == LOC_NONE)
        return fail(g, QRY_ERR_NOMEM, NULL);
    loc_place *pl = loc_place_at(g->ix, p);
    pl->name = name;
    pl->kind = LOC_COUNTRY;
    pl->source = LOC_SRC_DUMP;
    memcpy(pl->cc, f[0], 3);
    loc_set_country(g->ix, f[0], p);
    int rc = loc_index_name(g->ix, f[4], p, 0, 0);
    return rc == QRY_OK ? QRY_OK : fail(g, rc, NULL);
}

static int by_id(const void *a, const void *b)
{
    uint32_t x = ((const gn_seen *)a)->geonameid, y = ((const gn_seen *)b)->geonameid;
    return x < y ? -1 : x > y;
}

/* alternateNamesV2.txt: alternateNameId, geonameid, isolanguage, name,
 * isPreferredName, isShortName, isColloquial, isHistoric, from, to. */
#define GN_ALTNAME_COLUMNS 10
static int altname_line(gn_load *g, char **f)
{
    uint32_t id;
    if (!parse_population(f[1], &id))
        return fail(g, QRY_ERR_CONFIG, "geonameid is not a number");
    if ((strcmp(f[2], "en") != 0 && strcmp(f[2], "abbr") != 0) || strcmp(f[6], "1") == 0 || strcmp(f[7], "1") == 0)
        return QRY_OK;
    gn_seen key = {.geonameid = id};
    const gn_seen *s = g->n_seen ? bsearch(&key, g->seen, g->n_seen, sizeof *g->seen, by_id) : NULL;
    if (!s)
        return QRY_OK;
    int rc = loc_index_name(g->ix, f[3], s->place, 0, 0);
    return rc == QRY_OK ? QRY_OK : fail(g, rc, NULL);
}

/* admin1 code -> subdivision, from the ADM1 lines themselves and from
 * libgeonames cities found again in the dump; sorted by code. */
static int by_admin1(const void *a, const void *b)
{
    const gn_seen *x = a, *y = b;
    int c = strcmp(x->admin1, y->admin1);
    return c ? c : (int)y->is_adm1 - (int)x->is_adm1; /* the ADM1 line first */
}

static uint32_t subdiv_of_seen(const loc_index *ix, const gn_seen *s)
{
    const loc_place *p = loc_place_at(ix, s->place);
    if (s->is_adm1 || p->source == LOC_SRC_SUBDIV)
        return s->place;
    return p->source == LOC_SRC_GEONAMES ? p->subdiv : LOC_NONE;
}

/* Link every new place to its subdivision: by the admin1 code's name when
 * admin1CodesASCII.txt is given, else by what the code was learned to mean
 * from the ADM1 line or a libgeonames city with the same code, else by the
 * ISO 3166-2 code when GeoNames' code is alphabetic (US.CA -> US-CA). */
static void link_subdivisions(gn_load *g)
{
    qsort(g->seen, g->n_seen, sizeof *g->seen, by_admin1);
    for (size_t i = 0, j; i < g->n_seen; i = j) {
        uint32_t learned = LOC_NONE;
        const char *code = g->seen[i].admin1;
        for (j = i; j < g->n_seen && strcmp(g->seen[j].admin1, code) == 0; j++)
            if (learned == LOC_NONE)
                learned = subdiv_of_seen(g->ix, &g->seen[j]);
        if (!*code)
            continue;
        const char *name = loc_gn_code_name(&g->admin1, code);
        char cc[3] = {code[0], code[1], '\0'}, iso[ADMIN_MAX];
        uint32_t sub = name ? loc_link_subdiv(g->ix, name, cc) : LOC_NONE;
        if (sub == LOC_NONE)
            sub = learned;
        if (sub == LOC_NONE && strspn(code + 3, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == strlen(code + 3)) {
            snprintf(iso, sizeof iso, "%s-%s", cc, code + 3);
            sub = loc_subdivision_of_code(g->ix, iso);
        }
        for (size_t k = i; sub != LOC_NONE && k < j; k++) {
            loc_place *p = loc_place_at(g->ix, g->seen[k].place);
            if (p->source == LOC_SRC_DUMP && p->kind != LOC_COUNTRY && !g->seen[k].is_adm1)
                p->subdiv = sub;
        }
    }
}

/* The counties of admin2Codes.txt the table has places of but no line for,
 * at the mean point of those places. */
static int add_counties(gn_load *g)
{
    int rc = QRY_OK;
    for (size_t i = 0; rc == QRY_OK && i < g->admin2.n; i++) {
        const gn_county *c = &g->counties[i];
        const char *code = g->admin2.v[i].code, *name = g->admin2.v[i].name;
        const char *dot = strchr(code, '.'), *dot2 = dot ? strchr(dot + 1, '.') : NULL;
        if (c->has_line || c->n_places == 0 || !dot2 || dot - code != 2)
            continue;
        uint32_t p = loc_place_add(g->ix), off = loc_intern(g->ix, name, strlen(name));
        if (p == LOC_NONE || off == LOC_NONE)
            return QRY_ERR_NOMEM;
        loc_place *pl = loc_place_at(g->ix, p);
        pl->name = off;
        pl->kind = LOC_REGION;
        pl->source = LOC_SRC_DUMP;
        memcpy(pl->cc, code, 2);
        pl->cc[2] = '\0';
        pl->lat = (float)(c->lat / c->n_places);
        pl->lon = (float)(c->lon / c->n_places);
        pl->has_coords = 1;
        pl->population = c->population;
        char admin1[ADMIN_MAX];
        snprintf(admin1, sizeof admin1, "%.*s", (int)(dot2 - dot - 1), dot + 1);
        rc = loc_index_name(g->ix, name, p, 0, 0);
        if (rc == QRY_OK)
            rc = remember(g, 0, p, pl->cc, admin1, 0);
    }
    return rc;
}

int loc_load_dump(loc_index *ix, const loc_dump_files *files, uint32_t min_population, char *err, size_t errsz)
{
    gn_load g = {.ix = ix, .min_population = min_population, .err = err, .errsz = errsz};
    int rc = QRY_OK;
    if (*files->admin1)
        rc = loc_gn_read_codes(files->admin1, &g.admin1, err, errsz);
    if (rc == QRY_OK && *files->admin2) {
        rc = loc_gn_read_codes(files->admin2, &g.admin2, err, errsz);
        if (rc == QRY_OK && !(g.counties = calloc(g.admin2.n ? g.admin2.n : 1, sizeof *g.counties))) {
            snprintf(err, errsz, "out of memory reading %s", files->admin2);
            rc = QRY_ERR_NOMEM;
        }
    }
    if (rc == QRY_OK && *files->countries)
        rc = read_table(&g, files->countries, GN_COUNTRY_COLUMNS, country_line);
    if (rc == QRY_OK)
        rc = read_table(&g, files->table, GN_COLUMNS, dump_line);
    if (rc == QRY_OK && *files->alternates) {
        qsort(g.seen, g.n_seen, sizeof *g.seen, by_id);
        rc = read_table(&g, files->alternates, GN_ALTNAME_COLUMNS, altname_line);
    }
    if (rc == QRY_OK && g.counties && (rc = add_counties(&g)) != QRY_OK)
        snprintf(err, errsz, "out of memory adding the counties of %s", files->admin2);
    if (rc == QRY_OK)
        link_subdivisions(&g);
    if (rc == QRY_OK && (rc = loc_region_points(ix)) != QRY_OK)
        snprintf(err, errsz, "out of memory placing the regions of %s", files->table);
    loc_gn_codes_free(&g.admin1);
    loc_gn_codes_free(&g.admin2);
    free(g.counties);
    free(g.seen);
    return rc;
}
