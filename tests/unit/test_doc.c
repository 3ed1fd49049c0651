/* test_doc.c - the document and its values: UTF-8 repair on input, the
 * structure rules (tokens, sentences, paragraphs), capability checks while a
 * step runs, word keys, spans and attributes, results, value trees and
 * failures. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/tpipe.h>

#include "doc_internal.h"

static tp_doc *doc_with(const char *text)
{
    tp_doc *d = tp_doc_new();
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(tp_doc_reset(d, "doc-1", text, strlen(text)), 0);
    return d;
}

/* ---- UTF-8 repair ------------------------------------------------------- */

#define FFFD "\xEF\xBF\xBD"

static const struct utf8_case {
    const char *name;
    const char *in;
    size_t in_len;
    const char *out;
    size_t replaced;
} utf8_cases[] = {
    {"ascii", "plain text", 10, "plain text", 0},
    {"valid multibyte", "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 14,
     "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80", 0},
    {"overlong 2-byte slash", "a\xC0\xAF" "b", 4, "a" FFFD FFFD "b", 2},
    {"overlong C1", "\xC1\xBF", 2, FFFD FFFD, 2},
    {"overlong 3-byte", "\xE0\x80\xAF", 3, FFFD FFFD FFFD, 3},
    {"overlong 4-byte", "\xF0\x80\x80\xAF", 4, FFFD FFFD FFFD FFFD, 4},
    {"surrogate high", "x\xED\xA0\x80y", 5, "x" FFFD FFFD FFFD "y", 3},
    {"surrogate low", "\xED\xBF\xBF", 3, FFFD FFFD FFFD, 3},
    {"last before surrogates", "\xED\x9F\xBF", 3, "\xED\x9F\xBF", 0},
    {"beyond U+10FFFF", "\xF4\x90\x80\x80", 4, FFFD FFFD FFFD FFFD, 4},
    {"U+10FFFF itself", "\xF4\x8F\xBF\xBF", 4, "\xF4\x8F\xBF\xBF", 0},
    {"F5 lead byte", "\xF5\x80\x80\x80", 4, FFFD FFFD FFFD FFFD, 4},
    {"NUL byte", "a\0b", 3, "a" FFFD "b", 1},
    {"lone continuation", "\x80", 1, FFFD, 1},
    {"FF byte", "ok\xFF", 3, "ok" FFFD, 1},
    {"truncated 3-byte at end", "ab\xE2\x82", 4, "ab" FFFD FFFD, 2},
    {"truncated 3-byte mid-text", "\xE2\x82x", 3, FFFD FFFD "x", 2},
    {"truncated 4-byte at end", "\xF0\x9F\x98", 3, FFFD FFFD FFFD, 3},
    {"truncated 2-byte before ASCII", "\xC3 ", 2, FFFD " ", 1},
    {"empty", "", 0, "", 0},
    /* Longer texts go through the 8-bytes-at-a-time ASCII scan: what stops
     * it at each position of a block must still be found. */
    {"long ascii", "The quick brown fox jumps.", 26, "The quick brown fox jumps.", 0},
    {"NUL ending a block", "abcdefg\0ijklmnop", 16, "abcdefg" FFFD "ijklmnop", 1},
    {"NUL starting a block", "abcdefgh\0jklmnopq", 17, "abcdefgh" FFFD "jklmnopq", 1},
    {"FF in a later block", "abcdefghijklmn\xFFpqrstuvw", 23, "abcdefghijklmn" FFFD "pqrstuvw", 1},
    {"valid pair across blocks", "abcdefg\xC3\xA9hijklmnop", 18, "abcdefg\xC3\xA9hijklmnop", 0},
    {"DEL is ASCII", "abcdefgh\x7Fijklmnop", 17, "abcdefgh\x7Fijklmnop", 0},
};

START_TEST(utf8_repair_table)
{
    const struct utf8_case *c = &utf8_cases[_i];
    tp_doc *d = tp_doc_new();
    ck_assert_ptr_nonnull(d);
    ck_assert_int_eq(tp_doc_reset(d, "u", c->in, c->in_len), 0);
    size_t len;
    const char *text = tp_doc_text(d, &len);
    size_t want_len = strlen(c->out);
    ck_assert_msg(len == want_len && memcmp(text, c->out, len) == 0, "%s: wrong repair",
                  c->name);
    ck_assert_msg(text[len] == '\0', "%s: not NUL-terminated", c->name);
    if (c->replaced == 0) {
        ck_assert_msg(tp_doc_warning_count(d) == 0, "%s: unexpected warning", c->name);
    } else {
        ck_assert_uint_eq(tp_doc_warning_count(d), 1);
        char want[128];
        snprintf(want, sizeof want, "input is not valid UTF-8: %zu byte%s replaced with U+FFFD",
                 c->replaced, c->replaced == 1 ? "" : "s");
        ck_assert_str_eq(tp_doc_warning(d, 0), want);
    }
    tp_doc_free(d);
}
END_TEST

/* The ASCII scan goes 64, 16 and 8 bytes at a time: whatever stops it (NUL,
 * an invalid byte, a valid sequence, a truncated one) must be found at
 * every position of a text, with the bytes around it copied as they are. */
START_TEST(utf8_repair_every_position)
{
    static const struct {
        const char *bytes, *out;
        size_t len;
    } stops[] = {
        {"\0", FFFD, 1},
        {"\xFF", FFFD, 1},
        {"\xC3\xA9", "\xC3\xA9", 2},
        {"\xE2\x82", FFFD FFFD, 2},
        {"\xF0\x9F\x98\x80", "\xF0\x9F\x98\x80", 4},
    };
    for (size_t k = 0; k < sizeof stops / sizeof stops[0]; k++) {
        for (size_t total = 1; total <= 140; total++) {
            for (size_t at = 0; at + stops[k].len <= total; at++) {
                char in[144], want[160];
                for (size_t i = 0; i < total; i++)
                    in[i] = (char)('a' + i % 26);
                memcpy(in + at, stops[k].bytes, stops[k].len);
                size_t tail = total - at - stops[k].len;
                size_t out_len = strlen(stops[k].out);
                memcpy(want, in, at);
                memcpy(want + at, stops[k].out, out_len);
                memcpy(want + at + out_len, in + at + stops[k].len, tail);
                size_t want_len = at + out_len + tail;
                tp_doc *d = tp_doc_new();
                ck_assert_int_eq(tp_doc_reset(d, "u", in, total), 0);
                size_t len;
                const char *text = tp_doc_text(d, &len);
                ck_assert_msg(len == want_len && memcmp(text, want, len) == 0,
                              "stop %zu at %zu of %zu: wrong repair", k, at, total);
                tp_doc_free(d);
            }
        }
    }
}
END_TEST

START_TEST(reset_clears_previous_document)
{
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(d, "a", "\xFF bad", 5), 0);
    tp_token t = {0, 1, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &t), 0);
    ck_assert_int_eq(tp_doc_add_span(d, "quote", 0, 1, NULL), 0);
    ck_assert_int_eq(tp_doc_set_result(d, "r", tp_value_int(d, 1)), 0);
    ck_assert_int_eq(tp_doc_fail(d, "s", "m", 3), 0);
    tp_doc_request_emit(d, TP_EMIT_TOKENS);
    ck_assert_int_eq(tp_object_set(d, tp_doc_meta_object(d), "k", tp_value_null(d)), 0);

    ck_assert_int_eq(tp_doc_reset(d, "b", "fresh", 5), 0);
    size_t n;
    ck_assert_str_eq(tp_doc_id(d), "b");
    ck_assert_str_eq(tp_doc_text(d, &n), "fresh");
    ck_assert_uint_eq(n, 5);
    ck_assert_ptr_null(tp_doc_tokens(d, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(tp_doc_layer_count(d), 0);
    ck_assert_ptr_null(tp_doc_spans(d, "quote", &n));
    ck_assert_uint_eq(tp_doc_result_count(d), 0);
    ck_assert_uint_eq(tp_doc_warning_count(d), 0);
    ck_assert(!tp_doc_failed(d));
    ck_assert_ptr_null(tp_doc_errors(d, &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(tp_doc_emit_flags(d), 0);
    ck_assert_uint_eq(tp_value_length(tp_doc_meta(d)), 0);
    ck_assert_int_eq(tp_value_type_of(tp_doc_meta(d)), TP_VALUE_OBJECT);
    tp_doc_free(d);
}
END_TEST

START_TEST(reset_null_id_and_text)
{
    tp_doc *d = tp_doc_new();
    ck_assert_int_eq(tp_doc_reset(d, NULL, NULL, 0), 0);
    size_t n = 99;
    ck_assert_str_eq(tp_doc_id(d), "");
    ck_assert_str_eq(tp_doc_text(d, &n), "");
    ck_assert_uint_eq(n, 0);
    tp_doc_free(d);
}
END_TEST

START_TEST(reset_refuses_oversized_text)
{
    tp_doc *d = doc_with("hello");
    /* the size is refused before the text is read, so any pointer will do */
    ck_assert_int_eq(tp_doc_reset(d, "big", "", (size_t)UINT32_MAX), TP_ELIMIT);
    /* the document must not keep showing the previous text */
    size_t n = 99;
    const char *text = tp_doc_text(d, &n);
    ck_assert_uint_eq(n, 0);
    ck_assert_str_eq(text, "");
    ck_assert_int_eq(tp_doc_reset(d, "ok", "again", 5), 0);
    ck_assert_str_eq(tp_doc_text(d, NULL), "again");
    tp_doc_free(d);
}
END_TEST

/* ---- structure ----------------------------------------------------------- */

START_TEST(tokens_validated)
{
    tp_doc *d = doc_with("one two three");
    tp_token ok = {0, 3, TP_TOK_WORD, 0x55, TP_TOKF_CAPITALISED, 1234};
    ck_assert_int_eq(tp_doc_add_token(d, &ok), 0);
    tp_token empty = {4, 4, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &empty), TP_EINVAL);
    tp_token past_end = {8, 14, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &past_end), TP_EINVAL);
    tp_token bad_kind = {4, 7, TP_TOK_KIND_COUNT, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &bad_kind), TP_EINVAL);
    tp_token overlap = {2, 7, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &overlap), TP_EINVAL);
    tp_token adjacent = {3, 4, TP_TOK_PUNCT, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &adjacent), 0);
    tp_token last = {8, 13, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &last), 0);
    tp_token before = {4, 7, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &before), TP_EINVAL);

    size_t n;
    const tp_token *t = tp_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(t[0].start, 0);
    ck_assert_uint_eq(t[0].end, 3);
    ck_assert_uint_eq(t[0].flags, TP_TOKF_CAPITALISED);
    ck_assert_uint_eq(t[0].reserved, 0); /* the core zeroes it */
    ck_assert_uint_eq(t[0].sentence, UINT32_MAX); /* no sentence yet */
    ck_assert_uint_eq(t[1].kind, TP_TOK_PUNCT);
    ck_assert_uint_eq(t[2].start, 8);
    tp_doc_free(d);
}
END_TEST

