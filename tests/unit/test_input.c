/* test_input.c - the input reader: files, folders (order, hidden entries,
 * include patterns), gzip, JSONL (ids, meta, malformed lines), the size
 * limit, files_from, stdin, and the errors that stop a run before it starts.
 *
 * Every test builds its own tree under a fresh temporary folder. */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <tpipe/tpipe.h>
#include <zlib.h>

#include "input.h"

/* ---- fixtures ----------------------------------------------------------------- */

static char root[256];

static void setup(void)
{
    snprintf(root, sizeof root, "/tmp/tpipe_test_input_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(root));
}

static void teardown(void)
{
    char cmd[700];
    snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s' && rm -rf '%s'", root, root);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", root);
}

/* root + "/" + rel, in a rotating set of buffers so that several can be used
 * in one expression. */
static const char *path(const char *rel)
{
    static char bufs[8][512];
    static int next;
    char *b = bufs[next++ % 8];
    snprintf(b, 512, "%s/%s", root, rel);
    return b;
}

static void write_bytes(const char *rel, const char *data, size_t len)
{
    const char *p = path(rel);
    /* Create parent folders as needed. */
    char dir[512];
    snprintf(dir, sizeof dir, "%s", p);
    for (char *s = dir + strlen(root) + 1; (s = strchr(s, '/')) != NULL; s++) {
        *s = '\0';
        mkdir(dir, 0755);
        *s = '/';
    }
    FILE *f = fopen(p, "wb");
    ck_assert_msg(f != NULL, "cannot create %s", p);
    ck_assert_uint_eq(fwrite(data, 1, len, f), len);
    fclose(f);
}

static void write_file(const char *rel, const char *data)
{
    write_bytes(rel, data, strlen(data));
}

static void write_gz(const char *rel, const char *data, size_t len)
{
    gzFile gz = gzopen(path(rel), "wb");
    ck_assert_ptr_nonnull(gz);
    ck_assert_int_eq(gzwrite(gz, data, (unsigned)len), (int)len);
    gzclose(gz);
}

static tp_input *open_inputs(const char *const *paths, size_t n, const tp_input_options *opts)
{
    tp_input *in = NULL;
    tp_error err;
    tp_error_clear(&err);
    int rc = tp_input_open(paths, n, opts, &in, &err);
    ck_assert_msg(rc == 0, "tp_input_open: %d %s", rc, err.message);
    ck_assert_ptr_nonnull(in);
    return in;
}

static tp_input *open_one(const char *p, const tp_input_options *opts)
{
    const char *paths[] = { p };
    return open_inputs(paths, 1, opts);
}

/* Reads the next record and checks it holds `id` and `text` (text NULL:
 * expects a failed record whose error contains `error`). */
static void expect(tp_input *in, const char *id, const char *text, const char *error)
{
    tp_input_record rec;
    tp_error err;
    tp_error_clear(&err);
    int rc = tp_input_next(in, &rec, &err);
    ck_assert_msg(rc == 1, "expected a record '%s', got %d (%s)", id, rc, err.message);
    ck_assert_str_eq(rec.id, id);
    if (text) {
        ck_assert_msg(rec.error == NULL, "%s: unexpected error '%s'", id, rec.error);
        ck_assert_uint_eq(rec.len, strlen(text));
        ck_assert(memcmp(rec.text, text, rec.len) == 0);
    } else {
        ck_assert_msg(rec.error != NULL, "%s: expected an error", id);
        ck_assert_msg(strstr(rec.error, error) != NULL, "%s: error '%s' lacks '%s'", id,
                      rec.error, error);
        ck_assert_ptr_null(rec.text);
    }
    tp_input_record_clear(&rec);
}

static void expect_end(tp_input *in)
{
    tp_input_record rec;
    tp_error err;
    int rc = tp_input_next(in, &rec, &err);
    ck_assert_msg(rc == 0, "expected the end, got %d (%s)", rc, rc == 1 ? rec.id : err.message);
}

/* ---- files and folders ------------------------------------------------------------- */

static void make_tree(void)
{
    write_file("tree/b.txt", "B");
    write_file("tree/a.txt", "A");
    write_file("tree/sub/c.txt", "C");
    write_file("tree/sub/d.md", "D");
    write_file("tree/sub/deeper/e.txt", "E");
    write_file("tree/.hidden.txt", "H");
    write_file("tree/.git/config.txt", "G");
    write_file("tree/B.txt", "upper");
    write_gz("tree/z.txt.gz", "Zipped text", 11);
}

START_TEST(test_single_file)
{
    write_file("one.txt", "Hello, world.\n");
    tp_input *in = open_one(path("one.txt"), NULL);
    ck_assert_uint_eq(tp_input_total_hint(in), 1);
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_str_eq(rec.id, path("one.txt"));
    ck_assert_uint_eq(rec.len, 14);
    ck_assert_str_eq(rec.text, "Hello, world.\n"); /* NUL-terminated too */
    ck_assert_uint_eq(rec.line, 0);
    ck_assert_ptr_null(rec.meta);
    ck_assert_ptr_null(rec.folder);
    ck_assert_ptr_null(rec.error);
    tp_input_record_clear(&rec);
    expect_end(in);
    expect_end(in); /* stays at the end */
    tp_input_close(in);
}
END_TEST

START_TEST(test_empty_and_binary_files)
{
    write_file("empty.txt", "");
    write_bytes("bin.dat", "\x00\xff\x01zz", 5);
    const char *paths[] = { path("empty.txt"), path("bin.dat") };
    tp_input *in = open_inputs(paths, 2, NULL);
    expect(in, path("empty.txt"), "", NULL);
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_uint_eq(rec.len, 5); /* raw bytes: repair happens in tp_doc_reset */
    ck_assert(memcmp(rec.text, "\x00\xff\x01zz", 5) == 0);
    tp_input_record_clear(&rec);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_folder_order_and_hidden)
{
    make_tree();
    tp_input *in = open_one(path("tree"), NULL);
    ck_assert_uint_eq(tp_input_total_hint(in), 7);
    /* Sorted by bytes: upper case first, folders in place, depth first. */
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_str_eq(rec.id, path("tree/B.txt"));
    ck_assert_str_eq(rec.folder, path("tree"));
    tp_input_record_clear(&rec);
    expect(in, path("tree/a.txt"), "A", NULL);
    expect(in, path("tree/b.txt"), "B", NULL);
    expect(in, path("tree/sub/c.txt"), "C", NULL);
    expect(in, path("tree/sub/d.md"), "D", NULL);
    expect(in, path("tree/sub/deeper/e.txt"), "E", NULL);
    expect(in, path("tree/z.txt.gz"), "Zipped text", NULL);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_folder_with_trailing_slash)
{
    write_file("t/x.txt", "X");
    char p[600];
    snprintf(p, sizeof p, "%s/", path("t"));
    tp_input *in = open_one(p, NULL);
    expect(in, path("t/x.txt"), "X", NULL);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_include_pattern)
{
    make_tree();
    tp_input_options opts = { .include = "*.txt" };
    /* The pattern applies to files found in folders, not to named files. */
    const char *paths[] = { path("tree"), path("tree/sub/d.md") };
    tp_input *in = open_inputs(paths, 2, &opts);
    ck_assert_uint_eq(tp_input_total_hint(in), 6);
    expect(in, path("tree/B.txt"), "upper", NULL);
    expect(in, path("tree/a.txt"), "A", NULL);
    expect(in, path("tree/b.txt"), "B", NULL);
    expect(in, path("tree/sub/c.txt"), "C", NULL);
    expect(in, path("tree/sub/deeper/e.txt"), "E", NULL);
    expect(in, path("tree/sub/d.md"), "D", NULL);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_symlinks)
{
    write_file("real/f.txt", "F");
    write_file("w/a.txt", "A");
    ck_assert_int_eq(symlink(path("real/f.txt"), path("w/link.txt")), 0);
    ck_assert_int_eq(symlink(path("w"), path("w/loop")), 0); /* not followed */
    ck_assert_int_eq(symlink(path("nowhere"), path("w/dangling.txt")), 0);
    tp_input *in = open_one(path("w"), NULL);
    expect(in, path("w/a.txt"), "A", NULL);
    expect(in, path("w/dangling.txt"), NULL, "cannot open: No such file or directory");
    expect(in, path("w/link.txt"), "F", NULL);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_unreadable_file)
{
    if (geteuid() == 0) {
        /* Permission bits do not stop root, so there is nothing to test. */
        fprintf(stderr, "test_unreadable_file: skipped (running as root)\n");
        return;
    }
    write_file("u/a.txt", "A");
    write_file("u/secret.txt", "S");
    write_file("u/locked/x.txt", "X");
    chmod(path("u/secret.txt"), 0);
    chmod(path("u/locked"), 0);
    tp_input *in = open_one(path("u"), NULL);
    expect(in, path("u/a.txt"), "A", NULL);
    expect(in, path("u/locked"), NULL, "cannot read folder: Permission denied");
    expect(in, path("u/secret.txt"), NULL, "cannot open: Permission denied");
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_missing_input_fails_open)
{
    write_file("ok.txt", "x");
    const char *paths[] = { path("ok.txt"), path("missing.txt") };
    tp_input *in = (tp_input *)1;
    tp_error err;
    ck_assert_int_eq(tp_input_open(paths, 2, NULL, &in, &err), TP_ENOENT);
    ck_assert_ptr_null(in);
    ck_assert_ptr_nonnull(strstr(err.message, "missing.txt"));
    ck_assert_ptr_nonnull(strstr(err.message, "No such file or directory"));

    tp_input_options opts = { .files_from = path("no-list.txt") };
    ck_assert_int_eq(tp_input_open(paths, 1, &opts, &in, &err), TP_ENOENT);
    ck_assert_ptr_nonnull(strstr(err.message, "no-list.txt"));

    const char *twice[] = { "-", "-" };
    ck_assert_int_eq(tp_input_open(twice, 2, NULL, &in, &err), TP_EINVAL);
    ck_assert_ptr_nonnull(strstr(err.message, "standard input"));
}
END_TEST

START_TEST(test_gzip)
{
    char big[100000];
    for (size_t i = 0; i < sizeof big; i++)
        big[i] = (char)('a' + i % 26);
    write_gz("big.txt.gz", big, sizeof big);
    tp_input *in = open_one(path("big.txt.gz"), NULL);
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_uint_eq(rec.len, sizeof big);
    ck_assert(memcmp(rec.text, big, sizeof big) == 0);
    tp_input_record_clear(&rec);
    expect_end(in);
    tp_input_close(in);

    /* A truncated .gz file fails with a message saying so. */
    struct stat st;
    ck_assert_int_eq(stat(path("big.txt.gz"), &st), 0);
    ck_assert_int_eq(truncate(path("big.txt.gz"), st.st_size / 2), 0);
    in = open_one(path("big.txt.gz"), NULL);
    expect(in, path("big.txt.gz"), NULL, "truncated");
    expect_end(in);
    tp_input_close(in);
}
END_TEST

/* Appends the bytes of file `from` to file `to`. */
static void append_file(const char *to, const char *from)
{
    FILE *in = fopen(path(from), "rb");
    FILE *out = fopen(path(to), "ab");
    ck_assert(in && out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

/* gzip files may hold several members (gzip a b > ab.gz, or cat a.gz b.gz);
 * bytes after the last member that do not start another are ignored, as
 * gzip and zlib's gzread do; an empty member gives an empty document. */
START_TEST(test_gzip_members)
{
    write_gz("one.gz.part", "first half, ", 12);
    write_gz("two.gz.part", "second half", 11);
    remove(path("ab.txt.gz"));
    append_file("ab.txt.gz", "one.gz.part");
    append_file("ab.txt.gz", "two.gz.part");
    tp_input *in = open_one(path("ab.txt.gz"), NULL);
    expect(in, path("ab.txt.gz"), "first half, second half", NULL);
    expect_end(in);
    tp_input_close(in);

    write_file("junk.part", "not gzip at all");
    append_file("ab.txt.gz", "junk.part");
    in = open_one(path("ab.txt.gz"), NULL);
    expect(in, path("ab.txt.gz"), "first half, second half", NULL);
    expect_end(in);
    tp_input_close(in);

    write_gz("empty.txt.gz", "", 0);
    in = open_one(path("empty.txt.gz"), NULL);
    expect(in, path("empty.txt.gz"), "", NULL);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

/* ---- JSONL --------------------------------------------------------------------------- */

START_TEST(test_jsonl_records)
{
    write_file("docs.jsonl",
               "{\"id\":\"x1\",\"text\":\"hello\",\"source\":\"afp\",\"n\":3,"
               "\"tags\":[\"a\",\"b\"]}\n"
               "\n"
               "{\"text\":\"no id\"}\n"
               "{not json\n"
               "{\"id\":\"x4\"}\n"
               "[1,2]\n"
               "{\"id\":5,\"text\":\"numeric id\"}\n"
               "{\"id\":\"x7\",\"text\":\"crlf\"}\r\n"
               "   \t \n"
               "{\"id\":true,\"text\":\"bad id\"}\n"
               "{\"id\":\"x10\",\"text\":7}\n"
               "{\"id\":\"x11\",\"text\":\"nul\\u0000 \\u00e9\"}");
    tp_input *in = open_one(path("docs.jsonl"), NULL);
    ck_assert_uint_eq(tp_input_total_hint(in), 0);
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_str_eq(rec.id, "x1");
    ck_assert_str_eq(rec.text, "hello");
    ck_assert_uint_eq(rec.line, 1);
    ck_assert_ptr_nonnull(rec.meta);
    char *meta = json_dumps(rec.meta, JSON_COMPACT);
    ck_assert_str_eq(meta, "{\"source\":\"afp\",\"n\":3,\"tags\":[\"a\",\"b\"]}");
    free(meta);
    tp_input_record_clear(&rec);

    char id[600];
    snprintf(id, sizeof id, "%s:3", path("docs.jsonl"));
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_str_eq(rec.id, id);
    ck_assert_str_eq(rec.text, "no id");
    ck_assert_ptr_null(rec.meta);
    ck_assert_uint_eq(rec.line, 3);
    tp_input_record_clear(&rec);

    snprintf(id, sizeof id, "%s:4", path("docs.jsonl"));
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_str_eq(rec.id, id);
    ck_assert_ptr_nonnull(rec.error);
    ck_assert_msg(strncmp(rec.error, "line 4: not valid JSON: ", 24) == 0, "%s", rec.error);
    ck_assert_ptr_nonnull(strstr(rec.error, "(column "));
    ck_assert_uint_eq(rec.line, 4);
    tp_input_record_clear(&rec);

    expect(in, "x4", NULL, "line 5: missing \"text\"");
    snprintf(id, sizeof id, "%s:6", path("docs.jsonl"));
    expect(in, id, NULL, "line 6: expected a JSON object");
    expect(in, "5", "numeric id", NULL);
    expect(in, "x7", "crlf", NULL);
    snprintf(id, sizeof id, "%s:10", path("docs.jsonl"));
    expect(in, id, NULL, "line 10: \"id\" must be a string or a number");
    expect(in, "x10", NULL, "line 11: \"text\" must be a string");

    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1); /* last line, no newline */
    ck_assert_str_eq(rec.id, "x11");
    ck_assert_uint_eq(rec.len, 7);
    ck_assert(memcmp(rec.text, "nul\0 \xc3\xa9", 7) == 0);
    tp_input_record_clear(&rec);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_jsonl_gz_and_bom_and_many_lines)
{
    /* Enough lines to cross the reader's buffer many times. */
    size_t cap = 1 << 20, len = 0;
    char *data = malloc(cap);
    len += (size_t)snprintf(data, cap, "\xEF\xBB\xBF");
    for (int i = 1; i <= 5000; i++)
        len += (size_t)snprintf(data + len, cap - len,
                                "{\"id\":\"doc-%d\",\"text\":\"text number %d with some padding "
                                "to make lines longer\"}\n",
                                i, i);
    write_gz("many.jsonl.gz", data, len);
    free(data);
    tp_input *in = open_one(path("many.jsonl.gz"), NULL);
    for (int i = 1; i <= 5000; i++) {
        char id[32], text[96];
        snprintf(id, sizeof id, "doc-%d", i);
        snprintf(text, sizeof text, "text number %d with some padding to make lines longer", i);
        expect(in, id, text, NULL);
    }
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_jsonl_in_folder_keeps_folder)
{
    write_file("col/part1.jsonl", "{\"id\":\"p1\",\"text\":\"one\"}\n");
    write_file("col/part2.txt", "two");
    tp_input *in = open_one(path("col"), NULL);
    ck_assert_uint_eq(tp_input_total_hint(in), 0); /* JSONL: unknown without reading */
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_str_eq(rec.id, "p1");
    ck_assert_str_eq(rec.folder, path("col"));
    tp_input_record_clear(&rec);
    expect(in, path("col/part2.txt"), "two", NULL);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_meta_to_doc)
{
    write_file("m.jsonl", "{\"id\":\"m\",\"text\":\"t\",\"z\":1.5,"
                          "\"a\":{\"k\":[true,null,\"s\",-2]},"
                          "\"b\":false}\n");
    tp_input *in = open_one(path("m.jsonl"), NULL);
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    tp_doc *doc = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(doc, rec.id, rec.text, rec.len), 0);
    ck_assert_int_eq(tp_input_meta_to_doc(doc, rec.meta), 0);
    ck_assert_int_eq(tp_input_meta_to_doc(doc, NULL), 0);
    const tp_value *meta = tp_doc_meta(doc);
    ck_assert_uint_eq(tp_value_length(meta), 3);
    ck_assert_str_eq(tp_object_key_at(meta, 0), "z"); /* input order kept */
    ck_assert_str_eq(tp_object_key_at(meta, 1), "a");
    ck_assert_str_eq(tp_object_key_at(meta, 2), "b");
    ck_assert(tp_value_type_of(tp_object_get(meta, "z")) == TP_VALUE_NUMBER);
    ck_assert(tp_value_as_number(tp_object_get(meta, "z")) == 1.5);
    const tp_value *k = tp_object_get(tp_object_get(meta, "a"), "k");
    ck_assert_uint_eq(tp_value_length(k), 4);
    ck_assert(tp_value_as_bool(tp_array_get(k, 0)));
    ck_assert(tp_value_type_of(tp_array_get(k, 1)) == TP_VALUE_NULL);
    ck_assert_str_eq(tp_value_as_string(tp_array_get(k, 2), NULL), "s");
    ck_assert(tp_value_type_of(tp_array_get(k, 3)) == TP_VALUE_INT);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(k, 3)), -2);
    ck_assert(tp_value_type_of(tp_object_get(meta, "b")) == TP_VALUE_BOOL);
    /* The record serialises the same fields in the same order. */
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(tp_doc_render(doc, NULL, &out, &len), 0);
    ck_assert_ptr_nonnull(strstr(out, "\"meta\":{\"z\":1.5,\"a\":{\"k\":[true,null,\"s\",-2]},"
                                      "\"b\":false}"));
    free(out);
    tp_doc_free(doc);
    tp_input_record_clear(&rec);
    tp_input_close(in);
}
END_TEST

