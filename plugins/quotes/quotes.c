/* quotes.c - the quotes plugin: quotations, their kind and their speaker.
 *
 * Reads tokens, sentences and paragraphs; writes the "quote" span layer and
 * the "quotes" result (who was quoted, how often, where). */
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "context.h"
#include "lexicon.h"

extern const char tp_quotes_verbs_data[];
extern const unsigned long tp_quotes_verbs_data_len;
extern const char tp_quotes_titles_data[];
extern const unsigned long tp_quotes_titles_data_len;
extern const char tp_quotes_forenames_data[];
extern const unsigned long tp_quotes_forenames_data_len;

enum { ATTR_FULL = 0, ATTR_CUE, ATTR_NONE };

/* The attributes every quote span has, in the order of its record;
 * "paragraphs" and "unclosed" follow when they say something. */
enum { KEY_TEXT, KEY_SPEAKER, KEY_MENTION, KEY_CUE, KEY_KIND, NKEYS };
static const char *const span_keys[NKEYS] = {"text", "speaker", "speaker_mention", "cue", "kind"};
static const char *const mention_keys[] = {"text", "start", "end"};
static const char *const speaker_keys[] = {"name", "quotes", "spans"};
static const char *const result_keys[] = {"count", "speech", "speakers"};

/* The shapes of what the step writes many times, prepared once. */
typedef struct shapes {
    tp_shape *span, *mention, *speaker, *result;
} shapes;

typedef struct shared {
    qlex lex;
    int attribution;
    bool keep_other;
    shapes shapes;
} shared;

#define COUNT_OF(a) (sizeof(a) / sizeof *(a))

static void shapes_free(shapes *sp)
{
    tp_shape_free(sp->span);
    tp_shape_free(sp->mention);
    tp_shape_free(sp->speaker);
    tp_shape_free(sp->result);
}

static int shapes_init(shapes *sp)
{
    int rc = tp_shape_new(span_keys, NKEYS, &sp->span);
    if (rc == 0)
        rc = tp_shape_new(mention_keys, COUNT_OF(mention_keys), &sp->mention);
    if (rc == 0)
        rc = tp_shape_new(speaker_keys, COUNT_OF(speaker_keys), &sp->speaker);
    if (rc == 0)
        rc = tp_shape_new(result_keys, COUNT_OF(result_keys), &sp->result);
    return rc;
}

static void unload(void *p)
{
    shared *sh = p;
    if (!sh)
        return;
    qlex_free(&sh->lex);
    shapes_free(&sh->shapes);
    free(sh);
}

static int load(const tp_config *config, void **out, tp_error *err)
{
    shared *sh = calloc(1, sizeof *sh);
    if (!sh || qlex_init(&sh->lex) != 0) {
        free(sh);
        return tp_error_set(err, TP_ENOMEM, "quotes: out of memory loading the word lists");
    }
    if (shapes_init(&sh->shapes) != 0) {
        unload(sh);
        return tp_error_set(err, TP_ENOMEM, "quotes: out of memory");
    }
    size_t bad = 0;
    int rc = qlex_add_verbs(&sh->lex, tp_quotes_verbs_data, tp_quotes_verbs_data_len);
    if (rc == 0)
        rc = qlex_add_classes(&sh->lex, tp_quotes_titles_data, tp_quotes_titles_data_len, &bad);
    const char *bad_file = "titles.txt";
    if (rc == 0) {
        bad_file = "forenames.txt";
        rc = qlex_add_forenames(&sh->lex, tp_quotes_forenames_data, tp_quotes_forenames_data_len,
                                &bad);
    }
    /* Pronouns and relatives are closed classes: fixed here, not in a list. */
    static const struct {
        const char *word;
        uint32_t flags;
    } fixed[] = {
        {"he", QW_PRON_PERSON}, {"she", QW_PRON_PERSON}, {"they", QW_PRON_GROUP},
        {"it", QW_PRON_GROUP},  {"who", QW_RELATIVE},    {"which", QW_RELATIVE},
        {"whose", QW_RELATIVE}, {"whom", QW_RELATIVE},   {"where", QW_RELATIVE},
    };
    for (size_t i = 0; rc == 0 && i < sizeof fixed / sizeof fixed[0]; i++)
        rc = qlex_add(&sh->lex, fixed[i].word, strlen(fixed[i].word), fixed[i].flags, 0);
    for (size_t i = 0; rc == 0 && i < tp_config_list_count(config, "reporting_verbs"); i++) {
        const char *v = tp_config_list_item(config, "reporting_verbs", i);
        rc = qlex_add_verb(&sh->lex, v, strlen(v));
    }
    for (size_t i = 0; rc == 0 && i < tp_config_list_count(config, "roles"); i++) {
        const char *v = tp_config_list_item(config, "roles", i);
        rc = qlex_add_role(&sh->lex, v, strlen(v), 0);
    }
    if (rc != 0) {
        unload(sh);
        if (rc == TP_EPARSE)
            return tp_error_set(err, TP_EFATAL, "quotes: %s line %zu: unknown class", bad_file,
                                bad);
        return tp_error_set(err, TP_ENOMEM, "quotes: out of memory loading the word lists");
    }
    const char *attr = tp_config_string(config, "attribution");
    sh->attribution = !attr || strcmp(attr, "full") == 0 ? ATTR_FULL
                      : strcmp(attr, "cue") == 0     ? ATTR_CUE
                                                     : ATTR_NONE;
    sh->keep_other = tp_config_bool(config, "keep_other");
    *out = sh;
    return 0;
}

