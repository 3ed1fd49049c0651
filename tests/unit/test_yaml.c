/* test_yaml.c - the YAML tree: node kinds and positions, and what it refuses
 * (aliases, billion laughs, a second document, deep nesting, too many nodes)
 * with the position of the problem. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

#include "yaml_tree.h"

typedef struct parsed {
    int rc, line, col;
    char why[256];
    tp_yaml_node *root;
} parsed;

static parsed parse(const char *text)
{
    parsed p = {0};
    p.rc = tp_yaml_parse(text, strlen(text), &p.root, &p.line, &p.col, p.why, sizeof p.why);
    return p;
}

static const tp_yaml_node *get(const tp_yaml_node *map, const char *key)
{
    ck_assert_int_eq(map->kind, TP_YAML_MAPPING);
    for (size_t i = 0; i + 1 < map->count; i += 2)
        if (strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    return NULL;
}

START_TEST(tree_and_positions)
{
    parsed p = parse("version: 1\n"
                     "name: \"news\"\n"
                     "steps:\n"
                     "  - plugin: tokenizer\n"
                     "  - plugin: quotes\n"
                     "    options:\n"
                     "      scopes: [document, 'quote']\n");
    ck_assert_int_eq(p.rc, 0);
    const tp_yaml_node *root = p.root;
    ck_assert_int_eq(root->kind, TP_YAML_MAPPING);
    ck_assert_uint_eq(root->count, 6); /* key, value x 3 */
    ck_assert_int_eq(root->line, 1);
    ck_assert_int_eq(root->col, 1);

    const tp_yaml_node *version = get(root, "version");
    ck_assert_int_eq(version->kind, TP_YAML_SCALAR);
    ck_assert_str_eq(version->value, "1");
    ck_assert_uint_eq(version->len, 1);
    ck_assert(version->plain);
    ck_assert_int_eq(version->line, 1);
    ck_assert_int_eq(version->col, 10);

    const tp_yaml_node *name = get(root, "name");
    ck_assert_str_eq(name->value, "news");
    ck_assert(!name->plain); /* quoted */
    ck_assert_int_eq(name->line, 2);
    ck_assert_int_eq(name->col, 7);

    const tp_yaml_node *steps = get(root, "steps");
    ck_assert_int_eq(steps->kind, TP_YAML_SEQUENCE);
    ck_assert_uint_eq(steps->count, 2);
    const tp_yaml_node *s1 = steps->items[1];
    ck_assert_int_eq(s1->kind, TP_YAML_MAPPING);
    ck_assert_int_eq(s1->line, 5);
    ck_assert_int_eq(s1->col, 5);
    ck_assert_str_eq(s1->items[0]->value, "plugin");
    ck_assert_int_eq(s1->items[0]->line, 5);
    ck_assert_int_eq(s1->items[0]->col, 5);
    const tp_yaml_node *scopes = get(get(s1, "options"), "scopes");
    ck_assert_int_eq(scopes->kind, TP_YAML_SEQUENCE);
    ck_assert_int_eq(scopes->line, 7);
    ck_assert_int_eq(scopes->col, 15);
    ck_assert_uint_eq(scopes->count, 2);
    ck_assert_str_eq(scopes->items[1]->value, "quote");
    ck_assert_int_eq(scopes->items[1]->col, 26);
    tp_yaml_free(p.root);
}
END_TEST

START_TEST(empty_and_scalar_documents)
{
    parsed p = parse("");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_ptr_null(p.root);
    p = parse("# only a comment\n");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_ptr_null(p.root);
    p = parse("just text\n");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_int_eq(p.root->kind, TP_YAML_SCALAR);
    ck_assert_str_eq(p.root->value, "just text");
    tp_yaml_free(p.root);
    /* empty values are empty plain scalars */
    p = parse("a:\nb: ~\n");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_str_eq(get(p.root, "a")->value, "");
    ck_assert_uint_eq(get(p.root, "a")->len, 0);
    ck_assert_str_eq(get(p.root, "b")->value, "~");
    tp_yaml_free(p.root);
    /* an explicit single document is fine */
    p = parse("---\na: 1\n...\n");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_str_eq(get(p.root, "a")->value, "1");
    tp_yaml_free(p.root);
}
END_TEST

