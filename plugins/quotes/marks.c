/* marks.c - pairing quote marks.
 *
 * Each mark is classified by its neighbours first (space or start before and
 * a letter after opens; a letter or punctuation before and space or
 * punctuation after closes), by its shape second (“ opens, ” closes) and by
 * the state last, so mismatched pairs ("… outcomes”) still pair. Double marks
 * make quotations; single marks do only when they pair within the paragraph,
 * otherwise they are apostrophes (the '90s, rock 'n' roll, leaders'). */
#include "marks.h"

#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>
#include <utf8proc.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define MARKS_AVX2 1 /* a 64-byte scan where the CPU has AVX2 */
#endif
#endif

enum { M_NONE = 0, M_DOUBLE, M_SINGLE };
enum { SHAPE_NEUTRAL = 0, SHAPE_OPEN, SHAPE_CLOSE };

/* The mark at `p`, if any: its kind, byte length and shape. */
static inline int mark_at(const unsigned char *s, size_t p, size_t end, size_t *mlen, int *shape)
{
    unsigned char c = s[p];
    *shape = SHAPE_NEUTRAL;
    *mlen = 1;
    if (c == '"')
        return M_DOUBLE;
    if (c == '\'') {
        /* ''…'': two single marks written for a double one. */
        if (p + 1 < end && s[p + 1] == '\'') {
            *mlen = 2;
            return M_DOUBLE;
        }
        return p > 0 && s[p - 1] == '\'' ? M_NONE : M_SINGLE;
    }
    if (c == 0xE2 && p + 2 < end && s[p + 1] == 0x80) {
        *mlen = 3;
        switch (s[p + 2]) {
        case 0x9C: *shape = SHAPE_OPEN; return M_DOUBLE;  /* “ */
        case 0x9D: *shape = SHAPE_CLOSE; return M_DOUBLE; /* ” */
        case 0x9E: *shape = SHAPE_OPEN; return M_DOUBLE;  /* „ */
        case 0x98: *shape = SHAPE_OPEN; return M_SINGLE;  /* ‘ */
        case 0x99: *shape = SHAPE_CLOSE; return M_SINGLE; /* ’ */
        default: return M_NONE;
        }
    }
    if (c == 0xC2 && p + 1 < end) {
        *mlen = 2;
        if (s[p + 1] == 0xAB) {
            *shape = SHAPE_OPEN; /* « */
            return M_DOUBLE;
        }
        if (s[p + 1] == 0xBB) {
            *shape = SHAPE_CLOSE; /* » */
            return M_DOUBLE;
        }
    }
    return M_NONE;
}

/* Code point before `p` (>= lo), or -1. */
static inline int32_t cp_before(const unsigned char *s, size_t lo, size_t p)
{
    if (p <= lo)
        return -1;
    /* ASCII, most of the text: no decoding. */
    if (s[p - 1] < 0x80)
        return s[p - 1];
    size_t q = p - 1;
    while (q > lo && (s[q] & 0xC0) == 0x80)
        q--;
    utf8proc_int32_t cp;
    if (utf8proc_iterate(s + q, (utf8proc_ssize_t)(p - q), &cp) <= 0)
        return -1;
    return cp;
}

static inline int32_t cp_at(const unsigned char *s, size_t p, size_t hi)
{
    if (p >= hi)
        return -1;
    if (s[p] < 0x80)
        return s[p];
    utf8proc_int32_t cp;
    if (utf8proc_iterate(s + p, (utf8proc_ssize_t)(hi - p), &cp) <= 0)
        return -1;
    return cp;
}

/* What a character beside a mark says about the mark (a bit set). */
enum {
    CH_SPACE = 1u << 0,       /* white space, or no character (the paragraph's edge) */
    CH_OPENS_AFTER = 1u << 1, /* a mark after it opens: brackets, dashes, slashes, “ ‘ « */
    CH_CLOSING = 1u << 2,     /* punctuation that may follow a closing mark */
    CH_MARK = 1u << 3,        /* a quote mark */
};

