/* resolve.c -- one place per mention, from the mention's context.
 *
 * Rules, in order:
 *  1. Mark a place inside an organization's name ("U.K. Ministry of
 *     Defense", "Bank of England": in_org) or before a compound's suffix
 *     ("U.S.-led", "Washington-based": in_compound). Drop an adjective
 *     ("trans-Atlantic") and a mention that is part of a longer proper
 *     name: a person ("Lewis
 *     Hamilton", "M. Atherton", and the surname alone later), an adjective
 *     ("trans-Atlantic", "U.S.-led"), a team in a table of
 *     results ("Chicago 45 30"), and an ambiguous common word ("Nice", "Reading") that
 *     opens a sentence without a "City, Region" pattern to vouch for it.
 *  2. The document's focus: countries and regions named unambiguously
 *     anywhere in it.
 *  3. Score each reading: countries, continents, seas and the team's named
 *     regions first, then a city by its population (x1000 when the team's
 *     supplement names it under that form), a subdivision as a region of
 *     nominal size; of a subdivision and a town of its country sharing a
 *     name, the subdivision, unless the town is a large city ("New York",
 *     "Washington"). Readings in the focus gain x100; "City, Region" /
 *     "City, Country" / "City, ST" / "Region, Country" agreement wins
 *     outright; an item of a list of regions is a region.
 *  4. In a sports report a town is a club unless a preposition of place,
 *     a dateline or "Town, Region" makes it a place.
 *  5. A region or a large city the document names as a place is one beside
 *     a capitalised word too ("Manitoba Premier"), marked in_org.
 *
 * A rule that asks about the rest of the document (its other places, its
 * surnames, its lower-case words, the list a mention is an item of) asks an
 * index made once per document (evidence.c, keytab.c, the list sides kept
 * in the context), never a pass over every mention or token: the cost of a
 * document grows with its length, not with its square (a 4 MB document of
 * one place named again and again in 4 times the time of a 1 MB one).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "locations.h"

#define MAX_FOCUS_SUBDIVS 128

typedef struct focus {
    uint8_t cc[26 * 26];
    uint32_t subdiv[MAX_FOCUS_SUBDIVS];
    size_t n_subdiv;
} focus;

static int cc_slot(const char *cc)
{
    if (cc[0] < 'A' || cc[0] > 'Z' || cc[1] < 'A' || cc[1] > 'Z')
        return -1;
    return (cc[0] - 'A') * 26 + (cc[1] - 'A');
}

static int in_focus_cc(const focus *f, const char *cc)
{
    int i = cc_slot(cc);
    return i >= 0 && f->cc[i];
}

static int in_focus_subdiv(const focus *f, uint32_t p)
{
    for (size_t i = 0; p != LOC_NONE && i < f->n_subdiv; i++)
        if (f->subdiv[i] == p)
            return 1;
    return 0;
}

/* Token t opens its sentence (only punctuation such as a quote before it). */
static int sentence_initial(const qry_doc_view *doc, size_t t)
{
    for (size_t u = t; u-- > 0;) {
        if (doc->tokens[u].sentence != doc->tokens[t].sentence)
            return 1;
        if (!(doc->tokens[u].flags & QRY_TOK_PUNCT))
            return 0;
    }
    return 1;
}

/* First token after the mention (past an abbreviation's closing '.'). */
static size_t after(const qry_doc_view *doc, const loc_mention *m)
{
    size_t t = m->tok_end;
    while (t < doc->n_tokens && doc->tokens[t].start < m->end)
        t++;
    return t;
}

/* Token t starts a line (or the document). */
static int line_start(const qry_doc_view *doc, size_t t)
{
    return t == 0 || (doc->tokens[t].flags & QRY_TOK_NEWLINE_BEFORE);
}

static int cap_word(const qry_doc_view *doc, size_t t)
{
    return t < doc->n_tokens && (doc->tokens[t].flags & QRY_TOK_WORD) && (doc->tokens[t].flags & QRY_TOK_CAP);
}

/* "Black Sea Fleet", "U.K. Ministry of Defense", "Bank of England",
 * "Kentucky State Police": an organization's head word among the
 * capitalised words right after the place, or "Head of" before it. */
#define ORG_NAME_WORDS 4 /* "Ohio State Patrol", "Harlan County Sheriff's Office" */
static int inside_organization(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m)
{
    size_t t = after(doc, m);
    for (int n = 0; n < ORG_NAME_WORDS && cap_word(doc, t) && doc->tokens[t].sentence == doc->tokens[m->tok_start].sentence;
         n++, t++)
        if (loc_tok_kflags(ix, doc, t) & LOC_KEY_ORG_HEAD)
            return 1;
    size_t s = m->tok_start;
    return s >= 2 && doc->tokens[s - 1].end - doc->tokens[s - 1].start == 2 &&
           memcmp(doc->text + doc->tokens[s - 1].start, "of", 2) == 0 && cap_word(doc, s - 2) &&
           (loc_tok_kflags(ix, doc, s - 2) & LOC_KEY_ORG_HEAD);
}

static int broad_kind(int kind) { return kind != LOC_CITY && kind != LOC_REGION; }

/* Some fitting reading is a country, continent, sea or a team place. */
static int has_broad_sense(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m)
{
    for (uint32_t s = m->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
        if (loc_sense_fits(ix, doc, m, s) && (broad_kind(p->kind) || (loc_sense_at(ix, s)->flags & LOC_SENSE_TEAM)))
            return 1;
    }
    return 0;
}

/* Token t sits in a title-case line: no lower-case word longer than two
 * letters within three words either side ("During London Outing"). */
static int title_case_heading(const qry_doc_view *doc, size_t t)
{
    for (int dir = -1; dir <= 1; dir += 2) {
        size_t u = t;
        for (int seen = 0; seen < 3 && (dir < 0 ? u > 0 : u + 1 < doc->n_tokens);) {
            u = dir < 0 ? u - 1 : u + 1;
            const qry_token *k = &doc->tokens[u];
            if (k->sentence != doc->tokens[t].sentence)
                break;
            if (!(k->flags & QRY_TOK_WORD))
                continue;
            seen++;
            if (!(k->flags & QRY_TOK_CAP) && k->end - k->start > 2)
                return 0;
        }
    }
    return 1;
}

/* Token t follows a person's initial: "M. Atherton", "J. Crawley". */
static int after_initial(const qry_doc_view *doc, size_t t)
{
    if (t < 2 || !loc_tok_is(doc, t - 1, '.') || (doc->tokens[t - 1].flags & QRY_TOK_SPACE_BEFORE))
        return 0;
    const qry_token *i = &doc->tokens[t - 2];
    return (i->flags & QRY_TOK_UPPER) && i->end - i->start == 1 && i->sentence == doc->tokens[t].sentence &&
           (t < 3 || !loc_tok_is(doc, t - 3, '.')); /* not the end of "U.S." */
}

