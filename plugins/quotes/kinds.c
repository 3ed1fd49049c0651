/* kinds.c - which quotations are no one's words, whatever cue stands near
 * them: nicknames inside a name (Marion "Suge" Knight), names given with
 * "dubbed", "called" or "known as", and the writer's own terms (so-called
 * "X", a "shield" law, a generic "you" thinking "oh no"); and which short
 * uncued ones are still someone's: the words of a record ("his arrest for
 * "lewd behaviour""). attrib.c asks these while deciding each quotation's
 * kind. */
#include "attrib.h"

#include <string.h>

/* Whether quotation i is a nickname inside a name: Marion "Suge" Knight.
 * Its words are counted last, after the word view has turned most
 * quotations away. */
static bool is_nickname(const qctx *ctx, size_t qi)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    const qattr *a = &ctx->attr[qi];
    if (a->ca >= ctx->nw || a->ca == a->ob)
        return false;
    const qword *next = qctx_wref(ctx, a->ca);
    if (!(next->flags & QX_CAP) || (next->flags & (QW_STOP | QX_PUNCT)) ||
        ctx->toks[a->ca].start != q->after_close + 1)
        return false;
    /* A nickname has no punctuation of its own ("Four," Stone added). */
    unsigned char last = (unsigned char)ctx->text[q->end - 1];
    if (!((last >= 'a' && last <= 'z') || (last >= 'A' && last <= 'Z') || last >= 0x80))
        return false;
    if (qctx_count_words(ctx->text + q->start, q->end - q->start, 3) > 2)
        return false;
    uint32_t k = a->ca;
    while (k < ctx->nw && (qctx_wref(ctx, k)->flags & QX_CAP) &&
           !(qctx_wref(ctx, k)->flags & QX_PUNCT))
        k++;
    bool inside_name = a->ob > 0 && (qctx_wref(ctx, a->ob - 1)->flags & QX_CAP) &&
                       !(qctx_wref(ctx, a->ob - 1)->flags & (QX_PUNCT | QW_STOP));
    if (!inside_name && k < ctx->nw && qctx_is_cue(ctx, k))
        return false;
    return (unsigned char)ctx->text[q->start] >= 'A' && (unsigned char)ctx->text[q->start] <= 'Z';
}

/* Whether quotation `qi` is a name given to someone or something: right
 * after "dubbed", "nicknamed" or "called" used to name, with no one as the
 * verb's subject (a passive, or a noun before it: `a young man who was
 * dubbed "the sea wolf"`, `a ship called "X"`; not `what he called "…"`),
 * or after "known as"; a cue of its own (`…," he said`) or a passive's
 * agent (`was dubbed "…" by the press`) makes it speech. */
static bool given_name(const qctx *ctx, size_t qi)
{
    const qattr *a = &ctx->attr[qi];
    if (a->ob < a->lb + 2)
        return false;
    uint32_t v = a->ob - 1;
    if (!(qctx_wref(ctx, v)->flags & QW_NAMING))
        return false;
    bool known = false;
    if (qctx_word_is(ctx, v, "as")) {
        known = qctx_word_is(ctx, v - 1, "known");
        if (!known)
            return false;
        v--;
    } else if (!qctx_word_is(ctx, v, "dubbed") && !qctx_word_is(ctx, v, "called") &&
               !qctx_word_is(ctx, v, "nicknamed")) {
        return false;
    }
    if (a->how == HOW_CUE && (a->cue != (int32_t)v || a->has_np))
        return false;
    if (known)
        return true;
    if (qctx_is_passive_aux(ctx, v - 1)) {
        /* An agent the cue rules could not name ("by fans"). */
        for (uint32_t k = a->ca; k < a->rb && !(qctx_wref(ctx, k)->flags & QX_TERMINAL); k++) {
            if (qctx_word_is(ctx, k, "by"))
                return false;
        }
        return true;
    }
    enum {
        SUBJECT_OR_CLAUSE = QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QW_PRON_PERSON |
                            QW_PRON_GROUP | QW_RELATIVE | QW_AUX | QW_STOP | QW_CUE | QW_CUE_ING,
    };
    return v - 1 >= a->lb && !(qctx_wref(ctx, v - 1)->flags & SUBJECT_OR_CLAUSE);
}

