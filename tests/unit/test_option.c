/* test_option.c - option values and configs: the one boolean parser, ints
 * and numbers with ranges, enums with "did you mean", string lists, paths
 * resolved against the pipeline's folder, the schema check of plugin
 * descriptors, the typed getters, and the suggestion engine. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "config_internal.h"
#include "suggest.h"

static int noop(void *instance, tp_doc *doc, tp_error *err)
{
    return 0;
}

static const tp_option_spec spec_bool = {"flag", TP_OPT_BOOL, "false", NULL, NULL, ""};
static const tp_option_spec spec_int = {"limit", TP_OPT_INT, "10", "0..100", NULL, ""};
static const tp_option_spec spec_int_open = {"n", TP_OPT_INT, NULL, "1..", NULL, ""};
static const tp_option_spec spec_num = {"ratio", TP_OPT_NUMBER, "0.5", "-1..1", NULL, ""};
static const tp_option_spec spec_enum = {"mode", TP_OPT_ENUM, "fast", NULL, "fast|slow|sorted", ""};
static const tp_option_spec spec_list = {"tags", TP_OPT_STRING_LIST, NULL, NULL, NULL, ""};
static const tp_option_spec spec_list_choices = {"scopes", TP_OPT_STRING_LIST, NULL, NULL,
                                                 "document|sentence|quote", ""};
static const tp_option_spec spec_path = {"lexicon", TP_OPT_PATH, NULL, NULL, NULL, ""};
static const tp_option_spec spec_string = {"name", TP_OPT_STRING, NULL, NULL, NULL, ""};

/* Parses `text` and returns the status; `why` gets the reason. */
static int parse(const tp_option_spec *spec, const char *text, tp_opt_value *v, char *why)
{
    why[0] = '\0';
    return tp_option_parse(spec, text, "/base/dir", v, why, 256);
}

/* ---- bool ---- */

static const struct {
    const char *text;
    int rc;
    bool value;
} bool_cases[] = {
    {"true", 0, true},   {"yes", 0, true},    {"on", 0, true},     {"1", 0, true},
    {"TRUE", 0, true},   {"Yes", 0, true},    {"false", 0, false}, {"no", 0, false},
    {"off", 0, false},   {"0", 0, false},     {"OFF", 0, false},   {"y", TP_EPARSE, 0},
    {"2", TP_EPARSE, 0}, {"", TP_EPARSE, 0},  {"tru", TP_EPARSE, 0}, {"true ", TP_EPARSE, 0},
    {"nope", TP_EPARSE, 0},
};

START_TEST(bool_spellings)
{
    tp_opt_value v = {.spec = &spec_bool};
    char why[256];
    int rc = parse(&spec_bool, bool_cases[_i].text, &v, why);
    ck_assert_msg(rc == bool_cases[_i].rc, "'%s': rc %d", bool_cases[_i].text, rc);
    if (rc == 0) {
        ck_assert(v.present);
        ck_assert_msg(v.b == bool_cases[_i].value, "'%s'", bool_cases[_i].text);
    } else {
        char want[200];
        snprintf(want, sizeof want,
                 "expected a bool (true/false, yes/no, on/off, 1/0), got '%s'",
                 bool_cases[_i].text);
        ck_assert_str_eq(why, want);
        ck_assert(!v.present);
    }
    bool b;
    ck_assert_int_eq(tp_parse_bool(bool_cases[_i].text, &b), bool_cases[_i].rc);
    tp_opt_value_clear(&v);
}
END_TEST

/* ---- int / number ---- */

