/* context.c - the word view of a document: tokens with their list classes
 * and the quotation holding them, built once per document. */
#include "context.h"

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>
#include <utf8proc.h>

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#include <pthread.h>
#define VIEW_AVX2 1 /* eight tokens at a time where the CPU has AVX2 */
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
    const tp_sentence *sents; /* the tokenizer's, which the toks' `sentence` index */
    size_t nsents;
} view_src;

/* Whether the "!", "?" or ellipsis at token t ends its sentence: a word
 * follows it in the tokenizer's sentence ("OutRage! said", "Yahoo!'s
 * shares", "wait... and see"), or only closing marks do. Called for these
 * few tokens only (the vector view leaves them to view_token()). */
static bool ends_sentence(const view_src *src, size_t t)
{
    uint32_t si = src->toks[t].sentence;
    if (si >= src->nsents)
        return true;
    for (size_t k = t + 1; k < src->sents[si].tok_end; k++) {
        unsigned kind = src->toks[k].kind;
        if (kind != TP_TOK_PUNCT && kind != TP_TOK_QUOTE && kind != TP_TOK_SYMBOL)
            return false;
    }
    return true;
}

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
        /* A "!", "?" or ellipsis inside a name or title, or before words of
         * its own sentence, is no sentence end (a lone "." keeps its flag:
         * the tokenizer reads abbreviations and numbers into their words). */
        if ((flags & QX_TERMINAL) && (n > 1 || c0 != '.') && !ends_sentence(src, t))
            flags &= ~QX_TERMINAL;
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
    /* Of longer punctuation only some opening with E2 (dashes, …) or an
     * ASCII byte ("--", "?!") get flags besides QX_PUNCT. */
    if ((kind == TP_TOK_PUNCT || kind == TP_TOK_SYMBOL) && c0 >= 0x80 && c0 != 0xE2)
        return QX_PUNCT;
    /* "!" and "?" end a sentence only where the tokenizer's does: few,
     * view_token() reads them against the sentence table. */
    if ((kind == TP_TOK_PUNCT || kind == TP_TOK_SYMBOL) && (c0 == '!' || c0 == '?'))
        return TC_SCALAR;
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

/* token_class() of every kind (the core admits no other, so the vector
 * view reads no further), case flags (TP_TOKF_CAPITALISED |
 * TP_TOKF_ALL_CAPS) and first byte, at kind << 10 | case << 8 | byte. */
static uint32_t token_classes[TP_TOK_KIND_COUNT << 10];

/* For each set of lanes (bit i: lane i), the lanes in order, one a byte:
 * how the vector view packs the tokens it leaves for after the walk. */
static uint64_t lane_lists[256];
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void fill_tables(void)
{
    for (unsigned at = 0; at < TP_TOK_KIND_COUNT << 10; at++)
        token_classes[at] = token_class(at >> 10, at >> 8 & 3, (unsigned char)at);
    for (unsigned lanes = 0; lanes < 256; lanes++) {
        unsigned n = 0;
        for (unsigned i = 0; i < 8; i++)
            if (lanes >> i & 1)
                lane_lists[lanes] |= (uint64_t)i << (8 * n++);
    }
}

/* Tokens toks[0..8) in eight 32-bit lanes, lane i for token i: their
 * starts, ends, and kinds with flags (kind | flags << 16). */
