/* test_quotes.c - the quotes plugin on real sentences, as users see it:
 * quote marks, spans, paragraphs, kinds, speakers, the per-speaker result,
 * options, odd input, and the hand-annotated seed article
 * (tests/data/quotes/). The internals against plain reference code are in
 * test_quotes_internals.c. */
#include <check.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "quote_cases.h"

/* ---- helpers ---------------------------------------------------------------- */

static const char *attr_string(const tp_span *s, const char *key)
{
    return tp_value_as_string(tp_object_get(s->attrs, key), NULL);
}

/* The quote span whose text is `text`, or NULL. */
static const tp_span *find_quote(tp_doc *doc, const char *text)
{
    size_t n = 0;
    const tp_span *spans = tp_doc_spans(doc, "quote", &n);
    for (size_t i = 0; i < n; i++) {
        const char *t = attr_string(&spans[i], "text");
        if (t && strcmp(t, text) == 0)
            return &spans[i];
    }
    return NULL;
}

/* All quote texts joined with '|', in order. */
static const char *joined_quotes(tp_doc *doc, char *buf, size_t size)
{
    size_t n = 0, used = 0;
    const tp_span *spans = tp_doc_spans(doc, "quote", &n);
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *t = attr_string(&spans[i], "text");
        int w = snprintf(buf + used, size - used, "%s%s", i ? "|" : "", t ? t : "(null)");
        if (w < 0 || (size_t)w >= size - used)
            break;
        used += (size_t)w;
    }
    return buf;
}

/* ---- quote marks and spans ------------------------------------------------------ */

static const struct {
    const char *text;
    const char *quotes; /* expected quote texts joined with '|', "" for none */
} mark_cases[] = {
    {"He said \"hello there\" today.", "hello there"},
    {"He said \xE2\x80\x9Chello there\xE2\x80\x9D today.", "hello there"},
    {"David Kim told AFP, \"I would define success in terms of outcomes\xE2\x80\x9D, adding more.",
     "I would define success in terms of outcomes"},
    {"She said \xE2\x80\x9Cwe are ready\" and left.", "we are ready"},
    {"'Need to regroup', says US", "Need to regroup"},
    {"Talks a \xE2\x80\x98major failure\xE2\x80\x99", "major failure"},
    {"'Mentally deranged US dotard\xE2\x80\x99 to bromance?", "Mentally deranged US dotard"},
    {"Pyongyang\xE2\x80\x99s leaders met on Friday.", ""},
    {"The music of the '90s was loud.", ""},
    {"He loved rock 'n' roll music.", ""},
    {"He loved rock \xE2\x80\x99n\xE2\x80\x99 roll music.", ""},
    {"The leaders' summit ended early.", ""},
    {"He didn't say it and they're gone.", ""},
    {"In the '90s the players' union was strong.", ""},
    {"He said \"they call it 'the game' here\" today.", "they call it 'the game' here"},
    {"\"Yes,\" he said, \"we will.\"", "Yes,|we will."},
    {"He wrote \"\" and stopped.", ""},
    {"\"Go!\" she shouted.", "Go!"},
    {"The word \xC2\xAB"
     "Bonjour\xC2\xBB was written.",
     "Bonjour"},
    {"The answer \xE2\x80\x94\"never\"\xE2\x80\x94 was clear.", "never"},
    {"(\xE2\x80\x9CNot now\xE2\x80\x9D) she wrote.", "Not now"},
    {"\"The end.\"", "The end."},
    {"The paper called it 'the country's worst film'.", "the country's worst film"},
    {"The critics called it \"dull\" and \"slow\" on Friday.", "dull|slow"},
};

START_TEST(test_marks)
{
    th_harness *h = harness(NULL);
    tp_doc *doc = th_run(h, mark_cases[_i].text);
    char buf[512];
    ck_assert_str_eq(joined_quotes(doc, buf, sizeof buf), mark_cases[_i].quotes);
    /* Spans point at the quoted words without their marks. */
    size_t n = 0;
    const tp_span *spans = tp_doc_spans(doc, "quote", &n);
    for (size_t i = 0; i < n; i++) {
        const char *t = attr_string(&spans[i], "text");
        ck_assert_uint_eq(strlen(t), spans[i].end - spans[i].start);
        ck_assert(memcmp(mark_cases[_i].text + spans[i].start, t, strlen(t)) == 0);
    }
    th_free(h);
}
END_TEST

