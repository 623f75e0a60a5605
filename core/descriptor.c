/* descriptor.c -- see descriptor.h. The rules, in the order a reader of
 * docs/abi.md meets them: major, size, minor and the fields it may use,
 * reserved room, then the content (names, callbacks, types, options,
 * attributes, consumed types). */
#include "descriptor.h"

#include <stdio.h>
#include <string.h>

int qdesc_valid_name(const char *s)
{
    if (!s || !*s || strlen(s) > 64)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '_'))
            return 0;
    return 1;
}

static int all_null(void *const *p, size_t n)
{
    for (size_t k = 0; k < n; k++)
        if (p[k])
            return 0;
    return 1;
}

static int all_zero_bytes(const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t k = 0; k < n; k++)
        if (b[k])
            return 0;
    return 1;
}

/* Fields a plugin of minor m may set. 1.0 had none of the 1.1 fields. */
static int uses_1_1_fields(const qry_plugin_descriptor *d) { return d->consumes || d->attributes; }

static int check_version(const char *path, const qry_plugin_descriptor *d, char *err, size_t errsz)
{
    if (d->abi_major != QRY_ABI_MAJOR) {
        snprintf(err, errsz, "%s: plugin ABI %u.%u, ours %d.%d: rebuild the plugin against quarry %d.x headers",
                 path, d->abi_major, d->abi_minor, QRY_ABI_MAJOR, QRY_ABI_MINOR, QRY_ABI_MAJOR);
        return -1;
    }
    if (d->struct_size < QDESC_SIZE_1_0) {
        snprintf(err, errsz, "%s: descriptor struct_size %u is smaller than ABI 1.0's %zu: not a valid plugin",
                 path, d->struct_size, (size_t)QDESC_SIZE_1_0);
        return -1;
    }
    /* A newer minor loads when it leaves everything we do not know at
     * zero: its new features are then simply not in use. */
    int unknown_set = !all_null(d->reserved, sizeof d->reserved / sizeof d->reserved[0]) ||
                      (d->struct_size > sizeof *d &&
                       !all_zero_bytes((const char *)d + sizeof *d, d->struct_size - sizeof *d));
    if (unknown_set && d->abi_minor > QRY_ABI_MINOR) {
        snprintf(err, errsz,
                 "%s: plugin ABI %u.%u uses descriptor fields this quarry (ABI %d.%d) does not know: "
                 "upgrade quarry to %u.%u or later",
                 path, d->abi_major, d->abi_minor, QRY_ABI_MAJOR, QRY_ABI_MINOR, d->abi_major, d->abi_minor);
        return -1;
    }
    if (unknown_set || (d->abi_minor == 0 && uses_1_1_fields(d))) {
        snprintf(err, errsz, "%s: plugin ABI %u.%u: a reserved descriptor field is not zero (ABI %u.%u says it must be)",
                 path, d->abi_major, d->abi_minor, d->abi_major, d->abi_minor);
        return -1;
    }
    return 0;
}

int qdesc_emits(const qry_plugin_descriptor *d, const char *type)
{
    for (size_t k = 0; type && d->entity_types && d->entity_types[k]; k++)
        if (strcmp(d->entity_types[k], type) == 0)
            return 1;
    return 0;
}

static int check_options(const char *path, const qry_plugin_descriptor *d, char *err, size_t errsz)
{
    for (size_t k = 0; d->options && d->options[k]; k++) {
        const qry_option_spec *o = d->options[k];
        if (o->name && strcmp(o->name, "plugin") == 0) {
            snprintf(err, errsz, "%s: plugin %s declares an option named 'plugin', which pipelines reserve "
                     "(it names the plugin an instance runs)", path, d->name);
            return -1;
        }
        if (!qdesc_valid_name(o->name) || o->type < QRY_OPT_STRING || o->type > QRY_OPT_LIST) {
            snprintf(err, errsz, "%s: plugin %s declares a bad option (#%zu '%s')", path, d->name, k + 1,
                     o->name ? o->name : "(null)");
            return -1;
        }
        if (!all_null(o->reserved, sizeof o->reserved / sizeof o->reserved[0])) {
            snprintf(err, errsz, "%s: plugin %s: option '%s' has a reserved field that is not zero", path, d->name,
                     o->name);
            return -1;
        }
    }
    return 0;
}

