/* tpipe/version.h - library version, plugin ABI version and the export macro. */
#ifndef TPIPE_VERSION_H
#define TPIPE_VERSION_H

#define TP_VERSION_MAJOR 0
#define TP_VERSION_MINOR 1
#define TP_VERSION_PATCH 0
#define TP_VERSION_STRING "0.1.0"

/* The plugin ABI. A module built against major M, minor m loads into a core
 * of major M and minor >= m. Structs only grow at their end within a major.
 * Fields are appended only with a new minor; plugins should initialise
 * descriptors with designated initializers (as TP_PLUGIN_INIT does), so that
 * an appended field never breaks their build under -Wextra -Werror. */
#define TP_ABI_MAJOR 1
#define TP_ABI_MINOR 2

#if defined(TPIPE_BUILDING_LIBRARY) && defined(__GNUC__)
#define TP_API __attribute__((visibility("default")))
#else
#define TP_API
#endif

#if defined(__GNUC__)
#define TP_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#else
#define TP_PRINTF(fmt, args)
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* The version of the library actually loaded, e.g. "0.1.0". */
TP_API const char *tp_version(void);

#ifdef __cplusplus
}
#endif

#endif
