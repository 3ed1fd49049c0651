/* cmd_run.c - tpipe run: a pipeline over documents. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static void usage(FILE *out)
{
    fputs("usage: tpipe run [options] PIPELINE [INPUT...]\n"
          "\n"
          "Runs PIPELINE over each INPUT: a text file, a folder (walked recursively), a .jsonl\n"
          "file (one {\"id\", \"text\", ...} document a line), .gz of either, or - for stdin.\n"
          "Without INPUT, reads stdin. Writes one record per document, in input order.\n"
          "\n"
          "Options:\n"
          "  -f, --format FMT            text, json or jsonl (default: text on a terminal,\n"
          "                              else jsonl; with -o, from the file's extension)\n"
          "  -o, --output FILE           write to FILE (via a temporary name, renamed at the end)\n"
          "  -j, --jobs N                worker threads (default: all cores)\n"
          "      --set STEP.OPTION=VALUE override an option (repeatable)\n"
          "      --plugin-path DIR       search DIR for plugins first (repeatable)\n"
          "      --files-from FILE       read input paths from FILE, one a line (- for stdin)\n"
          "      --include GLOB          in folders, only files whose name matches GLOB\n"
          "      --shard K/N             keep the K-th of N deterministic shards (by id hash)\n"
          "      --max-document-bytes N  fail documents larger than N bytes (default 64 MiB)\n"
          "      --stats                 print per-step time and throughput to stderr\n"
          "      --stats-json FILE       write the same statistics as JSON to FILE\n"
          "      --color WHEN            auto, always or never (text format; NO_COLOR is honoured)\n"
          "      --width N               wrap text output at N columns\n"
          "      --isolate               run the steps in worker processes: a plugin that\n"
          "                              crashes fails only its document\n"
          "      --timeout SECONDS       with --isolate, fail a document that takes longer\n"
          "  -q, --quiet                 no progress line\n"
          "      --allow-insecure-plugins load plugins from world-writable places\n"
          "  -h, --help                  show this help\n"
          "\n"
          "Exit status: 0 all documents ok, 1 fatal error, 2 usage or configuration error,\n"
          "3 finished but some documents failed (each a failed record and a line on stderr).\n",
          out);
}

enum {
    OPT_FILES_FROM = OPT_VERB_BASE,
    OPT_INCLUDE,
    OPT_SHARD,
    OPT_MAX_BYTES,
    OPT_STATS,
    OPT_STATS_JSON,
    OPT_COLOR,
    OPT_WIDTH,
    OPT_ISOLATE,
    OPT_TIMEOUT,
};

static volatile int interrupted;

static void on_signal(int sig)
{
    /* Atomic: the runner's worker threads read it. */
    __atomic_store_n(&interrupted, 1, __ATOMIC_RELAXED);
    /* A second Ctrl-C ends the program at once. */
    signal(sig, SIG_DFL);
}

typedef struct run_ui {
    bool progress;
    bool progress_shown;
} run_ui;

static void on_failure(void *user, const char *id, const char *step, const char *message)
{
    run_ui *ui = user;
    if (ui->progress_shown)
        fputs("\r\033[K", stderr);
    if (step)
        fprintf(stderr, "tpipe: %s: step '%s': %s\n", id, step, message);
    else
        fprintf(stderr, "tpipe: %s: %s\n", id, message);
}

static void fmt_clock(char *buf, size_t len, double s)
{
    unsigned long t = (unsigned long)(s + 0.5);
    snprintf(buf, len, "%lu:%02lu", t / 60, t % 60);
}

static void on_progress(void *user, uint64_t done, uint64_t total, uint64_t bytes,
                        uint64_t failed, double seconds)
{
    run_ui *ui = user;
    if (!ui->progress || seconds < 0.5)
        return;
    char elapsed[32], eta[48] = "";
    fmt_clock(elapsed, sizeof elapsed, seconds);
    if (total && done) {
        char t[32];
        fmt_clock(t, sizeof t, seconds * (double)(total - done) / (double)done);
        snprintf(eta, sizeof eta, "  ETA %s", t);
    }
    char count[64];
    if (total)
        snprintf(count, sizeof count, "%" PRIu64 "/%" PRIu64, done, total);
    else
        snprintf(count, sizeof count, "%" PRIu64, done);
    fprintf(stderr, "\r\033[K%s docs  %.1f MB/s  %.0f docs/s  %s%s  %" PRIu64 " failed", count,
            (double)bytes / 1e6 / seconds, (double)done / seconds, elapsed, eta, failed);
    ui->progress_shown = true;
}

