/* lexicon.h - the quotes plugin's word lists: a read-only hash table from a
 * lower-cased word to its classes, built once in load() and shared by all
 * workers. */
#ifndef TP_QUOTES_LEXICON_H
#define TP_QUOTES_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Word classes (bit set). */
enum {
    QW_CUE = 1u << 0,       /* a reporting verb form: said, told, adds */
    QW_CUE_ING = 1u << 1,   /* its -ing form: saying, adding */
    QW_HONORIFIC = 1u << 2, /* Mr, Dr */
    QW_ROLE = 1u << 3,      /* minister, coach */
    QW_ORG = 1u << 4,       /* council, agency */
    QW_NATION = 1u << 5,    /* US, Japanese */
    QW_STOP = 1u << 6,      /* capitalised at a sentence start, never a name */
    QW_DET = 1u << 7,       /* the, his */
    QW_PREP = 1u << 8,      /* of, in */
    QW_AUX = 1u << 9,       /* has, also */
    QW_NAMING = 1u << 10,   /* as, called, dubbed */
    QW_PRON_PERSON = 1u << 11, /* he, she */
    QW_PRON_GROUP = 1u << 12,  /* they, it */
    QW_RELATIVE = 1u << 13,    /* who, which: opens a clause to skip */
    QW_SOURCE = 1u << 14,      /* spokesman, statement: speaks for a name */
    QW_FEMALE = 1u << 15,      /* Mrs, actress, daughter: "she" */
    QW_MALE = 1u << 28,        /* Mr, actor, son: "he" (bits 16-27 are the context's) */
};

#define QLEX_WORD_MAX 48
#define QLEX_NATION_ID 0x8000u

/* An entry: the lower-cased word (its first 8 bytes inline, all of it in the
 * table's pool, zero-padded to whole 8-byte chunks so look-ups compare words
 * a chunk at a time) and its classes. */
typedef struct qlex_entry {
    uint64_t head;  /* bytes 0-7 of the lower-cased word, zero-padded */
    uint32_t flags; /* QW_* */
    uint16_t id;    /* shared by aliases (us|american); 0 when none; QLEX_NATION_ID set
                     * for nation words */
    uint16_t len;   /* the word's length in bytes; 0: empty slot */
    uint32_t off;   /* the whole word in `pool` */
} qlex_entry;

#define QLEX_FILTER_BITS 65536u

typedef struct qlex {
    qlex_entry *slots;
    size_t cap; /* power of two */
    /* One bit per word hash: most words of a text are in no list, and this
     * answers "no" from 8 KB that stay in cache. */
    uint64_t filter[QLEX_FILTER_BITS / 64];
    size_t count;
    size_t max_len; /* the longest word, in bytes: longer ones are never looked up */
    char *pool;
    size_t pool_len, pool_cap;
    uint16_t next_id;
} qlex;

/* Initialises an empty table. Returns 0 or TP_ENOMEM. */
int qlex_init(qlex *lex);
void qlex_free(qlex *lex);

/* Adds `word` (any case; `len` bytes) with `flags` (ORed into an existing
 * entry) and alias id `id` (kept when the entry has none). */
int qlex_add(qlex *lex, const char *word, size_t len, uint32_t flags, uint16_t id);

/* Adds the reporting verbs in `text` (reporting_verbs.txt format): forms
 * listed on a line, or the regular inflections of a lone base. */
int qlex_add_verbs(qlex *lex, const char *text, size_t len);

/* Adds one reporting verb (a lone base: its regular forms are added too). */
int qlex_add_verb(qlex *lex, const char *base, size_t len);

/* Adds the classed words in `text` (titles.txt format). Returns 0, TP_ENOMEM,
 * or TP_EPARSE for an unknown class (line number in *bad_line). */
int qlex_add_classes(qlex *lex, const char *text, size_t len, size_t *bad_line);

/* Words are hashed and compared as 8-byte chunks of their lower-cased
 * bytes, zero-padded: looking up an ASCII word lower-cases and hashes a chunk
 * in a handful of instructions, and most words are one chunk. The hash's high
 * bits pick the slot (bits 32 up) and the filter bit (bits 48 up). */
#define QLEX_ONES 0x0101010101010101ull
#define QLEX_HIGHS 0x8080808080808080ull

static inline uint64_t qlex_start(size_t len)
{
    return (uint64_t)len;
}

static inline uint64_t qlex_mix(uint64_t h, uint64_t chunk)
{
    return (h ^ chunk) * 0xbf58476d1ce4e5b9ull;
}

static inline size_t qlex_slot(const qlex *lex, uint64_t h)
{
    return (size_t)(h >> 32) & (lex->cap - 1);
}

static inline bool qlex_filter_has(const qlex *lex, uint64_t h)
{
    uint32_t bit = (uint32_t)(h >> 48) & (QLEX_FILTER_BITS - 1);
    return (lex->filter[bit / 64] >> (bit % 64)) & 1;
}

/* The first `n` (1 to 8) bytes of a chunk in memory order, the rest zero. */
static inline uint64_t qlex_head(uint64_t x, size_t n)
{
    if (n >= 8)
        return x;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    return x & ~((1ull << (8 * (8 - n))) - 1);
#else
    return x & ((1ull << (8 * n)) - 1);
#endif
}

/* ASCII upper-case letters to lower case, eight bytes at once (every byte
 * below 0x80, so no sum carries into its neighbour). */
static inline uint64_t qlex_lower_ascii(uint64_t x)
{
    uint64_t ge_a = x + QLEX_ONES * (0x80 - 'A');
    uint64_t gt_z = x + QLEX_ONES * (0x80 - 'Z' - 1);
    return x | ((ge_a & ~gt_z & QLEX_HIGHS) >> 2);
}

/* qlex_find for any word: long, near the end of the text, or not ASCII. */
const qlex_entry *qlex_find_any(const qlex *lex, const char *word, size_t len, size_t avail);

/* The entry for `word` (any case, `len` bytes), or NULL. `avail` (>= len)
 * is how many bytes may be read from `word`. Inline for the common case, an
 * ASCII word of up to 8 bytes with 8 readable: one chunk, no call. */
static inline const qlex_entry *qlex_find(const qlex *lex, const char *word, size_t len,
                                          size_t avail)
{
    /* (A word longer than every list word is not found below either.) */
    if (len - 1 >= 8 || avail < 8)
        return qlex_find_any(lex, word, len, avail);
    uint64_t x;
    memcpy(&x, word, 8);
    x = qlex_head(x, len);
    if (x & QLEX_HIGHS)
        return qlex_find_any(lex, word, len, avail);
    x = qlex_lower_ascii(x);
    uint64_t h = qlex_mix(qlex_start(len), x);
    if (!qlex_filter_has(lex, h))
        return NULL;
    for (size_t i = qlex_slot(lex, h);; i = (i + 1) & (lex->cap - 1)) {
        const qlex_entry *e = &lex->slots[i];
        if (e->head == x && e->len == len)
            return e;
        if (!e->len)
            return NULL;
    }
}

#endif
