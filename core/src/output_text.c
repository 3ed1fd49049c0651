/* output_text.c - the readable report, for people at a terminal.
 *
 * One block per document:
 *
 *   Title (the first sentence when it is the title, else the id)
 *   id: path/to/file.txt
 *   6187 bytes, 1190 tokens, 52 sentences, 40 paragraphs
 *
 *   Summary
 *     The summary text, wrapped ...
 *
 *   Sentiment  -0.12 negative  ░░░░░░░▐██│░░░░░░░░░░
 *
 *   Quotes (8)
 *     Donald Trump: 6 quotes, sentiment +0.20
 *       “We had a very productive time.” +0.53
 *     Unattributed: 2 quotes
 *       ...
 *
 *   Warnings / Errors
 *
 * and a blank line. Sections whose results are missing are left out, so a
 * pipeline with the tokenizer alone shows the title and the counts. Colour
 * escapes are written only when asked for; the text of the document never
 * reaches the terminal with its control characters (textwrap.c). */
#include "output.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "textwrap.h"

#define QUOTE_MAX_CHARS 160
#define BAR_CELLS 10

#define ANSI_BOLD "\x1b[1m"
#define ANSI_DIM "\x1b[2m"
#define ANSI_RED "\x1b[31m"
#define ANSI_GREEN "\x1b[32m"
#define ANSI_RESET "\x1b[0m"

typedef struct report {
    tp_strbuf *sb;
    const tp_doc *doc;
    const char *text;
    size_t text_len;
    size_t width;
    bool color;
} report;

static void style(report *r, const char *code)
{
    if (r->color)
        tp_strbuf_addstr(r->sb, code);
}

static const char *sentiment_color(double compound, const char *label)
{
    if (label && strcmp(label, "positive") == 0)
        return ANSI_GREEN;
    if (label && strcmp(label, "negative") == 0)
        return ANSI_RED;
    if (!label && compound >= 0.05)
        return ANSI_GREEN;
    if (!label && compound <= -0.05)
        return ANSI_RED;
    return NULL;
}

/* "+0.20", "-0.31", "0.00", coloured by sign when colour is on. */
static void add_score(report *r, double v, const char *label)
{
    const char *c = sentiment_color(v, label);
    if (c)
        style(r, c);
    if (fabs(v) < 0.005)
        tp_strbuf_addstr(r->sb, "0.00");
    else
        tp_strbuf_addf(r->sb, "%+.2f", v);
    if (c)
        style(r, ANSI_RESET);
}

/* Cells on each side of the bar: BAR_CELLS, fewer when the line is too
 * narrow for the bar and its two-column indent. */
static int bar_cells(const report *r)
{
    size_t cells = BAR_CELLS;
    if (r->width < 2 + 2 * BAR_CELLS + 1)
        cells = r->width > 5 ? (r->width - 3) / 2 : 1;
    return (int)cells;
}

/* Two bars of half-block-resolution cells around a centre line: negative
 * scores fill leftwards, positive rightwards. */
static void add_bar(report *r, double compound)
{
    const int cells = bar_cells(r);
    if (!isfinite(compound))
        compound = 0;
    if (compound > 1)
        compound = 1;
    if (compound < -1)
        compound = -1;
    int halves = (int)lround(fabs(compound) * cells * 2);
    int full = halves / 2, half = halves % 2;
    int empty = cells - full - half;
    const char *color = compound < 0 ? ANSI_RED : ANSI_GREEN;
    if (compound < 0) {
        for (int i = 0; i < empty; i++)
            tp_strbuf_addstr(r->sb, "░");
        style(r, color);
        if (half)
            tp_strbuf_addstr(r->sb, "▐");
        for (int i = 0; i < full; i++)
            tp_strbuf_addstr(r->sb, "█");
        style(r, ANSI_RESET);
    } else {
        for (int i = 0; i < cells; i++)
            tp_strbuf_addstr(r->sb, "░");
    }
    tp_strbuf_addstr(r->sb, "│");
    if (compound > 0) {
        style(r, color);
        for (int i = 0; i < full; i++)
            tp_strbuf_addstr(r->sb, "█");
        if (half)
            tp_strbuf_addstr(r->sb, "▌");
        style(r, ANSI_RESET);
        for (int i = 0; i < empty; i++)
            tp_strbuf_addstr(r->sb, "░");
    } else {
        for (int i = 0; i < cells; i++)
            tp_strbuf_addstr(r->sb, "░");
    }
}