/* A batch is taken whole or not at all, whichever of its tokens is wrong. */
START_TEST(token_batch_all_or_nothing)
{
    tp_doc *d = doc_with("one two three four");
    tp_token first = {0, 3, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_tokens(d, &first, 1), 0);
    tp_token bad_middle[] = {{4, 7, TP_TOK_WORD, 0, 0, 0},
                             {8, 8, TP_TOK_WORD, 0, 0, 0},
                             {14, 18, TP_TOK_WORD, 0, 0, 0}};
    ck_assert_int_eq(tp_doc_add_tokens(d, bad_middle, 3), TP_EINVAL);
    tp_token overlap_inside[] = {{4, 7, TP_TOK_WORD, 0, 0, 0},
                                 {8, 13, TP_TOK_WORD, 0, 0, 0},
                                 {12, 18, TP_TOK_WORD, 0, 0, 0}};
    ck_assert_int_eq(tp_doc_add_tokens(d, overlap_inside, 3), TP_EINVAL);
    tp_token bad_last[] = {{4, 7, TP_TOK_WORD, 0, 0, 0}, {8, 19, TP_TOK_WORD, 0, 0, 0}};
    ck_assert_int_eq(tp_doc_add_tokens(d, bad_last, 2), TP_EINVAL);
    size_t n = 0;
    tp_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 1);
    tp_token rest[] = {{4, 7, TP_TOK_WORD, 9, 0, 5},
                       {8, 13, TP_TOK_WORD, 9, 0, 5},
                       {14, 18, TP_TOK_WORD, 9, 0, 5}};
    ck_assert_int_eq(tp_doc_add_tokens(d, rest, 3), 0);
    const tp_token *t = tp_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 4);
    for (size_t i = 1; i < n; i++) {
        ck_assert_uint_eq(t[i].start, rest[i - 1].start);
        ck_assert_uint_eq(t[i].reserved, 0);
        ck_assert_uint_eq(t[i].sentence, UINT32_MAX);
    }
    ck_assert_int_eq(tp_doc_add_tokens(d, NULL, 0), 0);
    tp_doc_free(d);
}
END_TEST

/* Batches are checked four tokens at a time where the machine allows, the
 * rest one by one: each kind of mistake must be caught at every position of
 * a batch, after an earlier batch too, and a good batch must come through
 * with every field it carries. */
enum { BATCH_MAX = 11 };
static const char *const batch_defects[] = {
    "empty", "reversed", "past the end", "bad kind", "overlaps the previous", "huge offsets"};

START_TEST(token_batches_every_position)
{
    const char *text = "aa bb cc dd ee ff gg hh ii jj kk ll mm nn oo";
    size_t len = strlen(text);
    for (size_t count = 1; count <= BATCH_MAX; count++) {
        for (size_t earlier = 0; earlier <= 2; earlier++) {
            tp_doc *d = doc_with(text);
            for (size_t e = 0; e < earlier; e++) {
                tp_token t = {(uint32_t)(3 * e), (uint32_t)(3 * e + 2), TP_TOK_WORD, 0, 0, 0};
                ck_assert_int_eq(tp_doc_add_token(d, &t), 0);
            }
            tp_token batch[BATCH_MAX];
            for (size_t i = 0; i < count; i++) {
                uint32_t at = (uint32_t)(3 * (earlier + i));
                batch[i] = (tp_token){
                    at, at + 2, (uint8_t)(i % TP_TOK_KIND_COUNT), 0x7F, (uint16_t)(0x8000 | i), 77};
            }
            for (size_t bad = 0; bad < count; bad++) {
                for (int defect = 0; defect < 6; defect++) {
                    tp_token wrong[BATCH_MAX];
                    memcpy(wrong, batch, sizeof wrong);
                    tp_token *w = &wrong[bad];
                    switch (defect) {
                    case 0: w->end = w->start; break;
                    case 1:
                        w->end = w->start - (w->start > 0);
                        w->start += 1;
                        break;
                    case 2: w->end = (uint32_t)len + 1; break;
                    case 3: w->kind = (uint8_t)(TP_TOK_KIND_COUNT + bad); break;
                    case 4:
                        if (bad == 0 && earlier == 0)
                            continue; /* nothing before it */
                        w->start -= 2;
                        break;
                    case 5:
                        w->start = 0x80000001u;
                        w->end = 0x80000002u;
                        break;
                    }
                    ck_assert_msg(tp_doc_add_tokens(d, wrong, count) == TP_EINVAL,
                                  "batch of %zu after %zu: token %zu %s not refused", count,
                                  earlier, bad, batch_defects[defect]);
                    size_t n = 0;
                    tp_doc_tokens(d, &n);
                    ck_assert_uint_eq(n, earlier);
                }
            }
            ck_assert_int_eq(tp_doc_add_tokens(d, batch, count), 0);
            size_t n = 0;
            const tp_token *t = tp_doc_tokens(d, &n);
            ck_assert_uint_eq(n, earlier + count);
            for (size_t i = 0; i < count; i++) {
                const tp_token *got = &t[earlier + i];
                ck_assert_uint_eq(got->start, batch[i].start);
                ck_assert_uint_eq(got->end, batch[i].end);
                ck_assert_uint_eq(got->kind, batch[i].kind);
                ck_assert_uint_eq(got->flags, batch[i].flags);
                ck_assert_uint_eq(got->reserved, 0);
                ck_assert_uint_eq(got->sentence, UINT32_MAX);
            }
            tp_doc_free(d);
        }
    }
}
END_TEST

START_TEST(sentences_validated_and_linked)
{
    tp_doc *d = doc_with("Aa bb. Cc dd.");
    uint32_t spans[][2] = {{0, 2}, {3, 5}, {5, 6}, {7, 9}, {10, 12}, {12, 13}};
    for (size_t i = 0; i < 6; i++) {
        tp_token t = {spans[i][0], spans[i][1], TP_TOK_WORD, 0, 0, 0};
        ck_assert_int_eq(tp_doc_add_token(d, &t), 0);
    }
    tp_sentence bad_tokens = {0, 6, 0, 7, 0, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &bad_tokens), TP_EINVAL);
    tp_sentence bad_bytes = {0, 14, 0, 3, 0, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &bad_bytes), TP_EINVAL);
    tp_sentence reversed = {6, 0, 0, 3, 0, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &reversed), TP_EINVAL);
    tp_sentence reversed_tokens = {0, 6, 3, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &reversed_tokens), TP_EINVAL);

    tp_sentence s0 = {0, 6, 0, 3, 0, TP_SENTF_HEADING};
    ck_assert_int_eq(tp_doc_add_sentence(d, &s0), 0);
    tp_sentence overlap = {5, 13, 2, 6, 0, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &overlap), TP_EINVAL);
    tp_sentence s1 = {7, 13, 3, 6, 1, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &s1), 0);

    size_t n;
    const tp_token *t = tp_doc_tokens(d, &n);
    for (size_t i = 0; i < 6; i++)
        ck_assert_uint_eq(t[i].sentence, i < 3 ? 0 : 1);
    const tp_sentence *s = tp_doc_sentences(d, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(s[0].flags, TP_SENTF_HEADING);
    ck_assert_uint_eq(s[1].tok_start, 3);
    tp_doc_free(d);
}
END_TEST

