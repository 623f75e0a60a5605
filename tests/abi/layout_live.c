/* layout_live.c -- the same rows from the live include/quarry/plugin.h,
 * and the fields later minors carved out of reserved room. */
#include "abi_fields.h"
#include "quarry/plugin.h"

const abi_row abi_layout_live[] = {QRY_ABI_1_0_LAYOUT(ABI_ROW_FIELD, ABI_ROW_ROOM, ABI_ROW_STRUCT){0}};
const size_t abi_layout_rows = sizeof abi_layout_live / sizeof abi_layout_live[0] - 1;

#define CARVED(t, f, room) {#t, #f, #room, offsetof(t, f), sizeof(((t *)0)->f)},
const abi_carved abi_carved_live[] = {
    /* ABI 1.1 */
    CARVED(qry_host, get_service, reserved)
    CARVED(qry_plugin_descriptor, consumes, reserved)
    CARVED(qry_plugin_descriptor, attributes, reserved)
    {0}};
