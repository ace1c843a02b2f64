/* Self-test of the periodic timer against an independent clock (the PIT). */
#include <stddef.h>
#include <stdint.h>

#include "console.h"
#include "cpu.h"
#include "panic.h"
#include "selftest.h"
#include "apic.h"
#include "legacy.h"

/* Counts the ticks over WINDOWS PIT windows and measures that span with the TSC, at the
 * rate of the shortest window. Under QEMU without -icount, a host that does not run
 * QEMU for a while holds a window open past its end (never shorter: so the shortest
 * gives the TSC's rate) and makes QEMU deliver the ticks it missed as one interrupt,
 * which counts them all (apic.c); the span starts and ends on a tick, so the last of
 * them is counted. */
#define WINDOW_MS 50
#define WINDOWS 10 /* 500 ms: 50 ticks at 100 Hz */
#define TOLERANCE 5
#define HELD_MS 35 /* interrupts held off this long: 3 deadlines pass at least */

void selftest_timer(const struct boot_info *bi)
{
	(void)bi;
	CHECK(read_rflags() & RFLAGS_IF);
	hlt(); /* the span starts on a tick */
	uint64_t start = timer_ticks(), start_tsc = rdtsc(), shortest = UINT64_MAX;
	for (int i = 0; i < WINDOWS; i++) {
		uint64_t window = rdtsc();
		pit_wait_ms(WINDOW_MS);
		window = rdtsc() - window;
		if (window < shortest)
			shortest = window;
	}
	hlt(); /* and ends on one */
	uint64_t counted = timer_ticks() - start;
	uint64_t span_ms = (rdtsc() - start_tsc) * WINDOW_MS / shortest;
	uint64_t expected = (span_ms * TIMER_HZ + 500) / 1000;
	kprintf("selftest timer: %lu ticks in %lu ms (expected %lu), %u APIC counts per tick\n",
		counted, span_ms, expected, timer_counts_per_tick());
	CHECK(counted + TOLERANCE >= expected && counted <= expected + TOLERANCE);
	/* The ticks of deadlines that pass while interrupts are off come as one interrupt,
	 * which must count them all. */
	cli();
	uint64_t held = timer_ticks();
	pit_wait_ms(HELD_MS);
	sti();
	hlt();
	CHECK(timer_ticks() - held >= HELD_MS * TIMER_HZ / 1000);
	uint64_t t = timer_ticks();
	for (int i = 0; i < 3; i++)
		hlt(); /* each hlt must be woken by a tick */
	CHECK(timer_ticks() >= t + 3);
}

#define CONSOLE_LINES 100      /* printed at least, */
#define CONSOLE_LINES_MAX 1000 /* and more until CONSOLE_MIN_TICKS ticks printed, up to this */
#define CONSOLE_LINE_BYTES 160
#define CONSOLE_MIN_TICKS 3

static volatile unsigned tick_lines;

static void print_tick(uint64_t ticks)
{
	kprintf("[tick %lu]\n", ticks);
	tick_lines++;
}

/* Prints long lines while the timer interrupt prints its own: the test's expected
 * output rejects any line where a tick's text landed inside a long line. How many lines
 * take CONSOLE_MIN_TICKS tick interrupts depends on the host without -icount, so it
 * prints until they came. */
void selftest_console(const struct boot_info *bi)
{
	(void)bi;
	char line[CONSOLE_LINE_BYTES + 1];
	for (int i = 0; i < CONSOLE_LINE_BYTES; i++)
		line[i] = 'a';
	line[CONSOLE_LINE_BYTES] = '\0';
	timer_set_tick_hook(print_tick);
	for (int i = 0; i < CONSOLE_LINES_MAX; i++) {
		if (i >= CONSOLE_LINES && tick_lines >= CONSOLE_MIN_TICKS)
			break;
		kprintf("console line %03d: %s end\n", i, line);
	}
	timer_set_tick_hook(NULL);
	kprintf("selftest console: %u ticks while printing\n", tick_lines);
	CHECK(tick_lines >= CONSOLE_MIN_TICKS);
}
