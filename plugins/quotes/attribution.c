/* attribution.c -- who said each quotation, and with which verb.
 *
 * Tried in order, each a short bounded scan around the marks:
 *  1. before the opening mark, adjacent: "X said: “", "X, who ..., said, “",
 *     "said X: “", "according to X, “", "And from Chairwoman Roe: “", `Doe:"`;
 *  2. after the closing mark: "” X said", "” said X", "” — Jane Roe",
 *     "’: X tells", "” said former Gov. Jane Roe", "” a spokesman said",
 *     "” Jane Roe, 41, a nurse, said", "” are wrong, Jane Roe said";
 *  3. before the opening mark, earlier in the sentence: "X said the talks
 *     would address “...”" (nearest reporting verb with a subject);
 *  4. a quotation opening a sentence right after one that ends with an
 *     attribution ("…, Jane Roe said Monday. “…”");
 *  5. a quotation without attribution that continues the previous one
 *     (same paragraph, or a paragraph of its own right after it) inherits
 *     its speaker;
 *  6. the sentence's subject, a name or a description of someone, when no
 *     verb of saying is in reach ("Marsh defended her deputy as a “…”");
 *  7. (before 5) a clause with a subject ending in a colon: "X had one
 *     answer: “…”";
 *  8. a lone quotation sentence after a sentence whose subject is the only
 *     person it names ("X was blunt. “…”").
 * Quotations inside reported speech take its speaker (reported.c).
 * A participle or coordinated verb (", saying", "and said") takes the
 * subject of its clause, not the phrase before it.
 * Context never crosses the sentence (and, before the mark, the previous
 * quotation's closing mark), except that a paragraph ending in ':' introduces
 * the next one and rules 4 and 8 read the sentence before.
 */
#include <stdio.h>
#include <string.h>

#include "quotes.h"

#define PHRASE_MAX 10   /* tokens in a speaker phrase */
#define PAREN_MAX 32    /* tokens in ", who ... ," between subject and verb */
#define POST_CUE_MAX 10 /* tokens from the closing mark to the verb */
#define EMBED_BACK 40   /* tokens scanned back for an earlier verb */
#define NP_MAX 12     /* tokens in a noun phrase read up to its comma */
#define POST_FAR_MAX 40 /* tokens from the closing mark to a verb after an apposition */
#define TAIL_MAX 8      /* tokens from a sentence-final verb to the sentence end */
#define DESC_MAX 3      /* words after "the" in a description ("the statement") */
#define INTRO_MAX 8     /* tokens of an opening adverbial ("In an interview with CNN,") */
#define PREV_MAX 64     /* tokens of the previous sentence looked at for its attribution */

static const char *const determiners[] = {"the", "a", "an", NULL};
static const char *const pronouns[] = {"he", "she", "they", "we", "it", "i", "who", NULL};
static const char *const connectors[] = {"of", "for", NULL};
/* Prepositions that open a sentence before its subject: "Of Carson, Levine said". */
static const char *const preposition_openers[] = {"of", "on", "about", "for", "with", "unlike", "like", "to",
                                                  "from", "in", "at", "after", "before", "against", NULL};
/* What follows a subject is its verb: never a determiner, a possessive, a
 * preposition or a joiner ("Over the next three weeks", "Given her record"). */
static const char *const subject_no_verb[] = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your",
                                              "to", "in", "on", "at", "by", "with", "from", "into", "about",
                                              "over", "than", "as", "this", "that", "these", "those", "and", "or",
                                              "of", "for", NULL};

typedef qt_span span;

static int glued(const qt_ctx *c, size_t t) { return !(c->doc->tokens[t].flags & QRY_TOK_SPACE_BEFORE); }

/* A token that may belong to a speaker phrase, read right to left or left
 * to right: capitalised words, title words, acronyms, glued joiners. */
static int name_token(const qt_ctx *c, size_t t)
{
    if (qt_tok_word(c, t))
        return qt_tok_cap(c, t) || qt_tok_title(c, t);
    return 0;
}

static int joiner(const qt_ctx *c, size_t t)
{
    return (qt_tok_dash(c, t) || qt_tok_char(c, t, ".") || qt_tok_apostrophe(c, t)) && glued(c, t);
}

/* Length (1 or 2) of a verb that reports what was said starting at token
 * t: a cue, a verb of reported speech ("declared", "notes") or a verb whose
 * object is what was said ("pointed out"). */
static size_t report_verb_at(const qt_ctx *c, size_t t)
{
    size_t n = qt_cue_at(c, t);
    if (!n)
        n = qt_entry_at(c, t, &c->lex->object_verbs);
    if (!n && qt_tok_in(c, t, &c->lex->reporting))
        n = 1;
    return n;
}

static const char *const describers[] = {"the", "a", "an", "one", "another", "his", "her", "their", "its", NULL};


/* A description led by a determiner: "the statement", "a narrator",
 * "his spokesman" (at most DESC_MAX words after the determiner). */
static span description_back(const qt_ctx *c, size_t end, size_t b)
{
    span none = {end, end};
    for (size_t t = end; t > b && end - t <= DESC_MAX; t--) {
        size_t p = t - 1;
        /* a possessive name as determiner: "Moss's campaign manager",
         * "Moss’ aides" */
        size_t apo = qt_tok_eq(c, p, "s") && p > b && qt_tok_apostrophe(c, p - 1) ? p - 1
                     : qt_tok_apostrophe(c, p)                                   ? p
                                                                                  : QT_NONE;
        if (apo != QT_NONE && t < end && apo > b && qt_tok_cap(c, apo - 1) && glued(c, apo)) {
            size_t a = apo - 1;
            while (a > b && end - a < PHRASE_MAX && qt_tok_cap(c, a - 1) && !qt_tok_in(c, a - 1, &c->lex->nonnames))
                a--;
            span s = {a, end};
            return s;
        }
        if (!qt_tok_word(c, p) || qt_tok_is(c, p, pronouns) || qt_cue_at(c, p))
            return none;
        if (qt_tok_is(c, p, describers)) {
            span s = {p, end};
            return p + 1 < end ? s : none;
        }
    }
    return none;
}

/* The speaker phrase that ends just before token end, not before b. */
/* A capital letter alone: "S" of "S and P". */
static int short_initial(const qt_ctx *c, size_t t)
{
    size_t n;
    qt_tok_text(c, t, &n);
    return qt_tok_cap(c, t) && n == 1;
}

static span phrase_back(const qt_ctx *c, size_t end, size_t b)
{
    span s = {end, end};
    if (end <= b || !qt_tok_word(c, end - 1))
        return s;
    if (qt_tok_is(c, end - 1, pronouns)) {
        s.a = end - 1;
        return s;
    }
    size_t t = end, words = 0;
    while (t > b && end - t < PHRASE_MAX) {
        size_t p = t - 1;
        if (name_token(c, p)) {
            t = p;
            words++;
        } else if (qt_tok_word(c, p) && qt_tok_eq(c, p, "s") && p > b && qt_tok_apostrophe(c, p - 1) && t < end) {
            t = p; /* possessive: Ukraine’s President */
        } else if (joiner(c, p) && p > b && qt_tok_word(c, p - 1) && t < end) {
            t = p;
        } else if (qt_tok_is(c, p, connectors) && p > b && qt_tok_cap(c, p - 1) && t < end && qt_tok_cap(c, t)) {
            t = p;
        } else if ((qt_tok_eq(c, p, "and") || qt_tok_char(c, p, "&")) && p > b && qt_tok_cap(c, p - 1) && t < end &&
                   qt_firm_tail(c, t, end)) {
            t = p; /* "Houston Lighting and Power Co" */
        } else if ((qt_tok_eq(c, p, "and") || qt_tok_char(c, p, "&")) && p > b && t < end && t + 1 == end &&
                   short_initial(c, p - 1) && short_initial(c, t)) {
            t = p; /* "S and P said" */
        } else if (qt_tok_char(c, p, ")") && t < end && qt_firm_tail(c, t, end) && p > b) {
            size_t u = p; /* "Industrial Equity (Pacific) Ltd" */
            while (u > b && p - u < 6 && !qt_tok_char(c, u, "("))
                u--;
            if (!qt_tok_char(c, u, "(") || u == b || !qt_tok_cap(c, u - 1))
                break;
            t = u;
        } else if (qt_tok_is(c, p, determiners) && t < end) {
            t = p;
            break;
        } else {
            break;
        }
    }
    if (words == 0)
        return description_back(c, end, b);
    size_t apo = t < end && qt_tok_apostrophe(c, t)                                   ? t
                 : t < end && t > b && qt_tok_eq(c, t, "s") && qt_tok_apostrophe(c, t - 1) ? t - 1
                                                                                            : QT_NONE;
    if (apo != QT_NONE && apo > b) {
        /* "the alliance's leader": a possessive whose owner is no name
         * belongs to a description led by its determiner */
        for (size_t u = apo; u > b && apo - u < DESC_MAX && qt_tok_word(c, u - 1); u--) {
            if (qt_tok_is(c, u - 1, describers)) {
                s.a = u - 1;
                return s;
            }
            if (qt_tok_cap(c, u - 1))
                break;
        }
    }
    while (t < end && !qt_tok_word(c, t))
        t++;
    if (t < end && qt_tok_eq(c, t, "s") && t > b && qt_tok_apostrophe(c, t - 1))
        t++; /* no possessive remnant "s" opens a phrase */
    s.a = t;
    return s;
}

/* One or two lower-case words between a capitalised modifier and a name
 * ("Liberal pollster Dana Whitlock", "BBC moderator Omar Pell"):
 * their number when a capitalised run follows that ends the phrase (a
 * comma, a sentence end, a quotation mark or the limit after it), else 0. */
