/* test_abi_layout.c -- the live plugin.h keeps ABI 1.0's promise: every
 * 1.0 field at its 1.0 offset and size, every 1.0 struct at its 1.0 size,
 * reserved room ending where it ended, and every field a later minor added
 * carved from inside that room. Compared at run time against the frozen
 * header compiled by the same compiler, so it holds on any platform. */
#include <stdio.h>
#include <string.h>

#include "abi_fields.h"

int main(void)
{
    int bad = 0;
    for (size_t k = 0; k < abi_layout_rows; k++) {
        const abi_row *old = &abi_layout_1_0[k], *now = &abi_layout_live[k];
        if (old->room) {
            if (now->offset + now->size != old->offset + old->size) {
                printf("FAIL %s.%s: reserved room ends at %zu, ABI 1.0 at %zu\n", old->type, old->field,
                       now->offset + now->size, old->offset + old->size);
                bad++;
            }
        } else if (now->offset != old->offset || now->size != old->size) {
            printf("FAIL %s%s%s: offset %zu size %zu, ABI 1.0 has offset %zu size %zu\n", old->type,
                   old->field[0] ? "." : "", old->field, now->offset, now->size, old->offset, old->size);
            bad++;
        }
    }
    for (const abi_carved *c = abi_carved_live; c->type; c++) {
        const abi_row *room = NULL;
        for (size_t k = 0; k < abi_layout_rows; k++)
            if (abi_layout_1_0[k].room && strcmp(abi_layout_1_0[k].type, c->type) == 0 &&
                strcmp(abi_layout_1_0[k].field, c->room) == 0)
                room = &abi_layout_1_0[k];
        if (!room || c->offset < room->offset || c->offset + c->size > room->offset + room->size) {
            printf("FAIL %s.%s (offset %zu) is not inside ABI 1.0's %s.%s\n", c->type, c->field, c->offset, c->type,
                   c->room);
            bad++;
        }
    }
    printf("%zu ABI 1.0 rows compared, %d failure%s\n", abi_layout_rows, bad, bad == 1 ? "" : "s");
    return bad ? 1 : 0;
}
