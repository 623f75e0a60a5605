/* output_brat.c -- brat standoff files: DIR/NNNNNN_ID.txt (the text) and
 * DIR/NNNNNN_ID.ann beside it, plus annotation.conf and visual.conf, so
 * that DIR opens as a collection in the brat annotation tool.
 *
 * brat counts offsets in characters, so byte offsets are converted. A
 * span crossing a line break becomes fragments ("0 10;11 20"), as brat
 * wants. Attributes are free values (amounts, coordinates), which brat's
 * attributes (fixed value sets) cannot hold, so they go into the entity's
 * AnnotatorNotes, shown in brat's tooltip. An attribute pair X_start/X_end
 * (a quote's speaker, a transfer's donor) is a span: it becomes an entity
 * of type X linked to its owner by a relation X. The file names start with
 * the document's position, so they are unique and list in input order;
 * documents that could not be read get no files. */
#include "output.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct pair {
    char *owner, *role; /* relation `role` from an `owner` entity */
} pair;

typedef struct brat {
    char **types; /* entity types written, for annotation.conf */
    size_t n_types, cap_types;
    pair *rels;
    size_t n_rels, cap_rels;
    qbuf ann, path;
} brat;

static int brat_start(qout_writer *w)
{
    brat *b = calloc(1, sizeof *b);
    if (!b) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    w->state = b;
    if (mkdir(w->dir, 0777) != 0 && errno != EEXIST) {
        snprintf(w->why, sizeof w->why, "%s: cannot create the directory: %s", w->dir, strerror(errno));
        return -1;
    }
    struct stat st;
    if (stat(w->dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        snprintf(w->why, sizeof w->why, "%s: not a directory (--format brat writes one)", w->dir);
        return -1;
    }
    return 0;
}

static int remember(char ***list, size_t *n, size_t *cap, const char *s)
{
    for (size_t k = 0; k < *n; k++)
        if (strcmp((*list)[k], s) == 0)
            return 0;
    if (*n == *cap) {
        size_t c = *cap ? *cap * 2 : 16;
        char **grown = realloc(*list, c * sizeof *grown);
        if (!grown)
            return -1;
        *list = grown;
        *cap = c;
    }
    if (!((*list)[*n] = strdup(s)))
        return -1;
    (*n)++;
    return 0;
}

static int remember_relation(brat *b, const char *owner, const char *role)
{
    for (size_t k = 0; k < b->n_rels; k++)
        if (strcmp(b->rels[k].owner, owner) == 0 && strcmp(b->rels[k].role, role) == 0)
            return 0;
    if (b->n_rels == b->cap_rels) {
        size_t c = b->cap_rels ? b->cap_rels * 2 : 8;
        pair *grown = realloc(b->rels, c * sizeof *grown);
        if (!grown)
            return -1;
        b->rels = grown;
        b->cap_rels = c;
    }
    pair p = {strdup(owner), strdup(role)};
    if (!p.owner || !p.role) {
        free(p.owner);
        free(p.role);
        return -1;
    }
    b->rels[b->n_rels++] = p;
    return 0;
}

/* Write `data` to DIR/NAME. 0, or -1 with w->why. */
static int write_file(qout_writer *w, const char *name, const char *data, size_t len)
{
    brat *b = w->state;
    b->path.len = 0;
    qbuf_printf(&b->path, "%s/%s", w->dir, name);
    if (b->path.oom) {
        snprintf(w->why, sizeof w->why, "out of memory");
        return -1;
    }
    FILE *f = fopen(b->path.data, "wb");
    int ok = f && fwrite(data, 1, len, f) == len;
    ok = f && fclose(f) == 0 && ok;
    if (!ok)
        snprintf(w->why, sizeof w->why, "%s: cannot write: %s", b->path.data, strerror(errno ? errno : EIO));
    return ok ? 0 : -1;
}

/* T-line of a text-bound annotation: "Tn\tTYPE a b;c d\ttext", split at
 * line breaks, with character offsets. */
static void put_textbound(qbuf *ann, int n, const char *type, const char *text, size_t start, size_t end,
                          const uint32_t *chars)
{
    for (int pass = 0; pass < 2; pass++) { /* the offsets, then the fragments' text joined by a space */
        if (pass == 0)
            qbuf_printf(ann, "T%d\t%s ", n, type);
        size_t k = start, fragments = 0;
        while (k < end) {
            while (k < end && (text[k] == '\n' || text[k] == '\r'))
                k++;
            size_t from = k;
            while (k < end && text[k] != '\n' && text[k] != '\r')
                k++;
            if (k == from)
                continue;
            if (pass == 0)
                qbuf_printf(ann, "%s%u %u", fragments++ ? ";" : "", chars[from], chars[k]);
            else {
                if (fragments++)
                    qbuf_puts(ann, " ");
                qbuf_append(ann, text + from, k - from);
            }
        }
        qbuf_puts(ann, pass == 0 ? "\t" : "\n");
    }
}

/* Whether [start, end) has a character other than a line break: brat
 * refuses an annotation without a fragment. */
static int has_content(const char *text, size_t start, size_t end)
{
    for (size_t k = start; k < end; k++)
        if (text[k] != '\n' && text[k] != '\r')
            return 1;
    return 0;
}

static int put_entity(brat *b, const qout_doc *d, const json_t *e, const uint32_t *chars, int *tn,
                      int *rn, int *nn)
{
    const char *type = json_string_value(json_object_get(e, "type"));
    size_t start, end;
    if (!type || qout_offset(e, "start", d->len, &start) || qout_offset(e, "end", d->len, &end) || end <= start ||
        !has_content(d->text, start, end))
        return 0;
    if (remember(&b->types, &b->n_types, &b->cap_types, type) != 0)
        return -1;
    int self = ++*tn;
    put_textbound(&b->ann, self, type, d->text, start, end, chars);
    json_t *attrs = json_object_get(e, "attrs");
    const char *key;
    json_t *v;
    int noted = 0;
    json_object_foreach(attrs, key, v)
    {
        size_t klen = strlen(key);
        if (klen > 6 && strcmp(key + klen - 6, "_start") == 0)
            continue; /* a span: below */
        if (klen > 4 && strcmp(key + klen - 4, "_end") == 0)
            continue;
        if (noted++ == 0)
            qbuf_printf(&b->ann, "#%d\tAnnotatorNotes T%d\t", ++*nn, self);
        else
            qbuf_puts(&b->ann, "; ");
        qbuf_printf(&b->ann, "%s=", key);
        size_t before = b->ann.len;
        qout_value_text(&b->ann, v);
        for (size_t k = before; k < b->ann.len; k++)
            if (b->ann.data[k] == '\n' || b->ann.data[k] == '\r' || b->ann.data[k] == '\t')
                b->ann.data[k] = ' ';
    }
    if (noted)
        qbuf_puts(&b->ann, "\n");
    /* X_start / X_end pairs: the span X, related to this entity */
    json_object_foreach(attrs, key, v)
    {
        size_t klen = strlen(key), s0, s1;
        if (klen <= 6 || strcmp(key + klen - 6, "_start") != 0 || klen - 6 > 64)
            continue;
        char role[72], end_key[80];
        snprintf(role, sizeof role, "%.*s", (int)(klen - 6), key);
        snprintf(end_key, sizeof end_key, "%s_end", role);
        if (qout_offset(attrs, key, d->len, &s0) || qout_offset(attrs, end_key, d->len, &s1) || s1 <= s0 ||
            !has_content(d->text, s0, s1))
            continue;
        if (remember(&b->types, &b->n_types, &b->cap_types, role) != 0 || remember_relation(b, type, role) != 0)
            return -1;
        int other = ++*tn;
        put_textbound(&b->ann, other, role, d->text, s0, s1, chars);
        qbuf_printf(&b->ann, "R%d\t%s Arg1:T%d Arg2:T%d\t\n", ++*rn, role, self, other);
    }
    return 0;
}

/* A file name from the id: letters, digits, '-', '_' and '.' kept, others
 * '_', cut to 80 bytes; the position in front makes it unique. */
static void file_stem(qbuf *b, uint64_t ordinal, const char *id)
{
    qbuf_printf(b, "%06llu_", (unsigned long long)ordinal + 1);
    size_t n = 0;
    for (const char *p = id ? id : ""; *p && n < 80; p++, n++) {
        char c = *p;
        int safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                   c == '_' || (c == '.' && n > 0);
        qbuf_append(b, safe ? &c : "_", 1);
    }
}

static int brat_put(qout_writer *w, const qout_doc *d)
{
    brat *b = w->state;
    if (!d->text)
        return 0;
    uint32_t *chars = qout_char_map(d->text, d->len, 0);
    qbuf stem = {0};
    int rc = -1;
    if (!chars)
        goto oom;
    b->ann.len = 0;
    int tn = 0, rn = 0, nn = 0;
    size_t i;
    json_t *e;
    json_array_foreach(json_object_get(d->record, "entities"), i, e)
    {
        if (put_entity(b, d, e, chars, &tn, &rn, &nn) != 0)
            goto oom;
    }
    file_stem(&stem, d->ordinal, json_string_value(json_object_get(d->record, "id")));
    size_t stem_len = stem.len;
    qbuf_puts(&stem, ".txt");
    if (stem.oom || b->ann.oom)
        goto oom;
    if (write_file(w, stem.data, d->text, d->len) != 0)
        goto done;
    stem.len = stem_len;
    qbuf_puts(&stem, ".ann");
    if (stem.oom)
        goto oom;
    rc = write_file(w, stem.data, b->ann.data ? b->ann.data : "", b->ann.len);
    goto done;
oom:
    snprintf(w->why, sizeof w->why, "out of memory");
done:
    free(chars);
    qbuf_free(&stem);
    return rc;
}

/* The HTML view's colours, by the type's place in the pipeline's order
 * (then in order of appearance), so both views look alike. */
static const char *colour_of(const qout_writer *w, const brat *b, size_t seen_at)
{
    static const char *const palette[] = {"#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6",
                                          "#ffff99", "#8dd3c7", "#fccde5", "#d9d9d9", "#bc80bd"};
    size_t k = 0, extra = 0;
    while (k < w->schema->n_types && strcmp(w->schema->types[k], b->types[seen_at]) != 0)
        k++;
    if (k == w->schema->n_types) /* not declared: after the declared ones, as met */
        for (size_t j = 0; j < seen_at; j++) {
            size_t d = 0;
            while (d < w->schema->n_types && strcmp(w->schema->types[d], b->types[j]) != 0)
                d++;
            extra += d == w->schema->n_types;
        }
    return palette[(k + extra) % (sizeof palette / sizeof *palette)];
}

static int brat_finish(qout_writer *w)
{
    brat *b = w->state;
    qbuf conf = {0};
    qbuf_puts(&conf, "# written by quarry run --format brat\n[entities]\n");
    for (size_t k = 0; k < b->n_types; k++)
        qbuf_printf(&conf, "%s\n", b->types[k]);
    qbuf_puts(&conf, "[relations]\n");
    for (size_t k = 0; k < b->n_rels; k++)
        qbuf_printf(&conf, "%s\tArg1:%s, Arg2:%s\n", b->rels[k].role, b->rels[k].owner, b->rels[k].role);
    /* entities of different plugins overlap (a weapon inside a quote) */
    qbuf_puts(&conf, "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n[events]\n[attributes]\n");
    int rc = conf.oom ? -1 : write_file(w, "annotation.conf", conf.data, conf.len);
    conf.len = 0;
    qbuf_puts(&conf, "[labels]\n[drawing]\n");
    for (size_t k = 0; k < b->n_types; k++)
        qbuf_printf(&conf, "%s\tbgColor:%s\n", b->types[k], colour_of(w, b, k));
    if (rc == 0)
        rc = conf.oom ? -1 : write_file(w, "visual.conf", conf.data, conf.len);
    if (conf.oom)
        snprintf(w->why, sizeof w->why, "out of memory");
    qbuf_free(&conf);
    return rc;
}

static void brat_free(qout_writer *w)
{
    brat *b = w->state;
    if (!b)
        return;
    for (size_t k = 0; k < b->n_types; k++)
        free(b->types[k]);
    free(b->types);
    for (size_t k = 0; k < b->n_rels; k++) {
        free(b->rels[k].owner);
        free(b->rels[k].role);
    }
    free(b->rels);
    qbuf_free(&b->ann);
    qbuf_free(&b->path);
    free(b);
}

const qout_format_ops qout_brat_ops = {brat_start, brat_put, brat_finish, brat_free};
