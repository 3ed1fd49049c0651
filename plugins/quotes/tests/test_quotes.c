/* test_quotes.c - the quotes plugin on real sentences: quote marks, spans,
 * kinds, speakers, the per-speaker result, options, and the hand-annotated
 * seed article (tests/data/quotes/). */
#include <check.h>
#include <dirent.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "../context.h"
#include "../entities.h"
#include "../lexicon.h"
#include "../np.h"
#include "harness.h"

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_quotes_plugin;
extern const char tp_quotes_verbs_data[];
extern const unsigned long tp_quotes_verbs_data_len;
extern const char tp_quotes_titles_data[];
extern const unsigned long tp_quotes_titles_data_len;

/* ---- helpers ---------------------------------------------------------------- */

#define COUNT(a) ((int)(sizeof(a) / sizeof((a)[0])))

static th_harness *harness(const char *const *options)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    th_add(h, &tp_quotes_plugin, options);
    return h;
}

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
    {"The word \xC2\xAB" "Bonjour\xC2\xBB was written.", "Bonjour"},
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

static const struct {
    const char *text;
    const char *quote;
    const char *speaker; /* NULL: no speaker */
    const char *cue;     /* NULL: not checked */
    const char *mention; /* NULL: not checked */
} speaker_cases[] = {
    {"\"Sometimes you have to walk,\" Trump told reporters.", "Sometimes you have to walk,",
     "Trump", "told", "Trump"},
    {"Trump told reporters: \"Sometimes you have to walk.\"", "Sometimes you have to walk.",
     "Trump", "told", "Trump"},
    {"\"I am quite confident,\" said Claxton.", "I am quite confident,", "Claxton", "said",
     "Claxton"},
    {"\"We will win,\" said Mike Pompeo, who accompanied Trump.", "We will win,", "Mike Pompeo",
     "said", "Mike Pompeo"},
    {"US Secretary of State Mike Pompeo said both sides \"need to regroup\".", "need to regroup",
     "Mike Pompeo", "said", "Mike Pompeo"},
    {"Mike Pompeo arrived late. \"It was good,\" he added.", "It was good,", "Mike Pompeo",
     "added", "he"},
    {"\"It was good,\" according to Mike Pompeo.", "It was good,", "Mike Pompeo", "according to",
     "Mike Pompeo"},
    {"According to the White House, \"talks will continue next week\".",
     "talks will continue next week", "White House", "According to", NULL},
    {"The agency KCNA reported that the talks had been \"constructive and candid\".",
     "constructive and candid", "KCNA", "reported", NULL},
    {"Seoul said that Trump \"expressed regret\" over the deal.", "expressed regret", "Seoul",
     "said", "Seoul"},
    {"US Secretary of State Mike Pompeo arrived on Friday. Pompeo said \"there is still a basis "
     "for talks\".",
     "there is still a basis for talks", "Mike Pompeo", "said", "Pompeo"},
    {"North Korean Foreign Minister Ri Yong Ho spoke to the press. The minister said the offer "
     "to close \"all the nuclear production facilities\" was final.",
     "all the nuclear production facilities", "Ri Yong Ho", "said", "The minister"},
    {"Japanese Prime Minister Shinzo Abe, a longstanding hawk, told reporters that he \"fully "
     "supports the decision\".",
     "fully supports the decision", "Shinzo Abe", "told", "Shinzo Abe"},
    {"Mike Pompeo said both sides \"need to regroup\", adding: \"My sense is it will take a "
     "little while.\"",
     "My sense is it will take a little while.", "Mike Pompeo", "adding", NULL},
    {"Analyst David Kim of The Stimson Center told AFP, \"I would define success in terms of "
     "outcomes.\"",
     "I would define success in terms of outcomes.", "David Kim", "told", "David Kim"},
    {"\"This is a major failure,\" tweeted Joe Cirincione, president of the Ploughshares Fund.",
     "This is a major failure,", "Joe Cirincione", "tweeted", "Joe Cirincione"},
    {"\"The play is obscene,\" MP Kefa Ssempgani told parliament.", "The play is obscene,",
     "Kefa Ssempgani", "told", "Kefa Ssempgani"},
    {"\"I'm outraged,\" the play's organiser in Uganda, Sarah Mukasa, told the BBC.",
     "I'm outraged,", "Sarah Mukasa", "told", "Sarah Mukasa"},
    {"The Ugandan Media Council banned the play. \"The play promotes illegal acts,\" the "
     "council's ruling said.",
     "The play promotes illegal acts,", "Ugandan Media Council", "said", NULL},
    {"A BBC spokesman said: \"We are very pleased with the figures.\"",
     "We are very pleased with the figures.", "BBC", "said", "BBC"},
    {"Chelsea boss Jose Mourinho was angry. \"It is a disgrace,\" he said.", "It is a disgrace,",
     "Jose Mourinho", "said", "he"},
    {"British hurdler Sarah Claxton won the title. \"I am delighted,\" she said.",
     "I am delighted,", "Sarah Claxton", "said", "she"},
    {"Mr John Smith met Mrs Jane Brown on Friday. \"It was lovely,\" she said.", "It was lovely,",
     "Jane Brown", "said", "she"},
    {"The Football Association (FA) met on Monday. \"We will look at the tapes,\" it said.",
     "We will look at the tapes,", "FA", "said", "it"},
    {"The Korean Central News Agency (KCNA) said the leaders had a \"constructive exchange\".",
     "constructive exchange", "KCNA", "said", NULL},
    {"Fletcher was described as a \"consummate professional\" by his friend Michael Pointon.",
     "consummate professional", "Michael Pointon", "described", "Michael Pointon"},
    {"Barley is described as a \"webmaster and film-maker\".", "webmaster and film-maker", NULL,
     "described", NULL},
    {"'Need to regroup', says US\n\nThe talks ended.", "Need to regroup", "US", "says", "US"},
    {"Talks a 'major failure'\n\n\"This is a major failure,\" tweeted Joe Cirincione.",
     "major failure", "Joe Cirincione", NULL, NULL},
    {"\"We played well,\" said Arsene Wenger.\n\n\"The team showed great character today.\"",
     "The team showed great character today.", "Arsene Wenger", NULL, NULL},
    {"Arsenal boss Arsene Wenger said:\n\n\"We were brilliant today and deserved to win.\"",
     "We were brilliant today and deserved to win.", "Arsene Wenger", "said", NULL},
    {"Nuclear talks were 'very productive' but 'not a good thing to be signing anything' Trump "
     "said",
     "very productive", "Trump", NULL, NULL},
    {"US President Donald Trump met North Korean leader Kim Jong Un. The American leader said he "
     "was in \"no rush\" to sign.",
     "no rush", "Donald Trump", "said", "The American leader"},
    {"Senate Majority Leader Mitch McConnell said that Trump \"should be commended\".",
     "should be commended", "Mitch McConnell", "said", "Mitch McConnell"},
    {"North Korean leader Kim Jong Un met Trump. Kim smiled. Kim Jong Un waved. Analyst David "
     "Kim watched. Kim told reporters: \"I think it is worth welcoming.\"",
     "I think it is worth welcoming.", "Kim Jong Un", "told", "Kim"},
    {"The book is 'laughable', a clergyman has said.\n\nThe Bishop of Durham, the Rt Rev Dr Tom "
     "Wright, described it as a \"great thriller\".",
     "laughable", "Tom Wright", "said", "a clergyman"},
    {"The Bishop of Durham, the Rt Rev Dr Tom Wright, described it as a \"great thriller\".",
     "great thriller", "Tom Wright", "described", "Tom Wright"},
    {"England coach Andy Robinson was livid. Robinson told BBC Sport: \"We've got to go back to "
     "technology.\"",
     "We've got to go back to technology.", "Andy Robinson", "told", "Robinson"},
    {"British hurdler Sarah Claxton won. \"I am confident,\" the 25-year-old said.",
     "I am confident,", "Sarah Claxton", "said", "the 25-year-old"},
    {"Jose Antonio Reyes fell victim to a prank. \"I wish I was playing for Real Madrid,\" the "
     "21-year-old told Cadena Cope.",
     "I wish I was playing for Real Madrid,", "Jose Antonio Reyes", "told", NULL},
    {"Manchester United's Alex Ferguson praised his players. \"That was our hardest game,\" said "
     "the Old Trafford boss.",
     "That was our hardest game,", "Alex Ferguson", "said", NULL},
    {"The star of Rain Man and Tootsie, Dustin Hoffman, said the film culture was \"in the "
     "craphouse\".",
     "in the craphouse", "Dustin Hoffman", "said", "Dustin Hoffman"},
    {"Media and PR strategist Glen Yearwood spoke. \"The industry will work with the artists,\" "
     "according to media and PR strategist Glen Yearwood, who represents it.",
     "The industry will work with the artists,", "Glen Yearwood", "according to", NULL},
    {"Jason Gardener says the award is deserved.\n\nGardener, Darren Campbell and Mark "
     "Lewis-Francis won medals. \"I think this award is great,\" he said.",
     "I think this award is great,", "Jason Gardener", "said", "he"},
    {"His friend, the producer Quincy Jones, who described him as a \"brother in every sense\", "
     "was there.",
     "brother in every sense", "Quincy Jones", "described", NULL},
    {"The England coach Andy Robinson went on to claim that \"only one side was refereed\".",
     "only one side was refereed", "Andy Robinson", "claim", NULL},
    {"Richard Dunne is ready to stay. But the 25-year-old Dubliner underlined his intention. He "
     "added: \"It's nice to be linked with top clubs.\"",
     "It's nice to be linked with top clubs.", "Richard Dunne", "added", "He"},
    {"Richard Dunne is ready to stay. But Dunne is keen to put that behind him and said: \"I've "
     "grown up a lot.\"",
     "I've grown up a lot.", "Richard Dunne", "said", "Dunne"},
    {"The International Association of Athletics Federations (IAAF) charged them. Under IAAF "
     "rules they must reply. An IAAF spokesman said: \"We're sure their responses are on their "
     "way.\"",
     "We're sure their responses are on their way.", "IAAF", "said", "IAAF"},
    {"Roy Hodgson was at Anfield. But Hodgson told BBC Sport that he does not expect it to cost "
     "them. \"I just feel it is very difficult to say with certainty.\"",
     "I just feel it is very difficult to say with certainty.", "Roy Hodgson", NULL, NULL},
    {"Bruce Willis is suing. The lawsuit said Willis has endured \"extreme mental, physical and "
     "emotional pain.\"",
     "extreme mental, physical and emotional pain.", NULL, "said", NULL},
    {"Veteran actor Brian Cox spoke in London. The Scottish actor, whose films include Rob Roy, "
     "Troy and The Bourne Identity, said: \"The old theatre must not close.\"",
     "The old theatre must not close.", "Brian Cox", "said", "The Scottish actor"},
    {"The singer Amy Lee, who toured Britain, France and Germany last year, told reporters: \"We "
     "will be back.\"",
     "We will be back.", "Amy Lee", "told", "Amy Lee"},
    {"\"We are ready,\" coach Steve Hansen said. \"We can beat anyone,\" captain Gareth Thomas "
     "told BBC Sport. Hansen, though, is wary of the threat from France. \"At this stage of the "
     "season nothing is certain for me.\"",
     "At this stage of the season nothing is certain for me.", "Steve Hansen", NULL, NULL},
    {"\"It was tough,\" coach John Hart said. Striker Alan Smith scored twice in the second half. "
     "\"He was magnificent for us today.\"",
     "He was magnificent for us today.", "John Hart", NULL, NULL},
    {"Singer Tom Jones spoke to BBC Wales. Mr Jones said his heart belonged to the valleys. And he "
     "said there was one man he would love to sing with - Frank Sinatra. He said the late star "
     "was \"the greatest voice of all\".",
     "the greatest voice of all", "Tom Jones", "said", "He"},
    {"Actress Julia Roberts arrived first.\n\nThe loudest cheer was reserved for Titanic star Kate "
     "Winslet, who paused in the cold air to sign autographs for the fans. She said the welcome "
     "was \"simply overwhelming\".",
     "simply overwhelming", "Kate Winslet", "said", "She"},
    {"Midfielder Lee Bowyer has apologised to Arsenal's Freddie Ljungberg, who was hurt in the "
     "tackle. He said the challenge was \"a moment of madness\".",
     "a moment of madness", "Lee Bowyer", "said", "He"},
    {"Singer Dido said: \"I owe everything to my fans.\" Actor Hugh Grant - who stars in the hit "
     "comedy About A Boy - dedicated the award to \"absent friends\".",
     "absent friends", "Hugh Grant", NULL, NULL},
};

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
    ck_assert_ptr_null(attr_string(find_quote(doc, "We will go there again next year."),
                                   "speaker"));
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

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    char *buf = NULL;
    size_t cap = 0, n = 0;
    for (;;) {
        if (n + 4096 + 1 > cap) {
            cap = (n + 4096 + 1) * 2;
            char *p = realloc(buf, cap);
            ck_assert_ptr_nonnull(p);
            buf = p;
        }
        size_t k = fread(buf + n, 1, 4096, f);
        n += k;
        if (k == 0)
            break;
    }
    fclose(f);
    buf[n] = '\0';
    *len = n;
    return buf;
}

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
    json_array_foreach(quotes, gi, g) {
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
        json_array_foreach(quotes, gi, g) {
            if ((uint32_t)json_integer_value(json_object_get(g, "start")) == spans[i].start)
                known = true;
        }
        ck_assert_msg(known || strcmp(attr_string(&spans[i], "kind"), "speech") != 0,
                      "seed: extra quote %s", attr_string(&spans[i], "text"));
    }
    /* The copy in tests/ is the shared seed article, when that is present. */
    size_t shared_len = 0;
    char *shared = read_file(TPIPE_SOURCE_DIR "/../shared/data/seed/000_a475a7f59e90b448.txt",
                             &shared_len);
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