/* A neighbour that is a place of its own ("Paris Texas") keeps a town a
 * town; one that is only a village or an alternate name of the GeoNames
 * option is a first name ("Tim", "Gordon"). */
static int strong_mention(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m)
{
    for (uint32_t s = m->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next)
        if (!loc_weak_sense(ix, s) && loc_sense_fits(ix, doc, m, s))
            return 1;
    return 0;
}

/* Capitalised token t is no part of a name: a weekday or a month ("Toronto
 * Saturday"), or, opening its sentence, a word the document also writes in
 * lower case ("Every Regina commuter", "The Halifax councillor"). */
static int common_word(const loc_index *ix, loc_evidence *ev, size_t t, int opening)
{
    const qry_doc_view *doc = ev->doc;
    if (loc_tok_kflags(ix, doc, t) & LOC_KEY_DATE)
        return 1;
    if (!opening || !sentence_initial(doc, t) || (doc->tokens[t].flags & QRY_TOK_UPPER))
        return 0;
    loc_mention w = {.tok_start = (uint32_t)t, .tok_end = (uint32_t)t + 1};
    return loc_written_lower(ev, &w);
}

/* "Lewis Hamilton", "Vladimir Putin", "M. Atherton": a one-word town next
 * to a capitalised word that is neither a cue ("In Paris", "Bakhmut Mayor")
 * nor a place of its own, outside title-case headings ("During London
 * Outing"), or after an initial. Returns 0, LOC_DROP, or LOC_DROP_PERSON
 * when the town is a surname. */
static int inside_person(const loc_index *ix, loc_evidence *ev, const loc_mentions *ms, size_t k)
{
    const qry_doc_view *doc = ev->doc;
    const loc_mention *m = &ms->v[k];
    size_t s = m->tok_start, a = after(doc, m);
    if (m->tok_end - s != 1 || has_broad_sense(ix, doc, m))
        return 0;
    if (after_initial(doc, s))
        return LOC_DROP_PERSON;
    /* "Mrs. Clinton", "President Obama": a personal title makes it a surname */
    size_t title = s >= 2 && loc_tok_is(doc, s - 1, '.') && !(doc->tokens[s - 1].flags & QRY_TOK_SPACE_BEFORE) ? s - 2
                   : s >= 1                                                                                  ? s - 1
                                                                                                             : s;
    if (title < s && doc->tokens[title].sentence == doc->tokens[s].sentence &&
        (doc->tokens[title].flags & QRY_TOK_CAP) && (loc_tok_kflags(ix, doc, title) & LOC_KEY_TITLE))
        return LOC_DROP_PERSON;
    int cap_before = s > 0 && cap_word(doc, s - 1) && doc->tokens[s - 1].sentence == doc->tokens[s].sentence &&
                     !common_word(ix, ev, s - 1, 1) &&
                     !(k > 0 && ms->v[k - 1].tok_end == s && strong_mention(ix, doc, &ms->v[k - 1])) &&
                     !(doc->tokens[s - 1].flags & QRY_TOK_UPPER);
    int cap_after = cap_word(doc, a) && doc->tokens[a].sentence == doc->tokens[s].sentence && !common_word(ix, ev, a, 0) &&
                    !(k + 1 < ms->n && ms->v[k + 1].tok_start == a && strong_mention(ix, doc, &ms->v[k + 1])) &&
                    !(doc->tokens[a].flags & QRY_TOK_UPPER);
    if (!cap_before && !cap_after)
        return 0;
    if (cap_before && cap_after && title_case_heading(doc, s))
        return 0;
    if (cap_before && (loc_tok_kflags(ix, doc, s - 1) & LOC_KEY_CUE))
        return 0;
    if (cap_after && (loc_tok_kflags(ix, doc, a) & LOC_KEY_CUE))
        return 0;
    /* a surname ("Bill Clinton") names the person again later; a word
     * after the town ("London Newsroom") or opening the sentence ("The
     * Berlin prosecutors") may be anything */
    return cap_after || sentence_initial(doc, s - 1) ? LOC_DROP : LOC_DROP_PERSON;
}

/* "trans-Atlantic", "pro-Russia": a place glued by a hyphen to a
 * lower-case prefix is part of an adjective. */
static int after_prefix(const qry_doc_view *doc, const loc_mention *m)
{
    size_t s = m->tok_start;
    if (s < 2 || (doc->tokens[s].flags & QRY_TOK_SPACE_BEFORE) || !loc_tok_is(doc, s - 1, '-') ||
        (doc->tokens[s - 1].flags & QRY_TOK_SPACE_BEFORE))
        return 0;
    uint32_t f = doc->tokens[s - 2].flags;
    return (f & QRY_TOK_WORD) && !(f & QRY_TOK_CAP);
}

/* "U.S.-led", "Singapore-listed": a place glued to a hyphen and a
 * lower-case word is the first part of a compound word. */
static int before_suffix(const qry_doc_view *doc, const loc_mention *m)
{
    size_t a = after(doc, m);
    if (a + 1 >= doc->n_tokens || (doc->tokens[a].flags & QRY_TOK_SPACE_BEFORE) || !loc_tok_is(doc, a, '-'))
        return 0;
    uint32_t f = doc->tokens[a + 1].flags;
    return !(f & QRY_TOK_SPACE_BEFORE) && (f & QRY_TOK_WORD) && !(f & QRY_TOK_CAP);
}

/* "US$", "HK$": a place glued to a currency sign is a currency. */
static int before_currency(const qry_doc_view *doc, const loc_mention *m)
{
    size_t a = after(doc, m);
    return a < doc->n_tokens && !(doc->tokens[a].flags & QRY_TOK_SPACE_BEFORE) && loc_tok_is(doc, a, '$');
}

/* "Chicago 45 30 .600", "Ajax 2 Feyenoord 1": a name at the start of a
 * line or after a score, followed by a small number, is a team in a table
 * or a result. A dateline's year ("LONDON 1996-08-30") is not. */
static int score_row(const qry_doc_view *doc, const loc_mention *m)
{
    size_t a = after(doc, m), s = m->tok_start;
    if (a >= doc->n_tokens || !(doc->tokens[a].flags & QRY_TOK_NUMBER) ||
        doc->tokens[a].end - doc->tokens[a].start > 3 || (doc->tokens[a].flags & QRY_TOK_NEWLINE_BEFORE))
        return 0;
    if (s == 0 || (doc->tokens[s].flags & QRY_TOK_NEWLINE_BEFORE))
        return 1;
    return (doc->tokens[s - 1].flags & QRY_TOK_NUMBER) != 0;
}