/* One JSONL line through the whole decoding path, read directly and deferred
 * (tp_input_record_finish(), as the runner's workers do). simdjson decodes
 * most lines; the lines it cannot decode as jansson would go to jansson, so
 * every row must give what jansson alone gave. */
typedef struct jsonl_case {
    const char *line;
    const char *id;    /* NULL: the fallback id "PATH:1" */
    const char *text;  /* NULL: a failed record */
    const char *meta;  /* compact JSON of the meta object, NULL: none; or the error */
} jsonl_case;

static const jsonl_case jsonl_cases[] = {
    /* escapes, non-ASCII, white space around the object */
    { " {\"id\":\"e\",\"text\":\"a\\\"b\\\\c\\/d\\n\\u00e9\\ud83d\\ude00 \xc3\xa9\"}\t", "e",
      "a\"b\\c/d\n\xc3\xa9\xf0\x9f\x98\x80 \xc3\xa9", NULL },
    /* duplicate keys: the last value wins, in the place of the first */
    { "{\"id\":\"a\",\"text\":\"x\",\"k\":1,\"id\":\"b\",\"k\":[2],\"text\":\"y\"}", "b", "y",
      "{\"k\":[2]}" },
    { "{\"text\":\"t\",\"m\":{\"a\":1,\"b\":2,\"a\":3}}", NULL, "t", "{\"m\":{\"a\":3,\"b\":2}}" },
    { "{\"text\":\"x\",\"text\":5}", NULL, NULL, "line 1: \"text\" must be a string" },
    /* ids: numbers written as text, empty and null ones fall back */
    { "{\"id\":-42,\"text\":\"t\"}", "-42", "t", NULL },
    { "{\"id\":9223372036854775807,\"text\":\"t\"}", "9223372036854775807", "t", NULL },
    { "{\"id\":1.5,\"text\":\"t\"}", "1.5", "t", NULL },
    { "{\"id\":0.1,\"text\":\"t\"}", "0.10000000000000001", "t", NULL },
    { "{\"id\":1e2,\"text\":\"t\"}", "100", "t", NULL },
    { "{\"id\":\"\",\"text\":\"t\"}", NULL, "t", NULL },
    { "{\"id\":null,\"text\":\"t\"}", NULL, "t", NULL },
    { "{\"id\":[\"a\"],\"text\":\"t\"}", NULL, NULL,
      "line 1: \"id\" must be a string or a number" },
    { "{\"id\":\"n\",\"text\":null}", "n", NULL, "line 1: \"text\" must be a string" },
    /* meta values of every type, in their order */
    { "{\"s\":\"a\\u0000b\",\"n\":-0,\"r\":-0.0,\"u\":1e-400,\"big\":123456789012345678901234567890.5,"
      "\"text\":\"t\",\"b\":[true,false,null],\"o\":{},\"a\":[],\"id\":\"m\"}", "m", "t",
      "{\"s\":\"a\\u0000b\",\"n\":0,\"r\":-0.0,\"u\":0.0,\"big\":1.2345678901234568e29,"
      "\"b\":[true,false,null],\"o\":{},\"a\":[]}" },
    /* what jansson refuses is refused, with jansson's words */
    { "{\"id\":18446744073709551615,\"text\":\"t\"}", NULL, NULL,
      "line 1: not valid JSON: too big integer near '18446744073709551615' (column 26)" },
    { "{\"id\":9223372036854775808,\"id\":\"x\",\"text\":\"t\"}", NULL, NULL,
      "line 1: not valid JSON: too big integer" },
    { "{\"text\":\"t\",\"m\":[1,{\"x\":9223372036854775808}]}", NULL, NULL,
      "line 1: not valid JSON: too big integer" },
    { "{\"text\":\"t\",\"a\\u0000b\":1}", NULL, NULL,
      "line 1: not valid JSON: NUL byte in object key not supported" },
    { "{\"text\":\"t\",\"m\":{\"\\u0000\":1}}", NULL, NULL,
      "line 1: not valid JSON: NUL byte in object key not supported" },
    { "{\"text\":\"\\ud800\"}", NULL, NULL, "line 1: not valid JSON: invalid Unicode '\\uD800'" },
    { "{\"text\":\"\xff\"}", NULL, NULL, "line 1: not valid JSON: unable to decode byte 0xff" },
    { "{\"text\":\"\xed\xa0\x80\"}", NULL, NULL, "line 1: not valid JSON: unable to decode byte" },
    { "{\"text\":\"a\tb\"}", NULL, NULL, "line 1: not valid JSON: control character 0x9" },
    { "{\"text\":\"t\",\"n\":1e400}", NULL, NULL, "line 1: not valid JSON: real number overflow" },
    { "{\"text\":\"t\",\"n\":01}", NULL, NULL, "line 1: not valid JSON: invalid token" },
    { "{\"text\":\"t\",}", NULL, NULL, "line 1: not valid JSON: string or '}' expected" },
    { "{\"text\":\"t\"} x", NULL, NULL, "line 1: not valid JSON: end of file expected near 'x'" },
    { "{\"text\":\"t\"}{}", NULL, NULL, "line 1: not valid JSON: end of file expected" },
    { "\"text\"", NULL, NULL, "line 1: not valid JSON: '[' or '{' expected near '\"text\"'" },
    { "[\"text\"]", NULL, NULL, "line 1: expected a JSON object with \"id\" and \"text\"" },
};

