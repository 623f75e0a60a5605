/* config.c -- the pipeline INI file (see config.h).
 *
 * Two passes over one file. Our own scan walks the raw text exactly as
 * iniparser 4.1's reader does (fgets into a 1024-byte buffer, trailing
 * '\' joins the next line, sscanf-based classification) but remembers
 * where every section and key starts and reports every problem it sees.
 * Only a file that scans clean is handed to iniparser, and the values are
 * taken from iniparser, so quoting and comment rules are iniparser's own.
 * A cross-check afterwards makes sure both passes saw the same names, so a
 * divergence between the two grammars (or a file edited between the two
 * reads) is an error rather than a silently wrong pipeline.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <dictionary.h>
#include <iniparser.h>

#include "quarry/plugin.h"

/* iniparser reads each line with fgets(line, 1024, f): at most 1023 bytes
 * including the '\n', so 1022 bytes of content; any more and it rejects
 * the whole file. A continued line shares the same buffer. */
#define INI_MAX_LINE 1022

/* A pipeline file is a few dozen lines; refuse to slurp something huge
 * that was named by mistake. */
#define MAX_FILE_SIZE (16u * 1024u * 1024u)

/* How much of a bad line or value to quote back in a message. */
#define EXCERPT_MAX 48

/* ---- small helpers ---------------------------------------------------- */

/* iniparser strips with isspace() in the C locale; spelled out so a
 * program that calls setlocale() cannot change what counts as space. */
static int ini_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

static int ascii_lower(int c) { return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c; }

