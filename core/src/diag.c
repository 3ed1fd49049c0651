/* diag.c - a list of formatted diagnostics. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

struct tp_diags {
    char **messages;
    size_t count, cap, errors;
};

TP_API tp_diags *tp_diags_new(void)
{
    return calloc(1, sizeof(tp_diags));
}

TP_API void tp_diags_free(tp_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++)
        free(d->messages[i]);
    free(d->messages);
    free(d);
}

TP_API size_t tp_diags_count(const tp_diags *d)
{
    return d ? d->count : 0;
}

TP_API size_t tp_diags_error_count(const tp_diags *d)
{
    return d ? d->errors : 0;
}

TP_API const char *tp_diags_message(const tp_diags *d, size_t i)
{
    return d && i < d->count ? d->messages[i] : NULL;
}

static int add(tp_diags *d, bool error, const char *file, int line, int col, const char *fmt,
               va_list ap)
{
    if (!d)
        return error ? TP_ECONFIG : 0;
    char body[2048], loc[1024] = "";
    vsnprintf(body, sizeof body, fmt, ap);
    if (file && line > 0)
        snprintf(loc, sizeof loc, "%s:%d:%d: ", file, line, col > 0 ? col : 1);
    else if (file)
        snprintf(loc, sizeof loc, "%s: ", file);
    size_t n = strlen(loc) + strlen(body) + 16;
    char *msg = malloc(n);
    if (!msg)
        return TP_ENOMEM;
    snprintf(msg, n, "%s%s: %s", loc, error ? "error" : "note", body);
    if (d->count == d->cap) {
        size_t ncap = d->cap ? d->cap * 2 : 8;
        char **m = realloc(d->messages, ncap * sizeof *m);
        if (!m) {
            free(msg);
            return TP_ENOMEM;
        }
        d->messages = m;
        d->cap = ncap;
    }
    d->messages[d->count++] = msg;
    if (error)
        d->errors++;
    return error ? TP_ECONFIG : 0;
}

int tp_diags_error(tp_diags *d, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = add(d, true, file, line, col, fmt, ap);
    va_end(ap);
    return rc;
}

int tp_diags_note(tp_diags *d, const char *file, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = add(d, false, file, line, col, fmt, ap);
    va_end(ap);
    return rc;
}
