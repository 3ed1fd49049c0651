/* keys.c - object keys, stored once per distinct text; see keys.h. */
#include "keys.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* What the set may keep from one document to the next. */
#define KEYS_KEEP_COUNT 1024
#define KEYS_KEEP_BYTES (64 * 1024)
#define KEYS_KEEP_SHAPES 256

void tp_keys_init(tp_keys *keys)
{
    memset(keys, 0, sizeof *keys);
    tp_arena_init(&keys->arena);
}

void tp_keys_free(tp_keys *keys)
{
    tp_arena_free(&keys->arena);
    free(keys->slots);
    free(keys->shapes);
    tp_keys_init(keys);
}

void tp_keys_trim(tp_keys *keys)
{
    if (keys->count <= KEYS_KEEP_COUNT && tp_arena_used(&keys->arena) <= KEYS_KEEP_BYTES &&
        keys->shape_count <= KEYS_KEEP_SHAPES)
        return;
    tp_arena_reset(&keys->arena);
    free(keys->slots);
    keys->slots = NULL;
    keys->cap = keys->count = 0;
    memset(keys->recent, 0, sizeof keys->recent);
    free(keys->shapes);
    keys->shapes = NULL;
    keys->shape_cap = keys->shape_count = 0;
}

/* FNV-1a: keys are short, and only a key not found by pointer is hashed. */
static size_t text_hash(const char *s, size_t len)
{
    uint64_t h = UINT64_C(14695981039346656037);
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * UINT64_C(1099511628211);
    return (size_t)(h ^ h >> 32);
}

/* The slot holding `text`, or the empty slot where it belongs. */
static tp_key **find_slot(const tp_keys *keys, const char *text, size_t len)
{
    size_t mask = keys->cap - 1;
    for (size_t i = text_hash(text, len) & mask;; i = (i + 1) & mask) {
        tp_key **slot = &keys->slots[i];
        if (!*slot || ((*slot)->len == len && memcmp((*slot)->text, text, len) == 0))
            return slot;
    }
}

/* Doubles the table (kept at most half full, so that probes stay short). */
static int grow_slots(tp_keys *keys)
{
    size_t ncap = keys->cap ? keys->cap * 2 : 64;
    tp_key **old = keys->slots;
    size_t old_cap = keys->cap;
    keys->slots = calloc(ncap, sizeof *keys->slots);
    if (!keys->slots) {
        keys->slots = old;
        return -1;
    }
    keys->cap = ncap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i])
            *find_slot(keys, old[i]->text, old[i]->len) = old[i];
    free(old);
    return 0;
}

/* A new key for text[0..len), its JSON member name made once here. */
static tp_key *key_new(tp_keys *keys, const char *text, size_t len)
{
    tp_strbuf json = TP_STRBUF_INIT;
    tp_strbuf_addch(&json, ',');
    tp_strbuf_add_json_string(&json, text, len);
    tp_strbuf_addch(&json, ':');
    tp_key *k = NULL;
    if (json.oom || json.len > UINT32_MAX || len > UINT32_MAX)
        goto done;
    size_t padded = ((json.len + 15) & ~(size_t)15) + 16;
    k = tp_arena_alloc(&keys->arena, sizeof *k + len + 1);
    char *copy = tp_arena_alloc(&keys->arena, padded);
    if (!k || !copy) {
        k = NULL;
        goto done;
    }
    memcpy(copy, json.buf, json.len);
    memset(copy + json.len, 0, padded - json.len);
    k->json = copy;
    k->json_len = (uint32_t)json.len;
    k->len = (uint32_t)len;
    memcpy(k->text, text, len + 1);
done:
    tp_strbuf_release(&json);
    return k;
}

static const tp_key *find_or_add(tp_keys *keys, const char *text)
{
    size_t len = strlen(text);
    if ((keys->count + 1) * 2 > keys->cap && grow_slots(keys))
        return NULL;
    tp_key **slot = find_slot(keys, text, len);
    if (!*slot) {
        *slot = key_new(keys, text, len);
        if (!*slot)
            return NULL;
        keys->count++;
    }
    return *slot;
}

const tp_key *tp_keys_intern_slow(tp_keys *keys, const char *text)
{
    const tp_key *k = find_or_add(keys, text);
    if (k) {
        size_t r = tp_keys_recent_slot(text);
        keys->recent[r].from = text;
        keys->recent[r].key = k;
    }
    return k;
}

/* The slot of shape `id` in keys->shapes, or the empty slot where it
 * belongs (ids are never 0, the id of empty slots). */
static struct tp_keys_shape *shape_slot(const tp_keys *keys, uint64_t id)
{
    size_t mask = keys->shape_cap - 1;
    for (size_t i = (size_t)id & mask;; i = (i + 1) & mask) {
        struct tp_keys_shape *slot = &keys->shapes[i];
        if (slot->id == 0 || slot->id == id)
            return slot;
    }
}

/* Doubles the shape table (kept at most half full). */
static int grow_shapes(tp_keys *keys)
{
    size_t ncap = keys->shape_cap ? keys->shape_cap * 2 : 16;
    struct tp_keys_shape *old = keys->shapes;
    size_t old_cap = keys->shape_cap;
    keys->shapes = calloc(ncap, sizeof *keys->shapes);
    if (!keys->shapes) {
        keys->shapes = old;
        return -1;
    }
    keys->shape_cap = ncap;
    for (size_t i = 0; i < old_cap; i++)
        if (old[i].id)
            *shape_slot(keys, old[i].id) = old[i];
    free(old);
    return 0;
}

/* The keys of a shape new to this set, in its arena. */
static const tp_key **intern_shape(tp_keys *keys, const char *const *texts, size_t count)
{
    const tp_key **list = tp_arena_alloc(&keys->arena, (count ? count : 1) * sizeof *list);
    for (size_t i = 0; list && i < count; i++) {
        list[i] = tp_keys_intern(keys, texts[i]);
        if (!list[i])
            return NULL;
    }
    return list;
}

const tp_key *const *tp_keys_of_shape_slow(tp_keys *keys, uint64_t id, const char *const *texts,
                                           size_t count)
{
    if (keys->shape_cap) {
        struct tp_keys_shape *slot = shape_slot(keys, id);
        if (slot->id)
            return slot->keys;
    }
    if ((keys->shape_count + 1) * 2 > keys->shape_cap && grow_shapes(keys))
        return NULL;
    const tp_key **list = intern_shape(keys, texts, count);
    if (!list)
        return NULL;
    *shape_slot(keys, id) = (struct tp_keys_shape){.id = id, .keys = list};
    keys->shape_count++;
    return list;
}
