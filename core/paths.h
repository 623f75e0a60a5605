/* paths.h -- where quarry looks for plugins and data files, and the
 * "searched: ..." list every not-found message ends with.
 *
 * The built-in directories make an installed quarry relocatable (found
 * relative to the running executable) and let a build-tree quarry use the
 * build tree. They and the QUARRY_PLUGIN_PATH / QUARRY_DATA_PATH lists are
 * worked out once per process, the first time any of them is needed, and
 * never change afterwards: every function here may be called from any
 * thread at any time. Internal to the core. */
#ifndef QUARRY_PATHS_H
#define QUARRY_PATHS_H

#include <stddef.h>

/* Room for the INI's own directories (plugin_path: at most 64), 64
 * environment entries and the built-in directories. */
#define QSEARCH_MAX 136

/* Directories to search, in order. The strings are not owned: they are
 * the caller's (extra, base_dir) or static. */
typedef struct qsearch {
    const char *dirs[QSEARCH_MAX];
    size_t n;
} qsearch;

/* Plugins: `extra` (the INI's plugin_path entries, already made relative
 * to its directory), QUARRY_PLUGIN_PATH entries, the build tree's plugins/
 * (only when running from the build tree), LIBDIR/quarry/plugins relative
 * to the executable, the configured install directory. */
void qpaths_plugin_search(qsearch *s, const char *const *extra, size_t n_extra);

/* Data files: base_dir (the INI's directory; skipped when NULL),
 * QUARRY_DATA_PATH entries, the source tree's conf/ (build tree only),
 * the relative share/quarry, the configured share/quarry. */
void qpaths_data_search(qsearch *s, const char *base_dir);

/* "searched: DIR, DIR, ..." for the end of a not-found message, cut with
 * "..." when it does not fit in buf[bufsz]. */
void qsearch_describe(const qsearch *s, char *buf, size_t bufsz);

#endif
