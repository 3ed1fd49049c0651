/* doc.c - the document: text, structure, spans, results and their rules. */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "doc_internal.h"
#include "utf8.h"
#include "wordkey.h"

/* Texts longer than this do not fit the 32-bit offsets of the model. */
#define DOC_MAX_BYTES ((size_t)UINT32_MAX - 1)

/* Grows a persistent vector by doubling; `elem` is the element size. */
static int vec_grow(void **items, size_t *cap, size_t count, size_t elem)
{
    if (count < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 64;
    void *n = realloc(*items, ncap * elem);
    if (!n)
        return TP_ENOMEM;
    *items = n;
    *cap = ncap;
    return 0;
}
#define VEC_PUSH_SLOT(vec) \
    (vec_grow((void **)&(vec).items, &(vec).cap, (vec).count, sizeof *(vec).items) ? NULL \
                                                                                  : &(vec).items[(vec).count++])

TP_API tp_doc *tp_doc_new(void)
{
    tp_doc *doc = calloc(1, sizeof *doc);
    if (!doc)
        return NULL;
    tp_arena_init(&doc->arena);
    tp_keys_init(&doc->keys);
    if (tp_doc_reset(doc, "", "", 0) != 0) {
        tp_doc_free(doc);
        return NULL;
    }
    return doc;
}

TP_API void tp_doc_free(tp_doc *doc)
{
    if (!doc)
        return;
    tp_arena_free(&doc->arena);
    tp_keys_free(&doc->keys);
    free(doc->text);
    free(doc->tokens.items);
    free(doc->token_keys.items);
    free(doc->sentences.items);
    free(doc->paragraphs.items);
    free(doc->layers.items);
    free(doc->warnings.items);
    free(doc->errors.items);
    free(doc);
}

TP_API int tp_doc_reset(tp_doc *doc, const char *id, const char *text, size_t len)
{
    tp_arena_reset(&doc->arena);
    doc->tokens.count = doc->sentences.count = doc->paragraphs.count = 0;
    doc->token_keys.count = 0;
    doc->layers.count = doc->warnings.count = doc->errors.count = 0;
    doc->failed = false;
    doc->emit = 0;
    doc->step = (tp_doc_step){0};
    tp_keys_trim(&doc->keys); /* no object uses them any more */
    doc->denied[0] = '\0';
    doc->len = 0;
    /* Until the new text is in, the document reads as empty, also when the
     * text is refused below. */
    if (doc->text)
        doc->text[0] = '\0';
    doc->results = tp_value_object(doc);
    doc->meta = tp_value_object(doc);
    doc->id = tp_doc_strndup(doc, id ? id : "", id ? strlen(id) : 0);
    if (!doc->results || !doc->meta || !doc->id)
        return TP_ENOMEM;
    if (len > DOC_MAX_BYTES / 3) {
        /* Repair may triple the size; refuse rather than overflow offsets. */
        return TP_ELIMIT;
    }
    size_t need = len * 3 + 1;
    if (need > doc->text_cap) {
        char *n = realloc(doc->text, need);
        if (!n)
            return TP_ENOMEM;
        doc->text = n;
        doc->text_cap = need;
    }
    size_t replaced = 0;
    doc->len = tp_utf8_repair(text ? text : "", text ? len : 0, doc->text, &replaced);
    doc->text[doc->len] = '\0';
    if (replaced)
        return tp_doc_warn(doc, "input is not valid UTF-8: %zu byte%s replaced with U+FFFD",
                           replaced, replaced == 1 ? "" : "s");
    return 0;
}

TP_API const char *tp_doc_id(const tp_doc *doc)
{
    return doc->id;
}

TP_API const char *tp_doc_text(const tp_doc *doc, size_t *len)
{
    if (len)
        *len = doc->len;
    return doc->text;
}

TP_API const tp_token *tp_doc_tokens(const tp_doc *doc, size_t *count)
{
    if (count)
        *count = doc->tokens.count;
    return doc->tokens.count ? doc->tokens.items : NULL;
}

TP_API const tp_sentence *tp_doc_sentences(const tp_doc *doc, size_t *count)
{
    if (count)
        *count = doc->sentences.count;
    return doc->sentences.count ? doc->sentences.items : NULL;
}

TP_API const tp_paragraph *tp_doc_paragraphs(const tp_doc *doc, size_t *count)
{
    if (count)
        *count = doc->paragraphs.count;
    return doc->paragraphs.count ? doc->paragraphs.items : NULL;
}

TP_API const tp_value *tp_doc_meta(const tp_doc *doc)
{
    return doc->meta;
}

TP_API tp_value *tp_doc_meta_object(tp_doc *doc)
{
    return doc->meta;
}

bool tp_caps_has(const char *const *caps, const char *cap)
{
    for (; caps && *caps; caps++)
        if (strcmp(*caps, cap) == 0)
            return true;
    return false;
}

/* The name of the first layer `provides` holds whole, if short enough to be
 * remembered, else NULL. */
static const char *first_span_layer(const char *const *provides)
{
    for (const char *const *c = provides; c && *c; c++)
        if (strncmp(*c, "span:", 5) == 0 && strchr(*c + 5, '.') == NULL)
            return strlen(*c + 5) < sizeof((tp_doc_step *)0)->allowed_layer ? *c + 5 : NULL;
    return NULL;
}

/* The key of the first `doc:<key>` in `provides`, or NULL. */
static const char *first_result_key(const char *const *provides)
{
    for (const char *const *c = provides; c && *c; c++)
        if (strncmp(*c, "doc:", 4) == 0)
            return *c + 4;
    return NULL;
}

tp_doc_caps tp_doc_caps_of(const char *const *provides)
{
    const char *layer = first_span_layer(provides);
    return (tp_doc_caps){
        .tokens = tp_caps_has(provides, "tokens"),
        .sentences = tp_caps_has(provides, "sentences"),
        .paragraphs = tp_caps_has(provides, "paragraphs"),
        .span_layer = layer,
        .span_layer_len = layer ? strlen(layer) : 0,
        .result_key = first_result_key(provides),
    };
}

void tp_doc_begin_step_caps(tp_doc *doc, const char *id, const char *const *provides,
                            tp_doc_caps caps)
{
    doc->step = (tp_doc_step){0};
    doc->step.id = id;
    doc->step.provides = provides;
    doc->denied[0] = '\0';
    doc->step.tokens = caps.tokens;
    doc->step.sentences = caps.sentences;
    doc->step.paragraphs = caps.paragraphs;
    doc->step.result_key = caps.result_key;
    if (caps.span_layer) {
        /* What may_add_span() would remember on the first span. */
        memcpy(doc->step.allowed_layer, caps.span_layer, caps.span_layer_len + 1);
        doc->step.allowed_any_key = true;
    }
}

void tp_doc_begin_step(tp_doc *doc, const char *id, const char *const *provides)
{
    tp_doc_begin_step_caps(doc, id, provides, tp_doc_caps_of(provides));
}

/* Each paragraph's sentence range follows from the sentences' paragraph
 * index; computing it once after the step keeps the add calls cheap. */
static void link_paragraphs(tp_doc *doc)
{
    for (size_t p = 0; p < doc->paragraphs.count; p++)
        doc->paragraphs.items[p].sent_start = doc->paragraphs.items[p].sent_end = 0;
    for (size_t s = 0; s < doc->sentences.count; s++) {
        uint32_t p = doc->sentences.items[s].paragraph;
        if (p >= doc->paragraphs.count)
            continue;
        tp_paragraph *para = &doc->paragraphs.items[p];
        if (para->sent_end == para->sent_start)
            para->sent_start = (uint32_t)s;
        para->sent_end = (uint32_t)s + 1;
    }
}

void tp_doc_end_step(tp_doc *doc)
{
    if (doc->step.sentences || doc->step.paragraphs)
        link_paragraphs(doc);
    doc->step = (tp_doc_step){0};
}

/* Refuses a write the running step does not provide, remembering the first
 * such capability for the failure message (see tp_worker_process). */
static int deny(tp_doc *doc, const char *fmt, ...) TP_PRINTF(2, 3);
static int deny(tp_doc *doc, const char *fmt, ...)
{
    if (!doc->denied[0]) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(doc->denied, sizeof doc->denied, fmt, ap);
        va_end(ap);
    }
    return TP_EPERM;
}

