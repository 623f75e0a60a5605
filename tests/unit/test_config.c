/* test_config.c -- the INI layer: line numbers, every error in one pass,
 * iniparser's value rules, typed checks and suggestions. Fixtures are
 * written from strings into a private temporary directory. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "config.h"
#include "quarry/plugin.h"
#include "suggest.h"
#include "values.h"

#define MAX_FIXTURES 64

static char tmpdir[4096];
static char *fixtures[MAX_FIXTURES];
static size_t n_fixtures;

static int group_setup(void **state)
{
    (void)state;
    const char *base = getenv("TMPDIR");
    snprintf(tmpdir, sizeof tmpdir, "%s/quarry-cfgtest-XXXXXX", base && *base ? base : "/tmp");
    return mkdtemp(tmpdir) ? 0 : -1;
}

static int group_teardown(void **state)
{
    (void)state;
    /* in reverse, so files go before the directories holding them */
    for (size_t i = n_fixtures; i-- > 0;) {
        struct stat st;
        if (lstat(fixtures[i], &st) == 0 && S_ISDIR(st.st_mode))
            rmdir(fixtures[i]);
        else
            unlink(fixtures[i]);
        free(fixtures[i]);
    }
    n_fixtures = 0;
    return rmdir(tmpdir);
}

static const char *remember(const char *name)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/%s", tmpdir, name);
    assert_true(n_fixtures < MAX_FIXTURES);
    fixtures[n_fixtures] = strdup(path);
    assert_non_null(fixtures[n_fixtures]);
    return fixtures[n_fixtures++];
}

/* Write `len` bytes (which may hold a NUL) to tmpdir/name. */
static const char *write_bytes(const char *name, const char *text, size_t len)
{
    const char *path = remember(name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, len, f), len);
    assert_int_equal(fclose(f), 0);
    return path;
}

static const char *write_ini(const char *name, const char *text) { return write_bytes(name, text, strlen(text)); }

/* Diagnostic i as the user reads it. */
static const char *diag_text(const qdiag *d, size_t i)
{
    static char buf[8192];
    qdiag_format(&d->items[i], buf, sizeof buf);
    return buf;
}

/* Is `expect` exactly one of the diagnostics? Prints them all if not. */
static int has_diag(const qdiag *d, const char *expect)
{
    for (size_t i = 0; i < d->n; i++)
        if (strcmp(diag_text(d, i), expect) == 0)
            return 1;
    fprintf(stderr, "missing diagnostic: %s\ngot %zu:\n", expect, d->n);
    for (size_t i = 0; i < d->n; i++)
        fprintf(stderr, "  %s\n", diag_text(d, i));
    return 0;
}

