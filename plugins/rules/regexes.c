/* regexes.c -- PCRE2 rules: REGEX, TYPE, key=value...
 *
 * Each expression is compiled once (UTF, Unicode properties, JIT) and run
 * over the whole document text. A match counts only when it starts where a
 * token starts and ends where a token ends, as phrases and patterns do, so
 * "\d+ km" never fires inside "2023-03-12" and no one needs \b. Named
 * groups become attributes of the same name: they must be attribute names
 * the plugin declares, checked when the file is read.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

/* Enough for any sane expression on a news article; a runaway one fails
 * that document with QRY_ERR_LIMIT instead of stalling the run. */
#define RX_MATCH_LIMIT 1000000u

typedef struct rx_group {
    uint32_t number;
    const char *key; /* static attribute name */
} rx_group;

typedef struct rx_rule {
    pcre2_code *code;
    uint32_t rule;
    rx_group *groups;
    uint32_t n_groups;
} rx_rule;

struct rl_regexes {
    rx_rule *items;
    size_t n, cap;
    uint32_t max_pairs;
    pcre2_match_context *mctx;
};

rl_regexes *rl_regexes_new(void) { return calloc(1, sizeof(rl_regexes)); }

void rl_regexes_free(rl_regexes *r)
{
    if (!r)
        return;
    for (size_t k = 0; k < r->n; k++) {
        pcre2_code_free(r->items[k].code);
        free(r->items[k].groups);
    }
    free(r->items);
    pcre2_match_context_free(r->mctx);
    free(r);
}

size_t rl_regexes_count(const rl_regexes *r) { return r ? r->n : 0; }

/* The named groups of code as attributes; -1 after reporting a bad name. */
static int read_groups(rl_loader *ld, qry_table *t, size_t row, const rl_rule *tmp, pcre2_code *code, rx_rule *out)
{
    uint32_t count = 0, entry_size = 0;
    PCRE2_SPTR table = NULL;
    pcre2_pattern_info(code, PCRE2_INFO_NAMECOUNT, &count);
    if (!count)
        return 0;
    pcre2_pattern_info(code, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
    pcre2_pattern_info(code, PCRE2_INFO_NAMETABLE, &table);
    out->groups = calloc(count, sizeof *out->groups);
    if (!out->groups) {
        ld->oom = 1;
        return -1;
    }
    for (uint32_t k = 0; k < count; k++) {
        PCRE2_SPTR e = table + (size_t)k * entry_size;
        const char *name = (const char *)e + 2;
        const char *key = rl_attr_named(name);
        char list[256];
        if (!key || strcmp(key, "rule") == 0) {
            rl_list_attrs(list, sizeof list);
            rl_reject(ld, t, row, "named group '%s' is not an attribute rules can set (allowed: %s)", name, list);
            return -1;
        }
        for (uint32_t a = 0; a < tmp->n_attrs; a++)
            if (tmp->attrs[a].key == key) {
                rl_reject(ld, t, row, "attribute '%s' is set both by a named group and by a key=value cell", name);
                return -1;
            }
        out->groups[out->n_groups++] = (rx_group){((uint32_t)e[0] << 8) | e[1], key};
    }
    return 0;
}

int rl_regexes_load(rl_loader *ld, rl_regexes *r, const char *file)
{
    const qry_table_service *ts = ld->tables;
    if (!r->mctx) {
        if (!(r->mctx = pcre2_match_context_create(NULL))) {
            ld->oom = 1;
            return -1;
        }
        pcre2_set_match_limit(r->mctx, RX_MATCH_LIMIT);
    }
    qry_table *t = ts->open(ld->host, file, 1, 0, 0);
    if (!t) {
        if (ld->n_errors++ == 0)
            snprintf(ld->first_error, sizeof ld->first_error, "cannot read regex file '%s'", file);
        return -1;
    }
    size_t before = ts->errors(t);
    ld->n_errors += before;
    if (before && !ld->first_error[0])
        snprintf(ld->first_error, sizeof ld->first_error, "%s: %zu bad line%s", ts->path(t), before,
                 before == 1 ? "" : "s");
    for (size_t row = 0; row < ts->rows(t) && !ld->oom; row++) {
        size_t len;
        const char *pattern = ts->cell(t, row, 0, &len);
        rl_rule tmp;
        memset(&tmp, 0, sizeof tmp);
        if (rl_parse_rule_cells(ld, t, row, 2, RL_REGEX, &tmp, 0, NULL) != 0)
            continue;
        int ec;
        PCRE2_SIZE at;
        pcre2_code *code = pcre2_compile((PCRE2_SPTR)pattern, len, PCRE2_UTF | PCRE2_UCP, &ec, &at, NULL);
        if (!code) {
            PCRE2_UCHAR msg[256];
            pcre2_get_error_message(ec, msg, sizeof msg);
            rl_reject(ld, t, row, "bad regular expression: %s at offset %zu", (const char *)msg, (size_t)at);
            continue;
        }
        uint32_t min_len = 1;
        pcre2_pattern_info(code, PCRE2_INFO_MINLENGTH, &min_len);
        rx_rule rx = {code, 0, NULL, 0};
        if (min_len == 0) {
            rl_reject(ld, t, row, "the regular expression can match the empty string");
            pcre2_code_free(code);
            continue;
        }
        if (read_groups(ld, t, row, &tmp, code, &rx) != 0) {
            pcre2_code_free(code);
            free(rx.groups);
            continue;
        }
        (void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE); /* without JIT it still matches, slower */
        if (r->n == r->cap) {
            size_t cap = r->cap ? r->cap * 2 : 16;
            rx_rule *grown = realloc(r->items, cap * sizeof *grown);
            if (grown) {
                r->items = grown;
                r->cap = cap;
            }
        }
        rl_rule *rule = r->n < r->cap ? rl_rule_new(ld) : NULL;
        if (!rule) {
            ld->oom = 1;
            pcre2_code_free(code);
            free(rx.groups);
            break;
        }
        *rule = tmp;
        rule->where = rl_where(ld, t, row);
        rx.rule = (uint32_t)(ld->rules->n - 1);
        uint32_t pairs = 0;
        pcre2_pattern_info(code, PCRE2_INFO_CAPTURECOUNT, &pairs);
        if (pairs + 1 > r->max_pairs)
            r->max_pairs = pairs + 1;
        r->items[r->n++] = rx;
    }
    ts->close(t);
    return ld->oom ? -1 : 0;
}

/* The token starting at byte `at`, or n_tokens. */
static size_t token_starting(const qry_doc_view *doc, size_t at)
{
    size_t lo = 0, hi = doc->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].start < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < doc->n_tokens && doc->tokens[lo].start == at ? lo : doc->n_tokens;
}

