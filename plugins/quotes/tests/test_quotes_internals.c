/* test_quotes_internals.c - the quotes plugin's internals against plain
 * reference code: the word lists, the quick tests on phrase starts against
 * the parse, fuller forms against trying every longer entity, leading
 * mentions against a pass in order, places, the word view built both ways
 * (vector and scalar), and attribution's context bounds and find_ci against
 * the plain loops they replaced; on the seed article, the hand-annotated
 * articles, the attribution cases' sentences and random token streams from
 * a fixture plugin. What users see is in test_quotes.c. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <tpipe/plugin.h>

#include "../context.h"
#include "../entities.h"
#include "../lexicon.h"
#include "../np.h"
#include "quote_cases.h"

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_quotes_plugin;
extern const char tp_quotes_verbs_data[];
extern const unsigned long tp_quotes_verbs_data_len;
extern const char tp_quotes_titles_data[];
extern const unsigned long tp_quotes_titles_data_len;

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
    for (size_t i = 0; i < speaker_case_count; i++)
        check_phrase_starts(&lex, speaker_cases[i].text, &counts);
    /* Stop words that are also nation, organisation, role and title words,
     * which the lists do not have yet. */
    static const char *const also_stop[] = {"North", "Korean", "Council", "Minister", "Mr"};
    for (size_t i = 0; i < sizeof also_stop / sizeof also_stop[0]; i++)
        ck_assert_int_eq(qlex_add(&lex, also_stop[i], strlen(also_stop[i]), QW_STOP, 0), 0);
    for (size_t i = 0; i < speaker_case_count; i++)
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

/* Whether a name particle stands among F's words after its first ("Stade
 * de France"). */
static bool has_particle(const qctx *ctx, const qentity *F)
{
    bool any = false;
    for (uint32_t k = 1; k < F->name_n; k++)
        any = any || qnp_is_particle(ctx->w[F->name_first + k].flags);
    return any;
}

/* Whether entity `e` has a mention that opens its clause ("Uefa says"). */
static bool opens_a_clause(const qctx *ctx, uint32_t e)
{
    bool any = false;
    for (size_t m = 0; m < ctx->nments; m++)
        any = any || (ctx->ments[m].entity == e && qctx_mention_opens_clause(ctx, &ctx->ments[m]));
    return any;
}

/* Whether F's name is E's name and one more word, a number spelt out and
 * capitalised: "Sky One" is a channel of "Sky", not its fuller form. */
static bool names_channel(const qctx *ctx, const qentity *E, const qentity *F)
{
    static const char *const numbers[] = {"One", "Two",   "Three", "Four", "Five",
                                          "Six", "Seven", "Eight", "Nine", "Ten"};
    if (F->name_n != E->name_n + 1)
        return false;
    for (uint32_t j = 0; j < E->name_n; j++) {
        const tp_token *a = &ctx->toks[E->name_first + j], *b = &ctx->toks[F->name_first + j];
        if (a->end - a->start != b->end - b->start ||
            strncasecmp(ctx->text + a->start, ctx->text + b->start, a->end - a->start) != 0)
            return false;
    }
    const tp_token *t = &ctx->toks[F->name_first + F->name_n - 1];
    for (size_t k = 0; k < sizeof numbers / sizeof numbers[0]; k++) {
        if (t->end - t->start == strlen(numbers[k]) &&
            memcmp(ctx->text + t->start, numbers[k], strlen(numbers[k])) == 0)
            return true;
    }
    return false;
}

/* The fuller form qctx_choose_fuller_forms() should pick for entity `e`,
 * found by trying every longer entity (but a nationality before a person's
 * name, which is no one's fuller form, a name with a particle for a
 * nation word: "France" is not "Stade de France", and an event's name for
 * a name of none written alone as a subject: "Uefa" is not "Uefa Cup", and
 * a channel for its body: "Sky" is not "Sky One"): `e`
 * itself when none fits. */
static uint32_t fuller_form_by_trying_all(const qctx *ctx, uint32_t e)
{
    const qentity *E = &ctx->ents[e];
    if (E->name_n == 1 && (ctx->w[E->name_first].flags & QX_ACRONYM))
        return e;
    bool nation = E->name_n == 1 && (ctx->w[E->name_first].flags & QW_NATION);
    uint32_t best = e;
    for (uint32_t f = 0; f < ctx->nents; f++) {
        const qentity *F = &ctx->ents[f], *B = &ctx->ents[best];
        if (F->name_n <= E->name_n || F->described || !words_within(ctx, E, F) ||
            (nation && has_particle(ctx, F)) ||
            (qctx_is_event_word(ctx, F->name_first + F->name_n - 1) &&
             !qctx_names_event(ctx, E) && opens_a_clause(ctx, e)) ||
            names_channel(ctx, E, F))
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
                      i, (int)(tok->end - tok->start), ref.text + tok->start, tok->kind, tok->flags,
                      f->flags, f->quote, f->para, f->id, r->flags, r->quote, r->para, r->id);
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
    "Lock of OutRage! said \"Stop!\" and Yahoo!'s boss asked: \"Why?\" Fans wait... and see. "
    "Really? Yes!",
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
    for (size_t i = 0; i < speaker_case_count; i++)
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
 * possessives and -year-old, quote marks, punctuation, non-ASCII. (Packed
 * by hand: clang-format would give each piece a line.) */
/* clang-format off */
static const char *const text_pieces[] = {
    "said", "the", "Trump", "MR", "mr", "'s", "\xE2\x80\x99s", "s", "-year-old", "25", "\"", "'",
    "\xE2\x80\x9C", "\xE2\x80\x9D", "\xE2\x80\x98", "\xE2\x80\x99", ".", ",", ":", "-", "--",
    "\xE2\x80\x94", "\xE2\x80\xA6", "?!", "\xC3\xA9", "\xC3\x89", "\xC2\xA3", " ", " ", " ", "\n",
    "BBC", "O'Neill", "year-old", "he", "minister", "x", "Xy", "who", "\xF0\x9F\x98\x80", "#tag",
    "@bbc", "http://x.org", "spokesman",
};
/* clang-format on */

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

static Suite *quotes_internals_suite(void)
{
    Suite *s = suite_create("quotes_internals");
    TCase *tc = tcase_create("lexicon");
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

    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(quotes_internals_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
