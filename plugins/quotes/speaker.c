/* speaker.c -- from a speaker phrase to a speaker: a person's fullest name
 * ("Stoltenberg" -> "Jens Stoltenberg"), a pronoun's referent, the person
 * a title description stands for ("the secretary general"), or an
 * organization ("U.K. Ministry of Defense") kept as written.
 */
#include <stdio.h>
#include <string.h>

#include "quotes.h"

static const char *const determiners[] = {"the", "a", "an", NULL};

static int tok_ieq(const qt_ctx *c, size_t a, size_t b)
{
    size_t na, nb;
    const char *sa = qt_tok_text(c, a, &na), *sb = qt_tok_text(c, b, &nb);
    if (na != nb)
        return 0;
    for (size_t i = 0; i < na; i++) {
        int x = (unsigned char)sa[i], y = (unsigned char)sb[i];
        if (x >= 'A' && x <= 'Z')
            x += 'a' - 'A';
        if (y >= 'A' && y <= 'Z')
            y += 'a' - 'A';
        if (x != y)
            return 0;
    }
    return 1;
}

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

/* The most recent person before token ref that was the subject of a
 * sentence or a reporting verb, or the speaker of an earlier quotation. */
static int resolve_pronoun(const qt_ctx *c, const qt_names *names, const qt_quote *quotes, size_t nq, size_t ref,
                           char *buf, size_t bufsz)
{
    const qt_name *best = NULL;
    for (size_t i = 0; i < names->n && names->v[i].first < ref; i++)
        if (names->v[i].person && names->v[i].subject)
            best = &names->v[i];
    const qt_quote *bq = NULL;
    for (size_t i = 0; i < nq; i++)
        if (quotes[i].has_speaker && quotes[i].speaker_person && quotes[i].sp_tok < ref)
            if (!bq || quotes[i].sp_tok > bq->sp_tok)
                bq = &quotes[i];
    if (bq && (!best || bq->sp_tok > best->first)) {
        snprintf(buf, bufsz, "%s", bq->speaker);
        return 1;
    }
    if (!best) /* no subject: the most recent person at all */
        for (size_t i = 0; i < names->n && names->v[i].first < ref; i++)
            if (names->v[i].person)
                best = &names->v[i];
    if (!best)
        return 0;
    qt_fullest_name(c, names, best->first, best->last, buf, bufsz);
    return 1;
}

/* The person whose title words ("NATO Secretary-General Jens Stoltenberg")
 * best match the description's words [a, e) ("the secretary-general");
 * the description's last word must be among them. */
static const qt_name *resolve_title(const qt_ctx *c, const qt_names *names, size_t a, size_t e, size_t ref)
{
    size_t head = e;
    while (head > a && !qt_tok_word(c, head - 1))
        head--;
    if (head == a)
        return NULL;
    head--;
    const qt_name *best = NULL;
    size_t best_score = 0;
    for (size_t i = 0; i < names->n; i++) {
        const qt_name *n = &names->v[i];
        if (!n->person || n->title_start >= n->first)
            continue;
        size_t score = 0;
        int head_ok = 0;
        for (size_t t = a; t <= head; t++) {
            if (!qt_tok_word(c, t) || qt_tok_is(c, t, determiners))
                continue;
            for (size_t u = n->title_start; u < n->first; u++)
                if (qt_tok_word(c, u) && tok_ieq(c, t, u)) {
                    score++;
                    head_ok |= t == head;
                    break;
                }
        }
        /* prefer more matching words, then the latest mention before ref */
        if (head_ok && (score > best_score || (score == best_score && n->first < ref)))
            best = n, best_score = score;
    }
    return best;
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
        if (!resolve_pronoun(c, names, quotes, nq, ref, q->speaker, sizeof q->speaker)) {
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
            const qt_name *n = resolve_title(c, names, ra, re, ref);
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
    const qt_name *n = resolve_title(c, names, a, e, ref);
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