static int has_diag_fmt(const qdiag *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int has_diag_fmt(const qdiag *d, const char *fmt, ...)
{
    char buf[8192];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    return has_diag(d, buf);
}

static const char *value_of(const qcfg *cfg, const char *sec, const char *key)
{
    const qcfg_key *k = qcfg_key_get(qcfg_section_get(cfg, sec), key);
    return k ? k->value : NULL;
}

static int line_of(const qcfg *cfg, const char *sec, const char *key)
{
    const qcfg_section *s = qcfg_section_get(cfg, sec);
    if (!s)
        return -1;
    if (!key)
        return s->line;
    const qcfg_key *k = qcfg_key_get(s, key);
    return k ? k->line : -1;
}

/* Load a file that must fail; returns its diagnostics (caller frees). */
static qdiag load_bad(const char *path)
{
    qdiag d = {0};
    qcfg *cfg = (qcfg *)&d; /* must be reset to NULL on failure */
    assert_int_equal(qcfg_load(path, &cfg, &d), -1);
    assert_null(cfg);
    assert_true(d.n > 0);
    return d;
}

/* ---- loading ---------------------------------------------------------- */

static void test_good_file(void **state)
{
    (void)state;
    const char *path = write_ini("good.ini", "; a pipeline\n"                 /* 1 */
                                             "\n"                             /* 2 */
                                             "[Pipeline]\n"                   /* 3 */
                                             "Plugins = money, weapons\n"     /* 4 */
                                             "# comment\n"                    /* 5 */
                                             "  overlap   =   longest  \n"    /* 6 */
                                             "\n"                             /* 7 */
                                             "[ money ]\n"                    /* 8 */
                                             "default_dollar = USD ; note\n"  /* 9 */
                                             "empty =\n"                      /* 10 */
                                             "Key With Spaces = 1\n"          /* 11 */
                                             "a:b = colon\n"                  /* 12 */
                                             "[weapons]\n");                  /* 13 */
    qdiag d = {0};
    qcfg *cfg = NULL;
    assert_int_equal(qcfg_load(path, &cfg, &d), 0);
    assert_int_equal(d.n, 0);
    assert_non_null(cfg);
    assert_string_equal(cfg->path, path);
    assert_string_equal(cfg->dir, tmpdir);
    assert_int_equal(cfg->n_sections, 3);
    assert_string_equal(cfg->sections[0].name, "pipeline");
    assert_string_equal(cfg->sections[1].name, "money");
    assert_string_equal(cfg->sections[2].name, "weapons");
    assert_int_equal(cfg->sections[2].n_keys, 0);

    assert_int_equal(line_of(cfg, "pipeline", NULL), 3);
    assert_int_equal(line_of(cfg, "pipeline", "plugins"), 4);
    assert_int_equal(line_of(cfg, "pipeline", "overlap"), 6);
    assert_int_equal(line_of(cfg, "money", NULL), 8);
    assert_int_equal(line_of(cfg, "money", "default_dollar"), 9);
    assert_int_equal(line_of(cfg, "money", "empty"), 10);
    assert_int_equal(line_of(cfg, "money", "key with spaces"), 11);
    assert_int_equal(line_of(cfg, "money", "a:b"), 12);
    assert_int_equal(line_of(cfg, "weapons", NULL), 13);

    /* names are lower-cased, lookups case-insensitive, keys in file order */
    assert_string_equal(cfg->sections[0].keys[0].name, "plugins");
    assert_string_equal(cfg->sections[0].keys[1].name, "overlap");
    assert_string_equal(value_of(cfg, "PIPELINE", "PLUGINS"), "money, weapons");
    assert_string_equal(value_of(cfg, "pipeline", "overlap"), "longest");
    assert_string_equal(value_of(cfg, "money", "default_dollar"), "USD");
    assert_string_equal(value_of(cfg, "money", "empty"), "");
    assert_string_equal(value_of(cfg, "money", "a:b"), "colon");
    assert_null(qcfg_section_get(cfg, "quotes"));
    assert_null(qcfg_key_get(qcfg_section_get(cfg, "money"), "nope"));
    assert_null(qcfg_key_get(NULL, "plugins"));
    qcfg_free(cfg);
    qdiag_free(&d);
}

static void test_crlf_and_continuation(void **state)
{
    (void)state;
    /* iniparser joins a line ending in '\' with the next one; the key keeps
     * the line it starts on and later lines keep their own numbers. */
    const char *path = write_ini("cont.ini", "[s]\r\n"              /* 1 */
                                             "list = a, \\\r\n"     /* 2 */
                                             "  b, \\\n"            /* 3 */
                                             "  c\r\n"              /* 4 */
                                             "after = 1\r\n"        /* 5 */
                                             "; note \\\n"          /* 6: the comment continues... */
                                             "hidden = 1\n"         /* 7: ...and swallows this line */
                                             "last = 2");           /* 8: no final newline */
    qdiag d = {0};
    qcfg *cfg = NULL;
    assert_int_equal(qcfg_load(path, &cfg, &d), 0);
    assert_string_equal(value_of(cfg, "s", "list"), "a,   b,   c");
    assert_int_equal(line_of(cfg, "s", "list"), 2);
    assert_int_equal(line_of(cfg, "s", "after"), 5);
    assert_null(value_of(cfg, "s", "hidden"));
    assert_int_equal(line_of(cfg, "s", "last"), 8);
    assert_string_equal(value_of(cfg, "s", "last"), "2");
    qcfg_free(cfg);
    qdiag_free(&d);
}

static void test_empty_file(void **state)
{
    (void)state;
    const char *path = write_ini("empty.ini", "; nothing here\n\n");
    qdiag d = {0};
    qcfg *cfg = NULL;
    assert_int_equal(qcfg_load(path, &cfg, &d), 0);
    assert_int_equal(cfg->n_sections, 0);
    assert_null(qcfg_section_get(cfg, "pipeline"));
    qcfg_free(cfg);
    qdiag_free(&d);
}

static void test_quoted_values(void **state)
{
    (void)state;
    const char *path = write_ini("quotes.ini", "[re]\n"
                                               "semi = \"a;b\" ; comment\n"
                                               "hash = 'x # y'\n"
                                               "regex = \"\\d+(?:;|#)\\s*\"\n"
                                               "spaces = \"  kept  \"\n"
                                               "bare_semi = abc ; comment\n"
                                               "bare_hash = a#b\n"
                                               "only_comment = ; nothing\n"
                                               "empty_quotes = \"\"\n");
    qdiag d = {0};
    qcfg *cfg = NULL;
    assert_int_equal(qcfg_load(path, &cfg, &d), 0);
    assert_string_equal(value_of(cfg, "re", "semi"), "a;b");
    assert_string_equal(value_of(cfg, "re", "hash"), "x # y");
    assert_string_equal(value_of(cfg, "re", "regex"), "\\d+(?:;|#)\\s*");
    assert_string_equal(value_of(cfg, "re", "spaces"), "  kept  ");
    /* unquoted, ';' and '#' start a comment: the documented trap */
    assert_string_equal(value_of(cfg, "re", "bare_semi"), "abc");
    assert_string_equal(value_of(cfg, "re", "bare_hash"), "a");
    assert_string_equal(value_of(cfg, "re", "only_comment"), "");
    assert_string_equal(value_of(cfg, "re", "empty_quotes"), "");
    qcfg_free(cfg);
    qdiag_free(&d);
}

/* ---- errors ----------------------------------------------------------- */

static void test_duplicate_key(void **state)
{
    (void)state;
    const char *path = write_ini("dupkey.ini", "; pipeline\n"       /* 1 */
                                               "[pipeline]\n"       /* 2 */
                                               "plugins = money\n"  /* 3 */
                                               "overlap = longest\n"
                                               "\n\n\n\n\n\n\n"     /* 5-11 */
                                               "PLUGINS = quotes\n" /* 12 */);
    qdiag d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s:12: duplicate key 'plugins' in [pipeline] (first set on line 3)", path));
    /* the place is data, not only text */
    assert_string_equal(d.items[0].file, path);
    assert_int_equal(d.items[0].line, 12);
    assert_string_equal(d.items[0].message, "duplicate key 'plugins' in [pipeline] (first set on line 3)");
    qdiag_free(&d);
}

static void test_duplicate_section(void **state)
{
    (void)state;
    const char *path = write_ini("dupsec.ini", "[money]\n"  /* 1 */
                                               "a = 1\n"    /* 2 */
                                               "[other]\n"  /* 3 */
                                               "[Money]\n"  /* 4 */
                                               "b = 2\n"    /* 5 */
                                               "a = 3\n");  /* 6: iniparser merges, so a clash too */
    qdiag d = load_bad(path);
    assert_int_equal(d.n, 2);
    assert_true(has_diag_fmt(&d, "%s:4: duplicate section [money] (first on line 1)", path));
    assert_true(has_diag_fmt(&d, "%s:6: duplicate key 'a' in [money] (first set on line 2)", path));
    qdiag_free(&d);
}

static void test_key_before_section(void **state)
{
    (void)state;
    const char *path = write_ini("early.ini", "# header\nplugins = money\n[pipeline]\n");
    qdiag d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s:2: key 'plugins' before any [section]", path));
    qdiag_free(&d);
}

static void test_malformed_lines(void **state)
{
    (void)state;
    const char *path = write_ini("bad.ini", "[pipeline]\n"       /* 1 */
                                            "plugins money\n"    /* 2: no '=' */
                                            "= value\n"          /* 3 */
                                            "[]\n"               /* 4 */
                                            "[a]b]\n"            /* 5 */
                                            "[x:y]\n"            /* 6 */
                                            "[money] ; note\n"   /* 7: comment after a header */
                                            "[unclosed\n");      /* 8 */
    qdiag d = load_bad(path);
    assert_true(has_diag_fmt(&d, "%s:2: expected '[section]', 'key = value' or a comment, got 'plugins money'", path));
    assert_true(has_diag_fmt(&d, "%s:3: missing key name before '='", path));
    assert_true(has_diag_fmt(&d, "%s:4: empty section name '[]'", path));
    assert_true(has_diag_fmt(&d, "%s:5: malformed section header '[a]b]'", path));
    assert_true(has_diag_fmt(&d, "%s:6: section name 'x:y' must not contain ':'", path));
    assert_true(
        has_diag_fmt(&d, "%s:7: expected '[section]', 'key = value' or a comment, got '[money] ; note'", path));
    assert_true(has_diag_fmt(&d, "%s:8: expected '[section]', 'key = value' or a comment, got '[unclosed'", path));
    assert_int_equal(d.n, 7);
    qdiag_free(&d);
}

static void test_long_excerpt_is_bounded(void **state)
{
    (void)state;
    char text[600];
    memcpy(text, "[s]\n", 4);
    memset(text + 4, 'w', 500);
    memcpy(text + 504, "\n", 2);
    const char *path = write_ini("excerpt.ini", text);
    qdiag d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_true(strlen(diag_text(&d, 0)) < strlen(path) + 140);
    assert_non_null(strstr(diag_text(&d, 0), "www..."));
    qdiag_free(&d);
}

/* "[s]", then a key line of exactly `bytes` bytes before its newline,
 * then one more key. */
static char *text_with_long_line(size_t bytes)
{
    char *t = malloc(bytes + 64);
    assert_non_null(t);
    strcpy(t, "[s]\nk = ");
    size_t at = strlen(t);
    memset(t + at, 'x', bytes - 4);
    strcpy(t + at + bytes - 4, "\nnext = 1\n");
    return t;
}

static void test_overlong_line(void **state)
{
    (void)state;
    qdiag d = {0};
    qcfg *cfg = NULL;

    /* 1022 bytes is iniparser's real limit: it must load (through
     * iniparser, so this also pins the limit to the library's) */
    char *ok = text_with_long_line(1022);
    const char *path = write_ini("long_ok.ini", ok);
    assert_int_equal(qcfg_load(path, &cfg, &d), 0);
    assert_int_equal(strlen(value_of(cfg, "s", "k")), 1018);
    assert_int_equal(line_of(cfg, "s", "next"), 3);
    qcfg_free(cfg);
    free(ok);

    char *bad = text_with_long_line(1023);
    path = write_ini("long_bad.ini", bad);
    d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s:2: line too long: 1023 bytes; at most 1022 are allowed", path));
    qdiag_free(&d);
    free(bad);

    /* continued lines share iniparser's buffer */
    char cont[1200];
    snprintf(cont, sizeof cont, "[s]\nk = %0600d \\\n%0500d\n", 1, 2);
    path = write_ini("long_cont.ini", cont);
    d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_non_null(strstr(diag_text(&d, 0), ":3: line too long: with the line(s) it continues"));
    qdiag_free(&d);
}

static void test_many_errors_one_pass(void **state)
{
    (void)state;
    const char *path = write_ini("many.ini", "stray = 1\n"        /* 1 */
                                             "[pipeline]\n"       /* 2 */
                                             "plugins = a\n"      /* 3 */
                                             "garbage\n"          /* 4 */
                                             "plugins = b\n"      /* 5 */
                                             "[pipeline]\n"       /* 6 */
                                             "= x\n");            /* 7 */
    qdiag d = load_bad(path);
    assert_int_equal(d.n, 5);
    assert_true(has_diag_fmt(&d, "%s:1: key 'stray' before any [section]", path));
    assert_true(has_diag_fmt(&d, "%s:4: expected '[section]', 'key = value' or a comment, got 'garbage'", path));
    assert_true(has_diag_fmt(&d, "%s:5: duplicate key 'plugins' in [pipeline] (first set on line 3)", path));
    assert_true(has_diag_fmt(&d, "%s:6: duplicate section [pipeline] (first on line 2)", path));
    assert_true(has_diag_fmt(&d, "%s:7: missing key name before '='", path));
    /* one line each */
    for (size_t i = 0; i < d.n; i++)
        assert_null(strchr(diag_text(&d, i), '\n'));
    qdiag_free(&d);
}

static void test_unfinished_continuation(void **state)
{
    (void)state;
    const char *path = write_ini("dangling.ini", "[s]\na = 1\nb = 2 \\\n");
    qdiag d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s:3: the file ends inside a continued line (a line ending in '\\')", path));
    qdiag_free(&d);
}

static void test_bom_and_nul(void **state)
{
    (void)state;
    const char *path = write_ini("bom.ini", "\xEF\xBB\xBF[s]\na = 1\n");
    qdiag d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s:1: the file starts with a UTF-8 byte order mark; save it without one", path));
    qdiag_free(&d);

    static const char nul[] = "[s]\na = 1\nb = x\0y\nc = 3\n";
    path = write_bytes("nul.ini", nul, sizeof nul - 1);
    d = load_bad(path);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s:3: NUL byte in line", path));
    qdiag_free(&d);
}

static void test_unreadable(void **state)
{
    (void)state;
    const char *missing = remember("does-not-exist.ini");
    qdiag d = load_bad(missing);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s: cannot open: %s", missing, strerror(ENOENT)));
    qdiag_free(&d);

    const char *dir = remember("a-directory.ini");
    assert_int_equal(mkdir(dir, 0700), 0);
    d = load_bad(dir);
    assert_int_equal(d.n, 1);
    assert_true(has_diag_fmt(&d, "%s: cannot read: %s", dir, strerror(EISDIR)));
    qdiag_free(&d);
}

static void test_dir(void **state)
{
    (void)state;
    char cwd[4096];
    qdiag d = {0};
    qcfg *cfg = NULL;
    const char *sub = remember("sub");
    assert_int_equal(mkdir(sub, 0700), 0);
    const char *nested = write_ini("sub/p.ini", "[s]\n");

    assert_int_equal(qcfg_load(nested, &cfg, &d), 0);
    assert_string_equal(cfg->dir, sub);
    qcfg_free(cfg);

    /* a bare file name resolves against "." */
    assert_non_null(getcwd(cwd, sizeof cwd));
    assert_int_equal(chdir(sub), 0);
    int rc = qcfg_load("p.ini", &cfg, &d);
    assert_int_equal(chdir(cwd), 0);
    assert_int_equal(rc, 0);
    assert_string_equal(cfg->dir, ".");
    assert_string_equal(cfg->path, "p.ini");
    qcfg_free(cfg);

    /* doubled slashes do not leave a trailing one */
    char doubled[4300];
    snprintf(doubled, sizeof doubled, "%s//p.ini", sub);
    assert_int_equal(qcfg_load(doubled, &cfg, &d), 0);
    assert_string_equal(cfg->dir, sub);
    qcfg_free(cfg);
    assert_int_equal(d.n, 0);
    qdiag_free(&d);
}

static void test_fifo(void **state)
{
    (void)state;
    /* `-c <(generate)` hands us a pipe: it can be read only once, so the
     * loader must not ask iniparser to open it again. */
    const char *fifo = remember("pipe.ini");
    assert_int_equal(mkfifo(fifo, 0600), 0);
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        FILE *f = fopen(fifo, "w");
        int ok = f && fputs("[pipeline]\nplugins = money\n", f) >= 0;
        if (f && fclose(f) != 0)
            ok = 0;
        _exit(ok ? 0 : 1);
    }
    qdiag d = {0};
    qcfg *cfg = NULL;
    int rc = qcfg_load(fifo, &cfg, &d);
    int status = 0;
    assert_int_equal(waitpid(pid, &status, 0), pid);
    assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    assert_int_equal(rc, 0);
    assert_string_equal(value_of(cfg, "pipeline", "plugins"), "money");
    assert_int_equal(line_of(cfg, "pipeline", "plugins"), 2);
    qcfg_free(cfg);
    qdiag_free(&d);
}

