/* pipeline_internal.h - a loaded pipeline: steps with their plugin,
 * configuration and shared state. */
#ifndef TPIPE_PIPELINE_INTERNAL_H
#define TPIPE_PIPELINE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include <tpipe/tpipe.h>

#include "config_internal.h"
#include "registry.h"

typedef struct tp_step {
    char *id;
    const tp_plugin *plugin;
    char *file;         /* the module's path, or NULL for linked-in plugins */
    tp_config *config;  /* owned */
    void *shared;       /* from load() */
    bool loaded;
} tp_step;

struct tp_pipeline {
    char *name;
    char *description;
    char *path;     /* the pipeline file, or a label */
    char *base_dir; /* relative paths resolve against it */
    tp_step *steps;
    size_t count, cap;
    tp_module_list modules; /* dlopen'ed modules, closed last */
    bool prepared;
    uint64_t *stats_nanos; /* per-step time of the last tp_run() */
    const char **stats_ids;
};

tp_pipeline *tp_pipeline_new_empty(const char *name);

/* Appends a step; takes ownership of `config` (also on failure). */
int tp_pipeline_add_step(tp_pipeline *p, const tp_plugin *plugin, const char *id,
                         const char *file, tp_config *config);

/* Checks that every step's requirements are provided by an earlier step.
 * Messages name the step, the capability and, through `suggest`, a plugin
 * that provides it (may be NULL). Returns the number of problems. */
typedef const char *(*tp_provider_lookup)(void *user, const char *capability);

#endif
