/* test_sentiment_quotes.c - per-quote sentiment and per-speaker means, with
 * the quotes step before the sentiment step (tokenizer, quotes, sentiment).
 * Expected values use tests/data/test_lexicon.tsv, N(S) = S / sqrt(S^2 + 15). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "harness.h"

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_quotes_plugin;
extern const tp_plugin tp_sentiment_plugin;

#define TEST_LEXICON "lexicon=" TPIPE_SOURCE_DIR "/plugins/sentiment/tests/data/test_lexicon.tsv"

static const char article[] =
    "\"This is a good deal,\" said John Smith. \"It is a terrible outcome,\" said Jane Doe. "
    "\"We are very happy,\" John Smith said.";

static th_harness *quote_harness(const char *scopes)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    th_add(h, &tp_quotes_plugin, NULL);
    th_add(h, &tp_sentiment_plugin,
           (const char *[]){TEST_LEXICON, "lexicon_mode=replace", scopes, NULL});
    return h;
}

#define ASSERT_NEAR(got, want, what)                                                               \
    ck_assert_msg(fabs((got) - (want)) < 0.0006, "%s: got %.4f, want %.4f", what, (double)(got),   \
                  (double)(want))

START_TEST(test_quote_attribute)
{
    th_harness *h = quote_harness("scopes=document,quote");
    tp_doc *d = th_run(h, article);
    size_t n;
    const tp_span *q = tp_doc_spans(d, "quote", &n);
    ck_assert_uint_eq(n, 3);
    /* N(2), N(-3), N(2.5 + 0.293) */
    const double want[] = {0.4588, -0.6124, 0.5849};
    for (size_t i = 0; i < n; i++) {
        const tp_value *s = tp_object_get(q[i].attrs, "sentiment");
        ck_assert_msg(s != NULL, "quote %zu has no sentiment", i);
        ASSERT_NEAR(tp_value_as_number(s), want[i], "quote");
    }
    th_free(h);
}
END_TEST

START_TEST(test_speakers)
{
    th_harness *h = quote_harness("scopes=document,quote");
    tp_doc *d = th_run(h, article);
    const tp_value *sp = tp_object_get(tp_doc_result(d, "sentiment"), "speakers");
    ck_assert_ptr_nonnull(sp);
    ck_assert_uint_eq(tp_value_length(sp), 2);
    /* most quotes first: John Smith (2), then Jane Doe (1) */
    const tp_value *a = tp_array_get(sp, 0), *b = tp_array_get(sp, 1);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(a, "name"), NULL), "John Smith");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(a, "quotes")), 2);
    ASSERT_NEAR(tp_value_as_number(tp_object_get(a, "sentiment")), (0.4588 + 0.5849) / 2,
                "John Smith");
    ck_assert_str_eq(tp_value_as_string(tp_object_get(b, "name"), NULL), "Jane Doe");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(b, "quotes")), 1);
    ASSERT_NEAR(tp_value_as_number(tp_object_get(b, "sentiment")), -0.6124, "Jane Doe");
    th_free(h);
}
END_TEST

START_TEST(test_no_quote_scope)
{
    /* without the quote scope the spans get no attribute; speakers remain */
    th_harness *h = quote_harness("scopes=document");
    tp_doc *d = th_run(h, article);
    size_t n;
    const tp_span *q = tp_doc_spans(d, "quote", &n);
    ck_assert_uint_eq(n, 3);
    for (size_t i = 0; i < n; i++)
        ck_assert_ptr_null(tp_object_get(q[i].attrs, "sentiment"));
    ck_assert_ptr_nonnull(tp_object_get(tp_doc_result(d, "sentiment"), "speakers"));
    th_free(h);
}
END_TEST

START_TEST(test_document_unchanged_by_quotes)
{
    /* the document score is the same with or without the quotes step */
    th_harness *h = quote_harness("scopes=document");
    double with = tp_value_as_number(
        tp_object_get(tp_doc_result(th_run(h, article), "sentiment"), "compound"));
    th_free(h);
    h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    th_add(h, &tp_sentiment_plugin, (const char *[]){TEST_LEXICON, "lexicon_mode=replace", NULL});
    double without = tp_value_as_number(
        tp_object_get(tp_doc_result(th_run(h, article), "sentiment"), "compound"));
    th_free(h);
    ASSERT_NEAR(with, without, "document");
}
END_TEST

START_TEST(test_no_quotes)
{
    th_harness *h = quote_harness("scopes=document,quote");
    tp_doc *d = th_run(h, "The deal is good.");
    ck_assert_ptr_null(tp_object_get(tp_doc_result(d, "sentiment"), "speakers"));
    th_free(h);
}
END_TEST

static Suite *quotes_suite(void)
{
    Suite *s = suite_create("sentiment_quotes");
    TCase *tc = tcase_create("quotes");
    tcase_add_test(tc, test_quote_attribute);
    tcase_add_test(tc, test_speakers);
    tcase_add_test(tc, test_no_quote_scope);
    tcase_add_test(tc, test_document_unchanged_by_quotes);
    tcase_add_test(tc, test_no_quotes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(quotes_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