__attribute__((target("avx2"))) static inline void tokens8(const tp_token *toks, __m256i *start,
                                                           __m256i *end, __m256i *kind_flags)
{
    _Static_assert(sizeof(tp_token) == 16 && offsetof(tp_token, start) == 0 &&
                       offsetof(tp_token, end) == 4 && offsetof(tp_token, kind) == 8 &&
                       offsetof(tp_token, flags) == 10,
                   "a token is start, end, kind and flags, sentence");
    /* Tokens i and i + 4 side by side, then each field's lanes gathered. */
#define TOKENS_SIDE_BY_SIDE(i)                                                                     \
    _mm256_inserti128_si256(                                                                       \
        _mm256_castsi128_si256(_mm_loadu_si128((const __m128i *)(const void *)(toks + (i)))),      \
        _mm_loadu_si128((const __m128i *)(const void *)(toks + (i) + 4)), 1)
    __m256i v[4] = {TOKENS_SIDE_BY_SIDE(0), TOKENS_SIDE_BY_SIDE(1), TOKENS_SIDE_BY_SIDE(2),
                    TOKENS_SIDE_BY_SIDE(3)};
#undef TOKENS_SIDE_BY_SIDE
    __m256i ranges01 = _mm256_unpacklo_epi32(v[0], v[1]),
            ranges23 = _mm256_unpacklo_epi32(v[2], v[3]);
    __m256i rest01 = _mm256_unpackhi_epi32(v[0], v[1]), rest23 = _mm256_unpackhi_epi32(v[2], v[3]);
    *start = _mm256_unpacklo_epi64(ranges01, ranges23);
    *end = _mm256_unpackhi_epi64(ranges01, ranges23);
    *kind_flags = _mm256_unpacklo_epi64(rest01, rest23);
}

/* Tokens the vector view leaves for after the walk, in text order, each
 * once. */
typedef struct token_list {
    uint32_t *tokens; /* room for every token and 8 more */
    size_t count;
} token_list;

/* The constant lanes view8_avx2() compares and masks with, made once per
 * document (view_walk_avx2()). */
typedef struct view_consts {
    __m256i byte, case_flags, flags, sent_start, one;
    __m256i apostrophe_s, curly_s, dash_old; /* the last two bytes of -'s, -’s; "-old" */
    __m256i lookup_unquoted, lookup_quoted;  /* the TC_LOOKUP bits that look a word up */
    const int *filter;                       /* the lexicon's presence filter */
    __m256i bit_in_word;                     /* a filter bit's place in its 32-bit word */
    token_list *lookups;                     /* the words left to look up (lists that grow) */
    token_list *rescans;                     /* and those left to view_token() */
} view_consts;

/* The lanes of one run. */
typedef struct view_lanes {
    const view_consts *c;
    /* The place (quote, para) in each 64-bit lane as a qword's halves hold
     * it: the quote in the first's top half, the para in the second's low. */
    __m256i quote_high, para_low;
    __m256i lookup_classes; /* c->lookup_unquoted or c->lookup_quoted */
    __m256i stop;           /* the run's end (byte) */
} view_lanes;

/* `v`, made opaque to the compiler: it keeps the value in a register or
 * reads it back from the stack, instead of building the constant again
 * for each group (three instructions each). */
__attribute__((target("avx2"))) static inline __m256i opaque(__m256i v)
{
    __asm__("" : "+x"(v));
    return v;
}

__attribute__((target("avx2"))) static inline view_consts
view_consts_make(const qlex *lex, token_list *lookups, token_list *rescans)
{
    return (view_consts){
        .lookups = lookups,
        .rescans = rescans,
        .filter = (const int *)(const void *)lex->filter,
        .bit_in_word = opaque(_mm256_set1_epi32(31)),
        .byte = opaque(_mm256_set1_epi32(0xff)),
        .case_flags = opaque(_mm256_set1_epi32((TP_TOKF_CAPITALISED | TP_TOKF_ALL_CAPS) << 8)),
        .flags = opaque(_mm256_set1_epi32(TC_FLAGS)),
        .sent_start = opaque(_mm256_set1_epi32(QX_SENT_START)),
        .one = opaque(_mm256_set1_epi32(1)),
        .apostrophe_s = opaque(_mm256_set1_epi32('s' << 8 | '\'')),
        .curly_s = opaque(_mm256_set1_epi32('s' << 8 | 0x99)),
        .dash_old = opaque(_mm256_set1_epi32(0x646c6f2d)),
        .lookup_unquoted = opaque(_mm256_set1_epi32(TC_LOOKUP | TC_LOOKUP_UNQUOTED)),
        .lookup_quoted = opaque(_mm256_set1_epi32(TC_LOOKUP)),
    };
}