/* ---- word lists ------------------------------------------------------------------------- */

/* Thousands of words: the table grows many times and moves words between
 * their two slots; every word must still be found with its classes, and
 * words never added must find nothing. The filter passes every word added
 * and turns away most others (5,000 words set at most 7.6% of its bits). */
START_TEST(test_lexicon_many_words)
{
    qlex lex;
    ck_assert_int_eq(qlex_init(&lex), 0);
    char word[32];
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(word, sizeof word, "Word%d", i);
        ck_assert_int_eq(qlex_add(&lex, word, (size_t)n, 1u << (i % 3), (uint16_t)(i + 1)), 0);
    }
    /* Adding again ORs the classes and keeps the first id. */
    ck_assert_int_eq(qlex_add(&lex, "word7", 5, QW_ROLE, 99), 0);
    int others_passed = 0;
    for (int i = 0; i < 5000; i++) {
        int n = snprintf(word, sizeof word, "word%d", i);
        ck_assert(qlex_may_hold(&lex, tp_word_key(word, (size_t)n)));
        qlex_class c = qlex_find_key(&lex, tp_word_key(word, (size_t)n));
        uint32_t want = (1u << (i % 3)) | (i == 7 ? QW_ROLE : 0);
        ck_assert_msg(c.flags == want && c.id == i + 1, "%s: flags %u id %u", word,
                      (unsigned)c.flags, (unsigned)c.id);
        n = snprintf(word, sizeof word, "other%d", i);
        others_passed += qlex_may_hold(&lex, tp_word_key(word, (size_t)n));
        c = qlex_find_key(&lex, tp_word_key(word, (size_t)n));
        ck_assert(c.flags == 0 && c.id == 0);
    }
    ck_assert_int_lt(others_passed, 500);
    qlex_free(&lex);
}
END_TEST

