/* parties.c -- who gives and who receives: the agent or source after the
 * mention, the one asked, the owner before it, the subject of the core and
 * its list; the destination, the indirect object, the one who asked, the
 * recipient earlier in the paragraph, the article's evident subject. */
#include <string.h>

#include "relate.h"

static void add_donor(tr_parties *p, int a)
{
    for (int i = 0; i < p->n_donors; i++)
        if (p->donors[i] == a)
            return;
    if (p->n_donors < TR_MAX_DONORS)
        p->donors[p->n_donors++] = a;
}

/* After a donor in a list, the next one: "the U.K. and Norway", "NATO
 * members and Japan". */
static int next_in_list(const tr_docview *v, size_t after, size_t limit)
{
    size_t k = after, words = 0;
    while (k < limit && words <= 2 && v->actor_at[k] < 0 && v->cue_at[k] < 0 && v->mention_at[k] < 0 &&
           !tr_tok_is(v, k, "and") && !tr_tok_is(v, k, ",") && is_word(v, k))
        k++, words++;
    if (k >= limit || !(tr_tok_is(v, k, "and") || tr_tok_is(v, k, ",")))
        return -1;
    k++;
    if (tr_tok_is(v, k, "and"))
        k++;
    if (tr_tok_is(v, k, "the"))
        k++;
    if (k < limit && v->actor_at[k] >= 0 && v->actors[v->actor_at[k]].mark == TR_MARK_NONE)
        return v->actor_at[k];
    return -1;
}

/* Agents and sources after the mention (and after a core on the right):
 * "by the U.K. and Norway", "from Italy ... from NATO members
 * and Sweden". */
static void donors_by_from(const tr_docview *v, size_t from, size_t limit, tr_parties *p)
{
    for (size_t k = from; k < limit;) {
        int ai = v->actor_at[k];
        if (ai < 0) {
            if (v->cue_at[k] >= 0) {
                int cl = cue(v, v->cue_at[k])->e->cls;
                if (tr_class_is_blocker(cl) || (tr_class_is_core(cl) && k > from))
                    return; /* past another verb or noun: "after a formal plea from" */
            }
            k++;
            continue;
        }
        const tr_actor *a = &v->actors[ai];
        if (a->t0 > from && v->cue_at[a->t0 - 1] >= 0 && tr_class_is_core(cue(v, v->cue_at[a->t0 - 1])->e->cls))
            return; /* past another verb or noun: "a request from Ukrainian officials" */
        if ((a->mark == TR_MARK_BY || a->mark == TR_MARK_FROM) && donor_kind(a->kind)) {
            add_donor(p, ai);
            for (int nx = next_in_list(v, a->t1, limit); nx >= 0; nx = next_in_list(v, v->actors[nx].t1, limit))
                if (donor_kind(v->actors[nx].kind))
                    add_donor(p, nx);
        }
        k = a->t1;
    }
}

/* What "it" or "they" stands for, from the sentence before in the same
 * paragraph: the actor that is the subject of a verb there ("the UK has
 * now provided ... It will be supplying"), else its first actor. */
static int previous_subject(const tr_docview *v, size_t at)
{
    size_t s = sentence(v, at);
    if (s == 0)
        return -1;
    const qry_doc_view *doc = v->doc;
    if (doc->sentences[s - 1].start < tr_paragraph_start(doc, doc->tokens[at].start))
        return -1;
    int first = -1, acting = -1;
    for (size_t i = tr_first_actor_from_sentence(v, s - 1); i < v->n_actors; i++) {
        const tr_actor *a = &v->actors[i];
        if (sentence(v, a->t0) != s - 1)
            break;
        if (a->mark != TR_MARK_NONE || a->backers || !donor_kind(a->kind))
            continue;
        if (a->t0 > 0 && v->cue_at[a->t0 - 1] >= 0 && tr_class_is_core(cue(v, v->cue_at[a->t0 - 1])->e->cls))
            continue; /* the object of a verb: "unwilling to arm Georgia" */
        if (first < 0)
            first = (int)i;
        for (size_t k = a->t1; acting < 0 && k < a->t1 + 3 && k < doc->n_tokens; k++)
            if (v->cue_at[k] >= 0) {
                int cl = cue(v, v->cue_at[k])->e->cls;
                if (tr_class_is_core(cl) || is_helper(cl))
                    acting = (int)i; /* the first actor that acts: the sentence's subject */
                break;
            }
    }
    return acting >= 0 ? acting : first;
}

