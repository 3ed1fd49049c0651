/* attrib.c - who said each quotation, and whether it is speech at all.
 *
 * Order of evidence: a cue verb framing the quotation ("…," Trump said /
 * Trump told reporters: "…" / according to …), then a neighbouring quotation
 * in the same sentence, then (for whole-sentence quotations) the speaker of
 * the quotation before it. Headline quotations borrow the speaker of the
 * same words in the body. */
#include "context.h"
#include "np.h"

#include <string.h>

#include <tpipe/error.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define CONTEXT_WORDS 45

/* Word `i` of the document. */
static const qword *wref(const qctx *ctx, uint32_t i)
{
    return &ctx->w[i];
}

static inline bool is_according(const qctx *ctx, uint32_t i)
{
    return qctx_word_is(ctx, i, "according") && qctx_word_is(ctx, i + 1, "to");
}

/* A reporting verb used as a verb: lower case, not after a determiner; or
 * "according to". Inline, the word's classes first: the rules ask this of
 * every word of a context, and few are verbs. */
static inline __attribute__((always_inline)) bool is_cue(const qctx *ctx, uint32_t i)
{
    const qword *w = wref(ctx, i);
    if (!(w->flags & QW_CUE) || (w->flags & QX_CAP))
        return is_according(ctx, i);
    if (is_according(ctx, i))
        return true;
    if (i > 0 && (wref(ctx, i - 1)->flags & QW_DET) && !(wref(ctx, i - 1)->flags & QW_PRON_GROUP))
        return false;
    return true;
}

static bool is_passive_aux(const qctx *ctx, uint32_t i)
{
    return qctx_word_is(ctx, i, "was") || qctx_word_is(ctx, i, "were") ||
           qctx_word_is(ctx, i, "is") || qctx_word_is(ctx, i, "are") ||
           qctx_word_is(ctx, i, "been") || qctx_word_is(ctx, i, "be") ||
           qctx_word_is(ctx, i, "being");
}

static bool is_ing(const qctx *ctx, uint32_t i)
{
    return (wref(ctx, i)->flags & QW_CUE_ING) != 0;
}

/* The first word from `lo` on from which a phrase may reach word `e`: a
 * phrase stays in its quotation and reads past no punctuation but a
 * possessive ("the council's ruling"), so the starts before the last such
 * word up to `e` need no parsing. */
static uint32_t first_start_reaching(const qctx *ctx, uint32_t e, uint32_t lo)
{
    int32_t quote = ctx->w[e].quote;
    uint32_t s = e + 1;
    while (s > lo) {
        const qword *w = &ctx->w[s - 1];
        if (w->quote != quote || ((w->flags & (QX_PUNCT | QX_POSS)) == QX_PUNCT &&
                                  !(s >= 2 && qnp_possessive_at(ctx, s - 1))))
            break;
        s--;
    }
    return s;
}

/* The phrase naming someone that ends with word `e` (inclusive). */
static qnp np_ending_at(const qctx *ctx, uint32_t e, uint32_t lb)
{
    qnp none = {.kind = NP_NONE};
    uint32_t s = first_start_reaching(ctx, e, e >= lb + 11 ? e - 11 : lb);
    for (; s <= e; s++) {
        if (qnp_opens_no_phrase(ctx->w, s, e + 1))
            continue;
        qnp np;
        qctx_parse_np(ctx, s, e + 1, true, &np);
        if (np.kind != NP_NONE && np.end == e + 1)
            return np;
    }
    return none;
}

/* Whether word `i` is a lower-case word ending in -ly outside quotations
 * ("repeatedly"), read off its bytes: only skip_aux_left asks, so the word
 * view does not work it out for every word. */
static bool is_ly_word(const qctx *ctx, uint32_t i)
{
    const tp_token *t = &ctx->toks[i];
    const char *s = ctx->text;
    return t->kind == TP_TOK_WORD && !(ctx->w[i].flags & QX_CAP) && ctx->w[i].quote < 0 &&
           t->end - t->start > 3 && s[t->end - 1] == 'y' && s[t->end - 2] == 'l';
}

/* Whether word `e` is a capitalised month or day ("May"), which is no
 * auxiliary to skip: a surname before a cue ("Brian May said"). */
static bool is_calendar_name(const qctx *ctx, uint32_t e)
{
    return (wref(ctx, e)->flags & (QW_CALENDAR | QX_CAP | QX_ACRONYM)) == (QW_CALENDAR | QX_CAP);
}

static uint32_t skip_aux_left(const qctx *ctx, uint32_t e, uint32_t lb)
{
    while (e > lb && ((wref(ctx, e)->flags & QW_AUX) || is_ly_word(ctx, e)) &&
           !(wref(ctx, e)->flags & (QW_PRON_PERSON | QW_PRON_GROUP)) && !is_calendar_name(ctx, e))
        e--;
    return e;
}

/* "…," May said / May wrote: a month or day word alone right before the
 * cue at `c`, opening its clause (after punctuation or at `lb`: not "in
 * May"), is a surname, which no name run may begin with. */
static bool calendar_subject(const qctx *ctx, uint32_t c, uint32_t lb, qnp *np)
{
    uint32_t e = c - 1;
    if (!is_calendar_name(ctx, e) || (e > lb && !(wref(ctx, e - 1)->flags & QX_PUNCT)) ||
        wref(ctx, e)->quote != wref(ctx, c)->quote)
        return false;
    *np = (qnp){
        .kind = NP_NAME, .first = e, .end = c, .name_first = e, .name_end = c, .person = true};
    return true;
}

/* Word `e` or, when it closes a parenthesis ("The Football Association
 * (FA) said"), the word before the parenthesis. */
