/* cores.c -- whether a mention moves at all: the core that relates it
 * (leftwards, or a participle after it), the blockers that say it does not
 * (combat, ownership, purchase, costs), the clause boundaries the reading
 * stops at, lists that hand on a transfer, and when a sum is aid. */
#include "relate.h"

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
int tr_blocked_right(const tr_docview *v, const tr_mention *m)
{
    size_t t0, t1, gap = 0;
    tr_sentence_tokens(v, m->t0, &t0, &t1);
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
        if (tr_class_is_blocker(c->e->cls) && (c->e->side & TR_SIDE_RIGHT) && !tr_is_compound_tail(v, c)) {
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
int tr_compound_donor(const tr_docview *v, const tr_mention *m, int *cue_index)
{
    size_t k = m->t0, words = 0;
    while (k > 0 && words < 2 && v->cue_at[k - 1] < 0 && is_word(v, k - 1) && !is_capitalised(v, k - 1) &&
           v->actor_at[k - 1] < 0 && v->mention_at[k - 1] < 0)
        k--, words++;
    if (k < 3 || v->cue_at[k - 1] < 0)
        return -1;
    const tr_cue *c = cue(v, v->cue_at[k - 1]);
    if (c->e->cls != TR_TRANSFER || c->e->form != TR_FORM_PAST || !tr_is_compound_tail(v, c))
        return -1;
    *cue_index = v->cue_at[k - 1];
    return v->actor_at[c->t0 - 2] >= 0 ? v->actor_at[c->t0 - 2] : -2; /* -2: a compound without a named donor */
}

/* The nearest earlier mention of the sentence that is a transfer. */
static int earlier_transfer(const tr_ctx *c, size_t before, size_t m)
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
    } else if (tr_is_pronoun(v, k)) {
        *start = k;
        end = k + 1;
    } else {
        return 0;
    }
    return end < v->doc->n_tokens && v->cue_at[end] >= 0 && is_helper(cue(v, v->cue_at[end])->e->cls) &&
           !tr_tok_is(v, end, "no");
}

/* Leftwards from the mention: core, blocker, list or nothing. */
void tr_scan_left(const tr_ctx *c, size_t m, tr_found *f)
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
            if (opens_clause(v, k) || subject_of_other_verb(v, k, &start) || tr_is_pronoun(v, k))
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
            if ((cu->e->side & TR_SIDE_LEFT) && !tr_is_compound_tail(v, cu)) {
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
                if (direct && tr_content_words(v, cu->t1, mn->t0) > 2)
                    return; /* "asked about the war ... missiles": too far to govern it */
                core = cu;
                f->core = ci;
                f->core_left = 1;
                modifiers_ok = tr_takes_modifiers(v, cu);
                if (!modifiers_ok)
                    return;
            }
            continue;
        }
        if ((cl == TR_PASSIVE || cl == TR_PERFECT) && cu->t1 + 3 < core->t0)
            break; /* another verb's auxiliary: "proposal ... was not different to" */
        if (tr_content_words(v, cu->t1, core->t0) > 5)
            break;
        if ((tr_class_is_core(cl) || cl == TR_FUTURE || cl == TR_MAYBE) && f->n_chain < MAX_CHAIN)
            f->chain[f->n_chain++] = ci;
    }
}

/* Whether a core found on the right may govern the mention before it:
 * "shells provided to Estonia", "has arrived", "were being discussed",
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
    tr_aux a = tr_aux_before(v, cu->t0);
    return a.passive && cu->e->form != TR_FORM_NOUN; /* "are being considered" */
}

/* A participle or passive after the mention: "shells provided to Estonia",
 * "has arrived in Ukraine", "was discussed". */
