/*
 * quarry/plugin.h -- the whole quarry plugin ABI, version 1.1.
 *
 * A plugin is a shared object that exports exactly one symbol,
 * quarry_plugin_entry(), returning a static descriptor. Everything else the
 * plugin needs from the core (logging, options, data paths, emitting
 * entities, reporting errors) comes through the qry_host table handed to
 * create(). A plugin never links against libquarry.
 *
 * Compatibility rules (ABI 1.x; docs/abi.md has the full promise):
 *  - New fields take the place of reserved room ("carving"): a 1.0 struct
 *    keeps its size and every 1.0 offset for all of ABI 1. Reserved room
 *    is zero on both sides, so a new field reads as 0/NULL from an older
 *    peer. Only when a struct's room is used up are fields appended; then
 *    struct_size tells the reader how far it may read.
 *  - New host capabilities are services fetched by name and version
 *    (qry_service(host, "quarry.text/1")), never more host slots: a core
 *    that lacks one answers NULL and the plugin carries on without it.
 *  - Lists are NULL-terminated arrays of pointers, never arrays of structs
 *    that could grow. (qry_span, qry_token and qry_attr are the frozen
 *    exceptions: fixed for all of ABI 1, they will never gain fields.)
 *  - The core loads a plugin of its own major built against any minor:
 *    every 1.m plugin runs in every 1.n core with n >= m; a plugin of a
 *    newer minor loads as long as the descriptor leaves every field this
 *    core does not know at zero, and is refused otherwise, naming both
 *    versions. Non-zero reserved fields are refused. Another major is
 *    refused, naming file and both versions.
 *
 * Threading classes (after LV2/CLAP):
 *  [main-thread]  create() and destroy() are always called from the thread
 *                 that loaded the pipeline, never concurrently.
 *  [process]      process() is called as the descriptor's `threading` says.
 *  [any-thread]   host functions marked so may be called from process().
 *
 * Ownership, one sentence per pointer:
 *  - descriptor and everything it points to: the plugin's, static, must
 *    outlive the loaded library.
 *  - qry_host table and every string it returns: the core's, valid until
 *    destroy() returns for that instance.
 *  - qry_doc_view and everything it points to: the core's, valid only
 *    during the process() call that received it.
 *  - strings passed to emit/attr functions: the caller's; the core copies
 *    them before the call returns.
 *  - the instance pointer from create(): the plugin's, released in destroy().
 *
 * Only <stdint.h>, <stddef.h> and <stdarg.h> are needed.
 */
#ifndef QUARRY_PLUGIN_H
#define QUARRY_PLUGIN_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* The ABI this header describes. A plugin records these at compile time
 * through QRY_PLUGIN_DESCRIPTOR_INIT. */
#define QRY_ABI_MAJOR 1
#define QRY_ABI_MINOR 1

#if defined(__GNUC__)
#define QRY_EXPORT __attribute__((visibility("default")))
#define QRY_PRINTF(fmt_idx, args_idx) __attribute__((format(printf, fmt_idx, args_idx)))
#else
#define QRY_EXPORT
#define QRY_PRINTF(fmt_idx, args_idx)
#endif

/* ------------------------------------------------------------------------
 * Error codes: 0 is success, every error is negative. One table for core
 * and plugins; the core prints them by name ("QRY_ERR_NOMEM") in records.
 * ---------------------------------------------------------------------- */
enum qry_status {
    QRY_OK = 0,
    QRY_ERR_NOMEM = -1,       /* allocation failed */
    QRY_ERR_INVALID = -2,     /* bad argument or malformed input */
    QRY_ERR_IO = -3,          /* a file could not be read */
    QRY_ERR_CONFIG = -4,      /* an option or data file is wrong */
    QRY_ERR_UNSUPPORTED = -5, /* asked for something this side lacks */
    QRY_ERR_LIMIT = -6,       /* a resource limit was hit (e.g. regex match limit) */
    QRY_ERR_INTERNAL = -7     /* a bug: an invariant did not hold */
};

