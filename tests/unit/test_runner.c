/* test_runner.c - batch runs with tp_run over temporary files and JSONL:
 * records in input order and byte-identical for any number of workers,
 * failed records with step, message and line, a fatal error stopping the
 * run without leaving a final or temporary file, shards that partition the
 * input, the json format, interruption and missing inputs. */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <tpipe/tpipe.h>

#define FIXTURES TPIPE_BINARY_DIR "/tests/plugins"
#define DOCS 300

static char tmpdir[64];

static void make_tmpdir(void)
{
    unsetenv("TPIPE_PLUGIN_PATH");
    snprintf(tmpdir, sizeof tmpdir, "/tmp/tpipe-run-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static void remove_tree(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        struct stat st;
        if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            remove_tree(path);
        else
            unlink(path);
    }
    closedir(d);
    rmdir(dir);
}

static void cleanup_tmpdir(void)
{
    remove_tree(tmpdir);
}

static char *path_in(const char *name)
{
    /* a ring: each test uses fewer than 16 names at a time */
    static char buf[16][512];
    static int next;
    char *p = buf[next++ % 16];
    snprintf(p, 512, "%s/%s", tmpdir, name);
    return p;
}

static void write_file(const char *path, const char *text, size_t len)
{
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, len, f), len);
    fclose(f);
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    ck_assert_msg(f != NULL, "cannot open %s", path);
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, f), (size_t)n);
    buf[n] = '\0';
    fclose(f);
    if (len)
        *len = (size_t)n;
    return buf;
}

/* Whether the output folder holds a file whose name contains `part`. */
static bool dir_has(const char *part)
{
    DIR *d = opendir(tmpdir);
    bool found = false;
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (strstr(e->d_name, part))
            found = true;
    if (d)
        closedir(d);
    return found;
}

/* DOCS lines; every 7th fails, optionally one stops the run. */
static const char *make_jsonl(const char *name, int fatal_at)
{
    size_t cap = DOCS * 128, n = 0;
    char *buf = malloc(cap);
    for (int i = 0; i < DOCS; i++) {
        const char *extra = i == fatal_at ? " STOP-ALL" : i % 7 == 0 ? " FAIL-ME" : "";
        n += (size_t)snprintf(buf + n, cap - n,
                              "{\"id\": \"d%03d\", \"text\": \"document %d has words%s\", "
                              "\"source\": \"s%d\"}\n",
                              i, i, extra, i % 3);
    }
    const char *path = path_in(name);
    write_file(path, buf, n);
    free(buf);
    return path;
}

static tp_pipeline *load_pipeline(void)
{
    static const char *const dirs[] = {FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 1};
    const char *yaml = "version: 1\nsteps:\n  - plugin: fx_words\n  - plugin: fx_fail\n";
    tp_diags *diags = tp_diags_new();
    tp_pipeline *p = NULL;
    int rc = tp_pipeline_load_string(yaml, strlen(yaml), "t.yaml", NULL, &opts, &p, diags);
    ck_assert_msg(rc == 0, "%s", tp_diags_message(diags, 0));
    tp_diags_free(diags);
    return p;
}

typedef struct failures {
    int count;
    char ids[DOCS][16];
    char last_step[32];
    char last_message[256];
} failures;

static void on_failure(void *user, const char *id, const char *step, const char *message)
{
    failures *f = user;
    if (f->count < DOCS)
        snprintf(f->ids[f->count], sizeof f->ids[0], "%s", id);
    f->count++;
    snprintf(f->last_step, sizeof f->last_step, "%s", step ? step : "(null)");
    snprintf(f->last_message, sizeof f->last_message, "%s", message);
}

typedef struct result {
    int rc;
    tp_run_stats stats;
    tp_error err;
} result;

static result run(tp_pipeline *p, const char *input, int jobs, tp_format format,
                  const char *out, uint32_t shard, uint32_t shards, failures *f)
{
    result r = {0};
    tp_run_options o = {.struct_size = sizeof o, .jobs = jobs, .output_path = out,
                        .shard_index = shard, .shard_count = shards};
    o.format.format = format;
    if (f)
        o.events = (tp_run_events){.user = f, .failure = on_failure};
    const char *inputs[] = {input};
    r.rc = tp_run(p, inputs, 1, &o, &r.stats, &r.err);
    return r;
}

static json_t *parse_jsonl_line(const char *line, size_t len)
{
    json_error_t jerr;
    json_t *j = json_loadb(line, len, 0, &jerr);
    ck_assert_msg(j != NULL, "not JSON: %.*s (%s)", (int)len, line, jerr.text);
    return j;
}

