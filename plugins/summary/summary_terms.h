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

#include "summary_strmap.h"

struct sb_stemmer;

/* A cached word: the tp_word_key() of its text (lower-cased, typographic
 * apostrophes as '\'') and what it gives. 16 bytes, so four share a cache
 * line and a hit costs one memory access. Two words with the same key
 * (odds 2^-64 a pair, accepted as tp_word_key documents) share a term. */
typedef struct tp_summary_word {
    uint64_t key;
    uint32_t value; /* 0: empty slot; 1: the word does not count; else stem id + 2 */
} tp_summary_word;

typedef struct tp_summary_terms {
    struct sb_stemmer *stemmer;
    /* The same algorithm on single bytes (ISO-8859-1), for words that are
     * all ASCII, where both encodings agree: a quarter fewer instructions
     * a word. NULL when the library lacks it (`stemmer` then serves). */
    struct sb_stemmer *ascii_stemmer;
    char *buf; /* lower-cased word */
    size_t cap;
    /* Words repeat: an open-addressing cache from a word's key to its term
     * (an entry of `stems`) saves the stemmer all but one call per distinct
     * word. Emptied when it grows past a bound (see tp_summary_terms_trim),
     * so memory stays flat. */
    tp_summary_word *slots;
    size_t slot_count; /* a power of two, allocated by init */
    unsigned shift;    /* 64 - log2(slot_count): a key's top bits are its home slot */
    size_t words;
    tp_summary_strmap stems; /* the distinct stems: term id -> stem */
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

/* tp_summary_terms_id() for a word whose tp_word_key() the caller has
 * already (tp_doc_token_keys() gives every token's). */
int tp_summary_terms_id_keyed(tp_summary_terms *terms, const tp_summary_strmap *stop, uint64_t key,
                              const char *word, size_t len, uint32_t *id);

/* The common case inline, in two steps so that a caller can look many
 * words up at once, their memory accesses overlapping: prefetch() starts
 * loading a key's slot, probe() finds it: 1 and *id for a term, 0 for a
 * word that does not count, -1 when it is not cached (then
 * tp_summary_terms_id_keyed() answers). */
static inline void tp_summary_terms_prefetch(const tp_summary_terms *terms, uint64_t key)
{
    __builtin_prefetch(&terms->slots[key >> terms->shift]);
}

static inline int tp_summary_terms_probe(const tp_summary_terms *terms, uint64_t key, uint32_t *id)
{
    size_t mask = terms->slot_count - 1;
    for (size_t slot = key >> terms->shift;; slot = (slot + 1) & mask) {
        const tp_summary_word *w = &terms->slots[slot];
        if (!w->value)
            return -1;
        if (w->key == key) {
            if (w->value == 1)
                return 0;
            *id = w->value - 2;
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
