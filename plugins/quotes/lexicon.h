/* lexicon.h - the quotes plugin's word lists: a read-only hash table from a
 * lower-cased word to its classes, built once in load() and shared by all
 * workers. */
#ifndef TP_QUOTES_LEXICON_H
#define TP_QUOTES_LEXICON_H

#include <stddef.h>
#include <stdint.h>

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

/* A word is known by its 64-bit hash and length (the text is not kept): the
 * table stays small enough for the cache, and two different list words with
 * the same 64-bit FNV-1a hash and length are not a practical concern. */
typedef struct qlex_entry {
    uint64_t hash;  /* FNV-1a of the lower-cased word; 0: empty slot */
    uint32_t flags; /* QW_* */
    uint16_t id;    /* shared by aliases (us|american); 0 when none; QLEX_NATION_ID set
                     * for nation words */
    uint16_t len;   /* the word's length in bytes */
} qlex_entry;

#define QLEX_FILTER_BITS 65536u

typedef struct qlex {
    qlex_entry *slots;
    size_t cap;   /* power of two */
    /* One bit per (hash >> 16) of every word: most words of a text are in
     * no list, and this answers "no" from 8 KB that stay in cache. */
    uint64_t filter[QLEX_FILTER_BITS / 64];
    size_t count;
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

/* The entry for `word` (any case), or NULL. */
const qlex_entry *qlex_find(const qlex *lex, const char *word, size_t len);

#endif
