/* test_worker.c - running steps over a document: the plugin lifecycle
 * (load once, create/destroy per worker, unload at the end), how process()
 * results become document failures or fatal errors, capability checks while
 * a step runs, and dlopen'ed fixture plugins driven the same way. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tpipe/tpipe.h>

#include "config_internal.h"
#include "pipeline_internal.h"

#define FIXTURES TPIPE_BINARY_DIR "/tests/plugins"

/* ---- in-test plugins ---- */

static int loads, unloads, creates, destroys, processed;
static int load_result, create_result, process_result;
static const char *process_message;

static int shared_token;

static int life_load(const tp_config *config, void **shared, tp_error *err)
{
    loads++;
    if (load_result)
        return tp_error_set(err, load_result, "lexicon %s is missing",
                            tp_config_string(config, "lexicon"));
    *shared = &shared_token;
    return 0;
}

static void life_unload(void *shared)
{
    ck_assert_ptr_eq(shared, &shared_token);
    unloads++;
}

static int life_create(void *shared, const tp_config *config, void **instance, tp_error *err)
{
    ck_assert_ptr_eq(shared, &shared_token);
    if (create_result)
        return create_result;
    int *n = malloc(sizeof *n);
    *n = 0;
    *instance = n;
    creates++;
    return 0;
}

static void life_destroy(void *instance)
{
    free(instance);
    destroys++;
}

static int life_process(void *instance, tp_doc *doc, tp_error *err)
{
    int *n = instance;
    (*n)++;
    processed++;
    if (process_result)
        return process_message ? tp_error_set(err, process_result, "%s", process_message)
                               : process_result;
    return tp_doc_set_result(doc, "life", tp_value_int(doc, *n));
}

static const tp_option_spec life_options[] = {
    {"lexicon", TP_OPT_PATH, "/nowhere/lex.txt", NULL, NULL, ""},
    {NULL, 0, NULL, NULL, NULL, NULL},
};
static const char *const life_provides[] = {"doc:life", NULL};
static const tp_plugin life_plugin = {
    TP_PLUGIN_INIT,
    .name = "life",
    .version = "1",
    .provides = life_provides,
    .options = life_options,
    .load = life_load,
    .create = life_create,
    .process = life_process,
    .destroy = life_destroy,
    .unload = life_unload,
};

/* Writes tokens without providing them. */
static int sneaky_process(void *instance, tp_doc *doc, tp_error *err)
{
    tp_token t = {0, 1, TP_TOK_WORD, 0, 0, 0};
    int rc = tp_doc_add_token(doc, &t);
    ck_assert_int_eq(rc, TP_EPERM);
    ck_assert_int_eq(tp_doc_add_span(doc, "quote", 0, 1, NULL), TP_EPERM);
    /* what it provides is allowed */
    ck_assert_int_eq(tp_doc_add_span(doc, "mark", 0, 1, NULL), 0);
    return 0;
}
static const char *const sneaky_provides[] = {"span:mark", NULL};
static const tp_plugin sneaky_plugin = {TP_PLUGIN_INIT, .name = "sneaky", .version = "1",
                                        .provides = sneaky_provides, .process = sneaky_process};

/* Counts calls without create(): the instance is the shared pointer. */
static int plain_calls;
static int plain_process(void *instance, tp_doc *doc, tp_error *err)
{
    ck_assert_ptr_null(instance); /* no load, no create */
    plain_calls++;
    return 0;
}
static const tp_plugin plain_plugin = {TP_PLUGIN_INIT, .name = "plain", .version = "1",
                                       .process = plain_process};

static tp_pipeline *pipeline_of(const tp_plugin *const *plugins, const char *const *ids)
{
    tp_pipeline *p = tp_pipeline_new_empty("test");
    ck_assert_ptr_nonnull(p);
    for (size_t i = 0; plugins[i]; i++) {
        tp_config *c;
        tp_error err = {0};
        ck_assert_int_eq(tp_config_new(plugins[i], ids ? ids[i] : NULL, &c, &err), 0);
        ck_assert_int_eq(tp_pipeline_add_step(p, plugins[i], ids ? ids[i] : NULL, NULL, c), 0);
    }
    return p;
}

