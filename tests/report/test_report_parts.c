/* test_report_parts.c - the pieces of `tpipe report` (core/cli/report_*.c):
 * HTML escaping, numbers, word counts, the string table, and one record's
 * section and index row (quotes marked in emitted sentences, in a source
 * file, or listed), without a browser. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

/* Runs `fn` on a memory stream and returns what it wrote (malloc'd). */
typedef struct capture {
    char *buf;
    size_t len;
    FILE *f;
} capture;

static FILE *capture_open(capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->f = open_memstream(&c->buf, &c->len);
    ck_assert_ptr_nonnull(c->f);
    return c->f;
}

static char *capture_close(capture *c)
{
    fclose(c->f);
    return c->buf;
}

/* ---- escaping and numbers ------------------------------------------------- */

static const struct {
    const char *in;
    const char *expect;
} escape_cases[] = {
    { "plain", "plain" },
    { "<script>alert('x')</script>", "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" },
    { "a & \"b\"", "a &amp; &quot;b&quot;" },
    { "tab\there\nline", "tab\there\nline" },
    { "bell\x07 esc\x1b[31m del\x7f cr\r", "bell esc[31m del cr" },
    { "é — 日本", "é — 日本" },
};

START_TEST(test_escape)
{
    capture c;
    html_str(capture_open(&c), escape_cases[_i].in);
    char *out = capture_close(&c);
    ck_assert_str_eq(out, escape_cases[_i].expect);
    free(out);
}
END_TEST

START_TEST(test_numbers)
{
    capture c;
    FILE *f = capture_open(&c);
    html_count(f, 0);
    fputc(' ', f);
    html_count(f, 999);
    fputc(' ', f);
    html_count(f, 1000);
    fputc(' ', f);
    html_count(f, 1234567);
    fputc(' ', f);
    html_score(f, 0.2049);
    fputc(' ', f);
    html_score(f, -0.31);
    fputc(' ', f);
    html_score(f, -0.004);
    char *out = capture_close(&c);
    ck_assert_str_eq(out, "0 999 1,000 1,234,567 +0.20 -0.31 0.00");
    free(out);
    ck_assert_str_eq(score_class(0.05), "pos");
    ck_assert_str_eq(score_class(0.049), "neu");
    ck_assert_str_eq(score_class(-0.05), "neg");
    ck_assert_str_eq(mark_class(-0.5), "qn");
}
END_TEST

START_TEST(test_bar)
{
    capture c;
    FILE *f = capture_open(&c);
    html_bar(f, -0.5);
    html_bar(f, 3.0);
    char *out = capture_close(&c);
    ck_assert_ptr_nonnull(strstr(out, "<i class=\"neg\" style=\"width:25.0%\">"));
    ck_assert_ptr_nonnull(strstr(out, "<i class=\"pos\" style=\"width:50.0%\">"));
    free(out);
}
END_TEST

/* ---- words ---------------------------------------------------------------- */

static const struct {
    const char *text;
    unsigned words;
} word_cases[] = {
    { "", 0 },
    { "   \n\t ", 0 },
    { "one", 1 },
    { "one two  three", 3 },
    { "don't stop", 2 },
    { "don\xe2\x80\x99t", 1 },
    { "well-known, high-stakes summit.", 3 },
    { "a -- b", 2 },
    { "'quoted' \"words\"", 2 },
    { "2019 3.5 x2", 4 },
    { "Ça été très différent", 4 },
    { "naïve café", 2 },
    { "日本語", 1 },
    { "end-", 1 },
    { "\xff\xfe broken", 1 },
};

START_TEST(test_count_words)
{
    const char *t = word_cases[_i].text;
    ck_assert_uint_eq(count_words(t, strlen(t)), word_cases[_i].words);
}
END_TEST

/* ---- the table ------------------------------------------------------------ */

START_TEST(test_table)
{
    rtable t;
    rtable_init(&t, sizeof(speaker_tally));
    char key[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(key, sizeof key, "speaker %d", i % 1000);
        bool created = false;
        speaker_tally *s = rtable_get(&t, key, (size_t)n, &created);
        ck_assert_ptr_nonnull(s);
        ck_assert(created == (i < 1000));
        s->quotes++;
    }
    ck_assert_uint_eq(t.count, 1000);
    for (size_t i = 0; i < t.count; i++) {
        ck_assert_uint_eq(((speaker_tally *)rtable_item(&t, i))->quotes, 5);
        snprintf(key, sizeof key, "speaker %zu", i);
        ck_assert_str_eq(rtable_key(&t, i), key);
    }
    /* Keys are compared by length too. */
    ck_assert_ptr_nonnull(rtable_get(&t, "speaker 1", 8, NULL));
    ck_assert_uint_eq(t.count, 1001);
    rtable_free(&t);
}
END_TEST

/* ---- records --------------------------------------------------------------- */

typedef struct fixture {
    report_options opts;
    report r;
    capture index, sections;
} fixture;

