/* locations.h -- internal interfaces of the locations plugin (not installed).
 *
 * index.c     places, a string arena and a hash index from normalized token
 *             sequences ("u s", "long beach") to the places they may name.
 * names.c     turning a place name into a key and a capitalisation mask.
 * load_iso.c  countries and first-level subdivisions from iso-codes (jansson).
 * load_geo.c  cities from libgeonames.
 * geonames_lib.c libgeonames, loaded only when the index is built.
 * geonames_dump.c, geonames_codes.c  the GeoNames option: dump files a user
 *             downloads (geonames.h).
 * load_points.c points of countries and subdivisions (conf/locations/points.tsv).
 * region_points.c regions' points from the GeoNames option's places.
 * load_team.c the team's supplement (conf/locations/: words.tsv, places.tsv,
 *             us_state_abbrevs.tsv).
 * match.c     finds names on the core's tokens, longest match first.
 * resolve.c   picks one place per mention from the document's context.
 * evidence.c  what a document offers to support a weak reading.
 * keytab.c    sorted (key, value) pairs: the document-wide rules' indexes.
 * index_file.c the index written to / read back from one file.
 * cache.c     the start-up cache: its fingerprint, directory and files.
 * locations.c the descriptor: options, create/process/destroy, emission.
 *
 * Ownership: a loc_index owns its places, senses, slots and arena; every
 * other structure holds indices into it and owns nothing of it.
 */
#ifndef QUARRY_LOCATIONS_H
#define QUARRY_LOCATIONS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "quarry/plugin.h"

enum loc_kind { LOC_COUNTRY, LOC_CITY, LOC_REGION, LOC_CONTINENT, LOC_SEA, LOC_PENINSULA, LOC_OTHER, LOC_N_KINDS };
extern const char *const loc_kind_names[LOC_N_KINDS];
/* The kind named s, or -1. */
int loc_kind_parse(const char *s);

/* GEONAMES: libgeonames' cities; DUMP: places first met in the GeoNames
 * dump files of the GeoNames option. */
enum loc_source { LOC_SRC_ISO = 1, LOC_SRC_SUBDIV = 2, LOC_SRC_GEONAMES = 3, LOC_SRC_TEAM = 4, LOC_SRC_DUMP = 5 };

#define LOC_NONE UINT32_MAX

typedef struct loc_place {
    uint32_t name;       /* arena offset of the canonical English name */
    uint32_t code;       /* arena offset of an ISO 3166-2 code ("US-CA"), or 0 */
    uint32_t subdiv;     /* place index of the city's first-level subdivision, or LOC_NONE */
    uint32_t population; /* 0 when unknown */
    float lat, lon;
    char cc[3];          /* ISO 3166-1 alpha-2, "" when none */
    uint8_t kind;        /* enum loc_kind */
    uint8_t source;      /* enum loc_source */
    uint8_t has_coords;
    uint8_t table_point; /* lat/lon come from points.tsv, not from a gazetteer of places */
} loc_place;

/* Per-word capitalisation a surface form demands, 2 bits a word. */
enum loc_case { LOC_CASE_ANY = 0, LOC_CASE_CAP = 1, LOC_CASE_UPPER = 2, LOC_CASE_TITLE = 3 };
#define LOC_MAX_WORDS 12
#define LOC_CASE_OF(mask, k) (((mask) >> (2 * (k))) & 3u)

/* One reading of a key: "paris" -> Paris FR, Paris US. */
#define LOC_SENSE_TEAM 0x1u      /* the team's supplement says this form means this place */
#define LOC_SENSE_AMBIGUOUS 0x2u /* the form is a common word too: never in a headline ("JOIN US") */
#define LOC_SENSE_ABBREV 0x4u     /* a state abbreviation ("Calif."): needs its closing '.' */
#define LOC_SENSE_AFTER_TOWN 0x8u /* an abbreviation that is a word too ("Ill.", "Pa."): only after "Town," */
#define LOC_SENSE_ALT 0x10u       /* one of a GeoNames place's alternate names, in any language */
#define LOC_SENSE_DEMONYM 0x20u   /* a demonym or adjective ("Ukrainian"): only with the demonyms option */
typedef struct loc_sense {
    uint32_t place;
    uint32_t next;      /* next sense of the same key, or LOC_NONE */
    uint32_t case_mask; /* LOC_CASE_* per word */
    uint32_t flags;     /* LOC_SENSE_* */
} loc_sense;

