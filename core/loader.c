/* loader.c -- the only file that includes ltdl.h.
 *
 * libltdl keeps its error string and search path in process-global state,
 * so every call happens under one mutex and lt_dlerror() is copied at once.
 * We resolve paths ourselves and always open by full path, locally
 * (RTLD_LOCAL) so two plugins' private symbols never collide.
 */
#define _XOPEN_SOURCE 700 /* S_ISVTX */
#include "loader.h"

#include "descriptor.h"
#include "suggest.h"

#include <dirent.h>
#include <dlfcn.h>
#include <errno.h>
#include <ltdl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"

static pthread_mutex_t ltdl_lock = PTHREAD_MUTEX_INITIALIZER;
static int ltdl_users = 0;

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

char **qloader_dir_names(const char *dir, size_t *n)
{
    *n = 0;
    DIR *d = opendir(dir);
    if (!d)
        return NULL;
    char **names = NULL;
    size_t cap = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL;) {
        size_t len = strlen(e->d_name);
        if (len < 4 || strcmp(e->d_name + len - 3, ".so") != 0)
            continue;
        if (*n + 1 >= cap) {
            size_t c = cap ? cap * 2 : 16;
            char **grown = realloc(names, c * sizeof *names);
            if (!grown)
                break;
            names = grown;
            cap = c;
        }
        if (!(names[*n] = strndup(e->d_name, len - 3)))
            break;
        (*n)++;
    }
    closedir(d);
    if (!names)
        return NULL;
    names[*n] = NULL;
    qsort(names, *n, sizeof *names, by_name);
    return names;
}

void qloader_free_names(char **names)
{
    for (size_t k = 0; names && names[k]; k++)
        free(names[k]);
    free(names);
}

/* " (did you mean 'money'?)" when a plugin in the search path is spelled
 * close to `name`, else nothing. */
static void suggest_plugin(const char *name, const qsearch *dirs, char *hint, size_t hintsz)
{
    for (size_t k = 0; k < dirs->n; k++) {
        size_t n;
        char **names = qloader_dir_names(dirs->dirs[k], &n);
        const char *best = names ? qsuggest(name, (const char *const *)names) : NULL;
        if (best)
            snprintf(hint, hintsz, " (did you mean '%s'?)", best);
        qloader_free_names(names);
        if (best)
            return;
    }
}

int qloader_find(const char *name, const qsearch *dirs, char *path, size_t pathsz, char *err, size_t errsz)
{
    for (size_t k = 0; k < dirs->n; k++) {
        int len = snprintf(path, pathsz, "%s/%s.so", dirs->dirs[k], name);
        if (len > 0 && (size_t)len < pathsz && access(path, F_OK) == 0)
            return 0;
    }
    char hint[160] = "", searched[2048];
    suggest_plugin(name, dirs, hint, sizeof hint);
    qsearch_describe(dirs, searched, sizeof searched);
    snprintf(err, errsz, "plugin '%s' not found%s; %s", name, hint, searched);
    return -1;
}

/* libltdl says "file not found" for every file it could not load, even
 * one that is there. Say what is really wrong: no ELF header, or what
 * the dynamic loader itself reports (a missing library, a wrong
 * architecture). Only called after libltdl failed, under ltdl_lock. */
static void why_not_loaded(const char *path, const char *ltdl_why, char *err, size_t errsz)
{
    unsigned char magic[4] = {0};
    FILE *f = fopen(path, "rb");
    size_t got = f ? fread(magic, 1, sizeof magic, f) : 0;
    if (f)
        fclose(f);
    if (f && (got < 4 || memcmp(magic, "\x7f" "ELF", 4) != 0)) {
        snprintf(err, errsz, "%s: cannot load: not a shared library (no ELF header)", path);
        return;
    }
    void *h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    const char *dl_why = h ? NULL : dlerror();
    if (h)
        dlclose(h);
    snprintf(err, errsz, "%s: cannot load: %s (try `ldd %s` for missing libraries)", path,
             dl_why ? dl_why : ltdl_why ? ltdl_why : "unknown error", path);
}

