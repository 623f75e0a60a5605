/* cmd_stats.c -- `quarry stats`: the summary of a finished run's records
 * (stats.h) on the terminal, or as JSON for machines. */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "input_decompress.h"
#include "stats.h"

static const char stats_help[] =
    "usage: quarry stats [--json] [--top N] RECORDS.jsonl...\n"
    "Summarise the records `quarry run` wrote (- for standard input; gzip and zstd\n"
    "files are read as they are): documents, errors, entities per type and per\n"
    "plugin, the most frequent values of each attribute, amounts per currency, and\n"
    "the donor x system table when the records hold transfer entities.\n"
    "\n"
    "      --json      the summary as one JSON object\n"
    "      --top N     values shown per attribute (default 10)\n"
    "\n"
    "Exit status: 0 every line was a record; 1 some lines were not (each named on\n"
    "standard error) or a file could not be read; 2 bad command line.\n";

/* 12345678 -> "12,345,678" */
static const char *grouped(double v, char *buf, size_t n)
{
    char raw[64];
    snprintf(raw, sizeof raw, "%.0f", v);
    const char *digits = raw[0] == '-' ? raw + 1 : raw;
    size_t len = strlen(digits), k = 0;
    if (raw[0] == '-' && k + 1 < n)
        buf[k++] = '-';
    for (size_t i = 0; i < len && k + 2 < n; i++) {
        if (i && (len - i) % 3 == 0)
            buf[k++] = ',';
        buf[k++] = digits[i];
    }
    buf[k] = '\0';
    return buf;
}

typedef struct counted {
    const char *key;
    double n;
} counted;

static int by_n(const void *a, const void *b)
{
    const counted *x = a, *y = b;
    return x->n != y->n ? (x->n < y->n ? 1 : -1) : strcmp(x->key, y->key);
}

/* An object of counts, biggest first, one "  key  n" line each. */
static void print_counts(const char *title, const json_t *obj)
{
    size_t n = json_object_size(obj), k = 0;
    if (!n)
        return;
    counted *c = malloc(n * sizeof *c);
    if (!c)
        return;
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v) c[k++] = (counted){key, json_number_value(v)};
    qsort(c, n, sizeof *c, by_n);
    printf("\n%s\n", title);
    char num[64];
    for (k = 0; k < n; k++)
        printf("  %-24s %12s\n", c[k].key, grouped(c[k].n, num, sizeof num));
    free(c);
}

/* "pledged 2, delivered 1" from an object of numbers */
static void join_counts(const json_t *obj, char *out, size_t n)
{
    size_t used = 0;
    const char *key;
    json_t *v;
    char num[64];
    out[0] = '\0';
    json_object_foreach((json_t *)obj, key, v)
    {
        int w = snprintf(out + used, n - used, "%s%s %s", used ? ", " : "", key,
                         grouped(json_number_value(v), num, sizeof num));
        if (w < 0 || (size_t)w >= n - used)
            break;
        used += (size_t)w;
    }
}

static void print_summary(const json_t *s)
{
    char a[64], b[64], c[64];
    printf("%s documents, %s with errors, %s entities\n",
           grouped(json_number_value(json_object_get(s, "documents")), a, sizeof a),
           grouped(json_number_value(json_object_get(s, "documents_with_errors")), b, sizeof b),
           grouped(json_number_value(json_object_get(s, "entities")), c, sizeof c));
    print_counts("errors by code", json_object_get(s, "errors"));
    print_counts("errors by plugin", json_object_get(s, "errors_by_plugin"));
    print_counts("entities by type", json_object_get(s, "types"));
    print_counts("entities by plugin", json_object_get(s, "plugins"));

    const char *type, *attr, *cur;
    json_t *per_type, *top, *amount;
    int header = 0;
    json_object_foreach(json_object_get(s, "attributes"), type, per_type)
    {
        json_object_foreach(per_type, attr, top)
        {
            if (!header++)
                printf("\ntop values\n");
            printf("  %s.%s:", type, attr);
            size_t i;
            json_t *pair;
            json_array_foreach(top, i, pair)
            {
                printf("%s %s (%s)", i ? "," : "", json_string_value(json_array_get(pair, 0)),
                       grouped(json_number_value(json_array_get(pair, 1)), a, sizeof a));
            }
            printf("\n");
        }
    }
    header = 0;
    json_object_foreach(json_object_get(s, "ranges"), type, per_type)
    {
        json_object_foreach(per_type, attr, amount)
        {
            if (!header++)
                printf("\nnumbers                               count            min            max\n");
            char name[128];
            snprintf(name, sizeof name, "%s.%s", type, attr);
            printf("  %-32s %10s %14.10g %14.10g\n", name,
                   grouped(json_number_value(json_object_get(amount, "count")), a, sizeof a),
                   json_number_value(json_object_get(amount, "min")), json_number_value(json_object_get(amount, "max")));
        }
    }
    header = 0;
    json_object_foreach(json_object_get(s, "amounts"), type, per_type)
    {
        json_object_foreach(per_type, cur, amount)
        {
            if (!header++)
                printf("\namounts                    mentions                sum\n");
            printf("  %-10s %-6s %12s %22s\n", type, cur,
                   grouped(json_number_value(json_object_get(amount, "count")), a, sizeof a),
                   grouped(json_number_value(json_object_get(amount, "sum")), b, sizeof b));
        }
    }
    json_t *rows = json_object_get(s, "transfers");
    if (json_array_size(rows)) {
        printf("\ntransfers: donor x system (%zu pairs)\n", json_array_size(rows));
        printf("  %-8s %-28s %8s  %-32s %s\n", "donor", "system", "mentions", "statuses", "amounts");
        size_t i;
        json_t *r;
        char statuses[256], amounts[256];
        json_array_foreach(rows, i, r)
        {
            join_counts(json_object_get(r, "statuses"), statuses, sizeof statuses);
            join_counts(json_object_get(r, "amounts"), amounts, sizeof amounts);
            printf("  %-8s %-28s %8s  %-32s %s\n", json_string_value(json_object_get(r, "donor")),
                   json_string_value(json_object_get(r, "system")),
                   grouped(json_number_value(json_object_get(r, "count")), a, sizeof a), statuses, amounts);
        }
    }
}

