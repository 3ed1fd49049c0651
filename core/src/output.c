/* output.c - one output record per document: JSON (jsonl and json formats)
 * and the dispatch to the text report (output_text.c).
 *
 * The record's keys come in a fixed order so that records diff cleanly and
 * are byte-identical for any number of workers:
 *   id, meta, stats, [sentences], [tokens], spans, results, warnings, errors
 * and for a failed document: id, failed, meta, errors, warnings.
 * An error's "input_line" is null when the input was not JSONL.
 *
 * The serialiser reads the document and its value trees directly (both are
 * core layouts, doc_internal.h): a record touches every value once, and the
 * public accessors would re-check each one. */
#include "output.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"

/* With their lengths: a record with tokens writes one per token. */
#define KIND_NAME(s) { s, sizeof s - 1 }
static const struct {
    const char *text;
    size_t len;
} kind_names[TP_TOK_KIND_COUNT] = {
    [TP_TOK_WORD] = KIND_NAME("word"),       [TP_TOK_NUMBER] = KIND_NAME("number"),
    [TP_TOK_PUNCT] = KIND_NAME("punct"),     [TP_TOK_SYMBOL] = KIND_NAME("symbol"),
    [TP_TOK_QUOTE] = KIND_NAME("quote"),     [TP_TOK_URL] = KIND_NAME("url"),
    [TP_TOK_EMAIL] = KIND_NAME("email"),     [TP_TOK_HANDLE] = KIND_NAME("handle"),
    [TP_TOK_HASHTAG] = KIND_NAME("hashtag"), [TP_TOK_EMOJI] = KIND_NAME("emoji"),
    [TP_TOK_EMOTICON] = KIND_NAME("emoticon"),
};

const char *tp_token_kind_name(unsigned kind)
{
    return kind < TP_TOK_KIND_COUNT ? kind_names[kind].text : "unknown";
}

static void add_string(tp_strbuf *sb, const char *s)
{
    if (s)
        tp_strbuf_add_json_string(sb, s, strlen(s));
    else
        tp_strbuf_addstr(sb, "null");
}

/* Writes the number, boolean or null `v` (NULL is null) at `out`, in room
 * for TP_JSON_SCALAR_MAX bytes, and returns the end; NULL for any other
 * type. */
static inline char *put_scalar(char *out, const tp_value *v)
{
    switch (v ? v->type : TP_VALUE_NULL) {
    case TP_VALUE_NULL:
        memcpy(out, "null", 4);
        return out + 4;
    case TP_VALUE_BOOL:
        memcpy(out, v->u.b ? "true" : "false", 5);
        return out + (v->u.b ? 4 : 5);
    case TP_VALUE_INT:
        return tp_json_put_int(out, v->u.i);
    case TP_VALUE_NUMBER:
        return tp_json_put_number(out, v->u.d);
    default:
        return NULL;
    }
}

/* Writes a member name and its colon at `out`, with the comma before it
 * when `comma`: the key's JSON made when it was stored, copied in 16-byte
 * blocks (see tp_key), in room for member_name_room() bytes. */
static char *put_member_name(char *out, const tp_key *key, bool comma)
{
    const char *json = key->json + !comma;
    size_t len = key->json_len - !comma;
    for (size_t i = 0; i < len; i += 16)
        memcpy(out + i, json + i, 16);
    return out + len;
}

static size_t member_name_room(const tp_key *key)
{
    return (key->json_len + 15) & ~(size_t)15;
}

/* Appends `v` as the member `key` of an object or, when key is NULL, as an
 * item of an array, after a comma when `comma`, when it is a scalar or a
 * string: written with the name in one reservation and without a call per
 * value, as records hold a hundred thousand values, most of them scalars
 * in objects and arrays. Returns false for anything else, having written
 * only the name: the caller then appends the value. */
static inline bool add_scalar_item(tp_strbuf *sb, const tp_key *key, bool comma, const tp_value *v)
{
    bool string = v && v->type == TP_VALUE_STRING;
    size_t room =
        (key ? member_name_room(key) : 1) + (string ? v->u.str.len + 2 : TP_JSON_SCALAR_MAX);
    char *out = tp_strbuf_room(sb, room);
    if (!out)
        return true;
    if (key)
        out = put_member_name(out, key, comma);
    else if (comma)
        *out++ = ',';
    if (string) {
        tp_strbuf_put_json_string(sb, out, v->u.str.s, v->u.str.len);
        return true;
    }
    char *end = put_scalar(out, v);
    tp_strbuf_commit(sb, end ? end : out);
    return end != NULL;
}

static void add_array(tp_strbuf *sb, const tp_value *array)
{
    tp_strbuf_addch(sb, '[');
    for (size_t i = 0; i < array->u.arr.count; i++) {
        const tp_value *item = array->u.arr.items[i];
        if (!add_scalar_item(sb, NULL, i > 0, item))
            tp_output_json_value(sb, item);
    }
    tp_strbuf_addch(sb, ']');
}

