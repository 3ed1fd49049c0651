/* fx_multi - one module holding two plugins whose names differ from the
 * file's, to prove lookup in modules that hold several plugins. */
#include <tpipe/plugin.h>

static int multi_process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_plugin fx_alpha_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_alpha",
    .version = "2.1",
    .description = "test fixture: first plugin of a two-plugin module",
    .license = "MIT",
    .process = multi_process,
};

static const tp_plugin fx_beta_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_beta",
    .version = "2.2",
    .description = "test fixture: second plugin of a two-plugin module",
    .license = "MIT",
    .process = multi_process,
};

TP_MODULE(&fx_alpha_plugin, &fx_beta_plugin)
