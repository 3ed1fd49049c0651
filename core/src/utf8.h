/* utf8.h - UTF-8 validation and repair of input text. */
#ifndef TPIPE_UTF8_H
#define TPIPE_UTF8_H

#include <stddef.h>

/* Copies `len` bytes of `in` to `out` (which holds at least 3 * len bytes),
 * replacing every byte that is not part of a well-formed UTF-8 sequence
 * (including overlong forms, surrogates and NUL) with U+FFFD. Returns the
 * output length; `replaced` gets the number of bytes replaced. */
size_t tp_utf8_repair(const char *in, size_t len, char *out, size_t *replaced);

/* Length of the well-formed sequence at `s` (1-4), or 0 when invalid. */
size_t tp_utf8_sequence_length(const unsigned char *s, size_t avail);

#endif