static void test_load_text(void **state)
{
    (void)state;
    qdiag d = {0};
    qcfg *cfg = NULL;
    assert_int_equal(qcfg_load_text("<default>", NULL,
                                    "; built in\n[pipeline]\nplugins = quotes, money\n"
                                    "overlap = longest ; keep the longer\n[quotes]\npattern = \"[;#]\"\n",
                                    &cfg, &d),
                     0);
    assert_int_equal(d.n, 0);
    assert_string_equal(cfg->path, "<default>");
    assert_string_equal(cfg->dir, ".");
    assert_string_equal(value_of(cfg, "pipeline", "plugins"), "quotes, money");
    assert_string_equal(value_of(cfg, "pipeline", "overlap"), "longest");
    assert_string_equal(value_of(cfg, "quotes", "pattern"), "[;#]");
    assert_int_equal(line_of(cfg, "quotes", "pattern"), 6);
    qcfg_free(cfg);

    assert_int_equal(qcfg_load_text("inline", "/etc/quarry", "[a]\nx = 1\n", &cfg, &d), 0);
    assert_string_equal(cfg->dir, "/etc/quarry");
    qcfg_free(cfg);

    /* errors name the given name and carry lines, like a file */
    cfg = (qcfg *)&d;
    assert_int_equal(qcfg_load_text("<default>", NULL, "[a]\nx = 1\nx = 2\nbroken\n", &cfg, &d), -1);
    assert_null(cfg);
    assert_int_equal(d.n, 2);
    assert_true(has_diag(&d, "<default>:3: duplicate key 'x' in [a] (first set on line 2)"));
    assert_true(has_diag(&d, "<default>:4: expected '[section]', 'key = value' or a comment, got 'broken'"));
    qdiag_free(&d);
}

