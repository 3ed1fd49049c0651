/* test_registry.c - opening plugin modules: every broken fixture is refused
 * with a message naming the file, what is wrong and the fix; good modules
 * are normalised; the search path, lookup by name, providers, listing and
 * the refusal of world-writable plugin files. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tpipe/tpipe.h>

#include "registry.h"

#define FIXTURES TPIPE_BINARY_DIR "/tests/plugins"

static void setup(void)
{
    unsetenv("TPIPE_PLUGIN_PATH");
    ck_assert_msg(access(FIXTURES "/fx_words.so", R_OK) == 0,
                  "fixture plugins missing: build the tpipe_fixture_plugins target");
}

static const struct bad_case {
    const char *file;
    int code;
    const char *message; /* after "<path>: " */
} bad_cases[] = {
    {"abi_major.so", TP_EABI,
     "built for plugin ABI 2.0, but this tpipe provides ABI 1.2; rebuild the plugin against "
     "this tpipe's headers"},
    {"abi_minor.so", TP_EABI,
     "built for plugin ABI 1.7, but this tpipe provides ABI 1.2; rebuild the plugin against "
     "this tpipe's headers or upgrade tpipe"},
    {"no_process.so", TP_EPLUGIN,
     "plugin 'no_process' has no process() callback; every plugin must set .process in its "
     "descriptor"},
    {"bad_default.so", TP_EPLUGIN,
     "plugin 'bad_default': the default of option 'count' (int) does not parse: expected an "
     "integer, got 'abc'; the plugin must be fixed and rebuilt"},
    {"no_entry.so", TP_EPLUGIN,
     "not a tpipe plugin: it does not export tp_module_entry(); build it with TP_MODULE(...) "
     "from <tpipe/plugin.h>"},
    {"bad_name.so", TP_EPLUGIN,
     "plugin name 'Bad-Name' is not of the form [a-z][a-z0-9_]*; rename it in its descriptor "
     "and rebuild"},
};

START_TEST(bad_modules_refused)
{
    const struct bad_case *c = &bad_cases[_i];
    char path[512], want[1024];
    snprintf(path, sizeof path, "%s/%s", FIXTURES, c->file);
    snprintf(want, sizeof want, "%s: %s", path, c->message);
    tp_module_handle h;
    tp_error err = {0};
    int rc = tp_registry_open(path, false, &h, &err);
    ck_assert_msg(rc == c->code, "%s: rc %d (%s)", c->file, rc, err.message);
    ck_assert_int_eq(err.code, c->code);
    ck_assert_str_eq(err.message, want);
    ck_assert_ptr_null(h.dl); /* nothing kept open */
    ck_assert_uint_eq(h.plugin_count, 0);
}
END_TEST

START_TEST(small_descriptors_refused)
{
    tp_module_handle h;
    tp_error err = {0};
    int rc = tp_registry_open(FIXTURES "/small_desc.so", false, &h, &err);
    ck_assert_int_eq(rc, TP_EABI);
    char want[512];
    snprintf(want, sizeof want,
             FIXTURES "/small_desc.so: descriptor too small (module %zu, plugin %zu, option %zu "
                      "bytes; ABI 1 needs at least %zu, %zu, %zu); rebuild the plugin with "
                      "TP_MODULE_INIT and TP_PLUGIN_INIT",
             sizeof(tp_module), offsetof(tp_plugin, process), sizeof(tp_option_spec),
             (size_t)TP_MODULE_MIN_SIZE, (size_t)TP_PLUGIN_MIN_SIZE, (size_t)TP_OPTION_MIN_SIZE);
    ck_assert_str_eq(err.message, want);

    rc = tp_registry_open(FIXTURES "/small_plugin.so", false, &h, &err);
    ck_assert_int_eq(rc, TP_EABI);
    snprintf(want, sizeof want,
             FIXTURES "/small_plugin.so: plugin descriptor 0 is %zu bytes, smaller than ABI 1's "
                      "%zu; initialise it with TP_PLUGIN_INIT and rebuild",
             offsetof(tp_plugin, options), (size_t)TP_PLUGIN_MIN_SIZE);
    ck_assert_str_eq(err.message, want);
}
END_TEST

