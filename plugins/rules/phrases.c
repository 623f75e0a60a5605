/* phrases.c -- phrase lists (GATE gazetteer style): PHRASE, TYPE, key=value...
 *
 * Entries are indexed by a 64-bit hash of their folded text, white space
 * squeezed to one ' '. Matching walks the document token by token from
 * each start, extending one hash incrementally (a ' ' where the document
 * has white space before a token, then the token's folded form), and looks
 * the hash up: so the cost of a match attempt depends on how far the text
 * agrees with some entry, never on how many entries there are.
 *
 * To know when to stop extending, every prefix of an entry that could end
 * at a token boundary is kept in a second hash set. Which prefixes those
 * are needs no copy of the core's tokenizer: a token boundary can fall
 * anywhere except between two letters, a letter and a following digit, or
 * two digits, so every other position is taken (a superset is harmless; it
 * only costs a little memory).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

#define NO_ENTRY UINT32_MAX

typedef struct ph_entry {
    const char *key;   /* lower form */
    const char *exact; /* exact form when the entry matches case, else NULL */
    uint32_t rule;
    uint32_t next; /* the next entry with the same key */
    uint32_t line;
} ph_entry;

typedef struct ph_slot {
    uint64_t hash; /* 0: empty */
    uint32_t head; /* first entry with this key */
} ph_slot;

struct rl_phrases {
    ph_entry *entries;
    size_t n, cap;
    ph_slot *map;
    size_t map_n, map_cap;
    uint64_t *prefixes; /* 0: empty */
    size_t pre_n, pre_cap;
    int need_exact;
};

#define FNV_OFFSET 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static inline uint64_t fnv_bytes(uint64_t h, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
    return h;
}

static inline uint64_t nonzero(uint64_t h) { return h ? h : 1; }

rl_phrases *rl_phrases_new(void) { return calloc(1, sizeof(rl_phrases)); }

void rl_phrases_free(rl_phrases *p)
{
    if (!p)
        return;
    free(p->entries);
    free(p->map);
    free(p->prefixes);
    free(p);
}

size_t rl_phrases_count(const rl_phrases *p) { return p ? p->n : 0; }
int rl_phrases_need_exact(const rl_phrases *p) { return p && p->need_exact; }

static int map_grow(rl_phrases *p)
{
    size_t cap = p->map_cap ? p->map_cap * 2 : 1024;
    ph_slot *m = calloc(cap, sizeof *m);
    if (!m)
        return -1;
    for (size_t k = 0; k < p->map_cap; k++) {
        if (!p->map[k].hash)
            continue;
        size_t i = p->map[k].hash & (cap - 1);
        while (m[i].hash)
            i = (i + 1) & (cap - 1);
        m[i] = p->map[k];
    }
    free(p->map);
    p->map = m;
    p->map_cap = cap;
    return 0;
}

static ph_slot *map_find(const rl_phrases *p, uint64_t h)
{
    if (!p->map_cap)
        return NULL;
    for (size_t i = h & (p->map_cap - 1);; i = (i + 1) & (p->map_cap - 1)) {
        if (p->map[i].hash == h)
            return &p->map[i];
        if (!p->map[i].hash)
            return NULL;
    }
}

static int prefix_grow(rl_phrases *p)
{
    size_t cap = p->pre_cap ? p->pre_cap * 2 : 4096;
    uint64_t *s = calloc(cap, sizeof *s);
    if (!s)
        return -1;
    for (size_t k = 0; k < p->pre_cap; k++) {
        if (!p->prefixes[k])
            continue;
        size_t i = p->prefixes[k] & (cap - 1);
        while (s[i])
            i = (i + 1) & (cap - 1);
        s[i] = p->prefixes[k];
    }
    free(p->prefixes);
    p->prefixes = s;
    p->pre_cap = cap;
    return 0;
}

