/* scan_internal.h - what the scanner's source files share: the scanner
 * state, the byte tables, small character tests and emit(), the one call
 * per token. Not part of the plugin's interface (that is tkz.h). */
#ifndef TPIPE_TOKENIZER_SCAN_INTERNAL_H
#define TPIPE_TOKENIZER_SCAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "tkz.h"
#include "uni.h"

enum {
    A_NONASCII = 0, /* a byte of a multi-byte UTF-8 sequence */
    A_SPACE,
    A_NL,
    A_CR,
    A_UPPER,
    A_LOWER,
    A_DIGIT,
    A_PUNCT,
    A_SYMBOL,
    A_QUOTE,
};

/* Class of each byte, so the scanner dispatches on one table load. Control
 * characters count as space. */
static const uint8_t byte_class[256] = {
    [0] = A_SPACE, [1] = A_SPACE, [2] = A_SPACE, [3] = A_SPACE, [4] = A_SPACE,
    [5] = A_SPACE, [6] = A_SPACE, [7] = A_SPACE, [8] = A_SPACE, ['\t'] = A_SPACE,
    ['\n'] = A_NL, [11] = A_SPACE, [12] = A_SPACE, ['\r'] = A_CR, [14] = A_SPACE,
    [15] = A_SPACE, [16] = A_SPACE, [17] = A_SPACE, [18] = A_SPACE, [19] = A_SPACE,
    [20] = A_SPACE, [21] = A_SPACE, [22] = A_SPACE, [23] = A_SPACE, [24] = A_SPACE,
    [25] = A_SPACE, [26] = A_SPACE, [27] = A_SPACE, [28] = A_SPACE, [29] = A_SPACE,
    [30] = A_SPACE, [31] = A_SPACE, [' '] = A_SPACE, [127] = A_SPACE,
    ['!'] = A_PUNCT, ['"'] = A_QUOTE, ['#'] = A_SYMBOL, ['$'] = A_SYMBOL,
    ['%'] = A_SYMBOL, ['&'] = A_SYMBOL, ['\''] = A_QUOTE, ['('] = A_PUNCT,
    [')'] = A_PUNCT, ['*'] = A_SYMBOL, ['+'] = A_SYMBOL, [','] = A_PUNCT,
    ['-'] = A_PUNCT, ['.'] = A_PUNCT, ['/'] = A_PUNCT, [':'] = A_PUNCT,
    [';'] = A_PUNCT, ['<'] = A_SYMBOL, ['='] = A_SYMBOL, ['>'] = A_SYMBOL,
    ['?'] = A_PUNCT, ['@'] = A_SYMBOL, ['['] = A_PUNCT, ['\\'] = A_PUNCT,
    [']'] = A_PUNCT, ['^'] = A_SYMBOL, ['_'] = A_PUNCT, ['`'] = A_QUOTE,
    ['{'] = A_PUNCT, ['|'] = A_SYMBOL, ['}'] = A_PUNCT, ['~'] = A_SYMBOL,
    ['0'] = A_DIGIT, ['1'] = A_DIGIT, ['2'] = A_DIGIT, ['3'] = A_DIGIT, ['4'] = A_DIGIT,
    ['5'] = A_DIGIT, ['6'] = A_DIGIT, ['7'] = A_DIGIT, ['8'] = A_DIGIT, ['9'] = A_DIGIT,
    ['A'] = A_UPPER, ['B'] = A_UPPER, ['C'] = A_UPPER, ['D'] = A_UPPER, ['E'] = A_UPPER,
    ['F'] = A_UPPER, ['G'] = A_UPPER, ['H'] = A_UPPER, ['I'] = A_UPPER, ['J'] = A_UPPER,
    ['K'] = A_UPPER, ['L'] = A_UPPER, ['M'] = A_UPPER, ['N'] = A_UPPER, ['O'] = A_UPPER,
    ['P'] = A_UPPER, ['Q'] = A_UPPER, ['R'] = A_UPPER, ['S'] = A_UPPER, ['T'] = A_UPPER,
    ['U'] = A_UPPER, ['V'] = A_UPPER, ['W'] = A_UPPER, ['X'] = A_UPPER, ['Y'] = A_UPPER,
    ['Z'] = A_UPPER,
    ['a'] = A_LOWER, ['b'] = A_LOWER, ['c'] = A_LOWER, ['d'] = A_LOWER, ['e'] = A_LOWER,
    ['f'] = A_LOWER, ['g'] = A_LOWER, ['h'] = A_LOWER, ['i'] = A_LOWER, ['j'] = A_LOWER,
    ['k'] = A_LOWER, ['l'] = A_LOWER, ['m'] = A_LOWER, ['n'] = A_LOWER, ['o'] = A_LOWER,
    ['p'] = A_LOWER, ['q'] = A_LOWER, ['r'] = A_LOWER, ['s'] = A_LOWER, ['t'] = A_LOWER,
    ['u'] = A_LOWER, ['v'] = A_LOWER, ['w'] = A_LOWER, ['x'] = A_LOWER, ['y'] = A_LOWER,
    ['z'] = A_LOWER,
};

