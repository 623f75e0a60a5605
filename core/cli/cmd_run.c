/* cmd_run.c -- `quarry run`: the batch tool. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "input.h"
#include "output_convert.h"
#include "pipeline.h"
#include "progress.h"
#include "quarry/quarry.h"
#include "run.h"
#include "run_source.h"

static const char run_help[] =
    "usage: quarry run [options] INPUT...\n"
    "INPUT is a file, a directory (read recursively) or - for standard input.\n"
    "Files named *.jsonl or *.ndjson are JSON Lines (one document per line), *.html\n"
    "or *.htm HTML pages (their visible text), others plain text (one document per\n"
    "file, id = the path as given). gzip and zstd input is read as it is.\n"
    "\n"
    "  -c, --config FILE       pipeline INI file (default: the built-in default pipeline)\n"
    "  -j, --jobs N            worker threads (default: number of cores)\n"
    "  -o, --output FILE       write records to FILE (default: standard output)\n"
    "      --format F          jsonl (default), tsv, conll, html, or brat (-o names a directory)\n"
    "      --shard I/N         process only the I-th of N shares of the documents (I from 1)\n"
    "      --input-format F    auto (default), text, jsonl or html\n"
    "      --id-field NAME     JSON Lines id field (default: id)\n"
    "      --text-field NAME   JSON Lines text field (default: text)\n"
    "      --strict            stop at the first document whose record has an error\n"
    "      --progress          a progress line on standard error even when it is no terminal\n"
    "  -q, --quiet             only errors on standard error (and no progress line)\n"
    "  -v, --verbose           also plugin info messages\n"
    "\n"
    "Exit status: 0 all documents processed cleanly; 1 done, but some records carry\n"
    "errors; 2 bad command line or pipeline (nothing read); 3 stopped early (output\n"
    "not writable, out of memory, or --strict).\n";

static int parse_jobs(const char *s, size_t *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 1 || v > 256)
        return -1;
    *out = (size_t)v;
    return 0;
}

int cli_run(int argc, char **argv)
{
    const char *ini = NULL, *out_path = NULL, *format = "auto", *id_field = NULL, *text_field = NULL, *jobs = NULL;
    const char *out_format = "jsonl", *shard_arg = NULL;
    int strict = 0, verbosity = QRY_LOG_WARN, force_progress = 0;
    const char **inputs = calloc((size_t)argc, sizeof *inputs);
    size_t n_inputs = 0;
    if (!inputs) {
        fprintf(stderr, "quarry run: out of memory\n");
        return 3;
    }
    int only_inputs = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (only_inputs || a[0] != '-' || strcmp(a, "-") == 0) {
            inputs[n_inputs++] = a;
            continue;
        }
        int got = 0;
        if ((got = cli_take_value(argc, argv, &i, "-c", "--config", &v)) > 0)
            ini = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, "-o", "--output", &v)) > 0)
            out_path = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, "-j", "--jobs", &v)) > 0)
            jobs = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, NULL, "--input-format", &v)) > 0)
            format = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, NULL, "--id-field", &v)) > 0)
            id_field = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, NULL, "--text-field", &v)) > 0)
            text_field = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, NULL, "--format", &v)) > 0)
            out_format = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, NULL, "--shard", &v)) > 0)
            shard_arg = v;
        if (got < 0) {
            free(inputs);
            return cli_usage_error("run", "%s needs a value", a);
        }
        if (got > 0)
            continue;
        if (strcmp(a, "--strict") == 0)
            strict = 1;
        else if (strcmp(a, "--progress") == 0)
            force_progress = 1;
        else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0)
            verbosity = QRY_LOG_ERROR;
        else if (strcmp(a, "-v") == 0 || strcmp(a, "--verbose") == 0)
            verbosity = verbosity >= QRY_LOG_INFO ? QRY_LOG_DEBUG : QRY_LOG_INFO;
        else if (strcmp(a, "--") == 0)
            only_inputs = 1;
        else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(run_help, stdout);
            free(inputs);
            return 0;
        } else {
            free(inputs);
            return cli_usage_error("run", "unknown option '%s'", a);
        }
    }

    qin_options in_opts = {.id_field = id_field, .text_field = text_field};
    size_t n_workers = 0;
    int status = 2;
    if (strcmp(format, "auto") == 0)
        in_opts.format = QIN_AUTO;
    else if (strcmp(format, "text") == 0)
        in_opts.format = QIN_TEXT;
    else if (strcmp(format, "jsonl") == 0)
        in_opts.format = QIN_JSONL;
    else if (strcmp(format, "html") == 0)
        in_opts.format = QIN_HTML;
    else {
        free(inputs);
        return cli_usage_error("run", "--input-format must be auto, text, jsonl or html, not '%s'", format);
    }
    int fmt = qout_format_from_name(out_format);
    if (fmt < 0) {
        free(inputs);
        return cli_usage_error("run", "--format must be jsonl, tsv, conll, html or brat, not '%s'", out_format);
    }
    if (fmt == QOUT_BRAT && !out_path) {
        free(inputs);
        return cli_usage_error("run", "--format brat writes a directory of .txt and .ann files: name it with -o DIR");
    }
    qshard shard = {0, 1};
    if (shard_arg && qshard_parse(shard_arg, &shard) != 0) {
        free(inputs);
        return cli_usage_error("run", "--shard wants I/N with 1 <= I <= N, as in 2/4, not '%s'", shard_arg);
    }
    if (jobs && parse_jobs(jobs, &n_workers) != 0) {
        free(inputs);
        return cli_usage_error("run", "-j wants a whole number from 1 to 256, not '%s'", jobs);
    }
    if (!jobs) {
        long cores = sysconf(_SC_NPROCESSORS_ONLN);
        n_workers = cores > 0 ? (size_t)(cores > 256 ? 256 : cores) : 1;
    }
    if (n_inputs == 0) {
        free(inputs);
        return cli_usage_error("run", "no input given (name files or directories, or - for standard input)");
    }
    qry_set_log_level(verbosity);

    qdiag diags = {0};
    qpipeline *p = NULL;
    qin *in = NULL;
    FILE *out = stdout;
    qrun_stats stats = {0};
    qout_schema schema = {0};
    qout_writer *writer = NULL;
    run_source rs = {.shard = shard};
    const char *out_name = out_path ? out_path : "<stdout>";
    if (qpipe_load(ini, &p, &diags) != 0 || qpipe_start(p, n_workers, &diags) != 0)
        goto done;
    if (verbosity >= QRY_LOG_WARN) /* warnings (stage order) before the run, not after it */
        qdiag_print(&diags);
    qdiag_free(&diags);
    diags = (qdiag){0};
    if (out_path && fmt != QOUT_BRAT && !(out = fopen(out_path, "w"))) {
        qdiag_at(&diags, out_path, 0, NULL, NULL, "cannot open for writing: %s", strerror(errno));
        out = stdout;
        goto done;
    }
    if (fmt != QOUT_JSONL) {
        char why[600];
        if (!(schema.types = run_declared_types(p, &schema.n_types))) {
            qdiag_add(&diags, "out of memory");
            status = 3;
            goto done;
        }
        if (!(writer = qout_writer_open(fmt, out, out_path, &schema, why, sizeof why))) {
            qdiag_at(&diags, out_name, 0, NULL, NULL, "%s", why);
            status = 3;
            goto done;
        }
        if (!(rs.conv = qconvert_open(writer))) {
            qdiag_add(&diags, "out of memory");
            status = 3;
            goto done;
        }
    }
    in = qin_open(inputs, n_inputs, &in_opts);
    if (!in) {
        qdiag_add(&diags, "out of memory");
        status = 3;
        goto done;
    }
    rs.in = in;
    if (verbosity > QRY_LOG_ERROR && (force_progress || isatty(STDERR_FILENO)))
        rs.progress = qprogress_new(stderr, qprogress_input_size(inputs, n_inputs));
    qrun_options ro = {.n_workers = n_workers, .strict = strict, .out = rs.conv ? qconvert_stream(rs.conv) : out,
                       .out_name = out_name};
    qrun_source src = {run_source_next, &rs};
    status = qrun(p, &src, &ro, &stats, &diags);
    qprogress_finish(rs.progress, rs.docs, qin_bytes_read(in));
    rs.progress = NULL;
    /* a stopped run still gets a complete page or file set, unless writing failed */
    if (rs.conv && !qconvert_error(rs.conv) && qconvert_finish(rs.conv) != 0 && status < 3)
        status = 3;
    if (rs.conv && qconvert_error(rs.conv))
        qdiag_at(&diags, out_name, 0, NULL, NULL, "%s", qconvert_error(rs.conv));
    if (verbosity >= QRY_LOG_INFO)
        fprintf(stderr, "quarry: %llu documents, %llu entities, %llu with errors\n", stats.documents,
                stats.entities, stats.failed_docs);
    else if (stats.failed_docs && verbosity >= QRY_LOG_WARN)
        fprintf(stderr, "quarry: %llu of %llu documents have errors in their records\n", stats.failed_docs,
                stats.documents);
done:
    qprogress_finish(rs.progress, rs.docs, 0);
    qconvert_close(rs.conv);
    qout_writer_free(writer);
    free((void *)schema.types);
    if (out != stdout && fclose(out) != 0 && status < 2) {
        qdiag_at(&diags, out_path, 0, NULL, NULL, "write failed: %s", strerror(errno));
        status = 3;
    }
    qdiag_print(&diags);
    qdiag_free(&diags);
    qin_close(in);
    qpipe_free(p);
    free(inputs);
    return status;
}
