/* summary.c - the summary plugin: extractive summaries by sentence
 * centrality (TextRank / LexRank on TF-IDF cosine), a position prior,
 * penalties for headings, captions, short and quoted sentences, and MMR.
 * See README.md for the method and the options. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "summary_features.h"
#include "summary_graph.h"
#include "summary_idf.h"
#include "summary_select.h"
#include "summary_strmap.h"
#include "summary_terms.h"
#include "summary_vec.h"

extern const char tp_summary_stopwords_data[];
extern const unsigned long tp_summary_stopwords_data_len;

/* The graph is dense (n^2 floats): beyond this many body sentences only the
 * first ones are considered, which bounds memory at 16 MB per worker. */
#define MAX_GRAPH_SENTENCES 2000
#define DAMPING 0.85
#define TOLERANCE 1e-6
#define MAX_ITERATIONS 200
#define LEXRANK_THRESHOLD 0.1

typedef enum method { METHOD_TEXTRANK, METHOD_LEXRANK, METHOD_LEAD } method;

typedef struct shared {
    tp_summary_strmap stop;
    tp_summary_idf idf;
    bool has_idf;
    method method;
    long long sentences;
    double ratio; /* 0: use `sentences` */
    double position_weight;
    double redundancy;
    unsigned min_words;
} shared;

/* Per worker: the stemmer and buffers reused across documents. */
typedef struct instance {
    const shared *sh;
    tp_summary_terms terms;
    tp_summary_strmap dict; /* this document's terms -> id */
    tp_summary_vectors vec;
    size_t cap; /* candidates the arrays below hold */
    uint32_t *cand;  /* candidate -> sentence index */
    tp_summary_features *feat;
    double *idf, *centrality, *prior, *factor, *combined, *work;
    uint32_t *df;
    size_t term_cap;
    unsigned char *eligible;
    size_t *picked;
    float *sim;
    size_t sim_cap;
} instance;

static const char *const requires_caps[] = {"tokens", "sentences", NULL};
static const char *const provides_caps[] = {"doc:summary", NULL};

/* Designated initializers: the struct grows at its end within an ABI major. */
static const tp_option_spec options[] = {
    {.name = "sentences", .type = TP_OPT_INT, .default_value = "3", .range = "1..",
     .help = "number of sentences in the summary"},
    {.name = "ratio", .type = TP_OPT_NUMBER, .range = "0..1",
     .help = "fraction of the body sentences to keep instead of a count (wins over sentences)"},
    {.name = "method", .type = TP_OPT_ENUM, .default_value = "textrank",
     .choices = "textrank|lexrank|lead",
     .help = "centrality: weighted cosine graph, thresholded graph, or the first sentences"},
    {.name = "position_weight", .type = TP_OPT_NUMBER, .default_value = "0.5", .range = "0..1",
     .help = "0: centrality only; 0.5: random walk restarts by position; 1: position only"},
    {.name = "redundancy", .type = TP_OPT_NUMBER, .default_value = "0.1", .range = "0..1",
     .help = "MMR trade-off: how much similarity to already chosen sentences costs"},
    {.name = "min_sentence_words", .type = TP_OPT_INT, .default_value = "5", .range = "0..",
     .help = "sentences with fewer words are picked only when nothing else is left"},
    {.name = "idf", .type = TP_OPT_PATH,
     .help = "corpus document-frequency file (`tpipe idf`); default: IDF from the document"},
    {.name = NULL},
};

