/* load_team.c -- the team's supplement in conf/locations/ --
 *
 *   words.tsv   WORD <TAB> stop | ambiguous | org_head | cue | sport | locative | speech | date
 *   places.tsv  NAME <TAB> KIND <TAB> CC <TAB> ALIASES <TAB> LAT <TAB> LON
 *
 * A places.tsv line about a country that iso-codes knows renames it to the
 * team's canonical English name and adds aliases; a city line that matches a
 * GeoNames city of the same country (by name or alias) does the same for
 * that city, a region line for an iso-codes subdivision; every other line
 * is a place of its own (seas, continents, regions, peninsulas). '#' starts a comment line; '-' is an empty field.
 *
 *   us_state_abbrevs.tsv  ABBREV <TAB> ISO 3166-2 CODE <TAB> any | after_town
 *
 * (option state_abbrevs): AP-style state abbreviations ("Calif.", "N.J."),
 * each an extra form of the iso-codes subdivision with that code, flagged
 * LOC_SENSE_ABBREV (the closing '.' is demanded) and, for the ones that are
 * English words or names too ("Ill.", "Pa."), LOC_SENSE_AFTER_TOWN.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "locations.h"

int loc_empty_field(const char *s) { return !s || !*s || strcmp(s, "-") == 0; }

/* A line function's message without the "PATH:LINE: " it opens with: the
 * table service puts its own in front. */
static const char *without_where(const char *msg, const char *where)
{
    size_t n = strlen(where);
    return strncmp(msg, where, n) == 0 && msg[n] == ':' && msg[n + 1] == ' ' ? msg + n + 2 : msg;
}

int loc_read_tsv(const loc_tables *tb, loc_index *ix, const char *path, loc_line_fn fn, char *err, size_t errsz)
{
    qry_table *t = tb->svc->open(tb->host, path, 1, 0, 0);
    if (!t) {
        snprintf(err, errsz, "%s cannot be read (its own line says why)", path);
        return QRY_ERR_IO;
    }
    int rc = QRY_OK;
    char where[LOC_PATH_MAX + 32], msg[LOC_PATH_MAX + 256];
    for (size_t r = 0; r < tb->svc->rows(t); r++) {
        /* the line functions cut fields in place: give them a copy */
        char line[8192], *f[LOC_MAX_FIELDS];
        size_t used = 0, nf = tb->svc->cols(t, r);
        if (nf > LOC_MAX_FIELDS)
            nf = LOC_MAX_FIELDS;
        for (size_t k = 0; k < nf; k++) {
            size_t len;
            const char *cell = tb->svc->cell(t, r, k, &len);
            if (used + len + 1 > sizeof line)
                break;
            memcpy(line + used, cell, len + 1);
            f[k] = line + used;
            used += len + 1;
        }
        snprintf(where, sizeof where, "%s:%zu", tb->svc->path(t), tb->svc->line(t, r));
        int lr = fn(ix, f, (int)nf, where, msg, sizeof msg);
        if (lr == QRY_ERR_CONFIG) { /* this line only: report it, read on */
            tb->svc->reject(t, r, "%s", without_where(msg, where));
        } else if (lr != QRY_OK) {
            snprintf(err, errsz, "%s", msg);
            rc = lr;
            break;
        }
    }
    size_t bad = tb->svc->errors(t);
    if (rc == QRY_OK && bad) {
        snprintf(err, errsz, "%zu problem%s in %s, each on a line of its own", bad, bad == 1 ? "" : "s", path);
        rc = QRY_ERR_CONFIG;
    }
    tb->svc->close(t);
    return rc;
}