/* qlex_may_hold() of keys[0..8), in 32-bit lanes (all ones or zero): one
 * gather from the filter, which stays in the L1 cache, where the slots of
 * the table mostly do not. */
__attribute__((target("avx2"))) static inline __m256i may_hold8(const view_consts *c,
                                                                const uint64_t *keys)
{
    _Static_assert(QLEX_FILTER_SHIFT >= 32, "the filter reads the keys' high halves");
    __m256 first = _mm256_loadu_ps((const float *)(const void *)keys);
    __m256 second = _mm256_loadu_ps((const float *)(const void *)(keys + 4));
    /* The keys' high halves, in lanes 0 1 4 5 2 3 6 7, then in order. */
    __m256i high = _mm256_castps_si256(_mm256_shuffle_ps(first, second, _MM_SHUFFLE(3, 1, 3, 1)));
    high = _mm256_permute4x64_epi64(high, _MM_SHUFFLE(3, 1, 2, 0));
    __m256i bit = _mm256_srli_epi32(high, QLEX_FILTER_SHIFT - 32);
    __m256i word = _mm256_i32gather_epi32(c->filter, _mm256_srli_epi32(bit, 5), 4);
    /* The bit moved to the top (a shift by 31 - bit % 32), then spread. */
    word = _mm256_sllv_epi32(word, _mm256_andnot_si256(bit, c->bit_in_word));
    return _mm256_srai_epi32(word, 31);
}

/* Adds the tokens t + i for each bit i of `lanes` to `list`, without a
 * branch. */
__attribute__((target("avx2"))) static inline void token_list_add(token_list *list, size_t t,
                                                                  unsigned lanes)
{
    __m256i lane = _mm256_cvtepu8_epi32(_mm_cvtsi64_si128((long long)lane_lists[lanes]));
    __m256i tokens = _mm256_add_epi32(lane, _mm256_set1_epi32((int)t));
    _mm256_storeu_si256((__m256i *)(void *)(list->tokens + list->count), tokens);
    list->count += (size_t)__builtin_popcount(lanes);
}

/* Writes words[0..4) from their flags (32-bit lanes of `flags`) in the
 * run's place, with no list classes (look_up_listed() adds them). */
__attribute__((target("avx2"))) static inline void store_words4(qword *words, __m128i flags,
                                                                const view_lanes *run)
{
    _Static_assert(sizeof(qword) == 16 && offsetof(qword, id) == 12, "a qword is two halves");
    /* Each word's two halves: flags | quote << 32, and para | id << 32. */
    __m256i low = _mm256_blend_epi32(_mm256_cvtepu32_epi64(flags), run->quote_high, 0xaa);
    __m256i high = run->para_low;
    __m256i even = _mm256_unpacklo_epi64(low, high), odd = _mm256_unpackhi_epi64(low, high);
    _mm256_storeu_si256((__m256i *)(void *)words, _mm256_permute2x128_si256(even, odd, 0x20));
    _mm256_storeu_si256((__m256i *)(void *)(words + 2), _mm256_permute2x128_si256(even, odd, 0x31));
}

/* view_token() for toks[t..t+8) in the common cases (token_class()): writes
 * the eight words and returns a bit for each token (bit i: toks[t + i])
 * that starts before the run's end. Of these it lists the words that
 * view_token() must write instead in c->rescans (the other cases, and
 * looked-up words whose ending a suffix rule reads: -'s, -’s, -year-old),
 * and the words whose keys the lexicon's filter passes in c->lookups.
 * Words past the run's end are left for the next run to write again. The
 * tokens must start 4 bytes or more into the text, and the text be shorter
 * than 2^31 bytes. */
