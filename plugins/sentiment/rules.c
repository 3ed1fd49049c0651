/* rules.c - the VADER-style valence rules over one piece of tokenised text. */
#include "rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_table.h"

#if defined(__SSE2__) && defined(__x86_64__)
#include <emmintrin.h>
#endif

/* One scored unit: a word (with its split-off clitics joined back, so that
 * "do" + "n't" is the one word "don't" as a reader sees it), an emoticon, an
 * emoji, or a phrase of several words once phrases are matched. Only what
 * the later passes read is kept: 24 bytes. */
typedef struct item {
    const tp_senti_entry *e;
    uint32_t fold_off; /* normalised form in the item set's fold */
    uint32_t fold_len;
    uint32_t hash; /* of the normalised form */
    uint8_t kind;  /* tp_token_kind of the first token */
    uint8_t flags;
} item;

enum {
    IT_BREAK = 1u << 0,     /* punctuation before it ends the previous clause */
    IT_CAPS = 1u << 1,      /* written in capitals */
    IT_NEGATOR = 1u << 2,   /* a negator by the lexicon or by the n't clitic */
    IT_NOLOOKUP = 1u << 3,  /* URL, e-mail, handle, number: counted, never looked up */
    IT_OPENS = 1u << 4,     /* may open a phrase */
    IT_PENDING = 1u << 5,   /* passed the filter: table look-up deferred */
    IT_STRETCHED = 1u << 6, /* has a letter run of three or more */
    IT_FOUND = 1u << 7,     /* has its entry already: an emoticon found as written */
};
_Static_assert((unsigned)TP_TOKF_ALL_CAPS == IT_CAPS && TP_TOKF_NEGATION >> 7 == IT_NEGATOR,
               "build_items() maps token flags to item flags by masks and shifts");

/* tok_item[t] for a token that is a clitic joined to the item before it. */
#define CONTINUES (1u << 31)

/* The items of a run of tokens, as build_items() and resolve() leave them. */
typedef struct item_set {
    item *it;
    uint32_t *look;       /* items with an entry (resolve()) */
    uint32_t *heads;      /* items that may open a phrase (resolve()) */
    uint32_t *tok_item;   /* by token from the run's first: items before it, | CONTINUES */
    uint32_t *mark_tok;   /* punctuation tokens holding '!' or '?' ... */
    uint32_t *mark_count; /* ... and how many: '!' in the low half, '?' in the high */
    char *fold;           /* normalised forms, one space apart */
    size_t n, nlook, nheads, nmarks;
    size_t cap; /* tokens the arrays have room for (tok_item: one more) */
    size_t fold_cap;
} item_set;

/* A phrase found in a range: its first item, its length in items, its entry. */
typedef struct phrase {
    uint32_t head, words;
    const tp_senti_entry *e;
} phrase;

/* A worker's buffers. `all` holds the items of one document's tokens, made
 * once, so that scoring its sentences and then its quotes (a quote is part
 * of a sentence) looks no token up twice; a range whose ends split an item
 * (a clitic outside a quote whose word is inside) is built on its own in
 * `part`. The rest are one range's working arrays. */
struct tp_senti_work {
    const tp_senti_doc *doc; /* whose items `all` holds */
    item_set all, part;
    size_t look_hint, heads_hint, marks_hint; /* where the last range's lists ended */
    item *merged;                             /* the range's items once phrases are merged */
    uint32_t *merged_look, *cand;
    float *base, *val;
    phrase *phrases;
    size_t range_cap;
};

static void free_set(item_set *s)
{
    free(s->it);
    free(s->look);
    free(s->heads);
    free(s->tok_item);
    free(s->mark_tok);
    free(s->mark_count);
    free(s->fold);
}

