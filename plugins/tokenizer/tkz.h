/* tkz.h - the tokenizer plugin's internals, shared by its source files, the
 * unit tests and the benchmark.
 *
 * The work is split in two passes over compact arrays held by a per-worker
 * buffer that is reused across documents (no allocation per token):
 *   tkz_scan()    - text -> tokens, one pass over the bytes;
 *   tkz_segment() - tokens -> sentences and paragraphs.
 * tkz_run() does both. Nothing here touches a tp_doc, so the benchmark can
 * time the tokenizer alone. */
#ifndef TPIPE_TOKENIZER_TKZ_H
#define TPIPE_TOKENIZER_TKZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/doc.h>

/* Abbreviation classes (the second column of abbreviations.txt). */
enum {
    TKZ_ABBR_NONE = 0,
    TKZ_ABBR_PLAIN,  /* ends a sentence only before a common sentence starter */
    TKZ_ABBR_TITLE,  /* precedes a name: never ends a sentence (Mr. Dr. Gen.) */
    TKZ_ABBR_NUMBER, /* an abbreviation only before a number (No. 5, Feb. 28) */
};

/* A set of short lower-case ASCII keys with a small value, open addressing.
 * Built once in load(), then read-only (shared by all workers). */
typedef struct tkz_lexicon {
    char (*keys)[32];
    uint8_t *values;
    size_t mask; /* capacity - 1, capacity a power of two */
    size_t count;
    /* A bit for each key's length, first and last letter: most words that
     * are not keys miss it, and skip hashing and probing. */
    uint64_t filter[16];
} tkz_lexicon;

int tkz_lexicon_init(tkz_lexicon *lx, size_t expected);
void tkz_lexicon_free(tkz_lexicon *lx);
/* Adds `key` (lower-cased here, a final period dropped); returns 0, TP_EINVAL
 * for a key that is empty or longer than 31 bytes, or TP_ENOMEM. */
int tkz_lexicon_add(tkz_lexicon *lx, const char *key, size_t len, uint8_t value);
/* The bit of `key` (case-insensitive) in lx->filter. */
static inline unsigned tkz_lexicon_filter_bit(const char *key, size_t len)
{
    unsigned first = (unsigned char)key[0], last = (unsigned char)key[len - 1];
    first += (first >= 'A' && first <= 'Z') ? 32 : 0;
    last += (last >= 'A' && last <= 'Z') ? 32 : 0;
    return ((first * 31 + last) * 8 + (unsigned)len) & 1023;
}

/* The value stored for `key` (case-insensitive) past the filter, or 0. */
uint8_t tkz_lexicon_find(const tkz_lexicon *lx, const char *key, size_t len);

/* The value stored for `key` (case-insensitive), or 0. Inline: most words
 * miss the filter, and then cost no call. */
static inline uint8_t tkz_lexicon_get(const tkz_lexicon *lx, const char *key, size_t len)
{
    if (len == 0)
        return 0;
    unsigned bit = tkz_lexicon_filter_bit(key, len);
    if (!((lx->filter[bit / 64] >> (bit % 64)) & 1))
        return 0;
    return tkz_lexicon_find(lx, key, len);
}
/* Parses a word list: one entry a line, `#` comments, blank lines ignored;
 * each line is `word [class]` with class one of plain|title|number, or no
 * class for `default_value`. */
int tkz_lexicon_load_text(tkz_lexicon *lx, const char *text, size_t len, uint8_t default_value);

/* Read-only state shared by all workers. */
typedef struct tkz_shared {
    tkz_lexicon abbreviations; /* value: TKZ_ABBR_* */
    tkz_lexicon starters;      /* words that commonly begin a sentence */
    bool split_contractions;
    bool emit_sentences;
    bool emit_tokens;
} tkz_shared;

/* Builds the built-in lists plus `extra` abbreviations (may be NULL). */
int tkz_shared_init(tkz_shared *sh, const char *const *extra, size_t nextra);
void tkz_shared_free(tkz_shared *sh);

/* Per-token context from the scanner for the splitter, kept in the token
 * itself while the tokenizer works (see tkz_ax). */
enum {
    TKZ_AX_NL_MASK = 0x03, /* newlines before the token: 0, 1, 2 (= blank line) */
    TKZ_AX_LOWER = 0x04,   /* a word whose first letter is lower case */
    TKZ_AX_BULLET = 0x08,  /* a bullet character (• ‣ ⁃ ◦ ...) */
    TKZ_AX_TERM_SHIFT = 4, /* bits 4-7: TKZ_TERM_* */
    /* the bits that make a token a candidate for tkz_segment: a line break
     * before it or an end mark (TKZ_TERM_*) */
    TKZ_AX_CANDIDATE = TKZ_AX_NL_MASK | 0xF0,
};

enum {
    TKZ_TERM_NONE = 0,
    TKZ_TERM_PERIOD,     /* . */
    TKZ_TERM_STRONG,     /* ! ? and runs of them, ‼ ⁇ ؟ */
    TKZ_TERM_ELLIPSIS,   /* .. ... … . . . */
    TKZ_TERM_CJK,        /* 。！？．: ends a sentence even without a space */
    TKZ_TERM_ABBR,       /* abbreviation or initial with its period */
    TKZ_TERM_ABBR_TITLE, /* Mr. Dr. ...: never ends a sentence mid-paragraph */
    TKZ_TERM_ABBR_NUM,   /* No. 5, Feb. 28: never ends a sentence mid-paragraph */
    TKZ_TERM_COLON,      /* : (ends a line-final sentence only) */
};

typedef struct tkz_buf {
    tp_token *tok;  /* .sentence holds the token's TKZ_AX_* bits, see tkz_ax() */
    uint8_t *mark;  /* list-marker scratch for tkz_segment */
    uint32_t *cand; /* tokens with TKZ_AX_CANDIDATE bits, in order (from tkz_scan) */
    size_t ntok, ncand, tokcap;
    size_t *hint; /* tokens that could start a list marker or be a bullet, in order */
    size_t nhint, hintcap;
    uint32_t *visit; /* tkz_segment's scratch: the candidates and tokens around hints */
    size_t nvisit, visitcap;
    tp_sentence *sent;
    size_t nsent, sentcap;
    tp_paragraph *para;
    size_t npara, paracap;
} tkz_buf;

/* The TKZ_AX_* bits of token i. The scanner keeps them in the token's
 * `sentence` field, which the core sets itself when the tokens are added
 * (doc.h), so no array of their own is written beside the tokens. */
static inline unsigned tkz_ax(const tkz_buf *b, size_t i)
{
    return b->tok[i].sentence;
}

void tkz_buf_init(tkz_buf *b);
void tkz_buf_free(tkz_buf *b);

/* Tokenizes `len` bytes of valid UTF-8 into b->tok (replacing what was
 * there). text[len] must be a readable NUL byte (as tp_doc_text gives): it
 * ends the hot loops without a bounds check. Returns 0, TP_ENOMEM, TP_EINVAL
 * when text[len] is not NUL, or TP_ELIMIT for text of 4 GiB or more. */
int tkz_scan(const tkz_shared *sh, const char *text, size_t len, tkz_buf *b);

/* Splits b's tokens into sentences and paragraphs; sets the SENT_START and
 * PARA_START token flags. Returns 0 or TP_ENOMEM. */
int tkz_segment(const tkz_shared *sh, const char *text, size_t len, tkz_buf *b);

static inline int tkz_run(const tkz_shared *sh, const char *text, size_t len, tkz_buf *b)
{
    int rc = tkz_scan(sh, text, len, b);
    return rc ? rc : tkz_segment(sh, text, len, b);
}

#endif
