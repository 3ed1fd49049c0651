/* test_sentiment.c - the sentiment rules, one at a time and combined, run
 * through the harness on the standard tokenizer's output.
 *
 * The rules are tested against tests/data/test_lexicon.tsv (lexicon_mode:
 * replace), whose round valences let each expected compound be derived by
 * hand; the comment beside each row gives the derivation of the valence sum
 * S, and the expected value is N(S) = S / sqrt(S^2 + 15) to 4 decimals.
 * Constants: B = 0.293 (booster), C = 0.733 (caps), NG = -0.74 (negation);
 * '!' adds 0.292 each (at most 4), '?' 0.18 each when 2 or 3, 0.96 from 4;
 * around the first "but" the valences are weighted 0.5 before, 1.5 after;
 * an unknown word with a letter run of 3+ is looked up with the run cut to
 * two letters, then one ("goooood" is good, "soooo" is so). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "builtin.h"
#include "harness.h"
#include "rules.h"

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_sentiment_plugin;

#define TEST_LEXICON "lexicon=" TPIPE_SOURCE_DIR "/plugins/sentiment/tests/data/test_lexicon.tsv"
#define DATA_DIR TPIPE_SOURCE_DIR "/plugins/sentiment/tests/data/"

typedef struct rule_case {
    const char *group;
    const char *text;
    double compound;
} rule_case;

static const rule_case cases[] = {
    {"lexicon", "The food is good.", 0.4588},  /* N(2) */
    {"lexicon", "It is bad.", -0.4588},        /* N(-2) */
    {"lexicon", "great", 0.6124},              /* N(3) */
    {"lexicon", "The weather today.", 0.0000}, /* N(0) */
    {"lexicon", "GOOD", 0.4588},               /* N(2) */
    {"lexicon", "Good", 0.4588},               /* N(2) */
    {"lexicon", "good good", 0.7184},          /* N(2+2) */
    {"lexicon", "good bad", 0.0000},           /* N(2-2) */
    {"lexicon", "love and hate", 0.0000},      /* N(3-3) */
    {"lexicon", "I am happy", 0.5423},         /* N(2.5) */
    {"lexicon", "terrible", -0.6124},          /* N(-3) */
    {"lexicon", "awful", -0.6705},             /* N(-3.5) */
    {"lexicon",
     "Sch\xc3"
     "\xb6"
     "n",
     0.4588},                               /* N(2) */
    {"lexicon", "She is kind", 0.4588},     /* N(2) */
    {"negation", "not good", -0.3570},      /* N(2*NG) */
    {"negation", "It isn't good", -0.3570}, /* N(2*NG) */
    {"negation",
     "It isn\xe2"
     "\x80"
     "\x99"
     "t good",
     -0.3570},                                                      /* N(2*NG) */
    {"negation", "It is not good", -0.3570},                        /* N(2*NG) */
    {"negation", "not bad", 0.3570},                                /* N(-2*NG) */
    {"negation", "not very good", -0.4013},                         /* N((2+B)*NG) */
    {"negation", "not the good one", -0.3570},                      /* N(2*NG) */
    {"negation", "not that it is good", 0.4588},                    /* N(2) */
    {"negation", "never good", -0.3570},                            /* N(2*NG) */
    {"negation", "never so good", 0.5949},                          /* N((2+B)*1.25) */
    {"negation", "never this good", 0.5423},                        /* N(2*1.25) */
    {"negation", "without doubt good", 0.5095},                     /* N(2+B) */
    {"negation", "without doubt", 0.0000},                          /* N(0) */
    {"negation", "no good", -0.3570},                               /* N(2*NG) */
    {"negation", "no", -0.2500},                                    /* N(-1) */
    {"negation", "not good, bad", -0.6684},                         /* N(2*NG-2) */
    {"negation", "don't care, don't care", -0.4973},                /* N(2*1.5*NG) */
    {"negation", "not not good", 0.2721},                           /* N(2*NG*NG) */
    {"negation", "I cannot be happy", -0.4310},                     /* N(2.5*NG) */
    {"negation", "nothing good", -0.3570},                          /* N(2*NG) */
    {"negation", "They dont love it", -0.4973},                     /* N(3*NG) */
    {"negation", "hardly good", -0.3570},                           /* N(2*NG) */
    {"negation", "I can't love it", -0.4973},                       /* N(3*NG) */
    {"booster", "very good", 0.5095},                               /* N(2+B) */
    {"booster", "very bad", -0.5095},                               /* N(-2-B) */
    {"booster", "extremely good", 0.5095},                          /* N(2+B) */
    {"booster", "very very good", 0.5531},                          /* N(2+B+B*0.95) */
    {"booster", "very really good", 0.5531},                        /* N(2+B+B*0.95) */
    {"booster", "very nice and good", 0.6997},                      /* N(1.5+B+2) */
    {"booster", "very, good", 0.4588},                              /* N(2) */
    {"booster", "slightly good", 0.4033},                           /* N(2-B) */
    {"booster", "slightly bad", -0.4033},                           /* N(-2+B) */
    {"booster", "kind of good", 0.4033},                            /* N(2-B) */
    {"booster", "sort of bad", -0.4033},                            /* N(-2+B) */
    {"booster", "a little sad", -0.4951},                           /* N(-2.5+B) */
    {"booster", "very the good", 0.5070},                           /* N(2+B*0.95) */
    {"booster", "very the old good", 0.5046},                       /* N(2+B*0.9) */
    {"booster", "very big the old good", 0.4588},                   /* N(2) */
    {"booster", "super good", 0.5095},                              /* N(2+B) */
    {"booster", "super", 0.6124},                                   /* N(3) */
    {"booster", "pretty", 0.4588},                                  /* N(2) */
    {"booster", "pretty good", 0.5095},                             /* N(2+B) */
    {"booster", "damn good", 0.5095},                               /* N(2+B) */
    {"booster", "damn", -0.3612},                                   /* N(-1.5) */
    {"booster", "somewhat nice", 0.2975},                           /* N(1.5-B) */
    {"booster", "kind of", 0.0000},                                 /* N(0) */
    {"caps", "The food is GOOD", 0.5766},                           /* N(2+C) */
    {"caps", "The food is BAD", -0.5766},                           /* N(-2-C) */
    {"caps", "GOOD FOOD", 0.4588},                                  /* N(2) */
    {"caps", "the food is VERY good", 0.6157},                      /* N(2+B+C) */
    {"caps", "the food is VERY BAD", -0.6965},                      /* N(-2-C-(B+C)) */
    {"caps", "this is NOT good", -0.3570},                          /* N(2*NG) */
    {"caps", "I am SLIGHTLY happy", 0.3557},                        /* N(2.5-(B+C)) */
    {"caps", "I Love it", 0.6124},                                  /* N(3) */
    {"caps", "I LOVE it", 0.6940},                                  /* N(3+C) */
    {"caps", "we are NOT VERY happy today", -0.5587},               /* N((2.5+B+C)*NG) */
    {"but", "good but bad", -0.4588},                               /* N(2*0.5-2*1.5) */
    {"but", "bad but good", 0.4588},                                /* N(-2*0.5+2*1.5) */
    {"but", "good but not bad", 0.6393},                            /* N(2*0.5+(-2*NG)*1.5) */
    {"but", "not good but great", 0.6966},                          /* N(2*NG*0.5+3*1.5) */
    {"but", "good but good but bad", 0.2500},                       /* N(2*0.5+2*1.5-2*1.5) */
    {"but", "but good", 0.6124},                                    /* N(2*1.5) */
    {"but", "good but", 0.2500},                                    /* N(2*0.5) */
    {"but", "The service was bad, but the food was great", 0.6705}, /* N(-2*0.5+3*1.5) */
    {"but", "not but good", 0.6124},                                /* N(2*1.5) */
    {"punct", "good!", 0.5093},                                     /* N(2+0.292) */
    {"punct", "good!!", 0.5550},                                    /* N(2+2*0.292) */
    {"punct", "good!!!!", 0.6331},                                  /* N(2+4*0.292) */
    {"punct", "good!!!!!!", 0.6331},                                /* N(2+4*0.292) */
    {"punct", "bad!!", -0.5550},                                    /* N(-2-2*0.292) */
    {"punct", "good?", 0.4588},                                     /* N(2) */
    {"punct", "good??", 0.5204},                                    /* N(2+2*0.18) */
    {"punct", "good???", 0.5484},                                   /* N(2+3*0.18) */
    {"punct", "good????", 0.6072},                                  /* N(2+0.96) */
    {"punct", "bad???", -0.5484},                                   /* N(-2-3*0.18) */
    {"punct", "The weather!!!", 0.0000},                            /* N(0) */
    {"punct", "good!??", 0.5650},                                   /* N(2+0.292+2*0.18) */
    {"idiom", "the least good", -0.3570},                           /* N(2*NG) */
    {"idiom", "least happy", -0.4310},                              /* N(2.5*NG) */
    {"idiom", "at least good", 0.4588},                             /* N(2) */
    {"idiom", "at the very least it is good", 0.4588},              /* N(2) */
    {"idiom", "It cut the mustard", 0.4588},                        /* N(2) */
    {"idiom", "yeah right", -0.4588},                               /* N(-2) */
    {"idiom", "It did not cut the mustard", -0.3570},               /* N(2*NG) */
    {"idiom", "no doubt good", 0.5095},                             /* N(2+B) */
    {"idiom", "the kind of people", 0.0000},                        /* N(0) */
    {"emoji", ":)", 0.4588},                                        /* N(2) */
    {"emoji", "good :)", 0.7184},                                   /* N(2+2) */
    {"emoji", "not :)", 0.4588},                                    /* N(2) */
    {"emoji", "no cheque :(", -0.4588},                             /* N(-2) */
    {"emoji",
     "\xf0"
     "\x9f"
     "\x98"
     "\x80"
     "",
     0.5423}, /* N(2.5) */
    {"emoji",
     "very \xf0"
     "\x9f"
     "\x98"
     "\x80"
     "",
     0.5423}, /* N(2.5) */
    {"emoji",
     "\xf0"
     "\x9f"
     "\x91"
     "\x8d"
     "\xf0"
     "\x9f"
     "\x8f"
     "\xbd"
     "",
     0.3612},                                  /* N(1.5) */
    {"emoji", "That was fun :D", 0.5423},      /* N(2.5) */
    {"emoji", "#good", 0.4588},                /* N(2) */
    {"stretch", "goooood", 0.4588},            /* N(2) */
    {"stretch", "baaad", -0.4588},             /* N(-2) */
    {"stretch", "soooo good", 0.5095},         /* N(2+B) */
    {"stretch", "the food is GOOOOD", 0.5766}, /* N(2+C) */
    {"stretch", "not goooood", -0.3570},       /* N(2*NG) */
    /* Plain words go by their token's word key, the rest by their text. */
    {"keys", "It was counterproductive", -0.3612}, /* N(-1.5): a key of over 16 bytes */
    {"keys", "CUT THE MUSTARD", 0.4588},           /* N(2): phrase keys combine word keys */
    {"keys", "That was fun :d", 0.0000},           /* N(0): ":D" keeps its case */
    {"keys", "Goood", 0.4588},                     /* N(2): stretched, by its text */
    {"keys", "it's good", 0.4588},                 /* N(2): "it" + "'s" joined, by its text */
};