static uint32_t skip_parenthesis(const qctx *ctx, uint32_t e, uint32_t lb)
{
    if (!qctx_word_is(ctx, e, ")"))
        return e;
    uint32_t k = e;
    while (k > lb && !qctx_word_is(ctx, k, "("))
        k--;
    return k > lb ? k - 1 : e;
}

/* The subject of the cue at `c`: the phrase before it, past adverbs,
 * auxiliaries, an appositive or relative clause between commas, and a
 * prepositional phrase ("David Kim of The Stimson Center told"). */
static qnp subject_left(const qctx *ctx, uint32_t c, uint32_t lb)
{
    qnp none = {.kind = NP_NONE};
    if (c <= lb)
        return none;
    qnp cal;
    if (calendar_subject(ctx, c, lb, &cal))
        return cal;
    uint32_t e = skip_aux_left(ctx, c - 1, lb);
    if (qctx_word_is(ctx, e, "to") && e > lb) {
        /* "The England coach went on to claim": back over the verb chain. */
        uint32_t stop = e > lb + 3 ? e - 3 : lb;
        e--;
        while (e > stop && !(wref(ctx, e)->flags & (QX_PUNCT | QX_CAP | QW_DET | QW_ROLE |
                                                   QW_PRON_PERSON | QW_PRON_GROUP | QW_ORG)))
            e--;
    }
    e = skip_parenthesis(ctx, e, lb);
    if ((wref(ctx, e)->flags & QW_RELATIVE) && e >= lb + 2 &&
        (wref(ctx, e - 1)->flags & QX_COMMA)) {
        e -= 2; /* "the producer Quincy Jones, who described …" */
        /* "says King, 30, who describes …": past the age, to its name. */
        if (e >= lb + 2 && ctx->toks[e].kind == TP_TOK_NUMBER &&
            (wref(ctx, e - 1)->flags & QX_COMMA))
            e -= 2;
    }
    if (wref(ctx, e)->flags & QX_COMMA) {
        uint32_t k = e;
        uint32_t stop = e > lb + 20 ? e - 20 : lb;
        /* A relative clause set off by commas ("The actor, whose films
         * include Schindler's List, Michael Collins and Ray, said") is
         * skipped whole, commas inside it included: the subject is the
         * phrase before its opening comma, never a name inside it. */
        for (uint32_t r = e; r > stop + 1 && !(wref(ctx, r - 1)->flags & QX_TERMINAL); r--) {
            if ((wref(ctx, r)->flags & QW_RELATIVE) && (wref(ctx, r - 1)->flags & QX_COMMA)) {
                k = r;
                break;
            }
        }
        while (k > stop && !(wref(ctx, k - 1)->flags & (QX_COMMA | QX_TERMINAL)))
            k--;
        if (k <= lb || !(wref(ctx, k - 1)->flags & QX_COMMA))
            return none;
        qnp appos;
        qctx_parse_np(ctx, k, e, true, &appos);
        if (appos.kind == NP_NAME && appos.end == e)
            return appos;
        if (k < 2 + lb)
            return none;
        e = skip_parenthesis(ctx, skip_aux_left(ctx, k - 2, lb), lb);
    }
    if (wref(ctx, e)->flags & (QW_PRON_PERSON | QW_PRON_GROUP)) {
        qnp np = {.kind = NP_PRON, .first = e, .end = e + 1, .name_first = e, .name_end = e + 1};
        return np;
    }
    qnp np = np_ending_at(ctx, e, lb);
    for (int hops = 0; hops < 3 && np.kind != NP_NONE && np.first >= lb + 2; hops++) {
        if ((qctx_word_is(ctx, np.first - 1, "and") || qctx_word_is(ctx, np.first - 1, "&")) &&
            np.kind == NP_NAME) {
            /* "The star of Rain Man and Tootsie": the first of the pair. */
            qnp before = np_ending_at(ctx, np.first - 2, lb);
            if (before.kind == NP_NONE)
                break;
            np = before;
            continue;
        }
        if (!(wref(ctx, np.first - 1)->flags & QW_PREP))
            break;
        qnp before = np_ending_at(ctx, np.first - 2, lb);
        if (before.kind == NP_NONE)
            break;
        np = before;
    }
    return np;
}

/* Whether word `j` (below `c`) opens a fronted participle clause: a
 * capitalised -ing word opening its sentence, followed by a lower-case
 * preposition or determiner ("Shivering in a long dress, the actress
 * joked"). Not a name: in the 897 BBC articles 30-odd sentences open so,
 * and none with a name ending in -ing (Manning, Reading, Beijing are
 * followed by a verb or a name there). */
static bool opens_participle_clause(const qctx *ctx, uint32_t j, uint32_t c)
{
    const qword *w = wref(ctx, j);
    if ((w->flags & (QX_CAP | QX_ACRONYM | QX_SENT_START)) != (QX_CAP | QX_SENT_START) ||
        j + 1 >= c)
        return false;
    const tp_token *t = &ctx->toks[j];
    const char *s = ctx->text + t->start;
    size_t n = t->end - t->start;
    uint32_t next = wref(ctx, j + 1)->flags;
    return n > 5 && memcmp(s + n - 3, "ing", 3) == 0 && (next & (QW_PREP | QW_DET)) &&
           !(next & (QX_CAP | QX_PUNCT)) && wref(ctx, j + 1)->quote == w->quote;
}

