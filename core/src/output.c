/* output.c - one output record per document: JSON (jsonl and json formats)
 * and the dispatch to the text report (output_text.c).
 *
 * The record's keys come in a fixed order so that records diff cleanly and
 * are byte-identical for any number of workers:
 *   id, meta, stats, [sentences], [tokens], spans, results, warnings, errors
 * and for a failed document: id, failed, meta, errors, warnings.
 * An error's "input_line" is null when the input was not JSONL. */
#include "output.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[TP_TOK_KIND_COUNT] = {
    [TP_TOK_WORD] = "word",       [TP_TOK_NUMBER] = "number", [TP_TOK_PUNCT] = "punct",
    [TP_TOK_SYMBOL] = "symbol",   [TP_TOK_QUOTE] = "quote",   [TP_TOK_URL] = "url",
    [TP_TOK_EMAIL] = "email",     [TP_TOK_HANDLE] = "handle", [TP_TOK_HASHTAG] = "hashtag",
    [TP_TOK_EMOJI] = "emoji",     [TP_TOK_EMOTICON] = "emoticon",
};

const char *tp_token_kind_name(unsigned kind)
{
    return kind < TP_TOK_KIND_COUNT ? kind_names[kind] : "unknown";
}

static void add_key(tp_strbuf *sb, const char *key)
{
    tp_strbuf_add_json_string(sb, key, strlen(key));
    tp_strbuf_addch(sb, ':');
}

static void add_string(tp_strbuf *sb, const char *s)
{
    if (s)
        tp_strbuf_add_json_string(sb, s, strlen(s));
    else
        tp_strbuf_add(sb, "null", 4);
}

static void add_uint(tp_strbuf *sb, uint64_t n)
{
    tp_strbuf_addf(sb, "%" PRIu64, n);
}

void tp_output_json_value(tp_strbuf *sb, const tp_value *v)
{
    switch (v ? tp_value_type_of(v) : TP_VALUE_NULL) {
    case TP_VALUE_BOOL:
        tp_strbuf_addstr(sb, tp_value_as_bool(v) ? "true" : "false");
        break;
    case TP_VALUE_INT:
        tp_strbuf_addf(sb, "%" PRId64, tp_value_as_int(v));
        break;
    case TP_VALUE_NUMBER:
        tp_strbuf_add_json_number(sb, tp_value_as_number(v));
        break;
    case TP_VALUE_STRING: {
        size_t len = 0;
        const char *s = tp_value_as_string(v, &len);
        tp_strbuf_add_json_string(sb, s ? s : "", s ? len : 0);
        break;
    }
    case TP_VALUE_ARRAY: {
        size_t n = tp_value_length(v);
        tp_strbuf_addch(sb, '[');
        for (size_t i = 0; i < n; i++) {
            if (i)
                tp_strbuf_addch(sb, ',');
            tp_output_json_value(sb, tp_array_get(v, i));
        }
        tp_strbuf_addch(sb, ']');
        break;
    }
    case TP_VALUE_OBJECT: {
        size_t n = tp_value_length(v);
        tp_strbuf_addch(sb, '{');
        for (size_t i = 0; i < n; i++) {
            if (i)
                tp_strbuf_addch(sb, ',');
            add_key(sb, tp_object_key_at(v, i));
            tp_output_json_value(sb, tp_object_value_at(v, i));
        }
        tp_strbuf_addch(sb, '}');
        break;
    }
    case TP_VALUE_SPAN: {
        size_t index = 0;
        const char *layer = tp_value_span_layer(v, &index);
        tp_strbuf_addstr(sb, "{\"layer\":");
        add_string(sb, layer);
        tp_strbuf_addstr(sb, ",\"index\":");
        add_uint(sb, index);
        tp_strbuf_addch(sb, '}');
        break;
    }
    case TP_VALUE_NULL:
    default:
        tp_strbuf_add(sb, "null", 4);
        break;
    }
}

/* The text of [start, end), clamped to the document. */
static void add_text_slice(tp_strbuf *sb, const char *text, size_t len, uint32_t start,
                           uint32_t end)
{
    size_t s = start < len ? start : len;
    size_t e = end < len ? end : len;
    if (e < s)
        e = s;
    tp_strbuf_add_json_string(sb, text + s, e - s);
}

