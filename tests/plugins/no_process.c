/* no_process - a plugin without the required process() callback. */
#include <tpipe/plugin.h>

static const tp_plugin plugin = {
    TP_PLUGIN_INIT,
    .name = "no_process",
    .version = "1.0",
    .description = "test fixture: no process()",
    .license = "MIT",
};

TP_MODULE(&plugin)
