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

/* The probe array holds only the hash, the entry number and the key length
 * (8 bytes a slot), so that it stays in cache; the record, read on a match,
 * holds the entry and keys of up to 16 bytes (most words), so a hit costs
 * two cache lines.
 *
 * A blocked Bloom filter keeps most words away from the table. Each hash
 * picks one 64-bit block; two bits in it say "may be a single word that
 * means something" (a valence, a negator, a modifier, a rule word: about one
 * word in ten of a text) and two others "may be a phrase or the opening of
 * one" ("the", "the bomb" ...), so both questions cost one memory read. The
 * function words that open idioms are frequent; they are checked again with
 * the next word added before the table is read at all. */
typedef struct lex_slot {
    uint32_t hash;      /* 0: empty */
    uint32_t index_len; /* entry number << 8 | key length (255: longer) */
} lex_slot;

#define LEX_INLINE_KEY 16

typedef struct lex_record {
    tp_senti_entry entry;
    uint32_t key_off;         /* in the pool, where every key is */
    char key[LEX_INLINE_KEY]; /* the key again when it fits: same cache line */
} lex_record;

static inline uint32_t lex_slot_len(size_t len)
{
    return len < 255 ? (uint32_t)len : 255u;
}

#define FILTER_BLOCKS 2048u /* 16 KB: about 4% false positives for 13,000 keys */

struct tp_senti_lex {
    lex_slot *slots;
    size_t cap; /* power of two */
    lex_record *records;
    size_t used, records_cap;
    size_t valence_count;
    char *pool;
    size_t pool_len, pool_cap;
    size_t max_words; /* longest phrase */
    uint64_t filter[FILTER_BLOCKS];
};

/* The two-bit masks of a hash within its block: one for words, one for
 * phrases. The block number uses the high bits, the positions the low ones,
 * mixed once more so that neighbouring hashes spread. */
enum { LEX_AS_WORD = 0, LEX_AS_PHRASE = 1 };

static inline uint64_t lex_filter_mask(uint32_t h, int as)
{
    uint32_t m = (h ^ (uint32_t)as * 0x85EBCA6Bu) * 0x9E3779B1u;
    return (1ull << (m >> 26)) | (1ull << ((m >> 20) & 63));
}

static inline size_t lex_filter_block(uint32_t h)
{
    return (h >> 16) & (FILTER_BLOCKS - 1);
}

static inline bool lex_filter_has(const tp_senti_lex *lex, uint32_t h, int as)
{
    uint64_t mask = lex_filter_mask(h, as);
    return (lex->filter[lex_filter_block(h)] & mask) == mask;
}

static inline bool lex_may_be_word(const tp_senti_lex *lex, uint32_t h)
{
    return lex_filter_has(lex, h, LEX_AS_WORD);
}

static inline bool lex_may_open_phrase(const tp_senti_lex *lex, uint32_t h)
{
    return lex_filter_has(lex, h, LEX_AS_PHRASE);
}

/* Key hashes. A word's hash mixes its bytes 8 at a time (little-endian
 * words, zero-padded), so that a short word is hashed straight from the
 * registers it was lower-cased in; a phrase's hash combines its words'
 * hashes left to right, so that phrase matching extends a hash with the next
 * word's without reading its bytes again. */
static inline uint64_t lex_mix(uint64_t h)
{
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 31);
}

static inline uint32_t lex_finish(uint64_t h)
{
    h = lex_mix(h);
    return (uint32_t)(h ^ (h >> 32));
}

static inline uint64_t lex_word_seed(size_t len)
{
    return 0x9E3779B97F4A7C15ull ^ (uint64_t)len;
}

static inline uint32_t lex_word_hash(const char *s, size_t len)
{
    uint64_t h = lex_word_seed(len);
    for (size_t i = 0; i < len; i += 8) {
        uint64_t c = 0;
        memcpy(&c, s + i, len - i < 8 ? len - i : 8);
        h = lex_mix(h ^ c);
    }
    return lex_finish(h);
}

static inline uint32_t lex_hash_combine(uint32_t a, uint32_t b)
{
    return lex_finish((uint64_t)a << 32 | b);
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

/* A slot's mark: never 0, which means empty. */
static inline uint32_t lex_mark_of(uint32_t h)
{
    return h ? h : 1u;
}

static inline const char *lex_key_of(const tp_senti_lex *lex, const lex_record *r, size_t len)
{
    return len <= LEX_INLINE_KEY ? r->key : lex->pool + r->key_off;
}

/* Keys are a few bytes long: a loop beats a call to memcmp. */
static inline bool lex_same_bytes(const char *a, const char *b, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (a[i] != b[i])
            return false;
    return true;
}

/* Compares two keys of `len` <= 16 bytes with two 8-byte loads each and no
 * branch on the bytes: a loop's data-dependent exit costs a mispredicted
 * branch on most words. Both sides must have 16 readable bytes. */
#define LEX_KEY_SLACK 16

static inline bool lex_same16(const char *a, const char *b, size_t len)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    uint64_t a0, a1, b0, b1;
    memcpy(&a0, a, 8);
    memcpy(&a1, a + 8, 8);
    memcpy(&b0, b, 8);
    memcpy(&b1, b + 8, 8);
    uint64_t m0 = len >= 8 ? ~0ull : (1ull << (len * 8)) - 1;
    uint64_t m1 = len >= 16 ? ~0ull : len <= 8 ? 0 : (1ull << ((len - 8) * 8)) - 1;
    return (((a0 ^ b0) & m0) | ((a1 ^ b1) & m1)) == 0;
#else
    return lex_same_bytes(a, b, len);
#endif
}