/* Whether word `i`, outside quotations, is a plain lower-case word: none
 * of the lexicon's function words, cues, pronouns or names. */
static bool plain_word(const qctx *ctx, uint32_t i)
{
    enum {
        NOT_PLAIN = QX_CAP | QX_ACRONYM | QX_PUNCT | QX_POSS | QW_CUE | QW_CUE_ING | QW_STOP |
                    QW_DET | QW_PREP | QW_AUX | QW_NAMING | QW_PRON_PERSON | QW_PRON_GROUP |
                    QW_RELATIVE,
    };
    return i < ctx->nw && ctx->w[i].quote < 0 && !(ctx->w[i].flags & NOT_PLAIN);
}

/* Whether a verb ("was", "has") stands in words [from, to): a clause of
 * its own, reported by the cue before it. */
static bool verb_between(const qctx *ctx, uint32_t from, uint32_t to)
{
    for (uint32_t k = from; k < to; k++) {
        if (ctx->w[k].flags & QW_AUX)
            return true;
    }
    return false;
}

/* Whether quotation `qi` is a term the sentence names as a term: right
 * after "so-called", "the term", "the phrase", "the expression" or "the
 * concept (notion, idea) of" ("introduced the concept of "zonal
 * marking""). */
static bool named_term(const qctx *ctx, size_t qi)
{
    const qattr *a = &ctx->attr[qi];
    if (a->ob < a->lb + 2 || ctx->w[a->ob - 1].quote >= 0)
        return false;
    uint32_t b = a->ob - 1;
    if (qctx_word_is(ctx, b, "so-called"))
        return true;
    if (qctx_word_is(ctx, b, "of")) {
        b--;
        if (!qctx_word_is(ctx, b, "concept") && !qctx_word_is(ctx, b, "notion") &&
            !qctx_word_is(ctx, b, "idea"))
            return false;
    } else if (!qctx_word_is(ctx, b, "term") && !qctx_word_is(ctx, b, "phrase") &&
               !qctx_word_is(ctx, b, "expression")) {
        return false;
    }
    return b > a->lb && qctx_is_article(ctx, b - 1);
}

/* The patterns of writers_term() read in the clause of quotation `qi`;
 * `named`: a cue names its speaker. */
static bool term_in_clause(const qctx *ctx, size_t qi, bool named)
{
    const qattr *a = &ctx->attr[qi];
    if (named_term(ctx, qi))
        return true;
    if (a->how == HOW_CUE && a->cue > (int32_t)a->lb &&
        qctx_word_is(ctx, (uint32_t)a->cue - 1, "you") && ctx->w[a->cue - 1].quote < 0)
        return true;
    uint32_t b = a->ob - 1;
    if (!named && b > a->lb && plain_word(ctx, b) && qctx_word_is(ctx, b - 1, "of"))
        return true;
    if (a->adjacent || !plain_word(ctx, a->ca) || (named && verb_between(ctx, a->cue_end, b)))
        return false;
    const qword *wb = qctx_wref(ctx, b);
    if (wb->quote >= 0)
        return false;
    uint32_t art = b;
    if (!qctx_is_article(ctx, art)) {
        bool modifier = (wb->flags & (QX_CAP | QX_PUNCT)) == QX_CAP || plain_word(ctx, b);
        if (b == a->lb || !modifier || !qctx_is_article(ctx, b - 1))
            return false;
        art = b - 1;
    }
    /* "hailed the win as a "special" one": what a cue's "as" names. */
    return art == a->lb || !(ctx->w[art - 1].flags & QW_NAMING);
}

