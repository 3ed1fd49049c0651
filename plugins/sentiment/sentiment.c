/* sentiment.c - the sentiment step: document, sentence, quote and speaker
 * scores from the rules in rules.c and the lexicon in lexicon.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "builtin.h"
#include "lexicon.h"
#include "rules.h"

/* The keys of the objects written per sentence and per speaker. */
static const char *const sentence_keys[] = {"index", "compound"};
static const char *const speaker_keys[] = {"name", "quotes", "sentiment"};

typedef struct shared {
    tp_senti_lex *lex;
    tp_senti_aggregate aggregate;
    double alpha, threshold;
    bool scope_document, scope_sentence, scope_quote;
    tp_shape *sentence_shape, *speaker_shape;
} shared;

typedef struct instance {
    const shared *sh;
    tp_senti_scratch scratch;
    tp_senti_piece *pieces; /* one per sentence, reused across documents */
    size_t pieces_cap;
} instance;

static void unload(void *p)
{
    shared *sh = p;
    if (!sh)
        return;
    tp_senti_lex_free(sh->lex);
    tp_shape_free(sh->sentence_shape);
    tp_shape_free(sh->speaker_shape);
    free(sh);
}

static int load(const tp_config *config, void **out, tp_error *err)
{
    shared *sh = calloc(1, sizeof *sh);
    if (!sh)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    sh->alpha = tp_config_number(config, "alpha");
    sh->threshold = tp_config_number(config, "threshold");
    const char *agg = tp_config_string(config, "aggregate");
    sh->aggregate = !agg                       ? TP_SENTI_SQRT
                    : strcmp(agg, "sum") == 0  ? TP_SENTI_SUM
                    : strcmp(agg, "mean") == 0 ? TP_SENTI_MEAN
                                               : TP_SENTI_SQRT;
    sh->scope_document = tp_config_list_has(config, "scopes", "document");
    sh->scope_sentence = tp_config_list_has(config, "scopes", "sentence");
    sh->scope_quote = tp_config_list_has(config, "scopes", "quote");

    const char *path = tp_config_string(config, "lexicon");
    const char *mode = tp_config_string(config, "lexicon_mode");
    bool replace = mode && strcmp(mode, "replace") == 0;
    int rc = 0;
    if (replace && !path) {
        rc = tp_error_set(err, TP_ECONFIG,
                          "step '%s': lexicon_mode: replace needs a lexicon file; set lexicon: "
                          "PATH or use lexicon_mode: extend",
                          tp_config_step_id(config));
        goto fail;
    }
    sh->lex = tp_senti_lex_new();
    if (!sh->lex || tp_shape_new(sentence_keys, 2, &sh->sentence_shape) != 0 ||
        tp_shape_new(speaker_keys, 3, &sh->speaker_shape) != 0) {
        rc = tp_error_set(err, TP_ENOMEM, "out of memory");
        goto fail;
    }
    rc = tp_senti_add_builtin_lists(sh->lex, err);
    if (!rc && !replace)
        rc = tp_senti_add_builtin_lexicon(sh->lex, err);
    if (!rc && path)
        rc = tp_senti_lex_add_file(sh->lex, path, TP_SENTI_LIST_VALENCE,
                                   tp_config_number(config, "lexicon_scale"), err);
    if (rc) {
        /* A broken lexicon is a configuration problem: nothing can run. */
        if (rc != TP_ENOMEM) {
            rc = TP_ECONFIG;
            if (err)
                err->code = rc;
        }
        goto fail;
    }
    *out = sh;
    return 0;
fail:
    unload(sh);
    return rc;
}

static int create(void *sh, const tp_config *config, void **out, tp_error *err)
{
    instance *in = calloc(1, sizeof *in);
    if (!in)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    in->sh = sh;
    *out = in;
    return 0;
}

static void destroy(void *p)
{
    instance *in = p;
    if (!in)
        return;
    tp_senti_scratch_free(&in->scratch);
    free(in->pieces);
    free(in);
}

static int reserve_pieces(instance *in, size_t n)
{
    if (n <= in->pieces_cap)
        return 0;
    size_t cap = in->pieces_cap ? in->pieces_cap : 64;
    while (cap < n)
        cap *= 2;
    tp_senti_piece *p = realloc(in->pieces, cap * sizeof *p);
    if (!p)
        return TP_ENOMEM;
    in->pieces = p;
    in->pieces_cap = cap;
    return 0;
}

/* Scores rounded for output: four places for compounds, three for shares,
 * so that records are short and stable across compilers. */
static double round_to(double x, double scale)
{
    return round(x * scale) / scale;
}

static const char *label_of(const shared *sh, double compound)
{
    return compound >= sh->threshold    ? "positive"
           : compound <= -sh->threshold ? "negative"
                                        : "neutral";
}

