/* jsonline.cpp - one JSONL line decoded with simdjson; see jsonline.h.
 *
 * What jansson (JSON_ALLOW_NUL, as input.c calls it) refuses and simdjson
 * accepts, and so is handed back with TP_EINVAL: integers above INT64_MAX
 * (simdjson's UINT64), NUL bytes in object keys, a top-level value that is
 * not an object. This holds for every value of the line, including earlier
 * duplicates of "id" and "text" that jansson parses and then replaces.
 * Everything simdjson refuses (bad JSON, invalid UTF-8, nesting deeper than
 * its 1024 levels where jansson allows 2048, no memory for its buffers) is
 * handed back too. What both accept, they decode to the same values: strings
 * with the same bytes, integers as int64, reals correctly rounded.
 *
 * simdjson reports errors as codes (its error-code API, never its
 * exceptions); anything thrown all the same (std::bad_alloc) is caught
 * here and becomes TP_ENOMEM, so that no exception reaches C code. */
#include "jsonline.h"

#include <cstring>
#include <string_view>

#include <simdjson.h>

#include <tpipe/error.h>

static_assert(TP_JSONLINE_PADDING >= simdjson::SIMDJSON_PADDING,
              "line buffers must be padded as simdjson requires");

namespace {

using simdjson::dom::element;
using simdjson::dom::element_type;

/* Lines up to this size reuse the thread's parser buffers. After a larger
 * line they are released at the next call: simdjson's buffers are several
 * times the size of the line, and one huge document must not pin that much
 * memory in every worker thread for the rest of the run. */
constexpr size_t KEEP_CAPACITY = 1u << 20;

thread_local simdjson::dom::parser parser;

bool has_nul(std::string_view s)
{
    return std::memchr(s.data(), '\0', s.size()) != nullptr;
}

/* Converts `e` into a jansson value in *out, or, when out is NULL, only
 * checks that jansson would accept it. Returns 0, TP_EINVAL (jansson would
 * refuse it) or TP_ENOMEM. */
int to_jansson(element e, json_t **out)
{
    json_t *value = nullptr;
    switch (e.type()) {
    case element_type::OBJECT: {
        if (out && !(value = json_object()))
            return TP_ENOMEM;
        simdjson::dom::object fields = e.get_object().value_unsafe();
        for (simdjson::dom::key_value_pair field : fields) {
            json_t *item = nullptr;
            int r = has_nul(field.key) ? TP_EINVAL : to_jansson(field.value, out ? &item : nullptr);
            /* Setting a key again replaces its value in place, as jansson's
             * own parser does with a duplicate key. */
            if (r == 0 && out
                && json_object_setn_new_nocheck(value, field.key.data(), field.key.size(), item))
                r = TP_ENOMEM;
            if (r) {
                json_decref(value);
                return r;
            }
        }
        break;
    }
    case element_type::ARRAY: {
        if (out && !(value = json_array()))
            return TP_ENOMEM;
        simdjson::dom::array items = e.get_array().value_unsafe();
        for (element item_element : items) {
            json_t *item = nullptr;
            int r = to_jansson(item_element, out ? &item : nullptr);
            if (r == 0 && out && json_array_append_new(value, item))
                r = TP_ENOMEM;
            if (r) {
                json_decref(value);
                return r;
            }
        }
        break;
    }
    case element_type::UINT64:
        return TP_EINVAL; /* jansson: "too big integer" */
    case element_type::STRING:
        if (out) {
            std::string_view s = e.get_string().value_unsafe();
            value = json_stringn_nocheck(s.data(), s.size());
        }
        break;
    case element_type::INT64:
        if (out)
            value = json_integer(e.get_int64().value_unsafe());
        break;
    case element_type::DOUBLE:
        if (out)
            value = json_real(e.get_double().value_unsafe());
        break;
    case element_type::BOOL:
        if (out)
            value = json_boolean(e.get_bool().value_unsafe());
        break;
    case element_type::NULL_VALUE:
        if (out)
            value = json_null();
        break;
    }
    if (!out)
        return 0;
    if (!value)
        return TP_ENOMEM;
    *out = value;
    return 0;
}

/* Describes the field `e` (nullptr: missing) for the input module. */
tp_jsonline_value describe(const element *e)
{
    tp_jsonline_value v{};
    if (!e) {
        v.type = TP_JSONLINE_MISSING;
        return v;
    }
    switch (e->type()) {
    case element_type::STRING: {
        std::string_view s = e->get_string().value_unsafe();
        v.type = TP_JSONLINE_STRING;
        v.string = s.data();
        v.length = s.size();
        break;
    }
    case element_type::INT64:
        v.type = TP_JSONLINE_INTEGER;
        v.integer = e->get_int64().value_unsafe();
        break;
    case element_type::DOUBLE:
        v.type = TP_JSONLINE_REAL;
        v.real = e->get_double().value_unsafe();
        break;
    case element_type::NULL_VALUE:
        v.type = TP_JSONLINE_NULL;
        break;
    default:
        v.type = TP_JSONLINE_OTHER;
        break;
    }
    return v;
}

/* Adds the field to out->meta, creating it with the first field. */
int add_meta(tp_jsonline *out, std::string_view key, element value)
{
    json_t *item = nullptr;
    int r = to_jansson(value, &item);
    if (r)
        return r;
    if (!out->meta && !(out->meta = json_object())) {
        json_decref(item);
        return TP_ENOMEM;
    }
    return json_object_setn_new_nocheck(out->meta, key.data(), key.size(), item) ? TP_ENOMEM : 0;
}

/* Keeps `value` as the field's value: a later duplicate replaces an earlier
 * one, as in jansson, which still parses (and so checks) the earlier one. */
int keep_last(element *slot, bool *seen, element value)
{
    int r = to_jansson(value, nullptr);
    if (r == 0) {
        *slot = value;
        *seen = true;
    }
    return r;
}

int decode(const char *line, size_t len, tp_jsonline *out)
{
    if (parser.capacity() > KEEP_CAPACITY)
        parser = simdjson::dom::parser();
    element root;
    simdjson::dom::object fields;
    if (parser.parse(line, len, false).get(root) != simdjson::SUCCESS
        || root.get_object().get(fields) != simdjson::SUCCESS)
        return TP_EINVAL;
    element id, text;
    bool has_id = false, has_text = false;
    for (simdjson::dom::key_value_pair field : fields) {
        int r;
        if (has_nul(field.key))
            r = TP_EINVAL;
        else if (field.key == "id")
            r = keep_last(&id, &has_id, field.value);
        else if (field.key == "text")
            r = keep_last(&text, &has_text, field.value);
        else
            r = add_meta(out, field.key, field.value);
        if (r)
            return r;
    }
    out->id = describe(has_id ? &id : nullptr);
    out->text = describe(has_text ? &text : nullptr);
    return 0;
}

} // namespace

extern "C" int tp_jsonline_decode(const char *line, size_t len, tp_jsonline *out)
{
    *out = tp_jsonline{};
    int r;
    try {
        r = decode(line, len, out);
    } catch (...) {
        r = TP_ENOMEM;
    }
    if (r) {
        json_decref(out->meta);
        *out = tp_jsonline{};
    }
    return r;
}
