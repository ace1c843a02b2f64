/* debug_panic for Pintos programs (debug.h). */
#include <debug.h>
#include <stdarg.h>
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
