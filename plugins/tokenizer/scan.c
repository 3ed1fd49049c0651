/* scan.c - text to tokens in one pass over the bytes.
 *
 * ASCII bytes are classified through a table; only non-ASCII code points
 * are decoded and looked up in utf8proc. Tokens are appended to a per-worker
 * array that grows geometrically and is reused across documents. Beside each
 * token the scanner records a byte of context for the sentence splitter
 * (newlines before it, whether it can end a sentence, ...). */
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__) && defined(__GNUC__)
#include <emmintrin.h>
#endif

#include <tpipe/error.h>

#include "scan_internal.h"

/* The second letter of a URL starting with this byte: http ftp www. */
static const uint8_t url_second[256] = {['h'] = 't', ['H'] = 't', ['f'] = 't', ['F'] = 't',
                                        ['w'] = 'w', ['W'] = 'w'};

/* Bytes that end a run of ASCII letters or digits for good: 1 always, 2
 * after letters only (1,000 goes on). NUL ends the text. A ':' goes to
 * the slow paths (3:30, http:). */
static const uint8_t plain_stop[256] = {
    [0] = 1,   ['\t'] = 1, ['\n'] = 1, ['\r'] = 1, [' '] = 1, ['"'] = 1, ['!'] = 1,
    ['?'] = 1, [')'] = 1,  [']'] = 1,  [';'] = 1,  ['('] = 1, [','] = 2,
};

/* ---- emitting ------------------------------------------------------------ */

static int grow_tokens(tkz_buf *b)
{
    size_t cap = b->tokcap ? b->tokcap * 2 : 1024;
    tp_token *t = realloc(b->tok, cap * sizeof *t);
    if (!t)
        return TP_ENOMEM;
    b->tok = t;
    uint8_t *mark = realloc(b->mark, cap);
    if (!mark)
        return TP_ENOMEM;
    b->mark = mark;
    uint32_t *cand = realloc(b->cand, cap * sizeof *cand);
    if (!cand)
        return TP_ENOMEM;
    b->cand = cand;
    b->tokcap = cap;
    return 0;
}

/* Whether the token about to be emitted at p, a '.' or ')', could close a
 * list marker (1. 2) a.): tkz_segment looks for lists only when one could. */
void tkz_add_hint(scanner *sc, size_t index)
{
    tkz_buf *b = sc->b;
    if (b->nhint && b->hint[b->nhint - 1] >= index)
        return;
    if (b->nhint == b->hintcap) {
        size_t cap = b->hintcap ? b->hintcap * 2 : 64;
        size_t *h = realloc(b->hint, cap * sizeof *h);
        if (!h) {
            sc->failed = 1;
            return;
        }
        b->hint = h;
        b->hintcap = cap;
    }
    b->hint[b->nhint++] = index;
}

static inline void note_marker_end(scanner *sc, size_t p)
{
    if (glued_to_last(sc, p) && sc->next[-1].end - sc->next[-1].start <= 2)
        tkz_add_hint(sc, tokens_so_far(sc) - 1);
}

/* ---- punctuation, symbols, emoji ------------------------------------------- */

static const char *const emoticons[] = {
    ":-)", ":-(", ":-D", ":-P", ":-p", ":-/", ":-|", ":-O", ":-o", ";-)", ":'(", "</3",
    ":)",  ":(",  ":D",  ":P",  ":p",  ":/",  ":|",  ":O",  ":o",  ";)",  ";D", "=)",
    "=(",  ":]",  ":[",  "<3",  ":*",  "=D", NULL};

/* An emoticon at p, standing alone (space or text start before it, a
 * non-word character after); returns its end or p. */
static size_t match_emoticon(const scanner *sc, size_t p)
{
    if (!sc->space)
        return p;
    for (size_t i = 0; emoticons[i]; i++) {
        size_t len = strlen(emoticons[i]);
        if (p + len <= sc->n && memcmp(sc->s + p, emoticons[i], len) == 0) {
            if (p + len < sc->n && (wordchar_at(sc, p + len) || sc->s[p + len] == '/'))
                continue;
            return p + len;
        }
    }
    return p;
}

static int is_emoji_start(const scanner *sc, int32_t cp, size_t next)
{
    int bc = utf8proc_get_property(cp)->boundclass;
    if (bc == UTF8PROC_BOUNDCLASS_REGIONAL_INDICATOR)
        return 1;
    if (bc != UTF8PROC_BOUNDCLASS_EXTENDED_PICTOGRAPHIC && bc != UTF8PROC_BOUNDCLASS_E_BASE &&
        bc != UTF8PROC_BOUNDCLASS_E_BASE_GAZ && bc != UTF8PROC_BOUNDCLASS_E_ZWG &&
        bc != UTF8PROC_BOUNDCLASS_GLUE_AFTER_ZWJ)
        return 0;
    /* © ® ™ ‼ and arrows are pictographic too but read as text unless an
     * emoji variation selector (U+FE0F) follows. */
    if (cp >= 0x2300)
        return 1;
    int len;
    return next < sc->n && uni_decode(sc->s, sc->n, next, &len) == 0xFE0F;
}

