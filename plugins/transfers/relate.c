/* relate.c -- is a weapon or money mention transferred, how far, from whom
 * and to whom.
 *
 * Reading leftwards from the mention, the first cue that is a core (send,
 * pledge, approve, ask for, refuse, consider) relates it; a blocker met
 * first (fired, bought, budget) means it is not a transfer. Past the core,
 * the first decisive modifier can change the status ("will ask NATO to
 * send" is requested, "the possibility of supplying" considered). With no
 * core on the left, a participle after the mention ("missiles provided to
 * Ukraine by the UK") or a "for Ukraine" does. "including" and "such as"
 * hand a mention the transfer of the one before them.
 *
 * The donor is the agent ("by the UK"), the source ("from the US"), the one
 * asked ("urged Germany to send") or the subject of the core; the recipient
 * the destination ("to Kyiv"), the indirect object ("provide Ukraine with"),
 * the one who asked, or failing those the recipient stated earlier in the
 * paragraph and last the article's most named country.
 */
#include <string.h>

#include "transfers.h"

#define MAX_CHAIN 8
#define MAX_MODIFIER_REACH 20 /* tokens past the core where a modifier may stand */
#define RIGHT_REACH 12        /* tokens after the mention where a participle may stand */
#define PARTY_REACH 20        /* tokens after the mention where "to X" may stand */
#define AGENT_REACH 30        /* tokens after the mention where "by X", "from X" may stand */

typedef struct aux {
    int future, maybe, negated, perfect, passive, being;
    int pronoun;     /* a pronoun subject right before ("it would provide") */
    size_t first;    /* the first token of the auxiliaries: the core with them starts here */
} aux;

typedef struct found {
    int core;          /* cue index, or -1 */
    int core_left;     /* the core stands before the mention */
    int decided_by;    /* cue index of the modifier that set the status, or -1 */
    int request;       /* cue index of the request (modifier or core), or -1 */
    int status;
    int blocked;
    int inherit;       /* mention index, or -1 */
    int benefactive;   /* token of "for" in "... for Ukraine", or -1 */
    int compound;      /* actor index in "US-supplied", or -1 */
    int chain[MAX_CHAIN];
    int n_chain;
} found;

typedef struct ctx {
    const tr_docview *v;
    const tr_gazetteer *gz;
    const tr_settings *s;
    tr_relation *rel;
} ctx;

static const tr_cue *cue(const tr_docview *v, int i) { return &v->cues[i]; }
static size_t sentence(const tr_docview *v, size_t k) { return v->doc->tokens[k].sentence; }

/* First and one-past-last token of token k's sentence. */
static void sentence_tokens(const tr_docview *v, size_t k, size_t *t0, size_t *t1)
{
    size_t s = sentence(v, k);
    *t0 = k;
    while (*t0 > 0 && sentence(v, *t0 - 1) == s)
        (*t0)--;
    *t1 = k;
    while (*t1 < v->doc->n_tokens && sentence(v, *t1) == s)
        (*t1)++;
}

static int is_word(const tr_docview *v, size_t k) { return (v->doc->tokens[k].flags & QRY_TOK_WORD) != 0; }
static int is_capitalised(const tr_docview *v, size_t k)
{
    return (v->doc->tokens[k].flags & (QRY_TOK_CAP | QRY_TOK_UPPER)) != 0;
}

static int is_pronoun(const tr_docview *v, size_t k)
{
    static const char *const p[] = {"it", "they", "we", "he", "she", NULL};
    for (size_t i = 0; p[i]; i++)
        if (tr_tok_is(v, k, p[i]))
            return 1;
    return 0;
}

static int donor_kind(int kind) { return kind != TR_ACT_PLACE; }

/* Tense, modality and negation in the few words before token `at`:
 * "will not be sent", "has also provided", "could send", "it would". */
static aux aux_before(const tr_docview *v, size_t at)
{
    aux a = {0};
    size_t words = 0;
    size_t k = at;
    a.first = at;
    for (int steps = 0; steps < 6 && k > 0 && sentence(v, k - 1) == sentence(v, at); steps++) {
        k--;
        if (v->cue_at[k] >= 0) {
            const tr_cue *c = cue(v, v->cue_at[k]);
            int cl = c->e->cls;
            if (cl == TR_FUTURE)
                a.future = 1;
            else if (cl == TR_MAYBE)
                a.maybe = 1;
            else if (cl == TR_NEGATION)
                a.negated = 1;
            else if (cl == TR_PERFECT)
                a.perfect = 1;
            else if (cl == TR_PASSIVE) {
                a.passive = 1;
                a.being |= tr_tok_is(v, k, "being");
            } else
                break;
            k = c->t0;
            a.first = k;
            continue;
        }
        if (tr_tok_is(v, k, "to")) {
            a.future = 1; /* an infinitive: "agreed to send" */
            a.first = k;
            continue;
        }
        if (is_pronoun(v, k)) {
            a.pronoun = 1;
            break;
        }
        if (v->actor_at[k] >= 0 || v->mention_at[k] >= 0 || !is_word(v, k) || is_capitalised(v, k) || ++words > 2)
            break; /* adverbs ("also", "already") are passed over, two at most */
    }
    return a;
}