static void test_load_text_needs_no_temporary_file(void **state)
{
    (void)state;
    /* the embedded default reaches iniparser from memory: a missing or
     * read-only $TMPDIR must not matter */
    const char *saved = getenv("TMPDIR");
    char *keep = saved ? strdup(saved) : NULL;
    assert_int_equal(setenv("TMPDIR", "/nonexistent/quarry-no-tmp", 1), 0);
    qdiag d = {0};
    qcfg *cfg = NULL;
    int rc = qcfg_load_text("<default>", NULL, "[pipeline]\nplugins = \"a;b\" ; note\n", &cfg, &d);
    if (keep)
        setenv("TMPDIR", keep, 1);
    else
        unsetenv("TMPDIR");
    free(keep);
    assert_int_equal(rc, 0);
    assert_int_equal(d.n, 0);
    assert_string_equal(value_of(cfg, "pipeline", "plugins"), "a;b");
    qcfg_free(cfg);
    qdiag_free(&d);
}

/* ---- typed values ----------------------------------------------------- */

static void check_ok(int type, const char *value)
{
    char why[128] = "untouched";
    if (qvalue_check(type, value, why, sizeof why) != 0)
        fail_msg("type %d rejected '%s': %s", type, value, why);
}

static void check_bad(int type, const char *value, const char *expect_why)
{
    char why[128] = "";
    assert_int_equal(qvalue_check(type, value, why, sizeof why), -1);
    assert_string_equal(why, expect_why);
}

