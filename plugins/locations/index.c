/* index.c -- the place table, the string arena and the key hash.
 *
 * Keys are normalized token sequences; each slot heads a chain of senses.
 * Open addressing with linear probing, kept at most half full. Everything
 * lives in a few flat arrays so the index builds quickly and frees at once.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "index_layout.h"

const char *const loc_kind_names[LOC_N_KINDS] = {"country", "city",      "region", "continent",
                                                 "sea",     "peninsula", "other"};

int loc_kind_parse(const char *s)
{
    for (int k = 0; k < LOC_N_KINDS; k++)
        if (strcmp(s, loc_kind_names[k]) == 0)
            return k;
    return -1;
}

static int grow(void **v, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 1;
    size_t c = *cap ? *cap : 1024;
    while (c < need)
        c *= 2;
    void *p = realloc(*v, c * elem);
    if (!p)
        return 0;
    *v = p;
    *cap = c;
    return 1;
}

loc_index *loc_index_new(void)
{
    loc_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->n_slots = 1u << 16;
    ix->slots = calloc(ix->n_slots, sizeof *ix->slots);
    /* offset 0 is the empty string, so 0 can mean "no key" in a slot */
    /* sized for iso-codes + GeoNames (~29k places, ~30k senses, ~700 KB of
     * text) so that building never copies a grown array */
    if (!ix->slots || !grow((void **)&ix->arena, &ix->arena_cap, 1 << 20, 1) ||
        !grow((void **)&ix->places, &ix->places_cap, 1 << 15, sizeof *ix->places) ||
        !grow((void **)&ix->senses, &ix->senses_cap, 1 << 15, sizeof *ix->senses)) {
        loc_index_free(ix);
        return NULL;
    }
    ix->arena[0] = '\0';
    ix->arena_len = 1;
    for (size_t i = 0; i < 26 * 26; i++)
        ix->country[i] = LOC_NONE;
    return ix;
}

void loc_index_free(loc_index *ix)
{
    if (!ix)
        return;
    if (ix->map) {
        munmap(ix->map, ix->map_len);
    } else {
        free(ix->arena);
        free(ix->places);
        free(ix->senses);
        free(ix->slots);
    }
    free(ix);
}

uint32_t loc_intern(loc_index *ix, const char *s, size_t n)
{
    if (ix->arena_len + n + 1 > UINT32_MAX / 2 ||
        !grow((void **)&ix->arena, &ix->arena_cap, ix->arena_len + n + 1, 1))
        return LOC_NONE;
    uint32_t off = (uint32_t)ix->arena_len;
    memcpy(ix->arena + off, s, n);
    ix->arena[off + n] = '\0';
    ix->arena_len += n + 1;
    return off;
}

const char *loc_str(const loc_index *ix, uint32_t off) { return ix->arena + off; }

uint32_t loc_place_add(loc_index *ix)
{
    if (!grow((void **)&ix->places, &ix->places_cap, ix->n_places + 1, sizeof *ix->places))
        return LOC_NONE;
    loc_place *p = &ix->places[ix->n_places];
    memset(p, 0, sizeof *p);
    p->subdiv = LOC_NONE;
    return (uint32_t)ix->n_places++;
}

loc_place *loc_place_at(const loc_index *ix, uint32_t i) { return &ix->places[i]; }
size_t loc_n_places(const loc_index *ix) { return ix->n_places; }
const loc_sense *loc_sense_at(const loc_index *ix, uint32_t i) { return &ix->senses[i]; }
size_t loc_index_n_keys(const loc_index *ix) { return ix->slots_used; }

size_t loc_index_memory(const loc_index *ix)
{
    return ix->arena_cap + ix->places_cap * sizeof *ix->places + ix->senses_cap * sizeof *ix->senses +
           ix->n_slots * sizeof *ix->slots;
}

/* FNV-1a: keys are short and this is fast enough for ~60k of them. */
static uint32_t hash_key(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    return h;
}

static loc_slot *probe(const loc_index *ix, const char *key, size_t n, uint32_t h)
{
    size_t mask = ix->n_slots - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        loc_slot *s = &ix->slots[i];
        if (s->key == 0)
            return s;
        if (s->hash == h && s->len == n && memcmp(ix->arena + s->key, key, n) == 0)
            return s;
    }
}