/* The status a core gives on its own, with the words right before it. */
static int core_status(const tr_cue *c, aux a)
{
    int form = c->e->form;
    switch (c->e->cls) {
    case TR_TRANSFER:
        if (a.negated)
            return TR_ST_REFUSED;
        if (a.maybe)
            return TR_ST_CONSIDERED;
        if (form == TR_FORM_PAST && !a.future && !a.being)
            return TR_ST_DELIVERED; /* "sent", "has provided"; not "will be sent", "being provided" */
        return TR_ST_PLEDGED;
    case TR_PLEDGE:
        return a.negated ? TR_ST_REFUSED : a.maybe ? TR_ST_CONSIDERED : TR_ST_PLEDGED;
    case TR_APPROVE:
        if (a.negated)
            return TR_ST_REFUSED;
        if (a.maybe || (a.future && form != TR_FORM_PAST) || form == TR_FORM_ING)
            return TR_ST_CONSIDERED; /* "will approve": not cleared yet */
        return TR_ST_APPROVED;
    case TR_ARRIVE:
    case TR_RECEIVE:
        if (a.maybe)
            return TR_ST_CONSIDERED;
        return a.negated || a.future ? TR_ST_PLEDGED : TR_ST_DELIVERED;
    case TR_REQUEST:
        return TR_ST_REQUESTED;
    case TR_REFUSE:
        return a.negated ? TR_ST_CONSIDERED : TR_ST_REFUSED; /* "did not rule out" */
    case TR_CONSIDER:
        return a.negated ? TR_ST_REFUSED : TR_ST_CONSIDERED;
    default:
        return TR_ST_NONE;
    }
}

/* "Germany has 350 Leopard tanks": has + a few words without a preposition
 * + the mention. */
/* Words that carry no content for the distance between a core and the
 * mention it governs ("asked for more of the air defence"). */
static int is_filler(const tr_docview *v, size_t k)
{
    static const char *const w[] = {"a", "an", "the", "of", "at", "in", "from", "on", "to", "for", "with", "more",
                                    "some", "new", "additional", "further", "any", "its", "their", "our", "his",
                                    "her", "such", "as", "even", "extra", NULL};
    if (!is_word(v, k) || v->actor_at[k] >= 0)
        return 1;
    for (size_t i = 0; w[i]; i++)
        if (tr_tok_is(v, k, w[i]))
            return 1;
    return 0;
}

/* Content words in [from, to), mentions skipped. */
static size_t content_words(const tr_docview *v, size_t from, size_t to)
{
    size_t n = 0;
    for (size_t k = from; k < to; k++) {
        if (v->mention_at[k] >= 0) {
            k = v->mentions[v->mention_at[k]].t1 - 1;
            continue;
        }
        n += !is_filler(v, k);
    }
    return n;
}

/* A blocker joined by a hyphen to the word before is an origin ("German-made"). */
static int is_compound_tail(const tr_docview *v, const tr_cue *c)
{
    return c->t0 >= 2 && tr_tok_is(v, c->t0 - 1, "-") && !(v->doc->tokens[c->t0 - 1].flags & QRY_TOK_SPACE_BEFORE);
}

static int is_helper(int cl)
{
    return cl == TR_FUTURE || cl == TR_MAYBE || cl == TR_NEGATION || cl == TR_PERFECT || cl == TR_PASSIVE;
}

/* "Germany has 350 Leopard tanks": has + a few words without a preposition
 * + the mention. */
static int is_ownership(const tr_docview *v, const tr_cue *has, size_t mention_t0)
{
    static const char *const preps[] = {"for", "of", "in", "to", "with", "from", "on", "at", "by", NULL};
    if (mention_t0 - has->t1 > 4)
        return 0;
    for (size_t k = has->t1; k < mention_t0; k++) {
        if (v->cue_at[k] >= 0)
            return 0;
        for (size_t i = 0; preps[i]; i++)
            if (tr_tok_is(v, k, preps[i]))
                return 0;
    }
    return 1;
}

/* The right-hand blockers: "missile strikes", "missiles were launched",
 * "$5bn budget", "for its own army". Auxiliaries do not count as distance. */
