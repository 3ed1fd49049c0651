/* heading.c - what the headline and the lead tell: a headline quotation
 * takes the speaker of the same words in the body or the source of the
 * lead's claim; a lead that introduces one person's own account gives them
 * the quotations no one else is quoted before; and a quotation repeated
 * with a cue elsewhere takes that cue's speaker. */
#include "attrib.h"

/* Strips trailing punctuation that headlines drop ("major failure,"). */
static size_t core_len(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ',' || s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?'))
        n--;
    return n;
}

/* Whether word `c` reports in the present tense, as a lead introducing
 * someone's own account does: a reporting verb's -s form ("says",
 * "writes", "explains", "recalls") or a verb of memory ("remembers",
 * "reflects"). */
static bool reports_in_present(const qctx *ctx, uint32_t c)
{
    if (qctx_wref(ctx, c)->flags & (QX_CAP | QX_PUNCT))
        return false;
    if (qctx_word_is(ctx, c, "remembers") || qctx_word_is(ctx, c, "reflects"))
        return true;
    const tp_token *t = &ctx->toks[c];
    return qctx_is_cue(ctx, c) && !qctx_is_ing(ctx, c) && !qctx_is_according(ctx, c) &&
           t->end - t->start > 3 && ctx->text[t->end - 1] == 's';
}

/* The person whose own account the article is, when its lead says so: the
 * first sentence after the headline quotes nothing and its subject, a
 * person, reports in the present tense ("… , Rob Partridge - Marley's
 * former head of press - remembers the man behind the legend."). Memoirs
 * and interviews written up so run their quotations without cues. The
 * entity, or -1. */
static int32_t lead_reporter(qctx *ctx)
{
    if (!ctx->sents)
        return -1;
    size_t s = qctx_lead_sentence(ctx);
    if (s >= ctx->nsents || ctx->sents[s].tok_end > ctx->nw)
        return -1;
    const tp_sentence *S = &ctx->sents[s];
    for (uint32_t k = S->tok_start; k < S->tok_end; k++) {
        if (qctx_wref(ctx, k)->quote >= 0)
            return -1;
    }
    for (uint32_t c = S->tok_start + 1; c < S->tok_end; c++) {
        /* The verb right after its subject or an appositive's closing
         * comma or dash, and reporting something ("…, say reports." is no
         * person's verb). */
        if (!reports_in_present(ctx, c) ||
            !(qctx_wref(ctx, c - 1)->flags & (QX_CAP | QX_COMMA | QX_DASH)) ||
            c + 1 >= S->tok_end || (qctx_wref(ctx, c + 1)->flags & QX_TERMINAL))
            continue;
        qnp np = qctx_clause_subject(ctx, S->tok_start, c);
        if (np.kind != NP_NAME || np.org)
            return -1;
        int32_t e = qctx_resolve_speaker(ctx, &np, np.first, 0);
        if (e < 0 || !ctx->ents[e].person || ctx->ents[e].org ||
            qctx_entity_is_place(ctx, &ctx->ents[e]))
            return -1;
        return e;
    }
    return -1;
}

/* Whether a speech quotation before quotation `qi` has a speaker other
 * than entity `e`. */
static bool other_speaker_before(const qctx *ctx, size_t qi, int32_t e)
{
    for (size_t k = 0; k < qi; k++) {
        const qattr *p = &ctx->attr[k];
        if (p->speech && p->entity >= 0 && p->entity != e)
            return true;
    }
    return false;
}

/* Gives quotation attribution `a` to the lead's reporter (lead_reporter(),
 * worked out once into *lead, -2 until asked) when no speech quotation
 * before quotation `before` has another speaker. */
void qctx_give_to_lead(qctx *ctx, qattr *a, size_t before, int32_t *lead)
{
    if (*lead == -2)
        *lead = lead_reporter(ctx);
    if (*lead >= 0 && !other_speaker_before(ctx, before, *lead)) {
        a->entity = *lead;
        a->how = HOW_CONTEXT;
    }
}

/* Another quotation holding the words of quotation `qi` and attributed by a
 * cue, or -1. */
