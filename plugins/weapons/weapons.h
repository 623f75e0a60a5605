/* weapons.h -- internal interfaces of the weapons plugin (not installed).
 *
 * gazetteer.c  the gazetteer(s), read through the core's table service,
 *              in a hash of normalized keys.
 * matcher.c    finds gazetteer names on the core's tokens (longest match,
 *              hyphen/space/case tolerant, plurals, variants).
 * context.c    head phrases and the rules for ambiguous names.
 * words.c      the word lists context.c and matcher.c consult (head nouns,
 *              titles, reporting verbs...), one file each in conf/weapons/.
 * tokens.c     token helpers over the core's text service.
 * resolve.c    overlap resolution.
 * screen.c     what a class hit needs to count: no "not" mark over it
 *              ("VBIED factory", "to bomb"), weapon context for a weak
 *              class ("aircraft"), a coordinated weapon for a listed one.
 * join.c       one mention per weapon: a name and its head noun, a
 *              modifier class and its head class ("TOS-1A flamethrower
 *              rockets", "M777 Nato-standard artillery pieces").
 * generic.c    finds generic weapon classes with PCRE2 patterns.
 * literals.c   the literal strings a pattern's every match contains.
 * prefilter.c  one pass over a document tells which patterns may match.
 * weapons.c    the descriptor: options, create/process/destroy, overlap
 *              resolution and emission.
 *
 * Ownership: a wpn_gazetteer owns its entries and keys; candidates point
 * into the gazetteer (name/category/origin) and never own anything.
 */
#ifndef QUARRY_WEAPONS_H
#define QUARRY_WEAPONS_H

#include <stddef.h>
#include <stdint.h>

#include "quarry/plugin.h"

/* What the data files are read through: the core's table service, and its
 * text service for what a word is. */
typedef struct wpn_reader {
    const qry_host *host;
    const qry_table_service *table;
    const qry_text_service *text;
} wpn_reader;

/* The word lists of conf/weapons/, one file (and one option) each. */
enum wpn_list {
    WPN_LIST_HEADS,         /* head nouns that extend a name: "missiles", "systems" */
    WPN_LIST_ABBREV_HEADS,  /* heads written in capitals: "IFV", "MLRS", "UAVs" */
    WPN_LIST_MODIFIERS,     /* words inside a head phrase: "anti", "range", "guided" */
    WPN_LIST_TITLES,        /* titles and ranks before a person's name: "Gen", "Senator" */
    WPN_LIST_DEMONYMS,      /* capitalised words that may precede a name: "German", "US" */
    WPN_LIST_SPEECH_VERBS,  /* reporting verbs: a name beside one is a person */
    WPN_LIST_CONTEXT_WORDS, /* words that make a sentence about weapons */
    WPN_LIST_CIVIL_NOUNS,   /* nouns after a name that make it civilian: "Act", "disaster" */
    WPN_LIST_NOT_PREFIXES,  /* short words never a designation prefix: "at 15", "a 50" */
    WPN_LIST_DAMAGE,        /* participles glued after a weapon word it did the damage: "bomb-damaged" */
    WPN_N_LISTS
};

typedef struct wpn_words wpn_words;

/* Read the lists (names[WPN_LIST_*], option values) and the head_fits
 * table (head, comma-separated categories) through the table service. Every
 * file is read and every bad line reported before the answer: QRY_OK with
 * *out, QRY_ERR_CONFIG or QRY_ERR_NOMEM. */
int wpn_words_load(wpn_words **out, const wpn_reader *rd, const char *const names[WPN_N_LISTS],
                   const char *head_fits);
void wpn_words_free(wpn_words *w);

/* A document as the helpers see it: the core's view, the core's text
 * service (so a hyphen or "the same word" means what it means to the
 * segmenter) and the word lists. Built in process(). */
typedef struct wpn_doc {
    const qry_doc_view *view;
    const qry_text_service *text;
    const wpn_words *words;
} wpn_doc;

/* The ten categories of GUIDELINES.md, in a fixed order. */
#define WPN_N_CATEGORIES 10
extern const char *const wpn_categories[WPN_N_CATEGORIES];
/* The interned category string equal to s (so candidates can point at
 * static storage), or NULL when s is not a category. */
const char *wpn_category_intern(const char *s);

