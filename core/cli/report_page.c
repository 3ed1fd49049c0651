/* report_page.c - the page of `tpipe report`: navigation, the overview,
 * the sentiment histogram, the speakers and groups tables, then the
 * document index and sections that report_doc.c wrote to temporary files.
 *
 * Elements the tests (and other tools) look for keep stable ids:
 * #ov-documents, #ov-failed, #ov-words, #ov-tokens, #ov-quotes, #ov-time
 * (each with data-value), #histogram, #speakers-table, #groups-table,
 * #index-table, and one details.doc#dN per record with data-id. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/tpipe.h>

#include "report.h"

#define GROUPS_SHOWN 200

static void card(FILE *out, const char *id, const char *what, uint64_t value, const char *cls)
{
    fprintf(out, "<div class=\"card\" id=\"%s\" data-value=\"%" PRIu64 "\"><div class=\"v%s%s\">",
            id, value, cls ? " " : "", cls ? cls : "");
    html_count(out, value);
    fprintf(out, "</div><div class=\"k\">%s</div></div>\n", what);
}

static void write_time(FILE *out, json_t *stats)
{
    json_t *seconds = json_object_get(stats, "seconds");
    if (!json_is_number(seconds)) {
        fputs("<div class=\"card\" id=\"ov-time\" data-value=\"\"><div class=\"v muted\">"
              "\xE2\x80\x94</div><div class=\"k\">time not recorded</div></div>\n",
              out);
        return;
    }
    double s = json_number_value(seconds);
    fprintf(out, "<div class=\"card\" id=\"ov-time\" data-value=\"%.3f\"><div class=\"v\">", s);
    if (s < 120)
        fprintf(out, "%.2f s", s);
    else
        fprintf(out, "%d:%02d min", (int)(s / 60), (int)s % 60);
    json_t *jobs = json_object_get(stats, "jobs");
    fprintf(out,
            "</div><div class=\"k\">wall time, %" JSON_INTEGER_FORMAT " worker%s</div></div>\n",
            json_integer_value(jobs), json_integer_value(jobs) == 1 ? "" : "s");
}

static void write_steps(FILE *out, json_t *stats)
{
    json_t *steps = json_object_get(stats, "steps");
    if (!json_array_size(steps))
        return;
    fputs("<h3>Time per step</h3>\n<table class=\"steps\" id=\"steps-table\"><thead><tr>"
          "<th>step</th><th class=\"r\">CPU seconds</th><th class=\"r\">MB/s</th>"
          "<th class=\"r\">docs/s</th></tr></thead><tbody>\n",
          out);
    for (size_t i = 0; i < json_array_size(steps); i++) {
        json_t *st = json_array_get(steps, i);
        fputs("<tr><td>", out);
        html_str(out, json_string_value(json_object_get(st, "id")));
        fprintf(out, "</td><td class=\"r\">%.3f</td><td class=\"r\">%.1f</td>"
                     "<td class=\"r\">%.0f</td></tr>\n",
                json_number_value(json_object_get(st, "seconds")),
                json_number_value(json_object_get(st, "mb_per_s")),
                json_number_value(json_object_get(st, "docs_per_s")));
    }
    fputs("</tbody></table>\n", out);
    fprintf(out, "<p class=\"small muted\">Whole run: %.1f MB/s, %.0f documents/s.</p>\n",
            json_number_value(json_object_get(stats, "mb_per_s")),
            json_number_value(json_object_get(stats, "docs_per_s")));
}

static void write_overview(FILE *out, const report *r, json_t *stats)
{
    fputs("<section id=\"overview\">\n<h2>Overview</h2>\n<div class=\"cards\">\n", out);
    card(out, "ov-documents", "documents", r->documents, NULL);
    card(out, "ov-failed", "failed", r->failed, r->failed ? "err" : NULL);
    if (r->words_documents || r->documents == r->failed)
        card(out, "ov-words", "words", r->words, NULL);
    else /* no text to count in: unknown, not zero */
        fputs("<div class=\"card\" id=\"ov-words\" data-value=\"\"><div class=\"v muted\">"
              "\xE2\x80\x94</div><div class=\"k\">words (no text)</div></div>\n",
              out);
    card(out, "ov-tokens", "tokens", r->tokens, NULL);
    card(out, "ov-quotes", "quotes", r->quotes, NULL);
    write_time(out, stats);
    fputs("</div>\n<p class=\"small muted\">", out);
    html_count(out, r->bytes);
    fputs(" bytes of text.", out);
    uint64_t ok = r->documents - r->failed;
    if (r->words_documents < ok) {
        fputs(" Words are counted in the ", out);
        html_count(out, r->words_documents);
        fputs(" documents whose text the report could read (sentences in the record, or the "
              "source file).",
              out);
    }
    if (!stats)
        fputs(" Time is shown when the report is given <code>--stats FILE</code> from "
              "<code>tpipe run --stats-json FILE</code>.",
              out);
    if (r->bad_lines) {
        fputs(" <span class=\"err\">", out);
        html_count(out, r->bad_lines);
        fputs(" input lines were not records and were skipped.</span>", out);
    }
    fputs("</p>\n", out);
    write_steps(out, stats);
    if (r->failed) {
        fputs("<h3>Failed documents</h3>\n<table id=\"failures-table\"><thead><tr><th>#</th>"
              "<th>document</th><th>error</th></tr></thead><tbody>\n",
              out);
        for (size_t i = 0; i < r->failure_count; i++) {
            const failure *f = &r->failures[i];
            fprintf(out, "<tr><td class=\"r\">%" PRIu64 "</td><td><a href=\"#d%" PRIu64 "\">",
                    f->doc, f->doc);
            html_str(out, f->id);
            fputs("</a></td><td class=\"err\">", out);
            html_str(out, f->message);
            fputs("</td></tr>\n", out);
        }
        fputs("</tbody></table>\n", out);
        if (r->failed > r->failure_count)
            fprintf(out, "<p class=\"small muted\">The first %zu of %" PRIu64 " failures.</p>\n",
                    r->failure_count, r->failed);
    }
    fputs("</section>\n", out);
}

