/* keywords.c - the top N keywords of each document by TF-IDF over its tokens.
 *
 * An example tpipe plugin that reads the tokenizer's tokens and writes a
 * result list:
 *   "keywords": [{"word": "sanctions", "count": 4, "score": 9.21}, ...]
 *
 * TF is a word's count in the document. IDF comes from the `idf` file when
 * the step sets one (document frequencies over a collection, loaded once in
 * load() and shared read-only by the workers); otherwise each sentence of the
 * document counts as a "document", which favours words that recur across the
 * text over words bunched in one place. Words are compared in ASCII lower
 * case; bytes outside ASCII are compared as they are.
 *
 * Memory: the word table belongs to the worker's instance and is reused for
 * every document (it only grows), so process() allocates nothing per token;
 * result strings come from the document's arena. */
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "wordtable.h"

/* Read-only state built by load(), shared by every worker. */
typedef struct shared {
    int64_t top;
    int64_t min_length;
    wordtable stopwords; /* built-in list plus the `stopwords` option */
    wordtable idf;       /* word -> document frequency, from the `idf` file */
    double idf_documents;
    bool has_idf;
} shared;

/* One worker's state: the shared settings and a table reused per document. */
typedef struct instance {
    const shared *sh;
    wordtable words; /* word -> count, first position, sentences seen in */
    const wordentry **ranked;
    size_t ranked_cap;
} instance;

/* English function words that are never keywords (our own short list). */
static const char *const builtin_stopwords[] = {
    "a", "about", "after", "again", "against", "all", "also", "an", "and", "any", "are", "as",
    "at", "be", "because", "been", "before", "being", "between", "both", "but", "by", "can",
    "could", "did", "do", "does", "down", "during", "each", "even", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his", "how",
    "i", "if", "in", "into", "is", "it", "its", "just", "last", "like", "made", "make", "many",
    "may", "me", "might", "more", "most", "much", "must", "my", "new", "no", "not", "now", "of",
    "off", "on", "once", "one", "only", "or", "other", "our", "out", "over", "own", "said",
    "same", "say", "says", "she", "should", "since", "so", "some", "such", "than", "that", "the",
    "their", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "two", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
    "while", "who", "whom", "why", "will", "with", "would", "year", "years", "you", "your",
};

/* Reads the `idf` file: a first line "#documents<TAB>N", then lines
 * "word<TAB>number of documents holding it". Blank lines and other lines
 * starting with '#' are skipped. */
static int read_idf(shared *sh, const char *path, tp_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return tp_error_set(err, TP_ECONFIG, "keywords: cannot open idf file %s", path);
    char line[512];
    unsigned long lineno = 0;
    int rc = 0;
    while (rc == 0 && fgets(line, sizeof line, f)) {
        lineno++;
        line[strcspn(line, "\r\n")] = '\0';
        char *tab = strchr(line, '\t');
        char *end = NULL;
        double n = tab ? strtod(tab + 1, &end) : 0;
        if (strncmp(line, "#documents\t", 11) == 0 && end && *end == '\0' && n > 0) {
            sh->idf_documents = n;
            continue;
        }
        if (line[0] == '\0' || line[0] == '#')
            continue;
        if (!tab || tab == line || !end || *end != '\0' || n < 0) {
            rc = tp_error_set(err, TP_ECONFIG,
                              "keywords: %s:%lu: expected 'word<TAB>document count'", path,
                              lineno);
            break;
        }
        wordentry *e;
        if (wordtable_put(&sh->idf, line, (size_t)(tab - line), &e))
            rc = tp_error_set(err, TP_ENOMEM, "keywords: out of memory reading %s", path);
        else
            e->value = n;
    }
    if (rc == 0 && sh->idf_documents <= 0)
        rc = tp_error_set(err, TP_ECONFIG,
                          "keywords: %s: the first line must be '#documents<TAB>N'", path);
    fclose(f);
    return rc;
}

static void unload(void *p)
{
    shared *sh = p;
    if (!sh)
        return;
    wordtable_free(&sh->stopwords);
    wordtable_free(&sh->idf);
    free(sh);
}

static int load(const tp_config *config, void **out, tp_error *err)
{
    shared *sh = calloc(1, sizeof *sh);
    if (!sh)
        return tp_error_set(err, TP_ENOMEM, "keywords: out of memory");
    sh->top = tp_config_int(config, "top");
    sh->min_length = tp_config_int(config, "min_length");
    /* These tables copy their keys: nothing may point into a document. */
    sh->stopwords.owns_keys = true;
    sh->idf.owns_keys = true;
    int rc = 0;
    wordentry *e;
    size_t nbuiltin = sizeof builtin_stopwords / sizeof *builtin_stopwords;
    for (size_t i = 0; rc == 0 && i < nbuiltin; i++)
        rc = wordtable_put(&sh->stopwords, builtin_stopwords[i], strlen(builtin_stopwords[i]),
                           &e);
    for (size_t i = 0; rc == 0 && i < tp_config_list_count(config, "stopwords"); i++) {
        const char *w = tp_config_list_item(config, "stopwords", i);
        rc = wordtable_put(&sh->stopwords, w, strlen(w), &e);
    }
    if (rc)
        rc = tp_error_set(err, TP_ENOMEM, "keywords: out of memory");
    const char *idf = tp_config_string(config, "idf");
    if (rc == 0 && idf) {
        sh->has_idf = true;
        rc = read_idf(sh, idf, err);
    }
    if (rc) {
        unload(sh);
        return rc;
    }
    *out = sh;
    return 0;
}

