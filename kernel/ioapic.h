/* The I/O APIC: routes the legacy ISA interrupt lines to vectors of this CPU. */
#ifndef KERNEL_IOAPIC_H
#define KERNEL_IOAPIC_H

#include <stdbool.h>
#include <stdint.h>

#define ISA_IRQS 16
#define IRQ_COM1 4 /* the kernel console's line */

/* Finds the I/O APIC and the ISA overrides in the ACPI MADT and masks every line.
 * Returns false (IRQ capabilities then fail) if there is no MADT or I/O APIC. */
bool ioapic_init(void);
bool ioapic_present(void);
/* Routes ISA line irq to vector on this CPU, masked; false if the line has no pin. */
bool ioapic_route(unsigned irq, uint8_t vector);
void ioapic_mask(unsigned irq, bool masked);
/* True if the line is level-triggered (then it stays masked until acknowledged). */
bool ioapic_is_level(unsigned irq);

#endif