/* ------------------------------------------------------------------------
 * Options: declared by the plugin, validated by the core against the
 * plugin's INI section before create() runs, read back through the host.
 * ---------------------------------------------------------------------- */
enum qry_option_type {
    QRY_OPT_STRING = 1, /* any text */
    QRY_OPT_INT = 2,    /* decimal integer, fits int64_t */
    QRY_OPT_DOUBLE = 3, /* decimal floating point */
    QRY_OPT_BOOL = 4,   /* true/false, yes/no, on/off, 1/0 */
    QRY_OPT_PATH = 5,   /* a file path; relative ones resolve like resolve_path() */
    QRY_OPT_LIST = 6    /* comma-separated text; the plugin splits it */
};

/* One option a plugin accepts. Static, owned by the plugin. It has no size
 * field of its own: its layout is the one of the descriptor's abi_minor,
 * and it grows only by carving `reserved` (checked zero by the loader). */
typedef struct qry_option_spec {
    const char *name;          /* lower-case key as written in the INI section */
    int type;                  /* enum qry_option_type */
    const char *default_value; /* as INI text; NULL means "no default, unset" */
    const char *help;          /* one line, shown by `quarry plugins NAME` */
    void *reserved[4];         /* must be zero */
} qry_option_spec;

/* ------------------------------------------------------------------------
 * Attributes: the typed values attached to an entity (since 1.1 a plugin
 * declares them, and a later stage reads them back).
 * ---------------------------------------------------------------------- */
enum qry_attr_type {
    QRY_ATTR_STRING = 1, /* UTF-8 text */
    QRY_ATTR_INT = 2,    /* int64_t */
    QRY_ATTR_DOUBLE = 3, /* double */
    QRY_ATTR_BOOL = 4    /* 0 or 1 */
};

/* One attribute an entity type carries (since 1.1). Static, owned by the
 * plugin. Once a plugin declares any, the core refuses an attribute that
 * is not declared for the entity's type or has another type (the record
 * notes the refusal), so the declaration is the truth users read in
 * `quarry plugins NAME` and docs/record-format.md. An INT value is also
 * accepted for a DOUBLE attribute. */
typedef struct qry_attr_spec {
    uint32_t struct_size;    /* sizeof(qry_attr_spec) at the plugin's build */
    int32_t type;            /* enum qry_attr_type */
    const char *entity_type; /* one of the descriptor's entity_types */
    const char *name;        /* short lower-case key: [a-z0-9_]+ */
    const char *help;        /* one line */
    void *reserved[2];       /* must be zero */
} qry_attr_spec;

/* The QRY_ATTR_SPEC("money", "value", QRY_ATTR_DOUBLE, "the amount") initialiser. */
#define QRY_ATTR_SPEC(etype, aname, atype, ahelp)                                         \
    {.struct_size = (uint32_t)sizeof(qry_attr_spec), .type = (atype), .entity_type = (etype), \
     .name = (aname), .help = (ahelp)}

/* ------------------------------------------------------------------------
 * The document view: computed once by the core, shared by every plugin.
 * Offsets are bytes into `text`; `end` is exclusive.
 * ---------------------------------------------------------------------- */
typedef struct qry_span {
    uint32_t start;
    uint32_t end;
} qry_span; /* frozen for ABI 1 */

/* Token flags: a token is exactly one of WORD, NUMBER, PUNCT. */
#define QRY_TOK_WORD 0x01u      /* letters (any script), digits inside allowed: "Su", "2A6", "Zelenskyy" */
#define QRY_TOK_NUMBER 0x02u    /* digits with inner , or . : "2.4", "1,000", "155" */
#define QRY_TOK_PUNCT 0x04u     /* one punctuation or symbol character: "-", "“", "€" */
#define QRY_TOK_CAP 0x08u       /* WORD whose first letter is upper case */
#define QRY_TOK_UPPER 0x10u     /* WORD with every letter upper case */
#define QRY_TOK_SPACE_BEFORE 0x20u /* white space precedes the token */
#define QRY_TOK_NEWLINE_BEFORE 0x40u /* a line break precedes the token */

