/* weapons.h -- internal interfaces of the weapons plugin (not installed).
 *
 * gazetteer.c  loads the TSV gazetteer(s) into a hash of normalized keys.
 * matcher.c    finds gazetteer names on the core's tokens (longest match,
 *              hyphen/space/case tolerant, plurals, variants).
 * context.c    head phrases and the rules for ambiguous names.
 * tokens.c     token helpers.
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
/* Load one TSV file; file_no orders files (a later file's key replaces an
 * earlier file's). Returns QRY_OK or QRY_ERR_IO / QRY_ERR_CONFIG /
 * QRY_ERR_NOMEM with a one-line reason in err. *dups counts keys repeated
 * inside this file (the first one is kept). */
int wpn_gaz_load(wpn_gazetteer *g, const char *path, unsigned file_no, size_t *dups, char *err,
                 size_t errsz);
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

/* ---- token helpers (tokens.c) -------------------------------------------- */
/* Index of the first token whose start >= pos (n_tokens when none). */
size_t wpn_tok_lower_bound(const qry_doc_view *doc, uint32_t pos);
/* Non-zero when token t is a one-character hyphen or dash PUNCT. */
int wpn_tok_is_hyphen(const qry_doc_view *doc, size_t t);
/* Non-zero when token t is an apostrophe (' or U+2019). */
int wpn_tok_is_apostrophe(const qry_doc_view *doc, size_t t);
/* Non-zero when token t's text equals w, ignoring ASCII case. */
int wpn_tok_eq(const qry_doc_view *doc, size_t t, const char *w);
/* Non-zero when WORD token t equals one of the lower-case words of list
 * (NULL-terminated), ignoring ASCII case. */
int wpn_tok_in(const qry_doc_view *doc, size_t t, const char *const *list);
/* A mention may end after token t: the next token is not glued to it. */
int wpn_tok_end_ok(const qry_doc_view *doc, size_t t);
int wpn_tok_same_sentence(const qry_doc_view *doc, size_t a, size_t b);
/* Token t holds a digit: a designation ("9P149"), not a name. */
int wpn_tok_has_digit(const qry_doc_view *doc, size_t t);

/* ---- matcher ------------------------------------------------------------- */
/* Append every gazetteer hit (already filtered by the capitalisation and
 * neighbour rules; ambiguous ones carry .context). QRY_OK or QRY_ERR_NOMEM. */
int wpn_match_gazetteer(const wpn_gazetteer *g, const qry_doc_view *doc, wpn_cands *out);

/* ---- context of a name (context.c) ----------------------------------------- */
/* End (exclusive token index) of a head phrase ("air defense systems",
 * "fighting vehicles") that follows a name ending before token e, or e. */
size_t wpn_head_extension(const qry_doc_view *doc, size_t e);
/* Decide an ambiguous name at tokens [i, e) of category cat whose head
 * phrase ends at h (h == e: none). Returns 0 to drop it; else 1, with
 * *context set when the name has weapon context of its own (else it needs
 * another named system in its sentence). */
int wpn_ambiguous_ok(const qry_doc_view *doc, size_t i, size_t e, size_t h, const char *cat, int *context);
/* Head noun token t fits a name of category cat ("Su-34 bombs" does not:
 * bombs are no aircraft). */
int wpn_head_fits(const qry_doc_view *doc, size_t t, const char *cat);
/* Token t is a modifier word of a head phrase ("anti", "range", "guided"). */
int wpn_tok_is_modifier(const qry_doc_view *doc, size_t t);

/* ---- screening and joining (screen.c, join.c) ------------------------------ */
/* Drop the class hits under or right before a "not" mark (a name reaching
 * into one is cut back to before it), weak classes without weapon context
 * and listed ones without a coordinated weapon; leave c sorted by start.
 * QRY_OK or QRY_ERR_NOMEM. */
int wpn_screen(const qry_doc_view *doc, wpn_cands *c, const wpn_cands *marks);
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
int wpn_join_adjacent(const qry_doc_view *doc, wpn_cands *c, const wpn_cands *marks);
/* Two neighbours of c (sorted, resolved) could join only through modifier
 * marks: the modifier patterns are worth running. */
int wpn_join_needs_modifiers(const qry_doc_view *doc, const wpn_cands *c);

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

/* A multi-string scanner telling which patterns may match a text. */
typedef struct wpn_prefilter wpn_prefilter;

wpn_prefilter *wpn_prefilter_new(void);
void wpn_prefilter_free(wpn_prefilter *pf);
/* Declare the next pattern (numbered 0, 1, 2, ... in call order): it can
 * match only a text holding one of lits, or any text when lits is NULL.
 * QRY_OK or QRY_ERR_NOMEM. */
int wpn_prefilter_add(wpn_prefilter *pf, const wpn_literals *lits);
/* Build the scanner once every pattern is declared. QRY_OK or QRY_ERR_NOMEM. */
int wpn_prefilter_build(wpn_prefilter *pf);
/* Number of uint64_t words in a pattern bitset. */
size_t wpn_prefilter_words(const wpn_prefilter *pf);
/* Number of patterns declared with literals. */
size_t wpn_prefilter_n_filtered(const wpn_prefilter *pf);
/* Set bit p of may_match (wpn_prefilter_words() words) for every pattern p
 * that may match text, clear the others. One pass over the text. */
void wpn_prefilter_scan(const wpn_prefilter *pf, const char *text, size_t len, uint64_t *may_match);

/* ---- generic classes ------------------------------------------------------- */
typedef struct wpn_generic wpn_generic;

/* Load and compile the pattern file. QRY_OK or a negative code + err. */
int wpn_generic_load(const char *path, wpn_generic **out, char *err, size_t errsz);
size_t wpn_generic_count(const wpn_generic *gp);
/* How many of the patterns the prefilter can skip on a document. */
size_t wpn_generic_prefiltered(const wpn_generic *gp);
/* Which patterns a wpn_generic_match() call runs. */
#define WPN_RUN_MENTIONS 0x1u /* classes and names (weak and listed ones too) */
#define WPN_RUN_NOT 0x2u      /* "not" marks */
#define WPN_RUN_CUE 0x4u      /* "cue" marks */
#define WPN_RUN_MODIFIER 0x8u /* "modifier" marks */
/* Run the patterns of the kinds in `what` over the byte windows given (in
 * order, not overlapping; NULL: the whole text): append the class and name
 * hits to out and the marks to marks. A hit lies inside one window (a
 * lookbehind may see before it). Returns QRY_OK, QRY_ERR_NOMEM, or
 * QRY_ERR_LIMIT (with err filled) when a pattern hit the match limit; the
 * hits found are kept. */
int wpn_generic_match(const wpn_generic *gp, const qry_doc_view *doc, unsigned what, const qry_span *windows,
                      size_t n_windows, wpn_cands *out, wpn_cands *marks, char *err, size_t errsz);
void wpn_generic_free(wpn_generic *gp);

#endif
