/* context.c - the word view of a document: tokens with their list classes
 * and the quotation holding them, built once per document. */
#include "context.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>
#include <utf8proc.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#include <pthread.h>
#define VIEW_AVX2 1 /* four tokens at a time where the CPU has AVX2 */
#endif

static int grow(void **buf, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap : 256;
    while (cap2 < need)
        cap2 *= 2;
    void *p = realloc(*buf, cap2 * size);
    if (!p)
        return TP_ENOMEM;
    *buf = p;
    *cap = cap2;
    return 0;
}

/* Case and shape flags of a word from its letters. */
static uint32_t shape_flags(const char *s, size_t n)
{
    size_t letters = 0, upper = 0;
    bool first_upper = false, first_seen = false;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        bool is_letter, up;
        if (b < 0x80) {
            /* ASCII, most of the text: no table look-up. */
            i++;
            up = b >= 'A' && b <= 'Z';
            is_letter = up || (b >= 'a' && b <= 'z');
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0)
                break;
            i += (size_t)k;
            utf8proc_category_t c = utf8proc_category(cp);
            is_letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
            up = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        }
        if (!is_letter)
            continue;
        letters++;
        if (up)
            upper++;
        if (!first_seen) {
            first_seen = true;
            first_upper = up;
        }
    }
    uint32_t f = 0;
    if (first_upper)
        f |= QX_CAP;
    if (letters >= 2 && upper == letters)
        f |= QX_ACRONYM;
    if (letters == 0)
        f |= QX_PUNCT;
    return f;
}

/* The flags of a one-byte punctuation or symbol token, by its byte: one
 * table for the scalar and the vector view. */
static const uint32_t single_punct_flags[256] = {
    ['.'] = QX_TERMINAL, ['!'] = QX_TERMINAL, ['?'] = QX_TERMINAL, [','] = QX_COMMA,
    [';'] = QX_COMMA,    [':'] = QX_COLON,    ['-'] = QX_DASH,
};

static inline uint32_t punct_flags(const char *s, size_t n)
{
    if (n == 1)
        return single_punct_flags[(unsigned char)s[0]];
    if (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        unsigned char c = (unsigned char)s[2];
        if (c == 0x93 || c == 0x94)
            return QX_DASH;
        if (c == 0xA6)
            return QX_TERMINAL;
    }
    if (n >= 2 && s[0] == '-' && s[1] == '-')
        return QX_DASH;
    /* "?!" and "..." */
    if (n >= 2 && (s[0] == '.' || s[0] == '!' || s[0] == '?'))
        return QX_TERMINAL;
    return 0;
}