/* ---- quotes over paragraphs, and quotes never closed ------------------------------ */

START_TEST(test_multi_paragraph)
{
    th_harness *h = harness(NULL);
    const char *text = "Wenger was pleased.\n\n\"We played very well today.\n\n"
                       "\"The team showed great character,\" said Arsene Wenger.\n";
    tp_doc *doc = th_run(h, text);
    size_t n = 0;
    const tp_span *s = tp_doc_spans(doc, "quote", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(s[0].start, (uint32_t)(strstr(text, "We played") - text));
    ck_assert_uint_eq(s[0].end, (uint32_t)(strstr(text, ",\" said") + 1 - text));
    const tp_value *paras = tp_object_get(s[0].attrs, "paragraphs");
    ck_assert_uint_eq(tp_value_length(paras), 2);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(paras, 0)), 1);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(paras, 1)), 2);
    ck_assert_str_eq(attr_string(&s[0], "speaker"), "Arsene Wenger");
    ck_assert_ptr_null(tp_object_get(s[0].attrs, "unclosed"));
    th_free(h);
}
END_TEST

START_TEST(test_three_paragraphs)
{
    th_harness *h = harness(NULL);
    const char *text =
        "Coach Andy Robinson said:\n\n\"One.\n\n\"Two.\n\n\"Three.\"\n\nAfter that.\n";
    tp_doc *doc = th_run(h, text);
    size_t n = 0;
    const tp_span *s = tp_doc_spans(doc, "quote", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(tp_value_length(tp_object_get(s[0].attrs, "paragraphs")), 3);
    ck_assert_str_eq(attr_string(&s[0], "speaker"), "Andy Robinson");
    th_free(h);
}
END_TEST

START_TEST(test_inline_paragraphs)
{
    /* BBC files merge paragraphs: "…comes. "As long…" continues the quote. */
    th_harness *h = harness(NULL);
    const char *text = "British hurdler Sarah Claxton is confident. \"I am quite confident,\" said "
                       "Claxton. \"But I take each race as it comes. \"As long as I keep up my "
                       "training I think there is a chance of a medal.\" Claxton has won.";
    tp_doc *doc = th_run(h, text);
    char buf[512];
    ck_assert_str_eq(joined_quotes(doc, buf, sizeof buf),
                     "I am quite confident,|But I take each race as it comes. \"As long as I "
                     "keep up my training I think there is a chance of a medal.");
    size_t n = 0;
    const tp_span *s = tp_doc_spans(doc, "quote", &n);
    ck_assert_str_eq(attr_string(&s[0], "speaker"), "Sarah Claxton");
    ck_assert_str_eq(attr_string(&s[1], "speaker"), "Sarah Claxton");
    th_free(h);
}
END_TEST

START_TEST(test_unclosed_stops_at_paragraph)
{
    th_harness *h = harness(NULL);
    const char *text = "The jury said \"this never ends.\n\nLater, Smith said it was \"fine\" and "
                       "left. Jones said \"good\" too.\n";
    tp_doc *doc = th_run(h, text);
    char buf[512];
    ck_assert_str_eq(joined_quotes(doc, buf, sizeof buf), "this never ends.|fine|good");
    size_t n = 0;
    const tp_span *s = tp_doc_spans(doc, "quote", &n);
    ck_assert(tp_value_as_bool(tp_object_get(s[0].attrs, "unclosed")));
    ck_assert_ptr_null(tp_object_get(s[1].attrs, "unclosed"));
    ck_assert_str_eq(attr_string(&s[1], "speaker"), "Smith");
    th_free(h);
}
END_TEST

START_TEST(test_unclosed_last_paragraph)
{
    th_harness *h = harness(NULL);
    tp_doc *doc = th_run(h, "He said \"it goes on and on");
    size_t n = 0;
    const tp_span *s = tp_doc_spans(doc, "quote", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_str_eq(attr_string(&s[0], "text"), "it goes on and on");
    ck_assert(tp_value_as_bool(tp_object_get(s[0].attrs, "unclosed")));
    th_free(h);
}
END_TEST

/* ---- attribution ------------------------------------------------------------------ */

/* The cases are in quote_cases.c: test_quotes_internals reads their sentences too. */

START_TEST(test_speakers)
{
    th_harness *h = harness(NULL);
    tp_doc *doc = th_run(h, speaker_cases[_i].text);
    const tp_span *s = find_quote(doc, speaker_cases[_i].quote);
    ck_assert_msg(s != NULL, "no quote '%s'", speaker_cases[_i].quote);
    ck_assert_str_eq(attr_string(s, "kind"), "speech");
    const char *speaker = attr_string(s, "speaker");
    if (speaker_cases[_i].speaker)
        ck_assert_msg(speaker && strcmp(speaker, speaker_cases[_i].speaker) == 0,
                      "speaker '%s', want '%s'", speaker ? speaker : "(null)",
                      speaker_cases[_i].speaker);
    else
        ck_assert_msg(speaker == NULL, "speaker '%s', want null", speaker);
    if (speaker_cases[_i].cue) {
        const char *cue = attr_string(s, "cue");
        ck_assert_msg(cue && strcmp(cue, speaker_cases[_i].cue) == 0, "cue '%s', want '%s'",
                      cue ? cue : "(null)", speaker_cases[_i].cue);
    }
    if (speaker_cases[_i].mention) {
        const tp_value *m = tp_object_get(s->attrs, "speaker_mention");
        const char *mt = tp_value_as_string(tp_object_get(m, "text"), NULL);
        ck_assert_msg(mt && strcmp(mt, speaker_cases[_i].mention) == 0, "mention '%s', want '%s'",
                      mt ? mt : "(null)", speaker_cases[_i].mention);
        /* The mention's offsets point at its words in this text. */
        int64_t a = tp_value_as_int(tp_object_get(m, "start"));
        int64_t b = tp_value_as_int(tp_object_get(m, "end"));
        ck_assert_int_eq(b - a, (int64_t)strlen(mt));
        ck_assert(memcmp(speaker_cases[_i].text + a, mt, strlen(mt)) == 0);
    }
    th_free(h);
}
END_TEST

/* ---- kinds ------------------------------------------------------------------------ */

static const struct {
    const char *text;
    const char *quote;
    const char *kind;
} kind_cases[] = {
    {"Rap mogul Marion \"Suge\" Knight was arrested.", "Suge", "other"},
    {"He played with David \"Fathead\" Newman in 1960.", "Fathead", "other"},
    {"It is a send-up of the \"cool\" media scene.", "cool", "other"},
    {"A film about the \"Baghdad Blogger\" was shown.", "Baghdad Blogger", "other"},
    {"Fletcher will be remembered for his \"odd odes\" and misprints.", "odd odes", "other"},
    {"More than 14 million people saw \"Dirty\" Den Watts killed off.", "Dirty", "other"},
    {"Trump slammed Kim as \"rocket man\" in 2017.", "rocket man", "speech"},
    {"The president tweeted there was \"AWESOME\" potential.", "AWESOME", "speech"},
    {"The summit produced a vague commitment to \"work toward complete denuclearisation of the "
     "peninsula\".",
     "work toward complete denuclearisation of the peninsula", "speech"},
    {"\"Yes,\" he said.", "Yes,", "speech"},
    {"Rapper sued for 'rape'\n\nA woman has sued the rapper.", "rape", "speech"},
    {"Henk Ten Cate has branded the complaint as \"pathetic\".", "pathetic", "speech"},
    /* A charge, a diagnosis, a licence's terms: a short noun phrase after a
     * preposition, ending its clause, is quoted from a record. */
    {"The singer was arrested in Miami in 2003 for \"disorderly conduct\", and spent a night "
     "in jail.",
     "disorderly conduct", "speech"},
    {"The striker was taken to hospital suffering from \"mild concussion\".\n\nHe will miss "
     "the game.",
     "mild concussion", "speech"},
    {"The recordings may be played for \"private study\" and may not be sold.", "private study",
     "speech"},
    /* Not a phrase with its own article, nor one a noun follows. */
    {"Fans have short memories when they vote for \"the best\".", "the best", "other"},
    {"The band played a series of \"secret gigs\" at small venues.", "secret gigs", "other"},
    /* A name given with "dubbed", "called", "nicknamed" or "known as", no one
     * the verb's subject or agent; a cue of its own or an agent makes it
     * speech, and so does a subject before the verb. */
    {"The painting shows a sailor who was dubbed \"the old sea wolf\" when he came home.",
     "the old sea wolf", "other"},
    {"She sailed on a ship called \"the pride of the north\" in 1910.",
     "the pride of the north", "other"},
    {"The goalkeeper, known as \"the cat from the valley\", signed on Monday.",
     "the cat from the valley", "other"},
    {"The goalkeeper was dubbed \"the cat from the valley\" by fans in 1990.",
     "the cat from the valley", "speech"},
    {"It is what he called \"a total disgrace to the sport\" on Monday.",
     "a total disgrace to the sport", "speech"},
    /* The writer's terms, though a cue stands in the clause: a term named
     * as one (and its words quoted again), a generic "you" thinking, a
     * catch-phrase after "of" and a modifier, a quoted modifier of a noun. */
    {"The coach, who is credited with bringing the concept of \"pressing play\" to Italy, "
     "retired on Monday.",
     "pressing play", "other"},
    {"Coach Dino Rossi is credited with inventing \"pressing play\" in the 1980s.\n\nHis side "
     "introduced the concept of \"pressing play\" to Europe.",
     "pressing play", "other"},
    {"The minister said the so-called \"bedroom levy\" would be scrapped next year.",
     "bedroom levy", "other"},
    {"When a side concedes early, you think \"not again\" and the crowd goes quiet.",
     "not again", "other"},
    {"Italy have been criticised for the lack of traditional \"Latin flair\" in recent games.",
     "Latin flair", "other"},
    {"Reporter Anna Price refused to answer the questions, citing a federal \"privacy\" law "
     "meant to protect sources.",
     "privacy", "other"},
};

START_TEST(test_kinds)
{
    th_harness *h = harness(NULL);
    tp_doc *doc = th_run(h, kind_cases[_i].text);
    const tp_span *s = find_quote(doc, kind_cases[_i].quote);
    ck_assert_msg(s != NULL, "no quote '%s'", kind_cases[_i].quote);
    ck_assert_str_eq(attr_string(s, "kind"), kind_cases[_i].kind);
    if (strcmp(kind_cases[_i].kind, "other") == 0) {
        ck_assert_ptr_null(attr_string(s, "speaker"));
        ck_assert_ptr_null(attr_string(s, "cue"));
    }
    th_free(h);
}
END_TEST

/* ---- the per-speaker result --------------------------------------------------------- */

START_TEST(test_result_speakers)
{
    th_harness *h = harness(NULL);
    const char *text = "\"One,\" said Ann Lee. \"Two,\" said Bob Stone. \"Three,\" said Bob Stone. "
                       "\"Four,\" Stone added. It was a \"cool\" scene.";
    tp_doc *doc = th_run(h, text);
    const tp_value *r = tp_doc_result(doc, "quotes");
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "count")), 5);
    const tp_value *sp = tp_object_get(r, "speakers");
    ck_assert_uint_eq(tp_value_length(sp), 2);
    const tp_value *first = tp_array_get(sp, 0);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(first, "name"), NULL), "Bob Stone");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(first, "quotes")), 3);
    const tp_value *spans = tp_object_get(first, "spans");
    ck_assert_uint_eq(tp_value_length(spans), 3);
    const tp_value *pair = tp_array_get(spans, 0);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(pair, 0)), strstr(text, "Two") - text);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(pair, 1)), strstr(text, "Two") - text + 4);
    const tp_value *second = tp_array_get(sp, 1);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(second, "name"), NULL), "Ann Lee");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(second, "quotes")), 1);
    th_free(h);
}
END_TEST

