/* transfers.h -- the transfers plugin's internal interfaces.
 *
 * The plugin relates what earlier stages found: for each weapon or money
 * mention it looks for the word that says the mention moves (a "core":
 * send, pledge, approve, ask for, refuse, consider), reads the status off
 * that word, its tense and the words around it, and finds donor and
 * recipient among the actors of the sentence, the paragraph and the article.
 *
 * Files: phrases.c (folded token phrases and their matcher), lexicon.c
 * (triggers.tsv, blockers.tsv), actors.c (actors.tsv, countries.tsv),
 * docview.c (one document's tokens, cues, actors and mentions), relate.c
 * (one mention from start to end) with cores.c (does it move), status.c
 * (how far), parties.c (from whom, to whom) and words.c (reading tokens),
 * emit.c (the transfer entity), transfers.c (descriptor, options, create,
 * process, destroy).
 */
#ifndef QUARRY_TRANSFERS_H
#define QUARRY_TRANSFERS_H

#include <stddef.h>
#include <stdint.h>

#include <quarry/plugin.h>

/* ---- word classes (triggers.tsv, blockers.tsv) ---- */
typedef enum tr_class {
    TR_NONE = 0,
    /* cores: a mention's nearest one decides whether and how it moves */
    TR_TRANSFER,
    TR_PLEDGE,
    TR_APPROVE,
    TR_ARRIVE,
    TR_RECEIVE,
    TR_REQUEST,
    TR_REFUSE,
    TR_CONSIDER,
    /* helpers: tense, modality, lists, aid */
    TR_FUTURE,
    TR_MAYBE,
    TR_NEGATION,
    TR_PERFECT,
    TR_PASSIVE,
    TR_LIST,
    TR_AID,  /* aid, assistance, loans: a sum may be aid */
    TR_ARMS, /* weapons, ammunition, military: a sum buys arms */
    /* blockers: not a transfer (TR_TOPIC: "asked about", talk about it) */
    TR_COMBAT,
    TR_OWN,
    TR_BUY,
    TR_PRODUCE,
    TR_COST,
    TR_TOPIC,
    TR_N_CLASSES
} tr_class;

typedef enum tr_form { TR_FORM_NONE = 0, TR_FORM_BASE, TR_FORM_PAST, TR_FORM_ING, TR_FORM_NOUN } tr_form;

#define TR_SIDE_LEFT 0x1u
#define TR_SIDE_RIGHT 0x2u

int tr_class_is_core(int c);
int tr_class_is_blocker(int c);
/* "transfer" -> TR_TRANSFER; TR_NONE when unknown. */
int tr_class_by_name(const char *name);

/* ---- statuses ---- */
typedef enum tr_status {
    TR_ST_NONE = 0,
    TR_ST_PLEDGED,
    TR_ST_APPROVED,
    TR_ST_DELIVERED,
    TR_ST_REQUESTED,
    TR_ST_REFUSED,
    TR_ST_CONSIDERED
} tr_status;
const char *tr_status_name(int status);

/* ---- folding: the key a token or a table word is compared by ---- */
/* s[0..len) folded (case, accents, punctuation forms) into out; returns the
 * full length like snprintf. Without the text service, ASCII lower case. */
size_t tr_fold(const qry_text_service *text, const char *s, size_t len, char *out, size_t outsz);

/* ---- phrases: sequences of folded tokens with a payload ---- */
typedef struct tr_phrases tr_phrases;

/* One document's tokens as the matcher reads them. */
typedef struct tr_tokens {
    const qry_doc_view *doc;
    const char *const *keys; /* folded token text, NULL where not folded */
} tr_tokens;

tr_phrases *tr_phrases_new(void);
void tr_phrases_free(tr_phrases *p);
/* Add `phrase` (split into tokens like the segmenter splits text) with
 * `payload`. When keep_case, a word written with a capital needs a
 * capitalised token. Returns 0, -1 out of memory, -2 no word, -3 already
 * there (then *earlier gets the payload it has). */
