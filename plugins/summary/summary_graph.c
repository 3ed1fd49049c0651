/* summary_graph.c - power iteration over the sentence graph. */
#include "summary_graph.h"

#include <math.h>

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
