/* fuzz_json_doc.c -- the JSON Lines fast path against jansson: whatever
 * line json_doc.c reads itself, jansson must read too, to the same id and
 * the same text. A line the fast path hands back is never a finding (it is
 * jansson's to read); a line it reads that jansson rejects is, except for
 * numbers too large for jansson, which the reader quotes and reads again. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "json_doc.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void same_string(json_t *v, const char *s, size_t len)
{
    if (!s) {
        FUZZ_CHECK(v == NULL);
        return;
    }
    FUZZ_CHECK(json_is_string(v));
    FUZZ_CHECK(json_string_length(v) == len);
    FUZZ_CHECK(memcmp(json_string_value(v), s, len) == 0);
    FUZZ_CHECK(s[len] == '\0');
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    qjson_doc d;
    int rc = qjson_doc_fast((const char *)data, size, "id", "text", &d);
    FUZZ_CHECK(rc == QJSON_OK || rc == QJSON_FALLBACK);
    if (rc != QJSON_OK) {
        FUZZ_CHECK(!d.id && !d.text);
        return 0;
    }
    json_error_t err;
    json_t *obj = json_loadb((const char *)data, size, JSON_ALLOW_NUL, &err);
    if (!obj) {
        FUZZ_CHECK(json_error_code(&err) == json_error_numeric_overflow);
    } else {
        FUZZ_CHECK(json_is_object(obj));
        same_string(json_object_get(obj, "id"), d.id, d.id_len);
        same_string(json_object_get(obj, "text"), d.text, d.text_len);
        json_decref(obj);
    }
    free(d.id);
    free(d.text);
    return 0;
}
