/* lexicon.h - the sentiment plugin's word table: valences, negators, boosters,
 * dampeners and multi-word phrases in an open-addressing hash table keyed by
 * 64-bit word keys (layout in lexicon_table.h).
 *
 * A table is filled once (in the plugin's load()) and then only read, so any
 * number of worker threads may call tp_senti_lex_find() at the same time.
 * Keys are normalised with tp_senti_normalise(): lower case (except
 * emoticons), typographic apostrophes folded to ', emoji variation selectors
 * and skin-tone modifiers dropped, runs of spaces collapsed to one. */
#ifndef TP_SENTIMENT_LEXICON_H
#define TP_SENTIMENT_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/error.h>

/* What an entry is; one key may be several things at once. */
enum {
    TP_SENTI_VALENCE = 1u << 0,       /* carries a valence in [-4, 4] */
    TP_SENTI_NEGATOR = 1u << 1,       /* not, never, n't, without ... */
    TP_SENTI_MODIFIER = 1u << 2,      /* booster (incr > 0) or dampener (incr < 0) */
    TP_SENTI_PHRASE_HEAD = 1u << 3,   /* first word of a multi-word entry */
    TP_SENTI_PHRASE = 1u << 4,        /* the key itself has several words */
    TP_SENTI_LEAST = 1u << 5,         /* "least": flips the next word */
    TP_SENTI_CONTRAST = 1u << 6,      /* "but": shifts weight to what follows */
    TP_SENTI_NEVER = 1u << 7,         /* "never": "never so ... as" intensifies */
    TP_SENTI_SO_THIS = 1u << 8,       /* "so"/"this" after "never" */
    TP_SENTI_PHRASE_PREFIX = 1u << 9, /* the first words of a longer phrase */
};

typedef struct tp_senti_entry {
    float valence;     /* meaningful with TP_SENTI_VALENCE */
    float incr;        /* modifier increment, signed */
    uint16_t flags;    /* TP_SENTI_* */
    uint8_t max_words; /* with PHRASE_HEAD: longest phrase starting here */
    uint8_t words;     /* number of words in the key */
} tp_senti_entry;

/* What a text file holds, which decides how its lines are read. */
typedef enum tp_senti_list_kind {
    TP_SENTI_LIST_VALENCE,  /* term<TAB>valence, or term<TAB>mean<TAB>stddev[<TAB>ratings] */
    TP_SENTI_LIST_NEGATORS, /* one term a line */
    TP_SENTI_LIST_MODIFIERS /* term<TAB>increment (boosters > 0, dampeners < 0) */
} tp_senti_list_kind;

typedef struct tp_senti_lex tp_senti_lex;

/* A new empty table holding the rule words ("but", "least", "never", "so",
 * "this", "at least", "very least"); NULL when out of memory. */
tp_senti_lex *tp_senti_lex_new(void);
void tp_senti_lex_free(tp_senti_lex *lex);

/* Adds the entries of `text` (`len` bytes, any line ending, '#' comments,
 * blank lines). Valences are multiplied by `scale` and must then lie in
 * [-4, 4]. A later entry for the same key replaces the earlier valence or
 * increment. `source` names the text in error messages, which have the form
 * "SOURCE:LINE: what is wrong; what to do". Returns 0, TP_EPARSE or
 * TP_ENOMEM; on error the table keeps the lines before the bad one. */
int tp_senti_lex_add_text(tp_senti_lex *lex, const char *text, size_t len, const char *source,
                          tp_senti_list_kind kind, double scale, tp_error *err);

/* Reads `path` and adds it as above. TP_EIO when it cannot be read. */
int tp_senti_lex_add_file(tp_senti_lex *lex, const char *path, tp_senti_list_kind kind,
                          double scale, tp_error *err);

/* The entry for a normalised key, or NULL. Thread-safe once filled. */
const tp_senti_entry *tp_senti_lex_find(const tp_senti_lex *lex, const char *key, size_t len);

/* The table's key of a normalised word (no space): tp_word_key() when the
 * word is its own fold, as every word normalised with folding is, so that
 * a token's key from tp_doc_token_keys() finds it; a case-sensitive hash
 * otherwise (emoticons keep their case: ":D" is not ":d"). Equal words
 * have equal keys; different ones collide with a chance of about 2^-64. */
uint64_t tp_senti_word_key(const char *word, size_t len);

/* The table's key of a normalised key of one or more words, one space
 * apart: its words' keys combined left to right. */
uint64_t tp_senti_key_of(const char *key, size_t len);

/* Number of keys with a valence. */
size_t tp_senti_lex_valence_count(const tp_senti_lex *lex);

/* Writes the normalised form of `s` (`len` bytes of valid UTF-8) to `out`,
 * which must hold 4 * len bytes, and returns its length. `fold` lowers the
 * case; emoticons are looked up unfolded first. */
size_t tp_senti_normalise(const char *s, size_t len, bool fold, char *out);

#endif
