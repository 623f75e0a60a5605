/* cmd_run.c -- `quarry run`: the batch tool. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "input.h"
#include "output_convert.h"
#include "output_file.h"
#include "pipeline.h"
#include "progress.h"
#include "quarry/quarry.h"
#include "resume.h"
#include "run.h"
#include "run_source.h"
#include "signals.h"

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
    "      --isolate           run plugins in worker processes: a crash, hang or exit()\n"
    "                          in a plugin costs one document, not the run\n"
    "      --no-isolate        run plugins in the worker threads (the default)\n"
    "      --max-doc-size SIZE larger documents get an error record (default: the\n"
    "                          pipeline's max_doc_size, else 16M; 0: no limit)\n"
    "      --plugin-timeout T  time one plugin may take on one document (default: the\n"
    "                          pipeline's plugin_timeout, else 30s; 0: no limit)\n"
    "      --resume            continue into the -o file (JSON Lines) of a run that stopped\n"
    "  -q, --quiet             only errors on standard error (and no progress line)\n"
    "  -v, --verbose           also plugin info messages\n"
    "\n"
    "Exit status: 0 all documents processed cleanly; 1 done, but some records carry\n"
    "errors; 2 bad command line or pipeline (nothing read); 3 stopped early (output\n"
    "not writable, out of memory, --strict, or a plugin called exit()); 128+N\n"
    "stopped by signal N (130 SIGINT, 143 SIGTERM): the records written are whole.\n";

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

/* Where records go, and what the reader must never read: the output. */
typedef struct output {
    int fd;            /* -1 until opened */
    int is_regular;
    struct stat st;
    const char *name;
} output;

/* Open -o FILE without truncating it yet: it may turn out to be one of the
 * inputs, which must not be lost. Standard output is used through a
 * duplicate, and fd 1 itself then points at stderr, so that a plugin
 * printing to stdout cannot corrupt the records. 0, or 2 (usage) / 3. */
static int open_output(output *o, const char *path, const char **inputs, size_t n_inputs, int resume, qdiag *d)
{
    o->name = path ? path : "<stdout>";
    o->fd = path ? open(path, (resume ? O_RDWR : O_WRONLY) | O_CREAT | O_CLOEXEC, 0666)
                 : fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (o->fd < 0) {
        qdiag_at(d, o->name, 0, NULL, NULL, "cannot open for writing: %s", strerror(errno));
        return 3;
    }
    if (!path)
        dup2(STDERR_FILENO, STDOUT_FILENO);
    o->is_regular = fstat(o->fd, &o->st) == 0 && S_ISREG(o->st.st_mode);
    for (size_t k = 0; o->is_regular && k < n_inputs; k++) {
        struct stat in;
        if (strcmp(inputs[k], "-") != 0 && stat(inputs[k], &in) == 0 && in.st_dev == o->st.st_dev &&
            in.st_ino == o->st.st_ino) {
            qdiag_at(d, o->name, 0, NULL, NULL, "is also an input ('%s'): refusing to overwrite it", inputs[k]);
            return 2;
        }
    }
    if (resume)
        return 0;
    if (o->is_regular && ftruncate(o->fd, 0) != 0) {
        qdiag_at(d, o->name, 0, NULL, NULL, "cannot truncate: %s", strerror(errno));
        return 3;
    }
    return 0;
}

/* A size or duration option overriding the pipeline's [pipeline] value. */
static int override_limits(qlimits *l, const char *size, const char *timeout)
{
    char why[160];
    if (size && qlimit_parse_size(size, &l->max_doc_bytes, why, sizeof why) != 0)
        return cli_usage_error("run", "--max-doc-size: %s", why);
    if (timeout && qlimit_parse_duration(timeout, &l->timeout_ms, why, sizeof why) != 0)
        return cli_usage_error("run", "--plugin-timeout: %s", why);
    return 0;
}