typedef struct scanner {
    const unsigned char *s;
    size_t n;
    const tkz_shared *sh;
    tkz_buf *b;
    tp_token *tok;  /* b->tok, with room for whatever the current window emits */
    tp_token *next; /* where the next token goes (b->ntok is set when the scan ends) */
    uint32_t *cand; /* b->cand */
    size_t ncand;   /* candidates so far (b->ncand is set when the scan ends) */
    size_t window_end; /* steps start before it (see tkz_scan) */
    unsigned space; /* TP_TOKF_SPACE_BEFORE after white space (or at the text start), else 0 */
    unsigned nl;    /* newlines since the last token, saturating at 2 */
    int failed;     /* out of memory */
} scanner;

/* ---- small character tests ---------------------------------------------- */

static inline int is_ascii_alnum(unsigned char c)
{
    return byte_class[c] >= A_UPPER && byte_class[c] <= A_DIGIT;
}

static inline int is_ascii_alpha(unsigned char c)
{
    return byte_class[c] == A_UPPER || byte_class[c] == A_LOWER;
}

static inline int is_digit(unsigned c)
{
    return c >= '0' && c <= '9';
}

/* Whether the character at p continues a word: an ASCII letter or digit, or
 * a Unicode letter, mark or number. */
static inline int wordchar_at(const scanner *sc, size_t p)
{
    if (p >= sc->n)
        return 0;
    unsigned c = sc->s[p];
    if (c < 0x80)
        return is_ascii_alnum(c);
    int len;
    return uni_is_word_cat(uni_category(uni_decode(sc->s, sc->n, p, &len)));
}

static inline int letter_at(const scanner *sc, size_t p)
{
    if (p >= sc->n)
        return 0;
    unsigned c = sc->s[p];
    if (c < 0x80)
        return is_ascii_alpha(c);
    int len;
    return uni_is_letter_cat(uni_category(uni_decode(sc->s, sc->n, p, &len)));
}

/* An apostrophe at p: ' or ’ (U+2019); returns its length or 0. */
static inline int apostrophe_at(const scanner *sc, size_t p)
{
    if (p >= sc->n)
        return 0;
    if (sc->s[p] == '\'')
        return 1;
    if (sc->s[p] == 0xE2 && p + 2 < sc->n && sc->s[p + 1] == 0x80 && sc->s[p + 2] == 0x99)
        return 3;
    return 0;
}

