/* quotes.h -- internal interfaces of the quotes plugin (not installed).
 *
 * wordset.c     word lists from conf/quotes/ (cue verbs, titles, given
 *               names, places ...): loading, validation, lookup.
 * toks.c        small helpers over the core's tokens.
 * layout.c      token ranges of paragraphs and sentences, once per document.
 * classify.c    what a name is (person, organisation, place) and a person's
 *               gender; the per-token kinds known from outside (qt_known).
 * namecase.c    which capitalised words the document treats as names.
 * marks.c       finds quotations: pairs the quotation marks of each
 *               paragraph, tolerating unbalanced and ambiguous marks.
 * worktitles.c  tells the titles of works ("CNN’s “New Day”") from quotations.
 * names.c       the document's name mentions (titles stripped) and the
 *               subjects pronouns may refer to.
 * nameindex.c   indexes over the names: fullest names, titled persons,
 *               pronoun referents by gender, each lookup bounded.
 * attribution.c finds the cue and speaker mention of each quotation.
 * reported.c    reported speech: attributions without quotation marks.
 * speaker.c     turns a speaker phrase into a speaker (pronouns, titles,
 *               organisations, fullest name) and its kind.
 * quotes.c      the descriptor: options, create/process/destroy, emission.
 *
 * Ownership: qt_lexicon owns its word sets; everything built per document
 * (layout, known kinds, quotes, names) is owned by process() and freed
 * before it returns. Nothing here points into a document after process()
 * returns; a speaker is kept as a token range and copied out at emission.
 */
#ifndef QUARRY_QUOTES_H
#define QUARRY_QUOTES_H

#include <stddef.h>
#include <stdint.h>

#include "quarry/plugin.h"

/* ---- word sets (wordset.c) ------------------------------------------------ */
typedef struct qt_wordset {
    char **words;    /* lower-case, into `text` */
    char *text;      /* every entry, NUL-terminated, one after the other; owned */
    size_t n;
    uint32_t *slots; /* open-addressing hash table: index + 1 into words, 0 empty */
    size_t mask;     /* slots has mask + 1 entries, a power of two */
    size_t min_len, max_len; /* bytes of the shortest and longest entry */
    int two_words;   /* some entry has two words ("according to") */
    uint64_t first_words[4]; /* a 256-bit filter of the first words of two-word entries */
    uint32_t lead_len[32];   /* bit n of [first byte, ASCII case folded, & 31]: an entry of n bytes
                                (31: 31 or more) starts so; most words asked are in no list */
} qt_wordset;

/* The core's table service, which reads every word list. */
typedef struct qt_tables {
    const qry_host *host;
    const qry_table_service *svc;
} qt_tables;

/* Load the word list `name` (an option's value, found like any data file):
 * one entry a line (one or two lower-case words), '#' comments, blank
 * lines ignored. Every bad line is reported through the table service
 * (FILE:LINE) before QRY_ERR_CONFIG is returned; QRY_OK, or QRY_ERR_IO /
 * QRY_ERR_CONFIG / QRY_ERR_NOMEM with a summary in err. */
int qt_wordset_load(qt_wordset *ws, const qt_tables *tb, const char *name, char *err, size_t errsz);
void qt_wordset_free(qt_wordset *ws);
/* Non-zero when s[0..n) is in the set, ignoring ASCII case. One hash and a
 * short probe: it is asked for nearly every token of every document. */
int qt_wordset_has(const qt_wordset *ws, const char *s, size_t n);
/* Zero when no two-word entry starts with s[0..n) (a filter: non-zero may
 * still find none), so the pair need not be looked up. */
int qt_wordset_may_start(const qt_wordset *ws, const char *s, size_t n);

typedef struct qt_lexicon {
    qt_wordset cues;     /* reporting verbs as written: said, says, adding, "according to" */
    qt_wordset titles;   /* title words never part of a name: president, secretary, adm */
    qt_wordset nonnames; /* capitalised words that never start a name: the, speaking, monday */
    qt_wordset orgwords; /* words that make a name an organization: ministry, council */
    qt_wordset male, female;             /* given names by sex: donald / hillary */
    qt_wordset male_titles, female_titles; /* mr, sir / mrs, ms */
    qt_wordset places;    /* one- or two-word place names: france, new york */
    qt_wordset listeners; /* cues whose object is the listener: told, asked */
    qt_wordset reporting; /* verbs that introduce reported speech: said, argued */
    qt_wordset works;     /* kinds of works and roles in them: show, film, star */
    qt_wordset object_verbs; /* verbs whose object is what was said: called, urged, called for */
    qt_wordset speakers;     /* nouns for people and groups: "a neighbour described it as ..." */
    qt_wordset utterances;   /* nouns for what was said: remarks, statement, tweet */
} qt_lexicon;

