/* Local APIC timer (Intel SDM vol. 3, 11.5.4) calibrated with PIT channel 2. */
#include "timer.h"

#include "cpu.h"
#include "memlayout.h"
#include "paging.h"
#include "panic.h"
#include "trap.h"

#define APIC_BASE_ENABLE (1ull << 11)
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

#define PIT_HZ 1193182u
#define PIT_CH2_DATA 0x42
#define PIT_COMMAND 0x43
#define PIT_GATE_PORT 0x61 /* bit 0 gate, bit 1 speaker, bit 5 channel 2 output */
#define PIT_CH2_ONESHOT 0xb0 /* channel 2, lo/hi byte, mode 0 */
#define CALIBRATE_MS 10

static volatile uint32_t *apic;
static volatile uint64_t ticks;
static uint32_t counts_per_tick;

static uint32_t apic_read(unsigned reg) { return apic[reg / 4]; }
static void apic_write(unsigned reg, uint32_t v) { apic[reg / 4] = v; }

void pit_wait_ms(unsigned ms)
{
	if (ms == 0 || ms > 50)
		panic("pit_wait_ms: %u ms is outside 1..50", ms);
	uint32_t count = PIT_HZ / 1000 * ms;
	outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x2) | 0x1);
	outb(PIT_COMMAND, PIT_CH2_ONESHOT);
	outb(PIT_CH2_DATA, count & 0xff);
	outb(PIT_CH2_DATA, count >> 8); /* loading the count starts mode 0 */
	while (!(inb(PIT_GATE_PORT) & 0x20))
		;
}

static void mask_legacy_pics(void)
{
	outb(0x21, 0xff);
	outb(0xa1, 0xff);
}

static void on_tick(struct trap_frame *tf)
{
	(void)tf;
	ticks++;
	apic_write(APIC_EOI, 0);
}

static void on_spurious(struct trap_frame *tf) { (void)tf; }

static uint32_t calibrate(void)
{
	apic_write(APIC_TIMER_DIVIDE, DIVIDE_BY_16);
	apic_write(APIC_LVT_TIMER, LVT_MASKED);
	apic_write(APIC_TIMER_INIT, 0xffffffffu);
	pit_wait_ms(CALIBRATE_MS);
	uint32_t elapsed = 0xffffffffu - apic_read(APIC_TIMER_CURRENT);
	apic_write(APIC_TIMER_INIT, 0);
	if (elapsed == 0)
		panic("timer_init: the APIC timer did not count during calibration");
	return elapsed * (1000 / TIMER_HZ) / CALIBRATE_MS;
}

void timer_init(void)
{
	mask_legacy_pics();
	uint64_t base = rdmsr(MSR_APIC_BASE);
	wrmsr(MSR_APIC_BASE, base | APIC_BASE_ENABLE);
	apic = paging_map_mmio(base & ~(PAGE_SIZE - 1) & 0xffffffffff000ull, PAGE_SIZE);
	trap_set_handler(VEC_TIMER, on_tick);
	trap_set_handler(VEC_SPURIOUS, on_spurious);
	apic_write(APIC_SVR, SVR_ENABLE | VEC_SPURIOUS);
	counts_per_tick = calibrate();
	apic_write(APIC_LVT_TIMER, LVT_PERIODIC | VEC_TIMER);
	apic_write(APIC_TIMER_INIT, counts_per_tick);
}

uint64_t timer_ticks(void) { return ticks; }
uint32_t timer_counts_per_tick(void) { return counts_per_tick; }
