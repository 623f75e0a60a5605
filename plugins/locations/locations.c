/* locations.c -- the locations plugin: countries, subdivisions, cities,
 * continents, seas and named regions, with a place chosen per mention.
 *
 * Emits entity type "location" with attributes
 *   name          canonical English name ("Kyiv", "United States")
 *   kind          country | city | region | continent | sea | peninsula | other
 *   country_code  ISO 3166-1 alpha-2 of the country it is (in), when one
 *   lat, lon      degrees, when known (cities; team places that give them)
 *   population    when known (cities)
 *   in_org        true for a place inside an organization's name
 *   in_compound   true for a place before a compound's suffix ("U.S.-led")
 *   demonym       true for a demonym or adjective (option demonyms)
 *
 * Data: iso-codes JSON (countries, first-level subdivisions), libgeonames
 * (cities), and the team's supplement in conf/locations/.
 */
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "locations.h"


typedef struct locations {
    const qry_host *host;
    loc_index *ix;
    int country_points; /* emit points.tsv's point of a country too */
    int org_places;     /* emit places inside organizations' names (in_org = true) */
    int demonyms;       /* emit demonyms and adjectives ("Ukrainian") as mentions of their place */
    int compound_places; /* emit places before a compound's suffix (in_compound = true) */
} locations;

static const qry_option_spec opt_iso = {
    .name = "iso_codes_dir", .type = QRY_OPT_STRING, .default_value = "/usr/share/iso-codes/json",
    .help = "directory of iso-codes' iso_3166-1.json and iso_3166-2.json"};
static const qry_option_spec opt_places = {
    .name = "places", .type = QRY_OPT_PATH, .default_value = "locations/places.tsv",
    .help = "team supplement: seas, continents, regions, aliases (NAME, KIND, CC, ALIASES, LAT, LON)"};
static const qry_option_spec opt_words = {
    .name = "words", .type = QRY_OPT_PATH, .default_value = "locations/words.tsv",
    .help = "word classes: stop, ambiguous, org_head, cue, sport, locative, speech, date (WORD, FLAG)"};
static const qry_option_spec opt_abbrevs = {
    .name = "state_abbrevs", .type = QRY_OPT_PATH, .default_value = "locations/us_state_abbrevs.tsv",
    .help = "AP-style abbreviations of US states and Canadian provinces (ABBREV, ISO 3166-2 CODE, any|after_town)"};
static const qry_option_spec opt_points = {
    .name = "points", .type = QRY_OPT_PATH, .default_value = "locations/points.tsv",
    .help = "a point for each country and first-level subdivision (CODE, LAT, LON, ENGLISH NAME)"};
static const qry_option_spec opt_country_points = {
    .name = "country_points", .type = QRY_OPT_BOOL, .default_value = "false",
    .help = "give countries the lat/lon of points.tsv too (GeoNames' own country points are always given)"};
static const qry_option_spec opt_org_places = {
    .name = "org_places", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "emit places inside organizations' names (\"Bank of England\") with in_org = true; false drops them"};
static const qry_option_spec opt_compound_places = {
    .name = "compound_places", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "emit places before a compound's suffix (\"U.S.-led\", \"Washington-based\") with in_compound = true"};
static const qry_option_spec opt_demonyms = {
    .name = "demonyms", .type = QRY_OPT_BOOL, .default_value = "false",
    .help = "emit demonyms and adjectives (\"Ukrainian\", \"Minnesotans\") as locations with demonym = true"};
static const qry_option_spec opt_demonym_tables = {
    .name = "demonym_tables", .type = QRY_OPT_LIST,
    .default_value = "locations/demonyms.tsv, locations/demonyms_team.tsv",
    .help = "demonym tables (FORM, PLACE: ISO 3166-1/3166-2 code or a region's name), at most 4"};
static const qry_option_spec opt_min_pop = {
    .name = "min_population", .type = QRY_OPT_INT, .default_value = "0",
    .help = "skip GeoNames cities smaller than this"};
static const qry_option_spec opt_geonames = {
    .name = "geonames", .type = QRY_OPT_PATH, .default_value = NULL,
    .help = "GeoNames option: a geoname table (allCountries.txt, citiesNNN.txt) read into the index"};
static const qry_option_spec opt_gn_admin1 = {
    .name = "geonames_admin1", .type = QRY_OPT_PATH, .default_value = NULL,
    .help = "GeoNames admin1CodesASCII.txt: links places to their first-level subdivision"};