/* Reads the only line of `rel` and checks it against `c`. */
static void expect_jsonl_case(const char *rel, const jsonl_case *c, bool defer)
{
    tp_input_options opts = { .defer_jsonl = defer };
    tp_input *in = open_one(path(rel), &opts);
    tp_input_record rec;
    tp_error err;
    ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
    ck_assert_int_eq(rec.raw_jsonl, defer);
    ck_assert_int_eq(tp_input_record_finish(&rec), 0);
    ck_assert(!rec.raw_jsonl);
    char fallback[600];
    snprintf(fallback, sizeof fallback, "%s:1", path(rel));
    ck_assert_str_eq(rec.id, c->id ? c->id : fallback);
    ck_assert_uint_eq(rec.line, 1);
    if (!c->text) {
        ck_assert_msg(rec.error && strncmp(rec.error, c->meta, strlen(c->meta)) == 0,
                      "%s: error '%s', expected '%s'", c->line, rec.error, c->meta);
        ck_assert_ptr_null(rec.text);
        ck_assert_ptr_null(rec.meta);
    } else {
        ck_assert_msg(!rec.error, "%s: %s", c->line, rec.error);
        ck_assert_uint_eq(rec.len, strlen(c->text));
        ck_assert(memcmp(rec.text, c->text, rec.len + 1) == 0);
        char *meta = rec.meta ? json_dumps(rec.meta, JSON_COMPACT) : NULL;
        if (c->meta)
            ck_assert_msg(meta && strcmp(meta, c->meta) == 0, "meta %s, expected %s", meta,
                          c->meta);
        else
            ck_assert_ptr_null(meta);
        free(meta);
    }
    tp_input_record_clear(&rec);
    expect_end(in);
    tp_input_close(in);
}

