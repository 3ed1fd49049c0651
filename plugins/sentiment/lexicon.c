/* lexicon.c - hash table and text-file readers for the sentiment plugin. */
#include "lexicon.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/doc.h>
#include <utf8proc.h>

/* Keys longer than this are refused: no real word or idiom comes close, and
 * a bound keeps the lookup buffers on the stack. */
#define KEY_MAX 255
#define FILE_MAX (64u << 20)

#include "lexicon_table.h"

static unsigned log2_of(size_t pow2)
{
    unsigned n = 0;
    while (pow2 > 1) {
        pow2 >>= 1;
        n++;
    }
    return n;
}

/* Doubles the table. */
static int grow(tp_senti_lex *lex)
{
    size_t ncap = lex->cap ? lex->cap * 2 : 1024;
    lex_slot *old = lex->slots;
    size_t ocap = lex->cap;
    lex_slot *slots = calloc(ncap, sizeof *slots);
    if (!slots)
        return TP_ENOMEM;
    lex->slots = slots;
    lex->cap = ncap;
    lex->shift = 64 - log2_of(ncap);
    for (size_t i = 0; i < ocap; i++)
        if (old[i].key)
            *lex_probe(lex, old[i].key) = old[i];
    free(old);
    return 0;
}

/* The entry for `key`, created (zeroed) when absent; NULL when out of
 * memory. The pointer is valid until the next upsert. */
static tp_senti_entry *upsert(tp_senti_lex *lex, uint64_t key)
{
    /* At most half full: a probe rarely reads a second slot. */
    if ((lex->used + 1) * 2 > lex->cap && grow(lex) != 0)
        return NULL;
    lex_slot *s = lex_probe(lex, key);
    if (s->key)
        return &s->entry;
    memset(s, 0, sizeof *s);
    s->key = lex_stored_key(key);
    lex->used++;
    return &s->entry;
}

/* Whether tp_word_key() folds the word to itself: no upper-case letter,
 * no typographic apostrophe. Every word normalised with folding is. */
static bool is_folded(const char *w, size_t len)
{
    const uint8_t *p = (const uint8_t *)w;
    for (size_t i = 0; i < len;) {
        if (p[i] < 0x80) {
            if (p[i] >= 'A' && p[i] <= 'Z')
                return false;
            i++;
            continue;
        }
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0) {
            i++; /* a stray byte stays as it is */
            continue;
        }
        if (c == 0x2019 || c == 0x2018 || c == 0x02BC || utf8proc_tolower(c) != c)
            return false;
        i += (size_t)n;
    }
    return true;
}

/* A hash of the bytes as they are (FNV-1a, then mixed so that the top
 * bits depend on all of them), for the words tp_word_key() would fold. */
static uint64_t case_key(const char *w, size_t len)
{
    uint64_t h = 0xCBF29CE484222325ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (uint8_t)w[i]) * 0x100000001B3ull;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDull;
    return h ^ (h >> 33);
}

uint64_t tp_senti_word_key(const char *word, size_t len)
{
    return is_folded(word, len) ? tp_word_key(word, len) : case_key(word, len);
}

uint64_t tp_senti_key_of(const char *key, size_t len)
{
    /* Most keys are one word of lower-case ASCII: tp_word_key() at once. */
    size_t i = 0;
    while (i < len && (uint8_t)key[i] < 0x80 && key[i] != ' ' && !(key[i] >= 'A' && key[i] <= 'Z'))
        i++;
    if (i == len)
        return tp_word_key(key, len);
    const char *sp = memchr(key, ' ', len);
    if (!sp)
        return tp_senti_word_key(key, len);
    uint64_t h = tp_senti_word_key(key, (size_t)(sp - key));
    while (sp) {
        const char *w = sp + 1;
        sp = memchr(w, ' ', (size_t)(key + len - w));
        size_t n = (size_t)((sp ? sp : key + len) - w);
        h = lex_key_combine(h, tp_senti_word_key(w, n));
    }
    return h;
}

const tp_senti_entry *tp_senti_lex_find(const tp_senti_lex *lex, const char *key, size_t len)
{
    return len ? lex_find_key(lex, tp_senti_key_of(key, len)) : NULL;
}

static void filter_add(tp_senti_lex *lex, uint64_t key, const tp_senti_entry *e)
{
    const uint16_t opens = TP_SENTI_PHRASE | TP_SENTI_PHRASE_HEAD | TP_SENTI_PHRASE_PREFIX;
    unsigned bits =
        (lex_word_entry(e) ? LEX_MAY_BE_WORD : 0) | (e->flags & opens ? LEX_MAY_OPEN : 0);
    lex_filter_spot at = lex_filter_spot_of(key);
    uint8_t *f = &lex->filter[0][0];
    f[at.byte1] |= (uint8_t)(bits << at.shift);
    f[at.byte2] |= (uint8_t)(bits << at.shift);
    if (e->words > lex->max_words)
        lex->max_words = e->words;
}

