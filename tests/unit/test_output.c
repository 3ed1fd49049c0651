/* test_output.c - records: exact JSON for small hand-built documents, string
 * escaping, number formatting, failed records, and the text report (wrapping
 * of multibyte text, colour only when asked, sentiment bars, quotes). */
#include <check.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <tpipe/tpipe.h>

#include "output.h"
#include "strbuf.h"
#include "textwrap.h"

/* ---- helpers ------------------------------------------------------------- */

static char *render(const tp_doc *doc, tp_format format, bool color, int width)
{
    tp_format_options opts = { format, color, width };
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(tp_doc_render(doc, &opts, &out, &len), 0);
    ck_assert_ptr_nonnull(out);
    ck_assert_uint_eq(strlen(out), len);
    return out;
}

static tp_doc *make_doc(const char *id, const char *text)
{
    tp_doc *doc = tp_doc_new();
    ck_assert_ptr_nonnull(doc);
    ck_assert_int_eq(tp_doc_reset(doc, id, text, strlen(text)), 0);
    return doc;
}

static void add_token(tp_doc *doc, uint32_t start, uint32_t end, tp_token_kind kind)
{
    tp_token t = { start, end, (uint8_t)kind, 0, 0, 0 };
    ck_assert_int_eq(tp_doc_add_token(doc, &t), 0);
}

static void add_sentence(tp_doc *doc, uint32_t start, uint32_t end, uint32_t tok_start,
                         uint32_t tok_end, uint32_t para, uint32_t flags)
{
    tp_sentence s = { start, end, tok_start, tok_end, para, flags };
    ck_assert_int_eq(tp_doc_add_sentence(doc, &s), 0);
}

static void add_paragraph(tp_doc *doc, uint32_t start, uint32_t end)
{
    tp_paragraph p = { start, end, 0, 0 };
    ck_assert_int_eq(tp_doc_add_paragraph(doc, &p), 0);
}

/* The record must also be JSON that jansson accepts. */
static void assert_valid_json(const char *s)
{
    json_error_t jerr;
    json_t *j = json_loads(s, JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
    ck_assert_msg(j != NULL, "not JSON (%s): %s", jerr.text, s);
    json_decref(j);
}

static void add_sentiment_result(tp_doc *doc, double compound, const char *label)
{
    tp_value *s = tp_value_object(doc);
    tp_object_set(doc, s, "compound", tp_value_number(doc, compound));
    tp_object_set(doc, s, "label", tp_value_string(doc, label));
    ck_assert_int_eq(tp_doc_set_result(doc, "sentiment", s), 0);
}

/* ---- numbers ------------------------------------------------------------- */

static const struct {
    double value;
    const char *expect;
} number_cases[] = {
    { 0.0, "0" },         { -0.0, "0" },          { 2.0, "2" },
    { -0.31, "-0.31" },   { 0.08123, "0.0812" },  { 0.00004, "0" },
    { -0.00004, "0" },    { 0.5, "0.5" },         { 123.456789, "123.4568" },
    { -1.0, "-1" },       { 0.99995, "1" },       { 1e20, "1e+20" },
    { 1234567.0, "1234567" },
};

START_TEST(test_number_format)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    tp_strbuf_add_json_number(&sb, number_cases[_i].value);
    ck_assert_str_eq(sb.buf, number_cases[_i].expect);
    tp_strbuf_release(&sb);
}
END_TEST

START_TEST(test_number_not_finite)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    tp_strbuf_add_json_number(&sb, NAN);
    tp_strbuf_addch(&sb, ' ');
    tp_strbuf_add_json_number(&sb, INFINITY);
    tp_strbuf_addch(&sb, ' ');
    tp_strbuf_add_json_number(&sb, -INFINITY);
    ck_assert_str_eq(sb.buf, "null null null");
    tp_strbuf_release(&sb);
}
END_TEST

