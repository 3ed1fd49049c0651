/* config_internal.h - typed option values and their parser.
 *
 * One parser serves the pipeline file, `--set` and the schema defaults, so a
 * value means the same wherever it is written. */
#ifndef TPIPE_CONFIG_INTERNAL_H
#define TPIPE_CONFIG_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tpipe/plugin.h>

typedef struct tp_opt_value {
    const tp_option_spec *spec;
    bool set;     /* by the user */
    bool present; /* holds a value (the user's or the default) */
    bool b;
    int64_t i;
    double d;
    char *s;      /* string, enum, path */
    char **items; /* string list */
    size_t count;
} tp_opt_value;

struct tp_config {
    char *step_id;
    const tp_plugin *plugin;
    tp_opt_value *values;
    size_t count;
};

/* Parses `text` as a value of `spec`'s type into `out` (replacing what it
 * held). String lists are comma-separated. Relative paths resolve against
 * `base_dir` (NULL: kept as written). On failure returns TP_EPARSE or
 * TP_ERANGE with a reason in `why` such as "expected an integer, got 'x'". */
int tp_option_parse(const tp_option_spec *spec, const char *text, const char *base_dir,
                    tp_opt_value *out, char *why, size_t why_len);

/* Parses a list given item by item (a YAML sequence). */
int tp_option_parse_items(const tp_option_spec *spec, const char *const *items, size_t count,
                          tp_opt_value *out, char *why, size_t why_len);

void tp_opt_value_clear(tp_opt_value *v);

/* Checks a plugin's option schema: names, types, ranges, choices, and that
 * every default parses with its own type. */
int tp_schema_check(const tp_plugin *plugin, tp_error *err);

/* A config holding every option of `plugin` at its default. */
int tp_config_new(const tp_plugin *plugin, const char *step_id, tp_config **out, tp_error *err);
void tp_config_free(tp_config *config);

/* The slot for option `name`, or NULL when the schema has no such option. */
tp_opt_value *tp_config_slot(tp_config *config, const char *name);

/* The option names of `plugin`, for suggestions; returns the count. */
size_t tp_schema_names(const tp_plugin *plugin, const char **names, size_t max);

const char *tp_option_type_name(tp_option_type type);
/* The type with its article, for messages: "an int", "a bool". */
const char *tp_option_type_phrase(tp_option_type type);

/* Parses "MIN..MAX" (either side may be empty). */
int tp_range_parse(const char *range, bool *has_min, double *min, bool *has_max, double *max);

/* Parses the one boolean spelling tpipe accepts everywhere. */
int tp_parse_bool(const char *text, bool *out);

#endif
