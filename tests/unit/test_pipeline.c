/* test_pipeline.c - loading pipeline files against the fixture plugins:
 * good files, every documented configuration error with its position and
 * wording, ${VAR} expansion, --set overrides, relative paths and plugins
 * named by path. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tpipe/tpipe.h>

#define FIXTURES TPIPE_BINARY_DIR "/tests/plugins"

typedef struct loaded {
    int rc;
    tp_pipeline *p;
    tp_diags *diags;
} loaded;

static loaded load_with(const char *yaml, const char *base_dir, const char *const *sets,
                        size_t set_count)
{
    static const char *const dirs[] = {FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts,
                            .plugin_dirs = dirs,
                            .plugin_dir_count = 1,
                            .sets = sets,
                            .set_count = set_count};
    loaded l = {0};
    l.diags = tp_diags_new();
    ck_assert_ptr_nonnull(l.diags);
    l.rc = tp_pipeline_load_string(yaml, strlen(yaml), "p.yaml", base_dir, &opts, &l.p, l.diags);
    return l;
}

static loaded load(const char *yaml)
{
    return load_with(yaml, "/base", NULL, 0);
}

static void done(loaded *l)
{
    tp_pipeline_free(l->p);
    tp_diags_free(l->diags);
}

/* Asserts that loading failed with exactly the given messages. */
static void expect_errors(const char *yaml, const char *const *messages)
{
    loaded l = load(yaml);
    size_t n = 0;
    while (messages[n])
        n++;
    ck_assert_int_eq(l.rc, TP_ECONFIG);
    ck_assert_ptr_null(l.p);
    for (size_t i = 0; i < tp_diags_count(l.diags) && i < n; i++)
        ck_assert_str_eq(tp_diags_message(l.diags, i), messages[i]);
    ck_assert_msg(tp_diags_count(l.diags) == n, "%zu messages, want %zu; first: %s",
                  tp_diags_count(l.diags), n, tp_diags_message(l.diags, 0));
    ck_assert_uint_eq(tp_diags_error_count(l.diags), n);
    done(&l);
}

static void setup(void)
{
    unsetenv("TPIPE_PLUGIN_PATH");
    ck_assert_msg(access(FIXTURES "/fx_words.so", R_OK) == 0,
                  "fixture plugins missing: build the tpipe_fixture_plugins target");
}

/* ---- good files ---- */

START_TEST(good_pipeline)
{
    loaded l = load("version: 1\n"
                    "name: demo\n"
                    "description: Words, then a check.\n"
                    "steps:\n"
                    "  - plugin: fx_words\n"
                    "    options:\n"
                    "      upper: yes\n"
                    "      limit: 42\n"
                    "      mode: slow\n"
                    "      tags: [a, b, c]\n"
                    "  - plugin: fx_fail\n"
                    "    id: check\n"
                    "    options:\n"
                    "      marker: BAD\n");
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    ck_assert_uint_eq(tp_diags_count(l.diags), 0);
    tp_pipeline *p = l.p;
    ck_assert_str_eq(tp_pipeline_name(p), "demo");
    ck_assert_str_eq(tp_pipeline_description(p), "Words, then a check.");
    ck_assert_uint_eq(tp_pipeline_step_count(p), 2);
    ck_assert_str_eq(tp_pipeline_step_id(p, 0), "fx_words");
    ck_assert_str_eq(tp_pipeline_step_id(p, 1), "check");
    ck_assert_ptr_null(tp_pipeline_step_id(p, 2));
    ck_assert_str_eq(tp_pipeline_step_plugin(p, 1)->name, "fx_fail");
    ck_assert_str_eq(tp_pipeline_step_file(p, 0), FIXTURES "/fx_words.so");
    const tp_config *c = tp_pipeline_step_config(p, 0);
    ck_assert(tp_config_bool(c, "upper"));
    ck_assert_int_eq(tp_config_int(c, "limit"), 42);
    ck_assert(tp_config_is_set(c, "limit"));
    ck_assert_str_eq(tp_config_string(c, "mode"), "slow");
    ck_assert_uint_eq(tp_config_list_count(c, "tags"), 3);
    ck_assert_str_eq(tp_config_list_item(c, "tags", 2), "c");
    ck_assert_ptr_null(tp_config_string(c, "path"));
    const tp_config *c1 = tp_pipeline_step_config(p, 1);
    ck_assert_str_eq(tp_config_step_id(c1), "check");
    ck_assert_str_eq(tp_config_string(c1, "marker"), "BAD");
    ck_assert_str_eq(tp_config_string(c1, "fatal_marker"), "STOP-ALL");
    ck_assert(!tp_config_is_set(c1, "fatal_marker"));
    done(&l);
}
END_TEST

