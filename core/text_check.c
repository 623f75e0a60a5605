/* text_check.c -- see text_check.h. */
#include "text_check.h"

#include "text.h"

#include <stdio.h>
#include <string.h>

/* One validator for the whole core: the text service's, which plugins get too. */
size_t qtext_utf8_prefix(const char *s, size_t len) { return qtext_validate(s, len); }

int qtext_check_utf8(const char *s, size_t len, char *why, size_t whysz)
{
    size_t bad = len ? qtext_utf8_prefix(s, len) : 0;
    if (bad == len)
        return 0;
    snprintf(why, whysz, "invalid UTF-8 at byte %zu", bad);
    return -1;
}

int qtext_check(const char *s, size_t len, char *why, size_t whysz)
{
    if (qtext_check_utf8(s, len, why, whysz) != 0)
        return -1;
    const char *nul = len ? memchr(s, '\0', len) : NULL;
    if (!nul)
        return 0;
    snprintf(why, whysz, "NUL byte at byte %zu", (size_t)(nul - s));
    return -1;
}