static void add_meta(tp_strbuf *sb, const tp_doc *doc)
{
    add_key(sb, "meta");
    const tp_value *meta = tp_doc_meta(doc);
    if (meta && tp_value_type_of(meta) == TP_VALUE_OBJECT)
        tp_output_json_value(sb, meta);
    else
        tp_strbuf_add(sb, "{}", 2);
}

static void add_warnings(tp_strbuf *sb, const tp_doc *doc)
{
    add_key(sb, "warnings");
    tp_strbuf_addch(sb, '[');
    size_t n = tp_doc_warning_count(doc);
    for (size_t i = 0; i < n; i++) {
        if (i)
            tp_strbuf_addch(sb, ',');
        add_string(sb, tp_doc_warning(doc, i));
    }
    tp_strbuf_addch(sb, ']');
}

static void add_errors(tp_strbuf *sb, const tp_doc *doc)
{
    add_key(sb, "errors");
    tp_strbuf_addch(sb, '[');
    size_t n = 0;
    const tp_doc_error *errors = tp_doc_errors(doc, &n);
    for (size_t i = 0; i < n; i++) {
        if (i)
            tp_strbuf_addch(sb, ',');
        tp_strbuf_addch(sb, '{');
        add_key(sb, "step");
        add_string(sb, errors[i].step);
        tp_strbuf_addch(sb, ',');
        add_key(sb, "message");
        add_string(sb, errors[i].message ? errors[i].message : "");
        tp_strbuf_addch(sb, ',');
        add_key(sb, "input_line");
        if (errors[i].input_line)
            add_uint(sb, errors[i].input_line);
        else
            tp_strbuf_add(sb, "null", 4);
        tp_strbuf_addch(sb, '}');
    }
    tp_strbuf_addch(sb, ']');
}

static void add_stats(tp_strbuf *sb, const tp_doc *doc, size_t text_len)
{
    size_t tokens = 0, sentences = 0, paragraphs = 0;
    tp_doc_tokens(doc, &tokens);
    tp_doc_sentences(doc, &sentences);
    tp_doc_paragraphs(doc, &paragraphs);
    tp_strbuf_addf(sb,
                   "\"stats\":{\"bytes\":%zu,\"tokens\":%zu,\"sentences\":%zu,"
                   "\"paragraphs\":%zu}",
                   text_len, tokens, sentences, paragraphs);
}

static void add_sentences(tp_strbuf *sb, const tp_doc *doc, const char *text, size_t text_len)
{
    size_t n = 0;
    const tp_sentence *sents = tp_doc_sentences(doc, &n);
    add_key(sb, "sentences");
    tp_strbuf_addch(sb, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            tp_strbuf_addch(sb, ',');
        tp_strbuf_addf(sb, "{\"start\":%" PRIu32 ",\"end\":%" PRIu32 ",\"text\":", sents[i].start,
                       sents[i].end);
        add_text_slice(sb, text, text_len, sents[i].start, sents[i].end);
        tp_strbuf_addstr(sb, (sents[i].flags & TP_SENTF_HEADING) ? ",\"heading\":true}"
                                                                  : ",\"heading\":false}");
    }
    tp_strbuf_addch(sb, ']');
}

static void add_tokens(tp_strbuf *sb, const tp_doc *doc, const char *text, size_t text_len)
{
    size_t n = 0;
    const tp_token *toks = tp_doc_tokens(doc, &n);
    add_key(sb, "tokens");
    tp_strbuf_addch(sb, '[');
    for (size_t i = 0; i < n; i++) {
        if (i)
            tp_strbuf_addch(sb, ',');
        tp_strbuf_addf(sb, "{\"start\":%" PRIu32 ",\"end\":%" PRIu32 ",\"kind\":\"%s\",\"text\":",
                       toks[i].start, toks[i].end, tp_token_kind_name(toks[i].kind));
        add_text_slice(sb, text, text_len, toks[i].start, toks[i].end);
        tp_strbuf_addch(sb, '}');
    }
    tp_strbuf_addch(sb, ']');
}

