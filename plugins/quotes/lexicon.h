/* lexicon.h - the quotes plugin's word lists: a read-only hash table from a
 * word's key (tp_word_key(): the word folded to lower case) to its classes,
 * built once in load() and shared by all workers. */
#ifndef TP_QUOTES_LEXICON_H
#define TP_QUOTES_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Word classes (bit set). */
enum {
    QW_CUE = 1u << 0,          /* a reporting verb form: said, told, adds */
    QW_CUE_ING = 1u << 1,      /* its -ing form: saying, adding */
    QW_HONORIFIC = 1u << 2,    /* Mr, Dr */
    QW_ROLE = 1u << 3,         /* minister, coach */
    QW_ORG = 1u << 4,          /* council, agency */
    QW_NATION = 1u << 5,       /* US, Japanese */
    QW_STOP = 1u << 6,         /* capitalised at a sentence start, never a name */
    QW_DET = 1u << 7,          /* the, his */
    QW_PREP = 1u << 8,         /* of, in */
    QW_AUX = 1u << 9,          /* has, also */
    QW_NAMING = 1u << 10,      /* as, called, dubbed */
    QW_PRON_PERSON = 1u << 11, /* he, she */
    QW_PRON_GROUP = 1u << 12,  /* they, it */
    QW_RELATIVE = 1u << 13,    /* who, which: opens a clause to skip */
    QW_SOURCE = 1u << 14,      /* spokesman, statement: speaks for a name */
    QW_FEMALE = 1u << 15,      /* Mrs, actress, daughter: "she" */
    QW_MALE = 1u << 28,        /* Mr, actor, son: "he" (bits 16-27 are the context's) */
    QW_PLURAL = 1u << 29,      /* judges, chairmen: a role's plural (a role when capitalised) */
    QW_PARTICLE = 1u << 30,    /* den, van, bin: part of a name between two name words */
    QW_CALENDAR = 1u << 31,    /* May, June, Monday: a month or day, also a name ("Brian May") */
};

/* Words this long or longer are never list words: not added, so their keys
 * find nothing (but by the odds of a key collision, as for any word). */
#define QLEX_WORD_MAX 48
#define QLEX_NATION_ID 0x8000u

/* A word's classes in the table. */
typedef struct qlex_class {
    uint32_t flags; /* QW_* */
    uint16_t id;    /* shared by aliases (us|american); 0 when none; QLEX_NATION_ID set
                     * for nation words */
    uint16_t used;  /* 0: empty slot (flags and id 0 too) */
} qlex_class;

/* A slot of the table: a word's key (0 when empty) and its classes. */
typedef struct qlex_slot {
    uint64_t key;
    qlex_class cls;
} qlex_slot;

/* A cuckoo hash table on the words' keys (tp_word_key(), so tokens are
 * looked up by the keys the core computes once per document; two different
 * words share a key with odds of 2^-64 a pair, accepted). Each word sits in
 * one of two slots, picked by the low and the high half of its key, so a
 * look-up compares two keys and no more. A slot holds the key and the
 * classes side by side, and a key's bits ANDed with `offsets` are its
 * slot's byte offset: a look-up scales no index. */
typedef struct qlex {
    qlex_slot *slots; /* and one more past the last: all zero, for no word */
    uint32_t *filter; /* QLEX_FILTER_BITS bits, see qlex_may_hold() */
    size_t nslots;    /* a power of two, at least eight times the count */
    size_t offsets;   /* (nslots - 1) * sizeof(qlex_slot) */
    size_t count;
    uint16_t next_id;
    /* First names (forenames.txt), QW_FEMALE or QW_MALE each, in a table of
     * their own so the word view's look-ups never meet them; NULL until
     * qlex_add_forenames(). */
    struct qlex *forenames;
} qlex;

/* The presence filter: one bit for each value of a key's top 16 bits, set
 * when a word's key has that value. 8 KB, where the table is 256 KB: it
 * stays in the L1 cache, and it turns away most words in no list before
 * their slots are read (1,100 words set at most 1.7% of its bits). */
#define QLEX_FILTER_SHIFT 48
#define QLEX_FILTER_BITS (1u << (64 - QLEX_FILTER_SHIFT))

/* Whether `key` may be a word's key: false for most keys of words in no
 * list. */
