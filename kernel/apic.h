/* The local APIC: the periodic timer (calibrated against the PIT), end of interrupt,
 * and interrupts sent to this CPU. */
#ifndef KERNEL_APIC_H
#define KERNEL_APIC_H

#include <stdbool.h>
#include <stdint.h>

#define TIMER_HZ 100

/* Disables the legacy PICs, enables the local APIC (xAPIC mode), calibrates its timer
 * and starts ticks at TIMER_HZ: deadlines every 1/TIMER_HZ s of TSC, the timer armed one
 * shot at a time for the next (they arrive once interrupts are enabled).
 * Panics if the firmware left the APIC in x2APIC mode. */
void timer_init(void);
/* Ticks since timer_init: the deadlines passed, counted from the TSC at each interrupt
 * (one interrupt counts the deadlines a busy host made QEMU miss, or that passed while
 * interrupts were off or the timer stopped: the clock loses none). */
uint64_t timer_ticks(void);
/* Called as the CPU goes idle (true) and as a thread runs again (false). Idle, with no
 * alarm armed and no tick hook, the timer stops: a tick would have nothing to do, and
 * under -icount with sleep=off QEMU moves the guest clock at once to the next deadline
 * of any timer while the CPU halts, so instruction counts taken from the TSC grew with
 * the host's I/O latency (README: Figures). Restarting counts the deadlines passed
 * meanwhile and arms the next: the deadlines stay where they were. */
void timer_idle(bool idle);
/* APIC timer counts per tick, as calibrated. */
uint32_t timer_counts_per_tick(void);
/* Sets the one function called on every tick, in interrupt context (NULL: none). */
void timer_set_tick_hook(void (*hook)(uint64_t ticks));
/* Signals end of interrupt to the local APIC (every vector but the spurious one). */
void apic_eoi(void);
/* This CPU's local APIC ID. */
uint32_t apic_id(void);
/* Sends this CPU a non-maskable interrupt. */
void apic_send_self_nmi(void);

#endif
