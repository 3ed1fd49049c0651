/* lexicon.c - a small read-only set of lower-case ASCII keys (abbreviations,
 * sentence starters), built once in load(). Lookups hash the caller's bytes
 * case-insensitively so the scanner never copies a token to look it up. */
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

#include "tkz.h"

#define KEY_MAX 31

static inline unsigned char lower_ascii(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c + 32) : c;
}

static inline uint32_t hash_lower(const char *s, size_t len)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < len; i++) {
        h ^= lower_ascii((unsigned char)s[i]);
        h *= 16777619u;
    }
    return h;
}

int tkz_lexicon_init(tkz_lexicon *lx, size_t expected)
{
    size_t cap = 64;
    while (cap < expected * 2)
        cap <<= 1;
    lx->keys = calloc(cap, sizeof *lx->keys);
    lx->values = calloc(cap, 1);
    lx->mask = cap - 1;
    lx->count = 0;
    memset(lx->filter, 0, sizeof lx->filter);
    if (!lx->keys || !lx->values) {
        tkz_lexicon_free(lx);
        return TP_ENOMEM;
    }
    return 0;
}

void tkz_lexicon_free(tkz_lexicon *lx)
{
    free(lx->keys);
    free(lx->values);
    lx->keys = NULL;
    lx->values = NULL;
    lx->mask = 0;
    lx->count = 0;
}

static int grow(tkz_lexicon *lx)
{
    tkz_lexicon bigger;
    int rc = tkz_lexicon_init(&bigger, (lx->mask + 1));
    if (rc)
        return rc;
    for (size_t i = 0; i <= lx->mask; i++) {
        if (lx->values[i])
            tkz_lexicon_add(&bigger, lx->keys[i], strlen(lx->keys[i]), lx->values[i]);
    }
    tkz_lexicon_free(lx);
    *lx = bigger;
    return 0;
}

int tkz_lexicon_add(tkz_lexicon *lx, const char *key, size_t len, uint8_t value)
{
    /* "Gov." and "gov" are the same abbreviation: the period is implied. */
    while (len > 0 && key[len - 1] == '.')
        len--;
    if (len == 0 || len > KEY_MAX || value == 0)
        return TP_EINVAL;
    if ((lx->count + 1) * 2 > lx->mask + 1) {
        int rc = grow(lx);
        if (rc)
            return rc;
    }
    size_t i = hash_lower(key, len) & lx->mask;
    while (lx->values[i]) {
        if (strlen(lx->keys[i]) == len) {
            size_t k = 0;
            while (k < len && (unsigned char)lx->keys[i][k] == lower_ascii((unsigned char)key[k]))
                k++;
            if (k == len) {
                lx->values[i] = value; /* a later entry (the user's) wins */
                return 0;
            }
        }
        i = (i + 1) & lx->mask;
    }
    for (size_t k = 0; k < len; k++)
        lx->keys[i][k] = (char)lower_ascii((unsigned char)key[k]);
    lx->keys[i][len] = '\0';
    lx->values[i] = value;
    lx->count++;
    unsigned bit = tkz_lexicon_filter_bit(key, len);
    lx->filter[bit / 64] |= (uint64_t)1 << (bit % 64);
    return 0;
}

uint8_t tkz_lexicon_find(const tkz_lexicon *lx, const char *key, size_t len)
{
    if (len > KEY_MAX || !lx->values)
        return 0;
    size_t i = hash_lower(key, len) & lx->mask;
    while (lx->values[i]) {
        const char *k = lx->keys[i];
        size_t j = 0;
        while (j < len && (unsigned char)k[j] == lower_ascii((unsigned char)key[j]))
            j++;
        if (j == len && k[len] == '\0')
            return lx->values[i];
        i = (i + 1) & lx->mask;
    }
    return 0;
}

static uint8_t parse_class(const char *s, size_t len, uint8_t fallback)
{
    if (len == 5 && memcmp(s, "plain", 5) == 0)
        return TKZ_ABBR_PLAIN;
    if (len == 5 && memcmp(s, "title", 5) == 0)
        return TKZ_ABBR_TITLE;
    if (len == 6 && memcmp(s, "number", 6) == 0)
        return TKZ_ABBR_NUMBER;
    return fallback;
}

int tkz_lexicon_load_text(tkz_lexicon *lx, const char *text, size_t len, uint8_t default_value)
{
    size_t p = 0;
    while (p < len) {
        size_t eol = p;
        while (eol < len && text[eol] != '\n')
            eol++;
        size_t a = p;
        while (a < eol && (text[a] == ' ' || text[a] == '\t' || text[a] == '\r'))
            a++;
        if (a < eol && text[a] != '#') {
            size_t w = a;
            while (w < eol && text[w] != ' ' && text[w] != '\t' && text[w] != '\r')
                w++;
            size_t c = w;
            while (c < eol && (text[c] == ' ' || text[c] == '\t'))
                c++;
            size_t ce = c;
            while (ce < eol && text[ce] != ' ' && text[ce] != '\t' && text[ce] != '\r')
                ce++;
            uint8_t v = parse_class(text + c, ce - c, default_value);
            int rc = tkz_lexicon_add(lx, text + a, w - a, v);
            if (rc == TP_ENOMEM)
                return rc;
        }
        p = eol + 1;
    }
    return 0;
}
