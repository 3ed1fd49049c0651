/* fuller_forms.c - which name each registered form stands for: a short
 * form for the most mentioned fuller form holding its words ("Kim" ->
 * Kim Jong Un), a place run into a surname for that person, a misspelt
 * surname for the one person it is one edit from, the two names
 * of an "aka" for the fuller, an acronym for what the text spelled out;
 * then each entity points at its fullest form (its canon), which takes
 * what the shorter forms were told, and the fullest forms that are people
 * are marked. qctx_find_entities() runs the whole name pass: names.c's
 * registration, then these. */
#include "entities.h"
#include "context.h"
#include "np.h"

#include <string.h>

#include <tpipe/error.h>

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

/* Whether the name of entity `F`, an event's, its last word an event word
 * ("Uefa Cup", "Whitbread Prize"), adds that word to the name of entity
 * `e`, which names no event and which the article writes alone as a subject
 * or a cue's name ("Uefa says …"): a body or person of its own, the event
 * only named after it. Asked only when F would become e's form, and its
 * last word read first: the mentions are walked for few names. */
static bool event_named_after(const qctx *ctx, uint32_t e, const qentity *F)
{
    if (!qctx_is_event_word(ctx, F->name_first + F->name_n - 1) ||
        qctx_names_event(ctx, &ctx->ents[e]))
        return false;
    for (size_t m = 0; m < ctx->nments; m++) {
        if (ctx->ments[m].entity == e && qctx_mention_opens_clause(ctx, &ctx->ments[m]))
            return true;
    }
    return false;
}

/* Whether the name of entity `F` is the name of entity `E` with a channel's
 * or branch's number after it ("Sky One", "BBC Two" after "Sky", "BBC"):
 * another entity, as "a BBC One spokesman" is, not the body's fuller form.
 * Asked only when F would become E's form, its last word read first. */
static bool channel_of(const qctx *ctx, const qentity *E, const qentity *F)
{
    static const char *const numbers[] = {"one", "two",   "three", "four", "five",
                                          "six", "seven", "eight", "nine", "ten"};
    uint32_t last = F->name_first + F->name_n - 1;
    if (F->name_n != E->name_n + 1 || !(ctx->w[last].flags & QX_CAP))
        return false;
    /* Most names' last words are no number: their length and first letter
     * tell, before any compare. */
    const tp_token *t = &ctx->toks[last];
    char c = (char)(ctx->text[t->start] | 0x20);
    if (t->end - t->start < 3 || t->end - t->start > 5 ||
        !(c == 'o' || c == 't' || c == 'f' || c == 's' || c == 'e' || c == 'n'))
        return false;
    size_t k = 0;
    while (k < sizeof numbers / sizeof numbers[0] && !qctx_word_is(ctx, last, numbers[k]))
        k++;
    if (k == sizeof numbers / sizeof numbers[0])
        return false;
    for (uint32_t j = 0; j < E->name_n; j++) {
        if (ctx->keys[E->name_first + j] != ctx->keys[F->name_first + j])
            return false;
    }
    return true;
}

/* Considers entity `f` as the fuller form of entity `e` (whose words all
 * occur in order in f's, which has more): e's form is the best one offered.
 * An acronym is a name of its own ("MTV" is not "MTV Smut Peddlers") unless
 * the text spelled it out in parentheses, and so is a nation word in a name
 * with a particle ("France", "Stade de France"), a subject's name in an
 * event's ("Uefa", "Uefa Cup"), and a body's name in its channel's ("Sky",
 * "Sky One"). */
static void offer_fuller_form(qctx *ctx, uint32_t e, uint32_t f)
{
    qentity *E = &ctx->ents[e];
    if (E->name_n == 1 && (ctx->w[E->name_first].flags & QX_ACRONYM))
        return;
    if (E->name_n == 1 && (ctx->w[E->name_first].flags & QW_NATION) &&
        names_after_particle(ctx, &ctx->ents[f]))
        return;
    if ((E->canon == e || fuller_is_better(ctx, f, E->canon)) &&
        !event_named_after(ctx, e, &ctx->ents[f]) && !channel_of(ctx, E, &ctx->ents[f]))
        E->canon = f;
}

