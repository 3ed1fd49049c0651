/* strbuf.h - a growable byte buffer for building output records.
 *
 * Modelled on git's strbuf: the buffer is always NUL-terminated, appends never
 * fail loudly; instead an allocation failure sets a sticky `oom` flag that the
 * caller checks once at the end (tp_strbuf_detach() returns NULL then). This
 * keeps serialisers free of a check after every append. A strbuf is owned by
 * one thread. */
#ifndef TPIPE_STRBUF_H
#define TPIPE_STRBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tpipe/version.h>

typedef struct tp_strbuf {
    char *buf;    /* NUL-terminated contents; never NULL after init */
    size_t len;   /* bytes used, excluding the NUL */
    size_t alloc; /* bytes allocated; 0 while buf points at a static "" */
    bool oom;     /* an allocation failed; contents are incomplete */
} tp_strbuf;

#define TP_STRBUF_INIT { (char *)tp_strbuf_empty, 0, 0, false }
extern const char tp_strbuf_empty[1];

void tp_strbuf_init(tp_strbuf *sb);
/* Frees the memory and leaves `sb` empty and usable. */
void tp_strbuf_release(tp_strbuf *sb);
/* Empties the buffer, keeping its memory (and clearing `oom`). */
void tp_strbuf_reset(tp_strbuf *sb);
/* Ensures room for `extra` more bytes (plus the NUL). 0 or TP_ENOMEM. */
int tp_strbuf_grow(tp_strbuf *sb, size_t extra);
/* Shortens the contents to `len` bytes (no-op when already shorter). */
void tp_strbuf_setlen(tp_strbuf *sb, size_t len);

/* Appends `len` bytes, a C string or one byte. They are inline because
 * records are built from many small pieces: the common case (room left) is a
 * bounds check and a copy; tp_strbuf_add_slow() grows the buffer. */
void tp_strbuf_add_slow(tp_strbuf *sb, const void *data, size_t len);

static inline void tp_strbuf_add(tp_strbuf *sb, const void *data, size_t len)
{
    if (len == 0)
        return;
    /* Room for `len` bytes and the NUL; never true while alloc is 0. */
    if (len < sb->alloc - sb->len) {
        memcpy(sb->buf + sb->len, data, len);
        sb->len += len;
        sb->buf[sb->len] = '\0';
    } else {
        tp_strbuf_add_slow(sb, data, len);
    }
}

static inline void tp_strbuf_addstr(tp_strbuf *sb, const char *s)
{
    tp_strbuf_add(sb, s, strlen(s));
}

static inline void tp_strbuf_addch(tp_strbuf *sb, char c)
{
    tp_strbuf_add(sb, &c, 1);
}

/* Where `n` more bytes (and the NUL) can be written after the contents, or
 * NULL when out of memory; the caller writes at most `n` bytes there and
 * then ends the contents after them with tp_strbuf_commit(). For pieces
 * written in place (numbers, escaped strings, member names). */
static inline char *tp_strbuf_room(tp_strbuf *sb, size_t n)
{
    if (n >= sb->alloc - sb->len && tp_strbuf_grow(sb, n))
        return NULL;
    return sb->buf + sb->len;
}

/* Ends the contents at `end`, within the room tp_strbuf_room() handed out. */
static inline void tp_strbuf_commit(tp_strbuf *sb, char *end)
{
    *end = '\0';
    sb->len = (size_t)(end - sb->buf);
}

void tp_strbuf_addf(tp_strbuf *sb, const char *fmt, ...) TP_PRINTF(2, 3);

/* Appends `n` in decimal, as printf's PRIu64 / PRId64 would. */
void tp_strbuf_add_uint(tp_strbuf *sb, uint64_t n);
void tp_strbuf_add_int(tp_strbuf *sb, int64_t n);

/* Appends `s` as a JSON string with its quotes (RFC 8259): '"' and '\\'
 * escaped, control characters as \n, \t, ... or \u00XX, UTF-8 kept as is.
 * Byte sequences that are not well-formed UTF-8 become U+FFFD so that the
 * output is always valid JSON whatever a plugin stored. */
void tp_strbuf_add_json_string(tp_strbuf *sb, const char *s, size_t len);

/* Appends `key` (a C string) as a JSON string followed by ':', the member
 * name of an object. */
void tp_strbuf_add_json_key(tp_strbuf *sb, const char *key);

/* Appends a number the way records print them: integral values without a
 * fraction, others rounded to 4 decimals with trailing zeros trimmed
 * (0.0812, -0.31, 2); NaN and infinities as null; -0 as 0. */
void tp_strbuf_add_json_number(tp_strbuf *sb, double d);

/* Writers for pieces written in place, in room made with tp_strbuf_room():
 * each writes at `out` and returns the end of what it wrote. A number or
 * an integer takes at most TP_JSON_SCALAR_MAX bytes (the NUL's room
 * included), written as tp_strbuf_add_json_number() and
 * tp_strbuf_add_int() write them. */
#define TP_JSON_SCALAR_MAX 32
char *tp_json_put_int(char *out, int64_t n);
char *tp_json_put_number(char *out, double d);
/* tp_strbuf_add_json_string() after pieces written in place: they end at
 * `out`, in room made for at least len + 2 more bytes. Ends the contents
 * after the string (no tp_strbuf_commit() to follow). */
void tp_strbuf_put_json_string(tp_strbuf *sb, char *out, const char *s, size_t len);

/* Hands the malloc'd contents to the caller (who frees them) and leaves `sb`
 * empty. Returns NULL when an allocation failed earlier (the partial contents
 * are freed). `len` (may be NULL) gets the length. */
char *tp_strbuf_detach(tp_strbuf *sb, size_t *len);

#endif
