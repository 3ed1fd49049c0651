/* cli_common.c - what the verbs share: plugin-loading options, messages. */
#include <stdarg.h>
#include <stdio.h>

#include "cli.h"

void cli_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("tpipe: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
}

bool cli_load_option(cli_load *load, int opt, const char *arg)
{
    switch (opt) {
    case OPT_PLUGIN_PATH:
        if (load->plugin_dir_count < 64)
            load->plugin_dirs[load->plugin_dir_count++] = arg;
        return true;
    case OPT_SET:
        if (load->set_count < 256)
            load->sets[load->set_count++] = arg;
        return true;
    case OPT_ALLOW_INSECURE:
        load->allow_insecure = true;
        return true;
    default:
        return false;
    }
}

tp_load_options cli_load_options(const cli_load *load)
{
    return (tp_load_options){
        .struct_size = sizeof(tp_load_options),
        .plugin_dirs = load->plugin_dirs,
        .plugin_dir_count = load->plugin_dir_count,
        .sets = load->sets,
        .set_count = load->set_count,
        .allow_insecure_plugins = load->allow_insecure,
    };
}

int cli_load_pipeline(const char *path, const cli_load *load, tp_pipeline **out)
{
    tp_diags *diags = tp_diags_new();
    if (!diags) {
        cli_error("out of memory");
        return EXIT_FATAL;
    }
    tp_load_options opts = cli_load_options(load);
    int rc = tp_pipeline_load(path, &opts, out, diags);
    for (size_t i = 0; i < tp_diags_count(diags); i++)
        fprintf(stderr, "%s\n", tp_diags_message(diags, i));
    size_t errors = tp_diags_error_count(diags);
    tp_diags_free(diags);
    if (rc == TP_ENOMEM) {
        cli_error("out of memory loading %s", path);
        return EXIT_FATAL;
    }
    if (rc) {
        if (errors > 1)
            cli_error("%zu errors in %s; nothing was processed", errors, path);
        return EXIT_USAGE;
    }
    return EXIT_OK;
}
