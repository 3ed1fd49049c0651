/* runner.c - a batch: N workers, each reading the next document, running
 * the steps on it and writing the records that are due, in input order.
 *
 * There is no reader or writer thread: a worker takes the next line under
 * the input lock, and whoever finishes the document the output is waiting
 * for writes it and every finished one after it. Threads then meet only on
 * short locks, not on a wake-up per document (on 2 cores, the hand-offs of
 * a reader/writer design cost a third of a core). With one job the caller's
 * thread is the worker.
 *
 * Memory stays bounded: at most `window` documents are between being read
 * and being written, whatever the size of the collection; finished records
 * wait in a ring of that size until their turn. */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <zlib.h>

#include "doc_internal.h"
#include "docrun.h"
#include "input.h"
#include "isolate.h"
#include "pipeline_internal.h"

#define DEFAULT_MAX_DOCUMENT_BYTES (64u * 1024 * 1024)
#define OUTPUT_BUFFER (1u << 20)

typedef struct job {
    uint64_t seq;
    bool skipped; /* another shard's document: no record */
    tp_input_record rec;
    char *out;
    size_t out_len;
    bool failed;
    char *fail_step;
    char *fail_message;
    uint64_t bytes, tokens;
} job;

typedef struct sink sink;

typedef struct run {
    tp_pipeline *pipeline;
    const tp_run_options *opts;
    tp_input *input;
    pthread_mutex_t input_lock; /* the input, next_seq */
    pthread_mutex_t lock;       /* from ring to fatal_err */
    pthread_cond_t cv_space;    /* the window has room, or the run ends */
    pthread_cond_t cv_finished; /* a worker has ended */
    job **ring;                 /* finished, waiting for their turn */
    size_t window;
    uint64_t next_seq; /* documents read (under input_lock) */
    uint64_t reserved; /* documents a worker has started to read */
    uint64_t written;  /* documents written */
    bool writing;      /* a worker is writing records */
    bool input_idle;   /* the input is waiting for its producer */
    bool input_done;
    bool fatal;
    int space_waiters;
    int finished_workers;
    tp_error fatal_err;
    uint64_t *step_nanos;
    int jobs;
    /* Used only by the worker that is writing (see finish_job). */
    tp_run_stats *stats;
    sink *out;
    double t0, last_progress;
} run;

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void set_fatal(run *r, int code, const char *message)
{
    pthread_mutex_lock(&r->lock);
    if (!r->fatal) {
        r->fatal = true;
        tp_error_set(&r->fatal_err, code, "%s", message);
    }
    pthread_cond_broadcast(&r->cv_space);
    pthread_mutex_unlock(&r->lock);
}

static void job_free(job *j)
{
    if (!j)
        return;
    tp_input_record_clear(&j->rec);
    free(j->out);
    free(j->fail_step);
    free(j->fail_message);
    free(j);
}

/* FNV-1a: stable across machines and versions, so shards are reproducible. */
static uint64_t id_hash(const char *s)
{
    uint64_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ull;
    }
    return h;
}

/* The flag is set by a signal handler on any thread and read by the
 * workers: read it atomically (a lock-free int is also what a handler may
 * safely write). */
static bool stop_requested(const run *r)
{
    return r->opts->stop && __atomic_load_n(r->opts->stop, __ATOMIC_RELAXED);
}

/* ---- workers ---- */

/* The next document from the input, or NULL at its end or on an error
 * (then the run is fatal). */
static job *read_job(run *r)
{
    job *j = calloc(1, sizeof *j);
    if (!j) {
        set_fatal(r, TP_ENOMEM, "out of memory reading input");
        return NULL;
    }
    tp_error err = {0};
    int rc = tp_input_next(r->input, &j->rec, &err);
    if (rc <= 0) {
        job_free(j);
        if (rc < 0)
            set_fatal(r, rc, err.message[0] ? err.message : tp_strerror(rc));
        return NULL;
    }
    return j;
}

typedef struct worker_ctx {
    run *r;
    tp_worker *worker; /* in-process steps, or NULL with --isolate */
    tp_isolate *iso;   /* --isolate: the worker process */
    tp_doc *doc;
    unsigned index;
    pthread_t thread;
} worker_ctx;

/* The next document, waiting while the window is full: NULL when the input
 * is done or the run is fatal or stopped. */
