/* summary_vec.c - sparse sentence vectors and cosine similarity. */
#include "summary_vec.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

void tp_summary_vectors_init(tp_summary_vectors *v)
{
    memset(v, 0, sizeof *v);
    v->serial = 1;
}

void tp_summary_vectors_free(tp_summary_vectors *v)
{
    free(v->entries);
    free(v->offsets);
    free(v->norms);
    free(v->latest);
    free(v->links);
    free(v->dot);
    free(v->seen_serial);
    free(v->seen_at);
    tp_summary_vectors_init(v);
}

/* The next sentence's serial; on wrapping, no term was seen. */
static void next_serial(tp_summary_vectors *v)
{
    if (++v->serial == 0) {
        if (v->seen_serial)
            memset(v->seen_serial, 0, v->seen_cap * sizeof *v->seen_serial);
        v->serial = 1;
    }
}

void tp_summary_vectors_reset(tp_summary_vectors *v)
{
    v->entry_count = 0;
    v->count = 0;
    next_serial(v);
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

int tp_summary_vectors_add_growing(tp_summary_vectors *v, uint32_t term)
{
    if (v->entry_count == v->entry_cap) {
        size_t n = v->entry_cap ? v->entry_cap * 2 : 1024;
        tp_summary_entry *e = realloc(v->entries, n * sizeof *e);
        if (!e)
            return TP_ENOMEM;
        v->entries = e;
        v->entry_cap = n;
    }
    if (term >= v->seen_cap) {
        size_t n = v->seen_cap ? v->seen_cap : 1024;
        while (n <= term)
            n *= 2;
        uint32_t *serial = realloc(v->seen_serial, n * sizeof *serial);
        if (!serial)
            return TP_ENOMEM;
        v->seen_serial = serial;
        uint32_t *at = realloc(v->seen_at, n * sizeof *at);
        if (!at)
            return TP_ENOMEM;
        v->seen_at = at;
        memset(v->seen_serial + v->seen_cap, 0, (n - v->seen_cap) * sizeof *serial);
        v->seen_cap = n;
    }
    return tp_summary_vectors_add(v, term);
}

/* Sentences hold a few dozen terms at most: insertion sort beats qsort's
 * call per comparison. */
static void sort_by_term(tp_summary_entry *e, size_t n)
{
    for (size_t i = 1; i < n; i++) {
        if (e[i - 1].term < e[i].term)
            continue; /* the common case: already in place */
        tp_summary_entry x = e[i];
        size_t j = i;
        while (j > 0 && e[j - 1].term > x.term) {
            e[j] = e[j - 1];
            j--;
        }
        e[j] = x;
    }
}

int tp_summary_vectors_end_sentence(tp_summary_vectors *v)
{
    if (ensure_sentences(v) < 0)
        return TP_ENOMEM;
    size_t start = v->count ? v->offsets[v->count] : 0;
    if (v->count == 0)
        v->offsets[0] = 0;
    sort_by_term(v->entries + start, v->entry_count - start);
    v->norms[v->count] = 0.0;
    v->offsets[++v->count] = v->entry_count;
    next_serial(v);
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

#define GROW(ptr, n)                                                                           \
    do {                                                                                       \
        void *np_ = realloc((ptr), (n) * sizeof *(ptr));                                       \
        if (!np_)                                                                              \
            return TP_ENOMEM;                                                                  \
        (ptr) = np_;                                                                           \
    } while (0)

static int reserve_chains(tp_summary_vectors *v, size_t term_count)
{
    if (term_count > v->term_cap) {
        size_t c = v->term_cap ? v->term_cap : 1024;
        while (c < term_count)
            c *= 2;
        GROW(v->latest, c);
        v->term_cap = c;
    }
    if (v->entry_count > v->link_cap) {
        size_t c = v->link_cap ? v->link_cap : 1024;
        while (c < v->entry_count)
            c *= 2;
        GROW(v->links, c);
        v->link_cap = c;
    }
    if (v->count > v->dot_cap) {
        size_t c = v->dot_cap ? v->dot_cap : 64;
        while (c < v->count)
            c *= 2;
        GROW(v->dot, c);
        v->dot_cap = c;
    }
    return 0;
}

/* out[b] = the cosine from dot[b] and the norms, as tp_summary_cosine()
 * computes it, and dot[b] back to zero; in vector registers (the
 * divisions too, which round the same there), as AVX2 and AVX-512 clones
 * on x86-64 with GCC. The file is built with -ffp-contract=off, so no
 * clone fuses a multiply and an add. */
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && defined(__linux__)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
static void cosines(double *restrict dot, double na, const double *restrict nb, size_t count,
                    float *restrict out)
{
    for (size_t b = 0; b < count; b++) {
        double x = dot[b] / (na * nb[b]);
        x = x > 1.0 ? 1.0 : x;
        out[b] = na > 0.0 && nb[b] > 0.0 ? (float)x : 0.0f;
        dot[b] = 0.0;
    }
}

#define NO_ENTRY UINT32_MAX

int tp_summary_vectors_similarity(tp_summary_vectors *v, size_t term_count, float *sim)
{
    size_t n = v->count;
    if (n == 0)
        return 0;
    if (reserve_chains(v, term_count) < 0)
        return TP_ENOMEM;
    memset(v->latest, 0xFF, term_count * sizeof *v->latest); /* NO_ENTRY */
    double *dot = v->dot;
    for (size_t a = 0; a < n; a++)
        dot[a] = 0.0;
    for (size_t b = 0; b < n; b++) {
        /* The dot products of `b` with every earlier sentence, each summed
         * over the shared terms in increasing term order (b's entries are
         * sorted): the order of tp_summary_cosine's merge, so the sums
         * round the same way. */
        for (size_t i = v->offsets[b]; i < v->offsets[b + 1]; i++) {
            uint32_t t = v->entries[i].term;
            double w = v->entries[i].weight;
            for (uint32_t p = v->latest[t]; p != NO_ENTRY; p = v->links[p].prev)
                dot[v->links[p].sentence] += w * v->entries[p].weight;
            v->links[i] = (struct tp_summary_link){v->latest[t], (uint32_t)b};
            v->latest[t] = (uint32_t)i;
        }
        /* norms[b] * norms[a] rounds as norms[a] * norms[b]. */
        float *row = sim + b * n;
        cosines(dot, v->norms[b], v->norms, b, row);
        row[b] = 0.0f;
        for (size_t a = 0; a < b; a++)
            sim[a * n + b] = row[a];
    }
    return 0;
}