#define NCASES (sizeof cases / sizeof cases[0])

static th_harness *harness_with(const char *const *options)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    th_add(h, &tp_sentiment_plugin, options);
    return h;
}

static th_harness *rule_harness(void)
{
    return harness_with(
        (const char *[]){TEST_LEXICON, "lexicon_mode=replace", "scopes=document,sentence", NULL});
}

static double number_at(const tp_value *obj, const char *key)
{
    const tp_value *v = tp_object_get(obj, key);
    ck_assert_msg(v != NULL, "result has no '%s'", key);
    return tp_value_as_number(v);
}

static const tp_value *sentiment_of(th_harness *h, const char *text)
{
    tp_doc *d = th_run(h, text);
    const tp_value *r = tp_doc_result(d, "sentiment");
    ck_assert_msg(r != NULL, "no sentiment result for \"%s\"", text);
    return r;
}

#define ASSERT_NEAR(got, want, what)                                                               \
    ck_assert_msg(fabs((got) - (want)) < 0.0006, "%s: got %.4f, want %.4f", what, (double)(got),   \
                  (double)(want))

/* Runs the rows of one group; each row is a loop iteration of one test. */
static void run_group(const char *group, int i)
{
    size_t seen = 0;
    for (size_t k = 0; k < NCASES; k++) {
        if (strcmp(cases[k].group, group) != 0)
            continue;
        if (seen++ != (size_t)i)
            continue;
        th_harness *h = rule_harness();
        const tp_value *r = sentiment_of(h, cases[k].text);
        ASSERT_NEAR(number_at(r, "compound"), cases[k].compound, cases[k].text);
        th_free(h);
        return;
    }
    ck_abort_msg("no case %d in group %s", i, group);
}