START_TEST(list_as_comma_text_and_empty_options)
{
    loaded l = load("version: 1\nsteps:\n"
                    "  - plugin: fx_words\n    options:\n      tags: x, y\n"
                    "  - plugin: fx_fail\n    options:\n");
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    ck_assert_uint_eq(tp_config_list_count(tp_pipeline_step_config(l.p, 0), "tags"), 2);
    ck_assert_str_eq(tp_config_list_item(tp_pipeline_step_config(l.p, 0), "tags", 1), "y");
    ck_assert_str_eq(tp_pipeline_name(l.p), ""); /* no name given */
    done(&l);
}
END_TEST

START_TEST(same_plugin_twice_with_ids)
{
    loaded l = load("version: 1\nsteps:\n"
                    "  - plugin: fx_words\n"
                    "  - plugin: fx_fail\n    id: first\n"
                    "  - plugin: fx_fail\n    id: second\n    options: {marker: X}\n");
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    ck_assert_uint_eq(tp_pipeline_step_count(l.p), 3);
    ck_assert_ptr_eq(tp_pipeline_step_plugin(l.p, 1), tp_pipeline_step_plugin(l.p, 2));
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(l.p, 1), "marker"), "FAIL-ME");
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(l.p, 2), "marker"), "X");
    done(&l);
}
END_TEST

/* ---- keys ---- */

START_TEST(unknown_top_key)
{
    expect_errors("version: 1\nstpes:\n  - plugin: fx_words\n",
                  (const char *[]){
                      "p.yaml:2:1: error: pipeline: unknown key 'stpes'; did you mean 'steps'? "
                      "(allowed: version, name, description, plugin_path, steps)",
                      "p.yaml:1:1: error: missing 'steps:'; list at least one step, e.g. "
                      "'- plugin: tokenizer'",
                      NULL});
}
END_TEST

START_TEST(unknown_step_key)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n    option:\n      limit: 3\n",
                  (const char *[]){"p.yaml:4:5: error: step 1: unknown key 'option'; did you "
                                   "mean 'options'? (allowed: plugin, id, options)",
                                   NULL});
}
END_TEST

START_TEST(unknown_option_with_suggestion)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n    options:\n      limt: 3\n"
                  "      colour: red\n",
                  (const char *[]){
                      "p.yaml:5:7: error: step 'fx_words': unknown option 'limt'; did you mean "
                      "'limit'? (allowed: upper, limit, mode, tags, path)",
                      "p.yaml:6:7: error: step 'fx_words': unknown option 'colour' (allowed: "
                      "upper, limit, mode, tags, path)",
                      NULL});
}
END_TEST

START_TEST(duplicate_keys)
{
    expect_errors("version: 1\nversion: 1\nsteps:\n  - plugin: fx_words\n    options:\n"
                  "      limit: 3\n      limit: 4\n",
                  (const char *[]){
                      "p.yaml:2:1: error: pipeline: duplicate key 'version' (first given at "
                      "line 1)",
                      "p.yaml:7:7: error: step 'fx_words': duplicate option 'limit' (first "
                      "given at line 6)",
                      NULL});
}
END_TEST

