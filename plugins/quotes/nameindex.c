/* nameindex.c -- indexes over the document's name mentions, so that every
 * speaker lookup costs a bounded amount of work however many names and
 * quotations a document holds (a scan of all names per quotation made the
 * plugin quadratic):
 *  - by last word: the distinct person names ending with a word, longest
 *    first ("Stoltenberg" -> "Jens Stoltenberg");
 *  - by title word: titled persons ("NATO Secretary-General Jens
 *    Stoltenberg") under each title word, in document order;
 *  - prefix tables: the latest person name up to each mention that a "he"
 *    or a "she" may refer to.
 */
#include <stdlib.h>
#include <string.h>

#include "quotes.h"

#define FULLEST_SCAN 32 /* distinct longer names tried for one mention */
#define TITLE_SCAN 16   /* titled persons tried on each side of a description */

static uint64_t fnv_step(uint64_t h, unsigned char ch) { return (h ^ ch) * 1099511628211ULL; }

static uint64_t tok_hash(const qt_ctx *c, size_t t, int fold)
{
    size_t n;
    const unsigned char *s = (const unsigned char *)qt_tok_text(c, t, &n);
    uint64_t h = 1469598103934665603ULL;
    for (size_t i = 0; i < n; i++)
        h = fnv_step(h, (unsigned char)(fold && s[i] >= 'A' && s[i] <= 'Z' ? s[i] + 32 : s[i]));
    return h;
}

static int tok_same(const qt_ctx *c, size_t a, size_t b)
{
    size_t na, nb;
    const char *sa = qt_tok_text(c, a, &na), *sb = qt_tok_text(c, b, &nb);
    return na == nb && memcmp(sa, sb, na) == 0;
}

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

static size_t count_words(const qt_ctx *c, size_t a, size_t e)
{
    size_t n = 0;
    for (size_t t = a; t < e; t++)
        n += qt_tok_word(c, t) ? 1u : 0u;
    return n;
}

/* The last word token of [a, e), or e when there is none. */
static size_t last_word(const qt_ctx *c, size_t a, size_t e)
{
    while (e > a && !qt_tok_word(c, e - 1))
        e--;
    return e > a ? e - 1 : QT_NONE;
}

/* A name's words, in order, as one hash (its distinct form). */
static uint64_t form_hash(const qt_ctx *c, size_t a, size_t e)
{
    uint64_t h = 1469598103934665603ULL;
    for (size_t t = a; t < e; t++)
        if (qt_tok_word(c, t))
            h = fnv_step(tok_hash(c, t, 0) ^ h, ' ');
    return h;
}

static int cmp_key(const void *x, const void *y)
{
    const qt_name_key *a = x, *b = y;
    if (a->key != b->key)
        return a->key < b->key ? -1 : 1;
    if (a->order != b->order)
        return a->order < b->order ? -1 : 1;
    return a->name < b->name ? -1 : a->name > b->name;
}

/* [*lo, *hi) of the entries with key k. */
static void key_range(const qt_name_key *v, size_t n, uint64_t k, size_t *lo, size_t *hi)
{
    size_t a = 0, b = n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (v[m].key < k)
            a = m + 1;
        else
            b = m;
    }
    *lo = a;
    b = n;
    while (a < b) {
        size_t m = a + (b - a) / 2;
        if (v[m].key <= k)
            a = m + 1;
        else
            b = m;
    }
    *hi = a;
}

/* by_last: one entry per distinct person name form, keyed by its last word
 * and ordered longest first, then by first appearance. */
