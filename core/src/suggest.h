/* suggest.h - "did you mean" for misspelt names. */
#ifndef TPIPE_SUGGEST_H
#define TPIPE_SUGGEST_H

#include <stddef.h>

/* The candidate closest to `word` by edit distance when it is close enough
 * to be a likely typo (distance at most a third of the word, at least 1 and
 * at most 3), else NULL. `candidates` has `count` entries. */
const char *tp_suggest(const char *word, const char *const *candidates, size_t count);

#endif
