/* lexicon.c - word lists parsed once into an open-addressing hash table. */
#include "lexicon.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>
#include <utf8proc.h>

/* Lower-cases `word` into `out` (QLEX_WORD_MAX bytes). Returns the length, or
 * 0 when it does not fit: such long tokens are never list words. */
static size_t lower(const char *word, size_t len, char *out)
{
    if (len >= QLEX_WORD_MAX)
        return 0;
    size_t n = 0;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)word[i];
        if (c < 0x80) {
            if (n + 1 >= QLEX_WORD_MAX)
                return 0;
            out[n++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
            i++;
            continue;
        }
        utf8proc_int32_t cp;
        utf8proc_ssize_t k =
            utf8proc_iterate((const utf8proc_uint8_t *)word + i, (utf8proc_ssize_t)(len - i), &cp);
        if (k <= 0)
            return 0;
        utf8proc_uint8_t buf[4];
        utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), buf);
        if (n + (size_t)m >= QLEX_WORD_MAX)
            return 0;
        memcpy(out + n, buf, (size_t)m);
        n += (size_t)m;
        i += (size_t)k;
    }
    out[n] = '\0';
    return n;
}

/* Chunk `k` of a zero-padded buffer. */
static uint64_t chunk_of(const char *buf, size_t k)
{
    uint64_t x;
    memcpy(&x, buf + 8 * k, 8);
    return x;
}

static size_t nchunks(size_t len)
{
    return (len + 7) / 8;
}

/* Hash of a lower-cased word held zero-padded in `buf`. */
static uint64_t hash_buf(const char *buf, size_t len)
{
    uint64_t h = qlex_start(len);
    for (size_t k = 0; k < nchunks(len); k++)
        h = qlex_mix(h, chunk_of(buf, k));
    return h;
}

int qlex_init(qlex *lex)
{
    memset(lex, 0, sizeof *lex);
    lex->cap = 1024;
    lex->slots = calloc(lex->cap, sizeof *lex->slots);
    lex->next_id = 1;
    return lex->slots ? 0 : TP_ENOMEM;
}

void qlex_free(qlex *lex)
{
    free(lex->slots);
    free(lex->pool);
    lex->slots = NULL;
    lex->pool = NULL;
}

/* Whether entry `e` holds the word in `buf` (lower-cased, zero-padded). */
static bool same_word(const qlex *lex, const qlex_entry *e, const char *buf, size_t len)
{
    return e->len == len && memcmp(lex->pool + e->off, buf, 8 * nchunks(len)) == 0;
}

static qlex_entry *slot_for(const qlex *lex, qlex_entry *slots, size_t cap, uint64_t h,
                            const char *buf, size_t len)
{
    size_t i = (size_t)(h >> 32) & (cap - 1);
    while (slots[i].len && !same_word(lex, &slots[i], buf, len))
        i = (i + 1) & (cap - 1);
    return &slots[i];
}

static int grow(qlex *lex)
{
    size_t cap = lex->cap * 2;
    qlex_entry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return TP_ENOMEM;
    for (size_t i = 0; i < lex->cap; i++) {
        const qlex_entry *e = &lex->slots[i];
        if (!e->len)
            continue;
        const char *w = lex->pool + e->off;
        *slot_for(lex, slots, cap, hash_buf(w, e->len), w, e->len) = *e;
    }
    free(lex->slots);
    lex->slots = slots;
    lex->cap = cap;
    return 0;
}

/* Appends a zero-padded word to the pool; its offset in *off. */
static int pool_add(qlex *lex, const char *buf, size_t len, uint32_t *off)
{
    size_t need = lex->pool_len + 8 * nchunks(len);
    if (need > lex->pool_cap) {
        size_t cap = lex->pool_cap ? lex->pool_cap * 2 : 4096;
        while (cap < need)
            cap *= 2;
        char *pool = realloc(lex->pool, cap);
        if (!pool)
            return TP_ENOMEM;
        lex->pool = pool;
        lex->pool_cap = cap;
    }
    memcpy(lex->pool + lex->pool_len, buf, 8 * nchunks(len));
    *off = (uint32_t)lex->pool_len;
    lex->pool_len = need;
    return 0;
}

