/* input.c -- the document reader: walks the paths given, in order, and
 * hands out one document at a time (see input.h). Directories are walked
 * lazily, one sorted listing per open level, and JSON Lines files are read
 * a line at a time, so memory does not grow with the input. */
#include "input.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "input_decompress.h"
#include "input_html.h"
#include "text_check.h"

typedef struct dir_level {
    char *path;       /* the directory, as joined from the user's path */
    char **names;     /* sorted entries, hidden ones skipped */
    size_t n, next;
    dev_t dev;
    ino_t ino;
} dir_level;

struct qin {
    const char *const *paths;
    size_t n_paths, next_path;
    qin_options opts;
    dir_level *stack; /* open directories, innermost last */
    size_t depth, cap;
    qstream *jsonl;   /* the JSON Lines file being read, or NULL */
    char *jsonl_path;
    uint64_t bytes_done; /* input bytes of the files finished so far */
    unsigned long line_no;
    char *line;
    size_t line_cap;
    uint64_t ordinal;
};

qin *qin_open(const char *const *paths, size_t n_paths, const qin_options *opts)
{
    qin *in = calloc(1, sizeof *in);
    if (!in)
        return NULL;
    in->paths = paths;
    in->n_paths = n_paths;
    if (opts)
        in->opts = *opts;
    if (!in->opts.id_field)
        in->opts.id_field = "id";
    if (!in->opts.text_field)
        in->opts.text_field = "text";
    return in;
}

void qin_doc_clear(qin_doc *doc)
{
    free(doc->id);
    free(doc->text);
    free(doc->error);
    free(doc->source);
    memset(doc, 0, sizeof *doc);
}

static char *fmt(const char *f, ...) __attribute__((format(printf, 1, 2)));
static char *fmt(const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    int n = vsnprintf(NULL, 0, f, ap);
    va_end(ap);
    char *s = n >= 0 ? malloc((size_t)n + 1) : NULL;
    if (s) {
        va_start(ap, f);
        vsnprintf(s, (size_t)n + 1, f, ap);
        va_end(ap);
    }
    return s;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Whether `path`, less a compression suffix, ends with `ext`. */
static int has_ext(const char *path, const char *ext)
{
    static const char *const packed[] = {"", ".gz", ".zst", ".zstd"};
    size_t n = strlen(path), m = strlen(ext);
    for (size_t k = 0; k < sizeof packed / sizeof *packed; k++) {
        size_t p = strlen(packed[k]);
        if (n >= m + p && strcmp(path + n - p, packed[k]) == 0 && strncmp(path + n - p - m, ext, m) == 0)
            return 1;
    }
    return 0;
}

static int is_jsonl(const qin *in, const char *path)
{
    if (in->opts.format != QIN_AUTO)
        return in->opts.format == QIN_JSONL;
    return has_ext(path, ".jsonl") || has_ext(path, ".ndjson");
}

static int is_html(const qin *in, const char *path)
{
    if (in->opts.format != QIN_AUTO)
        return in->opts.format == QIN_HTML;
    return has_ext(path, ".html") || has_ext(path, ".htm");
}

/* Why reading `s` failed: the decoder's reason, or the system's. */
static char *read_failure(const qstream *s, int err)
{
    const char *decoder = qstream_error(s);
    return decoder ? fmt("%s", decoder) : fmt("read failed: %s", strerror(err ? err : EIO));
}

/* An HTML page's bytes become its visible text (input_html.h). Returns 1,
 * or -1 on OOM; a page too large gets doc->error. */
static int html_to_text(char *page, size_t len, qin_doc *doc)
{
    char *text;
    size_t text_len;
    int rc = qhtml_visible_text(page, len, &text, &text_len);
    free(page);
    if (rc < 0)
        return -1;
    if (rc > 0) {
        doc->error = fmt("HTML page of 2 GiB or more");
        return doc->error ? 1 : -1;
    }
    doc->text = text;
    doc->len = text_len;
    return 1;
}

/* A whole file (or stdin) as one document, an HTML page when `html`.
 * Returns 1, or -1 on OOM. */
static int read_text(qin *in, const char *path, int html, qin_doc *doc)
{
    doc->id = strdup(path);
    doc->source = strdup(path);
    if (!doc->id || !doc->source)
        return -1;
    qstream *stream = qstream_open(path);
    if (!stream) {
        if (errno == ENOMEM)
            return -1;
        doc->error = fmt("cannot open: %s", strerror(errno));
        return doc->error ? 1 : -1;
    }
    FILE *f = qstream_file(stream);
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    int rc = 1;
    while (buf) {
        len += fread(buf + len, 1, cap - len - 1, f);
        if (len < cap - 1)
            break;
        char *grown = realloc(buf, cap * 2);
        if (!grown) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        cap *= 2;
    }
    if (!buf) {
        rc = -1;
    } else if (ferror(f)) {
        doc->error = read_failure(stream, errno);
        free(buf);
        rc = doc->error ? 1 : -1;
    } else if (html) {
        rc = html_to_text(buf, len, doc);
    } else {
        char why[64];
        buf[len] = '\0';
        if (qtext_check(buf, len, why, sizeof why) != 0) {
            free(buf);
            doc->error = strdup(why);
            rc = doc->error ? 1 : -1;
        } else {
            doc->text = buf;
            doc->len = len;
        }
    }
    in->bytes_done += qstream_raw_bytes(stream);
    qstream_close(stream);
    return rc;
}

/* One JSON line into a document. Returns 1, or -1 on OOM. */
static int parse_json_line(qin *in, const char *line, size_t len, qin_doc *doc)
{
    json_error_t err;
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &err);
    doc->source = fmt("%s:%lu", in->jsonl_path, in->line_no);
    if (!doc->source)
        goto oom;
    if (!obj) {
        doc->id = strdup(doc->source);
        doc->error = fmt("malformed JSON: %s (column %d)", err.text, err.column);
        goto done;
    }
    if (!json_is_object(obj)) {
        doc->id = strdup(doc->source);
        doc->error = fmt("JSON line is not an object");
        goto done;
    }
    json_t *id = json_object_get(obj, in->opts.id_field);
    if (json_is_string(id))
        doc->id = strndup(json_string_value(id), json_string_length(id));
    else if (json_is_integer(id))
        doc->id = fmt("%" JSON_INTEGER_FORMAT, json_integer_value(id));
    else if (json_is_real(id))
        doc->id = fmt("%.17g", json_real_value(id));
    else
        doc->id = strdup(doc->source);
    json_t *text = json_object_get(obj, in->opts.text_field);
    char why[64];
    if (!text)
        doc->error = fmt("no \"%s\" field", in->opts.text_field);
    else if (!json_is_string(text))
        doc->error = fmt("\"%s\" is not a string", in->opts.text_field);
    else if (qtext_check(json_string_value(text), json_string_length(text), why, sizeof why) != 0)
        doc->error = fmt("%s of \"%s\"", why, in->opts.text_field);
    else if (!(doc->text = strndup(json_string_value(text), json_string_length(text))))
        goto oom;
    else
        doc->len = json_string_length(text);
done:
    json_decref(obj);
    if (!doc->id || (!doc->text && !doc->error))
        return -1;
    return 1;
oom:
    json_decref(obj);
    return -1;
}