int32_t qctx_quoted_elsewhere(const qctx *ctx, size_t qi)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    size_t n = core_len(ctx->text + q->start, q->end - q->start);
    if (n < 6)
        return -1;
    size_t from = qi > Q_LOOKBACK ? qi - Q_LOOKBACK : 0;
    size_t to = qi + Q_LOOKBACK < ctx->quotes.count ? qi + Q_LOOKBACK : ctx->quotes.count;
    for (size_t k = from; k < to; k++) {
        const qmark_quote *o = &ctx->quotes.items[k];
        /* (A shorter quotation cannot hold it: no call.) */
        if (k == qi || ctx->attr[k].how != HOW_CUE || o->end - o->start < n)
            continue;
        if (qctx_find_ci(ctx->text + o->start, o->end - o->start, ctx->text + q->start, n))
            return (int32_t)k;
    }
    return -1;
}

/* Whether entity `e` (canonical) is named in sentence `S`. */
static bool named_in(const qctx *ctx, int32_t e, const tp_sentence *S)
{
    for (size_t m = qctx_mentions_before(ctx, S->tok_start);
         m < ctx->nments && ctx->ments[m].word < S->tok_end; m++) {
        if ((int32_t)ctx->ents[ctx->ments[m].entity].canon == e)
            return true;
    }
    return false;
}

/* The source of the claim a headline sums up in its own words: news
 * writing reports it in the lead, the first sentence of the body, so the
 * headline's speaker is the one the lead's first cue names ("Peter Jackson
 * has said that …", "…, he said"). When that cue names no one ("real
 * experts say", "criticised by campaigners", "according to reports", "…,
 * says the boss of …"), the next sentence may name the source; its first
 * cue is taken only if it names someone the lead does not ("The Parents
 * Television Council (PTC) … said"; not "He denies it", nor the lead's
 * topic). A lead with no cue is the writer's own summary: -1. Only
 * for the headline, nothing but headings before it. */
static int32_t lead_source(qctx *ctx, size_t qi)
{
    if (!ctx->sents || ctx->attr[qi].ob >= ctx->nw)
        return -1;
    uint32_t s = ctx->toks[ctx->attr[qi].ob].sentence;
    for (uint32_t k = 0; k <= s && k < ctx->nsents; k++) {
        if (!(ctx->sents[k].flags & TP_SENTF_HEADING))
            return -1;
    }
    while (s < ctx->nsents && (ctx->sents[s].flags & TP_SENTF_HEADING))
        s++;
    uint32_t lead = s;
    for (uint32_t end = s + 2; s < end && s < ctx->nsents; s++) {
        const tp_sentence *S = &ctx->sents[s];
        if ((S->flags & TP_SENTF_HEADING) || S->tok_end > ctx->nw)
            return -1;
        uint32_t c = qctx_first_report(ctx, S);
        if (c == S->tok_end)
            return -1;
        qnp np = qctx_cue_source(ctx, c, S->tok_start, S->tok_end);
        if (qctx_names_source(ctx, &np, S->tok_end)) {
            /* A name is the body or person it names, never a description
             * standing for someone ("the Hollywood Reporter"). */
            int32_t e = -1;
            if (np.kind == NP_NAME)
                e = qctx_entity_of(ctx, &np);
            else if (s == lead)
                e = qctx_resolve_speaker(ctx, &np, np.first, qi);
            if (e >= 0 && (s == lead || !named_in(ctx, e, &ctx->sents[lead])))
                return e;
        }
        if (np.kind == NP_PRON)
            return -1; /* a pronoun speaks of someone named already, not a new source */
    }
    return -1;
}

/* A headline quotation takes the speaker of a body quotation holding the
 * same words, else (or when that one names no one) the source of the lead's
 * claim (lead_source()). */
void qctx_attribute_heading(qctx *ctx, size_t qi)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    qattr *a = &ctx->attr[qi];
    size_t n = core_len(ctx->text + q->start, q->end - q->start);
    for (size_t k = 0; k < ctx->quotes.count; k++) {
        const qmark_quote *o = &ctx->quotes.items[k];
        if (k == qi || qctx_heading_at(ctx, ctx->attr[k].ob) || !ctx->attr[k].speech)
            continue;
        if (qctx_find_ci(ctx->text + o->start, o->end - o->start, ctx->text + q->start, n)) {
            a->entity = ctx->attr[k].entity;
            if (a->how == HOW_NONE)
                a->how = HOW_CONTEXT;
            if (a->entity >= 0)
                return;
            break; /* quoted in the body from no one named: the lead's source */
        }
    }
    a->entity = lead_source(ctx, qi);
    if (a->entity >= 0 && a->how == HOW_NONE)
        a->how = HOW_CONTEXT;
}
