/* The kernel console: a polled 16550 UART on COM1. */
#include "console.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"
#include "fmt.h"

#define COM1 0x3f8
#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define LSR_THR_EMPTY 0x20
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define BAUD_DIVISOR 1 /* 115200 baud */
#define KPRINTF_MAX 512

void console_init(void)
{
	outb(COM1 + UART_IER, 0);
	outb(COM1 + UART_LCR, LCR_DLAB);
	outb(COM1 + UART_DATA, BAUD_DIVISOR & 0xff);
	outb(COM1 + UART_IER, BAUD_DIVISOR >> 8);
	outb(COM1 + UART_LCR, LCR_8N1);
	outb(COM1 + UART_FCR, 0xc7); /* enable and clear FIFOs, 14-byte threshold */
	outb(COM1 + UART_MCR, 0x03); /* DTR, RTS */
}

static void uart_put(char c)
{
	while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
		;
	outb(COM1 + UART_DATA, (uint8_t)c);
}

void console_write(const char *s, size_t n)
{
	bool on = irq_save();
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n')
			uart_put('\r');
		uart_put(s[i]);
	}
	irq_restore(on);
}

void kprintf(const char *fmt, ...)
{
	char buf[KPRINTF_MAX];
	va_list ap;
	va_start(ap, fmt);
	size_t n = fmt_vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	console_write(buf, n < sizeof buf ? n : sizeof buf - 1);
}
