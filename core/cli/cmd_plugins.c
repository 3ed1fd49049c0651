/* cmd_plugins.c - tpipe plugins: list installed plugins or describe one. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: tpipe plugins [options] [NAME | PATH.so]\n"
          "\n"
          "Without NAME, lists every plugin on the search path (broken ones with the reason).\n"
          "With NAME, prints the plugin's file, ABI, version, what it requires and provides,\n"
          "and every option with its type, default, range and help.\n"
          "\n"
          "Options:\n"
          "  --plugin-path DIR           search DIR for plugins first (repeatable)\n"
          "  --markdown                  describe in Markdown (as in docs/pipelines.md)\n"
          "  --allow-insecure-plugins    load plugins from world-writable places\n"
          "  -h, --help                  show this help\n",
          out);
}

static void print_caps(FILE *out, const char *label, const char *const *caps)
{
    fprintf(out, "%-10s", label);
    if (!caps || !*caps)
        fputs(" (none)", out);
    for (; caps && *caps; caps++)
        fprintf(out, " %s", *caps);
    fputc('\n', out);
}

static const char *type_name(tp_option_type t)
{
    static const char *const names[] = {"bool", "int", "number", "string", "enum", "list", "path"};
    return (unsigned)t < sizeof names / sizeof *names ? names[t] : "?";
}

/* The constraint column: range for numbers, choices for enums and lists. */
static const char *constraint(const tp_option_spec *o, char *buf, size_t len)
{
    if (o->range && *o->range)
        snprintf(buf, len, "%s", o->range);
    else if (o->choices && *o->choices)
        snprintf(buf, len, "%s", o->choices);
    else
        snprintf(buf, len, "-");
    return buf;
}

static void describe_text(FILE *out, const tp_plugin_info *info)
{
    const tp_plugin *p = info->plugin;
    fprintf(out, "%s %s - %s\n", p->name, p->version, p->description ? p->description : "");
    fprintf(out, "%-10s %s\n", "file", info->file);
    fprintf(out, "%-10s %u.%u\n", "abi", info->abi_major, info->abi_minor);
    fprintf(out, "%-10s %s\n", "license", p->license ? p->license : "(unspecified)");

    print_caps(out, "requires", p->requires);
    print_caps(out, "provides", p->provides);
    if (p->reads && *p->reads)
        print_caps(out, "reads", p->reads);
    if (!p->options || !p->options->name) {
        fputs("options    (none)\n", out);
        return;
    }
    fputs("options\n", out);
    char buf[256];
    for (const tp_option_spec *o = p->options; o->name; o++) {
        fprintf(out, "  %-20s %-7s default %-12s %s\n", o->name, type_name(o->type),
                o->default_value ? o->default_value : "(unset)", constraint(o, buf, sizeof buf));
        fprintf(out, "  %-20s %s\n", "", o->help ? o->help : "");

    }
}

static void md_caps(FILE *out, const char *const *caps)
{
    if (!caps || !*caps)
        fputs("none", out);
    for (size_t i = 0; caps && caps[i]; i++)
        fprintf(out, "%s`%s`", i ? ", " : "", caps[i]);
}

/* Table cells: a '|' would end the cell, even inside backticks. */
static void md_cell(FILE *out, const char *s)
{
    for (; *s; s++) {
        if (*s == '|')
            fputc('\\', out);
        fputc(*s, out);
    }
}

/* A value as code; "-" and "(unset)" as they are, "" as "(empty)". */
static void md_code(FILE *out, const char *s)
{
    if (!*s || strcmp(s, "-") == 0 || strcmp(s, "(unset)") == 0) {
        fputs(*s ? s : "(empty)", out);
        return;
    }
    fputc('`', out);
    md_cell(out, s);
    fputc('`', out);
}

