/* tpipe/doc.h - the document: immutable text, tokens, sentences, paragraphs,
 * span layers and result trees, all living in one arena per document.
 *
 * Offsets are byte offsets into the UTF-8 text, half-open [start, end).
 * Accessors return borrowed pointers that stay valid until the document is
 * reset for the next input, unless a comment says otherwise. A document is
 * used by one thread at a time; nothing here locks. */
#ifndef TPIPE_DOC_H
#define TPIPE_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tp_doc tp_doc;
typedef struct tp_value tp_value;
typedef struct tp_shape tp_shape; /* see "shapes" below */

/* ---- tokens -------------------------------------------------------------- */

typedef enum tp_token_kind {
    TP_TOK_WORD = 0,
    TP_TOK_NUMBER,
    TP_TOK_PUNCT,    /* . , ; : ! ? - — ( ) … */
    TP_TOK_SYMBOL,   /* $ % & + = and other symbols */
    TP_TOK_QUOTE,    /* " “ ” ' ‘ ’ « » used as quotation marks */
    TP_TOK_URL,
    TP_TOK_EMAIL,
    TP_TOK_HANDLE,   /* @name */
    TP_TOK_HASHTAG,  /* #topic */
    TP_TOK_EMOJI,    /* pictographic emoji, with modifiers and joiners */
    TP_TOK_EMOTICON, /* :) :-( ;) <3 */
    TP_TOK_KIND_COUNT
} tp_token_kind;

/* Token flags (bit set in tp_token.flags). */
enum {
    TP_TOKF_CAPITALISED = 1u << 0,  /* first letter upper case */
    TP_TOKF_ALL_CAPS = 1u << 1,     /* at least two letters, all upper case */
    TP_TOKF_ABBREVIATION = 1u << 2, /* abbreviation or initial; includes its period */
    TP_TOKF_SENT_START = 1u << 3,   /* first token of a sentence */
    TP_TOKF_CLITIC = 1u << 4,       /* split-off contraction: n't 's 're 'll ... */
    TP_TOKF_SPACE_BEFORE = 1u << 5, /* white space (or the text start) precedes it */
    TP_TOKF_PARA_START = 1u << 6,   /* first token of a paragraph */
    TP_TOKF_OPENING = 1u << 7,      /* an opening mark by its character: “ ‘ ( [ { « */
    TP_TOKF_CLOSING = 1u << 8,      /* a closing mark by its character: ” ’ ) ] } » */
    TP_TOKF_NEGATION = 1u << 9,     /* the clitic n't */
};

/* A token: 16 bytes, frozen once the tokenizer step has run. */
typedef struct tp_token {
    uint32_t start;    /* byte offset of the first byte */
    uint32_t end;      /* byte offset one past the last byte */
    uint8_t kind;      /* tp_token_kind */
    uint8_t reserved;  /* zero */
    uint16_t flags;    /* TP_TOKF_* */
    uint32_t sentence; /* index of the sentence holding it (set by the core) */
} tp_token;

/* ---- sentences and paragraphs -------------------------------------------- */

enum {
    TP_SENTF_HEADING = 1u << 0, /* title, sub-heading or caption line */
    TP_SENTF_TITLE = 1u << 1,   /* the document's first line, when it is a heading */
    TP_SENTF_CAPTION = 1u << 2, /* a photo caption ("Credit / AFP | A picture ..."); also a heading */
};

typedef struct tp_sentence {
    uint32_t start, end;         /* bytes */
    uint32_t tok_start, tok_end; /* token index range [tok_start, tok_end) */
    uint32_t paragraph;          /* index of the paragraph holding it */
    uint32_t flags;              /* TP_SENTF_* */
} tp_sentence;

typedef struct tp_paragraph {
    uint32_t start, end;           /* bytes */
    uint32_t sent_start, sent_end; /* sentence index range (set by the core) */
} tp_paragraph;

/* ---- reading a document -------------------------------------------------- */

/* The document's id: the input's path or the JSONL record's "id". */
TP_API const char *tp_doc_id(const tp_doc *doc);

/* The text, valid UTF-8 (invalid bytes were replaced by U+FFFD on input),
 * NUL-terminated for convenience; `len` (may be NULL) gets its byte length. */
TP_API const char *tp_doc_text(const tp_doc *doc, size_t *len);

/* Arrays owned by the document; `count` gets their length. NULL when empty. */
TP_API const tp_token *tp_doc_tokens(const tp_doc *doc, size_t *count);
TP_API const tp_sentence *tp_doc_sentences(const tp_doc *doc, size_t *count);
TP_API const tp_paragraph *tp_doc_paragraphs(const tp_doc *doc, size_t *count);

/* The input fields tpipe does not use (JSONL metadata), an object; never NULL. */
TP_API const tp_value *tp_doc_meta(const tp_doc *doc);

/* ---- word keys (ABI 1.1) -------------------------------------------------- */

