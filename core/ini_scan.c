/* ini_scan.c -- see ini_scan.h.
 *
 * The walk copies iniparser 4.1's reader: fgets into a 1024-byte buffer, a
 * trailing '\' joins the next line into what is left of the same buffer,
 * and each logical line is classified in iniparser_line()'s order (blank or
 * comment, "[section]", "key = value"). Where iniparser would fail the whole
 * file, merge or drop something silently, this scan says so, naming the
 * line, and goes on so that every problem is reported in one pass.
 */
#include "ini_scan.h"

#include <stdlib.h>
#include <string.h>

/* iniparser reads each line with fgets(line, 1024, f): at most 1023 bytes
 * including the '\n', so 1022 bytes of content; any more and it rejects
 * the whole file. A continued line shares the same buffer. */
#define INI_MAX_LINE 1022

typedef struct scan {
    qcfg *cfg;
    qdiag *d;
    const char *name;   /* for messages */
    qcfg_section *cur;  /* section keys go to; NULL before the first */
    int in_bad_section; /* after a rejected header: don't pile on */
    int errors;
    int oom;
} scan;

/* iniparser strips with isspace() in the C locale; spelled out so a
 * program that calls setlocale() cannot change what counts as space. */
static int ini_space(int c) { return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'; }

static char *dup_lower(const char *s, size_t n)
{
    char *out = malloc(n + 1);
    for (size_t i = 0; out && i < n; i++)
        out[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
    if (out)
        out[n] = '\0';
    return out;
}

static void problem(scan *sc, int line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void problem(scan *sc, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    qdiag_vat(sc->d, sc->name, line, NULL, NULL, fmt, ap);
    va_end(ap);
    sc->errors++;
}

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
    if (!grown) {
        free(name);
        return NULL;
    }
    cfg->sections = grown;
    qcfg_section *sec = &cfg->sections[cfg->n_sections++];
    memset(sec, 0, sizeof *sec);
    sec->name = name;
    sec->line = line;
    return sec;
}

static qcfg_key *append_key(qcfg_section *sec, char *name, int line)
{
    qcfg_key *grown = realloc(sec->keys, (sec->n_keys + 1) * sizeof *grown);
    if (!grown) {
        free(name);
        return NULL;
    }
    sec->keys = grown;
    qcfg_key *key = &sec->keys[sec->n_keys++];
    key->name = name;
    key->value = NULL; /* filled from iniparser once the scan is clean */
    key->line = line;
    return key;
}

static void scan_section(scan *sc, const char *s, size_t n, int line)
{
    char ex[QDIAG_EXCERPT_SIZE];
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
        problem(sc, line, "empty section name '[]'");
        goto done;
    }
    /* iniparser would cut "[a]b]" at the first ']' and keep "[" in the
     * name; ':' is its own section:key separator, so such a section could
     * collide with another section's keys. */
    if (memchr(name, '[', len) || memchr(name, ']', len)) {
        qdiag_excerpt(s, n, ex, sizeof ex);
        problem(sc, line, "malformed section header '%s'", ex);
        goto done;
    }
    if (memchr(name, ':', len)) {
        qdiag_excerpt(name, len, ex, sizeof ex);
        problem(sc, line, "section name '%s' must not contain ':'", ex);
        goto done;
    }
    if (!(lower = dup_lower(name, len))) {
        sc->oom = 1;
        goto done;
    }
    if ((prev = find_section(sc->cfg, lower)) != NULL) {
        problem(sc, line, "duplicate section [%s] (first on line %d)", lower, prev->line);
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
    char ex[QDIAG_EXCERPT_SIZE];
    char *lower = NULL;
    qcfg_key *prev;
    const char *eq = memchr(s, '=', n);
    if (!eq) {
        qdiag_excerpt(s, n, ex, sizeof ex);
        problem(sc, line, "expected '[section]', 'key = value' or a comment, got '%s'", ex);
        goto done;
    }
    /* s is stripped, so a key is empty only when the line starts with '='. */
    if (eq == s) {
        problem(sc, line, "missing key name before '='");
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
        if (!sc->in_bad_section)
            problem(sc, line, "key '%s' before any [section]", lower);
        goto done;
    }
    if ((prev = find_key(sc->cur, lower)) != NULL) {
        problem(sc, line, "duplicate key '%s' in [%s] (first set on line %d)", lower, sc->cur->name, prev->line);
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
    size_t ncap = *cap ? *cap : 256;
    if (need <= *cap)
        return 0;
    while (ncap < need)
        ncap *= 2;
    char *nb = realloc(*buf, ncap);
    if (!nb)
        return -1;
    *buf = nb;
    *cap = ncap;
    return 0;
}

int qini_scan(qcfg *cfg, const char *text, size_t len, qdiag *d)
{
    scan sc_ = {.cfg = cfg, .d = d, .name = cfg->path}, *sc = &sc_;
    char *joined = NULL; /* the logical line being assembled */
    size_t jcap = 0, jlen = 0;
    size_t pos = 0;
    int lineno = 0, first = 0, continuing = 0;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        /* iniparser would read the BOM as part of the first line. */
        problem(sc, 1, "the file starts with a UTF-8 byte order mark; save it without one");
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
            problem(sc, lineno, "NUL byte in line");
            continuing = 0;
            jlen = 0;
            continue;
        }
        /* A continued line is read into what is left of the same buffer. */
        if (jlen + plen > INI_MAX_LINE) {
            if (continuing)
                problem(sc, lineno, "line too long: with the line(s) it continues it is %zu bytes; at most %d fit",
                        jlen + plen, INI_MAX_LINE);
            else
                problem(sc, lineno, "line too long: %zu bytes; at most %d are allowed", plen, INI_MAX_LINE);
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
    if (continuing && !sc->oom) /* iniparser drops an unfinished continuation without a word. */
        problem(sc, first, "the file ends inside a continued line (a line ending in '\\')");
    free(joined);
    return sc->oom ? -1 : sc->errors;
}
