/* yaml_tree.h - a YAML document as a small tree that keeps every node's
 * line and column, built from libyaml's event stream.
 *
 * Pipeline files are small and written by people, so the tree refuses what
 * they never need and what attackers use: aliases (billion laughs), more
 * than one document, nesting deeper than TP_YAML_MAX_DEPTH, more than
 * TP_YAML_MAX_NODES nodes. */
#ifndef TPIPE_YAML_TREE_H
#define TPIPE_YAML_TREE_H

#include <stdbool.h>
#include <stddef.h>

#define TP_YAML_MAX_DEPTH 32
#define TP_YAML_MAX_NODES 100000

typedef enum tp_yaml_kind { TP_YAML_SCALAR, TP_YAML_SEQUENCE, TP_YAML_MAPPING } tp_yaml_kind;

typedef struct tp_yaml_node tp_yaml_node;
struct tp_yaml_node {
    tp_yaml_kind kind;
    int line, col;   /* 1-based */
    char *value;     /* scalars: the text (NUL-terminated) */
    size_t len;
    bool plain;      /* scalars: written without quotes */
    tp_yaml_node **items; /* sequences: items; mappings: key, value, key, value ... */
    size_t count;
};

/* Parses `len` bytes of `text`. On success *root is the document's root (or
 * NULL for an empty document). On failure returns TP_EPARSE and fills
 * line/col (1-based) and `why`. */
int tp_yaml_parse(const char *text, size_t len, tp_yaml_node **root, int *line, int *col,
                  char *why, size_t why_len);

void tp_yaml_free(tp_yaml_node *node);

/* The kind as a word for messages: "a scalar", "a list", "a mapping". */
const char *tp_yaml_kind_name(tp_yaml_kind kind);

#endif