/* Extends a token over the rest of its grapheme cluster (emoji modifiers,
 * ZWJ sequences, flags, combining marks, variation selectors). */
static size_t extend_cluster(const scanner *sc, int32_t first, size_t q)
{
    utf8proc_int32_t state = 0;
    int32_t prev = first;
    while (q < sc->n) {
        int len;
        int32_t cp = uni_decode(sc->s, sc->n, q, &len);
        if (utf8proc_grapheme_break_stateful(prev, cp, &state))
            break;
        prev = cp;
        q += (size_t)len;
    }
    return q;
}

static int is_bullet(int32_t cp)
{
    return cp == 0x2022 || cp == 0x2023 || cp == 0x2043 || cp == 0x25E6 || cp == 0x2219 ||
           cp == 0x25CF || cp == 0x25AA || cp == 0x25A0 || cp == 0x25C6;
}

/* CJK and other full stops that end a sentence without a following space. */
static int is_cjk_terminal(int32_t cp)
{
    return cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F || cp == 0xFF0E || cp == 0xFF61;
}

static int is_strong_terminal(int32_t cp)
{
    return cp == 0x203C || cp == 0x2047 || cp == 0x2048 || cp == 0x2049 || cp == 0x061F ||
           cp == 0x06D4 || cp == 0x0964 || cp == 0x0965;
}

static int is_quote_bracket(int32_t cp, unsigned *flag)
{
    switch (cp) {
    case 0x201E: case 0x201A: case 0x300C: case 0x300E: case 0x301D: case 0xFF62:
    case 0xFE41: case 0xFE43:
        *flag = TP_TOKF_OPENING;
        return 1;
    case 0x300D: case 0x300F: case 0x301E: case 0x301F: case 0xFF63: case 0xFE42:
    case 0xFE44:
        *flag = TP_TOKF_CLOSING;
        return 1;
    default:
        return 0;
    }
}

/* A character that is neither space nor part of a word. */
static size_t scan_other(scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    const size_t n = sc->n;
    int len;
    int32_t cp = uni_decode(s, n, p, &len);
    size_t q = p + (size_t)len;

    if (is_emoji_start(sc, cp, q)) {
        size_t e = extend_cluster(sc, cp, q);
        emit(sc, p, e, TP_TOK_EMOJI, 0, 0);
        return e;
    }
    int cat = uni_category(cp);
    unsigned kind = TP_TOK_PUNCT, flags = 0, ax = 0;
    switch (cat) {
    case UTF8PROC_CATEGORY_PI:
        if (cp == 0x2018 || cp == 0x201C || cp == 0x00AB || cp == 0x2039 || cp == 0x201B ||
            cp == 0x201F)
            flags = TP_TOKF_OPENING;
        kind = TP_TOK_QUOTE;
        break;
    case UTF8PROC_CATEGORY_PF:
        if (cp == 0x2019 && sc->sh->split_contractions && glued_to_last(sc, p)) {
            size_t cl = tkz_clitic_after(sc, q);
            if (cl) { /* Jr.’s */
                emit(sc, p, q + cl, TP_TOK_WORD, TP_TOKF_CLITIC, 0);
                return q + cl;
            }
        }
        flags = TP_TOKF_CLOSING;
        kind = TP_TOK_QUOTE;
        break;
    case UTF8PROC_CATEGORY_PS:
        flags = TP_TOKF_OPENING;
        if (is_quote_bracket(cp, &flags))
            kind = TP_TOK_QUOTE;
        break;
    case UTF8PROC_CATEGORY_PE:
        flags = TP_TOKF_CLOSING;
        if (is_quote_bracket(cp, &flags))
            kind = TP_TOK_QUOTE;
        break;
    case UTF8PROC_CATEGORY_PD:
        /* a run of the same dash is one token: —— */
        while (q + (size_t)len <= n && memcmp(s + q, s + p, (size_t)len) == 0)
            q += (size_t)len;
        if (q == p + (size_t)len)
            ax = TKZ_AX_BULLET; /* a list item when it starts a line */
        break;
    case UTF8PROC_CATEGORY_PO:
        if (cp == 0x2026) { /* … and runs of it */
            while (q + 3 <= n && memcmp(s + q, s + p, 3) == 0)
                q += 3;
            ax = TKZ_TERM_ELLIPSIS << TKZ_AX_TERM_SHIFT;
        } else if (is_cjk_terminal(cp)) {
            ax = TKZ_TERM_CJK << TKZ_AX_TERM_SHIFT;
        } else if (is_strong_terminal(cp)) {
            ax = TKZ_TERM_STRONG << TKZ_AX_TERM_SHIFT;
        } else if (cp == 0x2030 || cp == 0x2031 || cp == 0x066A || cp == 0xFF05) {
            kind = TP_TOK_SYMBOL; /* per mille, Arabic and full-width percent */
        } else if (is_bullet(cp)) {
            ax = TKZ_AX_BULLET;
        } else if (cp == 0x00B6 || cp == 0x00A7 || cp == 0x2020 || cp == 0x2021) {
            kind = TP_TOK_SYMBOL; /* ¶ § † ‡ */
        }
        break;
    case UTF8PROC_CATEGORY_PC:
        break;
    case UTF8PROC_CATEGORY_SM:
    case UTF8PROC_CATEGORY_SC:
    case UTF8PROC_CATEGORY_SK:
    case UTF8PROC_CATEGORY_SO:
    default:
        kind = TP_TOK_SYMBOL;
        if (is_bullet(cp))
            ax = TKZ_AX_BULLET;
        break;
    }
    /* combining marks and variation selectors stay with their base */
    if (q < n && s[q] >= 0x80)
        q = extend_cluster(sc, cp, q);
    emit(sc, p, q, kind, flags, ax);
    return q;
}

