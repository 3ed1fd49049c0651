/* summarize_files.c - runs tokenizer + summary over article files and
 * prints one JSON line per file, for eval_rouge.py:
 *   {"id": PATH, "sentences": [{"text": ..., "heading": bool}, ...],
 *    "summary": {"sentences": [...], "scores": [...], "text": ...}}
 * Usage: summarize_files [--build-idf OUT] [-s OPTION=VALUE]... FILE|DIR...
 * (-s sets a summary option, e.g. -s method=lexrank). Folders are walked in
 * name order. With --build-idf OUT it writes instead the corpus document
 * frequencies of the inputs (the summary's `idf` file format) to OUT.
 * It uses the unit-test harness, so it needs no YAML and no dlopen;
 * `tpipe run pipelines/summary.yaml` gives the same summaries. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <check.h>
#include <jansson.h>

#include "harness.h"
#include "summary_idf.h"

extern const tp_plugin tp_tokenizer_plugin;
extern const tp_plugin tp_summary_plugin;

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        n += fread(buf + n, 1, cap - n, f);
        if (n < cap)
            break;
        char *b = realloc(buf, cap * 2);
        if (!b) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = b;
        cap *= 2;
    }
    fclose(f);
    *len = n;
    return buf;
}

static tp_summary_idf_builder *idf_builder;

static void emit(th_harness *h, const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        fprintf(stderr, "summarize_files: cannot read %s\n", path);
        return;
    }
    tp_doc *doc;
    tp_error err = {0};
    int rc = th_run_status(h, text, len, &doc, &err);
    free(text);
    if (rc) {
        fprintf(stderr, "summarize_files: %s: %s\n", path, err.message);
        return;
    }
    if (idf_builder) {
        if (tp_summary_idf_builder_add_doc(idf_builder, doc) < 0)
            fprintf(stderr, "summarize_files: out of memory\n");
        return;
    }
    json_t *rec = json_object(), *sents = json_array(), *sum = json_object();
    json_object_set_new(rec, "id", json_string(path));
    size_t ns;
    const tp_sentence *s = tp_doc_sentences(doc, &ns);
    const char *dtext = tp_doc_text(doc, NULL);
    for (size_t i = 0; i < ns; i++) {
        json_t *o = json_object();
        json_object_set_new(o, "text", json_stringn(dtext + s[i].start, s[i].end - s[i].start));
        json_object_set_new(o, "heading", json_boolean(s[i].flags & TP_SENTF_HEADING));
        json_array_append_new(sents, o);
    }
    json_object_set_new(rec, "sentences", sents);
    const tp_value *r = tp_doc_result(doc, "summary");
    json_t *idx = json_array(), *scores = json_array();
    const tp_value *ri = tp_object_get(r, "sentences"), *rs = tp_object_get(r, "scores");
    for (size_t i = 0; i < tp_value_length(ri); i++) {
        json_array_append_new(idx, json_integer(tp_value_as_int(tp_array_get(ri, i))));
        json_array_append_new(scores, json_real(tp_value_as_number(tp_array_get(rs, i))));
    }
    json_object_set_new(sum, "sentences", idx);
    json_object_set_new(sum, "scores", scores);
    json_object_set_new(sum, "text",
                        json_string(tp_value_as_string(tp_object_get(r, "text"), NULL)));
    json_object_set_new(rec, "summary", sum);
    char *line = json_dumps(rec, JSON_COMPACT);
    if (line)
        puts(line);
    free(line);
    json_decref(rec);
}

static void walk(th_harness *h, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        fprintf(stderr, "summarize_files: no such file %s\n", path);
        return;
    }
    if (!S_ISDIR(st.st_mode)) {
        emit(h, path);
        return;
    }
    DIR *d = opendir(path);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.')
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 64;
            char **nn = realloc(names, cap * sizeof *nn);
            if (!nn)
                break;
            names = nn;
        }
        size_t len = strlen(path) + strlen(e->d_name) + 2;
        names[n] = malloc(len);
        if (!names[n])
            break;
        snprintf(names[n], len, "%s/%s", path, e->d_name);
        n++;
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    for (size_t i = 0; i < n; i++) {
        walk(h, names[i]);
        free(names[i]);
    }
    free(names);
}

static int g_argc;
static char **g_argv;

static int run(int argc, char **argv);

/* The harness reports set-up problems as Check assertions, so the work runs
 * as a Check test (not forked: stdout stays ours). */
START_TEST(summarize)
{
    ck_assert_int_eq(run(g_argc, g_argv), 0);
}
END_TEST

int main(int argc, char **argv)
{
    g_argc = argc;
    g_argv = argv;
    Suite *s = suite_create("summarize_files");
    TCase *tc = tcase_create("run");
    tcase_set_timeout(tc, 0);
    tcase_add_test(tc, summarize);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_SILENT);
    int failed = srunner_ntests_failed(sr);
    if (failed) {
        TestResult **r = srunner_failures(sr);
        fprintf(stderr, "summarize_files: %s\n", tr_msg(r[0]));
        free(r);
    }
    srunner_free(sr);
    return failed ? 1 : 0;
}

static int run(int argc, char **argv)
{
    const char *opts[64];
    size_t nopts = 0;
    int first = 1;
    const char *idf_out = NULL;
    if (argc > 2 && strcmp(argv[1], "--build-idf") == 0) {
        idf_out = argv[2];
        first = 3;
        if (tp_summary_idf_builder_new(&idf_builder) < 0)
            return 1;
    }
    while (first + 1 < argc && strcmp(argv[first], "-s") == 0 && nopts < 63) {
        opts[nopts++] = argv[first + 1];
        first += 2;
    }
    opts[nopts] = NULL;
    if (first >= argc) {
        fprintf(stderr, "usage: summarize_files [--build-idf OUT] [-s OPTION=VALUE]... "
                        "FILE|DIR...\n");
        return 2;
    }
    th_harness *h = th_new();
    th_add(h, &tp_tokenizer_plugin, NULL);
    th_add(h, &tp_summary_plugin, opts);
    for (int i = first; i < argc; i++)
        walk(h, argv[i]);
    th_free(h);
    if (idf_builder) {
        FILE *f = fopen(idf_out, "w");
        tp_error err = {0};
        int rc = f ? tp_summary_idf_builder_write(idf_builder, f, 1, &err) : TP_EIO;
        if (f && fclose(f) != 0)
            rc = TP_EIO;
        tp_summary_idf_builder_free(idf_builder);
        if (rc < 0) {
            fprintf(stderr, "summarize_files: cannot write %s %s\n", idf_out, err.message);
            return 1;
        }
    }
    return 0;
}
