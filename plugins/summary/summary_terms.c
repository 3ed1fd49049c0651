/* summary_terms.c - lower-casing, stop words and stemming of words. */
#include "summary_terms.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>
#include <utf8proc.h>

#include <tpipe/doc.h>
#include <tpipe/error.h>

/* Distinct words cached before the cache starts afresh (about 10 MB). */
#define CACHE_MAX 200000

#define FIRST_SLOTS 4096

static size_t log2_of(size_t n)
{
    size_t bits = 0;
    while (((size_t)1 << bits) < n)
        bits++;
    return bits;
}

/* Points the cache at `slots` (n, a power of two, zeroed). */
static void set_slots(tp_summary_terms *terms, tp_summary_word *slots, size_t n)
{
    terms->slots = slots;
    terms->slot_count = n;
    terms->shift = (unsigned)(64 - log2_of(n));
}

int tp_summary_terms_init(tp_summary_terms *terms)
{
    memset(terms, 0, sizeof *terms);
    tp_summary_strmap_init(&terms->stems);
    /* NULL encoding: UTF-8. */
    terms->stemmer = sb_stemmer_new("english", NULL);
    terms->ascii_stemmer = sb_stemmer_new("english", "ISO_8859_1");
    tp_summary_word *slots = calloc(FIRST_SLOTS, sizeof *slots);
    if (slots)
        set_slots(terms, slots, FIRST_SLOTS);
    return terms->stemmer && slots ? 0 : TP_ENOMEM;
}

void tp_summary_terms_free(tp_summary_terms *terms)
{
    if (terms->stemmer)
        sb_stemmer_delete(terms->stemmer);
    if (terms->ascii_stemmer)
        sb_stemmer_delete(terms->ascii_stemmer);
    free(terms->buf);
    free(terms->slots);
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

/* Makes room in the scratch buffer for the lower-cased form of a word of
 * `len` bytes: lower-casing never more than doubles a UTF-8 length in
 * practice; 4 bytes per input byte is a safe bound. */
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

int tp_summary_terms_lower(tp_summary_terms *terms, const char *word, size_t len,
                           const char **lower, size_t *lower_len)
{
    if (reserve_buf(terms, len) < 0)
        return TP_ENOMEM;
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

/* ---- the word cache -------------------------------------------------------- */

static void clear_cache(tp_summary_terms *terms)
{
    memset(terms->slots, 0, terms->slot_count * sizeof *terms->slots);
    terms->words = 0;
    tp_summary_strmap_clear(&terms->stems);
}

int tp_summary_terms_trim(tp_summary_terms *terms)
{
    if (terms->words < CACHE_MAX)
        return 0;
    clear_cache(terms);
    return 1;
}

/* The slot where `key` is, or the empty one where it would go. */
static size_t slot_of(const tp_summary_terms *terms, uint64_t key)
{
    size_t mask = terms->slot_count - 1, slot = key >> terms->shift;
    while (terms->slots[slot].value && terms->slots[slot].key != key)
        slot = (slot + 1) & mask;
    return slot;
}

static int grow_slots(tp_summary_terms *terms)
{
    tp_summary_terms bigger = *terms;
    tp_summary_word *slots = calloc(terms->slot_count * 2, sizeof *slots);
    if (!slots)
        return TP_ENOMEM;
    set_slots(&bigger, slots, terms->slot_count * 2);
    for (size_t i = 0; i < terms->slot_count; i++)
        if (terms->slots[i].value)
            slots[slot_of(&bigger, terms->slots[i].key)] = terms->slots[i];
    free(terms->slots);
    set_slots(terms, slots, bigger.slot_count);
    return 0;
}

/* Caches what the word with `key` gives. */
static int add_word(tp_summary_terms *terms, uint64_t key, uint32_t value)
{
    /* Load under 0.7: short probes, and the table stays small enough for
     * the cache (one line holds four slots). */
    if ((terms->words + 1) * 10 > terms->slot_count * 7 && grow_slots(terms) < 0)
        return TP_ENOMEM;
    terms->slots[slot_of(terms, key)] = (tp_summary_word){key, value};
    terms->words++;
    return 0;
}

/* Lower-cases the word into the buffer, ASCII without a table look-up. */
static int lower_into_buf(tp_summary_terms *terms, const char *word, size_t len, const char **lower,
                          size_t *lower_len)
{
    if (reserve_buf(terms, len) < 0)
        return TP_ENOMEM;
    if (lower_ascii(terms->buf, word, len)) {
        *lower = terms->buf;
        *lower_len = len;
        return 0;
    }
    return tp_summary_terms_lower(terms, word, len, lower, lower_len);
}

int tp_summary_terms_id_keyed(tp_summary_terms *terms, const tp_summary_strmap *stop, uint64_t key,
                              const char *word, size_t len, uint32_t *id)
{
    int rc = tp_summary_terms_probe(terms, key, id);
    if (rc >= 0)
        return rc;
    const char *lower, *stem;
    size_t lower_len, stem_len, entry;
    if (len > UINT32_MAX / 8 || lower_into_buf(terms, word, len, &lower, &lower_len) < 0)
        return TP_ENOMEM;
    rc = stem_uncached(terms, stop, lower, lower_len, &stem, &stem_len);
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
    if (add_word(terms, key, value) < 0)
        return TP_ENOMEM;
    return rc;
}

int tp_summary_terms_id(tp_summary_terms *terms, const tp_summary_strmap *stop, const char *word,
                        size_t len, uint32_t *id)
{
    return tp_summary_terms_id_keyed(terms, stop, tp_word_key(word, len), word, len, id);
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
