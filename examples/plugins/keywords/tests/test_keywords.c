/* test_keywords.c - runs the installed tokenizer and this build's keywords
 * plugin on short texts, through tpipe's embedding API. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/tpipe.h>

/* ---- a one-document pipeline run ---------------------------------------- */

static tp_pipeline *pipeline;
static tp_worker *worker;
static tp_doc *doc;

/* Loads `yaml`, looking for plugins in this build's folder first, and runs
 * it on `text`. Returns the document; any failure fails the test. */
static tp_doc *run(const char *yaml, const char *text)
{
    const char *dirs[] = {PLUGIN_DIR};
    tp_load_options opts = {
        .struct_size = sizeof opts, .plugin_dirs = dirs, .plugin_dir_count = 1};
    tp_diags *diags = tp_diags_new();
    int rc = tp_pipeline_load_string(yaml, strlen(yaml), "test.yaml", NULL, &opts, &pipeline,
                                     diags);
    ck_assert_msg(rc == 0, "%s", tp_diags_count(diags) ? tp_diags_message(diags, 0) : "?");
    tp_diags_free(diags);

    tp_error err = {0};
    ck_assert_msg(tp_pipeline_prepare(pipeline, &err) == 0, "%s", err.message);
    ck_assert_msg(tp_worker_new(pipeline, &worker, &err) == 0, "%s", err.message);
    doc = tp_doc_new();
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(tp_doc_reset(doc, "test", text, strlen(text)), 0);
    rc = tp_worker_process(worker, doc, &err);
    size_t nerr;
    const tp_doc_error *errors = tp_doc_errors(doc, &nerr);
    ck_assert_msg(rc == 0, "%s", nerr ? errors[0].message : err.message);
    return doc;
}

static void teardown(void)
{
    tp_doc_free(doc);
    tp_worker_free(worker);
    tp_pipeline_free(pipeline);
    doc = NULL;
    worker = NULL;
    pipeline = NULL;
}

/* ---- tests ------------------------------------------------------------------ */


/* ---- tests ------------------------------------------------------------------ */

/* The pipeline with `options` (YAML flow mapping) for the keywords step. */
static tp_doc *run_with(const char *options, const char *text)
{
    static char yaml[512];
    snprintf(yaml, sizeof yaml,
             "version: 1\n"
             "steps:\n"
             "  - plugin: tokenizer\n"
             "  - plugin: keywords\n"
             "    options: %s\n",
             options);
    return run(yaml, text);
}

static const char *word(const tp_value *list, size_t i)
{
    return tp_value_as_string(tp_object_get(tp_array_get(list, i), "word"), NULL);
}

static const char text[] = "Sanctions were the question. The minister spoke of sanctions. "
                           "Sanctions stay, the minister said. Talks may resume.";

START_TEST(test_ranks_by_count)
{
    const tp_value *kw = tp_doc_result(run_with("{}", text), "keywords");
    ck_assert_int_eq(tp_value_type_of(kw), TP_VALUE_ARRAY);
    ck_assert_str_eq(word(kw, 0), "sanctions"); /* lower case: "Sanctions" x2, "sanctions" */
    ck_assert_int_eq(tp_value_as_int(tp_object_get(tp_array_get(kw, 0), "count")), 3);
    ck_assert_str_eq(word(kw, 1), "minister");
}
END_TEST

START_TEST(test_top)
{
    const tp_value *kw = tp_doc_result(run_with("{top: 2}", text), "keywords");
    ck_assert_int_eq(tp_value_length(kw), 2);
}
END_TEST

START_TEST(test_stopwords_and_min_length)
{
    const tp_value *kw =
        tp_doc_result(run_with("{stopwords: [sanctions], min_length: 6}", text), "keywords");
    ck_assert_str_eq(word(kw, 0), "minister");
    for (size_t i = 0; i < tp_value_length(kw); i++)
        ck_assert_uint_ge(strlen(word(kw, i)), 6);
}
END_TEST

START_TEST(test_idf_file)
{
    /* "minister" is everywhere in the collection, so it falls below words
     * the collection has never seen, which share the top IDF. */
    const tp_value *kw = tp_doc_result(
        run_with("{idf: " TEST_DATA_DIR "/collection.idf}", text), "keywords");
    ck_assert_str_eq(word(kw, 0), "sanctions");
    ck_assert_str_eq(word(kw, tp_value_length(kw) - 1), "minister");
}
END_TEST

START_TEST(test_broken_idf_file)
{
    static const char yaml[] = "version: 1\n"
                               "steps:\n"
                               "  - plugin: tokenizer\n"
                               "  - plugin: keywords\n"
                               "    options: {idf: " TEST_DATA_DIR "/broken.idf}\n";
    const char *dirs[] = {PLUGIN_DIR};
    tp_load_options opts = {
        .struct_size = sizeof opts, .plugin_dirs = dirs, .plugin_dir_count = 1};
    ck_assert_int_eq(
        tp_pipeline_load_string(yaml, strlen(yaml), "t.yaml", NULL, &opts, &pipeline, NULL), 0);
    tp_error err = {0};
    /* load() fails, so the run never starts; the message names the line. */
    ck_assert_int_ne(tp_pipeline_prepare(pipeline, &err), 0);
    ck_assert_ptr_nonnull(strstr(err.message, "broken.idf:2: expected 'word<TAB>document count'"));
}
END_TEST

START_TEST(test_no_words)
{
    const tp_value *kw = tp_doc_result(run_with("{}", "42 + 7 = 49"), "keywords");
    ck_assert_int_eq(tp_value_type_of(kw), TP_VALUE_ARRAY);
    ck_assert_int_eq(tp_value_length(kw), 0);
}
END_TEST

static Suite *keywords_suite(void)
{
    Suite *s = suite_create("keywords");
    TCase *tc = tcase_create("ranking");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_ranks_by_count);
    tcase_add_test(tc, test_no_words);
    suite_add_tcase(s, tc);
    tc = tcase_create("options");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_top);
    tcase_add_test(tc, test_stopwords_and_min_length);
    tcase_add_test(tc, test_idf_file);
    tcase_add_test(tc, test_broken_idf_file);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(keywords_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
