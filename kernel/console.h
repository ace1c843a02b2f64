/* The kernel console on COM1: atomic line output, safe from interrupt context. */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

#include <stddef.h>

/* Programs the UART (115200 8N1, FIFO on). Call once before any output. */
void console_init(void);
/* Writes n bytes as one unit: interrupts are off for the whole write, so output from
 * an interrupt handler never lands in the middle of it. "\n" becomes "\r\n". */
void console_write(const char *s, size_t n);
/* printf to the console, one console_write per call (truncated at 512 bytes). */
void kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
