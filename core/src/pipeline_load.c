/* pipeline_load.c - a pipeline file to a validated tp_pipeline.
 *
 * Every problem is collected, not just the first, so that one run of
 * `tpipe validate` shows everything to fix. Nothing a plugin does runs here
 * beyond reading its descriptor. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "doc_internal.h"
#include "pipeline_internal.h"
#include "suggest.h"
#include "yaml_tree.h"

#define PIPELINE_MAX_BYTES (1024 * 1024)

typedef struct loader {
    const char *file; /* for messages */
    const char *base_dir;
    const tp_load_options *opts;
    tp_diags *diags;
    tp_pipeline *p;
    char **dirs;
    size_t dir_count;
    int status; /* TP_ENOMEM wins over TP_ECONFIG */
    /* positions of each step node, for capability messages */
    const tp_yaml_node **step_nodes;
} loader;

#define ERR(L, node, ...)                                                                      \
    note_status((L), tp_diags_error((L)->diags, (L)->file, (node) ? (node)->line : 0,           \
                                    (node) ? (node)->col : 0, __VA_ARGS__))

static void note_status(loader *L, int rc)
{
    if (rc == TP_ENOMEM || L->status == 0)
        L->status = rc;
}

/* ---- ${VAR} expansion: the one place environment variables enter ---- */

static char *expand_vars(loader *L, const tp_yaml_node *node)
{
    const char *s = node->value;
    size_t cap = node->len + 1, n = 0;
    char *out = malloc(cap);
    if (!out) {
        note_status(L, TP_ENOMEM);
        return NULL;
    }
    for (size_t i = 0; s[i];) {
        if (s[i] == '$' && s[i + 1] == '{') {
            const char *close = strchr(s + i + 2, '}');
            if (!close) {
                ERR(L, node, "unterminated '${' in '%s'; write ${NAME}", s);
                free(out);
                return NULL;
            }
            char name[256];
            size_t nl = (size_t)(close - (s + i + 2));
            if (nl == 0 || nl >= sizeof name) {
                ERR(L, node, "malformed variable reference in '%s'", s);
                free(out);
                return NULL;
            }
            memcpy(name, s + i + 2, nl);
            name[nl] = '\0';
            const char *val = getenv(name);
            if (!val) {
                ERR(L, node, "environment variable '%s' is not set; set it or write the value",
                    name);
                free(out);
                return NULL;
            }
            size_t vl = strlen(val);
            if (n + vl + 1 > cap) {
                cap = (n + vl + 1) * 2;
                char *g = realloc(out, cap);
                if (!g) {
                    free(out);
                    note_status(L, TP_ENOMEM);
                    return NULL;
                }
                out = g;
            }
            memcpy(out + n, val, vl);
            n += vl;
            i += nl + 3;
            continue;
        }
        if (n + 2 > cap) {
            cap *= 2;
            char *g = realloc(out, cap);
            if (!g) {
                free(out);
                note_status(L, TP_ENOMEM);
                return NULL;
            }
            out = g;
        }
        out[n++] = s[i++];
    }
    out[n] = '\0';
    return out;
}

/* ---- mapping helpers ---- */

/* Reports duplicate and unknown keys of `map` against `allowed`. */
static void check_keys(loader *L, const tp_yaml_node *map, const char *what,
                       const char *const *allowed, size_t allowed_count)
{
    for (size_t i = 0; i + 1 < map->count; i += 2) {
        const tp_yaml_node *key = map->items[i];
        if (key->kind != TP_YAML_SCALAR) {
            ERR(L, key, "%s: keys must be plain names, found %s", what,
                tp_yaml_kind_name(key->kind));
            continue;
        }
        for (size_t j = 0; j < i; j += 2) {
            const tp_yaml_node *prev = map->items[j];
            if (prev->kind == TP_YAML_SCALAR && strcmp(prev->value, key->value) == 0) {
                ERR(L, key, "%s: duplicate key '%s' (first given at line %d)", what, key->value,
                    prev->line);
                break;
            }
        }
        bool known = false;
        for (size_t k = 0; k < allowed_count; k++)
            known = known || strcmp(allowed[k], key->value) == 0;
        if (known)
            continue;
        char list[512] = "";
        size_t used = 0;
        for (size_t k = 0; k < allowed_count && used < sizeof list; k++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", allowed[k]);
            if (w > 0)
                used += (size_t)w;
        }
        const char *best = tp_suggest(key->value, allowed, allowed_count);
        if (best)
            ERR(L, key, "%s: unknown key '%s'; did you mean '%s'? (allowed: %s)", what, key->value,
                best, list);
        else
            ERR(L, key, "%s: unknown key '%s' (allowed: %s)", what, key->value, list);
    }
}