typedef struct qry_token {
    uint32_t start;
    uint32_t end;
    uint32_t flags;    /* QRY_TOK_* */
    uint32_t sentence; /* index into qry_doc_view.sentences */
} qry_token; /* frozen for ABI 1 */

/* Zero bytes guaranteed after the NUL that ends qry_doc_view.text. */
#define QRY_TEXT_PADDING 32u

typedef struct qry_doc_view {
    uint32_t struct_size; /* sizeof(qry_doc_view) in the core that built it */
    uint32_t reserved0;
    const char *id;       /* NUL-terminated document id */
    const char *text;     /* UTF-8, valid, NUL-terminated at text[text_len], and
                             zero-padded: QRY_TEXT_PADDING more zero bytes follow
                             the NUL, so SIMD scanners may over-read (since 1.0) */
    size_t text_len;      /* bytes */
    const qry_span *paragraphs; /* separated by line breaks; in order */
    size_t n_paragraphs;
    const qry_span *sentences;  /* in order, within paragraphs */
    size_t n_sentences;
    const qry_token *tokens;    /* in order; white space is never a token */
    size_t n_tokens;
    uint64_t ordinal;     /* 0-based position of the document in the input */
    void *reserved[8];
} qry_doc_view;

/* ------------------------------------------------------------------------
 * The host table, filled by the core and handed to create(). Opaque
 * handles: the plugin passes `host` back to every call and never reads
 * beyond what struct_size covers.
 * ---------------------------------------------------------------------- */
typedef struct qry_sink qry_sink; /* opaque: one document's record under construction */

enum qry_log_level { QRY_LOG_ERROR = 0, QRY_LOG_WARN = 1, QRY_LOG_INFO = 2, QRY_LOG_DEBUG = 3 };

typedef struct qry_host qry_host;
struct qry_host {
    uint32_t struct_size; /* sizeof(qry_host) in the core; check before using later fields */
    uint16_t abi_major;   /* the core's ABI */
    uint16_t abi_minor;

    /* [any-thread] Log one line, prefixed by the core with the plugin name.
     * Never fails; a line longer than the core's buffer is truncated. */
    void (*log)(const qry_host *host, int level, const char *fmt, ...) QRY_PRINTF(3, 4);

    /* [any-thread] The option's value as INI text, or its declared default,
     * or NULL when it has neither. Only names the plugin declared are
     * answered (others give NULL). Owned by the core until destroy(). */
    const char *(*option)(const qry_host *host, const char *name);

    /* [any-thread] Typed reads of a declared option, already validated by
     * the core. Return QRY_OK and set *out, QRY_ERR_INVALID when the name
     * is undeclared or of another type, or QRY_ERR_CONFIG when unset. */
    int (*option_int)(const qry_host *host, const char *name, int64_t *out);
    int (*option_double)(const qry_host *host, const char *name, double *out);
    int (*option_bool)(const qry_host *host, const char *name, int *out);

    /* [any-thread] Resolve a data file name to a readable path. Absolute
     * names are checked as they are; relative ones are tried against the
     * pipeline INI's directory, then each QUARRY_DATA_PATH entry, then the
     * core's data directories (build tree conf/, installed share/quarry).
     * Writes a NUL-terminated path into buf and returns its length, or
     * QRY_ERR_IO when no candidate exists (the core logs the list tried),
     * or QRY_ERR_INVALID when buf is too small. */
    int (*resolve_path)(const qry_host *host, const char *name, char *buf, size_t bufsz);

    /* [any-thread] Explain the error the current call is about to return.
     * During create() pass sink = NULL; during process() pass the sink.
     * The core copies the text; the last call before returning wins. */
    void (*set_error)(const qry_host *host, qry_sink *sink, const char *fmt, ...) QRY_PRINTF(3, 4);

    /* [process] Emit one entity of a type the descriptor declares, spanning
     * bytes [start, end) of the document. Returns a handle >= 0 for the
     * attr_* calls, or QRY_ERR_INVALID (bad span or undeclared type; the
     * core records why) or QRY_ERR_NOMEM. The core copies everything. */
    int (*emit)(const qry_host *host, qry_sink *sink, const char *type, size_t start, size_t end);