/* ---- the document's layout (layout.c) ----------------------------------------- */
/* Token ranges of paragraphs and sentences, built once per document so that
 * no scan ever walks back to a paragraph's or a sentence's start. */
typedef struct qt_layout {
    uint32_t *par_a, *par_e; /* tokens [par_a[p], par_e[p]) of paragraph p */
    uint32_t *sent_a;        /* first token of sentence s (n_tokens when empty) */
} qt_layout;

int qt_layout_build(const qry_doc_view *d, qt_layout *out); /* QRY_OK or QRY_ERR_NOMEM */
void qt_layout_free(qt_layout *l);

/* ---- the context every step reads --------------------------------------------- */
enum qt_kind { QT_KIND_UNKNOWN = 0, QT_KIND_PERSON = 1, QT_KIND_ORG = 2, QT_KIND_PLACE = 3 };

/* The kind each token is already known to have from outside the speaker
 * rules: a place or an organisation. Filled from the plugin's own place list
 * today; entities of earlier pipeline stages (ABI 1.1) mark their spans the
 * same way with qt_known_mark(). */
/* Which capitalised tokens the document treats as names (namecase.c),
 * built on first use: most documents never ask. */
typedef struct qt_namecase {
    uint8_t *named; /* per token: a capitalised word the document also capitalises inside a sentence */
    int built;      /* named is filled (or the build failed) */
    int failed;     /* out of memory while building: process() reports it */
} qt_namecase;

typedef struct qt_known {
    uint8_t *kind; /* enum qt_kind per token, QT_KIND_UNKNOWN when nothing is known */
    qt_namecase *names; /* owned; filled lazily by qt_attested_name() */
    size_t n;
} qt_known;

typedef struct qt_ctx {
    const qry_doc_view *doc;
    const qt_lexicon *lex;
    const qt_layout *layout;
    const qt_known *known;
    const qry_text_service *text; /* the core's Unicode classes and folding */
} qt_ctx;

/* ---- layout lookups (layout.c) and tokens (toks.c) ------------------------------ */
/* Paragraph index of token t, and its token range. */
size_t qt_paragraph_of(const qt_ctx *c, size_t t);
void qt_paragraph_tokens(const qt_ctx *c, size_t t, size_t *pa, size_t *pe);
/* First token of token t's sentence. */
size_t qt_sentence_start(const qt_ctx *c, size_t t);

const char *qt_tok_text(const qt_ctx *c, size_t t, size_t *len);
int qt_tok_eq(const qt_ctx *c, size_t t, const char *w); /* ASCII case-insensitive */
int qt_tok_is(const qt_ctx *c, size_t t, const char *const *list);
int qt_tok_word(const qt_ctx *c, size_t t);  /* WORD token */
int qt_tok_ing(const qt_ctx *c, size_t t);   /* ends in -ing, five letters or more: "saying", "rejecting" */
/* The token after a dateline opening the clause [b, k) ("VANCOUVER, April 2 - ",
 * "WASHINGTON — "), else b. */
size_t qt_skip_dateline(const qt_ctx *c, size_t b, size_t k);
int qt_tok_cap(const qt_ctx *c, size_t t);   /* WORD with an upper-case initial */
/* A firm's legal suffix: Co, Cos, Corp, Inc, Ltd, Plc, LLC (any case); the
 * callers add the words a firm's name may also end in. */
int qt_tok_legal_suffix(const qt_ctx *c, size_t t);
int qt_tok_upper(const qt_ctx *c, size_t t); /* WORD, all upper case, two letters or more */
int qt_tok_char(const qt_ctx *c, size_t t, const char *ch); /* PUNCT token equal to ch */
int qt_tok_dash(const qt_ctx *c, size_t t);                 /* - – — */
int qt_tok_date(const qt_ctx *c, size_t t); /* a day or a month: Monday, May, yesterday */
/* A reporting word at k used as a noun, not before token b: after a
 * determiner or a possessive ("the report said", "his claim", "Marsh’s
 * claims", "Moss’ call"). */