/* The core itself (no step running) may write anything. */
static bool may(const tp_doc *doc, bool flag)
{
    return doc->step.id == NULL || flag;
}

/* Room for `extra` more items in a persistent vector. */
static int vec_reserve(void **items, size_t *cap, size_t count, size_t extra, size_t elem)
{
    if (extra > SIZE_MAX / elem - count)
        return TP_ENOMEM;
    size_t need = count + extra;
    if (need <= *cap)
        return 0;
    size_t ncap = *cap ? *cap : 64;
    while (ncap < need)
        ncap *= 2;
    void *n = realloc(*items, ncap * elem);
    if (!n)
        return TP_ENOMEM;
    *items = n;
    *cap = ncap;
    return 0;
}

TP_API const uint64_t *tp_doc_token_keys(tp_doc *doc)
{
    size_t have = doc->token_keys.count, want = doc->tokens.count;
    if (want == 0)
        return NULL;
    if (have < want) {
        /* Tokens only ever grow: the keys of the earlier ones stay. */
        if (vec_reserve((void **)&doc->token_keys.items, &doc->token_keys.cap, have, want - have,
                        sizeof *doc->token_keys.items) != 0)
            return NULL;
        tp_word_keys_of(doc->text, doc->tokens.items + have, want - have,
                        doc->token_keys.items + have);
        doc->token_keys.count = want;
    }
    return doc->token_keys.items;
}