START_TEST(not_a_module)
{
    tp_module_handle h;
    tp_error err = {0};
    ck_assert_int_eq(tp_registry_open(FIXTURES "/nosuch.so", false, &h, &err), TP_ENOENT);
    ck_assert_str_eq(err.message, FIXTURES "/nosuch.so: no such plugin file; check the path or "
                                           "the plugin search path (tpipe plugins lists what is "
                                           "installed)");
    ck_assert_int_eq(tp_registry_open(FIXTURES, false, &h, &err), TP_EPLUGIN);
    ck_assert_str_eq(err.message, FIXTURES ": not a regular file; a plugin is a .so file");

    /* a text file named .so: dlopen's own reason is passed on */
    char dir[] = "/tmp/tpipe-reg-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/text.so", dir);
    FILE *f = fopen(path, "w");
    for (int i = 0; i < 100; i++)
        fputs("not an ELF file, just text\n", f);
    fclose(f);
    ck_assert_int_eq(tp_registry_open(path, false, &h, &err), TP_EPLUGIN);
    char want[600];
    snprintf(want, sizeof want, "%s: cannot load plugin: %s", path, path);
    ck_assert_msg(strncmp(err.message, want, strlen(want)) == 0, "got: %s", err.message);
    ck_assert_ptr_nonnull(strstr(err.message, "invalid ELF header")); /* dlerror() */
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(good_module_normalised)
{
    tp_module_handle h;
    tp_error err = {0};
    ck_assert_int_eq(tp_registry_open(FIXTURES "/fx_words.so", false, &h, &err), 0);
    ck_assert_ptr_nonnull(h.dl);
    ck_assert_str_eq(h.path, FIXTURES "/fx_words.so");
    ck_assert_uint_eq(h.plugin_count, 1);
    const tp_plugin *p = &h.plugins[0];
    ck_assert_uint_eq(p->struct_size, sizeof(tp_plugin));
    ck_assert_str_eq(p->name, "fx_words");
    ck_assert_str_eq(p->version, "1.0");
    ck_assert_ptr_nonnull(p->process);
    ck_assert_ptr_nonnull(p->load);
    ck_assert_ptr_null(p->create);
    ck_assert_str_eq(p->provides[0], "tokens");
    /* options are copied into today's layout */
    ck_assert_ptr_nonnull(p->options);
    ck_assert_str_eq(p->options[1].name, "limit");
    ck_assert_int_eq(p->options[1].type, TP_OPT_INT);
    ck_assert_str_eq(p->options[1].range, "0..100");
    ck_assert_str_eq(p->options[2].choices, "fast|slow");
    ck_assert_ptr_null(p->options[5].name);
    ck_assert_uint_eq(h.module->abi_major, TP_ABI_MAJOR);
    tp_module_handle_close(&h);
    ck_assert_ptr_null(h.dl);
    ck_assert_ptr_null(h.plugins);
}
END_TEST

/* ---- world-writable files ---- */

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    ck_assert_ptr_nonnull(in);
    ck_assert_ptr_nonnull(out);
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

START_TEST(insecure_plugins_refused)
{
    char dir[] = "/tmp/tpipe-reg-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/fx_words.so", dir);
    copy_file(FIXTURES "/fx_words.so", path);
    tp_module_handle h;
    tp_error err = {0};
    ck_assert_int_eq(chmod(path, 0755), 0);
    ck_assert_int_eq(tp_registry_open(path, false, &h, &err), 0);
    tp_module_handle_close(&h);

    ck_assert_int_eq(chmod(path, 0757), 0);
    ck_assert_int_eq(tp_registry_open(path, false, &h, &err), TP_EPLUGIN);
    char want[700];
    snprintf(want, sizeof want,
             "%s: refusing to load a plugin that others could have replaced: %s is "
             "world-writable; fix the permissions (chmod o-w) or pass --allow-insecure-plugins",
             path, path);
    ck_assert_str_eq(err.message, want);
    ck_assert_int_eq(tp_registry_open(path, true, &h, &err), 0);
    tp_module_handle_close(&h);

    ck_assert_int_eq(chmod(path, 0755), 0);
    ck_assert_int_eq(chmod(dir, 0777), 0);
    ck_assert_int_eq(tp_registry_open(path, false, &h, &err), TP_EPLUGIN);
    snprintf(want, sizeof want,
             "%s: refusing to load a plugin that others could have replaced: its folder %s is "
             "world-writable; fix the permissions (chmod o-w) or pass --allow-insecure-plugins",
             path, dir);
    ck_assert_str_eq(err.message, want);
    chmod(dir, 0700);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* ---- search path and lookup ---- */

START_TEST(search_path_order)
{
    setenv("TPIPE_PLUGIN_PATH", "/env/a::/env/b:/cli/one", 1);
    const char *dirs[] = {"/cli/one", "/cli/two", "/cli/one"};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 3};
    char *extra[] = {"/file/dir"};
    size_t n = 0;
    char **path = tp_search_path_with(&opts, extra, 1, &n);
    ck_assert_ptr_nonnull(path);
    /* --plugin-path, TPIPE_PLUGIN_PATH, the file's plugin_path, the build
     * tree (this test runs from build/tests), the installed folder; no
     * duplicates, no empty entries */
    ck_assert_uint_eq(n, 7);
    ck_assert_str_eq(path[0], "/cli/one");
    ck_assert_str_eq(path[1], "/cli/two");
    ck_assert_str_eq(path[2], "/env/a");
    ck_assert_str_eq(path[3], "/env/b");
    ck_assert_str_eq(path[4], "/file/dir");
    ck_assert_str_eq(path[5], TPIPE_BINARY_DIR "/plugins");
    ck_assert_ptr_nonnull(strstr(path[6], "tpipe/plugins"));
    tp_plugin_search_path_free(path, n);

    unsetenv("TPIPE_PLUGIN_PATH");
    path = tp_plugin_search_path(NULL, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(path[0], TPIPE_BINARY_DIR "/plugins");
    tp_plugin_search_path_free(path, n);
}
END_TEST