static job *next_job(run *r)
{
    pthread_mutex_lock(&r->lock);
    while (!r->fatal && !r->input_done && !stop_requested(r) &&
           r->reserved - r->written >= r->window) {
        r->space_waiters++;
        pthread_cond_wait(&r->cv_space, &r->lock);
        r->space_waiters--;
    }
    bool go = !r->fatal && !r->input_done && !stop_requested(r);
    if (go)
        r->reserved++;
    pthread_mutex_unlock(&r->lock);
    if (!go)
        return NULL;

    /* Sequence numbers are given under the input lock, in input order. */
    pthread_mutex_lock(&r->input_lock);
    job *j = read_job(r);
    if (j) {
        j->seq = r->next_seq++;
        /* Input flows again; cleared before another worker's read can find
         * it waiting and set it. */
        pthread_mutex_lock(&r->lock);
        r->input_idle = false;
        pthread_mutex_unlock(&r->lock);
    }
    pthread_mutex_unlock(&r->input_lock);
    if (!j) {
        pthread_mutex_lock(&r->lock);
        r->reserved--;
        r->input_done = true;
        pthread_cond_broadcast(&r->cv_space);
        pthread_mutex_unlock(&r->lock);
    }
    return j;
}

/* Runs the steps on one document. Nonzero: the run is fatal. */
static int process_job(worker_ctx *w, job *j)
{
    run *r = w->r;
    if (tp_input_record_finish(&j->rec) != 0) {
        set_fatal(r, TP_ENOMEM, "out of memory reading input");
        return TP_ENOMEM;
    }
    /* Sharding needs the id, which a JSONL line gives only once parsed. */
    const tp_run_options *o = r->opts;
    if (o->shard_count > 1 &&
        id_hash(j->rec.id ? j->rec.id : "") % o->shard_count != o->shard_index - 1) {
        j->skipped = true;
        return 0;
    }
    j->bytes = j->rec.len;
    tp_doc_outcome out;
    tp_error err = {0};
    int rc = w->iso ? tp_isolate_run(w->iso, w->doc, &j->rec, &out, &err)
                    : tp_docrun(w->worker, w->doc, &j->rec, NULL, NULL, &o->format, &out, &err);
    if (rc) {
        set_fatal(r, rc, err.message);
        return rc;
    }
    if (o->events.document && !w->iso)
        o->events.document(o->events.user, w->index, w->doc);
    j->out = out.out;
    j->out_len = out.out_len;
    j->failed = out.failed;
    j->fail_step = out.fail_step;
    j->fail_message = out.fail_message;
    j->tokens = out.tokens;
    /* The text is in the document now; give its memory back early. */
    free(j->rec.text);
    j->rec.text = NULL;
    return 0;
}

static int emit_job(run *r, job *j);
static void report_progress(run *r);
static void flush_stream(run *r);

/* Puts a finished document in its place in the ring. When it is the one the
 * output waits for, and nobody is writing, this worker writes it and every
 * finished document after it (others keep adding to the ring meanwhile). */
static void finish_job(run *r, job *j)
{
    pthread_mutex_lock(&r->lock);
    r->ring[j->seq % r->window] = j;
    if (r->writing || j->seq != r->written) {
        pthread_mutex_unlock(&r->lock);
        return;
    }
    r->writing = true;
    job *due;
    while (!r->fatal && (due = r->ring[r->written % r->window])) {
        r->ring[r->written % r->window] = NULL;
        pthread_mutex_unlock(&r->lock);
        int rc = emit_job(r, due);
        if (rc == 0)
            report_progress(r);
        pthread_mutex_lock(&r->lock);
        if (rc)
            break;
        r->written++;
        /* Waiters want a free slot; wake them once half the window is free
         * rather than for every record. */
        if (r->space_waiters && r->reserved - r->written <= r->window / 2)
            pthread_cond_broadcast(&r->cv_space);
    }
    r->writing = false;
    bool idle = r->input_idle;
    pthread_mutex_unlock(&r->lock);
    if (idle)
        flush_stream(r);
}

static void *worker_main(void *arg)
{
    worker_ctx *w = arg;
    run *r = w->r;
    job *j;
    while ((j = next_job(r))) {
        if (process_job(w, j) != 0) {
            job_free(j);
            break;
        }
        finish_job(r, j);
    }
    pthread_mutex_lock(&r->lock);
    r->finished_workers++;
    pthread_cond_signal(&r->cv_finished);
    pthread_mutex_unlock(&r->lock);
    return NULL;
}

/* ---- output file: a temporary name, renamed when complete ---- */

struct sink {
    FILE *f;
    bool stream; /* standard output or a pipe: worth flushing when input waits */
    gzFile gz; /* set when the output name ends in .gz */
    char *final_path;
    char *tmp_path;
};

