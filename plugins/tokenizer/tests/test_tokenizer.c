/* test_tokenizer.c - the tokenizer plugin on real text through the harness.
 *
 * Table-driven: each token case gives a text, the kind of every token
 * (one letter each, see kind_letter) and the exact text of every token;
 * each sentence case gives a text and the exact text of every sentence.
 * The seed article's sentences are checked one by one against
 * tests/data/seed_sentences.txt. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "harness.h"

extern const tp_plugin tp_tokenizer_plugin;

#define MAXN 40

static char kind_letter(unsigned kind)
{
    /* W word, N number, P punctuation, S symbol, Q quote, U url, E e-mail,
     * H handle, T hashtag, J emoji, O emoticon */
    static const char letters[] = "WNPSQUEHTJO";
    return kind < sizeof letters - 1 ? letters[kind] : '?';
}

static th_harness *harness_with(const char *const *options)
{
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, options);
    return h;
}

/* ---- tokens ---------------------------------------------------------------- */

typedef struct tok_case {
    const char *text;
    const char *kinds;
    const char *toks[MAXN];
} tok_case;

static const tok_case tok_cases[] = {
    /* words and punctuation */
    {"Hello, world!", "WPWP", {"Hello", ",", "world", "!"}},
    {"Kim Jong Un", "WWW", {"Kim", "Jong", "Un"}},
    {"naïve café", "WW", {"naïve", "café"}},
    {"Привет, мир", "WPW", {"Привет", ",", "мир"}},
    {"مرحبا بالعالم", "WW", {"مرحبا", "بالعالم"}},
    {"नमस्ते दुनिया", "WW", {"नमस्ते", "दुनिया"}},
    {"e\xcc\x81t\xc3\xa9", "W", {"e\xcc\x81t\xc3\xa9"}},
    {"high-stakes summit", "WW", {"high-stakes", "summit"}},
    {"state-of-the-art", "W", {"state-of-the-art"}},
    {"Moon Jae-in", "WW", {"Moon", "Jae-in"}},
    {"COVID-19 cases", "WW", {"COVID-19", "cases"}},
    {"25-year-old", "W", {"25-year-old"}},
    {"AT&T and R&D", "WWW", {"AT&T", "and", "R&D"}},
    {"awesome_content", "W", {"awesome_content"}},
    {"co\xc2\xad" "op", "W", {"co\xc2\xad" "op"}},
    {"a\xe2\x80\x8b" "b", "WW", {"a", "b"}},
    {"O'Brien", "W", {"O'Brien"}},
    {"rock'n'roll", "W", {"rock'n'roll"}},
    {"y'all", "W", {"y'all"}},
    {"北京欢迎你。", "WP", {"北京欢迎你", "。"}},
    /* contractions, Penn Treebank style */
    {"Pyongyang’s", "WW", {"Pyongyang", "’s"}},
    {"Trump's plan", "WWW", {"Trump", "'s", "plan"}},
    {"don't", "WW", {"do", "n't"}},
    {"can't", "WW", {"ca", "n't"}},
    {"won't", "WW", {"wo", "n't"}},
    {"isn’t", "WW", {"is", "n’t"}},
    {"DON'T", "WW", {"DO", "N'T"}},
    {"they're", "WW", {"they", "'re"}},
    {"I've", "WW", {"I", "'ve"}},
    {"we'll", "WW", {"we", "'ll"}},
    {"she'd", "WW", {"she", "'d"}},
    {"I'm", "WW", {"I", "'m"}},
    {"There's", "WW", {"There", "'s"}},
    {"cannot", "WW", {"can", "not"}},
    {"gonna", "WW", {"gon", "na"}},
    {"JFK Jr.'s book", "WWWW", {"JFK", "Jr.", "'s", "book"}},
    {"the leaders' summit", "WWQW", {"the", "leaders", "'", "summit"}},
    {"1990's", "NW", {"1990", "'s"}},
    {"the '90s and '05", "WNWN", {"the", "'90s", "and", "'05"}},
    /* numbers */
    {"1,000", "N", {"1,000"}},
    {"12.5%", "NS", {"12.5", "%"}},
    {"$170.5m", "SN", {"$", "170.5m"}},
    {"£5bn and €20", "SNWSN", {"£", "5bn", "and", "€", "20"}},
    {"3:30", "N", {"3:30"}},
    {"10:30am", "N", {"10:30am"}},
    {"2019-02-28", "N", {"2019-02-28"}},
    {"5-6 March", "NW", {"5-6", "March"}},
    {"1/2 cup", "NW", {"1/2", "cup"}},
    {"1990s", "N", {"1990s"}},
    {"3rd place", "NW", {"3rd", "place"}},
    {"0.5 and .5", "NWN", {"0.5", "and", ".5"}},
    {"-5 degrees", "PNW", {"-", "5", "degrees"}},
    {"50°C", "NSW", {"50", "°", "C"}},
    {"v2.0.1", "W", {"v2.0.1"}},
    {"½ Ⅻ ٣", "NNN", {"½", "Ⅻ", "٣"}},
    {"in 2019.", "WNP", {"in", "2019", "."}},
    {"10\xc2\xa0km", "NW", {"10", "km"}},
    /* abbreviations and initials */
    {"Mr. Smith", "WW", {"Mr.", "Smith"}},
    {"Mrs. Dr. St. Mt.", "WWWW", {"Mrs.", "Dr.", "St.", "Mt."}},
    {"Jr. Co. Inc. Corp.", "WWWW", {"Jr.", "Co.", "Inc.", "Corp."}},
    {"U.S. U.S.A. Ph.D.", "WWW", {"U.S.", "U.S.A.", "Ph.D."}},
    {"e.g. i.e., etc.", "WWPW", {"e.g.", "i.e.", ",", "etc."}},
    {"5 a.m. 6 p.m.", "NWNW", {"5", "a.m.", "6", "p.m."}},
    {"No. 5", "WN", {"No.", "5"}},
    {"said no.", "WWP", {"said", "no", "."}},
    {"Feb. 28", "WN", {"Feb.", "28"}},
    {"p. 55", "WN", {"p.", "55"}},
    {"J. K. Rowling", "WWW", {"J.", "K.", "Rowling"}},
    {"world.Today", "WPW", {"world", ".", "Today"}},
    {"Mrs.Smith", "WW", {"Mrs.", "Smith"}},
    {"Good muffins cost $3.88\nin New York.  Please buy me\ntwo of them.\nThanks.",
     "WWWSNWWWPWWWWWWPWP",
     {"Good", "muffins", "cost", "$", "3.88", "in", "New", "York", ".", "Please", "buy", "me",
      "two", "of", "them", ".", "Thanks", "."}},
    {"The quick (\"brown\") fox can't jump 32.3 feet, right?", "WWPQWQPWWWWNWPWP",
     {"The", "quick", "(", "\"", "brown", "\"", ")", "fox", "ca", "n't", "jump", "32.3",
      "feet", ",", "right", "?"}},
    /* URLs, e-mail, handles, hashtags */
    {"https://www.bbc.co.uk/news.", "UP", {"https://www.bbc.co.uk/news", "."}},
    {"(see http://example.com/a_(b))", "PWUP", {"(", "see", "http://example.com/a_(b)", ")"}},
    {"www.example.org, or", "UPW", {"www.example.org", ",", "or"}},
    {"bbc.co.uk and Amazon.com", "UWU", {"bbc.co.uk", "and", "Amazon.com"}},
    {"Jane.Doe@example.com.", "EP", {"Jane.Doe@example.com", "."}},
    {"mail a-b+c@mail.example.org!", "WEP", {"mail", "a-b+c@mail.example.org", "!"}},
    {"@realDonaldTrump said", "HW", {"@realDonaldTrump", "said"}},
    {"#MeToo #Hanoi2019", "TT", {"#MeToo", "#Hanoi2019"}},
    {"#1 hit", "SNW", {"#", "1", "hit"}},
    {"#日本", "T", {"#日本"}},
    /* emoji and emoticons */
    {"great 😂", "WJ", {"great", "😂"}},
    {"👍🏽👍", "JJ", {"👍🏽", "👍"}},
    {"👨‍👩‍👧 family", "JW", {"👨‍👩‍👧", "family"}},
    {"🇺🇸🇰🇵", "JJ", {"🇺🇸", "🇰🇵"}},
    {"I ❤️ it", "WJW", {"I", "❤️", "it"}},
    {"© 2019", "SN", {"©", "2019"}},
    {"nice :) and :-( <3", "WOWOO", {"nice", ":)", "and", ":-(", "<3"}},
    /* quotes, dashes, ellipses, brackets */
    {"“Hi,” she said.", "QWPQWWP", {"“", "Hi", ",", "”", "she", "said", "."}},
    {"'Need to regroup', says US", "QWWWQPWW",
     {"'", "Need", "to", "regroup", "'", ",", "says", "US"}},
    {"«Bonjour» „Ja“", "QWQQWQ", {"«", "Bonjour", "»", "„", "Ja", "“"}},
    {"``Hello''", "QWQ", {"``", "Hello", "''"}},
    {"office – which — is -- it", "WPWPWPW", {"office", "–", "which", "—", "is", "--", "it"}},
    {"Wait... What… . . . end", "WPWPPW", {"Wait", "...", "What", "…", ". . .", "end"}},
    {"Hello?! Yes!!", "WPWP", {"Hello", "?!", "Yes", "!!"}},
    {"(a) [b] {c}", "PWPPWPPWP", {"(", "a", ")", "[", "b", "]", "{", "c", "}"}},
    {"x = y + 2", "WSWSN", {"x", "=", "y", "+", "2"}},
    {"a\r\nb\tc", "WWW", {"a", "b", "c"}},
    {"", "", {NULL}},
};

