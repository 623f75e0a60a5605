/* paths.h -- where quarry looks for plugins and data, so an installed
 * quarry is relocatable (found relative to the running executable) and a
 * build-tree quarry uses the build tree. Internal to the core. */
#ifndef QUARRY_PATHS_H
#define QUARRY_PATHS_H

#include <stddef.h>

/* The built-in plugin directories, most specific first: the build tree's
 * plugins/ (only when this program runs from the build tree), the
 * install directory relative to the executable, the configured install
 * directory. Returns how many were written (at most max). Thread-safe;
 * strings are static. */
size_t qpaths_plugin_dirs(const char **dirs, size_t max);

/* The same for data files: the source tree's conf/ (build tree only), the
 * relative share/quarry, the configured share/quarry. */
size_t qpaths_data_dirs(const char **dirs, size_t max);

#endif