/* ---- values ---- */

START_TEST(wrong_types)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n    options:\n"
                  "      limit: abc\n      upper: maybe\n      mode: fsat\n"
                  "      tags: {a: 1}\n      path: [a, b]\n",
                  (const char *[]){
                      "p.yaml:5:14: error: step 'fx_words': option 'limit' (int): expected an "
                      "integer, got 'abc'",
                      "p.yaml:6:14: error: step 'fx_words': option 'upper' (bool): expected a "
                      "bool (true/false, yes/no, on/off, 1/0), got 'maybe'",
                      "p.yaml:7:13: error: step 'fx_words': option 'mode' (enum): 'fsat' is not "
                      "allowed; did you mean 'fast'? (allowed: fast|slow)",
                      "p.yaml:8:13: error: step 'fx_words': option 'tags' expects a string list, "
                      "found a mapping",
                      "p.yaml:9:13: error: step 'fx_words': option 'path' (path): expected a "
                      "path, got a list",
                      NULL});
}
END_TEST

START_TEST(out_of_range)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n    options: {limit: 101}\n",
                  (const char *[]){"p.yaml:4:22: error: step 'fx_words': option 'limit' (int): "
                                   "value 101 is out of range (allowed: 0..100)",
                                   NULL});
}
END_TEST

START_TEST(structure_errors)
{
    expect_errors("version: 1\nsteps: []\n",
                  (const char *[]){"p.yaml:2:8: error: the pipeline has no steps; list at least "
                                   "one, e.g. '- plugin: tokenizer'",
                                   NULL});
    expect_errors("version: 1\nsteps:\n",
                  (const char *[]){"p.yaml:2:7: error: 'steps' must be a list of steps, found "
                                   "a scalar",
                                   NULL});
    expect_errors("version: 2\nsteps:\n  - fx_words\n  - id: x\n",
                  (const char *[]){
                      "p.yaml:1:10: error: unsupported pipeline version '2'; this tpipe reads "
                      "version 1",
                      "p.yaml:3:5: error: step 1 must be a mapping with a 'plugin:' key, found "
                      "a scalar",
                      "p.yaml:4:5: error: step 2 has no 'plugin:' key; name a plugin or the "
                      "path to its .so",
                      NULL});
    expect_errors("- plugin: fx_words\n",
                  (const char *[]){"p.yaml:1:1: error: the pipeline must be a mapping with "
                                   "'version:' and 'steps:', found a list",
                                   NULL});
    expect_errors("", (const char *[]){"p.yaml: error: the pipeline file is empty; it needs "
                                       "'version: 1' and a list of 'steps:'",
                                       NULL});
    expect_errors("steps:\n  - plugin: fx_words\n",
                  (const char *[]){"p.yaml:1:1: error: missing 'version: 1'", NULL});
}
END_TEST

START_TEST(yaml_errors_are_positioned)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n   options: 2\n",
                  (const char *[]){"p.yaml:4:4: error: invalid YAML: did not find expected '-' "
                                   "indicator while parsing a block collection",
                                   NULL});
    expect_errors("version: 1\nbase: &x 1\nsteps: *x\n",
                  (const char *[]){"p.yaml:3:8: error: YAML aliases (*x) are not supported in "
                                   "pipeline files; write the value out",
                                   NULL});
}
END_TEST

START_TEST(duplicate_step_ids)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n  - plugin: fx_words\n"
                  "  - plugin: fx_fail\n    id: fx_words\n",
                  (const char *[]){
                      "p.yaml:4:13: error: duplicate step id 'fx_words' (also step 1); give one "
                      "of them another 'id:'",
                      "p.yaml:6:9: error: duplicate step id 'fx_words' (also step 1); give one "
                      "of them another 'id:'",
                      NULL});
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n    id: Bad-Id\n",
                  (const char *[]){"p.yaml:4:9: error: step 1: id 'Bad-Id' must be of the form "
                                   "[a-z][a-z0-9_]*",
                                   NULL});
}
END_TEST