void tr_scan_right(const tr_ctx *c, size_t m, tr_found *f)
{
    static const char *const passable[] = {"and", "or", "in", "of", "worth", "which", "that", NULL};
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    size_t t0, t1, words = 0;
    int relative = 0;
    tr_sentence_tokens(v, mn->t0, &t0, &t1);
    for (size_t k = mn->t1; k < t1 && k < mn->t1 + RIGHT_REACH;) {
        if (v->mention_at[k] >= 0) {
            k = v->mentions[v->mention_at[k]].t1;
            continue;
        }
        if (v->cue_at[k] >= 0) {
            const tr_cue *cu = cue(v, v->cue_at[k]);
            if (tr_class_is_blocker(cu->e->cls) && !tr_is_compound_tail(v, cu))
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
        if (!pass && is_word(v, k) && !is_capitalised(v, k) && v->actor_at[k] < 0 && !tr_is_pronoun(v, k) &&
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
int tr_benefactive(const tr_ctx *c, size_t m, int *aid_seen)
{
    static const char *const passable[] = {"and", "or", "in", "of", "worth", ",", "(", ")", NULL};
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    size_t t0, t1, words = 0;
    tr_sentence_tokens(v, mn->t0, &t0, &t1);
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
                return -1; /* "an excuse for Minsk to use" */
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

/* A word of class `cls` near a sum: "€4bn in military aid", "a $300m
 * package", "weaponry worth $1bn". */
int tr_word_near(const tr_docview *v, const tr_mention *mn, int cls)
{
    size_t t0, t1;
    tr_sentence_tokens(v, mn->t0, &t0, &t1);
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
int tr_sum_is_aid(const tr_docview *v, const tr_mention *mn, int recipient_source, int has_donor)
{
    if (tr_word_near(v, mn, TR_ARMS))
        return 1;
    /* "$325m in aid, including artillery shells": what it buys is listed */
    size_t t0, t1;
    tr_sentence_tokens(v, mn->t0, &t0, &t1);
    for (size_t k = mn->t1; k < t1 && k < mn->t1 + 8; k++)
        if (v->cue_at[k] >= 0 && cue(v, v->cue_at[k])->e->cls == TR_LIST) {
            size_t after = cue(v, v->cue_at[k])->t1;
            if (after < t1 && v->mention_at[after] >= 0 && !v->mentions[v->mention_at[after]].is_money)
                return 1;
        }
    return tr_word_near(v, mn, TR_AID) &&
           (recipient_source == TR_SRC_SENTENCE || recipient_source == TR_SRC_PARAGRAPH || has_donor);
}

/* "sent artillery into the city": troops' and weapons' movement into a
 * place that is no actor is a deployment, not a transfer. */
int tr_moved_into_place(const tr_docview *v, const tr_mention *mn)
{
    for (size_t k = mn->t1; k < mn->t1 + 4 && k + 2 < v->doc->n_tokens; k++)
        if (tr_tok_is(v, k, "into") || tr_tok_is(v, k, "onto")) {
            size_t p = tr_tok_is(v, k + 1, "the") ? k + 2 : k + 1;
            return v->actor_at[p] < 0 && v->mention_at[p] < 0;
        }
    return 0;
}

/* A verb's subject cannot be a weapon: "the aircraft that sent the missile". */
int tr_weapon_subject(const tr_docview *v, const tr_cue *core)
{
    size_t k = tr_aux_before(v, core->t0).first;
    while (k > 0 && (tr_tok_is(v, k - 1, "that") || tr_tok_is(v, k - 1, "which")))
        k--;
    return k > 0 && v->mention_at[k - 1] >= 0 && !v->mentions[v->mention_at[k - 1]].is_money;
}

/* With a core on the left that is followed by "that" or ":" before the
 * mention, the mention may be the subject of its own verb: "announced that
 * Challenger 2 tanks had arrived in Estonia". */
int tr_core_opens_clause(const tr_docview *v, const tr_cue *core, const tr_mention *mn)
{
    for (size_t k = core->t1; k < mn->t0; k++)
        if (tr_tok_is(v, k, "that") || tr_tok_is(v, k, ":"))
            return 1;
    return 0;
}
