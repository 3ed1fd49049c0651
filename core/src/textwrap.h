/* textwrap.h - display width and word wrapping of UTF-8 text for the
 * readable output format.
 *
 * Widths are terminal columns: utf8proc_charwidth() per code point (0 for
 * combining marks, 2 for East Asian wide characters and most emoji). Bytes
 * that are not well-formed UTF-8 count as one U+FFFD each. Control
 * characters are never copied to the output (they could drive the terminal);
 * they act as white space. */
#ifndef TPIPE_TEXTWRAP_H
#define TPIPE_TEXTWRAP_H

#include <stddef.h>

#include "strbuf.h"

/* Display width of `len` bytes of `s`. */
size_t tp_text_width(const char *s, size_t len);

/* Number of code points in `len` bytes of `s` (an invalid byte counts one). */
size_t tp_text_chars(const char *s, size_t len);

/* For shortening: the byte length of a prefix of `s` holding at most
 * `max_chars` code points, ending at a word boundary when there is one in
 * the last third of that prefix, with trailing white space removed. Returns
 * `len` when the whole text fits. */
size_t tp_text_shorten(const char *s, size_t len, size_t max_chars);

/* Appends `s` wrapped to `width` columns: words are separated by runs of
 * white space (collapsed to one space), lines start with `first_indent`
 * (the first) or `indent` (the others). A word wider than the room left on
 * an empty line is broken between characters. `start_col` is the column
 * the caller is already at (first_indent is printed from there). The last
 * line gets no newline; returns its width in columns. Width 0 means 80. */
size_t tp_text_wrap(tp_strbuf *sb, const char *s, size_t len, size_t width,
                    const char *first_indent, const char *indent, size_t start_col);

/* Appends `s` on one line with control characters and runs of white space
 * turned into single spaces and invalid bytes into U+FFFD. */
void tp_text_add_clean(tp_strbuf *sb, const char *s, size_t len);

#endif
