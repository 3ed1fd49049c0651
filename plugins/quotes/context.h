/* context.h - the quotes plugin's per-document working state: a word view of
 * the tokens with their list classes, the people and organisations named in
 * the document, and the attribution of each quotation. One per instance,
 * reused across documents (buffers grow, never shrink). */
#ifndef TP_QUOTES_CONTEXT_H
#define TP_QUOTES_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tpipe/doc.h>

#include "lexicon.h"
#include "marks.h"

/* Flags added to the lexicon's QW_* bits for each word. */
enum {
    QX_CAP = 1u << 16,        /* first letter upper case */
    QX_ACRONYM = 1u << 17,    /* two or more letters, all upper case */
    QX_PUNCT = 1u << 18,      /* punctuation or symbol or quote mark */
    QX_TERMINAL = 1u << 19,   /* . ! ? … */
    QX_COMMA = 1u << 20,      /* , */
    QX_COLON = 1u << 21,      /* : */
    QX_DASH = 1u << 22,       /* - – — -- */
    QX_POSS = 1u << 23,       /* 's ’s ' after a word */
    QX_PARA_START = 1u << 24, /* first word of a paragraph */
    QX_AGE = 1u << 25,        /* 25-year-old */
    QX_HEADING = 1u << 26,    /* in a heading (a sentence flagged TP_SENTF_HEADING) */
    QX_SENT_START = 1u << 27, /* first word of a sentence */
};

#define Q_MAX_IDS 8
/* Names registered per document at most: articles name a few dozen; past
 * this, later names are not registered (they still resolve to earlier
 * ones), which keeps name matching bounded on huge inputs. */
#define Q_MAX_ENTITIES 4096
/* Pairs of names linked by "aka" kept per document. */
#define Q_MAX_AKAS 8
/* How far back pronouns and roles look, in mentions and quotations. */
#define Q_LOOKBACK 256

/* What the rules ask of a word besides its place (its tp_token: start, end,
 * sentence): 16 bytes, so the view of a long article stays in cache. */
typedef struct qword {
    uint32_t flags; /* QW_* | QX_* */
    int32_t quote;  /* index of the quotation holding it, or -1 */
    uint32_t para;  /* paragraph index */
    uint16_t id;    /* lexicon alias id, 0 when none */
} qword;

enum { NP_NONE = 0, NP_NAME, NP_PRON, NP_ROLE };

/* A phrase naming someone: "US Secretary of State Mike Pompeo", "he",
 * "the minister", "the council's ruling". */
typedef struct qnp {
    int kind;
    uint32_t first, end;           /* words [first, end) of the whole phrase */
    uint32_t name_first, name_end; /* the name, the pronoun or the role's head */
    uint16_t ids[Q_MAX_IDS];       /* role and nation ids around it */
    uint8_t nids;
    bool person, org;
    uint32_t gender; /* QW_FEMALE / QW_MALE seen in the phrase */
} qnp;

typedef struct qentity {
    uint32_t name_first, name_n; /* words of its first, fullest mention */
    uint32_t key;                /* hash of the name's word keys, to find it fast */
    uint64_t words;              /* one bit per word (by key): a quick subset test */
    uint32_t count;              /* mentions of exactly this form */
    uint32_t canon;              /* the fullest entity this form stands for */
    uint16_t ids[Q_MAX_IDS];
    uint8_t nids;
    int32_t alias;               /* the entity that names it: "(KCNA)" written after it,
                                  * or the fuller of two names linked by "aka"; or -1 */
    bool person, org;
    bool titled;                 /* introduced with a title or role (a known person) */
    uint32_t gender;             /* QW_FEMALE and/or QW_MALE from its titles */
    bool spoke;                  /* a quotation was attributed to it */
    bool described;              /* a nationality before a person's name ("American
                                  * Serena Williams"): points at that name, and is
                                  * no fuller form of others */
    uint32_t mentions;           /* mentions of all its forms (counted on demand) */
} qentity;

/* Whether a mention is a likely subject is asked of few of them
 * (qctx_mention_is_subject()), so it is kept as what that needs. */
typedef struct qmention {
    uint32_t word;   /* first word of the name */
    uint32_t phrase; /* first word of the phrase naming it ("Mr" of "Mr Blair") */
    uint32_t entity; /* the entity of this form (ents[entity].canon: the fullest) */
    bool plain;      /* not in a heading, no possessor ("Bridge's injury") */
} qmention;