START_TEST(paragraphs_validated_and_linked_after_step)
{
    static const char *const provides[] = {"tokens", "sentences", "paragraphs", NULL};
    tp_doc *d = doc_with("A b.\n\nC d. E f.");
    tp_doc_begin_step(d, "tok", provides);
    uint32_t spans[][2] = {{0, 1}, {2, 4}, {6, 7}, {8, 10}, {11, 12}, {13, 15}};
    for (size_t i = 0; i < 6; i++) {
        tp_token t = {spans[i][0], spans[i][1], TP_TOK_WORD, 0, 0, 0};
        ck_assert_int_eq(tp_doc_add_token(d, &t), 0);
    }
    tp_paragraph p_bad = {0, 99, 0, 0};
    ck_assert_int_eq(tp_doc_add_paragraph(d, &p_bad), TP_EINVAL);
    tp_paragraph p_rev = {4, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_paragraph(d, &p_rev), TP_EINVAL);
    tp_paragraph p0 = {0, 4, 77, 77};
    ck_assert_int_eq(tp_doc_add_paragraph(d, &p0), 0);
    tp_paragraph p_back = {2, 10, 0, 0};
    ck_assert_int_eq(tp_doc_add_paragraph(d, &p_back), TP_EINVAL);
    tp_paragraph p1 = {6, 15, 0, 0};
    ck_assert_int_eq(tp_doc_add_paragraph(d, &p1), 0);
    tp_sentence s[] = {{0, 4, 0, 2, 0, 0}, {6, 10, 2, 4, 1, 0}, {11, 15, 4, 6, 1, 0}};
    for (size_t i = 0; i < 3; i++)
        ck_assert_int_eq(tp_doc_add_sentence(d, &s[i]), 0);
    tp_doc_end_step(d);

    size_t n;
    const tp_paragraph *p = tp_doc_paragraphs(d, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_uint_eq(p[0].sent_start, 0);
    ck_assert_uint_eq(p[0].sent_end, 1);
    ck_assert_uint_eq(p[1].sent_start, 1);
    ck_assert_uint_eq(p[1].sent_end, 3);
    tp_doc_free(d);
}
END_TEST

/* ---- capabilities ---------------------------------------------------------- */

START_TEST(step_without_capabilities_may_write_nothing)
{
    static const char *const none[] = {NULL};
    tp_doc *d = doc_with("some text");
    tp_doc_begin_step(d, "reader", none);
    tp_token t = {0, 4, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &t), TP_EPERM);
    tp_sentence s = {0, 4, 0, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &s), TP_EPERM);
    tp_paragraph p = {0, 9, 0, 0};
    ck_assert_int_eq(tp_doc_add_paragraph(d, &p), TP_EPERM);
    ck_assert_int_eq(tp_doc_add_span(d, "quote", 0, 4, NULL), TP_EPERM);
    ck_assert_int_eq(tp_doc_set_result(d, "summary", tp_value_int(d, 1)), TP_EPERM);
    tp_doc_end_step(d);
    /* the first refused capability is kept for the failure message */
    ck_assert_str_eq(d->denied, "tokens");
    tp_doc_begin_step(d, "next", none);
    ck_assert_str_eq(d->denied, "");
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "speaker", tp_value_null(d)), TP_EPERM);
    ck_assert_str_eq(d->denied, "span:quote.speaker");
    tp_doc_end_step(d);
    /* nothing was written */
    size_t n;
    tp_doc_tokens(d, &n);
    ck_assert_uint_eq(n, 0);
    ck_assert_uint_eq(tp_doc_layer_count(d), 0);
    ck_assert_uint_eq(tp_doc_result_count(d), 0);
    /* the core itself (no step running) may write anything again */
    ck_assert_int_eq(tp_doc_add_token(d, &t), 0);
    ck_assert_int_eq(tp_doc_set_result(d, "summary", tp_value_int(d, 1)), 0);
    tp_doc_free(d);
}
END_TEST

START_TEST(structure_capabilities_are_separate)
{
    static const char *const tokens_only[] = {"tokens", NULL};
    tp_doc *d = doc_with("some text");
    tp_doc_begin_step(d, "tok", tokens_only);
    tp_token t = {0, 4, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &t), 0);
    tp_sentence s = {0, 4, 0, 1, 0, 0};
    ck_assert_int_eq(tp_doc_add_sentence(d, &s), TP_EPERM);
    tp_paragraph p = {0, 9, 0, 0};
    ck_assert_int_eq(tp_doc_add_paragraph(d, &p), TP_EPERM);
    tp_doc_end_step(d);
    tp_doc_free(d);
}
END_TEST

START_TEST(span_layer_capability)
{
    static const char *const quote[] = {"span:quote", "doc:quotes", NULL};
    tp_doc *d = doc_with("He said hello.");
    tp_doc_begin_step(d, "quotes", quote);
    size_t idx = 99;
    ck_assert_int_eq(tp_doc_add_span(d, "quote", 8, 13, &idx), 0);
    ck_assert_uint_eq(idx, 0);
    /* a layer whose name merely starts or ends like the provided one */
    ck_assert_int_eq(tp_doc_add_span(d, "quotes", 8, 13, NULL), TP_EPERM);
    ck_assert_int_eq(tp_doc_add_span(d, "quot", 8, 13, NULL), TP_EPERM);
    ck_assert_int_eq(tp_doc_add_span(d, "entity", 0, 2, NULL), TP_EPERM);
    /* the layer allows every attribute */
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "speaker", tp_value_string(d, "He")), 0);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "sentiment", tp_value_number(d, 0.5)),
                     0);
    ck_assert_int_eq(tp_doc_set_result(d, "quotes", tp_value_object(d)), 0);
    ck_assert_int_eq(tp_doc_set_result(d, "quote", tp_value_object(d)), TP_EPERM);
    tp_doc_end_step(d);
    tp_doc_free(d);
}
END_TEST

START_TEST(span_attribute_capability)
{
    static const char *const quote[] = {"span:quote", NULL};
    static const char *const senti[] = {"span:quote.sentiment", "doc:sentiment", NULL};
    tp_doc *d = doc_with("He said hello.");
    tp_doc_begin_step(d, "quotes", quote);
    ck_assert_int_eq(tp_doc_add_span(d, "quote", 8, 13, NULL), 0);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "speaker", tp_value_null(d)), 0);
    tp_doc_end_step(d);

    /* what the previous step was allowed is forgotten */
    tp_doc_begin_step(d, "sentiment", senti);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "speaker", tp_value_null(d)),
                     TP_EPERM);
    /* the attribute alone does not allow new spans or other attributes */
    ck_assert_int_eq(tp_doc_add_span(d, "quote", 0, 2, NULL), TP_EPERM);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "sentiment", tp_value_number(d, -0.25)),
                     0);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "speaker", tp_value_null(d)),
                     TP_EPERM);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "sentiments", tp_value_null(d)),
                     TP_EPERM);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, "sent", tp_value_null(d)), TP_EPERM);
    /* a span that does not exist */
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 1, "sentiment", tp_value_number(d, 1)),
                     TP_ENOENT);
    tp_doc_end_step(d);

    size_t n;
    const tp_span *s = tp_doc_spans(d, "quote", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_uint_eq(tp_value_length(s[0].attrs), 2); /* speaker, sentiment */
    ck_assert_double_eq(tp_value_as_number(tp_object_get(s[0].attrs, "sentiment")), -0.25);
    tp_doc_free(d);
}
END_TEST

/* ---- spans and results --------------------------------------------------------- */

/* A step's attributes go to the layer named, also when it alternates
 * between layers, when a layer is made after an attribute was refused for
 * want of it, and when a name is too long to be remembered. */
START_TEST(span_attributes_across_layers)
{
    static const char *const both[] = {"span:a", "span:b",
                                       "span:a_layer_name_longer_than_thirty_two", NULL};
    const char *longname = both[2] + 5;
    tp_doc *d = doc_with("one two three");
    tp_doc_begin_step(d, "spans", both);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "b", 0, "k", tp_value_int(d, 0)), TP_ENOENT);
    ck_assert_int_eq(tp_doc_add_span(d, "a", 0, 3, NULL), 0);
    ck_assert_int_eq(tp_doc_add_span(d, "b", 4, 7, NULL), 0);
    ck_assert_int_eq(tp_doc_add_span(d, longname, 8, 13, NULL), 0);
    for (int round = 1; round <= 3; round++) {
        ck_assert_int_eq(tp_doc_set_span_attr(d, "a", 0, "k", tp_value_int(d, round)), 0);
        ck_assert_int_eq(tp_doc_set_span_attr(d, "b", 0, "k", tp_value_int(d, 10 * round)), 0);
        ck_assert_int_eq(tp_doc_set_span_attr(d, longname, 0, "k", tp_value_int(d, -round)), 0);
        ck_assert_int_eq(tp_doc_set_span_attr(d, "b", 0, "j", tp_value_int(d, round)), 0);
    }
    tp_doc_end_step(d);
    size_t n;
    ck_assert_int_eq(tp_value_as_int(tp_object_get(tp_doc_spans(d, "a", &n)[0].attrs, "k")), 3);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(tp_doc_spans(d, "b", &n)[0].attrs, "k")), 30);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(tp_doc_spans(d, "b", &n)[0].attrs, "j")), 3);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(tp_doc_spans(d, longname, &n)[0].attrs, "k")),
                     -3);
    ck_assert_uint_eq(tp_value_length(tp_doc_spans(d, "a", &n)[0].attrs), 1);

    /* an attribute allowed and set is no licence to add spans */
    static const char *const attr_only[] = {"span:a.k", NULL};
    tp_doc_begin_step(d, "attr", attr_only);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "a", 0, "k", tp_value_int(d, 4)), 0);
    ck_assert_int_eq(tp_doc_add_span(d, "a", 4, 7, NULL), TP_EPERM);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "a", 0, "j", tp_value_int(d, 4)), TP_EPERM);
    tp_doc_end_step(d);
    tp_doc_spans(d, "a", &n);
    ck_assert_uint_eq(n, 1);
    tp_doc_free(d);
}
END_TEST