static int summary_load(const tp_config *config, void **out, tp_error *err)
{
    shared *sh = calloc(1, sizeof *sh);
    if (!sh)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    tp_summary_strmap_init(&sh->stop);
    if (tp_summary_stopwords_parse(&sh->stop, tp_summary_stopwords_data,
                                   tp_summary_stopwords_data_len) < 0) {
        tp_summary_strmap_free(&sh->stop);
        free(sh);
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    }
    const char *m = tp_config_string(config, "method");
    sh->method = m && strcmp(m, "lexrank") == 0 ? METHOD_LEXRANK
                 : m && strcmp(m, "lead") == 0  ? METHOD_LEAD
                                                : METHOD_TEXTRANK;
    sh->sentences = tp_config_int(config, "sentences");
    sh->ratio = tp_config_is_set(config, "ratio") ? tp_config_number(config, "ratio") : 0.0;
    sh->position_weight = tp_config_number(config, "position_weight");
    sh->redundancy = tp_config_number(config, "redundancy");
    int64_t mw = tp_config_int(config, "min_sentence_words");
    sh->min_words = mw < 0 ? 0 : mw > 1000 ? 1000 : (unsigned)mw;
    const char *idf = tp_config_string(config, "idf");
    if (idf) {
        int rc = tp_summary_idf_load(&sh->idf, idf, err);
        if (rc < 0) {
            tp_summary_strmap_free(&sh->stop);
            free(sh);
            return rc == TP_ENOMEM ? rc : TP_ECONFIG;
        }
        sh->has_idf = true;
    }
    *out = sh;
    return 0;
}

static void summary_unload(void *p)
{
    shared *sh = p;
    if (!sh)
        return;
    tp_summary_strmap_free(&sh->stop);
    if (sh->has_idf)
        tp_summary_idf_free(&sh->idf);
    free(sh);
}

static void instance_free(instance *in)
{
    tp_summary_terms_free(&in->terms);
    tp_summary_strmap_free(&in->dict);
    tp_summary_vectors_free(&in->vec);
    free(in->cand);
    free(in->feat);
    free(in->idf);
    free(in->centrality);
    free(in->prior);
    free(in->factor);
    free(in->combined);
    free(in->work);
    free(in->df);
    free(in->eligible);
    free(in->picked);
    free(in->sim);
    free(in);
}

static int summary_create(void *sh, const tp_config *config, void **out, tp_error *err)
{
    instance *in = calloc(1, sizeof *in);
    if (!in)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    in->sh = sh;
    tp_summary_strmap_init(&in->dict);
    tp_summary_vectors_init(&in->vec);
    if (tp_summary_terms_init(&in->terms) < 0) {
        instance_free(in);
        return tp_error_set(err, TP_EFATAL, "cannot create the Snowball English stemmer");
    }
    *out = in;
    return 0;
}

static void summary_destroy(void *p)
{
    if (p)
        instance_free(p);
}

#define GROW(ptr, n)                                                                           \
    do {                                                                                       \
        void *np_ = realloc((ptr), (n) * sizeof *(ptr));                                       \
        if (!np_)                                                                              \
            return TP_ENOMEM;                                                                  \
        (ptr) = np_;                                                                           \
    } while (0)

static int reserve(instance *in, size_t n)
{
    if (n > in->cap) {
        size_t c = in->cap ? in->cap : 64;
        while (c < n)
            c *= 2;
        GROW(in->cand, c);
        GROW(in->feat, c);
        GROW(in->centrality, c);
        GROW(in->prior, c);
        GROW(in->factor, c);
        GROW(in->combined, c);
        GROW(in->work, 2 * c);
        GROW(in->eligible, c);
        GROW(in->picked, c);
        in->cap = c;
    }
    if (n * n > in->sim_cap) {
        GROW(in->sim, n * n);
        in->sim_cap = n * n;
    }
    return 0;
}

static int reserve_terms(instance *in, size_t n)
{
    if (n > in->term_cap) {
        size_t c = in->term_cap ? in->term_cap : 1024;
        while (c < n)
            c *= 2;
        GROW(in->idf, c);
        GROW(in->df, c);
        in->term_cap = c;
    }
    return 0;
}

