/* fuzz_ini.c -- arbitrary bytes as a pipeline INI file through the whole
 * load and validation (our scan, iniparser, the [pipeline] keys, plugins
 * found and opened by name, each plugin's options checked, data files
 * looked for). Either a pipeline comes back and no problem was reported,
 * or none does and every problem is one line naming the file. */
#define _GNU_SOURCE /* RTLD_NODELETE */
#include <dirent.h>
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fuzz.h"
#include "pipeline.h"
#include "quarry/quarry.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    fuzz_environment();
    qry_set_log_level(-1); /* warnings about odd values are expected */
    /* Pipelines open and close plugins on every input; libFuzzer keeps
     * reading the coverage counters of each instrumented plugin it has
     * seen, so none may ever be unmapped: pin them all. */
    DIR *d = opendir(QUARRY_FUZZ_PLUGIN_DIR);
    for (struct dirent *e; d && (e = readdir(d));) {
        size_t n = strlen(e->d_name);
        char path[4096];
        if (n < 4 || strcmp(e->d_name + n - 3, ".so") != 0)
            continue;
        snprintf(path, sizeof path, "%s/%s", QUARRY_FUZZ_PLUGIN_DIR, e->d_name);
        dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    }
    if (d)
        closedir(d);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char path[64];
    int fd = fuzz_memfile(data, size, path, sizeof path);
    if (fd < 0)
        return 0;
    qdiag d = {0};
    qpipeline *p = NULL;
    int rc = qpipe_load(path, &p, &d);
    FUZZ_CHECK((rc == 0) == (p != NULL));
    FUZZ_CHECK(rc == 0 ? d.n == 0 : d.n > 0);
    for (size_t k = 0; k < d.n; k++) {
        char line[8192];
        size_t len = qdiag_format(&d.items[k], line, sizeof line);
        FUZZ_CHECK(len > 0 && !memchr(line, '\n', len < sizeof line ? len : sizeof line - 1));
        FUZZ_CHECK(!d.items[k].file || strncmp(d.items[k].file, path, strlen(path)) == 0 ||
                   d.items[k].file[0] == '/');
    }
    qpipe_free(p);
    qdiag_free(&d);
    close(fd);
    return 0;
}
