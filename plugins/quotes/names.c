/* names.c - registering the names a document gives: the name pass visits
 * each word that may begin a name, reads the naming phrase there ("US
 * Secretary of State Mike Pompeo", "his protege The Game"), files its name
 * in the document's index of entities (one per form, with what the phrase
 * tells: roles, person, body, gender) and records the mention; acronyms in
 * parentheses and "aka" names are noted on the way. Which fuller form a
 * name stands for is decided after, in fuller_forms.c. */
#include "entities.h"
#include "context.h"
#include "np.h"

#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

/* Whether the `n` words from `a` and from `b` are the same, word by word.
 * Out of line: asked only when the name keys match. */
__attribute__((noinline)) bool qctx_same_words(const qctx *ctx, uint32_t a, uint32_t b, uint32_t n)
{
    for (uint32_t k = 0; k < n; k++) {
        if (!qctx_word_eq(ctx, a + k, b + k))
            return false;
    }
    return true;
}

/* Doubles the index (an empty one gets 256 slots) and files the entities
 * again. */
static int grow_index(qctx *ctx)
{
    size_t cap = ctx->cap_slots ? ctx->cap_slots * 2 : 256;
    uint32_t *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return TP_ENOMEM;
    free(ctx->ent_slots);
    ctx->ent_slots = slots;
    ctx->cap_slots = cap;
    for (uint32_t k = 0; k < ctx->nents; k++) {
        size_t i = ctx->ents[k].key & (cap - 1);
        while (slots[i])
            i = (i + 1) & (cap - 1);
        slots[i] = k + 1;
    }
    return 0;
}

void qentity_merge_ids(qentity *to, const uint16_t *ids, uint8_t n)
{
    for (uint8_t i = 0; i < n; i++) {
        bool have = false;
        for (uint8_t k = 0; k < to->nids; k++)
            have = have || to->ids[k] == ids[i];
        if (!have && to->nids < Q_MAX_IDS)
            to->ids[to->nids++] = ids[i];
    }
}

/* The entity named by words [first, first+n), registered if new: its
 * index, -1 when the table is full, or -2 out of memory. */
int32_t qctx_add_entity(qctx *ctx, uint32_t first, uint32_t n)
{
    /* Room for one more entity first: the index stays at most half full
     * (so a slot is found whether the name is new or not). */
    if (ctx->nents < Q_MAX_ENTITIES && (ctx->nents + 1) * 2 > ctx->cap_slots &&
        grow_index(ctx) != 0)
        return -2;
    qname_sig sig = qctx_sign_name(ctx, first, n);
    size_t slot = qctx_find_slot(ctx, NULL, first, n, sig.key);
    if (ctx->ent_slots[slot])
        return (int32_t)(ctx->ent_slots[slot] - 1);
    if (ctx->nents >= Q_MAX_ENTITIES)
        return -1;
    if (ctx->nents >= ctx->cap_ents && qctx_grow_entities(ctx, ctx->nents + 1) != 0)
        return -2;
    qentity *E = &ctx->ents[ctx->nents];
    memset(E, 0, sizeof *E);
    E->name_first = first;
    E->name_n = n;
    E->key = sig.key;
    E->words = sig.words;
    E->alias = -1;
    E->canon = (uint32_t)ctx->nents;
    ctx->ent_slots[slot] = (uint32_t)ctx->nents + 1;
    return (int32_t)ctx->nents++;
}

/* A word may begin a naming phrase when it is capitalised, or a title or
 * role ("foreign minister Mike Pompeo"), and no punctuation. */
enum { BEGINS_NAME = QX_CAP | QX_ACRONYM | QW_ROLE | QW_HONORIFIC };

/* The first word at or after `i` that may begin a name, or `nw` (the word
 * view's end marker may begin one: the scan needs no bound). Pronouns and
 * sentence starters ("He", "But"), a third of the capitalised words that
 * begin no name, are passed over here on their flags alone. */
