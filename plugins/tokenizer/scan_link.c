/* scan_link.c - e-mail addresses, URLs, bare domains and dotted
 * abbreviations (U.S., e.g.): the scanner's look-ahead matchers. */
#include <string.h>

#include "scan_internal.h"

static int email_local_char(unsigned c)
{
    return is_ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

/* A domain name at p: labels of [A-Za-z0-9-] joined by single dots, at least
 * two labels, the last one of two or more letters. Returns its end, or p. */
static size_t match_domain_name(const scanner *sc, size_t p, int *last_label_lower,
                                size_t *last_label_start)
{
    const unsigned char *s = sc->s;
    size_t q = p, labels = 0, end = p;
    for (;;) {
        size_t ls = q;
        while (q < sc->n && (is_ascii_alnum(s[q]) || s[q] == '-'))
            q++;
        if (q == ls)
            break;
        labels++;
        end = q;
        *last_label_start = ls;
        if (q + 1 < sc->n && s[q] == '.' && is_ascii_alnum(s[q + 1]))
            q++;
        else
            break;
    }
    if (labels < 2)
        return p;
    size_t ls = *last_label_start;
    int lower_only = 1;
    for (size_t k = ls; k < end; k++) {
        if (!is_ascii_alpha(s[k]))
            return p;
        if (s[k] < 'a')
            lower_only = 0;
    }
    if (end - ls < 2)
        return p;
    *last_label_lower = lower_only;
    return end;
}

/* local@domain.tld from p; returns the end or p. */
size_t tkz_match_email(const scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    size_t q = p;
    while (q < sc->n && email_local_char(s[q]))
        q++;
    if (q == p || q >= sc->n || s[q] != '@' || s[q - 1] == '.')
        return p;
    int lower_only;
    size_t ls;
    size_t e = match_domain_name(sc, q + 1, &lower_only, &ls);
    return e == q + 1 ? p : e;
}

/* Top-level domains recognised in bare domain names (bbc.co.uk, amazon.com),
 * kept short on purpose: a longer list would turn "end.it" typos into URLs. */
static int known_tld(const unsigned char *s, size_t len)
{
    static const char *const tlds[] = {"com", "org", "net", "edu", "gov", "mil", "int",
                                       "info", "biz", "io", "uk", "us", "eu", "ca", "au",
                                       "de", "fr", "jp", "cn", "ru", "nz", "ie", "kr", "tv",
                                       "ly", "ai", "app", "dev", "news", NULL};
    for (size_t i = 0; tlds[i]; i++) {
        if (strlen(tlds[i]) == len && memcmp(tlds[i], s, len) == 0)
            return 1;
    }
    return 0;
}

static int url_stop(const scanner *sc, size_t p, int *len)
{
    unsigned c = sc->s[p];
    *len = 1;
    if (c < 0x80)
        return c <= ' ' || c == '"' || c == '<' || c == '>' || c == '`' || c == 127;
    int32_t cp = uni_decode(sc->s, sc->n, p, len);
    int cat = uni_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
           cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_PI ||
           cat == UTF8PROC_CATEGORY_PF || cat == UTF8PROC_CATEGORY_CC || cp == 0x2026;
}

/* Extends a URL from q to the next space, then gives back trailing
 * punctuation that belongs to the sentence (a final period, a closing
 * bracket without its opener). */
static size_t url_tail(const scanner *sc, size_t start, size_t q)
{
    int len;
    while (q < sc->n && !url_stop(sc, q, &len))
        q += (size_t)len;
    for (;;) {
        unsigned c = sc->s[q - 1];
        if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' ||
            c == '\'' || c == '*') {
            q--;
            continue;
        }
        if (c == ')' || c == ']' || c == '}') {
            unsigned open = c == ')' ? '(' : c == ']' ? '[' : '{';
            long depth = 0;
            for (size_t k = start; k < q; k++)
                depth += (sc->s[k] == open) - (sc->s[k] == c);
            if (depth < 0) {
                q--;
                continue;
            }
        }
        break;
    }
    return q;
}

static int prefix_ci(const scanner *sc, size_t p, const char *pre)
{
    size_t k = 0;
    for (; pre[k]; k++) {
        if (p + k >= sc->n || lower(sc->s[p + k]) != (unsigned char)pre[k])
            return 0;
    }
    return 1;
}

/* http://..., https://..., ftp://..., www.... at p; returns the end or p. */
size_t tkz_match_url(const scanner *sc, size_t p)
{
    size_t body;
    if (prefix_ci(sc, p, "https://"))
        body = p + 8;
    else if (prefix_ci(sc, p, "http://"))
        body = p + 7;
    else if (prefix_ci(sc, p, "ftp://"))
        body = p + 6;
    else if (prefix_ci(sc, p, "www.") && p + 4 < sc->n && is_ascii_alnum(sc->s[p + 4]))
        body = p + 4;
    else
        return p;
    if (body >= sc->n || !wordchar_at(sc, body))
        return p;
    return url_tail(sc, p, body);
}

/* A bare domain (bbc.co.uk, Amazon.com/path) starting at p. */
size_t tkz_match_bare_domain(const scanner *sc, size_t p)
{
    int lower_only = 0;
    size_t ls = p;
    size_t e = match_domain_name(sc, p, &lower_only, &ls);
    if (e == p || !lower_only || !known_tld(sc->s + ls, e - ls))
        return p;
    if (e < sc->n && (wordchar_at(sc, e) || sc->s[e] == '@'))
        return p;
    if (e < sc->n && sc->s[e] == '/')
        return url_tail(sc, p, e);
    return e;
}

/* U.S. U.S.A. e.g. i.e. a.m. Ph.D.: letter groups of one or two letters, each
 * followed by a period, at least two groups. Returns the end or p. */
size_t tkz_match_dotted_abbreviation(const scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    size_t q = p, groups = 0;
    for (;;) {
        size_t g = q;
        while (q < sc->n && is_ascii_alpha(s[q]) && q - g < 3)
            q++;
        if (q == g || q - g > 2 || q >= sc->n || s[q] != '.')
            break;
        q++;
        groups++;
        if (q >= sc->n || !is_ascii_alpha(s[q]))
            break;
    }
    if (groups < 2 || s[q - 1] != '.')
        return p;
    if (q < sc->n && wordchar_at(sc, q))
        return p;
    return q;
}
