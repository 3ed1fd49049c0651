/* summary_idf.h - corpus document frequencies for the summary's TF-IDF:
 * reading the `idf` option's file, and building one from a collection.
 *
 * File format (UTF-8 text, one entry a line, fields separated by a TAB):
 *   # comment lines start with '#'
 *   @documents<TAB>N        the number of documents counted (required)
 *   TERM<TAB>DF             a term and the number of documents holding it
 * A TERM is a lower-cased, stop-word-filtered Snowball English stem, as the
 * plugin computes it. The plugin's weight is log((N + 1) / (DF + 1)) + 1; a
 * term missing from the file counts as DF = 0. */
#ifndef TP_SUMMARY_IDF_H
#define TP_SUMMARY_IDF_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <tpipe/doc.h>
#include <tpipe/error.h>

#include "summary_strmap.h"

typedef struct tp_summary_idf {
    tp_summary_strmap terms; /* value: DF */
    double documents;        /* N */
} tp_summary_idf;

/* Parses an IDF file held in memory into `idf` (initialised here). `name`
 * labels messages. Returns 0, TP_EPARSE (err names the line) or TP_ENOMEM. */
int tp_summary_idf_parse(tp_summary_idf *idf, const char *text, size_t len, const char *name,
                         tp_error *err);

/* Reads and parses the file at `path`. TP_EIO when it cannot be read. */
int tp_summary_idf_load(tp_summary_idf *idf, const char *path, tp_error *err);

void tp_summary_idf_free(tp_summary_idf *idf);

/* The weight of `term` (a stem): log((N + 1) / (DF + 1)) + 1. */
double tp_summary_idf_weight(const tp_summary_idf *idf, const char *term, size_t len);

/* ---- building a file from a collection (the `tpipe idf` verb) ------------- */

typedef struct tp_summary_idf_builder tp_summary_idf_builder;

/* A new, empty builder. Returns 0 or TP_ENOMEM. One builder is used by one
 * thread at a time. */
int tp_summary_idf_builder_new(tp_summary_idf_builder **out);
void tp_summary_idf_builder_free(tp_summary_idf_builder *b);

/* Counts one document whose tokens the tokenizer step has written (the same
 * terms the plugin sees). Returns 0 or TP_ENOMEM. */
int tp_summary_idf_builder_add_doc(tp_summary_idf_builder *b, const tp_doc *doc);

/* Counts one plain UTF-8 text, split into words here (runs of letters and
 * digits, with inner apostrophes and hyphens), for callers that have no
 * tokenizer at hand. Returns 0 or TP_ENOMEM. */
int tp_summary_idf_builder_add_text(tp_summary_idf_builder *b, const char *text, size_t len);

/* Adds everything `src` counted to `dst` (one builder per worker thread,
 * merged at the end). Returns 0 or TP_ENOMEM. */
int tp_summary_idf_builder_merge(tp_summary_idf_builder *dst, const tp_summary_idf_builder *src);

/* Documents counted so far. */
uint64_t tp_summary_idf_builder_documents(const tp_summary_idf_builder *b);

/* Writes the file: the header, then every term with DF >= min_df, by
 * decreasing DF then term (deterministic). Returns 0, TP_EIO or TP_ENOMEM. */
int tp_summary_idf_builder_write(const tp_summary_idf_builder *b, FILE *out, uint64_t min_df,
                                 tp_error *err);

#endif