/* Count every line of one file. Returns the number of bad lines, or -1
 * when out of memory; an unreadable file is reported and counts as one. */
static long read_records(const char *path, qstats *st)
{
    qstream *in = qstream_open(path);
    if (!in) {
        if (errno == ENOMEM)
            return -1;
        fprintf(stderr, "quarry stats: %s: cannot open: %s\n", path, strerror(errno));
        return 1;
    }
    FILE *f = qstream_file(in);
    char *line = NULL;
    size_t cap = 0;
    long bad = 0, line_no = 0;
    ssize_t n;
    while ((n = getline(&line, &cap, f)) >= 0 && !ferror(f)) {
        line_no++;
        json_error_t err;
        json_t *rec = json_loadb(line, (size_t)n, 0, &err);
        if (!json_is_object(rec) || !json_is_array(json_object_get(rec, "entities"))) {
            if (n > 1 || line[0] != '\n') {
                fprintf(stderr, "quarry stats: %s:%ld: not a record: %s\n", path, line_no,
                        rec ? "no \"entities\" array" : err.text);
                bad++;
            }
        } else if (qstats_add(st, rec) != 0) {
            json_decref(rec);
            bad = -1;
            break;
        }
        json_decref(rec);
    }
    if (bad >= 0 && ferror(f)) {
        const char *why = qstream_error(in);
        fprintf(stderr, "quarry stats: %s:%ld: %s\n", path, line_no + 1, why ? why : strerror(errno ? errno : EIO));
        bad++;
    }
    free(line);
    qstream_close(in);
    return bad;
}

int cli_stats(int argc, char **argv)
{
    int as_json = 0;
    size_t top = 10;
    const char **files = calloc((size_t)argc, sizeof *files);
    size_t n_files = 0;
    if (!files) {
        fprintf(stderr, "quarry stats: out of memory\n");
        return 3;
    }
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i], *v;
        int got = cli_take_value(argc, argv, &i, NULL, "--top", &v);
        if (got < 0) {
            free(files);
            return cli_usage_error("stats", "--top needs a value");
        }
        if (got > 0) {
            char *end;
            long t = strtol(v, &end, 10);
            if (*end || t < 1 || t > 100000) {
                free(files);
                return cli_usage_error("stats", "--top wants a whole number from 1 to 100000, not '%s'", v);
            }
            top = (size_t)t;
        } else if (strcmp(a, "--json") == 0) {
            as_json = 1;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(stats_help, stdout);
            free(files);
            return 0;
        } else if (a[0] == '-' && a[1]) {
            free(files);
            return cli_usage_error("stats", "unknown option '%s'", a);
        } else {
            files[n_files++] = a;
        }
    }
    if (!n_files) {
        free(files);
        return cli_usage_error("stats", "no record file given (the JSON Lines `quarry run` wrote, or - for standard input)");
    }
    qstats *st = qstats_new();
    long bad = st ? 0 : -1;
    for (size_t k = 0; k < n_files && bad >= 0; k++) {
        long b = read_records(files[k], st);
        bad = b < 0 ? -1 : bad + b;
    }
    json_t *summary = bad >= 0 ? qstats_summary(st, top) : NULL;
    int status = bad ? 1 : 0;
    if (!summary) {
        fprintf(stderr, "quarry stats: out of memory\n");
        status = 3;
    } else if (as_json) {
        char *s = json_dumps(summary, JSON_INDENT(1) | JSON_REAL_PRECISION(15));
        if (s)
            puts(s);
        free(s);
    } else {
        print_summary(summary);
    }
    json_decref(summary);
    qstats_free(st);
    free(files);
    if (fflush(stdout) != 0 && status == 0) {
        fprintf(stderr, "quarry stats: write failed: %s\n", strerror(errno));
        status = 3;
    }
    return status;
}