static int group_size(const char *group)
{
    int n = 0;
    for (size_t k = 0; k < NCASES; k++)
        n += strcmp(cases[k].group, group) == 0;
    return n;
}

#define GROUP_TEST(name)                                                                           \
    START_TEST(test_##name)                                                                        \
    {                                                                                              \
        run_group(#name, _i);                                                                      \
    }                                                                                              \
    END_TEST

GROUP_TEST(lexicon)
GROUP_TEST(negation)
GROUP_TEST(booster)
GROUP_TEST(caps)
GROUP_TEST(but)
GROUP_TEST(punct)
GROUP_TEST(idiom)
GROUP_TEST(emoji)
GROUP_TEST(stretch)
GROUP_TEST(keys)

/* ---- proportions and labels ------------------------------------------------ */

START_TEST(test_proportions_plain)
{
    /* good: pos 2+1 = 3; The food is: 3 neutral -> 3/6, 0, 3/6 */
    th_harness *h = rule_harness();
    const tp_value *r = sentiment_of(h, "The food is good.");
    ASSERT_NEAR(number_at(r, "positive"), 0.5, "positive");
    ASSERT_NEAR(number_at(r, "negative"), 0.0, "negative");
    ASSERT_NEAR(number_at(r, "neutral"), 0.5, "neutral");
    th_free(h);
}
END_TEST

START_TEST(test_proportions_but)
{
    /* good*0.5 = 1 -> pos 2; bad*1.5 = -3 -> neg -4; "but" neutral 1; total 7 */
    th_harness *h = rule_harness();
    const tp_value *r = sentiment_of(h, "good but bad");
    ASSERT_NEAR(number_at(r, "positive"), 2.0 / 7, "positive");
    ASSERT_NEAR(number_at(r, "negative"), 4.0 / 7, "negative");
    ASSERT_NEAR(number_at(r, "neutral"), 1.0 / 7, "neutral");
    th_free(h);
}
END_TEST

START_TEST(test_proportions_emphasis)
{
    /* good! : pos 3 + 0.292, nothing else: all positive */
    th_harness *h = rule_harness();
    const tp_value *r = sentiment_of(h, "good!");
    ASSERT_NEAR(number_at(r, "positive"), 1.0, "positive");
    ASSERT_NEAR(number_at(r, "neutral"), 0.0, "neutral");
    th_free(h);
}
END_TEST

START_TEST(test_empty_document)
{
    th_harness *h = rule_harness();
    const tp_value *r = sentiment_of(h, "");
    ASSERT_NEAR(number_at(r, "compound"), 0.0, "compound");
    ASSERT_NEAR(number_at(r, "neutral"), 1.0, "neutral");
    ck_assert_str_eq(tp_value_as_string(tp_object_get(r, "label"), NULL), "neutral");
    th_free(h);
}
END_TEST

static const struct {
    const char *text;
    const char *threshold;
    const char *label;
} label_cases[] = {
    {"good", NULL, "positive"},             /* 0.4588 >= 0.05 */
    {"bad", NULL, "negative"},              /* -0.4588 <= -0.05 */
    {"the table", NULL, "neutral"},         /* 0 */
    {"good", "threshold=0.5", "neutral"},   /* 0.4588 < 0.5 */
    {"great", "threshold=0.5", "positive"}, /* 0.6124 */
};

START_TEST(test_labels)
{
    const char *opts[] = {TEST_LEXICON, "lexicon_mode=replace", label_cases[_i].threshold, NULL};
    th_harness *h = harness_with(opts);
    const tp_value *r = sentiment_of(h, label_cases[_i].text);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(r, "label"), NULL), label_cases[_i].label);
    th_free(h);
}
END_TEST