static size_t lower_bridge(const qt_ctx *c, size_t t, size_t limit)
{
    size_t u = t, words = 0;
    while (u < limit && words < 4 && qt_tok_word(c, u) && !qt_tok_cap(c, u) && !qt_cue_at(c, u) &&
           !qt_tok_is(c, u, pronouns) && !qt_tok_is(c, u, describers) && !qt_tok_is(c, u, connectors) &&
           !qt_tok_is(c, u, (const char *const[]){"and", "or", "who", "in", "on", "at", NULL})) {
        u++;
        words++;
        /* "front-runner", "vice-presidential": one word */
        while (u + 1 < limit && (qt_tok_char(c, u, "-") || qt_tok_dash(c, u)) && glued(c, u) && glued(c, u + 1) &&
               qt_tok_word(c, u + 1) && !qt_tok_cap(c, u + 1))
            u += 2;
    }
    if (u == t || u >= limit || !qt_tok_cap(c, u) || qt_tok_in(c, u, &c->lex->nonnames))
        return 0;
    if (qt_tok_title(c, u - 1))
        return u - t; /* "Green presidential candidate Lena Moss", "chief budget aide Tomas Reyna" */
    if (words > 2)
        return 0;
    size_t e = qt_cap_run_end(c, u, limit);
    if (e < limit && (qt_tok_word(c, e) || qt_tok_apostrophe(c, e)) && !qt_tok_title(c, e))
        return 0; /* "Quill praised Varga’s", "Marsh praised Ibsen on" -- not "Ohio-based Green organiser Ann Vey" */
    return u - t;
}

/* A verb after a description's noun ("her office sent out a statement",
 * "the council released", "the singer held"): a past tense in -ed, an irregular
 * one, or an auxiliary. The description ends before it. */
static int past_verb(const qt_ctx *c, size_t t)
{
    static const char *const irregular[] = {"put", "ran", "held", "made", "took", "gave", "sent", "got", "had",
                                            "has", "is", "was", "were", "are", "will", "would", "did", "does",
                                            "went", "came", "left", "began", "set", "kept", "brought", "won",
                                            "lost", "met", "led", "spent", "paid", "sat", "stood", NULL};
    size_t n;
    const char *w = qt_tok_text(c, t, &n);
    return qt_tok_is(c, t, irregular) || (n > 4 && memcmp(w + n - 2, "ed", 2) == 0);
}

/* A word that ends a description's lower-case words: "the aide who",
 * "a spokesman for", "the editor that". */
static int desc_stop(const qt_ctx *c, size_t u)
{
    return qt_tok_is(c, u, (const char *const[]){"who", "in", "on", "at", "of", "for", "during", "after", "before",
                                                 "that", "which", "and", NULL});
}

/* Adverbs and auxiliaries that sit between a subject and its verb. */
static const char *const adverbs_aux[] = {"also", "later", "then", "again", "further", "previously", "earlier",
                                          "has", "had", "have", "was", "once", "would", "will", "is", "are",
                                          "were", "been", "first", "not", "never", "did", "does", "do", "just",
                                          "already", "still", "since", "yet", "now", "could", "can", "should",
                                          "may", "might", "must", NULL};

/* A lower-case word that may belong to a description's head: no verb, no
 * cue, no adverb, no word that ends a description. */
static int lower_head_word(const qt_ctx *c, size_t u)
{
    return qt_tok_word(c, u) && !qt_tok_cap(c, u) && !qt_cue_at(c, u) && !past_verb(c, u) && !desc_stop(c, u) &&
           !qt_tok_is(c, u, pronouns) && !qt_ly_adverb(c, u) && !qt_tok_is(c, u, adverbs_aux);
}

/* End of "Brandt spokesman" after a determiner at t: one or two capitalised
 * name words, then lower-case words up to the phrase's end; t when the
 * stretch is no such description. */
static size_t desc_after_caps(const qt_ctx *c, size_t t, size_t limit)
{
    size_t v = t;
    while (v < limit && v - t < 2 && name_token(c, v) && qt_tok_cap(c, v) && !qt_tok_title(c, v))
        v++;
    if (v == t)
        return t;
    size_t h = v;
    while (h < limit && h - v < DESC_MAX) {
        if (lower_head_word(c, h))
            h++;
        else if (h > v && joiner(c, h) && h + 1 < limit && lower_head_word(c, h + 1))
            h += 2; /* "secretary-general" */
        else
            break;
    }
    if (h == v || (h < limit && (name_token(c, h) || qt_tok_apostrophe(c, h) || joiner(c, h))))
        return t;
    return h;
}

/* The speaker phrase that starts at token a, before limit. */
static span phrase_fwd(const qt_ctx *c, size_t a, size_t limit)
{
    span s = {a, a};
    size_t t = a, words = 0;
    if (t < limit && qt_tok_word(c, t) && qt_tok_is(c, t, pronouns) && !qt_tok_eq(c, t, "who")) {
        s.e = t + 1;
        return s;
    }
    if (t < limit && qt_tok_is(c, t, describers)) {
        t++;
        /* "a narrator", "one Nova Scotia Liberal": lower-case words up to the head */
        size_t u = t;
        while (u < limit && u - t < DESC_MAX && qt_tok_word(c, u) && !qt_tok_cap(c, u) && !qt_tok_title(c, u) &&
               !qt_cue_at(c, u) && !(u > t && past_verb(c, u)) && !desc_stop(c, u))
            u++;
        /* "the mayor thanked", "the retired surgeon added": title words, then
         * straight away the verb (never "the spokesman for X", "the chief known as") */
        size_t v = u;
        while (v < limit && v - t < DESC_MAX && qt_tok_word(c, v) && !qt_tok_cap(c, v) && !qt_cue_at(c, v) &&
               !(v > t && past_verb(c, v)) && !desc_stop(c, v) && (v > u || qt_tok_title(c, v)))
            v++;
        if (v > u && v < limit && (past_verb(c, v) || qt_cue_at(c, v)) && !name_token(c, v))
            u = v;
        if (u > t && (u == limit || !name_token(c, u))) {
            s.e = u;
            return s;
        }
        /* "another Gazette reader", "a Brandt spokesman": capitalised modifiers,
         * then a lower-case head: a description, not the name it mentions */
        size_t h = desc_after_caps(c, t, limit);
        if (h > t) {
            s.e = h;
            return s;
        }
    }
    while (t < limit && t - a < PHRASE_MAX) {
        if (name_token(c, t)) {
            words++;
            t++;
        } else if (joiner(c, t) && t + 1 < limit && qt_tok_word(c, t + 1) && words) {
            t++;
        } else if (qt_tok_word(c, t) && qt_tok_eq(c, t, "s") && t > a && qt_tok_apostrophe(c, t - 1)) {
            t++;
            /* "Brandt’s campaign replied": the possessive's lower-case head
             * (not a contraction's: "That’s how it went") */
            size_t h = t;
            if (t >= a + 3 && qt_tok_is(c, t - 3, (const char *const[]){"there", "that", "it", "here", "what", "who",
                                                                         "where", "he", "she", "let", NULL}))
                break;
            while (h < limit && h - t < DESC_MAX && lower_head_word(c, h))
                h++;
            if (h > t && (h == limit || !name_token(c, h))) {
                t = h;
                break;
            }
        } else if (qt_tok_is(c, t, connectors) && words && t + 1 < limit && qt_tok_cap(c, t + 1)) {
            t++;
        } else if (words && lower_bridge(c, t, limit)) {
            t += lower_bridge(c, t, limit); /* "Liberal pollster Dana Whitlock" */
        } else {
            break;
        }
    }
    while (t > a && !qt_tok_word(c, t - 1))
        t--;
    if (words)
        s.e = t;
    return s;
}

/* A capitalised word of at most three letters: an initial, "Jr", "Sr". */
static int short_cap(const qt_ctx *c, size_t t)
{
    size_t n;
    qt_tok_text(c, t, &n);
    return qt_tok_cap(c, t) && n <= 3;
}

/* A noun phrase from token a up to its first break (comma, sentence end,
 * quotation mark, clause word) before limit: "former Gov. Jane Roe", "one of
 * those advisers", "the 46-year-old". None when it holds a reporting verb or
 * runs over NP_MAX tokens. */
static span np_until_break(const qt_ctx *c, size_t a, size_t limit)
{
    static const char *const breaks[] = {"who", "which", "that", "when", "while", "on", "in", "at", "during",
                                         "after", "before", "because", "since", "if", "but", NULL};
    span none = {a, a};
    size_t t = a;
    while (t < limit && t - a < NP_MAX && c->doc->tokens[t].sentence == c->doc->tokens[a].sentence) {
        int number = (c->doc->tokens[t].flags & QRY_TOK_NUMBER) != 0;
        if (qt_tok_word(c, t) || number) {
            if (report_verb_at(c, t) || (qt_tok_word(c, t) && qt_tok_is(c, t, breaks)))
                break;
            t++;
        } else if (joiner(c, t) && t > a && t + 1 < limit &&
                   (qt_tok_word(c, t + 1) || (c->doc->tokens[t + 1].flags & QRY_TOK_NUMBER))) {
            t++;
        } else if (qt_tok_char(c, t, ".") && glued(c, t) && t > a && (qt_tok_title(c, t - 1) || short_cap(c, t - 1))) {
            t++; /* "Gov.", "Jr.", "Carl P. Moss" */
        } else {
            break;
        }
    }
    if (t == a || t - a >= NP_MAX || !qt_tok_word(c, a) || qt_tok_is(c, a, pronouns) ||
        qt_tok_is(c, a, (const char *const[]){"and", "or", "but", "for", "to", "of", "in", "on", "at", "by", "with",
                                              "from", "as", "than", "then", "so", NULL}))
        return none; /* "” and said", "” for saying" */
    if (t < limit && qt_tok_word(c, t) && !qt_tok_is(c, t, breaks))
        return none; /* stopped at a verb */
    span s = {a, t};
    return s;
}

static void set_cue(qt_quote *q, size_t k, size_t len)
{
    q->cue_tok = (uint32_t)k;
    q->cue_len = (uint8_t)len;
}

/* Adverbs and auxiliaries between a subject and its verb. */
/* Adverbs after a subject ("then loudly asked"), at most two. */
static size_t qt_skip_adverb_fwd(const qt_ctx *c, size_t t, size_t limit)
{
    static const char *const adv[] = {"also", "later", "then", "again", "further", "previously", "earlier",
                                      "has", "had", "have", "was", "is", "once", "routinely", NULL};
    for (int k = 0; k < 2 && t < limit && qt_tok_word(c, t) && !qt_tok_cap(c, t) &&
                    (qt_tok_is(c, t, adv) || qt_ly_adverb(c, t));
         k++)
        t++;
    return t;
}

static size_t skip_adverb_back(const qt_ctx *c, size_t t, size_t b)
{
    /* at most three: "has also said", "have not yet said" */
    for (int k = 0; k < 3 && t > b && qt_tok_word(c, t - 1) && !qt_tok_cap(c, t - 1) &&
                    (qt_tok_is(c, t - 1, adverbs_aux) || qt_ly_adverb(c, t - 1));
         k++)
        t--;
    return t;
}

