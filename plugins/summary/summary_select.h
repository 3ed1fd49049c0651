/* summary_select.h - from centrality to the chosen sentences: the position
 * prior, the combined score, and maximal marginal relevance (MMR).
 *
 * Everything works on plain arrays indexed by candidate sentence, so it can
 * be tested without a document. */
#ifndef TP_SUMMARY_SELECT_H
#define TP_SUMMARY_SELECT_H

#include <stddef.h>

/* The prior of the body sentence at `rank` (0 = the first sentence that is
 * not a heading): 1 for the lead, then TP_SUMMARY_PRIOR_AFTER_LEAD for the
 * second, decreasing as (1 + (rank - 1) / 2)^-0.75. The lead carries the
 * story in news (in the BBC references the first sentence is chosen three
 * times in four, any later one less than one time in two); the slow decay
 * after it keeps central sentences further down within reach. */
#define TP_SUMMARY_PRIOR_AFTER_LEAD 0.25
double tp_summary_position_prior(size_t rank);

/* The random walk's restart distribution: (1 - mix) uniform plus `mix`
 * times the prior normalised to sum 1 (uniform if the prior is all zero).
 * `out` (n) sums to 1. */
void tp_summary_teleport(const double *prior, size_t n, double mix, double *out);

/* combined[i] = ((1 - w) * centrality[i] / max(centrality) + w * prior[i])
 *               * factor[i]
 * with w = position_weight in [0, 1]; `factor` (may be NULL: 1) holds the
 * penalties. Centrality all zero counts as all equal. */
void tp_summary_combine(const double *centrality, const double *prior, const double *factor,
                        size_t n, double position_weight, double *combined);

/* A sentence this similar (cosine) to one already picked is a copy: MMR
 * never picks it, whatever the trade-off. */
#define TP_SUMMARY_DUPLICATE 0.8

/* Greedy MMR: repeatedly picks the eligible sentence maximising
 *   (1 - redundancy) * score[i] / max(score) - redundancy * max_{j picked} sim(i, j)
 * until `k` are picked or none is left; copies (see above) are skipped.
 * Ties go to the earlier sentence.
 * `sim` is the n x n cosine matrix (row-major); `eligible` (may be NULL: all)
 * marks the sentences that may be picked; `overlap` is scratch for n
 * floats. `picked` (k slots) receives the picks in the order chosen.
 * Returns how many were picked. */
size_t tp_summary_mmr(const double *score, const float *sim, size_t n,
                      const unsigned char *eligible, size_t k, double redundancy, float *overlap,
                      size_t *picked);

/* How many sentences a summary of `candidates` sentences holds: `ratio` of
 * them (rounded, at least 1) when ratio > 0, else `count`; never more than
 * `candidates`. */
size_t tp_summary_target(size_t candidates, long long count, double ratio);

#endif