static void close_jsonl(qin *in)
{
    if (in->jsonl)
        in->bytes_done += qstream_raw_bytes(in->jsonl);
    qstream_close(in->jsonl);
    in->jsonl = NULL;
    free(in->jsonl_path);
    in->jsonl_path = NULL;
}

/* The next non-blank line of the open JSON Lines file: 1, 0 at its end, -1 OOM. */
static int next_json(qin *in, qin_doc *doc)
{
    for (;;) {
        FILE *f = qstream_file(in->jsonl);
        errno = 0;
        ssize_t n = getline(&in->line, &in->line_cap, f);
        /* a line cut short by a read error (a corrupt compressed stream) is
         * that error, not a malformed JSON document */
        if (n < 0 || ferror(f)) {
            if (errno == ENOMEM)
                return -1;
            int failed = ferror(f);
            if (failed) {
                doc->id = fmt("%s:%lu", in->jsonl_path, in->line_no + 1);
                doc->source = doc->id ? strdup(doc->id) : NULL;
                doc->error = read_failure(in->jsonl, errno);
            }
            close_jsonl(in);
            if (failed)
                return doc->id && doc->source && doc->error ? 1 : -1;
            return 0;
        }
        in->line_no++;
        size_t len = (size_t)n;
        while (len && (in->line[len - 1] == '\n' || in->line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (in->line[k] == ' ' || in->line[k] == '\t'))
            k++;
        if (k == len)
            continue; /* blank lines are not documents */
        /* only UTF-8 here: what else a line may hold is JSON's business */
        char why[64];
        if (qtext_check_utf8(in->line, len, why, sizeof why) != 0) {
            doc->source = fmt("%s:%lu", in->jsonl_path, in->line_no);
            doc->id = doc->source ? strdup(doc->source) : NULL;
            doc->error = fmt("%s of the line", why);
            return doc->id && doc->error ? 1 : -1;
        }
        return parse_json_line(in, in->line, len, doc);
    }
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void pop_dir(qin *in)
{
    dir_level *lv = &in->stack[--in->depth];
    for (size_t k = lv->next; k < lv->n; k++)
        free(lv->names[k]);
    free(lv->names);
    free(lv->path);
}

/* Open a directory level. Returns 0, a document-worthy errno, or -1 OOM. */
static int push_dir(qin *in, const char *path, const struct stat *st)
{
    for (size_t k = 0; k < in->depth; k++) /* a symlink loop back to an ancestor */
        if (in->stack[k].dev == st->st_dev && in->stack[k].ino == st->st_ino)
            return ELOOP;
    DIR *d = opendir(path);
    if (!d)
        return errno ? errno : EACCES;
    if (in->depth == in->cap) {
        size_t cap = in->cap ? in->cap * 2 : 8;
        dir_level *grown = realloc(in->stack, cap * sizeof *grown);
        if (!grown) {
            closedir(d);
            return -1;
        }
        in->stack = grown;
        in->cap = cap;
    }
    dir_level lv = {.path = strdup(path), .dev = st->st_dev, .ino = st->st_ino};
    size_t cap = 0;
    int oom = !lv.path;
    for (struct dirent *e; !oom && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue; /* ".", "..", and hidden files */
        if (lv.n == cap) {
            cap = cap ? cap * 2 : 32;
            char **grown = realloc(lv.names, cap * sizeof *grown);
            if (!grown) {
                oom = 1;
                break;
            }
            lv.names = grown;
        }
        if (!(lv.names[lv.n] = strdup(e->d_name)))
            oom = 1;
        else
            lv.n++;
    }
    closedir(d);
    if (oom) {
        for (size_t k = 0; k < lv.n; k++)
            free(lv.names[k]);
        free(lv.names);
        free(lv.path);
        return -1;
    }
    if (lv.n)
        qsort(lv.names, lv.n, sizeof *lv.names, by_name);
    in->stack[in->depth++] = lv;
    return 0;
}

static int error_doc(qin_doc *doc, const char *path, const char *why)
{
    doc->id = strdup(path);
    doc->source = strdup(path);
    doc->error = strdup(why);
    return doc->id && doc->source && doc->error ? 1 : -1;
}

/* Open `path` as the next source: a document (1), nothing yet (0: a
 * directory or JSON Lines file was opened), or -1 on OOM. */
static int start_path(qin *in, const char *path, qin_doc *doc)
{
    if (strcmp(path, "-") == 0) {
        if (in->opts.format == QIN_JSONL) {
            if (!(in->jsonl = qstream_open("-")))
                return -1; /* standard input is open: only memory can fail */
            in->jsonl_path = strdup("-");
            in->line_no = 0;
            return in->jsonl_path ? 0 : -1;
        }
        return read_text(in, "-", in->opts.format == QIN_HTML, doc);
    }
    struct stat st;
    if (stat(path, &st) != 0) {
        char why[300];
        snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
        return error_doc(doc, path, why);
    }
    if (S_ISDIR(st.st_mode)) {
        int rc = push_dir(in, path, &st);
        if (rc > 0) {
            char why[300];
            snprintf(why, sizeof why, "cannot read directory: %s", strerror(rc));
            return error_doc(doc, path, why);
        }
        return rc;
    }
    if (is_jsonl(in, path)) {
        qstream *f = qstream_open(path);
        if (!f) {
            if (errno == ENOMEM)
                return -1;
            char why[300];
            snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
            return error_doc(doc, path, why);
        }
        in->jsonl = f;
        in->jsonl_path = strdup(path);
        in->line_no = 0;
        return in->jsonl_path ? 0 : -1;
    }
    return read_text(in, path, is_html(in, path), doc);
}

int qin_next(qin *in, qin_doc *doc, qdiag *diags)
{
    int rc = 0;
    while (rc == 0) {
        if (in->jsonl) {
            rc = next_json(in, doc);
        } else if (in->depth) {
            dir_level *lv = &in->stack[in->depth - 1];
            if (lv->next == lv->n) {
                pop_dir(in);
                continue;
            }
            char *name = lv->names[lv->next++];
            char *path = fmt("%s%s%s", lv->path, ends_with(lv->path, "/") ? "" : "/", name);
            free(name);
            if (!path) {
                rc = -1;
                break;
            }
            rc = start_path(in, path, doc);
            free(path);
        } else if (in->next_path < in->n_paths) {
            rc = start_path(in, in->paths[in->next_path++], doc);
        } else {
            return 0;
        }
    }
    if (rc < 0) {
        qin_doc_clear(doc);
        qdiag_add(diags, "out of memory while reading input");
        return -1;
    }
    doc->ordinal = in->ordinal++;
    return 1;
}

uint64_t qin_bytes_read(const qin *in)
{
    return in->bytes_done + (in->jsonl ? qstream_raw_bytes(in->jsonl) : 0);
}

void qin_close(qin *in)
{
    if (!in)
        return;
    close_jsonl(in);
    while (in->depth)
        pop_dir(in);
    free(in->stack);
    free(in->line);
    free(in);
}