#ifdef __SSE2__
/* copy_tokens() four tokens at a time: each token is one vector, copied
 * with its `reserved` and `sentence` replaced by masks, and the four are
 * transposed so that their starts, ends and kinds are checked side by side
 * (unsigned comparisons as signed ones on values offset by 2^31). Handles
 * count rounded down to 4 and returns how many; *prev_end and *valid carry
 * on to the rest. */
static size_t copy_tokens4(tp_token *dst, const tp_token *src, size_t count, uint32_t len,
                           uint32_t *prev_end, bool *valid)
{
    _Static_assert(sizeof(tp_token) == 16 && offsetof(tp_token, kind) == 8 &&
                       offsetof(tp_token, reserved) == 9 && offsetof(tp_token, flags) == 10 &&
                       offsetof(tp_token, sentence) == 12,
                   "the masks below follow the token's layout (x86: little-endian)");
    const __m128i keep = _mm_setr_epi32(-1, -1, (int)0xFFFF00FF, 0);
    const __m128i set = _mm_setr_epi32(0, 0, 0, -1);
    const __m128i bias = _mm_set1_epi32(INT32_MIN);
    const __m128i len_biased = _mm_set1_epi32((int)(len ^ 0x80000000u));
    const __m128i kind_count = _mm_set1_epi32(TP_TOK_KIND_COUNT);
    const __m128i kind_byte = _mm_set1_epi32(0xFF);
    __m128i prev = _mm_cvtsi32_si128((int)*prev_end); /* in lane 0 */
    __m128i good = _mm_set1_epi32(-1);
    size_t i = 0;
    for (; i + 4 <= count; i += 4) {
        __m128i t0 = _mm_loadu_si128((const __m128i *)&src[i]);
        __m128i t1 = _mm_loadu_si128((const __m128i *)&src[i + 1]);
        __m128i t2 = _mm_loadu_si128((const __m128i *)&src[i + 2]);
        __m128i t3 = _mm_loadu_si128((const __m128i *)&src[i + 3]);
        _mm_storeu_si128((__m128i *)&dst[i], _mm_or_si128(_mm_and_si128(t0, keep), set));
        _mm_storeu_si128((__m128i *)&dst[i + 1], _mm_or_si128(_mm_and_si128(t1, keep), set));
        _mm_storeu_si128((__m128i *)&dst[i + 2], _mm_or_si128(_mm_and_si128(t2, keep), set));
        _mm_storeu_si128((__m128i *)&dst[i + 3], _mm_or_si128(_mm_and_si128(t3, keep), set));
        __m128i lo01 = _mm_unpacklo_epi32(t0, t1), lo23 = _mm_unpacklo_epi32(t2, t3);
        __m128i hi01 = _mm_unpackhi_epi32(t0, t1), hi23 = _mm_unpackhi_epi32(t2, t3);
        __m128i starts = _mm_unpacklo_epi64(lo01, lo23);
        __m128i ends = _mm_unpackhi_epi64(lo01, lo23);
        __m128i kinds = _mm_and_si128(_mm_unpacklo_epi64(hi01, hi23), kind_byte);
        __m128i prevs = _mm_or_si128(_mm_slli_si128(ends, 4), prev);
        prev = _mm_srli_si128(ends, 12);
        __m128i s = _mm_xor_si128(starts, bias), e = _mm_xor_si128(ends, bias);
        __m128i p = _mm_xor_si128(prevs, bias);
        good = _mm_and_si128(good, _mm_cmpgt_epi32(e, s));             /* start < end */
        good = _mm_andnot_si128(_mm_cmpgt_epi32(e, len_biased), good); /* end <= len */
        good = _mm_andnot_si128(_mm_cmpgt_epi32(p, s), good);          /* prev_end <= start */
        good = _mm_and_si128(good, _mm_cmpgt_epi32(kind_count, kinds));
    }
    *prev_end = (uint32_t)_mm_cvtsi128_si32(prev);
    *valid = *valid && _mm_movemask_epi8(good) == 0xFFFF;
    return i;
}
#endif