int cli_run(int argc, char **argv)
{
    const char *ini = NULL, *out_path = NULL, *format = "auto", *id_field = NULL, *text_field = NULL, *jobs = NULL;
    const char *out_format = "jsonl", *shard_arg = NULL, *max_size = NULL, *timeout = NULL;
    int strict = 0, verbosity = QRY_LOG_WARN, force_progress = 0, isolate = 0, resume = 0;
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
        else if (!got && (got = cli_take_value(argc, argv, &i, NULL, "--max-doc-size", &v)) > 0)
            max_size = v;
        else if (!got && (got = cli_take_value(argc, argv, &i, NULL, "--plugin-timeout", &v)) > 0)
            timeout = v;
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
        else if (strcmp(a, "--isolate") == 0)
            isolate = 1;
        else if (strcmp(a, "--no-isolate") == 0)
            isolate = 0;
        else if (strcmp(a, "--resume") == 0)
            resume = 1;
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
    qlimits limits_check = qlimits_default();
    if (override_limits(&limits_check, max_size, timeout) != 0) {
        free(inputs);
        return 2;
    }
    if (resume && (!out_path || fmt != QOUT_JSONL)) {
        free(inputs);
        return cli_usage_error("run", "--resume continues a JSON Lines output file: give it with -o FILE");
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
    FILE *out = NULL;  /* formats other than JSON Lines write through stdio */
    output o = {.fd = -1};
    qout_file lines = {.fd = -1};
    qresume resumed = {0};
    int resuming = 0;
    qrun_stats stats = {0};
    qout_schema schema = {0};
    qout_writer *writer = NULL;
    run_source rs = {.shard = shard};
    const char *out_name = out_path ? out_path : "<stdout>";
    if (qpipe_load(ini, &p, &diags) != 0)
        goto done;
    override_limits(&p->limits, max_size, timeout); /* already checked */
    if (fmt != QOUT_BRAT && (status = open_output(&o, out_path, inputs, n_inputs, resume, &diags)) != 0)
        goto done;
    status = 2;
    if (qpipe_start(p, n_workers, &diags) != 0)
        goto done;
    if (verbosity >= QRY_LOG_WARN) /* warnings (stage order) before the run, not after it */
        qdiag_print(&diags);
    qdiag_free(&diags);
    diags = (qdiag){0};
    if (fmt != QOUT_JSONL && fmt != QOUT_BRAT) {
        int fd = dup(o.fd);
        if (fd < 0 || !(out = fdopen(fd, "w"))) {
            if (fd >= 0)
                close(fd);
            qdiag_at(&diags, out_name, 0, NULL, NULL, "cannot open for writing: %s", strerror(errno));
            status = 3;
            goto done;
        }
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
    in_opts.max_doc_bytes = p->limits.max_doc_bytes;
    in_opts.skip_output = o.is_regular;
    in_opts.output_dev = o.st.st_dev;
    in_opts.output_ino = o.st.st_ino;
    in = qin_open(inputs, n_inputs, &in_opts);
    if (!in) {
        qdiag_add(&diags, "out of memory");
        status = 3;
        goto done;
    }
    rs.in = in;
    qrun_source src = {run_source_next, &rs}, resumed_src = {qresume_next, &resumed};
    if (resume) {
        long long torn = 0;
        if (qresume_open(&resumed, o.fd, out_path, &src, &torn, &diags) != 0) {
            status = 3;
            goto done;
        }
        resuming = 1;
        if (torn && verbosity >= QRY_LOG_WARN)
            fprintf(stderr, "quarry: %s: --resume: dropped a torn last line (%lld bytes)\n", out_path, torn);
    }
    if (fmt == QOUT_JSONL)
        qout_file_init(&lines, o.fd, resume ? (long long)lseek(o.fd, 0, SEEK_CUR) : 0);
    if (verbosity > QRY_LOG_ERROR && (force_progress || isatty(STDERR_FILENO)))
        rs.progress = qprogress_new(stderr, qprogress_input_size(inputs, n_inputs));
    qsig_install();
    qrun_options ro = {.n_workers = n_workers, .strict = strict, .out_name = out_name, .isolate = isolate,
                       .interruptible = 1, .keep_from_workers = &o.fd, .n_keep = o.fd >= 0};
    if (fmt == QOUT_JSONL)
        ro.lines = &lines;
    else
        ro.out = qconvert_stream(rs.conv);
    status = qrun(p, resuming ? &resumed_src : &src, &ro, &stats, &diags);
    qprogress_finish(rs.progress, rs.docs, qin_bytes_read(in));
    rs.progress = NULL;
    /* a stopped run still gets a complete page or file set, unless writing failed */
    if (rs.conv && !qconvert_error(rs.conv) && qconvert_finish(rs.conv) != 0 && status < 3)
        status = 3;
    if (rs.conv && qconvert_error(rs.conv))
        qdiag_at(&diags, out_name, 0, NULL, NULL, "%s", qconvert_error(rs.conv));
    if (status == QRUN_INTERRUPTED) {
        fprintf(stderr, "quarry: stopped by %s: %llu records written, each whole%s\n",
                qsig_describe(stats.stop_signal), stats.documents,
                out_path ? "; `quarry run --resume` with the same inputs and -o continues" : "");
        status = 128 + stats.stop_signal;
    }
    if (resuming && verbosity >= QRY_LOG_INFO)
        fprintf(stderr, "quarry: --resume: %llu documents already in %s were skipped\n", qresume_skipped(&resumed),
                out_path);
    if (verbosity >= QRY_LOG_INFO)
        fprintf(stderr, "quarry: %llu documents, %llu entities, %llu with errors\n", stats.documents,
                stats.entities, stats.failed_docs);
    else if (stats.failed_docs && verbosity >= QRY_LOG_WARN)
        fprintf(stderr, "quarry: %llu of %llu documents have errors in their records\n", stats.failed_docs,
                stats.documents);
    if (stats.faults && verbosity >= QRY_LOG_ERROR)
        fprintf(stderr, "quarry: %llu document%s cost %s worker process (a plugin crashed, hung or exited); %s\n",
                stats.faults, stats.faults == 1 ? "" : "s", stats.faults == 1 ? "its" : "their",
                stats.faults == 1 ? "its record says which" : "their records say which");
done:
    qprogress_finish(rs.progress, rs.docs, 0);
    qconvert_close(rs.conv);
    qout_writer_free(writer);
    free((void *)schema.types);
    if (out && fclose(out) != 0 && status < 2) {
        qdiag_at(&diags, out_name, 0, NULL, NULL, "write failed: %s", strerror(errno));
        status = 3;
    }
    if (o.fd >= 0 && close(o.fd) != 0 && status < 2) {
        qdiag_at(&diags, out_name, 0, NULL, NULL, "write failed: %s", strerror(errno));
        status = 3;
    }
    qout_file_free(&lines);
    if (resuming)
        qresume_close(&resumed);
    qdiag_print(&diags);
    qdiag_free(&diags);
    qin_close(in);
    qpipe_free(p);
    free(inputs);
    return status;
}