    /* [process] Attach one attribute to an entity emitted by this call of
     * process(). Keys are short lower-case identifiers; a repeated key
     * replaces the earlier value. Return QRY_OK, QRY_ERR_INVALID (bad
     * handle, key or non-UTF-8 value) or QRY_ERR_NOMEM. */
    int (*attr_string)(const qry_host *host, qry_sink *sink, int entity, const char *key,
                       const char *value, size_t value_len);
    int (*attr_int)(const qry_host *host, qry_sink *sink, int entity, const char *key, int64_t value);
    int (*attr_double)(const qry_host *host, qry_sink *sink, int entity, const char *key, double value);
    int (*attr_bool)(const qry_host *host, qry_sink *sink, int entity, const char *key, int value);

    /* [any-thread] The plugin's name as the pipeline knows it (the INI
     * section name). Owned by the core. */
    const char *(*plugin_name)(const qry_host *host);

    /* [any-thread] Since 1.1 (NULL in a 1.0 core: call it through
     * qry_service() below). The function table of the service `name`
     * ("quarry.text/1": family "quarry.text", version 1), or NULL when
     * this core does not offer it. The table is the core's, static, and
     * opens with its struct_size. */
    const void *(*get_service)(const qry_host *host, const char *name);

    void *reserved[15]; /* NULL; carved by later 1.x minors */
};

/* A service by name, or NULL when the core is older than 1.1 or lacks it.
 * A plugin must run (perhaps with less) when this returns NULL. */
static inline const void *qry_service(const qry_host *host, const char *name)
{
    if (!host || host->abi_minor < 1 || !host->get_service)
        return NULL;
    return host->get_service(host, name);
}

/* ------------------------------------------------------------------------
 * The descriptor: what the plugin is, what it emits, what it accepts.
 * ---------------------------------------------------------------------- */
enum qry_threading {
    QRY_THREAD_SERIAL = 0,     /* one instance; the core never calls process() concurrently */
    QRY_THREAD_PER_WORKER = 1, /* the core creates one instance per worker thread */
    QRY_THREAD_REENTRANT = 2   /* one instance; process() may run concurrently */
};

typedef struct qry_plugin_descriptor {
    uint16_t abi_major;   /* QRY_ABI_MAJOR the plugin was built against */
    uint16_t abi_minor;   /* QRY_ABI_MINOR the plugin was built against */
    uint32_t struct_size; /* sizeof(qry_plugin_descriptor) at the plugin's build */

    const char *name;        /* short identifier: [a-z0-9_]+ */
    const char *version;     /* the plugin's own version, e.g. "1.2.0" */
    const char *description; /* one line */
    const char *const *entity_types;             /* NULL-terminated, at least one */
    const qry_option_spec *const *options;       /* NULL-terminated; may be NULL */
    int threading;                               /* enum qry_threading */

    /* [main-thread] Build an instance from the validated options. Return
     * QRY_OK and set *instance (may be NULL if the plugin is stateless), or
     * a negative code after host->set_error(host, NULL, ...). On failure the
     * plugin frees everything it took; destroy() is not called. */
    int (*create)(const qry_host *host, void **instance);

    /* [process] Find entities in one document and emit them through
     * host->emit. Return QRY_OK, or a negative code after set_error: the
     * core records the error in that document's record (keeping what was
     * emitted) and the run goes on. */
    int (*process)(void *instance, const qry_doc_view *doc, qry_sink *sink);

    /* [main-thread] Free the instance. Called once per successful create(). */
    void (*destroy)(void *instance);

    /* Since 1.1; NULL when unused. The entity types this plugin reads from
     * the stages before it in the pipeline (through "quarry.entities/1"),
     * NULL-terminated. `quarry check` reports a type no earlier stage
     * emits; only these types are shown to the plugin. */
    const char *const *consumes;

    /* Since 1.1; NULL when undeclared. The attributes each entity type
     * carries, NULL-terminated (see qry_attr_spec). */
    const qry_attr_spec *const *attributes;

    void *reserved[6]; /* must be NULL; carved by later 1.x minors */
} qry_plugin_descriptor;

