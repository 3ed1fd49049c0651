/* searches.c - the searches attribution makes most often, written for
 * speed: the context of each quotation (up to CONTEXT_WORDS words either
 * side, read four words at a time), the number of words in a quotation
 * (16 bytes at a time), and a case-insensitive search of one quotation's
 * words in another's. The tests compare the first and the last with plain
 * loops (context.h). */
#include "attrib.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#define CONTEXT_WORDS 45

/* Whether the context stops at word `p`: it lies in a quotation, ends a
 * sentence, or is a dash. */
static inline bool ends_left_context(const qword *p)
{
    return p->quote >= 0 || (p->flags & (QX_TERMINAL | QX_DASH));
}

/* Whether one of the four words from `p` lies in a quotation or has one of
 * `flags`: contexts run to some twenty words, read four at a time. */
static inline bool stops_context4(const qword *p, uint32_t flags)
{
    return (p[0].quote & p[1].quote & p[2].quote & p[3].quote) >= 0 ||
           ((p[0].flags | p[1].flags | p[2].flags | p[3].flags) & flags);
}

/* The first word of the context left of the quotation opening at word `ob`:
 * back to a quotation, a sentence's end, a dash or the start of a
 * paragraph, at most CONTEXT_WORDS words. */
static uint32_t left_bound(const qword *w, uint32_t ob)
{
    uint32_t stop = ob > CONTEXT_WORDS ? ob - CONTEXT_WORDS : 0;
    uint32_t lb = ob;
    if (lb == stop || ends_left_context(&w[lb - 1]))
        return lb;
    /* A paragraph ending "… said:" introduces this one. */
    if ((w[lb].flags & QX_PARA_START) && !(w[lb - 1].flags & QX_COLON))
        return lb;
    /* Each word is asked whether it opens its paragraph (the context then
     * starts there) and whether the context stops before it: four words at
     * a time while none of them nor the four before opens a paragraph or
     * stops the context, then one at a time. */
    lb--;
    while (lb >= stop + 4 && !(w[lb].flags & QX_PARA_START) &&
           !stops_context4(&w[lb - 4], QX_TERMINAL | QX_DASH | QX_PARA_START))
        lb -= 4;
    for (; lb > stop; lb--) {
        const qword *p = &w[lb];
        if ((p->flags & QX_PARA_START) || ends_left_context(p - 1))
            break;
    }
    return lb;
}

/* One past the last word of the context right of the quotation whose mark
 * ends before word `ca`: up to a quotation, a sentence's end or a paragraph
 * start (right after the quotation, only one that the quotation is not
 * in), at most CONTEXT_WORDS words. */
static uint32_t right_bound(const qctx *ctx, uint32_t ca)
{
    const qword *w = ctx->w;
    size_t end = (size_t)ca + CONTEXT_WORDS < ctx->nw ? (size_t)ca + CONTEXT_WORDS : ctx->nw;
    uint32_t rb = ca;
    /* Right after the quotation, a paragraph start ends the context only
     * when the word before lies in another paragraph. */
    if (rb < end && w[rb].quote < 0 && !(w[rb].flags & QX_TERMINAL) &&
        (w[rb].flags & QX_PARA_START) && w[ca - 1 < ctx->nw ? ca - 1 : 0].para == w[rb].para)
        rb++;
    while (rb + 4 <= end && !stops_context4(&w[rb], QX_PARA_START | QX_TERMINAL))
        rb += 4;
    for (; rb < end; rb++) {
        const qword *p = &w[rb];
        if (p->quote >= 0 || (p->flags & (QX_PARA_START | QX_TERMINAL)))
            break;
    }
    return rb;
}

uint32_t qctx_left_bound(const qctx *ctx, uint32_t ob)
{
    return left_bound(ctx->w, ob);
}

void qctx_context_bounds(const qctx *ctx, qattr *a)
{
    a->lb = left_bound(ctx->w, a->ob);
    a->rb = right_bound(ctx, a->ca);
}

static bool is_blank(unsigned char c)
{
    /* One comparison for most bytes (letters and the like). */
    return c <= ' ' && (c == ' ' || c == '\n' || c == '\t');
}

/* The number of words (runs of bytes between blanks) in `s`, counting no
 * further than `limit`: the rules only ask whether a quotation has fewer
 * than a few, and most are long. */
size_t qctx_count_words(const char *s, size_t n, size_t limit)
{
    size_t words = 0;
    bool in_word = false; /* the byte before is no blank */
    size_t i = 0;
#if defined(__SSE2__)
    /* 16 bytes a round: a word starts at each byte that is no blank after
     * one that is (or after the start). */
    const __m128i space = _mm_set1_epi8(' '), nl = _mm_set1_epi8('\n'), tab = _mm_set1_epi8('\t');
    for (; i + 16 <= n && words < limit; i += 16) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + i));
        __m128i blank = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, nl)),
                                     _mm_cmpeq_epi8(v, tab));
        unsigned word = ~(unsigned)_mm_movemask_epi8(blank) & 0xFFFFu;
        for (unsigned starts = word & ~(word << 1 | in_word); starts; starts &= starts - 1)
            words++;
        in_word = word >> 15;
    }
#endif
    for (; i < n && words < limit; i++) {
        bool blank = is_blank((unsigned char)s[i]);
        words += !blank && !in_word;
        in_word = !blank;
    }
    return words < limit ? words : limit;
}

/* Whether `hay` starts with the `n` bytes of `needle`, ignoring ASCII case
 * (bit 0x20: letters match either case; so do a few symbol pairs, which the
 * rules have always allowed). */
static bool same_ci(const char *hay, const char *needle, size_t n)
{
    for (size_t k = 0; k < n; k++) {
        if (((unsigned char)hay[k] | 0x20) != ((unsigned char)needle[k] | 0x20))
            return false;
    }
    return true;
}

/* Case-insensitive search of `needle` in `hay`. Quotations are compared
 * with every other one, so the places where the first two bytes match are
 * found 16 at a time where SSE2 is there (a first byte alone, a common
 * letter or a space, matches every few bytes). */
const char *qctx_find_ci(const char *hay, size_t hn, const char *needle, size_t nn)
{
    if (nn == 0 || nn > hn)
        return NULL;
    const unsigned char first = (unsigned char)needle[0] | 0x20;
    const size_t last = hn - nn; /* the last place a match may start */
    size_t i = 0;
#if defined(__SSE2__)
    /* (A one-byte needle is left to the loop after.) */
    const __m128i f = _mm_set1_epi8((char)first), bit = _mm_set1_epi8(0x20);
    const __m128i s = _mm_set1_epi8((char)((unsigned char)needle[nn > 1] | 0x20));
    for (; nn > 1 && i + 17 <= hn && i <= last; i += 16) {
        __m128i v = _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(hay + i)), bit);
        __m128i next =
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(hay + i + 1)), bit);
        unsigned bits = (unsigned)_mm_movemask_epi8(
            _mm_and_si128(_mm_cmpeq_epi8(v, f), _mm_cmpeq_epi8(next, s)));
        while (bits) {
            size_t j = i + (size_t)__builtin_ctz(bits);
            bits &= bits - 1;
            if (j > last)
                return NULL;
            if (same_ci(hay + j, needle, nn))
                return hay + j;
        }
    }
#endif
    for (; i <= last; i++) {
        if (((unsigned char)hay[i] | 0x20) == first && same_ci(hay + i, needle, nn))
            return hay + i;
    }
    return NULL;
}