/* The first naming phrase of the clause [lb, c): the sentence's subject. */
static qnp clause_subject(const qctx *ctx, uint32_t lb, uint32_t c)
{
    qnp none = {.kind = NP_NONE};
    uint32_t j = lb;
    while (j < c) {
        const qword *w = wref(ctx, j);
        bool participle = opens_participle_clause(ctx, j, c);
        if (((w->flags & (QW_PREP | QW_STOP)) &&
             !(w->flags & (QW_DET | QW_PRON_PERSON | QW_PRON_GROUP))) ||
            participle) {
            /* A fronted phrase ("In China, ...", "Shivering in the cold,
             * ..."): skip to its comma. */
            uint32_t k = j;
            while (k < c && !(wref(ctx, k)->flags & QX_COMMA))
                k++;
            if (k < c && ((w->flags & QW_PREP) || participle)) {
                j = k + 1;
                continue;
            }
            j++;
            continue;
        }
        if (w->flags & QX_PUNCT) {
            j++;
            continue;
        }
        qnp np;
        qctx_parse_np(ctx, j, c, true, &np);
        if (np.kind != NP_NONE) {
            if (j > lb && (wref(ctx, j - 1)->flags & QW_PREP)) {
                j = np.end;
                continue;
            }
            return np;
        }
        j++;
    }
    return none;
}

/* Whether the words of quotation `qi` end their sentence ("…there.") */
static bool ends_sentence(const qctx *ctx, size_t qi)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    char c = q->end > q->start ? ctx->text[q->end - 1] : 0;
    return c == '.' || c == '!' || c == '?';
}

/* The source after "according to": "media and PR strategist Glen Yearwood". */
static qnp according_np(const qctx *ctx, uint32_t i, uint32_t hi)
{
    /* The last name before the phrase ends: "media and PR strategist Glen
     * Yearwood, who …" is Glen Yearwood. */
    qnp best = {.kind = NP_NONE};
    for (uint32_t k = i; k < hi && k < i + 10;) {
        if (wref(ctx, k)->flags & (QX_COMMA | QX_TERMINAL | QW_RELATIVE))
            break;
        qnp np;
        qctx_parse_np(ctx, k, hi, true, &np);
        if (np.kind == NP_NONE) {
            k++;
            continue;
        }
        bool located = k > i && (wref(ctx, k - 1)->flags & QW_PREP); /* "… in the US" */
        if ((np.kind == NP_NAME && !located) || np.kind == NP_PRON || best.kind == NP_NONE)
            best = np;
        k = np.end > k ? np.end : k + 1;
    }
    return best;
}

/* What a cue rule found. attribute_right() and attribute_left() fill in the
 * one their caller zeroes (cue and copy_from -1): a qnp is too big to hand
 * back by value once a rule and again a quotation. */
typedef struct found {
    bool ok;
    qnp np;
    bool has_np;
    int32_t cue;
    uint32_t cue_end;
    bool adjacent;
    int32_t copy_from; /* take the speaker of this quotation */
} found;

static void set_cue(const qctx *ctx, found *f, uint32_t c)
{
    f->cue = (int32_t)c;
    f->cue_end = c + (is_according(ctx, c) ? 2 : 1);
}

/* Whether the name `np`, the subject of a cue after a quotation opening at
 * word `i`, follows an article and one or two lower-case words that
 * describe the person: "…," a tearful Claxton told … . */
static bool described_name(const qctx *ctx, uint32_t i, const qnp *np)
{
    if (np->kind != NP_NAME || np->org || np->first < i + 2 || np->first > i + 3 ||
        !qctx_is_article(ctx, i))
        return false;
    for (uint32_t k = i + 1; k < np->first; k++) {
        if (wref(ctx, k)->flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QNP_ENDS_PHRASE))
            return false;
    }
    return true;
}

/* "…," said the festival's director, Craig Prater. / said one of their
 * lawyers, Michalis Dimitrakopoulos.: a person's role (`np`, read at word
 * `at` after the cue), a comma, then the name in apposition, which ends the
 * clause: the name is the speaker. Updates *np and returns true when so. */
static bool name_in_apposition(const qctx *ctx, uint32_t at, uint32_t rb, qnp *np)
{
    uint32_t comma = at;
    if (np->kind == NP_ROLE && np->person) {
        comma = np->end;
    } else if (np->kind == NP_NONE) {
        /* A role the phrase reader leaves ("the festival's executive
         * director", "one of their lawyers"): a few lower-case words,
         * possessives among them, to the comma, ending with a role, or a
         * plural one after "one of". */
        while (
            comma < rb && comma < at + 7 &&
            (!(wref(ctx, comma)->flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QW_CUE | QW_RELATIVE)) ||
             qnp_possessive_at(ctx, comma)))
            comma++;
        uint32_t last = comma > at ? wref(ctx, comma - 1)->flags : 0;
        if (!(last & QW_ROLE) && !((last & QW_PLURAL) && qctx_word_is(ctx, at, "one") &&
                                   qctx_word_is(ctx, at + 1, "of")))
            return false;
    } else {
        return false;
    }
    if (comma + 1 >= rb || !(wref(ctx, comma)->flags & QX_COMMA))
        return false;
    qnp name;
    qctx_parse_np(ctx, comma + 1, rb, false, &name);
    if (name.kind != NP_NAME || name.org ||
        (name.end < rb && !(wref(ctx, name.end)->flags & (QX_COMMA | QX_TERMINAL))))
        return false;
    *np = name;
    return true;
}

