/* reported.c -- reported speech: attributions without quotation marks.
 *
 *   A. "X said (that) CLAUSE", "X told reporters (on Monday) that CLAUSE":
 *      the content is the clause, up to the end of its sentence (or a ';',
 *      or a second attribution: ", adding that ...");
 *   B. "according to X, CLAUSE" and "CLAUSE, according to X";
 *   C. "CLAUSE, X said (on Monday)." and "CLAUSE, said X.".
 *
 * A clause that is a direct quotation ("X said: “...”", "“...,” X said") is
 * the quote's, never reported speech; a quotation inside a reported clause
 * ("X said the plan was “dead”") stays a quote of its own. The speaker is
 * resolved like a quotation's (speaker.c). One pass over the sentences; every
 * scan inside a sentence is bounded, so the cost is linear.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quotes.h"

#define GAP_MAX 12    /* tokens between a verb and its "that" ("said on Monday that") */
#define BARE_MAX 9    /* words of a bare subject ("social conservatives say") */
#define TAIL_MAX 14   /* tokens of a trailing attribution ", Jane Roe, a nurse, said" */
#define AFTER_MAX 6   /* tokens after a trailing verb ("said on Monday.") */
#define MIN_WORDS 3   /* words in a reported clause */
#define CLAUSE_MAX 400 /* tokens in one reported clause */

static const char *const prepositions[] = {"in", "on", "at", "during", "after", "before", "to", "of", "for",
                                           "with", "by", "from", "if", "whether", "ahead", "when", "while", "last",
                                           "earlier", "later", "yesterday", "today", "following", "through", NULL};

static const char *const questions[] = {"whether", "if", NULL};
/* Words that show a clause has begun: auxiliaries, modals, subject pronouns. */
static const char *const clause_words[] = {"was", "is", "were", "are", "has", "have", "had", "would", "will",
                                           "could", "can", "should", "may", "might", "must", "there", "it",
                                           "he", "she", "they", "we", "i", NULL};
static const char *const subordinators[] = {"if", "when", "while", "once", "unless", "although", "after", NULL};
/* Words that open a clause after "said" ("said if the vote fails, she would …"),
 * not a time ("said in May", "said after the vote"). */
static const char *const clause_subordinators[] = {"if", "unless", "although", "though", "once", "when", "while",
                                                   NULL};
/* Capitalised words of time after a verb: "said Monday", "wrote in May". */
static const char *const dates[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
                                    "january", "february", "march", "april", "may", "june", "july", "august",
                                    "september", "october", "november", "december", "last", "earlier", "later",
                                    "yesterday", "today", "tonight", NULL};

typedef struct rctx {
    const qt_ctx *c;
    const qt_names *names;
    const qt_quotes *quotes;
    const uint8_t *quoted; /* per token: inside a direct quotation, marks included */
    const uint32_t *quoted_before; /* [t]: quoted tokens before token t (n_tokens + 1) */
    const uint32_t *words_before;  /* [t]: words and numbers before token t */
    qt_quotes *out;
    size_t floor; /* a new content starts at or after this token (no overlaps) */
    int headline; /* the sentence is a title-case headline */
} rctx;

static int is_cue(const qt_ctx *c, size_t t) { return qt_tok_in(c, t, &c->lex->reporting); }

static int is_according(const qt_ctx *c, size_t t)
{
    return t + 1 < c->doc->n_tokens && qt_tok_eq(c, t, "according") && qt_tok_eq(c, t + 1, "to");
}

static int is_mark(const qt_ctx *c, size_t t)
{
    int dbl;
    return qt_tok_quote_mark(c, t, &dbl) && !qt_tok_apostrophe(c, t);
}

/* Words and numbers in [a, e), in O(1) from the prefix counts. */
static size_t count_words(const rctx *r, size_t a, size_t e) { return r->words_before[e] - r->words_before[a]; }

static const char *const clause_openers[] = {"he", "she", "they", "we", "i", "compared", "an", "which", NULL};

/* A participle in -ing ("pointing", "stating"), not a preposition in -ing
 * ("during", "including"). */
static int ing_word(const qt_ctx *c, size_t t)
{
    static const char *const prep[] = {"during", "including", "regarding", "concerning", "according",
                                       "following", "pending", "notwithstanding", "excluding", NULL};
    size_t n;
    const char *w = qt_tok_text(c, t, &n);
    return n > 5 && memcmp(w + n - 3, "ing", 3) == 0 && !qt_tok_is(c, t, prep);
}

/* Where a clause starting at a ends, before e: a ';', a second
 * attribution (", adding that", ", according to"), or e. */