/* The entity named by the words of `F` that `picked` has bits for (bit k:
 * its k-th word), or -1. Inline: the short-form look-ups call it in a loop,
 * where a call each cost 0.8 M instructions over the BBC corpus. */
static inline __attribute__((always_inline)) int32_t find_picked(const qctx *ctx, const qentity *F,
                                                                 uint32_t picked)
{
    uint32_t word[SHORT_FORMS_UPTO];
    uint32_t n = 0;
    uint64_t h = 0;
    for (uint32_t bits = picked; bits; bits &= bits - 1) {
        word[n] = F->name_first + (uint32_t)__builtin_ctz(bits);
        h = (h ^ ctx->keys[word[n]]) * Q_NAME_HASH_MULTIPLIER;
        n++;
    }
    uint32_t slot = ctx->ent_slots[qctx_find_slot(ctx, word, 0, n, (uint32_t)(h >> 32))];
    return (int32_t)slot - 1;
}

/* Whether entity `F`'s name is a nationality before a person's name,
 * "American Serena Williams" (the person is "Serena Williams", as
 * "Spaniard X" or "US President X" is X): a nation word (no acronym, no
 * role), then two to four plain capitalised words, no body's, the last of
 * which the article also writes alone, as a surname is ("Williams said").
 * Places and events keep their nation word: "South Africa" and "British
 * Airways" have one word after it, "Spanish Grand Prix" and "Australian
 * Open" no surname written alone, "Irish Rugby Football Union" a body's
 * word. */
static bool nation_before_person(const qctx *ctx, const qentity *F)
{
    const qword *W = ctx->w;
    uint32_t a = F->name_first;
    if (F->name_n - 3u > 2u || F->org || F->alias >= 0 ||
        (W[a].flags & (QW_NATION | QW_ROLE | QX_ACRONYM)) != QW_NATION ||
        (W[a + 1].flags & (QW_STOP | QW_NATION | QW_ORG | QX_ACRONYM | QW_ROLE | QW_HONORIFIC)))
        return false;
    for (uint32_t k = 1; k < F->name_n; k++) {
        if ((W[a + k].flags & (QX_CAP | QX_ACRONYM | QW_ORG)) != QX_CAP)
            return false;
    }
    return find_picked(ctx, F, 1u << (F->name_n - 1)) >= 0;
}

/* Whether word `k` is a capitalised word of several joined by hyphens, the
 * last of four lower-case letters or more ("Oscar-winner", "Top-seeded",
 * "Man-of-the-match", "Tunisian-born"): a description. Names join
 * capitals ("Lewis-Francis", "Jean-Michel"), or a particle ("Ross-van"). */
static __attribute__((noinline)) bool hyphenated_description(const qctx *ctx, uint32_t k)
{
    const tp_token *t = &ctx->toks[k];
    const char *s = ctx->text + t->start;
    size_t n = t->end - t->start, j = n;
    while (j > 0 && s[j - 1] >= 'a' && s[j - 1] <= 'z')
        j--;
    return j >= 2 && n - j >= 4 && s[j - 1] == '-';
}

/* Whether entity `F`'s name (two words or more) opens with such a
 * description before a name ("Oscar-winner Andrea Arnold",
 * "Man-of-the-match Duff"): the person is the name after it, as after a
 * role. */