int qlex_add(qlex *lex, const char *word, size_t len, uint32_t flags, uint16_t id)
{
    char w[QLEX_WORD_MAX + 8] = {0};
    size_t n = lower(word, len, w);
    if (n == 0)
        return 0;
    if ((lex->count + 1) * 2 > lex->cap && grow(lex) != 0)
        return TP_ENOMEM;
    uint64_t h = hash_buf(w, n);
    qlex_entry *e = slot_for(lex, lex->slots, lex->cap, h, w, n);
    if (!e->len) {
        if (pool_add(lex, w, n, &e->off) != 0)
            return TP_ENOMEM;
        e->len = (uint16_t)n;
        e->head = chunk_of(w, 0);
        lex->count++;
        uint32_t bit = (uint32_t)(h >> 48) & (QLEX_FILTER_BITS - 1);
        lex->filter[bit / 64] |= 1ull << (bit % 64);
        if (n > lex->max_len)
            lex->max_len = n;
    }
    e->flags |= flags;
    if (!e->id)
        e->id = id;
    return 0;
}

/* Bytes [8k, 8k+8) of `word` (`len` bytes, `avail` readable), zero-padded
 * past `len`. */
static uint64_t load_chunk(const char *word, size_t len, size_t avail, size_t k)
{
    size_t at = 8 * k;
    size_t n = len - at < 8 ? len - at : 8;
    uint64_t x = 0;
    if (at + 8 <= avail) {
        memcpy(&x, word + at, 8);
        return qlex_head(x, n);
    }
    /* Near the end of the text: byte by byte, never past it. */
    char b[8] = {0};
    for (size_t i = 0; i < n; i++)
        b[i] = word[at + i];
    memcpy(&x, b, 8);
    return x;
}

/* A word with non-ASCII letters: lower-cased with utf8proc first. */
static const qlex_entry *find_slow(const qlex *lex, const char *word, size_t len)
{
    char w[QLEX_WORD_MAX + 8] = {0};
    size_t n = lower(word, len, w);
    if (n == 0)
        return NULL;
    uint64_t h = hash_buf(w, n);
    if (!qlex_filter_has(lex, h))
        return NULL;
    const qlex_entry *e = slot_for(lex, lex->slots, lex->cap, h, w, n);
    return e->len ? e : NULL;
}

const qlex_entry *qlex_find_any(const qlex *lex, const char *word, size_t len, size_t avail)
{
    if (len == 0 || len >= QLEX_WORD_MAX)
        return NULL;
    if (len > lex->max_len) {
        /* Too long for any list word, unless lower-casing shortens it. */
        for (size_t i = 0; i < len; i++) {
            if ((unsigned char)word[i] >= 0x80)
                return find_slow(lex, word, len);
        }
        return NULL;
    }
    /* ASCII words (nearly all): lower-cased and hashed by the chunk. */
    uint64_t c[QLEX_WORD_MAX / 8];
    size_t nc = nchunks(len);
    uint64_t any = 0;
    for (size_t k = 0; k < nc; k++) {
        c[k] = load_chunk(word, len, avail, k);
        any |= c[k];
    }
    if (!(any & QLEX_HIGHS)) {
        uint64_t h = qlex_start(len);
        for (size_t k = 0; k < nc; k++) {
            c[k] = qlex_lower_ascii(c[k]);
            h = qlex_mix(h, c[k]);
        }
        if (!qlex_filter_has(lex, h))
            return NULL;
        for (size_t i = qlex_slot(lex, h);; i = (i + 1) & (lex->cap - 1)) {
            const qlex_entry *e = &lex->slots[i];
            if (!e->len)
                return NULL;
            if (e->len == len && e->head == c[0] &&
                (nc == 1 || memcmp(lex->pool + e->off + 8, c + 1, 8 * (nc - 1)) == 0))
                return e;
        }
    }
    return find_slow(lex, word, len);
}

static int is_vowel(char c)
{
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

static int add_form(qlex *lex, const char *stem, size_t n, const char *suffix, uint32_t flags)
{
    char buf[QLEX_WORD_MAX];
    size_t sl = strlen(suffix);
    if (n + sl >= sizeof buf)
        return 0;
    memcpy(buf, stem, n);
    memcpy(buf + n, suffix, sl);
    return qlex_add(lex, buf, n + sl, flags, 0);
}

int qlex_add_verb(qlex *lex, const char *base, size_t len)
{
    char b[QLEX_WORD_MAX];
    size_t n = lower(base, len, b);
    if (n < 2)
        return 0;
    int rc = qlex_add(lex, b, n, QW_CUE, 0);
    char last = b[n - 1];
    char prev = b[n - 2];
    /* -s */
    if (last == 's' || last == 'x' || last == 'z' || last == 'o' ||
        (last == 'h' && (prev == 's' || prev == 'c')))
        rc |= add_form(lex, b, n, "es", QW_CUE);
    else if (last == 'y' && !is_vowel(prev))
        rc |= add_form(lex, b, n - 1, "ies", QW_CUE);
    else
        rc |= add_form(lex, b, n, "s", QW_CUE);
    /* -ed */
    if (last == 'e')
        rc |= add_form(lex, b, n, "d", QW_CUE);
    else if (last == 'y' && !is_vowel(prev))
        rc |= add_form(lex, b, n - 1, "ied", QW_CUE);
    else
        rc |= add_form(lex, b, n, "ed", QW_CUE);
    /* -ing */
    if (last == 'e' && prev != 'e')
        rc |= add_form(lex, b, n - 1, "ing", QW_CUE | QW_CUE_ING);
    else
        rc |= add_form(lex, b, n, "ing", QW_CUE | QW_CUE_ING);
    return rc ? TP_ENOMEM : 0;
}

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\r';
}

