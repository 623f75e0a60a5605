/* layout_1_0.c -- the ABI 1.0 layout, from the frozen header (built with
 * -I tests/abi/v1_0, so <quarry/plugin.h> is the 1.0 text). */
#include "abi_fields.h"
#include "quarry/plugin.h"

const abi_row abi_layout_1_0[] = {QRY_ABI_1_0_LAYOUT(ABI_ROW_FIELD, ABI_ROW_ROOM, ABI_ROW_STRUCT){0}};
