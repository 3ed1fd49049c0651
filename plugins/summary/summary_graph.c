/* summary_graph.c - power iteration over the sentence graph. */
#include "summary_graph.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

static double edge(const float *sim, size_t n, size_t i, size_t j, double threshold)
{
    if (i == j)
        return 0.0;
    double w = sim[i * n + j];
    if (threshold > 0.0)
        return w >= threshold ? 1.0 : 0.0;
    return w > 0.0 ? w : 0.0;
}

int tp_summary_graph_rank(const float *sim, size_t n, double threshold, double damping,
                          double tolerance, int max_iterations, const double *teleport,
                          double *scores, double *work)
{
    if (n == 0)
        return 0;
    double *row_sum = work, *next = work + n;
    for (size_t i = 0; i < n; i++) {
        double s = 0.0;
        for (size_t j = 0; j < n; j++)
            s += edge(sim, n, i, j, threshold);
        row_sum[i] = s;
        scores[i] = 1.0 / (double)n;
    }
    int it = 0;
    while (it < max_iterations) {
        it++;
        /* Mass of sentences without edges spreads evenly. */
        double dangling = 0.0;
        for (size_t i = 0; i < n; i++)
            if (row_sum[i] <= 0.0)
                dangling += scores[i];
        double jump = (1.0 - damping) + damping * dangling;
        for (size_t j = 0; j < n; j++)
            next[j] = jump * (teleport ? teleport[j] : 1.0 / (double)n);
        for (size_t i = 0; i < n; i++) {
            if (row_sum[i] <= 0.0)
                continue;
            double out = damping * scores[i] / row_sum[i];
            const float *row = sim + i * n;
            if (threshold > 0.0) {
                for (size_t j = 0; j < n; j++)
                    next[j] += out * edge(sim, n, i, j, threshold);
            } else {
                /* The weighted graph's edges are the similarities themselves
                 * (non-negative, zero diagonal): a plain loop the compiler
                 * vectorises. */
                for (size_t j = 0; j < n; j++)
                    next[j] += out * row[j];
            }
        }
        double delta = 0.0;
        for (size_t j = 0; j < n; j++) {
            delta += fabs(next[j] - scores[j]);
            scores[j] = next[j];
        }
        if (delta < tolerance)
            break;
    }
    return it;
}

void tp_summary_graph_init(tp_summary_graph *g)
{
    memset(g, 0, sizeof *g);
}

void tp_summary_graph_free(tp_summary_graph *g)
{
    free(g->divisor);
    free(g->out);
    free(g->teleport);
    free(g->packed);
    free(g->packed_row);
    free(g->block_count);
    free(g->dangling);
    tp_summary_graph_init(g);
}

#define GROW(ptr, n)                                                                           \
    do {                                                                                       \
        void *np_ = realloc((ptr), (n) * sizeof *(ptr));                                       \
        if (!np_)                                                                              \
            return TP_ENOMEM;                                                                  \
        (ptr) = np_;                                                                           \
    } while (0)

#define BLOCK 8

#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

/* edge() of a similarity off the diagonal, as the float it is exactly. */
static inline float weight_of(float w, double threshold)
{
    if (threshold > 0.0)
        return w >= threshold ? 1.0f : 0.0f;
    return w > 0.0f ? w : 0.0f;
}

/* One block of 8 edge weights of a row: edge() of the similarities
 * `src` (`width` of them, then zeros), as the floats they are exactly.
 * Whole blocks have a loop of their own, which vectorises. */
static inline void load_block(const float *restrict src, size_t width, double threshold,
                              float *restrict dst)
{
    if (width == BLOCK && threshold > 0.0) {
        for (size_t k = 0; k < BLOCK; k++)
            dst[k] = src[k] >= threshold ? 1.0f : 0.0f;
    } else if (width == BLOCK) {
        for (size_t k = 0; k < BLOCK; k++)
            dst[k] = src[k] > 0.0f ? src[k] : 0.0f;
    } else {
        for (size_t k = 0; k < BLOCK; k++)
            dst[k] = k < width ? weight_of(src[k], threshold) : 0.0f;
    }
}

/* No weight is -0 or negative: a block is all zeros when no bit is set. */
static inline bool has_edge(const float *w)
{
    uint32_t bits = 0;
    for (size_t k = 0; k < BLOCK; k++) {
        uint32_t u;
        memcpy(&u, &w[k], sizeof u);
        bits |= u;
    }
    return bits != 0;
}

/* Packs the edge weights of `sim` (see tp_summary_graph): the diagonal,
 * and the blocks without an edge, left out. The weights are never
 * negative, so a row whose block holds only zeros would add only exact
 * zeros there: the walk skips it. */
CLONES static void pack_blocks(tp_summary_graph *g, const float *sim, double threshold)
{
    size_t n = g->n;
    memset(g->block_count, 0, g->blocks * sizeof *g->block_count);
    for (size_t i = 0; i < n; i++) {
        const float *row = sim + i * n;
        for (size_t b = 0; b < g->blocks; b++) {
            size_t width = n - b * BLOCK < BLOCK ? n - b * BLOCK : BLOCK;
            size_t e = b * n + g->block_count[b];
            float *w = g->packed + e * BLOCK;
            load_block(row + b * BLOCK, width, threshold, w);
            if (i / BLOCK == b)
                w[i % BLOCK] = 0.0f;
            if (has_edge(w)) {
                g->packed_row[e] = (uint32_t)i;
                g->block_count[b]++;
            }
        }
    }
}