START_TEST(test_jsonl_decoding)
{
    const jsonl_case *c = &jsonl_cases[_i];
    write_file("case.jsonl", c->line);
    expect_jsonl_case("case.jsonl", c, false);
    expect_jsonl_case("case.jsonl", c, true);
}
END_TEST

/* Nesting deeper than simdjson's 1024 levels, within jansson's 2048: jansson
 * decodes the line. */
START_TEST(test_jsonl_deep_meta)
{
    enum { DEPTH = 1500 };
    static char line[2 * DEPTH + 64];
    size_t n = (size_t)snprintf(line, sizeof line, "{\"id\":\"deep\",\"text\":\"t\",\"d\":");
    memset(line + n, '[', DEPTH);
    memset(line + n + DEPTH, ']', DEPTH);
    memcpy(line + n + 2 * DEPTH, "}\n", 3);
    write_file("deep.jsonl", line);
    for (int defer = 0; defer <= 1; defer++) {
        tp_input_options opts = { .defer_jsonl = defer };
        tp_input *in = open_one(path("deep.jsonl"), &opts);
        tp_input_record rec;
        tp_error err;
        ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
        ck_assert_int_eq(tp_input_record_finish(&rec), 0);
        ck_assert_msg(!rec.error, "%s", rec.error);
        ck_assert_str_eq(rec.id, "deep");
        ck_assert_str_eq(rec.text, "t");
        json_t *d = json_object_get(rec.meta, "d");
        for (int depth = 1; depth < DEPTH; depth++)
            d = json_array_get(d, 0);
        ck_assert(json_is_array(d) && json_array_size(d) == 0);
        tp_input_record_clear(&rec);
        expect_end(in);
        tp_input_close(in);
    }
}
END_TEST