static void test_check_string_path_list(void **state)
{
    (void)state;
    check_ok(QRY_OPT_STRING, "");
    check_ok(QRY_OPT_STRING, "anything at all; really");
    check_ok(QRY_OPT_LIST, "");
    check_ok(QRY_OPT_LIST, "a, b,c");
    check_ok(QRY_OPT_PATH, "money/currencies.tsv");
    check_bad(QRY_OPT_PATH, "", "expected a file path, got an empty value");
    check_bad(99, "x", "unknown option type 99");
    /* a NULL or zero-size reason buffer is allowed */
    assert_int_equal(qvalue_check(QRY_OPT_INT, "x", NULL, 0), -1);
}

static void test_check_int(void **state)
{
    (void)state;
    long long v = 0;
    check_ok(QRY_OPT_INT, "0");
    check_ok(QRY_OPT_INT, "-12");
    check_ok(QRY_OPT_INT, "+7");
    check_ok(QRY_OPT_INT, "9223372036854775807");
    check_ok(QRY_OPT_INT, "-9223372036854775808");
    check_bad(QRY_OPT_INT, "ten", "expected an integer, got 'ten'");
    check_bad(QRY_OPT_INT, "10x", "expected an integer, got '10x'");
    check_bad(QRY_OPT_INT, "1.5", "expected an integer, got '1.5'");
    check_bad(QRY_OPT_INT, "0x10", "expected an integer, got '0x10'");
    check_bad(QRY_OPT_INT, " 5", "expected an integer, got ' 5'");
    check_bad(QRY_OPT_INT, "", "expected an integer, got ''");
    check_bad(QRY_OPT_INT, "-", "expected an integer, got '-'");
    check_bad(QRY_OPT_INT, "9223372036854775808",
              "integer out of range (-9223372036854775808 to 9223372036854775807), got '9223372036854775808'");
    assert_int_equal(qvalue_parse_int("010", &v), 0);
    assert_int_equal(v, 10); /* decimal, not octal */
    assert_int_equal(qvalue_parse_int("-42", &v), 0);
    assert_int_equal(v, -42);
    v = 5;
    assert_int_equal(qvalue_parse_int("x", &v), -1);
    assert_int_equal(v, 5); /* untouched on failure */
    assert_int_equal(qvalue_parse_int(NULL, &v), -1);
}

