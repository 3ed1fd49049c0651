/* segment.c - tokens to sentences and paragraphs.
 *
 * Blocks of text separated by blank lines are paragraphs; sentences never
 * cross them. Inside a block a sentence ends at an end mark (. ! ? … and
 * their runs, an abbreviation, a CJK full stop) together with the closing
 * quotes and brackets glued to it, when what follows looks like the start
 * of a sentence. A line without closing punctuation that is followed by a
 * blank line or by a line starting like a sentence is a heading (title,
 * sub-heading, caption): a sentence and a paragraph of its own. */
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

#include "tkz.h"

/* Longest line still taken for a heading when it lacks closing punctuation;
 * longer ones are sentences that lost their period. */
#define HEADING_MAX_WORDS 25
/* How far into a block a photo credit's " | " may stand. */
#define CAPTION_CREDIT_MAX 80
/* The same for a line followed by more text in its paragraph (a heading
 * over text with no blank line between), in tokens: wrapped lines of
 * running text are longer. */
#define HEADING_MAX_WORDS_INSIDE 16

enum { MK_BREAK = 1, MK_NONTERM = 2 };

/* Marks a sentence that begins a block (a blank-line paragraph) while the
 * sentences are built; cleared before they are handed out. */
#define SENT_BLOCK_START (1u << 31)

typedef struct seg {
    const tkz_shared *sh;
    const unsigned char *text;
    tkz_buf *b;
    int failed;
    int lines_are_paragraphs; /* no blank line anywhere: each line is a paragraph */
} seg;

static inline unsigned nl_of(const tkz_buf *b, size_t i)
{
    return tkz_ax(b, i) & TKZ_AX_NL_MASK;
}

static inline unsigned term_of(const tkz_buf *b, size_t i)
{
    return tkz_ax(b, i) >> TKZ_AX_TERM_SHIFT;
}

static inline int glued(const tkz_buf *b, size_t i)
{
    return !(b->tok[i].flags & TP_TOKF_SPACE_BEFORE);
}

static inline size_t tok_len(const tkz_buf *b, size_t i)
{
    return b->tok[i].end - b->tok[i].start;
}

static inline int tok_is_n(const seg *sg, size_t i, const char *s, size_t len)
{
    return tok_len(sg->b, i) == len && memcmp(sg->text + sg->b->tok[i].start, s, len) == 0;
}

/* token i is exactly the string literal s */
#define tok_is(sg, i, s) tok_is_n(sg, i, s, sizeof s - 1)

static inline int is_closer(const tkz_buf *b, size_t i)
{
    const tp_token *t = &b->tok[i];
    if (t->kind == TP_TOK_QUOTE)
        return !(t->flags & TP_TOKF_OPENING);
    return t->kind == TP_TOK_PUNCT && (t->flags & TP_TOKF_CLOSING);
}

static inline int is_lower_word(const tkz_buf *b, size_t i)
{
    return b->tok[i].kind == TP_TOK_WORD && (tkz_ax(b, i) & TKZ_AX_LOWER);
}

static inline int push_sentence(seg *sg, size_t from, size_t to, uint32_t flags)
{
    tkz_buf *b = sg->b;
    if (b->nsent == b->sentcap) {
        size_t cap = b->sentcap ? b->sentcap * 2 : 64;
        tp_sentence *s = realloc(b->sent, cap * sizeof *s);
        if (!s) {
            sg->failed = 1;
            return TP_ENOMEM;
        }
        b->sent = s;
        b->sentcap = cap;
    }
    tp_sentence *s = &b->sent[b->nsent++];
    s->start = b->tok[from].start;
    s->end = b->tok[to - 1].end;
    s->tok_start = (uint32_t)from;
    s->tok_end = (uint32_t)to;
    s->paragraph = 0;
    if (sg->lines_are_paragraphs && from > 0 && nl_of(b, from) >= 1)
        flags |= SENT_BLOCK_START;
    s->flags = flags;
    b->tok[from].flags |= TP_TOKF_SENT_START;
    return 0;
}

/* ---- list markers: 1. 2) a. (b) • - -------------------------------------- */

/* A list marker at token c: returns the number of tokens it spans (0: none),
 * its value and style (digits, lower-case or upper-case letters). */
