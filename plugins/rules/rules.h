/* rules.h -- the rules plugin: entity types defined in data files, no C.
 *
 * Three kinds of rule, each read from tab-separated files named by the
 * plugin's options: phrase lists (phrases.c), token patterns (pattern_*.c)
 * and PCRE2 regular expressions (regexes.c). Every rule yields candidate
 * matches on token boundaries; select.c resolves overlaps and emits them.
 * docs/rules.md is the user's reference for the file formats.
 */
#ifndef QUARRY_RULES_H
#define QUARRY_RULES_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stddef.h>
#include <stdint.h>

#include <quarry/plugin.h>

/* ---- strings owned by the instance: one pool, freed at once ---- */
typedef struct rl_pool {
    struct rl_chunk *head;
    int oom;
} rl_pool;

char *rl_pool_dup(rl_pool *p, const char *s, size_t n); /* NUL-terminated copy, or NULL */
void *rl_pool_alloc(rl_pool *p, size_t n);                /* aligned for any type, or NULL */
void rl_pool_free(rl_pool *p);

/* ---- the fixed vocabulary (types.c): see docs/rules.md for why it is fixed ---- */
extern const char *const rl_entity_types[];
extern const char *const rl_consumed_types[];
extern const qry_attr_spec *const rl_attribute_specs[];
const char *rl_type_named(const char *name);       /* the static type string, or NULL */
const char *rl_attr_named(const char *name);       /* the static attribute key, or NULL */
int rl_consumable(const char *type);               /* a type listed in `consumes` */
void rl_list_types(char *buf, size_t bufsz);       /* "person, org, ..." for messages */
void rl_list_attrs(char *buf, size_t bufsz);

/* ---- folding (fold.c): what "same text" means for every rule kind ---- */
typedef struct rl_fold {
    const qry_text_service *text; /* NULL in a 1.0 core: ASCII-only folding */
    unsigned lower_flags;         /* case-insensitive comparisons */
    unsigned exact_flags;         /* case-sensitive comparisons */
    char ascii_lower[128], ascii_exact[128]; /* the same folds for one ASCII byte */
} rl_fold;

void rl_fold_init(rl_fold *f, const qry_text_service *text, int ignore_accents);
/* Fold s[0..len) (exact or lower) into a pool string, with every run of
 * white space made one ' ' and none at either end. NULL when out of memory. */
char *rl_fold_phrase(const rl_fold *f, int exact, const char *s, size_t len, rl_pool *pool);
/* Whether code point at s is a letter (for prefix boundaries). */
int rl_is_letter(const rl_fold *f, const char *s, size_t len, size_t *pos);

/* The document's tokens folded once per process() call. */
typedef struct rl_doc_forms {
    char *buf;
    size_t len, cap;
    size_t *lower_off; /* token k: buf[lower_off[2k] .. lower_off[2k+1]) */
    size_t *exact_off;
    size_t cap_tokens;
} rl_doc_forms;

int rl_forms_build(rl_doc_forms *df, const rl_fold *f, const qry_doc_view *doc, int want_exact);
void rl_forms_free(rl_doc_forms *df);
static inline const char *rl_form(const rl_doc_forms *df, int exact, size_t k, size_t *len)
{
    const size_t *off = exact ? df->exact_off : df->lower_off;
    *len = off[2 * k + 1] - off[2 * k];
    return df->buf + off[2 * k];
}

/* The end (exclusive) of the run of tokens in token `first`'s sentence:
 * matches never cross a sentence boundary. */
static inline size_t rl_sentence_end(const qry_doc_view *doc, size_t first)
{
    size_t end = first + 1;
    while (end < doc->n_tokens && doc->tokens[end].sentence == doc->tokens[first].sentence)
        end++;
    return end;
}

/* ---- rules ---- */
enum rl_kind { RL_PHRASE = 0, RL_PATTERN = 1, RL_REGEX = 2 };

typedef struct rl_attr {
    const char *key; /* static: one of the declared attribute names */
    const char *value;
} rl_attr;

typedef struct rl_rule {
    const char *type;  /* static: one of rl_entity_types */
    const char *where; /* "PATH:LINE" of the rule, for `trace` */
    rl_attr *attrs;    /* from the rule's key=value cells; pool-owned */
    uint32_t n_attrs;
    uint32_t kind;
} rl_rule;

/* One table row's type and key=value cells (attrs.c). Fills *r; reports a
 * bad cell with reject() and returns -1. `flags_ok` lets phrase lists take
 * the words case/anycase, returned in *case_mode (1 exact, 0 fold, -1 the
 * instance default). */
struct rl_loader;
int rl_parse_rule_cells(struct rl_loader *ld, qry_table *t, size_t row, size_t first_attr_col, int kind,
                        rl_rule *r, int flags_ok, int *case_mode);

