/* bench_sentiment.c - throughput of the sentiment rules alone, beside the
 * tokenizer's on the same text, single-threaded.
 *
 * Reads every .txt file under ../shared/data/bbc/articles (or the folder
 * given as the first argument) and times, document by document, over passes
 * totalling at least 50 MB (or the size in MB given as the second argument):
 *   - the tokenizer (scan + segment) alone, and
 *   - the tokens' word keys (tp_word_key() each; in a pipeline the core
 *     makes them once for every step, faster, and the first step to ask
 *     pays), and
 *   - the sentiment step's work alone: every sentence scored against the
 *     built-in lexicon and the document score combined (no tp_doc, no
 *     output values).
 * Prints MB/s for each (the mean, and the best pass: the least disturbed on
 * a shared machine) and the ratio of the tokenizer's and the sentiment
 * step's.
 *
 *   build/bench_sentiment [ARTICLES_DIR [MB]]                                */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tpipe/doc.h>

#include "bench_corpus.h"
#include "builtin.h"
#include "lexicon.h"
#include "rules.h"
#include "tkz.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : "../shared/data/bbc/articles";
    double mb = argc > 2 ? strtod(argv[2], NULL) : 50.0;
    bench_corpus c;
    if (bench_corpus_load(&c, dir) != 0) {
        fprintf(stderr, "bench_sentiment: out of memory reading %s\n", dir);
        return 1;
    }
    if (!c.count) {
        fprintf(stderr, "bench_sentiment: no .txt files under %s (skipped)\n", dir);
        return 0;
    }
    tkz_shared tsh;
    tkz_buf buf;
    tp_error err = {0};
    tp_senti_lex *lex = tp_senti_lex_new();
    if (tkz_shared_init(&tsh, NULL, 0) != 0 || !lex || tp_senti_add_builtin_lists(lex, &err) ||
        tp_senti_add_builtin_lexicon(lex, &err)) {
        fprintf(stderr, "bench_sentiment: setup failed: %s\n", err.message);
        return 1;
    }
    tkz_buf_init(&buf);
    size_t tokens = 0;
    for (size_t i = 0; i < c.count; i++) {
        if (tkz_run(&tsh, c.docs[i].text, c.docs[i].len, &buf) != 0)
            return 1;
        tokens += buf.ntok;
    }
    int passes = (int)(mb * 1e6 / (double)c.bytes) + 1;

    /* As in a pipeline, each document is scored right after it was
     * tokenized, with its tokens still in cache; both steps are timed
     * separately, document by document. */
    tp_senti_scratch sc = {0};
    tp_senti_piece *pieces = NULL;
    size_t pcap = 0;
    uint64_t *keys = NULL;
    size_t kcap = 0;
    volatile double sink = 0;
    double t_tok = 0, t_key = 0, t_sen = 0;
    /* Per-pass times: on a shared machine the fastest pass is the one least
     * disturbed by other work, so the best pass is reported beside the mean. */
    double *p_tok = calloc((size_t)passes, sizeof *p_tok);
    double *p_key = calloc((size_t)passes, sizeof *p_key);
    double *p_sen = calloc((size_t)passes, sizeof *p_sen);
    if (!p_tok || !p_key || !p_sen)
        return 1;
    for (int p = 0; p < passes; p++) {
        double tok0 = t_tok, key0 = t_key, sen0 = t_sen;
        for (size_t i = 0; i < c.count; i++) {
            const bench_text *d = &c.docs[i];
            double t0 = now();
            tkz_run(&tsh, d->text, d->len, &buf);
            double t1 = now();
            if (buf.ntok > kcap) {
                kcap = buf.ntok * 2;
                keys = realloc(keys, kcap * sizeof *keys);
                if (!keys)
                    return 1;
            }
            for (size_t t = 0; t < buf.ntok; t++)
                keys[t] =
                    tp_word_key(d->text + buf.tok[t].start, buf.tok[t].end - buf.tok[t].start);
            double tk = now();
            if (buf.nsent > pcap) {
                pcap = buf.nsent * 2;
                pieces = realloc(pieces, pcap * sizeof *pieces);
            }
            tp_senti_doc sd = tp_senti_doc_of(d->text, d->len, buf.tok, buf.ntok);
            sd.keys = keys;
            for (size_t s = 0; s < buf.nsent; s++)
                tp_senti_score(lex, &sd, buf.sent[s].tok_start, buf.sent[s].tok_end, &sc,
                               &pieces[s]);
            sink += tp_senti_combine(pieces, buf.nsent, TP_SENTI_SQRT, 15.0).compound;
            double t2 = now();
            t_tok += t1 - t0;
            t_key += tk - t1;
            t_sen += t2 - tk;
        }
        p_tok[p] = t_tok - tok0;
        p_key[p] = t_key - key0;
        p_sen[p] = t_sen - sen0;
    }
    (void)sink;
    double b_tok = p_tok[0], b_key = p_key[0], b_sen = p_sen[0];
    for (int p = 1; p < passes; p++) {
        b_tok = p_tok[p] < b_tok ? p_tok[p] : b_tok;
        b_key = p_key[p] < b_key ? p_key[p] : b_key;
        b_sen = p_sen[p] < b_sen ? p_sen[p] : b_sen;
    }
    free(p_tok);
    free(p_key);
    free(p_sen);

    double total = (double)c.bytes * passes / 1e6;
    printf("corpus: %zu documents, %.2f MB, %zu tokens; %d passes (%.1f MB)\n", c.count,
           c.bytes / 1e6, tokens, passes, total);
    printf("lexicon: %zu valence entries\n", tp_senti_lex_valence_count(lex));
    double mb1 = (double)c.bytes / 1e6;
    printf("tokenizer alone: %7.1f MB/s mean, %7.1f MB/s best pass\n", total / t_tok, mb1 / b_tok);
    printf("word keys:       %7.1f MB/s mean, %7.1f MB/s best pass\n", total / t_key, mb1 / b_key);
    printf("sentiment alone: %7.1f MB/s mean, %7.1f MB/s best pass  (%.2fx the tokenizer's "
           "time; best passes %.2fx)\n",
           total / t_sen, mb1 / b_sen, t_sen / t_tok, b_sen / b_tok);
    tp_senti_scratch_free(&sc);
    free(pieces);
    free(keys);
    tp_senti_lex_free(lex);
    tkz_buf_free(&buf);
    tkz_shared_free(&tsh);
    bench_corpus_free(&c);
    return 0;
}
