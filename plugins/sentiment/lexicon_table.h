/* lexicon_table.h - the layout of the sentiment lexicon's hash table and
 * its lookup path, as static inline functions: the rules look up every
 * word of every text, and keeping the path in the caller's translation unit
 * spares four calls a word. Internal to the plugin; lexicon.h is the API. */
#ifndef TP_SENTIMENT_LEXICON_TABLE_H
#define TP_SENTIMENT_LEXICON_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "lexicon.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define LEX_LITTLE_ENDIAN 1
#else
#define LEX_LITTLE_ENDIAN 0
#endif

/* Keys of up to 16 bytes (nearly every word, and short phrases) live in
 * 32-byte slots that hold the key itself, zero-padded, beside its entry, so
 * that a hit costs one cache line and the key compares as two 8-byte words.
 * Longer keys (a few hundred idioms and long words) sit in a second, small
 * table whose keys are in the pool.
 *
 * A blocked Bloom filter keeps most words away from the tables. Each hash
 * picks one 64-byte line, two bytes in it and one of the four bit pairs of a
 * byte; bit LEX_MAY_BE_WORD of the pair set in both bytes says "may be a
 * single word that means something" (a valence, a negator, a modifier, a
 * rule word: about one word in ten of a text), bit LEX_MAY_OPEN "may be a
 * phrase or the opening of one" ("the", "the bomb" ...), so both questions
 * cost two byte reads, an AND and one shift. The function words that open
 * idioms are frequent; they are checked again with the next word added
 * before a table is read at all. */
#define LEX_INLINE_KEY 16

typedef struct lex_slot {
    char key[LEX_INLINE_KEY]; /* zero-padded */
    tp_senti_entry entry;
    uint32_t tag; /* hash with its low byte replaced by the key length; 0: empty */
} lex_slot;

typedef struct lex_long {
    uint32_t mark; /* the hash, never 0; 0: empty */
    uint32_t len;
    uint32_t key_off; /* in the pool, NUL-terminated */
    tp_senti_entry entry;
} lex_long;

/* The tag of a short key: the length (1..16) makes it non-zero and, beside
 * the zero-padded bytes, tells "ab" from "ab\0". */
static inline uint32_t lex_tag(uint32_t h, size_t len)
{
    return (h & ~0xFFu) | (uint32_t)len;
}

/* 16 KB, so that it stays in the L1 cache beside a document's items (a
 * 128 KB filter, with fewer false positives, made the step slower); on
 * news text about 2.5% of words pass it falsely. */
#define FILTER_LINE_BITS 8
#define FILTER_LINES (1u << FILTER_LINE_BITS)
#define FILTER_LINE 64u

/* The filter's answers: bits of a pair in a filter byte. */
enum { LEX_MAY_OPEN = 1u, LEX_MAY_BE_WORD = 2u };

struct tp_senti_lex {
    lex_slot *slots; /* keys of 1..16 bytes */
    size_t cap;      /* power of two */
    unsigned shift;  /* 32 - log2(cap): a hash's top bits pick its slot */
    size_t used;
    lex_long *longs; /* longer keys */
    size_t long_cap; /* power of two */
    unsigned long_shift;
    size_t long_used;
    size_t valence_count;
    char *pool; /* the keys of `longs` */
    size_t pool_len, pool_cap;
    size_t max_words; /* longest phrase */
    uint8_t filter[FILTER_LINES][FILTER_LINE];
};

/* Where the filter keeps hash `h`'s answers: a line, picked by the hash's
 * top bits, two bytes in it and a bit pair in those, from one
 * multiplication. The filter only keeps words away from the table: what a
 * look-up finds never depends on it (see lex_word_entry), so its layout may
 * change freely. */
typedef struct lex_filter_spot {
    size_t line;
    unsigned byte1, byte2, shift;
} lex_filter_spot;

static inline lex_filter_spot lex_filter_spot_of(uint32_t h)
{
    uint32_t m = h * 0x9E3779B1u;
    lex_filter_spot at = {h >> (32 - FILTER_LINE_BITS), m >> 26, (m >> 20) & (FILTER_LINE - 1),
                          (m >> 17) & 6};
    return at;
}

/* LEX_MAY_BE_WORD and LEX_MAY_OPEN as the filter answers them for hash `h`. */
static inline unsigned lex_filter_bits(const tp_senti_lex *lex, uint32_t h)
{
    lex_filter_spot at = lex_filter_spot_of(h);
    const uint8_t *line = lex->filter[at.line];
    return (unsigned)(line[at.byte1] & line[at.byte2]) >> at.shift & 3u;
}

static inline bool lex_may_be_word(const tp_senti_lex *lex, uint32_t h)
{
    return lex_filter_bits(lex, h) & LEX_MAY_BE_WORD;
}

static inline bool lex_may_open_phrase(const tp_senti_lex *lex, uint32_t h)
{
    return lex_filter_bits(lex, h) & LEX_MAY_OPEN;
}

