/* input.h - documents from files, folders, stdin and JSONL, in input order.
 *
 * The reader is single-threaded: the runner's reader thread owns it. Records
 * it returns own their memory (malloc) until tp_input_record_clear(). */
#ifndef TPIPE_INPUT_H
#define TPIPE_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/tpipe.h>

typedef struct tp_input tp_input;

typedef struct tp_input_options {
    const char *files_from;      /* a file listing one input path a line, "-" = stdin; or NULL */
    const char *include;         /* fnmatch() pattern for files found in folders; NULL = all */
    uint64_t max_document_bytes; /* larger documents become failed records */
    bool defer_jsonl;            /* leave JSONL lines unparsed: see tp_input_record_finish() */
    /* Called before a read that would wait for a pipe or terminal (the
     * producer is slower than tpipe): the moment to flush the output. */
    void (*on_idle)(void *user);
    void *idle_user;
} tp_input_options;

typedef struct tp_input_record {
    char *id;          /* file path as given/found, or the JSONL "id" (else "<path>:<line>") */
    char *text;        /* raw bytes as read (UTF-8 repair happens in tp_doc_reset) */
    size_t len;
    void *meta;        /* jansson json_t* object of the other JSONL fields, or NULL; owned */
    uint64_t line;     /* JSONL line number (1-based), 0 for plain files */
    char *error;       /* non-NULL: this input could not be read; the record fails with it */
    char *folder;      /* the input folder this file came from (for reports), or NULL */
    bool raw_jsonl;    /* `text` holds the raw JSONL line, not yet parsed */
} tp_input_record;

/* Opens the inputs: files, folders (walked recursively in sorted order,
 * hidden entries skipped), "-" for stdin. Files ending .jsonl (or .jsonl.gz)
 * hold one document a line; .gz files are decompressed with zlib. Fails with
 * a clear message when an input path does not exist. */
int tp_input_open(const char *const *paths, size_t count, const tp_input_options *opts,
                  tp_input **out, tp_error *err);

/* The next record: returns 1 with *rec filled, 0 at the end, or a negative
 * code on an error that stops the run (err says what). A document-level
 * problem (unreadable file, malformed JSONL line, too large) is returned as a
 * record with `error` set, so that nothing is dropped silently. */
int tp_input_next(tp_input *in, tp_input_record *rec, tp_error *err);

/* Total number of documents, when it is known cheaply (plain files only);
 * 0 when unknown. */
uint64_t tp_input_total_hint(const tp_input *in);

/* Parses a record read with defer_jsonl (the JSON line in `text`) into its
 * id, text and meta, or into a failed record; does nothing for others. The
 * runner calls it in the workers, so that JSON decoding runs in parallel
 * instead of in the single reader thread. Returns 0 or TP_ENOMEM. */
int tp_input_record_finish(tp_input_record *rec);

void tp_input_record_clear(tp_input_record *rec);
void tp_input_close(tp_input *in);

/* Copies a jansson object into `doc`'s metadata (tp_doc_meta_object). */
int tp_input_meta_to_doc(tp_doc *doc, void *meta);

#endif
