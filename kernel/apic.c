/* Local APIC (Intel SDM vol. 3, ch. 11): timer calibrated with PIT channel 2, EOI, and
 * interrupts to self. Memory-mapped (xAPIC) registers through an uncached mapping. */
#include "apic.h"

#include "cpu.h"
#include "legacy.h"
#include "memlayout.h"
#include "notification.h"
#include "paging.h"
#include "panic.h"
#include "sched.h"
#include "trap.h"

#define APIC_BASE_ENABLE (1ull << 11)
#define APIC_BASE_X2APIC (1ull << 10)
#define APIC_ID 0x20
#define APIC_ICR_LOW 0x300
#define APIC_ICR_HIGH 0x310
#define ICR_NMI (4u << 8)
#define ICR_ASSERT (1u << 14)
#define APIC_EOI 0xb0
#define APIC_SVR 0xf0
#define APIC_LVT_TIMER 0x320
#define APIC_TIMER_INIT 0x380
#define APIC_TIMER_CURRENT 0x390
#define APIC_TIMER_DIVIDE 0x3e0
#define SVR_ENABLE 0x100
#define LVT_PERIODIC (1u << 17)
#define LVT_MASKED (1u << 16)
#define DIVIDE_BY_16 0x3

/* Calibration measures CALIBRATE_RUNS windows of CALIBRATE_MS and keeps the shortest
 * count, of the APIC and of the TSC: under QEMU without -icount the host may stop the
 * guest while they count, between starting them and starting the PIT or between the
 * PIT's expiry and the reads, which only ever adds counts (one 10 ms window read 3.7
 * times too many on a loaded host). A window the host left alone is exact; the minimum
 * finds it. */
#define CALIBRATE_MS 2
#define CALIBRATE_RUNS 5

static volatile uint32_t *apic;
static volatile uint64_t ticks;
static uint32_t counts_per_tick;
static uint64_t tsc_per_tick;
static uint64_t last_deadline; /* TSC of the latest timer deadline counted in ticks */
static void (*tick_hook)(uint64_t ticks);
/* The timer while the CPU idles with nothing waiting for a tick: stopped; after it, one
 * short period up to the next deadline (rephase), then periodic again. */
static bool stopped, rephase;

static uint32_t apic_read(unsigned reg) { return apic[reg / 4]; }
static void apic_write(unsigned reg, uint32_t v) { apic[reg / 4] = v; }

void apic_eoi(void) { apic_write(APIC_EOI, 0); }
uint32_t apic_id(void) { return apic_read(APIC_ID) >> 24; }

/* Counts into ticks the timer deadlines passed since the previous tick interrupt. That
 * is one, except when QEMU without -icount was late for a deadline (a busy host): it
 * then delivers the interrupts of all the deadlines it missed as one (on a 2-core host
 * at load 8 only 27 of 50 arrived), and the kernel's clock must not lose them. The
 * latest deadline is now minus the APIC count's progress since it; the deadlines since
 * the previous one are their distance in ticks of TSC, rounded. A host stall between
 * the two reads puts one estimate off; the next interrupt's count makes up for it. */
static void count_deadlines(void)
{
	uint64_t now = rdtsc();
	uint64_t since = counts_per_tick - apic_read(APIC_TIMER_CURRENT);
	uint64_t deadline = now - since * tsc_per_tick / counts_per_tick;
	int64_t passed = ((int64_t)(deadline - last_deadline) + (int64_t)tsc_per_tick / 2) /
			 (int64_t)tsc_per_tick;
	last_deadline = deadline;
	if (passed > 0)
		ticks += (uint64_t)passed;
}

static void on_tick(struct trap_frame *tf)
{
	(void)tf;
	if (rephase) {
		/* the short period after a stop ended at a deadline (a late interrupt
		 * counts the ones it missed) */
		rephase = false;
		apic_write(APIC_TIMER_INIT, counts_per_tick);
		uint64_t passed = (rdtsc() - last_deadline + tsc_per_tick / 2) / tsc_per_tick;
		passed = passed ? passed : 1;
		ticks += passed;
		last_deadline += passed * tsc_per_tick;
	} else {
		count_deadlines();
	}
	if (tick_hook)
		tick_hook(ticks);
	notification_alarms(ticks);
	sched_tick();
	apic_eoi();
}

static void on_spurious(struct trap_frame *tf) { (void)tf; }

/* Sets counts_per_tick and tsc_per_tick: APIC timer counts and TSC cycles per tick
 * (1000 / TIMER_HZ ms), from the PIT. */
static void calibrate(void)
{
	apic_write(APIC_TIMER_DIVIDE, DIVIDE_BY_16);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
	uint32_t elapsed = 0xffffffffu;
	uint64_t tsc_elapsed = UINT64_MAX;
	for (int i = 0; i < CALIBRATE_RUNS; i++) {
		uint64_t tsc = rdtsc();
		apic_write(APIC_TIMER_INIT, 0xffffffffu);
		pit_wait_ms(CALIBRATE_MS);
		uint32_t counted = 0xffffffffu - apic_read(APIC_TIMER_CURRENT);
		tsc = rdtsc() - tsc;
		if (counted < elapsed)
			elapsed = counted;
		if (tsc < tsc_elapsed)
			tsc_elapsed = tsc;
	}
	apic_write(APIC_TIMER_INIT, 0);
	if (elapsed == 0 || tsc_elapsed == 0)
		panic("timer_init: the APIC timer or the TSC did not count during calibration");
	counts_per_tick = elapsed * (1000 / TIMER_HZ) / CALIBRATE_MS;
	tsc_per_tick = tsc_elapsed * (1000 / TIMER_HZ) / CALIBRATE_MS;
}

void timer_init(void)
{
	pic_disable();
	uint64_t base = rdmsr(MSR_APIC_BASE);
	if (base & APIC_BASE_X2APIC)
		panic("timer_init: the firmware left the local APIC in x2APIC mode (unsupported)");
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	apic = paging_map_mmio(base & ~(PAGE_SIZE - 1) & 0xffffffffff000ull, PAGE_SIZE);
	trap_set_handler(VEC_TIMER, on_tick);
	trap_set_handler(VEC_SPURIOUS, on_spurious);
	apic_write(APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	calibrate();
	apic_write(APIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	last_deadline = rdtsc();
	apic_write(APIC_TIMER_INIT, counts_per_tick);
}

void timer_idle(bool idle)
{
	if (idle && !tick_hook && !notification_alarms_armed()) {
		apic_write(APIC_TIMER_INIT, 0);
		stopped = true;
	} else if (!idle && stopped) {
		/* Count the deadlines passed while stopped; the timer's first period ends
		 * at the next one, so ticks keep their phase. */
		stopped = false;
		uint64_t now = rdtsc();
		uint64_t passed = (now - last_deadline) / tsc_per_tick;
		ticks += passed;
		last_deadline += passed * tsc_per_tick;
		uint64_t left = last_deadline + tsc_per_tick - now;
		uint64_t counts = left * counts_per_tick / tsc_per_tick;
		apic_write(APIC_TIMER_INIT, counts ? (uint32_t)counts : 1);
		rephase = true;
	}
}

uint64_t timer_ticks(void) { return ticks; }
uint32_t timer_counts_per_tick(void) { return counts_per_tick; }

void timer_set_tick_hook(void (*hook)(uint64_t ticks)) { tick_hook = hook; }

void apic_send_self_nmi(void)
{
	apic_write(APIC_ICR_HIGH, apic_read(APIC_ID) & 0xff000000u);
	apic_write(APIC_ICR_LOW, ICR_NMI | ICR_ASSERT);
}
