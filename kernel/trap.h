/* The saved CPU state of an interrupt or exception (built by isr.asm), and the
 * interrupt descriptor table. */
#ifndef KERNEL_TRAP_H
#define KERNEL_TRAP_H

#include <stdint.h>

struct trap_frame {
	uint64_t r15, r14, r13, r12, r11, r10, r9, r8;
	uint64_t rbp, rdi, rsi, rdx, rcx, rbx, rax;
	uint64_t vector, error;
	uint64_t rip, cs, rflags, rsp, ss; /* pushed by the CPU */
};
_Static_assert(sizeof(struct trap_frame) == 22 * 8, "trap_frame matches isr.asm");

#define VEC_DOUBLE_FAULT 8
#define VEC_NMI 2
#define VEC_PAGE_FAULT 14
#define VEC_MACHINE_CHECK 18
#define VEC_TIMER 0x30
#define VEC_CONSOLE_INPUT 0x50
#define VEC_SPURIOUS 0xff

typedef void (*irq_handler_fn)(struct trap_frame *tf);

/* Loads the IDT: every vector goes to trap_dispatch; double fault and NMI run on their
 * own IST stacks (see gdt.c). */
void idt_init(void);
/* Installs the handler of an interrupt vector (>= 32). Replacing one is a bug. */
void trap_set_handler(unsigned vector, irq_handler_fn fn);
/* Called by isr.asm for every vector: user exceptions become fault messages, kernel
 * exceptions panic, interrupts run their handler. */
void trap_dispatch(struct trap_frame *tf);

#endif
