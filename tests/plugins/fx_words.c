/* fx_words - a trivial whitespace tokenizer for the core's tests: every run
 * of non-space bytes is a word, the whole text is one sentence and one
 * paragraph. It also echoes its options as the result "fx_words" so that
 * tests can see exactly which values reached the plugin. */
#include <string.h>

#include <tpipe/plugin.h>

static bool is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static tp_value *echo_options(tp_doc *doc, const tp_config *config)
{
    tp_value *o = tp_value_object(doc);
    tp_object_set(doc, o, "upper", tp_value_bool(doc, tp_config_bool(config, "upper")));
    tp_object_set(doc, o, "limit", tp_value_int(doc, tp_config_int(config, "limit")));
    tp_object_set(doc, o, "mode", tp_value_string(doc, tp_config_string(config, "mode")));
    tp_value *tags = tp_value_array(doc);
    for (size_t i = 0; i < tp_config_list_count(config, "tags"); i++)
        tp_array_push(doc, tags, tp_value_string(doc, tp_config_list_item(config, "tags", i)));
    tp_object_set(doc, o, "tags", tags);
    const char *path = tp_config_string(config, "path");
    tp_object_set(doc, o, "path", path ? tp_value_string(doc, path) : tp_value_null(doc));
    tp_object_set(doc, o, "step", tp_value_string(doc, tp_config_step_id(config)));
    tp_object_set(doc, o, "limit_set", tp_value_bool(doc, tp_config_is_set(config, "limit")));
    return o;
}

/* Without create(), the instance is the shared pointer from load(): the
 * config itself, so that process() can echo it. */
static int words_load(const tp_config *config, void **shared, tp_error *err)
{
    *shared = (void *)config;
    return 0;
}

static int words_process(void *instance, tp_doc *doc, tp_error *err)
{
    size_t len;
    const char *text = tp_doc_text(doc, &len);
    size_t i = 0, first = 0, count = 0;
    uint32_t start = 0, end = 0;
    while (i < len) {
        while (i < len && is_space(text[i]))
            i++;
        if (i == len)
            break;
        size_t s = i;
        while (i < len && !is_space(text[i]))
            i++;
        tp_token tok = {.start = (uint32_t)s, .end = (uint32_t)i, .kind = TP_TOK_WORD};
        if (count == 0)
            start = tok.start;
        end = tok.end;
        int rc = tp_doc_add_token(doc, &tok);
        if (rc)
            return tp_error_set(err, TP_EDOC, "cannot add token %zu: %s", count, tp_strerror(rc));
        count++;
    }
    tp_paragraph para = {.start = 0, .end = (uint32_t)len};
    int rc = tp_doc_add_paragraph(doc, &para);
    if (rc == 0 && count) {
        tp_sentence sent = {.start = start, .end = end, .tok_start = (uint32_t)first,
                            .tok_end = (uint32_t)count, .paragraph = 0};
        rc = tp_doc_add_sentence(doc, &sent);
    }
    if (rc == 0)
        rc = tp_doc_set_result(doc, "fx_words", echo_options(doc, instance));
    if (rc)
        return tp_error_set(err, TP_EDOC, "fx_words: %s", tp_strerror(rc));
    return 0;
}

static const tp_option_spec words_options[] = {
    {"upper", TP_OPT_BOOL, "false", NULL, NULL, "unused; a bool to test options"},
    {"limit", TP_OPT_INT, "10", "0..100", NULL, "unused; an int with a range"},
    {"mode", TP_OPT_ENUM, "fast", NULL, "fast|slow", "unused; an enum"},
    {"tags", TP_OPT_STRING_LIST, NULL, NULL, NULL, "unused; a string list"},
    {"path", TP_OPT_PATH, NULL, NULL, NULL, "unused; a path"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

static const char *const words_provides[] = {"tokens", "sentences", "paragraphs", "doc:fx_words",
                                             NULL};

static const tp_plugin fx_words_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_words",
    .version = "1.0",
    .description = "test fixture: whitespace tokens, one sentence, one paragraph",
    .license = "MIT",
    .provides = words_provides,
    .options = words_options,
    .load = words_load,
    .process = words_process,
};

TP_MODULE(&fx_words_plugin)