/* The subject of the verb starting at token k: "X said", "X also said",
 * "X, who ..., said", "X, addressing journalists, said", "X, who said". */
/* Skip a parenthesis ending before t ("Dunmore (R-IA)"). */
static size_t skip_paren_back(const qt_ctx *c, size_t t, size_t b)
{
    if (t <= b || !qt_tok_char(c, t - 1, ")"))
        return t;
    for (size_t p = t - 1; p > b && t - p < PHRASE_MAX; p--)
        if (qt_tok_char(c, p - 1, "("))
            return p - 1;
    return t;
}

/* Skip a parenthesis starting at t ("Grassley (R-Iowa) downplayed"). */
static size_t skip_paren_fwd(const qt_ctx *c, size_t t, size_t limit)
{
    if (t >= limit || !qt_tok_char(c, t, "("))
        return t;
    for (size_t u = t + 1; u < limit && u - t < PHRASE_MAX; u++)
        if (qt_tok_char(c, u, ")"))
            return u + 1;
    return t;
}

/* Tokens of the parentheses in [a, e) ("Sen. Ann Roe (D-N.Y.) said"): a
 * party and state lengthen the way to the verb but are no words of it. */
static size_t paren_tokens(const qt_ctx *c, size_t a, size_t e)
{
    size_t n = 0;
    for (size_t t = a; t < e; t++) {
        size_t u = skip_paren_fwd(c, t, e);
        if (u > t) {
            n += u - t;
            t = u - 1;
        }
    }
    return n;
}

/* The subject opening the clause at b: "Jane Roe", "But she", "Okafor's". */
static int is_mark_tok(const qt_ctx *c, size_t t)
{
    int dbl;
    return qt_tok_quote_mark(c, t, &dbl) && !qt_tok_apostrophe(c, t);
}

static span opening_subject(const qt_ctx *c, size_t sa, size_t o);
static int verb_form(const qt_ctx *c, size_t t);

static span clause_subject(const qt_ctx *c, size_t b, size_t k)
{
    static const char *const conj[] = {"but", "and", "yet", "so", NULL};
    size_t t = b;
    size_t t0; /* the clause's first word, before an opening phrase is skipped */
    /* a dateline: "WASHINGTON — Jane Roe emailed supporters, telling them" */
    if (t + 1 < k && qt_tok_upper(c, t) && (qt_tok_dash(c, t + 1) || qt_tok_char(c, t + 1, "(")))
        while (t < k && !qt_tok_dash(c, t))
            t++;
    while (t < k && !qt_tok_word(c, t))
        t++;
    if (t < k && qt_tok_word(c, t) && qt_tok_is(c, t, conj))
        t++;
    t0 = t;
    /* an opening adverbial: "On Sunday, X issued ...", "But a few days later, X ..."; a
     * description and its verb before the comma are the clause itself ("The
     * mayor thanked the crews, saying") */
    int described = qt_tok_is(c, t, describers);
    for (size_t u = t; u < k && u - t < INTRO_MAX; u++) {
        if (qt_cue_at(c, u) || is_mark_tok(c, u) || (described && u > t + 1 && past_verb(c, u)))
            break;
        if (qt_tok_char(c, u, ",")) {
            if (!qt_tok_cap(c, t) || qt_tok_in(c, t, &c->lex->nonnames) || !name_token(c, u - 1))
                t = u + 1;
            break;
        }
    }
    span s = phrase_fwd(c, t, k);
    /* one capitalised word that opens a phrase is no subject: "In a letter
     * to members, X wrote", "While touring …, X mocked", "Speaking at …" */
    int opener = s.e == s.a + 1 && !qt_tok_is(c, s.a, pronouns) &&
                 (qt_tok_in(c, s.a, &c->lex->nonnames) || !(qt_attested_name(c, s.a) || qt_plural_form(c, s.a)) ||
                                    (verb_form(c, s.a) && !qt_tok_in(c, s.a, &c->lex->male) &&
                                     !qt_tok_in(c, s.a, &c->lex->female)));
    /* "At a town meeting in Dover, Delaware, on Monday, Mrs. Ostrova defended
     * …, saying": a name closing an opening phrase is where, not who */
    if (s.a < s.e && s.e < k && qt_tok_char(c, s.e, ",") && s.a > t0) {
        span o = opening_subject(c, b, k);
        if (o.a < o.e)
            return o;
    }
    if (s.a < s.e && s.e < k && !opener &&
        (qt_tok_word(c, s.e) || qt_tok_char(c, s.e, ",") || qt_tok_apostrophe(c, s.e)))
        return s;
    /* "Sen. Lena Moss (I-Me.) visited …, saying", "Speaking in Dover,
     * Delaware, Marsh went after Pell, calling" */
    return opening_subject(c, b, k);
}

/* A verb that shares its subject with an earlier verb of the sentence:
 * "X criticized the deal, saying …", "X paused and said …". */
static int shares_subject(const qt_ctx *c, size_t k, size_t b)
{
    static const char *const conj[] = {"and", "but", NULL};
    size_t t = skip_adverb_back(c, k, b);
    if (t <= b)
        return 0;
    if (qt_tok_word(c, t - 1) && qt_tok_is(c, t - 1, conj))
        return 1;
    size_t n;
    const char *w = qt_tok_text(c, k, &n);
    if (n <= 4 || memcmp(w + n - 3, "ing", 3) != 0)
        return 0;
    /* ", saying", and "issued a statement Tuesday saying": a participle
     * after a comma, a lower-case word or a day is the clause's */
    return qt_tok_char(c, t - 1, ",") || (qt_tok_word(c, t - 1) && !qt_tok_cap(c, t - 1)) ||
           (qt_tok_cap(c, t - 1) && qt_tok_in(c, t - 1, &c->lex->nonnames));
}

#define CHAIN_BACK 8 /* tokens from a participle back to the verb it follows */

/* "Okoye said, adding": the participle's subject is that of the reporting
 * verb just before it, when there is one. */
static span chained_subject(const qt_ctx *c, size_t k, size_t b);

/* "DESCRIPTION, NAME," with the commas at p - 1 and ce: the name between
 * them when it is a capitalised name of at most four words and the phrase
 * before the first comma a description (its head a title or lower-case
 * word: "Ukraine’s president", "the White House press secretary"). */
/* Does a description end at token h (after b)? A lower-case noun or a
 * title ("Chile’s president"), or one followed by where it serves: "the
 * governor of New York", "a senator from Iowa". */
static int description_end(const qt_ctx *c, size_t h, size_t b)
{
    if (!qt_tok_word(c, h))
        return 0;
    if (!qt_tok_cap(c, h) || qt_tok_title(c, h))
        return 1;
    /* back over the name: "New York", "the Federal Bureau of Investigation" */
    size_t u = h;
    while (u > b && h - u < 6) {
        if (qt_tok_cap(c, u) && !qt_tok_title(c, u))
            u--;
        else if (qt_tok_word(c, u) && !qt_tok_cap(c, u) && qt_tok_is(c, u, (const char *const[]){"of", "and", NULL}) &&
                 qt_tok_cap(c, u - 1) && qt_tok_cap(c, u + 1))
            u--;
        else
            break;
    }
    if (u < h && u > b && qt_tok_eq(c, u, "the"))
        u--;
    static const char *const of_place[] = {"of", "from", "for", "in", "at", NULL};
    return u < h && u > b && qt_tok_word(c, u) && !qt_tok_cap(c, u) && qt_tok_is(c, u, of_place) &&
           qt_tok_word(c, u - 1) && (!qt_tok_cap(c, u - 1) || qt_tok_title(c, u - 1)) &&
           !qt_tok_is(c, u - 1, pronouns);
}

/* "Columbus, Ohio": the place s, then after its comma the place [p, ce). */
static int city_state(const qt_ctx *c, span s, size_t p, size_t ce)
{
    return p < ce && ce - p <= 3 && qt_tok_cap(c, p) && qt_name_kind(c, s.a, s.e, 0) == QT_KIND_PLACE &&
           qt_name_kind(c, p, ce, 0) == QT_KIND_PLACE;
}

static span apposed_name(const qt_ctx *c, size_t p, size_t ce, size_t b)
{
    span none = {ce, ce};
    span in = phrase_back(c, ce, p);
    if (in.a != p || in.e != ce || !qt_tok_cap(c, in.a) || !qt_tok_cap(c, in.e - 1) || qt_tok_title(c, in.e - 1) ||
        qt_tok_is(c, in.a, determiners) || ce - p > 6 || qt_name_kind(c, in.a, in.e, 0) == QT_KIND_PLACE)
        return none; /* "a woman in Worcester, Massachusetts, told": a place, no name */
    if (p < b + 2 || !qt_tok_word(c, p - 2))
        return none;
    if (!description_end(c, p - 2, b))
        return none; /* "Jane Roe, Anna Berg, said": a list, not an apposition */
    return in;
}

/* A short adverbial ending before t, between a subject and its verb: a day
 * ("later Thursday"), a prepositional phrase of lower-case words ("at the
 * time", "in the past", "in his announcement speech"). Its first token, or
 * t when there is none. */
#define ADVERBIAL_MAX 5
static size_t skip_adverbial_back(const qt_ctx *c, size_t t, size_t b)
{
    static const char *const preps[] = {"at", "in", "on", "during", "after", "before", "over", "since", NULL};
    static const char *const time_words[] = {"later", "earlier", "last", "on", "this", "next", NULL};
    size_t u = t;
    if (u > b && qt_tok_date(c, u - 1)) {
        u--;
        if (u > b && qt_tok_is(c, u - 1, time_words))
            u--;
        return u;
    }
    for (size_t p = u; p > b && u - p < ADVERBIAL_MAX; p--) {
        size_t x = p - 1;
        if (!qt_tok_word(c, x) || qt_tok_cap(c, x) || qt_cue_at(c, x))
            break;
        if (qt_tok_is(c, x, preps))
            return x;
    }
    return t;
}

/* "Bishop Tomas Arvay of the Moravian Synod told": the
 * phrase before a verb names where the person before "of" works; the
 * person is the subject. s itself otherwise. */