static void describe_markdown(FILE *out, const tp_plugin_info *info)
{
    const tp_plugin *p = info->plugin;
    fprintf(out, "### %s\n\n%s\n\n", p->name, p->description ? p->description : "");
    fprintf(out, "- version: %s, licence: %s\n- requires: ", p->version,
            p->license ? p->license : "unspecified");
    md_caps(out, p->requires);
    fputs("\n- provides: ", out);
    md_caps(out, p->provides);
    if (p->reads && *p->reads) {
        fputs("\n- reads when present: ", out);
        md_caps(out, p->reads);
    }
    fputs("\n\n", out);
    if (!p->options || !p->options->name) {
        fputs("No options.\n\n", out);
        return;
    }
    fputs("| option | type | default | range or choices | meaning |\n"
          "|---|---|---|---|---|\n",
          out);
    char buf[256];
    for (const tp_option_spec *o = p->options; o->name; o++) {
        fprintf(out, "| `%s` | %s | ", o->name, type_name(o->type));
        md_code(out, o->default_value ? o->default_value : "(unset)");
        fputs(" | ", out);
        md_code(out, constraint(o, buf, sizeof buf));
        fputs(" | ", out);
        md_cell(out, o->help ? o->help : "");
        fputs(" |\n", out);
    }
    fputc('\n', out);
}

typedef struct lister {
    const char *name; /* NULL: list all */
    bool markdown;
    bool describe_all; /* a module given by path: describe each of its plugins */
    int found;
    int broken;
} lister;

static void visit(void *user, const tp_plugin_info *info)
{
    lister *l = user;
    if (!info->plugin) {
        if (!l->name || l->describe_all) {
            printf("%-14s BROKEN  %s\n", "?", info->error);
            l->broken++;
        }
        return;
    }
    if (l->describe_all) {
        l->found++;
        (l->markdown ? describe_markdown : describe_text)(stdout, info);
        return;
    }
    if (l->name) {
        if (strcmp(l->name, info->plugin->name) != 0 || info->shadowed || l->found)
            return;
        l->found++;
        if (l->markdown)
            describe_markdown(stdout, info);
        else
            describe_text(stdout, info);
        return;
    }
    l->found++;
    printf("%-14s %-8s %s%s\n    %s\n", info->plugin->name, info->plugin->version,
           info->plugin->description ? info->plugin->description : "",
           info->shadowed ? " (shadowed by an earlier one)" : "", info->file);
}

int cmd_plugins(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"allow-insecure-plugins", no_argument, NULL, OPT_ALLOW_INSECURE},
        {"markdown", no_argument, NULL, OPT_VERB_BASE},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    cli_load load = {0};
    lister l = {0};
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (cli_load_option(&load, opt, optarg))
            continue;
        if (opt == OPT_VERB_BASE) {
            l.markdown = true;
            continue;
        }
        if (opt == 'h') {
            usage(stdout);
            return EXIT_OK;
        }
        usage(stderr);
        return EXIT_USAGE;
    }
    if (argc - optind > 1) {
        usage(stderr);
        return EXIT_USAGE;
    }
    tp_load_options opts = cli_load_options(&load);
    if (optind < argc) {
        l.name = argv[optind];
        if (strchr(l.name, '/')) {
            /* A path: describe every plugin in that module. */
            lister all = {.markdown = l.markdown, .describe_all = true};
            tp_plugins_scan_file(l.name, &opts, visit, &all);
            return all.found ? EXIT_OK : EXIT_USAGE;
        }
    }
    if (tp_plugins_scan(&opts, visit, &l) != 0) {
        cli_error("out of memory");
        return EXIT_FATAL;
    }
    if (l.name && !l.found) {
        cli_error("no plugin named '%s' on the search path; 'tpipe plugins' lists them", l.name);
        return EXIT_USAGE;
    }
    if (!l.name && !l.found && !l.broken)
        cli_error("no plugins found on the search path (set TPIPE_PLUGIN_PATH or use "
                  "--plugin-path)");
    return EXIT_OK;
}
