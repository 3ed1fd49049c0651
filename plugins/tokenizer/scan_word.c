/* scan_word.c - words and numbers: letters, digits and the characters
 * that join them (1,000 high-stakes O'Brien AT&T), contractions split the
 * Penn Treebank way, abbreviations with their period. */
#include <string.h>

#include <tpipe/error.h>

#include "scan_internal.h"

/* The length of a clitic after an apostrophe at a: s re ve ll d m (any case),
 * followed by a non-word character; 0 otherwise. */
size_t tkz_clitic_after(const scanner *sc, size_t a)
{
    const unsigned char *s = sc->s;
    size_t len = 0;
    if (a >= sc->n)
        return 0;
    unsigned c0 = lower(s[a]);
    unsigned c1 = a + 1 < sc->n ? lower(s[a + 1]) : 0;
    if (c0 == 's' || c0 == 'd' || c0 == 'm')
        len = 1;
    else if ((c0 == 'r' && c1 == 'e') || (c0 == 'v' && c1 == 'e') || (c0 == 'l' && c1 == 'l'))
        len = 2;
    else
        return 0;
    if (wordchar_at(sc, a + len))
        return 0;
    return len;
}

size_t tkz_split_point(const unsigned char *w, size_t len)
{
    static const struct {
        char word[7];
        uint8_t len, at;
    } table[] = {{"cannot", 6, 3}, {"gonna", 5, 3}, {"gotta", 5, 3}, {"wanna", 5, 3},
                 {"lemme", 5, 3},  {"gimme", 5, 3}};
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (table[i].len != len || lower(w[0]) != (unsigned char)table[i].word[0])
            continue;
        size_t k = 1;
        while (k < len && lower(w[k]) == (unsigned char)table[i].word[k])
            k++;
        if (k == len)
            return table[i].at;
    }
    return 0;
}

void tkz_emit_split_word(scanner *sc, size_t start, size_t end, unsigned flags, unsigned ax)
{
    size_t at = sc->sh->split_contractions ? tkz_split_point(sc->s + start, end - start) : 0;
    if (!at) {
        emit(sc, start, end, TP_TOK_WORD, flags, ax);
        return;
    }
    emit(sc, start, start + at, TP_TOK_WORD, flags & ~TP_TOKF_ALL_CAPS, ax);
    unsigned neg = lower(sc->s[start + at]) == 'n' ? TP_TOKF_NEGATION : 0;
    emit(sc, start + at, end, TP_TOK_WORD, neg | (flags & TP_TOKF_ALL_CAPS), 0);
}

/* Case flags of a token, computed from its text (used off the fast path:
 * abbreviations, e-mail, URLs). */
unsigned tkz_case_flags(const scanner *sc, size_t start, size_t end, unsigned *ax)
{
    const unsigned char *s = sc->s;
    unsigned first = 0, uppers = 0, lowers = 0; /* first: the first letter's W_* class */
    for (size_t p = start; p < end;) {
        unsigned w;
        if (s[p] < 0x80) {
            w = wtab[s[p++]];
        } else {
            int len;
            w = word_class_of_cat(uni_category(uni_decode(s, sc->n, p, &len)));
            p += (size_t)len;
        }
        w &= W_UPPER | W_LOWER | W_LETTER;
        if (!first)
            first = w;
        uppers += w == W_UPPER;
        lowers += w == W_LOWER;
    }
    unsigned f = 0;
    if (first == W_UPPER)
        f |= TP_TOKF_CAPITALISED;
    if (uppers >= 2 && lowers == 0)
        f |= TP_TOKF_ALL_CAPS;
    if (ax && first == W_LOWER)
        *ax |= TKZ_AX_LOWER;
    return f;
}

/* Whether tokens [start, end) hold at least two upper-case letters (called
 * only for words without lower-case letters, so rarely). */
int tkz_two_uppers(const scanner *sc, size_t start, size_t end)
{
    unsigned uppers = 0;
    for (size_t p = start; p < end && uppers < 2;) {
        int len = 1;
        unsigned c = sc->s[p];
        if (c < 0x80)
            uppers += wtab[c] == W_UPPER;
        else
            uppers += word_class_of_cat(uni_category(uni_decode(sc->s, sc->n, p, &len))) ==
                      W_UPPER;
        p += (size_t)len;
    }
    return uppers >= 2;
}

/* ---- words and numbers ----------------------------------------------------- */

/* Characters after a word that may make it an e-mail address, a domain or
 * an abbreviation. */
static const uint8_t word_tail[256] = {['.'] = 1, ['@'] = 1, ['_'] = 1, ['+'] = 1, ['%'] = 1};

