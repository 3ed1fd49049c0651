/* summary_idf.c - corpus document frequencies: parse, look up, build. */
#include "summary_idf.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "summary_terms.h"

extern const char tp_summary_stopwords_data[];
extern const unsigned long tp_summary_stopwords_data_len;

static int parse_count(const char *s, size_t len, double *out)
{
    if (len == 0 || len > 20)
        return -1;
    double v = 0.0;
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10.0 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

int tp_summary_idf_parse(tp_summary_idf *idf, const char *text, size_t len, const char *name,
                         tp_error *err)
{
    tp_summary_strmap_init(&idf->terms);
    idf->documents = -1.0;
    size_t i = 0, line = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\n')
            i++;
        size_t end = i++;
        line++;
        if (end > start && text[end - 1] == '\r')
            end--;
        if (start == end || text[start] == '#')
            continue;
        const char *tab = memchr(text + start, '\t', end - start);
        double count;
        if (!tab || tab == text + start ||
            parse_count(tab + 1, (size_t)(text + end - tab - 1), &count) < 0) {
            tp_summary_idf_free(idf);
            return tp_error_set(err, TP_EPARSE,
                                "%s:%zu: expected TERM<TAB>COUNT (see the summary plugin's "
                                "README for the idf file format)",
                                name, line);
        }
        size_t term_len = (size_t)(tab - (text + start));
        if (term_len == 10 && memcmp(text + start, "@documents", 10) == 0) {
            idf->documents = count;
            continue;
        }
        size_t entry;
        if (tp_summary_strmap_intern(&idf->terms, text + start, term_len, (int64_t)count, &entry,
                                     NULL) < 0) {
            tp_summary_idf_free(idf);
            return tp_error_set(err, TP_ENOMEM, "%s: out of memory", name);
        }
        idf->terms.values[entry] = (int64_t)count;
    }
    if (idf->documents < 0.0) {
        tp_summary_idf_free(idf);
        return tp_error_set(err, TP_EPARSE,
                            "%s: no '@documents<TAB>N' line; build the file with `tpipe idf`",
                            name);
    }
    return 0;
}

int tp_summary_idf_load(tp_summary_idf *idf, const char *path, tp_error *err)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return tp_error_set(err, TP_EIO, "cannot open idf file '%s': %s", path, strerror(errno));
    char *buf = NULL;
    size_t len = 0, cap = 0;
    int rc = 0;
    for (;;) {
        if (len + 65536 > cap) {
            size_t n = cap ? cap * 2 : 131072;
            char *b = realloc(buf, n);
            if (!b) {
                rc = tp_error_set(err, TP_ENOMEM, "out of memory reading '%s'", path);
                goto done;
            }
            buf = b;
            cap = n;
        }
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (got == 0)
            break;
    }
    if (ferror(f)) {
        rc = tp_error_set(err, TP_EIO, "cannot read idf file '%s'", path);
        goto done;
    }
    rc = tp_summary_idf_parse(idf, buf ? buf : "", len, path, err);
done:
    free(buf);
    fclose(f);
    return rc;
}

void tp_summary_idf_free(tp_summary_idf *idf)
{
    tp_summary_strmap_free(&idf->terms);
}

double tp_summary_idf_weight(const tp_summary_idf *idf, const char *term, size_t len)
{
    long e = tp_summary_strmap_find(&idf->terms, term, len);
    double df = e >= 0 ? (double)idf->terms.values[e] : 0.0;
    return log((idf->documents + 1.0) / (df + 1.0)) + 1.0;
}

/* ---- builder ------------------------------------------------------------ */

struct tp_summary_idf_builder {
    tp_summary_terms terms;
    tp_summary_strmap stop;
    tp_summary_strmap df;   /* value: DF */
    uint64_t *last_doc;     /* per df entry: the last document counted + 1 */
    size_t last_cap;
    uint64_t documents;
};

int tp_summary_idf_builder_new(tp_summary_idf_builder **out)
{
    tp_summary_idf_builder *b = calloc(1, sizeof *b);
    if (!b)
        return TP_ENOMEM;
    tp_summary_strmap_init(&b->stop);
    tp_summary_strmap_init(&b->df);
    if (tp_summary_terms_init(&b->terms) < 0 ||
        tp_summary_stopwords_parse(&b->stop, tp_summary_stopwords_data,
                                   tp_summary_stopwords_data_len) < 0) {
        tp_summary_idf_builder_free(b);
        return TP_ENOMEM;
    }
    *out = b;
    return 0;
}

void tp_summary_idf_builder_free(tp_summary_idf_builder *b)
{
    if (!b)
        return;
    tp_summary_terms_free(&b->terms);
    tp_summary_strmap_free(&b->stop);
    tp_summary_strmap_free(&b->df);
    free(b->last_doc);
    free(b);
}

