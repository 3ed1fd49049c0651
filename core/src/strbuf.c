/* strbuf.c - growable byte buffer; see strbuf.h. */
#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <tpipe/error.h>

#include "utf8.h"

const char tp_strbuf_empty[1] = "";

void tp_strbuf_init(tp_strbuf *sb)
{
    sb->buf = (char *)tp_strbuf_empty;
    sb->len = 0;
    sb->alloc = 0;
    sb->oom = false;
}

void tp_strbuf_release(tp_strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    tp_strbuf_init(sb);
}

void tp_strbuf_reset(tp_strbuf *sb)
{
    sb->len = 0;
    sb->oom = false;
    if (sb->alloc)
        sb->buf[0] = '\0';
}

int tp_strbuf_grow(tp_strbuf *sb, size_t extra)
{
    if (sb->oom)
        return TP_ENOMEM;
    if (extra >= (size_t)-1 - sb->len - 1) {
        sb->oom = true;
        return TP_ENOMEM;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return 0;
    size_t cap = sb->alloc ? sb->alloc : 64;
    while (cap < need)
        cap = cap > (size_t)-1 / 2 ? need : cap * 2;
    char *p = realloc(sb->alloc ? sb->buf : NULL, cap);
    if (!p) {
        sb->oom = true;
        return TP_ENOMEM;
    }
    if (!sb->alloc)
        p[0] = '\0';
    sb->buf = p;
    sb->alloc = cap;
    return 0;
}

void tp_strbuf_setlen(tp_strbuf *sb, size_t len)
{
    if (len < sb->len && sb->alloc) {
        sb->len = len;
        sb->buf[len] = '\0';
    }
}

void tp_strbuf_add_slow(tp_strbuf *sb, const void *data, size_t len)
{
    if (len == 0 || tp_strbuf_grow(sb, len))
        return;
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void tp_strbuf_addf(tp_strbuf *sb, const char *fmt, ...)
{
    if (tp_strbuf_grow(sb, 64))
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= sb->alloc - sb->len) {
        /* Did not fit: grow to the exact size and format again. */
        if (tp_strbuf_grow(sb, (size_t)n))
            return;
        va_start(ap, fmt);
        vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
        va_end(ap);
    }
    sb->len += (size_t)n;
}

static inline int decimal_length(uint64_t n)
{
    int len = 1;
    for (; n >= 10000; n /= 10000)
        len += 4;
    return len + (n >= 10) + (n >= 100) + (n >= 1000);
}

static const char digit_pairs[] = "00010203040506070809101112131415161718192021222324"
                                  "25262728293031323334353637383940414243444546474849"
                                  "50515253545556575859606162636465666768697071727374"
                                  "75767778798081828384858687888990919293949596979899";

/* Writes the last `len` decimal digits of `n` at `out`, with leading zeros
 * when `n` has fewer; returns their end. Two digits a division, in 32 bits
 * once the rest fits (offsets and counts always do): those are cheaper. */
static inline char *put_digits(char *out, uint64_t n, int len)
{
    char *p = out + len;
    for (; n > UINT32_MAX; n /= 100) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (n % 100), 2);
    }
    uint32_t rest = (uint32_t)n;
    for (; p - out >= 2; rest /= 100) {
        p -= 2;
        memcpy(p, digit_pairs + 2 * (rest % 100), 2);
    }
    if (p > out)
        *--p = (char)('0' + rest % 10);
    return out + len;
}

/* Writes `n` in decimal at `out` (room for 20 bytes); returns the end. One
 * and two digits, the most common (indexes, counts), go without a loop. */
static inline char *put_uint(char *out, uint64_t n)
{
    if (n < 10) {
        *out = (char)('0' + n);
        return out + 1;
    }
    if (n < 100) {
        memcpy(out, digit_pairs + 2 * n, 2);
        return out + 2;
    }
    return put_digits(out, n, decimal_length(n));
}

void tp_strbuf_add_uint(tp_strbuf *sb, uint64_t n)
{
    char *out = tp_strbuf_room(sb, 20);
    if (out)
        tp_strbuf_commit(sb, put_uint(out, n));
}

