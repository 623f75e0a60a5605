/* speaker.c -- from a speaker phrase to a speaker: a person's fullest name
 * ("Stoltenberg" -> "Jens Stoltenberg"), a pronoun's referent agreeing in
 * gender, the person a title description stands for ("the secretary
 * general"), or an organisation ("U.K. Ministry of Defense") kept as
 * written; with its kind (person, organisation, unresolved). What a name is
 * comes from qt_name_kind() (classify.c).
 */
#include <stdio.h>
#include <string.h>

#include "quotes.h"

#define QUOTE_BACK 64 /* earlier quotations whose speakers a pronoun may take */

static const char *const determiners[] = {"the", "a", "an", NULL};
/* A speaker phrase ends before its verb's auxiliary ("the ministry was
 * quoted as saying") and before trailing function words; one that opens
 * with a preposition is a piece of a clause, no speaker ("into the
 * alliance and"); nor is a time ("at the weekend said"). */
static const char *const auxiliaries[] = {"was", "were", "is", "are", "has", "have", "had", "been", NULL};
static const char *const clause_openers[] = {"into", "onto", "in", "on", "at", "by", "for", "with", "from", "of",
                                             "to", "over", "under", "during", NULL};
static const char *const clause_enders[] = {"of", "to", "and", "or", "as", "how", "what", "into", "in", "on", "at",
                                            "by", "for", "with", "from", "the", "a", "an", NULL};
static const char *const time_words[] = {"today", "yesterday", "tonight", "weekend", "time", "morning",
                                         "afternoon", "evening", "night", "week", "month", "year", "day", NULL};

static const char *const time_modifiers[] = {"on", "in", "at", "last", "this", "next", "early", "late", "that",
                                             "same", NULL};

static int time_only(const qt_ctx *c, size_t a, size_t e)
{
    int when = 0;
    for (size_t t = a; t < e; t++) {
        if (!qt_tok_word(c, t))
            continue;
        if (qt_tok_date(c, t) || (!qt_tok_cap(c, t) && qt_tok_is(c, t, time_words)))
            when = 1; /* "Time" and "Day" may be names: a magazine, a surname */
        else if (!qt_tok_is(c, t, time_modifiers))
            return 0;
    }
    return when;
}

/* pronouns that stay unresolved, their mention kept */
static const char *const other_pronouns[] = {"they", "we", "it", "i", "you", "who", NULL};
/* Words that alone are never a speaker: connectives, prepositions, sentence
 * adverbs and lone demonstratives (", as reported by", "Having said that",
 * ", and has told them", "That claim has not been verified"). */
static const char *const not_speakers[] = {
    "as", "and", "or", "but", "nor", "so", "yet", "having", "simply", "despite", "although", "though", "while",
    "whereas", "because", "since", "unless", "whether", "if", "when", "after", "before", "in", "on", "at", "with",
    "by", "for", "of", "to", "then", "however", "meanwhile", "indeed", "nevertheless", "instead", "also", "thus",
    "that", "this", "these", "those", "there", "here", "what", "which", NULL};
static const char *const prepositions[] = {"near", "in", "from", "at", "outside", "inside", "of", "for", "with", NULL};

static void set_mention_only(const qt_ctx *c, qt_quote *q, size_t a, size_t e)
{
    q->sp_start = c->doc->tokens[a].start;
    q->sp_end = c->doc->tokens[e - 1].end;
    q->sp_tok = (uint32_t)a;
    q->has_mention = 1;
}

/* The speaker is written with tokens [na, ne), of kind `kind`. */
static void set_speaker(qt_quote *q, size_t na, size_t ne, int kind)
{
    q->name_a = (uint32_t)na;
    q->name_e = (uint32_t)ne;
    q->has_speaker = 1;
    q->speaker_kind = (uint8_t)kind;
}

static void set_fullest(const qt_ctx *c, const qt_names *names, qt_quote *q, size_t a, size_t e)
{
    const qt_name *f = qt_fullest_of(c, names, a, e);
    if (f) {
        set_speaker(q, f->first, f->last, QT_KIND_PERSON);
        q->gender = f->gender;
    } else {
        set_speaker(q, a, e, QT_KIND_PERSON);
    }
}