START_TEST(spans_layers_and_attrs)
{
    tp_doc *d = doc_with("abcdefghij");
    ck_assert_int_eq(tp_doc_add_span(d, "", 0, 1, NULL), TP_EINVAL);
    ck_assert_int_eq(tp_doc_add_span(d, NULL, 0, 1, NULL), TP_EINVAL);
    ck_assert_int_eq(tp_doc_add_span(d, "quote", 5, 4, NULL), TP_EINVAL);
    ck_assert_int_eq(tp_doc_add_span(d, "quote", 0, 11, NULL), TP_EINVAL);
    ck_assert_uint_eq(tp_doc_layer_count(d), 0);
    for (uint32_t i = 0; i < 100; i++) {
        size_t idx;
        ck_assert_int_eq(tp_doc_add_span(d, "quote", i % 10, 10, &idx), 0);
        ck_assert_uint_eq(idx, i);
        ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", idx, "n", tp_value_int(d, i)), 0);
    }
    ck_assert_int_eq(tp_doc_add_span(d, "entity", 2, 2, NULL), 0); /* empty span is allowed */
    ck_assert_uint_eq(tp_doc_layer_count(d), 2);
    ck_assert_str_eq(tp_doc_layer_name(d, 0), "quote");
    ck_assert_str_eq(tp_doc_layer_name(d, 1), "entity");
    ck_assert_ptr_null(tp_doc_layer_name(d, 2));
    size_t n;
    const tp_span *s = tp_doc_spans(d, "quote", &n);
    ck_assert_uint_eq(n, 100);
    for (size_t i = 0; i < 100; i++) {
        ck_assert_uint_eq(s[i].start, i % 10);
        ck_assert_int_eq(tp_value_as_int(tp_object_get(s[i].attrs, "n")), (int64_t)i);
    }
    s = tp_doc_spans(d, "entity", &n);
    ck_assert_uint_eq(n, 1);
    ck_assert_int_eq(tp_value_type_of(s[0].attrs), TP_VALUE_OBJECT);
    ck_assert_uint_eq(tp_value_length(s[0].attrs), 0);
    ck_assert_ptr_null(tp_doc_spans(d, "missing", &n));
    ck_assert_uint_eq(n, 0);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "missing", 0, "k", tp_value_null(d)), TP_ENOENT);
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 0, NULL, tp_value_null(d)), TP_EINVAL);
    /* replacing an attribute keeps one member */
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 3, "n", tp_value_string(d, "x")), 0);
    s = tp_doc_spans(d, "quote", &n);
    ck_assert_uint_eq(tp_value_length(s[3].attrs), 1);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(s[3].attrs, "n"), NULL), "x");
    tp_doc_free(d);
}
END_TEST

START_TEST(results_set_replace_list)
{
    tp_doc *d = doc_with("x");
    ck_assert_int_eq(tp_doc_set_result(d, "", tp_value_int(d, 1)), TP_EINVAL);
    ck_assert_int_eq(tp_doc_set_result(d, NULL, tp_value_int(d, 1)), TP_EINVAL);
    ck_assert_int_eq(tp_doc_set_result(d, "b", tp_value_int(d, 1)), 0);
    ck_assert_int_eq(tp_doc_set_result(d, "a", tp_value_int(d, 2)), 0);
    ck_assert_int_eq(tp_doc_set_result(d, "b", tp_value_int(d, 3)), 0);
    ck_assert_int_eq(tp_doc_set_result(d, "c", NULL), TP_ENOMEM);
    ck_assert_uint_eq(tp_doc_result_count(d), 2);
    ck_assert_str_eq(tp_doc_result_key(d, 0), "b");
    ck_assert_str_eq(tp_doc_result_key(d, 1), "a");
    ck_assert_ptr_null(tp_doc_result_key(d, 2));
    ck_assert_int_eq(tp_value_as_int(tp_doc_result(d, "b")), 3);
    ck_assert_ptr_null(tp_doc_result(d, "zzz"));
    tp_doc_free(d);
}
END_TEST

/* ---- values ------------------------------------------------------------------- */

START_TEST(value_scalars)
{
    tp_doc *d = doc_with("");
    tp_value *v = tp_value_null(d);
    ck_assert_int_eq(tp_value_type_of(v), TP_VALUE_NULL);
    ck_assert_int_eq(tp_value_type_of(NULL), TP_VALUE_NULL);
    ck_assert(tp_value_as_bool(tp_value_bool(d, true)));
    ck_assert(!tp_value_as_bool(tp_value_bool(d, false)));
    ck_assert_int_eq(tp_value_as_int(tp_value_int(d, INT64_MIN)), INT64_MIN);
    ck_assert_int_eq(tp_value_as_int(tp_value_int(d, INT64_MAX)), INT64_MAX);
    ck_assert_double_eq(tp_value_as_number(tp_value_int(d, 3)), 3.0); /* ints convert */
    ck_assert_int_eq(tp_value_as_int(tp_value_number(d, 2.75)), 2);
    ck_assert_int_eq(tp_value_as_int(tp_value_number(d, 1e300)), 0);
    ck_assert_double_eq(tp_value_as_number(tp_value_number(d, -0.5)), -0.5);
    /* not JSON-safe: become null */
    ck_assert_int_eq(tp_value_type_of(tp_value_number(d, NAN)), TP_VALUE_NULL);
    ck_assert_int_eq(tp_value_type_of(tp_value_number(d, INFINITY)), TP_VALUE_NULL);
    ck_assert_int_eq(tp_value_type_of(tp_value_number(d, -INFINITY)), TP_VALUE_NULL);
    /* type mismatches read as the zero value */
    tp_value *s = tp_value_string(d, "text");
    ck_assert(!tp_value_as_bool(s));
    ck_assert_int_eq(tp_value_as_int(s), 0);
    ck_assert_double_eq(tp_value_as_number(s), 0.0);
    size_t len = 99;
    ck_assert_ptr_null(tp_value_as_string(tp_value_int(d, 1), &len));
    ck_assert_uint_eq(len, 0);
    ck_assert_uint_eq(tp_value_length(s), 0);
    ck_assert_ptr_null(tp_array_get(s, 0));
    ck_assert_ptr_null(tp_object_get(s, "k"));
    ck_assert_ptr_null(tp_value_span_layer(s, NULL));
    tp_doc_free(d);
}
END_TEST

START_TEST(value_strings_are_copied)
{
    tp_doc *d = doc_with("");
    char buf[16] = "hello";
    tp_value *v = tp_value_string(d, buf);
    memcpy(buf, "XXXXX", 5);
    size_t len;
    ck_assert_str_eq(tp_value_as_string(v, &len), "hello");
    ck_assert_uint_eq(len, 5);
    tp_value *n = tp_value_stringn(d, "a\0b", 3);
    const char *s = tp_value_as_string(n, &len);
    ck_assert_uint_eq(len, 3);
    ck_assert(memcmp(s, "a\0b", 4) == 0); /* embedded NUL kept, terminated */
    ck_assert_str_eq(tp_value_as_string(tp_value_string(d, NULL), &len), "");
    ck_assert_uint_eq(len, 0);
    tp_value *part = tp_value_stringn(d, "abcdef", 2);
    ck_assert_str_eq(tp_value_as_string(part, NULL), "ab");
    tp_doc_free(d);
}
END_TEST

