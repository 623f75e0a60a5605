/* config.c -- loading a pipeline INI file (see config.h): read it once,
 * scan it for structure and lines, let iniparser read the values, and
 * look sections and keys up. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "ini_scan.h"
#include "ini_values.h"

/* A pipeline file is a few dozen lines; refuse to slurp something huge
 * that was named by mistake. */
#define MAX_FILE_SIZE (16u * 1024u * 1024u)

void qcfg_free(qcfg *cfg)
{
    if (!cfg)
        return;
    for (size_t s = 0; s < cfg->n_sections; s++) {
        qcfg_section *sec = &cfg->sections[s];
        for (size_t k = 0; k < sec->n_keys; k++) {
            free(sec->keys[k].name);
            free(sec->keys[k].value);
        }
        free(sec->keys);
        free(sec->name);
    }
    free(cfg->sections);
    free(cfg->path);
    free(cfg->dir);
    free(cfg);
}

/* "dir/file.ini" -> "dir", "file.ini" -> ".", "/file.ini" -> "/". */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    while (slash > path && slash[-1] == '/')
        slash--;
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Scan, then let iniparser read the same bytes. */
static int load_text(const char *name, const char *dir, const char *text, size_t len, qcfg **out, qdiag *d)
{
    int rc = -1, errors;
    qcfg *cfg = calloc(1, sizeof *cfg);
    *out = NULL;
    if (!cfg || !(cfg->path = strdup(name)) || !(cfg->dir = strdup(dir))) {
        qdiag_at(d, name, 0, NULL, NULL, "out of memory");
        goto done;
    }
    errors = qini_scan(cfg, text, len, d);
    if (errors < 0)
        qdiag_at(d, name, 0, NULL, NULL, "out of memory");
    if (errors != 0 || qini_values(cfg, text, len, d) != 0)
        goto done;
    *out = cfg;
    cfg = NULL;
    rc = 0;
done:
    qcfg_free(cfg);
    return rc;
}

/* The whole of `path`, NUL-terminated; works for pipes too (-c <(...)). */
static int read_file(const char *path, char **text, size_t *len, qdiag *d)
{
    int rc = -1;
    char *buf = NULL;
    size_t n = 0, cap = 0, got = 0;
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f) {
        qdiag_at(d, path, 0, NULL, NULL, "cannot open: %s", strerror(errno));
        goto done;
    }
    if (fstat(fileno(f), &st) != 0) {
        qdiag_at(d, path, 0, NULL, NULL, "cannot read: %s", strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        qdiag_at(d, path, 0, NULL, NULL, "cannot read: %s", strerror(EISDIR));
        goto done;
    }
    do {
        if (n > MAX_FILE_SIZE) {
            qdiag_at(d, path, 0, NULL, NULL, "too large for a pipeline file (over %u bytes)", MAX_FILE_SIZE);
            goto done;
        }
        if (n + 4096 + 1 > cap) {
            size_t ncap = cap ? cap * 2 : 8192;
            char *grown = realloc(buf, ncap);
            if (!grown) {
                qdiag_at(d, path, 0, NULL, NULL, "out of memory");
                goto done;
            }
            buf = grown;
            cap = ncap;
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
    } while (got == 4096);
    if (ferror(f)) {
        qdiag_at(d, path, 0, NULL, NULL, "cannot read: %s", strerror(errno));
        goto done;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    buf = NULL;
    rc = 0;
done:
    if (f)
        fclose(f);
    free(buf);
    return rc;
}

int qcfg_load(const char *path, qcfg **out, qdiag *diags)
{
    int rc = -1;
    char *text = NULL, *dir = NULL;
    size_t len = 0;
    *out = NULL;
    if (read_file(path, &text, &len, diags) != 0)
        goto done;
    dir = dir_of(path);
    if (!dir) {
        qdiag_at(diags, path, 0, NULL, NULL, "out of memory");
        goto done;
    }
    rc = load_text(path, dir, text, len, out, diags);
done:
    free(text);
    free(dir);
    return rc;
}

int qcfg_load_text(const char *name, const char *dir, const char *text, qcfg **out, qdiag *diags)
{
    return load_text(name ? name : "<default>", dir ? dir : ".", text ? text : "", text ? strlen(text) : 0, out,
                     diags);
}

const qcfg_section *qcfg_section_get(const qcfg *cfg, const char *section)
{
    for (size_t i = 0; cfg && section && i < cfg->n_sections; i++)
        if (strcasecmp(cfg->sections[i].name, section) == 0)
            return &cfg->sections[i];
    return NULL;
}

const qcfg_key *qcfg_key_get(const qcfg_section *sec, const char *key)
{
    for (size_t i = 0; sec && key && i < sec->n_keys; i++)
        if (strcasecmp(sec->keys[i].name, key) == 0)
            return &sec->keys[i];
    return NULL;
}
