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
    /* Computed once: no pow() per sentence. */
    double prior[MAX_GRAPH_SENTENCES];
    double length_factor[TP_SUMMARY_LENGTH_FULL];
} shared;

/* Per worker: the stemmer and buffers reused across documents, so that a
 * document allocates nothing once the worker has seen a larger one. */
typedef struct instance {
    const shared *sh;
    tp_summary_terms terms; /* word -> stem id, cached for the worker's life */
    tp_summary_vectors vec;
    tp_summary_graph graph;
    uint32_t gen; /* the document's number: marks below equal to it are current */
    /* Per stem id (the worker's terms): the document's term id when
     * stamp == gen (one struct: one cache line to load), and the corpus
     * idf weight when cidf_ok. */
    struct mark {
        uint32_t stamp, local;
    } *mark;
    double *cidf;
    unsigned char *cidf_ok;
    size_t stem_cap;
    /* A batch of words on their way to term ids (see read_sentences): their
     * tokens, then the stem ids of those that count. */
    uint32_t *word_tok, *word_stem;
    size_t word_cap;
    /* Per term of the document: its stem id, document frequency, weight. */
    size_t term_count;
    uint32_t *stem_of;
    uint32_t *df;
    double *idf;
    size_t term_cap;
    size_t cap; /* candidates the arrays below hold */
    uint32_t *cand;  /* candidate -> sentence index */
    uint32_t *cand_words; /* cap + 1: where each candidate's words start in its batch */
    uint32_t *cand_stems; /* cap + 1: where its stem ids start */
    tp_summary_features *feat;
    double *centrality, *factor, *combined;
    /* In-document idf by document frequency (df <= candidates), valid
     * when df_stamp == gen: a log() per distinct df, not per term. */
    double *idf_by_df;
    uint32_t *df_stamp;
    unsigned char *eligible;
    float *overlap; /* scratch of tp_summary_mmr */
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
    {.name = "position_weight", .type = TP_OPT_NUMBER, .default_value = "1", .range = "0..1",
     .help = "1: the lead, minus headings, captions, short, quote-heavy and repeated sentences "
             "(what human-written news highlights reward); 0.5: centrality seen from the lead "
             "(machine-selected references); 0: centrality only"},
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
    for (size_t r = 0; r < MAX_GRAPH_SENTENCES; r++)
        sh->prior[r] = tp_summary_position_prior(r);
    tp_summary_features_length_table(sh->length_factor);
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
    tp_summary_vectors_free(&in->vec);
    tp_summary_graph_free(&in->graph);
    free(in->mark);
    free(in->word_tok);
    free(in->word_stem);
    free(in->cidf);
    free(in->cidf_ok);
    free(in->stem_of);
    free(in->df);
    free(in->idf);
    free(in->cand);
    free(in->cand_words);
    free(in->cand_stems);
    free(in->feat);
    free(in->centrality);
    free(in->factor);
    free(in->combined);
    free(in->idf_by_df);
    free(in->df_stamp);
    free(in->eligible);
    free(in->overlap);
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
    tp_summary_vectors_init(&in->vec);
    tp_summary_graph_init(&in->graph);
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
        GROW(in->cand_words, c + 1);
        GROW(in->cand_stems, c + 1);
        GROW(in->feat, c);
        GROW(in->centrality, c);
        GROW(in->factor, c);
        GROW(in->combined, c);
        GROW(in->idf_by_df, c + 1);
        GROW(in->df_stamp, c + 1);
        memset(in->df_stamp, 0, (c + 1) * sizeof *in->df_stamp);
        GROW(in->eligible, c);
        GROW(in->overlap, c);
        GROW(in->picked, c);
        in->cap = c;
    }
    if (n * n > in->sim_cap) {
        GROW(in->sim, n * n);
        in->sim_cap = n * n;
    }
    return 0;
}

/* Room for one more document term. */
static int reserve_terms(instance *in)
{
    if (in->term_count < in->term_cap)
        return 0;
    size_t c = in->term_cap ? in->term_cap * 2 : 1024;
    GROW(in->stem_of, c);
    GROW(in->df, c);
    GROW(in->idf, c);
    in->term_cap = c;
    return 0;
}

/* Room for the worker's stem `id` (ids grow from 0 as words are first
 * stemmed); new slots are unmarked. */