static int blocked_right(const tr_docview *v, const tr_mention *m)
{
    size_t t0, t1, gap = 0;
    sentence_tokens(v, m->t0, &t0, &t1);
    for (size_t k = m->t1; k < t1 && k < m->t1 + 6;) {
        int ci = v->cue_at[k];
        if (ci < 0) {
            if (v->mention_at[k] >= 0 || v->actor_at[k] >= 0)
                return 0;
            gap++;
            k++;
            continue;
        }
        const tr_cue *c = cue(v, ci);
        if (tr_class_is_core(c->e->cls))
            return 0;
        if (tr_class_is_blocker(c->e->cls) && (c->e->side & TR_SIDE_RIGHT) && !is_compound_tail(v, c)) {
            if (c->e->cls == TR_OWN || (c->e->cls == TR_COST && gap <= 2) || gap == 0)
                return 1;
        }
        if (!is_helper(c->e->cls))
            gap += c->t1 - c->t0;
        k = c->t1;
    }
    return 0;
}

/* "US-supplied HIMARS", "British-donated": the actor of the compound. */
static int compound_donor(const tr_docview *v, const tr_mention *m, int *cue_index)
{
    size_t k = m->t0, words = 0;
    while (k > 0 && words < 2 && v->cue_at[k - 1] < 0 && is_word(v, k - 1) && !is_capitalised(v, k - 1) &&
           v->actor_at[k - 1] < 0 && v->mention_at[k - 1] < 0)
        k--, words++;
    if (k < 3 || v->cue_at[k - 1] < 0)
        return -1;
    const tr_cue *c = cue(v, v->cue_at[k - 1]);
    if (c->e->cls != TR_TRANSFER || c->e->form != TR_FORM_PAST || !is_compound_tail(v, c))
        return -1;
    *cue_index = v->cue_at[k - 1];
    return v->actor_at[c->t0 - 2] >= 0 ? v->actor_at[c->t0 - 2] : -2; /* -2: a compound without a named donor */
}

/* The nearest earlier mention of the sentence that is a transfer. */
static int earlier_transfer(const ctx *c, size_t before, size_t m)
{
    const tr_docview *v = c->v;
    for (size_t j = m; j-- > 0;) {
        if (sentence(v, v->mentions[j].t0) != sentence(v, v->mentions[m].t0))
            break;
        if (v->mentions[j].t1 <= before && c->rel[j].status != TR_ST_NONE)
            return (int)j;
    }
    return -1;
}

/* Whether a core's status can be changed by words further left: only an
 * infinitive, a gerund or a noun can ("ask NATO to send", "the possibility
 * of supplying", "expedite the delivery"); a finite verb ("has sent", "the
 * UK sends") carries its own. */
static int takes_modifiers(const tr_docview *v, const tr_cue *core)
{
    if (core->e->form == TR_FORM_NOUN)
        return 1;
    if (core->e->form == TR_FORM_PAST || core->t0 == 0)
        return 0;
    aux a = aux_before(v, core->t0);
    size_t k = core->t0 - 1;
    if (core->e->form == TR_FORM_ING)
        return !a.passive && !a.perfect && !tr_tok_is(v, k, ",");
    if (a.future && tr_tok_is(v, a.first, "to"))
        return 1; /* "to send" */
    if (a.future || a.maybe || a.perfect || a.passive || a.negated || a.pronoun)
        return 0;
    return v->actor_at[k] < 0; /* "help provide", not "the UK sends" */
}

/* An actor passed while reading modifiers leftwards belongs to the core's
 * clause only as the one asked ("ask NATO members to send") or as the
 * subject of a gerund ("of Poland providing"). */
static int actor_links_core(const tr_docview *v, const tr_actor *a, const tr_cue *core)
{
    if (a->t1 == core->t0)
        return 1;
    if (core->t0 < a->t1 || core->t0 - a->t1 > 3)
        return 0;
    for (size_t k = a->t1; k < core->t0; k++)
        if (tr_tok_is(v, k, "to"))
            return 1;
    return 0;
}

/* Apply the first decisive modifier of the chain. */
static void apply_chain(const tr_docview *v, found *f)
{
    for (int i = 0; i < f->n_chain; i++) {
        const tr_cue *c = cue(v, f->chain[i]);
        int cl = c->e->modifier ? c->e->modifier : c->e->cls;
        aux a = aux_before(v, c->t0);
        int st = TR_ST_NONE;
        switch (cl) {
        case TR_REQUEST:
            st = TR_ST_REQUESTED;
            f->request = f->chain[i];
            break;
        case TR_REFUSE:
            st = a.negated ? TR_ST_CONSIDERED : TR_ST_REFUSED;
            break;
        case TR_CONSIDER:
            st = a.negated ? TR_ST_REFUSED : TR_ST_CONSIDERED;
            break;
        case TR_MAYBE:
            st = TR_ST_CONSIDERED;
            break;
        case TR_APPROVE:
            st = a.negated ? TR_ST_REFUSED
                 : (c->e->form == TR_FORM_PAST || c->e->form == TR_FORM_NOUN) && !a.maybe ? TR_ST_APPROVED
                                                                                           : TR_ST_CONSIDERED;
            break;
        case TR_PLEDGE:
        case TR_FUTURE:
            if (a.negated || a.maybe) { /* "did not agree to send", "potentially agreeing to send" */
                st = a.negated ? TR_ST_REFUSED : TR_ST_CONSIDERED;
                break;
            }
            return; /* "agreed to send": the core's status stands */
        default:
            continue; /* "help provide": not decisive */
        }
        f->status = st;
        f->decided_by = f->chain[i];
        return;
    }
}

