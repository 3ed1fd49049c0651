/* summary_graph.h - sentence centrality by power iteration (TextRank and
 * LexRank), on a dense similarity matrix.
 *
 * The matrix is n x n, row-major, floats, symmetric, non-negative, with a
 * zero diagonal.
 * Each row is normalised into transition probabilities; a row with no
 * edges jumps uniformly, so the chain is always stochastic. */
#ifndef TP_SUMMARY_GRAPH_H
#define TP_SUMMARY_GRAPH_H

#include <stddef.h>

/* Computes the stationary scores of the damped random walk on `sim`:
 *   p = (1 - d) v + d * M^T p,  M = row-normalised sim,
 * where v is `teleport` (n weights summing to 1; NULL: uniform 1/n), the
 * jump distribution, which a sentence without edges also follows,
 * from the uniform start, until the L1 change is below `tolerance` or after
 * `max_iterations`. `scores` (n) receives the result, summing to 1; `work`
 * is scratch of 2n doubles. Returns the number of iterations run (0 for
 * n == 0).
 *
 * `threshold` > 0 gives LexRank's graph: a similarity >= threshold is an
 * edge of weight 1, anything less no edge. `threshold` <= 0 keeps the
 * similarities as weights (TextRank with cosine weights). */
int tp_summary_graph_rank(const float *sim, size_t n, double threshold, double damping,
                          double tolerance, int max_iterations, const double *teleport,
                          double *scores, double *work);

#endif