int tr_phrases_add(tr_phrases *p, const qry_text_service *text, const char *phrase, int keep_case,
                   int32_t payload, int32_t *earlier);
/* The longest phrase starting at token k: its token count (0: none), and
 * its payload in *payload. */
size_t tr_phrases_match(const tr_phrases *p, const tr_tokens *t, size_t k, int32_t *payload);

/* ---- the lexicon: triggers.tsv and blockers.tsv ---- */
typedef struct tr_cue_entry {
    int32_t cls;      /* tr_class */
    int32_t form;     /* tr_form */
    int32_t modifier; /* class when not the nearest core; TR_NONE: same as cls */
    uint32_t side;    /* blockers: TR_SIDE_* */
} tr_cue_entry;

typedef struct tr_lexicon {
    tr_phrases *phrases; /* payload: index into entries */
    tr_cue_entry *entries;
    size_t n_entries;
} tr_lexicon;

/* Load both tables through the table service; 0, or a QRY_ERR_* after
 * reporting (the caller frees what was loaded with tr_lexicon_free). */
int tr_lexicon_load(tr_lexicon *lx, const qry_host *host, const qry_table_service *tables,
                    const qry_text_service *text, const char *triggers, const char *blockers);
void tr_lexicon_free(tr_lexicon *lx);

/* ---- actors ---- */
typedef enum tr_actor_kind {
    TR_ACT_COUNTRY = 1, /* a country the locations stage found */
    TR_ACT_CAPITAL,     /* its capital ("Berlin will send") */
    TR_ACT_METONYM,     /* "the Pentagon", "Downing Street" */
    TR_ACT_ORG,         /* NATO, EU */
    TR_ACT_LEADER,      /* "Scholz", "Stoltenberg" */
    TR_ACT_GROUP,       /* demonym + head: "German government", "Ukrainian troops" */
    TR_ACT_PEOPLE,      /* plural demonym: "the Ukrainians" */
    TR_ACT_PLACE        /* another place: names a recipient's country, never a donor */
} tr_actor_kind;

/* Payloads of the actor phrase set. */
typedef enum tr_word_kind { TR_W_ACTOR = 1, TR_W_DEMONYM, TR_W_PLURAL, TR_W_HEAD, TR_W_BACKERS } tr_word_kind;

#define TR_CODE_MAX 16

typedef struct tr_actor_entry {
    int32_t word;              /* tr_word_kind */
    int32_t kind;              /* tr_actor_kind for TR_W_ACTOR */
    char code[TR_CODE_MAX];
} tr_actor_entry;

typedef struct tr_org {
    char code[TR_CODE_MAX];
    char (*members)[3]; /* alpha-2 codes */
    size_t n_members;
} tr_org;

typedef struct tr_capital {
    char *key;  /* folded name */
    char cc[3]; /* its country */
} tr_capital;

typedef struct tr_gazetteer {
    tr_phrases *phrases; /* payload: index into entries */
    tr_actor_entry *entries;
    size_t n_entries;
    tr_capital *capitals; /* sorted by key, then cc */
    size_t n_capitals;
    tr_org *orgs;
    size_t n_orgs;
} tr_gazetteer;

int tr_gazetteer_load(tr_gazetteer *gz, const qry_host *host, const qry_table_service *tables,
                      const qry_text_service *text, const char *countries, const char *actors);
void tr_gazetteer_free(tr_gazetteer *gz);
/* Whether the place `name` (as the locations stage names it) is the capital
 * of country `cc`. */
int tr_gazetteer_is_capital(const tr_gazetteer *gz, const qry_text_service *text, const char *name, const char *cc);
/* Whether `code` is a member of organisation `org` (both as in the tables). */
int tr_gazetteer_member(const tr_gazetteer *gz, const char *org, const char *code);

/* ---- one document ---- */
typedef struct tr_cue {
    size_t t0, t1; /* tokens [t0, t1) */
    const tr_cue_entry *e;
} tr_cue;

