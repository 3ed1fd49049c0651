/* fx_hang - never returns on a document containing "HANG" (for the
 * process-isolation timeout tests; never run in-process by the suites), and
 * takes a tenth of a second on one containing "SLOW" (for interrupting a
 * run that is still going). */
#include <string.h>
#include <unistd.h>

#include <tpipe/plugin.h>

static int hang_process(void *instance, tp_doc *doc, tp_error *err)
{
    const char *text = tp_doc_text(doc, NULL);
    if (strstr(text, "HANG"))
        for (;;)
            sleep(1);
    if (strstr(text, "SLOW"))
        usleep(100 * 1000);
    return 0;
}

static const tp_plugin fx_hang_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_hang",
    .version = "1.0",
    .description = "test fixture: hangs on HANG, slow on SLOW",
    .license = "MIT",
    .process = hang_process,
};

TP_MODULE(&fx_hang_plugin)
