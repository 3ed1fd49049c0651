/* context.c - the word view of a document: tokens with their list classes
 * and the quotation holding them, built once per document. */
#include "context.h"

#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>
#include <utf8proc.h>

static int grow(void **buf, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return 0;
    size_t cap2 = *cap ? *cap : 256;
    while (cap2 < need)
        cap2 *= 2;
    void *p = realloc(*buf, cap2 * size);
    if (!p)
        return TP_ENOMEM;
    *buf = p;
    *cap = cap2;
    return 0;
}

bool qctx_word_is(const qctx *ctx, uint32_t i, const char *lit)
{
    if (i >= ctx->nw)
        return false;
    size_t n = strlen(lit);
    const qword *w = &ctx->w[i];
    if (w->end - w->start != n)
        return false;
    for (size_t k = 0; k < n; k++) {
        char c = ctx->text[w->start + k];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c + 32);
        if (c != lit[k])
            return false;
    }
    return true;
}

/* Case and shape flags of a word from its letters. */
static uint32_t shape_flags(const char *s, size_t n)
{
    size_t letters = 0, upper = 0;
    bool first_upper = false, first_seen = false;
    size_t i = 0;
    while (i < n) {
        unsigned char b = (unsigned char)s[i];
        bool is_letter, up;
        if (b < 0x80) {
            /* ASCII, most of the text: no table look-up. */
            i++;
            up = b >= 'A' && b <= 'Z';
            is_letter = up || (b >= 'a' && b <= 'z');
        } else {
            utf8proc_int32_t cp;
            utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                                  (utf8proc_ssize_t)(n - i), &cp);
            if (k <= 0)
                break;
            i += (size_t)k;
            utf8proc_category_t c = utf8proc_category(cp);
            is_letter = c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO;
            up = c == UTF8PROC_CATEGORY_LU || c == UTF8PROC_CATEGORY_LT;
        }
        if (!is_letter)
            continue;
        letters++;
        if (up)
            upper++;
        if (!first_seen) {
            first_seen = true;
            first_upper = up;
        }
    }
    uint32_t f = 0;
    if (first_upper)
        f |= QX_CAP;
    if (letters >= 2 && upper == letters)
        f |= QX_ACRONYM;
    if (letters == 0)
        f |= QX_PUNCT;
    return f;
}

static uint32_t punct_flags(const char *s, size_t n)
{
    if (n == 1) {
        switch (s[0]) {
        case '.': case '!': case '?': return QX_TERMINAL;
        case ',': return QX_COMMA;
        case ':': return QX_COLON;
        case ';': return QX_COMMA;
        case '-': return QX_DASH;
        default: return 0;
        }
    }
    if (n == 3 && (unsigned char)s[0] == 0xE2 && (unsigned char)s[1] == 0x80) {
        unsigned char c = (unsigned char)s[2];
        if (c == 0x93 || c == 0x94)
            return QX_DASH;
        if (c == 0xA6)
            return QX_TERMINAL;
    }
    if (n >= 2 && s[0] == '-' && s[1] == '-')
        return QX_DASH;
    /* "?!" and "..." */
    if (n >= 2 && (s[0] == '.' || s[0] == '!' || s[0] == '?'))
        return QX_TERMINAL;
    return 0;
}

