/* np.c - reading the phrase that names a speaker: titles and roles are kept
 * out of the name ("US Secretary of State Mike Pompeo" -> Mike Pompeo),
 * spokespeople and statements speak for the name before them ("a BBC
 * spokesman" -> BBC), possessors speak through their statements ("the
 * council's ruling" -> the council). */
#include "context.h"
#include "np.h"

#include <string.h>

static bool is_name_word(const qword *w)
{
    return (w->flags & (QX_CAP | QX_ACRONYM)) && !(w->flags & QX_PUNCT);
}

/* Whether the capitalised role word at `j` (below `hi`), after a name
 * word, is a surname: it follows a plain capitalised word, not an acronym
 * ("BBC Director"), and no name word follows it. */
static bool is_surname(const qword *W, uint32_t j, uint32_t hi)
{
    return !(W[j - 1].flags & (QX_ACRONYM | QW_STOP | QW_PREP)) &&
           !(W[j].flags & (QX_ACRONYM | QW_HONORIFIC)) &&
           (j + 1 >= hi || W[j + 1].quote != W[j].quote || !is_name_word(&W[j + 1]));
}

/* Whether the two words after word `j` (below `hi`) are plain name words
 * of its quotation: no role, title, body or stop word ("Sheriff Harry Lee",
 * not "King Jr" or "Mayor said"). */
static bool two_names_after(const qword *W, uint32_t j, uint32_t hi)
{
    const uint32_t not_plain = QW_ROLE | QW_HONORIFIC | QW_ORG | QW_STOP | QW_PREP | QW_SOURCE;
    return j + 2 < hi && W[j + 1].quote == W[j].quote && W[j + 2].quote == W[j].quote &&
           is_name_word(&W[j + 1]) && is_name_word(&W[j + 2]) &&
           !((W[j + 1].flags | W[j + 2].flags) & not_plain);
}

/* Whether the lower-case word at `j` (below `end`), after a name word, is
 * inside the name: "of" after an organisation word ("Bank of England"), or
 * a name particle ("Sandra den Hamer"). */
static bool inner_name_word(const qctx *ctx, uint32_t j, uint32_t end)
{
    const qword *W = ctx->w;
    return j + 1 < end && ((qctx_word_is(ctx, j, "of") && (W[j - 1].flags & QW_ORG)) ||
                           qnp_particle_joins(W, j, end));
}

/* Whether "of" at `j` and the one lower-case word after it are a role's
 * field before a name: "director of rugby Nigel Melville". Asked only
 * right after a role, where the phrase would otherwise end. */
static bool is_field_of(const qctx *ctx, uint32_t j)
{
    const qword *W = ctx->w;
    return !(W[j + 1].flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QNP_ENDS_PHRASE | QW_ROLE)) &&
           is_name_word(&W[j + 2]) && !(W[j + 2].flags & (QW_STOP | QW_PREP)) &&
           W[j + 1].quote == W[j].quote && W[j + 2].quote == W[j].quote &&
           qctx_word_is(ctx, j, "of");
}

/* "a spokeswoman for MTV", "a spokesman for the band", "a statement from
 * Chelsea": the body after "for", "of" or "from" (a name, or an
 * organisation word that resolves to one) speaks.
 * Fills *np with it and returns true, or returns false leaving *np alone.
 * Kept out of qctx_parse_np, which is hot and should need no second phrase
 * on its stack. */
static __attribute__((noinline)) bool body_speaks(const qctx *ctx, uint32_t i, uint32_t end,
                                                  uint32_t hi, qnp *np)
{
    if (end + 1 >= hi || !(qctx_word_is(ctx, end, "for") || qctx_word_is(ctx, end, "of") ||
                           qctx_word_is(ctx, end, "from")))
        return false;
    qnp body;
    qctx_parse_np(ctx, end + 1, hi, false, &body);
    if (body.kind != NP_NAME && !(body.kind == NP_ROLE && body.org))
        return false;
    *np = body;
    np->first = i;
    np->org = true;
    np->person = false;
    return true;
}

/* After "X's": what X owns names the speaker ("the minister's spokesman
 * Tim Smith") or X speaks through it ("the council's ruling", "the
 * rapper's spokesman"). Updates *np (the phrase of X, starting at `i`). */
