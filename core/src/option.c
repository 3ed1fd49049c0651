/* option.c - parsing option values by their schema type. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_internal.h"
#include "suggest.h"

const char *tp_option_type_name(tp_option_type type)
{
    switch (type) {
    case TP_OPT_BOOL: return "bool";
    case TP_OPT_INT: return "int";
    case TP_OPT_NUMBER: return "number";
    case TP_OPT_STRING: return "string";
    case TP_OPT_ENUM: return "enum";
    case TP_OPT_STRING_LIST: return "string list";
    case TP_OPT_PATH: return "path";
    }
    return "unknown";
}

const char *tp_option_type_phrase(tp_option_type type)
{
    switch (type) {
    case TP_OPT_BOOL: return "a bool";
    case TP_OPT_INT: return "an int";
    case TP_OPT_NUMBER: return "a number";
    case TP_OPT_STRING: return "a string";
    case TP_OPT_ENUM: return "an enum";
    case TP_OPT_STRING_LIST: return "a string list";
    case TP_OPT_PATH: return "a path";
    }
    return "a value";
}

int tp_parse_bool(const char *text, bool *out)
{
    static const char *const yes[] = {"true", "yes", "on", "1"};
    static const char *const no[] = {"false", "no", "off", "0"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(text, yes[i]) == 0) {
            *out = true;
            return 0;
        }
        if (strcasecmp(text, no[i]) == 0) {
            *out = false;
            return 0;
        }
    }
    return TP_EPARSE;
}

static int parse_double(const char *text, double *out)
{
    char *end;
    errno = 0;
    double d = strtod(text, &end);
    if (end == text || *end != '\0' || errno == ERANGE || !isfinite(d))
        return TP_EPARSE;
    *out = d;
    return 0;
}

int tp_range_parse(const char *range, bool *has_min, double *min, bool *has_max, double *max)
{
    *has_min = *has_max = false;
    if (!range || !*range)
        return 0;
    const char *dots = strstr(range, "..");
    if (!dots)
        return TP_EPARSE;
    char lo[64], hi[64];
    size_t nlo = (size_t)(dots - range), nhi = strlen(dots + 2);
    if (nlo >= sizeof lo || nhi >= sizeof hi)
        return TP_EPARSE;
    memcpy(lo, range, nlo);
    lo[nlo] = '\0';
    memcpy(hi, dots + 2, nhi + 1);
    if (nlo) {
        if (parse_double(lo, min))
            return TP_EPARSE;
        *has_min = true;
    }
    if (nhi) {
        if (parse_double(hi, max))
            return TP_EPARSE;
        *has_max = true;
    }
    return *has_min && *has_max && *min > *max ? TP_EPARSE : 0;
}

static int check_range(const tp_option_spec *spec, double d, char *why, size_t why_len)
{
    bool has_min, has_max;
    double min = 0, max = 0;
    if (tp_range_parse(spec->range, &has_min, &min, &has_max, &max))
        return 0; /* schema errors are reported by tp_schema_check */
    if ((has_min && d < min) || (has_max && d > max)) {
        snprintf(why, why_len, "value %g is out of range (allowed: %s)", d, spec->range);
        return TP_ERANGE;
    }
    return 0;
}

/* Whether `item` is one of the '|'-separated `choices`. */
static bool choice_ok(const char *choices, const char *item)
{
    size_t n = strlen(item);
    for (const char *p = choices; p && *p;) {
        const char *bar = strchr(p, '|');
        size_t len = bar ? (size_t)(bar - p) : strlen(p);
        if (len == n && strncmp(p, item, n) == 0)
            return true;
        p = bar ? bar + 1 : NULL;
    }
    return false;
}

static void choice_error(const char *choices, const char *item, char *why, size_t why_len)
{
    const char *names[64];
    char buf[512];
    size_t count = 0;
    snprintf(buf, sizeof buf, "%s", choices);
    for (char *p = buf; p && count < 64;) {
        names[count++] = p;
        char *bar = strchr(p, '|');
        if (bar)
            *bar++ = '\0';
        p = bar;
    }
    const char *best = tp_suggest(item, names, count);
    if (best)
        snprintf(why, why_len, "'%s' is not allowed; did you mean '%s'? (allowed: %s)", item,
                 best, choices);
    else
        snprintf(why, why_len, "'%s' is not allowed (allowed: %s)", item, choices);
}