/* ---- ${VAR} ---- */

START_TEST(environment_variables)
{
    setenv("TP_TEST_LIMIT", "7", 1);
    setenv("TP_TEST_MODE", "slow", 1);
    unsetenv("TP_TEST_UNSET");
    loaded l = load("version: 1\nname: run-${TP_TEST_MODE}\nsteps:\n  - plugin: fx_words\n"
                    "    options:\n      limit: ${TP_TEST_LIMIT}\n      mode: ${TP_TEST_MODE}\n"
                    "      tags: [\"${TP_TEST_LIMIT}x\", plain$]\n");
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    const tp_config *c = tp_pipeline_step_config(l.p, 0);
    ck_assert_int_eq(tp_config_int(c, "limit"), 7);
    ck_assert_str_eq(tp_config_string(c, "mode"), "slow");
    ck_assert_str_eq(tp_config_list_item(c, "tags", 0), "7x");
    ck_assert_str_eq(tp_config_list_item(c, "tags", 1), "plain$");
    ck_assert_str_eq(tp_pipeline_name(l.p), "run-slow");
    done(&l);

    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n    options:\n"
                  "      limit: ${TP_TEST_UNSET}\n      mode: ${TP_TEST_MODE\n",
                  (const char *[]){
                      "p.yaml:5:14: error: environment variable 'TP_TEST_UNSET' is not set; set "
                      "it or write the value",
                      "p.yaml:6:13: error: unterminated '${' in '${TP_TEST_MODE'; write ${NAME}",
                      NULL});
    /* an expanded value is parsed by the option's type like any other */
    setenv("TP_TEST_LIMIT", "900", 1);
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n    options:\n"
                  "      limit: ${TP_TEST_LIMIT}\n",
                  (const char *[]){"p.yaml:5:14: error: step 'fx_words': option 'limit' (int): "
                                   "value 900 is out of range (allowed: 0..100)",
                                   NULL});
}
END_TEST

/* ---- plugins and capabilities ---- */

START_TEST(missing_plugin)
{
    loaded l = load("version: 1\nsteps:\n  - plugin: nosuch\n");
    ck_assert_int_eq(l.rc, TP_ECONFIG);
    ck_assert_uint_eq(tp_diags_count(l.diags), 1);
    const char *m = tp_diags_message(l.diags, 0);
    const char *want = "p.yaml:3:13: error: step 1: no plugin named 'nosuch' on the plugin search "
                       "path (" FIXTURES ":";
    ck_assert_msg(strncmp(m, want, strlen(want)) == 0, "got: %s", m);
    ck_assert_ptr_nonnull(strstr(m, "install it, add its folder with --plugin-path or "
                                    "TPIPE_PLUGIN_PATH, or give the path to its .so"));
    done(&l);
}
END_TEST

START_TEST(broken_plugin_by_name)
{
    loaded l = load("version: 1\nsteps:\n  - plugin: abi_major\n  - plugin: no_process\n");
    ck_assert_int_eq(l.rc, TP_ECONFIG);
    ck_assert_uint_eq(tp_diags_count(l.diags), 2);
    ck_assert_str_eq(tp_diags_message(l.diags, 0),
                     "p.yaml:3:13: error: step 1: " FIXTURES "/abi_major.so: built for plugin ABI "
                     "2.0, but this tpipe provides ABI 1.2; rebuild the plugin against this "
                     "tpipe's headers");
    ck_assert_str_eq(tp_diags_message(l.diags, 1),
                     "p.yaml:4:13: error: step 2: " FIXTURES "/no_process.so: plugin 'no_process' "
                     "has no process() callback; every plugin must set .process in its "
                     "descriptor");
    done(&l);
}
END_TEST

START_TEST(capability_names_a_provider)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_fail\n  - plugin: fx_words\n",
                  (const char *[]){
                      "p.yaml:3:5: error: step 'fx_fail' requires 'tokens', which no earlier "
                      "step provides; add a step before it that provides it, such as "
                      "'- plugin: fx_words'",
                      NULL});
}
END_TEST