static const qry_option_spec opt_gn_admin2 = {
    .name = "geonames_admin2", .type = QRY_OPT_PATH, .default_value = NULL,
    .help = "GeoNames admin2Codes.txt: counties (at the mean point of their places when the table has no ADM2)"};
static const qry_option_spec opt_gn_countries = {
    .name = "geonames_countries", .type = QRY_OPT_PATH, .default_value = NULL,
    .help = "GeoNames countryInfo.txt: countries iso-codes lacks (Kosovo)"};
static const qry_option_spec opt_gn_alternates = {
    .name = "geonames_alternates", .type = QRY_OPT_PATH, .default_value = NULL,
    .help = "GeoNames alternateNamesV2.txt: English names and abbreviations"};
static const qry_option_spec opt_cache = {
    .name = "cache", .type = QRY_OPT_BOOL, .default_value = "true",
    .help = "keep the built index in a cache file so later starts skip the build (~0.1 s; ~2 s with cities500)"};
static const qry_option_spec opt_cache_dir = {
    .name = "cache_dir", .type = QRY_OPT_STRING, .default_value = NULL,
    .help = "directory of the index cache (default $XDG_CACHE_HOME/quarry, else ~/.cache/quarry)"};
static const qry_option_spec *const options[] = {&opt_iso,     &opt_places, &opt_words,     &opt_abbrevs, &opt_points, &opt_country_points, &opt_org_places, &opt_compound_places, &opt_demonyms, &opt_demonym_tables,
                                                 &opt_min_pop, &opt_geonames, &opt_gn_admin1, &opt_gn_admin2, &opt_gn_countries,
                                                 &opt_gn_alternates, &opt_cache,  &opt_cache_dir, NULL};
static const char *const entity_types[] = {"location", NULL};

static void destroy(void *instance)
{
    locations *l = instance;
    if (!l)
        return;
    loc_index_free(l->ix);
    free(l);
}

/* The readable path of data file `name`, given by option opt. */
static int resolve_name(const qry_host *h, const char *opt, const char *name, char *path, size_t sz)
{
    if (h->resolve_path(h, name, path, sz) < 0) {
        h->set_error(h, NULL, "%s file '%s' not found", opt, name);
        return QRY_ERR_CONFIG;
    }
    return QRY_OK;
}

static int resolve_option_path(const qry_host *h, const char *opt, const char *def, char *path, size_t sz)
{
    const char *name = h->option(h, opt);
    return resolve_name(h, opt, name ? name : def, path, sz);
}

/* The GeoNames option's files: the table turns it on; the others need it. */
static int read_dump_files(const qry_host *h, loc_dump_files *d)
{
    static const struct {
        const char *opt;
        size_t off;
    } files[] = {{"geonames", offsetof(loc_dump_files, table)},
                 {"geonames_admin1", offsetof(loc_dump_files, admin1)},
                 {"geonames_admin2", offsetof(loc_dump_files, admin2)},
                 {"geonames_countries", offsetof(loc_dump_files, countries)},
                 {"geonames_alternates", offsetof(loc_dump_files, alternates)}};
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        const char *name = h->option(h, files[i].opt);
        char *path = (char *)d + files[i].off;
        path[0] = '\0';
        if (!name || !*name)
            continue;
        if (i > 0 && !d->table[0]) {
            h->set_error(h, NULL, "%s needs the geonames table option too", files[i].opt);
            return QRY_ERR_CONFIG;
        }
        int rc = resolve_name(h, files[i].opt, name, path, LOC_PATH_MAX);
        if (rc != QRY_OK)
            return rc;
    }
    return QRY_OK;
}

/* The comma-separated demonym tables, each resolved like a data file. */
static int read_demonym_tables(const qry_host *h, loc_sources *src)
{
    const char *list = h->option(h, "demonym_tables");
    size_t n = 0;
    for (const char *p = list ? list : ""; *p;) {
        p += strspn(p, " \t,");
        size_t len = strcspn(p, ",");
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (len == 0)
            break;
        char name[LOC_PATH_MAX];
        if (n == LOC_MAX_DEMONYM_TABLES || len >= sizeof name) {
            h->set_error(h, NULL, "demonym_tables: at most %d files of short names", LOC_MAX_DEMONYM_TABLES);
            return QRY_ERR_CONFIG;
        }
        memcpy(name, p, len);
        name[len] = '\0';
        int rc = resolve_name(h, "demonym_tables", name, src->demonyms[n++], LOC_PATH_MAX);
        if (rc != QRY_OK)
            return rc;
        p += len;
    }
    return QRY_OK;
}

