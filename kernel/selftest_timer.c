/* Self-test of the periodic timer against an independent clock (the PIT). */
#include <stdint.h>

#include "console.h"
#include "cpu.h"
#include "panic.h"
#include "selftest.h"
#include "timer.h"

#define WINDOW_MS 50
#define WINDOWS 10 /* 500 ms: 50 ticks at 100 Hz */
#define TOLERANCE 5

void selftest_timer(const struct boot_info *bi)
{
	(void)bi;
	CHECK(read_rflags() & RFLAGS_IF);
	uint64_t start = timer_ticks();
	for (int i = 0; i < WINDOWS; i++)
		pit_wait_ms(WINDOW_MS);
	uint64_t counted = timer_ticks() - start;
	uint64_t expected = WINDOW_MS * WINDOWS * TIMER_HZ / 1000;
	kprintf("selftest timer: %lu ticks in %d ms (expected %lu), %u APIC counts per tick\n",
		counted, WINDOW_MS * WINDOWS, expected, timer_counts_per_tick());
	CHECK(counted + TOLERANCE >= expected && counted <= expected + TOLERANCE);
	uint64_t t = timer_ticks();
	for (int i = 0; i < 3; i++)
		hlt(); /* each hlt must be woken by a tick */
	CHECK(timer_ticks() >= t + 3);
}