START_TEST(test_token_boundaries)
{
    const tok_case *c = &tok_cases[_i];
    th_harness *h = harness_with(NULL);
    tp_doc *d = th_run(h, c->text);
    size_t n;
    const tp_token *t = tp_doc_tokens(d, &n);
    size_t want = 0;
    while (c->toks[want])
        want++;
    char got[512] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof got - 64; i++)
        used += (size_t)snprintf(got + used, sizeof got - used, "[%s]", th_token_text(h, i));
    ck_assert_msg(n == want, "'%s': %zu tokens, want %zu: %s", c->text, n, want, got);
    ck_assert_uint_eq(strlen(c->kinds), want);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(strcmp(th_token_text(h, i), c->toks[i]) == 0,
                      "'%s': token %zu is '%s', want '%s' (all: %s)", c->text, i,
                      th_token_text(h, i), c->toks[i], got);
        ck_assert_msg(kind_letter(t[i].kind) == c->kinds[i],
                      "'%s': token %zu '%s' has kind %c, want %c", c->text, i, c->toks[i],
                      kind_letter(t[i].kind), c->kinds[i]);
    }
    th_free(h);
}
END_TEST

/* ---- token flags ------------------------------------------------------------- */

typedef struct flag_case {
    const char *text;
    size_t index;
    unsigned set;   /* flags that must be set */
    unsigned unset; /* flags that must not be */
} flag_case;

enum {
    CAP = TP_TOKF_CAPITALISED,
    ALLC = TP_TOKF_ALL_CAPS,
    ABBR = TP_TOKF_ABBREVIATION,
    SST = TP_TOKF_SENT_START,
    CLI = TP_TOKF_CLITIC,
    SPB = TP_TOKF_SPACE_BEFORE,
    PST = TP_TOKF_PARA_START,
    OPN = TP_TOKF_OPENING,
    CLO = TP_TOKF_CLOSING,
    NEG = TP_TOKF_NEGATION,
};

static const flag_case flag_cases[] = {
    {"Hello there", 0, CAP | SST | PST | SPB, ALLC},
    {"Hello there", 1, SPB, CAP | SST | PST},
    {"NATO said", 0, CAP | ALLC, 0},
    {"I said", 0, CAP, ALLC},
    {"iPhone", 0, 0, CAP | ALLC},
    {"Élysée", 0, CAP, ALLC},
    {"ÉTÉ", 0, CAP | ALLC, 0},
    {"don't", 1, CLI | NEG, SPB},
    {"Trump's", 1, CLI, NEG | SPB},
    {"cannot", 1, NEG, CLI},
    {"Mr. Smith", 0, ABBR | CAP, 0},
    {"the U.S. Senate", 1, ABBR | CAP | ALLC, 0},
    {"a,b", 1, 0, SPB},
    {"“x”", 0, OPN, CLO},
    {"“x”", 2, CLO, OPN | SPB},
    {"(x)", 0, OPN, CLO},
    {"(x)", 2, CLO, OPN},
    {"\"x\"", 0, 0, OPN | CLO},
    {"One. Two.", 2, SST | CAP, PST},
    {"One.\n\nTwo.", 2, SST | PST, 0},
};

