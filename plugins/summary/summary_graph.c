/* summary_graph.c - power iteration over the sentence graph. */
#include "summary_graph.h"

#include <math.h>
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
    free(g->m);
    free(g->row_sum);
    free(g->out);
    free(g->next);
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

/* sum[i] = the sum over j, in order, of edge(i, j) (m holds the weights,
 * rows of `stride`). The matrix is symmetric, so row i's terms are column
 * i's: adding row j to every sum at once, j after j, gives each sum its
 * terms in the same order as a loop along row i, and vectorises. */
CLONES static void row_sums(const float *restrict m, size_t n, size_t stride,
                            double *restrict sum)
{
    for (size_t i = 0; i < n; i++)
        sum[i] = 0.0;
    for (size_t j = 0; j < n; j++) {
        const float *row = m + j * stride;
        for (size_t i = 0; i < n; i++) {
            double w = row[i];
            sum[i] += i != j && w > 0.0 ? w : 0.0;
        }
    }
}

int tp_summary_graph_build(tp_summary_graph *g, const float *sim, size_t n, double threshold)
{
    size_t stride = (n + BLOCK - 1) / BLOCK * BLOCK;
    g->n = n;
    g->stride = stride;
    if (stride > g->node_cap) {
        size_t c = g->node_cap ? g->node_cap : 64;
        while (c < stride)
            c *= 2;
        GROW(g->row_sum, c);
        GROW(g->out, c);
        GROW(g->next, c);
        g->node_cap = c;
    }
    if (n * stride > g->m_cap) {
        GROW(g->m, n * stride);
        g->m_cap = n * stride;
    }
    /* The weights the dense loop multiplies by: the similarity itself for
     * TextRank, edge() for LexRank; zeros pad each row to the stride. */
    for (size_t i = 0; i < n; i++) {
        float *row = g->m + i * stride;
        if (threshold > 0.0) {
            for (size_t j = 0; j < n; j++)
                row[j] = (float)edge(sim, n, i, j, threshold);
        } else {
            memcpy(row, sim + i * n, n * sizeof *row);
        }
        for (size_t j = n; j < stride; j++)
            row[j] = 0.0f;
    }
    row_sums(g->m, n, stride, g->row_sum);
    return 0;
}

/* The walk. Its inner loop, next[j] += out * row[j] for every j, is where
 * the time goes: each next[j] is independent, so it vectorises without
 * changing any sum, and the file is built with -ffp-contract=off so that
 * the multiply and the add stay two roundings, as in the reference loop.
 * On x86-64 with GCC the function is also built for AVX2 and AVX-512,
 * picked at load time. */
CLONES static int walk(size_t n, size_t stride, const float *restrict m,
                const double *restrict row_sum,
                double *restrict out, double *restrict next, double damping, double tolerance,
                int max_iterations, const double *restrict teleport, double *restrict scores)
{
    for (size_t i = 0; i < n; i++)
        scores[i] = 1.0 / (double)n;
    int it = 0;
    while (it < max_iterations) {
        it++;
        /* Mass of sentences without edges spreads evenly; the others send
         * the dense loop's factor, computed once per row and iteration. */
        double dangling = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (row_sum[i] <= 0.0) {
                dangling += scores[i];
                out[i] = 0.0;
            } else {
                out[i] = damping * scores[i] / row_sum[i];
            }
        }
        double jump = (1.0 - damping) + damping * dangling;
        for (size_t j = 0; j < n; j++)
            next[j] = jump * (teleport ? teleport[j] : 1.0 / (double)n);
        /* Whole blocks of 8 (the padding adds o * 0 to scores past n,
         * which nothing reads): no tail loop. */
        for (size_t j = n; j < stride; j++)
            next[j] = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (row_sum[i] <= 0.0)
                continue;
            const float *row = m + i * stride;
            double o = out[i];
            for (size_t j = 0; j < stride; j += BLOCK)
                for (size_t k = 0; k < BLOCK; k++)
                    next[j + k] += o * (double)row[j + k];
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

int tp_summary_graph_rank_fast(tp_summary_graph *g, double damping, double tolerance,
                               int max_iterations, const double *teleport, double *scores)
{
    if (g->n == 0)
        return 0;
    return walk(g->n, g->stride, g->m, g->row_sum, g->out, g->next, damping, tolerance,
                max_iterations, teleport, scores);
}