static size_t clause_end(const rctx *r, size_t a, size_t e)
{
    const qt_ctx *c = r->c;
    for (size_t t = a; t < e && t - a < CLAUSE_MAX; t++) {
        if (r->quoted[t])
            continue;
        if (qt_tok_char(c, t, ";") || (qt_tok_char(c, t, ":") && t + 1 < e && is_mark(c, t + 1)) ||
            qt_tok_char(c, t, "\xE2\x80\x94") || (qt_tok_char(c, t, "-") && t + 1 < e && qt_tok_char(c, t + 1, "-")))
            return t;
        /* a second attribution: ", according to", ", and said", ", others argue
         * that", ", a Chinese official said"; a participle (", pointing to") or
         * a new clause (", he appears") */
        int comma = qt_tok_char(c, t, ",");
        if ((comma || qt_tok_eq(c, t, "and") || qt_tok_eq(c, t, "but")) && t + 1 < e && !r->quoted[t + 1]) {
            if (is_according(c, t + 1))
                return t;
            for (size_t u = t + 1; u < e && u - t <= 4 && qt_tok_word(c, u) && !r->quoted[u]; u++)
                if (is_cue(c, u))
                    return t;
            if (comma && t > a && qt_tok_word(c, t + 1) && !qt_tok_cap(c, t + 1) &&
                (ing_word(c, t + 1) || qt_tok_is(c, t + 1, clause_openers)))
                return t;
        }
    }
    return a + CLAUSE_MAX < e ? a + CLAUSE_MAX : e;
}

/* The end of a clause [j, ce) whose subject sp follows a subordinator ("as
 * Jane Roe denounced the cuts, the crowd stood"): its first comma outside
 * quotations, where the main clause begins. */
static size_t subordinate_end(const rctx *r, qt_span sp, size_t j, size_t ce)
{
    static const char *const subord[] = {"as", "while", "when", "after", "before", "because", "since", "although",
                                         "though", "if", "once", "until", "whereas", NULL};
    const qt_ctx *c = r->c;
    if (sp.a == 0 || !qt_tok_word(c, sp.a - 1) || !qt_tok_is(c, sp.a - 1, subord))
        return ce;
    for (size_t t = j; t < ce; t++)
        if (qt_tok_char(c, t, ",") && !r->quoted[t])
            return t;
    return ce;
}

/* Number of the direct quotations that open before token t. */
static size_t quotes_before(const qt_quotes *qs, size_t t)
{
    size_t lo = 0, hi = qs->n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (qs->v[m].open < t)
            lo = m + 1;
        else
            hi = m;
    }
    return lo;
}

/* Are 90% or more of the tokens [a, e) inside a direct quotation? */
static int mostly_quoted(const rctx *r, size_t a, size_t e)
{
    size_t inside = r->quoted_before[e] - r->quoted_before[a];
    return e > a && inside * 10 >= (e - a) * 9;
}

/* Record content [a, e) of at least min_words words with speaker phrase sp
 * and cue [k, k + klen). */
static int add_min(rctx *r, size_t a, size_t e, qt_span sp, size_t k, size_t klen, size_t min_words)
{
    const qt_ctx *c = r->c;
    while (e > a && (qt_tok_char(c, e - 1, ",") || qt_tok_char(c, e - 1, ":") || qt_tok_dash(c, e - 1)))
        e--;
    if (e <= a || a < r->floor || count_words(r, a, e) < min_words)
        return QRY_OK;
    if (mostly_quoted(r, a, e))
        return QRY_OK; /* a clause made of one direct quotation is the quote's */
    qt_quote q;
    memset(&q, 0, sizeof q);
    q.reported = 1;
    q.open = (uint32_t)(sp.a < a ? sp.a : a);
    q.close = QT_NONE;
    q.first = (uint32_t)a;
    q.last = (uint32_t)e;
    q.start = c->doc->tokens[a].start;
    q.end = c->doc->tokens[e - 1].end;
    q.n_words = (uint32_t)count_words(r, a, e);
    q.sp_tok = QT_NONE;
    q.cue_tok = (uint32_t)k;
    q.cue_len = (uint8_t)klen;
    if (sp.a < sp.e)
        qt_resolve_speaker(c, r->names, r->quotes->v, quotes_before(r->quotes, q.open), &q, sp.a, sp.e);
    r->floor = e;
    return qt_quotes_push(r->out, &q);
}

static int add(rctx *r, size_t a, size_t e, qt_span sp, size_t k, size_t klen)
{
    return add_min(r, a, e, sp, k, klen, MIN_WORDS);
}

/* A word that is a clause's verb, not part of its subject: an auxiliary or
 * modal, a past tense in -ed or a common irregular one, a participle in -ing. */
static int verbish(const qt_ctx *c, size_t t)
{
    static const char *const verbs[] = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
                                        "could", "should", "may", "might", "must", "did", "does", "do", "took",
                                        "went", "came", "made", "began", "got", "seem", "seems", "continue", "continues", "tries",
                                        "refuses", "wants", NULL};
    size_t n;
    const char *w = qt_tok_text(c, t, &n);
    if (!qt_tok_word(c, t) || qt_tok_cap(c, t))
        return 0;
    return qt_tok_is(c, t, verbs) || (n > 4 && memcmp(w + n - 2, "ed", 2) == 0) || ing_word(c, t);
}

