/* cmd_new_plugin.c -- `quarry new-plugin NAME [DIR]`: a ready-to-build
 * out-of-tree plugin (CMake project using find_package(Quarry), a working
 * example extractor, its cmocka test through the testkit, a README),
 * from templates compiled into quarry (core/sdk/scaffold/). */
#define _XOPEN_SOURCE 700 /* realpath */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

extern const char scaffold_CMakeLists_txt[], scaffold_plugin_c[], scaffold_test_plugin_c[], scaffold_README_md[];

/* The prefix this quarry is installed in, for -DCMAKE_PREFIX_PATH: the
 * binary is BINDIR/quarry and BINDIR is QUARRY_BIN_TO_PREFIX below it. */
static void install_prefix(char *out, size_t outsz)
{
    char exe[PATH_MAX], resolved[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    snprintf(out, outsz, "%s", QUARRY_INSTALL_PREFIX);
    if (n <= 0)
        return;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return;
    *slash = '\0';
    char guess[PATH_MAX + 64];
    snprintf(guess, sizeof guess, "%s/%s", exe, QUARRY_BIN_TO_PREFIX);
    struct stat st;
    char config[PATH_MAX + 128];
    /* only a prefix that holds the CMake package is worth naming */
    if (realpath(guess, resolved)) {
        snprintf(config, sizeof config, "%s/%s/cmake/Quarry/QuarryConfig.cmake", resolved, QUARRY_LIBDIR_NAME);
        if (stat(config, &st) == 0)
            snprintf(out, outsz, "%s", resolved);
    }
}

static int valid_plugin_name(const char *s)
{
    if (!s || !(*s >= 'a' && *s <= 'z') || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

/* Write template `tpl` to dir/file with @NAME@ and @PREFIX_HINT@ filled. */
static int write_file(const char *dir, const char *file, const char *tpl, const char *name, const char *prefix)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    FILE *f = fopen(path, "wx"); /* never overwrite a user's file */
    if (!f) {
        fprintf(stderr, "quarry new-plugin: %s: %s\n", path, strerror(errno));
        return -1;
    }
    for (const char *p = tpl; *p;) {
        if (strncmp(p, "@NAME@", 6) == 0) {
            fputs(name, f);
            p += 6;
        } else if (strncmp(p, "@PREFIX_HINT@", 13) == 0) {
            fputs(prefix, f);
            p += 13;
        } else {
            fputc(*p++, f);
        }
    }
    if (fclose(f) != 0) {
        fprintf(stderr, "quarry new-plugin: %s: %s\n", path, strerror(errno));
        return -1;
    }
    return 0;
}

int cli_new_plugin(int argc, char **argv)
{
    const char *name = NULL, *dir = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: quarry new-plugin NAME [DIR]\n"
                 "Write a ready-to-build out-of-tree plugin NAME into DIR (default ./NAME, which\n"
                 "must not exist or be empty): CMakeLists.txt (find_package(Quarry)), NAME.c with\n"
                 "a working example extractor, test_NAME.c (cmocka, through the testkit) and a\n"
                 "README. Prints the two commands that build it and run its test.");
            return 0;
        }
        if (argv[i][0] == '-')
            return cli_usage_error("new-plugin", "unknown option '%s'", argv[i]);
        if (!name)
            name = argv[i];
        else if (!dir)
            dir = argv[i];
        else
            return cli_usage_error("new-plugin", "unexpected argument '%s'", argv[i]);
    }
    if (!name)
        return cli_usage_error("new-plugin", "no plugin name given");
    if (!valid_plugin_name(name))
        return cli_usage_error("new-plugin", "'%s' is not a plugin name: a lower-case letter, then [a-z0-9_], at most 64",
                               name);
    if (!dir)
        dir = name;
    if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
        fprintf(stderr, "quarry new-plugin: %s: %s\n", dir, strerror(errno));
        return 1;
    }
    char prefix[PATH_MAX], c_file[128], test_file[160];
    install_prefix(prefix, sizeof prefix);
    snprintf(c_file, sizeof c_file, "%s.c", name);
    snprintf(test_file, sizeof test_file, "test_%s.c", name);
    if (write_file(dir, "CMakeLists.txt", scaffold_CMakeLists_txt, name, prefix) != 0 ||
        write_file(dir, c_file, scaffold_plugin_c, name, prefix) != 0 ||
        write_file(dir, test_file, scaffold_test_plugin_c, name, prefix) != 0 ||
        write_file(dir, "README.md", scaffold_README_md, name, prefix) != 0)
        return 1;
    printf("created %s/: CMakeLists.txt, %s, %s, README.md\n"
           "build it and run its test:\n"
           "  cmake -S %s -B %s/build -DCMAKE_PREFIX_PATH=%s\n"
           "  cmake --build %s/build && ctest --test-dir %s/build --output-on-failure\n",
           dir, c_file, test_file, dir, dir, prefix, dir, dir);
    return 0;
}
