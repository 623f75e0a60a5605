/* actors.c -- who can give or receive: countries.tsv (demonyms and capitals,
 * generated from a maintained data package) and actors.tsv (organisations,
 * government metonyms, leaders, and the words that make a demonym an actor).
 * actors.tsv is read second and may correct a line of countries.tsv. */
#include <stdlib.h>
#include <string.h>

#include "transfers.h"

static int is_alpha2(const char *s)
{
    return strlen(s) == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z';
}

/* An organisation's short name: letters, digits and spaces, at most 15 bytes. */
static int is_org_code(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n >= TR_CODE_MAX)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' '))
            return 0;
    }
    return 1;
}

static int push_entry(tr_gazetteer *gz, tr_actor_entry e)
{
    tr_actor_entry *grown = realloc(gz->entries, (gz->n_entries + 1) * sizeof *grown);
    if (!grown)
        return -1;
    gz->entries = grown;
    gz->entries[gz->n_entries++] = e;
    return 0;
}

/* Add `phrase` for entry e. Returns 0, -1 out of memory, or -2 when the
 * phrase is a duplicate that may not replace the earlier one (reported). */
static int add_phrase(tr_gazetteer *gz, const qry_text_service *text, const char *phrase, tr_actor_entry e,
                      size_t replaceable_below, const qry_table_service *ts, qry_table *t, size_t row)
{
    int32_t earlier = -1;
    int rc = tr_phrases_add(gz->phrases, text, phrase, 1, (int32_t)gz->n_entries, &earlier);
    if (rc == -1)
        return -1;
    if (rc == -2) {
        ts->reject(t, row, "no word in '%s'", phrase);
        return -2;
    }
    if (rc == -3) {
        if ((size_t)earlier < replaceable_below) { /* a correction of countries.tsv */
            gz->entries[earlier] = e;
            return 0;
        }
        ts->reject(t, row, "'%s' is listed twice", phrase);
        return -2;
    }
    return push_entry(gz, e);
}

static int add_capital(tr_gazetteer *gz, const qry_text_service *text, const char *name, const char *cc)
{
    char key[256];
    size_t n = tr_fold(text, name, strlen(name), key, sizeof key);
    if (n >= sizeof key)
        n = sizeof key - 1;
    tr_capital *grown = realloc(gz->capitals, (gz->n_capitals + 1) * sizeof *grown);
    if (!grown)
        return -1;
    gz->capitals = grown;
    tr_capital *c = &gz->capitals[gz->n_capitals];
    c->key = malloc(n + 1);
    if (!c->key)
        return -1;
    memcpy(c->key, key, n + 1);
    memcpy(c->cc, cc, 3);
    gz->n_capitals++;
    return 0;
}

/* Each '|'-separated item of `list` ("-" for none) through fn. */
typedef int (*item_fn)(tr_gazetteer *gz, const qry_text_service *text, const char *item, const char *cc, void *ctx);

static int each_item(tr_gazetteer *gz, const qry_text_service *text, const char *list, const char *cc, item_fn fn,
                     void *ctx)
{
    if (strcmp(list, "-") == 0)
        return 0;
    char buf[1024];
    size_t n = strlen(list);
    if (n >= sizeof buf)
        n = sizeof buf - 1;
    memcpy(buf, list, n);
    buf[n] = '\0';
    for (char *s = buf, *bar; s; s = bar ? bar + 1 : NULL) {
        bar = strchr(s, '|');
        if (bar)
            *bar = '\0';
        if (*s && fn(gz, text, s, cc, ctx))
            return -1;
    }
    return 0;
}

typedef struct row_ctx {
    const qry_table_service *ts;
    qry_table *t;
    size_t row;
} row_ctx;

