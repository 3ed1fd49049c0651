/* scan_internal.h - what the scanner's source files share: the scanner
 * state, the byte tables, small character tests and emit(), the one call
 * per token. Not part of the plugin's interface (that is tkz.h). */
#ifndef TPIPE_TOKENIZER_SCAN_INTERNAL_H
#define TPIPE_TOKENIZER_SCAN_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "tkz.h"
#include "uni.h"

enum { A_SPACE = 1, A_NL, A_CR, A_UPPER, A_LOWER, A_DIGIT, A_PUNCT, A_SYMBOL, A_QUOTE };

/* Class of each ASCII byte. Control characters count as space. */
static const uint8_t ascii_class[128] = {
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
    unsigned space; /* white space (or the text start) since the last token */
    unsigned nl;    /* newlines since the last token, saturating at 2 */
    int failed;     /* out of memory */
} scanner;

/* ---- small character tests ---------------------------------------------- */

static inline int is_ascii_alnum(unsigned c)
{
    return c < 128 && ascii_class[c] >= A_UPPER && ascii_class[c] <= A_DIGIT;
}

static inline int is_ascii_alpha(unsigned c)
{
    return c < 128 && (ascii_class[c] == A_UPPER || ascii_class[c] == A_LOWER);
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

/* ---- emitting ----------------------------------------------------------- */

int tkz_grow_tokens(tkz_buf *b);
/* Notes token `index` as a possible list marker or bullet (b->hint). */
void tkz_add_hint(scanner *sc, size_t index);

/* emit() runs once per token: keep it inlined into the scanner's hot paths. */
#if defined(__GNUC__)
#define HOT_INLINE static inline __attribute__((always_inline))
#else
#define HOT_INLINE static inline
#endif

HOT_INLINE void emit(scanner *sc, size_t start, size_t end, unsigned kind, unsigned flags,
                     unsigned ax)
{
    if (ax & TKZ_AX_BULLET)
        tkz_add_hint(sc, sc->b->ntok);
    tkz_buf *b = sc->b;
    if (b->ntok == b->tokcap && tkz_grow_tokens(b)) {
        sc->failed = 1;
        return;
    }
    tp_token *t = &b->tok[b->ntok];
    t->start = (uint32_t)start;
    t->end = (uint32_t)end;
    t->kind = (uint8_t)kind;
    t->reserved = 0;
    t->flags = (uint16_t)(flags | (sc->space ? TP_TOKF_SPACE_BEFORE : 0));
    t->sentence = 0;
    b->ax[b->ntok] = (uint8_t)(ax | sc->nl);
    b->ntok++;
    sc->space = 0;
    sc->nl = 0;
}

/* Case flags of the text [start, end), computed off the fast path. */
unsigned tkz_case_flags(const scanner *sc, size_t start, size_t end, unsigned *ax);
/* Whether [start, end) holds at least two upper-case letters. */
int tkz_two_uppers(const scanner *sc, size_t start, size_t end);

/* ---- words (scan_word.c) ------------------------------------------------- */

size_t tkz_clitic_after(const scanner *sc, size_t a);
void tkz_emit_word(scanner *sc, size_t start, size_t end, unsigned kind, unsigned flags,
                   unsigned ax);
size_t tkz_scan_word(scanner *sc, size_t start, int decimal);

/* ---- e-mail, domains, URLs (scan_link.c); each returns the end or p ----- */

size_t tkz_match_email(const scanner *sc, size_t p);
size_t tkz_match_url(const scanner *sc, size_t p);
size_t tkz_match_bare_domain(const scanner *sc, size_t p);
size_t tkz_match_dotted_abbreviation(const scanner *sc, size_t p);

#endif