int qt_noun_use(const qt_ctx *c, size_t k, size_t b);
int qt_tok_apostrophe(const qt_ctx *c, size_t t);           /* ' ’ */
int qt_tok_sentence_end(const qt_ctx *c, size_t t);         /* . ! ? ; … */
int qt_tok_in(const qt_ctx *c, size_t t, const qt_wordset *ws);
int qt_tok_title(const qt_ctx *c, size_t t);
/* A word that names who could speak: a title or role ("mayor", "judge"), a
 * body ("council") or people ("neighbour", speakers.txt); never "plan". */
int qt_speaking_head(const qt_ctx *c, size_t t);
int qt_tok_pronoun(const qt_ctx *c, size_t t); /* he, she (a person) */
int qt_ly_adverb(const qt_ctx *c, size_t t);   /* an adverb in -ly (not "daily", "rally") */
/* A word that may be a plural noun ("Officials", "Pollsters", "People"), by
 * its ending: not "-ss", "-us", "-is". */
int qt_plural_form(const qt_ctx *c, size_t t);
/* Length in tokens (1 or 2) of an entry of ws starting at token t, else 0. */
size_t qt_entry_at(const qt_ctx *c, size_t t, const qt_wordset *ws);
/* Length in tokens (1 or 2) of a cue starting at token t, else 0. */
size_t qt_cue_at(const qt_ctx *c, size_t t);
/* Length (1 or 2) of a cue ending at token t, else 0. */
size_t qt_cue_ending(const qt_ctx *c, size_t t);
/* Non-zero when the cue at t is "according to" (a preposition, not a verb). */
int qt_cue_according(const qt_ctx *c, size_t t);
/* A quotation mark token; *dbl set for double marks. */
int qt_tok_quote_mark(const qt_ctx *c, size_t t, int *dbl);

/* ---- what a name is (classify.c) ----------------------------------------------- */
/* Allocate the per-token table and mark the places of the word list.
 * QRY_OK or QRY_ERR_NOMEM. */
int qt_known_build(const qt_ctx *c, qt_known *k);
void qt_known_free(qt_known *k);
/* Mark the tokens of bytes [start, end) as being of `kind` (a place or an
 * organisation found elsewhere). */
void qt_known_mark(const qt_ctx *c, qt_known *k, uint32_t start, uint32_t end, int kind);
/* What the capitalised name [a, e) (titles stripped; titled when a title
 * stood before it) is: the one place that decides between a person, an
 * organisation and a place, for speakers and for pronoun referents alike. */
int qt_name_kind(const qt_ctx *c, size_t a, size_t e, int titled);
/* End of the person's name in the run [a, e) that goes on with where the
 * person is from or works ("Ed Rourke of Vermont", "Priya Nair of
 * Human Rights Watch"): the "of", or e when [a, e) is no such run ("Bank of
 * America", "Friends of the Earth"). */
size_t qt_person_end(const qt_ctx *c, size_t a, size_t e, int titled);
/* The gender of the person named [first, last) with title words
 * [title_start, first): from a gendered title (Mrs, Sir) or the given name. */
int qt_name_gender(const qt_ctx *c, size_t title_start, size_t first, size_t last);

/* Per token, non-zero for a capitalised word that the document also writes
 * capitalised inside a sentence (a name, not a sentence's first word);
 * *out is owned by the caller. QRY_OK or QRY_ERR_NOMEM (namecase.c). */
int qt_namecase_build(const qt_ctx *c, uint8_t **out);
/* Token t is a capitalised word attested as a name (see qt_namecase_build),
 * a given name, an acronym or a known place or organisation. The first call
 * builds the document's table; when that runs out of memory every word
 * counts as attested and c->known->names->failed is set. */
int qt_attested_name(const qt_ctx *c, size_t t);

/* ---- quotations (marks.c) --------------------------------------------------- */
#define QT_NAME_MAX 128
#define QT_CUE_MAX 32 /* bytes of a cue as emitted */
#define QT_NONE UINT32_MAX