static int demonym_item(tr_gazetteer *gz, const qry_text_service *text, const char *item, const char *cc, void *ctx)
{
    row_ctx *rc = ctx;
    tr_actor_entry e = {.word = TR_W_DEMONYM};
    memcpy(e.code, cc, 3);
    if (add_phrase(gz, text, item, e, 0, rc->ts, rc->t, rc->row) == -1)
        return -1;
    /* "Ukrainians", "Israelis": the people, as an actor of their own */
    size_t n = strlen(item);
    if (n > 2 && n < 120 && (item[n - 1] == 'n' || item[n - 1] == 'i')) {
        char plural[128];
        memcpy(plural, item, n);
        plural[n] = 's';
        plural[n + 1] = '\0';
        e.word = TR_W_PLURAL;
        if (add_phrase(gz, text, plural, e, 0, rc->ts, rc->t, rc->row) == -1)
            return -1;
    }
    return 0;
}

static int capital_item(tr_gazetteer *gz, const qry_text_service *text, const char *item, const char *cc, void *ctx)
{
    (void)ctx;
    return add_capital(gz, text, item, cc);
}

static int load_countries(tr_gazetteer *gz, const qry_host *host, const qry_table_service *ts,
                          const qry_text_service *text, const char *name)
{
    qry_table *t = ts->open(host, name, 4, 4, QRY_TABLE_TRIM);
    if (!t)
        return QRY_ERR_CONFIG;
    int rc = QRY_OK;
    for (size_t r = 0; r < ts->rows(t) && rc == QRY_OK; r++) {
        const char *cc = ts->cell(t, r, 0, NULL);
        if (!is_alpha2(cc)) {
            ts->reject(t, r, "'%s' is not an ISO 3166-1 alpha-2 code", cc);
            continue;
        }
        row_ctx ctx = {ts, t, r};
        if (each_item(gz, text, ts->cell(t, r, 2, NULL), cc, demonym_item, &ctx) ||
            each_item(gz, text, ts->cell(t, r, 3, NULL), cc, capital_item, NULL))
            rc = QRY_ERR_NOMEM;
    }
    if (rc == QRY_OK && ts->errors(t))
        rc = QRY_ERR_CONFIG;
    ts->close(t);
    return rc;
}

static int add_org(tr_gazetteer *gz, const char *code, const char *members, const qry_table_service *ts, qry_table *t,
                   size_t row)
{
    tr_org *grown = realloc(gz->orgs, (gz->n_orgs + 1) * sizeof *grown);
    if (!grown)
        return -1;
    gz->orgs = grown;
    tr_org *o = &gz->orgs[gz->n_orgs];
    memset(o, 0, sizeof *o);
    memcpy(o->code, code, strlen(code) + 1);
    size_t n = 1;
    for (const char *c = members; *c; c++)
        n += *c == ',';
    o->members = malloc(n * sizeof *o->members);
    if (!o->members)
        return -1;
    gz->n_orgs++; /* owns members from here on */
    for (const char *s = members; *s;) {
        const char *comma = strchr(s, ',');
        size_t len = comma ? (size_t)(comma - s) : strlen(s);
        while (len && s[len - 1] == ' ')
            len--;
        while (len && *s == ' ')
            s++, len--;
        if (len == 2 && s[0] >= 'A' && s[0] <= 'Z' && s[1] >= 'A' && s[1] <= 'Z') {
            memcpy(o->members[o->n_members], s, 2);
            o->members[o->n_members++][2] = '\0';
        } else {
            ts->reject(t, row, "member '%.*s' of %s is not an ISO 3166-1 alpha-2 code", (int)len, s, code);
        }
        s = comma ? comma + 1 : s + strlen(s);
    }
    return 0;
}

static const struct {
    const char *name;
    int word, kind;
} kinds[] = {
    {"org", TR_W_ACTOR, TR_ACT_ORG},   {"metonym", TR_W_ACTOR, TR_ACT_METONYM}, {"leader", TR_W_ACTOR, TR_ACT_LEADER},
    {"head", TR_W_HEAD, 0},            {"backers", TR_W_BACKERS, 0},
};