/* A subject without a name: the few lower-case words that open the clause
 * and end at the verb ("Social conservatives say", "aides said",
 * "Proponents of the bill, however, say"). */
static qt_span bare_subject(const qt_ctx *c, size_t sa, size_t k)
{
    qt_span none = {k, k};
    size_t e = qt_skip_adverb_back(c, k, sa); /* "has also" */
    /* ", however," between subject and verb */
    if (e >= sa + 3 && qt_tok_char(c, e - 1, ",") && qt_tok_word(c, e - 2) && qt_tok_char(c, e - 3, ","))
        e -= 3;
    if (e <= sa || e - sa > BARE_MAX)
        return none;
    for (size_t t = sa; t < e; t++)
        if (!qt_tok_word(c, t) && !(c->doc->tokens[t].flags & QRY_TOK_NUMBER) && !qt_tok_apostrophe(c, t) &&
            !qt_tok_dash(c, t))
            return none;
    if (qt_tok_is(c, sa, (const char *const[]){"it", "there", "this", "that", "what", "which", NULL}) ||
        !qt_tok_word(c, sa))
        return none;
    /* "Voters who say", "those that argue": the antecedent speaks */
    while (e > sa + 1 && qt_tok_is(c, e - 1, (const char *const[]){"who", "that", "which", NULL}))
        e--;
    /* "Ann Roe went on the radio to say", "anglers are keener to say": the
     * infinitive's subject is the clause's, which ends at its verb */
    if (qt_tok_eq(c, e - 1, "to")) {
        size_t v = sa;
        while (v < e && !verbish(c, v))
            v++;
        if (v == sa || v == e)
            return none;
        e = v;
    }
    qt_span sp = {sa, e};
    return sp;
}

/* A participle after a comma (", saying", ", also calling"): its subject is
 * the clause's, which may be no name at all. */
static int comma_participle(const qt_ctx *c, size_t k, size_t sa)
{
    size_t t = qt_skip_adverb_back(c, k, sa);
    return qt_tok_ing(c, k) && t > sa && qt_tok_char(c, t - 1, ",");
}

/* A verb of commitment ("promised", "pledges", "vowed"): its object is
 * reported speech only as a clause ("pledged that it would", "promised to
 * push"), never as the goods promised ("pledges two more radar systems"). */
static int commitment(const qt_ctx *c, size_t k)
{
    static const char *const stems[] = {"promis", "pledg", "vow", "offer", NULL};
    size_t n;
    const char *w = qt_tok_text(c, k, &n);
    for (const char *const *s = stems; *s; s++)
        if (n >= strlen(*s) && strncasecmp(w, *s, strlen(*s)) == 0)
            return 1;
    return 0;
}

/* A verb of asking ("asked", "asks"): "asked Washington for more shells" is
 * a request for goods, not speech. "asked X to CLAUSE" stays reported
 * speech: PolNeAR marks it (dev F1 .830 without it, .837 with). */
static int asking(const qt_ctx *c, size_t k)
{
    return qt_tok_is(c, k, (const char *const[]){"asked", "asks", "ask", "asking", NULL});
}

#define REQUEST_GAP 6 /* tokens of a listener before "for" ("asked the German government for") */
static int request_for_goods(const rctx *r, size_t j, size_t e)
{
    const qt_ctx *c = r->c;
    for (size_t t = j; t < e && t - j <= REQUEST_GAP && qt_tok_word(c, t) && !r->quoted[t]; t++) {
        if (qt_tok_is(c, t, (const char *const[]){"to", "that", "whether", "if", "about", "how", "what", "why",
                                                  "when", "where", "who", NULL}))
            return 0;
        if (qt_tok_eq(c, t, "for"))
            return 1;
    }
    return 0;
}

/* "said just three words", "said a few words", "said nothing to the crowd":
 * the object of a verb of saying is a noun phrase naming the words, no
 * clause. A clause word before the next punctuation makes the noun a
 * clause's subject again ("said nothing would change", "said the speech at
 * the rally would be short"). */
