/* entities.h - steps of the name pass (entities.c) that tests run on their
 * own; qctx_find_entities() (context.h) runs them all. */
#ifndef TP_QUOTES_ENTITIES_H
#define TP_QUOTES_ENTITIES_H

#include "context.h"

/* Points each registered entity whose words all occur, in order, in a
 * longer entity's at the best such fuller form (the most mentioned, a
 * person on a tie, else the one registered first), as its canon; leaves
 * the others, and acronyms of one word, as they are. Expects each canon to
 * be the entity itself on entry. */
void qctx_choose_fuller_forms(qctx *ctx);

#endif
