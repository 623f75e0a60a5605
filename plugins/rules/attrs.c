/* attrs.c -- the parts every rule line shares: its entity type, its
 * key=value attribute cells, and how a bad line is reported. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules.h"

rl_rule *rl_rule_new(rl_loader *ld)
{
    rl_rules *rs = ld->rules;
    if (rs->n == rs->cap) {
        size_t cap = rs->cap ? rs->cap * 2 : 64;
        rl_rule *grown = realloc(rs->rules, cap * sizeof *grown);
        if (!grown) {
            ld->oom = 1;
            return NULL;
        }
        rs->rules = grown;
        rs->cap = cap;
    }
    rl_rule *r = &rs->rules[rs->n++];
    memset(r, 0, sizeof *r);
    return r;
}

void rl_reject(rl_loader *ld, qry_table *t, size_t row, const char *fmt, ...)
{
    char msg[384];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ld->tables->reject(t, row, "%s", msg);
    if (ld->n_errors++ == 0)
        snprintf(ld->first_error, sizeof ld->first_error, "%s:%zu: %s", ld->tables->path(t),
                 ld->tables->line(t, row), msg);
}

const char *rl_where(rl_loader *ld, const qry_table *t, size_t row)
{
    char buf[1200];
    int n = snprintf(buf, sizeof buf, "%s:%zu", ld->tables->path(t), ld->tables->line(t, row));
    if (n < 0 || (size_t)n >= sizeof buf)
        n = (int)strlen(buf);
    const char *w = rl_pool_dup(ld->pool, buf, (size_t)n);
    if (!w)
        ld->oom = 1;
    return w;
}

int rl_parse_rule_cells(rl_loader *ld, qry_table *t, size_t row, size_t first_attr_col, int kind, rl_rule *r,
                        int flags_ok, int *case_mode)
{
    const qry_table_service *ts = ld->tables;
    static const char *const first_col[] = {"PHRASE", "PATTERN", "REGEX"};
    if (ts->cols(t, row) < first_attr_col) {
        rl_reject(ld, t, row, "1 column: expected %s, TYPE, then optional key=value cells, separated by tabs",
                  first_col[kind]);
        return -1;
    }
    const char *type = ts->cell(t, row, first_attr_col - 1, NULL);
    char list[256];
    r->kind = (uint32_t)kind;
    r->type = rl_type_named(type);
    if (!r->type) {
        rl_list_types(list, sizeof list);
        if (!*type)
            rl_reject(ld, t, row, "no entity type in column %zu (one of: %s)", first_attr_col, list);
        else
            rl_reject(ld, t, row, "unknown entity type '%s' (rules emits: %s)", type, list);
        return -1;
    }
    if (case_mode)
        *case_mode = -1;
    size_t n_cells = ts->cols(t, row), n_attrs = 0;
    for (size_t c = first_attr_col; c < n_cells; c++)
        if (strchr(ts->cell(t, row, c, NULL), '='))
            n_attrs++;
    r->attrs = n_attrs ? rl_pool_alloc(ld->pool, n_attrs * sizeof *r->attrs) : NULL;
    if (n_attrs && !r->attrs) {
        ld->oom = 1;
        return -1;
    }
    for (size_t c = first_attr_col; c < n_cells; c++) {
        size_t len;
        const char *cell = ts->cell(t, row, c, &len);
        const char *eq = strchr(cell, '=');
        if (!eq) {
            if (flags_ok && strcmp(cell, "case") == 0) {
                *case_mode = 1;
                continue;
            }
            if (flags_ok && strcmp(cell, "anycase") == 0) {
                *case_mode = 0;
                continue;
            }
            if (!*cell)
                continue; /* an empty cell between tabs */
            rl_reject(ld, t, row, "column %zu: expected key=value%s, got '%s'", c + 1,
                      flags_ok ? ", 'case' or 'anycase'" : "", cell);
            return -1;
        }
        char key[64];
        size_t klen = (size_t)(eq - cell);
        if (klen >= sizeof key)
            klen = sizeof key - 1;
        memcpy(key, cell, klen);
        key[klen] = '\0';
        const char *name = rl_attr_named(key);
        if (!name || strcmp(name, "rule") == 0) {
            rl_list_attrs(list, sizeof list);
            rl_reject(ld, t, row, "column %zu: unknown attribute '%s' (allowed: %s)", c + 1, key, list);
            return -1;
        }
        if (eq[1] == '\0') {
            rl_reject(ld, t, row, "column %zu: attribute '%s' has no value", c + 1, key);
            return -1;
        }
        for (uint32_t k = 0; k < r->n_attrs; k++)
            if (r->attrs[k].key == name) {
                rl_reject(ld, t, row, "column %zu: attribute '%s' set twice", c + 1, key);
                return -1;
            }
        const char *value = rl_pool_dup(ld->pool, eq + 1, len - (size_t)(eq + 1 - cell));
        if (!value) {
            ld->oom = 1;
            return -1;
        }
        r->attrs[r->n_attrs++] = (rl_attr){name, value};
    }
    return 0;
}
