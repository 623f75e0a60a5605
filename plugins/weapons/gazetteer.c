/* gazetteer.c -- the weapons gazetteer: its rows, read through the core's
 * table service, and a hash of normalized surface forms.
 *
 * File format (one entry per line, fields separated by TAB, '#' comments):
 *   name  aliases  category  origin  kind
 * aliases are separated by '|'; a leading '~' marks an ambiguous form
 * (a common word or a person's name) that only counts when capitalised and
 * in a weapon context. The canonical name is itself a surface form unless
 * an alias with the same key overrides its flags. origin is an ISO 3166-1
 * alpha-2 code or '-'; kind is free text or '-'.
 *
 * Besides the keys, a set of the hashes of every key prefix tells the
 * matcher when a growing token sequence can no longer become a key, so it
 * stops extending it (most words start no key at all).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "weapons.h"

const char *const wpn_categories[WPN_N_CATEGORIES] = {
    "air_defense", "missile", "artillery", "ammunition", "armor",
    "aircraft",    "drone",   "naval",     "nuclear",    "small_arms",
};

const char *wpn_category_intern(const char *s)
{
    for (size_t i = 0; i < WPN_N_CATEGORIES; i++)
        if (strcmp(s, wpn_categories[i]) == 0)
            return wpn_categories[i];
    return NULL;
}

typedef struct slot {
    char *key; /* NULL: empty */
    uint32_t len;
    uint32_t entry;
    uint16_t flags;
    uint16_t file_no;
} slot;

struct wpn_gazetteer {
    wpn_entry **entries;
    size_t n_entries, cap_entries;
    slot *slots;
    size_t n_slots; /* power of two */
    size_t n_keys;
    size_t max_key;
    uint64_t *prefixes; /* hashes of all key prefixes (open addressing, 0 = empty) */
    size_t n_prefix_slots; /* power of two */
    size_t n_prefixes;
};

size_t wpn_key_normalize(const char *s, size_t n, char *out, size_t outsz)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 'A' && c <= 'Z')
            c = (unsigned char)(c - 'A' + 'a');
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80))
            continue;
        if (k + 1 >= outsz)
            return 0;
        out[k++] = (char)c;
    }
    if (outsz)
        out[k] = '\0';
    return k;
}

static int is_letter(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }
static int is_alnum(unsigned char c) { return is_letter(c) || (c >= '0' && c <= '9'); }

size_t wpn_letter_breaks(const char *s, size_t n)
{
    size_t breaks = 0;
    int prev = 0, gap = 0; /* prev: last alnum char (0 none); gap: separator seen since */
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (!is_alnum(c)) {
            gap = 1;
            continue;
        }
        if (gap && prev && is_letter((unsigned char)prev) && is_letter(c))
            breaks++;
        prev = c;
        gap = 0;
    }
    return breaks;
}

/* FNV-1a, one byte at a time so that the prefix set can hash every prefix
 * of a key in one pass. */
#define HASH_INIT 1469598103934665603ull
static uint64_t hash_step(uint64_t h, unsigned char c) { return (h ^ c) * 1099511628211ull; }

static uint64_t hash_key(const char *s, size_t n)
{
    uint64_t h = HASH_INIT;
    for (size_t i = 0; i < n; i++)
        h = hash_step(h, (unsigned char)s[i]);
    return h;
}

wpn_gazetteer *wpn_gaz_new(void)
{
    wpn_gazetteer *g = calloc(1, sizeof *g);
    if (!g)
        return NULL;
    g->n_slots = 1024;
    g->slots = calloc(g->n_slots, sizeof *g->slots);
    g->n_prefix_slots = 4096;
    g->prefixes = calloc(g->n_prefix_slots, sizeof *g->prefixes);
    if (!g->slots || !g->prefixes) {
        free(g->slots);
        free(g->prefixes);
        free(g);
        return NULL;
    }
    return g;
}

static void entry_free(wpn_entry *e)
{
    if (!e)
        return;
    free(e->name);
    free(e->origin);
    free(e->kind);
    free(e);
}

