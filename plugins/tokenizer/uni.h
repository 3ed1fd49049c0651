/* uni.h - UTF-8 decoding and the character classes the scanner needs.
 * ASCII goes through a 128-entry table; everything else asks utf8proc for
 * its Unicode general category (and grapheme boundary class for emoji). */
#ifndef TPIPE_TOKENIZER_UNI_H
#define TPIPE_TOKENIZER_UNI_H

#include <stddef.h>
#include <stdint.h>

#include <utf8proc.h>

/* Decodes the code point at s[p] (p < n). The text is valid UTF-8 by the
 * document contract; a malformed or truncated sequence still decodes as
 * U+FFFD of length 1 so a bad byte can never make the scanner loop. */
static inline int32_t uni_decode(const unsigned char *s, size_t n, size_t p, int *len)
{
    unsigned c = s[p];
    if (c < 0x80) {
        *len = 1;
        return (int32_t)c;
    }
    if (c >= 0xC2 && c <= 0xDF && p + 1 < n && (s[p + 1] & 0xC0) == 0x80) {
        *len = 2;
        return (int32_t)(((c & 0x1F) << 6) | (s[p + 1] & 0x3F));
    }
    if (c >= 0xE0 && c <= 0xEF && p + 2 < n && (s[p + 1] & 0xC0) == 0x80 &&
        (s[p + 2] & 0xC0) == 0x80) {
        *len = 3;
        return (int32_t)(((c & 0x0F) << 12) | ((s[p + 1] & 0x3F) << 6) | (s[p + 2] & 0x3F));
    }
    if (c >= 0xF0 && c <= 0xF4 && p + 3 < n && (s[p + 1] & 0xC0) == 0x80 &&
        (s[p + 2] & 0xC0) == 0x80 && (s[p + 3] & 0xC0) == 0x80) {
        *len = 4;
        return (int32_t)(((c & 0x07) << 18) | ((s[p + 1] & 0x3F) << 12) |
                         ((s[p + 2] & 0x3F) << 6) | (s[p + 3] & 0x3F));
    }
    *len = 1;
    return 0xFFFD;
}

static inline int uni_category(int32_t cp)
{
    return utf8proc_get_property(cp)->category;
}

static inline int uni_is_letter_cat(int cat)
{
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_LO;
}

static inline int uni_is_mark_cat(int cat)
{
    return cat >= UTF8PROC_CATEGORY_MN && cat <= UTF8PROC_CATEGORY_ME;
}

/* Letters, marks and numbers continue a word (Pyongyang, naïve, Ⅻ, km²). */
static inline int uni_is_word_cat(int cat)
{
    return cat >= UTF8PROC_CATEGORY_LU && cat <= UTF8PROC_CATEGORY_NO;
}

#endif
