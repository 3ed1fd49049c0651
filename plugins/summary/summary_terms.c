/* summary_terms.c - lower-casing, stop words and stemming of words. */
#include "summary_terms.h"

#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include <tpipe/error.h>

/* Distinct words cached before the cache starts afresh (about 10 MB). */
#define CACHE_MAX 200000

int tp_summary_terms_init(tp_summary_terms *terms)
{
    memset(terms, 0, sizeof *terms);
    tp_summary_strmap_init(&terms->cache);
    tp_summary_strmap_init(&terms->stems);
    /* NULL encoding: UTF-8. */
    terms->stemmer = sb_stemmer_new("english", NULL);
    return terms->stemmer ? 0 : TP_ENOMEM;
}

void tp_summary_terms_free(tp_summary_terms *terms)
{
    if (terms->stemmer)
        sb_stemmer_delete(terms->stemmer);
    free(terms->buf);
    tp_summary_strmap_free(&terms->cache);
    tp_summary_strmap_free(&terms->stems);
    memset(terms, 0, sizeof *terms);
}

int tp_summary_stopwords_parse(tp_summary_strmap *map, const char *text, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\n')
            i++;
        size_t end = i++;
        while (start < end && (text[start] == ' ' || text[start] == '\t'))
            start++;
        while (end > start && (text[end - 1] == ' ' || text[end - 1] == '\t' ||
                               text[end - 1] == '\r'))
            end--;
        if (start == end || text[start] == '#')
            continue;
        size_t entry;
        if (tp_summary_strmap_intern(map, text + start, end - start, 1, &entry, NULL) < 0)
            return TP_ENOMEM;
    }
    return 0;
}

int tp_summary_terms_lower(tp_summary_terms *terms, const char *word, size_t len,
                           const char **lower, size_t *lower_len)
{
    /* Lower-casing never more than doubles a UTF-8 length in practice; 4
     * bytes per input byte is a safe bound. */
    size_t need = len * 4 + 1;
    if (need > terms->cap) {
        char *buf = realloc(terms->buf, need);
        if (!buf)
            return TP_ENOMEM;
        terms->buf = buf;
        terms->cap = need;
    }
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)word;
    size_t i = 0, o = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            i++;
            continue;
        }
        i += (size_t)n;
        if (cp < 0x80) {
            /* ASCII, most of the text: no table look-up. */
            terms->buf[o++] = (char)(cp >= 'A' && cp <= 'Z' ? cp + ('a' - 'A') : cp);
            continue;
        }
        if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
            cp = '\'';
        cp = utf8proc_tolower(cp);
        o += (size_t)utf8proc_encode_char(cp, (utf8proc_uint8_t *)terms->buf + o);
    }
    terms->buf[o] = '\0';
    *lower = terms->buf;
    *lower_len = o;
    return 0;
}

static int has_letter(const char *s, size_t len, size_t *chars)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    size_t i = 0;
    int letter = 0;
    *chars = 0;
    while (i < len) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0)
            break;
        i += (size_t)n;
        (*chars)++;
        utf8proc_category_t c = utf8proc_category(cp);
        if (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO)
            letter = 1;
    }
    return letter;
}

static int stem_uncached(tp_summary_terms *terms, const tp_summary_strmap *stop,
                         const char *lower, size_t lower_len, const char **stem,
                         size_t *stem_len)
{
    size_t chars;
    /* A possessive left on the word (when the tokenizer kept it) carries no
     * meaning of its own. */
    if (lower_len > 2 && lower[lower_len - 2] == '\'' && lower[lower_len - 1] == 's')
        lower_len -= 2;
    if (!has_letter(lower, lower_len, &chars) || chars < 2)
        return 0;
    if (stop && tp_summary_strmap_find(stop, lower, lower_len) >= 0)
        return 0;
    const sb_symbol *out =
        sb_stemmer_stem(terms->stemmer, (const sb_symbol *)lower, (int)lower_len);
    if (!out)
        return TP_ENOMEM;
    *stem = (const char *)out;
    *stem_len = (size_t)sb_stemmer_length(terms->stemmer);
    return 1;
}

int tp_summary_terms_stem(tp_summary_terms *terms, const tp_summary_strmap *stop, const char *word,
                          size_t len, const char **stem, size_t *stem_len)
{
    const char *lower;
    size_t lower_len, entry;
    if (tp_summary_terms_lower(terms, word, len, &lower, &lower_len) < 0)
        return TP_ENOMEM;
    long hit = tp_summary_strmap_find(&terms->cache, lower, lower_len);
    if (hit >= 0) {
        int64_t s = terms->cache.values[hit];
        if (s < 0)
            return 0;
        *stem = tp_summary_strmap_key(&terms->stems, (size_t)s);
        *stem_len = terms->stems.key_len[s];
        return 1;
    }
    if (terms->cache.count >= CACHE_MAX) {
        tp_summary_strmap_clear(&terms->cache);
        tp_summary_strmap_clear(&terms->stems);
    }
    int rc = stem_uncached(terms, stop, lower, lower_len, stem, stem_len);
    if (rc < 0)
        return rc;
    int64_t value = -1;
    if (rc == 1) {
        if (tp_summary_strmap_intern(&terms->stems, *stem, *stem_len, 0, &entry, NULL) < 0)
            return TP_ENOMEM;
        value = (int64_t)entry;
        *stem = tp_summary_strmap_key(&terms->stems, entry);
    }
    if (tp_summary_strmap_intern(&terms->cache, lower, lower_len, value, &entry, NULL) < 0)
        return TP_ENOMEM;
    return rc;
}
