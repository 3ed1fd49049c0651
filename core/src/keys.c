/* keys.c - object keys, stored once per distinct text; see keys.h. */
#include "keys.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"

/* What the set may keep from one document to the next. */
#define KEYS_KEEP_COUNT 1024
#define KEYS_KEEP_BYTES (64 * 1024)

void tp_keys_init(tp_keys *keys)
{
    memset(keys, 0, sizeof *keys);
    tp_arena_init(&keys->arena);
}

void tp_keys_free(tp_keys *keys)
{
    tp_arena_free(&keys->arena);
    free(keys->slots);
    tp_keys_init(keys);
}

void tp_keys_trim(tp_keys *keys)
{
    if (keys->count <= KEYS_KEEP_COUNT && tp_arena_used(&keys->arena) <= KEYS_KEEP_BYTES)
        return;
    tp_arena_reset(&keys->arena);
    free(keys->slots);
    keys->slots = NULL;
    keys->cap = keys->count = 0;
    memset(keys->recent, 0, sizeof keys->recent);
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
