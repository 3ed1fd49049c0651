/* docrun.h - one input record through the steps to a rendered record.
 *
 * Shared by the runner's threads and by --isolate's worker processes, so
 * that a document gives the same record either way. */
#ifndef TPIPE_DOCRUN_H
#define TPIPE_DOCRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/tpipe.h>

#include "input.h"

typedef struct tp_doc_outcome {
    char *out; /* the rendered record (malloc'd) */
    size_t out_len;
    bool failed;
    char *fail_step;    /* malloc'd, or NULL */
    char *fail_message; /* malloc'd, or NULL */
    uint64_t tokens;
} tp_doc_outcome;

/* Loads `rec` into `doc`, runs `worker` (NULL: no steps, the record just
 * fails with `rec->error` or `forced_error`), renders. With `forced_error`
 * the document fails in `forced_step` with that message without running.
 * Returns 0, or TP_EFATAL / TP_ENOMEM with `err` filled. */
int tp_docrun(tp_worker *worker, tp_doc *doc, const tp_input_record *rec,
              const char *forced_step, const char *forced_error, const tp_format_options *fo,
              tp_doc_outcome *out, tp_error *err);

void tp_doc_outcome_clear(tp_doc_outcome *o);

#endif
