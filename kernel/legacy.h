/* Legacy PC devices the kernel only touches at start-up: the 8259 PICs and the PIT. */
#ifndef KERNEL_LEGACY_H
#define KERNEL_LEGACY_H

/* First vector of the remapped master PIC; its IRQ 7 and the slave's IRQ 15 can still
 * arrive as spurious interrupts after masking. */
#define VEC_PIC_BASE 0x20
#define VEC_PIC_SPURIOUS_MASTER (VEC_PIC_BASE + 7)
#define VEC_PIC_SPURIOUS_SLAVE (VEC_PIC_BASE + 15)

/* Remaps both PICs to VEC_PIC_BASE.. (away from the exception vectors), masks every
 * line, and ignores their spurious interrupts: the local APIC takes over. */
void pic_disable(void);
/* Busy-waits ms milliseconds (1..50) on PIT channel 2, an independent clock. Panics if
 * the PIT never expires rather than hanging silently. */
void pit_wait_ms(unsigned ms);

#endif
