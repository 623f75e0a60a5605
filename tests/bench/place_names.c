/* place_names.c -- every city name libgeonames holds, one per line, unique:
 * the word list of the grep baseline in bench.sh (the plain lookup a place
 * tagger cannot beat by much). Built by bench.sh, never installed. */
#include <geonames.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_text(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void)
{
    int n = geonames_get_n_cities();
    char **names = calloc((size_t)n, sizeof *names);
    if (!names)
        return 1;
    for (int i = 0; i < n; i++) {
        GeonamesCity *c = geonames_get_city(i);
        names[i] = strdup(geonames_city_get_name(c));
        geonames_city_free(c);
        if (!names[i])
            return 1;
    }
    qsort(names, (size_t)n, sizeof *names, by_text);
    for (int i = 0; i < n; i++)
        if (i == 0 || strcmp(names[i], names[i - 1]) != 0)
            puts(names[i]);
    return 0;
}