static int index_last_words(const qt_ctx *c, qt_names *nm)
{
    size_t n = 0;
    qt_name_key *v = malloc((nm->n ? nm->n : 1) * sizeof *v);
    if (!v)
        return QRY_ERR_NOMEM;
    for (size_t i = 0; i < nm->n; i++) {
        const qt_name *x = &nm->v[i];
        size_t lw = last_word(c, x->first, x->last);
        if (!x->person || lw == QT_NONE)
            continue;
        /* the form hash rides in `key` for the dedupe sort below */
        v[n].key = form_hash(c, x->first, x->last);
        v[n].name = (uint32_t)i;
        v[n].order = (uint32_t)i;
        n++;
    }
    qsort(v, n, sizeof *v, cmp_key);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (i == 0 || v[i].key != v[i - 1].key)
            v[m++] = v[i]; /* first appearance of each form */
    for (size_t i = 0; i < m; i++) {
        const qt_name *x = &nm->v[v[i].name];
        size_t words = count_words(c, x->first, x->last);
        v[i].key = tok_hash(c, last_word(c, x->first, x->last), 1); /* folded: a headline's BAKER finds Baker */
        v[i].order = UINT32_MAX - (uint32_t)words; /* longest first, then first appearance */
    }
    qsort(v, m, sizeof *v, cmp_key);
    nm->by_last = v;
    nm->n_by_last = m;
    return QRY_OK;
}

static int index_titles(const qt_ctx *c, qt_names *nm)
{
    size_t n = 0, cap = 0;
    qt_name_key *v = NULL;
    for (size_t i = 0; i < nm->n; i++) {
        const qt_name *x = &nm->v[i];
        if (!x->person || x->title_start >= x->first)
            continue;
        for (size_t u = x->title_start; u < x->first; u++) {
            if (!qt_tok_word(c, u))
                continue;
            if (n == cap) {
                size_t ncap = cap ? cap * 2 : 64;
                qt_name_key *w = realloc(v, ncap * sizeof *w);
                if (!w) {
                    free(v);
                    return QRY_ERR_NOMEM;
                }
                v = w;
                cap = ncap;
            }
            v[n].key = tok_hash(c, u, 1);
            v[n].name = (uint32_t)i;
            v[n].order = (uint32_t)i;
            n++;
        }
    }
    if (n)
        qsort(v, n, sizeof *v, cmp_key);
    nm->by_title = v;
    nm->n_by_title = n;
    return QRY_OK;
}

/* Can a pronoun of gender g refer to a name of gender ng? */
static int agrees(int g, int ng) { return g == QT_G_UNKNOWN || ng == QT_G_UNKNOWN || g == ng; }

static int index_pronouns(qt_names *nm)
{
    size_t n = nm->n ? nm->n : 1;
    for (int g = 0; g < 3; g++) {
        nm->latest[g] = malloc(n * sizeof *nm->latest[g]);
        nm->latest_any[g] = malloc(n * sizeof *nm->latest_any[g]);
        if (!nm->latest[g] || !nm->latest_any[g])
            return QRY_ERR_NOMEM;
        uint32_t subj = QT_NONE, any = QT_NONE;
        for (size_t i = 0; i < nm->n; i++) {
            const qt_name *x = &nm->v[i];
            if (x->person && agrees(g, x->gender)) {
                any = (uint32_t)i;
                if (x->subject)
                    subj = (uint32_t)i;
            }
            nm->latest[g][i] = subj;
            nm->latest_any[g][i] = any;
        }
    }
    return QRY_OK;
}

/* A lone word ("Okafor") is a person when a fuller person name in the
 * document ends with it, and takes that person's gender. */
static void promote_surnames(const qt_ctx *c, qt_names *nm)
{
    for (size_t i = 0; i < nm->n; i++) {
        qt_name *x = &nm->v[i];
        if (x->person || x->first >= x->last || count_words(c, x->first, x->last) != 1 ||
            qt_name_kind(c, x->first, x->last, 0) != QT_KIND_UNKNOWN)
            continue;
        const qt_name *f = qt_fullest_of(c, nm, x->first, x->last);
        if (f) {
            x->person = 1;
            x->gender = f->gender;
        }
    }
}

int qt_index_names(const qt_ctx *c, qt_names *names)
{
    int rc = index_last_words(c, names);
    if (rc == QRY_OK)
        promote_surnames(c, names);
    if (rc == QRY_OK)
        rc = index_titles(c, names);
    if (rc == QRY_OK)
        rc = index_pronouns(names);
    return rc;
}

