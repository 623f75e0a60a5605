/* index_layout.h -- the index's flat arrays, shared by index.c (building
 * and lookup) and index_file.c (the start-up cache), and by nothing else. */
#ifndef QUARRY_LOC_INDEX_LAYOUT_H
#define QUARRY_LOC_INDEX_LAYOUT_H

#include "locations.h"

typedef struct loc_slot {
    uint32_t key;   /* arena offset; 0 = empty slot */
    uint32_t len;
    uint32_t hash;
    uint32_t first; /* first sense or LOC_NONE */
    uint32_t kflags;
} loc_slot;

struct loc_index {
    char *arena;
    size_t arena_len, arena_cap;
    loc_place *places;
    size_t n_places, places_cap;
    loc_sense *senses;
    size_t n_senses, senses_cap;
    loc_slot *slots;
    size_t n_slots, slots_used;
    uint32_t country[26 * 26]; /* alpha-2 -> place */
    void *map;                 /* read from the cache: the arrays point into this
                                  private mapping of the file (unmapped, not freed) */
    size_t map_len;
};

#endif