START_TEST(test_result_empty)
{
    th_harness *h = harness(NULL);
    tp_doc *doc = th_run(h, "Nothing quoted here.");
    const tp_value *r = tp_doc_result(doc, "quotes");
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(r, "count")), 0);
    ck_assert_uint_eq(tp_value_length(tp_object_get(r, "speakers")), 0);
    th_free(h);
}
END_TEST

START_TEST(test_result_ties_first_appearance)
{
    th_harness *h = harness(NULL);
    tp_doc *doc = th_run(h, "\"A,\" said Zed Young. \"B,\" said Amy Old.");
    const tp_value *sp = tp_object_get(tp_doc_result(doc, "quotes"), "speakers");
    ck_assert_uint_eq(tp_value_length(sp), 2);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(tp_array_get(sp, 0), "name"), NULL),
                     "Zed Young");
    th_free(h);
}
END_TEST

/* ---- options ---------------------------------------------------------------------- */

START_TEST(test_option_reporting_verbs)
{
    const char *text = "Jim Bell arrived. \"It is far too cold,\" grumbled Jim Bell.";
    th_harness *plain = harness(NULL);
    const tp_span *s = find_quote(th_run(plain, text), "It is far too cold,");
    ck_assert_ptr_nonnull(s);
    ck_assert_ptr_null(attr_string(s, "cue"));
    th_free(plain);
    th_harness *h = harness((const char *[]){"reporting_verbs=grumble,opine", NULL});
    s = find_quote(th_run(h, text), "It is far too cold,");
    ck_assert_str_eq(attr_string(s, "cue"), "grumbled");
    ck_assert_str_eq(attr_string(s, "speaker"), "Jim Bell");
    th_free(h);
}
END_TEST