void wpn_gaz_free(wpn_gazetteer *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->n_entries; i++)
        entry_free(g->entries[i]);
    free(g->entries);
    for (size_t i = 0; i < g->n_slots; i++)
        free(g->slots[i].key);
    free(g->slots);
    free(g->prefixes);
    free(g);
}

static slot *find_slot(slot *slots, size_t n_slots, const char *key, size_t len)
{
    size_t mask = n_slots - 1, i = (size_t)hash_key(key, len) & mask;
    while (slots[i].key && !(slots[i].len == len && memcmp(slots[i].key, key, len) == 0))
        i = (i + 1) & mask;
    return &slots[i];
}

static int grow(wpn_gazetteer *g)
{
    size_t n = g->n_slots * 2;
    slot *s = calloc(n, sizeof *s);
    if (!s)
        return QRY_ERR_NOMEM;
    for (size_t i = 0; i < g->n_slots; i++)
        if (g->slots[i].key)
            *find_slot(s, n, g->slots[i].key, g->slots[i].len) = g->slots[i];
    free(g->slots);
    g->slots = s;
    g->n_slots = n;
    return QRY_OK;
}

const wpn_entry *wpn_gaz_lookup(const wpn_gazetteer *g, const char *key, size_t len, unsigned *flags)
{
    if (len == 0 || len > g->max_key)
        return NULL;
    const slot *s = find_slot(g->slots, g->n_slots, key, len);
    if (!s->key)
        return NULL;
    if (flags)
        *flags = s->flags;
    return g->entries[s->entry];
}

/* The prefix set stores the hashes themselves (0 is the empty slot, so a
 * zero hash is stored as 1); a hash collision only makes the matcher try a
 * little longer, never miss a key. */
static uint64_t prefix_tag(uint64_t h) { return h ? h : 1; }

static uint64_t *prefix_slot(uint64_t *v, size_t n_slots, uint64_t tag)
{
    size_t mask = n_slots - 1, i = (size_t)tag & mask;
    while (v[i] && v[i] != tag)
        i = (i + 1) & mask;
    return &v[i];
}

static int prefix_grow(wpn_gazetteer *g)
{
    size_t n = g->n_prefix_slots * 2;
    uint64_t *v = calloc(n, sizeof *v);
    if (!v)
        return QRY_ERR_NOMEM;
    for (size_t i = 0; i < g->n_prefix_slots; i++)
        if (g->prefixes[i])
            *prefix_slot(v, n, g->prefixes[i]) = g->prefixes[i];
    free(g->prefixes);
    g->prefixes = v;
    g->n_prefix_slots = n;
    return QRY_OK;
}

/* Add the hashes of key[0..1), key[0..2), ..., key[0..len). */
static int prefix_put(wpn_gazetteer *g, const char *key, size_t len)
{
    uint64_t h = HASH_INIT;
    for (size_t k = 0; k < len; k++) {
        if ((g->n_prefixes + 1) * 2 > g->n_prefix_slots && prefix_grow(g) != QRY_OK)
            return QRY_ERR_NOMEM;
        h = hash_step(h, (unsigned char)key[k]); /* = hash_key(key, k + 1) */
        uint64_t tag = prefix_tag(h);
        uint64_t *s = prefix_slot(g->prefixes, g->n_prefix_slots, tag);
        if (!*s) {
            *s = tag;
            g->n_prefixes++;
        }
    }
    return QRY_OK;
}

int wpn_gaz_may_extend(const wpn_gazetteer *g, const char *key, size_t len)
{
    if (len == 0)
        return 1;
    if (len > g->max_key)
        return 0;
    return *prefix_slot(g->prefixes, g->n_prefix_slots, prefix_tag(hash_key(key, len))) != 0;
}

size_t wpn_gaz_max_key(const wpn_gazetteer *g) { return g->max_key; }
size_t wpn_gaz_n_entries(const wpn_gazetteer *g) { return g->n_entries; }
size_t wpn_gaz_n_keys(const wpn_gazetteer *g) { return g->n_keys; }