/* The classes of the ASCII characters: a table, as most neighbours are
 * ASCII. No other ASCII character is a space separator (the rest are Cc). */
static const uint8_t ascii_class[128] = {
    ['\t'] = CH_SPACE,
    ['\n'] = CH_SPACE,
    ['\r'] = CH_SPACE,
    [' '] = CH_SPACE,
    ['('] = CH_OPENS_AFTER,
    ['['] = CH_OPENS_AFTER,
    ['{'] = CH_OPENS_AFTER,
    ['-'] = CH_OPENS_AFTER | CH_CLOSING,
    ['/'] = CH_OPENS_AFTER | CH_CLOSING,
    ['.'] = CH_CLOSING,
    [','] = CH_CLOSING,
    [';'] = CH_CLOSING,
    [':'] = CH_CLOSING,
    ['!'] = CH_CLOSING,
    ['?'] = CH_CLOSING,
    [')'] = CH_CLOSING,
    [']'] = CH_CLOSING,
    ['}'] = CH_CLOSING,
    ['*'] = CH_CLOSING,
    ['"'] = CH_MARK,
    ['\''] = CH_MARK,
};

/* The classes of a character from U+0080 on. */
static unsigned wide_class(int32_t cp)
{
    switch (cp) {
    case 0xA0: return CH_SPACE;
    case 0x2013:
    case 0x2014: return CH_OPENS_AFTER | CH_CLOSING; /* – — */
    case 0x2026: return CH_CLOSING;                  /* … */
    case 0x201C:
    case 0x2018:
    case 0xAB: return CH_OPENS_AFTER | CH_MARK; /* “ ‘ « */
    case 0x201D:
    case 0x201E:
    case 0x2019:
    case 0xBB: return CH_MARK; /* ” „ ’ » */
    default: break;
    }
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP
               ? CH_SPACE
               : 0;
}

/* The classes of code point `cp`; -1 (none) reads as space. */
static inline unsigned char_class(int32_t cp)
{
    if (cp < 0)
        return CH_SPACE;
    return cp < 0x80 ? ascii_class[cp] : wide_class(cp);
}

static inline bool is_space(int32_t cp)
{
    return char_class(cp) & CH_SPACE;
}

static bool is_ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static bool is_alnum(int32_t cp)
{
    if (cp < 0)
        return false;
    if (cp < 0x80)
        return is_ascii_alnum((unsigned char)cp);
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO) ||
           (c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO) ||
           (c >= UTF8PROC_CATEGORY_MN && c <= UTF8PROC_CATEGORY_ME);
}

static bool is_digit(int32_t cp)
{
    if (cp < 0x80)
        return cp >= '0' && cp <= '9';
    return utf8proc_category(cp) == UTF8PROC_CATEGORY_ND;
}

static bool is_terminal(int32_t cp)
{
    return cp == '.' || cp == '!' || cp == '?' || cp == 0x2026 || cp == ',' || cp == ':' ||
           cp == ';';
}

static int push(qmark_list *out, const qmark_quote *q)
{
    if (out->count == out->cap) {
        size_t cap = out->cap ? out->cap * 2 : 64;
        qmark_quote *items = realloc(out->items, cap * sizeof *items);
        if (!items)
            return TP_ENOMEM;
        out->items = items;
        out->cap = cap;
    }
    out->items[out->count++] = *q;
    return 0;
}

/* A quote mark in the text: found once by the scan, read by the pairing. */
typedef struct qmark_seen {
    uint32_t pos;  /* byte offset */
    uint8_t len;   /* bytes: 1 to 3 */
    uint8_t shape; /* SHAPE_* */
} qmark_seen;

/* Makes room for `more` marks of each kind. */
static int grow_seen(qmark_list *out, size_t more)
{
    for (int i = 0; i < 2; i++) {
        if (out->nseen[i] + more <= out->cap_seen[i])
            continue;
        size_t cap = out->cap_seen[i] ? out->cap_seen[i] : 64;
        while (cap < out->nseen[i] + more)
            cap *= 2;
        qmark_seen *seen = realloc(out->seen[i], cap * sizeof *seen);
        if (!seen)
            return TP_ENOMEM;
        out->seen[i] = seen;
        out->cap_seen[i] = cap;
    }
    return 0;
}

