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
    uint32_t fold_off; /* normalised form in scratch->fold */
    uint32_t fold_len;
    uint32_t hash; /* of the normalised form */
    uint8_t kind;  /* tp_token_kind of the first token */
    uint8_t flags;
} item;

enum {
    IT_CAPS = 1u << 0,      /* written in capitals */
    IT_BREAK = 1u << 1,     /* punctuation before it ends the previous clause */
    IT_NEGATOR = 1u << 2,   /* a negator by the lexicon or by the n't clitic */
    IT_NOLOOKUP = 1u << 3,  /* URL, e-mail, handle, number: counted, never looked up */
    IT_OPENS = 1u << 4,     /* may open a phrase */
    IT_PENDING = 1u << 5,   /* passed the filter: table look-up deferred */
    IT_STRETCHED = 1u << 6, /* has a letter run of three or more */
};
_Static_assert(TP_TOKF_ALL_CAPS >> 1 == IT_CAPS && TP_TOKF_NEGATION >> 7 == IT_NEGATOR,
               "build_items() maps token flags to item flags by shifts");

void tp_senti_scratch_free(tp_senti_scratch *sc)
{
    free(sc->items);
    free(sc->lists);
    free(sc->fold);
    memset(sc, 0, sizeof *sc);
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
enum { P_EXCLAIM = 1u, P_QUESTION = 4u };
_Static_assert(IT_BREAK == 2u, "punct1 holds IT_BREAK beside P_EXCLAIM and P_QUESTION");
static const unsigned char punct1[128] = {
    [','] = IT_BREAK, [';'] = IT_BREAK, [':'] = IT_BREAK, ['('] = IT_BREAK, [')'] = IT_BREAK,
    ['['] = IT_BREAK, [']'] = IT_BREAK, ['{'] = IT_BREAK, ['}'] = IT_BREAK, ['.'] = IT_BREAK,
    ['!'] = P_EXCLAIM, ['?'] = P_QUESTION,
};

/* Room for `ntok` items and their lists, and `fold` bytes of folded text. */
static int reserve(tp_senti_scratch *sc, size_t ntok, size_t fold)
{
    if (ntok > sc->items_cap) {
        size_t cap = sc->items_cap ? sc->items_cap : 64;
        while (cap < ntok)
            cap *= 2;
        void *p = realloc(sc->items, cap * sizeof(item));
        if (!p)
            return TP_ENOMEM;
        sc->items = p;
        /* The look-up, phrase-head and candidate lists (indexes) and the
         * base and final valences (floats): five arrays of `cap`. */
        p = realloc(sc->lists, cap * 5 * sizeof(uint32_t));
        if (!p)
            return TP_ENOMEM;
        sc->lists = p;
        sc->items_cap = cap;
    }
    if (fold > sc->fold_cap) {
        size_t cap = sc->fold_cap ? sc->fold_cap : 1024;
        while (cap < fold)
            cap *= 2;
        char *p = realloc(sc->fold, cap);
        if (!p)
            return TP_ENOMEM;
        sc->fold = p;
        sc->fold_cap = cap;
    }
    return 0;
}

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

/* Whether token `t` is a split-off clitic touching a word that ends at
 * `stop` ("do" + "n't"); evaluated without branches, as most words are
 * followed by punctuation or a space in no predictable order. */
static inline bool joins(const tp_token *t, uint32_t stop)
{
    return (t->start == stop) & (t->kind == TP_TOK_WORD) & ((t->flags & TP_TOKF_CLITIC) != 0);
}

/* The lists build_items() makes beside the items, in item order. */
typedef struct lists {
    uint32_t *look;  /* items that may have an entry: pending, stretched or found */
    size_t nlook;
    uint32_t *heads; /* items that may open a phrase */
    size_t nheads;
} lists;

#if defined(__SSE2__) && defined(__x86_64__)
/* 16 bytes of 0xFF then 16 of 0: from `16 - len`, a mask of the first `len`. */
static const unsigned char first_bytes[32] = {
    0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF,
};
#endif

/* The fast path's word: a plain ASCII word of `len` (1..16) bytes at `s`,
 * with 16 bytes readable, is lower-cased into `out` (16 bytes written) and
 * hashed as lex_fold_hash() would; `run3` tells whether a letter repeats
 * three times ("sooo"), `nt` whether it ends in "n't". False, with nothing
 * written, when a byte is not ASCII. With SSE2 (every x86-64) the folding
 * and the letter tests take a few vector operations for all 16 bytes. */
static inline bool fold_word(const char *s, size_t len, char *out, uint32_t *hash, unsigned *run3,
                             unsigned *nt)
{
#if defined(__SSE2__) && defined(__x86_64__)
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    v = _mm_and_si128(v, _mm_loadu_si128((const __m128i *)(const void *)(first_bytes + 16 - len)));
    if (_mm_movemask_epi8(v))
        return false;
    /* Signed byte compares are right: every byte is below 0x80. */
    __m128i upper = _mm_and_si128(_mm_cmpgt_epi8(v, _mm_set1_epi8('A' - 1)),
                                  _mm_cmplt_epi8(v, _mm_set1_epi8('Z' + 1)));
    v = _mm_or_si128(v, _mm_and_si128(upper, _mm_set1_epi8(0x20)));
    _mm_storeu_si128((__m128i *)(void *)out, v);
    uint64_t x0 = (uint64_t)_mm_cvtsi128_si64(v);
    uint64_t x1 = (uint64_t)_mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
    *hash = lex_hash16(x0, x1, len);
    __m128i same3 = _mm_and_si128(_mm_cmpeq_epi8(v, _mm_srli_si128(v, 1)),
                                  _mm_cmpeq_epi8(v, _mm_srli_si128(v, 2)));
    /* Runs may start at positions 0 .. len - 3. */
    *run3 = ((unsigned)_mm_movemask_epi8(same3) & (((1u << len) - 1) >> 2)) != 0;
    /* An apostrophe is rare; only then look for "n't". */
    *nt = 0;
    if (_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('\''))))
        *nt = ends_with_nt(out, len);
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
    *run3 = lex_run3_nb(x0, x1, len);
    *nt = ends_with_nt(out, len);
    return true;