/* Calls `check` on every record of a jsonl file; returns the count. */
static int each_record(const char *path, void (*check)(json_t *rec, int i, void *user),
                       void *user)
{
    char *text = read_file(path, NULL);
    int i = 0;
    for (char *line = text; *line;) {
        char *nl = strchr(line, '\n');
        ck_assert_msg(nl != NULL, "record %d has no newline", i);
        json_t *rec = parse_jsonl_line(line, (size_t)(nl - line));
        check(rec, i++, user);
        json_decref(rec);
        line = nl + 1;
    }
    free(text);
    return i;
}

static void check_in_order(json_t *rec, int i, void *user)
{
    char want[16];
    snprintf(want, sizeof want, "d%03d", i);
    ck_assert_str_eq(json_string_value(json_object_get(rec, "id")), want);
    bool failed = json_is_true(json_object_get(rec, "failed"));
    ck_assert_msg(failed == (i % 7 == 0), "record %d failed=%d", i, failed);
    if (failed) {
        json_t *e = json_array_get(json_object_get(rec, "errors"), 0);
        ck_assert_str_eq(json_string_value(json_object_get(e, "step")), "fx_fail");
        ck_assert_str_eq(json_string_value(json_object_get(e, "message")), "found the marker");
        ck_assert_int_eq(json_integer_value(json_object_get(e, "input_line")), i + 1);
    } else {
        json_t *results = json_object_get(rec, "results");
        ck_assert(json_is_true(json_object_get(json_object_get(results, "fx_fail"), "ok")));
        json_t *stats = json_object_get(rec, "stats");
        ck_assert_int_eq(json_integer_value(json_object_get(stats, "tokens")), 4);
    }
    /* JSONL fields other than id and text are carried in meta */
    char source[8];
    snprintf(source, sizeof source, "s%d", i % 3);
    ck_assert_str_eq(json_string_value(json_object_get(json_object_get(rec, "meta"), "source")),
                     source);
    (void)user;
}

START_TEST(order_and_identical_output)
{
    tp_pipeline *p = load_pipeline();
    const char *in = make_jsonl("in.jsonl", -1);
    failures f1 = {0}, f4 = {0};
    const char *out1 = path_in("out1.jsonl");
    result r1 = run(p, in, 1, TP_FORMAT_JSONL, out1, 0, 0, &f1);
    ck_assert_msg(r1.rc == 0, "%s", r1.err.message);
    const char *out4 = path_in("out4.jsonl");
    result r4 = run(p, in, 4, TP_FORMAT_JSONL, out4, 0, 0, &f4);
    ck_assert_msg(r4.rc == 0, "%s", r4.err.message);

    size_t len1, len4;
    char *a = read_file(out1, &len1), *b = read_file(out4, &len4);
    ck_assert_uint_gt(len1, 0);
    ck_assert_msg(len1 == len4 && memcmp(a, b, len1) == 0, "-j1 and -j4 outputs differ");
    free(a);
    free(b);
    ck_assert_int_eq(each_record(out4, check_in_order, NULL), DOCS);

    int want_failed = (DOCS + 6) / 7;
    ck_assert_uint_eq(r4.stats.documents, DOCS);
    ck_assert_uint_eq(r4.stats.failed, (uint64_t)want_failed);
    ck_assert_int_eq(r4.stats.jobs, 4);
    ck_assert_uint_eq(r4.stats.tokens, r1.stats.tokens);
    ck_assert_uint_eq(r4.stats.bytes, r1.stats.bytes);
    ck_assert_uint_gt(r4.stats.bytes, (uint64_t)DOCS * 20);
    ck_assert_uint_eq(r4.stats.step_count, 2);
    ck_assert_str_eq(r4.stats.step_ids[1], "fx_fail");
    /* failures are reported in input order, whatever the worker count */
    ck_assert_int_eq(f4.count, want_failed);
    for (int k = 0; k < want_failed; k++) {
        char want[16];
        snprintf(want, sizeof want, "d%03d", k * 7);
        ck_assert_str_eq(f4.ids[k], want);
        ck_assert_str_eq(f1.ids[k], want);
    }
    ck_assert_str_eq(f4.last_step, "fx_fail");
    ck_assert_str_eq(f4.last_message, "found the marker");
    /* written through a temporary name: nothing else left behind */
    ck_assert(!dir_has(".tmp"));
    ck_assert(!dir_has(".partial"));
    tp_pipeline_free(p);
}
END_TEST

