/* rules.c - the VADER-style valence rules over one piece of tokenised text. */
#include "rules.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon_table.h"

/* One scored unit: a word (with its split-off clitics joined back, so that
 * "do" + "n't" is the one word "don't" as a reader sees it), an emoticon, an
 * emoji, or a phrase of several words once phrases are matched. */
typedef struct item {
    uint32_t start, end; /* bytes in the text */
    uint32_t fold_off;   /* normalised form in scratch->fold */
    uint32_t fold_len;
    uint32_t clause; /* index of the first item of its clause */
    uint32_t hash;   /* of the normalised form */
    const tp_senti_entry *e;
    float base, val;
    uint8_t kind; /* tp_token_kind of the first token */
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

void tp_senti_scratch_free(tp_senti_scratch *sc)
{
    free(sc->items);
    free(sc->cand);
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
    if (len == 1)
        return strchr(",;:()[]{}.", s[0]) != NULL;
    return (len == 3 && (memcmp(s, "\xE2\x80\x94", 3) == 0 || /* em dash */
                         memcmp(s, "\xE2\x80\x93", 3) == 0 || /* en dash */
                         memcmp(s, "\xE2\x80\xA6", 3) == 0 || memcmp(s, "...", 3) == 0)) ||
           (len > 1 && s[0] == '.');
}

static int reserve(tp_senti_scratch *sc, size_t items, size_t fold)
{
    if (items > sc->items_cap) {
        size_t cap = sc->items_cap ? sc->items_cap : 64;
        while (cap < items)
            cap *= 2;
        void *p = realloc(sc->items, cap * sizeof(item));
        if (!p)
            return TP_ENOMEM;
        sc->items = p;
        sc->items_cap = cap;
        p = realloc(sc->cand, cap * sizeof(uint32_t));
        if (!p)
            return TP_ENOMEM;
        sc->cand = p;
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
        const tp_senti_entry *e = lex_may_be_word(lex, h) ? lex_find_padded(lex, buf, n, h) : NULL;
        if (e)
            return e;
    }
    return NULL;
}

/* Folds and hashes the item into the fold buffer and finds its entry, or
 * marks it for resolve() when only the table can tell; returns whether it
 * may open a phrase. */
static bool look_up(const tp_senti_lex *lex, const tp_senti_doc *doc, item *x, char *fold,
                    size_t *off)
{
    const char *s = doc->text + x->start;
    size_t len = x->end - x->start;
    size_t readable = doc->len - x->start;
    char *out = fold + *off;
    size_t flen;
    uint32_t h;
    bool stretched;
    x->e = NULL;
    if (x->kind == TP_TOK_EMOTICON) {
        flen = lex_fold_hash(s, len, readable, false, out, &h, &stretched);
        if (lex_may_be_word(lex, h))
            x->e = lex_find_padded(lex, out, flen, h);
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
    if (x->kind == TP_TOK_WORD && flen >= 3 && out[flen - 1] == 't' && ends_with_nt(out, flen))
        x->flags |= IT_NEGATOR;
    if (!(x->flags & IT_NOLOOKUP) && lex_may_open_phrase(lex, h)) {
        x->flags |= IT_OPENS;
        return true;
    }
    return false;
}

/* Finishes the deferred look-ups of the sentence's words in two sweeps, so
 * that the reads of the table overlap (see lex_candidate). `cand` has room
 * for `n` numbers. */
static void resolve(const tp_senti_lex *lex, const char *fold, item *it, size_t n, uint32_t *cand)
{
    for (size_t i = 0; i < n; i++)
        if (it[i].flags & IT_PENDING)
            cand[i] = lex_candidate(lex, it[i].fold_len, it[i].hash);
    for (size_t i = 0; i < n; i++) {
        item *x = &it[i];
        if (!(x->flags & (IT_PENDING | IT_STRETCHED)))
            continue;
        const char *key = fold + x->fold_off;
        if (x->flags & IT_PENDING)
            x->e = lex_candidate_entry(lex, cand[i], key, x->fold_len, x->hash);
        if (!x->e && (x->flags & IT_STRETCHED))
            x->e = find_stretched(lex, key, x->fold_len);
        if (x->e && (x->e->flags & TP_SENTI_NEGATOR))
            x->flags |= IT_NEGATOR;
    }
}

/* Builds the items of tokens [begin, end) and looks each up once it is
 * complete: joins clitics, counts '!' and '?', marks clause breaks. Returns
 * the number of items; `heads` tells whether any may start a phrase. */
static size_t build_items(const tp_senti_lex *lex, const tp_senti_doc *doc, size_t begin,
                          size_t end, item *it, char *fold, unsigned *exclaim, unsigned *question,
                          bool *heads)
{
    const char *text = doc->text;
    const tp_token *toks = doc->toks;
    size_t n = 0, off = 0;
    bool brk = false, open = false, head = false;
    for (size_t t = begin; t < end; t++) {
        const tp_token *tk = &toks[t];
        const char *s = text + tk->start;
        size_t len = tk->end - tk->start;
        switch (tk->kind) {
        case TP_TOK_PUNCT:
            for (size_t k = 0; k < len; k++) {
                *exclaim += s[k] == '!';
                *question += s[k] == '?';
            }
            brk |= is_clause_break(s, len);
            continue;
        case TP_TOK_QUOTE:
        case TP_TOK_SYMBOL: continue;
        case TP_TOK_WORD:
            if ((tk->flags & TP_TOKF_CLITIC) && open && it[n - 1].end == tk->start &&
                it[n - 1].kind == TP_TOK_WORD) {
                it[n - 1].end = tk->end;
                if (tk->flags & TP_TOKF_NEGATION)
                    it[n - 1].flags |= IT_NEGATOR;
                continue;
            }
            break;
        default: break;
        }
        if (open)
            head |= look_up(lex, doc, &it[n - 1], fold, &off);
        open = true;
        item *x = &it[n++];
        *x = (item){.start = tk->start, .end = tk->end, .kind = tk->kind};
        if (tk->kind == TP_TOK_HASHTAG && len > 1)
            x->start++; /* #love is love */
        if (tk->kind == TP_TOK_URL || tk->kind == TP_TOK_EMAIL || tk->kind == TP_TOK_HANDLE ||
            tk->kind == TP_TOK_NUMBER)
            x->flags |= IT_NOLOOKUP;
        if (tk->flags & TP_TOKF_ALL_CAPS)
            x->flags |= IT_CAPS;
        if (tk->flags & TP_TOKF_NEGATION)
            x->flags |= IT_NEGATOR;
        if (brk)
            x->flags |= IT_BREAK;
        brk = false;
    }
    if (open)
        head |= look_up(lex, doc, &it[n - 1], fold, &off);
    *heads = head;
    return n;
}

/* Replaces the longest known phrase starting at each phrase head with one
 * item. The key grows a word at a time and stops as soon as it is neither a
 * phrase nor the opening of one. Phrases stay inside a clause. Returns the
 * new item count. */
static size_t match_phrases(const tp_senti_lex *lex, const char *fold, item *it, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n;) {
        size_t take = 1;
        const tp_senti_entry *pe = NULL;
        if (it[i].flags & IT_OPENS) {
            size_t maxw = lex->max_words;
            uint32_t h = it[i].hash;
            /* The folds of consecutive items lie in the buffer one space
             * apart, so the key of items i..j is a slice of it. */
            const char *key = fold + it[i].fold_off;
            for (size_t m = 2; m <= maxw && i + m - 1 < n; m++) {
                const item *next = &it[i + m - 1];
                if (next->flags & IT_BREAK)
                    break;
                /* Most heads ("the", "in") lead nowhere: the filter says so
                 * from the extended hash before any table access. */
                h = lex_hash_combine(h, next->hash);
                if (!lex_may_open_phrase(lex, h))
                    break;
                size_t kl = next->fold_off + next->fold_len - it[i].fold_off;
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
        }
        if (pe) {
            item merged = it[i];
            merged.e = pe;
            merged.end = it[i + take - 1].end;
            /* A phrase is a negator only when listed as one ("no doubt" is not). */
            merged.flags &= (uint8_t)~IT_NEGATOR;
            if (pe->flags & TP_SENTI_NEGATOR)
                merged.flags |= IT_NEGATOR;
            it[w] = merged;
        } else if (w != i) {
            it[w] = it[i]; /* items move down only after a first merge */
        }
        w++;
        i += take;
    }
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
    unsigned exclaim = 0, question = 0;
    bool heads;
    size_t n = build_items(lex, doc, begin, end, it, sc->fold, &exclaim, &question, &heads);
    resolve(lex, sc->fold, it, n, sc->cand);
    if (heads)
        n = match_phrases(lex, sc->fold, it, n);

    /* One pass: clauses (punctuation starts one, and so does the word after
     * "but"), base valences, and the few items that carry one. A booster or
     * negator with a valence of its own ("super", "no") is a modifier when a
     * sentiment word follows in its window, else a word. */
    uint32_t *cand = sc->cand;
    size_t contrast = n, nc = 0;
    for (size_t i = 0, clause = 0; i < n; i++) {
        item *x = &it[i];
        if (x->flags & IT_BREAK)
            clause = i;
        x->clause = (uint32_t)clause;
        const tp_senti_entry *e = x->e;
        if (!e)
            continue;
        if (e->flags & TP_SENTI_CONTRAST) {
            clause = i + 1;
            if (contrast == n)
                contrast = i;
        }
        if (!(e->flags & TP_SENTI_VALENCE) || e->valence == 0)
            continue;
        x->base = e->valence;
        if (!plain_valence(x)) {
            for (size_t k = i + 1; k <= i + 3 && k < n && !(it[k].flags & IT_BREAK); k++) {
                if (plain_valence(&it[k])) {
                    x->base = 0;
                    break;
                }
                if (it[k].e && (it[k].e->flags & TP_SENTI_CONTRAST))
                    break;
            }
        }
        if (x->base != 0)
            cand[nc++] = (uint32_t)i;
    }

    static const float damp[4] = {0, 1.0f, 0.95f, 0.9f};
    for (size_t c = 0; c < nc; c++) {
        size_t i = cand[c];
        item *x = &it[i];
        float v = x->base;
        if ((x->flags & IT_CAPS) && caps_on(doc))
            v = emphasise(v, (float)TP_SENTI_CAPS);
        /* Emoticons and emoji stand outside the syntax: "no cheque :(" is
         * not a negated frown. */
        if (is_pictogram(x)) {
            x->val = v;
            continue;
        }
        for (size_t d = 1; d <= 3 && d <= i && i - d >= x->clause; d++) {
            const item *m = &it[i - d];
            /* A modifier reaches only the first sentiment word after it:
             * in "don't care, don't care" each care is negated once. */
            if (plain_valence(m) || is_pictogram(m))
                break;
            if (m->e && (m->e->flags & TP_SENTI_MODIFIER) && m->base == 0) {
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
        if (i >= 1 && i - 1 >= x->clause && it[i - 1].e && (it[i - 1].e->flags & TP_SENTI_LEAST))
            v *= (float)TP_SENTI_NEGATE;
        x->val = v;
    }

    double sum = 0, pos = 0, neg = 0, neutral = (double)n;
    for (size_t c = 0; c < nc; c++) {
        size_t i = cand[c];
        double v = it[i].val;
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
