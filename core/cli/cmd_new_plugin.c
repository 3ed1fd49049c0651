/* cmd_new_plugin.c - tpipe new-plugin: write a ready-to-build plugin project.
 *
 * The project is what docs/plugins.md describes: a CMakeLists.txt using the
 * installed package (find_package(tpipe), tpipe_add_plugin()), the plugin's
 * source with its descriptor and one option, a Check test that runs it after
 * the tokenizer, a pipeline file and a README. The files are the templates
 * below with @NAME@ replaced. Edit them here, as C strings; the tests in
 * tests/sdk (sdk_new_plugin) build the result with -Werror, run its Check
 * test and its pipeline, so a template that breaks fails CI. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* ---- the templates ------------------------------------------------------- */

static const char cmake_lists[] =
    "# @NAME@: a tpipe plugin, built against an installed tpipe.\n"
    "#   cmake -S . -B build [-DCMAKE_PREFIX_PATH=/where/tpipe/is/installed]\n"
    "#   cmake --build build\n"
    "#   ctest --test-dir build\n"
    "cmake_minimum_required(VERSION 3.20)\n"
    "project(@NAME@ LANGUAGES C)\n"
    "\n"
    "find_package(tpipe REQUIRED)\n"
    "tpipe_add_plugin(@NAME@ SOURCES @NAME@.c)\n"
    "\n"
    "# The Check test runs the installed tokenizer and this plugin on short texts.\n"
    "option(BUILD_TESTING \"Build the plugin's tests\" ON)\n"
    "if(BUILD_TESTING)\n"
    "  enable_testing()\n"
    "  find_package(PkgConfig REQUIRED)\n"
    "  pkg_check_modules(CHECK REQUIRED IMPORTED_TARGET check)\n"
    "  add_executable(test_@NAME@ tests/test_@NAME@.c)\n"
    "  target_link_libraries(test_@NAME@ PRIVATE tpipe::tpipe PkgConfig::CHECK)\n"
    "  target_compile_definitions(test_@NAME@ PRIVATE PLUGIN_DIR=\"$<TARGET_FILE_DIR:@NAME@>\")\n"
    "  add_test(NAME test_@NAME@ COMMAND test_@NAME@)\n"
    "endif()\n";

static const char plugin_source[] =
    "/* @NAME@.c - a tpipe plugin: counts the words of each document, and the\n"
    " * words at least `min_length` characters long.\n"
    " *\n"
    " * Make it yours: change process(), list what it reads in `requires`, what\n"
    " * it writes in `provides` and its settings in `options`. tpipe's\n"
    " * docs/plugins.md explains each part. */\n"
    "#include <stdlib.h>\n"
    "\n"
    "#include <tpipe/plugin.h>\n"
    "\n"
    "/* The options, read once by load() and shared read-only by all workers. */\n"
    "typedef struct settings {\n"
    "    int64_t min_length;\n"
    "} settings;\n"
    "\n"
    "static int load(const tp_config *config, void **shared, tp_error *err)\n"
    "{\n"
    "    settings *s = malloc(sizeof *s);\n"
    "    if (!s)\n"
    "        return tp_error_set(err, TP_ENOMEM, \"@NAME@: out of memory\");\n"
    "    s->min_length = tp_config_int(config, \"min_length\");\n"
    "    *shared = s;\n"
    "    return 0;\n"
    "}\n"
    "\n"
    "static void unload(void *shared)\n"
    "{\n"
    "    free(shared);\n"
    "}\n"
    "\n"
    "/* Called for each document by one worker thread at a time. Without a\n"
    " * create() callback, `instance` is what load() made. */\n"
    "static int process(void *instance, tp_doc *doc, tp_error *err)\n"
    "{\n"
    "    const settings *s = instance;\n"
    "    const char *text = tp_doc_text(doc, NULL);\n"
    "    size_t count;\n"
    "    const tp_token *tokens = tp_doc_tokens(doc, &count);\n"
    "    int64_t words = 0, long_words = 0;\n"
    "    for (size_t i = 0; i < count; i++) {\n"
    "        if (tokens[i].kind != TP_TOK_WORD)\n"
    "            continue;\n"
    "        int64_t chars = 0;\n"
    "        for (uint32_t b = tokens[i].start; b < tokens[i].end; b++)\n"
    "            chars += ((unsigned char)text[b] & 0xC0) != 0x80; /* UTF-8 lead bytes */\n"
    "        words++;\n"
    "        long_words += chars >= s->min_length;\n"
    "    }\n"
    "    tp_value *result = tp_value_object(doc);\n"
    "    if (tp_object_set(doc, result, \"words\", tp_value_int(doc, words)) ||\n"
    "        tp_object_set(doc, result, \"long_words\", tp_value_int(doc, long_words)) ||\n"
    "        tp_doc_set_result(doc, \"@NAME@\", result))\n"
    "        return tp_error_set(err, TP_EFATAL, \"@NAME@: out of memory\");\n"
    "    return 0;\n"
    "}\n"
    "\n"
    "static const char *const requires[] = {\"tokens\", NULL};\n"
    "static const char *const provides[] = {\"doc:@NAME@\", NULL};\n"
    "\n"
    "static const tp_option_spec options[] = {\n"
    "    {\"min_length\", TP_OPT_INT, \"7\", \"1..100\", NULL,\n"
    "     \"count words at least this many characters long\"},\n"
    "    {NULL, 0, NULL, NULL, NULL, NULL},\n"
    "};\n"
    "\n"
    "static const tp_plugin @NAME@_plugin = {\n"
    "    TP_PLUGIN_INIT,\n"
    "    .name = \"@NAME@\",\n"
    "    .version = \"0.1.0\",\n"
    "    .description = \"Counts words, and long words\",\n"
    "    .license = \"MIT\",\n"
    "    .requires = requires,\n"
    "    .provides = provides,\n"
    "    .options = options,\n"
    "    .load = load,\n"
    "    .process = process,\n"
    "    .unload = unload,\n"
    "};\n"
    "\n"
    "TP_MODULE(&@NAME@_plugin)\n";