static void test_check_double(void **state)
{
    (void)state;
    double x = 0;
    check_ok(QRY_OPT_DOUBLE, "0.5");
    check_ok(QRY_OPT_DOUBLE, "-3");
    check_ok(QRY_OPT_DOUBLE, ".25");
    check_ok(QRY_OPT_DOUBLE, "2.");
    check_ok(QRY_OPT_DOUBLE, "1e-3");
    check_ok(QRY_OPT_DOUBLE, "+6.02E23");
    check_bad(QRY_OPT_DOUBLE, "half", "expected a number, got 'half'");
    check_bad(QRY_OPT_DOUBLE, "0.5s", "expected a number, got '0.5s'");
    check_bad(QRY_OPT_DOUBLE, "inf", "expected a number, got 'inf'");
    check_bad(QRY_OPT_DOUBLE, "nan", "expected a number, got 'nan'");
    check_bad(QRY_OPT_DOUBLE, "0x1p3", "expected a number, got '0x1p3'");
    check_bad(QRY_OPT_DOUBLE, "1e", "expected a number, got '1e'");
    check_bad(QRY_OPT_DOUBLE, ".", "expected a number, got '.'");
    check_bad(QRY_OPT_DOUBLE, "1e999", "number out of range, got '1e999'");
    assert_int_equal(qvalue_parse_double("0.125", &x), 0);
    assert_true(x == 0.125);
    assert_int_equal(qvalue_parse_double(NULL, &x), -1);
}

