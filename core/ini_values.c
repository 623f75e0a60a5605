/* ini_values.c -- see ini_values.h.
 *
 * iniparser 4.1 only reads a file by name (iniparser_load(path); it has
 * no FILE* or buffer reader), so the text goes into an anonymous in-memory
 * file (memfd_create) that iniparser opens as /proc/self/fd/N (Linux, with
 * /proc mounted, as paths.c assumes too). Nothing touches the disk or
 * $TMPDIR, there is nothing to clean up, and a file given with -c is read
 * only once: iniparser sees exactly the bytes the scan saw, be the file a
 * pipe or edited meanwhile. (Building iniparser's dictionary
 * from our own scan instead would mean re-implementing its value grammar
 * as well; this way iniparser stays the authority on values.)
 */
#define _GNU_SOURCE /* memfd_create */
#include "ini_values.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <dictionary.h>
#include <iniparser.h>

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
    qdiag_at(ini_diags, ini_name, 0, NULL, NULL, "%s", msg);
    ini_errors++;
    return n;
}

/* The text as a file iniparser can open by name: an anonymous memory
 * file. Returns its descriptor, or -1 with a problem added. */
static int memory_file(const char *text, size_t len, const char *name, qdiag *d)
{
    int fd = memfd_create("quarry-ini", MFD_CLOEXEC);
    if (fd < 0) {
        qdiag_at(d, name, 0, NULL, NULL, "cannot hand the file to iniparser: memfd_create: %s", strerror(errno));
        return -1;
    }
    for (size_t off = 0; off < len;) {
        ssize_t w = write(fd, text + off, len - off);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0) {
            qdiag_at(d, name, 0, NULL, NULL, "cannot hand the file to iniparser: %s",
                     w < 0 ? strerror(errno) : "short write");
            close(fd);
            return -1;
        }
        off += (size_t)w;
    }
    return fd;
}

/* iniparser's reading of the text, its complaints going to d under name.
 * Returns the dictionary, or NULL with at least one problem added. */
static dictionary *ini_load(const char *text, size_t len, const char *name, qdiag *d)
{
    dictionary *dict = NULL;
    char path[64];
    int fd = memory_file(text, len, name, d);
    if (fd < 0)
        return NULL;
    snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
    pthread_mutex_lock(&ini_lock);
    ini_diags = d;
    ini_name = name;
    ini_errors = 0;
    iniparser_set_error_callback(ini_capture);
    dict = iniparser_load(path);
    iniparser_set_error_callback(NULL); /* back to iniparser's default */
    if (!dict && ini_errors == 0)
        qdiag_at(d, name, 0, NULL, NULL, "iniparser could not load the file");
    if (dict && ini_errors > 0) {
        iniparser_freedict(dict);
        dict = NULL;
    }
    ini_diags = NULL;
    ini_name = NULL;
    pthread_mutex_unlock(&ini_lock);
    close(fd);
    return dict;
}

/* Fill in values from iniparser, and make sure it saw what the scan saw:
 * a divergence between the two grammars must be an error, not a silently
 * different pipeline. */
static int take_values(qcfg *cfg, dictionary *dict, qdiag *d)
{
    int rc = -1;
    size_t expect = cfg->n_sections;
    char *entry = NULL;
    for (size_t s = 0; s < cfg->n_sections; s++) {
        qcfg_section *sec = &cfg->sections[s];
        if (!iniparser_find_entry(dict, sec->name)) {
            qdiag_at(d, cfg->path, sec->line, NULL, NULL, "iniparser did not read section [%s]", sec->name);
            goto done;
        }
        expect += sec->n_keys;
        for (size_t k = 0; k < sec->n_keys; k++) {
            qcfg_key *key = &sec->keys[k];
            size_t n = strlen(sec->name) + strlen(key->name) + 2;
            free(entry);
            entry = malloc(n);
            if (!entry) {
                qdiag_at(d, cfg->path, 0, NULL, NULL, "out of memory");
                goto done;
            }
            snprintf(entry, n, "%s:%s", sec->name, key->name);
            /* dictionary_get, not iniparser_getstring: the latter
             * truncates the "section:key" it looks up to 1024 bytes. */
            const char *v = dictionary_get(dict, entry, NULL);
            if (!v) {
                qdiag_at(d, cfg->path, key->line, NULL, NULL, "iniparser did not read key '%s' in [%s]", key->name,
                         sec->name);
                goto done;
            }
            key->value = strdup(v);
            if (!key->value) {
                qdiag_at(d, cfg->path, 0, NULL, NULL, "out of memory");
                goto done;
            }
        }
    }
    if (dict->n < 0 || (size_t)dict->n != expect) {
        qdiag_at(d, cfg->path, 0, NULL, NULL, "iniparser read %d sections and keys where quarry's scan found %zu",
                 dict->n, expect);
        goto done;
    }
    rc = 0;
done:
    free(entry);
    return rc;
}

int qini_values(qcfg *cfg, const char *text, size_t len, qdiag *d)
{
    dictionary *dict = ini_load(text, len, cfg->path, d);
    if (!dict)
        return -1;
    int rc = take_values(cfg, dict, d);
    iniparser_freedict(dict);
    return rc;
}