/* Words that open another clause between a mention and a verb before it. */
static int opens_clause(const tr_docview *v, size_t k)
{
    static const char *const w[] = {"when", "while", "because", "although", "though", "whereas", "unless",
                                    "until", "which", "who", "whom", "whose", NULL};
    for (size_t i = 0; w[i]; i++)
        if (tr_tok_is(v, k, w[i]))
            return 1;
    /* a full stop the segmenter did not split on ("supplies.In this photo") */
    if (tr_tok_is(v, k, ".") && k > 0 && is_word(v, k - 1) && !is_capitalised(v, k - 1) &&
        v->doc->tokens[k - 1].end - v->doc->tokens[k - 1].start > 1)
        return 1;
    return 0;
}

/* An actor or pronoun followed by an auxiliary: the subject of another verb
 * ("the UK could put", "Congress intends to enact"). */
static int subject_of_other_verb(const tr_docview *v, size_t k, size_t *start)
{
    size_t end;
    if (v->actor_at[k] >= 0) {
        *start = v->actors[v->actor_at[k]].t0;
        end = v->actors[v->actor_at[k]].t1;
    } else if (is_pronoun(v, k)) {
        *start = k;
        end = k + 1;
    } else {
        return 0;
    }
    return end < v->doc->n_tokens && v->cue_at[end] >= 0 && is_helper(cue(v, v->cue_at[end])->e->cls) &&
           !tr_tok_is(v, end, "no");
}

/* Leftwards from the mention: core, blocker, list or nothing. */
static void scan_left(const ctx *c, size_t m, found *f)
{
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    size_t k = mn->t0;
    int steps = 0;
    const tr_cue *core = NULL;
    int modifiers_ok = 0;
    while (k > 0 && sentence(v, k - 1) == sentence(v, mn->t0) && steps < c->s->window) {
        k--;
        steps++;
        if (v->mention_at[k] >= 0) {
            k = v->mentions[v->mention_at[k]].t0;
            continue;
        }
        if (tr_tok_is(v, k, ";"))
            break;
        if (!core) {
            size_t start;
            if (opens_clause(v, k) || subject_of_other_verb(v, k, &start) || is_pronoun(v, k))
                break; /* the mention is in another clause, whose verb is no cue */
        } else if (v->actor_at[k] >= 0) {
            const tr_actor *a = &v->actors[v->actor_at[k]];
            if (a->mark == TR_MARK_NONE && !a->possessive && !actor_links_core(v, a, core))
                break; /* the core's own subject: what is further left is another clause */
            k = a->t0;
            continue;
        }
        int ci = v->cue_at[k];
        if (ci < 0)
            continue;
        const tr_cue *cu = cue(v, ci);
        k = cu->t0;
        int cl = cu->e->cls;
        if (tr_class_is_blocker(cl)) {
            if ((cu->e->side & TR_SIDE_LEFT) && !is_compound_tail(v, cu)) {
                if (!core)
                    f->blocked = 1;
                break;
            }
            continue;
        }
        if (!core) {
            if (cl == TR_LIST) {
                int j = earlier_transfer(c, cu->t0, m);
                if (j >= 0) {
                    f->inherit = j;
                    return;
                }
            } else if (cl == TR_PERFECT && is_ownership(v, cu, mn->t0)) {
                f->blocked = 1;
                return;
            } else if (tr_class_is_core(cl)) {
                int direct = cl == TR_REQUEST || cl == TR_REFUSE || cl == TR_CONSIDER;
                if (direct && content_words(v, cu->t1, mn->t0) > 2)
                    return; /* "asked about the war ... missiles": too far to govern it */
                core = cu;
                f->core = ci;
                f->core_left = 1;
                modifiers_ok = takes_modifiers(v, cu);
                if (!modifiers_ok)
                    return;
            }
            continue;
        }
        if ((cl == TR_PASSIVE || cl == TR_PERFECT) && cu->t1 + 3 < core->t0)
            break; /* another verb's auxiliary: "proposal ... was not different to" */
        if (content_words(v, cu->t1, core->t0) > 5)
            break;
        if ((tr_class_is_core(cl) || cl == TR_FUTURE || cl == TR_MAYBE) && f->n_chain < MAX_CHAIN)
            f->chain[f->n_chain++] = ci;
    }
}