/* Key hashes. A word's hash mixes its bytes 16 at a time (little-endian
 * words, zero-padded), so that a word of up to 16 bytes is hashed straight
 * from the two registers it was lower-cased in, with two independent
 * multiplications; a phrase's hash combines its words' hashes left to right,
 * so that phrase matching extends a hash with the next word's without
 * reading its bytes again. A hash is the high half of a product, whose top
 * bits depend on every input bit: the table slot and the filter block are
 * taken from the top bits. */
static inline uint32_t lex_hash16(uint64_t x0, uint64_t x1, uint64_t len)
{
    return (uint32_t)(((x0 ^ len) * 0xBF58476D1CE4E5B9ull + x1 * 0x94D049BB133111EBull) >> 32);
}

static inline uint32_t lex_word_hash(const char *s, size_t len)
{
    uint64_t c[2] = {0, 0};
    memcpy(c, s, len < 16 ? len : 16);
    uint32_t h = lex_hash16(c[0], c[1], len);
    for (size_t i = 16; i < len; i += 16) {
        c[0] = c[1] = 0;
        memcpy(c, s + i, len - i < 16 ? len - i : 16);
        h = lex_hash16(c[0] ^ h, c[1], len);
    }
    return h;
}

static inline uint32_t lex_hash_combine(uint32_t a, uint32_t b)
{
    return (uint32_t)(((uint64_t)a * 0xD6E8FEB86659FD93ull + (uint64_t)b * 0x9E3779B97F4A7C15ull) >>
                      32);
}

/* The hash of a normalised key: words separated by single spaces. */
static inline uint32_t lex_key_hash(const char *key, size_t len)
{
    const char *sp = memchr(key, ' ', len);
    if (!sp)
        return lex_word_hash(key, len);
    uint32_t h = lex_word_hash(key, (size_t)(sp - key));
    while (sp) {
        const char *w = sp + 1;
        sp = memchr(w, ' ', (size_t)(key + len - w));
        size_t n = (size_t)((sp ? sp : key + len) - w);
        h = lex_hash_combine(h, lex_word_hash(w, n));
    }
    return h;
}

/* A long slot's mark: never 0, which means empty. */
static inline uint32_t lex_mark_of(uint32_t h)
{
    return h ? h : 1u;
}

/* The first `len` (<= 8, may be 0) bytes of an 8-byte load. */
static inline uint64_t lex_low_bytes(size_t len)
{
    return len >= 8 ? ~0ull : (1ull << (len * 8)) - 1;
}

/* Loads a key of at most 16 bytes as two zero-padded 8-byte words; `padded`:
 * 16 bytes are readable from `key`, so two loads and masks do. */
static inline void lex_load16(const char *key, size_t len, bool padded, uint64_t k[2])
{
#if LEX_LITTLE_ENDIAN
    if (padded) {
        memcpy(&k[0], key, 8);
        memcpy(&k[1], key + 8, 8);
        k[0] &= lex_low_bytes(len);
        k[1] &= lex_low_bytes(len > 8 ? len - 8 : 0);
        return;
    }
#else
    (void)padded;
#endif
    char b[LEX_INLINE_KEY] = {0};
    memcpy(b, key, len);
    memcpy(&k[0], b, 8);
    memcpy(&k[1], b + 8, 8);
}

/* The short slot holding the key `k` (zero-padded, `len` 1..16 bytes) of
 * hash `h`, or the empty slot where it would go. */
static inline lex_slot *lex_probe_short(const tp_senti_lex *lex, uint64_t k0, uint64_t k1,
                                        size_t len, uint32_t h)
{
    uint32_t tag = lex_tag(h, len);
    size_t mask = lex->cap - 1;
    for (size_t i = h >> lex->shift;; i = (i + 1) & mask) {
        lex_slot *s = &lex->slots[i];
        if (s->tag == tag) {
            uint64_t s0, s1;
            memcpy(&s0, s->key, 8);
            memcpy(&s1, s->key + 8, 8);
            if (((s0 ^ k0) | (s1 ^ k1)) == 0)
                return s;
        } else if (s->tag == 0) {
            return s;
        }
    }
}