void qt_copy_attribution(qt_quote *q, const qt_quote *from)
{
    q->has_speaker = from->has_speaker;
    q->has_mention = from->has_mention;
    q->speaker_kind = from->speaker_kind;
    q->gender = from->gender;
    q->cue_tok = from->cue_tok;
    q->cue_len = from->cue_len;
    q->sp_start = from->sp_start;
    q->sp_end = from->sp_end;
    q->sp_tok = from->sp_tok;
    q->name_a = from->name_a;
    q->name_e = from->name_e;
}

/* The speaker of one of the last QUOTE_BACK quotations before q whose
 * mention is the latest before ref and who agrees with the pronoun. */
static const qt_quote *recent_speaker(const qt_quote *quotes, size_t nq, size_t ref, int gender)
{
    const qt_quote *bq = NULL;
    for (size_t i = nq; i > 0 && nq - i < QUOTE_BACK; i--) {
        const qt_quote *x = &quotes[i - 1];
        if (x->has_speaker && x->speaker_kind == QT_KIND_PERSON && x->sp_tok < ref &&
            (x->gender == QT_G_UNKNOWN || x->gender == gender))
            if (!bq || x->sp_tok > bq->sp_tok)
                bq = x;
    }
    return bq;
}

/* The most recent person before token ref that was the subject of a
 * sentence or a reporting verb, or the speaker of an earlier quotation,
 * agreeing with the pronoun's gender. A "she" chain passes its gender on. */
