/* load_iso.c -- countries and first-level subdivisions from Debian's
 * iso-codes JSON (iso_3166-1.json, iso_3166-2.json), parsed with jansson.
 *
 * A country is indexed under its short name, common name and official name
 * ("Moldova", "Republic of Moldova"); inverted forms ("Korea, Republic of")
 * cannot occur on tokens and are skipped by loc_name_key. Subdivisions are
 * taken at the first level only (no "parent"): states, provinces, oblasts.
 */
#include <jansson.h>
#include <stdio.h>
#include <string.h>

#include "locations.h"

static json_t *load_array(const char *dir, const char *file, const char *member, char *err, size_t errsz)
{
    char path[4096];
    json_error_t je;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    json_t *root = json_load_file(path, 0, &je);
    if (!root) {
        snprintf(err, errsz, "%s:%d: %s", path, je.line, je.text);
        return NULL;
    }
    json_t *arr = json_object_get(root, member);
    if (!json_is_array(arr)) {
        snprintf(err, errsz, "%s:1: no \"%s\" array", path, member);
        json_decref(root);
        return NULL;
    }
    json_incref(arr);
    json_decref(root);
    return arr;
}

static const char *member_str(json_t *o, const char *key)
{
    json_t *v = json_object_get(o, key);
    return json_is_string(v) ? json_string_value(v) : NULL;
}

static int add_country(loc_index *ix, json_t *o)
{
    const char *cc = member_str(o, "alpha_2"), *name = member_str(o, "name");
    const char *common = member_str(o, "common_name"), *official = member_str(o, "official_name");
    if (!cc || !name || strlen(cc) != 2)
        return QRY_OK; /* not a usable record; the schema makes both mandatory */
    const char *canonical = common ? common : name;
    uint32_t p = loc_place_add(ix), off = loc_intern(ix, canonical, strlen(canonical));
    if (p == LOC_NONE || off == LOC_NONE)
        return QRY_ERR_NOMEM;
    loc_place *pl = loc_place_at(ix, p);
    pl->name = off;
    pl->kind = LOC_COUNTRY;
    pl->source = LOC_SRC_ISO;
    memcpy(pl->cc, cc, 3);
    loc_set_country(ix, cc, p);
    const char *forms[3] = {name, common, official};
    for (int i = 0; i < 3; i++) {
        int rc = forms[i] ? loc_index_name(ix, forms[i], p, 0, 0) : QRY_OK;
        if (rc != QRY_OK)
            return rc;
    }
    return QRY_OK;
}

/* Subdivisions are also found by their code, under a key no name can have
 * (names never contain '='), so points.tsv and us_state_abbrevs.tsv look
 * them up in the hash instead of scanning every place. */
#define CODE_KEY_MAX 16
static size_t code_key(const char *code, char *key)
{
    size_t n = strlen(code);
    if (n + 2 > CODE_KEY_MAX)
        return 0;
    key[0] = '=';
    memcpy(key + 1, code, n + 1);
    return n + 1;
}

uint32_t loc_subdivision_of_code(const loc_index *ix, const char *code)
{
    char key[CODE_KEY_MAX];
    uint32_t first, kflags;
    size_t n = code_key(code, key);
    if (n == 0 || !loc_index_find(ix, key, n, &first, &kflags) || first == LOC_NONE)
        return LOC_NONE;
    return loc_sense_at(ix, first)->place;
}

static int add_subdivision(loc_index *ix, json_t *o)
{
    const char *code = member_str(o, "code"), *name = member_str(o, "name");
    if (!code || !name || json_object_get(o, "parent") || strlen(code) < 4 || code[2] != '-')
        return QRY_OK;
    /* "Wales [Cymru GB-CYM]": the bracket holds another language's form */
    size_t n = strcspn(name, "[");
    while (n && name[n - 1] == ' ')
        n--;
    char cc[3] = {code[0], code[1], '\0'};
    uint32_t p = loc_place_add(ix), off = loc_intern(ix, name, n), coff = loc_intern(ix, code, strlen(code));
    if (p == LOC_NONE || off == LOC_NONE || coff == LOC_NONE)
        return QRY_ERR_NOMEM;
    loc_place *pl = loc_place_at(ix, p);
    pl->name = off;
    pl->code = coff;
    pl->kind = LOC_REGION;
    pl->source = LOC_SRC_SUBDIV;
    memcpy(pl->cc, cc, 3);
    char key[CODE_KEY_MAX];
    size_t kn = code_key(code, key);
    int rc = kn ? loc_index_add(ix, key, kn, p, 0, 0) : QRY_OK;
    return rc == QRY_OK ? loc_index_name(ix, loc_str(ix, off), p, 0, 0) : rc;
}

int loc_load_iso(loc_index *ix, const char *dir, char *err, size_t errsz)
{
    json_t *countries = load_array(dir, "iso_3166-1.json", "3166-1", err, errsz);
    if (!countries)
        return QRY_ERR_IO;
    json_t *subdivs = load_array(dir, "iso_3166-2.json", "3166-2", err, errsz);
    if (!subdivs) {
        json_decref(countries);
        return QRY_ERR_IO;
    }
    int rc = QRY_OK;
    size_t i;
    json_t *o;
    json_array_foreach(countries, i, o) if (rc == QRY_OK && json_is_object(o)) rc = add_country(ix, o);
    json_array_foreach(subdivs, i, o) if (rc == QRY_OK && json_is_object(o)) rc = add_subdivision(ix, o);
    json_decref(countries);
    json_decref(subdivs);
    if (rc != QRY_OK)
        snprintf(err, errsz, "out of memory loading iso-codes");
    return rc;
}