static __attribute__((noinline)) void read_owned(const qctx *ctx, uint32_t i, uint32_t hi,
                                                 int32_t quote, qnp *np)
{
    const qword *W = ctx->w;
    qnp owned;
    qctx_parse_np(ctx, np->end + 1, hi, false, &owned);
    if (owned.kind == NP_NAME ||
        (owned.kind == NP_ROLE && !(W[owned.name_first].flags & QW_SOURCE))) {
        *np = owned;
        np->first = i;
        return;
    }
    uint32_t k = owned.kind != NP_NONE ? owned.end : np->end + 1;
    uint32_t stop = k + 3;
    while (k < hi && k < stop && W[k].quote == quote &&
           !(W[k].flags & (QX_PUNCT | QX_CAP | QW_CUE | QW_AUX | QW_PREP | QW_RELATIVE)))
        k++;
    np->end = k;
}

/* The phrase read from `i` as words [from, end) with its last title or role
 * and its last organisation word (-1 when none), in *np: the name, the role,
 * or the body a source speaks for. Returns whether the phrase may still own
 * what follows it ("the council's ruling"): false when it names no one or
 * is the body after "a spokeswoman for". */
static bool settle_phrase(const qctx *ctx, uint32_t i, uint32_t from, uint32_t end, uint32_t hi,
                          int32_t last_role, int32_t org_word, qnp *np)
{
    const qword *W = ctx->w;
    /* The name: the capitalised words after the last title or role, or
     * after a lower-case organisation word that some word of the phrase
     * comes before ("the band Busted", "US rock band REM", "pop group
     * Girls Aloud"): that body's name ("leaving office Blair" has none). */
    bool named_body = org_word > last_role && (org_word > (int32_t)from || from > i) &&
                      (uint32_t)org_word + 1 < end && is_name_word(&W[org_word + 1]);
    uint32_t ns = last_role >= 0 ? (uint32_t)last_role + 1 : from;
    if (named_body)
        ns = (uint32_t)org_word + 1;
    while (ns < end && !is_name_word(&W[ns]))
        ns++;
    uint32_t ne = ns;
    while (ne < end && (is_name_word(&W[ne]) || (ne > ns && inner_name_word(ctx, ne, end))) &&
           !((W[ne].flags & (QW_ROLE | QW_HONORIFIC | QW_SOURCE)) && !(W[ne].flags & QX_CAP)))
        ne++;
    /* A lone sentence-initial stop word is no name ("However"). */
    if (ne == ns + 1 && (W[ns].flags & QW_STOP) && !(W[ns].flags & (QW_NATION | QW_ORG)))
        ne = ns;
    /* "the Bishop of Durham": a place after "of" is the role's domain. */
    bool domain = ne > ns && last_role >= 0 && ns == (uint32_t)last_role + 2 &&
                  qctx_word_is(ctx, (uint32_t)last_role + 1, "of");
    if (ne > ns && !domain) {
        np->kind = NP_NAME;
        np->name_first = ns;
        np->name_end = ne;
        /* "Judges Simon Cowell, …", "champions France": a plural role
         * tells nothing of the name. */
        np->person = last_role >= 0 && !(W[last_role].flags & QW_PLURAL);
        /* "trade magazine Screen International", "the newspaper Le
         * Monde": a name after a source that is no person (a publication,
         * a report; not "spokesman") is that body's. */
        if (np->person && (W[last_role].flags & (QW_SOURCE | QW_ROLE)) == QW_SOURCE &&
            !qctx_source_is_person(ctx, (uint32_t)last_role))
            np->person = false, np->org = true;
        for (uint32_t k = ns; k < ne; k++) {
            if (W[k].flags & QW_ORG)
                np->org = true;
        }
        if (org_word > (int32_t)ns || named_body ||
            ((W[ns].flags & QX_ACRONYM) && ne == ns + 1 && !(W[ns].flags & QW_NATION)))
            np->org = true;
        if (np->org)
            np->person = false;
        /* Titles before, name, and org words after ("KCNA news agency"). */
        np->end = end;
    } else if (last_role >= 0 || org_word >= 0 || domain) {
        /* A spokesman or statement of a named body speaks for that body. */
        uint32_t h = last_role >= 0 ? (uint32_t)last_role : (uint32_t)org_word;
        uint32_t cs = from;
        while (cs < h && !is_name_word(&W[cs]))
            cs++;
        uint32_t ce = cs;
        while (ce < h && is_name_word(&W[ce]) &&
               !(W[ce].flags & (QW_ROLE | QW_PLURAL | QW_HONORIFIC)))
            ce++;
        if ((W[h].flags & QW_SOURCE) && ce > cs) {
            np->kind = NP_NAME;
            np->name_first = cs;
            np->name_end = ce;
            np->org = true;
        } else if ((W[h].flags & QW_SOURCE) && body_speaks(ctx, i, end, hi, np)) {
            return false;
        } else {
            if (domain)
                end = ne;
            np->kind = NP_ROLE;
            np->name_first = h;
            np->name_end = h + 1;
            np->person = last_role >= 0 && !(W[h].flags & (QW_ORG | QW_SOURCE | QW_PLURAL));
            np->org = !np->person;
        }
        np->end = end;
    } else {
        return false;
    }
    return true;
}

