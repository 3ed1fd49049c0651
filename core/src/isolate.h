/* isolate.h - steps run in a worker process (tpipe run --isolate).
 *
 * A crashing or hanging plugin then takes down only the document it was
 * working on: the parent turns it into a failed record naming the step and
 * the signal (or the timeout), starts a fresh process, and goes on. */
#ifndef TPIPE_ISOLATE_H
#define TPIPE_ISOLATE_H

#include <tpipe/tpipe.h>

#include "docrun.h"
#include "input.h"

typedef struct tp_isolate tp_isolate;

/* A handle for one runner thread; the process is started on first use.
 * `timeout` in seconds, 0 for none. */
int tp_isolate_new(tp_pipeline *pipeline, const tp_format_options *fo, double timeout,
                   tp_isolate **out, tp_error *err);

/* Runs `rec` in the worker process. `doc` is the caller's document, used to
 * render the failed record when the process dies. Returns 0 (the outcome may
 * be a failed record), or TP_EFATAL when a step asked to stop the run or the
 * worker process cannot be started. */
int tp_isolate_run(tp_isolate *iso, tp_doc *doc, const tp_input_record *rec,
                   tp_doc_outcome *out, tp_error *err);

/* Documents whose worker process died, so far. */
uint64_t tp_isolate_restarts(const tp_isolate *iso);

void tp_isolate_free(tp_isolate *iso);

#endif
