/* arena.c - chunked bump allocator. */
#include "arena.h"

#include <stdint.h>
#include <stdlib.h>

#define ARENA_ALIGN 16
#define ARENA_CHUNK_MIN (64 * 1024)
#define ARENA_KEEP_MAX (4 * 1024 * 1024) /* memory kept across resets */

struct tp_arena_chunk {
    tp_arena_chunk *next;
    size_t size; /* usable bytes after the header */
    size_t off;
    _Alignas(ARENA_ALIGN) unsigned char data[];
};

void tp_arena_init(tp_arena *arena)
{
    arena->head = NULL;
    arena->spare = NULL;
    arena->used = 0;
}

static tp_arena_chunk *chunk_new(size_t size)
{
    tp_arena_chunk *c = malloc(sizeof *c + size);
    if (!c)
        return NULL;
    c->next = NULL;
    c->size = size;
    c->off = 0;
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
            c->off = 0;
            return c;
        }
    }
    size_t size = need > ARENA_CHUNK_MIN ? need : ARENA_CHUNK_MIN;
    return chunk_new(size);
}

void *tp_arena_alloc(tp_arena *arena, size_t size)
{
    /* No real request comes near this; refusing it keeps every sum below
     * (rounding, chunk header, doubling) free of overflow. */
    if (size > SIZE_MAX / 4)
        return NULL;
    size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
    if (size == 0)
        size = ARENA_ALIGN;
    tp_arena_chunk *c = arena->head;
    if (!c || c->size - c->off < size) {
        /* Grow geometrically so that a large document needs few chunks. */
        size_t want = size;
        if (c && c->size * 2 > want)
            want = c->size * 2;
        tp_arena_chunk *n = chunk_take(arena, want);
        if (!n)
            return NULL;
        n->next = c;
        arena->head = c = n;
    }
    void *p = c->data + c->off;
    c->off += size;
    arena->used += size;
    return p;
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
    arena->used = 0;
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
