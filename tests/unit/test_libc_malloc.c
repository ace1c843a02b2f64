/* Host unit tests of the C library's heap (user/libc/malloc.c) over the static arena
 * of libc_hooks.c: a seeded random stress of malloc, calloc, realloc and free that
 * checks alignment, no overlap and that every block keeps its pattern; reuse of freed
 * memory; and clean NULL results when the arena is exhausted. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "libc_hooks.h"
#include "libc_pg.h"

#define SLOTS 512

struct slot {
	unsigned char *p;
	size_t n;
	unsigned char pattern;
};

static struct slot slots[SLOTS];

static bool pattern_ok(const struct slot *s)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->p[i] != (unsigned char)(s->pattern + i))
			return false;
	return true;
}

static bool all_zero(const unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i])
			return false;
	return true;
}

static void fill(struct slot *s, size_t from)
{
	for (size_t i = from; i < s->n; i++)
		s->p[i] = (unsigned char)(s->pattern + i);
}

static bool in_arena(const void *p, size_t n)
{
	return (const unsigned char *)p >= hook_arena && (const unsigned char *)p + n <= hook_arena + hook_arena_used;
}

/* No two live blocks overlap (checked by sorting them by address). */
static int by_address(const void *a, const void *b)
{
	uintptr_t x = (uintptr_t)((const struct slot *)a)->p, y = (uintptr_t)((const struct slot *)b)->p;
	return (x > y) - (x < y);
}

static bool no_overlap(void)
{
	static struct slot sorted[SLOTS];
	memcpy(sorted, slots, sizeof slots);
	qsort(sorted, SLOTS, sizeof sorted[0], by_address);
	for (size_t i = 1; i < SLOTS; i++)
		if (sorted[i - 1].p && sorted[i - 1].p + sorted[i - 1].n > sorted[i].p)
			return false;
	return true;
}

static size_t random_size(void)
{
	int r = rand() % 10;
	return r < 6 ? (size_t)rand() % 64 : r < 9 ? (size_t)rand() % 2000 : (size_t)rand() % 100000;
}

static void step(void)
{
	struct slot *s = &slots[rand() % SLOTS];
	if (s->p && rand() % 3 == 0) {
		size_t n = random_size();
		unsigned char *q = pg_realloc(s->p, n);
		REQUIRE(q != NULL || n == 0);
		size_t keep = n < s->n ? n : s->n;
		s->p = q;
		s->n = keep;
		REQUIRE(pattern_ok(s));
		s->n = n;
		fill(s, keep);
	} else if (s->p) {
		REQUIRE(pattern_ok(s));
		pg_free(s->p);
		s->p = NULL;
	} else {
		s->n = random_size();
		s->pattern = (unsigned char)rand();
		bool zeroed = rand() % 4 == 0;
		s->p = zeroed ? pg_calloc(1, s->n) : pg_malloc(s->n);
		REQUIRE(s->p != NULL && (uintptr_t)s->p % 16 == 0 && in_arena(s->p, s->n));
		CHECK(!zeroed || all_zero(s->p, s->n));
		fill(s, 0);
	}
}

static void test_stress(void)
{
	check_case("stress");
	srand(7);
	for (int i = 0; i < 200000 && check_failures == 0; i++) {
		step();
		if (i % 1000 == 0)
			CHECK(no_overlap());
	}
	for (size_t i = 0; i < SLOTS; i++) {
		if (slots[i].p)
			CHECK(pattern_ok(&slots[i]));
		pg_free(slots[i].p);
		slots[i].p = NULL;
	}
	/* Everything freed merges back into one block as large as all the heap has taken. */
	size_t used = hook_arena_used;
	void *all = pg_malloc(used - 16);
	CHECK(all != NULL && hook_arena_used == used);
	pg_free(all);
}

static void test_reuse_and_edges(void)
{
	check_case("reuse-and-edges");
	size_t used = hook_arena_used;
	for (int i = 0; i < 1000; i++) {
		void *a = pg_malloc(1000), *b = pg_malloc(3000);
		CHECK(a && b);
		pg_free(a);
		pg_free(b);
	}
	CHECK(hook_arena_used == used);
	void *z1 = pg_malloc(0), *z2 = pg_malloc(0);
	CHECK(z1 && z2 && z1 != z2);
	pg_free(z1);
	pg_free(z2);
	pg_free(NULL);
	CHECK(pg_realloc(pg_malloc(8), 0) == NULL);
	unsigned char *c = pg_calloc(100, 3);
	CHECK(c != NULL);
	CHECK(c && all_zero(c, 300));
	pg_free(c);
	CHECK(pg_calloc(SIZE_MAX / 2, 3) == NULL);
	CHECK(pg_malloc(SIZE_MAX) == NULL && pg_malloc(SIZE_MAX - 20) == NULL);
}

static void test_exhaustion(void)
{
	check_case("exhaustion");
	void *big = pg_malloc(HOOK_ARENA_BYTES);
	CHECK(big == NULL);
	void *p = pg_malloc(100);
	CHECK(p != NULL);
	size_t blocks = 0;
	void *last = NULL;
	while ((p = pg_malloc(100000)) != NULL) {
		*(void **)p = last;
		last = p;
		blocks++;
	}
	CHECK(blocks > 0 && HOOK_ARENA_BYTES - hook_arena_used < 100000 + 65536);
	void *keep = last;
	CHECK(pg_realloc(keep, HOOK_ARENA_BYTES) == NULL);
	while (last) {
		void *next = *(void **)last;
		pg_free(last);
		last = next;
	}
	CHECK(pg_malloc(100000 * blocks / 2) != NULL);
}

int main(void)
{
	test_stress();
	test_reuse_and_edges();
	test_exhaustion();
	return check_exit("libc-malloc");
}