static span person_of(const qt_ctx *c, span s, size_t b)
{
    static const char *const of[] = {"of", "at", "from", NULL};
    static const char *const where[] = {"at", "from", "in", "near", NULL};
    size_t x = s.a;
    if (x > b && !qt_tok_is(c, x, determiners) && qt_tok_is(c, x - 1, determiners))
        x--; /* "of the Moravian Synod" */
    if (s.a < s.e && x >= b + 2 && qt_tok_is(c, x - 1, where) && qt_tok_word(c, x - 2) &&
        qt_speaking_head(c, x - 2) && (!qt_tok_cap(c, s.a) || qt_name_kind(c, s.a, s.e, 0) != QT_KIND_PERSON)) {
        /* "an employee at the plant said", "Officials in Kyiv said": the
         * people before where they work or live are the subject (but "a
         * letter from Ana Ruiz said": she is) */
        span d = description_back(c, x - 1, b);
        if (d.a < d.e)
            return d;
        if (x - 2 == b || !qt_tok_word(c, x - 3)) {
            span bare = {x - 2, x - 1};
            return bare;
        }
    }
    if (s.a >= s.e || x < b + 2 || !qt_tok_is(c, x - 1, of) || !qt_tok_cap(c, x - 2))
        return s;
    span p = phrase_back(c, x - 1, b);
    if (p.a >= p.e || !qt_tok_cap(c, p.e - 1))
        return s;
    size_t first = qt_strip_titles(c, p.a, p.e);
    return first < p.e && qt_name_kind(c, first, p.e, first > p.a) == QT_KIND_PERSON ? p : s;
}

static int time_phrase(const qt_ctx *c, span sp);

static span subject_of(const qt_ctx *c, size_t k, size_t b)
{
    span none = {k, k};
    b = qt_skip_dateline(c, b, k);
    if (shares_subject(c, k, b)) {
        span ch = chained_subject(c, k, b);
        return ch.a < ch.e ? ch : clause_subject(c, b, k);
    }
    size_t t = skip_adverb_back(c, k, b); /* phrase ends before t */
    size_t adv = skip_adverbial_back(c, t, b);
    if (adv < t && adv > b && (name_token(c, adv - 1) || qt_tok_eq(c, adv - 1, "who") || skip_adverb_back(c, adv, b) < adv))
        t = skip_adverb_back(c, adv, b); /* "Marsh at the time said", "who has in the past called" */
    if (t <= b)
        return none;
    if (qt_tok_char(c, t - 1, ",")) {
        /* "Dana Ruiz, 34, of Akron, Ohio, said": the name opening the
         * clause before its first comma */
        size_t lb = b; /* where the clause opens: past "Of Carson," */
        span city = none;
        for (size_t p = t - 1 > PAREN_MAX + b ? t - 1 - PAREN_MAX : b + 1; p + 1 < t; p++) {
            if (!qt_tok_char(c, p, ",") || p == t - 1)
                continue;
            span s = phrase_back(c, p, lb);
            /* "Of Carson, Levine, who …, said": an opening prepositional
             * phrase is no subject; the subject follows its comma */
            if (lb < p && qt_tok_cap(c, lb) && qt_tok_is(c, lb, preposition_openers) && p - lb <= INTRO_MAX + 4) {
                lb = p + 1; /* "In a filing with the SEC, the group, led by …, said" */
                continue;
            }
            if (s.a < s.e && qt_tok_cap(c, s.e - 1) && !qt_tok_title(c, s.e - 1) &&
                (s.a == lb || (s.a == lb + 1 && qt_tok_is(c, lb, (const char *const[]){"and", "but", NULL}))) &&
                p > s.a + 1) {
                span inner = apposed_name(c, p + 1, t - 1, b);
                return inner.a < inner.e ? inner : s;
            }
            break;
        }
        for (size_t p = t - 1; p > b && t - p < PAREN_MAX; p--) {
            if (qt_tok_char(c, p - 1, ",")) {
                /* "Chile’s president, Elena Varga, said": the name */
                span inner = apposed_name(c, p, t - 1, b);
                if (inner.a < inner.e)
                    return inner;
                /* "After carrying the county, Gov. Hal Brody (D-Vt.), said": a
                 * titled name fills the stretch between the commas */
                size_t pe_ = skip_paren_back(c, t - 1, b);
                span own = phrase_back(c, pe_, p);
                if (own.a == p && own.a < own.e && pe_ < t - 1 && qt_tok_cap(c, own.e - 1) &&
                    qt_strip_titles(c, own.a, own.e) < own.e)
                    return own;
                span s = phrase_back(c, skip_paren_back(c, p - 1, b), b);
                /* "in Columbus, Ohio, said": a city and its state; the
                 * subject stands further back */
                if (s.a < s.e && s.e == p - 1 && city_state(c, s, p, t - 1)) {
                    city = s;
                    continue;
                }
                if (s.a < s.e && !qt_tok_is(c, s.a, pronouns))
                    return s;
                break;
            }
        }
        /* "a woman in Worcester, Massachusetts, told": who is in the city */
        if (city.a < city.e)
            return person_of(c, phrase_back(c, city.e, b), b);
        /* "Dunmore (R-IA), said": a comma with no partner (but "a memo
         * obtained by AP, concluded": the agent of a participle is no subject) */
        span s = phrase_back(c, skip_paren_back(c, t - 1, b), b);
        if (s.a < s.e && qt_tok_cap(c, s.e - 1) && s.a > b && qt_tok_word(c, s.a - 1) && !qt_tok_cap(c, s.a - 1) &&
            (qt_tok_eq(c, s.a - 1, "by") || qt_tok_is(c, s.a - 1, preposition_openers))) {
            /* "The committee on credit, headed by Treasury Minister Gino Ruffo,
             * said": the agent or the place is no subject; the noun phrase
             * before the comma is */
            size_t q = s.a - 1;
            while (q > b && !qt_tok_char(c, q, ","))
                q--;
            span head = q > b ? np_until_break(c, b, q) : none;
            for (size_t u = head.a; u < head.e; u++)
                if (qt_tok_is(c, u, (const char *const[]){"is", "are", "was", "were", "be", "been", "has", "have",
                                                          "had", "will", "would", NULL}))
                    head.e = head.a; /* "There have been 43 attacks": a clause, no noun phrase */
            return head.a < head.e && head.e <= q && !qt_tok_ing(c, head.a) ? head : none; /* "The committee" (on credit) */
        }
        if (s.a < s.e && qt_tok_cap(c, s.e - 1))
            return s;
        return none;
    }
    t = skip_paren_back(c, t, b);
    if (qt_tok_eq(c, t - 1, "who")) {
        if (t - 1 > b && qt_tok_char(c, t - 2, ","))
            return phrase_back(c, t - 2, b);
        return none;
    }
    /* "printed a leaflet that said", "a notice which says": the thing
     * that says it is the relative pronoun's antecedent */
    if (t - 1 > b && qt_tok_is(c, t - 1, (const char *const[]){"that", "which", NULL})) {
        size_t u = t - 1;
        if (qt_tok_char(c, u - 1, ","))
            u--;
        span ante = u > b ? phrase_back(c, u, b) : none;
        return ante.a < ante.e && !time_phrase(c, ante) ? ante : none; /* "one in May that said" */
    }
    return person_of(c, phrase_back(c, t, b), b);
}

static span chained_subject(const qt_ctx *c, size_t k, size_t b)
{
    span none = {k, k};
    for (size_t u = k; u > b && k - u < CHAIN_BACK; u--) {
        size_t v = u - 1;
        if (is_mark_tok(c, v))
            break;
        if (v < k && qt_cue_at(c, v) == 1 && !qt_cue_according(c, v) && !shares_subject(c, v, b) &&
            !qt_noun_use(c, v, b)) { /* "reports saying": a noun, no verb to chain to */
            span s = subject_of(c, v, b);
            if (s.a < s.e && !qt_tok_eq(c, s.a, "who"))
                return s;
            break;
        }
    }
    return none;
}

/* A phrase of time only ("Sunday", "On Wednesday", "In July", "last
 * week"): where a subject or a "said X" was looked for, a day stood
 * ("X, a senator, said Sunday. “…”"); it is nobody. */
static int time_phrase(const qt_ctx *c, span sp)
{
    static const char *const time_words[] = {"on", "in", "last", "this", "next", "early", "late", "year", "week",
                                             "month", "morning", "afternoon", "evening", "night", NULL};
    int date = 0;
    for (size_t t = sp.a; t < sp.e; t++) {
        if (!qt_tok_word(c, t))
            continue;
        if (qt_tok_date(c, t))
            date = 1;
        else if (!qt_tok_is(c, t, time_words))
            return 0;
    }
    return date;
}

static int take(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i, span sp, size_t k, size_t klen)
{
    qt_quote *q = &qs->v[i];
    if (sp.a < sp.e && time_phrase(c, sp))
        return 0; /* the next rule may find the speaker */
    if (klen)
        set_cue(q, k, klen);
    if (sp.a < sp.e)
        qt_resolve_speaker(c, names, qs->v, i, q, sp.a, sp.e);
    return 1;
}

/* First token of the context before the opening mark o: the sentence start,
 * after the previous quotation's closing mark; a paragraph opening with the
 * mark looks at the previous paragraph when it ends with ':'. */
static size_t context_start(const qt_ctx *c, const qt_quotes *qs, size_t i, size_t *end)
{
    size_t o = qs->v[i].open, pa, pe;
    *end = o;
    qt_paragraph_tokens(c, o, &pa, &pe);
    int introduced = o == pa && o > 0 && qt_tok_char(c, o - 1, ":");
    if (introduced)
        qt_paragraph_tokens(c, o - 1, &pa, &pe);
    size_t b = qt_sentence_start(c, introduced ? o - 1 : o);
    if (b < pa)
        b = pa;
    size_t p = i;
    while (p > 0 && qs->v[p - 1].work_title) /* "visited NBC’s “Today” to discuss …, saying “…”" */
        p--;
    if (p > 0 && qs->v[p - 1].close != QT_NONE && qs->v[p - 1].close + 1 > b && qs->v[p - 1].close < o)
        b = qs->v[p - 1].close + 1;
    return b;
}

