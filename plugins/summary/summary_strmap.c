/* summary_strmap.c - open-addressing string map (see summary_strmap.h). */
#include "summary_strmap.h"

#include <stdlib.h>
#include <string.h>

#include <tpipe/error.h>

/* FNV-1a: short keys (words), good enough spread, no dependencies. */
static uint64_t hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ull;
    }
    /* FNV's low bits mix poorly and the table is indexed by them: fold the
     * high half in (the finaliser of MurmurHash3). */
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    return h;
}

void tp_summary_strmap_init(tp_summary_strmap *map)
{
    memset(map, 0, sizeof *map);
}

void tp_summary_strmap_free(tp_summary_strmap *map)
{
    free(map->slots);
    free(map->key_off);
    free(map->key_len);
    free(map->values);
    free(map->keys);
    tp_summary_strmap_init(map);
}

void tp_summary_strmap_clear(tp_summary_strmap *map)
{
    if (map->slots)
        memset(map->slots, 0, map->slot_count * sizeof *map->slots);
    map->count = 0;
    map->keys_len = 0;
}

long tp_summary_strmap_find(const tp_summary_strmap *map, const char *key, size_t len)
{
    if (!map->slot_count)
        return -1;
    size_t mask = map->slot_count - 1;
    for (size_t i = hash_bytes(key, len) & mask;; i = (i + 1) & mask) {
        uint32_t s = map->slots[i];
        if (!s)
            return -1;
        size_t e = s - 1;
        if (map->key_len[e] == len && memcmp(map->keys + map->key_off[e], key, len) == 0)
            return (long)e;
    }
}

static int grow_slots(tp_summary_strmap *map)
{
    size_t n = map->slot_count ? map->slot_count * 2 : 256;
    uint32_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return TP_ENOMEM;
    for (size_t e = 0; e < map->count; e++) {
        size_t i = hash_bytes(map->keys + map->key_off[e], map->key_len[e]) & (n - 1);
        while (slots[i])
            i = (i + 1) & (n - 1);
        slots[i] = (uint32_t)(e + 1);
    }
    free(map->slots);
    map->slots = slots;
    map->slot_count = n;
    return 0;
}

static int grow_entries(tp_summary_strmap *map)
{
    size_t n = map->cap ? map->cap * 2 : 128;
    uint32_t *off = realloc(map->key_off, n * sizeof *off);
    if (!off)
        return TP_ENOMEM;
    map->key_off = off;
    uint32_t *len = realloc(map->key_len, n * sizeof *len);
    if (!len)
        return TP_ENOMEM;
    map->key_len = len;
    int64_t *values = realloc(map->values, n * sizeof *values);
    if (!values)
        return TP_ENOMEM;
    map->values = values;
    map->cap = n;
    return 0;
}

int tp_summary_strmap_intern(tp_summary_strmap *map, const char *key, size_t len, int64_t value,
                             size_t *entry, int *added)
{
    long found = tp_summary_strmap_find(map, key, len);
    if (added)
        *added = found < 0;
    if (found >= 0) {
        *entry = (size_t)found;
        return 0;
    }
    if (len > UINT32_MAX / 2 || map->count >= UINT32_MAX - 1)
        return TP_ENOMEM;
    /* Keep the load factor under one half so probes stay short. */
    if ((map->count + 1) * 2 > map->slot_count && grow_slots(map) < 0)
        return TP_ENOMEM;
    if (map->count == map->cap && grow_entries(map) < 0)
        return TP_ENOMEM;
    if (map->keys_len + len + 1 > map->keys_cap) {
        size_t n = map->keys_cap ? map->keys_cap : 4096;
        while (n < map->keys_len + len + 1)
            n *= 2;
        if (n > UINT32_MAX)
            return TP_ENOMEM;
        char *keys = realloc(map->keys, n);
        if (!keys)
            return TP_ENOMEM;
        map->keys = keys;
        map->keys_cap = n;
    }
    size_t e = map->count++;
    map->key_off[e] = (uint32_t)map->keys_len;
    map->key_len[e] = (uint32_t)len;
    map->values[e] = value;
    memcpy(map->keys + map->keys_len, key, len);
    map->keys[map->keys_len + len] = '\0';
    map->keys_len += len + 1;
    size_t mask = map->slot_count - 1;
    size_t i = hash_bytes(key, len) & mask;
    while (map->slots[i])
        i = (i + 1) & mask;
    map->slots[i] = (uint32_t)(e + 1);
    *entry = e;
    return 0;
}