static void reset_counters(void)
{
    loads = unloads = creates = destroys = processed = plain_calls = 0;
    load_result = create_result = process_result = 0;
    process_message = NULL;
}

/* ---- lifecycle ---- */

START_TEST(lifecycle_pairs)
{
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&life_plugin, NULL}, NULL);
    tp_error err = {0};
    tp_worker *w1, *w2;
    ck_assert_int_eq(tp_worker_new(p, &w1, &err), 0);
    ck_assert_int_eq(tp_worker_new(p, &w2, &err), 0);
    ck_assert_int_eq(loads, 1); /* once per step, not per worker */
    ck_assert_int_eq(creates, 2);
    tp_doc *d = tp_doc_new();
    for (int i = 0; i < 3; i++) {
        ck_assert_int_eq(tp_doc_reset(d, "x", "text", 4), 0);
        ck_assert_int_eq(tp_worker_process(w1, d, &err), 0);
    }
    /* each worker has its own instance */
    ck_assert_int_eq(tp_value_as_int(tp_doc_result(d, "life")), 3);
    ck_assert_int_eq(tp_doc_reset(d, "y", "text", 4), 0);
    ck_assert_int_eq(tp_worker_process(w2, d, &err), 0);
    ck_assert_int_eq(tp_value_as_int(tp_doc_result(d, "life")), 1);
    ck_assert_uint_gt(tp_worker_step_nanos(w1, 0), 0);
    ck_assert_uint_eq(tp_worker_step_nanos(w1, 1), 0); /* no such step */
    tp_worker_free(w1);
    tp_worker_free(w2);
    ck_assert_int_eq(destroys, 2);
    ck_assert_int_eq(unloads, 0);
    tp_pipeline_free(p);
    ck_assert_int_eq(unloads, 1);
    tp_doc_free(d);
}
END_TEST

START_TEST(load_failure_is_fatal_and_named)
{
    load_result = TP_EIO;
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&life_plugin, NULL},
                                 (const char *[]){"lex"});
    tp_error err = {0};
    tp_worker *w = NULL;
    /* a load() failing on its input is a configuration error: nothing ran */
    ck_assert_int_eq(tp_worker_new(p, &w, &err), TP_ECONFIG);
    ck_assert_ptr_null(w);
    ck_assert_str_eq(err.message, "step 'lex' (plugin life): load failed: lexicon "
                                  "/nowhere/lex.txt is missing");
    ck_assert_int_eq(creates, 0);
    tp_pipeline_free(p);
    ck_assert_int_eq(unloads, 0); /* load failed: nothing to unload */

    /* running out of memory, or a plugin asking to stop, is fatal */
    load_result = TP_ENOMEM;
    p = pipeline_of((const tp_plugin *[]){&life_plugin, NULL}, NULL);
    ck_assert_int_eq(tp_worker_new(p, &w, &err), TP_EFATAL);
    ck_assert_str_eq(err.message, "step 'life' (plugin life): load failed: lexicon "
                                  "/nowhere/lex.txt is missing");
    tp_pipeline_free(p);
}
END_TEST

START_TEST(create_failure_is_fatal_and_named)
{
    create_result = TP_ENOMEM;
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&life_plugin, &life_plugin, NULL},
                                 (const char *[]){"a", "b"});
    tp_error err = {0};
    tp_worker *w = NULL;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), TP_EFATAL);
    ck_assert_str_eq(err.message, "step 'a' (plugin life): create failed: out of memory");
    ck_assert_int_eq(destroys, 0);
    tp_pipeline_free(p);
    ck_assert_int_eq(unloads, 2);
}
END_TEST

