/* The report channel: what the system says about a run that is not program output
 * (crash reports, the run's end) goes to a second serial port, COM2, a 16550 UART the
 * pager drives itself through its I/O port capability. The console (COM1) keeps only
 * what programs write and "name: exit(N)" lines: the stream Pintos-style checks read.
 * tools/run shows the channel on stderr; the test runner saves it as report.log. A
 * machine without COM2 (its scratch register does not hold a byte) drops reports. */
#include <stdarg.h>

#include "fmt.h"
#include "ops.h"
#include "pager.h"
#include "rootinfo.h"

#define COM2 0x2f8
#define UART_DATA 0
#define UART_IER 1   /* with DLAB: divisor high byte */
#define UART_FCR 2
#define UART_LCR 3
#define UART_MCR 4
#define UART_LSR 5
#define UART_SCR 7
#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define FCR_ENABLE_CLEAR 0x07
#define MCR_DTR_RTS 0x03     /* no OUT2: the port raises no interrupts */
#define LSR_THR_EMPTY 0x20
#define BAUD_DIVISOR 1       /* 115200 baud */
#define SCRATCH_PROBE 0x5a
#define THR_POLLS 100000     /* a transmitter that never empties: give the line up */

static bool present;

static void out(uint64_t reg, uint64_t value) { ioport_out(SLOT_IOPORTS, COM2 + reg, 1, value); }

static uint64_t in(uint64_t reg)
{
	uint64_t value = 0;
	return ioport_in(SLOT_IOPORTS, COM2 + reg, 1, &value) ? 0 : value;
}

void report_init(void)
{
	out(UART_SCR, SCRATCH_PROBE);
	present = in(UART_SCR) == SCRATCH_PROBE;
	if (!present)
		return;
	out(UART_IER, 0);
	out(UART_LCR, LCR_DLAB);
	out(UART_DATA, BAUD_DIVISOR & 0xff);
	out(UART_IER, BAUD_DIVISOR >> 8);
	out(UART_LCR, LCR_8N1);
	out(UART_FCR, FCR_ENABLE_CLEAR);
	out(UART_MCR, MCR_DTR_RTS);
}

void report_line(const char *fmt, ...)
{
	if (!present)
		return;
	char line[REPORT_TEXT_MAX + 1];
	va_list ap;
	va_start(ap, fmt);
	size_t n = fmt_vsnprintf(line, REPORT_TEXT_MAX, fmt, ap);
	va_end(ap);
	n = n < REPORT_TEXT_MAX - 1 ? n : REPORT_TEXT_MAX - 1;
	line[n] = '\n';
	line[n + 1] = '\0';
	for (const char *c = line; *c; c++) {
		for (unsigned polls = 0; !(in(UART_LSR) & LSR_THR_EMPTY); polls++)
			if (polls == THR_POLLS)
				return;
		out(UART_DATA, (uint8_t)*c);
	}
}