/* Calls back for each word of each line of `text`, comments removed. */
typedef int (*line_fn)(qlex *lex, const char **words, const size_t *lens, size_t n, void *ctx);

static int each_line(qlex *lex, const char *text, size_t len, line_fn fn, void *ctx,
                     size_t *line_no)
{
    const char *words[64];
    size_t lens[64];
    size_t pos = 0;
    size_t line = 0;
    while (pos < len) {
        size_t eol = pos;
        while (eol < len && text[eol] != '\n')
            eol++;
        line++;
        size_t stop = pos;
        while (stop < eol && text[stop] != '#')
            stop++;
        size_t n = 0;
        size_t i = pos;
        while (i < stop && n < 64) {
            while (i < stop && is_space(text[i]))
                i++;
            size_t s = i;
            while (i < stop && !is_space(text[i]))
                i++;
            if (i > s) {
                words[n] = text + s;
                lens[n] = i - s;
                n++;
            }
        }
        if (n > 0) {
            int rc = fn(lex, words, lens, n, ctx);
            if (rc != 0) {
                if (line_no)
                    *line_no = line;
                return rc;
            }
        }
        pos = eol + 1;
    }
    return 0;
}

static int verb_line(qlex *lex, const char **words, const size_t *lens, size_t n, void *ctx)
{
    (void)ctx;
    if (n == 1)
        return qlex_add_verb(lex, words[0], lens[0]);
    for (size_t i = 0; i < n; i++) {
        uint32_t f = QW_CUE;
        if (lens[i] > 3 && memcmp(words[i] + lens[i] - 3, "ing", 3) == 0)
            f |= QW_CUE_ING;
        if (qlex_add(lex, words[i], lens[i], f, 0) != 0)
            return TP_ENOMEM;
    }
    return 0;
}

int qlex_add_verbs(qlex *lex, const char *text, size_t len)
{
    return each_line(lex, text, len, verb_line, NULL, NULL);
}

static const struct {
    const char *name;
    uint32_t flags;
} classes[] = {
    {"honorific:", QW_HONORIFIC}, {"role:", QW_ROLE}, {"org:", QW_ORG},
    {"nation:", QW_NATION},       {"stop:", QW_STOP}, {"det:", QW_DET},
    {"prep:", QW_PREP},           {"aux:", QW_AUX},   {"naming:", QW_NAMING},
    {"source:", QW_SOURCE},       {"female:", QW_FEMALE}, {"male:", QW_MALE},
};

static int class_line(qlex *lex, const char **words, const size_t *lens, size_t n, void *ctx)
{
    (void)ctx;
    uint32_t flags = 0;
    for (size_t c = 0; c < sizeof classes / sizeof classes[0]; c++) {
        if (strlen(classes[c].name) == lens[0] && memcmp(classes[c].name, words[0], lens[0]) == 0)
            flags = classes[c].flags;
    }
    if (!flags)
        return TP_EPARSE;
    for (size_t i = 1; i < n; i++) {
        /* Aliases share one id so roles and nations compare by meaning. */
        uint16_t id = (uint16_t)(lex->next_id++ | (flags == QW_NATION ? QLEX_NATION_ID : 0));
        const char *w = words[i];
        size_t left = lens[i];
        while (left > 0) {
            size_t k = 0;
            while (k < left && w[k] != '|')
                k++;
            if (k > 0 && qlex_add(lex, w, k, flags, id) != 0)
                return TP_ENOMEM;
            w += k + (k < left);
            left -= k + (k < left);
        }
    }
    return 0;
}

int qlex_add_classes(qlex *lex, const char *text, size_t len, size_t *bad_line)
{
    return each_line(lex, text, len, class_line, NULL, bad_line);
}
