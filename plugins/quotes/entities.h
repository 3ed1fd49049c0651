/* entities.h - what the files of the name pass share: the index of the
 * names a document registers (inline: registering a name, finding its
 * shorter forms and resolving a name all look names up, and these were
 * inlined where one file held them), and the steps of the pass that other
 * files or the tests run. names.c registers the names, fuller_forms.c
 * decides which fuller form each stands for (qctx_find_entities() runs
 * both), resolve.c answers what resolution asks of them. */
#ifndef TP_QUOTES_ENTITIES_H
#define TP_QUOTES_ENTITIES_H

#include "context.h"

static inline uint64_t q_load8(const char *s)
{
    uint64_t v;
    memcpy(&v, s, sizeof v);
    return v;
}

static inline uint32_t q_load4(const char *s)
{
    uint32_t v;
    memcpy(&v, s, sizeof v);
    return v;
}

/* Whether the `n` bytes at `x` and `y` are the same: a word's bytes in two
 * loads of each side that overlap (first and last 8 or 4), as names are
 * short. Inline: the name look-ups ask it of every name found again. */
static inline __attribute__((always_inline)) bool q_same_bytes(const char *x, const char *y,
                                                               size_t n)
{
    if (n >= 8) {
        for (size_t i = 0; i + 8 < n; i += 8) {
            if (q_load8(x + i) != q_load8(y + i))
                return false;
        }
        return q_load8(x + n - 8) == q_load8(y + n - 8);
    }
    if (n >= 4)
        return q_load4(x) == q_load4(y) && q_load4(x + n - 4) == q_load4(y + n - 4);
    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return false;
    }
    return true;
}

/* Whether words `a` and `b` are the same bytes. Their keys decide most
 * pairs (different keys: different words); equal keys still compare the
 * bytes, since case tells names apart. */
static inline __attribute__((always_inline)) bool qctx_word_eq(const qctx *ctx, uint32_t a,
                                                               uint32_t b)
{
    if (ctx->keys[a] != ctx->keys[b])
        return false;
    const tp_token *x = &ctx->toks[a], *y = &ctx->toks[b];
    size_t n = x->end - x->start;
    size_t m = y->end - y->start;
    return n == m && q_same_bytes(ctx->text + x->start, ctx->text + y->start, n);
}

/* Whether the words [a, a+an) all occur in order within [b, b+bn). */
static inline bool qctx_subsequence(const qctx *ctx, uint32_t a, uint32_t an, uint32_t b,
                                    uint32_t bn)
{
    uint32_t k = 0;
    for (uint32_t i = 0; i < bn && k < an; i++) {
        if (qctx_word_eq(ctx, a + k, b + i))
            k++;
    }
    return k == an;
}

/* Whether the `n` words from `a` and from `b` are the same, word by word.
 * Out of line: asked only when the name keys match (names.c). */
bool qctx_same_words(const qctx *ctx, uint32_t a, uint32_t b, uint32_t n);

/* A name's hash (its words' keys, in order), to find it fast, and its word
 * set (a bit picked by each word's key), so "is every word of A in B" is
 * first asked of two integers. */
typedef struct qname_sig {
    uint32_t key;
    uint64_t words;
} qname_sig;

#define Q_NAME_HASH_MULTIPLIER 0x9E3779B97F4A7C15ull

static inline qname_sig qctx_sign_name(const qctx *ctx, uint32_t first, uint32_t n)
{
    uint64_t h = 0, bits = 0;
    const uint64_t *key = &ctx->keys[first], *end = key + n;
    do { /* a name has a word */
        h = (h ^ *key) * Q_NAME_HASH_MULTIPLIER;
        bits |= 1ull << (*key >> 58);
    } while (++key < end);
    return (qname_sig){(uint32_t)(h >> 32), bits};
}

/* Whether entity `E`'s name is the `n` words listed in `picked`, one by one. */
static inline bool qctx_names_picked(const qctx *ctx, const qentity *E, const uint32_t *picked,
                                     uint32_t n)
{
    uint32_t k = 0;
    while (k < n && qctx_word_eq(ctx, picked[k], E->name_first + k))
        k++;
    return k == n;
}

/* The index slot of the entity named exactly by `n` words whose name key is
 * `key`: words [first, first+n), or, when `picked` is not NULL, the words it
 * lists; or the empty slot where that entity would go. The index must have
 * slots. */
static inline __attribute__((always_inline)) size_t
qctx_find_slot(const qctx *ctx, const uint32_t *picked, uint32_t first, uint32_t n, uint32_t key)
{
    size_t mask = ctx->cap_slots - 1;
    size_t i = key & mask;
    for (; ctx->ent_slots[i]; i = (i + 1) & mask) {
        const qentity *E = &ctx->ents[ctx->ent_slots[i] - 1];
        if (E->key != key || E->name_n != n)
            continue;
        /* One word, most names: compared here, without the call. */
        if (picked   ? qctx_names_picked(ctx, E, picked, n)
            : n == 1 ? qctx_word_eq(ctx, first, E->name_first)
                     : qctx_same_words(ctx, first, E->name_first, n))
            break;
    }
    return i;
}

/* Looks up the entity named by words [first, first+n), signed `sig`,
 * without registering it: its index, or -1. */
static inline int32_t qctx_find_entity(const qctx *ctx, uint32_t first, uint32_t n, qname_sig sig)
{
    if (!ctx->cap_slots)
        return -1;
    return (int32_t)ctx->ent_slots[qctx_find_slot(ctx, NULL, first, n, sig.key)] - 1;
}

/* The entity named by words [first, first+n), registered if new (the
 * entity table may move): its index, -1 when the table is full, or -2 out
 * of memory (names.c). */
int32_t qctx_add_entity(qctx *ctx, uint32_t first, uint32_t n);

/* Adds the `n` role and nation ids at `ids` that entity `to` lacks, while
 * it has room (names.c). */
void qentity_merge_ids(qentity *to, const uint16_t *ids, uint8_t n);

/* Registers every name in the document, in text order, with its mentions
 * (names.c): the first step of qctx_find_entities(). 0, or TP_ENOMEM. */
int qctx_register_names(qctx *ctx);

/* Points each registered entity whose words all occur, in order, in a
 * longer entity's at the best such fuller form (the most mentioned, a
 * person on a tie, else the one registered first), as its canon; leaves
 * the others, and acronyms of one word, as they are; a name `described`
 * (a nationality before a person's name) is offered to none. Expects each
 * canon to be the entity itself on entry. (qctx_find_entities() then also points a
 * two-word name written once that is a place run into another name's
 * surname, "in Thailand Hingis admitted", at that name.) */
void qctx_choose_fuller_forms(qctx *ctx);

/* Whether mention `M` (of ctx->ments, after qctx_find_entities()) may be
 * the subject that a fronted phrase delays ("Hounded by the press, Tevez
 * grew tired"): a plain mention of a person, not after a preposition or a
 * reporting verb. */
bool qctx_mention_may_lead(const qctx *ctx, const qmention *M);

/* Whether mention `M` is the first of its sentence that may lead (among
 * the Q_LOOKBACK mentions before it): that sentence's likely subject. */
bool qctx_mention_leads(const qctx *ctx, const qmention *M);

#endif