/* ---- aggregation over sentences ---------------------------------------------- */

static const struct {
    const char *text;
    const char *aggregate;
    double compound;
} agg_cases[] = {
    {"Good. Bad.", "aggregate=sum", 0.0},           /* N(2-2) */
    {"Good. Bad.", "aggregate=mean", 0.0},          /* (N(2)+N(-2))/2 */
    {"Good. Bad.", "aggregate=sqrt", 0.0},          /* N(0/sqrt 2) */
    {"Good. Great.", "aggregate=sum", 0.7906},      /* N(5) */
    {"Good. Great.", "aggregate=mean", 0.5356},     /* (0.4588+0.6124)/2 */
    {"Good. Great.", "aggregate=sqrt", 0.6742},     /* N(5/sqrt 2) */
    {"Good. The table.", "aggregate=sum", 0.4588},  /* N(2) */
    {"Good. The table.", "aggregate=mean", 0.2294}, /* (N(2)+0)/2 */
    {"Good. The table.", "aggregate=sqrt", 0.3430}, /* N(2/sqrt 2) */
    {"good", "alpha=5", 0.6667},                    /* 2/sqrt(4+5) */
};

START_TEST(test_aggregate)
{
    const char *opts[] = {TEST_LEXICON, "lexicon_mode=replace", agg_cases[_i].aggregate, NULL};
    th_harness *h = harness_with(opts);
    const tp_value *r = sentiment_of(h, agg_cases[_i].text);
    ASSERT_NEAR(number_at(r, "compound"), agg_cases[_i].compound, agg_cases[_i].text);
    th_free(h);
}
END_TEST

