/* test_sentiment_lexicon.c - the sentiment lexicon: both public file formats,
 * our own lists, normalisation of keys, the compiled-in lexicon, and broken
 * files reported with their line number. No tokenizer needed. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "builtin.h"
#include "lexicon.h"

#define DATA_DIR TPIPE_SOURCE_DIR "/plugins/sentiment/tests/data/"

static const tp_senti_entry *find(const tp_senti_lex *lex, const char *key)
{
    return tp_senti_lex_find(lex, key, strlen(key));
}

static float valence(const tp_senti_lex *lex, const char *key)
{
    const tp_senti_entry *e = find(lex, key);
    ck_assert_msg(e && (e->flags & TP_SENTI_VALENCE), "no valence for '%s'", key);
    return e->valence;
}

static tp_senti_lex *load_file(const char *name, double scale)
{
    char path[1024];
    snprintf(path, sizeof path, "%s%s", DATA_DIR, name);
    tp_senti_lex *lex = tp_senti_lex_new();
    tp_error err = {0};
    int rc = tp_senti_lex_add_file(lex, path, TP_SENTI_LIST_VALENCE, scale, &err);
    ck_assert_msg(rc == 0, "%s: %s", name, err.message);
    return lex;
}

START_TEST(test_vader_format)
{
    tp_senti_lex *lex = load_file("vader_format.tsv", 1.0);
    ck_assert_float_eq_tol(valence(lex, "splendid"), 3.1f, 1e-6);
    ck_assert_float_eq_tol(valence(lex, "gloomy"), -2.2f, 1e-6);
    ck_assert_uint_eq(tp_senti_lex_valence_count(lex), 3);
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_integer_format)
{
    tp_senti_lex *lex = load_file("integer_format.tsv", 0.8);
    ck_assert_float_eq_tol(valence(lex, "superb"), 4.0f, 1e-6);
    ck_assert_float_eq_tol(valence(lex, "dreadful"), -2.4f, 1e-6);
    ck_assert_float_eq_tol(valence(lex, "fine"), 1.6f, 1e-6);
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_our_format)
{
    tp_senti_lex *lex = load_file("test_lexicon.tsv", 1.0);
    ck_assert_float_eq_tol(valence(lex, "good"), 2.0f, 1e-6);
    ck_assert_float_eq_tol(valence(lex, "cut the mustard"), 2.0f, 1e-6);
    ck_assert_float_eq_tol(valence(lex, ":D"), 2.5f, 1e-6);
    ck_assert_ptr_null(find(lex, ":d")); /* emoticons keep their case */
    /* the first word of a phrase knows it may start one */
    const tp_senti_entry *head = find(lex, "cut");
    ck_assert_ptr_nonnull(head);
    ck_assert(head->flags & TP_SENTI_PHRASE_HEAD);
    ck_assert_uint_eq(head->max_words, 3);
    ck_assert(!(head->flags & TP_SENTI_VALENCE));
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_crlf_bom)
{
    tp_senti_lex *lex = load_file("crlf_bom.tsv", 1.0);
    ck_assert_float_eq_tol(valence(lex, "good"), 2.0f, 1e-6);
    ck_assert_float_eq_tol(valence(lex, "bad"), -2.0f, 1e-6);
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_later_entry_wins)
{
    tp_senti_lex *lex = tp_senti_lex_new();
    const char text[] = "good\t2\nGood\t1.5\n";
    ck_assert_int_eq(
        tp_senti_lex_add_text(lex, text, strlen(text), "t", TP_SENTI_LIST_VALENCE, 1.0, NULL), 0);
    ck_assert_float_eq_tol(valence(lex, "good"), 1.5f, 1e-6);
    ck_assert_uint_eq(tp_senti_lex_valence_count(lex), 1);
    tp_senti_lex_free(lex);
}
END_TEST

