/* cmd_tokens.c -- `quarry tokens [FILE|-]`: the core's paragraphs,
 * sentences and tokens of one text, with offsets and flags -- exactly
 * what every plugin's process() receives. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cli.h"
#include "segment.h"
#include "text_check.h"
#include "token_dump.h"

static int read_all(FILE *f, qbuf *b)
{
    char chunk[65536];
    size_t n;
    while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
        qbuf_append(b, chunk, n);
    return ferror(f) || b->oom ? -1 : 0;
}

int cli_tokens(int argc, char **argv)
{
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            puts("usage: quarry tokens [FILE|-]\n"
                 "Print how the core segments FILE (standard input without one, or with -):\n"
                 "paragraphs, sentences and tokens with byte offsets [start,end), flags\n"
                 "(WORD NUMBER PUNCT CAP UPPER SPACE_BEFORE NEWLINE_BEFORE) and text -- what\n"
                 "a plugin's process() is given. The text must be UTF-8.");
            return 0;
        }
        if (path || (argv[i][0] == '-' && argv[i][1]))
            return cli_usage_error("tokens", "unexpected argument '%s'", argv[i]);
        path = argv[i];
    }
    int from_stdin = !path || strcmp(path, "-") == 0;
    const char *name = from_stdin ? "<stdin>" : path;
    FILE *f = from_stdin ? stdin : fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "quarry tokens: %s: %s\n", name, strerror(errno));
        return 1;
    }
    qbuf text = {0}, out = {0};
    int rc = read_all(f, &text);
    if (!from_stdin)
        fclose(f);
    int status = 1;
    char why[160];
    qseg seg = {0};
    if (rc != 0) {
        fprintf(stderr, "quarry tokens: %s: cannot read: %s\n", name, text.oom ? "out of memory" : strerror(errno));
    } else if (qtext_check(text.data ? text.data : "", text.len, why, sizeof why) != 0) {
        fprintf(stderr, "quarry tokens: %s: %s\n", name, why);
    } else if (qseg_run(&seg, text.data ? text.data : "", text.len) != QRY_OK) {
        fprintf(stderr, "quarry tokens: %s: cannot segment (out of memory or over 4 GiB)\n", name);
    } else {
        qry_doc_view view;
        qseg_view(&seg, name, 0, &view);
        qtokens_dump(&view, &out);
        if (!out.oom && fwrite(out.data ? out.data : "", 1, out.len, stdout) == out.len && fflush(stdout) == 0)
            status = 0;
        else
            fprintf(stderr, "quarry tokens: cannot write the dump\n");
    }
    qseg_free(&seg);
    qbuf_free(&text);
    qbuf_free(&out);
    return status;
}