START_TEST(folder_input_sorted)
{
    tp_pipeline *p = load_pipeline();
    char dir[512];
    snprintf(dir, sizeof dir, "%s/docs", tmpdir);
    ck_assert_int_eq(mkdir(dir, 0755), 0);
    char sub[600];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    ck_assert_int_eq(mkdir(sub, 0755), 0);
    const char *names[] = {"docs/b.txt", "docs/a.txt", "docs/sub/c.txt", "docs/.hidden"};
    for (int i = 0; i < 4; i++)
        write_file(path_in(names[i]), "some words here", 15);
    const char *out = path_in("out.jsonl");
    result r = run(p, dir, 3, TP_FORMAT_JSONL, out, 0, 0, NULL);
    ck_assert_msg(r.rc == 0, "%s", r.err.message);
    ck_assert_uint_eq(r.stats.documents, 3);
    ck_assert_uint_eq(r.stats.tokens, 9);
    ck_assert_uint_eq(r.stats.bytes, 45);
    char *text = read_file(out, NULL);
    char *a = strstr(text, "/docs/a.txt\""), *b = strstr(text, "/docs/b.txt\""),
         *c = strstr(text, "/docs/sub/c.txt\"");
    ck_assert(a && b && c && a < b && b < c);
    ck_assert_ptr_null(strstr(text, "hidden"));
    free(text);
    tp_pipeline_free(p);
}
END_TEST

START_TEST(fatal_stops_without_final_file)
{
    tp_pipeline *p = load_pipeline();
    const char *in = make_jsonl("in.jsonl", 150);
    const char *out = path_in("out.jsonl");
    failures f = {0};
    result r = run(p, in, 4, TP_FORMAT_JSONL, out, 0, 0, &f);
    ck_assert_int_eq(r.rc, TP_EFATAL);
    ck_assert_str_eq(r.err.message, "step 'fx_fail': found the fatal marker (document 'd150')");
    ck_assert_uint_lt(r.stats.documents, DOCS);
    ck_assert_uint_le(r.stats.documents, 150);
    ck_assert_int_eq(access(out, F_OK), -1); /* no file that could pass for a whole run */
    ck_assert(!dir_has(".tmp"));
    tp_pipeline_free(p);
}
END_TEST

static void collect_ids(json_t *rec, int i, void *user)
{
    char *seen = user; /* DOCS flags */
    int n = atoi(json_string_value(json_object_get(rec, "id")) + 1);
    ck_assert(n >= 0 && n < DOCS);
    ck_assert_msg(seen[n] == 0, "d%03d in two shards", n);
    seen[n] = 1;
    (void)i;
}

START_TEST(shards_partition_input)
{
    tp_pipeline *p = load_pipeline();
    const char *in = make_jsonl("in.jsonl", -1);
    char seen[DOCS] = {0};
    int total = 0;
    for (uint32_t k = 1; k <= 3; k++) {
        char name[32];
        snprintf(name, sizeof name, "shard%u.jsonl", k);
        const char *out = path_in(name);
        result r = run(p, in, 2, TP_FORMAT_JSONL, out, k, 3, NULL);
        ck_assert_msg(r.rc == 0, "%s", r.err.message);
        int n = each_record(out, collect_ids, seen);
        ck_assert_uint_eq(r.stats.documents, (uint64_t)n);
        ck_assert_msg(n > DOCS / 6, "shard %u has only %d documents", k, n);
        total += n;
    }
    ck_assert_int_eq(total, DOCS);
    for (int i = 0; i < DOCS; i++)
        ck_assert_msg(seen[i], "d%03d in no shard", i);
    /* the same shard twice gives the same records */
    result a = run(p, in, 1, TP_FORMAT_JSONL, path_in("again1.jsonl"), 2, 3, NULL);
    result b = run(p, in, 4, TP_FORMAT_JSONL, path_in("again2.jsonl"), 2, 3, NULL);
    ck_assert_int_eq(a.rc, 0);
    ck_assert_int_eq(b.rc, 0);
    char *x = read_file(path_in("again1.jsonl"), NULL);
    char *y = read_file(path_in("again2.jsonl"), NULL);
    char *z = read_file(path_in("shard2.jsonl"), NULL);
    ck_assert_str_eq(x, y);
    ck_assert_str_eq(x, z);
    free(x);
    free(y);
    free(z);
    tp_pipeline_free(p);
}
END_TEST