typedef struct instance {
    const shared *sh;
    qctx ctx;
} instance;

static int create(void *p, const tp_config *config, void **out, tp_error *err)
{
    (void)config;
    instance *in = calloc(1, sizeof *in);
    if (!in)
        return tp_error_set(err, TP_ENOMEM, "quotes: out of memory");
    in->sh = p;
    qctx_init(&in->ctx, &in->sh->lex);
    *out = in;
    return 0;
}

static void destroy(void *p)
{
    instance *in = p;
    if (!in)
        return;
    qctx_free(&in->ctx);
    free(in);
}

/* The words of an entity's fullest mention, without a glued possessive,
 * with the number a stage name opens or ends with ("50 Cent", "Andre
 * 3000"). */
static tp_value *entity_name(tp_doc *doc, const qctx *ctx, int32_t e)
{
    const qentity *E = &ctx->ents[e];
    uint32_t first = E->name_first - qctx_number_opens_name(ctx, E->name_first);
    uint32_t s = ctx->toks[first].start;
    uint32_t last = E->name_first + E->name_n - 1;
    uint32_t t = ctx->toks[last + qctx_number_ends_name(ctx, last)].end;
    if (t - s > 2 && ctx->text[t - 2] == '\'' && ctx->text[t - 1] == 's')
        t -= 2;
    /* Corporate suffixes are not part of the name people use (ABC Inc.). */
    if (E->name_n > 1 && (qctx_word_is(ctx, last, "inc.") || qctx_word_is(ctx, last, "inc") ||
                          qctx_word_is(ctx, last, "ltd") || qctx_word_is(ctx, last, "plc") ||
                          qctx_word_is(ctx, last, "corp.") || qctx_word_is(ctx, last, "ltd.")))
        t = ctx->toks[last - 1].end;
    /* "Ahmed 'Mido' Hossam" is Ahmed Hossam: a nickname inside the name (a
     * quotation, names.c's join_nickname()) is left out. */
    bool outside = ctx->w[E->name_first].quote < 0;
    for (uint32_t k = E->name_first + 1; outside && E->name_n > 2 && k < last; k++) {
        int32_t q = ctx->w[k].quote;
        if (q < 0)
            continue;
        uint32_t before = ctx->toks[k - 1].end, after = ctx->toks[ctx->attr[q].ca].start;
        char buf[256];
        size_t n1 = before - s, n2 = t - after;
        if (after >= t || n1 + 1 + n2 > sizeof buf)
            break;
        memcpy(buf, ctx->text + s, n1);
        buf[n1] = ' ';
        memcpy(buf + n1 + 1, ctx->text + after, n2);
        return tp_value_stringn(doc, buf, n1 + 1 + n2);
    }
    return tp_value_stringn(doc, ctx->text + s, t - s);
}

