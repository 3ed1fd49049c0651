/* marks.h - find quotations in a document's text by pairing quote marks
 * paragraph by paragraph. Works on the bytes, so it does not depend on how
 * the tokenizer split an apostrophe from its word. */
#ifndef TP_QUOTES_MARKS_H
#define TP_QUOTES_MARKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/doc.h>

typedef struct qmark_quote {
    uint32_t start, end;           /* the quoted words without the marks, trimmed */
    uint32_t open_mark;            /* byte offset of the opening mark */
    uint32_t after_close;          /* one past the closing mark (or `end` when unclosed) */
    uint32_t para_first, para_last;
    bool unclosed;                 /* never closed: stopped at its paragraph end */
    bool single;                   /* single quote marks ('...') */
} qmark_quote;

struct qmark_seen; /* a quote mark found in the text (marks.c) */

/* A growable array reused across documents (owned by the plugin instance). */
typedef struct qmark_list {
    qmark_quote *items;
    size_t count, cap;
    /* Scratch: the text's double ([0]) and single ([1]) quote marks, each
     * in text order. */
    struct qmark_seen *seen[2];
    size_t nseen[2], cap_seen[2];
} qmark_list;

/* Finds the quotations of `text` (`len` bytes, valid UTF-8) within the
 * paragraphs given (all of the text as one paragraph when `npara` is 0),
 * appending them in text order to `out` (emptied first). Quotations inside
 * another quotation are not listed. Returns 0 or TP_ENOMEM. */
int qmark_find(const char *text, size_t len, const tp_paragraph *paras, size_t npara,
               qmark_list *out);

void qmark_list_free(qmark_list *list);

#endif
