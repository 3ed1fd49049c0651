/* entities.c - names of people, places and organisations, found by simple
 * rules over capitalised words and an optional gazetteer, written as spans
 * on the `entity` layer:
 *   {"start": 230, "end": 242, "text": "Donald Trump", "type": "person", "source": "rule"}
 *
 * The rules, in order, for each run of capitalised words in a sentence
 * (lower-case connectors such as "of" may join two of them: "Bank of England"):
 *   1. a run listed in the gazetteer gets the gazetteer's type;
 *   2. a run ending in an organisation word ("... Agency", "... FC"), or an
 *      acronym ("KCNA"), is an organisation; ending in a place word
 *      ("... Street", "... Hotel"), a place;
 *   3. a title inside the run ("President", "Mr.") starts a person's name,
 *      and the words before it are a run of their own;
 *   4. after "the", two or more words are an organisation ("the Stimson
 *      Center"), one word is "other";
 *   5. a run after a role word ("leader Kim Jong Un") or before a speech verb
 *      ("Trump told") is a person;
 *   6. a run after "in", "at", "from" or "near" is a place;
 *   7. any other run of two or more words is a person; one word is "other",
 *      unless it only starts the sentence (then it is no name at all).
 * Days, months and one-letter words ("I") are never names. Simple rules make
 * mistakes; the gazetteer is there to fix the ones that matter to you. The
 * word lists are short and searched linearly; a plugin with large lists
 * would hash them once in load(). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "entities.h"

/* ---- word lists (ours) ----------------------------------------------------- */

static const char *const titles[] = {
    "Mr", "Mrs", "Ms", "Dr", "Sir", "Dame", "Lord", "Lady", "President", "Minister", "Secretary",
    "State", "Senator", "Governor", "Chancellor", "Prime", "Vice", "Deputy", "Foreign", "Leader",
    "King", "Queen", "Prince", "Princess", "Pope", "General", "Gen", "Chairman", "Chief", "Coach",
    "Captain", "Judge", "Mayor", "Ambassador", "Professor", "Prof", "Analyst", "Majority",
    "Minority", NULL};
static const char *const roles[] = {
    "leader", "minister", "president", "spokesman", "spokeswoman", "chairman", "secretary",
    "coach", "manager", "captain", "player", "striker", "singer", "actor", "actress", "director",
    "star", "chief", "envoy", "official", NULL};
static const char *const speech_verbs[] = {
    "said", "says", "told", "added", "explained", "argued", "insisted", "warned", "wrote", NULL};
static const char *const org_words[] = {
    "Agency", "Association", "Bank", "Board", "Center", "Centre", "Club", "Commission",
    "Committee", "Company", "Corp", "Corporation", "Council", "Court", "Department", "FC",
    "Federation", "Foundation", "Fund", "Group", "Inc", "Institute", "League", "Ltd", "Ministry",
    "News", "Office", "Organisation", "Organization", "Party", "Times", "Union", "United",
    "University", NULL};
static const char *const place_words[] = {
    "Airport", "Avenue", "City", "County", "Hotel", "Island", "Islands", "Lake", "Mountains",
    "Park", "Province", "River", "Road", "Square", "Stadium", "Street", NULL};
static const char *const place_cues[] = {"in", "at", "from", "near", NULL};
static const char *const openers[] = {
    "A", "After", "And", "As", "At", "Before", "But", "By", "Despite", "For", "From", "However",
    "If", "In", "On", "Once", "So", "Then", "This", "Though", "When", "While", "With", NULL};
static const char *const the[] = {"the", "The", NULL};
static const char *const calendar[] = {
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "January",
    "February", "March", "April", "May", "June", "July", "August", "September", "October",
    "November", "December", NULL};

/* ---- shared state, built once by load() ------------------------------------- */

typedef struct shared {
    gazetteer gaz;
    bool skip_headings;
    char **connectors; /* lower-case words allowed between capitalised ones */
    size_t connector_count;
} shared;

/* strdup() is POSIX, not C11. */
static char *copy_string(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    return copy ? memcpy(copy, s, n) : NULL;
}

static void unload(void *p)
{
    shared *sh = p;
    if (!sh)
        return;
    gazetteer_free(&sh->gaz);
    for (size_t i = 0; i < sh->connector_count; i++)
        free(sh->connectors[i]);
    free(sh->connectors);
    free(sh);
}