static const struct {
    const char *file;
    const char *expect; /* substring of the message: file:line and the cause */
} broken[] = {
    {"broken_notab.tsv", "broken_notab.tsv:4: expected"},
    {"broken_number.tsv", "broken_number.tsv:3: 'very' is not a number"},
    {"broken_range.tsv", "broken_range.tsv:3: valence -5 of 'awful' is outside [-4, 4]"},
    {"broken_ratings.tsv", "broken_ratings.tsv:1: fourth field must be a list of ratings"},
    {"broken_stddev.tsv", "broken_stddev.tsv:1: third field 'lots' is not a standard deviation"},
    {"broken_empty_term.tsv", "broken_empty_term.tsv:5: empty term"},
    {"broken_fields.tsv", "broken_fields.tsv:1: too many fields"},
};

START_TEST(test_broken_file)
{
    char path[1024];
    snprintf(path, sizeof path, "%s%s", DATA_DIR, broken[_i].file);
    tp_senti_lex *lex = tp_senti_lex_new();
    tp_error err = {0};
    int rc = tp_senti_lex_add_file(lex, path, TP_SENTI_LIST_VALENCE, 1.0, &err);
    ck_assert_int_eq(rc, TP_EPARSE);
    ck_assert_int_eq(err.code, TP_EPARSE);
    ck_assert_msg(strstr(err.message, broken[_i].expect) != NULL, "message: %s", err.message);
    tp_senti_lex_free(lex);
}
END_TEST

static const struct {
    tp_senti_list_kind kind;
    const char *text;
    const char *expect;
} broken_text[] = {
    {TP_SENTI_LIST_VALENCE, "ok\t1\nbad\0x\t1\n", "t:2: NUL byte"},
    {TP_SENTI_LIST_VALENCE, "ok\t1\n\xff\xfe\t1\n", "t:2: the term is not valid UTF-8"},
    {TP_SENTI_LIST_VALENCE, "nan\tnan\n", "t:1: 'nan' is not a number"},
    {TP_SENTI_LIST_VALENCE, "big\t4.5\n", "t:1: valence 4.5 of 'big' is outside"},
    {TP_SENTI_LIST_NEGATORS, "not\nnever\t1\n", "t:2: expected one term a line"},
    {TP_SENTI_LIST_MODIFIERS, "very\t0.293\nmost\n", "t:2: expected 'term<TAB>increment'"},
    {TP_SENTI_LIST_MODIFIERS, "very\t2\n", "t:1: expected 'term<TAB>increment' with a non-zero"},
    {TP_SENTI_LIST_MODIFIERS, "very\t0\n", "t:1: expected 'term<TAB>increment' with a non-zero"},
};

START_TEST(test_broken_text)
{
    tp_senti_lex *lex = tp_senti_lex_new();
    tp_error err = {0};
    /* the NUL row needs its real length */
    size_t len = strlen(broken_text[_i].text);
    if (_i == 0)
        len = sizeof "ok\t1\nbad\0x\t1\n" - 1;
    int rc =
        tp_senti_lex_add_text(lex, broken_text[_i].text, len, "t", broken_text[_i].kind, 1.0, &err);
    ck_assert_int_eq(rc, TP_EPARSE);
    ck_assert_msg(strstr(err.message, broken_text[_i].expect) != NULL, "message: %s", err.message);
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_missing_file)
{
    tp_senti_lex *lex = tp_senti_lex_new();
    tp_error err = {0};
    int rc =
        tp_senti_lex_add_file(lex, DATA_DIR "no_such_file.tsv", TP_SENTI_LIST_VALENCE, 1.0, &err);
    ck_assert_int_eq(rc, TP_EIO);
    ck_assert_msg(strstr(err.message, "no_such_file.tsv") != NULL, "message: %s", err.message);
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_scale_rescues_range)
{
    tp_senti_lex *lex = load_file("broken_range.tsv", 0.8);
    ck_assert_float_eq_tol(valence(lex, "awful"), -4.0f, 1e-6);
    tp_senti_lex_free(lex);
}
END_TEST

static const struct {
    const char *in;
    bool fold;
    const char *out;
} norm_cases[] = {
    {"GOOD", true, "good"},
    {"Schön", true, "schön"},
    {"ÉTÉ", true, "été"},
    {"don\xE2\x80\x99t", true, "don't"},                            /* ’ -> ' */
    {"\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", true, "\xF0\x9F\x91\x8D"}, /* skin tone dropped */
    {"\xE2\x9D\xA4\xEF\xB8\x8F", true, "\xE2\x9D\xA4"},             /* VS16 dropped */
    {":D", false, ":D"},
    {"cut  the   mustard", true, "cut the mustard"},
};