static int load_actors(tr_gazetteer *gz, const qry_host *host, const qry_table_service *ts,
                       const qry_text_service *text, const char *name, size_t from_countries)
{
    qry_table *t = ts->open(host, name, 3, 4, QRY_TABLE_TRIM);
    if (!t)
        return QRY_ERR_CONFIG;
    int rc = QRY_OK;
    for (size_t r = 0; r < ts->rows(t) && rc == QRY_OK; r++) {
        const char *phrase = ts->cell(t, r, 0, NULL), *code = ts->cell(t, r, 1, NULL),
                   *kind = ts->cell(t, r, 2, NULL), *members = ts->cell(t, r, 3, NULL);
        size_t k = 0;
        while (k < sizeof kinds / sizeof *kinds && strcmp(kinds[k].name, kind) != 0)
            k++;
        if (k == sizeof kinds / sizeof *kinds) {
            ts->reject(t, r, "unknown kind '%s' (org, metonym, leader, head or backers)", kind);
            continue;
        }
        tr_actor_entry e = {.word = kinds[k].word, .kind = kinds[k].kind};
        if (e.word == TR_W_ACTOR) {
            int ok = e.kind == TR_ACT_ORG ? is_org_code(code) : is_alpha2(code) || is_org_code(code);
            if (!ok) {
                ts->reject(t, r, "'%s' is neither an ISO 3166-1 alpha-2 code nor a short organisation name", code);
                continue;
            }
            memcpy(e.code, code, strlen(code) + 1);
        } else if (strcmp(code, "-") != 0) {
            ts->reject(t, r, "a %s word takes '-' as its code, not '%s'", kind, code);
            continue;
        }
        if (*members && e.kind != TR_ACT_ORG) {
            ts->reject(t, r, "only an org has members");
            continue;
        }
        int added = add_phrase(gz, text, phrase, e, from_countries, ts, t, r);
        if (added == -1 || (added == 0 && *members && add_org(gz, code, members, ts, t, r)))
            rc = QRY_ERR_NOMEM;
    }
    if (rc == QRY_OK && ts->errors(t))
        rc = QRY_ERR_CONFIG;
    ts->close(t);
    return rc;
}

static int by_key(const void *a, const void *b)
{
    const tr_capital *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : strcmp(x->cc, y->cc);
}

int tr_gazetteer_load(tr_gazetteer *gz, const qry_host *host, const qry_table_service *tables,
                      const qry_text_service *text, const char *countries, const char *actors)
{
    memset(gz, 0, sizeof *gz);
    gz->phrases = tr_phrases_new();
    if (!gz->phrases)
        return QRY_ERR_NOMEM;
    int rc = load_countries(gz, host, tables, text, countries);
    if (rc == QRY_ERR_NOMEM)
        return rc;
    int rc2 = load_actors(gz, host, tables, text, actors, gz->n_entries);
    if (gz->n_capitals > 1)
        qsort(gz->capitals, gz->n_capitals, sizeof *gz->capitals, by_key);
    return rc ? rc : rc2;
}

void tr_gazetteer_free(tr_gazetteer *gz)
{
    tr_phrases_free(gz->phrases);
    free(gz->entries);
    for (size_t i = 0; i < gz->n_capitals; i++)
        free(gz->capitals[i].key);
    free(gz->capitals);
    for (size_t i = 0; i < gz->n_orgs; i++)
        free(gz->orgs[i].members);
    free(gz->orgs);
    memset(gz, 0, sizeof *gz);
}

int tr_gazetteer_is_capital(const tr_gazetteer *gz, const qry_text_service *text, const char *name, const char *cc)
{
    char key[256];
    size_t n = tr_fold(text, name, strlen(name), key, sizeof key);
    if (n >= sizeof key || !cc)
        return 0;
    tr_capital probe = {.key = key};
    memcpy(probe.cc, cc, strlen(cc) < 3 ? strlen(cc) + 1 : 3);
    probe.cc[2] = '\0';
    return bsearch(&probe, gz->capitals, gz->n_capitals, sizeof *gz->capitals, by_key) != NULL;
}

int tr_gazetteer_member(const tr_gazetteer *gz, const char *org, const char *code)
{
    for (size_t i = 0; i < gz->n_orgs; i++)
        if (strcmp(gz->orgs[i].code, org) == 0)
            for (size_t m = 0; m < gz->orgs[i].n_members; m++)
                if (strcmp(gz->orgs[i].members[m], code) == 0)
                    return 1;
    return 0;
}