static int load(const tp_config *config, void **out, tp_error *err)
{
    shared *sh = calloc(1, sizeof *sh);
    if (!sh)
        return tp_error_set(err, TP_ENOMEM, "entities: out of memory");
    sh->skip_headings = tp_config_bool(config, "skip_headings");
    int rc = 0;
    size_t n = tp_config_list_count(config, "connectors");
    sh->connectors = calloc(n ? n : 1, sizeof *sh->connectors);
    for (size_t i = 0; sh->connectors && i < n; i++, sh->connector_count++)
        if (!(sh->connectors[i] = copy_string(tp_config_list_item(config, "connectors", i))))
            break;
    if (!sh->connectors || sh->connector_count < n)
        rc = tp_error_set(err, TP_ENOMEM, "entities: out of memory");
    const char *path = tp_config_string(config, "gazetteer");
    if (rc == 0 && path)
        rc = gazetteer_load(&sh->gaz, path, err);
    if (rc) {
        unload(sh);
        return rc;
    }
    *out = sh;
    return 0;
}

/* ---- reading tokens --------------------------------------------------------- */

/* The document being processed: what the helpers below look at. */
typedef struct scan {
    const shared *sh;
    tp_doc *doc;
    const char *text;
    const tp_token *tok;
    size_t ntok;
} scan;

/* Whether token i's text, less a final period ("Mr."), is one of `list`. */
static bool token_in(const scan *s, size_t i, const char *const *list)
{
    if (i >= s->ntok)
        return false;
    const char *w = s->text + s->tok[i].start;
    size_t n = s->tok[i].end - s->tok[i].start;
    if (n > 1 && w[n - 1] == '.')
        n--;
    for (; *list; list++)
        if (strlen(*list) == n && memcmp(*list, w, n) == 0)
            return true;
    return false;
}

static bool is_capitalised(const scan *s, size_t i)
{
    const tp_token *t = &s->tok[i];
    return t->kind == TP_TOK_WORD && !(t->flags & TP_TOKF_CLITIC) &&
           (t->flags & (TP_TOKF_CAPITALISED | TP_TOKF_ALL_CAPS)) && t->end - t->start > 1 &&
           !token_in(s, i, calendar);
}

static bool is_connector(const scan *s, size_t i)
{
    size_t n = s->tok[i].end - s->tok[i].start;
    for (size_t k = 0; k < s->sh->connector_count; k++)
        if (strlen(s->sh->connectors[k]) == n &&
            memcmp(s->sh->connectors[k], s->text + s->tok[i].start, n) == 0)
            return true;
    return false;
}

/* ---- classifying a run of capitalised words --------------------------------- */

static int add_entity(scan *s, size_t a, size_t b, const char *type, const char *source)
{
    uint32_t start = s->tok[a].start, end = s->tok[b - 1].end;
    size_t idx;
    int rc = tp_doc_add_span(s->doc, "entity", start, end, &idx);
    if (rc == 0)
        rc = tp_doc_set_span_attr(s->doc, "entity", idx, "text",
                                  tp_value_stringn(s->doc, s->text + start, end - start));
    if (rc == 0)
        rc = tp_doc_set_span_attr(s->doc, "entity", idx, "type", tp_value_string(s->doc, type));
    if (rc == 0)
        rc = tp_doc_set_span_attr(s->doc, "entity", idx, "source",
                                  tp_value_string(s->doc, source));
    return rc;
}