START_TEST(find_by_name)
{
    char *dirs[] = {"/nonexistent", FIXTURES};
    tp_module_list loaded = {0};
    const tp_plugin *p = NULL;
    const char *file = NULL;
    tp_error err = {0};
    ck_assert_int_eq(tp_registry_find(dirs, 2, "fx_fail", false, &loaded, &p, &file, &err), 0);
    ck_assert_str_eq(p->name, "fx_fail");
    ck_assert_str_eq(file, FIXTURES "/fx_fail.so");
    ck_assert_uint_eq(loaded.count, 1);
    /* found again: the module is reused, not opened twice */
    const tp_plugin *again = NULL;
    ck_assert_int_eq(tp_registry_find(dirs, 2, "fx_fail", false, &loaded, &again, &file, &err),
                     0);
    ck_assert_ptr_eq(again, p);
    ck_assert_uint_eq(loaded.count, 1);

    ck_assert_int_eq(tp_registry_find(dirs, 2, "nosuch", false, &loaded, &p, &file, &err),
                     TP_ENOENT);
    ck_assert_str_eq(err.message,
                     "no plugin named 'nosuch' on the plugin search path (/nonexistent:" FIXTURES
                     "); install it, add its folder with --plugin-path or TPIPE_PLUGIN_PATH, or "
                     "give the path to its .so");
    /* NAME.so that is broken: its own reason, not "not found" */
    ck_assert_int_eq(tp_registry_find(dirs, 2, "abi_minor", false, &loaded, &p, &file, &err),
                     TP_EABI);
    ck_assert_ptr_nonnull(strstr(err.message, "abi_minor.so: built for plugin ABI 1.7"));

    ck_assert_int_eq(tp_registry_open_plugin(FIXTURES "/fx_words.so", "other", false, &loaded, &p,
                                             &err),
                     TP_ENOENT);
    ck_assert_str_eq(err.message,
                     FIXTURES "/fx_words.so: the module holds no plugin named 'other'");
    ck_assert_int_eq(tp_registry_open_plugin(FIXTURES "/fx_words.so", NULL, false, &loaded, &p,
                                             &err),
                     0);
    ck_assert_str_eq(p->name, "fx_words");
    tp_module_list_free(&loaded);
    ck_assert_uint_eq(loaded.count, 0);
}
END_TEST

START_TEST(find_in_multi_plugin_module)
{
    char *dirs[] = {FIXTURES};
    tp_module_list loaded = {0};
    const tp_plugin *p = NULL;
    const char *file = NULL;
    tp_error err = {0};
    /* no fx_beta.so: every module of the folder is searched */
    ck_assert_int_eq(tp_registry_find(dirs, 1, "fx_beta", false, &loaded, &p, &file, &err), 0);
    ck_assert_str_eq(p->name, "fx_beta");
    ck_assert_str_eq(p->version, "2.2");
    ck_assert_str_eq(file, FIXTURES "/fx_multi.so");
    const tp_plugin *a = NULL;
    ck_assert_int_eq(tp_registry_find(dirs, 1, "fx_alpha", false, &loaded, &a, &file, &err), 0);
    ck_assert_str_eq(a->name, "fx_alpha");
    ck_assert_ptr_eq(a + 1, p); /* the same open module */
    /* by path without a name: the first plugin */
    ck_assert_int_eq(tp_registry_open_plugin(FIXTURES "/fx_multi.so", NULL, false, &loaded, &p,
                                             &err),
                     0);
    ck_assert_str_eq(p->name, "fx_alpha");
    ck_assert_int_eq(tp_registry_open_plugin(FIXTURES "/fx_multi.so", "fx_beta", false, &loaded,
                                             &p, &err),
                     0);
    ck_assert_str_eq(p->name, "fx_beta");
    tp_module_list_free(&loaded);
}
END_TEST