/* ---- naming phrases ---------------------------------------------------------------------- */

/* The plugin's built-in word lists, in *lex. */
static void builtin_lexicon(qlex *lex)
{
    ck_assert_int_eq(qlex_init(lex), 0);
    size_t bad = 0;
    ck_assert_int_eq(qlex_add_verbs(lex, tp_quotes_verbs_data, tp_quotes_verbs_data_len), 0);
    ck_assert_int_eq(qlex_add_classes(lex, tp_quotes_titles_data, tp_quotes_titles_data_len, &bad),
                     0);
}

/* How often the quick tests on a word turned a start away. */
typedef struct phrase_start_counts {
    size_t no_phrase; /* qnp_opens_no_phrase() */
    size_t no_one;    /* qnp_flags_name_no_one() */
} phrase_start_counts;

/* Checks the quick tests on a word against qctx_parse_np() over every word
 * of `text` (lexicon `lex`), for every bound up to 12 words on and the
 * document's end, with and without possessives: where qnp_opens_no_phrase()
 * says no phrase opens, the parse must find none; where
 * qnp_flags_name_no_one() says the phrase names no one, it must find no
 * name nor role (a pronoun at most). Adds to *counts. */
static void check_phrase_starts(const qlex *lex, const char *text, phrase_start_counts *counts)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    tp_doc *doc = th_run(h, text);
    qctx ctx;
    qctx_init(&ctx, lex);
    ck_assert_int_eq(qctx_prepare(&ctx, doc), 0);
    uint32_t nw = (uint32_t)ctx.nw;
    for (uint32_t i = 0; i < nw; i++) {
        bool no_one = qnp_flags_name_no_one(ctx.w[i].flags);
        counts->no_one += no_one;
        for (uint32_t hi = i + 1; hi <= nw; hi = hi < i + 12 ? hi + 1 : hi < nw ? nw : nw + 1) {
            bool no_phrase = qnp_opens_no_phrase(ctx.w, i, hi);
            counts->no_phrase += no_phrase;
            for (int poss = 0; poss < 2; poss++) {
                qnp np;
                qctx_parse_np(&ctx, i, hi, poss, &np);
                ck_assert_msg(!no_phrase || np.kind == NP_NONE,
                              "word %u (below %u): a phrase opens there", i, hi);
                ck_assert_msg(!no_one || np.kind == NP_NONE || np.kind == NP_PRON,
                              "word %u (below %u): a name or role opens there", i, hi);
            }
        }
    }
    qctx_free(&ctx);
    th_free(h);
}

