/* attrib.h - what the attribution files share: attrib.c (the order in which
 * the evidence is weighed, per quotation), cues.c (the cue rules and the
 * phrase naming a speaker at a cue), searches.c (the context bounds and
 * the byte searches), sources.c (unnamed sources that speak for someone)
 * and heading.c (what the headline and the lead tell). The word tests every rule asks of many words are
 * inline here, as they were inline in the one file these came from. */
#ifndef TP_QUOTES_ATTRIB_H
#define TP_QUOTES_ATTRIB_H

#include "context.h"

/* Word `i` of the document. */
static inline const qword *qctx_wref(const qctx *ctx, uint32_t i)
{
    return &ctx->w[i];
}

static inline bool qctx_is_according(const qctx *ctx, uint32_t i)
{
    return qctx_word_is(ctx, i, "according") && qctx_word_is(ctx, i + 1, "to");
}

/* A reporting verb used as a verb: lower case, not after a determiner; or
 * "according to". Inline, the word's classes first: the rules ask this of
 * every word of a context, and few are verbs. */
/* Whether word `i` is "read" or "reads", which report only what a
 * document says (qctx_read_is_cue(), cues.c). */
static inline bool qctx_is_read(const qctx *ctx, uint32_t i)
{
    return ctx->toks[i].end - ctx->toks[i].start <= 5 && ctx->text[ctx->toks[i].start] == 'r' &&
           (qctx_word_is(ctx, i, "read") || qctx_word_is(ctx, i, "reads"));
}
bool qctx_read_is_cue(const qctx *ctx, uint32_t i);

static inline __attribute__((always_inline)) bool qctx_is_cue(const qctx *ctx, uint32_t i)
{
    const qword *w = qctx_wref(ctx, i);
    if (!(w->flags & QW_CUE) || (w->flags & QX_CAP))
        return qctx_is_according(ctx, i);
    if (qctx_is_according(ctx, i))
        return true;
    if (qctx_is_read(ctx, i))
        return qctx_read_is_cue(ctx, i);
    if (i > 0 && (qctx_wref(ctx, i - 1)->flags & QW_DET) &&
        !(qctx_wref(ctx, i - 1)->flags & QW_PRON_GROUP))
        return false;
    return true;
}

static inline bool qctx_is_ing(const qctx *ctx, uint32_t i)
{
    return (qctx_wref(ctx, i)->flags & QW_CUE_ING) != 0;
}

/* Whether the words of quotation `qi` end their sentence ("…there.") */
static inline bool qctx_quote_ends_sentence(const qctx *ctx, size_t qi)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    char c = q->end > q->start ? ctx->text[q->end - 1] : 0;
    return c == '.' || c == '!' || c == '?';
}

/* What a cue rule found. qctx_attribute_right() and qctx_attribute_left() fill in the
 * one their caller zeroes (cue and copy_from -1): a qnp is too big to hand
 * back by value once a rule and again a quotation. */
typedef struct qfound {
    bool ok;
    qnp np;
    bool has_np;
    int32_t cue;
    uint32_t cue_end;
    bool adjacent;
    int32_t copy_from; /* take the speaker of this quotation */
    bool passive;      /* np is the agent of a passive cue ("… by the judge") */
} qfound;

/* The cue rules (cues.c). qctx_attribute_right() reads a cue after the
 * quotation of `a` ("…," Trump said), qctx_attribute_left() one before it,
 * or a naming lead-in ("Brentford boss Martin Allen: "…""); each fills in
 * *f, which the caller zeroes with cue and copy_from -1. */
void qctx_attribute_right(const qctx *ctx, const qattr *a, qfound *f);
void qctx_attribute_left(const qctx *ctx, const qattr *a, uint32_t qi, qfound *f);

/* The subject of the cue at word `c`, not reading before `lb` (past
 * adverbs, auxiliaries, appositives and relative clauses), and the first
 * naming phrase of the clause [lb, c); kind NP_NONE when there is none. */
qnp qctx_subject_left(const qctx *ctx, uint32_t c, uint32_t lb);
qnp qctx_clause_subject(const qctx *ctx, uint32_t lb, uint32_t c);
/* The phrase naming the source of a cue at word `c` that frames no
 * quotation, in the sentence [lb, hi): the subject, the phrase after
 * "according to" or a passive's "by", or after the cue when a comma comes
 * before it; kind NP_NONE when there is none. */
qnp qctx_cue_source(const qctx *ctx, uint32_t c, uint32_t lb, uint32_t hi);

/* The first word of the context left of word `ob` (the first of a
 * quotation's mark, or a dash): back to a quotation, a sentence's end, a
 * dash or the start of a paragraph, at most 45 words (searches.c). */
uint32_t qctx_left_bound(const qctx *ctx, uint32_t ob);

/* Whether word `i` is an auxiliary of a passive: was, were, is, are, been, be, being. */
bool qctx_is_passive_aux(const qctx *ctx, uint32_t i);

/* The number of words (runs of bytes between blanks) in the `n` bytes at
 * `s`, counting no further than `limit` (searches.c). */
size_t qctx_count_words(const char *s, size_t n, size_t limit);

/* The first sentence of the body (after the headings), or ctx->nsents. */
static inline size_t qctx_lead_sentence(const qctx *ctx)
{
    size_t s = 0;
    while (s < ctx->nsents && (ctx->sents[s].flags & TP_SENTF_HEADING))
        s++;
    return s;
}

/* The entity phrase `np` at word `at` names as the speaker of quotation
 * `qi`, weighing the attribution's own evidence (the last speaker, the
 * sentence before, unnamed sources) over qctx_resolve(); -1 for none
 * (attrib.c). */
int32_t qctx_resolve_speaker(qctx *ctx, const qnp *np, uint32_t at, size_t qi);

/* Unnamed sources (sources.c). The body an unnamed spokesperson of the
 * sentence before means when pronoun `pron` at `at` is resolved; whom a
 * role phrase that matched no one speaks for; the first cue of sentence
 * `S` that reports something said (S->tok_end for none); whether a phrase
 * read at a cue names a source. Each returns -1 (or false) for none. */
int32_t qctx_spokesperson_before(qctx *ctx, const qnp *pron, uint32_t at, size_t qi);
int32_t qctx_unnamed_source(qctx *ctx, const qnp *np, uint32_t at, size_t qi);
uint32_t qctx_first_report(const qctx *ctx, const tp_sentence *S);
bool qctx_names_source(const qctx *ctx, const qnp *np, uint32_t hi);

/* The headline and the lead (heading.c): gives attribution `a` to the
 * lead's reporter (*lead is -2 until worked out) when no speech before
 * quotation `before` has another speaker; the quotation holding the words
 * of `qi` with a cue, or -1; the speaker of headline quotation `qi`. */
void qctx_give_to_lead(qctx *ctx, qattr *a, size_t before, int32_t *lead);
int32_t qctx_quoted_elsewhere(const qctx *ctx, size_t qi);
void qctx_attribute_heading(qctx *ctx, size_t qi);

/* Kinds (kinds.c): whether quotation `qi` is a label, no one's words
 * though a cue stands near (a nickname inside a name, a name given with
 * "dubbed" or "known as", the writer's own term); whether short uncued
 * quotation `qi` of `words` words (up to 4) is the words of a record ("his
 * arrest for "lewd behaviour""), someone's though no one is named. */
bool qctx_is_label(const qctx *ctx, size_t qi);
bool qctx_words_of_record(const qctx *ctx, size_t qi, size_t words);

#endif