static void test_check_bool(void **state)
{
    (void)state;
    static const char *const yes[] = {"true", "TRUE", "Yes", "on", "1"};
    static const char *const no[] = {"false", "False", "NO", "off", "0"};
    for (size_t i = 0; i < 5; i++) {
        int b = -1;
        check_ok(QRY_OPT_BOOL, yes[i]);
        assert_int_equal(qvalue_parse_bool(yes[i], &b), 0);
        assert_int_equal(b, 1);
        check_ok(QRY_OPT_BOOL, no[i]);
        assert_int_equal(qvalue_parse_bool(no[i], &b), 0);
        assert_int_equal(b, 0);
    }
    check_bad(QRY_OPT_BOOL, "maybe", "expected true/false, yes/no, on/off or 1/0, got 'maybe'");
    check_bad(QRY_OPT_BOOL, "2", "expected true/false, yes/no, on/off or 1/0, got '2'");
    check_bad(QRY_OPT_BOOL, "", "expected true/false, yes/no, on/off or 1/0, got ''");
    check_bad(QRY_OPT_BOOL, "yes ", "expected true/false, yes/no, on/off or 1/0, got 'yes '");
}

static void test_check_reason_is_bounded(void **state)
{
    (void)state;
    char value[300], why[200];
    memset(value, 'z', sizeof value - 1);
    value[sizeof value - 1] = '\0';
    assert_int_equal(qvalue_check(QRY_OPT_INT, value, why, sizeof why), -1);
    assert_true(strlen(why) < 100);
    assert_non_null(strstr(why, "zzz...'"));
    /* a tiny buffer is truncated, never overrun */
    char tiny[8];
    assert_int_equal(qvalue_check(QRY_OPT_BOOL, "maybe", tiny, sizeof tiny), -1);
    assert_int_equal(strlen(tiny), 7);
}

