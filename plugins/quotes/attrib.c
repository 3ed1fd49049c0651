/* attrib.c - who said each quotation, and whether it is speech at all.
 *
 * Order of evidence: a cue verb framing the quotation ("…," Trump said /
 * Trump told reporters: "…" / according to …), then a neighbouring quotation
 * in the same sentence, then (for whole-sentence quotations) the speaker of
 * the quotation before it. Headline quotations borrow the speaker of the
 * same words in the body. The cue rules that read the words around a
 * quotation are in cues.c, the searches over words and bytes in searches.c,
 * the unnamed sources that speak for someone in sources.c, what the headline
 * and the lead tell in heading.c, which quotations are labels or records in
 * kinds.c; here are the order, the kinds, the chains
 * and the resolution of what the rules found to the document's entities. */
#include "attrib.h"

#include <string.h>

#include <tpipe/error.h>

/* Whether quotation attribution `p`, to a body, names an unnamed
 * spokesperson of it ("a BBC spokesman", "the band's spokeswoman"): a
 * person, whom a later "he" or "she" means. */
static bool spokesperson_speaks(const qctx *ctx, const qattr *p)
{
    if (!p->has_np)
        return false;
    for (uint32_t k = p->np.first; k < p->np.end && k < ctx->nw; k++) {
        if ((ctx->w[k].flags & QW_SOURCE) && qctx_source_is_person(ctx, k))
            return true;
    }
    return false;
}

/* The last person quoted before quotation `qi`, and where: a body counts
 * when its unnamed spokesperson spoke. */
static int32_t last_speaker(const qctx *ctx, size_t qi, uint32_t *at)
{
    for (size_t k = qi; k-- > 0 && qi - k <= Q_LOOKBACK;) {
        const qattr *p = &ctx->attr[k];
        if (p->how != HOW_NONE && p->entity >= 0 &&
            (!ctx->ents[p->entity].org || spokesperson_speaks(ctx, p)) &&
            !qctx_entity_is_place(ctx, &ctx->ents[p->entity])) {
            *at = p->ob;
            return p->entity;
        }
    }
    *at = 0;
    return -1;
}

/* Whether the article writes the lone acronym of entity `e` as a body:
 * some mention of it is followed by no plain lower-case word, as "the BBC
 * said", "told the BBC.", "BBC bosses" are; "reality TV show" writes "TV"
 * only as a noun's modifier, a common noun. Asked only of a body's name
 * that opens with an acronym, so a walk over the mentions costs nothing. */
static bool acronym_names_body(const qctx *ctx, int32_t e)
{
    enum {
        PLAIN_NOUN_NOT = QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QW_CUE | QW_CUE_ING | QW_AUX |
                         QW_PREP | QW_DET | QW_STOP | QW_RELATIVE | QW_ROLE | QW_SOURCE | QW_ORG |
                         QW_NAMING | QW_PLURAL,
    };
    for (size_t m = 0; m < ctx->nments; m++) {
        const qmention *M = &ctx->ments[m];
        if (M->entity == (uint32_t)e &&
            (M->word + 1 >= ctx->nw || (ctx->w[M->word + 1].flags & PLAIN_NOUN_NOT)))
            return true;
    }
    return false;
}

/* Whether name phrase `np` (its entity `e`, or -1) describes a person
 * rather than naming one: a nationality alone after "the" ("the Brazilian
 * confirmed", "the 27-year-old Austrian said"), or one capitalised word
 * the article names no one with, after "the" and a lower-case word ("the
 * 25-year-old Dubliner"). A role ("the 21-year-old") is none unless a
 * nationality noun ("the Spaniard"). */
static bool describes_person(const qctx *ctx, const qnp *np, int32_t e)
{
    if (np->name_end != np->name_first + 1 || !qctx_word_is(ctx, np->first, "the") ||
        np->first == np->name_first)
        return false;
    uint32_t f = qctx_wref(ctx, np->name_first)->flags;
    if ((f & (QW_NATION | QX_ACRONYM)) == QW_NATION) {
        /* "the American", "the Spaniard" are one person; "the British",
         * "the French", "the Swiss", "the Chinese" (-sh, -ch, -ss, -se)
         * are a people or its government. */
        const tp_token *t = &ctx->toks[np->name_first];
        const char *x = ctx->text + t->end;
        bool people = t->end - t->start > 3 &&
                      ((x[-1] == 'h' && (x[-2] == 's' || x[-2] == 'c')) ||
                       (x[-1] == 's' && x[-2] == 's') || (x[-1] == 'e' && x[-2] == 's'));
        return np->person || !people;
    }
    return e < 0 && np->first + 1 < np->name_first && !np->org &&
           !(f & (QX_ACRONYM | QW_ORG | QW_ROLE | QW_SOURCE)) &&
           !(qctx_wref(ctx, np->name_first - 1)->flags & (QX_CAP | QX_PUNCT | QW_STOP | QW_PREP));
}

