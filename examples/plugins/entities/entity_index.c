/* entity_index.c - a later step that reads the `entity` span layer and
 * writes the document's index of names:
 *   "entities": [{"name": "Donald Trump", "type": "person", "mentions": 9}, ...]
 * most mentioned first. A one-word mention that is the first or last word
 * of a person named before ("Trump" after "Donald Trump", "Kim" after "Kim
 * Jong Un") counts for that person.
 *
 * It shows reading another step's spans and their attributes, and scratch
 * memory from the document's arena, which needs no freeing. */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <tpipe/plugin.h>

#include "entities.h"

typedef struct settings {
    int64_t min_mentions;
    bool link_surnames;
} settings;

typedef struct entity {
    const char *name; /* points into the document text */
    size_t len;
    const char *type;
    int64_t mentions;
    size_t first; /* index of the first span */
} entity;

static int load(const tp_config *config, void **out, tp_error *err)
{
    settings *s = malloc(sizeof *s);
    if (!s)
        return tp_error_set(err, TP_ENOMEM, "entity_index: out of memory");
    s->min_mentions = tp_config_int(config, "min_mentions");
    s->link_surnames = tp_config_bool(config, "link_surnames");
    *out = s;
    return 0;
}

static void unload(void *shared)
{
    free(shared);
}

/* Whether `e` is a person whose name starts or ends with the word w[0..n):
 * "Trump" for "Donald Trump", "Kim" for "Kim Jong Un". */
static bool short_name_of(const entity *e, const char *w, size_t n)
{
    if (strcmp(e->type, "person") != 0 || e->len <= n + 1)
        return false;
    return (memcmp(e->name, w, n) == 0 && e->name[n] == ' ') ||
           (memcmp(e->name + e->len - n, w, n) == 0 && e->name[e->len - n - 1] == ' ');
}

static int by_mentions(const void *a, const void *b)
{
    const entity *x = a, *y = b;
    if (x->mentions != y->mentions)
        return x->mentions < y->mentions ? 1 : -1;
    return x->first < y->first ? -1 : x->first > y->first;
}

static int process(void *instance, tp_doc *doc, tp_error *err)
{
    const settings *s = instance;
    const char *text = tp_doc_text(doc, NULL);
    size_t nspans;
    const tp_span *spans = tp_doc_spans(doc, "entity", &nspans);

    /* At most one entity per span. The arena memory lives as long as the
     * document; nothing to free. Documents hold few names, so a linear
     * search per span is fine here. */
    entity *ents = tp_doc_alloc(doc, (nspans ? nspans : 1) * sizeof *ents);
    if (!ents)
        return tp_error_set(err, TP_EFATAL, "entity_index: out of memory");
    size_t count = 0;
    for (size_t i = 0; i < nspans; i++) {
        const char *name = text + spans[i].start;
        size_t len = spans[i].end - spans[i].start;
        const char *type = tp_value_as_string(tp_object_get(spans[i].attrs, "type"), NULL);
        bool one_word = memchr(name, ' ', len) == NULL;
        entity *e = NULL;
        for (size_t k = 0; k < count && !e; k++)
            if ((ents[k].len == len && memcmp(ents[k].name, name, len) == 0) ||
                (s->link_surnames && one_word && short_name_of(&ents[k], name, len)))
                e = &ents[k];
        if (!e) {
            e = &ents[count++];
            *e = (entity){.name = name, .len = len, .type = type ? type : "other", .first = i};
        }
        e->mentions++;
    }
    qsort(ents, count, sizeof *ents, by_mentions);

    tp_value *list = tp_value_array(doc);
    for (size_t k = 0; k < count && ents[k].mentions >= s->min_mentions; k++) {
        tp_value *item = tp_value_object(doc);
        if (tp_object_set(doc, item, "name", tp_value_stringn(doc, ents[k].name, ents[k].len)) ||
            tp_object_set(doc, item, "type", tp_value_string(doc, ents[k].type)) ||
            tp_object_set(doc, item, "mentions", tp_value_int(doc, ents[k].mentions)) ||
            tp_array_push(doc, list, item))
            return tp_error_set(err, TP_EFATAL, "entity_index: out of memory");
    }
    if (tp_doc_set_result(doc, "entities", list))
        return tp_error_set(err, TP_EFATAL, "entity_index: out of memory");
    return 0;
}

static const char *const requires[] = {"span:entity", NULL};
static const char *const provides[] = {"doc:entities", NULL};

static const tp_option_spec options[] = {
    {"min_mentions", TP_OPT_INT, "1", "1..", NULL, "list names mentioned at least this often"},
    {"link_surnames", TP_OPT_BOOL, "true", NULL, NULL,
     "count a one-word mention (Trump) for a person named in full before (Donald Trump)"},
    {NULL, 0, NULL, NULL, NULL, NULL},
};

const tp_plugin entity_index_plugin = {
    TP_PLUGIN_INIT,
    .name = "entity_index",
    .version = "1.0.0",
    .description = "Index of the names on the 'entity' layer, most mentioned first",
    .license = "MIT",
    .requires = requires,
    .provides = provides,
    .options = options,
    .load = load,
    .process = process,
    .unload = unload,
};