/* Whether a core found on the right may govern the mention before it:
 * "missiles provided to Ukraine", "has arrived", "were being discussed",
 * "which the US will send"; not "C-17 delivered equipment". */
static int right_core_ok(const tr_docview *v, const tr_cue *cu, int relative)
{
    static const char *const after_participle[] = {"to", "by", "from", "for", "into", "in", ",", ".", ";", ")", "and",
                                                   "last", "this", "earlier", "since", "via", "under", "so", "as",
                                                   "over", "on", "at", "with", "–", NULL};
    if (cu->e->cls == TR_ARRIVE || relative)
        return 1;
    if (cu->e->form == TR_FORM_PAST) {
        if (cu->t1 >= v->doc->n_tokens || v->doc->tokens[cu->t1].sentence != v->doc->tokens[cu->t0].sentence)
            return 1;
        for (size_t i = 0; after_participle[i]; i++)
            if (tr_tok_is(v, cu->t1, after_participle[i]))
                return 1;
        return 0;
    }
    aux a = aux_before(v, cu->t0);
    return a.passive && cu->e->form != TR_FORM_NOUN; /* "are being considered" */
}

/* A participle or passive after the mention: "missiles provided to Ukraine",
 * "has arrived in Ukraine", "was discussed". */
static void scan_right(const ctx *c, size_t m, found *f)
{
    static const char *const passable[] = {"and", "or", "in", "of", "worth", "which", "that", NULL};
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    size_t t0, t1, words = 0;
    int relative = 0;
    sentence_tokens(v, mn->t0, &t0, &t1);
    for (size_t k = mn->t1; k < t1 && k < mn->t1 + RIGHT_REACH;) {
        if (v->mention_at[k] >= 0) {
            k = v->mentions[v->mention_at[k]].t1;
            continue;
        }
        if (v->cue_at[k] >= 0) {
            const tr_cue *cu = cue(v, v->cue_at[k]);
            if (tr_class_is_blocker(cu->e->cls) && !is_compound_tail(v, cu))
                return;
            if (tr_class_is_core(cu->e->cls)) {
                if (right_core_ok(v, cu, relative)) {
                    f->core = v->cue_at[k];
                    f->core_left = 0;
                }
                return;
            }
            k = cu->t1;
            continue;
        }
        int pass = 0;
        for (size_t i = 0; passable[i]; i++)
            if (tr_tok_is(v, k, passable[i]))
                pass = 1;
        if (tr_tok_is(v, k, "which") || tr_tok_is(v, k, "that"))
            relative = 1;
        if (!pass && (tr_tok_is(v, k, ",") || tr_tok_is(v, k, "(") || tr_tok_is(v, k, ")")))
            pass = 1;
        if (!pass && v->actor_at[k] >= 0 && relative) {
            k = v->actors[v->actor_at[k]].t1; /* "which the US will send" */
            continue;
        }
        if (!pass && is_word(v, k) && !is_capitalised(v, k) && v->actor_at[k] < 0 && !is_pronoun(v, k) &&
            ++words <= 3)
            pass = 1;
        if (!pass)
            return;
        k++;
    }
}

/* "... in ammunition for Ukraine": a destination with no verb. Returns the
 * token of "for", or -1. Between the mention and "for" only aid words,
 * other mentions and a few small words may stand. */
static int benefactive(const ctx *c, size_t m, int *aid_seen)
{
    static const char *const passable[] = {"and", "or", "in", "of", "worth", ",", "(", ")", NULL};
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    size_t t0, t1, words = 0;
    sentence_tokens(v, mn->t0, &t0, &t1);
    for (size_t k = mn->t1; k < t1 && k < mn->t1 + 10;) {
        if (v->mention_at[k] >= 0) {
            k = v->mentions[v->mention_at[k]].t1;
            continue;
        }
        if (v->cue_at[k] >= 0) {
            const tr_cue *cu = cue(v, v->cue_at[k]);
            if (cu->e->cls != TR_AID && cu->e->cls != TR_ARMS)
                return -1;
            *aid_seen = 1;
            k = cu->t1;
            continue;
        }
        if (tr_tok_is(v, k, "for")) {
            size_t a = k + 1;
            if (tr_tok_is(v, a, "the"))
                a++;
            if (a >= t1 || v->actor_at[a] < 0)
                return -1;
            const tr_actor *ac = &v->actors[v->actor_at[a]];
            if (ac->kind == TR_ACT_ORG || tr_tok_is(v, ac->t1, "to"))
                return -1; /* "a pretext for Moscow to use" */
            return (int)k;
        }
        int pass = 0;
        for (size_t i = 0; passable[i]; i++)
            pass |= tr_tok_is(v, k, passable[i]);
        if (!pass && !(is_word(v, k) && !is_capitalised(v, k) && v->actor_at[k] < 0 && ++words <= 2))
            return -1;
        k++;
    }
    return -1;
}

