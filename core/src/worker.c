/* worker.c - one plugin instance per step, running a document through the
 * steps in order. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "doc_internal.h"
#include "pipeline_internal.h"
#include "worker_internal.h"

struct tp_worker {
    tp_pipeline *pipeline;
    void **instances;
    tp_doc_caps *caps; /* of each step, for tp_doc_begin_step_caps() */
    uint64_t *nanos;
    volatile int *step_marker; /* --isolate: which step is running, for crash reports */
};

void tp_worker_set_step_marker(tp_worker *w, volatile int *marker)
{
    w->step_marker = marker;
}

static uint64_t now_nanos(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

TP_API int tp_pipeline_prepare(tp_pipeline *p, tp_error *err)
{
    if (p->prepared)
        return 0;
    for (size_t i = 0; i < p->count; i++) {
        tp_step *s = &p->steps[i];
        if (s->loaded || !s->plugin->load) {
            s->loaded = true;
            continue;
        }
        tp_error local = {0};
        int rc = s->plugin->load(s->config, &s->shared, &local);
        if (rc) {
            /* A load() that fails on its input (a broken lexicon file, say)
             * is a configuration error: nothing has been processed yet. */
            int code = rc == TP_ENOMEM || rc == TP_EFATAL ? TP_EFATAL : TP_ECONFIG;
            return tp_error_set(err, code, "step '%s' (plugin %s): load failed: %s", s->id,
                                s->plugin->name, local.message[0] ? local.message : tp_strerror(rc));
        }
        s->loaded = true;
    }
    p->prepared = true;
    return 0;
}

TP_API void tp_worker_free(tp_worker *w)
{
    if (!w)
        return;
    for (size_t i = 0; i < w->pipeline->count; i++) {
        const tp_plugin *pl = w->pipeline->steps[i].plugin;
        if (pl->create && w->instances[i] && pl->destroy)
            pl->destroy(w->instances[i]);
    }
    free(w->instances);
    free(w->caps);
    free(w->nanos);
    free(w);
}

TP_API int tp_worker_new(tp_pipeline *p, tp_worker **out, tp_error *err)
{
    int rc = tp_pipeline_prepare(p, err);
    if (rc)
        return rc;
    tp_worker *w = calloc(1, sizeof *w);
    if (!w)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    w->pipeline = p;
    w->instances = calloc(p->count ? p->count : 1, sizeof *w->instances);
    w->caps = calloc(p->count ? p->count : 1, sizeof *w->caps);
    w->nanos = calloc(p->count ? p->count : 1, sizeof *w->nanos);
    if (!w->instances || !w->caps || !w->nanos) {
        tp_worker_free(w);
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    }
    for (size_t i = 0; i < p->count; i++) {
        tp_step *s = &p->steps[i];
        w->caps[i] = tp_doc_caps_of(s->plugin->provides);
        if (!s->plugin->create) {
            w->instances[i] = s->shared;
            continue;
        }
        tp_error local = {0};
        rc = s->plugin->create(s->shared, s->config, &w->instances[i], &local);
        if (rc) {
            w->instances[i] = NULL;
            tp_worker_free(w);
            return tp_error_set(err, TP_EFATAL, "step '%s' (plugin %s): create failed: %s",
                                s->id, s->plugin->name,
                                local.message[0] ? local.message : tp_strerror(rc));
        }
    }
    *out = w;
    return 0;
}

TP_API int tp_worker_process(tp_worker *w, tp_doc *doc, tp_error *err)
{
    if (doc->failed)
        return TP_EDOC;
    for (size_t i = 0; i < w->pipeline->count; i++) {
        tp_step *s = &w->pipeline->steps[i];
        tp_error local = {0};
        uint64_t t0 = now_nanos();
        if (w->step_marker)
            *w->step_marker = (int)i;
        tp_doc_begin_step_caps(doc, s->id, s->plugin->provides, w->caps[i]);
        int rc = s->plugin->process(w->instances[i], doc, &local);
        tp_doc_end_step(doc);
        if (w->step_marker)
            *w->step_marker = -1;
        w->nanos[i] += now_nanos() - t0;
        if (rc == 0)
            continue;
        const char *msg = local.message[0] ? local.message : tp_strerror(rc);
        char why[TP_ERROR_MESSAGE_MAX];
        if (!local.message[0] && doc->denied[0]) {
            /* The plugin passed up a refused write without a word: say
             * which capability it lacked and where to declare it. */
            int n = snprintf(why, sizeof why,
                             "%s: it wrote '%s' without providing it; add \"%s\" to the "
                             "plugin descriptor's provides",
                             tp_strerror(rc), doc->denied, doc->denied);
            if (n > 0)
                msg = why;
        }
        if (rc == TP_EFATAL)
            return tp_error_set(err, TP_EFATAL, "step '%s': %s (document '%s')", s->id, msg,
                                doc->id);
        tp_doc_fail(doc, s->id, msg, 0);
        tp_error_set(err, TP_EDOC, "step '%s': %s", s->id, msg);
        return TP_EDOC;
    }
    return 0;
}

TP_API uint64_t tp_worker_step_nanos(const tp_worker *w, size_t step)
{
    return step < w->pipeline->count ? w->nanos[step] : 0;
}