/* Whether entity `E` may be a person: marked one, or a name that is no
 * body's, place's or event's ("Edu" alone). */
static bool may_be_person(const qctx *ctx, const qentity *E)
{
    return E->person || (!E->org && !qctx_entity_is_place(ctx, E) && !qctx_names_event(ctx, E));
}

/* The person the article is about, as its headline and lead say: one
 * named in a heading and as a subject of the lead sentence ("Edu
 * describes tunnel fracas" / "Arsenal's Edu has lifted the lid …"), before
 * any other person is. The entity, or -1. Asked only of a description. */
static int32_t headline_person(const qctx *ctx)
{
    size_t lead = qctx_lead_sentence(ctx);
    if (lead == 0 || lead >= ctx->nsents)
        return -1;
    for (size_t n = 0; n < ctx->nments; n++) {
        const qmention *L = &ctx->ments[n];
        uint32_t s = ctx->toks[L->word].sentence;
        if (s < lead)
            continue;
        if (s > lead)
            return -1;
        /* Not "Arsenal's" of "Arsenal's Edu", nor quoted words. */
        if (L->word >= ctx->nw || ctx->w[L->word].quote >= 0 || !qctx_mention_is_subject(ctx, L))
            continue;
        uint32_t c = ctx->ents[L->entity].canon;
        for (size_t m = 0; m < n && qctx_heading_at(ctx, ctx->ments[m].word); m++) {
            if (ctx->ents[ctx->ments[m].entity].canon == c)
                return may_be_person(ctx, &ctx->ents[c]) ? (int32_t)c : -1;
        }
        if (ctx->ents[c].person)
            return -1;
    }
    return -1;
}

/* "The Brazilian confirmed … at United boss Sir Alex Ferguson. "…," he
 * told …", "Reacting to a comment by X, the American said": a description
 * (a nationality, "the 25-year-old Dubliner") as the subject at word `at`
 * continues the sentence before: the person that sentence has as its
 * subject ("Roddick was left frustrated …. "…," said the American."), or
 * the article's main person (*main: named in the headline and as the
 * lead's subject) when that one is named there after it, even as an object
 * or possessor ("… impressed by Dunne's turnaround …. But the 25-year-old
 * Dubliner …"). Names in the description's own sentence before it are in
 * a fronted phrase, no subject of it. The person; -2 when the sentence
 * before names neither (the caller then tries the names the description
 * was used with, then *main); -1 when the article has no main person. */
static int32_t described_person(const qctx *ctx, const qnp *np, uint32_t at, int32_t *main)
{
    *main = -1;
    if (!ctx->sents || at >= ctx->nw)
        return -1;
    /* "Argentine David Nalbandian …. The Argentine had stoked up …": the
     * person last named with the same word before the name. */
    for (size_t m = qctx_mentions_before(ctx, at); m-- > 0;) {
        const qentity *F = &ctx->ents[ctx->ments[m].entity];
        if (F->described && ctx->keys[F->name_first] == ctx->keys[np->name_first])
            return (int32_t)F->canon;
    }
    int32_t h = headline_person(ctx);
    *main = h;
    uint32_t s = ctx->toks[at].sentence;
    if (h < 0 || s == 0 || s >= ctx->nsents)
        return -1;
    /* For a cue after a quotation that opens its sentence, the sentence
     * before is the narration before the quotation. */
    uint32_t before = ctx->w[ctx->sents[s].tok_start].quote >= 0 ? qctx_sentence_before(ctx, s)
                                                                  : s - 1;
    /* "He conceded the win …. "…," the Irishman said.": a he or she as
     * that sentence's subject (past a starter) is the person the
     * description goes on with, found as a role is. */
    uint32_t p = ctx->sents[before].tok_start;
    if (p + 1 < ctx->sents[before].tok_end &&
        (ctx->w[p].flags & (QW_STOP | QW_PREP | QW_PRON_PERSON)) == QW_STOP)
        p++;
    if (p < ctx->nw && ctx->w[p].quote < 0 && (ctx->w[p].flags & QW_PRON_PERSON)) {
        *main = -1;
        return -1;
    }
    for (size_t m = qctx_mentions_before(ctx, at); m-- > 0;) {
        const qmention *M = &ctx->ments[m];
        uint32_t ms = ctx->toks[M->word].sentence;
        if (ms < before)
            break;
        uint32_t c = ctx->ents[M->entity].canon;
        if (ms >= s)
            continue;
        if (c == (uint32_t)h)
            return h;
        /* Not the speaker a cue names in a sentence that opens with a
         * quotation ("…," said team doctor Paul Weber.). */
        if (ctx->w[M->word].quote < 0 && ctx->ents[c].person &&
            ctx->w[ctx->sents[ms].tok_start].quote < 0 && qctx_mention_is_subject(ctx, M))
            return (int32_t)c;
    }
    return -2;
}

