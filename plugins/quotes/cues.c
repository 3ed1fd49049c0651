/* cues.c - the cue rules: finding the reporting verb (or "according to",
 * or a naming lead-in and its colon) that frames a quotation, and reading
 * the phrase that names its speaker there: the subject left of a cue, the
 * phrase after one, a role and a name in apposition, a month written as a
 * surname, a fronted participle clause. attrib.c decides which rule's
 * answer a quotation takes; these only read words. */
#include "attrib.h"
#include "np.h"

#include <string.h>

/* "a BBC statement read", "A statement from Chelsea explaining the decision
 * read:": "read" (at `i`) is a cue only when a written source that is no
 * person (statement, letter, website, …) stands before it in its clause,
 * a few words back; not "Helen Mirren read out his speech", someone
 * reading another's words aloud. Asked only of "read" and "reads". */
bool qctx_read_is_cue(const qctx *ctx, uint32_t i)
{
    for (uint32_t k = i, n = 0; k-- > 0 && n < 8; n++) {
        const qword *w = qctx_wref(ctx, k);
        if ((w->flags & QX_PUNCT) || w->quote != qctx_wref(ctx, i)->quote)
            return false;
        if ((w->flags & QW_SOURCE) && !qctx_source_is_person(ctx, k))
            return true;
    }
    return false;
}