static int word_line(loc_index *ix, char **f, int nf, const char *where, char *err, size_t errsz)
{
    static const struct {
        const char *name;
        uint32_t flag;
    } flags[] = {{"stop", LOC_KEY_STOP},
                 {"ambiguous", LOC_KEY_AMBIGUOUS},
                 {"org_head", LOC_KEY_ORG_HEAD},
                 {"cue", LOC_KEY_CUE},
                 {"sport", LOC_KEY_SPORT},
                 {"locative", LOC_KEY_LOCATIVE},
                 {"speech", LOC_KEY_SPEECH},
                 {"date", LOC_KEY_DATE},
                 {"title", LOC_KEY_TITLE}};
    if (nf != 2) {
        snprintf(err, errsz, "%s: expected WORD<TAB>FLAG, found %d field(s)", where, nf);
        return QRY_ERR_CONFIG;
    }
    char key[LOC_KEY_MAX];
    uint32_t mask;
    size_t n = loc_name_key(f[0], key, sizeof key, &mask);
    if (n == 0) {
        snprintf(err, errsz, "%s: '%s' cannot be matched on tokens", where, f[0]);
        return QRY_ERR_CONFIG;
    }
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (strcmp(f[1], flags[i].name) == 0)
            return loc_index_flag(ix, key, n, flags[i].flag);
    snprintf(err, errsz, "%s: unknown flag '%s' (stop, ambiguous, org_head, cue, sport, locative, speech, date, title)", where, f[1]);
    return QRY_ERR_CONFIG;
}

int loc_load_words(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz)
{
    return loc_read_tsv(tb, ix, path, word_line, err, errsz);
}

int loc_parse_coord(const char *s, double lim, float *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (errno || end == s || *end || v < -lim || v > lim)
        return 0;
    *out = (float)v;
    return 1;
}

/* The most populous place from `source` in country cc named by `form`. */
static uint32_t find_known(const loc_index *ix, const char *form, const char *cc, int source)
{
    char key[LOC_KEY_MAX];
    uint32_t mask, first, kflags, best = LOC_NONE;
    size_t n = loc_name_key(form, key, sizeof key, &mask);
    if (n == 0 || !loc_index_find(ix, key, n, &first, &kflags))
        return LOC_NONE;
    for (uint32_t s = first; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        uint32_t p = loc_sense_at(ix, s)->place;
        const loc_place *pl = loc_place_at(ix, p);
        int from = pl->source == LOC_SRC_DUMP && pl->kind == LOC_CITY ? LOC_SRC_GEONAMES : pl->source;
        if (from == source && strcmp(pl->cc, cc) == 0 &&
            (best == LOC_NONE || pl->population > loc_place_at(ix, best)->population))
            best = p;
    }
    return best;
}

/* Index the name and each '|'-separated alias as the team's forms of place. */
static int index_forms(loc_index *ix, const char *name, char *aliases, uint32_t place)
{
    int rc = loc_index_name(ix, name, place, LOC_SENSE_TEAM, 1);
    if (rc != QRY_OK || loc_empty_field(aliases))
        return rc;
    char *save = NULL;
    for (char *a = strtok_r(aliases, "|", &save); a && rc == QRY_OK; a = strtok_r(NULL, "|", &save))
        rc = loc_index_name(ix, a, place, LOC_SENSE_TEAM, 1);
    return rc;
}

/* The existing place a team line is about: the ISO country; or the most
 * populous GeoNames city (ISO subdivision, for a region) of that country
 * answering to the name or to one of the aliases ("Washington" + "Washington
 * D.C." is the capital, not a town of Utah). */
static uint32_t existing_place(const loc_index *ix, int kind, const char *name, const char *aliases,
                               const char *cc)
{
    if (kind == LOC_COUNTRY)
        return loc_country_of(ix, cc);
    if ((kind != LOC_CITY && kind != LOC_REGION) || !*cc)
        return LOC_NONE;
    int source = kind == LOC_CITY ? LOC_SRC_GEONAMES : LOC_SRC_SUBDIV;
    uint32_t best = find_known(ix, name, cc, source);
    if (loc_empty_field(aliases))
        return best;
    char buf[8192]; /* the longest line the reader hands over */
    snprintf(buf, sizeof buf, "%s", aliases);
    char *save = NULL;
    for (char *a = strtok_r(buf, "|", &save); a; a = strtok_r(NULL, "|", &save)) {
        uint32_t p = find_known(ix, a, cc, source);
        if (p != LOC_NONE && (best == LOC_NONE || loc_place_at(ix, p)->population > loc_place_at(ix, best)->population))
            best = p;
    }
    return best;
}