/* "None more so than Henson, who …. The confident 23-year-old is undaunted
 * …. "…," he said.": a sentence whose subject is a role phrase with "the"
 * (a description, not a name) speaks of a person named before; a he/she
 * in the next sentence, with no person named between, is that person
 * (the names the role's sentence goes on with are no subjects). Returns
 * the person, or -1. Asked only of a person pronoun being resolved. */
static int32_t role_subject_before(qctx *ctx, const qnp *pron, uint32_t at, size_t qi)
{
    if (!ctx->sents || !(ctx->w[pron->name_first].flags & QW_PRON_PERSON) || at >= ctx->nw)
        return -1;
    uint32_t s = ctx->toks[at].sentence;
    if (s == 0 || s >= ctx->nsents)
        return -1;
    /* "The writer was known for …. "… quickly. I am never satisfied," he
     * once said.": the sentence before the quotation's. */
    if (ctx->w[ctx->sents[s].tok_start].quote >= 0) {
        s = qctx_sentence_before(ctx, s) + 1;
        if (s == 0 || s >= ctx->nsents)
            return -1;
    }
    uint32_t first = ctx->sents[s - 1].tok_start;
    /* "But the 25-year-old Dubliner underlined …": past a starter. */
    if (first + 1 < ctx->sents[s - 1].tok_end && !qctx_word_is(ctx, first, "the") &&
        (ctx->w[first].flags & (QW_STOP | QX_PUNCT | QW_PREP | QW_PRON_PERSON | QW_PRON_GROUP)) ==
            QW_STOP &&
        qctx_word_is(ctx, first + 1, "the"))
        first++;
    if (first >= ctx->nw || ctx->w[first].quote >= 0 || !qctx_word_is(ctx, first, "the") ||
        ctx->w[first].para + 1 < ctx->w[at].para)
        return -1;
    /* No person named from the role's sentence on to the pronoun but in
     * that sentence's predicate, nor a quotation closed between. */
    uint32_t from = ctx->sents[s].tok_start;
    for (size_t m = qctx_mentions_before(ctx, from); m < ctx->nments && ctx->ments[m].word < at;
         m++) {
        if (ctx->w[ctx->ments[m].word].quote < 0 &&
            ctx->ents[ctx->ents[ctx->ments[m].entity].canon].person)
            return -1;
    }
    qnp role;
    qctx_parse_np(ctx, first, ctx->sents[s - 1].tok_end, false, &role);
    /* Its verb follows: not "The head of that tribunal, X, said". A
     * description ("The Brazilian", "the 25-year-old Dubliner") is read
     * as a role by qctx_resolve_speaker(). */
    bool described =
        role.kind == NP_NAME && describes_person(ctx, &role, qctx_entity_of(ctx, &role));
    if (((role.kind != NP_ROLE || !role.person) && !described) ||
        role.end >= ctx->sents[s - 1].tok_end ||
        (ctx->w[role.end].flags &
         (QX_PUNCT | QX_POSS | QX_CAP | QX_ACRONYM | QW_PREP | QW_DET | QW_RELATIVE)))
        return -1;
    uint32_t want = qctx_word_is(ctx, pron->name_first, "she") ? QW_FEMALE : QW_MALE;
    if (role.gender && !(role.gender & want))
        return -1;
    int32_t e = qctx_resolve_speaker(ctx, &role, role.first, qi);
    if (e < 0 || !(ctx->ents[e].person || (described && may_be_person(ctx, &ctx->ents[e]))) ||
        qctx_gender_differs(ctx, &ctx->ents[e], want))
        return -1;
    return e;
}