static char *dup_range(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    if (out) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

static char *dup_lower(const char *s, size_t n)
{
    char *out = dup_range(s, n);
    for (size_t i = 0; out && i < n; i++)
        out[i] = (char)ascii_lower((unsigned char)out[i]);
    return out;
}

/* A printable, bounded copy of user text for a one-line message: control
 * bytes become '?', and a cut never splits a UTF-8 sequence. */
static void excerpt(const char *s, size_t n, char *out, size_t outsz)
{
    size_t limit = outsz - 4; /* room for "..." and NUL */
    size_t i = 0, o = 0;
    if (limit > EXCERPT_MAX)
        limit = EXCERPT_MAX;
    while (i < n && o < limit) {
        unsigned char c = (unsigned char)s[i];
        out[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
        i++;
    }
    if (i < n) {
        while (o > 0 && i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) {
            o--;
            i--;
        }
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
}

/* ---- building the result ---------------------------------------------- */

static qcfg_section *find_section(qcfg *cfg, const char *name)
{
    for (size_t i = 0; i < cfg->n_sections; i++)
        if (strcmp(cfg->sections[i].name, name) == 0)
            return &cfg->sections[i];
    return NULL;
}

static qcfg_key *find_key(qcfg_section *sec, const char *name)
{
    for (size_t i = 0; i < sec->n_keys; i++)
        if (strcmp(sec->keys[i].name, name) == 0)
            return &sec->keys[i];
    return NULL;
}

/* Both appenders take ownership of `name` whatever happens, so callers
 * have a single thing to do on failure: report out of memory. The arrays
 * grow one element at a time; pipeline files are tiny. */
static qcfg_section *append_section(qcfg *cfg, char *name, int line)
{
    qcfg_section *grown = realloc(cfg->sections, (cfg->n_sections + 1) * sizeof *grown);
    qcfg_section *sec = NULL;
    if (!grown) {
        free(name);
        goto done;
    }
    cfg->sections = grown;
    sec = &cfg->sections[cfg->n_sections++];
    memset(sec, 0, sizeof *sec);
    sec->name = name;
    sec->line = line;
done:
    return sec;
}

static qcfg_key *append_key(qcfg_section *sec, char *name, int line)
{
    qcfg_key *grown = realloc(sec->keys, (sec->n_keys + 1) * sizeof *grown);
    qcfg_key *key = NULL;
    if (!grown) {
        free(name);
        goto done;
    }
    sec->keys = grown;
    key = &sec->keys[sec->n_keys++];
    key->name = name;
    key->value = NULL; /* filled from iniparser once the scan is clean */
    key->line = line;
done:
    return key;
}

void qcfg_free(qcfg *cfg)
{
    if (!cfg)
        return;
    for (size_t s = 0; s < cfg->n_sections; s++) {
        qcfg_section *sec = &cfg->sections[s];
        for (size_t k = 0; k < sec->n_keys; k++) {
            free(sec->keys[k].name);
            free(sec->keys[k].value);
        }
        free(sec->keys);
        free(sec->name);
    }
    free(cfg->sections);
    free(cfg->path);
    free(cfg->dir);
    free(cfg);
}

/* "dir/file.ini" -> "dir", "file.ini" -> ".", "/file.ini" -> "/". */
static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    while (slash > path && slash[-1] == '/')
        slash--;
    if (slash == path)
        return strdup("/");
    return dup_range(path, (size_t)(slash - path));
}

/* ---- the scan --------------------------------------------------------- */

typedef struct scan {
    qcfg *cfg;
    qdiag *d;
    const char *name;     /* for messages */
    qcfg_section *cur;    /* section keys go to; NULL before the first */
    int in_bad_section;   /* after a rejected header: don't pile on */
    int errors;
    int oom;
} scan;

static void scan_section(scan *sc, const char *s, size_t n, int line)
{
    char ex[EXCERPT_MAX + 4];
    char *lower = NULL;
    qcfg_section *prev;
    const char *name = s + 1, *end = s + n - 1;
    while (name < end && ini_space((unsigned char)*name))
        name++;
    while (end > name && ini_space((unsigned char)end[-1]))
        end--;
    size_t len = (size_t)(end - name);
    /* until the header proves good, keys below it belong nowhere and are
     * not reported again as being outside any section */
    sc->cur = NULL;
    sc->in_bad_section = 1;
    if (len == 0) {
        qdiag_add(sc->d, "%s:%d: empty section name '[]'", sc->name, line);
        sc->errors++;
        goto done;
    }
    /* iniparser would cut "[a]b]" at the first ']' and keep "[" in the
     * name; ':' is its own section:key separator, so such a section could
     * collide with another section's keys. */
    if (memchr(name, '[', len) || memchr(name, ']', len)) {
        excerpt(s, n, ex, sizeof ex);
        qdiag_add(sc->d, "%s:%d: malformed section header '%s'", sc->name, line, ex);
        sc->errors++;
        goto done;
    }
    if (memchr(name, ':', len)) {
        excerpt(name, len, ex, sizeof ex);
        qdiag_add(sc->d, "%s:%d: section name '%s' must not contain ':'", sc->name, line, ex);
        sc->errors++;
        goto done;
    }
    if (!(lower = dup_lower(name, len))) {
        sc->oom = 1;
        goto done;
    }
    if ((prev = find_section(sc->cfg, lower)) != NULL) {
        qdiag_add(sc->d, "%s:%d: duplicate section [%s] (first on line %d)", sc->name, line, lower, prev->line);
        sc->errors++;
        /* iniparser merges a repeated section into the first, so its keys
         * are checked for duplicates against the first one's. */
        sc->cur = prev;
        sc->in_bad_section = 0;
        goto done;
    }
    sc->cur = append_section(sc->cfg, lower, line);
    lower = NULL; /* append_section took it */
    if (!sc->cur) {
        sc->oom = 1;
        goto done;
    }
    sc->in_bad_section = 0;
done:
    free(lower);
}

static void scan_key(scan *sc, const char *s, size_t n, int line)
{
    char ex[EXCERPT_MAX + 4];
    char *lower = NULL;
    qcfg_key *prev;
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        excerpt(s, n, ex, sizeof ex);
        qdiag_add(sc->d, "%s:%d: expected '[section]', 'key = value' or a comment, got '%s'", sc->name, line, ex);
        sc->errors++;
        goto done;
    }
    /* s is stripped, so a key is empty only when the line starts with '='. */
    if (eq == s) {
        qdiag_add(sc->d, "%s:%d: missing key name before '='", sc->name, line);
        sc->errors++;
        goto done;
    }
    size_t len = (size_t)(eq - s);
    while (len > 0 && ini_space((unsigned char)s[len - 1]))
        len--;
    if (!(lower = dup_lower(s, len))) {
        sc->oom = 1;
        goto done;
    }
    if (!sc->cur) {
        if (!sc->in_bad_section) {
            qdiag_add(sc->d, "%s:%d: key '%s' before any [section]", sc->name, line, lower);
            sc->errors++;
        }
        goto done;
    }
    if ((prev = find_key(sc->cur, lower)) != NULL) {
        qdiag_add(sc->d, "%s:%d: duplicate key '%s' in [%s] (first set on line %d)", sc->name, line, lower,
                  sc->cur->name, prev->line);
        sc->errors++;
        goto done;
    }
    if (!append_key(sc->cur, lower, line))
        sc->oom = 1;
    lower = NULL; /* append_key took it */
done:
    free(lower);
}

/* One logical line (continuations already joined, trailing space gone),
 * classified in iniparser_line()'s order. */
static void scan_logical(scan *sc, const char *s, size_t n, int line)
{
    while (n > 0 && ini_space((unsigned char)*s)) {
        s++;
        n--;
    }
    if (n == 0 || s[0] == '#' || s[0] == ';')
        return;
    if (s[0] == '[' && s[n - 1] == ']')
        scan_section(sc, s, n, line);
    else
        scan_key(sc, s, n, line);
}

static int grow(char **buf, size_t *cap, size_t need)
{
    int rc = 0;
    size_t ncap = *cap ? *cap : 256;
    char *nb;
    if (need <= *cap)
        goto done;
    while (ncap < need)
        ncap *= 2;
    if (!(nb = realloc(*buf, ncap))) {
        rc = -1;
        goto done;
    }
    *buf = nb;
    *cap = ncap;
done:
    return rc;
}

/* Scan `len` bytes of `text` into sc->cfg. Returns the number of errors
 * reported (or -1 out of memory). */
static int scan_text(scan *sc, const char *text, size_t len)
{
    char *joined = NULL; /* the logical line being assembled */
    size_t jcap = 0, jlen = 0;
    size_t pos = 0;
    int lineno = 0, first = 0, continuing = 0;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        /* iniparser would read the BOM as part of the first line. */
        qdiag_add(sc->d, "%s:1: the file starts with a UTF-8 byte order mark; save it without one", sc->name);
        sc->errors++;
        pos = 3;
    }
    while (pos < len && !sc->oom) {
        const char *start = text + pos;
        const char *nl = memchr(start, '\n', len - pos);
        size_t plen = nl ? (size_t)(nl - start) : len - pos;
        pos += plen + (nl ? 1 : 0);
        lineno++;
        if (!continuing)
            first = lineno;
        if (memchr(start, '\0', plen)) {
            /* fgets would stop reading the line there. */
            qdiag_add(sc->d, "%s:%d: NUL byte in line", sc->name, lineno);
            sc->errors++;
            continuing = 0;
            jlen = 0;
            continue;
        }
        /* A continued line is read into what is left of the same buffer. */
        if (jlen + plen > INI_MAX_LINE) {
            if (continuing)
                qdiag_add(sc->d, "%s:%d: line too long: with the line(s) it continues it is %zu bytes; at most %d fit",
                          sc->name, lineno, jlen + plen, INI_MAX_LINE);
            else
                qdiag_add(sc->d, "%s:%d: line too long: %zu bytes; at most %d are allowed", sc->name, lineno, plen,
                          INI_MAX_LINE);
            sc->errors++;
            /* keep going: the line's meaning still matters to later lines */
        }
        if (grow(&joined, &jcap, jlen + plen + 1) != 0) {
            sc->oom = 1;
            break;
        }
        memcpy(joined + jlen, start, plen);
        jlen += plen;
        while (jlen > 0 && ini_space((unsigned char)joined[jlen - 1]))
            jlen--;
        if (jlen > 0 && joined[jlen - 1] == '\\') {
            /* the backslash itself is overwritten by the next line */
            jlen--;
            continuing = jlen > 0;
            continue;
        }
        scan_logical(sc, joined, jlen, first);
        continuing = 0;
        jlen = 0;
    }
    if (continuing && !sc->oom) {
        /* iniparser drops an unfinished continuation without a word. */
        qdiag_add(sc->d, "%s:%d: the file ends inside a continued line (a line ending in '\\')", sc->name, first);
        sc->errors++;
    }
    free(joined);
    return sc->oom ? -1 : sc->errors;
}