static inline __attribute__((always_inline)) bool description_before_name(const qctx *ctx,
                                                                          const qentity *F)
{
    uint32_t a = F->name_first;
    const tp_token *t = &ctx->toks[a];
    size_t n = t->end - t->start;
    if (n < 7)
        return false;
    if (n <= 16) {
        /* Most names hold no hyphen: eight bytes from each end (for seven,
         * the one after the word too: a name word follows it) are tested
         * for one at once, with no loop. */
        const char *s = ctx->text + t->start;
        uint64_t x, y;
        memcpy(&x, s, 8);
        memcpy(&y, s + (n > 8 ? n - 8 : 0), 8);
        const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
        x ^= ones * '-';
        y ^= ones * '-';
        if (((((x - ones) & ~x) | ((y - ones) & ~y)) & highs) == 0)
            return false;
    }
    return hyphenated_description(ctx, a);
}

/* The fullest form entity `e` points at so far (a few hops on). */
static uint32_t fullest_form(const qctx *ctx, uint32_t e)
{
    for (int hops = 0; hops < 4 && ctx->ents[e].canon != e; hops++)
        e = ctx->ents[e].canon;
    return e;
}

/* Gives the fuller form `to` what a shorter form of it was told: its roles
 * and nations, and whether it is a person, titled, and of which gender. */
static void tell_fuller_form(qentity *to, const qentity *from)
{
    qentity_merge_ids(to, from->ids, from->nids);
    to->person |= from->person;
    to->titled |= from->titled;
    to->gender |= from->gender;
}

/* Points each name that is a nationality or a hyphenated description
 * before a person's name at that person's name (registered if the article
 * never wrote it alone), which takes its mentions and what its phrase told
 * (the nation among its ids, so "the American" still finds her). The names
 * registered so are visited too: a description may come before a
 * nationality ("Top-seeded American Andy Roddick"). Before
 * choose_fuller_forms(), which then leaves these names alone. 0, or
 * TP_ENOMEM. */
static int strip_nationalities(qctx *ctx)
{
    for (size_t f = 0; f < ctx->nents; f++) {
        const qentity *E = &ctx->ents[f];
        if (E->name_n < 2 || (!nation_before_person(ctx, E) && !description_before_name(ctx, E)))
            continue;
        int32_t r = qctx_add_entity(ctx, ctx->ents[f].name_first + 1, ctx->ents[f].name_n - 1);
        if (r == -2)
            return TP_ENOMEM;
        if (r < 0)
            continue;
        /* Already stripped itself: the person its name points at. */
        if (ctx->ents[r].described)
            r = (int32_t)ctx->ents[r].canon;
        qentity *F = &ctx->ents[f], *R = &ctx->ents[r];
        F->canon = (uint32_t)r;
        F->described = true;
        R->count += F->count;
        F->count = 0;
        tell_fuller_form(R, F);
    }
    return 0;
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
                qctx_subsequence(ctx, E->name_first, E->name_n, F->name_first, F->name_n))
                offer_fuller_form(ctx, e, f);
        }
    }
}

/* Whether the name of entity `T` (two words, mentioned once) is a place run
 * into a surname, the comma after it missing: "speaking in Thailand Hingis
 * admitted" after "Martina Hingis". It is when it follows a lower-case "in"
 * or "at", a lower-case word follows it (a verb: the surname is a subject,
 * no possessor; not an organisation word, which makes the name a body's:
 * "in Rolling Stone magazine"), and another name of two words ends with
 * that surname: the
 * person (the most mentioned such name). Returns its entity, or -1. */
