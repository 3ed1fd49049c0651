/* report_table.c - a string-keyed table with open addressing; see report.h.
 * Speakers and groups number in the thousands for a large run, so lookups
 * must not be linear. */
#include <stdlib.h>
#include <string.h>

#include "report.h"

static uint64_t hash(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

void rtable_init(rtable *t, size_t item_size)
{
    memset(t, 0, sizeof *t);
    t->item_size = item_size;
}

void rtable_free(rtable *t)
{
    for (size_t i = 0; i < t->count; i++)
        free(t->keys[i]);
    free(t->keys);
    free(t->slots);
    free(t->items);
    memset(t, 0, sizeof *t);
}

static bool grow_slots(rtable *t)
{
    size_t n = t->slot_count ? t->slot_count * 2 : 64;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return false;
    for (size_t i = 0; i < t->count; i++) {
        size_t j = hash(t->keys[i], strlen(t->keys[i])) & (n - 1);
        while (slots[j])
            j = (j + 1) & (n - 1);
        slots[j] = (uint32_t)(i + 1);
    }
    free(t->slots);
    t->slots = slots;
    t->slot_count = n;
    return true;
}

static bool grow_items(rtable *t)
{
    size_t n = t->item_cap ? t->item_cap * 2 : 64;
    unsigned char *items = realloc(t->items, n * t->item_size);
    if (!items)
        return false;
    t->items = items;
    char **keys = realloc(t->keys, n * sizeof *keys);
    if (!keys)
        return false;
    t->keys = keys;
    t->item_cap = n;
    return true;
}

void *rtable_get(rtable *t, const char *key, size_t len, bool *created)
{
    if (created)
        *created = false;
    if ((t->count + 1) * 2 > t->slot_count && !grow_slots(t))
        return NULL;
    size_t mask = t->slot_count - 1;
    size_t j = hash(key, len) & mask;
    while (t->slots[j]) {
        size_t i = t->slots[j] - 1;
        if (strlen(t->keys[i]) == len && memcmp(t->keys[i], key, len) == 0)
            return t->items + i * t->item_size;
        j = (j + 1) & mask;
    }
    if (t->count == t->item_cap && !grow_items(t))
        return NULL;
    char *copy = malloc(len + 1);
    if (!copy)
        return NULL;
    memcpy(copy, key, len);
    copy[len] = '\0';
    size_t i = t->count++;
    t->keys[i] = copy;
    t->slots[j] = (uint32_t)(i + 1);
    void *item = t->items + i * t->item_size;
    memset(item, 0, t->item_size);
    if (created)
        *created = true;
    return item;
}

void *rtable_item(const rtable *t, size_t index)
{
    return t->items + index * t->item_size;
}

const char *rtable_key(const rtable *t, size_t index)
{
    return t->keys[index];
}