/* Flags of a key itself, from words.tsv. */
#define LOC_KEY_STOP 0x1u      /* never a place on its own ("Central", "Western") */
#define LOC_KEY_AMBIGUOUS 0x2u /* a common word: only in title case, not sentence-initial */
#define LOC_KEY_ORG_HEAD 0x4u  /* after a place it makes an organization ("Ministry") */
#define LOC_KEY_CUE 0x8u       /* before a place it says "location" ("in", "near") */
#define LOC_KEY_SPORT 0x10u    /* marks a sports report ("soccer", "innings") */
#define LOC_KEY_LOCATIVE 0x20u /* a preposition of place ("in", "at"): a venue, not a team */
#define LOC_KEY_SPEECH 0x40u   /* a verb of saying: "Lincoln said" is a person */
#define LOC_KEY_PREFIX 0x80u   /* the first words of a longer key ("new" of "new york") */
#define LOC_KEY_DATE 0x100u    /* a month or a weekday: beside a town, no part of a name ("Halifax Tuesday") */
#define LOC_KEY_TITLE 0x200u   /* a personal title: the one-word town after it is a surname ("Mrs. Clinton") */

typedef struct loc_index loc_index;

loc_index *loc_index_new(void);
void loc_index_free(loc_index *ix);

/* Copy s[0..n) into the arena; returns its offset, or LOC_NONE when out of memory. */
uint32_t loc_intern(loc_index *ix, const char *s, size_t n);
const char *loc_str(const loc_index *ix, uint32_t off);

/* Append a zeroed place (subdiv = LOC_NONE); returns its index or LOC_NONE. */
uint32_t loc_place_add(loc_index *ix);
loc_place *loc_place_at(const loc_index *ix, uint32_t i);
size_t loc_n_places(const loc_index *ix);

/* Attach a sense of `place` to key[0..n), unless the key already has a
 * sense for the same place (or for a place of the same name, kind and
 * country). QRY_OK or QRY_ERR_NOMEM. */
int loc_index_add(loc_index *ix, const char *key, size_t n, uint32_t place, uint32_t case_mask, uint32_t flags);
/* Set key flags (LOC_KEY_*) on key[0..n). QRY_OK or QRY_ERR_NOMEM. */
int loc_index_flag(loc_index *ix, const char *key, size_t n, uint32_t kflags);

/* Look a key up: the first sense (LOC_NONE when none) and the key's flags.
 * Returns 0 when the key is unknown. */
int loc_index_find(const loc_index *ix, const char *key, size_t n, uint32_t *first_sense, uint32_t *kflags);
const loc_sense *loc_sense_at(const loc_index *ix, uint32_t i);
size_t loc_index_n_keys(const loc_index *ix);
size_t loc_index_memory(const loc_index *ix);

/* ---- names.c ------------------------------------------------------------- */
/* The key of src[0..n) in out[outsz]: lower case, accents and strokes
 * folded ("Łódź" -> "lodz"); its length, or SIZE_MAX when it does not fit. */
size_t loc_fold(const char *src, size_t n, char *out, size_t outsz);
/* Hand the folding code the core's text service (create(), before any
 * key is made). */
void loc_names_init(const qry_text_service *text);
#define LOC_KEY_MAX 256
/* Normalize a written name into a key (words lower-cased, joined by one
 * space, accents folded; '.', hyphens and apostrophes dropped) and the capitalisation mask
 * its words demand. Returns the key length, or 0 when the name cannot be
 * matched on tokens (empty, a comma, brackets, too many words, too long). */