static char *dup_trimmed(const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t')) {
        s++;
        len--;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
        len--;
    char *d = malloc(len + 1);
    if (d) {
        memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}

void tp_opt_value_clear(tp_opt_value *v)
{
    free(v->s);
    for (size_t i = 0; i < v->count; i++)
        free(v->items[i]);
    free(v->items);
    v->s = NULL;
    v->items = NULL;
    v->count = 0;
    v->present = false;
}

int tp_option_parse_items(const tp_option_spec *spec, const char *const *items, size_t count,
                          tp_opt_value *out, char *why, size_t why_len)
{
    if (spec->type != TP_OPT_STRING_LIST) {
        snprintf(why, why_len, "expected %s, got a list", tp_option_type_phrase(spec->type));
        return TP_EPARSE;
    }
    for (size_t i = 0; i < count; i++) {
        if (spec->choices && !choice_ok(spec->choices, items[i])) {
            choice_error(spec->choices, items[i], why, why_len);
            return TP_EPARSE;
        }
    }
    char **copy = calloc(count ? count : 1, sizeof *copy);
    if (!copy)
        return TP_ENOMEM;
    for (size_t i = 0; i < count; i++) {
        copy[i] = dup_trimmed(items[i], strlen(items[i]));
        if (!copy[i]) {
            while (i--)
                free(copy[i]);
            free(copy);
            return TP_ENOMEM;
        }
    }
    tp_opt_value_clear(out);
    out->items = copy;
    out->count = count;
    out->present = true;
    return 0;
}

static int parse_list(const tp_option_spec *spec, const char *text, tp_opt_value *out, char *why,
                      size_t why_len)
{
    const char *items[256];
    char *pieces[256];
    size_t count = 0;
    int rc = 0;
    for (const char *p = text; *p;) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        if (count == 256) {
            snprintf(why, why_len, "too many items (at most 256)");
            rc = TP_ERANGE;
            break;
        }
        pieces[count] = dup_trimmed(p, len);
        if (!pieces[count]) {
            rc = TP_ENOMEM;
            break;
        }
        if (*pieces[count])
            items[count] = pieces[count], count++;
        else
            free(pieces[count]);
        p = comma ? comma + 1 : p + len;
    }
    if (rc == 0)
        rc = tp_option_parse_items(spec, items, count, out, why, why_len);
    for (size_t i = 0; i < count; i++)
        free(pieces[i]);
    return rc;
}

static char *resolve_path(const char *text, const char *base_dir)
{
    if (text[0] == '/' || !base_dir || !*base_dir)
        return strdup(text);
    size_t n = strlen(base_dir) + strlen(text) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", base_dir, text);
    return p;
}

int tp_option_parse(const tp_option_spec *spec, const char *text, const char *base_dir,
                    tp_opt_value *out, char *why, size_t why_len)
{
    switch (spec->type) {
    case TP_OPT_BOOL: {
        bool b;
        if (tp_parse_bool(text, &b)) {
            snprintf(why, why_len, "expected a bool (true/false, yes/no, on/off, 1/0), got '%s'",
                     text);
            return TP_EPARSE;
        }
        tp_opt_value_clear(out);
        out->b = b;
        break;
    }
    case TP_OPT_INT: {
        char *end;
        errno = 0;
        long long v = strtoll(text, &end, 10);
        if (end == text || *end != '\0' || errno == ERANGE) {
            snprintf(why, why_len, "expected an integer, got '%s'", text);
            return TP_EPARSE;
        }
        int rc = check_range(spec, (double)v, why, why_len);
        if (rc)
            return rc;
        tp_opt_value_clear(out);
        out->i = v;
        break;
    }
    case TP_OPT_NUMBER: {
        double d;
        if (parse_double(text, &d)) {
            snprintf(why, why_len, "expected a number, got '%s'", text);
            return TP_EPARSE;
        }
        int rc = check_range(spec, d, why, why_len);
        if (rc)
            return rc;
        tp_opt_value_clear(out);
        out->d = d;
        break;
    }
    case TP_OPT_ENUM:
        if (!choice_ok(spec->choices, text)) {
            choice_error(spec->choices ? spec->choices : "", text, why, why_len);
            return TP_EPARSE;
        }
        /* fall through */
    case TP_OPT_STRING:
    case TP_OPT_PATH: {
        char *s = spec->type == TP_OPT_PATH ? resolve_path(text, base_dir) : strdup(text);
        if (!s)
            return TP_ENOMEM;
        tp_opt_value_clear(out);
        out->s = s;
        break;
    }
    case TP_OPT_STRING_LIST:
        return parse_list(spec, text, out, why, why_len);
    default:
        snprintf(why, why_len, "unknown option type %d", (int)spec->type);
        return TP_EPARSE;
    }
    out->present = true;
    return 0;
}