START_TEST(ints_and_ranges)
{
    tp_opt_value v = {.spec = &spec_int};
    char why[256];
    ck_assert_int_eq(parse(&spec_int, "42", &v, why), 0);
    ck_assert_int_eq(v.i, 42);
    ck_assert_int_eq(parse(&spec_int, "0", &v, why), 0);
    ck_assert_int_eq(v.i, 0);
    ck_assert_int_eq(parse(&spec_int, "100", &v, why), 0);
    ck_assert_int_eq(v.i, 100);
    ck_assert_int_eq(parse(&spec_int, "101", &v, why), TP_ERANGE);
    ck_assert_str_eq(why, "value 101 is out of range (allowed: 0..100)");
    ck_assert_int_eq(v.i, 100); /* a failed parse leaves the old value */
    ck_assert_int_eq(parse(&spec_int, "-1", &v, why), TP_ERANGE);
    ck_assert_str_eq(why, "value -1 is out of range (allowed: 0..100)");
    ck_assert_int_eq(parse(&spec_int, "abc", &v, why), TP_EPARSE);
    ck_assert_str_eq(why, "expected an integer, got 'abc'");
    ck_assert_int_eq(parse(&spec_int, "4.5", &v, why), TP_EPARSE);
    ck_assert_str_eq(why, "expected an integer, got '4.5'");
    ck_assert_int_eq(parse(&spec_int, "", &v, why), TP_EPARSE);
    ck_assert_int_eq(parse(&spec_int, "12abc", &v, why), TP_EPARSE);
    ck_assert_int_eq(parse(&spec_int, "99999999999999999999", &v, why), TP_EPARSE);

    tp_opt_value w = {.spec = &spec_int_open};
    ck_assert_int_eq(parse(&spec_int_open, "9223372036854775807", &w, why), 0);
    ck_assert_int_eq(w.i, INT64_MAX);
    ck_assert_int_eq(parse(&spec_int_open, "0", &w, why), TP_ERANGE);
    ck_assert_str_eq(why, "value 0 is out of range (allowed: 1..)");
    tp_opt_value_clear(&v);
    tp_opt_value_clear(&w);
}
END_TEST

START_TEST(numbers_and_ranges)
{
    tp_opt_value v = {.spec = &spec_num};
    char why[256];
    ck_assert_int_eq(parse(&spec_num, "0.25", &v, why), 0);
    ck_assert_double_eq(v.d, 0.25);
    ck_assert_int_eq(parse(&spec_num, "-1", &v, why), 0);
    ck_assert_double_eq(v.d, -1.0);
    ck_assert_int_eq(parse(&spec_num, "1e-3", &v, why), 0);
    ck_assert_double_eq_tol(v.d, 0.001, 1e-12);
    ck_assert_int_eq(parse(&spec_num, "1.5", &v, why), TP_ERANGE);
    ck_assert_str_eq(why, "value 1.5 is out of range (allowed: -1..1)");
    ck_assert_int_eq(parse(&spec_num, "nan", &v, why), TP_EPARSE);
    ck_assert_str_eq(why, "expected a number, got 'nan'");
    ck_assert_int_eq(parse(&spec_num, "inf", &v, why), TP_EPARSE);
    ck_assert_int_eq(parse(&spec_num, "1e999", &v, why), TP_EPARSE);
    ck_assert_int_eq(parse(&spec_num, "half", &v, why), TP_EPARSE);
    tp_opt_value_clear(&v);
}
END_TEST

START_TEST(range_parse)
{
    bool lo, hi;
    double a = 0, b = 0;
    ck_assert_int_eq(tp_range_parse("0..100", &lo, &a, &hi, &b), 0);
    ck_assert(lo && hi);
    ck_assert_double_eq(a, 0);
    ck_assert_double_eq(b, 100);
    ck_assert_int_eq(tp_range_parse("..5", &lo, &a, &hi, &b), 0);
    ck_assert(!lo && hi);
    ck_assert_int_eq(tp_range_parse("-2.5..", &lo, &a, &hi, &b), 0);
    ck_assert(lo && !hi);
    ck_assert_double_eq(a, -2.5);
    ck_assert_int_eq(tp_range_parse(NULL, &lo, &a, &hi, &b), 0);
    ck_assert(!lo && !hi);
    ck_assert_int_eq(tp_range_parse("1-5", &lo, &a, &hi, &b), TP_EPARSE);
    ck_assert_int_eq(tp_range_parse("5..1", &lo, &a, &hi, &b), TP_EPARSE);
    ck_assert_int_eq(tp_range_parse("a..b", &lo, &a, &hi, &b), TP_EPARSE);
}
END_TEST

/* ---- enum ---- */

