/* wordtable.c - see wordtable.h. */
#include <stdlib.h>
#include <string.h>

#include "wordtable.h"

static unsigned char lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* FNV-1a over the lower-cased bytes. */
static uint32_t hash_of(const char *s, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ lower((unsigned char)s[i])) * 16777619u;
    return h;
}

static bool same(const wordentry *e, uint32_t h, const char *s, size_t n)
{
    if (e->hash != h || e->len != n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (lower((unsigned char)e->key[i]) != lower((unsigned char)s[i]))
            return false;
    return true;
}

static wordentry *slot_for(const wordtable *t, uint32_t h, const char *s, size_t n)
{
    size_t mask = t->cap - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask)
        if (!t->slots[i].used || same(&t->slots[i], h, s, n))
            return &t->slots[i];
}

/* Doubles the table (the first time: 256 slots) and re-inserts every entry. */
static int grow(wordtable *t)
{
    size_t cap = t->cap ? t->cap * 2 : 256;
    wordentry *slots = calloc(cap, sizeof *slots);
    if (!slots)
        return -1;
    wordtable bigger = {.slots = slots, .cap = cap, .count = t->count, .owns_keys = t->owns_keys};
    for (size_t i = 0; i < t->cap; i++)
        if (t->slots[i].used)
            *slot_for(&bigger, t->slots[i].hash, t->slots[i].key, t->slots[i].len) = t->slots[i];
    free(t->slots);
    *t = bigger;
    return 0;
}

int wordtable_put(wordtable *t, const char *key, size_t len, wordentry **entry)
{
    /* Keep the load under one half so that probes stay short. */
    if ((t->count + 1) * 2 > t->cap && grow(t))
        return -1;
    uint32_t h = hash_of(key, len);
    wordentry *e = slot_for(t, h, key, len);
    if (!e->used) {
        const char *k = key;
        if (t->owns_keys) {
            char *copy = malloc(len + 1);
            if (!copy)
                return -1;
            memcpy(copy, key, len);
            copy[len] = '\0';
            k = copy;
        }
        *e = (wordentry){.key = k, .len = len, .hash = h, .used = true};
        t->count++;
    }
    *entry = e;
    return 0;
}

const wordentry *wordtable_get(const wordtable *t, const char *key, size_t len)
{
    if (!t->count)
        return NULL;
    const wordentry *e = slot_for(t, hash_of(key, len), key, len);
    return e->used ? e : NULL;
}

void wordtable_clear(wordtable *t)
{
    if (!t->count)
        return;
    for (size_t i = 0; t->owns_keys && i < t->cap; i++)
        if (t->slots[i].used)
            free((void *)t->slots[i].key);
    memset(t->slots, 0, t->cap * sizeof *t->slots);
    t->count = 0;
}

void wordtable_free(wordtable *t)
{
    wordtable_clear(t);
    free(t->slots);
    t->slots = NULL;
    t->cap = 0;
}

size_t wordtable_count(const wordtable *t)
{
    return t->count;
}

wordentry *wordtable_next(wordtable *t, wordentry *e)
{
    for (e = e ? e + 1 : t->slots; e && e < t->slots + t->cap; e++)
        if (e->used)
            return e;
    return NULL;
}

wordentry *wordtable_first(wordtable *t)
{
    return wordtable_next(t, NULL);
}