START_TEST(test_token_flags)
{
    const flag_case *c = &flag_cases[_i];
    th_harness *h = harness_with(NULL);
    tp_doc *d = th_run(h, c->text);
    size_t n;
    const tp_token *t = tp_doc_tokens(d, &n);
    ck_assert_msg(c->index < n, "'%s': only %zu tokens", c->text, n);
    unsigned f = t[c->index].flags;
    ck_assert_msg((f & c->set) == c->set && (f & c->unset) == 0,
                  "'%s': token %zu '%s' has flags %#x, want %#x set and %#x clear", c->text,
                  c->index, th_token_text(h, c->index), f, c->set, c->unset);
    ck_assert_uint_eq(t[c->index].reserved, 0);
    th_free(h);
}
END_TEST

/* ---- sentences ------------------------------------------------------------------ */

typedef struct sent_case {
    const char *text;
    const char *sents[MAXN];
} sent_case;

static const sent_case sent_cases[] = {
    /* end marks */
    {"Hello World. My name is Jonas.", {"Hello World.", "My name is Jonas."}},
    {"What is your name? My name is Jonas.", {"What is your name?", "My name is Jonas."}},
    {"There it is! I found it.", {"There it is!", "I found it."}},
    {"Hello!! Long time no see.", {"Hello!!", "Long time no see."}},
    {"Hello?? Who is there?", {"Hello??", "Who is there?"}},
    {"Hello!? Is that you?", {"Hello!?", "Is that you?"}},
    {"Hello?! Is that you?", {"Hello?!", "Is that you?"}},
    {"Hi!!! How are you??? Fine.", {"Hi!!!", "How are you???", "Fine."}},
    {"No end mark", {"No end mark"}},
    {"これはペンです。それはマーカーです。", {"これはペンです。", "それはマーカーです。"}},
    {"それは何ですか？ペンですか？", {"それは何ですか？", "ペンですか？"}},
    {"《響け！ユーフォニアム》は京都アニメーションの有名作品です。",
     {"《響け！ユーフォニアム》は京都アニメーションの有名作品です。"}},
    /* missing spaces */
    {"Hello world.Today is fine.", {"Hello world.", "Today is fine."}},
    {"It was paid.The Tories said so.", {"It was paid.", "The Tories said so."}},
    {"Really?Yes.", {"Really?", "Yes."}},
    {"I met Mrs.Smith today.", {"I met Mrs.Smith today."}},
    {"He works at Acme Inc.The firm grew.", {"He works at Acme Inc.", "The firm grew."}},
    /* abbreviations and initials */
    {"My name is Jonas E. Smith.", {"My name is Jonas E. Smith."}},
    {"Please turn to p. 55.", {"Please turn to p. 55."}},
    {"Were Jane and co. at the party?", {"Were Jane and co. at the party?"}},
    {"They closed the deal with Pitt, Briggs & Co. at noon.",
     {"They closed the deal with Pitt, Briggs & Co. at noon."}},
    {"Let's ask Jane and co. They should know.", {"Let's ask Jane and co.", "They should know."}},
    {"They closed the deal with Pitt, Briggs & Co. It closed yesterday.",
     {"They closed the deal with Pitt, Briggs & Co.", "It closed yesterday."}},
    {"I can see Mt. Fuji from here.", {"I can see Mt. Fuji from here."}},
    {"St. Michael's Church is on 5th st. near the light.",
     {"St. Michael's Church is on 5th st. near the light."}},
    {"That is JFK Jr.'s book.", {"That is JFK Jr.'s book."}},
    {"I visited the U.S.A. last year.", {"I visited the U.S.A. last year."}},
    {"I live in the E.U. How about you?", {"I live in the E.U.", "How about you?"}},
    {"I live in the U.S. How about you?", {"I live in the U.S.", "How about you?"}},
    {"I work for the U.S. Government in Virginia.",
     {"I work for the U.S. Government in Virginia."}},
    {"I have lived in the U.S. for 20 years.", {"I have lived in the U.S. for 20 years."}},
    {"We make a good team, you and I. Did you see Albert I. Jones yesterday?",
     {"We make a good team, you and I.", "Did you see Albert I. Jones yesterday?"}},
    {"The company is Apple Inc. The company said it grew.",
     {"The company is Apple Inc.", "The company said it grew."}},
    {"Shares of Acme Corp. rose. Mr. and Mrs. Smith sold.",
     {"Shares of Acme Corp. rose.", "Mr. and Mrs. Smith sold."}},
    {"Dr. Jones met Gen. Lee at 5 a.m. on Monday.",
     {"Dr. Jones met Gen. Lee at 5 a.m. on Monday."}},
    {"It closed at 5 p.m. The office was empty.", {"It closed at 5 p.m.", "The office was empty."}},
    {"See e.g. Smith's book. It helps.", {"See e.g. Smith's book.", "It helps."}},
    {"Use a tool, i.e. a hammer, etc. and go.", {"Use a tool, i.e. a hammer, etc. and go."}},
    {"He won No. 5 today. I said no. Then I left.",
     {"He won No. 5 today.", "I said no.", "Then I left."}},
    {"It happened on Feb. 28. The next day was calm.",
     {"It happened on Feb. 28.", "The next day was calm."}},
    {"Martin Luther King Jr. He had a dream.", {"Martin Luther King Jr.", "He had a dream."}},
    {"J. K. Rowling wrote it.", {"J. K. Rowling wrote it."}},
    {"The author (J. Smith) agreed.", {"The author (J. Smith) agreed."}},
    {"I met Malcolm X. Besides, it was fun.", {"I met Malcolm X.", "Besides, it was fun."}},
    {"Mr. Smith went to Washington D.C. Then he left.",
     {"Mr. Smith went to Washington D.C.", "Then he left."}},
    {"She lives at 5 Main St. She is nice.", {"She lives at 5 Main St.", "She is nice."}},
    {"The U.K. Parliament met. It voted.", {"The U.K. Parliament met.", "It voted."}},
    {"Is it 9 a.m.? No.", {"Is it 9 a.m.?", "No."}},
    {"See Fig. 3. It shows growth.", {"See Fig. 3.", "It shows growth."}},
    /* numbers, currency, times */
    {"She has $100.00 in her bag.", {"She has $100.00 in her bag."}},
    {"She has $100.00. It is in her bag.", {"She has $100.00.", "It is in her bag."}},
    {"Profits rose 12.5% to $170.5m in 2019. Analysts cheered.",
     {"Profits rose 12.5% to $170.5m in 2019.", "Analysts cheered."}},
    {"The meeting is at 3:30. Be on time.", {"The meeting is at 3:30.", "Be on time."}},
    {"Temperatures hit 40.5°C. Records fell.", {"Temperatures hit 40.5°C.", "Records fell."}},
    {"It cost US$170.5m. Then it rose to £2.5bn in 2019.",
     {"It cost US$170.5m.", "Then it rose to £2.5bn in 2019."}},
    {"Call 555-1234. Ask for Bob.", {"Call 555-1234.", "Ask for Bob."}},
    {"He lives at No. 10 Downing St. in London.", {"He lives at No. 10 Downing St. in London."}},
    {"The score was 2-1 (3-1 on aggregate). Fans cheered.",
     {"The score was 2-1 (3-1 on aggregate).", "Fans cheered."}},
    {"It costs 1,000.50 euros. That is a lot.", {"It costs 1,000.50 euros.", "That is a lot."}},
    {"Version 2.0.1 is out. Update now.", {"Version 2.0.1 is out.", "Update now."}},
    {"You can find it at N°. 1026.253.553. That is where the treasure is.",
     {"You can find it at N°. 1026.253.553.", "That is where the treasure is."}},
    /* e-mail and URLs */
    {"Her email is Jane.Doe@example.com. I sent her an email.",
     {"Her email is Jane.Doe@example.com.", "I sent her an email."}},
    {"The site is: https://www.example.50.com/new-site/awesome_content.html. Please check it out.",
     {"The site is: https://www.example.50.com/new-site/awesome_content.html.",
      "Please check it out."}},
    {"Visit www.bbc.co.uk. It has news.", {"Visit www.bbc.co.uk.", "It has news."}},
    {"Write to john.smith@mail.example.co.uk. He replies.",
     {"Write to john.smith@mail.example.co.uk.", "He replies."}},
    {"See example.com/path?x=1. It works.", {"See example.com/path?x=1.", "It works."}},
    {"Go to bbc.com/news. It is fast.", {"Go to bbc.com/news.", "It is fast."}},
    {"Mail info@bbc.co.uk. Or call.", {"Mail info@bbc.co.uk.", "Or call."}},
    {"Follow @bbcnews. Thanks!", {"Follow @bbcnews.", "Thanks!"}},
    {"Buy it on Amazon.com today.", {"Buy it on Amazon.com today."}},
    /* quotes and brackets */
    {"\"Are you coming?\" she asked.", {"\"Are you coming?\" she asked."}},
    {"“Are you coming?” she asked. He nodded.", {"“Are you coming?” she asked.", "He nodded."}},
    {"She turned to him, 'This is great.' she said.",
     {"She turned to him, 'This is great.' she said."}},
    {"She turned to him, \"This is great.\" she said.",
     {"She turned to him, \"This is great.\" she said."}},
    {"She turned to him, \"This is great.\" She held the book out to show him.",
     {"She turned to him, \"This is great.\"", "She held the book out to show him."}},
    {"“Yes.” She nodded.", {"“Yes.”", "She nodded."}},
    {"\"It is a great year. \" Hayes said so.", {"\"It is a great year. \"", "Hayes said so."}},
    {"He said: “No way!” Then he left.", {"He said: “No way!”", "Then he left."}},
    {"He said, “I love Paris.” Then he left.", {"He said, “I love Paris.”", "Then he left."}},
    {"‘Don’t go,’ she said. ‘Why?’ he asked.", {"‘Don’t go,’ she said.", "‘Why?’ he asked."}},
    {"“Is it?”, he asked. Yes.", {"“Is it?”, he asked.", "Yes."}},
    {"\"Stop!\" said John. He stopped.", {"\"Stop!\" said John.", "He stopped."}},
    {"(This is a sentence.) This is another.", {"(This is a sentence.)", "This is another."}},
    {"She works at Yahoo! in the accounting department.",
     {"She works at Yahoo! in the accounting department."}},
    {"He teaches science (He previously worked for 5 years as an engineer.) at the local "
     "University.",
     {"He teaches science (He previously worked for 5 years as an engineer.) at the local "
      "University."}},
    {"He left. (He came back later.) Then he slept.",
     {"He left.", "(He came back later.)", "Then he slept."}},
    {"It rose (by 5%). Then it fell.", {"It rose (by 5%).", "Then it fell."}},
    /* ellipses */
    {"I never meant that.... She left the store.",
     {"I never meant that....", "She left the store."}},
    {"I was thinking... maybe we should go.", {"I was thinking... maybe we should go."}},
    {"He paused... and then left. The end... The beginning.",
     {"He paused... and then left.", "The end...", "The beginning."}},
    {"Wait… What happened?", {"Wait…", "What happened?"}},
    {"I don't know…", {"I don't know…"}},
    {"\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55).",
     {"\"Bohr [...] used the analogy of parallel stairways [...]\" (Smith 55)."}},
    {"indicate the end with a period . . . . Next sentence.",
     {"indicate the end with a period . . . .", "Next sentence."}},
    {"Thoreau argues that “the laws will appear less complex. . . .”",
     {"Thoreau argues that “the laws will appear less complex. . . .”"}},
    /* lists */
    {"1.) The first item 2.) The second item", {"1.) The first item", "2.) The second item"}},
    {"1.) The first item. 2.) The second item.", {"1.) The first item.", "2.) The second item."}},
    {"1) The first item 2) The second item", {"1) The first item", "2) The second item"}},
    {"1) The first item. 2) The second item.", {"1) The first item.", "2) The second item."}},
    {"1. The first item 2. The second item", {"1. The first item", "2. The second item"}},
    {"1. The first item. 2. The second item.", {"1. The first item.", "2. The second item."}},
    {"• 9. The first item • 10. The second item", {"• 9. The first item", "• 10. The second item"}},
    {"⁃9. The first item ⁃10. The second item", {"⁃9. The first item", "⁃10. The second item"}},
    {"a. The first item b. The second item c. The third list item",
     {"a. The first item", "b. The second item", "c. The third list item"}},
    {"Steps:\n1. Mix it\n2. Bake it", {"Steps:", "1. Mix it", "2. Bake it"}},
    {"(1) The first item (2) The second item", {"(1) The first item", "(2) The second item"}},
    {"You need: (a) a pen (b) paper", {"You need: (a) a pen (b) paper"}},
    {"Options: (a) Stay here. (b) Go home.", {"Options: (a) Stay here.", "(b) Go home."}},
    {"The list:\n- eggs\n- milk", {"The list:", "- eggs", "- milk"}},
    {"He scored 2 goals in 3. games", {"He scored 2 goals in 3. games"}},
};