START_TEST(json_format_is_an_array)
{
    tp_pipeline *p = load_pipeline();
    const char *in = make_jsonl("in.jsonl", -1);
    const char *out = path_in("out.json");
    result r = run(p, in, 3, TP_FORMAT_JSON, out, 0, 0, NULL);
    ck_assert_msg(r.rc == 0, "%s", r.err.message);
    json_error_t jerr;
    json_t *arr = json_load_file(out, 0, &jerr);
    ck_assert_msg(arr != NULL, "not JSON: %s at line %d", jerr.text, jerr.line);
    ck_assert(json_is_array(arr));
    ck_assert_uint_eq(json_array_size(arr), DOCS);
    for (size_t i = 0; i < DOCS; i++)
        check_in_order(json_array_get(arr, i), (int)i, NULL);
    json_decref(arr);

    write_file(path_in("empty.jsonl"), "", 0);
    out = path_in("empty.json");
    r = run(p, path_in("empty.jsonl"), 2, TP_FORMAT_JSON, out, 0, 0, NULL);
    ck_assert_int_eq(r.rc, 0);
    ck_assert_uint_eq(r.stats.documents, 0);
    char *text = read_file(out, NULL);
    ck_assert_str_eq(text, "[]\n");
    free(text);
    tp_pipeline_free(p);
}
END_TEST

static void check_malformed(json_t *rec, int i, void *user)
{
    const char *want_ids[] = {"a", "t.jsonl:2", "c", "d"};
    const char *id = json_string_value(json_object_get(rec, "id"));
    bool ok = id && (strchr(want_ids[i], ':') ? strstr(id, want_ids[i]) != NULL
                                              : strcmp(id, want_ids[i]) == 0);
    ck_assert_msg(ok, "record %d id %s", i, id);
    bool failed = json_is_true(json_object_get(rec, "failed"));
    ck_assert_int_eq(failed, i == 1 || i == 3);
    if (failed) {
        json_t *e = json_array_get(json_object_get(rec, "errors"), 0);
        ck_assert(json_is_null(json_object_get(e, "step")));
        ck_assert_int_eq(json_integer_value(json_object_get(e, "input_line")), i == 1 ? 2 : 5);
        const char *m = json_string_value(json_object_get(e, "message"));
        ck_assert_ptr_nonnull(m);
        ck_assert_msg(strncmp(m, i == 1 ? "line 2: " : "line 5: ", 8) == 0, "message: %s", m);
    }
    (void)user;
}

START_TEST(malformed_jsonl_line_is_a_failed_record)
{
    tp_pipeline *p = load_pipeline();
    const char *text = "{\"id\": \"a\", \"text\": \"one\"}\n"
                       "{\"id\": \"b\", \"text\": \n"
                       "{\"id\": \"c\", \"text\": \"three\"}\n"
                       "\n"
                       "{\"id\": \"d\"}\n";
    write_file(path_in("t.jsonl"), text, strlen(text));
    const char *out = path_in("out.jsonl");
    failures f = {0};
    result r = run(p, path_in("t.jsonl"), 2, TP_FORMAT_JSONL, out, 0, 0, &f);
    ck_assert_msg(r.rc == 0, "%s", r.err.message);
    ck_assert_uint_eq(r.stats.documents, 4);
    ck_assert_uint_eq(r.stats.failed, 2);
    ck_assert_int_eq(each_record(out, check_malformed, NULL), 4);
    ck_assert_int_eq(f.count, 2);
    ck_assert_str_eq(f.last_step, "(null)");
    tp_pipeline_free(p);
}
END_TEST

START_TEST(stop_flag_interrupts)
{
    tp_pipeline *p = load_pipeline();
    const char *in = make_jsonl("in.jsonl", -1);
    const char *out = path_in("out.jsonl");
    static volatile int stop = 1;
    tp_run_options o = {.struct_size = sizeof o, .jobs = 2, .output_path = out, .stop = &stop};
    tp_run_stats st;
    tp_error err = {0};
    const char *inputs[] = {in};
    int rc = tp_run(p, inputs, 1, &o, &st, &err);
    ck_assert_int_eq(rc, TP_EINTR);
    ck_assert(st.interrupted);
    ck_assert_str_eq(err.message, "interrupted: 0 records written");
    ck_assert_int_eq(access(out, F_OK), -1);
    ck_assert(!dir_has(".tmp"));
    tp_pipeline_free(p);
}
END_TEST

