/* test_abi_layout.c -- ABI 1.0 frozen: the size of every public struct and
 * the offset of every field, as released, on LP64 (x86_64, aarch64).
 * A change to include/quarry/plugin.h that moves or resizes anything a
 * built plugin relies on stops the build here. Appending fields within
 * ABI 1 is allowed only in place of reserved room or at a struct's end
 * (then update the size line and bump QRY_ABI_MINOR). */
#include <stddef.h>
#include <stdio.h>

#include "quarry/plugin.h"

#if defined(__LP64__)
#define QRY_LAYOUT_SIZE(type, n) _Static_assert(sizeof(type) == (n), "ABI 1.0: size of " #type " changed")
#define QRY_LAYOUT_FIELD(type, field, n) \
    _Static_assert(offsetof(type, field) == (n), "ABI 1.0: offset of " #type "." #field " changed")

QRY_LAYOUT_SIZE(qry_option_spec, 64);
QRY_LAYOUT_FIELD(qry_option_spec, name, 0);
QRY_LAYOUT_FIELD(qry_option_spec, type, 8);
QRY_LAYOUT_FIELD(qry_option_spec, default_value, 16);
QRY_LAYOUT_FIELD(qry_option_spec, help, 24);
QRY_LAYOUT_FIELD(qry_option_spec, reserved, 32);
QRY_LAYOUT_SIZE(qry_span, 8);
QRY_LAYOUT_FIELD(qry_span, start, 0);
QRY_LAYOUT_FIELD(qry_span, end, 4);
QRY_LAYOUT_SIZE(qry_token, 16);
QRY_LAYOUT_FIELD(qry_token, start, 0);
QRY_LAYOUT_FIELD(qry_token, end, 4);
QRY_LAYOUT_FIELD(qry_token, flags, 8);
QRY_LAYOUT_FIELD(qry_token, sentence, 12);
QRY_LAYOUT_SIZE(qry_doc_view, 152);
QRY_LAYOUT_FIELD(qry_doc_view, struct_size, 0);
QRY_LAYOUT_FIELD(qry_doc_view, reserved0, 4);
QRY_LAYOUT_FIELD(qry_doc_view, id, 8);
QRY_LAYOUT_FIELD(qry_doc_view, text, 16);
QRY_LAYOUT_FIELD(qry_doc_view, text_len, 24);
QRY_LAYOUT_FIELD(qry_doc_view, paragraphs, 32);
QRY_LAYOUT_FIELD(qry_doc_view, n_paragraphs, 40);
QRY_LAYOUT_FIELD(qry_doc_view, sentences, 48);
QRY_LAYOUT_FIELD(qry_doc_view, n_sentences, 56);
QRY_LAYOUT_FIELD(qry_doc_view, tokens, 64);
QRY_LAYOUT_FIELD(qry_doc_view, n_tokens, 72);
QRY_LAYOUT_FIELD(qry_doc_view, ordinal, 80);
QRY_LAYOUT_FIELD(qry_doc_view, reserved, 88);
QRY_LAYOUT_SIZE(qry_host, 240);
QRY_LAYOUT_FIELD(qry_host, struct_size, 0);
QRY_LAYOUT_FIELD(qry_host, abi_major, 4);
QRY_LAYOUT_FIELD(qry_host, abi_minor, 6);
QRY_LAYOUT_FIELD(qry_host, log, 8);
QRY_LAYOUT_FIELD(qry_host, option, 16);
QRY_LAYOUT_FIELD(qry_host, option_int, 24);
QRY_LAYOUT_FIELD(qry_host, option_double, 32);
QRY_LAYOUT_FIELD(qry_host, option_bool, 40);
QRY_LAYOUT_FIELD(qry_host, resolve_path, 48);
QRY_LAYOUT_FIELD(qry_host, set_error, 56);
QRY_LAYOUT_FIELD(qry_host, emit, 64);
QRY_LAYOUT_FIELD(qry_host, attr_string, 72);
QRY_LAYOUT_FIELD(qry_host, attr_int, 80);
QRY_LAYOUT_FIELD(qry_host, attr_double, 88);
QRY_LAYOUT_FIELD(qry_host, attr_bool, 96);
QRY_LAYOUT_FIELD(qry_host, plugin_name, 104);
QRY_LAYOUT_FIELD(qry_host, reserved, 112);
QRY_LAYOUT_SIZE(qry_plugin_descriptor, 144);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, abi_major, 0);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, abi_minor, 2);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, struct_size, 4);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, name, 8);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, version, 16);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, description, 24);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, entity_types, 32);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, options, 40);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, threading, 48);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, create, 56);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, process, 64);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, destroy, 72);
QRY_LAYOUT_FIELD(qry_plugin_descriptor, reserved, 80);

_Static_assert(QRY_ABI_MAJOR == 1, "this file freezes ABI 1");
_Static_assert(QRY_OK == 0 && QRY_ERR_NOMEM == -1 && QRY_ERR_INVALID == -2 && QRY_ERR_IO == -3 &&
                   QRY_ERR_CONFIG == -4 && QRY_ERR_UNSUPPORTED == -5 && QRY_ERR_LIMIT == -6 &&
                   QRY_ERR_INTERNAL == -7,
               "ABI 1.0: status codes are frozen");
_Static_assert(QRY_OPT_STRING == 1 && QRY_OPT_LIST == 6 && QRY_THREAD_SERIAL == 0 && QRY_THREAD_REENTRANT == 2,
               "ABI 1.0: option types and threading classes are frozen");
_Static_assert(QRY_TOK_WORD == 0x01 && QRY_TOK_NUMBER == 0x02 && QRY_TOK_PUNCT == 0x04 && QRY_TOK_CAP == 0x08 &&
                   QRY_TOK_UPPER == 0x10 && QRY_TOK_SPACE_BEFORE == 0x20 && QRY_TOK_NEWLINE_BEFORE == 0x40,
               "ABI 1.0: token flags are frozen");
#endif

int main(void)
{
    /* the checks above ran at compile time */
    puts("ABI 1.0 layout: 1 passed, 0 failed");
    return 0;
}