static int check_attributes(const char *path, const qry_plugin_descriptor *d, char *err, size_t errsz)
{
    for (size_t k = 0; d->attributes && d->attributes[k]; k++) {
        const qry_attr_spec *a = d->attributes[k];
        const char *what = NULL;
        if (a->struct_size < sizeof *a)
            what = "struct_size is smaller than ABI 1.1's";
        else if (!qdesc_valid_name(a->name))
            what = "the name is not [a-z0-9_]+";
        else if (!qdesc_emits(d, a->entity_type))
            what = "its entity type is not one the plugin emits";
        else if (a->type < QRY_ATTR_STRING || a->type > QRY_ATTR_BOOL)
            what = "unknown type";
        else if (!all_null(a->reserved, sizeof a->reserved / sizeof a->reserved[0]) ||
                 (a->struct_size > sizeof *a && !all_zero_bytes((const char *)a + sizeof *a, a->struct_size - sizeof *a)))
            what = "a reserved field is not zero";
        else
            for (size_t j = 0; j < k; j++)
                if (strcmp(d->attributes[j]->name, a->name) == 0 &&
                    strcmp(d->attributes[j]->entity_type, a->entity_type) == 0)
                    what = "declared twice";
        if (what) {
            snprintf(err, errsz, "%s: plugin %s declares a bad attribute (#%zu '%s.%s'): %s", path, d->name, k + 1,
                     a->entity_type ? a->entity_type : "(null)", a->name ? a->name : "(null)", what);
            return -1;
        }
    }
    return 0;
}

int qdesc_check(const char *path, const qry_plugin_descriptor *d, char *err, size_t errsz)
{
    if (check_version(path, d, err, errsz) != 0)
        return -1;
    if (!qdesc_valid_name(d->name)) {
        snprintf(err, errsz, "%s: descriptor name '%s' is not [a-z0-9_]+", path, d->name ? d->name : "(null)");
        return -1;
    }
    if (!d->create || !d->process || !d->destroy) {
        snprintf(err, errsz, "%s: plugin %s lacks a create, process or destroy callback", path, d->name);
        return -1;
    }
    if (!d->entity_types || !d->entity_types[0]) {
        snprintf(err, errsz, "%s: plugin %s declares no entity types", path, d->name);
        return -1;
    }
    for (size_t k = 0; d->entity_types[k]; k++)
        if (!qdesc_valid_name(d->entity_types[k])) {
            snprintf(err, errsz, "%s: plugin %s declares a bad entity type '%s'", path, d->name,
                     d->entity_types[k]);
            return -1;
        }
    if (d->threading < QRY_THREAD_SERIAL || d->threading > QRY_THREAD_REENTRANT) {
        snprintf(err, errsz, "%s: plugin %s declares unknown threading class %d", path, d->name, d->threading);
        return -1;
    }
    for (size_t k = 0; d->consumes && d->consumes[k]; k++)
        if (!qdesc_valid_name(d->consumes[k])) {
            snprintf(err, errsz, "%s: plugin %s consumes a bad entity type '%s'", path, d->name, d->consumes[k]);
            return -1;
        }
    if (check_options(path, d, err, errsz) != 0)
        return -1;
    return check_attributes(path, d, err, errsz);
}

int qdesc_declares_attrs(const qry_plugin_descriptor *d) { return d->abi_minor >= 1 && d->attributes; }

const qry_attr_spec *qdesc_attr(const qry_plugin_descriptor *d, const char *type, const char *name)
{
    if (!qdesc_declares_attrs(d))
        return NULL;
    for (size_t k = 0; d->attributes[k]; k++) { /* asked at every attribute set: the first byte spares most calls */
        const qry_attr_spec *a = d->attributes[k];
        if (a->name[0] == name[0] && strcmp(a->name, name) == 0 && strcmp(a->entity_type, type) == 0)
            return a;
    }
    return NULL;
}

const char *const *qdesc_consumes(const qry_plugin_descriptor *d) { return d->abi_minor >= 1 ? d->consumes : NULL; }
