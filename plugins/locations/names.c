/* names.c -- a written place name as the matcher will meet it on tokens.
 *
 * The core splits "Ivano-Frankivsk" into Ivano - Frankivsk and "U.S." into
 * U . S . ; a key keeps only the words, lower-cased and joined by one space
 * ("ivano frankivsk", "u s"), so both sides normalize the same way. The
 * capitalisation each word demands is kept apart, in a 2-bit-per-word mask.
 */
#include <string.h>

#include "locations.h"

/* Length of a separator that is dropped inside a name (. - ' and their
 * typographic forms), 0 when s does not start with one. */
static size_t dropped_sep(const unsigned char *s)
{
    if (s[0] == '.' || s[0] == '-' || s[0] == '\'')
        return 1;
    if (s[0] == 0xE2 && s[1] == 0x80 && ((s[2] >= 0x90 && s[2] <= 0x95) || s[2] == 0x98 || s[2] == 0x99))
        return 3; /* U+2010..2015 dashes, U+2018/2019 quotes */
    if (s[0] == 0xCA && s[1] == 0xBC)
        return 2; /* U+02BC modifier apostrophe, as in "Raʼs" */
    return 0;
}

/* The core's Unicode folding (quarry.text/1). It is one static table for
 * the whole process, so every instance sets the same pointer in create(),
 * before any worker can read it. */
static const qry_text_service *fold_text;

void loc_names_init(const qry_text_service *text) { fold_text = text; }

/* A written form's key: lower case without accents ("São Paulo" and "Sao
 * Paulo", "ŁÓDŹ" and "Lodz", "Київ" and "київ" share one). ASCII is done
 * here, the rest by the text service. Returns the key's length, or
 * SIZE_MAX when it needs more than outsz - 1 bytes. */
size_t loc_fold(const char *src, size_t n, char *out, size_t outsz)
{
    size_t i = 0;
    for (; i < n && i + 1 < outsz && !(src[i] & 0x80); i++) {
        unsigned c = (unsigned char)src[i];
        out[i] = (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    }
    if (i == n)
        return n;
    if (i + 1 >= outsz || !fold_text)
        return SIZE_MAX;
    size_t rest = fold_text->fold(src + i, n - i, QRY_FOLD_CASE | QRY_FOLD_ACCENTS, out + i, outsz - i);
    return rest >= outsz - i ? SIZE_MAX : i + rest;
}

static int is_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
static int is_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }

/* The capitalisation a written word demands of a token. */
static uint32_t word_case(const unsigned char *w, size_t n)
{
    if (is_lower(w[0]))
        return LOC_CASE_ANY;
    if (!is_upper(w[0]))
        return w[0] >= 0x80 ? LOC_CASE_CAP : LOC_CASE_ANY;
    size_t letters = 0;
    for (size_t i = 0; i < n; i++) {
        if (is_lower(w[i]) || w[i] >= 0x80)
            return LOC_CASE_CAP;
        letters += is_upper(w[i]);
    }
    return letters >= 2 ? LOC_CASE_UPPER : LOC_CASE_CAP;
}

size_t loc_name_key(const char *name, char *key, size_t keysz, uint32_t *case_mask)
{
    const unsigned char *s = (const unsigned char *)name;
    size_t len = 0, words = 0;
    uint32_t mask = 0;
    if (strncmp(name, "the ", 4) == 0)
        s += 4; /* "the State of Palestine" */
    while (*s) {
        size_t d = dropped_sep(s);
        if (*s == ' ' || *s == '\t' || d) {
            s += d ? d : 1;
            continue;
        }
        const unsigned char *w = s;
        if (*s == '&') {
            s++;
        } else {
            while (*s && *s != ' ' && *s != '\t' && !dropped_sep(s)) {
                if (*s < 0x80 && !(is_upper(*s) || is_lower(*s) || (*s >= '0' && *s <= '9')))
                    return 0; /* comma, brackets, slash: an inverted or annotated form */
                s++;
            }
        }
        size_t n = (size_t)(s - w);
        if (words == LOC_MAX_WORDS || len + (len > 0) + 1 > keysz)
            return 0;
        if (len)
            key[len++] = ' ';
        size_t folded = loc_fold((const char *)w, n, key + len, keysz - len);
        if (folded == SIZE_MAX)
            return 0;
        len += folded;
        mask |= word_case(w, n) << (2 * words);
        words++;
    }
    if (len == 0)
        return 0;
    key[len] = '\0';
    *case_mask = mask;
    return len;
}

int loc_index_name(loc_index *ix, const char *name, uint32_t place, uint32_t flags, int team)
{
    char key[LOC_KEY_MAX];
    uint32_t mask = 0, first = LOC_NONE, kflags = 0;
    size_t n = loc_name_key(name, key, sizeof key, &mask);
    if (n == 0)
        return QRY_OK;
    if (loc_index_find(ix, key, n, &first, &kflags)) {
        if ((kflags & (LOC_KEY_STOP | LOC_KEY_ORG_HEAD)) && !team)
            return QRY_OK;
        if (kflags & LOC_KEY_AMBIGUOUS)
            flags |= LOC_SENSE_AMBIGUOUS;
        if (kflags & LOC_KEY_AMBIGUOUS)
            for (unsigned k = 0; k < LOC_MAX_WORDS; k++)
                if (LOC_CASE_OF(mask, k) == LOC_CASE_CAP)
                    mask |= (uint32_t)LOC_CASE_TITLE << (2 * k);
    }
    return loc_index_add(ix, key, n, place, mask, flags);
}