/* "…," Trump said / "…," said Claxton / "…," the council's ruling said. */
static void attribute_right(const qctx *ctx, const qattr *a, found *f)
{
    uint32_t i = a->ca;
    while (i < a->rb && (wref(ctx, i)->flags & (QX_COMMA | QX_DASH)))
        i++;
    if (i >= a->rb)
        return;
    if (is_cue(ctx, i) && !is_ing(ctx, i) && !(a->full_stop && (wref(ctx, i)->flags & QX_CAP))) {
        uint32_t at = i + (is_according(ctx, i) ? 2 : 1);
        qnp np;
        if (is_according(ctx, i))
            np = according_np(ctx, at, a->rb);
        else
            qctx_parse_np(ctx, at, a->rb, true, &np);
        name_in_apposition(ctx, at, a->rb, &np);
        if (np.kind != NP_NONE) {
            f->ok = f->has_np = true;
            f->np = np;
            set_cue(ctx, f, i);
            f->adjacent = true;
            return;
        }
    }
    uint32_t limit = i + 16 < a->rb ? i + 16 : a->rb;
    for (uint32_t c = i; c < limit; c++) {
        if (!is_cue(ctx, c) || is_ing(ctx, c))
            continue;
        if (is_according(ctx, c)) {
            qnp np = according_np(ctx, c + 2, a->rb);
            if (np.kind == NP_NONE)
                return;
            f->ok = f->has_np = true;
            f->np = np;
            set_cue(ctx, f, c);
            f->adjacent = c == i;
            return;
        }
        qnp np = subject_left(ctx, c, i);
        if (np.kind == NP_NONE)
            return;
        /* After a full stop the words that follow are a new sentence unless
         * they are only the attribution: "…." Trump said. */
        if (a->full_stop && c + 1 < a->rb && !(wref(ctx, c + 1)->flags & (QX_COMMA | QX_TERMINAL)))
            return;
        /* The subject must open the clause after the quotation (or follow a
         * comma), or this is a new sentence about something else; name
         * particles or a stage name's number may come first ("…," de Souza
         * said, "…," 50 Cent said). */
        bool described = described_name(ctx, i, &np);
        if (np.first != i && !(wref(ctx, np.first - 1)->flags & QX_COMMA) &&
            qnp_particle_joins(ctx->w, i, np.end) != np.first - i &&
            !(np.first == i + 1 && qctx_number_opens_name(ctx, np.first)) && !described)
            return;
        f->ok = f->has_np = true;
        f->np = np;
        set_cue(ctx, f, c);
        f->adjacent = np.first == i || described;
        return;
    }
}

/* "Brentford boss Martin Allen: "After conceding …"": a sentence (or a
 * paragraph, after a dash or bullet) that opens with a person's naming
 * phrase and a colon, the quotation right after it, gives the quotation to
 * that person (previews, interviews, transcripts). The phrase must fill the
 * lead-in and name a person: a title or role before the name, or a name of
 * two words or more that is no body's ("Verdict:", "BBC Sport:" are not).
 * A capitalised cue may open it ("Said Williams: "…""), and then a
 * one-word name will do. */
static void name_lead_in(const qctx *ctx, const qattr *a, found *f)
{
    uint32_t ob = a->ob, lb = a->lb;
    if (ob < lb + 2 || !(wref(ctx, ob - 1)->flags & QX_COLON))
        return;
    bool cue = (wref(ctx, lb)->flags & (QW_CUE | QX_CAP)) == (QW_CUE | QX_CAP);
    uint32_t from = lb + cue;
    qnp np;
    qctx_parse_np(ctx, from, ob - 1, false, &np);
    if (np.kind != NP_NAME || np.org || np.first != from || np.end != ob - 1 ||
        (!np.person && !cue && np.name_end - np.name_first < 2))
        return;
    if (cue)
        set_cue(ctx, f, lb);
    f->ok = f->has_np = f->adjacent = true;
    f->np = np;
}

/* Trump told reporters: "…" / Seoul said that Trump "…" / …, saying "…". */
static void attribute_left(const qctx *ctx, const qattr *a, uint32_t qi, found *f)
{
    uint32_t ob = a->ob;
    uint32_t lb = a->lb;
    if (ob <= lb)
        return;
    int32_t c = -1;
    for (uint32_t k = ob; k-- > lb;) {
        if (is_cue(ctx, k)) {
            c = (int32_t)k;
            break;
        }
    }
    if (c < 0) {
        name_lead_in(ctx, a, f);
        return;
    }
    uint32_t cu = (uint32_t)c;
    set_cue(ctx, f, cu);
    /* Adjacent: only a colon, comma, "that" or a short object between. */
    f->adjacent = ob - f->cue_end <= 4;
    if (is_according(ctx, cu)) {
        qnp np = according_np(ctx, cu + 2, ob);
        if (np.kind != NP_NONE) {
            f->ok = f->has_np = true;
            f->np = np;
        }
        return;
    }
    if (is_ing(ctx, cu)) {
        /* "with the Los Angeles Times labelling it a "…"": after "with",
         * the participle has a subject of its own, the phrase before it. */
        if (cu > lb + 1) {
            qnp np = np_ending_at(ctx, cu - 1, lb);
            if (np.kind != NP_NONE && np.first > lb && qctx_word_is(ctx, np.first - 1, "with")) {
                f->ok = f->has_np = true;
                f->np = np;
                return;
            }
        }
        /* A participle shares the subject of the clause it hangs from: the
         * quotation before it in the sentence, an earlier cue, the subject. */
        if (qi > 0 && lb > 0 && wref(ctx, lb - 1)->quote == (int32_t)qi - 1 &&
            !(wref(ctx, lb)->flags & QX_PARA_START) &&
            wref(ctx, lb - 1)->para == wref(ctx, lb)->para && !ends_sentence(ctx, qi - 1)) {
            f->ok = true;
            f->copy_from = (int32_t)qi - 1;
            return;
        }
        for (uint32_t k = cu; k-- > lb;) {
            if (is_cue(ctx, k) && !is_ing(ctx, k) && !is_according(ctx, k)) {
                qnp np = subject_left(ctx, k, lb);
                if (np.kind != NP_NONE) {
                    f->ok = f->has_np = true;
                    f->np = np;
                    return;
                }
            }
        }
        qnp np = clause_subject(ctx, lb, cu);
        if (np.kind != NP_NONE) {
            f->ok = f->has_np = true;
            f->np = np;
        }
        return;
    }
    if (cu > lb && is_passive_aux(ctx, cu - 1)) {
        /* "was described as a "…" by his friend Michael Pointon"; with no
         * "by", the words are nobody's in particular. */
        for (uint32_t k = cu + 1; k < a->rb; k++) {
            if (k >= ob && k < a->ca)
                continue;
            if (qctx_word_is(ctx, k, "by")) {
                qnp by = according_np(ctx, k + 1, k < ob ? ob : a->rb);
                if (by.kind != NP_NONE) {
                    f->ok = f->has_np = true;
                    f->np = by;
                }
                break;
            }
        }
        f->ok = true;
        return;
    }
    qnp np = subject_left(ctx, cu, lb);
    if (np.kind == NP_NONE) {
        /* said Mr Smith: "…" — the name right before the quotation. */
        qctx_parse_np(ctx, cu + 1, ob, true, &np);
        if (np.kind != NP_NAME || (np.end != ob && !(np.end + 1 == ob &&
                                                     (wref(ctx, np.end)->flags &
                                                      (QX_COMMA | QX_COLON))))) {
            /* "Dunne is keen to … and said: "…"": the sentence's subject. */
            if (cu > lb && (qctx_word_is(ctx, cu - 1, "and") || qctx_word_is(ctx, cu - 1, "but")))
                np = clause_subject(ctx, lb, cu);
            else
                np.kind = NP_NONE;
            if (np.kind == NP_NONE) {
                /* A cue whose subject names no one ("The lawsuit said"). */
                f->ok = true;
                return;
            }
        }
    }
    f->ok = f->has_np = true;
    f->np = np;
}

