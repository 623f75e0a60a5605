/* segment.c -- the core's one tokenizer and sentence splitter.
 *
 * Rules are deliberately simple and documented in plugin.h, because every
 * plugin builds on them: WORD = letters/digits starting with a letter,
 * NUMBER = digits with inner , or . between digits, everything else one
 * PUNCT code point. Paragraphs follow line breaks, except in hard-wrapped
 * text (Reuters-style ~70-column lines) where only a blank line, an
 * indented line or a line ending a sentence starts a new paragraph.
 */
#include "segment.h"

#include "text.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

unsigned qseg_decode(const char *s, size_t len, size_t *i) { return qtext_next(s, len, i); }

/* Character classes come from text.c, the code plugins get through the
 * "quarry.text/1" service, so token flags and plugins agree. */
static int is_space_cp(unsigned c) { return (qtext_class(c) & QRY_CP_SPACE) != 0; }

static int is_digit_cp(unsigned c) { return c >= '0' && c <= '9'; }

static int is_letter_cp(unsigned c) { return (qtext_class(c) & QRY_CP_LETTER) != 0; }

static int is_upper_cp(unsigned c) { return (qtext_class(c) & QRY_CP_UPPER) != 0; }

/* A letter that keeps a word from being all capitals: lower case, or a
 * script without case. */
static int is_lower_letter_cp(unsigned c) { return (qtext_class(c) & (QRY_CP_LETTER | QRY_CP_UPPER)) == QRY_CP_LETTER; }

#define GROW(arr, n, cap)                                                   \
    do {                                                                    \
        if ((n) == (cap)) {                                                 \
            size_t ncap_ = (cap) ? (cap) * 2 : 64;                          \
            void *p_ = realloc((arr), ncap_ * sizeof *(arr));               \
            if (!p_)                                                        \
                return QRY_ERR_NOMEM;                                       \
            (arr) = p_;                                                     \
            (cap) = ncap_;                                                  \
        }                                                                   \
    } while (0)

static int push_token(qseg *s, size_t start, size_t end, uint32_t flags)
{
    GROW(s->tokens, s->n_tokens, s->cap_tokens);
    s->tokens[s->n_tokens++] = (qry_token){(uint32_t)start, (uint32_t)end, flags, 0};
    return QRY_OK;
}

static int tokenize(qseg *s, const char *t, size_t len)
{
    size_t i = 0;
    uint32_t before = QRY_TOK_SPACE_BEFORE | QRY_TOK_NEWLINE_BEFORE;
    while (i < len) {
        size_t start = i;
        unsigned c = qtext_next(t, len, &i);
        if (is_space_cp(c)) {
            before |= QRY_TOK_SPACE_BEFORE;
            if (c == '\n' || c == 0x2028 || c == 0x2029)
                before |= QRY_TOK_NEWLINE_BEFORE;
            continue;
        }
        uint32_t flags = before;
        before = 0;
        if (is_digit_cp(c)) {
            size_t end = i;
            while (end < len) {
                unsigned char b = (unsigned char)t[end];
                if (b >= '0' && b <= '9')
                    end++;
                else if ((b == ',' || b == '.') && end + 1 < len && t[end + 1] >= '0' && t[end + 1] <= '9')
                    end += 2;
                else
                    break;
            }
            i = end;
            flags |= QRY_TOK_NUMBER;
        } else if (is_letter_cp(c)) {
            int all_upper = is_upper_cp(c);
            if (is_upper_cp(c))
                flags |= QRY_TOK_CAP;
            size_t end = i;
            while (end < len) {
                unsigned char b = (unsigned char)t[end];
                if (b < 0x80) { /* most of a word: one table lookup a byte */
                    uint16_t cl = qtext_ascii_class[b];
                    if (!(cl & (QRY_CP_LETTER | QRY_CP_DIGIT)))
                        break;
                    if (cl & QRY_CP_LOWER)
                        all_upper = 0;
                    end++;
                    continue;
                }
                size_t next = end;
                unsigned d = qtext_next(t, len, &next);
                if (is_digit_cp(d)) {
                    end = next;
                } else if (is_letter_cp(d)) {
                    if (is_lower_letter_cp(d))
                        all_upper = 0;
                    end = next;
                } else {
                    break;
                }
            }
            i = end;
            flags |= QRY_TOK_WORD;
            if (all_upper)
                flags |= QRY_TOK_UPPER;
        } else {
            flags |= QRY_TOK_PUNCT;
        }
        if (push_token(s, start, i, flags) != QRY_OK)
            return QRY_ERR_NOMEM;
    }
    return QRY_OK;
}

/* A document is hard-wrapped when most of its lines have about the same
 * short width and end mid-sentence: then a single line break is a space. */