/* Lines larger than the decoder keeps buffers for, between small ones. */
START_TEST(test_jsonl_huge_lines)
{
    enum { HUGE = 3 << 20 };
    size_t cap = 2 * HUGE + 256, len = 0;
    char *data = malloc(cap);
    ck_assert_ptr_nonnull(data);
    for (int i = 0; i < 2; i++) {
        len += (size_t)snprintf(data + len, cap - len, "{\"id\":\"small%d\",\"text\":\"s\"}\n", i);
        len += (size_t)snprintf(data + len, cap - len, "{\"id\":\"huge%d\",\"text\":\"", i);
        memset(data + len, 'a' + i, HUGE);
        len += HUGE;
        len += (size_t)snprintf(data + len, cap - len, "\"}\n");
    }
    write_bytes("huge.jsonl", data, len);
    free(data);
    for (int defer = 0; defer <= 1; defer++) {
        tp_input_options opts = { .defer_jsonl = defer };
        tp_input *in = open_one(path("huge.jsonl"), &opts);
        for (int i = 0; i < 4; i++) {
            tp_input_record rec;
            tp_error err;
            ck_assert_int_eq(tp_input_next(in, &rec, &err), 1);
            ck_assert_int_eq(tp_input_record_finish(&rec), 0);
            ck_assert_msg(!rec.error, "%s", rec.error);
            ck_assert_uint_eq(rec.len, i % 2 ? HUGE : 1);
            ck_assert_int_eq(rec.text[rec.len - 1], i % 2 ? 'a' + i / 2 : 's');
            tp_input_record_clear(&rec);
        }
        expect_end(in);
        tp_input_close(in);
    }
}
END_TEST