size_t tkz_split_contraction(scanner *sc, size_t start, size_t q, size_t a, int number)
{
    const unsigned char *s = sc->s;
    size_t cl = tkz_clitic_after(sc, a);
    if (cl) {
        /* Trump's -> Trump 's ; they're -> they 're */
        unsigned ax = 0;
        unsigned f = number ? 0 : tkz_case_flags(sc, start, q, &ax);
        emit(sc, start, q, number ? TP_TOK_NUMBER : TP_TOK_WORD, f, ax);
        emit(sc, q, a + cl, TP_TOK_WORD, TP_TOKF_CLITIC, 0);
        return a + cl;
    }
    if (lower(s[q - 1]) == 'n' && a < sc->n && lower(s[a]) == 't' && !wordchar_at(sc, a + 1)) {
        /* don't -> do n't ; can't -> ca n't (Penn Treebank) */
        if (q - 1 > start) {
            unsigned ax = 0;
            unsigned f = tkz_case_flags(sc, start, q - 1, &ax);
            emit(sc, start, q - 1, TP_TOK_WORD, f, ax);
        }
        emit(sc, q - 1, a + 1, TP_TOK_WORD, TP_TOKF_CLITIC | TP_TOKF_NEGATION, 0);
        return a + 1;
    }
    return 0;
}

size_t tkz_emit_abbreviation(scanner *sc, size_t start, size_t q, unsigned kind, unsigned flags,
                             unsigned ax)
{
    const unsigned char *s = sc->s;
    const size_t n = sc->n;
    uint8_t cls = TKZ_ABBR_NONE;
    size_t wl = q - start;
    int len = 1;
    if (s[start] >= 0x80)
        uni_decode(s, n, start, &len);
    if ((size_t)len == wl) {
        /* initials: J. Smith; also a. b. c. list items; but not a
         * letter glued to what precedes it (40.5°C.) */
        const tp_token *prev = sc->next != sc->tok ? sc->next - 1 : NULL;
        if (sc->space || !prev || prev->kind == TP_TOK_QUOTE || (prev->flags & TP_TOKF_OPENING)) {
            cls = TKZ_ABBR_PLAIN;
            tkz_add_hint(sc, tokens_so_far(sc));
        }
    } else if (wl <= 31) {
        cls = tkz_lexicon_get(&sc->sh->abbreviations, (const char *)s + start, wl);
    }
    if (cls == TKZ_ABBR_NUMBER) {
        /* No. 5, Feb. 28, p. 55: only before a number */
        size_t k = q + 1;
        while (k < n && (s[k] == ' ' || s[k] == '\t'))
            k++;
        if (!(k < n && is_digit(s[k])) &&
            !(k + 2 < n && s[k] == 0xC2 && s[k + 1] == 0xA0 && is_digit(s[k + 2])))
            cls = TKZ_ABBR_NONE;
    }
    if (cls == TKZ_ABBR_NONE)
        return 0;
    unsigned term = cls == TKZ_ABBR_TITLE    ? TKZ_TERM_ABBR_TITLE
                    : cls == TKZ_ABBR_NUMBER ? TKZ_TERM_ABBR_NUM
                                             : TKZ_TERM_ABBR;
    emit(sc, start, q + 1, kind, flags | TP_TOKF_ABBREVIATION, ax | (term << TKZ_AX_TERM_SHIFT));
    return q + 1;
}