/* 1. adjacent before the opening mark. */
static int pre_adjacent(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    size_t o, b = context_start(c, qs, i, &o);
    if (o <= b)
        return 0;
    size_t j = o; /* context ends before j */
    int colon = qt_tok_char(c, j - 1, ":"), comma = qt_tok_char(c, j - 1, ",");
    if (colon || comma)
        j--;
    if (j <= b)
        return 0;
    size_t klen = qt_cue_ending(c, j - 1);
    if (klen && !qt_cue_according(c, j - klen)) {
        size_t k = j - klen;
        span sp = subject_of(c, k, b);
        if (sp.a < sp.e)
            return take(c, names, qs, i, sp, k, klen);
    }
    if (!colon && !comma)
        return 0;
    span sp = phrase_back(c, j, b);
    if (sp.a >= sp.e || qt_tok_is(c, sp.a, pronouns))
        return 0;
    if (sp.e - sp.a >= 2 && (klen = qt_cue_at(c, sp.a)) != 0 && sp.a + klen < sp.e) /* "Said Ashby, “" */
        return take(c, names, qs, i, (span){sp.a + klen, sp.e}, sp.a, klen);
    size_t before = sp.a;
    while (before > b && qt_tok_is(c, before - 1, determiners))
        before--;
    if (before > b && (klen = qt_cue_ending(c, before - 1)) != 0) { /* said X: / according to X, */
        size_t k = before - klen;
        if (qt_tok_in(c, k, &c->lex->listeners)) { /* "Roe told NBC: “": NBC heard it */
            span su = subject_of(c, k, b);
            return su.a < su.e ? take(c, names, qs, i, su, k, klen) : 0;
        }
        /* "Ana Ruiz discloses some details: “": a description after a verb that
         * has its own subject is the object, not an inverted speaker */
        if (!qt_tok_cap(c, sp.e - 1) && !qt_tok_is(c, sp.a, pronouns)) {
            span su = subject_of(c, k, b);
            if (su.a < su.e)
                return take(c, names, qs, i, su, k, klen);
        }
        return take(c, names, qs, i, sp, k, klen);
    }
    static const char *const intro[] = {"from", "and", "by", NULL};
    /* "And from Chairwoman Roe: “", and a digest's "HEADLINE - Jane Roe: “" */
    int dashed = before > b && (qt_tok_dash(c, before - 1) || qt_tok_char(c, before - 1, "-")) &&
                 (c->doc->tokens[before - 1].flags & QRY_TOK_SPACE_BEFORE) && !glued(c, before);
    if (colon && (before == b || qt_tok_is(c, before - 1, intro) || dashed))
        return take(c, names, qs, i, sp, 0, 0);
    /* "Lena Moss, Twitter: “…”": a name, then where it was said */
    if (colon && before > b + 1 && qt_tok_char(c, before - 1, ",")) {
        span who = phrase_back(c, before - 1, b);
        if (who.a == b && who.a < who.e && qt_tok_cap(c, who.e - 1))
            return take(c, names, qs, i, who, 0, 0);
    }
    return 0;
}

/* 2. after the closing mark. */
/* The tokens after a cue end its clause: sentence end, a comma, or the end. */
static int trailing(const qt_ctx *c, size_t t, size_t pe)
{
    return t >= pe || qt_tok_sentence_end(c, t) || qt_tok_char(c, t, ",");
}

/* "” Jane Roe, 52, a nurse from Leeds, said." : the speaker phrase opens the
 * attribution and ends at its first comma; the verb follows a comma, at most
 * POST_FAR_MAX tokens after the mark, in the same sentence. */
static int post_apposition(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i, size_t t, size_t pe)
{
    const qry_token *k0 = c->doc->tokens;
    span sp = np_until_break(c, t, pe);
    if (sp.a >= sp.e || sp.e >= pe || !qt_tok_char(c, sp.e, ","))
        return 0;
    for (size_t k = sp.e + 1; k < pe && k - t <= POST_FAR_MAX && k0[k].sentence == k0[t].sentence; k++) {
        int dbl;
        if (qt_tok_quote_mark(c, k, &dbl) && !qt_tok_apostrophe(c, k))
            return 0;
        size_t klen = report_verb_at(c, k);
        size_t ce = skip_adverb_back(c, k, t) - 1;
        if (klen && !qt_cue_according(c, k) && qt_tok_char(c, ce, ",")) {
            /* "” the board's press officer, Ida Fenwick, said": the name */
            span inner = ce > sp.e + 1 ? apposed_name(c, sp.e + 1, ce, t) : (span){ce, ce};
            return take(c, names, qs, i, inner.a < inner.e ? inner : sp, k, klen);
        }
    }
    return 0;
}

/* "“…,” like the recent swings in grain prices, said Paul Ederle, the
 * chief economist": the sentence goes on after the closing mark with the
 * writer's words and ends with the attribution, ", said X (, a title)" or
 * ", X said (on Monday)". */
static int bare_tail(const qt_ctx *c, size_t t, size_t pe);
static int far_trailing(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i, size_t t, size_t pe)
{
    const qry_token *k0 = c->doc->tokens;
    for (size_t k = t + 1; k < pe && k - t <= POST_FAR_MAX && k0[k].sentence == k0[t].sentence; k++) {
        if (is_mark_tok(c, k))
            return 0;
        size_t klen = report_verb_at(c, k);
        if (!klen || qt_cue_according(c, k) || !qt_tok_word(c, k) || qt_tok_cap(c, k))
            continue;
        if (qt_tok_char(c, k - 1, ",")) {
            span sp = phrase_fwd(c, k + klen, pe);
            if (sp.a >= sp.e)
                sp = np_until_break(c, k + klen, pe);
            if (sp.a < sp.e && qt_tok_date(c, sp.a))
                return 0; /* ", said Monday": the speaker stood before the comma */
            if (sp.a < sp.e && (sp.e >= pe || qt_tok_char(c, sp.e, ",") || qt_tok_sentence_end(c, sp.e)))
                return take(c, names, qs, i, sp, k, klen);
            return 0;
        }
        span sp = subject_of(c, k, t);
        if (sp.a < sp.e && sp.a > t + 1 && qt_tok_char(c, sp.a - 1, ",") && bare_tail(c, k + klen, pe))
            return take(c, names, qs, i, sp, k, klen);
        return 0;
    }
    return 0;
}

#define BARE_TAIL 4 /* words after the verb of a bare attribution: "said on Monday" */

/* From token t to its sentence's end at most BARE_TAIL words and no clause. */
static int bare_tail(const qt_ctx *c, size_t t, size_t pe)
{
    size_t words = 0;
    for (size_t u = t; u < pe && u - t < 4 * PHRASE_MAX && !qt_tok_sentence_end(c, u); u++) {
        if (qt_tok_eq(c, u, "that") || ++words > BARE_TAIL + PHRASE_MAX / 2)
            return 0;
        if (u > t && c->doc->tokens[u].sentence != c->doc->tokens[t].sentence)
            break;
    }
    return 1;
}

/* A quotation closing its paragraph, signed in the next one: "“…”" /
 * "- Lena Moss." (the next paragraph is a dash and a name only). */
static int dash_paragraph(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i, size_t pe)
{
    size_t na, ne;
    if (pe >= c->doc->n_tokens)
        return 0;
    qt_paragraph_tokens(c, pe, &na, &ne);
    if (na != pe || !(qt_tok_dash(c, na) || qt_tok_char(c, na, "-")))
        return 0;
    size_t t = na;
    while (t < ne && (qt_tok_dash(c, t) || qt_tok_char(c, t, "-")))
        t++;
    span sp = phrase_fwd(c, t, ne);
    size_t end = sp.e;
    if (end < ne && qt_tok_char(c, end, "."))
        end++;
    if (sp.a >= sp.e || end != ne || !qt_tok_cap(c, sp.e - 1))
        return 0;
    return take(c, names, qs, i, sp, 0, 0);
}

/* t, or the token after a coordinating "and"/"but" at t. */
static size_t skip_conj(const qt_ctx *c, size_t t, size_t limit)
{
    return t + 1 < limit && qt_tok_is(c, t, (const char *const[]){"and", "but", NULL}) ? t + 1 : t;
}

static span sentence_subject_of(const qt_ctx *c, size_t o);