#define WORDS_LEAD 4  /* quantifiers before the noun: "only a few" */
#define WORDS_PEEK 12 /* tokens searched for a clause word after the noun */
static int names_the_words(const rctx *r, size_t k, size_t j, size_t e)
{
    static const char *const say[] = {"said", "say", "says", "saying", NULL};
    static const char *const lead[] = {"just", "only", "a", "an", "the", "few", "several", "some", "those",
                                       "these", "his", "her", "their", "its", "no", "any", "more", "many",
                                       "two", "three", "four", "five", "last", "final", "kind", NULL};
    static const char *const pronominal[] = {"nothing", "something", "anything", "little", "much", "goodbye",
                                             "hello", "grace", "farewell", NULL};
    /* nouns that name words as such; not utterances.txt, whose "attacks"
     * and "claims" are as often the subject of the clause */
    static const char *const wording[] = {"word", "words", "phrase", "sentence", "sentences", "prayer", "prayers",
                                          "thanks", "goodbyes", NULL};
    const qt_ctx *c = r->c;
    if (!qt_tok_is(c, k, say))
        return 0;
    size_t t = j;
    while (t < e && t - j < WORDS_LEAD && (qt_tok_is(c, t, lead) || (c->doc->tokens[t].flags & QRY_TOK_NUMBER)))
        t++;
    if (t >= e || !qt_tok_word(c, t) || r->quoted[t])
        return 0;
    if (!qt_tok_is(c, t, wording) && !(t == j && qt_tok_is(c, t, pronominal)))
        return 0;
    for (size_t u = t + 1; u < e && u - t <= WORDS_PEEK; u++) {
        if (qt_tok_is(c, u, subordinators))
            return 1; /* "said three words when asked what the plan was": the clause is an adjunct's */
        if (qt_tok_word(c, u) && (qt_tok_is(c, u, clause_words) || is_cue(c, u)))
            return 0; /* "said the comments, like the last ones, were fair" */
        if (!qt_tok_word(c, u) && !is_mark(c, u) && !qt_tok_char(c, u, ",") &&
            !(c->doc->tokens[u].flags & QRY_TOK_NUMBER))
            return 1; /* the sentence or its clause ended */
    }
    return 1;
}

/* Is the object of a verb of commitment at j a clause: "to" (after a few
 * words of time: "vowed on Tuesday to", "vowed not to"), "that", or a clause
 * word soon after ("promised the plan would pay for itself")? */
#define COMMIT_GAP 4  /* time words before "to" */
#define COMMIT_PEEK 8 /* words searched for a clause word */
static int commitment_clause(const rctx *r, size_t j, size_t e)
{
    static const char *const when[] = {"not", "never", "also", "again", "on", "in", "at", "last", "this",
                                       "next", "week", "month", "year", "night", "morning", "once", NULL};
    const qt_ctx *c = r->c;
    size_t t = j;
    while (t < e && t - j < COMMIT_GAP && (qt_tok_is(c, t, when) || qt_tok_date(c, t)))
        t++;
    if (t < e && (qt_tok_eq(c, t, "to") || qt_tok_eq(c, t, "that")))
        return 1; /* PolNeAR marks "promised to act" as reported: dev F1 .831 without it, .837 with */
    for (size_t u = j; u < e && u - j < COMMIT_PEEK && (qt_tok_word(c, u) || is_mark(c, u)); u++)
        if (qt_tok_is(c, u, clause_words))
            return 1;
    return 0;
}

/* A. "X said (that) CLAUSE" with the verb at k; returns the token the scan
 * goes on from (k + 1 when nothing was found). */