typedef struct qt_quote {
    uint32_t open, close;      /* mark tokens; close is QT_NONE when the mark is missing */
    uint32_t first, last;      /* content tokens [first, last) */
    uint32_t start, end;       /* content bytes, marks excluded */
    uint32_t n_words;          /* WORD and NUMBER tokens in the content */
    uint8_t fragment;          /* a scare quote or one-word quotation */
    uint8_t single;            /* delimited by single marks */
    uint8_t continued;         /* a paragraph of a quotation that goes on in the next one */
    uint8_t work_title;        /* the title of a work ("CNN’s “New Day”"): never reported */
    uint8_t reported;          /* reported speech (no marks): content of "X said (that) ..." */
    /* attribution, filled by attribution.c / reported.c and speaker.c */
    uint8_t has_speaker;       /* name_a/name_e are set */
    uint8_t has_mention;       /* sp_* are set (also for a pronoun left unresolved) */
    uint8_t speaker_kind;      /* enum qt_kind of the speaker (UNKNOWN: unresolved) */
    uint8_t gender;            /* enum qt_gender of a person speaker */
    uint8_t cue_len;           /* cue tokens [cue_tok, cue_tok + cue_len); 0: no reporting verb */
    uint32_t cue_tok;
    uint32_t sp_start, sp_end; /* the mention the speaker came from (bytes) */
    uint32_t sp_tok;           /* first token of that mention */
    uint32_t name_a, name_e;   /* tokens the speaker's name is written with (its fullest form) */
} qt_quote;

typedef struct qt_quotes {
    qt_quote *v;
    size_t n, cap;
} qt_quotes;

/* Non-zero when quotation q of the paragraph [pa, pe) is the title of a
 * work, not words someone said (worktitles.c). */
int qt_work_title(const qt_ctx *c, const qt_quote *q, size_t pa, size_t pe);

/* Find the document's quotations in order. QRY_OK or QRY_ERR_NOMEM. */
int qt_find_quotes(const qt_ctx *c, uint32_t max_paragraphs, qt_quotes *out);
void qt_quotes_free(qt_quotes *q);

/* ---- names (names.c, nameindex.c) ---------------------------------------------- */
enum qt_gender { QT_G_UNKNOWN = 0, QT_G_MALE = 1, QT_G_FEMALE = 2 };

typedef struct qt_name {
    uint32_t title_start;      /* first token of the title words before it (== first when none) */
    uint32_t first, last;      /* name tokens [first, last) */
    uint8_t person;            /* looks like a person's name */
    uint8_t subject;           /* subject of its sentence or of a reporting verb */
    uint8_t gender;            /* enum qt_gender: from the given name or a title (Mrs, Sir) */
} qt_name;

/* One entry of a name index: a hash key and the name it leads to. */
typedef struct qt_name_key {
    uint64_t key;
    uint32_t name;  /* index into qt_names.v */
    uint32_t order; /* sort order within one key */
} qt_name_key;

typedef struct qt_names {
    qt_name *v;
    size_t n, cap;
    /* built by qt_index_names(), so that each lookup is bounded: */
    qt_name_key *by_last;  /* distinct person names by their last word, longest first */
    size_t n_by_last;
    qt_name_key *by_title; /* titled persons by each title word (lower case), in document order */
    size_t n_by_title;
    uint32_t *latest[3];   /* [g][i]: latest person-subject name <= i a pronoun of gender g may
                              refer to (g = QT_G_UNKNOWN: any), or QT_NONE */
    uint32_t *latest_any[3]; /* the same without the subject condition */
} qt_names;
/* Collect the name mentions of the document and index them. QRY_OK or
 * QRY_ERR_NOMEM. */
int qt_find_names(const qt_ctx *c, qt_names *out);
void qt_names_free(qt_names *n);
/* Build the indexes of qt_names (called by qt_find_names). */
int qt_index_names(const qt_ctx *c, qt_names *names);
/* The latest person name before token ref a pronoun of gender g may refer
 * to: a subject when there is one, else any person. NULL when none. */
const qt_name *qt_pronoun_referent(const qt_names *names, size_t ref, int gender);
/* The titled person whose title words best match the description [a, e)
 * ("the secretary-general"): its last word must be one of them; ties go to
 * the latest before ref. NULL when none. */
const qt_name *qt_title_referent(const qt_ctx *c, const qt_names *names, size_t a, size_t e, size_t ref);
/* The firm "the company" (bank: "the bank") before token ref stands for: the
 * latest one named as a sentence's subject or a speaker, with a legal suffix
 * ("Magma Copper Co"; bank: a "Bank" in its name), within a few hundred
 * tokens. NULL when none. */