/* A 64-bit key for a word as word lists see it: lower case (Unicode simple
 * lower-casing) and the apostrophes ’ ‘ ʼ read as '. Words that fold to the
 * same text have the same key; two that do not collide with a chance of
 * about 2^-64, which look-up tables may ignore. Keys are stable within a
 * tpipe version, not across versions: compute them, do not store them. */
TP_API uint64_t tp_word_key(const char *s, size_t len);

/* tp_word_key() of every token's text, in token order: a step that looks
 * words up hashes its lists with tp_word_key() once and its tokens through
 * this array, and the folding is done once per document for all steps
 * (on the first call). Valid until tokens are added or the document is
 * reset; NULL when there are no tokens or no memory. */
TP_API const uint64_t *tp_doc_token_keys(tp_doc *doc);

/* ---- writing structure (steps that provide tokens/sentences/paragraphs) --- */

/* Appends a token, sentence or paragraph. Each returns 0, TP_EPERM when the
 * running step does not provide the capability (`tokens`, `sentences`,
 * `paragraphs`), TP_EINVAL for a range outside the text or out of order, or
 * TP_ENOMEM. Sentences must come in order and reference existing tokens;
 * the core then fills tp_token.sentence and each paragraph's sentence range. */
TP_API int tp_doc_add_token(tp_doc *doc, const tp_token *tok);
TP_API int tp_doc_add_sentence(tp_doc *doc, const tp_sentence *sent);
TP_API int tp_doc_add_paragraph(tp_doc *doc, const tp_paragraph *para);

/* The same for `count` records at once, checked as a whole: all are added,
 * or none (the document is unchanged on error). Tokenizers that collect
 * their output first save a call and a check per token. */
TP_API int tp_doc_add_tokens(tp_doc *doc, const tp_token *toks, size_t count);
TP_API int tp_doc_add_sentences(tp_doc *doc, const tp_sentence *sents, size_t count);

/* ---- spans ---------------------------------------------------------------- */

/* A span on a named layer; `attrs` is an object value (never NULL). */
typedef struct tp_span {
    uint32_t start, end;
    tp_value *attrs;
} tp_span;

/* Adds a span to `layer`, which the running step must provide as
 * `span:<layer>`. `index` (may be NULL) gets the new span's index. */
TP_API int tp_doc_add_span(tp_doc *doc, const char *layer, uint32_t start, uint32_t end,
                           size_t *index);

/* The spans of `layer` in the order they were added, or NULL with *count = 0
 * when the layer does not exist. The pointer is invalidated by the next
 * tp_doc_add_span() on the same layer. */
TP_API const tp_span *tp_doc_spans(const tp_doc *doc, const char *layer, size_t *count);

/* The names of the layers present, in creation order. */
TP_API size_t tp_doc_layer_count(const tp_doc *doc);
TP_API const char *tp_doc_layer_name(const tp_doc *doc, size_t i);

/* Sets attribute `key` of span `index` on `layer` to `value` (which must come
 * from this document). Allowed when the step provides `span:<layer>` or the
 * attribute alone as `span:<layer>.<key>`. */
TP_API int tp_doc_set_span_attr(tp_doc *doc, const char *layer, size_t index, const char *key,
                                tp_value *value);

/* Adds spans[0..count) to `layer` with their attributes (ABI 1.2): each
 * `attrs` is an object from this document, typically made with
 * tp_value_object_shaped(), which becomes the span's own (do not put it in
 * another span or a result). One call for a span and all its attributes,
 * or for all the spans of a document: the step's permission and the layer
 * are looked up once. Checked as a whole: returns 0, TP_EINVAL when
 * `layer` is NULL or empty or a range is not inside the text, TP_EPERM
 * when the step does not provide `span:<layer>` (an attribute capability
 * is not enough), TP_ENOMEM when an `attrs` is NULL (a constructor ran out
 * of memory) or memory runs out, TP_EINVAL when an `attrs` is not an
 * object; on error no span is added. `first` (may be NULL) gets the index
 * of spans[0]; the others follow in order. */
TP_API int tp_doc_add_spans(tp_doc *doc, const char *layer, const tp_span *spans, size_t count,
                            size_t *first);

/* ---- results --------------------------------------------------------------- */

/* Sets the result tree under `key`; the step must provide `doc:<key>`. */
TP_API int tp_doc_set_result(tp_doc *doc, const char *key, tp_value *value);

/* The result tree under `key`, or NULL. */
TP_API const tp_value *tp_doc_result(const tp_doc *doc, const char *key);
TP_API size_t tp_doc_result_count(const tp_doc *doc);
TP_API const char *tp_doc_result_key(const tp_doc *doc, size_t i);

/* Asks the core to list tokens and/or sentences in this document's output
 * record (the tokenizer's emit_* options). */
enum { TP_EMIT_TOKENS = 1u << 0, TP_EMIT_SENTENCES = 1u << 1 };
TP_API void tp_doc_request_emit(tp_doc *doc, unsigned what);

/* Adds a warning to the document's record (copied; printf-style). */
TP_API int tp_doc_warn(tp_doc *doc, const char *fmt, ...) TP_PRINTF(2, 3);

