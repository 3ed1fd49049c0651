/* test_summary.c - the summary plugin: its modules on plain arrays (terms,
 * vectors, graph, prior, MMR, IDF files) and the plugin on real text. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libstemmer.h>

#include "harness.h"
#include "summary_features.h"
#include "summary_graph.h"
#include "summary_idf.h"
#include "summary_select.h"
#include "summary_strmap.h"
#include "summary_terms.h"
#include "summary_vec.h"

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_summary_plugin;
extern const char tp_summary_stopwords_data[];
extern const unsigned long tp_summary_stopwords_data_len;

#define EPS 1e-6

/* ---- string map ------------------------------------------------------------ */

START_TEST(strmap_intern_and_find)
{
    tp_summary_strmap m;
    tp_summary_strmap_init(&m);
    size_t e;
    int added;
    ck_assert_int_eq(tp_summary_strmap_intern(&m, "alpha", 5, 7, &e, &added), 0);
    ck_assert(added);
    ck_assert_uint_eq(e, 0);
    ck_assert_int_eq(tp_summary_strmap_intern(&m, "alpha", 5, 9, &e, &added), 0);
    ck_assert(!added);
    ck_assert_int_eq(m.values[e], 7);
    ck_assert_int_eq(tp_summary_strmap_find(&m, "alph", 4), -1);
    ck_assert_str_eq(tp_summary_strmap_key(&m, 0), "alpha");
    tp_summary_strmap_free(&m);
}
END_TEST

START_TEST(strmap_grows_and_clears)
{
    tp_summary_strmap m;
    tp_summary_strmap_init(&m);
    char key[32];
    for (int i = 0; i < 5000; i++) {
        size_t e;
        int n = snprintf(key, sizeof key, "k%d", i);
        ck_assert_int_eq(tp_summary_strmap_intern(&m, key, (size_t)n, i, &e, NULL), 0);
        ck_assert_uint_eq(e, (size_t)i);
    }
    ck_assert_int_eq(tp_summary_strmap_find(&m, "k4321", 5), 4321);
    tp_summary_strmap_clear(&m);
    ck_assert_uint_eq(m.count, 0);
    ck_assert_int_eq(tp_summary_strmap_find(&m, "k4321", 5), -1);
    tp_summary_strmap_free(&m);
}
END_TEST

/* ---- terms: lower-case, stop words, stems ---------------------------------- */

static const struct {
    const char *word;
    const char *stem; /* NULL: the word does not count */
} term_cases[] = {
    {"Running", "run"},
    {"hurdles", "hurdl"},
    {"Championships", "championship"},
    {"the", NULL},
    {"THE", NULL},
    {"said", NULL},
    {"don\xE2\x80\x99t", NULL}, /* typographic apostrophe, a stop word */
    {"Claxton's", "claxton"},
    {"2004", NULL},
    {"x", NULL},
    {"\xC3\x89migr\xC3\xA9s", "\xC3\xA9migr\xC3\xA9"},
    {"connections", "connect"},
};

START_TEST(terms_table)
{
    tp_summary_terms t;
    tp_summary_strmap stop;
    tp_summary_strmap_init(&stop);
    ck_assert_int_eq(tp_summary_terms_init(&t), 0);
    ck_assert_int_eq(tp_summary_stopwords_parse(&stop, tp_summary_stopwords_data,
                                                tp_summary_stopwords_data_len),
                     0);
    const char *stem;
    size_t len;
    int rc = tp_summary_terms_stem(&t, &stop, term_cases[_i].word, strlen(term_cases[_i].word),
                                   &stem, &len);
    if (term_cases[_i].stem) {
        ck_assert_int_eq(rc, 1);
        ck_assert_uint_eq(len, strlen(term_cases[_i].stem));
        ck_assert_msg(memcmp(stem, term_cases[_i].stem, len) == 0, "%s -> %.*s",
                      term_cases[_i].word, (int)len, stem);
    } else {
        ck_assert_msg(rc == 0, "%s should not count", term_cases[_i].word);
    }
    tp_summary_terms_free(&t);
    tp_summary_strmap_free(&stop);
}
END_TEST

/* ASCII words go through the single-byte (ISO-8859-1) build of the
 * stemmer: its stems must be the UTF-8 build's, suffix rules and
 * exceptions alike. */
START_TEST(terms_ascii_stemmer_agrees_with_utf8)
{
    static const char *const bases[] = {"gener", "commun", "arsen", "connect", "hop", "fizz",
                                        "sky", "news", "atlas", "succeed", "inn", "dy",
                                        "relat", "formal", "sensit", "happy", "agree", "bias"};
    static const char *const suffixes[] = {"", "s", "es", "ed", "ing", "ly", "ness", "ational",
                                           "ization", "fulness", "iveness", "ement", "ies",
                                           "ied", "eed", "eedly", "ingly", "ous", "ity", "ic"};
    tp_summary_terms t;
    ck_assert_int_eq(tp_summary_terms_init(&t), 0);
    struct sb_stemmer *utf8 = sb_stemmer_new("english", NULL);
    ck_assert_ptr_nonnull(utf8);
    for (size_t b = 0; b < sizeof bases / sizeof *bases; b++)
        for (size_t s = 0; s < sizeof suffixes / sizeof *suffixes; s++) {
            char word[64];
            int len = snprintf(word, sizeof word, "%s%s", bases[b], suffixes[s]);
            const char *stem;
            size_t stem_len;
            ck_assert_int_eq(tp_summary_terms_stem(&t, NULL, word, (size_t)len, &stem, &stem_len),
                             1);
            const sb_symbol *want = sb_stemmer_stem(utf8, (const sb_symbol *)word, len);
            ck_assert_msg((size_t)sb_stemmer_length(utf8) == stem_len &&
                              memcmp(want, stem, stem_len) == 0,
                          "%s: %.*s, want %.*s", word, (int)stem_len, stem,
                          sb_stemmer_length(utf8), (const char *)want);
        }
    sb_stemmer_delete(utf8);
    tp_summary_terms_free(&t);
}
END_TEST

START_TEST(terms_cache_gives_same_answers)
{
    tp_summary_terms t;
    tp_summary_strmap stop;
    tp_summary_strmap_init(&stop);
    ck_assert_int_eq(tp_summary_terms_init(&t), 0);
    ck_assert_int_eq(tp_summary_stopwords_parse(&stop, "the\n", 4), 0);
    const char *stem;
    size_t len;
    for (int round = 0; round < 3; round++) {
        ck_assert_int_eq(tp_summary_terms_stem(&t, &stop, "Running", 7, &stem, &len), 1);
        ck_assert_uint_eq(len, 3);
        ck_assert(memcmp(stem, "run", 3) == 0);
        ck_assert_int_eq(tp_summary_terms_stem(&t, &stop, "The", 3, &stem, &len), 0);
        ck_assert_int_eq(tp_summary_terms_stem(&t, &stop, "runs", 4, &stem, &len), 1);
        ck_assert(memcmp(stem, "run", 3) == 0);
    }
    ck_assert_uint_eq(t.stems.count, 1);
    tp_summary_terms_free(&t);
    tp_summary_strmap_free(&stop);
}
END_TEST

