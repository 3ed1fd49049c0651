/* entities.c - the people and organisations a document names, so that
 * "Pompeo", "he" and "the minister" resolve to the fullest name given
 * anywhere in the article ("Mike Pompeo"). */
#include "entities.h"
#include "context.h"
#include "np.h"

#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

static uint64_t load8(const char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof v);
    return v;
}

static uint32_t load4(const char *s)
{
    uint32_t v;
    memcpy(&v, s, sizeof v);
    return v;
}

/* Whether the `n` bytes at `x` and `y` are the same: a word's bytes in two
 * loads of each side that overlap (first and last 8 or 4), as names are
 * short. Inline: the name look-ups ask it of every name found again. */
static inline __attribute__((always_inline)) bool same_bytes(const char *x, const char *y, size_t n)
{
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            if (load8(x + i) != load8(y + i))
                return false;
        }
        return load8(x + n - 8) == load8(y + n - 8);
    }
    if (n >= 4)
        return load4(x) == load4(y) && load4(x + n - 4) == load4(y + n - 4);
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return false;
    }
    return true;
}

/* Whether words `a` and `b` are the same bytes. Their keys decide most
 * pairs (different keys: different words); equal keys still compare the
 * bytes, since case tells names apart. */
static inline __attribute__((always_inline)) bool word_eq(const qctx *ctx, uint32_t a,
                                                           uint32_t b)
{
    if (ctx->keys[a] != ctx->keys[b])
        return false;
    const tp_token *x = &ctx->toks[a], *y = &ctx->toks[b];
    size_t n = x->end - x->start;
    size_t m = y->end - y->start;
    return n == m && same_bytes(ctx->text + x->start, ctx->text + y->start, n);
}

/* Whether the words [a, a+an) all occur in order within [b, b+bn). */
static bool subsequence(const qctx *ctx, uint32_t a, uint32_t an, uint32_t b, uint32_t bn)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < bn && k < an; i++) {
        if (word_eq(ctx, a + k, b + i))
            k++;
    }
    return k == an;
}

/* Whether the `n` words from `a` and from `b` are the same, word by word.
 * Out of line: asked only when the name keys match. */
static __attribute__((noinline)) bool same_words(const qctx *ctx, uint32_t a, uint32_t b,
                                                 uint32_t n)
{
    for (uint32_t k = 0; k < n; k++) {
        if (!word_eq(ctx, a + k, b + k))
            return false;
    }
    return true;
}

/* A name's hash (its words' keys, in order), to find it fast, and its word
 * set (a bit picked by each word's key), so "is every word of A in B" is
 * first asked of two integers. */
typedef struct name_sig {
    uint32_t key;
    uint64_t words;
} name_sig;

#define NAME_HASH_MULTIPLIER 0x9E3779B97F4A7C15ull

static name_sig sign_name(const qctx *ctx, uint32_t first, uint32_t n)
{
    uint64_t h = 0, bits = 0;
    const uint64_t *key = &ctx->keys[first], *end = key + n;
    do { /* a name has a word */
        h = (h ^ *key) * NAME_HASH_MULTIPLIER;
        bits |= 1ull << (*key >> 58);
    } while (++key < end);
    return (name_sig){(uint32_t)(h >> 32), bits};
}

/* Whether entity `E`'s name is the `n` words listed in `picked`, one by one. */
static bool names_picked(const qctx *ctx, const qentity *E, const uint32_t *picked, uint32_t n)
{
    uint32_t k = 0;
    while (k < n && word_eq(ctx, picked[k], E->name_first + k))
        k++;
    return k == n;
}

/* The index slot of the entity named exactly by `n` words whose name key is
 * `key`: words [first, first+n), or, when `picked` is not NULL, the words it
 * lists; or the empty slot where that entity would go. The index must have
 * slots. */
