/* test_readability.c - runs the installed tokenizer and this build's
 * readability plugin on short texts, through tpipe's embedding API. */
#include <check.h>
#include <math.h>
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

static const char *const pipeline_yaml =
    "version: 1\n"
    "steps:\n"
    "  - plugin: tokenizer\n"
    "  - plugin: readability\n";

static double number(const tp_value *r, const char *key)
{
    return tp_value_as_number(tp_object_get(r, key));
}

/* Texts whose word, syllable and sentence counts are known. */
static const struct {
    const char *text;
    int64_t sentences, words, syllables;
} counts[] = {
    {"The cat sat on the mat.", 1, 6, 6},
    {"Yesterday the committee agreed.", 1, 4, 9},
    {"They asked. We wanted more time!", 2, 6, 7},
    {"Make a table. The system was simple.", 2, 7, 10},
    {"It isn't over.", 1, 3, 4},
};

START_TEST(test_counts)
{
    const tp_value *r = tp_doc_result(run(pipeline_yaml, counts[_i].text), "readability");
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "sentences")), counts[_i].sentences);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "words")), counts[_i].words);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "syllables")), counts[_i].syllables);
}
END_TEST

START_TEST(test_formulas)
{
    /* 1 sentence, 6 words, 6 syllables: 206.835 - 1.015 * 6 - 84.6 * 1. */
    const tp_value *r = tp_doc_result(run(pipeline_yaml, "The cat sat on the mat."),
                                      "readability");
    ck_assert_double_eq_tol(number(r, "flesch_reading_ease"), 116.145, 1e-3);
    ck_assert_double_eq_tol(number(r, "flesch_kincaid_grade"), 0.39 * 6 + 11.8 - 15.59, 1e-3);
}
END_TEST

START_TEST(test_empty_document)
{
    const tp_value *r = tp_doc_result(run(pipeline_yaml, ""), "readability");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "words")), 0);
    /* Undefined scores are null, never NaN. */
    ck_assert_int_eq(tp_value_type_of(tp_object_get(r, "flesch_reading_ease")), TP_VALUE_NULL);
}
END_TEST

START_TEST(test_skip_headings_option)
{
    static const char text[] = "Summit Ends Without Agreement\n\nThe talks ended early.\n";
    const tp_value *r = tp_doc_result(run(pipeline_yaml, text), "readability");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "words")), 4);
    teardown();
    r = tp_doc_result(run("version: 1\n"
                          "steps:\n"
                          "  - plugin: tokenizer\n"
                          "  - plugin: readability\n"
                          "    options: {skip_headings: false}\n",
                          text),
                      "readability");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "words")), 8);
}
END_TEST

static Suite *readability_suite(void)
{
    Suite *s = suite_create("readability");
    TCase *tc = tcase_create("counts");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_counts, 0, sizeof counts / sizeof *counts);
    tcase_add_test(tc, test_formulas);
    tcase_add_test(tc, test_empty_document);
    suite_add_tcase(s, tc);
    tc = tcase_create("options");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_skip_headings_option);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(readability_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