void tp_senti_scratch_free(tp_senti_scratch *sc)
{
    struct tp_senti_work *w = sc->work;
    if (w) {
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

/* Room in `s` for a run of `ntok` tokens and `fold` bytes of folded text. */
static int reserve_set(item_set *s, size_t ntok, size_t fold)
{
    if (ntok > s->cap) {
        size_t cap = round_up(s->cap, ntok);
        if (grow_array(&s->it, cap, sizeof *s->it) || grow_array(&s->look, cap, sizeof(uint32_t)) ||
            grow_array(&s->heads, cap, sizeof(uint32_t)) ||
            grow_array(&s->tok_item, cap + 1, sizeof(uint32_t)) ||
            grow_array(&s->mark_tok, cap, sizeof(uint32_t)) ||
            grow_array(&s->mark_count, cap, sizeof(uint32_t)))
            return TP_ENOMEM;
        s->cap = cap;
    }
    if (fold > s->fold_cap) {
        size_t cap = round_up(s->fold_cap < 1024 ? 1024 : s->fold_cap, fold);
        if (grow_array(&s->fold, cap, 1))
            return TP_ENOMEM;
        s->fold_cap = cap;
    }
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
    char buf[64 + LEX_KEY_SLACK];
    if (len > 64)
        return NULL;
    memset(buf, 0, sizeof buf);
    for (size_t keep = 2; keep >= 1; keep--) {
        size_t n = squeeze(word, len, keep, buf);
        uint32_t h = lex_word_hash(buf, n);
        const tp_senti_entry *e =
            lex_may_be_word(lex, h) ? lex_word_entry(lex_find_padded(lex, buf, n, h)) : NULL;
        if (e)
            return e;
    }
    return NULL;
}

/* The general look-up of one item, for what the fast path in build_items()
 * leaves: emoticons (looked up unfolded first: ":D" is not ":d"), non-ASCII
 * text, words over 16 bytes and words near the end of the text. Folds and
 * hashes the item into the fold buffer at `*off`, finds its entry or marks
 * it for resolve(), and sets its flags. */
static void look_up_slow(const tp_senti_lex *lex, const tp_senti_doc *doc, item *x, uint32_t start,
                         uint32_t end, char *fold, size_t *off)
{
    const char *s = doc->text + start;
    size_t len = end - start;
    size_t readable = doc->len - start;
    char *out = fold + *off;
    size_t flen = 0;
    uint32_t h = 0;
    bool stretched = false;
    x->e = NULL;
    if (x->kind == TP_TOK_EMOTICON) {
        flen = lex_fold_hash(s, len, readable, false, out, &h, &stretched);
        if (lex_may_be_word(lex, h))
            x->e = lex_word_entry(lex_find_padded(lex, out, flen, h));
        x->flags |= x->e ? IT_FOUND : 0;
    }
    if (!x->e) {
        flen = lex_fold_hash(s, len, readable, true, out, &h, &stretched);
        if (!(x->flags & IT_NOLOOKUP) && lex_may_be_word(lex, h)) {
            x->flags |= IT_PENDING; /* see resolve() */
            lex_prefetch_slot(lex, h);
        }
        if (stretched && (x->kind == TP_TOK_WORD || x->kind == TP_TOK_HASHTAG))
            x->flags |= IT_STRETCHED;
    } else if (x->e->flags & TP_SENTI_NEGATOR) {
        x->flags |= IT_NEGATOR;
    }
    x->fold_off = (uint32_t)*off;
    x->fold_len = (uint32_t)flen;
    x->hash = h;
    out[flen] = ' '; /* phrase keys are slices of the buffer */
    *off += flen + 1;
    if (x->kind == TP_TOK_WORD && ends_with_nt(out, flen))
        x->flags |= IT_NEGATOR;
    if (!(x->flags & IT_NOLOOKUP) && lex_may_open_phrase(lex, h))
        x->flags |= IT_OPENS;
}

#if defined(__SSE2__) && defined(__x86_64__)
/* 16 bytes of 0xFF then 16 of 0: from `16 - len`, a mask of the first `len`. */
static const unsigned char first_bytes[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};
#endif

/* The fast path's word: a plain ASCII word of `len` (1..16) bytes at `s`,
 * with 16 bytes readable, is lower-cased into `out` (16 bytes written) and
 * hashed as lex_fold_hash() would. `rare` is 0 when the word surely has no
 * letter run of three ("sooo") and no apostrophe, which only a few words
 * have: the rest are checked one by one (rare_flags()). False, with nothing
 * written, when a byte is not ASCII. With SSE2 (every x86-64) the folding
 * and the tests take a few vector operations for all 16 bytes. */
static inline bool fold_word(const char *s, size_t len, char *out, uint32_t *hash, unsigned *rare)
{
#if defined(__SSE2__) && defined(__x86_64__)
    __m128i first = _mm_loadu_si128((const __m128i *)(const void *)(first_bytes + 16 - len));
    __m128i v = _mm_and_si128(_mm_loadu_si128((const __m128i *)(const void *)s), first);
    if (_mm_movemask_epi8(v))
        return false;
    /* 'A'..'Z' move to the bottom of the signed range, where one compare
     * finds them; every byte is below 0x80. */
    __m128i upper = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(0x80 - 'A')),
                                   _mm_set1_epi8((char)(0x80 + 26)));
    v = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)out, v);
    uint64_t x0 = (uint64_t)_mm_cvtsi128_si64(v);
    uint64_t x1 = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
    *hash = lex_hash16(x0, x1, len);
    /* Three equal bytes from a position inside the word, or an apostrophe. */
    __m128i same3 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_srli_si128(v, 1)),
                                  _mm_cmpeq_epi8(v, _mm_srli_si128(v, 2)));
    __m128i apostrophe = _mm_cmpeq_epi8(v, _mm_set1_epi8('\''));
    *rare = (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_and_si128(same3, first), apostrophe));
    return true;
