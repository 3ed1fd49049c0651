/* entities.h - steps of the name pass (entities.c) that tests run on their
 * own; qctx_find_entities() (context.h) runs them all. */
#ifndef TP_QUOTES_ENTITIES_H
#define TP_QUOTES_ENTITIES_H

#include "context.h"

/* Points each registered entity whose words all occur, in order, in a
 * longer entity's at the best such fuller form (the most mentioned, a
 * person on a tie, else the one registered first), as its canon; leaves
 * the others, and acronyms of one word, as they are. Expects each canon to
 * be the entity itself on entry. (qctx_find_entities() then also points a
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
