/* cmd_plugins.c -- `quarry plugins [NAME]`: what plugins are there, and
 * what does one accept. Everything printed comes from the descriptors, so
 * it cannot drift from the code. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "config.h"
#include "diag.h"
#include "loader.h"
#include "paths.h"

static const char *type_name(int t)
{
    static const char *const names[] = {"?", "string", "int", "double", "bool", "path", "list"};
    return t >= 1 && t <= 6 ? names[t] : "?";
}

static const char *threading_name(int t)
{
    return t == QRY_THREAD_SERIAL ? "serial" : t == QRY_THREAD_PER_WORKER ? "per-worker" : "reentrant";
}

static const char *attr_type_name(int t)
{
    static const char *const names[] = {"?", "string", "int", "double", "bool"};
    return t >= 1 && t <= 4 ? names[t] : "?";
}

/* What each entity type carries (ABI 1.1 declarations). */
static void print_attributes(const qry_plugin_descriptor *d)
{
    if (d->abi_minor < 1 || !d->attributes) {
        printf("  attributes: (not declared)\n");
        return;
    }
    printf("  attributes:\n");
    for (size_t t = 0; d->entity_types[t]; t++)
        for (size_t k = 0; d->attributes[k]; k++) {
            const qry_attr_spec *a = d->attributes[k];
            if (strcmp(a->entity_type, d->entity_types[t]) != 0)
                continue;
            char name[160];
            snprintf(name, sizeof name, "%s.%s", a->entity_type, a->name);
            printf("    %-22s %-7s %s\n", name, attr_type_name(a->type), a->help ? a->help : "");
        }
}

static void print_details(const qplugin_lib *lib)
{
    const qry_plugin_descriptor *d = lib->desc;
    printf("%s %s (ABI %u.%u, %s)\n  %s\n  file: %s\n  emits:", d->name, d->version ? d->version : "?",
           d->abi_major, d->abi_minor, threading_name(d->threading), d->description ? d->description : "",
           lib->path);
    for (size_t k = 0; d->entity_types[k]; k++)
        printf(" %s", d->entity_types[k]);
    if (d->abi_minor >= 1 && d->consumes && d->consumes[0]) {
        printf("\n  reads from earlier stages:");
        for (size_t k = 0; d->consumes[k]; k++)
            printf(" %s", d->consumes[k]);
    }
    printf("\n");
    print_attributes(d);
    printf("  options (in its [%s] section):\n", d->name);
    if (!d->options || !d->options[0])
        printf("    (none)\n");
    for (size_t k = 0; d->options && d->options[k]; k++) {
        const qry_option_spec *o = d->options[k];
        printf("    %-18s %-7s default: %s\n      %s\n", o->name, type_name(o->type),
               o->default_value ? o->default_value : "(unset)", o->help ? o->help : "");
    }
}

/* Load and print every NAME.so in dir; skip names already shown. */
static void list_dir(const char *dir, char ***seen, size_t *n_seen, const char *only, int *found, qdiag *problems)
{
    size_t n;
    char **names = qloader_dir_names(dir, &n);
    for (size_t k = 0; k < n; k++) {
        char path[PATH_MAX], err[1024];
        int dup = 0;
        for (size_t j = 0; j < *n_seen; j++)
            dup |= strcmp((*seen)[j], names[k]) == 0;
        if (dup || (only && strcmp(only, names[k]) != 0))
            continue;
        snprintf(path, sizeof path, "%s/%s.so", dir, names[k]);
        qplugin_lib lib;
        if (qloader_open(path, &lib, err, sizeof err) != 0) {
            qdiag_add(problems, "%s", err);
            continue;
        }
        char **grown = realloc(*seen, (*n_seen + 1) * sizeof **seen);
        if (grown) {
            *seen = grown;
            (*seen)[(*n_seen)++] = strdup(names[k]);
        }
        if (only) {
            print_details(&lib);
        } else {
            const qry_plugin_descriptor *d = lib.desc;
            printf("%-12s %-8s ABI %u.%u  emits:", d->name, d->version ? d->version : "?", d->abi_major,
                   d->abi_minor);
            for (size_t t = 0; d->entity_types[t]; t++)
                printf("%s%s", t ? ", " : " ", d->entity_types[t]);
            printf("  %s\n             %s\n", lib.path, d->description ? d->description : "");
        }
        (*found)++;
        qloader_close(&lib);
    }
    qloader_free_names(names);
}