START_TEST(enums_with_suggestions)
{
    tp_opt_value v = {.spec = &spec_enum};
    char why[256];
    ck_assert_int_eq(parse(&spec_enum, "slow", &v, why), 0);
    ck_assert_str_eq(v.s, "slow");
    ck_assert_int_eq(parse(&spec_enum, "slwo", &v, why), TP_EPARSE);
    ck_assert_str_eq(why,
                     "'slwo' is not allowed; did you mean 'slow'? (allowed: fast|slow|sorted)");
    ck_assert_int_eq(parse(&spec_enum, "sortd", &v, why), TP_EPARSE);
    ck_assert_str_eq(why,
                     "'sortd' is not allowed; did you mean 'sorted'? (allowed: fast|slow|sorted)");
    ck_assert_int_eq(parse(&spec_enum, "zzzzzz", &v, why), TP_EPARSE);
    ck_assert_str_eq(why, "'zzzzzz' is not allowed (allowed: fast|slow|sorted)");
    /* choices match whole words only, and case matters */
    ck_assert_int_eq(parse(&spec_enum, "fas", &v, why), TP_EPARSE);
    ck_assert_int_eq(parse(&spec_enum, "fast|slow", &v, why), TP_EPARSE);
    ck_assert_int_eq(parse(&spec_enum, "Fast", &v, why), TP_EPARSE);
    ck_assert_str_eq(v.s, "slow");
    tp_opt_value_clear(&v);
}
END_TEST

/* ---- lists ---- */

START_TEST(lists_comma_separated)
{
    tp_opt_value v = {.spec = &spec_list};
    char why[256];
    ck_assert_int_eq(parse(&spec_list, " a, b ,c ", &v, why), 0);
    ck_assert_uint_eq(v.count, 3);
    ck_assert_str_eq(v.items[0], "a");
    ck_assert_str_eq(v.items[1], "b");
    ck_assert_str_eq(v.items[2], "c");
    ck_assert_int_eq(parse(&spec_list, "x,,y,", &v, why), 0);
    ck_assert_uint_eq(v.count, 2);
    ck_assert_str_eq(v.items[1], "y");
    ck_assert_int_eq(parse(&spec_list, "", &v, why), 0);
    ck_assert_uint_eq(v.count, 0);
    ck_assert(v.present);
    ck_assert_int_eq(parse(&spec_list, "Mr., Mrs., Dr.", &v, why), 0);
    ck_assert_uint_eq(v.count, 3);
    ck_assert_str_eq(v.items[2], "Dr.");
    tp_opt_value_clear(&v);
}
END_TEST

START_TEST(lists_too_long)
{
    tp_opt_value v = {.spec = &spec_list};
    char why[256];
    char text[2000];
    size_t n = 0;
    for (int i = 0; i < 257; i++)
        n += (size_t)snprintf(text + n, sizeof text - n, "%s%d", i ? "," : "", i % 10);
    ck_assert_int_eq(parse(&spec_list, text, &v, why), TP_ERANGE);
    ck_assert_str_eq(why, "too many items (at most 256)");
    ck_assert(!v.present);
    tp_opt_value_clear(&v);
}
END_TEST

START_TEST(lists_with_choices)
{
    tp_opt_value v = {.spec = &spec_list_choices};
    char why[256];
    ck_assert_int_eq(parse(&spec_list_choices, "document, quote", &v, why), 0);
    ck_assert_uint_eq(v.count, 2);
    ck_assert_int_eq(parse(&spec_list_choices, "document,sentense", &v, why), TP_EPARSE);
    ck_assert_str_eq(why, "'sentense' is not allowed; did you mean 'sentence'? "
                          "(allowed: document|sentence|quote)");
    ck_assert_uint_eq(v.count, 2); /* unchanged */
    const char *items[] = {"quote", "sentence"};
    ck_assert_int_eq(tp_option_parse_items(&spec_list_choices, items, 2, &v, why, sizeof why), 0);
    ck_assert_str_eq(v.items[0], "quote");
    const char *bad[] = {"paragraph"};
    ck_assert_int_eq(tp_option_parse_items(&spec_list_choices, bad, 1, &v, why, sizeof why),
                     TP_EPARSE);
    ck_assert_str_eq(why, "'paragraph' is not allowed (allowed: document|sentence|quote)");
    /* a YAML list for an option that is not a list */
    ck_assert_int_eq(tp_option_parse_items(&spec_int, items, 2, &v, why, sizeof why), TP_EPARSE);
    ck_assert_ptr_nonnull(strstr(why, "got a list"));
    tp_opt_value_clear(&v);
}
END_TEST

/* ---- paths and strings ---- */

