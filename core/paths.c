/* paths.c -- see paths.h. Computed once; /proc/self/exe is Linux's answer
 * to "where am I installed", and its absence just drops the relative dirs. */
#include "paths.h"

#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;
static char rel_plugins[2 * PATH_MAX], rel_data[2 * PATH_MAX];
static int in_build_tree;

static void compute(void)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    size_t build_len = strlen(QUARRY_BUILD_DIR);
    in_build_tree = strncmp(exe, QUARRY_BUILD_DIR, build_len) == 0 && exe[build_len] == '/';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    int a = snprintf(rel_plugins, sizeof rel_plugins, "%s/../%s", exe, QUARRY_REL_PLUGIN_DIR);
    int b = snprintf(rel_data, sizeof rel_data, "%s/../%s", exe, QUARRY_REL_DATA_DIR);
    if (a < 0 || (size_t)a >= sizeof rel_plugins || b < 0 || (size_t)b >= sizeof rel_data)
        rel_plugins[0] = rel_data[0] = '\0';
}

static size_t fill(const char **dirs, size_t max, const char *build, const char *rel, const char *fixed)
{
    pthread_once(&once, compute);
    size_t n = 0;
    if (in_build_tree && n < max)
        dirs[n++] = build;
    if (rel[0] && n < max)
        dirs[n++] = rel;
    if (n < max)
        dirs[n++] = fixed;
    return n;
}

size_t qpaths_plugin_dirs(const char **dirs, size_t max)
{
    return fill(dirs, max, QUARRY_BUILD_PLUGIN_DIR, rel_plugins, QUARRY_PLUGIN_INSTALL_DIR);
}

size_t qpaths_data_dirs(const char **dirs, size_t max)
{
    return fill(dirs, max, QUARRY_SOURCE_CONF_DIR, rel_data, QUARRY_DATA_INSTALL_DIR);
}
