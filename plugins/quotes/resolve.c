/* resolve.c - what attribution asks of the registered names: the entity a
 * name stands for, whether an entity is a place, where a mention stands
 * (a likely subject, leading its sentence, introduced with ", who",
 * modifying a noun), whether a number opens a stage name, and the earlier
 * entity a pronoun ("he", "they") or a role ("the minister") stands for.
 * Worked out when asked, for the few mentions resolution visits. */
#include "entities.h"
#include "context.h"
#include "np.h"

#include <string.h>

bool qctx_entity_is_place(const qctx *ctx, const qentity *E)
{
    for (uint32_t k = 0; k < E->name_n; k++) {
        if (!(ctx->w[E->name_first + k].flags & QW_NATION))
            return false;
    }
    return true;
}

/* Whether word `i` is an article or a possessive determiner ("the", "a",
 * "his", "their"): a name right after one ("the Uefa Cup", "his World
 * Junior Championship win") is seldom a person's. Not "this" or "that",
 * which may open a clause ("said that John Smith wants"). */
static bool is_article_or_possessive(const qctx *ctx, uint32_t i)
{
    if (qctx_is_article(ctx, i))
        return true;
    if ((ctx->w[i].flags & (QW_DET | QX_CAP)) != QW_DET)
        return false;
    return qctx_word_is(ctx, i, "his") || qctx_word_is(ctx, i, "her") ||
           qctx_word_is(ctx, i, "its") || qctx_word_is(ctx, i, "their") ||
           qctx_word_is(ctx, i, "our") || qctx_word_is(ctx, i, "my") ||
           qctx_word_is(ctx, i, "your");
}

/* Whether a phrase starting at `first` opens its sentence or follows a
 * quotation ("…," Trump said), where subjects stand. */
static bool is_subject(const qctx *ctx, uint32_t first)
{
    const qword *W = ctx->w;
    if (first == 0 || (W[first].flags & (QX_SENT_START | QX_PARA_START)))
        return true;
    const qword *p = &W[first - 1];
    if (p->quote >= 0)
        return true;
    if ((p->flags & QX_COMMA) && first >= 2 && W[first - 2].quote >= 0)
        return true;
    /* "However, Trump …", "But Trump …" */
    if ((p->flags & QX_COMMA) && first >= 2 && (W[first - 2].flags & QX_SENT_START) &&
        (W[first - 2].flags & QW_STOP))
        return true;
    if ((p->flags & QW_STOP) && (p->flags & QX_SENT_START) && !(p->flags & QW_PREP))
        return true;
    /* "Manchester United's Alex Ferguson has praised …", "Wales' coach
     * Mike Ruddock said" (a bare apostrophe after -s, as "-'s"). */
    if (first >= 2 && qnp_possessive_at(ctx, first - 1)) {
        uint32_t k = first - 2;
        while (k > 0 && (W[k].flags & (QX_CAP | QX_ACRONYM)) && !(W[k].flags & QX_SENT_START))
            k--;
        return (W[k].flags & QX_SENT_START) != 0;
    }
    return false;
}

