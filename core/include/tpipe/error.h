/* tpipe/error.h - status codes and the error record filled by fallible calls. */
#ifndef TPIPE_ERROR_H
#define TPIPE_ERROR_H

#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Every fallible function returns 0 or one of these negative codes. */
enum {
    TP_OK = 0,
    TP_ENOMEM = -1,   /* out of memory */
    TP_EINVAL = -2,   /* invalid argument */
    TP_EIO = -3,      /* read or write failed */
    TP_ENOENT = -4,   /* no such file, plugin, key or option */
    TP_ECONFIG = -5,  /* the pipeline configuration is wrong */
    TP_EPLUGIN = -6,  /* a plugin could not be loaded or is malformed */
    TP_EABI = -7,     /* a plugin was built for an incompatible ABI */
    TP_EDOC = -8,     /* this document failed; the run goes on */
    TP_EFATAL = -9,   /* the run must stop */
    TP_ERANGE = -10,  /* a value is out of its allowed range */
    TP_EPARSE = -11,  /* text could not be parsed */
    TP_ELIMIT = -12,  /* a documented size limit was exceeded */
    TP_EPERM = -13,   /* a step wrote what it does not provide */
    TP_EINTR = -14,   /* interrupted by a signal */
};

#define TP_ERROR_MESSAGE_MAX 512

/* What went wrong, in words fit for a user: what, where and what to do.
 * Callers own the struct (usually on the stack); every API that takes a
 * `tp_error *` accepts NULL when the caller does not want the message. */
typedef struct tp_error {
    int code;
    char message[TP_ERROR_MESSAGE_MAX];
} tp_error;

/* A short static description of a code, e.g. "out of memory". */
TP_API const char *tp_strerror(int code);

/* Fills `err` (when not NULL) and returns `code`, so that callers can write
 * `return tp_error_set(err, TP_EINVAL, "...", ...);`. */
TP_API int tp_error_set(tp_error *err, int code, const char *fmt, ...) TP_PRINTF(3, 4);

/* Resets `err` to TP_OK with an empty message. NULL is allowed. */
TP_API void tp_error_clear(tp_error *err);

#ifdef __cplusplus
}
#endif

#endif
