/* summary_vec.h - sparse term vectors of sentences and their cosine.
 *
 * A tp_summary_vectors holds one sparse vector per sentence: entries sorted
 * by term id, each with its raw count, then weighted (TF-IDF) in place. The
 * arrays grow on demand and are kept across documents (reset() keeps the
 * memory), so a worker allocates only while its documents grow. */
#ifndef TP_SUMMARY_VEC_H
#define TP_SUMMARY_VEC_H

#include <stddef.h>
#include <stdint.h>

typedef struct tp_summary_entry {
    uint32_t term;
    float weight; /* the count until tp_summary_vectors_weight() */
} tp_summary_entry;

typedef struct tp_summary_vectors {
    tp_summary_entry *entries;
    size_t entry_count, entry_cap;
    size_t *offsets; /* sentence i: entries [offsets[i], offsets[i+1]) */
    double *norms;
    size_t count; /* sentences finished */
    size_t cap;
    /* Per term: the serial of the last sentence holding it and its entry
     * there, so that a repeated term counts in place (no merge after the
     * sort). The serial counts sentences across resets; never 0. */
    uint32_t *seen_serial, *seen_at;
    size_t seen_cap;
    uint32_t serial;
    /* Scratch of tp_summary_vectors_similarity(): per term, its latest
     * entry; per entry, the one before it with the same term, and its
     * sentence (chains through the sentences sharing a term); the dot
     * products of one sentence with the earlier ones. */
    uint32_t *latest;
    size_t term_cap;
    struct tp_summary_link {
        uint32_t prev, sentence;
    } *links;
    size_t link_cap;
    double *dot;
    size_t dot_cap;
} tp_summary_vectors;

void tp_summary_vectors_init(tp_summary_vectors *v);
void tp_summary_vectors_free(tp_summary_vectors *v);
/* Empties the set, keeping its memory. */
void tp_summary_vectors_reset(tp_summary_vectors *v);

/* tp_summary_vectors_add() when memory must grow first. */
int tp_summary_vectors_add_growing(tp_summary_vectors *v, uint32_t term);

/* Adds one occurrence of `term` to the sentence being built. Returns 0 or
 * TP_ENOMEM. Inline: it runs once per word. */
static inline int tp_summary_vectors_add(tp_summary_vectors *v, uint32_t term)
{
    if (term >= v->seen_cap || v->entry_count == v->entry_cap)
        return tp_summary_vectors_add_growing(v, term);
    if (v->seen_serial[term] == v->serial) {
        v->entries[v->seen_at[term]].weight += 1.0f;
        return 0;
    }
    v->seen_serial[term] = v->serial;
    v->seen_at[term] = (uint32_t)v->entry_count;
    v->entries[v->entry_count++] = (tp_summary_entry){term, 1.0f};
    return 0;
}

/* Ends the sentence being built (possibly empty): sorts its entries (one
 * per distinct term, with its count). Returns 0 or TP_ENOMEM. */
int tp_summary_vectors_end_sentence(tp_summary_vectors *v);

/* The number of sentences holding each term: df[t] += 1 for every term of
 * every sentence (df has `term_count` zeroed slots). */
void tp_summary_vectors_doc_freq(const tp_summary_vectors *v, uint32_t *df, size_t term_count);

/* In-document IDF: log((n + 1) / (df + 1)) + 1, the smoothed form, so a
 * term found in every sentence still counts a little. */
double tp_summary_idf_smooth(double n, double df);

/* Weights every entry: count * idf[term], and computes each norm. */
void tp_summary_vectors_weight(tp_summary_vectors *v, const double *idf);

/* Cosine similarity of sentences a and b, in [0, 1]; 0 when either is empty. */
double tp_summary_cosine(const tp_summary_vectors *v, size_t a, size_t b);

/* Fills `sim` (count x count floats, row-major) with the cosine of every
 * pair of sentences, (float)tp_summary_cosine(v, min(a,b), max(a,b)) to the
 * bit, and a zero diagonal. It follows each term from sentence to sentence,
 * so pairs without a shared term cost nothing beyond writing their zero.
 * Every term id must be below `term_count`. Returns 0 or TP_ENOMEM. */
int tp_summary_vectors_similarity(tp_summary_vectors *v, size_t term_count, float *sim);

#endif