/* ---- gazetteer ---------------------------------------------------------- */
typedef struct wpn_entry {
    char *name;           /* canonical name */
    const char *category; /* interned, one of wpn_categories */
    char *origin;         /* ISO 3166-1 alpha-2, or NULL when unknown */
    char *kind;           /* free text ("main battle tank"), or NULL */
} wpn_entry;

#define WPN_ALIAS_AMBIGUOUS 0x1u /* '~' in the data: needs capitals and context */
/* Bits 8..15 of a key's flags: the most letter-to-letter word breaks in the
 * forms behind the key ("Storm Shadow" 1, "IRIS-T" 1, "ITAS" 0), so that
 * text cannot glue separate words into a key ("it as" is not ITAS). */
#define WPN_BREAKS(flags) (((flags) >> 8) & 0xFFu)
size_t wpn_letter_breaks(const char *s, size_t n);

typedef struct wpn_gazetteer wpn_gazetteer;

wpn_gazetteer *wpn_gaz_new(void);
void wpn_gaz_free(wpn_gazetteer *g);
/* Add one entry from the cells of a gazetteer row (name, aliases, category,
 * origin, kind; "" for a missing one). file_no orders files (a later file's
 * key replaces an earlier file's); *dups counts keys repeated inside one
 * file (the first one is kept). QRY_OK, QRY_ERR_NOMEM, or QRY_ERR_CONFIG
 * with the reason in why (nothing is added then). */
int wpn_gaz_add(wpn_gazetteer *g, const char *const cells[5], unsigned file_no, size_t *dups, char *why,
                size_t whysz);
/* Read the gazetteer table `name` through the table service, every bad line
 * reported. QRY_OK, QRY_ERR_CONFIG (any was, or the file is missing) or
 * QRY_ERR_NOMEM. */
int wpn_gaz_load(wpn_gazetteer *g, const wpn_reader *rd, const char *name, unsigned file_no, size_t *dups);
/* Look up a normalized key; returns the entry or NULL, flags via *flags. */
const wpn_entry *wpn_gaz_lookup(const wpn_gazetteer *g, const char *key, size_t len, unsigned *flags);
/* 0 when no key starts with key[0..len) (a key itself counts): a longer
 * token sequence cannot match. 1 otherwise (rarely a false 1: a hash
 * collision). */
int wpn_gaz_may_extend(const wpn_gazetteer *g, const char *key, size_t len);
size_t wpn_gaz_max_key(const wpn_gazetteer *g);
size_t wpn_gaz_n_entries(const wpn_gazetteer *g);
size_t wpn_gaz_n_keys(const wpn_gazetteer *g);

/* Normalize a surface form to a key: ASCII letters lower-cased, digits and
 * non-ASCII bytes kept, everything else dropped. Returns the key length
 * (0 when nothing is left or out is too small). */
size_t wpn_key_normalize(const char *s, size_t n, char *out, size_t outsz);

/* ---- candidates ----------------------------------------------------------- */
#define WPN_NAME_MAX 96

/* What a class hit needs before it counts (generic.tsv's kind column). */
#define WPN_NEEDS_NOTHING 0
#define WPN_NEEDS_CONTEXT 1 /* "weak": another weapon or a cue in its sentence */
#define WPN_NEEDS_LIST 2    /* "listed": coordinated with a weapon of its category */

/* Marks: pattern hits that are not mentions but tell about the text around. */
#define WPN_MARK_NOT 1      /* "not": no weapon here ("VBIED factory", "to bomb") */
#define WPN_MARK_CUE 2      /* "cue": weapon context for weak classes ("shot down") */
#define WPN_MARK_MODIFIER 3 /* "modifier": may join a name to its head ("Nato-standard") */

typedef struct wpn_cand {
    uint32_t start, end;         /* bytes [start, end) */
    uint32_t tok_start, tok_end; /* tokens [tok_start, tok_end) */
    uint32_t name_end;           /* token end of the name before any head phrase */
    const char *category;        /* interned */
    const char *origin;          /* gazetteer string or NULL */
    char name[WPN_NAME_MAX];     /* canonical name */
    uint8_t named;               /* a named system (1) or a generic class (0) */
    uint8_t ambiguous;           /* surface form needs weapon context */
    uint8_t context;             /* ambiguous form already has context */
    uint8_t gazetteer;           /* found by the gazetteer (wins ties over patterns) */
    uint8_t needs;               /* WPN_NEEDS_*, for a class hit */
    uint8_t mark;                /* WPN_MARK_* for a mark, 0 for a mention */
} wpn_cand;

