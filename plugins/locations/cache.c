/* cache.c -- where the start-up cache lives and when it is still good.
 *
 * The cache file is named after a fingerprint of everything the index is
 * built from: this plugin's own binary, libgeonames' binary, the iso-codes
 * files and the team's files (places, words, state abbreviations) (path, size, modification time of each) and
 * the options. Any change gives another name, so a stale file is never
 * read; writing a new one removes the older cache files of the same
 * configuration (the same plugin file, source paths and options), so each
 * pipeline of each copy of the plugin keeps one, and any of ours unused for
 * 30 days (the copy it was for is likely gone). A cache
 * that cannot be read or written is only logged: the index is then built
 * from the sources as if there were no cache.
 */
#define _GNU_SOURCE /* dladdr */
#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "locations.h"

#define CACHE_PREFIX "locations-"
#define CACHE_SUFFIX ".idx"

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h ^= p[i];
        h *= 0x100000001b3ull;
    }
    return h;
}

static uint64_t add_file(uint64_t h, const char *path)
{
    struct stat st;
    h = fnv(h, path, strlen(path) + 1);
    if (stat(path, &st) == 0) {
        int64_t v[3] = {(int64_t)st.st_size, (int64_t)st.st_mtim.tv_sec, (int64_t)st.st_mtim.tv_nsec};
        h = fnv(h, v, sizeof v);
    }
    return h;
}

/* The file that holds the code at `addr`, or NULL. */
static const char *file_of(const void *addr)
{
    Dl_info info;
    return dladdr(addr, &info) && info.dli_fname ? info.dli_fname : NULL;
}

static uint64_t add_binary_of(uint64_t h, const void *addr)
{
    const char *file = file_of(addr);
    return file ? add_file(h, file) : h;
}

uint64_t loc_cache_fingerprint(const loc_sources *src)
{
    uint64_t h = 0xcbf29ce484222325ull;
    char path[LOC_PATH_MAX + 32];
    h = add_binary_of(h, (const void *)&loc_cache_fingerprint);
    h = add_file(h, loc_geonames_file()); /* its file, without loading it */
    snprintf(path, sizeof path, "%s/iso_3166-1.json", src->iso_dir);
    h = add_file(h, path);
    snprintf(path, sizeof path, "%s/iso_3166-2.json", src->iso_dir);
    h = add_file(h, path);
    h = add_file(h, src->words);
    h = add_file(h, src->places);
    h = add_file(h, src->abbrevs);
    h = add_file(h, src->points);
    const char *dump[] = {src->dump.table, src->dump.admin1, src->dump.admin2, src->dump.countries,
                          src->dump.alternates};
    for (size_t i = 0; i < sizeof dump / sizeof dump[0]; i++)
        h = *dump[i] ? add_file(h, dump[i]) : fnv(h, "-", 2);
    for (size_t i = 0; i < LOC_MAX_DEMONYM_TABLES; i++)
        h = src->demonyms[i][0] ? add_file(h, src->demonyms[i]) : fnv(h, "-", 2);
    return fnv(h, &src->min_population, sizeof src->min_population);
}

int loc_cache_dir(const char *option, char *out, size_t outsz)
{
    if (option && *option)
        return snprintf(out, outsz, "%s", option) < (int)outsz ? 0 : -1;
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    if (xdg && *xdg == '/')
        return snprintf(out, outsz, "%s/quarry", xdg) < (int)outsz ? 0 : -1;
    if (home && *home == '/')
        return snprintf(out, outsz, "%s/.cache/quarry", home) < (int)outsz ? 0 : -1;
    return -1;
}

/* The plugin's own file (its path, not its date): each installed or built
 * copy of the plugin keeps a cache of its own, so two builds used in turn
 * (a debug and a release build, a test and an installed copy) do not
 * rebuild each other's out; a new build at the same path replaces its old
 * cache. */
static uint64_t add_own_path(uint64_t h)
{
    const char *file = file_of((const void *)&loc_cache_config);
    return file ? fnv(h, file, strlen(file) + 1) : h;
}

uint32_t loc_cache_config(const loc_sources *src)
{
    uint64_t h = add_own_path(0xcbf29ce484222325ull);
    const char *paths[] = {src->iso_dir,          src->words,         src->places,        src->abbrevs,
                           src->points,           src->dump.table,    src->dump.admin1,   src->dump.admin2,
                           src->dump.countries,   src->dump.alternates};
    for (size_t i = 0; i < sizeof paths / sizeof paths[0]; i++)
        h = fnv(h, paths[i], strlen(paths[i]) + 1);
    for (size_t i = 0; i < LOC_MAX_DEMONYM_TABLES; i++)
        h = fnv(h, src->demonyms[i], strlen(src->demonyms[i]) + 1);
    h = fnv(h, &src->min_population, sizeof src->min_population);
    return (uint32_t)(h ^ (h >> 32));
}