void qmark_list_free(qmark_list *list)
{
    free(list->items);
    free(list->seen[0]);
    free(list->seen[1]);
    memset(list, 0, sizeof *list);
}

static void trim(const unsigned char *s, uint32_t *a, uint32_t *b)
{
    while (*a < *b && is_space(cp_at(s, *a, *b))) {
        size_t k = 1;
        while (*a + k < *b && (s[*a + k] & 0xC0) == 0x80)
            k++;
        *a += (uint32_t)k;
    }
    while (*b > *a && is_space(cp_before(s, *a, *b))) {
        uint32_t q = *b - 1;
        while (q > *a && (s[q] & 0xC0) == 0x80)
            q--;
        *b = q;
    }
}

/* What the neighbours of a mark say: whether it may open or close. */
typedef struct mark {
    bool can_open, can_close;
    int32_t before, after;
} mark;

/* Reads the neighbours of the mark of `len` bytes at `p` in the paragraph
 * [lo, hi). */
static inline mark classify(const unsigned char *s, size_t lo, size_t hi, size_t p, size_t len)
{
    mark m;
    m.before = cp_before(s, lo, p);
    m.after = cp_at(s, p + len, hi);
    unsigned before = char_class(m.before), after = char_class(m.after);
    bool left_ok = before & (CH_SPACE | CH_OPENS_AFTER);
    bool right_ok = after & (CH_SPACE | CH_CLOSING | CH_MARK);
    m.can_open = left_ok && !(after & CH_SPACE);
    m.can_close = !left_ok && right_ok;
    return m;
}

/* Whether the paragraph [lo, hi) starts with an opening double mark. */
static bool starts_with_opener(const unsigned char *s, size_t lo, size_t hi)
{
    size_t p = lo;
    while (p < hi && is_space(cp_at(s, p, hi)))
        p++;
    if (p >= hi)
        return false;
    size_t len;
    int shape;
    if (mark_at(s, p, hi, &len, &shape) != M_DOUBLE || shape == SHAPE_CLOSE)
        return false;
    return classify(s, p, hi, p, len).can_open;
}

typedef struct state {
    bool open;
    qmark_quote q;     /* the quotation being read */
    uint32_t seg_start; /* start of the current paragraph's part */
} state;

static int finish(const unsigned char *s, state *st, uint32_t end, uint32_t after, bool unclosed,
                  qmark_list *out)
{
    uint32_t a = st->q.start, b = end;
    trim(s, &a, &b);
    st->open = false;
    if (b <= a)
        return 0;
    st->q.start = a;
    st->q.end = b;
    st->q.after_close = unclosed ? b : after;
    st->q.unclosed = unclosed;
    return push(out, &st->q);
}

/* Lists the marks among the 64 bytes from `base` flagged in `bits` (bit i:
 * byte base + i), each as its kind's. Inline: it runs in the scan's loop. */
static inline __attribute__((always_inline)) int
add_marks(const unsigned char *s, size_t len, size_t base, uint64_t bits, qmark_list *out)
{
    if ((out->nseen[0] + 64 > out->cap_seen[0] || out->nseen[1] + 64 > out->cap_seen[1]) &&
        grow_seen(out, 64) != 0)
        return TP_ENOMEM;
    for (; bits; bits &= bits - 1) {
        size_t p = base + (size_t)__builtin_ctzll(bits), mlen;
        int shape;
        int kind = mark_at(s, p, len, &mlen, &shape);
        if (kind != M_NONE) {
            int i = kind == M_SINGLE;
            out->seen[i][out->nseen[i]++] =
                (qmark_seen){(uint32_t)p, (uint8_t)mlen, (uint8_t)shape};
        }
    }
    return 0;
}

/* The bytes that may start a mark among the 64 at `b`, as bits: " ' and the
 * lead bytes of “ ” ‘ ’ „ « ». */