/* Fills the three leading fields; start every descriptor with it:
 *   static const qry_plugin_descriptor d = { QRY_PLUGIN_DESCRIPTOR_INIT, .name = "x", ... }; */
#define QRY_PLUGIN_DESCRIPTOR_INIT                                                      \
    .abi_major = QRY_ABI_MAJOR, .abi_minor = QRY_ABI_MINOR,                            \
    .struct_size = (uint32_t)sizeof(qry_plugin_descriptor)

/* ========================================================================
 * Services (since 1.1). Fetch with qry_service(host, NAME); each table is
 * the core's, static, valid for the life of the instance, and opens with
 * struct_size: a newer core may append functions, and a plugin reads a
 * function only when struct_size covers it (QRY_HAS(ptr, type, field)).
 * A service's number changes only when a function changes meaning; then
 * the core keeps answering the old number too.
 * ====================================================================== */
#define QRY_HAS(ptr, type, field) \
    ((ptr) && (ptr)->struct_size >= offsetof(type, field) + sizeof(((type *)0)->field))

/* ------------------------------------------------------------------------
 * "quarry.entities/1": what earlier stages found (stage composition).
 * ---------------------------------------------------------------------- */
#define QRY_SERVICE_ENTITIES "quarry.entities/1"

/* One attribute value. Frozen for ABI 1. */
typedef struct qry_attr {
    const char *key;   /* NUL-terminated */
    int32_t type;      /* enum qry_attr_type */
    uint32_t reserved0;
    const char *str;   /* STRING: the value, NUL-terminated; else NULL */
    size_t str_len;    /* STRING: bytes, without the NUL */
    int64_t i;         /* INT; BOOL as 0/1 */
    double d;          /* DOUBLE (and INT converted) */
} qry_attr;

/* One entity an earlier stage emitted. */
typedef struct qry_entity {
    uint32_t struct_size;   /* sizeof(qry_entity) in the core */
    uint32_t stage;         /* 0-based position of the emitting stage */
    const char *type;
    const char *stage_name; /* the emitting stage's name in the pipeline */
    size_t start, end;      /* bytes into the document text, end exclusive */
    const qry_attr *attrs;  /* n_attrs of them, in the order they were set */
    size_t n_attrs;
    void *reserved[4];
} qry_entity;

typedef struct qry_entities_service {
    uint32_t struct_size;
    uint32_t reserved0;

    /* [process] The entities the stages before this one emitted for the
     * document being processed, only of the types the descriptor lists in
     * `consumes`, sorted by start, longer span first, then pipeline order.
     * They are as emitted: overlaps are resolved only after the last stage.
     * *n gets the count. Core-owned; valid until process() returns. */
    const qry_entity *const *(*list)(const qry_host *host, qry_sink *sink, size_t *n);

    /* [process] The first entity of list() (in its order) that overlaps
     * bytes [start, end) and has type `type` (NULL: any type), or NULL. */
    const qry_entity *(*overlapping)(const qry_host *host, qry_sink *sink, size_t start, size_t end,
                                     const char *type);

    /* [any-thread] The attribute `key` of e, or NULL. Same lifetime as e. */
    const qry_attr *(*attr)(const qry_entity *e, const char *key);
} qry_entities_service;

/* ------------------------------------------------------------------------
 * "quarry.text/1": Unicode classes, case and accent folding, token helpers.
 * The very code the core's segmenter uses (backed by utf8proc), so a
 * plugin's notion of a letter or a capital agrees with the token flags.
 * Every function is [any-thread] and pure; none allocates.
 * ---------------------------------------------------------------------- */
#define QRY_SERVICE_TEXT "quarry.text/1"