static uint32_t next_name_start(const qword *W, uint32_t i)
{
    const qword *w = &W[i];
    for (;; w++) {
        /* Two words a step, so one pointer step serves both tests (w[1] is
         * read only when w[0] is no start, so at most the end marker). */
        while (!(w[0].flags & BEGINS_NAME) && !(w[1].flags & BEGINS_NAME))
            w += 2;
        if (!(w->flags & BEGINS_NAME))
            w++;
        if (!(w->flags & QX_PUNCT) && !qnp_flags_name_no_one(w->flags))
            return (uint32_t)(w - W);
    }
}

/* Whether the role word at `i` (below `hi`) is a phrase alone ("the
 * minister said"): the next word ends a name run at once and is no comma (a
 * name in apposition may follow) nor a preposition ("minister of State"). */
static bool role_alone(const qword *W, uint32_t i, uint32_t hi)
{
    uint32_t j = i + 1;
    return j >= hi || (!(W[j].flags & (QX_COMMA | QW_PREP)) && qnp_ends_name_run(W, j, hi));
}

/* Whether the lower-case role word at `i` (below `hi`) is a verb: "Amor
 * will captain England", "Woodward will coach the side", "the chance to
 * captain the Lions": after a modal, or after "to" before a determiner or a
 * nation word (a title stands before neither; "indebted to skipper Brian
 * O'Driscoll" keeps its title). The name after it then has no role. */
static __attribute__((noinline)) bool role_is_verb(const qctx *ctx, uint32_t i, uint32_t hi)
{
    const qword *W = ctx->w;
    uint32_t before = i > 0 ? W[i - 1].flags : 0;
    if (!(before & (QW_AUX | QW_PREP)) || (before & (QX_CAP | QX_ACRONYM | QX_PUNCT)) ||
        i + 1 >= hi || W[i - 1].quote != W[i].quote)
        return false;
    if (before & QW_AUX)
        return qctx_is_modal(ctx, i - 1);
    return qctx_word_is(ctx, i - 1, "to") && (W[i + 1].flags & (QW_DET | QW_NATION)) &&
           !(W[i + 1].flags & QX_ACRONYM);
}

/* Whether the phrase at word `i` (below `hi`, a start next_name_start()
 * found) is no name for qctx_parse_np (which then ends the phrase where it
 * began): determiners followed by a word that ends a name run at once ("The
 * move", "This is"), or a role alone. Most of the capitalised words that
 * begin no name and pass the scan are these: asking here saves the call. */
static bool names_no_one(const qctx *ctx, uint32_t i, uint32_t hi)
{
    const qword *W = ctx->w;
    uint32_t f = W[i].flags;
    if ((f & QW_DET) && !(f & QX_ACRONYM))
        return qnp_determiners_open_nothing(W, i, hi);
    if ((f & QW_ROLE) && !(f & (QX_ACRONYM | QW_SOURCE)))
        return role_alone(W, i, hi) || (!(f & QX_CAP) && role_is_verb(ctx, i, hi));
    return false;
}

/* "the 25-year-old Dubliner", "the Spaniard": one capitalised word after an
 * article describes someone; it names no one. Not a body's name before its
 * spokesperson or statement ("a Jive spokeswoman", "a Sony statement"),
 * which the phrase reads as that body's (np->org, a source word ending
 * it). */
static inline __attribute__((always_inline)) bool describes_someone(const qctx *ctx, const qnp *np)
{
    return np->name_end == np->name_first + 1 &&
           !(ctx->w[np->name_first].flags & (QX_ACRONYM | QW_ORG | QW_NATION)) &&
           (qctx_is_article(ctx, np->first) ||
            (np->first > 0 && qctx_is_article(ctx, np->first - 1))) &&
           !(np->org && np->end > np->name_end && (ctx->w[np->end - 1].flags & QW_SOURCE));
}

/* Whether the capitalised "The" at word `t`, right before the name of
 * phrase `np`, is part of that name: "his protege The Game", "a single by
 * The Streets". Mid-sentence, a capital says so (a word or comma before
 * it, in the same quotation or none, outside headings, which are written
 * in title style); at a sentence start ("The Game told …") the capital
 * says nothing, and the name takes "The" only when the article has already
 * written it mid-sentence (else "The Spaniard" would be a name). */
