/* bad_default - an int option whose default does not parse as an int. */
#include <tpipe/plugin.h>

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_option_spec options[] = {
    {"count", TP_OPT_INT, "abc", NULL, NULL, "an int whose default is not one"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

static const tp_plugin plugin = {
    TP_PLUGIN_INIT,
    .name = "bad_default",
    .version = "1.0",
    .description = "test fixture: a default that does not parse",
    .license = "MIT",
    .options = options,
    .process = process,
};

TP_MODULE(&plugin)
