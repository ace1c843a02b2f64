/* The kernel console on COM1: atomic line output, safe from interrupt context. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stdbool.h>
#include <stddef.h>

/* Programs the UART (115200 8N1, FIFO on). Call once before any output. */
void console_init(void);
/* Writes n bytes as one unit: interrupts are off for the whole write, so output from
 * an interrupt handler never lands in the middle of it. "\n" becomes "\r\n". */
void console_write(const char *s, size_t n);
/* Turns on receive interrupts (ISA IRQ 4 through the I/O APIC): each received byte is
 * shown to keep(), in interrupt context, and collects in a ring buffer (the oldest are
 * dropped when it is full) if keep() says so; notify() runs after each batch. Returns
 * false if there is no I/O APIC. */
bool console_input_init(bool (*keep)(char c), void (*notify)(void));
/* Moves up to n received bytes into buf; returns how many (0 if none). */
size_t console_read(char *buf, size_t n);
/* printf to the console, one console_write per call (truncated at 512 bytes). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
