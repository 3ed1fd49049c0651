/* fuzz_steps.h - a pipeline of linked-in plugins for fuzz targets. */
#ifndef TPIPE_FUZZ_STEPS_H
#define TPIPE_FUZZ_STEPS_H

#include <stddef.h>
#include <stdint.h>

#include <tpipe/tpipe.h>

/* Builds (once) a worker running `plugins` (NULL-terminated) with default
 * options. Aborts on set-up failure: that is a bug, not a finding. */
tp_worker *fuzz_worker(const tp_plugin *const *plugins);

/* Runs the worker on the bytes and renders the record as jsonl and text,
 * checking the invariants every document must keep. */
void fuzz_run_document(tp_worker *worker, const uint8_t *data, size_t size);

#endif