static size_t marker_at(const seg *sg, size_t c, size_t b1, unsigned *value, unsigned *style)
{
    const tkz_buf *b = sg->b;
    const tp_token *t = &b->tok[c];
    const unsigned char *s = sg->text + t->start;
    size_t len = tok_len(b, c), m = 0;
    if (t->kind == TP_TOK_NUMBER && len <= 2 && s[0] >= '0' && s[0] <= '9' &&
        (len == 1 || (s[1] >= '0' && s[1] <= '9'))) {
        *value = len == 1 ? (unsigned)(s[0] - '0') : (unsigned)((s[0] - '0') * 10 + s[1] - '0');
        *style = 0;
        if (c + 1 < b1 && glued(b, c + 1) &&
            (tok_is(sg, c + 1, ".") || tok_is(sg, c + 1, ")"))) {
            m = 2;
            if (tok_is(sg, c + 1, ".") && c + 2 < b1 && glued(b, c + 2) && tok_is(sg, c + 2, ")"))
                m = 3;
        }
    } else if (t->kind == TP_TOK_WORD && ((len == 2 && s[1] == '.') || len == 1) &&
               ((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z'))) {
        *style = s[0] >= 'a' ? 1 : 2;
        *value = (unsigned)((s[0] | 0x20) - 'a' + 1);
        m = len == 2 ? 1 : 0; /* "a." */
        if (c + 1 < b1 && glued(b, c + 1) && tok_is(sg, c + 1, ")"))
            m = 2; /* "a.)" or "a)" */
    }
    if (!m || c + m >= b1 || glued(b, c + m))
        return 0;
    return m;
}

static int marker_context(const seg *sg, size_t c, size_t b0)
{
    const tkz_buf *b = sg->b;
    if (c == b0 || nl_of(b, c) >= 1)
        return 1;
    size_t p = c - 1;
    if (tkz_ax(b, p) & TKZ_AX_BULLET)
        return 1;
    while (p > b0 && is_closer(b, p))
        p--;
    unsigned tt = term_of(b, p);
    /* not after ':' - "You need: (a) a pen (b) paper" is one sentence */
    return tt == TKZ_TERM_PERIOD || tt == TKZ_TERM_STRONG || tt == TKZ_TERM_ELLIPSIS ||
           tt == TKZ_TERM_CJK;
}

static void mark_chain(seg *sg, const size_t *starts, const size_t *lens, size_t count)
{
    tkz_buf *b = sg->b;
    for (size_t i = 0; i < count; i++) {
        size_t c = starts[i];
        /* "• 9. item": the bullet already starts the item */
        if (!(c > 0 && (tkz_ax(b, c - 1) & TKZ_AX_BULLET) && (b->mark[c - 1] & MK_BREAK)))
            b->mark[c] |= MK_BREAK;
        for (size_t k = 0; k < lens[i]; k++)
            b->mark[c + k] |= MK_NONTERM;
    }
}

/* Finds numbered and lettered lists in a block: markers whose values follow
 * each other (1. 2. 3. or a) b) c)), the first one at a line start, after a
 * bullet or after the end of a sentence. A lone marker counts when it starts
 * a line. Only the tokens the scanner noted as possible markers or bullets
 * (b->hint, from *cursor on) are looked at. */
static void find_lists(seg *sg, size_t b0, size_t b1, size_t *cursor)
{
    tkz_buf *b = sg->b;
    enum { CHAIN_MAX = 64 };
    size_t starts[CHAIN_MAX], lens[CHAIN_MAX], count = 0;
    unsigned expect = 0, chain_style = 0;
    size_t h = *cursor;
    while (h < b->nhint && b->hint[h] < b0)
        h++;
    for (; h < b->nhint && b->hint[h] < b1; h++) {
        size_t c = b->hint[h];
        const tp_token *t = &b->tok[c];
        if (tkz_ax(b, c) & TKZ_AX_BULLET) {
            /* • ‣ ⁃ start an item anywhere; - * – — only at a line start */
            unsigned char ch = sg->text[t->start];
            int dashlike = ch == '-' || ch == '*' || ch == 0xE2;
            if (ch == 0xE2 && tok_len(b, c) == 3) {
                unsigned char c2 = sg->text[t->start + 1], c3 = sg->text[t->start + 2];
                dashlike = c2 == 0x80 && (c3 == 0x93 || c3 == 0x94);
            }
            int line_start = c == b0 || nl_of(b, c) >= 1;
            if (!dashlike || (line_start && c + 1 < b1 && !glued(b, c + 1)))
                b->mark[c] |= MK_BREAK;
            continue;
        }
        if ((t->kind != TP_TOK_NUMBER && t->kind != TP_TOK_WORD) || tok_len(b, c) > 2)
            continue;
        unsigned value, style;
        size_t m = marker_at(sg, c, b1, &value, &style);
        if (!m)
            continue;
        if (c > b0 && glued(b, c) && tok_is(sg, c - 1, "(") && tok_is(sg, c + m - 1, ")")) {
            c--; /* (1) (a): the opening bracket starts the marker */
            m++;
        }
        if (count && style == chain_style && value == expect && count < CHAIN_MAX) {
            starts[count] = c;
            lens[count++] = m;
            expect++;
            continue;
        }
        if (count >= 2 || (count == 1 && (starts[0] == b0 || nl_of(b, starts[0]) >= 1)))
            mark_chain(sg, starts, lens, count);
        count = 0;
        /* lettered lists start at a: "J. K. Rowling" is no list */
        if (marker_context(sg, c, b0) && (style == 0 || value == 1)) {
            starts[0] = c;
            lens[0] = m;
            count = 1;
            chain_style = style;
            expect = value + 1;
        }
    }
    if (count >= 2 || (count == 1 && (starts[0] == b0 || nl_of(b, starts[0]) >= 1)))
        mark_chain(sg, starts, lens, count);
    *cursor = h;
}

/* ---- sentence ends ---------------------------------------------------------- */

static int is_starter(const seg *sg, size_t k)
{
    const tp_token *t = &sg->b->tok[k];
    return t->kind == TP_TOK_WORD && (t->flags & TP_TOKF_CAPITALISED) &&
           tkz_lexicon_get(&sg->sh->starters, (const char *)sg->text + t->start,
                           t->end - t->start);
}

/* Open brackets and quotes in tokens [from, t): CJK text nests whole
 * sentences in 《》 and 「」, which the mark inside does not end. */
static long bracket_depth(const tkz_buf *b, size_t from, size_t t)
{
    long depth = 0;
    for (size_t i = from; i < t; i++) {
        if (b->tok[i].flags & TP_TOKF_OPENING)
            depth++;
        else if ((b->tok[i].flags & TP_TOKF_CLOSING) && depth > 0)
            depth--;
    }
    return depth;
}

/* Whether the end mark at token t ends the sentence that began at `from`.
 * Returns the index one past the sentence's last token (the mark plus the
 * closing quotes and brackets glued to it), or 0. */
static size_t sentence_end(const seg *sg, size_t from, size_t t, size_t b1)
{
    const tkz_buf *b = sg->b;
    unsigned type = term_of(b, t);
    if (b->mark[t] & MK_NONTERM)
        return 0;
    if (type == TKZ_TERM_ABBR_NUM)
        return 0;
    if (type == TKZ_TERM_COLON)
        return (t + 1 < b1 && nl_of(b, t + 1) == 1) ? t + 1 : 0;
    if ((type == TKZ_TERM_PERIOD || type == TKZ_TERM_ELLIPSIS) && t == from + 1 &&
        (b->tok[from].kind == TP_TOK_NUMBER ||
         (b->tok[from].kind == TP_TOK_WORD && tok_len(b, from) == 1)))
        return 0; /* "1. The first item" */
    if (type == TKZ_TERM_ELLIPSIS && t > from && (b->tok[t - 1].flags & TP_TOKF_OPENING) &&
        b->tok[t - 1].kind == TP_TOK_PUNCT)
        return 0; /* [...] and (...) mark an omission */

    size_t e = t + 1;
    while (e < b1 && glued(b, e) && nl_of(b, e) == 0 &&
           (is_closer(b, e) || term_of(b, e) == TKZ_TERM_PERIOD ||
            term_of(b, e) == TKZ_TERM_STRONG || term_of(b, e) == TKZ_TERM_ELLIPSIS ||
            term_of(b, e) == TKZ_TERM_CJK))
        e++;
    /* `end. " Next`: a quote mark standing alone between spaces after the end
     * mark cannot open the next sentence, so it closes this one */
    if (e < b1 && e == t + 1 && nl_of(b, e) == 0 && b->tok[e].kind == TP_TOK_QUOTE &&
        !(b->tok[e].flags & TP_TOKF_OPENING) && (e + 1 == b1 || !glued(b, e + 1)))
        e++;
    if (e >= b1)
        return e;
    size_t k = e;
    if (b->mark[k] & MK_BREAK)
        return e;
    if (nl_of(b, k) >= 1)
        return type == TKZ_TERM_ABBR_TITLE ? 0 : e;
    if (type == TKZ_TERM_CJK)
        return bracket_depth(b, from, t) > 0 ? 0 : e;
    const tp_token *nt = &b->tok[k];
    if (glued(b, k)) {
        /* missing space: "world.Today" */
        if ((type == TKZ_TERM_PERIOD || type == TKZ_TERM_STRONG) && nt->kind == TP_TOK_WORD &&
            (nt->flags & TP_TOKF_CAPITALISED) && !(nt->flags & TP_TOKF_CLITIC))
            return e;
        if (type == TKZ_TERM_ABBR && is_starter(sg, k)) /* "Inc.The" */
            return e;
        return 0;
    }
    if (is_lower_word(b, k))
        return 0;
    if (nt->kind == TP_TOK_PUNCT && !(nt->flags & TP_TOKF_OPENING) &&
        !(tkz_ax(b, k) & TKZ_AX_BULLET))
        return 0; /* , ; : ) after the mark */
    switch (type) {
    case TKZ_TERM_ABBR_TITLE:
        return 0;
    case TKZ_TERM_ABBR:
        if (is_starter(sg, k))
            return e;
        if (nt->kind == TP_TOK_QUOTE && k + 1 < b1 && glued(b, k + 1) &&
            is_starter(sg, k + 1))
            return e;
        return 0;
    case TKZ_TERM_PERIOD:
        if (nt->kind == TP_TOK_NUMBER) {
            /* "$100.00. It" ends; "N°. 1026" and "p. 5" do not */
            const tp_token *pt = &b->tok[t - (t > from ? 1 : 0)];
            if (t == from || pt->kind == TP_TOK_SYMBOL ||
                (pt->kind == TP_TOK_WORD && tok_len(b, t - 1) == 1))
                return 0;
        }
        return e;
    case TKZ_TERM_ELLIPSIS:
        if (nt->kind == TP_TOK_NUMBER || tok_is(sg, k, "I"))
            return 0;
        return e;
    default:
        return e;
    }
}

/* ---- headings ----------------------------------------------------------------- */

/* Lower-case words that end wrapped lines but hardly ever a heading. */
static int continues(const seg *sg, size_t i)
{
    static const char *const words[] = {"a",   "an",  "the", "of",   "to",    "in",   "on",
                                        "at",  "for", "and", "or",   "but",   "by",   "from",
                                        "as",  "that", "with", "is", "was", "are", "were",
                                        "has", "have", "had", "be", "its", "their", "his",
                                        "her", NULL};
    const tkz_buf *b = sg->b;
    if (!is_lower_word(b, i) || tok_len(b, i) > 5)
        return 0;
    for (size_t k = 0; words[k]; k++) {
        if (tok_is_n(sg, i, words[k], strlen(words[k])))
            return 1;
    }
    return 0;
}

/* Whether tokens [from, to), a whole line or lines without closing
 * punctuation, read as a heading. */
static int heading_like(const seg *sg, size_t from, size_t to)
{
    const tkz_buf *b = sg->b;
    size_t words = 0;
    for (size_t i = from; i < to; i++) {
        unsigned kind = b->tok[i].kind;
        if ((kind == TP_TOK_WORD && !(b->tok[i].flags & TP_TOKF_CLITIC)) ||
            kind == TP_TOK_NUMBER)
            words++;
    }
    if (words == 0 || words > HEADING_MAX_WORDS)
        return 0;
    /* "- Best new opera - ..." and "1. Mix it": list items, not headings */
    if ((tkz_ax(b, from) & TKZ_AX_BULLET) || (b->mark[from] & MK_NONTERM))
        return 0;
    const tp_token *last = &b->tok[to - 1];
    if (last->flags & TP_TOKF_OPENING)
        return 0;
    if (last->kind == TP_TOK_PUNCT && (tok_is(sg, to - 1, ",") || tok_is(sg, to - 1, ";") ||
                                       (tkz_ax(b, to - 1) & TKZ_AX_BULLET)))
        return 0;
    return 1;
}

/* ---- blocks -------------------------------------------------------------------- */

/* Splits the block of tokens [b0, b1) into sentences. Only the tokens in
 * b->visit from *cursor on are looked at (the others can neither end nor
 * start a sentence); *cursor is left at the first one past the block. */
static void segment_block(seg *sg, size_t b0, size_t b1, size_t *cursor)
{
    tkz_buf *b = sg->b;
    size_t first_sentence = b->nsent;
    size_t from = b0;      /* first token of the open sentence */
    int from_line = 1;     /* the open sentence starts a line */
    size_t resume = b0;    /* tokens before it belong to a sentence already ended */
    size_t v = *cursor;

    for (; v < b->nvisit && b->visit[v] < b1 && !sg->failed; v++) {
        size_t t = b->visit[v];
        if (t < resume || !((tkz_ax(b, t) & TKZ_AX_CANDIDATE) | b->mark[t]))
            continue;
        if (t > from) {
            if (nl_of(b, t) == 1) {
                /* a line break inside the block */
                if (from_line && heading_like(sg, from, t) && !is_lower_word(b, t) &&
                    term_of(b, t - 1) == TKZ_TERM_NONE && !is_closer(b, t - 1) &&
                    t - from <= HEADING_MAX_WORDS_INSIDE && !continues(sg, t - 1)) {
                    push_sentence(sg, from, t, TP_SENTF_HEADING);
                    from = t;
                } else if (b->mark[t] & MK_BREAK) {
                    push_sentence(sg, from, t, 0);
                    from = t;
                } else if (from_line && !is_lower_word(b, t) && heading_like(sg, from, t) &&
                           is_closer(b, t - 1)) {
                    /* a line ending in a quote without an end mark */
                    push_sentence(sg, from, t, 0);
                    from = t;
                }
                from_line = from == t;
            } else if (b->mark[t] & MK_BREAK) {
                push_sentence(sg, from, t, 0);
                from = t;
                from_line = 0;
            }
        }
        if (tkz_ax(b, t) >> TKZ_AX_TERM_SHIFT) {
            size_t e = sentence_end(sg, from, t, b1);
            if (e) {
                push_sentence(sg, from, e, 0);
                from = e;
                from_line = e < b1 && nl_of(b, e) >= 1;
                resume = e;
            }
        }
    }
    while (v < b->nvisit && b->visit[v] < b1)
        v++; /* after a failure */
    *cursor = v;
    if (from < b1 && !sg->failed) {
        int ends_open = term_of(b, b1 - 1) == TKZ_TERM_NONE || term_of(b, b1 - 1) == TKZ_TERM_COLON;
        uint32_t flags = (from_line && ends_open && heading_like(sg, from, b1)) ? TP_SENTF_HEADING
                                                                              : 0;
        push_sentence(sg, from, b1, flags);
    }
    if (b->nsent > first_sentence)
        b->sent[first_sentence].flags |= SENT_BLOCK_START;
}

static int push_paragraph(seg *sg, size_t s0, size_t s1)
{
    tkz_buf *b = sg->b;
    if (b->npara == b->paracap) {
        size_t cap = b->paracap ? b->paracap * 2 : 32;
        tp_paragraph *p = realloc(b->para, cap * sizeof *p);
        if (!p)
            return TP_ENOMEM;
        b->para = p;
        b->paracap = cap;
    }
    tp_paragraph *p = &b->para[b->npara];
    p->start = b->sent[s0].start;
    p->end = b->sent[s1 - 1].end;
    p->sent_start = (uint32_t)s0;
    p->sent_end = (uint32_t)s1;
    for (size_t i = s0; i < s1; i++)
        b->sent[i].paragraph = (uint32_t)b->npara;
    b->tok[b->sent[s0].tok_start].flags |= TP_TOKF_PARA_START;
    b->npara++;
    return 0;
}

/* A photo caption as wire services write it: a one-sentence block whose
 * first words are a picture credit ended by " | " ("KCNA via KNS / AFP |
 * A picture from ..."). It ends with a period, so the heading rule misses it. */
static int is_caption(const char *text, const tkz_buf *b, size_t i)
{
    if (i + 1 < b->nsent && !(b->sent[i + 1].flags & SENT_BLOCK_START))
        return 0;
    const tp_sentence *s = &b->sent[i];
    uint32_t stop = s->end - s->start > CAPTION_CREDIT_MAX ? s->start + CAPTION_CREDIT_MAX : s->end;
    /* the first " | " starting before stop - 2 */
    for (uint32_t p = s->start; p + 2 < stop; p++) {
        const char *bar = memchr(text + p + 1, '|', stop - 1 - (p + 1));
        if (!bar)
            return 0;
        p = (uint32_t)(bar - text) - 1;
        if (text[p] == ' ' && text[p + 2] == ' ')
            return p > s->start;
    }
    return 0;
}

/* Fills b->visit: the scanner's candidates (b->cand) merged with each list
 * hint and the token before it (the "(" of "(1)"), where find_lists may put
 * a break. Visiting a token that turns out to be none of these is harmless. */
static int collect_visits(tkz_buf *b)
{
    size_t need = b->ncand + 2 * b->nhint;
    if (need > b->visitcap) {
        uint32_t *v = realloc(b->visit, need * sizeof *v);
        if (!v)
            return TP_ENOMEM;
        b->visit = v;
        b->visitcap = need;
    }
    size_t n = 0, c = 0;
    for (size_t h = 0; h < b->nhint; h++) {
        size_t first = b->hint[h] > 0 ? b->hint[h] - 1 : 0;
        while (c < b->ncand && b->cand[c] < first)
            b->visit[n++] = b->cand[c++];
        for (size_t t = first; t <= b->hint[h]; t++) {
            if (n == 0 || b->visit[n - 1] < t)
                b->visit[n++] = (uint32_t)t;
            if (c < b->ncand && b->cand[c] == t)
                c++;
        }
    }
    while (c < b->ncand)
        b->visit[n++] = b->cand[c++];
    b->nvisit = n;
    return 0;
}

/* The first token of the block after the one starting at b0: the next
 * visited token after a blank line, or the end. */
static size_t block_end(const tkz_buf *b, size_t b0, size_t v)
{
    for (; v < b->nvisit; v++) {
        if (b->visit[v] > b0 && nl_of(b, b->visit[v]) >= 2)
            return b->visit[v];
    }
    return b->ntok;
}

int tkz_segment(const tkz_shared *sh, const char *text, size_t len, tkz_buf *b)
{
    (void)len;
    seg sg = {sh, (const unsigned char *)text, b, 0, 0};
    b->nsent = 0;
    b->npara = 0;
    if (b->ntok == 0)
        return 0;
    memset(b->mark, 0, b->ntok);
    if (collect_visits(b))
        return TP_ENOMEM;
    /* Text without a single blank line (one paragraph a line, as many
     * feeds write it): each line that starts a sentence starts a paragraph. */
    int blank = 0, lines = 0;
    for (size_t v = 0; v < b->nvisit && !blank; v++) {
        if (b->visit[v] == 0)
            continue;
        blank = nl_of(b, b->visit[v]) >= 2;
        lines |= nl_of(b, b->visit[v]) == 1;
    }
    sg.lines_are_paragraphs = !blank && lines;

    size_t b0 = 0, hint = 0, v = 0;
    while (b0 < b->ntok) {
        size_t b1 = block_end(b, b0, v);
        if (hint < b->nhint && b->hint[hint] < b1)
            find_lists(&sg, b0, b1, &hint);
        segment_block(&sg, b0, b1, &v);
        if (sg.failed)
            return TP_ENOMEM;
        b0 = b1;
    }
    /* The first line is the title when it reads as a heading; a first line
     * that is one short sentence ending in ? ! or … ("What now for Kelly
     * Holmes?") is a title too. A first line ending in a period is taken for
     * a sentence. */
    tp_sentence *first = &b->sent[0];
    if (!(first->flags & TP_SENTF_HEADING) && first->tok_start == 0 &&
        (first->tok_end == b->ntok || nl_of(b, first->tok_end) >= 1)) {
        size_t last = first->tok_end - 1;
        while (last > 0 && is_closer(b, last))
            last--;
        unsigned tt = term_of(b, last);
        if ((tt == TKZ_TERM_STRONG || tt == TKZ_TERM_ELLIPSIS) &&
            heading_like(&sg, first->tok_start, first->tok_end))
            first->flags |= TP_SENTF_HEADING;
    }
    if (first->flags & TP_SENTF_HEADING)
        first->flags |= TP_SENTF_TITLE;

    /* Paragraphs: each block, split around headings. */
    size_t s0 = 0;
    for (size_t i = 1; i <= b->nsent; i++) {
        if (i == b->nsent || (b->sent[i].flags & SENT_BLOCK_START) ||
            (b->sent[i].flags & TP_SENTF_HEADING) || (b->sent[i - 1].flags & TP_SENTF_HEADING)) {
            if (push_paragraph(&sg, s0, i))
                return TP_ENOMEM;
            s0 = i;
        }
    }
    for (size_t i = 0; i < b->nsent; i++) {
        if ((b->sent[i].flags & SENT_BLOCK_START) && is_caption(text, b, i))
            b->sent[i].flags |= TP_SENTF_CAPTION | TP_SENTF_HEADING;
        b->sent[i].flags &= ~SENT_BLOCK_START;
    }
    return 0;
}
