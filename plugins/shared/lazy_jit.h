/* lazy_jit.h -- a PCRE2 pattern that is JIT-compiled the first time it is
 * matched, for the shipped plugins (money, weapons).
 *
 * JIT-compiling every pattern in create() was a third of quarry's start-up,
 * and most runs match few of them. Workers share a plugin's patterns: the
 * first to need one compiles a copy and publishes it, a worker that lost the
 * race frees its own copy. Where JIT fails (an unsupported CPU, no executable
 * memory) the bytecode itself is published and interpreted: slower, not
 * wrong. Header-only: every plugin is a shared object of its own.
 *
 * Ownership: a qp_lazy_jit owns `code` (given to qp_lazy_jit_init) and the
 * JIT copy; qp_lazy_jit_fini frees both. Thread-safety: qp_lazy_jit_match
 * may run in any number of threads at once; init and fini may not. */
#ifndef QUARRY_PLUGINS_LAZY_JIT_H
#define QUARRY_PLUGINS_LAZY_JIT_H

#ifndef PCRE2_CODE_UNIT_WIDTH
#define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include <stdatomic.h>
#include <stddef.h>

typedef struct qp_lazy_jit {
    pcre2_code *code;          /* compiled at load, so a bad pattern is reported then */
    _Atomic(pcre2_code *) jit; /* NULL until first matched; then code's JIT copy, or code */
} qp_lazy_jit;

static inline void qp_lazy_jit_init(qp_lazy_jit *lj, pcre2_code *code)
{
    lj->code = code;
    atomic_init(&lj->jit, NULL);
}

static inline void qp_lazy_jit_fini(qp_lazy_jit *lj)
{
    pcre2_code *jit = atomic_load(&lj->jit);
    if (jit != lj->code)
        pcre2_code_free(jit);
    pcre2_code_free(lj->code);
    lj->code = NULL;
    atomic_store(&lj->jit, NULL);
}

/* The code to match with. The cache is the only thing a match changes, set
 * once and never again: hence the cast from const. */
static inline const pcre2_code *qp_lazy_jit_get(const qp_lazy_jit *lj)
{
    _Atomic(pcre2_code *) *slot = (_Atomic(pcre2_code *) *)&lj->jit;
    pcre2_code *have = atomic_load_explicit(slot, memory_order_acquire);
    if (have)
        return have;
    pcre2_code *copy = pcre2_code_copy(lj->code);
    if (!copy)
        return lj->code; /* out of memory: interpreted this time */
    if (pcre2_jit_compile(copy, PCRE2_JIT_COMPLETE) != 0) {
        pcre2_code_free(copy);
        copy = lj->code;
    }
    pcre2_code *expected = NULL;
    if (!atomic_compare_exchange_strong_explicit(slot, &expected, copy, memory_order_acq_rel,
                                                 memory_order_acquire)) {
        if (copy != lj->code)
            pcre2_code_free(copy);
        return expected;
    }
    return copy;
}

/* pcre2_match's answer for text[0..len) from `from`: through JIT's fast
 * path, which skips pcre2_match's per-call checks (the core hands plugins
 * valid UTF-8), or the interpreter for a pattern without JIT code. */
static inline int qp_lazy_jit_match(const qp_lazy_jit *lj, const char *text, size_t len, size_t from,
                                    pcre2_match_data *md, pcre2_match_context *mctx)
{
    const pcre2_code *code = qp_lazy_jit_get(lj);
    int rc = pcre2_jit_match(code, (PCRE2_SPTR)text, len, from, 0, md, mctx);
    if (rc == PCRE2_ERROR_JIT_BADOPTION)
        rc = pcre2_match(code, (PCRE2_SPTR)text, len, from, PCRE2_NO_UTF_CHECK, md, mctx);
    return rc;
}

#endif