/* Whether the context stops at word `p`: it lies in a quotation, ends a
 * sentence, or is a dash. */
static inline bool ends_left_context(const qword *p)
{
    return p->quote >= 0 || (p->flags & (QX_TERMINAL | QX_DASH));
}

/* Whether one of the four words from `p` lies in a quotation or has one of
 * `flags`: contexts run to some twenty words, read four at a time. */
static inline bool stops_context4(const qword *p, uint32_t flags)
{
    return (p[0].quote & p[1].quote & p[2].quote & p[3].quote) >= 0 ||
           ((p[0].flags | p[1].flags | p[2].flags | p[3].flags) & flags);
}

/* The first word of the context left of the quotation opening at word `ob`:
 * back to a quotation, a sentence's end, a dash or the start of a
 * paragraph, at most CONTEXT_WORDS words. */
static uint32_t left_bound(const qword *w, uint32_t ob)
{
    uint32_t stop = ob > CONTEXT_WORDS ? ob - CONTEXT_WORDS : 0;
    uint32_t lb = ob;
    if (lb == stop || ends_left_context(&w[lb - 1]))
        return lb;
    /* A paragraph ending "… said:" introduces this one. */
    if ((w[lb].flags & QX_PARA_START) && !(w[lb - 1].flags & QX_COLON))
        return lb;
    /* Each word is asked whether it opens its paragraph (the context then
     * starts there) and whether the context stops before it: four words at
     * a time while none of them nor the four before opens a paragraph or
     * stops the context, then one at a time. */
    lb--;
    while (lb >= stop + 4 && !(w[lb].flags & QX_PARA_START) &&
           !stops_context4(&w[lb - 4], QX_TERMINAL | QX_DASH | QX_PARA_START))
        lb -= 4;
    for (; lb > stop; lb--) {
        const qword *p = &w[lb];
        if ((p->flags & QX_PARA_START) || ends_left_context(p - 1))
            break;
    }
    return lb;
}

/* One past the last word of the context right of the quotation whose mark
 * ends before word `ca`: up to a quotation, a sentence's end or a paragraph
 * start (right after the quotation, only one that the quotation is not
 * in), at most CONTEXT_WORDS words. */
static uint32_t right_bound(const qctx *ctx, uint32_t ca)
{
    const qword *w = ctx->w;
    size_t end = (size_t)ca + CONTEXT_WORDS < ctx->nw ? (size_t)ca + CONTEXT_WORDS : ctx->nw;
    uint32_t rb = ca;
    /* Right after the quotation, a paragraph start ends the context only
     * when the word before lies in another paragraph. */
    if (rb < end && w[rb].quote < 0 && !(w[rb].flags & QX_TERMINAL) &&
        (w[rb].flags & QX_PARA_START) && w[ca - 1 < ctx->nw ? ca - 1 : 0].para == w[rb].para)
        rb++;
    while (rb + 4 <= end && !stops_context4(&w[rb], QX_PARA_START | QX_TERMINAL))
        rb += 4;
    for (; rb < end; rb++) {
        const qword *p = &w[rb];
        if (p->quote >= 0 || (p->flags & (QX_PARA_START | QX_TERMINAL)))
            break;
    }
    return rb;
}

void qctx_context_bounds(const qctx *ctx, qattr *a)
{
    a->lb = left_bound(ctx->w, a->ob);
    a->rb = right_bound(ctx, a->ca);
}

/* Whether quotation attribution `p`, to a body, names an unnamed
 * spokesperson of it ("a BBC spokesman", "the band's spokeswoman"): a
 * person, whom a later "he" or "she" means. */