/* A sports report: a sport word ("soccer", "innings") in the first
 * sentence, or two different ones in three of the first sentences. A
 * report says what it is about early: sport words deep in a long live
 * blog or in a list of links ("a basketball league") do not make one. */
#define SPORTS_LEAD_SENTENCES 8
static int sports_report(const loc_index *ix, const qry_doc_view *doc)
{
    char first[LOC_KEY_MAX], key[LOC_KEY_MAX];
    size_t first_len = 0, n_sentences = 0, last_sentence = SIZE_MAX;
    int different = 0;
    for (size_t t = 0; t < doc->n_tokens && doc->tokens[t].sentence < SPORTS_LEAD_SENTENCES; t++) {
        size_t len = 0;
        uint32_t sense, kflags;
        if (!(doc->tokens[t].flags & QRY_TOK_WORD) || !loc_tok_key(doc, t, key, &len, sizeof key) ||
            !loc_index_find(ix, key, len, &sense, &kflags) || !(kflags & LOC_KEY_SPORT))
            continue;
        if (doc->tokens[t].sentence == 0)
            return 1;
        if (doc->tokens[t].sentence != last_sentence) {
            last_sentence = doc->tokens[t].sentence;
            n_sentences++;
        }
        if (!first_len) {
            memcpy(first, key, len);
            first_len = len;
        }
        different |= len != first_len || memcmp(key, first, len) != 0;
        if (different && n_sentences >= 3)
            return 1;
    }
    return 0;
}

/* In a sports report a town is a club ("Ajax beat Feyenoord", "Chelsea
 * signed ...") unless a preposition of place precedes it ("played in
 * Rotterdam"), it opens a dateline ("LONDON 1996-08-30", "YORK, England")
 * or a "Town, Region" names it. */
static int sports_club(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m)
{
    size_t s = m->tok_start, a = after(doc, m);
    int comma = a + 1 < doc->n_tokens && loc_tok_is(doc, a, ',') && cap_word(doc, a + 1) &&
                doc->tokens[a + 1].sentence == doc->tokens[s].sentence;
    if (line_start(doc, s))
        return !(comma || (a < doc->n_tokens && (doc->tokens[a].flags & QRY_TOK_NUMBER) &&
                           doc->tokens[a].end - doc->tokens[a].start == 4));
    if (comma)
        return 0;
    return !(s > 0 && doc->tokens[s - 1].sentence == doc->tokens[s].sentence &&
             (loc_tok_kflags(ix, doc, s - 1) & LOC_KEY_LOCATIVE));
}

/* A city this large is the place far more often than anyone's surname:
 * one "Save Mariupol!" taken for a name must not unmake every later
 * "Mariupol" (nor "Moscow" after "Marcus Moscow"). */
#define SURNAME_MAX_POPULATION 200000u

static int has_population(const loc_index *ix, const loc_mention *m, uint32_t min)
{
    for (uint32_t s = m->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next)
        if (loc_place_at(ix, loc_sense_at(ix, s)->place)->population >= min)
            return 1;
    return 0;
}

/* Every reading of m is a town (no region, country or other area). */
static int towns_only(const loc_index *ix, const loc_mention *m)
{
    for (uint32_t s = m->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next)
        if (loc_place_at(ix, loc_sense_at(ix, s)->place)->kind != LOC_CITY)
            return 0;
    return 1;
}

/* A surname names the same person all through the document: "Bill
 * Clinton ... Clinton said". A one-word town spelt like a name dropped as
 * part of a person's is dropped too, unless a preposition of place precedes
 * it ("in Clinton"), a region follows ("Clinton, Iowa"), or the town is a
 * large city. */
static int named_person(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k,
                        const loc_keytab *surnames)
{
    const loc_mention *m = &ms->v[k];
    size_t s = m->tok_start, a = after(doc, m);
    if (m->tok_end - s != 1 || has_broad_sense(ix, doc, m) || has_population(ix, m, SURNAME_MAX_POPULATION))
        return 0;
    /* only a preposition of place keeps a surname that is nothing but a
     * town ("in Clinton"; "for Clinton", "with Obama" are the person); a
     * region keeps its cues too ("of Wales" after "BBC Radio Wales") */
    uint32_t keeps = towns_only(ix, m) ? LOC_KEY_LOCATIVE : LOC_KEY_LOCATIVE | LOC_KEY_CUE;
    if (s > 0 && (loc_tok_kflags(ix, doc, s - 1) & keeps))
        return 0;
    if (a < doc->n_tokens && (loc_tok_is(doc, a, ',') || (line_start(doc, s) && (doc->tokens[a].flags & QRY_TOK_NUMBER))))
        return 0; /* "Clinton, Iowa"; a dateline "CLINTON 1996-08-30" */
    return loc_keytab_find(surnames, m->first_sense) != NULL;
}

/* "Peoria, Ill.", "PEORIA, Ill.", "a plant in Woodridge, Ill.": an
 * abbreviation that is a word too ("Ill.", "Pa.", "Wash.") is a state only
 * after "Town," whose town is a place found in the text, opens an
 * upper-case dateline, or follows a preposition of place. "Sorry, Pa." and
 * "He fell ill." are no states. */
static int after_town(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k)
{
    size_t s = ms->v[k].tok_start, f = s - 1;
    if (s < 2 || !loc_tok_is(doc, s - 1, ','))
        return 0;
    if (k > 0 && after(doc, &ms->v[k - 1]) == s - 1 && ms->v[k - 1].drop != LOC_DROP_PERSON)
        return 1;
    while (f > 0 && doc->tokens[f - 1].sentence == doc->tokens[s].sentence &&
           (cap_word(doc, f - 1) || (f >= 2 && cap_word(doc, f - 2) && loc_tok_is(doc, f - 1, '.'))))
        f--;
    if (f == s - 1)
        return 0;
    if (line_start(doc, f) && (doc->tokens[f].flags & QRY_TOK_UPPER))
        return 1;
    return f > 0 && doc->tokens[f - 1].sentence == doc->tokens[f].sentence &&
           (loc_tok_kflags(ix, doc, f - 1) & (LOC_KEY_LOCATIVE | LOC_KEY_CUE));
}

/* Does reading s fit mention k: its capitalisation, and for a state
 * abbreviation that is a word too, its place after "Town,"? */
