/* summary_features.h - what a sentence looks like, apart from its words:
 * its length in words, how much of it is inside quotation marks, and
 * whether it ends like a sentence (captions and headings often do not). */
#ifndef TP_SUMMARY_FEATURES_H
#define TP_SUMMARY_FEATURES_H

#include <stdbool.h>
#include <stddef.h>

#include <tpipe/doc.h>

typedef struct tp_summary_features {
    unsigned words;        /* word and number tokens, clitics excluded */
    unsigned quoted_words; /* of which inside quotation marks */
    bool terminated;       /* ends with . ! ? or … (possibly before a closing mark) */
} tp_summary_features;

/* Quotation state carried from sentence to sentence: a quote often runs
 * over several sentences of one paragraph. */
typedef struct tp_summary_quote_state {
    bool inside;
    unsigned paragraph;
} tp_summary_quote_state;

/* Measures sentence `s` of `doc` (its tokens from `toks`), updating the
 * quotation state; call it for every sentence in order, headings included.
 * The state resets at each new paragraph. */
void tp_summary_features_of(const char *text, const tp_token *toks, const tp_sentence *s,
                            tp_summary_quote_state *state, tp_summary_features *out);

/* tp_summary_features_of() in steps, for a caller that reads the sentence's
 * tokens anyway: start(), then token() for each of its tokens in order,
 * then `terminated` from tp_summary_features_terminated(). Inline, so that
 * the counts stay in registers. */
static inline void tp_summary_features_start(const tp_sentence *s, tp_summary_quote_state *state,
                                             tp_summary_features *out)
{
    *out = (tp_summary_features){0, 0, false};
    if (s->paragraph != state->paragraph) {
        state->paragraph = s->paragraph;
        state->inside = false;
    }
}

/* Whether sentence `s` ends like a sentence (see tp_summary_features). */
bool tp_summary_features_terminated(const char *text, const tp_token *toks, const tp_sentence *s);

static inline void tp_summary_features_token(const tp_token *t, tp_summary_quote_state *state,
                                             tp_summary_features *out)
{
    if (t->kind == TP_TOK_QUOTE) {
        /* Curly marks say which side they are; straight ones toggle. */
        if (t->flags & TP_TOKF_OPENING)
            state->inside = true;
        else if (t->flags & TP_TOKF_CLOSING)
            state->inside = false;
        else
            state->inside = !state->inside;
    } else if ((t->kind == TP_TOK_WORD || t->kind == TP_TOK_NUMBER) &&
               !(t->flags & TP_TOKF_CLITIC)) {
        out->words++;
        out->quoted_words += state->inside;
    }
}

/* The factor a sentence's score is multiplied by, in [0, 1]: 1 for a
 * sentence of 40 words or more, (words / 40)^0.7 for a shorter one; times
 * 0.8 when more than 80% of its words are inside quotation marks, times
 * 0.3 when it does not end like a sentence (a caption, a heading the
 * tokenizer did not flag). */
double tp_summary_features_factor(const tp_summary_features *f);

/* The length part of the factor for 0..TP_SUMMARY_LENGTH_FULL-1 words:
 * fills `table` so that tp_summary_features_factor_with() needs no pow()
 * per sentence. */
#define TP_SUMMARY_LENGTH_FULL 40
void tp_summary_features_length_table(double table[TP_SUMMARY_LENGTH_FULL]);

/* tp_summary_features_factor() with the length part looked up in `table`
 * (from tp_summary_features_length_table): the same value to the bit. */
double tp_summary_features_factor_with(const tp_summary_features *f, const double *table);

#endif