static int sink_open(sink *s, const char *path, tp_error *err)
{
    memset(s, 0, sizeof *s);
    if (!path || strcmp(path, "-") == 0) {
        s->f = stdout;
        s->stream = true;
        /* Records are written whole; a big buffer saves a system call every
         * few records. A terminal keeps its line buffering. */
        if (!isatty(fileno(stdout)))
            setvbuf(stdout, NULL, _IOFBF, OUTPUT_BUFFER);
        return 0;
    }
    /* Anything but a regular file (-o /dev/null, a FIFO, a terminal) is
     * written in place: a temporary file renamed over it would replace the
     * device itself (run as root, -o /dev/null left a regular file). */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        s->final_path = strdup(path);
        if (!s->final_path)
            return tp_error_set(err, TP_ENOMEM, "out of memory");
        s->f = fopen(path, "wb");
        s->stream = true;
        if (!s->f) {
            int e = errno;
            free(s->final_path);
            s->final_path = NULL;
            return tp_error_set(err, TP_EIO, "%s: cannot open the output: %s", path,
                                strerror(e));
        }
        return 0;
    }
    size_t n = strlen(path) + 16;
    s->tmp_path = malloc(n);
    s->final_path = strdup(path);
    if (!s->tmp_path || !s->final_path)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    snprintf(s->tmp_path, n, "%s.tmp-XXXXXX", path);
    int fd = mkstemp(s->tmp_path);
    if (fd < 0)
        return tp_error_set(err, TP_EIO, "%s: cannot create the output file: %s", path,
                            strerror(errno));
    /* mkstemp() makes the file private; the finished output gets the usual
     * permissions, as if created by open(2) with 0666 under the umask. */
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd, 0666 & ~mask);
    s->f = fdopen(fd, "wb");
    if (!s->f) {
        close(fd);
        unlink(s->tmp_path);
        return tp_error_set(err, TP_EIO, "%s: %s", path, strerror(errno));
    }
    setvbuf(s->f, NULL, _IOFBF, OUTPUT_BUFFER);
    size_t n_path = strlen(path);
    if (n_path > 3 && strcmp(path + n_path - 3, ".gz") == 0) {
        /* zlib writes through its own descriptor; the FILE keeps ours for fsync. */
        int dup_fd = dup(fd);
        s->gz = dup_fd >= 0 ? gzdopen(dup_fd, "wb6") : NULL;
        if (!s->gz) {
            if (dup_fd >= 0)
                close(dup_fd);
            fclose(s->f);
            unlink(s->tmp_path);
            return tp_error_set(err, TP_EIO, "%s: cannot start gzip output", path);
        }
    }
    return 0;
}

static int sink_write(sink *s, const char *buf, size_t len)
{
    if (s->gz)
        return len == 0 || gzwrite(s->gz, buf, (unsigned)len) == (int)len ? 0 : TP_EIO;
    return fwrite(buf, 1, len, s->f) == len ? 0 : TP_EIO;
}

/* Renames the temporary file into place when `complete`, else keeps what was
 * written as PATH.partial so that it cannot pass for a whole run. */
static int sink_close(sink *s, bool complete, tp_error *err)
{
    int rc = 0;
    bool gz_bad = s->gz && gzclose(s->gz) != Z_OK;
    s->gz = NULL;
    if (s->f && s->f != stdout) {
        bool bad = fflush(s->f) != 0 || ferror(s->f) || gz_bad;
        bad = fsync(fileno(s->f)) != 0 ? bad || errno != EINVAL : bad;
        bad = fclose(s->f) != 0 || bad;
        if (bad) {
            rc = tp_error_set(err, TP_EIO, "%s: write failed: %s", s->final_path,
                              strerror(errno));
            if (s->tmp_path)
                unlink(s->tmp_path);
        } else if (!s->tmp_path) {
            /* written in place (a device or a pipe): nothing to rename */
        } else if (complete) {
            if (rename(s->tmp_path, s->final_path) != 0)
                rc = tp_error_set(err, TP_EIO, "%s: cannot rename the finished output: %s",
                                  s->final_path, strerror(errno));
        } else {
            char partial[4096];
            snprintf(partial, sizeof partial, "%s.partial", s->final_path);
            rename(s->tmp_path, partial);
        }
    } else if (s->f == stdout && fflush(stdout) != 0) {
        rc = tp_error_set(err, TP_EIO, "writing standard output failed: %s", strerror(errno));
    }
    free(s->tmp_path);
    free(s->final_path);
    memset(s, 0, sizeof *s);
    return rc;
}