static int post(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    qt_quote *q = &qs->v[i];
    if (q->close == QT_NONE)
        return 0;
    size_t pa, pe;
    qt_paragraph_tokens(c, q->close, &pa, &pe);
    size_t t = q->close + 1;
    if (t < pe && qt_tok_char(c, t, ","))
        t++;
    if (t >= pe)
        return dash_paragraph(c, names, qs, i, pe);
    if (qt_tok_dash(c, t) || (qt_tok_char(c, t, "-") && t + 1 < pe && qt_tok_char(c, t + 1, "-"))) {
        while (t < pe && qt_tok_dash(c, t))
            t++;
        span sp = phrase_fwd(c, t, pe);
        if (sp.a < sp.e && qt_tok_cap(c, sp.e - 1))
            return take(c, names, qs, i, sp, 0, 0);
        return 0;
    }
    if (qt_tok_char(c, t, ":"))
        t++;
    /* the attribution lies in the closing mark's sentence (the core keeps
     * "Adm." and "U.K." inside it); a new sentence after the mark counts only
     * when it is a bare attribution ("Jane Roe said.") */
    const qry_token *k0 = c->doc->tokens;
    size_t w = t;
    while (w < pe && w - t < POST_CUE_MAX + PHRASE_MAX && k0[w].sentence == k0[t].sentence &&
           !qt_tok_char(c, w, ";")) {
        int dbl;
        if (qt_tok_quote_mark(c, w, &dbl) && !qt_tok_apostrophe(c, w))
            break;
        w++;
    }
    /* "“…?” asked Jane Roe, a critic": the sentence split after the question
     * mark, but a lower-case verb goes on with the quotation's sentence */
    int goes_on = t < pe && qt_tok_word(c, t) && !qt_tok_cap(c, t) && report_verb_at(c, t);
    /* "“…!” Ann Roe wrote in a letter": the quotation's own "!" or "?" split
     * the sentence; a name and its reporting verb right after the mark go
     * on with it */
    if (!goes_on && t < pe && q->last > q->first &&
        (qt_tok_char(c, q->last - 1, "?") || qt_tok_char(c, q->last - 1, "!")) && qt_tok_cap(c, t) &&
        !qt_tok_pronoun(c, t) && !qt_tok_in(c, t, &c->lex->nonnames)) {
        span nm = phrase_fwd(c, t, pe);
        size_t v = nm.e < pe ? qt_skip_adverb_fwd(c, nm.e, pe) : pe;
        goes_on = nm.a == t && nm.a < nm.e && v < pe && qt_tok_word(c, v) && !qt_tok_cap(c, v) &&
                  report_verb_at(c, v) && !qt_cue_according(c, v);
    }
    if (k0[t].sentence != k0[q->close].sentence && w < pe && k0[w].sentence == k0[t].sentence &&
        !qt_tok_sentence_end(c, w) && !goes_on)
        return 0;
    int new_sentence = k0[t].sentence != k0[q->close].sentence && !goes_on;
    /* "declaring it “another super Tuesday” and said", "… as “fantastic,”
     * telling reporters": the verb shares the subject of the sentence */
    size_t kc = skip_conj(c, t, w), kclen = report_verb_at(c, kc);
    if (!new_sentence && kclen && !qt_cue_according(c, kc) && (kc > t || qt_tok_ing(c, kc))) {
        span sp = sentence_subject_of(c, q->open);
        if (sp.a < sp.e)
            return take(c, names, qs, i, sp, kc, kclen);
        if (kc > t || qt_tok_in(c, kc, &c->lex->listeners))
            return 0; /* "” telling reporters": the listeners said nothing */
    }
    size_t cue_max = POST_CUE_MAX + paren_tokens(c, t, w);
    for (size_t k = t; k < w && k - t <= cue_max; k++) {
        size_t klen = report_verb_at(c, k);
        /* "” read the leaflet", "” the leaflet read": after a quotation the
         * past tense of "reads" is a written text's verb of saying (before
         * one it is as often "read a book titled …") */
        if (!klen && qt_tok_word(c, k) && !qt_tok_cap(c, k) && qt_tok_eq(c, k, "read") &&
            (k == t || qt_tok_is(c, t, describers) || qt_tok_is(c, t, pronouns) || qt_tok_cap(c, t)))
            klen = 1; /* not "” please read …" */
        if (!klen)
            continue;
        /* a new sentence is a bare attribution: "Jane Roe said (on Monday)." --
         * not "He warns that the party is split." */
        if (new_sentence && !bare_tail(c, k + klen, pe))
            return 0;
        if (k == t) { /* "” said X", "” said former Gov. Jane Roe" */
            span sp = phrase_fwd(c, k + klen, w);
            if (sp.a >= sp.e)
                sp = np_until_break(c, k + klen, w);
            if (sp.a >= sp.e)
                return 0;
            /* "” said another local shopkeeper, Ines Varga.": the name in apposition */
            size_t ce = sp.e;
            if (ce + 1 < pe && qt_tok_char(c, ce, ",") && k0[ce + 1].sentence == k0[t].sentence) {
                span nm = phrase_fwd(c, ce + 1, pe);
                if (nm.a < nm.e && (nm.e >= pe || qt_tok_sentence_end(c, nm.e) || qt_tok_char(c, nm.e, ",")) &&
                    qt_tok_cap(c, nm.e - 1) && !qt_tok_title(c, nm.e - 1) && qt_tok_word(c, sp.e - 1) &&
                    description_end(c, sp.e - 1, sp.a) && qt_tok_is(c, sp.a, describers))
                    sp = nm;
            }
            return take(c, names, qs, i, sp, k, klen);
        }
        /* "” like the rise in wages, said Oskar Lind, the economist": the
         * writer's words, then ", said X" */
        if (qt_tok_char(c, k - 1, ",") && qt_tok_word(c, k) && !qt_tok_cap(c, k) && !qt_cue_according(c, k) &&
            !qt_tok_in(c, k, &c->lex->listeners)) {
            span nm = phrase_fwd(c, k + klen, pe);
            if (nm.a < nm.e && !qt_tok_date(c, nm.a) && qt_tok_cap(c, nm.e - 1) &&
                (nm.e >= pe || qt_tok_char(c, nm.e, ",") || qt_tok_sentence_end(c, nm.e)))
                return take(c, names, qs, i, nm, k, klen);
        }
        span sp = subject_of(c, k, t);
        /* the subject must open the attribution, after at most two
         * lower-case modifiers ("top US General ...") */
        size_t lead = 0;
        /* "” another neighbour, Rosa Ilic, told the BBC", "” the harbour board's
         * deputy press officer, Ida Fenwick, said": a description, then the name */
        int apposed = sp.a > t + 1 && qt_tok_char(c, sp.a - 1, ",") && qt_tok_cap(c, sp.e - 1);
        int described = 0; /* a longer description, read as one noun phrase */
        if (apposed && sp.a - t > 4) {
            span desc = np_until_break(c, t, sp.a - 1);
            described = desc.a < desc.e && desc.e == sp.a - 1 && description_end(c, desc.e - 1, desc.a);
            apposed = described;
        }
        for (size_t u = t; sp.a < sp.e && !described && u < (apposed ? sp.a - 1 : sp.a); u++)
            if (!qt_tok_word(c, u) || qt_tok_cap(c, u) || ++lead > 2)
                sp.a = sp.e;
        if (sp.a < sp.e)
            return take(c, names, qs, i, sp, k, klen);
        /* "” a spokesman for the mayor said" */
        sp = np_until_break(c, t, k);
        if (sp.a < sp.e && skip_adverb_back(c, k, t) == sp.e)
            return take(c, names, qs, i, sp, k, klen);
        /* "” a young skipper in the crowd said": a description, then where
         * the person stood, then the verb */
        if (sp.a < sp.e && qt_tok_is(c, sp.a, describers) && !qt_tok_cap(c, sp.e - 1) &&
            qt_tok_is(c, sp.e, (const char *const[]){"in", "at", "on", "outside", "inside", "from", NULL})) {
            size_t ve = skip_adverb_back(c, k, t), u = sp.e + 1;
            while (u < ve && qt_tok_word(c, u) && !qt_tok_cap(c, u) && !report_verb_at(c, u) && !past_verb(c, u))
                u++;
            if (u == ve && ve - sp.e <= 5 && ve > sp.e + 1)
                return take(c, names, qs, i, (span){sp.a, ve}, k, klen);
        }
        /* "” are sickening, Jane Roe said." : a trailing attribution */
        sp = subject_of(c, k, t);
        if (sp.a < sp.e && sp.a > t && qt_tok_char(c, sp.a - 1, ",") && trailing(c, k + klen, pe))
            return take(c, names, qs, i, sp, k, klen);
        break; /* "” but that is where we are, says Rhoda Kell, an organiser": further on */
    }
    if (k0[t].sentence == k0[q->close].sentence)
        return post_apposition(c, names, qs, i, t, pe) || far_trailing(c, names, qs, i, t, pe);
    return 0;
}

/* A word in -ed or -ing. */
static int verb_form(const qt_ctx *c, size_t t)
{
    size_t n;
    const char *w = qt_tok_text(c, t, &n);
    return (n > 3 && memcmp(w + n - 2, "ed", 2) == 0) || (n > 4 && memcmp(w + n - 3, "ing", 3) == 0);
}

/* Length (1 or 2) of a verb that reports what was said ending at token t:
 * a cue, a verb of reported speech ("notes", "believes"), or a verb whose
 * object is what was said ("called for", "described"). */
static size_t verb_ending(const qt_ctx *c, size_t t)
{
    size_t n = qt_cue_ending(c, t);
    if (n)
        return n;
    /* past tenses and participles only: "claims", "calls" are as often nouns */
    if (t >= 1 && qt_entry_at(c, t - 1, &c->lex->object_verbs) == 2 && verb_form(c, t - 1))
        return 2;
    return verb_form(c, t) && (qt_tok_in(c, t, &c->lex->reporting) || qt_entry_at(c, t, &c->lex->object_verbs) == 1);
}

/* 3. a reporting verb earlier in the sentence. */
static int pre_embedded(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    size_t o, b = context_start(c, qs, i, &o);
    if (o <= b)
        return 0;
    size_t lo = o - b > EMBED_BACK ? o - EMBED_BACK : b;
    size_t according = QT_NONE;
    for (size_t t = o; t > lo; t--) {
        size_t klen = verb_ending(c, t - 1);
        if (!klen)
            continue;
        size_t k = t - klen;
        if (qt_noun_use(c, k, b))
            continue; /* "Marsh’s claims that “…”" */
        if (qt_cue_according(c, k)) {
            if (according == QT_NONE)
                according = k;
            continue;
        }
        /* "X said that A is “…,” and said that B was “…”": X's again */
        if (b > 0 && i > 0 && qs->v[i - 1].close == b - 1 && qs->v[i - 1].has_speaker && shares_subject(c, k, b) &&
            c->doc->tokens[b - 1].sentence == c->doc->tokens[k].sentence) {
            qt_copy_attribution(&qs->v[i], &qs->v[i - 1]);
            set_cue(&qs->v[i], k, klen);
            return 1;
        }
        span sp = subject_of(c, k, b);
        if (sp.a < sp.e)
            return take(c, names, qs, i, sp, k, klen);
        if (k > b && qt_tok_char(c, k - 1, ",") && !qt_tok_in(c, k, &c->lex->listeners)) { /* ", said X, that “" */
            sp = phrase_fwd(c, k + klen, o);
            if (sp.a < sp.e && qt_tok_cap(c, sp.e - 1))
                return take(c, names, qs, i, sp, k, klen);
        }
    }
    if (according != QT_NONE) {
        span sp = phrase_fwd(c, according + 2, o);
        if (sp.a < sp.e)
            return take(c, names, qs, i, sp, according, 2);
    }
    return 0;
}

/* A headline or a transcript line "Jane Roe: … “…”": the name before the
 * colon opening the sentence said the quotation further on in it ("Quill:
 * Marsh’s ‘Reckless Plan’ Sinking the Party’s Hopes"). The adjacent
 * "Jane Roe: “…”" is pre_adjacent()'s. */
static int colon_lead(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    size_t o = qs->v[i].open, pa, pe;
    qt_paragraph_tokens(c, o, &pa, &pe);
    size_t sa = qt_sentence_start(c, o);
    if (sa < pa)
        sa = pa;
    for (size_t t = sa; t < o && t - sa <= PHRASE_MAX; t++) {
        if (!qt_tok_char(c, t, ":"))
            continue;
        if (t == sa || t + 1 >= o || qt_tok_in(c, sa, &c->lex->nonnames))
            return 0;
        span sp = phrase_fwd(c, sa, t);
        size_t n;
        qt_tok_text(c, t - 1, &n);
        if (sp.a != sa || sp.e != t || !qt_tok_cap(c, t - 1) || n < 2) /* "A: …" is an answer */
            return 0;
        return take(c, names, qs, i, sp, 0, 0);
    }
    return 0;
}