/* Keys are a few dozen bytes long: a loop beats a call to memcmp. */
static inline bool lex_same_bytes(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* The long slot holding `key` (more than 16 bytes), or the empty one. */
static inline lex_long *lex_probe_long(const tp_senti_lex *lex, const char *key, size_t len,
                                       uint32_t h)
{
    uint32_t mark = lex_mark_of(h);
    size_t mask = lex->long_cap - 1;
    for (size_t i = h >> lex->long_shift;; i = (i + 1) & mask) {
        lex_long *s = &lex->longs[i];
        if (s->mark == 0)
            return s;
        if (s->mark == mark && s->len == len && lex_same_bytes(lex->pool + s->key_off, key, len))
            return s;
    }
}

static inline const tp_senti_entry *lex_find_with(const tp_senti_lex *lex, const char *key,
                                                  size_t len, uint32_t h, bool padded)
{
    if (len == 0)
        return NULL;
    if (len > LEX_INLINE_KEY) {
        const lex_long *s = lex_probe_long(lex, key, len, h);
        return s->mark ? &s->entry : NULL;
    }
    uint64_t k[2];
    lex_load16(key, len, padded, k);
    const lex_slot *s = lex_probe_short(lex, k[0], k[1], len, h);
    return s->tag ? &s->entry : NULL;
}

/* The entry for a normalised key and its hash, or NULL (no filter). */
static inline const tp_senti_entry *lex_find(const tp_senti_lex *lex, const char *key, size_t len,
                                             uint32_t h)
{
    return lex_find_with(lex, key, len, h, false);
}

/* lex_find() for a key followed by LEX_KEY_SLACK readable bytes. */
#define LEX_KEY_SLACK 16

static inline const tp_senti_entry *lex_find_padded(const tp_senti_lex *lex, const char *key,
                                                    size_t len, uint32_t h)
{
    return lex_find_with(lex, key, len, h, true);
}

/* An entry as a single word's look-up sees it: keys that only open
 * phrases ("cut" of "cut the mustard") or hold several words mean nothing
 * alone and count as absent, exactly the keys the word filter leaves out,
 * so that a word's entry never depends on a filter false positive. */
static inline const tp_senti_entry *lex_word_entry(const tp_senti_entry *e)
{
    const unsigned opens = TP_SENTI_PHRASE | TP_SENTI_PHRASE_HEAD | TP_SENTI_PHRASE_PREFIX;
    return e && e->words <= 1 && (e->flags & ~opens) ? e : NULL;
}

/* Starts reading the short slot a word of hash `h` would be in, so that the
 * sentence's look-ups, done after all its words are hashed, overlap. */
static inline void lex_prefetch_slot(const tp_senti_lex *lex, uint32_t h)
{
#if defined(__GNUC__)
    __builtin_prefetch(&lex->slots[h >> lex->shift]);
#else
    (void)lex;
    (void)h;
#endif
}

/* Lower-cases eight ASCII bytes at once. */
static inline uint64_t lex_lower8(uint64_t x)
{
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t from_a = x + ones * (0x80 - 'A');
    uint64_t past_z = x + ones * (0x80 - 'Z' - 1);
    return x | (((from_a & ~past_z) & (ones * 0x80)) >> 2);
}

/* Whether some byte of the 16 (only the first `len` count) starts a run of
 * three equal bytes. */
static inline bool lex_run3(uint64_t x0, uint64_t x1, size_t len)
{
    if (len < 3)
        return false;
    const uint64_t ones = 0x0101010101010101ull;
    uint64_t n0 = (x0 >> 8) | (x1 << 56), n1 = x1 >> 8;
    uint64_t m0 = (x0 >> 16) | (x1 << 48), m1 = x1 >> 16;
    uint64_t v0 = (x0 ^ n0) | (x0 ^ m0), v1 = (x1 ^ n1) | (x1 ^ m1);
    size_t k = len - 2;
    v0 |= ~lex_low_bytes(k);
    v1 |= ~lex_low_bytes(k > 8 ? k - 8 : 0);
    return ((((v0 - ones) & ~v0) | ((v1 - ones) & ~v1)) & (ones * 0x80)) != 0;
}

/* tp_senti_normalise() and the key's hash in one go. `readable` is the
 * number of bytes readable from `s` (the text's rest): a plain ASCII word
 * of at most 16 bytes with 16 readable bytes is folded and hashed in two
 * registers. `out` needs 4 * len + LEX_KEY_SLACK bytes. `stretched` tells
 * whether a letter repeats three times or more ("sooo"), which is worth a
 * second look-up when the word is not found. */
static inline size_t lex_fold_hash(const char *s, size_t len, size_t readable, bool fold, char *out,
                                   uint32_t *hash, bool *stretched)
{
#if LEX_LITTLE_ENDIAN
    if (len <= 16 && readable >= 16) {
        uint64_t x0, x1;
        memcpy(&x0, s, 8);
        memcpy(&x1, s + 8, 8);
        x0 &= lex_low_bytes(len);
        x1 &= lex_low_bytes(len > 8 ? len - 8 : 0);
        if (!((x0 | x1) & 0x8080808080808080ull)) {
            if (fold) {
                x0 = lex_lower8(x0);
                x1 = lex_lower8(x1);
            }
            memcpy(out, &x0, 8);
            memcpy(out + 8, &x1, 8);
            *hash = lex_hash16(x0, x1, len);
            *stretched = lex_run3(x0, x1, len);
            return len;
        }
    }
#else
    (void)readable;
#endif
    size_t n = tp_senti_normalise(s, len, fold, out);
    *hash = lex_key_hash(out, n);
    unsigned run = 0, prev = 256;
    *stretched = false;
    for (size_t i = 0; i < n; i++) {
        unsigned b = (unsigned char)out[i];
        run = b == prev ? run + 1 : 1;
        prev = b;
        *stretched |= run >= 3;
    }
    return n;
}

#endif