/* ---- the run ---- */

static int write_job(sink *s, const tp_run_options *o, const job *j, uint64_t index)
{
    size_t len = j->out_len;
    if (o->format.format == TP_FORMAT_JSON) {
        if (len && j->out[len - 1] == '\n')
            len--;
        if (sink_write(s, index ? ",\n" : "[\n", 2) != 0)
            return TP_EIO;
    }
    return sink_write(s, j->out, len);
}

/* Pushes the records written so far to a stream output. stdio locks the
 * FILE, so this may run beside a worker's fwrite. */
static void flush_stream(run *r)
{
    if (r->out->stream && r->out->f)
        fflush(r->out->f);
}

/* The input is about to wait for a slow producer (tpipe as a filter): what
 * is written goes out now, and writers flush until input flows again. */
static void on_input_idle(void *user)
{
    run *r = user;
    pthread_mutex_lock(&r->lock);
    r->input_idle = true;
    pthread_mutex_unlock(&r->lock);
    flush_stream(r);
}

/* Writes one finished document's record (none for another shard's), counts
 * it, reports its failure, and frees it. Called by one worker at a time.
 * Nonzero: the output failed and the run is fatal. */
static int emit_job(run *r, job *j)
{
    const tp_run_options *o = r->opts;
    tp_run_stats *stats = r->stats;
    if (j->skipped) {
        job_free(j);
        return 0;
    }
    if (write_job(r->out, o, j, stats->documents) != 0) {
        set_fatal(r, TP_EIO, "writing the output failed");
        job_free(j);
        return TP_EIO;
    }
    stats->documents++;
    stats->bytes += j->bytes;
    stats->tokens += j->tokens;
    if (j->failed) {
        stats->failed++;
        if (o->events.failure)
            o->events.failure(o->events.user, j->rec.id ? j->rec.id : "", j->fail_step,
                              j->fail_message ? j->fail_message : "");
    }
    job_free(j);
    return 0;
}

/* A few progress events a second, whatever the documents' size. Called by
 * the writing worker. */
static void report_progress(run *r)
{
    const tp_run_options *o = r->opts;
    if (!o->events.progress)
        return;
    double now = now_seconds();
    if (now - r->last_progress < 0.25)
        return;
    r->last_progress = now;
    /* The total is set when the input opens and never changes: no lock (the
     * input lock may be held by a worker waiting for a slow producer). */
    o->events.progress(o->events.user, r->stats->documents, tp_input_total_hint(r->input),
                       r->stats->bytes, r->stats->failed, now - r->t0);
}

/* Several jobs: the workers on threads of their own, this thread waiting
 * for them and passing a Ctrl-C on to any that wait for room. */
static void run_threads(run *r, worker_ctx *workers)
{
    int started = 0;
    for (; started < r->jobs; started++)
        if (pthread_create(&workers[started].thread, NULL, worker_main, &workers[started]) != 0) {
            set_fatal(r, TP_EFATAL, "cannot start a worker thread");
            break;
        }
    pthread_mutex_lock(&r->lock);
    while (r->finished_workers < started) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 200 * 1000 * 1000;
        if (ts.tv_nsec >= 1000000000) {
            ts.tv_sec++;
            ts.tv_nsec -= 1000000000;
        }
        pthread_cond_timedwait(&r->cv_finished, &r->lock, &ts);
        if (stop_requested(r))
            pthread_cond_broadcast(&r->cv_space);
    }
    pthread_mutex_unlock(&r->lock);
    for (int i = 0; i < started; i++)
        pthread_join(workers[i].thread, NULL);
}

