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
#endif

enum { M_NONE = 0, M_DOUBLE, M_SINGLE };
enum { SHAPE_NEUTRAL = 0, SHAPE_OPEN, SHAPE_CLOSE };

/* The mark at `p`, if any: its kind, byte length and shape. */
static int mark_at(const unsigned char *s, size_t p, size_t end, size_t *mlen, int *shape)
{
    unsigned char c = s[p];
    *shape = SHAPE_NEUTRAL;
    *mlen = 1;
    if (c == '"')
        return M_DOUBLE;
    if (c == '\'')
        return M_SINGLE;
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
static int32_t cp_before(const unsigned char *s, size_t lo, size_t p)
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

static int32_t cp_at(const unsigned char *s, size_t p, size_t hi)
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

static bool is_space(int32_t cp)
{
    if (cp < 0)
        return true;
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0)
        return true;
    /* No other ASCII character is a space separator (the rest are Cc). */
    if (cp < 0x80)
        return false;
    utf8proc_category_t c = utf8proc_category(cp);
    return c == UTF8PROC_CATEGORY_ZS || c == UTF8PROC_CATEGORY_ZL || c == UTF8PROC_CATEGORY_ZP;
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

static bool is_mark_cp(int32_t cp)
{
    return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x201E ||
           cp == 0x2018 || cp == 0x2019 || cp == 0xAB || cp == 0xBB;
}

/* Characters after which a mark opens: brackets, dashes, slashes. */
static bool opens_after(int32_t cp)
{
    return cp == '(' || cp == '[' || cp == '{' || cp == '-' || cp == 0x2013 || cp == 0x2014 ||
           cp == '/' || cp == 0x201C || cp == 0x2018 || cp == 0xAB;
}

static bool is_closing_punct(int32_t cp)
{
    return cp == '.' || cp == ',' || cp == ';' || cp == ':' || cp == '!' || cp == '?' ||
           cp == ')' || cp == ']' || cp == '}' || cp == '-' || cp == 0x2013 || cp == 0x2014 ||
           cp == 0x2026 || cp == '/' || cp == '*';
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

static int grow_candidates(qmark_list *out, size_t need)
{
    size_t cap = out->cap_cand ? out->cap_cand : 256;
    while (cap < need)
        cap *= 2;
    uint32_t *cand = realloc(out->cand, cap * sizeof *cand);
    if (!cand)
        return TP_ENOMEM;
    out->cand = cand;
    out->cap_cand = cap;
    return 0;
}

void qmark_list_free(qmark_list *list)
{
    free(list->items);
    free(list->cand);
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

typedef struct mark {
    size_t pos, len;
    int kind;
    bool can_open, can_close;
    int shape;
    int32_t before, after;
} mark;

static mark classify(const unsigned char *s, size_t lo, size_t hi, size_t p)
{
    mark m = {.pos = p};
    m.kind = mark_at(s, p, hi, &m.len, &m.shape);
    m.before = cp_before(s, lo, p);
    m.after = cp_at(s, p + m.len, hi);
    bool left_ok = m.before < 0 || is_space(m.before) || opens_after(m.before);
    bool right_ok = m.after < 0 || is_space(m.after) || is_closing_punct(m.after) ||
                    is_mark_cp(m.after);
    m.can_open = left_ok && !is_space(m.after);
    m.can_close = !is_space(m.before) && !opens_after(m.before) && right_ok;
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
    mark m = classify(s, p, hi, p);
    return m.kind == M_DOUBLE && m.shape != SHAPE_CLOSE && m.can_open;
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

/* Bytes that may start a quote mark: " ' and the lead bytes of “ ” ‘ ’ „ « ». */
static bool may_start_mark(unsigned char c)
{
    return c == '"' || c == '\'' || c == 0xE2 || c == 0xC2;
}

/* Appends the offsets of the bytes of `s` that may start a mark to `out`.
 * Marks are a few in a thousand bytes: one scan of the text finds them all,
 * 16 bytes at a time where SSE2 is there (every x86-64), and the pairing
 * below walks this list instead of the text. */
static int collect_candidates(const unsigned char *s, size_t len, qmark_list *out)
{
    out->ncand = 0;
    /* At most one candidate per byte; most texts have few. */
    size_t p = 0;
#if defined(__SSE2__)
    /* 32 bytes a round; 0xE2 and 0xC2 differ only in bit 5, so one
     * comparison finds both. */
    const __m128i dq = _mm_set1_epi8('"'), sq = _mm_set1_epi8('\'');
    const __m128i bit5 = _mm_set1_epi8(0x20), lead = _mm_set1_epi8((char)0xE2);
    for (; p + 32 <= len; p += 32) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)(s + p + 16));
        __m128i mv = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, dq), _mm_cmpeq_epi8(v, sq)),
                                  _mm_cmpeq_epi8(_mm_or_si128(v, bit5), lead));
        __m128i mw = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(w, dq), _mm_cmpeq_epi8(w, sq)),
                                  _mm_cmpeq_epi8(_mm_or_si128(w, bit5), lead));
        uint32_t bits = (uint32_t)_mm_movemask_epi8(mv) | (uint32_t)_mm_movemask_epi8(mw) << 16;
        if (!bits)
            continue;
        if (out->ncand + 32 > out->cap_cand && grow_candidates(out, out->ncand + 32) != 0)
            return TP_ENOMEM;
        while (bits) {
            out->cand[out->ncand++] = (uint32_t)(p + (size_t)__builtin_ctz(bits));
            bits &= bits - 1;
        }
    }
