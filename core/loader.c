/* loader.c -- the only file that includes ltdl.h.
 *
 * libltdl keeps its error string and search path in process-global state,
 * so every call happens under one mutex and lt_dlerror() is copied at once.
 * We resolve paths ourselves and always open by full path, locally
 * (RTLD_LOCAL) so two plugins' private symbols never collide.
 */
#include "loader.h"

#include "descriptor.h"
#include "suggest.h"

#include <dirent.h>
#include <ltdl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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
        snprintf(err, errsz, "%s: cannot read plugin file", path);
        goto out;
    }
    if (lt_dladvise_init(&advise) || lt_dladvise_local(&advise)) {
        snprintf(err, errsz, "%s: libltdl: %s", path, lt_dlerror());
        goto out;
    }
    h = lt_dlopenadvise(path, advise);
    if (!h) {
        const char *why = lt_dlerror();
        snprintf(err, errsz, "%s: cannot load: %s (try `ldd %s` for missing libraries)", path,
                 why ? why : "unknown error", path);
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