TP_API int tp_run(tp_pipeline *pipeline, const char *const *inputs, size_t input_count,
                  const tp_run_options *opts, tp_run_stats *stats, tp_error *err)
{
    tp_run_stats local_stats;
    if (!stats)
        stats = &local_stats;
    memset(stats, 0, sizeof *stats);
    double t0 = now_seconds();
    int rc = tp_pipeline_prepare(pipeline, err);
    if (rc)
        return rc;

    run r = {.pipeline = pipeline, .opts = opts, .stats = stats, .t0 = t0};
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    r.jobs = opts->jobs > 0 ? opts->jobs : (cores > 0 ? (int)cores : 1);
    if (r.jobs > 256)
        r.jobs = 256;
    r.window = (size_t)r.jobs * 4 + 4;
    tp_input_options in_opts = {
        .files_from = opts->files_from,
        .include = opts->include,
        .max_document_bytes = opts->max_document_bytes ? opts->max_document_bytes
                                                       : DEFAULT_MAX_DOCUMENT_BYTES,
        /* Lines are taken under the input lock and decoded by each worker
         * outside it. */
        .defer_jsonl = true,
        .on_idle = on_input_idle,
        .idle_user = &r,
    };
    rc = tp_input_open(inputs, input_count, &in_opts, &r.input, err);
    if (rc)
        return rc;
    sink out;
    r.out = &out;
    rc = sink_open(&out, opts->output_path, err);
    if (rc) {
        tp_input_close(r.input);
        return rc;
    }
    r.ring = calloc(r.window, sizeof *r.ring);
    r.step_nanos = calloc(pipeline->count ? pipeline->count : 1, sizeof *r.step_nanos);
    worker_ctx *workers = calloc((size_t)r.jobs, sizeof *workers);
    if (!r.ring || !r.step_nanos || !workers) {
        rc = tp_error_set(err, TP_ENOMEM, "out of memory");
        goto cleanup_alloc;
    }
    for (int i = 0; i < r.jobs; i++) {
        workers[i].r = &r;
        workers[i].index = (unsigned)i;
        workers[i].doc = tp_doc_new();
        if (!workers[i].doc) {
            rc = tp_error_set(err, TP_ENOMEM, "out of memory");
            goto cleanup_workers;
        }
        rc = opts->isolate
                 ? tp_isolate_new(pipeline, &opts->format, opts->timeout_seconds, &workers[i].iso,
                                  err)
                 : tp_worker_new(pipeline, &workers[i].worker, err);
        if (rc)
            goto cleanup_workers;
    }
    pthread_mutex_init(&r.input_lock, NULL);
    pthread_mutex_init(&r.lock, NULL);
    pthread_cond_init(&r.cv_space, NULL);
    pthread_cond_init(&r.cv_finished, NULL);

    /* With one job the caller's thread is the worker: no thread to start,
     * and -j1 figures are those of one core. */
    if (r.jobs == 1)
        worker_main(&workers[0]);
    else
        run_threads(&r, workers);
    if (r.fatal)
        tp_error_set(err, r.fatal_err.code, "%s", r.fatal_err.message);
    rc = r.fatal ? (r.fatal_err.code == TP_EIO ? TP_EIO : TP_EFATAL) : 0;
    stats->interrupted = !r.fatal && stop_requested(&r);
    if (stats->interrupted)
        rc = tp_error_set(err, TP_EINTR, "interrupted: %llu records written",
                          (unsigned long long)stats->documents);
    if (opts->format.format == TP_FORMAT_JSON && (rc == 0 || stats->interrupted))
        sink_write(&out, stats->documents ? "\n]\n" : "[]\n", 3);

    for (size_t k = 0; k < r.window; k++)
        job_free(r.ring[k]);
    pthread_mutex_destroy(&r.input_lock);
    pthread_mutex_destroy(&r.lock);
    pthread_cond_destroy(&r.cv_space);
    pthread_cond_destroy(&r.cv_finished);

cleanup_workers:
    for (int i = 0; i < r.jobs; i++) {
        if (workers[i].worker)
            for (size_t s = 0; s < pipeline->count; s++)
                r.step_nanos[s] += tp_worker_step_nanos(workers[i].worker, s);
        tp_worker_free(workers[i].worker);
        tp_isolate_free(workers[i].iso);
        tp_doc_free(workers[i].doc);
    }
cleanup_alloc: {
    tp_error close_err = {0};
    int crc = sink_close(&out, rc == 0, &close_err);
    if (crc && rc == 0)
        rc = tp_error_set(err, crc, "%s", close_err.message);
}
    tp_input_close(r.input);
    free(r.ring);
    free(workers);
    stats->seconds = now_seconds() - t0;
    stats->jobs = r.jobs;
    stats->step_count = pipeline->count;
    /* step_nanos and step ids stay valid until the next run on this pipeline */
    free(pipeline->stats_nanos);
    pipeline->stats_nanos = r.step_nanos;
    free(pipeline->stats_ids);
    pipeline->stats_ids = calloc(pipeline->count ? pipeline->count : 1, sizeof(char *));
    for (size_t s = 0; pipeline->stats_ids && s < pipeline->count; s++)
        pipeline->stats_ids[s] = pipeline->steps[s].id;
    stats->step_nanos = pipeline->stats_nanos;
    stats->step_ids = (const char *const *)pipeline->stats_ids;
    return rc;
}