static int resolve_pronoun(const qt_ctx *c, const qt_names *names, const qt_quote *quotes, size_t nq, size_t ref,
                           int gender, qt_quote *q)
{
    const qt_name *best = qt_pronoun_referent(names, ref, gender);
    const qt_quote *bq = recent_speaker(quotes, nq, ref, gender);
    if (bq && (!best || !best->subject || bq->sp_tok > best->first)) {
        set_speaker(q, bq->name_a, bq->name_e, QT_KIND_PERSON);
        q->gender = (uint8_t)gender;
        return 1;
    }
    if (!best)
        return 0;
    set_fullest(c, names, q, best->first, best->last);
    q->gender = (uint8_t)gender;
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

/* A title word anywhere in [a, e): "former city treasurer Anton Reed". */
static int has_title(const qt_ctx *c, size_t a, size_t e)
{
    for (size_t t = a; t < e; t++)
        if (qt_tok_title(c, t))
            return 1;
    return 0;
}

/* A description ("the secretary general", "officials"): the titled person
 * it stands for, else itself, unresolved. */
static void resolve_description(const qt_ctx *c, const qt_names *names, qt_quote *q, size_t a, size_t e, size_t ref)
{
    /* the verb's modal or adverb is no part of its subject ("the alliance
     * cannot admit", "the new document also warned"), nor is where someone
     * who can speak works ("an employee at the plant said"; "data from the
     * survey" stays whole) */
    static const char *const verb_words[] = {"cannot", "can", "could", "would", "will", "may", "might", "must",
                                             "should", "shall", "also", "still", "only", "now", "then", "never",
                                             "already", NULL};
    static const char *const places[] = {"at", "near", "in", NULL};
    while (e > a + 1 && qt_tok_is(c, e - 1, verb_words))
        e--;
    for (size_t t = a + 1; t + 1 < e; t++)
        if (qt_tok_is(c, t, places) && qt_speaking_head(c, t - 1)) {
            e = t;
            break;
        }
    set_mention_only(c, q, a, e);
    const qt_name *n = qt_title_referent(c, names, a, e, ref);
    if (n) {
        set_fullest(c, names, q, n->first, n->last);
        return;
    }
    /* "the budget office", "the ministry": an organisation named by its kind */
    size_t head = e;
    while (head > a && !qt_tok_word(c, head - 1))
        head--;
    int org = head > a && qt_tok_in(c, head - 1, &c->lex->orgwords);
    /* "the company", "the bank": the firm the story is about */
    static const char *const firms[] = {"company", "firm", "corporation", "bank", "concern", "carrier",
                                        "airline", "utility", "insurer", "retailer", "maker", "manufacturer",
                                        "producer", "lender", "brokerage", "conglomerate", "miner", "refiner",
                                        NULL};
    size_t det = qt_tok_eq(c, a, "the") ? a : a > 0 && qt_tok_eq(c, a - 1, "the") ? a - 1 : QT_NONE;
    if (det != QT_NONE && head > det + 1 && head - det <= 3 && qt_tok_is(c, head - 1, firms)) {
        const qt_name *firm = qt_org_referent(c, names, ref, qt_tok_eq(c, head - 1, "bank"));
        if (firm) {
            set_speaker(q, firm->title_start, firm->last, QT_KIND_ORG); /* "General Electric Co" whole */
            return;
        }
    }
    set_speaker(q, a, e, org ? QT_KIND_ORG : QT_KIND_UNKNOWN);
}

/* The possessive in [a, e) of a name whose words these are ("Varga’s catch
 * phrase", "Okafor’s broadside", "Marsh's recent remarks"): the apostrophe
 * after the name, when a noun of utterances.txt follows it within the
 * phrase or just after it; QT_NONE otherwise ("Okafor’s campaign"). */
#define UTTERANCE_AFTER 4 /* tokens from the possessive to the noun */
static size_t possessor_end(const qt_ctx *c, size_t a, size_t e)
{
    const qry_doc_view *d = c->doc;
    for (size_t p = a + 1; p < e; p++) {
        if (!qt_tok_apostrophe(c, p) || (d->tokens[p].flags & QRY_TOK_SPACE_BEFORE) || !qt_tok_cap(c, p - 1))
            continue;
        size_t u = p + 1 + (p + 1 < d->n_tokens && qt_tok_eq(c, p + 1, "s"));
        for (size_t v = u; v < d->n_tokens && v - u < UTTERANCE_AFTER && qt_tok_word(c, v) &&
                           d->tokens[v].sentence == d->tokens[p].sentence;
             v++)
            if (qt_entry_at(c, v, &c->lex->utterances)) {
                /* "Ukraine’s defence minister Olena Kovalenko": a name after
                 * the noun makes it a title word; the name is the speaker */
                for (size_t w = v + 1; w < e; w++)
                    if (qt_tok_cap(c, w) && !qt_tok_title(c, w))
                        return QT_NONE;
                return p;
            }
        return QT_NONE;
    }
    return QT_NONE;
}

#define FIRM_MAX 10 /* tokens of "Industrial Equity (Pacific) Ltd" */

/* First token of a firm's name ending at e (before it, not before a): its
 * last word a legal suffix, and before it capitalised words, "and" or "&",
 * a possessive and a parenthesis ("Standard and Poor's Corp", "Moody's
 * Investors Service Inc", "Industrial Equity (Pacific) Ltd"); or the
 * initials "S and P". QT_NONE when [a, e) does not end in one. */
static size_t firm_start(const qt_ctx *c, size_t a, size_t e)
{
    if (e - a == 3 && qt_tok_cap(c, a) && qt_tok_cap(c, a + 2) && (qt_tok_eq(c, a + 1, "and") || qt_tok_char(c, a + 1, "&"))) {
        size_t n1, n2;
        qt_tok_text(c, a, &n1);
        qt_tok_text(c, a + 2, &n2);
        if (n1 == 1 && n2 == 1)
            return a; /* "S and P said" */
    }
    if (e <= a + 1 || !qt_tok_legal_suffix(c, e - 1))
        return QT_NONE;
    size_t t = e - 1, start = QT_NONE;
    while (t > a && e - t < FIRM_MAX) {
        size_t p = t - 1;
        if (qt_tok_cap(c, p)) {
            start = p;
            t = p;
        } else if (qt_tok_char(c, p, ")")) {
            size_t u = p;
            while (u > a && !qt_tok_char(c, u, "("))
                u--;
            if (!qt_tok_char(c, u, "(") || u == a)
                break;
            t = u;
        } else if ((qt_tok_eq(c, p, "and") || qt_tok_char(c, p, "&") || qt_tok_eq(c, p, "s") ||
                    qt_tok_apostrophe(c, p) || qt_tok_char(c, p, ".") || qt_tok_eq(c, p, "of") ||
                    (qt_tok_dash(c, p) && !(c->doc->tokens[p].flags & QRY_TOK_SPACE_BEFORE))) &&
                   p > a && (qt_tok_cap(c, p - 1) || qt_tok_apostrophe(c, p - 1))) {
            t = p; /* "Standard and Poor's", "Coca-Cola", "Bank of Tokyo" */
        } else {
            break;
        }
    }
    if (start == QT_NONE)
        return QT_NONE;
    /* "Steve Slifer of Lehman Government Securities Inc", "Analyst Jo Roe of
     * Dock Corp": a person of the firm, who speaks for it */
    for (size_t u = start; u + 1 < e && !qt_tok_eq(c, u, "of"); u++)
        if (qt_tok_in(c, u, &c->lex->male) || qt_tok_in(c, u, &c->lex->female) || qt_tok_title(c, u))
            for (size_t v = u; v + 1 < e; v++)
                if (qt_tok_eq(c, v, "of"))
                    return QT_NONE;
    /* "… Ltd's Joseph E. Seagram and Sons Inc", "Japan's Nissan Motor Co": the
     * name after the owner's suffix or the country */
    while (start + 2 < e && (qt_tok_legal_suffix(c, start) || qt_name_kind(c, start, start + 1, 0) == QT_KIND_PLACE) &&
           qt_tok_apostrophe(c, start + 1))
        start += 2 + (start + 2 < e && qt_tok_eq(c, start + 2, "s"));
    return start;
}

int qt_resolve_speaker(const qt_ctx *c, const qt_names *names, const qt_quote *quotes, size_t nq, qt_quote *q,
                       size_t a, size_t e)
{
    size_t phrase_start = a;
    /* a number stays: "the 46-year-old" is "46-year-old" */
    while (a < e && ((!qt_tok_word(c, a) && !(c->doc->tokens[a].flags & QRY_TOK_NUMBER)) ||
                     (qt_tok_word(c, a) && qt_tok_is(c, a, determiners))))
        a++;
    if (e - a == 2 && qt_tok_eq(c, a, "no") && qt_tok_eq(c, a + 1, "10")) {
        set_mention_only(c, q, a, e);
        set_speaker(q, a, e, QT_KIND_ORG); /* "No 10 said": Downing Street, not "No" */
        return 1;
    }
    while (e > a && !qt_tok_word(c, e - 1))
        e--;
    if (a >= e)
        return 0;
    size_t firm = firm_start(c, a, e);
    if (firm != QT_NONE) { /* "Standard and Poor's Corp said": one name, kept whole */
        set_mention_only(c, q, firm, e);
        set_speaker(q, firm, e, QT_KIND_ORG);
        return 1;
    }
    /* a lone connective or sentence adverb is no speaker: ", as reported by",
     * "Having said that", ", and has told them" */
    if (e - a == 1 && qt_tok_is(c, a, not_speakers))
        return 0;
    for (size_t t = a + 1; t < e; t++)
        if (qt_tok_is(c, t, auxiliaries)) {
            e = t;
            break;
        }
    size_t full = e;
    while (e > a && (!qt_tok_word(c, e - 1) || (!qt_tok_cap(c, e - 1) && qt_tok_is(c, e - 1, clause_enders))))
        e--; /* "one Democrat familiar with the" (a phrase cut at its length limit); "said Al From": a name */
    if (e <= a || (!qt_tok_cap(c, a) && qt_tok_is(c, a, clause_openers)))
        return 0;
    if (time_only(c, a, e)) {
        const qt_name *f = qt_fullest_of(c, names, a, e);
        if (!f || f->last - f->first < 2)
            return 0; /* but "May said" after "Kenneth May": the name */
    }
    if (e < full && qt_tok_cap(c, e - 1))
        return 0; /* "Priebus fairly scolded Romney for suggesting": a name before a preposition is an object */
    if (e - a == 1 && a == phrase_start && !qt_tok_cap(c, a) && qt_tok_ing(c, a))
        return 0; /* a participle: ", rejecting claims that" (but "said the ruling" is a noun) */
    /* "a reckless claim that", "a phone call with": the modifier of an
     * utterance noun in its base form is nobody (but "the official claims"
     * is the official, "the suit claims" the suit, "the unions call" the
     * unions) */
    if (e - a == 1 && a > phrase_start && !qt_tok_cap(c, a) && q->cue_len && q->cue_tok == e &&
        qt_tok_in(c, e, &c->lex->utterances) && !qt_plural_form(c, e) && !qt_plural_form(c, a) &&
        !qt_speaking_head(c, a))
        return 0;
    size_t pos = possessor_end(c, a, e);
    if (pos != QT_NONE)
        e = pos; /* the possessor said it */
    size_t ref = q->open < a ? q->open : a;
    set_mention_only(c, q, a, e);

    if (e - a == 1 && qt_tok_pronoun(c, a)) {
        int gender = qt_tok_eq(c, a, "she") ? QT_G_FEMALE : QT_G_MALE;
        return resolve_pronoun(c, names, quotes, nq, ref, gender, q);
    }
    if (e - a == 1 && qt_tok_is(c, a, other_pronouns))
        return 0;
    size_t ra = 0, re = 0;
    if (!last_cap_run(c, a, e, &ra, &re)) {
        resolve_description(c, names, q, a, e, ref);
        return 1;
    }
    size_t first = qt_strip_titles(c, ra, re);
    if (first < re)
        re = qt_person_end(c, first, re, first > ra || has_title(c, a, ra));
    int whole = ra == a && re == e; /* the phrase is the name, nothing around it */
    /* "one grower near Izmail": a name inside a prepositional phrase is
     * where or whom the speaker is described by, not the speaker */
    size_t pb = ra;
    while (pb > a && qt_tok_is(c, pb - 1, determiners))
        pb--;
    int in_pp = pb > a && qt_tok_is(c, pb - 1, prepositions);
    if (in_pp && qt_name_kind(c, first < re ? first : ra, re, 0) != QT_KIND_ORG) {
        resolve_description(c, names, q, a, e, ref);
        return 1;
    }
    if (first >= re) { /* capitalised titles only: "Secretary General said", "NATO" */
        const qt_name *n = qt_title_referent(c, names, ra, re, ref);
        if (n) {
            set_fullest(c, names, q, n->first, n->last);
            set_mention_only(c, q, ra, re);
        } else if (qt_name_kind(c, ra, re, 0) == QT_KIND_ORG) {
            set_speaker(q, ra, re, QT_KIND_ORG);
            set_mention_only(c, q, ra, re);
        } else {
            resolve_description(c, names, q, a, e, ref);
        }
        return 1;
    }
    /* "Officers deny …", "Residents say …": a plural noun capitalised only
     * because it opens the sentence (the document never writes it so
     * elsewhere) is a description of people, as "officers" would be */
    if (whole && re == first + 1 && first == ra && qt_plural_form(c, first) && !qt_attested_name(c, first)) {
        resolve_description(c, names, q, a, e, ref);
        return 1;
    }
    /* a headline's capitals ("BAKER SAYS …"): the person the story names so */
    if (qt_tok_upper(c, re - 1) && qt_name_kind(c, first, re, 0) != QT_KIND_PLACE) {
        const qt_name *f = qt_fullest_of(c, names, first, re);
        if (f) {
            set_speaker(q, f->first, f->last, QT_KIND_PERSON);
            q->gender = f->gender;
            return 1;
        }
    }
    switch (qt_name_kind(c, first, re, first > ra || has_title(c, a, ra))) {
    case QT_KIND_ORG:
        set_speaker(q, ra, re, QT_KIND_ORG);
        set_mention_only(c, q, ra, re);
        return 1;
    case QT_KIND_PLACE:
        /* "Russia said": its government; "a grower near Izmail": a description */
        if (whole || first == a) {
            set_speaker(q, ra, re, QT_KIND_ORG);
            set_mention_only(c, q, ra, re);
        } else {
            resolve_description(c, names, q, a, e, ref);
        }
        return 1;
    default:
        /* a person, or a lone word taken for a surname */
        set_fullest(c, names, q, first, re);
        if (!q->gender)
            q->gender = (uint8_t)qt_name_gender(c, ra, first, re);
        set_mention_only(c, q, first, re);
        return 1;
    }
}