START_TEST(paths_resolve_against_base)
{
    tp_opt_value v = {.spec = &spec_path};
    char why[256];
    ck_assert_int_eq(parse(&spec_path, "data/lexicon.txt", &v, why), 0);
    ck_assert_str_eq(v.s, "/base/dir/data/lexicon.txt");
    ck_assert_int_eq(parse(&spec_path, "/abs/file", &v, why), 0);
    ck_assert_str_eq(v.s, "/abs/file");
    ck_assert_int_eq(tp_option_parse(&spec_path, "rel", NULL, &v, why, sizeof why), 0);
    ck_assert_str_eq(v.s, "rel");
    /* strings are never treated as paths */
    tp_opt_value s = {.spec = &spec_string};
    ck_assert_int_eq(parse(&spec_string, "data/x", &s, why), 0);
    ck_assert_str_eq(s.s, "data/x");
    tp_opt_value_clear(&v);
    tp_opt_value_clear(&s);
}
END_TEST

/* ---- schema check ---- */

static tp_plugin plugin_with(const tp_option_spec *options)
{
    return (tp_plugin){TP_PLUGIN_INIT, .name = "demo", .version = "1", .options = options,
                       .process = noop};
}

static const struct schema_case {
    const char *name;
    tp_option_spec spec;
    const char *message; /* NULL: valid */
} schema_cases[] = {
    {"good int", {"limit", TP_OPT_INT, "10", "0..100", NULL, "h"}, NULL},
    {"no default", {"path", TP_OPT_PATH, NULL, NULL, NULL, "h"}, NULL},
    {"bad int default",
     {"count", TP_OPT_INT, "abc", NULL, NULL, "h"},
     "plugin 'demo': the default of option 'count' (int) does not parse: expected an integer, "
     "got 'abc'; the plugin must be fixed and rebuilt"},
    {"default out of range",
     {"count", TP_OPT_INT, "500", "0..100", NULL, "h"},
     "plugin 'demo': the default of option 'count' (int) does not parse: value 500 is out of "
     "range (allowed: 0..100); the plugin must be fixed and rebuilt"},
    {"bad bool default",
     {"flag", TP_OPT_BOOL, "maybe", NULL, NULL, "h"},
     "plugin 'demo': the default of option 'flag' (bool) does not parse: expected a bool "
     "(true/false, yes/no, on/off, 1/0), got 'maybe'; the plugin must be fixed and rebuilt"},
    {"enum default not a choice",
     {"mode", TP_OPT_ENUM, "medium", NULL, "fast|slow", "h"},
     "plugin 'demo': the default of option 'mode' (enum) does not parse: 'medium' is not "
     "allowed (allowed: fast|slow); the plugin must be fixed and rebuilt"},
    {"enum without choices",
     {"mode", TP_OPT_ENUM, NULL, NULL, NULL, "h"},
     "plugin 'demo': enum option 'mode' lists no choices"},
    {"bad name",
     {"Limit", TP_OPT_INT, NULL, NULL, NULL, "h"},
     "plugin 'demo': option name 'Limit' is not of the form [a-z][a-z0-9_]*"},
    {"name with dash",
     {"max-len", TP_OPT_INT, NULL, NULL, NULL, "h"},
     "plugin 'demo': option name 'max-len' is not of the form [a-z][a-z0-9_]*"},
    {"malformed range",
     {"limit", TP_OPT_INT, NULL, "1-5", NULL, "h"},
     "plugin 'demo': option 'limit' has a malformed range '1-5' (expected MIN..MAX)"},
    {"reversed range",
     {"limit", TP_OPT_INT, NULL, "5..1", NULL, "h"},
     "plugin 'demo': option 'limit' has a malformed range '5..1' (expected MIN..MAX)"},
    {"unknown type",
     {"x", (tp_option_type)42, NULL, NULL, NULL, "h"},
     "plugin 'demo': option 'x' has unknown type 42"},
    {"list default with bad choice",
     {"scopes", TP_OPT_STRING_LIST, "document,paragraph", NULL, "document|sentence", "h"},
     "plugin 'demo': the default of option 'scopes' (string list) does not parse: 'paragraph' "
     "is not allowed (allowed: document|sentence); the plugin must be fixed and rebuilt"},
};

START_TEST(schema_check_table)
{
    const struct schema_case *c = &schema_cases[_i];
    tp_option_spec specs[2] = {c->spec, {NULL, 0, NULL, NULL, NULL, NULL}};
    tp_plugin p = plugin_with(specs);
    tp_error err = {0};
    int rc = tp_schema_check(&p, &err);
    if (!c->message) {
        ck_assert_msg(rc == 0, "%s: %s", c->name, err.message);
    } else {
        ck_assert_msg(rc == TP_EPLUGIN, "%s: rc %d", c->name, rc);
        ck_assert_str_eq(err.message, c->message);
    }
}
END_TEST