static size_t scan_ascii_punct(scanner *sc, size_t p, unsigned c)
{
    const unsigned char *s = sc->s;
    const size_t n = sc->n;
    size_t q = p + 1, e;
    switch (c) {
    case '.':
        if (q < n && is_digit(s[q]) && (sc->space || sc->next == sc->tok))
            return tkz_scan_word(sc, p, q, W_DIGIT, W_DIGIT | W_JOIN); /* .5 */
        while (q < n && s[q] == '.')
            q++;
        if (q - p >= 2) {
            emit(sc, p, q, TP_TOK_PUNCT, 0, TKZ_TERM_ELLIPSIS << TKZ_AX_TERM_SHIFT);
            return q;
        }
        {
            /* spaced ellipsis: . . . */
            size_t k = q, dots = 1;
            while (k + 1 < n && s[k] == ' ' && s[k + 1] == '.') {
                dots++;
                k += 2;
            }
            if (dots >= 3) {
                emit(sc, p, k, TP_TOK_PUNCT, 0, TKZ_TERM_ELLIPSIS << TKZ_AX_TERM_SHIFT);
                return k;
            }
        }
        note_marker_end(sc, p);
        emit(sc, p, q, TP_TOK_PUNCT, 0, TKZ_TERM_PERIOD << TKZ_AX_TERM_SHIFT);
        return q;
    case '!':
    case '?':
        while (q < n && (s[q] == '!' || s[q] == '?'))
            q++;
        emit(sc, p, q, TP_TOK_PUNCT, 0, TKZ_TERM_STRONG << TKZ_AX_TERM_SHIFT);
        return q;
    case '-':
        while (q < n && s[q] == '-')
            q++;
        emit(sc, p, q, TP_TOK_PUNCT, 0, q == p + 1 ? TKZ_AX_BULLET : 0);
        return q;
    case '(':
    case '[':
    case '{':
        emit(sc, p, q, TP_TOK_PUNCT, TP_TOKF_OPENING, 0);
        return q;
    case ')':
    case ']':
    case '}':
        if (c == ')')
            note_marker_end(sc, p);
        emit(sc, p, q, TP_TOK_PUNCT, TP_TOKF_CLOSING, 0);
        return q;
    case ':':
    case ';':
        e = match_emoticon(sc, p);
        if (e > p) {
            emit(sc, p, e, TP_TOK_EMOTICON, 0, 0);
            return e;
        }
        emit(sc, p, q, TP_TOK_PUNCT, 0, c == ':' ? TKZ_TERM_COLON << TKZ_AX_TERM_SHIFT : 0);
        return q;
    default:
        emit(sc, p, q, TP_TOK_PUNCT, 0, 0);
        return q;
    }
}

