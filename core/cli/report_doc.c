/* report_doc.c - one record of `tpipe report`: what it adds to the
 * aggregates, its row of the document index and its section.
 *
 * The text in which quotes are highlighted comes from, in this order:
 * the record's `sentences` (tokenizer emit_sentences), else the source file
 * named by the record's id when it is a readable file whose size matches
 * the record's stats.bytes and whose text matches every quote's `text`;
 * else the section lists the quotes and says why there is no text. */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <utf8proc.h>

#include "report.h"

#define SOURCE_MAX_BYTES (64u << 20)
#define TITLE_MAX_BYTES 200
#define META_SHOWN 12
#define META_VALUE_MAX 200

typedef struct quote {
    size_t start, end;
    size_t order; /* position in the record */
    const char *text;
    size_t text_len;
    const char *speaker; /* NULL: unattributed */
    size_t speaker_len;
    const char *cue;
    double sentiment;
    bool has_sentiment;
} quote;

typedef struct doc_view {
    report *r;
    json_t *rec;
    uint64_t number;
    const char *id;
    size_t id_len;
    char *group; /* malloc */
    quote *quotes;
    size_t quote_count;
    json_t *sentences; /* borrowed, or NULL */
    char *source;      /* malloc'd file text, or NULL */
    size_t source_len;
    const char *no_text; /* why there is no text to highlight */
    const char *title;
    size_t title_len;
    double compound;
    bool has_compound;
    uint64_t words;
    bool has_words;
} doc_view;

/* ---- JSON helpers -------------------------------------------------------- */

static const char *jstr(json_t *obj, const char *key, size_t *len)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_string(v))
        return NULL;
    if (len)
        *len = json_string_length(v);
    return json_string_value(v);
}

static bool jnum(json_t *obj, const char *key, double *out)
{
    json_t *v = json_object_get(obj, key);
    if (!json_is_number(v))
        return false;
    *out = json_number_value(v);
    return isfinite(*out);
}

static uint64_t juint(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    return json_is_integer(v) && json_integer_value(v) > 0 ? (uint64_t)json_integer_value(v) : 0;
}

/* ---- words ----------------------------------------------------------------- */