static void write_histogram(FILE *out, const report *r)
{
    const int left = 44, top = 14, plot_w = 600, plot_h = 170;
    const int bar_w = plot_w / HIST_BINS;
    uint64_t max = 1;
    for (int i = 0; i < HIST_BINS; i++)
        if (r->hist[i] > max)
            max = r->hist[i];
    fputs("<section id=\"sentiment\">\n<h2>Document sentiment</h2>\n", out);
    if (!r->with_sentiment) {
        fputs("<p class=\"muted\">No record has a sentiment result.</p>\n</section>\n", out);
        return;
    }
    fprintf(out, "<svg class=\"hist\" id=\"histogram\" width=\"%d\" height=\"%d\" "
                 "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"histogram of document "
                 "sentiment\">\n",
            left + plot_w + 16, top + plot_h + 36, left + plot_w + 16, top + plot_h + 36);
    for (int i = 0; i < HIST_BINS; i++) {
        double lo = -1.0 + 2.0 * i / HIST_BINS, hi = lo + 2.0 / HIST_BINS;
        double centre = (lo + hi) / 2;
        const char *cls = centre < -0.1 ? "neg" : centre > 0.1 ? "pos" : "neu";
        int h = (int)((double)plot_h * (double)r->hist[i] / (double)max + 0.5);
        if (r->hist[i] && h < 1)
            h = 1;
        int x = left + i * bar_w, y = top + plot_h - h;
        fprintf(out, "<rect class=\"b %s\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
                     "data-count=\"%" PRIu64 "\"><title>%+.1f to %+.1f: %" PRIu64
                     " document%s</title></rect>\n",
                cls, x + 1, y, bar_w - 2, h, r->hist[i], lo, hi, r->hist[i],
                r->hist[i] == 1 ? "" : "s");
        if (r->hist[i])
            fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%" PRIu64 "</text>\n",
                    x + bar_w / 2, y - 3, r->hist[i]);
    }
    int base = top + plot_h;
    fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>\n", left, base,
            left + plot_w, base);
    static const char *const ticks[] = { "-1", "-0.5", "0", "+0.5", "+1" };
    for (int t = 0; t < 5; t++) {
        int x = left + t * plot_w / 4;
        fprintf(out, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#888\"/>"
                     "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>\n",
                x, base, x, base + 5, x, base + 18, ticks[t]);
    }
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%" PRIu64 "</text>"
                 "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>\n",
            left - 6, top + 10, max, left - 6, base);
    fprintf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">compound sentiment "
                 "(documents per bin of 0.1)</text>\n</svg>\n",
            left + plot_w / 2, base + 32);
    double mean = r->sentiment_sum / (double)r->with_sentiment;
    fprintf(out, "<p>Mean <span class=\"%s\">", score_class(mean));
    html_score(out, mean);
    fputs("</span> ", out);
    html_bar(out, mean);
    fputs(" \xC2\xB7 <span class=\"pos\">", out);
    html_count(out, r->positive);
    fputs(" positive</span> \xC2\xB7 <span class=\"neu\">", out);
    html_count(out, r->neutral);
    fputs(" neutral</span> \xC2\xB7 <span class=\"neg\">", out);
    html_count(out, r->negative);
    fputs(" negative</span></p>\n</section>\n", out);
}