int32_t qctx_resolve_speaker(qctx *ctx, const qnp *in, uint32_t at, size_t qi)
{
    qnp copy = *in;
    const qnp *np = &copy;
    if (np->kind == NP_NAME && np->org && np->name_end - np->name_first > 1 &&
        (qctx_wref(ctx, np->name_first)->flags & QX_ACRONYM)) {
        /* "a BBC One spokesman": a channel or branch speaks for the body
         * the article names alone ("TV Guide" is no branch of "TV"). */
        qnp body = copy;
        body.name_end = body.name_first + 1;
        int32_t e = qctx_entity_of(ctx, &body);
        if (e >= 0 && ctx->ents[e].name_n == 1 && acronym_names_body(ctx, e))
            return e;
    }
    bool described = false;
    if (np->kind == NP_NAME) {
        int32_t e = qctx_entity_of(ctx, np);
        /* "the 27-year-old Austrian said": a nationality alone after "the"
         * and a role describes a person named elsewhere, as a role does
         * (its nation id kept). */
        bool nationality = describes_person(ctx, np, e);
        described = nationality;
        /* "said the Birchfield Harrier": a capitalised description named
         * once, after "the", stands for a person like a role does. */
        /* ... unless the article names it with "The" ("The Game"), or a
         * role or spokesperson stands before it: "said the network's
         * spokesman Scott Grogin" names him. */
        if (!nationality &&
            (e < 0 || np->org || np->first == np->name_first ||
             (qctx_wref(ctx, np->name_first - 1)->flags & (QW_ROLE | QW_SOURCE)) ||
             !qctx_word_is(ctx, np->first, "the") || ctx->ents[e].count > 1 || ctx->ents[e].org ||
             ctx->ents[e].titled || ctx->keys[ctx->ents[e].name_first] == ctx->article_keys[0]))
            return e;
        copy.kind = NP_ROLE;
        copy.person = true;
        if (!nationality)
            copy.nids = 0;
    } else if (np->kind == NP_ROLE) {
        /* A nationality noun, a role too: "the Frenchwoman", "the Spaniard". */
        described = describes_person(ctx, np, -1);
    }
    int32_t main = -1;
    if (described) {
        int32_t r = described_person(ctx, np, at, &main);
        if (r >= 0)
            return r;
    }
    if (np->kind == NP_PRON) {
        int32_t r = role_subject_before(ctx, np, at, qi);
        if (r < 0)
            r = qctx_spokesperson_before(ctx, np, at, qi);
        if (r >= 0)
            return r;
    }
    uint32_t spk_at;
    int32_t spk = last_speaker(ctx, qi, &spk_at);
    int32_t e = qctx_resolve(ctx, np, at, spk, spk_at);
    if (e < 0 && np->kind == NP_ROLE && !np->person)
        e = qctx_unnamed_source(ctx, np, at, qi);
    if (described && (e < 0 || !ctx->ents[e].person)) {
        if (main >= 0)
            return main;
        e = -1; /* "the Australian" is no "Australian Open" */
    }
    if (e >= 0 || np->kind != NP_ROLE || !np->person)
        return e;
    /* Plural roles ("campaigners", "officials") are not one person. */
    const tp_token *head = &ctx->toks[np->name_first];
    if (head->end - head->start > 3 && ctx->text[head->end - 1] == 's' &&
        ctx->text[head->end - 2] != 's')
        return -1;
    /* An unnamed role ("the 21-year-old"): the person the text is about
     * (the last subject or person introduced with ", who" in the sentence
     * before, or the last person quoted), or, in a lead ("…, a
     * clergyman has said."), the first person named after. */
    size_t seen = 0;
    for (size_t m = qctx_mentions_before(ctx, at); m-- > 0 && seen < Q_LOOKBACK;) {
        const qmention *M = &ctx->ments[m];
        const qentity *E = &ctx->ents[ctx->ents[M->entity].canon];
        seen += M->word < at;
        if (M->word < at && E->person &&
            (qctx_mention_is_subject(ctx, M) || qctx_introduced_before(ctx, M, at)) &&
            !qctx_named_as_body(ctx, E))
            return spk >= 0 && spk_at > M->word ? spk : (int32_t)ctx->ents[M->entity].canon;
    }
    if (spk >= 0)
        return spk;
    for (size_t m = qctx_mentions_before(ctx, at + 1); m < ctx->nments; m++) {
        const qentity *E = &ctx->ents[ctx->ents[ctx->ments[m].entity].canon];
        if (ctx->ments[m].word > at && E->titled &&
            !qctx_mention_modifies_noun(ctx, &ctx->ments[m])) {
            if (qctx_wref(ctx, ctx->ments[m].word)->para <= qctx_wref(ctx, at)->para + 3)
                return (int32_t)ctx->ents[ctx->ments[m].entity].canon;
            break;
        }
    }
    /* Last, the person the article names most (counted once per document). */
    if (ctx->protagonist == -2) {
        ctx->protagonist = -1;
        uint32_t top_count = 0;
        for (size_t m = 0; m < ctx->nments; m++) {
            const qentity *M = &ctx->ents[ctx->ments[m].entity];
            qentity *C = &ctx->ents[M->canon];
            if (!C->person)
                continue;
            C->mentions++;
            if (C->mentions > top_count) {
                top_count = C->mentions;
                ctx->protagonist = (int32_t)M->canon;
            }
        }
    }
    return ctx->protagonist;
}

