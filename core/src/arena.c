/* arena.c - chunked bump allocator. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>

#define ARENA_CHUNK_MIN (64 * 1024)
#define ARENA_KEEP_MAX (4 * 1024 * 1024) /* memory kept across resets */

struct tp_arena_chunk {
    tp_arena_chunk *next;
    size_t size; /* usable bytes after the header */
    _Alignas(TP_ARENA_ALIGN) unsigned char data[];
};

void tp_arena_init(tp_arena *arena)
{
    arena->next = NULL;
    arena->left = 0;
    arena->head = NULL;
    arena->spare = NULL;
    arena->used_before = 0;
}

static tp_arena_chunk *chunk_new(size_t size)
{
    tp_arena_chunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    return c;
}

/* Takes a spare chunk big enough, or makes one. */
static tp_arena_chunk *chunk_take(tp_arena *arena, size_t need)
{
    for (tp_arena_chunk **p = &arena->spare; *p; p = &(*p)->next) {
        if ((*p)->size >= need) {
            tp_arena_chunk *c = *p;
            *p = c->next;
            c->next = NULL;
            return c;
        }
    }
    size_t size = need > ARENA_CHUNK_MIN ? need : ARENA_CHUNK_MIN;
    return chunk_new(size);
}

void *tp_arena_alloc_slow(tp_arena *arena, size_t size)
{
    /* No real request comes near this; refusing it keeps every sum below
     * (rounding, chunk header, doubling) free of overflow. */
    if (size > SIZE_MAX / 4)
        return NULL;
    size = (size + TP_ARENA_ALIGN - 1) & ~(size_t)(TP_ARENA_ALIGN - 1);
    if (size == 0)
        size = TP_ARENA_ALIGN;
    if (arena->left < size) {
        /* Grow geometrically so that a large document needs few chunks. What
         * is left of the current chunk stays unused until the reset. */
        tp_arena_chunk *c = arena->head;
        size_t want = size;
        if (c && c->size * 2 > want)
            want = c->size * 2;
        tp_arena_chunk *n = chunk_take(arena, want);
        if (!n)
            return NULL;
        if (c)
            arena->used_before += (size_t)(arena->next - c->data);
        n->next = c;
        arena->head = n;
        arena->next = n->data;
        arena->left = n->size;
    }
    void *p = arena->next;
    arena->next += size;
    arena->left -= size;
    return p;
}

size_t tp_arena_used(const tp_arena *arena)
{
    return arena->head ? arena->used_before + (size_t)(arena->next - arena->head->data) : 0;
}

void tp_arena_reset(tp_arena *arena)
{
    size_t kept = 0;
    for (tp_arena_chunk *c = arena->spare; c; c = c->next)
        kept += c->size;
    tp_arena_chunk *c = arena->head;
    while (c) {
        tp_arena_chunk *next = c->next;
        if (kept + c->size <= ARENA_KEEP_MAX) {
            c->next = arena->spare;
            arena->spare = c;
            kept += c->size;
        } else {
            free(c);
        }
        c = next;
    }
    arena->head = NULL;
    arena->next = NULL;
    arena->left = 0;
    arena->used_before = 0;
}

void tp_arena_free(tp_arena *arena)
{
    tp_arena_reset(arena);
    for (tp_arena_chunk *c = arena->spare; c;) {
        tp_arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    arena->spare = NULL;
}