START_TEST(test_value_numbers_in_record)
{
    tp_doc *doc = make_doc("n", "x");
    tp_value *r = tp_value_object(doc);
    tp_object_set(doc, r, "int", tp_value_int(doc, -42));
    tp_object_set(doc, r, "big", tp_value_int(doc, INT64_MAX));
    tp_object_set(doc, r, "num", tp_value_number(doc, 0.123456));
    tp_object_set(doc, r, "whole", tp_value_number(doc, 3.0));
    tp_object_set(doc, r, "nan", tp_value_number(doc, NAN));
    ck_assert_int_eq(tp_doc_set_result(doc, "r", r), 0);
    char *out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"results\":{\"r\":{\"int\":-42,"
                                      "\"big\":9223372036854775807,\"num\":0.1235,"
                                      "\"whole\":3,\"nan\":null}}"));
    assert_valid_json(out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

/* Numbers are formatted without printf; they must come out exactly as
 * "%.4f" with trailing zeros trimmed (and %.17g from 1e15) always did. */
static void printf_number(double d, char *out, size_t size)
{
    if (!isfinite(d)) {
        snprintf(out, size, "null");
        return;
    }
    if (fabs(d) >= 1e15) {
        snprintf(out, size, "%.17g", d);
        return;
    }
    int n = snprintf(out, size, "%.4f", d);
    while (n > 0 && out[n - 1] == '0')
        n--;
    if (n > 0 && out[n - 1] == '.')
        n--;
    out[n] = '\0';
    if (strcmp(out, "-0") == 0)
        snprintf(out, size, "0");
}

static void assert_number_as_printf(double d)
{
    static tp_strbuf sb = TP_STRBUF_INIT; /* reused: millions of calls */
    char expect[64];
    printf_number(d, expect, sizeof expect);
    tp_strbuf_reset(&sb);
    tp_strbuf_add_json_number(&sb, d);
    /* Not ck_assert: each passing check writes to Check's pipe. */
    if (strcmp(sb.buf, expect) != 0)
        ck_abort_msg("%a: got %s, printf gives %s", d, sb.buf, expect);
}

/* xorshift64: the same values on every run. */
static uint64_t next_random(uint64_t *state)
{
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    return *state;
}

static double random_unit(uint64_t *state)
{
    return (double)(next_random(state) >> 11) / 9007199254740992.0;
}

/* Each iteration checks 100000 rounds of: an arbitrary bit pattern, values
 * of every magnitude up to 1e15, exact ties (k / 2^j), the doubles on either
 * side of a decimal tie, and short decimals as a plugin would round them. */
START_TEST(test_number_matches_printf_random)
{
    uint64_t state = 0x9E3779B97F4A7C15u * (uint64_t)(_i + 1);
    for (int r = 0; r < 100000; r++) {
        uint64_t bits = next_random(&state);
        double d;
        memcpy(&d, &bits, sizeof d);
        assert_number_as_printf(d);
        double x = random_unit(&state) * 2 - 1;
        assert_number_as_printf(x);
        assert_number_as_printf(x * pow(10, (int)(next_random(&state) % 32) - 16));
        int64_t k = (int64_t)(next_random(&state) % 2000001) - 1000000;
        assert_number_as_printf(ldexp((double)k, -(int)(next_random(&state) % 48)));
        double tie = ((double)k + 0.5) / 10000.0;
        assert_number_as_printf(tie);
        assert_number_as_printf(nextafter(tie, -INFINITY));
        assert_number_as_printf(nextafter(tie, INFINITY));
        assert_number_as_printf(round(x * 1e4) / 1e4);
    }
}
END_TEST

START_TEST(test_number_matches_printf_edges)
{
    static const double edges[] = {
        0.0, -0.0, 1e15, -1e15, 1e15 - 0.125, -(1e15 - 0.125), 0.5, -0.5, 0.00005, -0.00005,
        0.00015, 0.00025, 0.99995, -0.99995, 9.99995, 0.03125, 0.09375, -0.15625, 1.0 / 3,
        2.0 / 3, 5e-324, -5e-324, 2.2250738585072014e-308, 1.7976931348623157e308, 1e-5,
        4503599627370495.5, 4503599627370496.0, 9007199254740993.0, 123456789.00005,
        0.1, 0.2, 0.3, 0.7, 1e-4, -1e-4, 0.00004999999999999999, 99999.99995,
    };
    for (size_t i = 0; i < sizeof edges / sizeof edges[0]; i++) {
        assert_number_as_printf(edges[i]);
        assert_number_as_printf(nextafter(edges[i], -INFINITY));
        assert_number_as_printf(nextafter(edges[i], INFINITY));
    }
    /* Every multiple of 2^-j for small numerators: all exact ties of the
     * fourth decimal are among them. */
    for (int j = 0; j <= 20; j++)
        for (int64_t k = -4096; k <= 4096; k++)
            assert_number_as_printf(ldexp((double)k, -j));
    /* Every value of the form n / 10^4 near 0 and 1, as plugins store them. */
    for (int n = -20000; n <= 20000; n++)
        assert_number_as_printf(n / 1e4);
}
END_TEST

START_TEST(test_integers_match_printf)
{
    static const int64_t values[] = {
        0, 1, -1, 9, 10, -10, 99, 100, 999, 1000, 9999, 10000, 99999, 100000, 12345678,
        4294967295, 4294967296, 999999999999999999, 1000000000000000000, INT64_MAX,
        INT64_MIN, INT64_MIN + 1,
    };
    uint64_t state = 42;
    for (size_t i = 0; i < sizeof values / sizeof values[0] + 10000; i++) {
        int64_t v = i < sizeof values / sizeof values[0] ? values[i]
                                                          : (int64_t)next_random(&state) >>
                                                                (next_random(&state) % 64);
        char expect[64];
        tp_strbuf sb = TP_STRBUF_INIT;
        tp_strbuf_add_int(&sb, v);
        snprintf(expect, sizeof expect, "%" PRId64, v);
        if (strcmp(sb.buf, expect) != 0)
            ck_abort_msg("%s printed as %s", expect, sb.buf);
        tp_strbuf_reset(&sb);
        tp_strbuf_add_uint(&sb, (uint64_t)v);
        snprintf(expect, sizeof expect, "%" PRIu64, (uint64_t)v);
        if (strcmp(sb.buf, expect) != 0)
            ck_abort_msg("%s printed as %s", expect, sb.buf);
        tp_strbuf_release(&sb);
    }
}
END_TEST

/* ---- strings ----------------------------------------------------------------- */

static const struct {
    const char *in;
    size_t len;
    const char *expect;
} escape_cases[] = {
    { "plain", 5, "\"plain\"" },
    { "a\"b\\c", 5, "\"a\\\"b\\\\c\"" },
    { "\n\r\t\b\f", 5, "\"\\n\\r\\t\\b\\f\"" },
    { "\x01\x1f\x7f", 3, "\"\\u0001\\u001f\x7f\"" },
    { "nul\0x", 5, "\"nul\\u0000x\"" },
    { "é—😀/", 10, "\"é—😀/\"" },
    { "bad\xff\xc3", 5, "\"bad\xEF\xBF\xBD\xEF\xBF\xBD\"" },
    { "\xe2\x80\xa8", 3, "\"\xe2\x80\xa8\"" },
    { "", 0, "\"\"" },
};

START_TEST(test_escape)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    tp_strbuf_add_json_string(&sb, escape_cases[_i].in, escape_cases[_i].len);
    ck_assert_str_eq(sb.buf, escape_cases[_i].expect);
    assert_valid_json(sb.buf);
    tp_strbuf_release(&sb);
}
END_TEST

/* The escaping rules one byte at a time, to check the word-at-a-time scan
 * against. */
static void escape_bytewise(tp_strbuf *sb, const char *s, size_t len)
{
    const unsigned char *p = (const unsigned char *)s;
    tp_strbuf_addch(sb, '"');
    for (size_t i = 0; i < len;) {
        unsigned char c = p[i];
        if (c >= 0x80) {
            /* Well-formed UTF-8 as it is, anything else one U+FFFD a byte. */
            size_t n = 0;
            if (c >= 0xC2 && c <= 0xDF)
                n = 2;
            else if (c >= 0xE0 && c <= 0xEF)
                n = 3;
            else if (c >= 0xF0 && c <= 0xF4)
                n = 4;
            bool ok = n && i + n <= len;
            for (size_t k = 1; ok && k < n; k++)
                ok = (p[i + k] & 0xC0) == 0x80;
            if (ok && n == 3)
                ok = !(c == 0xE0 && p[i + 1] < 0xA0) && !(c == 0xED && p[i + 1] > 0x9F);
            if (ok && n == 4)
                ok = !(c == 0xF0 && p[i + 1] < 0x90) && !(c == 0xF4 && p[i + 1] > 0x8F);
            if (ok) {
                tp_strbuf_add(sb, p + i, n);
                i += n;
            } else {
                tp_strbuf_add(sb, "\xEF\xBF\xBD", 3);
                i++;
            }
            continue;
        }
        if (c == '"' || c == '\\')
            tp_strbuf_addf(sb, "\\%c", c);
        else if (c == '\n')
            tp_strbuf_addstr(sb, "\\n");
        else if (c == '\r')
            tp_strbuf_addstr(sb, "\\r");
        else if (c == '\t')
            tp_strbuf_addstr(sb, "\\t");
        else if (c == '\b')
            tp_strbuf_addstr(sb, "\\b");
        else if (c == '\f')
            tp_strbuf_addstr(sb, "\\f");
        else if (c < 0x20)
            tp_strbuf_addf(sb, "\\u%04x", c);
        else
            tp_strbuf_addch(sb, (char)c);
        i++;
    }
    tp_strbuf_addch(sb, '"');
}

