/* The kernel console: a 16550 UART on COM1, polled for output, interrupt-driven input. */
#include "console.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "apic.h"
#include "cpu.h"
#include "ioapic.h"
#include "trap.h"
#include "fmt.h"

#define COM1 0x3f8
#define UART_DATA 0
#define UART_IER 1
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_IIR 2
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY 0x20
#define IER_RX_AVAILABLE 0x01
#define MCR_DTR_RTS_OUT2 0x0b /* OUT2 gates the UART's interrupt line on PCs */
#define FCR_ENABLE_CLEAR_1BYTE 0x07 /* FIFOs on and cleared, interrupt per byte */
#define INPUT_RING 1024
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
	outb(COM1 + UART_FCR, FCR_ENABLE_CLEAR_1BYTE);
	outb(COM1 + UART_MCR, MCR_DTR_RTS_OUT2);
}

/* Received bytes: written by the interrupt handler, read with interrupts off (the
 * kernel runs with them off), so no lock is needed on one CPU. */
static char ring[INPUT_RING];
static uint32_t ring_head, ring_tail; /* free-running; head - tail bytes held */
static bool (*input_keep)(char c);
static void (*input_notify)(void);

static void on_input(struct trap_frame *tf)
{
	(void)tf;
	while (inb(COM1 + UART_LSR) & LSR_DATA_READY) {
		char c = (char)inb(COM1 + UART_DATA);
		if (!input_keep(c))
			continue;
		if (ring_head - ring_tail == INPUT_RING)
			ring_tail++;
		ring[ring_head++ % INPUT_RING] = c;
	}
	apic_eoi();
	input_notify();
}

bool console_input_init(bool (*keep)(char c), void (*notify)(void))
{
	if (!ioapic_route(IRQ_COM1, VEC_CONSOLE_INPUT))
		return false;
	input_keep = keep;
	input_notify = notify;
	trap_set_handler(VEC_CONSOLE_INPUT, on_input);
	ioapic_mask(IRQ_COM1, false);
	outb(COM1 + UART_IER, IER_RX_AVAILABLE);
	(void)inb(COM1 + UART_IIR);
	return true;
}

size_t console_read(char *buf, size_t n)
{
	size_t got = 0;
	while (got < n && ring_tail != ring_head)
		buf[got++] = ring[ring_tail++ % INPUT_RING];
	return got;
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
