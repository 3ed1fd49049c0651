/* report.h - the parts of `tpipe report` (records -> one HTML file).
 *
 * cmd_report.c      options, the input files, the output file
 * report_table.c    a string-keyed table (speakers, groups)
 * report_html.c     HTML escaping, numbers, bars, the page's CSS and script
 * report_doc.c      one record: its aggregates and its section
 * report_page.c     the overview, histogram, speakers and groups tables
 *
 * The run streams: each record is parsed (jansson), added to the
 * aggregates, and its section and its row of the document index are
 * written at once to two temporary files; the overview, which needs every
 * record, is written last into the final file, followed by copies of the
 * two temporary files. Memory holds the aggregates only, never the texts
 * of more than one document. */
#ifndef TPIPE_REPORT_H
#define TPIPE_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

/* ---- report_table.c ---------------------------------------------------- */

/* A table from strings to fixed-size items (zeroed when created). Item
 * pointers stay valid until the next rtable_get(). */
typedef struct rtable {
    char **keys;       /* by item index, NUL-terminated copies */
    uint32_t *slots;   /* open addressing: item index + 1, 0 = empty */
    size_t slot_count; /* a power of two */
    size_t count;
    unsigned char *items;
    size_t item_size;
    size_t item_cap;
} rtable;

void rtable_init(rtable *t, size_t item_size);
void rtable_free(rtable *t);
/* The item for `key`, created when missing (*created set if not NULL).
 * NULL when out of memory. */
void *rtable_get(rtable *t, const char *key, size_t len, bool *created);
void *rtable_item(const rtable *t, size_t index);
const char *rtable_key(const rtable *t, size_t index);

/* ---- report_html.c ----------------------------------------------------- */

/* Writes `len` bytes of `s` as HTML text or attribute value: & < > " '
 * escaped, control characters other than tab and newline dropped. */
void html_text(FILE *out, const char *s, size_t len);
void html_str(FILE *out, const char *s);
/* "+0.20", "-0.31", "0.00" */
void html_score(FILE *out, double v);
/* The CSS class of a score: "pos", "neg" or "neu". */
const char *score_class(double v);
/* The class of a highlighted quote with that score: "qp", "qn" or "qz". */
const char *mark_class(double v);
/* A small two-sided bar: negative fills left of the centre, positive right. */
void html_bar(FILE *out, double v);
/* 12345 -> "12,345" */
void html_count(FILE *out, uint64_t n);
/* The page up to <body>, whose data-page-size the script reads. */
void html_page_head(FILE *out, const char *title, size_t page_size);
void html_page_tail(FILE *out);

/* ---- the aggregates ---------------------------------------------------- */

#define HIST_BINS 20
#define FAILURES_SHOWN 100

typedef struct speaker_tally {
    uint64_t quotes;
    uint64_t documents;
    uint64_t last_doc; /* 1-based number of the last document counted */
    uint64_t first_doc;
    double sentiment_sum;
    uint64_t sentiment_count;
} speaker_tally;

typedef struct group_tally {
    uint64_t documents;
    uint64_t failed;
    uint64_t quotes;
    double sentiment_sum;
    uint64_t sentiment_count;
    uint64_t positive, neutral, negative;
} group_tally;

typedef struct failure {
    uint64_t doc;
    char *id;
    char *message;
} failure;

typedef struct report_options {
    const char *title;
    const char *group_meta; /* NULL: group by folder; else the meta field */
    size_t top_speakers;
    size_t page_size;
    bool read_sources;
    const char *stats_path;
} report_options;

typedef struct report {
    const report_options *opts;
    FILE *sections; /* temporary: one <details> per document */
    FILE *index;    /* temporary: one <tr> per document */
    uint64_t documents;
    uint64_t failed;
    uint64_t bytes;
    uint64_t tokens;
    uint64_t words;
    uint64_t words_documents; /* documents whose text was available */
    uint64_t quotes;
    uint64_t unattributed;
    uint64_t highlighted; /* documents shown with their text */
    uint64_t bad_lines;
    uint64_t hist[HIST_BINS];
    uint64_t with_sentiment;
    uint64_t positive, neutral, negative;
    double sentiment_sum;
    rtable speakers; /* of speaker_tally */
    rtable groups;   /* of group_tally */
    failure failures[FAILURES_SHOWN];
    size_t failure_count;
    bool oom;
} report;

/* ---- report_doc.c ------------------------------------------------------ */

/* Adds one record: aggregates, its index row and its section. */
void report_add_record(report *r, json_t *record);

/* Words in UTF-8 text: runs of letters, marks and digits, joined across an
 * apostrophe or hyphen between two of them. */
uint64_t count_words(const char *s, size_t len);

/* ---- report_page.c ----------------------------------------------------- */

/* Writes the whole page: head, overview, charts, tables, then copies of the
 * index and section files. `stats` is the parsed --stats file or NULL.
 * Returns 0, or -1 when writing failed. */
int report_write_page(report *r, FILE *out, json_t *stats, const char *const *inputs,
                      size_t input_count);

#endif