static void fixture_open(fixture *fx, const char *group_meta)
{
    memset(fx, 0, sizeof *fx);
    fx->opts = (report_options){ .title = "t", .group_meta = group_meta, .top_speakers = 30,
                                 .page_size = 50, .read_sources = true };
    fx->r.opts = &fx->opts;
    rtable_init(&fx->r.speakers, sizeof(speaker_tally));
    rtable_init(&fx->r.groups, sizeof(group_tally));
    fx->r.index = capture_open(&fx->index);
    fx->r.sections = capture_open(&fx->sections);
}

static void fixture_add(fixture *fx, const char *json)
{
    json_error_t err;
    json_t *rec = json_loads(json, 0, &err);
    ck_assert_msg(rec != NULL, "bad fixture: %s", err.text);
    report_add_record(&fx->r, rec);
    json_decref(rec);
    ck_assert(!fx->r.oom);
}

static void fixture_close(fixture *fx, char **index, char **sections)
{
    *index = capture_close(&fx->index);
    *sections = capture_close(&fx->sections);
}

static void fixture_free(fixture *fx, char *index, char *sections)
{
    free(index);
    free(sections);
    for (size_t i = 0; i < fx->r.failure_count; i++) {
        free(fx->r.failures[i].id);
        free(fx->r.failures[i].message);
    }
    rtable_free(&fx->r.speakers);
    rtable_free(&fx->r.groups);
}

/* "Title\n\n“Fine,” he said." with emitted sentences and one quote. */
static const char sentences_record[] =
    "{\"id\":\"feed/1\",\"meta\":{\"desk\":\"politics\"},"
    "\"stats\":{\"bytes\":28,\"tokens\":8,\"sentences\":2,\"paragraphs\":2},"
    "\"sentences\":[{\"start\":0,\"end\":5,\"text\":\"Title\",\"heading\":true},"
    "{\"start\":7,\"end\":27,\"text\":\"\xe2\x80\x9c" "Fine,\xe2\x80\x9d he <said>.\","
    "\"heading\":false}],"
    "\"spans\":{\"quote\":[{\"start\":10,\"end\":15,\"text\":\"Fine,\",\"speaker\":\"He & co\","
    "\"sentiment\":0.4}]},"
    "\"results\":{\"sentiment\":{\"compound\":-0.25,\"label\":\"negative\"},"
    "\"summary\":{\"text\":\"Fine, he said.\"}}}";

START_TEST(test_record_with_sentences)
{
    fixture fx;
    fixture_open(&fx, NULL);
    fixture_add(&fx, sentences_record);
    char *index, *sections;
    fixture_close(&fx, &index, &sections);
    ck_assert_ptr_nonnull(strstr(sections, "<details class=\"doc\" id=\"d1\" data-id=\"feed/1\">"));
    ck_assert_ptr_nonnull(strstr(sections, "<span class=\"t\">Title</span>"));
    ck_assert_ptr_nonnull(strstr(sections, "<p class=\"summary\">Fine, he said.</p>"));
    /* The heading on its own line, the quote marked, the rest escaped. */
    ck_assert_ptr_nonnull(strstr(sections, "<div class=\"text\"><b>Title</b>\n\n\xe2\x80\x9c"
                                           "<mark class=\"q qp\" data-q=\"0\" title=\"He &amp; "
                                           "co \xc2\xb7 +0.40\">Fine,</mark><sup class=\"who\">"
                                           "He &amp; co</sup>\xe2\x80\x9d he &lt;said&gt;.</div>"));
    ck_assert_ptr_nonnull(strstr(index, "<a href=\"#d1\">Title</a>"));
    ck_assert_ptr_nonnull(strstr(index, "<td>feed</td><td class=\"r neg\">-0.25</td>"));
    ck_assert_uint_eq(fx.r.words, 4); /* Title, Fine, he, said */
    ck_assert_uint_eq(fx.r.quotes, 1);
    ck_assert_uint_eq(fx.r.hist[7], 1); /* -0.25 is in [-0.3, -0.2) */
    fixture_free(&fx, index, sections);
}
END_TEST