START_TEST(test_normalise)
{
    char out[256];
    const char *in = norm_cases[_i].in;
    size_t n = tp_senti_normalise(in, strlen(in), norm_cases[_i].fold, out);
    out[n] = '\0';
    ck_assert_str_eq(out, norm_cases[_i].out);
}
END_TEST

START_TEST(test_rule_words)
{
    tp_senti_lex *lex = tp_senti_lex_new();
    ck_assert(find(lex, "but")->flags & TP_SENTI_CONTRAST);
    ck_assert(find(lex, "least")->flags & TP_SENTI_LEAST);
    ck_assert(find(lex, "never")->flags & TP_SENTI_NEVER);
    ck_assert(find(lex, "at least")->flags & TP_SENTI_PHRASE);
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_builtin_lists)
{
    tp_senti_lex *lex = tp_senti_lex_new();
    tp_error err = {0};
    ck_assert_msg(tp_senti_add_builtin_lists(lex, &err) == 0, "%s", err.message);
    ck_assert(find(lex, "not")->flags & TP_SENTI_NEGATOR);
    ck_assert(find(lex, "without")->flags & TP_SENTI_NEGATOR);
    ck_assert(find(lex, "very")->flags & TP_SENTI_MODIFIER);
    ck_assert_float_eq_tol(find(lex, "very")->incr, 0.293f, 1e-6);
    ck_assert_float_eq_tol(find(lex, "slightly")->incr, -0.293f, 1e-6);
    ck_assert(find(lex, "kind of")->flags & TP_SENTI_MODIFIER);
    ck_assert(find(lex, "without doubt")->flags & TP_SENTI_MODIFIER);
    ck_assert(!(find(lex, "without doubt")->flags & TP_SENTI_NEGATOR));
    tp_senti_lex_free(lex);
}
END_TEST

START_TEST(test_builtin_lexicon)
{
    tp_senti_lex *lex = tp_senti_lex_new();
    tp_error err = {0};
    ck_assert_msg(tp_senti_add_builtin_lexicon(lex, &err) == 0, "%s", err.message);
    size_t n = tp_senti_lex_valence_count(lex);
    ck_assert_msg(n >= 7000, "built-in lexicon has %zu entries, the issue asks for 7000", n);
    /* news vocabulary named in the issue */
    static const char *neg[] = {"sanctions", "deadlock", "crisis", "failure"};
    static const char *pos[] = {"breakthrough", "praise"};
    for (size_t i = 0; i < 4; i++)
        ck_assert_msg(valence(lex, neg[i]) < 0, "%s", neg[i]);
    for (size_t i = 0; i < 2; i++)
        ck_assert_msg(valence(lex, pos[i]) > 0, "%s", pos[i]);
    tp_senti_lex_free(lex);
}
END_TEST

static Suite *lexicon_suite(void)
{
    Suite *s = suite_create("sentiment_lexicon");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, test_vader_format);
    tcase_add_test(tc, test_integer_format);
    tcase_add_test(tc, test_our_format);
    tcase_add_test(tc, test_crlf_bom);
    tcase_add_test(tc, test_later_entry_wins);
    tcase_add_test(tc, test_scale_rescues_range);
    suite_add_tcase(s, tc);
    tc = tcase_create("broken");
    tcase_add_loop_test(tc, test_broken_file, 0, sizeof broken / sizeof broken[0]);
    tcase_add_loop_test(tc, test_broken_text, 0, sizeof broken_text / sizeof broken_text[0]);
    tcase_add_test(tc, test_missing_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("keys");
    tcase_add_loop_test(tc, test_normalise, 0, sizeof norm_cases / sizeof norm_cases[0]);
    tcase_add_test(tc, test_rule_words);
    suite_add_tcase(s, tc);
    tc = tcase_create("builtin");
    tcase_add_test(tc, test_builtin_lists);
    tcase_add_test(tc, test_builtin_lexicon);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(lexicon_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
