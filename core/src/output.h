/* output.h - internal parts of the record serialiser (tp_doc_render). */
#ifndef TPIPE_OUTPUT_H
#define TPIPE_OUTPUT_H

#include <tpipe/tpipe.h>

#include "strbuf.h"

/* Appends `v` as JSON: keys in insertion order, numbers as in
 * tp_strbuf_add_json_number(), a span reference as {"layer": ..., "index": ...},
 * NULL as null. */
void tp_output_json_value(tp_strbuf *sb, const tp_value *v);

/* Appends the JSON record of `doc` (one line, no newline). */
void tp_output_json_record(tp_strbuf *sb, const tp_doc *doc);

/* Appends the readable text report of `doc` (output_text.c). `opts` is not
 * NULL. */
void tp_output_text_record(tp_strbuf *sb, const tp_doc *doc, const tp_format_options *opts);

/* The name of a token kind in records: "word", "number", "punct", ... */
const char *tp_token_kind_name(unsigned kind);

#endif