#elif LEX_LITTLE_ENDIAN
    uint64_t x0, x1;
    memcpy(&x0, s, 8);
    memcpy(&x1, s + 8, 8);
    x0 &= lex_low_bytes(len);
    x1 &= lex_low_bytes(len > 8 ? len - 8 : 0);
    if ((x0 | x1) & 0x8080808080808080ull)
        return false;
    x0 = lex_lower8(x0);
    x1 = lex_lower8(x1);
    memcpy(out, &x0, 8);
    memcpy(out + 8, &x1, 8);
    *hash = lex_hash16(x0, x1, len);
    *rare = 1;
    return true;
#else
    (void)s, (void)len, (void)out, (void)hash, (void)rare;
    return false;
#endif
}

static bool has_run3(const char *s, size_t len)
{
    for (size_t i = 0; i + 2 < len; i++)
        if (s[i] == s[i + 1] && s[i] == s[i + 2])
            return true;
    return false;
}

/* The flags of a folded word that fold_word() calls rare. */
static unsigned rare_flags(const char *word, size_t len, unsigned kind)
{
    unsigned flags = 0;
    if ((kind == TP_TOK_WORD || kind == TP_TOK_HASHTAG) && has_run3(word, len))
        flags |= IT_STRETCHED;
    if (kind == TP_TOK_WORD && ends_with_nt(word, len))
        flags |= IT_NEGATOR;
    return flags;
}

/* The items being made by build_items(). */
typedef struct builder {
    item *it;
    char *fold;
    size_t n, off;
} builder;

#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#else
#define HOT_INLINE static inline
#endif

/* Adds the item of `len` (1..16) bytes at `s`, 16 of them readable, when it
 * is plain ASCII (false otherwise, with nothing added): folded and hashed
 * by fold_word(), asked of the filter, flagged for look-up and as a phrase
 * head as the filter says. No branch depends on the filter's answers: they
 * are unpredictable word to word, and a mispredicted branch would wait for
 * the hash and the filter read. */
HOT_INLINE bool add_word(const tp_senti_lex *lex, builder *b, const char *s, size_t len,
                         unsigned kind, unsigned flags)
{
    char *out = b->fold + b->off;
    uint32_t h;
    unsigned rare;
    if (!fold_word(s, len, out, &h, &rare))
        return false;
    out[len] = ' '; /* phrase keys are slices of the buffer */
    _Static_assert(LEX_MAY_OPEN << 4 == IT_OPENS && LEX_MAY_BE_WORD << 4 == IT_PENDING,
                   "filter answers shift to item flags");
    unsigned found = lex_filter_bits(lex, h) & (flags & IT_NOLOOKUP ? 0u : 3u);
    flags |= found << 4;
    if (rare)
        flags |= rare_flags(out, len, kind);
    size_t n = b->n;
    item *x = &b->it[n];
    x->e = NULL;
    x->fold_off = (uint32_t)b->off;
    x->fold_len = (uint32_t)len;
    x->hash = h;
    x->kind = (uint8_t)kind;
    x->flags = (uint8_t)flags;
    b->off += len + 1;
    b->n = n + 1;
    return true;
}

/* Adds the item of bytes [start, stop) by look_up_slow(), first making room
 * for its fold, which may take 4 bytes a byte, and for the fast path's
 * items of the `rest` bytes and tokens after it. */