enum { HOW_NONE = 0, HOW_CUE, HOW_CHAIN, HOW_CONTEXT };

typedef struct qattr {
    int how;
    bool has_np;      /* `np` names the speaker in this sentence */
    qnp np;
    int32_t entity;   /* resolved canonical entity, or -1 */
    int32_t cue;      /* first word of the cue, or -1 */
    uint32_t cue_end; /* one past its last word */
    bool adjacent;    /* the cue frames the quotation directly */
    bool speech;
    bool full_stop;   /* the quoted words end with a full stop */
    bool late_copy;   /* shares the speaker of the quotation before, found after the cues */
    uint32_t ob, ca;  /* first word of the quotation's mark, first word after it (set with
                       * the word view) */
    uint32_t lb, rb;  /* left and right context bounds */
} qattr;

enum { QCTX_NEVENT_WORDS = 18, QCTX_NNO_PERSON_WORDS = 2 };

typedef struct qctx {
    const qlex *lex;
    uint64_t article_keys[3]; /* tp_word_key() of "the", "a", "an" */
    /* tp_word_key() of the event words, then of those that end no person's
     * name besides (qctx_init_event_keys()), and a filter of their keys: a
     * bit picked by each of three six-bit fields of a key. */
    uint64_t event_keys[QCTX_NEVENT_WORDS + QCTX_NNO_PERSON_WORDS];
    uint64_t event_lo, event_mid, event_hi;
    const char *text;
    size_t len;
    const tp_sentence *sents;
    size_t nsents;
    const tp_token *toks; /* the document's tokens: word i is toks[i] */
    qword *w;
    size_t nw, cap_w;
    const uint64_t *keys; /* tp_doc_token_keys(): each word's key */
    qmark_list quotes;
    qattr *attr;
    size_t cap_attr;
    qentity *ents;
    size_t nents, cap_ents;
    /* The names linked by ", also known as" or "aka" (a few a document at
     * most are kept). */
    uint32_t akas[Q_MAX_AKAS][2];
    size_t nakas;
    bool the_names; /* a name with "The" is registered ("The Game") */
    uint32_t *ent_slots; /* open addressing on qentity.key: entity index + 1, 0 empty */
    size_t cap_slots;
    int32_t protagonist; /* the person named most, computed on first use; -2: not yet */
    qmention *ments;
    size_t nments, cap_ments;
    /* Built with the word view for the name pass: the words that open a
     * paragraph, in text order. */
    uint32_t *pstarts;
    size_t npstarts, cap_pstarts;
    /* The vector word view's lists of the words it looks up last, and of
     * those it views one by one last. */
    uint32_t *lookups, *rescans;
    size_t cap_lookups, cap_rescans;
    /* Build the word view with the scalar code even where the CPU has the
     * vector path (tests compare the two). */
    bool scalar_view;
} qctx;

/* Sets up an empty context that looks words up in `lex` (which must
 * outlive it). */
void qctx_init(qctx *ctx, const qlex *lex);

/* The gender a pronoun may check `E` against: what the article told
 * (titles, roles, "she said"), else what the first word of a name of two
 * words or more tells when forenames.txt lists it ("Rich Nichols"), else
 * 0. Looked up when asked (few entities are), not when registered. */
static inline uint32_t qctx_gender(const qctx *ctx, const qentity *E)
{
    if (E->gender || E->name_n < 2)
        return E->gender;
    return qlex_forename_gender(ctx->lex, ctx->keys[E->name_first]);
}

/* Whether qctx_gender() of `E` rules out the pronoun gender `want`
 * (QW_FEMALE for she/her, QW_MALE for he/his). */
static inline bool qctx_gender_differs(const qctx *ctx, const qentity *E, uint32_t want)
{
    uint32_t g = qctx_gender(ctx, E);
    return g && !(g & want);
}

/* Whether word `word` is in a heading sentence: its QX_HEADING flag, which
 * the view sets on the few words of headings. Asked of every name the name
 * pass reads and of quotation after quotation in attribution. */
static inline bool qctx_heading_at(const qctx *ctx, uint32_t word)
{
    return word < ctx->nw && (ctx->w[word].flags & QX_HEADING);
}

/* Builds the word view of `doc`'s tokens and finds its quotations. */
int qctx_prepare(qctx *ctx, tp_doc *doc);

/* Registers the names in the document (names.c, then fuller_forms.c). */
int qctx_find_entities(qctx *ctx);

