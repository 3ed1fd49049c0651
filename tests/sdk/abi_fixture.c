/* abi_fixture.c - a plugin that declares its descriptors with the frozen ABI
 * 1.0 layout of abi_v1_0.h instead of <tpipe/plugin.h>.
 *
 * Built twice (tests/sdk/CMakeLists.txt):
 *   abi_v1_0.so  - the 1.0 layout as it is: what a plugin compiled against
 *                  tpipe 0.1 looks like to every later core of ABI 1;
 *   abi_wide.so  - (ABI_WIDE) each struct followed by fields this core does
 *                  not know, and the module's sizes saying so: the core must
 *                  step through option rows by the module's option_size and
 *                  copy only the bytes it knows, the mirror image of reading
 *                  a smaller, older layout.
 * Both exercise every callback and options of several types, and free what
 * they allocate only in destroy()/unload(), so the sanitizer run proves that
 * the core calls them. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "abi_v1_0.h"

#ifdef ABI_WIDE
#define PLUGIN_NAME "abi_wide"
/* Fields a later minor might append; the core must not read them. */
typedef struct option_row {
    v10_option v;
    const char *future_example;
    uint64_t future_flags;
} option_row;
typedef struct plugin_desc {
    v10_plugin v;
    const char *future_homepage;
    void (*future_callback)(void);
} plugin_desc;
typedef struct module_desc {
    v10_module v;
    const char *future_note;
} module_desc;
#define ROW(...) {{__VA_ARGS__}, "never read", 0xdeadbeef}
#define PLUGIN_TAIL , .future_homepage = "never read"
#else
#define PLUGIN_NAME "abi_v1_0"
typedef struct option_row {
    v10_option v;
} option_row;
typedef struct plugin_desc {
    v10_plugin v;
} plugin_desc;
typedef struct module_desc {
    v10_module v;
} module_desc;
#define ROW(...) {{__VA_ARGS__}}
#define PLUGIN_TAIL
#endif

typedef struct shared {
    char *greeting; /* copied: freed by unload() */
    int64_t times;
    bool shout;
} shared;

typedef struct instance {
    const shared *sh;
    int64_t documents;
} instance;

static int load(const tp_config *config, void **out, tp_error *err)
{
    shared *sh = malloc(sizeof *sh);
    const char *g = tp_config_string(config, "greeting");
    size_t n = strlen(g ? g : "") + 1;
    if (!sh || !(sh->greeting = malloc(n))) {
        free(sh);
        return tp_error_set(err, TP_ENOMEM, PLUGIN_NAME ": out of memory");
    }
    memcpy(sh->greeting, g ? g : "", n);
    sh->times = tp_config_int(config, "times");
    sh->shout = tp_config_bool(config, "shout");
    *out = sh;
    return 0;
}

static void unload(void *p)
{
    shared *sh = p;
    free(sh->greeting);
    free(sh);
}

static int create(void *sh, const tp_config *config, void **out, tp_error *err)
{
    (void)config;
    instance *in = calloc(1, sizeof *in);
    if (!in)
        return tp_error_set(err, TP_ENOMEM, PLUGIN_NAME ": out of memory");
    in->sh = sh;
    *out = in;
    return 0;
}

static void destroy(void *p)
{
    free(p);
}

static int process(void *p, tp_doc *doc, tp_error *err)
{
    instance *in = p;
    const shared *sh = in->sh;
    size_t glen = strlen(sh->greeting);
    char *text = tp_doc_alloc(doc, glen * (size_t)sh->times + (size_t)sh->times + 1);
    if (!text)
        return tp_error_set(err, TP_EFATAL, PLUGIN_NAME ": out of memory");
    char *w = text;
    for (int64_t i = 0; i < sh->times; i++) {
        if (i)
            *w++ = ' ';
        for (size_t k = 0; k < glen; k++)
            *w++ = sh->shout && sh->greeting[k] >= 'a' && sh->greeting[k] <= 'z'
                       ? (char)(sh->greeting[k] - 'a' + 'A')
                       : sh->greeting[k];
    }
    *w = '\0';
    size_t len;
    tp_doc_text(doc, &len);
    tp_value *r = tp_value_object(doc);
    if (tp_object_set(doc, r, "greeting", tp_value_string(doc, text)) ||
        tp_object_set(doc, r, "bytes", tp_value_int(doc, (int64_t)len)) ||
        tp_object_set(doc, r, "documents", tp_value_int(doc, ++in->documents)) ||
        tp_doc_set_result(doc, PLUGIN_NAME, r))
        return tp_error_set(err, TP_EFATAL, PLUGIN_NAME ": out of memory");
    return 0;
}

static const char *const provides[] = {"doc:" PLUGIN_NAME, NULL};

/* Type numbers as ABI 1.0 defines them: 0 bool, 1 int, 3 string. */
static const option_row options[] = {
    ROW("greeting", 3, "hello", NULL, NULL, "what to say"),
    ROW("times", 1, "1", "1..5", NULL, "how many times"),
    ROW("shout", 0, "false", NULL, NULL, "in capitals"),
    ROW(NULL, 0, NULL, NULL, NULL, NULL),
};

static const plugin_desc plugin = {
    .v =
        {
            .struct_size = sizeof(plugin_desc),
            .name = PLUGIN_NAME,
            .version = "1.0.0",
            .description = "A plugin built against the frozen ABI 1.0 descriptor layout",
            .license = "MIT",
            .provides = provides,
            .options = &options[0].v,
            .load = load,
            .create = create,
            .process = process,
            .destroy = destroy,
            .unload = unload,
        } PLUGIN_TAIL,
};

static const v10_plugin *const plugins[] = {&plugin.v, NULL};

static const module_desc module = {
    .v = {.abi_major = 1,
          .abi_minor = 0,
          .struct_size = sizeof(module_desc),
          .plugin_size = sizeof(plugin_desc),
          .option_size = sizeof(option_row),
          .plugins = plugins},
};

__attribute__((visibility("default"))) const void *tp_module_entry(void);
__attribute__((visibility("default"))) const void *tp_module_entry(void)
{
    return &module.v;
}