static int add_slow(const tp_senti_lex *lex, const tp_senti_doc *doc, item_set *s, builder *b,
                    uint32_t start, uint32_t stop, unsigned kind, unsigned flags, size_t rest)
{
    size_t need = b->off + 4 * (size_t)(stop - start) + 1 + rest + 16 + LEX_KEY_SLACK;
    if (need > s->fold_cap) {
        if (reserve_set(s, s->cap, need) != 0)
            return TP_ENOMEM;
        b->fold = s->fold;
    }
    item *x = &b->it[b->n];
    x->kind = (uint8_t)kind;
    x->flags = (uint8_t)flags;
    look_up_slow(lex, doc, x, start, stop, b->fold, &b->off);
    b->n++;
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

/* Whether token t + 1 of a run ending at `end` is a clitic to join to the
 * word ending at `stop`. Most words are followed by a space: one compare. */
static inline bool joins_next(const tp_token *toks, size_t t, size_t end, uint32_t stop)
{
    return t + 1 < end && toks[t + 1].start == stop && toks[t + 1].kind == TP_TOK_WORD &&
           (toks[t + 1].flags & TP_TOKF_CLITIC);
}

/* build_items() for the tokens its loop leaves: punctuation longer than a
 * byte, words with a clitic to join or that are clitics, hashtags, numbers,
 * URLs, emoticons, emoji. Advances `*t` over joined clitics; `*brk`
 * carries IT_BREAK from punctuation to the next item. */
static int add_other(const tp_senti_lex *lex, const tp_senti_doc *doc, item_set *s, builder *b,
                     uint32_t *tok_item, size_t *t, size_t end, unsigned *brk)
{
    const tp_token *toks = doc->toks, *tk = &toks[*t];
    unsigned kind = tk->kind, flags = *brk | token_flags(tk);
    uint32_t start = tk->start, stop = tk->end;
    switch (kind) {
    case TP_TOK_WORD:
        /* Split-off clitics rejoin the word they touch. */
        while (joins_next(toks, *t, end, stop)) {
            ++*t;
            tok_item[*t] = (uint32_t)b->n | CONTINUES;
            stop = toks[*t].end;
            flags |= token_flags(&toks[*t]) & IT_NEGATOR;
        }
        break;
    case TP_TOK_PUNCT:
        *brk |= add_punct(s, *t, (const unsigned char *)doc->text + start, stop - start);
        return 0;
    case TP_TOK_QUOTE:
    case TP_TOK_SYMBOL: return 0;
    case TP_TOK_HASHTAG:
        if (stop - start > 1)
            start++; /* #love is love */
        break;
    case TP_TOK_URL:
    case TP_TOK_EMAIL:
    case TP_TOK_HANDLE:
    case TP_TOK_NUMBER: flags |= IT_NOLOOKUP; break;
    default: break;
    }
    *brk = 0;
    size_t len = stop - start;
    if (len <= 16 && doc->len - start >= 16 && kind != TP_TOK_EMOTICON &&
        add_word(lex, b, doc->text + start, len, kind, flags))
        return 0;
    size_t rest = toks[end - 1].end - stop + (end - *t);
    return add_slow(lex, doc, s, b, start, stop, kind, flags, rest);
}

/* Builds the items of tokens [begin, end) into `s`: joins clitics, marks
 * clause breaks, notes the '!' and '?' marks and which item each token
 * starts, folds and hashes each item and asks the filter about it. Plain
 * words and one-byte marks, nearly all tokens, are done in the loop, the
 * words by add_word() when they are plain ASCII of up to 16 bytes. Table
 * reads and the lists of items are left to resolve(). Returns 0 or
 * TP_ENOMEM. */
static int build_items(const tp_senti_lex *lex, const tp_senti_doc *doc, size_t begin, size_t end,
                       item_set *s)
{
    const char *text = doc->text;
    const tp_token *toks = doc->toks;
    s->n = s->nlook = s->nheads = s->nmarks = 0;
    if (end <= begin)
        return reserve_set(s, 1, 0);
    size_t bytes = toks[end - 1].end - toks[begin].start, ntok = end - begin;
    /* A fast-path item takes its bytes and a space, and 16 bytes are stored
     * at once; keys are compared 16 bytes at a time, so the buffer has that
     * slack. add_slow() makes room for what may expand. */
    if (reserve_set(s, ntok, bytes + ntok + 16 + LEX_KEY_SLACK) != 0)
        return TP_ENOMEM;
    builder b = {s->it, s->fold, 0, 0};
    uint32_t *tok_item = s->tok_item - begin;
    /* Words starting up to here have 16 bytes readable. */
    int64_t readable16 = (int64_t)doc->len - 16;
    const unsigned not_plain = TP_TOKF_CLITIC | TP_TOKF_NEGATION;
    unsigned brk = 0;
    for (size_t t = begin; t < end; t++) {
        const tp_token *tk = &toks[t];
        uint32_t start = tk->start, stop = tk->end;
        tok_item[t] = (uint32_t)b.n;
        if (tk->kind == TP_TOK_PUNCT && stop - start == 1 && (unsigned char)text[start] < 128) {
            unsigned c = punct1[(unsigned char)text[start]]; /* most marks: one table read */
            if (c & (P_EXCLAIM | P_QUESTION))
                add_mark(s, t, (c & P_EXCLAIM) >> 1, c >> 2);
            brk |= c & IT_BREAK;
            continue;
        }
        if (tk->kind != TP_TOK_WORD || (tk->flags & not_plain) || joins_next(toks, t, end, stop)) {
            int rc = add_other(lex, doc, s, &b, tok_item, &t, end, &brk);
            if (rc)
                return rc;
            continue;
        }
        unsigned flags = brk | (tk->flags & TP_TOKF_ALL_CAPS);
        brk = 0;
        size_t len = stop - start;
        if (len <= 16 && (int64_t)start <= readable16 &&
            add_word(lex, &b, text + start, len, TP_TOK_WORD, flags))
            continue;
        size_t rest = toks[end - 1].end - stop + (end - t);
        int rc = add_slow(lex, doc, s, &b, start, stop, TP_TOK_WORD, flags, rest);
        if (rc)
            return rc;
    }
    tok_item[end] = (uint32_t)b.n;
    s->n = b.n;
    return 0;
}

/* Whether items head and head + 1 of `s` are a known key, phrase or the
 * opening of one: the first step of phrase_at(), which no range changes. */
static bool opens_phrase(const tp_senti_lex *lex, const item_set *s, size_t head)
{
    const item *x = &s->it[head], *next = x + 1;
    if (lex->max_words < 2 || head + 1 >= s->n || (next->flags & IT_BREAK))
        return false;
    uint32_t h = lex_hash_combine(x->hash, next->hash);
    size_t len = next->fold_off + next->fold_len - x->fold_off;
    return lex_may_open_phrase(lex, h) && lex_find_padded(lex, s->fold + x->fold_off, len, h);
}

/* Finishes the deferred look-ups once the whole run is hashed, so that the
 * table reads overlap, and lists in `look` the items with an entry and in
 * `heads` the phrase heads whose first two words a phrase may start with:
 * most heads ("the", "in") lead nowhere, and this is done once for all the
 * ranges of a document. */
static void resolve(const tp_senti_lex *lex, item_set *s)
{
    size_t nlook = 0, nheads = 0;
    for (size_t i = 0; i < s->n; i++) {
        item *x = &s->it[i];
        if (!(x->flags & (IT_PENDING | IT_STRETCHED | IT_FOUND | IT_OPENS)))
            continue; /* most words */
        if (x->flags & (IT_PENDING | IT_STRETCHED)) {
            const char *key = s->fold + x->fold_off;
            if (x->flags & IT_PENDING)
                x->e = lex_word_entry(lex_find_padded(lex, key, x->fold_len, x->hash));
            if (!x->e && (x->flags & IT_STRETCHED))
                x->e = find_stretched(lex, key, x->fold_len);
        }
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
    const char *fold;
} view;

/* The entries of the sorted list `a` (`n` long) in [lo, hi): returns the
 * first and sets `*to` past the last. Ranges come mostly in order (the
 * sentences, then the quotes), so the search walks on from `*hint`, where
 * the last one ended, unless the range lies before it. */
static size_t sublist(const uint32_t *a, size_t n, uint32_t lo, uint32_t hi, size_t *hint,
                      size_t *to)
{
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
    *v =
        (view){all->it + a, b - a, all->look + k0, all->heads + h0, k1 - k0, h1 - h0, a, all->fold};
    return true;
}

static view whole(const item_set *s)
{
    return (view){s->it, s->n, s->look, s->heads, s->nlook, s->nheads, 0, s->fold};
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
    uint32_t h = it[head].hash;
    /* The folds of consecutive items lie in the buffer one space apart, so
     * the key of items head..j is a slice of it. */
    const char *key = v->fold + it[head].fold_off;
    for (size_t m = 2; m <= maxw && head + m - 1 < v->n; m++) {
        const item *next = &it[head + m - 1];
        if (next->flags & IT_BREAK)
            break;
        /* Most heads ("the", "in") lead nowhere: the filter says so from the
         * extended hash before any table access. */
        h = lex_hash_combine(h, next->hash);
        if (!lex_may_open_phrase(lex, h))
            break;
        size_t kl = next->fold_off + next->fold_len - it[head].fold_off;
        const tp_senti_entry *e = lex_find_padded(lex, key, kl, h);
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
static int prepare(const tp_senti_lex *lex, tp_senti_doc *doc, struct tp_senti_work *w)
{
    w->doc = NULL;
    doc->prepared = NULL;
    if (build_items(lex, doc, 0, doc->count, &w->all) != 0)
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
        if (build_items(lex, doc, begin, end, &w->part) != 0)
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
