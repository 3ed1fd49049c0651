/* summary_refs.h - sentences that open by pointing back ("He said ...",
 * "The minister added ..."): alone in a summary they leave the reader
 * asking who, so they weigh a little less (summary_features.h). */
#ifndef TP_SUMMARY_REFS_H
#define TP_SUMMARY_REFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/doc.h>

/* The word keys (tp_word_key) of the openers, made once at load. */
typedef struct tp_summary_refs {
    uint64_t pronouns[16];
    size_t npronouns;
    uint64_t roles[48];
    size_t nroles;
    uint64_t the;
} tp_summary_refs;

void tp_summary_refs_init(tp_summary_refs *refs);

/* Whether sentence `s` opens with a pronoun (he, they, this ...) or with
 * "the" and a role noun (the minister, the company ...), reading its first
 * word tokens by their word keys. */
bool tp_summary_refs_opens(const tp_summary_refs *refs, const tp_token *toks,
                           const uint64_t *keys, const tp_sentence *s);

#endif
