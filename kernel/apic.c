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
static uint64_t last_deadline; /* TSC of the latest deadline counted in ticks (<= now) */
static void (*tick_hook)(uint64_t ticks);
static bool stopped; /* the CPU idles with nothing waiting for a tick: no deadline armed */

static uint32_t apic_read(unsigned reg) { return apic[reg / 4]; }
static void apic_write(unsigned reg, uint32_t v) { apic[reg / 4] = v; }

void apic_eoi(void) { apic_write(APIC_EOI, 0); }
uint32_t apic_id(void) { return apic_read(APIC_ID) >> 24; }

/* The deadlines are every tsc_per_tick TSC cycles from timer_init on, and the timer is
 * armed one shot at a time, for the next one. Counts into ticks the deadlines passed by
 * now: usually one, more when interrupts were held off or QEMU without -icount was late
 * for a deadline (a busy host), none for an interrupt that came before its deadline
 * (one left pending from before a stop). Then arms the next one unless stopped. */
static void count_and_arm(void)
{
	uint64_t now = rdtsc();
	uint64_t passed = (now - last_deadline) / tsc_per_tick;
	ticks += passed;
	last_deadline += passed * tsc_per_tick;
	if (stopped)
		return;
	/* rounded up, and one more: an interrupt early by a count would be one too many */
	uint64_t left = last_deadline + tsc_per_tick - now;
	apic_write(APIC_TIMER_INIT,
		   (uint32_t)((left * counts_per_tick + tsc_per_tick - 1) / tsc_per_tick + 1));
}

static void on_tick(struct trap_frame *tf)
{
	(void)tf;
	count_and_arm();
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
	apic_write(APIC_LVT_TIMER, VEC_TIMER); /* one shot */
	last_deadline = rdtsc();
	apic_write(APIC_TIMER_INIT, counts_per_tick);
}

void timer_idle(bool idle)
{
	if (idle && !tick_hook && !notification_alarms_armed()) {
		apic_write(APIC_TIMER_INIT, 0);
		stopped = true;
	} else if (!idle && stopped) {
		stopped = false;
		count_and_arm();
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