START_TEST(value_trees)
{
    tp_doc *d = doc_with("");
    tp_value *root = tp_value_object(d);
    tp_value *arr = tp_value_array(d);
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(tp_array_push(d, arr, tp_value_int(d, i)), 0);
    ck_assert_int_eq(tp_object_set(d, root, "items", arr), 0);
    ck_assert_int_eq(tp_object_set(d, root, "name", tp_value_string(d, "n")), 0);
    tp_value *inner = tp_value_object(d);
    ck_assert_int_eq(tp_object_set(d, inner, "deep", tp_value_bool(d, true)), 0);
    ck_assert_int_eq(tp_object_set(d, root, "inner", inner), 0);
    for (int i = 0; i < 40; i++) {
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        ck_assert_int_eq(tp_object_set(d, root, key, tp_value_int(d, i)), 0);
    }
    /* replacing keeps the position and the count */
    ck_assert_int_eq(tp_object_set(d, root, "name", tp_value_string(d, "m")), 0);
    ck_assert_uint_eq(tp_value_length(root), 43);
    ck_assert_str_eq(tp_object_key_at(root, 1), "name");
    ck_assert_str_eq(tp_value_as_string(tp_object_value_at(root, 1), NULL), "m");
    ck_assert_str_eq(tp_object_key_at(root, 42), "k39");
    ck_assert_ptr_null(tp_object_key_at(root, 43));
    ck_assert_ptr_null(tp_object_value_at(root, 43));
    ck_assert_int_eq(tp_value_as_int(tp_object_get(root, "k17")), 17);
    for (int i = 0; i < 40; i++) { /* every member kept through the growths */
        char key[16];
        snprintf(key, sizeof key, "k%d", i);
        ck_assert_str_eq(tp_object_key_at(root, (size_t)i + 3), key);
        ck_assert_int_eq(tp_value_as_int(tp_object_value_at(root, (size_t)i + 3)), i);
    }

    const tp_value *items = tp_object_get(root, "items");
    ck_assert_uint_eq(tp_value_length(items), 1000);
    for (int i = 0; i < 1000; i++)
        ck_assert_int_eq(tp_value_as_int(tp_array_get(items, (size_t)i)), i);
    ck_assert_ptr_null(tp_array_get(items, 1000));
    ck_assert(tp_value_as_bool(tp_object_get(tp_object_get(root, "inner"), "deep")));

    /* wrong containers and NULL items */
    ck_assert_int_eq(tp_array_push(d, root, tp_value_int(d, 1)), TP_EINVAL);
    ck_assert_int_eq(tp_object_set(d, arr, "k", tp_value_int(d, 1)), TP_EINVAL);
    ck_assert_int_eq(tp_array_push(d, arr, NULL), TP_ENOMEM);
    ck_assert_int_eq(tp_array_push(d, NULL, tp_value_int(d, 1)), TP_ENOMEM);
    ck_assert_int_eq(tp_object_set(d, root, "k", NULL), TP_ENOMEM);
    ck_assert_int_eq(tp_object_set(d, root, NULL, tp_value_int(d, 1)), TP_EINVAL);
    ck_assert_uint_eq(tp_value_length(arr), 1000);
    tp_doc_free(d);
}
END_TEST

/* Keys are stored once and shared; the stored key must follow the key's
 * content, not where the caller kept it, and never be memory a later
 * document owns. */
START_TEST(value_keys_copied_by_content)
{
    tp_doc *d = doc_with("");
    tp_value *o = tp_value_object(d);
    char key[8] = "a";
    ck_assert_int_eq(tp_object_set(d, o, key, tp_value_int(d, 1)), 0);
    key[0] = 'b'; /* the same buffer, another key */
    ck_assert_int_eq(tp_object_set(d, o, key, tp_value_int(d, 2)), 0);
    ck_assert_uint_eq(tp_value_length(o), 2);
    ck_assert_str_eq(tp_object_key_at(o, 0), "a");
    ck_assert_str_eq(tp_object_key_at(o, 1), "b");
    tp_value *other = tp_value_object(d);
    ck_assert_int_eq(tp_object_set(d, other, "a", tp_value_int(d, 3)), 0);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(other, "a")), 3);

    /* The next document lays out its arena as this one did: a key copy
     * remembered from before would be memory the next one owns. */
    ck_assert_int_eq(tp_doc_reset(d, "1", "", 0), 0);
    o = tp_value_object(d);
    tp_value *v = tp_value_null(d);
    ck_assert_int_eq(tp_object_set(d, o, "alpha", v), 0); /* copied after v */
    ck_assert_int_eq(tp_doc_reset(d, "2", "", 0), 0);
    o = tp_value_object(d);
    v = tp_value_null(d);
    char *mine = tp_doc_strndup(d, "alpha", 5); /* where the copy was */
    ck_assert_int_eq(tp_object_set(d, o, "alpha", v), 0);
    mine[0] = 'X';
    ck_assert_str_eq(tp_object_key_at(o, 0), "alpha");
    tp_doc_free(d);
}
END_TEST

/* Keys are kept from one document to the next up to a budget: a document
 * with thousands of new keys (metadata) must not grow the set for ever, and
 * every key must still read back right after the set forgets them. */
START_TEST(value_keys_across_documents)
{
    tp_doc *d = doc_with("");
    for (int round = 0; round < 3; round++) {
        tp_value *o = tp_value_object(d);
        for (int i = 0; i < 5000; i++) {
            char key[32];
            snprintf(key, sizeof key, "key %d of round %d", i, round);
            ck_assert_int_eq(tp_object_set(d, o, key, tp_value_int(d, i)), 0);
        }
        /* the same texts from another buffer find the same members */
        for (int i = 0; i < 5000; i += 7) {
            char key[32];
            snprintf(key, sizeof key, "key %d of round %d", i, round);
            ck_assert_int_eq(tp_object_set(d, o, key, tp_value_int(d, -i)), 0);
        }
        ck_assert_uint_eq(tp_value_length(o), 5000);
        for (int i = 0; i < 5000; i++) {
            char key[32];
            snprintf(key, sizeof key, "key %d of round %d", i, round);
            ck_assert_str_eq(tp_object_key_at(o, (size_t)i), key);
            ck_assert_int_eq(tp_value_as_int(tp_object_value_at(o, (size_t)i)), i % 7 ? i : -i);
        }
        ck_assert_int_eq(tp_object_set(d, o, "few", tp_value_null(d)), 0);
        ck_assert_int_eq(tp_doc_reset(d, "next", "", 0), 0);
        o = tp_value_object(d);
        ck_assert_int_eq(tp_object_set(d, o, "few", tp_value_int(d, round)), 0);
        ck_assert_int_eq(tp_object_set(d, o, "few", tp_value_int(d, round + 1)), 0);
        ck_assert_uint_eq(tp_value_length(o), 1);
        ck_assert_int_eq(tp_value_as_int(tp_object_get(o, "few")), round + 1);
        ck_assert_int_eq(tp_doc_reset(d, "next", "", 0), 0);
    }
    tp_doc_free(d);
}
END_TEST

START_TEST(value_span_reference)
{
    tp_doc *d = doc_with("");
    char layer[8] = "quote";
    tp_value *v = tp_value_span(d, layer, 7);
    layer[0] = 'X';
    ck_assert_int_eq(tp_value_type_of(v), TP_VALUE_SPAN);
    size_t idx = 0;
    ck_assert_str_eq(tp_value_span_layer(v, &idx), "quote");
    ck_assert_uint_eq(idx, 7);
    tp_doc_free(d);
}
END_TEST

/* ---- shapes and batches of spans (ABI 1.2) -------------------------------------- */

START_TEST(shape_new_validates_keys)
{
    static const char *const dup[] = {"text", "start", "text"};
    static const char *const with_null[] = {"text", NULL};
    tp_shape *shape = (tp_shape *)1;
    ck_assert_int_eq(tp_shape_new(dup, 3, &shape), TP_EINVAL);
    ck_assert_ptr_null(shape);
    ck_assert_int_eq(tp_shape_new(with_null, 2, &shape), TP_EINVAL);
    ck_assert_int_eq(tp_shape_new(NULL, 1, &shape), TP_EINVAL);
    ck_assert_int_eq(tp_shape_new(dup, 2, NULL), TP_EINVAL);
    const char *many[TP_SHAPE_MAX_KEYS + 1];
    char names[TP_SHAPE_MAX_KEYS + 1][8];
    for (int i = 0; i <= TP_SHAPE_MAX_KEYS; i++) {
        snprintf(names[i], sizeof names[i], "k%d", i);
        many[i] = names[i];
    }
    ck_assert_int_eq(tp_shape_new(many, TP_SHAPE_MAX_KEYS + 1, &shape), TP_ELIMIT);
    ck_assert_int_eq(tp_shape_new(many, TP_SHAPE_MAX_KEYS, &shape), 0);
    tp_shape_free(shape);
    /* no keys, an empty key and the first two of dup are all fine */
    ck_assert_int_eq(tp_shape_new(NULL, 0, &shape), 0);
    tp_shape_free(shape);
    static const char *const empty_key[] = {""};
    ck_assert_int_eq(tp_shape_new(empty_key, 1, &shape), 0);
    tp_shape_free(shape);
    ck_assert_int_eq(tp_shape_new(dup, 2, &shape), 0);
    tp_shape_free(shape);
    tp_shape_free(NULL);
}
END_TEST

/* A shaped object is an object like any other: its members in the shape's
 * order, found by key, replaced in place, added after; objects of one shape
 * do not share their values. */