/* ---- suggestions ------------------------------------------------------ */

static void test_suggest(void **state)
{
    (void)state;
    static const char *const keys[] = {"plugins", "plugin_path", "overlap", "overlap_scope", NULL};
    assert_string_equal(qsuggest("plugns", keys), "plugins");       /* deletion */
    assert_string_equal(qsuggest("plguins", keys), "plugins");      /* transposition */
    assert_string_equal(qsuggest("PLUGINS", keys), "plugins");      /* case */
    assert_string_equal(qsuggest("overlaps", keys), "overlap");     /* insertion */
    assert_string_equal(qsuggest("overlap_scop", keys), "overlap_scope");
    assert_string_equal(qsuggest("plugin_paht", keys), "plugin_path");
    assert_null(qsuggest("workers", keys));
    assert_null(qsuggest("plu", keys));     /* 4 edits from anything */
    assert_null(qsuggest("", keys));
    assert_null(qsuggest("plugins", NULL));

    /* threshold max(1, len/3): "ab" allows 1 edit, "abcdef" allows 2 */
    static const char *const short_words[] = {"ax", "xyz", NULL};
    assert_string_equal(qsuggest("ab", short_words), "ax");
    assert_null(qsuggest("zz", short_words));
    static const char *const six[] = {"abcxyz", "abxxef", NULL};
    assert_string_equal(qsuggest("abcdef", six), "abxxef");
    static const char *const three_off[] = {"axxxef", NULL};
    assert_null(qsuggest("abcdef", three_off));

    /* the closest wins, the first on ties */
    static const char *const sections[] = {"money", "monkey", "honey", NULL};
    assert_string_equal(qsuggest("mony", sections), "money");
    assert_string_equal(qsuggest("moneys", sections), "money");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_crlf_and_continuation),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_quoted_values),
        cmocka_unit_test(test_duplicate_key),
        cmocka_unit_test(test_duplicate_section),
        cmocka_unit_test(test_key_before_section),
        cmocka_unit_test(test_malformed_lines),
        cmocka_unit_test(test_long_excerpt_is_bounded),
        cmocka_unit_test(test_overlong_line),
        cmocka_unit_test(test_many_errors_one_pass),
        cmocka_unit_test(test_unfinished_continuation),
        cmocka_unit_test(test_bom_and_nul),
        cmocka_unit_test(test_unreadable),
        cmocka_unit_test(test_dir),
        cmocka_unit_test(test_fifo),
        cmocka_unit_test(test_load_text),
        cmocka_unit_test(test_load_text_needs_no_temporary_file),
        cmocka_unit_test(test_check_string_path_list),
        cmocka_unit_test(test_check_int),
        cmocka_unit_test(test_check_double),
        cmocka_unit_test(test_check_bool),
        cmocka_unit_test(test_check_reason_is_bounded),
        cmocka_unit_test(test_suggest),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