static void wrap_line(report *r, const char *s, size_t len, const char *first, const char *rest)
{
    tp_text_wrap(r->sb, s, len, r->width, first, rest, 0);
    tp_strbuf_addch(r->sb, '\n');
}

static void wrap_str(report *r, const char *s, const char *first, const char *rest)
{
    wrap_line(r, s ? s : "", s ? strlen(s) : 0, first, rest);
}

static const char *doc_id(const tp_doc *doc)
{
    const char *id = tp_doc_id(doc);
    return id && *id ? id : "(no id)";
}

static void add_header(report *r)
{
    size_t n = 0;
    const tp_sentence *sents = tp_doc_sentences(r->doc, &n);
    const char *id = doc_id(r->doc);
    style(r, ANSI_BOLD);
    if (n > 0 && (sents[0].flags & TP_SENTF_TITLE) && sents[0].end <= r->text_len
        && sents[0].start < sents[0].end) {
        tp_text_wrap(r->sb, r->text + sents[0].start, sents[0].end - sents[0].start, r->width,
                     "", "", 0);
        style(r, ANSI_RESET);
        tp_strbuf_addch(r->sb, '\n');
        style(r, ANSI_DIM);
        tp_text_wrap(r->sb, id, strlen(id), r->width, "id: ", "    ", 0);
        style(r, ANSI_RESET);
        tp_strbuf_addch(r->sb, '\n');
    } else {
        tp_text_wrap(r->sb, id, strlen(id), r->width, "", "", 0);
        style(r, ANSI_RESET);
        tp_strbuf_addch(r->sb, '\n');
    }
}

static void add_count(tp_strbuf *sb, size_t n, const char *what)
{
    tp_strbuf_addf(sb, "%s%zu %s%s", sb->len ? ", " : "", n, what, n == 1 ? "" : "s");
}

static void add_stats(report *r)
{
    size_t tokens = 0, sentences = 0, paragraphs = 0;
    tp_doc_tokens(r->doc, &tokens);
    tp_doc_sentences(r->doc, &sentences);
    tp_doc_paragraphs(r->doc, &paragraphs);
    tp_strbuf line = TP_STRBUF_INIT;
    add_count(&line, r->text_len, "byte");
    if (tokens || sentences || paragraphs) {
        add_count(&line, tokens, "token");
        add_count(&line, sentences, "sentence");
        add_count(&line, paragraphs, "paragraph");
    }
    if (line.oom)
        r->sb->oom = true;
    else
        wrap_line(r, line.buf, line.len, "", "");
    tp_strbuf_release(&line);
}

static void section_title(report *r, const char *title)
{
    tp_strbuf_addch(r->sb, '\n');
    style(r, ANSI_BOLD);
    tp_strbuf_addstr(r->sb, title);
    style(r, ANSI_RESET);
}

static void add_summary(report *r)
{
    const tp_value *summary = tp_doc_result(r->doc, "summary");
    size_t len = 0;
    const char *s = tp_value_as_string(tp_object_get(summary, "text"), &len);
    if (!s || len == 0)
        return;
    section_title(r, "Summary");
    tp_strbuf_addch(r->sb, '\n');
    wrap_line(r, s, len, "  ", "  ");
}

static void add_sentiment(report *r)
{
    const tp_value *sentiment = tp_doc_result(r->doc, "sentiment");
    const tp_value *compound = tp_object_get(sentiment, "compound");
    if (!compound)
        return;
    double c = tp_value_as_number(compound);
    const char *label = tp_value_as_string(tp_object_get(sentiment, "label"), NULL);
    section_title(r, "Sentiment");
    /* "Sentiment  +0.12 label  bar" on one line when it fits; else the
     * bar, then also the score, go to lines of their own. */
    size_t label_width = label ? 1 + tp_text_width(label, strlen(label)) : 0;
    size_t used = strlen("Sentiment  +0.12") + label_width;
    size_t bar_width = 2 + 2 * (size_t)bar_cells(r) + 1;
    tp_strbuf_addstr(r->sb, used > r->width ? "\n  " : "  ");
    add_score(r, c, label);
    if (label) {
        tp_strbuf_addch(r->sb, ' ');
        tp_text_add_clean(r->sb, label, strlen(label));
    }
    if (used + bar_width > r->width)
        tp_strbuf_addstr(r->sb, "\n  ");
    else
        tp_strbuf_addstr(r->sb, "  ");
    add_bar(r, c);
    tp_strbuf_addch(r->sb, '\n');
}

typedef struct speaker_group {
    const char *name; /* NULL: unattributed */
    size_t name_len;
    size_t count;
    size_t first; /* index of its first quote */
} speaker_group;

