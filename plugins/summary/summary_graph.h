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
#include <stdint.h>

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

/* The same walk, faster, on a prepared graph: the row sums computed once,
 * each block of 8 scores summed in vector registers over only the rows
 * with an edge into the block (the others would add exact zeros). It
 * gives the same scores as tp_summary_graph_rank() to the bit: every score
 * is summed over the same non-zero terms in the same order, with a
 * separate multiply and add (never fused). The arrays grow on demand and
 * are kept across documents (free() releases them). */
typedef struct tp_summary_graph {
    size_t n;
    size_t blocks; /* n / 8 rounded up: the blocks of 8 columns */
    /* n: the sum of row i's edges, or 1 for a row without edges (whose
     * mass the walk spreads evenly instead; the division is then moot) */
    double *divisor;
    double *out;      /* n: the mass each row sends, per iteration */
    double *teleport; /* 8 * blocks: the restart weights, zeros after n */
    /* The edge weights in blocks of 8, zero-padded past n, grouped by
     * block column: block column b's are the block_count[b] entries from
     * b * n of `packed` (8 floats each) and of `packed_row` (the row of
     * each), rows in increasing order, all-zero blocks left out. */
    float *packed;
    uint32_t *packed_row, *block_count;
    uint32_t *dangling; /* the rows without edges, in increasing order */
    size_t dangling_count;
    size_t node_cap, packed_cap;
} tp_summary_graph;

void tp_summary_graph_init(tp_summary_graph *g);
void tp_summary_graph_free(tp_summary_graph *g);

/* Prepares `g` for `sim` (as for tp_summary_graph_rank, same `threshold`;
 * `sim` must be symmetric, as said above: its rows are summed as columns).
 * Returns 0 or TP_ENOMEM. */
int tp_summary_graph_build(tp_summary_graph *g, const float *sim, size_t n, double threshold);

/* tp_summary_graph_rank() on the graph built: same parameters and result;
 * no other scratch is needed. */
int tp_summary_graph_rank_fast(tp_summary_graph *g, double damping, double tolerance,
                               int max_iterations, const double *teleport, double *scores);

#endif
