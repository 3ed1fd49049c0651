/* registry.c - plugin modules: search path, dlopen, ABI and descriptor checks. */
#define _GNU_SOURCE /* dladdr */
#include <dirent.h>
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config_internal.h"
#include "registry.h"

#ifndef TPIPE_PLUGIN_INSTALL_DIR
#define TPIPE_PLUGIN_INSTALL_DIR "/usr/local/lib/tpipe/plugins"
#endif

/* ---- search path ---- */

static int push_dir(char ***dirs, size_t *count, size_t *cap, const char *dir, size_t len)
{
    if (len == 0)
        return 0;
    for (size_t i = 0; i < *count; i++)
        if (strlen((*dirs)[i]) == len && strncmp((*dirs)[i], dir, len) == 0)
            return 0;
    if (*count == *cap) {
        size_t ncap = *cap ? *cap * 2 : 8;
        char **n = realloc(*dirs, ncap * sizeof *n);
        if (!n)
            return TP_ENOMEM;
        *dirs = n;
        *cap = ncap;
    }
    char *d = strndup(dir, len);
    if (!d)
        return TP_ENOMEM;
    (*dirs)[(*count)++] = d;
    return 0;
}

/* The running program's folder holds CMakeCache.txt when it is a build tree. */
static bool build_tree_plugins(char *out, size_t out_len)
{
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        return false;
    exe[n] = '\0';
    char *slash = strrchr(exe, '/');
    if (!slash)
        return false;
    *slash = '\0';
    char probe[PATH_MAX + 32];
    for (int up = 0; up < 2; up++) {
        snprintf(probe, sizeof probe, "%s/CMakeCache.txt", exe);
        if (access(probe, F_OK) == 0) {
            int w = snprintf(out, out_len, "%s/plugins", exe);
            return w > 0 && (size_t)w < out_len;
        }
        /* test programs live one level down, in build/tests */
        slash = strrchr(exe, '/');
        if (!slash)
            break;
        *slash = '\0';
    }
    return false;
}

/* LIBDIR/tpipe/plugins beside the libtpipe.so actually loaded, so that an
 * installation moved to another prefix still finds its plugins. */
static bool installed_plugins(char *out, size_t out_len)
{
    Dl_info info;
    if (!dladdr((void *)tp_version, &info) || !info.dli_fname)
        return false;
    const char *slash = strrchr(info.dli_fname, '/');
    if (!slash)
        return false;
    int w = snprintf(out, out_len, "%.*s/tpipe/plugins", (int)(slash - info.dli_fname),
                     info.dli_fname);
    return w > 0 && (size_t)w < out_len && access(out, F_OK) == 0;
}

char **tp_search_path_with(const tp_load_options *opts, char *const *extra, size_t extra_count,
                           size_t *count)
{
    char **dirs = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    if (opts)
        for (size_t i = 0; rc == 0 && i < opts->plugin_dir_count; i++)
            rc = push_dir(&dirs, &n, &cap, opts->plugin_dirs[i], strlen(opts->plugin_dirs[i]));
    const char *env = getenv("TPIPE_PLUGIN_PATH");
    for (const char *p = env; rc == 0 && p && *p;) {
        const char *colon = strchr(p, ':');
        size_t len = colon ? (size_t)(colon - p) : strlen(p);
        rc = push_dir(&dirs, &n, &cap, p, len);
        p = colon ? colon + 1 : p + len;
    }
    for (size_t i = 0; rc == 0 && i < extra_count; i++)
        rc = push_dir(&dirs, &n, &cap, extra[i], strlen(extra[i]));
    char build[PATH_MAX];
    if (rc == 0 && build_tree_plugins(build, sizeof build))
        rc = push_dir(&dirs, &n, &cap, build, strlen(build));
    char installed[PATH_MAX];
    if (rc == 0 && installed_plugins(installed, sizeof installed))
        rc = push_dir(&dirs, &n, &cap, installed, strlen(installed));
    if (rc == 0)
        rc = push_dir(&dirs, &n, &cap, TPIPE_PLUGIN_INSTALL_DIR, strlen(TPIPE_PLUGIN_INSTALL_DIR));
    if (rc) {
        tp_plugin_search_path_free(dirs, n);
        return NULL;
    }
    *count = n;
    return dirs;
}

