/* cmd_report.c - tpipe report: the records of a run as one self-contained
 * HTML file (see docs/reports.md and report.h for how it streams). */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "report.h"

#define BAD_LINES_SHOWN 10

static void usage(FILE *out)
{
    fputs("usage: tpipe report [options] RESULTS.jsonl... -o REPORT.html\n"
          "\n"
          "Builds one self-contained HTML file (inline CSS, SVG and a little script; nothing\n"
          "loaded from the network) from the records of `tpipe run` (jsonl, a json array, or -\n"
          "for stdin): an overview, the distribution of document sentiment, the most-quoted\n"
          "speakers, sentiment by input folder or by a meta field, and one section per\n"
          "document with its summary and its quotes highlighted in the text.\n"
          "\n"
          "Options:\n"
          "  -o, --output FILE        write to FILE (via a temporary name); - for stdout\n"
          "      --stats FILE         timing from `tpipe run --stats-json FILE`\n"
          "      --group-by KEY       folder (default: the folder of each file id) or\n"
          "                           meta.FIELD (a field of the JSONL input's records)\n"
          "      --title TEXT         the page's title\n"
          "      --top-speakers N     rows in the speakers table (default 30)\n"
          "      --page-size N        documents per page of the index and sections (default 50)\n"
          "      --no-source          do not read source files to show the text\n"
          "  -h, --help               show this help\n"
          "\n"
          "Quotes are highlighted in the record's sentences when the run emitted them\n"
          "(--set tokenizer.emit_sentences=true), else in the source file named by the id\n"
          "when it still matches the record, else listed.\n"
          "\n"
          "Exit status: 0 written, 1 could not write, 2 usage error or unreadable input,\n"
          "3 written but some input lines were not records (each a line on stderr).\n",
          out);
}

enum {
    OPT_STATS_FILE = OPT_VERB_BASE,
    OPT_GROUP_BY,
    OPT_TITLE,
    OPT_TOP_SPEAKERS,
    OPT_PAGE_SIZE,
    OPT_NO_SOURCE,
};

static bool parse_size(const char *s, size_t min, size_t max, size_t *out)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *end || errno || *s == '-' || v < min || v > max)
        return false;
    *out = (size_t)v;
    return true;
}

/* A temporary file beside the output, removed from the folder at once so
 * that nothing is left behind whatever happens. */
static FILE *open_temp(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/.tpipe-report-XXXXXX", dir);
    int fd = mkstemp(path);
    if (fd < 0)
        return NULL;
    unlink(path);
    FILE *f = fdopen(fd, "w+");
    if (!f)
        close(fd);
    return f;
}

static void bad_line(report *r, const char *name, uint64_t line, const char *why)
{
    r->bad_lines++;
    if (r->bad_lines <= BAD_LINES_SHOWN)
        cli_error("%s:%" PRIu64 ": not a tpipe record (skipped): %s", name, line, why);
    else if (r->bad_lines == BAD_LINES_SHOWN + 1)
        cli_error("more lines are not records; the report counts them");
}

static bool is_record(json_t *j)
{
    return json_is_object(j) && json_is_string(json_object_get(j, "id"));
}

static int read_array(report *r, FILE *in, const char *name)
{
    json_error_t err;
    json_t *all = json_loadf(in, 0, &err);
    if (!json_is_array(all)) {
        cli_error("%s:%d:%d: not a JSON array of records: %s", name, err.line, err.column,
                  err.text);
        json_decref(all);
        return EXIT_USAGE;
    }
    for (size_t i = 0; i < json_array_size(all) && !r->oom; i++) {
        json_t *rec = json_array_get(all, i);
        if (is_record(rec))
            report_add_record(r, rec);
        else
            bad_line(r, name, i + 1, "array element is not an object with an \"id\"");
    }
    json_decref(all);
    return EXIT_OK;
}

/* Records one a line; the file's first character '[' means the json
 * format, which is read whole (it is one value). */