static int32_t place_before_surname(const qctx *ctx, const qentity *T)
{
    const qword *W = ctx->w;
    uint32_t a = T->name_first, z = a + 1;
    if (T->org || a == 0 || z + 1 >= ctx->nw || (W[a - 1].flags & (QW_PREP | QX_CAP)) != QW_PREP ||
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

/* A one-word name shorter than this is not read as a misspelt surname: one
 * edit apart, short names are other names ("Jon", "John"). */
enum { VARIANT_MIN_LEN = 5 };
/* One-word names first written as a speaker listed per document at most. */
enum { MAX_VARIANTS = 8 };

/* Whether word `a` (a name's) stands outside quotations right before or
 * after a reporting verb ("said Daveport", "Daveport told"): a speaker's
 * name, not a modifier ("the Rwandan genocide" beside "Hotel Rwanda") nor a
 * name in a list ("Dowson, Haughton" beside "Matt Dawson"). */
static inline bool written_as_speaker(const qctx *ctx, uint32_t a)
{
    const qword *W = ctx->w;
    return ((a > 0 && (W[a - 1].flags & QW_CUE)) || (a + 1 < ctx->nw && (W[a + 1].flags & QW_CUE))) &&
           W[a].quote < 0;
}

/* qctx_choose_fuller_forms(), which also lists in places[] (up to 8, their
 * number in *nplaces) the two-word names written once after a lower-case
 * preposition, for point_places_at_people(), and in variants[] (up to
 * MAX_VARIANTS, their number in *nvariants) the one-word names first
 * written as a speaker, for point_variants_at_people(): the walk visits
 * them anyway. */
static void choose_fuller_forms(qctx *ctx, uint32_t places[8], size_t *nplaces_out,
                                uint32_t variants[MAX_VARIANTS], size_t *nvariants_out)
{
    uint32_t longs[64];
    size_t nlongs = 0;
    size_t nplaces = 0;
    size_t nvariants = 0;
    for (uint32_t f = 0; f < ctx->nents; f++) {
        uint32_t n = ctx->ents[f].name_n;
        uint32_t a = ctx->ents[f].name_first;
        if (n < 2) {
            if (nvariants < MAX_VARIANTS && written_as_speaker(ctx, a))
                variants[nvariants++] = f;
            continue;
        }
        /* A nation word before a person's name already points at it. */
        if (ctx->ents[f].described)
            continue;
        if (n <= SHORT_FORMS_UPTO) {
            offer_to_short_forms(ctx, f);
            if (n == 2 && ctx->ents[f].count == 1 && nplaces < 8 && a > 0 &&
                (ctx->w[a - 1].flags & (QW_PREP | QX_CAP)) == QW_PREP)
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
    *nvariants_out = nvariants;
}

void qctx_choose_fuller_forms(qctx *ctx)
{
    uint32_t places[8];
    size_t nplaces;
    uint32_t variants[MAX_VARIANTS];
    size_t nvariants;
    choose_fuller_forms(ctx, places, &nplaces, variants, &nvariants);
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

/* Whether the `n` bytes at `a` and the `m` at `b` (n, m > 1) differ by
 * exactly one edit before the last letter: a letter left out, added or
 * changed, or two adjacent letters swapped ("Daveport", "Davenport"). At
 * the end only a doubled letter may be written once ("Hassel", "Hassell"):
 * another ending is another word ("Olympic", "Olympics"; "Angolan",
 * "Angola"). */
static bool one_edit_apart(const char *a, size_t n, const char *b, size_t m)
{
    if (n > m)
        return one_edit_apart(b, m, a, n);
    if (m - n > 1)
        return false;
    size_t i = 0;
    while (i < n && a[i] == b[i])
        i++;
    if (n < m) /* b adds the letter at i; at the end only a doubled one */
        return i < n ? memcmp(a + i, b + i + 1, n - i) == 0 : b[n] == b[n - 1];
    if (i + 1 >= n)
        return false; /* the same bytes, or another last letter */
    if (memcmp(a + i + 1, b + i + 1, n - i - 1) == 0)
        return true;
    return i + 2 < n && a[i] == b[i + 1] && a[i + 1] == b[i] &&
           memcmp(a + i + 2, b + i + 2, n - i - 2) == 0;
}

/* The person whose surname the one-word name of entity `E` (no fuller form
 * of its own) misspells, or -1: the name, of VARIANT_MIN_LEN letters or
 * more, is one edit from the last word of a name of two to four words that
 * reads as a person's (no body's, no acronym, place or nation first), and
 * of exactly one such person ("said Daveport" after "Lindsay Davenport").
 * Asked of the few one-word names left without a fuller form. */
static int32_t misspelt_surname_of(const qctx *ctx, const qentity *E)
{
    const tp_token *t = &ctx->toks[E->name_first];
    const char *s = ctx->text + t->start;
    size_t n = t->end - t->start;
    int32_t found = -1;
    for (size_t f = 0; f < ctx->nents; f++) {
        const qentity *F = &ctx->ents[f];
        if (F->name_n - 2u > 2u || F->org || F->alias >= 0 ||
            (ctx->w[F->name_first].flags & (QW_STOP | QX_ACRONYM | QW_NATION)))
            continue;
        const tp_token *u = &ctx->toks[F->name_first + F->name_n - 1];
        size_t un = u->end - u->start;
        if (un + 1 < n || un > n + 1 || !one_edit_apart(s, n, ctx->text + u->start, un))
            continue;
        int32_t p = (int32_t)fullest_form(ctx, (uint32_t)f);
        if (found >= 0 && found != p)
            return -1; /* two people: which one is misspelt is unknown */
        found = p;
    }
    return found;
}

/* Points each listed one-word name (first written as a speaker) left
 * without a fuller form that misspells the surname of one person the
 * article names in full at that person: news copy slips a letter now and
 * then. */
static void point_variants_at_people(qctx *ctx, const uint32_t *variants, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        uint32_t e = variants[k];
        const qentity *E = &ctx->ents[e];
        const tp_token *t = &ctx->toks[E->name_first];
        if (E->canon != e || E->alias >= 0 || E->org || t->end - t->start < VARIANT_MIN_LEN ||
            (ctx->w[E->name_first].flags & (QX_CAP | QX_ACRONYM | QW_STOP | QW_NATION)) != QX_CAP)
            continue;
        int32_t p = misspelt_surname_of(ctx, E);
        if (p >= 0)
            ctx->ents[e].canon = (uint32_t)p;
    }
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
        if (E->canon == e && E->alias < 0)
            continue;
        uint32_t c = fullest_form(ctx, E->canon);
        if (ctx->ents[c].alias >= 0)
            c = ctx->ents[ctx->ents[c].alias].canon;
        E->canon = c;
        qentity *C = &ctx->ents[c];
        if (C == E)
            continue;
        tell_fuller_form(C, E);
        C->org |= E->org;
    }
}

/* Decides which fullest forms are people: two to four plain capitalised
 * words read as a person's name (not a place: its first word is no nation
 * word; not an event or prize: its last word is no event word, "Orange
 * Prize", "Davis Cup"); a body is no person. */
static void mark_people(qctx *ctx)
{
    for (size_t e = 0; e < ctx->nents; e++) {
        qentity *C = &ctx->ents[ctx->ents[e].canon];
        /* Computed without branches: the tests' outcomes follow no pattern. */
        bool plain_name = (C->name_n - 2u <= 2u) &
                          !(ctx->w[C->name_first].flags & (QW_STOP | QX_ACRONYM | QW_NATION));
        if (plain_name && !C->person && qctx_maybe_event_word(ctx, C->name_first + C->name_n - 1))
            plain_name = !qctx_ends_no_person(ctx, C->name_first + C->name_n - 1);
        C->person = (C->person | plain_name) & !C->org;
    }
}

int qctx_find_entities(qctx *ctx)
{
    int rc = qctx_register_names(ctx);
    if (rc == 0)
        rc = strip_nationalities(ctx);
    if (rc != 0)
        return rc;
    uint32_t places[8];
    size_t nplaces;
    uint32_t variants[MAX_VARIANTS];
    size_t nvariants;
    choose_fuller_forms(ctx, places, &nplaces, variants, &nvariants);
    if (nplaces)
        point_places_at_people(ctx, places, nplaces);
    if (nvariants)
        point_variants_at_people(ctx, variants, nvariants);
    if (ctx->nakas)
        link_akas(ctx);
    settle_canon(ctx);
    mark_people(ctx);
    return 0;
}