/* divisor[i] = the sum over j, in order, of edge(i, j). The matrix is
 * symmetric, so row i's terms are column i's: adding the blocks of each
 * row to the sums of their columns, row after row, gives each sum its
 * terms in the same order as a loop along row i (less exact zeros), and
 * vectorises. Then the rows without edges. */
CLONES static void sum_rows(tp_summary_graph *g)
{
    size_t n = g->n;
    for (size_t b = 0; b < g->blocks; b++) {
        double sum[BLOCK] = {0};
        for (size_t e = b * n; e < b * n + g->block_count[b]; e++)
            for (size_t k = 0; k < BLOCK; k++)
                sum[k] += (double)g->packed[e * BLOCK + k];
        size_t width = n - b * BLOCK < BLOCK ? n - b * BLOCK : BLOCK;
        for (size_t k = 0; k < width; k++)
            g->divisor[b * BLOCK + k] = sum[k];
    }
    g->dangling_count = 0;
    for (size_t i = 0; i < n; i++)
        if (g->divisor[i] <= 0.0) {
            g->dangling[g->dangling_count++] = (uint32_t)i;
            g->divisor[i] = 1.0;
        }
}

static int reserve_graph(tp_summary_graph *g, size_t n, size_t blocks)
{
    if (blocks * BLOCK > g->node_cap) {
        size_t c = g->node_cap ? g->node_cap : 64;
        while (c < blocks * BLOCK)
            c *= 2;
        GROW(g->divisor, c);
        GROW(g->out, c);
        GROW(g->teleport, c);
        GROW(g->block_count, c / BLOCK);
        GROW(g->dangling, c);
        g->node_cap = c;
    }
    if (n * blocks > g->packed_cap) {
        GROW(g->packed, n * blocks * BLOCK);
        GROW(g->packed_row, n * blocks);
        g->packed_cap = n * blocks;
    }
    return 0;
}

int tp_summary_graph_build(tp_summary_graph *g, const float *sim, size_t n, double threshold)
{
    size_t blocks = (n + BLOCK - 1) / BLOCK;
    g->n = n;
    g->blocks = blocks;
    if (n == 0) /* nothing to walk; the arrays may not exist yet */
        return 0;
    if (reserve_graph(g, n, blocks) < 0)
        return TP_ENOMEM;
    pack_blocks(g, sim, threshold);
    sum_rows(g);
    return 0;
}

/* The walk. Each iteration sums every block of 8 scores in registers,
 * row after row in increasing order as the reference loop does, over the
 * rows with an edge into the block; the multiplies and adds of the 8
 * lanes are independent, so they vectorise without changing any sum, and
 * the file is built with -ffp-contract=off so that the multiply and the
 * add stay two roundings. On x86-64 with GCC the function is also built
 * for AVX2 and AVX-512, picked at load time. */
CLONES static int walk(const tp_summary_graph *g, double damping, double tolerance,
                       int max_iterations, double *restrict scores)
{
    size_t n = g->n;
    const float *restrict packed = g->packed;
    const uint32_t *restrict packed_row = g->packed_row, *restrict block_count = g->block_count;
    const double *restrict divisor = g->divisor, *restrict teleport = g->teleport;
    double *restrict out = g->out;
    for (size_t i = 0; i < n; i++)
        scores[i] = 1.0 / (double)n;
    int it = 0;
    while (it < max_iterations) {
        it++;
        /* Mass of sentences without edges spreads evenly; the others send
         * the factor of their row (a row without edges is in no block). */
        double dangling = 0.0;
        for (size_t d = 0; d < g->dangling_count; d++)
            dangling += scores[g->dangling[d]];
        for (size_t i = 0; i < n; i++)
            out[i] = damping * scores[i] / divisor[i];
        double jump = (1.0 - damping) + damping * dangling;
        double delta = 0.0;
        for (size_t b = 0; b < g->blocks; b++) {
            double sum[BLOCK];
            for (size_t k = 0; k < BLOCK; k++)
                sum[k] = jump * teleport[b * BLOCK + k];
            for (size_t e = b * n; e < b * n + block_count[b]; e++) {
                const float *w = packed + e * BLOCK;
                double o = out[packed_row[e]];
                for (size_t k = 0; k < BLOCK; k++)
                    sum[k] += o * (double)w[k];
            }
            /* out[] holds what the walk needs of the old scores: they can
             * be overwritten block by block. */
            size_t width = n - b * BLOCK < BLOCK ? n - b * BLOCK : BLOCK;
            for (size_t k = 0; k < width; k++) {
                delta += fabs(sum[k] - scores[b * BLOCK + k]);
                scores[b * BLOCK + k] = sum[k];
            }
        }
        if (delta < tolerance)
            break;
    }
    return it;
}

int tp_summary_graph_rank_fast(tp_summary_graph *g, double damping, double tolerance,
                               int max_iterations, const double *teleport, double *scores)
{
    size_t n = g->n;
    if (n == 0)
        return 0;
    for (size_t j = 0; j < n; j++)
        g->teleport[j] = teleport ? teleport[j] : 1.0 / (double)n;
    for (size_t j = n; j < g->blocks * BLOCK; j++)
        g->teleport[j] = 0.0;
    return walk(g, damping, tolerance, max_iterations, scores);
}