START_TEST(test_record_from_source_file)
{
    /* The article's own offsets: “Sometimes ... times,” in the AFP text. */
    const char *id = TPIPE_SOURCE_DIR "/examples/articles/afp-hanoi-summit.txt";
    FILE *f = fopen(id, "rb");
    ck_assert_ptr_nonnull(f);
    char text[8192];
    size_t len = fread(text, 1, sizeof text, f);
    fclose(f);
    const char *q = strstr(text, "Sometimes you have");
    ck_assert_ptr_nonnull(q);
    size_t start = (size_t)(q - text), end = start + strlen("Sometimes you have");
    char rec[1024];
    snprintf(rec, sizeof rec,
             "{\"id\":\"%s\",\"stats\":{\"bytes\":%zu},\"spans\":{\"quote\":["
             "{\"start\":%zu,\"end\":%zu,\"text\":\"Sometimes you have\",\"speaker\":null}]}}",
             id, len, start, end);
    fixture fx;
    fixture_open(&fx, NULL);
    fixture_add(&fx, rec);
    /* The same record with a wrong size: the file is not trusted. */
    snprintf(rec, sizeof rec, "{\"id\":\"%s\",\"stats\":{\"bytes\":%zu},\"spans\":{\"quote\":["
                              "{\"start\":%zu,\"end\":%zu,\"text\":\"Sometimes you have\"}]}}",
             id, len + 1, start, end);
    fixture_add(&fx, rec);
    /* The right size, but the quote's text is not at its offsets. */
    snprintf(rec, sizeof rec, "{\"id\":\"%s\",\"stats\":{\"bytes\":%zu},\"spans\":{\"quote\":["
                              "{\"start\":%zu,\"end\":%zu,\"text\":\"Sometimes you hav!\"}]}}",
             id, len, start, end);
    fixture_add(&fx, rec);
    char *index, *sections;
    fixture_close(&fx, &index, &sections);
    const char *d2 = strstr(sections, "id=\"d2\"");
    const char *d3 = strstr(sections, "id=\"d3\"");
    ck_assert_ptr_nonnull(d2);
    ck_assert_ptr_nonnull(d3);
    const char *mark = strstr(sections, "<mark class=\"q \" data-q=\"0\" title=\"unattributed\">"
                                        "Sometimes you have</mark>");
    ck_assert_ptr_nonnull(mark);
    ck_assert(mark < d2);
    ck_assert_ptr_nonnull(strstr(sections, "<span class=\"t\">North Korea disputes Trump "
                                           "account of summit</span>"));
    ck_assert_ptr_nonnull(strstr(d2, "size differs from the record"));
    ck_assert_ptr_nonnull(strstr(d3, "no longer matches the record"));
    ck_assert_uint_eq(fx.r.words_documents, 1);
    ck_assert_uint_eq(fx.r.highlighted, 1);
    ck_assert_uint_eq(fx.r.unattributed, 3);
    fixture_free(&fx, index, sections);
}
END_TEST

START_TEST(test_failed_and_grouped_records)
{
    fixture fx;
    fixture_open(&fx, "desk");
    fixture_add(&fx, sentences_record);
    fixture_add(&fx, "{\"id\":\"in.jsonl:2\",\"failed\":true,\"meta\":{\"desk\":7},"
                     "\"errors\":[{\"step\":\"quotes\",\"message\":\"<boom>\"}]}");
    fixture_add(&fx, "{\"id\":\"x\",\"results\":{\"quotes\":{\"speakers\":"
                     "[{\"name\":\"He & co\",\"quotes\":3}]},\"sentiment\":{\"compound\":0.5,"
                     "\"label\":\"positive\",\"speakers\":[{\"name\":\"He & co\","
                     "\"sentiment\":0.1}]}}}");
    char *index, *sections;
    fixture_close(&fx, &index, &sections);
    ck_assert_uint_eq(fx.r.documents, 3);
    ck_assert_uint_eq(fx.r.failed, 1);
    ck_assert_uint_eq(fx.r.failure_count, 1);
    ck_assert_str_eq(fx.r.failures[0].message, "step 'quotes': <boom>");
    ck_assert_ptr_nonnull(strstr(sections, "<details class=\"doc failed\" id=\"d2\""));
    ck_assert_ptr_nonnull(strstr(sections, "step \xe2\x80\x98quotes\xe2\x80\x99: &lt;boom&gt;"));
    /* Groups by meta.desk: a string, a number as JSON, a missing field. */
    ck_assert_uint_eq(fx.r.groups.count, 3);
    ck_assert_str_eq(rtable_key(&fx.r.groups, 0), "politics");
    ck_assert_str_eq(rtable_key(&fx.r.groups, 1), "7");
    ck_assert_str_eq(rtable_key(&fx.r.groups, 2), "(none)");
    /* One speaker across two records: spans in one, results in the other. */
    ck_assert_uint_eq(fx.r.speakers.count, 1);
    speaker_tally *s = rtable_item(&fx.r.speakers, 0);
    ck_assert_uint_eq(s->quotes, 4);
    ck_assert_uint_eq(s->documents, 2);
    ck_assert_uint_eq(s->first_doc, 1);
    ck_assert_double_eq_tol(s->sentiment_sum / (double)s->sentiment_count, (0.4 + 0.3) / 4,
                            1e-9);
    fixture_free(&fx, index, sections);
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tc = tcase_create("html");
    tcase_add_loop_test(tc, test_escape, 0, (int)(sizeof escape_cases / sizeof escape_cases[0]));
    tcase_add_test(tc, test_numbers);
    tcase_add_test(tc, test_bar);
    suite_add_tcase(s, tc);

    tc = tcase_create("words");
    tcase_add_loop_test(tc, test_count_words, 0,
                        (int)(sizeof word_cases / sizeof word_cases[0]));
    suite_add_tcase(s, tc);

    tc = tcase_create("table");
    tcase_add_test(tc, test_table);
    suite_add_tcase(s, tc);

    tc = tcase_create("records");
    tcase_add_test(tc, test_record_with_sentences);
    tcase_add_test(tc, test_record_from_source_file);
    tcase_add_test(tc, test_failed_and_grouped_records);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
