/* wordkey.c - word keys: one 64-bit hash per word, folded for look-ups, so
 * that steps which look tokens up in word lists share the lower-casing and
 * hashing instead of each doing it again (see doc.h).
 *
 * The folded form is hashed 8 bytes at a time: its length seeds the hash,
 * then bytes are gathered into little-endian 64-bit units, zero-padded, and
 * each unit is mixed in with one multiplication. Among words of one length
 * up to 8 bytes the key is a bijection of the unit: no two share it. The document
 * pass below reads plain ASCII words straight into units (four words at a
 * time with AVX2, which nearly every x86-64 CPU has); every other word
 * goes through the general fold, which gives the same units, so all paths
 * agree on every key. */
#include "wordkey.h"

#include <stddef.h>
#include <string.h>

#include <utf8proc.h>

#define GOLDEN 0x9E3779B97F4A7C15ull
#define MIX_FACTOR 0xff51afd7ed558ccdull

static inline uint64_t seed(size_t folded_len)
{
    return ((uint64_t)folded_len + 1) * GOLDEN;
}

static inline uint64_t mix(uint64_t h, uint64_t unit)
{
    h ^= unit;
    h *= MIX_FACTOR;
    return h ^ (h >> 32);
}

/* The folded bytes on their way into units. */
typedef struct folder {
    uint64_t h, unit;
    unsigned filled; /* bytes in `unit` */
} folder;

static inline void put_byte(folder *f, unsigned char b)
{
    f->unit |= (uint64_t)b << (8 * f->filled);
    if (++f->filled == 8) {
        f->h = mix(f->h, f->unit);
        f->unit = 0;
        f->filled = 0;
    }
}

/* The fold of one character: simple lower case; the typographic
 * apostrophes and the modifier letter apostrophe read as ASCII '\''
 * ("don’t" and "don't" are one word to a word list). */
static utf8proc_int32_t fold_char(utf8proc_int32_t cp)
{
    if (cp == 0x2019 || cp == 0x2018 || cp == 0x02BC)
        return '\'';
    return utf8proc_tolower(cp);
}

/* Walks the fold of [s, s+len): calls put_byte() for each folded byte when
 * `f` is given; returns the folded length. */
static size_t fold(const char *s, size_t len, folder *f)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0, out = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            unsigned char c = p[i++];
            if (f)
                put_byte(f, c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c);
            out++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            /* Not UTF-8 (document text never is): the byte as it is. */
            if (f)
                put_byte(f, p[i]);
            i++;
            out++;
            continue;
        }
        i += (size_t)n;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(fold_char(cp), enc);
        for (utf8proc_ssize_t k = 0; f && k < m; k++)
            put_byte(f, enc[k]);
        out += (size_t)m;
    }
    return out;
}

TP_API uint64_t tp_word_key(const char *s, size_t len)
{
    /* The length seeds the hash: a first pass measures the fold (which
     * may change the length of a non-ASCII word). */
    folder f = {seed(fold(s, len, NULL)), 0, 0};
    fold(s, len, &f);
    if (f.filled)
        f.h = mix(f.h, f.unit);
    return f.h;
}

/* ASCII upper case to lower case in all eight bytes of `w` at once (every
 * byte below 0x80): a byte gets 0x20 when it is >= 'A' and not > 'Z'. The
 * additions cannot carry from one byte into the next. */
static inline uint64_t lower8(uint64_t w)
{
    uint64_t ge_a = w + 0x3f3f3f3f3f3f3f3full, gt_z = w + 0x2525252525252525ull;
    return w | ((ge_a & ~gt_z & 0x8080808080808080ull) >> 2);
}

#define HIGH_BITS 0x8080808080808080ull

/* The key of the word [start, end) of `text` when it is ASCII and 1 to 16
 * bytes long with at least 8 bytes of text before its end (nearly every
 * word): 1 and *key, else 0. Reads the 8 bytes ending the word, so no byte
 * past it. */