/* Builds the candidates' term vectors and features. */
/* Adds the terms of sentence `s` as the next vector. */
static int add_vector(instance *in, const char *text, const tp_token *toks, const tp_sentence *s)
{
    for (uint32_t t = s->tok_start; t < s->tok_end; t++) {
        if (toks[t].kind != TP_TOK_WORD || (toks[t].flags & TP_TOKF_CLITIC))
            continue;
        const char *stem;
        size_t stem_len, entry;
        int rc = tp_summary_terms_stem(&in->terms, &in->sh->stop, text + toks[t].start,
                                       toks[t].end - toks[t].start, &stem, &stem_len);
        if (rc < 0)
            return rc;
        if (rc == 0)
            continue;
        if (tp_summary_strmap_intern(&in->dict, stem, stem_len, 0, &entry, NULL) < 0 ||
            tp_summary_vectors_add(&in->vec, (uint32_t)entry) < 0)
            return TP_ENOMEM;
    }
    return tp_summary_vectors_end_sentence(&in->vec);
}

/* Builds the candidates' term vectors and features. Headings (the title
 * included) are left out of the graph altogether. */
static int read_sentences(instance *in, const char *text, const tp_token *toks,
                          const tp_sentence *sents, size_t ns, size_t *count)
{
    tp_summary_quote_state quote = {false, UINT32_MAX};
    size_t n = 0;
    for (size_t i = 0; i < ns; i++) {
        tp_summary_features f;
        tp_summary_features_of(text, toks, &sents[i], &quote, &f);
        if ((sents[i].flags & (TP_SENTF_HEADING | TP_SENTF_TITLE)) || n >= MAX_GRAPH_SENTENCES)
            continue;
        in->cand[n] = (uint32_t)i;
        in->feat[n] = f;
        int rc = add_vector(in, text, toks, &sents[i]);
        if (rc < 0)
            return rc;
        n++;
    }
    *count = n;
    return 0;
}

static int compute_idf(instance *in, size_t n)
{
    size_t terms = in->dict.count;
    if (reserve_terms(in, terms ? terms : 1) < 0)
        return TP_ENOMEM;
    if (in->sh->has_idf) {
        for (size_t t = 0; t < terms; t++)
            in->idf[t] = tp_summary_idf_weight(&in->sh->idf, tp_summary_strmap_key(&in->dict, t),
                                               in->dict.key_len[t]);
        return 0;
    }
    memset(in->df, 0, terms * sizeof *in->df);
    tp_summary_vectors_doc_freq(&in->vec, in->df, terms);
    for (size_t t = 0; t < terms; t++)
        in->idf[t] = tp_summary_idf_smooth((double)n, in->df[t]);
    return 0;
}

static void score(instance *in, size_t n)
{
    const shared *sh = in->sh;
    for (size_t i = 0; i < n; i++) {
        in->sim[i * n + i] = 0.0f;
        for (size_t j = i + 1; j < n; j++) {
            float c = (float)tp_summary_cosine(&in->vec, i, j);
            in->sim[i * n + j] = c;
            in->sim[j * n + i] = c;
        }
    }
    if (sh->method == METHOD_LEAD) {
        for (size_t i = 0; i < n; i++)
            in->combined[i] = 1.0 / (double)(i + 1);
        return;
    }
    /* position_weight w: up to 0.5 it moves the walk's restarts from uniform
     * to the position prior (personalised PageRank: centrality as seen from
     * the lead); beyond 0.5 the prior also enters the final score, until at
     * 1 position alone decides. */
    double w = sh->position_weight;
    double restart = w >= 0.5 ? 1.0 : 2.0 * w, direct = w <= 0.5 ? 0.0 : 2.0 * w - 1.0;
    for (size_t i = 0; i < n; i++) {
        in->prior[i] = tp_summary_position_prior(i);
        in->factor[i] = tp_summary_features_factor(&in->feat[i]);
    }
    tp_summary_teleport(in->prior, n, restart, in->combined);
    tp_summary_graph_rank(in->sim, n, sh->method == METHOD_LEXRANK ? LEXRANK_THRESHOLD : 0.0,
                          DAMPING, TOLERANCE, MAX_ITERATIONS, in->combined, in->centrality,
                          in->work);
    tp_summary_combine(in->centrality, in->prior, in->factor, n, direct, in->combined);
}