static size_t said_that(rctx *r, size_t sa, size_t e, size_t k, int *rc)
{
    const qt_ctx *c = r->c;
    size_t before = qt_skip_adverb_back(c, k, sa);
    if (before > sa && r->quoted[before - 1])
        return k + 1; /* "“…,” said Rhea Dunn, a pollster": the quotation's */
    if (ing_word(c, k) && before > sa && qt_tok_in(c, before - 1, &c->lex->reporting) &&
        qt_noun_use(c, before - 1, sa))
        return k + 1; /* "disputed reports suggesting CLAUSE": the reports' words, which the
                         sentence's subject rejects or cites; nobody it names said them */
    int infinitive = k > sa && qt_tok_eq(c, k - 1, "to"); /* "… went on the radio to say" */
    qt_span sp = infinitive ? (qt_span){k, k} : qt_subject_of(c, k, sa);
    if (sp.a >= sp.e)
        sp = bare_subject(c, sa, k);
    if (sp.a >= sp.e) { /* "In separate interviews, three employees said" */
        size_t comma = k;
        while (comma > sa && k - comma <= BARE_MAX + 1 && !qt_tok_char(c, comma - 1, ","))
            comma--;
        if (comma > sa && qt_tok_char(c, comma - 1, ","))
            sp = bare_subject(c, comma, k);
    }
    /* "… refusing to say CLAUSE": the content, with no subject in reach */
    if (sp.a >= sp.e && !comma_participle(c, k, sa) && !infinitive)
        return k + 1;
    if (sp.a < sp.e && r->quoted[sp.a] && k > sa && qt_tok_char(c, k - 1, ",") && k + 1 < e && qt_tok_cap(c, k + 1))
        return k + 1; /* "''…,'' like the rise in wages, said Oskar Lind, …": said X, no clause */
    if (sp.a >= sp.e)
        sp = (qt_span){k, k}; /* "…, saying CLAUSE" whose subject is no name: the content, no speaker */
    size_t j = k + 1;
    /* "told reporters", "said on Monday", "told a rally in Dover, Ohio, that" */
    size_t that = QT_NONE;
    for (size_t t = j; t < e && t - j < GAP_MAX; t++) {
        if (qt_tok_word(c, t) && qt_tok_eq(c, t, "that")) {
            that = t;
            break;
        }
        if (!qt_tok_word(c, t) && !(c->doc->tokens[t].flags & QRY_TOK_NUMBER) && !qt_tok_char(c, t, ".") &&
            !qt_tok_char(c, t, ","))
            break;
        if (is_cue(c, t) || r->quoted[t] || qt_tok_is(c, t, clause_words))
            break; /* "said there was little doubt that ...": the clause began already */
    }
    if (that != QT_NONE) {
        j = that + 1;
    } else if (qt_tok_in(c, k, &c->lex->listeners)) {
        /* "told Radio Nord he planned to retire": the listener, then the clause */
        static const char *const subjects[] = {"he", "she", "they", "we", "i", "it", NULL};
        int named = qt_tok_cap(c, j) || (j + 1 < e && qt_tok_eq(c, j, "the") && qt_tok_cap(c, j + 1));
        qt_span ls = named ? qt_phrase_after(c, j, e) : (qt_span){j, j + 1};
        if (ls.a >= ls.e || qt_tok_is(c, ls.a, subjects))
            return k + 1;
        if (!named) { /* "told reporters": one plural word */
            size_t n;
            const char *w = qt_tok_text(c, j, &n);
            if (!qt_tok_word(c, j) || w[n - 1] != 's')
                return k + 1;
        }
        j = ls.e;
        /* the clause must open with its own subject: "told Radio Nord he ..." */
        if (j >= e || !(qt_tok_is(c, j, subjects) || (qt_tok_cap(c, j) && !qt_tok_in(c, j, &c->lex->nonnames))))
            return k + 1;
    } else if (j + 1 < e && qt_tok_char(c, j, ",") && !r->headline && qt_tok_word(c, j + 1) && !is_cue(c, j + 1) &&
               !is_according(c, j + 1) && !ing_word(c, j + 1) &&
               (!qt_tok_is(c, j + 1, prepositions) || qt_tok_is(c, j + 1, subordinators))) {
        j++; /* "Varga says, rain or shine, she's staying", "She said, if chosen, she would" */
    } else if (j < e && is_mark(c, j)) {
        /* "Marsh says “the deal is dead” because …": mixed, add() keeps it
         * only when the quotation is not the whole clause */
    } else if (j < e && qt_tok_is(c, j, clause_subordinators) && j + 1 < e && !ing_word(c, j + 1) &&
               !qt_tok_eq(c, j + 1, "asked")) {
        /* "said if he were president, DACA would ...": the clause opens with its condition */
    } else if (j < e && (!qt_tok_word(c, j) || qt_tok_is(c, j, prepositions) ||
                         (qt_tok_cap(c, j) && qt_tok_is(c, j, dates) && !r->headline))) {
        /* "said in a statement", "wrote Thursday in an email" */
        /* "said in a statement.", "said, “…”"; "asked whether ..." is a question */
        if (!(qt_tok_eq(c, k, "asked") || qt_tok_eq(c, k, "wondered")) || !qt_tok_is(c, j, questions))
            return k + 1;
    }
    if (j >= e)
        return k + 1;
    if (that == QT_NONE && (names_the_words(r, k, j, e) || (commitment(c, k) && !commitment_clause(r, j, e))))
        return k + 1; /* "said a few words", "vowed more shells": no clause */
    size_t ce = subordinate_end(r, sp, j, clause_end(r, j, e));
    *rc = add(r, j, ce, sp, k, 1);
    return ce > k + 1 ? ce : k + 1;
}

/* D. a verb whose object is what was said (object_verbs.txt): "Ibsen called
 * it shameful", "Moss accused Okafor of stalling", "she urged voters to
 * stay home", "Marsh called for a public inquiry": the content is the
 * object and the rest of its clause. The verb needs a subject, as in A; an
 * indefinite description naming something ("a website called True Daily") has
 * none. */
#define OBJECT_MIN_WORDS 2 /* "called him a liar" */

/* Is the object verb at k a verb in the active voice? Not a noun ("his
 * call", "roll call", "Moss’ call", "Marsh's promises"), a name given ("a
 * group called Harbour 9", "so-called", "self-described"), nor a passive ("was
 * asked about": the subject heard the words). A form that may be a plural
 * noun ("calls", "promises") needs a subject-like word before it: a name, a
 * pronoun, a title, a plural, an adverb or an auxiliary. */
