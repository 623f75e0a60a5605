/* input.c -- the document reader: walks the paths given, in order, and
 * hands out one document at a time (see input.h). Directories are walked
 * lazily, one sorted listing per open level, and JSON Lines files are read
 * a line at a time in bounded memory, so memory does not grow with the
 * input, and no single file or line can take more than the size limit.
 * Any input may be gzip or zstd compressed (input_decompress.h).
 *
 * Inside a directory only regular files and directories are read: a FIFO
 * would block the run in open(), and a device such as /dev/zero never
 * ends, so those get a record saying they were skipped. Named on the
 * command line they are read, up to the size limit. */
#include "input.h"

#include <dirent.h>
#include <errno.h>
#include <jansson.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc_limits.h"
#include "input_decompress.h"
#include "input_html.h"
#include "json_doc.h"
#include "line_reader.h"
#include "quarry/plugin.h"
#include "seen_ids.h"
#include "text_check.h"

/* JSON escapes can make a line up to 6 times its text (\u0001 for one
 * byte); the rest of the line (id, other fields) gets this much more. */
#define JSON_LINE_SLACK 65536

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
    qline_reader lines;
    uint64_t bytes_done; /* input bytes of the files finished so far */
    unsigned long line_no;
    uint64_t ordinal;
    qseen_ids seen;
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
    free(doc->note);
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
        doc->error = rc == 2 ? fmt("%s", qhtml_unavailable()) : fmt("HTML page of 2 GiB or more");
        return doc->error ? 1 : -1;
    }
    doc->text = text;
    doc->len = text_len;
    return 1;
}

static const char *limit_text(const qin *in, char *buf, size_t bufsz)
{
    qlimit_format_size(in->opts.max_doc_bytes, buf, bufsz);
    return buf;
}

/* A whole file (or stdin) as one document, an HTML page when `html`,
 * read no further than the size limit allows (for a compressed file, the
 * limit counts what it decompresses to; for a page, the page). Returns 1,
 * or -1 on OOM. */
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
        doc->error_code = QRY_ERR_IO;
        return doc->error ? 1 : -1;
    }
    FILE *f = qstream_file(stream);
    size_t max = in->opts.max_doc_bytes ? in->opts.max_doc_bytes : SIZE_MAX - 1;
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap);
    int rc = 1;
    while (buf) {
        if (len + 1 == cap) { /* full: keep room for the NUL */
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                buf = NULL;
                break;
            }
            buf = grown;
            cap *= 2;
        }
        size_t want = cap - len - 1;
        if (want > max + 1 - len)
            want = max + 1 - len; /* one byte past the limit tells "too large" */
        size_t got = fread(buf + len, 1, want, f);
        len += got;
        if (got < want || len > max)
            break;
    }
    char limit[32];
    if (!buf) {
        rc = -1;
    } else if (len > max) {
        free(buf);
        doc->error = fmt("more than max_doc_size (%s); read no further", limit_text(in, limit, sizeof limit));
        doc->error_code = QRY_ERR_LIMIT;
        rc = doc->error ? 1 : -1;
    } else if (ferror(f)) {
        doc->error = read_failure(stream, errno);
        doc->error_code = QRY_ERR_IO;
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

/* The length of a JSON number token at s (which starts with '-' or a digit). */
static size_t number_length(const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (s[k] == '-' || s[k] == '+' || s[k] == '.' || s[k] == 'e' || s[k] == 'E' ||
                     (s[k] >= '0' && s[k] <= '9')))
        k++;
    return k;
}

/* Does the number token overflow what jansson reads (int64 for integers,
 * a finite double for the rest)? */
static int overflows(const char *s, size_t n)
{
    char tmp[512];
    if (n >= sizeof tmp)
        return 1;
    memcpy(tmp, s, n);
    tmp[n] = '\0';
    errno = 0;
    if (!strpbrk(tmp, ".eE")) {
        (void)strtoll(tmp, NULL, 10);
        return errno == ERANGE;
    }
    return isinf(strtod(tmp, NULL));
}

