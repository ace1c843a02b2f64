/* Segments: the GDT (kernel and user code/data in the order syscall/sysret need) and
 * the TSS with separate stacks for double fault and NMI. */
#ifndef KERNEL_GDT_H
#define KERNEL_GDT_H

#include <stdint.h>

#define GDT_KERNEL_CODE 0x08
#define GDT_KERNEL_DATA 0x10
#define GDT_USER_DATA 0x18
#define GDT_USER_CODE 0x20
#define GDT_TSS 0x28

#define IST_DOUBLE_FAULT 1
#define IST_NMI 2

/* Loads the GDT, reloads every segment register and loads the TSS. */
void gdt_init(void);
/* Sets the stack the CPU switches to on an interrupt from user mode (TSS.rsp0). */
void gdt_set_kernel_stack(uint64_t top);
/* Names the interrupt stack (IST) addr lies in, or returns NULL; for panic reports. */
const char *gdt_ist_stack_name(uint64_t addr);

#endif