static void warn(const char *path, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(const char *path, const char *fmt, ...)
{
    if (!qlog_wanted(QRY_LOG_WARN))
        return;
    va_list ap;
    va_start(ap, fmt);
    qlog_vwrite(QRY_LOG_WARN, path, fmt, ap);
    va_end(ap);
}

/* A plugin is code quarry runs: whoever can replace the file, or write
 * into its directory, runs code as the user of quarry. World-writable
 * ones (a directory with the sticky bit, like /tmp, protects its files)
 * are refused unless QUARRY_ALLOW_WORLD_WRITABLE_PLUGINS=1, and then
 * loaded with a warning. 0 to load, -1 refused (err says why). */
static int check_writable(const char *path, char *err, size_t errsz)
{
    struct stat st;
    char dir[4096];
    const char *what = NULL;
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash == dir)
        dir[1] = '\0';
    else if (slash)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, ".");
    if (stat(path, &st) == 0 && (st.st_mode & S_IWOTH))
        what = "the plugin file is world-writable";
    else if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH) && !(st.st_mode & S_ISVTX))
        what = "its directory is world-writable";
    if (!what)
        return 0;
    const char *allow = getenv("QUARRY_ALLOW_WORLD_WRITABLE_PLUGINS");
    if (allow && strcmp(allow, "1") == 0) {
        warn(path, "%s: anyone on this machine can change the code quarry runs", what);
        return 0;
    }
    snprintf(err, errsz,
             "%s: refused: %s, so anyone on this machine could change the code quarry runs (chmod o-w; or set "
             "QUARRY_ALLOW_WORLD_WRITABLE_PLUGINS=1 to load it anyway)",
             path, what);
    return -1;
}

int qloader_open(const char *path, qplugin_lib *lib, char *err, size_t errsz)
{
    int rc = -1;
    lt_dlhandle h = NULL;
    lt_dladvise advise = NULL;
    memset(lib, 0, sizeof *lib);
    pthread_mutex_lock(&ltdl_lock);
    if (ltdl_users == 0 && lt_dlinit() != 0) {
        snprintf(err, errsz, "%s: cannot initialise libltdl: %s", path, lt_dlerror());
        goto out;
    }
    ltdl_users++;
    if (access(path, R_OK) != 0) {
        snprintf(err, errsz, "%s: cannot read plugin file: %s", path, strerror(errno));
        goto out;
    }
    /* libltdl asserts on a path with no file name ("/", "dir/") */
    struct stat st = {0};
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || path[strlen(path) - 1] == '/') {
        snprintf(err, errsz, "%s: not a plugin file (%s)", path,
                 S_ISDIR(st.st_mode) ? "a directory" : "not a regular file");
        goto out;
    }
    if (check_writable(path, err, errsz) != 0)
        goto out;
    if (lt_dladvise_init(&advise) || lt_dladvise_local(&advise)) {
        snprintf(err, errsz, "%s: libltdl: %s", path, lt_dlerror());
        goto out;
    }
    h = lt_dlopenadvise(path, advise);
    if (!h) {
        why_not_loaded(path, lt_dlerror(), err, errsz);
        goto out;
    }
    typedef const qry_plugin_descriptor *(*entry_fn)(void);
    void *sym = lt_dlsym(h, QRY_PLUGIN_ENTRY_SYMBOL);
    if (!sym) {
        snprintf(err, errsz, "%s: no entry point [%s] in shared library: not a quarry plugin", path,
                 QRY_PLUGIN_ENTRY_SYMBOL);
        goto out;
    }
    entry_fn entry;
    memcpy(&entry, &sym, sizeof entry); /* object-to-function pointer, as POSIX allows */
    const qry_plugin_descriptor *d = entry();
    if (!d) {
        snprintf(err, errsz, "%s: %s() returned no descriptor", path, QRY_PLUGIN_ENTRY_SYMBOL);
        goto out;
    }
    if (qdesc_check(path, d, err, errsz) != 0)
        goto out;
    lib->path = strdup(path);
    if (!lib->path) {
        snprintf(err, errsz, "%s: out of memory", path);
        goto out;
    }
    lib->handle = h;
    lib->desc = d;
    h = NULL;
    rc = 0;
out:
    if (advise)
        lt_dladvise_destroy(&advise);
    if (h)
        lt_dlclose(h);
    if (rc != 0 && ltdl_users > 0 && --ltdl_users == 0)
        lt_dlexit();
    pthread_mutex_unlock(&ltdl_lock);
    return rc;
}

void qloader_close(qplugin_lib *lib)
{
    if (!lib->handle) {
        free(lib->path);
        memset(lib, 0, sizeof *lib);
        return;
    }
    pthread_mutex_lock(&ltdl_lock);
    lt_dlclose((lt_dlhandle)lib->handle);
    if (ltdl_users > 0 && --ltdl_users == 0)
        lt_dlexit();
    pthread_mutex_unlock(&ltdl_lock);
    free(lib->path);
    memset(lib, 0, sizeof *lib);
}