static void assert_escape_as_bytewise(const char *s, size_t len)
{
    tp_strbuf got = TP_STRBUF_INIT, expect = TP_STRBUF_INIT;
    tp_strbuf_add_json_string(&got, s, len);
    escape_bytewise(&expect, s, len);
    if (got.len != expect.len || memcmp(got.buf, expect.buf, got.len) != 0 ||
        strlen(got.buf) != got.len)
        ck_abort_msg("escaped %s, expected %s", got.buf, expect.buf);
    tp_strbuf_release(&got);
    tp_strbuf_release(&expect);
}

/* Every special byte at every offset of strings up to 24 bytes long, so that
 * it falls at each position of the 8-byte words and in the tail; then random
 * strings mixing plain text, escapes, UTF-8 and broken UTF-8, appended to a
 * buffer of every small fill so that growing happens at every point. */
START_TEST(test_escape_every_position)
{
    static const char *const specials[] = {
        "\"", "\\", "\n", "\x01", "\x1f", "\x7f", "\xc3\xa9", "\xe2\x80\x94", "\xf0\x9f\x98\x80",
        "\xff", "\xc3", "\xe2\x80", "\xed\xa0\x80", "\0",
    };
    char s[64];
    for (size_t k = 0; k < sizeof specials / sizeof specials[0]; k++) {
        size_t slen = k == sizeof specials / sizeof specials[0] - 1 ? 1 : strlen(specials[k]);
        for (size_t len = 0; len <= 24; len++) {
            for (size_t at = 0; at + slen <= len; at++) {
                memset(s, 'a', len);
                memcpy(s + at, specials[k], slen);
                assert_escape_as_bytewise(s, len);
            }
        }
    }
    uint64_t state = 7;
    static const char alphabet[] = "ab \"\\\n\t\x01\x1f\xc3\xa9\xe2\x80\x94\xf0\x9f\x98\x80\xff";
    for (int r = 0; r < 20000; r++) {
        size_t len = next_random(&state) % 48;
        for (size_t i = 0; i < len; i++)
            s[i] = alphabet[next_random(&state) % (sizeof alphabet - 1)];
        assert_escape_as_bytewise(s, len);
        tp_strbuf sb = TP_STRBUF_INIT, expect = TP_STRBUF_INIT;
        size_t fill = next_random(&state) % 130;
        for (size_t i = 0; i < fill; i++) {
            tp_strbuf_addch(&sb, 'x');
            tp_strbuf_addch(&expect, 'x');
        }
        tp_strbuf_add_json_string(&sb, s, len);
        escape_bytewise(&expect, s, len);
        if (sb.len != expect.len || memcmp(sb.buf, expect.buf, sb.len) != 0)
            ck_abort_msg("escaped after %zu bytes: %s, expected %s", fill, sb.buf, expect.buf);
        tp_strbuf_release(&sb);
        tp_strbuf_release(&expect);
    }
}
END_TEST

/* Member names: the short plain ones are copied while scanned, anything else
 * must come out as tp_strbuf_add_json_string would write it. */
START_TEST(test_keys_as_strings)
{
    char long_key[101];
    memset(long_key, 'k', sizeof long_key - 1);
    long_key[sizeof long_key - 1] = '\0';
    const char *keys[] = { "", "a", "compound", "speaker_mention", "quo\"te", "back\\slash",
                           "tab\there", "\x01", "é", "bad\xff", long_key + 53, long_key + 52,
                           long_key + 51, long_key + 50, long_key };
    for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
        for (size_t fill = 0; fill < 70; fill += 23) {
            tp_strbuf got = TP_STRBUF_INIT, expect = TP_STRBUF_INIT;
            for (size_t i = 0; i < fill; i++) {
                tp_strbuf_addch(&got, '{');
                tp_strbuf_addch(&expect, '{');
            }
            tp_strbuf_add_json_key(&got, keys[k]);
            tp_strbuf_add_json_string(&expect, keys[k], strlen(keys[k]));
            tp_strbuf_addch(&expect, ':');
            ck_assert_str_eq(got.buf, expect.buf);
            ck_assert_uint_eq(got.len, expect.len);
            tp_strbuf_release(&got);
            tp_strbuf_release(&expect);
        }
    }
}
END_TEST

/* Member names of objects come from the key's JSON made once when the key
 * was first set, copied in blocks: each must read as
 * tp_strbuf_add_json_string writes it, first member or not, at any offset. */
START_TEST(test_object_member_names)
{
    char long_key[101];
    memset(long_key, 'k', sizeof long_key - 1);
    long_key[sizeof long_key - 1] = '\0';
    const char *keys[] = { "", "a", "compound", "speaker_mention", "quo\"te", "back\\slash",
                           "tab\there", "\x01", "é", "bad\xff", long_key + 86, long_key + 85,
                           long_key + 84, long_key + 83, long_key + 53, long_key };
    size_t nkeys = sizeof keys / sizeof keys[0];
    tp_doc *doc = make_doc("d", "");
    for (size_t first = 0; first < nkeys; first++) {
        tp_value *obj = tp_value_object(doc);
        tp_strbuf expect = TP_STRBUF_INIT;
        tp_strbuf_addch(&expect, '{');
        for (size_t k = 0; k < nkeys; k++) {
            size_t key = (first + k) % nkeys;
            ck_assert_int_eq(tp_object_set(doc, obj, keys[key], tp_value_int(doc, (int64_t)k)), 0);
            if (k)
                tp_strbuf_addch(&expect, ',');
            tp_strbuf_add_json_string(&expect, keys[key], strlen(keys[key]));
            tp_strbuf_addf(&expect, ":%zu", k);
        }
        tp_strbuf_addch(&expect, '}');
        for (size_t fill = 0; fill < 20; fill += 7) {
            tp_strbuf got = TP_STRBUF_INIT;
            for (size_t i = 0; i < fill; i++)
                tp_strbuf_addch(&got, '{');
            tp_output_json_value(&got, obj);
            ck_assert_str_eq(got.buf + fill, expect.buf);
            ck_assert_uint_eq(got.len, fill + expect.len);
            tp_strbuf_release(&got);
        }
        tp_strbuf_release(&expect);
    }
    tp_doc_free(doc);
}
END_TEST

START_TEST(test_strbuf_basics)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    ck_assert_str_eq(sb.buf, "");
    for (int i = 0; i < 1000; i++)
        tp_strbuf_addf(&sb, "%d,", i);
    ck_assert_uint_eq(sb.len, strlen(sb.buf));
    ck_assert(strncmp(sb.buf, "0,1,2,", 6) == 0);
    ck_assert(strstr(sb.buf, "998,999,") != NULL);
    tp_strbuf_setlen(&sb, 2);
    ck_assert_str_eq(sb.buf, "0,");
    char long_arg[300];
    memset(long_arg, 'x', sizeof long_arg - 1);
    long_arg[sizeof long_arg - 1] = '\0';
    tp_strbuf_addf(&sb, "[%s]", long_arg);
    ck_assert_uint_eq(sb.len, 2 + 2 + 299);
    size_t len = 0;
    char *s = tp_strbuf_detach(&sb, &len);
    ck_assert_uint_eq(len, 303);
    ck_assert_str_eq(sb.buf, "");
    free(s);
    tp_strbuf_release(&sb);
}
END_TEST