static const char test_source[] =
    "/* test_@NAME@.c - runs the installed tokenizer and this build's @NAME@\n"
    " * plugin on short texts, through tpipe's embedding API. */\n"
    "#include <check.h>\n"
    "#include <stdlib.h>\n"
    "#include <string.h>\n"
    "\n"
    "#include <tpipe/tpipe.h>\n"
    "\n"
    "/* ---- a one-document pipeline run ---------------------------------------- */\n"
    "\n"
    "static tp_pipeline *pipeline;\n"
    "static tp_worker *worker;\n"
    "static tp_doc *doc;\n"
    "\n"
    "/* Loads `yaml`, looking for plugins in this build's folder first, and runs\n"
    " * it on `text`. Returns the document; any failure fails the test. */\n"
    "static tp_doc *run(const char *yaml, const char *text)\n"
    "{\n"
    "    const char *dirs[] = {PLUGIN_DIR};\n"
    "    tp_load_options opts = {\n"
    "        .struct_size = sizeof opts, .plugin_dirs = dirs, .plugin_dir_count = 1};\n"
    "    tp_diags *diags = tp_diags_new();\n"
    "    int rc = tp_pipeline_load_string(yaml, strlen(yaml), \"test.yaml\", NULL, &opts,"
    " &pipeline,\n"
    "                                     diags);\n"
    "    ck_assert_msg(rc == 0, \"%s\", tp_diags_count(diags) ? tp_diags_message(diags, 0) :"
    " \"?\");\n"
    "    tp_diags_free(diags);\n"
    "\n"
    "    tp_error err = {0};\n"
    "    ck_assert_msg(tp_pipeline_prepare(pipeline, &err) == 0, \"%s\", err.message);\n"
    "    ck_assert_msg(tp_worker_new(pipeline, &worker, &err) == 0, \"%s\", err.message);\n"
    "    doc = tp_doc_new();\n"
    "    ck_assert_ptr_nonnull(doc);\n"
    "    ck_assert_int_eq(tp_doc_reset(doc, \"test\", text, strlen(text)), 0);\n"
    "    rc = tp_worker_process(worker, doc, &err);\n"
    "    size_t nerr;\n"
    "    const tp_doc_error *errors = tp_doc_errors(doc, &nerr);\n"
    "    ck_assert_msg(rc == 0, \"%s\", nerr ? errors[0].message : err.message);\n"
    "    return doc;\n"
    "}\n"
    "\n"
    "static void teardown(void)\n"
    "{\n"
    "    tp_doc_free(doc);\n"
    "    tp_worker_free(worker);\n"
    "    tp_pipeline_free(pipeline);\n"
    "    doc = NULL;\n"
    "    worker = NULL;\n"
    "    pipeline = NULL;\n"
    "}\n"
    "\n"
    "/* ---- tests ------------------------------------------------------------------ */\n"
    "\n"
    "\n"
    "/* ---- tests ------------------------------------------------------------------ */\n"
    "\n"
    "static const char *const pipeline_yaml =\n"
    "    \"version: 1\\n\"\n"
    "    \"steps:\\n\"\n"
    "    \"  - plugin: tokenizer\\n\"\n"
    "    \"  - plugin: @NAME@\\n\";\n"
    "\n"
    "static int64_t member(const tp_value *object, const char *key)\n"
    "{\n"
    "    return tp_value_as_int(tp_object_get(object, key));\n"
    "}\n"
    "\n"
    "START_TEST(test_counts_words)\n"
    "{\n"
    "    /* \"Extraordinarily\" and \"examples\" have 7 characters or more. */\n"
    "    const tp_value *r = tp_doc_result(run(pipeline_yaml, \"Extraordinarily short"
    " examples.\"),\n"
    "                                      \"@NAME@\");\n"
    "    ck_assert_ptr_nonnull(r);\n"
    "    ck_assert_int_eq(member(r, \"words\"), 3);\n"
    "    ck_assert_int_eq(member(r, \"long_words\"), 2);\n"
    "}\n"
    "END_TEST\n"
    "\n"
    "START_TEST(test_min_length_option)\n"
    "{\n"
    "    const tp_value *r = tp_doc_result(run(\"version: 1\\n\"\n"
    "                                          \"steps:\\n\"\n"
    "                                          \"  - plugin: tokenizer\\n\"\n"
    "                                          \"  - plugin: @NAME@\\n\"\n"
    "                                          \"    options: {min_length: 5}\\n\",\n"
    "                                          \"Extraordinarily short examples.\"),\n"
    "                                      \"@NAME@\");\n"
    "    ck_assert_int_eq(member(r, \"long_words\"), 3);\n"
    "}\n"
    "END_TEST\n"
    "\n"
    "START_TEST(test_empty_document)\n"
    "{\n"
    "    const tp_value *r = tp_doc_result(run(pipeline_yaml, \"\"), \"@NAME@\");\n"
    "    ck_assert_int_eq(member(r, \"words\"), 0);\n"
    "}\n"
    "END_TEST\n"
    "\n"
    "static Suite *plugin_suite(void)\n"
    "{\n"
    "    Suite *s = suite_create(\"@NAME@\");\n"
    "    TCase *tc = tcase_create(\"process\");\n"
    "    tcase_add_checked_fixture(tc, NULL, teardown);\n"
    "    tcase_add_test(tc, test_counts_words);\n"
    "    tcase_add_test(tc, test_min_length_option);\n"
    "    tcase_add_test(tc, test_empty_document);\n"
    "    suite_add_tcase(s, tc);\n"
    "    return s;\n"
    "}\n"
    "\n"
    "int main(void)\n"
    "{\n"
    "    SRunner *sr = srunner_create(plugin_suite());\n"
    "    srunner_run_all(sr, CK_NORMAL);\n"
    "    int failed = srunner_ntests_failed(sr);\n"
    "    srunner_free(sr);\n"
    "    return failed ? EXIT_FAILURE : EXIT_SUCCESS;\n"
    "}\n";