/* The plugin_path directories of a pipeline file, made absolute against
 * its directory, into buf[] and extra[]. 0, or -1 after printing why. */
static int ini_plugin_path(const char *ini, char (*buf)[PATH_MAX], const char **extra, size_t *n_extra, size_t max)
{
    qdiag d = {0};
    qcfg *cfg = NULL;
    if (qcfg_load(ini, &cfg, &d) != 0) {
        qdiag_print(&d);
        qdiag_free(&d);
        return -1;
    }
    const qcfg_section *sec = qcfg_section_get(cfg, "pipeline");
    const qcfg_key *pp = sec ? qcfg_key_get(sec, "plugin_path") : NULL;
    char *copy = pp ? strdup(pp->value) : NULL;
    for (char *save = NULL, *tok = copy ? strtok_r(copy, ", \t:", &save) : NULL; tok && *n_extra < max;
         tok = strtok_r(NULL, ", \t:", &save)) {
        if (tok[0] == '/')
            snprintf(buf[*n_extra], PATH_MAX, "%s", tok);
        else
            snprintf(buf[*n_extra], PATH_MAX, "%s/%s", cfg->dir, tok);
        extra[*n_extra] = buf[*n_extra];
        (*n_extra)++;
    }
    free(copy);
    qcfg_free(cfg);
    qdiag_free(&d);
    return 0;
}

int cli_plugins(int argc, char **argv)
{
    const char *only = NULL, *extra[32];
    static char ini_dirs[16][PATH_MAX];
    size_t n_extra = 0;
    for (int i = 1; i < argc; i++) {
        const char *v;
        int got = cli_take_value(argc, argv, &i, NULL, "--plugin-path", &v);
        if (got < 0)
            return cli_usage_error("plugins", "--plugin-path needs a directory");
        if (got > 0 && n_extra < 16) {
            extra[n_extra++] = v;
            continue;
        }
        got = cli_take_value(argc, argv, &i, "-c", "--config", &v);
        if (got < 0)
            return cli_usage_error("plugins", "%s needs a pipeline file", argv[i]);
        if (got > 0) { /* the plugins that pipeline would see: its plugin_path first */
            if (ini_plugin_path(v, ini_dirs, extra + n_extra, &n_extra, 16) != 0)
                return 2;
            continue;
        }
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: quarry plugins [-c PIPELINE.ini] [--plugin-path DIR]... [NAME]\n"
                 "List the plugins found in the search path (the pipeline's plugin_path,\n"
                 "--plugin-path, QUARRY_PLUGIN_PATH, the build tree, the install directory), or\n"
                 "show NAME's entity types, attributes, the types it reads from earlier stages,\n"
                 "and its options with defaults.");
            return 0;
        }
        if (argv[i][0] == '-' || only)
            return cli_usage_error("plugins", "unexpected argument '%s'", argv[i]);
        only = argv[i];
    }
    qsearch dirs;
    qpaths_plugin_search(&dirs, extra, n_extra);
    qdiag problems = {0};
    char **seen = NULL;
    size_t n_seen = 0;
    int found = 0, status = 0;
    for (size_t k = 0; k < dirs.n; k++)
        list_dir(dirs.dirs[k], &seen, &n_seen, only, &found, &problems);
    for (size_t k = 0; k < n_seen; k++)
        free(seen[k]);
    free(seen);
    if (!found) {
        char searched[4096];
        qsearch_describe(&dirs, searched, sizeof searched);
        qdiag_add(&problems, "%s found; %s", only ? "no such plugin" : "no plugins", searched);
        status = only ? 2 : 1;
    }
    qdiag_print(&problems);
    qdiag_free(&problems);
    return status;
}