/* 4. a quotation opening a sentence right after one that ends with an
 * attribution: "The deal is dead, Jane Roe said Monday. “We walk away.”",
 * "…, said former Gov. Jane Roe. “We walk away.”" (same paragraph). */
static int prev_sentence(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    const qry_token *k0 = c->doc->tokens;
    size_t o = qs->v[i].open, pa, pe;
    qt_paragraph_tokens(c, o, &pa, &pe);
    if (o <= pa + 1 || k0[o - 1].sentence == k0[o].sentence)
        return 0;
    size_t e = o; /* end of the previous sentence, final punctuation dropped */
    while (e > pa && !qt_tok_word(c, e - 1) && !(k0[e - 1].flags & QRY_TOK_NUMBER)) {
        int dbl;
        if (qt_tok_quote_mark(c, e - 1, &dbl))
            return 0; /* it ended with a quotation: inherit() decides */
        e--;
    }
    /* the sentence start, or the last quotation mark before e; the scan is
     * bounded since only the sentence's tail can hold the attribution */
    size_t start = qt_sentence_start(c, e - 1), b = e;
    if (start < pa)
        start = pa;
    while (b > start && e - b < PREV_MAX) {
        int dbl;
        if (qt_tok_quote_mark(c, b - 1, &dbl) && !qt_tok_apostrophe(c, b - 1))
            break;
        b--;
    }
    for (size_t k = e; k > b && e - k < TAIL_MAX; k--) {
        size_t klen = qt_cue_ending(c, k - 1);
        if (!klen || qt_cue_according(c, k - klen))
            continue;
        size_t kk = k - klen;
        /* "…, said Jane Roe." -- not "…, told CNN.": CNN listened */
        if (kk > b && qt_tok_char(c, kk - 1, ",") && !qt_tok_in(c, kk, &c->lex->listeners)) {
            span sp = phrase_fwd(c, k, e);
            if (sp.a >= sp.e || sp.e != e)
                sp = np_until_break(c, k, e);
            if (sp.a < sp.e && sp.e == e)
                return take(c, names, qs, i, sp, kk, klen);
        }
        /* "…, Jane Roe said on Monday." / "Jane Roe said." */
        span sp = subject_of(c, kk, b);
        if (sp.a < sp.e && (sp.a == b || qt_tok_char(c, sp.a - 1, ",")))
            return take(c, names, qs, i, sp, kk, klen);
        return 0;
    }
    return 0;
}

/* 7. (tried before rule 5) a quotation after a colon that ends a clause
 * with a subject and a verb: "Ines Varga had one answer for the board:
 * “…”", "She went on: “…”", "The council ends its letter with a plea:
 * “…”". The verb need not be one of saying: the colon hands the subject's
 * words over. Not "Here is …:" or "Then there was …:" (no subject), nor a
 * description of a thing ("The timing surprised nobody:"). */
static int colon_clause(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    size_t o, b = context_start(c, qs, i, &o);
    if (o <= b + 2 || !qt_tok_char(c, o - 1, ":"))
        return 0;
    size_t colon = o - 1;
    span s = clause_subject(c, b, colon);
    if (s.a >= s.e || s.e >= colon)
        return 0;
    /* a pronoun, a name, or a description of someone ("With …" opens a
     * phrase); not a relative "who": its person is the phrase before it,
     * which rule 3 reads ("Pell, who told the board: “…”") */
    if (qt_tok_eq(c, s.a, "who"))
        return 0;
    if (!qt_tok_is(c, s.a, pronouns) && !(qt_tok_is(c, s.a, describers) && qt_speaking_head(c, s.e - 1)) &&
        !(qt_tok_cap(c, s.a) && !qt_tok_in(c, s.a, &c->lex->nonnames) && !qt_tok_is(c, s.a, describers)))
        return 0;
    size_t v = skip_paren_fwd(c, s.e, colon); /* an adverb or auxiliary there is as good as the verb */
    if (v >= colon || !qt_tok_word(c, v) || qt_tok_cap(c, v) || qt_tok_title(c, v) || qt_tok_is(c, v, pronouns) ||
        qt_tok_is(c, v, subject_no_verb))
        return 0;
    return take(c, names, qs, i, s, 0, 0);
}

/* 5. continuation of the previous quotation. */
static int inherit(const qt_ctx *c, qt_quotes *qs, size_t i, size_t last_full)
{
    qt_quote *q = &qs->v[i];
    const qt_quote *prev = NULL;
    const qry_token *k = c->doc->tokens;
    if (i > 0 && qs->v[i - 1].close != QT_NONE && k[qs->v[i - 1].close].sentence == k[q->open].sentence)
        prev = &qs->v[i - 1]; /* the same sentence: "called it “A” and “B”" */
    else if (q->fragment)
        return 0;
    if (!prev && last_full != QT_NONE)
        prev = &qs->v[last_full];
    if (!prev || (!prev->has_speaker && !prev->cue_len))
        return 0;
    size_t pq = qt_paragraph_of(c, q->open), pp = qt_paragraph_of(c, prev->last);
    size_t pa, pe;
    qt_paragraph_tokens(c, q->open, &pa, &pe);
    if (!(pq == pp || (pq == pp + 1 && q->open == pa)))
        return 0;
    qt_copy_attribution(q, prev);
    return 1;
}

/* The named subject of a clause opening at sa, before o: a name (titles,
 * lower-case title words and a possessive noun included: "Green
 * presidential candidate Lena Moss", "Brandt's campaign", "Norway’s
 * Prime Minister Ida Lunde"), then, past an apposition, a parenthesis or a
 * day ("Jane Roe, a veteran, found", "Sen. Jane Roe (D-Vt.) on Monday
 * downplayed"), a lower-case word: its verb. None when there is no such
 * name. */
#define OPENING_MAX 32 /* tokens of opening phrases before a sentence's subject */
#define OPENING_COMMAS 3
static span named_subject_at(const qt_ctx *c, size_t sa, size_t o)
{
    static const char *const joins[] = {"and", "or", "of", "for", "&", NULL};
    static const char *const subord[] = {"as", "while", "when", "after", "before", "because", "since", "although",
                                         "though", "if", "once", "until", NULL};
    span none = {o, o};
    if (sa + 2 < o && qt_tok_eq(c, sa, "the") && qt_tok_cap(c, sa + 1) && !qt_tok_in(c, sa + 1, &c->lex->nonnames))
        sa++; /* "The Harbour Workers Union released" */
    if (o <= sa + 1 || !qt_tok_cap(c, sa) || qt_tok_in(c, sa, &c->lex->nonnames) || qt_tok_pronoun(c, sa) ||
        qt_tok_is(c, sa, subord))
        return none;
    size_t e = qt_cap_run_end(c, sa, o), v = e;
    if (e == sa + 1 && verb_form(c, sa) && !qt_tok_in(c, sa, &c->lex->male) && !qt_tok_in(c, sa, &c->lex->female))
        return none; /* "Horrified at the prospect, Ramos believes", "Speaking in Dover" */
    /* "Norway’s Prime Minister Ida Lunde": a place's possessive before a titled name */
    if (v + 2 < o && qt_tok_apostrophe(c, v) && qt_tok_cap(c, v + (qt_tok_eq(c, v + 1, "s") ? 2 : 1))) {
        size_t t = v + (qt_tok_eq(c, v + 1, "s") ? 2 : 1);
        if (qt_tok_title(c, t) && c->known && c->known->kind[sa] == QT_KIND_PLACE) {
            sa = t;
            e = v = qt_cap_run_end(c, sa, o);
        }
    }
    /* "Green presidential candidate Lena Moss called": lower-case
     * title words between a modifier and the name are the subject's */
    size_t br = lower_bridge(c, e, o);
    if (br && qt_tok_title(c, e + br - 1)) {
        span ph = phrase_fwd(c, sa, o);
        if (ph.e > e)
            e = v = ph.e;
    }
    /* "Brandt's campaign", "Moss’ campaign": a possessive and its noun */
    if (v + 1 < o && qt_tok_apostrophe(c, v)) {
        size_t noun = v + (qt_tok_eq(c, v + 1, "s") ? 2 : 1);
        if (noun >= o || !qt_tok_word(c, noun) || qt_tok_cap(c, noun) || qt_tok_is(c, noun, joins))
            return none;
        e = v = noun + 1; /* the subject ends with its noun; the verb follows */
    } else if (v < o && qt_tok_char(c, v, ",")) {
        /* "Jane Roe, a veteran of the war, found": skip the apposition */
        size_t w = v + 1;
        while (w < o && w - v < PAREN_MAX && !qt_tok_char(c, w, ",") && !is_mark_tok(c, w))
            w++;
        if (w >= o || !qt_tok_char(c, w, ","))
            return none;
        v = w + 1;
    }
    v = skip_paren_fwd(c, v, o);
    v = qt_skip_adverb_fwd(c, v, o);
    if (v + 1 < o && qt_tok_is(c, v, (const char *const[]){"on", "last", "this", NULL}) && qt_tok_cap(c, v + 1) &&
        qt_tok_in(c, v + 1, &c->lex->nonnames))
        v += 2; /* "on Wednesday" */
    if (v >= o || !qt_tok_word(c, v) || qt_tok_cap(c, v) || qt_tok_title(c, v) || qt_tok_is(c, v, joins) ||
        qt_tok_is(c, v, pronouns) || qt_tok_is(c, v, subject_no_verb))
        return none;
    if (e == sa + 1 && (qt_ly_adverb(c, sa) || !(qt_attested_name(c, sa) || qt_plural_form(c, sa))))
        return none; /* "Hastily, …"; "Frozen fish stocks", "Several crews": capitalised by the sentence only */
    span s = {sa, e};
    return s;
}

/* A word that can be a singular description's verb: a past form, a verb
 * of saying or naming, or a present form in -s ("The chief military
 * development", "the head coach position": a title word used as an
 * adjective is followed by a noun, and none of these; after a plural head,
 * "officials believe", any word may be the verb). */
static int verb_like(const qt_ctx *c, size_t v)
{
    /* a present form in -s has a plural noun's shape */
    return past_verb(c, v) || report_verb_at(c, v) || qt_cue_at(c, v) || qt_tok_in(c, v, &c->lex->object_verbs) ||
           qt_plural_form(c, v);
}

/* A description opening the clause at sa, before o, followed by its verb:
 * "The harbour council voted to call it “…”", "A neighbour referred to him
 * as “…”" (GUIDELINES.md: the person or body the text reports as having
 * said it). The word after it must be able to be a verb. None otherwise. */