static int verb_use(const qt_ctx *c, size_t k, size_t sa)
{
    static const char *const be[] = {"was", "were", "is", "are", "be", "been", "being", "am", NULL};
    static const char *const before_verb[] = {"he", "she", "they", "we", "i", "it", "who", "you", "has", "have",
                                              "had", "will", "would", "should", "could", "can", "may", "might",
                                              "did", "does", "do", "to", "also", "later", "then", "again",
                                              "once", "and", "but", "or", "not", "never", "even", "often", NULL};
    static const char *const determiners[] = {"the", "a", "an", "his", "her", "their", "its", "our", "my", "your",
                                              "this", "that", "these", "those", "whose", "so", NULL};
    if (k <= sa)
        return 0;
    size_t p = k - 1, n, m;
    const char *v = qt_tok_text(c, k, &n);
    int ing = n > 4 && memcmp(v + n - 3, "ing", 3) == 0, ed = n > 3 && memcmp(v + n - 2, "ed", 2) == 0;
    if (qt_tok_char(c, p, ",") || qt_tok_char(c, p, ")") || is_mark(c, p))
        return 1;
    if (!qt_tok_word(c, p) || qt_tok_is(c, p, determiners))
        return 0;
    if (qt_tok_is(c, p, be))
        return ing; /* "is calling for", not "was asked about" */
    if (ed && qt_tok_is(c, p, (const char *const[]){"when", "if", "once", "unless", "until", "as", "though", NULL}))
        return 0; /* "when asked about", "when asked what ...": a passive without its auxiliary (the subject heard) */
    if (ing || ed)
        return 1;
    const char *w = qt_tok_text(c, p, &m);
    return qt_tok_cap(c, p) || qt_tok_title(c, p) || qt_tok_is(c, p, before_verb) || qt_ly_adverb(c, p) ||
           (m > 2 && w[m - 1] == 's' && w[m - 2] != 's'); /* "candidates call for" */
}

static size_t object_content(rctx *r, size_t sa, size_t e, size_t k, size_t klen, int *rc)
{
    const qt_ctx *c = r->c;
    size_t before = qt_skip_adverb_back(c, k, sa), j = k + klen;
    if ((before > sa && r->quoted[before - 1]) || j >= e || !(qt_tok_word(c, j) || is_mark(c, j) ||
                                                               (c->doc->tokens[j].flags & QRY_TOK_NUMBER)))
        return k + 1; /* "“…,” she urged.", "called, “…”" */
    if (!verb_use(c, k, sa) ||
        (klen == 1 && qt_tok_is(c, j, (const char *const[]){"in", "off", "up", "back", "out", "into", "over", "by",
                                                            "at", "from", "after", "before", "during", NULL})))
        return k + 1; /* "called in", "called off", "called into" */
    if (commitment(c, k) && (klen > 1 || !commitment_clause(r, j, e)))
        return k + 1; /* "pledges two more radar systems": goods, not words */
    if (klen == 1 && asking(c, k) && request_for_goods(r, j, e))
        return k + 1; /* "asked Washington for shells" */
    qt_span sp = qt_subject_of(c, k, sa);
    if (sp.a >= sp.e)
        sp = bare_subject(c, sa, k);
    if (sp.a >= sp.e && comma_participle(c, k, sa))
        sp = (qt_span){k, k}; /* "…, calling the plan a disaster": the content, no speaker */
    else if (sp.a >= sp.e || qt_tok_is(c, sp.a, (const char *const[]){"a", "an", "so", NULL}))
        return k + 1;
    size_t ce = subordinate_end(r, sp, j, clause_end(r, j, e));
    *rc = add_min(r, j, ce, sp, k, klen, OBJECT_MIN_WORDS);
    return ce > k + 1 ? ce : k + 1;
}

/* C. "CLAUSE, X said (on Monday).", "CLAUSE, said X, a nurse.", and the
 * attribution in the middle: "CLAUSE, she says, CLAUSE." (the content then
 * runs over both sides). The clause must not open with a quotation. */