/* Where qnp_opens_no_phrase() turns a start away, qctx_parse_np() finds
 * nothing, and where qnp_flags_name_no_one() does, no name: over the seed
 * article and the sentences of the speaker cases. */
START_TEST(test_phrase_starts)
{
    qlex lex;
    builtin_lexicon(&lex);
    size_t len = 0;
    char *seed = read_file(TPIPE_SOURCE_DIR "/tests/data/quotes/articles/seed.txt", &len);
    ck_assert_ptr_nonnull(seed);
    phrase_start_counts counts = {0, 0};
    check_phrase_starts(&lex, seed, &counts);
    for (size_t i = 0; i < sizeof speaker_cases / sizeof speaker_cases[0]; i++)
        check_phrase_starts(&lex, speaker_cases[i].text, &counts);
    /* Stop words that are also nation, organisation, role and title words,
     * which the lists do not have yet. */
    static const char *const also_stop[] = {"North", "Korean", "Council", "Minister", "Mr"};
    for (size_t i = 0; i < sizeof also_stop / sizeof also_stop[0]; i++)
        ck_assert_int_eq(qlex_add(&lex, also_stop[i], strlen(also_stop[i]), QW_STOP, 0), 0);
    for (size_t i = 0; i < sizeof speaker_cases / sizeof speaker_cases[0]; i++)
        check_phrase_starts(&lex, speaker_cases[i].text, &counts);
    ck_assert_uint_gt(counts.no_phrase, 1000);
    ck_assert_uint_gt(counts.no_one, 50);
    free(seed);
    qlex_free(&lex);
}
END_TEST

/* ---- fuller forms ------------------------------------------------------------------------ */

/* Tokenizes `text` and runs the name pass on it into *ctx (looking words up
 * in `lex`), as the plugin does: none when it has no quotation. Returns the
 * harness holding the document; free *ctx, then it. */
static th_harness *run_name_pass(const qlex *lex, const char *text, qctx *ctx)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    tp_doc *doc = th_run(h, text);
    qctx_init(ctx, lex);
    ck_assert_int_eq(qctx_prepare(ctx, doc), 0);
    if (ctx->quotes.count > 0)
        ck_assert_int_eq(qctx_find_entities(ctx), 0);
    return h;
}

/* Runs `check` on each hand-annotated article (tests/data/quotes/articles,
 * at least 30), with `lex` and `count`. */
static void for_each_article(const qlex *lex,
                             void (*check)(const qlex *lex, const char *text, size_t *count),
                             size_t *count)
{
    size_t articles = 0;
    const char *dir = TPIPE_SOURCE_DIR "/tests/data/quotes/articles";
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    for (struct dirent *de; (de = readdir(d)) != NULL;) {
        if (de->d_name[0] == '.')
            continue;
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
        size_t len = 0;
        char *text = read_file(path, &len);
        ck_assert_ptr_nonnull(text);
        check(lex, text, count);
        free(text);
        articles++;
    }
    closedir(d);
    ck_assert_uint_ge(articles, 30);
}

/* Whether words `a` and `b` of the document are the same bytes. */
static bool same_word(const qctx *ctx, uint32_t a, uint32_t b)
{
    const tp_token *x = &ctx->toks[a], *y = &ctx->toks[b];
    return x->end - x->start == y->end - y->start &&
           memcmp(ctx->text + x->start, ctx->text + y->start, x->end - x->start) == 0;
}

/* Whether E's words all occur, in order, in F's. */
static bool words_within(const qctx *ctx, const qentity *E, const qentity *F)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < F->name_n && k < E->name_n; i++) {
        if (same_word(ctx, E->name_first + k, F->name_first + i))
            k++;
    }
    return k == E->name_n;
}

/* The fuller form qctx_choose_fuller_forms() should pick for entity `e`,
 * found by trying every longer entity: `e` itself when none fits. */
static uint32_t fuller_form_by_trying_all(const qctx *ctx, uint32_t e)
{
    const qentity *E = &ctx->ents[e];
    if (E->name_n == 1 && (ctx->w[E->name_first].flags & QX_ACRONYM))
        return e;
    uint32_t best = e;
    for (uint32_t f = 0; f < ctx->nents; f++) {
        const qentity *F = &ctx->ents[f], *B = &ctx->ents[best];
        if (F->name_n <= E->name_n || !words_within(ctx, E, F))
            continue;
        if (best == e || F->count > B->count ||
            (F->count == B->count &&
             (F->person > B->person || (F->person == B->person && f < best))))
            best = f;
    }
    return best;
}