static size_t scan_ascii_symbol(scanner *sc, size_t p, unsigned c)
{
    const unsigned char *s = sc->s;
    const size_t n = sc->n;
    size_t q = p + 1, e;
    if (c == '@' && q < n && (is_ascii_alnum(s[q]) || s[q] == '_')) {
        while (q < n && (is_ascii_alnum(s[q]) || s[q] == '_'))
            q++;
        emit(sc, p, q, TP_TOK_HANDLE, 0, 0);
        return q;
    }
    if (c == '#' && q < n && (wordchar_at(sc, q) || s[q] == '_')) {
        int has_letter = 0;
        size_t k = q;
        while (k < n && (wordchar_at(sc, k) || s[k] == '_')) {
            int len = 1;
            if (s[k] >= 0x80)
                uni_decode(s, n, k, &len);
            has_letter |= letter_at(sc, k);
            k += (size_t)len;
        }
        if (has_letter) {
            emit(sc, p, k, TP_TOK_HASHTAG, 0, 0);
            return k;
        }
    }
    if (c == '=' || c == '<') {
        e = match_emoticon(sc, p);
        if (e > p) {
            emit(sc, p, e, TP_TOK_EMOTICON, 0, 0);
            return e;
        }
    }
    if (c == '*' && q < n && (s[q] == ' ' || s[q] == '\t'))
        emit(sc, p, q, TP_TOK_SYMBOL, 0, TKZ_AX_BULLET);
    else
        emit(sc, p, q, TP_TOK_SYMBOL, 0, 0);
    return q;
}

static size_t scan_ascii_quote(scanner *sc, size_t p, unsigned c)
{
    const unsigned char *s = sc->s;
    const size_t n = sc->n;
    size_t q = p + 1;
    if (c == '\'' && sc->sh->split_contractions && glued_to_last(sc, p)) {
        size_t cl = tkz_clitic_after(sc, q);
        if (cl) { /* Jr.'s, U.S.'s */
            emit(sc, p, q + cl, TP_TOK_WORD, TP_TOKF_CLITIC, 0);
            return q + cl;
        }
    }
    if (c == '\'' && sc->space && q + 1 < n && is_digit(s[q]) && is_digit(s[q + 1]) &&
        !(q + 2 < n && is_digit(s[q + 2]))) {
        /* '90s, '05: a year with its apostrophe */
        size_t e = q + 2;
        if (e < n && s[e] == 's' && !wordchar_at(sc, e + 1))
            e++;
        if (!wordchar_at(sc, e)) {
            emit(sc, p, e, TP_TOK_NUMBER, 0, 0);
            return e;
        }
    }
    if (c == '`' || (c == '\'' && q < n && s[q] == '\'')) {
        while (q < n && s[q] == c) /* `` and '' as quotation marks */
            q++;
        emit(sc, p, q, TP_TOK_QUOTE, c == '`' ? TP_TOKF_OPENING : TP_TOKF_CLOSING, 0);
        return q;
    }
    emit(sc, p, q, TP_TOK_QUOTE, 0, 0);
    return q;
}

static void note_space(scanner *sc, int32_t cp)
{
    sc->space = TP_TOKF_SPACE_BEFORE;
    if (cp == '\n' || cp == 0x2028 || cp == 0x0085)
        sc->nl += sc->nl < 2;
    else if (cp == 0x2029)
        sc->nl = 2;
}

/* ---- words and numbers: the fast paths ------------------------------------ */

/* A URL starting at p (http://, https://, ftp://, www.); returns its end or p. */
static size_t url_at(const scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    if (url_second[s[p]] && url_second[s[p]] == (s[p + 1] | 0x20))
        return tkz_match_url(sc, p);
    return p;
}

/* The W_* classes of the ASCII letters [start, end). */
static unsigned letter_classes(const unsigned char *s, size_t start, size_t end)
{
    unsigned seen = 0;
    for (size_t k = start; k < end; k++)
        seen |= wtab[s[k]];
    return seen;
}

/* Case flags of the ASCII letters [p, q): CAPITALISED, and ALL_CAPS for two
 * or more letters none of which is lower case. */
static inline unsigned ascii_word_flags(const unsigned char *s, size_t p, size_t q, unsigned *ax)
{
    if (wtab[s[p]] == W_LOWER) {
        *ax = TKZ_AX_LOWER;
        return 0;
    }
    *ax = 0;
    if (q - p < 2 || wtab[s[p + 1]] != W_UPPER)
        return TP_TOKF_CAPITALISED;
    for (size_t k = p + 2; k < q; k++) {
        if (wtab[s[k]] == W_LOWER)
            return TP_TOKF_CAPITALISED;
    }
    return TP_TOKF_CAPITALISED | TP_TOKF_ALL_CAPS;
}

#if defined(__SSE2__) && defined(__GNUC__)
/* One bit for each of the sixteen bytes at s that is an ASCII letter.
 * Folding to lower case and adding 0x1F puts 'a'..'z', and no other byte,
 * on the 26 lowest signed values. */