/* ---- iniparser -------------------------------------------------------- */

/* iniparser's error callback is process-global and carries no user
 * pointer, so loads are serialised and the target list is a static that
 * only the lock holder touches. */
static pthread_mutex_t ini_lock = PTHREAD_MUTEX_INITIALIZER;
static qdiag *ini_diags;
static const char *ini_name;
static int ini_errors;

__attribute__((format(printf, 1, 2))) static int ini_capture(const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    if (n < 0)
        return 0;
    /* iniparser's messages span lines ("...:\n-> text\n"); ours don't. */
    size_t o = 0;
    for (size_t i = 0; msg[i]; i++) {
        char c = msg[i] == '\n' ? ' ' : msg[i];
        if (c == ' ' && (o == 0 || msg[o - 1] == ' '))
            continue;
        msg[o++] = c;
    }
    while (o > 0 && msg[o - 1] == ' ')
        o--;
    msg[o] = '\0';
    qdiag_add(ini_diags, "%s: %s", ini_name, msg);
    ini_errors++;
    return n;
}

/* Load `file` with iniparser, its complaints going to `d` under `name`.
 * Returns the dictionary, or NULL with at least one message added. */
static dictionary *ini_load(const char *file, const char *name, qdiag *d)
{
    dictionary *dict = NULL;
    pthread_mutex_lock(&ini_lock);
    ini_diags = d;
    ini_name = name;
    ini_errors = 0;
    iniparser_set_error_callback(ini_capture);
    dict = iniparser_load(file);
    iniparser_set_error_callback(NULL); /* back to iniparser's default */
    if (!dict && ini_errors == 0)
        qdiag_add(d, "%s: iniparser could not load the file", name);
    if (dict && ini_errors > 0) {
        iniparser_freedict(dict);
        dict = NULL;
    }
    ini_diags = NULL;
    ini_name = NULL;
    pthread_mutex_unlock(&ini_lock);
    return dict;
}