/* Number of names that start before token ref. */
static size_t names_before(const qt_names *nm, size_t ref)
{
    size_t lo = 0, hi = nm->n;
    while (lo < hi) {
        size_t m = lo + (hi - lo) / 2;
        if (nm->v[m].first < ref)
            lo = m + 1;
        else
            hi = m;
    }
    return lo;
}

const qt_name *qt_pronoun_referent(const qt_names *nm, size_t ref, int gender)
{
    size_t k = names_before(nm, ref);
    if (k == 0 || gender < 0 || gender > 2)
        return NULL;
    uint32_t i = nm->latest[gender][k - 1];
    if (i == QT_NONE)
        i = nm->latest_any[gender][k - 1];
    return i == QT_NONE ? NULL : &nm->v[i];
}

#define ORG_BACK 48   /* name mentions looked at before a "the company" */
#define ORG_SPAN 600  /* tokens from that name to "the company", about two screens */

/* A name that is plainly a firm's: its last word a legal suffix ("Magma
 * Copper Co", "Unilever Plc"), or for a bank, a bank ("World Bank"). */
static int firm_name(const qt_ctx *c, const qt_name *n, int bank)
{
    static const char *const longhand[] = {"ag", "sa", "nv", "company", "corporation", "holdings", "industries",
                                           "incorporated", "limited", "bancorp", "airlines", "airways", NULL};
    size_t last = n->last;
    while (last > n->first && !qt_tok_word(c, last - 1))
        last--;
    if (last == n->first)
        return 0;
    if (bank) {
        for (size_t t = n->title_start; t < last; t++)
            if (qt_tok_eq(c, t, "bank") || qt_tok_eq(c, t, "bancorp"))
                return 1;
        return 0;
    }
    return (qt_tok_legal_suffix(c, last - 1) || qt_tok_is(c, last - 1, longhand)) && last - 1 > n->title_start;
}

const qt_name *qt_org_referent(const qt_ctx *c, const qt_names *nm, size_t ref, int bank)
{
    /* the latest firm that opened a sentence or said something: "Magma
     * Copper Co said it will … The company said"; an object ("… to buy
     * Dome Corp. The company said") is no referent */
    size_t k = names_before(nm, ref);
    for (size_t i = k; i > 0 && k - i < ORG_BACK; i--) {
        const qt_name *n = &nm->v[i - 1];
        if (ref > n->first + ORG_SPAN)
            break;
        if (n->subject && firm_name(c, n, bank))
            return n;
    }
    return NULL;
}

/* The word of a mention at t is the name's word at u: the same, or the same
 * in capitals (a headline's "BAKER SAYS" for "James Baker"). */
static int mention_word_is(const qt_ctx *c, size_t t, size_t u)
{
    return tok_same(c, t, u) || (qt_tok_upper(c, t) && !qt_tok_upper(c, u) && tok_ieq(c, t, u));
}

/* Every word of [a, e) occurs, in order, in [na, ne). */
static int words_within(const qt_ctx *c, size_t a, size_t e, size_t na, size_t ne)
{
    size_t j = na;
    for (size_t t = a; t < e; t++) {
        if (!qt_tok_word(c, t))
            continue;
        while (j < ne && !(qt_tok_word(c, j) && mention_word_is(c, t, j)))
            j++;
        if (j == ne)
            return 0;
        j++;
    }
    return 1;
}

const qt_name *qt_fullest_of(const qt_ctx *c, const qt_names *names, size_t a, size_t e)
{
    size_t lw = last_word(c, a, e), words = count_words(c, a, e);
    if (lw == QT_NONE || !names->n_by_last)
        return NULL;
    size_t lo, hi;
    key_range(names->by_last, names->n_by_last, tok_hash(c, lw, 1), &lo, &hi);
    for (size_t i = lo; i < hi && i - lo < FULLEST_SCAN; i++) {
        const qt_name *n = &names->v[names->by_last[i].name];
        if (count_words(c, n->first, n->last) <= words)
            break; /* longest first: nothing longer follows */
        size_t nl = last_word(c, n->first, n->last);
        if (nl != QT_NONE && mention_word_is(c, lw, nl) && words_within(c, a, e, n->first, n->last))
            return n;
    }
    return NULL;
}

