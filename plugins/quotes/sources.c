/* sources.c - unnamed sources that speak for someone: a spokesperson, a
 * statement or an organisation word speaks for the body the text reports as
 * speaking, or for the person a "his"/"her" points to; a document filed in
 * a court speaks for the party that filed it. Resolution (attrib.c) asks
 * here when a phrase matched no one by name. */
#include "attrib.h"

/* "The BBC spokeswoman said Graham Norton's show would be a priority.
 * "…," she said.": a he/she after a sentence whose reporting verb has an
 * unnamed spokesperson as its subject (no person's name: "a spokeswoman",
 * "the BBC spokeswoman") means that spokesperson, who is no mention the
 * names after it could stand before; the body the phrase resolves to, or
 * -1. The sentence before is the one before the pronoun's or the
 * quotation's, whichever comes first, in the same paragraph or the one
 * before. */
int32_t qctx_spokesperson_before(qctx *ctx, const qnp *pron, uint32_t at, size_t qi)
{
    uint32_t from = at < ctx->attr[qi].ob ? at : ctx->attr[qi].ob;
    if (!ctx->sents || !(ctx->w[pron->name_first].flags & QW_PRON_PERSON) || from >= ctx->nw)
        return -1;
    uint32_t s = ctx->toks[from].sentence;
    if (s == 0 || s > ctx->nsents)
        return -1;
    const tp_sentence *S = &ctx->sents[s - 1];
    if ((S->flags & TP_SENTF_HEADING) || S->tok_end > ctx->nw ||
        S->paragraph + 1 < ctx->w[from].para)
        return -1;
    /* Most sentences name no source: one pass over the flags turns them
     * away before the cue and its subject are read. */
    uint32_t w = S->tok_start;
    while (w < S->tok_end && !(ctx->w[w].flags & QW_SOURCE))
        w++;
    if (w == S->tok_end)
        return -1;
    uint32_t c = qctx_first_report(ctx, S);
    if (c == S->tok_end)
        return -1;
    qnp np = qctx_subject_left(ctx, c, S->tok_start);
    if (np.kind == NP_NONE || np.kind == NP_PRON || np.person)
        return -1;
    uint32_t want = qctx_word_is(ctx, pron->name_first, "she") ? QW_FEMALE : QW_MALE;
    for (uint32_t k = np.first; k < np.end; k++) {
        uint32_t f = ctx->w[k].flags;
        if ((f & QW_SOURCE) && qctx_source_is_person(ctx, k)) {
            if ((f & (QW_FEMALE | QW_MALE)) && !(f & want))
                return -1;
            return qctx_resolve_speaker(ctx, &np, np.first, qi);
        }
    }
    return -1;
}

/* Whether the cue word at `c` (sentence from `lb`) reports nothing said:
 * a noun after a preposition ("is in talks to"), a verb after "to" or a
 * modal, a report not made ("has failed to respond", "England will
 * protest to the IRB"). */
static bool unmade_report(const qctx *ctx, uint32_t c, uint32_t lb)
{
    if (c <= lb || qctx_is_according(ctx, c))
        return false;
    return (qctx_wref(ctx, c - 1)->flags & QW_PREP) || qctx_is_modal(ctx, c - 1);
}

/* Whether phrase `np`, read at a cue of a sentence ending before word `hi`,
 * names a source: a pronoun, or a name that ends the phrase (not "Michael
 * Jackson's trial", "Belgian authorities") and is followed by punctuation,
 * a cue, an auxiliary or adverb, or a relative (not "LA film critics"),
 * and is no tail of a coordination ("Singles and Albums"). */
bool qctx_names_source(const qctx *ctx, const qnp *np, uint32_t hi)
{
    if (np->kind == NP_PRON)
        return true;
    if (np->kind != NP_NAME || np->name_end != np->end)
        return false;
    if (np->first > 0 &&
        (qctx_word_is(ctx, np->first - 1, "and") || qctx_word_is(ctx, np->first - 1, "&")))
        return false;
    return np->end >= hi ||
           (qctx_wref(ctx, np->end)->flags & (QX_PUNCT | QW_CUE | QW_AUX | QW_RELATIVE));
}

/* The first cue outside quotations in sentence `S` that reports something
 * said (no participle, nor a report not made: unmade_report()), or
 * S->tok_end when there is none. */