const qt_name *qt_org_referent(const qt_ctx *c, const qt_names *names, size_t ref, int bank);
/* Strip title words, acronyms and demonyms from the front of the capitalised
 * run [a, e): returns the first token of the name proper (e when nothing is
 * left). */
size_t qt_strip_titles(const qt_ctx *c, size_t a, size_t e);
/* Non-zero when [a, e) holds an organization word. */
int qt_has_orgword(const qt_ctx *c, size_t a, size_t e);
/* A token that may sit inside a capitalised name run starting at a:
 * capitalised words, initials' dots, hyphens, "of"/"for"/"and" between caps. */
size_t qt_cap_run_end(const qt_ctx *c, size_t a, size_t limit);
/* Do the capitalised words from token u on (before limit) end, within a few,
 * in a firm's suffix ("Power Co", "Loan Association", "Poor's Corp")? Then an "and" or "&"
 * before u joins one name ("Houston Lighting and Power Co"). */
int qt_firm_tail(const qt_ctx *c, size_t u, size_t limit);
/* Write the fullest person name in the document that ends like tokens
 * [a, e) into buf (the mention itself when none is longer). */
void qt_fullest_name(const qt_ctx *c, const qt_names *names, size_t a, size_t e, char *buf, size_t bufsz);
/* The longest person name in the document that ends like [a, e) and holds
 * its words in order, or NULL when none is longer than the mention. */
const qt_name *qt_fullest_of(const qt_ctx *c, const qt_names *names, size_t a, size_t e);

/* ---- speakers (speaker.c) ------------------------------------------------------- */
/* Resolve the speaker phrase [a, e) of quotation q (tokens; may hold a
 * determiner, titles, a name, a pronoun) and fill q's speaker fields.
 * `quotes`/`nq` are the quotations before q (their speakers are candidates
 * for pronouns). Returns non-zero when a speaker was set. */
int qt_resolve_speaker(const qt_ctx *c, const qt_names *names, const qt_quote *quotes, size_t nq,
                       qt_quote *q, size_t a, size_t e);
/* Copy the speaker and cue (and speaker kind, gender, mention) of `from`. */
void qt_copy_attribution(qt_quote *q, const qt_quote *from);

/* ---- attribution (attribution.c) ------------------------------------------------ */
typedef struct qt_span {
    size_t a, e; /* tokens [a, e); a == e: none */
} qt_span;

/* The subject of the reporting verb at token k, not before token b: "X
 * said", "X, who ..., said", "X also said", "X paused and said". */
qt_span qt_subject_of(const qt_ctx *c, size_t k, size_t b);
/* The speaker phrase starting at token a (after "said"): a name, a pronoun,
 * or a noun phrase up to its first break. */
qt_span qt_phrase_after(const qt_ctx *c, size_t a, size_t limit);
/* Token t, or t - 1 when an adverb or auxiliary sits before it ("also said"). */
size_t qt_skip_adverb_back(const qt_ctx *c, size_t t, size_t b);

/* Attribute every quotation (cue and speaker), in document order. */
void qt_attribute(const qt_ctx *c, const qt_names *names, qt_quotes *quotes);

/* Copy the document text of tokens [a, e) into buf with single spaces
 * where the text had white space (hyphens and dots stay glued). */
void qt_copy_tokens(const qt_ctx *c, size_t a, size_t e, char *buf, size_t bufsz);

/* ---- reported speech (reported.c) ------------------------------------------------ */
/* Find the attributions without quotation marks ("X said (that) CLAUSE",
 * "according to X, CLAUSE", "CLAUSE, X said") into out, with their speakers;
 * `quotes` are the document's direct quotations (attributed). */
int qt_find_reported(const qt_ctx *c, const qt_names *names, const qt_quotes *quotes, qt_quotes *out);
/* A quotation paragraph with no attribution right after a paragraph ending
 * with reported speech takes its speaker (and the paragraphs that go on). */
void qt_inherit_reported(const qt_ctx *c, qt_quotes *quotes, const qt_quotes *reported);
/* Append one quotation. QRY_OK or QRY_ERR_NOMEM. */
int qt_quotes_push(qt_quotes *q, const qt_quote *x);

#endif