/* Whether word `j`, right after a name word, is a count ("broke Williams
 * three times", "Rooney two goals"): what a verb did, no qualifier of a
 * role or organisation word after the name ("KCNA news agency"). */
static __attribute__((noinline)) bool count_after_name(const qctx *ctx, uint32_t j, uint32_t names)
{
    static const char *const counts[] = {"two",   "three", "four", "five", "six",
                                         "seven", "eight", "nine", "ten",  "several"};
    if (names == 0 || !is_name_word(&ctx->w[j - 1]))
        return false;
    const tp_token *t = &ctx->toks[j];
    if (t->kind == TP_TOK_NUMBER)
        return true;
    /* Only a word of three to seven letters opening as one of them can be. */
    char c = ctx->text[t->start];
    if (t->end - t->start < 3 || t->end - t->start > 7 ||
        !(c == 't' || c == 'f' || c == 's' || c == 'e' || c == 'n'))
        return false;
    for (size_t k = 0; k < sizeof counts / sizeof counts[0]; k++) {
        if (qctx_word_is(ctx, j, counts[k]))
            return true;
    }
    return false;
}

/* Whether the name words right before word `j` follow the phrase's role
 * (`last_role`): "England player Simon Amor". The name after a role is
 * whole, so a lower-case word after it is no adjective before another
 * role but what the person does ("… Simon Amor beat team-mate Ben
 * Gollings"). */
static bool name_after_role(const qword *W, uint32_t j, int32_t last_role)
{
    return last_role >= 0 && (uint32_t)last_role + 1 < j && is_name_word(&W[j - 1]);
}

void qctx_parse_np(const qctx *ctx, uint32_t i, uint32_t hi, bool possessive, qnp *np)
{
    const qword *W = ctx->w;
    if (hi > ctx->nw)
        hi = (uint32_t)ctx->nw;
    if (qnp_read_name_run(ctx, i, hi, np)) {
        if (possessive && np->end < hi && qnp_possessive_at(ctx, np->end))
            read_owned(ctx, i, hi, W[i].quote, np);
        return;
    }
    qnp_parse_no_run(ctx, i, hi, possessive, np);
}

