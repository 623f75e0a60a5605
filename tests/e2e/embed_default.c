/* embed_default.c -- a program that embeds quarry: the default pipeline
 * over one sentence, the record on stdout. The SDK test builds it against
 * an installed, then moved, prefix and runs it with no environment. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <quarry/quarry.h>

int main(void)
{
    char err[4096];
    qry_pipeline *p = qry_pipeline_open(NULL, 1, err, sizeof err);
    if (!p) {
        fprintf(stderr, "embed_default: %s\n", err);
        return 1;
    }
    const char *text = "Berlin pledged \xE2\x82\xAC" "500 million for IRIS-T systems.";
    char *json = NULL;
    size_t len = 0;
    int rc = qry_pipeline_extract(p, 0, "doc", text, strlen(text), &json, &len);
    if (rc == QRY_OK)
        fwrite(json, 1, len, stdout);
    free(json);
    qry_pipeline_close(p);
    return rc == QRY_OK ? 0 : 1;
}