static int looks_hard_wrapped(const char *t, size_t len)
{
    size_t lines = 0, fixed_width = 0, mid_sentence = 0, line_start = 0;
    for (size_t i = 0; i <= len; i++) {
        const char *nl = i < len ? memchr(t + i, '\n', len - i) : NULL;
        i = nl ? (size_t)(nl - t) : len;
        size_t e = i;
        while (e > line_start && (t[e - 1] == ' ' || t[e - 1] == '\r' || t[e - 1] == '\t'))
            e--;
        if (e > line_start) {
            lines++;
            if (e - line_start >= 35 && e - line_start <= 90)
                fixed_width++;
            char last = t[e - 1];
            if (last != '.' && last != '!' && last != '?' && last != ':' && last != '"' &&
                (unsigned char)last < 0x80)
                mid_sentence++;
        }
        line_start = i + 1;
    }
    return lines >= 5 && fixed_width * 10 >= lines * 7 && mid_sentence * 2 >= lines;
}

static int is_closer(const char *t, const qry_token *tk);
static int tok_is(const char *t, const qry_token *tk, const char *lit);

/* Does the line whose last token is tok_before end a sentence? Only a
 * sentence mark does ("." "!" "?" ":", maybe inside closing quotes or
 * brackets), and a "." not before a lower-case word ("Quist Inc.\nsaid"):
 * a line ending in "&", "," or "-" goes on ("Hambrecht &\nQuist"). */
static int line_ends_sentence(const qseg *s, const char *t, size_t tok_before)
{
    size_t k = tok_before;
    for (int closers = 0; closers < 2 && k > 0 && is_closer(t, &s->tokens[k]); closers++)
        k--;
    const qry_token *tk = &s->tokens[k];
    if (!(tk->flags & QRY_TOK_PUNCT))
        return 0;
    if (tok_is(t, tk, "!") || tok_is(t, tk, "?") || tok_is(t, tk, ":"))
        return 1;
    if (!tok_is(t, tk, "."))
        return 0;
    const qry_token *next = tok_before + 1 < s->n_tokens ? &s->tokens[tok_before + 1] : NULL;
    return !next || !(next->flags & QRY_TOK_WORD) || (next->flags & QRY_TOK_CAP);
}

static int paragraphs(qseg *s, const char *t, size_t len)
{
    int wrapped = looks_hard_wrapped(t, len);
    size_t first = 0;
    for (size_t k = 1; k <= s->n_tokens; k++) {
        int brk = k == s->n_tokens;
        if (!brk && (s->tokens[k].flags & QRY_TOK_NEWLINE_BEFORE)) {
            if (!wrapped) {
                brk = 1;
            } else {
                /* find the newline just before token k */
                size_t nl = s->tokens[k].start;
                while (nl > 0 && t[nl - 1] != '\n')
                    nl--;
                nl = nl ? nl - 1 : 0;
                int indented = s->tokens[k].start > nl + 1 && (t[nl + 1] == ' ' || t[nl + 1] == '\t');
                /* a blank line shows up as two newlines between tokens */
                size_t gap_newlines = 0;
                for (size_t i = s->tokens[k - 1].end; i < s->tokens[k].start; i++)
                    gap_newlines += t[i] == '\n';
                brk = gap_newlines >= 2 || indented || line_ends_sentence(s, t, k - 1);
            }
        }
        if (brk) {
            GROW(s->paragraphs, s->n_paragraphs, s->cap_paragraphs);
            s->paragraphs[s->n_paragraphs++] =
                (qry_span){s->tokens[first].start, s->tokens[k - 1].end};
            first = k;
        }
    }
    return QRY_OK;
}

static int tok_is(const char *t, const qry_token *tk, const char *lit)
{
    size_t n = strlen(lit);
    return tk->end - tk->start == n && memcmp(t + tk->start, lit, n) == 0;
}

/* Words after which a period does not end a sentence. */
static const char *const abbreviations[] = {
    "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Lt", "Col", "Sgt", "Capt", "Adm", "Cmdr", "Maj",
    "Rep", "Sen", "Gov", "Pres", "Rev", "St", "Jr", "Sr", "Inc", "Co", "Corp", "Ltd", "No",
    "vs", "etc", "Jan", "Feb", "Mar", "Apr", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mt",
    "Ft", "approx", "Pvt", "Cpl", "Brig", "Lieut", "Supt", "Insp", "Hon", "Fig",
    "e", "i", "al", NULL};

static int is_abbreviation(const char *t, const qry_token *tk)
{
    if (!(tk->flags & QRY_TOK_WORD))
        return 0;
    size_t n = tk->end - tk->start;
    if (n == 1) /* an initial: "J. Smith", "U.S." */
        return 1;
    for (size_t k = 0; abbreviations[k]; k++)
        if (strlen(abbreviations[k]) == n && memcmp(abbreviations[k], t + tk->start, n) == 0)
            return 1;
    return 0;
}