START_TEST(stopwords_file_parses)
{
    tp_summary_strmap stop;
    tp_summary_strmap_init(&stop);
    ck_assert_int_eq(tp_summary_stopwords_parse(&stop, "# c\nthe\n\n  and \r\n#x\n", 20), 0);
    ck_assert_uint_eq(stop.count, 2);
    ck_assert_int_ge(tp_summary_strmap_find(&stop, "and", 3), 0);
    tp_summary_strmap_free(&stop);
    tp_summary_strmap_init(&stop);
    ck_assert_int_eq(tp_summary_stopwords_parse(&stop, tp_summary_stopwords_data,
                                                tp_summary_stopwords_data_len),
                     0);
    ck_assert_uint_gt(stop.count, 200);
    ck_assert_int_lt(tp_summary_strmap_find(&stop, "#", 1), 0);
    tp_summary_strmap_free(&stop);
}
END_TEST

/* ---- vectors and cosine ------------------------------------------------------ */

/* Two sentences given as term lists (-1 ends), idf per term 0..3. */
static const struct {
    int a[6], b[6];
    double idf[4];
    double cosine;
} cosine_cases[] = {
    {{0, 1, -1}, {0, 1, -1}, {1, 1, 1, 1}, 1.0},
    {{0, 1, -1}, {2, 3, -1}, {1, 1, 1, 1}, 0.0},
    {{-1}, {0, 1, -1}, {1, 1, 1, 1}, 0.0},
    {{0, 1, -1}, {1, 2, -1}, {1, 1, 1, 1}, 0.5},
    {{0, 0, 1, -1}, {0, -1}, {1, 1, 1, 1}, 0.894427191}, /* (2,1).(1,0)/sqrt5 */
    {{0, 1, -1}, {1, 2, -1}, {1, 2, 1, 1}, 0.8},         /* (1,2).(2,1)/5 */
    {{1, 0, 1, 0, -1}, {0, 1, -1}, {1, 1, 1, 1}, 1.0},   /* order and counts */
    {{3, -1}, {3, 2, -1}, {1, 1, 0, 1}, 1.0},            /* zero idf ignores term 2 */
};

static void build(tp_summary_vectors *v, const int *a, const int *b, const double *idf)
{
    tp_summary_vectors_init(v);
    for (const int *p = a; *p >= 0; p++)
        ck_assert_int_eq(tp_summary_vectors_add(v, (uint32_t)*p), 0);
    ck_assert_int_eq(tp_summary_vectors_end_sentence(v), 0);
    for (const int *p = b; *p >= 0; p++)
        ck_assert_int_eq(tp_summary_vectors_add(v, (uint32_t)*p), 0);
    ck_assert_int_eq(tp_summary_vectors_end_sentence(v), 0);
    tp_summary_vectors_weight(v, idf);
}

START_TEST(cosine_table)
{
    tp_summary_vectors v;
    build(&v, cosine_cases[_i].a, cosine_cases[_i].b, cosine_cases[_i].idf);
    ck_assert_double_eq_tol(tp_summary_cosine(&v, 0, 1), cosine_cases[_i].cosine, EPS);
    ck_assert_double_eq_tol(tp_summary_cosine(&v, 1, 0), cosine_cases[_i].cosine, EPS);
    tp_summary_vectors_free(&v);
}
END_TEST

START_TEST(vectors_merge_counts_and_doc_freq)
{
    tp_summary_vectors v;
    static const int a[] = {2, 0, 2, -1}, b[] = {2, 1, -1};
    static const double idf[] = {1, 1, 1};
    build(&v, a, b, idf);
    ck_assert_uint_eq(v.count, 2);
    ck_assert_uint_eq(v.offsets[1] - v.offsets[0], 2); /* {0:1, 2:2} */
    ck_assert_uint_eq(v.entries[1].term, 2);
    ck_assert_double_eq_tol(v.entries[1].weight, 2.0, EPS);
    uint32_t df[3] = {0, 0, 0};
    tp_summary_vectors_doc_freq(&v, df, 3);
    ck_assert_uint_eq(df[0], 1);
    ck_assert_uint_eq(df[1], 1);
    ck_assert_uint_eq(df[2], 2);
    tp_summary_vectors_reset(&v);
    ck_assert_uint_eq(v.count, 0);
    ck_assert_int_eq(tp_summary_vectors_end_sentence(&v), 0);
    ck_assert_uint_eq(v.offsets[1], 0);
    tp_summary_vectors_free(&v);
}
END_TEST

START_TEST(idf_smooth_values)
{
    ck_assert_double_eq_tol(tp_summary_idf_smooth(9, 9), 1.0, EPS);
    ck_assert_double_eq_tol(tp_summary_idf_smooth(9, 0), log(10.0) + 1.0, EPS);
    ck_assert(tp_summary_idf_smooth(10, 1) > tp_summary_idf_smooth(10, 5));
}
END_TEST

/* ---- graph and power iteration ------------------------------------------------ */

#define D 0.85

START_TEST(graph_two_nodes_equal)
{
    float sim[] = {0, 0.7f, 0.7f, 0};
    double s[2], w[4];
    int it = tp_summary_graph_rank(sim, 2, 0.0, D, 1e-9, 100, NULL, s, w);
    ck_assert_int_ge(it, 1);
    ck_assert_double_eq_tol(s[0], 0.5, EPS);
    ck_assert_double_eq_tol(s[1], 0.5, EPS);
}
END_TEST

/* A star: the centre links both leaves. By hand, with the leaves' mass l and
 * the centre's c: c = (1-d)/3 + 2 d l and l = (1-d)/3 + d c / 2, so
 * c = (1 + 2d) / (3 (1 + d)) = 0.486486... and l = (1 - c) / 2. */
START_TEST(graph_star_by_hand)
{
    float sim[] = {0, 1, 1, 1, 0, 0, 1, 0, 0};
    double s[3], w[6];
    int it = tp_summary_graph_rank(sim, 3, 0.0, D, 1e-10, 500, NULL, s, w);
    double c = (1 + 2 * D) / (3 * (1 + D));
    ck_assert_int_lt(it, 500);
    ck_assert_double_eq_tol(s[0], c, 1e-7);
    ck_assert_double_eq_tol(s[1], (1 - c) / 2, 1e-7);
    ck_assert_double_eq_tol(s[2], (1 - c) / 2, 1e-7);
}
END_TEST

/* A weighted path a -2- b -1- c: b as the star's centre; a gets 2/3 of b's
 * out-flow, c 1/3: a = (1-d)/3 + d (2/3) b, c = (1-d)/3 + d (1/3) b. */
START_TEST(graph_weighted_path_by_hand)
{
    float sim[] = {0, 2, 0, 2, 0, 1, 0, 1, 0};
    double s[3], w[6];
    tp_summary_graph_rank(sim, 3, 0.0, D, 1e-10, 500, NULL, s, w);
    double b = (1 + 2 * D) / (3 * (1 + D));
    ck_assert_double_eq_tol(s[1], b, 1e-7);
    ck_assert_double_eq_tol(s[0], (1 - D) / 3 + D * 2.0 / 3.0 * b, 1e-7);
    ck_assert_double_eq_tol(s[2], (1 - D) / 3 + D * 1.0 / 3.0 * b, 1e-7);
    ck_assert_double_eq_tol(s[0] + s[1] + s[2], 1.0, 1e-9);
}
END_TEST

START_TEST(graph_no_edges_is_uniform)
{
    float sim[16] = {0};
    double s[4], w[8];
    int it = tp_summary_graph_rank(sim, 4, 0.0, D, 1e-9, 100, NULL, s, w);
    ck_assert_int_eq(it, 1);
    for (int i = 0; i < 4; i++)
        ck_assert_double_eq_tol(s[i], 0.25, EPS);
}
END_TEST