/* The members of an object after its '{' (and without the '}'), each
 * preceded by a comma when `comma` or when it is not the first; the member
 * at `skip` (SIZE_MAX for none) is left out. */
static void add_members(tp_strbuf *sb, const tp_value *object, bool comma, size_t skip)
{
    for (size_t i = 0; i < object->u.obj.count; i++) {
        if (i == skip)
            continue;
        const tp_value *value = object->u.obj.vals[i];
        if (!add_scalar_item(sb, object->u.obj.keys[i], comma, value))
            tp_output_json_value(sb, value);
        comma = true;
    }
}

void tp_output_json_value(tp_strbuf *sb, const tp_value *v)
{
    switch (v ? v->type : TP_VALUE_NULL) {
    case TP_VALUE_STRING:
        tp_strbuf_add_json_string(sb, v->u.str.s, v->u.str.len);
        break;
    case TP_VALUE_ARRAY:
        add_array(sb, v);
        break;
    case TP_VALUE_OBJECT:
        tp_strbuf_addch(sb, '{');
        add_members(sb, v, false, SIZE_MAX);
        tp_strbuf_addch(sb, '}');
        break;
    case TP_VALUE_SPAN:
        tp_strbuf_addstr(sb, "{\"layer\":");
        add_string(sb, v->u.span.layer);
        tp_strbuf_addstr(sb, ",\"index\":");
        tp_strbuf_add_uint(sb, v->u.span.index);
        tp_strbuf_addch(sb, '}');
        break;
    case TP_VALUE_BOOL:
    case TP_VALUE_INT:
    case TP_VALUE_NUMBER: {
        char *out = tp_strbuf_room(sb, TP_JSON_SCALAR_MAX);
        if (out)
            tp_strbuf_commit(sb, put_scalar(out, v));
        break;
    }
    case TP_VALUE_NULL:
    default:
        tp_strbuf_add(sb, "null", 4);
        break;
    }
}

/* The text of [start, end), clamped to the document. */
static void add_text_slice(tp_strbuf *sb, const tp_doc *doc, uint32_t start, uint32_t end)
{
    size_t s = start < doc->len ? start : doc->len;
    size_t e = end < doc->len ? end : doc->len;
    if (e < s)
        e = s;
    tp_strbuf_add_json_string(sb, doc->text + s, e - s);
}

/* {"start":N,"end":N and no closing brace. */
static void add_range(tp_strbuf *sb, uint32_t start, uint32_t end)
{
    tp_strbuf_addstr(sb, "{\"start\":");
    tp_strbuf_add_uint(sb, start);
    tp_strbuf_addstr(sb, ",\"end\":");
    tp_strbuf_add_uint(sb, end);
}

static void add_meta(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"meta\":");
    if (doc->meta && doc->meta->type == TP_VALUE_OBJECT)
        tp_output_json_value(sb, doc->meta);
    else
        tp_strbuf_addstr(sb, "{}");
}

static void add_warnings(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"warnings\":[");
    for (size_t i = 0; i < doc->warnings.count; i++) {
        if (i)
            tp_strbuf_addch(sb, ',');
        add_string(sb, doc->warnings.items[i]);
    }
    tp_strbuf_addch(sb, ']');
}

static void add_errors(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"errors\":[");
    for (size_t i = 0; i < doc->errors.count; i++) {
        const tp_doc_error *e = &doc->errors.items[i];
        if (i)
            tp_strbuf_addch(sb, ',');
        tp_strbuf_addstr(sb, "{\"step\":");
        add_string(sb, e->step);
        tp_strbuf_addstr(sb, ",\"message\":");
        add_string(sb, e->message ? e->message : "");
        tp_strbuf_addstr(sb, ",\"input_line\":");
        if (e->input_line)
            tp_strbuf_add_uint(sb, e->input_line);
        else
            tp_strbuf_addstr(sb, "null");
        tp_strbuf_addch(sb, '}');
    }
    tp_strbuf_addch(sb, ']');
}

static void add_stats(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"stats\":{\"bytes\":");
    tp_strbuf_add_uint(sb, doc->len);
    tp_strbuf_addstr(sb, ",\"tokens\":");
    tp_strbuf_add_uint(sb, doc->tokens.count);
    tp_strbuf_addstr(sb, ",\"sentences\":");
    tp_strbuf_add_uint(sb, doc->sentences.count);
    tp_strbuf_addstr(sb, ",\"paragraphs\":");
    tp_strbuf_add_uint(sb, doc->paragraphs.count);
    tp_strbuf_addch(sb, '}');
}

