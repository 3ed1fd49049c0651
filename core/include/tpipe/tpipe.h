/* tpipe/tpipe.h - the embedding API: load a pipeline, make documents, run
 * steps over them, serialise records, or run a whole batch. Plugins never
 * need this header. */
#ifndef TPIPE_TPIPE_H
#define TPIPE_TPIPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "doc.h"
#include "error.h"
#include "plugin.h"
#include "version.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---- diagnostics: problems collected while loading a pipeline ------------ */

typedef struct tp_diags tp_diags;

TP_API tp_diags *tp_diags_new(void);
TP_API void tp_diags_free(tp_diags *diags);
/* Number of messages and number of those that are errors (not notes). */
TP_API size_t tp_diags_count(const tp_diags *diags);
TP_API size_t tp_diags_error_count(const tp_diags *diags);
/* A message, formatted compiler-style:
 * "news.yaml:12:7: error: step 'quotes': unknown option 'x'; did you mean ...". */
TP_API const char *tp_diags_message(const tp_diags *diags, size_t i);

/* ---- loading a pipeline ------------------------------------------------------ */

typedef struct tp_pipeline tp_pipeline;

typedef struct tp_load_options {
    size_t struct_size;              /* sizeof(tp_load_options) */
    const char *const *plugin_dirs;  /* --plugin-path folders, searched first */
    size_t plugin_dir_count;
    const char *const *sets;         /* "step.option=value" overrides */
    size_t set_count;
    bool allow_insecure_plugins;     /* load world-writable plugin files */
} tp_load_options;

/* Loads and validates the pipeline file at `path`: YAML, plugins, options,
 * capabilities. On failure returns TP_ECONFIG (or TP_ENOMEM) with every
 * problem found in `diags`; nothing is run. `opts` may be NULL. */
TP_API int tp_pipeline_load(const char *path, const tp_load_options *opts, tp_pipeline **out,
                            tp_diags *diags);

/* The same from text in memory; `name` labels messages and `base_dir`
 * resolves relative paths (NULL: the working directory). */
TP_API int tp_pipeline_load_string(const char *yaml, size_t len, const char *name,
                                   const char *base_dir, const tp_load_options *opts,
                                   tp_pipeline **out, tp_diags *diags);

/* Runs every step's load() callback (lexicons, models). tp_run() calls it;
 * embedders that drive tp_worker themselves call it once after loading. */
TP_API int tp_pipeline_prepare(tp_pipeline *pipeline, tp_error *err);

TP_API void tp_pipeline_free(tp_pipeline *pipeline);
TP_API const char *tp_pipeline_name(const tp_pipeline *pipeline);
TP_API const char *tp_pipeline_description(const tp_pipeline *pipeline);
TP_API size_t tp_pipeline_step_count(const tp_pipeline *pipeline);
TP_API const char *tp_pipeline_step_id(const tp_pipeline *pipeline, size_t i);
TP_API const tp_plugin *tp_pipeline_step_plugin(const tp_pipeline *pipeline, size_t i);
TP_API const char *tp_pipeline_step_file(const tp_pipeline *pipeline, size_t i);
TP_API const tp_config *tp_pipeline_step_config(const tp_pipeline *pipeline, size_t i);

/* ---- documents ---------------------------------------------------------------- */

TP_API tp_doc *tp_doc_new(void);
TP_API void tp_doc_free(tp_doc *doc);

/* Empties the document (keeping its arena's memory) and loads a new text,
 * copied. Invalid UTF-8 becomes U+FFFD with a warning that counts the bytes;
 * NUL bytes become U+FFFD too. Returns TP_ELIMIT for texts over
 * (4 GiB - 1) / 3 bytes, the most whose repaired form surely fits the
 * 32-bit offsets. */
TP_API int tp_doc_reset(tp_doc *doc, const char *id, const char *text, size_t len);

/* The mutable metadata object, for readers that carry input fields. */
TP_API tp_value *tp_doc_meta_object(tp_doc *doc);

/* Marks the document failed by `step` (may be NULL) with `message`. */
TP_API int tp_doc_fail(tp_doc *doc, const char *step, const char *message, uint64_t input_line);
TP_API bool tp_doc_failed(const tp_doc *doc);

/* What the record reports besides the layers: warnings, the failure, and
 * the tokenizer's emit request. */
TP_API size_t tp_doc_warning_count(const tp_doc *doc);
TP_API const char *tp_doc_warning(const tp_doc *doc, size_t i);

typedef struct tp_doc_error {
    const char *step;    /* NULL when the input itself failed */
    const char *message;
    uint64_t input_line; /* JSONL line, 0 when not from JSONL */
} tp_doc_error;
TP_API const tp_doc_error *tp_doc_errors(const tp_doc *doc, size_t *count);
TP_API unsigned tp_doc_emit_flags(const tp_doc *doc);

/* ---- workers: one plugin instance per step, used by one thread ----------------- */

typedef struct tp_worker tp_worker;

TP_API int tp_worker_new(tp_pipeline *pipeline, tp_worker **out, tp_error *err);
TP_API void tp_worker_free(tp_worker *worker);

/* Runs every step over `doc`. Returns 0; TP_EDOC when a step failed the
 * document (recorded in it with the step name, the run may go on); or
 * TP_EFATAL when a step asked to stop the run (message in `err`). */