START_TEST(test_option_attribution_none)
{
    th_harness *h = harness((const char *[]){"attribution=none", NULL});
    tp_doc *doc = th_run(h, "\"Yes,\" said Ann Lee.");
    const tp_span *s = find_quote(doc, "Yes,");
    ck_assert_ptr_null(attr_string(s, "speaker"));
    ck_assert_uint_eq(tp_value_length(tp_object_get(tp_doc_result(doc, "quotes"), "speakers")), 0);
    th_free(h);
}
END_TEST

START_TEST(test_option_attribution_cue)
{
    th_harness *h = harness((const char *[]){"attribution=cue", NULL});
    tp_doc *doc = th_run(h, "\"Yes,\" said Ann Lee.\n\n\"We will go there again next year.\"");
    ck_assert_str_eq(attr_string(find_quote(doc, "Yes,"), "speaker"), "Ann Lee");
    ck_assert_ptr_null(
        attr_string(find_quote(doc, "We will go there again next year."), "speaker"));
    th_free(h);
}
END_TEST

START_TEST(test_option_keep_other)
{
    th_harness *h = harness((const char *[]){"keep_other=false", NULL});
    tp_doc *doc = th_run(h, "Marion \"Suge\" Knight said \"we are innocent\".");
    char buf[256];
    ck_assert_str_eq(joined_quotes(doc, buf, sizeof buf), "we are innocent");
    th_free(h);
}
END_TEST

