/* rules.c - the VADER-style valence rules over one piece of tokenised text. */
#include "rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_table.h"

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#if defined(__GNUC__)
#include <immintrin.h>
#define ODD_AVX2 1 /* a 32-byte scan where the CPU has AVX2 */
#endif
#endif

/* One scored unit: a word (with its split-off clitics joined back, so that
 * "do" + "n't" is the one word "don't" as a reader sees it), an emoticon, an
 * emoji, or a phrase of several words once phrases are matched. Only what
 * the later passes read is kept: 24 bytes. */
typedef struct item {
    const tp_senti_entry *e;
    uint64_t key; /* of the normalised form (tp_senti_key_of()) */
    uint8_t kind; /* tp_token_kind of the first token */
    uint8_t flags;
} item;

enum {
    IT_BREAK = 1u << 0,    /* punctuation before it ends the previous clause */
    IT_CAPS = 1u << 1,     /* written in capitals */
    IT_NEGATOR = 1u << 2,  /* a negator by the lexicon or by the n't clitic */
    IT_NOLOOKUP = 1u << 3, /* URL, e-mail, handle, number: counted, never looked up */
    IT_OPENS = 1u << 4,    /* may open a phrase */
    IT_PENDING = 1u << 5,  /* passed the filter: table look-up deferred */
    IT_FOUND = 1u << 6,    /* has its entry already (the general path looks up at once) */
};
_Static_assert((unsigned)TP_TOKF_ALL_CAPS == IT_CAPS && TP_TOKF_NEGATION >> 7 == IT_NEGATOR,
               "build_items() maps token flags to item flags by masks and shifts");
_Static_assert(LEX_MAY_OPEN << 4 == IT_OPENS && LEX_MAY_BE_WORD << 4 == IT_PENDING,
               "filter answers shift to item flags");

/* tok_item[t] for a token that is a clitic joined to the item before it. */
#define CONTINUES (1u << 31)

/* The items of a run of tokens, as build_items() and resolve() leave them. */
typedef struct item_set {
    item *it;
    uint32_t *todo;       /* items resolve() visits: IT_PENDING, IT_FOUND or IT_OPENS */
    uint32_t *look;       /* items with an entry (resolve()) */
    uint32_t *heads;      /* items that may open a phrase (resolve()) */
    uint32_t *tok_item;   /* by token from the run's first: items before it, | CONTINUES */
    uint32_t *mark_tok;   /* punctuation tokens holding '!' or '?' ... */
    uint32_t *mark_count; /* ... and how many: '!' in the low half, '?' in the high */
    size_t n, ntodo, nlook, nheads, nmarks;
    size_t cap; /* tokens the arrays have room for (tok_item: one more) */
} item_set;

/* A phrase found in a range: its first item, its length in items, its entry. */
typedef struct phrase {
    uint32_t head, words;
    const tp_senti_entry *e;
} phrase;

/* A word the general path made, remembered by the word keys of its
 * tokens (see remember_word()). */
typedef struct memo_word {
    uint64_t first, last; /* the word keys of its first and last token */
    uint64_t key;
    const tp_senti_entry *e;
    uint8_t ntok;  /* 1 or 2 tokens; 0: empty */
    uint8_t flags; /* what the path added: IT_NEGATOR, IT_OPENS, IT_FOUND */
} memo_word;

#define MEMO_BITS 8

/* A worker's buffers. `all` holds the items of one document's tokens, made
 * once, so that scoring its sentences and then its quotes (a quote is part
 * of a sentence) looks no token up twice; a range whose ends split an item
 * (a clitic outside a quote whose word is inside) is built on its own in
 * `part`. The rest are one range's working arrays. */
struct tp_senti_work {
    const tp_senti_doc *doc; /* whose items `all` holds */
    const uint64_t *keys;    /* its tokens' word keys: the document's, or own_keys */
    uint64_t *own_keys;      /* made here when the document came without */
    size_t own_keys_cap;
    uint32_t *odd; /* find_odd_bytes() of its text */
    size_t nodd, odd_cap;
    char *text; /* the general path's normalised item */
    size_t text_cap;
    item_set all, part;
    size_t look_hint, heads_hint, marks_hint; /* where the last range's lists ended */
    item *merged;                             /* the range's items once phrases are merged */
    uint32_t *merged_look, *cand;
    float *base, *val;
    phrase *phrases;
    size_t range_cap;
    uint64_t memo_serial; /* the lexicon's serial the memo holds words of */
    memo_word memo[1u << MEMO_BITS];
};

static void free_set(item_set *s)
{
    free(s->it);
    free(s->todo);
    free(s->look);
    free(s->heads);
    free(s->tok_item);
    free(s->mark_tok);
    free(s->mark_count);
}

void tp_senti_scratch_free(tp_senti_scratch *sc)
{
    struct tp_senti_work *w = sc->work;
    if (w) {
        free(w->own_keys);
        free(w->odd);
        free(w->text);
        free_set(&w->all);
        free_set(&w->part);
        free(w->merged);
        free(w->merged_look);
        free(w->cand);
        free(w->base);
        free(w->val);
        free(w->phrases);
        free(w);
    }
    sc->work = NULL;
}

/* Grows `*p` to `n` elements of `size` bytes. */
static int grow_array(void *p, size_t n, size_t size)
{
    void *q = realloc(*(void **)p, n * size);
    if (!q)
        return TP_ENOMEM;
    *(void **)p = q;
    return 0;
}

static size_t round_up(size_t cap, size_t n)
{
    cap = cap ? cap : 64;
    while (cap < n)
        cap *= 2;
    return cap;
}

/* Room in `s` for a run of `ntok` tokens. */
static int reserve_set(item_set *s, size_t ntok)
{
    if (ntok <= s->cap)
        return 0;
    size_t cap = round_up(s->cap, ntok);
    if (grow_array(&s->it, cap, sizeof *s->it) || grow_array(&s->todo, cap, sizeof(uint32_t)) ||
        grow_array(&s->look, cap, sizeof(uint32_t)) ||
        grow_array(&s->heads, cap, sizeof(uint32_t)) ||
        grow_array(&s->tok_item, cap + 1, sizeof(uint32_t)) ||
        grow_array(&s->mark_tok, cap, sizeof(uint32_t)) ||
        grow_array(&s->mark_count, cap, sizeof(uint32_t)))
        return TP_ENOMEM;
    s->cap = cap;
    return 0;
}

