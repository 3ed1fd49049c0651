/* np.h - the common naming phrase, read inline: a run of capitalised words
 * that are names and no titles or roles, alone ("Trump said", "Kim Jong
 * Un,", "BBC News."). Most phrases the name pass reads are one;
 * qctx_parse_np() reads them the same way (it asks this first, and reads
 * such a run after determiners too: "the BBC") but pays for a call and for
 * its rules on titles, roles and organisations. */
#ifndef TP_QUOTES_NP_H
#define TP_QUOTES_NP_H

#include "context.h"

#include <string.h>

/* Classes that give a capitalised word a part in a phrase besides naming
 * (nation and organisation words are names too: "US", "Manchester United"),
 * or a gender to carry. A name's first word may also not be a stop word or
 * a preposition ("However", "In"), nor a phrase's first word a pronoun or a
 * determiner, which open phrases of their own. */
enum {
    QNP_NAME_EXCLUDED =
        QX_PUNCT | QW_ROLE | QW_PLURAL | QW_HONORIFIC | QW_SOURCE | QW_FEMALE | QW_MALE,
    QNP_NAME_FIRST_EXCLUDED = QNP_NAME_EXCLUDED | QW_STOP | QW_PREP,
    QNP_PHRASE_FIRST_EXCLUDED = QNP_NAME_FIRST_EXCLUDED | QW_PRON_PERSON | QW_PRON_GROUP | QW_DET,
    /* A lower-case word of these classes is no adjective before a role
     * ("said", "has", "who", "of"). */
    QNP_ENDS_PHRASE =
        QW_CUE | QW_AUX | QW_PREP | QW_DET | QW_STOP | QW_RELATIVE | QW_PRON_PERSON | QW_PRON_GROUP,
};

/* Whether word `k` (at least 1) is a possessive after the word before it:
 * 's, or a bare apostrophe after a plural or a name ending in -s
 * ("Wales' team physiotherapist"), which the tokenizer leaves a quote mark:
 * touching that word, which is no quotation's (a closing mark
 * follows the last word of its quotation). Asked only after a phrase. */
static inline bool qnp_possessive_at(const qctx *ctx, uint32_t k)
{
    const qword *W = ctx->w;
    if (W[k].flags & QX_POSS)
        return true;
    if (!(W[k].flags & QX_PUNCT))
        return false;
    /* The mark's first byte first: most punctuation after a name is a
     * comma or a full stop, turned away on one load. */
    const tp_token *t = &ctx->toks[k];
    const char *s = ctx->text;
    unsigned char c = (unsigned char)s[t->start];
    if ((c != '\'' && c != 0xE2) || W[k - 1].quote >= 0 || W[k].quote >= 0)
        return false;
    const tp_token *p = &ctx->toks[k - 1];
    size_t n = t->end - t->start;
    return t->start == p->end && p->end > p->start && s[p->end - 1] == 's' &&
           ((n == 1 && c == '\'') || (n == 3 && memcmp(s + t->start, "\xE2\x80\x99", 3) == 0));
}

/* Adds a role or nation id to the phrase's (once each, at most
 * Q_MAX_IDS). */
static inline void qnp_add_id(qnp *np, uint16_t id)
{
    if (!id)
        return;
    for (uint8_t i = 0; i < np->nids; i++) {
        if (np->ids[i] == id)
            return;
    }
    if (np->nids < Q_MAX_IDS)
        np->ids[np->nids++] = id;
}

/* A lower-case role, source or organisation word: one an adjective may
 * stand before in a phrase naming someone ("the younger leader"). Not a
 * plural role, which would take the verb before it for an adjective
 * ("Freeman beat actors including …"). */
static inline bool qnp_role_like(const qword *w)
{
    return (w->flags & (QW_ROLE | QW_SOURCE | QW_ORG)) &&
           !(w->flags & (QX_CAP | QX_PUNCT | QW_PLURAL));
}

/* Whether the lower-case word at `j` (below `hi`) reads as an adjective
 * before a role, one or two words on: "the younger leader". */
static inline bool qnp_adjective_before_role(const qword *W, uint32_t j, uint32_t hi)
{
    return (j + 1 < hi && qnp_role_like(&W[j + 1])) ||
           (j + 2 < hi && !(W[j + 1].flags & (QX_PUNCT | QX_CAP | QW_CUE)) &&
            qnp_role_like(&W[j + 2]));
}

static inline bool qnp_names_only(uint32_t flags, uint32_t excluded)
{
    return (flags & (QX_CAP | QX_ACRONYM)) && !(flags & excluded);
}

