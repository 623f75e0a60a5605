/* worktitles.c -- is a quotation the title of a work?
 *
 * News writes the names of shows, films and books in quotation marks
 * ("on CNN’s “Morning Desk”", "the documentary “Salt and Iron”",
 * "the “Deep Orbit” star"). They are no words anyone said, so they are no
 * quotations: a short run of title-case words counts as a title when a
 * network's or a weekday's possessive ("ABC’s", "Sunday’s", "Fox News
 * Channel’s") or a word naming a kind of work (works.txt) stands right
 * before it, or such a word right after it.
 */
#include "quotes.h"

#define TITLE_WORDS_MAX 8 /* words in a title ("A Short History of the Northern Harbour") */

/* Words a title in title case may keep in lower case. */
static const char *const small_words[] = {"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for",
                                          "by", "with", "from", "as", "vs", "de", "la", "s", NULL};
static const char *const weekdays[] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                       "sunday", NULL};

/* Every word of [a, e) capitalised (or a number, or a small word after the
 * first), at most TITLE_WORDS_MAX words. */
static int title_case(const qt_ctx *c, size_t a, size_t e)
{
    size_t words = 0;
    for (size_t t = a; t < e; t++) {
        int number = (c->doc->tokens[t].flags & QRY_TOK_NUMBER) != 0;
        if (!qt_tok_word(c, t) && !number)
            continue;
        if (++words > TITLE_WORDS_MAX)
            return 0;
        if (number || qt_tok_cap(c, t))
            continue;
        if (words == 1 || !qt_tok_is(c, t, small_words))
            return 0;
    }
    return words > 0;
}

/* The possessive of a network or a day ends before token t: "CNN’s",
 * "ABC's", "Wednesday’s", "Fox News Channel’s". */
static int broadcaster_possessive(const qt_ctx *c, size_t t, size_t pa)
{
    if (t < pa + 2)
        return 0;
    size_t p = t - 1; /* ’ of "CNN’", or s of "CNN’s" */
    if (qt_tok_eq(c, p, "s") && p > pa && qt_tok_apostrophe(c, p - 1))
        p--;
    if (!qt_tok_apostrophe(c, p) || p == pa || (c->doc->tokens[p].flags & QRY_TOK_SPACE_BEFORE))
        return 0;
    size_t w = p - 1;
    return qt_tok_upper(c, w) || (qt_tok_cap(c, w) && (qt_tok_is(c, w, weekdays) || qt_tok_in(c, w, &c->lex->orgwords)));
}

/* A work credited to its author: a digest's line naming an article
 * (`—“Ferry returns to the north harbour,” by The Gazette’s Ana Ruiz:
 * http://…`) or a book (`in ''Salt and Iron,'' by Ana Ruiz, the …`). The
 * quotation opens with a capital and ", by" and a capitalised word follow
 * it; a quotation opening in lower case ("the “hasty, careless,” by Ruiz's
 * own account") may be words someone said. */
static int credited_work(const qt_ctx *c, const qt_quote *q, size_t pe)
{
    if (q->close == QT_NONE || q->last <= q->first || !qt_tok_cap(c, q->first))
        return 0;
    size_t t = (size_t)q->close + 1;
    int comma = qt_tok_char(c, q->last - 1, ",");
    if (!comma && t < pe && qt_tok_char(c, t, ","))
        comma = 1, t++;
    if (!comma || t + 1 >= pe || !qt_tok_eq(c, t, "by"))
        return 0;
    return qt_tok_cap(c, t + 1); /* not "by the …": that one was as often a gold quotation on PolNeAR train */
}

int qt_work_title(const qt_ctx *c, const qt_quote *q, size_t pa, size_t pe)
{
    if (credited_work(c, q, pe))
        return 1;
    if (!title_case(c, q->first, q->last))
        return 0;
    size_t before = q->open; /* "the late-night comedy show, “Brass Tacks,”" */
    if (before > pa && qt_tok_char(c, before - 1, ","))
        before--;
    if (before > pa && qt_tok_word(c, before - 1) && qt_tok_in(c, before - 1, &c->lex->works))
        return 1;
    if (broadcaster_possessive(c, before, pa))
        return 1;
    size_t after = q->close == QT_NONE ? pe : (size_t)q->close + 1;
    return after < pe && qt_tok_word(c, after) && qt_tok_in(c, after, &c->lex->works); /* "the “Deep Orbit” star" */
}