/* The subject of the core at `at`: the nearest unmarked actor before it
 * that is not the object of another verb ("arming Ukraine"). Reading stops
 * at an auxiliary whose subject is no actor ("several partners have agreed
 * to send": the donor is unnamed). A pronoun stands for the nearest actor
 * before it in the sentence, or the subject of the sentence before. */
static int subject_before(const tr_docview *v, size_t from, size_t at, int want_donor, int *source)
{
    int pronoun = 0;
    *source = TR_SRC_SENTENCE;
    for (size_t k = at; k > from;) {
        k--;
        if (!pronoun && tr_is_pronoun(v, k) && k + 1 <= at && v->cue_at[k + 1] >= 0 &&
            (is_helper(cue(v, v->cue_at[k + 1])->e->cls) || tr_class_is_core(cue(v, v->cue_at[k + 1])->e->cls))) {
            pronoun = 1; /* "it would provide": look further for what "it" is */
            continue;
        }
        int ci = v->cue_at[k];
        if (ci >= 0) {
            const tr_cue *cu = cue(v, ci);
            if (!pronoun && is_helper(cu->e->cls) && cu->t0 > from) {
                size_t b = cu->t0 - 1;
                if (is_word(v, b) && v->actor_at[b] < 0 && v->cue_at[b] < 0 && !tr_is_pronoun(v, b) &&
                    !tr_tok_is(v, b, "which") && !tr_tok_is(v, b, "that") && !tr_tok_is(v, b, "also") &&
                    !tr_tok_is(v, b, "now") && !tr_tok_is(v, b, "and") && !tr_tok_is(v, b, "but"))
                    return -1;
            }
            k = cu->t0;
            continue;
        }
        int ai = v->actor_at[k];
        if (ai < 0)
            continue;
        const tr_actor *a = &v->actors[ai];
        k = a->t0;
        if (a->backers || a->mark != TR_MARK_NONE || a->possessive == 1)
            continue; /* "breaking Russia's capabilities by providing": an owner, not the subject */
        if (a->t0 > 0 && v->cue_at[a->t0 - 1] >= 0) {
            int cl = cue(v, v->cue_at[a->t0 - 1])->e->cls;
            if (tr_class_is_core(cl) || cl == TR_AID || cl == TR_ARMS)
                continue; /* an object: "arming Ukraine", "support Kyiv" */
        }
        if (want_donor && !donor_kind(a->kind))
            continue;
        return ai;
    }
    if (pronoun) {
        *source = TR_SRC_PARAGRAPH;
        return previous_subject(v, at);
    }
    return -1;
}

/* The list a subject ends: "the US, UK and Canada will send". */
static void subject_list(const tr_docview *v, int last, size_t from, tr_parties *p)
{
    int list[TR_MAX_DONORS], n = 0;
    list[n++] = last;
    size_t k = v->actors[last].t0;
    while (n < TR_MAX_DONORS && k > from + 1) {
        size_t j = k;
        if (tr_tok_is(v, j - 1, "the"))
            j--;
        if (j <= from + 1 || !(tr_tok_is(v, j - 1, ",") || tr_tok_is(v, j - 1, "and")))
            break;
        if (n == 1 && !tr_tok_is(v, j - 1, "and"))
            break; /* a list ends in "and"; "the Kremlin, France said" is no list */
        j--;
        if (tr_tok_is(v, j, "and") && j > from && tr_tok_is(v, j - 1, ","))
            j--;
        if (j > from && tr_tok_is(v, j - 1, "the"))
            j--;
        if (j == from || v->actor_at[j - 1] < 0)
            break;
        int ai = v->actor_at[j - 1];
        if (!donor_kind(v->actors[ai].kind) || v->actors[ai].mark != TR_MARK_NONE)
            break;
        list[n++] = ai;
        k = v->actors[ai].t0;
    }
    while (n > 0)
        add_donor(p, list[--n]);
}

