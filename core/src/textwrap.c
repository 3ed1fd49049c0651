/* textwrap.c - display width and word wrapping; see textwrap.h. */
#include "textwrap.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include <utf8proc.h>

#define REPLACEMENT "\xEF\xBF\xBD"
#define MIN_ROOM 8

/* Decodes the code point at s[i]; *n gets its byte length (1 for an invalid
 * byte, which decodes as U+FFFD). */
static int32_t decode(const char *s, size_t len, size_t i, size_t *n)
{
    unsigned char c = (unsigned char)s[i];
    if (c < 0x80) {
        *n = 1;
        return c;
    }
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
                                          (utf8proc_ssize_t)(len - i), &cp);
    if (r <= 0) {
        *n = 1;
        return 0xFFFD;
    }
    *n = (size_t)r;
    return cp;
}

/* White space for wrapping: separators and control characters. The no-break
 * spaces are not, since they exist to keep words together. */
static bool is_space(int32_t cp)
{
    if (cp < 0x80)
        return cp <= 0x20 || cp == 0x7F;
    if (cp == 0xA0 || cp == 0x2007 || cp == 0x202F)
        return false;
    utf8proc_category_t cat = utf8proc_category(cp);
    return cat == UTF8PROC_CATEGORY_ZS || cat == UTF8PROC_CATEGORY_ZL
           || cat == UTF8PROC_CATEGORY_ZP || cat == UTF8PROC_CATEGORY_CC;
}

static size_t char_width(int32_t cp)
{
    if (cp >= 0x20 && cp < 0x7F)
        return 1;
    int w = utf8proc_charwidth(cp);
    return w > 0 ? (size_t)w : 0;
}

/* Appends one decoded character, never a control character. */
static void add_char(tp_strbuf *sb, const char *s, size_t i, size_t n, int32_t cp)
{
    if (cp == 0xFFFD && n == 1)
        tp_strbuf_add(sb, REPLACEMENT, 3);
    else if (is_space(cp))
        tp_strbuf_addch(sb, ' ');
    else
        tp_strbuf_add(sb, s + i, n);
}

size_t tp_text_width(const char *s, size_t len)
{
    size_t w = 0, n = 0;
    for (size_t i = 0; i < len; i += n) {
        int32_t cp = decode(s, len, i, &n);
        w += is_space(cp) ? 1 : char_width(cp);
    }
    return w;
}

size_t tp_text_chars(const char *s, size_t len)
{
    size_t count = 0, n = 0;
    for (size_t i = 0; i < len; i += n) {
        decode(s, len, i, &n);
        count++;
    }
    return count;
}

size_t tp_text_shorten(const char *s, size_t len, size_t max_chars)
{
    size_t i = 0, n = 0, chars = 0, last_space = 0;
    while (i < len && chars < max_chars) {
        int32_t cp = decode(s, len, i, &n);
        if (is_space(cp))
            last_space = i;
        i += n;
        chars++;
    }
    if (i >= len)
        return len;
    /* Cut at the last space when the next character does not start a
     * word anyway and the space is not too far back. */
    int32_t next = decode(s, len, i, &n);
    size_t cut = i;
    if (!is_space(next) && last_space > 0 && tp_text_chars(s, last_space) >= max_chars * 2 / 3)
        cut = last_space;
    while (cut > 0) {
        size_t k = cut - 1;
        while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
            k--;
        size_t m = 0;
        if (!is_space(decode(s, len, k, &m)))
            break;
        cut = k;
    }
    return cut;
}

typedef struct wrapper {
    tp_strbuf *sb;
    size_t width;
    const char *indent;
    size_t indent_width;
    size_t room; /* columns for text on a continuation line */
    size_t col;  /* current column, indent included */
    bool line_empty;
} wrapper;

static void new_line(wrapper *w)
{
    tp_strbuf_addch(w->sb, '\n');
    tp_strbuf_addstr(w->sb, w->indent);
    w->col = w->indent_width;
    w->line_empty = true;
}

/* Places the word s[start, end) of display width `ww`. */
static void place_word(wrapper *w, const char *s, size_t len, size_t start, size_t end, size_t ww)
{
    if (!w->line_empty) {
        if (w->col + 1 + ww <= w->width) {
            tp_strbuf_addch(w->sb, ' ');
            w->col++;
        } else {
            new_line(w);
        }
    } else if (w->col + ww > w->width && w->col > w->indent_width && ww <= w->room) {
        new_line(w); /* the first line starts too far right for this word */
    }
    size_t n = 0;
    for (size_t i = start; i < end; i += n) {
        int32_t cp = decode(s, len, i, &n);
        size_t cw = char_width(cp);
        /* Only a word wider than a whole line gets here with no room left:
         * break it between characters; zero-width marks stay with the
         * character before them. */
        if (cw > 0 && w->col + cw > w->width && !w->line_empty)
            new_line(w);
        add_char(w->sb, s, i, n, cp);
        w->col += cw;
        w->line_empty = false;
    }
}

size_t tp_text_wrap(tp_strbuf *sb, const char *s, size_t len, size_t width,
                    const char *first_indent, const char *indent, size_t start_col)
{
    wrapper w = { sb, width ? width : 80, indent, 0, 0, start_col, true };
    w.indent_width = tp_text_width(indent, strlen(indent));
    /* Keep room for a few words even when the indent eats the width. */
    if (w.width < w.indent_width + MIN_ROOM)
        w.width = w.indent_width + MIN_ROOM;
    w.room = w.width - w.indent_width;
    tp_strbuf_addstr(sb, first_indent);
    w.col += tp_text_width(first_indent, strlen(first_indent));

    size_t i = 0, n = 0;
    while (i < len) {
        int32_t cp = decode(s, len, i, &n);
        if (is_space(cp)) {
            i += n;
            continue;
        }
        size_t start = i, ww = 0;
        while (i < len) {
            cp = decode(s, len, i, &n);
            if (is_space(cp))
                break;
            ww += char_width(cp);
            i += n;
        }
        place_word(&w, s, len, start, i, ww);
    }
    return w.col;
}

void tp_text_add_clean(tp_strbuf *sb, const char *s, size_t len)
{
    size_t n = 0;
    bool space = false, any = false;
    for (size_t i = 0; i < len; i += n) {
        int32_t cp = decode(s, len, i, &n);
        if (is_space(cp)) {
            space = true;
            continue;
        }
        if (space && any)
            tp_strbuf_addch(sb, ' ');
        space = false;
        any = true;
        add_char(sb, s, i, n, cp);
    }
}
