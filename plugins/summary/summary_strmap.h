/* summary_strmap.h - a string -> int map with open addressing, for stop
 * words, a document's term dictionary and corpus IDF tables.
 *
 * Keys are copied into the map's own storage. tp_summary_strmap_clear()
 * empties the map but keeps its memory, so a worker reuses one map across
 * documents without allocating per token. Not thread-safe; a map that is
 * only read (after load) may be shared by threads. */
#ifndef TP_SUMMARY_STRMAP_H
#define TP_SUMMARY_STRMAP_H

#include <stddef.h>
#include <stdint.h>

typedef struct tp_summary_strmap {
    uint32_t *slots;   /* 0: empty; else entry index + 1 */
    size_t slot_count; /* power of two */
    uint32_t *key_off; /* per entry: offset of its key in `keys` */
    uint32_t *key_len;
    int64_t *values;
    size_t count, cap;
    char *keys; /* NUL-separated key bytes */
    size_t keys_len, keys_cap;
} tp_summary_strmap;

void tp_summary_strmap_init(tp_summary_strmap *map);
void tp_summary_strmap_free(tp_summary_strmap *map);
void tp_summary_strmap_clear(tp_summary_strmap *map);

/* Looks `key` up; returns its entry index (0..count-1) or -1. */
long tp_summary_strmap_find(const tp_summary_strmap *map, const char *key, size_t len);

/* Finds `key` or adds it with `value`; `*entry` gets the entry index and
 * `*added` (may be NULL) whether it was new. Returns 0 or TP_ENOMEM. */
int tp_summary_strmap_intern(tp_summary_strmap *map, const char *key, size_t len, int64_t value,
                             size_t *entry, int *added);

static inline const char *tp_summary_strmap_key(const tp_summary_strmap *map, size_t entry)
{
    return map->keys + map->key_off[entry];
}

#endif
