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

#include "relate.h"

static void relate_one(const tr_ctx *c, size_t m, tr_relation *out)
{
    const tr_docview *v = c->v;
    const tr_mention *mn = &v->mentions[m];
    memset(out, 0, sizeof *out);
    out->donor = out->recipient = -1;
    tr_found f = {.core = -1, .decided_by = -1, .request = -1, .inherit = -1, .benefactive = -1, .compound = -1};
    int trig = -1, aid_seen = 0;

    int comp_cue = -1;
    f.compound = tr_compound_donor(v, mn, &comp_cue);
    if (f.compound != -1) {
        f.status = TR_ST_DELIVERED;
        trig = comp_cue;
        if (f.compound == -2)
            f.compound = -1;
    } else {
        if (tr_blocked_right(v, mn))
            return;
        tr_scan_left(c, m, &f);
        if (f.inherit >= 0) {
            *out = c->rel[f.inherit];
            return;
        }
        if (f.blocked)
            return;
        if (f.core >= 0 && tr_core_opens_clause(v, cue(v, f.core), mn)) {
            tr_found r = {.core = -1, .decided_by = -1, .request = -1, .inherit = -1, .benefactive = -1,
                       .compound = -1};
            tr_scan_right(c, m, &r);
            if (r.core >= 0)
                f = r;
        }
        if (f.core < 0)
            tr_scan_right(c, m, &f);
        if (f.core >= 0) {
            const tr_cue *core = cue(v, f.core);
            if ((f.core_left && tr_weapon_subject(v, core)) || (core->e->cls == TR_TRANSFER && tr_moved_into_place(v, mn)))
                return;
            f.status = tr_core_status(core, tr_aux_before(v, core->t0));
            if (core->e->cls == TR_REQUEST)
                f.request = f.core;
            tr_apply_chain(v, &f);
            trig = f.decided_by >= 0 ? f.decided_by : f.core;
        } else {
            f.benefactive = tr_benefactive(c, m, &aid_seen);
            if (f.benefactive < 0 || (mn->is_money && !aid_seen && !tr_word_near(v, mn, TR_AID) &&
                                      !tr_word_near(v, mn, TR_ARMS)))
                return;
            f.status = TR_ST_PLEDGED;
        }
    }
    if (f.status == TR_ST_NONE)
        return;
    tr_parties p;
    tr_find_parties(c, m, &f, &p);
    if (mn->is_money && f.benefactive < 0 && !tr_sum_is_aid(v, mn, p.recipient_source, p.n_donors > 0))
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
    out->donor = tr_pick_donor(c, &p);
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
    tr_ctx c = {v, gz, s, rel};
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
