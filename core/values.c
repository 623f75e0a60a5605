/* values.c -- see values.h.
 *
 * Values are parsed strictly: iniparser already strips unquoted values, so
 * surrounding space can only come from quotes, where it is most likely a
 * mistake; trailing junk, octal and hex would be silent surprises. */
#include "values.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "diag.h"
#include "quarry/plugin.h"

int qvalue_parse_int(const char *value, long long *out)
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

int qvalue_parse_double(const char *value, double *out)
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

int qvalue_parse_bool(const char *value, int *out)
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

int qvalue_check(int option_type, const char *value, char *why, size_t whysz)
{
    char ex[QDIAG_EXCERPT_SIZE];
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
    qdiag_excerpt(value, strlen(value), ex, sizeof ex);
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
        if (qvalue_parse_int(value, &i) == 0)
            rc = 0;
        else if (is_decimal_float(value) && !strpbrk(value, ".eE"))
            snprintf(why, whysz, "integer out of range (%lld to %lld), got '%s'", (long long)INT64_MIN,
                     (long long)INT64_MAX, ex);
        else
            snprintf(why, whysz, "expected an integer, got '%s'", ex);
        break;
    case QRY_OPT_DOUBLE:
        if (qvalue_parse_double(value, &x) == 0)
            rc = 0;
        else if (is_decimal_float(value))
            snprintf(why, whysz, "number out of range, got '%s'", ex);
        else
            snprintf(why, whysz, "expected a number, got '%s'", ex);
        break;
    case QRY_OPT_BOOL:
        if (qvalue_parse_bool(value, &b) == 0)
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