START_TEST(no_create_uses_shared)
{
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&plain_plugin, NULL}, NULL);
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_worker_process(w, d, &err), 0);
    ck_assert_int_eq(plain_calls, 1);
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

/* ---- process results ---- */

START_TEST(document_error_stops_later_steps)
{
    process_result = TP_EDOC;
    process_message = "cannot read this one";
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&life_plugin, &plain_plugin, NULL},
                                 (const char *[]){"first", "second"});
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(d, "doc-7", "text", 4), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), TP_EDOC);
    ck_assert_str_eq(err.message, "step 'first': cannot read this one");
    ck_assert_int_eq(plain_calls, 0);
    ck_assert(tp_doc_failed(d));
    size_t n;
    const tp_doc_error *e = tp_doc_errors(d, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(e[0].step, "first");
    ck_assert_str_eq(e[0].message, "cannot read this one");
    ck_assert_uint_eq(e[0].input_line, 0);
    /* a failed document is not processed again */
    process_result = 0;
    ck_assert_int_eq(tp_worker_process(w, d, &err), TP_EDOC);
    ck_assert_int_eq(processed, 1);
    /* the next document starts clean */
    ck_assert_int_eq(tp_doc_reset(d, "doc-8", "text", 4), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), 0);
    ck_assert_int_eq(plain_calls, 1);
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

START_TEST(other_codes_are_document_errors)
{
    process_result = TP_EPERM; /* a bare code, no message */
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&life_plugin, NULL}, NULL);
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_worker_process(w, d, &err), TP_EDOC);
    size_t n;
    const tp_doc_error *e = tp_doc_errors(d, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(e[0].step, "life");
    ck_assert_str_eq(e[0].message, tp_strerror(TP_EPERM));
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

START_TEST(fatal_error_names_step_and_document)
{
    process_result = TP_EFATAL;
    process_message = "model file vanished";
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&life_plugin, &plain_plugin, NULL},
                                 (const char *[]){"model", "after"});
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(d, "news/1.txt", "text", 4), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), TP_EFATAL);
    ck_assert_int_eq(err.code, TP_EFATAL);
    ck_assert_str_eq(err.message, "step 'model': model file vanished (document 'news/1.txt')");
    ck_assert_int_eq(plain_calls, 0);
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

START_TEST(capabilities_enforced_while_running)
{
    tp_pipeline *p = pipeline_of((const tp_plugin *[]){&sneaky_plugin, NULL}, NULL);
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(d, "x", "abc", 3), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), 0);
    size_t n;
    tp_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(tp_doc_layer_count(d), 1);
    ck_assert_str_eq(tp_doc_layer_name(d, 0), "mark");
    /* after the step the core may write again (the reader fills meta, say) */
    tp_token t = {0, 1, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &t), 0);
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

/* ---- fixture plugins through the loader ---- */

static tp_pipeline *load_fixture(const char *yaml)
{
    static const char *const dirs[] = {FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 1};
    tp_diags *diags = tp_diags_new();
    tp_pipeline *p = NULL;
    int rc = tp_pipeline_load_string(yaml, strlen(yaml), "t.yaml", NULL, &opts, &p, diags);
    ck_assert_msg(rc == 0, "%s", tp_diags_message(diags, 0));
    tp_diags_free(diags);
    return p;
}

