/* assert.h's failure path: report the expression and its place, then exit. */
#include <assert.h>
#include <stdio.h>

#include "libc_sys.h"

void libc_assert_fail(const char *expr, const char *file, int line)
{
	printf("assertion failed: %s (%s:%d)\n", expr, file, line);
	libc_exit(1);
}
