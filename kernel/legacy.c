/* The 8259 PICs (remapped and masked) and PIT channel 2 (used as a stopwatch). */
#include "legacy.h"

#include <stdint.h>

#include "cpu.h"
#include "panic.h"
#include "trap.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xa0
#define PIC2_DATA 0xa1
#define ICW1_INIT_ICW4 0x11
#define ICW4_8086 0x01

#define PIT_HZ 1193182u
#define PIT_CH0_DATA 0x40
#define PIT_CH2_DATA 0x42
#define PIT_COMMAND 0x43
#define PIT_GATE_PORT 0x61   /* bit 0 gate, bit 1 speaker, bit 5 channel 2 output */
#define PIT_CH0_ONESHOT 0x30 /* channel 0, lo/hi byte, mode 0 */
#define PIT_CH2_ONESHOT 0xb0 /* channel 2, lo/hi byte, mode 0 */
#define PIT_POLL_LIMIT 100000000ull

static void ignore_interrupt(struct trap_frame *tf) { (void)tf; }

void pic_disable(void)
{
	outb(PIC1_CMD, ICW1_INIT_ICW4);
	outb(PIC2_CMD, ICW1_INIT_ICW4);
	outb(PIC1_DATA, VEC_PIC_BASE);
	outb(PIC2_DATA, VEC_PIC_BASE + 8);
	outb(PIC1_DATA, 4); /* slave on IRQ 2 */
	outb(PIC2_DATA, 2);
	outb(PIC1_DATA, ICW4_8086);
	outb(PIC2_DATA, ICW4_8086);
	outb(PIC1_DATA, 0xff);
	outb(PIC2_DATA, 0xff);
	/* Channel 0 as the firmware left it (periodic) would keep a timer of QEMU's
	 * running for nothing; mode 0 with a count of 1 expires once and stops. */
	outb(PIT_COMMAND, PIT_CH0_ONESHOT);
	outb(PIT_CH0_DATA, 1);
	outb(PIT_CH0_DATA, 0);
	trap_set_handler(VEC_PIC_SPURIOUS_MASTER, ignore_interrupt);
	trap_set_handler(VEC_PIC_SPURIOUS_SLAVE, ignore_interrupt);
}

void pit_wait_ms(unsigned ms)
{
	if (ms == 0 || ms > 50)
		panic("pit_wait_ms: %u ms is outside 1..50", ms);
	uint32_t count = PIT_HZ / 1000 * ms;
	outb(PIT_GATE_PORT, (inb(PIT_GATE_PORT) & ~0x2) | 0x1);
	outb(PIT_COMMAND, PIT_CH2_ONESHOT);
	outb(PIT_CH2_DATA, count & 0xff);
	outb(PIT_CH2_DATA, count >> 8); /* loading the count starts mode 0 */
	for (uint64_t polls = 0; !(inb(PIT_GATE_PORT) & 0x20); polls++)
		if (polls == PIT_POLL_LIMIT)
			panic("pit_wait_ms: PIT channel 2 never expired (no PIT?)");
}