/* Room for the working arrays of a range of `n` items. */
static int reserve_range(struct tp_senti_work *w, size_t n)
{
    if (n <= w->range_cap)
        return 0;
    size_t cap = round_up(w->range_cap, n);
    if (grow_array(&w->merged, cap, sizeof *w->merged) ||
        grow_array(&w->merged_look, cap, sizeof(uint32_t)) ||
        grow_array(&w->cand, cap, sizeof(uint32_t)) || grow_array(&w->base, cap, sizeof(float)) ||
        grow_array(&w->val, cap, sizeof(float)) || grow_array(&w->phrases, cap, sizeof(phrase)))
        return TP_ENOMEM;
    w->range_cap = cap;
    return 0;
}

bool tp_senti_caps_differ(const tp_token *toks, size_t count)
{
    /* Stops as soon as both kinds of word have been seen. */
    bool caps = false, lower = false;
    for (size_t i = 0; i < count && !(caps && lower); i++) {
        const tp_token *t = &toks[i];
        if (t->kind != TP_TOK_WORD || (t->flags & TP_TOKF_CLITIC) || t->end - t->start < 2)
            continue;
        if (t->flags & TP_TOKF_ALL_CAPS)
            caps = true;
        else
            lower = true;
    }
    return caps && lower;
}

double tp_senti_normalise_sum(double sum, double alpha)
{
    double c = sum / sqrt(sum * sum + alpha);
    return c < -1.0 ? -1.0 : c > 1.0 ? 1.0 : c;
}

/* Punctuation that closes a clause: negation and boosters do not reach over
 * it ("not bad, good" does not negate "good"). Hyphens, '!' and '?' do not. */
static bool is_clause_break(const char *s, size_t len)
{
    if (len == 1) {
        switch (s[0]) {
        case ',': case ';': case ':': case '(': case ')': case '[': case ']': case '{': case '}':
        case '.': return true;
        default: return false;
        }
    }
    return (len == 3 && (memcmp(s, "\xE2\x80\x94", 3) == 0 || /* em dash */
                         memcmp(s, "\xE2\x80\x93", 3) == 0 || /* en dash */
                         memcmp(s, "\xE2\x80\xA6", 3) == 0 || memcmp(s, "...", 3) == 0)) ||
           (len > 1 && s[0] == '.');
}

/* What a one-byte punctuation token does: IT_BREAK when it closes a clause
 * (as is_clause_break() says), P_EXCLAIM for '!', P_QUESTION for '?'. */
enum { P_EXCLAIM = 2u, P_QUESTION = 4u };
_Static_assert(IT_BREAK == 1u, "punct1 holds IT_BREAK beside P_EXCLAIM and P_QUESTION");
static const unsigned char punct1[128] = {
    [','] = IT_BREAK, [';'] = IT_BREAK, [':'] = IT_BREAK, ['('] = IT_BREAK, [')'] = IT_BREAK,
    ['['] = IT_BREAK, [']'] = IT_BREAK, ['{'] = IT_BREAK, ['}'] = IT_BREAK, ['.'] = IT_BREAK,
    ['!'] = P_EXCLAIM, ['?'] = P_QUESTION,
};

static bool ends_with_nt(const char *s, size_t len)
{
    return len >= 3 && memcmp(s + len - 3, "n't", 3) == 0;
}

static bool has_run3(const char *s, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++)
        if (s[i] == s[i + 1] && s[i] == s[i + 2])
            return true;
    return false;
}

/* Writes `word` with every run of three or more equal letters cut to
 * `keep` letters; returns the length. */
static size_t squeeze(const char *word, size_t len, size_t keep, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        size_t j = i;
        while (j < len && word[j] == word[i])
            j++;
        size_t n = j - i >= 3 ? keep : j - i;
        for (size_t k = 0; k < n; k++)
            out[o++] = word[i];
        i = j;
    }
    return o;
}

/* Social-media spelling stretches words ("soooo goood", "yaaay"): an unknown
 * stretched word is looked up with its runs cut to two letters, then one. */
static const tp_senti_entry *find_stretched(const tp_senti_lex *lex, const char *word, size_t len)
{
    char buf[64];
    if (len > sizeof buf)
        return NULL;
    for (size_t keep = 2; keep >= 1; keep--) {
        size_t n = squeeze(word, len, keep, buf);
        const tp_senti_entry *e = lex_find_word(lex, tp_senti_key_of(buf, n));
        if (e)
            return e;
    }
    return NULL;
}

/* Whether byte p of `s` (`len` bytes) is odd: not ASCII, an apostrophe, or
 * the first of three equal letters ("sooo"), compared with 0x20 set, which
 * folds case and may also find a run of "@`@", as harmless as a miss would
 * be wrong. A word without an odd byte is plain: its normalised form is its
 * ASCII lower case, so its key is its token's word key, and it can be
 * neither stretched nor a negator by an n't ending. */
static bool odd_byte(const unsigned char *s, size_t len, size_t p)
{
    unsigned b = s[p];
    return b >= 0x80 || b == '\'' ||
           (p + 2 < len && (b | 0x20) == (s[p + 1] | 0x20u) && (b | 0x20) == (s[p + 2] | 0x20u));
}

#if defined(ODD_AVX2)
/* find_odd_bytes() 32 bytes at a time, as far as it can read 34: returns
 * where it stopped. The same operations as the 16-byte scan below. */