static int prefix_add(rl_phrases *p, uint64_t h)
{
    if (2 * (p->pre_n + 1) > p->pre_cap && prefix_grow(p) != 0)
        return -1;
    size_t i = h & (p->pre_cap - 1);
    while (p->prefixes[i]) {
        if (p->prefixes[i] == h)
            return 0;
        i = (i + 1) & (p->pre_cap - 1);
    }
    p->prefixes[i] = h;
    p->pre_n++;
    return 0;
}

static int prefix_has(const rl_phrases *p, uint64_t h)
{
    if (!p->pre_cap)
        return 0;
    for (size_t i = h & (p->pre_cap - 1);; i = (i + 1) & (p->pre_cap - 1)) {
        if (p->prefixes[i] == h)
            return 1;
        if (!p->prefixes[i])
            return 0;
    }
}

enum { CH_SPACE, CH_LETTER, CH_DIGIT, CH_OTHER };

/* Every prefix of key that may end where a document token ends. */
static int add_prefixes(rl_phrases *p, const rl_fold *f, const char *key, size_t len)
{
    uint64_t h = FNV_OFFSET;
    int prev = CH_SPACE;
    size_t pos = 0;
    while (pos < len) {
        size_t at = pos;
        int cls;
        unsigned char b = (unsigned char)key[pos];
        if (b == ' ') {
            cls = CH_SPACE;
            pos++;
        } else if (b >= '0' && b <= '9') {
            cls = CH_DIGIT;
            pos++;
        } else {
            cls = rl_is_letter(f, key, len, &pos) ? CH_LETTER : CH_OTHER;
        }
        /* a boundary at `at` unless the characters either side stay in one token */
        int inside = (prev == CH_LETTER && (cls == CH_LETTER || cls == CH_DIGIT)) ||
                     (prev == CH_DIGIT && cls == CH_DIGIT);
        if (at > 0 && prev != CH_SPACE && !inside && prefix_add(p, nonzero(h)) != 0)
            return -1;
        h = fnv_bytes(h, key + at, pos - at);
        prev = cls;
    }
    return 0;
}

int rl_phrases_load(rl_loader *ld, rl_phrases *p, const char *file)
{
    const qry_table_service *ts = ld->tables;
    qry_table *t = ts->open(ld->host, file, 1, 0, 0);
    if (!t) {
        if (ld->n_errors++ == 0)
            snprintf(ld->first_error, sizeof ld->first_error, "cannot read phrase list '%s'", file);
        return -1;
    }
    size_t before = ts->errors(t);
    ld->n_errors += before;
    if (before && !ld->first_error[0])
        snprintf(ld->first_error, sizeof ld->first_error, "%s: %zu bad line%s", ts->path(t), before,
                 before == 1 ? "" : "s");
    for (size_t row = 0; row < ts->rows(t) && !ld->oom; row++) {
        size_t len;
        const char *phrase = ts->cell(t, row, 0, &len);
        int case_mode;
        rl_rule tmp;
        memset(&tmp, 0, sizeof tmp);
        if (rl_parse_rule_cells(ld, t, row, 2, RL_PHRASE, &tmp, 1, &case_mode) != 0)
            continue;
        int exact = case_mode < 0 ? ld->case_sensitive : case_mode;
        const char *key = rl_fold_phrase(ld->fold, 0, phrase, len, ld->pool);
        const char *exact_key = exact ? rl_fold_phrase(ld->fold, 1, phrase, len, ld->pool) : NULL;
        if (!key || (exact && !exact_key)) {
            ld->oom = 1;
            break;
        }
        if (!*key) {
            rl_reject(ld, t, row, "empty phrase");
            continue;
        }
        size_t klen = strlen(key);
        uint64_t h = nonzero(fnv_bytes(FNV_OFFSET, key, klen));
        if (2 * (p->map_n + 1) > p->map_cap && map_grow(p) != 0) {
            ld->oom = 1;
            break;
        }
        ph_slot *slot = map_find(p, h);
        int dup = 0;
        for (uint32_t e = slot ? slot->head : NO_ENTRY; e != NO_ENTRY && !dup; e = p->entries[e].next) {
            const ph_entry *o = &p->entries[e];
            if (strcmp(o->key, key) == 0 && ld->rules->rules[o->rule].type == tmp.type && !o->exact == !exact_key &&
                (!exact_key || strcmp(o->exact, exact_key) == 0)) {
                rl_reject(ld, t, row, "duplicate phrase: line %u already gives '%s' as %s", o->line, phrase,
                          tmp.type);
                dup = 1;
            }
        }
        if (dup)
            continue;
        if (p->n == p->cap) {
            size_t cap = p->cap ? p->cap * 2 : 256;
            ph_entry *grown = realloc(p->entries, cap * sizeof *grown);
            if (!grown) {
                ld->oom = 1;
                break;
            }
            p->entries = grown;
            p->cap = cap;
        }
        rl_rule *r = rl_rule_new(ld);
        if (!r || add_prefixes(p, ld->fold, key, klen) != 0) {
            ld->oom = 1;
            break;
        }
        *r = tmp;
        r->where = rl_where(ld, t, row);
        uint32_t idx = (uint32_t)p->n++;
        p->entries[idx] = (ph_entry){key, exact_key, (uint32_t)(ld->rules->n - 1), NO_ENTRY,
                                     (uint32_t)ts->line(t, row)};
        if (exact_key)
            p->need_exact = 1;
        if (slot) { /* same key, another type or case: keep file order */
            uint32_t last = slot->head;
            while (p->entries[last].next != NO_ENTRY)
                last = p->entries[last].next;
            p->entries[last].next = idx;
        } else {
            size_t i = h & (p->map_cap - 1);
            while (p->map[i].hash)
                i = (i + 1) & (p->map_cap - 1);
            p->map[i] = (ph_slot){h, idx};
            p->map_n++;
        }
    }
    ts->close(t);
    return ld->oom ? -1 : 0;
}

