/* isolate.c - a worker process per runner thread, spoken to over pipes.
 *
 * Requests: id, text, meta (JSON text), input line. Replies: status, the
 * rendered record and its failure details. The child is forked from the
 * runner thread; glibc's fork() makes malloc usable in the child, and the
 * child touches nothing else that another thread may have held. */
#define _GNU_SOURCE /* close_range */
#include "isolate.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "pipeline_internal.h"
#include "worker_internal.h"

struct tp_isolate {
    tp_pipeline *pipeline;
    tp_format_options fo;
    double timeout;
    pid_t pid;
    int to_child, from_child;
    volatile int *step; /* shared with the child */
    uint64_t restarts;
};

/* ---- framing ---- */

static int write_all(int fd, const void *buf, size_t len)
{
    const char *p = buf;
    while (len) {
        ssize_t n = write(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

/* Reads exactly `len` bytes, waiting at most until `deadline` (0: forever).
 * Returns 0, -1 on EOF or error, -2 on timeout. */
static int read_all(int fd, void *buf, size_t len, double deadline)
{
    char *p = buf;
    while (len) {
        if (deadline > 0) {
            struct timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            double left = deadline - ((double)ts.tv_sec + (double)ts.tv_nsec / 1e9);
            if (left <= 0)
                return -2;
            struct pollfd pfd = {.fd = fd, .events = POLLIN};
            int r = poll(&pfd, 1, (int)(left * 1000) + 1);
            if (r < 0 && errno == EINTR)
                continue;
            if (r == 0)
                return -2;
        }
        ssize_t n = read(fd, p, len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return -1;
        p += n;
        len -= (size_t)n;
    }
    return 0;
}

static int write_blob(int fd, const char *s, size_t len)
{
    uint64_t n = s ? len : UINT64_MAX; /* UINT64_MAX: NULL */
    if (write_all(fd, &n, sizeof n))
        return -1;
    return s && len ? write_all(fd, s, len) : 0;
}

/* Reads a blob into a malloc'd, NUL-terminated buffer (NULL for a NULL blob). */
static int read_blob(int fd, char **out, size_t *len, double deadline)
{
    uint64_t n;
    int r = read_all(fd, &n, sizeof n, deadline);
    if (r)
        return r;
    *out = NULL;
    if (len)
        *len = 0;
    if (n == UINT64_MAX)
        return 0;
    if (n > ((uint64_t)1 << 40))
        return -1;
    char *buf = malloc((size_t)n + 1);
    if (!buf)
        return -1;
    r = read_all(fd, buf, (size_t)n, deadline);
    if (r) {
        free(buf);
        return r;
    }
    buf[n] = '\0';
    *out = buf;
    if (len)
        *len = (size_t)n;
    return 0;
}

/* ---- the child ---- */

static void child_main(tp_pipeline *pipeline, const tp_format_options *fo, int in, int out,
                       volatile int *step)
{
    tp_worker *worker = NULL;
    tp_doc *doc = tp_doc_new();
    tp_error err = {0};
    if (!doc || tp_worker_new(pipeline, &worker, &err) != 0)
        _exit(3);
    tp_worker_set_step_marker(worker, step);
    for (;;) {
        tp_input_record rec = {0};
        char *meta_text = NULL;
        if (read_blob(in, &rec.id, NULL, 0) || read_blob(in, &rec.text, &rec.len, 0) ||
            read_blob(in, &meta_text, NULL, 0) || read_all(in, &rec.line, sizeof rec.line, 0))
            _exit(0); /* the parent closed the pipe: done */
        if (meta_text) {
            rec.meta = json_loads(meta_text, 0, NULL);
            free(meta_text);
        }
        tp_doc_outcome o;
        int rc = tp_docrun(worker, doc, &rec, NULL, NULL, fo, &o, &err);
        tp_input_record_clear(&rec);
        int32_t status = rc;
        if (write_all(out, &status, sizeof status))
            _exit(0);
        if (rc) {
            write_blob(out, err.message, strlen(err.message));
            _exit(0);
        }
        uint8_t failed = o.failed;
        if (write_all(out, &failed, 1) || write_all(out, &o.tokens, sizeof o.tokens) ||
            write_blob(out, o.fail_step, o.fail_step ? strlen(o.fail_step) : 0) ||
            write_blob(out, o.fail_message, o.fail_message ? strlen(o.fail_message) : 0) ||
            write_blob(out, o.out, o.out_len))
            _exit(0);
        tp_doc_outcome_clear(&o);
    }
}

/* ---- the parent ---- */

static int start_child(tp_isolate *iso, tp_error *err);

int tp_isolate_new(tp_pipeline *pipeline, const tp_format_options *fo, double timeout,
                   tp_isolate **out, tp_error *err)
{
    tp_isolate *iso = calloc(1, sizeof *iso);
    if (!iso)
        return tp_error_set(err, TP_ENOMEM, "out of memory");
    iso->pipeline = pipeline;
    iso->fo = *fo;
    iso->timeout = timeout;
    iso->pid = -1;
    iso->to_child = iso->from_child = -1;
    iso->step = mmap(NULL, sizeof(int), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (iso->step == MAP_FAILED) {
        free(iso);
        return tp_error_set(err, TP_EFATAL, "--isolate: cannot map shared memory: %s",
                            strerror(errno));
    }
    *iso->step = -1;
    /* The first worker process starts now, while the runner has no threads
     * yet: fork() then copies no lock that another thread holds. (glibc's
     * malloc is safe to use after a fork from a threaded process; some
     * sanitizer allocators are not, which matters for the restarts.) */
    int rc = start_child(iso, err);
    if (rc) {
        munmap((void *)iso->step, sizeof(int));
        free(iso);
        return rc;
    }
    *out = iso;
    return 0;
}

static void stop_child(tp_isolate *iso, bool kill_it)
{
    if (iso->to_child >= 0)
        close(iso->to_child);
    if (iso->from_child >= 0)
        close(iso->from_child);
    iso->to_child = iso->from_child = -1;
    if (iso->pid > 0) {
        if (kill_it)
            kill(iso->pid, SIGKILL);
        while (waitpid(iso->pid, NULL, 0) < 0 && errno == EINTR)
            ;
    }
    iso->pid = -1;
}

static int start_child(tp_isolate *iso, tp_error *err)
{
    int down[2], up[2];
    if (pipe(down) != 0)
        return tp_error_set(err, TP_EFATAL, "--isolate: pipe: %s", strerror(errno));
    if (pipe(up) != 0) {
        close(down[0]);
        close(down[1]);
        return tp_error_set(err, TP_EFATAL, "--isolate: pipe: %s", strerror(errno));
    }
    *iso->step = -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(down[0]);
        close(down[1]);
        close(up[0]);
        close(up[1]);
        return tp_error_set(err, TP_EFATAL, "--isolate: cannot start a worker process: %s",
                            strerror(errno));
    }
    if (pid == 0) {
        /* Keep only stdio and our two ends: a sibling's pipe held open here
         * would keep that sibling from ever seeing the end of its input. */
        if (dup2(down[0], 3) < 0 || dup2(up[1], 4) < 0)
            _exit(3);
        close_range(5, ~0u, 0);
        signal(SIGINT, SIG_IGN); /* the parent decides when to stop */
        signal(SIGPIPE, SIG_DFL);
        child_main(iso->pipeline, &iso->fo, 3, 4, iso->step);
        _exit(0);
    }
    close(down[0]);
    close(up[1]);
    iso->pid = pid;
    iso->to_child = down[1];
    iso->from_child = up[0];
    return 0;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The failed record for a document whose worker process died. */
static int died(tp_isolate *iso, tp_doc *doc, const tp_input_record *rec, bool timed_out,
                tp_doc_outcome *out, tp_error *err)
{
    int step = *iso->step;
    int status = 0;
    pid_t pid = iso->pid;
    if (timed_out)
        kill(pid, SIGKILL);
    if (iso->to_child >= 0)
        close(iso->to_child);
    if (iso->from_child >= 0)
        close(iso->from_child);
    iso->to_child = iso->from_child = -1;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
        ;
    iso->pid = -1;
    iso->restarts++;
    const char *step_id = step >= 0 && (size_t)step < iso->pipeline->count
                              ? iso->pipeline->steps[step].id
                              : NULL;
    char msg[256];
    if (timed_out)
        snprintf(msg, sizeof msg, "timed out after %g s (--timeout); the worker process was killed",
                 iso->timeout);
    else if (WIFSIGNALED(status))
        snprintf(msg, sizeof msg, "crashed with signal %d (%s); the worker process was restarted",
                 WTERMSIG(status), strsignal(WTERMSIG(status)));
    else
        snprintf(msg, sizeof msg, "the worker process exited with status %d",
                 WIFEXITED(status) ? WEXITSTATUS(status) : -1);
    return tp_docrun(NULL, doc, rec, step_id, msg, &iso->fo, out, err);
}

int tp_isolate_run(tp_isolate *iso, tp_doc *doc, const tp_input_record *rec,
                   tp_doc_outcome *out, tp_error *err)
{
    memset(out, 0, sizeof *out);
    if (rec->error) /* nothing to run: the reader failed it */
        return tp_docrun(NULL, doc, rec, NULL, NULL, &iso->fo, out, err);
    if (iso->pid < 0) {
        int rc = start_child(iso, err);
        if (rc)
            return rc;
    }
    char *meta = rec->meta ? json_dumps(rec->meta, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
    bool sent = write_blob(iso->to_child, rec->id, strlen(rec->id)) == 0 &&
                write_blob(iso->to_child, rec->text ? rec->text : "", rec->len) == 0 &&
                write_blob(iso->to_child, meta, meta ? strlen(meta) : 0) == 0 &&
                write_all(iso->to_child, &rec->line, sizeof rec->line) == 0;
    free(meta);
    if (!sent)
        return died(iso, doc, rec, false, out, err);
    double deadline = iso->timeout > 0 ? now_seconds() + iso->timeout : 0;
    int32_t status;
    int r = read_all(iso->from_child, &status, sizeof status, deadline);
    if (r)
        return died(iso, doc, rec, r == -2, out, err);
    if (status != 0) {
        char *msg = NULL;
        read_blob(iso->from_child, &msg, NULL, deadline);
        tp_error_set(err, TP_EFATAL, "%s", msg ? msg : "a step stopped the run");
        free(msg);
        stop_child(iso, true);
        return TP_EFATAL;
    }
    uint8_t failed;
    r = read_all(iso->from_child, &failed, 1, deadline);
    if (!r)
        r = read_all(iso->from_child, &out->tokens, sizeof out->tokens, deadline);
    if (!r)
        r = read_blob(iso->from_child, &out->fail_step, NULL, deadline);
    if (!r)
        r = read_blob(iso->from_child, &out->fail_message, NULL, deadline);
    if (!r)
        r = read_blob(iso->from_child, &out->out, &out->out_len, deadline);
    if (r) {
        tp_doc_outcome_clear(out);
        return died(iso, doc, rec, r == -2, out, err);
    }
    out->failed = failed;
    return 0;
}

uint64_t tp_isolate_restarts(const tp_isolate *iso)
{
    return iso->restarts;
}

void tp_isolate_free(tp_isolate *iso)
{
    if (!iso)
        return;
    stop_child(iso, true);
    munmap((void *)iso->step, sizeof(int));
    free(iso);
}