/* A word of class `cls` near a sum: "$2bn in military aid", "a $300m
 * package", "weaponry worth $1bn". */
static int word_near(const tr_docview *v, const tr_mention *mn, int cls)
{
    size_t t0, t1;
    sentence_tokens(v, mn->t0, &t0, &t1);
    for (size_t k = mn->t1; k < t1 && k < mn->t1 + 5; k++)
        if (v->cue_at[k] >= 0 && cue(v, v->cue_at[k])->e->cls == cls)
            return 1;
    for (size_t k = mn->t0; k > t0 && k + 3 > mn->t0; k--)
        if (v->cue_at[k - 1] >= 0 && cue(v, v->cue_at[k - 1])->e->cls == cls)
            return 1;
    return 0;
}

/* Whether a sum is military or financial aid to a recipient, not a price,
 * a budget or a company's loan: arms words beside it ("$2bn in military
 * aid", "€450m of weapons"), or an aid word with a recipient the text
 * names in the sentence or the paragraph ("$500m lent to Thailand"). */
static int sum_is_aid(const tr_docview *v, const tr_mention *mn, int recipient_source, int has_donor)
{
    if (word_near(v, mn, TR_ARMS))
        return 1;
    /* "$325m in aid, including artillery shells": what it buys is listed */
    size_t t0, t1;
    sentence_tokens(v, mn->t0, &t0, &t1);
    for (size_t k = mn->t1; k < t1 && k < mn->t1 + 8; k++)
        if (v->cue_at[k] >= 0 && cue(v, v->cue_at[k])->e->cls == TR_LIST) {
            size_t after = cue(v, v->cue_at[k])->t1;
            if (after < t1 && v->mention_at[after] >= 0 && !v->mentions[v->mention_at[after]].is_money)
                return 1;
        }
    return word_near(v, mn, TR_AID) &&
           (recipient_source == TR_SRC_SENTENCE || recipient_source == TR_SRC_PARAGRAPH || has_donor);
}

/* "sent artillery into the city": troops' and weapons' movement into a
 * place that is no actor is a deployment, not a transfer. */
static int moved_into_place(const tr_docview *v, const tr_mention *mn)
{
    for (size_t k = mn->t1; k < mn->t1 + 4 && k + 2 < v->doc->n_tokens; k++)
        if (tr_tok_is(v, k, "into") || tr_tok_is(v, k, "onto")) {
            size_t p = tr_tok_is(v, k + 1, "the") ? k + 2 : k + 1;
            return v->actor_at[p] < 0 && v->mention_at[p] < 0;
        }
    return 0;
}

/* A verb's subject cannot be a weapon: "the aircraft that sent the missile". */
static int weapon_subject(const tr_docview *v, const tr_cue *core)
{
    size_t k = aux_before(v, core->t0).first;
    while (k > 0 && (tr_tok_is(v, k - 1, "that") || tr_tok_is(v, k - 1, "which")))
        k--;
    return k > 0 && v->mention_at[k - 1] >= 0 && !v->mentions[v->mention_at[k - 1]].is_money;
}

/* ---- parties ---- */

typedef struct parties {
    int donors[TR_MAX_DONORS];
    int n_donors;
    int donor_source;
    int recipient;
    int recipient_source;
    char recipient_code[TR_CODE_MAX];
} parties;

static void add_donor(parties *p, int a)
{
    for (int i = 0; i < p->n_donors; i++)
        if (p->donors[i] == a)
            return;
    if (p->n_donors < TR_MAX_DONORS)
        p->donors[p->n_donors++] = a;
}

/* After a donor in a list, the next one: "the U.K. and France", "NATO
 * Allies and Canada". */
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
 * "by the U.K. and France", "from the United States ... from NATO Allies
 * and Canada". */
