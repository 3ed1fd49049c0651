/* fx_perm - writes a result it does not provide and returns the code the
 * core gave it (TP_EPERM), without a message of its own. */
#include <tpipe/plugin.h>

static int perm_process(void *instance, tp_doc *doc, tp_error *err)
{
    return tp_doc_set_result(doc, "undeclared", tp_value_bool(doc, true));
}

static const char *const perm_provides[] = {"doc:fx_perm", NULL};

static const tp_plugin fx_perm_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_perm",
    .version = "1.0",
    .description = "test fixture: writes a result it does not provide",
    .license = "MIT",
    .provides = perm_provides,
    .process = perm_process,
};

TP_MODULE(&fx_perm_plugin)