/* Runs the name pass over `text`, then chooses the fuller forms again from
 * scratch and compares each with the one found by trying every longer
 * entity. Adds the entities given a fuller form to *linked. */
static void check_fuller_forms(const qlex *lex, const char *text, size_t *linked)
{
    qctx ctx;
    th_harness *h = run_name_pass(lex, text, &ctx);
    for (uint32_t e = 0; e < ctx.nents; e++)
        ctx.ents[e].canon = e;
    qctx_choose_fuller_forms(&ctx);
    for (uint32_t e = 0; e < ctx.nents; e++) {
        uint32_t want = fuller_form_by_trying_all(&ctx, e);
        ck_assert_msg(ctx.ents[e].canon == want, "entity %u: fuller form %u, want %u", e,
                      ctx.ents[e].canon, want);
        *linked += want != e;
    }
    qctx_free(&ctx);
    th_free(h);
}

/* Names whose short forms are all over: one to seven words, words repeated
 * within a name, acronyms, the same words in other case. */
static const char *const name_texts[] = {
    "\"Yes.\" George W Bush met George Bush. Bush said Bush George W. Bush Jr was there, and "
    "George agreed. W Bush left. BUSH stayed; Bush George Bush George spoke.",
    "\"Yes.\" The Korean Central News Agency (KCNA) said. Korean Central News Agency North Korea "
    "said KCNA, Korean Agency, Central News and News Agency said. North Korean Central "
    "News Agency Office Staff Union spoke, then Union Staff and Office Union. Kim met Kim "
    "Jong Un, Kim Jong Il, Jong Un and David Kim. Kim Jong Kim Jong Un Kim said.",
    "\"Yes.\" MTV said. MTV Smut Peddlers said. The Smut Peddlers said. Peddlers said. A B C D E F "
    "G said. A C E G said. B D F said. G said. A said. C D said. A B C D E F G H said.",
};

/* Runs `check` with the plugin's word lists on each hand-annotated
 * article and each of name_texts. Returns what it counted. */
static size_t check_articles_and_names(void (*check)(const qlex *lex, const char *text,
                                                     size_t *count))
{
    qlex lex;
    builtin_lexicon(&lex);
    size_t count = 0;
    for_each_article(&lex, check, &count);
    for (size_t i = 0; i < sizeof name_texts / sizeof name_texts[0]; i++)
        check(&lex, name_texts[i], &count);
    qlex_free(&lex);
    return count;
}

/* qctx_choose_fuller_forms() picks what trying every longer entity picks,
 * over the hand-annotated articles and names made to test it. */
START_TEST(test_fuller_forms)
{
    ck_assert_uint_gt(check_articles_and_names(check_fuller_forms), 100);
}
END_TEST

/* ---- places ------------------------------------------------------------------------------ */

/* The entity of `ctx` named by `name` (its words' bytes, one space
 * apart), or NULL. */
static const qentity *entity_named(const qctx *ctx, const char *name)
{
    for (size_t e = 0; e < ctx->nents; e++) {
        const qentity *E = &ctx->ents[e];
        const char *s = name;
        uint32_t k = 0;
        for (; k < E->name_n; k++) {
            const tp_token *t = &ctx->toks[E->name_first + k];
            size_t n = t->end - t->start;
            if (strncmp(s, ctx->text + t->start, n) != 0 || (s[n] != ' ' && s[n] != '\0'))
                break;
            s += n + (s[n] == ' ');
        }
        if (k == E->name_n && *s == '\0')
            return E;
    }
    return NULL;
}

/* A name of nation words only is a place; one with another word is not. */
START_TEST(test_places)
{
    qlex lex;
    builtin_lexicon(&lex);
    qctx ctx;
    th_harness *h = run_name_pass(&lex,
                                  "\"Talks will go on,\" North Korea said. South Korea and Kim "
                                  "Jong Un met the Japanese. The US and the Korea Times "
                                  "said so.",
                                  &ctx);
    static const struct {
        const char *name;
        bool place;
    } cases[] = {{"North Korea", true}, {"South Korea", true},  {"Japanese", true},
                 {"US", true},          {"Kim Jong Un", false}, {"Korea Times", false}};
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const qentity *E = entity_named(&ctx, cases[i].name);
        ck_assert_msg(E != NULL, "no entity %s", cases[i].name);
        ck_assert_msg(qctx_entity_is_place(&ctx, E) == cases[i].place, "%s: place %d",
                      cases[i].name, !cases[i].place);
    }
    qctx_free(&ctx);
    th_free(h);
    qlex_free(&lex);
}
END_TEST

/* ---- subjects ------------------------------------------------------------------------------ */

/* Runs the name pass over `text` and checks qctx_mention_leads() against a
 * pass over the mentions in order that marks each one that may lead with
 * none that may before it in its sentence (none among the Q_LOOKBACK
 * mentions before it). Adds the mentions that lead to *leads. */
static void check_leading_mentions(const qlex *lex, const char *text, size_t *leads)
{
    qctx ctx;
    th_harness *h = run_name_pass(lex, text, &ctx);
    uint32_t sent = UINT32_MAX;
    size_t last = SIZE_MAX; /* the last mention of the sentence that may lead */
    for (size_t m = 0; m < ctx.nments; m++) {
        const qmention *M = &ctx.ments[m];
        if (ctx.toks[M->word].sentence != sent) {
            sent = ctx.toks[M->word].sentence;
            last = SIZE_MAX;
        }
        bool want = false;
        if (qctx_mention_may_lead(&ctx, M)) {
            want = last == SIZE_MAX || m - last > Q_LOOKBACK;
            last = m;
        }
        ck_assert_msg(qctx_mention_leads(&ctx, M) == want, "mention %zu (word %u) should lead: %d",
                      m, M->word, want);
        *leads += want;
    }
    qctx_free(&ctx);
    th_free(h);
}