size_t loc_name_key(const char *name, char *key, size_t keysz, uint32_t *case_mask);
/* Index a name of a place: key + mask, the mask made title-strict (and the
 * sense LOC_SENSE_AMBIGUOUS) when the key is an ambiguous common word;
 * skipped when the key is a stop word or an organization head and the
 * source is not the team. QRY_OK or QRY_ERR_NOMEM. */
int loc_index_name(loc_index *ix, const char *name, uint32_t place, uint32_t flags, int team);

/* ---- loaders ------------------------------------------------------------- */
/* The conf/ table reader (load_team.c): each line that is not blank nor a
 * '#' comment is split at tabs (at most LOC_MAX_FIELDS fields) and handed to
 * fn with "FILE:LINE" for its messages. QRY_OK or fn's first error. */
#define LOC_MAX_FIELDS 8
/* The core's table service, for every tab-separated file of the plugin's. */
typedef struct loc_tables {
    const qry_host *host;
    const qry_table_service *svc;
} loc_tables;
/* One line's fields; QRY_ERR_CONFIG (with "PATH:LINE: reason" in err) for a
 * bad line, which is reported and skipped, any other code to stop. */
typedef int (*loc_line_fn)(loc_index *ix, char **f, int nf, const char *where, char *err, size_t errsz);
/* Every line of the file through fn; all bad lines are reported (through
 * the table service) before QRY_ERR_CONFIG is returned. */
int loc_read_tsv(const loc_tables *tb, loc_index *ix, const char *path, loc_line_fn fn, char *err, size_t errsz);
/* An empty field: "" or "-". */
int loc_empty_field(const char *s);
/* Degrees in [-lim, lim] from the whole of s: 1 and *out set, else 0. */
int loc_parse_coord(const char *s, double lim, float *out);

/* Each returns QRY_OK or a negative code with a one-line reason in err. */
int loc_load_words(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz);
int loc_load_iso(loc_index *ix, const char *dir, char *err, size_t errsz);
int loc_load_geonames(loc_index *ix, uint32_t min_population, char *err, size_t errsz);

/* The file of libgeonames the plugin loads (geonames_lib.c), for the cache
 * fingerprint: known without loading it. A static string. */
const char *loc_geonames_file(void);
/* The first-level subdivision of country cc a GeoNames region name means
 * ("Kharkiv Oblast", "Texas", "Bavaria"), or LOC_NONE. */
uint32_t loc_link_subdiv(const loc_index *ix, const char *state, const char *cc);
#define LOC_PATH_MAX 4096
/* The GeoNames option's files; "" when not given (all but table). */
typedef struct loc_dump_files {
    char table[LOC_PATH_MAX];      /* allCountries.txt, citiesNNN.txt, XX.txt */
    char admin1[LOC_PATH_MAX];     /* admin1CodesASCII.txt */
    char admin2[LOC_PATH_MAX];     /* admin2Codes.txt */
    char countries[LOC_PATH_MAX];  /* countryInfo.txt */
    char alternates[LOC_PATH_MAX]; /* alternateNamesV2.txt */
} loc_dump_files;
/* geonames_dump.c: the dump's places, after libgeonames (whose cities it
 * extends rather than repeats) and before the team's supplement. */
int loc_load_dump(loc_index *ix, const loc_dump_files *files, uint32_t min_population, char *err, size_t errsz);
/* region_points.c, after the dump: a first-level region without the
 * table's ADM1 line gets the middle of the extent of its places. QRY_OK or
 * QRY_ERR_NOMEM. */
int loc_region_points(loc_index *ix);
/* places.tsv; us_state_abbrevs.tsv (after it: the states must exist). */
int loc_load_team(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz);
int loc_load_abbrevs(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz);
/* demonyms.tsv, demonyms_team.tsv (after the team's places). */
int loc_load_demonyms(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz);
/* points.tsv (after iso-codes): a point for each country and first-level
 * subdivision it lists, and the subdivision's English name as another form. */
