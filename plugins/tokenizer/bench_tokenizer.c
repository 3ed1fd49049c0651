/* bench_tokenizer.c - throughput of the tokenizer alone, single-threaded,
 * in MB per second of thread CPU time (the machine is shared).
 *
 * Reads every .txt file under ../shared/data/bbc/articles (or the folder
 * given as the first argument), repeats the set in memory to at least 50 MB
 * (or the size in MB given as the second argument), then times tokenizing
 * and segmenting each document into the reusable per-worker buffers: no
 * core, no tp_doc, no output. Prints MB/s, docs/s and tokens/s. Then it runs
 * the same documents through the core (build/plugins/tokenizer.so as a
 * one-step pipeline, tp_worker_process) and reports the step's own time,
 * which adds copying the tokens into the document.
 *
 *   build/bench_tokenizer [ARTICLES_DIR [MB]]                                */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tpipe/tpipe.h>

#include "bench_corpus.h"
#include "tkz.h"

/* CPU time of this thread: the machine is shared, and time spent waiting
 * for a core is not the tokenizer's. Wall time is printed beside it. */
static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    const char *dir = argc > 1 ? argv[1] : TPIPE_SOURCE_DIR "/../shared/data/bbc/articles";
    double target_mb = argc > 2 ? strtod(argv[2], NULL) : 50.0;
    bench_corpus c;
    if (bench_corpus_load(&c, dir) != 0) {
        fprintf(stderr, "bench_tokenizer: out of memory reading %s\n", dir);
        return 1;
    }
    if (c.count == 0) {
        printf("bench_tokenizer: skipped: no .txt files under %s\n", dir);
        return 0;
    }

    tkz_shared sh;
    if (tkz_shared_init(&sh, NULL, 0) != 0) {
        fprintf(stderr, "bench_tokenizer: out of memory\n");
        return 1;
    }
    tkz_buf buf;
    tkz_buf_init(&buf);

    size_t rounds = (size_t)(target_mb * 1e6 / (double)c.bytes) + 1;
    /* warm-up: grows the buffers, faults the pages in */
    for (size_t i = 0; i < c.count; i++)
        tkz_run(&sh, c.docs[i].text, c.docs[i].len, &buf);

    size_t tokens = 0, sentences = 0, docs = 0, bytes = 0;
    double w0 = wall();
    double t0 = now();
    for (size_t r = 0; r < rounds; r++) {
        for (size_t i = 0; i < c.count; i++) {
            if (tkz_run(&sh, c.docs[i].text, c.docs[i].len, &buf) != 0) {
                fprintf(stderr, "bench_tokenizer: out of memory\n");
                return 1;
            }
            tokens += buf.ntok;
            sentences += buf.nsent;
            bytes += c.docs[i].len;
            docs++;
        }
    }
    double secs = now() - t0;
    double wsecs = wall() - w0;
    printf("corpus: %zu files, %.2f MB, repeated %zu times = %.1f MB\n", c.count,
           (double)c.bytes / 1e6, rounds, (double)bytes / 1e6);
    printf("tokenizer (scan + segment), 1 thread: %.1f MB/s, %.0f docs/s, %.1f M tokens/s "
           "(%zu tokens, %zu sentences, %.3f s CPU; wall clock %.1f MB/s)\n",
           (double)bytes / 1e6 / secs, (double)docs / secs, (double)tokens / 1e6 / secs, tokens,
           sentences, secs, (double)bytes / 1e6 / wsecs);

    /* the two passes apart */
    double scan_secs = 0, seg_secs = 0;
    for (size_t r = 0; r < rounds; r++) {
        for (size_t i = 0; i < c.count; i++) {
            double a = now();
            tkz_scan(&sh, c.docs[i].text, c.docs[i].len, &buf);
            double m = now();
            tkz_segment(&sh, c.docs[i].text, c.docs[i].len, &buf);
            scan_secs += m - a;
            seg_secs += now() - m;
        }
    }
    printf("  scan only: %.1f MB/s; segment only: %.1f MB/s\n", (double)bytes / 1e6 / scan_secs,
           (double)bytes / 1e6 / seg_secs);

    /* the whole step through the core: the plugin as loaded by tpipe */
    static const char yaml[] = "version: 1\nname: bench\nsteps:\n"
                               "  - plugin: " TPIPE_BINARY_DIR "/plugins/tokenizer.so\n";
    tp_diags *diags = tp_diags_new();
    tp_pipeline *pipeline = NULL;
    tp_worker *worker = NULL;
    tp_doc *d = tp_doc_new();
    tp_error err = {0};
    if (!diags || !d ||
        tp_pipeline_load_string(yaml, sizeof yaml - 1, "bench", NULL, NULL, &pipeline, diags) ||
        tp_pipeline_prepare(pipeline, &err) || tp_worker_new(pipeline, &worker, &err)) {
        printf("  through the core: skipped: %s\n",
               diags && tp_diags_count(diags) ? tp_diags_message(diags, 0) : err.message);
    } else {
        size_t core_bytes = 0;
        double step = 0;
        for (size_t r = 0; r < rounds; r++) {
            for (size_t i = 0; i < c.count; i++) {
                tp_doc_reset(d, "bench", c.docs[i].text, c.docs[i].len);
                double a = now();
                tp_worker_process(worker, d, &err);
                step += now() - a;
                core_bytes += c.docs[i].len;
            }
        }
        printf("  through the core (tp_worker_process: the step incl. tp_doc_add_*): %.1f MB/s, "
               "%.0f docs/s\n",
               (double)core_bytes / 1e6 / step, (double)docs / step);
    }
    tp_worker_free(worker);
    tp_pipeline_free(pipeline);
    tp_doc_free(d);
    tp_diags_free(diags);

    tkz_buf_free(&buf);
    tkz_shared_free(&sh);
    bench_corpus_free(&c);
    return 0;
}
