/* readability.c - Flesch reading ease and Flesch-Kincaid grade level of each
 * document, from its sentences, words and syllables.
 *
 * An example tpipe plugin: it reads the tokenizer's tokens and sentences and
 * writes one result, `readability`. Its option is read once, in load(), into
 * a settings struct that all workers share read-only; without a create()
 * callback, that shared pointer is also each worker's instance. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <tpipe/plugin.h>

typedef struct settings {
    bool skip_headings;
} settings;

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_vowel(char c, bool first)
{
    c = lower(c);
    /* "y" is a vowel except at the start: "rhythm", but not "yes". */
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || (c == 'y' && !first);
}

/* English syllables by the usual heuristic: groups of vowels, less a silent
 * final "e" ("make", "mile"; not "table", "free") or "ed" ("asked"; not
 * "wanted", "agreed"); at least one. Letters outside ASCII count as
 * consonants, which is good enough for English text. */
static unsigned syllables(const char *w, size_t n)
{
    unsigned count = 0;
    bool in_vowels = false;
    for (size_t i = 0; i < n; i++) {
        bool v = is_vowel(w[i], i == 0);
        count += v && !in_vowels;
        in_vowels = v;
    }
    if (count > 1 && n >= 3) {
        char last = lower(w[n - 1]), prev = lower(w[n - 2]), third = lower(w[n - 3]);
        bool third_vowel = is_vowel(third, false);
        if (last == 'e' && !is_vowel(prev, false) && (prev != 'l' || third_vowel))
            count--;
        else if (last == 'd' && prev == 'e' && third != 't' && third != 'd' && !third_vowel)
            count--;
    }
    return count ? count : 1;
}

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    const settings *s = instance;
    const char *text = tp_doc_text(doc, NULL);
    size_t ntok, nsent;
    const tp_token *tok = tp_doc_tokens(doc, &ntok);
    const tp_sentence *sent = tp_doc_sentences(doc, &nsent);

    uint64_t sentences = 0, words = 0, syl = 0, complex_words = 0;
    for (size_t i = 0; i < nsent; i++) {
        if (s->skip_headings && (sent[i].flags & TP_SENTF_HEADING))
            continue;
        uint64_t before = words;
        for (uint32_t t = sent[i].tok_start; t < sent[i].tok_end; t++) {
            /* A clitic ("n't", "'s") belongs to the word before it. */
            if (tok[t].kind != TP_TOK_WORD || (tok[t].flags & TP_TOKF_CLITIC))
                continue;
            unsigned n = syllables(text + tok[t].start, tok[t].end - tok[t].start);
            words++;
            syl += n;
            complex_words += n >= 3;
        }
        sentences += words > before;
    }

    /* Without words the scores are undefined: NaN, which is written as null. */
    double wps = sentences ? (double)words / (double)sentences : NAN;
    double spw = words ? (double)syl / (double)words : NAN;
    tp_value *r = tp_value_object(doc);
    double ease = 206.835 - 1.015 * wps - 84.6 * spw;
    double grade = 0.39 * wps + 11.8 * spw - 15.59;
    if (tp_object_set(doc, r, "sentences", tp_value_int(doc, (int64_t)sentences)) ||
        tp_object_set(doc, r, "words", tp_value_int(doc, (int64_t)words)) ||
        tp_object_set(doc, r, "syllables", tp_value_int(doc, (int64_t)syl)) ||
        tp_object_set(doc, r, "complex_words", tp_value_int(doc, (int64_t)complex_words)) ||
        tp_object_set(doc, r, "flesch_reading_ease", tp_value_number(doc, ease)) ||
        tp_object_set(doc, r, "flesch_kincaid_grade", tp_value_number(doc, grade)) ||
        tp_doc_set_result(doc, "readability", r))
        return tp_error_set(err, TP_EFATAL, "readability: out of memory");
    return 0;
}

/* load() runs once per step: it turns the options into read-only state that
 * every worker shares. */
static int load(const tp_config *config, void **shared, tp_error *err)
{
    settings *s = malloc(sizeof *s);
    if (!s)
        return tp_error_set(err, TP_ENOMEM, "readability: out of memory");
    s->skip_headings = tp_config_bool(config, "skip_headings");
    *shared = s;
    return 0;
}

static void unload(void *shared)
{
    free(shared);
}

static const char *const requires[] = {"tokens", "sentences", NULL};
static const char *const provides[] = {"doc:readability", NULL};

static const tp_option_spec options[] = {
    {"skip_headings", TP_OPT_BOOL, "true", NULL, NULL,
     "leave out headlines, sub-headings and captions, which are not prose"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

static const tp_plugin readability_plugin = {
    TP_PLUGIN_INIT,
    .name = "readability",
    .version = "1.0.0",
    .description = "Flesch reading ease and Flesch-Kincaid grade level of each document",
    .license = "MIT",
    .requires = requires,
    .provides = provides,
    .options = options,
    .load = load,
    .process = process,
    .unload = unload,
};

TP_MODULE(&readability_plugin)