START_TEST(provider_lookup)
{
    char *dirs[] = {FIXTURES};
    char name[64] = "";
    ck_assert(tp_registry_provider(dirs, 1, "tokens", name, sizeof name));
    ck_assert_str_eq(name, "fx_words");
    ck_assert(tp_registry_provider(dirs, 1, "doc:fx_fail", name, sizeof name));
    ck_assert_str_eq(name, "fx_fail");
    ck_assert(!tp_registry_provider(dirs, 1, "span:entity", name, sizeof name));
    ck_assert(!tp_registry_provider(dirs, 1, "token", name, sizeof name));
}
END_TEST

/* ---- listing ---- */

typedef struct seen {
    int good, broken, shadowed;
    char names[64][64];
    char errors[16][512];
} seen;

static void collect(void *user, const tp_plugin_info *info)
{
    seen *s = user;
    if (info->plugin) {
        ck_assert_ptr_null(info->error);
        ck_assert_uint_eq(info->abi_major, TP_ABI_MAJOR);
        if (info->shadowed)
            s->shadowed++;
        if (s->good < 64)
            snprintf(s->names[s->good], 64, "%s%s", info->plugin->name,
                     info->shadowed ? "*" : "");
        s->good++;
    } else {
        ck_assert_ptr_nonnull(info->error);
        ck_assert_ptr_nonnull(strstr(info->error, info->file));
        if (s->broken < 16)
            snprintf(s->errors[s->broken], 512, "%s", info->error);
        s->broken++;
    }
}

static int index_of(const seen *s, const char *name)
{
    for (int i = 0; i < s->good && i < 64; i++)
        if (strcmp(s->names[i], name) == 0)
            return i;
    return -1;
}

START_TEST(scan_lists_good_and_broken)
{
    const char *dirs[] = {FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 1};
    seen s = {0};
    ck_assert_int_eq(tp_plugins_scan(&opts, collect, &s), 0);
    /* the fixture folder comes first; its modules are listed sorted */
    ck_assert_int_ge(s.good, 8);
    ck_assert_str_eq(s.names[0], "fx_crash");
    ck_assert_str_eq(s.names[1], "fx_fail");
    int alpha = index_of(&s, "fx_alpha"), words = index_of(&s, "fx_words");
    ck_assert_int_ge(alpha, 0);
    ck_assert_str_eq(s.names[alpha + 1], "fx_beta"); /* fx_multi.so: both of its plugins */
    ck_assert_int_gt(words, alpha);
    for (int i = 1; i <= words; i++) /* modules in file-name order: fx_*.so sort first */
        ck_assert_str_ne(s.names[i], "fx_crash");
    ck_assert_int_eq(s.broken, 8);
    ck_assert_ptr_nonnull(strstr(s.errors[0], "abi_major.so: built for plugin ABI 2.0"));
    ck_assert_ptr_nonnull(strstr(s.errors[7], "small_plugin.so: plugin descriptor 0"));
}
END_TEST

START_TEST(scan_marks_shadowed)
{
    char dir[] = "/tmp/tpipe-reg-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/fx_words.so", dir);
    copy_file(FIXTURES "/fx_words.so", path);
    const char *dirs[] = {dir, FIXTURES};
    tp_load_options opts = {.struct_size = sizeof opts, .plugin_dirs = dirs,
                            .plugin_dir_count = 2};
    seen s = {0};
    ck_assert_int_eq(tp_plugins_scan(&opts, collect, &s), 0);
    ck_assert_str_eq(s.names[0], "fx_words");
    ck_assert_int_gt(index_of(&s, "fx_words*"), index_of(&s, "fx_perm"));
    ck_assert_int_eq(s.shadowed, 1);

    seen one = {0};
    ck_assert_int_eq(tp_plugins_scan_file(FIXTURES "/no_process.so", NULL, collect, &one), 0);
    ck_assert_int_eq(one.good, 0);
    ck_assert_int_eq(one.broken, 1);
    ck_assert_ptr_nonnull(strstr(one.errors[0], "has no process() callback"));
    unlink(path);
    rmdir(dir);
}
END_TEST

static Suite *registry_suite(void)
{
    Suite *s = suite_create("registry");
    TCase *tc = tcase_create("refused");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_loop_test(tc, bad_modules_refused, 0, (int)(sizeof bad_cases / sizeof *bad_cases));
    tcase_add_test(tc, small_descriptors_refused);
    tcase_add_test(tc, not_a_module);
    tcase_add_test(tc, insecure_plugins_refused);
    suite_add_tcase(s, tc);
    tc = tcase_create("loaded");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, good_module_normalised);
    tcase_add_test(tc, find_by_name);
    tcase_add_test(tc, find_in_multi_plugin_module);
    tcase_add_test(tc, provider_lookup);
    suite_add_tcase(s, tc);
    tc = tcase_create("search");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, search_path_order);
    tcase_add_test(tc, scan_lists_good_and_broken);
    tcase_add_test(tc, scan_marks_shadowed);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(registry_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
