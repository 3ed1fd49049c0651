/* config.c - a step's option values and the getters plugins call. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_internal.h"

static bool name_ok(const char *name)
{
    if (!name || !(*name >= 'a' && *name <= 'z'))
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

int tp_schema_check(const tp_plugin *plugin, tp_error *err)
{
    const tp_option_spec *o = plugin->options;
    for (size_t i = 0; o && o[i].name; i++) {
        const tp_option_spec *spec = &o[i];
        if (!name_ok(spec->name))
            return tp_error_set(err, TP_EPLUGIN,
                                "plugin '%s': option name '%s' is not of the form [a-z][a-z0-9_]*",
                                plugin->name, spec->name);
        if ((unsigned)spec->type > TP_OPT_PATH)
            return tp_error_set(err, TP_EPLUGIN, "plugin '%s': option '%s' has unknown type %d",
                                plugin->name, spec->name, (int)spec->type);
        for (size_t j = 0; j < i; j++)
            if (strcmp(o[j].name, spec->name) == 0)
                return tp_error_set(err, TP_EPLUGIN, "plugin '%s': option '%s' is declared twice",
                                    plugin->name, spec->name);
        bool a, b;
        double x, y;
        if (tp_range_parse(spec->range, &a, &x, &b, &y))
            return tp_error_set(err, TP_EPLUGIN,
                                "plugin '%s': option '%s' has a malformed range '%s' (expected MIN..MAX)",
                                plugin->name, spec->name, spec->range);
        if (spec->type == TP_OPT_ENUM && (!spec->choices || !*spec->choices))
            return tp_error_set(err, TP_EPLUGIN, "plugin '%s': enum option '%s' lists no choices",
                                plugin->name, spec->name);
        if (spec->default_value) {
            tp_opt_value v = {.spec = spec};
            char why[256];
            int rc = tp_option_parse(spec, spec->default_value, NULL, &v, why, sizeof why);
            tp_opt_value_clear(&v);
            if (rc == TP_ENOMEM)
                return tp_error_set(err, TP_ENOMEM, "out of memory");
            if (rc)
                return tp_error_set(err, TP_EPLUGIN,
                                    "plugin '%s': the default of option '%s' (%s) does not parse: "
                                    "%s; the plugin must be fixed and rebuilt",
                                    plugin->name, spec->name, tp_option_type_name(spec->type), why);
        }
    }
    return 0;
}

void tp_config_free(tp_config *config)
{
    if (!config)
        return;
    for (size_t i = 0; i < config->count; i++)
        tp_opt_value_clear(&config->values[i]);
    free(config->values);
    free(config->step_id);
    free(config);
}

int tp_config_new(const tp_plugin *plugin, const char *step_id, tp_config **out, tp_error *err)
{
    tp_config *c = calloc(1, sizeof *c);
    if (!c)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    c->plugin = plugin;
    c->step_id = strdup(step_id ? step_id : plugin->name);
    size_t n = 0;
    while (plugin->options && plugin->options[n].name)
        n++;
    c->values = calloc(n ? n : 1, sizeof *c->values);
    if (!c->step_id || !c->values) {
        tp_config_free(c);
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    }
    c->count = n;
    for (size_t i = 0; i < n; i++) {
        const tp_option_spec *spec = &plugin->options[i];
        c->values[i].spec = spec;
        if (!spec->default_value)
            continue;
        char why[256];
        int rc = tp_option_parse(spec, spec->default_value, NULL, &c->values[i], why, sizeof why);
        if (rc) {
            tp_config_free(c);
            return tp_error_set(err, rc == TP_ENOMEM ? TP_ENOMEM : TP_EPLUGIN,
                                "plugin '%s': default of option '%s' does not parse: %s",
                                plugin->name, spec->name, why);
        }
    }
    *out = c;
    return 0;
}

tp_opt_value *tp_config_slot(tp_config *config, const char *name)
{
    for (size_t i = 0; config && i < config->count; i++)
        if (strcmp(config->values[i].spec->name, name) == 0)
            return &config->values[i];
    return NULL;
}

size_t tp_schema_names(const tp_plugin *plugin, const char **names, size_t max)
{
    size_t n = 0;
    for (const tp_option_spec *o = plugin->options; o && o->name && n < max; o++)
        names[n++] = o->name;
    return n;
}

static const tp_opt_value *find(const tp_config *config, const char *name, tp_option_type type)
{
    const tp_opt_value *v = tp_config_slot((tp_config *)config, name);
    if (!v || !v->present)
        return NULL;
    tp_option_type t = v->spec->type;
    bool stringish = t == TP_OPT_STRING || t == TP_OPT_ENUM || t == TP_OPT_PATH;
    if (type == TP_OPT_STRING ? !stringish : t != type)
        return NULL;
    return v;
}

TP_API const char *tp_config_step_id(const tp_config *config)
{
    return config ? config->step_id : NULL;
}

TP_API bool tp_config_bool(const tp_config *config, const char *name)
{
    const tp_opt_value *v = find(config, name, TP_OPT_BOOL);
    return v ? v->b : false;
}

TP_API int64_t tp_config_int(const tp_config *config, const char *name)
{
    const tp_opt_value *v = find(config, name, TP_OPT_INT);
    return v ? v->i : 0;
}

TP_API double tp_config_number(const tp_config *config, const char *name)
{
    const tp_opt_value *v = find(config, name, TP_OPT_NUMBER);
    return v ? v->d : 0.0;
}

TP_API const char *tp_config_string(const tp_config *config, const char *name)
{
    const tp_opt_value *v = find(config, name, TP_OPT_STRING);
    return v ? v->s : NULL;
}

TP_API size_t tp_config_list_count(const tp_config *config, const char *name)
{
    const tp_opt_value *v = find(config, name, TP_OPT_STRING_LIST);
    return v ? v->count : 0;
}

TP_API const char *tp_config_list_item(const tp_config *config, const char *name, size_t i)
{
    const tp_opt_value *v = find(config, name, TP_OPT_STRING_LIST);
    return v && i < v->count ? v->items[i] : NULL;
}

TP_API bool tp_config_list_has(const tp_config *config, const char *name, const char *item)
{
    const tp_opt_value *v = find(config, name, TP_OPT_STRING_LIST);
    for (size_t i = 0; v && i < v->count; i++)
        if (strcmp(v->items[i], item) == 0)
            return true;
    return false;
}

TP_API bool tp_config_is_set(const tp_config *config, const char *name)
{
    const tp_opt_value *v = tp_config_slot((tp_config *)config, name);
    return v && v->set;
}