__attribute__((target("avx2"))) static inline unsigned view8_avx2(const view_src *src, size_t t,
                                                                  const view_lanes *run)
{
    __m256i start, end, kind_flags;
    tokens8(src->toks + t, &start, &end, &kind_flags);
    /* The 4 bytes ending with each token's first byte, and ending it: read
     * from 3 and 4 bytes before the text's start (an address, not a C
     * pointer), at the starts and ends. */
    const void *text = (const void *)((uintptr_t)src->text - 3);
    __m256i head = _mm256_i32gather_epi32(text, start, 1);
    text = (const void *)((uintptr_t)src->text - 4);
    __m256i tail = _mm256_i32gather_epi32(text, end, 1);
    /* token_classes[kind << 10 | case flags << 8 | first byte] */
    __m256i at =
        _mm256_or_si256(_mm256_slli_epi32(_mm256_and_si256(kind_flags, run->c->byte), 10),
                        _mm256_and_si256(_mm256_srli_epi32(kind_flags, 8), run->c->case_flags));
    at = _mm256_or_si256(at, _mm256_srli_epi32(head, 24));
    __m256i class = _mm256_i32gather_epi32((const int *)token_classes, at, sizeof *token_classes);
    __m256i lookup =
        _mm256_cmpgt_epi32(_mm256_and_si256(class, run->lookup_classes), _mm256_setzero_si256());
    __m256i listed = _mm256_and_si256(lookup, may_hold8(run->c, src->keys + t));

    __m256i last_two = _mm256_srli_epi32(tail, 16);
    __m256i suffix =
        _mm256_or_si256(_mm256_or_si256(_mm256_cmpeq_epi32(last_two, run->c->apostrophe_s),
                                        _mm256_cmpeq_epi32(last_two, run->c->curly_s)),
                        _mm256_cmpeq_epi32(tail, run->c->dash_old));
    /* The top bit of each lane: TC_SCALAR, or TC_ONE_BYTE for a longer
     * token, or a suffix to read. */
    __m256i one_byte = _mm256_cmpeq_epi32(_mm256_sub_epi32(end, start), run->c->one);
    __m256i redo =
        _mm256_or_si256(class, _mm256_andnot_si256(one_byte, _mm256_slli_epi32(class, 29)));
    redo = _mm256_or_si256(redo, _mm256_and_si256(lookup, suffix));

    _Static_assert(QX_SENT_START == (uint32_t)TP_TOKF_SENT_START << 24, "flag moved");
    __m256i flags =
        _mm256_or_si256(_mm256_and_si256(class, run->c->flags),
                        _mm256_and_si256(_mm256_slli_epi32(kind_flags, 8), run->c->sent_start));
    store_words4(src->words + t, _mm256_castsi256_si128(flags), run);
    store_words4(src->words + t + 4, _mm256_extracti128_si256(flags, 1), run);

    unsigned in_run =
        (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpgt_epi32(run->stop, start)));
    /* Both lists are read after the walk, one word after another: the
     * slots with loads the CPU overlaps, where gathers here cost more; and
     * the words to view again with no branch here on gathered bytes, which
     * the CPU would resolve late. */
    unsigned rescan = (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(redo)) & in_run;
    token_list_add(run->c->rescans, t, rescan);
    token_list_add(run->c->lookups, t,
                   (unsigned)_mm256_movemask_ps(_mm256_castsi256_ps(listed)) & in_run & ~rescan);
    return in_run;
}

/* view_run() eight tokens at a time, while a group ends before token
 * `last` and holds four tokens of the run or more; tokens less than 4
 * bytes into the text one by one. Returns the first token not viewed: the
 * run's end, or where view_run() goes on. */