static const tp_yaml_node *map_get(const tp_yaml_node *map, const char *key)
{
    for (size_t i = 0; i + 1 < map->count; i += 2)
        if (map->items[i]->kind == TP_YAML_SCALAR && strcmp(map->items[i]->value, key) == 0)
            return map->items[i + 1];
    return NULL;
}

/* A scalar's text with ${VAR} expanded, or NULL after reporting. */
static char *scalar_text(loader *L, const tp_yaml_node *node, const char *what)
{
    if (node->kind != TP_YAML_SCALAR) {
        ERR(L, node, "%s must be a scalar, found %s", what, tp_yaml_kind_name(node->kind));
        return NULL;
    }
    return expand_vars(L, node);
}

static char *join_path(const char *dir, const char *path)
{
    if (path[0] == '/' || !dir || !*dir)
        return strdup(path);
    size_t n = strlen(dir) + strlen(path) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, path);
    return p;
}

/* ---- options ---- */

static void set_option(loader *L, tp_config *config, const char *step_id,
                       const tp_yaml_node *key, const tp_yaml_node *value)
{
    const tp_plugin *pl = config->plugin;
    tp_opt_value *slot = tp_config_slot(config, key->value);
    if (!slot) {
        const char *names[128];
        size_t n = tp_schema_names(pl, names, 128);
        char list[1024] = "";
        size_t used = 0;
        for (size_t k = 0; k < n && used < sizeof list; k++) {
            int w = snprintf(list + used, sizeof list - used, "%s%s", k ? ", " : "", names[k]);
            if (w > 0)
                used += (size_t)w;
        }
        const char *best = tp_suggest(key->value, names, n);
        if (best)
            ERR(L, key, "step '%s': unknown option '%s'; did you mean '%s'? (allowed: %s)",
                step_id, key->value, best, n ? list : "none");
        else
            ERR(L, key, "step '%s': unknown option '%s' (allowed: %s)", step_id, key->value,
                n ? list : "none");
        return;
    }
    char why[512];
    int rc;
    if (value->kind == TP_YAML_SEQUENCE) {
        char **items = calloc(value->count ? value->count : 1, sizeof *items);
        if (!items) {
            note_status(L, TP_ENOMEM);
            return;
        }
        size_t n = 0;
        bool ok = true;
        for (size_t i = 0; i < value->count && ok; i++) {
            const tp_yaml_node *it = value->items[i];
            if (it->kind != TP_YAML_SCALAR) {
                ERR(L, it, "step '%s': option '%s': list items must be scalars, found %s",
                    step_id, key->value, tp_yaml_kind_name(it->kind));
                ok = false;
            } else if (!(items[n++] = expand_vars(L, it))) {
                ok = false;
            }
        }
        rc = ok ? tp_option_parse_items(slot->spec, (const char *const *)items, n, slot, why,
                                        sizeof why)
                : 0;
        for (size_t i = 0; i < n; i++)
            free(items[i]);
        free(items);
        if (!ok)
            return;
    } else if (value->kind == TP_YAML_MAPPING) {
        ERR(L, value, "step '%s': option '%s' expects %s, found a mapping", step_id, key->value,
            tp_option_type_phrase(slot->spec->type));
        return;
    } else {
        char *text = expand_vars(L, value);
        if (!text)
            return;
        rc = tp_option_parse(slot->spec, text, L->base_dir, slot, why, sizeof why);
        free(text);
    }
    if (rc == TP_ENOMEM)
        note_status(L, TP_ENOMEM);
    else if (rc)
        ERR(L, value, "step '%s': option '%s' (%s): %s", step_id, key->value,
            tp_option_type_name(slot->spec->type), why);
    else
        slot->set = true;
}