/* What the preposition before an actor makes of it. */
typedef enum tr_mark {
    TR_MARK_NONE = 0, /* a subject or an object */
    TR_MARK_TO,       /* to, for, into: a destination */
    TR_MARK_IN,       /* in: a destination only after "arrived" */
    TR_MARK_FROM,     /* from: a source */
    TR_MARK_BY,       /* by: the agent of a passive */
    TR_MARK_OTHER     /* of, at, on, against, with, ... */
} tr_mark;

typedef struct tr_actor {
    size_t t0, t1;
    int kind;       /* tr_actor_kind */
    char code[TR_CODE_MAX];
    int mark;       /* tr_mark */
    int possessive; /* followed by 's: 1, or 2 when a head follows ("Poland's proposal") */
    int backers;    /* "X's allies": X receives, it does not give */
} tr_actor;

typedef struct tr_mention {
    size_t t0, t1;
    const qry_entity *ent;
    int is_money;
} tr_mention;

typedef struct tr_docview {
    const qry_doc_view *doc;
    tr_tokens toks;
    char **keys;        /* per token; NULL outside the paragraphs read */
    char *pool;         /* the folded text the keys point into */
    int32_t *cue_at;    /* per token: index into cues, or -1 */
    int32_t *actor_at;  /* per token: index into actors, or -1 */
    int32_t *mention_at; /* per token: index into mentions, or -1 */
    tr_cue *cues;
    size_t n_cues;
    tr_actor *actors;
    size_t n_actors;
    tr_mention *mentions;
    size_t n_mentions;
    char article_subject[TR_CODE_MAX]; /* the most named country; "" when none */
    char article_second[TR_CODE_MAX];  /* the next one, for when the first is the donor */
} tr_docview;

/* Build the view of `doc` from the entities earlier stages emitted.
 * Returns QRY_OK (possibly with no mentions) or QRY_ERR_NOMEM. */
int tr_docview_build(tr_docview *v, const qry_doc_view *doc, const qry_entity *const *ents, size_t n_ents,
                     const qry_entities_service *es, const tr_lexicon *lx, const tr_gazetteer *gz,
                     const qry_text_service *text, int with_money);
void tr_docview_free(tr_docview *v);

/* Token k reads `word` (already folded, lower case ASCII). */
int tr_tok_is(const tr_docview *v, size_t k, const char *word);

/* ---- relating one mention ---- */
enum tr_source { TR_SRC_NONE = 0, TR_SRC_SENTENCE, TR_SRC_PARAGRAPH, TR_SRC_ARTICLE, TR_SRC_OPTION };
const char *tr_source_name(int source);

#define TR_MAX_DONORS 8

typedef struct tr_relation {
    int status;                 /* tr_status; TR_ST_NONE: not a transfer */
    size_t trig_t0, trig_t1;    /* the trigger's tokens */
    int donors[TR_MAX_DONORS];  /* actor indices, text order */
    int n_donors;
    int donor;                  /* the one reported: actor index or -1 */
    char donor_code[TR_CODE_MAX];
    int donor_source;
    int recipient;              /* actor index or -1 */
    char recipient_code[TR_CODE_MAX];
    int recipient_source;
} tr_relation;

typedef struct tr_settings {
    int window;                             /* tokens a core may stand before a mention */
    char default_recipient[TR_CODE_MAX];    /* "" when unset */
    int article_recipient;                  /* fall back on the article's subject */
} tr_settings;

/* Relate every mention of v; rel[k] for mention k (status NONE when it is
 * not a transfer). */
void tr_relate_all(const tr_docview *v, const tr_gazetteer *gz, const tr_settings *s, tr_relation *rel);

/* ---- emitting ---- */
int tr_emit(const qry_host *host, qry_sink *sink, const qry_entities_service *es, const tr_docview *v,
            size_t mention, const tr_relation *r);

#endif /* QUARRY_TRANSFERS_H */