static bool spokesperson_speaks(const qctx *ctx, const qattr *p)
{
    if (!p->has_np)
        return false;
    for (uint32_t k = p->np.first; k < p->np.end && k < ctx->nw; k++) {
        uint32_t f = ctx->w[k].flags;
        if ((f & QW_SOURCE) &&
            ((f & (QW_MALE | QW_FEMALE)) || qctx_word_is(ctx, k, "spokesperson")))
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

static int32_t resolve(qctx *ctx, const qnp *in, uint32_t at, size_t qi)
{
    qnp copy = *in;
    const qnp *np = &copy;
    if (np->kind == NP_NAME && np->org && np->name_end - np->name_first > 1 &&
        (wref(ctx, np->name_first)->flags & QX_ACRONYM)) {
        /* "a BBC One spokesman": a channel or branch speaks for the body. */
        qnp body = copy;
        body.name_end = body.name_first + 1;
        int32_t e = qctx_entity_of(ctx, &body);
        if (e >= 0 && ctx->ents[e].name_n == 1)
            return e;
    }
    if (np->kind == NP_NAME) {
        int32_t e = qctx_entity_of(ctx, np);
        /* "the 27-year-old Austrian said": a nationality alone after "the"
         * and a role describes a person named elsewhere, as a role does
         * (its nation id kept). */
        bool nationality =
            np->person && np->name_end == np->name_first + 1 &&
            (wref(ctx, np->name_first)->flags & (QW_NATION | QX_ACRONYM)) == QW_NATION &&
            qctx_word_is(ctx, np->first, "the");
        /* "said the Birchfield Harrier": a capitalised description named
         * once, after "the", stands for a person like a role does. */
        /* ... unless the article names it with "The" ("The Game"). */
        if (!nationality &&
            (e < 0 || np->org || np->first == np->name_first ||
             !qctx_word_is(ctx, np->first, "the") || ctx->ents[e].count > 1 ||
             ctx->ents[e].org || ctx->ents[e].titled ||
             ctx->keys[ctx->ents[e].name_first] == ctx->article_keys[0]))
            return e;
        copy.kind = NP_ROLE;
        copy.person = true;
        if (!nationality)
            copy.nids = 0;
    }
    uint32_t spk_at;
    int32_t spk = last_speaker(ctx, qi, &spk_at);
    int32_t e = qctx_resolve(ctx, np, at, spk, spk_at);
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
            (qctx_mention_is_subject(ctx, M) || qctx_introduced_before(ctx, M, at)))
            return spk >= 0 && spk_at > M->word ? spk : (int32_t)ctx->ents[M->entity].canon;
    }
    if (spk >= 0)
        return spk;
    for (size_t m = qctx_mentions_before(ctx, at + 1); m < ctx->nments; m++) {
        const qentity *E = &ctx->ents[ctx->ents[ctx->ments[m].entity].canon];
        if (ctx->ments[m].word > at && E->titled &&
            !qctx_mention_modifies_noun(ctx, &ctx->ments[m])) {
            if (wref(ctx, ctx->ments[m].word)->para <= wref(ctx, at)->para + 3)
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

static bool is_blank(unsigned char c)
{
    /* One comparison for most bytes (letters and the like). */
    return c <= ' ' && (c == ' ' || c == '\n' || c == '\t');
}

/* The number of words (runs of bytes between blanks) in `s`, counting no
 * further than `limit`: the rules only ask whether a quotation has fewer
 * than a few, and most are long. */
static size_t count_words(const char *s, size_t n, size_t limit)
{
    size_t words = 0;
    bool in_word = false; /* the byte before is no blank */
    size_t i = 0;
#if defined(__SSE2__)
    /* 16 bytes a round: a word starts at each byte that is no blank after
     * one that is (or after the start). */
    const __m128i space = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
    for (; i + 16 <= n && words < limit; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i blank = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, nl)),
                                     _mm_cmpeq_epi8(v, tab));
        unsigned word = ~(unsigned)_mm_movemask_epi8(blank) & 0xFFFFu;
        for (unsigned starts = word & ~(word << 1 | in_word); starts; starts &= starts - 1)
            words++;
        in_word = word >> 15;
    }
#endif
    for (; i < n && words < limit; i++) {
        bool blank = is_blank((unsigned char)s[i]);
        words += !blank && !in_word;
        in_word = !blank;
    }
    return words < limit ? words : limit;
}

static bool heading_at(const qctx *ctx, uint32_t word)
{
    if (word >= ctx->nw || !ctx->sents)
        return false;
    uint32_t s = ctx->toks[word].sentence;
    return s < ctx->nsents && (ctx->sents[s].flags & TP_SENTF_HEADING);
}

/* Whether quotation i is a nickname inside a name: Marion "Suge" Knight.
 * Its words are counted last, after the word view has turned most
 * quotations away. */
