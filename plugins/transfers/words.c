/* words.c -- how the relation finder reads the tokens around a mention:
 * sentences, pronouns, auxiliaries ("will not be", "has also"), content
 * words, hyphened compounds. */
#include "relate.h"

/* First and one-past-last token of token k's sentence. */
void tr_sentence_tokens(const tr_docview *v, size_t k, size_t *t0, size_t *t1)
{
    size_t s = sentence(v, k);
    *t0 = k;
    while (*t0 > 0 && sentence(v, *t0 - 1) == s)
        (*t0)--;
    *t1 = k;
    while (*t1 < v->doc->n_tokens && sentence(v, *t1) == s)
        (*t1)++;
}

/* The first actor in sentence s or a later one. Actors are sorted by their
 * first token and sentence numbers grow with tokens, so one sentence's actors
 * are a run from here: a lookup per mention costs a search, not a pass over
 * the document's actors (quadratic in a long document). */
size_t tr_first_actor_from_sentence(const tr_docview *v, size_t s)
{
    size_t lo = 0, hi = v->n_actors;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sentence(v, v->actors[mid].t0) < s)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Where the paragraph holding byte `at` starts: the last paragraph starting
 * at or before it, 0 when there is none. */
size_t tr_paragraph_start(const qry_doc_view *doc, size_t at)
{
    size_t lo = 0, hi = doc->n_paragraphs; /* first paragraph starting after `at` */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (doc->paragraphs[mid].start <= at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo ? doc->paragraphs[lo - 1].start : 0;
}

int tr_is_pronoun(const tr_docview *v, size_t k)
{
    static const char *const p[] = {"it", "they", "we", "he", "she", NULL};
    for (size_t i = 0; p[i]; i++)
        if (tr_tok_is(v, k, p[i]))
            return 1;
    return 0;
}

/* Tense, modality and negation in the few words before token `at`:
 * "will not be sent", "has also provided", "could send", "it would". */
tr_aux tr_aux_before(const tr_docview *v, size_t at)
{
    tr_aux a = {0};
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
        if (tr_is_pronoun(v, k)) {
            a.pronoun = 1;
            break;
        }
        if (v->actor_at[k] >= 0 || v->mention_at[k] >= 0 || !is_word(v, k) || is_capitalised(v, k) || ++words > 2)
            break; /* adverbs ("also", "already") are passed over, two at most */
    }
    return a;
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
size_t tr_content_words(const tr_docview *v, size_t from, size_t to)
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
int tr_is_compound_tail(const tr_docview *v, const tr_cue *c)
{
    return c->t0 >= 2 && tr_tok_is(v, c->t0 - 1, "-") && !(v->doc->tokens[c->t0 - 1].flags & QRY_TOK_SPACE_BEFORE);
}