static double ms_since(const struct timespec *a)
{
    struct timespec b;
    clock_gettime(CLOCK_MONOTONIC, &b);
    return (double)(b.tv_sec - a->tv_sec) * 1e3 + (double)(b.tv_nsec - a->tv_nsec) / 1e6;
}

static int read_sources(const qry_host *h, loc_sources *src)
{
    int64_t min_pop = 0;
    int rc = resolve_option_path(h, "words", opt_words.default_value, src->words, sizeof src->words);
    if (rc == QRY_OK)
        rc = resolve_option_path(h, "places", opt_places.default_value, src->places, sizeof src->places);
    if (rc == QRY_OK)
        rc = resolve_option_path(h, "state_abbrevs", opt_abbrevs.default_value, src->abbrevs, sizeof src->abbrevs);
    if (rc == QRY_OK)
        rc = resolve_option_path(h, "points", opt_points.default_value, src->points, sizeof src->points);
    if (rc == QRY_OK)
        rc = read_dump_files(h, &src->dump);
    if (rc == QRY_OK)
        rc = read_demonym_tables(h, src);
    if (rc != QRY_OK)
        return rc;
    if (h->option_int(h, "min_population", &min_pop) != QRY_OK || min_pop < 0 || min_pop > UINT32_MAX) {
        h->set_error(h, NULL, "min_population must be between 0 and %u", UINT32_MAX);
        return QRY_ERR_CONFIG;
    }
    src->min_population = (uint32_t)min_pop;
    const char *iso = h->option(h, "iso_codes_dir");
    snprintf(src->iso_dir, sizeof src->iso_dir, "%s", iso ? iso : opt_iso.default_value);
    return QRY_OK;
}

/* Build the index: words first (they flag keys the loaders consult), then
 * countries and subdivisions, cities (linked to subdivisions), the team's
 * places last (they rename and extend what the packages gave). */
static int build(const qry_host *h, const loc_sources *src, loc_index *ix)
{
    char err[LOC_PATH_MAX + 256];
    const loc_tables tb = {h, qry_service(h, QRY_SERVICE_TABLE)};
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    int rc = loc_load_words(&tb, ix, src->words, err, sizeof err);
    if (rc == QRY_OK) {
        h->log(h, QRY_LOG_DEBUG, "words: %.1f ms", ms_since(&t));
        clock_gettime(CLOCK_MONOTONIC, &t);
        rc = loc_load_iso(ix, src->iso_dir, err, sizeof err);
        if (rc == QRY_OK)
            rc = loc_load_points(&tb, ix, src->points, err, sizeof err);
    }
    if (rc == QRY_OK) {
        h->log(h, QRY_LOG_DEBUG, "iso-codes: %.1f ms", ms_since(&t));
        clock_gettime(CLOCK_MONOTONIC, &t);
        rc = loc_load_geonames(ix, src->min_population, err, sizeof err);
    }
    if (rc == QRY_OK) {
        h->log(h, QRY_LOG_DEBUG, "libgeonames: %.1f ms", ms_since(&t));
        clock_gettime(CLOCK_MONOTONIC, &t);
    }
    if (rc == QRY_OK && src->dump.table[0]) {
        rc = loc_load_dump(ix, &src->dump, src->min_population, err, sizeof err);
        if (rc == QRY_OK)
            h->log(h, QRY_LOG_DEBUG, "GeoNames dump %s: %.1f ms", src->dump.table, ms_since(&t));
        clock_gettime(CLOCK_MONOTONIC, &t);
    }
    if (rc == QRY_OK)
        rc = loc_load_team(&tb, ix, src->places, err, sizeof err);
    if (rc == QRY_OK)
        rc = loc_load_abbrevs(&tb, ix, src->abbrevs, err, sizeof err);
    for (size_t i = 0; rc == QRY_OK && i < LOC_MAX_DEMONYM_TABLES && src->demonyms[i][0]; i++)
        rc = loc_load_demonyms(&tb, ix, src->demonyms[i], err, sizeof err);
    if (rc == QRY_OK)
        h->log(h, QRY_LOG_DEBUG, "places: %.1f ms", ms_since(&t));
    if (rc != QRY_OK)
        h->set_error(h, NULL, "%s", err);
    return rc;
}

