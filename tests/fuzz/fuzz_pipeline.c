/* fuzz_pipeline.c -- arbitrary bytes through the whole default pipeline
 * (segmenter, every shipped plugin, merge, JSON writer) via the embedding
 * API, as one document. The record must be one line of JSON that jansson
 * reads back, with every entity's text equal to its byte span. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "quarry/quarry.h"
#include "text_check.h"

static qry_pipeline *pipeline;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[4096];
    fuzz_environment();
    qry_set_log_level(QRY_LOG_ERROR);
    const char *ini = getenv("QUARRY_FUZZ_INI"); /* NULL: the default pipeline */
    pipeline = qry_pipeline_open(ini, 1, err, sizeof err);
    if (!pipeline) {
        fprintf(stderr, "fuzz: cannot open pipeline:\n%s\n", err);
        abort();
    }
    return 0;
}

static void one(const char *text, size_t size)
{
    char *json = NULL;
    size_t len = 0;
    FUZZ_CHECK(qry_pipeline_extract(pipeline, 0, "fuzz", text, size, &json, &len) == QRY_OK);
    FUZZ_CHECK(len >= 2 && json[len - 1] == '\n' && !memchr(json, '\n', len - 1));
    json_error_t err;
    json_t *rec = json_loadb(json, len, 0, &err);
    FUZZ_CHECK(rec != NULL);
    FUZZ_CHECK(strcmp(json_string_value(json_object_get(rec, "id")), "fuzz") == 0);
    int valid = qtext_check(text, size, NULL, 0) == 0;
    json_t *ents = json_object_get(rec, "entities");
    FUZZ_CHECK(json_is_array(ents) && (valid || json_array_size(ents) == 0));
    size_t k;
    json_t *e;
    json_array_foreach(ents, k, e)
    {
        json_int_t start = json_integer_value(json_object_get(e, "start"));
        json_int_t end = json_integer_value(json_object_get(e, "end"));
        const char *surface = json_string_value(json_object_get(e, "text"));
        FUZZ_CHECK(start >= 0 && start < end && (size_t)end <= size && surface);
        FUZZ_CHECK(strlen(surface) == (size_t)(end - start) && memcmp(surface, text + start, (size_t)(end - start)) == 0);
    }
    json_decref(rec);
    free(json);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    one((const char *)data, size); /* as it comes: invalid text gets a record with an error */
    char *text = fuzz_text(data, size);
    one(text, size);
    free(text);
    return 0;
}