static int reserve_stems(instance *in, size_t id)
{
    if (id < in->stem_cap)
        return 0;
    size_t c = in->stem_cap ? in->stem_cap : 4096;
    while (c <= id)
        c *= 2;
    GROW(in->mark, c);
    GROW(in->cidf, c);
    GROW(in->cidf_ok, c);
    memset(in->mark + in->stem_cap, 0, (c - in->stem_cap) * sizeof *in->mark);
    memset(in->cidf_ok + in->stem_cap, 0, c - in->stem_cap);
    in->stem_cap = c;
    return 0;
}

static int reserve_words(instance *in, size_t n)
{
    if (n <= in->word_cap)
        return 0;
    size_t c = in->word_cap ? in->word_cap : 256;
    while (c < n)
        c *= 2;
    GROW(in->word_tok, c);
    GROW(in->word_stem, c);
    in->word_cap = c;
    return 0;
}

/* The words of a document on their way to term ids: its text, tokens and
 * the tokens' word keys. */
typedef struct words {
    const char *text;
    const tp_token *toks;
    const uint64_t *keys;
} words;

/* Pass 1 of read_sentences for candidate sentence `s`: its features, and
 * its words (their tokens) with a prefetch of their cache slots, in one
 * reading of its tokens. */
static size_t collect_words(instance *in, const words *w, const tp_sentence *s,
                            tp_summary_quote_state *quote, tp_summary_features *out, size_t m)
{
    /* Locals, which stores into word_tok cannot alias. */
    tp_summary_quote_state q = *quote;
    tp_summary_features f;
    const tp_token *toks = w->toks;
    uint32_t *word_tok = in->word_tok;
    tp_summary_features_start(s, &q, &f);
    for (uint32_t t = s->tok_start, end = s->tok_end; t < end; t++) {
        tp_summary_features_token(&toks[t], &q, &f);
        if (toks[t].kind != TP_TOK_WORD || (toks[t].flags & TP_TOKF_CLITIC))
            continue;
        word_tok[m++] = t;
        tp_summary_terms_prefetch(&in->terms, w->keys[t]);
    }
    f.terminated = tp_summary_features_terminated(w->text, toks, s);
    *quote = q;
    *out = f;
    return m;
}

/* The stem id of the word of token t when the word cache does not hold
 * it: 1 and *id when it counts, 0 when it does not, or TP_ENOMEM. Out of
 * line: rare once the cache is warm, it would crowd the hot loop's
 * registers. */
__attribute__((noinline)) static int stem_of_new_word(instance *in, const words *w, uint32_t t, uint32_t *id)
{
    /* The stem it may create gets its mark first, so that every cached
     * id has one. */
    if (reserve_stems(in, in->terms.stems.count) < 0)
        return TP_ENOMEM;
    return tp_summary_terms_id_keyed(&in->terms, &in->sh->stop, w->keys[t],
                                     w->text + w->toks[t].start,
                                     w->toks[t].end - w->toks[t].start, id);
}

/* The document's term id for stem `id`: term ids count the document's
 * distinct stems in order of first appearance. */
static int term_of_stem(instance *in, uint32_t id, uint32_t *term)
{
    struct mark *mk = &in->mark[id];
    if (mk->stamp != in->gen) {
        if (reserve_terms(in) < 0)
            return TP_ENOMEM;
        mk->stamp = in->gen;
        mk->local = (uint32_t)in->term_count;
        in->stem_of[in->term_count++] = id;
    }
    *term = mk->local;
    return 0;
}

/* Words collected before they are resolved in one go: enough for their
 * cache misses to overlap, while the scratch stays small for any document. */
#define WORD_BATCH 4096

/* Pass 2 for the batch of candidates [first, last): the stem ids of
 * candidate c's words, [cand_words[c], cand_words[c + 1]) of the batch,
 * that count go to word_stem from cand_stems[c] on, and their marks are
 * prefetched for pass 3. */