START_TEST(capability_without_provider)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_words\n  - plugin: fx_needs\n    id: ner\n",
                  (const char *[]){
                      "p.yaml:4:5: error: step 'ner' requires 'span:entity', which no earlier "
                      "step provides, and no installed plugin provides it",
                      NULL});
}
END_TEST

START_TEST(plugin_by_relative_path)
{
    /* relative to the pipeline's folder, not the working directory */
    loaded l = load_with("version: 1\nsteps:\n  - plugin: plugins/fx_words.so\n"
                         "  - plugin: ./plugins/fx_fail.so\n    id: f\n",
                         TPIPE_BINARY_DIR "/tests", NULL, 0);
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    ck_assert_str_eq(tp_pipeline_step_id(l.p, 0), "fx_words");
    ck_assert_str_eq(tp_pipeline_step_plugin(l.p, 1)->name, "fx_fail");
    ck_assert_str_eq(tp_pipeline_step_file(l.p, 0), FIXTURES "/fx_words.so");
    ck_assert_str_eq(tp_pipeline_step_file(l.p, 1), FIXTURES "/fx_fail.so");
    done(&l);

    l = load_with("version: 1\nsteps:\n  - plugin: plugins/fx_words.so\n", "/nonexistent", NULL,
                  0);
    ck_assert_int_eq(l.rc, TP_ECONFIG);
    ck_assert_str_eq(tp_diags_message(l.diags, 0),
                     "p.yaml:3:13: error: step 1: /nonexistent/plugins/fx_words.so: no such "
                     "plugin file; check the path or the plugin search path (tpipe plugins "
                     "lists what is installed)");
    done(&l);
}
END_TEST

START_TEST(plugin_path_key_in_file)
{
    const char *yaml = "version: 1\nplugin_path: [plugins]\nsteps:\n  - plugin: fx_words\n";
    tp_load_options opts = {.struct_size = sizeof opts};
    tp_diags *diags = tp_diags_new();
    tp_pipeline *p = NULL;
    int rc = tp_pipeline_load_string(yaml, strlen(yaml), "p.yaml", TPIPE_BINARY_DIR "/tests",
                                     &opts, &p, diags);
    ck_assert_msg(rc == 0, "%s", tp_diags_message(diags, 0));
    ck_assert_str_eq(tp_pipeline_step_file(p, 0), FIXTURES "/fx_words.so");
    tp_pipeline_free(p);
    tp_diags_free(diags);
}
END_TEST

/* ---- paths ---- */

START_TEST(relative_path_option)
{
    loaded l = load_with("version: 1\nsteps:\n  - plugin: fx_words\n"
                         "    options: {path: data/lexicon.txt}\n",
                         "/srv/pipelines", NULL, 0);
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(l.p, 0), "path"),
                     "/srv/pipelines/data/lexicon.txt");
    done(&l);
    l = load_with("version: 1\nsteps:\n  - plugin: fx_words\n    options: {path: /etc/x}\n",
                  "/srv/pipelines", NULL, 0);
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(l.p, 0), "path"), "/etc/x");
    done(&l);
}
END_TEST