__attribute__((target("avx2"))) static inline size_t
view_groups_avx2(const view_src *src, const view_consts *consts, size_t t, size_t last,
                 uint32_t stop, uint64_t place, bool quoted)
{
    view_lanes run = {
        .c = consts,
        .quote_high = _mm256_set1_epi64x((long long)(place << 32)),
        .para_low = _mm256_set1_epi64x((long long)(place >> 32)),
        .lookup_classes = quoted ? consts->lookup_quoted : consts->lookup_unquoted,
        .stop = _mm256_set1_epi32((int)stop),
    };
    /* A group with fewer than four tokens of the run costs more than
     * viewing them one by one. */
    while (t + 8 <= last && src->toks[t + 3].start < stop) {
        if (src->toks[t].start < 4) {
            view_token(src, t++, place, quoted);
            continue;
        }
        unsigned in_run = view8_avx2(src, t, &run);
        /* The run's tokens are a prefix of the group. */
        t += (size_t)__builtin_ctz(~in_run);
        if (in_run != 0xff)
            break;
    }
    return t;
}
#else
typedef struct view_consts view_consts;
#endif

/* Views the tokens from `t` on that start before byte `stop` (at least
 * token t), all in one paragraph and quotation; eight at a time with
 * `consts`, one by one without. `stop` is at most the last token's start
 * and t is before token `last`, so the run ends before it without
 * counting. Returns the token after the run. */
static inline __attribute__((always_inline)) size_t view_run(const view_src *src,
                                                             const view_consts *consts, size_t t,
                                                             size_t last, uint32_t stop,
                                                             uint64_t place, bool quoted)
{
    size_t from = t;
#if defined(VIEW_AVX2)
    if (consts)
        t = view_groups_avx2(src, consts, t, last, stop, place, quoted);
#else
    (void)consts;
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
        pthread_once(&tables_once, fill_tables);
        avx2 = __builtin_cpu_supports("avx2") != 0;
    }
    return avx2;
#else
    return false;
#endif
}

/* QX_SENT_START on the first token of each sentence and on the first token
 * after it: where a token's sentence differs from the token's before.
 * QX_HEADING on each word of a heading (few words), so that the name pass
 * and attribution ask a word's flags, not its sentence, whether it is in
 * one (qctx_heading_at()). */
static void mark_sentence_starts(qword *words, size_t ntok, const tp_sentence *sents, size_t nsents)
{
    for (size_t i = 0; i < nsents; i++) {
        uint32_t first = sents[i].tok_start, end = sents[i].tok_end;
        if (first >= end)
            continue;
        words[first].flags |= QX_SENT_START;
        if (end < ntok)
            words[end].flags |= QX_SENT_START;
        if (sents[i].flags & TP_SENTF_HEADING) {
            for (uint32_t t = first; t < end; t++)
                words[t].flags |= QX_HEADING;
        }
    }
}

/* Views every token, run by run: the walk over paragraphs and quotations
 * stops only where either changes; between, view_run() reads the tokens
 * (eight at a time with `consts`). Lists the paragraph starts in
 * `pstarts` and returns their count. */
static inline __attribute__((always_inline)) size_t
view_walk(const view_src *src, const view_consts *consts, walk *wk, size_t ntok, uint32_t *pstarts)
{
    const tp_token *toks = src->toks;
    size_t npstarts = 0;
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
        uint32_t next = walk_to(wk, toks, t, &flags);
        /* Appended without a branch: the next paragraph start overwrites
         * a slot not taken. */
        pstarts[npstarts] = (uint32_t)t;
        npstarts += flags != 0;
        place.quote = wk->quote;
        place.para = (uint32_t)wk->pi;
        uint64_t packed;
        memcpy(&packed, &place, sizeof packed);
        size_t first = t;
        uint32_t stop = next < last_start ? next : last_start;
        if (t == last)
            view_token(src, t++, packed, wk->quote >= 0);
        else if (wk->quote < 0)
            t = view_run(src, consts, t, last, stop, packed, false);
        else
            t = view_run(src, consts, t, last, stop, packed, true);
        src->words[first].flags |= flags;
    }
    return npstarts;
}

#if defined(VIEW_AVX2)
/* Views again the words view8_avx2() left to view_token(), in the place
 * it gave them, keeping the paragraph start the walk added. */
