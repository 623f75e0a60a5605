/*
 * quarry/plugin.h -- the whole quarry plugin ABI, version 1.0.
 *
 * FROZEN COPY (tests/abi/v1_0): the header exactly as ABI 1.0 was released.
 * Never edit it; test plugins built against it prove that every later
 * core still loads and runs a 1.0 plugin, and test_abi_layout compares
 * the live header with it field by field.
 *
 * A plugin is a shared object that exports exactly one symbol,
 * quarry_plugin_entry(), returning a static descriptor. Everything else the
 * plugin needs from the core (logging, options, data paths, emitting
 * entities, reporting errors) comes through the qry_host table handed to
 * create(). A plugin never links against libquarry.
 *
 * Compatibility rules (ABI 1.x):
 *  - Every struct here that the other side reads opens with a size or
 *    version field; fields are only ever appended within a major version,
 *    and the reader checks struct_size before touching a later field.
 *  - Lists are NULL-terminated arrays of pointers, never arrays of structs
 *    that could grow. (qry_span and qry_token are the two frozen exceptions:
 *    they are fixed for all of ABI 1 and will never gain fields.)
 *  - A plugin built against ABI 1.m loads in every core 1.n; the core
 *    refuses a plugin whose abi_major differs, naming file and both versions.
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
#define QRY_ABI_MINOR 0

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

/* One option a plugin accepts. Static, owned by the plugin. */
typedef struct qry_option_spec {
    const char *name;          /* lower-case key as written in the INI section */
    int type;                  /* enum qry_option_type */
    const char *default_value; /* as INI text; NULL means "no default, unset" */
    const char *help;          /* one line, shown by `quarry plugins NAME` */
    void *reserved[4];         /* must be zero */
} qry_option_spec;

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

    void *reserved[16]; /* always NULL in ABI 1.0 */
};

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

    void *reserved[8]; /* must be NULL */
} qry_plugin_descriptor;

/* Fills the three leading fields; start every descriptor with it:
 *   static const qry_plugin_descriptor d = { QRY_PLUGIN_DESCRIPTOR_INIT, .name = "x", ... }; */
#define QRY_PLUGIN_DESCRIPTOR_INIT                                                      \
    .abi_major = QRY_ABI_MAJOR, .abi_minor = QRY_ABI_MINOR,                            \
    .struct_size = (uint32_t)sizeof(qry_plugin_descriptor)

/* The one symbol every plugin exports. Name frozen forever: a plugin of
 * another ABI major still exports it, so the core can say which ABI it is.
 * [main-thread] Returns a pointer to static storage; never NULL. */
#define QRY_PLUGIN_ENTRY_SYMBOL "quarry_plugin_entry"
QRY_EXPORT const qry_plugin_descriptor *quarry_plugin_entry(void);

#ifdef __cplusplus
}
#endif
#endif /* QUARRY_PLUGIN_H */
