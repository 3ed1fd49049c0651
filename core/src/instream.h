/* instream.h - a buffered reader for the input module.
 *
 * Input starting with the gzip magic bytes is decompressed (zlib's inflate),
 * anything else passes through unchanged, so .gz needs no second code path.
 * Reads return what the file or pipe has rather than waiting for a full
 * buffer, so tpipe as a filter answers each line as it arrives. The
 * look-ahead buffer serves line splitting (JSONL) and peeking at the first
 * bytes (stdin). Read errors leave a message for the user in `message`. */
#ifndef TPIPE_INSTREAM_H
#define TPIPE_INSTREAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

#include "strbuf.h"

#define TP_INSTREAM_CHUNK (128u * 1024)

typedef struct tp_instream {
    int fd;
    int mode;    /* plain or gzip, decided by the first bytes */
    z_stream z;  /* gzip: the inflate state */
    bool z_ready;
    char *raw;   /* TP_INSTREAM_CHUNK bytes read from fd, not yet consumed */
    size_t raw_pos, raw_len;
    bool raw_eof;
    char *buf;   /* TP_INSTREAM_CHUNK bytes of look-ahead */
    size_t pos, len;
    char message[128]; /* why the last read failed */
    void (*on_idle)(void *user); /* see tp_input_options; may be NULL */
    void *idle_user;
} tp_instream;

/* Reads from `fd`, which it takes over (closed by tp_instream_close(), or
 * at once when this fails). NULL when out of memory. */
tp_instream *tp_instream_open_fd(int fd);
void tp_instream_close(tp_instream *st);

/* Reads up to `cap` bytes into `dst`, bypassing the look-ahead buffer
 * (which must be empty): the count, 0 at a clean end, -1 on an error
 * (including a truncated gzip stream). */
long tp_instream_read(tp_instream *st, char *dst, size_t cap);

/* Refills the look-ahead buffer when it is empty: the bytes available in
 * it, 0 at the end, -1 on an error. */
long tp_instream_fill(tp_instream *st);

/* Reads the next line without its "\n" (and a "\r" before it) into `line`,
 * keeping at most limit + 1 bytes; *total gets the line's full length, so
 * that an oversized line is skipped without being held in memory. Returns 1,
 * 0 at the end, TP_EIO on a read error, TP_ENOMEM. */
int tp_instream_read_line(tp_instream *st, tp_strbuf *line, uint64_t limit, uint64_t *total);

/* Reads the rest of the stream as one document. Returns 0 with *text
 * (malloc'd, NUL-terminated) and *len; 1 when it is longer than `limit`
 * (*total gets its size; the rest is read and dropped, nothing is kept);
 * TP_EIO on a read error; TP_ENOMEM. `size_hint` (0: unknown) sizes the
 * buffer so that a file of known size is read without reallocating. */
int tp_instream_read_all(tp_instream *st, uint64_t limit, size_t size_hint, char **text,
                         size_t *len, uint64_t *total);

#endif