/* Rebuilds the filter from the table; run after each batch of additions
 * (flags change after a key is first added, so insertion time is too early). */
static void rebuild_filters(tp_senti_lex *lex)
{
    static _Atomic uint64_t serials;
    lex->serial = ++serials;
    memset(lex->filter, 0, sizeof lex->filter);
    lex->max_words = 1;
    for (size_t i = 0; i < lex->cap; i++)
        if (lex->slots[i].key)
            filter_add(lex, lex->slots[i].key, &lex->slots[i].entry);
}

size_t tp_senti_lex_valence_count(const tp_senti_lex *lex)
{
    return lex->valence_count;
}

size_t tp_senti_normalise(const char *s, size_t len, bool fold, char *out)
{
    const uint8_t *p = (const uint8_t *)s;
    size_t o = 0, i = 0;
    bool space = false;
    while (i < len) {
        utf8proc_int32_t c;
        /* Most words are plain ASCII letters: copy them without decoding. */
        while (i < len && p[i] < 0x80 && p[i] != ' ' && p[i] != '\t' && !space) {
            unsigned char b = p[i++];
            out[o++] = (char)(fold && b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b);
        }
        if (i >= len)
            break;
        if (p[i] < 0x80) {
            c = p[i++];
            if (fold && c >= 'A' && c <= 'Z')
                c += 'a' - 'A';
        } else {
            utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
            if (n <= 0) {
                /* Documents are valid UTF-8; copy a stray byte rather than loop. */
                out[o++] = (char)p[i++];
                continue;
            }
            i += (size_t)n;
            if (c == 0xFE0F || c == 0x200D || (c >= 0x1F3FB && c <= 0x1F3FF))
                continue; /* emoji presentation, joiner, skin tone: same sentiment */
            if (c == 0x2019 || c == 0x2018 || c == 0x02BC)
                c = '\'';
            else if (fold)
                c = utf8proc_tolower(c);
        }
        if (c == ' ' || c == '\t') {
            space = o > 0;
            continue;
        }
        if (space) {
            out[o++] = ' ';
            space = false;
        }
        o += (size_t)utf8proc_encode_char(c, (utf8proc_uint8_t *)out + o);
    }
    return o;
}