static inline unsigned letter_bits16(const unsigned char *s)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)s);
    __m128i shifted = _mm_add_epi8(_mm_or_si128(v, _mm_set1_epi8(0x20)), _mm_set1_epi8(0x1F));
    return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(shifted, _mm_set1_epi8(-128 + 26)));
}
#endif

/* The end of the run of ASCII letters from q in the text s of n bytes. */
static inline size_t letters_end(const unsigned char *s, size_t q, size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
    /* Sixteen bytes a turn while they lie within the text and its final NUL,
     * so that most words end in the first turn and the loop's exit is easy
     * to predict. */
    while (q + 16 <= n + 1) {
        unsigned stops = ~letter_bits16(s + q) & 0xFFFF;
        if (stops)
            return q + (size_t)__builtin_ctz(stops);
        q += 16;
    }
#else
    (void)n;
#endif
    /* two bytes a turn: the byte after a letter is always readable, as s[n]
     * is NUL */
    for (;; q += 2) {
        if (!(wtab[s[q]] & (W_UPPER | W_LOWER)))
            return q;
        if (!(wtab[s[q + 1]] & (W_UPPER | W_LOWER)))
            return q + 1;
    }
}

/* One bit for each of the 64 bytes from s[base] (base <= n) that is not an
 * ASCII letter; the bytes past the text's final NUL count as such. */
static inline uint64_t nonletter_bits64(const unsigned char *s, size_t base, size_t n)
{
#if defined(__SSE2__) && defined(__GNUC__)
    unsigned char tail[64];
    if (n + 1 - base < 64) { /* do not read past the NUL */
        memset(tail, 0, sizeof tail);
        memcpy(tail, s + base, n + 1 - base);
        s = tail;
        base = 0;
    }
    uint64_t letters = letter_bits16(s + base) | (uint64_t)letter_bits16(s + base + 16) << 16 |
                       (uint64_t)letter_bits16(s + base + 32) << 32 |
                       (uint64_t)letter_bits16(s + base + 48) << 48;
    return ~letters;
#else
    uint64_t bits = 0;
    for (size_t i = 0; i < 64; i++) {
        if (base + i > n || !(wtab[s[base + i]] & (W_UPPER | W_LOWER)))
            bits |= (uint64_t)1 << i;
    }
    return bits;
#endif
}

/* The letters [p, q) and what follows when plain_stop does not end them:
 * a period that ends a sentence or an abbreviation, a URL, or a word that
 * tkz_scan_word goes on with. */
static size_t scan_ascii_word_rest(scanner *sc, size_t p, size_t q)
{
    const unsigned char *s = sc->s;
    if (s[q] == '.' && !is_ascii_alnum(s[q + 1])) { /* no URL, e-mail or U.S. either */
        unsigned ax, flags = ascii_word_flags(s, p, q, &ax);
        size_t e = tkz_emit_abbreviation(sc, p, q, TP_TOK_WORD, flags, ax);
        if (e)
            return e;
        emit_word(sc, p, q, TP_TOK_WORD, flags, ax);
        return q;
    }
    size_t apostrophe = (size_t)apostrophe_at(sc, q);
    if (apostrophe && sc->sh->split_contractions) { /* a clitic, or O'Brien */
        size_t e = tkz_split_contraction(sc, p, q, q + apostrophe, 0);
        if (e)
            return e;
    }
    if (s[q] == ':' || s[q] == '.') { /* http: www. */
        size_t e = url_at(sc, p);
        if (e > p) {
            emit(sc, p, e, TP_TOK_URL, 0, 0);
            return e;
        }
    }
    return tkz_scan_word(sc, p, q, wtab[s[p]], letter_classes(s, p, q));
}

/* The letters [p, q) the general way: a word that plain_stop ends is
 * emitted (and split when it may be), anything else goes on in
 * scan_ascii_word_rest. */
static size_t scan_ascii_word_general(scanner *sc, size_t p, size_t q)
{
    const unsigned char *s = sc->s;
    if (!plain_stop[s[q]])
        return scan_ascii_word_rest(sc, p, q);
    unsigned ax, flags = ascii_word_flags(s, p, q, &ax);
    emit_word(sc, p, q, TP_TOK_WORD, flags, ax);
    return q;
}

/* Whether s[p] is an ASCII letter. */
static inline int ascii_letter_at(const unsigned char *s, size_t p)
{
    return wtab[s[p]] & (W_UPPER | W_LOWER);
}