static const char pipeline[] =
    "# Runs the tokenizer, then @NAME@:\n"
    "#   tpipe run @NAME@.yaml ARTICLE.txt      (or - to read standard input)\n"
    "# plugin_path is where `cmake -B build` puts @NAME@.so, relative to this file.\n"
    "version: 1\n"
    "name: @NAME@\n"
    "plugin_path: [build]\n"
    "steps:\n"
    "  - plugin: tokenizer\n"
    "  - plugin: @NAME@\n"
    "    options:\n"
    "      min_length: 7\n";

static const char readme[] =
    "# @NAME@\n"
    "\n"
    "A tpipe plugin, made by `tpipe new-plugin`. It counts the words of each\n"
    "document and the words at least `min_length` characters long.\n"
    "\n"
    "    cmake -S . -B build        # add -DCMAKE_PREFIX_PATH=PREFIX if tpipe is not in /usr or"
    " /usr/local\n"
    "    cmake --build build\n"
    "    ctest --test-dir build     # the Check test in tests/\n"
    "    echo 'An extraordinarily short example.' | tpipe run @NAME@.yaml -\n"
    "    tpipe plugins --plugin-path build @NAME@\n"
    "\n"
    "- `@NAME@.c`: the plugin: its descriptor, options and callbacks.\n"
    "- `@NAME@.yaml`: a pipeline that runs the tokenizer, then this plugin.\n"
    "- `tests/test_@NAME@.c`: runs the pipeline on short texts and checks the result.\n"
    "\n"
    "The plugin author's guide is tpipe's `docs/plugins.md`.\n";