/* Emoticons keep their case (":D" is not ":d"); words are folded. */
static bool looks_like_emoticon(const char *s)
{
    unsigned char c = (unsigned char)s[0];
    return c < 0x80 && !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

static int count_words(const char *key, size_t len)
{
    int n = 1;
    for (size_t i = 0; i < len; i++)
        n += key[i] == ' ';
    return n;
}

/* Adds `key` (already normalised). For a phrase, its first word is marked
 * as a head and each longer opening ("cut the" of "cut the mustard") as a
 * prefix, so that matching stops at the first word that leads nowhere. */
static tp_senti_entry *add_key(tp_senti_lex *lex, const char *key, size_t len)
{
    int words = count_words(key, len);
    if (words > 255)
        return NULL;
    uint64_t h = 0;
    const char *w = key, *end = key + len;
    for (int i = 1; i <= words; i++) {
        const char *sp = memchr(w, ' ', (size_t)(end - w));
        const char *we = sp ? sp : end;
        uint64_t wk = tp_senti_word_key(w, (size_t)(we - w));
        h = i == 1 ? wk : lex_key_combine(h, wk);
        if (i == words)
            break;
        tp_senti_entry *p = upsert(lex, h);
        if (!p)
            return NULL;
        if (i == 1) {
            p->flags |= TP_SENTI_PHRASE_HEAD;
            if (words > p->max_words)
                p->max_words = (uint8_t)words;
        } else {
            p->flags |= TP_SENTI_PHRASE_PREFIX;
        }
        if (p->words == 0)
            p->words = (uint8_t)i;
        w = sp + 1;
    }
    tp_senti_entry *e = upsert(lex, h);
    if (!e)
        return NULL;
    e->words = (uint8_t)words;
    if (words > 1)
        e->flags |= TP_SENTI_PHRASE;
    return e;
}

static int add_flag(tp_senti_lex *lex, const char *key, uint16_t flags)
{
    tp_senti_entry *e = add_key(lex, key, strlen(key));
    if (!e)
        return TP_ENOMEM;
    e->flags |= flags;
    return 0;
}

tp_senti_lex *tp_senti_lex_new(void)
{
    tp_senti_lex *lex = calloc(1, sizeof *lex);
    if (!lex || grow(lex) != 0)
        goto fail;
    /* Rule words are fixed by the method, not data: "at least" and "the very
     * least" are plain phrases so that the bare "least" rule skips them. */
    if (add_flag(lex, "but", TP_SENTI_CONTRAST) || add_flag(lex, "least", TP_SENTI_LEAST) ||
        add_flag(lex, "never", TP_SENTI_NEVER) || add_flag(lex, "so", TP_SENTI_SO_THIS) ||
        add_flag(lex, "this", TP_SENTI_SO_THIS) || add_flag(lex, "at least", 0) ||
        add_flag(lex, "very least", 0))
        goto fail;
    rebuild_filters(lex);
    return lex;
fail:
    tp_senti_lex_free(lex);
    return NULL;
}

void tp_senti_lex_free(tp_senti_lex *lex)
{
    if (!lex)
        return;
    free(lex->slots);
    free(lex);
}

/* Parses a whole field as a finite number. */
static bool parse_number(const char *s, size_t len, double *out)
{
    char buf[64];
    if (len == 0 || len >= sizeof buf)
        return false;
    memcpy(buf, s, len);
    buf[len] = '\0';
    char *end;
    double v = strtod(buf, &end);
    if (end != buf + len || !isfinite(v))
        return false;
    *out = v;
    return true;
}

static const char *format_of(tp_senti_list_kind kind)
{
    switch (kind) {
    case TP_SENTI_LIST_VALENCE:
        return "'term<TAB>valence' or 'term<TAB>mean<TAB>stddev<TAB>[ratings]'";
    case TP_SENTI_LIST_NEGATORS: return "one term a line";
    default: return "'term<TAB>increment'";
    }
}

#define MAX_FIELDS 8

static bool valid_utf8(const char *s, size_t len)
{
    const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
    for (size_t i = 0; i < len;) {
        utf8proc_int32_t c;
        utf8proc_ssize_t n = utf8proc_iterate(p + i, (utf8proc_ssize_t)(len - i), &c);
        if (n <= 0)
            return false;
        i += (size_t)n;
    }
    return true;
}

static int add_line(tp_senti_lex *lex, const char *line, size_t len, const char *source,
                    size_t lineno, tp_senti_list_kind kind, double scale, tp_error *err)
{
    const char *field[MAX_FIELDS];
    size_t flen[MAX_FIELDS];
    size_t nf = 0;
    const char *p = line, *end = line + len;
    while (nf < MAX_FIELDS) {
        const char *tab = memchr(p, '\t', (size_t)(end - p));
        const char *fe = tab ? tab : end;
        field[nf] = p;
        flen[nf++] = (size_t)(fe - p);
        if (!tab)
            break;
        p = tab + 1;
    }
    /* Trailing spaces around the term are a typing slip, not meaning. */
    while (flen[0] && (field[0][0] == ' ')) {
        field[0]++;
        flen[0]--;
    }
    while (flen[0] && field[0][flen[0] - 1] == ' ')
        flen[0]--;
    if (flen[0] == 0)
        return tp_error_set(err, TP_EPARSE, "%s:%zu: empty term; expected %s", source, lineno,
                            format_of(kind));
    if (flen[0] > KEY_MAX)
        return tp_error_set(err, TP_EPARSE, "%s:%zu: term longer than %d bytes", source, lineno,
                            KEY_MAX);
    if (!valid_utf8(field[0], flen[0]))
        return tp_error_set(err, TP_EPARSE, "%s:%zu: the term is not valid UTF-8", source, lineno);

    double value = 0;
    if (kind == TP_SENTI_LIST_NEGATORS) {
        if (nf != 1)
            return tp_error_set(err, TP_EPARSE, "%s:%zu: expected %s, found a tab", source, lineno,
                                format_of(kind));
    } else {
        if (nf < 2)
            return tp_error_set(err, TP_EPARSE, "%s:%zu: expected %s, found no tab after '%.*s'",
                                source, lineno, format_of(kind), (int)flen[0], field[0]);
        if (!parse_number(field[1], flen[1], &value))
            return tp_error_set(err, TP_EPARSE, "%s:%zu: '%.*s' is not a number; expected %s",
                                source, lineno, (int)(flen[1] > 40 ? 40 : flen[1]), field[1],
                                format_of(kind));
        if (kind == TP_SENTI_LIST_MODIFIERS) {
            if (nf != 2 || value < -1 || value > 1 || value == 0)
                return tp_error_set(err, TP_EPARSE,
                                    "%s:%zu: expected 'term<TAB>increment' with a non-zero "
                                    "increment in [-1, 1]",
                                    source, lineno);
        } else {
            double stddev;
            if (nf == 3 || nf == 4) {
                if (!parse_number(field[2], flen[2], &stddev) || stddev < 0)
                    return tp_error_set(err, TP_EPARSE,
                                        "%s:%zu: third field '%.*s' is not a standard deviation; "
                                        "expected %s",
                                        source, lineno, (int)(flen[2] > 40 ? 40 : flen[2]),
                                        field[2], format_of(kind));
                if (nf == 4 && (flen[3] < 2 || field[3][0] != '[' || field[3][flen[3] - 1] != ']'))
                    return tp_error_set(err, TP_EPARSE,
                                        "%s:%zu: fourth field must be a list of ratings in "
                                        "brackets, like [1, 2, 2]",
                                        source, lineno);
            } else if (nf > 4) {
                return tp_error_set(err, TP_EPARSE, "%s:%zu: too many fields; expected %s", source,
                                    lineno, format_of(kind));
            }
            value *= scale;
            if (value < -4.0 || value > 4.0)
                return tp_error_set(err, TP_EPARSE,
                                    "%s:%zu: valence %g of '%.*s' is outside [-4, 4] (for a "
                                    "list on a -5..5 scale, set lexicon_scale: 0.8)",
                                    source, lineno, value, (int)flen[0], field[0]);
        }
    }

    char key[4 * KEY_MAX + 1];
    size_t klen = tp_senti_normalise(field[0], flen[0], !looks_like_emoticon(field[0]), key);
    if (klen == 0)
        return tp_error_set(err, TP_EPARSE, "%s:%zu: the term is empty once normalised", source,
                            lineno);
    tp_senti_entry *e = add_key(lex, key, klen);
    if (!e)
        return tp_error_set(err, TP_ENOMEM, "%s:%zu: out of memory", source, lineno);
    switch (kind) {
    case TP_SENTI_LIST_VALENCE:
        if (!(e->flags & TP_SENTI_VALENCE))
            lex->valence_count++;
        e->flags |= TP_SENTI_VALENCE;
        e->valence = (float)value;
        break;
    case TP_SENTI_LIST_NEGATORS: e->flags |= TP_SENTI_NEGATOR; break;
    case TP_SENTI_LIST_MODIFIERS:
        e->flags |= TP_SENTI_MODIFIER;
        e->incr = (float)value;
        break;
    }
    return 0;
}

int tp_senti_lex_add_text(tp_senti_lex *lex, const char *text, size_t len, const char *source,
                          tp_senti_list_kind kind, double scale, tp_error *err)
{
    const char *p = text, *end = text + len;
    if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
        p += 3; /* a byte-order mark from a Windows editor */
    size_t lineno = 0;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *le = nl ? nl : end;
        lineno++;
        size_t l = (size_t)(le - p);
        if (l && p[l - 1] == '\r')
            l--;
        if (memchr(p, '\0', l)) {
            rebuild_filters(lex);
            return tp_error_set(err, TP_EPARSE, "%s:%zu: NUL byte; is this a text file?", source,
                                lineno);
        }
        size_t k = 0;
        while (k < l && (p[k] == ' ' || p[k] == '\t'))
            k++;
        if (k < l && p[0] != '#') {
            int rc = add_line(lex, p, l, source, lineno, kind, scale, err);
            if (rc) {
                rebuild_filters(lex);
                return rc;
            }
        }
        p = nl ? nl + 1 : end;
    }
    rebuild_filters(lex);
    return 0;
}

int tp_senti_lex_add_file(tp_senti_lex *lex, const char *path, tp_senti_list_kind kind,
                          double scale, tp_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return tp_error_set(err, TP_EIO, "cannot open lexicon '%s': %s", path, strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (len + 65536 > cap) {
            cap = cap ? cap * 2 : 1u << 20;
            if (cap > FILE_MAX + 65536) {
                rc = tp_error_set(err, TP_ELIMIT, "lexicon '%s' is larger than %u MB", path,
                                  FILE_MAX >> 20);
                goto done;
            }
            char *nb = realloc(buf, cap);
            if (!nb) {
                rc = tp_error_set(err, TP_ENOMEM, "out of memory reading '%s'", path);
                goto done;
            }
            buf = nb;
        }
        size_t n = fread(buf + len, 1, cap - len, f);
        len += n;
        if (n == 0)
            break;
    }
    if (ferror(f)) {
        rc = tp_error_set(err, TP_EIO, "cannot read lexicon '%s'", path);
        goto done;
    }
    rc = tp_senti_lex_add_text(lex, buf ? buf : "", len, path, kind, scale, err);
done:
    free(buf);
    fclose(f);
    return rc;
}