static inline __attribute__((always_inline)) size_t
find_slot(const qctx *ctx, const uint32_t *picked, uint32_t first, uint32_t n, uint32_t key)
{
    size_t mask = ctx->cap_slots - 1;
    size_t i = key & mask;
    for (; ctx->ent_slots[i]; i = (i + 1) & mask) {
        const qentity *E = &ctx->ents[ctx->ent_slots[i] - 1];
        if (E->key != key || E->name_n != n)
            continue;
        /* One word, most names: compared here, without the call. */
        if (picked ? names_picked(ctx, E, picked, n)
            : n == 1 ? word_eq(ctx, first, E->name_first)
                     : same_words(ctx, first, E->name_first, n))
            break;
    }
    return i;
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

static void merge_ids(qentity *to, const uint16_t *ids, uint8_t n)
{
    for (uint8_t i = 0; i < n; i++) {
        bool have = false;
        for (uint8_t k = 0; k < to->nids; k++)
            have = have || to->ids[k] == ids[i];
        if (!have && to->nids < Q_MAX_IDS)
            to->ids[to->nids++] = ids[i];
    }
}

bool qctx_entity_is_place(const qctx *ctx, const qentity *E)
{
    for (uint32_t k = 0; k < E->name_n; k++) {
        if (!(ctx->w[E->name_first + k].flags & QW_NATION))
            return false;
    }
    return true;
}

/* The entity named by words [first, first+n), registered if new: its
 * index, -1 when the table is full, or -2 out of memory. */
static int32_t add_entity(qctx *ctx, uint32_t first, uint32_t n)
{
    /* Room for one more entity first: the index stays at most half full
     * (so a slot is found whether the name is new or not). */
    if (ctx->nents < Q_MAX_ENTITIES && (ctx->nents + 1) * 2 > ctx->cap_slots &&
        grow_index(ctx) != 0)
        return -2;
    name_sig sig = sign_name(ctx, first, n);
    size_t slot = find_slot(ctx, NULL, first, n, sig.key);
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

static bool in_heading(const qctx *ctx, uint32_t word)
{
    uint32_t s = ctx->toks[word].sentence;
    return ctx->sents && s < ctx->nsents && (ctx->sents[s].flags & TP_SENTF_HEADING);
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
    /* "Manchester United's Alex Ferguson has praised …" */
    if ((p->flags & QX_POSS) && first >= 2) {
        uint32_t k = first - 2;
        while (k > 0 && (W[k].flags & (QX_CAP | QX_ACRONYM)) && !(W[k].flags & QX_SENT_START))
            k--;
        return (W[k].flags & QX_SENT_START) != 0;
    }
    return false;
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

/* Whether the phrase at word `i` (below `hi`, a start next_name_start()
 * found) is no name for qctx_parse_np (which then ends the phrase where it
 * began): determiners followed by a word that ends a name run at once ("The
 * move", "This is"), or a role alone. Most of the capitalised words that
 * begin no name and pass the scan are these: asking here saves the call. */
static bool names_no_one(const qword *W, uint32_t i, uint32_t hi)
{
    uint32_t f = W[i].flags;
    if ((f & QW_DET) && !(f & QX_ACRONYM))
        return qnp_determiners_open_nothing(W, i, hi);
    if ((f & QW_ROLE) && !(f & (QX_ACRONYM | QW_SOURCE)))
        return role_alone(W, i, hi);
    return false;
}

/* Which of two fuller forms a short name stands for: the most mentioned,
 * a person on a tie, else the one registered first. (A strict order: the
 * order the candidates are visited in does not matter.) */
static bool fuller_is_better(const qctx *ctx, uint32_t f, uint32_t best)
{
    const qentity *F = &ctx->ents[f], *B = &ctx->ents[best];
    if (F->count != B->count)
        return F->count > B->count;
    if (F->person != B->person)
        return F->person;
    return f < best;
}

/* "the 25-year-old Dubliner", "the Spaniard": one capitalised word after an
 * article describes someone; it names no one. */
static inline __attribute__((always_inline)) bool describes_someone(const qctx *ctx, const qnp *np)
{
    return np->name_end == np->name_first + 1 &&
           !(ctx->w[np->name_first].flags & (QX_ACRONYM | QW_ORG | QW_NATION)) &&
           (qctx_is_article(ctx, np->first) || (np->first > 0 && qctx_is_article(ctx, np->first - 1)));
}

/* Looks up the entity named by words [first, first+n), signed `sig`,
 * without registering it: its index, or -1. */
static int32_t find_entity(const qctx *ctx, uint32_t first, uint32_t n, name_sig sig)
{
    if (!ctx->cap_slots)
        return -1;
    return (int32_t)ctx->ent_slots[find_slot(ctx, NULL, first, n, sig.key)] - 1;
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
        in_heading(ctx, t))
        return false;
    if (t > 0 && !(W[t].flags & (QX_SENT_START | QX_PARA_START)) && W[t - 1].quote == W[t].quote &&
        (W[t - 1].flags & (QX_PUNCT | QX_COMMA)) != QX_PUNCT)
        return true;
    uint32_t n = np->name_end - t;
    return ctx->the_names && find_entity(ctx, t, n, sign_name(ctx, t, n)) >= 0;
}

/* The phrase at word `i` (a possible name start, below `para_end`), read
 * into phrases[0], or phrases[1] when it is a name in apposition to a role
 * (*role then points at the role's phrase); NULL when the word names no
 * one. */
static const qnp *read_phrase(const qctx *ctx, uint32_t i, uint32_t para_end, qnp phrases[2],
                              const qnp **role)
{
    *role = NULL;
    if (qnp_read_name_run(ctx, i, para_end, &phrases[0]))
        return &phrases[0];
    if (names_no_one(ctx->w, i, para_end))
        return NULL;
    qnp *np = &phrases[0];
    qnp_parse_no_run(ctx, i, para_end, false, np);
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
    int32_t ae = add_entity(ctx, a + 1, 1);
    if (ae == -2)
        return TP_ENOMEM;
    if (ae >= 0) {
        ctx->ents[e].alias = ae;
        ctx->ents[ae].org = ctx->ents[ae].org || ctx->ents[e].org;
        ctx->ents[ae].count++;
    }
    return 0;
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
        /* "Mike Skinner - aka The Streets", as register_names() reads it. */
        if (other.name_first != other.first + 1 || !the_opens_name(ctx, other.first, &other))
            return 0;
        other.name_first = other.first;
        ctx->the_names = true;
    }
    int32_t o = add_entity(ctx, other.name_first, other.name_end - other.name_first);
    if (o == -2)
        return TP_ENOMEM;
    if (o >= 0 && o != e) {
        ctx->akas[ctx->nakas][0] = (uint32_t)e;
        ctx->akas[ctx->nakas][1] = (uint32_t)o;
        ctx->nakas++;
    }
    return 0;
}

/* Records the mention of entity `e` by phrase `np` (outside quotations),
 * with where it stands in its sentence. */
static int note_mention(qctx *ctx, const qnp *np, int32_t e, uint32_t para_end, bool heading)
{
    const qword *W = ctx->w;
    if (ctx->nments >= ctx->cap_ments && qctx_grow_mentions(ctx, ctx->nments + 1) != 0)
        return TP_ENOMEM;
    qmention *M = &ctx->ments[ctx->nments++];
    bool poss = np->name_end < para_end && (W[np->name_end].flags & QX_POSS);
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
    int32_t e = add_entity(ctx, np->name_first, np->name_end - np->name_first);
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
        merge_ids(E, np->ids, np->nids);
    if (role) {
        merge_ids(E, role->ids, role->nids);
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
static int register_names(qctx *ctx)
{
    const qword *W = ctx->w;
    const uint32_t nw = (uint32_t)ctx->nw;
    size_t ps = 0;
    uint32_t para_end = 0;
    qnp phrases[2];
    /* i: the first word not read yet, moved on to the next possible start */
    for (uint32_t i = next_name_start(W, 0); i < nw; i = next_name_start(W, i)) {
        if (i >= para_end) {
            while (ps < ctx->npstarts && ctx->pstarts[ps] <= i)
                ps++;
            para_end = ps < ctx->npstarts ? ctx->pstarts[ps] : nw;
        }
        const qnp *role;
        const qnp *np = read_phrase(ctx, i, para_end, phrases, &role);
        if (!np) {
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
        /* Asked of every name: two loads, where remembering the last
         * name's sentence cost a mispredicted branch on every other one. */
        int rc = register_name(ctx, np, role, para_end, in_heading(ctx, np->name_first));
        if (rc != 0)
            return rc;
    }
    return 0;
}

/* Names of up to this many words find their shorter forms by choosing some
 * of their words and looking the choice up: at most 14 look-ups. */
enum { SHORT_FORMS_UPTO = 4 };

/* Whether a name particle stands in `F`'s name: "Stade de France", "Tour
 * de France" are named after a place, which is still a name of its own
 * ("France" is not the stadium). Asked only of a fuller form offered to a
 * nation word. */
static bool names_after_particle(const qctx *ctx, const qentity *F)
{
    for (uint32_t k = 1; k < F->name_n; k++) {
        if (qnp_is_particle(ctx->w[F->name_first + k].flags))
            return true;
    }
    return false;
}

/* Considers entity `f` as the fuller form of entity `e` (whose words all
 * occur in order in f's, which has more): e's form is the best one offered.
 * An acronym is a name of its own ("MTV" is not "MTV Smut Peddlers") unless
 * the text spelled it out in parentheses, and so is a nation word in a name
 * with a particle ("France", "Stade de France"). */
static void offer_fuller_form(qctx *ctx, uint32_t e, uint32_t f)
{
    qentity *E = &ctx->ents[e];
    if (E->name_n == 1 && (ctx->w[E->name_first].flags & QX_ACRONYM))
        return;
    if (E->name_n == 1 && (ctx->w[E->name_first].flags & QW_NATION) &&
        names_after_particle(ctx, &ctx->ents[f]))
        return;
    if (E->canon == e || fuller_is_better(ctx, f, E->canon))
        E->canon = f;
}

/* The entity named by the words of `F` that `picked` has bits for (bit k:
 * its k-th word), or -1. */
static int32_t find_picked(const qctx *ctx, const qentity *F, uint32_t picked)
{
    uint32_t word[SHORT_FORMS_UPTO];
    uint32_t n = 0;
    uint64_t h = 0;
    for (uint32_t bits = picked; bits; bits &= bits - 1) {
        word[n] = F->name_first + (uint32_t)__builtin_ctz(bits);
        h = (h ^ ctx->keys[word[n]]) * NAME_HASH_MULTIPLIER;
        n++;
    }
    uint32_t slot = ctx->ent_slots[find_slot(ctx, word, 0, n, (uint32_t)(h >> 32))];
    return (int32_t)slot - 1;
}

/* Offers entity `f` (of two to SHORT_FORMS_UPTO words) to each shorter
 * form of it the document names: every choice of some of its words, in
 * order, looked up by name. */
static void offer_to_short_forms(qctx *ctx, uint32_t f)
{
    const qentity *F = &ctx->ents[f];
    uint32_t all = (1u << F->name_n) - 1;
    for (uint32_t picked = 1; picked < all; picked++) {
        int32_t e = find_picked(ctx, F, picked);
        if (e >= 0)
            offer_fuller_form(ctx, (uint32_t)e, f);
    }
}

/* Masks over a chunk of at most 64 entities (bit k: the chunk's k-th
 * entity), to find a name's fuller forms among them by ANDing. */
enum { FULLER_COUNTS = 8 }; /* word counts the index tells apart */
typedef struct fuller_index {
    uint64_t holds[64];             /* by word-set bit: the entities holding a word of it */
    uint64_t longer[FULLER_COUNTS]; /* by word count n: the entities of more than n words */
} fuller_index;

/* Indexes the `n` (at most 64) entities listed from `list`. */
static void index_fuller_forms(const qctx *ctx, const uint32_t *list, size_t n, fuller_index *ix)
{
    memset(ix, 0, sizeof *ix);
    for (size_t k = 0; k < n; k++) {
        const qentity *F = &ctx->ents[list[k]];
        for (uint64_t bits = F->words; bits; bits &= bits - 1)
            ix->holds[__builtin_ctzll(bits)] |= 1ull << k;
        /* By word count here, made "more than" below. */
        uint32_t count = F->name_n < FULLER_COUNTS ? F->name_n : FULLER_COUNTS;
        ix->longer[count - 1] |= 1ull << k;
    }
    for (size_t m = FULLER_COUNTS - 1; m-- > 0;)
        ix->longer[m] |= ix->longer[m + 1];
}

/* Offers each of the `n` (at most 64) long entities listed from `list`
 * (more than SHORT_FORMS_UPTO words, too many to choose words from) to every
 * shorter entity whose words they hold in order. The candidates for a name
 * are the listed entities holding all of its word-set bits, found by ANDing
 * one mask per bit. */
static void offer_long_names(qctx *ctx, const uint32_t *list, size_t n)
{
    fuller_index ix;
    index_fuller_forms(ctx, list, n, &ix);
    for (uint32_t e = 0; e < ctx->nents; e++) {
        const qentity *E = &ctx->ents[e];
        uint64_t cands = E->name_n < FULLER_COUNTS ? ix.longer[E->name_n] : ~0ull;
        for (uint64_t bits = E->words; bits && cands; bits &= bits - 1)
            cands &= ix.holds[__builtin_ctzll(bits)];
        for (; cands; cands &= cands - 1) {
            uint32_t f = list[__builtin_ctzll(cands)];
            const qentity *F = &ctx->ents[f];
            if (F->name_n > E->name_n &&
                subsequence(ctx, E->name_first, E->name_n, F->name_first, F->name_n))
                offer_fuller_form(ctx, e, f);
        }
    }
}

/* Whether the name of entity `T` (two words, mentioned once) is a place run
 * into a surname, the comma after it missing: "speaking in Thailand Hingis
 * admitted" after "Martina Hingis". It is when it follows a lower-case "in"
 * or "at", a lower-case word follows it (a verb: the surname is a subject,
 * no possessor), and another name of two words ends with that surname: the
 * person (the most mentioned such name). Returns its entity, or -1. */
static int32_t place_before_surname(const qctx *ctx, const qentity *T)
{
    const qword *W = ctx->w;
    uint32_t a = T->name_first, z = a + 1;
    if (a == 0 || z + 1 >= ctx->nw || (W[a - 1].flags & (QW_PREP | QX_CAP)) != QW_PREP ||
        (W[z + 1].flags & (QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QW_PREP)) ||
        W[z + 1].quote != W[a].quote ||
        !(qctx_word_is(ctx, a - 1, "in") || qctx_word_is(ctx, a - 1, "at")))
        return -1;
    /* Asked of few names: a walk over the entities costs nothing. */
    int32_t best = -1;
    for (size_t p = 0; p < ctx->nents; p++) {
        const qentity *P = &ctx->ents[p];
        if (P != T && P->name_n == 2 && P->alias < 0 &&
            ctx->keys[P->name_first + 1] == ctx->keys[z] &&
            ctx->keys[P->name_first] != ctx->keys[a] &&
            (best < 0 || P->count > ctx->ents[best].count))
            best = (int32_t)p;
    }
    return best;
}

/* qctx_choose_fuller_forms(), which also lists in places[] (up to 8, their
 * number in *nplaces) the two-word names written once after a lower-case
 * preposition, for point_places_at_people(): the walk visits them anyway. */
static void choose_fuller_forms(qctx *ctx, uint32_t places[8], size_t *nplaces_out)
{
    uint32_t longs[64];
    size_t nlongs = 0;
    size_t nplaces = 0;
    for (uint32_t f = 0; f < ctx->nents; f++) {
        uint32_t n = ctx->ents[f].name_n;
        if (n < 2)
            continue;
        if (n <= SHORT_FORMS_UPTO) {
            offer_to_short_forms(ctx, f);
            if (n == 2 && ctx->ents[f].count == 1 && nplaces < 8 && ctx->ents[f].name_first > 0 &&
                (ctx->w[ctx->ents[f].name_first - 1].flags & (QW_PREP | QX_CAP)) == QW_PREP)
                places[nplaces++] = f;
            continue;
        }
        longs[nlongs++] = f;
        if (nlongs == 64) {
            offer_long_names(ctx, longs, nlongs);
            nlongs = 0;
        }
    }
    if (nlongs)
        offer_long_names(ctx, longs, nlongs);
    *nplaces_out = nplaces;
}

void qctx_choose_fuller_forms(qctx *ctx)
{
    uint32_t places[8];
    size_t nplaces;
    choose_fuller_forms(ctx, places, &nplaces);
}

/* Points each of the listed names that place_before_surname() reads as a
 * place run into a surname (and that is no short form of a longer name) at
 * that person. */
static void point_places_at_people(qctx *ctx, const uint32_t *places, size_t nplaces)
{
    for (size_t k = 0; k < nplaces; k++) {
        qentity *T = &ctx->ents[places[k]];
        int32_t p = T->canon == places[k] && T->alias < 0 ? place_before_surname(ctx, T) : -1;
        if (p >= 0)
            T->canon = (uint32_t)p;
    }
}

/* The fullest form entity `e` points at so far (a few hops on). */
static uint32_t fullest_form(const qctx *ctx, uint32_t e)
{
    for (int hops = 0; hops < 4 && ctx->ents[e].canon != e; hops++)
        e = ctx->ents[e].canon;
    return e;
}

/* Joins the two names of each "X, also known as Y" into one entity, named
 * by the fuller (rule 11 of the gold's guideline): the one of more words.
 * Names of as many words are left apart: neither is fuller, so each
 * sentence keeps the name it uses ("Norman Cook - aka Fatboy Slim"). */
static void link_akas(qctx *ctx)
{
    for (size_t k = 0; k < ctx->nakas; k++) {
        uint32_t a = fullest_form(ctx, ctx->akas[k][0]);
        uint32_t b = fullest_form(ctx, ctx->akas[k][1]);
        const qentity *A = &ctx->ents[a], *B = &ctx->ents[b];
        if (a == b || A->alias >= 0 || B->alias >= 0 || A->name_n == B->name_n)
            continue;
        bool b_names = B->name_n > A->name_n;
        qentity *From = &ctx->ents[b_names ? a : b];
        const qentity *To = &ctx->ents[b_names ? b : a];
        From->alias = (int32_t)(b_names ? b : a);
        /* The fuller name tells whether it is a body: a lone acronym ("JK")
         * was only guessed to be one. */
        From->org = From->org && To->org;
    }
}

/* Points each entity at its fullest form, a few chosen forms on ("Kim" ->
 * "Kim Jong" -> "Kim Jong Un"), or at the acronym the text spelled out, and
 * gives that form what this one was told (roles, person, gender, body). The
 * entities are visited in order, as the forms they point at are. */
static void settle_canon(qctx *ctx)
{
    for (size_t e = 0; e < ctx->nents; e++) {
        qentity *E = &ctx->ents[e];
        uint32_t c = E->canon;
        if (c == e && E->alias < 0)
            continue;
        for (int hops = 0; hops < 4 && ctx->ents[c].canon != c; hops++)
            c = ctx->ents[c].canon;
        if (ctx->ents[c].alias >= 0)
            c = ctx->ents[ctx->ents[c].alias].canon;
        E->canon = c;
        qentity *C = &ctx->ents[c];
        if (C == E)
            continue;
        merge_ids(C, E->ids, E->nids);
        C->person |= E->person;
        C->titled |= E->titled;
        C->gender |= E->gender;
        C->org |= E->org;
    }
}

/* Decides which fullest forms are people: two to four plain capitalised
 * words read as a person's name (not a place: its first word is no nation
 * word); a body is no person. */
static void mark_people(qctx *ctx)
{
    for (size_t e = 0; e < ctx->nents; e++) {
        qentity *C = &ctx->ents[ctx->ents[e].canon];
        /* Computed without branches: the tests' outcomes follow no pattern. */
        bool plain_name = (C->name_n - 2u <= 2u) &
                          !(ctx->w[C->name_first].flags & (QW_STOP | QX_ACRONYM | QW_NATION));
        C->person = (C->person | plain_name) & !C->org;
    }
}

int qctx_find_entities(qctx *ctx)
{
    int rc = register_names(ctx);
    if (rc != 0)
        return rc;
    uint32_t places[8];
    size_t nplaces;
    choose_fuller_forms(ctx, places, &nplaces);
    if (nplaces)
        point_places_at_people(ctx, places, nplaces);
    if (ctx->nakas)
        link_akas(ctx);
    settle_canon(ctx);
    mark_people(ctx);
    return 0;
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

bool qctx_number_opens_name(const qctx *ctx, uint32_t first)
{
    const qword *W = ctx->w;
    if (first == 0 || first >= ctx->nw || !is_short_number(ctx, first - 1) ||
        W[first - 1].quote != W[first].quote || W[first - 1].para != W[first].para ||
        (W[first].flags & (QW_STOP | QX_ACRONYM)) ||
        (first >= 2 && (W[first - 2].flags & (QX_COMMA | QX_COLON))))
        return false;
    /* The pair written again: a stage name, not a date or a count. */
    const uint64_t *K = ctx->keys;
    uint64_t a = K[first - 1], b = K[first];
    for (size_t k = 1; k < ctx->nw; k++) {
        if (K[k] == b && K[k - 1] == a && k != first)
            return true;
    }
    return false;
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

bool qctx_mention_may_lead(const qctx *ctx, const qmention *M)
{
    const qword *before = M->phrase > 0 ? &ctx->w[M->phrase - 1] : NULL;
    return M->plain &&
           !(before && (before->flags & (QW_PREP | QW_CUE)) && !(before->flags & QX_CAP)) &&
           !(M->phrase == M->word && before && !(before->flags & QX_CAP) &&
             is_article_or_possessive(ctx, M->phrase - 1)) &&
           ctx->ents[ctx->ents[M->entity].canon].person;
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

bool qctx_mention_is_subject(const qctx *ctx, const qmention *M)
{
    return (M->plain && is_subject(ctx, M->phrase)) || qctx_mention_leads(ctx, M);
}

int32_t qctx_entity_of(const qctx *ctx, const qnp *np)
{
    if (np->kind != NP_NAME)
        return -1;
    uint32_t n = np->name_end - np->name_first;
    name_sig sig = sign_name(ctx, np->name_first, n);
    int32_t found = find_entity(ctx, np->name_first, n, sig);
    if (found >= 0)
        return (int32_t)ctx->ents[found].canon;
    int32_t best = -1;
    uint64_t bits = sig.words;
    for (size_t f = 0; f < ctx->nents; f++) {
        const qentity *F = &ctx->ents[f];
        if (F->name_n > n && !(bits & ~F->words) &&
            subsequence(ctx, np->name_first, n, F->name_first, F->name_n) &&
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

/* "And he said … - Ian Paisley. He said …": a pronoun opening its sentence
 * continues the same pronoun opening the sentence before (same paragraph or
 * the one before), so it is resolved from there, past the names that
 * sentence ends with. Follows at most three such links; returns the word
 * to resolve from (`at` itself when there is none). */
static uint32_t pronoun_chain_start(const qctx *ctx, uint32_t pron, uint32_t at)
{
    if (!ctx->sents || pron != at || pron >= ctx->nw)
        return at;
    uint32_t cur = pron;
    for (int links = 0; links < 3; links++) {
        uint32_t s = ctx->toks[cur].sentence;
        if (s == 0 || s >= ctx->nsents || sentence_subject_word(ctx, s) != cur)
            break;
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
    if (!ctx->sents || end + 1 >= ctx->nw || !(ctx->w[end].flags & QX_COMMA) ||
        !qctx_word_is(ctx, end + 1, "who"))
        return false;
    uint32_t s = ctx->toks[at].sentence;
    uint32_t ms = ctx->toks[M->word].sentence;
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

int32_t qctx_resolve(const qctx *ctx, const qnp *np, uint32_t at, int32_t speaker,
                     uint32_t speaker_at)
{
    const qword *W = ctx->w;
    if (np->kind == NP_PRON) {
        bool person = W[np->name_first].flags & QW_PRON_PERSON;
        if (person)
            at = pronoun_chain_start(ctx, np->name_first, at);
        int32_t any = -1;
        size_t seen = 0;
        for (size_t m = qctx_mentions_before(ctx, at); m-- > 0 && seen < Q_LOOKBACK;) {
            const qmention *M = &ctx->ments[m];
            if (M->word >= at)
                continue;
            seen++;
            uint32_t c = ctx->ents[M->entity].canon;
            const qentity *E = &ctx->ents[c];
            bool fits = person
                            ? (E->person || (E->spoke && !E->org && !qctx_entity_is_place(ctx, E)))
                            : (E->org || qctx_entity_is_place(ctx, E));
            /* "she" is not a man named with Mr, nor "he" a woman. */
            uint32_t want = qctx_word_is(ctx, np->name_first, "she") ? QW_FEMALE : QW_MALE;
            if (person && E->gender && !(E->gender & want))
                fits = false;
            if (person && fits && qctx_mention_modifies_noun(ctx, M))
                fits = false;
            if (!fits)
                continue;
            if (person && speaker >= 0 && speaker_at > M->word &&
                !(ctx->ents[speaker].gender && !(ctx->ents[speaker].gender & want)))
                return speaker; /* quoted since that mention */
            if (!person || qctx_mention_is_subject(ctx, M) || qctx_introduced_before(ctx, M, at))
                return (int32_t)c;
            if (any < 0)
                any = (int32_t)c;
            /* Look back at most two paragraphs for a subject. */
            if (W[M->word].para + 2 < W[at].para)
                break;
        }
        if (person && speaker >= 0)
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
        int score = 0;
        for (uint8_t i = 0; i < np->nids; i++) {
            for (uint8_t k = 0; k < E->nids; k++) {
                /* A nationality tells people apart better than a job does
                 * ("the American leader" among several leaders). */
                if (np->ids[i] == E->ids[k])
                    score += (np->ids[i] & QLEX_NATION_ID) ? 3 : 2;
            }
        }
        if (head_in_name(ctx, np->name_first, E) || head_in_name(ctx, np->name_first,
                                                                 &ctx->ents[raw]))
            score += 3;
        if (np->person &&
            (E->org || (score > 0 && qctx_mention_modifies_noun(ctx, &ctx->ments[m]))))
            score = 0;
        if (!np->person && E->person)
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
    return best;
}
