/* geonames_lib.c -- libgeonames, loaded when the index is built.
 *
 * The cities table is compiled into libgeonames, which pulls in GLib, GIO,
 * GObject, libmount, libselinux and libblkid: loading them took ~5 ms of
 * every start, though a start with a warm cache never reads a city. So the
 * plugin does not link the library; it opens it when it builds the index
 * (once per machine, the cache then holds the cities) and never closes it
 * (GLib keeps global state). The library's file is known at build time, so
 * the cache fingerprint can name it without loading it.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "geonames_lib.h"
#include "locations.h"

#ifndef LOC_GEONAMES_SONAME
#define LOC_GEONAMES_SONAME "libgeonames.so.0"
#endif
#ifndef LOC_GEONAMES_PATH
#define LOC_GEONAMES_PATH LOC_GEONAMES_SONAME
#endif

static struct {
    pthread_once_t once;
    loc_geonames_api api;
    int ok;
    char error[512];
} lib = {.once = PTHREAD_ONCE_INIT};

/* dlsym into a typed function pointer (ISO C has no cast between object
 * and function pointers; POSIX makes this one defined). */
#define BIND(handle, field, symbol)                                                                                  \
    (*(void **)&lib.api.field = dlsym(handle, symbol)) != NULL

static void load(void)
{
    void *h = dlopen(LOC_GEONAMES_PATH, RTLD_NOW | RTLD_LOCAL);
    if (!h) /* moved since the build: wherever the dynamic linker finds it */
        h = dlopen(LOC_GEONAMES_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *why = dlerror();
        snprintf(lib.error, sizeof lib.error, "libgeonames (%s) cannot be loaded: %s", LOC_GEONAMES_SONAME,
                 why ? why : "unknown reason");
        return;
    }
    lib.ok = BIND(h, n_cities, "geonames_get_n_cities") && BIND(h, get_city, "geonames_get_city") &&
             BIND(h, city_free, "geonames_city_free") && BIND(h, name, "geonames_city_get_name") &&
             BIND(h, state, "geonames_city_get_state") && BIND(h, country_code, "geonames_city_get_country_code") &&
             BIND(h, latitude, "geonames_city_get_latitude") && BIND(h, longitude, "geonames_city_get_longitude") &&
             BIND(h, population, "geonames_city_get_population");
    if (!lib.ok) {
        const char *why = dlerror();
        snprintf(lib.error, sizeof lib.error, "libgeonames (%s) lacks a function: %s", LOC_GEONAMES_SONAME,
                 why ? why : "unknown");
    }
}

const loc_geonames_api *loc_geonames_open(char *err, size_t errsz)
{
    pthread_once(&lib.once, load);
    if (!lib.ok) {
        snprintf(err, errsz, "%s", lib.error);
        return NULL;
    }
    return &lib.api;
}

const char *loc_geonames_file(void) { return LOC_GEONAMES_PATH; }