START_TEST(graph_lexrank_threshold)
{
    /* Below the threshold nothing links: uniform. At it, the star again. */
    float weak[] = {0, 0.05f, 0.05f, 0.05f, 0, 0, 0.05f, 0, 0};
    float star[] = {0, 0.1f, 0.3f, 0.1f, 0, 0, 0.3f, 0, 0};
    double s[3], w[6];
    tp_summary_graph_rank(weak, 3, 0.1, D, 1e-10, 500, NULL, s, w);
    ck_assert_double_eq_tol(s[0], 1.0 / 3, 1e-7);
    tp_summary_graph_rank(star, 3, 0.1, D, 1e-10, 500, NULL, s, w);
    ck_assert_double_eq_tol(s[0], (1 + 2 * D) / (3 * (1 + D)), 1e-7);
    ck_assert_double_eq_tol(s[1], s[2], 1e-9); /* weights do not count */
}
END_TEST

START_TEST(graph_stops_at_max_iterations)
{
    float sim[] = {0, 1, 1, 1, 0, 0, 1, 0, 0};
    double s[3], w[6];
    ck_assert_int_eq(tp_summary_graph_rank(sim, 3, 0.0, D, 0.0, 7, NULL, s, w), 7);
    ck_assert_double_eq_tol(s[0] + s[1] + s[2], 1.0, 1e-9);
}
END_TEST

/* Restarts by position: two linked nodes, every restart at node 0.
 * p0 = (1-d) + d p1 and p1 = d p0, so p0 = 1 / (1 + d), p1 = d / (1 + d). */
START_TEST(graph_teleport_by_hand)
{
    float sim[] = {0, 0.5f, 0.5f, 0};
    const double v[] = {1.0, 0.0};
    double s[2], w[4];
    tp_summary_graph_rank(sim, 2, 0.0, D, 1e-12, 1000, v, s, w);
    ck_assert_double_eq_tol(s[0], 1 / (1 + D), 1e-8);
    ck_assert_double_eq_tol(s[1], D / (1 + D), 1e-8);
}
END_TEST

/* Without edges the walk only restarts: the scores are the restart vector. */
START_TEST(graph_teleport_without_edges)
{
    float sim[9] = {0};
    const double v[] = {0.5, 0.3, 0.2};
    double s[3], w[6];
    tp_summary_graph_rank(sim, 3, 0.0, D, 1e-12, 1000, v, s, w);
    for (int i = 0; i < 3; i++)
        ck_assert_double_eq_tol(s[i], v[i], 1e-9);
}
END_TEST

START_TEST(teleport_mixture)
{
    const double prior[] = {1.0, 0.5, 0.5}, zero[] = {0, 0, 0};
    double v[3];
    tp_summary_teleport(prior, 3, 0.0, v);
    ck_assert_double_eq_tol(v[0], 1.0 / 3, EPS);
    tp_summary_teleport(prior, 3, 1.0, v);
    ck_assert_double_eq_tol(v[0], 0.5, EPS);
    ck_assert_double_eq_tol(v[1], 0.25, EPS);
    tp_summary_teleport(prior, 3, 0.5, v);
    ck_assert_double_eq_tol(v[0] + v[1] + v[2], 1.0, EPS);
    ck_assert_double_eq_tol(v[0], 0.5 / 3 + 0.25, EPS);
    tp_summary_teleport(zero, 3, 1.0, v);
    ck_assert_double_eq_tol(v[2], 1.0 / 3, EPS);
}
END_TEST

START_TEST(graph_degenerate_sizes)
{
    float one[] = {0};
    double s[1], w[2];
    ck_assert_int_eq(tp_summary_graph_rank(NULL, 0, 0.0, D, 1e-6, 100, NULL, s, w), 0);
    tp_summary_graph_rank(one, 1, 0.0, D, 1e-6, 100, NULL, s, w);
    ck_assert_double_eq_tol(s[0], 1.0, EPS);
}
END_TEST

/* ---- position prior and combination ------------------------------------------- */

START_TEST(prior_decreases_from_the_lead)
{
    ck_assert_double_eq_tol(tp_summary_position_prior(0), 1.0, EPS);
    ck_assert_double_eq_tol(tp_summary_position_prior(1), TP_SUMMARY_PRIOR_AFTER_LEAD, EPS);
    ck_assert_double_eq_tol(tp_summary_position_prior(3),
                            TP_SUMMARY_PRIOR_AFTER_LEAD * pow(2.0, -0.75), EPS);
    for (size_t r = 0; r < 50; r++)
        ck_assert(tp_summary_position_prior(r + 1) < tp_summary_position_prior(r));
    ck_assert(tp_summary_position_prior(1000) > 0.0);
}
END_TEST

static const struct {
    double w;
    double expect[3];
} combine_cases[] = {
    {0.0, {0.5, 1.0, 0.25}},
    {1.0, {1.0, 0.5, 0.25}},
    {0.5, {0.75, 0.75, 0.25}},
};

START_TEST(combine_table)
{
    const double c[] = {0.2, 0.4, 0.1}, prior[] = {1.0, 0.5, 0.25};
    double out[3];
    tp_summary_combine(c, prior, NULL, 3, combine_cases[_i].w, out);
    for (int i = 0; i < 3; i++)
        ck_assert_double_eq_tol(out[i], combine_cases[_i].expect[i], EPS);
}
END_TEST

START_TEST(combine_factor_and_flat_centrality)
{
    const double c[] = {0, 0, 0}, prior[] = {1.0, 0.5, 0.25}, factor[] = {0.3, 1, 1};
    double out[3];
    tp_summary_combine(c, prior, factor, 3, 0.0, out);
    ck_assert_double_eq_tol(out[0], 0.3, EPS);
    ck_assert_double_eq_tol(out[1], 1.0, EPS);
    tp_summary_combine(c, prior, NULL, 3, 2.0, out); /* clamped to 1 */
    ck_assert_double_eq_tol(out[1], 0.5, EPS);
}
END_TEST

/* ---- MMR ------------------------------------------------------------------------ */

/* 0 and 1 say nearly the same; 2 is different and a little weaker. */
static const float mmr_sim[] = {0, 0.7f, 0.1f, 0.1f, 0.7f, 0, 0.1f, 0.1f,
                                0.1f, 0.1f, 0, 0.1f, 0.1f, 0.1f, 0.1f, 0};
static const double mmr_score[] = {1.0, 0.95, 0.6, 0.5};
static float ov[4]; /* tp_summary_mmr's scratch */

START_TEST(mmr_without_redundancy_is_top_k)
{
    size_t p[4];
    ck_assert_uint_eq(tp_summary_mmr(mmr_score, mmr_sim, 4, NULL, 2, 0.0, ov, p), 2);
    ck_assert_uint_eq(p[0], 0);
    ck_assert_uint_eq(p[1], 1);
}
END_TEST

START_TEST(mmr_skips_near_duplicate)
{
    size_t p[4];
    ck_assert_uint_eq(tp_summary_mmr(mmr_score, mmr_sim, 4, NULL, 2, 0.5, ov, p), 2);
    ck_assert_uint_eq(p[0], 0);
    ck_assert_uint_eq(p[1], 2);
}
END_TEST

/* Copies (cosine >= TP_SUMMARY_DUPLICATE) are never picked twice, whatever
 * the trade-off. */
START_TEST(mmr_never_picks_a_copy)
{
    const float sim[] = {0, 0.99f, 0.1f, 0.99f, 0, 0.1f, 0.1f, 0.1f, 0};
    const double sc[] = {1.0, 1.0, 0.2};
    size_t p[3];
    ck_assert_uint_eq(tp_summary_mmr(sc, sim, 3, NULL, 3, 0.0, ov, p), 2);
    ck_assert_uint_eq(p[0], 0);
    ck_assert_uint_eq(p[1], 2);
}
END_TEST

