/* Host unit tests of the frame bitmap (kernel/frames.c). */
#include <stdint.h>

#include "check.h"
#include "frames.h"

#define N 200

static uint64_t storage[(N + 63) / 64];

static void test_starts_all_used(void)
{
	check_case("starts-all-used");
	struct frame_bitmap fb;
	frames_init(&fb, storage, N);
	CHECK(fb.nfree == 0);
	CHECK(frames_alloc(&fb, 1) == FRAME_NONE);
	CHECK(frames_is_used(&fb, 0) && frames_is_used(&fb, N - 1) && frames_is_used(&fb, N));
}

static void test_alloc_unique_until_exhausted(void)
{
	check_case("alloc-unique-until-exhausted");
	struct frame_bitmap fb;
	frames_init(&fb, storage, N);
	frames_release_range(&fb, 10, 50);
	frames_release_range(&fb, 100, 1000); /* clipped at N */
	CHECK(fb.nfree == 50 + (N - 100));
	uint8_t seen[N] = { 0 };
	uint64_t got = 0;
	for (uint64_t f; (f = frames_alloc(&fb, 1)) != FRAME_NONE; got++) {
		CHECK(f < N);
		CHECK((f >= 10 && f < 60) || f >= 100);
		CHECK(!seen[f]);
		seen[f] = 1;
	}
	CHECK(got == 50 + (N - 100));
	CHECK(fb.nfree == 0);
}

static void test_free_and_double_free(void)
{
	check_case("free-and-double-free");
	struct frame_bitmap fb;
	frames_init(&fb, storage, N);
	frames_release_range(&fb, 0, N);
	uint64_t a = frames_alloc(&fb, 1);
	uint64_t b = frames_alloc(&fb, 1);
	CHECK(a == 0 && b == 1);
	CHECK(frames_free(&fb, a, 1));
	CHECK(!frames_free(&fb, a, 1)); /* double free refused */
	CHECK(!frames_free(&fb, N, 1)); /* out of range refused */
	CHECK(!frames_free(&fb, N - 1, 2));
	CHECK(frames_alloc(&fb, 1) == a); /* the hint moved back */
	CHECK(fb.nfree == N - 2);
}

static void test_contiguous_runs(void)
{
	check_case("contiguous-runs");
	struct frame_bitmap fb;
	frames_init(&fb, storage, N);
	frames_release_range(&fb, 0, 8);
	frames_release_range(&fb, 20, 5);
	frames_release_range(&fb, 64, 100);
	CHECK(frames_alloc(&fb, 10) == 64); /* first run long enough */
	CHECK(frames_alloc(&fb, 5) == 0);   /* lowest fit first */
	CHECK(frames_alloc(&fb, 5) == 20);  /* 5..7 is too short */
	CHECK(frames_alloc(&fb, 4) == 74);
	CHECK(frames_alloc(&fb, 87) == FRAME_NONE); /* 86 left in one run */
	uint64_t before = fb.nfree;
	CHECK(frames_alloc(&fb, 86) == 78);
	CHECK(fb.nfree == before - 86);
	CHECK(frames_free(&fb, 64, 100));
	CHECK(!frames_free(&fb, 64, 1));
	CHECK(frames_alloc(&fb, 0) == FRAME_NONE);
}

static void test_reserve_inside_free(void)
{
	check_case("reserve-inside-free");
	struct frame_bitmap fb;
	frames_init(&fb, storage, N);
	frames_release_range(&fb, 0, N);
	frames_reserve_range(&fb, 5, 3);
	CHECK(fb.nfree == N - 3);
	CHECK(frames_alloc(&fb, 6) == 8);
	CHECK(frames_alloc(&fb, 5) == 0);
	CHECK(frames_alloc(&fb, 1) == 14);
}

int main(void)
{
	test_starts_all_used();
	test_alloc_unique_until_exhausted();
	test_free_and_double_free();
	test_contiguous_runs();
	test_reserve_inside_free();
	return check_exit("frames");
}