static bool parse_shard(const char *s, uint32_t *k, uint32_t *n)
{
    char *end;
    errno = 0;
    unsigned long a = strtoul(s, &end, 10);
    if (end == s || *end != '/' || errno)
        return false;
    const char *b_start = end + 1;
    unsigned long b = strtoul(b_start, &end, 10);
    if (end == b_start || *end || errno || b == 0 || a == 0 || a > b || b > UINT32_MAX)
        return false;
    *k = (uint32_t)a;
    *n = (uint32_t)b;
    return true;
}

static bool parse_count(const char *s, long long min, long long max, long long *out)
{
    char *end;
    errno = 0;
    long long v = strtoll(s, &end, 10);
    if (end == s || *end || errno || v < min || v > max)
        return false;
    *out = v;
    return true;
}

static bool format_from_name(const char *s, tp_format *out)
{
    if (strcmp(s, "jsonl") == 0)
        *out = TP_FORMAT_JSONL;
    else if (strcmp(s, "json") == 0)
        *out = TP_FORMAT_JSON;
    else if (strcmp(s, "text") == 0)
        *out = TP_FORMAT_TEXT;
    else
        return false;
    return true;
}

static tp_format format_from_path(const char *path)
{
    const char *dot = strrchr(path, '.');
    tp_format f = TP_FORMAT_JSONL;
    if (dot && (strcmp(dot, ".json") == 0))
        f = TP_FORMAT_JSON;
    else if (dot && (strcmp(dot, ".txt") == 0))
        f = TP_FORMAT_TEXT;
    return f;
}

static void print_stats(FILE *out, const tp_run_stats *st)
{
    double mb = (double)st->bytes / 1e6;
    uint64_t total_ns = 0;
    for (size_t i = 0; i < st->step_count; i++)
        total_ns += st->step_nanos[i];
    fprintf(out, "%-16s %10s %7s %10s %10s\n", "step", "cpu time", "share", "MB/s", "docs/s");
    for (size_t i = 0; i < st->step_count; i++) {
        double s = (double)st->step_nanos[i] / 1e9;
        fprintf(out, "%-16s %9.3fs %6.1f%% %10.1f %10.0f\n", st->step_ids[i], s,
                total_ns ? 100.0 * (double)st->step_nanos[i] / (double)total_ns : 0.0,
                s > 0 ? mb / s : 0.0, s > 0 ? (double)st->documents / s : 0.0);
    }
    double wall = st->seconds > 0 ? st->seconds : 1e-9;
    fprintf(out,
            "total: %" PRIu64 " documents (%" PRIu64 " failed), %.2f MB, %" PRIu64
            " tokens in %.3fs wall with %d worker%s: %.1f MB/s, %.0f docs/s\n",
            st->documents, st->failed, mb, st->tokens, st->seconds, st->jobs,
            st->jobs == 1 ? "" : "s", mb / wall, (double)st->documents / wall);
}

static int write_stats_json(const char *path, const tp_run_stats *st)
{
    FILE *f = fopen(path, "w");
    if (!f)
        return -1;
    double mb = (double)st->bytes / 1e6;
    fprintf(f,
            "{\"documents\": %" PRIu64 ", \"failed\": %" PRIu64 ", \"bytes\": %" PRIu64
            ", \"tokens\": %" PRIu64 ", \"seconds\": %.6f, \"jobs\": %d, \"mb_per_s\": %.3f, "
            "\"docs_per_s\": %.3f, \"steps\": [",
            st->documents, st->failed, st->bytes, st->tokens, st->seconds, st->jobs,
            st->seconds > 0 ? mb / st->seconds : 0.0,
            st->seconds > 0 ? (double)st->documents / st->seconds : 0.0);
    for (size_t i = 0; i < st->step_count; i++) {
        double s = (double)st->step_nanos[i] / 1e9;
        fprintf(f, "%s{\"id\": \"%s\", \"seconds\": %.6f, \"mb_per_s\": %.3f, \"docs_per_s\": %.3f}",
                i ? ", " : "", st->step_ids[i], s, s > 0 ? mb / s : 0.0,
                s > 0 ? (double)st->documents / s : 0.0);
    }
    fputs("]}\n", f);
    return fclose(f);
}