void qt_fullest_name(const qt_ctx *c, const qt_names *names, size_t a, size_t e, char *buf, size_t bufsz)
{
    const qt_name *n = qt_fullest_of(c, names, a, e);
    if (n)
        qt_copy_tokens(c, n->first, n->last, buf, bufsz);
    else
        qt_copy_tokens(c, a, e, buf, bufsz);
}

static const char *const determiners[] = {"the", "a", "an", NULL};

/* How many words of the description [a, head] are among n's title words;
 * 0 unless the head word is one of them, or, for a generic head ("the NATO
 * chief", "the party leader"), unless n holds a leading title and another
 * word of the description. */
static size_t title_score(const qt_ctx *c, const qt_name *n, size_t a, size_t head, int generic)
{
    static const char *const leading[] = {"secretary", "general", "president", "chairman", "chairwoman", "chair",
                                          "director", "chief", "leader", "head", "commander", "governor", "mayor",
                                          "minister", "premier", "chancellor", "ceo", "speaker", NULL};
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
    if (generic && !head_ok && score) {
        for (size_t u = n->title_start; u < n->first && !head_ok; u++)
            head_ok = qt_tok_word(c, u) && qt_tok_is(c, u, leading);
        score += head_ok;
    }
    return head_ok ? score : 0;
}

/* The best-scoring titled person among those indexed under key: the latest
 * before ref wins ties, failing that the first after it. */
static const qt_name *best_titled(const qt_ctx *c, const qt_names *names, uint64_t key, size_t a, size_t head,
                                  size_t ref, int generic, size_t *best_score)
{
    size_t lo, hi;
    key_range(names->by_title, names->n_by_title, key, &lo, &hi);
    /* split the group at ref: the latest before it win ties */
    size_t mid = lo, top = hi;
    while (mid < top) {
        size_t m = mid + (top - mid) / 2;
        if (names->v[names->by_title[m].name].first < ref)
            mid = m + 1;
        else
            top = m;
    }
    const qt_name *best = NULL;
    for (size_t i = mid; i > lo && mid - i < TITLE_SCAN; i--) {
        const qt_name *n = &names->v[names->by_title[i - 1].name];
        size_t s = title_score(c, n, a, head, generic);
        if (s > *best_score)
            best = n, *best_score = s;
    }
    for (size_t i = mid; i < hi && i - mid < TITLE_SCAN; i++) {
        const qt_name *n = &names->v[names->by_title[i].name];
        size_t s = title_score(c, n, a, head, generic);
        if (s > *best_score)
            best = n, *best_score = s;
    }
    return best;
}

const qt_name *qt_title_referent(const qt_ctx *c, const qt_names *names, size_t a, size_t e, size_t ref)
{
    /* heads that name no office, only that the person leads: the office
     * comes from the other words ("NATO" in "the NATO chief") */
    static const char *const generic[] = {"chief", "leader", "head", "boss", NULL};
    size_t head = last_word(c, a, e);
    if (head == QT_NONE || !names->n_by_title)
        return NULL;
    size_t score = 0;
    const qt_name *best = best_titled(c, names, tok_hash(c, head, 1), a, head, ref, 0, &score);
    if (best || !qt_tok_is(c, head, generic))
        return best;
    for (size_t t = a; t < head && t - a < TITLE_SCAN; t++) {
        if (!qt_tok_word(c, t) || qt_tok_is(c, t, determiners))
            continue;
        const qt_name *n = best_titled(c, names, tok_hash(c, t, 1), a, head, ref, 1, &score);
        if (n)
            best = n;
    }
    return best;
}