static bool is_word_char(int32_t cp)
{
    if (cp < 0x80)
        return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9');
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO: case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC: case UTF8PROC_CATEGORY_ME: case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL: case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

static int32_t next_cp(const char *s, size_t len, size_t *i)
{
    utf8proc_int32_t cp = 0;
    utf8proc_ssize_t n = utf8proc_iterate((const utf8proc_uint8_t *)s + *i,
                                          (utf8proc_ssize_t)(len - *i), &cp);
    if (n <= 0) {
        (*i)++;
        return 0xFFFD;
    }
    *i += (size_t)n;
    return cp;
}

uint64_t count_words(const char *s, size_t len)
{
    uint64_t words = 0;
    bool in_word = false, joiner = false;
    size_t i = 0;
    while (i < len) {
        int32_t cp = next_cp(s, len, &i);
        if (is_word_char(cp)) {
            if (!in_word)
                words++;
            in_word = true;
            joiner = false;
        } else if (in_word && !joiner && (cp == '\'' || cp == 0x2019 || cp == '-')) {
            joiner = true; /* "don't", "well-known": one word if a letter follows */
        } else {
            in_word = false;
            joiner = false;
        }
    }
    return words;
}

/* ---- quotes ----------------------------------------------------------------- */

static int quote_cmp(const void *a, const void *b)
{
    const quote *x = a, *y = b;
    if (x->start != y->start)
        return x->start < y->start ? -1 : 1;
    if (x->end != y->end)
        return x->end < y->end ? -1 : 1;
    return x->order < y->order ? -1 : x->order > y->order;
}

static bool read_quotes(doc_view *d)
{
    json_t *spans = json_object_get(json_object_get(d->rec, "spans"), "quote");
    size_t n = json_array_size(spans);
    if (n == 0)
        return true;
    d->quotes = calloc(n, sizeof *d->quotes);
    if (!d->quotes)
        return false;
    for (size_t i = 0; i < n; i++) {
        json_t *s = json_array_get(spans, i);
        quote *q = &d->quotes[d->quote_count];
        json_t *start = json_object_get(s, "start"), *end = json_object_get(s, "end");
        if (!json_is_integer(start) || !json_is_integer(end) || json_integer_value(start) < 0
            || json_integer_value(end) < json_integer_value(start))
            continue;
        q->start = (size_t)json_integer_value(start);
        q->end = (size_t)json_integer_value(end);
        q->order = i;
        q->text = jstr(s, "text", &q->text_len);
        q->speaker = jstr(s, "speaker", &q->speaker_len);
        if (q->speaker && q->speaker_len == 0)
            q->speaker = NULL;
        q->cue = jstr(s, "cue", NULL);
        q->has_sentiment = jnum(s, "sentiment", &q->sentiment);
        d->quote_count++;
    }
    return true;
}

static void tally_speaker(report *r, uint64_t doc, const char *name, size_t len, uint64_t quotes,
                          const double *sentiment, uint64_t weight)
{
    speaker_tally *t = rtable_get(&r->speakers, name, len, NULL);
    if (!t) {
        r->oom = true;
        return;
    }
    t->quotes += quotes;
    if (t->last_doc != doc) {
        t->documents++;
        if (!t->first_doc)
            t->first_doc = doc;
        t->last_doc = doc;
    }
    if (sentiment) {
        t->sentiment_sum += *sentiment * (double)weight;
        t->sentiment_count += weight;
    }
}

/* Speakers from the quote spans, or from results.quotes.speakers (with
 * results.sentiment.speakers) when the spans are not in the record. */
static void tally_quotes(doc_view *d)
{
    report *r = d->r;
    if (d->quote_count) {
        for (size_t i = 0; i < d->quote_count; i++) {
            const quote *q = &d->quotes[i];
            r->quotes++;
            if (!q->speaker) {
                r->unattributed++;
                continue;
            }
            tally_speaker(r, d->number, q->speaker, q->speaker_len, 1,
                          q->has_sentiment ? &q->sentiment : NULL, 1);
        }
        return;
    }
    json_t *results = json_object_get(d->rec, "results");
    json_t *speakers = json_object_get(json_object_get(results, "quotes"), "speakers");
    json_t *moods = json_object_get(json_object_get(results, "sentiment"), "speakers");
    size_t n = json_array_size(speakers);
    for (size_t i = 0; i < n; i++) {
        json_t *sp = json_array_get(speakers, i);
        size_t len = 0;
        const char *name = jstr(sp, "name", &len);
        uint64_t count = juint(sp, "quotes");
        if (!name || !count)
            continue;
        r->quotes += count;
        double mood = 0;
        bool has_mood = false;
        for (size_t k = 0; k < json_array_size(moods); k++) {
            json_t *m = json_array_get(moods, k);
            size_t mlen = 0;
            const char *mname = jstr(m, "name", &mlen);
            if (mname && mlen == len && memcmp(mname, name, len) == 0) {
                has_mood = jnum(m, "sentiment", &mood);
                break;
            }
        }
        tally_speaker(r, d->number, name, len, count, has_mood ? &mood : NULL, count);
    }
}

/* ---- the text ----------------------------------------------------------------- */

static bool quotes_match_source(const doc_view *d)
{
    for (size_t i = 0; i < d->quote_count; i++) {
        const quote *q = &d->quotes[i];
        if (q->end > d->source_len)
            return false;
        if (q->text && (q->text_len != q->end - q->start
                        || memcmp(q->text, d->source + q->start, q->text_len) != 0))
            return false;
    }
    return true;
}

static void read_source(doc_view *d)
{
    struct stat st;
    if (d->id_len != strlen(d->id) || stat(d->id, &st) != 0 || !S_ISREG(st.st_mode)) {
        d->no_text = "the record has no sentences (tokenizer option emit_sentences) and its "
                     "id is not a readable file";
        return;
    }
    uint64_t expect = juint(json_object_get(d->rec, "stats"), "bytes");
    if ((uint64_t)st.st_size != expect || st.st_size > (off_t)SOURCE_MAX_BYTES) {
        d->no_text = "the source file's size differs from the record's (changed since the run, "
                     "compressed, or repaired on input)";
        return;
    }
    FILE *f = fopen(d->id, "rb");
    if (!f) {
        d->no_text = "the source file cannot be opened";
        return;
    }
    d->source = malloc((size_t)st.st_size + 1);
    if (d->source) {
        d->source_len = fread(d->source, 1, (size_t)st.st_size, f);
        d->source[d->source_len] = '\0';
    }
    fclose(f);
    if (!d->source) {
        d->r->oom = true;
        return;
    }
    if (d->source_len != (size_t)st.st_size || !quotes_match_source(d)) {
        free(d->source);
        d->source = NULL;
        d->no_text = "the source file no longer matches the record";
    }
}

static void find_text(doc_view *d)
{
    json_t *sentences = json_object_get(d->rec, "sentences");
    if (json_array_size(sentences) > 0) {
        d->sentences = sentences;
        d->words = 0;
        for (size_t i = 0; i < json_array_size(sentences); i++) {
            size_t len = 0;
            const char *s = jstr(json_array_get(sentences, i), "text", &len);
            if (s)
                d->words += count_words(s, len);
        }
        d->has_words = true;
        return;
    }
    if (!d->r->opts->read_sources) {
        d->no_text = "the record has no sentences and source files were not read (--no-source)";
        return;
    }
    read_source(d);
    if (d->source) {
        d->words = count_words(d->source, d->source_len);
        d->has_words = true;
    }
}

/* The byte length of at most `max` bytes of `s` ending on a character. */
static size_t utf8_cut(const char *s, size_t len, size_t max)
{
    if (len <= max)
        return len;
    while (max > 0 && ((unsigned char)s[max] & 0xC0) == 0x80)
        max--;
    return max;
}

static void find_title(doc_view *d)
{
    json_t *first = json_array_get(d->sentences, 0);
    size_t len = 0;
    const char *s = NULL;
    if (first && json_is_true(json_object_get(first, "heading")))
        s = jstr(first, "text", &len);
    if (!s && d->source) {
        size_t i = 0;
        while (i < d->source_len && (d->source[i] == ' ' || d->source[i] == '\t'
                                     || d->source[i] == '\r' || d->source[i] == '\n'))
            i++;
        const char *nl = memchr(d->source + i, '\n', d->source_len - i);
        size_t line = nl ? (size_t)(nl - (d->source + i)) : d->source_len - i;
        while (line > 0 && (d->source[i + line - 1] == '\r' || d->source[i + line - 1] == ' '))
            line--;
        /* A first line that is short is the headline; a long one is prose. */
        if (line > 0 && line <= TITLE_MAX_BYTES && nl) {
            s = d->source + i;
            len = line;
        }
    }
    if (!s) {
        s = d->id;
        len = d->id_len;
    }
    d->title = s;
    d->title_len = utf8_cut(s, len, TITLE_MAX_BYTES);
}

/* Writes text[base, base + len) with the quotes inside it marked. `cursor`
 * is the first quote that may still intersect, carried across segments. */
static void write_marked(FILE *out, const char *s, size_t len, size_t base, const quote *q,
                         size_t n, size_t *cursor)
{
    size_t pos = base, end = base + len;
    while (*cursor < n && q[*cursor].end <= base)
        (*cursor)++;
    for (size_t k = *cursor; k < n && q[k].start < end; k++) {
        size_t a = q[k].start > pos ? q[k].start : pos;
        size_t b = q[k].end < end ? q[k].end : end;
        if (b <= a)
            continue;
        html_text(out, s + (pos - base), a - pos);
        const char *cls = q[k].has_sentiment ? mark_class(q[k].sentiment) : "";
        fprintf(out, "<mark class=\"q %s\" data-q=\"%zu\" title=\"", cls, q[k].order);
        if (q[k].speaker)
            html_text(out, q[k].speaker, q[k].speaker_len);
        else
            fputs("unattributed", out);
        if (q[k].has_sentiment) {
            fputs(" \xC2\xB7 ", out);
            html_score(out, q[k].sentiment);
        }
        fputs("\">", out);
        html_text(out, s + (a - base), b - a);
        fputs("</mark>", out);
        if (b == q[k].end && q[k].speaker) {
            fputs("<sup class=\"who\">", out);
            html_text(out, q[k].speaker, q[k].speaker_len);
            fputs("</sup>", out);
        }
        pos = b;
    }
    html_text(out, s + (pos - base), end - pos);
}

static void write_text(FILE *out, doc_view *d)
{
    size_t cursor = 0;
    fputs("<h3>Text</h3>\n<div class=\"text\">", out);
    if (d->source) {
        write_marked(out, d->source, d->source_len, 0, d->quotes, d->quote_count, &cursor);
    } else {
        bool prev_heading = false;
        for (size_t i = 0; i < json_array_size(d->sentences); i++) {
            json_t *sent = json_array_get(d->sentences, i);
            size_t len = 0;
            const char *s = jstr(sent, "text", &len);
            json_t *start = json_object_get(sent, "start");
            if (!s || !json_is_integer(start) || json_integer_value(start) < 0)
                continue;
            bool heading = json_is_true(json_object_get(sent, "heading"));
            if (i > 0)
                fputs(heading || prev_heading ? "\n\n" : " ", out);
            if (heading)
                fputs("<b>", out);
            write_marked(out, s, len, (size_t)json_integer_value(start), d->quotes,
                         d->quote_count, &cursor);
            if (heading)
                fputs("</b>", out);
            prev_heading = heading;
        }
    }
    fputs("</div>\n", out);
}

static int order_cmp(const void *a, const void *b)
{
    const quote *x = a, *y = b;
    return x->order < y->order ? -1 : x->order > y->order;
}

static void write_quote_list(FILE *out, doc_view *d)
{
    fputs("<h3>Quotes</h3>\n<p class=\"small muted\">No text to highlight the quotes in: ", out);
    html_str(out, d->no_text);
    fputs(".</p>\n<ol class=\"quotes\">\n", out);
    qsort(d->quotes, d->quote_count, sizeof *d->quotes, order_cmp);
    for (size_t i = 0; i < d->quote_count; i++) {
        const quote *q = &d->quotes[i];
        const char *cls = q->has_sentiment ? mark_class(q->sentiment) : "";
        fprintf(out, "<li>\xE2\x80\x9C<mark class=\"q %s\" data-q=\"%zu\">", cls, q->order);
        if (q->text)
            html_text(out, q->text, q->text_len);
        fputs("</mark>\xE2\x80\x9D \xE2\x80\x94 ", out);
        if (q->speaker)
            html_text(out, q->speaker, q->speaker_len);
        else
            fputs("<span class=\"muted\">unattributed</span>", out);
        if (q->has_sentiment) {
            fprintf(out, " <span class=\"%s\">", score_class(q->sentiment));
            html_score(out, q->sentiment);
            fputs("</span>", out);
        }
        fputs("</li>\n", out);
    }
    fputs("</ol>\n", out);
}

/* This document's speakers: quotes and mean quote sentiment, most quoted
 * first. */
static void write_doc_speakers(FILE *out, doc_view *d)
{
    typedef struct {
        const char *name;
        size_t len;
        size_t quotes, scored;
        double sum;
    } who;
    who *list = calloc(d->quote_count, sizeof *list);
    if (!list) {
        d->r->oom = true;
        return;
    }
    size_t n = 0, unattributed = 0;
    for (size_t i = 0; i < d->quote_count; i++) {
        const quote *q = &d->quotes[i];
        if (!q->speaker) {
            unattributed++;
            continue;
        }
        size_t k = 0;
        while (k < n && !(list[k].len == q->speaker_len
                          && memcmp(list[k].name, q->speaker, q->speaker_len) == 0))
            k++;
        if (k == n)
            list[n++] = (who){ q->speaker, q->speaker_len, 0, 0, 0 };
        list[k].quotes++;
        if (q->has_sentiment) {
            list[k].scored++;
            list[k].sum += q->sentiment;
        }
    }
    /* Insertion sort by quotes, stable: speakers per document are few. */
    for (size_t i = 1; i < n; i++) {
        who w = list[i];
        size_t j = i;
        while (j > 0 && list[j - 1].quotes < w.quotes) {
            list[j] = list[j - 1];
            j--;
        }
        list[j] = w;
    }
    fputs("<h3>Speakers</h3>\n<table class=\"spk\"><thead><tr><th>speaker</th>"
          "<th class=\"r\">quotes</th><th class=\"r\">mean sentiment</th><th></th></tr></thead>"
          "<tbody>\n",
          out);
    for (size_t k = 0; k < n; k++) {
        fputs("<tr><td>", out);
        html_text(out, list[k].name, list[k].len);
        fprintf(out, "</td><td class=\"r\">%zu</td>", list[k].quotes);
        if (list[k].scored) {
            double mean = list[k].sum / (double)list[k].scored;
            fprintf(out, "<td class=\"r %s\">", score_class(mean));
            html_score(out, mean);
            fputs("</td><td>", out);
            html_bar(out, mean);
            fputs("</td>", out);
        } else {
            fputs("<td></td><td></td>", out);
        }
        fputs("</tr>\n", out);
    }
    if (unattributed)
        fprintf(out, "<tr><td class=\"muted\">unattributed</td><td class=\"r\">%zu</td>"
                     "<td></td><td></td></tr>\n",
                unattributed);
    fputs("</tbody></table>\n", out);
    free(list);
}

static void write_meta(FILE *out, json_t *meta)
{
    if (!json_is_object(meta) || json_object_size(meta) == 0)
        return;
    fputs("<p class=\"small muted\">", out);
    size_t shown = 0;
    const char *key;
    json_t *value;
    json_object_foreach(meta, key, value)
    {
        if (shown == META_SHOWN) {
            fputs(" \xE2\x80\xA6", out);
            break;
        }
        if (shown++)
            fputs(" \xC2\xB7 ", out);
        html_str(out, key);
        fputs(": ", out);
        if (json_is_string(value)) {
            const char *s = json_string_value(value);
            size_t len = json_string_length(value);
            html_text(out, s, utf8_cut(s, len, META_VALUE_MAX));
        } else {
            char *dump = json_dumps(value, JSON_COMPACT | JSON_ENCODE_ANY);
            if (dump)
                html_text(out, dump, utf8_cut(dump, strlen(dump), META_VALUE_MAX));
            free(dump);
        }
    }
    fputs("</p>\n", out);
}

static void write_index_row(doc_view *d, bool failed)
{
    FILE *out = d->r->index;
    fprintf(out, "<tr><td class=\"r\">%" PRIu64 "</td><td><a href=\"#d%" PRIu64 "\">", d->number,
            d->number);
    html_text(out, d->title, d->title_len);
    fputs("</a>", out);
    if (d->title != d->id) {
        fputs("<div class=\"small muted\">", out);
        html_text(out, d->id, d->id_len);
        fputs("</div>", out);
    }
    fputs("</td><td>", out);
    html_str(out, d->group);
    if (failed) {
        fputs("</td><td class=\"err\" colspan=\"3\">failed</td></tr>\n", out);
        return;
    }
    if (d->has_compound) {
        fprintf(out, "</td><td class=\"r %s\">", score_class(d->compound));
        html_score(out, d->compound);
    } else {
        fputs("</td><td class=\"r\">", out);
    }
    fprintf(out, "</td><td class=\"r\">%zu</td><td class=\"r\">", d->quote_count);
    if (d->has_words)
        html_count(out, d->words);
    fputs("</td></tr>\n", out);
}

static void section_open(doc_view *d, bool failed)
{
    FILE *out = d->r->sections;
    fprintf(out, "<details class=\"doc%s\" id=\"d%" PRIu64 "\" data-id=\"", failed ? " failed" : "",
            d->number);
    html_text(out, d->id, d->id_len);
    fprintf(out, "\"><summary><span class=\"n\">%" PRIu64 "</span><span class=\"t\">", d->number);
    html_text(out, d->title, d->title_len);
    fputs("</span>", out);
    if (failed) {
        fputs(" \xC2\xB7 <span class=\"err\">failed</span>", out);
    } else {
        if (d->has_compound) {
            fprintf(out, " \xC2\xB7 <span class=\"%s\">", score_class(d->compound));
            html_score(out, d->compound);
            fputs("</span> ", out);
            html_bar(out, d->compound);
        }
        fprintf(out, " \xC2\xB7 <span class=\"muted\">%zu quote%s</span>", d->quote_count,
                d->quote_count == 1 ? "" : "s");
    }
    fputs("</summary>\n<p class=\"small muted\">", out);
    html_text(out, d->id, d->id_len);
    fputs(" \xC2\xB7 ", out);
    fputs(d->r->opts->group_meta ? "" : "folder ", out);
    html_str(out, d->group);
}

static void write_problems(FILE *out, json_t *rec)
{
    json_t *errors = json_object_get(rec, "errors");
    if (json_array_size(errors)) {
        fputs("<h3>Errors</h3>\n<ul class=\"err\">\n", out);
        for (size_t i = 0; i < json_array_size(errors); i++) {
            json_t *e = json_array_get(errors, i);
            fputs("<li>", out);
            const char *step = jstr(e, "step", NULL);
            if (step) {
                fputs("step \xE2\x80\x98", out);
                html_str(out, step);
                fputs("\xE2\x80\x99: ", out);
            }
            html_str(out, jstr(e, "message", NULL));
            fputs("</li>\n", out);
        }
        fputs("</ul>\n", out);
    }
    json_t *warnings = json_object_get(rec, "warnings");
    if (json_array_size(warnings)) {
        fputs("<h3>Warnings</h3>\n<ul>\n", out);
        for (size_t i = 0; i < json_array_size(warnings); i++) {
            fputs("<li>", out);
            html_str(out, json_string_value(json_array_get(warnings, i)));
            fputs("</li>\n", out);
        }
        fputs("</ul>\n", out);
    }
}

static void write_section(doc_view *d)
{
    FILE *out = d->r->sections;
    section_open(d, false);
    json_t *stats = json_object_get(d->rec, "stats");
    fputs(" \xC2\xB7 ", out);
    html_count(out, juint(stats, "bytes"));
    fputs(" bytes \xC2\xB7 ", out);
    html_count(out, juint(stats, "tokens"));
    fputs(" tokens \xC2\xB7 ", out);
    html_count(out, juint(stats, "sentences"));
    fputs(" sentences", out);
    if (d->has_words) {
        fputs(" \xC2\xB7 ", out);
        html_count(out, d->words);
        fputs(" words", out);
    }
    fputs("</p>\n", out);
    write_meta(out, json_object_get(d->rec, "meta"));

    json_t *results = json_object_get(d->rec, "results");
    size_t len = 0;
    const char *summary = jstr(json_object_get(results, "summary"), "text", &len);
    if (summary) {
        fputs("<h3>Summary</h3>\n<p class=\"summary\">", out);
        html_text(out, summary, len);
        fputs("</p>\n", out);
    }
    if (d->has_compound) {
        const char *label = jstr(json_object_get(results, "sentiment"), "label", NULL);
        fprintf(out, "<h3>Sentiment</h3>\n<p><span class=\"%s\">", score_class(d->compound));
        html_score(out, d->compound);
        fputs("</span> ", out);
        html_str(out, label);
        fputs(" ", out);
        html_bar(out, d->compound);
        fputs("</p>\n", out);
    }
    if (d->quote_count)
        write_doc_speakers(out, d);
    if (d->source || d->sentences)
        write_text(out, d);
    else if (d->quote_count)
        write_quote_list(out, d);
    write_problems(out, d->rec);
    fputs("</details>\n", out);
}

/* ---- the record ------------------------------------------------------------- */

static char *group_of(const report *r, json_t *rec, const char *id, size_t id_len)
{
    if (r->opts->group_meta) {
        json_t *v = json_object_get(json_object_get(rec, "meta"), r->opts->group_meta);
        if (!v || json_is_null(v))
            return strdup("(none)");
        if (json_is_string(v))
            return strndup(json_string_value(v), json_string_length(v));
        return json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
    }
    const char *slash = NULL;
    for (size_t i = id_len; i > 0 && !slash; i--)
        if (id[i - 1] == '/')
            slash = id + i - 1;
    if (!slash)
        return strdup(".");
    if (slash == id)
        return strdup("/");
    return strndup(id, (size_t)(slash - id));
}

static void tally_group(doc_view *d, bool failed, const char *label)
{
    group_tally *g = rtable_get(&d->r->groups, d->group, strlen(d->group), NULL);
    if (!g) {
        d->r->oom = true;
        return;
    }
    g->documents++;
    if (failed) {
        g->failed++;
        return;
    }
    g->quotes += d->quote_count;
    if (d->has_compound) {
        g->sentiment_sum += d->compound;
        g->sentiment_count++;
    }
    if (label && strcmp(label, "positive") == 0)
        g->positive++;
    else if (label && strcmp(label, "negative") == 0)
        g->negative++;
    else if (label)
        g->neutral++;
}

static void add_failure(doc_view *d)
{
    report *r = d->r;
    r->failed++;
    if (r->failure_count == FAILURES_SHOWN)
        return;
    json_t *e = json_array_get(json_object_get(d->rec, "errors"), 0);
    const char *step = jstr(e, "step", NULL), *message = jstr(e, "message", NULL);
    failure *f = &r->failures[r->failure_count];
    f->doc = d->number;
    f->id = strndup(d->id, d->id_len);
    size_t need = (step ? strlen(step) + 16 : 0) + (message ? strlen(message) : 0) + 1;
    f->message = malloc(need);
    if (!f->id || !f->message) {
        free(f->id);
        free(f->message);
        r->oom = true;
        return;
    }
    snprintf(f->message, need, "%s%s%s%s", step ? "step '" : "", step ? step : "",
             step ? "': " : "", message ? message : "");
    r->failure_count++;
}

void report_add_record(report *r, json_t *rec)
{
    doc_view d = { .r = r, .rec = rec, .number = ++r->documents };
    d.id = jstr(rec, "id", &d.id_len);
    if (!d.id) {
        d.id = "(no id)";
        d.id_len = strlen(d.id);
    }
    d.group = group_of(r, rec, d.id, d.id_len);
    if (!d.group) {
        r->oom = true;
        return;
    }
    bool failed = json_is_true(json_object_get(rec, "failed"));
    if (failed) {
        add_failure(&d);
        tally_group(&d, true, NULL);
        d.title = d.id;
        d.title_len = d.id_len;
        write_index_row(&d, true);
        section_open(&d, true);
        fputs("</p>\n", r->sections);
        write_meta(r->sections, json_object_get(rec, "meta"));
        write_problems(r->sections, rec);
        fputs("</details>\n", r->sections);
        free(d.group);
        return;
    }
    json_t *stats = json_object_get(rec, "stats");
    r->bytes += juint(stats, "bytes");
    r->tokens += juint(stats, "tokens");

    json_t *sentiment = json_object_get(json_object_get(rec, "results"), "sentiment");
    const char *label = jstr(sentiment, "label", NULL);
    d.has_compound = jnum(sentiment, "compound", &d.compound);
    if (d.has_compound) {
        double c = d.compound < -1 ? -1 : d.compound > 1 ? 1 : d.compound;
        int bin = (int)floor((c + 1.0) / 2.0 * HIST_BINS);
        r->hist[bin < 0 ? 0 : bin >= HIST_BINS ? HIST_BINS - 1 : bin]++;
        r->with_sentiment++;
        r->sentiment_sum += d.compound;
    }
    if (label && strcmp(label, "positive") == 0)
        r->positive++;
    else if (label && strcmp(label, "negative") == 0)
        r->negative++;
    else if (label)
        r->neutral++;

    if (!read_quotes(&d)) {
        r->oom = true;
        free(d.group);
        return;
    }
    tally_quotes(&d);
    tally_group(&d, false, label);
    if (d.quote_count)
        qsort(d.quotes, d.quote_count, sizeof *d.quotes, quote_cmp);
    find_text(&d);
    if (d.has_words) {
        r->words += d.words;
        r->words_documents++;
    }
    if (d.source || d.sentences)
        r->highlighted++;
    find_title(&d);
    write_index_row(&d, false);
    write_section(&d);
    free(d.source);
    free(d.quotes);
    free(d.group);
}