static int read_input(report *r, const char *path)
{
    bool std_in = strcmp(path, "-") == 0;
    const char *name = std_in ? "stdin" : path;
    FILE *in = std_in ? stdin : fopen(path, "rb");
    if (!in) {
        cli_error("cannot open %s: %s", path, strerror(errno));
        return EXIT_USAGE;
    }
    int c;
    while ((c = getc(in)) == ' ' || c == '\n' || c == '\r' || c == '\t')
        ;
    if (c != EOF)
        ungetc(c, in);
    int status = EXIT_OK;
    if (c == 0x1f) { /* the gzip magic number */
        cli_error("%s is compressed; run: zcat %s | tpipe report - -o REPORT.html", name,
                  std_in ? "FILE" : path);
        status = EXIT_USAGE;
    } else if (c == '[') {
        status = read_array(r, in, name);
    } else {
        char *line = NULL;
        size_t cap = 0;
        ssize_t len;
        uint64_t number = 0;
        while (!r->oom && (len = getline(&line, &cap, in)) >= 0) {
            number++;
            size_t n = (size_t)len;
            while (n > 0 && strchr(" \t\r\n", line[n - 1]))
                n--;
            if (n == 0)
                continue;
            json_error_t err;
            json_t *rec = json_loadb(line, n, 0, &err);
            if (!rec)
                bad_line(r, name, number, err.text);
            else if (!is_record(rec))
                bad_line(r, name, number, "not an object with an \"id\"");
            else
                report_add_record(r, rec);
            json_decref(rec);
        }
        free(line);
        if (ferror(in)) {
            cli_error("reading %s: %s", name, strerror(errno));
            status = EXIT_USAGE;
        }
    }
    if (!std_in)
        fclose(in);
    return status;
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

static json_t *load_stats(const char *path)
{
    json_error_t err;
    json_t *stats = json_load_file(path, 0, &err);
    if (!stats) {
        cli_error("--stats: %s:%d:%d: %s", path, err.line, err.column, err.text);
        return NULL;
    }
    if (!json_is_object(stats) || !json_is_number(json_object_get(stats, "seconds"))) {
        cli_error("--stats: %s is not the output of `tpipe run --stats-json` (no \"seconds\")",
                  path);
        json_decref(stats);
        return NULL;
    }
    return stats;
}

static void free_report(report *r)
{
    for (size_t i = 0; i < r->failure_count; i++) {
        free(r->failures[i].id);
        free(r->failures[i].message);
    }
    rtable_free(&r->speakers);
    rtable_free(&r->groups);
    if (r->index)
        fclose(r->index);
    if (r->sections)
        fclose(r->sections);
}

int cmd_report(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"output", required_argument, NULL, 'o'},
        {"help", no_argument, NULL, 'h'},
        {"stats", required_argument, NULL, OPT_STATS_FILE},
        {"group-by", required_argument, NULL, OPT_GROUP_BY},
        {"title", required_argument, NULL, OPT_TITLE},
        {"top-speakers", required_argument, NULL, OPT_TOP_SPEAKERS},
        {"page-size", required_argument, NULL, OPT_PAGE_SIZE},
        {"no-source", no_argument, NULL, OPT_NO_SOURCE},
        {NULL, 0, NULL, 0},
    };
    report_options ro = {.top_speakers = 30, .page_size = 50, .read_sources = true};
    const char *output = NULL;
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "o:h", longopts, NULL)) != -1) {
        switch (opt) {
        case 'o': output = optarg; break;
        case 'h': usage(stdout); return EXIT_OK;
        case OPT_STATS_FILE: ro.stats_path = optarg; break;
        case OPT_GROUP_BY:
            if (strncmp(optarg, "meta.", 5) == 0 && optarg[5]) {
                ro.group_meta = optarg + 5;
            } else if (strcmp(optarg, "folder") != 0) {
                cli_error("--group-by: '%s' is not 'folder' or 'meta.FIELD'", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_TITLE: ro.title = optarg; break;
        case OPT_TOP_SPEAKERS:
            if (!parse_size(optarg, 1, 100000, &ro.top_speakers)) {
                cli_error("--top-speakers: '%s' is not a number from 1 to 100000", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_PAGE_SIZE:
            if (!parse_size(optarg, 1, 100000, &ro.page_size)) {
                cli_error("--page-size: '%s' is not a number from 1 to 100000", optarg);
                return EXIT_USAGE;
            }
            break;
        case OPT_NO_SOURCE: ro.read_sources = false; break;
        default: usage(stderr); return EXIT_USAGE;
        }
    }
    const char *const *inputs = (const char *const *)argv + optind;
    size_t input_count = (size_t)(argc - optind);
    static const char *const stdin_input[] = {"-"};
    if (input_count == 0) {
        if (isatty(STDIN_FILENO)) {
            cli_error("report: no RESULTS given; e.g. tpipe report out.jsonl -o report.html");
            return EXIT_USAGE;
        }
        inputs = stdin_input;
        input_count = 1;
    }
    bool to_stdout = !output || strcmp(output, "-") == 0;
    if (!output && isatty(STDOUT_FILENO)) {
        cli_error("report: the report is HTML; name a file with -o report.html (or -o - for "
                  "stdout)");
        return EXIT_USAGE;
    }
    char title[512];
    if (!ro.title) {
        snprintf(title, sizeof title, "tpipe report%s%s", input_count == 1 ? ": " : "",
                 input_count == 1 ? (strcmp(inputs[0], "-") ? inputs[0] : "stdin") : "");
        ro.title = title;
    }
    json_t *stats = NULL;
    if (ro.stats_path && !(stats = load_stats(ro.stats_path)))
        return EXIT_USAGE;

    int status = EXIT_OK;
    char *dir = to_stdout ? NULL : dir_of(output);
    const char *tmpdir = getenv("TMPDIR");
    const char *temp_dir = dir ? dir : (tmpdir && *tmpdir ? tmpdir : "/tmp");
    report r = {.opts = &ro};
    rtable_init(&r.speakers, sizeof(speaker_tally));
    rtable_init(&r.groups, sizeof(group_tally));
    r.index = open_temp(temp_dir);
    r.sections = open_temp(temp_dir);
    char *tmp_path = NULL;
    FILE *out = NULL;
    if (!r.index || !r.sections) {
        cli_error("report: cannot create a temporary file in %s: %s", temp_dir, strerror(errno));
        status = EXIT_FATAL;
        goto done;
    }
    for (size_t i = 0; i < input_count && status == EXIT_OK && !r.oom; i++)
        status = read_input(&r, inputs[i]);
    if (status != EXIT_OK)
        goto done;
    if (r.oom || ferror(r.index) || ferror(r.sections)) {
        cli_error("report: %s", r.oom ? "out of memory" : "cannot write a temporary file");
        status = EXIT_FATAL;
        goto done;
    }

    if (to_stdout) {
        out = stdout;
    } else {
        size_t len = strlen(output) + 16;
        tmp_path = malloc(len);
        int fd = -1;
        if (tmp_path) {
            snprintf(tmp_path, len, "%s.tmp-XXXXXX", output);
            fd = mkstemp(tmp_path);
        }
        if (fd < 0 || !(out = fdopen(fd, "w"))) {
            cli_error("report: cannot write %s: %s", output, strerror(errno));
            if (fd >= 0)
                close(fd);
            status = EXIT_FATAL;
            goto done;
        }
    }
    int rc = report_write_page(&r, out, stats, inputs, input_count);
    if (to_stdout) {
        rc |= fflush(out);
    } else {
        mode_t mask = umask(0);
        umask(mask);
        rc |= fchmod(fileno(out), 0666 & ~mask); /* mkstemp made it 0600 */
        rc |= fclose(out);
        if (rc == 0 && rename(tmp_path, output) != 0)
            rc = -1;
        if (rc != 0)
            unlink(tmp_path);
    }
    if (rc != 0) {
        cli_error("report: cannot write %s: %s", to_stdout ? "stdout" : output, strerror(errno));
        status = EXIT_FATAL;
    } else if (r.bad_lines) {
        cli_error("report written; %" PRIu64 " input line%s", r.bad_lines,
                  r.bad_lines == 1 ? " was not a record" : "s were not records");
        status = EXIT_DOC_FAILED;
    }
done:
    free_report(&r);
    free(tmp_path);
    free(dir);
    json_decref(stats);
    return status;
}