static const struct {
    const char *path; /* relative to the project folder; @NAME@ is replaced */
    const char *text;
} skeleton[] = {
    {"CMakeLists.txt", cmake_lists}, {"@NAME@.c", plugin_source},
    {"tests/test_@NAME@.c", test_source}, {"@NAME@.yaml", pipeline}, {"README.md", readme},
};

/* ---- writing the project ------------------------------------------------- */

static void usage(FILE *out)
{
    fputs("usage: tpipe new-plugin [options] NAME [DIR]\n"
          "\n"
          "Writes a plugin project in DIR (default: ./NAME) that builds against the installed\n"
          "tpipe and runs unchanged: CMakeLists.txt, NAME.c (the descriptor, one option and\n"
          "the callbacks), tests/test_NAME.c (a Check test), NAME.yaml (a pipeline) and\n"
          "README.md. NAME is the plugin's name: [a-z][a-z0-9_]*, at most 64 characters.\n"
          "Existing files are never overwritten.\n"
          "\n"
          "Options:\n"
          "  -h, --help    show this help\n",
          out);
}

/* Plugin names are C identifiers' tails and CMake target names; CMake keeps
 * these target names for itself. */
static const char *name_problem(const char *name)
{
    static const char *const reserved[] = {"all", "clean", "help", "install", "test", "package",
                                           "depend", "edit_cache", "rebuild_cache", NULL};
    size_t len = strlen(name);
    if (len == 0 || len > 64)
        return "must be 1 to 64 characters long";
    if (!(name[0] >= 'a' && name[0] <= 'z'))
        return "must start with a lower-case letter a-z";
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return "may hold only a-z, 0-9 and _";
    for (size_t i = 0; reserved[i]; i++)
        if (strcmp(name, reserved[i]) == 0)
            return "is a name CMake reserves for its own targets";
    return NULL;
}

/* `tmpl` with every @NAME@ replaced by `name`, malloc'd; NULL when out of
 * memory. */
static char *expand(const char *tmpl, const char *name)
{
    static const char marker[] = "@NAME@";
    const size_t mlen = sizeof marker - 1, nlen = strlen(name);
    size_t count = 0;
    for (const char *p = tmpl; (p = strstr(p, marker)); p += mlen)
        count++;
    size_t len = strlen(tmpl) - count * mlen + count * nlen;
    char *out = malloc(len + 1);
    if (!out)
        return NULL;
    char *w = out;
    for (const char *p = tmpl;;) {
        const char *m = strstr(p, marker);
        size_t n = m ? (size_t)(m - p) : strlen(p);
        memcpy(w, p, n);
        w += n;
        if (!m)
            break;
        memcpy(w, name, nlen);
        w += nlen;
        p = m + mlen;
    }
    *w = '\0';
    return out;
}

/* Creates `path` and its missing parents, like mkdir -p. */
static int make_dirs(const char *path)
{
    char buf[PATH_MAX];
    if ((size_t)snprintf(buf, sizeof buf, "%s", path) >= sizeof buf) {
        cli_error("%s: path too long", path);
        return EXIT_USAGE;
    }
    for (char *p = buf + 1;; p++) {
        if (*p != '/' && *p != '\0')
            continue;
        char c = *p;
        *p = '\0';
        struct stat st;
        if (mkdir(buf, 0777) != 0 && errno != EEXIST) {
            cli_error("cannot create folder %s: %s", buf, strerror(errno));
            return EXIT_FATAL;
        }
        if (stat(buf, &st) != 0 || !S_ISDIR(st.st_mode)) {
            cli_error("cannot create folder %s: a file of that name is in the way", buf);
            return EXIT_USAGE;
        }
        *p = c;
        if (!c)
            return EXIT_OK;
    }
}

/* Writes `text` to a file that must not exist yet. */
static int write_new(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0666);
    if (fd < 0) {
        if (errno == EEXIST)
            cli_error("%s already exists; new-plugin never overwrites a file (choose another "
                      "DIR, or remove it)",
                      path);
        else
            cli_error("cannot create %s: %s", path, strerror(errno));
        return errno == EEXIST ? EXIT_USAGE : EXIT_FATAL;
    }
    size_t len = strlen(text), done = 0;
    while (done < len) {
        ssize_t n = write(fd, text + done, len - done);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            cli_error("cannot write %s: %s", path, strerror(errno));
            close(fd);
            return EXIT_FATAL;
        }
        done += (size_t)n;
    }
    if (close(fd) != 0) {
        cli_error("cannot write %s: %s", path, strerror(errno));
        return EXIT_FATAL;
    }
    return EXIT_OK;
}