static inline unsigned lower(unsigned c)
{
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Classes OR-ed together while scanning a word. ASCII letters and digits
 * map through wtab so the common case is one table load per byte. */
enum {
    W_LOWER = 1,  /* lower-case letter */
    W_UPPER = 2,  /* upper- or title-case letter */
    W_DIGIT = 4,  /* a digit or other number character */
    W_LETTER = 8, /* a letter without case (CJK, Arabic, modifier letters) */
    W_JOIN = 16,  /* a hyphen, apostrophe, _ & or separator inside the word */
};

static const uint8_t wtab[256] = {
    ['0'] = W_DIGIT, ['1'] = W_DIGIT, ['2'] = W_DIGIT, ['3'] = W_DIGIT, ['4'] = W_DIGIT,
    ['5'] = W_DIGIT, ['6'] = W_DIGIT, ['7'] = W_DIGIT, ['8'] = W_DIGIT, ['9'] = W_DIGIT,
    ['A'] = W_UPPER, ['B'] = W_UPPER, ['C'] = W_UPPER, ['D'] = W_UPPER, ['E'] = W_UPPER,
    ['F'] = W_UPPER, ['G'] = W_UPPER, ['H'] = W_UPPER, ['I'] = W_UPPER, ['J'] = W_UPPER,
    ['K'] = W_UPPER, ['L'] = W_UPPER, ['M'] = W_UPPER, ['N'] = W_UPPER, ['O'] = W_UPPER,
    ['P'] = W_UPPER, ['Q'] = W_UPPER, ['R'] = W_UPPER, ['S'] = W_UPPER, ['T'] = W_UPPER,
    ['U'] = W_UPPER, ['V'] = W_UPPER, ['W'] = W_UPPER, ['X'] = W_UPPER, ['Y'] = W_UPPER,
    ['Z'] = W_UPPER,
    ['a'] = W_LOWER, ['b'] = W_LOWER, ['c'] = W_LOWER, ['d'] = W_LOWER, ['e'] = W_LOWER,
    ['f'] = W_LOWER, ['g'] = W_LOWER, ['h'] = W_LOWER, ['i'] = W_LOWER, ['j'] = W_LOWER,
    ['k'] = W_LOWER, ['l'] = W_LOWER, ['m'] = W_LOWER, ['n'] = W_LOWER, ['o'] = W_LOWER,
    ['p'] = W_LOWER, ['q'] = W_LOWER, ['r'] = W_LOWER, ['s'] = W_LOWER, ['t'] = W_LOWER,
    ['u'] = W_LOWER, ['v'] = W_LOWER, ['w'] = W_LOWER, ['x'] = W_LOWER, ['y'] = W_LOWER,
    ['z'] = W_LOWER,
};

/* The W_* class of a word character's Unicode category. */
static inline unsigned word_class_of_cat(int cat)
{
    switch (cat) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
        return W_UPPER;
    case UTF8PROC_CATEGORY_LL:
        return W_LOWER;
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
        return W_LETTER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return W_DIGIT;
    default:
        return 0; /* marks */
    }
}

/* ---- emitting ----------------------------------------------------------- */

/* The most tokens the scanner emits from one position inside its window
 * without looking at the window's end again (a word, its clitic, a comma
 * and a quote in scan_word_run): tkz_scan keeps that much room beyond the
 * bytes of its current window, so emit() needs no capacity check. */
#define TKZ_TOKENS_PER_STEP_MAX 4

/* Notes token `index` as a possible list marker or bullet (b->hint). */
void tkz_add_hint(scanner *sc, size_t index);

/* emit() runs once per token: keep it inlined into the scanner's hot paths. */
#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#else
#define HOT_INLINE static inline
#endif

/* The number of tokens emitted so far. */
static inline size_t tokens_so_far(const scanner *sc)
{
    return (size_t)(sc->next - sc->tok);
}

/* Writes a token field by field: a compound literal would zero the token
 * first and then overwrite it. `ax` goes to .sentence (tkz_ax()). */
static inline void store_token(tp_token *t, size_t start, size_t end, unsigned kind,
                               unsigned flags, unsigned ax)
{
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kind = (uint8_t)kind;
    t->reserved = 0;
    t->flags = (uint16_t)flags;
    t->sentence = ax;
}

/* The fields of a token after its span (kind, reserved, flags and `ax` for
 * .sentence) as one 64-bit word for store_token_tail: a word whose fields
 * are constant costs one store. */
#define TKZ_TOKEN_TAIL(kind, flags, ax)                                                         \
    ((uint64_t)(kind) | (uint64_t)(flags) << 16 | (uint64_t)(ax) << 32)

/* store_token with the fields after the span from TKZ_TOKEN_TAIL. */
static inline void store_token_tail(tp_token *t, size_t start, size_t end, uint64_t tail)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
    _Static_assert(offsetof(tp_token, kind) == 8 && offsetof(tp_token, reserved) == 9 &&
                       offsetof(tp_token, flags) == 10 && offsetof(tp_token, sentence) == 12 &&
                       sizeof(tp_token) == 16,
                   "TKZ_TOKEN_TAIL follows tp_token's layout");
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    memcpy((unsigned char *)t + offsetof(tp_token, kind), &tail, sizeof tail);
#else
    store_token(t, start, end, tail & 0xFF, (tail >> 16) & 0xFFFF, (unsigned)(tail >> 32));
#endif
}

HOT_INLINE void emit(scanner *sc, size_t start, size_t end, unsigned kind, unsigned flags,
                     unsigned ax)
{
    if (ax & TKZ_AX_BULLET)
        tkz_add_hint(sc, tokens_so_far(sc));
    tp_token *t = sc->next++;
    ax |= sc->nl;
    store_token(t, start, end, kind, flags | sc->space, ax);
    if (ax & TKZ_AX_CANDIDATE)
        sc->cand[sc->ncand++] = (uint32_t)(t - sc->tok);
    sc->space = 0;
    sc->nl = 0;
}