/* Parses a naming phrase starting at word `i`, not reading past `hi`, into
 * *np (every field set; kind NP_NONE when none starts there). `possessive`:
 * read on after "X's" ("the council's ruling"). */
void qctx_parse_np(const qctx *ctx, uint32_t i, uint32_t hi, bool possessive, qnp *np);

/* The canonical entity a NAME phrase stands for, or -1. */
int32_t qctx_entity_of(const qctx *ctx, const qnp *np);

/* Resolves a pronoun or role phrase at word `at` to an earlier entity, or -1.
 * `speaker`/`speaker_at`: the last person quoted and where (-1 when none). */
int32_t qctx_resolve(const qctx *ctx, const qnp *np, uint32_t at, int32_t speaker,
                     uint32_t speaker_at);

/* Attributes every quotation and decides its kind (attrib.c). */
int qctx_attribute(qctx *ctx);

/* Two of the attribution's searches (searches.c), exposed for the tests
 * that compare them with the plain loops they replaced. qctx_context_bounds() sets a->lb and a->rb
 * from a->ob (below ctx->nw) and a->ca: the context of the quotation, up to
 * 45 words either side in its sentence and outside other quotations.
 * qctx_find_ci() returns where `needle` starts in `hay`, bytes compared
 * with bit 0x20 set (ASCII letters in either case), or NULL. */
void qctx_context_bounds(const qctx *ctx, qattr *a);
const char *qctx_find_ci(const char *hay, size_t hn, const char *needle, size_t nn);

void qctx_free(qctx *ctx);

/* Helpers shared by the modules. */
/* Whether entity `E` is a place: every word of its name is a nation word
 * ("North Korea"). */
bool qctx_entity_is_place(const qctx *ctx, const qentity *E);
/* Whether entity `E` was introduced as a body's name after a determiner or
 * possessive and a lower-case organisation word ("Scott's company Scott
 * Free", "the rock band X"). */
bool qctx_named_as_body(const qctx *ctx, const qentity *E);
/* Whether word `i` marks a publication: paper, newspaper, magazine, daily, … */
bool qctx_is_press_word(const qctx *ctx, uint32_t i);
/* Whether word `i` names the people who run an event or award as a group
 * ("organisers", "judges", "jury"), who speak for it. */
bool qctx_is_staff_word(const qctx *ctx, uint32_t i);
/* The number of mentions that start before word `at` (they are in order). */
size_t qctx_mentions_before(const qctx *ctx, uint32_t at);
/* Whether mention `M` (of ctx->ments) is a likely antecedent for "he": a
 * plain mention that opens its sentence or clause or follows a quotation,
 * or the first person its sentence names after a fronted phrase. */
bool qctx_mention_is_subject(const qctx *ctx, const qmention *M);
/* Whether mention `M` is plain and opens its sentence or clause, follows a
 * quotation, or is the name of an inverted cue ("…," said Uefa): what
 * qctx_mention_is_subject() asks first, with no entity's person mark read
 * (so the name pass may ask it before people are marked). */
bool qctx_mention_opens_clause(const qctx *ctx, const qmention *M);
/* Whether word `i` is an event's or award's word: festival, awards, prize,
 * cup, championship, …; whether a word of entity `E`'s name is one
 * ("Berlin Film Festival", "Hopman Cup", "Zurich Premiership"). */
bool qctx_is_event_word(const qctx *ctx, uint32_t i);
/* Fills ctx->event_keys and its filter (qctx_init()). */
void qctx_init_event_keys(qctx *ctx);
/* Whether word `i` passes the filter of ctx->event_keys: false for most
 * words that are no event word, never for one. */
static inline bool qctx_maybe_event_word(const qctx *ctx, uint32_t i)
{
    uint64_t key = ctx->keys[i];
    return (ctx->event_lo >> (key & 63)) & (ctx->event_mid >> ((key >> 29) & 63)) &
           (ctx->event_hi >> (key >> 58)) & 1;
}
bool qctx_names_event(const qctx *ctx, const qentity *E);
/* Whether word `i` is what a prize is called ("Award", "Prize", "Trophy",
 * "Medal"); whether it ends a name that is no person's: a prize's, an
 * event's ("Orange Prize", "Davis Cup", "Qatar Open"). */
