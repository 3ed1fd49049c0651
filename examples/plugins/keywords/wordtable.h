/* wordtable.h - a hash table of words compared in ASCII lower case.
 *
 * Open addressing with linear probing; it grows by doubling and never
 * shrinks, so a table reused for every document stops allocating once it is
 * as large as the largest document needs. A table either borrows its keys
 * (pointers into the document text, for per-document counts) or owns copies
 * of them (for lists loaded once, such as stop words). Not thread-safe: a
 * table is either one worker's or read-only. */
#ifndef KEYWORDS_WORDTABLE_H
#define KEYWORDS_WORDTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct wordentry {
    const char *key; /* as first seen */
    size_t len;
    uint32_t hash;
    bool used;
    /* What the keywords step keeps per word. */
    int64_t count;
    uint32_t first;         /* index of the first token */
    uint32_t last_sentence; /* 1 + the last sentence it was seen in; 0: none */
    uint32_t sentences;     /* sentences holding it */
    double score;
    double value; /* loaded tables: the number on the word's line */
} wordentry;

typedef struct wordtable {
    wordentry *slots;
    size_t cap, count;
    bool owns_keys; /* set before the first put: keys are copied */
} wordtable;

/* Finds `key` or adds it (zeroed, with the key copied when the table owns its
 * keys). Returns 0, or -1 when out of memory. Entry pointers stay valid until
 * the next put that adds a word or the next clear. */
int wordtable_put(wordtable *t, const char *key, size_t len, wordentry **entry);
const wordentry *wordtable_get(const wordtable *t, const char *key, size_t len);

/* Empties the table, keeping its memory. */
void wordtable_clear(wordtable *t);
void wordtable_free(wordtable *t);

size_t wordtable_count(const wordtable *t);
/* Iteration in slot order: first, then next until NULL. */
wordentry *wordtable_first(wordtable *t);
wordentry *wordtable_next(wordtable *t, wordentry *e);

#endif