/* The text held in memory, through a private temporary file, since
 * iniparser only reads files. */
static dictionary *ini_load_text(const char *text, size_t len, const char *name, qdiag *d)
{
    dictionary *dict = NULL;
    char *tmpl = NULL;
    int fd = -1, created = 0;
    const char *tmpdir = getenv("TMPDIR");
    if (!tmpdir || !*tmpdir)
        tmpdir = "/tmp";
    size_t tlen = strlen(tmpdir) + sizeof "/quarry-ini-XXXXXX";
    tmpl = malloc(tlen);
    if (!tmpl) {
        qdiag_add(d, "%s: out of memory", name);
        goto done;
    }
    snprintf(tmpl, tlen, "%s/quarry-ini-XXXXXX", tmpdir);
    fd = mkstemp(tmpl); /* mode 0600: nobody else reads or swaps it */
    if (fd < 0) {
        qdiag_add(d, "%s: cannot create a temporary file in %s: %s", name, tmpdir, strerror(errno));
        goto done;
    }
    created = 1;
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            qdiag_add(d, "%s: cannot write temporary file %s: %s", name, tmpl, w < 0 ? strerror(errno) : "short write");
            goto done;
        }
        off += (size_t)w;
    }
    int closed = close(fd);
    fd = -1;
    if (closed != 0) {
        qdiag_add(d, "%s: cannot write temporary file %s: %s", name, tmpl, strerror(errno));
        goto done;
    }
    dict = ini_load(tmpl, name, d);
done:
    if (fd >= 0)
        close(fd);
    if (created)
        unlink(tmpl);
    free(tmpl);
    return dict;
}

