/* loader.h -- opening plugin shared objects and checking their descriptor.
 * The only part of quarry that talks to libltdl. Internal to the core. */
#ifndef QUARRY_LOADER_H
#define QUARRY_LOADER_H

#include <stddef.h>

#include "paths.h"
#include "quarry/plugin.h"

typedef struct qplugin_lib {
    char *path;   /* owned: absolute or as resolved */
    void *handle; /* lt_dlhandle */
    const qry_plugin_descriptor *desc; /* the plugin's static descriptor */
} qplugin_lib;

/* Find NAME.so in the search directories (qpaths_plugin_search). Returns
 * 0 and writes the path, or -1 with "plugin 'NAME' not found (did you
 * mean 'NAMES'?); searched: d1, d2" in err. */
int qloader_find(const char *name, const qsearch *dirs, char *path, size_t pathsz, char *err, size_t errsz);

/* The plugin names in dir (NAME for each NAME.so), sorted, as a
 * NULL-terminated array; *n gets the count. NULL with *n = 0 when the
 * directory cannot be read or holds none. Free with qloader_free_names. */
char **qloader_dir_names(const char *dir, size_t *n);
void qloader_free_names(char **names);

/* Open the shared object at `path`, fetch quarry_plugin_entry, and check
 * the descriptor (ABI major, struct size, name, types, callbacks, option
 * specs). Returns 0 and fills *lib, or -1 with a one-line message naming
 * the file and the step that failed. Thread-safe (one lock around ltdl). */
int qloader_open(const char *path, qplugin_lib *lib, char *err, size_t errsz);

void qloader_close(qplugin_lib *lib);

#endif
