/* summary_features.c - length, quotation share and ending of a sentence. */
#include "summary_features.h"

#include <math.h>
#include <string.h>

/* Quotation penalty: a sentence that is mostly someone's words is colour
 * more than story; it stays pickable when it is central enough. */
#define QUOTE_SHARE 0.8
#define QUOTE_FACTOR 0.8
/* Unterminated lines: captions, datelines, bylines, unflagged headings. */
#define UNTERMINATED_FACTOR 0.3
/* Length: sentences under LENGTH_FULL words lose weight as
 * (words / LENGTH_FULL)^LENGTH_EXPONENT. Short sentences seldom carry a
 * story's facts (in the BBC references a sentence of 5-10 words is chosen
 * half as often as one of 25-30), and cosine similarity alone does not see
 * length. */
#define LENGTH_FULL ((double)TP_SUMMARY_LENGTH_FULL)
#define LENGTH_EXPONENT 0.7

static bool is_terminal(const char *s, size_t len)
{
    if (len == 1)
        return s[0] == '.' || s[0] == '!' || s[0] == '?';
    /* U+2026 HORIZONTAL ELLIPSIS, or a run such as "..." or "?!" */
    if (len == 3 && memcmp(s, "\xE2\x80\xA6", 3) == 0)
        return true;
    for (size_t i = 0; i < len; i++)
        if (s[i] != '.' && s[i] != '!' && s[i] != '?')
            return false;
    return len > 0;
}

bool tp_summary_features_terminated(const char *text, const tp_token *toks, const tp_sentence *s)
{
    /* The last token that is not a closing mark decides the ending. */
    for (uint32_t i = s->tok_end; i > s->tok_start; i--) {
        const tp_token *t = &toks[i - 1];
        if (t->kind == TP_TOK_QUOTE || (t->flags & TP_TOKF_CLOSING))
            continue;
        return (t->kind == TP_TOK_PUNCT && is_terminal(text + t->start, t->end - t->start)) ||
               ((t->flags & TP_TOKF_ABBREVIATION) && t->end > t->start && text[t->end - 1] == '.');
    }
    return false;
}

void tp_summary_features_of(const char *text, const tp_token *toks, const tp_sentence *s,
                            tp_summary_quote_state *state, tp_summary_features *out)
{
    tp_summary_features_start(s, state, out);
    for (uint32_t i = s->tok_start; i < s->tok_end; i++)
        tp_summary_features_token(&toks[i], state, out);
    out->terminated = tp_summary_features_terminated(text, toks, s);
}

static double length_factor(unsigned words)
{
    return pow(words / LENGTH_FULL, LENGTH_EXPONENT);
}

void tp_summary_features_length_table(double table[TP_SUMMARY_LENGTH_FULL])
{
    for (unsigned w = 0; w < TP_SUMMARY_LENGTH_FULL; w++)
        table[w] = length_factor(w);
}

double tp_summary_features_factor_with(const tp_summary_features *f, const double *table)
{
    double factor = 1.0;
    if (!f->terminated)
        factor *= UNTERMINATED_FACTOR;
    if (f->words > 0 && (double)f->quoted_words / f->words > QUOTE_SHARE)
        factor *= QUOTE_FACTOR;
    if (f->words < LENGTH_FULL)
        factor *= table ? table[f->words] : length_factor(f->words);
    return factor;
}

double tp_summary_features_factor(const tp_summary_features *f)
{
    return tp_summary_features_factor_with(f, NULL);
}