/* Copies `count` tokens to `dst` with `reserved` cleared and `sentence`
 * unset, and says whether all of them are valid: in order after
 * `prev_end`, not empty, inside the text of `len` bytes, of a known kind.
 * The checks are folded rather than branched on, token by token. */
static bool copy_tokens(tp_token *dst, const tp_token *src, size_t count, uint32_t len,
                        uint32_t prev_end)
{
    bool valid = true;
    size_t i = 0;
#ifdef __SSE2__
    i = copy_tokens4(dst, src, count, len, &prev_end, &valid);
#endif
    for (; i < count; i++) {
        tp_token t = src[i];
        valid &= (t.start >= prev_end) & (t.start < t.end) & (t.end <= len) &
                 (t.kind < TP_TOK_KIND_COUNT);
        prev_end = t.end;
        t.reserved = 0;
        t.sentence = UINT32_MAX;
        dst[i] = t;
    }
    return valid;
}

TP_API int tp_doc_add_tokens(tp_doc *doc, const tp_token *toks, size_t count)
{
    if (!may(doc, doc->step.tokens))
        return deny(doc, "tokens");
    if (vec_reserve((void **)&doc->tokens.items, &doc->tokens.cap, doc->tokens.count, count,
                    sizeof(tp_token)))
        return TP_ENOMEM;
    /* Checked while copied past the end: the count moves only when all of
     * them are valid, so a refused batch adds nothing. */
    tp_token *dst = doc->tokens.items + doc->tokens.count;
    uint32_t prev_end = doc->tokens.count ? dst[-1].end : 0;
    if (!copy_tokens(dst, toks, count, (uint32_t)doc->len, prev_end))
        return TP_EINVAL;
    doc->tokens.count += count;
    return 0;
}

TP_API int tp_doc_add_sentences(tp_doc *doc, const tp_sentence *sents, size_t count)
{
    if (!may(doc, doc->step.sentences))
        return deny(doc, "sentences");
    const tp_sentence *prev =
        doc->sentences.count ? &doc->sentences.items[doc->sentences.count - 1] : NULL;
    for (size_t i = 0; i < count; i++) {
        const tp_sentence *st = &sents[i];
        if (st->start > st->end || st->end > doc->len || st->tok_start > st->tok_end ||
            st->tok_end > doc->tokens.count)
            return TP_EINVAL;
        if (prev && (st->start < prev->end || st->tok_start < prev->tok_end))
            return TP_EINVAL;
        prev = st;
    }
    if (vec_reserve((void **)&doc->sentences.items, &doc->sentences.cap, doc->sentences.count,
                    count, sizeof(tp_sentence)))
        return TP_ENOMEM;
    uint32_t index = (uint32_t)doc->sentences.count;
    if (count)
        memcpy(doc->sentences.items + index, sents, count * sizeof *sents);
    /* Every token gets its sentence: four stores a turn, as this touches
     * every token of the document. */
    for (size_t i = 0; i < count; i++) {
        uint32_t sentence = index + (uint32_t)i;
        tp_token *t = doc->tokens.items + sents[i].tok_start;
        tp_token *end = doc->tokens.items + sents[i].tok_end;
        for (; end - t >= 4; t += 4)
            t[0].sentence = t[1].sentence = t[2].sentence = t[3].sentence = sentence;
        for (; t < end; t++)
            t->sentence = sentence;
    }
    doc->sentences.count += count;
    return 0;
}