static void assert_sentences(th_harness *h, tp_doc *d, const char *text,
                             const char *const *want)
{
    size_t n;
    tp_doc_sentences(d, &n);
    size_t nwant = 0;
    while (want[nwant])
        nwant++;
    char got[2048] = "";
    size_t used = 0;
    for (size_t i = 0; i < n && used < sizeof got - 200; i++)
        used += (size_t)snprintf(got + used, sizeof got - used, "<%.150s>", th_sentence_text(h, i));
    ck_assert_msg(n == nwant, "'%s': %zu sentences, want %zu: %s", text, n, nwant, got);
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(strcmp(th_sentence_text(h, i), want[i]) == 0,
                      "'%s': sentence %zu is '%s', want '%s'", text, i, th_sentence_text(h, i),
                      want[i]);
}

START_TEST(test_sentences)
{
    const sent_case *c = &sent_cases[_i];
    th_harness *h = harness_with(NULL);
    tp_doc *d = th_run(h, c->text);
    assert_sentences(h, d, c->text, c->sents);
    /* the token ranges agree with the byte ranges */
    size_t n, nt;
    const tp_sentence *s = tp_doc_sentences(d, &n);
    const tp_token *t = tp_doc_tokens(d, &nt);
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_lt(s[i].tok_start, s[i].tok_end);
        ck_assert_uint_eq(s[i].start, t[s[i].tok_start].start);
        ck_assert_uint_eq(s[i].end, t[s[i].tok_end - 1].end);
        ck_assert(t[s[i].tok_start].flags & TP_TOKF_SENT_START);
        if (i > 0)
            ck_assert_uint_eq(s[i].tok_start, s[i - 1].tok_end);
    }
    th_free(h);
}
END_TEST