/* `padded`: the key is followed by LEX_KEY_SLACK readable bytes. */
static inline lex_slot *lex_probe_with(const tp_senti_lex *lex, const char *key, size_t len,
                                       uint32_t h, bool padded)
{
    h = lex_mark_of(h);
    size_t mask = lex->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        lex_slot *s = &lex->slots[i];
        if (s->hash == 0)
            return s;
        if (s->hash == h && (s->index_len & 255u) == lex_slot_len(len)) {
            const lex_record *r = &lex->records[s->index_len >> 8];
            bool same = padded && len <= LEX_INLINE_KEY
                            ? lex_same16(r->key, key, len)
                            : lex_same_bytes(lex_key_of(lex, r, len), key, len);
            if (same)
                return s;
        }
    }
}

/* The slot holding `key`, or the empty slot where it would go. */
static inline lex_slot *lex_probe(const tp_senti_lex *lex, const char *key, size_t len, uint32_t h)
{
    return lex_probe_with(lex, key, len, h, false);
}

/* Deferred look-ups for a whole sentence, so that table reads overlap
 * instead of each waiting for memory in turn: prefetch the slot when the
 * hash is known, later find the first slot whose hash and length match
 * (lex_candidate: record number + 1, or 0 when the key is absent) and
 * prefetch its record, and last compare the key (lex_candidate_entry). */
static inline void lex_prefetch_slot(const tp_senti_lex *lex, uint32_t h)
{
#if defined(__GNUC__)
    __builtin_prefetch(&lex->slots[lex_mark_of(h) & (lex->cap - 1)]);
#else
    (void)lex;
    (void)h;
#endif
}

static inline uint32_t lex_candidate(const tp_senti_lex *lex, size_t len, uint32_t h)
{
    h = lex_mark_of(h);
    size_t mask = lex->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
        const lex_slot *s = &lex->slots[i];
        if (s->hash == 0)
            return 0;
        if (s->hash == h && (s->index_len & 255u) == lex_slot_len(len)) {
            uint32_t r = s->index_len >> 8;
#if defined(__GNUC__)
            __builtin_prefetch(&lex->records[r]);
#endif
            return r + 1;
        }
    }
}

/* The entry of candidate `cand` when its key is `key` (followed by
 * LEX_KEY_SLACK readable bytes); otherwise a full look-up, for the rare
 * hash collision. */
static inline const tp_senti_entry *lex_candidate_entry(const tp_senti_lex *lex, uint32_t cand,
                                                        const char *key, size_t len, uint32_t h)
{
    if (!cand)
        return NULL;
    const lex_record *r = &lex->records[cand - 1];
    bool same = len <= LEX_INLINE_KEY ? lex_same16(r->key, key, len)
                                      : lex_same_bytes(lex_key_of(lex, r, len), key, len);
    if (same)
        return &r->entry;
    const lex_slot *s = lex_probe_with(lex, key, len, h, true);
    return s->hash ? &lex->records[s->index_len >> 8].entry : NULL;
}

/* The entry for a normalised key and its hash, or NULL (no filter). */
static inline const tp_senti_entry *lex_find(const tp_senti_lex *lex, const char *key, size_t len,
                                             uint32_t h)
{
    if (len == 0)
        return NULL;
    const lex_slot *s = lex_probe(lex, key, len, h);
    return s->hash ? &lex->records[s->index_len >> 8].entry : NULL;
}

/* lex_find() for a key followed by LEX_KEY_SLACK readable bytes. */
static inline const tp_senti_entry *lex_find_padded(const tp_senti_lex *lex, const char *key,
                                                    size_t len, uint32_t h)
{
    if (len == 0)
        return NULL;
    const lex_slot *s = lex_probe_with(lex, key, len, h, true);
    return s->hash ? &lex->records[s->index_len >> 8].entry : NULL;
}

/* The first `len` (<= 8, may be 0) bytes of an 8-byte load. */
static inline uint64_t lex_low_bytes(size_t len)
{
    return len >= 8 ? ~0ull : (1ull << (len * 8)) - 1;
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
            uint64_t h = lex_mix(lex_word_seed(len) ^ x0);
            if (len > 8)
                h = lex_mix(h ^ x1);
            *hash = lex_finish(h);
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