static inline int short_ascii_key(const char *text, uint32_t start, uint32_t end, uint64_t *key)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    size_t len = end - start;
    if (len - 1 >= 16 || end < 8)
        return 0;
    /* The last unit is the 8 bytes that end the word, shifted down: the
     * word's last bytes, zero-padded. */
    uint64_t head, tail = 0, last;
    memcpy(&last, text + end - 8, sizeof last);
    if (len <= 8) {
        head = last >> (8 * (8 - len));
    } else {
        memcpy(&head, text + start, sizeof head);
        tail = last >> (8 * (16 - len));
    }
    if ((head | tail) & HIGH_BITS)
        return 0;
    uint64_t h = mix(seed(len), lower8(head));
    if (len > 8)
        h = mix(h, lower8(tail));
    *key = h;
    return 1;
#else
    (void)text, (void)start, (void)end, (void)key;
    return 0;
#endif
}

/* The key of token `tok` of `text`, one token at a time. */
static inline uint64_t token_key(const char *text, const tp_token *tok)
{
    uint64_t key;
    if (!short_ascii_key(text, tok->start, tok->end, &key))
        key = tp_word_key(text + tok->start, tok->end - tok->start);
    return key;
}

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

/* The low 64 bits of a * b in each 64-bit lane (AVX2 has no such multiply):
 * the three 32 x 32-bit products that reach them. */
__attribute__((target("avx2"))) static inline __m256i mul64(__m256i a, __m256i b)
{
    __m256i low = _mm256_mul_epu32(a, b);
    __m256i cross = _mm256_add_epi64(_mm256_mul_epu32(_mm256_srli_epi64(a, 32), b),
                                     _mm256_mul_epu32(a, _mm256_srli_epi64(b, 32)));
    return _mm256_add_epi64(low, _mm256_slli_epi64(cross, 32));
}

/* mix() in each lane. */
__attribute__((target("avx2"))) static inline __m256i mix4(__m256i h, __m256i unit)
{
    h = mul64(_mm256_xor_si256(h, unit), _mm256_set1_epi64x((long long)MIX_FACTOR));
    return _mm256_xor_si256(h, _mm256_srli_epi64(h, 32));
}

/* The starts and ends of toks[0..4), lane i holding token i's start | end << 32
 * (the first 8 bytes of a tp_token). */
__attribute__((target("avx2"))) static inline __m256i ranges4(const tp_token *toks)
{
    _Static_assert(sizeof(tp_token) == 16 && offsetof(tp_token, start) == 0 &&
                       offsetof(tp_token, end) == 4,
                   "two tokens are 32 bytes and each opens with start, end");
    __m256i first = _mm256_loadu_si256((const __m256i *)toks);
    __m256i second = _mm256_loadu_si256((const __m256i *)(toks + 2));
    /* Tokens 0, 2 | 1, 3, then in order. */
    return _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(first, second), _MM_SHUFFLE(3, 1, 2, 0));
}

/* seed() in each lane, for lengths below 2^32 (any word's): the two 32-bit
 * products that reach the low 64 bits of len * GOLDEN, plus GOLDEN. */
__attribute__((target("avx2"))) static inline __m256i seed4(__m256i len)
{
    __m256i low = _mm256_mul_epu32(len, _mm256_set1_epi64x((long long)GOLDEN));
    __m256i high = _mm256_mul_epu32(len, _mm256_set1_epi64x((long long)(GOLDEN >> 32)));
    return _mm256_add_epi64(_mm256_add_epi64(low, _mm256_slli_epi64(high, 32)),
                            _mm256_set1_epi64x((long long)GOLDEN));
}

/* lower8() bytewise in each lane: adding 0x3f takes 'A'..'Z', and no other
 * byte below 0x80, to the 26 lowest signed bytes (lanes with bytes from
 * 0x80 up are redone anyway). */
__attribute__((target("avx2"))) static inline __m256i lower32(__m256i w)
{
    __m256i upper =
        _mm256_cmpgt_epi8(_mm256_set1_epi8(-128 + 26), _mm256_add_epi8(w, _mm256_set1_epi8(0x3f)));
    return _mm256_or_si256(w, _mm256_and_si256(upper, _mm256_set1_epi8(0x20)));
}

/* short_ascii_key() for four tokens at once: the keys go to keys[0..4);
 * returns a mask with bits 8i..8i+7 nonzero for each token i that is not
 * such a word (non-ASCII, longer than 16 bytes or ending in the first 8
 * bytes of the text), whose key the caller computes with tp_word_key(). */
