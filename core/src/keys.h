/* keys.h - object keys, stored once per distinct text.
 *
 * Plugins set the same few keys ("index", "compound", "speaker", ...) on
 * thousands of objects a document. A document's key set holds each distinct
 * key once, with the member name the JSON output writes for it, and keeps
 * them from one document to the next (up to a budget): objects compare keys
 * by pointer, and the output copies a member name without scanning it. */
#ifndef TPIPE_KEYS_H
#define TPIPE_KEYS_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "arena.h"

typedef struct tp_key {
    /* The member name as JSON with a comma before it: ,"<key escaped>":
     * followed by NULs up to a multiple of 16 bytes and 16 more, so that
     * the output can copy it in 16-byte blocks, also from its second byte. */
    const char *json;
    uint32_t json_len; /* without the padding */
    uint32_t len;      /* of text */
    char text[];       /* NUL-terminated */
} tp_key;

#define TP_KEYS_RECENT 256

typedef struct tp_keys {
    tp_arena arena; /* the keys */
    tp_key **slots; /* hash table by text, open addressing; NULL is empty */
    size_t cap, count;
    /* The keys found last, by the caller's pointer (checked by content: a
     * caller may reuse a buffer for another key). */
    struct {
        const char *from;
        const tp_key *key;
    } recent[TP_KEYS_RECENT];
    /* The keys of each shape used with this set (see tp_keys_of_shape), by
     * shape id: open addressing, NULL keys is empty. */
    struct tp_keys_shape {
        uint64_t id;
        const tp_key **keys;
    } * shapes;
    size_t shape_cap, shape_count;
} tp_keys;

void tp_keys_init(tp_keys *keys);
/* tp_keys_intern() for a text not found among the recent keys. */
const tp_key *tp_keys_intern_slow(tp_keys *keys, const char *text);
/* tp_keys_of_shape() for a shape not in its first slot. */
const tp_key *const *tp_keys_of_shape_slow(tp_keys *keys, uint64_t id, const char *const *texts,
                                           size_t count);
/* Between documents: forgets every key when they take more than a budget,
 * so that documents with ever new keys (metadata) do not grow the set
 * without bound. No key may be in use. */
void tp_keys_trim(tp_keys *keys);
void tp_keys_free(tp_keys *keys);

/* The slot in keys->recent for a caller's pointer: Fibonacci hashing, as
 * the literals of one plugin lie close together and the top bits of the
 * product spread them. */
static inline size_t tp_keys_recent_slot(const char *text)
{
    _Static_assert(TP_KEYS_RECENT == 256, "the slot is the top 8 bits");
    return (size_t)(((uint64_t)(uintptr_t)text * UINT64_C(0x9E3779B97F4A7C15)) >> 56);
}

/* The key whose text is `text`: the same pointer for equal texts until
 * tp_keys_trim() forgets them. NULL when out of memory. Inline, as it runs
 * for every member set: a key passed lately by the same pointer costs one
 * comparison of the texts. */
static inline const tp_key *tp_keys_intern(tp_keys *keys, const char *text)
{
    size_t r = tp_keys_recent_slot(text);
    if (keys->recent[r].from == text && strcmp(keys->recent[r].key->text, text) == 0)
        return keys->recent[r].key;
    return tp_keys_intern_slow(keys, text);
}

/* The keys texts[0..count) of the shape numbered `id` (ids start at 1 and
 * are never reused), interned on the shape's first use with this set and
 * then found by the id alone, until tp_keys_trim() forgets them. NULL when
 * out of memory. Inline, as it runs for every object built from a shape:
 * ids are handed out in sequence, so a shape is nearly always in the slot
 * its low bits name. */
static inline const tp_key *const *tp_keys_of_shape(tp_keys *keys, uint64_t id,
                                                    const char *const *texts, size_t count)
{
    if (keys->shape_cap) {
        const struct tp_keys_shape *slot = &keys->shapes[id & (keys->shape_cap - 1)];
        if (slot->id == id)
            return slot->keys;
    }
    return tp_keys_of_shape_slow(keys, id, texts, count);
}

#endif
