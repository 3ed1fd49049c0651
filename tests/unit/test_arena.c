/* test_arena.c - the bump allocator: alignment, growth past a chunk, reuse
 * of memory after a reset, and sizes that cannot be served. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"

START_TEST(alignment_of_every_size)
{
    tp_arena a;
    tp_arena_init(&a);
    for (size_t size = 0; size < 200; size++) {
        unsigned char *p = tp_arena_alloc(&a, size);
        ck_assert_ptr_nonnull(p);
        ck_assert_msg(((uintptr_t)p % 16) == 0, "size %zu: %p not 16-byte aligned", size,
                      (void *)p);
        memset(p, 0xAB, size);
    }
    tp_arena_free(&a);
}
END_TEST

START_TEST(used_counts_rounded_sizes)
{
    tp_arena a;
    tp_arena_init(&a);
    ck_assert_uint_eq(tp_arena_used(&a), 0);
    tp_arena_alloc(&a, 1);
    ck_assert_uint_eq(tp_arena_used(&a), 16);
    tp_arena_alloc(&a, 16);
    ck_assert_uint_eq(tp_arena_used(&a), 32);
    tp_arena_alloc(&a, 17);
    ck_assert_uint_eq(tp_arena_used(&a), 64);
    /* size 0 still gets its own slot, so two calls never alias */
    void *z1 = tp_arena_alloc(&a, 0);
    void *z2 = tp_arena_alloc(&a, 0);
    ck_assert_ptr_ne(z1, z2);
    ck_assert_uint_eq(tp_arena_used(&a), 96);
    tp_arena_free(&a);
}
END_TEST

START_TEST(consecutive_allocations_do_not_overlap)
{
    tp_arena a;
    tp_arena_init(&a);
    enum { N = 5000 };
    unsigned char *ptrs[N];
    for (size_t i = 0; i < N; i++) {
        size_t size = 1 + (i * 37) % 300;
        ptrs[i] = tp_arena_alloc(&a, size);
        ck_assert_ptr_nonnull(ptrs[i]);
        memset(ptrs[i], (int)(i & 0xFF), size);
    }
    /* 5000 allocations of up to 300 bytes need several 64 KiB chunks; every
     * block must still hold what was written to it */
    unsigned char want[300];
    for (size_t i = 0; i < N; i++) {
        size_t size = 1 + (i * 37) % 300;
        memset(want, (int)(i & 0xFF), size);
        ck_assert_msg(memcmp(ptrs[i], want, size) == 0, "block %zu was overwritten", i);
    }
    tp_arena_free(&a);
}
END_TEST

START_TEST(growth_past_chunk_size)
{
    tp_arena a;
    tp_arena_init(&a);
    unsigned char *small = tp_arena_alloc(&a, 100);
    memset(small, 1, 100);
    /* bigger than the 64 KiB minimum chunk: needs a chunk of its own */
    size_t big_size = 3 * 1024 * 1024 + 5;
    unsigned char *big = tp_arena_alloc(&a, big_size);
    ck_assert_ptr_nonnull(big);
    ck_assert(((uintptr_t)big % 16) == 0);
    big[0] = 7;
    big[big_size - 1] = 9;
    unsigned char *after = tp_arena_alloc(&a, 100);
    ck_assert_ptr_nonnull(after);
    memset(after, 2, 100);
    ck_assert_int_eq(small[99], 1);
    ck_assert_int_eq(big[0], 7);
    ck_assert_int_eq(big[big_size - 1], 9);
    tp_arena_free(&a);
}
END_TEST

START_TEST(reset_reuses_memory)
{
    tp_arena a;
    tp_arena_init(&a);
    void *first = tp_arena_alloc(&a, 1000);
    for (int i = 0; i < 50; i++)
        tp_arena_alloc(&a, 1000);
    tp_arena_reset(&a);
    ck_assert_uint_eq(tp_arena_used(&a), 0);
    /* the kept chunk serves the next document: same address, no malloc */
    void *again = tp_arena_alloc(&a, 1000);
    ck_assert_ptr_eq(first, again);
    tp_arena_reset(&a);
    tp_arena_reset(&a); /* twice in a row is harmless */
    ck_assert_ptr_eq(tp_arena_alloc(&a, 8), first);
    tp_arena_free(&a);
}
END_TEST