__attribute__((target("avx2"))) static size_t find_odd_avx2(const unsigned char *s, size_t len,
                                                            uint32_t *odd, size_t *nodd)
{
    const __m256i fold = _mm256_set1_epi8(0x20), apostrophe = _mm256_set1_epi8('\'');
    size_t n = *nodd, p = 0;
    for (; p + 34 <= len; p += 32) {
        __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(s + p));
        __m256i xa = _mm256_or_si256(a, fold);
        __m256i xb =
            _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(const void *)(s + p + 1)), fold);
        __m256i xc =
            _mm256_or_si256(_mm256_loadu_si256((const __m256i *)(const void *)(s + p + 2)), fold);
        __m256i run = _mm256_and_si256(_mm256_cmpeq_epi8(xa, xb), _mm256_cmpeq_epi8(xa, xc));
        __m256i any = _mm256_or_si256(_mm256_or_si256(run, _mm256_cmpeq_epi8(a, apostrophe)), a);
        for (unsigned m = (unsigned)_mm256_movemask_epi8(any); m; m &= m - 1)
            odd[n++] = (uint32_t)(p + (unsigned)__builtin_ctz(m));
    }
    *nodd = n;
    return p;
}
#endif

/* Writes the offsets of the odd bytes of `text` to `odd` in order, then
 * UINT32_MAX; `odd` has room for len + 1. Plain news text has about one
 * in 200 (apostrophes, mostly); with SSE2 (every x86-64) the scan takes a
 * few vector operations for 16 bytes, with AVX2 for 32. Returns how many
 * were found. */
static size_t find_odd_bytes(const char *text, size_t len, uint32_t *odd)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t n = 0, p = 0;
#if defined(ODD_AVX2)
    static _Atomic int avx2 = -1; /* asked once; every thread gets the same answer */
    if (avx2 < 0)
        avx2 = __builtin_cpu_supports("avx2") != 0;
    if (avx2)
        p = find_odd_avx2(s, len, odd, &n);
#endif
#if defined(__SSE2__) && defined(__x86_64__)
    const __m128i fold = _mm_set1_epi8(0x20), apostrophe = _mm_set1_epi8('\'');
    for (; p + 18 <= len; p += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(const void *)(s + p));
        __m128i xa = _mm_or_si128(a, fold);
        __m128i xb =
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + p + 1)), fold);
        __m128i xc =
            _mm_or_si128(_mm_loadu_si128((const __m128i *)(const void *)(s + p + 2)), fold);
        __m128i run = _mm_and_si128(_mm_cmpeq_epi8(xa, xb), _mm_cmpeq_epi8(xa, xc));
        /* Bytes from 0x80 have their top bit set already. */
        __m128i any = _mm_or_si128(_mm_or_si128(run, _mm_cmpeq_epi8(a, apostrophe)), a);
        for (unsigned m = (unsigned)_mm_movemask_epi8(any); m; m &= m - 1)
            odd[n++] = (uint32_t)(p + (unsigned)__builtin_ctz(m));
    }
#endif
    for (; p < len; p++)
        if (odd_byte(s, len, p))
            odd[n++] = (uint32_t)p;
    odd[n] = UINT32_MAX;
    return n;
}

/* Whether bytes [start, stop) of the text hold no odd byte, read from the
 * text: for the few tokens build_items() leaves to add_other(). */
static bool plain_text(const char *text, size_t len, uint32_t start, uint32_t stop)
{
    for (size_t p = start; p < stop; p++)
        if (odd_byte((const unsigned char *)text, len, p))
            return false;
    return true;
}

#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#define NO_INLINE __attribute__((noinline))
#else
#define HOT_INLINE static inline
#define NO_INLINE
#endif

/* Adds an item of word key `key`, asking the filter whether it may be a
 * word or open a phrase and listing it for resolve() when so. No branch
 * depends on the filter's answers: they are unpredictable word to word,
 * and a mispredicted branch would wait for the filter read. */
HOT_INLINE void add_keyed(const tp_senti_lex *lex, item_set *s, uint64_t key, unsigned kind,
                          unsigned flags)
{
    unsigned found = lex_filter_bits(lex, key) & (flags & IT_NOLOOKUP ? 0u : 3u);
    size_t n = s->n;
    item *x = &s->it[n];
    x->e = NULL;
    x->key = key;
    x->kind = (uint8_t)kind;
    x->flags = (uint8_t)(flags | found << 4);
    s->todo[s->ntodo] = (uint32_t)n;
    s->ntodo += found != 0;
    s->n = n + 1;
}

/* An item made by the general path: its key, its entry and the flags the
 * path found (IT_NEGATOR by an n't ending, IT_OPENS, IT_FOUND). */
typedef struct made_item {
    uint64_t key;
    const tp_senti_entry *e;
    unsigned flags;
} made_item;

/* The general path, for the items add_keyed() cannot take: emoticons
 * (looked up unfolded first: ":D" is not ":d"), hashtags (looked up without
 * '#'), words with a clitic joined, non-ASCII text, words with an
 * apostrophe or a run of three letters. Normalises bytes [start, stop) of
 * the text and looks the item up at once (these are few). */
static int make_general(const tp_senti_lex *lex, const tp_senti_doc *doc, struct tp_senti_work *w,
                        uint32_t start, uint32_t stop, unsigned kind, bool lookup, made_item *out)
{
    const char *src = doc->text + start;
    size_t len = stop - start;
    if (4 * len > w->text_cap) {
        size_t cap = round_up(w->text_cap, 4 * len);
        if (grow_array(&w->text, cap, 1) != 0)
            return TP_ENOMEM;
        w->text_cap = cap;
    }
    char *text = w->text;
    const tp_senti_entry *e = NULL;
    size_t n = 0;
    uint64_t key = 0;
    unsigned flags = 0;
    if (kind == TP_TOK_EMOTICON) {
        n = tp_senti_normalise(src, len, false, text);
        key = tp_senti_key_of(text, n);
        e = lex_find_word(lex, key);
    }
    if (!e) {
        n = tp_senti_normalise(src, len, true, text);
        key = tp_senti_key_of(text, n);
        bool word = kind == TP_TOK_WORD || kind == TP_TOK_HASHTAG;
        if (lookup) {
            e = lex_find_word(lex, key);
            if (!e && word && has_run3(text, n))
                e = find_stretched(lex, text, n);
        }
        if (kind == TP_TOK_WORD && ends_with_nt(text, n))
            flags |= IT_NEGATOR;
    }
    if (lookup && lex_may_open_phrase(lex, key))
        flags |= IT_OPENS;
    if (e)
        flags |= IT_FOUND;
    *out = (made_item){key, e, flags};
    return 0;
}

