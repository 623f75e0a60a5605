/* index_file.c -- the built index as one file, so that a later start-up
 * maps 5 MiB instead of walking libgeonames and iso-codes again (those
 * two libraries alone take ~90 ms). The file is this machine's own cache:
 * native byte order, no portability promised. A file that is short,
 * foreign or inconsistent is refused, never trusted: every offset and
 * index is checked before the index is used.
 *
 * The arrays start at multiples of ALIGN in the file, so a private mapping
 * of it is the index itself: reading 5 MiB into fresh memory cost ~15 ms of
 * page faults on a virtual machine (a third of quarry's start-up), a
 * mapping of pages already in the page cache a fraction of that. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "index_layout.h"

#define MAGIC "QRYLOCX2"
#define ALIGN 64

static size_t aligned(size_t n) { return (n + ALIGN - 1) / ALIGN * ALIGN; }

typedef struct file_header {
    char magic[8];
    uint64_t fingerprint;
    uint32_t sizeof_place, sizeof_sense, sizeof_slot, byte_order;
    uint64_t arena_len, n_places, n_senses, n_slots, slots_used;
    uint32_t country[26 * 26];
} file_header;

static int write_all(FILE *f, const void *p, size_t n) { return n == 0 || fwrite(p, 1, n, f) == n; }

/* n bytes, then zeros up to the next multiple of ALIGN */
static int write_padded(FILE *f, const void *p, size_t n)
{
    static const char zeros[ALIGN];
    return write_all(f, p, n) && write_all(f, zeros, aligned(n) - n);
}

int loc_index_write(const loc_index *ix, uint64_t fingerprint, FILE *f)
{
    file_header h;
    memset(&h, 0, sizeof h);
    memcpy(h.magic, MAGIC, sizeof h.magic);
    h.fingerprint = fingerprint;
    h.sizeof_place = sizeof(loc_place);
    h.sizeof_sense = sizeof(loc_sense);
    h.sizeof_slot = sizeof(loc_slot);
    h.byte_order = 0x01020304u;
    h.arena_len = ix->arena_len;
    h.n_places = ix->n_places;
    h.n_senses = ix->n_senses;
    h.n_slots = ix->n_slots;
    h.slots_used = ix->slots_used;
    memcpy(h.country, ix->country, sizeof h.country);
    return write_padded(f, &h, sizeof h) && write_padded(f, ix->arena, ix->arena_len) &&
                   write_padded(f, ix->places, ix->n_places * sizeof *ix->places) &&
                   write_padded(f, ix->senses, ix->n_senses * sizeof *ix->senses) &&
                   write_all(f, ix->slots, ix->n_slots * sizeof *ix->slots)
               ? QRY_OK
               : QRY_ERR_IO;
}

static int place_ok(uint32_t i, size_t n) { return i == LOC_NONE || i < n; }

/* Every reference inside the arrays points inside them, and probing ends. */
static int consistent(const loc_index *ix)
{
    if (ix->arena_len == 0 || ix->arena[ix->arena_len - 1] != '\0' || ix->n_slots == 0 ||
        (ix->n_slots & (ix->n_slots - 1)) != 0 || ix->slots_used >= ix->n_slots)
        return 0;
    for (size_t i = 0; i < 26 * 26; i++)
        if (!place_ok(ix->country[i], ix->n_places))
            return 0;
    for (size_t i = 0; i < ix->n_places; i++) {
        const loc_place *p = &ix->places[i];
        if (p->name >= ix->arena_len || p->code >= ix->arena_len || !place_ok(p->subdiv, ix->n_places) ||
            p->kind >= LOC_N_KINDS || memchr(p->cc, '\0', sizeof p->cc) == NULL)
            return 0;
    }
    for (size_t i = 0; i < ix->n_senses; i++) {
        const loc_sense *s = &ix->senses[i];
        if (s->place >= ix->n_places || !place_ok(s->next, ix->n_senses))
            return 0;
    }
    size_t used = 0;
    for (size_t i = 0; i < ix->n_slots; i++) {
        const loc_slot *s = &ix->slots[i];
        if (s->key == 0)
            continue;
        used++;
        if (s->key >= ix->arena_len || s->len >= ix->arena_len - s->key || !place_ok(s->first, ix->n_senses))
            return 0;
    }
    return used == ix->slots_used;
}

loc_index *loc_index_read(int fd, uint64_t fingerprint)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uint64_t)st.st_size < sizeof(file_header))
        return NULL;
    size_t len = (size_t)st.st_size;
    /* private and writable: the index is only read, and a stray write would
     * touch a copy, never the cache file */
    void *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED)
        return NULL;
    file_header h;
    memcpy(&h, map, sizeof h);
    size_t at = aligned(sizeof h), arena_at = 0, places_at = 0, senses_at = 0, slots_at = 0;
    int ok = memcmp(h.magic, MAGIC, sizeof h.magic) == 0 && h.fingerprint == fingerprint &&
             h.sizeof_place == sizeof(loc_place) && h.sizeof_sense == sizeof(loc_sense) &&
             h.sizeof_slot == sizeof(loc_slot) && h.byte_order == 0x01020304u && h.arena_len <= UINT32_MAX &&
             h.n_places <= UINT32_MAX && h.n_senses <= UINT32_MAX && h.n_slots <= (1u << 30);
    if (ok) {
        arena_at = at;
        places_at = arena_at + aligned(h.arena_len);
        senses_at = places_at + aligned(h.n_places * sizeof(loc_place));
        slots_at = senses_at + aligned(h.n_senses * sizeof(loc_sense));
        ok = slots_at + h.n_slots * sizeof(loc_slot) == len; /* neither short nor long */
    }
    loc_index *ix = ok ? calloc(1, sizeof *ix) : NULL;
    if (!ix) {
        munmap(map, len);
        return NULL;
    }
    ix->map = map;
    ix->map_len = len;
    ix->arena = (char *)map + arena_at;
    ix->places = (loc_place *)(void *)((char *)map + places_at);
    ix->senses = (loc_sense *)(void *)((char *)map + senses_at);
    ix->slots = (loc_slot *)(void *)((char *)map + slots_at);
    ix->arena_len = ix->arena_cap = h.arena_len;
    ix->n_places = ix->places_cap = h.n_places;
    ix->n_senses = ix->senses_cap = h.n_senses;
    ix->n_slots = h.n_slots;
    ix->slots_used = h.slots_used;
    memcpy(ix->country, h.country, sizeof h.country);
    if (!consistent(ix)) {
        loc_index_free(ix);
        return NULL;
    }
    return ix;
}