/* The index from the cache when a good one is there, else built from the
 * sources (and cached for the next start). Data errors are always found:
 * a changed or broken source file changes the fingerprint, so it is
 * rebuilt, and the build reports it. */
static int load_or_build(const qry_host *h, locations *l, const char **how)
{
    loc_sources *src = calloc(1, sizeof *src);
    if (!src) {
        h->set_error(h, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    int rc = read_sources(h, src);
    int use_cache = 1;
    char dir[LOC_PATH_MAX], why[LOC_PATH_MAX + 128];
    if (rc == QRY_OK && (h->option_bool(h, "cache", &use_cache) != QRY_OK ||
                         (use_cache && loc_cache_dir(h->option(h, "cache_dir"), dir, sizeof dir) != 0)))
        use_cache = 0;
    uint64_t fp = rc == QRY_OK && use_cache ? loc_cache_fingerprint(src) : 0;
    if (rc == QRY_OK && use_cache) {
        l->ix = loc_cache_load(dir, loc_cache_config(src), fp, why, sizeof why);
        if (l->ix)
            *how = "read from the cache";
        else
            h->log(h, QRY_LOG_DEBUG, "cache: %s", why);
    }
    if (rc == QRY_OK && !l->ix) {
        *how = "built";
        if (!(l->ix = loc_index_new())) {
            h->set_error(h, NULL, "out of memory");
            rc = QRY_ERR_NOMEM;
        } else {
            rc = build(h, src, l->ix);
        }
        if (rc == QRY_OK && use_cache && loc_cache_save(dir, loc_cache_config(src), fp, l->ix, why, sizeof why) != QRY_OK)
            h->log(h, QRY_LOG_INFO, "cannot write the index cache (the next start builds again): %s", why);
    }
    free(src);
    return rc;
}

static int create(const qry_host *host, void **instance)
{
    *instance = NULL;
    struct timespec t0;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    locations *l = calloc(1, sizeof *l);
    if (!l) {
        host->set_error(host, NULL, "out of memory");
        return QRY_ERR_NOMEM;
    }
    l->host = host;
    const qry_text_service *text = qry_service(host, QRY_SERVICE_TEXT);
    if (!qry_service(host, QRY_SERVICE_TABLE) || !text) {
        host->set_error(host, NULL, "needs the table and text services of quarry's plugin ABI 1.1 (this core has ABI %u.%u)",
                        host->abi_major, host->abi_minor);
        free(l);
        return QRY_ERR_UNSUPPORTED;
    }
    loc_names_init(text);
    const char *how = "built";
    int rc = host->option_bool(host, "country_points", &l->country_points);
    if (rc == QRY_OK)
        rc = host->option_bool(host, "org_places", &l->org_places);
    if (rc == QRY_OK)
        rc = host->option_bool(host, "demonyms", &l->demonyms);
    if (rc == QRY_OK)
        rc = host->option_bool(host, "compound_places", &l->compound_places);
    if (rc == QRY_OK)
        rc = load_or_build(host, l, &how);
    if (rc != QRY_OK) {
        destroy(l);
        return rc;
    }
    host->log(host, QRY_LOG_INFO, "%zu places, %zu keys, %.1f MiB, %s in %.1f ms", loc_n_places(l->ix),
              loc_index_n_keys(l->ix), (double)loc_index_memory(l->ix) / 1048576.0, how, ms_since(&t0));
    *instance = l;
    return QRY_OK;
}

/* Coordinates are stored as floats (7 significant digits); printing the
 * float widened to double would show noise ("50.45465850830078"). Five
 * decimals is about a metre, more than GeoNames claims. */
static double degrees(float v) { return round((double)v * 1e5) / 1e5; }

/* A country's centre differs by hundreds of kilometres between gazetteers
 * (the United States: 38N 97W in the table, 39.76N 98.5W in GeoNames, 40N
 * 100W in Wikipedia), so a right country would be judged wrong by a point
 * from another source: the table's country points are given on request. */
static int has_point(const locations *l, const loc_place *p)
{
    return p->has_coords && (p->kind != LOC_COUNTRY || !p->table_point || l->country_points);
}

static int emit_one(const locations *l, qry_sink *sink, const loc_mention *m)
{
    const qry_host *h = l->host;
    const loc_index *ix = l->ix;
    const loc_place *p = loc_place_at(ix, m->place);
    const char *name = loc_str(ix, p->name), *kind = loc_kind_names[p->kind];
    int id = h->emit(h, sink, "location", m->start, m->end);
    if (id < 0)
        return id;
    int rc = h->attr_string(h, sink, id, "name", name, strlen(name));
    if (rc == QRY_OK)
        rc = h->attr_string(h, sink, id, "kind", kind, strlen(kind));
    if (rc == QRY_OK && p->cc[0])
        rc = h->attr_string(h, sink, id, "country_code", p->cc, 2);
    if (rc == QRY_OK && has_point(l, p))
        rc = h->attr_double(h, sink, id, "lat", degrees(p->lat));
    if (rc == QRY_OK && has_point(l, p))
        rc = h->attr_double(h, sink, id, "lon", degrees(p->lon));
    if (rc == QRY_OK && p->population)
        rc = h->attr_int(h, sink, id, "population", p->population);
    if (rc == QRY_OK && m->in_org)
        rc = h->attr_bool(h, sink, id, "in_org", 1);
    if (rc == QRY_OK && m->in_compound)
        rc = h->attr_bool(h, sink, id, "in_compound", 1);
    if (rc == QRY_OK && m->demonym)
        rc = h->attr_bool(h, sink, id, "demonym", 1);
    return rc;
}

static int process(void *instance, const qry_doc_view *doc, qry_sink *sink)
{
    locations *l = instance;
    const qry_host *h = l->host;
    loc_mentions ms = {0};
    int rc = loc_match(l->ix, doc, l->demonyms, &ms);
    if (rc == QRY_OK)
        rc = loc_resolve(l->ix, doc, &ms);
    for (size_t i = 0; rc == QRY_OK && i < ms.n; i++)
        if (!ms.v[i].drop && ms.v[i].place != LOC_NONE && (l->org_places || !ms.v[i].in_org) &&
            (l->compound_places || !ms.v[i].in_compound))
            rc = emit_one(l, sink, &ms.v[i]);
    loc_mentions_free(&ms);
    if (rc == QRY_ERR_NOMEM) {
        h->set_error(h, sink, "out of memory");
        return rc;
    }
    if (rc != QRY_OK) {
        h->set_error(h, sink, "emitting a location failed (%d)", rc);
        return QRY_ERR_INTERNAL;
    }
    return QRY_OK;
}

#define LOC_ATTR(n, t, h) static const qry_attr_spec attr_##n = QRY_ATTR_SPEC("location", #n, t, h)
LOC_ATTR(name, QRY_ATTR_STRING, "canonical English name: Kyiv, United States, Crimea");
LOC_ATTR(kind, QRY_ATTR_STRING, "country, city, region, continent, sea, peninsula or other");
LOC_ATTR(country_code, QRY_ATTR_STRING, "ISO 3166-1 alpha-2 of the country the place is in (or is)");
LOC_ATTR(lat, QRY_ATTR_DOUBLE, "latitude of a representative point (not for countries unless country_points)");
LOC_ATTR(lon, QRY_ATTR_DOUBLE, "longitude of that point");
LOC_ATTR(population, QRY_ATTR_INT, "population, for places the data gives one");
LOC_ATTR(in_org, QRY_ATTR_BOOL, "true: inside an organisation's name (Black Sea Fleet)");
LOC_ATTR(in_compound, QRY_ATTR_BOOL, "true: glued into a compound (U.S.-led, Kyiv-based)");
LOC_ATTR(demonym, QRY_ATTR_BOOL, "true: a demonym or adjective (option demonyms)");
static const qry_attr_spec *const attributes[] = {&attr_name, &attr_kind, &attr_country_code, &attr_lat, &attr_lon,
                                                  &attr_population, &attr_in_org, &attr_in_compound, &attr_demonym,
                                                  NULL};

static const qry_plugin_descriptor descriptor = {
    QRY_PLUGIN_DESCRIPTOR_INIT,
    .name = "locations",
    .version = "1.1.0",
    .description = "Places: countries, regions, cities, continents, seas (iso-codes, GeoNames, team supplement)",
    .entity_types = entity_types,
    .options = options,
    .threading = QRY_THREAD_REENTRANT,
    .create = create,
    .process = process,
    .destroy = destroy,
    .attributes = attributes,
};

QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void) { return &descriptor; }
