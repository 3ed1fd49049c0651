/* tokenizer.c - the tokenizer step: tokens, sentences and paragraphs with
 * byte offsets into the document text. The work happens in scan.c and
 * segment.c on per-worker buffers; this file is the plugin glue. */
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "tkz.h"

typedef struct instance {
    const tkz_shared *shared;
    tkz_buf buf;
} instance;

static const char *const provides[] = {"tokens", "sentences", "paragraphs", NULL};

static const tp_option_spec options[] = {
    {"abbreviations", TP_OPT_STRING_LIST, NULL, NULL, NULL,
     "extra abbreviations that keep their period and do not end a sentence (e.g. Gov., approx)"},
    {"split_contractions", TP_OPT_BOOL, "true", NULL, NULL,
     "split contractions the Penn Treebank way: do + n't, Trump + 's, they + 're"},
    {"emit_sentences", TP_OPT_BOOL, "false", NULL, NULL,
     "list each sentence (start, end, text, heading) in the output record"},
    {"emit_tokens", TP_OPT_BOOL, "false", NULL, NULL,
     "list each token in the output record"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

static int load(const tp_config *config, void **shared, tp_error *err)
{
    size_t nextra = tp_config_list_count(config, "abbreviations");
    const char **extra = NULL;
    if (nextra) {
        extra = calloc(nextra, sizeof *extra);
        if (!extra)
            return tp_error_set(err, TP_ENOMEM, "tokenizer: out of memory");
        for (size_t i = 0; i < nextra; i++)
            extra[i] = tp_config_list_item(config, "abbreviations", i);
    }
    tkz_shared *sh = malloc(sizeof *sh);
    int rc = sh ? tkz_shared_init(sh, extra, nextra) : TP_ENOMEM;
    free(extra);
    if (rc) {
        free(sh);
        if (rc == TP_EINVAL)
            return tp_error_set(err, TP_ECONFIG,
                                "tokenizer: option 'abbreviations': every item must be 1 to 31 "
                                "characters long");
        return tp_error_set(err, rc, "tokenizer: out of memory building the word lists");
    }
    sh->split_contractions = tp_config_bool(config, "split_contractions");
    sh->emit_sentences = tp_config_bool(config, "emit_sentences");
    sh->emit_tokens = tp_config_bool(config, "emit_tokens");
    *shared = sh;
    return 0;
}

static void unload(void *shared)
{
    if (shared) {
        tkz_shared_free(shared);
        free(shared);
    }
}

static int create(void *shared, const tp_config *config, void **out, tp_error *err)
{
    (void)config;
    instance *in = malloc(sizeof *in);
    if (!in)
        return tp_error_set(err, TP_ENOMEM, "tokenizer: out of memory");
    in->shared = shared;
    tkz_buf_init(&in->buf);
    *out = in;
    return 0;
}

static void destroy(void *p)
{
    instance *in = p;
    if (in) {
        tkz_buf_free(&in->buf);
        free(in);
    }
}

static int process(void *p, tp_doc *doc, tp_error *err)
{
    instance *in = p;
    const tkz_shared *sh = in->shared;
    tkz_buf *b = &in->buf;
    size_t len;
    const char *text = tp_doc_text(doc, &len);
    int rc = tkz_run(sh, text, len, b);
    if (rc == TP_ELIMIT)
        return tp_error_set(err, TP_EDOC,
                            "tokenizer: document of %zu bytes is over the 4 GiB limit", len);
    if (rc)
        return tp_error_set(err, TP_EFATAL, "tokenizer: out of memory");
    rc = tp_doc_add_tokens(doc, b->tok, b->ntok);
    if (rc)
        goto fail;
    rc = tp_doc_add_sentences(doc, b->sent, b->nsent);
    if (rc)
        goto fail;
    for (size_t i = 0; i < b->npara; i++) {
        rc = tp_doc_add_paragraph(doc, &b->para[i]);
        if (rc)
            goto fail;
    }
    unsigned emit = (sh->emit_sentences ? TP_EMIT_SENTENCES : 0u) |
                    (sh->emit_tokens ? TP_EMIT_TOKENS : 0u);
    if (emit)
        tp_doc_request_emit(doc, emit);
    return 0;
fail:
    if (rc == TP_ENOMEM)
        return tp_error_set(err, TP_EFATAL, "tokenizer: out of memory");
    return tp_error_set(err, TP_EDOC, "tokenizer: the document rejected a token or sentence: %s",
                        tp_strerror(rc));
}

const tp_plugin tp_tokenizer_plugin = {
    TP_PLUGIN_INIT,
    .name = "tokenizer",
    .version = "1.0.0",
    .description = "Words, numbers, punctuation, URLs, e-mail, handles, hashtags and emoji; "
                   "sentences, headings and paragraphs of news text",
    .license = "MIT",
    .requires = NULL,
    .provides = provides,
    .options = options,
    .load = load,
    .create = create,
    .process = process,
    .destroy = destroy,
    .unload = unload,
};