static int create(void *sh, const tp_config *config, void **out, tp_error *err)
{
    (void)config; /* the settings were read once, in load() */
    instance *in = calloc(1, sizeof *in);
    if (!in)
        return tp_error_set(err, TP_ENOMEM, "keywords: out of memory");
    in->sh = sh;
    *out = in;
    return 0;
}

static void destroy(void *p)
{
    instance *in = p;
    if (!in)
        return;
    wordtable_free(&in->words);
    free(in->ranked);
    free(in);
}

/* Characters, not bytes: UTF-8 continuation bytes do not start one. */
static size_t char_count(const char *s, size_t n)
{
    size_t count = 0;
    for (size_t i = 0; i < n; i++)
        count += ((unsigned char)s[i] & 0xC0) != 0x80;
    return count;
}

/* Highest score first; ties by first appearance, so the order is stable. */
static int by_score(const void *a, const void *b)
{
    const wordentry *x = *(const wordentry *const *)a, *y = *(const wordentry *const *)b;
    if (x->score != y->score)
        return x->score < y->score ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static double idf_of(const shared *sh, const wordentry *w, size_t sentences)
{
    if (sh->has_idf) {
        const wordentry *known = wordtable_get(&sh->idf, w->key, w->len);
        double df = known ? known->value : 0;
        return log((sh->idf_documents + 1) / (df + 1)) + 1;
    }
    return log(1 + (double)sentences / (double)w->sentences);
}

static int process(void *p, tp_doc *doc, tp_error *err)
{
    instance *in = p;
    const shared *sh = in->sh;
    const char *text = tp_doc_text(doc, NULL);
    size_t ntok, nsent;
    const tp_token *tok = tp_doc_tokens(doc, &ntok);
    tp_doc_sentences(doc, &nsent);

    /* Count the words. */
    wordtable_clear(&in->words);
    for (size_t i = 0; i < ntok; i++) {
        const char *w = text + tok[i].start;
        size_t len = tok[i].end - tok[i].start;
        if (tok[i].kind != TP_TOK_WORD || (tok[i].flags & TP_TOKF_CLITIC) ||
            char_count(w, len) < (size_t)sh->min_length || wordtable_get(&sh->stopwords, w, len))
            continue;
        wordentry *e;
        if (wordtable_put(&in->words, w, len, &e))
            return tp_error_set(err, TP_EFATAL, "keywords: out of memory");
        if (e->count++ == 0)
            e->first = (uint32_t)i;
        /* Sentence frequency, for the IDF of a document on its own. */
        if (e->last_sentence != tok[i].sentence + 1) {
            e->last_sentence = tok[i].sentence + 1;
            e->sentences++;
        }
    }

    /* Score and rank them. */
    size_t n = wordtable_count(&in->words);
    if (n > in->ranked_cap) {
        const wordentry **r = realloc(in->ranked, n * sizeof *r);
        if (!r)
            return tp_error_set(err, TP_EFATAL, "keywords: out of memory");
        in->ranked = r;
        in->ranked_cap = n;
    }
    size_t k = 0;
    for (wordentry *e = wordtable_first(&in->words); e; e = wordtable_next(&in->words, e)) {
        e->score = e->count * idf_of(sh, e, nsent ? nsent : 1);
        in->ranked[k++] = e;
    }
    qsort(in->ranked, n, sizeof *in->ranked, by_score);

    /* Write the result list. Scratch strings come from the document's arena
     * and are released with it: nothing to free. */
    tp_value *list = tp_value_array(doc);
    for (size_t i = 0; i < n && i < (size_t)sh->top; i++) {
        const wordentry *e = in->ranked[i];
        char *word = tp_doc_strndup(doc, e->key, e->len);
        for (char *c = word; c && *c; c++)
            *c = *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c;
        tp_value *item = tp_value_object(doc);
        if (!word || tp_object_set(doc, item, "word", tp_value_string(doc, word)) ||
            tp_object_set(doc, item, "count", tp_value_int(doc, e->count)) ||
            tp_object_set(doc, item, "score", tp_value_number(doc, e->score)) ||
            tp_array_push(doc, list, item))
            return tp_error_set(err, TP_EFATAL, "keywords: out of memory");
    }
    if (tp_doc_set_result(doc, "keywords", list))
        return tp_error_set(err, TP_EFATAL, "keywords: out of memory");
    return 0;
}

static const char *const requires[] = {"tokens", "sentences", NULL};
static const char *const provides[] = {"doc:keywords", NULL};

static const tp_option_spec options[] = {
    {"top", TP_OPT_INT, "10", "1..100", NULL, "how many keywords to list per document"},
    {"min_length", TP_OPT_INT, "3", "1..40", NULL, "ignore words shorter than this (characters)"},
    {"stopwords", TP_OPT_STRING_LIST, NULL, NULL, NULL,
     "more words to ignore, in lower case, besides the built-in English function words"},
    {"idf", TP_OPT_PATH, NULL, NULL, NULL,
     "document frequencies: '#documents<TAB>N', then 'word<TAB>count' lines; "
     "default: the document's own sentences"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

static const tp_plugin keywords_plugin = {
    TP_PLUGIN_INIT,
    .name = "keywords",
    .version = "1.0.0",
    .description = "Top keywords of each document by TF-IDF",
    .license = "MIT",
    .requires = requires,
    .provides = provides,
    .options = options,
    .load = load,
    .create = create,
    .process = process,
    .destroy = destroy,
    .unload = unload,
};

TP_MODULE(&keywords_plugin)