/* Appends a made item with the token's own `flags` added. */
static void put_made(item_set *s, const made_item *m, unsigned kind, unsigned flags)
{
    flags |= m->flags;
    s->it[s->n] = (item){m->e, m->key, (uint8_t)kind, (uint8_t)flags};
    if (flags & (IT_FOUND | IT_OPENS))
        s->todo[s->ntodo++] = (uint32_t)s->n;
    s->n++;
}

static int add_general(const tp_senti_lex *lex, const tp_senti_doc *doc, struct tp_senti_work *w,
                       item_set *s, uint32_t start, uint32_t stop, unsigned kind, unsigned flags)
{
    made_item m;
    if (make_general(lex, doc, w, start, stop, kind, !(flags & IT_NOLOOKUP), &m) != 0)
        return TP_ENOMEM;
    put_made(s, &m, kind, flags);
    return 0;
}

/* The item flags a token brings: TP_TOKF_ALL_CAPS is IT_CAPS, and
 * TP_TOKF_NEGATION (bit 9; only the n't clitic has it) becomes IT_NEGATOR
 * (bit 2), without branches. */
static inline unsigned token_flags(const tp_token *tk)
{
    return (tk->flags & TP_TOKF_ALL_CAPS) | ((tk->flags >> 7) & IT_NEGATOR);
}

/* Records a punctuation token holding '!' or '?' (rare). */
static void add_mark(item_set *s, size_t t, unsigned exclaim, unsigned question)
{
    s->mark_tok[s->nmarks] = (uint32_t)t;
    s->mark_count[s->nmarks++] =
        (exclaim > 0xFFFF ? 0xFFFF : exclaim) | (question > 0xFFFF ? 0xFFFF : question) << 16;
}

/* Counts the marks of a punctuation token and returns IT_BREAK when it
 * closes a clause. */
static unsigned add_punct(item_set *s, size_t t, const unsigned char *p, size_t len)
{
    unsigned exclaim = 0, question = 0;
    for (size_t k = 0; k < len; k++) {
        exclaim += p[k] == '!';
        question += p[k] == '?';
    }
    if (exclaim | question)
        add_mark(s, t, exclaim, question);
    return is_clause_break((const char *)p, len) ? IT_BREAK : 0;
}

/* The building of one run's items: where they go and what they come from. */
typedef struct builder {
    const tp_senti_lex *lex;
    const tp_senti_doc *doc;
    struct tp_senti_work *w;
    item_set *s;
    const uint64_t *keys; /* by token */
    uint32_t *tok_item;   /* by token, indexed from 0 */
    size_t begin;         /* the run's first token */
} builder;

/* The word of tokens [first, last] by the general path. Such words repeat
 * ("it's", "Blair's", "don't", "Government's") and making one costs
 * hundreds of instructions (normalising, hashing, looking up), so the
 * worker remembers the last word of one or two tokens made at each spot
 * of a small table, by the word keys of its tokens. What the path makes
 * depends only on the tokens' folded text (normalising folds as
 * tp_word_key() does, then drops what a word key keeps: emoji variation
 * selectors, runs of spaces), hence only on their keys, and on the
 * lexicon, whose serial the table is kept for. */
static int add_word(const builder *b, size_t first, size_t last, unsigned flags)
{
    struct tp_senti_work *w = b->w;
    const tp_token *toks = b->doc->toks;
    size_t ntok = last - first + 1;
    uint64_t k1 = b->keys[first], k2 = b->keys[last];
    memo_word *mw = &w->memo[(k1 ^ (k2 * 0x9E3779B97F4A7C15ull)) >> (64 - MEMO_BITS)];
    made_item m;
    if (ntok <= 2 && mw->ntok == ntok && mw->first == k1 && mw->last == k2) {
        m = (made_item){mw->key, mw->e, mw->flags};
    } else {
        if (make_general(b->lex, b->doc, w, toks[first].start, toks[last].end, TP_TOK_WORD, true,
                         &m) != 0)
            return TP_ENOMEM;
        if (ntok <= 2)
            *mw = (memo_word){k1, k2, m.key, m.e, (uint8_t)ntok, (uint8_t)m.flags};
    }
    put_made(b->s, &m, TP_TOK_WORD, flags);
    return 0;
}

/* Whether token t is a clitic to join to the word token before it in the
 * run, which made the last item. */
static bool joins_previous(const builder *b, size_t t)
{
    const tp_token *toks = b->doc->toks;
    return (toks[t].flags & TP_TOKF_CLITIC) && t > b->begin && toks[t - 1].end == toks[t].start &&
           toks[t - 1].kind == TP_TOK_WORD;
}

/* Joins clitic token t to the last item, which its word (with any clitics
 * joined before) made: the item is made again over all their bytes, so
 * that "do" + "n't" is looked up as "don't". Words are added without
 * looking ahead, which would cost nearly every word a test; the few that
 * a clitic follows are made twice. */
static int join_clitic(const builder *b, size_t t)
{
    const tp_token *toks = b->doc->toks;
    item_set *s = b->s;
    size_t first = t - 1;
    while (b->tok_item[first] & CONTINUES)
        first--;
    size_t x = s->n - 1;
    unsigned flags = (s->it[x].flags & IT_BREAK) | token_flags(&toks[first]);
    for (size_t c = first + 1; c <= t; c++)
        flags |= token_flags(&toks[c]) & IT_NEGATOR;
    b->tok_item[t] = (uint32_t)x | CONTINUES;
    s->n = x;
    if (s->ntodo && s->todo[s->ntodo - 1] == x)
        s->ntodo--;
    return add_word(b, first, t, flags);
}

/* Whether bytes [start, stop) of the text are ASCII without a space or
 * tab: normalised, such text is its ASCII lower case, so its key is its
 * token's word key. */