/* Fill in values from iniparser, and make sure it saw what we saw. */
static int take_values(qcfg *cfg, dictionary *dict, qdiag *d)
{
    int rc = -1;
    size_t expect = cfg->n_sections;
    char *entry = NULL;
    for (size_t s = 0; s < cfg->n_sections; s++) {
        qcfg_section *sec = &cfg->sections[s];
        if (!iniparser_find_entry(dict, sec->name)) {
            qdiag_add(d, "%s:%d: iniparser did not read section [%s] (was the file changed while being read?)",
                      cfg->path, sec->line, sec->name);
            goto done;
        }
        expect += sec->n_keys;
        for (size_t k = 0; k < sec->n_keys; k++) {
            qcfg_key *key = &sec->keys[k];
            size_t n = strlen(sec->name) + strlen(key->name) + 2;
            free(entry);
            entry = malloc(n);
            if (!entry) {
                qdiag_add(d, "%s: out of memory", cfg->path);
                goto done;
            }
            snprintf(entry, n, "%s:%s", sec->name, key->name);
            /* dictionary_get, not iniparser_getstring: the latter
             * truncates the "section:key" it looks up to 1024 bytes. */
            const char *v = dictionary_get(dict, entry, NULL);
            if (!v) {
                qdiag_add(d, "%s:%d: iniparser did not read key '%s' in [%s] (was the file changed while being read?)",
                          cfg->path, key->line, key->name, sec->name);
                goto done;
            }
            key->value = strdup(v);
            if (!key->value) {
                qdiag_add(d, "%s: out of memory", cfg->path);
                goto done;
            }
        }
    }
    if (dict->n < 0 || (size_t)dict->n != expect) {
        qdiag_add(d, "%s: iniparser read %d sections and keys where quarry's scan found %zu (was the file changed "
                  "while being read?)", cfg->path, dict->n, expect);
        goto done;
    }
    rc = 0;
done:
    free(entry);
    return rc;
}

/* ---- loading ---------------------------------------------------------- */

/* The common body: scan, then let iniparser read either `file` (the same
 * bytes, on disk) or, when file is NULL, a temporary copy of `text`. */
static int load_common(const char *name, const char *dir, const char *file, const char *text, size_t len,
                       qcfg **out, qdiag *d)
{
    int rc = -1, errors;
    dictionary *dict = NULL;
    qcfg *cfg = calloc(1, sizeof *cfg);
    scan sc = {.cfg = cfg, .d = d, .name = name};
    *out = NULL;
    if (!cfg || !(cfg->path = strdup(name)) || !(cfg->dir = strdup(dir))) {
        qdiag_add(d, "%s: out of memory", name);
        goto done;
    }
    errors = scan_text(&sc, text, len);
    if (errors < 0)
        qdiag_add(d, "%s: out of memory", name);
    if (errors != 0)
        goto done;
    dict = file ? ini_load(file, name, d) : ini_load_text(text, len, name, d);
    if (!dict || take_values(cfg, dict, d) != 0)
        goto done;
    *out = cfg;
    cfg = NULL;
    rc = 0;
done:
    if (dict)
        iniparser_freedict(dict);
    qcfg_free(cfg);
    return rc;
}

/* Read the whole of `path`; *regular says whether iniparser can open it
 * again by name and get the same bytes (not a pipe or /dev/stdin). */