/* Whether actor a may be the recipient, given the donors. */
static int recipient_ok(const tr_docview *v, const tr_parties *p, int a)
{
    for (int i = 0; i < p->n_donors; i++)
        if (same_code(v->actors[p->donors[i]].code, v->actors[a].code))
            return 0;
    return 1;
}

/* The destination after the core or the mention: "to Kyiv", "for Ukraine",
 * "in Ukraine" (after "arrived"). */
static int destination(const tr_docview *v, size_t from, size_t limit, int in_too, const tr_parties *p)
{
    for (size_t k = from; k < limit;) {
        int ai = v->actor_at[k];
        if (ai < 0) {
            if (v->cue_at[k] >= 0) {
                const tr_cue *cu = cue(v, v->cue_at[k]);
                if (tr_class_is_blocker(cu->e->cls))
                    return -1;
                k = cu->t1;
                continue;
            }
            k++;
            continue;
        }
        const tr_actor *a = &v->actors[ai];
        /* an organisation is where troops are committed ("to Nato for six months"), rarely whom arms are for */
        if ((a->mark == TR_MARK_TO || (in_too && a->mark == TR_MARK_IN)) && recipient_ok(v, p, ai) &&
            !tr_tok_is(v, a->t1, "to") && a->kind != TR_ACT_ORG)
            return ai;
        k = a->t1;
    }
    return -1;
}

/* The recipient of the latest transfer earlier in the paragraph. */
static int paragraph_recipient(const tr_ctx *c, size_t m, char code[TR_CODE_MAX], int *actor)
{
    const tr_docview *v = c->v;
    const qry_doc_view *doc = v->doc;
    size_t para_start = tr_paragraph_start(doc, doc->tokens[v->mentions[m].t0].start);
    for (size_t j = m; j-- > 0;) {
        if (doc->tokens[v->mentions[j].t0].start < para_start)
            break;
        if (sentence(v, v->mentions[j].t0) == sentence(v, v->mentions[m].t0))
            continue;
        const tr_relation *r = &c->rel[j];
        if (r->status != TR_ST_NONE && r->recipient_code[0] && r->recipient_source <= TR_SRC_PARAGRAPH) {
            memcpy(code, r->recipient_code, TR_CODE_MAX);
            *actor = r->recipient;
            return 1;
        }
    }
    return 0;
}

/* The actor right before the mention, whose the weapon is: "Polish MiG-29s",
 * "Nato transport aircraft", "Poland's MiG-29s". */
static int attributive(const tr_docview *v, const tr_mention *mn)
{
    size_t k = mn->t0;
    if (k >= 2 && tr_tok_is(v, k - 1, "s") && tr_tok_is(v, k - 2, "'"))
        k -= 2;
    if (k == 0 || v->actor_at[k - 1] < 0)
        return -1;
    int ai = v->actor_at[k - 1];
    const tr_actor *a = &v->actors[ai];
    if (!donor_kind(a->kind) || a->mark != TR_MARK_NONE)
        return -1;
    /* a country right after a transfer verb is its indirect object: "send Belarus missiles" */
    size_t b = a->t0 > 0 && tr_tok_is(v, a->t0 - 1, "the") ? a->t0 - 1 : a->t0;
    if (!a->possessive && a->kind != TR_ACT_ORG && a->kind != TR_ACT_GROUP && b > 0 && v->cue_at[b - 1] >= 0 &&
        tr_class_is_core(cue(v, v->cue_at[b - 1])->e->cls))
        return -1;
    return ai;
}

