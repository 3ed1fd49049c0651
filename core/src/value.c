/* value.c - JSON-safe value trees allocated from a document's arena. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc_internal.h"

static tp_value *value_new(tp_doc *doc, tp_value_type type)
{
    tp_value *v = tp_arena_alloc(&doc->arena, sizeof *v);
    if (v) {
        memset(v, 0, sizeof *v);
        v->type = type;
    }
    return v;
}

TP_API tp_value *tp_value_null(tp_doc *doc)
{
    return value_new(doc, TP_VALUE_NULL);
}

TP_API tp_value *tp_value_bool(tp_doc *doc, bool b)
{
    tp_value *v = value_new(doc, TP_VALUE_BOOL);
    if (v)
        v->u.b = b;
    return v;
}

TP_API tp_value *tp_value_int(tp_doc *doc, int64_t i)
{
    tp_value *v = value_new(doc, TP_VALUE_INT);
    if (v)
        v->u.i = i;
    return v;
}

TP_API tp_value *tp_value_number(tp_doc *doc, double d)
{
    if (!isfinite(d))
        return value_new(doc, TP_VALUE_NULL);
    tp_value *v = value_new(doc, TP_VALUE_NUMBER);
    if (v)
        v->u.d = d;
    return v;
}

TP_API tp_value *tp_value_stringn(tp_doc *doc, const char *s, size_t len)
{
    if (!s)
        len = 0;
    if (len > SIZE_MAX / 2)
        return NULL;
    /* The value and its copy of the text in one block. */
    tp_value *v = tp_arena_alloc(&doc->arena, sizeof *v + len + 1);
    if (!v)
        return NULL;
    char *copy = (char *)(v + 1);
    if (len)
        memcpy(copy, s, len);
    copy[len] = '\0';
    *v = (tp_value){.type = TP_VALUE_STRING, .u.str = {.s = copy, .len = len}};
    return v;
}

TP_API tp_value *tp_value_string(tp_doc *doc, const char *s)
{
    return tp_value_stringn(doc, s, s ? strlen(s) : 0);
}

TP_API tp_value *tp_value_array(tp_doc *doc)
{
    return value_new(doc, TP_VALUE_ARRAY);
}

TP_API tp_value *tp_value_object(tp_doc *doc)
{
    return value_new(doc, TP_VALUE_OBJECT);
}

TP_API tp_value *tp_value_span(tp_doc *doc, const char *layer, size_t index)
{
    if (!layer)
        return NULL;
    tp_value *v = value_new(doc, TP_VALUE_SPAN);
    if (!v)
        return NULL;
    v->u.span.layer = tp_doc_strndup(doc, layer, strlen(layer));
    v->u.span.index = index;
    return v->u.span.layer ? v : NULL;
}

/* Grows an array's items (an arena block) to at least count + 1 slots. */
static int grow(tp_doc *doc, void ***items, size_t count, size_t *cap)
{
    if (count < *cap)
        return 0;
    size_t ncap = *cap ? *cap * 2 : 4;
    void **n = tp_arena_alloc(&doc->arena, ncap * sizeof *n);
    if (!n)
        return TP_ENOMEM;
    if (count)
        memcpy(n, *items, count * sizeof *n);
    *items = n;
    *cap = ncap;
    return 0;
}

TP_API int tp_array_push(tp_doc *doc, tp_value *array, tp_value *item)
{
    if (!array || !item)
        return TP_ENOMEM;
    if (array->type != TP_VALUE_ARRAY)
        return TP_EINVAL;
    if (grow(doc, (void ***)&array->u.arr.items, array->u.arr.count, &array->u.arr.cap))
        return TP_ENOMEM;
    array->u.arr.items[array->u.arr.count++] = item;
    return 0;
}

/* Room for one more member: keys and values share one arena block, so an
 * object grows with one allocation. */
static int grow_members(tp_doc *doc, tp_value *object)
{
    size_t count = object->u.obj.count, cap = object->u.obj.cap;
    if (count < cap)
        return 0;
    size_t ncap = cap ? cap * 2 : 4;
    const tp_key **keys = tp_arena_alloc(&doc->arena, ncap * (sizeof *keys + sizeof(tp_value *)));
    if (!keys)
        return TP_ENOMEM;
    tp_value **vals = (tp_value **)(keys + ncap);
    if (count) {
        memcpy(keys, object->u.obj.keys, count * sizeof *keys);
        memcpy(vals, object->u.obj.vals, count * sizeof *vals);
    }
    object->u.obj.keys = keys;
    object->u.obj.vals = vals;
    object->u.obj.cap = ncap;
    return 0;
}

