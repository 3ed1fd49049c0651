/* error.c - status codes and the error record. */
#include <stdarg.h>
#include <stdio.h>

#include <tpipe/error.h>

TP_API const char *tp_version(void)
{
    return TP_VERSION_STRING;
}

TP_API const char *tp_strerror(int code)
{
    switch (code) {
    case TP_OK: return "success";
    case TP_ENOMEM: return "out of memory";
    case TP_EINVAL: return "invalid argument";
    case TP_EIO: return "input/output error";
    case TP_ENOENT: return "not found";
    case TP_ECONFIG: return "configuration error";
    case TP_EPLUGIN: return "plugin error";
    case TP_EABI: return "incompatible plugin ABI";
    case TP_EDOC: return "document failed";
    case TP_EFATAL: return "fatal error";
    case TP_ERANGE: return "value out of range";
    case TP_EPARSE: return "parse error";
    case TP_ELIMIT: return "size limit exceeded";
    case TP_EPERM: return "not permitted";
    case TP_EINTR: return "interrupted";
    default: return "unknown error";
    }
}

TP_API int tp_error_set(tp_error *err, int code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->message, sizeof err->message, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

TP_API void tp_error_clear(tp_error *err)
{
    if (err) {
        err->code = TP_OK;
        err->message[0] = '\0';
    }
}