/* A person named again after more mentions than resolution looks back
 * over, in one long sentence, leads it again. */
static char *long_sentence(void)
{
    static const char head[] = "\"Yes.\" Mike Smith met ", each[] = "the BBC, ",
                      tail[] = "and John Brown met Mike Smith.";
    size_t n = Q_LOOKBACK + 44, len = strlen(head) + n * strlen(each) + strlen(tail);
    char *text = malloc(len + 1);
    ck_assert_ptr_nonnull(text);
    char *p = text;
    p += snprintf(p, len + 1, "%s", head);
    for (size_t i = 0; i < n; i++)
        p += snprintf(p, len + 1 - (size_t)(p - text), "%s", each);
    snprintf(p, len + 1 - (size_t)(p - text), "%s", tail);
    return text;
}

/* The first mention of each sentence that may lead is the one that leads,
 * over the hand-annotated articles, the names made for the fuller forms
 * and a long sentence. */
START_TEST(test_leading_mentions)
{
    ck_assert_uint_gt(check_articles_and_names(check_leading_mentions), 200);
    qlex lex;
    builtin_lexicon(&lex);
    char *text = long_sentence();
    size_t long_leads = 0;
    check_leading_mentions(&lex, text, &long_leads);
    ck_assert_uint_eq(long_leads, 2);
    free(text);
    qlex_free(&lex);
}
END_TEST

/* ---- the word view: vector and scalar ----------------------------------------------------- */

/* Builds the word view of `doc` with the vector path (where the CPU has
 * one) and with the scalar reference, and asserts the same words, paragraph
 * starts and quotation bounds. */
static void check_views_agree(const qlex *lex, tp_doc *doc)
{
    qctx fast, ref;
    qctx_init(&fast, lex);
    qctx_init(&ref, lex);
    ref.scalar_view = true;
    ck_assert_int_eq(qctx_prepare(&fast, doc), 0);
    ck_assert_int_eq(qctx_prepare(&ref, doc), 0);
    ck_assert_uint_eq(fast.nw, ref.nw);
    for (size_t i = 0; i < ref.nw; i++) {
        const qword *f = &fast.w[i], *r = &ref.w[i];
        const tp_token *tok = &ref.toks[i];
        ck_assert_msg(f->flags == r->flags && f->quote == r->quote && f->para == r->para &&
                          f->id == r->id,
                      "word %zu '%.*s' (kind %u, flags %#x): vector %#x q%d p%u id%u, scalar %#x "
                      "q%d p%u id%u",
                      i, (int)(tok->end - tok->start), ref.text + tok->start, tok->kind,
                      tok->flags, f->flags, f->quote, f->para, f->id, r->flags, r->quote, r->para,
                      r->id);
    }
    ck_assert_uint_eq(fast.npstarts, ref.npstarts);
    for (size_t i = 0; i < ref.npstarts; i++)
        ck_assert_uint_eq(fast.pstarts[i], ref.pstarts[i]);
    ck_assert_uint_eq(fast.quotes.count, ref.quotes.count);
    for (size_t q = 0; ref.nw && q < ref.quotes.count; q++) {
        ck_assert_uint_eq(fast.attr[q].ob, ref.attr[q].ob);
        ck_assert_uint_eq(fast.attr[q].ca, ref.attr[q].ca);
    }
    qctx_free(&fast);
    qctx_free(&ref);
}

/* Texts for the tokenizer with what the vector view hands back to the
 * scalar one: possessives and clitics, -year-old, capitals the tokenizer
 * marks and does not, non-ASCII letters and punctuation, quoted runs, list
 * words on both sides of a quotation's marks within one group of eight
 * (the vector view looks them up after the walk), and words at the text's
 * very start and end. */
static const char *const view_texts[] = {
    "\"Trump's 25-year-old aide\" said Pompeo\xE2\x80\x99s staff were \"very productive\".",
    "Élan said: \xE2\x80\x9CIt\xE2\x80\x99s the BBC\xE2\x80\x99s job\xE2\x80\x9D \xE2\x80\x94 "
    "and the £5 fee\xE2\x80\xA6 \"we'll see,\" he added -- O'Neill's 'rock' year-old.",
    "\"A\" b \"c\"",
    "US president said \"MR SMITH WAS RIGHT\", adding that a 7-year-old's words...\n\n"
    "\"Nobody\xE2\x80\x99ll say so,\" said Ángel Di María's coach.?!\n\n'Done' it's",
    "\"x\"",
    "Then he said the minister \"said he said\" and the minister's aide said he told them so",
};

START_TEST(test_view_texts)
{
    qlex lex;
    builtin_lexicon(&lex);
    th_harness *h = harness(NULL);
    check_views_agree(&lex, th_run(h, view_texts[_i]));
    th_free(h);
    qlex_free(&lex);
}
END_TEST

/* A word glued to its possessive is looked up without it, even where its
 * whole form is a list word too: the vector view hands it to the scalar
 * one, and must not look it up again after the walk. */
START_TEST(test_view_possessive_of_list_word)
{
    qlex lex;
    ck_assert_int_eq(qlex_init(&lex), 0);
    ck_assert_int_eq(qlex_add(&lex, "minister", 8, QW_ROLE, 1), 0);
    ck_assert_int_eq(qlex_add(&lex, "minister's", 10, QW_ORG, 2), 0);
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, (const char *[]){"split_contractions=false", NULL});
    th_add(h, &tp_quotes_plugin, NULL);
    check_views_agree(&lex, th_run(h, "\"Yes,\" the minister's aide said to the minister's staff "
                                      "and the minister's driver on the day."));
    th_free(h);
    qlex_free(&lex);
}
END_TEST