static int group_cmp(const void *a, const void *b)
{
    const speaker_group *x = a, *y = b;
    if (!x->name != !y->name)
        return x->name ? -1 : 1; /* unattributed last */
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return x->first < y->first ? -1 : x->first > y->first;
}

/* The speaker's sentiment from results.sentiment.speakers, or NULL. */
static const tp_value *speaker_sentiment(report *r, const char *name, size_t name_len)
{
    const tp_value *speakers = tp_object_get(tp_doc_result(r->doc, "sentiment"), "speakers");
    size_t n = tp_value_length(speakers);
    for (size_t i = 0; i < n; i++) {
        const tp_value *sp = tp_array_get(speakers, i);
        size_t len = 0;
        const char *s = tp_value_as_string(tp_object_get(sp, "name"), &len);
        if (s && len == name_len && memcmp(s, name, len) == 0)
            return tp_object_get(sp, "sentiment");
    }
    return NULL;
}

static void add_quote(report *r, const tp_span *span)
{
    size_t len = 0;
    const char *s = tp_value_as_string(tp_object_get(span->attrs, "text"), &len);
    if (!s) {
        size_t start = span->start < r->text_len ? span->start : r->text_len;
        size_t end = span->end < r->text_len ? span->end : r->text_len;
        s = r->text + start;
        len = end > start ? end - start : 0;
    }
    size_t cut = tp_text_shorten(s, len, QUOTE_MAX_CHARS);
    tp_strbuf body = TP_STRBUF_INIT;
    tp_strbuf_addstr(&body, "“");
    tp_text_add_clean(&body, s, cut);
    tp_strbuf_addstr(&body, cut < len ? "…”" : "”");
    if (body.oom) {
        r->sb->oom = true;
        tp_strbuf_release(&body);
        return;
    }
    size_t col = tp_text_wrap(r->sb, body.buf, body.len, r->width, "    ", "     ", 0);
    tp_strbuf_release(&body);
    const tp_value *sentiment = tp_object_get(span->attrs, "sentiment");
    tp_value_type type = tp_value_type_of(sentiment);
    if (sentiment && (type == TP_VALUE_NUMBER || type == TP_VALUE_INT)) {
        /* "+0.53" is 5 columns and a space. */
        if (col + 6 > (r->width ? r->width : 80))
            tp_strbuf_addstr(r->sb, "\n     ");
        else
            tp_strbuf_addch(r->sb, ' ');
        add_score(r, tp_value_as_number(sentiment), NULL);
    }
    tp_strbuf_addch(r->sb, '\n');
}

/* Moves to the next line (continuation indent) unless `width` more
 * columns fit after a space on this one. */
static void space_or_break(report *r, size_t *col, size_t width)
{
    if (*col + 1 + width <= r->width) {
        tp_strbuf_addch(r->sb, ' ');
        (*col)++;
    } else {
        tp_strbuf_addstr(r->sb, "\n    ");
        *col = 4;
    }
}

/* "  Name: 3 quotes, sentiment +0.20", wrapped between its parts (and
 * inside a long name) when the line is narrow. */
static void add_speaker_line(report *r, const char *name, size_t name_len, size_t count,
                             const tp_value *sentiment)
{
    style(r, ANSI_BOLD);
    /* One column less, so that the colon always fits after the name. */
    size_t col = tp_text_wrap(r->sb, name, name_len, r->width - 1, "  ", "    ", 0);
    style(r, ANSI_RESET);
    tp_strbuf_addch(r->sb, ':');
    col++;
    char quotes[48];
    int n = snprintf(quotes, sizeof quotes, "%zu quote%s%s", count, count == 1 ? "" : "s",
                     sentiment ? "," : "");
    space_or_break(r, &col, (size_t)n);
    tp_strbuf_addstr(r->sb, quotes);
    col += (size_t)n;
    if (sentiment) {
        space_or_break(r, &col, strlen("sentiment +0.00"));
        tp_strbuf_addstr(r->sb, "sentiment ");
        add_score(r, tp_value_as_number(sentiment), NULL);
    }
    tp_strbuf_addch(r->sb, '\n');
}