typedef struct wpn_cands {
    wpn_cand *v;
    size_t n, cap;
} wpn_cands;

/* Append one zeroed candidate; NULL when out of memory. */
wpn_cand *wpn_cands_push(wpn_cands *c);
void wpn_cands_free(wpn_cands *c);

/* ---- token helpers (tokens.c, words.c) ------------------------------------ */
/* Index of the first token whose start >= pos (n_tokens when none). */
size_t wpn_tok_lower_bound(const wpn_doc *d, uint32_t pos);
/* Non-zero when token t is a dash short enough to join words (QRY_CP_HYPHEN). */
int wpn_tok_is_hyphen(const wpn_doc *d, size_t t);
/* Non-zero when token t is an apostrophe (QRY_CP_APOSTROPHE: ' ’ ʼ ′). */
int wpn_tok_is_apostrophe(const wpn_doc *d, size_t t);
/* Non-zero when token t's text equals w after case folding. */
int wpn_tok_eq(const wpn_doc *d, size_t t, const char *w);
/* Non-zero when WORD token t is a word of list `list` (WPN_LIST_*) after case folding. */
int wpn_tok_in(const wpn_doc *d, size_t t, int list);
/* A mention may end after token t: the next token is not glued to it. */
int wpn_tok_end_ok(const qry_doc_view *doc, size_t t);
int wpn_tok_same_sentence(const qry_doc_view *doc, size_t a, size_t b);
/* Token t holds a digit: a designation ("9P149"), not a name. */
int wpn_tok_has_digit(const qry_doc_view *doc, size_t t);

/* ---- matcher ------------------------------------------------------------- */
/* Append every gazetteer hit (already filtered by the capitalisation and
 * neighbour rules; ambiguous ones carry .context). QRY_OK or QRY_ERR_NOMEM. */
int wpn_match_gazetteer(const wpn_gazetteer *g, const wpn_doc *d, wpn_cands *out);

/* ---- context of a name (context.c) ----------------------------------------- */
/* End (exclusive token index) of a head phrase ("air defense systems",
 * "fighting vehicles") that follows a name ending before token e, or e. */
size_t wpn_head_extension(const wpn_doc *d, size_t e);
/* Decide an ambiguous name at tokens [i, e) of category cat whose head
 * phrase ends at h (h == e: none). Returns 0 to drop it; else 1, with
 * *context set when the name has weapon context of its own (else it needs
 * another named system in its sentence). */
int wpn_ambiguous_ok(const wpn_doc *d, size_t i, size_t e, size_t h, const char *cat, int *context);
/* Head noun token t fits a name of category cat ("Su-34 bombs" does not:
 * bombs are no aircraft; the head_fits table says; a head it does not list
 * fits every category). */
int wpn_head_fits(const wpn_doc *d, size_t t, const char *cat);

/* ---- screening and joining (screen.c, join.c) ------------------------------ */
/* Drop the class hits under or right before a "not" mark (a name reaching
 * into one is cut back to before it), weak classes without weapon context
 * and listed ones without a coordinated weapon; leave c sorted by start.
 * QRY_OK or QRY_ERR_NOMEM. */
int wpn_screen(const wpn_doc *d, wpn_cands *c, const wpn_cands *marks);
/* Some candidate of c is a weak class: the cue marks are worth finding. */
int wpn_screen_needs_cues(const wpn_cands *c);
/* Before overlap resolution, c sorted by start (as wpn_screen leaves it): a
 * name whose head phrase ends inside a class hit grows to the hit's end
 * ("M777 artillery" + "artillery pieces"). */
void wpn_join_overlaps(wpn_cands *c);
/* After overlap resolution (c sorted by start, no overlaps): fuse a class
 * and the class after it, then a name and the class after it, when only
 * spaces, hyphens, modifier words or modifier marks stand between. QRY_OK
 * or QRY_ERR_NOMEM. */
int wpn_join_adjacent(const wpn_doc *d, wpn_cands *c, const wpn_cands *marks);
/* Two neighbours of c (sorted, resolved) could join only through modifier
 * marks: the modifier patterns are worth running. */
int wpn_join_needs_modifiers(const wpn_doc *d, const wpn_cands *c);

