/* summary_terms.c - lower-casing, stop words and stemming of words. */
#include "summary_terms.h"

#include <stdbool.h>
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
    tp_summary_strmap_init(&terms->stems);
    /* NULL encoding: UTF-8. */
    terms->stemmer = sb_stemmer_new("english", NULL);
    terms->ascii_stemmer = sb_stemmer_new("english", "ISO_8859_1");
    return terms->stemmer ? 0 : TP_ENOMEM;
}

void tp_summary_terms_free(tp_summary_terms *terms)
{
    if (terms->stemmer)
        sb_stemmer_delete(terms->stemmer);
    if (terms->ascii_stemmer)
        sb_stemmer_delete(terms->ascii_stemmer);
    free(terms->buf);
    free(terms->slots);
    free(terms->rest);
    free(terms->keys);
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
    size_t need = len * 4 + 16;
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

/* Whether the word has a letter; *chars gets its length in characters and
 * *ascii whether every byte is below 0x80 (then the letters are A-Z, a-z). */
static int has_letter(const char *s, size_t len, size_t *chars, bool *ascii)
{
    int letter = 0;
    size_t i = 0;
    for (; i < len && (unsigned char)s[i] < 0x80; i++)
        letter |= (unsigned)((s[i] | 0x20) - 'a') < 26u;
    *ascii = i == len;
    if (*ascii) {
        *chars = len;
        return letter;
    }
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    *chars = i;
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
    bool ascii;
    /* A possessive left on the word (when the tokenizer kept it) carries no
     * meaning of its own. */
    if (lower_len > 2 && lower[lower_len - 2] == '\'' && lower[lower_len - 1] == 's')
        lower_len -= 2;
    if (!has_letter(lower, lower_len, &chars, &ascii) || chars < 2)
        return 0;
    if (stop && tp_summary_strmap_find(stop, lower, lower_len) >= 0)
        return 0;
    struct sb_stemmer *stemmer =
        ascii && terms->ascii_stemmer ? terms->ascii_stemmer : terms->stemmer;
    const sb_symbol *out = sb_stemmer_stem(stemmer, (const sb_symbol *)lower, (int)lower_len);
    if (!out)
        return TP_ENOMEM;
    *stem = (const char *)out;
    *stem_len = (size_t)sb_stemmer_length(stemmer);
    return 1;
}

/* ---- the word cache -------------------------------------------------------- */

/* Makes room for a key of `len` bytes (plus 8 of zero padding) in the
 * scratch buffer. */
static int reserve_buf(tp_summary_terms *terms, size_t len)
{
    size_t need = len * 4 + 16;
    if (need <= terms->cap)
        return 0;
    char *buf = realloc(terms->buf, need);
    if (!buf)
        return TP_ENOMEM;
    terms->buf = buf;
    terms->cap = need;
    return 0;
}

/* Lower-cases an ASCII word into the buffer; returns 0 when the word has a
 * byte outside ASCII (the caller then takes the Unicode path). */
static int lower_ascii(char *out, const char *word, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)word[i];
        if (c >= 0x80)
            return 0;
        out[i] = (char)((unsigned)(c - 'A') < 26u ? c + ('a' - 'A') : c);
    }
    return 1;
}

static uint64_t load64(const char *p)
{
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return w;
}

/* Hash of a zero-padded key of `units` 8-byte units: one multiply per unit
 * (most words take one), then a finaliser so the low bits, which index the
 * table, depend on every byte. */
/* Hash of a zero-padded key of `units` 8-byte units: one multiply per unit
 * (most words take one), then a finaliser so the low bits, which index the
 * table, depend on every byte. */
static uint64_t hash_key(const char *key, size_t units, size_t len)
{
    uint64_t h = tp_summary_terms_seed(len);
    for (size_t u = 0; u < units; u++)
        h = tp_summary_terms_mix(h, load64(key + 8 * u));
    return tp_summary_terms_final(h);
}

static uint32_t make_tag(uint64_t hash, size_t len)
{
    return tp_summary_terms_tag(hash, len);
}

/* Whether the key in the buffer (`len` bytes, zero-padded) is the one of
 * `slot`, whose tag and head already matched. */
