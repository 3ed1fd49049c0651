/* wordkey.c - word keys: one 64-bit hash per word, folded for look-ups, so
 * that steps which look tokens up in word lists share the lower-casing and
 * hashing instead of each doing it again (see doc.h).
 *
 * The folded form is hashed 8 bytes at a time: bytes are gathered into
 * little-endian 64-bit units, zero-padded, each unit mixed in, then the
 * folded length. The document pass below reads plain ASCII words straight
 * into units; every other word goes through the general fold, which gives
 * the same units, so both paths agree on every key. */
#include "wordkey.h"

#include <string.h>

#include <utf8proc.h>

#define KEY_SEED 0x9E3779B97F4A7C15ull

static inline uint64_t mix(uint64_t h, uint64_t unit)
{
    h ^= unit;
    h *= 0xff51afd7ed558ccdull;
    return h ^ (h >> 32);
}

static inline uint64_t finish(uint64_t h, size_t len)
{
    h = mix(h, (uint64_t)len);
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 29);
}

/* The folded bytes on their way into units. */
typedef struct folder {
    uint64_t h, unit;
    unsigned filled; /* bytes in `unit` */
    size_t len;      /* folded bytes so far */
} folder;

static inline void put_byte(folder *f, unsigned char b)
{
    f->unit |= (uint64_t)b << (8 * f->filled);
    f->len++;
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

TP_API uint64_t tp_word_key(const char *s, size_t len)
{
    folder f = {KEY_SEED, 0, 0, 0};
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < len) {
        if (p[i] < 0x80) {
            unsigned char c = p[i++];
            put_byte(&f, c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c);
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &cp);
        if (n <= 0) {
            /* Not UTF-8 (document text never is): the byte as it is. */
            put_byte(&f, p[i++]);
            continue;
        }
        i += (size_t)n;
        utf8proc_uint8_t enc[4];
        utf8proc_ssize_t m = utf8proc_encode_char(fold_char(cp), enc);
        for (utf8proc_ssize_t k = 0; k < m; k++)
            put_byte(&f, enc[k]);
    }
    if (f.filled)
        f.h = mix(f.h, f.unit);
    return finish(f.h, f.len);
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
    uint64_t h = mix(KEY_SEED, lower8(head));
    if (len > 8)
        h = mix(h, lower8(tail));
    *key = finish(h, len);
    return 1;
#else
    (void)text, (void)start, (void)end, (void)key;
    return 0;
#endif
}

void tp_word_keys_of(const char *text, const tp_token *toks, size_t count, uint64_t *keys)
{
    for (size_t t = 0; t < count; t++) {
        uint32_t start = toks[t].start, end = toks[t].end;
        if (!short_ascii_key(text, start, end, &keys[t]))
            keys[t] = tp_word_key(text + start, end - start);
    }
}
