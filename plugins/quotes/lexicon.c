/* lexicon.c - word lists parsed once into an open-addressing hash table on
 * the words' keys. */
#include "lexicon.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/doc.h>
#include <tpipe/error.h>
#include <utf8proc.h>

/* Lower-cases `word` into `out` (QLEX_WORD_MAX bytes), for the verb
 * inflections that read its letters. Returns the length, or 0 when it does
 * not fit: such long words are never list words. */
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

/* Frees the slots (the filter stays: grow() replaces only the slots). */
static void free_slots(qlex *lex)
{
    free(lex->slots);
    lex->slots = NULL;
}

void qlex_free(qlex *lex)
{
    if (lex->forenames) {
        qlex_free(lex->forenames);
        free(lex->forenames);
        lex->forenames = NULL;
    }
    free_slots(lex);
    free(lex->filter);
    lex->filter = NULL;
}

/* Allocates `n` empty slots (and the empty one past them). */
static int alloc_slots(qlex *lex, size_t n)
{
    lex->slots = calloc(n + 1, sizeof *lex->slots);
    if (!lex->slots)
        return TP_ENOMEM;
    lex->nslots = n;
    lex->offsets = (n - 1) * sizeof *lex->slots;
    return 0;
}

int qlex_init(qlex *lex)
{
    memset(lex, 0, sizeof *lex);
    lex->next_id = 1;
    lex->filter = calloc(QLEX_FILTER_BITS / 32, sizeof *lex->filter);
    if (!lex->filter || alloc_slots(lex, 1024) != 0) {
        qlex_free(lex);
        return TP_ENOMEM;
    }
    return 0;
}

/* The two slots `key` may sit in, to write. */
static qlex_slot *slot_low(qlex *lex, uint64_t key)
{
    return (qlex_slot *)qlex_slot_low(lex, key);
}

static qlex_slot *slot_high(qlex *lex, uint64_t key)
{
    return (qlex_slot *)qlex_slot_high(lex, key);
}

/* The classes of `key` in the table, or NULL. */
static qlex_class *class_of(qlex *lex, uint64_t key)
{
    qlex_slot *low = slot_low(lex, key), *high = slot_high(lex, key);
    if (low->cls.used && low->key == key)
        return &low->cls;
    if (high->cls.used && high->key == key)
        return &high->cls;
    return NULL;
}

/* Kicks before the table grows: far more than a table at most an eighth
 * full needs but for a rare cycle. */
#define MAX_KICKS 64

/* Places `e` (a key not in the table) in one of its two slots, moving the
 * words in the way to their other slots. Returns whether it found room;
 * when not, *e is the word left without a slot (maybe another one). */
static bool place(qlex *lex, qlex_slot *e)
{
    qlex_slot *s = slot_low(lex, e->key);
    if (s->cls.used)
        s = slot_high(lex, e->key);
    for (int kick = 0; kick < MAX_KICKS; kick++) {
        qlex_slot held = *s;
        *s = *e;
        if (!held.cls.used)
            return true;
        *e = held;
        qlex_slot *low = slot_low(lex, e->key);
        s = s == low ? slot_high(lex, e->key) : low;
    }
    return false;
}

/* Doubles the table until every word and `e` find their slots. */
static int grow(qlex *lex, qlex_slot e)
{
    qlex old = *lex;
    for (size_t n = old.nslots * 2;; n *= 2) {
        if (alloc_slots(lex, n) != 0) {
            *lex = old;
            return TP_ENOMEM;
        }
        bool placed = true;
        for (size_t i = 0; placed && i <= old.nslots; i++) {
            if (i < old.nslots && !old.slots[i].cls.used)
                continue;
            qlex_slot left = i < old.nslots ? old.slots[i] : e;
            placed = place(lex, &left);
        }
        if (placed) {
            free_slots(&old);
            return 0;
        }
        free_slots(lex);
    }
}