uint32_t qctx_first_report(const qctx *ctx, const tp_sentence *S)
{
    uint32_t c = S->tok_start;
    while (c < S->tok_end && (qctx_wref(ctx, c)->quote >= 0 || !qctx_is_cue(ctx, c) ||
                              qctx_is_ing(ctx, c) || unmade_report(ctx, c, S->tok_start)))
        c++;
    return c;
}

/* Whether entity `e` may be a body that speaks through others: no place,
 * nor a person known as one (titled, of known gender, or quoted with a cue
 * as a person); a plain name ("Sky denied …") may be a body's. */
static bool may_be_body(const qctx *ctx, int32_t e)
{
    const qentity *E = &ctx->ents[e];
    return !qctx_entity_is_place(ctx, E) &&
           (!E->person || E->org || !(E->titled || E->gender || E->spoke));
}

/* "…, the BBC has said. … "…," a spokeswoman said.": the body an unnamed
 * spokesperson, statement or organisation word whose phrase names no body
 * ("a spokeswoman", "the statement", "the station") speaks for: the one
 * the sentence before (in the same paragraph or the one before) reports as
 * saying something, else the one the lead does, when the phrase at `at` is
 * at most three paragraphs after it; that is, its first cue's source, a
 * name that may be a body's (may_be_body()), in the lead no person's. -1
 * when none. */
static int32_t reporting_body(const qctx *ctx, uint32_t at)
{
    if (!ctx->sents || at >= ctx->nw)
        return -1;
    uint32_t s = ctx->toks[at].sentence;
    size_t lead = qctx_lead_sentence(ctx);
    uint32_t para = qctx_wref(ctx, at)->para;
    size_t cand[2] = {s > 0 ? s - 1 : ctx->nsents, lead};
    for (int k = 0; k < 2; k++) {
        if (cand[k] >= s || cand[k] >= ctx->nsents)
            continue;
        const tp_sentence *S = &ctx->sents[cand[k]];
        if ((S->flags & TP_SENTF_HEADING) || S->tok_end > ctx->nw ||
            S->paragraph + (k == 0 ? 1 : 3) < para)
            continue;
        uint32_t c = qctx_first_report(ctx, S);
        if (c == S->tok_end)
            continue;
        qnp np = qctx_cue_source(ctx, c, S->tok_start, S->tok_end);
        if (np.kind != NP_NAME)
            continue;
        /* "Radio 1 said": a number that ends a stage name is the name's. */
        qnp whole = np;
        if (np.end == np.name_end + 1 && qctx_number_ends_name(ctx, np.name_end - 1))
            whole.name_end = np.end;
        /* "An All England club spokesperson denied …": a body's source. */
        bool body_source = np.org && np.end > np.name_end &&
                           (qctx_wref(ctx, np.end - 1)->flags & QW_SOURCE);
        if (!body_source && !qctx_names_source(ctx, &whole, S->tok_end))
            continue;
        int32_t e = qctx_entity_of(ctx, &np);
        /* A plain name reporting right before ("But Sky denied …. A
         * spokesperson said") may be a body's; the lead's must be one. */
        if (e >= 0 && may_be_body(ctx, e) &&
            (k == 0 || !ctx->ents[e].person || ctx->ents[e].org))
            return e;
    }
    return -1;
}

/* "Kim Clijsters has denied reports … . But her spokesman insisted …": the
 * person a spokesperson after "his" or "her" speaks for is the one the
 * article is about, the lead's subject, when a person whose gender does not
 * contradict the pronoun and the phrase at `at` is at most three paragraphs
 * after the lead. -1 otherwise. */
static int32_t lead_person(qctx *ctx, uint32_t pron, uint32_t at)
{
    size_t lead = qctx_lead_sentence(ctx);
    if (!ctx->sents || lead >= ctx->nsents || at >= ctx->nw)
        return -1;
    const tp_sentence *S = &ctx->sents[lead];
    if (S->tok_end > ctx->nw || S->tok_start >= at ||
        S->paragraph + 3 < qctx_wref(ctx, at)->para)
        return -1;
    qnp np = qctx_clause_subject(ctx, S->tok_start, S->tok_end);
    if (np.kind != NP_NAME || np.org)
        return -1;
    int32_t e = qctx_entity_of(ctx, &np);
    uint32_t want = qctx_word_is(ctx, pron, "her") ? QW_FEMALE : QW_MALE;
    if (e < 0 || !ctx->ents[e].person || ctx->ents[e].org ||
        qctx_entity_is_place(ctx, &ctx->ents[e]) ||
        qctx_gender_differs(ctx, &ctx->ents[e], want))
        return -1;
    return e;
}

