/* hello.c - counts lines and words: the smallest useful plugin. */
#include <tpipe/plugin.h>

static int hello_process(void *instance, tp_doc *doc, tp_error *err)
{
    (void)instance;
    size_t len;
    const char *text = tp_doc_text(doc, &len);
    int64_t lines = 0, words = 0;
    int in_word = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        int space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
        lines += c == '\n';
        words += !space && !in_word;
        in_word = !space;
    }
    tp_value *r = tp_value_object(doc);
    if (tp_object_set(doc, r, "lines", tp_value_int(doc, lines)) ||
        tp_object_set(doc, r, "words", tp_value_int(doc, words)) ||
        tp_doc_set_result(doc, "hello", r))
        return tp_error_set(err, TP_EDOC, "out of memory");
    return 0;
}

static const char *const provides[] = {"doc:hello", NULL};

static const tp_plugin hello_plugin = {
    TP_PLUGIN_INIT,
    .name = "hello",
    .version = "1.0",
    .description = "Counts lines and words.",
    .license = "MIT",
    .provides = provides,
    .process = hello_process,
};

TP_MODULE(&hello_plugin)
