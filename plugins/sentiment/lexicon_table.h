/* lexicon_table.h - the layout of the sentiment lexicon's hash table and
 * its lookup path, as static inline functions: the rules look up every
 * word of every text, and keeping the path in the caller's translation unit
 * spares the calls. Internal to the plugin; lexicon.h is the API. */
#ifndef TP_SENTIMENT_LEXICON_TABLE_H
#define TP_SENTIMENT_LEXICON_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "lexicon.h"

/* Keys are 64-bit word keys, not text: a word's key is tp_word_key() of
 * its normalised form (see lex_word_key()), so that the tokens of a
 * document are looked up by the keys the core computed once for every
 * step (tp_doc_token_keys()), and a phrase's key combines its words' keys
 * left to right (lex_key_combine()), so that phrase matching extends a key
 * with the next word's without reading text. Two different keys texts
 * collide with a chance of about 2^-64 a pair, which the table ignores,
 * as the core's word lists do.
 *
 * A slot holds the key beside its entry: a hit reads one slot. Key 0
 * means empty; a key that is 0 is stored and looked up as 1
 * (lex_stored_key()).
 *
 * A blocked Bloom filter keeps most words away from the table. Each key
 * picks one 64-byte line, two bytes in it and one of the four bit pairs of
 * a byte, all from its top bits (a word key is well mixed); bit
 * LEX_MAY_BE_WORD of the pair set in both bytes says "may be a single word
 * that means something" (a valence, a negator, a modifier, a rule word:
 * about one word in ten of a text), bit LEX_MAY_OPEN "may be a phrase or
 * the opening of one" ("the", "the bomb" ...), so both questions cost two
 * byte reads, an AND and one shift. The function words that open idioms
 * are frequent; they are checked again with the next word added before
 * the table is read at all. */
typedef struct lex_slot {
    uint64_t key; /* 0: empty */
    tp_senti_entry entry;
} lex_slot;

/* 16 KB, so that it stays in the L1 cache beside a document's items (a
 * 128 KB filter, with fewer false positives, made the step slower); on
 * news text about 5% of words pass it falsely (4% with the key multiplied
 * once more before its bits are taken, which costs more than the table
 * reads it saves). */
#define FILTER_LINE_BITS 8
#define FILTER_LINES (1u << FILTER_LINE_BITS)
#define FILTER_LINE 64u

/* The filter's answers: bits of a pair in a filter byte. */
enum { LEX_MAY_OPEN = 1u, LEX_MAY_BE_WORD = 2u };

struct tp_senti_lex {
    lex_slot *slots;
    size_t cap;     /* power of two */
    unsigned shift; /* 64 - log2(cap): a key's top bits pick its slot */
    size_t used;
    size_t valence_count;
    size_t max_words; /* longest phrase */
    uint64_t serial;  /* changes with every batch of additions: no two contents share one */
    uint8_t filter[FILTER_LINES][FILTER_LINE];
};

/* Where the filter keeps `key`'s answers: two bytes of one line, by offset
 * in the filter, and a bit pair in them. The key's top 14 bits pick the
 * line and the first byte, 6 more bits the second byte in the same line
 * (the same byte for one key in 64), its low bits the pair: a few shifts,
 * no multiplication (a word key is well mixed). The filter only keeps
 * words away from the table: what a look-up finds never depends on it
 * (see lex_word_entry), so its layout may change freely. */
typedef struct lex_filter_spot {
    size_t byte1, byte2;
    unsigned shift;
} lex_filter_spot;

static inline lex_filter_spot lex_filter_spot_of(uint64_t key)
{
    size_t byte1 = (size_t)(key >> (64 - FILTER_LINE_BITS - 6));
    lex_filter_spot at = {byte1, byte1 ^ ((size_t)(key >> 44) & (FILTER_LINE - 1)),
                          (unsigned)key & 6};
    return at;
}

/* LEX_MAY_BE_WORD and LEX_MAY_OPEN as the filter answers them for `key`. */
static inline unsigned lex_filter_bits(const tp_senti_lex *lex, uint64_t key)
{
    lex_filter_spot at = lex_filter_spot_of(key);
    const uint8_t *f = &lex->filter[0][0];
    return (unsigned)(f[at.byte1] & f[at.byte2]) >> at.shift & 3u;
}

static inline bool lex_may_be_word(const tp_senti_lex *lex, uint64_t key)
{
    return lex_filter_bits(lex, key) & LEX_MAY_BE_WORD;
}

static inline bool lex_may_open_phrase(const tp_senti_lex *lex, uint64_t key)
{
    return lex_filter_bits(lex, key) & LEX_MAY_OPEN;
}

/* The key of a phrase whose first words have key `head` and whose next
 * word has key `word`: order matters ("not bad" is not "bad not"), and
 * the product's top bits, which pick the slot and the filter line, depend
 * on every bit of both. */
static inline uint64_t lex_key_combine(uint64_t head, uint64_t word)
{
    uint64_t h = (head ^ (word * 0x9E3779B97F4A7C15ull)) * 0xD6E8FEB86659FD93ull;
    return h ^ (h >> 32);
}

static inline uint64_t lex_stored_key(uint64_t key)
{
    return key ? key : 1;
}

/* The slot holding `key`, or the empty slot where it would go. */
static inline lex_slot *lex_probe(const tp_senti_lex *lex, uint64_t key)
{
    key = lex_stored_key(key);
    size_t mask = lex->cap - 1;
    for (size_t i = (size_t)(key >> lex->shift);; i = (i + 1) & mask) {
        lex_slot *s = &lex->slots[i];
        if (s->key == key || s->key == 0)
            return s;
    }
}

/* The entry for a key, or NULL (no filter). */
static inline const tp_senti_entry *lex_find_key(const tp_senti_lex *lex, uint64_t key)
{
    const lex_slot *s = lex_probe(lex, key);
    return s->key ? &s->entry : NULL;
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

/* A single word's entry for `key`: the filter first, then the table. */
static inline const tp_senti_entry *lex_find_word(const tp_senti_lex *lex, uint64_t key)
{
    return lex_may_be_word(lex, key) ? lex_word_entry(lex_find_key(lex, key)) : NULL;
}

/* Starts reading the slot of `key`, so that the look-ups of a document,
 * done after all its words are made, overlap. */
static inline void lex_prefetch_slot(const tp_senti_lex *lex, uint64_t key)
{
#if defined(__GNUC__)
    __builtin_prefetch(&lex->slots[lex_stored_key(key) >> lex->shift]);
#else
    (void)lex;
    (void)key;
#endif
}

#endif