static const rtable *sort_table; /* for qsort's comparators */

static int speaker_cmp(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const speaker_tally *x = rtable_item(sort_table, i), *y = rtable_item(sort_table, j);
    if (x->quotes != y->quotes)
        return x->quotes > y->quotes ? -1 : 1;
    if (x->documents != y->documents)
        return x->documents > y->documents ? -1 : 1;
    return strcmp(rtable_key(sort_table, i), rtable_key(sort_table, j));
}

static int group_cmp(const void *a, const void *b)
{
    size_t i = *(const size_t *)a, j = *(const size_t *)b;
    const group_tally *x = rtable_item(sort_table, i), *y = rtable_item(sort_table, j);
    if (x->documents != y->documents)
        return x->documents > y->documents ? -1 : 1;
    return strcmp(rtable_key(sort_table, i), rtable_key(sort_table, j));
}

static size_t *sorted(const rtable *t, int (*cmp)(const void *, const void *))
{
    size_t *order = malloc((t->count ? t->count : 1) * sizeof *order);
    if (!order)
        return NULL;
    for (size_t i = 0; i < t->count; i++)
        order[i] = i;
    sort_table = t;
    qsort(order, t->count, sizeof *order, cmp);
    return order;
}

static void mean_cells(FILE *out, double sum, uint64_t n)
{
    if (!n) {
        fputs("<td></td><td></td>", out);
        return;
    }
    double mean = sum / (double)n;
    fprintf(out, "<td class=\"r %s\">", score_class(mean));
    html_score(out, mean);
    fputs("</td><td>", out);
    html_bar(out, mean);
    fputs("</td>", out);
}

static int write_speakers(FILE *out, const report *r)
{
    fputs("<section id=\"speakers\">\n<h2>Most-quoted speakers</h2>\n", out);
    if (!r->speakers.count) {
        fputs("<p class=\"muted\">No attributed quotes.</p>\n</section>\n", out);
        return 0;
    }
    size_t *order = sorted(&r->speakers, speaker_cmp);
    if (!order)
        return -1;
    size_t shown = r->speakers.count < r->opts->top_speakers ? r->speakers.count
                                                               : r->opts->top_speakers;
    fputs("<table id=\"speakers-table\"><thead><tr><th class=\"r\">#</th><th>speaker</th>"
          "<th class=\"r\">quotes</th><th class=\"r\">documents</th>"
          "<th class=\"r\">mean sentiment</th><th></th><th>first quoted in</th></tr></thead>"
          "<tbody>\n",
          out);
    for (size_t k = 0; k < shown; k++) {
        const speaker_tally *t = rtable_item(&r->speakers, order[k]);
        fprintf(out, "<tr><td class=\"r\">%zu</td><td class=\"name\">", k + 1);
        html_str(out, rtable_key(&r->speakers, order[k]));
        fprintf(out, "</td><td class=\"r\">%" PRIu64 "</td><td class=\"r\">%" PRIu64 "</td>",
                t->quotes, t->documents);
        mean_cells(out, t->sentiment_sum, t->sentiment_count);
        fprintf(out, "<td><a href=\"#d%" PRIu64 "\">document %" PRIu64 "</a></td></tr>\n",
                t->first_doc, t->first_doc);
    }
    fputs("</tbody></table>\n<p class=\"small muted\">", out);
    html_count(out, r->speakers.count);
    fputs(" speakers in all", out);
    if (r->unattributed) {
        fputs("; ", out);
        html_count(out, r->unattributed);
        fputs(" quotes have no speaker", out);
    }
    fputs(". Mean sentiment is over the speaker's quotes.</p>\n</section>\n", out);
    free(order);
    return 0;
}