static int sense_ok(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k, uint32_t s)
{
    if (!loc_sense_fits(ix, doc, &ms->v[k], s))
        return 0;
    return !(loc_sense_at(ix, s)->flags & LOC_SENSE_AFTER_TOWN) || after_town(ix, doc, ms, k);
}

/* A city this large stays a place even beside a verb of saying ("Moscow
 * said"): a government speaks for it more often than a person called so. */
#define SPEAKER_MAX_POPULATION 1000000u

static int word_is(const qry_doc_view *doc, size_t t, const char *w)
{
    size_t n = strlen(w);
    return t < doc->n_tokens && (doc->tokens[t].flags & QRY_TOK_WORD) && doc->tokens[t].end - doc->tokens[t].start == n &&
           strncasecmp(doc->text + doc->tokens[t].start, w, n) == 0;
}

/* "Lincoln said", "said Moore,": a one-word town beside a verb of saying
 * is a person's surname (and the surname names the person again later),
 * unless a preposition of place precedes it ("in Austin told"). */
static int speaker(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m)
{
    size_t s = m->tok_start, a = after(doc, m);
    if (m->tok_end - s != 1 || has_broad_sense(ix, doc, m) || !towns_only(ix, m) ||
        has_population(ix, m, SPEAKER_MAX_POPULATION))
        return 0;
    uint32_t sentence = doc->tokens[s].sentence;
    if (s > 0 && doc->tokens[s - 1].sentence == sentence &&
        (loc_tok_kflags(ix, doc, s - 1) & (LOC_KEY_LOCATIVE | LOC_KEY_CUE)))
        return 0; /* "a resident of Lubbock told" */
    if (a < doc->n_tokens && doc->tokens[a].sentence == sentence && (loc_tok_kflags(ix, doc, a) & LOC_KEY_SPEECH))
        return 1;
    return s > 0 && doc->tokens[s - 1].sentence == sentence && (loc_tok_kflags(ix, doc, s - 1) & LOC_KEY_SPEECH) &&
           (a >= doc->n_tokens || doc->tokens[a].sentence != sentence || (doc->tokens[a].flags & QRY_TOK_PUNCT));
}

/* Apply rule 1 to every mention. QRY_OK or QRY_ERR_NOMEM. */
static int drop_rules(const loc_index *ix, loc_evidence *ev, loc_mentions *ms)
{
    const qry_doc_view *doc = ev->doc;
    for (size_t k = 0; k < ms->n; k++) {
        loc_mention *m = &ms->v[k];
        size_t t = after(doc, m);
        int person;
        if (m->strict && sentence_initial(doc, m->tok_start) && !(t < doc->n_tokens && loc_tok_is(doc, t, ',')))
            m->drop = LOC_DROP;
        else if (score_row(doc, m) || after_prefix(doc, m) || before_currency(doc, m))
            m->drop = LOC_DROP; /* a team in a table; an adjective ("trans-Atlantic"); "US$" */
        else if ((m->in_org = (uint8_t)inside_organization(ix, doc, m)) != 0)
            continue; /* an organization, not a person: "Kentucky State Police" */
        else if ((person = inside_person(ix, ev, ms, k)) != 0) {
            m->drop = (uint8_t)person;
            m->beside_name = 1;
        }
        else if (speaker(ix, doc, m))
            m->drop = LOC_DROP_PERSON;
        else
            m->in_compound = (uint8_t)before_suffix(doc, m);
    }
    /* the keys of the surnames, to look each name up once */
    loc_keytab surnames = {0};
    int rc = QRY_OK;
    for (size_t k = 0; rc == QRY_OK && k < ms->n; k++)
        if (ms->v[k].drop == LOC_DROP_PERSON)
            rc = loc_keytab_add(&surnames, ms->v[k].first_sense, 0);
    loc_keytab_sort(&surnames);
    for (size_t k = 0; rc == QRY_OK && k < ms->n; k++)
        if (!ms->v[k].drop && named_person(ix, doc, ms, k, &surnames))
            ms->v[k].drop = LOC_DROP;
    loc_keytab_free(&surnames);
    return ev->nomem ? QRY_ERR_NOMEM : rc;
}

/* The subdivision of another country that mention m may also name, when
 * one of its readings is a country ("Georgia": the country, or the US
 * state), or LOC_NONE. */
static uint32_t country_or_subdivision(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k)
{
    const char *country = NULL;
    uint32_t sub = LOC_NONE;
    for (uint32_t s = ms->v[k].first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
        if (!sense_ok(ix, doc, ms, k, s))
            continue;
        if (p->kind == LOC_COUNTRY)
            country = p->cc;
        else if (p->source == LOC_SRC_SUBDIV)
            sub = loc_sense_at(ix, s)->place;
    }
    return country && sub != LOC_NONE && strcmp(country, loc_place_at(ix, sub)->cc) != 0 ? sub : LOC_NONE;
}

/* Rule 2: the countries and subdivisions a mention names without doubt
 * (not "Georgia", which may be either). */
static void add_focus(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k, focus *f)
{
    const loc_mention *m = &ms->v[k];
    const char *cc = NULL;
    uint32_t sub = LOC_NONE;
    int same_cc = 1, same_sub = 1, any = 0;
    if (country_or_subdivision(ix, doc, ms, k) != LOC_NONE)
        return;
    for (uint32_t s = m->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        if (!sense_ok(ix, doc, ms, k, s) || loc_weak_sense(ix, s))
            continue;
        uint32_t pi = loc_sense_at(ix, s)->place;
        const loc_place *p = loc_place_at(ix, pi);
        if (p->kind == LOC_COUNTRY && cc_slot(p->cc) >= 0) {
            f->cc[cc_slot(p->cc)] = 1;
            return;
        }
        uint32_t psub = p->source == LOC_SRC_SUBDIV ? pi : p->subdiv;
        if (!any) {
            cc = p->cc;
            sub = psub;
        }
        same_cc &= strcmp(cc, p->cc) == 0;
        same_sub &= sub == psub;
        any = 1;
    }
    if (any && same_cc && cc_slot(cc) >= 0)
        f->cc[cc_slot(cc)] = 1;
    if (any && same_sub && sub != LOC_NONE && f->n_subdiv < MAX_FOCUS_SUBDIVS && !in_focus_subdiv(f, sub))
        f->subdiv[f->n_subdiv++] = sub;
}

/* Does a city at place p agree with what follows its comma? Returns the
 * place the follower names (and the follower's mention index in *follower,
 * or ms->n when the follower is a bare state code token at *code_tok). */