/* Runs `check` on the seed article, the speaker cases and the view texts. */
static void check_known_texts(void (*check)(const qlex *, tp_doc *))
{
    qlex lex;
    builtin_lexicon(&lex);
    th_harness *h = harness(NULL);
    size_t len = 0;
    char *seed = read_file(TPIPE_SOURCE_DIR "/tests/data/quotes/articles/seed.txt", &len);
    ck_assert_ptr_nonnull(seed);
    check(&lex, th_run(h, seed));
    for (size_t i = 0; i < COUNT(speaker_cases); i++)
        check(&lex, th_run(h, speaker_cases[i].text));
    for (size_t i = 0; i < COUNT(view_texts); i++)
        check(&lex, th_run(h, view_texts[i]));
    free(seed);
    th_free(h);
    qlex_free(&lex);
}

START_TEST(test_view_seed_and_cases)
{
    check_known_texts(check_views_agree);
}
END_TEST

/* xorshift64*: the random token streams, the same on every run. */
static uint32_t next_random(uint64_t *state)
{
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    return (uint32_t)((*state * 2685821657736338717ull) >> 32);
}

static uint64_t random_tokens_state; /* set before each document */

/* A stand-in for the tokenizer that cuts the text at random (through
 * UTF-8 sequences too) into tokens of every kind with random case and
 * sentence flags, a paragraph and a sentence per line: token streams the
 * tokenizer never makes, which the view must read alike both ways. */
static int random_tokens_process(void *instance, tp_doc *doc, tp_error *err)
{
    (void)instance;
    (void)err;
    size_t len = 0;
    const char *text = tp_doc_text(doc, &len);
    uint32_t at = 0, tok_count = 0;
    while (at < len) {
        uint32_t line_end = at;
        while (line_end < len && text[line_end] != '\n')
            line_end++;
        tp_paragraph para = {.start = at, .end = line_end};
        size_t npara = 0;
        tp_doc_paragraphs(doc, &npara);
        tp_sentence sent = {
            .start = at, .end = line_end, .tok_start = tok_count, .paragraph = (uint32_t)npara};
        while (at < line_end) {
            at += next_random(&random_tokens_state) % 3;
            if (at >= line_end)
                break;
            uint32_t n = 1 + next_random(&random_tokens_state) % 12;
            if (n > line_end - at)
                n = line_end - at;
            uint32_t r = next_random(&random_tokens_state);
            tp_token tok = {.start = at,
                            .end = at + n,
                            .kind = (uint8_t)(r % TP_TOK_KIND_COUNT),
                            .flags = (uint16_t)(r >> 8 & (TP_TOKF_CAPITALISED | TP_TOKF_ALL_CAPS |
                                                         TP_TOKF_SENT_START))};
            /* Words most of all, as in text. */
            if (r >> 16 & 1)
                tok.kind = TP_TOK_WORD;
            ck_assert_int_eq(tp_doc_add_token(doc, &tok), 0);
            tok_count++;
            at += n;
        }
        sent.tok_end = tok_count;
        ck_assert_int_eq(tp_doc_add_paragraph(doc, &para), 0);
        ck_assert_int_eq(tp_doc_add_sentence(doc, &sent), 0);
        at = line_end + 1;
    }
    return 0;
}

static const char *const random_tokens_provides[] = {"tokens", "sentences", "paragraphs", NULL};

static const tp_plugin random_tokens_plugin = {
    TP_PLUGIN_INIT,
    .name = "random_tokens",
    .version = "1",
    .provides = random_tokens_provides,
    .process = random_tokens_process,
};

/* Pieces of the random texts: words of the lists and not, every case,
 * possessives and -year-old, quote marks, punctuation, non-ASCII. */
static const char *const text_pieces[] = {
    "said",  "the",   "Trump", "MR",     "mr",     "'s",   "\xE2\x80\x99s", "s",  "-year-old",
    "25",    "\"",    "'",     "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", ".",  ",",
    ":",     "-",     "--",    "\xE2\x80\x94", "\xE2\x80\xA6", "?!",   "\xC3\xA9",     "\xC3\x89", "\xC2\xA3",
    " ",     " ",     " ",     "\n",     "BBC",    "O'Neill", "year-old", "he", "minister",
    "x",     "Xy",    "who",   "\xF0\x9F\x98\x80", "#tag", "@bbc", "http://x.org", "spokesman",
};

/* Runs `check` on 20 random texts cut into random tokens, from `seed`. */
static void check_random_token_docs(uint64_t seed, void (*check)(const qlex *, tp_doc *))
{
    qlex lex;
    builtin_lexicon(&lex);
    th_harness *h = th_new();
    th_add(h, &random_tokens_plugin, NULL);
    uint64_t state = seed;
    char text[4096];
    for (int doc = 0; doc < 20; doc++) {
        size_t len = 0, want = 16 + next_random(&state) % 1500;
        while (len < want) {
            const char *piece = text_pieces[next_random(&state) % COUNT(text_pieces)];
            size_t n = strlen(piece);
            memcpy(text + len, piece, n);
            len += n;
        }
        text[len] = '\0';
        random_tokens_state = state | 1;
        check(&lex, th_run(h, text));
    }
    th_free(h);
    qlex_free(&lex);
}

START_TEST(test_view_random_tokens)
{
    check_random_token_docs(0x9E3779B97F4A7C15ull + (uint64_t)_i, check_views_agree);
}
END_TEST

/* ---- attribution's searches against the plain loops they replaced ------------------------ */

/* The context bounds as first written: one word at a time, every rule
 * asked of every word. */
