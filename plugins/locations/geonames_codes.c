/* geonames_codes.c -- GeoNames' code tables, read whole: they are small.
 *
 *   admin1CodesASCII.txt  CC.ADMIN1 <TAB> name <TAB> ASCII name <TAB> geonameid
 *   admin2Codes.txt       CC.ADMIN1.ADMIN2 <TAB> name <TAB> ASCII name <TAB> geonameid
 *
 * Both map a code to a name; they are kept sorted by code for lookup while
 * the dump is read, and freed when the index is built.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "geonames.h"

int loc_gn_by_code(const void *a, const void *b)
{
    return strcmp(((const loc_gn_code *)a)->code, ((const loc_gn_code *)b)->code);
}

static int add_code(loc_gn_codes *c, const char *code, const char *name)
{
    if (c->n == c->cap) {
        size_t cap = c->cap ? c->cap * 2 : 1024;
        loc_gn_code *v = realloc(c->v, cap * sizeof *v);
        if (!v)
            return QRY_ERR_NOMEM;
        c->v = v;
        c->cap = cap;
    }
    char *k = strdup(code), *n = strdup(name);
    if (!k || !n) {
        free(k);
        free(n);
        return QRY_ERR_NOMEM;
    }
    c->v[c->n++] = (loc_gn_code){k, n};
    return QRY_OK;
}

int loc_gn_read_codes(const char *path, loc_gn_codes *out, char *err, size_t errsz)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        snprintf(err, errsz, "%s: %s", path, strerror(errno));
        return QRY_ERR_IO;
    }
    char *line = NULL, *f[LOC_GN_CODE_COLUMNS];
    size_t cap = 0;
    int rc = QRY_OK;
    for (unsigned no = 1; rc == QRY_OK && getline(&line, &cap, fp) >= 0; no++) {
        int nf = loc_gn_split(line, f, LOC_GN_CODE_COLUMNS);
        if (nf == 0)
            continue;
        if (nf != LOC_GN_CODE_COLUMNS || !strchr(f[0], '.') || !*f[1]) {
            snprintf(err, errsz, "%s:%u: expected CODE<TAB>NAME<TAB>ASCII NAME<TAB>GEONAMEID, found %d column(s)",
                     path, no, nf);
            rc = QRY_ERR_CONFIG;
        } else {
            rc = add_code(out, f[0], f[1]);
        }
    }
    free(line);
    fclose(fp);
    if (rc == QRY_ERR_NOMEM)
        snprintf(err, errsz, "out of memory reading %s", path);
    if (rc == QRY_OK)
        qsort(out->v, out->n, sizeof *out->v, loc_gn_by_code);
    return rc;
}

const char *loc_gn_code_name(const loc_gn_codes *c, const char *code)
{
    loc_gn_code key = {(char *)code, NULL};
    const loc_gn_code *hit = c->n ? bsearch(&key, c->v, c->n, sizeof *c->v, loc_gn_by_code) : NULL;
    return hit ? hit->name : NULL;
}

void loc_gn_codes_free(loc_gn_codes *c)
{
    for (size_t i = 0; i < c->n; i++) {
        free(c->v[i].code);
        free(c->v[i].name);
    }
    free(c->v);
    *c = (loc_gn_codes){0};
}

int loc_gn_split(char *line, char **f, int max)
{
    size_t n = strlen(line);
    while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
        line[--n] = '\0';
    if (n == 0 || line[0] == '#')
        return 0;
    int nf = 0;
    f[nf++] = line;
    for (char *p = line; *p; p++)
        if (*p == '\t') {
            if (nf == max)
                return max + 1; /* too many: the caller reports the line */
            *p = '\0';
            f[nf++] = p + 1;
        }
    return nf;
}
