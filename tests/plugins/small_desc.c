/* small_desc - a module whose recorded plugin size is smaller than the first
 * layout of this ABI major (as if built against a truncated header): refused. */
#include <stddef.h>

#include <tpipe/plugin.h>

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_plugin plugin = {
    TP_PLUGIN_INIT,
    .name = "small_desc",
    .version = "1.0",
    .description = "test fixture",
    .license = "MIT",
    .process = process,
};

static const tp_plugin *const plugins[] = {&plugin, NULL};
static const tp_module module = {
    .abi_major = TP_ABI_MAJOR,
    .abi_minor = TP_ABI_MINOR,
    .struct_size = sizeof(tp_module),
    .plugin_size = offsetof(tp_plugin, process),
    .option_size = sizeof(tp_option_spec),
    .plugins = plugins,
};

TP_MODULE_EXPORT const tp_module *tp_module_entry(void);
TP_MODULE_EXPORT const tp_module *tp_module_entry(void)
{
    return &module;
}