START_TEST(fixture_words_and_fail)
{
    unsetenv("TPIPE_PLUGIN_PATH");
    tp_pipeline *p = load_fixture("version: 1\nsteps:\n  - plugin: fx_words\n"
                                  "    options: {limit: 3}\n  - plugin: fx_fail\n");
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    const char *text = "  one two\n\nthree  ";
    ck_assert_int_eq(tp_doc_reset(d, "a", text, strlen(text)), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), 0);
    size_t n;
    const tp_token *t = tp_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(t[0].start, 2);
    ck_assert_uint_eq(t[2].end, 16);
    ck_assert_uint_eq(t[2].sentence, 0);
    const tp_sentence *s = tp_doc_sentences(d, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(s[0].start, 2);
    ck_assert_uint_eq(s[0].end, 16);
    const tp_paragraph *para = tp_doc_paragraphs(d, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(para[0].sent_end, 1); /* linked by the core after the step */
    ck_assert(tp_value_as_bool(tp_object_get(tp_doc_result(d, "fx_fail"), "ok")));
    ck_assert_int_eq(tp_value_as_int(tp_object_get(tp_doc_result(d, "fx_words"), "limit")), 3);

    ck_assert_int_eq(tp_doc_reset(d, "b", "x FAIL-ME y", 11), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), TP_EDOC);
    const tp_doc_error *e = tp_doc_errors(d, &n);
    ck_assert_str_eq(e[0].step, "fx_fail");
    ck_assert_str_eq(e[0].message, "found the marker");
    ck_assert_ptr_null(tp_doc_result(d, "fx_fail"));

    ck_assert_int_eq(tp_doc_reset(d, "c", "STOP-ALL", 8), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), TP_EFATAL);
    ck_assert_str_eq(err.message, "step 'fx_fail': found the fatal marker (document 'c')");
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

START_TEST(fixture_perm_fails_document)
{
    unsetenv("TPIPE_PLUGIN_PATH");
    tp_pipeline *p = load_fixture("version: 1\nsteps:\n  - plugin: fx_perm\n");
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(d, "a", "text", 4), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), TP_EDOC);
    size_t n;
    const tp_doc_error *e = tp_doc_errors(d, &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(e[0].step, "fx_perm");
    /* the plugin passed the code up without a message: the core says what
     * it wrote and how to fix the descriptor */
    ck_assert_str_eq(e[0].message, "not permitted: it wrote 'doc:undeclared' without providing "
                                   "it; add \"doc:undeclared\" to the plugin descriptor's "
                                   "provides");
    ck_assert_ptr_null(tp_doc_result(d, "undeclared"));
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

START_TEST(empty_document_through_fixture)
{
    unsetenv("TPIPE_PLUGIN_PATH");
    tp_pipeline *p = load_fixture("version: 1\nsteps:\n  - plugin: fx_words\n"
                                  "  - plugin: fx_fail\n");
    tp_error err = {0};
    tp_worker *w;
    ck_assert_int_eq(tp_worker_new(p, &w, &err), 0);
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(d, "empty", "", 0), 0);
    ck_assert_int_eq(tp_worker_process(w, d, &err), 0);
    size_t n;
    tp_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 0);
    tp_doc_sentences(d, &n);
    ck_assert_uint_eq(n, 0);
    tp_doc_paragraphs(d, &n);
    ck_assert_uint_eq(n, 1);
    tp_worker_free(w);
    tp_pipeline_free(p);
    tp_doc_free(d);
}
END_TEST

static Suite *worker_suite(void)
{
    Suite *s = suite_create("worker");
    TCase *tc = tcase_create("lifecycle");
    tcase_add_checked_fixture(tc, reset_counters, NULL);
    tcase_add_test(tc, lifecycle_pairs);
    tcase_add_test(tc, load_failure_is_fatal_and_named);
    tcase_add_test(tc, create_failure_is_fatal_and_named);
    tcase_add_test(tc, no_create_uses_shared);
    suite_add_tcase(s, tc);
    tc = tcase_create("process");
    tcase_add_checked_fixture(tc, reset_counters, NULL);
    tcase_add_test(tc, document_error_stops_later_steps);
    tcase_add_test(tc, other_codes_are_document_errors);
    tcase_add_test(tc, fatal_error_names_step_and_document);
    tcase_add_test(tc, capabilities_enforced_while_running);
    suite_add_tcase(s, tc);
    tc = tcase_create("fixtures");
    tcase_add_test(tc, fixture_words_and_fail);
    tcase_add_test(tc, fixture_perm_fails_document);
    tcase_add_test(tc, empty_document_through_fixture);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(worker_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