static uint32_t pairing(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k,
                        uint32_t pi, size_t *follower, size_t *code_tok)
{
    const loc_place *p = loc_place_at(ix, pi);
    size_t t = after(doc, &ms->v[k]);
    *follower = ms->n;
    int region = p->source == LOC_SRC_SUBDIV; /* "California, United States" */
    if ((p->kind != LOC_CITY && !region) || t + 1 >= doc->n_tokens || !loc_tok_is(doc, t, ','))
        return LOC_NONE;
    size_t u = t + 1;
    if (k + 1 < ms->n && ms->v[k + 1].tok_start == u) {
        const loc_mention *n = &ms->v[k + 1];
        for (uint32_t s = n->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
            uint32_t qi = loc_sense_at(ix, s)->place;
            const loc_place *q = loc_place_at(ix, qi);
            if (sense_ok(ix, doc, ms, k + 1, s) &&
                ((qi == p->subdiv && !region) || (q->kind == LOC_COUNTRY && strcmp(q->cc, p->cc) == 0))) {
                *follower = k + 1;
                return qi;
            }
        }
    }
    /* "Long Beach, CA": the subdivision code after the country's dash */
    const qry_token *c = &doc->tokens[u];
    if (!region && p->subdiv != LOC_NONE && (c->flags & QRY_TOK_UPPER) && c->end - c->start <= 3) {
        const char *code = loc_str(ix, loc_place_at(ix, p->subdiv)->code) + 3;
        if (strlen(code) == c->end - c->start && memcmp(code, doc->text + c->start, strlen(code)) == 0 &&
            (u + 1 >= doc->n_tokens || !(doc->tokens[u + 1].flags & QRY_TOK_WORD) ||
             doc->tokens[u + 1].sentence != c->sentence || !(doc->tokens[u + 1].flags & QRY_TOK_CAP))) {
            *code_tok = u;
            return p->subdiv;
        }
    }
    return LOC_NONE;
}

/* A city this large, not the region of its country named like it, is what
 * the bare name means ("New York", "Washington", "Sao Paulo"). */
#define SHADOW_POPULATION 500000u

/* Within this distance of a region's point, a town not linked to any
 * region is taken to lie in it. */
#define SEAT_KM 100.0

/* Does the bare name shared by city c and region r (place ri) of its country
 * mean the city: it lies in the region (the region is named after it) or
 * is large? */
static int city_over_region(const loc_place *c, uint32_t ri, const loc_place *r)
{
    if (c->population >= SHADOW_POPULATION || c->subdiv == ri)
        return 1;
    return c->subdiv == LOC_NONE && c->has_coords && r->has_coords && loc_km(c->lat, c->lon, r->lat, r->lon) <= SEAT_KM;
}

/* Rule 3: the score of one reading. */
static double score(const loc_index *ix, const loc_mention *m, uint32_t s, const focus *f)
{
    const loc_sense *se = loc_sense_at(ix, s);
    const loc_place *p = loc_place_at(ix, se->place);
    int team = (se->flags & LOC_SENSE_TEAM) != 0;
    double v;
    if (p->kind == LOC_CITY)
        v = (p->population ? p->population : 1000) * (team ? 1000.0 : 1.0);
    else if (p->source == LOC_SRC_SUBDIV && !team)
        v = 1e6;
    else if (p->source == LOC_SRC_DUMP && p->kind != LOC_COUNTRY)
        v = (p->population ? p->population : 1000) * (team ? 1000.0 : 1.0); /* a county, island, airport */
    else
        v = team ? 1.5e10 : 1e10; /* "Antarctica": the team's continent over ISO's AQ */
    /* an alternate name may be any language's ("Frankfurt" is a German name
     * of Frankfort, Kentucky): the country named elsewhere does not make it so */
    if (p->kind != LOC_COUNTRY && in_focus_cc(f, p->cc) && !(se->flags & LOC_SENSE_ALT))
        v *= 100;
    uint32_t sub = p->source == LOC_SRC_SUBDIV ? se->place : p->subdiv;
    if (p->kind != LOC_COUNTRY && in_focus_subdiv(f, sub))
        v *= 100;
    /* A region and a town of its own country that share a name: a town
     * named after a region elsewhere is the lesser place ("Delaware" is the
     * state, not Delaware, Ohio; "Wyoming", not Wyoming, Michigan); a
     * region named after its own seat is the lesser one ("Zurich",
     * "Wellington", "Geneva", "New York"), and so is any region beside a
     * large city ("Washington" is the capital). */
    if (p->source == LOC_SRC_SUBDIV || p->kind == LOC_CITY)
        for (uint32_t o = m->first_sense; o != LOC_NONE; o = loc_sense_at(ix, o)->next) {
            uint32_t qi = loc_sense_at(ix, o)->place;
            const loc_place *q = loc_place_at(ix, qi);
            if (strcmp(q->cc, p->cc) != 0)
                continue;
            if (p->source == LOC_SRC_SUBDIV && q->kind == LOC_CITY && !loc_weak_sense(ix, o) &&
                city_over_region(q, se->place, p)) {
                v *= 1e-4;
                break;
            }
            if (p->kind == LOC_CITY && q->source == LOC_SRC_SUBDIV && !city_over_region(p, qi, q)) {
                v *= 1e-4;
                break;
            }
        }
    return v;
}

typedef struct code_mention {
    size_t tok;
    uint32_t place;
} code_mention;

/* The items of a list of places on one side of a mention: how many can
 * only be regions, and whether one can only be a city. */
typedef struct list_side {
    uint32_t regions;
    uint8_t city;
    uint8_t known;  /* right side: computed (the mentions after the one
                     * being resolved are as the drop rules left them) */
    uint32_t pass;  /* left side: computed in this pass (the mentions
                     * before it are as this pass left them) */
} list_side;

/* What the rest of the document says about a mention's readings: its
 * focus, the evidence (the points of the places found without weak
 * readings), and what is known of the lists the mentions are items of. */
typedef struct context {
    const focus *f;
    loc_evidence *ev;
    int8_t *kind;       /* only_kind() of each mention, KIND_UNKNOWN until asked */
    list_side *left;    /* the list's items from each mention leftwards */
    list_side *right;   /* and rightwards */
    uint32_t pass;      /* 1: finding the anchors; 2: choosing */
} context;
#define KIND_UNKNOWN 2

/* Within this distance of another place of the document a reading is
 * preferred, and a weak one admitted: a local story names places near
 * each other ("Oxford" beside Durham and Raleigh is Oxford, N.C.). */
#define NEAR_KM 150.0
#define CITY_MAX_SCORE 5e9 /* below a country's 1e10 */

