/* summary_vec.c - sparse sentence vectors and cosine similarity. */
#include "summary_vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

void tp_summary_vectors_init(tp_summary_vectors *v)
{
    memset(v, 0, sizeof *v);
}

void tp_summary_vectors_free(tp_summary_vectors *v)
{
    free(v->entries);
    free(v->offsets);
    free(v->norms);
    tp_summary_vectors_init(v);
}

void tp_summary_vectors_reset(tp_summary_vectors *v)
{
    v->entry_count = 0;
    v->count = 0;
}

static int ensure_sentences(tp_summary_vectors *v)
{
    /* offsets needs count + 2 slots: the start of the sentence being built
     * and its end. */
    if (v->offsets && v->count + 2 <= v->cap)
        return 0;
    size_t n = v->cap ? v->cap * 2 : 64;
    size_t *offsets = realloc(v->offsets, n * sizeof *offsets);
    if (!offsets)
        return TP_ENOMEM;
    v->offsets = offsets;
    double *norms = realloc(v->norms, n * sizeof *norms);
    if (!norms)
        return TP_ENOMEM;
    v->norms = norms;
    v->cap = n;
    return 0;
}

int tp_summary_vectors_add(tp_summary_vectors *v, uint32_t term)
{
    if (v->entry_count == v->entry_cap) {
        size_t n = v->entry_cap ? v->entry_cap * 2 : 1024;
        tp_summary_entry *e = realloc(v->entries, n * sizeof *e);
        if (!e)
            return TP_ENOMEM;
        v->entries = e;
        v->entry_cap = n;
    }
    v->entries[v->entry_count++] = (tp_summary_entry){term, 1.0f};
    return 0;
}

static int by_term(const void *a, const void *b)
{
    uint32_t x = ((const tp_summary_entry *)a)->term, y = ((const tp_summary_entry *)b)->term;
    return (x > y) - (x < y);
}

int tp_summary_vectors_end_sentence(tp_summary_vectors *v)
{
    if (ensure_sentences(v) < 0)
        return TP_ENOMEM;
    size_t start = v->count ? v->offsets[v->count] : 0;
    if (v->count == 0)
        v->offsets[0] = 0;
    tp_summary_entry *e = v->entries + start;
    size_t n = v->entry_count - start, out = 0;
    if (n > 1)
        qsort(e, n, sizeof *e, by_term);
    for (size_t i = 0; i < n; i++) {
        if (out && e[out - 1].term == e[i].term)
            e[out - 1].weight += e[i].weight;
        else
            e[out++] = e[i];
    }
    v->entry_count = start + out;
    v->norms[v->count] = 0.0;
    v->offsets[++v->count] = v->entry_count;
    return 0;
}

void tp_summary_vectors_doc_freq(const tp_summary_vectors *v, uint32_t *df, size_t term_count)
{
    for (size_t i = 0; i < v->entry_count; i++)
        if (v->entries[i].term < term_count)
            df[v->entries[i].term]++;
}

double tp_summary_idf_smooth(double n, double df)
{
    return log((n + 1.0) / (df + 1.0)) + 1.0;
}

void tp_summary_vectors_weight(tp_summary_vectors *v, const double *idf)
{
    for (size_t s = 0; s < v->count; s++) {
        double sum = 0.0;
        for (size_t i = v->offsets[s]; i < v->offsets[s + 1]; i++) {
            tp_summary_entry *e = &v->entries[i];
            e->weight = (float)(e->weight * idf[e->term]);
            sum += (double)e->weight * e->weight;
        }
        v->norms[s] = sqrt(sum);
    }
}

double tp_summary_cosine(const tp_summary_vectors *v, size_t a, size_t b)
{
    if (v->norms[a] <= 0.0 || v->norms[b] <= 0.0)
        return 0.0;
    const tp_summary_entry *x = v->entries + v->offsets[a], *xe = v->entries + v->offsets[a + 1];
    const tp_summary_entry *y = v->entries + v->offsets[b], *ye = v->entries + v->offsets[b + 1];
    double dot = 0.0;
    while (x < xe && y < ye) {
        if (x->term < y->term)
            x++;
        else if (x->term > y->term)
            y++;
        else
            dot += (double)(x++)->weight * (y++)->weight;
    }
    double c = dot / (v->norms[a] * v->norms[b]);
    return c > 1.0 ? 1.0 : c;
}