/* ---- steps ---- */

static void load_step(loader *L, const tp_yaml_node *step, size_t index)
{
    static const char *const keys[] = {"plugin", "id", "options"};
    char what[64];
    snprintf(what, sizeof what, "step %zu", index + 1);
    if (step->kind != TP_YAML_MAPPING) {
        ERR(L, step, "%s must be a mapping with a 'plugin:' key, found %s", what,
            tp_yaml_kind_name(step->kind));
        return;
    }
    check_keys(L, step, what, keys, 3);
    const tp_yaml_node *plugin_node = map_get(step, "plugin");
    if (!plugin_node) {
        ERR(L, step, "%s has no 'plugin:' key; name a plugin or the path to its .so", what);
        return;
    }
    char *plugin_name = scalar_text(L, plugin_node, "'plugin'");
    if (!plugin_name)
        return;
    const tp_plugin *plugin = NULL;
    const char *file = NULL;
    tp_error err = {0};
    int rc;
    bool allow = L->opts && L->opts->allow_insecure_plugins;
    if (strchr(plugin_name, '/') || strstr(plugin_name, ".so")) {
        char *path = join_path(L->base_dir, plugin_name);
        rc = path ? tp_registry_open_plugin(path, NULL, allow, &L->p->modules, &plugin, &err)
                  : TP_ENOMEM;
        /* the module may have been opened by an earlier step: look it up */
        for (size_t i = 0; rc == 0 && i < L->p->modules.count; i++)
            for (size_t k = 0; k < L->p->modules.items[i].plugin_count; k++)
                if (&L->p->modules.items[i].plugins[k] == plugin)
                    file = L->p->modules.items[i].path;
        free(path);
    } else {
        rc = tp_registry_find(L->dirs, L->dir_count, plugin_name, allow, &L->p->modules, &plugin,
                              &file, &err);
    }
    if (rc) {
        if (rc == TP_ENOMEM)
            note_status(L, TP_ENOMEM);
        else
            ERR(L, plugin_node, "%s: %s", what, err.message);
        free(plugin_name);
        return;
    }
    free(plugin_name);

    char *id = NULL;
    const tp_yaml_node *id_node = map_get(step, "id");
    if (id_node) {
        id = scalar_text(L, id_node, "'id'");
        if (!id)
            return;
        bool ok = id[0] >= 'a' && id[0] <= 'z';
        for (const char *c = id; *c && ok; c++)
            ok = (*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_';
        if (!ok) {
            ERR(L, id_node, "%s: id '%s' must be of the form [a-z][a-z0-9_]*", what, id);
            free(id);
            return;
        }
    }
    const char *step_id = id ? id : plugin->name;
    for (size_t i = 0; i < L->p->count; i++) {
        if (strcmp(L->p->steps[i].id, step_id) == 0) {
            ERR(L, id_node ? id_node : plugin_node,
                "duplicate step id '%s' (also step %zu); give one of them another 'id:'", step_id,
                i + 1);
            free(id);
            return;
        }
    }
    tp_config *config;
    rc = tp_config_new(plugin, step_id, &config, &err);
    if (rc) {
        ERR(L, plugin_node, "%s", err.message);
        free(id);
        return;
    }
    const tp_yaml_node *options = map_get(step, "options");
    if (options && options->kind == TP_YAML_MAPPING) {
        for (size_t i = 0; i + 1 < options->count; i += 2) {
            const tp_yaml_node *k = options->items[i];
            if (k->kind != TP_YAML_SCALAR) {
                ERR(L, k, "step '%s': option names must be scalars", step_id);
                continue;
            }
            for (size_t j = 0; j < i; j += 2)
                if (options->items[j]->kind == TP_YAML_SCALAR &&
                    strcmp(options->items[j]->value, k->value) == 0)
                    ERR(L, k, "step '%s': duplicate option '%s' (first given at line %d)",
                        step_id, k->value, options->items[j]->line);
            set_option(L, config, step_id, k, options->items[i + 1]);
        }
    } else if (options && !(options->kind == TP_YAML_SCALAR && options->len == 0)) {
        ERR(L, options, "step '%s': 'options' must be a mapping of option: value, found %s",
            step_id, tp_yaml_kind_name(options->kind));
    }
    if (tp_pipeline_add_step(L->p, plugin, step_id, file, config))
        note_status(L, TP_ENOMEM);
    else
        L->step_nodes[L->p->count - 1] = step;
    free(id);
}

/* ---- --set overrides, through the same parser ---- */

static char *absolute_dir(const char *dir);

static void apply_set(loader *L, const char *set)
{
    const char *eq = strchr(set, '=');
    const char *dot = strchr(set, '.');
    if (!eq || !dot || dot > eq) {
        tp_diags_error(L->diags, "--set", 0, 0,
                       "'%s' is not of the form step.option=value", set);
        note_status(L, TP_ECONFIG);
        return;
    }
    char step_id[128], option[128];
    size_t sl = (size_t)(dot - set), ol = (size_t)(eq - dot - 1);
    if (sl >= sizeof step_id || ol >= sizeof option) {
        note_status(L, tp_diags_error(L->diags, "--set", 0, 0, "'%s': name too long", set));
        return;
    }
    memcpy(step_id, set, sl);
    step_id[sl] = '\0';
    memcpy(option, dot + 1, ol);
    option[ol] = '\0';
    tp_step *step = NULL;
    const char *ids[256];
    for (size_t i = 0; i < L->p->count; i++) {
        if (i < 256)
            ids[i] = L->p->steps[i].id;
        if (strcmp(L->p->steps[i].id, step_id) == 0)
            step = &L->p->steps[i];
    }
    if (!step) {
        const char *best = tp_suggest(step_id, ids, L->p->count < 256 ? L->p->count : 256);
        note_status(L, tp_diags_error(L->diags, "--set", 0, 0,
                                      "'%s': the pipeline has no step '%s'%s%s%s", set, step_id,
                                      best ? "; did you mean '" : "", best ? best : "",
                                      best ? "'?" : ""));
        return;
    }
    tp_opt_value *slot = tp_config_slot(step->config, option);
    if (!slot) {
        const char *names[128];
        size_t n = tp_schema_names(step->plugin, names, 128);
        const char *best = tp_suggest(option, names, n);
        note_status(L, tp_diags_error(L->diags, "--set", 0, 0,
                                      "'%s': step '%s' has no option '%s'%s%s%s", set, step_id,
                                      option, best ? "; did you mean '" : "", best ? best : "",
                                      best ? "'?" : ""));
        return;
    }
    char why[512];
    /* Relative paths on the command line mean the working directory. */
    char *cwd = slot->spec->type == TP_OPT_PATH ? absolute_dir(".") : NULL;
    int rc = tp_option_parse(slot->spec, eq + 1, cwd, slot, why, sizeof why);
    free(cwd);
    if (rc == TP_ENOMEM)
        note_status(L, TP_ENOMEM);
    else if (rc)
        note_status(L, tp_diags_error(L->diags, "--set", 0, 0, "'%s': option '%s' (%s): %s",
                                      set, option, tp_option_type_name(slot->spec->type), why));
    else
        slot->set = true;
}

/* ---- capabilities ---- */

static void check_capabilities(loader *L)
{
    for (size_t i = 0; i < L->p->count; i++) {
        const tp_step *s = &L->p->steps[i];
        for (const char *const *req = s->plugin->requires; req && *req; req++) {
            bool ok = false;
            for (size_t j = 0; j < i && !ok; j++)
                ok = tp_caps_has(L->p->steps[j].plugin->provides, *req);
            if (ok)
                continue;
            char provider[128];
            const tp_yaml_node *n = L->step_nodes[i];
            if (tp_registry_provider(L->dirs, L->dir_count, *req, provider, sizeof provider))
                ERR(L, n,
                    "step '%s' requires '%s', which no earlier step provides; add a step before "
                    "it that provides it, such as '- plugin: %s'",
                    s->id, *req, provider);
            else
                ERR(L, n,
                    "step '%s' requires '%s', which no earlier step provides, and no installed "
                    "plugin provides it",
                    s->id, *req);
        }
    }
}

/* ---- the file ---- */

static void load_root(loader *L, const tp_yaml_node *root)
{
    static const char *const keys[] = {"version", "name", "description", "plugin_path", "steps"};
    if (!root) {
        note_status(L, tp_diags_error(L->diags, L->file, 0, 0,
                                      "the pipeline file is empty; it needs 'version: 1' and a "
                                      "list of 'steps:'"));
        return;
    }
    if (root->kind != TP_YAML_MAPPING) {
        ERR(L, root, "the pipeline must be a mapping with 'version:' and 'steps:', found %s",
            tp_yaml_kind_name(root->kind));
        return;
    }
    check_keys(L, root, "pipeline", keys, 5);
    const tp_yaml_node *version = map_get(root, "version");
    if (!version)
        ERR(L, root, "missing 'version: 1'");
    else if (version->kind != TP_YAML_SCALAR || strcmp(version->value, "1") != 0)
        ERR(L, version, "unsupported pipeline version '%s'; this tpipe reads version 1",
            version->kind == TP_YAML_SCALAR ? version->value : "?");
    const tp_yaml_node *name = map_get(root, "name");
    if (name) {
        char *n = scalar_text(L, name, "'name'");
        if (n) {
            free(L->p->name);
            L->p->name = n;
        }
    }
    const tp_yaml_node *desc = map_get(root, "description");
    if (desc)
        L->p->description = scalar_text(L, desc, "'description'");

    /* plugin_path folders sit after TPIPE_PLUGIN_PATH on the search path. */
    char *extra[64];
    size_t extra_count = 0;
    const tp_yaml_node *pp = map_get(root, "plugin_path");
    if (pp) {
        const tp_yaml_node *one[1] = {pp};
        const tp_yaml_node *const *list = pp->kind == TP_YAML_SEQUENCE
                                              ? (const tp_yaml_node *const *)pp->items
                                              : one;
        size_t n = pp->kind == TP_YAML_SEQUENCE ? pp->count : 1;
        for (size_t i = 0; i < n && extra_count < 64; i++) {
            char *t = scalar_text(L, list[i], "'plugin_path'");
            if (!t)
                continue;
            extra[extra_count] = join_path(L->base_dir, t);
            free(t);
            if (extra[extra_count])
                extra_count++;
        }
    }
    L->dirs = tp_search_path_with(L->opts, extra, extra_count, &L->dir_count);
    for (size_t i = 0; i < extra_count; i++)
        free(extra[i]);
    if (!L->dirs) {
        note_status(L, TP_ENOMEM);
        return;
    }

    const tp_yaml_node *steps = map_get(root, "steps");
    if (!steps) {
        ERR(L, root, "missing 'steps:'; list at least one step, e.g. '- plugin: tokenizer'");
        return;
    }
    if (steps->kind != TP_YAML_SEQUENCE) {
        ERR(L, steps, "'steps' must be a list of steps, found %s", tp_yaml_kind_name(steps->kind));
        return;
    }
    if (steps->count == 0) {
        ERR(L, steps, "the pipeline has no steps; list at least one, e.g. '- plugin: tokenizer'");
        return;
    }
    L->step_nodes = calloc(steps->count, sizeof *L->step_nodes);
    if (!L->step_nodes) {
        note_status(L, TP_ENOMEM);
        return;
    }
    for (size_t i = 0; i < steps->count; i++)
        load_step(L, steps->items[i], i);
    for (size_t i = 0; L->opts && i < L->opts->set_count; i++)
        apply_set(L, L->opts->sets[i]);
    if (L->status == 0)
        check_capabilities(L);
}

static char *dir_of(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return strdup(".");
    if (slash == path)
        return strdup("/");
    return strndup(path, (size_t)(slash - path));
}

/* Plugins get absolute paths (config.h), so a relative pipeline folder is
 * made absolute once, here. */
static char *absolute_dir(const char *dir)
{
    if (!dir || !*dir)
        dir = ".";
    if (dir[0] == '/')
        return strdup(dir);
    char *real = realpath(dir, NULL);
    if (real)
        return real;
    char cwd[PATH_MAX];
    return getcwd(cwd, sizeof cwd) ? join_path(cwd, dir) : strdup(dir);
}

TP_API int tp_pipeline_load_string(const char *yaml, size_t len, const char *name,
                                   const char *base_dir, const tp_load_options *opts,
                                   tp_pipeline **out, tp_diags *diags)
{
    *out = NULL;
    loader L = {.file = name ? name : "<pipeline>", .opts = opts, .diags = diags};
    L.p = tp_pipeline_new_empty("");
    if (!L.p)
        return TP_ENOMEM;
    L.p->path = strdup(L.file);
    L.p->base_dir = absolute_dir(base_dir);
    if (!L.p->path || !L.p->base_dir) {
        tp_pipeline_free(L.p);
        return TP_ENOMEM;
    }
    L.base_dir = L.p->base_dir;
    tp_yaml_node *root = NULL;
    int line, col;
    char why[512];
    int rc = tp_yaml_parse(yaml, len, &root, &line, &col, why, sizeof why);
    if (rc == TP_ENOMEM)
        note_status(&L, TP_ENOMEM);
    else if (rc)
        note_status(&L, tp_diags_error(diags, L.file, line, col, "%s", why));
    else
        load_root(&L, root);
    tp_yaml_free(root);
    free(L.step_nodes);
    if (L.dirs)
        tp_plugin_search_path_free(L.dirs, L.dir_count);
    if (L.status == 0 && tp_diags_error_count(diags) == 0) {
        *out = L.p;
        return 0;
    }
    tp_pipeline_free(L.p);
    return L.status ? L.status : TP_ECONFIG;
}

TP_API int tp_pipeline_load(const char *path, const tp_load_options *opts, tp_pipeline **out,
                            tp_diags *diags)
{
    *out = NULL;
    struct stat st;
    if (stat(path, &st) != 0)
        return tp_diags_error(diags, path, 0, 0, "cannot open pipeline file: %s", strerror(errno));
    if (S_ISDIR(st.st_mode))
        return tp_diags_error(diags, path, 0, 0,
                              "is a folder, not a pipeline file; name a .yaml file such as "
                              "pipelines/news.yaml");
    if (st.st_size > PIPELINE_MAX_BYTES)
        return tp_diags_error(diags, path, 0, 0,
                              "pipeline file is %lld bytes, over the limit of %d",
                              (long long)st.st_size, PIPELINE_MAX_BYTES);
    FILE *f = fopen(path, "rb");
    if (!f)
        return tp_diags_error(diags, path, 0, 0, "cannot open pipeline file: %s", strerror(errno));
    char *buf = malloc((size_t)st.st_size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)st.st_size, f) : 0;
    bool bad = ferror(f);
    fclose(f);
    if (!buf)
        return TP_ENOMEM;
    if (bad) {
        free(buf);
        return tp_diags_error(diags, path, 0, 0, "cannot read pipeline file");
    }
    char *dir = dir_of(path);
    if (!dir) {
        free(buf);
        return TP_ENOMEM;
    }
    int rc = tp_pipeline_load_string(buf, n, path, dir, opts, out, diags);
    free(dir);
    free(buf);
    return rc;
}