int loc_load_points(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz);
/* The iso-codes subdivision whose code is code ("US-CA"), or LOC_NONE. */
uint32_t loc_subdivision_of_code(const loc_index *ix, const char *code);
/* ---- the start-up cache (index_file.c, cache.c) -------------------------- */
/* Everything an index is built from, resolved from the options. */
typedef struct loc_sources {
    char iso_dir[LOC_PATH_MAX];
    char words[LOC_PATH_MAX];
    char places[LOC_PATH_MAX];
    char abbrevs[LOC_PATH_MAX];
    char points[LOC_PATH_MAX];
    loc_dump_files dump; /* dump.table "" when the GeoNames option is off */
#define LOC_MAX_DEMONYM_TABLES 4
    char demonyms[LOC_MAX_DEMONYM_TABLES][LOC_PATH_MAX]; /* "" past the last */
    uint32_t min_population;
} loc_sources;
/* Write ix with its fingerprint: QRY_OK or QRY_ERR_IO. */
int loc_index_write(const loc_index *ix, uint64_t fingerprint, FILE *f);
/* Map an index written with the same fingerprint by this build (fd stays
 * the caller's), or NULL when the file is anything else (short, foreign,
 * inconsistent). The index is read-only: loc_index_free unmaps it. */
loc_index *loc_index_read(int fd, uint64_t fingerprint);
/* A hash of the sources' identities (paths, sizes, times) and both binaries. */
uint64_t loc_cache_fingerprint(const loc_sources *src);
/* The cache directory: the option when set, else $XDG_CACHE_HOME/quarry,
 * else $HOME/.cache/quarry. -1 when there is none. */
int loc_cache_dir(const char *option, char *out, size_t outsz);
/* A hash of the configuration alone (source paths, options): each one keeps
 * its own cache file. */
uint32_t loc_cache_config(const loc_sources *src);
/* Load the cached index of fingerprint fp, or NULL with the reason in why. */
loc_index *loc_cache_load(const char *dir, uint32_t config, uint64_t fp, char *why, size_t whysz);
/* Save ix atomically and remove older cache files of the configuration; QRY_OK or QRY_ERR_IO
 * with the reason in why. */
int loc_cache_save(const char *dir, uint32_t config, uint64_t fp, const loc_index *ix, char *why, size_t whysz);

/* The country place of an alpha-2 code, or LOC_NONE. */
uint32_t loc_country_of(const loc_index *ix, const char *cc);
void loc_set_country(loc_index *ix, const char *cc, uint32_t place);

/* ---- matching and resolution ----------------------------------------------- */
#define LOC_DROP 1        /* rejected by a context rule */
#define LOC_DROP_PERSON 2 /* part of a person's name: "Bill Clinton" */
typedef struct loc_mention {
    uint32_t start, end;         /* bytes [start, end) */
    uint32_t tok_start, tok_end; /* tokens [tok_start, tok_end) */
    uint32_t first_sense;        /* chain of candidate senses */
    uint32_t place;              /* chosen place, LOC_NONE while undecided */
    uint8_t drop;                /* rejected by a context rule (LOC_DROP_*) */
    uint8_t strict;              /* some sense is an ambiguous common word */
    uint8_t in_org;              /* inside an organization's name ("Bank of England") */
    uint8_t in_compound;         /* before a compound's suffix ("U.S.-led", "Washington-based") */
    uint8_t demonyms;            /* demonym readings may be taken (the demonyms option) */
    uint8_t demonym;             /* the chosen reading is a demonym ("Ukrainian") */
    uint8_t paired;              /* resolved by a "Town, Region" pair */
    uint8_t beside_name;         /* dropped beside a capitalised word ("Manitoba Premier") */
    uint8_t weak;                /* the chosen reading is weak (an alternate name, a village) */
} loc_mention;

typedef struct loc_mentions {
    loc_mention *v;
    size_t n, cap;
} loc_mentions;

void loc_mentions_free(loc_mentions *m);

/* Append every name found on the tokens, longest first, left to right;
 * demonyms ("Ukrainian") only when `demonyms`. QRY_OK or QRY_ERR_NOMEM. */
int loc_match(const loc_index *ix, const qry_doc_view *doc, int demonyms, loc_mentions *out);
/* Apply the context rules and choose one place per mention (drop marks the
 * rejected ones). Appends state codes of "City, ST" as mentions of their
 * own. QRY_OK or QRY_ERR_NOMEM. */