static bool is_nickname(const qctx *ctx, size_t qi)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    const qattr *a = &ctx->attr[qi];
    if (a->ca >= ctx->nw || a->ca == a->ob)
        return false;
    const qword *next = wref(ctx, a->ca);
    if (!(next->flags & QX_CAP) || (next->flags & (QW_STOP | QX_PUNCT)) ||
        ctx->toks[a->ca].start != q->after_close + 1)
        return false;
    /* A nickname has no punctuation of its own ("Four," Stone added). */
    unsigned char last = (unsigned char)ctx->text[q->end - 1];
    if (!((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') || last >= 0x80))
        return false;
    if (count_words(ctx->text + q->start, q->end - q->start, 3) > 2)
        return false;
    uint32_t k = a->ca;
    while (k < ctx->nw && (wref(ctx, k)->flags & QX_CAP) && !(wref(ctx, k)->flags & QX_PUNCT))
        k++;
    bool inside_name = a->ob > 0 && (wref(ctx, a->ob - 1)->flags & QX_CAP) &&
                       !(wref(ctx, a->ob - 1)->flags & (QX_PUNCT | QW_STOP));
    if (!inside_name && k < ctx->nw && is_cue(ctx, k))
        return false;
    return (unsigned char)ctx->text[q->start] >= 'A' && (unsigned char)ctx->text[q->start] <= 'Z';
}

/* Whether two quotations are in one sentence with little between them. */
static bool same_sentence(const qctx *ctx, size_t a, size_t b)
{
    const qattr *A = &ctx->attr[a], *B = &ctx->attr[b];
    if (B->ob < A->ca || B->ob - A->ca > 6 || B->ob >= ctx->nw ||
        wref(ctx, A->ob)->para != wref(ctx, B->ob)->para)
        return false;
    for (uint32_t k = A->ca; k < B->ob; k++) {
        if ((wref(ctx, k)->flags & (QX_TERMINAL | QX_PARA_START)) || is_cue(ctx, k))
            return false;
    }
    return true;
}

/* Whether quotation b follows a in the same sentence (any distance). */
static bool one_sentence(const qctx *ctx, size_t a, size_t b)
{
    const qattr *A = &ctx->attr[a], *B = &ctx->attr[b];
    if (B->ob < A->ca || B->ob >= ctx->nw || wref(ctx, A->ob)->para != wref(ctx, B->ob)->para)
        return false;
    for (uint32_t k = A->ca; k < B->ob; k++) {
        if (wref(ctx, k)->flags & (QX_TERMINAL | QX_PARA_START))
            return false;
    }
    return true;
}

/* Whether `hay` starts with the `n` bytes of `needle`, ignoring ASCII case
 * (bit 0x20: letters match either case; so do a few symbol pairs, which the
 * rules have always allowed). */
static bool same_ci(const char *hay, const char *needle, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (((unsigned char)hay[k] | 0x20) != ((unsigned char)needle[k] | 0x20))
            return false;
    }
    return true;
}

/* Case-insensitive search of `needle` in `hay`. Quotations are compared
 * with every other one, so the places where the first two bytes match are
 * found 16 at a time where SSE2 is there (a first byte alone, a common
 * letter or a space, matches every few bytes). */
const char *qctx_find_ci(const char *hay, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0 || nn > hn)
        return NULL;
    const unsigned char first = (unsigned char)needle[0] | 0x20;
    const size_t last = hn - nn; /* the last place a match may start */
    size_t i = 0;
#if defined(__SSE2__)
    /* (A one-byte needle is left to the loop after.) */
    const __m128i f = _mm_set1_epi8((char)first), bit = _mm_set1_epi8(0x20);
    const __m128i s = _mm_set1_epi8((char)((unsigned char)needle[nn > 1] | 0x20));
    for (; nn > 1 && i + 17 <= hn && i <= last; i += 16) {
        __m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(hay + i)), bit);
        __m128i next =
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(hay + i + 1)), bit);
        unsigned bits = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(v, f), _mm_cmpeq_epi8(next, s)));
        while (bits) {
            size_t j = i + (size_t)__builtin_ctz(bits);
            bits &= bits - 1;
            if (j > last)
                return NULL;
            if (same_ci(hay + j, needle, nn))
                return hay + j;
        }
    }
#endif
    for (; i <= last; i++) {
        if (((unsigned char)hay[i] | 0x20) == first && same_ci(hay + i, needle, nn))
            return hay + i;
    }
    return NULL;
}

/* Strips trailing punctuation that headlines drop ("major failure,"). */
static size_t core_len(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ',' || s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?'))
        n--;
    return n;
}

/* Whether the first sentence of quotation `qi` speaks of someone in the
 * third person (he, she, him, her, his) or names one of the words of
 * `np`'s name: words about a person are not that person's own. */
