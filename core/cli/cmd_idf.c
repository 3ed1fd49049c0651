/* cmd_idf.c - tpipe idf: document frequencies of a collection, for the
 * summary plugin's `idf` option.
 *
 * The collection runs through the tokenizer (the same tokens the summary
 * step sees) and each worker counts the stems of its documents; the counts
 * are merged and written once at the end. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#ifdef TPIPE_HAVE_IDF_BUILDER
#include "summary_idf.h"

#define MAX_WORKERS 256

typedef struct idf_run {
    tp_summary_idf_builder *builders[MAX_WORKERS];
    int failed; /* out of memory in a worker */
} idf_run;

static void count_document(void *user, unsigned worker, const tp_doc *doc)
{
    idf_run *run = user;
    if (worker < MAX_WORKERS && !tp_doc_failed(doc) &&
        tp_summary_idf_builder_add_doc(run->builders[worker], doc) != 0)
        run->failed = 1;
}

static void report_failure(void *user, const char *id, const char *step, const char *message)
{
    (void)user;
    fprintf(stderr, "tpipe: %s: %s%s%s%s\n", id, step ? "step '" : "", step ? step : "",
            step ? "': " : "", message);
}
#endif

static void usage(FILE *out)
{
    fputs("usage: tpipe idf [options] OUTPUT.idf INPUT...\n"
          "\n"
          "Counts in how many documents of a collection each word stem occurs and writes\n"
          "the file the summary plugin's `idf` option reads (format: docs/plugins-reference.md).\n"
          "Inputs are read as by `tpipe run` (files, folders, .jsonl, .gz, - for stdin).\n"
          "\n"
          "Options:\n"
          "  -j, --jobs N            worker threads (default: all cores)\n"
          "      --min-df N          leave out stems found in fewer than N documents (default 2)\n"
          "      --include GLOB      in folders, only files whose name matches GLOB\n"
          "      --plugin-path DIR   search DIR for the tokenizer plugin first\n"
          "  -h, --help              show this help\n",
          out);
}

int cmd_idf(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"jobs", required_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {"min-df", required_argument, NULL, OPT_VERB_BASE},
        {"include", required_argument, NULL, OPT_VERB_BASE + 1},
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {NULL, 0, NULL, 0},
    };
    cli_load load = {0};
    int jobs = 0;
    unsigned long long min_df = 2;
    const char *include = NULL;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "j:h", longopts, NULL)) != -1) {
        if (cli_load_option(&load, opt, optarg))
            continue;
        char *end;
        switch (opt) {
        case 'j':
            errno = 0;
            jobs = (int)strtol(optarg, &end, 10);
            if (end == optarg || *end || errno || jobs < 1 || jobs > 256) {
                cli_error("--jobs: '%s' is not a number from 1 to 256", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_VERB_BASE:
            errno = 0;
            min_df = strtoull(optarg, &end, 10);
            if (end == optarg || *end || errno || min_df < 1) {
                cli_error("--min-df: '%s' is not a positive number", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_VERB_BASE + 1: include = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (argc - optind < 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
#ifndef TPIPE_HAVE_IDF_BUILDER
    (void)jobs;
    (void)min_df;
    (void)include;
    cli_error("idf: this tpipe was built without the summary plugin, which defines the terms");
    return EXIT_USAGE;
#else
    const char *output = argv[optind];
    static const char pipeline_yaml[] = "version: 1\nname: idf\nsteps:\n  - plugin: tokenizer\n";
    tp_diags *diags = tp_diags_new();
    tp_load_options lo = cli_load_options(&load);
    tp_pipeline *p = NULL;
    int rc = diags ? tp_pipeline_load_string(pipeline_yaml, sizeof pipeline_yaml - 1, "idf",
                                             NULL, &lo, &p, diags)
                   : TP_ENOMEM;
    for (size_t i = 0; i < tp_diags_count(diags); i++)
        fprintf(stderr, "%s\n", tp_diags_message(diags, i));
    tp_diags_free(diags);
    if (rc) {
        cli_error("idf: cannot load the tokenizer plugin");
        return EXIT_USAGE;
    }
    idf_run run = {0};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    int n = jobs ? jobs : (cores > 0 ? (int)cores : 1);
    int status = EXIT_OK;
    for (int i = 0; i < n; i++)
        if (tp_summary_idf_builder_new(&run.builders[i]) != 0) {
            cli_error("out of memory");
            status = EXIT_FATAL;
            goto done;
        }
    tp_run_options ro = {
        .struct_size = sizeof ro,
        .jobs = n,
        .output_path = "/dev/null",
        .include = include,
        .events = {.user = &run, .document = count_document, .failure = report_failure},
    };
    tp_run_stats st;
    tp_error err = {0};
    rc = tp_run(p, (const char *const *)argv + optind + 1, (size_t)(argc - optind - 1), &ro, &st,
                &err);
    if (rc || run.failed) {
        cli_error("idf: %s", rc ? err.message : "out of memory counting terms");
        status = rc == TP_ENOENT || rc == TP_EINVAL ? EXIT_USAGE : EXIT_FATAL;
        goto done;
    }
    for (int i = 1; i < n; i++)
        if (tp_summary_idf_builder_merge(run.builders[0], run.builders[i]) != 0) {
            cli_error("out of memory");
            status = EXIT_FATAL;
            goto done;
        }
    /* Written beside the target and renamed, like run's -o. */
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp-%ld", output, (long)getpid());
    FILE *f = fopen(tmp, "w");
    if (!f || tp_summary_idf_builder_write(run.builders[0], f, min_df, &err) != 0 ||
        fclose(f) != 0 || rename(tmp, output) != 0) {
        cli_error("idf: cannot write %s: %s", output, err.message[0] ? err.message : strerror(errno));
        unlink(tmp);
        status = EXIT_FATAL;
        goto done;
    }
    fprintf(stderr, "tpipe: idf: %" PRIu64 " documents counted into %s\n",
            tp_summary_idf_builder_documents(run.builders[0]), output);
    if (st.failed)
        status = EXIT_DOC_FAILED;
done:
    for (int i = 0; i < n; i++)
        tp_summary_idf_builder_free(run.builders[i]);
    tp_pipeline_free(p);
    return status;
#endif
}
