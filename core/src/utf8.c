/* utf8.c - UTF-8 well-formedness by the table of the Unicode standard
 * (chapter 3, "Well-Formed UTF-8 Byte Sequences"). */
#include "utf8.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

size_t tp_utf8_sequence_length(const unsigned char *s, size_t avail)
{
    unsigned c = s[0];
    if (c >= 0x01 && c <= 0x7F)
        return 1;
    if (c >= 0xC2 && c <= 0xDF)
        return avail >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (avail < 3 || (s[2] & 0xC0) != 0x80)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xE0)
            lo = 0xA0; /* overlong */
        else if (c == 0xED)
            hi = 0x9F; /* surrogates */
        return s[1] >= lo && s[1] <= hi ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (avail < 4 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        unsigned lo = 0x80, hi = 0xBF;
        if (c == 0xF0)
            lo = 0x90; /* overlong */
        else if (c == 0xF4)
            hi = 0x8F; /* beyond U+10FFFF */
        return s[1] >= lo && s[1] <= hi ? 4 : 0;
    }
    return 0;
}

/* Whether the 8 bytes at p are all ASCII and none is NUL (NUL is replaced
 * like an invalid byte). */
static inline bool plain_ascii8(const unsigned char *p)
{
    const uint64_t ones = 0x0101010101010101ull, highs = 0x8080808080808080ull;
    uint64_t w;
    memcpy(&w, p, sizeof w);
    return ((w | ((w - ones) & ~w)) & highs) == 0;
}

/* Copies the run of ASCII bytes other than NUL at the start of s[0..len) to
 * `out` and returns its length. `out` may take 16 bytes past the run while
 * 16 input bytes are left: tp_utf8_repair() writes at most three bytes a
 * byte read, so its output never catches up with that. */
static inline size_t copy_ascii_run(char *out, const unsigned char *s, size_t len)
{
    size_t i = 0;
#ifdef __SSE2__
    /* 64 bytes a turn while none stops the run, then 16 to find where. */
    const __m128i zero = _mm_setzero_si128();
    for (; len - i >= 64; i += 64) {
        __m128i a = _mm_loadu_si128((const __m128i *)(s + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(s + i + 16));
        __m128i c = _mm_loadu_si128((const __m128i *)(s + i + 32));
        __m128i d = _mm_loadu_si128((const __m128i *)(s + i + 48));
        __m128i high = _mm_or_si128(_mm_or_si128(a, b), _mm_or_si128(c, d));
        __m128i nul = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(a, zero), _mm_cmpeq_epi8(b, zero)),
                                   _mm_or_si128(_mm_cmpeq_epi8(c, zero), _mm_cmpeq_epi8(d, zero)));
        if (_mm_movemask_epi8(_mm_or_si128(high, nul)))
            break;
        _mm_storeu_si128((__m128i *)(out + i), a);
        _mm_storeu_si128((__m128i *)(out + i + 16), b);
        _mm_storeu_si128((__m128i *)(out + i + 32), c);
        _mm_storeu_si128((__m128i *)(out + i + 48), d);
    }
    for (; len - i >= 16; i += 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)(s + i));
        _mm_storeu_si128((__m128i *)(out + i), w);
        int stop = _mm_movemask_epi8(w) | _mm_movemask_epi8(_mm_cmpeq_epi8(w, zero));
        if (stop)
            return i + (size_t)__builtin_ctz((unsigned)stop);
    }
#endif
    for (; len - i >= 8 && plain_ascii8(s + i); i += 8)
        memcpy(out + i, s + i, 8);
    for (; i < len && s[i] >= 0x01 && s[i] < 0x80; i++)
        out[i] = (char)s[i];
    return i;
}

size_t tp_utf8_repair(const char *in, size_t len, char *out, size_t *replaced)
{
    const unsigned char *s = (const unsigned char *)in;
    size_t i = 0, o = 0, bad = 0;
    while (i < len) {
        /* ASCII runs are the common case. */
        size_t run = copy_ascii_run(out + o, s + i, len - i);
        i += run;
        o += run;
        if (i == len)
            break;
        size_t n = tp_utf8_sequence_length(s + i, len - i);
        if (n) {
            memcpy(out + o, s + i, n);
            o += n;
            i += n;
        } else {
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
            bad++;
        }
    }
    if (replaced)
        *replaced = bad;
    return o;
}