bool qctx_is_passive_aux(const qctx *ctx, uint32_t i)
{
    return qctx_word_is(ctx, i, "was") || qctx_word_is(ctx, i, "were") ||
           qctx_word_is(ctx, i, "is") || qctx_word_is(ctx, i, "are") ||
           qctx_word_is(ctx, i, "been") || qctx_word_is(ctx, i, "be") ||
           qctx_word_is(ctx, i, "being");
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
    /* "Andre 3000 thanked": a stage name ending in a number. */
    if (e > lb && ctx->toks[e].kind == TP_TOK_NUMBER && qctx_number_ends_name(ctx, e - 1)) {
        qnp np = np_ending_at(ctx, e - 1, lb);
        if (np.kind == NP_NAME) {
            np.end = e + 1;
            return np;
        }
    }
    /* "And the ex-Wallaby added": "ex-" before a name or role describes a
     * person, a former member, as a role does. */
    const tp_token *t = &ctx->toks[e];
    const char *x = ctx->text + t->start;
    if (e > lb && t->end - t->start > 3 && x[0] == 'e' && x[1] == 'x' && x[2] == '-' &&
        ctx->w[e].quote < 0 && qctx_is_article(ctx, e - 1)) {
        none = (qnp){.kind = NP_ROLE, .first = e - 1, .end = e + 1, .name_first = e,
                     .name_end = e + 1, .person = true};
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
    return (qctx_wref(ctx, e)->flags & (QW_CALENDAR | QX_CAP | QX_ACRONYM)) ==
           (QW_CALENDAR | QX_CAP);
}

static uint32_t skip_aux_left(const qctx *ctx, uint32_t e, uint32_t lb)
{
    while (e > lb && ((qctx_wref(ctx, e)->flags & QW_AUX) || is_ly_word(ctx, e)) &&
           !(qctx_wref(ctx, e)->flags & (QW_PRON_PERSON | QW_PRON_GROUP)) &&
           !is_calendar_name(ctx, e))
        e--;
    return e;
}

/* Whether word `e` is a "!" or "?" glued to the capitalised word before it
 * that ends no sentence (the word view's QX_TERMINAL): part of a name,
 * "OutRage! said", "Yahoo! added". */
static bool name_mark(const qctx *ctx, uint32_t e, uint32_t lb)
{
    if (e <= lb || (qctx_wref(ctx, e)->flags & (QX_PUNCT | QX_TERMINAL)) != QX_PUNCT ||
        ctx->toks[e].start != ctx->toks[e - 1].end || !(qctx_wref(ctx, e - 1)->flags & QX_CAP))
        return false;
    char m = ctx->text[ctx->toks[e].start];
    return m == '!' || m == '?';
}

/* The month or day word `e`, read as a surname: a one-word name. */
static qnp calendar_surname(uint32_t e)
{
    return (qnp){.kind = NP_NAME,
                 .first = e,
                 .end = e + 1,
                 .name_first = e,
                 .name_end = e + 1,
                 .person = true};
}

/* "…," May said / May wrote: a month or day word alone right before the
 * cue at `c`, opening its clause (after punctuation or at `lb`: not "in
 * May"), is a surname, which no name run may begin with. */
static bool calendar_subject(const qctx *ctx, uint32_t c, uint32_t lb, qnp *np)
{
    uint32_t e = c - 1;
    if (!is_calendar_name(ctx, e) || (e > lb && !(qctx_wref(ctx, e - 1)->flags & QX_PUNCT)) ||
        qctx_wref(ctx, e)->quote != qctx_wref(ctx, c)->quote)
        return false;
    *np = calendar_surname(e);
    return true;
}

/* "…," said Friday.: a month or day word alone right after the cue (word
 * `at`, below `rb`), ending the clause, is a surname when the article
 * names a person with it ("Mike Friday"); else it is a date ("said on
 * Friday" reads no phrase at all, "said Friday's result" goes on). Asked
 * only where no phrase was read after a cue. */
static bool calendar_after_cue(const qctx *ctx, uint32_t at, uint32_t rb, qnp *np)
{
    if (at >= rb || !is_calendar_name(ctx, at) ||
        (at + 1 < rb && !(qctx_wref(ctx, at + 1)->flags & (QX_COMMA | QX_TERMINAL))))
        return false;
    qnp cal = calendar_surname(at);
    int32_t e = qctx_entity_of(ctx, &cal);
    if (e < 0 || !ctx->ents[e].person || ctx->ents[e].name_n < 2)
        return false;
    *np = cal;
    return true;
}

/* The phrase "organisers" or "the judges" in words [from, end), where no
 * naming phrase was read ("…," organisers said / said the judges.): a
 * group of no person, its head the last word. */
static bool staff_np(const qctx *ctx, uint32_t from, uint32_t end, qnp *np)
{
    if (end <= from || end - from > 2 || !qctx_is_staff_word(ctx, end - 1) ||
        (end - from == 2 && !qctx_word_is(ctx, from, "the")))
        return false;
    *np = (qnp){.kind = NP_ROLE, .first = from, .end = end, .name_first = end - 1,
                .name_end = end, .org = true};
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
qnp qctx_subject_left(const qctx *ctx, uint32_t c, uint32_t lb)
{
    qnp none = {.kind = NP_NONE};
    if (c <= lb)
        return none;
    qnp cal;
    if (calendar_subject(ctx, c, lb, &cal))
        return cal;
    uint32_t e = skip_aux_left(ctx, c - 1, lb);
    if (name_mark(ctx, e, lb))
        e--;
    if (qctx_word_is(ctx, e, "to") && e > lb) {
        /* "The England coach went on to claim": back over the verb chain. */
        uint32_t stop = e > lb + 3 ? e - 3 : lb;
        e--;
        while (e > stop && !(qctx_wref(ctx, e)->flags & (QX_PUNCT | QX_CAP | QW_DET | QW_ROLE |
                                                         QW_PRON_PERSON | QW_PRON_GROUP | QW_ORG)))
            e--;
    }
    e = skip_parenthesis(ctx, e, lb);
    if ((qctx_wref(ctx, e)->flags & QW_RELATIVE) && e > lb &&
        (qctx_wref(ctx, e - 1)->flags & (QX_CAP | QX_PUNCT)) == QX_CAP &&
        qctx_word_is(ctx, e, "who")) {
        /* "echoed by director Sir Richard Eyre who called X's work "…"":
         * a relative clause with no comma; its subject is its antecedent. */
        e--;
    } else if ((qctx_wref(ctx, e)->flags & QW_RELATIVE) && e >= lb + 2 &&
               (qctx_wref(ctx, e - 1)->flags & QX_COMMA)) {
        e -= 2; /* "the producer Quincy Jones, who described …" */
        /* "says King, 30, who describes …": past the age, to its name. */
        if (e >= lb + 2 && ctx->toks[e].kind == TP_TOK_NUMBER &&
            (qctx_wref(ctx, e - 1)->flags & QX_COMMA))
            e -= 2;
    }
    if (qctx_wref(ctx, e)->flags & QX_COMMA) {
        uint32_t k = e;
        uint32_t stop = e > lb + 20 ? e - 20 : lb;
        /* A relative clause set off by commas ("The actor, whose films
         * include Schindler's List, Michael Collins and Ray, said") is
         * skipped whole, commas inside it included: the subject is the
         * phrase before its opening comma, never a name inside it. */
        for (uint32_t r = e; r > stop + 1 && !(qctx_wref(ctx, r - 1)->flags & QX_TERMINAL); r--) {
            if ((qctx_wref(ctx, r)->flags & QW_RELATIVE) &&
                (qctx_wref(ctx, r - 1)->flags & QX_COMMA)) {
                k = r;
                break;
            }
        }
        while (k > stop && !(qctx_wref(ctx, k - 1)->flags & (QX_COMMA | QX_TERMINAL)))
            k--;
        if (k <= lb || !(qctx_wref(ctx, k - 1)->flags & QX_COMMA))
            return none;
        qnp appos;
        qctx_parse_np(ctx, k, e, true, &appos);
        /* "Dan Jolin, reviews editor of Empire magazine, says": a name
         * after a preposition inside the appositive is the body of the
         * subject's role, not the subject; the subject is before it. */
        if (appos.kind == NP_NAME && appos.end == e &&
            !(appos.name_first > k && (qctx_wref(ctx, appos.name_first - 1)->flags & QW_PREP)))
            return appos;
        if (k < 2 + lb)
            return none;
        e = skip_parenthesis(ctx, skip_aux_left(ctx, k - 2, lb), lb);
    }
    if (qctx_wref(ctx, e)->flags & (QW_PRON_PERSON | QW_PRON_GROUP)) {
        qnp np = {.kind = NP_PRON, .first = e, .end = e + 1, .name_first = e, .name_end = e + 1};
        return np;
    }
    qnp np = np_ending_at(ctx, e, lb);
    qnp joined = none; /* the name after "and" when np is the one before it */
    /* "The judges called it "…"": organisers or judges opening the clause
     * are its subject, as after a cue ("…," said the judges). */
    if (np.kind == NP_NONE) {
        uint32_t from = e > lb && qctx_word_is(ctx, e - 1, "the") ? e - 1 : e;
        if (from == lb || (qctx_wref(ctx, from - 1)->flags & QX_COMMA))
            staff_np(ctx, from, e + 1, &np);
    }
    for (int hops = 0; hops < 3 && np.kind != NP_NONE && np.first >= lb + 2; hops++) {
        if ((qctx_word_is(ctx, np.first - 1, "and") || qctx_word_is(ctx, np.first - 1, "&")) &&
            np.kind == NP_NAME) {
            /* "The star of Rain Man and Tootsie": the first of the pair. */
            qnp before = np_ending_at(ctx, np.first - 2, lb);
            if (before.kind == NP_NONE)
                break;
            /* A person introduced with a role of their own after "and",
             * not after another so introduced ("singer X and drummer
             * Y"), is the subject of a new clause: "… to Unicef and actor
             * Leonardo DiCaprio pledged", "… at Newcastle and manager
             * Jose Mourinho said". */
            if (np.person && np.first < np.name_first &&
                !(before.kind == NP_NAME && before.person && before.first < before.name_first))
                break;
            joined = np;
            np = before;
            continue;
        }
        if (!(qctx_wref(ctx, np.first - 1)->flags & QW_PREP))
            break;
        qnp before = np_ending_at(ctx, np.first - 2, lb);
        /* "has been training in Holland and Ferguson said": a name after a
         * preposition that follows no phrase (a verb's object: "in",
         * "at", "with"; not "of", which a noun takes) is no subject, so
         * "and" opens a new clause whose subject is the name after it. */
        if (before.kind == NP_NONE && joined.kind == NP_NAME && joined.first == np.end + 1 &&
            !qctx_word_is(ctx, np.first - 1, "of"))
            return joined;
        joined = none;
        /* A person named after a role ("Lord of the Rings director Peter
         * Jackson") is not the role before a preposition. */
        if (before.kind == NP_NONE ||
            (before.kind == NP_ROLE && np.kind == NP_NAME && np.person && np.nids > 0))
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
    const qword *w = qctx_wref(ctx, j);
    if ((w->flags & (QX_CAP | QX_ACRONYM | QX_SENT_START)) != (QX_CAP | QX_SENT_START) ||
        j + 1 >= c)
        return false;
    const tp_token *t = &ctx->toks[j];
    const char *s = ctx->text + t->start;
    size_t n = t->end - t->start;
    uint32_t next = qctx_wref(ctx, j + 1)->flags;
    return n > 5 && memcmp(s + n - 3, "ing", 3) == 0 && (next & (QW_PREP | QW_DET)) &&
           !(next & (QX_CAP | QX_PUNCT)) && qctx_wref(ctx, j + 1)->quote == w->quote;
}

/* Whether word `j` is a capitalised subordinating conjunction opening a
 * fronted clause ("When Carson died, President Bush led …"): the subject
 * of the main clause comes after its comma. Asked only of a stop word
 * with a comma after it. */
static bool opens_subordinate_clause(const qctx *ctx, uint32_t j)
{
    static const char *const conj[] = {"when", "while", "although", "though", "if",
                                       "because", "as", "once", "since", "until", "whereas"};
    if ((qctx_wref(ctx, j)->flags & (QX_CAP | QX_ACRONYM)) != QX_CAP)
        return false;
    for (size_t i = 0; i < sizeof conj / sizeof conj[0]; i++) {
        if (qctx_word_is(ctx, j, conj[i]))
            return true;
    }
    return false;
}

/* The first naming phrase of the clause [lb, c): the sentence's subject. */
qnp qctx_clause_subject(const qctx *ctx, uint32_t lb, uint32_t c)
{
    qnp none = {.kind = NP_NONE};
    uint32_t j = lb;
    while (j < c) {
        const qword *w = qctx_wref(ctx, j);
        bool participle = opens_participle_clause(ctx, j, c);
        if (((w->flags & (QW_PREP | QW_STOP)) &&
             !(w->flags & (QW_DET | QW_PRON_PERSON | QW_PRON_GROUP))) ||
            participle) {
            /* A fronted phrase ("In China, ...", "Shivering in the cold,
             * ...", "When Carson died, ..."): skip to its comma. */
            uint32_t k = j;
            while (k < c && !(qctx_wref(ctx, k)->flags & QX_COMMA))
                k++;
            if (k < c && ((w->flags & QW_PREP) || participle || opens_subordinate_clause(ctx, j))) {
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
            if (j > lb && (qctx_wref(ctx, j - 1)->flags & QW_PREP)) {
                j = np.end;
                continue;
            }
            return np;
        }
        j++;
    }
    return none;
}

/* The source after "according to": "media and PR strategist Glen Yearwood". */
static qnp according_np(const qctx *ctx, uint32_t i, uint32_t hi)
{
    /* The last name before the phrase ends: "media and PR strategist Glen
     * Yearwood, who …" is Glen Yearwood. */
    qnp best = {.kind = NP_NONE};
    for (uint32_t k = i; k < hi && k < i + 10;) {
        if (qctx_wref(ctx, k)->flags & (QX_COMMA | QX_TERMINAL | QW_RELATIVE))
            break;
        qnp np;
        qctx_parse_np(ctx, k, hi, true, &np);
        if (np.kind == NP_NONE) {
            k++;
            continue;
        }
        bool located = k > i && (qctx_wref(ctx, k - 1)->flags & QW_PREP); /* "… in the US" */
        if ((np.kind == NP_NAME && !located) || np.kind == NP_PRON || best.kind == NP_NONE)
            best = np;
        k = np.end > k ? np.end : k + 1;
    }
    return best;
}

static void set_cue(const qctx *ctx, qfound *f, uint32_t c)
{
    f->cue = (int32_t)c;
    f->cue_end = c + (qctx_is_according(ctx, c) ? 2 : 1);
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
        if (qctx_wref(ctx, k)->flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QNP_ENDS_PHRASE))
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
        while (comma < rb && comma < at + 7 &&
               (!(qctx_wref(ctx, comma)->flags &
                  (QX_CAP | QX_ACRONYM | QX_PUNCT | QW_CUE | QW_RELATIVE)) ||
                qnp_possessive_at(ctx, comma)))
            comma++;
        uint32_t last = comma > at ? qctx_wref(ctx, comma - 1)->flags : 0;
        if (!(last & QW_ROLE) && !((last & QW_PLURAL) && qctx_word_is(ctx, at, "one") &&
                                   qctx_word_is(ctx, at + 1, "of")))
            return false;
    } else {
        return false;
    }
    if (comma + 1 >= rb || !(qctx_wref(ctx, comma)->flags & QX_COMMA))
        return false;
    qnp name;
    qctx_parse_np(ctx, comma + 1, rb, false, &name);
    if (name.kind != NP_NAME || name.org ||
        (name.end < rb && !(qctx_wref(ctx, name.end)->flags & (QX_COMMA | QX_TERMINAL))))
        return false;
    *np = name;
    return true;
}

/* The phrase naming the source of the cue at word `c` in the sentence
 * [lb, hi) that holds no quotation of its own to frame: the subject before
 * it ("Peter Jackson has said that …"), else the phrase after it when a
 * comma comes first ("…, says the boss of …"), after "according to", or after
 * "by" in a passive ("has been criticised … by campaigners"). */
qnp qctx_cue_source(const qctx *ctx, uint32_t c, uint32_t lb, uint32_t hi)
{
    qnp np = {.kind = NP_NONE};
    if (qctx_is_according(ctx, c))
        return according_np(ctx, c + 2, hi);
    if (c > lb && qctx_is_passive_aux(ctx, c - 1)) {
        for (uint32_t k = c + 1; k + 1 < hi; k++) {
            if (qctx_word_is(ctx, k, "by"))
                return according_np(ctx, k + 1, hi);
        }
        return np;
    }
    np = qctx_subject_left(ctx, c, lb);
    if (np.kind == NP_NONE && c > lb && (qctx_wref(ctx, c - 1)->flags & QX_COMMA))
        qctx_parse_np(ctx, c + 1, hi, true, &np);
    return np;
}

/* "…," Trump said / "…," said Claxton / "…," the council's ruling said. */
void qctx_attribute_right(const qctx *ctx, const qattr *a, qfound *f)
{
    uint32_t i = a->ca;
    while (i < a->rb && (qctx_wref(ctx, i)->flags & (QX_COMMA | QX_DASH)))
        i++;
    if (i >= a->rb)
        return;
    if (qctx_is_cue(ctx, i) && !qctx_is_ing(ctx, i) &&
        !(a->full_stop && (qctx_wref(ctx, i)->flags & QX_CAP))) {
        uint32_t at = i + (qctx_is_according(ctx, i) ? 2 : 1);
        qnp np;
        if (qctx_is_according(ctx, i))
            np = according_np(ctx, at, a->rb);
        else
            qctx_parse_np(ctx, at, a->rb, true, &np);
        if (np.kind == NP_NONE && !calendar_after_cue(ctx, at, a->rb, &np)) {
            uint32_t e = at < a->rb && qctx_word_is(ctx, at, "the") ? at + 2 : at + 1;
            if (e <= a->rb && (e == a->rb || (qctx_wref(ctx, e)->flags & (QX_COMMA | QX_TERMINAL))))
                staff_np(ctx, at, e, &np);
        }
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
        if (!qctx_is_cue(ctx, c) || qctx_is_ing(ctx, c))
            continue;
        if (qctx_is_according(ctx, c)) {
            qnp np = according_np(ctx, c + 2, a->rb);
            if (np.kind == NP_NONE)
                return;
            f->ok = f->has_np = true;
            f->np = np;
            set_cue(ctx, f, c);
            f->adjacent = c == i;
            return;
        }
        qnp np = qctx_subject_left(ctx, c, i);
        if (np.kind == NP_NONE && !staff_np(ctx, i, c, &np))
            return;
        /* After a full stop the words that follow are a new sentence unless
         * they are only the attribution: "…." Trump said. */
        if (a->full_stop && c + 1 < a->rb &&
            !(qctx_wref(ctx, c + 1)->flags & (QX_COMMA | QX_TERMINAL)))
            return;
        /* The subject must open the clause after the quotation (or follow a
         * comma), or this is a new sentence about something else; name
         * particles or a stage name's number may come first ("…," de Souza
         * said, "…," 50 Cent said). */
        bool described = described_name(ctx, i, &np);
        if (np.first != i && !(qctx_wref(ctx, np.first - 1)->flags & QX_COMMA) &&
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
static void name_lead_in(const qctx *ctx, const qattr *a, qfound *f)
{
    uint32_t ob = a->ob, lb = a->lb;
    if (ob < lb + 2 || !(qctx_wref(ctx, ob - 1)->flags & QX_COLON))
        return;
    bool cue = (qctx_wref(ctx, lb)->flags & (QW_CUE | QX_CAP)) == (QW_CUE | QX_CAP);
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

/* Whether the cue at word `c` is a verb of opinion (believe, fear, feel,
 * hope, think): a view held, not words spoken. */
static bool is_opinion_cue(const qctx *ctx, uint32_t c)
{
    static const char *const forms[] = {"believe", "believes", "believed", "fear",   "fears",
                                        "feared",  "feel",     "feels",    "felt",   "hope",
                                        "hopes",   "hoped",    "think",    "thinks", "thought"};
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (qctx_word_is(ctx, c, forms[i]))
            return true;
    }
    return false;
}

/* "Flores said no-one in the committee felt Aragones had "acted in a racist
 * way"", "X said he did not feel it was as "dramatic" as Y believed": a
 * verb of opinion in the complement of an earlier cue of the clause (no
 * punctuation between them) tells the view the outer speaker reports, in
 * that speaker's words. Returns that earlier cue when its subject names
 * someone, else `c`. */
static uint32_t reporting_cue(const qctx *ctx, uint32_t c, uint32_t lb)
{
    for (uint32_t k = c; k-- > lb;) {
        if (qctx_wref(ctx, k)->flags & QX_PUNCT)
            return c;
        if (qctx_is_cue(ctx, k) && !qctx_is_ing(ctx, k) && !qctx_is_according(ctx, k)) {
            if (!is_opinion_cue(ctx, c) || qctx_subject_left(ctx, k, lb).kind == NP_NONE)
                return c;
            return k;
        }
    }
    return c;
}

/* The opening dash of a pair whose closing dash is word `close` ("Wilson
 * - who founded Factory - said"): a dash before it in its sentence and
 * paragraph, no quotation between, at most 20 words back; `close` when
 * there is none. */
static uint32_t dash_pair_open(const qctx *ctx, uint32_t close)
{
    uint32_t stop = close > 20 ? close - 20 : 0;
    for (uint32_t k = close; k > stop; k--) {
        const qword *w = qctx_wref(ctx, k - 1);
        if (w->quote >= 0 || (w->flags & QX_TERMINAL) ||
            (qctx_wref(ctx, k)->flags & QX_PARA_START))
            return close;
        if (w->flags & QX_DASH)
            return k - 1;
    }
    return close;
}

/* The subject of a cue right after a closing dash, the clause before the
 * pair being the subject's ("Wilson - the man behind Factory - said",
 * "Wilson tried to revive Factory - which lasted 14 years - but
 * conceded"): the phrase before the opening dash, or after "and"/"but"
 * the subject of the clause before it. NP_NONE when `lb` follows no
 * closing dash. */
static qnp subject_before_dashes(const qctx *ctx, uint32_t lb, uint32_t cu, bool coordinated)
{
    qnp none = {.kind = NP_NONE};
    if (lb < 2 || !(qctx_wref(ctx, lb - 1)->flags & QX_DASH) || qctx_wref(ctx, lb - 1)->quote >= 0)
        return none;
    uint32_t open = dash_pair_open(ctx, lb - 1);
    if (open == lb - 1)
        return none;
    uint32_t lb2 = qctx_left_bound(ctx, open);
    if (lb2 >= open)
        return none;
    if (coordinated)
        return qctx_clause_subject(ctx, lb2, open);
    /* Only adverbs and auxiliaries between the dash and the cue. */
    if (cu > lb && (skip_aux_left(ctx, cu - 1, lb) > lb || !(qctx_wref(ctx, lb)->flags & QW_AUX)))
        return none;
    return qctx_subject_left(ctx, open, lb2);
}

/* "Q Magazine also had praise for the runners-up. Keane's album was
 * described as a "…"": a passive of description ("was described as",
 * "was hailed as") with no agent, in the sentence right after one that
 * opens with a publication's name as its subject (a press word in the
 * name or right after it), in the same paragraph, gives that
 * publication's words, as a press review writes. Returns true when it
 * names one. Asked only of such a passive cue at word `cu`. */
static bool publication_before(const qctx *ctx, uint32_t cu, qnp *np)
{
    if (!ctx->sents || cu + 1 >= ctx->nw || !qctx_word_is(ctx, cu + 1, "as"))
        return false;
    uint32_t s = ctx->toks[cu].sentence;
    if (s == 0 || s >= ctx->nsents)
        return false;
    uint32_t first = ctx->sents[s - 1].tok_start, end = ctx->sents[s - 1].tok_end;
    if (first >= end || ctx->w[first].para != ctx->w[cu].para || ctx->w[first].quote >= 0)
        return false;
    qnp p;
    qctx_parse_np(ctx, first, end, false, &p);
    if (p.kind != NP_NAME || p.end >= end)
        return false;
    for (uint32_t k = p.name_first; k <= p.name_end; k++) {
        if (qctx_is_press_word(ctx, k)) {
            *np = p;
            return true;
        }
    }
    return false;
}

static void attribute_left_at(const qctx *ctx, const qattr *a, uint32_t qi, qfound *f);

/* Trump told reporters: "…" / Seoul said that Trump "…" / …, saying "…". */
void qctx_attribute_left(const qctx *ctx, const qattr *a, uint32_t qi, qfound *f)
{
    if (a->ob > a->lb) {
        attribute_left_at(ctx, a, qi, f);
        return;
    }
    /* A quotation set off by dashes mid-sentence ("He pointed out that X
     * and Y - "…" - were signed to indies") belongs to the clause before
     * the opening dash: that clause's cue frames it. */
    uint32_t ob = a->ob;
    if (ob < 2 || a->ca >= ctx->nw || !(qctx_wref(ctx, ob - 1)->flags & QX_DASH) ||
        !(qctx_wref(ctx, a->ca)->flags & QX_DASH) || qctx_wref(ctx, ob - 1)->quote >= 0 ||
        qctx_wref(ctx, a->ca)->quote >= 0)
        return;
    qattr b = *a;
    b.ob = ob - 1;
    b.lb = qctx_left_bound(ctx, ob - 1);
    if (b.ob > b.lb)
        attribute_left_at(ctx, &b, qi, f);
}

/* "…, translated by campaigners as "…"" / "a show described by one critic
 * as "…"": with no cue in the clause, a past participle, "by", its agent
 * and "as" right before the quotation: the agent gives the words, as in a
 * passive with its auxiliary. Returns true when it names one. */
static bool participle_agent(const qctx *ctx, const qattr *a, qfound *f)
{
    uint32_t ob = a->ob, lb = a->lb;
    if (ob < lb + 4 || !qctx_word_is(ctx, ob - 1, "as"))
        return false;
    uint32_t stop = ob > lb + 10 ? ob - 10 : lb;
    /* The agent ends before "as", or before a name's own "!" ("OutRage!"). */
    uint32_t end = name_mark(ctx, ob - 2, lb) ? ob - 2 : ob - 1;
    for (uint32_t k = end - 1; k > stop; k--) {
        if (qctx_wref(ctx, k)->flags & QX_PUNCT)
            return false;
        if (!qctx_word_is(ctx, k, "by"))
            continue;
        const tp_token *t = &ctx->toks[k - 1];
        size_t n = t->end - t->start;
        if (n < 4 || memcmp(ctx->text + t->end - 2, "ed", 2) != 0 ||
            (qctx_wref(ctx, k - 1)->flags & (QX_CAP | QX_PUNCT)))
            return false;
        qnp by = according_np(ctx, k + 1, end);
        if (by.kind == NP_NONE || by.end != end)
            return false;
        f->ok = f->has_np = f->passive = true;
        f->np = by;
        return true;
    }
    return false;
}

/* Whether the clause [lb, …) of quotation `qi` opens right after the
 * quotation before it, in the same sentence and paragraph. */
static bool follows_quote_in_sentence(const qctx *ctx, uint32_t lb, uint32_t qi)
{
    return qi > 0 && lb > 0 && qctx_wref(ctx, lb - 1)->quote == (int32_t)qi - 1 &&
           !(qctx_wref(ctx, lb)->flags & QX_PARA_START) &&
           qctx_wref(ctx, lb - 1)->para == qctx_wref(ctx, lb)->para &&
           !qctx_quote_ends_sentence(ctx, qi - 1);
}

static void attribute_left_at(const qctx *ctx, const qattr *a, uint32_t qi, qfound *f)
{
    uint32_t ob = a->ob;
    uint32_t lb = a->lb;
    int32_t c = -1;
    for (uint32_t k = ob; k-- > lb;) {
        if (qctx_is_cue(ctx, k)) {
            c = (int32_t)k;
            break;
        }
    }
    if (c < 0) {
        if (!participle_agent(ctx, a, f))
            name_lead_in(ctx, a, f);
        return;
    }
    uint32_t cu = reporting_cue(ctx, (uint32_t)c, lb);
    set_cue(ctx, f, cu);
    /* Adjacent: only a colon, comma, "that" or a short object between. */
    f->adjacent = ob - f->cue_end <= 4;
    if (qctx_is_according(ctx, cu)) {
        qnp np = according_np(ctx, cu + 2, ob);
        if (np.kind != NP_NONE) {
            f->ok = f->has_np = true;
            f->np = np;
        }
        return;
    }
    if (qctx_is_ing(ctx, cu)) {
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
        if (follows_quote_in_sentence(ctx, lb, qi)) {
            f->ok = true;
            f->copy_from = (int32_t)qi - 1;
            return;
        }
        for (uint32_t k = cu; k-- > lb;) {
            if (qctx_is_cue(ctx, k) && !qctx_is_ing(ctx, k) && !qctx_is_according(ctx, k)) {
                qnp np = qctx_subject_left(ctx, k, lb);
                if (np.kind != NP_NONE) {
                    f->ok = f->has_np = true;
                    f->np = np;
                    return;
                }
            }
        }
        qnp np = qctx_clause_subject(ctx, lb, cu);
        if (np.kind != NP_NONE) {
            f->ok = f->has_np = true;
            f->np = np;
        }
        return;
    }
    if (cu > lb && qctx_is_passive_aux(ctx, cu - 1)) {
        /* "was described as a "…" by his friend Michael Pointon"; with no
         * "by", the words are nobody's in particular. */
        for (uint32_t k = cu + 1; k < a->rb; k++) {
            if (k >= ob && k < a->ca)
                continue;
            if (qctx_word_is(ctx, k, "by")) {
                qnp by = according_np(ctx, k + 1, k < ob ? ob : a->rb);
                if (by.kind != NP_NONE) {
                    f->ok = f->has_np = f->passive = true;
                    f->np = by;
                }
                break;
            }
        }
        qnp press;
        if (!f->has_np && publication_before(ctx, cu, &press)) {
            f->has_np = true;
            f->np = press;
        }
        f->ok = true;
        return;
    }
    qnp np = qctx_subject_left(ctx, cu, lb);
    if (np.kind == NP_NONE)
        np = subject_before_dashes(ctx, lb, cu,
                                   cu > lb && (qctx_word_is(ctx, cu - 1, "and") ||
                                               qctx_word_is(ctx, cu - 1, "but")));
    if (np.kind == NP_NONE) {
        /* said Mr Smith: "…" — the name right before the quotation. */
        qctx_parse_np(ctx, cu + 1, ob, true, &np);
        if (np.kind != NP_NAME ||
            (np.end != ob &&
             !(np.end + 1 == ob && (qctx_wref(ctx, np.end)->flags & (QX_COMMA | QX_COLON))))) {
            /* "Dunne is keen to … and said: "…"": the sentence's subject. */
            /* "A statement from Chelsea explaining the decision read:": a
             * source's phrase, a modifier after it. */
            bool coordinated = cu > lb && (qctx_word_is(ctx, cu - 1, "and") ||
                                           qctx_word_is(ctx, cu - 1, "but"));
            if (coordinated || (cu > lb && qctx_is_read(ctx, cu)))
                np = qctx_clause_subject(ctx, lb, cu);
            else
                np.kind = NP_NONE;
            /* "X said he was "deeply proud" of the show, but said the
             * decision was "…"": a cue with no subject of its own after
             * "and"/"but" shares the subject of the clause before it,
             * whose words the quotation before it in the sentence are. */
            if (np.kind == NP_NONE && coordinated && follows_quote_in_sentence(ctx, lb, qi)) {
                f->ok = true;
                f->copy_from = (int32_t)qi - 1;
                return;
            }
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