static bool ascii_text(const char *text, uint32_t start, uint32_t stop)
{
    for (uint32_t p = start; p < stop; p++)
        if ((unsigned char)text[p] >= 0x80 || text[p] == ' ' || text[p] == '\t')
            return false;
    return true;
}

/* build_items() for the tokens its loop leaves: clitics, words with an odd
 * byte, punctuation longer than a byte, symbols, hashtags, numbers, URLs,
 * emoticons, emoji (out of the loop, whose variables then stay in
 * registers). `brk` is IT_BREAK when punctuation closed a clause before
 * the token; returns what it is for the next token, or TP_ENOMEM. */
static NO_INLINE int add_other(const builder *b, size_t t, unsigned brk)
{
    const char *text = b->doc->text;
    const tp_token *tk = &b->doc->toks[t];
    unsigned kind = tk->kind, flags = brk | token_flags(tk);
    uint32_t start = tk->start, stop = tk->end;
    switch (kind) {
    case TP_TOK_WORD:
        if (joins_previous(b, t))
            return join_clitic(b, t);
        if (plain_text(text, b->doc->len, start, stop))
            break;
        return add_word(b, t, t, flags);
    case TP_TOK_PUNCT:
        return (int)(brk | add_punct(b->s, t, (const unsigned char *)text + start, stop - start));
    case TP_TOK_QUOTE:
    case TP_TOK_SYMBOL: return (int)brk;
    case TP_TOK_HASHTAG:
        if (stop - start > 1)
            start++; /* #love is love */
        return add_general(b->lex, b->doc, b->w, b->s, start, stop, kind, flags);
    case TP_TOK_URL:
    case TP_TOK_EMAIL:
    case TP_TOK_HANDLE:
    case TP_TOK_NUMBER:
        /* Never looked up: only the key counts, for phrases ("2000" has a
         * run of three, which does not change it). */
        flags |= IT_NOLOOKUP;
        if (ascii_text(text, start, stop))
            break;
        return add_general(b->lex, b->doc, b->w, b->s, start, stop, kind, flags);
    case TP_TOK_EMOTICON: return add_general(b->lex, b->doc, b->w, b->s, start, stop, kind, flags);
    default:
        if (!plain_text(text, b->doc->len, start, stop))
            return add_general(b->lex, b->doc, b->w, b->s, start, stop, kind, flags);
        break;
    }
    add_keyed(b->lex, b->s, b->keys[t], kind, flags);
    return 0;
}

/* The first of the sorted offsets `odd` (`n`, then UINT32_MAX) at or
 * after `pos`. */
static const uint32_t *odd_from(const uint32_t *odd, size_t n, uint32_t pos)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (odd[mid] < pos)
            lo = mid + 1;
        else
            hi = mid;
    }
    return odd + lo;
}

/* Builds the items of tokens [begin, end) into `s`: joins clitics, marks
 * clause breaks, notes the '!' and '?' marks and which item each token
 * starts, and asks the filter about each item. Plain words (no odd byte:
 * a cursor walks the text's odd bytes beside the tokens, which the core
 * keeps in text order) and one-byte marks, nearly all tokens, are done in
 * the loop, the words by their token's key without reading their text;
 * the rest by add_other(). Table reads and the lists of items are left to
 * resolve(). Returns 0 or TP_ENOMEM. */
static int build_items(const tp_senti_lex *lex, const tp_senti_doc *doc, struct tp_senti_work *w,
                       size_t begin, size_t end, item_set *s)
{
    const char *text = doc->text;
    const tp_token *toks = doc->toks;
    s->n = s->ntodo = s->nlook = s->nheads = s->nmarks = 0;
    if (reserve_set(s, end > begin ? end - begin : 1) != 0)
        return TP_ENOMEM;
    if (w->memo_serial != lex->serial) { /* words made with another lexicon */
        memset(w->memo, 0, sizeof w->memo);
        w->memo_serial = lex->serial;
    }
    if (end <= begin) {
        s->tok_item[0] = 0;
        return 0;
    }
    const uint64_t *keys = w->keys;
    const builder b = {lex, doc, w, s, keys, s->tok_item - begin, begin};
    uint32_t *tok_item = b.tok_item;
    const uint32_t *odd = odd_from(w->odd, w->nodd, toks[begin].start);
    item *it = s->it;
    uint32_t *todo = s->todo;
    size_t n = 0, ntodo = 0;
    unsigned brk = 0;
    for (size_t t = begin; t < end; t++) {
        const tp_token *tk = &toks[t];
        uint32_t start = tk->start, stop = tk->end;
        tok_item[t] = (uint32_t)n;
        if (tk->kind == TP_TOK_WORD && !(tk->flags & (TP_TOKF_CLITIC | TP_TOKF_NEGATION))) {
            while (*odd < start)
                odd++;
            if (*odd >= stop) {
                /* add_keyed() for a word, with the counts in registers */
                uint64_t key = keys[t];
                unsigned found = lex_filter_bits(lex, key);
                it[n].e = NULL;
                it[n].key = key;
                it[n].kind = TP_TOK_WORD;
                it[n].flags = (uint8_t)(brk | (tk->flags & TP_TOKF_ALL_CAPS) | found << 4);
                todo[ntodo] = (uint32_t)n;
                ntodo += found != 0;
                n++;
                brk = 0;
                continue;
            }
        } else if (tk->kind == TP_TOK_PUNCT && stop - start == 1 &&
                   (unsigned char)text[start] < 128) {
            unsigned c = punct1[(unsigned char)text[start]]; /* most marks: one table read */
            if (c & (P_EXCLAIM | P_QUESTION))
                add_mark(s, t, (c & P_EXCLAIM) >> 1, c >> 2);
            brk |= c & IT_BREAK;
            continue;
        } else if (tk->kind == TP_TOK_QUOTE) {
            continue; /* no item, no clause break */
        }
        s->n = n;
        s->ntodo = ntodo;
        int rc = add_other(&b, t, brk);
        if (rc < 0)
            return rc;
        brk = (unsigned)rc;
        n = s->n;
        ntodo = s->ntodo;
    }
    s->n = n;
    s->ntodo = ntodo;
    tok_item[end] = (uint32_t)n;
    return 0;
}