/* First token whose start is at or after `pos`. */
static size_t first_token_at(const tp_token *toks, size_t n, uint32_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (toks[mid].start < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Scores the tokens inside [start, end), sentence by sentence, into `pieces`
 * (room for every sentence the range touches) and combines them. A
 * sentence the range holds whole (the middle of a long quote) has its
 * piece in in->pieces already. */
static int score_range(instance *in, tp_senti_doc *sd, const tp_sentence *sents, size_t nsent,
                       uint32_t start, uint32_t end, tp_senti_piece *pieces, size_t max_pieces,
                       tp_senti_result *res)
{
    const shared *sh = in->sh;
    const tp_token *toks = sd->toks;
    size_t ntok = sd->count;
    size_t t = first_token_at(toks, ntok, start), np = 0;
    while (t < ntok && toks[t].end <= end && np < max_pieces) {
        if (toks[t].sentence >= nsent)
            return TP_EINVAL; /* the core gives every token its sentence */
        const tp_sentence *sent = &sents[toks[t].sentence];
        size_t u = sent->tok_end;
        if (toks[u - 1].end <= end && t == sent->tok_start) {
            pieces[np++] = in->pieces[toks[t].sentence];
            t = u;
            continue;
        }
        if (toks[u - 1].end > end) { /* the range ends inside the sentence */
            u = t + 1;
            while (toks[u].end <= end)
                u++;
        }
        int rc = tp_senti_score(sh->lex, sd, t, u, &in->scratch, &pieces[np++]);
        if (rc)
            return rc;
        t = u;
    }
    *res = tp_senti_combine(pieces, np, sh->aggregate, sh->alpha);
    return 0;
}

typedef struct speaker {
    const char *name;
    size_t quotes;
    size_t first; /* order of first appearance */
    double sum;
} speaker;

static int cmp_speaker(const void *a, const void *b)
{
    const speaker *x = a, *y = b;
    if (x->quotes != y->quotes)
        return x->quotes < y->quotes ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static int score_quotes(instance *in, tp_doc *doc, tp_senti_doc *sd, const tp_sentence *sents,
                        size_t nsent, tp_value *result)
{
    size_t nq;
    const tp_span *spans = tp_doc_spans(doc, "quote", &nq);
    if (!nq)
        return 0;
    /* The sentence pieces of the document are done; quotes reuse the buffer
     * after them. A quote touches at most every sentence. */
    if (reserve_pieces(in, 2 * nsent + 1) != 0)
        return TP_ENOMEM;
    speaker *spk = tp_doc_alloc(doc, nq * sizeof *spk);
    if (!spk)
        return TP_ENOMEM;
    size_t nspk = 0;
    for (size_t q = 0; q < nq; q++) {
        tp_senti_result r;
        /* Re-read: setting an attribute does not move spans, but be safe. */
        spans = tp_doc_spans(doc, "quote", &nq);
        uint32_t qs = spans[q].start, qe = spans[q].end;
        const char *name = tp_value_as_string(tp_object_get(spans[q].attrs, "speaker"), NULL);
        int rc = score_range(in, sd, sents, nsent, qs, qe, in->pieces + nsent, nsent + 1, &r);
        if (rc)
            return rc;
        double c = round_to(r.compound, 1e4);
        if (in->sh->scope_quote) {
            rc = tp_doc_set_span_attr(doc, "quote", q, "sentiment", tp_value_number(doc, c));
            if (rc)
                return rc;
        }
        if (!name)
            continue;
        size_t k = 0;
        while (k < nspk && strcmp(spk[k].name, name) != 0)
            k++;
        if (k == nspk) {
            spk[nspk] = (speaker){name, 0, nspk, 0};
            nspk++;
        }
        spk[k].quotes++;
        spk[k].sum += c;
    }
    if (!nspk)
        return 0;
    qsort(spk, nspk, sizeof *spk, cmp_speaker);
    tp_value *arr = tp_value_array(doc);
    int rc = arr ? 0 : TP_ENOMEM;
    for (size_t k = 0; k < nspk && !rc; k++) {
        tp_value *vals[] = {tp_value_string(doc, spk[k].name),
                            tp_value_int(doc, (int64_t)spk[k].quotes),
                            tp_value_number(doc, round_to(spk[k].sum / spk[k].quotes, 1e4))};
        rc = tp_array_push(doc, arr, tp_value_object_shaped(doc, in->sh->speaker_shape, vals));
    }
    if (!rc)
        rc = tp_object_set(doc, result, "speakers", arr);
    return rc;
}

static int process(void *p, tp_doc *doc, tp_error *err)
{
    instance *in = p;
    const shared *sh = in->sh;
    size_t len, ntok, nsent;
    const char *text = tp_doc_text(doc, &len);
    const tp_token *toks = tp_doc_tokens(doc, &ntok);
    const tp_sentence *sents = tp_doc_sentences(doc, &nsent);
    tp_senti_doc sd = tp_senti_doc_of(text, len, toks, ntok);
    sd.keys = tp_doc_token_keys(doc);
    int rc = reserve_pieces(in, nsent ? nsent : 1);
    if (rc)
        goto fail;
    for (size_t s = 0; s < nsent; s++) {
        rc = tp_senti_score(sh->lex, &sd, sents[s].tok_start, sents[s].tok_end, &in->scratch,
                            &in->pieces[s]);
        if (rc)
            goto fail;
    }

    tp_value *result = tp_value_object(doc);
    if (!result) {
        rc = TP_ENOMEM;
        goto fail;
    }
    if (sh->scope_document) {
        tp_senti_result r = tp_senti_combine(in->pieces, nsent, sh->aggregate, sh->alpha);
        double c = round_to(r.compound, 1e4);
        rc = tp_object_set(doc, result, "compound", tp_value_number(doc, c));
        if (!rc)
            rc = tp_object_set(doc, result, "positive",
                               tp_value_number(doc, round_to(r.positive, 1e3)));
        if (!rc)
            rc = tp_object_set(doc, result, "negative",
                               tp_value_number(doc, round_to(r.negative, 1e3)));
        if (!rc)
            rc = tp_object_set(doc, result, "neutral",
                               tp_value_number(doc, round_to(r.neutral, 1e3)));
        if (!rc)
            rc = tp_object_set(doc, result, "label", tp_value_string(doc, label_of(sh, c)));
        if (rc)
            goto fail;
    }
    if (sh->scope_sentence) {
        tp_value *arr = tp_value_array(doc);
        rc = arr ? 0 : TP_ENOMEM;
        for (size_t s = 0; s < nsent && !rc; s++) {
            /* tp_senti_combine() of this one piece, whatever the aggregate:
             * the normalised sum, or 0 when nothing was scored. */
            const tp_senti_piece *pc = &in->pieces[s];
            double c = pc->items ? tp_senti_normalise_sum(0.0 + pc->sum, sh->alpha) : 0.0;
            tp_value *vals[] = {tp_value_int(doc, (int64_t)s),
                                tp_value_number(doc, round_to(c, 1e4))};
            rc = tp_array_push(doc, arr, tp_value_object_shaped(doc, sh->sentence_shape, vals));
        }
        if (!rc)
            rc = tp_object_set(doc, result, "sentences", arr);
        if (rc)
            goto fail;
    }
    rc = score_quotes(in, doc, &sd, sents, nsent, result);
    if (!rc)
        rc = tp_doc_set_result(doc, "sentiment", result);
    if (!rc)
        return 0;
fail:
    if (rc == TP_ENOMEM)
        return tp_error_set(err, TP_EDOC, "sentiment: out of memory");
    return tp_error_set(err, TP_EDOC, "sentiment: cannot write results: %s", tp_strerror(rc));
}

static const char *const requires_[] = {"tokens", "sentences", NULL};
static const char *const reads_[] = {"span:quote", NULL};
static const char *const provides_[] = {"doc:sentiment", "span:quote.sentiment", NULL};

static const tp_option_spec options_[] = {
    {"scopes", TP_OPT_STRING_LIST, "document,quote", NULL, "document|sentence|quote",
     "what to score: the document, each sentence, each quote (quote also gives speakers)"},
    {"lexicon", TP_OPT_PATH, NULL, NULL, NULL,
     "a valence file: 'word<TAB>score' or 'word<TAB>mean<TAB>stddev<TAB>[ratings]'"},
    {"lexicon_mode", TP_OPT_ENUM, "extend", NULL, "extend|replace",
     "extend: the file's entries add to and override the built-in lexicon; replace: only it"},
    {"lexicon_scale", TP_OPT_NUMBER, "1", "0.01..10", NULL,
     "multiplies the file's scores (0.8 maps a -5..5 list onto -4..4)"},
    {"aggregate", TP_OPT_ENUM, "sqrt", NULL, "sqrt|sum|mean",
     "sentences to document/quote: sum/sqrt(n) then normalise, sum then normalise, or mean"},
    {"threshold", TP_OPT_NUMBER, "0.05", "0..1", NULL,
     "label positive when compound >= threshold, negative when <= -threshold"},
    {"alpha", TP_OPT_NUMBER, "15", "0.01..1000", NULL,
     "normalisation constant: compound = sum / sqrt(sum^2 + alpha)"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

const tp_plugin tp_sentiment_plugin = {
    TP_PLUGIN_INIT,
    .name = "sentiment",
    .version = "1.0.0",
    .description = "Valence-lexicon and rule sentiment (VADER method) for documents, "
                   "sentences, quotes and speakers",
    .license = "MIT",
    .requires = requires_,
    .provides = provides_,
    .reads = reads_,
    .options = options_,
    .load = load,
    .create = create,
    .process = process,
    .destroy = destroy,
    .unload = unload,
};