size_t tkz_scan_word(scanner *sc, size_t start, size_t q, unsigned first, unsigned seen)
{
    const unsigned char *s = sc->s;
    const size_t n = sc->n;
    int hyphen_word = 0; /* a hyphen followed by a letter: 25-year-old is a word */

    for (;;) {
        unsigned w;
        /* s[n] is NUL (tkz_scan's contract), which stops this loop */
        while ((w = wtab[s[q]]) != 0) {
            seen |= w;
            q++;
        }
        if (q >= n)
            break;
        unsigned c = s[q];
        if (c < 0x80) {
            /* 1,000 12.5 3:30 1/2 between digits */
            if ((c == ',' || c == '.' || c == ':' || c == '/') && q > start &&
                is_digit(s[q - 1]) && q + 1 < n && is_digit(s[q + 1])) {
                seen |= W_JOIN;
                q++;
                continue;
            }
            if (c == '-' && q + 1 < n && wordchar_at(sc, q + 1)) {
                if (letter_at(sc, q + 1))
                    hyphen_word = 1;
                seen |= W_JOIN;
                q++;
                continue;
            }
            if (c == '_' && q + 1 < n && wordchar_at(sc, q + 1)) {
                seen |= W_JOIN;
                q++;
                continue;
            }
            if (c == '&' && q > start && wtab[s[q - 1]] == W_UPPER && q + 1 < n &&
                wtab[s[q + 1]] == W_UPPER) {
                seen |= W_JOIN; /* AT&T, R&D */
                q++;
                continue;
            }
            if (c == '\'')
                goto apostrophe;
            break;
        } else {
            int len;
            int32_t cp = uni_decode(s, n, q, &len);
            int cat = uni_category(cp);
            if (uni_is_word_cat(cat)) { /* letters, marks, numbers */
                unsigned wc = word_class_of_cat(cat);
                seen |= wc;
                if (wc == W_DIGIT)
                    seen |= W_JOIN; /* ½ Ⅻ inside a word: not all letters */
                q += (size_t)len;
                continue;
            }
            /* soft hyphen, zero-width (non-)joiner inside a word */
            if ((cp == 0x00AD || cp == 0x200C || cp == 0x200D) && wordchar_at(sc, q + len)) {
                q += (size_t)len;
                continue;
            }
            /* hyphen, non-breaking hyphen between word characters */
            if ((cp == 0x2010 || cp == 0x2011) && wordchar_at(sc, q + len)) {
                if (letter_at(sc, q + len))
                    hyphen_word = 1;
                seen |= W_JOIN;
                q += (size_t)len;
                continue;
            }
            if (cp == 0x2019)
                goto apostrophe;
            break;
        }
    apostrophe : {
        size_t alen = (size_t)apostrophe_at(sc, q);
        size_t a = q + alen;
        if (sc->sh->split_contractions && q > start) {
            size_t e = tkz_split_contraction(sc, start, q, a, first == W_DIGIT && !hyphen_word);
            if (e)
                return e;
        }
        if (letter_at(sc, a)) { /* O'Brien, rock'n'roll, or don't when not splitting */
            seen |= W_JOIN;
            q = a;
            continue;
        }
        break;
    }
    }

    unsigned ax = 0, flags = 0, kind = TP_TOK_WORD;
    if (first == W_DIGIT && !hyphen_word) {
        kind = TP_TOK_NUMBER;
    } else {
        if (first == W_UPPER)
            flags |= TP_TOKF_CAPITALISED;
        else if (first == W_LOWER)
            ax |= TKZ_AX_LOWER;
        if (!(seen & W_LOWER) && (seen & W_UPPER) && tkz_two_uppers(sc, start, q))
            flags |= TP_TOKF_ALL_CAPS;
    }

    if (q < n && word_tail[s[q]]) {
        if (q + 1 < n && (is_ascii_alnum(s[q + 1]) || s[q] == '@')) {
            /* a dot or @ inside: e-mail address, domain, or U.S.-style abbreviation */
            size_t e = tkz_match_email(sc, start);
            if (e > start) {
                emit(sc, start, e, TP_TOK_EMAIL, 0, 0);
                return e;
            }
            if (s[q] == '.') {
                e = tkz_match_bare_domain(sc, start);
                if (e > start) {
                    emit(sc, start, e, TP_TOK_URL, 0, 0);
                    return e;
                }
                e = tkz_match_dotted_abbreviation(sc, start);
                if (e > start) {
                    unsigned ax2 = 0;
                    unsigned f = tkz_case_flags(sc, start, e, &ax2);
                    emit(sc, start, e, TP_TOK_WORD, f | TP_TOKF_ABBREVIATION,
                         ax2 | (TKZ_TERM_ABBR << TKZ_AX_TERM_SHIFT));
                    return e;
                }
                /* a listed abbreviation with the space missing: Mrs.Smith */
                uint8_t cls = !(seen & (W_DIGIT | W_JOIN)) && q - start <= 31
                                  ? tkz_lexicon_get(&sc->sh->abbreviations,
                                                    (const char *)s + start, q - start)
                                  : TKZ_ABBR_NONE;
                if (cls == TKZ_ABBR_TITLE || cls == TKZ_ABBR_PLAIN) {
                    unsigned term = cls == TKZ_ABBR_TITLE ? TKZ_TERM_ABBR_TITLE : TKZ_TERM_ABBR;
                    emit(sc, start, q + 1, kind, flags | TP_TOKF_ABBREVIATION,
                         ax | (term << TKZ_AX_TERM_SHIFT));
                    return q + 1;
                }
            }
        } else if (s[q] == '.' && !(seen & (W_DIGIT | W_JOIN)) && first != 0) {
            /* a word and its period: an abbreviation from the list, or an initial */
            size_t e = tkz_emit_abbreviation(sc, start, q, kind, flags, ax);
            if (e)
                return e;
        }
    }
    emit_word(sc, start, q, kind, flags, ax);
    return q;
}
