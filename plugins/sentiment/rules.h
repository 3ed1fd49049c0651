/* rules.h - the valence rules: scores a run of tokens against a lexicon in
 * the manner of VADER (Hutto & Gilbert, ICWSM 2014), in our own code.
 *
 * The caller passes the tokens of one sentence (or of the part of a sentence
 * inside a quote); the result is the raw valence sum and the material for the
 * positive/negative/neutral proportions. tp_senti_combine() turns one or more
 * such pieces into the compound score in [-1, 1]. Nothing here touches a
 * tp_doc, so the rules run under a test or a bench without the core. */
#ifndef TP_SENTIMENT_RULES_H
#define TP_SENTIMENT_RULES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/doc.h>

#include "lexicon.h"

/* The constants of the method, as published. */
#define TP_SENTI_BOOST 0.293    /* a booster's step; dampeners use -0.293 */
#define TP_SENTI_CAPS 0.733     /* ALL-CAPS emphasis in mixed-case text */
#define TP_SENTI_NEGATE (-0.74) /* a negated valence is multiplied by this */
#define TP_SENTI_NEVER_SO 1.25  /* "never so good as": intensifies instead */
#define TP_SENTI_EXCLAIM 0.292  /* per '!', at most 4 */
#define TP_SENTI_QUESTION 0.18  /* per '?' when 2 or 3; 0.96 from 4 on */
#define TP_SENTI_BUT_BEFORE 0.5
#define TP_SENTI_BUT_AFTER 1.5

/* One scored piece of text. */
typedef struct tp_senti_piece {
    double sum;     /* valence sum, punctuation emphasis included */
    double pos;     /* sum of (v + 1) over positive words, plus emphasis if larger */
    double neg;     /* sum of (v - 1) over negative words (<= 0), minus emphasis if larger */
    double neutral; /* number of words without valence */
    uint32_t items; /* number of words, emoticons, emoji ... scored */
} tp_senti_piece;

/* Reusable buffers of one worker; zero-initialise, release with _free. They
 * hold the items of the document last scored (see tp_senti_score()). */
typedef struct tp_senti_scratch {
    struct tp_senti_work *work; /* rules.c */
} tp_senti_scratch;

void tp_senti_scratch_free(tp_senti_scratch *sc);

/* Whether ALL-CAPS words stand out: some, but not all, words of two or more
 * letters are written in capitals. */
bool tp_senti_caps_differ(const tp_token *toks, size_t count);

/* The text being scored: its bytes and all its tokens. `keys` are the
 * tokens' tp_word_key() (tp_doc_token_keys()), or NULL: the first scoring
 * then makes them. `caps` caches tp_senti_caps_differ() over the whole
 * text, worked out on first need; `prepared` names the scratch work
 * holding the items of its tokens. Make one with tp_senti_doc_of() for
 * each text. */
typedef struct tp_senti_doc {
    const char *text;
    size_t len;
    const tp_token *toks;
    size_t count;
    const uint64_t *keys;
    int caps;             /* -1: not yet known, 0: no, 1: yes */
    const void *prepared; /* set by tp_senti_score() */
} tp_senti_doc;

static inline tp_senti_doc tp_senti_doc_of(const char *text, size_t len, const tp_token *toks,
                                           size_t count)
{
    tp_senti_doc d = {text, len, toks, count, NULL, -1, NULL};
    return d;
}

/* Scores tokens [begin, end) of `doc`. The first call for a document
 * builds and looks up the items of all its tokens in `sc`; later calls for
 * the same document and scratch (its sentences, then its quotes) only match
 * phrases and apply the rules, so no token is looked up twice. A scratch
 * holds one document's items: scoring another document with it replaces
 * them. Returns 0 or TP_ENOMEM. */
int tp_senti_score(const tp_senti_lex *lex, tp_senti_doc *doc, size_t begin, size_t end,
                   tp_senti_scratch *sc, tp_senti_piece *out);

/* x / sqrt(x^2 + alpha), the map from a valence sum to [-1, 1]. */
double tp_senti_normalise_sum(double sum, double alpha);

typedef enum tp_senti_aggregate {
    TP_SENTI_MEAN, /* mean of the pieces' compounds: length does not saturate it */
    TP_SENTI_SUM,  /* one compound of the summed valences, as for a single text */
    TP_SENTI_SQRT  /* compound of the sum divided by sqrt(number of pieces): agreeing
                    * sentences reinforce, a long mixed text does not saturate */
} tp_senti_aggregate;

typedef struct tp_senti_result {
    double compound, positive, negative, neutral;
} tp_senti_result;

/* Combines `n` pieces. Pieces without items are left out of the mean. With
 * nothing scored the result is compound 0 and neutral 1. */
tp_senti_result tp_senti_combine(const tp_senti_piece *pieces, size_t n, tp_senti_aggregate agg,
                                 double alpha);

#endif