#endif
    for (; p < len; p++) {
        if (!may_start_mark(s[p]))
            continue;
        if (out->ncand + 1 > out->cap_cand && grow_candidates(out, out->ncand + 1) != 0)
            return TP_ENOMEM;
        out->cand[out->ncand++] = (uint32_t)p;
    }
    return 0;
}

/* A reading position in the candidate list. */
typedef struct cursor {
    const uint32_t *pos;
    size_t n, k;
} cursor;

/* The first candidate at or after `p` and before `end`, else `end`. */
static size_t next_candidate(cursor *c, size_t p, size_t end)
{
    if (c->k > 0 && c->pos[c->k - 1] >= p) {
        /* Asked about an earlier place: find it again. */
        size_t lo = 0, hi = c->k;
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (c->pos[mid] < p)
                lo = mid + 1;
            else
                hi = mid;
        }
        c->k = lo;
    }
    while (c->k < c->n && c->pos[c->k] < p)
        c->k++;
    return c->k < c->n && c->pos[c->k] < end ? c->pos[c->k] : end;
}

/* Single quotes inside a paragraph outside double quotes: pair an opener with
 * the next closer, or drop it as an apostrophe. */
static int pair_singles(const unsigned char *s, cursor *cur, size_t lo, size_t hi, uint32_t para,
                        size_t from, size_t to, qmark_list *out)
{
    size_t p = from;
    bool open = false;
    size_t open_pos = 0, open_len = 0;
    while ((p = next_candidate(cur, p, to)) < to) {
        size_t mlen;
        int shape;
        int kind = mark_at(s, p, hi, &mlen, &shape);
        if (kind != M_SINGLE) {
            p++;
            continue;
        }
        /* Pyongyang’s, don't: an apostrophe, most single marks. Between
         * ASCII letters or digits it needs no classifying. */
        if (p > lo && p + mlen < hi && is_ascii_alnum(s[p - 1]) && is_ascii_alnum(s[p + mlen])) {
            p += mlen;
            continue;
        }
        mark m = classify(s, lo, hi, p);
        if (is_alnum(m.before) && is_alnum(m.after)) {
            p += mlen;
            continue;
        }
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
        p += mlen;
    }
    return 0;
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
    if (collect_candidates(s, len, out) != 0)
        return TP_ENOMEM;
    /* The double marks are read in one pass and the single ones, behind it,
     * in another: a cursor each. */
    cursor cur = {out->cand, out->ncand, 0}, singles = cur;
    state st = {0};
    for (size_t pi = 0; pi < npara; pi++) {
        size_t lo = paras[pi].start, hi = paras[pi].end;
        if (hi > len)
            hi = len;
        /* Text outside double quotes in this paragraph, for single quotes. */
        size_t outside_from = lo;
        bool continuing = st.open; /* a quotation from the paragraph before */
        size_t p = lo;
        while ((p = next_candidate(&cur, p, hi)) < hi) {
            size_t mlen;
            int shape;
            int kind = mark_at(s, p, hi, &mlen, &shape);
            if (kind != M_DOUBLE) {
                p++;
                continue;
            }
            mark m = classify(s, lo, hi, p);
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
                    p += mlen;
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
            p += mlen;
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