/* ---- the size limit ------------------------------------------------------------------- */

START_TEST(test_size_limit)
{
    char big[100];
    memset(big, 'x', sizeof big);
    write_bytes("big.txt", big, sizeof big);
    write_file("small.txt", "12345");
    char huge[1000];
    memset(huge, 'y', sizeof huge);
    write_gz("huge.txt.gz", huge, sizeof huge);
    write_bytes("exact.txt", big, 10);
    const char *paths[] = { path("big.txt"), path("small.txt"), path("huge.txt.gz"),
                            path("exact.txt") };
    tp_input_options opts = { .max_document_bytes = 10 };
    tp_input *in = open_inputs(paths, 4, &opts);
    expect(in, path("big.txt"), NULL,
           "document is 100 bytes, over the limit of 10 (max_document_bytes)");
    expect(in, path("small.txt"), "12345", NULL);
    expect(in, path("huge.txt.gz"), NULL,
           "document is 1000 bytes, over the limit of 10 (max_document_bytes)");
    expect(in, path("exact.txt"), "xxxxxxxxxx", NULL);
    expect_end(in);
    tp_input_close(in);
}
END_TEST

START_TEST(test_size_limit_jsonl_line)
{
    char line[300];
    int n = snprintf(line, sizeof line, "{\"id\":\"long\",\"text\":\"");
    memset(line + n, 'z', 200);
    snprintf(line + n + 200, sizeof line - (size_t)n - 200, "\"}\n");
    char data[600];
    snprintf(data, sizeof data, "%s{\"id\":\"short\",\"text\":\"ok\"}\n", line);
    write_file("l.jsonl", data);
    tp_input_options opts = { .max_document_bytes = 64 };
    tp_input *in = open_one(path("l.jsonl"), &opts);
    char id[600];
    snprintf(id, sizeof id, "%s:1", path("l.jsonl"));
    expect(in, id, NULL, "line 1: document is 223 bytes, over the limit of 64");
    expect(in, "short", "ok", NULL); /* the reader skipped the rest of line 1 */
    expect_end(in);
    tp_input_close(in);
}
END_TEST

