/* yaml_tree.c - libyaml events to a tree with positions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include <tpipe/error.h>

#include "yaml_tree.h"

const char *tp_yaml_kind_name(tp_yaml_kind kind)
{
    switch (kind) {
    case TP_YAML_SCALAR: return "a scalar";
    case TP_YAML_SEQUENCE: return "a list";
    case TP_YAML_MAPPING: return "a mapping";
    }
    return "a node";
}

void tp_yaml_free(tp_yaml_node *node)
{
    if (!node)
        return;
    for (size_t i = 0; i < node->count; i++)
        tp_yaml_free(node->items[i]);
    free(node->items);
    free(node->value);
    free(node);
}

static int add_child(tp_yaml_node *parent, tp_yaml_node *child)
{
    if ((parent->count & (parent->count - 1)) == 0) { /* grow at powers of two */
        size_t ncap = parent->count ? parent->count * 2 : 4;
        tp_yaml_node **n = realloc(parent->items, ncap * sizeof *n);
        if (!n)
            return TP_ENOMEM;
        parent->items = n;
    }
    parent->items[parent->count++] = child;
    return 0;
}

static tp_yaml_node *node_new(tp_yaml_kind kind, const yaml_mark_t *mark)
{
    tp_yaml_node *n = calloc(1, sizeof *n);
    if (n) {
        n->kind = kind;
        n->line = (int)mark->line + 1;
        n->col = (int)mark->column + 1;
    }
    return n;
}

int tp_yaml_parse(const char *text, size_t len, tp_yaml_node **root, int *line, int *col,
                  char *why, size_t why_len)
{
    yaml_parser_t parser;
    yaml_event_t event;
    tp_yaml_node *stack[TP_YAML_MAX_DEPTH + 1];
    size_t depth = 0, nodes = 0;
    int documents = 0, rc = 0;
    tp_yaml_node *top = NULL;

    *root = NULL;
    *line = *col = 0;
    if (!yaml_parser_initialize(&parser)) {
        snprintf(why, why_len, "out of memory");
        return TP_ENOMEM;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
    for (bool done = false; !done;) {
        if (!yaml_parser_parse(&parser, &event)) {
            const yaml_mark_t *m = parser.problem_mark.line || parser.problem_mark.column
                                       ? &parser.problem_mark
                                       : &parser.context_mark;
            *line = (int)m->line + 1;
            *col = (int)m->column + 1;
            snprintf(why, why_len, "invalid YAML: %s%s%s", parser.problem ? parser.problem : "syntax error",
                     parser.context ? " " : "", parser.context ? parser.context : "");
            rc = TP_EPARSE;
            break;
        }
        tp_yaml_node *n = NULL;
        switch (event.type) {
        case YAML_STREAM_END_EVENT:
            done = true;
            break;
        case YAML_DOCUMENT_START_EVENT:
            if (++documents > 1) {
                *line = (int)event.start_mark.line + 1;
                *col = (int)event.start_mark.column + 1;
                snprintf(why, why_len, "a pipeline file holds one YAML document, found a second");
                rc = TP_EPARSE;
            }
            break;
        case YAML_ALIAS_EVENT:
            *line = (int)event.start_mark.line + 1;
            *col = (int)event.start_mark.column + 1;
            snprintf(why, why_len,
                     "YAML aliases (*%s) are not supported in pipeline files; write the value out",
                     (const char *)event.data.alias.anchor);
            rc = TP_EPARSE;
            break;
        case YAML_SCALAR_EVENT:
            n = node_new(TP_YAML_SCALAR, &event.start_mark);
            if (n) {
                n->value = malloc(event.data.scalar.length + 1);
                if (n->value) {
                    memcpy(n->value, event.data.scalar.value, event.data.scalar.length);
                    n->value[event.data.scalar.length] = '\0';
                }
                n->len = event.data.scalar.length;
                n->plain = event.data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
                if (!n->value) {
                    free(n);
                    n = NULL;
                }
            }
            break;
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            n = node_new(event.type == YAML_SEQUENCE_START_EVENT ? TP_YAML_SEQUENCE
                                                                 : TP_YAML_MAPPING,
                         &event.start_mark);
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (depth)
                depth--;
            break;
        default:
            break;
        }
        bool is_node = event.type == YAML_SCALAR_EVENT || event.type == YAML_SEQUENCE_START_EVENT ||
                       event.type == YAML_MAPPING_START_EVENT;
        if (rc == 0 && is_node) {
            if (!n) {
                snprintf(why, why_len, "out of memory");
                rc = TP_ENOMEM;
            } else if (++nodes > TP_YAML_MAX_NODES) {
                *line = n->line;
                *col = n->col;
                snprintf(why, why_len, "too many YAML nodes (at most %d)", TP_YAML_MAX_NODES);
                rc = TP_EPARSE;
                tp_yaml_free(n);
            } else {
                if (depth == 0) {
                    if (top)
                        tp_yaml_free(top);
                    top = n;
                } else if (add_child(stack[depth - 1], n)) {
                    tp_yaml_free(n);
                    snprintf(why, why_len, "out of memory");
                    rc = TP_ENOMEM;
                }
                if (rc == 0 && n->kind != TP_YAML_SCALAR) {
                    if (depth == TP_YAML_MAX_DEPTH) {
                        *line = n->line;
                        *col = n->col;
                        snprintf(why, why_len, "YAML nested too deeply (at most %d levels)",
                                 TP_YAML_MAX_DEPTH);
                        rc = TP_EPARSE;
                    } else {
                        stack[depth++] = n;
                    }
                }
            }
        } else if (n) {
            tp_yaml_free(n);
        }
        yaml_event_delete(&event);
        if (rc)
            break;
    }
    yaml_parser_delete(&parser);
    if (rc) {
        tp_yaml_free(top);
        return rc;
    }
    *root = top;
    return 0;
}