static void add_sentences(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"sentences\":[");
    for (size_t i = 0; i < doc->sentences.count; i++) {
        const tp_sentence *sent = &doc->sentences.items[i];
        if (i)
            tp_strbuf_addch(sb, ',');
        add_range(sb, sent->start, sent->end);
        tp_strbuf_addstr(sb, ",\"text\":");
        add_text_slice(sb, doc, sent->start, sent->end);
        tp_strbuf_addstr(sb, (sent->flags & TP_SENTF_HEADING) ? ",\"heading\":true}"
                                                              : ",\"heading\":false}");
    }
    tp_strbuf_addch(sb, ']');
}

static void add_tokens(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"tokens\":[");
    for (size_t i = 0; i < doc->tokens.count; i++) {
        const tp_token *tok = &doc->tokens.items[i];
        if (i)
            tp_strbuf_addch(sb, ',');
        add_range(sb, tok->start, tok->end);
        tp_strbuf_addstr(sb, ",\"kind\":\"");
        if (tok->kind < TP_TOK_KIND_COUNT)
            tp_strbuf_add(sb, kind_names[tok->kind].text, kind_names[tok->kind].len);
        else
            tp_strbuf_addstr(sb, tp_token_kind_name(tok->kind));
        tp_strbuf_addstr(sb, "\",\"text\":");
        add_text_slice(sb, doc, tok->start, tok->end);
        tp_strbuf_addch(sb, '}');
    }
    tp_strbuf_addch(sb, ']');
}

/* The index of the member `key` of `object`, or SIZE_MAX. */
static size_t member_index(const tp_value *object, const char *key)
{
    for (size_t i = 0; i < object->u.obj.count; i++)
        if (strcmp(object->u.obj.keys[i]->text, key) == 0)
            return i;
    return SIZE_MAX;
}

static void add_span(tp_strbuf *sb, const tp_span *span)
{
    add_range(sb, span->start, span->end);
    const tp_value *attrs = span->attrs;
    if (attrs && attrs->type == TP_VALUE_OBJECT) {
        /* "text" first, whatever order the plugin set it in: it is what a
         * reader looks at. */
        size_t text = member_index(attrs, "text");
        if (text != SIZE_MAX) {
            tp_strbuf_addstr(sb, ",\"text\":");
            tp_output_json_value(sb, attrs->u.obj.vals[text]);
        }
        add_members(sb, attrs, true, text);
    }
    tp_strbuf_addch(sb, '}');
}

static void add_spans(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"spans\":{");
    for (size_t l = 0; l < doc->layers.count; l++) {
        const tp_layer *layer = &doc->layers.items[l];
        if (l)
            tp_strbuf_addch(sb, ',');
        tp_strbuf_add_json_key(sb, layer->name);
        tp_strbuf_addch(sb, '[');
        for (size_t i = 0; i < layer->count; i++) {
            if (i)
                tp_strbuf_addch(sb, ',');
            add_span(sb, &layer->spans[i]);
        }
        tp_strbuf_addch(sb, ']');
    }
    tp_strbuf_addch(sb, '}');
}

static void add_results(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_addstr(sb, "\"results\":{");
    add_members(sb, doc->results, false, SIZE_MAX);
    tp_strbuf_addch(sb, '}');
}

/* A guess at the size of the JSON record, so that the buffer is allocated
 * once rather than doubled a few times per record: the texts a record
 * repeats (summary, quotes) stay below twice the document, plus the fixed
 * fields and what each emitted sentence or token adds. A wrong guess costs
 * only a realloc. */
static size_t json_record_size_hint(const tp_doc *doc)
{
    size_t hint = 1024 + 2 * doc->len;
    if (doc->emit & TP_EMIT_SENTENCES)
        hint += doc->len + 64 * doc->sentences.count;
    if (doc->emit & TP_EMIT_TOKENS)
        hint += doc->len + 64 * doc->tokens.count;
    return hint;
}

void tp_output_json_record(tp_strbuf *sb, const tp_doc *doc)
{
    tp_strbuf_grow(sb, json_record_size_hint(doc));
    tp_strbuf_addstr(sb, "{\"id\":");
    add_string(sb, doc->id ? doc->id : "");
    tp_strbuf_addch(sb, ',');
    if (doc->failed) {
        tp_strbuf_addstr(sb, "\"failed\":true,");
        add_meta(sb, doc);
        tp_strbuf_addch(sb, ',');
        add_errors(sb, doc);
        tp_strbuf_addch(sb, ',');
        add_warnings(sb, doc);
        tp_strbuf_addch(sb, '}');
        return;
    }
    add_meta(sb, doc);
    tp_strbuf_addch(sb, ',');
    add_stats(sb, doc);
    if (doc->emit & TP_EMIT_SENTENCES) {
        tp_strbuf_addch(sb, ',');
        add_sentences(sb, doc);
    }
    if (doc->emit & TP_EMIT_TOKENS) {
        tp_strbuf_addch(sb, ',');
        add_tokens(sb, doc);
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