static span described_subject_at(const qt_ctx *c, size_t sa, size_t o)
{
    span none = {o, o};
    if (sa + 2 >= o)
        return none;
    span d = {sa, sa};
    if (qt_tok_is(c, sa, describers)) {
        d = phrase_fwd(c, sa, o);
        if (d.a != sa || d.e <= sa + 1)
            return none;
    } else if (qt_tok_cap(c, sa) && !qt_tok_pronoun(c, sa) && !qt_tok_is(c, sa, subject_no_verb) &&
               !qt_tok_is(c, sa, (const char *const[]){"that", "this", "it", "there", "here", "what", "why", "how",
                                                        "those", "these", "because", "if", "when", "while",
                                                        "although", "though", "since", "unless", "until",
                                                        "whether", "once", "after", "before", "but", "yet", "so",
                                                        "where", "whereas", NULL})) {
        /* no determiner: "Legal observers note", "Small groups of anglers
         * chanted": the sentence's first word, then up to three lower-case
         * words up to a plural head */
        size_t h = sa + 1;
        while (h < o && h - sa <= 3 && (lower_head_word(c, h) || qt_tok_eq(c, h, "of")) && !qt_speaking_head(c, h))
            h++;
        size_t n;
        const char *w = h < o ? qt_tok_text(c, h, &n) : NULL;
        if (!w || !qt_tok_word(c, h) || qt_tok_cap(c, h) || n < 4 || w[n - 1] != 's')
            return none;
        d.e = h + 1;
    }
    if (d.e <= sa + 1 || d.e >= o || !qt_speaking_head(c, d.e - 1))
        return none;
    size_t v = skip_paren_fwd(c, d.e, o); /* an adverb or auxiliary there is as good as the verb */
    if (v >= o || !qt_tok_word(c, v) || qt_tok_cap(c, v) || qt_tok_title(c, v) || qt_tok_is(c, v, pronouns) ||
        qt_tok_is(c, v, subject_no_verb) || (!qt_plural_form(c, d.e - 1) && !verb_like(c, v)))
        return none;
    return d;
}

/* The named subject of the sentence holding token o, before o: at its
 * start, after a conjunction or a subordinator ("But as Marsh denounced"),
 * or after up to OPENING_COMMAS opening phrases ("For years, Twitter has",
 * "Speaking at a town hall in Dover, Delaware, Marsh went after"). */
static span sentence_subject_of(const qt_ctx *c, size_t o)
{
    size_t pa, pe;
    qt_paragraph_tokens(c, o, &pa, &pe);
    size_t sa = qt_sentence_start(c, o);
    return opening_subject(c, sa < pa ? pa : sa, o);
}

typedef span (*subject_at_fn)(const qt_ctx *c, size_t sa, size_t o);
static span opening_subject_by(const qt_ctx *c, size_t sa, size_t o, subject_at_fn at);

/* The named subject of the clause opening at sa, before o (see
 * sentence_subject_of()); a dateline ("BOISE, March 3 (UPI) —") is
 * skipped. */
static span opening_subject(const qt_ctx *c, size_t sa, size_t o) { return opening_subject_by(c, sa, o, named_subject_at); }

/* The subject found by at() of the clause opening at sa, before o, past a
 * dateline, a conjunction, a subordinator and up to OPENING_COMMAS opening
 * phrases. */
static span opening_subject_by(const qt_ctx *c, size_t sa, size_t o, subject_at_fn at)
{
    static const char *const conj[] = {"but", "and", "yet", "so", "still", NULL};
    static const char *const subord[] = {"as", "while", "when", "after", "before", "because", "since", "although",
                                         "though", "if", "once", "until", NULL};
    span none = {o, o};
    if (sa + 1 < o && qt_tok_upper(c, sa)) {
        for (size_t u = sa + 1; u < o && u - sa < PHRASE_MAX; u++)
            if (qt_tok_dash(c, u) || (qt_tok_char(c, u, "-") && u + 1 < o && qt_tok_char(c, u + 1, "-"))) {
                while (u < o && (qt_tok_dash(c, u) || qt_tok_char(c, u, "-")))
                    u++;
                sa = u;
                break;
            }
    }
    if (sa < o && qt_tok_is(c, sa, conj))
        sa++;
    if (sa + 1 < o && qt_tok_is(c, sa, subord) && qt_tok_cap(c, sa + 1))
        sa++; /* "as Marsh denounced" */
    span s = at(c, sa, o);
    if (s.a < s.e)
        return s;
    size_t commas = 0;
    for (size_t u = sa; u + 1 < o && u - sa < OPENING_MAX; u++) {
        if (is_mark_tok(c, u))
            break;
        if (!qt_tok_char(c, u, ","))
            continue;
        s = at(c, u + 1, o);
        if (s.a < s.e)
            return s;
        if (++commas == OPENING_COMMAS)
            break;
    }
    return none;
}

/* 6. no attribution at all: a quotation inside a sentence whose subject is
 * a name takes it ("Marsh defended her deputy as a “tireless worker”",
 * "When asked, Kovac calls himself a “quiet builder”", "But as Marsh
 * condemned “reckless” drivers", "Brandt's campaign called it a
 * “hasty” reply", "Jane Roe, a veteran, found no fault with “…”"); failing
 * a name, a description of someone ("The mayor thanked the crews for their
 * “quiet courage”", "Legal observers note …"). */
static int sentence_subject(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    size_t o = qs->v[i].open;
    span s = sentence_subject_of(c, o);
    if (s.a >= s.e) {
        size_t pa, pe, sa = qt_sentence_start(c, o);
        qt_paragraph_tokens(c, o, &pa, &pe);
        s = opening_subject_by(c, sa < pa ? pa : sa, o, described_subject_at);
    }
    return s.a < s.e ? take(c, names, qs, i, s, 0, 0) : 0;
}

/* Person names among the name mentions starting in tokens [a, e). */
static size_t persons_in(const qt_names *names, size_t a, size_t e)
{
    size_t lo = 0, hi = names->n, n = 0;
    while (lo < hi) { /* the first mention starting at a or later (names are in document order) */
        size_t mid = lo + (hi - lo) / 2;
        if (names->v[mid].first < a)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t k = lo; k < names->n && names->v[k].first < e; k++)
        n += names->v[k].person;
    return n;
}

/* 8. a quotation that is a sentence of its own, right after a sentence of
 * the same paragraph whose subject is the only person it names: "Ines Varga
 * was blunt. “We will not pay.”" Never when that sentence holds a quotation
 * (rule 4 and 5's), names a second person ("Varga met Pell. “…”": either
 * may speak) or its subject is no person. */
static int prev_subject(const qt_ctx *c, const qt_names *names, qt_quotes *qs, size_t i)
{
    const qt_quote *q = &qs->v[i];
    const qry_token *k0 = c->doc->tokens;
    size_t o = q->open, pa, pe;
    qt_paragraph_tokens(c, o, &pa, &pe);
    if (q->fragment || q->close == QT_NONE || o <= pa || k0[o - 1].sentence == k0[o].sentence)
        return 0;
    /* the quotation ends its sentence */
    size_t t = q->close + 1;
    while (t < pe && k0[t].sentence == k0[q->close].sentence && !qt_tok_word(c, t) && !is_mark_tok(c, t))
        t++;
    if (t < pe && k0[t].sentence == k0[q->close].sentence)
        return 0;
    size_t ps = qt_sentence_start(c, o - 1);
    if (ps < pa)
        ps = pa;
    if (o - ps > PREV_MAX)
        return 0;
    for (size_t u = ps; u < o; u++)
        if (is_mark_tok(c, u))
            return 0;
    span s = opening_subject(c, ps, o - 1);
    if (s.a >= s.e || persons_in(names, ps, o) != 1)
        return 0;
    size_t first = qt_strip_titles(c, s.a, s.e);
    if (first >= s.e || qt_name_kind(c, first, qt_person_end(c, first, s.e, first > s.a), first > s.a) != QT_KIND_PERSON)
        return 0;
    return take(c, names, qs, i, s, 0, 0);
}

/* A fragment spoken, not named: a speaker and a verb of saying ("said",
 * "wrote"), not a verb naming what was said ("called it “X”"). */
static int said_fragment(const qt_ctx *c, const qt_quote *q)
{
    return q->cue_len == 1 && q->has_speaker && qt_tok_in(c, q->cue_tok, &c->lex->reporting) &&
           !qt_tok_in(c, q->cue_tok, &c->lex->object_verbs) && !qt_noun_use(c, q->cue_tok, 0);
}

void qt_attribute(const qt_ctx *c, const qt_names *names, qt_quotes *qs)
{
    size_t last_full = QT_NONE; /* the latest quotation before i that is no fragment */
    for (size_t i = 0; i < qs->n; i++) {
        if (qs->v[i].work_title)
            continue; /* nobody said "State of the Union" */
        if (!(pre_adjacent(c, names, qs, i) || post(c, names, qs, i) || pre_embedded(c, names, qs, i) ||
              colon_lead(c, names, qs, i) || prev_sentence(c, names, qs, i) || colon_clause(c, names, qs, i)))
            if (!inherit(c, qs, i, last_full) && !sentence_subject(c, names, qs, i))
                prev_subject(c, names, qs, i);
        /* a fragment with its own reporting verb ("“Safety,” said Ann Roe.
         * “Safety for all of us.”") is words said: what follows goes on with it */
        if (!qs->v[i].fragment || said_fragment(c, &qs->v[i]))
            last_full = i;
    }
    /* the paragraphs of a quotation whose line breaks were lost take the
     * attribution of its last paragraph */
    for (size_t i = qs->n; i-- > 1;)
        if (qs->v[i - 1].continued && !qs->v[i - 1].has_speaker && !qs->v[i - 1].cue_len)
            qt_copy_attribution(&qs->v[i - 1], &qs->v[i]);
}

qt_span qt_subject_of(const qt_ctx *c, size_t k, size_t b) { return subject_of(c, k, b); }

qt_span qt_phrase_after(const qt_ctx *c, size_t a, size_t limit)
{
    span sp = phrase_fwd(c, a, limit);
    if (sp.a >= sp.e)
        sp = np_until_break(c, a, limit);
    return sp;
}

size_t qt_skip_adverb_back(const qt_ctx *c, size_t t, size_t b) { return skip_adverb_back(c, t, b); }
