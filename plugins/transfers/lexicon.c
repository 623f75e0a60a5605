/* lexicon.c -- triggers.tsv (what says a mention moves, and how far) and
 * blockers.tsv (what says it does not), read through quarry.table/1 into
 * one phrase set, so a document is scanned once for both. */
#include <stdlib.h>
#include <string.h>

#include "transfers.h"

static const char *const class_names[TR_N_CLASSES] = {
    [TR_TRANSFER] = "transfer", [TR_PLEDGE] = "pledge",     [TR_APPROVE] = "approve", [TR_ARRIVE] = "arrive",
    [TR_RECEIVE] = "receive",   [TR_REQUEST] = "request",   [TR_REFUSE] = "refuse",   [TR_CONSIDER] = "consider",
    [TR_FUTURE] = "future",     [TR_MAYBE] = "maybe",       [TR_NEGATION] = "negation", [TR_PERFECT] = "perfect",
    [TR_PASSIVE] = "passive",   [TR_LIST] = "list",         [TR_AID] = "aid",         [TR_COMBAT] = "combat",
    [TR_OWN] = "own",           [TR_BUY] = "buy",           [TR_PRODUCE] = "produce", [TR_COST] = "cost",
    [TR_TOPIC] = "topic",       [TR_ARMS] = "arms",
};

int tr_class_by_name(const char *name)
{
    for (int c = 1; c < TR_N_CLASSES; c++)
        if (strcmp(class_names[c], name) == 0)
            return c;
    return TR_NONE;
}

int tr_class_is_core(int c) { return c >= TR_TRANSFER && c <= TR_CONSIDER; }
int tr_class_is_blocker(int c) { return c >= TR_COMBAT && c <= TR_TOPIC; }

static int form_by_name(const char *s)
{
    if (strcmp(s, "base") == 0)
        return TR_FORM_BASE;
    if (strcmp(s, "past") == 0)
        return TR_FORM_PAST;
    if (strcmp(s, "ing") == 0)
        return TR_FORM_ING;
    if (strcmp(s, "noun") == 0)
        return TR_FORM_NOUN;
    return strcmp(s, "-") == 0 ? TR_FORM_NONE : -1;
}

static int side_by_name(const char *s)
{
    if (strcmp(s, "left") == 0)
        return TR_SIDE_LEFT;
    if (strcmp(s, "right") == 0)
        return TR_SIDE_RIGHT;
    if (strcmp(s, "both") == 0)
        return TR_SIDE_LEFT | TR_SIDE_RIGHT;
    return -1;
}

/* Add one row's phrase; 0, or QRY_ERR_NOMEM. Bad rows are rejected. */
static int add_entry(tr_lexicon *lx, const qry_table_service *ts, qry_table *t, size_t row,
                     const qry_text_service *text, tr_cue_entry e)
{
    tr_cue_entry *grown = realloc(lx->entries, (lx->n_entries + 1) * sizeof *grown);
    if (!grown)
        return QRY_ERR_NOMEM;
    lx->entries = grown;
    int32_t earlier = -1;
    int rc = tr_phrases_add(lx->phrases, text, ts->cell(t, row, 0, NULL), 0, (int32_t)lx->n_entries, &earlier);
    if (rc == -1)
        return QRY_ERR_NOMEM;
    if (rc == -2)
        ts->reject(t, row, "no word in '%s'", ts->cell(t, row, 0, NULL));
    else if (rc == -3)
        ts->reject(t, row, "'%s' is listed twice (also as %s)", ts->cell(t, row, 0, NULL),
                   class_names[lx->entries[earlier].cls]);
    else
        lx->entries[lx->n_entries++] = e;
    return QRY_OK;
}

static int load_triggers(tr_lexicon *lx, const qry_host *host, const qry_table_service *ts,
                         const qry_text_service *text, const char *name)
{
    qry_table *t = ts->open(host, name, 3, 4, QRY_TABLE_TRIM);
    if (!t)
        return QRY_ERR_CONFIG;
    int rc = QRY_OK;
    for (size_t r = 0; r < ts->rows(t) && rc == QRY_OK; r++) {
        const char *cls = ts->cell(t, r, 1, NULL), *form = ts->cell(t, r, 2, NULL);
        const char *mod = ts->cols(t, r) > 3 ? ts->cell(t, r, 3, NULL) : "";
        tr_cue_entry e = {.cls = tr_class_by_name(cls), .form = form_by_name(form),
                          .modifier = *mod ? tr_class_by_name(mod) : TR_NONE};
        if (e.cls == TR_NONE || tr_class_is_blocker(e.cls)) {
            ts->reject(t, r, "unknown class '%s' (transfer, pledge, approve, arrive, receive, request, refuse, "
                             "consider, future, maybe, negation, perfect, passive, list, aid or arms)", cls);
            continue;
        }
        if (e.form < 0) {
            ts->reject(t, r, "unknown form '%s' (base, past, ing, noun or -)", form);
            continue;
        }
        if (*mod && (e.modifier == TR_NONE || tr_class_is_blocker(e.modifier))) {
            ts->reject(t, r, "unknown modifier class '%s'", mod);
            continue;
        }
        if (tr_class_is_core(e.cls) && e.form == TR_FORM_NONE) {
            ts->reject(t, r, "a %s word needs a form (base, past, ing or noun)", cls);
            continue;
        }
        rc = add_entry(lx, ts, t, r, text, e);
    }
    if (rc == QRY_OK && ts->errors(t))
        rc = QRY_ERR_CONFIG;
    ts->close(t);
    return rc;
}

static int load_blockers(tr_lexicon *lx, const qry_host *host, const qry_table_service *ts,
                         const qry_text_service *text, const char *name)
{
    qry_table *t = ts->open(host, name, 3, 3, QRY_TABLE_TRIM);
    if (!t)
        return QRY_ERR_CONFIG;
    int rc = QRY_OK;
    for (size_t r = 0; r < ts->rows(t) && rc == QRY_OK; r++) {
        const char *cls = ts->cell(t, r, 1, NULL), *side = ts->cell(t, r, 2, NULL);
        tr_cue_entry e = {.cls = tr_class_by_name(cls), .side = 0};
        int sd = side_by_name(side);
        if (!tr_class_is_blocker(e.cls)) {
            ts->reject(t, r, "unknown class '%s' (combat, own, buy, produce, cost or topic)", cls);
            continue;
        }
        if (sd < 0) {
            ts->reject(t, r, "unknown side '%s' (left, right or both)", side);
            continue;
        }
        e.side = (uint32_t)sd;
        rc = add_entry(lx, ts, t, r, text, e);
    }
    if (rc == QRY_OK && ts->errors(t))
        rc = QRY_ERR_CONFIG;
    ts->close(t);
    return rc;
}

int tr_lexicon_load(tr_lexicon *lx, const qry_host *host, const qry_table_service *tables,
                    const qry_text_service *text, const char *triggers, const char *blockers)
{
    memset(lx, 0, sizeof *lx);
    lx->phrases = tr_phrases_new();
    if (!lx->phrases)
        return QRY_ERR_NOMEM;
    int rc = load_triggers(lx, host, tables, text, triggers);
    int rc2 = rc == QRY_ERR_NOMEM ? rc : load_blockers(lx, host, tables, text, blockers);
    return rc ? rc : rc2; /* both files' complaints are reported in one go */
}

void tr_lexicon_free(tr_lexicon *lx)
{
    tr_phrases_free(lx->phrases);
    free(lx->entries);
    memset(lx, 0, sizeof *lx);
}