static int stems_of_batch(instance *in, const words *w, size_t first, size_t last)
{
    const uint32_t *word_tok = in->word_tok;
    uint32_t *word_stem = in->word_stem, k = 0;
    for (size_t c = first; c < last; c++) {
        size_t end = in->cand_words[c + 1];
        in->cand_stems[c] = k;
        for (size_t q = in->cand_words[c]; q < end; q++) {
            uint32_t t = word_tok[q], id;
            int rc = tp_summary_terms_probe(&in->terms, w->keys[t], &id);
            if (rc < 0 && (rc = stem_of_new_word(in, w, t, &id)) < 0)
                return rc;
            if (rc == 0)
                continue;
            word_stem[k++] = id;
            __builtin_prefetch(&in->mark[id]);
        }
    }
    in->cand_stems[last] = k;
    return 0;
}

/* Pass 3: candidate c's stem ids become its vector. */
static int vectors_of_batch(instance *in, size_t first, size_t last)
{
    for (size_t c = first; c < last; c++) {
        size_t end = in->cand_stems[c + 1];
        for (size_t j = in->cand_stems[c]; j < end; j++) {
            uint32_t term;
            if (term_of_stem(in, in->word_stem[j], &term) < 0 ||
                tp_summary_vectors_add(&in->vec, term) < 0)
                return TP_ENOMEM;
        }
        if (tp_summary_vectors_end_sentence(&in->vec) < 0)
            return TP_ENOMEM;
    }
    return 0;
}

static int flush_words(instance *in, const words *w, size_t first, size_t last)
{
    int rc = stems_of_batch(in, w, first, last);
    return rc < 0 ? rc : vectors_of_batch(in, first, last);
}

/* Builds the candidates' term vectors and features. Headings (the title
 * included) are left out of the graph altogether, and the sentences after
 * the `limit`-th candidate are not read. The words go from tokens to term
 * ids in three passes over batches of sentences (word-cache slots
 * prefetched, slots read and stem marks prefetched, marks read), so that
 * cache misses overlap instead of coming one at a time. */
static int read_sentences(instance *in, const words *w, const tp_sentence *sents, size_t ns,
                          size_t limit, size_t *count)
{
    tp_summary_quote_state quote = {false, UINT32_MAX};
    size_t n = 0, m = 0, first = 0;
    int rc = 0;
    for (size_t i = 0; i < ns && n < limit && rc == 0; i++) {
        if (sents[i].flags & (TP_SENTF_HEADING | TP_SENTF_TITLE)) {
            /* Read all the same: the quotation state runs through it. */
            tp_summary_features ignored;
            tp_summary_features_of(w->text, w->toks, &sents[i], &quote, &ignored);
            continue;
        }
        if (reserve_words(in, m + (sents[i].tok_end - sents[i].tok_start)) < 0)
            return TP_ENOMEM;
        in->cand[n] = (uint32_t)i;
        in->cand_words[n] = (uint32_t)m;
        m = collect_words(in, w, &sents[i], &quote, &in->feat[n], m);
        n++;
        in->cand_words[n] = (uint32_t)m;
        if (m >= WORD_BATCH) {
            rc = flush_words(in, w, first, n);
            first = n;
            m = 0;
        }
    }
    if (rc == 0 && first < n)
        rc = flush_words(in, w, first, n);
    *count = n;
    return rc;
}

static void compute_idf(instance *in, size_t n)
{
    size_t terms = in->term_count;
    if (in->sh->has_idf) {
        const tp_summary_strmap *stems = &in->terms.stems;
        for (size_t t = 0; t < terms; t++) {
            uint32_t g = in->stem_of[t];
            if (!in->cidf_ok[g]) {
                in->cidf[g] = tp_summary_idf_weight(&in->sh->idf, tp_summary_strmap_key(stems, g),
                                                    stems->key_len[g]);
                in->cidf_ok[g] = 1;
            }
            in->idf[t] = in->cidf[g];
        }
        return;
    }
    if (terms) /* in->df is NULL before the first term; memset(NULL, 0, 0) is undefined */
        memset(in->df, 0, terms * sizeof *in->df);
    tp_summary_vectors_doc_freq(&in->vec, in->df, terms);
    for (size_t t = 0; t < terms; t++) {
        uint32_t d = in->df[t]; /* <= n <= cap */
        if (in->df_stamp[d] != in->gen) {
            in->df_stamp[d] = in->gen;
            in->idf_by_df[d] = tp_summary_idf_smooth((double)n, d);
        }
        in->idf[t] = in->idf_by_df[d];
    }
}