/* Whether the period at q after the word [p, q) of ASCII letters is a
 * plain full stop, one token as scan_ascii_punct's '.' case makes it: no
 * letter or digit after it (a URL, an e-mail address, U.S.), no listed
 * abbreviation (tkz_emit_abbreviation), no initial and no list marker
 * (words of one or two letters), no ellipsis. */
static inline int plain_full_stop(const scanner *sc, size_t p, size_t q)
{
    const unsigned char *s = sc->s;
    size_t len = q - p;
    if (len < 3 || is_ascii_alnum(s[q + 1]) || s[q + 1] == '.' ||
        (s[q + 1] == ' ' && s[q + 2] == '.'))
        return 0;
    return len > 31 || !tkz_lexicon_get(&sc->sh->abbreviations, (const char *)s + p, len);
}

/* The end of the marks that scan_ascii_word and scan_word_run write after
 * the word [p, q) of ASCII letters that does not end at a space: a plain
 * full stop, or a clitic (Britain's, of *clitic bytes after the
 * apostrophe) when contractions are split; q when plain punctuation ends
 * the word, and 0 when anything else follows (the general way). */
HOT_INLINE size_t word_marks_end(const scanner *sc, size_t p, size_t q, size_t *clitic)
{
    unsigned stop = sc->s[q];
    if (plain_stop[stop])
        return q;
    if (stop == '.' && plain_full_stop(sc, p, q))
        return q + 1;
    if (stop == '\'' && sc->sh->split_contractions && (*clitic = clitic_after(sc, q + 1)))
        return q + 1 + *clitic;
    return 0;
}

/* Writes the marks [q, e) from word_marks_end after the word just written,
 * then a comma and a straight double quote glued to them, as the main loop
 * would (the full stop as scan_ascii_punct's '.' case, the clitic as
 * tkz_split_contraction, the comma as scan_ascii_punct's default, the
 * quote as scan_ascii_quote's last case); returns the end. */
static inline size_t write_marks(scanner *sc, tp_token **next, size_t q, size_t e, size_t clitic)
{
    if (clitic) {
        store_token((*next)++, q, e, TP_TOK_WORD, TP_TOKF_CLITIC, 0);
    } else if (e > q) {
        sc->cand[sc->ncand++] = (uint32_t)(*next - sc->tok);
        store_token((*next)++, q, e, TP_TOK_PUNCT, 0, TKZ_TERM_PERIOD << TKZ_AX_TERM_SHIFT);
    }
    if (sc->s[e] == ',')
        store_token((*next)++, e, e + 1, TP_TOK_PUNCT, 0, 0), e++;
    if (sc->s[e] == '"')
        store_token((*next)++, e, e + 1, TP_TOK_QUOTE, 0, 0), e++;
    return e;
}

/* The lower-case letters that start no word the Penn Treebank splits (all
 * but c g l w, see may_split): a word of scan_word_run starting with one
 * is written without the split test and with the flags of any lower-case
 * word. */