/* "…," said the radio station.: the last speaker before quotation `qi`,
 * within three paragraphs of word `at`, when that speaker may be a body
 * (may_be_body()), or -1. */
static int32_t last_body_quoted(const qctx *ctx, size_t qi, uint32_t at)
{
    if (at >= ctx->nw)
        return -1;
    for (size_t k = qi; k-- > 0;) {
        const qattr *p = &ctx->attr[k];
        if (p->ob >= ctx->nw)
            continue;
        if (qctx_wref(ctx, p->ob)->para + 3 < qctx_wref(ctx, at)->para)
            return -1;
        if (p->how == HOW_NONE || p->entity < 0)
            continue;
        return may_be_body(ctx, p->entity) ? p->entity : -1;
    }
    return -1;
}

/* Whether source word `h` is a document a party files in a court: "the
 * lawsuit", "her suit", "the complaint", "a writ", "the legal submission",
 * "court papers", "court documents" (the last two only after "court"). */
static bool filed_document(const qctx *ctx, uint32_t h)
{
    /* Most source words asked are none: their first letter tells. */
    switch (ctx->text[ctx->toks[h].start] | 0x20) {
    case 'p':
        return qctx_word_is(ctx, h, "papers") && h > 0 && qctx_word_is(ctx, h - 1, "court");
    case 'd':
        return qctx_word_is(ctx, h, "documents") && h > 0 && qctx_word_is(ctx, h - 1, "court");
    case 'l':
        return qctx_word_is(ctx, h, "lawsuit");
    case 's':
        return qctx_word_is(ctx, h, "suit") || qctx_word_is(ctx, h, "submission");
    case 'c':
        return qctx_word_is(ctx, h, "complaint");
    case 'w':
        return qctx_word_is(ctx, h, "writ");
    default:
        return false;
    }
}

/* Whether word `k` (below `end`, its sentence's end; a word opening with
 * s, f, l or t) says its subject goes to court: a form of "sue" in the active voice ("is suing", "sued"; not
 * "is being sued", whose subject is the defendant), of "file" or "lodge"
 * with a filed document or a claim, case or action within the three words
 * after it ("has filed a lawsuit", "lodged a complaint"), or of "take"
 * with an action ("is taking legal action against"). */
static bool goes_to_court(const qctx *ctx, uint32_t k, uint32_t end)
{
    static const char *const sue[] = {"sue", "sues", "suing", "sued"};
    static const char *const be[] = {"is",   "are",   "was", "were", "be",
                                     "been", "being", "get", "got"};
    static const char *const file[] = {"file", "files", "filed", "filing"};
    static const char *const lodge[] = {"lodge", "lodges", "lodged", "lodging"};
    static const char *const take[] = {"take", "takes", "taking", "took"};
    /* The first letter picks the one verb the word may be a form of. */
    char c = ctx->text[ctx->toks[k].start];
    const char *const *forms = c == 's' ? sue : c == 'f' ? file : c == 'l' ? lodge : take;
    size_t i = 0;
    while (i < 4 && !qctx_word_is(ctx, k, forms[i]))
        i++;
    if (i == 4)
        return false;
    if (forms == sue) {
        for (size_t b = 0; i == 3 && k > 0 && b < sizeof be / sizeof be[0]; b++) {
            if (qctx_word_is(ctx, k - 1, be[b]))
                return false;
        }
        return true;
    }
    for (uint32_t j = k + 1; j < end && j <= k + 3; j++) {
        if (qctx_word_is(ctx, j, "action") ||
            (forms != take &&
             (((qctx_wref(ctx, j)->flags & QW_SOURCE) && filed_document(ctx, j)) ||
              qctx_word_is(ctx, j, "claim") || qctx_word_is(ctx, j, "case"))))
            return true;
    }
    return false;
}

/* "Bruce Willis is suing a studio … . The lawsuit said …", "Marion Jones
 * has filed a lawsuit … . Her lawsuit … said …; …, the suit added, …": a
 * document filed in a court speaks for the party that filed it, the
 * subject of the last verb before the phrase (outside quotations) that
 * says someone goes to court (goes_to_court()), when it is a name and no
 * place; after "his" or "her" one whose gender does not contradict it,
 * else the lead's subject (lead_person(), `at` the phrase's word). -1 when
 * none. Asked only of a filed document's phrase that matched no one. */
