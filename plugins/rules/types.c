/* types.c -- the fixed vocabulary a rules instance may emit and read.
 *
 * A descriptor is static and shared by every instance of the plugin, but a
 * rules instance learns its types from files at create() time. So the
 * plugin declares a fixed, documented set of general entity types, each
 * carrying the same fixed set of string attributes; rule files may use
 * only those, and a rule that names anything else is a FILE:LINE error at
 * load time rather than a silent refusal by the core at run time. The
 * trade-off is explained in docs/rules.md.
 */
#include <stdio.h>
#include <string.h>

#include "rules.h"

const char *const rl_entity_types[] = {"person", "org",     "group", "unit",     "rank", "title",
                                       "facility", "product", "event", "date", "quantity", "misc",
                                       NULL};

/* What <type> elements of token patterns may read: the shipped
 * extractors' types, and our own (a second rules instance building on a
 * first one). Only these reach the plugin through quarry.entities/1. */
const char *const rl_consumed_types[] = {"quote",    "money", "weapon",  "location", "person", "org",
                                         "group",    "unit",  "rank",    "title",    "facility", "product",
                                         "event",    "date",  "quantity", "misc",    NULL};

#define RL_ATTR(t, a, help) static const qry_attr_spec attr_##t##_##a = QRY_ATTR_SPEC(#t, #a, QRY_ATTR_STRING, help);
#define RL_ATTRS(t)                                                                             \
    RL_ATTR(t, label, "a finer class, as the rule file says (e.g. defence_company)")            \
    RL_ATTR(t, name, "a canonical name for the mention")                                        \
    RL_ATTR(t, id, "an identifier in some other catalogue")                                     \
    RL_ATTR(t, category, "a category, as the rule file says")                                   \
    RL_ATTR(t, country, "a country, as the rule file says (ISO 3166 code advised)")             \
    RL_ATTR(t, code, "a code, e.g. a NATO rank code or a ticker")                               \
    RL_ATTR(t, branch, "a service branch or division")                                          \
    RL_ATTR(t, value, "a value, as written or as the rule file says")                           \
    RL_ATTR(t, year, "a year")                                                                  \
    RL_ATTR(t, month, "a month")                                                                \
    RL_ATTR(t, day, "a day of the month")                                                       \
    RL_ATTR(t, rule, "FILE:LINE of the rule that matched (option trace)")

RL_ATTRS(person)
RL_ATTRS(org)
RL_ATTRS(group)
RL_ATTRS(unit)
RL_ATTRS(rank)
RL_ATTRS(title)
RL_ATTRS(facility)
RL_ATTRS(product)
RL_ATTRS(event)
RL_ATTRS(date)
RL_ATTRS(quantity)
RL_ATTRS(misc)

#define RL_PTRS(t)                                                                               \
    &attr_##t##_label, &attr_##t##_name, &attr_##t##_id, &attr_##t##_category, &attr_##t##_country, \
        &attr_##t##_code, &attr_##t##_branch, &attr_##t##_value, &attr_##t##_year, &attr_##t##_month, \
        &attr_##t##_day, &attr_##t##_rule,

const qry_attr_spec *const rl_attribute_specs[] = {
    RL_PTRS(person) RL_PTRS(org) RL_PTRS(group) RL_PTRS(unit) RL_PTRS(rank) RL_PTRS(title) RL_PTRS(facility)
        RL_PTRS(product) RL_PTRS(event) RL_PTRS(date) RL_PTRS(quantity) RL_PTRS(misc) NULL};

const char *rl_type_named(const char *name)
{
    for (size_t k = 0; rl_entity_types[k]; k++)
        if (strcmp(rl_entity_types[k], name) == 0)
            return rl_entity_types[k];
    return NULL;
}

/* Every type carries the same attributes, so the first type's list says it. */
const char *rl_attr_named(const char *name)
{
    for (size_t k = 0; rl_attribute_specs[k]; k++) {
        if (strcmp(rl_attribute_specs[k]->entity_type, rl_entity_types[0]) != 0)
            break;
        if (strcmp(rl_attribute_specs[k]->name, name) == 0)
            return rl_attribute_specs[k]->name;
    }
    return NULL;
}

int rl_consumable(const char *type)
{
    for (size_t k = 0; rl_consumed_types[k]; k++)
        if (strcmp(rl_consumed_types[k], type) == 0)
            return 1;
    return 0;
}

static void join(char *buf, size_t bufsz, const char *const *names)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t k = 0; names[k] && used < bufsz; k++) {
        int w = snprintf(buf + used, bufsz - used, "%s%s", k ? ", " : "", names[k]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
}

void rl_list_types(char *buf, size_t bufsz) { join(buf, bufsz, rl_entity_types); }

void rl_list_attrs(char *buf, size_t bufsz)
{
    const char *names[32];
    size_t n = 0;
    for (size_t k = 0; rl_attribute_specs[k] && n < 31; k++) {
        if (strcmp(rl_attribute_specs[k]->entity_type, rl_entity_types[0]) != 0)
            break;
        if (strcmp(rl_attribute_specs[k]->name, "rule") != 0) /* set by the plugin, not by rules */
            names[n++] = rl_attribute_specs[k]->name;
    }
    names[n] = NULL;
    join(buf, bufsz, names);
}