static inline bool qnp_is_particle(uint32_t flags)
{
    return (flags & (QW_PARTICLE | QX_CAP | QX_ACRONYM | QX_PUNCT)) == QW_PARTICLE;
}

/* The lower-case name particles (one or two) from word `j` (below `hi`),
 * right after a name word, when a name word follows them in the same
 * quotation: they are part of the name ("Sandra den Hamer", "Pieter van
 * der Berg", "Osama bin Laden"). Returns their number, 0 when `j` opens
 * no such particles. Asked only where a run of name words ends. */
static inline uint32_t qnp_particle_joins(const qword *W, uint32_t j, uint32_t hi)
{
    if (!qnp_is_particle(W[j].flags))
        return 0;
    uint32_t n = j + 2 < hi && qnp_is_particle(W[j + 1].flags) ? 2 : 1;
    uint32_t k = j + n;
    return k < hi && W[k].quote == W[j].quote && W[j + 1].quote == W[j].quote &&
                   qnp_names_only(W[k].flags, QNP_NAME_FIRST_EXCLUDED)
               ? n
               : 0;
}

/* A run of name words: where it ends, and the classes its words have. */
typedef struct qnp_run {
    uint32_t end;
    uint32_t flags; /* its words' flags ORed */
} qnp_run;

/* The run of name words from `from` (below `hi`, in quotation `quote`);
 * empty when the first word is no name word or has a class of
 * `first_excluded`. */
static inline qnp_run qnp_name_run(const qword *W, uint32_t from, uint32_t hi, int32_t quote,
                                   uint32_t first_excluded)
{
    qnp_run run = {from, 0};
    if (from >= hi || W[from].quote != quote || !qnp_names_only(W[from].flags, first_excluded))
        return run;
    const qword *w = &W[from], *stop = &W[hi];
    do {
        run.flags |= w->flags;
        w++;
    } while (w < stop && w->quote == quote && qnp_names_only(w->flags, QNP_NAME_EXCLUDED));
    run.end = (uint32_t)(w - W);
    return run;
}

/* Whether word `j` (below `hi`), right after such a run, ends the phrase:
 * punctuation, or a lower-case word but an adjective before a role ("Trump
 * said", "Trump met"), "of" after an organisation word ("Bank of England")
 * or a name particle ("Sandra den Hamer", which qnp_parse_no_run() reads:
 * asked here at no cost, with the classes that go on). */
static inline bool qnp_ends_name_run(const qword *W, uint32_t j, uint32_t hi)
{
    uint32_t flags = W[j].flags;
    if (flags & QX_PUNCT)
        return true;
    if (flags & (QX_CAP | QX_ACRONYM | QW_ROLE | QW_HONORIFIC | QW_SOURCE | QW_NATION | QW_ORG |
                 QW_PARTICLE))
        return false;
    if (W[j - 1].flags & QW_ORG)
        return false;
    return (flags & QNP_ENDS_PHRASE) || !qnp_adjective_before_role(W, j, hi);
}

/* The word after the determiners (at most two: "the", "his") that open the
 * phrase at word `i` (below `hi`): `i` itself when none do. */
static inline uint32_t qnp_skip_determiners(const qword *W, uint32_t i, uint32_t hi)
{
    uint32_t j = i;
    while (j < hi && (W[j].flags & QW_DET) && !(W[j].flags & QX_ACRONYM) && j - i < 2)
        j++;
    return j;
}

/* Whether the determiners at word `i` (below `hi`) open no phrase: the
 * word after them is past `hi`, in another quotation or ends a name run at
 * once ("The move", "this is"). */
static inline bool qnp_determiners_open_nothing(const qword *W, uint32_t i, uint32_t hi)
{
    uint32_t j = qnp_skip_determiners(W, i, hi);
    return j >= hi || W[j].quote != W[i].quote || qnp_ends_name_run(W, j, hi);
}

/* Classes that open a phrase whatever follows: a pronoun, a title, role or
 * source, a nation or organisation word. */
enum {
    QNP_OPENS =
        QW_PRON_PERSON | QW_PRON_GROUP | QW_ROLE | QW_HONORIFIC | QW_SOURCE | QW_NATION | QW_ORG,
};

/* Whether the phrase at a word with flags `flags` names no one whatever
 * follows it: a pronoun ("He said"), or a capitalised stop word or
 * preposition that is no title, role, source, nation or organisation word,
 * nor a lower-case determiner ("But", "In"), which no name begins with. */