static int count_word(tp_summary_idf_builder *b, const char *word, size_t len)
{
    const char *stem;
    size_t stem_len, entry;
    int rc = tp_summary_terms_stem(&b->terms, &b->stop, word, len, &stem, &stem_len);
    if (rc <= 0)
        return rc;
    if (tp_summary_strmap_intern(&b->df, stem, stem_len, 0, &entry, NULL) < 0)
        return TP_ENOMEM;
    if (entry >= b->last_cap) {
        size_t n = b->last_cap ? b->last_cap * 2 : 4096;
        while (n <= entry)
            n *= 2;
        uint64_t *last = realloc(b->last_doc, n * sizeof *last);
        if (!last)
            return TP_ENOMEM;
        memset(last + b->last_cap, 0, (n - b->last_cap) * sizeof *last);
        b->last_doc = last;
        b->last_cap = n;
    }
    /* Count a term once per document. */
    if (b->last_doc[entry] != b->documents + 1) {
        b->last_doc[entry] = b->documents + 1;
        b->df.values[entry]++;
    }
    return 0;
}

int tp_summary_idf_builder_add_doc(tp_summary_idf_builder *b, const tp_doc *doc)
{
    size_t n;
    const char *text = tp_doc_text(doc, NULL);
    const tp_token *toks = tp_doc_tokens(doc, &n);
    for (size_t i = 0; i < n; i++) {
        if (toks[i].kind != TP_TOK_WORD || (toks[i].flags & TP_TOKF_CLITIC))
            continue;
        if (count_word(b, text + toks[i].start, toks[i].end - toks[i].start) < 0)
            return TP_ENOMEM;
    }
    b->documents++;
    return 0;
}

static int is_word_char(utf8proc_int32_t cp)
{
    utf8proc_category_t c = utf8proc_category(cp);
    return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_MN) ||
           c == UTF8PROC_CATEGORY_MC || c == UTF8PROC_CATEGORY_ND;
}

int tp_summary_idf_builder_add_text(tp_summary_idf_builder *b, const char *text, size_t len)
{
    const utf8proc_uint8_t *s = (const utf8proc_uint8_t *)text;
    size_t i = 0, word = 0;
    int in_word = 0;
    while (i <= len) {
        utf8proc_int32_t cp = 0, next = 0;
        utf8proc_ssize_t n = 1;
        if (i < len) {
            n = utf8proc_iterate(s + i, (utf8proc_ssize_t)(len - i), &cp);
            if (n <= 0) {
                n = 1;
                cp = 0xFFFD;
            }
        }
        int w = i < len && is_word_char(cp);
        /* An apostrophe or hyphen between word characters stays inside. */
        if (i < len && in_word && (cp == '\'' || cp == 0x2019 || cp == '-') &&
            i + (size_t)n < len &&
            utf8proc_iterate(s + i + n, (utf8proc_ssize_t)(len - i - (size_t)n), &next) > 0 &&
            is_word_char(next))
            w = 1;
        if (w && !in_word) {
            word = i;
            in_word = 1;
        } else if (!w && in_word) {
            in_word = 0;
            if (count_word(b, text + word, i - word) < 0)
                return TP_ENOMEM;
        }
        i += (size_t)n;
    }
    b->documents++;
    return 0;
}

int tp_summary_idf_builder_merge(tp_summary_idf_builder *dst, const tp_summary_idf_builder *src)
{
    for (size_t e = 0; e < src->df.count; e++) {
        size_t entry;
        if (tp_summary_strmap_intern(&dst->df, tp_summary_strmap_key(&src->df, e),
                                     src->df.key_len[e], 0, &entry, NULL) < 0)
            return TP_ENOMEM;
        dst->df.values[entry] += src->df.values[e];
    }
    dst->documents += src->documents;
    /* dst's per-document marks stay valid: they only matter for terms of the
     * document being counted, and merging ends a document. */
    return 0;
}

uint64_t tp_summary_idf_builder_documents(const tp_summary_idf_builder *b)
{
    return b->documents;
}

typedef struct df_row {
    const char *term;
    int64_t df;
} df_row;

static int by_df_then_term(const void *a, const void *b)
{
    const df_row *x = a, *y = b;
    if (x->df != y->df)
        return x->df > y->df ? -1 : 1;
    return strcmp(x->term, y->term);
}

int tp_summary_idf_builder_write(const tp_summary_idf_builder *b, FILE *out, uint64_t min_df,
                                 tp_error *err)
{
    size_t n = b->df.count;
    df_row *rows = malloc((n ? n : 1) * sizeof *rows);
    if (!rows)
        return tp_error_set(err, TP_ENOMEM, "out of memory writing the idf file");
    for (size_t i = 0; i < n; i++)
        rows[i] = (df_row){tp_summary_strmap_key(&b->df, i), b->df.values[i]};
    qsort(rows, n, sizeof *rows, by_df_then_term);
    fprintf(out, "# tpipe summary idf: TERM<TAB>document frequency; "
                 "see plugins/summary/README.md\n");
    fprintf(out, "@documents\t%llu\n", (unsigned long long)b->documents);
    for (size_t i = 0; i < n; i++) {
        if ((uint64_t)rows[i].df < min_df)
            continue;
        fprintf(out, "%s\t%lld\n", rows[i].term, (long long)rows[i].df);
    }
    free(rows);
    if (ferror(out))
        return tp_error_set(err, TP_EIO, "writing the idf file failed");
    return 0;
}