START_TEST(test_sentence_scope)
{
    th_harness *h = rule_harness();
    const tp_value *r = sentiment_of(h, "Good. Bad. Very good!");
    const tp_value *s = tp_object_get(r, "sentences");
    ck_assert_ptr_nonnull(s);
    ck_assert_uint_eq(tp_value_length(s), 3);
    const double want[] = {0.4588, -0.4588, 0.5551}; /* N(2), N(-2), N(2+B+0.292) */
    for (size_t i = 0; i < 3; i++) {
        const tp_value *o = tp_array_get(s, i);
        ck_assert_int_eq(tp_value_as_int(tp_object_get(o, "index")), (int64_t)i);
        ASSERT_NEAR(number_at(o, "compound"), want[i], "sentence");
    }
    th_free(h);
}
END_TEST

START_TEST(test_default_scopes)
{
    /* default scopes: document and quote; no "sentences" array */
    th_harness *h = harness_with((const char *[]){TEST_LEXICON, "lexicon_mode=replace", NULL});
    const tp_value *r = sentiment_of(h, "Good. Bad.");
    ck_assert_ptr_null(tp_object_get(r, "sentences"));
    ck_assert_ptr_nonnull(tp_object_get(r, "compound"));
    ck_assert_ptr_null(tp_object_get(r, "speakers"));
    th_free(h);
}
END_TEST

START_TEST(test_sentence_only_scope)
{
    th_harness *h = harness_with(
        (const char *[]){TEST_LEXICON, "lexicon_mode=replace", "scopes=sentence", NULL});
    const tp_value *r = sentiment_of(h, "Good. Bad.");
    ck_assert_ptr_null(tp_object_get(r, "compound"));
    ck_assert_ptr_nonnull(tp_object_get(r, "sentences"));
    th_free(h);
}
END_TEST

/* ---- user lexicons ------------------------------------------------------------- */

static const struct {
    const char *file;
    const char *mode;
    const char *scale;
    const char *text;
    double compound;
} user_cases[] = {
    /* VADER-style file: mean column used: splendid 3.1 */
    {"vader_format.tsv", "lexicon_mode=replace", NULL, "splendid", 0.6249},
    /* AFINN-style integers with lexicon_scale 0.8: superb 5 -> 4.0 */
    {"integer_format.tsv", "lexicon_mode=replace", "lexicon_scale=0.8", "superb", 0.7184},
    /* integer file: dreadful -3 -> -2.4 */
    {"integer_format.tsv", "lexicon_mode=replace", "lexicon_scale=0.8", "dreadful", -0.5267},
    /* replace: the built-in words are gone */
    {"vader_format.tsv", "lexicon_mode=replace", NULL, "wonderful", 0.0},
    /* the rules' own lists stay with replace: not splendid = 3.1*NG */
    {"vader_format.tsv", "lexicon_mode=replace", NULL, "not splendid", -0.5096},
};

START_TEST(test_user_lexicon)
{
    char path[1024];
    snprintf(path, sizeof path, "lexicon=%s%s", DATA_DIR, user_cases[_i].file);
    const char *opts[] = {path, user_cases[_i].mode, user_cases[_i].scale, NULL};
    th_harness *h = harness_with(opts);
    const tp_value *r = sentiment_of(h, user_cases[_i].text);
    ASSERT_NEAR(number_at(r, "compound"), user_cases[_i].compound, user_cases[_i].text);
    th_free(h);
}
END_TEST