TP_API int tp_worker_process(tp_worker *worker, tp_doc *doc, tp_error *err);

/* Time spent in each step so far by this worker, in nanoseconds. */
TP_API uint64_t tp_worker_step_nanos(const tp_worker *worker, size_t step);

/* ---- records ----------------------------------------------------------------- */

typedef enum tp_format { TP_FORMAT_JSONL = 0, TP_FORMAT_JSON, TP_FORMAT_TEXT } tp_format;

typedef struct tp_format_options {
    tp_format format;
    bool color;   /* text: ANSI colour */
    int width;    /* text: wrap column (0: 80) */
} tp_format_options;

/* Serialises `doc` as one output record (a JSON object and a newline for
 * jsonl and json, a readable block for text) into a malloc'd buffer the
 * caller frees. */
TP_API int tp_doc_render(const tp_doc *doc, const tp_format_options *opts, char **out,
                         size_t *len);

/* ---- batch runs ----------------------------------------------------------------- */

typedef struct tp_run_stats {
    uint64_t documents;  /* records written */
    uint64_t failed;     /* of which failed */
    uint64_t bytes;      /* input text bytes */
    uint64_t tokens;
    double seconds;      /* wall time */
    size_t step_count;
    const char *const *step_ids;
    const uint64_t *step_nanos; /* summed over workers */
    int jobs;
    bool interrupted;
} tp_run_stats;

typedef struct tp_run_events {
    void *user;
    /* A document failed: its id, the step (may be NULL) and the message. */
    void (*failure)(void *user, const char *id, const char *step, const char *message);
    /* Progress, called from the writer a few times a second. total is 0 when
     * unknown. */
    void (*progress)(void *user, uint64_t done, uint64_t total, uint64_t bytes, uint64_t failed,
                     double seconds);
    /* Every processed document, from the worker thread `worker` (0 .. jobs-1)
     * that ran it, before it is reset: for collectors that aggregate over a
     * collection (one accumulator per worker, merged after the run). Not
     * called with --isolate. */
    void (*document)(void *user, unsigned worker, const tp_doc *doc);
} tp_run_events;

typedef struct tp_run_options {
    size_t struct_size;      /* sizeof(tp_run_options) */
    int jobs;                /* worker threads; 0: all cores */
    tp_format_options format;
    const char *output_path; /* NULL or "-": stdout; else written to a temp name, renamed */
    uint32_t shard_index;    /* --shard K/N: K (1-based); 0: no sharding */
    uint32_t shard_count;
    uint64_t max_document_bytes; /* larger documents fail; 0: the default (64 MiB) */
    const char *files_from;  /* file listing inputs, "-" for stdin; NULL: none */
    const char *include;     /* glob for files found in folders; NULL: all regular files */
    const volatile int *stop; /* set non-zero (from a signal handler) to stop cleanly */
    tp_run_events events;
    bool isolate;            /* run the steps in worker processes (crash isolation) */
    double timeout_seconds;  /* with isolate: per-document time limit; 0: none */
} tp_run_options;

/* Runs `pipeline` over `inputs` (files, folders walked recursively, "-" for
 * stdin; .jsonl files hold one document a line; .gz is decompressed) and
 * writes one record per document in input order. Returns 0 when every
 * document was written (check stats->failed), TP_EFATAL or TP_EIO when the
 * run stopped (message in `err`), TP_EINTR when `stop` was raised. */
TP_API int tp_run(tp_pipeline *pipeline, const char *const *inputs, size_t input_count,
                  const tp_run_options *opts, tp_run_stats *stats, tp_error *err);

/* ---- plugin discovery ---------------------------------------------------------- */

/* The plugin search path in force for `opts` (NULL: defaults), first match
 * wins: --plugin-path folders, TPIPE_PLUGIN_PATH, the build tree's plugins
 * when the running program is in a build tree, the installed folder. A
 * pipeline file's plugin_path comes after TPIPE_PLUGIN_PATH. Returns a
 * malloc'd array of `*count` malloc'd strings; free with
 * tp_plugin_search_path_free(). NULL when out of memory. */
TP_API char **tp_plugin_search_path(const tp_load_options *opts, size_t *count);
TP_API void tp_plugin_search_path_free(char **dirs, size_t count);

typedef struct tp_plugin_info {
    const char *file;         /* the module's path */
    const tp_plugin *plugin;  /* NULL when the module is broken */
    const char *error;        /* why it is broken, or NULL */
    uint32_t abi_major, abi_minor;
    bool shadowed;            /* an earlier module on the path has this name */
} tp_plugin_info;

typedef void (*tp_plugin_visit_fn)(void *user, const tp_plugin_info *info);

/* Calls `visit` for every plugin of every module (*.so) on the search path,
 * in search order, and once for each module that cannot be loaded. The
 * strings and descriptors are valid during the call only. */
TP_API int tp_plugins_scan(const tp_load_options *opts, tp_plugin_visit_fn visit, void *user);

/* Loads one module file and visits its plugins (or its error), as above. */
TP_API int tp_plugins_scan_file(const char *path, const tp_load_options *opts,
                                tp_plugin_visit_fn visit, void *user);

#ifdef __cplusplus
}
#endif

#endif
