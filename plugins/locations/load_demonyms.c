/* load_demonyms.c -- demonyms and adjectives of places ("Ukrainian",
 * "Minnesotans"), for the demonyms option: conf/locations/demonyms.tsv
 * (countries, generated from world-countries) and demonyms_team.tsv (US
 * states, provinces, continents, written by the team).
 *
 *   FORM <TAB> PLACE
 *
 * PLACE is an ISO 3166-1 alpha-2 or ISO 3166-2 code, or the name of a
 * continent or region the index holds ("Europe", "Crimea"); a form whose
 * place is not in the index (iso-codes lacks Kosovo; a places option may
 * name a file without Crimea) is skipped. Each form is
 * indexed with LOC_SENSE_DEMONYM, and so is its plural in -s for forms in
 * -an, -i, -er and -ite ("Ukrainians", "Iraqis", "New Yorkers"). The
 * senses are always in the index; the matcher uses them only when the
 * option is on, so turning it on or off needs no rebuild.
 */
#include <stdio.h>
#include <string.h>

#include "locations.h"

/* The continent or region (of the team or iso-codes) named name. */
static uint32_t named_area(const loc_index *ix, const char *name)
{
    char key[LOC_KEY_MAX];
    uint32_t mask, first, kflags;
    size_t n = loc_name_key(name, key, sizeof key, &mask);
    if (n == 0 || !loc_index_find(ix, key, n, &first, &kflags))
        return LOC_NONE;
    for (uint32_t s = first; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
        if (p->kind != LOC_CITY && p->kind != LOC_COUNTRY && (p->source == LOC_SRC_TEAM || p->source == LOC_SRC_SUBDIV))
            return loc_sense_at(ix, s)->place;
    }
    return LOC_NONE;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int demonym_line(loc_index *ix, char **f, int nf, const char *where, char *err, size_t errsz)
{
    if (nf != 2 || !*f[0]) {
        snprintf(err, errsz, "%s: expected FORM<TAB>PLACE, found %d field(s)", where, nf);
        return QRY_ERR_CONFIG;
    }
    size_t n = strlen(f[1]);
    int code = (n == 2 || (n > 3 && f[1][2] == '-')) && strspn(f[1], "ABCDEFGHIJKLMNOPQRSTUVWXYZ") == 2;
    uint32_t p = !code ? named_area(ix, f[1]) : n == 2 ? loc_country_of(ix, f[1]) : loc_subdivision_of_code(ix, f[1]);
    if (p == LOC_NONE)
        return QRY_OK; /* nothing to name: iso-codes lacks Kosovo (XK); a user's places.tsv may lack Crimea */
    int rc = loc_index_name(ix, f[0], p, LOC_SENSE_DEMONYM, 1);
    if (rc == QRY_OK && (ends_with(f[0], "an") || ends_with(f[0], "i") || ends_with(f[0], "er") ||
                         ends_with(f[0], "ite"))) {
        char plural[LOC_KEY_MAX];
        if ((size_t)snprintf(plural, sizeof plural, "%ss", f[0]) < sizeof plural)
            rc = loc_index_name(ix, plural, p, LOC_SENSE_DEMONYM, 1);
    }
    return rc;
}

int loc_load_demonyms(const loc_tables *tb, loc_index *ix, const char *path, char *err, size_t errsz)
{
    return loc_read_tsv(tb, ix, path, demonym_line, err, errsz);
}
