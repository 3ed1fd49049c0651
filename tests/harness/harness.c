/* harness.c - plugins on one document, for unit tests. */
#include "harness.h"

#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"
#include "pipeline_internal.h"

struct th_harness {
    tp_pipeline *pipeline;
    tp_worker *worker;
    tp_doc *doc;
    char *scratch;
};

th_harness *th_new(void)
{
    th_harness *h = calloc(1, sizeof *h);
    ck_assert_ptr_nonnull(h);
    h->pipeline = tp_pipeline_new_empty("harness");
    h->doc = tp_doc_new();
    ck_assert_ptr_nonnull(h->pipeline);
    ck_assert_ptr_nonnull(h->doc);
    return h;
}

void th_free(th_harness *h)
{
    if (!h)
        return;
    tp_worker_free(h->worker);
    tp_pipeline_free(h->pipeline);
    tp_doc_free(h->doc);
    free(h->scratch);
    free(h);
}

void th_add(th_harness *h, const tp_plugin *plugin, const char *const *options)
{
    tp_error err = {0};
    ck_assert_msg(tp_schema_check(plugin, &err) == 0, "schema: %s", err.message);
    tp_config *config;
    ck_assert_msg(tp_config_new(plugin, NULL, &config, &err) == 0, "config: %s", err.message);
    for (const char *const *o = options; o && *o; o++) {
        const char *eq = strchr(*o, '=');
        ck_assert_msg(eq != NULL, "option '%s' is not name=value", *o);
        char name[128];
        size_t n = (size_t)(eq - *o);
        ck_assert(n < sizeof name);
        memcpy(name, *o, n);
        name[n] = '\0';
        tp_opt_value *slot = tp_config_slot(config, name);
        ck_assert_msg(slot != NULL, "plugin %s has no option '%s'", plugin->name, name);
        char why[256];
        int rc = tp_option_parse(slot->spec, eq + 1, TPIPE_SOURCE_DIR, slot, why, sizeof why);
        ck_assert_msg(rc == 0, "option %s: %s", name, why);
        slot->set = true;
    }
    ck_assert_int_eq(tp_pipeline_add_step(h->pipeline, plugin, NULL, NULL, config), 0);
    tp_worker_free(h->worker);
    h->worker = NULL;
}

int th_run_status(th_harness *h, const char *text, size_t len, tp_doc **doc, tp_error *err)
{
    if (!h->worker) {
        int rc = tp_worker_new(h->pipeline, &h->worker, err);
        if (rc)
            return rc;
    }
    int rc = tp_doc_reset(h->doc, "test", text, len);
    if (rc)
        return rc;
    *doc = h->doc;
    return tp_worker_process(h->worker, h->doc, err);
}

tp_doc *th_run(th_harness *h, const char *text)
{
    tp_doc *doc = NULL;
    tp_error err = {0};
    int rc = th_run_status(h, text, strlen(text), &doc, &err);
    ck_assert_msg(rc == 0, "run failed (%d): %s", rc, err.message);
    return doc;
}

static const char *slice(th_harness *h, uint32_t start, uint32_t end)
{
    const char *text = tp_doc_text(h->doc, NULL);
    free(h->scratch);
    h->scratch = strndup(text + start, end - start);
    ck_assert_ptr_nonnull(h->scratch);
    return h->scratch;
}

const char *th_token_text(th_harness *h, size_t i)
{
    size_t n;
    const tp_token *t = tp_doc_tokens(h->doc, &n);
    ck_assert_uint_lt(i, n);
    return slice(h, t[i].start, t[i].end);
}

const char *th_sentence_text(th_harness *h, size_t i)
{
    size_t n;
    const tp_sentence *s = tp_doc_sentences(h->doc, &n);
    ck_assert_uint_lt(i, n);
    return slice(h, s[i].start, s[i].end);
}