START_TEST(mmr_respects_eligible)
{
    size_t p[4];
    const unsigned char el[] = {0, 1, 1, 1};
    ck_assert_uint_eq(tp_summary_mmr(mmr_score, mmr_sim, 4, el, 2, 0.3, ov, p), 2);
    ck_assert_uint_eq(p[0], 1);
    ck_assert_uint_eq(p[1], 2);
}
END_TEST

START_TEST(mmr_k_beyond_n_and_zero)
{
    size_t p[4];
    ck_assert_uint_eq(tp_summary_mmr(mmr_score, mmr_sim, 4, NULL, 10, 0.3, ov, p), 4);
    ck_assert_uint_eq(tp_summary_mmr(mmr_score, mmr_sim, 4, NULL, 0, 0.3, ov, p), 0);
    ck_assert_uint_eq(tp_summary_mmr(mmr_score, mmr_sim, 0, NULL, 3, 0.3, ov, p), 0);
}
END_TEST

START_TEST(mmr_ties_go_to_earlier)
{
    const double flat[] = {0.5, 0.5, 0.5};
    const float none[9] = {0};
    size_t p[3];
    ck_assert_uint_eq(tp_summary_mmr(flat, none, 3, NULL, 2, 0.3, ov, p), 2);
    ck_assert_uint_eq(p[0], 0);
    ck_assert_uint_eq(p[1], 1);
}
END_TEST

/* ---- ratio vs count --------------------------------------------------------------- */

static const struct {
    size_t candidates;
    long long count;
    double ratio;
    size_t expect;
} target_cases[] = {
    {10, 3, 0.0, 3}, {10, 3, 0.5, 5},  {10, 3, 0.04, 1}, {2, 3, 0.0, 2},
    {0, 3, 0.0, 0},  {10, 3, 1.0, 10}, {7, 3, 0.25, 2},  {0, 3, 0.5, 0},
};

START_TEST(target_table)
{
    ck_assert_uint_eq(tp_summary_target(target_cases[_i].candidates, target_cases[_i].count,
                                        target_cases[_i].ratio),
                      target_cases[_i].expect);
}
END_TEST

/* ---- IDF files --------------------------------------------------------------------- */

START_TEST(idf_parse_and_weight)
{
    tp_summary_idf idf;
    tp_error err = {0};
    const char *text = "# x\n@documents\t9\nclaxton\t1\nmedal\t9\n";
    ck_assert_int_eq(tp_summary_idf_parse(&idf, text, strlen(text), "t", &err), 0);
    ck_assert_double_eq_tol(idf.documents, 9, EPS);
    ck_assert_double_eq_tol(tp_summary_idf_weight(&idf, "medal", 5), 1.0, EPS);
    ck_assert_double_eq_tol(tp_summary_idf_weight(&idf, "claxton", 7), log(5.0) + 1, EPS);
    ck_assert_double_eq_tol(tp_summary_idf_weight(&idf, "unseen", 6), log(10.0) + 1, EPS);
    tp_summary_idf_free(&idf);
}
END_TEST

static const char *const bad_idf[] = {
    "claxton\t1\n",            /* no @documents */
    "@documents\t9\nclaxton\n", /* no count */
    "@documents\t9\nx\t-1\n",   /* not a count */
    "@documents\tmany\n",
};

START_TEST(idf_parse_errors)
{
    tp_summary_idf idf;
    tp_error err = {0};
    ck_assert_int_eq(tp_summary_idf_parse(&idf, bad_idf[_i], strlen(bad_idf[_i]), "f.tsv", &err),
                     TP_EPARSE);
    ck_assert_msg(strstr(err.message, "f.tsv") != NULL, "%s", err.message);
}
END_TEST

START_TEST(idf_builder_round_trip)
{
    tp_summary_idf_builder *b;
    ck_assert_int_eq(tp_summary_idf_builder_new(&b), 0);
    const char *docs[] = {"Medals and more medals for Claxton.", "A medal-winning run.",
                          "The hurdler's record fell."};
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(tp_summary_idf_builder_add_text(b, docs[i], strlen(docs[i])), 0);
    ck_assert_uint_eq(tp_summary_idf_builder_documents(b), 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tp_error err = {0};
    ck_assert_int_eq(tp_summary_idf_builder_write(b, f, 1, &err), 0);
    fclose(f);
    ck_assert_msg(strstr(buf, "@documents\t3\n") != NULL, "%s", buf);
    ck_assert_msg(strstr(buf, "\nmedal\t1\n") != NULL, "%s", buf); /* once per document */
    ck_assert_msg(strstr(buf, "\nhurdler\t1\n") != NULL, "%s", buf);
    tp_summary_idf idf;
    ck_assert_int_eq(tp_summary_idf_parse(&idf, buf, len, "mem", &err), 0);
    ck_assert_double_eq_tol(tp_summary_idf_weight(&idf, "claxton", 7), log(4.0 / 2.0) + 1, EPS);
    tp_summary_idf_free(&idf);
    free(buf);
    tp_summary_idf_builder_free(b);
}
END_TEST

START_TEST(idf_builder_merge)
{
    tp_summary_idf_builder *a, *b;
    ck_assert_int_eq(tp_summary_idf_builder_new(&a), 0);
    ck_assert_int_eq(tp_summary_idf_builder_new(&b), 0);
    ck_assert_int_eq(tp_summary_idf_builder_add_text(a, "Flood waters rise.", 18), 0);
    ck_assert_int_eq(tp_summary_idf_builder_add_text(b, "The flood.", 10), 0);
    ck_assert_int_eq(tp_summary_idf_builder_add_text(b, "Rain.", 5), 0);
    ck_assert_int_eq(tp_summary_idf_builder_merge(a, b), 0);
    ck_assert_uint_eq(tp_summary_idf_builder_documents(a), 3);
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    tp_error err = {0};
    ck_assert_int_eq(tp_summary_idf_builder_write(a, f, 2, &err), 0);
    fclose(f);
    ck_assert_msg(strstr(buf, "\nflood\t2\n") != NULL, "%s", buf);
    ck_assert_msg(strstr(buf, "rain") == NULL, "min_df not applied: %s", buf);
    free(buf);
    tp_summary_idf_builder_free(a);
    tp_summary_idf_builder_free(b);
}
END_TEST

START_TEST(idf_load_missing_file)
{
    tp_summary_idf idf;
    tp_error err = {0};
    ck_assert_int_eq(tp_summary_idf_load(&idf, "/nonexistent/x.idf", &err), TP_EIO);
    ck_assert(strstr(err.message, "/nonexistent/x.idf") != NULL);
}
END_TEST

/* ---- the plugin on text ------------------------------------------------------------- */

static th_harness *summary_harness(const char *const *opts)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    th_add(h, &tp_summary_plugin, opts);
    return h;
}

static size_t picked(const tp_doc *d, size_t *idx, size_t max)
{
    const tp_value *r = tp_doc_result(d, "summary");
    ck_assert_ptr_nonnull(r);
    const tp_value *s = tp_object_get(r, "sentences");
    ck_assert_uint_eq(tp_value_length(s), tp_value_length(tp_object_get(r, "scores")));
    size_t n = tp_value_length(s);
    for (size_t i = 0; i < n && i < max; i++)
        idx[i] = (size_t)tp_value_as_int(tp_array_get(s, i));
    return n;
}

static const char *summary_text(const tp_doc *d)
{
    return tp_value_as_string(tp_object_get(tp_doc_result(d, "summary"), "text"), NULL);
}