START_TEST(load_from_file)
{
    char dir[] = "/tmp/tpipe-test-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/p.yaml", dir);
    FILE *f = fopen(path, "w");
    fputs("version: 1\nsteps:\n  - plugin: fx_words\n    options:\n      path: lex.txt\n", f);
    fclose(f);
    static const char *const dirs[] = {FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 1};
    tp_diags *diags = tp_diags_new();
    tp_pipeline *p = NULL;
    int rc = tp_pipeline_load(path, &opts, &p, diags);
    ck_assert_msg(rc == 0, "%s", tp_diags_message(diags, 0));
    char want[600];
    snprintf(want, sizeof want, "%s/lex.txt", dir);
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(p, 0), "path"), want);
    tp_pipeline_free(p);

    /* messages name the file as given */
    f = fopen(path, "w");
    fputs("version: 1\nsteps:\n  - plugin: fx_words\n    options:\n      limit: -5\n", f);
    fclose(f);
    rc = tp_pipeline_load(path, &opts, &p, diags);
    ck_assert_int_eq(rc, TP_ECONFIG);
    snprintf(want, sizeof want,
             "%s:5:14: error: step 'fx_words': option 'limit' (int): value -5 is out of range "
             "(allowed: 0..100)", path);
    ck_assert_str_eq(tp_diags_message(diags, 0), want);
    tp_diags_free(diags);

    diags = tp_diags_new();
    rc = tp_pipeline_load(dir, &opts, &p, diags);
    ck_assert_int_eq(rc, TP_ECONFIG);
    ck_assert_ptr_nonnull(strstr(tp_diags_message(diags, 0), "is a folder, not a pipeline file"));
    tp_diags_free(diags);

    diags = tp_diags_new();
    snprintf(path, sizeof path, "%s/missing.yaml", dir);
    rc = tp_pipeline_load(path, &opts, &p, diags);
    ck_assert_int_eq(rc, TP_ECONFIG);
    snprintf(want, sizeof want, "%s: error: cannot open pipeline file: No such file or directory",
             path);
    ck_assert_str_eq(tp_diags_message(diags, 0), want);
    tp_diags_free(diags);
    snprintf(path, sizeof path, "%s/p.yaml", dir);
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(path_option_is_absolute_for_relative_pipeline)
{
    /* config.h: "A path is absolute". A pipeline named by a relative path
     * must still give the plugin an absolute path. */
    char dir[] = "/tmp/tpipe-test-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/p.yaml", dir);
    FILE *f = fopen(path, "w");
    fputs("version: 1\nsteps:\n  - plugin: fx_words\n    options:\n      path: lex.txt\n", f);
    fclose(f);
    ck_assert_int_eq(chdir(dir), 0);
    static const char *const dirs[] = {FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 1};
    tp_diags *diags = tp_diags_new();
    tp_pipeline *p = NULL;
    ck_assert_int_eq(tp_pipeline_load("p.yaml", &opts, &p, diags), 0);
    char want[600];
    snprintf(want, sizeof want, "%s/lex.txt", dir);
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(p, 0), "path"), want);
    tp_pipeline_free(p);
    tp_diags_free(diags);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- --set ---- */

START_TEST(set_overrides_good)
{
    const char *sets[] = {"fx_words.limit=99", "fx_words.tags=p, q", "check.marker=ZZ",
                          "fx_words.upper=on"};
    loaded l = load_with("version: 1\nsteps:\n  - plugin: fx_words\n    options: {limit: 5}\n"
                         "  - plugin: fx_fail\n    id: check\n",
                         "/base", sets, 4);
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    const tp_config *c = tp_pipeline_step_config(l.p, 0);
    ck_assert_int_eq(tp_config_int(c, "limit"), 99); /* the command line wins over the file */
    ck_assert_uint_eq(tp_config_list_count(c, "tags"), 2);
    ck_assert_str_eq(tp_config_list_item(c, "tags", 1), "q");
    ck_assert(tp_config_bool(c, "upper"));
    ck_assert(tp_config_is_set(c, "upper"));
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(l.p, 1), "marker"), "ZZ");
    done(&l);

    /* a relative path on the command line means the working directory,
     * made absolute like every path option */
    ck_assert_int_eq(chdir("/tmp"), 0);
    const char *path_set[] = {"fx_words.path=rel/lex.txt"};
    l = load_with("version: 1\nsteps:\n  - plugin: fx_words\n", "/base", path_set, 1);
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    ck_assert_str_eq(tp_config_string(tp_pipeline_step_config(l.p, 0), "path"), "/tmp/rel/lex.txt");
    done(&l);
}
END_TEST