static int write_groups(FILE *out, const report *r)
{
    fputs("<section id=\"groups\">\n<h2>Sentiment by ", out);
    if (r->opts->group_meta) {
        fputs("<code>meta.", out);
        html_str(out, r->opts->group_meta);
        fputs("</code>", out);
    } else {
        fputs("input folder", out);
    }
    fputs("</h2>\n", out);
    size_t *order = sorted(&r->groups, group_cmp);
    if (!order)
        return -1;
    fputs("<table id=\"groups-table\"><thead><tr><th>", out);
    fputs(r->opts->group_meta ? "value" : "folder", out);
    fputs("</th><th class=\"r\">documents</th><th class=\"r\">failed</th>"
          "<th class=\"r\">quotes</th><th class=\"r\">mean sentiment</th><th></th>"
          "<th class=\"r\">positive</th><th class=\"r\">neutral</th><th class=\"r\">negative</th>"
          "</tr></thead><tbody>\n",
          out);
    size_t shown = r->groups.count < GROUPS_SHOWN ? r->groups.count : GROUPS_SHOWN;
    for (size_t k = 0; k < shown; k++) {
        const group_tally *g = rtable_item(&r->groups, order[k]);
        fputs("<tr><td>", out);
        html_str(out, rtable_key(&r->groups, order[k]));
        fprintf(out, "</td><td class=\"r\">%" PRIu64 "</td><td class=\"r\">%" PRIu64
                     "</td><td class=\"r\">%" PRIu64 "</td>",
                g->documents, g->failed, g->quotes);
        mean_cells(out, g->sentiment_sum, g->sentiment_count);
        fprintf(out, "<td class=\"r\">%" PRIu64 "</td><td class=\"r\">%" PRIu64
                     "</td><td class=\"r\">%" PRIu64 "</td></tr>\n",
                g->positive, g->neutral, g->negative);
    }
    fputs("</tbody></table>\n", out);
    if (r->groups.count > shown)
        fprintf(out, "<p class=\"small muted\">The %zu largest of %zu groups.</p>\n", shown,
                r->groups.count);
    fputs("</section>\n", out);
    free(order);
    return 0;
}

static int copy_file(FILE *from, FILE *to)
{
    char buf[1 << 16];
    if (fflush(from) != 0 || fseek(from, 0, SEEK_SET) != 0)
        return -1;
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, from)) > 0)
        if (fwrite(buf, 1, n, to) != n)
            return -1;
    return ferror(from) ? -1 : 0;
}

static const char pager[] =
    "<div class=\"pager\" hidden><button class=\"first\">\xC2\xAB</button>"
    "<button class=\"prev\">\xE2\x80\xB9 previous</button><span class=\"where\"></span>"
    "<button class=\"next\">next \xE2\x80\xBA</button><button class=\"last\">\xC2\xBB</button>";

int report_write_page(report *r, FILE *out, json_t *stats, const char *const *inputs,
                      size_t input_count)
{
    html_page_head(out, r->opts->title, r->opts->page_size);
    fputs("<nav class=\"top\"><a href=\"#overview\">Overview</a><a href=\"#sentiment\">"
          "Sentiment</a><a href=\"#speakers\">Speakers</a><a href=\"#groups\">Groups</a>"
          "<a href=\"#index\">Documents</a><a href=\"#docs\">Sections</a></nav>\n<header><h1>",
          out);
    html_str(out, r->opts->title);
    fputs("</h1>\n<p class=\"small muted\">From ", out);
    for (size_t i = 0; i < input_count; i++) {
        if (i)
            fputs(", ", out);
        fputs("<code>", out);
        html_str(out, strcmp(inputs[i], "-") == 0 ? "stdin" : inputs[i]);
        fputs("</code>", out);
    }
    fprintf(out, " by tpipe %s.</p>\n</header>\n<main>\n", tp_version());
    write_overview(out, r, stats);
    write_histogram(out, r);
    if (write_speakers(out, r) || write_groups(out, r))
        return -1;

    fputs("<section id=\"index\">\n<h2>Documents</h2>\n<p><input class=\"filter\" id=\"filter\" "
          "type=\"search\" placeholder=\"filter by id, title or folder\" hidden></p>\n",
          out);
    fprintf(out, "%s</div>\n", pager);
    fputs("<div class=\"js-wait\" id=\"index-list\">\n", out);
    fputs("<table id=\"index-table\"><thead><tr><th class=\"r\">#</th><th>document</th><th>",
          out);
    if (r->opts->group_meta)
        html_str(out, r->opts->group_meta);
    else
        fputs("folder", out);
    fputs("</th><th class=\"r\">sentiment</th><th class=\"r\">quotes</th>"
          "<th class=\"r\">words</th></tr></thead><tbody>\n",
          out);
    if (copy_file(r->index, out))
        return -1;
    fprintf(out, "</tbody></table>\n</div>\n%s</div>\n</section>\n", pager);

    fputs("<section id=\"docs\">\n<h2>Document sections</h2>\n", out);
    fprintf(out, "<p class=\"small muted\">%" PRIu64 " of %" PRIu64
                 " documents are shown with their text and quotes highlighted.</p>\n",
            r->highlighted, r->documents - r->failed);
    static const char tools[] = "<button class=\"expand\" data-open=\"1\">open this page</button>"
                                "<button class=\"expand\" data-open=\"0\">close this page</button>";
    fprintf(out, "%s%s</div>\n<div class=\"js-wait\" id=\"doc-list\">\n", pager, tools);
    if (copy_file(r->sections, out))
        return -1;
    fprintf(out, "</div>\n%s%s</div>\n</section>\n</main>\n", pager, tools);
    html_page_tail(out);
    return ferror(out) ? -1 : 0;
}
