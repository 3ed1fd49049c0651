/* fx_fail - fails a document on a marker (TP_EDOC) and stops the run on
 * another (TP_EFATAL); otherwise sets the result "fx_fail": {"ok": true}. */
#include <string.h>

#include <tpipe/plugin.h>

static int fail_process(void *instance, tp_doc *doc, tp_error *err)
{
    const tp_config *config = instance;
    const char *text = tp_doc_text(doc, NULL);
    const char *fatal = tp_config_string(config, "fatal_marker");
    const char *marker = tp_config_string(config, "marker");
    if (fatal && *fatal && strstr(text, fatal))
        return tp_error_set(err, TP_EFATAL, "found the fatal marker");
    if (marker && *marker && strstr(text, marker))
        return tp_error_set(err, TP_EDOC, "found the marker");
    tp_value *o = tp_value_object(doc);
    int rc = tp_object_set(doc, o, "ok", tp_value_bool(doc, true));
    if (rc == 0)
        rc = tp_doc_set_result(doc, "fx_fail", o);
    return rc ? tp_error_set(err, TP_EDOC, "fx_fail: %s", tp_strerror(rc)) : 0;
}

static int fail_load(const tp_config *config, void **shared, tp_error *err)
{
    *shared = (void *)config;
    return 0;
}

static const tp_option_spec fail_options[] = {
    {"marker", TP_OPT_STRING, "FAIL-ME", NULL, NULL, "text that fails a document"},
    {"fatal_marker", TP_OPT_STRING, "STOP-ALL", NULL, NULL, "text that stops the run"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

static const char *const fail_requires[] = {"tokens", NULL};
static const char *const fail_provides[] = {"doc:fx_fail", NULL};

static const tp_plugin fx_fail_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_fail",
    .version = "1.0",
    .description = "test fixture: fails documents holding a marker",
    .license = "MIT",
    .requires = fail_requires,
    .provides = fail_provides,
    .options = fail_options,
    .load = fail_load,
    .process = fail_process,
};

TP_MODULE(&fx_fail_plugin)