static int fail(tp_error *err, int rc)
{
    if (rc == TP_ENOMEM)
        return tp_error_set(err, TP_EDOC, "quotes: out of memory");
    return tp_error_set(err, TP_EDOC, "quotes: could not write the result (%s)", tp_strerror(rc));
}

/* What the spans of one document share: the scalar values written many
 * times (values are never changed once made, so one copy serves every span),
 * the kinds and each speaker's name made on first use. */
typedef struct writer {
    tp_doc *doc;
    const qctx *ctx;
    const shapes *shapes;
    tp_value *null, *speech, *other, *yes;
    tp_value **names; /* per entity, NULL until needed */
} writer;

/* The values the spans share, for a document with quotations. */
static int writer_init(writer *wr)
{
    tp_doc *doc = wr->doc;
    size_t nents = wr->ctx->nents;
    wr->null = tp_value_null(doc);
    wr->yes = tp_value_bool(doc, true);
    wr->names = nents ? tp_doc_alloc(doc, nents * sizeof *wr->names) : NULL;
    if (!wr->null || !wr->yes || (nents && !wr->names))
        return TP_ENOMEM;
    if (nents)
        memset(wr->names, 0, nents * sizeof *wr->names);
    return 0;
}

/* "speech" or "other", made once per document when first written (many
 * documents list no "other"). */
static tp_value *kind_value(writer *wr, bool speech)
{
    tp_value **kind = speech ? &wr->speech : &wr->other;
    if (!*kind)
        *kind = tp_value_string(wr->doc, speech ? "speech" : "other");
    return *kind;
}

static tp_value *speaker_name(writer *wr, int32_t e)
{
    if (!wr->names[e])
        wr->names[e] = entity_name(wr->doc, wr->ctx, e);
    return wr->names[e];
}

/* The text of tokens [a, b) (b > a). */
static tp_value *tokens_text(writer *wr, uint32_t a, uint32_t b)
{
    uint32_t s = wr->ctx->toks[a].start, t = wr->ctx->toks[b - 1].end;
    return tp_value_stringn(wr->doc, wr->ctx->text + s, t - s);
}

/* {text, start, end} of the words that name the speaker, or null. */
static tp_value *mention_value(writer *wr, const qnp *np)
{
    uint32_t a = np->kind == NP_ROLE ? np->first : np->name_first;
    uint32_t b = np->kind == NP_ROLE ? np->end : np->name_end;
    /* The number a stage name ends with, read on by the cue ("Andre 3000"). */
    if (np->kind == NP_NAME && np->end == b + 1 && wr->ctx->toks[b].kind == TP_TOK_NUMBER)
        b++;
    if (b <= a)
        return wr->null;
    tp_doc *doc = wr->doc;
    tp_value *values[] = {tokens_text(wr, a, b), tp_value_int(doc, wr->ctx->toks[a].start),
                          tp_value_int(doc, wr->ctx->toks[b - 1].end)};
    return tp_value_object_shaped(doc, wr->shapes->mention, values);
}

static tp_value *paragraphs_value(writer *wr, const qmark_quote *q)
{
    tp_value *paras = tp_value_array(wr->doc);
    int rc = 0;
    for (uint32_t k = q->para_first; k <= q->para_last; k++)
        rc |= tp_array_push(wr->doc, paras, tp_value_int(wr->doc, k));
    return rc ? NULL : paras;
}