static int score(instance *in, size_t n)
{
    const shared *sh = in->sh;
    if (sh->method == METHOD_LEAD) {
        /* No graph and no MMR: the similarities are not needed. */
        for (size_t i = 0; i < n; i++)
            in->combined[i] = 1.0 / (double)(i + 1);
        return 0;
    }
    if (tp_summary_vectors_similarity(&in->vec, in->term_count, in->sim) < 0)
        return TP_ENOMEM;
    /* position_weight w: up to 0.5 it moves the walk's restarts from uniform
     * to the position prior (personalised PageRank: centrality as seen from
     * the lead); beyond 0.5 the prior also enters the final score, until at
     * 1 position alone decides. */
    double w = sh->position_weight;
    double restart = w >= 0.5 ? 1.0 : 2.0 * w, direct = w <= 0.5 ? 0.0 : 2.0 * w - 1.0;
    for (size_t i = 0; i < n; i++)
        in->factor[i] = tp_summary_features_factor_with(&in->feat[i], sh->length_factor);
    if (direct >= 1.0) {
        /* Position alone decides: the walk's scores would be weighted by
         * zero, so it is not run (MMR still needs the similarities). */
        memset(in->centrality, 0, n * sizeof *in->centrality);
        tp_summary_combine(in->centrality, sh->prior, in->factor, n, direct, in->combined);
        return 0;
    }
    tp_summary_teleport(sh->prior, n, restart, in->combined);
    /* The prepared walk gives tp_summary_graph_rank's scores to the bit. */
    if (tp_summary_graph_build(&in->graph, in->sim, n,
                               sh->method == METHOD_LEXRANK ? LEXRANK_THRESHOLD : 0.0) < 0)
        return TP_ENOMEM;
    tp_summary_graph_rank_fast(&in->graph, DAMPING, TOLERANCE, MAX_ITERATIONS, in->combined,
                                 in->centrality);
    tp_summary_combine(in->centrality, sh->prior, in->factor, n, direct, in->combined);
    return 0;
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

/* How many candidates enter. When position alone decides (the default),
 * only the leading ones can be chosen - a later one would need most of the
 * first 2k + 4 to be near-repeats or too short - so the rest are not read:
 * their term look-ups were a third of the step. Their IDF then comes from
 * those leading sentences. A ratio needs the full count. */
static size_t candidate_limit(const shared *sh)
{
    if (sh->method == METHOD_LEAD || sh->position_weight < 1.0 || sh->ratio > 0.0 ||
        sh->sentences <= 0 || sh->sentences > (MAX_GRAPH_SENTENCES - 4) / 2)
        return MAX_GRAPH_SENTENCES;
    return 2 * (size_t)sh->sentences + 4;
}

static int summary_process(void *p, tp_doc *doc, tp_error *err)
{
    instance *in = p;
    const shared *sh = in->sh;
    size_t ns = 0, nt = 0, n = 0;
    const tp_sentence *sents = tp_doc_sentences(doc, &ns);
    words w = {tp_doc_text(doc, NULL), tp_doc_tokens(doc, &nt), tp_doc_token_keys(doc)};
    /* A new document number voids every term mark; stem ids survive
     * between documents unless the word cache was emptied. */
    if (++in->gen == 0) {
        if (in->mark)
            memset(in->mark, 0, in->stem_cap * sizeof *in->mark);
        if (in->df_stamp)
            memset(in->df_stamp, 0, (in->cap + 1) * sizeof *in->df_stamp);
        in->gen = 1;
    }
    if (tp_summary_terms_trim(&in->terms) && in->cidf_ok)
        memset(in->cidf_ok, 0, in->stem_cap);
    in->term_count = 0;
    tp_summary_vectors_reset(&in->vec);
    size_t limit = candidate_limit(sh);
    size_t want = ns < limit ? ns : limit;
    int rc = nt && !w.keys ? TP_ENOMEM : reserve(in, want ? want : 1);
    if (rc == 0)
        rc = read_sentences(in, &w, sents, ns, limit, &n);
    if (rc == 0) {
        compute_idf(in, n);
        tp_summary_vectors_weight(&in->vec, in->idf);
        rc = score(in, n);
    }
    if (rc < 0)
        return tp_error_set(err, TP_EDOC, "summary: out of memory");

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
                                in->overlap, in->picked);
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