/* ---- files_from and stdin ---------------------------------------------------------------- */

START_TEST(test_files_from)
{
    make_tree();
    char list[2048];
    snprintf(list, sizeof list, "%s\n\n%s\r\n%s\n", path("tree/b.txt"), path("tree/sub"),
             path("tree/missing.txt"));
    write_file("list.txt", list);
    write_file("first.txt", "first");
    tp_input_options opts = { .files_from = path("list.txt") };
    const char *paths[] = { path("first.txt") };
    tp_input *in = open_inputs(paths, 1, &opts);
    ck_assert_uint_eq(tp_input_total_hint(in), 0);
    expect(in, path("first.txt"), "first", NULL); /* arguments come first */
    expect(in, path("tree/b.txt"), "B", NULL);
    expect(in, path("tree/sub/c.txt"), "C", NULL); /* a folder in the list is walked */
    expect(in, path("tree/sub/d.md"), "D", NULL);
    expect(in, path("tree/sub/deeper/e.txt"), "E", NULL);
    expect(in, path("tree/missing.txt"), NULL, "cannot open: No such file or directory");
    expect_end(in);
    tp_input_close(in);
}
END_TEST

/* Runs the reader on "-" with `data` as standard input. */
static tp_input *open_stdin_with(const char *rel, const char *data, size_t len)
{
    write_bytes(rel, data, len);
    int fd = open(path(rel), O_RDONLY);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    close(fd);
    return open_one("-", NULL);
}

