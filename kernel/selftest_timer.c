/* Self-test of the periodic timer against an independent clock (the PIT). */
#include <stddef.h>
#include <stdint.h>

#include "console.h"
#include "cpu.h"
#include "panic.h"
#include "selftest.h"
#include "apic.h"
#include "legacy.h"

/* Counts the ticks in WINDOWS PIT windows. Exact under QEMU's -icount (tests, and
 * `tools/run --icount`), where the guest clock follows the instructions run. Without it
 * the guest clock is the host's, and a host that does not run QEMU for longer than a
 * tick loses ticks (QEMU delivers the missed ones as one, or late): on a 2-core host at
 * load 8 only 27 of 50 arrived, 3 to 26 ms apart. No count or spacing of delivered
 * ticks can then tell a slow timer from a busy host, so this test is sound only under
 * -icount. */
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

#define CONSOLE_LINES 100
#define CONSOLE_LINE_BYTES 160
#define CONSOLE_MIN_TICKS 3

static void print_tick(uint64_t ticks) { kprintf("[tick %lu]\n", ticks); }

/* Prints long lines while the timer interrupt prints its own: the test's expected
 * output rejects any line where a tick's text landed inside a long line. */
void selftest_console(const struct boot_info *bi)
{
	(void)bi;
	char line[CONSOLE_LINE_BYTES + 1];
	for (int i = 0; i < CONSOLE_LINE_BYTES; i++)
		line[i] = 'a';
	line[CONSOLE_LINE_BYTES] = '\0';
	uint64_t start = timer_ticks();
	timer_set_tick_hook(print_tick);
	for (int i = 0; i < CONSOLE_LINES; i++)
		kprintf("console line %03d: %s end\n", i, line);
	timer_set_tick_hook(NULL);
	uint64_t ticks = timer_ticks() - start;
	kprintf("selftest console: %lu ticks while printing\n", ticks);
	CHECK(ticks >= CONSOLE_MIN_TICKS);
}
