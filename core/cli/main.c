/* main.c - the tpipe command: dispatch to a verb. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: tpipe <command> [options]\n"
          "\n"
          "Commands:\n"
          "  run PIPELINE [INPUT...]   run a pipeline over files, folders, .jsonl or - (stdin)\n"
          "  validate PIPELINE         load and check a pipeline; process nothing\n"
          "  plugins [NAME]            list installed plugins, or describe one\n"
          "  idf OUTPUT INPUT...       document frequencies of a collection (summary's idf)\n"
          "  report RESULTS -o FILE    one HTML report (overview, speakers, documents) of a run\n"
          "  new-plugin NAME [DIR]     write a ready-to-build plugin project (docs/plugins.md)\n"
          "\n"
          "Options:\n"
          "  -h, --help                show help (also: tpipe COMMAND --help)\n"
          "  --version                 show the version and plugin ABI\n"
          "\n"
          "Exit status: 0 all documents ok, 1 fatal error, 2 usage or configuration error,\n"
          "3 finished with failed documents.\n",
          out);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *verb = argv[1];
    if (strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0 || strcmp(verb, "help") == 0) {
        usage(stdout);
        return EXIT_OK;
    }
    if (strcmp(verb, "--version") == 0 || strcmp(verb, "version") == 0) {
        printf("tpipe %s (plugin ABI %d.%d)\n", tp_version(), TP_ABI_MAJOR, TP_ABI_MINOR);
        return EXIT_OK;
    }
    /* getopt names the program in its messages: make it "tpipe VERB". */
    char prog[64];
    snprintf(prog, sizeof prog, "tpipe %s", verb);
    argv[1] = prog;
    if (strcmp(verb, "run") == 0)
        return cmd_run(argc - 1, argv + 1);
    if (strcmp(verb, "validate") == 0)
        return cmd_validate(argc - 1, argv + 1);
    if (strcmp(verb, "plugins") == 0)
        return cmd_plugins(argc - 1, argv + 1);
    if (strcmp(verb, "idf") == 0)
        return cmd_idf(argc - 1, argv + 1);
    if (strcmp(verb, "new-plugin") == 0)
        return cmd_new_plugin(argc - 1, argv + 1);
    if (strcmp(verb, "report") == 0)
        return cmd_report(argc - 1, argv + 1);
    cli_error("unknown command '%s'; run 'tpipe --help' for the list", verb);
    return EXIT_USAGE;
}
