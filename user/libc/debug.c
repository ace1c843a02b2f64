/* debug_panic and debug_backtrace for Pintos programs (debug.h). */
#include <debug.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>

#include "libc_sys.h"

void debug_panic(const char *file, int line, const char *function, const char *message, ...)
{
	va_list ap;
	printf("User process ABORT at %s:%d in %s(): ", file, line, function);
	va_start(ap, message);
	vprintf(message, ap);
	va_end(ap);
	printf("\n");
	libc_exit(1);
}

void debug_backtrace(void)
{
	printf("Call stack:");
	/* A frame holds the caller's frame pointer, then the return address. */
	for (void *const *frame = __builtin_frame_address(0); frame && frame[0];) {
		printf(" %p", frame[1]);
		void *const *up = frame[0];
		if (up <= frame || (uintptr_t)up % sizeof *up != 0)
			break;
		frame = up;
	}
	printf(".\n");
}
