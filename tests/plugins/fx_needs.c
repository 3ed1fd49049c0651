/* fx_needs - requires a capability that no plugin provides. */
#include <tpipe/plugin.h>

static int needs_process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const char *const needs_requires[] = {"span:entity", NULL};

static const tp_plugin fx_needs_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_needs",
    .version = "1.0",
    .description = "test fixture: requires span:entity, which nothing provides",
    .license = "MIT",
    .requires = needs_requires,
    .process = needs_process,
};

TP_MODULE(&fx_needs_plugin)