/* Whether items head and head + 1 of `s` are a known key, phrase or the
 * opening of one: the first step of phrase_at(), which no range changes. */
static bool opens_phrase(const tp_senti_lex *lex, const item_set *s, size_t head)
{
    const item *x = &s->it[head], *next = x + 1;
    if (lex->max_words < 2 || head + 1 >= s->n || (next->flags & IT_BREAK))
        return false;
    uint64_t key = lex_key_combine(x->key, next->key);
    return lex_may_open_phrase(lex, key) && lex_find_key(lex, key);
}

/* Finishes the deferred look-ups once the whole run is made, and lists in
 * `look` the items with an entry and in `heads` the phrase heads whose
 * first two words a phrase may start with: most heads ("the", "in") lead
 * nowhere, and this is done once for all the ranges of a document. Visits
 * only the items build_items() listed, about one in six. */
static void resolve(const tp_senti_lex *lex, item_set *s)
{
    size_t nlook = 0, nheads = 0;
    for (size_t k = 0; k < s->ntodo; k++) {
        size_t i = s->todo[k];
        item *x = &s->it[i];
        if (x->flags & IT_PENDING)
            x->e = lex_word_entry(lex_find_key(lex, x->key));
        if (x->e) {
            if (x->e->flags & TP_SENTI_NEGATOR)
                x->flags |= IT_NEGATOR;
            s->look[nlook++] = (uint32_t)i;
        }
        if ((x->flags & IT_OPENS) && opens_phrase(lex, s, i))
            s->heads[nheads++] = (uint32_t)i;
    }
    s->nlook = nlook;
    s->nheads = nheads;
}

/* The items of one range: a slice of an item set. Entries of `look` and
 * `heads` are indexes into `it` plus `origin`. */
typedef struct view {
    const item *it;
    size_t n;
    const uint32_t *look, *heads;
    size_t nlook, nheads;
    uint32_t origin;
} view;

/* The entries of the sorted list `a` (`n` long) in [lo, hi): returns the
 * first and sets `*to` past the last. Ranges come mostly in order (the
 * sentences, then the quotes), so the search walks on from `*hint`, where
 * the last one ended, unless the range lies before it. */
static inline size_t sublist(const uint32_t *a, size_t n, uint32_t lo, uint32_t hi, size_t *hint,
                             size_t *to)
{
    if (n == 0) { /* no marks, no phrase heads: common */
        *to = 0;
        return 0;
    }
    size_t i = *hint;
    if (i > n || (i > 0 && a[i - 1] >= lo)) {
        size_t l = 0, h = n;
        while (l < h) {
            size_t mid = l + (h - l) / 2;
            if (a[mid] < lo)
                l = mid + 1;
            else
                h = mid;
        }
        i = l;
    }
    while (i < n && a[i] < lo)
        i++;
    size_t j = i;
    while (j < n && a[j] < hi)
        j++;
    *hint = *to = j;
    return i;
}

/* The items of tokens [begin, end) as a view of the document's items, or
 * false when a range end splits an item (a clitic on one side, its word on
 * the other): that range makes its own. */
static bool slice_of(const item_set *all, size_t begin, size_t end, struct tp_senti_work *w,
                     view *v)
{
    uint32_t a = all->tok_item[begin], b = all->tok_item[end];
    if ((a | b) & CONTINUES)
        return false;
    size_t k0, k1, h0, h1;
    k0 = sublist(all->look, all->nlook, a, b, &w->look_hint, &k1);
    h0 = sublist(all->heads, all->nheads, a, b, &w->heads_hint, &h1);
    *v = (view){all->it + a, b - a, all->look + k0, all->heads + h0, k1 - k0, h1 - h0, a};
    return true;
}

static view whole(const item_set *s)
{
    return (view){s->it, s->n, s->look, s->heads, s->nlook, s->nheads, 0};
}

/* The number of '!' and '?' in tokens [begin, end) of the document. */
static void count_marks(struct tp_senti_work *w, size_t begin, size_t end, unsigned *exclaim,
                        unsigned *question)
{
    const item_set *all = &w->all;
    size_t to, k = sublist(all->mark_tok, all->nmarks, (uint32_t)begin, (uint32_t)end,
                           &w->marks_hint, &to);
    *exclaim = *question = 0;
    for (; k < to; k++) {
        *exclaim += all->mark_count[k] & 0xFFFF;
        *question += all->mark_count[k] >> 16;
    }
}

/* The longest known phrase starting at item `head`, in `*words` items, or
 * NULL. The key grows a word at a time and stops as soon as it is neither a
 * phrase nor the opening of one. Phrases stay inside a clause. */
static const tp_senti_entry *phrase_at(const tp_senti_lex *lex, const view *v, size_t head,
                                       uint32_t *words)
{
    const item *it = v->it;
    const tp_senti_entry *pe = NULL;
    size_t maxw = lex->max_words;
    uint64_t key = it[head].key;
    for (size_t m = 2; m <= maxw && head + m - 1 < v->n; m++) {
        const item *next = &it[head + m - 1];
        if (next->flags & IT_BREAK)
            break;
        /* Most heads ("the", "in") lead nowhere: the filter says so from the
         * extended key before any table access. */
        key = lex_key_combine(key, next->key);
        if (!lex_may_open_phrase(lex, key))
            break;
        const tp_senti_entry *e = lex_find_key(lex, key);
        if (!e)
            break;
        if ((e->flags & TP_SENTI_PHRASE) && e->words == m) {
            pe = e;
            *words = (uint32_t)m;
        }
        if (!(e->flags & TP_SENTI_PHRASE_PREFIX))
            break;
    }
    return pe;
}

/* Replaces the longest known phrase starting at each phrase head with one
 * item. When one is found, `v` becomes the merged copy in the work's
 * buffers, with a look-up list of every item with an entry; the item set
 * is left as it is. */
