/* table.c -- see table.h. A table is read whole into one buffer whose
 * lines and cells are cut in place, so a 100,000-line gazetteer costs one
 * allocation for the text and one for the row index. */
#include "table.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "host.h"
#include "text.h"

typedef struct table_row {
    size_t line;       /* 1-based line in the file */
    size_t first_cell; /* index into cells */
    size_t n_cells;
    size_t first_len;  /* bytes of the first cell: word lists ask it of every row, twice */
} table_row;

struct qry_table {
    const qry_host *host;
    char *name; /* as the plugin asked for it: ties reports to an option */
    char *path;
    char *text; /* the file, cut into NUL-terminated cells */
    const char **cells;
    table_row *rows;
    size_t n_rows, n_errors;
};

static void report(qry_table *t, size_t line, const char *fmt, ...) QRY_PRINTF(3, 4);

static void report(qry_table *t, size_t line, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    qhost_report_file(t->host, t->name, t->path ? t->path : t->name, line, msg);
    t->n_errors++;
}

/* One allocation of the file's size where it has one (a regular file): no
 * doubling copies, and no pages touched twice -- a start reads tens of
 * thousands of lines, and on a virtual machine a fresh page is dear. */
static char *read_whole(const char *path, size_t *len, int *err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        *err = errno;
        return NULL;
    }
    struct stat st;
    size_t cap = 65536, n = 0;
    if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && (uint64_t)st.st_size < SIZE_MAX / 4)
        cap = (size_t)st.st_size + 2; /* + NUL, + one byte to see the end */
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n - 1, f);
        if (n < cap - 1)
            break;
        char *grown = cap < SIZE_MAX / 2 ? realloc(buf, cap * 2) : NULL;
        if (!grown) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = grown;
        cap *= 2;
    }
    *err = ferror(f) ? EIO : buf ? 0 : ENOMEM;
    fclose(f);
    if (*err) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static size_t count_lines(const char *p, const char *end)
{
    size_t n = 1;
    while (p < end && (p = memchr(p, '\n', (size_t)(end - p))) != NULL) {
        n++;
        p++;
    }
    return n;
}

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* Cut one line into cells; returns the cell count, or 0 for a line that
 * holds nothing after comments are dropped. */
static size_t split_cells(char *line, unsigned flags, const char **cells, size_t max)
{
    if (flags & QRY_TABLE_INLINE_HASH)
        for (char *p = strchr(line, '#'); p; p = strchr(p + 1, '#'))
            if (p == line || is_blank(p[-1])) {
                *p = '\0';
                break;
            }
    const char *q = line;
    while (is_blank(*q))
        q++;
    if (*q == '\0' || *q == '#')
        return 0;
    size_t n = 0;
    for (char *cell = line;;) {
        char *tab = strchr(cell, '\t');
        if (tab)
            *tab = '\0';
        if (flags & QRY_TABLE_TRIM) {
            while (is_blank(*cell))
                cell++;
            size_t len = strlen(cell);
            while (len && is_blank(cell[len - 1]))
                cell[--len] = '\0';
        }
        if (n < max)
            cells[n] = cell;
        n++;
        if (!tab)
            break;
        cell = tab + 1;
    }
    /* trailing empty cells are not columns ("a\tb\t" has two) */
    while (n > 1 && n <= max && cells[n - 1][0] == '\0')
        n--;
    return n;
}

/* A line split_cells() would return whole as its one cell: no tab, no
 * '#', no blank at either end. */
static int plain_line(const char *line, size_t len)
{
    if (len == 0 || is_blank(line[0]) || is_blank(line[len - 1]))
        return 0;
    for (size_t i = 0; i < len; i++)
        if (line[i] == '#' || line[i] == '\t')
            return 0;
    return 1;
}

static int grow(void **arr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap : 256;
    while (c < need)
        c *= 2;
    void *p = realloc(*arr, c * elem);
    if (!p)
        return -1;
    *arr = p;
    *cap = c;
    return 0;
}

static void table_close(qry_table *t);

