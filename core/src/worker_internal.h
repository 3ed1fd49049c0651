/* worker_internal.h - what the runner needs of a worker beyond tpipe.h. */
#ifndef TPIPE_WORKER_INTERNAL_H
#define TPIPE_WORKER_INTERNAL_H

#include <tpipe/tpipe.h>

/* While a step runs, *marker holds its index (else -1). With --isolate the
 * marker lives in memory shared with the parent, which reads it when the
 * worker process dies to name the step that killed it. */
void tp_worker_set_step_marker(tp_worker *worker, volatile int *marker);

#endif