char *tp_json_put_int(char *out, int64_t n)
{
    if (n < 0)
        *out++ = '-';
    /* Negated in unsigned arithmetic, which also holds INT64_MIN. */
    return put_uint(out, n < 0 ? 0 - (uint64_t)n : (uint64_t)n);
}

void tp_strbuf_add_int(tp_strbuf *sb, int64_t n)
{
    char *out = tp_strbuf_room(sb, TP_JSON_SCALAR_MAX);
    if (out)
        tp_strbuf_commit(sb, tp_json_put_int(out, n));
}

/* Bytes copied into a JSON string as they are: printable ASCII except '"'
 * and '\\'. (Bytes from 0x80 are checked as UTF-8 sequences.) */
static const unsigned char json_plain[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x00 */
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* 0x10 */
    1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x20: '"' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x30 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x40 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, /* 0x50: '\\' */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x60 */
    1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, /* 0x70 */
};

/* Whether all 8 bytes of `w` are json_plain, without a branch per byte:
 * a byte below 0x20, equal to '"' or '\\' (zero after the xor) or from 0x80
 * sets its top bit in one of the terms. A borrow can only run on from a byte
 * that already matched, so there are no false alarms. */
static bool plain8(uint64_t w)
{
    const uint64_t ones = UINT64_C(0x0101010101010101);
    const uint64_t tops = UINT64_C(0x8080808080808080);
    uint64_t control = w - ones * 0x20;
    uint64_t quote = (w ^ (ones * '"')) - ones;
    uint64_t backslash = (w ^ (ones * '\\')) - ones;
    return ((control | quote | backslash | w) & tops) == 0;
}

/* The escape of the ASCII byte `c` that json_plain refuses, at `out` (room
 * for 6 bytes); returns its end. */
static char *put_json_escape(char *out, unsigned char c)
{
    static const char hex[] = "0123456789abcdef";
    char letter = 0;
    switch (c) {
    case '"': letter = '"'; break;
    case '\\': letter = '\\'; break;
    case '\b': letter = 'b'; break;
    case '\f': letter = 'f'; break;
    case '\n': letter = 'n'; break;
    case '\r': letter = 'r'; break;
    case '\t': letter = 't'; break;
    }
    *out++ = '\\';
    if (letter) {
        *out++ = letter;
        return out;
    }
    memcpy(out, "u00", 3);
    out[3] = hex[c >> 4];
    out[4] = hex[c & 15];
    return out + 5;
}

#ifdef __SSE2__
/* copy_plain() 16 bytes at a time while 16 are left: a byte is not plain
 * when it is '"' or '\\' or, as a signed byte, below 0x20 (which takes in
 * those from 0x80). A block with one is copied whole all the same (the room
 * is there) and the count stops before that byte. */
static inline size_t copy_plain16(char *out, const unsigned char *p, size_t len)
{
    const __m128i space = _mm_set1_epi8(0x20), quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    size_t i = 0;
    for (; len - i >= 16; i += 16) {
        __m128i w = _mm_loadu_si128((const __m128i *)(p + i));
        _mm_storeu_si128((__m128i *)(out + i), w);
        __m128i special =
            _mm_or_si128(_mm_cmplt_epi8(w, space),
                         _mm_or_si128(_mm_cmpeq_epi8(w, quote), _mm_cmpeq_epi8(w, backslash)));
        int mask = _mm_movemask_epi8(special);
        if (mask)
            return i + (size_t)__builtin_ctz((unsigned)mask);
    }
    return i;
}
#endif

/* Copies the plain bytes at the start of p[0..len) to `out`, 16 or 8 at a
 * time while they last; returns how many. */
static inline size_t copy_plain(char *out, const unsigned char *p, size_t len)
{
    size_t i = 0;
#ifdef __SSE2__
    i = copy_plain16(out, p, len);
    if (len - i >= 16)
        return i;
#endif
    for (; len - i >= 8; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        if (!plain8(w))
            break;
        memcpy(out + i, &w, 8);
    }
    while (i < len && json_plain[p[i]]) {
        out[i] = (char)p[i];
        i++;
    }
    return i;
}

