/* summary_terms.h - from a word token to the term the summary compares:
 * lower-cased, stop words dropped, Snowball-stemmed.
 *
 * A tp_summary_terms holds a libstemmer stemmer and a scratch buffer. The
 * stemmer is not thread-safe, so each worker instance owns one. The stop
 * word set is a strmap built once (load) and only read afterwards. */
#ifndef TP_SUMMARY_TERMS_H
#define TP_SUMMARY_TERMS_H

#include <stddef.h>

#include "summary_strmap.h"

struct sb_stemmer;

typedef struct tp_summary_terms {
    struct sb_stemmer *stemmer;
    char *buf; /* lower-cased word */
    size_t cap;
    /* Words repeat: a cache from the lower-cased word to its stem's entry
     * in `stems` (or -1: the word does not count) saves the stemmer most
     * calls. Emptied when it grows past a bound, so memory stays flat. */
    tp_summary_strmap cache;
    tp_summary_strmap stems;
} tp_summary_terms;

/* Creates the English stemmer. Returns 0 or TP_ENOMEM. */
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

/* The term of a word: returns 1 and its stem in *stem / *stem_len (borrowed
 * until the next call) when the word counts; 0 when it is a stop word
 * (`stop` may be NULL), has fewer than two characters or no letter; or
 * TP_ENOMEM. Results are cached, so one `terms` must always be used with
 * the same stop-word set. */
int tp_summary_terms_stem(tp_summary_terms *terms, const tp_summary_strmap *stop, const char *word,
                          size_t len, const char **stem, size_t *stem_len);

#endif