static int by_value(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static int write_result(instance *in, tp_doc *doc, const tp_sentence *sents, size_t k)
{
    const char *text = tp_doc_text(doc, NULL);
    tp_value *obj = tp_value_object(doc), *idx = tp_value_array(doc),
             *scores = tp_value_array(doc);
    size_t total = 0;
    for (size_t p = 0; p < k; p++) {
        const tp_sentence *s = &sents[in->cand[in->picked[p]]];
        total += s->end - s->start + 1;
    }
    char *joined = tp_doc_alloc(doc, total + 1);
    if (!obj || !idx || !scores || !joined)
        return TP_ENOMEM;
    size_t len = 0;
    int rc = 0;
    for (size_t p = 0; p < k; p++) {
        size_t c = in->picked[p];
        const tp_sentence *s = &sents[in->cand[c]];
        if (len)
            joined[len++] = ' ';
        memcpy(joined + len, text + s->start, s->end - s->start);
        len += s->end - s->start;
        /* Four decimals: enough to compare, stable across platforms. */
        double sc = floor(in->combined[c] * 10000.0 + 0.5) / 10000.0;
        rc |= tp_array_push(doc, idx, tp_value_int(doc, in->cand[c]));
        rc |= tp_array_push(doc, scores, tp_value_number(doc, sc));
    }
    joined[len] = '\0';
    rc |= tp_object_set(doc, obj, "sentences", idx);
    rc |= tp_object_set(doc, obj, "scores", scores);
    rc |= tp_object_set(doc, obj, "text", tp_value_stringn(doc, joined, len));
    if (rc)
        return TP_ENOMEM;
    return tp_doc_set_result(doc, "summary", obj);
}

static int summary_process(void *p, tp_doc *doc, tp_error *err)
{
    instance *in = p;
    const shared *sh = in->sh;
    size_t ns = 0, nt = 0, n = 0;
    const tp_sentence *sents = tp_doc_sentences(doc, &ns);
    const tp_token *toks = tp_doc_tokens(doc, &nt);
    const char *text = tp_doc_text(doc, NULL);
    tp_summary_strmap_clear(&in->dict);
    tp_summary_vectors_reset(&in->vec);
    size_t want = ns < MAX_GRAPH_SENTENCES ? ns : MAX_GRAPH_SENTENCES;
    int rc = reserve(in, want ? want : 1);
    if (rc == 0)
        rc = read_sentences(in, text, toks, sents, ns, &n);
    if (rc == 0)
        rc = compute_idf(in, n);
    if (rc < 0)
        return tp_error_set(err, TP_EDOC, "summary: out of memory");
    tp_summary_vectors_weight(&in->vec, in->idf);
    score(in, n);

    /* Short sentences are picked only when nothing else is left. */
    size_t long_enough = 0;
    for (size_t i = 0; i < n; i++) {
        in->eligible[i] = in->feat[i].words >= sh->min_words && in->feat[i].words > 0;
        long_enough += in->eligible[i];
    }
    if (long_enough == 0)
        for (size_t i = 0; i < n; i++) {
            in->eligible[i] = in->feat[i].words > 0;
            long_enough += in->eligible[i];
        }
    size_t k = tp_summary_target(long_enough, sh->sentences, sh->ratio);
    size_t picked;
    if (sh->method == METHOD_LEAD) {
        picked = 0;
        for (size_t i = 0; i < n && picked < k; i++)
            if (in->eligible[i])
                in->picked[picked++] = i;
    } else {
        picked = tp_summary_mmr(in->combined, in->sim, n, in->eligible, k, sh->redundancy,
                                in->picked);
    }
    qsort(in->picked, picked, sizeof *in->picked, by_value);
    if (write_result(in, doc, sents, picked) < 0)
        return tp_error_set(err, TP_EDOC, "summary: out of memory");
    return 0;
}

const tp_plugin tp_summary_plugin = {
    TP_PLUGIN_INIT,
    .name = "summary",
    .version = "1.0.0",
    .description = "Extractive summary: sentence centrality with a position prior and MMR",
    .license = "MIT",
    .requires = requires_caps,
    .provides = provides_caps,
    .options = options,
    .load = summary_load,
    .create = summary_create,
    .process = summary_process,
    .destroy = summary_destroy,
    .unload = summary_unload,
};