int cmd_run(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},
        {"output", required_argument, NULL, 'o'},
        {"jobs", required_argument, NULL, 'j'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {"set", required_argument, NULL, OPT_SET},
        {"plugin-path", required_argument, NULL, OPT_PLUGIN_PATH},
        {"allow-insecure-plugins", no_argument, NULL, OPT_ALLOW_INSECURE},
        {"files-from", required_argument, NULL, OPT_FILES_FROM},
        {"include", required_argument, NULL, OPT_INCLUDE},
        {"shard", required_argument, NULL, OPT_SHARD},
        {"max-document-bytes", required_argument, NULL, OPT_MAX_BYTES},
        {"stats", no_argument, NULL, OPT_STATS},
        {"stats-json", required_argument, NULL, OPT_STATS_JSON},
        {"color", required_argument, NULL, OPT_COLOR},
        {"colour", required_argument, NULL, OPT_COLOR},
        {"width", required_argument, NULL, OPT_WIDTH},
        {"isolate", no_argument, NULL, OPT_ISOLATE},
        {"timeout", required_argument, NULL, OPT_TIMEOUT},
        {NULL, 0, NULL, 0},
    };
    cli_load load = {0};
    tp_run_options ro = {.struct_size = sizeof ro};
    bool format_given = false, quiet = false, stats = false;
    const char *stats_json = NULL, *color = "auto";
    long long v;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "f:o:j:qh", longopts, NULL)) != -1) {
        if (cli_load_option(&load, opt, optarg))
            continue;
        switch (opt) {
        case 'f':
            if (!format_from_name(optarg, &ro.format.format)) {
                cli_error("--format: '%s' is not one of text, json, jsonl", optarg);
                return EXIT_USAGE;
            }
            format_given = true;
            break;
        case 'o': ro.output_path = optarg; break;
        case 'j':
            if (!parse_count(optarg, 1, 256, &v)) {
                cli_error("--jobs: '%s' is not a number from 1 to 256", optarg);
                return EXIT_USAGE;
            }
            ro.jobs = (int)v;
            break;
        case 'q': quiet = true; break;
        case 'h': usage(stdout); return EXIT_OK;
        case OPT_FILES_FROM: ro.files_from = optarg; break;
        case OPT_INCLUDE: ro.include = optarg; break;
        case OPT_SHARD:
            if (!parse_shard(optarg, &ro.shard_index, &ro.shard_count)) {
                cli_error("--shard: '%s' is not K/N with 1 <= K <= N", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_MAX_BYTES:
            if (!parse_count(optarg, 1, (long long)UINT32_MAX / 3, &v)) {
                cli_error("--max-document-bytes: '%s' is not a size from 1 to %u", optarg,
                          UINT32_MAX / 3);
                return EXIT_USAGE;
            }
            ro.max_document_bytes = (uint64_t)v;
            break;
        case OPT_STATS: stats = true; break;
        case OPT_STATS_JSON: stats_json = optarg; break;
        case OPT_COLOR:
            if (strcmp(optarg, "auto") && strcmp(optarg, "always") && strcmp(optarg, "never")) {
                cli_error("--color: '%s' is not one of auto, always, never", optarg);
                return EXIT_USAGE;
            }
            color = optarg;
            break;
        case OPT_WIDTH:
            if (!parse_count(optarg, 20, 1000, &v)) {
                cli_error("--width: '%s' is not a number from 20 to 1000", optarg);
                return EXIT_USAGE;
            }
            ro.format.width = (int)v;
            break;
        case OPT_ISOLATE: ro.isolate = true; break;
        case OPT_TIMEOUT: {
            char *end;
            errno = 0;
            double t = strtod(optarg, &end);
            if (end == optarg || *end || errno || !(t > 0) || t > 86400) {
                cli_error("--timeout: '%s' is not a number of seconds from 0 to 86400", optarg);
                return EXIT_USAGE;
            }
            ro.timeout_seconds = t;
            break;
        }
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    if (ro.timeout_seconds > 0 && !ro.isolate) {
        cli_error("--timeout needs --isolate: only a worker process can be stopped safely");
        return EXIT_USAGE;
    }
    if (optind >= argc) {
        cli_error("run: missing PIPELINE; e.g. tpipe run pipelines/news.yaml examples/articles");
        return EXIT_USAGE;
    }
    const char *pipeline_path = argv[optind++];
    const char *const *inputs = (const char *const *)argv + optind;
    size_t input_count = (size_t)(argc - optind);
    static const char *const stdin_input[] = {"-"};
    if (input_count == 0 && !ro.files_from) {
        if (isatty(STDIN_FILENO)) {
            cli_error("run: no INPUT given and stdin is a terminal; name files or folders, or "
                      "pipe documents in");
            return EXIT_USAGE;
        }
        inputs = stdin_input;
        input_count = 1;
    }
    bool to_stdout = !ro.output_path || strcmp(ro.output_path, "-") == 0;
    bool tty_out = to_stdout && isatty(STDOUT_FILENO);
    if (!format_given)
        ro.format.format = to_stdout ? (tty_out ? TP_FORMAT_TEXT : TP_FORMAT_JSONL)
                                     : format_from_path(ro.output_path);
    const char *no_color = getenv("NO_COLOR");
    ro.format.color = strcmp(color, "always") == 0 ||
                      (strcmp(color, "auto") == 0 && tty_out && !(no_color && *no_color));
    if (!ro.format.width && tty_out) {
        struct winsize ws;
        if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20)
            ro.format.width = ws.ws_col < 120 ? ws.ws_col : 120;
    }

    tp_pipeline *p;
    int rc = cli_load_pipeline(pipeline_path, &load, &p);
    if (rc)
        return rc;

    run_ui ui = {.progress = !quiet && isatty(STDERR_FILENO)};
    ro.events = (tp_run_events){.user = &ui, .failure = on_failure, .progress = on_progress};
    ro.stop = &interrupted;
    signal(SIGINT, on_signal);
    signal(SIGTERM, on_signal);
    signal(SIGPIPE, SIG_IGN);

    tp_run_stats st;
    tp_error err = {0};
    rc = tp_run(p, inputs, input_count, &ro, &st, &err);
    if (ui.progress_shown)
        fputs("\r\033[K", stderr);
    int status = EXIT_OK;
    if (rc == TP_EINTR) {
        /* The runner keeps an interrupted file output as PATH.partial. */
        char partial[4096] = "";
        struct stat pst;
        if (ro.output_path &&
            snprintf(partial, sizeof partial, "%s.partial", ro.output_path) < (int)sizeof partial &&
            stat(partial, &pst) == 0)
            cli_error("interrupted: %" PRIu64 " records written (kept in %s)", st.documents,
                      partial);
        else
            cli_error("interrupted: %" PRIu64 " records written", st.documents);
        status = EXIT_FATAL;
    } else if (rc == TP_ENOENT || rc == TP_EINVAL || rc == TP_ECONFIG) {
        cli_error("%s", err.message);
        status = EXIT_USAGE;
    } else if (rc) {
        cli_error("%s", err.message[0] ? err.message : tp_strerror(rc));
        if (st.documents)
            cli_error("stopped after %" PRIu64 " records", st.documents);
        status = EXIT_FATAL;
    } else if (st.failed) {
        cli_error("%" PRIu64 " of %" PRIu64 " documents failed (see the failed records)",
                  st.failed, st.documents);
        status = EXIT_DOC_FAILED;
    }
    if (stats && rc != TP_ENOENT && rc != TP_EINVAL && rc != TP_ECONFIG)
        print_stats(stderr, &st);
    if (stats_json && write_stats_json(stats_json, &st) != 0) {
        cli_error("--stats-json: cannot write %s: %s", stats_json, strerror(errno));
        if (status == EXIT_OK)
            status = EXIT_FATAL;
    }
    tp_pipeline_free(p);
    return status;
}
