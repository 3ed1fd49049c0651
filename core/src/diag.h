/* diag.h - collecting problems to report compiler-style. */
#ifndef TPIPE_DIAG_H
#define TPIPE_DIAG_H

#include <tpipe/tpipe.h>

/* Adds "FILE:LINE:COL: error: MESSAGE" (line/col 0 leave them out; a NULL
 * file leaves out the location). Returns TP_ECONFIG, or TP_ENOMEM. */
int tp_diags_error(tp_diags *diags, const char *file, int line, int col, const char *fmt, ...)
    TP_PRINTF(5, 6);

/* The same with "note:" instead of "error:". */
int tp_diags_note(tp_diags *diags, const char *file, int line, int col, const char *fmt, ...)
    TP_PRINTF(5, 6);

#endif