/* A weak reading is taken only with support: an alternate name when the
 * document never writes it in lower case; a village when its country or
 * region is named or a place of the document lies near it, and a
 * preposition of place precedes it ("in Lewisburg") or the name is also a
 * town's ("Oxford" beside Durham is Oxford, N.C.). (Villages met anywhere
 * else in a sentence are surnames and first names as often as places.) */
static int weak_supported(const loc_index *ix, const qry_doc_view *doc, const loc_mention *m, uint32_t s,
                          const context *c)
{
    const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
    if (loc_written_lower(c->ev, m))
        return 0;
    size_t t = m->tok_start;
    int locative = t > 0 && doc->tokens[t - 1].sentence == doc->tokens[t].sentence &&
                   (loc_tok_kflags(ix, doc, t - 1) & (LOC_KEY_LOCATIVE | LOC_KEY_CUE));
    /* a name that is also a town's is a place; which one, the support says */
    return (locative || strong_mention(ix, doc, m)) &&
           (in_focus_cc(c->f, p->cc) || in_focus_subdiv(c->f, p->subdiv) ||
            loc_near_points(c->ev, p, NEAR_KM, m->first_sense));
}

/* The kind of place the words around a mention ask for: "Washington
 * state", "the state of Washington" a region; "the city of Alexandria" a
 * city; -1 when they ask for none. */
static int asked_kind(const qry_doc_view *doc, const loc_mention *m)
{
    size_t s = m->tok_start, a = after(doc, m);
    if (word_is(doc, a, "state") && !(doc->tokens[a].flags & QRY_TOK_CAP))
        return LOC_REGION;
    if (s < 2 || !word_is(doc, s - 1, "of"))
        return -1;
    if (word_is(doc, s - 2, "state") || word_is(doc, s - 2, "province"))
        return LOC_REGION;
    if (word_is(doc, s - 2, "city") || word_is(doc, s - 2, "town") || word_is(doc, s - 2, "village"))
        return LOC_CITY;
    return -1;
}

/* Mention k has a fitting reading of the kind asked. */
static int has_kind(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k, int kind)
{
    for (uint32_t s = ms->v[k].first_sense; kind >= 0 && s != LOC_NONE; s = loc_sense_at(ix, s)->next)
        if (loc_place_at(ix, loc_sense_at(ix, s)->place)->kind == kind && sense_ok(ix, doc, ms, k, s))
            return 1;
    return 0;
}

/* Tokens [a, b) join two items of a list: ",", "and", "or", "&" (at most
 * two of them: ", and"). */
static int list_separator(const qry_doc_view *doc, size_t a, size_t b)
{
    if (b <= a || b - a > 2)
        return 0;
    for (size_t t = a; t < b; t++)
        if (!loc_tok_is(doc, t, ',') && !loc_tok_is(doc, t, '&') && !word_is(doc, t, "and") && !word_is(doc, t, "or"))
            return 0;
    return 1;
}

/* Every fitting reading of mention j is a first-level region (1), or a
 * city (-1); 0 when it is neither or both. */
static int only_kind(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t j)
{
    int regions = 0, cities = 0, others = 0;
    for (uint32_t s = ms->v[j].first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        if (!sense_ok(ix, doc, ms, j, s))
            continue;
        const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
        if (p->source == LOC_SRC_SUBDIV)
            regions++;
        else if (p->kind == LOC_CITY)
            cities++;
        else
            others++;
    }
    return others ? 0 : regions && !cities ? 1 : cities && !regions ? -1 : 0;
}

/* Mentions i and i + 1 are neighbouring items of a list. */
static int joined(const qry_doc_view *doc, const loc_mentions *ms, size_t i)
{
    const loc_mention *l = &ms->v[i], *r = &ms->v[i + 1];
    return doc->tokens[l->tok_start].sentence == doc->tokens[r->tok_start].sentence &&
           list_separator(doc, after(doc, l), r->tok_start);
}

/* A list of places goes on from item j to item j + dir. */
static int list_goes_on(const qry_doc_view *doc, const loc_mentions *ms, size_t j, int dir)
{
    if (dir < 0)
        return j > 0 && !ms->v[j - 1].drop && joined(doc, ms, j - 1);
    return j + 1 < ms->n && !ms->v[j + 1].drop && joined(doc, ms, j);
}

static int8_t item_kind(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t j,
                        context *c)
{
    if (c->kind[j] == KIND_UNKNOWN)
        c->kind[j] = (int8_t)only_kind(ix, doc, ms, j);
    return c->kind[j];
}

static int side_known(const context *c, const list_side *side, int dir)
{
    return dir < 0 ? side->pass == c->pass : side->known;
}

/* The items of the list from mention j (itself included) in direction dir.
 * A long list is walked once: each item's side is kept, and the walk stops
 * at the first item already known. */
static list_side list_from(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t j,
                           int dir, context *c)
{
    list_side *sides = dir < 0 ? c->left : c->right;
    size_t e = j;
    while (!side_known(c, &sides[e], dir) && list_goes_on(doc, ms, e, dir))
        e = dir < 0 ? e - 1 : e + 1;
    for (size_t i = e;; i = dir < 0 ? i + 1 : i - 1) {
        if (!side_known(c, &sides[i], dir)) {
            list_side v = {0};
            if (i != e || list_goes_on(doc, ms, i, dir))
                v = sides[dir < 0 ? i - 1 : i + 1];
            int kind = item_kind(ix, doc, ms, i, c);
            v.regions += kind > 0;
            v.city |= kind < 0;
            v.known = 1;
            v.pass = c->pass;
            sides[i] = v;
        }
        if (i == j)
            break;
    }
    return sides[j];
}

/* Mention k is an item of a list of first-level regions: "Arizona,
 * Washington and Wisconsin", "British Columbia, Manitoba, Ontario and New
 * Brunswick" -- two other items that can only be regions, none that can
 * only be a city (not "Portland, Oregon, and Seattle"). The mentions before
 * k are resolved already (some dropped), those after it not yet: the
 * sides are kept accordingly. */
static int in_list_of_regions(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k,
                              context *c)
{
    list_side l = {0}, r = {0};
    if (list_goes_on(doc, ms, k, -1))
        l = list_from(ix, doc, ms, k - 1, -1, c);
    if (list_goes_on(doc, ms, k, 1))
        r = list_from(ix, doc, ms, k + 1, 1, c);
    return !l.city && !r.city && l.regions + r.regions >= 2;
}

typedef struct choice {
    uint32_t place, pair, sense;
    size_t follower, code_tok;
} choice;

/* Rule 3 for mention k: the best reading, with the "City, Region" pair it
 * makes. Weak readings count only with support (the first pass, without
 * points to be near, finds the anchors of the second). */