/* The first byte of quotation `q`'s words, past a quotation nested at its
 * start ("'I don't care …', …": a single mark, straight or curly). */
static unsigned char first_letter(const qctx *ctx, const qmark_quote *q)
{
    size_t s = q->start;
    if (s < q->end && ctx->text[s] == '\'')
        s++;
    else if (s + 3 <= q->end && memcmp(ctx->text + s, "\xE2\x80\x98", 3) == 0)
        s += 3;
    return s < q->end ? (unsigned char)ctx->text[s] : 0;
}

/* Whether two quotations are in one sentence with little between them. */
static bool same_sentence(const qctx *ctx, size_t a, size_t b)
{
    const qattr *A = &ctx->attr[a], *B = &ctx->attr[b];
    if (B->ob < A->ca || B->ob - A->ca > 6 || B->ob >= ctx->nw ||
        qctx_wref(ctx, A->ob)->para != qctx_wref(ctx, B->ob)->para)
        return false;
    for (uint32_t k = A->ca; k < B->ob; k++) {
        if ((qctx_wref(ctx, k)->flags & (QX_TERMINAL | QX_PARA_START)) || qctx_is_cue(ctx, k))
            return false;
    }
    return true;
}

/* Whether quotation b follows a in the same sentence (any distance). */
static bool one_sentence(const qctx *ctx, size_t a, size_t b)
{
    const qattr *A = &ctx->attr[a], *B = &ctx->attr[b];
    if (B->ob < A->ca || B->ob >= ctx->nw ||
        qctx_wref(ctx, A->ob)->para != qctx_wref(ctx, B->ob)->para)
        return false;
    for (uint32_t k = A->ca; k < B->ob; k++) {
        if (qctx_wref(ctx, k)->flags & (QX_TERMINAL | QX_PARA_START))
            return false;
    }
    return true;
}

/* Whether word `ob` is preceded in its paragraph only by a few marks a
 * layout left (a bullet, dash or colon: `: "I joined …`): it opens the
 * paragraph's first sentence. */
static bool opens_paragraph_after_marks(const qctx *ctx, uint32_t ob)
{
    uint32_t k = ob;
    while (k > 0 && ob - k < 3 && !(qctx_wref(ctx, k)->flags & QX_PARA_START) &&
           (qctx_wref(ctx, k - 1)->flags & QX_PUNCT))
        k--;
    return k < ob && (qctx_wref(ctx, k)->flags & QX_PARA_START);
}

/* Whether the first sentence of quotation `qi` speaks of someone in the
 * third person (he, she, him, her, his) or names one of the words of
 * `np`'s name: words about a person are not that person's own. */
