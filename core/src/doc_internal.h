/* doc_internal.h - the document's layout, shared by the core modules. */
#ifndef TPIPE_DOC_INTERNAL_H
#define TPIPE_DOC_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <tpipe/tpipe.h>

#include "arena.h"
#include "keys.h"

struct tp_value {
    tp_value_type type;
    union {
        bool b;
        int64_t i;
        double d;
        struct {
            char *s;
            size_t len;
        } str;
        struct {
            tp_value **items;
            size_t count, cap;
        } arr;
        struct {
            const tp_key **keys; /* from the document's key set */
            tp_value **vals;
            size_t count, cap;
        } obj;
        struct {
            const char *layer;
            size_t index;
        } span;
    } u;
};

typedef struct tp_layer {
    char *name;
    tp_span *spans;
    size_t count, cap;
} tp_layer;

/* What the running step may write; NULL provides means anything (the core). */
typedef struct tp_doc_step {
    const char *id;
    const char *const *provides;
    bool tokens, sentences, paragraphs;
    const char *result_key; /* tp_doc_caps.result_key */
    /* The last span attribute this step was allowed to set (any attribute
     * of the layer when allowed_any_key): plugins set the same few
     * attributes on every span, and the check is a string scan. */
    char allowed_layer[32], allowed_key[32];
    bool allowed_any_key;
    /* 1 + the index of allowed_layer in the document's layers once looked
     * up, 0 before. */
    size_t allowed_layer_slot;
} tp_doc_step;

/* A growable array kept across documents (capacity is reused). */
#define TP_VEC(type) struct { type *items; size_t count, cap; }

struct tp_doc {
    tp_arena arena;
    char *id;
    char *text; /* persistent buffer, NUL-terminated */
    size_t len, text_cap;
    TP_VEC(tp_token) tokens;
    TP_VEC(tp_sentence) sentences;
    TP_VEC(tp_paragraph) paragraphs;
    TP_VEC(uint64_t) token_keys; /* tp_doc_token_keys(), for the first `count` tokens */
    TP_VEC(tp_layer) layers;
    TP_VEC(char *) warnings;
    TP_VEC(tp_doc_error) errors;
    tp_value *results; /* object */
    tp_value *meta;    /* object */
    bool failed;
    unsigned emit;
    tp_doc_step step;
    tp_keys keys; /* of the objects in the arena; kept across resets */
    /* The first capability the running step wrote without providing it,
     * e.g. "doc:summary", so that the failure can say what to fix. */
    char denied[160];
};

/* The document structure a step may write, from its provides: worked out
 * once per step (a scan of its capabilities), not per document. */
typedef struct tp_doc_caps {
    bool tokens, sentences, paragraphs;
    /* The first span layer the step provides whole (`span:<layer>`), or
     * NULL: the step starts each document allowed to write it, as if
     * it had been checked (see tp_doc_step.allowed_layer). */
    const char *span_layer;
    size_t span_layer_len;
    /* The first result key the step provides (`doc:<key>`), or NULL. */
    const char *result_key;
} tp_doc_caps;
tp_doc_caps tp_doc_caps_of(const char *const *provides);

/* Called by the worker around each step's process(); `caps` is
 * tp_doc_caps_of(provides). */
void tp_doc_begin_step_caps(tp_doc *doc, const char *id, const char *const *provides,
                            tp_doc_caps caps);
void tp_doc_end_step(tp_doc *doc);
/* tp_doc_begin_step_caps() working out the caps. */
void tp_doc_begin_step(tp_doc *doc, const char *id, const char *const *provides);

/* tp_object_set() on what is known to be an object, a key and a value: the
 * span attributes the core sets for plugins. */
int tp_object_put(tp_doc *doc, tp_value *object, const char *key, tp_value *item);

/* Whether `caps` (NULL-terminated) holds `cap`. */
bool tp_caps_has(const char *const *caps, const char *cap);

#endif
