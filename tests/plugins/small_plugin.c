/* small_plugin - a well-formed module whose plugin descriptor records a
 * struct_size smaller than the ABI's first layout: refused. */
#include <stddef.h>

#include <tpipe/plugin.h>

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_plugin plugin = {
    .struct_size = offsetof(tp_plugin, options),
    .name = "small_plugin",
    .version = "1.0",
    .description = "test fixture",
    .license = "MIT",
    .process = process,
};

TP_MODULE(&plugin)
