/* relate.h -- what the relation finder's files share (cores.c, status.c,
 * parties.c, words.c, relate.c); see relate.c for how a mention is read. */
#ifndef QUARRY_TRANSFERS_RELATE_H
#define QUARRY_TRANSFERS_RELATE_H

#include <string.h>

#include "transfers.h"

#define MAX_CHAIN 8
#define MAX_MODIFIER_REACH 20 /* tokens past the core where a modifier may stand */
#define RIGHT_REACH 12        /* tokens after the mention where a participle may stand */
#define PARTY_REACH 20        /* tokens after the mention where "to X" may stand */
#define AGENT_REACH 30        /* tokens after the mention where "by X", "from X" may stand */

/* The auxiliaries and adverbs right before a word. */
typedef struct tr_aux {
    int future, maybe, negated, perfect, passive, being;
    int pronoun;  /* a pronoun subject right before ("it would provide") */
    size_t first; /* the first token of the auxiliaries: the core with them starts here */
} tr_aux;

/* What reading around one mention found. */
typedef struct tr_found {
    int core;        /* cue index, or -1 */
    int core_left;   /* the core stands before the mention */
    int decided_by;  /* cue index of the modifier that set the status, or -1 */
    int request;     /* cue index of the request (modifier or core), or -1 */
    int status;
    int blocked;
    int inherit;     /* mention index, or -1 */
    int benefactive; /* token of "for" in "... for Ukraine", or -1 */
    int compound;    /* actor index in "US-supplied", or -1 */
    int chain[MAX_CHAIN];
    int n_chain;
} tr_found;

typedef struct tr_ctx {
    const tr_docview *v;
    const tr_gazetteer *gz;
    const tr_settings *s;
    tr_relation *rel; /* the mentions before the current one are related already */
} tr_ctx;

typedef struct tr_parties {
    int donors[TR_MAX_DONORS];
    int n_donors;
    int donor_source;
    int recipient;
    int recipient_source;
    char recipient_code[TR_CODE_MAX];
} tr_parties;

static inline const tr_cue *cue(const tr_docview *v, int i) { return &v->cues[i]; }
static inline size_t sentence(const tr_docview *v, size_t k) { return v->doc->tokens[k].sentence; }
static inline int is_word(const tr_docview *v, size_t k) { return (v->doc->tokens[k].flags & QRY_TOK_WORD) != 0; }
static inline int is_capitalised(const tr_docview *v, size_t k)
{
    return (v->doc->tokens[k].flags & (QRY_TOK_CAP | QRY_TOK_UPPER)) != 0;
}
static inline int is_helper(int cl)
{
    return cl == TR_FUTURE || cl == TR_MAYBE || cl == TR_NEGATION || cl == TR_PERFECT || cl == TR_PASSIVE;
}
static inline int donor_kind(int kind) { return kind != TR_ACT_PLACE; }
static inline int same_code(const char *a, const char *b) { return a[0] && strcmp(a, b) == 0; }

/* words.c */
void tr_sentence_tokens(const tr_docview *v, size_t k, size_t *t0, size_t *t1);
int tr_is_pronoun(const tr_docview *v, size_t k);
size_t tr_first_actor_from_sentence(const tr_docview *v, size_t s);
size_t tr_paragraph_start(const qry_doc_view *doc, size_t at);
tr_aux tr_aux_before(const tr_docview *v, size_t at);
size_t tr_content_words(const tr_docview *v, size_t from, size_t to);
int tr_is_compound_tail(const tr_docview *v, const tr_cue *c);

/* status.c */
int tr_core_status(const tr_cue *c, tr_aux a);
int tr_takes_modifiers(const tr_docview *v, const tr_cue *core);
void tr_apply_chain(const tr_docview *v, tr_found *f);

/* cores.c */
int tr_blocked_right(const tr_docview *v, const tr_mention *m);
int tr_compound_donor(const tr_docview *v, const tr_mention *m, int *cue_index);
void tr_scan_left(const tr_ctx *c, size_t m, tr_found *f);
void tr_scan_right(const tr_ctx *c, size_t m, tr_found *f);
int tr_benefactive(const tr_ctx *c, size_t m, int *aid_seen);
int tr_word_near(const tr_docview *v, const tr_mention *mn, int cls);
int tr_sum_is_aid(const tr_docview *v, const tr_mention *mn, int recipient_source, int has_donor);
int tr_moved_into_place(const tr_docview *v, const tr_mention *mn);
int tr_weapon_subject(const tr_docview *v, const tr_cue *core);
int tr_core_opens_clause(const tr_docview *v, const tr_cue *core, const tr_mention *mn);

/* parties.c */
void tr_find_parties(const tr_ctx *c, size_t m, const tr_found *f, tr_parties *p);
int tr_pick_donor(const tr_ctx *c, const tr_parties *p);

#endif /* QUARRY_TRANSFERS_RELATE_H */