static bool is_possessive(const char *s, size_t n)
{
    if (n == 2 && (s[0] == '\'') && (s[1] == 's' || s[1] == 'S'))
        return true;
    if (n == 4 && memcmp(s, "\xE2\x80\x99", 3) == 0 && (s[3] == 's' || s[3] == 'S'))
        return true;
    return false;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

int qctx_prepare(qctx *ctx, tp_doc *doc)
{
    size_t ntok = 0, npara = 0;
    const tp_token *toks = tp_doc_tokens(doc, &ntok);
    const tp_paragraph *paras = tp_doc_paragraphs(doc, &npara);
    ctx->text = tp_doc_text(doc, &ctx->len);
    ctx->sents = tp_doc_sentences(doc, &ctx->nsents);
    ctx->nw = 0;
    ctx->nents = 0;
    ctx->nments = 0;
    ctx->protagonist = -2;
    if (ctx->ent_slots)
        memset(ctx->ent_slots, 0, ctx->cap_slots * sizeof *ctx->ent_slots);
    if (qmark_find(ctx->text, ctx->len, paras, npara, &ctx->quotes) != 0)
        return TP_ENOMEM;
    /* No quotation, nothing to attribute: skip the word view. */
    if (ctx->quotes.count == 0)
        return 0;
    if (grow((void **)&ctx->w, &ctx->cap_w, ntok + 1, sizeof *ctx->w) != 0 ||
        grow((void **)&ctx->attr, &ctx->cap_attr, ctx->quotes.count + 1, sizeof *ctx->attr) != 0)
        return TP_ENOMEM;
    size_t qi = 0, pi = 0;
    uint32_t last_sent = UINT32_MAX;
    for (size_t t = 0; t < ntok; t++) {
        const tp_token *tok = &toks[t];
        qword *w = &ctx->w[ctx->nw++];
        const char *s = ctx->text + tok->start;
        size_t n = tok->end - tok->start;
        w->start = tok->start;
        w->end = tok->end;
        w->flags = 0;
        w->id = 0;
        w->quote = -1;
        while (pi + 1 < npara && paras[pi].end <= tok->start)
            pi++;
        w->para = (uint32_t)pi;
        w->sent = tok->sentence;
        if (npara && tok->start >= paras[pi].start &&
            (t == 0 || toks[t - 1].end <= paras[pi].start))
            w->flags |= QX_PARA_START;
        if (t == 0)
            w->flags |= QX_PARA_START;
        if (tok->sentence != last_sent || (tok->flags & TP_TOKF_SENT_START)) {
            w->flags |= QX_SENT_START;
            last_sent = tok->sentence;
        }
        while (qi < ctx->quotes.count && ctx->quotes.items[qi].after_close <= tok->start)
            qi++;
        if (qi < ctx->quotes.count && tok->start >= ctx->quotes.items[qi].open_mark &&
            tok->start < ctx->quotes.items[qi].after_close)
            w->quote = (int32_t)qi;
        if (tok->kind == TP_TOK_QUOTE) {
            w->flags |= QX_PUNCT;
            continue;
        }
        if (tok->kind == TP_TOK_PUNCT || tok->kind == TP_TOK_SYMBOL) {
            w->flags |= QX_PUNCT | punct_flags(s, n);
            continue;
        }
        if (is_possessive(s, n) || (n == 1 && s[0] == '\'') ||
            (n == 3 && memcmp(s, "\xE2\x80\x99", 3) == 0)) {
            w->flags |= QX_POSS | QX_PUNCT;
            continue;
        }
        /* The tokenizer's case flags when it sets them; our own reading of
         * the letters for a word it did not mark (a non-ASCII first letter,
         * or a tokenizer that leaves the flags out). */
        if (tok->flags & (TP_TOKF_CAPITALISED | TP_TOKF_ALL_CAPS)) {
            w->flags |= QX_CAP;
            if (tok->flags & TP_TOKF_ALL_CAPS)
                w->flags |= QX_ACRONYM;
        } else if ((unsigned char)s[0] >= 0x80 || (s[0] >= 'A' && s[0] <= 'Z')) {
            w->flags |= shape_flags(s, n);
        }
        if (tok->kind != TP_TOK_WORD)
            continue;
        /* Inside a quotation only names matter (for the fullest form of a
         * name): lower-case quoted words are never cues or subjects. */
        if (w->quote >= 0 && !(w->flags & QX_CAP))
            continue;
        /* A word glued to its possessive ("Trump's" when the tokenizer keeps
         * clitics) is looked up without it. */
        size_t look = n;
        if (n > 2 && ends_with(s, n, "'s"))
            look = n - 2;
        else if (n > 4 && ends_with(s, n, "\xE2\x80\x99s"))
            look = n - 4;
        const qlex_entry *e = qlex_find(ctx->lex, s, look);
        if (e) {
            w->flags |= e->flags;
            w->id = e->id;
        }
        if (n >= 9 && ends_with(s, n, "-year-old"))
            w->flags |= QX_AGE | QW_ROLE;
        if (!(w->flags & QX_CAP) && n > 3 && ends_with(s, n, "ly"))
            w->flags |= QX_LY;
    }
    memset(ctx->attr, 0, ctx->quotes.count * sizeof *ctx->attr);
    return 0;
}

void qctx_free(qctx *ctx)
{
    free(ctx->w);
    free(ctx->attr);
    free(ctx->ents);
    free(ctx->ent_slots);
    free(ctx->ments);
    qmark_list_free(&ctx->quotes);
    memset(ctx, 0, sizeof *ctx);
}

int qctx_grow_entities(qctx *ctx, size_t need)
{
    return grow((void **)&ctx->ents, &ctx->cap_ents, need, sizeof *ctx->ents);
}

int qctx_grow_mentions(qctx *ctx, size_t need)
{
    return grow((void **)&ctx->ments, &ctx->cap_ments, need, sizeof *ctx->ments);
}
