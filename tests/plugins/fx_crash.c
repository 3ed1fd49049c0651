/* fx_crash - dies with SIGSEGV on a document containing "CRASH" (for the
 * process-isolation tests; never run in-process by the test suites). */
#include <signal.h>
#include <string.h>

#include <tpipe/plugin.h>

static int crash_process(void *instance, tp_doc *doc, tp_error *err)
{
    if (strstr(tp_doc_text(doc, NULL), "CRASH"))
        raise(SIGSEGV);
    return 0;
}

static const tp_plugin fx_crash_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_crash",
    .version = "1.0",
    .description = "test fixture: segfaults on CRASH",
    .license = "MIT",
    .process = crash_process,
};

TP_MODULE(&fx_crash_plugin)