/* ---- candidates: what every rule kind produces for select.c ---- */
typedef struct rl_capture {
    const char *key;      /* static attribute name */
    uint32_t start, end;  /* bytes of the document */
} rl_capture;

typedef struct rl_cand {
    uint32_t start, end;         /* bytes */
    uint32_t tok_start, tok_end; /* tokens, end exclusive */
    uint32_t rule;               /* index into rl_rules.rules: also the tie-break */
    uint32_t first_cap, n_caps;  /* into rl_cands.caps */
} rl_cand;

typedef struct rl_cands {
    rl_cand *items;
    size_t n, cap;
    rl_capture *caps;
    size_t n_caps, cap_caps;
} rl_cands;

int rl_cands_add(rl_cands *c, const qry_doc_view *doc, size_t tok_start, size_t tok_end, uint32_t rule);
int rl_cands_add_capture(rl_cands *c, const char *key, size_t start, size_t end);
void rl_cands_free(rl_cands *c);

/* ---- phrase lists (phrases.c) ---- */
typedef struct rl_phrases rl_phrases;
rl_phrases *rl_phrases_new(void);
void rl_phrases_free(rl_phrases *p);
size_t rl_phrases_count(const rl_phrases *p);
int rl_phrases_need_exact(const rl_phrases *p);
int rl_phrases_load(struct rl_loader *ld, rl_phrases *p, const char *file);
int rl_phrases_match(const rl_phrases *p, const qry_doc_view *doc, const rl_doc_forms *df, rl_cands *out);

/* ---- token patterns (pattern_parse.c, pattern_match.c) ---- */
typedef struct rl_patterns rl_patterns;
rl_patterns *rl_patterns_new(void);
void rl_patterns_free(rl_patterns *p);
size_t rl_patterns_count(const rl_patterns *p);
int rl_patterns_need_exact(const rl_patterns *p);
int rl_patterns_need_entities(const rl_patterns *p);
int rl_patterns_load(struct rl_loader *ld, rl_patterns *p, const char *file);

/* An earlier stage's entity snapped to tokens, for <type> elements. */
typedef struct rl_doc_entity {
    const qry_entity *e;
    uint32_t tok_start, tok_end;
} rl_doc_entity;

typedef struct rl_doc_entities {
    rl_doc_entity *items; /* sorted by tok_start */
    size_t n, cap;
    size_t *first_at; /* first item starting at token k; n_tokens + 1 of them */
    size_t cap_first;
} rl_doc_entities;

typedef struct rl_match_scratch rl_match_scratch;
rl_match_scratch *rl_scratch_new(void);
void rl_scratch_free(rl_match_scratch *s);
int rl_patterns_match(const rl_patterns *p, const qry_doc_view *doc, const rl_doc_forms *df,
                      const rl_doc_entities *ents, const qry_entities_service *es, rl_match_scratch *s,
                      rl_cands *out);

/* ---- regular expressions (regexes.c) ---- */
typedef struct rl_regexes rl_regexes;
rl_regexes *rl_regexes_new(void);
void rl_regexes_free(rl_regexes *r);
size_t rl_regexes_count(const rl_regexes *r);
int rl_regexes_load(struct rl_loader *ld, rl_regexes *r, const char *file);
/* QRY_OK, or QRY_ERR_LIMIT with *failed_rule set when a regex hit its
 * match limit (the others still ran). */
int rl_regexes_match(const rl_regexes *r, const qry_doc_view *doc, rl_cands *out, uint32_t *failed_rule);

/* ---- every rule of an instance, and how files are read ---- */
typedef struct rl_rules {
    rl_rule *rules;
    size_t n, cap;
} rl_rules;

/* What the loaders share during create(). */
typedef struct rl_loader {
    const qry_host *host;
    const qry_table_service *tables;
    rl_fold *fold;
    rl_pool *pool;
    rl_rules *rules;
    int case_sensitive; /* the instance default for phrases */
    size_t n_errors;
    char first_error[1024]; /* for set_error: the testkit and logs show one line */
    int oom;
} rl_loader;

/* A new rule slot (zeroed), or NULL when out of memory. Its index is
 * ld->rules->n - 1. */
rl_rule *rl_rule_new(rl_loader *ld);
/* Report row `row` of t as wrong, counted and remembered for set_error. */
void rl_reject(rl_loader *ld, qry_table *t, size_t row, const char *fmt, ...) QRY_PRINTF(4, 5);
/* "PATH:LINE" of a row, in the pool. */
const char *rl_where(rl_loader *ld, const qry_table *t, size_t row);

/* ---- overlap resolution and emission (select.c) ---- */
enum rl_overlap { RL_OVERLAP_LONGEST = 0, RL_OVERLAP_ALL = 1 };
int rl_select_and_emit(const qry_host *host, qry_sink *sink, const qry_doc_view *doc, const rl_rules *rules,
                       rl_cands *c, int overlap, int trace);

#endif