static void match_phrases(const tp_senti_lex *lex, view *v, struct tp_senti_work *w)
{
    phrase *found = w->phrases;
    size_t nfound = 0, next = 0; /* items before `next` are inside a phrase found */
    for (size_t hd = 0; hd < v->nheads; hd++) {
        size_t head = v->heads[hd] - v->origin;
        if (head < next)
            continue;
        uint32_t words = 1;
        const tp_senti_entry *pe = phrase_at(lex, v, head, &words);
        if (!pe)
            continue;
        found[nfound++] = (phrase){(uint32_t)head, words, pe};
        next = head + words;
    }
    if (!nfound)
        return;
    item *out = w->merged;
    size_t o = 0, i = 0; /* items [0, i) are copied to out[0, o) */
    for (size_t f = 0; f < nfound; f++) {
        size_t head = found[f].head;
        memcpy(&out[o], &v->it[i], (head - i) * sizeof *out);
        o += head - i;
        item merged = v->it[head];
        merged.e = found[f].e;
        /* A phrase is a negator only when listed as one ("no doubt" is not). */
        merged.flags &= (uint8_t)~IT_NEGATOR;
        if (found[f].e->flags & TP_SENTI_NEGATOR)
            merged.flags |= IT_NEGATOR;
        out[o++] = merged;
        i = head + found[f].words;
    }
    memcpy(&out[o], &v->it[i], (v->n - i) * sizeof *out);
    o += v->n - i;
    size_t nlook = 0;
    for (size_t k = 0; k < o; k++)
        if (out[k].e)
            w->merged_look[nlook++] = (uint32_t)k;
    v->it = out;
    v->n = o;
    v->look = w->merged_look;
    v->nlook = nlook;
    v->nheads = 0;
    v->origin = 0;
}

static bool plain_valence(const item *x)
{
    return x->e && (x->e->flags & TP_SENTI_VALENCE) && x->e->valence != 0 &&
           !(x->e->flags & TP_SENTI_MODIFIER) && !(x->flags & IT_NEGATOR);
}

/* Whether ALL-CAPS emphasis applies, decided on first need: most pieces
 * have no capitalised sentiment word, and the test reads every token. */
static bool caps_on(tp_senti_doc *doc)
{
    if (doc->caps < 0)
        doc->caps = tp_senti_caps_differ(doc->toks, doc->count);
    return doc->caps > 0;
}

static bool is_pictogram(const item *x)
{
    return x->kind == TP_TOK_EMOTICON || x->kind == TP_TOK_EMOJI;
}

static float emphasise(float v, float by)
{
    return v > 0 ? v + by : v < 0 ? v - by : v;
}

/* Whether the item is a "but", which ends a clause after itself. */
static bool is_contrast(const item *x)
{
    return x->e && (x->e->flags & TP_SENTI_CONTRAST);
}

/* Applies the rules to the items of one range. */
static void score_view(tp_senti_doc *doc, const view *v, struct tp_senti_work *w, unsigned exclaim,
                       unsigned question, tp_senti_piece *out)
{
    const item *it = v->it;
    size_t n = v->n;
    uint32_t *cand = w->cand;
    float *base = w->base; /* by item; set for items with an entry */
    float *val = w->val;   /* by candidate */

    /* Over the items with an entry (the look-up list, in order): the first
     * "but", base valences, and the few items that carry one. A booster or
     * negator with a valence of its own ("super", "no") is a modifier when a
     * sentiment word follows in its window, else a word. */
    size_t contrast = n, nc = 0;
    for (size_t k = 0; k < v->nlook; k++) {
        size_t i = v->look[k] - v->origin;
        const item *x = &it[i];
        const tp_senti_entry *e = x->e;
        if (!e)
            continue;
        base[i] = 0;
        if ((e->flags & TP_SENTI_CONTRAST) && contrast == n)
            contrast = i;
        if (!(e->flags & TP_SENTI_VALENCE) || e->valence == 0)
            continue;
        float b = e->valence;
        if (!plain_valence(x)) {
            for (size_t j = i + 1; j <= i + 3 && j < n && !(it[j].flags & IT_BREAK); j++) {
                if (plain_valence(&it[j])) {
                    b = 0;
                    break;
                }
                if (is_contrast(&it[j]))
                    break;
            }
        }
        base[i] = b;
        if (b != 0)
            cand[nc++] = (uint32_t)i;
    }

    /* A clause starts at an item after punctuation (IT_BREAK) and after a
     * "but": item i - d is in item i's clause when no item in (i - d, i]
     * has IT_BREAK and none in [i - d, i) is a "but". */
    static const float damp[4] = {0, 1.0f, 0.95f, 0.9f};
    for (size_t c = 0; c < nc; c++) {
        size_t i = cand[c];
        const item *x = &it[i];
        float val_i = base[i];
        if ((x->flags & IT_CAPS) && caps_on(doc))
            val_i = emphasise(val_i, (float)TP_SENTI_CAPS);
        /* Emoticons and emoji stand outside the syntax: "no cheque :(" is
         * not a negated frown. */
        if (is_pictogram(x)) {
            val[c] = val_i;
            continue;
        }
        for (size_t d = 1; d <= 3 && d <= i; d++) {
            const item *m = &it[i - d];
            if ((it[i - d + 1].flags & IT_BREAK) || is_contrast(m))
                break; /* m is in an earlier clause */
            /* A modifier reaches only the first sentiment word after it:
             * in "don't care, don't care" each care is negated once. */
            if (plain_valence(m) || is_pictogram(m))
                break;
            if (m->e && (m->e->flags & TP_SENTI_MODIFIER) && base[i - d] == 0) {
                float s = m->e->incr;
                if ((m->flags & IT_CAPS) && caps_on(doc))
                    s = emphasise(s, (float)TP_SENTI_CAPS);
                if (val_i < 0)
                    s = -s;
                val_i += s * damp[d];
            }
            if (m->flags & IT_NEGATOR) {
                const item *after = &it[i - d + 1];
                bool never_so = m->e && (m->e->flags & TP_SENTI_NEVER) && d >= 2 && after->e &&
                                (after->e->flags & TP_SENTI_SO_THIS);
                val_i *= never_so ? (float)TP_SENTI_NEVER_SO : (float)TP_SENTI_NEGATE;
            }
        }
        if (i >= 1 && !(x->flags & IT_BREAK) && !is_contrast(&it[i - 1]) && it[i - 1].e &&
            (it[i - 1].e->flags & TP_SENTI_LEAST))
            val_i *= (float)TP_SENTI_NEGATE;
        val[c] = val_i;
    }

    double sum = 0, pos = 0, neg = 0, neutral = (double)n;
    for (size_t c = 0; c < nc; c++) {
        size_t i = cand[c];
        double vc = val[c];
        if (contrast < n && i != contrast)
            vc *= i < contrast ? TP_SENTI_BUT_BEFORE : TP_SENTI_BUT_AFTER;
        sum += vc;
        if (vc > 0) {
            pos += vc + 1;
            neutral -= 1;
        } else if (vc < 0) {
            neg += vc - 1;
            neutral -= 1;
        }
    }
    double amp = (exclaim > 4 ? 4 : exclaim) * TP_SENTI_EXCLAIM;
    if (question > 1)
        amp += question <= 3 ? question * TP_SENTI_QUESTION : 0.96;
    if (sum > 0)
        sum += amp;
    else if (sum < 0)
        sum -= amp;
    if (pos > -neg)
        pos += amp;
    else if (pos < -neg)
        neg -= amp;
    out->sum = sum;
    out->pos = pos;
    out->neg = neg;
    out->neutral = neutral;
    out->items = (uint32_t)n;
}