static int same_rest(const tp_summary_terms *terms, size_t slot, const char *key, size_t len)
{
    if (len <= 8)
        return 1;
    if (len <= 16)
        return terms->rest[slot] == load64(key + 8);
    const uint64_t *stored = terms->keys + terms->rest[slot];
    if (stored[0] != len)
        return 0;
    for (size_t u = 1; u < (len + 7) / 8; u++)
        if (stored[u] != load64(key + 8 * u))
            return 0;
    return 1;
}

static void clear_cache(tp_summary_terms *terms)
{
    if (terms->slots)
        memset(terms->slots, 0, terms->slot_count * sizeof *terms->slots);
    terms->words = 0;
    terms->keys_len = 0;
    tp_summary_strmap_clear(&terms->stems);
}

int tp_summary_terms_trim(tp_summary_terms *terms)
{
    if (terms->words < CACHE_MAX)
        return 0;
    clear_cache(terms);
    return 1;
}

static size_t home_of(uint32_t tag, size_t mask)
{
    /* The tag's low byte is the length: index by its hash bits. */
    return (tag >> 8) & mask;
}

static int grow_slots(tp_summary_terms *terms)
{
    size_t n = terms->slot_count ? terms->slot_count * 2 : 4096;
    if (n > (size_t)1 << 24) /* home_of() has 24 hash bits */
        return TP_ENOMEM;
    tp_summary_word *slots = calloc(n, sizeof *slots);
    uint64_t *rest = malloc(n * sizeof *rest);
    if (!slots || !rest) {
        free(slots);
        free(rest);
        return TP_ENOMEM;
    }
    for (size_t i = 0; i < terms->slot_count; i++) {
        tp_summary_word w = terms->slots[i];
        if (!w.value)
            continue;
        size_t j = home_of(w.tag, n - 1);
        while (slots[j].value)
            j = (j + 1) & (n - 1);
        slots[j] = w;
        rest[j] = terms->rest[i];
    }
    free(terms->slots);
    free(terms->rest);
    terms->slots = slots;
    terms->rest = rest;
    terms->slot_count = n;
    return 0;
}

/* Adds the word in the buffer (lower-cased, padded), whose slot would be
 * `slot`, with what it gives. */
static int add_word(tp_summary_terms *terms, size_t slot, uint32_t tag, size_t len,
                    uint32_t value)
{
    /* Load under 0.7: short probes, and the table stays small enough for
     * the cache (one line holds four slots). */
    if ((terms->words + 1) * 10 > terms->slot_count * 7) {
        if (grow_slots(terms) < 0)
            return TP_ENOMEM;
        slot = home_of(tag, terms->slot_count - 1);
        while (terms->slots[slot].value)
            slot = (slot + 1) & (terms->slot_count - 1);
    }
    if (len > 8 && len <= 16) {
        terms->rest[slot] = load64(terms->buf + 8);
    } else if (len > 16) {
        size_t units = 1 + (len - 8 + 7) / 8;
        if (terms->keys_len + units > terms->keys_cap) {
            size_t n = terms->keys_cap ? terms->keys_cap * 2 : 8192;
            while (n < terms->keys_len + units)
                n *= 2;
            if (n > UINT32_MAX)
                return TP_ENOMEM;
            uint64_t *keys = realloc(terms->keys, n * sizeof *keys);
            if (!keys)
                return TP_ENOMEM;
            terms->keys = keys;
            terms->keys_cap = n;
        }
        terms->keys[terms->keys_len] = len;
        memcpy(terms->keys + terms->keys_len + 1, terms->buf + 8, (units - 1) * 8);
        terms->rest[slot] = terms->keys_len;
        terms->keys_len += units;
    }
    terms->slots[slot] = (tp_summary_word){load64(terms->buf), tag, value};
    terms->words++;
    return 0;
}

/* Looks up the lower-cased word in the buffer (`lower_len` bytes, then
 * zeros up to a whole 8-byte unit), stemming and caching it on a miss. */