static qry_table *table_open(const qry_host *host, const char *name, unsigned min_cols, unsigned max_cols,
                             unsigned flags)
{
    if (!host || !name || !*name)
        return NULL;
    qry_table *t = calloc(1, sizeof *t);
    if (!t || !(t->name = strdup(name))) {
        free(t);
        return NULL;
    }
    t->host = host;
    char path[PATH_MAX];
    int rc = host->resolve_path(host, name, path, sizeof path);
    if (rc < 0) {
        char why[1024];
        qhost_not_found(host, name, why, sizeof why);
        report(t, 0, "%s", rc == QRY_ERR_IO ? why : "path too long");
        goto fail;
    }
    if (!(t->path = strdup(path)))
        goto fail;
    size_t len = 0;
    int err = 0;
    t->text = read_whole(path, &len, &err);
    if (!t->text) {
        if (err != ENOMEM)
            report(t, 0, "cannot read: %s", strerror(err));
        goto fail;
    }
    char *p = t->text, *end = t->text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) /* a byte-order mark is not data */
        p += 3;
    size_t cap_rows = 0, cap_cells = 0, n_cells = 0;
    const char *scratch[256];
    /* sized once from the line count (a line is at most one row, and holds
     * at most max_cols cells that count); grow() is left for wide tables */
    size_t lines = count_lines(p, end);
    if (grow((void **)&t->rows, &cap_rows, lines, sizeof *t->rows) != 0 ||
        grow((void **)&t->cells, &cap_cells, lines * (max_cols && max_cols <= 4 ? max_cols : 2), sizeof *t->cells) != 0)
        goto fail;
    /* a file found clean as a whole (the usual case) skips the checks line
     * by line, which cost more than the check on lists of short names */
    int clean = qtext_validate(p, (size_t)(end - p)) == (size_t)(end - p) && !memchr(p, '\0', (size_t)(end - p));
    for (size_t line_no = 1; p < end; line_no++) {
        char *nl = memchr(p, '\n', (size_t)(end - p));
        char *line = p;
        size_t line_len = nl ? (size_t)(nl - p) : (size_t)(end - p);
        p = nl ? nl + 1 : end;
        if (line_len && line[line_len - 1] == '\r')
            line_len--;
        size_t bad = clean ? line_len : qtext_validate(line, line_len);
        if (bad < line_len) {
            report(t, line_no, "not valid UTF-8 (byte %zu of the line)", bad + 1);
            continue;
        }
        if (!clean && memchr(line, '\0', line_len)) {
            report(t, line_no, "holds a NUL byte");
            continue;
        }
        line[line_len] = '\0';
        size_t n, first_len;
        if (plain_line(line, line_len)) { /* most lines of a word list: the line is the cell */
            scratch[0] = line;
            n = 1;
            first_len = line_len;
        } else {
            n = split_cells(line, flags, scratch, sizeof scratch / sizeof scratch[0]);
            first_len = n ? strlen(scratch[0]) : 0;
        }
        if (n == 0)
            continue;
        if (n < min_cols || (max_cols && n > max_cols) || n > sizeof scratch / sizeof scratch[0]) {
            if (max_cols == min_cols)
                report(t, line_no, "%zu column%s, expected %u (tab-separated)", n, n == 1 ? "" : "s", min_cols);
            else if (n < min_cols)
                report(t, line_no, "%zu column%s, expected at least %u (tab-separated)", n, n == 1 ? "" : "s",
                       min_cols);
            else
                report(t, line_no, "%zu columns, expected at most %u (tab-separated)", n,
                       max_cols ? max_cols : (unsigned)(sizeof scratch / sizeof scratch[0]));
            continue;
        }
        if (grow((void **)&t->rows, &cap_rows, t->n_rows + 1, sizeof *t->rows) != 0 ||
            grow((void **)&t->cells, &cap_cells, n_cells + n, sizeof *t->cells) != 0)
            goto fail;
        memcpy(t->cells + n_cells, scratch, n * sizeof *scratch);
        t->rows[t->n_rows++] = (table_row){line_no, n_cells, n, first_len};
        n_cells += n;
    }
    return t;
fail:
    table_close(t);
    return NULL;
}

static size_t table_rows(const qry_table *t) { return t ? t->n_rows : 0; }

static size_t table_cols(const qry_table *t, size_t row) { return t && row < t->n_rows ? t->rows[row].n_cells : 0; }

static const char *table_cell(const qry_table *t, size_t row, size_t col, size_t *len)
{
    const char *c = "";
    if (t && row < t->n_rows && col < t->rows[row].n_cells) {
        c = t->cells[t->rows[row].first_cell + col];
        if (len && col == 0) {
            *len = t->rows[row].first_len;
            return c;
        }
    }
    if (len)
        *len = strlen(c);
    return c;
}

static size_t table_line(const qry_table *t, size_t row) { return t && row < t->n_rows ? t->rows[row].line : 0; }

static const char *table_path(const qry_table *t) { return t ? (t->path ? t->path : t->name) : ""; }

__attribute__((format(printf, 3, 4))) static void table_reject(qry_table *t, size_t row, const char *fmt, ...)
{
    if (!t)
        return;
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    report(t, table_line(t, row), "%s", msg);
}

static size_t table_errors(const qry_table *t) { return t ? t->n_errors : 0; }

static void table_close(qry_table *t)
{
    if (!t)
        return;
    free(t->cells);
    free(t->rows);
    free(t->text);
    free(t->path);
    free(t->name);
    free(t);
}

const qry_table_service qtable_service = {
    .struct_size = sizeof(qry_table_service),
    .open = table_open,
    .rows = table_rows,
    .cols = table_cols,
    .cell = table_cell,
    .line = table_line,
    .path = table_path,
    .reject = table_reject,
    .errors = table_errors,
    .close = table_close,
};
