/* summary_select.c - position prior, score combination and MMR. */
#include "summary_select.h"

#include <math.h>
#include <stdlib.h>

double tp_summary_position_prior(size_t rank)
{
    if (rank == 0)
        return 1.0;
    return TP_SUMMARY_PRIOR_AFTER_LEAD * pow(1.0 + (double)(rank - 1) / 2.0, -0.75);
}

void tp_summary_teleport(const double *prior, size_t n, double mix, double *out)
{
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += prior[i];
    for (size_t i = 0; i < n; i++)
        out[i] = (1.0 - mix) / (double)n + (sum > 0.0 ? mix * prior[i] / sum : mix / (double)n);
}

void tp_summary_combine(const double *centrality, const double *prior, const double *factor,
                        size_t n, double position_weight, double *combined)
{
    double max = 0.0;
    for (size_t i = 0; i < n; i++)
        if (centrality[i] > max)
            max = centrality[i];
    double w = position_weight < 0.0 ? 0.0 : position_weight > 1.0 ? 1.0 : position_weight;
    for (size_t i = 0; i < n; i++) {
        double c = max > 0.0 ? centrality[i] / max : 1.0;
        double s = (1.0 - w) * c + w * prior[i];
        combined[i] = s * (factor ? factor[i] : 1.0);
    }
}

size_t tp_summary_mmr(const double *score, const float *sim, size_t n,
                      const unsigned char *eligible, size_t k, double redundancy, float *overlap,
                      size_t *picked)
{
    double max = 0.0;
    for (size_t i = 0; i < n; i++) {
        if ((!eligible || eligible[i]) && score[i] > max)
            max = score[i];
        overlap[i] = 0.0f;
    }
    size_t count = 0;
    while (count < k) {
        long best = -1;
        double best_value = 0.0;
        for (size_t i = 0; i < n; i++) {
            if ((eligible && !eligible[i]) || overlap[i] >= TP_SUMMARY_DUPLICATE)
                continue;
            double rel = max > 0.0 ? score[i] / max : 0.0;
            double value = (1.0 - redundancy) * rel - redundancy * overlap[i];
            if (best < 0 || value > best_value) {
                best = (long)i;
                best_value = value;
            }
        }
        if (best < 0)
            break;
        picked[count++] = (size_t)best;
        /* Each sentence's highest similarity to a pick, kept up to date; a
         * pick is a copy of itself, never picked again. */
        for (size_t i = 0; i < n; i++)
            if (sim[i * n + (size_t)best] > overlap[i])
                overlap[i] = sim[i * n + (size_t)best];
        overlap[best] = INFINITY;
    }
    return count;
}

size_t tp_summary_target(size_t candidates, long long count, double ratio)
{
    size_t k;
    if (ratio > 0.0) {
        k = (size_t)floor(ratio * (double)candidates + 0.5);
        if (k < 1)
            k = 1;
    } else {
        k = count > 0 ? (size_t)count : 0;
    }
    return k < candidates ? k : candidates;
}