/* The line with every number too large for jansson written as a string
 * ("1e400"), so that one odd number in a field quarry does not read
 * cannot cost the document. NULL when out of memory. */
static char *quote_huge_numbers(const char *line, size_t len, size_t *out_len)
{
    char *out = malloc(len + 2 * (len / 2 + 1) + 1);
    size_t o = 0;
    int in_string = 0;
    if (!out)
        return NULL;
    for (size_t k = 0; k < len;) {
        char c = line[k];
        if (in_string) {
            out[o++] = c;
            if (c == '\\' && k + 1 < len)
                out[o++] = line[++k];
            else if (c == '"')
                in_string = 0;
            k++;
        } else if (c == '"') {
            in_string = 1;
            out[o++] = line[k++];
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            size_t n = number_length(line + k, len - k);
            int quote = overflows(line + k, n);
            if (quote)
                out[o++] = '"';
            memcpy(out + o, line + k, n);
            o += n;
            if (quote)
                out[o++] = '"';
            k += n;
        } else {
            out[o++] = line[k++];
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

/* The document's text, or the error record's message when the text field
 * is missing (text NULL, present 0), no string (present 1) or unusable.
 * text (text_len bytes, NUL-terminated) is taken over when owned is set,
 * copied otherwise. Returns 0, or -1 on OOM. */
static int set_text(qin *in, qin_doc *doc, int present, char *text, size_t text_len, int owned)
{
    char why[64], limit[32];
    if (!present)
        doc->error = fmt("no \"%s\" field", in->opts.text_field);
    else if (!text)
        doc->error = fmt("\"%s\" is not a string", in->opts.text_field);
    else if (in->opts.max_doc_bytes && text_len > in->opts.max_doc_bytes) {
        char size[32];
        qlimit_format_size(text_len, size, sizeof size);
        doc->error = fmt("\"%s\" is %s, more than max_doc_size (%s)", in->opts.text_field, size,
                         limit_text(in, limit, sizeof limit));
        doc->error_code = QRY_ERR_LIMIT;
    } else if (qtext_check(text, text_len, why, sizeof why) != 0)
        doc->error = fmt("%s of \"%s\"", why, in->opts.text_field);
    else {
        doc->text = owned ? text : strndup(text, text_len);
        doc->len = text_len;
        return doc->text ? 0 : -1;
    }
    if (owned)
        free(text);
    return doc->error ? 0 : -1;
}

/* One JSON line into a document: the common line read by json_doc.c's
 * scanner, anything else by jansson. Returns 1, or -1 on OOM. */
static int parse_json_line(qin *in, const char *line, size_t len, qin_doc *doc)
{
    doc->source = fmt("%s:%lu", in->jsonl_path, in->line_no);
    if (!doc->source)
        return -1;
    qjson_doc fast;
    int fast_rc = qjson_doc_fast(line, len, in->opts.id_field, in->opts.text_field, &fast);
    if (fast_rc == QJSON_NOMEM)
        return -1;
    if (fast_rc == QJSON_OK) {
        doc->id = fast.id ? fast.id : strdup(doc->source);
        if (!doc->id) {
            free(fast.text);
            return -1;
        }
        int present = fast.text != NULL;
        return set_text(in, doc, present, fast.text, fast.text_len, 1) == 0 ? 1 : -1;
    }
    json_error_t err;
    json_t *obj = json_loadb(line, len, JSON_ALLOW_NUL, &err);
    if (!obj && json_error_code(&err) == json_error_numeric_overflow) {
        size_t quoted_len;
        char *quoted = quote_huge_numbers(line, len, &quoted_len);
        if (!quoted)
            return -1;
        json_error_t err2;
        obj = json_loadb(quoted, quoted_len, JSON_ALLOW_NUL, &err2);
        free(quoted);
    }
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
    if (json_is_string(id) && memchr(json_string_value(id), '\0', json_string_length(id))) {
        doc->id = strdup(doc->source);
        doc->error = fmt("the \"%s\" field holds a NUL character (\\u0000)", in->opts.id_field);
        goto done;
    }
    if (json_is_string(id))
        doc->id = strndup(json_string_value(id), json_string_length(id));
    else if (json_is_integer(id))
        doc->id = fmt("%" JSON_INTEGER_FORMAT, json_integer_value(id));
    else if (json_is_real(id))
        doc->id = fmt("%.17g", json_real_value(id));
    else
        doc->id = strdup(doc->source);
    json_t *text = json_object_get(obj, in->opts.text_field);
    if (set_text(in, doc, text != NULL, json_is_string(text) ? (char *)json_string_value(text) : NULL,
                 json_is_string(text) ? json_string_length(text) : 0, 0) != 0) {
        json_decref(obj);
        return -1;
    }
done:
    json_decref(obj);
    if (!doc->id || (!doc->text && !doc->error))
        return -1;
    return 1;
}

static void close_jsonl(qin *in)
{
    if (in->jsonl)
        in->bytes_done += qstream_raw_bytes(in->jsonl);
    qstream_close(in->jsonl);
    in->jsonl = NULL;
    qline_free(&in->lines);
    free(in->jsonl_path);
    in->jsonl_path = NULL;
}

static int line_error(qin *in, qin_doc *doc, int code, const char *why)
{
    doc->source = fmt("%s:%lu", in->jsonl_path, in->line_no);
    doc->id = doc->source ? strdup(doc->source) : NULL;
    doc->error = why ? strdup(why) : NULL;
    doc->error_code = code;
    return doc->id && doc->error ? 1 : -1;
}

/* The next non-blank line of the open JSON Lines file: 1, 0 at its end, -1 OOM. */
static int next_json(qin *in, qin_doc *doc)
{
    for (;;) {
        const char *line;
        size_t len;
        errno = 0;
        int got = qline_next(&in->lines, &line, &len);
        if (got == -2)
            return -1;
        if (got == -1) { /* a read error, or a corrupt compressed stream */
            char *why = read_failure(in->jsonl, errno);
            in->line_no++;
            int rc = why ? line_error(in, doc, QRY_ERR_IO, why) : -1;
            free(why);
            close_jsonl(in);
            return rc;
        }
        if (got == 0) {
            close_jsonl(in);
            return 0;
        }
        in->line_no++;
        if (got == 2) {
            char size[32], limit[32], why[200];
            qlimit_format_size(len, size, sizeof size);
            snprintf(why, sizeof why, "line is %s, more than a JSON line may be for max_doc_size (%s); not read",
                     size, limit_text(in, limit, sizeof limit));
            return line_error(in, doc, QRY_ERR_LIMIT, why);
        }
        /* a byte order mark opens some exported files: not part of the JSON */
        if (in->line_no == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
            line += 3;
            len -= 3;
        }
        while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
            len--;
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t'))
            k++;
        if (k == len)
            continue; /* blank lines are not documents */
        /* only UTF-8 here: what else a line may hold is JSON's business */
        char why[64], msg[96];
        if (qtext_check_utf8(line, len, why, sizeof why) != 0) {
            snprintf(msg, sizeof msg, "%s of the line", why);
            return line_error(in, doc, QRY_ERR_INVALID, msg);
        }
        return parse_json_line(in, line, len, doc);
    }
}

static void open_jsonl(qin *in, qstream *s)
{
    in->jsonl = s;
    in->line_no = 0;
    size_t max = in->opts.max_doc_bytes;
    qline_init(&in->lines, qstream_file(s),
               max ? (max > (SIZE_MAX - JSON_LINE_SLACK) / 6 ? SIZE_MAX : 6 * max + JSON_LINE_SLACK) : 0);
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

static int error_doc(qin_doc *doc, const char *path, int code, const char *why)
{
    doc->id = strdup(path);
    doc->source = strdup(path);
    doc->error = strdup(why);
    doc->error_code = code;
    return doc->id && doc->source && doc->error ? 1 : -1;
}

static const char *file_kind(mode_t mode)
{
    if (S_ISFIFO(mode))
        return "a FIFO";
    if (S_ISSOCK(mode))
        return "a socket";
    if (S_ISCHR(mode))
        return "a character device";
    if (S_ISBLK(mode))
        return "a block device";
    return "not a regular file";
}

/* Open `path` as the next source: a document (1), nothing yet (0: a
 * directory or JSON Lines file was opened, or the output file skipped),
 * or -1 on OOM. `in_dir`: met while walking a directory, not named. */
static int start_path(qin *in, const char *path, int in_dir, qin_doc *doc, qdiag *diags)
{
    if (strcmp(path, "-") == 0) {
        if (in->opts.format == QIN_JSONL) {
            qstream *s = qstream_open("-");
            if (!s)
                return -1; /* standard input is open: only memory can fail */
            if (!(in->jsonl_path = strdup("-"))) {
                qstream_close(s);
                return -1;
            }
            open_jsonl(in, s);
            return 0;
        }
        return read_text(in, "-", in->opts.format == QIN_HTML, doc);
    }
    struct stat st;
    char why[300];
    if (stat(path, &st) != 0) {
        snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
        return error_doc(doc, path, QRY_ERR_IO, why);
    }
    if (in->opts.skip_output && st.st_dev == in->opts.output_dev && st.st_ino == in->opts.output_ino) {
        qdiag_at(diags, path, 0, NULL, NULL, "skipped: it is the output file (-o)");
        return 0;
    }
    if (S_ISDIR(st.st_mode)) {
        int rc = push_dir(in, path, &st);
        if (rc > 0) {
            snprintf(why, sizeof why, "cannot read directory: %s", strerror(rc));
            return error_doc(doc, path, QRY_ERR_IO, why);
        }
        return rc;
    }
    if (in_dir && !S_ISREG(st.st_mode)) {
        snprintf(why, sizeof why, "%s, skipped inside a directory (name it as an input to read it)",
                 file_kind(st.st_mode));
        return error_doc(doc, path, QRY_ERR_UNSUPPORTED, why);
    }
    if (is_jsonl(in, path)) {
        qstream *f = qstream_open(path);
        if (!f) {
            if (errno == ENOMEM)
                return -1;
            snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
            return error_doc(doc, path, QRY_ERR_IO, why);
        }
        in->jsonl_path = strdup(path);
        if (!in->jsonl_path) {
            qstream_close(f);
            return -1;
        }
        open_jsonl(in, f);
        return 0;
    }
    if (in->opts.max_doc_bytes && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > in->opts.max_doc_bytes) {
        char size[32], limit[32];
        qlimit_format_size((size_t)st.st_size, size, sizeof size);
        snprintf(why, sizeof why, "file is %s, more than max_doc_size (%s); not read", size,
                 limit_text(in, limit, sizeof limit));
        return error_doc(doc, path, QRY_ERR_LIMIT, why);
    }
    return read_text(in, path, is_html(in, path), doc);
}

/* A repeated id is flagged, not refused: the document is still processed. */
static int check_id(qin *in, qin_doc *doc)
{
    int seen = qseen_add(&in->seen, doc->id);
    if (seen < 0)
        return -1;
    if (seen && !(doc->note = fmt("duplicate id: an earlier document has the id '%s'", doc->id)))
        return -1;
    return 0;
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
            rc = start_path(in, path, 1, doc, diags);
            free(path);
        } else if (in->next_path < in->n_paths) {
            rc = start_path(in, in->paths[in->next_path++], 0, doc, diags);
        } else {
            return 0;
        }
    }
    if (rc > 0 && check_id(in, doc) != 0)
        rc = -1;
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
    qseen_free(&in->seen);
    free(in);
}