/* Insert key -> entry. Returns 1 when inserted or replaced, 0 when a key of
 * the same file was kept, or QRY_ERR_NOMEM. */
static int put_key(wpn_gazetteer *g, const char *key, size_t len, uint32_t entry, unsigned flags,
                   unsigned file_no)
{
    if ((g->n_keys + 1) * 2 > g->n_slots && grow(g) != QRY_OK)
        return QRY_ERR_NOMEM;
    slot *s = find_slot(g->slots, g->n_slots, key, len);
    if (s->key) {
        if (s->file_no == file_no && s->entry == entry) {
            /* a repeat inside one entry: keep the first flags, the most breaks */
            if (WPN_BREAKS(flags) > WPN_BREAKS(s->flags))
                s->flags = (uint16_t)((s->flags & 0xFFu) | (flags & 0xFF00u));
            return 1;
        }
        if (s->file_no == file_no)
            return 0;
        s->entry = entry;
        s->flags = (uint16_t)flags;
        s->file_no = (uint16_t)file_no;
        return 1;
    }
    if (prefix_put(g, key, len) != QRY_OK)
        return QRY_ERR_NOMEM;
    s->key = malloc(len + 1);
    if (!s->key)
        return QRY_ERR_NOMEM;
    memcpy(s->key, key, len);
    s->key[len] = '\0';
    s->len = (uint32_t)len;
    s->entry = entry;
    s->flags = (uint16_t)flags;
    s->file_no = (uint16_t)file_no;
    g->n_keys++;
    if (len > g->max_key)
        g->max_key = len;
    return 1;
}

static char *dup_opt(const char *s)
{
    if (!s || !*s || strcmp(s, "-") == 0)
        return NULL;
    return strdup(s);
}

/* The next '|'-separated alias of *list (blanks around it dropped, a
 * leading '~' taken off into *ambiguous): its length, or -1 at the end
 * (a rest of "-" is no alias: "-" alone means none). */
static long next_alias(const char **list, const char **alias, int *ambiguous)
{
    if (!**list || strcmp(*list, "-") == 0)
        return -1;
    const char *p = *list + strspn(*list, " ");
    size_t n = strcspn(p, "|");
    *list = p[n] ? p + n + 1 : p + n;
    *ambiguous = n && *p == '~';
    if (*ambiguous) {
        p++;
        n--;
        size_t lead = strspn(p, " ");
        p += lead < n ? lead : n;
        n -= lead < n ? lead : n;
    }
    while (n && p[n - 1] == ' ')
        n--;
    *alias = p;
    return (long)n;
}

/* Every alias of the list has a key (checked before anything is added). */
static int aliases_ok(const char *list, const char *name, char *why, size_t whysz)
{
    const char *a;
    int amb;
    char key[256];
    for (long n; (n = next_alias(&list, &a, &amb)) >= 0;) {
        if (wpn_key_normalize(a, (size_t)n, key, sizeof key) == 0) {
            snprintf(why, whysz, "alias '%.*s' of '%s' has no letters or digits (or is too long)", (int)n, a, name);
            return 0;
        }
    }
    return 1;
}

/* Add the entry, then its keys: aliases first (their flags win), then the
 * canonical name. */