/* Whether the last token ends at p with no space after it: p continues it
 * (Jr.'s, a stray combining mark). */
static inline int glued_to_last(const scanner *sc, size_t p)
{
    return !sc->space && sc->next != sc->tok && sc->next[-1].end == p;
}

/* Case flags of the text [start, end), computed off the fast path. */
unsigned tkz_case_flags(const scanner *sc, size_t start, size_t end, unsigned *ax);
/* Whether [start, end) holds at least two upper-case letters. */
int tkz_two_uppers(const scanner *sc, size_t start, size_t end);

/* ---- words (scan_word.c) ------------------------------------------------- */

size_t tkz_clitic_after(const scanner *sc, size_t a);

/* tkz_clitic_after with the usual case inline: 's before an ASCII byte. */
static inline size_t clitic_after(const scanner *sc, size_t a)
{
    const unsigned char *s = sc->s;
    if ((s[a] | 0x20) == 's' && s[a + 1] < 0x80) /* s[a] is no NUL: s[a + 1] is readable */
        return is_ascii_alnum(s[a + 1]) ? 0 : 1;
    return tkz_clitic_after(sc, a);
}

/* Whether the word w of `len` bytes could be one the Penn Treebank splits
 * after its third letter (can|not gon|na got|ta wan|na lem|me gim|me): the
 * cheap test before tkz_emit_split_word looks it up. */
static inline int may_split(const unsigned char *w, size_t len)
{
    static const uint8_t first[256] = {['c'] = 1, ['g'] = 1, ['w'] = 1, ['l'] = 1,
                                       ['C'] = 1, ['G'] = 1, ['W'] = 1, ['L'] = 1};
    if (len - 5 > 1 || !first[w[0]]) /* the length first: no load for most words */
        return 0;
    unsigned c3 = w[3] | 0x20;
    return c3 == 'n' || c3 == 't' || c3 == 'm';
}

/* Where the Penn Treebank splits the whole word w of `len` bytes (cannot
 * -> can not, gonna -> gon na, ...; any case), or 0. */
size_t tkz_split_point(const unsigned char *w, size_t len);

/* Whether the word w of `len` bytes is one of those and the options ask
 * for the split. */
static inline int splits_word(const scanner *sc, const unsigned char *w, size_t len)
{
    return may_split(w, len) && sc->sh->split_contractions && tkz_split_point(w, len);
}

/* Emits the word [start, end), split in two when it is one of those words
 * and the options ask for it. */
void tkz_emit_split_word(scanner *sc, size_t start, size_t end, unsigned flags, unsigned ax);

/* Emits a token of `kind` from a word scanner: words go through the
 * contraction check, which is rarely more than a length test. */
HOT_INLINE void emit_word(scanner *sc, size_t start, size_t end, unsigned kind, unsigned flags,
                          unsigned ax)
{
    if (kind == TP_TOK_WORD && may_split(sc->s + start, end - start))
        tkz_emit_split_word(sc, start, end, flags, ax);
    else
        emit(sc, start, end, kind, flags, ax);
}

/* The word [start, q) before an apostrophe [q, a) when contractions are
 * split: emits the word and its clitic (Trump 's, they 're, do n't, ca n't)
 * and returns their end, or returns 0 and emits nothing when no clitic
 * follows. `number`: the word is a number (1990 's). */
size_t tkz_split_contraction(scanner *sc, size_t start, size_t q, size_t a, int number);

/* The word [start, q) of `kind` and `flags`, with no digit or joiner, before
 * a period at q: emits it with its period when it is an abbreviation from
 * the list (for its class, what follows) or an initial, and returns q + 1;
 * returns 0 and emits nothing otherwise. */
size_t tkz_emit_abbreviation(scanner *sc, size_t start, size_t q, unsigned kind, unsigned flags,
                             unsigned ax);

/* Scans the rest of a word or number starting at `start` whose bytes up to
 * q are word characters already seen, of the W_* classes `seen`; `first`
 * is the class of the first character (W_DIGIT for a '.' before a digit).
 * Returns the end of everything emitted. */
size_t tkz_scan_word(scanner *sc, size_t start, size_t q, unsigned first, unsigned seen);

/* ---- e-mail, domains, URLs (scan_link.c); each returns the end or p ----- */

size_t tkz_match_email(const scanner *sc, size_t p);
size_t tkz_match_url(const scanner *sc, size_t p);
size_t tkz_match_bare_domain(const scanner *sc, size_t p);
size_t tkz_match_dotted_abbreviation(const scanner *sc, size_t p);

#endif
