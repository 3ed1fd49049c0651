/* abi_v1_0.h - the plugin ABI 1.0 descriptor layout, frozen.
 *
 * Copies of tp_option_spec, tp_plugin and tp_module exactly as ABI 1.0
 * published them. The fixtures built from this header stand for plugins
 * compiled years ago against tpipe 0.1: whatever fields later minors append
 * to <tpipe/plugin.h>, these must keep loading and running. Never edit this
 * file; test_sdk_abi.c checks that today's structs still begin with it. */
#ifndef TPIPE_TEST_ABI_V1_0_H
#define TPIPE_TEST_ABI_V1_0_H

#include <stddef.h>
#include <stdint.h>

#include <tpipe/config.h>
#include <tpipe/doc.h>
#include <tpipe/error.h>

typedef struct v10_option {
    const char *name;
    int type; /* tp_option_type: 0 bool, 1 int, 2 number, 3 string, 4 enum, 5 list, 6 path */
    const char *default_value;
    const char *range;
    const char *choices;
    const char *help;
} v10_option;

typedef struct v10_plugin {
    size_t struct_size;
    const char *name;
    const char *version;
    const char *description;
    const char *license;
    const char *const *requires;
    const char *const *provides;
    const char *const *reads;
    const v10_option *options;
    int (*load)(const tp_config *config, void **shared, tp_error *err);
    int (*create)(void *shared, const tp_config *config, void **instance, tp_error *err);
    int (*process)(void *instance, tp_doc *doc, tp_error *err);
    void (*destroy)(void *instance);
    void (*unload)(void *shared);
} v10_plugin;

typedef struct v10_module {
    uint32_t abi_major; /* 1 */
    uint32_t abi_minor; /* 0 */
    size_t struct_size;
    size_t plugin_size;
    size_t option_size;
    const v10_plugin *const *plugins;
} v10_module;

#endif