START_TEST(test_user_lexicon_extends_builtin)
{
    /* extend: the user's entry overrides the built-in valence of "good" */
    char path[1024];
    snprintf(path, sizeof path, "lexicon=%svader_format.tsv", DATA_DIR);
    th_harness *h = harness_with((const char *[]){path, NULL});
    const tp_value *r = sentiment_of(h, "good");
    ASSERT_NEAR(number_at(r, "compound"), 0.1 / sqrt(0.01 + 15), "good overridden to 0.1");
    th_free(h);
}
END_TEST

/* ---- the built-in lexicon, on real sentences ------------------------------------- */

static const struct {
    const char *text;
    int sign;
} builtin_cases[] = {
    {"The talks ended in deadlock and the sanctions remain.", -1},
    {"The summit was hailed as a breakthrough for peace.", 1},
    {"Leaders praised the historic agreement.", 1},
    {"The crisis deepened after the failure of the negotiations.", -1},
    {"I love this movie, it is wonderful!", 1},
    {"This is the worst film I have ever seen.", -1},
    {"The meeting is on Tuesday.", 0},
    {"The food was not good at all.", -1},
    {"What a great day :)", 1},
};

START_TEST(test_builtin_lexicon)
{
    th_harness *h = harness_with(NULL);
    const tp_value *r = sentiment_of(h, builtin_cases[_i].text);
    double c = number_at(r, "compound");
    int sign = c >= 0.05 ? 1 : c <= -0.05 ? -1 : 0;
    ck_assert_msg(sign == builtin_cases[_i].sign, "\"%s\": compound %.4f", builtin_cases[_i].text,
                  c);
    th_free(h);
}
END_TEST

/* A range of a document (a sentence, a quote) is scored from the items made
 * once for the whole document; it must score exactly as the same tokens
 * scored as a text of their own, including ranges whose ends split a word
 * from its clitic ("do" | "n't"), phrases, marks and clause breaks. */
static const char range_text[] =
    "They don't like it, but it isn't bad at all!! Kind of great? No doubt: "
    "the plan won't fail... I can't say I'm not HAPPY :) #winning soooo good. "
    "Without doubt the least bad idea, never so good as this; not very nice?? "
    "It's a piece of cake, he said -- we'd rather not.";

START_TEST(test_ranges_match_own_text)
{
    tp_senti_lex *lex = tp_senti_lex_new();
    ck_assert_ptr_nonnull(lex);
    ck_assert_int_eq(tp_senti_add_builtin_lists(lex, NULL), 0);
    ck_assert_int_eq(tp_senti_add_builtin_lexicon(lex, NULL), 0);
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    tp_doc *d = th_run(h, range_text);
    size_t len, ntok;
    const char *text = tp_doc_text(d, &len);
    const tp_token *toks = tp_doc_tokens(d, &ntok);
    tp_senti_scratch whole = {0}, own = {0};
    /* The whole document by the core's word keys, each range on its own by
     * keys made in the plugin: both must agree. */
    tp_senti_doc doc = tp_senti_doc_of(text, len, toks, ntok);
    doc.keys = tp_doc_token_keys(d);
    ck_assert_ptr_nonnull(doc.keys);
    int caps = tp_senti_caps_differ(toks, ntok);
    size_t splits = 0;
    for (size_t b = 0; b < ntok; b++) {
        for (size_t e = b + 1; e <= ntok && e <= b + 12; e++) {
            tp_senti_piece got, want;
            ck_assert_int_eq(tp_senti_score(lex, &doc, b, e, &whole, &got), 0);
            tp_senti_doc part = tp_senti_doc_of(text, len, toks + b, e - b);
            part.caps = caps;
            ck_assert_int_eq(tp_senti_score(lex, &part, 0, e - b, &own, &want), 0);
            ck_assert_msg(got.sum == want.sum && got.pos == want.pos && got.neg == want.neg &&
                              got.neutral == want.neutral && got.items == want.items,
                          "tokens [%zu, %zu): sum %g over %u items, want %g over %u", b, e, got.sum,
                          got.items, want.sum, want.items);
            splits +=
                (toks[b].flags & TP_TOKF_CLITIC) || (e < ntok && toks[e].flags & TP_TOKF_CLITIC);
        }
    }
    ck_assert_uint_gt(splits, 0);
    tp_senti_scratch_free(&whole);
    tp_senti_scratch_free(&own);
    th_free(h);
    tp_senti_lex_free(lex);
}
END_TEST

