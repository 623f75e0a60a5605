/* index_file.c -- the built index as one file, so that a later start-up
 * reads 4 MiB instead of walking libgeonames and iso-codes again (those
 * two libraries alone take ~90 ms). The file is this machine's own cache:
 * native byte order, no portability promised. A file that is short,
 * foreign or inconsistent is refused, never trusted: every offset and
 * index is checked before the index is used. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "index_layout.h"

#define MAGIC "QRYLOCX1"

typedef struct file_header {
    char magic[8];
    uint64_t fingerprint;
    uint32_t sizeof_place, sizeof_sense, sizeof_slot, byte_order;
    uint64_t arena_len, n_places, n_senses, n_slots, slots_used;
    uint32_t country[26 * 26];
} file_header;

static int write_all(FILE *f, const void *p, size_t n) { return n == 0 || fwrite(p, 1, n, f) == n; }

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
    return write_all(f, &h, sizeof h) && write_all(f, ix->arena, ix->arena_len) &&
                   write_all(f, ix->places, ix->n_places * sizeof *ix->places) &&
                   write_all(f, ix->senses, ix->n_senses * sizeof *ix->senses) &&
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

static int read_array(FILE *f, void **dst, size_t n, size_t elem)
{
    *dst = malloc(n ? n * elem : 1);
    return *dst && (n == 0 || fread(*dst, elem, n, f) == n);
}

loc_index *loc_index_read(FILE *f, uint64_t fingerprint)
{
    file_header h;
    if (fread(&h, sizeof h, 1, f) != 1 || memcmp(h.magic, MAGIC, sizeof h.magic) != 0 ||
        h.fingerprint != fingerprint || h.sizeof_place != sizeof(loc_place) ||
        h.sizeof_sense != sizeof(loc_sense) || h.sizeof_slot != sizeof(loc_slot) || h.byte_order != 0x01020304u ||
        h.arena_len > UINT32_MAX || h.n_places > UINT32_MAX || h.n_senses > UINT32_MAX ||
        h.n_slots > (1u << 30))
        return NULL;
    loc_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->arena_len = ix->arena_cap = h.arena_len;
    ix->n_places = ix->places_cap = h.n_places;
    ix->n_senses = ix->senses_cap = h.n_senses;
    ix->n_slots = h.n_slots;
    ix->slots_used = h.slots_used;
    memcpy(ix->country, h.country, sizeof h.country);
    int ok = read_array(f, (void **)&ix->arena, h.arena_len, 1) &&
             read_array(f, (void **)&ix->places, h.n_places, sizeof *ix->places) &&
             read_array(f, (void **)&ix->senses, h.n_senses, sizeof *ix->senses) &&
             read_array(f, (void **)&ix->slots, h.n_slots, sizeof *ix->slots) && fgetc(f) == EOF &&
             consistent(ix);
    if (!ok) {
        loc_index_free(ix);
        return NULL;
    }
    return ix;
}
