/* cmd_check.c -- `quarry check`: validate a pipeline without running it.
 * Goes as far as creating every plugin instance, so a bad data file shows
 * up here rather than on document one. */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "pipeline.h"

int cli_check(int argc, char **argv)
{
    const char *ini = NULL;
    for (int i = 1; i < argc; i++) {
        int got = cli_take_value(argc, argv, &i, "-c", "--config", &ini);
        if (got < 0)
            return cli_usage_error("check", "%s needs a file name", argv[i]);
        if (got)
            continue;
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: quarry check [-c PIPELINE.ini]\n"
                 "Validate the pipeline file (or the built-in default), load its plugins and\n"
                 "create them once; print every problem found, one per line (INI keys, option\n"
                 "values plugins reject, bad lines of their data files), and warnings about stage\n"
                 "order. Exit 0 when valid (warnings or not), 2 if not.");
            return 0;
        }
        return cli_usage_error("check", "unexpected argument '%s'", argv[i]);
    }
    qdiag diags = {0};
    qpipeline *p = NULL;
    int status = 2;
    if (qpipe_check(ini, &p, &diags) == 0) {
        printf("%s: ok:", p->source);
        for (size_t k = 0; k < p->n_stages; k++) {
            const qstage *st = &p->stages[k];
            const qry_plugin_descriptor *d = st->lib.desc;
            if (strcmp(st->name, d->name) == 0)
                printf("%s %s %s", k ? "," : "", st->name, d->version);
            else /* a named instance */
                printf("%s %s (%s %s)", k ? "," : "", st->name, d->name, d->version);
        }
        printf("\n");
        status = 0;
    }
    qdiag_print(&diags);
    qdiag_free(&diags);
    qpipe_free(p);
    return status;
}