/* Appends p[0..len), which starts with a byte that is not plain, escaped,
 * and the closing quote; `out` is where it goes, in room made for len + 1
 * bytes. Kept apart so that the common case stays small. */
static void add_json_rest(tp_strbuf *sb, char *out, const unsigned char *p, size_t len)
{
    size_t i = 0;
    while (i < len) {
        unsigned char c = p[i];
        size_t n = c >= 0x80 ? tp_utf8_sequence_length(p + i, len - i) : 0;
        if (n) {
            memcpy(out, p + i, n);
            out += n;
            i += n;
        } else {
            /* An escape or U+FFFD is longer than the byte it replaces. */
            tp_strbuf_commit(sb, out);
            out = tp_strbuf_room(sb, 6 + (len - i - 1) + 1);
            if (!out)
                return;
            if (c >= 0x80) {
                memcpy(out, "\xEF\xBF\xBD", 3);
                out += 3;
            } else {
                out = put_json_escape(out, c);
            }
            i++;
        }
        size_t plain = copy_plain(out, p + i, len - i);
        out += plain;
        i += plain;
    }
    *out++ = '"';
    tp_strbuf_commit(sb, out);
}

void tp_strbuf_put_json_string(tp_strbuf *sb, char *out, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    *out++ = '"';
    size_t plain = copy_plain(out, p, len);
    if (plain < len) {
        add_json_rest(sb, out + plain, p + plain, len - plain);
        return;
    }
    out[plain] = '"';
    tp_strbuf_commit(sb, out + plain + 1);
}

void tp_strbuf_add_json_string(tp_strbuf *sb, const char *s, size_t len)
{
    /* Room for the common case, nothing to escape, is made up front. */
    char *out = tp_strbuf_room(sb, len + 2);
    if (out)
        tp_strbuf_put_json_string(sb, out, s, len);
}

/* Keys longer than this, or with a byte to escape, take the general path. */
#define SHORT_KEY_MAX 48

void tp_strbuf_add_json_key(tp_strbuf *sb, const char *key)
{
    /* Keys are short plain words, and a record holds thousands: copy one
     * while scanning it, without measuring it first. */
    const unsigned char *p = (const unsigned char *)key;
    char *out = tp_strbuf_room(sb, SHORT_KEY_MAX + 3);
    if (!out)
        return;
    size_t n = 0;
    while (n < SHORT_KEY_MAX && json_plain[p[n]]) {
        out[1 + n] = (char)p[n];
        n++;
    }
    if (p[n] != '\0') {
        tp_strbuf_add_json_string(sb, key, strlen(key));
        tp_strbuf_addch(sb, ':');
        return;
    }
    out[0] = '"';
    out[1 + n] = '"';
    out[2 + n] = ':';
    tp_strbuf_commit(sb, out + 3 + n);
}

/* The ten-thousandths in `frac_bits` / 2^shift (frac_bits < 2^shift and
 * frac_bits < 2^53), rounded half to even: 0 to 10000. */
static uint32_t ten_thousandths(uint64_t frac_bits, int shift)
{
    /* 10^4 = 625 * 2^4, and frac_bits * 625 < 2^63 does not overflow. */
    uint64_t scaled = frac_bits * 625;
    if (shift <= 4)
        return (uint32_t)(scaled << (4 - shift));
    int drop = shift - 4;
    if (drop >= 64)
        return 0; /* scaled < 2^63 <= half of 2^drop */
    uint64_t q = scaled >> drop;
    uint64_t rest = scaled & ((UINT64_C(1) << drop) - 1);
    uint64_t half = UINT64_C(1) << (drop - 1);
    if (rest > half || (rest == half && (q & 1)))
        q++;
    return (uint32_t)q;
}

/* The ten-thousandths in |d| < 1e15 rounded half to even, from exact
 * integer arithmetic: a double is exactly mant / 2^shift. That is what
 * glibc's correctly rounded printf does (in the default rounding mode). */