/* tokens [0, ntok) of `d` scored with `lex`, by scratch `sc` */
static tp_senti_piece score_all(const tp_senti_lex *lex, tp_doc *d, tp_senti_scratch *sc)
{
    size_t len, ntok;
    const char *text = tp_doc_text(d, &len);
    const tp_token *toks = tp_doc_tokens(d, &ntok);
    tp_senti_doc doc = tp_senti_doc_of(text, len, toks, ntok);
    doc.keys = tp_doc_token_keys(d);
    tp_senti_piece p;
    ck_assert_int_eq(tp_senti_score(lex, &doc, 0, ntok, sc, &p), 0);
    return p;
}

/* A scratch remembers the words with clitics it made (by their tokens'
 * keys); another lexicon, or the same one grown, must not see them. */
START_TEST(test_memo_follows_lexicon)
{
    tp_senti_lex *a = tp_senti_lex_new(), *b = tp_senti_lex_new();
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_int_eq(tp_senti_add_builtin_lists(a, NULL), 0);
    ck_assert_int_eq(tp_senti_add_builtin_lexicon(a, NULL), 0);
    ck_assert_int_eq(tp_senti_add_builtin_lists(b, NULL), 0);
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    tp_doc *d = th_run(h, "Alzheimer's is cruel; the bully's words, all's well.");
    tp_senti_scratch kept = {0};
    tp_senti_piece with_a = score_all(a, d, &kept);
    ck_assert(with_a.sum < 0);
    for (int round = 0; round < 2; round++) {
        tp_senti_scratch fresh = {0};
        tp_senti_piece got = score_all(b, d, &kept), want = score_all(b, d, &fresh);
        ck_assert(got.sum == want.sum && got.items == want.items);
        tp_senti_scratch_free(&fresh);
        /* then b grows: "alzheimer's" gets a valence */
        ck_assert_int_eq(
            tp_senti_lex_add_file(b, DATA_DIR "memo_lexicon.tsv", TP_SENTI_LIST_VALENCE, 1.0, NULL),
            0);
    }
    ck_assert(score_all(b, d, &kept).sum > 0);
    tp_senti_scratch_free(&kept);
    th_free(h);
    tp_senti_lex_free(a);
    tp_senti_lex_free(b);
}
END_TEST

static Suite *sentiment_suite(void)
{
    Suite *s = suite_create("sentiment");
    struct {
        const char *name;
        const TTest *test;
    } groups[] = {
        {"lexicon", test_lexicon}, {"negation", test_negation}, {"booster", test_booster},
        {"caps", test_caps},       {"but", test_but},           {"punct", test_punct},
        {"idiom", test_idiom},     {"emoji", test_emoji},       {"stretch", test_stretch},
        {"keys", test_keys},
    };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        TCase *tc = tcase_create(groups[g].name);
        tcase_add_loop_test(tc, groups[g].test, 0, group_size(groups[g].name));
        suite_add_tcase(s, tc);
    }
    TCase *tc = tcase_create("scores");
    tcase_add_test(tc, test_proportions_plain);
    tcase_add_test(tc, test_proportions_but);
    tcase_add_test(tc, test_proportions_emphasis);
    tcase_add_test(tc, test_empty_document);
    tcase_add_loop_test(tc, test_labels, 0, sizeof label_cases / sizeof label_cases[0]);
    suite_add_tcase(s, tc);
    tc = tcase_create("aggregate");
    tcase_add_loop_test(tc, test_aggregate, 0, sizeof agg_cases / sizeof agg_cases[0]);
    tcase_add_test(tc, test_sentence_scope);
    tcase_add_test(tc, test_default_scopes);
    tcase_add_test(tc, test_sentence_only_scope);
    suite_add_tcase(s, tc);
    tc = tcase_create("ranges");
    tcase_add_test(tc, test_ranges_match_own_text);
    tcase_add_test(tc, test_memo_follows_lexicon);
    suite_add_tcase(s, tc);
    tc = tcase_create("user_lexicon");
    tcase_add_loop_test(tc, test_user_lexicon, 0, sizeof user_cases / sizeof user_cases[0]);
    tcase_add_test(tc, test_user_lexicon_extends_builtin);
    suite_add_tcase(s, tc);
    tc = tcase_create("builtin");
    tcase_add_loop_test(tc, test_builtin_lexicon, 0,
                        sizeof builtin_cases / sizeof builtin_cases[0]);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(sentiment_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