static bool the_opens_name(const qctx *ctx, uint32_t t, const qnp *np)
{
    const qword *W = ctx->w;
    if ((W[t].flags & (QX_CAP | QX_ACRONYM)) != QX_CAP || ctx->keys[t] != ctx->article_keys[0] ||
        qctx_heading_at(ctx, t))
        return false;
    if (t > 0 && !(W[t].flags & (QX_SENT_START | QX_PARA_START)) && W[t - 1].quote == W[t].quote &&
        (W[t - 1].flags & (QX_PUNCT | QX_COMMA)) != QX_PUNCT)
        return true;
    uint32_t n = np->name_end - t;
    return ctx->the_names && qctx_find_entity(ctx, t, n, qctx_sign_name(ctx, t, n)) >= 0;
}

static inline int note_mention(qctx *ctx, const qnp *np, int32_t e, uint32_t para_end,
                               bool heading);

/* "All England Club chairman Tim Phillips", "Wigan Athletic boss Paul
 * Jewell": the name before the role of phrase `np` (which names the person
 * after it), two words or more ending in a capitalised organisation word,
 * is that body's full name; registered too (first: mentions are in text
 * order), so that a short form of it ("an All England club spokesperson")
 * stands for it. A capitalised stop word mid-sentence right before it,
 * which the scan passes over, is its first ("by All England Club"). */
static __attribute__((noinline)) int register_body_before_role(qctx *ctx, const qnp *np,
                                                                uint32_t para_end)
{
    const qword *W = ctx->w;
    uint32_t k = qnp_skip_determiners(W, np->first, np->name_first);
    qnp_run run = qnp_name_run(W, k, np->name_first, W[k].quote, QNP_NAME_FIRST_EXCLUDED);
    if (k == np->first && k > 0 && W[k - 1].quote == W[k].quote &&
        (W[k - 1].flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QW_STOP | QW_DET | QX_SENT_START |
                           QX_PARA_START)) == (QX_CAP | QW_STOP))
        k--;
    if (run.end - k < 2 || run.end >= np->name_first ||
        (W[run.end - 1].flags & (QW_ORG | QX_CAP | QX_ACRONYM)) != (QW_ORG | QX_CAP) ||
        (W[run.end].flags & (QW_ROLE | QX_PUNCT)) != QW_ROLE)
        return 0;
    int32_t e = qctx_add_entity(ctx, k, run.end - k);
    if (e < 0)
        return e == -2 ? TP_ENOMEM : 0;
    bool heading = qctx_heading_at(ctx, k);
    ctx->ents[e].count += !heading;
    ctx->ents[e].org = true;
    qnp body = {.kind = NP_NAME, .first = k, .end = run.end, .name_first = k, .name_end = run.end,
                .org = true};
    return W[k].quote < 0 ? note_mention(ctx, &body, e, para_end, heading) : 0;
}

/* The phrase at word `i` (a possible name start, below `para_end`), read
 * into phrases[0], or phrases[1] when it is a name in apposition to a role
 * (*role then points at the role's phrase); NULL when the word names no
 * one, or on an error (*rc then set). */
static const qnp *read_phrase(qctx *ctx, uint32_t i, uint32_t para_end, qnp phrases[2],
                              const qnp **role, int *rc)
{
    *role = NULL;
    if (qnp_read_name_run(ctx, i, para_end, &phrases[0]))
        return &phrases[0];
    if (names_no_one(ctx, i, para_end))
        return NULL;
    qnp *np = &phrases[0];
    qnp_parse_no_run(ctx, i, para_end, false, np);
    if (np->kind == NP_NAME && np->person && np->name_first > np->first + 2) {
        *rc = register_body_before_role(ctx, np, para_end);
        if (*rc != 0)
            return NULL;
    }
    if (np->kind == NP_ROLE && np->person && np->end + 1 < para_end &&
        (ctx->w[np->end].flags & QX_COMMA)) {
        /* "The Bishop of Durham, the Rt Rev Dr Tom Wright,": the name
         * takes the role. */
        qctx_parse_np(ctx, np->end + 1, para_end, false, &phrases[1]);
        if (phrases[1].kind == NP_NAME) {
            *role = &phrases[0];
            return &phrases[1];
        }
    }
    return np;
}