TP_API int tp_doc_add_token(tp_doc *doc, const tp_token *tok)
{
    return tp_doc_add_tokens(doc, tok, 1);
}

TP_API int tp_doc_add_sentence(tp_doc *doc, const tp_sentence *sent)
{
    return tp_doc_add_sentences(doc, sent, 1);
}

TP_API int tp_doc_add_paragraph(tp_doc *doc, const tp_paragraph *para)
{
    if (!may(doc, doc->step.paragraphs))
        return deny(doc, "%s", "paragraphs");
    if (para->start > para->end || para->end > doc->len)
        return TP_EINVAL;
    if (doc->paragraphs.count && para->start < doc->paragraphs.items[doc->paragraphs.count - 1].end)
        return TP_EINVAL;
    tp_paragraph *slot = VEC_PUSH_SLOT(doc->paragraphs);
    if (!slot)
        return TP_ENOMEM;
    *slot = *para;
    slot->sent_start = slot->sent_end = 0;
    return 0;
}

/* ---- spans ---- */

static tp_layer *layer_find(const tp_doc *doc, const char *name)
{
    for (size_t i = 0; i < doc->layers.count; i++)
        if (strcmp(doc->layers.items[i].name, name) == 0)
            return &doc->layers.items[i];
    return NULL;
}

/* Checks "span:<layer>" or, when `attr` is given, "span:<layer>.<attr>". */
static bool may_span(const tp_doc *doc, const char *layer, const char *attr)
{
    if (doc->step.id == NULL)
        return true;
    size_t ll = strlen(layer);
    for (const char *const *c = doc->step.provides; c && *c; c++) {
        const char *p = *c;
        if (strncmp(p, "span:", 5) != 0 || strncmp(p + 5, layer, ll) != 0)
            continue;
        const char *rest = p + 5 + ll;
        if (*rest == '\0')
            return true;
        if (attr && rest[0] == '.' && strcmp(rest + 1, attr) == 0)
            return true;
    }
    return false;
}

/* Remembers for the step that it may set `key` (any key when `any_key`)
 * on spans of `layer`, when the names fit. */
static void remember_allowed(tp_doc_step *st, const char *layer, const char *key, bool any_key)
{
    size_t layer_len = strlen(layer), key_len = strlen(key);
    if (layer_len < sizeof st->allowed_layer && key_len < sizeof st->allowed_key) {
        memcpy(st->allowed_layer, layer, layer_len + 1);
        memcpy(st->allowed_key, key, key_len + 1);
        st->allowed_any_key = any_key;
    }
    /* Looked up again: the remembered layer may have changed, or may be
     * another than `layer` when that does not fit. */
    st->allowed_layer_slot = 0;
}

/* Whether the running step provides the whole layer `layer`, as needed to
 * add spans to it: remembered like may_set_span_attr()'s answers, as spans
 * come in runs. */
static bool may_add_span(tp_doc *doc, const char *layer)
{
    tp_doc_step *st = &doc->step;
    if (st->allowed_any_key && strcmp(st->allowed_layer, layer) == 0)
        return true;
    if (!may_span(doc, layer, NULL))
        return false;
    remember_allowed(st, layer, "", true);
    return true;
}

/* Whether the running step may set `key` on spans of `layer`. Plugins set
 * the same few attributes on every span, and the check is a string scan:
 * the last answer is kept for the step, for any key when the step provides
 * the whole layer. */
static bool may_set_span_attr(tp_doc *doc, const char *layer, const char *key)
{
    tp_doc_step *st = &doc->step;
    if (strcmp(st->allowed_layer, layer) == 0 &&
        (st->allowed_any_key || strcmp(st->allowed_key, key) == 0))
        return true;
    bool whole_layer = may_span(doc, layer, NULL);
    if (!whole_layer && !may_span(doc, layer, key))
        return false;
    remember_allowed(st, layer, key, whole_layer);
    return true;
}

/* layer_find() for a layer may_add_span() or may_set_span_attr() has just
 * allowed: when that is the step's remembered layer, its index is
 * remembered too (layers are only ever added), which spares a string scan
 * per span and attribute. */
