/* The periodic timer: the local APIC timer, calibrated against the PIT. */
#ifndef KERNEL_TIMER_H
#define KERNEL_TIMER_H

#include <stdint.h>

#define TIMER_HZ 100

/* Masks the legacy PICs, enables the local APIC, calibrates its timer and starts
 * periodic ticks at TIMER_HZ (they arrive once interrupts are enabled). */
void timer_init(void);
/* Ticks since timer_init. */
uint64_t timer_ticks(void);
/* APIC timer counts per tick, as calibrated. */
uint32_t timer_counts_per_tick(void);
/* Busy-waits ms milliseconds on the PIT (independent of the APIC timer); ms <= 50. */
void pit_wait_ms(unsigned ms);

#endif
