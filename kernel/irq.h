/* Interrupts as notifications: a claimed ISA line signals its bound notification. */
#ifndef KERNEL_IRQ_H
#define KERNEL_IRQ_H

#include "object.h"

/* Sets up the I/O APIC and the interrupt vectors of the ISA lines. Without an I/O
 * APIC, claiming a line fails with ERR_INVALID_ARG. */
void irq_init(void);
/* The IRQ-control singleton handed to the root task. */
struct kobj *irq_control_object(void);

#endif