static tp_layer *allowed_layer_find(tp_doc *doc, const char *layer)
{
    tp_doc_step *st = &doc->step;
    if (st->allowed_layer_slot)
        return &doc->layers.items[st->allowed_layer_slot - 1];
    tp_layer *l = layer_find(doc, layer);
    if (l && strcmp(st->allowed_layer, layer) == 0)
        st->allowed_layer_slot = (size_t)(l - doc->layers.items) + 1;
    return l;
}

/* The layer named `layer`, made when it does not exist yet, with room for
 * `extra` more spans; for a step allowed to add spans to it. NULL when out
 * of memory. */
static tp_layer *layer_with_room(tp_doc *doc, const char *layer, size_t extra)
{
    tp_layer *l = allowed_layer_find(doc, layer);
    if (!l) {
        l = VEC_PUSH_SLOT(doc->layers);
        if (!l)
            return NULL;
        *l = (tp_layer){.name = tp_doc_strndup(doc, layer, strlen(layer))};
        if (!l->name) {
            doc->layers.count--;
            return NULL;
        }
    }
    if (extra > l->cap - l->count) {
        if (extra > SIZE_MAX / 2 / sizeof *l->spans - l->count)
            return NULL;
        size_t ncap = l->cap ? l->cap * 2 : 8;
        while (ncap < l->count + extra)
            ncap *= 2;
        tp_span *n = tp_doc_alloc(doc, ncap * sizeof *n);
        if (!n)
            return NULL;
        if (l->count)
            memcpy(n, l->spans, l->count * sizeof *n);
        l->spans = n;
        l->cap = ncap;
    }
    return l;
}

/* The checks of spans to add, whose attributes are checked by the caller. */
static int check_new_spans(tp_doc *doc, const char *layer, const tp_span *spans, size_t count)
{
    if (!layer || !*layer || (count && !spans))
        return TP_EINVAL;
    if (!may_add_span(doc, layer))
        return deny(doc, "span:%s", layer);
    for (size_t i = 0; i < count; i++)
        if (spans[i].start > spans[i].end || spans[i].end > doc->len)
            return TP_EINVAL;
    return 0;
}

/* Appends spans[0..count) (count > 0), checked, to `layer`. */
static int append_spans(tp_doc *doc, const char *layer, const tp_span *spans, size_t count,
                        size_t *first)
{
    tp_layer *l = layer_with_room(doc, layer, count);
    if (!l)
        return TP_ENOMEM;
    memcpy(l->spans + l->count, spans, count * sizeof *spans);
    if (first)
        *first = l->count;
    l->count += count;
    return 0;
}

TP_API int tp_doc_add_span(tp_doc *doc, const char *layer, uint32_t start, uint32_t end,
                           size_t *index)
{
    tp_span span = {.start = start, .end = end};
    int rc = check_new_spans(doc, layer, &span, 1);
    if (rc != 0)
        return rc;
    span.attrs = tp_value_object(doc);
    return span.attrs ? append_spans(doc, layer, &span, 1, index) : TP_ENOMEM;
}

TP_API int tp_doc_add_spans(tp_doc *doc, const char *layer, const tp_span *spans, size_t count,
                            size_t *first)
{
    int rc = check_new_spans(doc, layer, spans, count);
    for (size_t i = 0; rc == 0 && i < count; i++)
        if (!spans[i].attrs || spans[i].attrs->type != TP_VALUE_OBJECT)
            rc = spans[i].attrs ? TP_EINVAL : TP_ENOMEM;
    if (rc != 0)
        return rc;
    if (count == 0) {
        /* Nothing to add: no layer is made for it. */
        const tp_layer *l = layer_find(doc, layer);
        if (first)
            *first = l ? l->count : 0;
        return 0;
    }
    return append_spans(doc, layer, spans, count, first);
}

TP_API const tp_span *tp_doc_spans(const tp_doc *doc, const char *layer, size_t *count)
{
    const tp_layer *l = layer ? layer_find(doc, layer) : NULL;
    if (count)
        *count = l ? l->count : 0;
    return l && l->count ? l->spans : NULL;
}

TP_API size_t tp_doc_layer_count(const tp_doc *doc)
{
    return doc->layers.count;
}

TP_API const char *tp_doc_layer_name(const tp_doc *doc, size_t i)
{
    return i < doc->layers.count ? doc->layers.items[i].name : NULL;
}

