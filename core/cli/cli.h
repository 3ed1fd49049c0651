/* cli.h - the tpipe command's verbs and the options they share. */
#ifndef TPIPE_CLI_H
#define TPIPE_CLI_H

#include <stdbool.h>
#include <stddef.h>

#include <tpipe/tpipe.h>

/* Exit statuses (see docs/cli.md). */
enum {
    EXIT_OK = 0,
    EXIT_FATAL = 1,      /* the run stopped */
    EXIT_USAGE = 2,      /* usage or configuration error; nothing processed */
    EXIT_DOC_FAILED = 3, /* finished, some documents failed */
};

/* Options every verb that loads plugins accepts. */
typedef struct cli_load {
    const char *plugin_dirs[64];
    size_t plugin_dir_count;
    const char *sets[256];
    size_t set_count;
    bool allow_insecure;
} cli_load;

/* Handles --plugin-path/--set/--allow-insecure-plugins (long option ids
 * below). Returns true when `opt` was one of them. */
enum { OPT_PLUGIN_PATH = 1000, OPT_SET, OPT_ALLOW_INSECURE, OPT_VERB_BASE = 1100 };
bool cli_load_option(cli_load *load, int opt, const char *arg);
tp_load_options cli_load_options(const cli_load *load);

/* Loads a pipeline, printing every diagnostic to stderr. */
int cli_load_pipeline(const char *path, const cli_load *load, tp_pipeline **out);

void cli_error(const char *fmt, ...) TP_PRINTF(1, 2);

int cmd_run(int argc, char **argv);
int cmd_validate(int argc, char **argv);
int cmd_plugins(int argc, char **argv);
int cmd_idf(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_new_plugin(int argc, char **argv);

#endif