int loc_resolve(const loc_index *ix, const qry_doc_view *doc, loc_mentions *m);

/* ---- evidence.c: support in the document for weak readings --------------- */
/* Below this population a place of the GeoNames option is a village, met
 * far more often as a word or a name than as itself. */
#define LOC_MINOR_POPULATION 15000u
typedef struct loc_point {
    float lat, lon;
    uint32_t name; /* first sense of the mention that put it there: its key */
} loc_point;
/* What one document offers as evidence, indexed once per document so that
 * each question costs a look-up, not a pass over the document: the words it
 * writes in lower case (hashed, on the first question) and the points of its
 * places (by latitude, each (name, point) once). Owned by one loc_resolve
 * call. */
typedef struct loc_lower_word loc_lower_word;
typedef struct loc_evidence {
    const qry_doc_view *doc;
    loc_lower_word *lower; /* open hash of n_lower slots */
    size_t n_lower;
    int lower_built;
    loc_point *near;
    size_t n_near;
    int nomem; /* an index could not be made: the resolution fails */
} loc_evidence;
void loc_evidence_init(loc_evidence *ev, const qry_doc_view *doc);
void loc_evidence_free(loc_evidence *ev);
/* Take pts[0..n) (malloc'd) as the document's points; QRY_OK, or
 * QRY_ERR_NOMEM with pts freed. */
int loc_evidence_points(loc_evidence *ev, loc_point *pts, size_t n);
/* Sense s is weak: an alternate name, or a minor place of the GeoNames
 * option; never a reading the team's supplement gives. */
int loc_weak_sense(const loc_index *ix, uint32_t s);
/* Sense s of mention m is a weak reading: a weak sense, except a GeoNames
 * feature (island, airport, county) named in several words. */
int loc_weak_reading(const loc_index *ix, const loc_mention *m, uint32_t s);
/* Mention m is one word the document also writes in lower case (0 with
 * ev->nomem set when the words cannot be indexed). */
int loc_written_lower(loc_evidence *ev, const loc_mention *m);
/* Great-circle distance in km. */
double loc_km(float lat1, float lon1, float lat2, float lon2);
/* Place p lies within km of one of the document's points put there by a
 * mention of another name than `name` (a name does not vouch for itself). */
int loc_near_points(const loc_evidence *ev, const loc_place *p, double km, uint32_t name);

/* ---- keytab.c: sorted (key, value) pairs, made once per document -------- */
typedef struct loc_keyval {
    uint64_t key;
    uint32_t val;
} loc_keyval;
typedef struct loc_keytab {
    loc_keyval *v;
    size_t n, cap;
} loc_keytab;
/* Append a pair: QRY_OK or QRY_ERR_NOMEM. */
int loc_keytab_add(loc_keytab *t, uint64_t key, uint32_t val);
/* Sort by key, then value (before any look-up). */
void loc_keytab_sort(loc_keytab *t);
/* After sorting: one pair a key, the one with the largest value. */
void loc_keytab_unique(loc_keytab *t);
/* The index of the first pair of key (t->n when none), and that pair. */
size_t loc_keytab_first(const loc_keytab *t, uint64_t key);
loc_keyval *loc_keytab_find(const loc_keytab *t, uint64_t key);
void loc_keytab_free(loc_keytab *t);

/* ---- token helpers (match.c) ----------------------------------------------- */
/* The key text of token t (lower-cased word) appended to key at *len;
 * returns 0 when it does not fit. */
int loc_tok_key(const qry_doc_view *doc, size_t t, char *key, size_t *len, size_t keysz);
/* Flags of the key made of the single token t (LOC_KEY_*), 0 when unknown. */
uint32_t loc_tok_kflags(const loc_index *ix, const qry_doc_view *doc, size_t t);
/* Does sense s fit the capitalisation of mention m's words? */
int loc_sense_fits(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m, uint32_t s);
/* Token t is one PUNCT character c. */
int loc_tok_is(const qry_doc_view *doc, size_t t, char c);

#endif
