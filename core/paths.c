/* paths.c -- see paths.h. "Where am I installed" is asked of the object
 * this code was linked into (dladdr): the quarry binary, or libquarry.so
 * inside any program that embeds it, so an installed prefix can be moved
 * and still find its plugins and data. */
#define _GNU_SOURCE /* dladdr */
#include "paths.h"

#include <dlfcn.h>
#include <limits.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "quarry/plugin.h"

#define MAX_ENV_DIRS 64

/* A colon-separated environment list, split once into a private copy. */
typedef struct env_dirs {
    char *copy; /* kept for the life of the process: dirs point into it */
    const char *dirs[MAX_ENV_DIRS];
    size_t n;
} env_dirs;

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char rel_plugins[2 * PATH_MAX], rel_data[2 * PATH_MAX];
static int in_build_tree;
static env_dirs env_plugins, env_data;

static void warn(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void warn(const char *name, const char *fmt, ...)
{
    if (!qlog_wanted(QRY_LOG_WARN))
        return;
    va_list ap;
    va_start(ap, fmt);
    qlog_vwrite(QRY_LOG_WARN, name, fmt, ap);
    va_end(ap);
}

/* Split the list, of any length, into at most MAX_ENV_DIRS directories.
 * What cannot be used is said once, not dropped without a word: entries
 * past the limit, and entries too long to be a path. A relative entry
 * depends on the directory quarry runs in, which for a plugin path means
 * running whatever the current directory holds: that is said too. */
static void split_env(const char *name, env_dirs *out)
{
    const char *value = getenv(name);
    size_t dropped = 0, too_long = 0;
    if (!value || !(out->copy = strdup(value)))
        return;
    for (char *save = NULL, *tok = strtok_r(out->copy, ":", &save); tok; tok = strtok_r(NULL, ":", &save)) {
        if (strlen(tok) >= PATH_MAX - 64) {
            too_long++;
        } else if (out->n == MAX_ENV_DIRS) {
            dropped++;
        } else {
            out->dirs[out->n++] = tok;
            if (tok[0] != '/' && strcmp(name, "QUARRY_PLUGIN_PATH") == 0)
                warn(name, "'%s' is relative: plugins are looked for in it under the current directory", tok);
        }
    }
    if (dropped)
        warn(name, "%zu director%s past the first %d ignored", dropped, dropped == 1 ? "y" : "ies", MAX_ENV_DIRS);
    if (too_long)
        warn(name, "%zu entr%s longer than a path can be ignored", too_long, too_long == 1 ? "y" : "ies");
}

/* The file this code is in, resolved, into out[PATH_MAX]; 0 or -1. */
static int this_object(char *out, int *is_library)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0)
        exe[n] = '\0';
    Dl_info info;
    /* dladdr names the main program by argv[0] or not at all: then it is /proc/self/exe */
    if (dladdr(&once, &info) && info.dli_fname && strchr(info.dli_fname, '/') && realpath(info.dli_fname, out) &&
        (n <= 0 || strcmp(out, exe) != 0)) {
        *is_library = 1;
        return 0;
    }
    if (n <= 0)
        return -1;
    memcpy(out, exe, (size_t)n + 1);
    *is_library = 0;
    return 0;
}

static void find_install(void)
{
    char self[PATH_MAX];
    int is_library;
    if (this_object(self, &is_library) != 0)
        return;
    size_t build_len = strlen(QUARRY_BUILD_DIR);
    in_build_tree = strncmp(self, QUARRY_BUILD_DIR, build_len) == 0 && self[build_len] == '/';
    char *slash = strrchr(self, '/');
    if (!slash)
        return;
    *slash = '\0';
    /* relative paths from bindir (the tool) or libdir (the library), as installed */
    const char *to_plugins = is_library ? QUARRY_LIB_TO_PLUGINS : QUARRY_BIN_TO_PLUGINS;
    const char *to_data = is_library ? QUARRY_LIB_TO_DATA : QUARRY_BIN_TO_DATA;
    int a = snprintf(rel_plugins, sizeof rel_plugins, "%s/%s", self, to_plugins);
    int b = snprintf(rel_data, sizeof rel_data, "%s/%s", self, to_data);
    if (a < 0 || (size_t)a >= sizeof rel_plugins || b < 0 || (size_t)b >= sizeof rel_data)
        rel_plugins[0] = rel_data[0] = '\0';
}

static void init_once(void)
{
    find_install();
    split_env("QUARRY_PLUGIN_PATH", &env_plugins);
    split_env("QUARRY_DATA_PATH", &env_data);
}

static void add(qsearch *s, const char *dir)
{
    if (s->n < QSEARCH_MAX)
        s->dirs[s->n++] = dir;
}

static void add_rest(qsearch *s, const env_dirs *env, const char *build, const char *rel, const char *fixed)
{
    for (size_t k = 0; k < env->n; k++)
        add(s, env->dirs[k]);
    if (in_build_tree)
        add(s, build);
    if (rel[0])
        add(s, rel);
    add(s, fixed);
}

void qpaths_plugin_search(qsearch *s, const char *const *extra, size_t n_extra)
{
    pthread_once(&once, init_once);
    s->n = 0;
    for (size_t k = 0; k < n_extra; k++)
        add(s, extra[k]);
    add_rest(s, &env_plugins, QUARRY_BUILD_PLUGIN_DIR, rel_plugins, QUARRY_PLUGIN_INSTALL_DIR);
}

void qpaths_data_search(qsearch *s, const char *base_dir)
{
    pthread_once(&once, init_once);
    s->n = 0;
    if (base_dir)
        add(s, base_dir);
    add_rest(s, &env_data, QUARRY_SOURCE_CONF_DIR, rel_data, QUARRY_DATA_INSTALL_DIR);
}

void qsearch_describe(const qsearch *s, char *buf, size_t bufsz)
{
    size_t used = 0;
    if (bufsz == 0)
        return;
    int w = snprintf(buf, bufsz, "searched:");
    used = w > 0 && (size_t)w < bufsz ? (size_t)w : 0;
    for (size_t k = 0; k < s->n; k++) {
        w = snprintf(buf + used, bufsz - used, "%s %s", k ? "," : "", s->dirs[k]);
        if (w < 0 || (size_t)w >= bufsz - used) {
            /* mark the cut where there is room for it */
            if (bufsz >= 4)
                memcpy(buf + (used + 4 <= bufsz ? used : bufsz - 4), "...", 4);
            return;
        }
        used += (size_t)w;
    }
}
