/* descriptor.h -- what the core checks in a plugin's descriptor before any
 * plugin code but the entry function runs: the ABI compatibility promise
 * of docs/abi.md, made executable. Internal to the core. */
#ifndef QUARRY_DESCRIPTOR_H
#define QUARRY_DESCRIPTOR_H

#include <stddef.h>

#include "quarry/plugin.h"

/* The descriptor size every ABI 1.x plugin has at least: ABI 1.0's, frozen
 * (1.1 carved its new fields out of reserved room, so it is also ours). */
#define QDESC_SIZE_1_0 sizeof(qry_plugin_descriptor)

/* Check d (found in the file `path`). Returns 0, or -1 with a one-line
 * message naming the file, and both ABI versions where they matter. */
int qdesc_check(const char *path, const qry_plugin_descriptor *d, char *err, size_t errsz);

/* Whether s is a name the ABI accepts for plugins, types, options and
 * attributes: [a-z0-9_]+, at most 64 bytes. */
int qdesc_valid_name(const char *s);

/* Whether the descriptor declares entity type `type`. */
int qdesc_emits(const qry_plugin_descriptor *d, const char *type);

/* The declared attribute `name` of entity type `type`, or NULL; also NULL
 * when the plugin declares no attributes at all (see qdesc_declares_attrs). */
const qry_attr_spec *qdesc_attr(const qry_plugin_descriptor *d, const char *type, const char *name);
int qdesc_declares_attrs(const qry_plugin_descriptor *d);

/* The descriptor's 1.1 fields, NULL for a 1.0 plugin (where they were
 * reserved room). */
const char *const *qdesc_consumes(const qry_plugin_descriptor *d);

#endif