TP_API int tp_doc_set_span_attr(tp_doc *doc, const char *layer, size_t index, const char *key,
                                tp_value *value)
{
    if (!layer || !key)
        return TP_EINVAL;
    if (!may_set_span_attr(doc, layer, key))
        return deny(doc, "span:%s.%s", layer, key);
    tp_layer *l = allowed_layer_find(doc, layer);
    if (!l || index >= l->count)
        return TP_ENOENT;
    return value ? tp_object_put(doc, l->spans[index].attrs, key, value) : TP_ENOMEM;
}

/* ---- results ---- */

/* Whether the running step provides "doc:<key>" (compared in place rather
 * than formatted: a result is set per document). Steps mostly set the one
 * result they provide, found once per step (tp_doc_caps_of). */
static bool may_set_result(const tp_doc *doc, const char *key)
{
    if (doc->step.id == NULL)
        return true;
    if (doc->step.result_key && strcmp(doc->step.result_key, key) == 0)
        return true;
    for (const char *const *c = doc->step.provides; c && *c; c++)
        if (strncmp(*c, "doc:", 4) == 0 && strcmp(*c + 4, key) == 0)
            return true;
    return false;
}

TP_API int tp_doc_set_result(tp_doc *doc, const char *key, tp_value *value)
{
    if (!key || !*key)
        return TP_EINVAL;
    if (!may_set_result(doc, key))
        return deny(doc, "doc:%s", key);
    return tp_object_set(doc, doc->results, key, value);
}

TP_API const tp_value *tp_doc_result(const tp_doc *doc, const char *key)
{
    return tp_object_get(doc->results, key);
}

TP_API size_t tp_doc_result_count(const tp_doc *doc)
{
    return tp_value_length(doc->results);
}

TP_API const char *tp_doc_result_key(const tp_doc *doc, size_t i)
{
    return tp_object_key_at(doc->results, i);
}

/* ---- warnings, errors, emit ---- */

static char *vformat(tp_doc *doc, const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *s = tp_doc_alloc(doc, (size_t)n + 1);
    if (s)
        vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

TP_API int tp_doc_warn(tp_doc *doc, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = vformat(doc, fmt, ap);
    va_end(ap);
    if (!s)
        return TP_ENOMEM;
    char **slot = VEC_PUSH_SLOT(doc->warnings);
    if (!slot)
        return TP_ENOMEM;
    *slot = s;
    return 0;
}

TP_API size_t tp_doc_warning_count(const tp_doc *doc)
{
    return doc->warnings.count;
}

TP_API const char *tp_doc_warning(const tp_doc *doc, size_t i)
{
    return i < doc->warnings.count ? doc->warnings.items[i] : NULL;
}

TP_API int tp_doc_fail(tp_doc *doc, const char *step, const char *message, uint64_t input_line)
{
    tp_doc_error *slot = VEC_PUSH_SLOT(doc->errors);
    if (!slot)
        return TP_ENOMEM;
    *slot = (tp_doc_error){
        .step = step ? tp_doc_strndup(doc, step, strlen(step)) : NULL,
        .message = tp_doc_strndup(doc, message ? message : "", message ? strlen(message) : 0),
        .input_line = input_line,
    };
    doc->failed = true;
    return slot->message ? 0 : TP_ENOMEM;
}

TP_API bool tp_doc_failed(const tp_doc *doc)
{
    return doc->failed;
}

TP_API const tp_doc_error *tp_doc_errors(const tp_doc *doc, size_t *count)
{
    if (count)
        *count = doc->errors.count;
    return doc->errors.count ? doc->errors.items : NULL;
}

TP_API void tp_doc_request_emit(tp_doc *doc, unsigned what)
{
    doc->emit |= what;
}

TP_API unsigned tp_doc_emit_flags(const tp_doc *doc)
{
    return doc->emit;
}

/* ---- memory ---- */

TP_API void *tp_doc_alloc(tp_doc *doc, size_t size)
{
    return tp_arena_alloc(&doc->arena, size);
}

TP_API char *tp_doc_strndup(tp_doc *doc, const char *s, size_t len)
{
    char *d = tp_arena_alloc(&doc->arena, len + 1);
    if (d) {
        if (len)
            memcpy(d, s, len);
        d[len] = '\0';
    }
    return d;
}
