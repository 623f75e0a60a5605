/* resume.c -- see resume.h. The kept records are read a second time, one
 * line per document as the inputs are read, so memory stays flat however
 * large the output already is. */
#include "resume.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "text_check.h"

/* The offset just past the last '\n' of the file: where whole records end. */
static long long last_line_end(int fd, long long size)
{
    char block[65536];
    long long end = size;
    while (end > 0) {
        long long from = end > (long long)sizeof block ? end - (long long)sizeof block : 0;
        ssize_t n = pread(fd, block, (size_t)(end - from), (off_t)from);
        if (n <= 0)
            return -1;
        for (ssize_t k = n; k-- > 0;)
            if (block[k] == '\n')
                return from + k + 1;
        end = from;
    }
    return 0;
}

int qresume_open(qresume *rs, int fd, const char *name, const qrun_source *inner, long long *torn, qdiag *d)
{
    struct stat st;
    memset(rs, 0, sizeof *rs);
    rs->inner = inner;
    rs->name = name;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        qdiag_at(d, name, 0, NULL, NULL, "--resume needs a regular file to continue");
        return -1;
    }
    long long keep = last_line_end(fd, (long long)st.st_size);
    if (keep < 0 || ftruncate(fd, (off_t)keep) != 0 || lseek(fd, (off_t)keep, SEEK_SET) < 0) {
        qdiag_at(d, name, 0, NULL, NULL, "--resume: cannot prepare the file: %s", strerror(errno ? errno : EIO));
        return -1;
    }
    *torn = (long long)st.st_size - keep;
    rs->keep_bytes = keep;
    int rfd = open(name, O_RDONLY | O_CLOEXEC);
    rs->prev = rfd >= 0 ? fdopen(rfd, "rb") : NULL;
    if (!rs->prev) {
        if (rfd >= 0)
            close(rfd);
        qdiag_at(d, name, 0, NULL, NULL, "--resume: cannot read the file: %s", strerror(errno));
        return -1;
    }
    qline_init(&rs->lines, rs->prev, 0);
    rs->done = keep == 0;
    return 0;
}

/* The id of a record line as a string (NUL-free: a record's id is); NULL
 * when the line is not a quarry record. */
static char *record_id(const char *line, size_t len)
{
    static const char head[] = "{\"id\": \"";
    size_t h = sizeof head - 2; /* up to the opening quote */
    if (len < sizeof head || memcmp(line, head, sizeof head - 1) != 0)
        return NULL;
    size_t k = h + 1;
    while (k < len && line[k] != '"')
        k += line[k] == '\\' ? 2 : 1;
    if (k >= len)
        return NULL;
    json_error_t err;
    json_t *s = json_loadb(line + h, k - h + 1, JSON_DECODE_ANY, &err);
    char *id = json_is_string(s) ? strdup(json_string_value(s)) : NULL;
    json_decref(s);
    return id;
}

/* The id as the record writes it: invalid UTF-8 bytes become U+FFFD. */
static int same_id(const char *record, const char *doc)
{
    size_t len = strlen(doc);
    while (len) {
        size_t ok = qtext_utf8_prefix(doc, len);
        if (strncmp(record, doc, ok) != 0)
            return 0;
        record += ok;
        doc += ok;
        len -= ok;
        if (!len)
            break;
        if (strncmp(record, "\xEF\xBF\xBD", 3) != 0)
            return 0;
        record += 3;
        doc++;
        len--;
    }
    return *record == '\0';
}

int qresume_next(void *ctx, qin_doc *doc, qdiag *diags)
{
    qresume *rs = ctx;
    for (;;) {
        int got = rs->inner->next(rs->inner->ctx, doc, diags);
        if (got <= 0 || rs->done) {
            if (got == 0 && !rs->done) {
                qdiag_at(diags, rs->name, 0, NULL, NULL,
                         "--resume: the file holds more records than the inputs have documents (%llu read): "
                         "not the output of these inputs",
                         rs->kept);
                return -1;
            }
            return got;
        }
        const char *line;
        size_t len;
        int rc = qline_next(&rs->lines, &line, &len);
        char *id = rc == 1 ? record_id(line, len) : NULL;
        if (rc == 1)
            rs->read_bytes += (long long)len + 1;
        if (!id) {
            qdiag_at(diags, rs->name, 0, NULL, NULL, "--resume: line %llu is not a quarry record: cannot continue",
                     rs->kept + 1);
            qin_doc_clear(doc);
            return -1;
        }
        int same = same_id(id, doc->id ? doc->id : "");
        if (!same) {
            qdiag_at(diags, rs->name, 0, NULL, NULL,
                     "--resume: record %llu is '%s' but input document %llu is '%s': not the output of these inputs",
                     rs->kept + 1, id, rs->kept + 1, doc->id ? doc->id : "");
            free(id);
            qin_doc_clear(doc);
            return -1;
        }
        free(id);
        qin_doc_clear(doc);
        rs->kept++;
        if (rs->read_bytes >= rs->keep_bytes)
            rs->done = 1;
    }
}

unsigned long long qresume_skipped(const qresume *rs) { return rs->kept; }

void qresume_close(qresume *rs)
{
    qline_free(&rs->lines);
    if (rs->prev)
        fclose(rs->prev);
    rs->prev = NULL;
}