static int place_line(loc_index *ix, char **f, int nf, const char *where, char *err, size_t errsz)
{
    if (nf < 3) {
        snprintf(err, errsz, "%s: expected NAME<TAB>KIND<TAB>CC[<TAB>ALIASES<TAB>LAT<TAB>LON]", where);
        return QRY_ERR_CONFIG;
    }
    int kind = loc_kind_parse(f[1]);
    if (kind < 0) {
        snprintf(err, errsz, "%s: unknown kind '%s'", where, f[1]);
        return QRY_ERR_CONFIG;
    }
    const char *cc = loc_empty_field(f[2]) ? "" : f[2];
    if (*cc && (strlen(cc) != 2 || cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')) {
        snprintf(err, errsz, "%s: country code '%s' is not ISO 3166-1 alpha-2", where, cc);
        return QRY_ERR_CONFIG;
    }
    if (kind == LOC_COUNTRY && loc_country_of(ix, cc) == LOC_NONE) {
        snprintf(err, errsz, "%s: country '%s' has no ISO 3166-1 code '%s'", where, f[0], cc);
        return QRY_ERR_CONFIG;
    }
    float lat = 0, lon = 0;
    int coords = nf >= 6 && !loc_empty_field(f[4]);
    if (coords && (!loc_parse_coord(f[4], 90, &lat) || !loc_parse_coord(f[5], 180, &lon))) {
        snprintf(err, errsz, "%s: bad coordinates '%s' '%s'", where, f[4], f[5]);
        return QRY_ERR_CONFIG;
    }
    char *aliases = nf >= 4 ? f[3] : NULL;
    uint32_t name = loc_intern(ix, f[0], strlen(f[0]));
    uint32_t p = existing_place(ix, kind, f[0], aliases, cc);
    if (p == LOC_NONE) {
        p = loc_place_add(ix);
        if (p != LOC_NONE) {
            loc_place *pl = loc_place_at(ix, p);
            pl->kind = (uint8_t)kind;
            pl->source = LOC_SRC_TEAM;
            memcpy(pl->cc, cc, strlen(cc) + 1);
        }
    }
    if (p == LOC_NONE || name == LOC_NONE)
        return QRY_ERR_NOMEM;
    loc_place *pl = loc_place_at(ix, p);
    pl->name = name;
    if (coords) {
        pl->lat = lat;
        pl->lon = lon;
        pl->has_coords = 1;
    }
    return index_forms(ix, f[0], aliases, p);
}

static int abbrev_line(loc_index *ix, char **f, int nf, const char *where, char *err, size_t errsz)
{
    if (nf != 3) {
        snprintf(err, errsz, "%s: expected ABBREV<TAB>CODE<TAB>any|after_town, found %d field(s)", where, nf);
        return QRY_ERR_CONFIG;
    }
    size_t len = strlen(f[0]);
    char key[LOC_KEY_MAX];
    uint32_t mask;
    size_t n = loc_name_key(f[0], key, sizeof key, &mask);
    if (n == 0 || len < 2 || f[0][len - 1] != '.') {
        snprintf(err, errsz, "%s: '%s' is not an abbreviation with its closing '.'", where, f[0]);
        return QRY_ERR_CONFIG;
    }
    uint32_t flags = LOC_SENSE_TEAM | LOC_SENSE_ABBREV;
    if (strcmp(f[2], "after_town") == 0)
        flags |= LOC_SENSE_AFTER_TOWN;
    else if (strcmp(f[2], "any") != 0) {
        snprintf(err, errsz, "%s: unknown use '%s' (any, after_town)", where, f[2]);
        return QRY_ERR_CONFIG;
    }
    uint32_t place = loc_subdivision_of_code(ix, f[1]);
    if (place == LOC_NONE) {
        snprintf(err, errsz, "%s: no ISO 3166-2 subdivision '%s'", where, f[1]);
        return QRY_ERR_CONFIG;
    }
    /* "Calif.", not "CALIF." nor "calif.": every capital stays a capital
     * in title case, as the abbreviation is written */
    for (unsigned k = 0; k < LOC_MAX_WORDS; k++)
        if (LOC_CASE_OF(mask, k) == LOC_CASE_CAP)
            mask |= (uint32_t)LOC_CASE_TITLE << (2 * k);
    return loc_index_add(ix, key, n, place, mask, flags);
}

int loc_load_team(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz)
{
    return loc_read_tsv(tb, ix, path, place_line, err, errsz);
}

int loc_load_abbrevs(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz)
{
    return loc_read_tsv(tb, ix, path, abbrev_line, err, errsz);
}
