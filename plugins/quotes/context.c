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

/* Pass 1 of the word view: where each token is (paragraph, sentence,
 * quotation). The paragraph and quotation are kept in locals and looked at
 * again only at `next`, the first byte where either may change. */
static void structure(qctx *ctx, const tp_token *toks, size_t ntok, const tp_paragraph *paras,
                      size_t npara)
{
    const qmark_quote *quotes = ctx->quotes.items;
    const size_t nq = ctx->quotes.count;
    qword *words = ctx->w;
    uint32_t *pstarts = ctx->pstarts;
    size_t npstarts = 0;
    size_t qi = 0, pi = 0;
    uint32_t para_start = npara ? paras[0].start : 0;
    uint32_t para_end = npara > 1 ? paras[0].end : UINT32_MAX; /* when to move on */
    bool start_pending = npara > 0; /* the paragraph's first token is still to come */
    uint32_t q_open = nq ? quotes[0].open_mark : UINT32_MAX;
    uint32_t q_after = nq ? quotes[0].after_close : UINT32_MAX;
    int32_t quote = -1;
    uint32_t next = 0;
    uint32_t prev_end = 0;
    uint32_t last_sent = UINT32_MAX;
    for (size_t t = 0; t < ntok; t++) {
        const tp_token *tok = &toks[t];
        uint32_t start = tok->start;
        uint32_t flags = 0;
        if (start >= next) {
            while (para_end <= start) {
                pi++;
                para_start = paras[pi].start;
                para_end = pi + 1 < npara ? paras[pi].end : UINT32_MAX;
                start_pending = true;
            }
            /* The first token at or after the paragraph's start opens it,
             * unless the token before runs into the paragraph. */
            if (start_pending && start >= para_start) {
                if (t == 0 || prev_end <= para_start)
                    flags |= QX_PARA_START;
                start_pending = tok->end <= para_start;
            }
            if (t == 0)
                flags |= QX_PARA_START;
            if (flags)
                pstarts[npstarts++] = (uint32_t)t;
            while (q_after <= start) {
                qi++;
                q_open = qi < nq ? quotes[qi].open_mark : UINT32_MAX;
                q_after = qi < nq ? quotes[qi].after_close : UINT32_MAX;
            }
            quote = start >= q_open && start < q_after ? (int32_t)qi : -1;
            next = start < q_open ? q_open : q_after;
            if (para_end < next)
                next = para_end;
            if (start_pending && para_start < next)
                next = para_start;
        }
        uint32_t end = tok->end, sent = tok->sentence;
        prev_end = end;
        if (sent != last_sent || (tok->flags & TP_TOKF_SENT_START))
            flags |= QX_SENT_START;
        last_sent = sent;
        words[t] = (qword){.start = start, .end = end, .flags = flags, .quote = quote,
                           .para = (uint32_t)pi, .sent = sent};
    }
    ctx->npstarts = npstarts;
}

/* Pass 2 of the word view: each token's classes, from its kind, its case
 * and the word lists, and the list of words that may begin a name. */
static void classify(qctx *ctx, const tp_token *toks, size_t ntok)
{
    const char *text = ctx->text;
    const size_t text_len = ctx->len;
    const qlex *lex = ctx->lex;
    qword *words = ctx->w;
    uint32_t *cands = ctx->cands;
    size_t ncands = 0;
    for (size_t t = 0; t < ntok; t++) {
        const tp_token *tok = &toks[t];
        qword *w = &words[t];
        const char *s = text + tok->start;
        size_t n = tok->end - tok->start;
        uint32_t flags = w->flags;
        unsigned char c0 = (unsigned char)s[0];
        if (tok->kind == TP_TOK_QUOTE) {
            flags |= QX_PUNCT;
        } else if (tok->kind == TP_TOK_PUNCT || tok->kind == TP_TOK_SYMBOL) {
            flags |= QX_PUNCT | punct_flags(s, n);
        } else if ((c0 == '\'' || c0 == 0xE2) && n <= 4 &&
                   (is_possessive(s, n) || (n == 1 && c0 == '\'') ||
                    (n == 3 && memcmp(s, "\xE2\x80\x99", 3) == 0))) {
            /* 's ’s ' ’ */
            flags |= QX_POSS | QX_PUNCT;
        } else {
            /* The tokenizer's case flags when it sets them; our own reading
             * of the letters for a word it did not mark (a non-ASCII first
             * letter, or a tokenizer that leaves the flags out). */
            if (tok->flags & (TP_TOKF_CAPITALISED | TP_TOKF_ALL_CAPS)) {
                flags |= QX_CAP;
                if (tok->flags & TP_TOKF_ALL_CAPS)
                    flags |= QX_ACRONYM;
            } else if (c0 >= 0x80 || (c0 >= 'A' && c0 <= 'Z')) {
                flags |= shape_flags(s, n);
            }
            /* Inside a quotation only names matter (for the fullest form of
             * a name): lower-case quoted words are never cues or subjects. */
            if (tok->kind == TP_TOK_WORD && (w->quote < 0 || (flags & QX_CAP))) {
                char last = s[n - 1];
                /* A word glued to its possessive ("Trump's" when the
                 * tokenizer keeps clitics) is looked up without it. */
                size_t look = n;
                if (last == 's' && n > 2 && s[n - 2] == '\'')
                    look = n - 2;
                else if (last == 's' && n > 4 && ends_with(s, n - 1, "\xE2\x80\x99"))
                    look = n - 4;
                const qlex_entry *e = qlex_find(lex, s, look, text_len - tok->start);
                if (e) {
                    flags |= e->flags;
                    w->id = e->id;
                }
                if (n >= 9 && last == 'd' && ends_with(s, n, "-year-old"))
                    flags |= QX_AGE | QW_ROLE;
                if (last == 'y' && !(flags & QX_CAP) && n > 3 && s[n - 2] == 'l')
                    flags |= QX_LY;
            }
        }
        w->flags = flags;
        /* Appended without a branch: the next word overwrites a slot not
         * taken. */
        cands[ncands] = (uint32_t)t;
        ncands += (flags & (QX_CAP | QX_ACRONYM | QW_ROLE | QW_HONORIFIC)) && !(flags & QX_PUNCT);
    }
    ctx->ncands = ncands;
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
        grow((void **)&ctx->cands, &ctx->cap_cands, ntok + 1, sizeof *ctx->cands) != 0 ||
        grow((void **)&ctx->pstarts, &ctx->cap_pstarts, ntok + 1, sizeof *ctx->pstarts) != 0 ||
        grow((void **)&ctx->attr, &ctx->cap_attr, ctx->quotes.count + 1, sizeof *ctx->attr) != 0)
        return TP_ENOMEM;
    ctx->nw = ntok;
    structure(ctx, toks, ntok, paras, npara);
    classify(ctx, toks, ntok);
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
    free(ctx->cands);
    free(ctx->pstarts);
    free(ctx->names);
    qmark_list_free(&ctx->quotes);
    memset(ctx, 0, sizeof *ctx);
}

int qctx_grow_entities(qctx *ctx, size_t need)
{
    return grow((void **)&ctx->ents, &ctx->cap_ents, need, sizeof *ctx->ents);
}

int qctx_grow_names(qctx *ctx, size_t need)
{
    return grow((void **)&ctx->names, &ctx->cap_names, need, sizeof *ctx->names);
}

int qctx_grow_mentions(qctx *ctx, size_t need)
{
    return grow((void **)&ctx->ments, &ctx->cap_ments, need, sizeof *ctx->ments);
}