typedef uint64_t (*block_fn)(const unsigned char *b);

/* Lists the quote marks of `s` found by `block` 64 bytes at a time.
 * Inline: each scan below gets its own copy with `block` inlined. */
static inline __attribute__((always_inline)) int scan_blocks(const unsigned char *s, size_t len,
                                                             block_fn block, qmark_list *out)
{
    size_t p = 0;
    for (; p + 64 <= len; p += 64) {
        uint64_t bits = block(s + p);
        if (bits && add_marks(s, len, p, bits, out) != 0)
            return TP_ENOMEM;
    }
    if (p == len)
        return 0;
    /* The last bytes, padded with zeros (never a mark), the same way. */
    unsigned char tail[64] = {0};
    memcpy(tail, s + p, len - p);
    uint64_t bits = block(tail);
    return bits ? add_marks(s, len, p, bits, out) : 0;
}

#if defined(MARKS_AVX2)
/* 0xE2 and 0xC2 differ only in bit 5: one comparison finds both. */
__attribute__((target("avx2"))) static inline uint32_t may_start_avx2(const unsigned char *b)
{
    __m256i v = _mm256_loadu_si256((const __m256i *)(const void *)b);
    __m256i hit = _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('"')),
                                                  _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\''))),
                                  _mm256_cmpeq_epi8(_mm256_or_si256(v, _mm256_set1_epi8(0x20)),
                                                    _mm256_set1_epi8((char)0xE2)));
    return (uint32_t)_mm256_movemask_epi8(hit);
}

__attribute__((target("avx2"))) static inline uint64_t block_avx2(const unsigned char *b)
{
    return may_start_avx2(b) | (uint64_t)may_start_avx2(b + 32) << 32;
}

__attribute__((target("avx2"))) static int find_marks_avx2(const unsigned char *s, size_t len,
                                                           qmark_list *out)
{
    return scan_blocks(s, len, block_avx2, out);
}
#endif

#if defined(__SSE2__)
static inline uint64_t may_start_sse2(const unsigned char *b)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)b);
    __m128i hit = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\''))),
        _mm_cmpeq_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8((char)0xE2)));
    return (uint32_t)_mm_movemask_epi8(hit);
}

static inline uint64_t block_default(const unsigned char *b)
{
    return may_start_sse2(b) | may_start_sse2(b + 16) << 16 | may_start_sse2(b + 32) << 32 |
           may_start_sse2(b + 48) << 48;
}
#else
static inline uint64_t block_default(const unsigned char *b)
{
    uint64_t bits = 0;
    for (unsigned i = 0; i < 64; i++) {
        unsigned char c = b[i];
        if (c == '"' || c == '\'' || (c | 0x20) == 0xE2)
            bits |= 1ull << i;
    }
    return bits;
}
#endif

/* Lists the quote marks of `s`, doubles and singles apart, in text order.
 * Marks are a few in a thousand bytes: one vector scan of the text finds
 * the bytes that may start one (SSE2 on every x86-64, AVX2 where the CPU
 * has it), only those are read, and the pairing below walks the lists
 * instead of the text. */
static int find_marks(const unsigned char *s, size_t len, qmark_list *out)
{
    out->nseen[0] = out->nseen[1] = 0;
#if defined(MARKS_AVX2)
    static _Atomic int avx2 = -1; /* asked once; every thread gets the same answer */
    if (avx2 < 0)
        avx2 = __builtin_cpu_supports("avx2") != 0;
    if (avx2)
        return find_marks_avx2(s, len, out);
#endif
    return scan_blocks(s, len, block_default, out);
}

/* A reading position in the marks of one kind. */
typedef struct cursor {
    const qmark_seen *seen;
    size_t n, k;
} cursor;

/* Moves the cursor to the first mark at or after byte `p`. */
static inline void seek(cursor *c, size_t p)
{
    if (c->k > 0 && c->seen[c->k - 1].pos >= p) {
        /* Asked about an earlier place: find it again. */
        size_t lo = 0, hi = c->k;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->seen[mid].pos < p)
                lo = mid + 1;
            else
                hi = mid;
        }
        c->k = lo;
    }
    while (c->k < c->n && c->seen[c->k].pos < p)
        c->k++;
}

