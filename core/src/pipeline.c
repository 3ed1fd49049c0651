/* pipeline.c - the pipeline object: steps, accessors, teardown. Loading
 * from YAML is in pipeline_load.c. */
#include <stdlib.h>
#include <string.h>

#include "pipeline_internal.h"

tp_pipeline *tp_pipeline_new_empty(const char *name)
{
    tp_pipeline *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->name = strdup(name ? name : "");
    if (!p->name) {
        free(p);
        return NULL;
    }
    return p;
}

int tp_pipeline_add_step(tp_pipeline *p, const tp_plugin *plugin, const char *id,
                         const char *file, tp_config *config)
{
    if (p->count == p->cap) {
        size_t ncap = p->cap ? p->cap * 2 : 8;
        tp_step *n = realloc(p->steps, ncap * sizeof *n);
        if (!n) {
            tp_config_free(config);
            return TP_ENOMEM;
        }
        p->steps = n;
        p->cap = ncap;
    }
    tp_step *s = &p->steps[p->count];
    memset(s, 0, sizeof *s);
    s->plugin = plugin;
    s->config = config;
    s->id = strdup(id ? id : plugin->name);
    s->file = file ? strdup(file) : NULL;
    if (!s->id || (file && !s->file)) {
        free(s->id);
        free(s->file);
        tp_config_free(config);
        return TP_ENOMEM;
    }
    p->count++;
    p->prepared = false;
    return 0;
}

TP_API void tp_pipeline_free(tp_pipeline *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->count; i++) {
        tp_step *s = &p->steps[i];
        if (s->loaded && s->plugin->load && s->plugin->unload)
            s->plugin->unload(s->shared);
        tp_config_free(s->config);
        free(s->id);
        free(s->file);
    }
    free(p->steps);
    free(p->stats_nanos);
    free(p->stats_ids);
    tp_module_list_free(&p->modules);
    free(p->name);
    free(p->description);
    free(p->path);
    free(p->base_dir);
    free(p);
}

TP_API const char *tp_pipeline_name(const tp_pipeline *p)
{
    return p->name;
}

TP_API const char *tp_pipeline_description(const tp_pipeline *p)
{
    return p->description ? p->description : "";
}

TP_API size_t tp_pipeline_step_count(const tp_pipeline *p)
{
    return p->count;
}

TP_API const char *tp_pipeline_step_id(const tp_pipeline *p, size_t i)
{
    return i < p->count ? p->steps[i].id : NULL;
}

TP_API const tp_plugin *tp_pipeline_step_plugin(const tp_pipeline *p, size_t i)
{
    return i < p->count ? p->steps[i].plugin : NULL;
}

TP_API const char *tp_pipeline_step_file(const tp_pipeline *p, size_t i)
{
    return i < p->count ? p->steps[i].file : NULL;
}

TP_API const tp_config *tp_pipeline_step_config(const tp_pipeline *p, size_t i)
{
    return i < p->count ? p->steps[i].config : NULL;
}