/* Tokens [a, b) of one sentence whose first word is `first`. */
static int classify(scan *s, size_t first, size_t a, size_t b)
{
    bool after_the = a > first && token_in(s, a - 1, the);
    if (b - a > 1 && token_in(s, a, the)) { /* "The Stimson Center" */
        after_the = true;
        a++;
    }
    const char *text = s->text + s->tok[a].start;
    size_t len = s->tok[b - 1].end - s->tok[a].start;
    const char *type = gazetteer_find(&s->sh->gaz, text, len);
    if (type) /* 1. */
        return add_entity(s, a, b, type, "gazetteer");
    bool acronym = b - a == 1 && (s->tok[a].flags & TP_TOKF_ALL_CAPS) && len <= 6;
    if (acronym || token_in(s, b - 1, org_words)) /* 2. */
        return add_entity(s, a, b, "organisation", "rule");
    if (token_in(s, b - 1, place_words))
        return add_entity(s, a, b, "place", "rule");

    /* 3. The words after the last title are a person; the words before the
     * title are a run of their own ("US" in "US President Donald Trump"). */
    for (size_t t = b; t-- > a;) {
        if (!token_in(s, t, titles))
            continue;
        size_t head = t;
        while (head > a && token_in(s, head - 1, titles))
            head--;
        while (head > a && is_connector(s, head - 1)) /* "Secretary of State" */
            head--;
        while (head > a && token_in(s, head - 1, titles))
            head--;
        int rc = head > a ? classify(s, first, a, head) : 0;
        if (rc == 0 && t + 1 < b)
            rc = add_entity(s, t + 1, b, "person", "rule");
        return rc;
    }

    if (after_the) /* 4. */
        return add_entity(s, a, b, b - a > 1 ? "organisation" : "other", "rule");
    if ((a > first && token_in(s, a - 1, roles)) || token_in(s, b, speech_verbs)) /* 5. */
        return add_entity(s, a, b, "person", "rule");
    if (a > first && token_in(s, a - 1, place_cues)) /* 6. */
        return add_entity(s, a, b, "place", "rule");
    if (b - a >= 2) /* 7. */
        return add_entity(s, a, b, "person", "rule");
    return a == first ? 0 : add_entity(s, a, b, "other", "rule");
}

static int process(void *p, tp_doc *doc, tp_error *err)
{
    const shared *sh = p;
    scan s = {.sh = sh, .doc = doc, .text = tp_doc_text(doc, NULL)};
    s.tok = tp_doc_tokens(doc, &s.ntok);
    size_t nsent;
    const tp_sentence *sent = tp_doc_sentences(doc, &nsent);
    for (size_t k = 0; k < nsent; k++) {
        /* Headlines capitalise every word: no clue there. */
        if (sh->skip_headings && (sent[k].flags & TP_SENTF_HEADING))
            continue;
        /* `first` is the sentence's first word, after any opening quote mark. */
        size_t first = sent[k].tok_start, end = sent[k].tok_end;
        while (first < end && s.tok[first].kind != TP_TOK_WORD)
            first++;
        for (size_t a = first; a < end;) {
            if (!is_capitalised(&s, a)) {
                a++;
                continue;
            }
            size_t b = a + 1;
            while (b < end) {
                if (is_capitalised(&s, b))
                    b++;
                else if (b + 1 < end && is_connector(&s, b) && is_capitalised(&s, b + 1) &&
                         !token_in(&s, b + 1, the)) /* "David Kim of The Stimson Center" */
                    b += 2;
                else
                    break;
            }
            /* A function word capitalised only because it starts the sentence
             * is no part of the name: "But Kim Jong Un said". */
            size_t from = a;
            if (a == first && b - a > 1 && token_in(&s, a, openers))
                from++;
            int rc = classify(&s, first, from, b);
            if (rc == TP_ENOMEM)
                return tp_error_set(err, TP_EFATAL, "entities: out of memory");
            if (rc)
                return tp_error_set(err, TP_EDOC, "entities: cannot add a span: %s",
                                    tp_strerror(rc));
            a = b;
        }
    }
    return 0;
}

static const char *const requires[] = {"tokens", "sentences", NULL};
static const char *const provides[] = {"span:entity", NULL};

static const tp_option_spec options[] = {
    {"gazetteer", TP_OPT_PATH, NULL, NULL, NULL,
     "known names: 'Name<TAB>type' lines (type: person, place, organisation or your own)"},
    {"skip_headings", TP_OPT_BOOL, "true", NULL, NULL,
     "ignore headlines and captions, where every word is capitalised"},
    {"connectors", TP_OPT_STRING_LIST, "of,de,la,van,von,bin,al", NULL, NULL,
     "lower-case words that may join capitalised words inside a name (Bank of England)"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

const tp_plugin entities_plugin = {
    TP_PLUGIN_INIT,
    .name = "entities",
    .version = "1.0.0",
    .description = "Names of people, places and organisations as spans on the 'entity' layer",
    .license = "MIT",
    .requires = requires,
    .provides = provides,
    .options = options,
    .load = load,
    .process = process,
    .unload = unload,
};

/* One module holds both plugins of this example; entity_index.c has the
 * second, a later step that reads the `entity` layer. */
TP_MODULE(&entities_plugin, &entity_index_plugin)
