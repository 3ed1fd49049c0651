/* tpipe/plugin.h - the plugin ABI.
 *
 * A plugin module is a shared object that exports one function,
 * `tp_module_entry`, returning a static tp_module. The module lists one or
 * more plugin descriptors. Descriptors are data first, so a pipeline can be
 * validated without running plugin code.
 *
 * Versioning: a module records the TP_ABI_MAJOR/MINOR it was built with and
 * the sizes of the structs it was compiled against. The core refuses a
 * module whose major differs, whose minor is newer than the core's, or whose
 * structs are smaller than the first published layout of this major. Within a
 * major, structs only grow at their end; the core reads a field only when the
 * module's recorded size covers it. */
#ifndef TPIPE_PLUGIN_H
#define TPIPE_PLUGIN_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "doc.h"
#include "error.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum tp_option_type {
    TP_OPT_BOOL = 0,    /* true/false, yes/no, on/off, 1/0 */
    TP_OPT_INT,         /* 64-bit signed integer */
    TP_OPT_NUMBER,      /* double */
    TP_OPT_STRING,
    TP_OPT_ENUM,        /* one of `choices` */
    TP_OPT_STRING_LIST, /* YAML sequence, or comma-separated text */
    TP_OPT_PATH         /* resolved against the pipeline file's folder */
} tp_option_type;

/* One row of a plugin's option schema. A schema is an array of rows ended by
 * a row whose name is NULL. */
typedef struct tp_option_spec {
    const char *name;          /* [a-z][a-z0-9_]* */
    tp_option_type type;
    const char *default_value; /* text parsed with `type`; NULL: unset */
    const char *range;         /* int/number: "MIN..MAX", either side may be empty */
    const char *choices;       /* enum, and allowed items of a string list: "a|b|c" */
    const char *help;          /* one line */
} tp_option_spec;

/* A step's process() result: return 0, TP_EDOC (this document fails with the
 * message in `err`, the batch goes on) or TP_EFATAL (the run stops). Any other
 * negative code is treated as a document error. */

typedef struct tp_plugin {
    size_t struct_size; /* sizeof(tp_plugin) as compiled: use TP_PLUGIN_INIT */
    const char *name;   /* [a-z][a-z0-9_]* */
    const char *version;
    const char *description; /* one line */
    const char *license;     /* SPDX identifier */

    /* Capabilities, NULL-terminated: "tokens", "sentences", "paragraphs",
     * "span:<layer>", "span:<layer>.<attribute>", "doc:<key>". */
    const char *const *requires;
    const char *const *provides;
    /* Optional: used when an earlier step provides them, not required. */
    const char *const *reads;

    const tp_option_spec *options; /* may be NULL */

    /* Once per step, before any document: build read-only state shared by all
     * workers (a lexicon, say). Optional; `*shared` starts NULL. */
    int (*load)(const tp_config *config, void **shared, tp_error *err);
    /* Once per worker thread. Optional; without it `instance` is `shared`. */
    int (*create)(void *shared, const tp_config *config, void **instance, tp_error *err);
    /* Per document. Required. Called by one thread at a time per instance. */
    int (*process)(void *instance, tp_doc *doc, tp_error *err);
    void (*destroy)(void *instance); /* optional; pairs with create */
    void (*unload)(void *shared);    /* optional; pairs with load */
} tp_plugin;

#define TP_PLUGIN_INIT .struct_size = sizeof(tp_plugin)

typedef struct tp_module {
    uint32_t abi_major;  /* TP_ABI_MAJOR */
    uint32_t abi_minor;  /* TP_ABI_MINOR */
    size_t struct_size;  /* sizeof(tp_module) */
    size_t plugin_size;  /* sizeof(tp_plugin) */
    size_t option_size;  /* sizeof(tp_option_spec) */
    const tp_plugin *const *plugins; /* NULL-terminated */
} tp_module;

#define TP_MODULE_INIT                                                                         \
    .abi_major = TP_ABI_MAJOR, .abi_minor = TP_ABI_MINOR, .struct_size = sizeof(tp_module),   \
    .plugin_size = sizeof(tp_plugin), .option_size = sizeof(tp_option_spec)

#define TP_MODULE_ENTRY_NAME "tp_module_entry"
typedef const tp_module *(*tp_module_entry_fn)(void);

/* Declares a module's entry point:
 *   TP_MODULE(&my_plugin, &my_other_plugin)                               */
#if defined(__GNUC__)
#define TP_MODULE_EXPORT __attribute__((visibility("default")))
#else
#define TP_MODULE_EXPORT
#endif
#define TP_MODULE(...)                                                                         \
    TP_MODULE_EXPORT const tp_module *tp_module_entry(void);                                 \
    TP_MODULE_EXPORT const tp_module *tp_module_entry(void)                                  \
    {                                                                                          \
        static const tp_plugin *const tp_plugins_[] = {__VA_ARGS__, NULL};                     \
        static const tp_module tp_module_ = {TP_MODULE_INIT, .plugins = tp_plugins_};          \
        return &tp_module_;                                                                    \
    }

#ifdef __cplusplus
}
#endif

#endif