static inline bool qlex_may_hold(const qlex *lex, uint64_t key)
{
    uint32_t bit = (uint32_t)(key >> QLEX_FILTER_SHIFT);
    return lex->filter[bit / 32] >> (bit % 32) & 1;
}

/* Initialises an empty table. Returns 0 or TP_ENOMEM. */
int qlex_init(qlex *lex);
void qlex_free(qlex *lex);

/* Adds `word` (any case; `len` bytes) with `flags` (ORed into an existing
 * entry) and alias id `id` (kept when the entry has none). */
int qlex_add(qlex *lex, const char *word, size_t len, uint32_t flags, uint16_t id);

/* Adds the role word `word` (any case; `len` bytes) with alias id `id`, and
 * its regular plural ("judges", "chairmen", "secretaries") as a QW_PLURAL
 * word with no id. A plural is a role only where it is capitalised: it
 * then keeps itself out of the names after it ("Judges Simon Cowell and
 * ..."), but it names a group, never one person an earlier role mention
 * could resolve to; in lower case it is a common noun, which the name scan
 * need not stop at. Returns 0 or TP_ENOMEM. */
int qlex_add_role(qlex *lex, const char *word, size_t len, uint16_t id);

/* Adds the reporting verbs in `text` (reporting_verbs.txt format): forms
 * listed on a line, or the regular inflections of a lone base. */
int qlex_add_verbs(qlex *lex, const char *text, size_t len);

/* Adds one reporting verb (a lone base: its regular forms are added too). */
int qlex_add_verb(qlex *lex, const char *base, size_t len);

/* Adds the classed words in `text` (titles.txt format). Returns 0, TP_ENOMEM,
 * or TP_EPARSE for an unknown class (line number in *bad_line). */
int qlex_add_classes(qlex *lex, const char *text, size_t len, size_t *bad_line);

/* Adds the first names in `text` (forenames.txt format: "female:" or
 * "male:" lines) to lex->forenames, made on first use. Returns 0,
 * TP_ENOMEM, or TP_EPARSE for another class (line number in *bad_line). */
int qlex_add_forenames(qlex *lex, const char *text, size_t len, size_t *bad_line);

/* The two slots `key` may sit in. */
static inline const qlex_slot *qlex_slot_low(const qlex *lex, uint64_t key)
{
    return (const qlex_slot *)((const char *)lex->slots + ((size_t)key & lex->offsets));
}

static inline const qlex_slot *qlex_slot_high(const qlex *lex, uint64_t key)
{
    return (const qlex_slot *)((const char *)lex->slots + ((size_t)(key >> 32) & lex->offsets));
}

/* The classes of the word whose tp_word_key() is `key`, its look-up
 * starting at slot `first`: its low slot, or the empty slot past the table
 * (for a key the filter turns away). A word sits in its high slot only
 * when its low slot is taken (qlex_add tries the low slot first, and a
 * taken slot is never emptied), so a key whose low slot is empty is in no
 * list: the empty slot's classes, all zero, are its answer. Most list
 * words sit in their low slot. */
static inline qlex_class qlex_find_from(const qlex *lex, uint64_t key, const qlex_slot *first)
{
    const qlex_slot *s = first;
    if (s->key != key && s->key != 0) {
        s = qlex_slot_high(lex, key);
        if (s->key != key)
            s = lex->slots + lex->nslots;
    }
    return s->cls;
}

/* The classes of the word whose tp_word_key() is `key`; all zero for a word
 * in no list (and for the key 0, which finds an empty slot). Inline: the
 * word view asks it of many tokens. Most words in no list end at the
 * filter, without a branch (the empty slot stands in for their low slot). */
static inline qlex_class qlex_find_key(const qlex *lex, uint64_t key)
{
    const qlex_slot *none = lex->slots + lex->nslots;
    return qlex_find_from(lex, key, qlex_may_hold(lex, key) ? qlex_slot_low(lex, key) : none);
}

/* QW_FEMALE or QW_MALE for the first name whose tp_word_key() is `key`,
 * or 0 (for any word when no first names are loaded). */
static inline uint32_t qlex_forename_gender(const qlex *lex, uint64_t key)
{
    return lex->forenames ? qlex_find_key(lex->forenames, key).flags & (QW_FEMALE | QW_MALE) : 0;
}

#endif