/* Classes of one code point (qry_text_service.classify). */
#define QRY_CP_LETTER 0x001u     /* a letter, or a mark inside a word (any script) */
#define QRY_CP_UPPER 0x002u      /* upper- or title-case letter: "Ł", "Ž", "Σ", "Д" */
#define QRY_CP_LOWER 0x004u      /* lower-case letter */
#define QRY_CP_DIGIT 0x008u      /* ASCII digit 0-9 */
#define QRY_CP_SPACE 0x010u      /* white space, including no-break and zero-width spaces */
#define QRY_CP_NEWLINE 0x020u    /* a line or paragraph break: \n, U+2028, U+2029 */
#define QRY_CP_PUNCT 0x040u      /* punctuation or a symbol: a one-code-point PUNCT token */
#define QRY_CP_DASH 0x080u       /* any dash: - ‐ ‑ ‒ – — ― − (also HYPHEN) */
#define QRY_CP_HYPHEN 0x100u     /* a dash short enough to join words: - ‐ ‑ ‒ – − */
#define QRY_CP_APOSTROPHE 0x200u /* ' and its typographic forms: ’ ʼ ′ */
#define QRY_CP_QUOTE 0x400u      /* a quotation mark: " “ ” „ ‟ « » ‘ ’ ‚ ‛ ‹ › */

/* Folding flags (fold, token_equals). */
#define QRY_FOLD_CASE 0x1u    /* full Unicode case folding: "Straße" ~ "strasse" */
#define QRY_FOLD_ACCENTS 0x2u /* strip marks after decomposition: "Łódź" ~ "lodz" */
#define QRY_FOLD_PUNCT 0x4u   /* dashes to '-', apostrophes to '\'', quotes to '"', spaces to ' ' */
#define QRY_FOLD_KEY (QRY_FOLD_CASE | QRY_FOLD_ACCENTS | QRY_FOLD_PUNCT) /* lookup keys */

typedef struct qry_text_service {
    uint32_t struct_size;
    uint32_t reserved0;

    /* The code point at s[*pos] (pos < len); advances *pos past it. A
     * malformed sequence gives 0xFFFD and advances one byte. */
    uint32_t (*decode)(const char *s, size_t len, size_t *pos);

    /* Writes cp as UTF-8 into out (4 bytes room); returns the byte count,
     * or 0 for a surrogate or a value past U+10FFFF. */
    size_t (*encode)(uint32_t cp, char out[4]);

    /* The offset of the first byte of s[0..len) that is not valid UTF-8
     * (overlongs, surrogates and values past U+10FFFF are invalid), or len. */
    size_t (*validate)(const char *s, size_t len);

    /* QRY_CP_* classes of cp. Every code point has exactly one of LETTER,
     * DIGIT, SPACE or PUNCT (controls, unassigned and private-use code
     * points are PUNCT), as the segmenter sees it, plus refinements. */
    uint32_t (*classify)(uint32_t cp);

    /* Simple (one code point) case mappings; cp itself when it has none. */
    uint32_t (*to_lower)(uint32_t cp);
    uint32_t (*to_upper)(uint32_t cp);

    /* s[0..len) folded by `flags` (QRY_FOLD_*) into out[outsz], always
     * NUL-terminated when outsz > 0. Returns the full length (without the
     * NUL) like snprintf: a result >= outsz means it was cut, so call again
     * with more room. QRY_FOLD_ACCENTS also maps the letters that have no
     * decomposition to their plain Latin base ("ł" -> "l", "ø" -> "o",
     * "æ" -> "ae", "ß" -> "ss"). Invalid UTF-8 becomes U+FFFD. */
    size_t (*fold)(const char *s, size_t len, unsigned flags, char *out, size_t outsz);

    /* Whether token `tok` of doc reads `lit` (NUL-terminated UTF-8), after
     * folding both by `flags` (0: byte-exact). 0 when tok is out of range. */
    int (*token_equals)(const qry_doc_view *doc, size_t tok, const char *lit, unsigned flags);

    /* The index of the first token ending after byte `offset`
     * (doc->n_tokens when none): the token at or after the offset. */
    size_t (*token_at)(const qry_doc_view *doc, size_t offset);
} qry_text_service;