static int is_closer(const char *t, const qry_token *tk)
{
    return tok_is(t, tk, "\"") || tok_is(t, tk, "\xE2\x80\x9D") || tok_is(t, tk, "\xE2\x80\x99") ||
           tok_is(t, tk, "'") || tok_is(t, tk, ")") || tok_is(t, tk, "]");
}

static int starts_sentence(const char *t, size_t len, const qry_token *tk)
{
    if (tk->flags & (QRY_TOK_CAP | QRY_TOK_NUMBER))
        return 1;
    if (tk->flags & QRY_TOK_PUNCT) {
        size_t i = tk->start;
        unsigned c = qseg_decode(t, len, &i);
        return c == '"' || c == 0x201C || c == 0x2018 || c == '\'' || c == '(' || c == '[' ||
               c == 0x2014 || c == '-';
    }
    return 0;
}

static int sentences(qseg *s, const char *t, size_t len)
{
    size_t tok = 0;
    for (size_t p = 0; p < s->n_paragraphs; p++) {
        const qry_span par = s->paragraphs[p];
        size_t first = tok;
        while (tok < s->n_tokens && s->tokens[tok].end <= par.end) {
            const qry_token *tk = &s->tokens[tok];
            int end_here = 0;
            size_t last = tok;
            if ((tk->flags & QRY_TOK_PUNCT) && (tok_is(t, tk, ".") || tok_is(t, tk, "!") || tok_is(t, tk, "?") ||
                                                 tok_is(t, tk, "\xE2\x80\xA6"))) {
                while (last + 1 < s->n_tokens && s->tokens[last + 1].end <= par.end &&
                       !(s->tokens[last + 1].flags & QRY_TOK_SPACE_BEFORE) &&
                       (is_closer(t, &s->tokens[last + 1]) || tok_is(t, &s->tokens[last + 1], ".") ||
                        tok_is(t, &s->tokens[last + 1], "!") || tok_is(t, &s->tokens[last + 1], "?")))
                    last++;
                int at_par_end = last + 1 >= s->n_tokens || s->tokens[last + 1].end > par.end;
                if (at_par_end) {
                    end_here = 1;
                } else {
                    const qry_token *next = &s->tokens[last + 1];
                    int abbrev = tok_is(t, tk, ".") && tok > first && is_abbreviation(t, &s->tokens[tok - 1]);
                    end_here = (next->flags & QRY_TOK_SPACE_BEFORE) && starts_sentence(t, len, next) && !abbrev;
                }
            }
            int par_last = tok + 1 >= s->n_tokens || s->tokens[tok + 1].end > par.end;
            if (end_here || par_last) {
                if (!end_here)
                    last = tok;
                GROW(s->sentences, s->n_sentences, s->cap_sentences);
                uint32_t idx = (uint32_t)s->n_sentences;
                s->sentences[s->n_sentences++] = (qry_span){s->tokens[first].start, s->tokens[last].end};
                for (size_t k = first; k <= last; k++)
                    s->tokens[k].sentence = idx;
                tok = last + 1;
                first = tok;
                if (par_last || (tok < s->n_tokens && s->tokens[tok].end > par.end))
                    break;
                continue;
            }
            tok++;
        }
    }
    return QRY_OK;
}

int qseg_run(qseg *seg, const char *text, size_t len)
{
    if (len >= UINT32_MAX)
        return QRY_ERR_LIMIT;
    seg->n_paragraphs = seg->n_sentences = seg->n_tokens = 0;
    if (len + 1 + QRY_TEXT_PADDING > seg->cap_text) {
        size_t cap = (len + 1 + QRY_TEXT_PADDING) * 3 / 2;
        char *grown = realloc(seg->text, cap);
        if (!grown)
            return QRY_ERR_NOMEM;
        seg->text = grown;
        seg->cap_text = cap;
    }
    if (len)
        memcpy(seg->text, text, len);
    memset(seg->text + len, 0, 1 + QRY_TEXT_PADDING);
    seg->text_len = len;
    int rc = tokenize(seg, text, len);
    if (rc == QRY_OK)
        rc = paragraphs(seg, text, len);
    if (rc == QRY_OK)
        rc = sentences(seg, text, len);
    return rc;
}

void qseg_view(const qseg *seg, const char *id, uint64_t ordinal, qry_doc_view *view)
{
    *view = (qry_doc_view){
        .struct_size = sizeof *view, .id = id, .text = seg->text, .text_len = seg->text_len,
        .paragraphs = seg->paragraphs, .n_paragraphs = seg->n_paragraphs,
        .sentences = seg->sentences, .n_sentences = seg->n_sentences,
        .tokens = seg->tokens, .n_tokens = seg->n_tokens, .ordinal = ordinal,
    };
}

void qseg_free(qseg *seg)
{
    free(seg->paragraphs);
    free(seg->sentences);
    free(seg->tokens);
    free(seg->text);
    memset(seg, 0, sizeof *seg);
}