static void plain_bounds(const qctx *ctx, qattr *a)
{
    const qword *w = ctx->w;
    uint32_t stop = a->ob > 45 ? a->ob - 45 : 0;
    uint32_t lb = a->ob;
    for (; lb > stop; lb--) {
        const qword *p = &w[lb - 1];
        if (p->quote >= 0 || (p->flags & (QX_TERMINAL | QX_DASH)))
            break;
        if ((w[lb].flags & QX_PARA_START) && !(lb == a->ob && (p->flags & QX_COLON)))
            break;
    }
    a->lb = lb;
    uint32_t rb = a->ca;
    size_t end = (size_t)a->ca + 45 < ctx->nw ? (size_t)a->ca + 45 : ctx->nw;
    for (; rb < end; rb++) {
        const qword *p = &w[rb];
        if (p->quote >= 0)
            break;
        if (!(p->flags & (QX_PARA_START | QX_TERMINAL)))
            continue;
        if ((p->flags & QX_PARA_START) &&
            (rb > a->ca || w[a->ca - 1 < ctx->nw ? a->ca - 1 : 0].para != p->para))
            break;
        if (p->flags & QX_TERMINAL)
            break;
    }
    a->rb = rb;
}

/* Compares the bounds both ways around every word of `doc`: as the
 * quotation's first word (ob) and as the word after it (ca). */
static void check_bounds_agree(const qlex *lex, tp_doc *doc)
{
    qctx ctx;
    qctx_init(&ctx, lex);
    ck_assert_int_eq(qctx_prepare(&ctx, doc), 0);
    for (uint32_t k = 0; k < ctx.nw; k++) {
        qattr fast = {.ob = k, .ca = k + 1}, plain = fast;
        qctx_context_bounds(&ctx, &fast);
        plain_bounds(&ctx, &plain);
        ck_assert_msg(fast.lb == plain.lb && fast.rb == plain.rb,
                      "word %u of %zu: bounds [%u, %u), plainly [%u, %u)", k, ctx.nw, fast.lb,
                      fast.rb, plain.lb, plain.rb);
    }
    qctx_free(&ctx);
}

START_TEST(test_bounds_texts)
{
    check_known_texts(check_bounds_agree);
}
END_TEST

/* Random token streams: paragraph starts, sentence ends, dashes, colons
 * and quotations in every order and distance. */
START_TEST(test_bounds_random_tokens)
{
    check_random_token_docs(0xD1B54A32D192ED03ull + (uint64_t)_i, check_bounds_agree);
}
END_TEST

/* The search as first written: every place, every byte. */
static const char *plain_find_ci(const char *hay, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0 || nn > hn)
        return NULL;
    for (size_t i = 0; i + nn <= hn; i++) {
        size_t k = 0;
        while (k < nn && ((unsigned char)hay[i + k] | 0x20) == ((unsigned char)needle[k] | 0x20))
            k++;
        if (k == nn)
            return hay + i;
    }
    return NULL;
}

/* Haystacks of a few letters in both cases and bytes that differ from
 * others only in bit 0x20 ('@' and '`', '[' and '{', '\0' and ' '), of
 * every length around the 16-byte blocks; needles cut from them (case
 * changed) or made up, of every length from 0. */
START_TEST(test_find_ci_random)
{
    static const char alphabet[] = "abAB @`[{\0\xC3\xA9";
    uint64_t state = 0x2545F4914F6CDD1Dull + (uint64_t)_i;
    char hay[80], needle[40];
    for (int round = 0; round < 20000; round++) {
        size_t hn = next_random(&state) % sizeof hay;
        for (size_t i = 0; i < hn; i++)
            hay[i] = alphabet[next_random(&state) % (sizeof alphabet - 1)];
        size_t nn = next_random(&state) % sizeof needle;
        if (nn <= hn && next_random(&state) % 4 != 0) {
            size_t at = next_random(&state) % (hn - nn + 1);
            for (size_t k = 0; k < nn; k++) {
                char c = hay[at + k];
                needle[k] = next_random(&state) % 2 && ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
                                ? (char)(c ^ 0x20)
                                : c;
            }
        } else {
            for (size_t k = 0; k < nn; k++)
                needle[k] = alphabet[next_random(&state) % (sizeof alphabet - 1)];
        }
        const char *fast = qctx_find_ci(hay, hn, needle, nn);
        const char *plain = plain_find_ci(hay, hn, needle, nn);
        ck_assert_msg(fast == plain, "round %d: %zu-byte needle in %zu bytes: at %td, plainly %td",
                      round, nn, hn, fast ? fast - hay : -1, plain ? plain - hay : -1);
    }
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
    tcase_add_loop_test(tc, test_speakers, 0, COUNT(speaker_cases));
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

    tc = tcase_create("lexicon");
    tcase_add_test(tc, test_lexicon_many_words);
    suite_add_tcase(s, tc);

    tc = tcase_create("phrases");
    tcase_add_test(tc, test_phrase_starts);
    tcase_add_test(tc, test_fuller_forms);
    tcase_add_test(tc, test_leading_mentions);
    tcase_add_test(tc, test_places);
    suite_add_tcase(s, tc);

    tc = tcase_create("view");
    tcase_add_loop_test(tc, test_view_texts, 0, COUNT(view_texts));
    tcase_add_test(tc, test_view_possessive_of_list_word);
    tcase_add_test(tc, test_view_seed_and_cases);
    tcase_add_loop_test(tc, test_view_random_tokens, 0, 8);
    suite_add_tcase(s, tc);

    tc = tcase_create("searches");
    tcase_add_test(tc, test_bounds_texts);
    tcase_add_loop_test(tc, test_bounds_random_tokens, 0, 4);
    tcase_add_loop_test(tc, test_find_ci_random, 0, 4);
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
