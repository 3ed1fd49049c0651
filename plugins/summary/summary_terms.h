/* summary_terms.h - from a word token to the term the summary compares:
 * lower-cased, stop words dropped, Snowball-stemmed.
 *
 * A tp_summary_terms holds a libstemmer stemmer, a scratch buffer and a
 * cache from words to terms. The stemmer is not thread-safe, so each worker
 * instance owns one. The stop word set is a strmap built once (load) and
 * only read afterwards. */
#ifndef TP_SUMMARY_TERMS_H
#define TP_SUMMARY_TERMS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "summary_strmap.h"

struct sb_stemmer;

/* A cached word, 16 bytes so four share a cache line: the first 8 bytes of
 * its lower-cased form inline (most words fit, so a hit costs one memory
 * access), the rest in `rest` (bytes 9 to 16) or `keys` (longer words). */
typedef struct tp_summary_word {
    uint64_t head;  /* key bytes 0..7, zero-padded */
    uint32_t tag;   /* hash bits, with min(length, 255) in the low byte */
    uint32_t value; /* 0: empty slot; 1: the word does not count; else stem id + 2 */
} tp_summary_word;

typedef struct tp_summary_terms {
    struct sb_stemmer *stemmer;
    /* The same algorithm on single bytes (ISO-8859-1), for words that are
     * all ASCII, where both encodings agree: a quarter fewer instructions
     * a word. NULL when the library lacks it (`stemmer` then serves). */
    struct sb_stemmer *ascii_stemmer;
    char *buf; /* lower-cased word, zero-padded to 8-byte units */
    size_t cap;
    /* Words repeat: an open-addressing cache from the lower-cased word to
     * its term (an entry of `stems`) saves the stemmer all but one call per
     * distinct word. Emptied when it grows past a bound (see
     * tp_summary_terms_trim), so memory stays flat. */
    tp_summary_word *slots;
    /* Per slot, for keys of 9 to 16 bytes: bytes 9..16, zero-padded; for
     * longer keys: their offset in `keys`. */
    uint64_t *rest;
    size_t slot_count; /* power of two */
    size_t words;
    /* Keys over 16 bytes: a unit holding the length, then the bytes from
     * the ninth on, zero-padded to whole 8-byte units. */
    uint64_t *keys;
    size_t keys_len, keys_cap; /* in 8-byte units */
    tp_summary_strmap stems;   /* the distinct stems: term id -> stem */
} tp_summary_terms;

/* Creates the English stemmers. Returns 0 or TP_ENOMEM. */
int tp_summary_terms_init(tp_summary_terms *terms);
void tp_summary_terms_free(tp_summary_terms *terms);

/* Parses a stop word list (one word a line, '#' starts a comment line,
 * blank lines ignored; words are stored lower-cased as written) into `map`.
 * Returns 0 or TP_ENOMEM. */
int tp_summary_stopwords_parse(tp_summary_strmap *map, const char *text, size_t len);

/* Lower-cases the UTF-8 word [word, word+len) (typographic apostrophes
 * become '\''), and reports in *lower / *lower_len the lower-cased form
 * (borrowed: valid until the next call). Returns 0 or TP_ENOMEM. */
int tp_summary_terms_lower(tp_summary_terms *terms, const char *word, size_t len,
                           const char **lower, size_t *lower_len);

/* The term of a word as an id: returns 1 and *id, the stem's entry in
 * terms->stems (tp_summary_strmap_key gives the stem), when the word counts;
 * 0 when it does not (see tp_summary_terms_stem); or TP_ENOMEM. Ids stay
 * valid until tp_summary_terms_trim() reports that it emptied the cache:
 * this call never empties it. */
int tp_summary_terms_id(tp_summary_terms *terms, const tp_summary_strmap *stop, const char *word,
                        size_t len, uint32_t *id);

/* tp_summary_terms_id() for the word [start, end) of `text`, faster: it
 * may read any byte of text before `end`. */
int tp_summary_terms_id_in(tp_summary_terms *terms, const tp_summary_strmap *stop,
                           const char *text, size_t start, size_t end, uint32_t *id);

/* The hashing of cache keys, shared with the inline look-up below: a key
 * of `units` 8-byte units (zero-padded) and `len` bytes. */