static bool is_possessive(const char *s, size_t n)
{
    if (n == 2 && (s[0] == '\'') && (s[1] == 's' || s[1] == 'S'))
        return true;
    if (n == 4 && memcmp(s, "\xE2\x80\x99", 3) == 0 && (s[3] == 's' || s[3] == 'S'))
        return true;
    return false;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Where the walk over the tokens stands in the paragraphs and quotations.
 * Both change rarely: the word view looks at them again only at `next`, the
 * first byte where either may change. */
typedef struct walk {
    const tp_paragraph *paras;
    size_t npara, pi;
    uint32_t para_start;
    uint32_t para_end;  /* when to move on to the next paragraph */
    bool start_pending; /* the paragraph's first token is still to come */
    const qmark_quote *quotes;
    size_t nq, qi;
    uint32_t q_open, q_after;
    bool q_reached; /* a token at or after the current quotation's opening mark was seen */
    int32_t quote;  /* the quotation holding the current token, or -1 */
    qattr *attr;    /* where each quotation's first word and first word after go */
} walk;

static walk walk_start(const tp_paragraph *paras, size_t npara, const qmark_list *quotes,
                       qattr *attr)
{
    size_t nq = quotes->count;
    return (walk){.paras = paras,
                  .npara = npara,
                  .para_start = npara ? paras[0].start : 0,
                  .para_end = npara > 1 ? paras[0].end : UINT32_MAX,
                  .start_pending = npara > 0,
                  .quotes = quotes->items,
                  .nq = nq,
                  .q_open = nq ? quotes->items[0].open_mark : UINT32_MAX,
                  .q_after = nq ? quotes->items[0].after_close : UINT32_MAX,
                  .quote = -1,
                  .attr = attr};
}

/* Moves the walk to token `t` (at or past the last `next`). Returns the new
 * `next`; sets QX_PARA_START in *flags when the token opens a paragraph. */
static uint32_t walk_to(walk *wk, const tp_token *toks, size_t t, uint32_t *flags)
{
    uint32_t start = toks[t].start;
    while (wk->para_end <= start) {
        wk->pi++;
        wk->para_start = wk->paras[wk->pi].start;
        wk->para_end = wk->pi + 1 < wk->npara ? wk->paras[wk->pi].end : UINT32_MAX;
        wk->start_pending = true;
    }
    /* The first token at or after the paragraph's start opens it, unless
     * the token before runs into the paragraph. */
    if (wk->start_pending && start >= wk->para_start) {
        if (t == 0 || toks[t - 1].end <= wk->para_start)
            *flags |= QX_PARA_START;
        wk->start_pending = toks[t].end <= wk->para_start;
    }
    if (t == 0)
        *flags |= QX_PARA_START;
    /* The token where the walk reaches a quotation's opening mark, or
     * passes its closing one, is the first at or after it: the quotation's
     * first word (qattr.ob) and the first word after it (qattr.ca). */
    while (wk->q_after <= start) {
        if (!wk->q_reached)
            wk->attr[wk->qi].ob = (uint32_t)t;
        wk->attr[wk->qi].ca = (uint32_t)t;
        wk->q_reached = false;
        wk->qi++;
        wk->q_open = wk->qi < wk->nq ? wk->quotes[wk->qi].open_mark : UINT32_MAX;
        wk->q_after = wk->qi < wk->nq ? wk->quotes[wk->qi].after_close : UINT32_MAX;
    }
    if (!wk->q_reached && start >= wk->q_open) {
        wk->attr[wk->qi].ob = (uint32_t)t;
        wk->q_reached = true;
    }
    wk->quote = wk->q_reached ? (int32_t)wk->qi : -1;
    uint32_t next = start < wk->q_open ? wk->q_open : wk->q_after;
    if (wk->para_end < next)
        next = wk->para_end;
    if (wk->start_pending && wk->para_start < next)
        next = wk->para_start;
    return next;
}

/* Whether word `s` (`n` > 4 bytes) ends with ’ before its last byte. Its
 * last byte (0x99) is tested first: the lead bytes E2 80 open many other
 * marks, so most words ending in -s fail on one load. */
static bool curly_before_last(const char *s, size_t n)
{
    return (unsigned char)s[n - 2] == 0x99 && (unsigned char)s[n - 3] == 0x80 &&
           (unsigned char)s[n - 4] == 0xE2;
}

/* `flags` (the word's case) with the list classes of word `s` (`n` bytes,
 * tp_word_key() `key`); their id in *id. Its last letter says which of the
 * suffix rules may apply: most words take none. */
static inline __attribute__((always_inline)) uint32_t
lexicon_flags(const qlex *lex, const char *s, size_t n, uint64_t key, uint32_t flags, uint16_t *id)
{
    size_t look = n;
    switch (s[n - 1]) {
    case 's':
        /* A word glued to its possessive ("Trump's" when the tokenizer
         * keeps clitics) is looked up without it. */
        if (n > 2 && s[n - 2] == '\'')
            look = n - 2;
        else if (n > 4 && curly_before_last(s, n))
            look = n - 4;
        if (look != n)
            key = tp_word_key(s, look);
        break;
    case 'd':
        if (n >= 9 && ends_with(s, n, "-year-old"))
            flags |= QX_AGE | QW_ROLE;
        break;
    default: break;
    }
    /* Words of QLEX_WORD_MAX bytes or more are in no list: their keys find
     * nothing, as any other word's outside the lists. */
    qlex_class c = qlex_find_key(lex, key);
    *id = c.id;
    return flags | c.flags;
}

/* The case of word `s` (`n` bytes) whose first byte is a capital or not
 * ASCII: the tokenizer's case flags when it sets them; our own reading of
 * the letters for a word it did not mark (a non-ASCII first letter, or a
 * tokenizer that leaves the flags out). */
static inline __attribute__((always_inline)) uint32_t case_flags(const char *s, size_t n,
                                                                 const tp_token *tok)
{
    if (tok->flags & TP_TOKF_ALL_CAPS)
        return QX_CAP | QX_ACRONYM;
    if (tok->flags & TP_TOKF_CAPITALISED)
        return QX_CAP;
    return shape_flags(s, n);
}

/* The shape of a token that is no plain lower-case word: punctuation,
 * possessives, and the case of words, numbers and the like. */
static inline __attribute__((always_inline)) uint32_t shape_of(const char *s, size_t n,
                                                               const tp_token *tok)
{
    unsigned char c0 = (unsigned char)s[0];
    if (tok->kind == TP_TOK_QUOTE)
        return QX_PUNCT;
    if (tok->kind == TP_TOK_PUNCT || tok->kind == TP_TOK_SYMBOL)
        return QX_PUNCT | punct_flags(s, n);
    if ((c0 == '\'' || c0 == 0xE2) && n <= 4 &&
        (is_possessive(s, n) || (n == 1 && c0 == '\'') ||
         (n == 3 && memcmp(s, "\xE2\x80\x99", 3) == 0)))
        return QX_POSS | QX_PUNCT; /* 's ’s ' ’ */
    if ((tok->flags & (TP_TOKF_ALL_CAPS | TP_TOKF_CAPITALISED)) || c0 >= 0x80 ||
        (c0 >= 'A' && c0 <= 'Z'))
        return case_flags(s, n, tok);
    return 0;
}

/* What the view of a token run reads: the text, the lists, the tokens and
 * their keys, and where the words go. */
typedef struct view_src {
    const char *text;
    const qlex *lex;
    const tp_token *toks;
    const uint64_t *keys;
    qword *words;
    bool avx2; /* view_run() takes four tokens at a time */
} view_src;

/* Views token `t` in its paragraph and quotation (`place`: quote and para
 * as in a qword). `quoted`, a constant where this is inlined: lower-case
 * words in a quotation are never cues or subjects, only names matter there,
 * so they are not looked up. Most tokens are lower-case ASCII words (no case
 * to read, no possessive to check): they take the short path, and words
 * opening with an ASCII capital (no possessive either) the next. */
static inline __attribute__((always_inline)) void view_token(const view_src *src, size_t t,
                                                             uint64_t place, bool quoted)
{
    const tp_token *tok = &src->toks[t];
    /* The tokenizer's sentence starts; the sentences' own are added after
     * the walk. */
    _Static_assert(QX_SENT_START == (uint32_t)TP_TOKF_SENT_START << 24, "flag moved");
    uint32_t flags = ((uint32_t)tok->flags << 24) & QX_SENT_START;
    const char *s = src->text + tok->start;
    unsigned char c0 = (unsigned char)s[0];
    uint16_t id = 0;
    bool word = tok->kind == TP_TOK_WORD;
    if (word && (unsigned)(c0 - 'a') < 26) {
        if (!quoted)
            flags = lexicon_flags(src->lex, s, tok->end - tok->start, src->keys[t], flags, &id);
    } else if (word && (unsigned)(c0 - 'A') < 26) {
        size_t n = tok->end - tok->start;
        flags |= case_flags(s, n, tok);
        flags = lexicon_flags(src->lex, s, n, src->keys[t], flags, &id);
    } else {
        size_t n = tok->end - tok->start;
        flags |= shape_of(s, n, tok);
        if (word && !(flags & QX_POSS) && (!quoted || (flags & QX_CAP)))
            flags = lexicon_flags(src->lex, s, n, src->keys[t], flags, &id);
    }
    /* Field by field: a compound literal would zero the word first. */
    qword *w = &src->words[t];
    w->flags = flags;
    memcpy(&w->quote, &place, sizeof place);
    w->id = id;
}

#if defined(VIEW_AVX2)
/* What the vector view makes of a token by its kind, the tokenizer's case
 * flags and its first byte: the QX_* flags it gets (TC_FLAGS) and whether
 * it is looked up; or TC_SCALAR, view_token() reads it. */
enum {
    TC_LOOKUP = 1u << 0,          /* a word to look up */
    TC_LOOKUP_UNQUOTED = 1u << 1, /* a word to look up outside quotations */
    TC_ONE_BYTE = 1u << 2, /* the flags are a one-byte token's; view_token() reads longer ones */
    TC_FLAGS = QX_CAP | QX_ACRONYM | QX_PUNCT | QX_TERMINAL | QX_COMMA | QX_COLON | QX_DASH,
    TC_SCALAR = 1u << 31,
};

/* view_token()'s dispatch, as a class. Words look up their own keys: a
 * lower-case ASCII word outside quotations, a word opening with an ASCII
 * capital that the tokenizer gave its case. */
static uint32_t token_class(unsigned kind, unsigned case_flags, unsigned char c0)
{
    bool lower = (unsigned)(c0 - 'a') < 26, upper = (unsigned)(c0 - 'A') < 26;
    if (kind == TP_TOK_WORD && lower)
        return TC_LOOKUP_UNQUOTED;
    if (kind == TP_TOK_WORD && upper && (case_flags & TP_TOKF_ALL_CAPS))
        return TC_LOOKUP | QX_CAP | QX_ACRONYM;
    if (kind == TP_TOK_WORD && upper && (case_flags & TP_TOKF_CAPITALISED))
        return TC_LOOKUP | QX_CAP;
    if (kind == TP_TOK_PUNCT || kind == TP_TOK_SYMBOL)
        return TC_ONE_BYTE | QX_PUNCT | single_punct_flags[c0];
    if (kind == TP_TOK_QUOTE)
        return QX_PUNCT;
    /* A token of another kind with no case and no possessive shape to read
     * (a number, a URL) gets no flags. */
    if (kind == TP_TOK_WORD || case_flags || upper || c0 == '\'' || c0 >= 0x80)
        return TC_SCALAR;
    return 0;
}

/* token_class() of every kind (the core admits no other), case flags
 * (TP_TOKF_CAPITALISED | TP_TOKF_ALL_CAPS) and first byte, at kind << 10 |
 * case << 8 | byte. */
static uint32_t token_classes[TP_TOK_KIND_COUNT << 10];
static pthread_once_t token_classes_once = PTHREAD_ONCE_INIT;

static void fill_token_classes(void)
{
    for (unsigned at = 0; at < TP_TOK_KIND_COUNT << 10; at++)
        token_classes[at] = token_class(at >> 10, at >> 8 & 3, (unsigned char)at);
}

/* The two halves of tokens toks[0..4), lane i (64 bits) for token i: its
 * range (start | end << 32) and the rest (kind, flags, sentence). */
__attribute__((target("avx2"))) static inline void tokens4(const tp_token *toks, __m256i *range,
                                                           __m256i *rest)
{
    _Static_assert(sizeof(tp_token) == 16 && offsetof(tp_token, start) == 0 &&
                       offsetof(tp_token, end) == 4 && offsetof(tp_token, kind) == 8 &&
                       offsetof(tp_token, flags) == 10,
                   "two tokens are 32 bytes, each a range and the rest");
    __m256i first = _mm256_loadu_si256((const __m256i *)toks);
    __m256i second = _mm256_loadu_si256((const __m256i *)(toks + 2));
    /* Tokens 0, 2 | 1, 3, then in order. */
    *range =
        _mm256_permute4x64_epi64(_mm256_unpacklo_epi64(first, second), _MM_SHUFFLE(3, 1, 2, 0));
    *rest = _mm256_permute4x64_epi64(_mm256_unpackhi_epi64(first, second), _MM_SHUFFLE(3, 1, 2, 0));
}

/* All ones in the lanes of `x` equal to `v`. */
__attribute__((target("avx2"))) static inline __m256i lanes_eq(__m256i x, long long v)
{
    return _mm256_cmpeq_epi64(x, _mm256_set1_epi64x(v));
}

__attribute__((target("avx2"))) static inline __m256i lanes_and(__m256i x, long long bits)
{
    return _mm256_and_si256(x, _mm256_set1_epi64x(bits));
}

/* The list classes (flags | id << 32) of keys[0..4) in the lanes of
 * `lookup`, zero in the others; in *unsure the lanes whose low slot holds
 * another word, which only qlex_find_key() answers. */
__attribute__((target("avx2"))) static inline __m256i
lexicon_classes4(const qlex *lex, const uint64_t *keys, __m256i lookup, __m256i *unsure)
{
    _Static_assert(sizeof(qlex_slot) == 16 && offsetof(qlex_slot, cls) == 8 &&
                       offsetof(qlex_class, id) == 4,
                   "a slot is the key, then flags and id");
    __m256i key = _mm256_loadu_si256((const __m256i *)keys);
    __m256i at = lanes_and(key, (long long)lex->offsets);
    const long long *slots = (const long long *)(const void *)lex->slots;
    __m256i zero = _mm256_setzero_si256();
    __m256i held = _mm256_mask_i64gather_epi64(zero, slots, at, lookup, 1);
    __m256i cls = _mm256_mask_i64gather_epi64(zero, slots + 1, at, lookup, 1);
    /* The key itself, or an empty slot (whose classes are zero): known. */
    __m256i known = _mm256_or_si256(_mm256_cmpeq_epi64(held, key), _mm256_cmpeq_epi64(held, zero));
    *unsure = _mm256_andnot_si256(known, lookup);
    return cls;
}

/* view_token() for toks[t..t+4) in the common cases (token_class()).
 * Writes the four words and returns a bit for each token (bit i: toks[t +
 * i]) whose word view_token() must write instead: the other cases, and
 * looked-up words whose ending a suffix rule reads (-'s, -’s, -year-old) or
 * whose low slot holds another word. `place`: the run's place (quote | para
 * << 32) in each lane; `lookup_classes`: which TC_LOOKUP bits look a word
 * up in this run. The tokens must start 8 bytes or more into the text. */
__attribute__((target("avx2"))) static inline unsigned
view4_avx2(const view_src *src, size_t t, __m256i place, __m256i lookup_classes)
{
    __m256i range, rest;
    tokens4(src->toks + t, &range, &rest);
    __m256i start = lanes_and(range, 0xffffffff), end = _mm256_srli_epi64(range, 32);
    /* The 8 bytes ending the token and the 8 ending with its first byte. */
    const long long *text = (const long long *)(const void *)src->text;
    __m256i tail = _mm256_i64gather_epi64(text, _mm256_sub_epi64(end, _mm256_set1_epi64x(8)), 1);
    __m256i head = _mm256_i64gather_epi64(text, _mm256_sub_epi64(start, _mm256_set1_epi64x(7)), 1);
    /* The token's class by its kind, case flags (rest bits 16-17) and
     * first byte. */
    __m256i at = _mm256_or_si256(_mm256_slli_epi64(lanes_and(rest, 0xff), 10),
                                 lanes_and(_mm256_srli_epi64(rest, 8), 0x300));
    at = _mm256_or_si256(at, _mm256_srli_epi64(head, 56));
    __m256i class = _mm256_cvtepu32_epi64(
        _mm256_i64gather_epi32((const int *)token_classes, at, sizeof *token_classes));
    __m256i zero = _mm256_setzero_si256();
    __m256i lookup = _mm256_cmpgt_epi64(_mm256_and_si256(class, lookup_classes), zero);

    __m256i last_two = _mm256_srli_epi64(tail, 48);
    uint64_t year_old;
    memcpy(&year_old, "year-old", 8);
    __m256i suffix = _mm256_or_si256(
        _mm256_or_si256(lanes_eq(last_two, 's' << 8 | '\''), lanes_eq(last_two, 's' << 8 | 0x99)),
        lanes_eq(tail, (long long)year_old));
    __m256i unsure;
    __m256i found = lexicon_classes4(src->lex, src->keys + t, lookup, &unsure);
    /* Only the top bit of each lane counts: TC_SCALAR, and TC_ONE_BYTE for
     * a longer token. */
    __m256i one_byte = lanes_eq(_mm256_sub_epi64(end, start), 1);
    __m256i redo = _mm256_or_si256(_mm256_slli_epi64(class, 32),
                                   _mm256_andnot_si256(one_byte, _mm256_slli_epi64(class, 61)));
    redo = _mm256_or_si256(redo, _mm256_and_si256(lookup, _mm256_or_si256(suffix, unsure)));

    /* Each word's two halves: flags | quote << 32, and para | id << 32. */
    _Static_assert(QX_SENT_START == (uint32_t)TP_TOKF_SENT_START << 24, "flag moved");
    __m256i flags = _mm256_or_si256(lanes_and(class, TC_FLAGS),
                                    lanes_and(_mm256_slli_epi64(rest, 8), QX_SENT_START));
    __m256i low =
        _mm256_blend_epi32(_mm256_or_si256(found, flags), _mm256_slli_epi64(place, 32), 0xaa);
    __m256i high = _mm256_or_si256(_mm256_srli_epi64(place, 32), lanes_and(found, 0xffffll << 32));
    __m256i even = _mm256_unpacklo_epi64(low, high), odd = _mm256_unpackhi_epi64(low, high);
    _Static_assert(sizeof(qword) == 16 && offsetof(qword, id) == 12, "a qword is two halves");
    _mm256_storeu_si256((__m256i *)(void *)(src->words + t),
                        _mm256_permute2x128_si256(even, odd, 0x20));
    _mm256_storeu_si256((__m256i *)(void *)(src->words + t + 2),
                        _mm256_permute2x128_si256(even, odd, 0x31));
    return (unsigned)_mm256_movemask_pd(_mm256_castsi256_pd(redo));
}

/* view_run() by groups of four tokens, while a whole group is in the run
 * and before token `last`; tokens less than 8 bytes into the text one by
 * one. Returns the first token not viewed. */
__attribute__((target("avx2"))) static size_t view_groups_avx2(const view_src *src, size_t t,
                                                               size_t last, uint32_t stop,
                                                               uint64_t place, bool quoted)
{
    __m256i places = _mm256_set1_epi64x((long long)place);
    __m256i lookup_classes =
        _mm256_set1_epi64x(quoted ? TC_LOOKUP : TC_LOOKUP | TC_LOOKUP_UNQUOTED);
    while (t + 4 <= last && src->toks[t + 3].start < stop) {
        if (src->toks[t].start < 8) {
            view_token(src, t++, place, quoted);
            continue;
        }
        for (unsigned redo = view4_avx2(src, t, places, lookup_classes); redo; redo &= redo - 1)
            view_token(src, t + (size_t)__builtin_ctz(redo), place, quoted);
        t += 4;
    }
    return t;
}
#endif

/* Views the tokens from `t` on that start before byte `stop` (at least
 * token t), all in one paragraph and quotation. `stop` is at most the last
 * token's start and t is before token `last`, so the run ends before it
 * without counting. Returns the token after the run. */
static inline __attribute__((always_inline)) size_t
view_run(const view_src *src, size_t t, size_t last, uint32_t stop, uint64_t place, bool quoted)
{
    size_t from = t;
#if defined(VIEW_AVX2)
    if (src->avx2)
        t = view_groups_avx2(src, t, last, stop, place, quoted);
#else
    (void)last;
#endif
    while (t == from || src->toks[t].start < stop)
        view_token(src, t++, place, quoted);
    return t;
}

/* Whether build_view() may take the vector path: asked once, every thread
 * gets the same answer. */
static bool view_avx2(void)
{
#if defined(VIEW_AVX2)
    static _Atomic int avx2 = -1;
    if (avx2 < 0) {
        pthread_once(&token_classes_once, fill_token_classes);
        avx2 = __builtin_cpu_supports("avx2") != 0;
    }
    return avx2;
#else
    return false;
#endif
}

/* QX_SENT_START on the first token of each sentence and on the first token
 * after it: where a token's sentence differs from the token's before. */
static void mark_sentence_starts(qword *words, size_t ntok, const tp_sentence *sents, size_t nsents)
{
    for (size_t i = 0; i < nsents; i++) {
        uint32_t first = sents[i].tok_start, end = sents[i].tok_end;
        if (first >= end)
            continue;
        words[first].flags |= QX_SENT_START;
        if (end < ntok)
            words[end].flags |= QX_SENT_START;
    }
}

/* The word view in one pass over the tokens: where each token is
 * (paragraph, quotation) and what it is (its kind, its case, the word
 * lists, whether it opens a sentence); with it, the paragraph starts. The
 * walk over paragraphs and quotations stops only where either changes;
 * between, view_run() reads the tokens. */
static void build_view(qctx *ctx, const tp_token *toks, const uint64_t *keys, size_t ntok,
                       const tp_paragraph *paras, size_t npara)
{
    view_src src = {ctx->text, ctx->lex, toks, keys, ctx->w, !ctx->scalar_view && view_avx2()};
    uint32_t *pstarts = ctx->pstarts;
    size_t npstarts = 0;
    walk wk = walk_start(paras, npara, &ctx->quotes, ctx->attr);
    /* A word's quotation and paragraph, side by side in a qword, are
     * copied to it as one 8-byte `place` (one register, one store). */
    struct {
        int32_t quote;
        uint32_t para;
    } place;
    _Static_assert(sizeof place == 8 && offsetof(qword, para) == offsetof(qword, quote) + 4,
                   "a place is the quote and para of a qword");
    /* Runs stop at the last token, which is viewed on its own: the walk
     * asked again there finds what it found before. */
    size_t last = ntok - 1;
    uint32_t last_start = ntok ? toks[last].start : 0;
    for (size_t t = 0; t < ntok;) {
        uint32_t flags = 0;
        uint32_t next = walk_to(&wk, toks, t, &flags);
        /* Appended without a branch: the next paragraph start overwrites
         * a slot not taken. */
        pstarts[npstarts] = (uint32_t)t;
        npstarts += flags != 0;
        place.quote = wk.quote;
        place.para = (uint32_t)wk.pi;
        uint64_t packed;
        memcpy(&packed, &place, sizeof packed);
        size_t first = t;
        uint32_t stop = next < last_start ? next : last_start;
        if (t == last)
            view_token(&src, t++, packed, wk.quote >= 0);
        else if (wk.quote < 0)
            t = view_run(&src, t, last, stop, packed, false);
        else
            t = view_run(&src, t, last, stop, packed, true);
        ctx->w[first].flags |= flags;
    }
    ctx->npstarts = npstarts;
    mark_sentence_starts(ctx->w, ntok, ctx->sents, ctx->nsents);
    /* The end marker: a capitalised word past the last, where scans for a
     * capitalised word stop without a bound (the view has room for it). */
    ctx->w[ntok] = (qword){.flags = QX_CAP, .quote = -1, .para = UINT32_MAX};
    /* The quotations the tokens did not reach or pass end at the last. */
    for (size_t qi = wk.qi; qi < wk.nq; qi++) {
        if (!(qi == wk.qi && wk.q_reached))
            ctx->attr[qi].ob = (uint32_t)ntok;
        ctx->attr[qi].ca = (uint32_t)ntok;
    }
}

int qctx_prepare(qctx *ctx, tp_doc *doc)
{
    size_t ntok = 0, npara = 0;
    const tp_token *toks = tp_doc_tokens(doc, &ntok);
    const tp_paragraph *paras = tp_doc_paragraphs(doc, &npara);
    ctx->text = tp_doc_text(doc, &ctx->len);
    ctx->sents = tp_doc_sentences(doc, &ctx->nsents);
    ctx->nw = 0;
    /* A document that registered no entity left the index empty. */
    if (ctx->nents)
        memset(ctx->ent_slots, 0, ctx->cap_slots * sizeof *ctx->ent_slots);
    ctx->nents = 0;
    ctx->nments = 0;
    ctx->protagonist = -2;
    if (qmark_find(ctx->text, ctx->len, paras, npara, &ctx->quotes) != 0)
        return TP_ENOMEM;
    /* No quotation, nothing to attribute: skip the word view. */
    if (ctx->quotes.count == 0)
        return 0;
    if (grow((void **)&ctx->w, &ctx->cap_w, ntok + 1, sizeof *ctx->w) != 0 ||
        grow((void **)&ctx->pstarts, &ctx->cap_pstarts, ntok + 1, sizeof *ctx->pstarts) != 0 ||
        grow((void **)&ctx->attr, &ctx->cap_attr, ctx->quotes.count + 1, sizeof *ctx->attr) != 0)
        return TP_ENOMEM;
    /* The lexicon is keyed like the core's token keys: one look-up per word
     * with no folding or hashing here (and none for later steps either). */
    const uint64_t *keys = tp_doc_token_keys(doc);
    if (ntok && !keys)
        return TP_ENOMEM;
    ctx->nw = ntok;
    ctx->toks = toks;
    ctx->keys = keys;
    memset(ctx->attr, 0, ctx->quotes.count * sizeof *ctx->attr);
    build_view(ctx, toks, keys, ntok, paras, npara);
    return 0;
}

void qctx_init(qctx *ctx, const qlex *lex)
{
    static const char *const articles[] = {"the", "a", "an"};
    memset(ctx, 0, sizeof *ctx);
    ctx->lex = lex;
    for (size_t k = 0; k < 3; k++)
        ctx->article_keys[k] = tp_word_key(articles[k], strlen(articles[k]));
}

void qctx_free(qctx *ctx)
{
    free(ctx->w);
    free(ctx->attr);
    free(ctx->ents);
    free(ctx->ent_slots);
    free(ctx->ments);
    free(ctx->pstarts);
    qmark_list_free(&ctx->quotes);
    memset(ctx, 0, sizeof *ctx);
}

int qctx_grow_entities(qctx *ctx, size_t need)
{
    return grow((void **)&ctx->ents, &ctx->cap_ents, need, sizeof *ctx->ents);
}

int qctx_grow_mentions(qctx *ctx, size_t need)
{
    return grow((void **)&ctx->ments, &ctx->cap_ments, need, sizeof *ctx->ments);
}