static void find_donors(const tr_ctx *c, const tr_mention *mn, const tr_found *f, size_t t0, size_t t1, tr_parties *p,
                        int *requester)
{
    const tr_docview *v = c->v;
    const tr_cue *core = f->core >= 0 ? cue(v, f->core) : NULL;
    int core_cls = core ? core->e->cls : TR_NONE;
    size_t after = core && !f->core_left ? core->t1 : mn->t1;
    int src = TR_SRC_SENTENCE;

    if (f->compound >= 0)
        add_donor(p, f->compound);
    donors_by_from(v, after, after + AGENT_REACH < t1 ? after + AGENT_REACH : t1, p);
    if (core && f->core_left && core_cls == TR_REQUEST) {
        /* "asked Germany for tanks": the one asked; "a plea from Zelenskiy for tanks": the one asking */
        for (size_t k = core->t1; k < mn->t0; k++) {
            int ai = v->actor_at[k];
            if (ai < 0)
                continue;
            const tr_actor *a = &v->actors[ai];
            if (a->mark == TR_MARK_NONE && k <= core->t1 + 1 && donor_kind(a->kind) && p->n_donors == 0)
                add_donor(p, ai);
            else if (a->mark == TR_MARK_FROM && *requester < 0)
                *requester = ai;
            k = a->t1 - 1;
        }
    }
    if (f->request >= 0) {
        const tr_cue *rq = cue(v, f->request);
        if (p->n_donors == 0 && core && f->request != f->core) /* "urged Germany to send" */
            for (size_t k = rq->t1; k < core->t0; k++)
                if (v->actor_at[k] >= 0 && v->actors[v->actor_at[k]].mark == TR_MARK_NONE &&
                    donor_kind(v->actors[v->actor_at[k]].kind))
                    add_donor(p, v->actor_at[k]);
        for (size_t k = rq->t0; k > t0 && *requester < 0;) { /* the one who asks receives */
            k--;
            int ai = v->actor_at[k];
            if (ai < 0)
                continue;
            k = v->actors[ai].t0;
            if (v->actors[ai].mark == TR_MARK_NONE && recipient_ok(v, p, ai))
                *requester = ai;
        }
        if (p->n_donors)
            p->donor_source = TR_SRC_SENTENCE;
        return;
    }
    if (p->n_donors == 0 && core_cls != TR_RECEIVE && core_cls != TR_ARRIVE && core_cls != TR_REQUEST) {
        int owner = attributive(v, mn);
        if (owner >= 0)
            add_donor(p, owner);
    }
    if (p->n_donors == 0 && core && f->core_left && core_cls != TR_RECEIVE && core_cls != TR_ARRIVE) {
        int subj = subject_before(v, t0, core->t0, 1, &src);
        if (subj >= 0 && src == TR_SRC_SENTENCE)
            subject_list(v, subj, t0, p);
        else if (subj >= 0)
            add_donor(p, subj);
    } else if (p->n_donors == 0 && !core && f->benefactive >= 0) {
        int subj = subject_before(v, t0, mn->t0, 1, &src); /* "NATO has contracts for ... for Ukraine" */
        if (subj >= 0)
            subject_list(v, subj, t0, p);
    } else if (p->n_donors == 0 && core && !f->core_left && core_cls != TR_ARRIVE && core_cls != TR_RECEIVE) {
        int subj = subject_before(v, t0, mn->t0, 1, &src); /* "Canada triples number of drones sent to Moldova" */
        if (subj >= 0 && src == TR_SRC_SENTENCE)
            add_donor(p, subj);
    }
    if (p->n_donors == 0 && core && !f->core_left) {
        /* "has reached Moldova after Italy agreed to ship it" */
        for (size_t k = core->t1; k < t1 && p->n_donors == 0; k++) {
            int ai = v->actor_at[k];
            if (ai < 0 || v->actors[ai].mark != TR_MARK_NONE || !donor_kind(v->actors[ai].kind))
                continue;
            for (size_t j = v->actors[ai].t1; j < t1 && j < v->actors[ai].t1 + 3; j++)
                if (v->cue_at[j] >= 0) {
                    int cl = cue(v, v->cue_at[j])->e->cls;
                    if (cl == TR_TRANSFER || cl == TR_PLEDGE || cl == TR_FUTURE)
                        add_donor(p, ai);
                    break;
                }
            k = v->actors[ai].t1 - 1;
        }
    }
    if (p->n_donors)
        p->donor_source = src;
}