static const uint8_t simple_lower_start[256] = {
    ['a'] = 1, ['b'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['h'] = 1, ['i'] = 1,
    ['j'] = 1, ['k'] = 1, ['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1,
    ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['x'] = 1, ['y'] = 1,
    ['z'] = 1,
};

/* Reads the 64 bytes from p for scan_word_run: *nonletters gets a bit for
 * each that is not an ASCII letter (bit 0: s[p]); returns how many of them
 * may start a word (fewer before the window's end). */
static inline size_t run_block(const unsigned char *s, size_t p, size_t n, size_t window_end,
                               uint64_t *nonletters)
{
    *nonletters = nonletter_bits64(s, p, n);
    return window_end - p < 64 ? window_end - p : 64;
}

/* The words after the first of a run: most of running text. Each has a
 * single space before it and no line break, so it is never a candidate nor
 * a hint, and only its case differs from the word before; the loop keeps
 * its state in registers and writes each token with no other test. Word
 * ends come from a bit for each non-letter of the bytes from p (see
 * run_block), shifted along as the words are taken and read again when
 * they run out.
 *
 * A word ended by plain punctuation is written and the run stops there.
 * A plain full stop, a clitic (Britain's), a comma and a closing quote
 * are written as the main loop would write them (write_marks), and the
 * run goes on when a space and a letter follow. Any other end, a word
 * that splits and the window's end go the general way. */
static size_t scan_word_run(scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    const size_t n = sc->n, window_end = sc->window_end;
    tp_token *next = sc->next;
    uint64_t nonletters;
    size_t left = run_block(s, p, n, window_end, &nonletters), q;
    for (;;) {
        /* p is a letter before the window's end, after a space; bit 0 of
         * nonletters is s[p] */
        if (!nonletters) { /* the word goes on past the bits read */
            left = run_block(s, p, n, window_end, &nonletters);
            if (!nonletters) {
                q = letters_end(s, p + 64, n);
                break;
            }
        }
        size_t len = (size_t)__builtin_ctzll(nonletters), taken;
        q = p + len;
        unsigned stop = s[q];
        uint64_t tail;
        if (simple_lower_start[s[p]]) { /* ascii_word_flags, and no split */
            tail = TKZ_TOKEN_TAIL(TP_TOK_WORD, TP_TOKF_SPACE_BEFORE, TKZ_AX_LOWER);
        } else {
            if (splits_word(sc, s + p, len))
                break;
            unsigned ax, flags = ascii_word_flags(s, p, q, &ax);
            tail = TKZ_TOKEN_TAIL(TP_TOK_WORD, flags | TP_TOKF_SPACE_BEFORE, ax);
        }
        if (__builtin_expect(stop == ' ', 1)) {
            store_token_tail(next++, p, q, tail);
            taken = len + 1;
        } else {
            size_t clitic = 0, e = word_marks_end(sc, p, q, &clitic);
            if (!e)
                break;
            store_token_tail(next++, p, q, tail);
            e = write_marks(sc, &next, q, e, clitic);
            if (s[e] != ' ' || !ascii_letter_at(s, e + 1)) {
                /* as the main loop would leave it after the marks */
                sc->next = next;
                if (s[e] != ' ') {
                    sc->space = 0;
                    return e;
                }
                return e + 1; /* sc->space stays TP_TOKF_SPACE_BEFORE */
            }
            taken = e + 1 - p;
        }
        p += taken;
        if (taken < left) {
            nonletters >>= taken;
            left -= taken;
        } else if (p < window_end) {
            left = run_block(s, p, n, window_end, &nonletters);
        } else {
            break;
        }
        if (nonletters & 1)
            break;
    }
    sc->next = next;
    if (p > q) /* between words: at a non-letter or the window's end */
        return p; /* sc->space stays TP_TOKF_SPACE_BEFORE */
    return scan_ascii_word_general(sc, p, q); /* a word not for the run */
}

/* A run of ASCII letters at p, the bulk of any text: the first word of a
 * run (after a line break, a quote or a bracket, or the main loop's other
 * steps). A word that a space or plain punctuation ends is emitted here
 * with its marks (see word_marks_end), and after a single space the next
 * word goes on in scan_word_run. Anything else (a period that may belong
 * to an abbreviation, an apostrophe, a hyphen, a digit, a non-ASCII
 * character) may extend or reinterpret the letters, and goes the general
 * way from where they stopped. */
HOT_INLINE size_t scan_ascii_word(scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    size_t q = letters_end(s, p + 1, sc->n), e = q, clitic = 0;
    if (s[q] != ' ')
        e = word_marks_end(sc, p, q, &clitic);
    if (!e || splits_word(sc, s + p, q - p))
        return scan_ascii_word_general(sc, p, q);
    unsigned ax, flags = ascii_word_flags(s, p, q, &ax);
    emit(sc, p, q, TP_TOK_WORD, flags, ax);
    e = write_marks(sc, &sc->next, q, e, clitic);
    if (s[e] != ' ')
        return e;
    sc->space = TP_TOKF_SPACE_BEFORE;
    p = e + 1;
    if (!ascii_letter_at(s, p) || p >= sc->window_end)
        return p;
    return scan_word_run(sc, p);
}

/* A run of ASCII digits at p: a number ended by a space or plain
 * punctuation, or by a comma or period that nothing tkz_scan_word joins
 * follows (1,000 12.5 1.a), is emitted here; anything else goes on in
 * tkz_scan_word (3:30 1990s 25-year-old). */
HOT_INLINE size_t scan_ascii_number(scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    size_t q = p + 1;
    while (is_digit(s[q])) /* s[n] is NUL */
        q++;
    unsigned stop = s[q];
    if (plain_stop[stop] != 1 && !(stop == ',' && !is_digit(s[q + 1])) &&
        !(stop == '.' && !is_ascii_alnum(s[q + 1])))
        return tkz_scan_word(sc, p, q, W_DIGIT, W_DIGIT);
    emit(sc, p, q, TP_TOK_NUMBER, 0, 0);
    return q;
}

/* A character at p that is not ASCII. */
static size_t scan_nonascii(scanner *sc, size_t p)
{
    int len;
    int32_t cp = uni_decode(sc->s, sc->n, p, &len);
    int cat = uni_category(cp);
    if (uni_is_word_cat(cat)) {
        if (uni_is_mark_cat(cat) && glued_to_last(sc, p)) {
            /* a stray combining mark joins the token before it */
            sc->next[-1].end = (uint32_t)(p + (size_t)len);
            return p + (size_t)len;
        }
        return tkz_scan_word(sc, p, p, word_class_of_cat(cat), 0);
    }
    if (cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL ||
        cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_CC) {
        note_space(sc, cp);
        return p + (size_t)len;
    }
    if (cat == UTF8PROC_CATEGORY_CF)
        return p + (size_t)len; /* BOM, zero-width space: invisible, no token */
    return scan_other(sc, p);
}

/* One step of the main loop: white space, or one token (two for a word and
 * its clitic) from p. Returns where the next step starts. */
HOT_INLINE size_t scan_step(scanner *sc, size_t p)
{
    const unsigned char *s = sc->s;
    unsigned c = s[p];
    if (ascii_letter_at(s, p)) /* most steps: before the switch's jump table */
        return scan_ascii_word(sc, p);
    switch (byte_class[c]) {
    case A_SPACE:
        sc->space = TP_TOKF_SPACE_BEFORE;
        do
            p++;
        while (s[p] == ' '); /* s[n] is NUL */
        return p;
    case A_NL:
        sc->space = TP_TOKF_SPACE_BEFORE;
        sc->nl += sc->nl < 2;
        return p + 1;
    case A_CR: /* a lone CR is a line break; CR LF counts once */
        sc->space = TP_TOKF_SPACE_BEFORE;
        if (s[p + 1] != '\n')
            sc->nl += sc->nl < 2;
        return p + 1;
    case A_DIGIT:
        p = scan_ascii_number(sc, p);
        break;
    case A_PUNCT:
        p = scan_ascii_punct(sc, p, c);
        break;
    case A_SYMBOL:
        p = scan_ascii_symbol(sc, p, c);
        break;
    case A_QUOTE:
        p = scan_ascii_quote(sc, p, c);
        break;
    default: /* non-ASCII (letters were taken above) */
        return scan_nonascii(sc, p);
    }
    if (s[p] == ' ') { /* the usual single space after a token: spare a turn */
        sc->space = TP_TOKF_SPACE_BEFORE;
        p++;
    }
    return p;
}

/* Makes room for the tokens of a window of text from p and sets the
 * window's end. Every token takes at least one byte and the step that
 * crosses the end emits at most TKZ_TOKENS_PER_STEP_MAX, so the steps
 * starting inside the window never overrun the array. */
static int make_room(scanner *sc, size_t p)
{
    enum { WINDOW_MIN = 4096 };
    tkz_buf *b = sc->b;
    size_t rest = sc->n - p;
    size_t want = (rest < WINDOW_MIN ? rest : WINDOW_MIN) + TKZ_TOKENS_PER_STEP_MAX;
    size_t ntok = sc->tok ? tokens_so_far(sc) : 0; /* no array before the first document */
    while (b->tokcap - ntok < want) {
        if (grow_tokens(b))
            return TP_ENOMEM;
        sc->tok = b->tok;
        sc->next = b->tok + ntok;
        sc->cand = b->cand;
    }
    size_t room = b->tokcap - ntok - TKZ_TOKENS_PER_STEP_MAX;
    sc->window_end = room < rest ? p + room : sc->n;
    return 0;
}

int tkz_scan(const tkz_shared *sh, const char *text, size_t len, tkz_buf *b)
{
    if (len >= UINT32_MAX)
        return TP_ELIMIT;
    if (text[len] != '\0')
        return TP_EINVAL;
    scanner sc = {
        .s = (const unsigned char *)text,
        .n = len,
        .sh = sh,
        .b = b,
        .tok = b->tok,
        .next = b->tok,
        .cand = b->cand,
        .space = TP_TOKF_SPACE_BEFORE,
    };
    b->ntok = 0;
    b->ncand = 0;
    b->nhint = 0;
    size_t p = 0;
    do { /* at least once: sc.tok is then never NULL */
        if (make_room(&sc, p))
            return TP_ENOMEM;
        while (p < sc.window_end)
            p = scan_step(&sc, p);
    } while (p < len);
    b->ntok = tokens_so_far(&sc);
    b->ncand = sc.ncand;
    return sc.failed ? TP_ENOMEM : 0;
}

void tkz_buf_init(tkz_buf *b)
{
    memset(b, 0, sizeof *b);
}

void tkz_buf_free(tkz_buf *b)
{
    free(b->tok);
    free(b->mark);
    free(b->cand);
    free(b->visit);
    free(b->hint);
    free(b->sent);
    free(b->para);
    memset(b, 0, sizeof *b);
}