/* The installation prefix of this tpipe, when it was installed with its CMake
 * package (PREFIX/bin/tpipe beside PREFIX/lib{,64}/cmake/tpipe); else "". */
static void install_prefix(char *out, size_t len)
{
    out[0] = '\0';
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return;
    exe[n] = '\0';
    for (int up = 0; up < 2; up++) {
        char *slash = strrchr(exe, '/');
        if (!slash)
            return;
        *slash = '\0';
    }
    static const char *const libdirs[] = {"lib", "lib64", NULL};
    for (size_t i = 0; libdirs[i]; i++) {
        char probe[PATH_MAX + 64];
        snprintf(probe, sizeof probe, "%s/%s/cmake/tpipe/tpipeConfig.cmake", exe, libdirs[i]);
        if (access(probe, F_OK) == 0) {
            snprintf(out, len, "%s", exe[0] ? exe : "/");
            return;
        }
    }
}

/* The path of skeleton file i in `dir`, malloc'd; NULL when out of memory. */
static char *file_path(const char *dir, size_t i, const char *name)
{
    char *rel = expand(skeleton[i].path, name);
    if (!rel)
        return NULL;
    size_t len = strlen(dir) + strlen(rel) + 2;
    char *path = malloc(len);
    if (path)
        snprintf(path, len, "%s/%s", dir, rel);
    free(rel);
    return path;
}

static int write_project(const char *name, const char *dir)
{
    /* Refuse before writing anything, so that a refusal leaves no half project. */
    for (size_t i = 0; i < sizeof skeleton / sizeof *skeleton; i++) {
        char *path = file_path(dir, i, name);
        if (!path) {
            cli_error("out of memory");
            return EXIT_FATAL;
        }
        bool exists = access(path, F_OK) == 0;
        if (exists)
            cli_error("%s already exists; new-plugin never overwrites a file (choose another "
                      "DIR, or remove it)",
                      path);
        free(path);
        if (exists)
            return EXIT_USAGE;
    }
    char tests[PATH_MAX];
    snprintf(tests, sizeof tests, "%s/tests", dir);
    int rc = make_dirs(tests);
    for (size_t i = 0; rc == 0 && i < sizeof skeleton / sizeof *skeleton; i++) {
        char *path = file_path(dir, i, name);
        char *text = expand(skeleton[i].text, name);
        if (path && text) {
            rc = write_new(path, text);
        } else {
            cli_error("out of memory");
            rc = EXIT_FATAL;
        }
        free(path);
        free(text);
    }
    return rc;
}

int cmd_new_plugin(int argc, char **argv)
{
    static const struct option longopts[] = {
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
    };
    int opt;
    optind = 1;
    while ((opt = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
        if (opt == 'h') {
            usage(stdout);
            return EXIT_OK;
        }
        usage(stderr);
        return EXIT_USAGE;
    }
    if (argc - optind < 1 || argc - optind > 2) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *name = argv[optind];
    const char *problem = name_problem(name);
    if (problem) {
        cli_error("plugin name '%s' %s (a plugin name is [a-z][a-z0-9_]*, e.g. word_count)",
                  name, problem);
        return EXIT_USAGE;
    }
    const char *dir = argc - optind == 2 ? argv[optind + 1] : name;
    if (!*dir) {
        cli_error("DIR is empty; give the folder to write the project in");
        return EXIT_USAGE;
    }
    int rc = write_project(name, dir);
    if (rc)
        return rc;

    char prefix[PATH_MAX];
    install_prefix(prefix, sizeof prefix);
    bool standard = !prefix[0] || strcmp(prefix, "/usr") == 0 ||
                    strcmp(prefix, "/usr/local") == 0;
    printf("created %s/: CMakeLists.txt %s.c tests/test_%s.c %s.yaml README.md\n"
           "\n"
           "Build, test and run it:\n"
           "  cmake -S %s -B %s/build%s%s\n"
           "  cmake --build %s/build\n"
           "  ctest --test-dir %s/build\n"
           "  echo 'An extraordinarily short example.' | tpipe run %s/%s.yaml -\n",
           dir, name, name, name, dir, dir, standard ? "" : " -DCMAKE_PREFIX_PATH=",
           standard ? "" : prefix, dir, dir, dir, name);
    if (!prefix[0])
        printf("\nThis tpipe is not an installed one (a build tree?): build the plugin against\n"
               "an installation, e.g. 'cmake --install BUILD --prefix PREFIX', then pass\n"
               "-DCMAKE_PREFIX_PATH=PREFIX to the first cmake command.\n");
    printf("\nThe plugin author's guide is docs/plugins.md.\n");
    return EXIT_OK;
}