/* "Korean Central News Agency (KCNA)": the acronym in parentheses after
 * entity `e`'s name (ending at word `a`) is the article's short name for
 * it. */
static int note_acronym(qctx *ctx, int32_t e, uint32_t a, uint32_t para_end)
{
    const qword *W = ctx->w;
    if (!(a + 2 < para_end && (W[a + 1].flags & QX_ACRONYM) && qctx_word_is(ctx, a, "(") &&
          qctx_word_is(ctx, a + 2, ")")))
        return 0;
    int32_t ae = qctx_add_entity(ctx, a + 1, 1);
    if (ae == -2)
        return TP_ENOMEM;
    if (ae >= 0) {
        ctx->ents[e].alias = ae;
        ctx->ents[ae].org = ctx->ents[ae].org || ctx->ents[e].org;
        ctx->ents[ae].count++;
    }
    return 0;
}

/* Notes entities `e` and `o` as two names of one entity (ctx->akas,
 * which link_akas() in fuller_forms.c joins), when there is room. */
static void link_names(qctx *ctx, int32_t e, int32_t o)
{
    if (o != e && ctx->nakas < Q_MAX_AKAS) {
        ctx->akas[ctx->nakas][0] = (uint32_t)e;
        ctx->akas[ctx->nakas][1] = (uint32_t)o;
        ctx->nakas++;
    }
}

/* "JK, also known as Jason King", "Fatboy Slim, aka Norman Cook", "DJ
 * Norman Cook - aka Fatboy Slim": the name after these words is another
 * name of entity `e` (whose name ends at word `a`, a comma or dash before a
 * naming word or auxiliary: "aka", "also"); the pair is noted in
 * ctx->akas. ("50 Cent, real name Curtis Jackson" is not: the stage name
 * stays the speaker's.) */
static __attribute__((noinline)) int note_aka(qctx *ctx, int32_t e, uint32_t a, uint32_t para_end)
{
    const qword *W = ctx->w;
    uint32_t k = a + 1;
    if (k + 1 >= para_end || W[k].quote != W[a - 1].quote || ctx->nakas >= Q_MAX_AKAS)
        return 0;
    if (qctx_word_is(ctx, k, "aka"))
        k++;
    else if (k + 3 < para_end && qctx_word_is(ctx, k, "also") &&
             qctx_word_is(ctx, k + 1, "known") && qctx_word_is(ctx, k + 2, "as"))
        k += 3;
    else
        return 0;
    qnp other;
    qctx_parse_np(ctx, k, para_end, false, &other);
    if (other.kind != NP_NAME || W[other.name_first].quote != W[a - 1].quote)
        return 0;
    if (describes_someone(ctx, &other)) {
        /* "Mike Skinner - aka The Streets", as qctx_register_names() reads it. */
        if (other.name_first != other.first + 1 || !the_opens_name(ctx, other.first, &other))
            return 0;
        other.name_first = other.first;
        ctx->the_names = true;
    }
    int32_t o = qctx_add_entity(ctx, other.name_first, other.name_end - other.name_first);
    if (o == -2)
        return TP_ENOMEM;
    if (o >= 0)
        link_names(ctx, e, o);
    return 0;
}

/* "Said Wales coach Scott Johnson: "…"", "Said Hale: "…"": a capitalised
 * reporting verb opening the sentence of a lead-in that runs to the colon
 * before the quotation opening at word `ob`, within ten words, is the cue
 * (cues.c's name_lead_in() reads it so), never a first name: it is marked
 * a stop word, which the name pass passes over ("Said Hale" is no name). */
static __attribute__((noinline)) void mark_cue_lead_in(qctx *ctx, uint32_t ob)
{
    qword *W = ctx->w;
    uint32_t s = ctx->toks[ob - 1].sentence;
    if (!ctx->sents || s >= ctx->nsents)
        return;
    uint32_t k = ctx->sents[s].tok_start;
    if (k + 11 >= ob && k < ob - 1 && W[k].quote < 0 &&
        (W[k].flags & (QW_CUE | QX_CAP | QX_ACRONYM)) == (QW_CUE | QX_CAP))
        W[k].flags |= QW_STOP;
}