/* ---- memory ------------------------------------------------------------------ */

/* Scratch or result memory from the document's arena, 16-byte aligned,
 * released all at once when the document is reset. NULL when out of memory. */
TP_API void *tp_doc_alloc(tp_doc *doc, size_t size);

/* Copies `len` bytes of `s` into the arena and NUL-terminates them. */
TP_API char *tp_doc_strndup(tp_doc *doc, const char *s, size_t len);

/* ---- JSON-safe values ---------------------------------------------------------- */

typedef enum tp_value_type {
    TP_VALUE_NULL = 0,
    TP_VALUE_BOOL,
    TP_VALUE_INT,
    TP_VALUE_NUMBER,
    TP_VALUE_STRING,
    TP_VALUE_ARRAY,
    TP_VALUE_OBJECT,
    TP_VALUE_SPAN /* a reference to a span: layer name and index */
} tp_value_type;

/* Constructors allocate from `doc`'s arena; they return NULL only when out of
 * memory, and every setter below accepts a NULL value by returning TP_ENOMEM,
 * so chains of calls need one check at the end. Strings are copied. */
TP_API tp_value *tp_value_null(tp_doc *doc);
TP_API tp_value *tp_value_bool(tp_doc *doc, bool b);
TP_API tp_value *tp_value_int(tp_doc *doc, int64_t i);
TP_API tp_value *tp_value_number(tp_doc *doc, double d); /* NaN and inf become null */
TP_API tp_value *tp_value_string(tp_doc *doc, const char *s);
TP_API tp_value *tp_value_stringn(tp_doc *doc, const char *s, size_t len);
TP_API tp_value *tp_value_array(tp_doc *doc);
TP_API tp_value *tp_value_object(tp_doc *doc);
TP_API tp_value *tp_value_span(tp_doc *doc, const char *layer, size_t index);

/* Appends to an array; sets `key` in an object (replacing an earlier value). */
TP_API int tp_array_push(tp_doc *doc, tp_value *array, tp_value *item);
TP_API int tp_object_set(tp_doc *doc, tp_value *object, const char *key, tp_value *item);

/* Readers. Type mismatches return the zero value (false, 0, NULL). */
TP_API tp_value_type tp_value_type_of(const tp_value *v);
TP_API bool tp_value_as_bool(const tp_value *v);
TP_API int64_t tp_value_as_int(const tp_value *v);
TP_API double tp_value_as_number(const tp_value *v); /* ints convert */
TP_API const char *tp_value_as_string(const tp_value *v, size_t *len);
TP_API size_t tp_value_length(const tp_value *v); /* array items or object members */
TP_API const tp_value *tp_array_get(const tp_value *array, size_t i);
TP_API const tp_value *tp_object_get(const tp_value *object, const char *key);
TP_API const char *tp_object_key_at(const tp_value *object, size_t i);
TP_API const tp_value *tp_object_value_at(const tp_value *object, size_t i);
TP_API const char *tp_value_span_layer(const tp_value *v, size_t *index);

/* ---- shapes: values built many times (ABI 1.2) ------------------------------- */

/* A fixed list of object keys, prepared once (in a plugin's load() or
 * create()) for the objects and span attributes a step writes over and
 * over, such as {text, start, end} per mention: an object built from a
 * shape costs one allocation, with no key looked up or compared. */

/* The most keys a shape may have: shapes are for small objects. */
#define TP_SHAPE_MAX_KEYS 64

/* Prepares a shape of keys[0..count), copied, in the order the members will
 * have (and appear in the output). Returns 0 with *out set, TP_EINVAL when
 * `out`, `keys` (with count > 0) or a key is NULL or a key is given twice,
 * TP_ELIMIT for more than TP_SHAPE_MAX_KEYS keys, or TP_ENOMEM. A shape
 * never changes once made: threads and documents may share it. Objects
 * built from it do not refer to it, so it may be freed (with
 * tp_shape_free(), NULL allowed) while they live on. */
TP_API int tp_shape_new(const char *const *keys, size_t count, tp_shape **out);
TP_API void tp_shape_free(tp_shape *shape);

/* A new object whose members are the shape's keys, in its order, with
 * values[0..count) (which must come from this document). It is an object
 * like any other: tp_object_set() may replace or add members later. NULL
 * when out of memory, when a value is NULL (a constructor ran out of
 * memory) or when `shape` is NULL. */
TP_API tp_value *tp_value_object_shaped(tp_doc *doc, const tp_shape *shape,
                                        tp_value *const *values);

/* An array of items[0..count) (which must come from this document), made at
 * its final size: cheaper than pushing the items one by one. NULL when out
 * of memory or when an item is NULL. */
TP_API tp_value *tp_value_array_of(tp_doc *doc, tp_value *const *items, size_t count);

/* An array of the integers ints[0..count), made in one allocation with its
 * items: pairs of offsets, lists of indexes. NULL when out of memory. */
TP_API tp_value *tp_value_array_of_ints(tp_doc *doc, const int64_t *ints, size_t count);

#ifdef __cplusplus
}
#endif

#endif
