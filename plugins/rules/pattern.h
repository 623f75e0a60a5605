/* pattern.h -- token patterns (spaCy Matcher style), shared by the parser
 * (pattern_parse.c) and the matcher (pattern_match.c). */
#ifndef QUARRY_RULES_PATTERN_H
#define QUARRY_RULES_PATTERN_H

#include "rules.h"

#define PT_UNBOUNDED UINT32_MAX
#define PT_MAX_REPEAT 32u /* {n,m} bounds; also keeps the matcher's table small */

enum pt_elem_kind { PT_LITERAL, PT_TEST, PT_ENTITY };
enum pt_cond_kind { PT_FLAGS, PT_TEXT, PT_LOWER, PT_SHAPE };

typedef struct pt_cond {
    int kind;
    int negate;
    uint32_t flags_all;   /* PT_FLAGS: token flags that must all be set */
    uint32_t flags_none;  /* PT_FLAGS: token flags that must all be clear */
    const char **values;  /* PT_TEXT/LOWER (folded) and PT_SHAPE: any of them */
    uint32_t n_values;
} pt_cond;

typedef struct pt_elem {
    int kind;
    uint32_t min, max;
    const char *capture; /* an attribute set to the text this element matched, or NULL */
    /* PT_LITERAL: one or more adjacent tokens reading lit (spaces: white space) */
    const char *lit;
    int exact;
    /* PT_TEST: one token passing every condition */
    pt_cond *conds;
    uint32_t n_conds;
    /* PT_ENTITY: an earlier stage's entity of this type (and attribute value) */
    const char *etype;
    const char *akey;
    const char **avalues;
    uint32_t n_avalues;
} pt_elem;

typedef struct pt_rule {
    pt_elem *elems;
    uint32_t n_elems;
    uint32_t rule;
    uint32_t n_states; /* rows of the matcher's table: sum over elements of repeat states */
} pt_rule;

struct rl_patterns {
    pt_rule *items;
    size_t n, cap;
    int need_exact, need_entities;
    const rl_fold *fold;
};

/* Repetition counts the matcher must tell apart for e: past min they
 * matter only up to a finite max. */
static inline uint32_t pt_rep_states(const pt_elem *e) { return (e->max == PT_UNBOUNDED ? e->min : e->max) + 1; }

#endif