/* ---- JSON records ------------------------------------------------------------ */

START_TEST(test_minimal_record)
{
    tp_doc *doc = make_doc("d1", "Hi \"there\".");
    char *out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_str_eq(out, "{\"id\":\"d1\",\"meta\":{},"
                          "\"stats\":{\"bytes\":11,\"tokens\":0,\"sentences\":0,\"paragraphs\":0},"
                          "\"spans\":{},\"results\":{},\"warnings\":[],\"errors\":[]}\n");
    free(out);
    /* The json format is the same record; the runner adds the brackets. */
    out = render(doc, TP_FORMAT_JSON, false, 0);
    ck_assert(out[strlen(out) - 1] == '\n');
    assert_valid_json(out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

/* "Title\nHe said “fine”." with tokens, sentences, a quote and results. */
static tp_doc *news_doc(void)
{
    const char *text = "Title\nHe said \xe2\x80\x9c" "fine\xe2\x80\x9d.";
    tp_doc *doc = make_doc("seed/1", text);
    add_token(doc, 0, 5, TP_TOK_WORD);
    add_token(doc, 6, 8, TP_TOK_WORD);
    add_token(doc, 9, 13, TP_TOK_WORD);
    add_token(doc, 14, 17, TP_TOK_QUOTE);
    add_token(doc, 17, 21, TP_TOK_WORD);
    add_token(doc, 21, 24, TP_TOK_QUOTE);
    add_token(doc, 24, 25, TP_TOK_PUNCT);
    add_sentence(doc, 0, 5, 0, 1, 0, TP_SENTF_HEADING | TP_SENTF_TITLE);
    add_sentence(doc, 6, 25, 1, 7, 1, 0);
    add_paragraph(doc, 0, 5);
    add_paragraph(doc, 6, 25);
    size_t idx = 99;
    ck_assert_int_eq(tp_doc_add_span(doc, "quote", 17, 21, &idx), 0);
    ck_assert_uint_eq(idx, 0);
    /* Set text last: the record still prints it first. */
    tp_doc_set_span_attr(doc, "quote", 0, "speaker", tp_value_string(doc, "He"));
    tp_doc_set_span_attr(doc, "quote", 0, "cue", tp_value_string(doc, "said"));
    tp_doc_set_span_attr(doc, "quote", 0, "speaker_mention", tp_value_null(doc));
    tp_doc_set_span_attr(doc, "quote", 0, "sentiment", tp_value_number(doc, 0.2023));
    tp_doc_set_span_attr(doc, "quote", 0, "text", tp_value_string(doc, "fine"));
    tp_value *sent = tp_value_object(doc);
    tp_object_set(doc, sent, "compound", tp_value_number(doc, -0.12));
    tp_object_set(doc, sent, "label", tp_value_string(doc, "negative"));
    ck_assert_int_eq(tp_doc_set_result(doc, "sentiment", sent), 0);
    tp_value *sum = tp_value_object(doc);
    tp_value *idxs = tp_value_array(doc);
    tp_array_push(doc, idxs, tp_value_int(doc, 1));
    tp_object_set(doc, sum, "sentences", idxs);
    tp_object_set(doc, sum, "text", tp_value_string(doc, "He said “fine”."));
    ck_assert_int_eq(tp_doc_set_result(doc, "summary", sum), 0);
    tp_value *meta = tp_doc_meta_object(doc);
    tp_object_set(doc, meta, "source", tp_value_string(doc, "AFP"));
    tp_object_set(doc, meta, "ref", tp_value_span(doc, "quote", 0));
    tp_doc_warn(doc, "a \"warning\"");
    return doc;
}

START_TEST(test_full_record)
{
    tp_doc *doc = news_doc();
    char *out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_str_eq(
        out,
        "{\"id\":\"seed/1\","
        "\"meta\":{\"source\":\"AFP\",\"ref\":{\"layer\":\"quote\",\"index\":0}},"
        "\"stats\":{\"bytes\":25,\"tokens\":7,\"sentences\":2,\"paragraphs\":2},"
        "\"spans\":{\"quote\":[{\"start\":17,\"end\":21,\"text\":\"fine\",\"speaker\":\"He\","
        "\"cue\":\"said\",\"speaker_mention\":null,\"sentiment\":0.2023}]},"
        "\"results\":{\"sentiment\":{\"compound\":-0.12,\"label\":\"negative\"},"
        "\"summary\":{\"sentences\":[1],\"text\":\"He said “fine”.\"}},"
        "\"warnings\":[\"a \\\"warning\\\"\"],\"errors\":[]}\n");
    assert_valid_json(out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

/* Span attributes made from a shape print in the shape's order, "text"
 * first as always, then attributes set later in the order set; a
 * replaced attribute keeps its place. */
START_TEST(test_shaped_span_attribute_order)
{
    static const char *const keys[] = {"speaker", "text", "kind"};
    tp_shape *shape;
    ck_assert_int_eq(tp_shape_new(keys, 3, &shape), 0);
    tp_doc *doc = make_doc("s", "He said hi.");
    tp_value *vals[] = {tp_value_string(doc, "He"), tp_value_string(doc, "hi"),
                        tp_value_string(doc, "speech")};
    tp_span span = {8, 10, tp_value_object_shaped(doc, shape, vals)};
    ck_assert_int_eq(tp_doc_add_spans(doc, "quote", &span, 1, NULL), 0);
    ck_assert_int_eq(tp_doc_set_span_attr(doc, "quote", 0, "unclosed", tp_value_bool(doc, true)),
                     0);
    ck_assert_int_eq(tp_doc_set_span_attr(doc, "quote", 0, "speaker", tp_value_null(doc)), 0);
    const int64_t range[] = {8, 10};
    tp_value *result[] = {tp_value_int(doc, 1), tp_value_null(doc),
                          tp_value_array_of_ints(doc, range, 2)};
    ck_assert_int_eq(tp_doc_set_result(doc, "quotes", tp_value_object_shaped(doc, shape, result)),
                     0);
    char *out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_str_eq(out, "{\"id\":\"s\",\"meta\":{},"
                          "\"stats\":{\"bytes\":11,\"tokens\":0,\"sentences\":0,\"paragraphs\":0},"
                          "\"spans\":{\"quote\":[{\"start\":8,\"end\":10,\"text\":\"hi\","
                          "\"speaker\":null,\"kind\":\"speech\",\"unclosed\":true}]},"
                          "\"results\":{\"quotes\":{\"speaker\":1,\"text\":null,\"kind\":[8,10]}},"
                          "\"warnings\":[],\"errors\":[]}\n");
    assert_valid_json(out);
    free(out);
    tp_doc_free(doc);
    tp_shape_free(shape);
}
END_TEST

START_TEST(test_emit_sentences_and_tokens)
{
    tp_doc *doc = news_doc();
    tp_doc_request_emit(doc, TP_EMIT_SENTENCES);
    char *out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"paragraphs\":2},\"sentences\":["
                                      "{\"start\":0,\"end\":5,\"text\":\"Title\",\"heading\":true},"
                                      "{\"start\":6,\"end\":25,\"text\":\"He said “fine”.\","
                                      "\"heading\":false}],\"spans\":"));
    ck_assert_ptr_null(strstr(out, "\"tokens\":["));
    free(out);
    tp_doc_request_emit(doc, TP_EMIT_TOKENS);
    out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_ptr_nonnull(strstr(out, "\"heading\":false}],\"tokens\":["
                                      "{\"start\":0,\"end\":5,\"kind\":\"word\","
                                      "\"text\":\"Title\"},"));
    ck_assert_ptr_nonnull(
        strstr(out, "{\"start\":14,\"end\":17,\"kind\":\"quote\",\"text\":\"“\"},"));
    ck_assert_ptr_nonnull(strstr(out, "{\"start\":24,\"end\":25,\"kind\":\"punct\","
                                      "\"text\":\".\"}],\"spans\":"));
    assert_valid_json(out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

START_TEST(test_failed_record)
{
    tp_doc *doc = make_doc("in.jsonl:7", "text");
    tp_object_set(doc, tp_doc_meta_object(doc), "k", tp_value_bool(doc, true));
    tp_doc_warn(doc, "w1");
    ck_assert_int_eq(tp_doc_fail(doc, "quotes", "it broke\n(badly)", 7), 0);
    char *out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_str_eq(out, "{\"id\":\"in.jsonl:7\",\"failed\":true,\"meta\":{\"k\":true},"
                          "\"errors\":[{\"step\":\"quotes\",\"message\":\"it broke\\n(badly)\","
                          "\"input_line\":7}],\"warnings\":[\"w1\"]}\n");
    free(out);
    tp_doc_free(doc);

    doc = make_doc("a.txt", "");
    tp_doc_fail(doc, NULL, "cannot open: Permission denied", 0);
    out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_str_eq(out, "{\"id\":\"a.txt\",\"failed\":true,\"meta\":{},"
                          "\"errors\":[{\"step\":null,"
                          "\"message\":\"cannot open: Permission denied\","
                          "\"input_line\":null}],\"warnings\":[]}\n");
    free(out);
    tp_doc_free(doc);
}
END_TEST

START_TEST(test_escaped_id_and_layers_in_order)
{
    tp_doc *doc = make_doc("we\"ird\tid", "abcdef");
    tp_doc_add_span(doc, "zeta", 0, 1, NULL);
    tp_doc_add_span(doc, "alpha", 2, 3, NULL);
    tp_doc_add_span(doc, "zeta", 4, 6, NULL);
    char *out = render(doc, TP_FORMAT_JSONL, false, 0);
    ck_assert_ptr_nonnull(strstr(out, "{\"id\":\"we\\\"ird\\tid\","));
    ck_assert_ptr_nonnull(strstr(out, "\"spans\":{\"zeta\":[{\"start\":0,\"end\":1},"
                                      "{\"start\":4,\"end\":6}],"
                                      "\"alpha\":[{\"start\":2,\"end\":3}]}"));
    assert_valid_json(out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

START_TEST(test_render_arguments)
{
    tp_doc *doc = make_doc("x", "y");
    char *out = NULL;
    size_t len = 0;
    ck_assert_int_eq(tp_doc_render(doc, NULL, &out, &len), 0); /* jsonl by default */
    ck_assert(out[0] == '{' && out[len - 1] == '\n');
    free(out);
    ck_assert_int_eq(tp_doc_render(NULL, NULL, &out, &len), TP_EINVAL);
    tp_format_options bad = { (tp_format)42, false, 0 };
    ck_assert_int_eq(tp_doc_render(doc, &bad, &out, &len), TP_EINVAL);
    ck_assert_ptr_null(out);
    tp_doc_free(doc);
}
END_TEST

/* ---- wrapping ------------------------------------------------------------------ */

static const struct {
    const char *in;
    size_t width;
    const char *first, *rest;
    const char *expect;
} wrap_cases[] = {
    { "aaa bbb ccc", 7, "", "", "aaa bbb\nccc" },
    { "  aaa   bbb\n\nccc  ", 20, "", "", "aaa bbb ccc" },
    /* 7 columns but 14 bytes: counts columns, not bytes. */
    { "ééé ààà", 7, "", "", "ééé ààà" },
    { "ééé ààà b", 8, "", "", "ééé ààà\nb" },
    /* Wide characters take two columns each. */
    { "日本語 日本語", 10, "", "", "日本語\n日本語" },
    { "日本語 日本語", 13, "", "", "日本語 日本語" },
    /* Combining marks take none. */
    { "e\xcc\x81" "e\xcc\x81" "e\xcc\x81 xyz", 7, "", "", "e\xcc\x81" "e\xcc\x81" "e\xcc\x81 xyz" },
    { "abcdefghijklmnopqrstuvwxyz", 10, "", "", "abcdefghij\nklmnopqrst\nuvwxyz" },
    { "one two three four", 12, "  ", "  ", "  one two\n  three four" },
    { "one two three four five", 15, "  - ", "    ", "  - one two\n    three four\n    five" },
    /* Control characters never reach the terminal. */
    { "a\x1b[31mb", 20, "", "", "a [31mb" },
    { "", 10, "> ", "  ", "> " },
    /* A wide word is broken between characters, never inside one. */
    { "日本語日本語日本語", 9, "", "", "日本語日\n本語日本\n語" },
    { "ab 日本語日本語", 9, "", "", "ab\n日本語日\n本語" },
    /* Below 8 columns of room the width grows to 8. */
    { "abcdefghijk", 3, "", "", "abcdefgh\nijk" },
    /* An indent that leaves no room still leaves room for 8 columns. */
    { "abcdefghij klm", 4, "      ", "      ", "      abcdefgh\n      ij klm" },
    /* Tabs and no-break spaces: a tab separates, U+00A0 keeps together. */
    { "aaa\tbbb ccc\xc2\xa0" "ddd", 10, "", "", "aaa bbb\nccc\xc2\xa0" "ddd" },
};

START_TEST(test_wrap)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    tp_text_wrap(&sb, wrap_cases[_i].in, strlen(wrap_cases[_i].in), wrap_cases[_i].width,
                 wrap_cases[_i].first, wrap_cases[_i].rest, 0);
    ck_assert_str_eq(sb.buf, wrap_cases[_i].expect);
    tp_strbuf_release(&sb);
}
END_TEST

START_TEST(test_width_and_shorten)
{
    ck_assert_uint_eq(tp_text_width("abc", 3), 3);
    ck_assert_uint_eq(tp_text_width("é", 2), 1);
    ck_assert_uint_eq(tp_text_width("日本", 6), 4);
    ck_assert_uint_eq(tp_text_width("e\xcc\x81", 3), 1);
    ck_assert_uint_eq(tp_text_width("\xff", 1), 1);
    ck_assert_uint_eq(tp_text_chars("日本é", 8), 3);

    const char *s = "one two three four";
    ck_assert_uint_eq(tp_text_shorten(s, strlen(s), 100), strlen(s));
    ck_assert_uint_eq(tp_text_shorten(s, strlen(s), 15), strlen("one two three"));
    ck_assert_uint_eq(tp_text_shorten(s, strlen(s), 13), strlen("one two three"));
    /* Never cuts inside a multibyte character. */
    const char *m = "ééééé";
    ck_assert_uint_eq(tp_text_shorten(m, strlen(m), 3), 6);
}
END_TEST

/* Every line of `s` is at most `width` columns (escapes excluded). */
static void assert_lines_fit(const char *s, size_t width)
{
    const char *line = s;
    while (*line) {
        const char *nl = strchr(line, '\n');
        size_t len = nl ? (size_t)(nl - line) : strlen(line);
        ck_assert_msg(tp_text_width(line, len) <= width, "line too wide (%zu > %zu): %.*s",
                      tp_text_width(line, len), width, (int)len, line);
        if (!nl)
            break;
        line = nl + 1;
    }
}

/* ---- text reports ------------------------------------------------------------- */

START_TEST(test_text_report)
{
    tp_doc *doc = news_doc();
    char *out = render(doc, TP_FORMAT_TEXT, false, 40);
    ck_assert_ptr_null(strchr(out, '\x1b'));
    const char *head = "Title\nid: seed/1\n25 bytes, 7 tokens, 2 sentences, 2\nparagraphs\n";
    ck_assert_msg(strncmp(out, head, strlen(head)) == 0, "got:\n%s", out);
    ck_assert_ptr_nonnull(strstr(out, "\nSummary\n  He said “fine”.\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nSentiment  -0.12 negative\n  ░░░░░░░░░█│░░░░░░░░░░\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nQuotes (1)\n  He: 1 quote\n    “fine” +0.20\n"));
    ck_assert_ptr_nonnull(strstr(out, "\nWarnings\n  - a \"warning\"\n"));
    ck_assert(out[strlen(out) - 1] == '\n' && out[strlen(out) - 2] == '\n');
    assert_lines_fit(out, 40);
    free(out);

    out = render(doc, TP_FORMAT_TEXT, true, 40);
    ck_assert_ptr_nonnull(strstr(out, "\x1b[1mTitle\x1b[0m"));
    ck_assert_ptr_nonnull(strstr(out, "\x1b[31m-0.12\x1b[0m"));
    free(out);
    tp_doc_free(doc);
}
END_TEST

static const struct {
    double compound;
    const char *bar;
} bar_cases[] = {
    { 0.0, "░░░░░░░░░░│░░░░░░░░░░" },
    { -0.5, "░░░░░█████│░░░░░░░░░░" },
    { 0.25, "░░░░░░░░░░│██▌░░░░░░░" },
    { 1.0, "░░░░░░░░░░│██████████" },
    { -3.0, "██████████│░░░░░░░░░░" },
    { -0.05, "░░░░░░░░░▐│░░░░░░░░░░" },
};

START_TEST(test_bars)
{
    tp_doc *doc = make_doc("b", "text");
    add_sentiment_result(doc, bar_cases[_i].compound, "neutral");
    char *out = render(doc, TP_FORMAT_TEXT, false, 80);
    char expect[256];
    snprintf(expect, sizeof expect, "neutral  %s\n", bar_cases[_i].bar);
    ck_assert_msg(strstr(out, expect) != NULL, "no '%s' in:\n%s", expect, out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

START_TEST(test_text_wraps_multibyte_summary)
{
    tp_doc *doc = make_doc("w", "x");
    tp_value *sum = tp_value_object(doc);
    tp_object_set(doc, sum, "text",
                  tp_value_string(doc, "Ça été très différent à Hanoï: les négociations "
                                       "entre Kim Jong Un et Trump ont échoué, "
                                       "日本語のテキストも含まれています。 Fin."));
    tp_doc_set_result(doc, "summary", sum);
    for (int width = 20; width <= 60; width += 7) {
        char *out = render(doc, TP_FORMAT_TEXT, false, width);
        assert_lines_fit(out, (size_t)width);
        ck_assert_ptr_nonnull(strstr(out, "  Ça été très"));
        free(out);
    }
    tp_doc_free(doc);
}
END_TEST

START_TEST(test_text_quotes_grouped)
{
    const char *text = "aaaa bbbb cccc dddd eeee ffff";
    tp_doc *doc = make_doc("q", text);
    const char *speakers[] = { "Kim", NULL, "Trump", "Trump", "Kim", "Trump" };
    for (size_t i = 0; i < 6; i++) {
        uint32_t start = (uint32_t)(i * 5);
        tp_doc_add_span(doc, "quote", start, start + 4, NULL);
        tp_doc_set_span_attr(doc, "quote", i, "speaker",
                             speakers[i] ? tp_value_string(doc, speakers[i]) : tp_value_null(doc));
        if (i == 2)
            tp_doc_set_span_attr(doc, "quote", i, "sentiment", tp_value_number(doc, 0.5));
    }
    tp_value *sent = tp_value_object(doc);
    tp_object_set(doc, sent, "compound", tp_value_number(doc, 0.3));
    tp_object_set(doc, sent, "label", tp_value_string(doc, "positive"));
    tp_value *sp = tp_value_array(doc);
    tp_value *one = tp_value_object(doc);
    tp_object_set(doc, one, "name", tp_value_string(doc, "Trump"));
    tp_object_set(doc, one, "sentiment", tp_value_number(doc, -0.25));
    tp_array_push(doc, sp, one);
    tp_object_set(doc, sent, "speakers", sp);
    tp_doc_set_result(doc, "sentiment", sent);

    char *out = render(doc, TP_FORMAT_TEXT, false, 80);
    ck_assert_ptr_nonnull(strstr(out, "Quotes (6)\n"
                                      "  Trump: 3 quotes, sentiment -0.25\n"
                                      "    “cccc” +0.50\n"
                                      "    “dddd”\n"
                                      "    “ffff”\n"
                                      "  Kim: 2 quotes\n"
                                      "    “aaaa”\n"
                                      "    “eeee”\n"
                                      "  Unattributed: 1 quote\n"
                                      "    “bbbb”\n"));
    ck_assert_ptr_nonnull(strstr(out, "Sentiment  +0.30 positive"));
    free(out);
    out = render(doc, TP_FORMAT_TEXT, true, 80);
    ck_assert_ptr_nonnull(strstr(out, "\x1b[32m+0.50\x1b[0m"));
    ck_assert_ptr_nonnull(strstr(out, "\x1b[31m-0.25\x1b[0m"));
    free(out);
    tp_doc_free(doc);
}
END_TEST

START_TEST(test_text_long_quote_shortened)
{
    tp_strbuf sb = TP_STRBUF_INIT;
    for (int i = 0; i < 60; i++)
        tp_strbuf_addstr(&sb, "wörd ");
    tp_doc *doc = make_doc("l", sb.buf);
    tp_doc_add_span(doc, "quote", 0, (uint32_t)sb.len - 1, NULL);
    char *out = render(doc, TP_FORMAT_TEXT, false, 50);
    ck_assert_ptr_nonnull(strstr(out, "wörd…”\n"));
    ck_assert_ptr_nonnull(strstr(out, "  Unattributed: 1 quote\n    “wörd wörd"));
    ck_assert_ptr_nonnull(strstr(out, "\n     wörd")); /* continuation lines align */
    assert_lines_fit(out, 50);
    /* 160 characters at most, plus the marks. */
    const char *q = strstr(out, "“");
    const char *e = strstr(out, "”");
    size_t chars = 0;
    for (const char *p = q; p < e; p++)
        chars += ((unsigned char)*p & 0xC0) != 0x80 && *p != '\n' && *p != ' ';
    ck_assert_uint_le(chars, 160);
    free(out);
    tp_doc_free(doc);
    tp_strbuf_release(&sb);
}
END_TEST

START_TEST(test_text_tokens_only_and_failed)
{
    tp_doc *doc = make_doc("plain.txt", "Just text");
    add_token(doc, 0, 4, TP_TOK_WORD);
    add_token(doc, 5, 9, TP_TOK_WORD);
    add_sentence(doc, 0, 9, 0, 2, 0, 0);
    add_paragraph(doc, 0, 9);
    char *out = render(doc, TP_FORMAT_TEXT, false, 0);
    ck_assert_str_eq(out, "plain.txt\n9 bytes, 2 tokens, 1 sentence, 1 paragraph\n\n");
    free(out);
    tp_doc_free(doc);

    doc = make_doc("bad.jsonl:3", "");
    tp_doc_fail(doc, NULL, "line 3: not valid JSON", 3);
    out = render(doc, TP_FORMAT_TEXT, false, 0);
    ck_assert_str_eq(out, "bad.jsonl:3\nFAILED\n\nErrors\n  - line 3: not valid JSON "
                          "(input line 3)\n\n");
    free(out);
    out = render(doc, TP_FORMAT_TEXT, true, 0);
    ck_assert_ptr_nonnull(strstr(out, "\x1b[31mFAILED\x1b[0m"));
    free(out);
    tp_doc_free(doc);

    doc = make_doc("x", "y");
    tp_doc_fail(doc, "sentiment", "lexicon missing", 0);
    out = render(doc, TP_FORMAT_TEXT, false, 0);
    ck_assert_ptr_nonnull(strstr(out, "  - step 'sentiment': lexicon missing\n"));
    free(out);
    tp_doc_free(doc);
}
END_TEST

/* ---- text layout: widths, narrow terminals, colour ----------------------- */

/* `s` without its ANSI colour escapes (ESC [ digits/semicolons m). */
static char *strip_ansi(const char *s)
{
    char *out = malloc(strlen(s) + 1);
    ck_assert_ptr_nonnull(out);
    size_t j = 0;
    for (size_t i = 0; s[i];) {
        if (s[i] == '\x1b' && s[i + 1] == '[') {
            size_t k = i + 2;
            while (s[k] && (s[k] == ';' || (s[k] >= '0' && s[k] <= '9')))
                k++;
            ck_assert_msg(s[k] == 'm', "not a colour escape at %zu", i);
            i = k + 1;
            continue;
        }
        out[j++] = s[i++];
    }
    out[j] = '\0';
    return out;
}

/* A document with long speaker names, a long title and a warning. */
static tp_doc *speakers_doc(void)
{
    const char *text = "A rather long headline about the summit in Hanoi and its end\n"
                       "one two three four five six seven eight";
    tp_doc *doc = make_doc("examples/articles/some-long-file-name-for-wrapping.txt", text);
    add_sentence(doc, 0, 60, 0, 0, 0, TP_SENTF_HEADING | TP_SENTF_TITLE);
    const char *names[] = { "Maximilian Alexander von Habsburg-Lothringen", "Kim", NULL };
    for (size_t i = 0; i < 3; i++) {
        uint32_t start = 61 + (uint32_t)i * 8;
        tp_doc_add_span(doc, "quote", start, start + 3, NULL);
        tp_doc_set_span_attr(doc, "quote", i, "speaker",
                             names[i] ? tp_value_string(doc, names[i]) : tp_value_null(doc));
        tp_doc_set_span_attr(doc, "quote", i, "sentiment", tp_value_number(doc, -0.4 + 0.4 * i));
    }
    tp_value *sent = tp_value_object(doc);
    tp_object_set(doc, sent, "compound", tp_value_number(doc, -0.61));
    tp_object_set(doc, sent, "label", tp_value_string(doc, "negative"));
    tp_value *sp = tp_value_array(doc);
    for (size_t i = 0; i < 2; i++) {
        tp_value *one = tp_value_object(doc);
        tp_object_set(doc, one, "name", tp_value_string(doc, names[i]));
        tp_object_set(doc, one, "sentiment", tp_value_number(doc, -0.4 + 0.4 * i));
        tp_array_push(doc, sp, one);
    }
    tp_object_set(doc, sent, "speakers", sp);
    tp_doc_set_result(doc, "sentiment", sent);
    tp_value *sum = tp_value_object(doc);
    tp_object_set(doc, sum, "text", tp_value_string(doc, "one two three four five six seven"));
    tp_doc_set_result(doc, "summary", sum);
    tp_doc_warn(doc, "input is not valid UTF-8: 3 bytes replaced with U+FFFD");
    return doc;
}

/* Every width a terminal may have: no line is wider, nothing is lost. */
START_TEST(test_text_fits_every_width)
{
    tp_doc *docs[] = { news_doc(), speakers_doc() };
    for (size_t d = 0; d < 2; d++) {
        for (int width = 20; width <= 120; width++) {
            char *out = render(docs[d], TP_FORMAT_TEXT, false, width);
            assert_lines_fit(out, (size_t)width);
            ck_assert_ptr_nonnull(strstr(out, "Sentiment"));
            ck_assert_ptr_nonnull(strstr(out, "│"));
            free(out);
        }
    }
    char *out = render(docs[1], TP_FORMAT_TEXT, false, 30);
    const char *expect = "  Maximilian Alexander von\n    Habsburg-Lothringen:\n"
                         "    1 quote, sentiment -0.40\n";
    ck_assert_msg(strstr(out, expect) != NULL, "no '%s' in:\n%s", expect, out);
    free(out);
    out = render(docs[1], TP_FORMAT_TEXT, false, 20);
    ck_assert_ptr_nonnull(strstr(out, "  Unattributed:\n    1 quote\n"));
    free(out);
    tp_doc_free(docs[0]);
    tp_doc_free(docs[1]);
}
END_TEST

/* The speaker line breaks between its parts, the continuation indented. */
static const struct {
    int width;
    const char *expect;
} speaker_line_cases[] = {
    { 80, "  Kim: 1 quote, sentiment 0.00\n" },
    /* Room is kept for a signed score, "+0.00". */
    { 31, "  Kim: 1 quote, sentiment 0.00\n" },
    { 30, "  Kim: 1 quote,\n    sentiment 0.00\n" },
    { 20, "  Kim: 1 quote,\n    sentiment 0.00\n" },
};

START_TEST(test_text_speaker_line)
{
    tp_doc *doc = speakers_doc();
    char *out = render(doc, TP_FORMAT_TEXT, false, speaker_line_cases[_i].width);
    ck_assert_msg(strstr(out, speaker_line_cases[_i].expect) != NULL, "width %d, no '%s' in:\n%s",
                  speaker_line_cases[_i].width, speaker_line_cases[_i].expect, out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

/* Score, label and bar share a line when they fit; the bar narrows below
 * 23 columns. */
static const struct {
    int width;
    const char *expect;
} sentiment_line_cases[] = {
    { 80, "\nSentiment  -0.61 negative  ░░░░██████│░░░░░░░░░░\n" },
    { 48, "\nSentiment  -0.61 negative  ░░░░██████│░░░░░░░░░░\n" },
    { 47, "\nSentiment  -0.61 negative\n  ░░░░██████│░░░░░░░░░░\n" },
    { 25, "\nSentiment  -0.61 negative\n  ░░░░██████│░░░░░░░░░░\n" },
    { 24, "\nSentiment\n  -0.61 negative\n  ░░░░██████│░░░░░░░░░░\n" },
    { 21, "\nSentiment\n  -0.61 negative\n  ░░░▐█████│░░░░░░░░░\n" },
    { 20, "\nSentiment\n  -0.61 negative\n  ░░░█████│░░░░░░░░\n" },
};

START_TEST(test_text_sentiment_line)
{
    tp_doc *doc = speakers_doc();
    char *out = render(doc, TP_FORMAT_TEXT, false, sentiment_line_cases[_i].width);
    ck_assert_msg(strstr(out, sentiment_line_cases[_i].expect) != NULL,
                  "width %d, no '%s' in:\n%s", sentiment_line_cases[_i].width,
                  sentiment_line_cases[_i].expect, out);
    free(out);
    tp_doc_free(doc);
}
END_TEST

/* NO_COLOR (colour off) means no escape at all; colour on changes nothing
 * but the escapes, so the layout is the same. */
START_TEST(test_text_color_only_adds_escapes)
{
    tp_doc *docs[] = { news_doc(), speakers_doc(), make_doc("f.txt", "x") };
    tp_doc_fail(docs[2], "quotes", "broken", 0);
    for (size_t d = 0; d < 3; d++) {
        for (int width = 20; width <= 100; width += 40) {
            char *plain = render(docs[d], TP_FORMAT_TEXT, false, width);
            ck_assert_ptr_null(strchr(plain, '\x1b'));
            char *colored = render(docs[d], TP_FORMAT_TEXT, true, width);
            ck_assert_ptr_nonnull(strchr(colored, '\x1b'));
            char *stripped = strip_ansi(colored);
            ck_assert_str_eq(stripped, plain);
            /* Every colour is reset before the record ends. */
            const char *last = NULL;
            for (const char *p = colored; (p = strstr(p, "\x1b[")) != NULL; p++)
                last = p;
            ck_assert(strncmp(last, "\x1b[0m", 4) == 0);
            free(stripped);
            free(colored);
            free(plain);
        }
        tp_doc_free(docs[d]);
    }
}
END_TEST

static Suite *output_suite(void)
{
    Suite *s = suite_create("output");
    TCase *tc = tcase_create("numbers");
    tcase_add_loop_test(tc, test_number_format, 0,
                        (int)(sizeof number_cases / sizeof number_cases[0]));
    tcase_add_test(tc, test_number_not_finite);
    tcase_add_loop_test(tc, test_number_matches_printf_random, 0, 10);
    tcase_add_test(tc, test_number_matches_printf_edges);
    tcase_add_test(tc, test_integers_match_printf);
    tcase_add_test(tc, test_value_numbers_in_record);
    suite_add_tcase(s, tc);

    tc = tcase_create("strings");
    tcase_add_loop_test(tc, test_escape, 0, (int)(sizeof escape_cases / sizeof escape_cases[0]));
    tcase_add_test(tc, test_escape_every_position);
    tcase_add_test(tc, test_keys_as_strings);
    tcase_add_test(tc, test_object_member_names);
    tcase_add_test(tc, test_strbuf_basics);
    suite_add_tcase(s, tc);

    tc = tcase_create("json");
    tcase_add_test(tc, test_minimal_record);
    tcase_add_test(tc, test_full_record);
    tcase_add_test(tc, test_shaped_span_attribute_order);
    tcase_add_test(tc, test_emit_sentences_and_tokens);
    tcase_add_test(tc, test_failed_record);
    tcase_add_test(tc, test_escaped_id_and_layers_in_order);
    tcase_add_test(tc, test_render_arguments);
    suite_add_tcase(s, tc);

    tc = tcase_create("wrap");
    tcase_add_loop_test(tc, test_wrap, 0, (int)(sizeof wrap_cases / sizeof wrap_cases[0]));
    tcase_add_test(tc, test_width_and_shorten);
    suite_add_tcase(s, tc);

    tc = tcase_create("text");
    tcase_add_test(tc, test_text_report);
    tcase_add_loop_test(tc, test_bars, 0, (int)(sizeof bar_cases / sizeof bar_cases[0]));
    tcase_add_test(tc, test_text_wraps_multibyte_summary);
    tcase_add_test(tc, test_text_quotes_grouped);
    tcase_add_test(tc, test_text_long_quote_shortened);
    tcase_add_test(tc, test_text_tokens_only_and_failed);
    suite_add_tcase(s, tc);

    tc = tcase_create("text layout");
    tcase_add_test(tc, test_text_fits_every_width);
    tcase_add_loop_test(tc, test_text_speaker_line, 0,
                        (int)(sizeof speaker_line_cases / sizeof speaker_line_cases[0]));
    tcase_add_loop_test(tc, test_text_sentiment_line, 0,
                        (int)(sizeof sentiment_line_cases / sizeof sentiment_line_cases[0]));
    tcase_add_test(tc, test_text_color_only_adds_escapes);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(output_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