static uint64_t ten_thousandths_exact(double d)
{
    uint64_t bits;
    memcpy(&bits, &d, sizeof bits);
    int biased_exp = (int)((bits >> 52) & 0x7ff);
    uint64_t mant = bits & ((UINT64_C(1) << 52) - 1);
    int shift = 1074; /* subnormal */
    if (biased_exp) {
        mant |= UINT64_C(1) << 52;
        shift = 1075 - biased_exp;
    }
    uint64_t whole = 0, frac_bits = 0;
    if (shift <= 0) {
        whole = mant << -shift; /* an integer below 1e15: no overflow */
    } else if (shift < 64) {
        whole = mant >> shift;
        frac_bits = mant & ((UINT64_C(1) << shift) - 1);
    } else {
        frac_bits = mant;
    }
    return whole * 10000 + (frac_bits ? ten_thousandths(frac_bits, shift) : 0);
}

/* The same from the product |d| * 10^4 when that settles it: below 2^31 the
 * rounded product is within 2^-22 of the exact one, so a fraction farther
 * than 2^-20 from one half rounds the same way for both. Scores and ratios
 * (|d| <= 1, four decimals at most) all take this path; NaN does not. */
static inline bool ten_thousandths_fast(double d, uint32_t *out)
{
    double product = fabs(d) * 10000.0;
    if (!(product < 2147483648.0))
        return false;
    int32_t below = (int32_t)product;
    double fraction = product - (double)below; /* exact */
    if (fabs(fraction - 0.5) < 0x1p-20)
        return false;
    *out = (uint32_t)below + (fraction > 0.5);
    return true;
}

/* Writes `whole` and `frac` ten-thousandths (below 10000) as "%.4f" would,
 * with trailing zeros and point trimmed, after a minus when `negative` and
 * not zero (no -0). Returns the end (at most 22 bytes on). */
static inline char *put_fixed4(char *out, bool negative, uint64_t whole, uint32_t frac)
{
    if (negative && (whole || frac))
        *out++ = '-';
    out = put_uint(out, whole);
    if (frac) {
        *out++ = '.';
        memcpy(out, digit_pairs + 2 * (frac / 100), 2);
        memcpy(out + 2, digit_pairs + 2 * (frac % 100), 2);
        int digits = 4;
        while (out[digits - 1] == '0')
            digits--;
        out += digits;
    }
    return out;
}

char *tp_json_put_number(char *out, double d)
{
    uint32_t small;
    if (ten_thousandths_fast(d, &small))
        return put_fixed4(out, signbit(d), small / 10000, small % 10000);
    if (!isfinite(d)) {
        memcpy(out, "null", 4);
        return out + 4;
    }
    if (fabs(d) < 1e15) {
        uint64_t scaled = ten_thousandths_exact(d);
        return put_fixed4(out, signbit(d), scaled / 10000, (uint32_t)(scaled % 10000));
    }
    /* %.4f would print hundreds of digits; beyond 2^50 the decimals are
     * noise anyway. %.17g round-trips and is valid JSON (at most 24 bytes
     * with the NUL). */
    int n = snprintf(out, TP_JSON_SCALAR_MAX, "%.17g", d);
    if (n <= 0 || n >= TP_JSON_SCALAR_MAX) {
        memcpy(out, "null", 4);
        return out + 4;
    }
    return out + n;
}

void tp_strbuf_add_json_number(tp_strbuf *sb, double d)
{
    char *out = tp_strbuf_room(sb, TP_JSON_SCALAR_MAX);
    if (out)
        tp_strbuf_commit(sb, tp_json_put_number(out, d));
}

char *tp_strbuf_detach(tp_strbuf *sb, size_t *len)
{
    if (sb->oom) {
        tp_strbuf_release(sb);
        if (len)
            *len = 0;
        return NULL;
    }
    char *out = sb->alloc ? sb->buf : calloc(1, 1);
    if (len)
        *len = out ? sb->len : 0;
    tp_strbuf_init(sb);
    return out;
}
