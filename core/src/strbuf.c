/* strbuf.c - growable byte buffer; see strbuf.h. */
#include "strbuf.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

#include "utf8.h"

const char tp_strbuf_empty[1] = "";

void tp_strbuf_init(tp_strbuf *sb)
{
    sb->buf = (char *)tp_strbuf_empty;
    sb->len = 0;
    sb->alloc = 0;
    sb->oom = false;
}

void tp_strbuf_release(tp_strbuf *sb)
{
    if (sb->alloc)
        free(sb->buf);
    tp_strbuf_init(sb);
}

void tp_strbuf_reset(tp_strbuf *sb)
{
    sb->len = 0;
    sb->oom = false;
    if (sb->alloc)
        sb->buf[0] = '\0';
}

int tp_strbuf_grow(tp_strbuf *sb, size_t extra)
{
    if (sb->oom)
        return TP_ENOMEM;
    if (extra >= (size_t)-1 - sb->len - 1) {
        sb->oom = true;
        return TP_ENOMEM;
    }
    size_t need = sb->len + extra + 1;
    if (need <= sb->alloc)
        return 0;
    size_t cap = sb->alloc ? sb->alloc : 64;
    while (cap < need)
        cap = cap > (size_t)-1 / 2 ? need : cap * 2;
    char *p = realloc(sb->alloc ? sb->buf : NULL, cap);
    if (!p) {
        sb->oom = true;
        return TP_ENOMEM;
    }
    if (!sb->alloc)
        p[0] = '\0';
    sb->buf = p;
    sb->alloc = cap;
    return 0;
}

void tp_strbuf_setlen(tp_strbuf *sb, size_t len)
{
    if (len < sb->len && sb->alloc) {
        sb->len = len;
        sb->buf[len] = '\0';
    }
}

void tp_strbuf_add(tp_strbuf *sb, const void *data, size_t len)
{
    if (len == 0 || tp_strbuf_grow(sb, len))
        return;
    memcpy(sb->buf + sb->len, data, len);
    sb->len += len;
    sb->buf[sb->len] = '\0';
}

void tp_strbuf_addstr(tp_strbuf *sb, const char *s)
{
    tp_strbuf_add(sb, s, strlen(s));
}

void tp_strbuf_addch(tp_strbuf *sb, char c)
{
    if (tp_strbuf_grow(sb, 1))
        return;
    sb->buf[sb->len++] = c;
    sb->buf[sb->len] = '\0';
}

void tp_strbuf_addf(tp_strbuf *sb, const char *fmt, ...)
{
    if (tp_strbuf_grow(sb, 64))
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
    va_end(ap);
    if (n < 0) {
        sb->buf[sb->len] = '\0';
        return;
    }
    if ((size_t)n >= sb->alloc - sb->len) {
        /* Did not fit: grow to the exact size and format again. */
        if (tp_strbuf_grow(sb, (size_t)n))
            return;
        va_start(ap, fmt);
        vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, ap);
        va_end(ap);
    }
    sb->len += (size_t)n;
}

void tp_strbuf_add_json_string(tp_strbuf *sb, const char *s, size_t len)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *p = (const unsigned char *)s;
    tp_strbuf_grow(sb, len + 2);
    tp_strbuf_addch(sb, '"');
    size_t i = 0;
    while (i < len) {
        /* Copy runs of bytes that need no escaping in one go. */
        size_t run = i;
        while (run < len && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\')
            run++;
        if (run > i) {
            tp_strbuf_add(sb, p + i, run - i);
            i = run;
            continue;
        }
        unsigned char c = p[i];
        if (c >= 0x80) {
            size_t n = tp_utf8_sequence_length(p + i, len - i);
            if (n) {
                tp_strbuf_add(sb, p + i, n);
                i += n;
            } else {
                tp_strbuf_add(sb, "\xEF\xBF\xBD", 3);
                i++;
            }
            continue;
        }
        char esc[7] = { '\\', 0 };
        size_t esc_len = 2;
        switch (c) {
        case '"': esc[1] = '"'; break;
        case '\\': esc[1] = '\\'; break;
        case '\b': esc[1] = 'b'; break;
        case '\f': esc[1] = 'f'; break;
        case '\n': esc[1] = 'n'; break;
        case '\r': esc[1] = 'r'; break;
        case '\t': esc[1] = 't'; break;
        default:
            esc[1] = 'u';
            esc[2] = '0';
            esc[3] = '0';
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            esc_len = 6;
        }
        tp_strbuf_add(sb, esc, esc_len);
        i++;
    }
    tp_strbuf_addch(sb, '"');
}

void tp_strbuf_add_json_number(tp_strbuf *sb, double d)
{
    if (!isfinite(d)) {
        tp_strbuf_add(sb, "null", 4);
        return;
    }
    char num[64];
    int n;
    if (fabs(d) >= 1e15) {
        /* %.4f would print hundreds of digits; beyond 2^50 the decimals are
         * noise anyway. %.17g round-trips and is valid JSON. */
        n = snprintf(num, sizeof num, "%.17g", d);
    } else {
        n = snprintf(num, sizeof num, "%.4f", d);
        if (n > 0 && (size_t)n < sizeof num) {
            while (n > 0 && num[n - 1] == '0')
                n--;
            if (n > 0 && num[n - 1] == '.')
                n--;
            num[n] = '\0';
            if (strcmp(num, "-0") == 0) {
                num[0] = '0';
                num[1] = '\0';
                n = 1;
            }
        }
    }
    if (n <= 0 || (size_t)n >= sizeof num) {
        tp_strbuf_add(sb, "null", 4);
        return;
    }
    tp_strbuf_add(sb, num, (size_t)n);
}

char *tp_strbuf_detach(tp_strbuf *sb, size_t *len)
{
    if (sb->oom) {
        tp_strbuf_release(sb);
        if (len)
            *len = 0;
        return NULL;
    }
    char *out = sb->alloc ? sb->buf : calloc(1, 1);
    if (len)
        *len = out ? sb->len : 0;
    tp_strbuf_init(sb);
    return out;
}