START_TEST(missing_input_fails_before_running)
{
    tp_pipeline *p = load_pipeline();
    const char *out = path_in("out.jsonl");
    result r = run(p, path_in("none.txt"), 2, TP_FORMAT_JSONL, out, 0, 0, NULL);
    ck_assert_int_eq(r.rc, TP_ENOENT);
    char want[600];
    snprintf(want, sizeof want, "input '%s': No such file or directory", path_in("none.txt"));
    ck_assert_str_eq(r.err.message, want);
    ck_assert_int_eq(access(out, F_OK), -1);
    ck_assert(!dir_has(".tmp"));
    tp_pipeline_free(p);
}
END_TEST

START_TEST(oversized_and_invalid_documents)
{
    tp_pipeline *p = load_pipeline();
    write_file(path_in("big.txt"), "0123456789 0123456789 0123456789", 32);
    write_file(path_in("bad.txt"), "ok \xff\xfe words", 11);
    const char *out = path_in("out.jsonl");
    tp_run_options o = {.struct_size = sizeof o, .jobs = 2, .output_path = out,
                        .max_document_bytes = 16};
    tp_run_stats st;
    tp_error err = {0};
    const char *inputs[] = {path_in("big.txt"), path_in("bad.txt")};
    ck_assert_int_eq(tp_run(p, inputs, 2, &o, &st, &err), 0);
    ck_assert_uint_eq(st.documents, 2);
    ck_assert_uint_eq(st.failed, 1);
    char *text = read_file(out, NULL);
    char *nl = strchr(text, '\n');
    json_t *big = parse_jsonl_line(text, (size_t)(nl - text));
    json_t *bad = parse_jsonl_line(nl + 1, strlen(nl + 1) - 1);
    ck_assert(json_is_true(json_object_get(big, "failed")));
    ck_assert(json_object_get(bad, "failed") == NULL);
    ck_assert_str_eq(json_string_value(json_array_get(json_object_get(bad, "warnings"), 0)),
                     "input is not valid UTF-8: 2 bytes replaced with U+FFFD");
    json_decref(big);
    json_decref(bad);
    free(text);
    tp_pipeline_free(p);
}
END_TEST

START_TEST(output_to_a_fifo_is_written_in_place)
{
    /* -o to something that is not a regular file (/dev/null, a FIFO) must
     * write into it, not rename a temporary file over it: as root the
     * rename replaced /dev/null with a regular file. A FIFO shows the same
     * without touching the machine. */
    tp_pipeline *p = load_pipeline();
    write_file(path_in("in.txt"), "a few words", 11);
    const char *fifo = path_in("out.fifo");
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    int rd = open(fifo, O_RDONLY | O_NONBLOCK); /* a reader, so the writer can open */
    ck_assert_int_ge(rd, 0);
    result r = run(p, path_in("in.txt"), 1, TP_FORMAT_JSONL, fifo, 0, 0, NULL);
    ck_assert_msg(r.rc == 0, "%s", r.err.message);
    struct stat st;
    ck_assert_int_eq(stat(fifo, &st), 0);
    ck_assert_msg(S_ISFIFO(st.st_mode), "the FIFO was replaced by a regular file");
    char buf[4096];
    ssize_t n = read(rd, buf, sizeof buf - 1);
    ck_assert_int_gt(n, 0);
    buf[n] = '\0';
    ck_assert_ptr_nonnull(strstr(buf, "in.txt\""));
    close(rd);
    ck_assert(!dir_has(".tmp"));
    ck_assert(!dir_has(".partial"));
    tp_pipeline_free(p);
}
END_TEST

static Suite *runner_suite(void)
{
    Suite *s = suite_create("runner");
    TCase *tc = tcase_create("order");
    tcase_add_checked_fixture(tc, make_tmpdir, cleanup_tmpdir);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, order_and_identical_output);
    tcase_add_test(tc, folder_input_sorted);
    tcase_add_test(tc, json_format_is_an_array);
    suite_add_tcase(s, tc);
    tc = tcase_create("failures");
    tcase_add_checked_fixture(tc, make_tmpdir, cleanup_tmpdir);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, fatal_stops_without_final_file);
    tcase_add_test(tc, malformed_jsonl_line_is_a_failed_record);
    tcase_add_test(tc, stop_flag_interrupts);
    tcase_add_test(tc, missing_input_fails_before_running);
    tcase_add_test(tc, oversized_and_invalid_documents);
    tcase_add_test(tc, output_to_a_fifo_is_written_in_place);
    suite_add_tcase(s, tc);
    tc = tcase_create("shards");
    tcase_add_checked_fixture(tc, make_tmpdir, cleanup_tmpdir);
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, shards_partition_input);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(runner_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