static inline uint64_t tp_summary_terms_mix(uint64_t h, uint64_t unit)
{
    h ^= unit;
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}
static inline uint64_t tp_summary_terms_seed(size_t len)
{
    return 0x9E3779B97F4A7C15ull ^ len;
}
static inline uint64_t tp_summary_terms_final(uint64_t h)
{
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}
static inline uint32_t tp_summary_terms_tag(uint64_t hash, size_t len)
{
    return ((uint32_t)(hash >> 32) & ~0xFFu) | (uint32_t)(len < 255 ? len : 255);
}

/* The common case inline, in two steps so that a caller can look many
 * words up at once, their memory accesses overlapping: key() reads a word
 * of at most 16 ASCII bytes (returns 0 for any other word), prefetch()
 * starts loading its slot, probe() finds it: 1 and *id for a term, 0 for a
 * word that does not count, -1 when it is not cached. Whatever key() or
 * probe() does not answer, tp_summary_terms_id_in() does. */
typedef struct tp_summary_key {
    uint64_t head, tail; /* bytes 1..8 and 9..16, lower-cased, zero-padded */
    uint32_t tag;
} tp_summary_key;

/* ASCII upper case to lower case in all eight bytes of `w` at once (every
 * byte below 0x80): a byte gets 0x20 when it is >= 'A' and not > 'Z'. The
 * additions cannot carry from one byte into the next. */
static inline uint64_t tp_summary_terms_lower8(uint64_t w)
{
    uint64_t ge_a = w + 0x3f3f3f3f3f3f3f3full, gt_z = w + 0x2525252525252525ull;
    return w | ((ge_a & ~gt_z & 0x8080808080808080ull) >> 2);
}

static inline int tp_summary_terms_key(const char *text, size_t start, size_t end,
                                       tp_summary_key *key)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t len = end - start;
    if (len - 1 >= 16 || end < 8)
        return 0;
    /* The last unit is the 8 bytes that end the word, shifted down: the
     * word's last bytes, zero-padded. */
    uint64_t head, tail = 0, last;
    memcpy(&last, text + end - 8, sizeof last);
    if (len <= 8) {
        head = last >> (8 * (8 - len));
    } else {
        memcpy(&head, text + start, sizeof head);
        tail = last >> (8 * (16 - len));
    }
    if ((head | tail) & 0x8080808080808080ull)
        return 0;
    key->head = tp_summary_terms_lower8(head);
    uint64_t h = tp_summary_terms_mix(tp_summary_terms_seed(len), key->head);
    key->tail = 0;
    if (len > 8) {
        key->tail = tp_summary_terms_lower8(tail);
        h = tp_summary_terms_mix(h, key->tail);
    }
    key->tag = tp_summary_terms_tag(tp_summary_terms_final(h), len);
    return 1;
#else
    (void)text, (void)start, (void)end, (void)key;
    return 0;
#endif
}

static inline void tp_summary_terms_prefetch(const tp_summary_terms *terms,
                                             const tp_summary_key *key)
{
    if (terms->slot_count)
        __builtin_prefetch(&terms->slots[(key->tag >> 8) & (terms->slot_count - 1)]);
}

static inline int tp_summary_terms_probe(const tp_summary_terms *terms, const tp_summary_key *key,
                                         uint32_t *id)
{
    if (!terms->slot_count)
        return -1;
    size_t mask = terms->slot_count - 1;
    for (size_t slot = (key->tag >> 8) & mask;; slot = (slot + 1) & mask) {
        const tp_summary_word *c = &terms->slots[slot];
        if (!c->value)
            return -1;
        /* The tag holds the length: words of 9 to 16 bytes compare their
         * second unit too. */
        if (c->tag == key->tag && c->head == key->head &&
            ((key->tag & 0xFF) <= 8 || terms->rest[slot] == key->tail)) {
            if (c->value == 1)
                return 0;
            *id = c->value - 2;
            return 1;
        }
    }
}

/* Empties the cache (and so voids every id) when it holds more words than
 * its bound; call it between documents. Returns 1 when it did, else 0. */
int tp_summary_terms_trim(tp_summary_terms *terms);

/* The term of a word: returns 1 and its stem in *stem / *stem_len (borrowed
 * until the next call) when the word counts; 0 when it is a stop word
 * (`stop` may be NULL), has fewer than two characters or no letter; or
 * TP_ENOMEM. Results are cached, so one `terms` must always be used with
 * the same stop-word set. May empty the cache (as trim) before the word. */
int tp_summary_terms_stem(tp_summary_terms *terms, const tp_summary_strmap *stop, const char *word,
                          size_t len, const char **stem, size_t *stem_len);

#endif