size_t qctx_mentions_before(const qctx *ctx, uint32_t at)
{
    size_t lo = 0, hi = ctx->nments;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (ctx->ments[mid].word < at)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Whether word `i` is a number of one or two digits (no separators). */
static bool is_short_number(const qctx *ctx, uint32_t i)
{
    const tp_token *t = &ctx->toks[i];
    const char *s = ctx->text + t->start;
    uint32_t n = t->end - t->start;
    return t->kind == TP_TOK_NUMBER && n <= 2 && (unsigned)(s[0] - '0') < 10 &&
           (n == 1 || (unsigned)(s[1] - '0') < 10);
}

/* Whether words `k - 1` and `k` (k at least 1) are written together again
 * elsewhere in the document (compared by their keys). */
static bool pair_written_again(const qctx *ctx, uint32_t k)
{
    const uint64_t *K = ctx->keys;
    uint64_t a = K[k - 1], b = K[k];
    for (size_t j = 1; j < ctx->nw; j++) {
        if (K[j] == b && K[j - 1] == a && j != k)
            return true;
    }
    return false;
}

bool qctx_number_opens_name(const qctx *ctx, uint32_t first)
{
    const qword *W = ctx->w;
    if (first == 0 || first >= ctx->nw || !is_short_number(ctx, first - 1) ||
        W[first - 1].quote != W[first].quote || W[first - 1].para != W[first].para ||
        (W[first].flags & (QW_STOP | QX_ACRONYM)) ||
        (first >= 2 && (W[first - 2].flags & (QX_COMMA | QX_COLON))))
        return false;
    /* The pair written again: a stage name, not a date or a count. */
    return pair_written_again(ctx, first);
}

bool qctx_number_ends_name(const qctx *ctx, uint32_t last)
{
    const qword *W = ctx->w;
    uint32_t k = last + 1;
    if (k >= ctx->nw || ctx->toks[k].kind != TP_TOK_NUMBER || !(W[last].flags & QX_CAP) ||
        W[k].quote != W[last].quote || W[k].para != W[last].para)
        return false;
    const tp_token *t = &ctx->toks[k];
    const char *s = ctx->text + t->start;
    uint32_t n = t->end - t->start;
    for (uint32_t i = 0; i < n; i++) {
        if ((unsigned)(s[i] - '0') >= 10)
            return false;
    }
    /* Not a year ("in May 2005"). */
    if (n == 4 && ((s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0')))
        return false;
    /* The pair written again: a stage name, not a score or a count. */
    return pair_written_again(ctx, k);
}

bool qctx_mention_modifies_noun(const qctx *ctx, const qmention *M)
{
    uint32_t end = M->word + ctx->ents[M->entity].name_n;
    if (end == M->word + 1 || end >= ctx->nw)
        return false;
    bool after_article = M->phrase == M->word
                             ? M->phrase > 0 && is_article_or_possessive(ctx, M->phrase - 1)
                             : M->phrase + 1 == M->word && qctx_is_article(ctx, M->phrase);
    uint32_t f = ctx->w[end].flags;
    if (!after_article ||
        (f &
         (QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QNP_ENDS_PHRASE | QW_NAMING | QW_PARTICLE)) ||
        !qnp_ends_name_run(ctx->w, end, (uint32_t)ctx->nw))
        return false;
    const tp_token *t = &ctx->toks[end];
    const char *s = ctx->text + t->start;
    size_t n = t->end - t->start;
    return t->kind == TP_TOK_WORD && !(n > 3 && s[n - 2] == 'e' && s[n - 1] == 'd');
}

/* "the album Speakerboxxx/The Love Below": whether mention `M`'s phrase
 * follows a slash touching it and the word before, one title's halves: it
 * names no one. */
static bool after_slash(const qctx *ctx, const qmention *M)
{
    uint32_t p = M->phrase;
    if (p < 2 || !(ctx->w[p - 1].flags & QX_PUNCT))
        return false;
    const tp_token *t = &ctx->toks[p - 1];
    return t->end - t->start == 1 && ctx->text[t->start] == '/' &&
           ctx->toks[p - 2].end == t->start && t->end == ctx->toks[p].start;
}

/* Whether entity `e`'s fullest form is known to be a person: named with a
 * title or role, quoted, or told a gender ("Aston Villa", "New Zealand"
 * read as two name words are not). */
static bool known_person(const qctx *ctx, uint32_t e)
{
    const qentity *E = &ctx->ents[ctx->ents[e].canon];
    return E->person && (E->titled || E->spoke || E->gender);
}

/* "who will visit New Zealand in the summer", "an ancient Middle Eastern
 * language": a name right after a plain lower-case word (no stop word,
 * preposition, cue, auxiliary or pronoun: a verb, an adjective) and
 * followed by no verb (a preposition or a determiner follows; or a noun,
 * after an article and that word) is what that word acts on or describes,
 * no subject ("pathologist Dr Jane Doe said", "winner Jane Doe, who …"
 * are, as unlisted roles come before names). A time
 * phrase may stand before a subject ("last week Smith said"), so not after
 * a stop word other than an article. A known person keeps leading
 * ("… has linked Owen with a move"): the article is about them. */
static bool after_plain_word(const qctx *ctx, const qmention *M)
{
    enum {
        NOT_PLAIN = QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QW_STOP | QW_PREP | QW_CUE |
                    QW_CUE_ING | QW_DET | QW_AUX | QW_RELATIVE | QW_PRON_PERSON | QW_PRON_GROUP |
                    QW_NAMING | QW_ROLE | QW_ORG | QW_NATION | QW_SOURCE,
    };
    uint32_t phrase = M->phrase, end = M->word + ctx->ents[M->entity].name_n;
    if (phrase == 0 || end >= ctx->nw)
        return false;
    const qword *b = &ctx->w[phrase - 1];
    if ((b->flags & NOT_PLAIN) || b->quote >= 0 || b->para != ctx->w[phrase].para ||
        ctx->toks[phrase - 1].kind != TP_TOK_WORD)
        return false;
    bool article = phrase >= 2 && qctx_is_article(ctx, phrase - 2);
    if (phrase >= 2 && (ctx->w[phrase - 2].flags & QW_STOP) && !article)
        return false;
    uint32_t f = ctx->w[end].flags;
    bool object = ((f & (QW_PREP | QW_DET)) && !(f & QX_CAP)) ||
                  (article && !(f & (NOT_PLAIN & ~(QW_ROLE | QW_ORG | QW_SOURCE))));
    return object && !known_person(ctx, M->entity);
}

/* Whether mention `M` is joined by "and"/"or" to the name right before
 * it, which follows a lower-case preposition or cue. */
static bool joined_after_preposition(const qctx *ctx, const qmention *M)
{
    if (M == ctx->ments || M->phrase < 2 ||
        !(qctx_word_is(ctx, M->phrase - 1, "and") || qctx_word_is(ctx, M->phrase - 1, "or")))
        return false;
    const qmention *P = M - 1;
    const qword *pb = P->phrase > 0 ? &ctx->w[P->phrase - 1] : NULL;
    return P->word + ctx->ents[P->entity].name_n == M->phrase - 1 && pb &&
           (pb->flags & (QW_PREP | QW_CUE)) && !(pb->flags & QX_CAP);
}

/* Whether mention `M`'s phrase follows a lower-case preposition or cue
 * ("against Aston Villa", "told Rugby Special"), itself or through the
 * name it is joined to by "and"/"or": "the likes of Jonny Wilkinson and
 * Brian O'Driscoll" share the place of the first. */
static bool after_preposition(const qctx *ctx, const qmention *M)
{
    if (M->phrase == 0)
        return false;
    uint32_t f = ctx->w[M->phrase - 1].flags;
    return ((f & (QW_PREP | QW_CUE)) && !(f & QX_CAP)) || joined_after_preposition(ctx, M);
}

bool qctx_mention_may_lead(const qctx *ctx, const qmention *M)
{
    const qword *before = M->phrase > 0 ? &ctx->w[M->phrase - 1] : NULL;
    /* "held off Kenyan Susan Chepkemei", "beaten by fellow American Robby
     * Ginepri": a phrase opened by a nationality right after a lower-case
     * word that joins no clauses (no "and", "but") is what a verb acts on. */
    bool after_verb = before && (ctx->w[M->phrase].flags & QW_NATION) &&
                      !(before->flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QW_STOP));
    after_verb = after_verb || after_plain_word(ctx, M);
    if (before && !after_verb && joined_after_preposition(ctx, M))
        return false;
    return M->plain && !after_verb &&
           !(before && (before->flags & (QW_PREP | QW_CUE)) && !(before->flags & QX_CAP)) &&
           !(M->phrase == M->word && before && !(before->flags & QX_CAP) &&
             is_article_or_possessive(ctx, M->phrase - 1)) &&
           ctx->ents[ctx->ents[M->entity].canon].person && !after_slash(ctx, M);
}

/* Asked of the mentions before it in its sentence (a few), which saves a
 * pass marking every sentence's first. At most Q_LOOKBACK of them, as
 * resolution looks no further either: the mentions it asks about in turn
 * then read each other's only, however long the sentence. */
bool qctx_mention_leads(const qctx *ctx, const qmention *M)
{
    if (!qctx_mention_may_lead(ctx, M))
        return false;
    uint32_t sent = ctx->toks[M->word].sentence;
    const qmention *stop = M - ctx->ments > Q_LOOKBACK ? M - Q_LOOKBACK : ctx->ments;
    for (const qmention *P = M; P-- > stop && ctx->toks[P->word].sentence == sent;) {
        if (qctx_mention_may_lead(ctx, P))
            return false;
    }
    return true;
}

/* "… between himself, Okken and Reina but McIlroy is unfazed.": a name
 * right after a lower-case "but", its verb after it (a lower-case word, no
 * preposition, article or relative), is the subject of the clause "but"
 * opens, the last of its sentence, when known as a person ("but Villa
 * were not interested" names a club), or when a body's possessive comes
 * before a name of two words or more ("but Tennis Australia's Geoff
 * Pollard rejected …"), which names the body's person as "Manchester
 * United's Alex Ferguson" does at a sentence's start. */
static bool subject_after_but(const qctx *ctx, const qmention *M)
{
    enum {
        NO_VERB = QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QW_PREP | QW_DET | QW_RELATIVE |
                  QW_PRON_PERSON | QW_PRON_GROUP,
    };
    const qword *W = ctx->w;
    uint32_t p = M->phrase, end = M->word + ctx->ents[M->entity].name_n;
    if (p == 0 || end >= ctx->nw || (W[end].flags & NO_VERB) || W[end].quote != W[p].quote)
        return false;
    bool body = false;
    if (p >= 3 && M->phrase == M->word && ctx->ents[M->entity].name_n > 1 &&
        qnp_possessive_at(ctx, p - 1)) {
        /* Back over the body's name to the word before it. */
        uint32_t k = p - 2;
        while (k > 0 && (W[k].flags & (QX_CAP | QX_ACRONYM)) && !(W[k].flags & QX_SENT_START))
            k--;
        body = k + 2 < p && W[k].quote == W[p].quote;
        p = k + 1;
    }
    return !(W[p - 1].flags & QX_CAP) && qctx_word_is(ctx, p - 1, "but") &&
           (body ? ctx->ents[ctx->ents[M->entity].canon].person : known_person(ctx, M->entity));
}

/* "…, says Tim Dams, the news editor of …", "…," said Dementieva.": the
 * speaker of an inverted cue, right after a comma or a quotation, the
 * clause ending with the name. Not after "told", whose name is the one
 * told ("…, told Rugby Special he would …"). */
static bool subject_of_inverted_cue(const qctx *ctx, const qmention *M)
{
    const qword *W = ctx->w;
    uint32_t p = M->phrase, end = M->word + ctx->ents[M->entity].name_n;
    if (p < 2 || end >= ctx->nw || (W[p - 1].flags & (QW_CUE | QX_CAP)) != QW_CUE ||
        !(W[end].flags & QX_PUNCT) || !((W[p - 2].flags & QX_COMMA) || W[p - 2].quote >= 0))
        return false;
    return !qctx_word_is(ctx, p - 1, "told") && !qctx_word_is(ctx, p - 1, "tells") &&
           !qctx_word_is(ctx, p - 1, "tell");
}

bool qctx_mention_opens_clause(const qctx *ctx, const qmention *M)
{
    return M->plain && (is_subject(ctx, M->phrase) || subject_of_inverted_cue(ctx, M));
}

bool qctx_mention_is_subject(const qctx *ctx, const qmention *M)
{
    return qctx_mention_opens_clause(ctx, M) || (M->plain && subject_after_but(ctx, M)) ||
           qctx_mention_leads(ctx, M);
}

/* Whether entity `F` was first named right after a lower-case organisation
 * word that follows a determiner or a possessive, one plain word perhaps
 * between ("Scott's company Scott Free", "the rock band X", "his label
 * X"; not "leaving office Blair"): it is that body's name, which no
 * person's role ("the director") finds. (The name pass reads from the name,
 * where qctx_parse_np() reads such a phrase from its determiner; asked
 * only where a role resolves to the person the text is about.) */
bool qctx_named_as_body(const qctx *ctx, const qentity *F)
{
    const qword *W = ctx->w;
    uint32_t a = F->name_first;
    if (a < 2 || (W[a - 1].flags & (QW_ORG | QX_CAP | QX_ACRONYM | QX_PUNCT)) != QW_ORG ||
        W[a - 1].quote != W[a].quote || W[a - 2].quote != W[a].quote)
        return false;
    const qword *b = &W[a - 2];
    if (a >= 3 && !(b->flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QNP_ENDS_PHRASE)) &&
        b[-1].quote == W[a].quote)
        b--;
    return (b->flags & (QW_DET | QX_CAP | QX_ACRONYM | QX_PUNCT)) == QW_DET || (b->flags & QX_POSS);
}

int32_t qctx_entity_of(const qctx *ctx, const qnp *np)
{
    if (np->kind != NP_NAME)
        return -1;
    uint32_t n = np->name_end - np->name_first;
    qname_sig sig = qctx_sign_name(ctx, np->name_first, n);
    int32_t found = qctx_find_entity(ctx, np->name_first, n, sig);
    if (found >= 0)
        return (int32_t)ctx->ents[found].canon;
    int32_t best = -1;
    uint64_t bits = sig.words;
    for (size_t f = 0; f < ctx->nents; f++) {
        const qentity *F = &ctx->ents[f];
        if (F->name_n > n && !(bits & ~F->words) &&
            qctx_subsequence(ctx, np->name_first, n, F->name_first, F->name_n) &&
            (best < 0 || F->count > ctx->ents[best].count))
            best = (int32_t)f;
    }
    return best >= 0 ? (int32_t)ctx->ents[best].canon : -1;
}

/* Whether the role's head word is one of the entity's name words
 * ("the council" -> Ugandan Media Council). */
static bool head_in_name(const qctx *ctx, uint32_t head, const qentity *E)
{
    const tp_token *h = &ctx->toks[head];
    size_t n = h->end - h->start;
    for (uint32_t k = 0; k < E->name_n; k++) {
        const tp_token *x = &ctx->toks[E->name_first + k];
        if ((size_t)(x->end - x->start) != n)
            continue;
        size_t i = 0;
        while (i < n && (ctx->text[x->start + i] | 0x20) == (ctx->text[h->start + i] | 0x20))
            i++;
        if (i == n)
            return true;
    }
    return false;
}

/* The word of sentence `s` where a pronoun as its subject would stand: its
 * first word, or the second after a starter ("And he said"). */
static uint32_t sentence_subject_word(const qctx *ctx, uint32_t s)
{
    const tp_sentence *S = &ctx->sents[s];
    uint32_t p = S->tok_start;
    if (p + 1 < S->tok_end && (ctx->w[p].flags & QW_STOP) &&
        !(ctx->w[p].flags & (QW_PREP | QW_PRON_PERSON | QW_PRON_GROUP)))
        p++;
    return p;
}

uint32_t qctx_sentence_before(const qctx *ctx, uint32_t s)
{
    uint32_t f = ctx->sents[s].tok_start;
    int32_t q = f < ctx->nw ? ctx->w[f].quote : -1;
    if (q >= 0 && ctx->attr && ctx->attr[q].ob < ctx->nw) {
        uint32_t ob = ctx->attr[q].ob, qs = ctx->toks[ob].sentence;
        /* Narration before the opening mark is the sentence before. */
        if (qs < s)
            return ctx->sents[qs].tok_start == ob ? qs - 1 : qs;
    }
    return s - 1;
}

/* "And he said … - Ian Paisley. He said …": a pronoun opening its sentence
 * continues the same pronoun opening the sentence before (same paragraph or
 * the one before), so it is resolved from there, past the names that
 * sentence ends with. So does the pronoun of a cue right after a quotation
 * that opens its sentence ("She was due to play in this week's Hopman Cup
 * …. "…," she said."), from the narration before the quotation. Follows at
 * most three such links; returns the word to resolve from (`at` itself
 * when there is none). */
static uint32_t pronoun_chain_start(const qctx *ctx, uint32_t pron, uint32_t at)
{
    if (!ctx->sents || pron != at || pron >= ctx->nw)
        return at;
    uint32_t cur = pron;
    for (int links = 0; links < 3; links++) {
        uint32_t s = ctx->toks[cur].sentence;
        if (s == 0 || s >= ctx->nsents)
            break;
        if (sentence_subject_word(ctx, s) != cur) {
            int32_t q = ctx->w[ctx->sents[s].tok_start].quote;
            if (links > 0 || q < 0 || !ctx->attr || ctx->attr[q].ca != cur)
                break;
            s = qctx_sentence_before(ctx, s) + 1;
            if (s == 0 || s >= ctx->nsents)
                break;
        }
        uint32_t p = sentence_subject_word(ctx, s - 1);
        if (p >= ctx->nw || ctx->keys[p] != ctx->keys[cur] || ctx->w[p].quote >= 0 ||
            ctx->w[p].para + 1 < ctx->w[cur].para)
            break;
        cur = p;
    }
    return cur;
}

bool qctx_introduced_before(const qctx *ctx, const qmention *M, uint32_t at)
{
    uint32_t end = M->word + ctx->ents[M->entity].name_n;
    /* "for Staunton, 49, who told …": past an age. */
    if (end + 3 < ctx->nw && (ctx->w[end].flags & QX_COMMA) &&
        ctx->toks[end + 1].kind == TP_TOK_NUMBER && (ctx->w[end + 2].flags & QX_COMMA))
        end += 2;
    if (!ctx->sents || end + 1 >= ctx->nw || !(ctx->w[end].flags & QX_COMMA) ||
        !qctx_word_is(ctx, end + 1, "who"))
        return false;
    uint32_t s = ctx->toks[at].sentence;
    uint32_t ms = ctx->toks[M->word].sentence;
    /* "… for Staunton, who told …. "…," she said.": the cue right after a
     * quotation that opens its sentence follows the narration before it. */
    if (s > 0 && s < ctx->nsents && ctx->attr) {
        int32_t q = ctx->w[ctx->sents[s].tok_start].quote;
        if (q >= 0 && ctx->attr[q].ca == at) {
            s = qctx_sentence_before(ctx, s) + 1;
            at = ctx->sents[s].tok_start;
        }
    }
    /* A role phrase opens with its article ("The 14-year-old"), which
     * sentence_subject_word() passes over as a starter. */
    if (s == 0 || s >= ctx->nsents || ms + 1 != s ||
        (sentence_subject_word(ctx, s) != at && ctx->sents[s].tok_start != at))
        return false;
    for (const qmention *P = M; P-- > ctx->ments && ctx->toks[P->word].sentence == ms;) {
        if (ctx->ents[ctx->ents[P->entity].canon].person)
            return false;
    }
    return true;
}

/* Whether a lower-case word before a word at `i` qualifies it: no
 * article, preposition, verb or punctuation ("top" of "the top seed",
 * "seventh" of "seventh seed Feliciano Lopez"). Returns that word's key, or
 * 0. */
static uint64_t qualifier_before(const qctx *ctx, uint32_t i)
{
    enum {
        NO_QUALIFIER = QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QW_DET | QW_PREP | QW_CUE |
                       QW_CUE_ING | QW_AUX | QW_RELATIVE | QW_PRON_PERSON | QW_PRON_GROUP,
    };
    if (i == 0 || (ctx->w[i - 1].flags & NO_QUALIFIER) || ctx->w[i - 1].quote != ctx->w[i].quote)
        return 0;
    return ctx->keys[i - 1];
}

/* Whether role phrase `np` ("the top seed") and mention `M`'s phrase
 * ("seventh seed Feliciano Lopez") open with the same role word qualified
 * by different words: different ranks or kinds of it, so different people
 * (also "the new coach" and "former coach X"). */
static bool ranks_differ(const qctx *ctx, const qnp *np, const qmention *M)
{
    if (ctx->keys[M->phrase] != ctx->keys[np->name_first])
        return false;
    uint64_t a = qualifier_before(ctx, np->name_first);
    uint64_t b = qualifier_before(ctx, M->phrase);
    return a && b && a != b;
}

/* Whether mention `M` is followed by a reporting verb ("Universal said
 * …"): a name that is no person's and says something speaks for a body,
 * which a later "they" or "it" means before a body only mentioned. */
static bool reports(const qctx *ctx, const qmention *M)
{
    uint32_t next = M->word + ctx->ents[M->entity].name_n;
    return next < ctx->nw && (ctx->w[next].flags & (QW_CUE | QW_CUE_ING | QX_CAP)) == QW_CUE;
}

static bool word_in(const qctx *ctx, uint32_t i, const char *const *list, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (qctx_word_is(ctx, i, list[k]))
            return true;
    }
    return false;
}

bool qctx_is_staff_word(const qctx *ctx, uint32_t i)
{
    static const char *const staff[] = {"organisers", "organizers", "judges", "jury"};
    return word_in(ctx, i, staff, sizeof staff / sizeof staff[0]);
}

/* Words that mark a publication beside its name ("Spanish daily ABC",
 * "the Q magazine poll") or in it ("Daily Mail"), and that "the paper"
 * stands for. */
bool qctx_is_press_word(const qctx *ctx, uint32_t i)
{
    static const char *const press[] = {"paper", "newspaper", "magazine", "daily", "tabloid",
                                        "weekly"};
    return word_in(ctx, i, press, sizeof press / sizeof press[0]);
}

/* Whether mention `M` names a publication: a press word right before or
 * after it, or in its name. */
static bool names_publication(const qctx *ctx, const qmention *M)
{
    uint32_t n = ctx->ents[M->entity].name_n;
    if ((M->word > 0 && qctx_is_press_word(ctx, M->word - 1)) ||
        qctx_is_press_word(ctx, M->word + n))
        return true;
    for (uint32_t k = 0; k < n; k++) {
        if (qctx_is_press_word(ctx, M->word + k))
            return true;
    }
    return false;
}

/* Whether entity `c` (a canonical one) is a publication: some mention of
 * it names one. */
static bool is_publication(const qctx *ctx, uint32_t c)
{
    for (size_t m = 0; m < ctx->nments; m++) {
        const qmention *M = &ctx->ments[m];
        if (ctx->ents[M->entity].canon == c && names_publication(ctx, M))
            return true;
    }
    return false;
}

/* The event words, then the words that end no person's name besides:
 * "Qatar Open", "Fields Medal". */
static const char *const event_words[QCTX_NEVENT_WORDS + QCTX_NNO_PERSON_WORDS] = {
    "award",      "awards",     "cup",      "championship", "championships", "ceremony",
    "competition", "contest",   "festival", "festivals",    "games",         "marathon",
    "olympics",   "prize",      "prizes",   "premiership",  "tournament",    "trophy",
    "medal",      "open"};

void qctx_init_event_keys(qctx *ctx)
{
    ctx->event_lo = ctx->event_mid = ctx->event_hi = 0;
    for (size_t k = 0; k < QCTX_NEVENT_WORDS + QCTX_NNO_PERSON_WORDS; k++) {
        uint64_t key = tp_word_key(event_words[k], strlen(event_words[k]));
        ctx->event_keys[k] = key;
        ctx->event_lo |= 1ull << (key & 63);
        ctx->event_mid |= 1ull << ((key >> 29) & 63);
        ctx->event_hi |= 1ull << (key >> 58);
    }
}

/* Whether word `i` is one of the first `n` words of event_words[], asked of
 * its key: the filter turns most words away without a look at the list, as
 * it is asked of every word of the names a pronoun's resolution visits and
 * of the last word of every name. */
static bool event_key_in(const qctx *ctx, uint32_t i, size_t n)
{
    if (!qctx_maybe_event_word(ctx, i))
        return false;
    uint64_t key = ctx->keys[i];
    for (size_t k = 0; k < n; k++) {
        if (ctx->event_keys[k] == key)
            return true;
    }
    return false;
}

bool qctx_is_event_word(const qctx *ctx, uint32_t i)
{
    return event_key_in(ctx, i, QCTX_NEVENT_WORDS);
}

bool qctx_is_prize_word(const qctx *ctx, uint32_t i)
{
    static const char *const prize[] = {"award", "awards", "prize", "prizes", "trophy", "medal"};
    return word_in(ctx, i, prize, sizeof prize / sizeof prize[0]);
}

bool qctx_ends_no_person(const qctx *ctx, uint32_t i)
{
    return event_key_in(ctx, i, QCTX_NEVENT_WORDS + QCTX_NNO_PERSON_WORDS);
}

bool qctx_names_event(const qctx *ctx, const qentity *E)
{
    for (uint32_t k = 0; k < E->name_n; k++) {
        if (qctx_is_event_word(ctx, E->name_first + k))
            return true;
    }
    return false;
}

/* "Spanish daily ABC accuses … . "…," the paper says.": "the paper" (the
 * newspaper, the magazine) is the last publication named before word `at`,
 * or the last name of no person, body or place that reports something in
 * the body ("Marca criticises …"), as papers in a press review do. */
static int32_t press_body(const qctx *ctx, uint32_t at)
{
    size_t seen = 0;
    for (size_t m = qctx_mentions_before(ctx, at); m-- > 0 && seen < Q_LOOKBACK;) {
        const qmention *M = &ctx->ments[m];
        if (M->word >= at)
            continue;
        seen++;
        if (ctx->w[M->word].para + 3 < ctx->w[at].para)
            break;
        uint32_t c = ctx->ents[M->entity].canon;
        const qentity *E = &ctx->ents[c];
        if (E->person || qctx_entity_is_place(ctx, E))
            continue;
        if (is_publication(ctx, c))
            return (int32_t)c;
        uint32_t s = ctx->toks[M->word].sentence;
        if (!E->org && reports(ctx, M) &&
            !(ctx->sents && s < ctx->nsents && (ctx->sents[s].flags & TP_SENTF_HEADING)))
            return (int32_t)c;
    }
    return -1;
}

/* Whether entity `S` is a short form of event or prize `E` as the article
 * writes it: E's first words, fewer of them, naming no event, person or
 * place ("Whitbread" of "Whitbread Prize"; not "Berlin" of "Berlin Film
 * Festival"). */
static bool short_form_of(const qctx *ctx, const qentity *S, const qentity *E)
{
    return S->name_n < E->name_n && ctx->keys[S->name_first] == ctx->keys[E->name_first] &&
           !S->person && qctx_same_words(ctx, S->name_first, E->name_first, S->name_n) &&
           !qctx_names_event(ctx, S) && !qctx_entity_is_place(ctx, S);
}

/* Whether mention `M` writes its name alone as a thing's, not as a word
 * describing a noun: a punctuation mark follows it, or a lower-case event
 * word, one lower-case word at most between ("the Whitbread.", "the
 * Whitbread prize", "Whitbread novel prize"; not "Whitbread chairman"). */
static bool written_alone(const qctx *ctx, const qmention *M)
{
    uint32_t next = M->word + ctx->ents[M->entity].name_n;
    if (next >= ctx->nw || qnp_possessive_at(ctx, next))
        return false;
    if (ctx->w[next].flags & QX_PUNCT)
        return true;
    for (uint32_t k = next; k < next + 2 && k < ctx->nw; k++) {
        if (ctx->w[k].flags & (QX_CAP | QX_PUNCT | QW_STOP))
            return false;
        if (qctx_is_event_word(ctx, k))
            return true;
    }
    return false;
}

/* "the Whitbread Novel of the Year Award": a prize's name the name pass
 * reads as two, a name, "of the", then a name ending in a prize word
 * (mention `m`): the entity of the name before "of the", or -1. Asked only
 * of the events organisers or judges may speak for. */
static int32_t prize_named_before(const qctx *ctx, size_t m)
{
    const qmention *M = &ctx->ments[m];
    uint32_t n = ctx->ents[M->entity].name_n;
    if (m == 0 || M->word < 3 || !qctx_is_prize_word(ctx, M->word + n - 1))
        return -1;
    const qmention *P = M - 1;
    uint32_t of = M->word - 2;
    if (P->word + ctx->ents[P->entity].name_n != of || (ctx->w[of].flags & QX_CAP) ||
        !qctx_word_is(ctx, of, "of") || !qctx_word_is(ctx, of + 1, "the"))
        return -1;
    return (int32_t)P->entity;
}

/* "… at the Berlin Film Festival. … "…," organisers said.": the people who
 * run an event or award ("organisers", "judges", "the jury") speak for the
 * one the article is about: of the events named before word `at` (a name
 * holding festival, awards, prize, …), the one named most, its short forms
 * counted ("the Whitbread" for "the Whitbread Prize"), the first on a tie.
 * It is named by the short form the article writes alone, if any ("the
 * Whitbread"), as a prize's judges speak for the prize the article calls
 * so, else by its name; a prize's name read in two ("the Whitbread Novel
 * of the Year Award") has none but that short form. */
static int32_t event_body(const qctx *ctx, uint32_t at)
{
    int32_t best = -1, best_short = -1;
    uint32_t best_n = 0;
    size_t end = qctx_mentions_before(ctx, at);
    for (size_t m = 0; m < end; m++) {
        uint32_t c = ctx->ents[ctx->ments[m].entity].canon;
        const qentity *E = &ctx->ents[c];
        if (E->person || (int32_t)c == best)
            continue;
        if (!qctx_names_event(ctx, E))
            continue;
        int32_t head = prize_named_before(ctx, m);
        const qentity *L = head >= 0 ? &ctx->ents[head] : E;
        uint32_t head_c = head >= 0 ? ctx->ents[head].canon : c;
        uint32_t n = 0;
        int32_t short_form = -1;
        for (size_t j = 0; j < ctx->nments; j++) {
            const qmention *M = &ctx->ments[j];
            const qentity *R = &ctx->ents[M->entity];
            bool is_short = short_form_of(ctx, R, L);
            if (R->canon != c && R->canon != head_c && !is_short &&
                !short_form_of(ctx, &ctx->ents[R->canon], L))
                continue;
            n += j < end;
            if (is_short && short_form < 0 && written_alone(ctx, M))
                short_form = (int32_t)M->entity;
        }
        if (n > best_n) {
            best_n = n;
            best = head >= 0 ? -1 : (int32_t)c;
            best_short = short_form;
        }
    }
    return best_short >= 0 ? best_short : best;
}

/* "Of Hepburn, she said", "Asked about Smith, he said", "After beating
 * Roddick, he said": the comma that ends a phrase fronted before he/she
 * `pron` in its own clause, the phrase opening the sentence after at
 * least one word and holding no punctuation or quotation; ctx->nw when
 * there is none. A name that ends such a phrase is no one the pronoun
 * means. */
static uint32_t fronted_phrase_end(const qctx *ctx, uint32_t pron)
{
    if (!ctx->sents || pron < 3 || pron >= ctx->nw || !(ctx->w[pron - 1].flags & QX_COMMA))
        return (uint32_t)ctx->nw;
    uint32_t s = ctx->toks[pron].sentence;
    if (s >= ctx->nsents || ctx->sents[s].tok_start + 2 > pron - 1)
        return (uint32_t)ctx->nw;
    for (uint32_t k = ctx->sents[s].tok_start; k < pron - 1; k++) {
        if ((ctx->w[k].flags & QX_PUNCT) || ctx->w[k].quote >= 0)
            return (uint32_t)ctx->nw;
    }
    return pron - 1;
}

int32_t qctx_resolve(const qctx *ctx, const qnp *np, uint32_t at, int32_t speaker,
                     uint32_t speaker_at)
{
    const qword *W = ctx->w;
    if (np->kind == NP_PRON) {
        bool person = W[np->name_first].flags & QW_PRON_PERSON;
        if (person)
            at = pronoun_chain_start(ctx, np->name_first, at);
        int32_t any = -1;
        bool any_after_prep = false;
        size_t seen = 0;
        /* "she" is not a man named with Mr, nor "he" a woman: neither a
         * mention nor the last person quoted, whom "she said" would
         * otherwise continue ("Mr Prater's sentiments were echoed by
         * Christine Rush … "…," she said."). */
        uint32_t want = qctx_word_is(ctx, np->name_first, "she") ? QW_FEMALE : QW_MALE;
        bool speaker_fits =
            speaker >= 0 && !qctx_gender_differs(ctx, &ctx->ents[speaker], want);
        uint32_t fronted = person ? fronted_phrase_end(ctx, np->name_first) : (uint32_t)ctx->nw;
        for (size_t m = qctx_mentions_before(ctx, at); m-- > 0 && seen < Q_LOOKBACK;) {
            const qmention *M = &ctx->ments[m];
            if (M->word >= at)
                continue;
            if (fronted < ctx->nw && M->word + ctx->ents[M->entity].name_n == fronted &&
                M->phrase > ctx->sents[ctx->toks[fronted].sentence].tok_start)
                continue;
            seen++;
            uint32_t c = ctx->ents[M->entity].canon;
            const qentity *E = &ctx->ents[c];
            bool fits =
                person
                    ? (E->person || (E->spoke && !E->org && !qctx_entity_is_place(ctx, E)))
                    : (E->org || qctx_entity_is_place(ctx, E) ||
                       (!E->person && (reports(ctx, M) || names_publication(ctx, M))));
            if (person && fits && qctx_gender_differs(ctx, E, want))
                fits = false;
            if (person && fits && (qctx_mention_modifies_noun(ctx, M) || after_slash(ctx, M)))
                fits = false;
            /* "…, director of the sister event, the Bangkok Film Market":
             * a name of several words after a lower-case article is a
             * thing's, which no "he" or "she" means. */
            if (person && fits && M->phrase == M->word && ctx->ents[M->entity].name_n > 1 &&
                M->phrase > 0 && (W[M->phrase - 1].flags & QX_CAP) == 0 &&
                qctx_is_article(ctx, M->phrase - 1))
                fits = false;
            if (!fits)
                continue;
            if (person && speaker_fits && speaker_at > M->word)
                return speaker; /* quoted since that mention */
            /* "She was due to play in this week's Hopman Cup": an event
             * is no one a he or she means, unless known as a person
             * (asked after the test above, which any mention before it
             * would pass too). */
            if (person && !known_person(ctx, c) && qctx_names_event(ctx, E))
                continue;
            if (!person || qctx_mention_is_subject(ctx, M) || qctx_introduced_before(ctx, M, at))
                return (int32_t)c;
            /* Failing a subject, the last person named, one after a
             * preposition last ("…, but good displays against West Brom
             * and Aston Villa have impressed Blues fans."). */
            if (any < 0 || (any_after_prep && !after_preposition(ctx, M))) {
                any_after_prep = any < 0 && after_preposition(ctx, M);
                any = (int32_t)c;
            }
            /* Look back at most two paragraphs for a subject. */
            if (W[M->word].para + 2 < W[at].para)
                break;
        }
        if (person && speaker_fits)
            return speaker;
        return any;
    }
    if (np->kind != NP_ROLE)
        return -1;
    int32_t best = -1;
    int best_score = 0;
    size_t seen = 0;
    for (size_t m = qctx_mentions_before(ctx, at); m-- > 0 && seen < Q_LOOKBACK;) {
        if (ctx->ments[m].word >= at)
            continue;
        seen++;
        uint32_t raw = ctx->ments[m].entity;
        uint32_t c = ctx->ents[raw].canon;
        const qentity *E = &ctx->ents[c];
        /* A person's role never scores a body, a role of no person never a
         * person (the tests below would zero the score): skipped before
         * the name is read. */
        if (np->person ? E->org : E->person)
            continue;
        int score = 0;
        for (uint8_t i = 0; i < np->nids; i++) {
            for (uint8_t k = 0; k < E->nids; k++) {
                /* A nationality tells people apart better than a job does
                 * ("the American leader" among several leaders). */
                if (np->ids[i] == E->ids[k])
                    score += (np->ids[i] & QLEX_NATION_ID) ? 3 : 2;
            }
        }
        /* The mention's own form is read too when it is a shorter one. */
        if (head_in_name(ctx, np->name_first, E) ||
            (raw != c && head_in_name(ctx, np->name_first, &ctx->ents[raw])))
            score += 3;
        if (np->person && score > 0 && qctx_mention_modifies_noun(ctx, &ctx->ments[m]))
            score = 0;
        if (score > 0 && ranks_differ(ctx, np, &ctx->ments[m]))
            score = 0;
        if (score >= 2 && E->spoke)
            score += 1;
        if (score >= 2 && W[ctx->ments[m].word].para == W[at].para)
            score += 1;
        /* Mentions are walked newest first: ties go to the most recent. */
        if (score > best_score) {
            best_score = score;
            best = (int32_t)c;
        }
    }
    if (best < 0 && !np->person && qctx_is_press_word(ctx, np->name_first) &&
        np->first < np->name_first && qctx_word_is(ctx, np->first, "the"))
        best = press_body(ctx, at);
    if (best < 0 && !np->person && qctx_is_staff_word(ctx, np->name_first))
        best = event_body(ctx, at);
    return best;
}