START_TEST(reset_after_many_chunks)
{
    tp_arena a;
    tp_arena_init(&a);
    /* more than the 4 MiB kept across resets: the rest is freed, and the
     * arena keeps working across many cycles (valgrind/ASan see leaks) */
    for (int cycle = 0; cycle < 5; cycle++) {
        for (int i = 0; i < 200; i++) {
            unsigned char *p = tp_arena_alloc(&a, 64 * 1024);
            ck_assert_ptr_nonnull(p);
            p[0] = (unsigned char)i;
            p[64 * 1024 - 1] = (unsigned char)i;
        }
        ck_assert_uint_ge(tp_arena_used(&a), 200u * 64 * 1024);
        tp_arena_reset(&a);
        ck_assert_uint_eq(tp_arena_used(&a), 0);
        ck_assert_ptr_null(a.head);
    }
    tp_arena_free(&a);
    ck_assert_ptr_null(a.head);
    ck_assert_ptr_null(a.spare);
}
END_TEST

START_TEST(huge_sizes_fail_cleanly)
{
    tp_arena a;
    tp_arena_init(&a);
    ck_assert_ptr_null(tp_arena_alloc(&a, SIZE_MAX));
    ck_assert_ptr_null(tp_arena_alloc(&a, SIZE_MAX - 15));
    ck_assert_ptr_null(tp_arena_alloc(&a, SIZE_MAX - 32));
    /* sizes whose chunk header would overflow size_t must not wrap round
     * to a tiny malloc */
    ck_assert_ptr_null(tp_arena_alloc(&a, SIZE_MAX - 40));
    ck_assert_ptr_null(tp_arena_alloc(&a, SIZE_MAX / 2 + 1));
    /* the arena is still usable afterwards */
    char *p = tp_arena_alloc(&a, 10);
    ck_assert_ptr_nonnull(p);
    memcpy(p, "123456789", 10);
    ck_assert_str_eq(p, "123456789");
    tp_arena_free(&a);
}
END_TEST

START_TEST(large_allocation_is_usable)
{
    tp_arena a;
    tp_arena_init(&a);
    size_t size = 64u * 1024 * 1024;
    unsigned char *p = tp_arena_alloc(&a, size);
    ck_assert_ptr_nonnull(p);
    p[0] = 1;
    p[size / 2] = 2;
    p[size - 1] = 3;
    ck_assert_int_eq(p[0] + p[size / 2] + p[size - 1], 6);
    tp_arena_reset(&a); /* larger than what is kept: freed, not kept */
    ck_assert_ptr_null(a.head);
    ck_assert_ptr_nonnull(tp_arena_alloc(&a, 16));
    tp_arena_free(&a);
}
END_TEST

static Suite *arena_suite(void)
{
    Suite *s = suite_create("arena");
    TCase *tc = tcase_create("alignment");
    tcase_add_test(tc, alignment_of_every_size);
    tcase_add_test(tc, used_counts_rounded_sizes);
    suite_add_tcase(s, tc);
    tc = tcase_create("growth");
    tcase_add_test(tc, consecutive_allocations_do_not_overlap);
    tcase_add_test(tc, growth_past_chunk_size);
    suite_add_tcase(s, tc);
    tc = tcase_create("reset");
    tcase_add_test(tc, reset_reuses_memory);
    tcase_add_test(tc, reset_after_many_chunks);
    suite_add_tcase(s, tc);
    tc = tcase_create("huge");
    tcase_add_test(tc, huge_sizes_fail_cleanly);
    tcase_add_test(tc, large_allocation_is_usable);
    tcase_set_timeout(tc, 20);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(arena_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