static void add_spans(tp_strbuf *sb, const tp_doc *doc)
{
    add_key(sb, "spans");
    tp_strbuf_addch(sb, '{');
    size_t layers = tp_doc_layer_count(doc);
    for (size_t l = 0; l < layers; l++) {
        const char *name = tp_doc_layer_name(doc, l);
        if (l)
            tp_strbuf_addch(sb, ',');
        add_key(sb, name);
        tp_strbuf_addch(sb, '[');
        size_t n = 0;
        const tp_span *spans = tp_doc_spans(doc, name, &n);
        for (size_t i = 0; i < n; i++) {
            if (i)
                tp_strbuf_addch(sb, ',');
            tp_strbuf_addf(sb, "{\"start\":%" PRIu32 ",\"end\":%" PRIu32, spans[i].start,
                           spans[i].end);
            /* "text" first, whatever order the plugin set it in: it is what
             * a reader looks at. */
            const tp_value *attrs = spans[i].attrs;
            const tp_value *span_text = tp_object_get(attrs, "text");
            if (span_text) {
                tp_strbuf_addstr(sb, ",\"text\":");
                tp_output_json_value(sb, span_text);
            }
            size_t count = tp_value_length(attrs);
            for (size_t a = 0; a < count; a++) {
                const char *key = tp_object_key_at(attrs, a);
                if (!key || strcmp(key, "text") == 0)
                    continue;
                tp_strbuf_addch(sb, ',');
                add_key(sb, key);
                tp_output_json_value(sb, tp_object_value_at(attrs, a));
            }
            tp_strbuf_addch(sb, '}');
        }
        tp_strbuf_addch(sb, ']');
    }
    tp_strbuf_addch(sb, '}');
}

static void add_results(tp_strbuf *sb, const tp_doc *doc)
{
    add_key(sb, "results");
    tp_strbuf_addch(sb, '{');
    size_t n = tp_doc_result_count(doc);
    for (size_t i = 0; i < n; i++) {
        const char *key = tp_doc_result_key(doc, i);
        if (i)
            tp_strbuf_addch(sb, ',');
        add_key(sb, key);
        tp_output_json_value(sb, tp_doc_result(doc, key));
    }
    tp_strbuf_addch(sb, '}');
}

void tp_output_json_record(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addch(sb, '{');
    add_key(sb, "id");
    add_string(sb, tp_doc_id(doc) ? tp_doc_id(doc) : "");
    tp_strbuf_addch(sb, ',');
    if (tp_doc_failed(doc)) {
        tp_strbuf_addstr(sb, "\"failed\":true,");
        add_meta(sb, doc);
        tp_strbuf_addch(sb, ',');
        add_errors(sb, doc);
        tp_strbuf_addch(sb, ',');
        add_warnings(sb, doc);
        tp_strbuf_addch(sb, '}');
        return;
    }
    size_t text_len = 0;
    const char *text = tp_doc_text(doc, &text_len);
    if (!text)
        text_len = 0;
    add_meta(sb, doc);
    tp_strbuf_addch(sb, ',');
    add_stats(sb, doc, text_len);
    unsigned emit = tp_doc_emit_flags(doc);
    if (emit & TP_EMIT_SENTENCES) {
        tp_strbuf_addch(sb, ',');
        add_sentences(sb, doc, text, text_len);
    }
    if (emit & TP_EMIT_TOKENS) {
        tp_strbuf_addch(sb, ',');
        add_tokens(sb, doc, text, text_len);
    }
    tp_strbuf_addch(sb, ',');
    add_spans(sb, doc);
    tp_strbuf_addch(sb, ',');
    add_results(sb, doc);
    tp_strbuf_addch(sb, ',');
    add_warnings(sb, doc);
    tp_strbuf_addch(sb, ',');
    add_errors(sb, doc);
    tp_strbuf_addch(sb, '}');
}

TP_API int tp_doc_render(const tp_doc *doc, const tp_format_options *opts, char **out,
                         size_t *len)
{
    static const tp_format_options defaults = { TP_FORMAT_JSONL, false, 0 };
    if (!out)
        return TP_EINVAL;
    *out = NULL;
    if (len)
        *len = 0;
    if (!doc)
        return TP_EINVAL;
    if (!opts)
        opts = &defaults;
    tp_strbuf sb = TP_STRBUF_INIT;
    switch (opts->format) {
    case TP_FORMAT_JSONL:
    case TP_FORMAT_JSON:
        tp_output_json_record(&sb, doc);
        tp_strbuf_addch(&sb, '\n');
        break;
    case TP_FORMAT_TEXT:
        tp_output_text_record(&sb, doc, opts);
        break;
    default:
        return TP_EINVAL;
    }
    *out = tp_strbuf_detach(&sb, len);
    return *out ? 0 : TP_ENOMEM;
}
