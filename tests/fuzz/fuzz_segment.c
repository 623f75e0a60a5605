/* fuzz_segment.c -- the core's tokenizer and sentence splitter on any
 * valid text. Paragraphs, sentences and tokens must be in order, never
 * overlap, lie inside the text and inside each other, start and end on
 * character boundaries; a token is exactly one of word, number or
 * punctuation and never white space; the padded copy plugins read must
 * equal the text and end in zero bytes. */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "segment.h"
#include "text_check.h"

static qseg seg;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static int boundary(const char *text, size_t len, size_t at)
{
    return at == len || ((unsigned char)text[at] & 0xC0) != 0x80;
}

static void check_spans(const qry_span *s, size_t n, const char *text, size_t len)
{
    for (size_t k = 0; k < n; k++) {
        FUZZ_CHECK(s[k].start < s[k].end && s[k].end <= len);
        FUZZ_CHECK(boundary(text, len, s[k].start) && boundary(text, len, s[k].end));
        FUZZ_CHECK(k == 0 || s[k - 1].end <= s[k].start);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size); /* the readers never hand on anything else */
    FUZZ_CHECK(qseg_run(&seg, text, size) == QRY_OK);
    qry_doc_view v;
    qseg_view(&seg, "fuzz", 0, &v);
    FUZZ_CHECK(v.text_len == size && memcmp(v.text, text, size) == 0);
    for (size_t k = 0; k <= QRY_TEXT_PADDING; k++)
        FUZZ_CHECK(v.text[size + k] == '\0');
    check_spans(v.paragraphs, v.n_paragraphs, text, size);
    check_spans(v.sentences, v.n_sentences, text, size);
    size_t p = 0;
    for (size_t k = 0; k < v.n_sentences; k++) { /* each sentence inside one paragraph */
        while (p < v.n_paragraphs && v.paragraphs[p].end <= v.sentences[k].start)
            p++;
        FUZZ_CHECK(p < v.n_paragraphs && v.paragraphs[p].start <= v.sentences[k].start &&
                   v.sentences[k].end <= v.paragraphs[p].end);
    }
    for (size_t k = 0; k < v.n_tokens; k++) {
        const qry_token *t = &v.tokens[k];
        FUZZ_CHECK(t->start < t->end && t->end <= size && boundary(text, size, t->start) && boundary(text, size, t->end));
        FUZZ_CHECK(k == 0 || v.tokens[k - 1].end <= t->start);
        unsigned kind = t->flags & (QRY_TOK_WORD | QRY_TOK_NUMBER | QRY_TOK_PUNCT);
        FUZZ_CHECK(kind == QRY_TOK_WORD || kind == QRY_TOK_NUMBER || kind == QRY_TOK_PUNCT);
        FUZZ_CHECK(t->sentence < v.n_sentences);
        const qry_span *s = &v.sentences[t->sentence];
        FUZZ_CHECK(s->start <= t->start && t->end <= s->end);
        FUZZ_CHECK(!strchr(" \t\n\r", text[t->start]));
    }
    free(text);
    return 0;
}