TP_API char **tp_plugin_search_path(const tp_load_options *opts, size_t *count)
{
    return tp_search_path_with(opts, NULL, 0, count);
}

TP_API void tp_plugin_search_path_free(char **dirs, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(dirs[i]);
    free(dirs);
}

/* ---- opening and checking a module ---- */

static bool insecure(const char *path, char *why, size_t why_len)
{
    struct stat st;
    if (stat(path, &st) == 0 && (st.st_mode & S_IWOTH)) {
        snprintf(why, why_len, "%s is world-writable", path);
        return true;
    }
    char dir[PATH_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash && slash != dir)
        *slash = '\0';
    else
        snprintf(dir, sizeof dir, "%s", slash ? "/" : ".");
    /* A sticky world-writable folder (like /tmp) still lets anyone add files. */
    if (stat(dir, &st) == 0 && (st.st_mode & S_IWOTH)) {
        snprintf(why, why_len, "its folder %s is world-writable", dir);
        return true;
    }
    return false;
}

static bool plugin_name_ok(const char *name)
{
    if (!name || !(*name >= 'a' && *name <= 'z'))
        return false;
    for (const char *p = name; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return true;
}

static int check_plugin(const char *path, const tp_plugin *pl, tp_error *err)
{
    if (!plugin_name_ok(pl->name))
        return tp_error_set(err, TP_EPLUGIN,
                            "%s: plugin name '%s' is not of the form [a-z][a-z0-9_]*; "
                            "rename it in its descriptor and rebuild",
                            path, pl->name ? pl->name : "(null)");
    if (!pl->process)
        return tp_error_set(err, TP_EPLUGIN,
                            "%s: plugin '%s' has no process() callback; every plugin must set "
                            ".process in its descriptor",
                            path, pl->name);
    if (!pl->version)
        return tp_error_set(err, TP_EPLUGIN, "%s: plugin '%s' declares no version", path,
                            pl->name);
    tp_error local = {0};
    int rc = tp_schema_check(pl, &local);
    if (rc)
        return tp_error_set(err, rc, "%s: %s", path, local.message);
    return 0;
}

/* Copies the module's options (laid out with its own struct size) into
 * today's layout. */
static tp_option_spec *copy_options(const tp_module *m, const tp_option_spec *opts)
{
    size_t n = 0;
    const unsigned char *base = (const unsigned char *)opts;
    while (((const tp_option_spec *)(base + n * m->option_size))->name)
        n++;
    tp_option_spec *copy = calloc(n + 1, sizeof *copy);
    if (!copy)
        return NULL;
    size_t take = m->option_size < sizeof *copy ? m->option_size : sizeof *copy;
    for (size_t i = 0; i < n; i++)
        memcpy(&copy[i], base + i * m->option_size, take);
    return copy;
}

void tp_module_handle_close(tp_module_handle *h)
{
    for (size_t i = 0; i < h->plugin_count; i++)
        free((void *)h->plugins[i].options);
    free(h->plugins);
    if (h->dl)
        dlclose(h->dl);
    free(h->path);
    memset(h, 0, sizeof *h);
}

int tp_registry_open(const char *path, bool allow_insecure, tp_module_handle *out, tp_error *err)
{
    memset(out, 0, sizeof *out);
    struct stat st;
    if (stat(path, &st) != 0)
        return tp_error_set(err, TP_ENOENT,
                            "%s: no such plugin file; check the path or the plugin search path "
                            "(tpipe plugins lists what is installed)",
                            path);
    if (!S_ISREG(st.st_mode))
        return tp_error_set(err, TP_EPLUGIN, "%s: not a regular file; a plugin is a .so file",
                            path);
    char why[PATH_MAX + 64];
    if (!allow_insecure && insecure(path, why, sizeof why))
        return tp_error_set(err, TP_EPLUGIN,
                            "%s: refusing to load a plugin that others could have replaced: %s; "
                            "fix the permissions (chmod o-w) or pass --allow-insecure-plugins",
                            path, why);
    dlerror();
    /* RTLD_NODELETE: a module stays mapped after dlclose(), so that pointers
     * a plugin left behind (atexit handlers, sanitizer and fuzzer coverage
     * tables, symbolised stacks in leak reports) never dangle. */
    void *dl = dlopen(path, RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    if (!dl)
        return tp_error_set(err, TP_EPLUGIN, "%s: cannot load plugin: %s", path, dlerror());
    tp_module_entry_fn entry;
    *(void **)&entry = dlsym(dl, TP_MODULE_ENTRY_NAME);
    if (!entry) {
        dlclose(dl);
        return tp_error_set(err, TP_EPLUGIN,
                            "%s: not a tpipe plugin: it does not export %s(); build it with "
                            "TP_MODULE(...) from <tpipe/plugin.h>",
                            path, TP_MODULE_ENTRY_NAME);
    }
    const tp_module *m = entry();
    int rc = 0;
    if (!m) {
        rc = tp_error_set(err, TP_EPLUGIN, "%s: %s() returned NULL", path, TP_MODULE_ENTRY_NAME);
    } else if (m->abi_major != TP_ABI_MAJOR || m->abi_minor > TP_ABI_MINOR) {
        rc = tp_error_set(err, TP_EABI,
                          "%s: built for plugin ABI %u.%u, but this tpipe provides ABI %d.%d; "
                          "rebuild the plugin against this tpipe's headers%s",
                          path, m->abi_major, m->abi_minor, TP_ABI_MAJOR, TP_ABI_MINOR,
                          m->abi_major == TP_ABI_MAJOR ? " or upgrade tpipe" : "");
    } else if (m->struct_size < TP_MODULE_MIN_SIZE || m->plugin_size < TP_PLUGIN_MIN_SIZE ||
               m->option_size < TP_OPTION_MIN_SIZE) {
        rc = tp_error_set(err, TP_EABI,
                          "%s: descriptor too small (module %zu, plugin %zu, option %zu bytes; "
                          "ABI %d needs at least %zu, %zu, %zu); rebuild the plugin with "
                          "TP_MODULE_INIT and TP_PLUGIN_INIT",
                          path, m->struct_size, m->plugin_size, m->option_size, TP_ABI_MAJOR,
                          (size_t)TP_MODULE_MIN_SIZE, (size_t)TP_PLUGIN_MIN_SIZE,
                          (size_t)TP_OPTION_MIN_SIZE);
    } else if (!m->plugins || !m->plugins[0]) {
        rc = tp_error_set(err, TP_EPLUGIN, "%s: the module lists no plugins", path);
    }
    if (rc) {
        dlclose(dl);
        return rc;
    }
    out->dl = dl;
    out->module = m;
    out->path = strdup(path);
    size_t n = 0;
    while (m->plugins[n])
        n++;
    out->plugins = calloc(n, sizeof *out->plugins);
    if (!out->path || !out->plugins) {
        tp_module_handle_close(out);
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < n; i++) {
        const tp_plugin *src = m->plugins[i];
        if (src->struct_size < TP_PLUGIN_MIN_SIZE) {
            rc = tp_error_set(err, TP_EABI,
                              "%s: plugin descriptor %zu is %zu bytes, smaller than ABI %d's "
                              "%zu; initialise it with TP_PLUGIN_INIT and rebuild",
                              path, i, src->struct_size, TP_ABI_MAJOR, (size_t)TP_PLUGIN_MIN_SIZE);
            break;
        }
        size_t take = src->struct_size < sizeof(tp_plugin) ? src->struct_size : sizeof(tp_plugin);
        memcpy(&out->plugins[i], src, take);
        out->plugins[i].struct_size = sizeof(tp_plugin);
        out->plugin_count = i + 1;
        if (src->options) {
            out->plugins[i].options = copy_options(m, src->options);
            if (!out->plugins[i].options) {
                rc = tp_error_set(err, TP_ENOMEM, "out of memory");
                break;
            }
        }
        rc = check_plugin(path, &out->plugins[i], err);
        if (rc)
            break;
    }
    if (rc)
        tp_module_handle_close(out);
    return rc;
}

/* ---- module lists ---- */

void tp_module_list_free(tp_module_list *list)
{
    for (size_t i = 0; i < list->count; i++)
        tp_module_handle_close(&list->items[i]);
    free(list->items);
    memset(list, 0, sizeof *list);
}

static const tp_plugin *module_plugin(const tp_module_handle *h, const char *name)
{
    for (size_t i = 0; i < h->plugin_count; i++)
        if (!name || strcmp(h->plugins[i].name, name) == 0)
            return &h->plugins[i];
    return NULL;
}

static int list_open(tp_module_list *list, const char *path, bool allow_insecure,
                     tp_module_handle **out, tp_error *err)
{
    char real[PATH_MAX];
    const char *key = realpath(path, real) ? real : path;
    for (size_t i = 0; i < list->count; i++) {
        if (strcmp(list->items[i].path, key) == 0) {
            *out = &list->items[i];
            return 0;
        }
    }
    if (list->count == list->cap) {
        size_t ncap = list->cap ? list->cap * 2 : 8;
        tp_module_handle *n = realloc(list->items, ncap * sizeof *n);
        if (!n)
            return tp_error_set(err, TP_ENOMEM, "out of memory");
        list->items = n;
        list->cap = ncap;
    }
    int rc = tp_registry_open(key, allow_insecure, &list->items[list->count], err);
    if (rc)
        return rc;
    *out = &list->items[list->count++];
    return 0;
}

int tp_registry_open_plugin(const char *path, const char *name, bool allow_insecure,
                            tp_module_list *loaded, const tp_plugin **plugin, tp_error *err)
{
    tp_module_handle *h;
    int rc = list_open(loaded, path, allow_insecure, &h, err);
    if (rc)
        return rc;
    const tp_plugin *p = module_plugin(h, name);
    if (!p)
        return tp_error_set(err, TP_ENOENT, "%s: the module holds no plugin named '%s'", path,
                            name);
    *plugin = p;
    return 0;
}

static bool has_suffix(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* Lists DIR's *.so files, sorted, into a malloc'd array. */
static size_t list_modules(const char *dir, char ***out)
{
    *out = NULL;
    struct dirent **names;
    int n = scandir(dir, &names, NULL, alphasort);
    if (n < 0)
        return 0;
    char **paths = calloc((size_t)n + 1, sizeof *paths);
    size_t count = 0;
    for (int i = 0; i < n; i++) {
        if (paths && names[i]->d_name[0] != '.' && has_suffix(names[i]->d_name, ".so")) {
            size_t len = strlen(dir) + strlen(names[i]->d_name) + 2;
            paths[count] = malloc(len);
            if (paths[count])
                snprintf(paths[count++], len, "%s/%s", dir, names[i]->d_name);
        }
        free(names[i]);
    }
    free(names);
    *out = paths;
    return count;
}

static void free_paths(char **paths, size_t count)
{
    for (size_t i = 0; i < count; i++)
        free(paths[i]);
    free(paths);
}

int tp_registry_find(char *const *dirs, size_t dir_count, const char *name, bool allow_insecure,
                     tp_module_list *loaded, const tp_plugin **plugin, const char **file,
                     tp_error *err)
{
    char path[PATH_MAX];
    /* NAME.so by convention first: cheap and unambiguous. */
    for (size_t i = 0; i < dir_count; i++) {
        snprintf(path, sizeof path, "%s/%s.so", dirs[i], name);
        if (access(path, F_OK) != 0)
            continue;
        tp_module_handle *h;
        int rc = list_open(loaded, path, allow_insecure, &h, err);
        if (rc)
            return rc;
        const tp_plugin *p = module_plugin(h, name);
        if (p) {
            *plugin = p;
            *file = h->path;
            return 0;
        }
    }
    /* Then modules that hold several plugins. */
    for (size_t i = 0; i < dir_count; i++) {
        char **paths;
        size_t n = list_modules(dirs[i], &paths);
        for (size_t j = 0; j < n; j++) {
            tp_module_handle *h;
            tp_error ignored;
            if (list_open(loaded, paths[j], allow_insecure, &h, &ignored))
                continue;
            const tp_plugin *p = module_plugin(h, name);
            if (p) {
                *plugin = p;
                *file = h->path;
                free_paths(paths, n);
                return 0;
            }
        }
        free_paths(paths, n);
    }
    char searched[1024] = "";
    size_t used = 0;
    for (size_t i = 0; i < dir_count && used < sizeof searched; i++) {
        int w = snprintf(searched + used, sizeof searched - used, "%s%s", i ? ":" : "", dirs[i]);
        if (w < 0)
            break;
        used += (size_t)w;
    }
    return tp_error_set(err, TP_ENOENT,
                        "no plugin named '%s' on the plugin search path (%s); install it, add "
                        "its folder with --plugin-path or TPIPE_PLUGIN_PATH, or give the path "
                        "to its .so",
                        name, searched);
}

bool tp_registry_provider(char *const *dirs, size_t dir_count, const char *capability,
                          char *name, size_t name_len)
{
    bool found = false;
    for (size_t i = 0; i < dir_count && !found; i++) {
        char **paths;
        size_t n = list_modules(dirs[i], &paths);
        for (size_t j = 0; j < n && !found; j++) {
            tp_module_handle h;
            tp_error ignored;
            if (tp_registry_open(paths[j], false, &h, &ignored))
                continue;
            for (size_t k = 0; k < h.plugin_count && !found; k++) {
                for (const char *const *c = h.plugins[k].provides; c && *c; c++) {
                    if (strcmp(*c, capability) == 0) {
                        snprintf(name, name_len, "%s", h.plugins[k].name);
                        found = true;
                        break;
                    }
                }
            }
            tp_module_handle_close(&h);
        }
        free_paths(paths, n);
    }
    return found;
}

/* ---- listing ---- */

static void visit_module(const char *path, bool allow_insecure, char ***seen, size_t *seen_count,
                         tp_plugin_visit_fn visit, void *user)
{
    tp_module_handle h;
    tp_error err = {0};
    if (tp_registry_open(path, allow_insecure, &h, &err)) {
        tp_plugin_info info = {.file = path, .error = err.message};
        visit(user, &info);
        return;
    }
    for (size_t k = 0; k < h.plugin_count; k++) {
        bool shadowed = false;
        for (size_t s = 0; seen && s < *seen_count; s++)
            if (strcmp((*seen)[s], h.plugins[k].name) == 0)
                shadowed = true;
        if (seen && !shadowed) {
            char **n = realloc(*seen, (*seen_count + 1) * sizeof *n);
            if (n) {
                *seen = n;
                n[*seen_count] = strdup(h.plugins[k].name);
                if (n[*seen_count])
                    (*seen_count)++;
            }
        }
        tp_plugin_info info = {.file = h.path,
                               .plugin = &h.plugins[k],
                               .abi_major = h.module->abi_major,
                               .abi_minor = h.module->abi_minor,
                               .shadowed = shadowed};
        visit(user, &info);
    }
    tp_module_handle_close(&h);
}

TP_API int tp_plugins_scan(const tp_load_options *opts, tp_plugin_visit_fn visit, void *user)
{
    size_t dir_count;
    char **dirs = tp_plugin_search_path(opts, &dir_count);
    if (!dirs)
        return TP_ENOMEM;
    bool allow = opts && opts->allow_insecure_plugins;
    char **seen = NULL;
    size_t seen_count = 0;
    for (size_t i = 0; i < dir_count; i++) {
        char **paths;
        size_t n = list_modules(dirs[i], &paths);
        for (size_t j = 0; j < n; j++)
            visit_module(paths[j], allow, &seen, &seen_count, visit, user);
        free_paths(paths, n);
    }
    free_paths(seen, seen_count);
    tp_plugin_search_path_free(dirs, dir_count);
    return 0;
}

TP_API int tp_plugins_scan_file(const char *path, const tp_load_options *opts,
                                tp_plugin_visit_fn visit, void *user)
{
    visit_module(path, opts && opts->allow_insecure_plugins, NULL, NULL, visit, user);
    return 0;
}