static choice choose(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, size_t k,
                     context *c)
{
    const loc_mention *m = &ms->v[k];
    choice best = {LOC_NONE, LOC_NONE, LOC_NONE, ms->n, doc->n_tokens};
    double best_v = -1;
    int want = asked_kind(doc, m);
    if (want < 0 && in_list_of_regions(ix, doc, ms, k, c))
        want = LOC_REGION;
    if (!has_kind(ix, doc, ms, k, want))
        want = -1;
    /* "Georgia" in a story about Atlanta is the state: the subdivision wins
     * when it is itself in the focus and the country is not */
    uint32_t sub = country_or_subdivision(ix, doc, ms, k);
    if (want < 0 && sub != LOC_NONE && in_focus_subdiv(c->f, sub))
        for (uint32_t s = m->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
            const loc_place *p = loc_place_at(ix, loc_sense_at(ix, s)->place);
            if (p->kind == LOC_COUNTRY && sense_ok(ix, doc, ms, k, s) && !in_focus_cc(c->f, p->cc))
                want = LOC_REGION;
        }
    for (uint32_t s = m->first_sense; s != LOC_NONE; s = loc_sense_at(ix, s)->next) {
        if (!sense_ok(ix, doc, ms, k, s) || (want >= 0 && loc_place_at(ix, loc_sense_at(ix, s)->place)->kind != want))
            continue;
        uint32_t pi = loc_sense_at(ix, s)->place;
        choice ch = {pi, LOC_NONE, s, ms->n, doc->n_tokens};
        ch.pair = pairing(ix, doc, ms, k, pi, &ch.follower, &ch.code_tok);
        /* "Russia, U.S. officials said": a village named like a country is
         * not the place a "Town, Country" pair is about */
        if (ch.pair != LOC_NONE && loc_weak_reading(ix, m, s) && has_broad_sense(ix, doc, m))
            ch = (choice){pi, LOC_NONE, s, ms->n, doc->n_tokens};
        if (ch.pair == LOC_NONE && loc_weak_reading(ix, m, s) && !weak_supported(ix, doc, m, s, c))
            continue;
        double v = score(ix, m, s, c->f) * (ch.pair != LOC_NONE ? 1e12 : 1.0);
        const loc_place *p = loc_place_at(ix, pi);
        if (p->kind == LOC_CITY && loc_near_points(c->ev, p, NEAR_KM, m->first_sense))
            v *= 100;
        /* however large and near, a city alone never outranks a country,
         * continent or sea of the same name ("Mexico", "Chile") */
        if (p->kind == LOC_CITY && ch.pair == LOC_NONE && v > CITY_MAX_SCORE)
            v = CITY_MAX_SCORE;
        /* ties go to the place defined first (the team's region "Crimea"
         * before its peninsula) */
        if (v > best_v || (v == best_v && pi < best.place)) {
            best_v = v;
            best = ch;
        }
    }
    return best;
}

/* The points of the cities the mentions resolve to without proximity: the
 * anchors the second pass measures distances from. */
static int anchors(const loc_index *ix, const qry_doc_view *doc, const loc_mentions *ms, context *c)
{
    loc_point *pts = malloc((ms->n ? ms->n : 1) * sizeof *pts);
    size_t n = 0;
    c->pass = 1;
    for (size_t k = 0; pts && k < ms->n; k++) {
        if (ms->v[k].drop)
            continue;
        choice ch = choose(ix, doc, ms, k, c);
        const loc_place *p = ch.place == LOC_NONE ? NULL : loc_place_at(ix, ch.place);
        if (p && p->has_coords && !p->table_point && p->kind == LOC_CITY)
            pts[n++] = (loc_point){p->lat, p->lon, ms->v[k].first_sense};
    }
    return loc_evidence_points(c->ev, pts, n);
}

/* A name a "Town, Region" pair resolved ("DOVER, Del.") means that place
 * all through the document ("The Dover Fire Department"): the place of
 * the last such pair, found by the name's key. */
static int one_sense_per_document(loc_mentions *ms)
{
    loc_keytab paired = {0};
    int rc = QRY_OK;
    for (size_t k = 0; rc == QRY_OK && k < ms->n; k++)
        if (ms->v[k].paired && !ms->v[k].drop)
            rc = loc_keytab_add(&paired, ms->v[k].first_sense, (uint32_t)k);
    loc_keytab_sort(&paired);
    loc_keytab_unique(&paired);
    for (size_t j = 0; rc == QRY_OK && paired.n && j < ms->n; j++) {
        const loc_keyval *kv = ms->v[j].drop || ms->v[j].paired ? NULL : loc_keytab_find(&paired, ms->v[j].first_sense);
        if (kv)
            ms->v[j].place = ms->v[kv->val].place;
    }
    loc_keytab_free(&paired);
    return rc;
}

/* The keys of places_beside_names' counts: mentions placed in a country,
 * and placed in it under one name. */
static uint64_t cc_key(const char *cc) { return cc[0] ? (uint64_t)(unsigned char)cc[0] << 8 | (unsigned char)cc[1] : 0; }
static uint64_t name_cc_key(uint32_t name, const char *cc) { return (uint64_t)name << 17 | 1u << 16 | cc_key(cc); }

static int count_placed(const loc_index *ix, loc_keytab *placed, const loc_mention *m)
{
    const char *cc = loc_place_at(ix, m->place)->cc;
    int rc = loc_keytab_add(placed, cc_key(cc), 0);
    return rc == QRY_OK ? loc_keytab_add(placed, name_cc_key(m->first_sense, cc), 0) : rc;
}

static void add_placed(const loc_keytab *placed, uint32_t name, const char *cc)
{
    loc_keytab_find(placed, cc_key(cc))->val++;
    loc_keytab_find(placed, name_cc_key(name, cc))->val++;
}

/* A region of a country another place of the document is in, or a large
 * city it names as a place ("in Regina"), is that place beside a
 * capitalised word too ("Alberta Premier", "the
 * Regina Evening Courier", "Ohio Parks & Trails"). It is inside a longer
 * name, so it is marked in_org.
 *
 * The places of the document are counted by country (and by country and
 * name), and the mentions dropped beside a name listed by name, so that
 * each mention is one look-up; the counts follow the mentions restored. */