static bool quote_speaks_of(const qctx *ctx, size_t qi, const qnp *np)
{
    const qattr *a = &ctx->attr[qi];
    uint32_t end = a->ca < a->ob + 40 ? a->ca : a->ob + 40;
    for (uint32_t k = a->ob; k < end && k < ctx->nw; k++) {
        if (qctx_wref(ctx, k)->quote != (int32_t)qi)
            continue;
        if (qctx_wref(ctx, k)->flags & QX_TERMINAL)
            break;
        if (qctx_word_is(ctx, k, "he") || qctx_word_is(ctx, k, "she") ||
            qctx_word_is(ctx, k, "him") || qctx_word_is(ctx, k, "her") ||
            qctx_word_is(ctx, k, "his"))
            return true;
        for (uint32_t n = np->name_first; n < np->name_end; n++) {
            if (ctx->keys[k] == ctx->keys[n])
                return true;
        }
    }
    return false;
}

/* The known person the clause in words [lb, hi) is about: its subject
 * (qctx_clause_subject()) when that is a name, owns nothing ("Smith's side") and
 * is followed by a comma, a dash or a lower-case word other than "and" (a
 * pair of subjects names no one speaker), and stands for a person already
 * known as one (quoted with a cue somewhere, or introduced with a title or
 * role). The entity, with its phrase in *np, or -1. */
static int32_t person_subject(qctx *ctx, uint32_t lb, uint32_t hi, size_t qi, qnp *np)
{
    *np = qctx_clause_subject(ctx, lb, hi);
    if (np->kind != NP_NAME || np->org || np->end >= hi || np->end != np->name_end)
        return -1;
    const qword *next = qctx_wref(ctx, np->end);
    if ((next->flags & (QX_CAP | QX_POSS)) ||
        ((next->flags & QX_PUNCT) && !(next->flags & (QX_COMMA | QX_DASH))) ||
        qctx_word_is(ctx, np->end, "and") || qctx_word_is(ctx, np->end, "&"))
        return -1;
    int32_t e = qctx_resolve_speaker(ctx, np, np->first, qi);
    if (e < 0)
        return -1;
    const qentity *E = &ctx->ents[e];
    if (!E->person || E->org || !(E->spoke || E->titled) || qctx_entity_is_place(ctx, E))
        return -1;
    return e;
}

/* The person a narration sentence with no cue is about (person_subject()),
 * when quotation `qi` follows it with no cue of its own: "Ruddock, though,
 * is keen to protect his players. "At this stage, …"" hands the words to
 * Ruddock; not when the quotation speaks of someone in the third person
 * (quote_speaks_of()). Returns the entity or -1. */
static int32_t narration_subject(qctx *ctx, const tp_sentence *S, size_t qi)
{
    const qattr *a = &ctx->attr[qi];
    /* A cue the rules could not read after it: not narration's to give;
     * unless the quotation ends its sentence and a new one opens after it
     * ("… way." Mauresmo completed … a single break point.), whose cue is
     * its own. */
    bool new_sentence = a->full_stop && a->ca < a->rb && (qctx_wref(ctx, a->ca)->flags & QX_CAP);
    for (uint32_t k = a->ca; k < a->rb && !new_sentence; k++) {
        if (qctx_is_cue(ctx, k))
            return -1;
    }
    qnp np;
    int32_t e = person_subject(ctx, S->tok_start, S->tok_end, qi, &np);
    if (e < 0 || quote_speaks_of(ctx, qi, &np))
        return -1;
    return e;
}

/* The speaker of a reporting verb in the sentence before word `ob` when that
 * sentence quotes nothing itself nor asks a question (same or previous
 * paragraph), or else the
 * named person that sentence is about (narration_subject()), or -1. */
static int32_t previous_sentence_speaker(qctx *ctx, uint32_t ob, size_t qi)
{
    if (!ctx->sents || ob >= ctx->nw)
        return -1;
    uint32_t s = ctx->toks[ob].sentence;
    if (s == 0 || s - 1 >= ctx->nsents)
        return -1;
    const tp_sentence *S = &ctx->sents[s - 1];
    if ((S->flags & TP_SENTF_HEADING) || S->tok_end > ctx->nw ||
        S->paragraph + 1 < qctx_wref(ctx, ob)->para)
        return -1;
    for (uint32_t k = S->tok_start; k < S->tok_end; k++) {
        if (qctx_wref(ctx, k)->quote >= 0)
            return -1;
    }
    /* A question is the writer's own ("But should we be surprised if she
     * does not feel like racing?"): it reports no one's words. */
    if (S->tok_end > S->tok_start && qctx_word_is(ctx, S->tok_end - 1, "?"))
        return -1;
    for (uint32_t c = S->tok_start; c < S->tok_end; c++) {
        if (!qctx_is_cue(ctx, c) || qctx_is_ing(ctx, c) || qctx_is_according(ctx, c))
            continue;
        qnp np = qctx_subject_left(ctx, c, S->tok_start);
        if (np.kind != NP_NONE)
            return qctx_resolve_speaker(ctx, &np, np.first, qi);
    }
    return narration_subject(ctx, S, qi);
}

