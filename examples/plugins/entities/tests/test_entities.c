/* test_entities.c - runs the installed tokenizer and this build's entities
 * and entity_index plugins on short texts, through tpipe's embedding API. */
#include <check.h>
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

static const char *const with_gazetteer =
    "version: 1\n"
    "steps:\n"
    "  - plugin: tokenizer\n"
    "  - plugin: entities\n"
    "    options: {gazetteer: " GAZETTEER "}\n"
    "  - plugin: entity_index\n";

static const char *const rules_only =
    "version: 1\n"
    "steps:\n"
    "  - plugin: tokenizer\n"
    "  - plugin: entities\n"
    "  - plugin: entity_index\n";

static const char *attr(const tp_span *span, const char *key)
{
    return tp_value_as_string(tp_object_get(span->attrs, key), NULL);
}

/* Each text holds one name; `type` and `source` are what the rules say. */
static const struct {
    const char *text, *name, *type, *source;
} names[] = {
    {"Yesterday US President Donald Trump met reporters.", "Donald Trump", "person", "rule"},
    {"It was news to leader Kim Jong Un today.", "Kim Jong Un", "person", "rule"},
    {"He joined the Korean Central News Agency last year.", "Korean Central News Agency",
     "organisation", "rule"},
    {"She lives in Dunmore now.", "Dunmore", "place", "rule"},
    {"The talks in Hanoi ended.", "Hanoi", "place", "gazetteer"},
    {"They met Secretary of State Mike Pompeo.", "Mike Pompeo", "person", "rule"},
    {"They quoted the Bank of England.", "Bank of England", "organisation", "rule"},
};

START_TEST(test_names)
{
    tp_doc *d = run(with_gazetteer, names[_i].text);
    size_t n;
    const tp_span *spans = tp_doc_spans(d, "entity", &n);
    size_t k = 0;
    while (k < n && strcmp(attr(&spans[k], "text"), names[_i].name) != 0)
        k++;
    ck_assert_msg(k < n, "'%s' not found in \"%s\"", names[_i].name, names[_i].text);
    ck_assert_str_eq(attr(&spans[k], "type"), names[_i].type);
    ck_assert_str_eq(attr(&spans[k], "source"), names[_i].source);
    /* The span's offsets and its text attribute agree. */
    const char *text = tp_doc_text(d, NULL);
    ck_assert_int_eq(spans[k].end - spans[k].start, strlen(names[_i].name));
    ck_assert_int_eq(memcmp(text + spans[k].start, names[_i].name, strlen(names[_i].name)), 0);
}
END_TEST

START_TEST(test_sentence_start_is_no_name)
{
    size_t n;
    tp_doc_spans(run(rules_only, "Sometimes you have to walk away."), "entity", &n);
    ck_assert_uint_eq(n, 0);
}
END_TEST

START_TEST(test_gazetteer_type_wins)
{
    size_t n;
    const tp_span *s = tp_doc_spans(run(with_gazetteer, "We flew from Seoul."), "entity", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(attr(&s[0], "source"), "gazetteer");
    teardown();
    s = tp_doc_spans(run(rules_only, "We flew from Seoul."), "entity", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(attr(&s[0], "type"), "place");
    ck_assert_str_eq(attr(&s[0], "source"), "rule");
}
END_TEST

START_TEST(test_index_links_short_names)
{
    tp_doc *d = run(rules_only, "Donald Trump arrived. Then Trump said no. Kim Jong Un left.");
    const tp_value *list = tp_doc_result(d, "entities");
    ck_assert_uint_eq(tp_value_length(list), 2);
    const tp_value *top = tp_array_get(list, 0);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(top, "name"), NULL), "Donald Trump");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(top, "mentions")), 2);
}
END_TEST

START_TEST(test_index_min_mentions)
{
    tp_doc *d = run("version: 1\n"
                    "steps:\n"
                    "  - plugin: tokenizer\n"
                    "  - plugin: entities\n"
                    "  - plugin: entity_index\n"
                    "    options: {min_mentions: 2}\n",
                    "Donald Trump arrived. Then Trump said no. Kim Jong Un left.");
    ck_assert_uint_eq(tp_value_length(tp_doc_result(d, "entities")), 1);
}
END_TEST

/* Loading fails with this message; nothing runs. */
static void assert_load_fails(const char *yaml, const char *message)
{
    const char *dirs[] = {PLUGIN_DIR};
    tp_load_options opts = {
        .struct_size = sizeof opts, .plugin_dirs = dirs, .plugin_dir_count = 1};
    tp_diags *diags = tp_diags_new();
    tp_error err = {0};
    int rc = tp_pipeline_load_string(yaml, strlen(yaml), "t.yaml", NULL, &opts, &pipeline, diags);
    const char *got = rc ? tp_diags_message(diags, 0) : NULL;
    if (rc == 0 && tp_pipeline_prepare(pipeline, &err) != 0)
        got = err.message;
    ck_assert_msg(got && strstr(got, message), "expected '%s', got '%s'", message,
                  got ? got : "success");
    tp_diags_free(diags);
}

START_TEST(test_index_needs_entities)
{
    /* entity_index requires span:entity, which no earlier step provides. */
    assert_load_fails("version: 1\nsteps:\n  - plugin: tokenizer\n  - plugin: entity_index\n",
                      "span:entity");
}
END_TEST

START_TEST(test_broken_gazetteer)
{
    assert_load_fails("version: 1\n"
                      "steps:\n"
                      "  - plugin: tokenizer\n"
                      "  - plugin: entities\n"
                      "    options: {gazetteer: " TEST_DATA_DIR "/broken_gazetteer.txt}\n",
                      "broken_gazetteer.txt:1: expected 'Name<TAB>type'");
}
END_TEST

static Suite *entities_suite(void)
{
    Suite *s = suite_create("entities");
    TCase *tc = tcase_create("rules");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_loop_test(tc, test_names, 0, sizeof names / sizeof *names);
    tcase_add_test(tc, test_sentence_start_is_no_name);
    tcase_add_test(tc, test_gazetteer_type_wins);
    suite_add_tcase(s, tc);
    tc = tcase_create("index");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_index_links_short_names);
    tcase_add_test(tc, test_index_min_mentions);
    suite_add_tcase(s, tc);
    tc = tcase_create("errors");
    tcase_add_checked_fixture(tc, NULL, teardown);
    tcase_add_test(tc, test_index_needs_entities);
    tcase_add_test(tc, test_broken_gazetteer);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(entities_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