static int trailing(rctx *r, size_t sa, size_t e, size_t k)
{
    const qt_ctx *c = r->c;
    if (k <= sa + 1)
        return QRY_OK; /* a clause that is one quotation is left by add() */
    size_t comma;
    qt_span sp;
    size_t after; /* first token after the attribution */
    size_t mark = k; /* "…as we can,'' said Mr. Lindqvist": the comma inside the closing mark */
    int dbl;
    while (mark > sa + 1 && k - mark < 2 && r->quoted[mark - 1] && qt_tok_quote_mark(c, mark - 1, &dbl))
        mark--; /* ” or '' */
    if (qt_tok_char(c, mark - 1, ",")) { /* ", said Jane Roe, a nurse." */
        if (comma_participle(c, k, sa))
            return QRY_OK; /* ", saying the rules were unfair": A, never ", said X" */
        qt_span before = qt_subject_of(c, k, sa);
        if (before.a < before.e)
            return QRY_OK; /* "Chile’s president, Elena Varga, said ...": A */
        comma = mark - 1;
        sp = qt_phrase_after(c, k + 1, e);
        if (sp.a >= sp.e)
            return QRY_OK;
        after = sp.e;
        if (after < e && qt_tok_char(c, after, ","))
            after = e; /* an apposition runs to the end */
    } else {
        sp = qt_subject_of(c, k, sa);
        if (sp.a >= sp.e || sp.a <= sa) {
            /* "…, Labour sources said, …": a bare subject after the comma */
            size_t b = k;
            while (b > sa && k - b <= BARE_MAX && qt_tok_word(c, b - 1))
                b--;
            if (b == k || b <= sa || k - b > BARE_MAX)
                return QRY_OK;
            sp = bare_subject(c, b, k);
        }
        if (sp.a >= sp.e || sp.a <= sa)
            return QRY_OK;
        comma = sp.a - 1;
        /* "“…ticket,” Jane Roe said": the comma sits inside the closing mark */
        if (is_mark(c, comma) && comma > sa && qt_tok_char(c, comma - 1, ","))
            comma++;
        else if (!qt_tok_char(c, comma, ","))
            return QRY_OK;
        after = k + 1;
    }
    if (k - comma > TAIL_MAX || comma <= sa || mostly_quoted(r, sa, comma))
        return QRY_OK; /* "“…,” Jane Roe wrote on X, …": the quotation's attribution */
    /* a few words of time or place may follow the verb ("said on Monday",
     * "said Tuesday"), not a clause ("the group said it may buy more") */
    static const char *const adverbial[] = {"late", "early", "this", "next", "again", "also", "recently",
                                            "afterwards", "then", "there", "here", "as", "so", "too", "not",
                                            "without", "despite", "amid", "over", "about", "under", "into",
                                            "across", "around", "against", "near", "outside", "inside", "since",
                                            "until", "via", "toward", "towards", "within", "like", "unlike",
                                            "tonight", "overnight", "once", "twice", NULL};
    if (after < e && qt_tok_word(c, after) && !qt_tok_is(c, after, prepositions) && !qt_tok_is(c, after, adverbial) &&
        !qt_ly_adverb(c, after) && !qt_tok_ing(c, after) && !qt_tok_date(c, after) && !qt_tok_cap(c, after) &&
        !qt_tok_in(c, k, &c->lex->listeners)) /* "told reporters" */
        return QRY_OK;
    size_t t = after;
    while (t < e && t - after < AFTER_MAX && (qt_tok_word(c, t) || (c->doc->tokens[t].flags & QRY_TOK_NUMBER)))
        t++;
    if (t == e)
        return add(r, sa, comma, sp, k, 1);
    if (qt_tok_char(c, t, ",") && t + 1 < e) /* "…, she says, especially …" */
        return add(r, sa, e, sp, k, 1);
    return QRY_OK;
}

/* B. "according to X, CLAUSE" at the sentence start, "CLAUSE, according to
 * X ..." at its end, or "CLAUSE, according to X, CLAUSE" in its middle. */
static int according(rctx *r, size_t sa, size_t e, size_t k)
{
    const qt_ctx *c = r->c;
    qt_span sp = qt_phrase_after(c, k + 2, e);
    if (sp.a >= sp.e)
        return QRY_OK;
    size_t after = sp.e;
    while (after < e && !qt_tok_char(c, after, ",") && after - sp.e < TAIL_MAX)
        after++; /* "according to the poll released on Thursday," */
    if (k == sa) {
        if (after < e && qt_tok_char(c, after, ","))
            return add(r, after + 1, clause_end(r, after + 1, e), sp, k, 2);
        return QRY_OK;
    }
    if (!qt_tok_char(c, k - 1, ",") || r->quoted[sa])
        return QRY_OK;
    if (after < e && qt_tok_char(c, after, ",") && after + 1 < e) /* in the middle */
        return add(r, sa, clause_end(r, after + 1, e), sp, k, 2);
    return add(r, sa, k - 1, sp, k, 2);
}

/* A headline in title case ("Marsh Says She Will Win"): most of its words
 * capitalised. Its "Says" takes no comma ("… Just Said, He Unleashes"). */
static int headline(const qt_ctx *c, size_t sa, size_t e)
{
    size_t words = 0, caps = 0;
    for (size_t t = sa; t < e && t - sa < CLAUSE_MAX; t++)
        if (qt_tok_word(c, t)) {
            words++;
            caps += qt_tok_cap(c, t) != 0;
        }
    return words >= 6 && caps * 10 >= words * 7;
}

/* One sentence: tokens [sa, se). */
static int sentence(rctx *r, size_t sa, size_t se)
{
    const qt_ctx *c = r->c;
    size_t e = se;
    while (e > sa && (qt_tok_sentence_end(c, e - 1) || is_mark(c, e - 1)) && !r->quoted[e - 1])
        e--;
    /* leading conjunctions and markup are not content */
    while (sa < e && (qt_tok_is(c, sa, (const char *const[]){"but", "and", "yet", "so", NULL}) ||
                      qt_tok_char(c, sa, "(") || qt_tok_dash(c, sa)))
        sa++;
    sa = qt_skip_dateline(c, sa, e); /* "NEW YORK, April 1 - " is no content */
    r->headline = headline(c, sa, e);
    int rc = QRY_OK;
    for (size_t k = sa; rc == QRY_OK && k < e;) {
        if (r->quoted[k]) {
            k++;
            continue;
        }
        if (is_according(c, k)) {
            rc = according(r, sa, e, k);
            k += 2;
            continue;
        }
        if (!qt_tok_word(c, k)) {
            k++;
            continue;
        }
        int cue = is_cue(c, k);
        size_t olen = qt_entry_at(c, k, &c->lex->object_verbs);
        if ((!cue && !olen) || qt_noun_use(c, k, sa)) {
            k++; /* not a verb of saying, or one used as a noun: "the report says" */
            continue;
        }
        if (!cue) {
            k = object_content(r, sa, e, k, olen, &rc);
            continue;
        }
        size_t before = r->out->n;
        rc = trailing(r, sa, e, k);
        if (rc == QRY_OK && r->out->n == before) {
            size_t next = said_that(r, sa, e, k, &rc);
            if (rc == QRY_OK && r->out->n == before && olen) /* "promised to push" */
                next = object_content(r, sa, e, k, olen, &rc);
            k = next;
        } else {
            k++;
        }
    }
    return rc;
}