TP_API int tp_object_set(tp_doc *doc, tp_value *object, const char *key, tp_value *item)
{
    if (!object || !item)
        return TP_ENOMEM;
    if (object->type != TP_VALUE_OBJECT || !key)
        return TP_EINVAL;
    return tp_object_put(doc, object, key, item);
}

int tp_object_put(tp_doc *doc, tp_value *object, const char *key, tp_value *item)
{
    /* Equal keys are the same tp_key: a member is found by pointer. */
    const tp_key *k = tp_keys_intern(&doc->keys, key);
    if (!k)
        return TP_ENOMEM;
    for (size_t i = 0; i < object->u.obj.count; i++) {
        if (object->u.obj.keys[i] == k) {
            object->u.obj.vals[i] = item;
            return 0;
        }
    }
    if (grow_members(doc, object))
        return TP_ENOMEM;
    size_t n = object->u.obj.count++;
    object->u.obj.keys[n] = k;
    object->u.obj.vals[n] = item;
    return 0;
}

TP_API tp_value_type tp_value_type_of(const tp_value *v)
{
    return v ? v->type : TP_VALUE_NULL;
}

TP_API bool tp_value_as_bool(const tp_value *v)
{
    return v && v->type == TP_VALUE_BOOL && v->u.b;
}

TP_API int64_t tp_value_as_int(const tp_value *v)
{
    if (!v)
        return 0;
    if (v->type == TP_VALUE_INT)
        return v->u.i;
    if (v->type == TP_VALUE_NUMBER && v->u.d >= -9.2e18 && v->u.d <= 9.2e18)
        return (int64_t)v->u.d;
    return 0;
}

TP_API double tp_value_as_number(const tp_value *v)
{
    if (!v)
        return 0.0;
    if (v->type == TP_VALUE_NUMBER)
        return v->u.d;
    if (v->type == TP_VALUE_INT)
        return (double)v->u.i;
    return 0.0;
}

TP_API const char *tp_value_as_string(const tp_value *v, size_t *len)
{
    if (!v || v->type != TP_VALUE_STRING) {
        if (len)
            *len = 0;
        return NULL;
    }
    if (len)
        *len = v->u.str.len;
    return v->u.str.s;
}

TP_API size_t tp_value_length(const tp_value *v)
{
    if (!v)
        return 0;
    if (v->type == TP_VALUE_ARRAY)
        return v->u.arr.count;
    if (v->type == TP_VALUE_OBJECT)
        return v->u.obj.count;
    return 0;
}

TP_API const tp_value *tp_array_get(const tp_value *array, size_t i)
{
    if (!array || array->type != TP_VALUE_ARRAY || i >= array->u.arr.count)
        return NULL;
    return array->u.arr.items[i];
}

TP_API const tp_value *tp_object_get(const tp_value *object, const char *key)
{
    if (!object || object->type != TP_VALUE_OBJECT || !key)
        return NULL;
    for (size_t i = 0; i < object->u.obj.count; i++)
        if (strcmp(object->u.obj.keys[i]->text, key) == 0)
            return object->u.obj.vals[i];
    return NULL;
}

TP_API const char *tp_object_key_at(const tp_value *object, size_t i)
{
    if (!object || object->type != TP_VALUE_OBJECT || i >= object->u.obj.count)
        return NULL;
    return object->u.obj.keys[i]->text;
}

TP_API const tp_value *tp_object_value_at(const tp_value *object, size_t i)
{
    if (!object || object->type != TP_VALUE_OBJECT || i >= object->u.obj.count)
        return NULL;
    return object->u.obj.vals[i];
}

/* ---- shapes ---- */

struct tp_shape {
    /* Names the shape in each document's key set, which keeps its keys
     * there: unique in the process, as a freed shape's address may be
     * reused by another. */
    uint64_t id;
    size_t count;
    const char *keys[]; /* their texts follow the array */
};

static uint64_t next_shape_id;

/* Whether keys[0..count) are all given and distinct (shapes are small). */
static bool keys_valid(const char *const *keys, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (!keys[i])
            return false;
        for (size_t j = 0; j < i; j++)
            if (strcmp(keys[i], keys[j]) == 0)
                return false;
    }
    return true;
}