static bool quote_speaks_of(const qctx *ctx, size_t qi, const qnp *np)
{
    const qattr *a = &ctx->attr[qi];
    uint32_t end = a->ca < a->ob + 40 ? a->ca : a->ob + 40;
    for (uint32_t k = a->ob; k < end && k < ctx->nw; k++) {
        if (wref(ctx, k)->quote != (int32_t)qi)
            continue;
        if (wref(ctx, k)->flags & QX_TERMINAL)
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
 * (clause_subject()) when that is a name, owns nothing ("Smith's side") and
 * is followed by a comma, a dash or a lower-case word other than "and" (a
 * pair of subjects names no one speaker), and stands for a person already
 * known as one (quoted with a cue somewhere, or introduced with a title or
 * role). The entity, with its phrase in *np, or -1. */
static int32_t person_subject(qctx *ctx, uint32_t lb, uint32_t hi, size_t qi, qnp *np)
{
    *np = clause_subject(ctx, lb, hi);
    if (np->kind != NP_NAME || np->org || np->end >= hi || np->end != np->name_end)
        return -1;
    const qword *next = wref(ctx, np->end);
    if ((next->flags & (QX_CAP | QX_POSS)) ||
        ((next->flags & QX_PUNCT) && !(next->flags & (QX_COMMA | QX_DASH))) ||
        qctx_word_is(ctx, np->end, "and") || qctx_word_is(ctx, np->end, "&"))
        return -1;
    int32_t e = resolve(ctx, np, np->first, qi);
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
    for (uint32_t k = a->ca; k < a->rb; k++) {
        if (is_cue(ctx, k))
            return -1; /* a cue the rules could not read: not narration's to give */
    }
    qnp np;
    int32_t e = person_subject(ctx, S->tok_start, S->tok_end, qi, &np);
    if (e < 0 || quote_speaks_of(ctx, qi, &np))
        return -1;
    return e;
}

/* The speaker of a reporting verb in the sentence before word `ob` when that
 * sentence quotes nothing itself (same or previous paragraph), or else the
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
        S->paragraph + 1 < wref(ctx, ob)->para)
        return -1;
    for (uint32_t k = S->tok_start; k < S->tok_end; k++) {
        if (wref(ctx, k)->quote >= 0)
            return -1;
    }
    for (uint32_t c = S->tok_start; c < S->tok_end; c++) {
        if (!is_cue(ctx, c) || is_ing(ctx, c) || is_according(ctx, c))
            continue;
        qnp np = subject_left(ctx, c, S->tok_start);
        if (np.kind != NP_NONE)
            return resolve(ctx, &np, np.first, qi);
    }
    return narration_subject(ctx, S, qi);
}

/* Another quotation holding the words of quotation `qi` and attributed by a
 * cue, or -1. */
static int32_t quoted_elsewhere(const qctx *ctx, size_t qi)
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

/* A headline quotation takes the speaker of a body quotation holding the
 * same words; a headline that sums up a claim in its own words gets none. */
static void attribute_heading(qctx *ctx, size_t qi)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    qattr *a = &ctx->attr[qi];
    size_t n = core_len(ctx->text + q->start, q->end - q->start);
    for (size_t k = 0; k < ctx->quotes.count; k++) {
        const qmark_quote *o = &ctx->quotes.items[k];
        if (k == qi || heading_at(ctx, ctx->attr[k].ob) || !ctx->attr[k].speech)
            continue;
        if (qctx_find_ci(ctx->text + o->start, o->end - o->start, ctx->text + q->start, n)) {
            a->entity = ctx->attr[k].entity;
            a->how = HOW_CONTEXT;
            return;
        }
    }
}

int qctx_attribute(qctx *ctx)
{
    size_t nq = ctx->quotes.count;
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
        found r = {.cue = -1, .copy_from = -1}, l;
        attribute_right(ctx, a, &r);
        found *use = NULL;
        char last = q->end > q->start ? ctx->text[q->end - 1] : 0;
        bool framed_right = last == ',' || last == '!' || last == '?' || r.adjacent;
        if (r.ok && framed_right) {
            use = &r;
        } else {
            l = (found){.cue = -1, .copy_from = -1};
            attribute_left(ctx, a, (uint32_t)qi, &l);
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
            if (from->how == HOW_NONE)
                a->how = HOW_NONE;
        } else {
            a->has_np = use->has_np;
            a->np = use->np;
            a->entity = resolve(ctx, &use->np, use->np.first, qi);
        }
        if (a->entity >= 0)
            ctx->ents[a->entity].spoke = true;
    }
    /* Pass 2: kinds, neighbours in the sentence, the speaker before. */
    for (size_t qi = 0; qi < nq; qi++) {
        qattr *a = &ctx->attr[qi];
        const qmark_quote *q = &ctx->quotes.items[qi];
        if (is_nickname(ctx, qi)) {
            a->speech = false;
            a->how = HOW_NONE;
            a->entity = -1;
            continue;
        }
        if (a->how == HOW_CUE) {
            a->speech = true;
            continue;
        }
        /* Only "two or more" and "fewer than four" are asked below. */
        size_t words = count_words(ctx->text + q->start, q->end - q->start, 4);
        bool heading = heading_at(ctx, a->ob);
        if (qi > 0 && ctx->attr[qi - 1].how == HOW_CUE &&
            (same_sentence(ctx, qi - 1, qi) || (words >= 2 && one_sentence(ctx, qi - 1, qi)))) {
            a->how = HOW_CHAIN;
            a->entity = ctx->attr[qi - 1].entity;
            /* "Jones said: "…." Actor Jamie Foxx - who … - dedicated a song to
             * "old friends"": after a quotation that ends its sentence, the
             * subject of the new sentence, a known person, owns the words. */
            qnp np;
            uint32_t from = ctx->attr[qi - 1].ca;
            int32_t subject = ends_sentence(ctx, qi - 1) && (wref(ctx, from)->flags & QX_CAP)
                                  ? person_subject(ctx, from, a->ob, qi, &np)
                                  : -1;
            if (subject >= 0 && np.first <= from + 1)
                a->entity = subject;
        }
        if (a->how == HOW_NONE && qi + 1 < nq && same_sentence(ctx, qi, qi + 1) &&
            ctx->attr[qi + 1].how == HOW_CUE) {
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
        int32_t same = quoted_elsewhere(ctx, qi);
        if (same >= 0) {
            a->speech = true;
            a->how = HOW_CONTEXT;
            a->entity = ctx->attr[same].entity;
            continue;
        }
        if (words < 4) {
            a->speech = false;
            continue;
        }
        a->speech = true;
        /* A whole sentence with no cue continues the last speaker. */
        bool opens_sentence = a->ob == a->lb || (wref(ctx, a->ob)->flags & QX_SENT_START);
        unsigned char first = (unsigned char)ctx->text[q->start];
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
            if (wref(ctx, a->ob)->para > wref(ctx, p->ob)->para + 3)
                break;
            if (p->speech && !heading_at(ctx, p->ob) && p->entity >= 0) {
                a->entity = p->entity;
                a->how = HOW_CONTEXT;
                break;
            }
            if (p->speech && heading_at(ctx, p->ob) && p->how == HOW_CUE && p->entity >= 0) {
                a->entity = p->entity;
                a->how = HOW_CONTEXT;
                break;
            }
        }
    }
    /* Pass 3: headlines without their own cue. */
    for (size_t qi = 0; qi < nq; qi++) {
        qattr *a = &ctx->attr[qi];
        if (a->speech && a->how == HOW_NONE && heading_at(ctx, a->ob))
            attribute_heading(ctx, qi);
    }
    return 0;
}
