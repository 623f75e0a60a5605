/* abi_fields.h -- every field of ABI 1.0, listed once, expanded against the
 * frozen 1.0 header (layout_1_0.c) and the live header (layout_live.c) so
 * that test_abi_layout compares the two as the same compiler lays them out.
 * FIELD: a 1.0 field that must keep its offset and size for all of ABI 1.
 * ROOM: a 1.0 reserved array whose end must stay put (1.x carves it).
 * STRUCT: a 1.0 struct whose size must stay put. */
#ifndef QUARRY_ABI_FIELDS_H
#define QUARRY_ABI_FIELDS_H

#include <stddef.h>

#define QRY_ABI_1_0_LAYOUT(FIELD, ROOM, STRUCT)                                                        \
    STRUCT(qry_option_spec) FIELD(qry_option_spec, name) FIELD(qry_option_spec, type)                 \
    FIELD(qry_option_spec, default_value) FIELD(qry_option_spec, help) ROOM(qry_option_spec, reserved)  \
    STRUCT(qry_span) FIELD(qry_span, start) FIELD(qry_span, end)                                       \
    STRUCT(qry_token) FIELD(qry_token, start) FIELD(qry_token, end) FIELD(qry_token, flags)            \
    FIELD(qry_token, sentence)                                                                         \
    STRUCT(qry_doc_view) FIELD(qry_doc_view, struct_size) FIELD(qry_doc_view, reserved0)               \
    FIELD(qry_doc_view, id) FIELD(qry_doc_view, text) FIELD(qry_doc_view, text_len)                    \
    FIELD(qry_doc_view, paragraphs) FIELD(qry_doc_view, n_paragraphs) FIELD(qry_doc_view, sentences)   \
    FIELD(qry_doc_view, n_sentences) FIELD(qry_doc_view, tokens) FIELD(qry_doc_view, n_tokens)         \
    FIELD(qry_doc_view, ordinal) ROOM(qry_doc_view, reserved)                                          \
    STRUCT(qry_host) FIELD(qry_host, struct_size) FIELD(qry_host, abi_major) FIELD(qry_host, abi_minor) \
    FIELD(qry_host, log) FIELD(qry_host, option) FIELD(qry_host, option_int)                           \
    FIELD(qry_host, option_double) FIELD(qry_host, option_bool) FIELD(qry_host, resolve_path)          \
    FIELD(qry_host, set_error) FIELD(qry_host, emit) FIELD(qry_host, attr_string)                      \
    FIELD(qry_host, attr_int) FIELD(qry_host, attr_double) FIELD(qry_host, attr_bool)                  \
    FIELD(qry_host, plugin_name) ROOM(qry_host, reserved)                                              \
    STRUCT(qry_plugin_descriptor) FIELD(qry_plugin_descriptor, abi_major)                              \
    FIELD(qry_plugin_descriptor, abi_minor) FIELD(qry_plugin_descriptor, struct_size)                  \
    FIELD(qry_plugin_descriptor, name) FIELD(qry_plugin_descriptor, version)                           \
    FIELD(qry_plugin_descriptor, description) FIELD(qry_plugin_descriptor, entity_types)               \
    FIELD(qry_plugin_descriptor, options) FIELD(qry_plugin_descriptor, threading)                      \
    FIELD(qry_plugin_descriptor, create) FIELD(qry_plugin_descriptor, process)                         \
    FIELD(qry_plugin_descriptor, destroy) ROOM(qry_plugin_descriptor, reserved)

/* One row of a layout: for a STRUCT, field is "" and offset 0. */
typedef struct abi_row {
    const char *type, *field;
    size_t offset, size;
    int room; /* 1 for a reserved array: only its end is frozen */
} abi_row;

#define ABI_ROW_FIELD(t, f) {#t, #f, offsetof(t, f), sizeof(((t *)0)->f), 0},
#define ABI_ROW_ROOM(t, f) {#t, #f, offsetof(t, f), sizeof(((t *)0)->f), 1},
#define ABI_ROW_STRUCT(t) {#t, "", 0, sizeof(t), 0},

extern const abi_row abi_layout_1_0[];
extern const abi_row abi_layout_live[];
extern const size_t abi_layout_rows;

/* Where the live header's carved fields sit, for the test to check that
 * each lies inside the 1.0 reserved room it came from. */
typedef struct abi_carved {
    const char *type, *field, *room;
    size_t offset, size;
} abi_carved;
extern const abi_carved abi_carved_live[];

#endif