/* ---- news structure: headings and paragraphs --------------------------------------- */

typedef struct struct_case {
    const char *text;
    const char *flags; /* per sentence: T title, H heading, - neither */
    size_t paragraphs;
    const char *sents[MAXN];
} struct_case;

static const struct_case struct_cases[] = {
    {"Title line\n\nBody sentence one. Body two.", "T--", 2,
     {"Title line", "Body sentence one.", "Body two."}},
    {"Title\nFirst sentence here.", "T-", 2, {"Title", "First sentence here."}},
    {"Intro text.\n\nSub heading\n\nMore text.", "-H-", 3,
     {"Intro text.", "Sub heading", "More text."}},
    {"Intro text.\nSub heading\nMore text here.", "-H-", 3,
     {"Intro text.", "Sub heading", "More text here."}},
    {"This is a sentence\ncut off in the middle.", "-", 1,
     {"This is a sentence\ncut off in the middle."}},
    {"It was a cold \nnight in the city.", "-", 1, {"It was a cold \nnight in the city."}},
    {"Line one.\nLine two.", "--", 2, {"Line one.", "Line two."}},
    {"Line one.\nLine two.\n\nPara two.", "---", 2, {"Line one.", "Line two.", "Para two."}},
    {"Title here\nBy John Smith\nFirst sentence. Second.\nThird one.", "TH---", 4,
     {"Title here", "By John Smith", "First sentence.", "Second.", "Third one."}},
    {"A long line of running text that wraps at the\nPresident of the club said so.", "-", 1,
     {"A long line of running text that wraps at the\nPresident of the club said so."}},
    {"A caption without a stop\n\nThe story begins.", "T-", 2,
     {"A caption without a stop", "The story begins."}},
    {"Story.\n\nPhoto: a man waves\n\nMore story.", "-H-", 3,
     {"Story.", "Photo: a man waves", "More story."}},
    {"First paragraph.\n\n\n\nSecond paragraph.", "--", 2,
     {"First paragraph.", "Second paragraph."}},
    {"One. Two.\nThree.\n\nFour.", "----", 2, {"One.", "Two.", "Three.", "Four."}},
    {"sentences never cross\n\nparagraph breaks here.", "T-", 2,
     {"sentences never cross", "paragraph breaks here."}},
    {"Title\r\n\r\nBody text.", "T-", 2, {"Title", "Body text."}},
    {"A\xe2\x80\xa9" "B.", "T-", 2, {"A", "B."}},
    {"Ends with a comma,\nAnd goes on.", "-", 1, {"Ends with a comma,\nAnd goes on."}},
    {"Why now?\n\nBecause.", "T-", 2, {"Why now?", "Because."}},
    {"'My memories of Marley...'\n\nTo mark it, he spoke.", "T-", 2,
     {"'My memories of Marley...'", "To mark it, he spoke."}},
    {"Hello there. Fine.\n\nMore.", "---", 2, {"Hello there.", "Fine.", "More."}},
    {"Body.\n\nWhy now?\n\nBecause.", "---", 3, {"Body.", "Why now?", "Because."}},
    {"Intro.\n\n- Spend three years on probation\n\n- Pay a fine", "---", 3,
     {"Intro.", "- Spend three years on probation", "- Pay a fine"}},
    {"Body text.\n\nDaily newsletter", "-H", 2, {"Body text.", "Daily newsletter"}},
    {"He said it was \"fine\"\n\nNext.", "T-", 2, {"He said it was \"fine\"", "Next."}},
    {"In one long paragraph that has no closing punctuation at all but goes on and on for many "
     "more words than any headline would ever use in a newspaper\n\nNext.",
     "--", 2,
     {"In one long paragraph that has no closing punctuation at all but goes on and on for many "
      "more words than any headline would ever use in a newspaper",
      "Next."}},
    {"Claxton hunting first major medal\n\nBritish hurdler Sarah Claxton is confident. \"I am "
     "quite confident,\" said Claxton. \"But I take each race as it comes.",
     "T---", 2,
     {"Claxton hunting first major medal", "British hurdler Sarah Claxton is confident.",
      "\"I am quite confident,\" said Claxton.", "\"But I take each race as it comes."}},
    /* photo captions with a credit: their own heading, though they end in a period */
    {"Title\n\nKNS / AFP | A picture shows the hotel.\n\nThe story.", "TH-", 3,
     {"Title", "KNS / AFP | A picture shows the hotel.", "The story."}},
    {"Body.\n\nReuters | Kim waves. He smiles.\n\nMore.", "----", 3,
     {"Body.", "Reuters | Kim waves.", "He smiles.", "More."}},
    {"", "", 0, {NULL}},
    {"  \n\n \t", "", 0, {NULL}},
};