__attribute__((target("avx2"))) static inline uint32_t
short_ascii_keys4(const char *text, const tp_token *toks, uint64_t *keys)
{
    const __m256i eight = _mm256_set1_epi64x(8);
    __m256i range = ranges4(toks);
    __m256i start = _mm256_and_si256(range, _mm256_set1_epi64x(0xffffffff));
    __m256i end = _mm256_srli_epi64(range, 32);
    __m256i len = _mm256_sub_epi64(end, start);
    /* As short_ascii_key(): the 8 bytes ending the word, shifted down to
     * its last len % 8 bytes (all 8 for 8 and 16), and for a word of 9 to
     * 16 bytes the 8 at its start. Other words are not read: they get all
     * ones, which the ASCII test turns away. */
    __m256i fits = _mm256_andnot_si256(_mm256_cmpgt_epi64(len, _mm256_set1_epi64x(16)),
                                       _mm256_cmpgt_epi64(end, _mm256_set1_epi64x(7)));
    __m256i two_units = _mm256_cmpgt_epi64(len, eight);
    __m256i last = _mm256_mask_i64gather_epi64(_mm256_set1_epi64x(-1), (const long long *)text,
                                               _mm256_sub_epi64(end, eight), fits, 1);
    __m256i head = _mm256_mask_i64gather_epi64(_mm256_setzero_si256(), (const long long *)text,
                                               start, two_units, 1);
    __m256i tail = _mm256_srlv_epi64(
        last, _mm256_and_si256(_mm256_sub_epi64(_mm256_setzero_si256(), _mm256_slli_epi64(len, 3)),
                               _mm256_set1_epi64x(63)));
    uint32_t redo = (uint32_t)_mm256_movemask_epi8(_mm256_or_si256(head, tail));
    __m256i h = mix4(seed4(len), lower32(_mm256_blendv_epi8(tail, head, two_units)));
    if (!_mm256_testz_si256(two_units, two_units))
        h = _mm256_blendv_epi8(h, mix4(h, lower32(tail)), two_units);
    _mm256_storeu_si256((__m256i *)keys, h);
    return redo;
}

/* The keys of the tokens short_ascii_keys4() turned away: `redo` as it
 * returned for toks[0..4). */
static void redo_keys(const char *text, const tp_token *toks, uint32_t redo, uint64_t *keys)
{
    for (unsigned i = 0; i < 4; i++)
        if (redo & 0xffu << (8 * i))
            keys[i] = tp_word_key(text + toks[i].start, toks[i].end - toks[i].start);
}

/* Groups of four tokens whose turned-away tokens wait for redo_keys(): the
 * vector loop makes no call, which would clobber the registers holding
 * its constants. */
#define GROUPS_PER_BATCH 64

/* tp_word_keys_of() four tokens at a time. Returns how many tokens it did
 * (a multiple of four). */
__attribute__((target("avx2"))) static size_t keys_of_avx2(const char *text, const tp_token *toks,
                                                           size_t count, uint64_t *keys)
{
    size_t t = 0, whole = count & ~(size_t)3;
    while (t < whole) {
        size_t at[GROUPS_PER_BATCH], n = 0;
        uint32_t redo[GROUPS_PER_BATCH];
        size_t stop = whole - t > 4 * GROUPS_PER_BATCH ? t + 4 * GROUPS_PER_BATCH : whole;
        for (; t < stop; t += 4) {
            redo[n] = short_ascii_keys4(text, toks + t, keys + t);
            at[n] = t;
            n += redo[n] != 0;
        }
        for (size_t g = 0; g < n; g++)
            redo_keys(text, toks + at[g], redo[g], keys + at[g]);
    }
    return t;
}
#endif

void tp_word_keys_of(const char *text, const tp_token *toks, size_t count, uint64_t *keys)
{
    size_t t = 0;
#if defined(__x86_64__) && defined(__GNUC__)
    if (__builtin_cpu_supports("avx2"))
        t = keys_of_avx2(text, toks, count, keys);
#endif
    for (; t < count; t++)
        keys[t] = token_key(text, &toks[t]);
}