int qt_find_reported(const qt_ctx *c, const qt_names *names, const qt_quotes *quotes, qt_quotes *out)
{
    const qry_doc_view *d = c->doc;
    uint8_t *quoted = calloc(d->n_tokens ? d->n_tokens : 1, 1);
    if (!quoted)
        return QRY_ERR_NOMEM;
    for (size_t i = 0; i < quotes->n; i++) {
        const qt_quote *q = &quotes->v[i];
        size_t end = q->close == QT_NONE ? q->last : (size_t)q->close + 1;
        for (size_t t = q->open; t < end; t++)
            quoted[t] = 1;
    }
    uint32_t *qb = malloc((d->n_tokens + 1) * sizeof *qb), *wb = malloc((d->n_tokens + 1) * sizeof *wb);
    if (!qb || !wb) {
        free(qb);
        free(wb);
        free(quoted);
        return QRY_ERR_NOMEM;
    }
    qb[0] = wb[0] = 0;
    for (size_t t = 0; t < d->n_tokens; t++) {
        qb[t + 1] = qb[t] + quoted[t];
        wb[t + 1] = wb[t] + ((d->tokens[t].flags & (QRY_TOK_WORD | QRY_TOK_NUMBER)) != 0);
    }
    rctx r = {c, names, quotes, quoted, qb, wb, out, 0, 0};
    int rc = QRY_OK;
    size_t sa = 0;
    for (size_t t = 1; rc == QRY_OK && t <= d->n_tokens; t++)
        if (t == d->n_tokens || d->tokens[t].sentence != d->tokens[sa].sentence) {
            rc = sentence(&r, sa, t);
            sa = t;
        }
    free(quoted);
    free(qb);
    free(wb);
    return rc;
}

/* A quotation paragraph with no attribution right after a paragraph whose
 * last attribution is reported speech ("Lena Ostrova said the channel would be
 * dredged." / "“The silt comes back every spring.”") goes on with that speaker, as rule 5
 * of attribution.c does after a quotation; so do the quotation paragraphs
 * that follow it. */
void qt_inherit_reported(const qt_ctx *c, qt_quotes *qs, const qt_quotes *rs)
{
    size_t in = 0;               /* the latest reported item opening at or before the current quotation */
    size_t j = 0;                /* reported items before the current quotation */
    const qt_quote *last = NULL; /* the latest attribution before it, quotation or reported */
    const qt_quote *chained = NULL; /* the quotation this pass gave a speaker last */
    for (size_t i = 0; i < qs->n; i++) {
        qt_quote *q = &qs->v[i];
        while (j < rs->n && rs->v[j].last <= q->open) {
            if (!last || rs->v[j].last > last->last)
                last = &rs->v[j];
            j++;
        }
        /* a quotation inside reported speech is the words of its speaker, a
         * person or an organisation: "She notes that the quay was “never built
         * for trawlers”" (rule 3 of attribution.c reads no pronoun resolved
         * here, nor a subject behind a long apposition) */
        while (in + 1 < rs->n && rs->v[in + 1].first <= q->first)
            in++;
        if (!q->has_speaker && !q->cue_len && !q->work_title && in < rs->n && rs->v[in].first <= q->first &&
            q->last <= rs->v[in].last && rs->v[in].has_speaker &&
            (rs->v[in].speaker_kind == QT_KIND_PERSON || rs->v[in].speaker_kind == QT_KIND_ORG)) {
            qt_copy_attribution(q, &rs->v[in]);
            continue; /* the reported item is already the latest attribution */
        }
        /* a named speaker only: a bare description ("some residents say") is too weak to carry over */
        if (!q->has_speaker && !q->cue_len && !q->fragment && !q->work_title && last && last->has_speaker &&
            (last->speaker_kind == QT_KIND_PERSON || last->speaker_kind == QT_KIND_ORG) &&
            (last->reported || last == chained)) {
            size_t pa, pe;
            qt_paragraph_tokens(c, q->open, &pa, &pe);
            if (q->open == pa && qt_paragraph_of(c, last->last - 1) + 1 == qt_paragraph_of(c, q->open)) {
                qt_copy_attribution(q, last);
                chained = q;
            }
        }
        if (q->has_speaker || q->cue_len)
            last = q;
    }
}
