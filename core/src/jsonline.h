/* jsonline.h - one JSONL line decoded with simdjson, the input module's fast path.
 *
 * simdjson decodes a line about 40 times faster than jansson. It accepts a
 * little that jansson refuses (integers above INT64_MAX, NUL bytes in object
 * keys) and refuses a little that jansson accepts (nesting deeper than 1024
 * levels), so this module hands back every line it cannot decode exactly as
 * jansson would; the caller decodes that line with jansson, which also words
 * the error. The implementation is C++ (simdjson is a C++ library); the
 * interface is C and no exception crosses it. */
#ifndef TPIPE_JSONLINE_H
#define TPIPE_JSONLINE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A line buffer needs this many readable bytes after the line's end: the
 * parser reads whole vectors. Zero them (valgrind then sees no undefined
 * bytes). Checked against SIMDJSON_PADDING at compile time. */
#define TP_JSONLINE_PADDING 64

typedef enum tp_jsonline_type {
    TP_JSONLINE_MISSING, /* the line has no such field */
    TP_JSONLINE_NULL,
    TP_JSONLINE_STRING,
    TP_JSONLINE_INTEGER,
    TP_JSONLINE_REAL,
    TP_JSONLINE_OTHER /* bool, array or object */
} tp_jsonline_type;

/* One field of the line's object, as the input module needs it. */
typedef struct tp_jsonline_value {
    tp_jsonline_type type;
    const char *string; /* TP_JSONLINE_STRING: UTF-8, may hold NUL bytes; borrowed */
    size_t length;
    int64_t integer; /* TP_JSONLINE_INTEGER */
    double real;     /* TP_JSONLINE_REAL */
} tp_jsonline_value;

typedef struct tp_jsonline {
    tp_jsonline_value id, text; /* the last one of each name, as jansson keeps */
    json_t *meta;               /* the other fields in their order, or NULL; owned */
} tp_jsonline;

/* Decodes `line` (`len` bytes followed by TP_JSONLINE_PADDING readable
 * bytes), which must hold a JSON object. Returns 0 with *out filled: its
 * strings point into this thread's parser and stay valid until the next call
 * on the same thread; the caller owns out->meta. Returns TP_EINVAL, with
 * *out empty, when the line is not JSON, not an object, or not decoded
 * exactly as jansson would decode it: the caller then uses jansson. Returns
 * TP_ENOMEM when out of memory. Thread-safe: each thread has its own
 * parser. */
int tp_jsonline_decode(const char *line, size_t len, tp_jsonline *out);

#ifdef __cplusplus
}
#endif

#endif
