/* The interrupt descriptor table and the dispatch of every vector: kernel-mode
 * exceptions panic, interrupts go to their registered handler. */
#include "trap.h"

#include <stdbool.h>

#include "gdt.h"
#include "syscall.h"
#include "fault.h"
#include "panic.h"
#include "sched.h"
#include "syscall_entry.h"

#define IDT_VECTORS 256
#define GATE_INTERRUPT 0x8e00 /* present, DPL0, 64-bit interrupt gate */
#define GATE_USER 0x6000      /* DPL3: `int` from user mode may use the gate */

struct idt_gate {
	uint16_t offset_lo;
	uint16_t selector;
	uint16_t flags; /* IST index in the low 3 bits */
	uint16_t offset_mid;
	uint32_t offset_hi;
	uint32_t reserved;
};
_Static_assert(sizeof(struct idt_gate) == 16, "idt_gate layout");

extern const uint64_t isr_stubs[IDT_VECTORS];

static struct idt_gate idt[IDT_VECTORS];
static irq_handler_fn handlers[IDT_VECTORS];

static void set_gate(unsigned v, uint64_t addr, unsigned ist)
{
	unsigned dpl = v == INSPECT_VECTOR ? GATE_USER : 0;
	idt[v] = (struct idt_gate){
		.offset_lo = addr & 0xffff,
		.selector = GDT_KERNEL_CODE,
		.flags = (uint16_t)(GATE_INTERRUPT | dpl | ist),
		.offset_mid = (addr >> 16) & 0xffff,
		.offset_hi = addr >> 32,
	};
}

void idt_init(void)
{
	for (unsigned v = 0; v < IDT_VECTORS; v++)
		set_gate(v, isr_stubs[v], 0);
	set_gate(VEC_DOUBLE_FAULT, isr_stubs[VEC_DOUBLE_FAULT], IST_DOUBLE_FAULT);
	set_gate(VEC_NMI, isr_stubs[VEC_NMI], IST_NMI);
	struct {
		uint16_t limit;
		uint64_t base;
	} __attribute__((packed)) ptr = { sizeof idt - 1, (uint64_t)idt };
	__asm__ volatile("lidt %0" ::"m"(ptr));
}

void trap_set_handler(unsigned vector, irq_handler_fn fn)
{
	if (vector < 32 || vector >= IDT_VECTORS || handlers[vector])
		panic("trap_set_handler: vector %u invalid or taken", vector);
	handlers[vector] = fn;
}

void trap_dispatch(struct trap_frame *tf)
{
	bool from_user = tf->cs & 3;
	bool machine = tf->vector == VEC_NMI || tf->vector == VEC_DOUBLE_FAULT || tf->vector == VEC_MACHINE_CHECK;
	if (tf->vector < 32 && from_user && !machine)
		fault_deliver(thread_current(), tf);
	else if (tf->vector >= 32 && handlers[tf->vector])
		handlers[tf->vector](tf);
	else
		panic_trap(tf);
	/* The kernel is not preemptible: interrupts reach it only in user mode and in the
	 * idle loop, the two places where switching threads is safe. */
	if (from_user || sched_in_idle())
		return_to_user_checks();
}