/* locations-CONFIG-FINGERPRINT.idx: one file per configuration, so that
 * two pipelines (with and without the GeoNames option) keep a cache each. */
static void cache_file(const char *dir, uint32_t config, uint64_t fp, char *out, size_t outsz)
{
    snprintf(out, outsz, "%s/" CACHE_PREFIX "%08x-%016llx" CACHE_SUFFIX, dir, config, (unsigned long long)fp);
}

loc_index *loc_cache_load(const char *dir, uint32_t config, uint64_t fp, char *why, size_t whysz)
{
    char path[LOC_PATH_MAX + 64];
    cache_file(dir, config, fp, path, sizeof path);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(why, whysz, "%s: %s", path, strerror(errno));
        return NULL;
    }
    loc_index *ix = loc_index_read(fd, fp);
    close(fd);
    if (!ix)
        snprintf(why, whysz, "%s: not a valid cache, rebuilding", path);
    return ix;
}

/* mkdir -p for the cache directory (it and its parent are usually missing
 * together: ~/.cache/quarry on a fresh account). */
static int make_dirs(const char *dir)
{
    char buf[LOC_PATH_MAX];
    if (snprintf(buf, sizeof buf, "%s", dir) >= (int)sizeof buf)
        return -1;
    for (char *p = buf + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(buf, 0755) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    return mkdir(buf, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* A cache file neither read nor written for this long belongs to a copy
 * of the plugin that is gone (a build tree or a CI checkout deleted since):
 * nothing else would remove it. A copy still in use but idle that long
 * only rebuilds its index once. */
#define CACHE_UNUSED_DAYS 30

static int unused_for_long(const char *path, time_t now)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0;
    time_t last = st.st_atime > st.st_mtime ? st.st_atime : st.st_mtime;
    return now - last > (time_t)CACHE_UNUSED_DAYS * 24 * 3600;
}

/* Older cache files of this configuration (another fingerprint means they
 * can never be read again by this build and configuration), files of the
 * one-fingerprint names earlier builds wrote (locations-FP.idx), and any
 * of ours unused for CACHE_UNUSED_DAYS. */
static void remove_others(const char *dir, const char *keep)
{
    time_t now = time(NULL);
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    size_t np = strlen(CACHE_PREFIX), ns = strlen(CACHE_SUFFIX), nc = np + 9; /* "locations-CONFIG-" */
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        int ours = n > np + ns && strncmp(e->d_name, CACHE_PREFIX, np) == 0 &&
                   strcmp(e->d_name + n - ns, CACHE_SUFFIX) == 0;
        int same_config = strncmp(e->d_name, keep, nc) == 0, old_name = n == np + 16 + ns;
        if (!ours || strcmp(e->d_name, keep) == 0)
            continue;
        char path[LOC_PATH_MAX + 300];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        if (same_config || old_name || unused_for_long(path, now))
            unlink(path);
    }
    closedir(d);
}

int loc_cache_save(const char *dir, uint32_t config, uint64_t fp, const loc_index *ix, char *why, size_t whysz)
{
    char path[LOC_PATH_MAX + 64], tmp[LOC_PATH_MAX + 96];
    cache_file(dir, config, fp, path, sizeof path);
    /* written aside and renamed, so a reader never sees half a file */
    snprintf(tmp, sizeof tmp, "%s.%ld.tmp", path, (long)getpid());
    FILE *f = NULL;
    if (make_dirs(dir) != 0 || !(f = fopen(tmp, "wb"))) {
        snprintf(why, whysz, "%s: %s", f ? tmp : dir, strerror(errno));
        return QRY_ERR_IO;
    }
    int rc = loc_index_write(ix, fp, f);
    if (fclose(f) != 0)
        rc = QRY_ERR_IO;
    if (rc == QRY_OK && rename(tmp, path) != 0)
        rc = QRY_ERR_IO;
    if (rc != QRY_OK) {
        snprintf(why, whysz, "%s: %s", path, strerror(errno));
        unlink(tmp);
        return rc;
    }
    remove_others(dir, strrchr(path, '/') + 1);
    return QRY_OK;
}
