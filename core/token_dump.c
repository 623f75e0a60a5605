/* token_dump.c -- see token_dump.h. */
#include "token_dump.h"

static void flag_names(uint32_t flags, qbuf *out)
{
    static const struct { uint32_t bit; const char *name; } names[] = {
        {QRY_TOK_WORD, "WORD"},   {QRY_TOK_NUMBER, "NUMBER"}, {QRY_TOK_PUNCT, "PUNCT"},
        {QRY_TOK_CAP, "CAP"},     {QRY_TOK_UPPER, "UPPER"},   {QRY_TOK_SPACE_BEFORE, "SPACE_BEFORE"},
        {QRY_TOK_NEWLINE_BEFORE, "NEWLINE_BEFORE"},
    };
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (flags & names[k].bit)
            qbuf_printf(out, " %s", names[k].name);
}

void qtokens_dump(const qry_doc_view *doc, qbuf *out)
{
    size_t s = 0, t = 0;
    for (size_t p = 0; p < doc->n_paragraphs; p++) {
        const qry_span par = doc->paragraphs[p];
        qbuf_printf(out, "paragraph %zu [%u,%u)\n", p, par.start, par.end);
        for (; s < doc->n_sentences && doc->sentences[s].end <= par.end; s++) {
            const qry_span sen = doc->sentences[s];
            qbuf_printf(out, "  sentence %zu [%u,%u)\n", s, sen.start, sen.end);
            for (; t < doc->n_tokens && doc->tokens[t].end <= sen.end; t++) {
                const qry_token *tk = &doc->tokens[t];
                qbuf_printf(out, "    %zu [%u,%u)", t, tk->start, tk->end);
                flag_names(tk->flags, out);
                qbuf_puts(out, " ");
                qbuf_json_string(out, doc->text + tk->start, tk->end - tk->start);
                qbuf_puts(out, "\n");
            }
        }
    }
}
