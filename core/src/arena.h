/* arena.h - a bump allocator released in one step.
 *
 * Documents allocate everything they hold (values, spans, strings) from one
 * arena; resetting keeps a bounded amount of memory for the next document so
 * that a worker reaches a steady state without calling malloc. */
#ifndef TPIPE_ARENA_H
#define TPIPE_ARENA_H

#include <stddef.h>

typedef struct tp_arena_chunk tp_arena_chunk;

typedef struct tp_arena {
    unsigned char *next;   /* the free part of the chunk being filled ... */
    size_t left;           /* ... and its size */
    tp_arena_chunk *head;  /* chunk being filled */
    tp_arena_chunk *spare; /* released chunks kept for reuse */
    size_t used_before;    /* bytes handed out from the chunks after head */
} tp_arena;

#define TP_ARENA_ALIGN 16

void tp_arena_init(tp_arena *arena);
/* tp_arena_alloc() when the request is not a small one that fits the chunk
 * being filled. */
void *tp_arena_alloc_slow(tp_arena *arena, size_t size);
/* Releases everything; keeps up to a few MiB of chunks for reuse. */
void tp_arena_reset(tp_arena *arena);
void tp_arena_free(tp_arena *arena);
/* Bytes handed out since the last reset (sizes rounded up to the alignment). */
size_t tp_arena_used(const tp_arena *arena);

/* 16-byte aligned memory, or NULL when out of memory (or size overflows).
 * Inline because a document makes hundreds of thousands of small requests
 * (values, keys, short strings): the common case is a bump of the cursor. */
static inline void *tp_arena_alloc(tp_arena *arena, size_t size)
{
    /* size - 1 wraps for 0, which the slow path serves; the bound keeps the
     * rounding free of overflow. */
    if (size - 1 < 64 * TP_ARENA_ALIGN) {
        size_t rounded = (size + TP_ARENA_ALIGN - 1) & ~(size_t)(TP_ARENA_ALIGN - 1);
        if (rounded <= arena->left) {
            void *p = arena->next;
            arena->next += rounded;
            arena->left -= rounded;
            return p;
        }
    }
    return tp_arena_alloc_slow(arena, size);
}

#endif