START_TEST(test_structure)
{
    const struct_case *c = &struct_cases[_i];
    th_harness *h = harness_with(NULL);
    tp_doc *d = th_run(h, c->text);
    assert_sentences(h, d, c->text, c->sents);
    size_t n, np;
    const tp_sentence *s = tp_doc_sentences(d, &n);
    const tp_paragraph *p = tp_doc_paragraphs(d, &np);
    for (size_t i = 0; i < n; i++) {
        char want = c->flags[i];
        char got = (s[i].flags & TP_SENTF_TITLE)     ? 'T'
                   : (s[i].flags & TP_SENTF_HEADING) ? 'H'
                                                     : '-';
        if (s[i].flags & TP_SENTF_TITLE)
            ck_assert(s[i].flags & TP_SENTF_HEADING);
        ck_assert_msg(got == want, "'%s': sentence %zu '%s' is %c, want %c", c->text, i,
                      th_sentence_text(h, i), got, want);
    }
    ck_assert_msg(np == c->paragraphs, "'%s': %zu paragraphs, want %zu", c->text, np,
                  c->paragraphs);
    /* sentences lie inside their paragraph, paragraphs in order */
    for (size_t i = 0; i < n; i++) {
        ck_assert_uint_lt(s[i].paragraph, np);
        ck_assert_uint_ge(s[i].start, p[s[i].paragraph].start);
        ck_assert_uint_le(s[i].end, p[s[i].paragraph].end);
    }
    for (size_t i = 1; i < np; i++)
        ck_assert_uint_le(p[i - 1].end, p[i].start);
    th_free(h);
}
END_TEST

/* ---- options -------------------------------------------------------------------------- */

START_TEST(test_option_no_split_contractions)
{
    static const char *const opts[] = {"split_contractions=false", NULL};
    th_harness *h = harness_with(opts);
    tp_doc *d = th_run(h, "I don't think Pyongyang’s they're cannot");
    size_t n;
    tp_doc_tokens(d, &n);
    static const char *const want[] = {"I", "don't", "think", "Pyongyang’s", "they're", "cannot"};
    ck_assert_uint_eq(n, 6);
    for (size_t i = 0; i < n; i++)
        ck_assert_str_eq(th_token_text(h, i), want[i]);
    th_free(h);
}
END_TEST

START_TEST(test_option_abbreviations)
{
    static const char *const text = "They met in Nashville, Tenn. Smith arrived late.";
    th_harness *h = harness_with(NULL);
    tp_doc *d = th_run(h, text);
    static const char *const two[] = {"They met in Nashville, Tenn.", "Smith arrived late.", NULL};
    assert_sentences(h, d, text, two);
    th_free(h);

    static const char *const opts[] = {"abbreviations=Tenn.,Calif", NULL};
    h = harness_with(opts);
    d = th_run(h, text);
    static const char *const one[] = {"They met in Nashville, Tenn. Smith arrived late.", NULL};
    assert_sentences(h, d, text, one);
    size_t n;
    const tp_token *t = tp_doc_tokens(d, &n);
    ck_assert_str_eq(th_token_text(h, 5), "Tenn.");
    ck_assert(t[5].flags & TP_TOKF_ABBREVIATION);
    /* an extra abbreviation still ends a sentence before a sentence starter */
    d = th_run(h, "He lives in San Diego, Calif. The weather is nice.");
    static const char *const split[] = {"He lives in San Diego, Calif.", "The weather is nice.",
                                        NULL};
    assert_sentences(h, d, "Calif.", split);
    th_free(h);
}
END_TEST