/* Whether short quotation `qi` (of three words or fewer) is the writer's
 * term, not words anyone is reported saying, though a cue stands in its
 * clause (kind other): a named term (named_term()), or the same words named
 * so elsewhere in the article when no cue here names a speaker; a thought
 * put to a generic "you" ("You think "oh no" - then …"); a catch-phrase
 * inside a noun phrase, after "of" and a modifier, that no cue gives a
 * speaker ("criticised for the absence of traditional "Gallic flair""); a
 * quoted word modifying the noun after it, with an article before it, that
 * its cue does not frame directly ("citing a "shield" law", "the "three
 * strikes" rule"; not in a clause the cue reports, "said it was an
 * "odd" day", nor named by "as", "hailed it as a "great" win"). A cue
 * after it ("…," he said) frames it: speech. */
static bool writers_term(const qctx *ctx, size_t qi)
{
    const qattr *a = &ctx->attr[qi];
    if ((a->how == HOW_CUE && a->cue >= (int32_t)a->ca) || a->ob <= a->lb)
        return false;
    const qmark_quote *q = &ctx->quotes.items[qi];
    bool named = a->how == HOW_CUE && (a->has_np || a->entity >= 0);
    if (term_in_clause(ctx, qi, named))
        return qctx_count_words(ctx->text + q->start, q->end - q->start, 4) <= 3 &&
               !qctx_heading_at(ctx, a->ob);
    if (named || qctx_count_words(ctx->text + q->start, q->end - q->start, 4) > 3 ||
        qctx_heading_at(ctx, a->ob))
        return false;
    size_t n = q->end - q->start;
    size_t from = qi > Q_LOOKBACK ? qi - Q_LOOKBACK : 0;
    size_t to = qi + Q_LOOKBACK < ctx->quotes.count ? qi + Q_LOOKBACK : ctx->quotes.count;
    for (size_t k = from; k < to; k++) {
        const qmark_quote *o = &ctx->quotes.items[k];
        if (k != qi && o->end - o->start == n &&
            qctx_find_ci(ctx->text + o->start, n, ctx->text + q->start, n) && named_term(ctx, k))
            return true;
    }
    return false;
}

/* Whether short quotation `qi` is the words of a record: a lower-case noun
 * phrase of two or three words, no article of its own, right after a
 * preposition and ending its clause, as a charge, a diagnosis or a
 * licence's terms are quoted ("his arrest for "lewd behaviour", and",
 * "suffering from "severe flu-like symptoms".", "sold for "personal
 * enjoyment" and"): someone's words, though the sentence names no one.
 * `words` is the count of its words (up to 4). */
bool qctx_words_of_record(const qctx *ctx, size_t qi, size_t words)
{
    const qmark_quote *q = &ctx->quotes.items[qi];
    const qattr *a = &ctx->attr[qi];
    if (words < 2 || words > 3 || a->ob == 0 || a->ob >= ctx->nw || q->end >= ctx->len)
        return false;
    const qword *before = qctx_wref(ctx, a->ob - 1);
    unsigned char first = (unsigned char)ctx->text[q->start];
    if (!(before->flags & QW_PREP) || (before->flags & QX_CAP) || before->quote >= 0 ||
        first < 'a' || first > 'z')
        return false;
    uint32_t w = a->ob;
    while (w < a->ca && ctx->toks[w].start < q->start)
        w++; /* past the opening mark */
    if (qctx_is_article(ctx, w))
        return false;
    for (uint32_t i = q->start; i < q->end; i++) {
        unsigned char c = (unsigned char)ctx->text[i];
        if ((c >= 'A' && c <= 'Z') || c == ',' || c == '.' || c == '!' || c == '?')
            return false;
    }
    size_t i = q->after_close;
    while (i < ctx->len && ctx->text[i] == ' ')
        i++;
    if (i >= ctx->len || ctx->text[i] == ',' || ctx->text[i] == '.' || ctx->text[i] == ';' ||
        ctx->text[i] == '\n' || ctx->text[i] == '\r')
        return true;
    return a->ca < ctx->nw && qctx_word_is(ctx, a->ca, "and");
}

bool qctx_is_label(const qctx *ctx, size_t qi)
{
    return is_nickname(ctx, qi) || given_name(ctx, qi) || writers_term(ctx, qi);
}
