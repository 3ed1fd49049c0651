/* instream.c - buffered reading, plain or gzip; see instream.h. */
#include "instream.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tpipe/error.h>

enum { MODE_UNKNOWN, MODE_PLAIN, MODE_GZIP, MODE_DONE };

void tp_instream_close(tp_instream *st)
{
    if (!st)
        return;
    if (st->z_ready)
        inflateEnd(&st->z);
    if (st->fd >= 0)
        close(st->fd);
    free(st->raw);
    free(st->buf);
    free(st);
}

/* Takes ownership of `fd` (closed by tp_instream_close, or here on failure). */
tp_instream *tp_instream_open_fd(int fd)
{
    tp_instream *st = calloc(1, sizeof *st);
    if (st) {
        st->fd = fd;
        st->buf = malloc(TP_INSTREAM_CHUNK);
        st->raw = malloc(TP_INSTREAM_CHUNK);
    }
    if (!st || !st->buf || !st->raw) {
        if (!st)
            close(fd);
        tp_instream_close(st);
        return NULL;
    }
    return st;
}

/* read(2), retried when interrupted; when the data is not there yet (a
 * pipe or terminal whose writer is slower than us), says so first. */
static ssize_t read_fd(tp_instream *st, char *dst, size_t cap)
{
    if (st->on_idle) {
        struct pollfd pfd = {.fd = st->fd, .events = POLLIN};
        if (poll(&pfd, 1, 0) == 0)
            st->on_idle(st->idle_user);
    }
    ssize_t n;
    do
        n = read(st->fd, dst, cap > LONG_MAX ? LONG_MAX : cap);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        snprintf(st->message, sizeof st->message, "%s", strerror(errno));
    return n;
}

/* One read(2) into the raw buffer after what it still holds: >0 bytes, 0 at
 * the end of the file, -1 on an error (message set). */
static long raw_more(tp_instream *st)
{
    if (st->raw_pos > 0) {
        memmove(st->raw, st->raw + st->raw_pos, st->raw_len - st->raw_pos);
        st->raw_len -= st->raw_pos;
        st->raw_pos = 0;
    }
    if (st->raw_len == TP_INSTREAM_CHUNK)
        return (long)st->raw_len;
    ssize_t n = read_fd(st, st->raw + st->raw_len, TP_INSTREAM_CHUNK - st->raw_len);
    if (n < 0)
        return -1;
    if (n == 0)
        st->raw_eof = true;
    st->raw_len += (size_t)n;
    return n;
}

/* Whether the unread raw bytes start a gzip member; reads until it knows. */
static int at_gzip_member(tp_instream *st)
{
    while (st->raw_len - st->raw_pos < 2 && !st->raw_eof)
        if (raw_more(st) < 0)
            return -1;
    const unsigned char *p = (const unsigned char *)st->raw + st->raw_pos;
    return st->raw_len - st->raw_pos >= 2 && p[0] == 0x1f && p[1] == 0x8b;
}

/* Decompresses into dst, returning as soon as some bytes are out. Several
 * members follow one another (gzip a b > ab.gz); anything after the last
 * member that is not another one is ignored, as gzread() does. */
static long read_gzip(tp_instream *st, char *dst, size_t cap)
{
    unsigned want = cap > UINT_MAX ? UINT_MAX : (unsigned)cap;
    for (;;) {
        if (st->raw_pos == st->raw_len && !st->raw_eof && raw_more(st) < 0)
            return -1;
        st->z.next_in = (unsigned char *)st->raw + st->raw_pos;
        st->z.avail_in = (unsigned)(st->raw_len - st->raw_pos);
        st->z.next_out = (unsigned char *)dst;
        st->z.avail_out = want;
        int ret = inflate(&st->z, Z_NO_FLUSH);
        st->raw_pos = st->raw_len - st->z.avail_in;
        long produced = (long)(want - st->z.avail_out);
        if (ret == Z_STREAM_END) {
            int more = at_gzip_member(st);
            if (more < 0)
                return -1;
            if (more)
                inflateReset(&st->z);
            else
                st->mode = MODE_DONE;
            if (produced > 0 || !more)
                return produced;
            continue;
        }
        if (ret != Z_OK && ret != Z_BUF_ERROR) {
            snprintf(st->message, sizeof st->message, "%s",
                     ret == Z_MEM_ERROR ? "out of memory decompressing"
                     : st->z.msg        ? st->z.msg
                                        : "the compressed data is damaged");
            return -1;
        }
        if (produced > 0)
            return produced;
        if (st->raw_eof && st->raw_pos == st->raw_len) {
            snprintf(st->message, sizeof st->message,
                     "the compressed data ends early (truncated .gz file)");
            return -1;
        }
    }
}

/* Tells plain from gzip input by its first two bytes. */
static int choose_mode(tp_instream *st)
{
    int gz = at_gzip_member(st);
    if (gz < 0)
        return -1;
    if (gz) {
        if (inflateInit2(&st->z, 16 + MAX_WBITS) != Z_OK) {
            snprintf(st->message, sizeof st->message, "out of memory decompressing");
            return -1;
        }
        st->z_ready = true;
        st->mode = MODE_GZIP;
    } else {
        st->mode = MODE_PLAIN;
    }
    return 0;
}

/* Raw read bypassing the look-ahead buffer: >0 bytes, 0 at a clean end, -1 on
 * an error (message set). Returns what is there rather than waiting for
 * `cap` bytes, so that a filter fed slowly through a pipe answers each line
 * as it comes. */
long tp_instream_read(tp_instream *st, char *dst, size_t cap)
{
    if (cap == 0)
        return 0;
    if (st->mode == MODE_UNKNOWN && choose_mode(st) < 0)
        return -1;
    if (st->mode == MODE_GZIP)
        return read_gzip(st, dst, cap);
    if (st->mode == MODE_DONE)
        return 0;
    /* Plain: first what the mode check read, then straight from the file. */
    if (st->raw_pos < st->raw_len) {
        size_t n = st->raw_len - st->raw_pos;
        n = n < cap ? n : cap;
        memcpy(dst, st->raw + st->raw_pos, n);
        st->raw_pos += n;
        return (long)n;
    }
    if (st->raw_eof)
        return 0;
    ssize_t n = read_fd(st, dst, cap);
    if (n < 0)
        return -1;
    if (n == 0)
        st->raw_eof = true;
    return (long)n;
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

