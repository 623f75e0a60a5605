/* status.c -- how far a transfer has got: the status a core gives with the
 * auxiliaries before it ("has sent", "will not send", "could send"), and the
 * word further left that can change it ("ask NATO to send", "the
 * possibility of supplying"). */
#include "relate.h"

/* The status a core gives on its own, with the words right before it. */
int tr_core_status(const tr_cue *c, tr_aux a)
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

/* Whether a core's status can be changed by words further left: only an
 * infinitive, a gerund or a noun can ("ask NATO to send", "the possibility
 * of supplying", "expedite the shipment"); a finite verb ("has sent", "the
 * UK sends") carries its own. */
int tr_takes_modifiers(const tr_docview *v, const tr_cue *core)
{
    if (core->e->form == TR_FORM_NOUN)
        return 1;
    if (core->e->form == TR_FORM_PAST || core->t0 == 0)
        return 0;
    tr_aux a = tr_aux_before(v, core->t0);
    size_t k = core->t0 - 1;
    if (core->e->form == TR_FORM_ING)
        return !a.passive && !a.perfect && !tr_tok_is(v, k, ",");
    if (a.future && tr_tok_is(v, a.first, "to"))
        return 1; /* "to send" */
    if (a.future || a.maybe || a.perfect || a.passive || a.negated || a.pronoun)
        return 0;
    return v->actor_at[k] < 0; /* "help provide", not "the UK sends" */
}

/* Apply the first decisive modifier of the chain. */
void tr_apply_chain(const tr_docview *v, tr_found *f)
{
    for (int i = 0; i < f->n_chain; i++) {
        const tr_cue *c = cue(v, f->chain[i]);
        int cl = c->e->modifier ? c->e->modifier : c->e->cls;
        tr_aux a = tr_aux_before(v, c->t0);
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