START_TEST(test_stdin_text)
{
    int saved = dup(STDIN_FILENO);
    tp_input *in = open_stdin_with("in.txt", "  Plain text, {not JSON}.\n", 26);
    ck_assert_uint_eq(tp_input_total_hint(in), 0);
    expect(in, "stdin", "  Plain text, {not JSON}.\n", NULL);
    expect_end(in);
    tp_input_close(in);
    dup2(saved, STDIN_FILENO);
    close(saved);
}
END_TEST

START_TEST(test_stdin_jsonl)
{
    int saved = dup(STDIN_FILENO);
    const char *data = "\n  {\"id\":\"s1\",\"text\":\"one\"}\n{\"text\":\"two\"}\n";
    tp_input *in = open_stdin_with("in.jsonl", data, strlen(data));
    expect(in, "s1", "one", NULL);
    expect(in, "stdin:3", "two", NULL);
    expect_end(in);
    tp_input_close(in);
    dup2(saved, STDIN_FILENO);
    close(saved);
}
END_TEST

START_TEST(test_stdin_empty_and_gzip)
{
    int saved = dup(STDIN_FILENO);
    tp_input *in = open_stdin_with("empty", "", 0);
    expect_end(in); /* nothing to read, nothing to report */
    tp_input_close(in);

    write_gz("in.gz", "{\"id\":\"g\",\"text\":\"zipped\"}\n", 27);
    int fd = open(path("in.gz"), O_RDONLY);
    dup2(fd, STDIN_FILENO);
    close(fd);
    in = open_one("-", NULL);
    expect(in, "g", "zipped", NULL);
    expect_end(in);
    tp_input_close(in);
    dup2(saved, STDIN_FILENO);
    close(saved);
}
END_TEST

START_TEST(test_files_from_stdin)
{
    int saved = dup(STDIN_FILENO);
    write_file("a.txt", "A");
    char list[1200];
    snprintf(list, sizeof list, "%s\n-\n", path("a.txt"));
    write_file("list", list);
    int fd = open(path("list"), O_RDONLY);
    dup2(fd, STDIN_FILENO);
    close(fd);
    tp_input_options opts = { .files_from = "-" };
    tp_input *in = open_inputs(NULL, 0, &opts);
    expect(in, path("a.txt"), "A", NULL);
    /* stdin holds the list, so it cannot be a document as well */
    expect(in, "stdin", NULL, "standard input");
    expect_end(in);
    tp_input_close(in);

    const char *dash[] = { "-" };
    tp_error err;
    ck_assert_int_eq(tp_input_open(dash, 1, &opts, &in, &err), TP_EINVAL);
    dup2(saved, STDIN_FILENO);
    close(saved);
}
END_TEST

static Suite *input_suite(void)
{
    Suite *s = suite_create("input");
    TCase *tc = tcase_create("files");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_single_file);
    tcase_add_test(tc, test_empty_and_binary_files);
    tcase_add_test(tc, test_missing_input_fails_open);
    tcase_add_test(tc, test_unreadable_file);
    tcase_add_test(tc, test_gzip);
    tcase_add_test(tc, test_gzip_members);
    suite_add_tcase(s, tc);

    tc = tcase_create("folders");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_folder_order_and_hidden);
    tcase_add_test(tc, test_folder_with_trailing_slash);
    tcase_add_test(tc, test_include_pattern);
    tcase_add_test(tc, test_symlinks);
    suite_add_tcase(s, tc);

    tc = tcase_create("jsonl");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_jsonl_records);
    tcase_add_test(tc, test_jsonl_gz_and_bom_and_many_lines);
    tcase_add_test(tc, test_jsonl_in_folder_keeps_folder);
    tcase_add_test(tc, test_meta_to_doc);
    tcase_add_loop_test(tc, test_jsonl_decoding, 0,
                        (int)(sizeof jsonl_cases / sizeof jsonl_cases[0]));
    tcase_add_test(tc, test_jsonl_deep_meta);
    tcase_add_test(tc, test_jsonl_huge_lines);
    suite_add_tcase(s, tc);

    tc = tcase_create("limits");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_size_limit);
    tcase_add_test(tc, test_size_limit_jsonl_line);
    suite_add_tcase(s, tc);

    tc = tcase_create("lists_and_stdin");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_files_from);
    tcase_add_test(tc, test_files_from_stdin);
    tcase_add_test(tc, test_stdin_text);
    tcase_add_test(tc, test_stdin_jsonl);
    tcase_add_test(tc, test_stdin_empty_and_gzip);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(input_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
