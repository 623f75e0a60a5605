/* cli.h -- the `quarry` command's subcommands. */
#ifndef QUARRY_CLI_H
#define QUARRY_CLI_H

int cli_run(int argc, char **argv);
int cli_check(int argc, char **argv);
int cli_plugins(int argc, char **argv);
int cli_tokens(int argc, char **argv);
int cli_new_plugin(int argc, char **argv);
int cli_stats(int argc, char **argv);

/* Print a one-line usage error and return 2. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Match "--name=value" / "--name value" / "-x value" at argv[*i]; on a
 * match stores the value, advances *i past it and returns 1; returns -1
 * when the value is missing, 0 when argv[*i] is another option. */
int cli_take_value(int argc, char **argv, int *i, const char *shortname, const char *longname,
                   const char **value);

/* Tune the process heap for a batch run's start (large growth steps on
 * transparent huge pages; heap_tune.c says why). Call once, first thing in
 * main(), before anything is allocated in bulk; a no-op off glibc/Linux. */
void cli_heap_tune(void);

#endif