bool qctx_is_prize_word(const qctx *ctx, uint32_t i);
bool qctx_ends_no_person(const qctx *ctx, uint32_t i);
/* "50 Cent": whether the number of one or two digits right before word
 * `first` (a name's first word, in the same paragraph and quotation, not in
 * a list: "Subs: 13 Myhill, 18 Kerr") is the name's first word, a stage
 * name: the document writes the number before that word at least twice
 * (not a date or a count said once: "11 December", "3 Brit Awards").
 * Scans the document's keys, so it is asked only on demand: of a speaker's
 * name when it is written out, and of a number between a quotation and a
 * cue. */
bool qctx_number_opens_name(const qctx *ctx, uint32_t first);
/* "Andre 3000": whether the number of digits right after word `last` (a
 * capitalised name's last word, same paragraph and quotation; no year) ends
 * that name, a stage name: the document writes the pair at least twice.
 * Scans the document's keys, so asked only on demand, as the above. */
bool qctx_number_ends_name(const qctx *ctx, uint32_t last);
/* "the Harry Potter films", "the Star Wars series": whether mention `M`,
 * a name of two words or more right after an article or possessive and
 * alone in its phrase (not "the White Rose resistance group", which names a
 * body), stands right before a lower-case word that is no verb a list
 * knows nor ends in -ed (a common noun, most likely), which it modifies: it
 * then mentions no one a pronoun or role could stand for. Asked on demand,
 * of the mentions resolution visits. */
bool qctx_mention_modifies_noun(const qctx *ctx, const qmention *M);
/* "… was reserved for The Aviator star Leonardo DiCaprio, who paused to
 * sign autographs. He said …": whether the person of mention `M`, whom the
 * sentence before introduces with ", who", is the topic that a pronoun or
 * role opening the next sentence (at word `at`, its first word or the one
 * after a starter: "And he", "The 14-year-old") takes up, like a subject:
 * not when that sentence names a person before it ("Prutton apologised to
 * Pires, who was injured. He said": its subject). */
bool qctx_introduced_before(const qctx *ctx, const qmention *M, uint32_t at);
/* The sentence before sentence `s` (> 0), past the sentences of a
 * quotation that `s` opens inside ("… quickly. I am never satisfied," he
 * said.): the narration before that quotation (the sentence its opening
 * mark is in, when words come before the mark there). UINT32_MAX when
 * there is none. */
uint32_t qctx_sentence_before(const qctx *ctx, uint32_t s);
int qctx_grow_entities(qctx *ctx, size_t need);
int qctx_grow_mentions(qctx *ctx, size_t need);

/* Whether word `i` is `lit` (lower case ASCII), ignoring ASCII case. Inline:
 * the rules ask this of many words, and with a literal the length test that
 * rejects nearly all of them is one comparison. */
/* Whether word `i` is "the", "a" or "an" in any case, asked of its key (no
 * other word folds to these). */
static inline bool qctx_is_article(const qctx *ctx, uint32_t i)
{
    if (i >= ctx->nw)
        return false;
    uint64_t k = ctx->keys[i];
    const uint64_t *a = ctx->article_keys;
    return k == a[0] || k == a[1] || k == a[2];
}

static inline bool qctx_word_is(const qctx *ctx, uint32_t i, const char *lit)
{
    if (i >= ctx->nw)
        return false;
    size_t n = strlen(lit);
    const tp_token *w = &ctx->toks[i];
    if (w->end - w->start != n)
        return false;
    const char *s = ctx->text + w->start;
    for (size_t k = 0; k < n; k++) {
        char c = s[k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != lit[k])
            return false;
    }
    return true;
}

/* Whether source word `i` (a `source` word of titles.txt) names a person
 * ("spokesman", "spokesperson"), not a publication or a document
 * ("magazine", "report"). */
static inline bool qctx_source_is_person(const qctx *ctx, uint32_t i)
{
    return (ctx->w[i].flags & (QW_FEMALE | QW_MALE)) || qctx_word_is(ctx, i, "spokesperson") ||
           qctx_word_is(ctx, i, "spokeswomen");
}

/* Whether word `i` is a modal verb ("will", "could", "must", ...), after
 * which a word that could be a noun is a verb: "will captain England",
 * "England will protest". */
static inline bool qctx_is_modal(const qctx *ctx, uint32_t i)
{
    static const char *const modals[] = {"will", "would", "could", "should", "can",
                                         "may",  "might", "must",  "shall"};
    for (size_t k = 0; k < sizeof modals / sizeof modals[0]; k++) {
        if (qctx_word_is(ctx, i, modals[k]))
            return true;
    }
    return false;
}

#endif
