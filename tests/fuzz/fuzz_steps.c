/* fuzz_steps.c - shared driver: plugins over arbitrary bytes, with the
 * document's invariants checked after every run. */
#include "fuzz_steps.h"

#include <stdio.h>
#include <stdlib.h>

#include "config_internal.h"
#include "pipeline_internal.h"

tp_worker *fuzz_worker(const tp_plugin *const *plugins)
{
    tp_pipeline *p = tp_pipeline_new_empty("fuzz");
    tp_error err = {0};
    for (size_t i = 0; p && plugins[i]; i++) {
        tp_config *config;
        if (tp_schema_check(plugins[i], &err) || tp_config_new(plugins[i], NULL, &config, &err) ||
            tp_pipeline_add_step(p, plugins[i], NULL, NULL, config)) {
            fprintf(stderr, "fuzz set-up: %s\n", err.message);
            abort();
        }
    }
    tp_worker *w = NULL;
    if (!p || tp_worker_new(p, &w, &err)) {
        fprintf(stderr, "fuzz set-up: %s\n", err.message);
        abort();
    }
    /* The pipeline lives as long as the process, like the worker. */
    return w;
}

static void check(int ok, const char *what)
{
    if (!ok) {
        fprintf(stderr, "invariant broken: %s\n", what);
        abort();
    }
}

void fuzz_run_document(tp_worker *worker, const uint8_t *data, size_t size)
{
    static tp_doc *doc;
    if (!doc && !(doc = tp_doc_new()))
        abort();
    if (tp_doc_reset(doc, "fuzz", (const char *)data, size) != 0)
        return;
    tp_error err = {0};
    int rc = tp_worker_process(worker, doc, &err);
    check(rc == 0 || rc == TP_EDOC, "process returns 0 or TP_EDOC");
    size_t len, ntok, nsent, npara;
    tp_doc_text(doc, &len);
    const tp_token *t = tp_doc_tokens(doc, &ntok);
    const tp_sentence *s = tp_doc_sentences(doc, &nsent);
    const tp_paragraph *p = tp_doc_paragraphs(doc, &npara);
    for (size_t i = 0; i < ntok; i++) {
        check(t[i].start < t[i].end && t[i].end <= len, "token inside the text");
        check(i == 0 || t[i].start >= t[i - 1].end, "tokens in order");
    }
    for (size_t i = 0; i < nsent; i++) {
        check(s[i].start <= s[i].end && s[i].end <= len, "sentence inside the text");
        check(s[i].tok_end <= ntok, "sentence tokens exist");
        check(s[i].paragraph < npara || npara == 0, "sentence paragraph exists");
    }
    for (size_t i = 0; i < npara; i++)
        check(p[i].start <= p[i].end && p[i].end <= len, "paragraph inside the text");
    for (size_t l = 0; l < tp_doc_layer_count(doc); l++) {
        size_t n;
        const tp_span *sp = tp_doc_spans(doc, tp_doc_layer_name(doc, l), &n);
        for (size_t i = 0; i < n; i++)
            check(sp[i].start <= sp[i].end && sp[i].end <= len, "span inside the text");
    }
    static const tp_format formats[] = {TP_FORMAT_JSONL, TP_FORMAT_TEXT};
    for (size_t f = 0; f < 2; f++) {
        tp_format_options fo = {.format = formats[f], .width = 60};
        char *out = NULL;
        size_t out_len = 0;
        check(tp_doc_render(doc, &fo, &out, &out_len) == 0, "render succeeds");
        free(out);
    }
}