/* The attributes of quotation `qi`'s span. */
static tp_value *span_attrs(writer *wr, uint32_t qi)
{
    const qmark_quote *q = &wr->ctx->quotes.items[qi];
    const qattr *a = &wr->ctx->attr[qi];
    tp_doc *doc = wr->doc;
    tp_value *values[NKEYS];
    values[KEY_TEXT] = tp_value_stringn(doc, wr->ctx->text + q->start, q->end - q->start);
    values[KEY_SPEAKER] = a->entity >= 0 ? speaker_name(wr, a->entity) : wr->null;
    values[KEY_MENTION] = a->has_np ? mention_value(wr, &a->np) : wr->null;
    values[KEY_CUE] = a->cue >= 0 && a->speech ? tokens_text(wr, a->cue, a->cue_end) : wr->null;
    values[KEY_KIND] = kind_value(wr, a->speech);
    tp_value *attrs = tp_value_object_shaped(doc, wr->shapes->span, values);
    int rc = 0;
    if (q->para_last > q->para_first)
        rc = tp_object_set(doc, attrs, "paragraphs", paragraphs_value(wr, q));
    if (rc == 0 && q->unclosed)
        rc = tp_object_set(doc, attrs, "unclosed", wr->yes);
    return rc ? NULL : attrs;
}

/* The spans of the listed quotations, added in one call. */
static int write_spans(writer *wr, const uint32_t *listed, size_t nlisted)
{
    tp_span *spans = nlisted ? tp_doc_alloc(wr->doc, nlisted * sizeof *spans) : NULL;
    if (nlisted && !spans)
        return TP_ENOMEM;
    for (size_t k = 0; k < nlisted; k++) {
        const qmark_quote *q = &wr->ctx->quotes.items[listed[k]];
        spans[k] = (tp_span){.start = q->start, .end = q->end, .attrs = span_attrs(wr, listed[k])};
    }
    return tp_doc_add_spans(wr->doc, "quote", spans, nlisted, NULL);
}

typedef struct speaker_row {
    int32_t entity;
    uint32_t quotes;
    uint32_t first;
    tp_value *spans;
} speaker_row;

static int cmp_rows(const void *x, const void *y)
{
    const speaker_row *a = x, *b = y;
    if (a->quotes != b->quotes)
        return a->quotes > b->quotes ? -1 : 1;
    return a->first < b->first ? -1 : a->first > b->first;
}

/* Orders the speakers by number of quotations, most first, then by their
 * first quotation. Most documents have a few: insertion sort, as qsort()
 * costs hundreds of instructions even for two rows; qsort() for many. */
static void sort_rows(speaker_row *rows, size_t nrows)
{
    if (nrows > 16) {
        qsort(rows, nrows, sizeof *rows, cmp_rows);
        return;
    }
    for (size_t i = 1; i < nrows; i++) {
        speaker_row row = rows[i];
        size_t j = i;
        for (; j > 0 && cmp_rows(&rows[j - 1], &row) > 0; j--)
            rows[j] = rows[j - 1];
        rows[j] = row;
    }
}

/* The "quotes" result: counts, and the speakers by number of quotations. */
static int write_result(writer *wr, const uint32_t *listed, size_t nlisted)
{
    tp_doc *doc = wr->doc;
    const qctx *ctx = wr->ctx;
    speaker_row *rows = nlisted ? tp_doc_alloc(doc, nlisted * sizeof *rows) : NULL;
    /* Row of each entity in `rows`, -1 before its first quotation. */
    int32_t *row_of = ctx->nents ? tp_doc_alloc(doc, ctx->nents * sizeof *row_of) : NULL;
    if ((nlisted && !rows) || (ctx->nents && !row_of))
        return TP_ENOMEM;
    for (size_t e = 0; e < ctx->nents; e++)
        row_of[e] = -1;
    size_t nrows = 0, nspeech = 0;
    int rc = 0;
    for (size_t k = 0; k < nlisted; k++) {
        const qmark_quote *q = &ctx->quotes.items[listed[k]];
        const qattr *a = &ctx->attr[listed[k]];
        if (!a->speech)
            continue;
        nspeech++;
        if (a->entity < 0)
            continue;
        size_t r = row_of[a->entity] >= 0 ? (size_t)row_of[a->entity] : nrows;
        if (r == nrows) {
            row_of[a->entity] = (int32_t)nrows;
            rows[nrows].entity = a->entity;
            rows[nrows].quotes = 0;
            rows[nrows].first = q->start;
            rows[nrows].spans = tp_value_array(doc);
            nrows++;
        }
        rows[r].quotes++;
        const int64_t range[] = {q->start, q->end};
        rc |= tp_array_push(doc, rows[r].spans, tp_value_array_of_ints(doc, range, 2));
    }
    if (rc != 0)
        return TP_ENOMEM;
    sort_rows(rows, nrows);
    tp_value *speakers = tp_value_array(doc);
    for (size_t r = 0; r < nrows && rc == 0; r++) {
        tp_value *row[] = {speaker_name(wr, rows[r].entity), tp_value_int(doc, rows[r].quotes),
                           rows[r].spans};
        rc = tp_array_push(doc, speakers, tp_value_object_shaped(doc, wr->shapes->speaker, row));
    }
    tp_value *result[] = {tp_value_int(doc, (int64_t)nlisted), tp_value_int(doc, (int64_t)nspeech),
                          speakers};
    return rc ? rc
              : tp_doc_set_result(doc, "quotes",
                                  tp_value_object_shaped(doc, wr->shapes->result, result));
}

