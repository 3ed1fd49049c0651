/* cmd_validate.c - tpipe validate: load and check a pipeline. */
#include <getopt.h>
#include <stdio.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: tpipe validate [options] PIPELINE\n"
          "\n"
          "Loads the pipeline file and its plugins and checks everything (YAML, keys,\n"
          "option types and ranges, capabilities) without processing a document.\n"
          "\n"
          "Options:\n"
          "  --plugin-path DIR           search DIR for plugins first (repeatable)\n"
          "  --set STEP.OPTION=VALUE     override an option (repeatable)\n"
          "  --allow-insecure-plugins    load plugins from world-writable places\n"
          "  -h, --help                  show this help\n",
          out);
}

int cmd_validate(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"set", required_argument, NULL, OPT_SET},
        {"allow-insecure-plugins", no_argument, NULL, OPT_ALLOW_INSECURE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_load load = {0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (cli_load_option(&load, opt, optarg))
            continue;
        if (opt == 'h') {
            usage(stdout);
            return EXIT_OK;
        }
        usage(stderr);
        return EXIT_USAGE;
    }
    if (optind != argc - 1) {
        usage(stderr);
        return EXIT_USAGE;
    }
    tp_pipeline *p;
    int rc = cli_load_pipeline(argv[optind], &load, &p);
    if (rc)
        return rc;
    /* Run every step's load() too: a lexicon or model that does not parse is
     * part of "everything". */
    tp_error err = {0};
    rc = tp_pipeline_prepare(p, &err);
    if (rc) {
        cli_error("%s", err.message);
        tp_pipeline_free(p);
        return rc == TP_ECONFIG ? EXIT_USAGE : EXIT_FATAL;
    }
    printf("%s: ok: pipeline '%s', %zu step%s:", argv[optind], tp_pipeline_name(p),
           tp_pipeline_step_count(p), tp_pipeline_step_count(p) == 1 ? "" : "s");
    for (size_t i = 0; i < tp_pipeline_step_count(p); i++)
        printf("%s %s", i ? "," : "", tp_pipeline_step_id(p, i));
    printf("\n");
    tp_pipeline_free(p);
    return EXIT_OK;
}