/* ---- literal prefilter for the patterns (literals.c, prefilter.c) ---------- */
#define WPN_LIT_MAX 32 /* strings in a set */
#define WPN_LIT_LEN 16 /* bytes of a string, NUL included */
typedef struct wpn_literals {
    size_t n;
    char s[WPN_LIT_MAX][WPN_LIT_LEN]; /* lower-case ASCII, none empty */
} wpn_literals;

/* Find strings one of which every match of the PCRE2 pattern re (compiled
 * CASELESS | UTF | UCP, not EXTENDED) contains, ignoring ASCII case.
 * Returns 1 with them in *lits, or 0 when the conservative reading of the
 * pattern finds none (unknown syntax, or a match may hold no literal). */
int wpn_required_literals(const char *re, wpn_literals *lits);
/* Several such sets, each met by every match (one string of each occurs in
 * it): the must sets of the parts of a pattern that is a sequence at its
 * top level, the most selective first, at most max of them. Returns how
 * many (0: none known; 1 for a top-level alternation, as above). */
#define WPN_LIT_SETS_SEEN 24 /* sets a reading keeps before choosing */
size_t wpn_required_literal_sets(const char *re, wpn_literals *sets, size_t max);

/* A multi-string scanner telling which patterns may match a text. */
typedef struct wpn_prefilter wpn_prefilter;

wpn_prefilter *wpn_prefilter_new(void);
void wpn_prefilter_free(wpn_prefilter *pf);
/* Declare the next pattern (numbered 0, 1, 2, ... in call order): it can
 * match only a text holding one of lits, or any text when lits is NULL.
 * QRY_OK or QRY_ERR_NOMEM. */
int wpn_prefilter_add(wpn_prefilter *pf, const wpn_literals *lits);
/* The same with n sets, each a condition: the pattern can match only a
 * text holding one string of every set (n = 0: any text). */
int wpn_prefilter_add_sets(wpn_prefilter *pf, const wpn_literals *sets, size_t n);
/* Build the scanner once every pattern is declared. QRY_OK or QRY_ERR_NOMEM. */
int wpn_prefilter_build(wpn_prefilter *pf);
/* Number of uint64_t words in a pattern bitset. */
size_t wpn_prefilter_words(const wpn_prefilter *pf);
/* Number of patterns declared with literals. */
size_t wpn_prefilter_n_filtered(const wpn_prefilter *pf);
/* Set bit p of may_match (wpn_prefilter_words() words) for every pattern p
 * that may match text, clear the others. One pass over the text. With
 * starts_by (NULL, or one entry per pattern), starts_by[p] is the last
 * offset a match of a pattern left on may start at (the least, over its
 * sets, of where the set's last string ends; len when it has none). */
void wpn_prefilter_scan(const wpn_prefilter *pf, const char *text, size_t len, uint64_t *may_match,
                        uint32_t *starts_by);

/* ---- generic classes ------------------------------------------------------- */
typedef struct wpn_generic wpn_generic;

/* Read the pattern table `name` through the table service and compile it,
 * every bad line (a regex that does not compile too) reported. QRY_OK with
 * *out, QRY_ERR_CONFIG or QRY_ERR_NOMEM. */
int wpn_generic_load(const wpn_reader *rd, const char *name, wpn_generic **out);
size_t wpn_generic_count(const wpn_generic *gp);
/* How many of the patterns the prefilter can skip on a document. */
size_t wpn_generic_prefiltered(const wpn_generic *gp);
/* Which patterns a wpn_generic_match() call runs. */
#define WPN_RUN_MENTIONS 0x1u /* classes and names (weak and listed ones too) */
#define WPN_RUN_NOT 0x2u      /* "not" marks */
#define WPN_RUN_CUE 0x4u      /* "cue" marks */
#define WPN_RUN_MODIFIER 0x8u /* "modifier" marks */
/* Run the patterns of the kinds in `what` over the byte windows given (in
 * order, not overlapping; NULL: the text between blank lines, block by
 * block, where a lookahead may see past the block): append the class and
 * name hits to out and the marks to marks. A hit lies inside one window (a
 * lookbehind may see before it). Returns QRY_OK, QRY_ERR_NOMEM, or
 * QRY_ERR_LIMIT (with err filled) when a pattern hit the match limit; the
 * hits found are kept. */
int wpn_generic_match(const wpn_generic *gp, const wpn_doc *d, unsigned what, const qry_span *windows,
                      size_t n_windows, wpn_cands *out, wpn_cands *marks, char *err, size_t errsz);
void wpn_generic_free(wpn_generic *gp);

#endif