TP_API int tp_shape_new(const char *const *keys, size_t count, tp_shape **out)
{
    if (!out)
        return TP_EINVAL;
    *out = NULL;
    if (count > TP_SHAPE_MAX_KEYS)
        return TP_ELIMIT;
    if ((count && !keys) || !keys_valid(keys, count))
        return TP_EINVAL;
    size_t size = sizeof(tp_shape) + count * sizeof(char *);
    for (size_t i = 0; i < count; i++)
        size += strlen(keys[i]) + 1;
    tp_shape *shape = malloc(size);
    if (!shape)
        return TP_ENOMEM;
    shape->id = __atomic_add_fetch(&next_shape_id, 1, __ATOMIC_RELAXED);
    shape->count = count;
    char *text = (char *)&shape->keys[count];
    for (size_t i = 0; i < count; i++) {
        size_t len = strlen(keys[i]) + 1;
        memcpy(text, keys[i], len);
        shape->keys[i] = text;
        text += len;
    }
    *out = shape;
    return 0;
}

TP_API void tp_shape_free(tp_shape *shape)
{
    free(shape);
}

/* Room for a value followed by `count` item pointers and `count` times
 * `item_size` more bytes, as one block: an object or array made at its
 * final size, with its items when `item_size` is theirs. The caller fills
 * in the value; its items start at items_after(). NULL when out of memory. */
static tp_value *alloc_with_items(tp_doc *doc, size_t count, size_t item_size)
{
    _Static_assert(sizeof(tp_value) % sizeof(void *) == 0, "the items follow the value");
    if (count > (SIZE_MAX / 2 - sizeof(tp_value)) / (sizeof(tp_value *) + item_size))
        return NULL;
    return tp_arena_alloc(&doc->arena, sizeof(tp_value) + count * (sizeof(tp_value *) + item_size));
}

static tp_value **items_after(tp_value *v)
{
    return (tp_value **)(v + 1);
}

/* Copies items[0..count) to `to`, saying whether all were made (none is
 * NULL for want of memory). */
static bool copy_made(tp_value **to, tp_value *const *items, size_t count)
{
    bool made = true;
    for (size_t i = 0; i < count; i++) {
        to[i] = items[i];
        made &= items[i] != NULL;
    }
    return made;
}

TP_API tp_value *tp_value_object_shaped(tp_doc *doc, const tp_shape *shape, tp_value *const *values)
{
    if (!shape || (shape->count && !values))
        return NULL;
    size_t n = shape->count;
    const tp_key *const *keys = tp_keys_of_shape(&doc->keys, shape->id, shape->keys, n);
    /* At most TP_SHAPE_MAX_KEYS items: no size to check, unlike
     * alloc_with_items(). */
    tp_value *v = keys ? tp_arena_alloc(&doc->arena, sizeof *v + n * sizeof(tp_value *)) : NULL;
    if (!v || !copy_made(items_after(v), values, n))
        return NULL;
    /* Every object of the shape shares its keys in the key set, which
     * outlives the document's values: they are full (cap == count), so a
     * member added later moves them to a block of their own first
     * (grow_members), and replacing a member's value writes `vals` alone. */
    *v = (tp_value){
        .type = TP_VALUE_OBJECT,
        .u.obj = {.keys = (const tp_key **)keys, .vals = items_after(v), .count = n, .cap = n},
    };
    return v;
}

TP_API tp_value *tp_value_array_of(tp_doc *doc, tp_value *const *items, size_t count)
{
    if (count && !items)
        return NULL;
    tp_value *v = alloc_with_items(doc, count, 0);
    if (!v || !copy_made(items_after(v), items, count))
        return NULL;
    *v = (tp_value){.type = TP_VALUE_ARRAY,
                    .u.arr = {.items = items_after(v), .count = count, .cap = count}};
    return v;
}

TP_API tp_value *tp_value_array_of_ints(tp_doc *doc, const int64_t *ints, size_t count)
{
    if (count && !ints)
        return NULL;
    tp_value *v = alloc_with_items(doc, count, sizeof(tp_value));
    if (!v)
        return NULL;
    /* The integers live in the same block, after the pointers to them. */
    tp_value **slots = items_after(v);
    tp_value *item = (tp_value *)(slots + count);
    for (size_t i = 0; i < count; i++, item++) {
        *item = (tp_value){.type = TP_VALUE_INT, .u.i = ints[i]};
        slots[i] = item;
    }
    *v =
        (tp_value){.type = TP_VALUE_ARRAY, .u.arr = {.items = slots, .count = count, .cap = count}};
    return v;
}

TP_API const char *tp_value_span_layer(const tp_value *v, size_t *index)
{
    if (!v || v->type != TP_VALUE_SPAN)
        return NULL;
    if (index)
        *index = v->u.span.index;
    return v->u.span.layer;
}