static inline bool qnp_flags_name_no_one(uint32_t flags)
{
    if (flags & (QW_PRON_PERSON | QW_PRON_GROUP))
        return true;
    return (flags & (QW_STOP | QW_PREP)) && (flags & (QX_CAP | QX_ACRONYM)) &&
           !(flags & (QX_PUNCT | QW_ROLE | QW_HONORIFIC | QW_SOURCE | QW_NATION | QW_ORG)) &&
           (flags & (QW_DET | QX_ACRONYM)) != QW_DET;
}

/* Whether no phrase opens at word `i` (below `hi`, at most ctx->nw):
 * qctx_parse_np() finds NP_NONE there, asked of the word and the few after
 * it. Punctuation; determiners followed by a word that ends a name run at
 * once ("The move", "this is"); a capitalised stop word or preposition
 * ("However", "In"), which is no name's first word; a lower-case word that
 * is no adjective before a role ("said", "of", "country"). Not at word 0,
 * where parse_np's loop reads "of" before a capital as after a role (its
 * last role starts at -1, the word before). */
static inline bool qnp_opens_no_phrase(const qword *W, uint32_t i, uint32_t hi)
{
    uint32_t f = W[i].flags;
    if ((f & (QW_DET | QX_ACRONYM | QW_PRON_PERSON | QW_PRON_GROUP)) == QW_DET)
        return qnp_determiners_open_nothing(W, i, hi);
    if (f & (QNP_OPENS | QX_PUNCT))
        return !(f & QNP_OPENS);
    if (f & (QX_CAP | QX_ACRONYM))
        return (f & (QW_STOP | QW_PREP)) != 0;
    return i > 0 && ((f & QNP_ENDS_PHRASE) || !qnp_adjective_before_role(W, i, hi));
}

/* Adds the ids of the nation words ("US") in the name run from `from`. */
static inline void qnp_add_run_ids(qnp *np, const qword *W, uint32_t from, qnp_run run)
{
    if (!(run.flags & QW_NATION))
        return;
    for (uint32_t k = from; k < run.end; k++) {
        if (W[k].flags & QW_NATION)
            qnp_add_id(np, W[k].id);
    }
}

/* The phrase opened at word `i` that is the name run from `from` alone;
 * `gender`: that of the word that ended it. It names a body when it has an
 * organisation word, or is a lone acronym that is no nation ("KCNA"). */
static inline void qnp_set_name_run(qnp *np, const qword *W, uint32_t i, uint32_t from, qnp_run run,
                                    uint32_t gender)
{
    uint32_t first = W[from].flags;
    /* Field by field: a compound literal would zero the ids too, which
     * are read only up to nids (as the name pass reads most names so). */
    np->kind = NP_NAME;
    np->first = i;
    np->end = run.end;
    np->name_first = from;
    np->name_end = run.end;
    np->nids = 0;
    np->person = false;
    /* .org bitwise: branches on it were often mispredicted. */
    np->org = ((run.flags & QW_ORG) != 0) |
              ((run.end == from + 1) & ((first & (QX_ACRONYM | QW_NATION)) == QX_ACRONYM));
    np->gender = gender;
    qnp_add_run_ids(np, W, from, run);
}

/* Reads the phrase at word `i` (below `hi`, at most ctx->nw) into *np when
 * it is a name run alone, as qctx_parse_np() would without `possessive`.
 * Returns false, *np untouched, for any other phrase. */
static inline bool qnp_read_name_run(const qctx *ctx, uint32_t i, uint32_t hi, qnp *np)
{
    const qword *W = ctx->w;
    if (i >= hi)
        return false;
    int32_t quote = W[i].quote;
    qnp_run run = qnp_name_run(W, i, hi, quote, QNP_PHRASE_FIRST_EXCLUDED);
    uint32_t end = run.end;
    if (end == i)
        return false;
    uint32_t gender = 0;
    if (end < hi && W[end].quote == quote) {
        if (!qnp_ends_name_run(W, end, hi))
            return false;
        gender = W[end].flags & (QW_FEMALE | QW_MALE);
    }
    qnp_set_name_run(np, W, i, i, run, gender);
    return true;
}

/* qctx_parse_np() for a phrase that qnp_read_name_run() did not read (`hi`
 * at most ctx->nw): the rest of its rules, without reading the run again. */
void qnp_parse_no_run(const qctx *ctx, uint32_t i, uint32_t hi, bool possessive, qnp *np);

#endif