START_TEST(scalars_keep_text_exactly)
{
    /* YAML's type guessing is not applied: "yes" and "1.0" stay text */
    parsed p = parse("a: yes\nb: 1.0\nc: 'it''s'\nd: \"tab\\there\"\ne: |\n  line1\n  line2\n");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_str_eq(get(p.root, "a")->value, "yes");
    ck_assert_str_eq(get(p.root, "b")->value, "1.0");
    ck_assert_str_eq(get(p.root, "c")->value, "it's");
    ck_assert_str_eq(get(p.root, "d")->value, "tab\there");
    ck_assert_str_eq(get(p.root, "e")->value, "line1\nline2\n");
    ck_assert(!get(p.root, "e")->plain);
    tp_yaml_free(p.root);
}
END_TEST

START_TEST(duplicate_keys_are_kept_for_the_loader)
{
    /* the tree keeps both so that the loader can report the duplicate */
    parsed p = parse("a: 1\na: 2\n");
    ck_assert_int_eq(p.rc, 0);
    ck_assert_uint_eq(p.root->count, 4);
    ck_assert_int_eq(p.root->items[2]->line, 2);
    tp_yaml_free(p.root);
}
END_TEST

START_TEST(aliases_refused)
{
    parsed p = parse("base: &b 1\nother: *b\n");
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_ptr_null(p.root);
    ck_assert_int_eq(p.line, 2);
    ck_assert_int_eq(p.col, 8);
    ck_assert_str_eq(p.why,
                     "YAML aliases (*b) are not supported in pipeline files; write the value out");
    /* an anchor alone is harmless */
    p = parse("base: &b 1\n");
    ck_assert_int_eq(p.rc, 0);
    tp_yaml_free(p.root);
}
END_TEST

START_TEST(billion_laughs_refused)
{
    parsed p = parse("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n"
                     "b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n"
                     "c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
                     "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n"
                     "e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n"
                     "f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
                     "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n"
                     "h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\n"
                     "i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n");
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_ptr_null(p.root);
    ck_assert_int_eq(p.line, 2);
    ck_assert_int_eq(p.col, 8);
    ck_assert_ptr_nonnull(strstr(p.why, "aliases (*a) are not supported"));
}
END_TEST

START_TEST(second_document_refused)
{
    parsed p = parse("version: 1\n---\nversion: 2\n");
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_ptr_null(p.root);
    ck_assert_int_eq(p.line, 2);
    ck_assert_int_eq(p.col, 1);
    ck_assert_str_eq(p.why, "a pipeline file holds one YAML document, found a second");
}
END_TEST

static char *nested(int depth)
{
    char *s = malloc((size_t)depth * 2 + 2);
    for (int i = 0; i < depth; i++)
        s[i] = '[';
    for (int i = 0; i < depth; i++)
        s[depth + i] = ']';
    s[2 * depth] = '\n';
    s[2 * depth + 1] = '\0';
    return s;
}

START_TEST(depth_limit)
{
    char *ok = nested(TP_YAML_MAX_DEPTH);
    parsed p = parse(ok);
    ck_assert_msg(p.rc == 0, "%d levels: %s", TP_YAML_MAX_DEPTH, p.why);
    const tp_yaml_node *n = p.root;
    int levels = 0;
    while (n && n->kind == TP_YAML_SEQUENCE) {
        levels++;
        n = n->count ? n->items[0] : NULL;
    }
    ck_assert_int_eq(levels, TP_YAML_MAX_DEPTH);
    tp_yaml_free(p.root);
    free(ok);

    char *deep = nested(TP_YAML_MAX_DEPTH + 1);
    p = parse(deep);
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_ptr_null(p.root);
    ck_assert_int_eq(p.line, 1);
    ck_assert_int_eq(p.col, TP_YAML_MAX_DEPTH + 1);
    char want[128];
    snprintf(want, sizeof want, "YAML nested too deeply (at most %d levels)", TP_YAML_MAX_DEPTH);
    ck_assert_str_eq(p.why, want);
    free(deep);

    /* block mappings count as well */
    char block[4096] = "";
    size_t used = 0;
    for (int i = 0; i <= TP_YAML_MAX_DEPTH; i++)
        used += (size_t)snprintf(block + used, sizeof block - used, "%*sk%d:\n", i, "", i);
    snprintf(block + used, sizeof block - used, "%*sleaf: 1\n", TP_YAML_MAX_DEPTH + 1, "");
    p = parse(block);
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_str_eq(p.why, want);
}
END_TEST