static void add_quotes(report *r)
{
    size_t n = 0;
    const tp_span *spans = tp_doc_spans(r->doc, "quote", &n);
    if (n == 0)
        return;
    speaker_group *groups = calloc(n, sizeof *groups);
    size_t *group_of = calloc(n, sizeof *group_of);
    if (!groups || !group_of) {
        free(groups);
        free(group_of);
        r->sb->oom = true;
        return;
    }
    size_t count = 0;
    for (size_t i = 0; i < n; i++) {
        size_t len = 0;
        const char *name = tp_value_as_string(tp_object_get(spans[i].attrs, "speaker"), &len);
        if (name && len == 0)
            name = NULL;
        size_t g = 0;
        while (g < count && !(!groups[g].name == !name
                              && (!name || (groups[g].name_len == len
                                            && memcmp(groups[g].name, name, len) == 0))))
            g++;
        if (g == count)
            groups[count++] = (speaker_group){ name, len, 0, i };
        groups[g].count++;
        group_of[i] = g;
    }
    /* Sort a copy: group_of[] keeps pointing into the unsorted groups. */
    speaker_group *sorted = malloc(count * sizeof *sorted);
    if (!sorted) {
        free(groups);
        free(group_of);
        r->sb->oom = true;
        return;
    }
    memcpy(sorted, groups, count * sizeof *sorted);
    qsort(sorted, count, sizeof *sorted, group_cmp);

    section_title(r, "Quotes");
    tp_strbuf_addf(r->sb, " (%zu)\n", n);
    for (size_t k = 0; k < count; k++) {
        const speaker_group *grp = &sorted[k];
        const tp_value *sent = grp->name ? speaker_sentiment(r, grp->name, grp->name_len) : NULL;
        tp_value_type type = tp_value_type_of(sent);
        bool scored = sent && (type == TP_VALUE_NUMBER || type == TP_VALUE_INT);
        add_speaker_line(r, grp->name ? grp->name : "Unattributed",
                         grp->name ? grp->name_len : strlen("Unattributed"), grp->count,
                         scored ? sent : NULL);
        /* The group's quotes in document order. */
        for (size_t i = grp->first; i < n; i++) {
            const speaker_group *own = &groups[group_of[i]];
            if (own->first == grp->first)
                add_quote(r, &spans[i]);
        }
    }
    free(sorted);
    free(groups);
    free(group_of);
}

static void add_problems(report *r)
{
    size_t warnings = tp_doc_warning_count(r->doc);
    if (warnings) {
        section_title(r, "Warnings");
        tp_strbuf_addch(r->sb, '\n');
        for (size_t i = 0; i < warnings; i++)
            wrap_str(r, tp_doc_warning(r->doc, i), "  - ", "    ");
    }
    size_t n = 0;
    const tp_doc_error *errors = tp_doc_errors(r->doc, &n);
    if (n == 0)
        return;
    section_title(r, "Errors");
    tp_strbuf_addch(r->sb, '\n');
    tp_strbuf line = TP_STRBUF_INIT;
    for (size_t i = 0; i < n; i++) {
        tp_strbuf_reset(&line);
        if (errors[i].step)
            tp_strbuf_addf(&line, "step '%s': ", errors[i].step);
        tp_strbuf_addstr(&line, errors[i].message ? errors[i].message : "");
        if (errors[i].input_line)
            tp_strbuf_addf(&line, " (input line %" PRIu64 ")", errors[i].input_line);
        if (line.oom) {
            r->sb->oom = true;
            break;
        }
        style(r, ANSI_RED);
        wrap_line(r, line.buf, line.len, "  - ", "    ");
        style(r, ANSI_RESET);
    }
    tp_strbuf_release(&line);
}

void tp_output_text_record(tp_strbuf *sb, const tp_doc *doc, const tp_format_options *opts)
{
    report r = { sb, doc, NULL, 0, opts->width > 0 ? (size_t)opts->width : 80, opts->color };
    r.text = tp_doc_text(doc, &r.text_len);
    if (!r.text) {
        r.text = "";
        r.text_len = 0;
    }
    if (tp_doc_failed(doc)) {
        style(&r, ANSI_BOLD);
        const char *id = doc_id(doc);
        tp_text_wrap(sb, id, strlen(id), r.width, "", "", 0);
        style(&r, ANSI_RESET);
        tp_strbuf_addch(sb, '\n');
        style(&r, ANSI_RED);
        tp_strbuf_addstr(sb, "FAILED");
        style(&r, ANSI_RESET);
        tp_strbuf_addch(sb, '\n');
        add_problems(&r);
        tp_strbuf_addch(sb, '\n');
        return;
    }
    add_header(&r);
    add_stats(&r);
    add_summary(&r);
    add_sentiment(&r);
    add_quotes(&r);
    add_problems(&r);
    tp_strbuf_addch(sb, '\n');
}
