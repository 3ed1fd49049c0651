/* bench_corpus.h - the text files a C benchmark runs over, held in memory.
 * Shared by bench_tokenizer and bench_sentiment. */
#ifndef TPIPE_BENCH_CORPUS_H
#define TPIPE_BENCH_CORPUS_H

#include <stddef.h>

typedef struct bench_text {
    char *text; /* NUL-terminated */
    size_t len;
} bench_text;

typedef struct bench_corpus {
    bench_text *docs;
    size_t count, cap, bytes;
} bench_corpus;

/* Reads every .txt file under `dir` (recursively; hidden names skipped) and
 * sorts them by length, then content, so that runs see the same order
 * whatever readdir() gives. Returns 0, or -1 when out of memory; an empty
 * or missing folder gives an empty corpus. */
int bench_corpus_load(bench_corpus *c, const char *dir);
void bench_corpus_free(bench_corpus *c);

#endif
