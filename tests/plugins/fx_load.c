/* fx_load - a plugin whose load() fails when asked to (option `fail`),
 * naming its `lexicon` path option, to prove how the core reports it. */
#include <tpipe/plugin.h>

static int shared_state = 42;

static int load_load(const tp_config *config, void **shared, tp_error *err)
{
    if (tp_config_bool(config, "fail")) {
        const char *lexicon = tp_config_string(config, "lexicon");
        return tp_error_set(err, TP_EIO, "cannot read lexicon %s", lexicon ? lexicon : "(unset)");
    }
    *shared = &shared_state;
    return 0;
}

static int load_process(void *instance, tp_doc *doc, tp_error *err)
{
    return instance == &shared_state ? 0 : tp_error_set(err, TP_EFATAL, "load() did not run");
}

static const tp_option_spec load_options[] = {
    {"fail", TP_OPT_BOOL, "false", NULL, NULL, "make load() fail"},
    {"lexicon", TP_OPT_PATH, NULL, NULL, NULL, "named in the failure message"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

static const tp_plugin fx_load_plugin = {
    TP_PLUGIN_INIT,
    .name = "fx_load",
    .version = "1.0",
    .description = "test fixture: load() fails on request",
    .license = "MIT",
    .options = load_options,
    .load = load_load,
    .process = load_process,
};

TP_MODULE(&fx_load_plugin)
