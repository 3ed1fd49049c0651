/* test_sdk_abi.c - the plugin ABI's promise: within ABI 1, structs only grow
 * at their end, and a plugin built against the 1.0 layout keeps loading.
 *
 * abi_v1_0.h freezes the 1.0 layout. The static assertions fail to compile
 * the day a field of <tpipe/plugin.h> is moved, removed or inserted before
 * the end, and pin the loader's minimum sizes to exactly that layout. The
 * tests open the fixtures built from it (abi_fixture.c) with the loader and
 * check what the core sees. tests/sdk/test_abi_run.sh runs them through
 * `tpipe run`. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "abi_v1_0.h"
#include "registry.h"

#define SAME_FIELD(cur, old, field)                                                        \
    _Static_assert(offsetof(cur, field) == offsetof(old, field) &&                         \
                       sizeof(((cur *)0)->field) == sizeof(((old *)0)->field),             \
                   #cur "." #field " moved: ABI 1 structs may only grow at their end")

SAME_FIELD(tp_option_spec, v10_option, name);
SAME_FIELD(tp_option_spec, v10_option, type);
SAME_FIELD(tp_option_spec, v10_option, default_value);
SAME_FIELD(tp_option_spec, v10_option, range);
SAME_FIELD(tp_option_spec, v10_option, choices);
SAME_FIELD(tp_option_spec, v10_option, help);

SAME_FIELD(tp_plugin, v10_plugin, struct_size);
SAME_FIELD(tp_plugin, v10_plugin, name);
SAME_FIELD(tp_plugin, v10_plugin, version);
SAME_FIELD(tp_plugin, v10_plugin, description);
SAME_FIELD(tp_plugin, v10_plugin, license);
SAME_FIELD(tp_plugin, v10_plugin, requires);
SAME_FIELD(tp_plugin, v10_plugin, provides);
SAME_FIELD(tp_plugin, v10_plugin, reads);
SAME_FIELD(tp_plugin, v10_plugin, options);
SAME_FIELD(tp_plugin, v10_plugin, load);
SAME_FIELD(tp_plugin, v10_plugin, create);
SAME_FIELD(tp_plugin, v10_plugin, process);
SAME_FIELD(tp_plugin, v10_plugin, destroy);
SAME_FIELD(tp_plugin, v10_plugin, unload);

SAME_FIELD(tp_module, v10_module, abi_major);
SAME_FIELD(tp_module, v10_module, abi_minor);
SAME_FIELD(tp_module, v10_module, struct_size);
SAME_FIELD(tp_module, v10_module, plugin_size);
SAME_FIELD(tp_module, v10_module, option_size);
SAME_FIELD(tp_module, v10_module, plugins);

_Static_assert(TP_ABI_MAJOR == 1, "a new major may drop the 1.0 layout: update this test");
_Static_assert(TP_PLUGIN_MIN_SIZE == sizeof(v10_plugin), "the loader's minimum is the 1.0 layout");
_Static_assert(TP_OPTION_MIN_SIZE == sizeof(v10_option), "the loader's minimum is the 1.0 layout");
_Static_assert(TP_MODULE_MIN_SIZE == sizeof(v10_module), "the loader's minimum is the 1.0 layout");

static tp_module_handle handle;

static void close_handle(void)
{
    tp_module_handle_close(&handle);
}

static void open_fixture(const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/sdk/%s.so", TPIPE_BINARY_DIR, name);
    tp_error err = {0};
    ck_assert_msg(tp_registry_open(path, false, &handle, &err) == 0, "%s", err.message);
    ck_assert_uint_eq(handle.plugin_count, 1);
}

/* What the core sees of either fixture, in today's layout. */
static void check_descriptor(const char *name)
{
    const tp_plugin *p = &handle.plugins[0];
    ck_assert_str_eq(p->name, name);
    ck_assert_uint_eq(p->struct_size, sizeof(tp_plugin));
    ck_assert(p->load != NULL);
    ck_assert(p->create != NULL);
    ck_assert(p->process != NULL);
    ck_assert(p->destroy != NULL);
    ck_assert(p->unload != NULL);
    ck_assert_ptr_null(p->requires);
    ck_assert_str_eq(p->provides[0], name[4] == 'v' ? "doc:abi_v1_0" : "doc:abi_wide");
    static const struct {
        const char *name;
        tp_option_type type;
        const char *default_value, *range, *help;
    } rows[] = {
        {"greeting", TP_OPT_STRING, "hello", NULL, "what to say"},
        {"times", TP_OPT_INT, "1", "1..5", "how many times"},
        {"shout", TP_OPT_BOOL, "false", NULL, "in capitals"},
    };
    for (size_t i = 0; i < 3; i++) {
        const tp_option_spec *o = &p->options[i];
        ck_assert_str_eq(o->name, rows[i].name);
        ck_assert_int_eq(o->type, rows[i].type);
        ck_assert_str_eq(o->default_value, rows[i].default_value);
        if (rows[i].range)
            ck_assert_str_eq(o->range, rows[i].range);
        else
            ck_assert_ptr_null(o->range);
        ck_assert_ptr_null(o->choices);
        ck_assert_str_eq(o->help, rows[i].help);
    }
    ck_assert_ptr_null(p->options[3].name);
}

/* Bytes [from, to) of `p` are zero. */
static void assert_zero(const void *p, size_t from, size_t to)
{
    const unsigned char *bytes = p;
    for (size_t i = from; i < to; i++)
        ck_assert_msg(bytes[i] == 0, "byte %zu of a copied descriptor is not zero", i);
}

START_TEST(test_v1_0_layout_loads)
{
    open_fixture("abi_v1_0");
    ck_assert_uint_eq(handle.module->plugin_size, sizeof(v10_plugin));
    check_descriptor("abi_v1_0");
    /* Whatever later minors append to the structs reads as zero (unset)
     * for a 1.0 plugin: the loader copies only what the plugin declared. */
    const tp_plugin *p = &handle.plugins[0];
    assert_zero(p, sizeof(v10_plugin), sizeof(tp_plugin));
    for (size_t i = 0; i < 4; i++)
        assert_zero(&p->options[i], sizeof(v10_option), sizeof(tp_option_spec));
}
END_TEST

START_TEST(test_wider_layout_uses_module_strides)
{
    open_fixture("abi_wide");
    /* Rows wider than 1.0's: the loader must step by the module's size. */
    ck_assert_uint_gt(handle.module->option_size, sizeof(v10_option));
    ck_assert_uint_gt(handle.module->plugin_size, sizeof(v10_plugin));
    check_descriptor("abi_wide");
}
END_TEST

static Suite *abi_suite(void)
{
    Suite *s = suite_create("sdk_abi");
    TCase *tc = tcase_create("layouts");
    tcase_add_checked_fixture(tc, NULL, close_handle);
    tcase_add_test(tc, test_v1_0_layout_loads);
    tcase_add_test(tc, test_wider_layout_uses_module_strides);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(abi_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