int qlex_add(qlex *lex, const char *word, size_t len, uint32_t flags, uint16_t id)
{
    /* Such long words are never list words. The key folds the case. */
    if (len == 0 || len >= QLEX_WORD_MAX)
        return 0;
    uint64_t key = tp_word_key(word, len);
    qlex_class *c = class_of(lex, key);
    if (c) {
        c->flags |= flags;
        if (!c->id)
            c->id = id;
        return 0;
    }
    qlex_slot add = {key, {.flags = flags, .id = id, .used = 1}};
    /* An eighth full at most: few words then find their low slot taken
     * (qlex_find_key asks the high slot only then), and a word not in the
     * table most often finds its low slot empty and is known absent at
     * once. 1,100 words take 16,384 slots (256 KB). */
    bool placed = (lex->count + 1) * 8 <= lex->nslots && place(lex, &add);
    if (!placed && grow(lex, add) != 0)
        return TP_ENOMEM;
    uint32_t bit = (uint32_t)(key >> QLEX_FILTER_SHIFT);
    lex->filter[bit / 32] |= 1u << (bit % 32);
    lex->count++;
    return 0;
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

int qlex_add_role(qlex *lex, const char *word, size_t len, uint16_t id)
{
    char b[QLEX_WORD_MAX];
    size_t n = lower(word, len, b);
    if (qlex_add(lex, word, len, QW_ROLE, id) != 0)
        return TP_ENOMEM;
    /* Words with a full stop (col.) have no plural; nor words that end in
     * -s but -ss (officials, sports: already plural or a field). */
    if (n < 2 || memchr(b, '.', n) || (b[n - 1] == 's' && b[n - 2] != 's'))
        return 0;
    char last = b[n - 1];
    char prev = b[n - 2];
    if (n >= 3 && memcmp(b + n - 3, "man", 3) == 0)
        return add_form(lex, b, n - 2, "en", QW_PLURAL); /* chairmen, spokeswomen */
    if (last == 's' || last == 'x' || (last == 'h' && (prev == 's' || prev == 'c')))
        return add_form(lex, b, n, "es", QW_PLURAL); /* bosses, coaches */
    if (last == 'y' && !is_vowel(prev))
        return add_form(lex, b, n - 1, "ies", QW_PLURAL); /* secretaries */
    return add_form(lex, b, n, "s", QW_PLURAL);
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
    {"honorific:", QW_HONORIFIC}, {"role:", QW_ROLE},     {"org:", QW_ORG},
    {"nation:", QW_NATION},       {"stop:", QW_STOP},     {"det:", QW_DET},
    {"prep:", QW_PREP},           {"aux:", QW_AUX},       {"naming:", QW_NAMING},
    {"source:", QW_SOURCE},       {"female:", QW_FEMALE}, {"male:", QW_MALE},
    {"particle:", QW_PARTICLE},   {"calendar:", QW_CALENDAR}, {"plural:", QW_PLURAL},
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
            if (k > 0 && (flags == QW_ROLE ? qlex_add_role(lex, w, k, id)
                                           : qlex_add(lex, w, k, flags, id)) != 0)
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

static int forename_line(qlex *lex, const char **words, const size_t *lens, size_t n, void *ctx)
{
    (void)ctx;
    uint32_t flags = lens[0] == 7 && memcmp(words[0], "female:", 7) == 0 ? QW_FEMALE
                     : lens[0] == 5 && memcmp(words[0], "male:", 5) == 0 ? QW_MALE
                                                                         : 0;
    if (!flags)
        return TP_EPARSE;
    for (size_t i = 1; i < n; i++) {
        if (qlex_add(lex, words[i], lens[i], flags, 0) != 0)
            return TP_ENOMEM;
    }
    return 0;
}

int qlex_add_forenames(qlex *lex, const char *text, size_t len, size_t *bad_line)
{
    if (!lex->forenames) {
        lex->forenames = malloc(sizeof *lex->forenames);
        if (!lex->forenames || qlex_init(lex->forenames) != 0) {
            free(lex->forenames);
            lex->forenames = NULL;
            return TP_ENOMEM;
        }
    }
    return each_line(lex->forenames, text, len, forename_line, NULL, bad_line);
}
