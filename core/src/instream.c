/* instream.c - buffered reading through zlib; see instream.h. */
#include "instream.h"

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tpipe/error.h>

void tp_instream_close(tp_instream *st)
{
    if (!st)
        return;
    if (st->gz)
        gzclose_r(st->gz);
    free(st->buf);
    free(st);
}

/* Takes ownership of `fd` (closed by tp_instream_close, or here on failure). */
tp_instream *tp_instream_open_fd(int fd)
{
    tp_instream *st = calloc(1, sizeof *st);
    if (st)
        st->buf = malloc(TP_INSTREAM_CHUNK);
    if (st && st->buf)
        st->gz = gzdopen(fd, "rb");
    if (!st || !st->buf || !st->gz) {
        if (!st || !st->gz)
            close(fd);
        tp_instream_close(st);
        return NULL;
    }
    gzbuffer(st->gz, TP_INSTREAM_CHUNK);
    return st;
}

static void stream_set_error(tp_instream *st)
{
    int errnum = Z_OK;
    const char *msg = gzerror(st->gz, &errnum);
    if (errnum == Z_ERRNO)
        msg = strerror(errno);
    else if (errnum == Z_BUF_ERROR)
        msg = "the compressed data ends early (truncated .gz file)";
    snprintf(st->message, sizeof st->message, "%s", msg && *msg ? msg : "read error");
}

/* Whether the stream ended cleanly; sets the message when it did not. */
static bool stream_ended_cleanly(tp_instream *st)
{
    int errnum = Z_OK;
    gzerror(st->gz, &errnum);
    if (errnum == Z_OK)
        return true;
    stream_set_error(st);
    return false;
}

/* Raw read bypassing the look-ahead buffer: >0 bytes, 0 at a clean end, -1 on
 * an error (message set). */
long tp_instream_read(tp_instream *st, char *dst, size_t cap)
{
    unsigned want = cap > INT_MAX ? INT_MAX : (unsigned)cap;
    int n = gzread(st->gz, dst, want);
    if (n < 0) {
        stream_set_error(st);
        return -1;
    }
    if (n == 0 && !stream_ended_cleanly(st))
        return -1;
    return n;
}

/* Refills the look-ahead buffer when it is empty: bytes available, 0 at the
 * end, -1 on an error. */
long tp_instream_fill(tp_instream *st)
{
    if (st->pos < st->len)
        return (long)(st->len - st->pos);
    st->pos = st->len = 0;
    long n = tp_instream_read(st, st->buf, TP_INSTREAM_CHUNK);
    if (n > 0)
        st->len = (size_t)n;
    return n;
}

/* Reads the next line without its "\n" (and "\r") into `line`, keeping at
 * most limit + 1 bytes; *total gets the line's full length. Returns 1, 0 at
 * the end, TP_EIO on a read error (message in st), TP_ENOMEM. */
int tp_instream_read_line(tp_instream *st, tp_strbuf *line, uint64_t limit, uint64_t *total)
{
    tp_strbuf_reset(line);
    uint64_t n = 0;
    bool any = false;
    for (;;) {
        long avail = tp_instream_fill(st);
        if (avail < 0)
            return TP_EIO;
        if (avail == 0) {
            if (!any)
                return 0;
            break;
        }
        any = true;
        char *start = st->buf + st->pos;
        char *nl = memchr(start, '\n', (size_t)avail);
        size_t take = nl ? (size_t)(nl - start) : (size_t)avail;
        if (n <= limit) {
            uint64_t room = limit + 1 - n;
            tp_strbuf_add(line, start, take < room ? take : (size_t)room);
        }
        n += take;
        st->pos += take + (nl ? 1 : 0);
        if (nl)
            break;
    }
    if (line->oom)
        return TP_ENOMEM;
    if (line->len == n && n > 0 && line->buf[n - 1] == '\r') {
        tp_strbuf_setlen(line, n - 1);
        n--;
    }
    *total = n;
    return 1;
}

/* Reads the rest of the stream as one document. Returns 0 with *text (malloc,
 * NUL-terminated) and *len; 1 when it is over `limit` (*total = its size,
 * nothing kept); TP_EIO on a read error (message in st); TP_ENOMEM. */
int tp_instream_read_all(tp_instream *st, uint64_t limit, size_t size_hint, char **text,
                         size_t *len, uint64_t *total)
{
    /* Room for the expected size, the NUL, and one byte more so that the
     * end of file shows without growing the buffer. */
    size_t cap = size_hint < limit ? size_hint : (size_t)limit;
    cap = (cap < 4096 ? 4096 : cap) + 2;
    char *buf = malloc(cap);
    if (!buf)
        return TP_ENOMEM;
    size_t n = 0;
    if (st->pos < st->len) {
        size_t have = st->len - st->pos;
        if (have + 1 > cap) {
            char *p = realloc(buf, have + 1);
            if (!p) {
                free(buf);
                return TP_ENOMEM;
            }
            buf = p;
            cap = have + 1;
        }
        memcpy(buf, st->buf + st->pos, have);
        n = have;
        st->pos = st->len = 0;
    }
    for (;;) {
        if (n > limit)
            break;
        if (n + 1 >= cap) {
            /* Grow by doubling, but never beyond the limit plus one byte:
             * that byte is how an oversized document is detected. */
            size_t next = cap * 2;
            if (next > (size_t)limit + 2)
                next = (size_t)limit + 2;
            if (next <= cap)
                break;
            char *p = realloc(buf, next);
            if (!p) {
                free(buf);
                return TP_ENOMEM;
            }
            buf = p;
            cap = next;
        }
        long got = tp_instream_read(st, buf + n, cap - 1 - n);
        if (got < 0) {
            free(buf);
            return TP_EIO;
        }
        if (got == 0) {
            buf[n] = '\0';
            *text = buf;
            *len = n;
            return 0;
        }
        n += (size_t)got;
    }
    /* Over the limit: count the rest without keeping it. */
    free(buf);
    uint64_t size = n;
    for (;;) {
        long got = tp_instream_read(st, st->buf, TP_INSTREAM_CHUNK);
        if (got < 0)
            return TP_EIO;
        if (got == 0)
            break;
        size += (uint64_t)got;
    }
    *total = size;
    return 1;
}