/* A short news story: a headline, a caption line, then the body. */
static const char story[] =
    "Storm floods the river valley\n"
    "\n"
    "Rescue boats on the flooded high street\n"
    "\n"
    "Heavy rain flooded the river valley overnight, forcing hundreds of families from "
    "their homes.\n"
    "Rescue teams used boats to reach families trapped by the flood water in the valley.\n"
    "The river rose two metres in six hours, the highest level recorded since 1953.\n"
    "Local schools will stay closed while engineers inspect the damaged bridges.\n"
    "\"We have never seen anything like it,\" said one resident.\n"
    "Forecasters expect more rain over the valley at the weekend, and flood warnings "
    "remain in place for the river.\n";

START_TEST(plugin_empty_document)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, "");
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 0);
    ck_assert_str_eq(summary_text(d), "");
    th_free(h);
}
END_TEST

START_TEST(plugin_whitespace_document)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, " \n\n\t\n");
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 0);
    th_free(h);
}
END_TEST

START_TEST(plugin_one_sentence)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, "The council approved the new budget for the city on Monday.");
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 1);
    ck_assert_uint_eq(idx[0], 0);
    ck_assert_str_eq(summary_text(d),
                     "The council approved the new budget for the city on Monday.");
    th_free(h);
}
END_TEST

START_TEST(plugin_one_short_sentence_still_summarised)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, "Rain again.");
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 1);
    th_free(h);
}
END_TEST

START_TEST(plugin_only_heading)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, "Storm floods the river valley\n\n");
    size_t idx[4], ns;
    const tp_sentence *s = tp_doc_sentences(d, &ns);
    size_t n = picked(d, idx, 4);
    for (size_t i = 0; i < n; i++)
        ck_assert(!(s[idx[i]].flags & TP_SENTF_HEADING));
    th_free(h);
}
END_TEST

START_TEST(plugin_excludes_heading_and_caption)
{
    th_harness *h = summary_harness((const char *[]){"sentences=6", NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[8], ns;
    const tp_sentence *s = tp_doc_sentences(d, &ns);
    size_t n = picked(d, idx, 8);
    ck_assert_uint_eq(n, 6);
    for (size_t i = 0; i < n; i++) {
        const char *t = th_sentence_text(h, idx[i]);
        ck_assert_msg(!(s[idx[i]].flags & TP_SENTF_HEADING), "picked heading: %s", t);
        ck_assert_msg(strncmp(t, "Storm floods", 12) != 0, "picked the headline");
        ck_assert_msg(strncmp(t, "Rescue boats on", 15) != 0, "picked the caption");
    }
    th_free(h);
}
END_TEST

START_TEST(plugin_default_three_in_document_order)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, story);
    size_t idx[8];
    ck_assert_uint_eq(picked(d, idx, 8), 3);
    ck_assert(idx[0] < idx[1] && idx[1] < idx[2]);
    const tp_value *sc = tp_object_get(tp_doc_result(d, "summary"), "scores");
    for (size_t i = 0; i < 3; i++)
        ck_assert(tp_value_as_number(tp_array_get(sc, i)) > 0.0);
    th_free(h);
}
END_TEST

START_TEST(plugin_lead_sentence_chosen)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, story);
    size_t idx[8];
    picked(d, idx, 8);
    ck_assert_msg(strncmp(th_sentence_text(h, idx[0]), "Heavy rain", 10) == 0, "first: %s",
                  th_sentence_text(h, idx[0]));
    th_free(h);
}
END_TEST