/* Whether word `w` may be part of a name around a nickname: a capitalised
 * word of no other part (no stop word, role, title, nation or body word,
 * particle, possessive), outside quotations. */
static bool nickname_name_word(const qword *w)
{
    return (w->flags & (QX_CAP | QX_ACRONYM)) == QX_CAP && w->quote < 0 &&
           !(w->flags & (QNP_NAME_FIRST_EXCLUDED | QX_POSS | QW_NATION | QW_ORG | QW_PARTICLE));
}

/* "Ahmed 'Mido' Hossam", "Marion "Suge" Knight": the quotation of words
 * [m, ca) (its marks and one or two words) is a nickname inside one
 * person's name when its words are capitalised, its marks touch them with
 * a space either side, and a name of one or two words stands before it and
 * a name run of one or two after it, in one paragraph, outside quotations.
 * That name, from the first name's first word to the second's last, is
 * registered as a person (quotes.c prints it without the nickname, which
 * stays a quotation of kind "other"); the names the pass reads on either
 * side, and the nickname, are its shorter forms (choose_fuller_forms()),
 * and the nickname is noted as another name of it (ctx->akas, as
 * note_aka() does). 0, or TP_ENOMEM. */
static __attribute__((noinline)) int join_nickname(qctx *ctx, uint32_t m, uint32_t ca)
{
    const qword *W = ctx->w;
    const tp_token *T = ctx->toks;
    if (m < 1 || ca >= ctx->nw || !nickname_name_word(&W[m - 1]) || !nickname_name_word(&W[ca]) ||
        W[ca].para != W[m - 1].para || !(W[ca - 1].flags & QX_PUNCT) ||
        T[m].start != T[m - 1].end + 1 || T[m + 1].start != T[m].end ||
        T[ca - 1].start != T[ca - 2].end || T[ca].start != T[ca - 1].end + 1)
        return 0;
    for (uint32_t k = m + 1; k < ca - 1; k++) {
        if ((W[k].flags & (QX_CAP | QX_PUNCT | QW_STOP)) != QX_CAP)
            return 0;
    }
    qnp after;
    qctx_parse_np(ctx, ca, (uint32_t)ctx->nw, false, &after);
    if (after.kind != NP_NAME || after.first != ca || after.name_first != ca ||
        after.name_end - ca > 2 || after.org || W[after.name_end - 1].para != W[ca].para)
        return 0;
    uint32_t first = m >= 2 && nickname_name_word(&W[m - 2]) &&
                             !(W[m - 1].flags & (QX_SENT_START | QX_PARA_START))
                         ? m - 2
                         : m - 1;
    int32_t e = qctx_add_entity(ctx, first, after.name_end - first);
    int32_t o = e >= 0 ? qctx_add_entity(ctx, m + 1, ca - 1 - (m + 1)) : e;
    if (o == -2)
        return TP_ENOMEM;
    if (e < 0)
        return 0;
    ctx->ents[e].person = true;
    ctx->ents[e].count++;
    if (o >= 0)
        link_names(ctx, e, o);
    return 0;
}

/* What the quotations tell the name pass, read before it from their first
 * word and the word after (few quotations, no words visited): a nickname
 * inside a name (a quotation of one or two words, join_nickname()), a cue
 * opening a lead-in to a quotation after a colon (mark_cue_lead_in()). 0,
 * or TP_ENOMEM. */
static int read_quotations_around(qctx *ctx)
{
    const qword *W = ctx->w;
    for (size_t q = 0; q < ctx->quotes.count; q++) {
        uint32_t ob = ctx->attr[q].ob, ca = ctx->attr[q].ca;
        if (ca - ob - 3u <= 1u) {
            int rc = join_nickname(ctx, ob, ca);
            if (rc != 0)
                return rc;
        }
        if (ob >= 2 && (W[ob - 1].flags & QX_COLON))
            mark_cue_lead_in(ctx, ob);
    }
    return 0;
}

/* Records the mention of entity `e` by phrase `np` (outside quotations),
 * with where it stands in its sentence. */