static int add_entry(wpn_gazetteer *g, const char *const cells[5], const char *cat, const char *namekey,
                     size_t nlen, unsigned file_no, size_t *dups)
{
    const char *name = cells[0], *origin = cells[3], *kind = cells[4];
    wpn_entry *e = calloc(1, sizeof *e);
    if (!e)
        return QRY_ERR_NOMEM;
    e->category = cat;
    e->name = strdup(name);
    e->origin = dup_opt(origin);
    e->kind = dup_opt(kind);
    if (!e->name || (!e->origin && *origin && strcmp(origin, "-") != 0) ||
        (!e->kind && *kind && strcmp(kind, "-") != 0)) {
        entry_free(e);
        return QRY_ERR_NOMEM;
    }
    if (g->n_entries == g->cap_entries) {
        size_t cap = g->cap_entries ? g->cap_entries * 2 : 256;
        wpn_entry **v = realloc(g->entries, cap * sizeof *v);
        if (!v) {
            entry_free(e);
            return QRY_ERR_NOMEM;
        }
        g->entries = v;
        g->cap_entries = cap;
    }
    uint32_t idx = (uint32_t)g->n_entries;
    g->entries[g->n_entries++] = e;

    const char *list = cells[1], *a;
    int amb;
    for (long n; (n = next_alias(&list, &a, &amb)) >= 0;) {
        char key[256];
        size_t br = wpn_letter_breaks(a, (size_t)n);
        unsigned flags = (amb ? WPN_ALIAS_AMBIGUOUS : 0u) | (unsigned)(br > 255 ? 255 : br) << 8;
        size_t klen = wpn_key_normalize(a, (size_t)n, key, sizeof key);
        int rc = put_key(g, key, klen, idx, flags, file_no);
        if (rc < 0)
            return rc;
        if (rc == 0)
            (*dups)++;
    }
    /* The name itself; when an alias has its key the alias's flags stay and
     * only the word-break count is merged ("MTLB" then "MT-LB"). */
    size_t br = wpn_letter_breaks(name, strlen(name));
    int rc = put_key(g, namekey, nlen, idx, (unsigned)(br > 255 ? 255 : br) << 8, file_no);
    if (rc < 0)
        return rc;
    if (rc == 0)
        (*dups)++;
    return QRY_OK;
}

int wpn_gaz_add(wpn_gazetteer *g, const char *const cells[5], unsigned file_no, size_t *dups, char *why,
                size_t whysz)
{
    const char *name = cells[0], *cat = wpn_category_intern(cells[2]), *origin = cells[3];
    if (!*name || strlen(name) >= WPN_NAME_MAX) {
        snprintf(why, whysz, "name empty or longer than %d bytes", WPN_NAME_MAX - 1);
        return QRY_ERR_CONFIG;
    }
    if (!cat) {
        snprintf(why, whysz, "unknown category '%s'", cells[2]);
        return QRY_ERR_CONFIG;
    }
    if (*origin && strcmp(origin, "-") != 0 &&
        !(strlen(origin) == 2 && origin[0] >= 'A' && origin[0] <= 'Z' && origin[1] >= 'A' && origin[1] <= 'Z')) {
        snprintf(why, whysz, "origin '%s' is not an ISO 3166-1 alpha-2 code", origin);
        return QRY_ERR_CONFIG;
    }
    char namekey[256];
    size_t nlen = wpn_key_normalize(name, strlen(name), namekey, sizeof namekey);
    if (nlen == 0) {
        snprintf(why, whysz, "name '%s' has no letters or digits (or is too long)", name);
        return QRY_ERR_CONFIG;
    }
    if (!aliases_ok(cells[1], name, why, whysz))
        return QRY_ERR_CONFIG;
    size_t ignored = 0;
    return add_entry(g, cells, cat, namekey, nlen, file_no, dups ? dups : &ignored);
}

int wpn_gaz_load(wpn_gazetteer *g, const wpn_reader *rd, const char *name, unsigned file_no, size_t *dups)
{
    const qry_table_service *ts = rd->table;
    qry_table *t = ts->open(rd->host, name, 3, 5, QRY_TABLE_TRIM);
    if (!t)
        return QRY_ERR_CONFIG;
    int rc = QRY_OK;
    for (size_t row = 0; rc == QRY_OK && row < ts->rows(t); row++) {
        const char *cells[5];
        for (size_t c = 0; c < 5; c++)
            cells[c] = ts->cell(t, row, c, NULL);
        char why[200];
        rc = wpn_gaz_add(g, cells, file_no, dups, why, sizeof why);
        if (rc == QRY_ERR_CONFIG) {
            ts->reject(t, row, "%s", why);
            rc = QRY_OK;
        }
    }
    if (rc == QRY_OK && ts->errors(t))
        rc = QRY_ERR_CONFIG;
    ts->close(t);
    return rc;
}