/* The token ending at byte `at`, or n_tokens. */
static size_t token_ending(const qry_doc_view *doc, size_t at)
{
    size_t lo = 0, hi = doc->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].end < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < doc->n_tokens && doc->tokens[lo].end == at ? lo : doc->n_tokens;
}

int rl_regexes_match(const rl_regexes *r, const qry_doc_view *doc, rl_cands *out, uint32_t *failed_rule)
{
    if (!r || !r->n || !doc->n_tokens)
        return QRY_OK;
    pcre2_match_data *md = pcre2_match_data_create(r->max_pairs, NULL);
    if (!md)
        return QRY_ERR_NOMEM;
    int status = QRY_OK;
    for (size_t k = 0; k < r->n && status != QRY_ERR_NOMEM; k++) {
        const rx_rule *rx = &r->items[k];
        size_t off = 0;
        while (off < doc->text_len) {
            int rc = pcre2_match(rx->code, (PCRE2_SPTR)doc->text, doc->text_len, off, PCRE2_NO_UTF_CHECK, md, r->mctx);
            if (rc == PCRE2_ERROR_NOMATCH)
                break;
            if (rc < 0) { /* a match or depth limit: this rule gives up on this document */
                *failed_rule = rx->rule;
                status = QRY_ERR_LIMIT;
                break;
            }
            const PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
            size_t s = ov[0], e = ov[1];
            size_t ts = token_starting(doc, s), te = e > s ? token_ending(doc, e) : doc->n_tokens;
            if (ts < doc->n_tokens && te < doc->n_tokens && te >= ts) {
                if (rl_cands_add(out, doc, ts, te + 1, rx->rule) != QRY_OK) {
                    status = QRY_ERR_NOMEM;
                    break;
                }
                for (uint32_t g = 0; g < rx->n_groups; g++) {
                    uint32_t n = rx->groups[g].number;
                    if ((int)n < rc && ov[2 * n] != PCRE2_UNSET &&
                        rl_cands_add_capture(out, rx->groups[g].key, ov[2 * n], ov[2 * n + 1]) != QRY_OK) {
                        status = QRY_ERR_NOMEM;
                        break;
                    }
                }
                off = e;
            } else { /* off the token grid: try again one character later */
                off = s + 1;
                while (off < doc->text_len && ((unsigned char)doc->text[off] & 0xC0) == 0x80)
                    off++;
            }
        }
    }
    pcre2_match_data_free(md);
    return status;
}
