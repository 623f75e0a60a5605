/* speaker.c -- from a speaker phrase to a speaker: a person's fullest name
 * ("Stoltenberg" -> "Jens Stoltenberg"), a pronoun's referent, the person
 * a title description stands for ("the secretary general"), or an
 * organization ("U.K. Ministry of Defense") kept as written.
 */
#include <stdio.h>
#include <string.h>

#include "quotes.h"

static const char *const determiners[] = {"the", "a", "an", NULL};

static void set_mention_only(const qt_ctx *c, qt_quote *q, size_t a, size_t e)
{
    q->sp_start = c->doc->tokens[a].start;
    q->sp_end = c->doc->tokens[e - 1].end;
    q->sp_tok = (uint32_t)a;
    q->has_mention = 1;
}

static void set_mention(const qt_ctx *c, qt_quote *q, size_t a, size_t e)
{
    set_mention_only(c, q, a, e);
    q->has_speaker = 1;
}

/* The speaker of one of the last QUOTE_BACK quotations before q, when its
 * mention is the latest before ref and it agrees with the pronoun. */
#define QUOTE_BACK 64
static const qt_quote *recent_speaker(const qt_quote *quotes, size_t nq, size_t ref, int gender)
{
    const qt_quote *bq = NULL;
    for (size_t i = nq; i > 0 && nq - i < QUOTE_BACK; i--) {
        const qt_quote *x = &quotes[i - 1];
        if (x->has_speaker && x->speaker_person && x->sp_tok < ref &&
            (gender == QT_G_UNKNOWN || x->gender == QT_G_UNKNOWN || x->gender == gender))
            if (!bq || x->sp_tok > bq->sp_tok)
                bq = x;
    }
    return bq;
}

/* The most recent person before token ref that was the subject of a
 * sentence or a reporting verb, or the speaker of an earlier quotation,
 * agreeing with the pronoun's gender. */
static int resolve_pronoun(const qt_ctx *c, const qt_names *names, const qt_quote *quotes, size_t nq, size_t ref,
                           int gender, qt_quote *q)
{
    const qt_name *best = qt_pronoun_referent(names, ref, gender);
    const qt_quote *bq = recent_speaker(quotes, nq, ref, gender);
    if (bq && (!best || !best->subject || bq->sp_tok > best->first)) {
        snprintf(q->speaker, sizeof q->speaker, "%s", bq->speaker);
        q->gender = bq->gender != QT_G_UNKNOWN ? bq->gender : (uint8_t)gender;
        return 1;
    }
    if (!best)
        return 0;
    qt_fullest_name(c, names, best->first, best->last, q->speaker, sizeof q->speaker);
    q->gender = best->gender != QT_G_UNKNOWN ? best->gender : (uint8_t)gender;
    return 1;
}

/* Last capitalised run in [a, e) whose run reaches the phrase's last word. */
static int last_cap_run(const qt_ctx *c, size_t a, size_t e, size_t *ra, size_t *re)
{
    int found = 0;
    size_t t = a;
    while (t < e) {
        if (qt_tok_cap(c, t) && !qt_tok_in(c, t, &c->lex->nonnames) && !qt_tok_pronoun(c, t)) {
            size_t r = qt_cap_run_end(c, t, e);
            *ra = t;
            *re = r;
            found = 1;
            t = r;
        } else {
            t++;
        }
    }
    if (!found)
        return 0;
    size_t last = e;
    while (last > a && !qt_tok_word(c, last - 1))
        last--;
    return *re >= last;
}

static int only_acronyms(const qt_ctx *c, size_t a, size_t e)
{
    for (size_t t = a; t < e; t++)
        if (qt_tok_word(c, t) && !qt_tok_upper(c, t) && !(c->doc->tokens[t].flags & QRY_TOK_UPPER))
            return 0;
    return 1;
}

int qt_resolve_speaker(const qt_ctx *c, const qt_names *names, const qt_quote *quotes, size_t nq, qt_quote *q,
                       size_t a, size_t e)
{
    while (a < e && (!qt_tok_word(c, a) || qt_tok_is(c, a, determiners)))
        a++;
    while (e > a && !qt_tok_word(c, e - 1))
        e--;
    if (a >= e)
        return 0;
    size_t ref = q->open < a ? q->open : a;

    if (e - a == 1 && qt_tok_pronoun(c, a)) {
        int gender = qt_tok_eq(c, a, "she") ? QT_G_FEMALE : QT_G_MALE;
        if (!resolve_pronoun(c, names, quotes, nq, ref, gender, q)) {
            set_mention_only(c, q, a, e);
            return 0;
        }
        q->speaker_person = 1;
        set_mention(c, q, a, e);
        return 1;
    }
    if (e - a == 1 && qt_tok_is(c, a, (const char *const[]){"they", "we", "it", "i", "you", "who", NULL})) {
        set_mention_only(c, q, a, e);
        return 0;
    }

    size_t ra = 0, re = 0;
    if (last_cap_run(c, a, e, &ra, &re)) {
        size_t first = qt_strip_titles(c, ra, re);
        if (first < re && !qt_has_orgword(c, first, re) && !only_acronyms(c, first, re)) {
            qt_fullest_name(c, names, first, re, q->speaker, sizeof q->speaker);
            /* a person when titled or when the name has two words or more */
            q->speaker_person = (uint8_t)(first > ra || strchr(q->speaker, ' ') != NULL);
            set_mention(c, q, first, re);
            return 1;
        }
        if (first >= re && !only_acronyms(c, ra, re) && !qt_has_orgword(c, ra, re)) {
            /* capitalised titles only: "Secretary General said" */
            const qt_name *n = qt_title_referent(c, names, ra, re, ref);
            if (n) {
                qt_fullest_name(c, names, n->first, n->last, q->speaker, sizeof q->speaker);
                q->speaker_person = 1;
                set_mention(c, q, ra, re);
                return 1;
            }
        }
        /* an organization or an acronym: as written */
        if (re - ra == e - a || qt_has_orgword(c, ra, re) || only_acronyms(c, ra, re)) {
            qt_copy_tokens(c, ra, re, q->speaker, sizeof q->speaker);
            q->speaker_person = 0;
            set_mention(c, q, ra, re);
            return 1;
        }
    }
    /* a description: "the secretary general", "the NATO chief", "officials" */
    const qt_name *n = qt_title_referent(c, names, a, e, ref);
    if (n) {
        qt_fullest_name(c, names, n->first, n->last, q->speaker, sizeof q->speaker);
        q->speaker_person = 1;
    } else {
        qt_copy_tokens(c, a, e, q->speaker, sizeof q->speaker);
        q->speaker_person = 0;
    }
    set_mention(c, q, a, e);
    return 1;
}
