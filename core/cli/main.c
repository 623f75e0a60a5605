/* main.c -- `quarry`: dispatch to a subcommand. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "quarry/quarry.h"

static const char usage[] =
    "usage: quarry run [-c PIPELINE.ini] [-j N] [-o OUT.jsonl] [options] INPUT...\n"
    "       quarry check [-c PIPELINE.ini]\n"
    "       quarry plugins [-c PIPELINE.ini] [NAME]\n"
    "       quarry tokens [FILE|-]\n"
    "       quarry new-plugin NAME [DIR]\n"
    "       quarry stats [--json] RECORDS.jsonl...\n"
    "       quarry --version | --help\n"
    "\n"
    "run      extract entities from INPUTs (files, directories, - for stdin) and\n"
    "         write one JSON record per document; `quarry run --help` for options\n"
    "check    validate a pipeline file and its plugins without reading documents\n"
    "plugins  list the plugins found, or show one plugin's options and attributes\n"
    "tokens   show how the core segments a text: what plugins match against\n"
    "new-plugin  write a ready-to-build plugin project to start from\n"
    "stats    summarise the records of a run: documents, errors, entities, top values\n"
    "\n"
    "Without -c, the built-in default pipeline (conf/default.ini) is used.\n"
    "Documentation: docs/cli.md, docs/config.md, docs/record-format.md.\n";

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fprintf(stderr, "quarry %s: %s (see `quarry %s --help`)\n", cmd, msg, cmd);
    return 2;
}

int cli_take_value(int argc, char **argv, int *i, const char *shortname, const char *longname,
                   const char **value)
{
    const char *a = argv[*i];
    size_t ln = longname ? strlen(longname) : 0;
    if (longname && strncmp(a, longname, ln) == 0 && a[ln] == '=') {
        *value = a + ln + 1;
        return 1;
    }
    if ((shortname && strcmp(a, shortname) == 0) || (longname && strcmp(a, longname) == 0)) {
        if (*i + 1 >= argc)
            return -1;
        *value = argv[++*i];
        return 1;
    }
    /* -j4 style */
    if (shortname && strlen(shortname) == 2 && strncmp(a, shortname, 2) == 0 && a[2]) {
        *value = a + 2;
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fputs(usage, stderr);
        return 2;
    }
    const char *cmd = argv[1];
    cli_heap_tune();
    if (strcmp(cmd, "run") == 0)
        return cli_run(argc - 1, argv + 1);
    if (strcmp(cmd, "check") == 0)
        return cli_check(argc - 1, argv + 1);
    if (strcmp(cmd, "plugins") == 0)
        return cli_plugins(argc - 1, argv + 1);
    if (strcmp(cmd, "tokens") == 0)
        return cli_tokens(argc - 1, argv + 1);
    if (strcmp(cmd, "new-plugin") == 0)
        return cli_new_plugin(argc - 1, argv + 1);
    if (strcmp(cmd, "stats") == 0)
        return cli_stats(argc - 1, argv + 1);
    if (strcmp(cmd, "--version") == 0 || strcmp(cmd, "version") == 0) {
        printf("quarry %s (plugin ABI %d.%d)\n", qry_version(), QRY_ABI_MAJOR, QRY_ABI_MINOR);
        return 0;
    }
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
        fputs(usage, stdout);
        return 0;
    }
    fprintf(stderr, "quarry: unknown command '%s' (commands: run, check, plugins, tokens, new-plugin, stats; see `quarry --help`)\n", cmd);
    return 2;
}
