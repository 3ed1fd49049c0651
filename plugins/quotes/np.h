/* np.h - the common naming phrase, read inline: a run of capitalised words
 * that are nothing but names, alone ("Trump said", "Kim Jong Un,"). Most
 * phrases the name pass reads are one; qctx_parse_np() reads them the same
 * way (it asks this first) but pays for a call and for its rules on titles,
 * roles and organisations. */
#ifndef TP_QUOTES_NP_H
#define TP_QUOTES_NP_H

#include "context.h"

/* Classes that give a capitalised word a part in a phrase besides naming,
 * or a gender to carry. A name's first word may also not be a stop word or
 * a preposition ("However", "In"), nor a phrase's first word a pronoun or a
 * determiner, which open phrases of their own. */
enum {
    QNP_NAME_EXCLUDED = QX_PUNCT | QW_ROLE | QW_HONORIFIC | QW_SOURCE | QW_NATION | QW_ORG |
                        QW_FEMALE | QW_MALE,
    QNP_NAME_FIRST_EXCLUDED = QNP_NAME_EXCLUDED | QW_STOP | QW_PREP,
    QNP_PHRASE_FIRST_EXCLUDED = QNP_NAME_FIRST_EXCLUDED | QW_PRON_PERSON | QW_PRON_GROUP | QW_DET,
    /* A lower-case word of these classes is no adjective before a role
     * ("said", "has", "who", "of"). */
    QNP_ENDS_PHRASE = QW_CUE | QW_AUX | QW_PREP | QW_DET | QW_STOP | QW_RELATIVE | QW_PRON_PERSON |
                      QW_PRON_GROUP,
};

static inline bool qnp_role_like(const qword *w)
{
    return (w->flags & (QW_ROLE | QW_SOURCE | QW_ORG)) && !(w->flags & (QX_CAP | QX_PUNCT));
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

/* The end of the run of name-only words from `from` (below `hi`, in
 * quotation `quote`): `from` when its first word is no such word or has a
 * class of `first_excluded`. */
static inline uint32_t qnp_name_run(const qword *W, uint32_t from, uint32_t hi, int32_t quote,
                                    uint32_t first_excluded)
{
    uint32_t j = from;
    if (j >= hi || W[j].quote != quote || !qnp_names_only(W[j].flags, first_excluded))
        return j;
    j++;
    while (j < hi && W[j].quote == quote && qnp_names_only(W[j].flags, QNP_NAME_EXCLUDED))
        j++;
    return j;
}

/* Whether word `j` (below `hi`), right after such a run, ends the phrase:
 * punctuation, or a lower-case word but an adjective before a role ("Trump
 * said", "Trump met"; "of" goes on only after a role or an organisation
 * word). */
static inline bool qnp_ends_name_run(const qword *W, uint32_t j, uint32_t hi)
{
    uint32_t flags = W[j].flags;
    if (flags & QX_PUNCT)
        return true;
    if (flags & (QX_CAP | QX_ACRONYM | QW_ROLE | QW_HONORIFIC | QW_SOURCE | QW_NATION | QW_ORG))
        return false;
    return (flags & QNP_ENDS_PHRASE) || !qnp_adjective_before_role(W, j, hi);
}

/* The phrase opened at word `i` that is the name run [from, end) alone;
 * `gender`: that of the word that ended it. A lone acronym names a body. */
static inline void qnp_set_name_run(qnp *np, const qword *W, uint32_t i, uint32_t from,
                                    uint32_t end, uint32_t gender)
{
    *np = (qnp){.kind = NP_NAME,
                .first = i,
                .end = end,
                .name_first = from,
                .name_end = end,
                .org = end == from + 1 && (W[from].flags & QX_ACRONYM),
                .gender = gender};
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
    uint32_t end = qnp_name_run(W, i, hi, quote, QNP_PHRASE_FIRST_EXCLUDED);
    if (end == i)
        return false;
    uint32_t gender = 0;
    if (end < hi && W[end].quote == quote) {
        if (!qnp_ends_name_run(W, end, hi))
            return false;
        gender = W[end].flags & (QW_FEMALE | QW_MALE);
    }
    qnp_set_name_run(np, W, i, i, end, gender);
    return true;
}

#endif
