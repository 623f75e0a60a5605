/* fuzz_jsonl.c -- arbitrary bytes as a JSON Lines file through the input
 * reader, with a small max_doc_size so the limits are exercised too, and
 * each document's record through the JSON writer. Every document must
 * have an id and a source, exactly one of text or error, a text that is
 * valid UTF-8 without NUL and within the limit, ordinals counting up; and
 * every record must be one line jansson reads back. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "fuzz.h"
#include "input.h"
#include "output.h"
#include "record.h"
#include "text_check.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

static void check_record(qrecord *rec, qbuf *line, const qin_doc *doc)
{
    FUZZ_CHECK(qrec_begin(rec, doc->id, doc->text ? doc->text : "", doc->text ? doc->len : 0) == QRY_OK);
    if (doc->error)
        FUZZ_CHECK(qrec_add_error(rec, NULL, doc->error_code ? doc->error_code : QRY_ERR_INVALID, doc->error) == QRY_OK);
    if (doc->note)
        FUZZ_CHECK(qrec_add_error(rec, NULL, QRY_ERR_INVALID, doc->note) == QRY_OK);
    line->len = 0;
    qout_jsonl(line, rec);
    FUZZ_CHECK(!line->oom && line->len && line->data[line->len - 1] == '\n');
    FUZZ_CHECK(!memchr(line->data, '\n', line->len - 1));
    json_error_t err;
    json_t *j = json_loadb(line->data, line->len, 0, &err);
    FUZZ_CHECK(j && json_is_string(json_object_get(j, "id")));
    json_decref(j);
}

static void read_all(const char *path, size_t max)
{
    const char *paths[] = {path};
    qin_options opts = {.format = QIN_JSONL, .max_doc_bytes = max};
    qin *in = qin_open(paths, 1, &opts);
    FUZZ_CHECK(in != NULL);
    qdiag d = {0};
    qin_doc doc = {0};
    qrecord rec = {0};
    qbuf line = {0};
    uint64_t expect = 0;
    int rc;
    while ((rc = qin_next(in, &doc, &d)) == 1) {
        FUZZ_CHECK(doc.id && doc.source);
        FUZZ_CHECK((doc.text == NULL) != (doc.error == NULL));
        FUZZ_CHECK(doc.ordinal == expect++);
        if (doc.text) {
            FUZZ_CHECK(strlen(doc.text) == doc.len);
            FUZZ_CHECK(qtext_check(doc.text, doc.len, NULL, 0) == 0);
            FUZZ_CHECK(!max || doc.len <= max);
        } else {
            FUZZ_CHECK(!strchr(doc.error, '\n'));
        }
        check_record(&rec, &line, &doc);
        qin_doc_clear(&doc);
    }
    FUZZ_CHECK(rc == 0 && d.n == 0);
    qrec_free(&rec);
    qbuf_free(&line);
    qdiag_free(&d);
    qin_close(in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    read_all(path, 0);
    read_all(path, 24); /* a limit most lines pass over */
    close(fd);
    return 0;
}