int qctx_attribute(qctx *ctx)
{
    size_t nq = ctx->quotes.count;
    int32_t lead = -2; /* lead_reporter(), worked out when first asked */
    for (size_t qi = 0; qi < nq; qi++) {
        /* Zeroed by qctx_prepare(), with ob and ca from the word view. */
        qattr *a = &ctx->attr[qi];
        a->entity = -1;
        a->cue = -1;
        qctx_context_bounds(ctx, a);
        const qmark_quote *q = &ctx->quotes.items[qi];
        a->full_stop = q->end > q->start && ctx->text[q->end - 1] == '.';
    }
    /* Pass 1: cues. */
    for (size_t qi = 0; qi < nq; qi++) {
        qattr *a = &ctx->attr[qi];
        const qmark_quote *q = &ctx->quotes.items[qi];
        qfound r = {.cue = -1, .copy_from = -1}, l;
        qctx_attribute_right(ctx, a, &r);
        qfound *use = NULL;
        char last = q->end > q->start ? ctx->text[q->end - 1] : 0;
        bool framed_right = last == ',' || last == '!' || last == '?' || r.adjacent;
        if (r.ok && framed_right) {
            use = &r;
        } else {
            l = (qfound){.cue = -1, .copy_from = -1};
            qctx_attribute_left(ctx, a, (uint32_t)qi, &l);
            use = l.ok ? &l : r.ok ? &r : NULL;
        }
        if (!use)
            continue;
        a->how = HOW_CUE;
        a->cue = use->cue;
        a->cue_end = use->cue_end;
        a->adjacent = use->adjacent;
        if (use->copy_from >= 0) {
            const qattr *from = &ctx->attr[use->copy_from];
            a->entity = from->entity;
            a->has_np = false;
            /* ""…," the paper beams, adding: "…"": the quotation before
             * may find its speaker after the cues. */
            if (from->how == HOW_NONE) {
                a->how = HOW_NONE;
                a->late_copy = true;
            }
        } else {
            a->has_np = use->has_np;
            a->np = use->np;
            /* "was called "…" by the sentencing judge": an unnamed role
             * as the agent is the person it matches by role, or no one;
             * not the person the article is about, who is the passive
             * subject as often as not. */
            a->entity = use->passive && use->np.kind == NP_ROLE
                            ? qctx_resolve(ctx, &use->np, use->np.first, -1, 0)
                            : qctx_resolve_speaker(ctx, &use->np, use->np.first, qi);
        }
        if (a->entity >= 0) {
            qentity *E = &ctx->ents[a->entity];
            E->spoke = true;
            /* "She added: "…"" resolved to Karen Brady tells her gender,
             * which a later "he said" then passes over. */
            if (a->has_np && a->np.kind == NP_PRON && !E->gender && E->person &&
                (qctx_wref(ctx, a->np.name_first)->flags & QW_PRON_PERSON))
                E->gender = qctx_word_is(ctx, a->np.name_first, "she")  ? QW_FEMALE
                            : qctx_word_is(ctx, a->np.name_first, "he") ? QW_MALE
                                                                        : 0;
        }
    }
    /* Pass 2: kinds, neighbours in the sentence, the speaker before. */
    for (size_t qi = 0; qi < nq; qi++) {
        qattr *a = &ctx->attr[qi];
        const qmark_quote *q = &ctx->quotes.items[qi];
        if (qctx_is_label(ctx, qi)) {
            a->speech = false;
            a->how = HOW_NONE;
            a->entity = -1;
            continue;
        }
        if (a->how == HOW_CUE) {
            a->speech = true;
            continue;
        }
        if (a->late_copy && ctx->attr[qi - 1].entity >= 0) {
            a->speech = true;
            a->how = HOW_CHAIN;
            a->entity = ctx->attr[qi - 1].entity;
            continue;
        }
        /* Only "two or more" and "fewer than four" are asked below. */
        size_t words = qctx_count_words(ctx->text + q->start, q->end - q->start, 4);
        bool heading = qctx_heading_at(ctx, a->ob);
        if (qi > 0 && ctx->attr[qi - 1].how == HOW_CUE &&
            (same_sentence(ctx, qi - 1, qi) || (words >= 2 && one_sentence(ctx, qi - 1, qi)))) {
            a->how = HOW_CHAIN;
            a->entity = ctx->attr[qi - 1].entity;
            /* "Jones said: "…." Actor Jamie Foxx - who … - dedicated a song to
             * "old friends"": after a quotation that ends its sentence, the
             * subject of the new sentence, a known person, owns the words. */
            qnp np;
            uint32_t from = ctx->attr[qi - 1].ca;
            int32_t subject =
                qctx_quote_ends_sentence(ctx, qi - 1) && (qctx_wref(ctx, from)->flags & QX_CAP)
                    ? person_subject(ctx, from, a->ob, qi, &np)
                    : -1;
            if (subject >= 0 && np.first <= from + 1)
                a->entity = subject;
        }
        /* Not across a full stop inside the marks: "…efforts." "The main
         * choice …," added Mr Jameson. opens a new sentence and a new
         * speaker's words. */
        if (a->how == HOW_NONE && qi + 1 < nq && !a->full_stop &&
            same_sentence(ctx, qi, qi + 1) && ctx->attr[qi + 1].how == HOW_CUE) {
            a->how = HOW_CHAIN;
            a->entity = ctx->attr[qi + 1].entity;
        }
        if (a->how == HOW_CHAIN) {
            a->speech = true;
            continue;
        }
        if (heading) {
            a->speech = true;
            continue;
        }
        /* The same words quoted elsewhere with a cue (a sub-heading that
         * repeats a quotation from the body). */
        int32_t same = qctx_quoted_elsewhere(ctx, qi);
        if (same >= 0) {
            a->speech = true;
            a->how = HOW_CONTEXT;
            a->entity = ctx->attr[same].entity;
            continue;
        }
        if (words < 4) {
            a->speech = qctx_words_of_record(ctx, qi, words);
            continue;
        }
        a->speech = true;
        /* A whole sentence with no cue continues the last speaker. */
        bool opens_sentence = a->ob == a->lb ||
                              (qctx_wref(ctx, a->ob)->flags & QX_SENT_START) ||
                              opens_paragraph_after_marks(ctx, a->ob);
        unsigned char first = first_letter(ctx, q);
        if (!opens_sentence || !(first >= 'A' && first <= 'Z'))
            continue;
        /* "Hodgson told BBC Sport that … . "I just feel …"": the sentence
         * before reports the same person's words. */
        int32_t reporter = previous_sentence_speaker(ctx, a->ob, qi);
        if (reporter >= 0) {
            a->entity = reporter;
            a->how = HOW_CONTEXT;
            continue;
        }
        for (size_t k = qi; k-- > 0;) {
            const qattr *p = &ctx->attr[k];
            if (qctx_wref(ctx, a->ob)->para > qctx_wref(ctx, p->ob)->para + 3)
                break;
            if (p->speech && !qctx_heading_at(ctx, p->ob) && p->entity >= 0) {
                a->entity = p->entity;
                a->how = HOW_CONTEXT;
                break;
            }
            if (p->speech && qctx_heading_at(ctx, p->ob) && p->how == HOW_CUE && p->entity >= 0) {
                a->entity = p->entity;
                a->how = HOW_CONTEXT;
                break;
            }
        }
        /* No one to continue: the person whose account the lead
         * introduces, when no one else has been quoted. */
        if (a->entity < 0)
            qctx_give_to_lead(ctx, a, qi, &lead);
    }
    /* Pass 3: headlines without their own cue. */
    for (size_t qi = 0; qi < nq; qi++) {
        qattr *a = &ctx->attr[qi];
        /* Also a cue that names no one ("Campaigners attack MTV 'sleaze'"). */
        bool uncued = a->how == HOW_NONE;
        if (!a->speech || !(uncued || (a->how == HOW_CUE && a->entity < 0)) ||
            !qctx_heading_at(ctx, a->ob))
            continue;
        qctx_attribute_heading(ctx, qi);
        /* An uncued headline quotation of a piece that is one person's
         * account (lead_reporter()) and quotes no one else is theirs. */
        if (uncued && a->entity < 0)
            qctx_give_to_lead(ctx, a, nq, &lead);
    }
    return 0;
}