/* Whether tokens i..j (inclusive), joined as the index joins them, read key. */
static int reads(const qry_doc_view *doc, const rl_doc_forms *df, int exact, size_t i, size_t j, const char *key)
{
    for (size_t k = i; k <= j; k++) {
        if (k > i && (doc->tokens[k].flags & QRY_TOK_SPACE_BEFORE)) {
            if (*key++ != ' ')
                return 0;
        }
        size_t n;
        const char *form = rl_form(df, exact, k, &n);
        if (strncmp(key, form, n) != 0)
            return 0;
        key += n;
    }
    return *key == '\0';
}

int rl_phrases_match(const rl_phrases *p, const qry_doc_view *doc, const rl_doc_forms *df, rl_cands *out)
{
    if (!p || !p->n)
        return QRY_OK;
    /* within a paragraph, not a sentence: an entry spells out its own
     * text, and "17. Juni" must not be cut where the segmenter sees a
     * sentence end */
    size_t first = 0;
    for (size_t para = 0; para < doc->n_paragraphs && first < doc->n_tokens; para++) {
        size_t end = first;
        while (end < doc->n_tokens && doc->tokens[end].end <= doc->paragraphs[para].end)
            end++;
        if (end == first)
            continue;
        for (size_t i = first; i < end; i++) {
            uint64_t h = FNV_OFFSET;
            for (size_t j = i; j < end; j++) {
                if (j > i && (doc->tokens[j].flags & QRY_TOK_SPACE_BEFORE))
                    h = fnv_bytes(h, " ", 1);
                size_t n;
                const char *form = rl_form(df, 0, j, &n);
                h = fnv_bytes(h, form, n);
                const ph_slot *slot = map_find(p, nonzero(h));
                if (slot && reads(doc, df, 0, i, j, p->entries[slot->head].key)) {
                    for (uint32_t e = slot->head; e != NO_ENTRY; e = p->entries[e].next) {
                        const ph_entry *en = &p->entries[e];
                        if (en->exact && !reads(doc, df, 1, i, j, en->exact))
                            continue;
                        if (rl_cands_add(out, doc, i, j + 1, en->rule) != QRY_OK)
                            return QRY_ERR_NOMEM;
                    }
                }
                if (!prefix_has(p, nonzero(h)))
                    break;
            }
        }
        first = end;
    }
    return QRY_OK;
}