static int32_t filing_party(qctx *ctx, const qnp *np, uint32_t at)
{
    bool pron = np->first + 1 == np->name_first &&
                (qctx_word_is(ctx, np->first, "his") || qctx_word_is(ctx, np->first, "her"));
    uint32_t want = pron && qctx_word_is(ctx, np->first, "her") ? QW_FEMALE : QW_MALE;
    if (!ctx->sents)
        return -1;
    for (uint32_t k = np->first < ctx->nw ? np->first : (uint32_t)ctx->nw; k-- > 0;) {
        if (qctx_wref(ctx, k)->quote >= 0 ||
            (qctx_wref(ctx, k)->flags & (QX_PUNCT | QX_CAP | QX_ACRONYM)) ||
            ctx->toks[k].sentence >= ctx->nsents)
            continue;
        /* Only a word of three to seven letters opening as one of the verbs
         * can be one: the rest are passed over before any compare. */
        const tp_token *t = &ctx->toks[k];
        char c = ctx->text[t->start];
        if (t->end - t->start < 3 || t->end - t->start > 7 ||
            !(c == 's' || c == 'f' || c == 'l' || c == 't'))
            continue;
        const tp_sentence *S = &ctx->sents[t->sentence];
        if (!goes_to_court(ctx, k, S->tok_end < ctx->nw ? S->tok_end : (uint32_t)ctx->nw))
            continue;
        qnp subj = qctx_subject_left(ctx, k, S->tok_start);
        if (subj.kind != NP_NAME)
            continue;
        int32_t e = qctx_entity_of(ctx, &subj);
        if (e < 0 || qctx_entity_is_place(ctx, &ctx->ents[e]) ||
            (pron && qctx_gender_differs(ctx, &ctx->ents[e], want)))
            continue;
        return e;
    }
    return pron ? lead_person(ctx, np->first, at) : -1;
}

/* Whether word `i` is "his" or "her". */
static bool his_or_her(const qctx *ctx, uint32_t i)
{
    return qctx_word_is(ctx, i, "his") || qctx_word_is(ctx, i, "her");
}

/* "a statement on her website", "his website": the "his"/"her" word that
 * owns source phrase `np`, right before its head or after a preposition
 * right after it, before a source word ("website", "statement") within two
 * words; ctx->nw when none. */
static uint32_t owned_by_pronoun(const qctx *ctx, const qnp *np)
{
    if (np->first + 1 == np->name_first && his_or_her(ctx, np->first))
        return np->first;
    uint32_t p = np->end;
    if (p + 2 >= ctx->nw || !(qctx_wref(ctx, p)->flags & QW_PREP) || !his_or_her(ctx, p + 1))
        return (uint32_t)ctx->nw;
    for (uint32_t k = p + 2; k < ctx->nw && k <= p + 3; k++) {
        if (qctx_wref(ctx, k)->flags & QW_SOURCE)
            return p + 1;
        if (qctx_wref(ctx, k)->flags & QX_PUNCT)
            break;
    }
    return (uint32_t)ctx->nw;
}

/* Whom a role phrase `np` at word `at` (of quotation `qi`) that resolution
 * matched to no one speaks for, when it is an unnamed spokesperson, a
 * statement, a filed document or an organisation word: a filed document's
 * party (filing_party()); a spokesperson or source "his" or "her" owns
 * (owned_by_pronoun()), the person the pronoun means (lead_person()); after an article the body the text reports as
 * speaking (reporting_body()), else the body quoted last
 * (last_body_quoted()). -1 for any other phrase. */
int32_t qctx_unnamed_source(qctx *ctx, const qnp *np, uint32_t at, size_t qi)
{
    uint32_t h = np->name_first;
    const qword *head = qctx_wref(ctx, h);
    bool spokesperson = (head->flags & QW_SOURCE) && qctx_source_is_person(ctx, h);
    if (np->first >= h)
        return -1;
    if ((head->flags & QW_SOURCE) && !spokesperson && filed_document(ctx, h))
        return filing_party(ctx, np, at);
    /* "his spokesman", "a statement on her website": the person meant. */
    uint32_t owner = owned_by_pronoun(ctx, np);
    if (owner < ctx->nw && (head->flags & QW_SOURCE))
        return lead_person(ctx, owner, at);
    if (!qctx_is_article(ctx, np->first) ||
        !(spokesperson || (head->flags & QW_ORG) || qctx_word_is(ctx, h, "statement")))
        return -1;
    int32_t e = reporting_body(ctx, at);
    return e >= 0 ? e : last_body_quoted(ctx, qi, at);
}
