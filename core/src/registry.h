/* registry.h - finding, opening and checking plugin modules. */
#ifndef TPIPE_REGISTRY_H
#define TPIPE_REGISTRY_H

#include <stdbool.h>
#include <stddef.h>

#include <tpipe/tpipe.h>

/* An open module. Descriptors are copied into the current layout (zero
 * filled past what the module declared), so the rest of the core can index
 * them with today's struct sizes whatever minor the module was built for. */
typedef struct tp_module_handle {
    char *path;
    void *dl;
    const tp_module *module;
    tp_plugin *plugins; /* normalised copies */
    size_t plugin_count;
} tp_module_handle;

typedef struct tp_module_list {
    tp_module_handle *items;
    size_t count, cap;
} tp_module_list;

/* dlopen()s `path` and checks it: the entry point, the ABI version, struct
 * sizes, every descriptor (name, process, option schema). Errors name the
 * file, what is wrong and the fix. */
int tp_registry_open(const char *path, bool allow_insecure, tp_module_handle *out, tp_error *err);
void tp_module_handle_close(tp_module_handle *h);

/* Finds plugin `name` along `dirs`: DIR/NAME.so in each folder first, then
 * any module in the folders that holds a plugin of that name. Modules it
 * opens are kept in `loaded` (reused when already there). */
int tp_registry_find(char *const *dirs, size_t dir_count, const char *name, bool allow_insecure,
                     tp_module_list *loaded, const tp_plugin **plugin, const char **file,
                     tp_error *err);

/* Opens the module at `path` (reusing `loaded`) and finds `name` in it, or
 * its only plugin when `name` is NULL. */
int tp_registry_open_plugin(const char *path, const char *name, bool allow_insecure,
                            tp_module_list *loaded, const tp_plugin **plugin, tp_error *err);

/* The name of an installed plugin (on `dirs`) that provides `capability`,
 * written to `name`; false when there is none. */
bool tp_registry_provider(char *const *dirs, size_t dir_count, const char *capability,
                          char *name, size_t name_len);

void tp_module_list_free(tp_module_list *list);

/* The search path with a pipeline file's plugin_path folders (`extra`)
 * placed after TPIPE_PLUGIN_PATH; free with tp_plugin_search_path_free(). */
char **tp_search_path_with(const tp_load_options *opts, char *const *extra, size_t extra_count,
                           size_t *count);

/* Smallest sizes a module of this major may declare: the 1.0 layout, which
 * ended with tp_plugin.unload and tp_option_spec.help. */
#define TP_MODULE_MIN_SIZE (offsetof(tp_module, plugins) + sizeof(void *))
#define TP_PLUGIN_MIN_SIZE (offsetof(tp_plugin, unload) + sizeof(void (*)(void *)))
#define TP_OPTION_MIN_SIZE (offsetof(tp_option_spec, help) + sizeof(const char *))

#endif