START_TEST(set_overrides_bad)
{
    const char *sets[] = {"fx_words.limit=abc", "fx_wrds.limit=1", "fx_words.limt=1",
                          "limit=3", "fx_words.mode=medium", "zzzzzz.x=1"};
    loaded l = load_with("version: 1\nsteps:\n  - plugin: fx_words\n", "/base", sets, 6);
    ck_assert_int_eq(l.rc, TP_ECONFIG);
    ck_assert_ptr_null(l.p);
    const char *want[] = {
        "--set: error: 'fx_words.limit=abc': option 'limit' (int): expected an integer, got 'abc'",
        "--set: error: 'fx_wrds.limit=1': the pipeline has no step 'fx_wrds'; did you mean "
        "'fx_words'?",
        "--set: error: 'fx_words.limt=1': step 'fx_words' has no option 'limt'; did you mean "
        "'limit'?",
        "--set: error: 'limit=3' is not of the form step.option=value",
        "--set: error: 'fx_words.mode=medium': option 'mode' (enum): 'medium' is not allowed "
        "(allowed: fast|slow)",
        "--set: error: 'zzzzzz.x=1': the pipeline has no step 'zzzzzz'",
    };
    ck_assert_uint_eq(tp_diags_count(l.diags), 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_str_eq(tp_diags_message(l.diags, i), want[i]);
    done(&l);
}
END_TEST

START_TEST(all_problems_collected)
{
    loaded l = load("version: 1\nnmae: x\nsteps:\n"
                    "  - plugin: fx_words\n    options: {limit: 500, mdoe: fast}\n"
                    "  - plugin: nosuch\n");
    ck_assert_int_eq(l.rc, TP_ECONFIG);
    ck_assert_uint_eq(tp_diags_error_count(l.diags), 4);
    ck_assert_ptr_nonnull(strstr(tp_diags_message(l.diags, 0), "unknown key 'nmae'; did you mean "
                                                                "'name'?"));
    ck_assert_ptr_nonnull(strstr(tp_diags_message(l.diags, 1), "value 500 is out of range"));
    ck_assert_ptr_nonnull(strstr(tp_diags_message(l.diags, 2), "unknown option 'mdoe'; did you "
                                                                "mean 'mode'?"));
    ck_assert_ptr_nonnull(strstr(tp_diags_message(l.diags, 3), "no plugin named 'nosuch'"));
    done(&l);
}
END_TEST

START_TEST(scalars_typed_by_schema_not_yaml)
{
    /* YAML 1.1 would read yes as a bool and 010 as octal 8; tpipe types a
     * scalar by the option's schema only */
    loaded l = load("version: 1\nsteps:\n  - plugin: fx_words\n"
                    "    options: {limit: \"010\", upper: Off, tags: yes}\n"
                    "  - plugin: fx_fail\n    options: {marker: yes, fatal_marker: 010}\n");
    ck_assert_msg(l.rc == 0, "%s", tp_diags_message(l.diags, 0));
    const tp_config *w = tp_pipeline_step_config(l.p, 0);
    ck_assert_int_eq(tp_config_int(w, "limit"), 10);
    ck_assert(!tp_config_bool(w, "upper"));
    ck_assert(tp_config_is_set(w, "upper"));
    ck_assert_str_eq(tp_config_list_item(w, "tags", 0), "yes");
    const tp_config *f = tp_pipeline_step_config(l.p, 1);
    ck_assert_str_eq(tp_config_string(f, "marker"), "yes");
    ck_assert_str_eq(tp_config_string(f, "fatal_marker"), "010");
    done(&l);
}
END_TEST

START_TEST(plugin_without_options)
{
    expect_errors("version: 1\nsteps:\n  - plugin: fx_perm\n    options: {x: 1}\n",
                  (const char *[]){"p.yaml:4:15: error: step 'fx_perm': unknown option 'x' "
                                   "(allowed: none)",
                                   NULL});
}
END_TEST

START_TEST(oversized_pipeline_file)
{
    char dir[] = "/tmp/tpipe-test-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/huge.yaml", dir);
    FILE *f = fopen(path, "w");
    fputs("version: 1\nsteps:\n  - plugin: fx_words\n", f);
    for (int i = 0; i < 40000; i++)
        fputs("# a comment line to make the file large\n", f);
    fclose(f);
    tp_diags *diags = tp_diags_new();
    tp_pipeline *p = NULL;
    ck_assert_int_eq(tp_pipeline_load(path, NULL, &p, diags), TP_ECONFIG);
    ck_assert_ptr_null(p);
    char want[600];
    snprintf(want, sizeof want, "%s: error: pipeline file is 1600039 bytes, over the limit of "
                                "1048576", path);
    ck_assert_str_eq(tp_diags_message(diags, 0), want);
    tp_diags_free(diags);
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(diagnostics_are_optional)
{
    static const char *const dirs[] = {FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 1};
    const char *good = "version: 1\nsteps:\n  - plugin: fx_words\n";
    const char *bad = "version: 1\nsteps:\n  - plugin: fx_words\n    options: {limit: x}\n";
    tp_pipeline *p = NULL;
    ck_assert_int_eq(tp_pipeline_load_string(good, strlen(good), NULL, NULL, &opts, &p, NULL), 0);
    ck_assert_ptr_nonnull(p);
    tp_pipeline_free(p);
    ck_assert_int_eq(tp_pipeline_load_string(bad, strlen(bad), NULL, NULL, &opts, &p, NULL),
                     TP_ECONFIG);
    ck_assert_ptr_null(p);
    const char *sets[] = {"nosuch.x=1"};
    opts.sets = sets;
    opts.set_count = 1;
    ck_assert_int_eq(tp_pipeline_load_string(good, strlen(good), NULL, NULL, &opts, &p, NULL),
                     TP_ECONFIG);
    ck_assert_ptr_null(p);
}
END_TEST

static Suite *pipeline_suite(void)
{
    Suite *s = suite_create("pipeline");
    TCase *tc = tcase_create("good");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, good_pipeline);
    tcase_add_test(tc, list_as_comma_text_and_empty_options);
    tcase_add_test(tc, same_plugin_twice_with_ids);
    tcase_add_test(tc, scalars_typed_by_schema_not_yaml);
    suite_add_tcase(s, tc);
    tc = tcase_create("keys");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, unknown_top_key);
    tcase_add_test(tc, unknown_step_key);
    tcase_add_test(tc, unknown_option_with_suggestion);
    tcase_add_test(tc, plugin_without_options);
    tcase_add_test(tc, duplicate_keys);
    suite_add_tcase(s, tc);
    tc = tcase_create("values");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, wrong_types);
    tcase_add_test(tc, out_of_range);
    tcase_add_test(tc, structure_errors);
    tcase_add_test(tc, yaml_errors_are_positioned);
    tcase_add_test(tc, duplicate_step_ids);
    tcase_add_test(tc, environment_variables);
    tcase_add_test(tc, all_problems_collected);
    tcase_add_test(tc, diagnostics_are_optional);
    suite_add_tcase(s, tc);
    tc = tcase_create("plugins");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, missing_plugin);
    tcase_add_test(tc, broken_plugin_by_name);
    tcase_add_test(tc, capability_names_a_provider);
    tcase_add_test(tc, capability_without_provider);
    tcase_add_test(tc, plugin_by_relative_path);
    tcase_add_test(tc, plugin_path_key_in_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("paths");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, relative_path_option);
    tcase_add_test(tc, load_from_file);
    tcase_add_test(tc, path_option_is_absolute_for_relative_pipeline);
    tcase_add_test(tc, oversized_pipeline_file);
    suite_add_tcase(s, tc);
    tc = tcase_create("set");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, set_overrides_good);
    tcase_add_test(tc, set_overrides_bad);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(pipeline_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