START_TEST(shaped_objects)
{
    char keys_buf[3][8] = {"text", "start", "end"};
    const char *keys[] = {keys_buf[0], keys_buf[1], keys_buf[2]};
    tp_shape *shape;
    ck_assert_int_eq(tp_shape_new(keys, 3, &shape), 0);
    keys_buf[0][0] = 'X'; /* the shape has its own copy */
    tp_doc *d = doc_with("one two");
    tp_value *a_vals[] = {tp_value_string(d, "one"), tp_value_int(d, 0), tp_value_int(d, 3)};
    tp_value *b_vals[] = {tp_value_string(d, "two"), tp_value_int(d, 4), tp_value_int(d, 7)};
    tp_value *a = tp_value_object_shaped(d, shape, a_vals);
    tp_value *b = tp_value_object_shaped(d, shape, b_vals);
    ck_assert_int_eq(tp_value_type_of(a), TP_VALUE_OBJECT);
    ck_assert_uint_eq(tp_value_length(a), 3);
    ck_assert_str_eq(tp_object_key_at(a, 0), "text");
    ck_assert_str_eq(tp_object_key_at(a, 1), "start");
    ck_assert_str_eq(tp_object_key_at(a, 2), "end");
    ck_assert_str_eq(tp_value_as_string(tp_object_get(b, "text"), NULL), "two");
    ck_assert_int_eq(tp_value_as_int(tp_object_get(b, "end")), 7);

    /* the same key text from elsewhere replaces the member */
    char start[8] = "start";
    ck_assert_int_eq(tp_object_set(d, a, start, tp_value_int(d, 1)), 0);
    ck_assert_uint_eq(tp_value_length(a), 3);
    ck_assert_int_eq(tp_value_as_int(tp_object_value_at(a, 1)), 1);
    ck_assert_int_eq(tp_value_as_int(tp_object_get(b, "start")), 4);
    /* a member added goes last, and the other object keeps its keys */
    ck_assert_int_eq(tp_object_set(d, a, "kind", tp_value_string(d, "speech")), 0);
    ck_assert_uint_eq(tp_value_length(a), 4);
    ck_assert_str_eq(tp_object_key_at(a, 3), "kind");
    ck_assert_uint_eq(tp_value_length(b), 3);
    ck_assert_ptr_null(tp_object_get(b, "kind"));
    ck_assert_int_eq(tp_object_set(d, b, "text", tp_value_null(d)), 0);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(a, "text"), NULL), "one");
    ck_assert_str_eq(tp_object_key_at(a, 0), "text");

    /* a value that is NULL (out of memory) or no shape makes no object */
    tp_value *missing[] = {tp_value_string(d, "x"), NULL, tp_value_int(d, 1)};
    ck_assert_ptr_null(tp_value_object_shaped(d, shape, missing));
    ck_assert_ptr_null(tp_value_object_shaped(d, NULL, a_vals));
    ck_assert_ptr_null(tp_value_object_shaped(d, shape, NULL));
    tp_shape *none;
    ck_assert_int_eq(tp_shape_new(NULL, 0, &none), 0);
    tp_value *empty = tp_value_object_shaped(d, none, NULL);
    ck_assert_uint_eq(tp_value_length(empty), 0);
    ck_assert_int_eq(tp_object_set(d, empty, "k", tp_value_null(d)), 0);
    ck_assert_uint_eq(tp_value_length(empty), 1);
    tp_shape_free(none);
    tp_shape_free(shape);
    tp_doc_free(d);
}
END_TEST

/* A document's key set keeps a shape's keys by the shape's id: they must
 * hold across documents, after the set forgets its keys, for two documents
 * at once, and for a new shape where a freed one was. */
START_TEST(shapes_across_documents)
{
    static const char *const ab[] = {"a", "b"};
    static const char *const cd[] = {"c", "d"};
    tp_shape *shape;
    ck_assert_int_eq(tp_shape_new(ab, 2, &shape), 0);
    tp_doc *d = doc_with(""), *e = doc_with("");
    for (int round = 0; round < 3; round++) {
        tp_value *vals[] = {tp_value_int(d, round), tp_value_int(d, -round)};
        tp_value *o = tp_value_object_shaped(d, shape, vals);
        ck_assert_str_eq(tp_object_key_at(o, 1), "b");
        tp_value *evals[] = {tp_value_null(e), tp_value_null(e)};
        ck_assert_str_eq(tp_object_key_at(tp_value_object_shaped(e, shape, evals), 0), "a");
        /* thousands of keys: the next reset forgets them all */
        for (int i = 0; i < 3000; i++) {
            char key[32];
            snprintf(key, sizeof key, "key %d", i);
            ck_assert_int_eq(tp_object_set(d, o, key, tp_value_int(d, i)), 0);
        }
        ck_assert_int_eq(tp_object_set(d, o, "b", tp_value_int(d, 5)), 0);
        ck_assert_uint_eq(tp_value_length(o), 3002);
        ck_assert_int_eq(tp_doc_reset(d, "next", "", 0), 0);
    }
    tp_shape_free(shape);
    ck_assert_int_eq(tp_shape_new(cd, 2, &shape), 0);
    tp_value *vals[] = {tp_value_int(d, 1), tp_value_int(d, 2)};
    tp_value *o = tp_value_object_shaped(d, shape, vals);
    ck_assert_str_eq(tp_object_key_at(o, 0), "c");
    ck_assert_str_eq(tp_object_key_at(o, 1), "d");
    tp_shape_free(shape);
    tp_doc_free(d);
    tp_doc_free(e);
}
END_TEST

START_TEST(arrays_made_whole)
{
    tp_doc *d = doc_with("");
    tp_value *items[] = {tp_value_string(d, "x"), tp_value_int(d, 2)};
    tp_value *a = tp_value_array_of(d, items, 2);
    ck_assert_uint_eq(tp_value_length(a), 2);
    ck_assert_str_eq(tp_value_as_string(tp_array_get(a, 0), NULL), "x");
    /* full at its making: a push moves the items */
    ck_assert_int_eq(tp_array_push(d, a, tp_value_int(d, 3)), 0);
    ck_assert_uint_eq(tp_value_length(a), 3);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(a, 1)), 2);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(a, 2)), 3);
    items[1] = NULL;
    ck_assert_ptr_null(tp_value_array_of(d, items, 2));
    ck_assert_uint_eq(tp_value_length(tp_value_array_of(d, NULL, 0)), 0);

    const int64_t ints[] = {INT64_MIN, 0, 42, INT64_MAX};
    tp_value *n = tp_value_array_of_ints(d, ints, 4);
    ck_assert_uint_eq(tp_value_length(n), 4);
    for (size_t i = 0; i < 4; i++) {
        ck_assert_int_eq(tp_value_type_of(tp_array_get(n, i)), TP_VALUE_INT);
        ck_assert_int_eq(tp_value_as_int(tp_array_get(n, i)), ints[i]);
    }
    ck_assert_int_eq(tp_array_push(d, n, tp_value_int(d, 7)), 0);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(n, 4)), 7);
    ck_assert_int_eq(tp_value_as_int(tp_array_get(n, 3)), INT64_MAX);
    ck_assert_ptr_null(tp_value_array_of_ints(d, NULL, 1));
    ck_assert_uint_eq(tp_value_length(tp_value_array_of_ints(d, NULL, 0)), 0);
    tp_doc_free(d);
}
END_TEST

/* Spans with their attributes at once: the rules of tp_doc_add_span, and
 * a batch is added whole or not at all. */
START_TEST(spans_added_in_batches)
{
    static const char *const quote[] = {"span:quote", NULL};
    static const char *const keys[] = {"text", "kind"};
    tp_shape *shape;
    ck_assert_int_eq(tp_shape_new(keys, 2, &shape), 0);
    tp_doc *d = doc_with("He said hi. She said no.");
    tp_doc_begin_step(d, "quotes", quote);
    tp_span spans[3];
    const uint32_t ranges[3][2] = {{8, 10}, {21, 23}, {0, 2}};
    for (int i = 0; i < 3; i++) {
        tp_value *vals[] = {tp_value_stringn(d, "He said hi. She said no." + ranges[i][0],
                                             ranges[i][1] - ranges[i][0]),
                            tp_value_string(d, i == 2 ? "other" : "speech")};
        spans[i] = (tp_span){ranges[i][0], ranges[i][1], tp_value_object_shaped(d, shape, vals)};
    }
    size_t first = 99;
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", spans, 2, &first), 0);
    ck_assert_uint_eq(first, 0);
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", spans + 2, 1, &first), 0);
    ck_assert_uint_eq(first, 2);
    /* attributes may follow, one at a time */
    ck_assert_int_eq(tp_doc_set_span_attr(d, "quote", 1, "unclosed", tp_value_bool(d, true)), 0);

    /* refused batches add nothing */
    tp_span bad[2] = {spans[0], spans[1]};
    bad[1].end = 99;
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", bad, 2, NULL), TP_EINVAL);
    bad[1] = (tp_span){4, 3, spans[1].attrs};
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", bad, 2, NULL), TP_EINVAL);
    bad[1] = (tp_span){0, 2, NULL};
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", bad, 2, NULL), TP_ENOMEM);
    bad[1] = (tp_span){0, 2, tp_value_array(d)};
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", bad, 2, NULL), TP_EINVAL);
    ck_assert_int_eq(tp_doc_add_spans(d, NULL, spans, 1, NULL), TP_EINVAL);
    ck_assert_int_eq(tp_doc_add_spans(d, "", spans, 1, NULL), TP_EINVAL);
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", NULL, 1, NULL), TP_EINVAL);
    /* another layer than the step provides */
    ck_assert_int_eq(tp_doc_add_spans(d, "quotes", spans, 1, NULL), TP_EPERM);
    ck_assert_int_eq(tp_doc_add_spans(d, "entity", spans, 1, NULL), TP_EPERM);
    /* an empty batch makes no layer */
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", NULL, 0, &first), 0);
    ck_assert_uint_eq(first, 3);
    tp_doc_end_step(d);

    static const char *const other[] = {"span:entity", NULL};
    tp_doc_begin_step(d, "entities", other);
    ck_assert_int_eq(tp_doc_add_spans(d, "entity", spans, 0, &first), 0);
    ck_assert_uint_eq(first, 0);
    tp_doc_end_step(d);
    ck_assert_uint_eq(tp_doc_layer_count(d), 1);

    size_t n;
    const tp_span *s = tp_doc_spans(d, "quote", &n);
    ck_assert_uint_eq(n, 3);
    ck_assert_uint_eq(s[1].start, 21);
    ck_assert_str_eq(tp_value_as_string(tp_object_get(s[1].attrs, "text"), NULL), "no");
    ck_assert_str_eq(tp_object_key_at(s[1].attrs, 2), "unclosed");
    ck_assert_str_eq(tp_value_as_string(tp_object_get(s[2].attrs, "kind"), NULL), "other");
    ck_assert_uint_eq(tp_value_length(s[0].attrs), 2);
    tp_shape_free(shape);
    tp_doc_free(d);
}
END_TEST