static int rehash(loc_index *ix)
{
    size_t n = ix->n_slots * 2;
    loc_slot *old = ix->slots, *nv = calloc(n, sizeof *nv);
    if (!nv)
        return 0;
    size_t old_n = ix->n_slots;
    ix->slots = nv;
    ix->n_slots = n;
    for (size_t i = 0; i < old_n; i++) {
        if (old[i].key == 0)
            continue;
        for (size_t j = old[i].hash & (n - 1);; j = (j + 1) & (n - 1))
            if (nv[j].key == 0) {
                nv[j] = old[i];
                break;
            }
    }
    free(old);
    return 1;
}

/* The slot of key, created when absent; NULL when out of memory. */
static loc_slot *slot_for(loc_index *ix, const char *key, size_t n)
{
    /* three quarters full at most: a start reads (and checks) every slot
     * of the cached index, and a half-empty table was half of its file */
    if ((ix->slots_used + 1) * 4 > ix->n_slots * 3 && !rehash(ix))
        return NULL;
    uint32_t h = hash_key(key, n);
    loc_slot *s = probe(ix, key, n, h);
    if (s->key == 0) {
        uint32_t off = loc_intern(ix, key, n);
        if (off == LOC_NONE)
            return NULL;
        s->key = off;
        s->len = (uint32_t)n;
        s->hash = h;
        s->first = LOC_NONE;
        ix->slots_used++;
    }
    return s;
}

/* Two places that are the same place met twice (two team lines); GeoNames
 * towns of one name in one country are distinct (three Long Beaches). */
static int same_place(const loc_index *ix, uint32_t a, uint32_t b)
{
    const loc_place *p = &ix->places[a], *q = &ix->places[b];
    return a == b || (p->source == LOC_SRC_TEAM && q->source == LOC_SRC_TEAM && p->kind == q->kind &&
                      strcmp(p->cc, q->cc) == 0 &&
                      strcmp(ix->arena + p->name, ix->arena + q->name) == 0);
}

int loc_index_add(loc_index *ix, const char *key, size_t n, uint32_t place, uint32_t case_mask, uint32_t flags)
{
    /* every shorter run of words is marked, so the matcher stops growing a
     * key as soon as no longer one can follow */
    for (size_t i = 1; i < n; i++)
        if (key[i] == ' ' && loc_index_flag(ix, key, i, LOC_KEY_PREFIX) != QRY_OK)
            return QRY_ERR_NOMEM;
    loc_slot *s = slot_for(ix, key, n);
    if (!s)
        return QRY_ERR_NOMEM;
    for (uint32_t i = s->first; i != LOC_NONE; i = ix->senses[i].next)
        if (same_place(ix, ix->senses[i].place, place)) {
            /* an alternate name or demonym that is also the place's own
             * name is its name */
            const uint32_t lesser = LOC_SENSE_ALT | LOC_SENSE_DEMONYM;
            uint32_t kept = ix->senses[i].flags & flags & lesser;
            ix->senses[i].flags = ((ix->senses[i].flags | flags) & ~lesser) | kept;
            return QRY_OK;
        }
    if (!grow((void **)&ix->senses, &ix->senses_cap, ix->n_senses + 1, sizeof *ix->senses))
        return QRY_ERR_NOMEM;
    uint32_t id = (uint32_t)ix->n_senses++;
    ix->senses[id] = (loc_sense){.place = place, .next = s->first, .case_mask = case_mask, .flags = flags};
    s->first = id;
    return QRY_OK;
}

int loc_index_flag(loc_index *ix, const char *key, size_t n, uint32_t kflags)
{
    loc_slot *s = slot_for(ix, key, n);
    if (!s)
        return QRY_ERR_NOMEM;
    s->kflags |= kflags;
    return QRY_OK;
}

int loc_index_find(const loc_index *ix, const char *key, size_t n, uint32_t *first_sense, uint32_t *kflags)
{
    const loc_slot *s = probe(ix, key, n, hash_key(key, n));
    if (s->key == 0)
        return 0;
    *first_sense = s->first;
    *kflags = s->kflags;
    return 1;
}

static int cc_index(const char *cc)
{
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z' || cc[2])
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

uint32_t loc_country_of(const loc_index *ix, const char *cc)
{
    int i = cc_index(cc);
    return i < 0 ? LOC_NONE : ix->country[i];
}

void loc_set_country(loc_index *ix, const char *cc, uint32_t place)
{
    int i = cc_index(cc);
    if (i >= 0)
        ix->country[i] = place;
}