/* ---- bad input ------------------------------------------------------------------------ */

static const char *const odd_inputs[] = {
    "",
    "\"",
    "\"\"\"\"''''\xE2\x80\x9C\xE2\x80\x9D\xE2\x80\x98\xE2\x80\x99",
    "\xE2\x80\x9D backwards \xE2\x80\x9C",
    "said said said \"\" he she it they",
    "\n\n\n\"\n\n\"\n\n",
};

START_TEST(test_odd_input)
{
    th_harness *h = harness(NULL);
    tp_doc *doc = NULL;
    tp_error err = {0};
    int rc = th_run_status(h, odd_inputs[_i], strlen(odd_inputs[_i]), &doc, &err);
    ck_assert_msg(rc == 0, "%s", err.message);
    ck_assert_ptr_nonnull(tp_doc_result(doc, "quotes"));
    th_free(h);
}
END_TEST

/* ---- the hand-annotated seed article ------------------------------------------------ */

/* Every speech quote of the seed article found with its exact span and the
 * annotated speaker; every annotated quote found with its kind. */
START_TEST(test_seed_article)
{
    const char *dir = TPIPE_SOURCE_DIR "/tests/data/quotes/";
    char path[1024];
    snprintf(path, sizeof path, "%sgold.jsonl", dir);
    FILE *f = fopen(path, "r");
    ck_assert_msg(f != NULL, "missing %s", path);
    json_t *seed = NULL;
    char line[1 << 16];
    while (fgets(line, sizeof line, f)) {
        json_error_t jerr;
        json_t *rec = json_loads(line, 0, &jerr);
        ck_assert_msg(rec != NULL, "gold.jsonl: %s", jerr.text);
        if (strcmp(json_string_value(json_object_get(rec, "article")), "articles/seed.txt") == 0) {
            seed = rec;
            break;
        }
        json_decref(rec);
    }
    fclose(f);
    ck_assert_msg(seed != NULL, "gold.jsonl has no articles/seed.txt");
    snprintf(path, sizeof path, "%sarticles/seed.txt", dir);
    size_t len = 0;
    char *text = read_file(path, &len);
    ck_assert_msg(text != NULL, "missing %s", path);

    th_harness *h = harness(NULL);
    tp_doc *doc = th_run(h, text);
    size_t n = 0;
    const tp_span *spans = tp_doc_spans(doc, "quote", &n);
    json_t *quotes = json_object_get(seed, "quotes");
    size_t gi;
    json_t *g;
    size_t speech = 0;
    json_array_foreach(quotes, gi, g)
    {
        uint32_t start = (uint32_t)json_integer_value(json_object_get(g, "start"));
        uint32_t end = (uint32_t)json_integer_value(json_object_get(g, "end"));
        const char *kind = json_string_value(json_object_get(g, "kind"));
        const char *speaker = json_string_value(json_object_get(g, "speaker"));
        const tp_span *s = NULL;
        for (size_t i = 0; i < n && !s; i++) {
            if (spans[i].start == start && spans[i].end == end)
                s = &spans[i];
        }
        ck_assert_msg(s != NULL, "seed: missed quote [%u,%u) %.40s", start, end, text + start);
        ck_assert_msg(strcmp(attr_string(s, "kind"), kind) == 0, "seed: [%u,%u) kind %s, want %s",
                      start, end, attr_string(s, "kind"), kind);
        if (strcmp(kind, "speech") != 0)
            continue;
        speech++;
        const char *got = attr_string(s, "speaker");
        ck_assert_msg((!speaker && !got) || (speaker && got && strcmp(speaker, got) == 0),
                      "seed: [%u,%u) %.30s: speaker %s, want %s", start, end, text + start,
                      got ? got : "null", speaker ? speaker : "null");
    }
    ck_assert_uint_ge(speech, 30);
    /* No speech quote the annotation does not have. */
    for (size_t i = 0; i < n; i++) {
        bool known = false;
        json_array_foreach(quotes, gi, g)
        {
            if ((uint32_t)json_integer_value(json_object_get(g, "start")) == spans[i].start)
                known = true;
        }
        ck_assert_msg(known || strcmp(attr_string(&spans[i], "kind"), "speech") != 0,
                      "seed: extra quote %s", attr_string(&spans[i], "text"));
    }
    /* The copy in tests/ is the shared seed article, when that is present. */
    size_t shared_len = 0;
    char *shared =
        read_file(TPIPE_SOURCE_DIR "/../shared/data/seed/000_a475a7f59e90b448.txt", &shared_len);
    if (shared) {
        ck_assert_uint_eq(shared_len, len);
        ck_assert(memcmp(shared, text, len) == 0);
        free(shared);
    }
    th_free(h);
    free(text);
    json_decref(seed);
}
END_TEST