/* Adding spans needs the whole layer, as tp_doc_add_span does; the refusal
 * names the capability. */
START_TEST(span_batches_need_the_layer)
{
    static const char *const attr_only[] = {"span:quote.sentiment", NULL};
    static const char *const none[] = {NULL};
    tp_doc *d = doc_with("He said hello.");
    tp_span span = {8, 13, tp_value_object(d)};
    tp_doc_begin_step(d, "sentiment", attr_only);
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", &span, 1, NULL), TP_EPERM);
    tp_doc_end_step(d);
    ck_assert_str_eq(d->denied, "span:quote");
    tp_doc_begin_step(d, "reader", none);
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", &span, 1, NULL), TP_EPERM);
    tp_doc_end_step(d);
    ck_assert_uint_eq(tp_doc_layer_count(d), 0);
    /* the core itself may */
    ck_assert_int_eq(tp_doc_add_spans(d, "quote", &span, 1, NULL), 0);
    ck_assert_uint_eq(tp_doc_layer_count(d), 1);
    tp_doc_free(d);
}
END_TEST

/* ---- failures, warnings, emit, memory ---------------------------------------------- */

START_TEST(fail_records_errors)
{
    tp_doc *d = doc_with("x");
    ck_assert(!tp_doc_failed(d));
    char step[16] = "quotes", msg[32] = "bad quote";
    ck_assert_int_eq(tp_doc_fail(d, step, msg, 12), 0);
    step[0] = msg[0] = 'X'; /* copied */
    ck_assert_int_eq(tp_doc_fail(d, NULL, "input broken", 0), 0);
    ck_assert(tp_doc_failed(d));
    size_t n;
    const tp_doc_error *e = tp_doc_errors(d, &n);
    ck_assert_uint_eq(n, 2);
    ck_assert_str_eq(e[0].step, "quotes");
    ck_assert_str_eq(e[0].message, "bad quote");
    ck_assert_uint_eq(e[0].input_line, 12);
    ck_assert_ptr_null(e[1].step);
    ck_assert_str_eq(e[1].message, "input broken");
    ck_assert_int_eq(tp_doc_fail(d, "s", NULL, 0), 0);
    e = tp_doc_errors(d, &n);
    ck_assert_str_eq(e[2].message, "");
    tp_doc_free(d);
}
END_TEST

START_TEST(warnings_and_emit)
{
    tp_doc *d = doc_with("x");
    ck_assert_int_eq(tp_doc_warn(d, "%d of %s", 3, "these"), 0);
    ck_assert_int_eq(tp_doc_warn(d, "second"), 0);
    ck_assert_uint_eq(tp_doc_warning_count(d), 2);
    ck_assert_str_eq(tp_doc_warning(d, 0), "3 of these");
    ck_assert_str_eq(tp_doc_warning(d, 1), "second");
    ck_assert_ptr_null(tp_doc_warning(d, 2));
    tp_doc_request_emit(d, TP_EMIT_TOKENS);
    tp_doc_request_emit(d, TP_EMIT_SENTENCES);
    ck_assert_uint_eq(tp_doc_emit_flags(d), TP_EMIT_TOKENS | TP_EMIT_SENTENCES);
    tp_doc_free(d);
}
END_TEST

START_TEST(doc_memory)
{
    tp_doc *d = doc_with("x");
    for (size_t size = 1; size < 100000; size *= 3) {
        void *p = tp_doc_alloc(d, size);
        ck_assert_ptr_nonnull(p);
        ck_assert(((uintptr_t)p % 16) == 0);
        memset(p, 0, size);
    }
    char *s = tp_doc_strndup(d, "abcdef", 3);
    ck_assert_str_eq(s, "abc");
    ck_assert_str_eq(tp_doc_strndup(d, NULL, 0), "");
    ck_assert_ptr_null(tp_doc_alloc(d, SIZE_MAX));
    tp_doc_free(d);
    tp_doc_free(NULL);
}
END_TEST

/* ---- word keys ------------------------------------------------------------ */

static uint64_t key_of(const char *s)
{
    return tp_word_key(s, strlen(s));
}

START_TEST(word_key_folds_case_and_apostrophes)
{
    ck_assert_uint_eq(key_of("Minister"), key_of("minister"));
    ck_assert_uint_eq(key_of("MINISTER"), key_of("minister"));
    ck_assert_uint_eq(key_of("don\xE2\x80\x99t"), key_of("don't"));   /* ’ */
    ck_assert_uint_eq(key_of("DON\xE2\x80\x98T"), key_of("don't"));   /* ‘ */
    ck_assert_uint_eq(key_of("don\xCA\xBCt"), key_of("don't"));       /* ʼ */
    ck_assert_uint_eq(key_of("\xC3\x89t\xC3\xA9"), key_of("\xC3\xA9t\xC3\xA9")); /* Été */
    ck_assert_uint_eq(key_of("\xCE\x91\xCE\x98\xCE\x97\xCE\x9D\xCE\x91"),
                      key_of("\xCE\xB1\xCE\xB8\xCE\xB7\xCE\xBD\xCE\xB1")); /* ΑΘΗΝΑ */
    /* Simple lower-casing only: no accent stripping, no full case folding. */
    ck_assert_uint_ne(key_of("\xC3\xA9t\xC3\xA9"), key_of("ete"));
    ck_assert_uint_ne(key_of("stra\xC3\x9F" "e"), key_of("strasse"));
    ck_assert_uint_ne(key_of("said"), key_of("sad"));
    ck_assert_uint_ne(key_of("said"), key_of("saidx"));
    /* The length counts, also for bytes that pad a unit. */
    ck_assert_uint_ne(tp_word_key("a", 1), tp_word_key("a\0", 2));
    ck_assert_uint_ne(tp_word_key("abcdefgh", 8), tp_word_key("abcdefgh\0", 9));
    ck_assert_uint_ne(tp_word_key("", 0), tp_word_key("\0", 1));
    /* Not UTF-8: bytes as they are, and no read past `len`. */
    ck_assert_uint_eq(tp_word_key("\xFF" "A", 2), tp_word_key("\xFF" "a", 2));
    ck_assert_uint_ne(tp_word_key("\xE2\x80", 2), tp_word_key("\xE2\x80\x99", 3));
}
END_TEST

/* Every key of a large set of distinct words differs (a 64-bit hash would
 * collide here with odds of about 1e-10). */
static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
    return (x > y) - (x < y);
}

START_TEST(word_keys_of_distinct_words_differ)
{
    enum { N = 200000 };
    uint64_t *keys = malloc(N * sizeof *keys);
    ck_assert_ptr_nonnull(keys);
    char w[32];
    for (int i = 0; i < N; i++) {
        int n = snprintf(w, sizeof w, "%c%dw%x", 'a' + i % 26, i, i * 7);
        keys[i] = tp_word_key(w, (size_t)n);
    }
    qsort(keys, N, sizeof *keys, cmp_u64);
    for (int i = 1; i < N; i++)
        ck_assert_uint_ne(keys[i], keys[i - 1]);
    free(keys);
}
END_TEST

/* Every ASCII byte, as a word of its own and inside words of each length
 * up to 17 (one unit, two units, too long for the fast paths), folds in the
 * document pass (four tokens at a time where the CPU can) as tp_word_key()
 * folds it: only 'A' to 'Z' change. */