static void rescan_listed(const view_src *src, const token_list *rescans)
{
    for (size_t i = 0; i < rescans->count; i++) {
        uint32_t t = rescans->tokens[i];
        qword *w = &src->words[t];
        uint64_t place;
        memcpy(&place, &w->quote, sizeof place);
        uint32_t para_start = w->flags & QX_PARA_START;
        view_token(src, t, place, w->quote >= 0);
        w->flags |= para_start;
    }
}

/* Adds the list classes of the words view8_avx2() left to look up (the
 * filter passed them): a loop of look-ups independent of one another. */
static void look_up_listed(const view_src *src, const token_list *lookups)
{
    for (size_t i = 0; i < lookups->count; i++) {
        uint32_t t = lookups->tokens[i];
        uint64_t key = src->keys[t];
        qlex_class c = qlex_find_from(src->lex, key, qlex_slot_low(src->lex, key));
        src->words[t].flags |= c.flags;
        src->words[t].id = c.id;
    }
}

/* view_walk() with the vector view, its constants made once, then the
 * words it left for after the walk; `lookups` and `rescans` have room for
 * every token and 8 more. Flattened: the run's group loop and the walk
 * inlined here keep the constants in place across runs and save a call
 * per run. */
__attribute__((target("avx2"), flatten)) static size_t
view_walk_avx2(const view_src *src, walk *wk, size_t ntok, uint32_t *pstarts, uint32_t *lookups,
               uint32_t *rescans)
{
    token_list lookup_list = {lookups, 0}, rescan_list = {rescans, 0};
    view_consts consts = view_consts_make(src->lex, &lookup_list, &rescan_list);
    size_t npstarts = view_walk(src, &consts, wk, ntok, pstarts);
    rescan_listed(src, &rescan_list);
    look_up_listed(src, &lookup_list);
    return npstarts;
}
#endif

/* The word view in one pass over the tokens: where each token is
 * (paragraph, quotation) and what it is (its kind, its case, the word
 * lists, whether it opens a sentence); with it, the paragraph starts. */
static void build_view(qctx *ctx, const tp_token *toks, const uint64_t *keys, size_t ntok,
                       const tp_paragraph *paras, size_t npara)
{
    view_src src = {ctx->text, ctx->lex, toks, keys, ctx->w, ctx->sents, ctx->nsents};
    walk wk = walk_start(paras, npara, &ctx->quotes, ctx->attr);
#if defined(VIEW_AVX2)
    /* The vector view reads the text at 32-bit offsets. */
    if (!ctx->scalar_view && ctx->len < INT32_MAX && view_avx2())
        ctx->npstarts = view_walk_avx2(&src, &wk, ntok, ctx->pstarts, ctx->lookups, ctx->rescans);
    else
#endif
        ctx->npstarts = view_walk(&src, NULL, &wk, ntok, ctx->pstarts);
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
    ctx->nakas = 0;
    ctx->the_names = false;
    ctx->nments = 0;
    ctx->protagonist = -2;
    if (qmark_find(ctx->text, ctx->len, paras, npara, &ctx->quotes) != 0)
        return TP_ENOMEM;
    /* No quotation, nothing to attribute: skip the word view. */
    if (ctx->quotes.count == 0)
        return 0;
    if (grow((void **)&ctx->w, &ctx->cap_w, ntok + 1, sizeof *ctx->w) != 0 ||
        grow((void **)&ctx->pstarts, &ctx->cap_pstarts, ntok + 1, sizeof *ctx->pstarts) != 0 ||
        grow((void **)&ctx->lookups, &ctx->cap_lookups, ntok + 8, sizeof *ctx->lookups) != 0 ||
        grow((void **)&ctx->rescans, &ctx->cap_rescans, ntok + 8, sizeof *ctx->rescans) != 0 ||
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
    qctx_init_event_keys(ctx);
}

void qctx_free(qctx *ctx)
{
    free(ctx->w);
    free(ctx->attr);
    free(ctx->ents);
    free(ctx->ent_slots);
    free(ctx->ments);
    free(ctx->pstarts);
    free(ctx->lookups);
    free(ctx->rescans);
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