/* ---- suite ------------------------------------------------------------------------------ */

static Suite *quotes_suite(void)
{
    Suite *s = suite_create("quotes");
    TCase *tc = tcase_create("marks");
    tcase_add_loop_test(tc, test_marks, 0, COUNT(mark_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("paragraphs");
    tcase_add_test(tc, test_multi_paragraph);
    tcase_add_test(tc, test_three_paragraphs);
    tcase_add_test(tc, test_inline_paragraphs);
    tcase_add_test(tc, test_unclosed_stops_at_paragraph);
    tcase_add_test(tc, test_unclosed_last_paragraph);
    suite_add_tcase(s, tc);

    tc = tcase_create("speakers");
    tcase_add_loop_test(tc, test_speakers, 0, (int)speaker_case_count);
    suite_add_tcase(s, tc);

    tc = tcase_create("kinds");
    tcase_add_loop_test(tc, test_kinds, 0, COUNT(kind_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("result");
    tcase_add_test(tc, test_result_speakers);
    tcase_add_test(tc, test_result_empty);
    tcase_add_test(tc, test_result_ties_first_appearance);
    suite_add_tcase(s, tc);

    tc = tcase_create("options");
    tcase_add_test(tc, test_option_reporting_verbs);
    tcase_add_test(tc, test_option_attribution_none);
    tcase_add_test(tc, test_option_attribution_cue);
    tcase_add_test(tc, test_option_keep_other);
    suite_add_tcase(s, tc);

    tc = tcase_create("bad_input");
    tcase_add_loop_test(tc, test_odd_input, 0, COUNT(odd_inputs));
    suite_add_tcase(s, tc);

    tc = tcase_create("seed");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_seed_article);
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