static inline __attribute__((always_inline)) int note_mention(qctx *ctx, const qnp *np, int32_t e,
                                                          uint32_t para_end, bool heading)
{
    if (ctx->nments >= ctx->cap_ments && qctx_grow_mentions(ctx, ctx->nments + 1) != 0)
        return TP_ENOMEM;
    qmention *M = &ctx->ments[ctx->nments++];
    /* "Edwards' sister Rachel": a bare apostrophe after -s is a possessive
     * as "-'s" is; the name is then no subject. */
    bool poss = np->name_end < para_end && qnp_possessive_at(ctx, np->name_end);
    M->word = np->name_first;
    M->phrase = np->first;
    M->entity = (uint32_t)e;
    M->plain = !heading && !poss;
    return 0;
}

/* Registers the name `np` reads (and `role`, the role it is in apposition
 * to, or NULL), in a heading or not: its entity, what the phrase tells of
 * it, its mention. */
static int register_name(qctx *ctx, const qnp *np, const qnp *role, uint32_t para_end, bool heading)
{
    int32_t e = qctx_add_entity(ctx, np->name_first, np->name_end - np->name_first);
    if (e < 0)
        return e == -2 ? TP_ENOMEM : 0;
    qentity *E = &ctx->ents[e];
    /* Headlines are written in title style: their words count for nothing
     * when choosing the fullest form ("Fuming Robinson"). */
    if (!heading)
        E->count++;
    /* Most names are a run alone, which tells nothing more: each mark is
     * written only when the phrase has it. */
    if (np->nids)
        qentity_merge_ids(E, np->ids, np->nids);
    if (role) {
        qentity_merge_ids(E, role->ids, role->nids);
        E->gender |= role->gender;
    }
    if (np->gender)
        E->gender |= np->gender;
    if (np->person || role)
        E->person = E->titled = true;
    if (np->org)
        E->org = true;
    int rc = note_acronym(ctx, e, np->name_end, para_end);
    /* The end marker after the last word has no comma or dash. */
    const qword *after = &ctx->w[np->name_end];
    if (rc == 0 && (after[0].flags & (QX_COMMA | QX_DASH)) &&
        (after[1].flags & (QW_NAMING | QW_AUX)))
        rc = note_aka(ctx, e, np->name_end, para_end);
    if (rc == 0 && ctx->w[np->name_first].quote < 0)
        rc = note_mention(ctx, np, e, para_end, heading);
    return rc;
}

/* Registers every name in the document, in text order. Only the words that
 * may begin a name are read; a name's phrase ends at the next paragraph
 * start. */
int qctx_register_names(qctx *ctx)
{
    const qword *W = ctx->w;
    const uint32_t nw = (uint32_t)ctx->nw;
    size_t ps = 0;
    uint32_t para_end = 0;
    qnp phrases[2];
    int rc = ctx->quotes.count ? read_quotations_around(ctx) : 0;
    if (rc != 0)
        return rc;
    /* i: the first word not read yet, moved on to the next possible start */
    for (uint32_t i = next_name_start(W, 0); i < nw; i = next_name_start(W, i)) {
        if (i >= para_end) {
            while (ps < ctx->npstarts && ctx->pstarts[ps] <= i)
                ps++;
            para_end = ps < ctx->npstarts ? ctx->pstarts[ps] : nw;
        }
        const qnp *role;
        const qnp *np = read_phrase(ctx, i, para_end, phrases, &role, &rc);
        if (!np) {
            if (rc != 0)
                return rc;
            i++;
            continue;
        }
        i = np->end > i ? np->end : i + 1;
        if (np->kind != NP_NAME)
            continue;
        qnp with_the;
        if (describes_someone(ctx, np)) {
            /* "his protege The Game": not a description but a name. */
            if (np->name_first != np->first + 1 || !the_opens_name(ctx, np->first, np))
                continue;
            with_the = *np;
            with_the.name_first = np->first;
            np = &with_the;
            ctx->the_names = true;
        }
        /* Asked of every name: one load, where remembering the last
         * name's sentence cost a mispredicted branch on every other one. */
        rc = register_name(ctx, np, role, para_end, qctx_heading_at(ctx, np->name_first));
        if (rc != 0)
            return rc;
    }
    return 0;
}
