/* fuzz_plugin.c -- one shipped plugin's process() on any valid text,
 * through the test kit (the very segmenter, host table and sink of a run),
 * built once per plugin with the plugin's own objects: FUZZ_PLUGIN names
 * it. The plugin must not crash, trip a sanitizer or fail the call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "quarry/quarry.h"
#include "quarry/testkit.h"

const qry_plugin_descriptor *quarry_plugin_entry(void);

static qry_testkit *kit;

/* The options each plugin is fuzzed with: its defaults, and the shipped
 * example rule sets for the rules plugin (it has no rules without them). */
static const char *const *options(void)
{
    static const char *const rules[] = {"phrases",  "rules/military-ranks.tsv, rules/defence-companies.tsv",
                                        "patterns", "rules/military-units.tsv, rules/defence-deals.tsv",
                                        "regexes",  "rules/military-hulls.tsv",
                                        NULL};
    return strcmp(FUZZ_PLUGIN, "rules") == 0 ? rules : NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[1024];
    fuzz_environment();
    qry_set_log_level(QRY_LOG_ERROR);
    kit = qry_testkit_new(quarry_plugin_entry(), options(), err, sizeof err);
    if (!kit) {
        fprintf(stderr, "fuzz: %s: %s\n", FUZZ_PLUGIN, err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = fuzz_text(data, size); /* plugins only ever see valid text */
    int rc = qry_testkit_run(kit, text);
    FUZZ_CHECK(rc != QRY_ERR_INTERNAL); /* "a bug: an invariant did not hold" */
    for (size_t k = 0; k < qry_testkit_count(kit); k++) {
        const qry_test_entity *e = qry_testkit_entity(kit, k);
        FUZZ_CHECK(e->start < e->end && e->end <= size);
    }
    free(text);
    return 0;
}