/* The cursor's mark if it starts before byte `end`, or NULL. Marks never
 * overlap, so the one after a mark is the next in the list. */
static inline const qmark_seen *mark_before(const cursor *c, size_t end)
{
    return c->k < c->n && c->seen[c->k].pos < end ? &c->seen[c->k] : NULL;
}

/* Whether no mark is in [lo, hi), known without moving the cursor: the
 * cursor stands between lo and hi, as it does for paragraphs in order
 * (most of which hold no mark). */
static inline bool none_in(const cursor *c, size_t lo, size_t hi)
{
    return (c->k == 0 || c->seen[c->k - 1].pos < lo) && (c->k == c->n || c->seen[c->k].pos >= hi);
}

/* Single quotes inside a paragraph outside double quotes: pair an opener with
 * the next closer, or drop it as an apostrophe. */
static int pair_singles_at(const unsigned char *s, cursor *cur, size_t lo, size_t hi, uint32_t para,
                           size_t to, qmark_list *out)
{
    bool open = false;
    size_t open_pos = 0, open_len = 0;
    for (const qmark_seen *mk; (mk = mark_before(cur, to)) != NULL; cur->k++) {
        size_t p = mk->pos, mlen = mk->len;
        if (p + mlen > hi)
            continue; /* cut by the paragraph's end: no mark */
        /* Pyongyang’s, don't: an apostrophe, most single marks. Between
         * ASCII letters or digits it needs no classifying. */
        if (p > lo && p + mlen < hi && is_ascii_alnum(s[p - 1]) && is_ascii_alnum(s[p + mlen]))
            continue;
        mark m = classify(s, lo, hi, p, mlen);
        if (is_alnum(m.before) && is_alnum(m.after))
            continue;
        bool opener = m.can_open && !m.can_close && !is_digit(m.after);
        bool closer = m.can_close && !m.can_open;
        if (!open && opener) {
            open = true;
            open_pos = p;
            open_len = mlen;
        } else if (open && closer) {
            qmark_quote q = {.start = (uint32_t)(open_pos + open_len), .end = (uint32_t)p,
                             .open_mark = (uint32_t)open_pos,
                             .after_close = (uint32_t)(p + mlen), .para_first = para,
                             .para_last = para, .single = true};
            trim(s, &q.start, &q.end);
            /* 'n' (rock 'n' roll) and other one-letter pairs are elisions. */
            if (q.end > q.start + 1) {
                if (push(out, &q) != 0)
                    return TP_ENOMEM;
                open = false;
            } else {
                open = false;
            }
        }
    }
    return 0;
}

/* pair_singles_at() over the single marks in [from, to), when there are any
 * (most stretches have none). */
static inline int pair_singles(const unsigned char *s, cursor *cur, size_t lo, size_t hi,
                               uint32_t para, size_t from, size_t to, qmark_list *out)
{
    seek(cur, from);
    return mark_before(cur, to) ? pair_singles_at(s, cur, lo, hi, para, to, out) : 0;
}