void tr_find_parties(const tr_ctx *c, size_t m, const tr_found *f, tr_parties *p)
{
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    size_t t0, t1;
    tr_sentence_tokens(v, mn->t0, &t0, &t1);
    memset(p, 0, sizeof *p);
    p->recipient = -1;
    const tr_cue *core = f->core >= 0 ? cue(v, f->core) : NULL;
    int core_cls = core ? core->e->cls : TR_NONE;
    size_t after = core && !f->core_left ? core->t1 : mn->t1;
    size_t limit = after + PARTY_REACH < t1 ? after + PARTY_REACH : t1;
    int requester = -1, src;

    find_donors(c, mn, f, t0, t1, p, &requester);

    int r = -1;
    if (core && core_cls == TR_RECEIVE && f->core_left) {
        size_t k = core->t0; /* "for the Moldovans to receive" */
        if (k >= 2 && tr_tok_is(v, k - 1, "to") && v->actor_at[k - 2] >= 0)
            r = v->actor_at[k - 2];
        else
            r = subject_before(v, t0, core->t0, 0, &src);
        if (r >= 0 && !recipient_ok(v, p, r))
            r = -1;
    }
    int owner = attributive(v, mn);
    if (r < 0 && core && f->core_left && (core_cls == TR_TRANSFER || core_cls == TR_PLEDGE)) {
        size_t k = core->t1; /* "provide Georgia with", "equip the Georgian border guards with" */
        if (tr_tok_is(v, k, "the"))
            k++;
        if (k < mn->t0 && v->actor_at[k] >= 0 && v->actor_at[k] != owner &&
            v->actors[v->actor_at[k]].mark == TR_MARK_NONE && recipient_ok(v, p, v->actor_at[k]))
            r = v->actor_at[k];
    }
    if (r < 0 && core && f->core_left)
        r = destination(v, core->t1, mn->t0, core_cls == TR_ARRIVE, p);
    if (r < 0)
        r = destination(v, mn->t1, limit, core_cls == TR_ARRIVE || core_cls == TR_RECEIVE, p);
    if (r < 0 && f->benefactive >= 0)
        r = destination(v, (size_t)f->benefactive, limit, 0, p);
    if (r < 0 && requester >= 0 && recipient_ok(v, p, requester))
        r = requester;
    size_t here = sentence(v, mn->t0);
    for (size_t i = tr_first_actor_from_sentence(v, here); r < 0 && i < v->n_actors; i++) {
        if (sentence(v, v->actors[i].t0) != here)
            break;
        if (v->actors[i].backers && recipient_ok(v, p, (int)i))
            r = (int)i; /* "Moldova's allies have sent" */
    }
    if (r >= 0) {
        p->recipient = r;
        p->recipient_source = TR_SRC_SENTENCE;
        memcpy(p->recipient_code, v->actors[r].code, TR_CODE_MAX);
        return;
    }
    int actor = -1;
    char code[TR_CODE_MAX];
    if (paragraph_recipient(c, m, code, &actor)) {
        int clash = 0;
        for (int i = 0; i < p->n_donors; i++)
            clash |= same_code(v->actors[p->donors[i]].code, code);
        if (!clash) {
            p->recipient = actor;
            p->recipient_source = TR_SRC_PARAGRAPH;
            memcpy(p->recipient_code, code, TR_CODE_MAX);
            return;
        }
    }
    const char *fallback[3] = {c->s->default_recipient, c->s->article_recipient ? v->article_subject : "",
                               c->s->article_recipient ? v->article_second : ""};
    for (int i = 0; i < 3; i++) {
        if (!fallback[i][0])
            continue;
        int clash = 0;
        for (int d = 0; d < p->n_donors; d++)
            clash |= same_code(v->actors[p->donors[d]].code, fallback[i]);
        if (clash)
            continue;
        p->recipient_source = i == 0 ? TR_SRC_OPTION : TR_SRC_ARTICLE;
        memcpy(p->recipient_code, fallback[i], TR_CODE_MAX);
        return;
    }
}

/* The donor reported for a list: an organisation named with its own
 * members stands for all ("from Italy ... from NATO members and Sweden"). */
int tr_pick_donor(const tr_ctx *c, const tr_parties *p)
{
    const tr_docview *v = c->v;
    for (int i = 0; i < p->n_donors; i++) {
        const tr_actor *o = &v->actors[p->donors[i]];
        if (o->kind != TR_ACT_ORG)
            continue;
        int all = 1;
        for (int j = 0; j < p->n_donors && all; j++) {
            const char *code = v->actors[p->donors[j]].code;
            all = strcmp(code, o->code) == 0 || tr_gazetteer_member(c->gz, o->code, code);
        }
        if (all && p->n_donors > 1)
            return p->donors[i];
    }
    return p->n_donors ? p->donors[0] : -1;
}