START_TEST(plugin_text_is_joined_sentences)
{
    th_harness *h = summary_harness((const char *[]){"sentences=2", NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 2);
    char first[512], expect[1024];
    snprintf(first, sizeof first, "%s", th_sentence_text(h, idx[0]));
    snprintf(expect, sizeof expect, "%s %s", first, th_sentence_text(h, idx[1]));
    ck_assert_str_eq(summary_text(d), expect);
    th_free(h);
}
END_TEST

static const struct {
    const char *opt;
    size_t expect;
} count_cases[] = {
    {"sentences=1", 1}, {"sentences=4", 4}, {"sentences=50", 6},
    {"ratio=0.5", 3},   {"ratio=0.01", 1},  {"ratio=1", 6},
};

START_TEST(plugin_ratio_vs_count)
{
    th_harness *h = summary_harness((const char *[]){count_cases[_i].opt, NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[8];
    ck_assert_uint_eq(picked(d, idx, 8), count_cases[_i].expect);
    th_free(h);
}
END_TEST

START_TEST(plugin_ratio_wins_over_sentences)
{
    th_harness *h = summary_harness((const char *[]){"sentences=1", "ratio=0.5", NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[8];
    ck_assert_uint_eq(picked(d, idx, 8), 3);
    th_free(h);
}
END_TEST

START_TEST(plugin_method_lead)
{
    th_harness *h = summary_harness((const char *[]){"method=lead", NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[8];
    ck_assert_uint_eq(picked(d, idx, 8), 3);
    ck_assert(strncmp(th_sentence_text(h, idx[0]), "Heavy rain", 10) == 0);
    ck_assert(strncmp(th_sentence_text(h, idx[1]), "Rescue teams", 12) == 0);
    ck_assert(strncmp(th_sentence_text(h, idx[2]), "The river rose", 14) == 0);
    th_free(h);
}
END_TEST

START_TEST(plugin_full_position_weight_is_lead)
{
    th_harness *h = summary_harness((const char *[]){"position_weight=1", "redundancy=0", NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[8];
    ck_assert_uint_eq(picked(d, idx, 8), 3);
    ck_assert(strncmp(th_sentence_text(h, idx[0]), "Heavy rain", 10) == 0);
    ck_assert(strncmp(th_sentence_text(h, idx[2]), "The river rose", 14) == 0);
    th_free(h);
}
END_TEST

/* The default is the lead of the body: the headline and a too-short
 * sentence are passed over, and the central sentences further down do not
 * displace the lead (human highlights reward the lead); position_weight 0.5
 * lets centrality in. */
static const char lead_story[] =
    "Council approves new tram line\n"
    "\n"
    "The city council approved a new tram line on Monday after two years of debate.\n"
    "\"It is a great day, a really great day for all of us here,\" she said.\n"
    "Work stops.\n"
    "The line will link the airport with the main station and the university.\n"
    "Building work is due to start in the spring and last three years.\n"
    "Critics of the tram line said the council ignored the cost of the tram line.\n"
    "Supporters said the tram line, the airport link and the station link justify the cost.\n"
    "The council said the tram line cost is covered by the airport, the station and the "
    "university.\n";

START_TEST(plugin_default_is_the_lead_minus_junk)
{
    th_harness *h = summary_harness((const char *[]){NULL});
    tp_doc *d = th_run(h, lead_story);
    size_t idx[8];
    ck_assert_uint_eq(picked(d, idx, 8), 3);
    ck_assert(strncmp(th_sentence_text(h, idx[0]), "The city council approved", 25) == 0);
    ck_assert_uint_eq(idx[1], 2); /* the quotation right after the lede */
    ck_assert(strncmp(th_sentence_text(h, idx[2]), "The line will link", 18) == 0);
    th_free(h);

    h = summary_harness((const char *[]){"position_weight=0.5", NULL});
    d = th_run(h, lead_story);
    ck_assert_uint_eq(picked(d, idx, 8), 3);
    bool central = false;
    for (size_t i = 0; i < 3; i++)
        central = central || idx[i] >= 6;
    ck_assert_msg(central, "position_weight 0.5 picked only lead sentences");
    th_free(h);
}
END_TEST

static const char *const methods[] = {"method=textrank", "method=lexrank", "method=lead"};

START_TEST(plugin_methods_run)
{
    th_harness *h = summary_harness((const char *[]){methods[_i], NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[8];
    ck_assert_uint_eq(picked(d, idx, 8), 3);
    th_free(h);
}
END_TEST

/* Centrality without position: the sentence sharing most with the others
 * wins even when it comes last. */
START_TEST(plugin_centrality_without_prior)
{
    static const char text[] =
        "The mayor opened a new library on Tuesday.\n"
        "Parking near the station costs more this year.\n"
        "A bakery in the old town won a national prize.\n"
        "The new library has books, computers and a cafe for readers.\n"
        "Readers praised the library books and the library cafe.\n"
        "The mayor said the library cafe and computers serve all readers.\n";
    th_harness *h =
        summary_harness((const char *[]){"position_weight=0", "sentences=1", "redundancy=0", NULL});
    tp_doc *d = th_run(h, text);
    size_t idx[2];
    ck_assert_uint_eq(picked(d, idx, 2), 1);
    ck_assert_msg(idx[0] >= 3, "picked %s", th_sentence_text(h, idx[0]));
    th_free(h);
}
END_TEST

/* The same sentence twice must not fill two of the three places. */
START_TEST(plugin_redundancy_removal)
{
    static const char text[] =
        "The central bank raised interest rates by half a point to fight inflation.\n"
        "The central bank raised interest rates by half a point to fight inflation.\n"
        "Mortgage holders will pay more each month as a result of the decision.\n"
        "Shares in banks rose after the announcement while house builders fell.\n"
        "Economists had expected a smaller rise in interest rates this month.\n";
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, text);
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 3);
    ck_assert_msg(!(idx[0] == 0 && idx[1] == 1), "both copies picked");
    th_free(h);
}
END_TEST

START_TEST(plugin_short_sentences_skipped)
{
    static const char text[] =
        "Officials confirmed the new rail line will open to passengers in March.\n"
        "Not now.\n"
        "The line links the airport with the city centre in twenty minutes.\n"
        "Tickets will cost the same as the existing bus service to the airport.\n";
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, text);
    size_t idx[4], n = picked(d, idx, 4);
    ck_assert_uint_eq(n, 3);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(strcmp(th_sentence_text(h, idx[i]), "Not now.") != 0, "short picked");
    th_free(h);
}
END_TEST

START_TEST(plugin_min_words_zero_allows_short)
{
    static const char text[] = "Officials confirmed the new rail line will open in March.\n"
                               "Not now.\n";
    th_harness *h = summary_harness((const char *[]){"min_sentence_words=0", NULL});
    tp_doc *d = th_run(h, text);
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 2);
    th_free(h);
}
END_TEST

START_TEST(plugin_quoted_sentence_penalised)
{
    /* Sentences 0 and 1 carry the same words; 0 is a quotation. */
    static const char text[] =
        "\"Our new striker from Lyon will score many goals for the club this season.\"\n"
        "Our new striker from Lyon will score many goals for the club this season.\n"
        "The club paid twelve million pounds to sign the striker from Lyon.\n";
    th_harness *h = summary_harness(
        (const char *[]){"sentences=1", "position_weight=0", "redundancy=0", NULL});
    tp_doc *d = th_run(h, text);
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 1);
    ck_assert_uint_eq(idx[0], 1);
    th_free(h);
}
END_TEST

START_TEST(plugin_idf_option)
{
    char path[512];
    snprintf(path, sizeof path, "idf=%s/plugins/summary/tests/data/tiny.idf", TPIPE_SOURCE_DIR);
    th_harness *h = summary_harness((const char *[]){path, NULL});
    tp_doc *d = th_run(h, story);
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 3);
    th_free(h);
}
END_TEST

START_TEST(plugin_same_result_twice)
{
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, story);
    char first[2048];
    snprintf(first, sizeof first, "%s", summary_text(d));
    th_run(h, "Something else entirely, to reuse the buffers in between.");
    d = th_run(h, story);
    ck_assert_str_eq(summary_text(d), first);
    th_free(h);
}
END_TEST

START_TEST(features_of_sentences)
{
    static const char text[] = "\"We won, and we deserved it,\" he said.\n"
                               "\"We won the cup, we deserved the cup and we will keep it.\"\n"
                               "Photo by the club\n";
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    tp_doc *d = th_run(h, text);
    size_t ns, nt;
    const tp_sentence *s = tp_doc_sentences(d, &ns);
    const tp_token *t = tp_doc_tokens(d, &nt);
    const char *dt = tp_doc_text(d, NULL);
    ck_assert_uint_eq(ns, 3);
    tp_summary_quote_state q = {false, UINT32_MAX};
    tp_summary_features f;
    /* 6 of 8 words quoted: not "mostly" (over 80%), so only length counts. */
    tp_summary_features_of(dt, t, &s[0], &q, &f);
    ck_assert_uint_eq(f.words, 8);
    ck_assert_uint_eq(f.quoted_words, 6);
    ck_assert(f.terminated);
    ck_assert_double_eq_tol(tp_summary_features_factor(&f), pow(8 / 40.0, 0.7), EPS);
    /* All quoted (the full stop inside the closing mark still ends it). */
    tp_summary_features_of(dt, t, &s[1], &q, &f);
    ck_assert_uint_eq(f.words, 13);
    ck_assert_uint_eq(f.quoted_words, 13);
    ck_assert(f.terminated);
    ck_assert_double_eq_tol(tp_summary_features_factor(&f), 0.8 * pow(13 / 40.0, 0.7), EPS);
    /* A caption: no final stop. */
    tp_summary_features_of(dt, t, &s[2], &q, &f);
    ck_assert(!f.terminated);
    ck_assert_double_eq_tol(tp_summary_features_factor(&f), 0.3 * pow(4 / 40.0, 0.7), EPS);
    th_free(h);
}
END_TEST

/* The wire story every pipeline must handle: three body sentences, none of
 * them a heading or caption. */
START_TEST(plugin_seed_article)
{
    const char *path = TPIPE_SOURCE_DIR "/../shared/data/seed/000_a475a7f59e90b448.txt";
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "test_summary: %s absent, skipping the seed article\n", path);
        return;
    }
    static char buf[1 << 16];
    size_t len = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[len] = '\0';
    th_harness *h = summary_harness(NULL);
    tp_doc *d = th_run(h, buf);
    size_t idx[4], ns;
    const tp_sentence *s = tp_doc_sentences(d, &ns);
    ck_assert_uint_eq(picked(d, idx, 4), 3);
    for (size_t i = 0; i < 3; i++)
        ck_assert(!(s[idx[i]].flags & TP_SENTF_HEADING));
    th_free(h);
}
END_TEST

/* ---- the fast paths give the reference answers, to the bit ---------------------- */

/* A small deterministic generator, so a failure reproduces. */
static uint32_t lcg(uint32_t *state)
{
    *state = *state * 1664525u + 1013904223u;
    return *state >> 8;
}

/* Words short and long, upper case, apostrophes, non-ASCII: the word cache
 * looked up by word key (as the plugin does with tp_doc_token_keys) answers
 * what a fresh cache does, over and over. */
static const char cache_text[] =
    "The Running hurdles,Championships internationalisation ab x 2004 said "
    "Claxton's don\xE2\x80\x99t \xC3\x89migr\xC3\xA9s connections RUNNING runs "
    "counter-revolutionaries Britain's THE isn't a1 Anti-Establishment DON'T";

START_TEST(terms_keyed_cache_agrees)
{
    tp_summary_terms cached;
    tp_summary_strmap stop;
    tp_summary_strmap_init(&stop);
    ck_assert_int_eq(tp_summary_stopwords_parse(&stop, tp_summary_stopwords_data,
                                                tp_summary_stopwords_data_len),
                     0);
    ck_assert_int_eq(tp_summary_terms_init(&cached), 0);
    size_t len = strlen(cache_text), distinct_stems = 0;
    for (int round = 0; round < 3; round++) {
        size_t i = 0;
        while (i < len) {
            while (i < len && (cache_text[i] == ' ' || cache_text[i] == ','))
                i++;
            size_t start = i;
            while (i < len && cache_text[i] != ' ' && cache_text[i] != ',')
                i++;
            if (start == i)
                continue;
            const char *word = cache_text + start, *stem;
            size_t word_len = i - start, stem_len;
            tp_summary_terms fresh;
            ck_assert_int_eq(tp_summary_terms_init(&fresh), 0);
            int want = tp_summary_terms_stem(&fresh, &stop, word, word_len, &stem, &stem_len);
            uint64_t key = tp_word_key(word, word_len);
            uint32_t id = 0;
            int got = tp_summary_terms_probe(&cached, key, &id);
            ck_assert(round == 0 || got >= 0);
            if (got < 0)
                got = tp_summary_terms_id_keyed(&cached, &stop, key, word, word_len, &id);
            ck_assert_msg(got == want, "%.*s: %d, want %d", (int)word_len, word, got, want);
            if (want == 1) {
                ck_assert_uint_eq(cached.stems.key_len[id], stem_len);
                ck_assert(memcmp(tp_summary_strmap_key(&cached.stems, id), stem, stem_len) == 0);
            }
            tp_summary_terms_free(&fresh);
        }
        if (round == 0)
            distinct_stems = cached.stems.count;
        ck_assert_uint_eq(cached.stems.count, distinct_stems);
    }
    tp_summary_terms_free(&cached);
    tp_summary_strmap_free(&stop);
}
END_TEST

/* Enough distinct words to make the cache grow several times: every one
 * is still found, with its stem. */
START_TEST(terms_cache_grows)
{
    tp_summary_terms t;
    ck_assert_int_eq(tp_summary_terms_init(&t), 0);
    char word[32];
    for (int round = 0; round < 2; round++)
        for (int k = 0; k < 20000; k++) {
            int n = snprintf(word, sizeof word, "Walk%dings", k);
            const char *stem;
            size_t stem_len;
            ck_assert_int_eq(tp_summary_terms_stem(&t, NULL, word, (size_t)n, &stem, &stem_len),
                             1);
            char want[32];
            int want_len = snprintf(want, sizeof want, "walk%d", k);
            ck_assert_uint_eq(stem_len, (size_t)want_len);
            ck_assert(memcmp(stem, want, stem_len) == 0);
        }
    ck_assert_uint_eq(t.words, 20000);
    ck_assert_uint_ge(t.slot_count, 20000 * 10 / 7);
    tp_summary_terms_free(&t);
}
END_TEST

/* The inverted-index similarity matrix equals the pairwise cosine, to the
 * bit, on random sentences (empty ones and zero idf included). */
START_TEST(similarity_matrix_is_pairwise_cosine)
{
    uint32_t seed = 12345u + (uint32_t)_i;
    size_t n = 1 + lcg(&seed) % 40, terms = 1 + lcg(&seed) % 60;
    tp_summary_vectors v;
    tp_summary_vectors_init(&v);
    double idf[64];
    for (size_t t = 0; t < terms; t++)
        idf[t] = lcg(&seed) % 7 == 0 ? 0.0 : 1.0 + (lcg(&seed) % 1000) / 250.0;
    for (size_t s = 0; s < n; s++) {
        size_t words = lcg(&seed) % 25;
        for (size_t w = 0; w < words; w++)
            ck_assert_int_eq(tp_summary_vectors_add(&v, lcg(&seed) % (uint32_t)terms), 0);
        ck_assert_int_eq(tp_summary_vectors_end_sentence(&v), 0);
    }
    tp_summary_vectors_weight(&v, idf);
    float *sim = malloc(n * n * sizeof *sim);
    ck_assert_int_eq(tp_summary_vectors_similarity(&v, terms, sim), 0);
    for (size_t a = 0; a < n; a++) {
        ck_assert(sim[a * n + a] == 0.0f);
        for (size_t b = a + 1; b < n; b++) {
            float want = (float)tp_summary_cosine(&v, a, b);
            ck_assert_msg(sim[a * n + b] == want && sim[b * n + a] == want, "%zu,%zu: %.9g %.9g",
                          a, b, (double)sim[a * n + b], (double)want);
        }
    }
    free(sim);
    tp_summary_vectors_free(&v);
}
END_TEST

/* The prepared walk equals the reference loop, to the bit: TextRank and
 * LexRank graphs, uniform and position restarts, isolated sentences. */
START_TEST(graph_fast_walk_is_reference)
{
    uint32_t seed = 777u + (uint32_t)_i;
    size_t n = 1 + lcg(&seed) % 45;
    float *sim = calloc(n * n, sizeof *sim);
    double *tel = malloc(n * sizeof *tel), *ref = malloc(n * sizeof *ref),
           *got = malloc(n * sizeof *got), *work = malloc(2 * n * sizeof *work);
    unsigned density = 1 + lcg(&seed) % 10;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (lcg(&seed) % 10 < density)
                sim[i * n + j] = sim[j * n + i] = (float)((lcg(&seed) % 1000) / 1000.0);
    double sum = 0.0;
    for (size_t i = 0; i < n; i++)
        sum += tel[i] = tp_summary_position_prior(i);
    for (size_t i = 0; i < n; i++)
        tel[i] /= sum;
    tp_summary_graph g;
    tp_summary_graph_init(&g);
    for (int variant = 0; variant < 4; variant++) {
        double threshold = variant & 1 ? 0.1 : 0.0;
        const double *v = variant & 2 ? tel : NULL;
        int it_ref = tp_summary_graph_rank(sim, n, threshold, D, 1e-6, 200, v, ref, work);
        ck_assert_int_eq(tp_summary_graph_build(&g, sim, n, threshold), 0);
        int it_got = tp_summary_graph_rank_fast(&g, D, 1e-6, 200, v, got);
        ck_assert_int_eq(it_got, it_ref);
        for (size_t i = 0; i < n; i++)
            ck_assert_msg(got[i] == ref[i], "n %zu variant %d node %zu: %.17g %.17g", n, variant,
                          i, got[i], ref[i]);
    }
    tp_summary_graph_free(&g);
    free(sim);
    free(tel);
    free(ref);
    free(got);
    free(work);
}
END_TEST

/* The looked-up length factor is the computed one. */
START_TEST(features_factor_table_is_pow)
{
    double table[TP_SUMMARY_LENGTH_FULL];
    tp_summary_features_length_table(table);
    for (unsigned w = 0; w < 60; w++)
        for (int flags = 0; flags < 4; flags++) {
            tp_summary_features f = {w, flags & 1 ? w : 0, (flags & 2) != 0};
            ck_assert(tp_summary_features_factor_with(&f, table) ==
                      tp_summary_features_factor(&f));
        }
}
END_TEST

/* Many documents through one worker, with the word cache trimmed between
 * them as the plugin does: the same answers as a fresh worker. */
START_TEST(plugin_many_documents_same_answers)
{
    th_harness *h = summary_harness(NULL);
    th_harness *fresh;
    char buf[512];
    for (int k = 0; k < 40; k++) {
        int len = snprintf(buf, sizeof buf,
                           "Item%d rose sharply in early trading on Monday, dealers said. "
                           "Shares of Item%d fell %d points after the results were published. "
                           "Analysts expect the Item%d market to recover later in the year. "
                           "The company plans to expand into %d new markets next spring.",
                           k, k * 7, k, k * 3, k % 5);
        ck_assert_int_lt(len, (int)sizeof buf);
        fresh = summary_harness(NULL);
        tp_doc *d1 = th_run(h, buf);
        const char *t1 = summary_text(d1);
        char keep[512];
        snprintf(keep, sizeof keep, "%s", t1);
        tp_doc *d2 = th_run(fresh, buf);
        ck_assert_str_eq(keep, summary_text(d2));
        th_free(fresh);
    }
    th_free(h);
}
END_TEST

/* A document with more words than one batch of the word look-up (4096):
 * the batches join up, so the result does not depend on where they end. */
START_TEST(plugin_long_document_batches)
{
    size_t cap = 400 * 200, len = 0;
    char *buf = malloc(cap);
    uint32_t seed = 99;
    for (int k = 0; k < 400; k++) {
        len += (size_t)snprintf(buf + len, cap - len, "Report");
        for (int w = 0; w < 14; w++)
            len += (size_t)snprintf(buf + len, cap - len, " word%u", lcg(&seed) % 300);
        len += (size_t)snprintf(buf + len, cap - len, ". ");
    }
    th_harness *h = summary_harness(NULL), *h2 = summary_harness((const char *[]){"ratio=1", NULL});
    tp_doc *d = th_run(h, buf);
    size_t idx[4];
    ck_assert_uint_eq(picked(d, idx, 4), 3);
    char first[4096];
    snprintf(first, sizeof first, "%s", summary_text(d));
    ck_assert_str_eq(summary_text(th_run(h, buf)), first);
    tp_doc *all = th_run(h2, buf);
    ck_assert_uint_eq(tp_value_length(tp_object_get(tp_doc_result(all, "summary"), "sentences")),
                      400);
    th_free(h);
    th_free(h2);
    free(buf);
}
END_TEST

static Suite *summary_suite(void)
{
    Suite *s = suite_create("summary");
    TCase *tc;

    tc = tcase_create("strmap");
    tcase_add_test(tc, strmap_intern_and_find);
    tcase_add_test(tc, strmap_grows_and_clears);
    suite_add_tcase(s, tc);

    tc = tcase_create("terms");
    tcase_add_loop_test(tc, terms_table, 0, sizeof term_cases / sizeof term_cases[0]);
    tcase_add_test(tc, terms_cache_gives_same_answers);
    tcase_add_test(tc, terms_ascii_stemmer_agrees_with_utf8);
    tcase_add_test(tc, stopwords_file_parses);
    tcase_add_test(tc, terms_keyed_cache_agrees);
    tcase_add_test(tc, terms_cache_grows);
    suite_add_tcase(s, tc);

    tc = tcase_create("similarity");
    tcase_add_loop_test(tc, cosine_table, 0, sizeof cosine_cases / sizeof cosine_cases[0]);
    tcase_add_test(tc, vectors_merge_counts_and_doc_freq);
    tcase_add_test(tc, idf_smooth_values);
    tcase_add_loop_test(tc, similarity_matrix_is_pairwise_cosine, 0, 20);
    suite_add_tcase(s, tc);

    tc = tcase_create("graph");
    tcase_add_test(tc, graph_two_nodes_equal);
    tcase_add_test(tc, graph_star_by_hand);
    tcase_add_test(tc, graph_weighted_path_by_hand);
    tcase_add_test(tc, graph_no_edges_is_uniform);
    tcase_add_test(tc, graph_lexrank_threshold);
    tcase_add_test(tc, graph_stops_at_max_iterations);
    tcase_add_loop_test(tc, graph_fast_walk_is_reference, 0, 20);
    tcase_add_test(tc, graph_degenerate_sizes);
    tcase_add_test(tc, graph_teleport_by_hand);
    tcase_add_test(tc, graph_teleport_without_edges);
    suite_add_tcase(s, tc);

    tc = tcase_create("position");
    tcase_add_test(tc, prior_decreases_from_the_lead);
    tcase_add_test(tc, teleport_mixture);
    tcase_add_loop_test(tc, combine_table, 0, sizeof combine_cases / sizeof combine_cases[0]);
    tcase_add_test(tc, combine_factor_and_flat_centrality);
    suite_add_tcase(s, tc);

    tc = tcase_create("mmr");
    tcase_add_test(tc, mmr_without_redundancy_is_top_k);
    tcase_add_test(tc, mmr_skips_near_duplicate);
    tcase_add_test(tc, mmr_never_picks_a_copy);
    tcase_add_test(tc, mmr_respects_eligible);
    tcase_add_test(tc, mmr_k_beyond_n_and_zero);
    tcase_add_test(tc, mmr_ties_go_to_earlier);
    suite_add_tcase(s, tc);

    tc = tcase_create("ratio_vs_count");
    tcase_add_loop_test(tc, target_table, 0, sizeof target_cases / sizeof target_cases[0]);
    tcase_add_loop_test(tc, plugin_ratio_vs_count, 0, sizeof count_cases / sizeof count_cases[0]);
    tcase_add_test(tc, plugin_ratio_wins_over_sentences);
    suite_add_tcase(s, tc);

    tc = tcase_create("idf_file");
    tcase_add_test(tc, idf_parse_and_weight);
    tcase_add_loop_test(tc, idf_parse_errors, 0, sizeof bad_idf / sizeof bad_idf[0]);
    tcase_add_test(tc, idf_builder_round_trip);
    tcase_add_test(tc, idf_builder_merge);
    tcase_add_test(tc, idf_load_missing_file);
    tcase_add_test(tc, plugin_idf_option);
    suite_add_tcase(s, tc);

    tc = tcase_create("edge_documents");
    tcase_add_test(tc, plugin_empty_document);
    tcase_add_test(tc, plugin_whitespace_document);
    tcase_add_test(tc, plugin_one_sentence);
    tcase_add_test(tc, plugin_one_short_sentence_still_summarised);
    tcase_add_test(tc, plugin_only_heading);
    suite_add_tcase(s, tc);

    tc = tcase_create("selection");
    tcase_add_test(tc, features_of_sentences);
    tcase_add_test(tc, features_factor_table_is_pow);
    tcase_add_test(tc, plugin_many_documents_same_answers);
    tcase_add_test(tc, plugin_long_document_batches);
    tcase_add_test(tc, plugin_excludes_heading_and_caption);
    tcase_add_test(tc, plugin_default_three_in_document_order);
    tcase_add_test(tc, plugin_lead_sentence_chosen);
    tcase_add_test(tc, plugin_text_is_joined_sentences);
    tcase_add_test(tc, plugin_method_lead);
    tcase_add_test(tc, plugin_full_position_weight_is_lead);
    tcase_add_test(tc, plugin_default_is_the_lead_minus_junk);
    tcase_add_loop_test(tc, plugin_methods_run, 0, sizeof methods / sizeof methods[0]);
    tcase_add_test(tc, plugin_centrality_without_prior);
    tcase_add_test(tc, plugin_redundancy_removal);
    tcase_add_test(tc, plugin_short_sentences_skipped);
    tcase_add_test(tc, plugin_min_words_zero_allows_short);
    tcase_add_test(tc, plugin_quoted_sentence_penalised);
    tcase_add_test(tc, plugin_same_result_twice);
    tcase_add_test(tc, plugin_seed_article);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(summary_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