START_TEST(node_limit)
{
    size_t n = TP_YAML_MAX_NODES + 10;
    char *s = malloc(n * 2 + 4);
    size_t k = 0;
    s[k++] = '[';
    for (size_t i = 0; i < n; i++) {
        s[k++] = '0';
        s[k++] = ',';
    }
    s[k - 1] = ']';
    s[k] = '\0';
    parsed p = parse(s);
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_ptr_null(p.root);
    char want[128];
    snprintf(want, sizeof want, "too many YAML nodes (at most %d)", TP_YAML_MAX_NODES);
    ck_assert_str_eq(p.why, want);
    ck_assert_int_eq(p.line, 1);
    /* the sequence itself is node 1, so scalar number MAX (at column 2*MAX) overflows */
    ck_assert_int_eq(p.col, 2 * TP_YAML_MAX_NODES);
    free(s);
}
END_TEST

static const struct syntax_case {
    const char *text;
    int line, col;
    const char *why;
} syntax_cases[] = {
    {"a: [1, 2\nb: 3\n", 2, 2,
     "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence"},
    {"version: 1\nsteps:\n  - plugin: x\n   bad: 2\n", 4, 4,
     "invalid YAML: did not find expected '-' indicator while parsing a block collection"},
    {"key: \"unterminated\n", 2, 1,
     "invalid YAML: found unexpected end of stream while scanning a quoted scalar"},
    {"a:\n\t- b\n", 2, 1,
     "invalid YAML: found character that cannot start any token while scanning for the next "
     "token"},
    {"a: b: c\n", 1, 5, "invalid YAML: mapping values are not allowed in this context"},
};

START_TEST(syntax_error_positions)
{
    const struct syntax_case *c = &syntax_cases[_i];
    parsed p = parse(c->text);
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_ptr_null(p.root);
    ck_assert_msg(p.line == c->line && p.col == c->col, "case %d: got %d:%d, want %d:%d", _i,
                  p.line, p.col, c->line, c->col);
    ck_assert_str_eq(p.why, c->why);
}
END_TEST

START_TEST(binary_input_refused)
{
    const char bin[] = "a: \x01\x02\xff\xfe\n";
    parsed p = {0};
    p.rc = tp_yaml_parse(bin, sizeof bin - 1, &p.root, &p.line, &p.col, p.why, sizeof p.why);
    ck_assert_int_eq(p.rc, TP_EPARSE);
    ck_assert_ptr_null(p.root);
    ck_assert_ptr_nonnull(strstr(p.why, "invalid YAML"));
    ck_assert_int_ge(p.line, 1);
}
END_TEST

START_TEST(kind_names)
{
    ck_assert_str_eq(tp_yaml_kind_name(TP_YAML_SCALAR), "a scalar");
    ck_assert_str_eq(tp_yaml_kind_name(TP_YAML_SEQUENCE), "a list");
    ck_assert_str_eq(tp_yaml_kind_name(TP_YAML_MAPPING), "a mapping");
    tp_yaml_free(NULL);
}
END_TEST

static Suite *yaml_suite(void)
{
    Suite *s = suite_create("yaml");
    TCase *tc = tcase_create("tree");
    tcase_add_test(tc, tree_and_positions);
    tcase_add_test(tc, empty_and_scalar_documents);
    tcase_add_test(tc, scalars_keep_text_exactly);
    tcase_add_test(tc, duplicate_keys_are_kept_for_the_loader);
    tcase_add_test(tc, kind_names);
    suite_add_tcase(s, tc);
    tc = tcase_create("refused");
    tcase_add_test(tc, aliases_refused);
    tcase_add_test(tc, billion_laughs_refused);
    tcase_add_test(tc, second_document_refused);
    tcase_add_test(tc, depth_limit);
    tcase_add_test(tc, node_limit);
    tcase_add_test(tc, binary_input_refused);
    suite_add_tcase(s, tc);
    tc = tcase_create("syntax");
    tcase_add_loop_test(tc, syntax_error_positions, 0,
                        (int)(sizeof syntax_cases / sizeof *syntax_cases));
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(yaml_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
