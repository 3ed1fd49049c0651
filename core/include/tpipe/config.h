/* tpipe/config.h - a step's typed options, as a plugin sees them.
 *
 * The core validates the pipeline file against the plugin's option schema
 * before any document is read, so every getter below returns a value of the
 * declared type: the user's, or the schema default. Plugins never see YAML.
 * A tp_config is read-only and may be read from any thread. It, and every
 * string its getters return, stays valid from the step's load() until its
 * unload(), so plugins may keep the pointers instead of copying. */
#ifndef TPIPE_CONFIG_H
#define TPIPE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tp_config tp_config;

/* The step's id (its `id:`, or the plugin name). */
TP_API const char *tp_config_step_id(const tp_config *config);

/* Typed getters. Asking for an option the schema does not declare, or with
 * the wrong type, is a programming error: the zero value is returned. */
TP_API bool tp_config_bool(const tp_config *config, const char *name);
TP_API int64_t tp_config_int(const tp_config *config, const char *name);
TP_API double tp_config_number(const tp_config *config, const char *name);

/* string, enum and path options. A path is absolute: relative paths were
 * resolved against the pipeline file's folder. NULL when there is no default
 * and the user set nothing. */
TP_API const char *tp_config_string(const tp_config *config, const char *name);

/* string list options: the number of items and each item. */
TP_API size_t tp_config_list_count(const tp_config *config, const char *name);
TP_API const char *tp_config_list_item(const tp_config *config, const char *name, size_t i);

/* Whether a string list holds `item` (exact match). */
TP_API bool tp_config_list_has(const tp_config *config, const char *name, const char *item);

/* Whether the user set the option (in the file or with --set), as opposed to
 * the schema default applying. */
TP_API bool tp_config_is_set(const tp_config *config, const char *name);

#ifdef __cplusplus
}
#endif

#endif