START_TEST(schema_duplicate_option)
{
    tp_option_spec specs[] = {{"a", TP_OPT_INT, NULL, NULL, NULL, ""},
                              {"b", TP_OPT_INT, NULL, NULL, NULL, ""},
                              {"a", TP_OPT_BOOL, NULL, NULL, NULL, ""},
                              {NULL, 0, NULL, NULL, NULL, NULL}};
    tp_plugin p = plugin_with(specs);
    tp_error err = {0};
    ck_assert_int_eq(tp_schema_check(&p, &err), TP_EPLUGIN);
    ck_assert_str_eq(err.message, "plugin 'demo': option 'a' is declared twice");
    tp_plugin none = plugin_with(NULL);
    ck_assert_int_eq(tp_schema_check(&none, &err), 0);
}
END_TEST

/* ---- configs and getters ---- */

static const tp_option_spec all_options[] = {
    {"flag", TP_OPT_BOOL, "yes", NULL, NULL, ""},
    {"limit", TP_OPT_INT, "10", "0..100", NULL, ""},
    {"ratio", TP_OPT_NUMBER, "0.5", NULL, NULL, ""},
    {"name", TP_OPT_STRING, "anon", NULL, NULL, ""},
    {"mode", TP_OPT_ENUM, "fast", NULL, "fast|slow", ""},
    {"tags", TP_OPT_STRING_LIST, "a,b", NULL, NULL, ""},
    {"lexicon", TP_OPT_PATH, NULL, NULL, NULL, ""},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

START_TEST(config_defaults_and_getters)
{
    tp_plugin p = plugin_with(all_options);
    tp_config *c;
    tp_error err = {0};
    ck_assert_int_eq(tp_config_new(&p, NULL, &c, &err), 0);
    ck_assert_str_eq(tp_config_step_id(c), "demo");
    ck_assert(tp_config_bool(c, "flag"));
    ck_assert_int_eq(tp_config_int(c, "limit"), 10);
    ck_assert_double_eq(tp_config_number(c, "ratio"), 0.5);
    ck_assert_str_eq(tp_config_string(c, "name"), "anon");
    ck_assert_str_eq(tp_config_string(c, "mode"), "fast"); /* enums read as strings */
    ck_assert_uint_eq(tp_config_list_count(c, "tags"), 2);
    ck_assert_str_eq(tp_config_list_item(c, "tags", 1), "b");
    ck_assert_ptr_null(tp_config_list_item(c, "tags", 2));
    ck_assert(tp_config_list_has(c, "tags", "a"));
    ck_assert(!tp_config_list_has(c, "tags", "c"));
    ck_assert_ptr_null(tp_config_string(c, "lexicon")); /* no default, not set */
    for (const tp_option_spec *o = all_options; o->name; o++)
        ck_assert_msg(!tp_config_is_set(c, o->name), "%s", o->name);

    /* wrong type or unknown name: the zero value */
    ck_assert_int_eq(tp_config_int(c, "flag"), 0);
    ck_assert(!tp_config_bool(c, "limit"));
    ck_assert_double_eq(tp_config_number(c, "limit"), 0.0);
    ck_assert_ptr_null(tp_config_string(c, "limit"));
    ck_assert_uint_eq(tp_config_list_count(c, "name"), 0);
    ck_assert_int_eq(tp_config_int(c, "nosuch"), 0);
    ck_assert_ptr_null(tp_config_string(c, "nosuch"));
    ck_assert(!tp_config_is_set(c, "nosuch"));

    /* setting a value through the slot, as the loader does */
    tp_opt_value *slot = tp_config_slot(c, "limit");
    ck_assert_ptr_nonnull(slot);
    char why[256];
    ck_assert_int_eq(tp_option_parse(slot->spec, "77", NULL, slot, why, sizeof why), 0);
    slot->set = true;
    ck_assert_int_eq(tp_config_int(c, "limit"), 77);
    ck_assert(tp_config_is_set(c, "limit"));
    ck_assert_ptr_null(tp_config_slot(c, "nosuch"));
    tp_config_free(c);

    ck_assert_int_eq(tp_config_new(&p, "second", &c, &err), 0);
    ck_assert_str_eq(tp_config_step_id(c), "second");
    tp_config_free(c);
    tp_config_free(NULL);
}
END_TEST

START_TEST(config_new_refuses_bad_default)
{
    tp_option_spec specs[] = {{"count", TP_OPT_INT, "abc", NULL, NULL, ""},
                              {NULL, 0, NULL, NULL, NULL, NULL}};
    tp_plugin p = plugin_with(specs);
    tp_config *c = NULL;
    tp_error err = {0};
    ck_assert_int_eq(tp_config_new(&p, NULL, &c, &err), TP_EPLUGIN);
    ck_assert_ptr_nonnull(strstr(err.message, "option 'count'"));
    ck_assert_ptr_nonnull(strstr(err.message, "expected an integer, got 'abc'"));
}
END_TEST

START_TEST(schema_names_listed)
{
    tp_plugin p = plugin_with(all_options);
    const char *names[8];
    ck_assert_uint_eq(tp_schema_names(&p, names, 8), 7);
    ck_assert_str_eq(names[0], "flag");
    ck_assert_str_eq(names[6], "lexicon");
    ck_assert_uint_eq(tp_schema_names(&p, names, 3), 3);
    ck_assert_str_eq(tp_option_type_name(TP_OPT_STRING_LIST), "string list");
    ck_assert_str_eq(tp_option_type_name(TP_OPT_PATH), "path");
}
END_TEST

/* ---- suggestions ---- */

START_TEST(suggestions)
{
    const char *opts[] = {"attribution", "abbreviations", "mode", "limit", "sentences"};
    ck_assert_str_eq(tp_suggest("atribution", opts, 5), "attribution");
    ck_assert_str_eq(tp_suggest("mdoe", opts, 5), "mode"); /* transposition: distance 1 */
    ck_assert_str_eq(tp_suggest("limt", opts, 5), "limit");
    ck_assert_str_eq(tp_suggest("sentence", opts, 5), "sentences");
    ck_assert_ptr_null(tp_suggest("xyz", opts, 5));
    ck_assert_ptr_null(tp_suggest("colour", opts, 5));
    ck_assert_ptr_null(tp_suggest("mo", opts, 5)); /* two edits in a short word */
    ck_assert_ptr_null(tp_suggest("anything", opts, 0));
    /* the closest wins */
    const char *close[] = {"steps", "step"};
    ck_assert_str_eq(tp_suggest("stepz", close, 2), "steps");
    /* very long words are not compared (no huge tables), and do not crash */
    char long_word[200];
    memset(long_word, 'a', sizeof long_word - 1);
    long_word[sizeof long_word - 1] = '\0';
    ck_assert_ptr_null(tp_suggest(long_word, opts, 5));
}
END_TEST

static Suite *option_suite(void)
{
    Suite *s = suite_create("option");
    TCase *tc = tcase_create("bool");
    tcase_add_loop_test(tc, bool_spellings, 0, (int)(sizeof bool_cases / sizeof *bool_cases));
    suite_add_tcase(s, tc);
    tc = tcase_create("numbers");
    tcase_add_test(tc, ints_and_ranges);
    tcase_add_test(tc, numbers_and_ranges);
    tcase_add_test(tc, range_parse);
    suite_add_tcase(s, tc);
    tc = tcase_create("enums_lists");
    tcase_add_test(tc, enums_with_suggestions);
    tcase_add_test(tc, lists_comma_separated);
    tcase_add_test(tc, lists_too_long);
    tcase_add_test(tc, lists_with_choices);
    suite_add_tcase(s, tc);
    tc = tcase_create("paths");
    tcase_add_test(tc, paths_resolve_against_base);
    suite_add_tcase(s, tc);
    tc = tcase_create("schema");
    tcase_add_loop_test(tc, schema_check_table, 0,
                        (int)(sizeof schema_cases / sizeof *schema_cases));
    tcase_add_test(tc, schema_duplicate_option);
    suite_add_tcase(s, tc);
    tc = tcase_create("config");
    tcase_add_test(tc, config_defaults_and_getters);
    tcase_add_test(tc, config_new_refuses_bad_default);
    tcase_add_test(tc, schema_names_listed);
    suite_add_tcase(s, tc);
    tc = tcase_create("suggest");
    tcase_add_test(tc, suggestions);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(option_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
