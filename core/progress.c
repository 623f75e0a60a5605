/* progress.c -- see progress.h. */
#include "progress.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

struct qprogress {
    FILE *tty;
    uint64_t total;
    double started, last_drawn;
};

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

qprogress *qprogress_new(FILE *tty, uint64_t total_bytes)
{
    qprogress *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->tty = tty;
    p->total = total_bytes;
    p->started = now();
    return p;
}

static void draw(qprogress *p, uint64_t docs, uint64_t bytes, double t, int final)
{
    double secs = t - p->started, mb = bytes / 1e6;
    char line[200];
    int n = snprintf(line, sizeof line, "quarry: %llu documents, %.1f MB", (unsigned long long)docs, mb);
    if (secs > 0.2 && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, ", %.1f MB/s, %.0f docs/s", mb / secs, docs / secs);
    if (p->total && !final && n > 0 && (size_t)n < sizeof line) {
        double done = bytes >= p->total ? 1.0 : (double)bytes / (double)p->total;
        n += snprintf(line + n, sizeof line - (size_t)n, ", %.0f%%", done * 100);
        if (bytes > 0 && secs > 1 && done < 1) {
            long eta = (long)(secs * (1 - done) / done + 0.5);
            n += snprintf(line + n, sizeof line - (size_t)n, ", ETA %ld:%02ld", eta / 60, eta % 60);
        }
    }
    if (final && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, " in %.1f s", secs);
    /* \r and erase-to-end redraw the same line */
    fprintf(p->tty, "\r%s\033[K%s", line, final ? "\n" : "");
    fflush(p->tty);
}

void qprogress_update(qprogress *p, uint64_t docs, uint64_t bytes)
{
    if (!p)
        return;
    double t = now();
    if (t - p->last_drawn < 0.25)
        return;
    p->last_drawn = t;
    draw(p, docs, bytes, t, 0);
}

void qprogress_finish(qprogress *p, uint64_t docs, uint64_t bytes)
{
    if (!p)
        return;
    draw(p, docs, bytes, now(), 1);
    free(p);
}

/* Bytes under `path`, or -1 when unknown. depth guards symlink loops. */
static int64_t size_of(const char *path, int depth)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return 0; /* the reader reports it as an error record: nothing to read */
    if (S_ISREG(st.st_mode))
        return st.st_size;
    if (!S_ISDIR(st.st_mode) || depth > 64)
        return S_ISDIR(st.st_mode) ? 0 : -1;
    DIR *d = opendir(path);
    if (!d)
        return 0;
    int64_t sum = 0;
    size_t plen = strlen(path);
    for (struct dirent *e; sum >= 0 && (e = readdir(d));) {
        if (e->d_name[0] == '.')
            continue;
        char *child = malloc(plen + strlen(e->d_name) + 2);
        if (!child) {
            sum = -1;
            break;
        }
        sprintf(child, "%s/%s", path, e->d_name);
        int64_t s = size_of(child, depth + 1);
        free(child);
        sum = s < 0 ? -1 : sum + s;
    }
    closedir(d);
    return sum;
}

uint64_t qprogress_input_size(const char *const *paths, size_t n)
{
    uint64_t total = 0;
    for (size_t k = 0; k < n; k++) {
        int64_t s;
        if (strcmp(paths[k], "-") == 0) {
            struct stat st;
            s = fstat(STDIN_FILENO, &st) == 0 && S_ISREG(st.st_mode) ? st.st_size : -1;
        } else {
            s = size_of(paths[k], 0);
        }
        if (s < 0)
            return 0;
        total += (uint64_t)s;
    }
    return total;
}