/* Builds and looks up the items of all of `doc`'s tokens into the work. */
/* The word keys of `doc`'s tokens: its own, or made here with
 * tp_word_key() as the core makes them. */
static int token_keys(const tp_senti_doc *doc, struct tp_senti_work *w)
{
    if (doc->keys) {
        w->keys = doc->keys;
        return 0;
    }
    if (doc->count > w->own_keys_cap) {
        size_t cap = round_up(w->own_keys_cap, doc->count);
        if (grow_array(&w->own_keys, cap, sizeof *w->own_keys) != 0)
            return TP_ENOMEM;
        w->own_keys_cap = cap;
    }
    for (size_t t = 0; t < doc->count; t++)
        w->own_keys[t] =
            tp_word_key(doc->text + doc->toks[t].start, doc->toks[t].end - doc->toks[t].start);
    w->keys = w->own_keys;
    return 0;
}

/* The odd bytes of `doc`'s text, for build_items(). */
static int find_odd(const tp_senti_doc *doc, struct tp_senti_work *w)
{
    if (doc->len + 1 > w->odd_cap) {
        size_t cap = round_up(w->odd_cap, doc->len + 1);
        if (grow_array(&w->odd, cap, sizeof *w->odd) != 0)
            return TP_ENOMEM;
        w->odd_cap = cap;
    }
    w->nodd = find_odd_bytes(doc->text, doc->len, w->odd);
    return 0;
}

static int prepare(const tp_senti_lex *lex, tp_senti_doc *doc, struct tp_senti_work *w)
{
    w->doc = NULL;
    doc->prepared = NULL;
    if (token_keys(doc, w) != 0 || find_odd(doc, w) != 0 ||
        build_items(lex, doc, w, 0, doc->count, &w->all) != 0)
        return TP_ENOMEM;
    resolve(lex, &w->all);
    w->look_hint = w->heads_hint = w->marks_hint = 0;
    w->doc = doc;
    doc->prepared = w;
    return 0;
}

int tp_senti_score(const tp_senti_lex *lex, tp_senti_doc *doc, size_t begin, size_t end,
                   tp_senti_scratch *sc, tp_senti_piece *out)
{
    memset(out, 0, sizeof *out);
    if (end <= begin)
        return 0;
    if (!sc->work && !(sc->work = calloc(1, sizeof *sc->work)))
        return TP_ENOMEM;
    struct tp_senti_work *w = sc->work;
    if ((doc->prepared != w || w->doc != doc) && prepare(lex, doc, w) != 0)
        return TP_ENOMEM;
    view v;
    if (!slice_of(&w->all, begin, end, w, &v)) {
        if (build_items(lex, doc, w, begin, end, &w->part) != 0)
            return TP_ENOMEM;
        resolve(lex, &w->part);
        v = whole(&w->part);
    }
    if (reserve_range(w, v.n) != 0)
        return TP_ENOMEM;
    if (v.nheads)
        match_phrases(lex, &v, w);
    unsigned exclaim, question;
    count_marks(w, begin, end, &exclaim, &question);
    score_view(doc, &v, w, exclaim, question, out);
    return 0;
}

tp_senti_result tp_senti_combine(const tp_senti_piece *pieces, size_t n, tp_senti_aggregate agg,
                                 double alpha)
{
    tp_senti_result r = {0, 0, 0, 1.0};
    double sum = 0, mean = 0, pos = 0, neg = 0, neutral = 0;
    size_t scored = 0;
    for (size_t i = 0; i < n; i++) {
        if (!pieces[i].items)
            continue;
        scored++;
        sum += pieces[i].sum;
        if (agg == TP_SENTI_MEAN) /* a square root a piece: only when asked */
            mean += tp_senti_normalise_sum(pieces[i].sum, alpha);
        pos += pieces[i].pos;
        neg += pieces[i].neg;
        neutral += pieces[i].neutral;
    }
    if (!scored)
        return r;
    switch (agg) {
    case TP_SENTI_SUM: r.compound = tp_senti_normalise_sum(sum, alpha); break;
    case TP_SENTI_SQRT:
        r.compound = tp_senti_normalise_sum(sum / sqrt((double)scored), alpha);
        break;
    default: r.compound = mean / (double)scored; break;
    }
    double total = pos - neg + neutral;
    if (total > 0) {
        r.positive = pos / total;
        r.negative = -neg / total;
        r.neutral = neutral / total;
    }
    return r;
}