/* The quotations to list, with the attribution the options allow. Returns
 * how many (their indexes in `listed`). */
static size_t select_quotes(const instance *in, qctx *ctx, uint32_t *listed)
{
    size_t n = 0;
    for (size_t qi = 0; qi < ctx->quotes.count; qi++) {
        qattr *a = &ctx->attr[qi];
        if (!a->speech && !in->sh->keep_other)
            continue;
        if (!a->speech || in->sh->attribution == ATTR_NONE ||
            (in->sh->attribution == ATTR_CUE && a->how != HOW_CUE)) {
            a->entity = -1;
            a->has_np = false;
        }
        listed[n++] = (uint32_t)qi;
    }
    return n;
}

static int process(void *p, tp_doc *doc, tp_error *err)
{
    instance *in = p;
    qctx *ctx = &in->ctx;
    int rc = qctx_prepare(ctx, doc);
    if (rc == 0 && ctx->quotes.count > 0)
        rc = qctx_find_entities(ctx);
    if (rc == 0 && ctx->quotes.count > 0)
        rc = qctx_attribute(ctx);
    if (rc != 0)
        return fail(err, rc);

    size_t nq = ctx->quotes.count;
    writer wr = {.doc = doc, .ctx = ctx, .shapes = &in->sh->shapes};
    uint32_t *listed = nq ? tp_doc_alloc(doc, nq * sizeof *listed) : NULL;
    if (nq && (!listed || writer_init(&wr) != 0))
        return fail(err, TP_ENOMEM);
    size_t nlisted = select_quotes(in, ctx, listed);
    rc = write_spans(&wr, listed, nlisted);
    if (rc == 0)
        rc = write_result(&wr, listed, nlisted);
    return rc ? fail(err, rc) : 0;
}

static const char *const requires_[] = {"tokens", "sentences", NULL};
static const char *const reads_[] = {"paragraphs", NULL};
static const char *const provides_[] = {"span:quote", "doc:quotes", NULL};

static const tp_option_spec options_[] = {
    {"attribution", TP_OPT_ENUM, "full", NULL, "full|cue|none",
     "who said it: cues, neighbours and context (full), cue-framed quotes only (cue), or none"},
    {"reporting_verbs", TP_OPT_STRING_LIST, "", NULL, NULL,
     "more reporting verbs (base forms; -s/-ed/-ing forms are added), e.g. [grumble, opine]"},
    {"roles", TP_OPT_STRING_LIST, "", NULL, NULL,
     "more role words kept out of names and used to resolve 'the <role>'"},
    {"keep_other", TP_OPT_BOOL, "true", NULL, NULL,
     "also list quotation marks that are not speech (titles, nicknames, scare quotes)"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

const tp_plugin tp_quotes_plugin = {
    TP_PLUGIN_INIT,
    .name = "quotes",
    .version = "0.1.0",
    .description = "Quotations, their kind and who said them, with a per-speaker summary",
    .license = "MIT",
    .requires = requires_,
    .provides = provides_,
    .reads = reads_,
    .options = options_,
    .load = load,
    .create = create,
    .process = process,
    .destroy = destroy,
    .unload = unload,
};