START_TEST(test_option_emit_accepted)
{
    static const char *const opts[] = {"emit_sentences=true", "emit_tokens=true", NULL};
    th_harness *h = harness_with(opts);
    tp_doc *d = th_run(h, "One. Two.");
    size_t n;
    tp_doc_sentences(d, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(tp_doc_emit_flags(d), TP_EMIT_SENTENCES | TP_EMIT_TOKENS);
    th_free(h);

    h = harness_with(NULL);
    d = th_run(h, "One. Two.");
    ck_assert_uint_eq(tp_doc_emit_flags(d), 0);
    th_free(h);
}
END_TEST

/* ---- robustness --------------------------------------------------------------------------- */

START_TEST(test_offsets_cover_text)
{
    /* every non-space byte is in exactly one token, tokens in order */
    static const char *const texts[] = {
        "Mixed: “quotes”, 'single', «guillemets» — dashes – and… ellipses... "
        "https://a.b/c?d=e&f=g. @x #y 😂👍🏽 $1,000.50 12.5% 3:30pm U.S.A. e.g. don't "
        "Pyongyang’s 北京。 Привет! ½ ©\xc2\xa0\xe2\x80\x8b end",
        "\xef\xbb\xbf" "BOM first. \x01\x02 control chars. \xcc\x81 stray mark.",
        "'''\"\"\"```---...!!!???",
    };
    for (size_t k = 0; k < sizeof texts / sizeof *texts; k++) {
        th_harness *h = harness_with(NULL);
        tp_doc *d = th_run(h, texts[k]);
        size_t n, len;
        const char *text = tp_doc_text(d, &len);
        const tp_token *t = tp_doc_tokens(d, &n);
        ck_assert_uint_gt(n, 0);
        uint32_t prev_end = 0;
        for (size_t i = 0; i < n; i++) {
            ck_assert_uint_lt(t[i].start, t[i].end);
            ck_assert_uint_ge(t[i].start, prev_end);
            ck_assert_uint_le(t[i].end, len);
            ck_assert_uint_lt(t[i].kind, TP_TOK_KIND_COUNT);
            for (uint32_t b = prev_end; b < t[i].start; b++) {
                unsigned char ch = (unsigned char)text[b];
                ck_assert_msg(ch <= ' ' || ch >= 0x80 || ch == 0x7f,
                              "text %zu: byte %u '%c' is in no token", k, b, ch);
            }
            prev_end = t[i].end;
        }
        th_free(h);
    }
}
END_TEST

/* Appends code point cp to buf as UTF-8; returns the new length. */
static size_t put_utf8(char *buf, size_t len, unsigned cp)
{
    if (cp < 0x80) {
        buf[len++] = (char)cp;
    } else if (cp < 0x800) {
        buf[len++] = (char)(0xC0 | (cp >> 6));
        buf[len++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        buf[len++] = (char)(0xE0 | (cp >> 12));
        buf[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (char)(0x80 | (cp & 0x3F));
    } else {
        buf[len++] = (char)(0xF0 | (cp >> 18));
        buf[len++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        buf[len++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        buf[len++] = (char)(0x80 | (cp & 0x3F));
    }
    return len;
}

START_TEST(test_random_text)
{
    /* random code points from the ranges the scanner treats specially
     * (quotes, dashes, marks, emoji and their joiners, CJK, spaces) and
     * random bytes (made valid by the core) never crash, and the tokens
     * always tile the text in order */
    static const unsigned pool[] = {
        ' ',    '\n',   '.',    '!',    '?',    '\'',   '"',    '-',    '@',    '#',
        ':',    ')',    '(',    '1',    'a',    'Z',    '$',    '%',    '&',    '/',
        0x2019, 0x201C, 0x201D, 0x2026, 0x2014, 0x00A0, 0x0301, 0x200D, 0xFE0F, 0x1F600,
        0x1F44D, 0x1F3FD, 0x1F1FA, 0x3002, 0x300C, 0x5317, 0x0416, 0x2022, 0x00AD, 0x2029,
        0x20AC, 0x00BD, 0x0664, 0x061F, 0xFF01, 0x2010, 0x200B};
    th_harness *h = harness_with(NULL);
    unsigned seed = 12345;
    char buf[4 * 2048 + 8];
    for (int round = 0; round < 100; round++) {
        size_t len = 0;
        for (int i = 0; i < 2048; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned r = seed >> 8;
            if (round % 4 == 3)
                buf[len++] = (char)(1 + r % 255); /* raw bytes */
            else if (r % 3 == 0)
                len = put_utf8(buf, len, 'a' + r % 26);
            else
                len = put_utf8(buf, len, pool[r % (sizeof pool / sizeof *pool)]);
        }
        buf[len] = '\0';
        tp_doc *d = th_run(h, buf);
        size_t n, ns, tlen;
        const tp_token *t = tp_doc_tokens(d, &n);
        const tp_sentence *s = tp_doc_sentences(d, &ns);
        tp_doc_text(d, &tlen);
        for (size_t i = 0; i < n; i++) {
            ck_assert_uint_lt(t[i].start, t[i].end);
            ck_assert_uint_le(t[i].end, tlen);
            if (i)
                ck_assert_uint_le(t[i - 1].end, t[i].start);
        }
        for (size_t i = 0; i < ns; i++)
            ck_assert_uint_lt(s[i].tok_start, s[i].tok_end);
    }
    th_free(h);
}
END_TEST

START_TEST(test_binary_garbage)
{
    /* random ASCII never crashes and always yields sentences */
    th_harness *h = harness_with(NULL);
    unsigned seed = 12345;
    char buf[4097];
    for (int round = 0; round < 50; round++) {
        for (size_t i = 0; i < sizeof buf - 1; i++) {
            seed = seed * 1103515245u + 12345u;
            buf[i] = (char)((seed >> 16) & 0x7f);
            if (buf[i] == 0)
                buf[i] = '.';
        }
        buf[sizeof buf - 1] = '\0';
        tp_doc *d = th_run(h, buf);
        size_t n;
        tp_doc_sentences(d, &n);
        ck_assert_uint_gt(n, 0);
    }
    th_free(h);
}
END_TEST

/* Writes `piece` `times` times into `buf` and ends it: the dense inputs. */
static const char *repeated(char *buf, const char *piece, size_t times)
{
    size_t len = strlen(piece);
    for (size_t i = 0; i < times; i++)
        memcpy(buf + len * i, piece, len);
    buf[len * times] = '\0';
    return buf;
}

START_TEST(test_dense_tokens)
{
    /* a token for every byte, or two for a word, over many of the scanner's
     * windows: every token is kept and none is written past the array */
    enum { N = 20000 };
    static char buf[7 * N + 1];
    th_harness *h = harness_with(NULL);
    memset(buf, ',', N);
    buf[N] = '\0';
    size_t n;
    const tp_token *t = tp_doc_tokens(th_run(h, buf), &n);
    ck_assert_uint_eq(n, N);
    ck_assert_uint_eq(t[N - 1].start, N - 1);
    t = tp_doc_tokens(th_run(h, repeated(buf, "cannot ", N)), &n);
    ck_assert_uint_eq(n, 2 * N); /* can not */
    ck_assert_uint_eq(t[2 * N - 1].start, 7 * N - 4);
    /* four tokens from one word (x 's , "), glued or spaced: the most the
     * scanner writes from a position inside its window */
    t = tp_doc_tokens(th_run(h, repeated(buf, "x's,\"", N)), &n);
    ck_assert_uint_eq(n, 4 * N);
    ck_assert_uint_eq(t[4 * N - 1].start, 5 * N - 1);
    ck_assert_uint_eq(t[4 * N - 3].flags, TP_TOKF_CLITIC);
    t = tp_doc_tokens(th_run(h, repeated(buf, "x's,\" ", N)), &n);
    ck_assert_uint_eq(n, 4 * N);
    ck_assert_uint_eq(t[4 * N - 1].start, 6 * N - 2);
    ck_assert_uint_eq(t[4 * N - 4].flags, TP_TOKF_SPACE_BEFORE);
    th_free(h);
}
END_TEST

START_TEST(test_dense_tokens_at_window_end)
{
    /* one token a byte up to a word that brings three more (x 's , "),
     * at each position around the end of the first window of a new buffer
     * (8192 tokens for a text of more than 4096 bytes, less the room kept
     * for the last step): the room kept must cover them */
    enum { N = 8300 };
    static char buf[N + 1];
    for (size_t at = 8150; at < 8200; at++) {
        memset(buf, ',', N);
        memcpy(buf + at, "x's,\"", 5);
        buf[N] = '\0';
        th_harness *h = harness_with(NULL);
        size_t n;
        const tp_token *t = tp_doc_tokens(th_run(h, buf), &n);
        ck_assert_uint_eq(n, N - 1);
        ck_assert_uint_eq(t[at + 1].flags & TP_TOKF_CLITIC, TP_TOKF_CLITIC);
        th_free(h);
    }
}
END_TEST

/* ---- the seed article ------------------------------------------------------------------- */

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)size, f), (size_t)size);
    fclose(f);
    buf[size] = '\0';
    if (len)
        *len = (size_t)size;
    return buf;
}

START_TEST(test_seed_article)
{
    char *text = read_file(TPIPE_SOURCE_DIR "/plugins/tokenizer/tests/data/seed.txt", NULL);
    char *expect =
        read_file(TPIPE_SOURCE_DIR "/plugins/tokenizer/tests/data/seed_sentences.txt", NULL);
    ck_assert_msg(text && expect, "missing plugins/tokenizer/tests/data fixtures");
    th_harness *h = harness_with(NULL);
    tp_doc *d = th_run(h, text);
    size_t n;
    const tp_sentence *s = tp_doc_sentences(d, &n);
    size_t i = 0;
    for (char *line = expect; line && *line;) {
        char *eol = strchr(line, '\n');
        if (eol)
            *eol = '\0';
        if (line[0] != '#' && line[0] != '\0') {
            ck_assert_msg(line[1] == '\t', "bad fixture line: %s", line);
            ck_assert_msg(i < n, "only %zu sentences; missing '%s'", n, line + 2);
            ck_assert_msg(strcmp(th_sentence_text(h, i), line + 2) == 0,
                          "seed sentence %zu is '%s', want '%s'", i, th_sentence_text(h, i),
                          line + 2);
            char got = (s[i].flags & TP_SENTF_TITLE)     ? 'T'
                       : (s[i].flags & TP_SENTF_HEADING) ? 'H'
                                                         : '-';
            ck_assert_msg(got == line[0], "seed sentence %zu '%s' is %c, want %c", i, line + 2,
                          got, line[0]);
            i++;
        }
        line = eol ? eol + 1 : NULL;
    }
    ck_assert_msg(i == n, "%zu sentences, the fixture lists %zu", n, i);
    /* every heading is a paragraph of its own */
    size_t np;
    const tp_paragraph *p = tp_doc_paragraphs(d, &np);
    for (size_t k = 0; k < n; k++) {
        if (s[k].flags & TP_SENTF_HEADING)
            ck_assert_uint_eq(p[s[k].paragraph].sent_end - p[s[k].paragraph].sent_start, 1);
    }
    th_free(h);
    free(text);
    free(expect);
}
END_TEST

START_TEST(test_shared_seed_matches_fixture)
{
    char *shared =
        read_file(TPIPE_SOURCE_DIR "/../shared/data/seed/000_a475a7f59e90b448.txt", NULL);
    if (!shared) {
        printf("test_shared_seed_matches_fixture: skipped: ../shared/data is absent\n");
        return;
    }
    char *local = read_file(TPIPE_SOURCE_DIR "/plugins/tokenizer/tests/data/seed.txt", NULL);
    ck_assert_ptr_nonnull(local);
    ck_assert_str_eq(shared, local);
    free(shared);
    free(local);
}
END_TEST

static Suite *tokenizer_suite(void)
{
    Suite *s = suite_create("tokenizer");
    TCase *tc = tcase_create("tokens");
    tcase_add_loop_test(tc, test_token_boundaries, 0, (int)(sizeof tok_cases / sizeof *tok_cases));
    tcase_add_loop_test(tc, test_token_flags, 0, (int)(sizeof flag_cases / sizeof *flag_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("sentences");
    tcase_add_loop_test(tc, test_sentences, 0, (int)(sizeof sent_cases / sizeof *sent_cases));
    suite_add_tcase(s, tc);

    tc = tcase_create("structure");
    tcase_add_loop_test(tc, test_structure, 0, (int)(sizeof struct_cases / sizeof *struct_cases));
    tcase_add_test(tc, test_seed_article);
    tcase_add_test(tc, test_shared_seed_matches_fixture);
    suite_add_tcase(s, tc);

    tc = tcase_create("options");
    tcase_add_test(tc, test_option_no_split_contractions);
    tcase_add_test(tc, test_option_abbreviations);
    tcase_add_test(tc, test_option_emit_accepted);
    suite_add_tcase(s, tc);

    tc = tcase_create("robustness");
    tcase_set_timeout(tc, 60); /* generous: the machine running it may be busy */
    tcase_add_test(tc, test_offsets_cover_text);
    tcase_add_test(tc, test_binary_garbage);
    tcase_add_test(tc, test_random_text);
    tcase_add_test(tc, test_dense_tokens);
    tcase_add_test(tc, test_dense_tokens_at_window_end);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(tokenizer_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
