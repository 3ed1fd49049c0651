/* wordkey.h - the document's pass that gives every token its word key
 * (tp_word_key() is public, in tpipe/doc.h). */
#ifndef TPIPE_WORDKEY_H
#define TPIPE_WORDKEY_H

#include <stddef.h>
#include <stdint.h>

#include <tpipe/doc.h>

/* keys[t] = tp_word_key() of token t's bytes in `text`, for `count` tokens
 * whose ranges lie inside `text`. */
void tp_word_keys_of(const char *text, const tp_token *toks, size_t count, uint64_t *keys);

#endif