/* ------------------------------------------------------------------------
 * "quarry.table/1": data files read the same way by every plugin.
 * A table is a text file found like resolve_path() finds it: one record a
 * line, tab-separated columns, '#' starting a comment line, blank lines
 * skipped, every line valid UTF-8. Each bad line is reported as
 * "PATH:LINE: message" and skipped, all of them in one pass; the plugin
 * adds its own per-row complaints with reject(). The reports reach the
 * user with the INI line of the option that named the file, in `quarry
 * check` and when create() fails.
 * ---------------------------------------------------------------------- */
#define QRY_SERVICE_TABLE "quarry.table/1"

typedef struct qry_table qry_table; /* opaque; one reader, the plugin's */

/* open() flags */
#define QRY_TABLE_TRIM 0x1u        /* strip blanks around every cell */
#define QRY_TABLE_INLINE_HASH 0x2u /* '#' after a blank also starts a comment */

typedef struct qry_table_service {
    uint32_t struct_size;
    uint32_t reserved0;

    /* [main-thread] Read the table `name` (an option value or a default
     * data file name) whole. Lines with fewer than min_cols or (when
     * max_cols > 0) more than max_cols columns are reported and skipped.
     * Returns the table (check errors() before trusting it), or NULL when
     * the file cannot be found or read (reported too) or memory ran out.
     * Owned by the plugin until close(). */
    qry_table *(*open)(const qry_host *host, const char *name, unsigned min_cols, unsigned max_cols,
                       unsigned flags);

    /* Rows kept (good lines), in file order. */
    size_t (*rows)(const qry_table *t);

    /* Columns of row `row`. */
    size_t (*cols)(const qry_table *t, size_t row);

    /* Cell (row, col): NUL-terminated, owned by the table; "" past the last
     * column. *len gets its length when len is not NULL. */
    const char *(*cell)(const qry_table *t, size_t row, size_t col, size_t *len);

    /* The 1-based line number of row `row` in the file. */
    size_t (*line)(const qry_table *t, size_t row);

    /* The path the table was read from. Owned by the table. */
    const char *(*path)(const qry_table *t);

    /* Report row `row` as wrong ("PATH:LINE: message"); the plugin then
     * skips it. Reported with the table's own complaints. */
    void (*reject)(qry_table *t, size_t row, const char *fmt, ...) QRY_PRINTF(3, 4);

    /* How many lines were reported so far (the table's and reject()'s). A
     * plugin that got any should fail create() with QRY_ERR_CONFIG. */
    size_t (*errors)(const qry_table *t);

    /* [main-thread] Free the table. NULL is a no-op. */
    void (*close)(qry_table *t);
} qry_table_service;

/* ------------------------------------------------------------------------
 * "quarry.diag/1": more than one error from create(), each where it belongs.
 * ---------------------------------------------------------------------- */
#define QRY_SERVICE_DIAG "quarry.diag/1"

typedef struct qry_diag_service {
    uint32_t struct_size;
    uint32_t reserved0;

    /* [main-thread] Report that option `option` (declared by the plugin)
     * has a value create() cannot use. The user sees it with the INI file,
     * line, section and key. Call once per problem, then fail create()
     * with QRY_ERR_CONFIG (set_error is then optional). */
    void (*option_error)(const qry_host *host, const char *option, const char *fmt, ...) QRY_PRINTF(3, 4);

    /* [main-thread] Report a problem at line `line` (0: none) of the data
     * file `path`, e.g. from a format the table service does not read. */
    void (*file_error)(const qry_host *host, const char *path, size_t line, const char *fmt, ...)
        QRY_PRINTF(4, 5);
} qry_diag_service;

/* The one symbol every plugin exports. Name frozen forever: a plugin of
 * another ABI major still exports it, so the core can say which ABI it is.
 * [main-thread] Returns a pointer to static storage; never NULL. */
#define QRY_PLUGIN_ENTRY_SYMBOL "quarry_plugin_entry"
QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void);

#ifdef __cplusplus
}
#endif
#endif /* QUARRY_PLUGIN_H */
