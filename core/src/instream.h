/* instream.h - a buffered reader over zlib for the input module.
 *
 * Every input goes through gzread(), which decompresses gzip data and passes
 * anything else through unchanged, so .gz needs no second code path. The
 * look-ahead buffer serves line splitting (JSONL) and peeking at the first
 * bytes (stdin). Read errors leave a message for the user in `message`. */
#ifndef TPIPE_INSTREAM_H
#define TPIPE_INSTREAM_H

#include <stddef.h>
#include <stdint.h>

#include <zlib.h>

#include "strbuf.h"

#define TP_INSTREAM_CHUNK (128u * 1024)

typedef struct tp_instream {
    gzFile gz;
    char *buf; /* TP_INSTREAM_CHUNK bytes of look-ahead */
    size_t pos, len;
    char message[128]; /* why the last read failed */
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