void qnp_parse_no_run(const qctx *ctx, uint32_t i, uint32_t hi, bool possessive, qnp *np)
{
    const qword *W = ctx->w;
    /* Every field set, so the phrase is the same whoever asks. */
    *np = (qnp){.kind = NP_NONE, .first = i, .end = i};
    if (i >= hi)
        return;
    int32_t quote = W[i].quote;
    if (W[i].flags & (QW_PRON_PERSON | QW_PRON_GROUP)) {
        np->kind = NP_PRON;
        np->name_first = i;
        np->end = np->name_end = i + 1;
        return;
    }
    uint32_t j = qnp_skip_determiners(W, i, hi);
    bool det = j > i;
    uint32_t from = j;
    int32_t last_role = -1;
    int32_t org_word = -1;
    qnp_run run = qnp_name_run(W, from, hi, quote, QNP_NAME_FIRST_EXCLUDED);
    uint32_t names = run.end - from;
    qnp_add_run_ids(np, W, from, run);
    uint32_t gender = 0;
    j = run.end;
    while (j < hi && W[j].quote == quote) {
        const qword *w = &W[j];
        uint32_t f = w->flags;
        gender |= f & (QW_FEMALE | QW_MALE);
        if (f & QX_PUNCT) {
            /* A hyphen inside a name run (Lewis-Francis is one token, but a
             * spaced one is not part of a name). */
            break;
        }
        /* A capitalised plural is a role too ("Judges Simon Cowell"). */
        if (((f & (QW_ROLE | QW_HONORIFIC)) || (f & (QW_PLURAL | QX_CAP)) == (QW_PLURAL | QX_CAP)) &&
            !((f & QX_ACRONYM) && !(f & QW_ROLE))) {
            /* A capitalised role word after the name has begun is not a
             * title (Mike Pompeo, State ...): it ends the phrase, or, right
             * after a first name and before no other name word, it is the
             * surname ("Jason King said", "Ben Judge,"; but "Chelsea
             * Chairman Bruce Buck"). */
            if (names > 0 && (f & QX_CAP) && j > from && is_name_word(&W[j - 1]) &&
                !(W[j - 1].flags & (QW_ROLE | QW_HONORIFIC | QW_NATION | QW_ORG))) {
                if (is_surname(W, j, hi)) {
                    /* A surname tells no gender (King, Prince). */
                    gender &= ~(f & (QW_FEMALE | QW_MALE));
                    names++;
                    j++;
                    continue;
                }
                /* "Jefferson Parish Sheriff Harry Lee", "London Mayor
                 * Ken Livingstone": before a name of two words, the role
                 * is the title and the name before it a place or body,
                 * no part of the person's name. */
                if (last_role < (int32_t)from && !two_names_after(W, j, hi))
                    break;
            }
            last_role = (int32_t)j;
            qnp_add_id(np, w->id);
        } else if (f & QW_SOURCE) {
            last_role = (int32_t)j;
        } else if (is_name_word(w)) {
            if ((f & (QW_STOP | QW_PREP)) && !(f & (QW_NATION | QW_ORG)) && j == from && !det)
                break;
            if (f & QW_NATION)
                qnp_add_id(np, w->id);
            names++;
        } else if (f & (QW_NATION | QW_ORG)) {
            qnp_add_id(np, w->id);
            if (f & QW_ORG)
                org_word = (int32_t)j;
        } else if (last_role == (int32_t)j - 1 && j + 1 < hi &&
                   (W[j + 1].flags & (QX_CAP | QW_ROLE)) && qctx_word_is(ctx, j, "of")) {
            /* Secretary of State */
        } else if (last_role == (int32_t)j - 1 && j + 1 < hi && (W[j + 1].flags & QW_ROLE) &&
                   !(W[j + 1].flags & QW_PLURAL) && W[j + 1].quote == quote &&
                   qctx_word_is(ctx, j, "and")) {
            /* "founder and director Elliot Grove": two roles of one
             * person. */
        } else if (last_role == (int32_t)j - 1 && j + 2 < hi && is_field_of(ctx, j)) {
            /* "director of rugby Nigel Melville", "head of communications
             * Jane Doe": the role's field, one lower-case word, then the
             * name. */
            j++;
        } else if (names > 0 && j > from && (W[j - 1].flags & QW_ORG) &&
                   (W[j - 1].flags & QX_CAP) && j + 1 < hi && (W[j + 1].flags & QX_CAP) &&
                   !(W[j + 1].flags & QW_STOP) && qctx_word_is(ctx, j, "of")) {
            /* International Association of Athletics Federations */
        } else if (!(f & (QX_CAP | QNP_ENDS_PHRASE)) && !name_after_role(W, j, last_role) &&
                   qnp_adjective_before_role(W, j, hi) && !count_after_name(ctx, j, names)) {
            /* An adjective before a role: "the younger leader". */
        } else if (names > 0 && is_name_word(&W[j - 1]) && qnp_particle_joins(W, j, hi)) {
            /* "Festival director Sandra den Hamer": the particles and the
             * name word after them are the name's. */
            j += qnp_particle_joins(W, j, hi) - 1;
        } else {
            break;
        }
        j++;
    }
    uint32_t end = j;
    np->gender = gender;
    if (end == run.end && end > from) {
        /* The run alone ("the BBC"): no title, role or organisation word. */
        qnp_set_name_run(np, W, i, from, run, gender);
    } else if (!settle_phrase(ctx, i, from, end, hi, last_role, org_word, np)) {
        return;
    }
    if (possessive && np->end < hi && qnp_possessive_at(ctx, np->end))
        read_owned(ctx, i, hi, quote, np);
}
