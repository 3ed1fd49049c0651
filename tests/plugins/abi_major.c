/* abi_major - a module built for the next ABI major: the loader must refuse it. */
#include <tpipe/plugin.h>

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_plugin plugin = {
    TP_PLUGIN_INIT,
    .name = "abi_major",
    .version = "1.0",
    .description = "test fixture",
    .license = "MIT",
    .process = process,
};

static const tp_plugin *const plugins[] = {&plugin, NULL};
static const tp_module module = {
    .abi_major = TP_ABI_MAJOR + 1,
    .abi_minor = 0, /* "2.0" in messages, whatever minor this tpipe is at */
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
