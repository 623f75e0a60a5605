/* docview.c -- one document as the relation finder reads it: the weapon and
 * money mentions earlier stages found, the lexicon's cues and the actors,
 * each indexed by token. Only the paragraphs that hold a mention are folded
 * and scanned: a document without weapons or money costs one pass over the
 * entity list. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "transfers.h"

static int grow(void **ptr, size_t *cap, size_t need, size_t elem)
{
    if (need <= *cap)
        return 0;
    size_t c = *cap ? *cap * 2 : 16;
    while (c < need)
        c *= 2;
    void *q = realloc(*ptr, c * elem);
    if (!q)
        return -1;
    *ptr = q;
    *cap = c;
    return 0;
}

/* The first token ending after byte `off`. */
static size_t token_at(const qry_doc_view *doc, size_t off)
{
    size_t lo = 0, hi = doc->n_tokens;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->tokens[mid].end <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Tokens [t0, t1) covering bytes [start, end); 0 when none. */
static int token_range(const qry_doc_view *doc, size_t start, size_t end, size_t *t0, size_t *t1)
{
    *t0 = token_at(doc, start);
    *t1 = *t0;
    while (*t1 < doc->n_tokens && doc->tokens[*t1].start < end)
        (*t1)++;
    return *t1 > *t0;
}

int tr_tok_is(const tr_docview *v, size_t k, const char *word)
{
    /* asked about a million times per 2,000 documents: the first byte spares most strcmp calls */
    return k < v->doc->n_tokens && v->keys[k] && v->keys[k][0] == word[0] && strcmp(v->keys[k], word) == 0;
}

static const char *attr_str(const qry_entities_service *es, const qry_entity *e, const char *key)
{
    const qry_attr *a = es->attr(e, key);
    return a && a->type == QRY_ATTR_STRING ? a->str : NULL;
}

static int collect_mentions(tr_docview *v, const qry_entity *const *ents, size_t n_ents, int with_money)
{
    size_t cap = 0, kept_end = 0;
    for (size_t i = 0; i < n_ents; i++) {
        const qry_entity *e = ents[i];
        int money = strcmp(e->type, "money") == 0;
        if (!(money && with_money) && strcmp(e->type, "weapon") != 0)
            continue;
        if (v->n_mentions && e->start < kept_end)
            continue; /* inside or across a longer mention kept before: the merge keeps that one */
        size_t t0, t1;
        if (!token_range(v->doc, e->start, e->end, &t0, &t1))
            continue;
        if (grow((void **)&v->mentions, &cap, v->n_mentions + 1, sizeof *v->mentions))
            return QRY_ERR_NOMEM;
        v->mentions[v->n_mentions++] = (tr_mention){.t0 = t0, .t1 = t1, .ent = e, .is_money = money};
        kept_end = e->end;
    }
    return QRY_OK;
}

/* Fold the tokens of every paragraph holding a mention. */
static int fold_paragraphs(tr_docview *v, const qry_text_service *text)
{
    const qry_doc_view *doc = v->doc;
    unsigned char *wanted = calloc(doc->n_tokens ? doc->n_tokens : 1, 1);
    uint32_t *off = malloc((doc->n_tokens ? doc->n_tokens : 1) * sizeof *off);
    v->keys = calloc(doc->n_tokens ? doc->n_tokens : 1, sizeof *v->keys);
    if (!wanted || !off || !v->keys) {
        free(wanted);
        free(off);
        return QRY_ERR_NOMEM;
    }
    size_t p = 0, marked = SIZE_MAX; /* a paragraph's tokens are marked once, not once per mention in it */
    for (size_t m = 0; m < v->n_mentions; m++) {
        size_t at = doc->tokens[v->mentions[m].t0].start;
        while (p < doc->n_paragraphs && doc->paragraphs[p].end <= at)
            p++;
        if (p == marked)
            continue;
        marked = p;
        size_t t0 = 0, t1 = doc->n_tokens;
        if (p < doc->n_paragraphs)
            token_range(doc, doc->paragraphs[p].start, doc->paragraphs[p].end, &t0, &t1);
        for (size_t k = t0; k < t1; k++)
            wanted[k] = 1;
    }
    size_t cap = 0, len = 0;
    int rc = QRY_OK;
    for (size_t k = 0; k < doc->n_tokens && rc == QRY_OK; k++) {
        if (!wanted[k])
            continue;
        const qry_token *t = &doc->tokens[k];
        size_t need = (t->end - t->start) * 3 + 8; /* folding may lengthen ("ß" -> "ss") */
        if (grow((void **)&v->pool, &cap, len + need, 1)) {
            rc = QRY_ERR_NOMEM;
            break;
        }
        size_t n = tr_fold(text, doc->text + t->start, t->end - t->start, v->pool + len, need);
        if (n >= need) {
            if (grow((void **)&v->pool, &cap, len + n + 1, 1)) {
                rc = QRY_ERR_NOMEM;
                break;
            }
            tr_fold(text, doc->text + t->start, t->end - t->start, v->pool + len, n + 1);
        }
        off[k] = (uint32_t)len;
        len += n + 1;
    }
    for (size_t k = 0; k < doc->n_tokens && rc == QRY_OK; k++)
        if (wanted[k])
            v->keys[k] = v->pool + off[k];
    free(wanted);
    free(off);
    return rc;
}

static int find_cues(tr_docview *v, const tr_lexicon *lx)
{
    size_t cap = 0;
    for (size_t k = 0; k < v->doc->n_tokens;) {
        int32_t payload;
        size_t n = v->mention_at[k] < 0 ? tr_phrases_match(lx->phrases, &v->toks, k, &payload) : 0;
        if (!n) {
            k++;
            continue;
        }
        if (grow((void **)&v->cues, &cap, v->n_cues + 1, sizeof *v->cues))
            return QRY_ERR_NOMEM;
        v->cues[v->n_cues] = (tr_cue){.t0 = k, .t1 = k + n, .e = &lx->entries[payload]};
        for (size_t j = k; j < k + n; j++)
            v->cue_at[j] = (int32_t)v->n_cues;
        v->n_cues++;
        k += n;
    }
    return QRY_OK;
}

static int push_actor(tr_docview *v, size_t *cap, size_t t0, size_t t1, int kind, const char *code)
{
    if (grow((void **)&v->actors, cap, v->n_actors + 1, sizeof *v->actors))
        return -1;
    tr_actor *a = &v->actors[v->n_actors];
    memset(a, 0, sizeof *a);
    a->t0 = t0;
    a->t1 = t1;
    a->kind = kind;
    size_t n = strlen(code);
    memcpy(a->code, code, n < TR_CODE_MAX ? n + 1 : TR_CODE_MAX);
    a->code[TR_CODE_MAX - 1] = '\0';
    for (size_t k = t0; k < t1; k++)
        v->actor_at[k] = (int32_t)v->n_actors;
    v->n_actors++;
    return 0;
}

static int free_span(const tr_docview *v, size_t t0, size_t t1)
{
    for (size_t k = t0; k < t1; k++)
        if (v->mention_at[k] >= 0 || v->actor_at[k] >= 0)
            return 0;
    return 1;
}

/* The head word after a demonym, directly or after one word ("Ukrainian
 * foreign ministry"): the token after it, or 0. */
static size_t head_after(const tr_docview *v, const tr_gazetteer *gz, size_t k)
{
    for (size_t skip = 0; skip < 2 && k + skip < v->doc->n_tokens; skip++) {
        int32_t payload;
        size_t n = tr_phrases_match(gz->phrases, &v->toks, k + skip, &payload);
        if (n && gz->entries[payload].word == TR_W_HEAD)
            return k + skip + n;
        if (!(v->doc->tokens[k + skip].flags & QRY_TOK_WORD))
            return 0;
    }
    return 0;
}

/* After an organisation or a country, the words that name its people:
 * "Nato partners", "EU member states", "US officials". The end of them. */
static size_t group_words_after(const tr_docview *v, const tr_gazetteer *gz, size_t end)
{
    int32_t payload;
    size_t n = end < v->doc->n_tokens && v->mention_at[end] < 0 && v->actor_at[end] < 0
                   ? tr_phrases_match(gz->phrases, &v->toks, end, &payload)
                   : 0;
    if (n && (gz->entries[payload].word == TR_W_HEAD || gz->entries[payload].word == TR_W_BACKERS))
        return end + n;
    return end;
}

static int find_named_actors(tr_docview *v, const tr_gazetteer *gz, size_t *cap)
{
    const qry_doc_view *doc = v->doc;
    for (size_t k = 0; k < doc->n_tokens;) {
        int32_t payload;
        size_t n = v->mention_at[k] < 0 ? tr_phrases_match(gz->phrases, &v->toks, k, &payload) : 0;
        if (!n || !free_span(v, k, k + n)) {
            k++;
            continue;
        }
        const tr_actor_entry *e = &gz->entries[payload];
        size_t end = k + n;
        int kind = 0;
        if (e->word == TR_W_ACTOR) {
            kind = e->kind;
        } else if (e->word == TR_W_PLURAL) {
            kind = TR_ACT_PEOPLE;
        } else if (e->word == TR_W_DEMONYM) {
            size_t h = head_after(v, gz, end);
            if (h && free_span(v, end, h)) {
                kind = TR_ACT_GROUP;
                end = h;
            } else if (end < doc->n_tokens && (doc->tokens[end].flags & QRY_TOK_PUNCT) &&
                       !(doc->tokens[end].flags & QRY_TOK_SPACE_BEFORE) && tr_tok_is(v, end, "-")) {
                kind = TR_ACT_GROUP; /* "British-supplied": the compound names a donor */
            } else if (end < doc->n_tokens && v->mention_at[end] >= 0) {
                kind = TR_ACT_GROUP; /* "Polish MiG-29s": whose they are */
            }
        }
        if (kind == TR_ACT_ORG)
            end = group_words_after(v, gz, end);
        if (kind && push_actor(v, cap, k, end, kind, e->code))
            return QRY_ERR_NOMEM;
        k = kind ? end : k + n;
    }
    return QRY_OK;
}

static int find_place_actors(tr_docview *v, const qry_entity *const *ents, size_t n_ents,
                             const qry_entities_service *es, const tr_gazetteer *gz, const qry_text_service *text,
                             size_t *cap)
{
    for (size_t i = 0; i < n_ents; i++) {
        const qry_entity *e = ents[i];
        if (strcmp(e->type, "location") != 0)
            continue;
        const char *cc = attr_str(es, e, "country_code"), *kind = attr_str(es, e, "kind");
        const char *name = attr_str(es, e, "name");
        size_t t0, t1;
        if (!cc || !kind || strlen(cc) != 2 || !token_range(v->doc, e->start, e->end, &t0, &t1) ||
            !v->keys[t0] || !free_span(v, t0, t1))
            continue;
        int k = TR_ACT_PLACE;
        if (strcmp(kind, "country") == 0) {
            k = TR_ACT_COUNTRY;
            t1 = group_words_after(v, gz, t1);
        }
        else if (strcmp(kind, "city") == 0 && name && tr_gazetteer_is_capital(gz, text, name, cc))
            k = TR_ACT_CAPITAL;
        if (push_actor(v, cap, t0, t1, k, cc))
            return QRY_ERR_NOMEM;
    }
    return QRY_OK;
}

static int by_start(const void *a, const void *b)
{
    const tr_actor *x = a, *y = b;
    return x->t0 < y->t0 ? -1 : x->t0 > y->t0;
}

static int mark_of(const tr_docview *v, size_t k)
{
    static const char *const to[] = {"to", "for", "into", "towards", NULL};
    static const char *const other[] = {"of", "at", "on", "against", "with", "over", "about", "near", "across",
                                        "through", "than", "like", "between", "among",
                                        "within", "without", "under", "inside", "outside", "around", NULL};
    if (tr_tok_is(v, k, "in"))
        return TR_MARK_IN;
    if (tr_tok_is(v, k, "from"))
        return TR_MARK_FROM;
    if (tr_tok_is(v, k, "by"))
        return TR_MARK_BY;
    for (size_t i = 0; to[i]; i++)
        if (tr_tok_is(v, k, to[i]))
            return TR_MARK_TO;
    for (size_t i = 0; other[i]; i++)
        if (tr_tok_is(v, k, other[i]))
            return TR_MARK_OTHER;
    return TR_MARK_NONE;
}

/* Preposition, possessive and "allies" of every actor. */
static void describe_actors(tr_docview *v, const tr_gazetteer *gz)
{
    const qry_doc_view *doc = v->doc;
    for (size_t i = 0; i < v->n_actors; i++) {
        tr_actor *a = &v->actors[i];
        size_t k = a->t0;
        if (k > 0 && (tr_tok_is(v, k - 1, "the") || tr_tok_is(v, k - 1, "a")))
            k--;
        a->mark = k > 0 && doc->tokens[k - 1].sentence == doc->tokens[a->t0].sentence ? mark_of(v, k - 1) : 0;
        if (a->mark == TR_MARK_NONE && k >= 2 && (doc->tokens[k - 1].flags & QRY_TOK_CAP) && v->actor_at[k - 1] < 0 &&
            doc->tokens[k - 2].sentence == doc->tokens[a->t0].sentence)
            a->mark = mark_of(v, k - 2); /* "from European NATO Allies" */
        /* "for the alliance to supply": the subject of an infinitive */
        if (a->mark == TR_MARK_TO && tr_tok_is(v, k - 1, "for") && tr_tok_is(v, a->t1, "to"))
            a->mark = TR_MARK_NONE;
        /* "the chance of Norway providing", "with Canada potentially agreeing":
         * the subject of a gerund */
        if (a->mark == TR_MARK_OTHER && (tr_tok_is(v, k - 1, "of") || tr_tok_is(v, k - 1, "with")))
            for (size_t j = a->t1; j < a->t1 + 2 && j < doc->n_tokens && v->cue_at[j] >= 0; j++) {
                const tr_cue_entry *e = v->cues[v->cue_at[j]].e;
                if (tr_class_is_core(e->cls) && e->form == TR_FORM_ING) {
                    a->mark = TR_MARK_NONE;
                    break;
                }
                if (e->cls != TR_MAYBE && e->cls != TR_NEGATION)
                    break;
                j = v->cues[v->cue_at[j]].t1 - 1;
            }
        size_t after = a->t1;
        if (after + 1 < doc->n_tokens && (tr_tok_is(v, after, "'") && tr_tok_is(v, after + 1, "s"))) {
            a->possessive = 1;
            after += 2;
        } else if (after < doc->n_tokens && tr_tok_is(v, after, "'") &&
                   !(doc->tokens[after].flags & QRY_TOK_SPACE_BEFORE)) {
            a->possessive = 1; /* "allies'" */
            after += 1;
        }
        if (a->possessive) {
            int32_t payload;
            size_t n = tr_phrases_match(gz->phrases, &v->toks, after, &payload);
            if (!n && after + 1 < doc->n_tokens) /* "Ukraine's western allies" */
                n = tr_phrases_match(gz->phrases, &v->toks, ++after, &payload);
            if (n && gz->entries[payload].word == TR_W_BACKERS)
                a->backers = 1;
            else if (n && gz->entries[payload].word == TR_W_HEAD)
                a->possessive = 2; /* "Poland's proposal", "the EU's plan": it acts */
        }
    }
}

/* Whether the word before byte `start` is "to", "for" or "into": a place
 * named as a destination says more about whom an article's aid is for
 * than a place named as the enemy. */
static int after_destination_word(const qry_doc_view *doc, size_t start)
{
    static const char *const words[] = {"to", "for", "into", NULL};
    size_t k = token_at(doc, start);
    if (k == 0 || k >= doc->n_tokens)
        return 0;
    const qry_token *t = &doc->tokens[k - 1];
    size_t n = t->end - t->start;
    for (size_t i = 0; words[i]; i++)
        if (n == strlen(words[i]) && strncasecmp(doc->text + t->start, words[i], n) == 0)
            return 1;
    return 0;
}

/* The article's evident subject: the country its places name most, each
 * named destination counting four times (countries and capitals), and the
 * runner-up. */
static void article_subject(tr_docview *v, const qry_entity *const *ents, size_t n_ents,
                            const qry_entities_service *es, const tr_gazetteer *gz, const qry_text_service *text)
{
    enum { MAX_SEEN = 64 };
    char code[MAX_SEEN][3];
    size_t count[MAX_SEEN], first[MAX_SEEN], n = 0;
    for (size_t i = 0; i < n_ents; i++) {
        const qry_entity *e = ents[i];
        if (strcmp(e->type, "location") != 0)
            continue;
        const char *cc = attr_str(es, e, "country_code"), *kind = attr_str(es, e, "kind");
        const char *name = attr_str(es, e, "name");
        if (!cc || !kind || strlen(cc) != 2)
            continue;
        if (strcmp(kind, "country") != 0 &&
            !(strcmp(kind, "city") == 0 && name && tr_gazetteer_is_capital(gz, text, name, cc)))
            continue;
        size_t j = 0;
        while (j < n && memcmp(code[j], cc, 2) != 0)
            j++;
        if (j == n) {
            if (n == MAX_SEEN)
                continue;
            memcpy(code[n], cc, 3);
            count[n] = 0;
            first[n] = i;
            n++;
        }
        count[j] += 1 + 3 * after_destination_word(v->doc, e->start); /* "to Ukraine", "for Kyiv" */
    }
    int best = -1, second = -1;
    for (size_t j = 0; j < n; j++) {
        if (best < 0 || count[j] > count[best] || (count[j] == count[best] && first[j] < first[best])) {
            second = best;
            best = (int)j;
        } else if (second < 0 || count[j] > count[second] ||
                   (count[j] == count[second] && first[j] < first[second])) {
            second = (int)j;
        }
    }
    if (best >= 0)
        memcpy(v->article_subject, code[best], 3);
    if (second >= 0)
        memcpy(v->article_second, code[second], 3);
}

int tr_docview_build(tr_docview *v, const qry_doc_view *doc, const qry_entity *const *ents, size_t n_ents,
                     const qry_entities_service *es, const tr_lexicon *lx, const tr_gazetteer *gz,
                     const qry_text_service *text, int with_money)
{
    memset(v, 0, sizeof *v);
    v->doc = doc;
    int rc = collect_mentions(v, ents, n_ents, with_money);
    if (rc || v->n_mentions == 0)
        return rc;
    size_t n = doc->n_tokens;
    v->cue_at = malloc(n * sizeof *v->cue_at);
    v->actor_at = malloc(n * sizeof *v->actor_at);
    v->mention_at = malloc(n * sizeof *v->mention_at);
    if (!v->cue_at || !v->actor_at || !v->mention_at)
        return QRY_ERR_NOMEM;
    for (size_t k = 0; k < n; k++)
        v->cue_at[k] = v->actor_at[k] = v->mention_at[k] = -1;
    for (size_t m = 0; m < v->n_mentions; m++)
        for (size_t k = v->mentions[m].t0; k < v->mentions[m].t1; k++)
            v->mention_at[k] = (int32_t)m;
    if ((rc = fold_paragraphs(v, text)) != QRY_OK)
        return rc;
    v->toks.doc = doc;
    v->toks.keys = (const char *const *)v->keys;
    size_t cap = 0;
    if ((rc = find_cues(v, lx)) != QRY_OK || (rc = find_named_actors(v, gz, &cap)) != QRY_OK ||
        (rc = find_place_actors(v, ents, n_ents, es, gz, text, &cap)) != QRY_OK)
        return rc;
    if (v->n_actors > 1) {
        qsort(v->actors, v->n_actors, sizeof *v->actors, by_start);
        for (size_t i = 0; i < v->n_actors; i++)
            for (size_t k = v->actors[i].t0; k < v->actors[i].t1; k++)
                v->actor_at[k] = (int32_t)i;
    }
    describe_actors(v, gz);
    article_subject(v, ents, n_ents, es, gz, text);
    return QRY_OK;
}

void tr_docview_free(tr_docview *v)
{
    free(v->keys);
    free(v->pool);
    free(v->cue_at);
    free(v->actor_at);
    free(v->mention_at);
    free(v->cues);
    free(v->actors);
    free(v->mentions);
    memset(v, 0, sizeof *v);
}
