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
    tp_arena_chunk *head; /* chunk being filled */
    tp_arena_chunk *spare; /* released chunks kept for reuse */
    size_t used;          /* bytes handed out since the last reset */
} tp_arena;

void tp_arena_init(tp_arena *arena);
/* 16-byte aligned memory, or NULL when out of memory (or size overflows). */
void *tp_arena_alloc(tp_arena *arena, size_t size);
/* Releases everything; keeps up to a few MiB of chunks for reuse. */
void tp_arena_reset(tp_arena *arena);
void tp_arena_free(tp_arena *arena);

#endif