static void donors_by_from(const tr_docview *v, size_t from, size_t limit, parties *p)
{
    for (size_t k = from; k < limit;) {
        int ai = v->actor_at[k];
        if (ai < 0) {
            if (v->cue_at[k] >= 0) {
                int cl = cue(v, v->cue_at[k])->e->cls;
                if (tr_class_is_blocker(cl) || (tr_class_is_core(cl) && k > from))
                    return; /* past another verb or noun: "after an urgent request from" */
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
    size_t para_start = 0;
    for (size_t p = 0; p < doc->n_paragraphs; p++)
        if (doc->paragraphs[p].start <= doc->tokens[at].start)
            para_start = doc->paragraphs[p].start;
    if (doc->sentences[s - 1].start < para_start)
        return -1;
    int first = -1, acting = -1;
    for (size_t i = 0; i < v->n_actors; i++) {
        const tr_actor *a = &v->actors[i];
        if (sentence(v, a->t0) != s - 1 || a->mark != TR_MARK_NONE || a->backers || !donor_kind(a->kind))
            continue;
        if (first < 0)
            first = (int)i;
        for (size_t k = a->t1; k < a->t1 + 3 && k < doc->n_tokens; k++)
            if (v->cue_at[k] >= 0) {
                int cl = cue(v, v->cue_at[k])->e->cls;
                if (tr_class_is_core(cl) || is_helper(cl))
                    acting = (int)i;
                break;
            }
    }
    return acting >= 0 ? acting : first;
}

/* The subject of the core at `at`: the nearest unmarked actor before it
 * that is not the object of another verb ("arming Ukraine"). Reading stops
 * at an auxiliary whose subject is no actor ("western nations have agreed
 * to send": the donor is unnamed). A pronoun stands for the nearest actor
 * before it in the sentence, or the subject of the sentence before. */
static int subject_before(const tr_docview *v, size_t from, size_t at, int want_donor, int *source)
{
    int pronoun = 0;
    *source = TR_SRC_SENTENCE;
    for (size_t k = at; k > from;) {
        k--;
        if (!pronoun && is_pronoun(v, k) && k + 1 < at && v->cue_at[k + 1] >= 0 &&
            (is_helper(cue(v, v->cue_at[k + 1])->e->cls) || tr_class_is_core(cue(v, v->cue_at[k + 1])->e->cls))) {
            pronoun = 1; /* "it would provide": look further for what "it" is */
            continue;
        }
        int ci = v->cue_at[k];
        if (ci >= 0) {
            const tr_cue *cu = cue(v, ci);
            if (!pronoun && is_helper(cu->e->cls) && cu->t0 > from) {
                size_t b = cu->t0 - 1;
                if (is_word(v, b) && v->actor_at[b] < 0 && v->cue_at[b] < 0 && !is_pronoun(v, b) &&
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
static void subject_list(const tr_docview *v, int last, size_t from, parties *p)
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
            break; /* a list ends in "and"; "the Kremlin, the US said" is no list */
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

static int same_code(const char *a, const char *b) { return a[0] && strcmp(a, b) == 0; }

/* Whether actor a may be the recipient, given the donors. */
static int recipient_ok(const tr_docview *v, const parties *p, int a)
{
    for (int i = 0; i < p->n_donors; i++)
        if (same_code(v->actors[p->donors[i]].code, v->actors[a].code))
            return 0;
    return 1;
}

/* The destination after the core or the mention: "to Kyiv", "for Ukraine",
 * "in Ukraine" (after "arrived"). */
static int destination(const tr_docview *v, size_t from, size_t limit, int in_too, const parties *p)
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
        if ((a->mark == TR_MARK_TO || (in_too && a->mark == TR_MARK_IN)) && recipient_ok(v, p, ai) &&
            !tr_tok_is(v, a->t1, "to"))
            return ai;
        k = a->t1;
    }
    return -1;
}

/* The recipient of the latest transfer earlier in the paragraph. */
static int paragraph_recipient(const ctx *c, size_t m, char code[TR_CODE_MAX], int *actor)
{
    const tr_docview *v = c->v;
    const qry_doc_view *doc = v->doc;
    size_t at = doc->tokens[v->mentions[m].t0].start, para_start = 0;
    for (size_t p = 0; p < doc->n_paragraphs; p++)
        if (doc->paragraphs[p].start <= at)
            para_start = doc->paragraphs[p].start;
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
 * "Nato fighter planes", "Poland's MiG-29s". */
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

static void find_donors(const ctx *c, const tr_mention *mn, const found *f, size_t t0, size_t t1, parties *p,
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
        int subj = subject_before(v, t0, mn->t0, 1, &src); /* "UK doubles number of missiles sent to Ukraine" */
        if (subj >= 0 && src == TR_SRC_SENTENCE)
            add_donor(p, subj);
    }
    if (p->n_donors == 0 && core && !f->core_left) {
        /* "has arrived in Ukraine after Germany decided to ship it" */
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

static void find_parties(const ctx *c, size_t m, const found *f, parties *p)
{
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    size_t t0, t1;
    sentence_tokens(v, mn->t0, &t0, &t1);
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
        size_t k = core->t0; /* "for the Ukrainians to receive" */
        if (k >= 2 && tr_tok_is(v, k - 1, "to") && v->actor_at[k - 2] >= 0)
            r = v->actor_at[k - 2];
        else
            r = subject_before(v, t0, core->t0, 0, &src);
        if (r >= 0 && !recipient_ok(v, p, r))
            r = -1;
    }
    int owner = attributive(v, mn);
    if (r < 0 && core && f->core_left && (core_cls == TR_TRANSFER || core_cls == TR_PLEDGE)) {
        size_t k = core->t1; /* "provide Ukraine with", "supply the Ukrainian armed forces with" */
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
    for (size_t i = 0; r < 0 && i < v->n_actors; i++)
        if (v->actors[i].backers && sentence(v, v->actors[i].t0) == sentence(v, mn->t0) &&
            recipient_ok(v, p, (int)i))
            r = (int)i; /* "Ukraine's allies have sent" */
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
 * members stands for all ("from the US ... from NATO Allies and Canada"). */
static int pick_donor(const ctx *c, const parties *p)
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

/* With a core on the left that is followed by "that" or ":" before the
 * mention, the mention may be the subject of its own verb: "announced that
 * Challenger 2 tanks had arrived in Estonia". */
static int core_opens_clause(const tr_docview *v, const tr_cue *core, const tr_mention *mn)
{
    for (size_t k = core->t1; k < mn->t0; k++)
        if (tr_tok_is(v, k, "that") || tr_tok_is(v, k, ":"))
            return 1;
    return 0;
}

static void relate_one(const ctx *c, size_t m, tr_relation *out)
{
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    memset(out, 0, sizeof *out);
    out->donor = out->recipient = -1;
    found f = {.core = -1, .decided_by = -1, .request = -1, .inherit = -1, .benefactive = -1, .compound = -1};
    int trig = -1, aid_seen = 0;

    int comp_cue = -1;
    f.compound = compound_donor(v, mn, &comp_cue);
    if (f.compound != -1) {
        f.status = TR_ST_DELIVERED;
        trig = comp_cue;
        if (f.compound == -2)
            f.compound = -1;
    } else {
        if (blocked_right(v, mn))
            return;
        scan_left(c, m, &f);
        if (f.inherit >= 0) {
            *out = c->rel[f.inherit];
            return;
        }
        if (f.blocked)
            return;
        if (f.core >= 0 && core_opens_clause(v, cue(v, f.core), mn)) {
            found r = {.core = -1, .decided_by = -1, .request = -1, .inherit = -1, .benefactive = -1,
                       .compound = -1};
            scan_right(c, m, &r);
            if (r.core >= 0)
                f = r;
        }
        if (f.core < 0)
            scan_right(c, m, &f);
        if (f.core >= 0) {
            const tr_cue *core = cue(v, f.core);
            if ((f.core_left && weapon_subject(v, core)) || (core->e->cls == TR_TRANSFER && moved_into_place(v, mn)))
                return;
            f.status = core_status(core, aux_before(v, core->t0));
            if (core->e->cls == TR_REQUEST)
                f.request = f.core;
            apply_chain(v, &f);
            trig = f.decided_by >= 0 ? f.decided_by : f.core;
        } else {
            f.benefactive = benefactive(c, m, &aid_seen);
            if (f.benefactive < 0 || (mn->is_money && !aid_seen && !word_near(v, mn, TR_AID) &&
                                      !word_near(v, mn, TR_ARMS)))
                return;
            f.status = TR_ST_PLEDGED;
        }
    }
    if (f.status == TR_ST_NONE)
        return;
    parties p;
    find_parties(c, m, &f, &p);
    if (mn->is_money && f.benefactive < 0 && !sum_is_aid(v, mn, p.recipient_source, p.n_donors > 0))
        return; /* a price, a budget, a company's loan */
    out->status = f.status;
    if (trig >= 0) {
        out->trig_t0 = cue(v, trig)->t0;
        out->trig_t1 = cue(v, trig)->t1;
    } else {
        out->trig_t0 = (size_t)f.benefactive;
        out->trig_t1 = (size_t)f.benefactive + 1;
    }
    memcpy(out->donors, p.donors, sizeof p.donors);
    out->n_donors = p.n_donors;
    out->donor = pick_donor(c, &p);
    if (out->donor >= 0) {
        memcpy(out->donor_code, v->actors[out->donor].code, TR_CODE_MAX);
        out->donor_source = p.donor_source;
    }
    out->recipient = p.recipient;
    out->recipient_source = p.recipient_source;
    memcpy(out->recipient_code, p.recipient_code, TR_CODE_MAX);
    if (out->recipient_code[0] && same_code(out->recipient_code, out->donor_code)) {
        out->recipient = -1; /* "Ukraine will get": the subject was the recipient */
        out->recipient_code[0] = '\0';
        out->recipient_source = TR_SRC_NONE;
    }
}

void tr_relate_all(const tr_docview *v, const tr_gazetteer *gz, const tr_settings *s, tr_relation *rel)
{
    ctx c = {v, gz, s, rel};
    for (size_t m = 0; m < v->n_mentions; m++)
        relate_one(&c, m, &rel[m]);
}

const char *tr_status_name(int status)
{
    static const char *const names[] = {"", "pledged", "approved", "delivered", "requested", "refused", "considered"};
    return status > 0 && status <= TR_ST_CONSIDERED ? names[status] : "";
}

const char *tr_source_name(int source)
{
    static const char *const names[] = {"", "sentence", "paragraph", "article", "option"};
    return source > 0 && source <= TR_SRC_OPTION ? names[source] : "";
}