START_TEST(token_keys_fold_every_ascii_byte)
{
    enum { BYTES = 127, LENGTHS = 17 };
    static char text[BYTES * (LENGTHS * (LENGTHS + 1) / 2 + LENGTHS) + 1];
    static tp_token toks[BYTES * (1 + LENGTHS)];
    size_t len = 0, n = 0;
    for (int c = 1; c <= BYTES; c++) {
        for (size_t wlen = 1; wlen <= LENGTHS; wlen++) {
            size_t start = len;
            for (size_t k = 0; k < wlen; k++)
                text[len++] = k % 2 ? 'q' : (char)c;
            toks[n++] = (tp_token){(uint32_t)start, (uint32_t)len, TP_TOK_WORD, 0, 0, 0};
            text[len++] = ' ';
        }
    }
    text[len] = '\0';
    tp_doc *d = doc_with(text);
    ck_assert_int_eq(tp_doc_add_tokens(d, toks, n), 0);
    const uint64_t *keys = tp_doc_token_keys(d);
    ck_assert_ptr_nonnull(keys);
    for (size_t t = 0; t < n; t++)
        ck_assert_uint_eq(keys[t], tp_word_key(text + toks[t].start, toks[t].end - toks[t].start));
    ck_assert_uint_eq(keys[('Q' - 1) * LENGTHS + 2], key_of("qqq"));
    ck_assert_uint_ne(keys[('@' - 1) * LENGTHS], keys[('`' - 1) * LENGTHS]);
    ck_assert_uint_ne(keys[('[' - 1) * LENGTHS], keys[('{' - 1) * LENGTHS]);
    ck_assert_uint_eq(keys[('Q' - 1) * LENGTHS + 11], key_of("qqqqqqqqqqqq"));
    ck_assert_uint_ne(keys[('@' - 1) * LENGTHS + 12], keys[('`' - 1) * LENGTHS + 12]);
    tp_doc_free(d);
}
END_TEST

/* Words of 1 to 20 bytes as the first token of the text (fewer than 8
 * bytes before their end when short) and as the last, ending the text, in
 * the four-token pass or after it: their keys are tp_word_key()'s. */
START_TEST(token_keys_at_text_start_and_end)
{
    static const char *const between[] = {"ab", "Cd", "e", "fgh", "IJ"};
    for (size_t wlen = 1; wlen <= 20; wlen++) {
        for (size_t middle = 2; middle <= 5; middle++) {
            char text[128];
            tp_token toks[8];
            size_t len = 0, n = 0;
            for (size_t w = 0; w < middle + 2; w++) {
                const char *piece = between[w % 5];
                size_t k = w == 0 || w == middle + 1 ? wlen : strlen(piece);
                for (size_t i = 0; i < k; i++)
                    text[len + i] = w == 0 || w == middle + 1
                                        ? (char)((i % 2 ? 'a' : 'A') + (char)((w + i) % 26))
                                        : piece[i];
                toks[n++] = (tp_token){(uint32_t)len, (uint32_t)(len + k), TP_TOK_WORD, 0, 0, 0};
                len += k;
                if (w < middle + 1)
                    text[len++] = ' ';
            }
            text[len] = '\0';
            tp_doc *d = doc_with(text);
            ck_assert_int_eq(tp_doc_add_tokens(d, toks, n), 0);
            const uint64_t *keys = tp_doc_token_keys(d);
            for (size_t t = 0; t < n; t++)
                ck_assert_uint_eq(keys[t],
                                  tp_word_key(text + toks[t].start, toks[t].end - toks[t].start));
            tp_doc_free(d);
        }
    }
}
END_TEST

/* The document's keys equal tp_word_key() of each token, whichever path
 * computes them: words of 1 to 40 bytes, ASCII or not, near the text start
 * (fewer than 8 bytes before their end) or not. */
START_TEST(token_keys_match_word_key)
{
    char text[4096];
    size_t len = 0;
    tp_token toks[256];
    size_t n = 0;
    static const char *pieces[] = {"A", "Ab", "\xC3\x89t\xC3\xA9", "don\xE2\x80\x99t",
                                   "The", "MINISTER", "x", ",", "\xE2\x80\x9C"};
    for (size_t i = 0; i < sizeof pieces / sizeof *pieces; i++) {
        size_t k = strlen(pieces[i]);
        memcpy(text + len, pieces[i], k);
        toks[n++] = (tp_token){(uint32_t)len, (uint32_t)(len + k), TP_TOK_WORD, 0, 0, 0};
        len += k;
        text[len++] = ' ';
    }
    for (size_t wlen = 1; wlen <= 40; wlen++) {
        for (size_t k = 0; k < wlen; k++)
            text[len + k] = (char)((k % 3 == 0 ? 'A' : 'a') + (char)((wlen + k) % 26));
        toks[n++] = (tp_token){(uint32_t)len, (uint32_t)(len + wlen), TP_TOK_WORD, 0, 0, 0};
        len += wlen;
        text[len++] = ' ';
    }
    text[len] = '\0';
    tp_doc *d = doc_with(text);
    ck_assert_ptr_null(tp_doc_token_keys(d)); /* no tokens yet */
    ck_assert_int_eq(tp_doc_add_tokens(d, toks, 10), 0);
    const uint64_t *keys = tp_doc_token_keys(d);
    ck_assert_ptr_nonnull(keys);
    ck_assert_uint_eq(keys[0], key_of("a"));
    ck_assert_uint_eq(keys[2], key_of("\xC3\xA9t\xC3\xA9"));
    ck_assert_uint_eq(keys[3], key_of("don't"));
    ck_assert_uint_eq(keys[5], key_of("minister"));
    /* Tokens added later get their keys on the next call. */
    ck_assert_int_eq(tp_doc_add_tokens(d, toks + 10, n - 10), 0);
    keys = tp_doc_token_keys(d);
    for (size_t t = 0; t < n; t++)
        ck_assert_uint_eq(keys[t], tp_word_key(text + toks[t].start, toks[t].end - toks[t].start));
    /* A new document starts without keys. */
    ck_assert_int_eq(tp_doc_reset(d, "doc-2", "word", 4), 0);
    ck_assert_ptr_null(tp_doc_token_keys(d));
    tp_token word = {0, 4, TP_TOK_WORD, 0, 0, 0};
    ck_assert_int_eq(tp_doc_add_token(d, &word), 0);
    ck_assert_uint_eq(tp_doc_token_keys(d)[0], key_of("WORD"));
    tp_doc_free(d);
}
END_TEST

static Suite *doc_suite(void)
{
    Suite *s = suite_create("doc");
    TCase *tc = tcase_create("utf8");
    tcase_add_test(tc, utf8_repair_every_position);
    tcase_add_loop_test(tc, utf8_repair_table, 0, (int)(sizeof utf8_cases / sizeof *utf8_cases));
    tcase_add_test(tc, reset_clears_previous_document);
    tcase_add_test(tc, reset_null_id_and_text);
    tcase_add_test(tc, reset_refuses_oversized_text);
    suite_add_tcase(s, tc);
    tc = tcase_create("structure");
    tcase_add_test(tc, tokens_validated);
    tcase_add_test(tc, token_batch_all_or_nothing);
    tcase_add_test(tc, token_batches_every_position);
    tcase_add_test(tc, sentences_validated_and_linked);
    tcase_add_test(tc, paragraphs_validated_and_linked_after_step);
    suite_add_tcase(s, tc);
    tc = tcase_create("word_keys");
    tcase_add_test(tc, word_key_folds_case_and_apostrophes);
    tcase_add_test(tc, word_keys_of_distinct_words_differ);
    tcase_add_test(tc, token_keys_match_word_key);
    tcase_add_test(tc, token_keys_fold_every_ascii_byte);
    tcase_add_test(tc, token_keys_at_text_start_and_end);
    suite_add_tcase(s, tc);
    tc = tcase_create("capabilities");
    tcase_add_test(tc, step_without_capabilities_may_write_nothing);
    tcase_add_test(tc, structure_capabilities_are_separate);
    tcase_add_test(tc, span_layer_capability);
    tcase_add_test(tc, span_attribute_capability);
    suite_add_tcase(s, tc);
    tc = tcase_create("spans_results");
    tcase_add_test(tc, spans_layers_and_attrs);
    tcase_add_test(tc, span_attributes_across_layers);
    tcase_add_test(tc, results_set_replace_list);
    suite_add_tcase(s, tc);
    tc = tcase_create("values");
    tcase_add_test(tc, value_scalars);
    tcase_add_test(tc, value_strings_are_copied);
    tcase_add_test(tc, value_trees);
    tcase_add_test(tc, value_keys_copied_by_content);
    tcase_add_test(tc, value_keys_across_documents);
    tcase_add_test(tc, value_span_reference);
    suite_add_tcase(s, tc);
    tc = tcase_create("shapes");
    tcase_add_test(tc, shape_new_validates_keys);
    tcase_add_test(tc, shaped_objects);
    tcase_add_test(tc, shapes_across_documents);
    tcase_add_test(tc, arrays_made_whole);
    tcase_add_test(tc, spans_added_in_batches);
    tcase_add_test(tc, span_batches_need_the_layer);
    suite_add_tcase(s, tc);
    tc = tcase_create("fail_warn_memory");
    tcase_add_test(tc, fail_records_errors);
    tcase_add_test(tc, warnings_and_emit);
    tcase_add_test(tc, doc_memory);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(doc_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
