/* abi_minor - a module built for a newer minor than the core: refused. */
#include <tpipe/plugin.h>

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_plugin plugin = {
    TP_PLUGIN_INIT,
    .name = "abi_minor",
    .version = "1.0",
    .description = "test fixture",
    .license = "MIT",
    .process = process,
};

static const tp_plugin *const plugins[] = {&plugin, NULL};
static const tp_module module = {
    .abi_major = TP_ABI_MAJOR,
    .abi_minor = TP_ABI_MINOR + 5,
    .struct_size = sizeof(tp_module),
    .plugin_size = sizeof(tp_plugin),
    .option_size = sizeof(tp_option_spec),
    .plugins = plugins,
};

TP_MODULE_EXPORT const tp_module *tp_module_entry(void);
TP_MODULE_EXPORT const tp_module *tp_module_entry(void)
{
    return &module;
}