#else
    (void)s, (void)len, (void)out, (void)hash, (void)run3, (void)nt;
    return false;
#endif
}

/* Builds the items of tokens [begin, end): joins clitics, counts '!' and
 * '?', marks clause breaks, folds and hashes each item, asks the filter
 * about it and lists the items that may have an entry and those that may
 * open a phrase. A plain ASCII word of at most 16 bytes (nearly all of
 * them) is done by fold_word() and the code after it, which has no branch
 * on the filter's answers, whether the word is stretched and the like:
 * those are unpredictable word to word, and a mispredicted branch would
 * wait for the hash and the filter read. The rest goes through
 * look_up_slow(). Table reads are left to resolve(). Returns the number of
 * items. */
static size_t build_items(const tp_senti_lex *lex, const tp_senti_doc *doc, size_t begin,
                          size_t end, item *it, char *fold, lists *ls, unsigned *exclaim,
                          unsigned *question)
{
    const char *text = doc->text;
    const tp_token *toks = doc->toks;
    const uint64_t *filter = lex->filter;
    uint32_t *look = ls->look, *heads = ls->heads;
    size_t n = 0, off = 0, nlook = 0, nheads = 0;
    unsigned brk = 0;
    for (size_t t = begin; t < end; t++) {
        const tp_token *tk = &toks[t];
        unsigned kind = tk->kind;
        uint32_t start = tk->start, stop = tk->end;
        unsigned flags = brk;
        if (kind == TP_TOK_WORD) {
            /* Split-off clitics rejoin the word they touch. */
            while (t + 1 < end && joins(&toks[t + 1], stop)) {
                t++;
                stop = toks[t].end;
                if (toks[t].flags & TP_TOKF_NEGATION)
                    flags |= IT_NEGATOR;
            }
        } else {
            switch (kind) {
            case TP_TOK_PUNCT: {
                const unsigned char *s = (const unsigned char *)text + start;
                size_t len = stop - start;
                if (len == 1 && s[0] < 128) { /* most marks: one table read */
                    unsigned c = punct1[s[0]];
                    *exclaim += c & P_EXCLAIM;
                    *question += c >> 2;
                    brk |= c & IT_BREAK;
                    continue;
                }
                for (size_t k = 0; k < len; k++) {
                    *exclaim += s[k] == '!';
                    *question += s[k] == '?';
                }
                brk |= is_clause_break((const char *)s, len) ? IT_BREAK : 0;
                continue;
            }
            case TP_TOK_QUOTE:
            case TP_TOK_SYMBOL: continue;
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
        }
        brk = 0;
        /* TP_TOKF_ALL_CAPS (bit 1) to IT_CAPS (bit 0), TP_TOKF_NEGATION (bit
         * 9) to IT_NEGATOR (bit 2), without branches. */
        flags |= ((tk->flags >> 1) & IT_CAPS) | ((tk->flags >> 7) & IT_NEGATOR);
        item *x = &it[n];
        size_t len = stop - start;
        char *out = fold + off;
        uint32_t h;
        unsigned run3, nt;
        if (len <= 16 && doc->len - start >= 16 && kind != TP_TOK_EMOTICON &&
            fold_word(text + start, len, out, &h, &run3, &nt)) {
            out[len] = ' '; /* phrase keys are slices of the buffer */
            uint64_t block = filter[lex_filter_block(h)];
            uint32_t m = h * 0x9E3779B1u; /* the bits of lex_word_mask(), lex_phrase_mask() */
            unsigned lookup = !(flags & IT_NOLOOKUP);
            unsigned pending = (unsigned)(block >> (m >> 26) & block >> ((m >> 20) & 63)) & lookup;
            unsigned opens =
                (unsigned)(block >> ((m >> 14) & 63) & block >> ((m >> 8) & 63)) & lookup;
            unsigned word = kind == TP_TOK_WORD;
            unsigned stretched = (word | (kind == TP_TOK_HASHTAG)) & run3;
            flags |= pending * IT_PENDING | opens * IT_OPENS | stretched * IT_STRETCHED |
                     (word & nt) * IT_NEGATOR;
            heads[nheads] = (uint32_t)n;
            nheads += opens;
            look[nlook] = (uint32_t)n;
            nlook += pending | stretched;
            x->e = NULL;
            x->fold_off = (uint32_t)off;
            x->fold_len = (uint32_t)len;
            x->hash = h;
            x->kind = (uint8_t)kind;
            x->flags = (uint8_t)flags;
            off += len + 1;
            n++;
            continue;
        }
        x->kind = (uint8_t)kind;
        x->flags = (uint8_t)flags;
        look_up_slow(lex, doc, x, start, stop, fold, &off);
        if (x->e || (x->flags & (IT_PENDING | IT_STRETCHED)))
            look[nlook++] = (uint32_t)n;
        if (x->flags & IT_OPENS)
            heads[nheads++] = (uint32_t)n;
        n++;
    }
    ls->nlook = nlook;
    ls->nheads = nheads;
    return n;
}

/* Finishes the deferred look-ups once the whole piece is hashed, so that
 * the table reads (prefetched by build_items) overlap. */
static void resolve(const tp_senti_lex *lex, const char *fold, item *it, const lists *ls)
{
    for (size_t k = 0; k < ls->nlook; k++) {
        item *x = &it[ls->look[k]];
        const char *key = fold + x->fold_off;
        if (x->flags & IT_PENDING)
            x->e = lex_word_entry(lex_find_padded(lex, key, x->fold_len, x->hash));
        if (!x->e && (x->flags & IT_STRETCHED))
            x->e = find_stretched(lex, key, x->fold_len);
        if (x->e && (x->e->flags & TP_SENTI_NEGATOR))
            x->flags |= IT_NEGATOR;
    }
}

/* Replaces the longest known phrase starting at each phrase head with one
 * item. The key grows a word at a time and stops as soon as it is neither a
 * phrase nor the opening of one. Phrases stay inside a clause. Returns the
 * new item count; when it changed, the look-up list is rebuilt to hold
 * every item with an entry. */
static size_t match_phrases(const tp_senti_lex *lex, const char *fold, item *it, size_t n,
                            lists *ls)
{
    size_t w = 0, i = 0; /* items [0, i) are done and moved to [0, w) */
    size_t maxw = lex->max_words;
    for (size_t hd = 0; hd < ls->nheads; hd++) {
        size_t head = ls->heads[hd];
        if (head < i)
            continue; /* inside a phrase already matched */
        size_t take = 1;
        const tp_senti_entry *pe = NULL;
        uint32_t h = it[head].hash;
        /* The folds of consecutive items lie in the buffer one space apart,
         * so the key of items head..j is a slice of it. */
        const char *key = fold + it[head].fold_off;
        for (size_t m = 2; m <= maxw && head + m - 1 < n; m++) {
            const item *next = &it[head + m - 1];
            if (next->flags & IT_BREAK)
                break;
            /* Most heads ("the", "in") lead nowhere: the filter says so from
             * the extended hash before any table access. */
            h = lex_hash_combine(h, next->hash);
            if (!lex_may_open_phrase(lex, h))
                break;
            size_t kl = next->fold_off + next->fold_len - it[head].fold_off;
            const tp_senti_entry *e = lex_find_padded(lex, key, kl, h);
            if (!e)
                break;
            if ((e->flags & TP_SENTI_PHRASE) && e->words == m) {
                pe = e;
                take = m;
            }
            if (!(e->flags & TP_SENTI_PHRASE_PREFIX))
                break;
        }
        if (!pe)
            continue;
        /* Items move down only once a phrase has been merged. */
        if (w != i)
            memmove(&it[w], &it[i], (head - i) * sizeof *it);
        w += head - i;
        item merged = it[head];
        merged.e = pe;
        /* A phrase is a negator only when listed as one ("no doubt" is not). */
        merged.flags &= (uint8_t)~IT_NEGATOR;
        if (pe->flags & TP_SENTI_NEGATOR)
            merged.flags |= IT_NEGATOR;
        it[w++] = merged;
        i = head + take;
    }
    if (i == 0)
        return n; /* nothing merged */
    if (w != i)
        memmove(&it[w], &it[i], (n - i) * sizeof *it);
    w += n - i;
    ls->nlook = 0;
    for (size_t k = 0; k < w; k++)
        if (it[k].e)
            ls->look[ls->nlook++] = (uint32_t)k;
    return w;
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

int tp_senti_score(const tp_senti_lex *lex, tp_senti_doc *doc, size_t begin, size_t end,
                   tp_senti_scratch *sc, tp_senti_piece *out)
{
    const tp_token *toks = doc->toks;
    memset(out, 0, sizeof *out);
    if (end <= begin)
        return 0;
    size_t bytes = toks[end - 1].end - toks[begin].start;
    /* Folds take up to 4 bytes a byte plus a space an item; keys are compared
     * 16 bytes at a time, so the buffer has that slack. */
    size_t ntok = end - begin;
    if (reserve(sc, ntok, 4 * bytes + ntok + 4 + LEX_KEY_SLACK) != 0)
        return TP_ENOMEM;
    item *it = sc->items;
    size_t cap = sc->items_cap;
    lists ls = {.look = sc->lists, .heads = sc->lists + cap};
    uint32_t *cand = sc->lists + 2 * cap;
    float *base = (float *)(sc->lists + 3 * cap); /* by item; set for items with an entry */
    float *val = (float *)(sc->lists + 4 * cap);  /* by candidate */
    unsigned exclaim = 0, question = 0;
    size_t n = build_items(lex, doc, begin, end, it, sc->fold, &ls, &exclaim, &question);
    resolve(lex, sc->fold, it, &ls);
    if (ls.nheads)
        n = match_phrases(lex, sc->fold, it, n, &ls);

    /* Over the items with an entry (the look-up list, in order): the first
     * "but", base valences, and the few items that carry one. A booster or
     * negator with a valence of its own ("super", "no") is a modifier when a
     * sentiment word follows in its window, else a word. */
    size_t contrast = n, nc = 0;
    for (size_t k = 0; k < ls.nlook; k++) {
        size_t i = ls.look[k];
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
        float v = base[i];
        if ((x->flags & IT_CAPS) && caps_on(doc))
            v = emphasise(v, (float)TP_SENTI_CAPS);
        /* Emoticons and emoji stand outside the syntax: "no cheque :(" is
         * not a negated frown. */
        if (is_pictogram(x)) {
            val[c] = v;
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
                if (v < 0)
                    s = -s;
                v += s * damp[d];
            }
            if (m->flags & IT_NEGATOR) {
                const item *after = &it[i - d + 1];
                bool never_so = m->e && (m->e->flags & TP_SENTI_NEVER) && d >= 2 && after->e &&
                                (after->e->flags & TP_SENTI_SO_THIS);
                v *= never_so ? (float)TP_SENTI_NEVER_SO : (float)TP_SENTI_NEGATE;
            }
        }
        if (i >= 1 && !(x->flags & IT_BREAK) && !is_contrast(&it[i - 1]) && it[i - 1].e &&
            (it[i - 1].e->flags & TP_SENTI_LEAST))
            v *= (float)TP_SENTI_NEGATE;
        val[c] = v;
    }

    double sum = 0, pos = 0, neg = 0, neutral = (double)n;
    for (size_t c = 0; c < nc; c++) {
        size_t i = cand[c];
        double v = val[c];
        if (contrast < n && i != contrast)
            v *= i < contrast ? TP_SENTI_BUT_BEFORE : TP_SENTI_BUT_AFTER;
        sum += v;
        if (v > 0) {
            pos += v + 1;
            neutral -= 1;
        } else if (v < 0) {
            neg += v - 1;
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