static int places_beside_names(const loc_index *ix, const qry_doc_view *doc, loc_mentions *ms)
{
    loc_keytab placed = {0}, beside = {0};
    int rc = QRY_OK;
    for (size_t j = 0; rc == QRY_OK && j < ms->n; j++)
        if (ms->v[j].beside_name && ms->v[j].drop)
            rc = loc_keytab_add(&beside, ms->v[j].first_sense, (uint32_t)j);
    if (!beside.n) /* nothing to restore (most documents) */
        return rc;
    loc_keytab_sort(&beside);
    for (size_t j = 0; rc == QRY_OK && j < ms->n; j++)
        if (!ms->v[j].drop && ms->v[j].place != LOC_NONE)
            rc = count_placed(ix, &placed, &ms->v[j]);
    loc_keytab_sort(&placed);
    loc_keytab_unique(&placed); /* the count of each key starts at 0 ... */
    for (size_t j = 0; rc == QRY_OK && j < ms->n; j++)
        if (!ms->v[j].drop && ms->v[j].place != LOC_NONE) /* ... and is counted here */
            add_placed(&placed, ms->v[j].first_sense, loc_place_at(ix, ms->v[j].place)->cc);
    for (size_t k = 0; rc == QRY_OK && k < ms->n; k++) {
        const loc_mention *m = &ms->v[k];
        if (m->drop || m->weak || m->place == LOC_NONE || m->first_sense == LOC_NONE)
            continue;
        const loc_place *p = loc_place_at(ix, m->place);
        size_t s = m->tok_start;
        /* a city is a surname as well ("Nora Halifax" ... "But Halifax,"):
         * the document must use the name as a place, after a preposition
         * of place or in a "Town, Region" pair */
        int as_place = m->paired || (s > 0 && doc->tokens[s - 1].sentence == doc->tokens[s].sentence &&
                                     (loc_tok_kflags(ix, doc, s - 1) & (LOC_KEY_LOCATIVE | LOC_KEY_CUE)));
        /* a region of a country another place of the document is in
         * ("Gulf" is a province of Papua New Guinea: not in "Gulf War") */
        int region = p->source == LOC_SRC_SUBDIV && loc_keytab_find(&placed, cc_key(p->cc))->val >
                                                        loc_keytab_find(&placed, name_cc_key(m->first_sense, p->cc))->val;
        if (!region && !(p->kind == LOC_CITY && p->population >= SURNAME_MAX_POPULATION && as_place))
            continue;
        /* the first place of a name restores all its mentions beside names
         * at once, so a first one restored means none is left */
        size_t i = loc_keytab_first(&beside, m->first_sense);
        if (i == beside.n || !ms->v[beside.v[i].val].drop)
            continue;
        for (; i < beside.n && beside.v[i].key == m->first_sense; i++) {
            loc_mention *j = &ms->v[beside.v[i].val];
            j->drop = 0;
            j->place = m->place;
            j->in_org = 1;
            add_placed(&placed, j->first_sense, p->cc);
        }
    }
    loc_keytab_free(&placed);
    loc_keytab_free(&beside);
    return rc;
}

/* Rules 3 to 5 on the mentions rule 1 left, in the focus of rule 2. */
static int choose_all(const loc_index *ix, const qry_doc_view *doc, loc_mentions *ms, context *ctx,
                      code_mention *codes, size_t *n_codes)
{
    int rc = anchors(ix, doc, ms, ctx);
    if (rc != QRY_OK)
        return rc;
    int sports = sports_report(ix, doc);
    ctx->pass = 2;
    for (size_t k = 0; k < ms->n; k++) {
        loc_mention *m = &ms->v[k];
        if (m->drop || m->place != LOC_NONE)
            continue;
        choice best = choose(ix, doc, ms, k, ctx);
        m->place = best.place;
        if (m->place == LOC_NONE) {
            m->drop = 1;
            continue;
        }
        m->paired = best.pair != LOC_NONE;
        m->demonym = (loc_sense_at(ix, best.sense)->flags & LOC_SENSE_DEMONYM) != 0;
        m->weak = (uint8_t)loc_weak_sense(ix, best.sense);
        if (m->strict && m->drop == 0 && best.pair == LOC_NONE && sentence_initial(doc, m->tok_start))
            m->drop = 1;
        if (sports && loc_place_at(ix, m->place)->kind == LOC_CITY && sports_club(ix, doc, m))
            m->drop = 1;
        if (best.pair != LOC_NONE && best.follower < ms->n && !ms->v[best.follower].drop)
            ms->v[best.follower].place = best.pair;
        else if (best.pair != LOC_NONE && best.code_tok < doc->n_tokens)
            codes[(*n_codes)++] = (code_mention){best.code_tok, best.pair};
    }
    if (ctx->ev->nomem)
        return QRY_ERR_NOMEM;
    rc = one_sense_per_document(ms);
    if (rc == QRY_OK && !sports) /* there "Chicago Cubs" is a club */
        rc = places_beside_names(ix, doc, ms);
    return rc;
}

int loc_resolve(const loc_index *ix, const qry_doc_view *doc, loc_mentions *ms)
{
    size_t n = ms->n ? ms->n : 1, n_codes = 0;
    focus *f = calloc(1, sizeof *f);
    code_mention *codes = calloc(n, sizeof *codes);
    int8_t *kind = malloc(n * sizeof *kind);
    list_side *left = calloc(n, sizeof *left), *right = calloc(n, sizeof *right);
    loc_evidence ev;
    loc_evidence_init(&ev, doc);
    context ctx = {f, &ev, kind, left, right, 0};
    int rc = f && codes && kind && left && right ? QRY_OK : QRY_ERR_NOMEM;
    if (rc == QRY_OK) {
        memset(kind, KIND_UNKNOWN, n * sizeof *kind);
        rc = drop_rules(ix, &ev, ms);
    }
    for (size_t k = 0; rc == QRY_OK && k < ms->n; k++)
        if (!ms->v[k].drop)
            add_focus(ix, doc, ms, k, f);
    if (rc == QRY_OK)
        rc = choose_all(ix, doc, ms, &ctx, codes, &n_codes);
    loc_evidence_free(&ev);
    free(kind);
    free(left);
    free(right);
    free(f);
    for (size_t i = 0; i < n_codes && rc == QRY_OK; i++) {
        if (ms->n == ms->cap) {
            size_t c = ms->cap ? ms->cap * 2 : 16;
            loc_mention *v = realloc(ms->v, c * sizeof *v);
            if (!v) {
                rc = QRY_ERR_NOMEM;
                break;
            }
            ms->v = v;
            ms->cap = c;
        }
        const qry_token *t = &doc->tokens[codes[i].tok];
        ms->v[ms->n++] = (loc_mention){.start = t->start,
                                       .end = t->end,
                                       .tok_start = (uint32_t)codes[i].tok,
                                       .tok_end = (uint32_t)codes[i].tok + 1,
                                       .first_sense = LOC_NONE,
                                       .place = codes[i].place};
    }
    free(codes);
    return rc;
}
