/* bad_name - a plugin whose name is not of the form [a-z][a-z0-9_]*. */
#include <tpipe/plugin.h>

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_plugin plugin = {
    TP_PLUGIN_INIT,
    .name = "Bad-Name",
    .version = "1.0",
    .description = "test fixture",
    .license = "MIT",
    .process = process,
};

TP_MODULE(&plugin)