static int read_file(const char *path, char **text, size_t *len, int *regular, qdiag *d)
{
    int rc = -1;
    char *buf = NULL;
    size_t n = 0, cap = 0, got = 0;
    struct stat st;
    FILE *f = fopen(path, "rb");
    if (!f) {
        qdiag_add(d, "%s: cannot open: %s", path, strerror(errno));
        goto done;
    }
    if (fstat(fileno(f), &st) != 0) {
        qdiag_add(d, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    if (S_ISDIR(st.st_mode)) {
        qdiag_add(d, "%s: cannot read: %s", path, strerror(EISDIR));
        goto done;
    }
    *regular = S_ISREG(st.st_mode);
    do {
        if (n > MAX_FILE_SIZE) {
            qdiag_add(d, "%s: too large for a pipeline file (over %u bytes)", path, MAX_FILE_SIZE);
            goto done;
        }
        if (grow(&buf, &cap, n + 4096 + 1) != 0) {
            qdiag_add(d, "%s: out of memory", path);
            goto done;
        }
        got = fread(buf + n, 1, 4096, f);
        n += got;
    } while (got == 4096);
    if (ferror(f)) {
        qdiag_add(d, "%s: cannot read: %s", path, strerror(errno));
        goto done;
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    buf = NULL;
    rc = 0;
done:
    if (f)
        fclose(f);
    free(buf);
    return rc;
}

int qcfg_load(const char *path, qcfg **out, qdiag *diags)
{
    int rc = -1;
    char *text = NULL, *dir = NULL;
    size_t len = 0;
    int regular = 0;
    *out = NULL;
    if (read_file(path, &text, &len, &regular, diags) != 0)
        goto done;
    dir = dir_of(path);
    if (!dir) {
        qdiag_add(diags, "%s: out of memory", path);
        goto done;
    }
    rc = load_common(path, dir, regular ? path : NULL, text, len, out, diags);
done:
    free(text);
    free(dir);
    return rc;
}

int qcfg_load_text(const char *name, const char *dir, const char *text, qcfg **out, qdiag *diags)
{
    return load_common(name ? name : "<default>", dir ? dir : ".", NULL, text ? text : "", text ? strlen(text) : 0,
                       out, diags);
}

/* ---- lookups ---------------------------------------------------------- */

const qcfg_section *qcfg_section_get(const qcfg *cfg, const char *section)
{
    for (size_t i = 0; cfg && section && i < cfg->n_sections; i++)
        if (strcasecmp(cfg->sections[i].name, section) == 0)
            return &cfg->sections[i];
    return NULL;
}

const qcfg_key *qcfg_key_get(const qcfg_section *sec, const char *key)
{
    for (size_t i = 0; sec && key && i < sec->n_keys; i++)
        if (strcasecmp(sec->keys[i].name, key) == 0)
            return &sec->keys[i];
    return NULL;
}

/* ---- typed values ----------------------------------------------------- */

/* Values are parsed strictly: no surrounding space (iniparser already
 * strips unquoted values, so space can only come from quotes, where it is
 * most likely a mistake), no trailing junk, no octal or hex surprises. */

int qcfg_parse_int(const char *value, long long *out)
{
    int rc = -1;
    const char *p = value;
    char *end = NULL;
    if (!p)
        goto done;
    if (*p == '+' || *p == '-')
        p++;
    if (*p < '0' || *p > '9')
        goto done;
    for (const char *q = p; *q; q++)
        if (*q < '0' || *q > '9')
            goto done;
    errno = 0;
    /* base 10 always: "010" is ten, not octal eight */
    long long v = strtoll(value, &end, 10);
    if (errno == ERANGE || *end)
        goto done;
#if LLONG_MAX > INT64_MAX
    if (v < INT64_MIN || v > INT64_MAX) /* the ABI promises int64_t */
        goto done;
#endif
    *out = v;
    rc = 0;
done:
    return rc;
}

/* [+-] digits [. digits] [e [+-] digits], at least one mantissa digit:
 * strtod alone would also take "inf", "nan", hex and leading space. */
static int is_decimal_float(const char *p)
{
    int digits = 0;
    if (*p == '+' || *p == '-')
        p++;
    for (; *p >= '0' && *p <= '9'; p++)
        digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (!digits)
        return 0;
    if (*p == 'e' || *p == 'E') {
        int exp_digits = 0;
        p++;
        if (*p == '+' || *p == '-')
            p++;
        for (; *p >= '0' && *p <= '9'; p++)
            exp_digits++;
        if (!exp_digits)
            return 0;
    }
    return *p == '\0';
}

int qcfg_parse_double(const char *value, double *out)
{
    int rc = -1;
    char *end = NULL;
    if (!value || !is_decimal_float(value))
        goto done;
    /* quarry never calls setlocale(), so strtod's decimal point is '.' */
    double v = strtod(value, &end);
    if (*end || !isfinite(v))
        goto done;
    *out = v;
    rc = 0;
done:
    return rc;
}

int qcfg_parse_bool(const char *value, int *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    int rc = -1;
    for (size_t i = 0; value && i < sizeof yes / sizeof *yes; i++) {
        if (strcasecmp(value, yes[i]) == 0) {
            *out = 1;
            rc = 0;
        } else if (strcasecmp(value, no[i]) == 0) {
            *out = 0;
            rc = 0;
        }
    }
    return rc;
}

int qcfg_check_value(int option_type, const char *value, char *why, size_t whysz)
{
    char ex[EXCERPT_MAX + 4];
    char dummy[1];
    int rc = -1;
    long long i;
    double x;
    int b;
    if (!why || whysz == 0) {
        why = dummy;
        whysz = sizeof dummy;
    }
    why[0] = '\0';
    if (!value)
        value = "";
    excerpt(value, strlen(value), ex, sizeof ex);
    switch (option_type) {
    case QRY_OPT_STRING:
    case QRY_OPT_LIST:
        rc = 0;
        break;
    case QRY_OPT_PATH:
        if (*value)
            rc = 0;
        else
            snprintf(why, whysz, "expected a file path, got an empty value");
        break;
    case QRY_OPT_INT:
        if (qcfg_parse_int(value, &i) == 0)
            rc = 0;
        else if (is_decimal_float(value) && !strpbrk(value, ".eE"))
            snprintf(why, whysz, "integer out of range (%lld to %lld), got '%s'", (long long)INT64_MIN,
                     (long long)INT64_MAX, ex);
        else
            snprintf(why, whysz, "expected an integer, got '%s'", ex);
        break;
    case QRY_OPT_DOUBLE:
        if (qcfg_parse_double(value, &x) == 0)
            rc = 0;
        else if (is_decimal_float(value))
            snprintf(why, whysz, "number out of range, got '%s'", ex);
        else
            snprintf(why, whysz, "expected a number, got '%s'", ex);
        break;
    case QRY_OPT_BOOL:
        if (qcfg_parse_bool(value, &b) == 0)
            rc = 0;
        else
            snprintf(why, whysz, "expected true/false, yes/no, on/off or 1/0, got '%s'", ex);
        break;
    default:
        snprintf(why, whysz, "unknown option type %d", option_type);
        break;
    }
    return rc;
}

/* ---- did you mean ----------------------------------------------------- */

/* Longer names than this get no suggestion; option and section names are
 * short, and a fixed bound keeps the distance table off the heap. */
#define SUGGEST_MAX 64

/* Optimal string alignment distance (Levenshtein plus adjacent
 * transposition: "plguins" is one slip from "plugins"), ASCII
 * case-insensitive, giving up once every cell exceeds `limit`. */
static size_t edit_distance(const char *a, size_t na, const char *b, size_t nb, size_t limit)
{
    size_t rows[3][SUGGEST_MAX + 1];
    size_t *pp = rows[0], *prev = rows[1], *cur = rows[2];
    for (size_t j = 0; j <= nb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= na; i++) {
        size_t best = cur[0] = i;
        int ca = ascii_lower((unsigned char)a[i - 1]);
        for (size_t j = 1; j <= nb; j++) {
            int cb = ascii_lower((unsigned char)b[j - 1]);
            size_t v = prev[j - 1] + (ca != cb);
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && ca == ascii_lower((unsigned char)b[j - 2]) &&
                ascii_lower((unsigned char)a[i - 2]) == cb && pp[j - 2] + 1 < v)
                v = pp[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        size_t *t = pp;
        pp = prev;
        prev = cur;
        cur = t;
    }
    return prev[nb];
}

const char *qcfg_suggest(const char *word, const char *const *candidates)
{
    const char *best = NULL;
    size_t nw = word ? strlen(word) : 0;
    if (nw == 0 || nw > SUGGEST_MAX || !candidates)
        return NULL;
    size_t limit = nw / 3 > 1 ? nw / 3 : 1;
    size_t best_d = limit + 1;
    for (size_t k = 0; candidates[k]; k++) {
        size_t nc = strlen(candidates[k]);
        size_t gap = nc > nw ? nc - nw : nw - nc;
        if (nc > SUGGEST_MAX || gap >= best_d)
            continue;
        size_t dist = edit_distance(word, nw, candidates[k], nc, best_d - 1);
        if (dist < best_d) {
            best_d = dist;
            best = candidates[k];
        }
    }
    return best;
}