static int lookup(tp_summary_terms *terms, const tp_summary_strmap *stop, size_t lower_len,
                  uint32_t *id)
{
    size_t units = (lower_len + 7) / 8;
    uint32_t tag = make_tag(hash_key(terms->buf, units, lower_len), lower_len);
    uint64_t head = load64(terms->buf);
    size_t mask = terms->slot_count - 1, slot = 0;
    if (terms->slot_count) {
        for (slot = home_of(tag, mask);; slot = (slot + 1) & mask) {
            const tp_summary_word *w = &terms->slots[slot];
            if (!w->value)
                break;
            if (w->tag == tag && w->head == head &&
                same_rest(terms, slot, terms->buf, lower_len)) {
                if (w->value == 1)
                    return 0;
                *id = w->value - 2;
                return 1;
            }
        }
    }
    const char *stem;
    size_t stem_len, entry;
    int rc = stem_uncached(terms, stop, terms->buf, lower_len, &stem, &stem_len);
    if (rc < 0)
        return rc;
    uint32_t value = 1;
    if (rc == 1) {
        if (tp_summary_strmap_intern(&terms->stems, stem, stem_len, 0, &entry, NULL) < 0 ||
            entry > UINT32_MAX - 2)
            return TP_ENOMEM;
        value = (uint32_t)entry + 2;
        *id = (uint32_t)entry;
    }
    /* The stemmer's output lives in its own memory: the buffer still holds
     * the padded word. */
    if (add_word(terms, slot, tag, lower_len, value) < 0)
        return TP_ENOMEM;
    return rc;
}

/* The Unicode path, and the ASCII one byte by byte: lower-cases the word
 * into the buffer with its zero padding. */
static int lower_into_buf(tp_summary_terms *terms, const char *word, size_t len,
                          size_t *lower_len)
{
    *lower_len = len;
    if (!lower_ascii(terms->buf, word, len)) {
        const char *lower;
        if (tp_summary_terms_lower(terms, word, len, &lower, lower_len) < 0)
            return TP_ENOMEM;
    }
    memset(terms->buf + *lower_len, 0, 8);
    return 0;
}

int tp_summary_terms_id(tp_summary_terms *terms, const tp_summary_strmap *stop, const char *word,
                        size_t len, uint32_t *id)
{
    size_t lower_len;
    if (len > UINT32_MAX / 8 || reserve_buf(terms, len) < 0 ||
        lower_into_buf(terms, word, len, &lower_len) < 0)
        return TP_ENOMEM;
    return lookup(terms, stop, lower_len, id);
}

#define HIGH_BITS 0x8080808080808080ull

static uint64_t lower8(uint64_t w)
{
    return tp_summary_terms_lower8(w);
}

int tp_summary_terms_id_in(tp_summary_terms *terms, const tp_summary_strmap *stop,
                           const char *text, size_t start, size_t end, uint32_t *id)
{
    size_t len = end - start;
    if (len > UINT32_MAX / 8 || reserve_buf(terms, len) < 0)
        return TP_ENOMEM;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    /* Eight bytes at a time; the last, partial unit is loaded as the eight
     * bytes that end the word and shifted down, which leaves zeros above
     * it and never reads past the word. */
    if (end >= 8) {
        size_t full = len / 8, tail = len % 8;
        uint64_t any = 0;
        memset(terms->buf + 8 * full, 0, 8); /* the padding of a whole last unit */
        for (size_t u = 0; u < full; u++) {
            uint64_t w = load64(text + start + 8 * u);
            any |= w;
            w = lower8(w);
            memcpy(terms->buf + 8 * u, &w, 8);
        }
        if (tail) {
            uint64_t w = load64(text + end - 8) >> (8 * (8 - tail));
            any |= w;
            w = lower8(w);
            memcpy(terms->buf + 8 * full, &w, 8);
        }
        if (!(any & HIGH_BITS))
            return lookup(terms, stop, len, id);
    }
#endif
    size_t lower_len;
    if (lower_into_buf(terms, text + start, len, &lower_len) < 0)
        return TP_ENOMEM;
    return lookup(terms, stop, lower_len, id);
}

int tp_summary_terms_stem(tp_summary_terms *terms, const tp_summary_strmap *stop, const char *word,
                          size_t len, const char **stem, size_t *stem_len)
{
    tp_summary_terms_trim(terms);
    uint32_t id;
    int rc = tp_summary_terms_id(terms, stop, word, len, &id);
    if (rc == 1) {
        *stem = tp_summary_strmap_key(&terms->stems, id);
        *stem_len = terms->stems.key_len[id];
    }
    return rc;
}
