/* Console output through the console capability (see console.h). */
#include "console.h"

#include <stdarg.h>

#include "fmt.h"
#include "ops.h"
#include "slots.h"
#include "uthread.h"

_Static_assert(sizeof(((struct ipc_buffer *)0)->words) >= CONSOLE_WRITE_MAX,
	       "console text fits the IPC buffer");

long cprintf(const char *fmt, ...)
{
	char *text = (char *)ipc_buf()->words;
	va_list ap;

	va_start(ap, fmt);
	size_t n = fmt_vsnprintf(text, CONSOLE_WRITE_MAX, fmt, ap);
	va_end(ap);
	if (n > CONSOLE_WRITE_MAX - 1)
		n = CONSOLE_WRITE_MAX - 1;
	return console_write(CSLOT_CONSOLE, n);
}