int qmark_find(const char *text, size_t len, const tp_paragraph *paras, size_t npara,
               qmark_list *out)
{
    const unsigned char *s = (const unsigned char *)text;
    tp_paragraph whole = {.start = 0, .end = (uint32_t)len};
    if (npara == 0) {
        paras = &whole;
        npara = 1;
    }
    out->count = 0;
    if (find_marks(s, len, out) != 0)
        return TP_ENOMEM;
    /* The double marks are read in one pass and the single ones, behind it,
     * in another: a cursor each. */
    cursor doubles = {out->seen[0], out->nseen[0], 0};
    cursor singles = {out->seen[1], out->nseen[1], 0};
    state st = {0};
    for (size_t pi = 0; pi < npara; pi++) {
        size_t lo = paras[pi].start, hi = paras[pi].end;
        if (hi > len)
            hi = len;
        /* No mark and no quotation going on: nothing to do. */
        if (!st.open && none_in(&doubles, lo, hi) && none_in(&singles, lo, hi))
            continue;
        /* Text outside double quotes in this paragraph, for single quotes. */
        size_t outside_from = lo;
        bool continuing = st.open; /* a quotation from the paragraph before */
        seek(&doubles, lo);
        for (const qmark_seen *mk; (mk = mark_before(&doubles, hi)) != NULL; doubles.k++) {
            size_t p = mk->pos, mlen = mk->len;
            int shape = mk->shape;
            if (p + mlen > hi)
                continue; /* cut by the paragraph's end: no mark */
            mark m = classify(s, lo, hi, p, mlen);
            bool opener, closer;
            if (m.can_open != m.can_close) {
                opener = m.can_open;
                closer = m.can_close;
            } else if (shape != SHAPE_NEUTRAL) {
                opener = shape == SHAPE_OPEN;
                closer = shape == SHAPE_CLOSE;
            } else {
                opener = !st.open;
                closer = st.open;
            }
            if (continuing) {
                /* The opening mark that continues last paragraph's quotation. */
                continuing = false;
                if (opener) {
                    st.seg_start = (uint32_t)(p + mlen);
                    st.q.para_last = (uint32_t)pi;
                    continue;
                }
            }
            if (!st.open && opener) {
                if (pair_singles(s, &singles, lo, hi, (uint32_t)pi, outside_from, p, out) != 0)
                    return TP_ENOMEM;
                memset(&st.q, 0, sizeof st.q);
                st.open = true;
                st.q.open_mark = (uint32_t)p;
                st.q.start = st.seg_start = (uint32_t)(p + mlen);
                st.q.para_first = st.q.para_last = (uint32_t)pi;
            } else if (st.open && closer) {
                if (finish(s, &st, (uint32_t)p, (uint32_t)(p + mlen), false, out) != 0)
                    return TP_ENOMEM;
                outside_from = p + mlen;
            } else if (st.open && opener) {
                /* An opening mark inside a quotation: after a sentence end it
                 * is the paragraph convention run inline ("…comes. "As long"),
                 * so the quotation goes on; otherwise the first was never
                 * closed and a new one starts. */
                int32_t last = cp_before(s, st.seg_start, p);
                size_t q = p;
                while (is_space(last) && q > st.seg_start) {
                    q--;
                    while (q > st.seg_start && (s[q] & 0xC0) == 0x80)
                        q--;
                    last = cp_before(s, st.seg_start, q);
                }
                if (is_terminal(last) && last != ',' && last != ':' && last != ';') {
                    st.seg_start = (uint32_t)(p + mlen);
                } else {
                    if (finish(s, &st, (uint32_t)p, (uint32_t)p, true, out) != 0)
                        return TP_ENOMEM;
                    memset(&st.q, 0, sizeof st.q);
                    st.open = true;
                    st.q.open_mark = (uint32_t)p;
                    st.q.start = st.seg_start = (uint32_t)(p + mlen);
                    st.q.para_first = st.q.para_last = (uint32_t)pi;
                }
            }
        }
        if (st.open) {
            bool next_opens = pi + 1 < npara &&
                              starts_with_opener(s, paras[pi + 1].start,
                                                 paras[pi + 1].end > len ? len : paras[pi + 1].end);
            if (!next_opens && finish(s, &st, (uint32_t)hi, (uint32_t)hi, true, out) != 0)
                return TP_ENOMEM;
        } else if (pair_singles(s, &singles, lo, hi, (uint32_t)pi, outside_from, hi, out) != 0) {
            return TP_ENOMEM;
        }
    }
    /* Singles were appended per stretch; keep the list in text order. */
    for (size_t i = 1; i < out->count; i++) {
        qmark_quote q = out->items[i];
        size_t j = i;
        while (j > 0 && out->items[j - 1].start > q.start) {
            out->items[j] = out->items[j - 1];
            j--;
        }
        out->items[j] = q;
    }
    return 0;
}
